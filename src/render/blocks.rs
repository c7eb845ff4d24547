//! `baustein("name")`: places a Word content block ([`crate::load::blocks`]) in a template.
//!
//! A block becomes Markdown with the project's conventions (the same text the templates
//! write), so the DOCX writer and every other consumer of the rendered Markdown see one kind
//! of input. Jinja tags typed into Word (`{{ sprecher | name_mit_titel }}`, `{% if … %}`) are
//! found in a paragraph's text across Word's runs, then the block is rendered with the values
//! of the place it is called from. Its headings go below the level it is placed at
//! (`ebene=2`, the default, makes "Überschrift 1" a `###`); its footnotes get labels unique
//! per placement, so their numbers continue the template's own. An error in a tag names the
//! block file, the paragraph and its first words.
//!
//! This module does not read files: the blocks come read from the loading stage.

use std::fmt::Write as _;
use std::sync::Arc;

use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, Error, ErrorKind, State};

use super::{escape_markdown, quotes};
use crate::load::blocks::{BlockSource, Blocks, Inline, Item, Para, ParaKind, Style, Table};
use crate::messages::blocks as messages;

/// The function's name in templates.
pub const FUNCTION: &str = "baustein";

/// The level below which a block's headings go unless `ebene=` says otherwise.
const DEFAULT_LEVEL: i64 = 2;

/// Placements of blocks so far in one document, for unique footnote labels.
#[derive(Default)]
struct Placements(usize);

/// Adds `baustein(...)` to the environment.
pub(super) fn register(env: &mut Environment<'static>, blocks: Arc<Blocks>) {
    env.add_function(
        FUNCTION,
        move |state: &mut State, name: String, kwargs: Kwargs| {
            place(state, &blocks, &name, &kwargs)
        },
    );
}

fn place(state: &mut State, blocks: &Blocks, name: &str, kwargs: &Kwargs) -> Result<Value, Error> {
    let fallback: Option<String> = kwargs.get("ersatz")?;
    let level: Option<i64> = kwargs.get("ebene")?;
    kwargs.assert_all_used()?;
    let level = level.unwrap_or(DEFAULT_LEVEL);
    if !(0..=5).contains(&level) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            messages::bad_level(level),
        ));
    }
    let found = find(blocks, name).or_else(|| fallback.as_deref().and_then(|f| find(blocks, f)));
    let Some((found_name, source)) = found else {
        let known: Vec<&str> = blocks.sources.keys().map(String::as_str).collect();
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            messages::unknown_block(&normalize(name), &known.join(", ")),
        ));
    };
    let block = match source {
        BlockSource::Read(block) => block,
        BlockSource::Refused(_) => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                messages::refused_block(found_name),
            ));
        }
    };
    let placement = {
        let placements = state.get_or_insert_extension(Placements::default());
        placements.0 += 1;
        placements.0
    };
    let generated = to_markdown(block, placement, level as usize);
    let source = quotes::normalize(&generated.text);
    let file = format!("{}.docx", block.name);
    let template_name = format!("bausteine/{file}.md.j2");
    let context = context_of(state);
    let tag_error = |error: Error| {
        let at = error
            .line()
            .and_then(|line| generated.lines.get(line.saturating_sub(1)))
            .and_then(Option::as_ref)
            .map(|(number, words)| messages::at_paragraph(*number, words))
            .unwrap_or_else(|| messages::at_paragraph(1, ""));
        // minijinja binds a macro to the render that imported it; a block is a render of its
        // own, so the template must call macros itself.
        let detail = if error
            .detail()
            .is_some_and(|d| d.contains("state went away"))
        {
            messages::MACRO_IN_BLOCK.to_string()
        } else {
            super::errors::describe(&error, None)
        };
        Error::new(
            ErrorKind::InvalidOperation,
            messages::tag_error(&file, &at, &detail),
        )
    };
    let rendered = state
        .env()
        .template_from_named_str(&template_name, &source)
        .and_then(|template| template.render(context))
        .map_err(tag_error)?;
    Ok(Value::from_safe_string(rendered))
}

