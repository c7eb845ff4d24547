//! YAML syntax errors in an editor's words: the parser's message (granit-parser, through
//! serde-saphyr) and the text around its position are read together to name the likely
//! mistake and its fix, at the line and column where the mistake is, which is often not
//! where the parser noticed it: a `[` never closed is reported at its opening line, a quote
//! never closed at its own line, an invisible character pasted from Word as what it is.
//!
//! It only explains syntax; unknown fields, missing fields and wrong types are worded in
//! [`super`]. A message it does not know is framed in German with the parser's words kept.

use crate::messages::inputs as messages;

/// The parser's messages that are syntax errors (all of granit-parser's begin so); serde's
/// own ("invalid type", "missing field" …) are not among them.
const SYNTAX: &[&str] = &[
    "while ",
    "did not find",
    "unexpected",
    "illegal",
    "unclosed",
    "mismatched",
    "misplaced",
    "simple key",
    "mapping values",
    "mapping keys",
    "block sequence",
    "expected whitespace",
    "comments must",
    "comment intercepting",
    "plain scalar",
    "a BOM",
    "a block scalar",
    "wrongly indented",
    "invalid indentation",
    "invalid trailing",
    "invalid content after",
    "invalid global tag",
    "the handle",
    "the TAG directive",
    "multiple documents",
    "duplicate version",
    "unsupported YAML",
    "YAML directives",
    "directive",
    "reserved directive",
    "missing explicit document",
];

/// Where the mistake is (line, column, 1-based) and what to do, or `None` when the message is
/// not a syntax error.
pub(super) fn explain(
    text: &str,
    raw: &str,
    at: Option<(u64, u64)>,
) -> Option<((u64, u64), String)> {
    let syntax = SYNTAX.iter().any(|start| raw.starts_with(start));
    let lines: Vec<&str> = text.split('\n').collect();
    let line_number = at.map_or(1, |(line, _)| line.max(1));
    // An invisible character in the structure explains any error, syntax or not (a key that
    // is not one, a field missing because its line was read as text).
    // (The whole file: a field reported missing at its entry's start may have its line,
    // with the character, further down.)
    if let Some(found) = invisible(&lines, lines.len() as u64) {
        return Some(found);
    }
    let index = usize::try_from(line_number - 1)
        .ok()?
        .min(lines.len().saturating_sub(1));
    let line = lines.get(index).copied().unwrap_or_default();
    let here = at.unwrap_or((line_number, 1));
    let trimmed = line.trim_start();
    if let Some(rest) = trimmed.strip_prefix('-')
        && rest.starts_with(|c: char| !c.is_whitespace() && c != '-')
        && !trimmed.contains(": ")
    {
        let column = (line.len() - trimmed.len()) as u64 + 1;
        return Some((
            (line_number, column),
            messages::DASH_WITHOUT_SPACE.to_string(),
        ));
    }
    if !syntax {
        return None;
    }
    if raw.starts_with("mapping values are not allowed") {
        return Some((here, colon_in_value(line)));
    }
    if raw.starts_with("simple key expected") || raw.contains("could not find expected ':'") {
        return Some(missing_colon(&lines, index, here));
    }
    let brackets = [
        "illegal placement of ':'",
        "unclosed bracket",
        "mismatched bracket",
    ];
    if brackets.iter().any(|b| raw.starts_with(b))
        || raw.contains("flow sequence")
        || raw.contains("flow mapping")
        || raw.starts_with("misplaced bracket")
    {
        if let Some(found) = unclosed_bracket(&lines, index) {
            return Some(found);
        }
        if raw.starts_with("misplaced bracket") {
            return Some((here, messages::STRAY_BRACKET.to_string()));
        }
    }
    if raw.contains("quoted scalar") || raw.starts_with("unclosed quote") {
        if let Some(found) = unclosed_quote(&lines, index) {
            return Some(found);
        }
        let quote = if raw.contains("single-quoted") {
            '\''
        } else {
            '"'
        };
        if raw.starts_with("invalid trailing content") {
            return Some((here, messages::after_quote(quote)));
        }
    }
    if raw.contains("did not find expected key")
        || raw.starts_with("invalid indentation")
        || raw.contains("expected '-' indicator")
        || raw.starts_with("mapping keys are not allowed")
        || raw.starts_with("block sequence entries are not allowed")
    {
        if let Some(found) = indentation(&lines, index) {
            return Some(found);
        }
    }
    if let Some(character) = raw
        .strip_prefix("unexpected character: `")
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return Some((here, messages::cannot_start_value(character)));
    }
    if raw.starts_with("plain scalar cannot start") {
        return Some((here, messages::cannot_start_value("-")));
    }
    Some((here, messages::yaml_syntax(raw)))
}

