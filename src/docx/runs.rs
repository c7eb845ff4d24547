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
    if ctx.hyperlink || style.code || bold || style.italic || style.strike || vert.is_some() {
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
        if style.code {
            x.empty("w:sz", &[("w:val", "20")])?;
            x.empty("w:szCs", &[("w:val", "20")])?;
        }
        if let Some(v) = vert {
            x.empty("w:vertAlign", &[("w:val", v)])?;
        }
        x.end("w:rPr")?;
    }
    // Tabs and newlines inside text become w:tab / w:br.
    let mut segment = String::new();
    for c in text.chars() {
        match c {
            '\t' | '\n' => {
                if !segment.is_empty() {
                    x.w_t(&segment)?;
                    segment.clear();
                }
                x.empty(if c == '\t' { "w:tab" } else { "w:br" }, &[])?;
            }
            '\r' => {}
            _ => segment.push(c),
        }
    }
    if !segment.is_empty() {
        x.w_t(&segment)?;
    }
    x.end("w:r")
}
