//! The package checker shared by the fuzz targets and the integration tests (tests/main.rs
//! includes this file): a .docx package must be a readable zip whose every XML part is
//! well-formed XML holding only characters XML 1.0 allows.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// Whether XML 1.0 allows `c` in a document (the `Char` production).
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{d7ff}').contains(&c)
        || ('\u{e000}'..='\u{fffd}').contains(&c)
        || c >= '\u{10000}'
}

/// Panics (with the part name) unless every XML part of the package is well-formed XML with only
/// allowed characters, literal or as character references.
pub fn assert_well_formed_package(bytes: &[u8]) {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the package is a zip");
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).expect("a readable zip entry");
        let name = entry
            .name()
            .map_or_else(|_| format!("#{index}"), |name| name.into_owned());
        // Other parts (the logo picture) are binary; the zip's CRC checks them on reading.
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            std::io::copy(&mut entry, &mut std::io::sink())
                .unwrap_or_else(|error| panic!("{name}: unreadable: {error}"));
            continue;
        }
        let mut text = String::new();
        entry
            .read_to_string(&mut text)
            .unwrap_or_else(|error| panic!("{name}: not UTF-8 text: {error}"));
        if let Err(problem) = check_xml(&text) {
            panic!("{name}: {problem}");
        }
    }
}

/// `Err` with the first problem: malformed XML, an unbalanced element, or a character XML
/// does not allow.
pub fn check_xml(text: &str) -> Result<(), String> {
    if let Some(c) = text.chars().find(|c| !is_xml_char(*c)) {
        return Err(format!(
            "character U+{:04X} is not allowed in XML",
            c as u32
        ));
    }
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut roots = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|error| format!("malformed XML at {}: {error}", reader.buffer_position()))?;
        match event {
            Event::Start(element) => {
                check_attributes(&element)?;
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Event::Empty(element) => {
                check_attributes(&element)?;
                if depth == 0 {
                    roots += 1;
                }
            }
            Event::End(_) => depth -= 1,
            Event::Text(text) if depth == 0 && !text.xml10_content().trim().is_empty() => {
                return Err("text outside the root element".into());
            }
            Event::GeneralRef(reference) => {
                if let Some(c) = reference
                    .resolve_char_ref()
                    .map_err(|error| format!("bad character reference: {error}"))?
                {
                    if !is_xml_char(c) {
                        return Err(format!("reference to U+{:04X}", c as u32));
                    }
                } else {
                    let name = reference.xml10_content();
                    if !matches!(name.as_ref(), "amp" | "lt" | "gt" | "quot" | "apos") {
                        return Err(format!("unknown entity &{name};"));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err("unclosed element at the end".into());
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

fn check_attributes(element: &quick_xml::events::BytesStart<'_>) -> Result<(), String> {
    for attribute in element.attributes() {
        let attribute = attribute.map_err(|error| format!("bad attribute: {error}"))?;
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|error| format!("bad attribute value: {error}"))?;
        if let Some(c) = value.chars().find(|c| !is_xml_char(*c)) {
            return Err(format!("attribute holds U+{:04X}", c as u32));
        }
    }
    Ok(())
}
