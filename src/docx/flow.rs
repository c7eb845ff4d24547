//! Where pages may break: a plan, computed from the blocks before any XML is written, of which
//! paragraphs keep with the next one (`w:keepNext`) and which keep their lines on one page
//! (`w:keepLines`). Word and LibreOffice both honour these paragraph properties (LibreOffice
//! turns them into "keep with next paragraph" and "do not split paragraph"), so a page break
//! that holds in one holds in the other; table rows are kept whole by `w:cantSplit` in
//! [`super::table`], and every paragraph carries widow/orphan control (`w:widowControl`).
//!
//! What it is not: a typesetter. It knows no line heights; the only estimate is whether a
//! paragraph is short (two lines or fewer), for the end of a section.

use super::doc::{Block, Inline, Para, ParaKind};

/// How one paragraph of the body flows across a page break.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flow {
    /// Air above: the paragraph follows a table or ends a list.
    pub after_block: bool,
    /// Stays on the page of the paragraph (or table row) after it.
    pub keep_next: bool,
    /// Its lines stay on one page.
    pub keep_lines: bool,
}

/// Lists of up to this many items stay on one page, and so does a longer one of up to
/// [`WHOLE_LIST_LINES`] lines (a third of a page: eight guiding questions); a longer one
/// keeps its first two items together and its last [`LIST_TAIL`] items together, so
/// neither a lone first item ends a page nor a lone last item (or two) opens one.
pub(crate) const WHOLE_LIST_ITEMS: usize = 5;
/// See [`WHOLE_LIST_ITEMS`]: lines of a list (estimated) that stay on one page.
const WHOLE_LIST_LINES: usize = 18;
/// The items at the end of a long list that stay together.
pub(crate) const LIST_TAIL: usize = 3;

/// Characters of a line of body text, generously (11 pt Arial on a portrait page holds
/// about 95): a paragraph up to twice this is "short".
const LINE_CHARS: usize = 90;
/// The same for a list item's indented text, conservatively (fewer lines than real).
const LIST_LINE_CHARS: usize = 95;

/// The flow of every block of `blocks` (body or footnote); entries for tables, rules, page
/// breaks and section markers are there for indexing and stay default.
pub(crate) fn plan(blocks: &[Block]) -> Vec<Flow> {
    let mut flows = vec![Flow::default(); blocks.len()];
    for (i, block) in blocks.iter().enumerate() {
        let Block::Para(p) = block else {
            continue;
        };
        let previous = i.checked_sub(1).and_then(|j| blocks.get(j));
        let next = blocks.get(i + 1);
        let flow = &mut flows[i];
        flow.after_block = match previous {
            Some(Block::Table(_)) => true,
            Some(Block::Para(prev)) => is_list(prev.kind) && !is_list(p.kind),
            _ => false,
        };
        match p.kind {
            ParaKind::Heading(_) => {
                flow.keep_next = true;
                flow.keep_lines = true;
            }
            ParaKind::Normal | ParaKind::Quote => {
                let after_heading = matches!(previous, Some(Block::Para(prev)) if is_heading(prev));
                // A decision's title is a heading, its session line the italic paragraph
                // below it; neither may end a page alone.
                let session_line = after_heading && is_all_emphasis(&p.inlines);
                // "…diese Regelungen von Bedeutung:" belongs on the page of its list.
                let lead_in = ends_with_colon(&p.inlines)
                    && match next {
                        Some(Block::Table(_)) => true,
                        Some(Block::Para(n)) => is_list(n.kind),
                        _ => false,
                    };
                flow.keep_next = session_line || lead_in;
                flow.keep_lines = lead_in;
            }
            ParaKind::ListItem { .. } | ParaKind::ListContinuation { .. } | ParaKind::Code => {}
        }
    }
    keep_lists(blocks, &mut flows);
    keep_section_ends(blocks, &mut flows);
    flows
}

