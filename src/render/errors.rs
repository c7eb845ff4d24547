//! Template errors in words an editor understands: where (file, line, column), the source
//! line with a marker under the spot, what is wrong, and a hint where one is obvious (a close
//! variable or filter name, the block that is not closed).

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind};

use super::filters::FILTER_NAMES;
use super::names::{Finding, What};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Severity};
use crate::messages;

/// The diagnostic for one unknown name found by the static check.
pub fn unknown_name(dir: &Path, source: &str, finding: &Finding) -> Diagnostic {
    let start = floor_char_boundary(source, finding.start);
    let line = source[..start].matches('\n').count() + 1;
    let column = column_of(source, start).unwrap_or(1);
    let (message, suggestion) = match &finding.what {
        What::Name { path, wrong, known } => (
            messages::render::unknown_name(path),
            closest(wrong, known.iter().map(String::as_str)),
        ),
        What::Filter { name } => (
            messages::render::unknown_filter(name),
            closest(name, FILTER_NAMES.iter().chain(BUILTIN_FILTERS).copied()),
        ),
        What::Test { name } => (
            messages::render::unknown_test(name),
            closest(name, super::names::BUILTIN_TESTS.iter().copied()),
        ),
        What::Macro {
            module,
            name,
            known,
        } => (
            messages::render::unknown_macro(module, name),
            closest(name, known.iter().map(String::as_str)),
        ),
        What::Include { name } => (messages::render::missing_include(name), None),
    };
    let mut detail = excerpt(source, line, Some(&(finding.start..finding.end)));
    if let Some(name) = suggestion {
        detail.push(messages::render::hint(&messages::render::did_you_mean(
            name,
        )));
    }
    Diagnostic {
        severity: Severity::Error,
        location: Location::line(&dir.join(&finding.template), line as u64, column),
        message,
        detail: Some(detail.join("\n")),
    }
}

use super::names::BUILTIN_FILTERS;

/// The diagnostics for a template error. `context` is the data the template was rendered
/// with (for suggesting field names), if rendering got that far.
pub fn diagnose(
    dir: &Path,
    name: &str,
    error: &Error,
    context: Option<&Value>,
    originals: &BTreeMap<String, String>,
) -> Diagnostics {
    // An error inside an included template: point at the spot in that template.
    if error.kind() == ErrorKind::BadInclude
        && let Some(inner) =
            std::error::Error::source(error).and_then(|source| source.downcast_ref::<Error>())
    {
        return diagnose(dir, name, inner, context, originals);
    }
    let file = dir.join(error.name().unwrap_or(name));
    // The editor's text, not the one with quotes made ASCII (both have the same offsets).
    let source = error
        .name()
        .and_then(|name| originals.get(name))
        .map(String::as_str)
        .or(error.template_source());
    let range = error.range();
    let column = match (source, &range) {
        (Some(source), Some(range)) => column_of(source, range.start),
        _ => None,
    };
    let location = match error.line() {
        Some(line) => Location::line(&file, line as u64, column.unwrap_or(1)),
        None => Location::file(&file),
    };
    let mut detail = Vec::new();
    if let (Some(source), Some(line)) = (source, error.line()) {
        detail.extend(excerpt(source, line, range.as_ref()));
    }
    let hint = source.and_then(|source| hint(error, source, context));
    if let Some(hint) = &hint {
        detail.push(messages::render::hint(hint));
    }
    let mut diagnostics = Diagnostics::new();
    if detail.is_empty() {
        diagnostics.error(location, describe(error, source));
    } else {
        diagnostics.error_with_detail(location, describe(error, source), detail.join("\n"));
    }
    diagnostics
}

/// 1-based column (in characters) of a byte offset.
fn column_of(source: &str, offset: usize) -> Option<u64> {
    let before = &source[..floor_char_boundary(source, offset)];
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    Some(before[line_start..].chars().count() as u64 + 1)
}

/// "12 | {{ sprecher.nmae }}" and a line of carets under the range. `range` is in bytes
/// (as minijinja reports it) and may fall inside a multi-byte character or past the line:
/// it is clamped to character boundaries of the line, never sliced blindly.
pub(crate) fn excerpt(
    source: &str,
    line: usize,
    range: Option<&std::ops::Range<usize>>,
) -> Vec<String> {
    let Some(index) = line.checked_sub(1) else {
        return Vec::new();
    };
    let mut line_start = 0;
    let mut text = None;
    for (number, raw) in source.split('\n').enumerate() {
        if number == index {
            text = Some(raw);
            break;
        }
        line_start += raw.len() + 1;
    }
    let Some(raw) = text else {
        return Vec::new();
    };
    let text = raw.strip_suffix('\r').unwrap_or(raw);
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    let mut lines = vec![format!("{number} | {text}")];
    if let Some(range) = range
        && range.start >= line_start
        && range.start <= line_start + text.len()
    {
        let start = floor_char_boundary(text, range.start - line_start);
        let end = floor_char_boundary(
            text,
            range
                .end
                .saturating_sub(line_start)
                .clamp(start, text.len()),
        );
        let before = text[..start].chars().count();
        let width = text[start..end].chars().count().max(1);
        lines.push(format!(
            "{gutter} | {}{}",
            " ".repeat(before),
            "^".repeat(width)
        ));
    }
    lines
}

