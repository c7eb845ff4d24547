//! Runs: the inline content of a paragraph (text with its formatting, breaks, footnote
//! references, hyperlinks) and the small runs the header and footer are made of.

use super::doc::{Inline, RunStyle};
use super::ooxml::{Links, MONO_FONT, StyleMap};
use super::xml::{Xml, XmlResult, clean};

/// A run of unformatted text (nothing for empty text).
pub(super) fn plain_run(x: &mut Xml, text: &str) -> XmlResult {
    if text.is_empty() {
        return Ok(());
    }
    x.start("w:r", &[])?;
    x.w_t(text)?;
    x.end("w:r")
}

/// A run holding a tab (to the right tab stop of the header and footer).
pub(super) fn tab_run(x: &mut Xml) -> XmlResult {
    x.start("w:r", &[])?;
    x.empty("w:tab", &[])?;
    x.end("w:r")
}

/// A complex field (`begin` / instrText / `separate` / cached result / `end`).
pub(super) fn field(x: &mut Xml, instr: &str, cached: &str) -> XmlResult {
    x.start("w:r", &[])?;
    x.empty("w:fldChar", &[("w:fldCharType", "begin")])?;
    x.end("w:r")?;
    x.start("w:r", &[])?;
    x.leaf(
        "w:instrText",
        &[("xml:space", "preserve")],
        &format!(" {instr} "),
    )?;
    x.end("w:r")?;
    x.start("w:r", &[])?;
    x.empty("w:fldChar", &[("w:fldCharType", "separate")])?;
    x.end("w:r")?;
    plain_run(x, cached)?;
    x.start("w:r", &[])?;
    x.empty("w:fldChar", &[("w:fldCharType", "end")])?;
    x.end("w:r")
}

/// How the surrounding element formats its runs.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RunCtx {
    /// Bold whatever the Markdown says (a table's header row).
    pub force_bold: bool,
    /// Inside a hyperlink: the runs carry the Hyperlink style.
    pub hyperlink: bool,
    /// Font size in half-points, when not the paragraph style's (a table set smaller).
    pub size: Option<u32>,
}

/// The inlines as runs; hyperlink relationships are collected into `links`.
pub(super) fn write_inlines(
    x: &mut Xml,
    links: &mut Links,
    styles: &StyleMap,
    inlines: &[Inline],
    ctx: RunCtx,
) -> XmlResult {
    for inline in inlines {
        match inline {
            Inline::Text { text, style } => write_run(x, styles, text, *style, ctx)?,
            Inline::Break => {
                x.start("w:r", &[])?;
                x.empty("w:br", &[])?;
                x.end("w:r")?;
            }
            Inline::FootnoteRef(id) => {
                x.start("w:r", &[])?;
                x.start("w:rPr", &[])?;
                x.empty("w:rStyle", &[("w:val", styles.id("FootnoteReference"))])?;
                x.end("w:rPr")?;
                x.empty("w:footnoteReference", &[("w:id", &id.to_string())])?;
                x.end("w:r")?;
            }
            Inline::FootnoteLabel(label) => {
                write_run(x, styles, &format!("[^{label}]"), RunStyle::default(), ctx)?;
            }
            Inline::Link { url, children } => {
                let rid = links.id(url);
                x.start("w:hyperlink", &[("r:id", &rid), ("w:history", "1")])?;
                let inner = RunCtx {
                    hyperlink: true,
                    ..ctx
                };
                write_inlines(x, links, styles, children, inner)?;
                x.end("w:hyperlink")?;
            }
        }
    }
    Ok(())
}

