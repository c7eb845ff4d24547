//! The supporting parts: styles, numbering, settings, font table, theme, document properties,
//! content types and relationships.

use std::collections::BTreeSet;

use super::design::{Design, StyleMap};
use super::document::{Links, MONO_FONT, NS_R, NS_W, PartIds, list_indent};
use super::markdown::OrderedList;
use super::xml::{El, Xml, el, parent, val};
use super::{DocumentMeta, DocxError};

const FONT: &str = "Arial";
const HEADING_COLOR: &str = "1F3864";
const GREY: &str = "595959";

const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_OFFICE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn spacing(before: u32, after: u32, line: Option<u32>) -> El {
    let (b, a) = (before.to_string(), after.to_string());
    match line {
        Some(l) => el(
            "w:spacing",
            &[
                ("w:before", &b),
                ("w:after", &a),
                ("w:line", &l.to_string()),
                ("w:lineRule", "auto"),
            ],
        ),
        None => el("w:spacing", &[("w:before", &b), ("w:after", &a)]),
    }
}

fn sz(half_points: u32) -> [El; 2] {
    let v = half_points.to_string();
    [val("w:sz", &v), val("w:szCs", &v)]
}

fn fonts(name: &str) -> El {
    el(
        "w:rFonts",
        &[
            ("w:ascii", name),
            ("w:hAnsi", name),
            ("w:eastAsia", name),
            ("w:cs", name),
        ],
    )
}

fn border(side: &'static str, size: &str, color: &str, space: &str) -> El {
    el(
        side,
        &[
            ("w:val", "single"),
            ("w:sz", size),
            ("w:space", space),
            ("w:color", color),
        ],
    )
}

/// One `w:style`. Children are emitted in schema order: name, basedOn, next, uiPriority,
/// semiHidden, unhideWhenUsed, qFormat, pPr, rPr, tblPr.
struct Style {
    kind: &'static str,
    id: &'static str,
    name: &'static str,
    default: bool,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
    ui_priority: Option<u32>,
    hidden_until_used: bool,
    qformat: bool,
    ppr: Vec<El>,
    rpr: Vec<El>,
    tblpr: Vec<El>,
}

impl Style {
    fn new(kind: &'static str, id: &'static str, name: &'static str) -> Self {
        Self {
            kind,
            id,
            name,
            default: false,
            based_on: None,
            next: None,
            ui_priority: None,
            hidden_until_used: false,
            qformat: false,
            ppr: Vec::new(),
            rpr: Vec::new(),
            tblpr: Vec::new(),
        }
    }

    /// The element; `map` gives the ids of the styles it refers to, `default` whether it
    /// may be its type's default style.
    fn to_el(&self, map: &StyleMap, default: bool) -> El {
        let mut attrs = vec![("w:type", self.kind.to_string())];
        if self.default && default {
            attrs.push(("w:default", "1".to_string()));
        }
        attrs.push(("w:styleId", self.id.to_string()));
        let mut children = vec![val("w:name", self.name)];
        if let Some(b) = self.based_on {
            children.push(val("w:basedOn", map.id(b)));
        }
        if let Some(n) = self.next {
            children.push(val("w:next", map.id(n)));
        }
        if let Some(p) = self.ui_priority {
            children.push(val("w:uiPriority", &p.to_string()));
        }
        if self.hidden_until_used {
            children.push(el("w:semiHidden", &[]));
            children.push(el("w:unhideWhenUsed", &[]));
        }
        if self.qformat {
            children.push(el("w:qFormat", &[]));
        }
        if !self.ppr.is_empty() {
            children.push(parent("w:pPr", self.ppr.clone()));
        }
        if !self.rpr.is_empty() {
            children.push(parent("w:rPr", self.rpr.clone()));
        }
        if !self.tblpr.is_empty() {
            children.push(parent("w:tblPr", self.tblpr.clone()));
        }
        El {
            name: "w:style",
            attrs,
            children,
        }
    }
}

