//! WordprocessingML for the story parts: document body, footnotes, header and footer.
//! Every property element is written in ECMA-376 sequence order by construction.

use pulldown_cmark::Alignment;

use super::design::{Logo, StyleMap};
use super::markdown::{Block, Doc, Inline, Orientation, Para, ParaKind, RunStyle, Table};
use super::xml::{Xml, XmlResult};
use super::{DocumentMeta, DocxError};

pub(crate) const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A4 portrait, 2.5 cm margins, in twips.
pub(crate) const PAGE_W: u32 = 11906;
pub(crate) const PAGE_H: u32 = 16838;
pub(crate) const MARGIN: u32 = 1417;
pub(crate) const TEXT_WIDTH: u32 = PAGE_W - 2 * MARGIN;
/// Text width of an A4 landscape page.
pub(crate) const LANDSCAPE_TEXT_WIDTH: u32 = PAGE_H - 2 * MARGIN;

/// Relationship id of the header and footer parts in document.xml.rels.
pub(crate) const HEADER_RID: &str = "rId7";
pub(crate) const FOOTER_RID: &str = "rId8";
/// The landscape sections' header and footer (right-aligned parts at the wider margin).
pub(crate) const LANDSCAPE_HEADER_RID: &str = "rId9";
pub(crate) const LANDSCAPE_FOOTER_RID: &str = "rId10";
/// Relationship id of the logo picture in the header parts' rels.
pub(crate) const LOGO_RID: &str = "rId1";

/// Text width of a section of the given orientation.
pub(crate) fn text_width(o: Orientation) -> u32 {
    match o {
        Orientation::Portrait => TEXT_WIDTH,
        Orientation::Landscape => LANDSCAPE_TEXT_WIDTH,
    }
}

/// Which optional parts a document has; fixes the relationship ids.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PartIds {
    /// header2.xml / footer2.xml for landscape sections.
    pub landscape: bool,
    /// media/logo.png, referenced from the header parts.
    pub logo: bool,
}

impl PartIds {
    /// First relationship id used for hyperlinks in document.xml.rels (after the fixed parts).
    pub(crate) fn first_link_rid(&self) -> u32 {
        if self.landscape { 11 } else { 9 }
    }
}

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

/// What the story writers share: hyperlink relationships of the part, style ids, and (in the
/// body) the section being written.
pub(crate) struct Ctx<'a> {
    pub links: &'a mut Links,
    pub styles: &'a StyleMap,
    /// Orientation of the current section; `None` in footnotes.
    section: Option<Orientation>,
    /// Whether the current section has content yet.
    section_started: bool,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(links: &'a mut Links, styles: &'a StyleMap) -> Self {
        Self {
            links,
            styles,
            section: None,
            section_started: false,
        }
    }

    fn width(&self) -> u32 {
        text_width(self.section.unwrap_or_default())
    }
}

/// word/document.xml; hyperlink relationships are collected into `ctx.links`. Each section
/// ends with a paragraph carrying its sectPr; the last section's sectPr is the body's last
/// child.
pub(crate) fn document_xml(doc: &Doc, ctx: &mut Ctx<'_>) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:document", &root_attrs())?;
    x.start("w:body", &[])?;
    ctx.section = Some(Orientation::Portrait);
    write_blocks(&mut x, ctx, &doc.blocks, false)?;
    write_sect_pr(&mut x, ctx.section.unwrap_or_default())?;
    x.end("w:body")?;
    x.end("w:document")?;
    Ok(x.finish())
}

