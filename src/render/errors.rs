//! Template errors in words an editor understands: where (file, line, column), the source
//! line with a marker under the spot, what is wrong, and a hint where one is obvious (a close
//! variable or filter name, the block that is not closed).

use std::path::Path;

use minijinja::value::{Value, ValueKind};
use minijinja::{Error, ErrorKind};

use super::filters::FILTER_NAMES;
use crate::diagnostics::{Diagnostics, Location};

/// minijinja's own filters and tests editors are likely to use, for suggestions.
const BUILTIN_FILTERS: &[&str] = &[
    "default",
    "join",
    "length",
    "lower",
    "upper",
    "title",
    "trim",
    "replace",
    "first",
    "last",
    "list",
    "sort",
    "reverse",
    "unique",
    "selectattr",
    "rejectattr",
    "select",
    "reject",
    "map",
    "safe",
    "split",
    "round",
    "abs",
    "int",
    "float",
    "string",
    "batch",
    "slice",
    "indent",
    "capitalize",
    "items",
    "dictsort",
    "groupby",
    "min",
    "max",
    "sum",
    "attr",
    "bool",
];

/// The diagnostics for a template error. `context` is the data the template was rendered
/// with (for suggesting field names), if rendering got that far.
pub fn diagnose(dir: &Path, name: &str, error: &Error, context: Option<&Value>) -> Diagnostics {
    // An error inside an included template: point at the spot in that template.
    if error.kind() == ErrorKind::BadInclude
        && let Some(inner) =
            std::error::Error::source(error).and_then(|source| source.downcast_ref::<Error>())
    {
        return diagnose(dir, name, inner, context);
    }
    let file = dir.join(error.name().unwrap_or(name));
    let source = error.template_source();
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
        detail.push(format!("hint: {hint}"));
    }
    let mut diagnostics = Diagnostics::new();
    if detail.is_empty() {
        diagnostics.error(location, describe(error));
    } else {
        diagnostics.error_with_detail(location, describe(error), detail.join("\n"));
    }
    diagnostics
}

/// 1-based column (in characters) of a byte offset.
fn column_of(source: &str, offset: usize) -> Option<u64> {
    let before = source.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    Some(before[line_start..].chars().count() as u64 + 1)
}

/// "12 | {{ sprecher.nmae }}" and a line of carets under the range.
fn excerpt(source: &str, line: usize, range: Option<&std::ops::Range<usize>>) -> Vec<String> {
    let Some(text) = source.lines().nth(line.saturating_sub(1)) else {
        return Vec::new();
    };
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    let mut lines = vec![format!("{number} | {text}")];
    if let Some(range) = range {
        let line_start: usize = source.lines().take(line - 1).map(|l| l.len() + 1).sum();
        if range.start >= line_start && range.start <= line_start + text.len() {
            let start = text[..range.start - line_start].chars().count();
            let end_byte = range.end.min(line_start + text.len()).max(range.start);
            let width = source[range.start..end_byte].chars().count().max(1);
            lines.push(format!(
                "{gutter} | {}{}",
                " ".repeat(start),
                "^".repeat(width)
            ));
        }
    }
    lines
}

/// What went wrong, in plain words.
fn describe(error: &Error) -> String {
    let detail = error.detail().unwrap_or_default();
    match error.kind() {
        ErrorKind::UndefinedError => {
            let what = detail
                .strip_suffix(" is undefined")
                .map(|name| format!(" {}", name.replace('`', "\"")))
                .unwrap_or_default();
            format!(
                "unknown variable or missing value{what}: it does not exist in the data of this \
                 template (see templates/README.md for every variable)"
            )
        }
        ErrorKind::UnknownFilter => {
            let name = detail
                .strip_prefix("filter ")
                .and_then(|rest| rest.strip_suffix(" is unknown"))
                .unwrap_or(detail);
            format!("unknown filter \"{name}\"")
        }
        ErrorKind::TemplateNotFound => {
            format!("template not found in the templates folder: {detail}")
        }
        ErrorKind::SyntaxError if detail.starts_with("unexpected end of input") => {
            format!("template syntax error: the template ends inside a block ({detail})")
        }
        ErrorKind::SyntaxError if detail.starts_with("unknown statement end") => {
            let tag = detail.trim_start_matches("unknown statement ");
            format!(
                "template syntax error: {{% {tag} %}} does not close the block that is open here"
            )
        }
        ErrorKind::SyntaxError => format!("template syntax error: {detail}"),
        ErrorKind::OutOfFuel => {
            "the template does too much work and was stopped (an endless loop?)".to_string()
        }
        ErrorKind::InvalidOperation if detail.contains("recursion limit") => {
            "templates include or call each other too deeply: does a partial include itself, or \
             a macro call itself without end?"
                .to_string()
        }
        ErrorKind::InvalidOperation => format!("this operation is not possible: {detail}"),
        other if detail.is_empty() => other.to_string(),
        other => format!("{other}: {detail}"),
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
                Some(name) => Some(format!("did you mean \"{name}\"?")),
                None => Some(
                    "optional fields can be tested with {% if ... %} before they are printed"
                        .to_string(),
                ),
            }
        }
        ErrorKind::UnknownFilter => {
            let name = detail
                .strip_prefix("filter ")?
                .strip_suffix(" is unknown")?;
            let known = FILTER_NAMES.iter().chain(BUILTIN_FILTERS).copied();
            closest(name, known).map(|known| format!("did you mean \"{known}\"?"))
        }
        ErrorKind::SyntaxError
            if detail.starts_with("unexpected end of input")
                || detail.starts_with("unknown statement end") =>
        {
            // Only the text before the error: the block open at that point is the culprit.
            let end = error.range().map_or(source.len(), |range| range.start);
            unclosed_block(source.get(..end).unwrap_or(source)).map(|(tag, line)| {
                format!("the {{% {tag} %}} on line {line} is not closed: add {{% end{tag} %}}")
            })
        }
        _ => None,
    }
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
    fn the_excerpt_marks_the_range() {
        let source = "line1\n  {{ sprecher.nmae }}\n";
        let lines = excerpt(source, 2, Some(&(9..22)));
        assert_eq!(lines, ["2 |   {{ sprecher.nmae }}", "  |    ^^^^^^^^^^^^^"]);
    }
}
