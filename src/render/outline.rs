//! The outline guard's pure part: a document's outline (its headings, and how many entries
//! each has: list items, table rows and paragraphs up to the next heading), and the comparison
//! of this run's outlines with those of the last build. A heading every compared document had
//! and none has now, or a section that had entries and is empty in every document now, is a
//! finding: the mark of an `{% endif %}` in the wrong place, which `check` cannot see in the
//! templates' syntax.
//!
//! Reading and writing the last build's outlines is the output stage's business
//! (`output::outline`); this module holds no state and does no I/O.

use std::collections::{BTreeMap, BTreeSet};

/// One heading of a document and the entries under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// 1 for `#`, 2 for `##` …
    pub level: u8,
    /// The heading's text as printed.
    pub heading: String,
    /// What identifies it across documents and months: the template line that writes it
    /// ("### Änderungen seit {{ … }}"), or its text when no template line does.
    pub key: String,
    /// List items, table rows (without header and separator) and paragraphs up to the next
    /// heading.
    pub entries: usize,
}

/// The outline of one document, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Its sections.
    pub sections: Vec<Section>,
}

impl Outline {
    /// The outline of rendered Markdown (fenced code is skipped).
    pub fn of(markdown: &str) -> Outline {
        let mut sections: Vec<Section> = Vec::new();
        let mut in_code = false;
        let mut in_paragraph = false;
        let mut table_row = 0;
        for line in markdown.lines() {
            let text = line.trim();
            if text.starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if in_code {
                continue;
            }
            if let Some((level, heading)) = heading_of(text) {
                sections.push(Section {
                    level,
                    key: format!("{} {heading}", "#".repeat(usize::from(level))),
                    heading,
                    entries: 0,
                });
                in_paragraph = false;
                table_row = 0;
                continue;
            }
            let Some(section) = sections.last_mut() else {
                continue;
            };
            if text.is_empty() {
                in_paragraph = false;
                table_row = 0;
                continue;
            }
            if text.starts_with('|') {
                table_row += 1;
                // Row 1 is the header, row 2 the separator.
                if table_row > 2 {
                    section.entries += 1;
                }
                continue;
            }
            table_row = 0;
            if is_list_item(text) || text.starts_with("[^") {
                section.entries += 1;
                in_paragraph = false;
            } else if !in_paragraph && !text.starts_with('\\') {
                section.entries += 1;
                in_paragraph = true;
            }
        }
        Outline { sections }
    }

    /// Writes the outline as lines "level<TAB>entries<TAB>key<TAB>heading".
    pub fn to_lines(&self) -> Vec<String> {
        self.sections
            .iter()
            .map(|s| format!("{}\t{}\t{}\t{}", s.level, s.entries, s.key, s.heading))
            .collect()
    }

    /// Reads one line of [`Outline::to_lines`]; `None` for a line that is not one.
    pub fn push_line(&mut self, line: &str) -> Option<()> {
        let mut parts = line.splitn(4, '\t');
        let level = parts.next()?.parse().ok()?;
        let entries = parts.next()?.parse().ok()?;
        let key = parts.next()?.to_string();
        let heading = parts.next()?.to_string();
        self.sections.push(Section {
            level,
            heading,
            key,
            entries,
        });
        Some(())
    }

    fn headings(&self) -> BTreeSet<(u8, &str)> {
        self.sections
            .iter()
            .map(|s| (s.level, s.key.as_str()))
            .collect()
    }

    fn count_of(&self, level: u8, heading: &str) -> usize {
        self.sections
            .iter()
            .filter(|s| s.level == level && s.key == heading)
            .count()
    }

    fn entries_of(&self, level: u8, heading: &str) -> Option<usize> {
        let mut found = None;
        for s in &self.sections {
            if s.level == level && s.key == heading {
                *found.get_or_insert(0) += s.entries;
            }
        }
        found
    }
}

fn heading_of(text: &str) -> Option<(u8, String)> {
    let hashes = text.bytes().take_while(|b| *b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &text[hashes..];
    if !rest.starts_with(' ') {
        return None;
    }
    Some((hashes as u8, rest.trim().to_string()))
}

fn is_list_item(text: &str) -> bool {
    if text.starts_with("- ") || text.starts_with("* ") || text.starts_with("+ ") {
        return true;
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(". ")
}

/// What the comparison found for one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Every compared document had it; none has it now.
    Lost,
    /// It had entries in some documents; it is empty in every document that has it now.
    Emptied,
    /// More than half of the documents that had it show it fewer times now (a section inside
    /// a loop that an `{% if %}` now hides for some entries): `before` and `now` times in all.
    Fewer {
        /// How often all documents had it.
        before: usize,
        /// How often they have it now.
        now: usize,
    },
}

/// A heading that vanished or emptied in every document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What happened.
    pub change: Change,
    /// `#` count.
    pub level: u8,
    /// The heading's key ([`Section::key`]).
    pub heading: String,
    /// How many documents lost it (or its entries).
    pub documents: usize,
}