/// A section's properties: headerReference/footerReference first, then pgSz, pgMar, cols,
/// docGrid. Each orientation has its own header and footer, whose right tab stop sits at
/// that orientation's right margin.
fn write_sect_pr(x: &mut Xml, o: Orientation) -> XmlResult {
    let (header, footer) = match o {
        Orientation::Portrait => (HEADER_RID, FOOTER_RID),
        Orientation::Landscape => (LANDSCAPE_HEADER_RID, LANDSCAPE_FOOTER_RID),
    };
    x.start("w:sectPr", &[])?;
    x.empty(
        "w:headerReference",
        &[("w:type", "default"), ("r:id", header)],
    )?;
    x.empty(
        "w:footerReference",
        &[("w:type", "default"), ("r:id", footer)],
    )?;
    match o {
        Orientation::Portrait => x.empty(
            "w:pgSz",
            &[("w:w", &PAGE_W.to_string()), ("w:h", &PAGE_H.to_string())],
        )?,
        Orientation::Landscape => x.empty(
            "w:pgSz",
            &[
                ("w:w", &PAGE_H.to_string()),
                ("w:h", &PAGE_W.to_string()),
                ("w:orient", "landscape"),
            ],
        )?,
    }
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
    x.end("w:sectPr")
}

/// word/footnotes.xml with the separator (-1) and continuation separator (0) Word expects.
pub(crate) fn footnotes_xml(doc: &Doc, ctx: &mut Ctx<'_>) -> Result<Vec<u8>, DocxError> {
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
                write_para(&mut x, ctx, first, true, true, false)?;
                write_blocks(&mut x, ctx, rest, true)?;
            }
            _ => {
                let empty = Para {
                    kind: ParaKind::Normal,
                    inlines: Vec::new(),
                };
                write_para(&mut x, ctx, &empty, true, true, false)?;
                write_blocks(&mut x, ctx, blocks, true)?;
            }
        }
        x.end("w:footnote")?;
    }
    x.end("w:footnotes")?;
    Ok(x.finish())
}

/// Right tab stops of Word's and LibreOffice's stock Header/Footer styles (A4 and Letter);
/// cleared in the header and footer paragraphs so a reference document's style cannot push
/// the right-aligned text to a centre tab.
const STOCK_TABS: [u32; 6] = [4513, 4536, 4680, 9026, 9072, 9360];

/// pPr of a header/footer paragraph: the style and one right tab at the text width of the
/// orientation (other stock tabs cleared).
fn header_footer_ppr(x: &mut Xml, style: &str, o: Orientation, spacing_after: bool) -> XmlResult {
    let width = text_width(o);
    x.start("w:pPr", &[])?;
    x.empty("w:pStyle", &[("w:val", style)])?;
    x.start("w:tabs", &[])?;
    let mut stops: Vec<(u32, &str)> = STOCK_TABS
        .iter()
        .filter(|p| **p != width)
        .map(|p| (*p, "clear"))
        .collect();
    stops.push((width, "right"));
    stops.sort();
    for (pos, kind) in stops {
        x.empty("w:tab", &[("w:val", kind), ("w:pos", &pos.to_string())])?;
    }
    x.end("w:tabs")?;
    if spacing_after {
        x.empty("w:spacing", &[("w:after", "80")])?;
    }
    x.end("w:pPr")
}

/// Namespaces of an inline picture.
const NS_WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_PIC: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";

/// word/header1.xml (portrait) or header2.xml (landscape): the logo, if any, in its own
/// paragraph; then title left, header text right. `drawing_id` must be unique in the document.
pub(crate) fn header_xml(
    meta: &DocumentMeta,
    styles: &StyleMap,
    o: Orientation,
    logo: Option<&Logo>,
    drawing_id: u32,
) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    let mut attrs = root_attrs().to_vec();
    if logo.is_some() {
        attrs.extend([
            ("xmlns:wp", NS_WP),
            ("xmlns:a", NS_A),
            ("xmlns:pic", NS_PIC),
        ]);
    }
    x.start("w:hdr", &attrs)?;
    let style = styles.id("Header");
    if let Some(logo) = logo {
        x.start("w:p", &[])?;
        header_footer_ppr(&mut x, style, o, true)?;
        x.start("w:r", &[])?;
        write_picture(&mut x, logo, drawing_id)?;
        x.end("w:r")?;
        x.end("w:p")?;
    }
    x.start("w:p", &[])?;
    header_footer_ppr(&mut x, style, o, false)?;
    plain_run(&mut x, &single_line(&meta.title))?;
    tab_run(&mut x)?;
    plain_run(&mut x, &single_line(&meta.header_text))?;
    x.end("w:p")?;
    x.end("w:hdr")?;
    Ok(x.finish())
}

