//! Markdown (pulldown-cmark events) -> a small block/inline tree that the part writers render.
//!
//! The tree only holds what the writer supports; everything else is either mapped to the
//! nearest supported construct (raw HTML -> its text) or rejected (images).

use std::collections::HashMap;

use pulldown_cmark::{Alignment, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::DocxError;

/// Character formatting of a run of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RunStyle {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub superscript: bool,
    pub subscript: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    Text {
        text: String,
        style: RunStyle,
    },
    /// A line break inside the paragraph (`w:br`).
    Break,
    /// A resolved footnote reference (Word footnote id, starting at 1).
    FootnoteRef(u32),
    /// A footnote reference before resolution (label as written in the Markdown).
    FootnoteLabel(String),
    /// A hyperlink to an external target (http, https or mailto only).
    Link {
        url: String,
        children: Vec<Inline>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParaKind {
    Normal,
    Heading(u8),
    Quote,
    /// First paragraph of a list item: carries the number / bullet.
    ListItem {
        num_id: u32,
        level: u8,
    },
    /// A further paragraph inside a list item: indented like the item's text, no number.
    ListContinuation {
        level: u8,
    },
    Code,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    pub kind: ParaKind,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub aligns: Vec<Alignment>,
    /// First row is the header row.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// Page orientation of a section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Para(Para),
    Table(Table),
    PageBreak,
    Rule,
    /// `\querformat` / `\hochformat`: the following blocks go into a new section (on a new
    /// page) with this orientation. Only in the body, only where the orientation changes.
    Section(Orientation),
}

/// An ordered list instance: it gets its own `w:num` so its numbering restarts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OrderedList {
    pub num_id: u32,
    pub level: u8,
    pub start: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Doc {
    pub blocks: Vec<Block>,
    /// Footnotes in id order (id = index + 1), each a list of blocks.
    pub footnotes: Vec<Vec<Block>>,
    pub ordered_lists: Vec<OrderedList>,
    /// Link targets that are not http, https or mailto, in order of appearance.
    pub refused_links: Vec<String>,
}

impl Doc {
    /// Whether any section of the body is landscape (it then needs the landscape header and
    /// footer parts).
    pub(crate) fn has_landscape(&self) -> bool {
        self.blocks
            .contains(&Block::Section(Orientation::Landscape))
    }
}

/// The `w:num` id shared by all bullet lists.
pub(crate) const BULLET_NUM_ID: u32 = 1;
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

    fn finish(mut self) -> Doc {
        // Footnote ids in order of first reference; references without definition stay text.
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut blocks = std::mem::take(&mut self.doc.blocks);
        let defs = &self.footnote_defs;
        let mut resolve = |inlines: &mut [Inline]| {
            resolve_footnotes(inlines, &mut |label: &str| {
                if let Some(id) = ids.get(label) {
                    return Some(*id);
                }
                if defs.contains_key(label) {
                    let id = order.len() as u32 + 1;
                    order.push(label.to_string());
                    ids.insert(label.to_string(), id);
                    Some(id)
                } else {
                    None
                }
            });
        };
        for_each_inlines(&mut blocks, &mut resolve);
        self.doc.blocks = blocks;
        for label in &order {
            let mut fblocks = self.footnote_defs.get(label).cloned().unwrap_or_default();
            // Footnotes inside footnotes are not supported by Word: keep them as text.
            for_each_inlines(&mut fblocks, &mut |inlines| {
                resolve_footnotes(inlines, &mut |_| None);
            });
            self.doc.footnotes.push(fblocks);
        }
        self.doc
    }
}

fn for_each_inlines(blocks: &mut [Block], f: &mut dyn FnMut(&mut [Inline])) {
    for block in blocks {
        match block {
            Block::Para(p) => f(&mut p.inlines),
            Block::Table(t) => {
                for row in &mut t.rows {
                    for cell in row {
                        f(cell);
                    }
                }
            }
            Block::PageBreak | Block::Rule | Block::Section(_) => {}
        }
    }
}

fn resolve_footnotes(inlines: &mut [Inline], lookup: &mut dyn FnMut(&str) -> Option<u32>) {
    for inline in inlines.iter_mut() {
        match inline {
            Inline::FootnoteLabel(label) => {
                *inline = match lookup(label) {
                    Some(id) => Inline::FootnoteRef(id),
                    None => Inline::Text {
                        text: format!("[^{label}]"),
                        style: RunStyle::default(),
                    },
                };
            }
            Inline::Link { children, .. } => resolve_footnotes(children, lookup),
            _ => {}
        }
    }
}

/// The marker command (`\newpage`, `\querformat`, `\hochformat`) a normal paragraph
/// consists of, if any.
fn marker(p: &Para) -> Option<&'static str> {
    if !matches!(p.kind, ParaKind::Normal) {
        return None;
    }
    let mut text = String::new();
    for inline in &p.inlines {
        match inline {
            Inline::Text { text: t, style } if *style == RunStyle::default() => text.push_str(t),
            _ => return None,
        }
    }
    ["\\newpage", "\\querformat", "\\hochformat"]
        .into_iter()
        .find(|m| text.trim() == *m)
}