/// The block of that name (`x`, `x.docx`, `konferenzen/IMK`; any case, as Windows finds it).
fn find<'b>(blocks: &'b Blocks, name: &str) -> Option<(&'b String, &'b BlockSource)> {
    let wanted = normalize(name);
    blocks.sources.get_key_value(&wanted).or_else(|| {
        blocks
            .sources
            .iter()
            .find(|(known, _)| known.to_lowercase() == wanted.to_lowercase())
    })
}

fn normalize(name: &str) -> String {
    let name = name.trim().replace('\\', "/");
    let name = name.strip_prefix("bausteine/").unwrap_or(&name);
    let name = name
        .strip_suffix(".docx")
        .or_else(|| name.strip_suffix(".DOCX"))
        .unwrap_or(name);
    name.split('/')
        .filter(|s| !s.is_empty() && *s != "." && *s != "..")
        .collect::<Vec<_>>()
        .join("/")
}

/// Every variable the caller sees (the template's data, loop variables, `set` values,
/// imported macros), as the block's context.
fn context_of(state: &State) -> Value {
    let mut map = std::collections::BTreeMap::new();
    for name in state.known_variables() {
        if let Some(value) = state.lookup(&name) {
            map.insert(name.into_owned(), value);
        }
    }
    Value::from(map)
}

/// A block's Markdown, and for each of its lines the paragraph it came from.
pub struct Generated {
    /// The Markdown with the Jinja tags typed into Word.
    pub text: String,
    /// Per line (0-based): paragraph number and first words.
    pub lines: Vec<Option<(usize, String)>>,
}

struct Writer {
    text: String,
    lines: Vec<Option<(usize, String)>>,
    label: String,
}

impl Writer {
    /// Adds lines of text, each marked with the paragraph.
    fn push(&mut self, text: &str, para: Option<&Para>) {
        let mark = para.map(|p| (p.number, p.first_words()));
        for c in text.chars() {
            if self.text.is_empty() || self.text.ends_with('\n') {
                self.lines.push(mark.clone());
            }
            self.text.push(c);
        }
    }
}

/// One open list level: Word's level, numbered or not, and the column its text starts at.
struct ListLevel {
    level: u8,
    numbered: bool,
    indent: usize,
}

/// The Markdown of a block, placed the `placement`-th time in a document, its headings below
/// level `level`.
pub fn to_markdown(
    block: &crate::load::blocks::Block,
    placement: usize,
    level: usize,
) -> Generated {
    let mut out = Writer {
        text: String::new(),
        lines: Vec::new(),
        label: format!("baustein{placement}-"),
    };
    let mut lists: Vec<ListLevel> = Vec::new();
    for item in &block.body {
        match item {
            Item::Para(para) => {
                if is_tags_only(para) {
                    let line = para.text();
                    out.push(line.trim(), Some(para));
                    out.push("\n", Some(para));
                    continue;
                }
                let inline = inline_markdown(&para.inlines, &out.label);
                match para.kind {
                    ParaKind::ListItem {
                        level: word_level,
                        numbered,
                        number,
                    } => {
                        while lists.last().is_some_and(|l| {
                            l.level > word_level
                                || (l.level == word_level && l.numbered != numbered)
                        }) {
                            lists.pop();
                        }
                        if lists.last().is_some_and(|l| l.level == word_level) {
                            lists.pop();
                        }
                        let indent = lists.last().map_or(0, |l| l.indent);
                        let marker = if numbered {
                            format!("{number}. ")
                        } else {
                            "- ".to_string()
                        };
                        let line = format!("{}{marker}{inline}\n", " ".repeat(indent));
                        out.push(&line, Some(para));
                        lists.push(ListLevel {
                            level: word_level,
                            numbered,
                            indent: indent + marker.chars().count(),
                        });
                    }
                    kind => {
                        if !lists.is_empty() {
                            lists.clear();
                            out.push("\n", None);
                        }
                        if inline.is_empty() {
                            continue;
                        }
                        let line = match kind {
                            ParaKind::Heading(heading) => {
                                let depth = (usize::from(heading) + level).clamp(1, 6);
                                format!("{} {inline}\n\n", "#".repeat(depth))
                            }
                            _ => format!("{inline}\n\n"),
                        };
                        out.push(&line, Some(para));
                    }
                }
            }
            Item::Table(table) => {
                if !lists.is_empty() {
                    lists.clear();
                    out.push("\n", None);
                }
                write_table(&mut out, table);
            }
        }
    }
    if !lists.is_empty() {
        out.push("\n", None);
    }
    for (key, paras) in &block.notes {
        let referenced = out.text.contains(&format!("[^{}{key}]", out.label));
        if !referenced {
            continue;
        }
        for (index, para) in paras.iter().enumerate() {
            let inline = inline_markdown(&para.inlines, &out.label);
            let inline = inline.trim();
            let line = if index == 0 {
                format!("[^{}{key}]: {inline}\n", out.label)
            } else if inline.is_empty() {
                continue;
            } else {
                format!("\n    {inline}\n")
            };
            out.push(&line, Some(para));
        }
        out.push("\n", None);
    }
    while out.text.ends_with("\n\n") {
        out.text.pop();
        out.lines.pop();
    }
    Generated {
        text: out.text,
        lines: out.lines,
    }
}

