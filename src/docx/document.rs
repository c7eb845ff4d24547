//! WordprocessingML for the story parts: document body, footnotes, header and footer.
//! Every property element is written in ECMA-376 sequence order by construction.

use pulldown_cmark::Alignment;

use super::markdown::{Block, Doc, Inline, Para, ParaKind, RunStyle, Table};
use super::xml::{Xml, XmlResult};
use super::{DocumentMeta, DocxError};

pub(crate) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A4 portrait, 2.5 cm margins, in twips.
pub(crate) const PAGE_W: u32 = 11906;
pub(crate) const PAGE_H: u32 = 16838;
pub(crate) const MARGIN: u32 = 1417;
pub(crate) const TEXT_WIDTH: u32 = PAGE_W - 2 * MARGIN;

/// Relationship id of the header and footer parts in document.xml.rels.
pub(crate) const HEADER_RID: &str = "rId7";
pub(crate) const FOOTER_RID: &str = "rId8";
/// First relationship id used for hyperlinks (the fixed parts take rId1..rId8).
pub(crate) const FIRST_LINK_RID: u32 = 9;

pub(crate) const MONO_FONT: &str = "Courier New";

/// Left text indent of list level `level` (0-based), in twips. Shared with numbering.xml.
pub(crate) fn list_indent(level: u8) -> u32 {
    360 * (u32::from(level) + 1)
}

/// External hyperlink relationships of one part, ids in order of first appearance.
#[derive(Debug)]
pub(crate) struct Links {
    first: u32,
    urls: Vec<String>,
}

impl Links {
    pub(crate) fn new(first: u32) -> Self {
        Self {
            first,
            urls: Vec::new(),
        }
    }

    /// Relationship id for `url` (the same URL shares one relationship).
    pub(crate) fn id(&mut self, url: &str) -> String {
        let idx = match self.urls.iter().position(|u| u == url) {
            Some(i) => i,
            None => {
                self.urls.push(url.to_string());
                self.urls.len() - 1
            }
        };
        format!("rId{}", self.first + idx as u32)
    }

    /// `(id, url)` in id order.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (String, &str)> {
        self.urls
            .iter()
            .enumerate()
            .map(|(i, u)| (format!("rId{}", self.first + i as u32), u.as_str()))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.urls.is_empty()
    }
}

fn root_attrs() -> [(&'static str, &'static str); 2] {
    [("xmlns:w", NS_W), ("xmlns:r", NS_R)]
}

/// word/document.xml; hyperlink relationships are collected into `links`.
pub(crate) fn document_xml(doc: &Doc, links: &mut Links) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:document", &root_attrs())?;
    x.start("w:body", &[])?;
    write_blocks(&mut x, links, &doc.blocks, false)?;
    // sectPr: headerReference/footerReference first, then pgSz, pgMar, cols, docGrid.
    x.start("w:sectPr", &[])?;
    x.empty(
        "w:headerReference",
        &[("w:type", "default"), ("r:id", HEADER_RID)],
    )?;
    x.empty(
        "w:footerReference",
        &[("w:type", "default"), ("r:id", FOOTER_RID)],
    )?;
    x.empty(
        "w:pgSz",
        &[("w:w", &PAGE_W.to_string()), ("w:h", &PAGE_H.to_string())],
    )?;
    let m = MARGIN.to_string();
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &m),
            ("w:right", &m),
            ("w:bottom", &m),
            ("w:left", &m),
            ("w:header", "709"),
            ("w:footer", "709"),
            ("w:gutter", "0"),
        ],
    )?;
    x.empty("w:cols", &[("w:space", "708")])?;
    x.empty("w:docGrid", &[("w:linePitch", "360")])?;
    x.end("w:sectPr")?;
    x.end("w:body")?;
    x.end("w:document")?;
    Ok(x.finish())
}

