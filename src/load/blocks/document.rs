//! The text of a block: `word/document.xml` and its footnotes and endnotes, read into
//! [`Item`]s in one pass over the XML (an explicit stack, no recursion, so nesting costs no
//! native stack).
//!
//! Word's wrappers are unwrapped (inserted and moved-to text of tracked changes, content
//! controls, smart tags, custom XML); deleted and moved-from text is left out; fields keep
//! their result, and a `HYPERLINK` field becomes a link. What the tree cannot hold is flagged
//! on its paragraph and worded once the paragraph's first words are known.

use std::collections::{BTreeMap, HashMap};

use quick_xml::events::{BytesStart, Event};

use super::package::{Package, Part, xml_reader};
use super::styles::{Numbering, RunProps, Styles, attribute};
use super::{Inline, Item, MAX_XML_DEPTH, Para, ParaKind, Style, Table};
use crate::messages::blocks as messages;

/// Deepest list level Word has (0-based).
const MAX_LEVEL: u8 = 8;

/// The block's text, notes and warnings.
pub(super) struct Read {
    pub body: Vec<Item>,
    pub notes: BTreeMap<String, Vec<Para>>,
    pub warnings: Vec<String>,
}

/// Something a paragraph holds that the block cannot keep as Word shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Flag {
    Tracked,
    Comment,
    Underline,
    Raised,
    InternalLink,
    Symbol,
    TextBox,
    Shape,
    PageBreak,
    MissingNote,
    Merged,
    Flattened,
    Image,
    Object,
    Imported,
}

impl Flag {
    fn is_error(self) -> bool {
        matches!(self, Flag::Image | Flag::Object | Flag::Imported)
    }

    fn message(self, at: &str) -> String {
        match self {
            Flag::Tracked => messages::tracked_changes(at),
            Flag::Comment => messages::comments(at),
            Flag::Underline => messages::underline(at),
            Flag::Raised => messages::raised_or_lowered(at),
            Flag::InternalLink => messages::internal_link(at),
            Flag::Symbol => messages::symbol(at),
            Flag::TextBox => messages::text_box(at),
            Flag::Shape => messages::shape_without_text(at),
            Flag::PageBreak => messages::page_break(at),
            Flag::MissingNote => messages::missing_note(at),
            Flag::Merged => messages::merged_cells(at),
            Flag::Flattened => messages::flattened(at),
            Flag::Image => messages::image(at),
            Flag::Object => messages::embedded_object(at),
            Flag::Imported => messages::imported_chunk(at),
        }
    }
}

/// Reads the body and the notes of a block.
pub(super) fn read(
    package: &Package,
    styles: &Styles,
    numbering: &Numbering,
) -> Result<Read, String> {
    let mut state = State {
        styles,
        numbering,
        links: &package.links,
        note_keys: Vec::new(),
        paragraphs: 0,
        lists: HashMap::new(),
        flags_seen: Vec::new(),
        warnings: Vec::new(),
        errors: Vec::new(),
    };
    let mut notes = BTreeMap::new();
    // Notes first, so a reference to a missing note is known while the body is read; their
    // paragraphs are numbered after the body's (they are read again below for that).
    let mut note_texts = BTreeMap::new();
    for (part, prefix) in [(&package.footnotes, "f"), (&package.endnotes, "e")] {
        if let Some(part) = part {
            let mut pass = State {
                links: &package.note_links,
                ..state.fresh()
            };
            let read = pass.part(part, Some(prefix))?;
            note_texts.extend(read.notes.into_keys().map(|key| (key, ())));
        }
    }
    state.note_keys = note_texts.into_keys().collect();
    let body = state.part(&package.document, None)?.body;
    for (part, prefix) in [(&package.footnotes, "f"), (&package.endnotes, "e")] {
        if let Some(part) = part {
            let links = state.links;
            state.links = &package.note_links;
            let read = state.part(part, Some(prefix))?;
            state.links = links;
            notes.extend(read.notes);
        }
    }
    if !state.errors.is_empty() {
        return Err(state.errors.join("; "));
    }
    Ok(Read {
        body,
        notes,
        warnings: state.warnings,
    })
}