/// Lists: every paragraph keeps its lines; short lists stay whole, long ones keep their
/// first two and their last [`LIST_TAIL`] items together.
fn keep_lists(blocks: &[Block], flows: &mut [Flow]) {
    let mut i = 0;
    while i < blocks.len() {
        let run = blocks[i..]
            .iter()
            .take_while(|b| matches!(b, Block::Para(p) if is_list(p.kind)))
            .count();
        if run == 0 {
            i += 1;
            continue;
        }
        let range = i..i + run;
        let level_of = |b: &Block| match b {
            Block::Para(Para {
                kind: ParaKind::ListItem { level, .. } | ParaKind::ListContinuation { level },
                ..
            }) => *level,
            _ => 0,
        };
        let top = blocks[range.clone()]
            .iter()
            .map(level_of)
            .min()
            .unwrap_or(0);
        // Indices of the top-level items' first paragraphs.
        let items: Vec<usize> = range
            .clone()
            .filter(|&k| {
                matches!(&blocks[k], Block::Para(Para { kind: ParaKind::ListItem { level, .. }, .. }) if *level == top)
            })
            .collect();
        let last = range.end - 1;
        for k in range.clone() {
            flows[k].keep_lines = true;
        }
        let lines: usize = blocks[range.clone()]
            .iter()
            .map(|b| match b {
                Block::Para(p) => text_chars(&p.inlines) / LIST_LINE_CHARS + 1,
                _ => 0,
            })
            .sum();
        if items.len() <= WHOLE_LIST_ITEMS || lines <= WHOLE_LIST_LINES {
            for flow in &mut flows[range.start..last] {
                flow.keep_next = true;
            }
        } else {
            // The first item with the start of the second.
            for flow in &mut flows[range.start..items[1]] {
                flow.keep_next = true;
            }
            let tail_start = items[items.len() - LIST_TAIL];
            for flow in &mut flows[tail_start..last] {
                flow.keep_next = true;
            }
        }
        i = range.end;
    }
}

/// A section's last paragraph, when short, does not stand alone at the top of a page: the
/// paragraph before it keeps with it (widow/orphan control then brings at least two of its
/// lines along).
fn keep_section_ends(blocks: &[Block], flows: &mut [Flow]) {
    for i in 1..blocks.len() {
        let ends_section = match blocks.get(i + 1) {
            None => true,
            Some(Block::Para(p)) => is_heading(p),
            Some(Block::Section(_) | Block::PageBreak) => true,
            _ => false,
        };
        let (Block::Para(last), Block::Para(before)) = (&blocks[i], &blocks[i - 1]) else {
            continue;
        };
        if ends_section
            && matches!(last.kind, ParaKind::Normal)
            && matches!(before.kind, ParaKind::Normal)
            && text_chars(&last.inlines) <= 2 * LINE_CHARS
        {
            flows[i - 1].keep_next = true;
        }
    }
}

fn is_heading(p: &Para) -> bool {
    matches!(p.kind, ParaKind::Heading(_))
}

pub(crate) fn is_list(kind: ParaKind) -> bool {
    matches!(
        kind,
        ParaKind::ListItem { .. } | ParaKind::ListContinuation { .. }
    )
}

/// The visible text's characters (a line break counts as a line's worth).
fn text_chars(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.chars().count(),
            Inline::Link { children, .. } => text_chars(children),
            Inline::Break => LINE_CHARS,
            Inline::FootnoteRef(_) | Inline::FootnoteLabel(_) => 1,
        })
        .sum()
}

/// Whether the paragraph's last visible character is a colon (footnote marks aside).
fn ends_with_colon(inlines: &[Inline]) -> bool {
    fn last_char(inlines: &[Inline]) -> Option<char> {
        inlines.iter().rev().find_map(|i| match i {
            Inline::Text { text, .. } => text.trim_end().chars().last(),
            Inline::Link { children, .. } => last_char(children),
            Inline::Break | Inline::FootnoteRef(_) | Inline::FootnoteLabel(_) => None,
        })
    }
    last_char(inlines) == Some(':')
}

