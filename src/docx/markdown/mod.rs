//! Markdown (pulldown-cmark events) -> the document model ([`super::doc`]).
//!
//! The model only holds what the writer supports; everything else is either mapped to the
//! nearest supported construct (raw HTML -> its text) or rejected (images).

mod footnotes;
mod markers;

use std::collections::HashMap;

use pulldown_cmark::{Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::doc::{Block, Doc, Inline, OrderedList, Para, ParaKind, RunStyle, Table};
use super::error::DocxError;
use super::ooxml::{BULLET_NUM_ID, Orientation};
use markers::{HtmlPiece, marker, orientation_marker, split_br};

/// Deepest list level Word numbering supports (0-based).
const MAX_LEVEL: u8 = 8;

struct ListCtx {
    num_id: u32,
}

struct ItemCtx {
    numbered_para_done: bool,
}

struct TableBuilder {
    aligns: Vec<Alignment>,
    rows: Vec<Vec<Vec<Inline>>>,
    row: Option<Vec<Vec<Inline>>>,
    cell: Option<Vec<Inline>>,
}

struct LinkCtx {
    url: Option<String>,
    children: Vec<Inline>,
}

#[derive(Default)]
struct Builder {
    doc: Doc,
    footnote_defs: HashMap<String, Vec<Block>>,
    /// Label of the footnote definition being read, if any.
    in_footnote: Option<String>,
    footnote_blocks: Vec<Block>,
    para: Option<Para>,
    lists: Vec<ListCtx>,
    items: Vec<ItemCtx>,
    quote_depth: usize,
    table: Option<TableBuilder>,
    links: Vec<LinkCtx>,
    style: RunStyle,
    in_code_block: bool,
    in_html_block: bool,
    html_block_lines: usize,
    next_num_id: u32,
    /// Orientation of the body section being read (section markers that do not change it
    /// are dropped).
    orientation: Orientation,
}

/// Parse Markdown into the block tree. Fails only for constructs that cannot be represented
/// (images).
pub(crate) fn parse(markdown: &str) -> Result<Doc, DocxError> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut b = Builder {
        next_num_id: BULLET_NUM_ID + 1,
        ..Builder::default()
    };
    for event in Parser::new_ext(markdown, options) {
        b.event(event)?;
    }
    b.flush_para();
    Ok(b.finish())
}

