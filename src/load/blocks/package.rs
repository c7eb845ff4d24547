//! The parts of a `.docx` a block needs, found through its relationships (so Strict Open XML
//! and unusual part names work): the main document, styles, numbering, footnotes, endnotes
//! and the targets of hyperlinks. Refuses what is not a `.docx` (a `.doc`, an `.odt`, a
//! password-protected file) and what the zip-bomb pass refuses. Does not parse the text.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::{MAX_UNPACKED_BYTES, MAX_XML_DEPTH};
use crate::load::xlsx::{MAX_COMPRESSION_RATIO, RATIO_CHECK_BYTES, ZipProblem, check_zip};
use crate::messages::blocks as messages;

/// The start of a compound file (`.doc`, and Office's container for encrypted files).
const COMPOUND_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The parts of one block.
pub(super) struct Package {
    /// `word/document.xml` (or wherever the relationship points).
    pub document: Part,
    /// The styles part, if any.
    pub styles: Option<Part>,
    /// The numbering part, if any.
    pub numbering: Option<Part>,
    /// The footnotes part, if any.
    pub footnotes: Option<Part>,
    /// The endnotes part, if any.
    pub endnotes: Option<Part>,
    /// Relationship id to external target (hyperlinks) of the main document.
    pub links: BTreeMap<String, String>,
    /// Relationship id to external target of the footnotes and endnotes parts.
    pub note_links: BTreeMap<String, String>,
}

/// One XML part: its name (for messages) and its text.
pub(super) struct Part {
    pub name: String,
    pub xml: String,
}

impl Package {
    /// Opens a block's bytes.
    pub(super) fn open(bytes: &[u8]) -> Result<Package, String> {
        if bytes.starts_with(&COMPOUND_MAGIC) {
            return Err(if is_encrypted(bytes) {
                messages::PASSWORD.to_string()
            } else {
                messages::DOC_FORMAT.to_string()
            });
        }
        let mut archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| messages::NOT_DOCX.to_string())?;
        let mut inspect = |_: &str, _: &mut dyn Read| None;
        check_zip(bytes, MAX_UNPACKED_BYTES, RATIO_CHECK_BYTES, &mut inspect).map_err(
            |problem| match problem {
                ZipProblem::Unpacked { part, max_unpacked } => {
                    messages::unpacked_too_large(max_unpacked / (1024 * 1024), &part)
                }
                ZipProblem::Ratio {
                    part,
                    packed,
                    unpacked,
                } => messages::zip_bomb(&part, packed, unpacked, MAX_COMPRESSION_RATIO),
                ZipProblem::Part(message) => message,
            },
        )?;
        if let Some(mimetype) = read_part(&mut archive, "mimetype")? {
            if mimetype.starts_with("application/vnd.oasis.opendocument") {
                return Err(messages::ODT_FORMAT.to_string());
            }
        }
        let root_rels = read_part(&mut archive, "_rels/.rels")?.unwrap_or_default();
        let root = relationships(&root_rels, "_rels/.rels", "")?;
        let document_name = root
            .iter()
            .find(|r| r.kind.ends_with("/officeDocument") && !r.external)
            .map(|r| r.target.clone())
            .unwrap_or_else(|| "word/document.xml".to_string());
        let document = read_part(&mut archive, &document_name)?
            .ok_or_else(|| messages::NO_DOCUMENT.to_string())?;
        let (dir, file) = document_name
            .rsplit_once('/')
            .unwrap_or(("", document_name.as_str()));
        let rels_name = join(dir, &format!("_rels/{file}.rels"));
        let rels_text = read_part(&mut archive, &rels_name)?.unwrap_or_default();
        let rels = relationships(&rels_text, &rels_name, dir)?;
        let mut part_of = |suffix: &str| -> Result<Option<Part>, String> {
            let Some(rel) = rels
                .iter()
                .find(|r| r.kind.ends_with(suffix) && !r.external)
            else {
                return Ok(None);
            };
            Ok(read_part(&mut archive, &rel.target)?.map(|xml| Part {
                name: rel.target.clone(),
                xml,
            }))
        };
        let styles = part_of("/styles")?;
        let numbering = part_of("/numbering")?;
        let footnotes = part_of("/footnotes")?;
        let endnotes = part_of("/endnotes")?;
        let links = external_links(&rels);
        let mut note_links = BTreeMap::new();
        for part in [&footnotes, &endnotes].into_iter().flatten() {
            let (dir, file) = part
                .name
                .rsplit_once('/')
                .unwrap_or(("", part.name.as_str()));
            let rels_name = join(dir, &format!("_rels/{file}.rels"));
            if let Some(text) = read_part(&mut archive, &rels_name)? {
                note_links.extend(external_links(&relationships(&text, &rels_name, dir)?));
            }
        }
        Ok(Package {
            document: Part {
                name: document_name,
                xml: document,
            },
            styles,
            numbering,
            footnotes,
            endnotes,
            links,
            note_links,
        })
    }
}