/// Text that is all italic (spaces, breaks and footnote marks aside), with some text.
fn is_all_emphasis(inlines: &[Inline]) -> bool {
    let mut any = false;
    for inline in inlines {
        match inline {
            Inline::Text { text, style } => {
                if !style.italic && !text.trim().is_empty() {
                    return false;
                }
                any |= style.italic && !text.trim().is_empty();
            }
            Inline::Link { children, .. } => {
                if !is_all_emphasis(children) {
                    return false;
                }
                any = true;
            }
            Inline::Break | Inline::FootnoteRef(_) | Inline::FootnoteLabel(_) => {}
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docx::doc::RunStyle;

    fn para(kind: ParaKind, text: &str) -> Block {
        Block::Para(Para {
            kind,
            inlines: vec![Inline::Text {
                text: text.into(),
                style: RunStyle::default(),
            }],
        })
    }

    fn item(text: &str) -> Block {
        para(
            ParaKind::ListItem {
                num_id: 1,
                level: 0,
            },
            text,
        )
    }

    fn keeps(flows: &[Flow]) -> Vec<bool> {
        flows.iter().map(|f| f.keep_next).collect()
    }

    #[test]
    fn headings_and_lead_ins_keep_with_what_follows() {
        let blocks = vec![
            para(ParaKind::Heading(2), "Leitfragen"),
            para(
                ParaKind::Normal,
                "Für Ihre Konferenzen sind diese Regelungen von Bedeutung:",
            ),
            item("eins"),
            item("zwei"),
            para(ParaKind::Normal, "Ein Satz ohne Doppelpunkt."),
            para(
                ParaKind::Normal,
                "Noch ein längerer Absatz, der nicht an einer Liste steht:",
            ),
            para(ParaKind::Normal, "Schluss."),
        ];
        let flows = plan(&blocks);
        assert_eq!(
            keeps(&flows),
            // heading, lead-in, item, last item, plain, colon without a list (but before the
            // short last paragraph of the section), last
            vec![true, true, true, false, false, true, false]
        );
        assert!(flows[0].keep_lines && flows[1].keep_lines && flows[2].keep_lines);
        assert!(flows[4].after_block && !flows[3].after_block);
    }

    #[test]
    fn short_lists_stay_whole_long_lists_keep_their_ends() {
        let short: Vec<Block> = (0..5).map(|n| item(&n.to_string())).collect();
        assert_eq!(keeps(&plan(&short)), vec![true, true, true, true, false]);
        // Eight short items fit whole in a third of a page.
        let eight: Vec<Block> = (0..8).map(|n| item(&n.to_string())).collect();
        assert_eq!(keeps(&plan(&eight)), [vec![true; 7], vec![false]].concat());
        let long: Vec<Block> = (0..8).map(|n| item(&"Wort ".repeat(40 + n))).collect();
        assert_eq!(
            keeps(&plan(&long)),
            vec![true, false, false, false, false, true, true, false]
        );
        // A nested item belongs to its top-level item.
        let mut nested = short.clone();
        nested.insert(
            2,
            para(
                ParaKind::ListItem {
                    num_id: 1,
                    level: 1,
                },
                "a",
            ),
        );
        assert_eq!(
            keeps(&plan(&nested)),
            vec![true; 5].into_iter().chain([false]).collect::<Vec<_>>()
        );
    }

    #[test]
    fn colon_inside_a_link_or_before_a_footnote_counts() {
        let p = Para {
            kind: ParaKind::Normal,
            inlines: vec![
                Inline::Text {
                    text: "Es gilt: ".into(),
                    style: RunStyle::default(),
                },
                Inline::FootnoteRef(1),
            ],
        };
        assert!(ends_with_colon(&p.inlines));
        assert!(!ends_with_colon(&[Inline::Text {
            text: "10:30 Uhr".into(),
            style: RunStyle::default()
        }]));
    }
}
