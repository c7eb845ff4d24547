//! word/document.xml: the body's blocks (paragraphs, tables, page breaks, rules) and its
//! sections (each orientation change ends a section). Every property element is written in
//! ECMA-376 sequence order by construction.

use super::doc::{Block, Doc, Para, ParaKind};
use super::error::DocxError;
use super::ooxml::{
    DocumentRel, Links, MARGIN, Orientation, PAGE_H, PAGE_W, PartIds, STORY_NAMESPACES, StyleMap,
    list_indent,
};
use super::runs::{RunCtx, plain_run, write_inlines};
use super::table::write_table;
use super::xml::{Xml, XmlResult};

/// What the story writers share: hyperlink relationships of the part, style ids, and (in the
/// body) the section being written.
pub(crate) struct Ctx<'a> {
    links: &'a mut Links,
    styles: &'a StyleMap,
    /// The document's parts, for the ids of the header and footer of a section.
    parts: PartIds,
    /// Orientation of the current section; `None` in footnotes.
    section: Option<Orientation>,
    /// Whether the current section has content yet.
    section_started: bool,
}

impl<'a> Ctx<'a> {
    /// A part's writer state: its hyperlinks go into `links`, styles by `styles`.
    pub(crate) fn new(links: &'a mut Links, styles: &'a StyleMap) -> Self {
        Self {
            links,
            styles,
            parts: PartIds::default(),
            section: None,
            section_started: false,
        }
    }

    fn width(&self) -> u32 {
        self.section.unwrap_or_default().text_width()
    }
}

/// word/document.xml; hyperlink relationships are collected into `ctx.links`. Each section
/// ends with a paragraph carrying its sectPr; the last section's sectPr is the body's last
/// child.
pub(crate) fn document_xml(
    doc: &Doc,
    parts: PartIds,
    ctx: &mut Ctx<'_>,
) -> Result<Vec<u8>, DocxError> {
    ctx.parts = parts;
    let mut x = Xml::new()?;
    x.start("w:document", &STORY_NAMESPACES)?;
    x.start("w:body", &[])?;
    ctx.section = Some(Orientation::Portrait);
    write_blocks(&mut x, ctx, &doc.blocks, false)?;
    write_sect_pr(&mut x, ctx.parts, ctx.section.unwrap_or_default())?;
    x.end("w:body")?;
    x.end("w:document")?;
    Ok(x.finish())
}

/// A section's properties: headerReference/footerReference first, then pgSz, pgMar, cols,
/// docGrid. Each orientation has its own header and footer, whose right tab stop sits at
/// that orientation's right margin.
fn write_sect_pr(x: &mut Xml, parts: PartIds, o: Orientation) -> XmlResult {
    let header = parts.rid(DocumentRel::Header(o));
    let footer = parts.rid(DocumentRel::Footer(o));
    x.start("w:sectPr", &[])?;
    x.empty(
        "w:headerReference",
        &[("w:type", "default"), ("r:id", &header)],
    )?;
    x.empty(
        "w:footerReference",
        &[("w:type", "default"), ("r:id", &footer)],
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

/// The blocks of the body or of a footnote (`footnote`), with the section breaks between
/// them in the body.
pub(super) fn write_blocks(
    x: &mut Xml,
    ctx: &mut Ctx<'_>,
    blocks: &[Block],
    footnote: bool,
) -> XmlResult {
    for (i, block) in blocks.iter().enumerate() {
        if let Block::Section(next) = block {
            // The section so far ends with a paragraph carrying its properties; the next
            // one starts on a new page. A marker before any content only sets the start.
            if let Some(current) = ctx.section {
                if ctx.section_started {
                    x.start("w:p", &[])?;
                    x.start("w:pPr", &[])?;
                    write_sect_pr(x, ctx.parts, current)?;
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
                let width = ctx.width();
                write_table(x, ctx.links, ctx.styles, width, t)?;
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

/// One paragraph; `footnote_mark` starts it with the footnote's number.
pub(super) fn write_para(
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
    write_inlines(x, ctx.links, ctx.styles, &p.inlines, RunCtx::default())?;
    x.end("w:p")
}