/// Whether a compound file holds Office's encrypted package (a password-protected `.docx`):
/// its directory names the stream `EncryptedPackage` (UTF-16).
fn is_encrypted(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|window| window == name)
}

/// Reads a part as text (a byte-order mark dropped), `None` if the zip has no such part.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let name = name.trim_start_matches('/');
    let entry = match archive.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(messages::unreadable_part(name)),
    };
    let mut bytes = Vec::new();
    entry
        .take(MAX_UNPACKED_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| messages::unreadable_part(name))?;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| messages::damaged_part(name, "kein UTF-8"))
}

/// One relationship.
struct Relationship {
    id: String,
    kind: String,
    target: String,
    external: bool,
}

/// The relationships of a `.rels` part; internal targets resolved against `dir`.
fn relationships(xml: &str, part: &str, dir: &str) -> Result<Vec<Relationship>, String> {
    let mut reader = xml_reader(xml);
    let mut out = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|error| messages::damaged_part(part, &error.to_string()))?;
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(messages::too_deep(part, MAX_XML_DEPTH));
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
        let (Event::Start(element) | Event::Empty(element)) = event else {
            continue;
        };
        if element.local_name().as_ref() != "Relationship" {
            continue;
        }
        let value = |key: &str| {
            element
                .attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == key)
                .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
                .map(|v| v.into_owned())
                .unwrap_or_default()
        };
        let external = value("TargetMode").eq_ignore_ascii_case("External");
        let target = value("Target");
        let target = if external {
            target
        } else if let Some(absolute) = target.strip_prefix('/') {
            absolute.to_string()
        } else {
            join(dir, &target)
        };
        out.push(Relationship {
            id: value("Id"),
            kind: value("Type"),
            target,
            external,
        });
    }
    Ok(out)
}

fn external_links(rels: &[Relationship]) -> BTreeMap<String, String> {
    rels.iter()
        .filter(|r| r.external && r.kind.ends_with("/hyperlink"))
        .map(|r| (r.id.clone(), r.target.clone()))
        .collect()
}

/// `dir/target` with `..` resolved (`word` + `../customXml/x` is `customXml/x`).
fn join(dir: &str, target: &str) -> String {
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

/// A reader for a part's XML as the block reader reads it: text as written (the parser keeps
/// `xml:space` spaces itself).
pub(super) fn xml_reader(xml: &str) -> quick_xml::Reader<&[u8]> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let config = reader.config_mut();
    config.trim_text(false);
    config.check_end_names = false;
    config.expand_empty_elements = false;
    reader
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_resolved_against_the_part_folder() {
        assert_eq!(join("word", "styles.xml"), "word/styles.xml");
        assert_eq!(join("word", "../customXml/item.xml"), "customXml/item.xml");
        assert_eq!(join("", "word/document.xml"), "word/document.xml");
    }

    #[test]
    fn an_encrypted_package_is_recognised_by_its_stream_name() {
        let mut bytes = COMPOUND_MAGIC.to_vec();
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(is_encrypted(&bytes));
        assert!(!is_encrypted(&COMPOUND_MAGIC));
    }
}