/// word/footnotes.xml with the separator (-1) and continuation separator (0) Word expects.
pub(crate) fn footnotes_xml(doc: &Doc, links: &mut Links) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:footnotes", &root_attrs())?;
    for (id, kind, mark) in [
        ("-1", "separator", "w:separator"),
        ("0", "continuationSeparator", "w:continuationSeparator"),
    ] {
        x.start("w:footnote", &[("w:type", kind), ("w:id", id)])?;
        x.start("w:p", &[])?;
        x.start("w:pPr", &[])?;
        x.empty(
            "w:spacing",
            &[("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")],
        )?;
        x.end("w:pPr")?;
        x.start("w:r", &[])?;
        x.empty(mark, &[])?;
        x.end("w:r")?;
        x.end("w:p")?;
        x.end("w:footnote")?;
    }
    for (i, blocks) in doc.footnotes.iter().enumerate() {
        let id = (i + 1).to_string();
        x.start("w:footnote", &[("w:id", &id)])?;
        match blocks.split_first() {
            Some((Block::Para(first), rest)) => {
                write_para(&mut x, links, first, true, true, false)?;
                write_blocks(&mut x, links, rest, true)?;
            }
            _ => {
                let empty = Para {
                    kind: ParaKind::Normal,
                    inlines: Vec::new(),
                };
                write_para(&mut x, links, &empty, true, true, false)?;
                write_blocks(&mut x, links, blocks, true)?;
            }
        }
        x.end("w:footnote")?;
    }
    x.end("w:footnotes")?;
    Ok(x.finish())
}

/// word/header1.xml: title left, header text right (right tab stop from the Header style).
pub(crate) fn header_xml(meta: &DocumentMeta) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:hdr", &root_attrs())?;
    x.start("w:p", &[])?;
    p_style(&mut x, "Header")?;
    plain_run(&mut x, &single_line(&meta.title))?;
    tab_run(&mut x)?;
    plain_run(&mut x, &single_line(&meta.header_text))?;
    x.end("w:p")?;
    x.end("w:hdr")?;
    Ok(x.finish())
}

/// word/footer1.xml: footer text left, "Seite X von Y" right with PAGE / NUMPAGES fields.
pub(crate) fn footer_xml(meta: &DocumentMeta) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:ftr", &root_attrs())?;
    x.start("w:p", &[])?;
    p_style(&mut x, "Footer")?;
    plain_run(&mut x, &single_line(&meta.footer_text))?;
    tab_run(&mut x)?;
    plain_run(&mut x, "Seite ")?;
    field(&mut x, "PAGE", "1")?;
    plain_run(&mut x, " von ")?;
    field(&mut x, "NUMPAGES", "1")?;
    x.end("w:p")?;
    x.end("w:ftr")?;
    Ok(x.finish())
}

fn single_line(s: &str) -> String {
    s.replace(['\r', '\n', '\t'], " ")
}

fn p_style(x: &mut Xml, style: &str) -> XmlResult {
    x.start("w:pPr", &[])?;
    x.empty("w:pStyle", &[("w:val", style)])?;
    x.end("w:pPr")
}

fn plain_run(x: &mut Xml, text: &str) -> XmlResult {
    if text.is_empty() {
        return Ok(());
    }
    x.start("w:r", &[])?;
    x.w_t(text)?;
    x.end("w:r")
}

fn tab_run(x: &mut Xml) -> XmlResult {
    x.start("w:r", &[])?;
    x.empty("w:tab", &[])?;
    x.end("w:r")
}

/// A complex field (`begin` / instrText / `separate` / cached result / `end`).
fn field(x: &mut Xml, instr: &str, cached: &str) -> XmlResult {
    x.start("w:r", &[])?;
    x.empty("w:fldChar", &[("w:fldCharType", "begin")])?;
    x.end("w:r")?;
    x.start("w:r", &[])?;
    x.leaf(
        "w:instrText",
        &[("xml:space", "preserve")],
        &format!(" {instr} "),
    )?;
    x.end("w:r")?;
    x.start("w:r", &[])?;
    x.empty("w:fldChar", &[("w:fldCharType", "separate")])?;
    x.end("w:r")?;
    plain_run(x, cached)?;
    x.start("w:r", &[])?;
    x.empty("w:fldChar", &[("w:fldCharType", "end")])?;
    x.end("w:r")
}