/// An inline picture (`w:drawing` / `wp:inline`) of the logo, relationship [`LOGO_RID`].
fn write_picture(x: &mut Xml, logo: &Logo, id: u32) -> XmlResult {
    let (cx, cy) = logo.extent_emu();
    let (cx, cy, id) = (cx.to_string(), cy.to_string(), id.to_string());
    x.start("w:drawing", &[])?;
    x.start(
        "wp:inline",
        &[
            ("distT", "0"),
            ("distB", "0"),
            ("distL", "0"),
            ("distR", "0"),
        ],
    )?;
    x.empty("wp:extent", &[("cx", &cx), ("cy", &cy)])?;
    x.empty(
        "wp:effectExtent",
        &[("l", "0"), ("t", "0"), ("r", "0"), ("b", "0")],
    )?;
    x.empty("wp:docPr", &[("id", &id), ("name", "Logo")])?;
    x.start("wp:cNvGraphicFramePr", &[])?;
    x.empty("a:graphicFrameLocks", &[("noChangeAspect", "1")])?;
    x.end("wp:cNvGraphicFramePr")?;
    x.start("a:graphic", &[])?;
    x.start("a:graphicData", &[("uri", NS_PIC)])?;
    x.start("pic:pic", &[])?;
    x.start("pic:nvPicPr", &[])?;
    x.empty("pic:cNvPr", &[("id", "0"), ("name", "logo.png")])?;
    x.empty("pic:cNvPicPr", &[])?;
    x.end("pic:nvPicPr")?;
    x.start("pic:blipFill", &[])?;
    x.empty("a:blip", &[("r:embed", LOGO_RID)])?;
    x.start("a:stretch", &[])?;
    x.empty("a:fillRect", &[])?;
    x.end("a:stretch")?;
    x.end("pic:blipFill")?;
    x.start("pic:spPr", &[])?;
    x.start("a:xfrm", &[])?;
    x.empty("a:off", &[("x", "0"), ("y", "0")])?;
    x.empty("a:ext", &[("cx", &cx), ("cy", &cy)])?;
    x.end("a:xfrm")?;
    x.start("a:prstGeom", &[("prst", "rect")])?;
    x.empty("a:avLst", &[])?;
    x.end("a:prstGeom")?;
    x.end("pic:spPr")?;
    x.end("pic:pic")?;
    x.end("a:graphicData")?;
    x.end("a:graphic")?;
    x.end("wp:inline")?;
    x.end("w:drawing")
}

