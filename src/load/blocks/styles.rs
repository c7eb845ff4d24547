//! What a block's styles and numbering parts say about its paragraphs: which paragraph style
//! is a heading (by name, "heading 1" in every UI language, or by outline level, through
//! `basedOn`), which style carries a list (`numPr`), which character style is bold or italic,
//! and for each list level whether it is numbered and where it starts.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};

use super::MAX_XML_DEPTH;
use super::package::{Part, xml_reader};
use crate::messages::blocks as messages;

/// How many `basedOn` steps are followed (Word's own chains are short; a loop ends here).
const MAX_BASED_ON: usize = 16;

/// A run property as a style or a run sets it: on, off or not said.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub strike: Option<bool>,
    pub underline: Option<bool>,
    pub raised: Option<bool>,
}

impl RunProps {
    /// Reads one child of `w:rPr`.
    pub(super) fn apply(&mut self, element: &BytesStart<'_>) {
        let name = element.local_name();
        match name.as_ref() {
            "b" => self.bold = Some(on(element)),
            "i" => self.italic = Some(on(element)),
            "strike" | "dstrike" => self.strike = Some(on(element)),
            "u" => {
                let value = attribute(element, "val");
                self.underline = Some(value.as_deref().is_none_or(|v| v != "none"));
            }
            "vertAlign" => {
                let value = attribute(element, "val");
                self.raised = Some(value.as_deref().is_some_and(|v| v != "baseline"));
            }
            _ => {}
        }
    }

    /// `self` where set, else `base`.
    pub(super) fn over(self, base: RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            strike: self.strike.or(base.strike),
            underline: self.underline.or(base.underline),
            raised: self.raised.or(base.raised),
        }
    }
}

/// An on/off property: on unless `w:val` says `0`, `false` or `off`.
fn on(element: &BytesStart<'_>) -> bool {
    attribute(element, "val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "off"))
}

/// An attribute by local name (`w:val` and Strict's namespaced forms alike).
pub(super) fn attribute(element: &BytesStart<'_>, key: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

#[derive(Debug, Clone, Default)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, Option<u8>)>,
    run: RunProps,
}

/// The styles of a block.
#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, StyleDef>,
    default_paragraph: Option<String>,
}

impl Styles {
    /// Reads the styles part.
    pub(super) fn parse(part: &Part) -> Result<Styles, String> {
        let mut styles = Styles::default();
        let mut current: Option<(String, StyleDef)> = None;
        let mut in_rpr = false;
        let mut in_ppr = false;
        let mut in_numpr = false;
        walk(part, |event, stack| {
            match event {
                Walk::Open(element) => {
                    let name = element.local_name();
                    match name.as_ref() {
                        "style" => {
                            let id = attribute(element, "styleId").unwrap_or_default();
                            let is_default = attribute(element, "default")
                                .is_some_and(|v| v == "1" || v == "true");
                            let is_paragraph =
                                attribute(element, "type").is_none_or(|v| v == "paragraph");
                            if is_default && is_paragraph {
                                styles.default_paragraph = Some(id.clone());
                            }
                            current = Some((id, StyleDef::default()));
                        }
                        _ if current.is_none() => {}
                        "name" if stack == 2 => {
                            if let Some((_, def)) = &mut current {
                                def.name = attribute(element, "val").unwrap_or_default();
                            }
                        }
                        "basedOn" if stack == 2 => {
                            if let Some((_, def)) = &mut current {
                                def.based_on = attribute(element, "val");
                            }
                        }
                        "pPr" if stack == 2 => in_ppr = true,
                        "rPr" if stack == 2 => in_rpr = true,
                        "numPr" if in_ppr => in_numpr = true,
                        "outlineLvl" if in_ppr => {
                            if let Some((_, def)) = &mut current {
                                def.outline =
                                    attribute(element, "val").and_then(|v| v.parse().ok());
                            }
                        }
                        "numId" if in_numpr => {
                            if let Some((_, def)) = &mut current {
                                let level = def.num.as_ref().and_then(|n| n.1);
                                def.num = attribute(element, "val").map(|id| (id, level));
                            }
                        }
                        "ilvl" if in_numpr => {
                            if let Some((_, def)) = &mut current {
                                let level = attribute(element, "val").and_then(|v| v.parse().ok());
                                let id = def.num.take().map(|n| n.0).unwrap_or_default();
                                def.num = Some((id, level));
                            }
                        }
                        _ if in_rpr && stack == 3 => {
                            if let Some((_, def)) = &mut current {
                                def.run.apply(element);
                            }
                        }
                        _ => {}
                    }
                }
                Walk::Close(name) => match name {
                    "style" => {
                        if let Some((id, def)) = current.take() {
                            styles.by_id.insert(id, def);
                        }
                    }
                    "pPr" if stack == 2 => in_ppr = false,
                    "rPr" if stack == 2 => in_rpr = false,
                    "numPr" => in_numpr = false,
                    _ => {}
                },
            }
            Ok(())
        })?;
        Ok(styles)
    }