fn write_blocks(x: &mut Xml, links: &mut Links, blocks: &[Block], footnote: bool) -> XmlResult {
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Para(p) => {
                // Air between a table or a list and the text that follows it.
                let after_block = i > 0
                    && match &blocks[i - 1] {
                        Block::Table(_) => true,
                        Block::Para(prev) => is_list(prev.kind) && !is_list(p.kind),
                        _ => false,
                    };
                write_para(x, links, p, footnote, false, after_block)?;
            }
            Block::Table(t) => {
                write_table(x, links, t)?;
                // Word merges adjacent tables and wants a paragraph after a final table.
                if matches!(blocks.get(i + 1), None | Some(Block::Table(_))) {
                    x.empty("w:p", &[])?;
                }
            }
            Block::PageBreak => {
                x.start("w:p", &[])?;
                x.start("w:r", &[])?;
                x.empty("w:br", &[("w:type", "page")])?;
                x.end("w:r")?;
                x.end("w:p")?;
            }
            Block::Rule => {
                x.start("w:p", &[])?;
                x.start("w:pPr", &[])?;
                x.start("w:pBdr", &[])?;
                x.empty(
                    "w:bottom",
                    &[
                        ("w:val", "single"),
                        ("w:sz", "6"),
                        ("w:space", "1"),
                        ("w:color", "A6A6A6"),
                    ],
                )?;
                x.end("w:pBdr")?;
                x.end("w:pPr")?;
                x.end("w:p")?;
            }
        }
    }
    Ok(())
}

fn is_list(kind: ParaKind) -> bool {
    matches!(
        kind,
        ParaKind::ListItem { .. } | ParaKind::ListContinuation { .. }
    )
}

fn write_para(
    x: &mut Xml,
    links: &mut Links,
    p: &Para,
    footnote: bool,
    footnote_mark: bool,
    after_block: bool,
) -> XmlResult {
    let space_before = after_block && !matches!(p.kind, ParaKind::Heading(_));
    let style = match p.kind {
        ParaKind::Normal if footnote => Some("FootnoteText".to_string()),
        ParaKind::Normal => None,
        ParaKind::Heading(n) => Some(format!("Heading{n}")),
        ParaKind::Quote => Some("Quote".to_string()),
        ParaKind::ListItem { .. } | ParaKind::ListContinuation { .. } => {
            Some("ListParagraph".to_string())
        }
        ParaKind::Code => Some("SourceCode".to_string()),
    };
    x.start("w:p", &[])?;
    let has_ppr = style.is_some()
        || space_before
        || matches!(
            p.kind,
            ParaKind::ListItem { .. } | ParaKind::ListContinuation { .. }
        );
    if has_ppr {
        // pPr order: pStyle, ..., numPr, ..., spacing, ind
        x.start("w:pPr", &[])?;
        if let Some(style) = &style {
            x.empty("w:pStyle", &[("w:val", style)])?;
        }
        if let ParaKind::ListItem { num_id, level } = p.kind {
            x.start("w:numPr", &[])?;
            x.empty("w:ilvl", &[("w:val", &level.to_string())])?;
            x.empty("w:numId", &[("w:val", &num_id.to_string())])?;
            x.end("w:numPr")?;
        }
        if space_before {
            x.empty("w:spacing", &[("w:before", "160")])?;
        }
        if let ParaKind::ListContinuation { level } = p.kind {
            x.empty("w:ind", &[("w:left", &list_indent(level).to_string())])?;
        }
        x.end("w:pPr")?;
    }
    if footnote_mark {
        x.start("w:r", &[])?;
        x.start("w:rPr", &[])?;
        x.empty("w:rStyle", &[("w:val", "FootnoteReference")])?;
        x.end("w:rPr")?;
        x.empty("w:footnoteRef", &[])?;
        x.end("w:r")?;
        plain_run(x, " ")?;
    }
    write_inlines(x, links, &p.inlines, RunCtx::default())?;
    x.end("w:p")
}