/// The largest character boundary of `text` at or before `index`.
pub(super) fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// What went wrong, in plain words; minijinja's own text follows as the technical detail.
pub(super) fn describe(error: &Error, source: Option<&str>) -> String {
    let detail = error.detail().unwrap_or_default();
    match error.kind() {
        ErrorKind::UndefinedError => {
            let what = detail
                .strip_suffix(" is undefined")
                .map(|name| name.trim_matches('`'))
                .unwrap_or_default();
            messages::render::missing_value(what)
        }
        ErrorKind::UnknownFilter => {
            let name = detail
                .strip_prefix("filter ")
                .and_then(|rest| rest.strip_suffix(" is unknown"))
                .unwrap_or(detail);
            messages::render::unknown_filter(name)
        }
        ErrorKind::TemplateNotFound => messages::render::template_not_found(detail),
        ErrorKind::SyntaxError if detail.starts_with("unexpected end of input") => {
            messages::render::syntax(messages::render::ENDS_INSIDE_BLOCK, detail)
        }
        ErrorKind::SyntaxError if detail.starts_with("unknown statement end") => {
            let tag = detail.trim_start_matches("unknown statement ");
            messages::render::syntax(&messages::render::closes_nothing(tag), detail)
        }
        ErrorKind::SyntaxError if detail.starts_with("unexpected character") => {
            messages::render::syntax(messages::render::UNEXPECTED_CHARACTER, detail)
        }
        ErrorKind::SyntaxError => messages::render::syntax(messages::render::SYNTAX, detail),
        ErrorKind::OutOfFuel => messages::render::OUT_OF_FUEL.to_string(),
        ErrorKind::InvalidOperation if detail.contains("recursion limit") => {
            messages::render::TOO_DEEP.to_string()
        }
        ErrorKind::InvalidOperation if detail.starts_with(messages::render::EXPECTED_START) => {
            match source
                .zip(error.range())
                .and_then(|(source, range)| filter_at(source, range))
            {
                Some(filter) => messages::render::in_filter(&filter, detail),
                None => messages::render::impossible(detail),
            }
        }
        ErrorKind::InvalidOperation => messages::render::impossible(detail),
        other if detail.is_empty() => messages::render::impossible(&other.to_string()),
        other => messages::render::impossible(&format!("{other}: {detail}")),
    }
}

fn hint(error: &Error, source: &str, context: Option<&Value>) -> Option<String> {
    let detail = error.detail().unwrap_or_default();
    match error.kind() {
        ErrorKind::UndefinedError => {
            let expression = detail.strip_prefix('`')?.strip_suffix("` is undefined")?;
            let wrong = expression.rsplit('.').next()?;
            let mut names = Vec::new();
            if let Some(context) = context {
                collect_keys(context, &mut names, 0);
            }
            match closest(wrong, names.iter().map(String::as_str)) {
                Some(name) => Some(messages::render::did_you_mean(name)),
                None => Some(messages::render::TEST_WITH_IF.to_string()),
            }
        }
        ErrorKind::UnknownFilter => {
            let name = detail
                .strip_prefix("filter ")?
                .strip_suffix(" is unknown")?;
            let known = FILTER_NAMES.iter().chain(BUILTIN_FILTERS).copied();
            closest(name, known).map(messages::render::did_you_mean)
        }
        ErrorKind::SyntaxError if detail.starts_with("unexpected character") => {
            let start = floor_char_boundary(source, error.range()?.start);
            let found = source[start..].chars().next()?;
            if found.is_ascii() {
                return None;
            }
            let word_start = source[..start]
                .char_indices()
                .rfind(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
                .map_or(0, |(at, c)| at + c.len_utf8());
            let word: String = source[word_start..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            Some(messages::render::non_ascii_name(
                &word,
                &transliterate(&word),
            ))
        }
        ErrorKind::SyntaxError
            if detail.starts_with("unexpected end of input")
                || detail.starts_with("unknown statement end") =>
        {
            // Only the text before the error: the block open at that point is the culprit.
            let end = error.range().map_or(source.len(), |range| range.start);
            match unclosed_block(source.get(..end).unwrap_or(source)) {
                Some((tag, line)) => Some(messages::render::not_closed(&tag, line)),
                // Nothing is open: the end tag is left over, or its opening tag went missing.
                None => detail
                    .strip_prefix("unknown statement ")
                    .map(messages::render::stray_end),
            }
        }
        ErrorKind::InvalidOperation if detail.starts_with(messages::render::EXPECTED_START) => {
            let filter = filter_at(source, error.range()?)?;
            let list_form = match filter.as_str() {
                "mit_artikel" | "artikel" => Some("mit_artikeln"),
                "name_mit_titel" | "fuer_person" | "briefanrede" => {
                    Some(messages::render::NAMES_OF_LIST)
                }
                _ => None,
            };
            list_form
                .filter(|_| detail.contains(messages::render::KIND_LIST))
                .map(|list| messages::render::list_form(&filter, list))
        }
        _ => None,
    }
}

/// The name of the filter an error's source range shows (its last `| name`, or the call the
/// range starts with).
fn filter_at(source: &str, range: std::ops::Range<usize>) -> Option<String> {
    let start = floor_char_boundary(source, range.start);
    let end = floor_char_boundary(source, range.end.max(range.start));
    let text = source.get(start..end)?;
    // minijinja's range is the filter call (`mit_artikel("akkusativ")`), or an expression
    // with filters; the name may reach past the range's end, so it is read from the source.
    let after = &source[start + text.rfind('|').map_or(0, |bar| bar + 1)..];
    let name: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// How the model's field names spell umlauts and ß (`größe` -> `groesse`).
fn transliterate(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 4);
    for c in word.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'Ä' => out.push_str("Ae"),
            'Ö' => out.push_str("Oe"),
            'Ü' => out.push_str("Ue"),
            'ß' => out.push_str("ss"),
            other => out.push(other),
        }
    }
    out
}