/// word/footer1.xml (portrait) or footer2.xml (landscape): footer text left, "Seite X von Y"
/// right with PAGE / NUMPAGES fields.
pub(crate) fn footer_xml(
    meta: &DocumentMeta,
    styles: &StyleMap,
    o: Orientation,
) -> Result<Vec<u8>, DocxError> {
    let mut x = Xml::new()?;
    x.start("w:ftr", &root_attrs())?;
    x.start("w:p", &[])?;
    header_footer_ppr(&mut x, styles.id("Footer"), o, false)?;
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

fn write_blocks(x: &mut Xml, ctx: &mut Ctx<'_>, blocks: &[Block], footnote: bool) -> XmlResult {
    for (i, block) in blocks.iter().enumerate() {
        if let Block::Section(next) = block {
            // The section so far ends with a paragraph carrying its properties; the next
            // one starts on a new page. A marker before any content only sets the start.
            if let Some(current) = ctx.section {
                if ctx.section_started {
                    x.start("w:p", &[])?;
                    x.start("w:pPr", &[])?;
                    write_sect_pr(x, current)?;
                    x.end("w:pPr")?;
                    x.end("w:p")?;
                }
                ctx.section = Some(*next);
                ctx.section_started = false;
            }
            continue;
        }
        ctx.section_started = true;
        match block {
            Block::Para(p) => {
                // Air between a table or a list and the text that follows it.
                let after_block = i > 0
                    && match &blocks[i - 1] {
                        Block::Table(_) => true,
                        Block::Para(prev) => is_list(prev.kind) && !is_list(p.kind),
                        _ => false,
                    };
                write_para(x, ctx, p, footnote, false, after_block)?;
            }
            Block::Table(t) => {
                write_table(x, ctx, t)?;
                // Word merges adjacent tables and wants a paragraph after a final table (a
                // section break brings its own paragraph).
                if matches!(blocks.get(i + 1), None | Some(Block::Table(_)))
                    || (footnote && matches!(blocks.get(i + 1), Some(Block::Section(_))))
                {
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
            Block::Section(_) => {}
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
    ctx: &mut Ctx<'_>,
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
            x.empty("w:pStyle", &[("w:val", ctx.styles.id(style))])?;
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
        x.empty("w:rStyle", &[("w:val", ctx.styles.id("FootnoteReference"))])?;
        x.end("w:rPr")?;
        x.empty("w:footnoteRef", &[])?;
        x.end("w:r")?;
        plain_run(x, " ")?;
    }
    write_inlines(x, ctx, &p.inlines, RunCtx::default())?;
    x.end("w:p")
}

#[derive(Debug, Clone, Copy, Default)]
struct RunCtx {
    force_bold: bool,
    hyperlink: bool,
}

fn write_inlines(x: &mut Xml, c: &mut Ctx<'_>, inlines: &[Inline], ctx: RunCtx) -> XmlResult {
    for inline in inlines {
        match inline {
            Inline::Text { text, style } => write_run(x, c.styles, text, *style, ctx)?,
            Inline::Break => {
                x.start("w:r", &[])?;
                x.empty("w:br", &[])?;
                x.end("w:r")?;
            }
            Inline::FootnoteRef(id) => {
                x.start("w:r", &[])?;
                x.start("w:rPr", &[])?;
                x.empty("w:rStyle", &[("w:val", c.styles.id("FootnoteReference"))])?;
                x.end("w:rPr")?;
                x.empty("w:footnoteReference", &[("w:id", &id.to_string())])?;
                x.end("w:r")?;
            }
            Inline::FootnoteLabel(label) => {
                write_run(
                    x,
                    c.styles,
                    &format!("[^{label}]"),
                    RunStyle::default(),
                    ctx,
                )?;
            }
            Inline::Link { url, children } => {
                let rid = c.links.id(url);
                x.start("w:hyperlink", &[("r:id", &rid), ("w:history", "1")])?;
                let inner = RunCtx {
                    hyperlink: true,
                    ..ctx
                };
                write_inlines(x, c, children, inner)?;
                x.end("w:hyperlink")?;
            }
        }
    }
    Ok(())
}

fn write_run(
    x: &mut Xml,
    styles: &StyleMap,
    text: &str,
    style: RunStyle,
    ctx: RunCtx,
) -> XmlResult {
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
            x.empty("w:rStyle", &[("w:val", styles.id("Hyperlink"))])?;
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

/// Advance width of a character of Arial (metric-compatible: Liberation Sans, Helvetica) in
/// 1/1000 em, regular or bold. Letters with diacritics take their base letter's width;
/// characters outside the table take the width of a digit (a typical lowercase letter).
fn char_width(c: char, bold: bool) -> u32 {
    // Printable ASCII (U+0020..U+007E), from the Helvetica/Arial font metrics.
    const REGULAR: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722,
        722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
        500, 334, 260, 334, 584,
    ];
    const BOLD: [u16; 95] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556,
        556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722,
        722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722,
        667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
        611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
        500, 389, 280, 389, 584,
    ];
    let base = match c {
        'ä' | 'à' | 'á' | 'â' => 'a',
        'Ä' | 'À' | 'Á' | 'Â' => 'A',
        'ö' | 'ó' | 'ò' | 'ô' => 'o',
        'Ö' | 'Ó' | 'Ò' | 'Ô' => 'O',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'Ü' | 'Ú' | 'Ù' | 'Û' => 'U',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' => 'E',
        'ß' => return 611,
        '–' | '€' => return 556,
        '—' => return 1000,
        '„' | '“' | '”' | '‚' | '‘' | '’' => return if bold { 500 } else { 333 },
        '·' | '•' => return 350,
        c => c,
    };
    let table = if bold { BOLD } else { REGULAR };
    match u32::from(base) {
        code @ 0x20..=0x7E => u32::from(table[(code - 0x20) as usize]),
        _ => 556,
    }
}

/// Width of `text` in twips at 11 pt (1 em = 220 twips), 5 % reserve for rounding and
/// kerning differences between renderers.
fn text_twips(text: &[(char, bool)]) -> u32 {
    // u64: a cell of hundreds of thousands of characters must not overflow (found by the
    // property test over arbitrary field values); far wider than any page, so capped.
    let units: u64 = text
        .iter()
        .map(|(c, b)| u64::from(char_width(*c, *b)))
        .sum();
    u32::try_from((units * 220 * 105 / (1000 * 100)).min(10_000_000)).unwrap_or(10_000_000)
}

/// The lines of a cell as characters with their boldness.
fn cell_lines(inlines: &[Inline], bold: bool, lines: &mut Vec<Vec<(char, bool)>>) {
    if lines.is_empty() {
        lines.push(Vec::new());
    }
    for inline in inlines {
        match inline {
            Inline::Text { text, style } => {
                let b = bold || style.bold;
                for c in text.chars() {
                    match c {
                        '\n' => lines.push(Vec::new()),
                        c => lines.last_mut().expect("one line").push((c, b)),
                    }
                }
            }
            Inline::Break => lines.push(Vec::new()),
            Inline::FootnoteRef(_) | Inline::FootnoteLabel(_) => {
                lines.last_mut().expect("one line").push(('9', false));
            }
            Inline::Link { children, .. } => cell_lines(children, bold, lines),
        }
    }
}

/// Lines up to this many characters are kept whole (dates, phone numbers, short names).
const SHORT_LINE_CHARS: usize = 20;

/// What a column needs, in twips of text: `hard` for its longest word (words end at spaces
/// and after hyphens, where Word and LibreOffice may break; a short line without letters,
/// such as a phone number or a date range, is one word), `soft` also for its short lines
/// whole, `line` for its longest line on one line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ColumnNeed {
    pub hard: u32,
    pub soft: u32,
    pub line: u32,
}

impl ColumnNeed {
    fn of(inlines: &[Inline], bold: bool) -> Self {
        let mut lines = Vec::new();
        cell_lines(inlines, bold, &mut lines);
        let mut need = Self::default();
        for line in &lines {
            let width = text_twips(line);
            need.line = need.line.max(width);
            for word in line.split_inclusive(|(c, _)| c.is_whitespace() || *c == '-') {
                let word = match word.split_last() {
                    Some(((c, _), rest)) if c.is_whitespace() => rest,
                    _ => word,
                };
                need.hard = need.hard.max(text_twips(word));
            }
            if line.len() <= SHORT_LINE_CHARS {
                need.soft = need.soft.max(width);
                // Numbers (phone numbers, dates, ranges) never wrap: a short line without
                // letters counts as one word.
                if !line.iter().any(|(c, _)| c.is_alphabetic()) {
                    need.hard = need.hard.max(width);
                }
            }
        }
        need.soft = need.soft.max(need.hard);
        need
    }

    fn max(self, other: Self) -> Self {
        Self {
            hard: self.hard.max(other.hard),
            soft: self.soft.max(other.soft),
            line: self.line.max(other.line),
        }
    }
}

/// Left plus right cell margin (85 twips each in the table style) and a little air; the
/// text widths already carry a 5 % reserve.
const CELL_PADDING: u32 = 200;

/// Split `amount` in proportion to `weights` (rounded down).
fn share(amount: u32, weights: &[u64]) -> Vec<u32> {
    let sum: u64 = weights.iter().sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    weights
        .iter()
        .map(|w| (u64::from(amount) * w / sum) as u32)
        .collect()
}

/// Column widths in twips, summing to exactly `total`. Every column first gets its soft
/// minimum (no word broken, short lines whole; at most 45 % of the table), the rest goes to
/// the columns whose lines are longer than that, in proportion to the excess. When the soft
/// minima do not fit, the columns get their hard minima (no word broken) and the room left
/// completes the soft minima, smallest shortfall first; only when even the hard minima do not fit do all columns
/// shrink in proportion to them.
pub(crate) fn column_widths(needs: &[ColumnNeed], total: u32) -> Vec<u32> {
    let n = needs.len();
    if n == 0 {
        return Vec::new();
    }
    let cap = |w: u32| w.min(total * 45 / 100) + CELL_PADDING;
    let soft: Vec<u32> = needs.iter().map(|c| cap(c.soft)).collect();
    let hard: Vec<u32> = needs.iter().map(|c| cap(c.hard)).collect();
    let (soft_sum, hard_sum) = (soft.iter().sum::<u32>(), hard.iter().sum::<u32>());
    let mut widths: Vec<u32> = if soft_sum <= total {
        // Excess over the minimum, plus a small base so that every column gets some air.
        let weights: Vec<u64> = needs
            .iter()
            .zip(&soft)
            .map(|(c, m)| u64::from((c.line + CELL_PADDING).saturating_sub(*m)) + 200)
            .collect();
        soft.iter()
            .zip(share(total - soft_sum, &weights))
            .map(|(m, extra)| m + extra)
            .collect()
    } else if hard_sum <= total {
        // Keep as many short lines whole as possible: the smallest deficits first.
        let mut widths = hard.clone();
        let mut room = total - hard_sum;
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|i| (soft[*i] - hard[*i], *i));
        for i in order {
            let extra = (soft[i] - hard[i]).min(room);
            widths[i] += extra;
            room -= extra;
        }
        widths
    } else {
        let weights: Vec<u64> = hard.iter().map(|m| u64::from(*m)).collect();
        share(total, &weights)
    };
    let assigned: u32 = widths.iter().sum();
    // Rounding leftovers go to the widest column (first one on ties: deterministic).
    let widest = (0..n)
        .max_by_key(|i| (widths[*i], std::cmp::Reverse(*i)))
        .unwrap_or(0);
    widths[widest] += total - assigned;
    widths
}

fn write_table(x: &mut Xml, c: &mut Ctx<'_>, t: &Table) -> XmlResult {
    let ncols = t.aligns.len();
    let needs: Vec<ColumnNeed> = (0..ncols)
        .map(|c| {
            t.rows
                .iter()
                .enumerate()
                .filter_map(|(r, row)| row.get(c).map(|cell| ColumnNeed::of(cell, r == 0)))
                .fold(ColumnNeed::default(), ColumnNeed::max)
        })
        .collect();
    let width = c.width();
    let widths = column_widths(&needs, width);
    x.start("w:tbl", &[])?;
    // tblPr order: tblStyle, tblW, ..., tblLayout, ..., tblLook
    x.start("w:tblPr", &[])?;
    x.empty("w:tblStyle", &[("w:val", c.styles.id("TableGrid"))])?;
    x.empty("w:tblW", &[("w:w", &width.to_string()), ("w:type", "dxa")])?;
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
        for (col, cell) in row.iter().enumerate() {
            x.start("w:tc", &[])?;
            // tcPr order: tcW, ..., shd, ..., vAlign
            x.start("w:tcPr", &[])?;
            x.empty(
                "w:tcW",
                &[("w:w", &widths[col].to_string()), ("w:type", "dxa")],
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
            let jc = match t.aligns[col] {
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
            write_inlines(x, c, cell, ctx)?;
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

    fn text(t: &str) -> Inline {
        Inline::Text {
            text: t.into(),
            style: RunStyle::default(),
        }
    }

    fn twips(t: &str, bold: bool) -> u32 {
        let chars: Vec<(char, bool)> = t.chars().map(|c| (c, bold)).collect();
        text_twips(&chars)
    }

    #[test]
    fn arial_widths_are_realistic() {
        // "Digitalministerkonferenz" in 11 pt Arial: 10669/1000 em = 2347 twips (sum of the
        // Arial advance widths), plus the 5 % reserve.
        let w = twips("Digitalministerkonferenz", false);
        assert_eq!(w, 10669 * 220 * 105 / 100_000);
        // Bold is wider; capitals are wider than lowercase letters; umlauts like their base.
        assert!(twips("Bemerkung", true) > twips("Bemerkung", false));
        assert!(twips("WWW", false) > twips("iii", false) * 3);
        assert_eq!(twips("Müller", false), twips("Muller", false));
    }

    #[test]
    fn short_lines_stay_whole_long_lines_break_between_words() {
        let cell = vec![
            text("030 18910-312"),
            Inline::Break,
            text("eine deutlich längere Zeile mit Donaudampfschifffahrt"),
        ];
        let need = ColumnNeed::of(&cell, false);
        assert_eq!(need.soft, twips("Donaudampfschifffahrt", false));
        assert_eq!(need.hard, twips("Donaudampfschifffahrt", false));
        assert!(need.soft > twips("030 18910-312", false));
        assert_eq!(
            need.line,
            twips(
                "eine deutlich längere Zeile mit Donaudampfschifffahrt",
                false
            )
        );
        let phone = ColumnNeed::of(&[text("030 18910-312")], false);
        assert_eq!(phone.soft, twips("030 18910-312", false));
        // A phone number is one word; other words may break after a hyphen, if they must.
        assert_eq!(phone.hard, twips("030 18910-312", false));
        let place = ColumnNeed::of(&[text("Rostock-Warnemünde")], false);
        assert_eq!(place.hard, twips("Warnemünde", false));
        assert_eq!(place.soft, twips("Rostock-Warnemünde", false));
        // The header row is measured bold.
        let header = ColumnNeed::of(&[text("Bemerkung")], true);
        assert_eq!(header.soft, twips("Bemerkung", true));
    }

    #[test]
    fn widths_sum_to_total_and_follow_content() {
        let need = |min: u32, line: u32| ColumnNeed {
            hard: min,
            soft: min,
            line,
        };
        // Datum | Gremium | Ort | long remark
        let needs = [
            need(1200, 1200),
            need(1000, 1000),
            need(700, 700),
            need(1400, 6000),
        ];
        let w = column_widths(&needs, TEXT_WIDTH);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH);
        assert!(w[3] > w[0] && w[0] > w[1] && w[1] > w[2], "{w:?}");
        // Every column fits its minimum.
        for (width, n) in w.iter().zip(&needs) {
            assert!(*width >= n.soft + CELL_PADDING, "{w:?}");
        }
        // Soft minima (short lines whole) do not fit, hard ones (words) do: every column
        // keeps its longest word, the rest completes the smallest shortfalls first.
        let mixed = [
            ColumnNeed {
                hard: 1400,
                soft: 1500,
                line: 1500,
            },
            ColumnNeed {
                hard: 3300,
                soft: 3300,
                line: 3600,
            },
            ColumnNeed {
                hard: 1300,
                soft: 2100,
                line: 2100,
            },
            ColumnNeed {
                hard: 1500,
                soft: 1900,
                line: 1900,
            },
        ];
        let w = column_widths(&mixed, TEXT_WIDTH);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH);
        for (width, n) in w.iter().zip(&mixed) {
            assert!(*width >= n.hard + CELL_PADDING, "{w:?}");
        }
        // Shortfalls 100, 800, 400: the room (9072 - 8540 = 532) completes 100 and 400.
        assert_eq!(w[0], 1500 + CELL_PADDING);
        assert_eq!(w[3], 1900 + CELL_PADDING);
        // Minima that do not fit: shrink in proportion, still exact total.
        let w = column_widths(&[need(4000, 4000); 5], 9072);
        assert_eq!(w.iter().sum::<u32>(), 9072);
        assert!(w.iter().all(|x| x.abs_diff(9072 / 5) <= 5), "{w:?}");
        let w = column_widths(&[need(0, 0), need(0, 0)], 1000);
        assert_eq!(w, vec![500, 500]);
    }

    #[test]
    fn links_share_ids_per_url_in_order() {
        let mut l = Links::new(PartIds::default().first_link_rid());
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