fn write_table(out: &mut Writer, table: &Table) {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return;
    }
    for (index, row) in table.rows.iter().enumerate() {
        let first = row.iter().flatten().next();
        let mut line = String::from("|");
        for column in 0..columns {
            let cell = row.get(column).map(Vec::as_slice).unwrap_or_default();
            let texts: Vec<String> = cell
                .iter()
                .map(|p| inline_markdown(&p.inlines, &out.label))
                .filter(|t| !t.is_empty())
                .collect();
            let _ = write!(line, " {} |", texts.join("<br>"));
        }
        line.push('\n');
        out.push(&line, first);
        if index == 0 {
            out.push(&format!("|{}\n", "---|".repeat(columns)), first);
        }
    }
    out.push("\n", None);
}

/// Whether a paragraph holds nothing but `{% … %}` and `{# … #}` tags: it is then a line of
/// its own in the template, which disappears when rendered (whatever its Word style).
fn is_tags_only(para: &Para) -> bool {
    let text = para.text();
    let tags = tag_ranges(&text);
    if tags.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut at = 0;
    for (start, end) in &tags {
        if text[*start..].starts_with("{{") {
            return false;
        }
        rest.push_str(&text[at..*start]);
        at = *end;
    }
    rest.push_str(&text[at..]);
    rest.trim().is_empty()
}

/// Byte ranges of the Jinja tags in a paragraph's text (`{{ … }}`, `{% … %}`, `{# … #}`);
/// an unclosed tag runs to the end, so minijinja reports it.
fn tag_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find('{') {
        let start = at + offset;
        let close = match text[start + 1..].chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            Some('#') => "#}",
            _ => {
                at = start + 1;
                continue;
            }
        };
        let end = text[start + 2..]
            .find(close)
            .map_or(text.len(), |i| start + 2 + i + 2);
        ranges.push((start, end));
        at = end;
    }
    ranges
}

/// One piece of a paragraph: escaped text or a raw tag, with its formatting.
enum Piece {
    Text(String, Style),
    Tag(String, Style),
    Raw(String),
}