fn styles() -> Vec<Style> {
    let mut out = Vec::new();

    let mut normal = Style::new("paragraph", "Normal", "Normal");
    normal.default = true;
    normal.qformat = true;
    out.push(normal);

    let mut dpf = Style::new(
        "character",
        "DefaultParagraphFont",
        "Default Paragraph Font",
    );
    dpf.default = true;
    dpf.ui_priority = Some(1);
    dpf.hidden_until_used = true;
    out.push(dpf);

    let mut table_normal = Style::new("table", "TableNormal", "Normal Table");
    table_normal.default = true;
    table_normal.ui_priority = Some(99);
    table_normal.hidden_until_used = true;
    table_normal.tblpr = vec![
        el("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]),
        parent(
            "w:tblCellMar",
            vec![
                el("w:top", &[("w:w", "0"), ("w:type", "dxa")]),
                el("w:left", &[("w:w", "108"), ("w:type", "dxa")]),
                el("w:bottom", &[("w:w", "0"), ("w:type", "dxa")]),
                el("w:right", &[("w:w", "108"), ("w:type", "dxa")]),
            ],
        ),
    ];
    out.push(table_normal);

    let mut no_list = Style::new("numbering", "NoList", "No List");
    no_list.default = true;
    no_list.ui_priority = Some(99);
    no_list.hidden_until_used = true;
    out.push(no_list);

    let mut title = Style::new("paragraph", "Title", "Title");
    title.based_on = Some("Normal");
    title.next = Some("Normal");
    title.ui_priority = Some(10);
    title.qformat = true;
    title.ppr = vec![spacing(0, 240, Some(240))];
    title.rpr = vec![
        el("w:b", &[]),
        val("w:color", HEADING_COLOR),
        val("w:kern", "28"),
    ];
    title.rpr.extend(sz(44));
    out.push(title);

    let mut subtitle = Style::new("paragraph", "Subtitle", "Subtitle");
    subtitle.based_on = Some("Normal");
    subtitle.next = Some("Normal");
    subtitle.ui_priority = Some(11);
    subtitle.qformat = true;
    subtitle.ppr = vec![spacing(0, 240, None)];
    subtitle.rpr = vec![val("w:color", GREY)];
    subtitle.rpr.extend(sz(28));
    out.push(subtitle);

    // (id, name, size in half-points, space before, italic)
    let headings: [(&str, &str, u32, u32, bool); 4] = [
        ("Heading1", "heading 1", 32, 360, false),
        ("Heading2", "heading 2", 26, 240, false),
        ("Heading3", "heading 3", 24, 200, false),
        ("Heading4", "heading 4", 22, 160, true),
    ];
    for (level, (id, name, size, before, italic)) in headings.into_iter().enumerate() {
        let mut h = Style::new("paragraph", id, name);
        h.based_on = Some("Normal");
        h.next = Some("Normal");
        h.ui_priority = Some(9);
        h.hidden_until_used = level > 0;
        h.qformat = true;
        h.ppr = vec![
            el("w:keepNext", &[]),
            el("w:keepLines", &[]),
            spacing(before, 120, None),
            val("w:outlineLvl", &level.to_string()),
        ];
        h.rpr = vec![el("w:b", &[]), el("w:bCs", &[])];
        if italic {
            h.rpr.push(el("w:i", &[]));
        }
        h.rpr.push(val("w:color", HEADING_COLOR));
        h.rpr.extend(sz(size));
        out.push(h);
    }

    let mut quote = Style::new("paragraph", "Quote", "Quote");
    quote.based_on = Some("Normal");
    quote.next = Some("Normal");
    quote.ui_priority = Some(29);
    quote.qformat = true;
    quote.ppr = vec![
        parent("w:pBdr", vec![border("w:left", "12", "8EAADB", "8")]),
        spacing(120, 120, None),
        el("w:ind", &[("w:left", "567"), ("w:right", "567")]),
    ];
    quote.rpr = vec![el("w:i", &[]), el("w:iCs", &[]), val("w:color", "404040")];
    out.push(quote);

    let mut list = Style::new("paragraph", "ListParagraph", "List Paragraph");
    list.based_on = Some("Normal");
    list.ui_priority = Some(34);
    list.qformat = true;
    list.ppr = vec![
        spacing(0, 60, None),
        el("w:ind", &[("w:left", &list_indent(0).to_string())]),
    ];
    out.push(list);

    let mut code = Style::new("paragraph", "SourceCode", "Source Code");
    code.based_on = Some("Normal");
    code.ppr = vec![
        el(
            "w:shd",
            &[
                ("w:val", "clear"),
                ("w:color", "auto"),
                ("w:fill", "F2F2F2"),
            ],
        ),
        spacing(0, 120, Some(240)),
    ];
    code.rpr = vec![fonts(MONO_FONT)];
    code.rpr.extend(sz(20));
    out.push(code);

    for (id, name, side) in [
        ("Header", "header", "w:bottom"),
        ("Footer", "footer", "w:top"),
    ] {
        let mut s = Style::new("paragraph", id, name);
        s.based_on = Some("Normal");
        s.ui_priority = Some(99);
        s.hidden_until_used = true;
        s.ppr = vec![
            parent("w:pBdr", vec![border(side, "4", "A6A6A6", "4")]),
            parent(
                "w:tabs",
                vec![el(
                    "w:tab",
                    &[
                        ("w:val", "right"),
                        ("w:pos", &super::document::TEXT_WIDTH.to_string()),
                    ],
                )],
            ),
            spacing(0, 0, Some(240)),
        ];
        s.rpr = vec![val("w:color", GREY)];
        s.rpr.extend(sz(18));
        out.push(s);
    }

    let mut link = Style::new("character", "Hyperlink", "Hyperlink");
    link.based_on = Some("DefaultParagraphFont");
    link.ui_priority = Some(99);
    link.hidden_until_used = true;
    link.rpr = vec![val("w:color", "0563C1"), val("w:u", "single")];
    out.push(link);

    let mut ft = Style::new("paragraph", "FootnoteText", "footnote text");
    ft.based_on = Some("Normal");
    ft.ui_priority = Some(99);
    ft.hidden_until_used = true;
    ft.ppr = vec![spacing(0, 0, Some(240))];
    ft.rpr = sz(18).to_vec();
    out.push(ft);

    let mut fr = Style::new("character", "FootnoteReference", "footnote reference");
    fr.based_on = Some("DefaultParagraphFont");
    fr.ui_priority = Some(99);
    fr.hidden_until_used = true;
    fr.rpr = vec![val("w:vertAlign", "superscript")];
    out.push(fr);

    let mut grid = Style::new("table", "TableGrid", "Table Grid");
    grid.based_on = Some("TableNormal");
    grid.ui_priority = Some(39);
    grid.ppr = vec![spacing(0, 0, Some(240))];
    grid.tblpr = vec![
        parent(
            "w:tblBorders",
            [
                "w:top",
                "w:left",
                "w:bottom",
                "w:right",
                "w:insideH",
                "w:insideV",
            ]
            .into_iter()
            .map(|side| border(side, "4", "8C8C8C", "0"))
            .collect(),
        ),
        parent(
            "w:tblCellMar",
            vec![
                el("w:left", &[("w:w", "85"), ("w:type", "dxa")]),
                el("w:right", &[("w:w", "85"), ("w:type", "dxa")]),
            ],
        ),
    ];
    out.push(grid);
    out
}

/// `(id, name, type)` of every built-in style, for matching against a reference document.
pub(crate) fn builtin_style_keys() -> Vec<(&'static str, &'static str, &'static str)> {
    styles().iter().map(|s| (s.id, s.name, s.kind)).collect()
}

/// word/styles.xml: the reference document's styles plus the built-in styles it lacks, or
/// the built-in styles.
pub(crate) fn styles_xml(design: &Design) -> Result<Vec<u8>, DocxError> {
    let Some(reference) = &design.reference else {
        return builtin_styles_xml();
    };
    let xml = &reference.styles_xml;
    // The reference's root is verified to be w:styles, so its end tag closes the text.
    let end = xml.rfind("</w:styles>").unwrap_or(xml.len());
    let mut out = xml.as_bytes()[..end].to_vec();
    let mut added = Xml::fragment();
    let mut defaults: BTreeSet<String> = reference.defaults.clone();
    for s in styles() {
        if reference.missing.contains(s.id) {
            let default = defaults.insert(s.kind.to_string());
            added.write_el(&s.to_el(&reference.map, default))?;
        }
    }
    out.extend_from_slice(&added.finish());
    out.extend_from_slice(b"</w:styles>");
    Ok(out)
}

fn builtin_styles_xml() -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:styles", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    let mut rpr = vec![fonts(FONT)];
    rpr.extend(sz(22));
    rpr.push(el(
        "w:lang",
        &[
            ("w:val", "de-DE"),
            ("w:eastAsia", "en-US"),
            ("w:bidi", "ar-SA"),
        ],
    ));
    let defaults = parent(
        "w:docDefaults",
        vec![
            parent("w:rPrDefault", vec![parent("w:rPr", rpr)]),
            parent(
                "w:pPrDefault",
                vec![parent("w:pPr", vec![spacing(0, 120, Some(264))])],
            ),
        ],
    );
    x.write_el(&defaults)?;
    for s in styles() {
        x.write_el(&s.to_el(&StyleMap::default(), true))?;
    }
    x.end("w:styles")?;
    Ok(x.finish())
}

