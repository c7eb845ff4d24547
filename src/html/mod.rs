//! The documents as HTML, for the live preview of `briefing serve`.
//!
//! What it does: reads the Markdown with the DOCX writer's own parser into the same document
//! model ([`crate::docx`]'s blocks and inlines) and writes that model as HTML: headings,
//! list paragraphs with their bullets and numbers (flat, as Word numbers them), tables with
//! their header row, footnotes as numbered notes after the text, links (only those the DOCX
//! keeps; refused ones stay text there and here), line breaks, page breaks and the sections
//! of another orientation, with the page header and footer texts around the document. So an
//! editor sees what Word will show, page breaks aside. [`style`] turns the design's Word
//! styles (fonts, colours, sizes) into CSS.
//!
//! What it does not: a second Markdown reading (there is one, in `docx`), pagination, the
//! logo, or anything on disk.

pub mod style;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::docx::{
    BULLET_NUM_ID, Block, Doc, DocumentMeta, DocxError, Inline, Orientation, ParaKind, RunStyle,
    Table, parse_markdown,
};
use crate::messages::serve as messages;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One document as an HTML fragment: a `div.dokument` with the page header, the text in
/// sections, the footnotes and the page footer.
pub fn document(markdown: &str, meta: &DocumentMeta) -> Result<String, DocxError> {
    let doc = parse_markdown(markdown)?;
    let mut w = Writer::new(&doc);
    w.out.push_str("<div class=\"dokument\">");
    write!(
        w.out,
        "<header class=\"kopfzeile\"><span>{}</span><span>{}</span></header>",
        escape(&meta.title),
        escape(&meta.header_text)
    )
    .ok();
    w.out.push_str("<main class=\"text\">");
    w.blocks(&doc.blocks);
    w.close_section();
    if !doc.footnotes.is_empty() {
        write!(
            w.out,
            "<section class=\"fussnoten\" aria-label=\"{}\"><hr>",
            messages::FOOTNOTES
        )
        .ok();
        for (i, blocks) in doc.footnotes.iter().enumerate() {
            let n = i + 1;
            write!(
                w.out,
                "<div class=\"fussnote\" id=\"fn{n}\"><span class=\"fn-nummer\">{n}</span><div>"
            )
            .ok();
            w.in_footnote = true;
            w.blocks(blocks);
            w.in_footnote = false;
            w.out.push_str("</div></div>");
        }
        w.out.push_str("</section>");
    }
    w.out.push_str("</main>");
    write!(
        w.out,
        "<footer class=\"fusszeile\"><span>{}</span></footer>",
        escape(&meta.footer_text)
    )
    .ok();
    w.out.push_str("</div>");
    Ok(w.out)
}

struct Writer {
    out: String,
    /// The first number of each ordered list (by numbering id).
    starts: BTreeMap<u32, u64>,
    /// The next number of each ordered list.
    next: BTreeMap<u32, u64>,
    /// Whether a landscape section is open.
    landscape: bool,
    in_footnote: bool,
}

impl Writer {
    fn new(doc: &Doc) -> Writer {
        Writer {
            out: String::new(),
            starts: doc
                .ordered_lists
                .iter()
                .map(|list| (list.num_id, list.start))
                .collect(),
            next: BTreeMap::new(),
            landscape: false,
            in_footnote: false,
        }
    }

