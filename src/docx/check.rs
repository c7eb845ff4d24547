//! A structural checker for .docx packages, for tests and diagnostics.
//!
//! What it checks: the zip opens; `[Content_Types].xml` covers every part (Default by
//! extension or Override); every XML part is well-formed and holds no character XML 1.0
//! forbids (also not as a character reference); every internal relationship target exists;
//! every `r:id` / `r:embed` used in the document, header, footer and footnotes parts exists
//! in that part's relationships; every footnote reference resolves to a footnote.
//!
//! What it does not: schema validation (element order, allowed attributes): that is
//! `openxml-audit`'s job.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::xml::is_xml_char;

/// Parts larger than this are reported instead of read.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Problems of a .docx package, as plain sentences; empty means the package is sound.
pub fn check_package(bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(zip) => zip,
        Err(err) => return vec![format!("not a zip archive: {err}")],
    };
    let mut parts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for i in 0..zip.len() {
        let entry = match zip.by_index(i) {
            Ok(entry) => entry,
            Err(err) => {
                problems.push(format!("zip entry {i} cannot be read: {err}"));
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let name = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(err) => {
                problems.push(format!("zip entry {i} has an unreadable name: {err}"));
                continue;
            }
        };
        let mut data = Vec::new();
        if let Err(err) = entry.take(MAX_PART_BYTES + 1).read_to_end(&mut data) {
            problems.push(format!("{name}: cannot be read: {err}"));
            continue;
        }
        if data.len() as u64 > MAX_PART_BYTES {
            problems.push(format!("{name}: larger than {MAX_PART_BYTES} bytes"));
            continue;
        }
        parts.insert(name, data);
    }

    // Well-formedness and characters of every XML part; remember the parsed elements.
    let mut elements: BTreeMap<&str, Vec<Element>> = BTreeMap::new();
    for (name, data) in &parts {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        match parse(data) {
            Ok(els) => {
                elements.insert(name, els);
            }
            Err(err) => problems.push(format!("{name}: {err}")),
        }
    }

    // Content types.
    match elements.get("[Content_Types].xml") {
        None => problems.push("[Content_Types].xml is missing or unreadable".into()),
        Some(types) => {
            let defaults: BTreeSet<String> = types
                .iter()
                .filter(|e| e.name == "Default")
                .filter_map(|e| e.attr("Extension"))
                .map(|x| x.to_ascii_lowercase())
                .collect();
            let overrides: BTreeSet<String> = types
                .iter()
                .filter(|e| e.name == "Override")
                .filter_map(|e| e.attr("PartName"))
                .map(|p| p.trim_start_matches('/').to_ascii_lowercase())
                .collect();
            for name in parts.keys().filter(|n| *n != "[Content_Types].xml") {
                let lower = name.to_ascii_lowercase();
                let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
                if !overrides.contains(&lower) && !defaults.contains(ext) {
                    problems.push(format!(
                        "{name}: no content type (neither Default nor Override)"
                    ));
                }
            }
            for part in &overrides {
                if !parts.keys().any(|n| n.eq_ignore_ascii_case(part)) {
                    problems.push(format!(
                        "[Content_Types].xml: Override for /{part}, which does not exist"
                    ));
                }
            }
        }
    }
    if !parts.contains_key("_rels/.rels") {
        problems.push("_rels/.rels is missing".into());
    }

    // Relationships: internal targets exist; ids per source part.
    let mut rel_ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, els) in &elements {
        let Some(source) = rels_source(name) else {
            continue;
        };
        let base = source.rsplit_once('/').map_or("", |(dir, _)| dir);
        let ids = rel_ids.entry(source.clone()).or_default();
        for rel in els.iter().filter(|e| e.name == "Relationship") {
            let id = rel.attr("Id").unwrap_or_default();
            if !ids.insert(id.to_string()) {
                problems.push(format!("{name}: relationship id {id} is used twice"));
            }
            if rel.attr("TargetMode") == Some("External") {
                continue;
            }
            let target = rel.attr("Target").unwrap_or_default();
            let resolved = resolve(base, target);
            if !parts.contains_key(&resolved) {
                problems.push(format!(
                    "{name}: relationship {id} points at {target}, which does not exist"
                ));
            }
        }
    }

    // r:id / r:embed in the story parts.
    for (name, els) in &elements {
        let story = name.starts_with("word/")
            && !name.contains("/_rels/")
            && ["document", "header", "footer", "footnotes", "endnotes"]
                .iter()
                .any(|p| name["word/".len()..].starts_with(p));
        if !story {
            continue;
        }
        let empty = BTreeSet::new();
        let ids = rel_ids.get(*name).unwrap_or(&empty);
        for e in els {
            for (key, value) in &e.attrs {
                if matches!(key.as_str(), "r:id" | "r:embed" | "r:link") && !ids.contains(value) {
                    problems.push(format!(
                        "{name}: <{} {key}=\"{value}\"> has no such relationship",
                        e.name
                    ));
                }
            }
        }
    }

    // Footnote references resolve.
    let footnote_ids: BTreeSet<&str> = elements
        .get("word/footnotes.xml")
        .map(|els| {
            els.iter()
                .filter(|e| e.name == "w:footnote")
                .filter_map(|e| e.attr("w:id"))
                .collect()
        })
        .unwrap_or_default();
    if let Some(els) = elements.get("word/document.xml") {
        for e in els.iter().filter(|e| e.name == "w:footnoteReference") {
            let id = e.attr("w:id").unwrap_or_default();
            if !footnote_ids.contains(id) {
                problems.push(format!(
                    "word/document.xml: footnote reference {id} has no footnote in word/footnotes.xml"
                ));
            }
        }
    } else {
        problems.push("word/document.xml is missing or unreadable".into());
    }
    problems
}

