//! The shipped example's November sheets as `.xls` and `.ods` (made from the `.xlsx` with
//! LibreOffice by `scripts/make-sheet-fixtures.sh`, committed under `tests/fixtures/sheets/`)
//! give the same documents as the `.xlsx` originals: the text of every document's
//! `word/document.xml` is compared.

use std::path::Path;

use crate::support::*;

/// `word/document.xml` of every document the build wrote, by file name.
fn documents(project: &Project) -> Vec<(String, String)> {
    let dir = project.out("2026-11");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".docx"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let xml = docx_part(&dir.join(&name), "word/document.xml");
            (name, xml)
        })
        .collect()
}

fn built(project: &Project) -> Vec<(String, String)> {
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    documents(project)
}

#[test]
fn xls_and_ods_give_the_documents_of_the_xlsx() {
    let original = built(&Project::shipped_example());
    assert!(original.len() > 2, "{}", original.len());
    for extension in ["xls", "ods"] {
        let project = Project::shipped_example();
        for sheet in ["ansprechpartner", "termine"] {
            std::fs::remove_file(project.input(&format!("2026-11/{sheet}.xlsx"))).unwrap();
            let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("tests/fixtures/sheets/{sheet}.{extension}"));
            std::fs::copy(
                fixture,
                project.input(&format!("2026-11/{sheet}.{extension}")),
            )
            .unwrap();
        }
        let converted = built(&project);
        assert_eq!(converted.len(), original.len(), "{extension}");
        for ((name, xml), (original_name, original_xml)) in converted.iter().zip(&original) {
            assert_eq!(name, original_name, "{extension}");
            assert!(
                xml == original_xml,
                "{extension}: {name} differs from the .xlsx build"
            );
        }
    }
}

/// The fixture `termine.ods` with its 7th `table:table-row` hidden, as LibreOffice marks a row
/// hidden by hand.
fn ods_with_row_7_hidden() -> Vec<u8> {
    use std::io::{Read, Write};
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sheets/termine.ods");
    let mut archive = zip::ZipArchive::new(std::fs::File::open(fixture).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == "content.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let seventh = text.match_indices("<table:table-row ").nth(6).unwrap().0;
            let (head, tail) = text.split_at(seventh);
            bytes = format!(
                "{head}<table:table-row table:visibility=\"collapse\" {}",
                &tail["<table:table-row ".len()..]
            )
            .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_hidden_row_of_an_ods_or_xls_is_named_and_left_out_with_the_setting() {
    // The .xls is that .ods saved by LibreOffice 7.4 as Excel 97-2003
    // (`soffice --headless --convert-to xls`), committed as a fixture.
    let xls = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets/termine-zeile-7-ausgeblendet.xls");
    for (extension, bytes) in [
        ("ods", ods_with_row_7_hidden()),
        ("xls", std::fs::read(xls).unwrap()),
    ] {
        let project = Project::shipped_example();
        std::fs::remove_file(project.input("2026-11/termine.xlsx")).unwrap();
        std::fs::write(
            project.input(&format!("2026-11/termine.{extension}")),
            bytes,
        )
        .unwrap();
        let output = project.run(&["check", "--stand", "2026-11-28"]);
        assert!(
            stderr(&output).contains(
                "ausgeblendete Zeilen (von Hand oder durch einen Filter) werden gelesen: Zeile 7"
            ),
            "{extension}: {}",
            stderr(&output)
        );
        let config = std::fs::read_to_string(project.path().join("briefing.yaml")).unwrap();
        project.write(
            "briefing.yaml",
            &format!("{config}\nausgeblendete_zeilen: auslassen\n"),
        );
        let output = project.run(&["check", "--stand", "2026-11-28"]);
        assert!(
            stderr(&output).contains(
                "werden nicht gelesen (Einstellung ausgeblendete_zeilen: auslassen): Zeile 7"
            ),
            "{extension}: {}",
            stderr(&output)
        );
    }
}
