//! Reading Word content blocks: every `.docx` below `templates/bausteine/`, written by the
//! editors in Word, into a small tree of paragraphs, lists, tables and footnotes.
//!
//! The reader is the project's own, on `zip` and `quick-xml` (the choice and its measurements
//! are in the README, "Textbausteine aus Word"). It runs the spreadsheet reader's zip-bomb pass
//! ([`crate::load::xlsx::check_zip`]) before it unpacks anything, reads a file within
//! [`MAX_BLOCK_BYTES`], holds XML to [`MAX_XML_DEPTH`] levels, and refuses `.doc`, `.odt` and
//! password-protected files with a German error that names the file. What the tree cannot
//! hold is reported ([`Block::warnings`], or an error for images and embedded objects), never
//! dropped silently.
//!
//! This module does not render: turning a block into Markdown with the template's values is
//! [`crate::render`]'s job (`baustein(...)`), so Jinja tags typed into Word stay text here.

mod document;
mod package;
mod styles;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Location};
use crate::messages::blocks as messages;

/// The folder of the blocks, below the templates folder.
pub const BLOCKS_DIR: &str = "bausteine";

/// Largest block file read; a page of prose in Word is 15–40 KB.
pub const MAX_BLOCK_BYTES: u64 = 16 * 1024 * 1024;

/// Largest total of a block's unpacked parts.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;

/// Deepest XML nesting accepted in a part (Word's deepest real nesting is a few dozen).
pub const MAX_XML_DEPTH: usize = 256;

/// How deep below `bausteine/` blocks are looked for.
const MAX_DIR_DEPTH: usize = 8;

/// Character formatting a block keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Struck through (single or double).
    pub strike: bool,
}

/// A piece of a paragraph, in reading order. Links are flat (start, pieces, end), so the text
/// of a paragraph can be read across runs and links alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text with its formatting (non-breaking spaces and hyphens as their characters).
    Text {
        /// The text.
        text: String,
        /// Its formatting.
        style: Style,
    },
    /// A line break (Shift+Enter).
    Break,
    /// A footnote or endnote reference: the key into [`Block::notes`].
    Note(String),
    /// The start of a link to `url` (http, https or mailto as Word wrote it).
    LinkStart(String),
    /// The end of the innermost link.
    LinkEnd,
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// Body text.
    Normal,
    /// A heading of level 1 ("Überschrift 1" / "Heading 1") to 9.
    Heading(u8),
    /// A list item.
    ListItem {
        /// Its level, 0 for the outermost.
        level: u8,
        /// Numbered (1., a), i.) or bulleted.
        numbered: bool,
        /// The number Word shows for it (counting on from earlier items of the same list).
        number: u64,
    },
}

/// One paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// Its number in the block, counted from 1 in reading order (table cells included), for
    /// messages.
    pub number: usize,
    /// What it is.
    pub kind: ParaKind,
    /// Its content.
    pub inlines: Vec<Inline>,
}

impl Para {
    /// The paragraph's plain text, across runs and links.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for inline in &self.inlines {
            match inline {
                Inline::Text { text: piece, .. } => text.push_str(piece),
                Inline::Break => text.push(' '),
                _ => {}
            }
        }
        text
    }

    /// Its first words (about 40 characters), for messages.
    pub fn first_words(&self) -> String {
        first_words(&self.text())
    }
}

/// The first words of a text (up to about 40 characters, whole words), for messages.
pub fn first_words(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() && out.chars().count() + word.chars().count() > 40 {
            out.push_str(" …");
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A table: rows of cells, each cell its paragraphs (already flattened to text paragraphs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The rows; the first is the header row in the briefing.
    pub rows: Vec<Vec<Vec<Para>>>,
}

/// A paragraph or a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Table),
}

/// One block as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Its name as templates use it: the path below `bausteine/` with `/`, without `.docx`.
    pub name: String,
    /// Its file, for messages.
    pub file: PathBuf,
    /// The text, in order.
    pub body: Vec<Item>,
    /// Footnotes (`f<id>`) and endnotes (`e<id>`), each its paragraphs.
    pub notes: BTreeMap<String, Vec<Para>>,
    /// What the block holds that the briefing cannot show as Word does (already worded).
    pub warnings: Vec<String>,
}

