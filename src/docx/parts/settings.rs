//! The parts that never depend on the document: word/settings.xml, and the built-in font
//! table and theme (a reference document may bring its own).

use crate::docx::error::DocxError;
use crate::docx::ooxml::{FONT, MONO_FONT, NS_R, NS_W};
use crate::docx::xml::{El, Xml, el, parent, val};

/// word/settings.xml (zoom, defaultTabStop, characterSpacingControl, footnotePr, compat,
/// themeFontLang, clrSchemeMapping, decimalSymbol, listSeparator - in schema order).
pub(crate) fn settings_xml() -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:settings", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    for e in [
        el("w:zoom", &[("w:percent", "100")]),
        val("w:defaultTabStop", "708"),
        val("w:hyphenationZone", "425"),
        val("w:characterSpacingControl", "doNotCompress"),
        parent(
            "w:footnotePr",
            vec![
                el("w:footnote", &[("w:id", "-1")]),
                el("w:footnote", &[("w:id", "0")]),
            ],
        ),
        parent(
            "w:compat",
            vec![el(
                "w:compatSetting",
                &[
                    ("w:name", "compatibilityMode"),
                    ("w:uri", "http://schemas.microsoft.com/office/word"),
                    ("w:val", "15"),
                ],
            )],
        ),
        el(
            "w:themeFontLang",
            &[
                ("w:val", "de-DE"),
                ("w:eastAsia", "en-US"),
                ("w:bidi", "ar-SA"),
            ],
        ),
        el(
            "w:clrSchemeMapping",
            &[
                ("w:bg1", "light1"),
                ("w:t1", "dark1"),
                ("w:bg2", "light2"),
                ("w:t2", "dark2"),
                ("w:accent1", "accent1"),
                ("w:accent2", "accent2"),
                ("w:accent3", "accent3"),
                ("w:accent4", "accent4"),
                ("w:accent5", "accent5"),
                ("w:accent6", "accent6"),
                ("w:hyperlink", "hyperlink"),
                ("w:followedHyperlink", "followedHyperlink"),
            ],
        ),
        val("w:decimalSymbol", ","),
        val("w:listSeparator", ";"),
    ] {
        x.write_el(&e)?;
    }
    x.end("w:settings")?;
    Ok(x.finish())
}

/// word/fontTable.xml
pub(crate) fn font_table_xml() -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:fonts", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    for (name, panose, family, pitch) in [
        (FONT, "020B0604020202020204", "swiss", "variable"),
        (MONO_FONT, "02070309020205020404", "modern", "fixed"),
    ] {
        x.write_el(&El {
            name: "w:font",
            attrs: vec![("w:name", name.to_string())],
            children: vec![
                val("w:panose1", panose),
                val("w:charset", "00"),
                val("w:family", family),
                val("w:pitch", pitch),
            ],
        })?;
    }
    x.end("w:fonts")?;
    Ok(x.finish())
}

/// word/theme/theme1.xml: a minimal complete theme (colours, Arial fonts, format scheme).
pub(crate) const THEME_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\r\n",
    r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Briefing">"#,
    r#"<a:themeElements><a:clrScheme name="Briefing">"#,
    r#"<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>"#,
    r#"<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>"#,
    r#"<a:dk2><a:srgbClr val="1F3864"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>"#,
    r#"<a:accent1><a:srgbClr val="2F5496"/></a:accent1><a:accent2><a:srgbClr val="8EAADB"/></a:accent2>"#,
    r#"<a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="BF9000"/></a:accent4>"#,
    r#"<a:accent5><a:srgbClr val="4472C4"/></a:accent5><a:accent6><a:srgbClr val="538135"/></a:accent6>"#,
    r#"<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink>"#,
    r#"</a:clrScheme><a:fontScheme name="Briefing">"#,
    r#"<a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>"#,
    r#"<a:minorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>"#,
    r#"</a:fontScheme><a:fmtScheme name="Briefing"><a:fillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:fillStyleLst><a:lnStyleLst>"#,
    r#"<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#,
    r#"</a:lnStyleLst><a:effectStyleLst>"#,
    r#"<a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle>"#,
    r#"</a:effectStyleLst><a:bgFillStyleLst>"#,
    r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#,
    r#"</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#,
);