/// Compares the outlines of the documents both runs made (by document name), heading by
/// [`Section::key`]. Documents only one run made are left out, so a new or removed
/// spokesperson is no finding. `counts` also compares how often a heading occurs, which only
/// means something when the data are the same (the same month).
pub fn compare(
    previous: &BTreeMap<String, Outline>,
    current: &BTreeMap<String, Outline>,
    counts: bool,
) -> Vec<Finding> {
    let both: Vec<(&Outline, &Outline)> = previous
        .iter()
        .filter_map(|(name, before)| current.get(name).map(|now| (before, now)))
        .collect();
    if both.is_empty() {
        return Vec::new();
    }
    let mut headings: BTreeSet<(u8, &str)> = BTreeSet::new();
    for (before, _) in &both {
        headings.extend(before.headings());
    }
    let mut findings = Vec::new();
    for (level, heading) in headings {
        let had: Vec<&(&Outline, &Outline)> = both
            .iter()
            .filter(|(before, _)| before.entries_of(level, heading).is_some())
            .collect();
        let still = had
            .iter()
            .filter(|(_, now)| now.entries_of(level, heading).is_some())
            .count();
        if had.len() == both.len() && still == 0 {
            findings.push(Finding {
                change: Change::Lost,
                level,
                heading: heading.to_string(),
                documents: had.len(),
            });
            continue;
        }
        let fewer = had
            .iter()
            .filter(|(before, now)| now.count_of(level, heading) < before.count_of(level, heading))
            .count();
        if counts && still > 0 && fewer * 2 > had.len() {
            let before: usize = had.iter().map(|(b, _)| b.count_of(level, heading)).sum();
            let now: usize = had.iter().map(|(_, n)| n.count_of(level, heading)).sum();
            findings.push(Finding {
                change: Change::Fewer { before, now },
                level,
                heading: heading.to_string(),
                documents: fewer,
            });
            continue;
        }
        let filled_before = had
            .iter()
            .filter(|(before, _)| before.entries_of(level, heading).unwrap_or(0) > 0)
            .count();
        let filled_now = had
            .iter()
            .filter(|(_, now)| now.entries_of(level, heading).unwrap_or(0) > 0)
            .count();
        let empty_now = had
            .iter()
            .filter(|(_, now)| now.entries_of(level, heading) == Some(0))
            .count();
        if filled_before > 0 && filled_now == 0 && empty_now > 0 {
            findings.push(Finding {
                change: Change::Emptied,
                level,
                heading: heading.to_string(),
                documents: filled_before,
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_list_items_table_rows_and_paragraphs() {
        let outline = Outline::of(
            "# T\n\nText\nmehr Text\n\n## A\n\n- a\n- b\n\n| x |\n|---|\n| 1 |\n| 2 |\n\n### B\n",
        );
        let found: Vec<(u8, &str, usize)> = outline
            .sections
            .iter()
            .map(|s| (s.level, s.heading.as_str(), s.entries))
            .collect();
        assert_eq!(found, vec![(1, "T", 1), (2, "A", 4), (3, "B", 0)]);
        let mut read = Outline::default();
        for line in outline.to_lines() {
            read.push_line(&line).unwrap();
        }
        assert_eq!(read, outline);
    }

    #[test]
    fn a_heading_lost_everywhere_or_emptied_everywhere_is_found() {
        let doc = |text: &str| Outline::of(text);
        let previous: BTreeMap<String, Outline> = [
            (
                "a".to_string(),
                doc("## L\n- x\n## T\n| h |\n|--|\n| 1 |\n## K\n- k\n"),
            ),
            (
                "b".to_string(),
                doc("## L\n- y\n## T\n| h |\n|--|\n| 1 |\n"),
            ),
        ]
        .into();
        let current: BTreeMap<String, Outline> = [
            ("a".to_string(), doc("## T\n")),
            ("b".to_string(), doc("## T\n")),
            ("c".to_string(), doc("## Neu\n")),
        ]
        .into();
        let findings = compare(&previous, &current, true);
        assert_eq!(
            findings,
            vec![
                Finding {
                    change: Change::Lost,
                    level: 2,
                    heading: "## L".into(),
                    documents: 2
                },
                Finding {
                    change: Change::Emptied,
                    level: 2,
                    heading: "## T".into(),
                    documents: 2
                },
            ],
            "K was only in one document: not every document had it"
        );
        assert!(
            compare(&BTreeMap::new(), &current, true).is_empty(),
            "first build"
        );
        let twice = doc("## K\n- a\n## K\n- b\n");
        let once = doc("## K\n- a\n");
        let previous: BTreeMap<String, Outline> = [
            ("a".into(), twice.clone()),
            ("b".into(), twice.clone()),
            ("c".into(), once.clone()),
        ]
        .into();
        let current: BTreeMap<String, Outline> = [
            ("a".into(), once.clone()),
            ("b".into(), once.clone()),
            ("c".into(), once),
        ]
        .into();
        assert_eq!(
            compare(&previous, &current, true),
            vec![Finding {
                change: Change::Fewer { before: 5, now: 3 },
                level: 2,
                heading: "## K".into(),
                documents: 2
            }]
        );
        let current: BTreeMap<String, Outline> = [
            ("a".into(), twice.clone()),
            ("b".into(), twice),
            ("c".into(), doc("")),
        ]
        .into();
        assert!(
            compare(&previous, &current, true).is_empty(),
            "one document in three without a heading is a change of data, not a finding"
        );
    }
}