impl Builder {
    fn event(&mut self, event: Event<'_>) -> Result<(), DocxError> {
        match event {
            Event::Start(tag) => self.start(tag)?,
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if self.in_code_block {
                    self.code_text(&text);
                } else {
                    self.text(&text, self.style);
                }
            }
            Event::Code(text) => {
                let style = RunStyle {
                    code: true,
                    ..self.style
                };
                self.text(&text, style);
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text, self.style),
            Event::Html(html) => {
                if self.in_html_block {
                    let line = html.strip_suffix('\n').unwrap_or(&html);
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    if self.html_block_lines > 0 {
                        self.push_inline(Inline::Break);
                    }
                    self.html_block_lines += 1;
                    self.html(line);
                } else {
                    self.html(&html);
                }
            }
            Event::InlineHtml(html) => self.html(&html),
            Event::FootnoteReference(label) => {
                self.push_inline(Inline::FootnoteLabel(label.to_string()));
            }
            Event::SoftBreak => self.text(" ", self.style),
            Event::HardBreak => self.push_inline(Inline::Break),
            Event::Rule => {
                self.flush_para();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => {
                self.text(if done { "\u{2612} " } else { "\u{2610} " }, self.style);
            }
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>) -> Result<(), DocxError> {
        match tag {
            Tag::Paragraph => {
                self.flush_para();
                self.open_para();
            }
            Tag::Heading { level, .. } => {
                self.flush_para();
                // HeadingLevel is H1..H6; Word styles exist for 1..4 here, deeper levels use 4.
                let n = (level as u8).min(4);
                self.para = Some(Para {
                    kind: ParaKind::Heading(n),
                    inlines: Vec::new(),
                });
            }
            Tag::BlockQuote(_) => {
                self.flush_para();
                self.quote_depth += 1;
            }
            Tag::CodeBlock(_) => {
                self.flush_para();
                self.in_code_block = true;
                self.para = Some(Para {
                    kind: ParaKind::Code,
                    inlines: Vec::new(),
                });
            }
            Tag::HtmlBlock => {
                self.flush_para();
                self.in_html_block = true;
                self.html_block_lines = 0;
                self.open_para();
            }
            Tag::List(start) => {
                self.flush_para();
                let num_id = match start {
                    None => BULLET_NUM_ID,
                    Some(start) => {
                        let num_id = self.next_num_id;
                        self.next_num_id += 1;
                        let level = self.lists.len().min(usize::from(MAX_LEVEL)) as u8;
                        self.doc.ordered_lists.push(OrderedList {
                            num_id,
                            level,
                            start,
                        });
                        num_id
                    }
                };
                self.lists.push(ListCtx { num_id });
            }
            Tag::Item => {
                self.flush_para();
                self.items.push(ItemCtx {
                    numbered_para_done: false,
                });
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_para();
                self.in_footnote = Some(label.to_string());
                self.footnote_blocks.clear();
            }
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.flush_para();
            }
            Tag::Table(aligns) => {
                self.flush_para();
                self.table = Some(TableBuilder {
                    aligns,
                    rows: Vec::new(),
                    row: None,
                    cell: None,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    if t.row.is_none() {
                        t.row = Some(Vec::new());
                    }
                }
            }
            Tag::TableCell => {
                if let Some(t) = self.table.as_mut() {
                    t.cell = Some(Vec::new());
                }
            }
            Tag::Emphasis => self.style.italic = true,
            Tag::Strong => self.style.bold = true,
            Tag::Strikethrough => self.style.strike = true,
            Tag::Superscript => self.style.superscript = true,
            Tag::Subscript => self.style.subscript = true,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let url = if link_type == LinkType::Email && !dest_url.contains(':') {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                // Only web and mail links become hyperlinks; anything else (file:,
                // javascript:, relative paths, anchors) stays plain text, and is listed.
                let allowed = crate::links::is_allowed(&url);
                if !allowed {
                    self.doc.refused_links.push(dest_url.to_string());
                }
                self.links.push(LinkCtx {
                    url: allowed.then_some(url),
                    children: Vec::new(),
                });
            }
            Tag::Image { dest_url, .. } => {
                return Err(DocxError::ImageNotSupported(dest_url.to_string()));
            }
            Tag::MetadataBlock(_) => {}
        }
        Ok(())
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.flush_para(),
            TagEnd::BlockQuote(_) => {
                self.flush_para();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                if let Some(p) = self.para.as_mut() {
                    while p.inlines.last() == Some(&Inline::Break) {
                        p.inlines.pop();
                    }
                }
                self.flush_para();
                self.in_code_block = false;
            }
            TagEnd::HtmlBlock => {
                self.flush_para();
                self.in_html_block = false;
            }
            TagEnd::List(_) => {
                self.flush_para();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush_para();
                self.items.pop();
            }
            TagEnd::FootnoteDefinition => {
                self.flush_para();
                if let Some(label) = self.in_footnote.take() {
                    let blocks = std::mem::take(&mut self.footnote_blocks);
                    self.footnote_defs.entry(label).or_insert(blocks);
                }
            }
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {
                self.flush_para();
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let ncols = t
                        .aligns
                        .len()
                        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
                    let mut rows = t.rows;
                    for row in &mut rows {
                        row.resize_with(ncols, Vec::new);
                    }
                    let mut aligns = t.aligns;
                    aligns.resize(ncols, Alignment::None);
                    if !rows.is_empty() {
                        self.push_block(Block::Table(Table { aligns, rows }));
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    if let Some(row) = t.row.take() {
                        t.rows.push(row);
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some(t) = self.table.as_mut() {
                    if let Some(cell) = t.cell.take() {
                        t.row.get_or_insert_with(Vec::new).push(cell);
                    }
                }
            }
            TagEnd::Emphasis => self.style.italic = false,
            TagEnd::Strong => self.style.bold = false,
            TagEnd::Strikethrough => self.style.strike = false,
            TagEnd::Superscript => self.style.superscript = false,
            TagEnd::Subscript => self.style.subscript = false,
            TagEnd::Link => {
                if let Some(link) = self.links.pop() {
                    match link.url {
                        Some(url) => self.push_inline(Inline::Link {
                            url,
                            children: link.children,
                        }),
                        None => {
                            for child in link.children {
                                match child {
                                    Inline::Text { text, style } => self.text(&text, style),
                                    other => self.push_inline(other),
                                }
                            }
                        }
                    }
                }
            }
            TagEnd::Image | TagEnd::MetadataBlock(_) => {}
        }
    }

    /// Kind of a new body paragraph in the current block context.
    fn context_kind(&mut self) -> ParaKind {
        if let (Some(list), Some(item)) = (self.lists.last(), self.items.last_mut()) {
            let level = (self.lists.len() - 1).min(usize::from(MAX_LEVEL)) as u8;
            if item.numbered_para_done {
                ParaKind::ListContinuation { level }
            } else {
                item.numbered_para_done = true;
                ParaKind::ListItem {
                    num_id: list.num_id,
                    level,
                }
            }
        } else if self.quote_depth > 0 {
            ParaKind::Quote
        } else {
            ParaKind::Normal
        }
    }

    fn open_para(&mut self) {
        let kind = self.context_kind();
        self.para = Some(Para {
            kind,
            inlines: Vec::new(),
        });
    }

    fn flush_para(&mut self) {
        if let Some(p) = self.para.take() {
            let marker = marker(&p);
            let last_is = |b: &Self, f: fn(&Block) -> bool| {
                b.in_footnote.is_none() && b.doc.blocks.last().is_some_and(f)
            };
            if marker == Some("\\newpage") {
                // A new section starts on a new page anyway: no empty page.
                if !last_is(self, |b| matches!(b, Block::Section(_))) {
                    self.push_block(Block::PageBreak);
                }
            } else if let (Some(o), None) = (marker.and_then(orientation_marker), &self.in_footnote)
            {
                if o != self.orientation {
                    self.orientation = o;
                    if last_is(self, |b| *b == Block::PageBreak) {
                        self.doc.blocks.pop();
                    }
                    self.push_block(Block::Section(o));
                }
            } else {
                self.push_block(Block::Para(p));
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        if self.in_footnote.is_some() {
            self.footnote_blocks.push(block);
        } else {
            self.doc.blocks.push(block);
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        if let Some(link) = self.links.last_mut() {
            link.children.push(inline);
            return;
        }
        if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            cell.push(inline);
            return;
        }
        if self.para.is_none() {
            // Tight list items carry their text without a paragraph event.
            self.open_para();
        }
        if let Some(p) = self.para.as_mut() {
            p.inlines.push(inline);
        }
    }

    fn text(&mut self, text: &str, style: RunStyle) {
        if text.is_empty() {
            return;
        }
        // Merge with the previous run of the same style (pulldown-cmark splits text at
        // escapes and entities).
        let target = if let Some(link) = self.links.last_mut() {
            Some(&mut link.children)
        } else if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell)
        } else {
            self.para.as_mut().map(|p| &mut p.inlines)
        };
        if let Some(Some(Inline::Text {
            text: prev,
            style: s,
        })) = target.map(|t| t.last_mut())
        {
            if *s == style {
                prev.push_str(text);
                return;
            }
        }
        self.push_inline(Inline::Text {
            text: text.to_string(),
            style,
        });
    }

    fn code_text(&mut self, text: &str) {
        let style = RunStyle {
            code: true,
            ..RunStyle::default()
        };
        let mut first = true;
        for line in text.split('\n') {
            if !first {
                self.push_inline(Inline::Break);
            }
            first = false;
            self.text(line.strip_suffix('\r').unwrap_or(line), style);
        }
    }

    /// Raw HTML: `<br>` variants become line breaks, everything else stays as literal text.
    fn html(&mut self, html: &str) {
        for piece in split_br(html) {
            match piece {
                HtmlPiece::Text(t) => self.text(t, self.style),
                HtmlPiece::Br => self.push_inline(Inline::Break),
            }
        }
    }
}

#[cfg(test)]
mod tests;
