//! Footnotes checked across the document a template ends up in: a reference `[^x]` without a
//! definition `[^x]: …` (Word would show `[^x]` as text and drop the note), a definition never
//! referenced, and the same label defined twice in one document (the second note would show
//! the first one's text). A document is an entry template (`briefing.md.j2`,
//! `uebersicht.md.j2`) with every partial it includes by a name in quotes; the per-conference
//! partials (`partials/konferenzen/…`) are alternatives of one include, so they may define the
//! same label. A template no entry includes is checked on its own.
//!
//! It reads the templates' text (comments skipped, labels built from values ignored); it
//! does not render.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::errors::excerpt;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::messages;

/// The folder of the per-conference partials (alternatives of one include).
const ALTERNATIVES: &str = "partials/konferenzen/";

/// One `[^label]` or `[^label]:` in a template.
#[derive(Debug, Clone)]
struct Mark {
    template: String,
    line: usize,
    column: usize,
    label: String,
}

#[derive(Debug, Default)]
struct Marks {
    references: Vec<Mark>,
    definitions: Vec<Mark>,
}

/// The footnote problems of every Markdown template; `entries` are the documents' templates.
pub fn check(dir: &Path, sources: &BTreeMap<String, String>, entries: &[&str]) -> Vec<Diagnostic> {
    let marks: BTreeMap<&str, Marks> = sources
        .iter()
        .filter(|(name, _)| name.ends_with(".md.j2"))
        .map(|(name, text)| (name.as_str(), marks_of(name, text)))
        .collect();
    let mut documents: Vec<BTreeSet<&str>> = Vec::new();
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    for entry in entries {
        if !marks.contains_key(entry) {
            continue;
        }
        let files = reachable(entry, sources);
        reached.extend(files.iter().copied());
        documents.push(files);
    }
    for name in marks.keys() {
        if !reached.contains(name) {
            documents.push([*name].into());
        }
    }
    let mut found: BTreeMap<(String, usize, usize, String), Diagnostic> = BTreeMap::new();
    for files in &documents {
        let references: Vec<&Mark> = files
            .iter()
            .filter_map(|f| marks.get(f))
            .flat_map(|m| &m.references)
            .collect();
        let definitions: Vec<&Mark> = files
            .iter()
            .filter_map(|f| marks.get(f))
            .flat_map(|m| &m.definitions)
            .collect();
        let defined: BTreeSet<&str> = definitions.iter().map(|d| d.label.as_str()).collect();
        let used: BTreeSet<&str> = references.iter().map(|r| r.label.as_str()).collect();
        for reference in &references {
            if !defined.contains(reference.label.as_str()) {
                let close = defined
                    .iter()
                    .find(|label| near(label, &reference.label))
                    .map(|label| messages::render::footnote_close(label));
                let message = messages::render::footnote_undefined(&reference.label);
                add(
                    &mut found,
                    dir,
                    sources,
                    reference,
                    Severity::Error,
                    message,
                    close,
                );
            }
        }
        for (index, definition) in definitions.iter().enumerate() {
            if !used.contains(definition.label.as_str()) {
                let message = messages::render::footnote_unused(&definition.label);
                add(
                    &mut found,
                    dir,
                    sources,
                    definition,
                    Severity::Warning,
                    message,
                    None,
                );
            }
            let earlier = definitions[..index].iter().find(|other| {
                other.label == definition.label
                    && !alternatives(&other.template, &definition.template)
            });
            if let Some(other) = earlier {
                let place = format!("{}:{}", other.template, other.line);
                let message = messages::render::footnote_twice(&definition.label, &place);
                add(
                    &mut found,
                    dir,
                    sources,
                    definition,
                    Severity::Error,
                    message,
                    None,
                );
            }
        }
    }
    found.into_values().collect()
}

fn add(
    found: &mut BTreeMap<(String, usize, usize, String), Diagnostic>,
    dir: &Path,
    sources: &BTreeMap<String, String>,
    mark: &Mark,
    severity: Severity,
    message: String,
    hint: Option<String>,
) {
    let source = sources.get(&mark.template).map_or("", String::as_str);
    let mut detail = excerpt(source, mark.line, None);
    detail.extend(hint.map(|hint| messages::render::hint(&hint)));
    found
        .entry((
            mark.template.clone(),
            mark.line,
            mark.column,
            message.clone(),
        ))
        .or_insert_with(|| Diagnostic {
            severity,
            location: Location::line(
                &dir.join(&mark.template),
                mark.line as u64,
                mark.column as u64,
            ),
            message,
            detail: Some(detail.join("\n")),
        });
}