struct State<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    links: &'a BTreeMap<String, String>,
    /// The notes that exist (`f2`, `e1`), known before the body is read.
    note_keys: Vec<String>,
    /// Paragraphs numbered so far.
    paragraphs: usize,
    /// Per list (`numId`): the current number of each level.
    lists: HashMap<String, [u64; MAX_LEVEL as usize + 1]>,
    /// Warnings are given once per kind, for the first paragraph that has it.
    flags_seen: Vec<Flag>,
    warnings: Vec<String>,
    errors: Vec<String>,
}

/// Where paragraphs go.
enum Container {
    Body(Vec<Item>),
    Note(String, Vec<Para>),
    /// A table cell or a text box: plain paragraphs only.
    Nested(Vec<Para>),
}

#[derive(Default)]
struct ParaBuilder {
    number: usize,
    style: Option<String>,
    num_id: Option<String>,
    level: Option<u8>,
    outline: Option<u8>,
    inlines: Vec<Inline>,
    flags: Vec<Flag>,
    /// Paragraphs of text boxes anchored in this one, kept after it.
    after: Vec<Para>,
    /// The run being read: its own properties and character style.
    run: RunProps,
    run_style: Option<String>,
    /// Links opened by `w:hyperlink` (true if it became a link).
    hyperlinks: Vec<bool>,
}

#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<Vec<Para>>>,
    row: Vec<Vec<Para>>,
    span: usize,
    continues_merge: bool,
}

/// A complex field (`w:fldChar`): its instruction and whether its result became a link.
struct Field {
    instruction: String,
    in_result: bool,
    link: bool,
}

