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
