//! Corporate design: the styles, theme and font table of a reference document (the way
//! pandoc's `--reference-doc` works) and an optional PNG logo for the page header.
//!
//! What it is: a parser of bytes the caller has read (`templates/referenz.docx`,
//! `templates/logo.png`); it never touches the file system. A reference's `word/styles.xml`
//! replaces the built-in styles; the styles the writer uses are looked up there by their
//! built-in name (`heading 1`, `Title`, ...: Word keeps these names in every UI language,
//! while German Word saves ids such as `berschrift1`), so the document refers to the
//! reference's own style ids. Styles the writer needs and the reference lacks are added from
//! the built-in set. Its theme and font table are taken over when present (and when they do
//! not point at further parts such as embedded fonts, which the writer does not copy).
//!
//! What it is not: a copier of anything else in the reference (its text, headers, numbering
//! and section layout are ignored).

use std::collections::BTreeSet;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::error::DocxError;
use super::ooxml::{BUILTIN_STYLES, BuiltinStyle, FONT_TABLE, NS_W, STYLES, StyleMap, THEME};
use crate::messages::documents as messages;

/// Parts larger than this are refused (a reference document's styles are a few hundred KB).
const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;

/// Table font sizes taken from a reference (half-points): 7 to 14 pt; outside, the built-in
/// size is used.
const MIN_TABLE_HALF_POINTS: u32 = 14;
const MAX_TABLE_HALF_POINTS: u32 = 28;

/// What the writer takes from a reference document.
#[derive(Debug, Clone)]
pub(crate) struct Reference {
    /// The reference's `word/styles.xml`, verified to be a `w:styles` part.
    pub(crate) styles_xml: String,
    /// Its theme, unless it points at further parts.
    pub(crate) theme: Option<Vec<u8>>,
    /// Its font table, unless it points at further parts (embedded fonts).
    pub(crate) font_table: Option<Vec<u8>>,
    /// Built-in style id -> the reference's id for it.
    pub(crate) map: StyleMap,
    /// Built-in style ids the reference lacks (added from the built-in set).
    pub(crate) missing: BTreeSet<&'static str>,
    /// Style types (`paragraph`, `table`, ...) for which the reference has a default style.
    pub(crate) defaults: BTreeSet<String>,
    /// The font size of its table style ("Table Grid"), in half-points, if it sets one:
    /// every table of a document is set in it.
    pub(crate) table_half_points: Option<u32>,
}

/// A PNG for the page header, with its size in pixels (from the IHDR chunk).
#[derive(Debug, Clone)]
pub(crate) struct Logo {
    pub(crate) png: Vec<u8>,
    pub(crate) width_px: u32,
    pub(crate) height_px: u32,
}

/// Height of the logo in the page header, in EMU (1 cm = 360000 EMU), and its widest width.
const LOGO_HEIGHT_EMU: u64 = 432_000;
const LOGO_MAX_WIDTH_EMU: u64 = 2_160_000;

impl Logo {
    /// Display size in EMU: 1.2 cm high (narrower if it would be wider than 6 cm), aspect
    /// ratio kept.
    pub(crate) fn extent_emu(&self) -> (u64, u64) {
        let (w, h) = (u64::from(self.width_px), u64::from(self.height_px));
        let width = LOGO_HEIGHT_EMU * w / h;
        if width > LOGO_MAX_WIDTH_EMU {
            (LOGO_MAX_WIDTH_EMU, LOGO_MAX_WIDTH_EMU * h / w)
        } else {
            (width, LOGO_HEIGHT_EMU)
        }
    }
}

impl Reference {
    /// What the writer takes from a reference document (`templates/referenz.docx`): its
    /// styles, theme and font table. Fails with a plain message when the bytes are not a Word
    /// document with a readable `word/styles.xml`.
    pub(crate) fn parse(docx: &[u8]) -> Result<Reference, DocxError> {
        let reference_error = |message: String| DocxError::Reference(message);
        let mut zip = zip::ZipArchive::new(Cursor::new(docx))
            .map_err(|_| reference_error(messages::REFERENCE_NOT_DOCX.into()))?;
        let styles_xml = read_part(&mut zip, STYLES)?
            .ok_or_else(|| reference_error(messages::REFERENCE_WITHOUT_STYLES.into()))?;
        let styles_xml = String::from_utf8(styles_xml)
            .map_err(|_| reference_error(messages::STYLES_NOT_UTF8.into()))?;
        let found = scan_styles(&styles_xml).map_err(reference_error)?;
        let optional = |zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str| {
            // Parts that point at further parts (embedded fonts, theme pictures) would need
            // those copied too; the built-in part is used instead.
            Ok::<_, DocxError>(read_part(zip, name)?.filter(|bytes| {
                let text = String::from_utf8_lossy(bytes);
                well_formed(&text).is_ok() && !text.contains("r:id=") && !text.contains("r:embed=")
            }))
        };
        let theme = optional(&mut zip, THEME)?;
        let font_table = optional(&mut zip, FONT_TABLE)?;

        let mut map = StyleMap::default();
        let mut missing = BTreeSet::new();
        for BuiltinStyle { id, name, kind } in BUILTIN_STYLES {
            let by_name = found
                .styles
                .iter()
                .find(|s| s.kind == kind && s.name.eq_ignore_ascii_case(name));
            let by_id = found.styles.iter().find(|s| s.kind == kind && s.id == id);
            match by_name.or(by_id) {
                Some(s) if s.id != id => {
                    map.insert(id, s.id.clone());
                }
                Some(_) => {}
                None => {
                    missing.insert(id);
                }
            }
        }
        let table_half_points = found
            .styles
            .iter()
            .find(|s| {
                s.kind == "table"
                    && (s.name.eq_ignore_ascii_case("Table Grid") || s.id == "TableGrid")
            })
            .and_then(|s| s.size)
            .filter(|size| (MIN_TABLE_HALF_POINTS..=MAX_TABLE_HALF_POINTS).contains(size));
        Ok(Reference {
            styles_xml,
            table_half_points,
            theme,
            font_table,
            map,
            missing,
            defaults: found.defaults,
        })
    }
}