impl<'a> State<'a> {
    fn fresh(&self) -> State<'a> {
        State {
            styles: self.styles,
            numbering: self.numbering,
            links: self.links,
            note_keys: Vec::new(),
            paragraphs: 0,
            lists: HashMap::new(),
            flags_seen: Vec::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Reads one part: the body (`notes` is `None`), or the notes with keys `<prefix><id>`.
    fn part(&mut self, part: &Part, notes: Option<&str>) -> Result<Read, String> {
        let mut reader = xml_reader(&part.xml);
        let mut names: Vec<String> = Vec::new();
        // Elements whose whole content is left out: the depth at which skipping ends.
        let mut skip: Option<usize> = None;
        let mut containers: Vec<Container> = Vec::new();
        let mut paras: Vec<ParaBuilder> = Vec::new();
        let mut tables: Vec<TableBuilder> = Vec::new();
        let mut fields: Vec<Field> = Vec::new();
        let mut pending: Vec<Flag> = Vec::new();
        let mut body = Vec::new();
        let mut out_notes = BTreeMap::new();
        // Inside a drawing or picture: whether it held text or an image.
        let mut drawing: Option<(usize, bool, bool)> = None;
        loop {
            let event = reader
                .read_event()
                .map_err(|error| messages::damaged_part(&part.name, &error.to_string()))?;
            let (element, empty) = match event {
                Event::Start(element) => (element, false),
                Event::Empty(element) => (element, true),
                Event::End(_) => {
                    let Some(name) = names.pop() else { continue };
                    let depth = names.len();
                    if let Some(at) = skip {
                        if depth == at {
                            skip = None;
                        }
                        continue;
                    }
                    self.close(
                        &name,
                        depth,
                        &mut Closing {
                            containers: &mut containers,
                            paras: &mut paras,
                            tables: &mut tables,
                            fields: &mut fields,
                            pending: &mut pending,
                            body: &mut body,
                            notes: &mut out_notes,
                            drawing: &mut drawing,
                        },
                    );
                    continue;
                }
                Event::Text(text) => {
                    if skip.is_none() {
                        let text = text.xml10_content();
                        self.text(&names, &text, &mut paras, &mut fields);
                    }
                    continue;
                }
                Event::CData(text) => {
                    if skip.is_none() {
                        let text = text.to_string();
                        self.text(&names, &text, &mut paras, &mut fields);
                    }
                    continue;
                }
                Event::GeneralRef(reference) => {
                    if skip.is_none() {
                        let name = reference.to_string();
                        let text = match reference.resolve_char_ref() {
                            Ok(Some(c)) => c.to_string(),
                            _ => match name.as_str() {
                                "lt" => "<".into(),
                                "gt" => ">".into(),
                                "amp" => "&".into(),
                                "quot" => "\"".into(),
                                "apos" => "'".into(),
                                _ => {
                                    return Err(messages::damaged_part(
                                        &part.name,
                                        &format!("&{name};"),
                                    ));
                                }
                            },
                        };
                        self.text(&names, &text, &mut paras, &mut fields);
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let name = element.local_name().as_ref().to_string();
            let depth = names.len();
            if depth >= MAX_XML_DEPTH {
                return Err(messages::too_deep(&part.name, MAX_XML_DEPTH));
            }
            if skip.is_none() {
                let skipped = self.open(
                    &element,
                    &name,
                    &names,
                    notes,
                    &mut Opening {
                        containers: &mut containers,
                        paras: &mut paras,
                        tables: &mut tables,
                        fields: &mut fields,
                        pending: &mut pending,
                        drawing: &mut drawing,
                        depth,
                    },
                );
                if skipped && !empty {
                    skip = Some(depth);
                }
            }
            if empty {
                if skip.is_none() {
                    self.close(
                        &name,
                        depth,
                        &mut Closing {
                            containers: &mut containers,
                            paras: &mut paras,
                            tables: &mut tables,
                            fields: &mut fields,
                            pending: &mut pending,
                            body: &mut body,
                            notes: &mut out_notes,
                            drawing: &mut drawing,
                        },
                    );
                }
            } else {
                names.push(name);
            }
        }
        Ok(Read {
            body,
            notes: out_notes,
            warnings: Vec::new(),
        })
    }

    /// An opening tag; returns whether its content is to be left out.
    fn open(
        &mut self,
        element: &BytesStart<'_>,
        name: &str,
        names: &[String],
        notes: Option<&str>,
        at: &mut Opening<'_>,
    ) -> bool {
        let parent = names.last().map(String::as_str).unwrap_or_default();
        let in_ppr = names.iter().any(|n| n == "pPr");
        let in_rpr = parent == "rPr";
        let flag = |at: &mut Opening<'_>, flag: Flag| match at.paras.last_mut() {
            Some(para) => para.flags.push(flag),
            None => at.pending.push(flag),
        };
        if in_ppr {
            let Some(para) = at.paras.last_mut() else {
                return false;
            };
            match name {
                "pStyle" => para.style = attribute(element, "val"),
                "ilvl" if parent == "numPr" => {
                    para.level = attribute(element, "val").and_then(|v| v.parse().ok())
                }
                "numId" if parent == "numPr" => para.num_id = attribute(element, "val"),
                "outlineLvl" => {
                    para.outline = attribute(element, "val").and_then(|v| v.parse().ok())
                }
                "pPrChange" => {
                    para.flags.push(Flag::Tracked);
                    return true;
                }
                // The paragraph mark's formatting and the section: not text.
                "rPr" | "sectPr" => return true,
                _ => {}
            }
            return false;
        }
        if in_rpr {
            if let Some(para) = at.paras.last_mut() {
                match name {
                    "rStyle" => para.run_style = attribute(element, "val"),
                    "rPrChange" => {
                        para.flags.push(Flag::Tracked);
                        return true;
                    }
                    _ => para.run.apply(element),
                }
            }
            return false;
        }
        match name {
            "body" => at.containers.push(Container::Body(Vec::new())),
            "footnote" | "endnote" => {
                let kind = attribute(element, "type").unwrap_or_default();
                if notes.is_none() || !(kind.is_empty() || kind == "normal") {
                    return true;
                }
                let id = attribute(element, "id").unwrap_or_default();
                let prefix = notes.unwrap_or_default();
                at.containers
                    .push(Container::Note(format!("{prefix}{id}"), Vec::new()));
            }
            "p" => {
                if at.containers.is_empty() {
                    return true;
                }
                self.paragraphs += 1;
                let mut para = ParaBuilder {
                    number: self.paragraphs,
                    ..ParaBuilder::default()
                };
                para.flags.append(at.pending);
                at.paras.push(para);
            }
            "r" => {
                if let Some(para) = at.paras.last_mut() {
                    para.run = RunProps::default();
                    para.run_style = None;
                }
            }
            "tab" | "ptab" => push_text(at.paras, " ", self.styles),
            "br" => {
                let kind = attribute(element, "type").unwrap_or_default();
                if kind == "page" || kind == "column" {
                    flag(at, Flag::PageBreak);
                }
                if let Some(para) = at.paras.last_mut() {
                    para.inlines.push(Inline::Break);
                }
            }
            "cr" => {
                if let Some(para) = at.paras.last_mut() {
                    para.inlines.push(Inline::Break);
                }
            }
            "noBreakHyphen" => push_text(at.paras, "\u{2011}", self.styles),
            "softHyphen" => push_text(at.paras, "\u{00AD}", self.styles),
            "sym" => flag(at, Flag::Symbol),
            "footnoteReference" | "endnoteReference" => {
                let prefix = if name == "footnoteReference" {
                    "f"
                } else {
                    "e"
                };
                let key = format!("{prefix}{}", attribute(element, "id").unwrap_or_default());
                if notes.is_some() {
                    // A note inside a note: Word does not allow it; keep nothing.
                } else if self.note_keys.contains(&key) {
                    if let Some(para) = at.paras.last_mut() {
                        para.inlines.push(Inline::Note(key));
                    }
                } else {
                    flag(at, Flag::MissingNote);
                }
            }
            "hyperlink" => {
                let target = attribute(element, "id").and_then(|id| self.links.get(&id));
                let opened = match target {
                    Some(url) => {
                        if let Some(para) = at.paras.last_mut() {
                            para.inlines.push(Inline::LinkStart(url.clone()));
                        }
                        true
                    }
                    None => {
                        if attribute(element, "anchor").is_some() {
                            flag(at, Flag::InternalLink);
                        }
                        false
                    }
                };
                if let Some(para) = at.paras.last_mut() {
                    para.hyperlinks.push(opened);
                }
            }
            "fldSimple" => {
                let instruction = attribute(element, "instr").unwrap_or_default();
                let link = hyperlink_target(&instruction);
                let opened = link.is_some();
                if let (Some(url), Some(para)) = (link, at.paras.last_mut()) {
                    para.inlines.push(Inline::LinkStart(url));
                }
                at.fields.push(Field {
                    instruction,
                    in_result: true,
                    link: opened,
                });
            }
            "fldChar" => match attribute(element, "fldCharType").as_deref() {
                Some("begin") => at.fields.push(Field {
                    instruction: String::new(),
                    in_result: false,
                    link: false,
                }),
                Some("separate") => {
                    if let Some(field) = at.fields.last_mut() {
                        field.in_result = true;
                        if let Some(url) = hyperlink_target(&field.instruction) {
                            if let Some(para) = at.paras.last_mut() {
                                para.inlines.push(Inline::LinkStart(url));
                                field.link = true;
                            }
                        }
                    }
                }
                Some("end") => {
                    if let Some(field) = at.fields.pop() {
                        if field.link {
                            if let Some(para) = at.paras.last_mut() {
                                para.inlines.push(Inline::LinkEnd);
                            }
                        }
                    }
                }
                _ => {}
            },
            "ins" | "moveTo" => flag(at, Flag::Tracked),
            "del" | "moveFrom" => {
                flag(at, Flag::Tracked);
                return true;
            }
            "commentRangeStart" | "commentReference" => flag(at, Flag::Comment),
            // Properties and alternatives that hold no text of their own.
            "sdtPr" | "sdtEndPr" | "smartTagPr" | "customXmlPr" | "tblPr" | "tblGrid"
            | "sectPr" | "Fallback" | "tblPrEx" => return true,
            "trPr" => {}
            "tblHeader" => {}
            "tbl" => at.tables.push(TableBuilder::default()),
            "tr" => {
                if let Some(table) = at.tables.last_mut() {
                    table.row = Vec::new();
                }
            }
            "tc" => {
                if let Some(table) = at.tables.last_mut() {
                    table.span = 1;
                    table.continues_merge = false;
                }
                at.containers.push(Container::Nested(Vec::new()));
            }
            "gridSpan" => {
                if let Some(table) = at.tables.last_mut() {
                    table.span = attribute(element, "val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                    if table.span > 1 {
                        at.pending.push(Flag::Merged);
                    }
                }
            }
            "vMerge" => {
                if let Some(table) = at.tables.last_mut() {
                    let value = attribute(element, "val").unwrap_or_default();
                    table.continues_merge = value != "restart";
                    at.pending.push(Flag::Merged);
                }
            }
            "drawing" | "pict" if at.drawing.is_none() => {
                *at.drawing = Some((at.depth, false, false));
            }
            "blip" | "imagedata" => {
                if let Some(drawing) = at.drawing.as_mut() {
                    drawing.2 = true;
                }
                flag(at, Flag::Image);
            }
            "txbxContent" => {
                if let Some(drawing) = at.drawing.as_mut() {
                    drawing.1 = true;
                }
                flag(at, Flag::TextBox);
                at.containers.push(Container::Nested(Vec::new()));
            }
            "object" | "oMath" | "oMathPara" => {
                flag(at, Flag::Object);
                return true;
            }
            "altChunk" => {
                flag(at, Flag::Imported);
                return true;
            }
            _ => {}
        }
        false
    }

    fn close(&mut self, name: &str, depth: usize, at: &mut Closing<'_>) {
        match name {
            "p" => {
                let Some(builder) = at.paras.pop() else {
                    return;
                };
                let (para, after) = self.finish(builder, at.containers);
                if let Some(container) = at.containers.last_mut() {
                    match container {
                        Container::Body(items) => {
                            items.push(Item::Para(para));
                            items.extend(after.into_iter().map(Item::Para));
                        }
                        Container::Note(_, paras) | Container::Nested(paras) => {
                            paras.push(para);
                            paras.extend(after);
                        }
                    }
                }
            }
            "hyperlink" => {
                if let Some(para) = at.paras.last_mut() {
                    if para.hyperlinks.pop() == Some(true) {
                        para.inlines.push(Inline::LinkEnd);
                    }
                }
            }
            "fldSimple" => {
                if let Some(field) = at.fields.pop() {
                    if field.link {
                        if let Some(para) = at.paras.last_mut() {
                            para.inlines.push(Inline::LinkEnd);
                        }
                    }
                }
            }
            "tc" => {
                let paras = match at.containers.pop() {
                    Some(Container::Nested(paras)) => paras,
                    Some(other) => {
                        at.containers.push(other);
                        return;
                    }
                    None => return,
                };
                if let Some(table) = at.tables.last_mut() {
                    table.row.push(if table.continues_merge {
                        Vec::new()
                    } else {
                        paras
                    });
                    for _ in 1..table.span {
                        table.row.push(Vec::new());
                    }
                }
            }
            "tr" => {
                if let Some(table) = at.tables.last_mut() {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            "tbl" => {
                let Some(table) = at.tables.pop() else {
                    return;
                };
                match at.containers.last_mut() {
                    Some(Container::Body(items)) => {
                        items.push(Item::Table(Table { rows: table.rows }))
                    }
                    // A table in a cell, a text box or a note: its paragraphs, in order.
                    Some(Container::Note(_, paras) | Container::Nested(paras)) => {
                        let mut cells = table.rows.into_iter().flatten().flatten();
                        if let Some(mut first) = cells.next() {
                            self.once(Flag::Flattened, &first);
                            first.kind = ParaKind::Normal;
                            paras.push(first);
                        }
                        paras.extend(cells.map(|mut p| {
                            p.kind = ParaKind::Normal;
                            p
                        }));
                    }
                    None => {}
                }
            }
            "txbxContent" => {
                if let Some(Container::Nested(inner)) = at.containers.pop() {
                    if let Some(para) = at.paras.last_mut() {
                        para.after.extend(inner);
                    }
                }
            }
            "drawing" | "pict" => {
                if let Some((start, text, image)) = *at.drawing {
                    if start == depth {
                        *at.drawing = None;
                        if !text && !image {
                            match at.paras.last_mut() {
                                Some(para) => para.flags.push(Flag::Shape),
                                None => at.pending.push(Flag::Shape),
                            }
                        }
                    }
                }
            }
            "body" => {
                if let Some(Container::Body(items)) = at.containers.pop() {
                    *at.body = items;
                }
            }
            "footnote" | "endnote" => {
                if let Some(Container::Note(key, paras)) = at.containers.pop() {
                    at.notes.insert(key, paras);
                }
            }
            _ => {}
        }
    }

    /// Text inside `w:t` (or a field's `w:instrText`).
    fn text(
        &mut self,
        names: &[String],
        text: &str,
        paras: &mut [ParaBuilder],
        fields: &mut [Field],
    ) {
        match names.last().map(String::as_str) {
            Some("t") => {
                // Inside a field's instruction, text is not shown.
                if fields.last().is_some_and(|field| !field.in_result) {
                    return;
                }
                push_text(paras, text, self.styles);
            }
            Some("instrText") => {
                if let Some(field) = fields.last_mut() {
                    if !field.in_result {
                        field.instruction.push_str(text);
                    }
                }
            }
            _ => {}
        }
    }

    /// A finished paragraph, its kind decided, and the text-box paragraphs that follow it.
    fn finish(&mut self, builder: ParaBuilder, containers: &[Container]) -> (Para, Vec<Para>) {
        let nested = !matches!(containers.last(), Some(Container::Body(_)));
        let mut para = Para {
            number: builder.number,
            kind: ParaKind::Normal,
            inlines: merge(builder.inlines),
        };
        let heading = self
            .styles
            .heading_level(builder.style.as_deref())
            .or(builder.outline.filter(|&o| o < 9).map(|o| o + 1));
        let list = match &builder.num_id {
            Some(id) => Some((id.clone(), builder.level)),
            None => self.styles.numbering(builder.style.as_deref()),
        };
        let mut flags = builder.flags;
        if let Some(level) = heading {
            para.kind = ParaKind::Heading(level);
            // A heading's weight is its style's in the briefing, not Word's.
            for inline in &mut para.inlines {
                if let Inline::Text { style, .. } = inline {
                    style.bold = false;
                }
            }
        } else if let Some((num_id, level)) = list {
            let level = level.unwrap_or(0).min(MAX_LEVEL);
            if let Some((numbered, start)) = self.numbering.level(&num_id, level) {
                let counters = self
                    .lists
                    .entry(num_id)
                    .or_insert([0; MAX_LEVEL as usize + 1]);
                let index = usize::from(level);
                counters[index] = if counters[index] == 0 {
                    start
                } else {
                    counters[index] + 1
                };
                for deeper in counters.iter_mut().skip(index + 1) {
                    *deeper = 0;
                }
                para.kind = ParaKind::ListItem {
                    level,
                    numbered,
                    number: counters[index],
                };
            }
        }
        if nested && para.kind != ParaKind::Normal {
            para.kind = ParaKind::Normal;
            flags.push(Flag::Flattened);
        }
        flags.sort();
        flags.dedup();
        for flag in flags {
            if flag.is_error() {
                let at = messages::at_paragraph(para.number, &para.first_words());
                self.errors.push(flag.message(&at));
            } else {
                self.once(flag, &para);
            }
        }
        (para, builder.after)
    }

    /// Gives a warning once per kind, naming the first paragraph that has it.
    fn once(&mut self, flag: Flag, para: &Para) {
        if !self.flags_seen.contains(&flag) {
            self.flags_seen.push(flag);
            let at = messages::at_paragraph(para.number, &para.first_words());
            self.warnings.push(flag.message(&at));
        }
    }
}

struct Opening<'b> {
    containers: &'b mut Vec<Container>,
    paras: &'b mut Vec<ParaBuilder>,
    tables: &'b mut Vec<TableBuilder>,
    fields: &'b mut Vec<Field>,
    pending: &'b mut Vec<Flag>,
    drawing: &'b mut Option<(usize, bool, bool)>,
    depth: usize,
}

struct Closing<'b> {
    containers: &'b mut Vec<Container>,
    paras: &'b mut Vec<ParaBuilder>,
    tables: &'b mut Vec<TableBuilder>,
    fields: &'b mut Vec<Field>,
    pending: &'b mut Vec<Flag>,
    body: &'b mut Vec<Item>,
    notes: &'b mut BTreeMap<String, Vec<Para>>,
    drawing: &'b mut Option<(usize, bool, bool)>,
}

/// Adds text in the current run's formatting to the innermost paragraph.
fn push_text(paras: &mut [ParaBuilder], text: &str, styles: &Styles) {
    let Some(para) = paras.last_mut() else {
        return;
    };
    let character = para
        .run_style
        .as_deref()
        .map(|id| styles.character(id))
        .unwrap_or_default();
    let props = para
        .run
        .over(character)
        .over(styles.run(para.style.as_deref()));
    // Links are underlined by their character style; that underline is the link's.
    let in_link = para.hyperlinks.contains(&true)
        || para
            .run_style
            .as_deref()
            .is_some_and(|id| id.to_lowercase().contains("link"));
    if props.underline == Some(true) && !in_link && !text.trim().is_empty() {
        para.flags.push(Flag::Underline);
    }
    if props.raised == Some(true) && !text.trim().is_empty() {
        para.flags.push(Flag::Raised);
    }
    let style = Style {
        bold: props.bold == Some(true),
        italic: props.italic == Some(true),
        strike: props.strike == Some(true),
    };
    para.inlines.push(Inline::Text {
        text: text.to_string(),
        style,
    });
}

/// Neighbouring texts of the same formatting as one.
fn merge(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        if let (
            Some(Inline::Text {
                text: last,
                style: last_style,
            }),
            Inline::Text { text, style },
        ) = (out.last_mut(), &inline)
        {
            if last_style == style {
                last.push_str(text);
                continue;
            }
        }
        out.push(inline);
    }
    out
}

/// The target of a `HYPERLINK "url"` field instruction (switches such as `\l` for a
/// bookmark give no external link).
fn hyperlink_target(instruction: &str) -> Option<String> {
    let rest = instruction.trim_start();
    let rest = rest
        .strip_prefix("HYPERLINK")
        .or_else(|| rest.strip_prefix("hyperlink"))?;
    let rest = rest.trim_start();
    if rest.starts_with("\\l") {
        return None;
    }
    let target = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().unwrap_or_default(),
        None => rest.split_whitespace().next().unwrap_or_default(),
    };
    (!target.is_empty()).then(|| target.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_fields_give_their_target() {
        assert_eq!(
            hyperlink_target(r#" HYPERLINK "https://www.fitko.de/" \o "Tipp" "#).as_deref(),
            Some("https://www.fitko.de/")
        );
        assert_eq!(
            hyperlink_target("HYPERLINK mailto:it-plr@fitko.de").as_deref(),
            Some("mailto:it-plr@fitko.de")
        );
        assert_eq!(hyperlink_target(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(hyperlink_target("PAGE"), None);
    }
}
