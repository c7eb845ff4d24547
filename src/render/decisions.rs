//! Decisions cited from the data: the template functions `beschluss("2026/04")` (the
//! decision's fields) and `beschluss_zitat("2026/04")` (the citation a footnote prints), and
//! the static check that every decision number a template names, in a call or as plain text
//! ("IT-PLR-Beschluss 2023/07"), is in `beschluesse.yaml`.
//!
//! The functions see every decision of the file, not only those of the window, so a briefing
//! may cite an older decision; a removed or renumbered one is an error naming the template and
//! line, found by `check` in every template whether or not a document reaches the place. It
//! does not judge the wording around a citation.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State};

use super::errors::excerpt;
use super::escape_markdown;
use super::filters::long_date;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::load::yaml::{DecisionEntry, Relevance};
use crate::messages;
use crate::model::Beschluss;

/// The functions this module adds to every template.
pub const FUNCTION_NAMES: &[&str] = &[DATA_FUNCTION, CITATION_FUNCTION];
/// `beschluss("2026/04")`: the decision's fields.
const DATA_FUNCTION: &str = "beschluss";
/// `beschluss_zitat("2026/04")`: number, title, session, date and link in one text.
const CITATION_FUNCTION: &str = "beschluss_zitat";

/// The words a citation starts with (document text).
const CITATION_PREFIX: &str = "IT-PLR-Beschluss";
/// The link text of a citation (document text).
const CITATION_LINK: &str = "Wortlaut";

/// How far before a number (in characters, same line) the word "Beschluss" may stand for
/// the number to count as a decision number ("IT-PLR-Beschlüsse 2023/22 und 2023/38").
const LOOKBEHIND: usize = 60;

/// Every decision of `beschluesse.yaml`, by number ("2023/7" finds "2023/07").
#[derive(Debug, Clone, Default)]
pub struct DecisionIndex {
    by_key: BTreeMap<(u32, u32), Beschluss>,
}

impl DecisionIndex {
    /// Indexes the decisions as read from the file.
    pub fn new(entries: &[DecisionEntry]) -> DecisionIndex {
        let mut by_key = BTreeMap::new();
        for entry in entries {
            if let Some(key) = key_of(&entry.number) {
                by_key.entry(key).or_insert_with(|| beschluss_of(entry));
            }
        }
        DecisionIndex { by_key }
    }

    fn get(&self, number: &str) -> Option<&Beschluss> {
        self.by_key.get(&key_of(number)?)
    }

    /// The known number `number` is a typo of (two digits swapped), for the hint.
    fn closest(&self, number: &str) -> Option<&str> {
        let (year, _) = key_of(number)?;
        let candidates: Vec<&Beschluss> = self
            .by_key
            .range((year, 0)..(year + 1, 0))
            .map(|(_, b)| b)
            .collect();
        let wanted = number.trim();
        candidates
            .iter()
            // Only two digits swapped: any other near number may be another decision.
            .find(|b| swapped_digits(&b.nummer, wanted))
            .map(|b| b.nummer.as_str())
    }
}

fn swapped_digits(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    differ.len() == 2 && a[differ[0]] == b[differ[1]] && a[differ[1]] == b[differ[0]]
}

