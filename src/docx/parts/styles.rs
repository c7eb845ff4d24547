//! word/styles.xml: the built-in sober styles (Arial, dark blue headings), or a reference
//! document's styles plus the built-in styles it lacks.

use std::collections::BTreeSet;

use crate::docx::design::Reference;
use crate::docx::error::DocxError;
use crate::docx::ooxml::{
    BUILTIN_STYLES, BuiltinStyle, FONT, MONO_FONT, NS_R, NS_W, StyleMap, TABLE_HALF_POINTS,
    TEXT_WIDTH, list_indent,
};
use crate::docx::xml::{El, Xml, el, parent, val};

const HEADING_COLOR: &str = "1F3864";
const GREY: &str = "595959";

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
    key: BuiltinStyle,
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
    /// The built-in style `id` (one of [`BUILTIN_STYLES`]), without properties yet.
    fn new(id: &str) -> Self {
        let key = BUILTIN_STYLES
            .into_iter()
            .find(|s| s.id == id)
            .expect("every style defined here is listed in BUILTIN_STYLES");
        Self {
            key,
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
        let mut attrs = vec![("w:type", self.key.kind.to_string())];
        if self.default && default {
            attrs.push(("w:default", "1".to_string()));
        }
        attrs.push(("w:styleId", self.key.id.to_string()));
        let mut children = vec![val("w:name", self.key.name)];
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

    let mut normal = Style::new("Normal");
    normal.default = true;
    normal.qformat = true;
    out.push(normal);

    let mut dpf = Style::new("DefaultParagraphFont");
    dpf.default = true;
    dpf.ui_priority = Some(1);
    dpf.hidden_until_used = true;
    out.push(dpf);

    let mut table_normal = Style::new("TableNormal");
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

    let mut no_list = Style::new("NoList");
    no_list.default = true;
    no_list.ui_priority = Some(99);
    no_list.hidden_until_used = true;
    out.push(no_list);

    let mut title = Style::new("Title");
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

    let mut subtitle = Style::new("Subtitle");
    subtitle.based_on = Some("Normal");
    subtitle.next = Some("Normal");
    subtitle.ui_priority = Some(11);
    subtitle.qformat = true;
    subtitle.ppr = vec![spacing(0, 240, None)];
    subtitle.rpr = vec![val("w:color", GREY)];
    subtitle.rpr.extend(sz(28));
    out.push(subtitle);

    // (id, size in half-points, space before, italic)
    let headings: [(&str, u32, u32, bool); 4] = [
        ("Heading1", 32, 360, false),
        ("Heading2", 26, 240, false),
        ("Heading3", 24, 200, false),
        ("Heading4", 22, 160, true),
    ];
    for (level, (id, size, before, italic)) in headings.into_iter().enumerate() {
        let mut h = Style::new(id);
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

    let mut quote = Style::new("Quote");
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

    let mut list = Style::new("ListParagraph");
    list.based_on = Some("Normal");
    list.ui_priority = Some(34);
    list.qformat = true;
    list.ppr = vec![
        spacing(0, 60, None),
        el("w:ind", &[("w:left", &list_indent(0).to_string())]),
    ];
    out.push(list);

    let mut code = Style::new("SourceCode");
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

    for (id, side) in [("Header", "w:bottom"), ("Footer", "w:top")] {
        let mut s = Style::new(id);
        s.based_on = Some("Normal");
        s.ui_priority = Some(99);
        s.hidden_until_used = true;
        s.ppr = vec![
            parent("w:pBdr", vec![border(side, "4", "A6A6A6", "4")]),
            parent(
                "w:tabs",
                vec![el(
                    "w:tab",
                    &[("w:val", "right"), ("w:pos", &TEXT_WIDTH.to_string())],
                )],
            ),
            spacing(0, 0, Some(240)),
        ];
        s.rpr = vec![val("w:color", GREY)];
        s.rpr.extend(sz(18));
        out.push(s);
    }

    let mut link = Style::new("Hyperlink");
    link.based_on = Some("DefaultParagraphFont");
    link.ui_priority = Some(99);
    link.hidden_until_used = true;
    link.rpr = vec![val("w:color", "0563C1"), val("w:u", "single")];
    out.push(link);

    let mut ft = Style::new("FootnoteText");
    ft.based_on = Some("Normal");
    ft.ui_priority = Some(99);
    ft.hidden_until_used = true;
    ft.ppr = vec![spacing(0, 0, Some(240))];
    ft.rpr = sz(18).to_vec();
    out.push(ft);

    let mut fr = Style::new("FootnoteReference");
    fr.based_on = Some("DefaultParagraphFont");
    fr.ui_priority = Some(99);
    fr.hidden_until_used = true;
    fr.rpr = vec![val("w:vertAlign", "superscript")];
    out.push(fr);

    let mut grid = Style::new("TableGrid");
    grid.based_on = Some("TableNormal");
    grid.ui_priority = Some(39);
    grid.ppr = vec![spacing(0, 0, Some(240))];
    grid.rpr = sz(TABLE_HALF_POINTS).to_vec();
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

/// word/styles.xml: the reference document's styles plus the built-in styles it lacks, or
/// the built-in styles.
pub(crate) fn styles_xml(reference: Option<&Reference>) -> Result<Vec<u8>, DocxError> {
    let Some(reference) = reference else {
        return builtin_styles_xml();
    };
    let xml = &reference.styles_xml;
    // The reference's root is verified to be w:styles, so its end tag closes the text.
    let end = xml.rfind("</w:styles>").unwrap_or(xml.len());
    let mut out = xml.as_bytes()[..end].to_vec();
    let mut added = Xml::fragment();
    let mut defaults: BTreeSet<String> = reference.defaults.clone();
    for s in styles() {
        if reference.missing.contains(s.key.id) {
            let default = defaults.insert(s.key.kind.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_style_is_defined_once_in_table_order() {
        let defined: Vec<BuiltinStyle> = styles().iter().map(|s| s.key).collect();
        assert_eq!(defined, BUILTIN_STYLES.to_vec());
    }
}
