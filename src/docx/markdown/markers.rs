//! Our own Markdown forms (`\newpage`, `\querformat`, `\hochformat`, each a paragraph
//! of its own) and `<br>` inside raw HTML.

use crate::docx::doc::{Inline, Para, ParaKind, RunStyle};
use crate::docx::ooxml::Orientation;

/// The marker command (`\newpage`, `\querformat`, `\hochformat`) a normal paragraph
/// consists of, if any.
pub(super) fn marker(p: &Para) -> Option<&'static str> {
    if !matches!(p.kind, ParaKind::Normal) {
        return None;
    }
    let mut text = String::new();
    for inline in &p.inlines {
        match inline {
            Inline::Text { text: t, style } if *style == RunStyle::default() => text.push_str(t),
            _ => return None,
        }
    }
    ["\\newpage", "\\querformat", "\\hochformat"]
        .into_iter()
        .find(|m| text.trim() == *m)
}

pub(super) fn orientation_marker(marker: &str) -> Option<Orientation> {
    match marker {
        "\\querformat" => Some(Orientation::Landscape),
        "\\hochformat" => Some(Orientation::Portrait),
        _ => None,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum HtmlPiece<'a> {
    Text(&'a str),
    Br,
}

/// Split raw HTML at `<br>`, `<br/>`, `<br />` (any case).
pub(super) fn split_br(html: &str) -> Vec<HtmlPiece<'_>> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if let Some(len) = br_tag_len(&bytes[i..]) {
                if start < i {
                    out.push(HtmlPiece::Text(&html[start..i]));
                }
                out.push(HtmlPiece::Br);
                i += len;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    if start < html.len() {
        out.push(HtmlPiece::Text(&html[start..]));
    }
    out
}

fn br_tag_len(s: &[u8]) -> Option<usize> {
    if s.len() < 4 || !s[1..3].eq_ignore_ascii_case(b"br") {
        return None;
    }
    let mut i = 3;
    while i < s.len() && s[i].is_ascii_whitespace() {
        i += 1;
    }
    if i < s.len() && s[i] == b'/' {
        i += 1;
    }
    (i < s.len() && s[i] == b'>').then_some(i + 1)
}