/// "2023/07" -> (2023, 7); anything else -> None.
fn key_of(number: &str) -> Option<(u32, u32)> {
    let (year, serial) = number.trim().split_once('/')?;
    if year.len() != 4 || serial.is_empty() || serial.len() > 3 {
        return None;
    }
    if !year
        .bytes()
        .chain(serial.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some((year.parse().ok()?, serial.parse().ok()?))
}

/// The decision as the templates see it (the same fields as `beschluesse` in the data).
fn beschluss_of(entry: &DecisionEntry) -> Beschluss {
    Beschluss {
        nummer: entry.number.clone(),
        titel: entry.title.clone(),
        datum: entry.date,
        sitzung: entry.session.clone(),
        kurz: entry.summary.clone(),
        punkte: entry.points.clone(),
        alle: entry.relevance == Relevance::All,
        konferenzen: match &entry.relevance {
            Relevance::All => Vec::new(),
            Relevance::Codes(codes) => codes.clone(),
        },
        link: entry.link.clone(),
        einreichend: entry.submitted_by.clone(),
    }
}

/// Adds `beschluss` and `beschluss_zitat` to a template environment.
pub fn register(env: &mut Environment<'static>, index: Arc<DecisionIndex>) {
    let data = Arc::clone(&index);
    env.add_function(
        DATA_FUNCTION,
        move |number: Value| -> Result<Value, Error> {
            let decision = lookup(&data, DATA_FUNCTION, &number)?;
            Ok(Value::from(minijinja::value::Serde(decision)))
        },
    );
    env.add_function(
        CITATION_FUNCTION,
        move |state: &State, number: Value| -> Result<Value, Error> {
            let decision = lookup(&index, CITATION_FUNCTION, &number)?;
            let markdown = matches!(state.auto_escape(), AutoEscape::Custom(_));
            Ok(citation(decision, markdown))
        },
    );
}

fn lookup<'a>(
    index: &'a DecisionIndex,
    function: &str,
    number: &Value,
) -> Result<&'a Beschluss, Error> {
    let Some(text) = number.as_str() else {
        let shown = super::filters::kind_of(number);
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            messages::render::decision_argument(function, shown),
        ));
    };
    index.get(text).ok_or_else(|| {
        let mut message = messages::render::unknown_decision(text);
        message.push_str(" (");
        message.push_str(&messages::render::unknown_decision_hint(
            index.closest(text),
        ));
        message.push(')');
        Error::new(ErrorKind::InvalidOperation, message)
    })
}

/// "IT-PLR-Beschluss 2026/04 „Architekturrichtlinie Deutschland-Stack“ (49. Sitzung,
/// 18. März 2026)", with "; [Wortlaut](…)" inside the brackets when the decision has a link.
fn citation(decision: &Beschluss, markdown: bool) -> Value {
    // In Markdown only the values are escaped; the brackets and the link are structure.
    let value = |text: &str| {
        if markdown {
            // Escaped as text inside a line ("41. Sitzung" starts no numbered list here).
            escape_markdown(&format!("x{text}"))[1..].to_string()
        } else {
            text.to_string()
        }
    };
    let mut details = Vec::new();
    if let Some(session) = &decision.sitzung {
        details.push(value(session));
    }
    details.push(value(&long_date(decision.datum)));
    let link = match (&decision.link, markdown) {
        (Some(link), true) => format!("; [{CITATION_LINK}]({})", escape_markdown(link)),
        (Some(link), false) => format!("; {CITATION_LINK}: {link}"),
        (None, _) => String::new(),
    };
    let text = [
        CITATION_PREFIX,
        " ",
        &value(&decision.nummer),
        " „",
        &value(&decision.titel),
        "“ (",
        &details.join(", "),
        &link,
        ")",
    ]
    .concat();
    if markdown {
        Value::from_safe_string(text)
    } else {
        Value::from(text)
    }
}

/// Every decision number in a template that `beschluesse.yaml` does not have: in a call of
/// the functions with a number in quotes, and as plain text after the word "Beschluss".
/// Comments (`{# … #}`) are skipped.
pub fn check(dir: &Path, name: &str, source: &str, index: &DecisionIndex) -> Vec<Diagnostic> {
    let visible = without_comments(source);
    let mut found = Vec::new();
    let bytes = visible.as_bytes();
    let mut position = 0;
    while position + 6 < bytes.len() {
        let Some(length) = number_at(bytes, position) else {
            position += 1;
            continue;
        };
        let number = &visible[position..position + length];
        let line_start = visible[..position].rfind('\n').map_or(0, |i| i + 1);
        // The plain text before the number starts after the last tag of the line.
        let text_start = ["}}", "%}"]
            .iter()
            .filter_map(|end| visible[line_start..position].rfind(end))
            .max()
            .map_or(line_start, |i| line_start + i + 2);
        let before: String = visible[text_start..position]
            .chars()
            .rev()
            .take(LOOKBEHIND)
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        let lower = before.to_lowercase();
        let call = call_before(&before);
        if (call || lower.contains("beschl")) && index.get(number).is_none() {
            let line = visible[..position].matches('\n').count() + 1;
            let column = visible[line_start..position].chars().count() + 1;
            let range = position..position + length;
            let mut detail = excerpt(source, line, Some(&range));
            let (message, hint) = if call {
                (
                    messages::render::unknown_decision(number),
                    messages::render::unknown_decision_hint(index.closest(number)),
                )
            } else {
                (
                    messages::render::unknown_decision_in_text(number),
                    messages::render::DECISION_IN_TEXT_HINT.to_string(),
                )
            };
            detail.push(messages::render::hint(&hint));
            found.push(Diagnostic {
                severity: Severity::Error,
                location: Location::line(&dir.join(name), line as u64, column as u64),
                message,
                detail: Some(detail.join("\n")),
            });
        }
        position += length;
    }
    found
}