#[derive(Debug, Clone, Copy, Default)]
struct RunCtx {
    force_bold: bool,
    hyperlink: bool,
}

fn write_inlines(x: &mut Xml, links: &mut Links, inlines: &[Inline], ctx: RunCtx) -> XmlResult {
    for inline in inlines {
        match inline {
            Inline::Text { text, style } => write_run(x, text, *style, ctx)?,
            Inline::Break => {
                x.start("w:r", &[])?;
                x.empty("w:br", &[])?;
                x.end("w:r")?;
            }
            Inline::FootnoteRef(id) => {
                x.start("w:r", &[])?;
                x.start("w:rPr", &[])?;
                x.empty("w:rStyle", &[("w:val", "FootnoteReference")])?;
                x.end("w:rPr")?;
                x.empty("w:footnoteReference", &[("w:id", &id.to_string())])?;
                x.end("w:r")?;
            }
            Inline::FootnoteLabel(label) => {
                write_run(x, &format!("[^{label}]"), RunStyle::default(), ctx)?;
            }
            Inline::Link { url, children } => {
                let rid = links.id(url);
                x.start("w:hyperlink", &[("r:id", &rid), ("w:history", "1")])?;
                let inner = RunCtx {
                    hyperlink: true,
                    ..ctx
                };
                write_inlines(x, links, children, inner)?;
                x.end("w:hyperlink")?;
            }
        }
    }
    Ok(())
}

fn write_run(x: &mut Xml, text: &str, style: RunStyle, ctx: RunCtx) -> XmlResult {
    let text = super::xml::clean(text);
    if text.is_empty() {
        return Ok(());
    }
    x.start("w:r", &[])?;
    let bold = style.bold || ctx.force_bold;
    let vert = if style.superscript {
        Some("superscript")
    } else if style.subscript {
        Some("subscript")
    } else {
        None
    };
    if ctx.hyperlink || style.code || bold || style.italic || style.strike || vert.is_some() {
        // rPr order: rStyle, rFonts, b, i, strike, sz, szCs, vertAlign
        x.start("w:rPr", &[])?;
        if ctx.hyperlink {
            x.empty("w:rStyle", &[("w:val", "Hyperlink")])?;
        }
        if style.code {
            x.empty(
                "w:rFonts",
                &[
                    ("w:ascii", MONO_FONT),
                    ("w:hAnsi", MONO_FONT),
                    ("w:cs", MONO_FONT),
                ],
            )?;
        }
        if bold {
            x.empty("w:b", &[])?;
        }
        if style.italic {
            x.empty("w:i", &[])?;
        }
        if style.strike {
            x.empty("w:strike", &[])?;
        }
        if style.code {
            x.empty("w:sz", &[("w:val", "20")])?;
            x.empty("w:szCs", &[("w:val", "20")])?;
        }
        if let Some(v) = vert {
            x.empty("w:vertAlign", &[("w:val", v)])?;
        }
        x.end("w:rPr")?;
    }
    // Tabs and newlines inside text become w:tab / w:br.
    let mut segment = String::new();
    for c in text.chars() {
        match c {
            '\t' | '\n' => {
                if !segment.is_empty() {
                    x.w_t(&segment)?;
                    segment.clear();
                }
                x.empty(if c == '\t' { "w:tab" } else { "w:br" }, &[])?;
            }
            '\r' => {}
            _ => segment.push(c),
        }
    }
    if !segment.is_empty() {
        x.w_t(&segment)?;
    }
    x.end("w:r")
}