/// word/numbering.xml: abstractNum 0 = bullets, 1 = decimal (9 levels each); num 1 = bullets;
/// every ordered list its own num with a startOverride at its level so numbering restarts.
pub(crate) fn numbering_xml(ordered: &[OrderedList]) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:numbering", &[("xmlns:w", NS_W), ("xmlns:r", NS_R)])?;
    for (abs_id, nsid, bullets) in [("0", "4B1D0A01", true), ("1", "4B1D0A02", false)] {
        let mut children = vec![
            val("w:nsid", nsid),
            val("w:multiLevelType", "hybridMultilevel"),
        ];
        for level in 0u8..9 {
            // lvl order: start, numFmt, lvlText, lvlJc, pPr, rPr
            let (fmt, text) = if bullets {
                (
                    "bullet",
                    if level % 2 == 0 {
                        "\u{2022}"
                    } else {
                        "\u{2013}"
                    }
                    .to_string(),
                )
            } else {
                let n = level + 1;
                match level % 3 {
                    0 => ("decimal", format!("%{n}.")),
                    1 => ("lowerLetter", format!("%{n})")),
                    _ => ("lowerRoman", format!("%{n}.")),
                }
            };
            let mut lvl = vec![
                val("w:start", "1"),
                val("w:numFmt", fmt),
                val("w:lvlText", &text),
                val("w:lvlJc", "left"),
                parent(
                    "w:pPr",
                    vec![el(
                        "w:ind",
                        &[
                            ("w:left", &list_indent(level).to_string()),
                            ("w:hanging", "360"),
                        ],
                    )],
                ),
            ];
            if bullets {
                lvl.push(parent(
                    "w:rPr",
                    vec![el("w:rFonts", &[("w:ascii", FONT), ("w:hAnsi", FONT)])],
                ));
            }
            children.push(El {
                name: "w:lvl",
                attrs: vec![("w:ilvl", level.to_string())],
                children: lvl,
            });
        }
        x.write_el(&El {
            name: "w:abstractNum",
            attrs: vec![("w:abstractNumId", abs_id.to_string())],
            children,
        })?;
    }
    x.write_el(&El {
        name: "w:num",
        attrs: vec![("w:numId", super::markdown::BULLET_NUM_ID.to_string())],
        children: vec![val("w:abstractNumId", "0")],
    })?;
    for list in ordered {
        x.write_el(&El {
            name: "w:num",
            attrs: vec![("w:numId", list.num_id.to_string())],
            children: vec![
                val("w:abstractNumId", "1"),
                El {
                    name: "w:lvlOverride",
                    attrs: vec![("w:ilvl", list.level.to_string())],
                    children: vec![val("w:startOverride", &list.start.to_string())],
                },
            ],
        })?;
    }
    x.end("w:numbering")?;
    Ok(x.finish())
}

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