/// The first invisible character in a structural place (indentation, a key, right after a
/// key's colon or a list dash) at or before `line`.
fn invisible(lines: &[&str], line: u64) -> Option<((u64, u64), String)> {
    let last = usize::try_from(line).ok()?.min(lines.len());
    for (index, content) in lines.iter().enumerate().take(last) {
        let structural_end = structure_end(content);
        for (column, (offset, c)) in content.char_indices().enumerate() {
            if offset >= structural_end {
                break;
            }
            if let Some(name) = invisible_name(c) {
                return Some((
                    (index as u64 + 1, column as u64 + 1),
                    messages::invisible_character(name, column as u64 + 1),
                ));
            }
        }
    }
    None
}

/// How far into a line the structure reaches: the indentation and list dashes, the key and
/// its colon, and the spaces after it (a value's own characters are its business).
fn structure_end(line: &str) -> usize {
    let comment = line.trim_start().starts_with('#');
    if comment {
        return 0;
    }
    let mut end = 0;
    let bytes: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    // Indentation and dashes.
    while i < bytes.len()
        && (bytes[i].1.is_whitespace() || bytes[i].1 == '-' || invisible_name(bytes[i].1).is_some())
    {
        i += 1;
    }
    end = bytes
        .get(i)
        .map_or(line.len(), |(offset, _)| *offset)
        .max(end);
    // A key: letters, digits, _ and invisible characters up to ':'.
    let mut j = i;
    while j < bytes.len()
        && (bytes[j].1.is_alphanumeric()
            || bytes[j].1 == '_'
            || invisible_name(bytes[j].1).is_some())
    {
        j += 1;
    }
    if j < bytes.len() && bytes[j].1 == ':' {
        let mut k = j + 1;
        while k < bytes.len()
            && (bytes[k].1.is_whitespace() || invisible_name(bytes[k].1).is_some())
        {
            k += 1;
        }
        return bytes.get(k).map_or(line.len(), |(offset, _)| *offset);
    }
    // No key: a word glued to an invisible character may be a key with a no-break space
    // before its colon ("titel\u{a0}: …") or after it ("titel:\u{a0}…").
    if let Some(colon) = line[end..].find(':') {
        let upto = end + colon + 1;
        let after = line[upto..]
            .char_indices()
            .find(|(_, c)| !c.is_whitespace() && invisible_name(*c).is_none())
            .map_or(line.len(), |(offset, _)| upto + offset);
        if line[end..upto].chars().all(|c| {
            c.is_alphanumeric() || c == '_' || c == ':' || invisible_name(c).is_some() || c == ' '
        }) {
            return after;
        }
    }
    end
}

fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{a0}' => messages::NO_BREAK_SPACE,
        '\u{202f}' => messages::NARROW_NO_BREAK_SPACE,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' => messages::ZERO_WIDTH,
        '\u{ad}' => messages::SOFT_HYPHEN,
        '\u{feff}' => messages::BYTE_ORDER_MARK,
        '\u{2000}'..='\u{200a}' | '\u{3000}' => messages::OTHER_SPACE,
        _ => return None,
    })
}

fn colon_in_value(line: &str) -> String {
    let content = line.trim_start().trim_start_matches("- ").trim_start();
    match content.split_once(": ") {
        Some((key, value))
            if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') =>
        {
            let value = value.trim().replace('"', "\\\"");
            messages::colon_in_value(key, &value)
        }
        _ => messages::COLON_IN_VALUE.to_string(),
    }
}