fn write_run(
    x: &mut Xml,
    styles: &StyleMap,
    text: &str,
    style: RunStyle,
    ctx: RunCtx,
) -> XmlResult {
    let text = clean(text);
    if text.is_empty() {
        return Ok(());
    }
    x.start("w:r", &[])?;
    let bold = style.bold || ctx.force_bold;
    let vert = if style.superscript {
        Some("superscript")
    } else if style.subscript {
        Some("subscript")
    } else {
        None
    };
    let size = ctx.size.or(style.code.then_some(20)).map(|s| s.to_string());
    if ctx.hyperlink
        || style.code
        || bold
        || style.italic
        || style.strike
        || vert.is_some()
        || size.is_some()
    {
        // rPr order: rStyle, rFonts, b, i, strike, sz, szCs, vertAlign
        x.start("w:rPr", &[])?;
        if ctx.hyperlink {
            x.empty("w:rStyle", &[("w:val", styles.id("Hyperlink"))])?;
        }
        if style.code {
            x.empty(
                "w:rFonts",
                &[
                    ("w:ascii", MONO_FONT),
                    ("w:hAnsi", MONO_FONT),
                    ("w:cs", MONO_FONT),
                ],
            )?;
        }
        if bold {
            x.empty("w:b", &[])?;
        }
        if style.italic {
            x.empty("w:i", &[])?;
        }
        if style.strike {
            x.empty("w:strike", &[])?;
        }
        if let Some(size) = &size {
            x.empty("w:sz", &[("w:val", size)])?;
            x.empty("w:szCs", &[("w:val", size)])?;
        }
        if let Some(v) = vert {
            x.empty("w:vertAlign", &[("w:val", v)])?;
        }
        x.end("w:rPr")?;
    }
    // Tabs and newlines inside text become w:tab / w:br, the hyphens of e-mail addresses,
    // web addresses and phone numbers w:noBreakHyphen.
    // Text between the special characters is written as whole slices: this runs for every
    // run of every document, so no copying character by character.
    let keep = unbreakable_hyphens(&text);
    let mut keep = keep.iter().peekable();
    let mut segment_start = 0;
    for (i, c) in text.match_indices(['\t', '\n', '\r', '-']) {
        let element = match c {
            "\t" => Some("w:tab"),
            "\n" => Some("w:br"),
            "\r" => None,
            _ if keep.next_if_eq(&&i).is_some() => Some("w:noBreakHyphen"),
            _ => continue,
        };
        if segment_start < i {
            x.w_t(&text[segment_start..i])?;
        }
        if let Some(element) = element {
            x.empty(element, &[])?;
        }
        segment_start = i + 1;
    }
    if segment_start < text.len() {
        x.w_t(&text[segment_start..])?;
    }
    x.end("w:r")
}

/// Byte offsets of the hyphens in `text` where a line must not break: inside an e-mail or
/// web address ("it-plr@fitko.de" must not become "it-" / "plr@fitko.de") and between
/// digits (phone numbers "0385 588-19140", number ranges).
pub(super) fn unbreakable_hyphens(text: &str) -> Vec<usize> {
    let mut keep = Vec::new();
    let mut start = 0;
    for token in text.split(char::is_whitespace) {
        let is_address = token.contains('@') || token.contains("://") || token.starts_with("www.");
        let bytes = token.as_bytes();
        for (j, b) in bytes.iter().enumerate() {
            if *b != b'-' {
                continue;
            }
            let between_digits = j > 0
                && bytes[j - 1].is_ascii_digit()
                && bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
            if is_address || between_digits {
                keep.push(start + j);
            }
        }
        // split on a whitespace char: skip the token and its (possibly multi-byte) separator.
        start += token.len();
        start += text[start..].chars().next().map_or(0, char::len_utf8);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::unbreakable_hyphens;

    #[test]
    fn hyphens_of_addresses_and_numbers_do_not_break() {
        let text = "Postfach it-plr@fitko.de, Tel.\u{a0}0385 588-19140, E-Justice-Rat";
        let kept: Vec<&str> = unbreakable_hyphens(text)
            .iter()
            .map(|&i| &text[i - 2..i + 3])
            .collect();
        // The address and the phone number; "E-Justice-Rat" keeps its break points.
        assert_eq!(kept, ["it-pl", "88-19"]);
        assert!(unbreakable_hyphens("www.it-planungsrat.de").len() == 1);
        assert!(unbreakable_hyphens("-1 - 2-").is_empty());
    }
}