fn orientation_marker(marker: &str) -> Option<Orientation> {
    match marker {
        "\\querformat" => Some(Orientation::Landscape),
        "\\hochformat" => Some(Orientation::Portrait),
        _ => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
enum HtmlPiece<'a> {
    Text(&'a str),
    Br,
}

/// Split raw HTML at `<br>`, `<br/>`, `<br />` (any case).
fn split_br(html: &str) -> Vec<HtmlPiece<'_>> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if let Some(len) = br_tag_len(&bytes[i..]) {
                if start < i {
                    out.push(HtmlPiece::Text(&html[start..i]));
                }
                out.push(HtmlPiece::Br);
                i += len;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    if start < html.len() {
        out.push(HtmlPiece::Text(&html[start..]));
    }
    out
}

fn br_tag_len(s: &[u8]) -> Option<usize> {
    if s.len() < 4 || !s[1..3].eq_ignore_ascii_case(b"br") {
        return None;
    }
    let mut i = 3;
    while i < s.len() && s[i].is_ascii_whitespace() {
        i += 1;
    }
    if i < s.len() && s[i] == b'/' {
        i += 1;
    }
    (i < s.len() && s[i] == b'>').then_some(i + 1)
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

    #[test]
    fn br_variants_split() {
        assert_eq!(
            split_br("a<br>b<BR/>c<br />d<bra>"),
            vec![
                HtmlPiece::Text("a"),
                HtmlPiece::Br,
                HtmlPiece::Text("b"),
                HtmlPiece::Br,
                HtmlPiece::Text("c"),
                HtmlPiece::Br,
                HtmlPiece::Text("d<bra>"),
            ]
        );
    }

    #[test]
    fn disallowed_link_becomes_plain_text() {
        let doc = parse("[klick](javascript:alert(1)) und [web](https://x.de)").unwrap();
        let Block::Para(p) = &doc.blocks[0] else {
            panic!("paragraph expected")
        };
        assert_eq!(p.inlines[0], text("klick und "));
        assert!(matches!(&p.inlines[1], Inline::Link { url, .. } if url == "https://x.de"));
        assert_eq!(p.inlines.len(), 2);
    }

    #[test]
    fn ordered_lists_get_own_numbering_instances() {
        let doc = parse("1. a\n2. b\n\nText\n\n3. c\n   1. d\n\n- x\n- y\n").unwrap();
        assert_eq!(
            doc.ordered_lists,
            vec![
                OrderedList {
                    num_id: 2,
                    level: 0,
                    start: 1
                },
                OrderedList {
                    num_id: 3,
                    level: 0,
                    start: 3
                },
                OrderedList {
                    num_id: 4,
                    level: 1,
                    start: 1
                },
            ]
        );
        let kinds: Vec<ParaKind> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.kind),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                ParaKind::ListItem {
                    num_id: 2,
                    level: 0
                },
                ParaKind::ListItem {
                    num_id: 2,
                    level: 0
                },
                ParaKind::Normal,
                ParaKind::ListItem {
                    num_id: 3,
                    level: 0
                },
                ParaKind::ListItem {
                    num_id: 4,
                    level: 1
                },
                ParaKind::ListItem {
                    num_id: BULLET_NUM_ID,
                    level: 0
                },
                ParaKind::ListItem {
                    num_id: BULLET_NUM_ID,
                    level: 0
                },
            ]
        );
    }

    #[test]
    fn footnotes_resolve_in_reference_order() {
        let doc = parse("A[^b] B[^a] C[^b] D[^fehlt]\n\n[^a]: Erste.\n[^b]: Zweite.\n").unwrap();
        let Block::Para(p) = &doc.blocks[0] else {
            panic!("paragraph expected")
        };
        let refs: Vec<&Inline> = p
            .inlines
            .iter()
            .filter(|i| !matches!(i, Inline::Text { .. }))
            .collect();
        assert_eq!(
            refs,
            vec![
                &Inline::FootnoteRef(1),
                &Inline::FootnoteRef(2),
                &Inline::FootnoteRef(1)
            ]
        );
        assert!(p.inlines.contains(&text(" D[^fehlt]")) || p.inlines.contains(&text("[^fehlt]")));
        assert_eq!(doc.footnotes.len(), 2);
        let Block::Para(f1) = &doc.footnotes[0][0] else {
            panic!("paragraph expected")
        };
        assert_eq!(f1.inlines, vec![text("Zweite.")]);
    }

    #[test]
    fn table_cells_and_breaks() {
        let doc = parse("| A | B |\n|---|--:|\n| x<br>y | |\n").unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("table expected")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][0], vec![text("x"), Inline::Break, text("y")]);
        assert!(t.rows[1][1].is_empty());
        assert_eq!(t.aligns[1], Alignment::Right);
    }

    #[test]
    fn section_markers() {
        let doc = parse(
            "\\querformat\n\na\n\n\\querformat\n\n\\newpage\n\n\\hochformat\n\n\\newpage\n\nb\n\n\\newpage\n\n\\querformat\n\nc\n\n- \\hochformat\n",
        )
        .unwrap();
        let kinds: Vec<String> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Para(p) => format!("{:?}", p.inlines),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                "Section(Landscape)".to_string(),
                format!("{:?}", vec![text("a")]),
                // The second \querformat changes nothing; the page break before a section
                // and the one right after it would only make empty pages.
                "Section(Portrait)".to_string(),
                format!("{:?}", vec![text("b")]),
                "Section(Landscape)".to_string(),
                format!("{:?}", vec![text("c")]),
                // Inside a list the marker is text.
                format!("{:?}", vec![text("\\hochformat")]),
            ]
        );
        assert!(doc.has_landscape());
    }

    #[test]
    fn page_break_and_image() {
        let doc = parse("a\n\n\\newpage\n\nb").unwrap();
        assert_eq!(doc.blocks[1], Block::PageBreak);
        let err = parse("![Logo](logo.png)").unwrap_err();
        assert!(err.to_string().contains("logo.png"));
    }

    #[test]
    fn very_deep_nesting_does_not_overflow() {
        let mut md = String::new();
        for depth in 0..300 {
            md.push_str(&" ".repeat(depth * 3));
            md.push_str("1. x\n");
        }
        let doc = parse(&md).unwrap();
        assert!(doc.ordered_lists.iter().all(|l| l.level <= MAX_LEVEL));
        assert!(doc.ordered_lists.iter().any(|l| l.level == MAX_LEVEL));
        assert!(doc.blocks.iter().all(|b| match b {
            Block::Para(Para {
                kind: ParaKind::ListItem { level, .. },
                ..
            }) => *level <= MAX_LEVEL,
            _ => true,
        }));
    }

    #[test]
    fn other_html_is_kept_as_text() {
        let doc = parse("a <span>b</span> c").unwrap();
        let Block::Para(p) = &doc.blocks[0] else {
            panic!("paragraph expected")
        };
        assert_eq!(p.inlines, vec![text("a <span>b</span> c")]);
    }
}