fn missing_colon(lines: &[&str], index: usize, here: (u64, u64)) -> ((u64, u64), String) {
    // The parser stops at the line after the key that lacks its colon, or on it.
    for candidate in [index, index.saturating_sub(1)] {
        let line = lines.get(candidate).copied().unwrap_or_default();
        let content = line.trim_start().trim_start_matches("- ").trim_start();
        if content.is_empty() || content.starts_with('#') || content.contains(':') {
            continue;
        }
        let key: String = content
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if key.is_empty() {
            continue;
        }
        let column = line.len() - content.len() + key.len();
        let column = line[..column].chars().count() as u64 + 1;
        return (
            (candidate as u64 + 1, column),
            messages::missing_colon(&key),
        );
    }
    (here, messages::MISSING_COLON.to_string())
}

/// The last line up to `index` whose `[` or `{` (outside quotes and comments) is not closed
/// on it, at the bracket.
fn unclosed_bracket(lines: &[&str], index: usize) -> Option<((u64, u64), String)> {
    let mut found = None;
    for (number, line) in lines.iter().enumerate().take(index + 1) {
        let mut open: Vec<(usize, char)> = Vec::new();
        let mut quote: Option<char> = None;
        for (column, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') if open.is_empty() => {}
                (None, '"') => quote = Some('"'),
                (None, '#') => break,
                (None, '[' | '{') => open.push((column, c)),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
        if let Some((column, c)) = open.first() {
            let close = if *c == '[' { ']' } else { '}' };
            found = Some((
                (number as u64 + 1, *column as u64 + 1),
                messages::unclosed_bracket(*c, close),
            ));
        }
    }
    found
}

/// The last line up to `index` where a value starts with a quote that the line does not
/// close.
fn unclosed_quote(lines: &[&str], index: usize) -> Option<((u64, u64), String)> {
    let mut found = None;
    for (number, line) in lines.iter().enumerate().take(index + 1) {
        let content = line.trim_start();
        if content.starts_with('#') {
            continue;
        }
        let value_start = content
            .find(": ")
            .map(|i| i + 2)
            .or_else(|| content.starts_with("- ").then_some(2));
        let Some(start) = value_start else {
            continue;
        };
        let value = content[start..].trim_start();
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let rest = &value[1..];
        let closed = if quote == '"' {
            let mut escaped = false;
            rest.chars().any(|c| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
        } else {
            rest.contains('\'')
        };
        if !closed {
            let column = line.len() - value.len();
            found = Some((
                (number as u64 + 1, line[..column].chars().count() as u64 + 1),
                messages::unclosed_quote(quote),
            ));
        }
    }
    found
}

/// The error line indented unlike the line above it (for a `- key:` line above, its key).
fn indentation(lines: &[&str], index: usize) -> Option<((u64, u64), String)> {
    let line = lines.get(index)?;
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let found = indent(line);
    let above = lines[..index]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let mut expected = indent(above);
    if above.trim_start().starts_with("- ") {
        expected += 2;
    }
    (found != expected && above.trim_end().ends_with(|c: char| c != ':')).then(|| {
        (
            (index as u64 + 1, found as u64 + 1),
            messages::indentation(found, expected),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_in_the_structure_are_named_but_not_in_values() {
        let text = "a:\n  titel:\u{a0}X\n";
        let ((line, column), message) =
            explain(text, "simple key expected ':'", Some((2, 3))).unwrap();
        assert_eq!((line, column), (2, 9));
        assert!(
            message.starts_with("ein geschütztes Leerzeichen (aus Word kopiert) an Spalte 9"),
            "{message}"
        );
        assert!(invisible(&["titel: § 1\u{a0}Abs. 2"], 1).is_none());
    }

    #[test]
    fn an_unclosed_bracket_is_reported_at_its_opening() {
        let text = "a:\n  b: [X, Y\n  c: z\n";
        let ((line, column), message) =
            explain(text, "illegal placement of ':' indicator", Some((3, 4))).unwrap();
        assert_eq!((line, column), (2, 6));
        assert!(message.contains("„[“"), "{message}");
    }
}