    /// The chain of a style and the styles it is based on, nearest first.
    fn chain(&self, id: Option<&str>) -> Vec<&StyleDef> {
        let mut out = Vec::new();
        let mut next = id.or(self.default_paragraph.as_deref());
        while let Some(id) = next {
            if out.len() >= MAX_BASED_ON {
                break;
            }
            let Some(def) = self.by_id.get(id) else {
                break;
            };
            out.push(def);
            next = def.based_on.as_deref();
        }
        out
    }

    /// The heading level (1 to 9) of a paragraph style, by its name ("heading 1", which
    /// German Word keeps as the name of "Überschrift 1") or its outline level.
    pub(super) fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        for def in self.chain(id) {
            let name = def.name.to_lowercase();
            if let Some(number) = name.strip_prefix("heading ") {
                if let Ok(level @ 1..=9) = number.trim().parse::<u8>() {
                    return Some(level);
                }
            }
            if name == "title" {
                return Some(1);
            }
            if let Some(outline) = def.outline {
                return (outline < 9).then_some(outline + 1);
            }
        }
        None
    }

    /// The list (`numId`, level) a paragraph style carries, if any.
    pub(super) fn numbering(&self, id: Option<&str>) -> Option<(String, Option<u8>)> {
        self.chain(id).into_iter().find_map(|def| def.num.clone())
    }

    /// The run properties a paragraph or character style gives its text.
    pub(super) fn run(&self, id: Option<&str>) -> RunProps {
        self.chain(id)
            .into_iter()
            .fold(RunProps::default(), |props, def| props.over(def.run))
    }

    /// The run properties of a character style (without the default paragraph style).
    pub(super) fn character(&self, id: &str) -> RunProps {
        self.chain(Some(id))
            .into_iter()
            .fold(RunProps::default(), |props, def| props.over(def.run))
    }
}

#[derive(Debug, Clone, Default)]
struct Level {
    bullet: bool,
    start: u64,
}

/// The numbering definitions of a block.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// `numId` to (`abstractNumId`, start overrides per level).
    nums: HashMap<String, (String, HashMap<u8, u64>)>,
    /// `abstractNumId` to its levels.
    abstracts: HashMap<String, HashMap<u8, Level>>,
}