/// docProps/core.xml
pub(crate) fn core_xml(meta: &DocumentMeta) -> Result<Vec<u8>, DocxError> {
    let stamp = format!("{}T00:00:00Z", meta.date.format("%Y-%m-%d"));
    let mut x = Xml::new()?;
    x.start(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    )?;
    x.leaf("dc:title", &[], &meta.title)?;
    x.leaf("dc:subject", &[], &meta.subject)?;
    x.leaf("dc:creator", &[], &meta.author)?;
    x.leaf("dc:language", &[], "de-DE")?;
    x.leaf("cp:lastModifiedBy", &[], &meta.author)?;
    x.leaf("dcterms:created", &[("xsi:type", "dcterms:W3CDTF")], &stamp)?;
    x.leaf(
        "dcterms:modified",
        &[("xsi:type", "dcterms:W3CDTF")],
        &stamp,
    )?;
    x.end("cp:coreProperties")?;
    Ok(x.finish())
}

/// docProps/app.xml
pub(crate) fn app_xml() -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ],
    )?;
    x.leaf("Application", &[], "briefing")?;
    x.leaf("DocSecurity", &[], "0")?;
    x.end("Properties")?;
    Ok(x.finish())
}

const CT_WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// [Content_Types].xml
pub(crate) fn content_types_xml(ids: &PartIds) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    )?;
    x.empty(
        "Default",
        &[
            ("Extension", "rels"),
            (
                "ContentType",
                "application/vnd.openxmlformats-package.relationships+xml",
            ),
        ],
    )?;
    if ids.logo {
        x.empty(
            "Default",
            &[("Extension", "png"), ("ContentType", "image/png")],
        )?;
    }
    x.empty(
        "Default",
        &[("Extension", "xml"), ("ContentType", "application/xml")],
    )?;
    let mut overrides = vec![
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
        ),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
        ("/word/document.xml", format!("{CT_WML}.document.main+xml")),
        ("/word/fontTable.xml", format!("{CT_WML}.fontTable+xml")),
        ("/word/footer1.xml", format!("{CT_WML}.footer+xml")),
        ("/word/footnotes.xml", format!("{CT_WML}.footnotes+xml")),
        ("/word/header1.xml", format!("{CT_WML}.header+xml")),
        ("/word/numbering.xml", format!("{CT_WML}.numbering+xml")),
        ("/word/settings.xml", format!("{CT_WML}.settings+xml")),
        ("/word/styles.xml", format!("{CT_WML}.styles+xml")),
        (
            "/word/theme/theme1.xml",
            "application/vnd.openxmlformats-officedocument.theme+xml".to_string(),
        ),
    ];
    if ids.landscape {
        overrides.push(("/word/footer2.xml", format!("{CT_WML}.footer+xml")));
        overrides.push(("/word/header2.xml", format!("{CT_WML}.header+xml")));
        overrides.sort();
    }
    for (part, ct) in &overrides {
        x.empty("Override", &[("PartName", part), ("ContentType", ct)])?;
    }
    x.end("Types")?;
    Ok(x.finish())
}