/// A block file as found: read, or refused with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockSource {
    /// Read.
    Read(Block),
    /// Not usable; the reason is reported once for the file.
    Refused(String),
}

/// Every block of the templates folder, by name.
#[derive(Debug, Clone, Default)]
pub struct Blocks {
    /// The blocks folder (`templates/bausteine`).
    pub dir: PathBuf,
    /// Name to block.
    pub sources: BTreeMap<String, BlockSource>,
    /// Files next to the blocks that are not read (Word's lock files), as warnings.
    pub skipped: Vec<PathBuf>,
}

impl Blocks {
    /// The files of the blocks, for the list of sources.
    pub fn files(&self) -> Vec<PathBuf> {
        self.sources
            .keys()
            .map(|name| self.dir.join(format!("{name}.docx")))
            .collect()
    }

    /// The warnings and errors of every block, each naming its file.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut diagnostics = Diagnostics::new();
        for (name, source) in &self.sources {
            let file = self.dir.join(format!("{name}.docx"));
            match source {
                BlockSource::Read(block) => {
                    for warning in &block.warnings {
                        diagnostics.warning(Location::file(&file), warning.clone());
                    }
                }
                BlockSource::Refused(reason) => {
                    diagnostics.error(Location::file(&file), reason.clone());
                }
            }
        }
        for file in &self.skipped {
            let shown = file.file_name().map(|n| n.to_string_lossy().into_owned());
            diagnostics.warning(
                Location::file(file),
                messages::lock_file_skipped(&shown.unwrap_or_default()),
            );
        }
        diagnostics
    }
}

/// Reads every `.docx` below `templates/bausteine/`. A missing folder gives no blocks.
pub fn read(templates_dir: &Path) -> Blocks {
    let dir = templates_dir.join(BLOCKS_DIR);
    let mut blocks = Blocks {
        dir: dir.clone(),
        ..Blocks::default()
    };
    let Ok(root) = dir.canonicalize() else {
        return blocks;
    };
    visit(&dir, &root, &mut Vec::new(), &mut blocks);
    blocks
}

fn visit(dir: &Path, root: &Path, segments: &mut Vec<String>, blocks: &mut Blocks) {
    if segments.len() > MAX_DIR_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|entry| entry.path()).collect();
    entries.sort();
    for path in entries {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let Some(file_name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        if meta.is_dir() {
            segments.push(file_name);
            visit(&path, root, segments, blocks);
            segments.pop();
            continue;
        }
        let Some(stem) = file_name
            .strip_suffix(".docx")
            .or_else(|| file_name.strip_suffix(".DOCX"))
        else {
            continue;
        };
        if file_name.starts_with("~$") {
            blocks.skipped.push(path);
            continue;
        }
        segments.push(stem.to_string());
        let name = segments.join("/");
        segments.pop();
        let inside = path
            .canonicalize()
            .is_ok_and(|resolved| resolved.starts_with(root));
        let source = if !inside {
            BlockSource::Refused(crate::messages::inputs::template_outside(&name))
        } else {
            match super::fs::read_bounded(&path, MAX_BLOCK_BYTES) {
                Ok(bytes) => match read_bytes(&name, &path, &bytes) {
                    Ok(block) => BlockSource::Read(block),
                    Err(reason) => BlockSource::Refused(reason),
                },
                Err(error) => BlockSource::Refused(error.reason()),
            }
        };
        blocks.sources.insert(name, source);
    }
}

/// Reads one block from the bytes of its file: the tree, or the reason it cannot be used
/// (in German, without the file name, which the caller puts in front).
pub fn read_bytes(name: &str, file: &Path, bytes: &[u8]) -> Result<Block, String> {
    let parts = package::Package::open(bytes)?;
    let styles = match &parts.styles {
        Some(xml) => styles::Styles::parse(xml)?,
        None => styles::Styles::default(),
    };
    let numbering = match &parts.numbering {
        Some(xml) => styles::Numbering::parse(xml)?,
        None => styles::Numbering::default(),
    };
    let read = document::read(&parts, &styles, &numbering)?;
    Ok(Block {
        name: name.to_string(),
        file: file.to_path_buf(),
        body: read.body,
        notes: read.notes,
        warnings: read.warnings,
    })
}

#[cfg(test)]
mod tests;