impl Logo {
    /// A logo for the page header (`templates/logo.png`). Fails with a plain message when
    /// the bytes are not a PNG image.
    pub(crate) fn parse(png: &[u8]) -> Result<Logo, DocxError> {
        const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
        if !png.starts_with(SIGNATURE) {
            return Err(DocxError::Logo(messages::LOGO_NOT_PNG.into()));
        }
        if png.len() < 33 || &png[12..16] != b"IHDR" {
            return Err(DocxError::Logo(messages::LOGO_INCOMPLETE.into()));
        }
        let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
        let (width_px, height_px) = (be(16), be(20));
        if width_px == 0 || height_px == 0 || width_px > 20_000 || height_px > 20_000 {
            return Err(DocxError::Logo(messages::logo_size(width_px, height_px)));
        }
        Ok(Logo {
            png: png.to_vec(),
            width_px,
            height_px,
        })
    }
}

fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, DocxError> {
    let entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(err) => {
            return Err(DocxError::Reference(messages::part_unreadable(name, err)));
        }
    };
    let mut bytes = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| DocxError::Reference(messages::part_unreadable(name, err)))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(DocxError::Reference(messages::part_too_large(
            name,
            MAX_PART_BYTES / 1024 / 1024,
        )));
    }
    Ok(Some(bytes))
}

#[derive(Debug, Default)]
struct FoundStyles {
    styles: Vec<FoundStyle>,
    defaults: BTreeSet<String>,
}

#[derive(Debug)]
struct FoundStyle {
    kind: String,
    id: String,
    name: String,
    /// The font size of its run properties (`w:rPr/w:sz`), in half-points.
    size: Option<u32>,
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// The styles of a `w:styles` part; its root must use the `w` prefix for the main namespace
/// (as Word writes it), because added styles are spliced in as text.
fn scan_styles(xml: &str) -> Result<FoundStyles, String> {
    well_formed(xml).map_err(messages::styles_not_xml)?;
    let mut reader = Reader::from_str(xml);
    let mut found = FoundStyles::default();
    let mut root_seen = false;
    let mut current: Option<FoundStyle> = None;
    // Names of the open elements below the root, for where a w:sz stands.
    let mut path: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().map_err(messages::styles_not_xml)?;
        let (e, opens) = match &event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(end) => {
                if end.name().as_ref() == "w:style" {
                    if let Some(s) = current.take() {
                        found.styles.push(s);
                    }
                }
                path.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.name().as_ref().to_string();
        if !root_seen {
            root_seen = true;
            if name != "w:styles" || attr(e, "xmlns:w").as_deref() != Some(NS_W) {
                return Err(messages::STYLES_WITHOUT_ROOT.into());
            }
            continue;
        }
        match name.as_str() {
            "w:style" => {
                if let Some(previous) = current.take() {
                    found.styles.push(previous);
                }
                let kind = attr(e, "w:type").unwrap_or_else(|| "paragraph".into());
                if attr(e, "w:default").is_some_and(|v| v == "1" || v == "true") {
                    found.defaults.insert(kind.clone());
                }
                current = Some(FoundStyle {
                    kind,
                    id: attr(e, "w:styleId").unwrap_or_default(),
                    name: String::new(),
                    size: None,
                });
            }
            "w:name" => {
                if let Some(s) = current.as_mut() {
                    s.name = attr(e, "w:val").unwrap_or_default();
                }
            }
            // Only the style's own w:rPr counts, not one of a conditional w:tblStylePr.
            "w:sz" if path.ends_with(&["w:style".to_string(), "w:rPr".to_string()]) => {
                if let Some(s) = current.as_mut() {
                    s.size = attr(e, "w:val").and_then(|v| v.parse().ok());
                }
            }
            _ => {}
        }
        if opens {
            path.push(name);
        }
    }
    if let Some(s) = current.take() {
        found.styles.push(s);
    }
    Ok(found)
}

/// Parses the whole text; the first syntax error, unbalanced tag or missing root.
fn well_formed(xml: &str) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
                for a in e.attributes() {
                    a.map_err(|err| err.to_string())?;
                }
            }
            Ok(Event::Empty(e)) => {
                if depth == 0 {
                    roots += 1;
                }
                for a in e.attributes() {
                    a.map_err(|err| err.to_string())?;
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(err) => return Err(err.to_string()),
        }
    }
    match (depth, roots) {
        (0, 1) => Ok(()),
        (0, 0) => Err(messages::NO_ROOT.into()),
        (0, _) => Err(messages::SEVERAL_ROOTS.into()),
        _ => Err(messages::UNCLOSED_ELEMENT.into()),
    }
}