/// Every map key in the data (a few levels deep), as candidates for a mistyped name.
fn collect_keys(value: &Value, names: &mut Vec<String>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value.kind() {
        ValueKind::Map => {
            if let Ok(keys) = value.try_iter() {
                for key in keys {
                    if let Some(name) = key.as_str() {
                        if !names.iter().any(|known| known == name) {
                            names.push(name.to_string());
                        }
                        if let Ok(child) = value.get_item(&key) {
                            collect_keys(&child, names, depth + 1);
                        }
                    }
                }
            }
        }
        ValueKind::Seq => {
            if let Ok(first) = value.get_item(&Value::from(0)) {
                collect_keys(&first, names, depth + 1);
            }
        }
        _ => {}
    }
}

/// The candidate within a small edit distance, if one stands out.
fn closest<'a>(wrong: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).clamp(1, 3);
    candidates
        .filter(|candidate| *candidate != wrong)
        .map(|candidate| (edit_distance(wrong, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Edit distance where swapping two neighbouring letters counts as one edit (a common typo).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// The innermost block tag opened and never closed, with its line.
fn unclosed_block(source: &str) -> Option<(String, usize)> {
    const BLOCKS: &[&str] = &[
        "if", "for", "macro", "block", "filter", "with", "call", "raw",
    ];
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut rest = source;
    let mut offset = 0;
    while let Some(start) = rest.find("{%") {
        let tag_start = offset + start;
        let after = &rest[start + 2..];
        let word: String = after
            .trim_start_matches(['-', '+', ' ', '\t'])
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let line = source[..tag_start].matches('\n').count() + 1;
        if BLOCKS.contains(&word.as_str()) {
            stack.push((word, line));
        } else if let Some(closed) = word.strip_prefix("end")
            && stack.last().is_some_and(|(open, _)| open == closed)
        {
            stack.pop();
        }
        offset = tag_start + 2;
        rest = &source[offset..];
    }
    stack.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_suggested() {
        let names = ["name", "titel", "anrede", "konferenzen"];
        assert_eq!(closest("nmae", names.into_iter()), Some("name"));
        assert_eq!(
            closest("konferenzn", names.into_iter()),
            Some("konferenzen")
        );
        assert_eq!(closest("xyz", names.into_iter()), None);
    }

    #[test]
    fn the_unclosed_block_is_found() {
        let source = "a\n{% for k in x %}\n{% if k %}\nb\n{% endif %}\n";
        assert_eq!(unclosed_block(source), Some(("for".to_string(), 2)));
        assert_eq!(unclosed_block("{% if a %}{% endif %}"), None);
    }

    #[test]
    fn ranges_inside_multibyte_characters_and_crlf_lines_do_not_panic() {
        // „ is three bytes: offsets 1 and 2 are inside it.
        let source = "a\r\n{% if k == „IMK“ %}\r\n";
        for start in 0..source.len() + 2 {
            for end in start..source.len() + 2 {
                let _ = excerpt(source, 2, Some(&(start..end)));
                let _ = column_of(source, start);
            }
        }
        let lines = excerpt(source, 2, Some(&(14..17)));
        assert_eq!(lines, ["2 | {% if k == „IMK“ %}", "  |            ^"]);
    }

    #[test]
    fn the_excerpt_marks_the_range() {
        let source = "line1\n  {{ sprecher.nmae }}\n";
        let lines = excerpt(source, 2, Some(&(9..22)));
        assert_eq!(lines, ["2 |   {{ sprecher.nmae }}", "  |    ^^^^^^^^^^^^^"]);
    }
}
