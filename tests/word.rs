//! Word-grade documents (issue 3): every generated package is sound, the overview's wide
//! tables are in landscape, a reference document's fonts and colours arrive in the
//! documents, a logo lands in the header, nasty text never breaks a document, and output
//! is byte-identical across runs and threads.

use std::collections::BTreeMap;
use std::path::Path;

use briefing::docx::{Design, DocumentMeta, check_package, markdown_to_docx};

use crate::support::*;

const STAND: &str = "2026-11-28";

/// Every .docx of a month folder: file name -> bytes.
fn documents(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut docs = BTreeMap::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "docx") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            docs.insert(name, std::fs::read(&path).unwrap());
        }
    }
    docs
}

fn assert_sound(docs: &BTreeMap<String, Vec<u8>>) {
    for (name, bytes) in docs {
        assert_eq!(check_package(bytes), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn every_document_of_the_shipped_example_is_a_sound_package() {
    let project = built_example();
    let docs = documents(&project.out("2026-11"));
    assert_eq!(docs.len(), 13);
    assert_sound(&docs);
    // The shipped templates/referenz.docx is used: its petrol heading colour.
    for name in docs.keys() {
        let styles = docx_part(&project.out(&format!("2026-11/{name}")), "word/styles.xml");
        assert!(styles.contains(r#"<w:color w:val="004B5A"/>"#), "{name}");
    }
}

#[test]
fn the_overview_is_landscape_throughout_with_header_and_footer() {
    let project = built_example();
    let path = project.out("2026-11/uebersicht.docx");
    let doc = docx_part(&path, "word/document.xml");
    // One landscape section from the title block to the data-quality notes: a change back
    // to portrait after the tables would start a new page and leave the page before it as
    // empty as the month's number of meetings happens to make it (issue 16). The short
    // title block before `\querformat` does not get a portrait page of its own.
    let sections: Vec<&str> = doc.split("<w:sectPr>").skip(1).collect();
    assert_eq!(sections.len(), 1, "{doc}");
    assert!(sections[0].contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>"#));
    assert!(sections[0].starts_with(r#"<w:headerReference w:type="default""#));
    assert!(sections[0].contains(r#"<w:footerReference w:type="default""#));
    let body = &doc[..doc.find("<w:sectPr>").unwrap()];
    let order = [
        "Übersicht der Fachministerkonferenzen",
        "Anstehende Termine aller Konferenzen",
        "Änderungen seit Oktober 2026",
        "Beschlüsse des IT-Planungsrates",
        "Hinweise zur Datenqualität",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|heading| body.find(heading).unwrap_or_else(|| panic!("{heading}")))
        .collect();
    assert!(positions.is_sorted(), "{order:?} at {positions:?}");
    // Every table (conferences, meetings, decisions) spans the landscape text width.
    assert_eq!(body.matches("<w:tbl>").count(), 3);
    assert_eq!(
        body.matches(r#"<w:tblW w:w="14004" w:type="dxa"/>"#)
            .count(),
        3
    );
    let header2 = docx_part(&path, "word/header2.xml");
    assert!(header2.contains("Stand") || header2.contains("IT-Planungsrat"));
    assert!(docx_part(&path, "word/footer2.xml").contains(" NUMPAGES "));
    // The briefings have no landscape section.
    let briefing = docx_part(
        &project.out("2026-11/briefing-manke.docx"),
        "word/document.xml",
    );
    assert!(!briefing.contains("landscape"));
}

#[test]
fn a_reference_document_brings_its_fonts_and_colours() {
    let project = Project::shipped_example();
    std::fs::copy(
        repo().join("tests/fixtures/referenz-test.docx"),
        project.path().join("templates/referenz.docx"),
    )
    .unwrap();
    let output = project.run(&["build", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    let docs = documents(&project.out("2026-11"));
    assert_sound(&docs);
    for name in docs.keys() {
        let styles = docx_part(&project.out(&format!("2026-11/{name}")), "word/styles.xml");
        // Normal: Verdana, 222222; Heading 1: Georgia, C00000; Heading 2: Georgia, 00B050.
        for needle in [
            r#"<w:rFonts w:ascii="Verdana" w:hAnsi="Verdana" w:eastAsia="Verdana" w:cs="Verdana"/><w:color w:val="222222"/>"#,
            r#"<w:rFonts w:ascii="Georgia" w:hAnsi="Georgia" w:eastAsia="Georgia" w:cs="Georgia"/><w:b/><w:bCs/><w:color w:val="C00000"/>"#,
            r#"<w:color w:val="00B050"/>"#,
        ] {
            assert!(styles.contains(needle), "{name}: {needle}");
        }
        let doc = docx_part(
            &project.out(&format!("2026-11/{name}")),
            "word/document.xml",
        );
        assert!(doc.contains(r#"<w:pStyle w:val="Heading1"/>"#), "{name}");
    }
}

#[test]
fn a_logo_appears_in_every_header() {
    let project = Project::shipped_example();
    std::fs::copy(
        repo().join("tests/fixtures/logo.png"),
        project.path().join("templates/logo.png"),
    )
    .unwrap();
    let output = project.run(&["build", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    let docs = documents(&project.out("2026-11"));
    assert_sound(&docs);
    for name in docs.keys() {
        let path = project.out(&format!("2026-11/{name}"));
        assert!(docx_part(&path, "word/header1.xml").contains("<wp:inline "));
        assert!(docx_part(&path, "word/_rels/header1.xml.rels").contains("media/logo.png"));
    }
    let overview = project.out("2026-11/uebersicht.docx");
    assert!(docx_part(&overview, "word/header2.xml").contains("<wp:inline "));
}

#[test]
fn a_broken_reference_or_logo_stops_the_build_with_the_file_name() {
    let project = Project::shipped_example();
    project.write("templates/referenz.docx", "das ist kein Word-Dokument");
    project.write("templates/logo.png", "GIF89a");
    let output = project.run(&["build", "--stand", STAND]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains(
            "Fehler: templates/referenz.docx: kein Word-Dokument (.docx): die Datei lässt sich nicht als Zip-Archiv öffnen"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "Fehler: templates/logo.png: kein PNG-Bild (die Datei beginnt nicht mit der PNG-Kennung)"
        ),
        "{err}"
    );
    assert!(!project.out("2026-11").exists());
}

const ROSTER: &str = r#"
konferenzen:
  - kuerzel: AMK
    name: "Alpha <&> \"Konferenz\" 'für' Straßenbau"
    themen: ["Tags <b>fett</b> & Co", "Umlaute äöüÄÖÜß"]
sprecher:
  - id: erika
    anrede: Frau
    name: "Erika <Mustermann> & \"Söhne\""
    funktion: "Staatssekretärin 'Digitales' & <Recht>"
    email: erika@example.org
    konferenzen: [AMK]
"#;

const DECISIONS: &str = concat!(
    r#"
beschluesse:
  - nummer: "2026/1"
    titel: "Beschluss mit <Tag>, & und \"Zitat\""
    datum: 2026-06-01
    kurz: "Text mit ]]> und <![CDATA[ und &amp; als Text"
    relevant_fuer: alle
"#,
    crate::cited_decisions!()
);

#[test]
fn markup_characters_umlauts_and_control_characters_never_break_a_document() {
    let project = Project::with_shipped_templates();
    project.write("inputs/sprecher.yaml", ROSTER);
    project.write("inputs/beschluesse.yaml", DECISIONS);
    write_xlsx(
        &project.input("2026-11/ansprechpartner.xlsx"),
        "Liste",
        &[],
        &[
            "Konferenz",
            "Ansprechpartner",
            "Funktion",
            "Telefon",
            "E-Mail",
        ],
        &[vec![
            t("AMK"),
            t("Jörg <Groß> & \"Klein\" 'Ä'"),
            t("Referent\u{b}in\u{1}\u{7} für <Daten>"),
            t("030 1234-5\n030 1234-6"),
            t("joerg@example.org"),
        ]],
    );
    write_xlsx(
        &project.input("2026-11/termine.xlsx"),
        "Termine",
        &[],
        &["Konferenz", "Sitzung", "Datum", "Ort", "Bemerkung"],
        &[vec![
            t("AMK"),
            t("Sitzung <1> & \u{b}Vorbesprechung"),
            d("2026-12-03"),
            t("Köln & Düsseldorf"),
            t("\"Bitte\" 'vorab' melden\u{c}"),
        ]],
    );
    let output = project.run(&["build", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    let docs = documents(&project.out("2026-11"));
    assert_eq!(docs.len(), 2);
    assert_sound(&docs);
    let text = docx_text(&project.out("2026-11/briefing-erika.docx"));
    for needle in [
        "Erika <Mustermann> & \"Söhne\"",
        "Jörg <Groß> & \"Klein\" 'Ä'",
        "Köln & Düsseldorf",
        "Alpha <&> \"Konferenz\" 'für' Straßenbau",
        "Beschluss mit <Tag>, & und \"Zitat\"",
    ] {
        assert!(text.contains(needle), "{needle}\n{text}");
    }
    assert!(!text.contains('\u{b}') && !text.contains('\u{c}') && !text.contains('\u{7}'));
}

#[test]
fn output_is_byte_identical_across_runs() {
    let project = Project::shipped_example();
    let first = project.run(&["build", "--stand", STAND, "--out", "out-a"]);
    let second = project.run(&["build", "--stand", STAND, "--out", "out-b"]);
    assert!(first.status.success() && second.status.success());
    let a = documents(&project.path().join("out-a/2026-11"));
    let b = documents(&project.path().join("out-b/2026-11"));
    assert_eq!(a.len(), 13);
    assert_eq!(a, b);
}

#[test]
fn output_is_byte_identical_across_parallel_threads() {
    let reference = std::fs::read(repo().join("templates/referenz.docx")).unwrap();
    let logo = std::fs::read(repo().join("tests/fixtures/logo.png")).unwrap();
    let design = Design::from_reference(&reference)
        .unwrap()
        .with_logo(&logo)
        .unwrap();
    let markdown = "# Titel\n\nText[^1] mit [Link](https://example.org).\n\n\\querformat\n\n| a | b |\n|---|---|\n| 1<br>2 | [x](https://example.org/x) |\n\n\\hochformat\n\nEnde.\n\n[^1]: Fußnote mit [Link](https://example.org/fn).\n";
    let meta = DocumentMeta {
        title: "Briefing".into(),
        subject: "Test".into(),
        author: "FITKO".into(),
        date: date(STAND),
        header_text: "IT-Planungsrat".into(),
        footer_text: "Stand: 28.11.2026".into(),
    };
    let expected = markdown_to_docx(markdown, &meta, &design).unwrap();
    assert_eq!(check_package(&expected), Vec::<String>::new());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (design, meta) = (&design, &meta);
                scope.spawn(move || {
                    // Interleave other documents so shared state would show.
                    let other = format!("[o{i}](https://example.org/{i})\n\n\\querformat\n\nx");
                    markdown_to_docx(&other, meta, design).unwrap();
                    markdown_to_docx(markdown, meta, design).unwrap()
                })
            })
            .collect();
        for handle in handles {
            assert!(handle.join().unwrap() == expected);
        }
    });
}

#[test]
fn headings_and_a_decisions_session_line_keep_with_the_next_paragraph() {
    let project = built_example();
    let doc = docx_part(
        &project.out("2026-11/briefing-manke.docx"),
        "word/document.xml",
    );
    let paragraphs: Vec<&str> = doc.split("<w:p>").skip(1).collect();
    let mut decisions = 0;
    for (i, p) in paragraphs.iter().enumerate() {
        if p.contains(r#"<w:pStyle w:val="Heading"#) {
            assert!(p.contains("<w:keepNext/>"), "heading without keepNext: {p}");
        }
        if p.contains(r#"<w:pStyle w:val="Heading3"/>"#) && p.contains("Beschluss 20") {
            decisions += 1;
            // The italic session line below the decision's title keeps with the text.
            let session = paragraphs[i + 1];
            assert!(
                session.contains("<w:i/>") && session.contains("Sitzung"),
                "{session}"
            );
            assert!(session.contains("<w:keepNext/>"), "{session}");
            // The text after it does not (it may end a page).
            assert!(
                !paragraphs[i + 2].contains("<w:keepNext/>"),
                "{}",
                paragraphs[i + 2]
            );
        }
    }
    assert!(decisions >= 3, "{decisions}");
}

#[test]
fn e_mail_addresses_and_phone_numbers_do_not_break_at_their_hyphens() {
    let project = built_example();
    let manke = docx_part(
        &project.out("2026-11/briefing-manke.docx"),
        "word/document.xml",
    );
    assert!(manke.contains("<w:t>it</w:t><w:noBreakHyphen/><w:t>plr@fitko.de</w:t>"));
    let overview = docx_part(&project.out("2026-11/uebersicht.docx"), "word/document.xml");
    // "Tel. 0385 588-19100" (GMK) and a hyphenated conference name that may break.
    assert!(overview.contains("0385 588</w:t><w:noBreakHyphen/><w:t>19100"));
    assert!(overview.contains("E-Justice-Rat"));
    // The visible text is unchanged.
    assert!(docx_text(&project.out("2026-11/briefing-manke.docx")).contains("it-plr@fitko.de"));
}