    fn close_section(&mut self) {
        if self.landscape {
            self.out.push_str("</div>");
            self.landscape = false;
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Para(p) => self.para(p.kind, &p.inlines),
                Block::Table(t) => self.table(t),
                Block::PageBreak => self.out.push_str(&format!(
                    "<div class=\"seitenumbruch\" title=\"{}\"></div>",
                    messages::PAGE_BREAK
                )),
                Block::Rule => self.out.push_str("<hr class=\"linie\">"),
                Block::Section(Orientation::Landscape) if !self.in_footnote => {
                    self.close_section();
                    write!(
                        self.out,
                        "<div class=\"querformat\" title=\"{}\">",
                        messages::LANDSCAPE
                    )
                    .ok();
                    self.landscape = true;
                }
                Block::Section(_) => self.close_section(),
            }
        }
    }

    fn para(&mut self, kind: ParaKind, inlines: &[Inline]) {
        match kind {
            ParaKind::Heading(level) => {
                let level = level.clamp(1, 4);
                write!(self.out, "<h{level}>").ok();
                self.inlines(inlines);
                write!(self.out, "</h{level}>").ok();
            }
            ParaKind::Normal => {
                self.out.push_str("<p>");
                self.inlines(inlines);
                self.out.push_str("</p>");
            }
            ParaKind::Quote => {
                self.out.push_str("<blockquote><p>");
                self.inlines(inlines);
                self.out.push_str("</p></blockquote>");
            }
            ParaKind::Code => {
                self.out.push_str("<pre><code>");
                self.inlines(inlines);
                self.out.push_str("</code></pre>");
            }
            ParaKind::ListItem { num_id, level } => {
                let mark = if num_id == BULLET_NUM_ID {
                    "•".to_string()
                } else {
                    let start = self.starts.get(&num_id).copied().unwrap_or(1);
                    let n = self.next.entry(num_id).or_insert(start);
                    let mark = format!("{n}.");
                    *n += 1;
                    mark
                };
                write!(
                    self.out,
                    "<p class=\"listenpunkt ebene-{level}\"><span class=\"marke\">{mark}</span>"
                )
                .ok();
                self.inlines(inlines);
                self.out.push_str("</p>");
            }
            ParaKind::ListContinuation { level } => {
                write!(self.out, "<p class=\"listenpunkt ebene-{level}\">").ok();
                self.inlines(inlines);
                self.out.push_str("</p>");
            }
        }
    }

    fn table(&mut self, t: &Table) {
        self.out.push_str("<table>");
        for (r, row) in t.rows.iter().enumerate() {
            let cell_tag = if r == 0 { "th" } else { "td" };
            if r == 0 {
                self.out.push_str("<thead>");
            } else if r == 1 {
                self.out.push_str("<tbody>");
            }
            self.out.push_str("<tr>");
            for (c, cell) in row.iter().enumerate() {
                let align = match t.aligns.get(c) {
                    Some(pulldown_cmark::Alignment::Center) => " style=\"text-align:center\"",
                    Some(pulldown_cmark::Alignment::Right) => " style=\"text-align:right\"",
                    _ => "",
                };
                write!(self.out, "<{cell_tag}{align}>").ok();
                self.inlines(cell);
                write!(self.out, "</{cell_tag}>").ok();
            }
            self.out.push_str("</tr>");
            if r == 0 {
                self.out.push_str("</thead>");
            }
        }
        if t.rows.len() > 1 {
            self.out.push_str("</tbody>");
        }
        self.out.push_str("</table>");
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for inline in inlines {
            match inline {
                Inline::Text { text, style } => self.text(text, *style),
                Inline::Break => self.out.push_str("<br>"),
                Inline::FootnoteRef(n) => {
                    write!(
                        self.out,
                        "<sup class=\"fn-verweis\"><a href=\"#fn{n}\">{n}</a></sup>"
                    )
                    .ok();
                }
                // A reference without a definition stays literal text, as in the DOCX.
                Inline::FootnoteLabel(label) => {
                    write!(self.out, "[^{}]", escape(label)).ok();
                }
                Inline::Link { url, children } => {
                    write!(
                        self.out,
                        "<a href=\"{}\" rel=\"noreferrer\" target=\"_blank\">",
                        escape(url)
                    )
                    .ok();
                    self.inlines(children);
                    self.out.push_str("</a>");
                }
            }
        }
    }

    fn text(&mut self, text: &str, style: RunStyle) {
        let tags = [
            (style.bold, "strong"),
            (style.italic, "em"),
            (style.strike, "s"),
            (style.code, "code"),
            (style.superscript, "sup"),
            (style.subscript, "sub"),
        ];
        for (on, tag) in tags {
            if on {
                write!(self.out, "<{tag}>").ok();
            }
        }
        self.out.push_str(&escape(text));
        for (on, tag) in tags.iter().rev() {
            if *on {
                write!(self.out, "</{tag}>").ok();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> DocumentMeta {
        DocumentMeta {
            title: "Briefing für <Test>".into(),
            subject: String::new(),
            author: String::new(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            header_text: "IT-Planungsrat".into(),
            footer_text: "Stand: 28.11.2026".into(),
        }
    }

    #[test]
    fn the_model_becomes_html() {
        let markdown = "# Titel\n\nText mit Fußnote[^a] und **fett**.<br>Zweite Zeile.\n\n\
                        1. eins\n2. zwei\n\n- Punkt\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n\n\
                        [Link](https://example.org) [weg](file:///etc)\n\n[^a]: Die Notiz.\n";
        let html = document(markdown, &meta()).unwrap();
        assert!(html.contains("<h1>Titel</h1>"), "{html}");
        assert!(html.contains("<sup class=\"fn-verweis\"><a href=\"#fn1\">1</a></sup>"));
        assert!(html.contains("<div class=\"fussnote\" id=\"fn1\"><span class=\"fn-nummer\">1</span><div><p>Die Notiz.</p>"));
        assert!(html.contains("<strong>fett</strong>.<br>Zweite Zeile."));
        assert!(html.contains("<span class=\"marke\">1.</span>eins"));
        assert!(html.contains("<span class=\"marke\">2.</span>zwei"));
        assert!(html.contains("<span class=\"marke\">•</span>Punkt"));
        assert!(
            html.contains(
                "<thead><tr><th>A</th><th style=\"text-align:right\">B</th></tr></thead>"
            )
        );
        assert!(html.contains("<a href=\"https://example.org\""));
        assert!(
            !html.contains("file:///etc"),
            "a refused link keeps only its text"
        );
        assert!(html.contains("Briefing für &lt;Test&gt;"));
        assert!(html.contains("Stand: 28.11.2026"));
    }

    #[test]
    fn raw_html_stays_text() {
        let html = document("<script>alert(1)</script>\n", &meta()).unwrap();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn landscape_sections_are_marked() {
        let html = document("A\n\n\\querformat\n\nB\n\n\\hochformat\n\nC\n", &meta()).unwrap();
        let quer = html.find("class=\"querformat\"").unwrap();
        assert!(html.find("<p>A</p>").unwrap() < quer);
        assert!(html.find("<p>B</p>").unwrap() > quer);
        assert!(html.contains("<p>B</p></div><p>C</p>"), "{html}");
    }
}