/// The inline Markdown of a paragraph: text escaped and formatted, tags as typed (whatever
/// runs Word split them into), links and footnote references.
fn inline_markdown(inlines: &[Inline], label: &str) -> String {
    // The paragraph's text with the style of every byte, to find tags across runs.
    let mut text = String::new();
    let mut styles: Vec<Style> = Vec::new();
    // Non-text inlines, by the byte offset they stand at.
    let mut anchors: Vec<(usize, String)> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text { text: piece, style } => {
                text.push_str(piece);
                styles.extend(std::iter::repeat_n(*style, piece.len()));
            }
            Inline::Break => anchors.push((text.len(), "<br>".into())),
            Inline::Note(key) => anchors.push((text.len(), format!("[^{label}{key}]"))),
            Inline::LinkStart(url) => {
                links.push(url.clone());
                anchors.push((text.len(), "[".into()));
            }
            Inline::LinkEnd => {
                if let Some(url) = links.pop() {
                    anchors.push((text.len(), format!("]({})", link_target(&url))));
                }
            }
        }
    }
    for url in links.into_iter().rev() {
        anchors.push((text.len(), format!("]({})", link_target(&url))));
    }
    let tags = tag_ranges(&text);
    // Cut points: tag bounds and anchors; pieces between them.
    let mut pieces: Vec<Piece> = Vec::new();
    let mut at = 0;
    let mut anchor = 0;
    let flush_anchors = |upto: usize, pieces: &mut Vec<Piece>, anchor: &mut usize| {
        while *anchor < anchors.len() && anchors[*anchor].0 <= upto {
            pieces.push(Piece::Raw(anchors[*anchor].1.clone()));
            *anchor += 1;
        }
    };
    let push_text = |from: usize, to: usize, pieces: &mut Vec<Piece>, anchor: &mut usize| {
        // Text between `from` and `to`, cut at anchors and at changes of style.
        let mut start = from;
        let mut position = from;
        while position < to {
            let next_anchor = anchors
                .get(*anchor)
                .map(|a| a.0)
                .filter(|&a| a < to)
                .unwrap_or(to);
            if position == next_anchor && position > start {
                pieces.push(Piece::Text(
                    text[start..position].to_string(),
                    styles[start],
                ));
                start = position;
            }
            if position == next_anchor {
                flush_anchors(position, pieces, anchor);
            }
            let c_len = text[position..].chars().next().map_or(1, char::len_utf8);
            let next = position + c_len;
            if next < to && styles[next] != styles[start] && text.is_char_boundary(next) {
                pieces.push(Piece::Text(text[start..next].to_string(), styles[start]));
                start = next;
            }
            position = next;
        }
        if start < to {
            pieces.push(Piece::Text(text[start..to].to_string(), styles[start]));
        }
    };
    for (start, end) in &tags {
        push_text(at, *start, &mut pieces, &mut anchor);
        flush_anchors(*start, &mut pieces, &mut anchor);
        // Anchors inside a tag (a footnote in the middle of `{{ … }}`) go after it.
        let tag = text[*start..*end].to_string();
        pieces.push(Piece::Tag(tag, styles[*start]));
        at = *end;
    }
    push_text(at, text.len(), &mut pieces, &mut anchor);
    flush_anchors(usize::MAX, &mut pieces, &mut anchor);
    // Neighbouring pieces of one style share their markers.
    let mut out = String::new();
    let mut group: Vec<&Piece> = Vec::new();
    let mut group_style = Style::default();
    let flush = |group: &mut Vec<&Piece>, style: Style, out: &mut String| {
        if group.is_empty() {
            return;
        }
        let mut inner = String::new();
        for piece in group.drain(..) {
            match piece {
                Piece::Text(text, _) => inner.push_str(&escape_markdown(text)),
                Piece::Tag(tag, _) => inner.push_str(tag),
                Piece::Raw(raw) => inner.push_str(raw),
            }
        }
        wrap(&inner, style, out);
    };
    for piece in &pieces {
        let style = match piece {
            Piece::Text(_, style) | Piece::Tag(_, style) => *style,
            Piece::Raw(_) => {
                flush(&mut group, group_style, &mut out);
                out.push_str(match piece {
                    Piece::Raw(raw) => raw,
                    _ => "",
                });
                continue;
            }
        };
        if style != group_style {
            flush(&mut group, group_style, &mut out);
            group_style = style;
        }
        group.push(piece);
    }
    flush(&mut group, group_style, &mut out);
    out.trim().to_string()
}

/// Wraps text in the markers of its style, whitespace kept outside them (`** a**` would not
/// be bold in Markdown).
fn wrap(text: &str, style: Style, out: &mut String) {
    let trimmed = text.trim();
    if trimmed.is_empty() || style == Style::default() {
        out.push_str(text);
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let mut open = String::new();
    if style.strike {
        open.push_str("~~");
    }
    if style.bold {
        open.push_str("**");
    }
    if style.italic {
        open.push('*');
    }
    let close: String = open.chars().rev().collect();
    out.push_str(lead);
    out.push_str(&open);
    out.push_str(trimmed);
    out.push_str(&close);
    out.push_str(trail);
}

/// A link target as Markdown writes it: in `<…>` when it holds spaces or brackets.
fn link_target(url: &str) -> String {
    let url = url.trim();
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_string()
    }
}
