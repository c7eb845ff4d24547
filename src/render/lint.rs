//! Markdown in the templates that cannot become Word structure: table rows without a
//! separator row or with another number of cells than the header, `**` that would print
//! literally, raw HTML other than `<br>`, and backslash commands that do not exist.
//!
//! The check reads the Markdown of each `.md.j2` template as the renderer will emit it, in
//! every branch at once: a printed value (`{{ … }}`) stands for one word (values are escaped,
//! so they never add structure), a line holding only block tags (`{% … %}`) disappears as
//! `trim_blocks` makes it, comments are dropped. So each finding points at the template line
//! the editor wrote. Editors' mistakes are errors; what may be meant (a `**` that a later line
//! closes) is a warning. It does not parse Markdown fully; the DOCX writer does that.

use std::path::Path;

use super::errors::excerpt;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::messages;

/// The backslash commands the DOCX writer knows.
pub const COMMANDS: &[&str] = &["newpage", "querformat", "hochformat"];

/// One line of Markdown as the template will emit it, with its line number.
struct Line {
    number: usize,
    text: String,
}

/// The Markdown problems of one template.
pub fn check(dir: &Path, name: &str, source: &str) -> Vec<Diagnostic> {
    let lines = markdown_lines(source);
    let mut found = Vec::new();
    let mut report = |line: usize, severity: Severity, message: String, hint: Option<String>| {
        let mut detail = excerpt(source, line, None);
        detail.extend(hint);
        found.push(Diagnostic {
            severity,
            location: Location::line(&dir.join(name), line as u64, 1),
            message,
            detail: Some(detail.join("\n")),
        });
    };
    for (number, raw) in blank_comments(source).split('\n').enumerate() {
        if let Some(problem) = mixed_quotes(raw) {
            report(number + 1, Severity::Error, problem, None);
        }
        for target in literal_link_targets(raw) {
            let allowed = ["https://", "http://", "mailto:", "#"];
            if !allowed.iter().any(|start| target.starts_with(start)) {
                // "javascript:…" has a scheme, just not an allowed one; "www.…" has none.
                let scheme = target
                    .split_once(':')
                    .is_some_and(|(head, _)| !head.contains(['/', '.']));
                let message = if scheme {
                    messages::render::link_scheme_not_allowed(&target)
                } else {
                    messages::render::link_without_scheme(&target)
                };
                report(number + 1, Severity::Error, message, None);
            }
        }
    }
    let mut in_code = false;
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        let text = line.text.trim();
        if text.starts_with("```") {
            in_code = !in_code;
        }
        if in_code || text.starts_with("```") {
            index += 1;
            continue;
        }
        if text.starts_with('|') {
            // A table right under a list item (no blank line) continues the item: Markdown
            // prints its pipes inside the last bullet.
            if index > 0
                && lines[index - 1].number + 1 == line.number
                && is_list_item(lines[index - 1].text.trim())
            {
                report(
                    line.number,
                    Severity::Error,
                    messages::render::TABLE_AFTER_LIST.into(),
                    None,
                );
            }
            let mut end = index;
            while end < lines.len() && lines[end].text.trim().starts_with('|') {
                end += 1;
            }
            let rows = &lines[index..end];
            let header = cells(&rows[0].text);
            if rows.len() < 2 || !is_separator(&rows[1].text) {
                report(
                    rows[0].number,
                    Severity::Error,
                    messages::render::NO_SEPARATOR.into(),
                    None,
                );
            } else {
                for row in &rows[1..] {
                    let count = cells(&row.text);
                    if count != header {
                        report(
                            row.number,
                            Severity::Error,
                            messages::render::cell_count(count, header),
                            None,
                        );
                    }
                }
            }
            index = end;
            continue;
        }
        if let Some(rest) = text.strip_prefix('#') {
            let marks = 1 + rest.bytes().take_while(|b| *b == b'#').count();
            let after = &text[marks..];
            if marks <= 6 && after.starts_with(|c: char| c.is_alphanumeric()) {
                report(
                    line.number,
                    Severity::Error,
                    messages::render::heading_without_space(&text[..marks]),
                    None,
                );
            }
        }
        if unpaired_bold(text) {
            if text.starts_with('#') {
                report(
                    line.number,
                    Severity::Error,
                    messages::render::LITERAL_BOLD_HEADING.into(),
                    None,
                );
            } else {
                report(
                    line.number,
                    Severity::Warning,
                    messages::render::UNPAIRED_BOLD.into(),
                    None,
                );
            }
        }
        for tag in html_tags(text) {
            report(
                line.number,
                Severity::Error,
                messages::render::html(&tag),
                None,
            );
        }
        if let Some(command) = text.strip_prefix('\\')
            && !command.is_empty()
            && command.chars().all(|c| c.is_ascii_alphabetic())
            && !COMMANDS.contains(&command)
        {
            let hint = COMMANDS
                .iter()
                .find(|known| close(command, known))
                .map(|known| messages::render::did_you_mean_command(known));
            report(
                line.number,
                Severity::Error,
                messages::render::unknown_command(command),
                hint,
            );
        }
        index += 1;
    }
    found
}

/// The template's lines as Markdown: comments dropped, `{{ … }}` as one word, lines of
/// block tags only left out.
fn markdown_lines(source: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let without_comments = blank_comments(source);
    for (index, raw) in without_comments.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut text = String::with_capacity(raw.len());
        let mut rest = raw;
        let mut had_block = false;
        while let Some(start) = rest.find('{') {
            text.push_str(&rest[..start]);
            let after = &rest[start..];
            let close = match after.as_bytes().get(1) {
                Some(b'{') => "}}",
                Some(b'%') => "%}",
                _ => {
                    text.push('{');
                    rest = &after[1..];
                    continue;
                }
            };
            let end = after.find(close).map_or(after.len(), |end| end + 2);
            if close == "}}" {
                text.push('X');
            } else {
                had_block = true;
            }
            rest = &after[end..];
        }
        text.push_str(rest);
        if had_block && text.trim().is_empty() {
            continue;
        }
        out.push(Line {
            number: index + 1,
            text,
        });
    }
    out
}

