//! Typographic quotes and no-break spaces inside template tags, as Word and Outlook write
//! them: inside `{{ }}` and `{% %}`, „…“, “…”, ‚…‘ and »…« are string quotes and a no-break
//! space is a space. Text outside tags, comments `{# #}` and `{% raw %}` blocks stay as they
//! are.
//!
//! The rewrite keeps every byte offset: a quote character of three bytes becomes `"` and two
//! spaces (spaces outside the string), so minijinja's byte ranges, lines and columns point at
//! the same spot of the editor's file. It does not parse templates beyond finding tags.

/// Characters that open a typographic string inside a tag.
const OPENING: &[char] = &['„', '“', '‚', '»', '«', '”', '‘', '’'];
/// Characters that close a typographic string.
const CLOSING: &[char] = &['“', '”', '‘', '’', '«', '»', '„', '‚'];
/// Space characters Word inserts that minijinja does not accept as whitespace.
const SPACES: &[char] = &['\u{a0}', '\u{202f}', '\u{2007}', '\u{2009}'];

/// The template text with typographic quotes and special spaces inside tags made ASCII;
/// the result has the same length and the same byte offsets as `text`.
pub fn normalize(text: &str) -> String {
    if !text.contains(|c: char| !c.is_ascii()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let closing = match rest.as_bytes().get(1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => {
                let end = rest.find("#}").map_or(rest.len(), |end| end + 2);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
            _ => {
                out.push('{');
                rest = &rest[1..];
                continue;
            }
        };
        let (tag, after) = split_tag(rest, closing);
        out.push_str(&rewrite_tag(tag));
        rest = after;
        if closing == "%}" && is_raw_start(tag) {
            let end = find_endraw(rest).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    debug_assert_eq!(out.len(), text.len());
    out
}

/// The tag up to and including its closing delimiter (outside ASCII strings), and the rest.
fn split_tag<'a>(text: &'a str, closing: &str) -> (&'a str, &'a str) {
    let mut in_string: Option<char> = None;
    let mut escaped = false;
    for (index, c) in text.char_indices().skip(2) {
        if let Some(quote) = in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == quote {
                in_string = None;
            }
            continue;
        }
        if c == '"' || c == '\'' {
            in_string = Some(c);
        } else if text[index..].starts_with(closing) {
            return text.split_at(index + closing.len());
        }
    }
    (text, "")
}

fn is_raw_start(tag: &str) -> bool {
    tag[2..]
        .trim_start_matches(['-', '+'])
        .trim_start()
        .starts_with("raw")
}

fn find_endraw(text: &str) -> Option<usize> {
    let mut offset = 0;
    while let Some(start) = text[offset..].find("{%") {
        let at = offset + start;
        let inner = text[at + 2..].trim_start_matches(['-', '+']).trim_start();
        if inner.starts_with("endraw") {
            return Some(at);
        }
        offset = at + 2;
    }
    None
}

/// One tag with its typographic strings turned into ASCII ones of the same byte length.
fn rewrite_tag(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut ascii_string: Option<char> = None;
    let mut typographic = false;
    let mut escaped = false;
    for c in tag.chars() {
        if let Some(quote) = ascii_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == quote {
                ascii_string = None;
            }
            continue;
        }
        if typographic {
            if CLOSING.contains(&c) || c == '"' {
                typographic = false;
                out.push('"');
                pad(&mut out, c.len_utf8() - 1);
            } else if c == '\\' {
                // A backslash would escape the closing quote of the rewritten string.
                out.push('/');
            } else {
                out.push(c);
            }
            continue;
        }
        if c == '"' || c == '\'' {
            ascii_string = Some(c);
            out.push(c);
        } else if OPENING.contains(&c) {
            typographic = true;
            pad(&mut out, c.len_utf8() - 1);
            out.push('"');
        } else if SPACES.contains(&c) {
            pad(&mut out, c.len_utf8());
        } else {
            out.push(c);
        }
    }
    out
}

fn pad(out: &mut String, spaces: usize) {
    out.extend(std::iter::repeat_n(' ', spaces));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_quotes_in_tags_become_string_quotes_of_the_same_length() {
        let text = "„Text“ {% if k.kuerzel == „IMK“ %}x{% endif %} {{ ‚a‘ ~ »b« ~ “c” }}";
        let normal = normalize(text);
        assert_eq!(normal.len(), text.len());
        assert!(normal.starts_with("„Text“ {% if k.kuerzel ==   \"IMK\"   %}"));
        assert!(normal.contains("\"a\"") && normal.contains("\"b\"") && normal.contains("\"c\""));
    }

    #[test]
    fn no_break_spaces_in_tags_become_spaces_outside_stay() {
        let text = "a\u{a0}b {{\u{a0}x\u{a0}}}";
        assert_eq!(normalize(text), "a\u{a0}b {{  x  }}");
    }

    #[test]
    fn comments_raw_blocks_and_ascii_strings_are_untouched() {
        let text = "{# „x“ #}{% raw %}{{ „y“ }}{% endraw %}{{ \"„z“\" }}";
        assert_eq!(normalize(text), text);
    }
}