/// Plain text of a cell, breaks as newlines.
fn cell_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Break => out.push('\n'),
            Inline::FootnoteRef(_) | Inline::FootnoteLabel(_) => out.push('9'),
            Inline::Link { children, .. } => cell_text(children, out),
        }
    }
}

/// What a column needs: its longest line and its longest word, in characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ColumnNeed {
    pub line: usize,
    pub word: usize,
}

impl ColumnNeed {
    fn of(inlines: &[Inline]) -> Self {
        let mut text = String::new();
        cell_text(inlines, &mut text);
        let longest =
            |it: &mut dyn Iterator<Item = &str>| it.map(|s| s.chars().count()).max().unwrap_or(0);
        Self {
            line: longest(&mut text.split('\n')),
            word: longest(&mut text.split_whitespace()),
        }
    }

    fn max(self, other: Self) -> Self {
        Self {
            line: self.line.max(other.line),
            word: self.word.max(other.word),
        }
    }
}

/// Generous width of one character of 11 pt Arial (bold header, capitals; also fits the
/// wider fallback fonts of other office suites) in twips, and the cell margins plus air.
const CHAR_TWIPS: u32 = 150;
const CELL_PADDING: u32 = 230;

/// Column widths in twips, summing to exactly `total`: every column first gets room for its
/// longest word (so words do not break inside), the rest goes to the columns whose lines are
/// longer than that, in proportion to the excess.
pub(crate) fn column_widths(needs: &[ColumnNeed], total: u32) -> Vec<u32> {
    let n = needs.len();
    if n == 0 {
        return Vec::new();
    }
    let mins: Vec<u32> = needs
        .iter()
        .map(|c| c.word.min(40) as u32 * CHAR_TWIPS + CELL_PADDING)
        .collect();
    let min_sum: u32 = mins.iter().sum();
    let mut widths: Vec<u32> = if min_sum >= total {
        mins.iter().map(|m| total * m / min_sum).collect()
    } else {
        let rest = total - min_sum;
        let weights: Vec<u32> = needs
            .iter()
            .map(|c| (c.line.saturating_sub(c.word).min(80) + 1) as u32)
            .collect();
        let wsum: u32 = weights.iter().sum();
        mins.iter()
            .zip(&weights)
            .map(|(m, w)| m + rest * w / wsum)
            .collect()
    };
    let assigned: u32 = widths.iter().sum();
    // Rounding leftovers go to the widest column (first one on ties: deterministic).
    let widest = (0..n)
        .max_by_key(|i| (widths[*i], std::cmp::Reverse(*i)))
        .unwrap_or(0);
    widths[widest] += total - assigned;
    widths
}

