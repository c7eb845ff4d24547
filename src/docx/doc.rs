//! The document model the Markdown is read into and the part writers render: blocks
//! (paragraphs, tables, breaks, section changes), inlines and the footnotes and ordered
//! lists they refer to.
//!
//! The tree only holds what the writer supports; the parser maps everything else to the
//! nearest supported construct or rejects it.

use pulldown_cmark::Alignment;

use super::ooxml::Orientation;

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
