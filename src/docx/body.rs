//! word/document.xml: the body's blocks (paragraphs, tables, page breaks, rules) and its
//! sections (each orientation change ends a section). Every property element is written in
//! ECMA-376 sequence order by construction.

use std::borrow::Cow;

use super::doc::{Block, Doc, Inline, Para, ParaKind};
use super::error::DocxError;
use super::flow::{self, Flow};
use super::ooxml::{
    DocumentRel, Links, MARGIN, Orientation, PAGE_H, PAGE_W, PartIds, STORY_NAMESPACES, StyleMap,
    TABLE_HALF_POINTS, list_indent,
};
use super::runs::{RunCtx, plain_run, write_inlines};
use super::table::{table_size, write_table};
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
    /// The font size of every table of the document, in half-points ([`table_size_of`]).
    table_size: u32,
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
            table_size: TABLE_HALF_POINTS,
        }
    }

    /// The same, with every table set in `half_points`.
    pub(crate) fn with_table_size(mut self, half_points: u32) -> Self {
        self.table_size = half_points;
        self
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
    let blocks = short_tails_moved(&doc.blocks);
    ctx.section = Some(first_orientation(&blocks));
    write_blocks(&mut x, ctx, &blocks, false)?;
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
    let flows = flow::plan(blocks);
    for (i, block) in blocks.iter().enumerate() {
        if let Block::Section(next) = block {
            // The section so far ends with a paragraph carrying its properties; the next
            // one starts on a new page. A marker before any content only sets the start.
            if let Some(current) = ctx.section {
                if *next == current {
                    // The short opening already took this orientation (first_orientation).
                    continue;
                }
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
                write_para(x, ctx, p, footnote, false, flows[i])?;
            }
            Block::Table(t) => {
                let width = ctx.width();
                write_table(x, ctx.links, ctx.styles, width, t, ctx.table_size)?;
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

/// The one font size (half-points) of all tables of `doc`, body and footnotes: `preferred`
/// (the design's), smaller only where a table's longest words would not fit in its
/// section's width.
pub(crate) fn table_size_of(doc: &Doc, preferred: u32) -> u32 {
    let mut orientation = first_orientation(&doc.blocks);
    let mut tables = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Section(o) => orientation = *o,
            Block::Table(t) => tables.push((t, orientation.text_width())),
            _ => {}
        }
    }
    for block in doc.footnotes.iter().flatten() {
        if let Block::Table(t) = block {
            tables.push((t, Orientation::Portrait.text_width()));
        }
    }
    table_size(tables.iter().map(|(t, w)| (*t, *w)), preferred)
}

/// The orientation of the first page. An opening that would stand alone on a page less
/// than a third full before the first orientation change (a title block before a
/// `\querformat`) goes into the following section instead, so that page is not wasted.
fn first_orientation(blocks: &[Block]) -> Orientation {
    let portrait = Orientation::Portrait;
    let Some(first_change) = blocks.iter().position(|b| matches!(b, Block::Section(_))) else {
        return portrait;
    };
    let Block::Section(next) = blocks[first_change] else {
        return portrait;
    };
    let opening = &blocks[..first_change];
    let mut height = 0u32;
    for block in opening {
        match block {
            Block::Para(p) => height = height.saturating_add(estimated_height(p, next)),
            // A table or a deliberate page break: the author laid the page out.
            Block::Table(_) | Block::PageBreak => return portrait,
            Block::Rule | Block::Section(_) => {}
        }
    }
    if height < portrait.text_height() / 3 && height < next.text_height() / 3 {
        next
    } else {
        portrait
    }
}

/// The blocks with each orientation change moved up to just after its section's last table
/// when only a short stretch of paragraphs (less than half a page) follows that table: the
/// landscape pages are there for wide tables, and a stretch that overflows the last table's
/// page would otherwise stand alone on a landscape page before the section change forces
/// the next page. In the next section it flows on at the top of the new page.
fn short_tails_moved(blocks: &[Block]) -> Cow<'_, [Block]> {
    let mut moves = Vec::new(); // (index of the marker, index to move it to)
    let mut section_start = 0;
    for (k, block) in blocks.iter().enumerate() {
        let Block::Section(next) = block else {
            continue;
        };
        let section = &blocks[section_start..k];
        section_start = k + 1;
        let Some(last_table) = section.iter().rposition(|b| matches!(b, Block::Table(_))) else {
            continue;
        };
        let tail = &section[last_table + 1..];
        let mut height = 0u32;
        let mut only_text = true;
        for b in tail {
            match b {
                Block::Para(p) => height = height.saturating_add(estimated_height(p, *next)),
                Block::Rule => {}
                _ => only_text = false,
            }
        }
        if only_text && !tail.is_empty() && height < next.text_height() / 2 {
            moves.push((k, k - tail.len()));
        }
    }
    if moves.is_empty() {
        return Cow::Borrowed(blocks);
    }
    let mut moved = blocks.to_vec();
    for (from, to) in moves {
        moved[to..=from].rotate_right(1);
    }
    Cow::Owned(moved)
}

/// A generous estimate of a paragraph's height in twips in orientation `o`: 11 pt lines of
/// 0.55 em per character on average, headings at 1.5 times that, and the space after.
fn estimated_height(p: &Para, o: Orientation) -> u32 {
    let chars: usize = p
        .inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.chars().count(),
            Inline::Link { children, .. } => children.len() * 20,
            Inline::Break => 200,
            _ => 1,
        })
        .sum();
    let chars = u32::try_from(chars).unwrap_or(u32::MAX);
    let scale = if matches!(p.kind, ParaKind::Heading(_)) {
        3
    } else {
        2
    };
    let char_width = 121 * scale / 2; // 0.55 em of 11 pt = 121 twips
    let lines = chars.saturating_mul(char_width) / o.text_width().max(1) + 1;
    lines.saturating_mul(276 * scale / 2).saturating_add(240)
}

/// One paragraph; `footnote_mark` starts it with the footnote's number; `flow` says how it
/// flows across a page break (written in the paragraph itself, so a reference document's
/// styles without keep or widow settings do not matter).
pub(super) fn write_para(
    x: &mut Xml,
    ctx: &mut Ctx<'_>,
    p: &Para,
    footnote: bool,
    footnote_mark: bool,
    flow: Flow,
) -> XmlResult {
    let space_before = flow.after_block && !matches!(p.kind, ParaKind::Heading(_));
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
    // Every paragraph has properties: at least widow/orphan control, which the OOXML
    // default leaves off and LibreOffice then does not apply.
    {
        // pPr order: pStyle, keepNext, keepLines, ..., widowControl, numPr, ..., spacing, ind
        x.start("w:pPr", &[])?;
        if let Some(style) = &style {
            x.empty("w:pStyle", &[("w:val", ctx.styles.id(style))])?;
        }
        if flow.keep_next {
            x.empty("w:keepNext", &[])?;
        }
        if flow.keep_lines {
            x.empty("w:keepLines", &[])?;
        }
        x.empty("w:widowControl", &[])?;
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