impl Numbering {
    /// Reads the numbering part.
    pub(super) fn parse(part: &Part) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut num: Option<(String, String, HashMap<u8, u64>)> = None;
        let mut level: Option<(u8, Level)> = None;
        let mut override_level: Option<u8> = None;
        walk(part, |event, _| {
            match event {
                Walk::Open(element) => match element.local_name().as_ref() {
                    "abstractNum" => abstract_id = attribute(element, "abstractNumId"),
                    "num" => {
                        num = Some((
                            attribute(element, "numId").unwrap_or_default(),
                            String::new(),
                            HashMap::new(),
                        ))
                    }
                    "abstractNumId" => {
                        if let Some(num) = &mut num {
                            num.1 = attribute(element, "val").unwrap_or_default();
                        }
                    }
                    "lvlOverride" => {
                        override_level = attribute(element, "ilvl").and_then(|v| v.parse().ok())
                    }
                    "startOverride" => {
                        if let (Some(num), Some(at)) = (&mut num, override_level) {
                            let start = attribute(element, "val").and_then(|v| v.parse().ok());
                            num.2.insert(at, start.unwrap_or(1));
                        }
                    }
                    "lvl" if abstract_id.is_some() => {
                        let at = attribute(element, "ilvl").and_then(|v| v.parse().ok());
                        level = at.map(|at| {
                            (
                                at,
                                Level {
                                    bullet: false,
                                    start: 1,
                                },
                            )
                        });
                    }
                    "numFmt" => {
                        if let Some((_, def)) = &mut level {
                            let format = attribute(element, "val").unwrap_or_default();
                            def.bullet = matches!(format.as_str(), "bullet" | "none");
                        }
                    }
                    "start" => {
                        if let Some((_, def)) = &mut level {
                            def.start = attribute(element, "val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(1);
                        }
                    }
                    _ => {}
                },
                Walk::Close(name) => match name {
                    "lvl" => {
                        if let (Some(id), Some((at, def))) = (&abstract_id, level.take()) {
                            numbering
                                .abstracts
                                .entry(id.clone())
                                .or_default()
                                .insert(at, def);
                        }
                    }
                    "abstractNum" => abstract_id = None,
                    "num" => {
                        if let Some((id, abstract_id, overrides)) = num.take() {
                            numbering.nums.insert(id, (abstract_id, overrides));
                        }
                    }
                    "lvlOverride" => override_level = None,
                    _ => {}
                },
            }
            Ok(())
        })?;
        Ok(numbering)
    }

    /// Whether level `level` of list `num_id` is numbered, and its start value. A list Word
    /// cannot find (numId 0 means "no list") gives `None`; a level it does not define is
    /// bulleted.
    pub(super) fn level(&self, num_id: &str, level: u8) -> Option<(bool, u64)> {
        if num_id == "0" {
            return None;
        }
        let (abstract_id, overrides) = self.nums.get(num_id)?;
        let def = self
            .abstracts
            .get(abstract_id)
            .and_then(|levels| levels.get(&level));
        let numbered = def.is_some_and(|d| !d.bullet);
        let start = overrides
            .get(&level)
            .copied()
            .or(def.map(|d| d.start))
            .unwrap_or(1);
        Some((numbered, start))
    }
}

/// One step of [`walk`].
enum Walk<'a, 'b> {
    Open(&'a BytesStart<'b>),
    Close(&'a str),
}

/// Walks a part's elements (empty ones as an open and a close), with the depth of the element
/// (the root is 0); refuses damaged XML and nesting beyond [`MAX_XML_DEPTH`].
fn walk(
    part: &Part,
    mut visit: impl FnMut(Walk<'_, '_>, usize) -> Result<(), String>,
) -> Result<(), String> {
    let mut reader = xml_reader(&part.xml);
    let mut stack: Vec<String> = Vec::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|error| messages::damaged_part(&part.name, &error.to_string()))?;
        match event {
            Event::Start(element) => {
                if stack.len() >= MAX_XML_DEPTH {
                    return Err(messages::too_deep(&part.name, MAX_XML_DEPTH));
                }
                visit(Walk::Open(&element), stack.len())?;
                stack.push(element.local_name().as_ref().to_string());
            }
            Event::Empty(element) => {
                visit(Walk::Open(&element), stack.len())?;
                visit(Walk::Close(element.local_name().as_ref()), stack.len())?;
            }
            Event::End(_) => {
                if let Some(name) = stack.pop() {
                    visit(Walk::Close(&name), stack.len())?;
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}
