//! Footnote resolution once the whole text is read: ids in order of first reference,
//! references without a definition stay text, footnotes inside footnotes stay text.

use std::collections::HashMap;

use super::Builder;
use crate::docx::doc::{Block, Doc, Inline, RunStyle};

impl Builder {
    /// The document, its footnote labels resolved to ids.
    pub(super) fn finish(mut self) -> Doc {
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