/// `word/_rels/document.xml.rels` -> `word/document.xml`; `_rels/.rels` -> `` (the package).
fn rels_source(name: &str) -> Option<String> {
    let file = name.strip_suffix(".rels")?;
    let (dir, file) = file.rsplit_once('/')?;
    let dir = dir.strip_suffix("_rels")?.trim_end_matches('/');
    Some(if dir.is_empty() {
        file.to_string()
    } else {
        format!("{dir}/{file}")
    })
}

/// A relationship target relative to the source part's folder, normalised.
fn resolve(base: &str, target: &str) -> String {
    let mut segments: Vec<&str> = if target.starts_with('/') || base.is_empty() {
        Vec::new()
    } else {
        base.split('/').collect()
    };
    for seg in target.trim_start_matches('/').split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

struct Element {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Element {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn of(e: &BytesStart<'_>) -> Result<Self, String> {
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|err| format!("bad attribute: {err}"))?;
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| format!("bad attribute value: {err}"))?;
            check_chars(&value)?;
            attrs.push((a.key.as_ref().to_string(), value.into_owned()));
        }
        Ok(Self {
            name: e.name().as_ref().to_string(),
            attrs,
        })
    }
}

fn check_chars(text: &str) -> Result<(), String> {
    match text.chars().find(|c| !is_xml_char(*c)) {
        Some(c) => Err(format!(
            "holds the character U+{:04X}, which XML 1.0 forbids",
            u32::from(c)
        )),
        None => Ok(()),
    }
}

/// Parses a whole XML part: well-formed, balanced, one root, allowed characters only.
fn parse(data: &[u8]) -> Result<Vec<Element>, String> {
    let text = std::str::from_utf8(data).map_err(|_| "is not UTF-8".to_string())?;
    check_chars(text)?;
    let mut reader = Reader::from_str(text);
    let mut elements = Vec::new();
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| format!("is not well-formed XML: {err}"))?;
        match event {
            Event::Start(e) => {
                roots += usize::from(depth == 0);
                depth += 1;
                elements.push(Element::of(&e)?);
            }
            Event::Empty(e) => {
                roots += usize::from(depth == 0);
                elements.push(Element::of(&e)?);
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(t) if depth == 0 && !t.chars().all(char::is_whitespace) => {
                return Err("is not well-formed XML: text outside the root element".into());
            }
            Event::GeneralRef(r) => {
                let name = r.to_string();
                match r.resolve_char_ref() {
                    Ok(Some(c)) => check_chars(c.encode_utf8(&mut [0; 4]))?,
                    Ok(None) => {
                        if !matches!(name.as_str(), "lt" | "gt" | "amp" | "quot" | "apos") {
                            return Err(format!("uses the undefined entity &{name};"));
                        }
                    }
                    Err(err) => return Err(format!("bad character reference &{name};: {err}")),
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match (depth, roots) {
        (0, 1) => Ok(elements),
        (0, 0) => Err("is not well-formed XML: no root element".into()),
        (0, _) => Err("is not well-formed XML: more than one root element".into()),
        _ => Err("is not well-formed XML: an element is not closed".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve() {
        assert_eq!(rels_source("_rels/.rels").as_deref(), Some(""));
        assert_eq!(
            rels_source("word/_rels/document.xml.rels").as_deref(),
            Some("word/document.xml")
        );
        assert_eq!(resolve("word", "media/logo.png"), "word/media/logo.png");
        assert_eq!(resolve("word", "../docProps/x.xml"), "docProps/x.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/styles.xml"), "word/styles.xml");
    }

    #[test]
    fn bad_xml_is_reported() {
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"<a>").is_err());
        assert!(parse(b"<a/><b/>").is_err());
        assert!(parse("<a>\u{b}</a>".as_bytes()).is_err());
        assert!(parse(b"<a>&#x1;</a>").is_err());
        assert!(parse(b"<a>&foo;</a>").is_err());
        assert!(parse(b"<a x=\"&lt;\">&amp;&#228;</a>").is_ok());
    }
}