/// A relationships part: `(id, type suffix, target, external)` rows, in the given order.
fn rels_xml(rows: &[(String, String, String, bool)]) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("Relationships", &[("xmlns", REL_NS)])?;
    for (id, ty, target, external) in rows {
        let mut attrs = vec![
            ("Id", id.as_str()),
            ("Type", ty.as_str()),
            ("Target", target.as_str()),
        ];
        if *external {
            attrs.push(("TargetMode", "External"));
        }
        x.empty("Relationship", &attrs)?;
    }
    x.end("Relationships")?;
    Ok(x.finish())
}

/// _rels/.rels
pub(crate) fn package_rels_xml() -> Result<Vec<u8>, DocxError> {
    rels_xml(&[
        (
            "rId1".into(),
            format!("{REL_OFFICE}/officeDocument"),
            "word/document.xml".into(),
            false,
        ),
        (
            "rId2".into(),
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .into(),
            "docProps/core.xml".into(),
            false,
        ),
        (
            "rId3".into(),
            format!("{REL_OFFICE}/extended-properties"),
            "docProps/app.xml".into(),
            false,
        ),
    ])
}

/// word/_rels/document.xml.rels: fixed parts rId1..rId8 (header rId7, footer rId8; with a
/// landscape section also its header rId9 and footer rId10), then the hyperlinks in order of
/// first appearance.
pub(crate) fn document_rels_xml(links: &Links, ids: &PartIds) -> Result<Vec<u8>, DocxError> {
    let mut fixed = vec![
        ("styles", "styles.xml"),
        ("settings", "settings.xml"),
        ("fontTable", "fontTable.xml"),
        ("theme", "theme/theme1.xml"),
        ("numbering", "numbering.xml"),
        ("footnotes", "footnotes.xml"),
        ("header", "header1.xml"),
        ("footer", "footer1.xml"),
    ];
    if ids.landscape {
        fixed.push(("header", "header2.xml"));
        fixed.push(("footer", "footer2.xml"));
    }
    let mut rows: Vec<(String, String, String, bool)> = fixed
        .iter()
        .enumerate()
        .map(|(i, (ty, target))| {
            (
                format!("rId{}", i + 1),
                format!("{REL_OFFICE}/{ty}"),
                (*target).to_string(),
                false,
            )
        })
        .collect();
    rows.extend(hyperlink_rows(links));
    rels_xml(&rows)
}

/// word/_rels/headerN.xml.rels: the logo picture as rId1.
pub(crate) fn header_rels_xml() -> Result<Vec<u8>, DocxError> {
    rels_xml(&[(
        super::document::LOGO_RID.into(),
        format!("{REL_OFFICE}/image"),
        "media/logo.png".into(),
        false,
    )])
}

/// word/_rels/footnotes.xml.rels (hyperlinks inside footnotes).
pub(crate) fn footnote_rels_xml(links: &Links) -> Result<Vec<u8>, DocxError> {
    rels_xml(&hyperlink_rows(links))
}

fn hyperlink_rows(links: &Links) -> Vec<(String, String, String, bool)> {
    links
        .entries()
        .map(|(id, url)| (id, format!("{REL_OFFICE}/hyperlink"), url.to_string(), true))
        .collect()
}