/// Whether the text before a number ends with `beschluss("` or `beschluss_zitat('`.
fn call_before(before: &str) -> bool {
    let trimmed = before.trim_end_matches(['"', '\'']).trim_end();
    let Some(open) = trimmed.strip_suffix('(') else {
        return false;
    };
    let open = open.trim_end();
    FUNCTION_NAMES.iter().any(|function| {
        open.ends_with(function)
            && !open[..open.len() - function.len()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The length of a decision number ("2023/07") starting at `position`, if one does and it
/// is not part of a longer run of digits.
fn number_at(bytes: &[u8], position: usize) -> Option<usize> {
    if position > 0 && bytes[position - 1].is_ascii_digit() {
        return None;
    }
    if bytes.len() < position + 6 || !bytes[position..position + 4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if bytes[position + 4] != b'/' {
        return None;
    }
    let digits = bytes[position + 5..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 3 {
        return None;
    }
    Some(5 + digits)
}

/// The source with every comment replaced by spaces (line breaks kept), so positions stay.
pub(super) fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find("#}").map_or(after.len(), |end| end + 2);
        for c in after[..end].chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn index() -> DecisionIndex {
        let entry = |number: &str, session: Option<&str>, link: Option<&str>| DecisionEntry {
            number: number.into(),
            number_at: Location::file(Path::new("inputs/beschluesse.yaml")),
            title: "Architekturrichtlinie Deutschland-Stack".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, 18).unwrap(),
            session: session.map(str::to_string),
            summary: None,
            points: Vec::new(),
            relevance: Relevance::All,
            relevance_at: Location::file(Path::new("inputs/beschluesse.yaml")),
            link: link.map(str::to_string),
            link_at: None,
            submitted_by: None,
        };
        DecisionIndex::new(&[
            entry("2026/04", Some("49. Sitzung"), None),
            entry("2023/07", None, Some("https://example.org/b_1")),
        ])
    }

    #[test]
    fn a_citation_names_number_title_session_and_date() {
        let index = index();
        assert_eq!(
            citation(index.get("2026/04").unwrap(), false).to_string(),
            "IT-PLR-Beschluss 2026/04 „Architekturrichtlinie Deutschland-Stack“ (49. Sitzung, \
             18. März 2026)"
        );
        assert_eq!(
            citation(index.get("2023/7").unwrap(), true).to_string(),
            "IT-PLR-Beschluss 2023/07 „Architekturrichtlinie Deutschland-Stack“ (18. März \
             2026; [Wortlaut](https://example.org/b\\_1))"
        );
    }

    #[test]
    fn numbers_after_the_word_beschluss_and_in_calls_are_checked() {
        let source = "{# Beschluss 2020/01 im Kommentar #}\nBeschluss 2026/04 und 2026/05\n\
                      {{ beschluss_zitat(\"2026/40\") }} 2026/99 im Jahr\n";
        let found = check(Path::new("t"), "a.md.j2", source, &index());
        let messages: Vec<String> = found
            .iter()
            .map(|d| format!("{}: {}", d.location, d.message))
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("a.md.j2:2:23"), "{messages:?}");
        assert!(messages[0].contains("„2026/05“"), "{messages:?}");
        assert!(messages[1].contains("a.md.j2:3:21"), "{messages:?}");
        assert!(
            found[1]
                .detail
                .as_ref()
                .unwrap()
                .contains("meinten Sie „2026/04“")
        );
    }
}