/// Two different per-conference partials: only one of them is included for a conference.
fn alternatives(a: &str, b: &str) -> bool {
    a != b && a.starts_with(ALTERNATIVES) && b.starts_with(ALTERNATIVES)
}

/// One typo apart (a letter changed, added or dropped).
fn near(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    a.len().max(b.len()) - prefix - suffix <= 1
}

/// The templates a document is made of: the entry and every partial it includes (by a name in
/// quotes, also inside `[…]`), following includes; a dynamic name under
/// `partials/konferenzen/` stands for every partial there.
fn reachable<'a>(entry: &'a str, sources: &'a BTreeMap<String, String>) -> BTreeSet<&'a str> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut stack = vec![entry];
    while let Some(name) = stack.pop() {
        if !seen.insert(name) {
            continue;
        }
        let Some(text) = sources.get(name) else {
            continue;
        };
        for tag in text.split("{%").skip(1) {
            let tag = tag.split("%}").next().unwrap_or_default();
            let Some(arguments) = tag
                .trim_start_matches(['-', '+', ' '])
                .strip_prefix("include")
            else {
                continue;
            };
            for literal in quoted(arguments) {
                if literal.ends_with(".j2") {
                    if let Some((known, _)) = sources.get_key_value(literal.as_str()) {
                        stack.push(known);
                    }
                } else if literal.starts_with(ALTERNATIVES) {
                    for known in sources.keys().filter(|k| k.starts_with(ALTERNATIVES)) {
                        stack.push(known);
                    }
                }
            }
        }
    }
    seen
}

/// The string literals of a tag's text.
fn quoted(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\'' {
            let literal: String = chars.by_ref().take_while(|&d| d != c).collect();
            found.push(literal);
        }
    }
    found
}

/// The footnote references and definitions of a template (comments skipped; a label holding
/// `{{` is built from values and not checked).
fn marks_of(name: &str, text: &str) -> Marks {
    let visible = super::decisions::without_comments(text);
    let mut marks = Marks::default();
    for (index, line) in visible.lines().enumerate() {
        let mut rest = line;
        let mut offset = 0;
        while let Some(start) = rest.find("[^") {
            let after = &rest[start + 2..];
            let Some(end) = after.find(']') else {
                break;
            };
            let label = &after[..end];
            let at = offset + start;
            let definition = line[..at].trim().is_empty() && after[end + 1..].starts_with(':');
            if !label.is_empty() && !label.contains("{{") && !label.contains(char::is_whitespace) {
                let mark = Mark {
                    template: name.to_string(),
                    line: index + 1,
                    column: line[..at].chars().count() + 1,
                    label: label.to_string(),
                };
                if definition {
                    marks.definitions.push(mark);
                } else {
                    marks.references.push(mark);
                }
            }
            offset = at + 2 + end + 1;
            rest = &line[offset..];
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(files: &[(&str, &str)]) -> Vec<String> {
        let sources: BTreeMap<String, String> = files
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        check(Path::new("t"), &sources, &["briefing.md.j2"])
            .iter()
            .map(|d| format!("{}: {}", d.location, d.message))
            .collect()
    }

    #[test]
    fn a_misspelt_a_copied_and_an_unused_footnote() {
        let found = run(&[
            (
                "briefing.md.j2",
                "Text[^dstack]\n{% include \"partials/a.md.j2\" %}\n{% include [\"partials/konferenzen/\" ~ k.kuerzel ~ \".md.j2\", \"partials/konferenzen/standard.md.j2\"] %}\n[^dstack-news]: Erklärt.\n",
            ),
            ("partials/a.md.j2", "B[^b]\n\n[^b]: Eins.\n"),
            (
                "partials/konferenzen/IMK.md.j2",
                "I[^b]\n\n[^b]: Kopiert.\n[^k]: K\n",
            ),
            (
                "partials/konferenzen/GMK.md.j2",
                "G[^k]\n\n[^k]: Auch K, aber Alternative.\n",
            ),
            (
                "partials/konferenzen/standard.md.j2",
                "{# [^x] im Kommentar #}\n",
            ),
        ]);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with("t/briefing.md.j2:1:5: die Fußnote [^dstack]"),
            "{found:#?}"
        );
        assert!(
            found[1].starts_with("t/briefing.md.j2:4:1: die Fußnote [^dstack-news] ist erklärt")
        );
        assert!(
            found[2].contains("konferenzen/IMK.md.j2:3:1")
                && found[2].contains("partials/a.md.j2:3")
        );
    }
}