/// `{# … #}` replaced by spaces, newlines kept (so line numbers stay).
fn blank_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find("#}").map_or(after.len(), |end| end + 2);
        out.extend(after[..end].chars().filter(|c| *c == '\n'));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Cells of a table row: the `|` that are not escaped, minus the outer ones.
fn cells(row: &str) -> usize {
    let row = row.trim();
    let mut count: usize = 0;
    let mut escaped = false;
    for c in row.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '|' {
            count += 1;
        }
    }
    let outer =
        usize::from(row.starts_with('|')) + usize::from(row.ends_with('|') && row.len() > 1);
    (count + 1).saturating_sub(outer).max(1)
}

fn is_separator(row: &str) -> bool {
    let row = row.trim().trim_matches('|');
    !row.is_empty()
        && row.split('|').all(|cell| {
            let cell = cell.trim().trim_start_matches(':').trim_end_matches(':');
            !cell.is_empty() && cell.chars().all(|c| c == '-')
        })
}

/// Whether a line has an odd number of `**` outside code spans.
fn unpaired_bold(text: &str) -> bool {
    let mut outside = String::new();
    for (index, part) in text.split('`').enumerate() {
        if index % 2 == 0 {
            outside.push_str(part);
        }
    }
    outside.replace("\\*", "").matches("**").count() % 2 == 1
}

/// HTML tags in a line other than `<br>` (autolinks `<https://…>` are Markdown).
fn html_tags(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let escaped = start > 0 && rest.as_bytes()[start - 1] == b'\\';
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else {
            break;
        };
        let inner = &after[..end];
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let is_tag = !escaped
            && !name.is_empty()
            && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && !inner.contains(':')
            && !inner.contains('@');
        if is_tag && !name.eq_ignore_ascii_case("br") {
            tags.push(format!("<{inner}>"));
        }
        rest = &after[end + 1..];
    }
    tags
}

/// Within two edits (for "meinten Sie …?").
fn close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()] <= 2
}

/// "- x", "* x", "+ x", "1. x".
fn is_list_item(text: &str) -> bool {
    if text.starts_with("- ") || text.starts_with("* ") || text.starts_with("+ ") {
        return true;
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(". ")
}

/// A tag whose text is opened with `"` and closed with a typographic quote (`("akkusativ”)`):
/// minijinja then reads on to the next `"`, lines further down.
fn mixed_quotes(line: &str) -> Option<String> {
    let mut rest = line;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let close = match after.as_bytes().get(1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            _ => {
                rest = &after[1..];
                continue;
            }
        };
        let end = after.find(close)?;
        let tag = &after[..end];
        let plain = tag.matches('"').count();
        let typographic = tag.chars().find(|c| matches!(c, '”' | '“' | '„'));
        if plain % 2 == 1
            && let Some(quote) = typographic
        {
            return Some(messages::render::mixed_quotes(quote));
        }
        rest = &after[end + 2..];
    }
    None
}

/// The link targets written as fixed text (`[Text](www.x.de)`), not built from values.
fn literal_link_targets(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("](") {
        let after = &rest[start + 2..];
        // The closing bracket that matches (a target may hold brackets: `alert(1)`).
        let mut depth = 0usize;
        let end = after.char_indices().find_map(|(at, c)| match c {
            '(' => {
                depth += 1;
                None
            }
            ')' if depth == 0 => Some(at),
            ')' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        let Some(end) = end else {
            break;
        };
        let target = after[..end].trim();
        if !target.contains("{{") && !target.contains("{%") && !target.is_empty() {
            found.push(target.to_string());
        }
        rest = &after[end..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(source: &str) -> Vec<String> {
        check(Path::new("t"), "x.md.j2", source)
            .iter()
            .map(|d| format!("{:?} {}: {}", d.severity, d.location, d.message))
            .collect()
    }

    #[test]
    fn tables_with_a_separator_and_equal_cells_pass() {
        let source = "| A | B |\n|---|---|\n{% for x in y %}\n| {{ x.a }} | {{ x.b | f(\"|\") }} |\n{% endfor %}\n";
        assert!(messages(source).is_empty(), "{:?}", messages(source));
    }

    #[test]
    fn a_missing_separator_or_cell_is_an_error_at_its_line() {
        let found = messages("| A | B |\n| {{ a }} | {{ b }} |\n");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("Error t/x.md.j2:1:1: diese Tabelle hat"),
            "{found:?}"
        );
        let found = messages("| A | B |\n|---|---|\n{% for x in y %}\n| {{ x }} |\n{% endfor %}\n");
        assert!(
            found[0].starts_with(
                "Error t/x.md.j2:4:1: diese Tabellenzeile hat 1 Zellen, die Kopfzeile 2"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn literal_bold_html_and_unknown_commands() {
        let found = messages(
            "## **Zentrale Botschaften\n**Vorsitz:** {{ v }}\n<b>x</b> a<br>b <https://x.de>\n\\querfomat\n\\newpage\n{# <i> #}\n",
        );
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].contains(":1:1: in dieser Überschrift"));
        assert!(found[1].contains(":3:1: HTML „<b>“"));
        assert!(found[2].contains(":3:1: HTML „</b>“"));
        assert!(found[3].contains(":4:1: unbekannter Befehl „\\querfomat“"));
    }
}
