//! Whole-document tests: the fixture exercises every supported construct. The helpers and
//! the snapshot of document.xml live here; the tests by topic in the files below.

mod design;
mod structure;
mod writing;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::ooxml::TABLE_HALF_POINTS;
use super::*;

const FIXTURE: &str = include_str!("testdata/fixture.md");

fn fixture() -> String {
    // Control characters XML 1.0 forbids must disappear from the output.
    FIXTURE.replace("STEUER", "a\u{7}b\u{1}c\u{FFFF}d")
}

fn meta() -> DocumentMeta {
    DocumentMeta {
        title: "Briefing für Staatssekretärin Müller".into(),
        subject: "Monatsbriefing IT-Planungsrat".into(),
        author: "Geschäftsstelle <IT-PLR> & Co".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        header_text: "Stand: 28.11.2026".into(),
        footer_text: "IT-Planungsrat – VS-NfD".into(),
    }
}

/// Entry names in zip order and their contents.
fn unzip(bytes: &[u8]) -> (Vec<String>, BTreeMap<String, String>) {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut names = Vec::new();
    let mut parts = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        assert_eq!(f.compression(), zip::CompressionMethod::Deflated);
        let t = f.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (1980, 1, 1, 0, 0)
        );
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        let name = f.name().unwrap().to_string();
        names.push(name.clone());
        // Pictures are not text; only the XML parts are kept.
        if let Ok(s) = String::from_utf8(bytes) {
            parts.insert(name, s);
        }
    }
    (names, parts)
}

/// Parse the whole part; returns the element names in document order.
fn well_formed(name: &str, xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut elements = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                for a in e.attributes() {
                    a.unwrap_or_else(|err| panic!("{name}: bad attribute: {err}"));
                }
                elements.push(e.name().0.to_string());
            }
            Ok(Event::GeneralRef(r)) => {
                let known = matches!(
                    r.xml10_content().as_ref(),
                    "lt" | "gt" | "amp" | "quot" | "apos"
                );
                assert!(
                    known || r.resolve_char_ref().unwrap().is_some(),
                    "{name}: unknown entity {r:?}"
                );
            }
            Ok(_) => {}
            Err(err) => panic!("{name} is not well-formed: {err}"),
        }
    }
    elements
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// `word/document.xml`, one element per line, so a change to the XML shows in review.
fn pretty(xml: &str) -> String {
    let mut reader = Reader::from_str(xml);
    let mut writer = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 1);
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            // Only the line break after the declaration; text keeps its spaces.
            Event::Text(t) if t.trim().is_empty() => {}
            event => writer.write_event(event).unwrap(),
        }
    }
    String::from_utf8(writer.into_inner()).unwrap()
}

#[test]
fn snapshot_of_document_xml() {
    let md = include_str!("testdata/snapshot.md");
    let bytes = markdown_to_docx(md, &meta(), &Design::default()).unwrap();
    assert_eq!(check_package(&bytes), Vec::<String>::new());
    let (_, parts) = unzip(&bytes);
    insta::assert_snapshot!("document_xml", pretty(&parts["word/document.xml"]));
}

/// A minimal reference document as German Word saves it: localized style ids.
fn german_reference() -> Vec<u8> {
    let styles = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Verdana" w:hAnsi="Verdana"/></w:rPr></w:rPrDefault></w:docDefaults>"#,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/><w:rPr><w:color w:val="222222"/></w:rPr></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/><w:rPr><w:rFonts w:ascii="Georgia" w:hAnsi="Georgia"/><w:color w:val="C00000"/></w:rPr></w:style>"#,
        r#"<w:style w:type="table" w:styleId="Tabellenraster"><w:name w:val="Table Grid"/></w:style>"#,
        r#"<w:style w:type="paragraph" w:styleId="Kopfzeile"><w:name w:val="header"/><w:basedOn w:val="Standard"/></w:style>"#,
        r#"</w:styles>"#,
    );
    let theme = parts::settings::THEME_XML.replace("Briefing", "Amt");
    package::zip_files(&[
        ("word/styles.xml", styles.as_bytes()),
        ("word/theme/theme1.xml", theme.as_bytes()),
    ])
    .unwrap()
}

/// A reference whose table style ("Table Grid", German id) sets `half_points`, also in a
/// conditional header-row style, which must not count.
fn reference_with_table_size(half_points: u32) -> Vec<u8> {
    let styles = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/><w:rPr><w:sz w:val="30"/></w:rPr></w:style>"#,
            r#"<w:style w:type="table" w:styleId="Tabellenraster"><w:name w:val="Table Grid"/><w:rPr><w:sz w:val="{}"/></w:rPr>"#,
            r#"<w:tblStylePr w:type="firstRow"><w:rPr><w:sz w:val="40"/></w:rPr></w:tblStylePr></w:style>"#,
            r#"</w:styles>"#,
        ),
        half_points
    );
    package::zip_files(&[("word/styles.xml", styles.as_bytes())]).unwrap()
}

const LOGO: &[u8] = include_bytes!("../../tests/fixtures/logo.png");