fn write_table(x: &mut Xml, links: &mut Links, t: &Table) -> XmlResult {
    let ncols = t.aligns.len();
    let needs: Vec<ColumnNeed> = (0..ncols)
        .map(|c| {
            t.rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|cell| ColumnNeed::of(cell))
                .fold(ColumnNeed::default(), ColumnNeed::max)
        })
        .collect();
    let widths = column_widths(&needs, TEXT_WIDTH);
    x.start("w:tbl", &[])?;
    // tblPr order: tblStyle, tblW, ..., tblLayout, ..., tblLook
    x.start("w:tblPr", &[])?;
    x.empty("w:tblStyle", &[("w:val", "TableGrid")])?;
    x.empty(
        "w:tblW",
        &[("w:w", &TEXT_WIDTH.to_string()), ("w:type", "dxa")],
    )?;
    x.empty("w:tblLayout", &[("w:type", "fixed")])?;
    x.empty(
        "w:tblLook",
        // w:val only: the 2010 attributes (firstRow, ...) fail Office 2007 validation.
        &[("w:val", "04A0")],
    )?;
    x.end("w:tblPr")?;
    x.start("w:tblGrid", &[])?;
    for w in &widths {
        x.empty("w:gridCol", &[("w:w", &w.to_string())])?;
    }
    x.end("w:tblGrid")?;
    for (r, row) in t.rows.iter().enumerate() {
        let header = r == 0;
        x.start("w:tr", &[])?;
        x.start("w:trPr", &[])?;
        x.empty("w:cantSplit", &[])?;
        if header {
            x.empty("w:tblHeader", &[])?;
        }
        x.end("w:trPr")?;
        for (c, cell) in row.iter().enumerate() {
            x.start("w:tc", &[])?;
            // tcPr order: tcW, ..., shd, ..., vAlign
            x.start("w:tcPr", &[])?;
            x.empty(
                "w:tcW",
                &[("w:w", &widths[c].to_string()), ("w:type", "dxa")],
            )?;
            if header {
                x.empty(
                    "w:shd",
                    &[
                        ("w:val", "clear"),
                        ("w:color", "auto"),
                        ("w:fill", "D9E2F3"),
                    ],
                )?;
            }
            x.end("w:tcPr")?;
            // A cell always holds a paragraph, even when empty.
            x.start("w:p", &[])?;
            x.start("w:pPr", &[])?;
            if header {
                x.empty("w:keepNext", &[])?;
            }
            x.empty("w:spacing", &[("w:before", "40"), ("w:after", "40")])?;
            let jc = match t.aligns[c] {
                Alignment::Center => Some("center"),
                Alignment::Right => Some("right"),
                Alignment::Left | Alignment::None => None,
            };
            if let Some(jc) = jc {
                x.empty("w:jc", &[("w:val", jc)])?;
            }
            x.end("w:pPr")?;
            let ctx = RunCtx {
                force_bold: header,
                hyperlink: false,
            };
            write_inlines(x, links, cell, ctx)?;
            x.end("w:p")?;
            x.end("w:tc")?;
        }
        x.end("w:tr")?;
    }
    x.end("w:tbl")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(line: usize, word: usize) -> ColumnNeed {
        ColumnNeed { line, word }
    }

    #[test]
    fn widths_sum_to_total_and_follow_content() {
        // Datum | Gremium | Ort | long remark
        let w = column_widths(
            &[need(10, 10), need(7, 7), need(6, 6), need(52, 15)],
            TEXT_WIDTH,
        );
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH);
        assert!(w[3] > w[0] && w[0] > w[1] && w[1] > w[2], "{w:?}");
        // Every column fits its longest word.
        assert!(w[1] >= 7 * CHAR_TWIPS + CELL_PADDING, "{w:?}");
        // Too many long words: shrink in proportion, still exact total.
        let w = column_widths(&[need(40, 40); 5], 9072);
        assert_eq!(w.iter().sum::<u32>(), 9072);
        assert!(w.iter().all(|x| x.abs_diff(9072 / 5) <= 5), "{w:?}");
        let w = column_widths(&[need(0, 0), need(0, 0)], 1000);
        assert_eq!(w, vec![500, 500]);
    }

    #[test]
    fn column_need_counts_lines_and_words() {
        let cell = vec![
            Inline::Text {
                text: "kurz Donaudampfschiff".into(),
                style: RunStyle::default(),
            },
            Inline::Break,
            Inline::Text {
                text: "a b".into(),
                style: RunStyle::default(),
            },
        ];
        assert_eq!(ColumnNeed::of(&cell), need(21, 16));
    }

    #[test]
    fn links_share_ids_per_url_in_order() {
        let mut l = Links::new(FIRST_LINK_RID);
        assert_eq!(l.id("https://b.de"), "rId9");
        assert_eq!(l.id("https://a.de"), "rId10");
        assert_eq!(l.id("https://b.de"), "rId9");
        let e: Vec<_> = l.entries().collect();
        assert_eq!(
            e,
            vec![
                ("rId9".to_string(), "https://b.de"),
                ("rId10".to_string(), "https://a.de")
            ]
        );
    }
}
