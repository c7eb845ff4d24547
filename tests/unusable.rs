//! Inputs that cannot be used at all: each run exits 1 with a message naming the file, and
//! writes nothing; a previous month's output survives.

use crate::support::*;

fn valid_project() -> Project {
    Project::minimal()
}

/// Breaks the project with `damage`, builds, and checks the failure and that the previous
/// output is untouched.
fn assert_fails_naming(damage: impl FnOnce(&Project), expected: &str) {
    let project = valid_project();
    let first = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = std::fs::read(project.out("2026-11/briefing-max.docx")).unwrap();

    damage(&project);
    for command in ["build", "check"] {
        let output = project.run(&[command, "--stand", "2026-11-27"]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{command}: {message}");
        assert!(
            message.contains(expected),
            "{command}: expected {expected:?} in\n{message}"
        );
    }
    assert_eq!(
        std::fs::read(project.out("2026-11/briefing-max.docx")).unwrap(),
        before
    );
    let mut entries: Vec<_> = std::fs::read_dir(project.path().join("out"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        // The output lock file (issue 14) stays; it is not output. Nor is the outline
        // guard's memory of the last build (issue 21).
        .filter(|name| name != ".briefing.lock" && name != ".gliederung")
        .collect();
    entries.sort();
    // The month and the calendar memory its first build kept (issue 27).
    assert_eq!(
        entries,
        ["2026-11", "kalender-2026-11.tsv"],
        "no staging folder is left behind"
    );
}

#[test]
fn a_missing_spreadsheet() {
    assert_fails_naming(
        |project| std::fs::remove_file(project.input("2026-11/termine.xlsx")).unwrap(),
        "Fehler: inputs/2026-11: keine Tabelle, deren Name mit „termin“ beginnt",
    );
}

#[test]
fn random_bytes_instead_of_a_workbook() {
    assert_fails_naming(
        |project| std::fs::write(project.input("2026-11/termine.xlsx"), [0x13u8; 900]).unwrap(),
        "Fehler: inputs/2026-11/termine.xlsx: keine lesbare .xlsx-Arbeitsmappe",
    );
}

#[test]
fn a_word_document_renamed_to_xlsx() {
    assert_fails_naming(
        |project| {
            let briefing = project.out("2026-11/briefing-max.docx");
            std::fs::copy(briefing, project.input("2026-11/ansprechpartner.xlsx")).unwrap();
        },
        "Fehler: inputs/2026-11/ansprechpartner.xlsx: keine lesbare .xlsx-Arbeitsmappe",
    );
}

#[test]
fn a_password_protected_workbook() {
    assert_fails_naming(
        |project| {
            let fixture = repo().join("tests/fixtures/passwortgeschuetzt.xlsx");
            std::fs::copy(fixture, project.input("2026-11/ansprechpartner.xlsx")).unwrap();
        },
        "Fehler: inputs/2026-11/ansprechpartner.xlsx: die Arbeitsmappe ist mit einem Kennwort geschützt",
    );
}

#[test]
fn an_empty_month_folder() {
    assert_fails_naming(
        |project| {
            std::fs::remove_file(project.input("2026-11/termine.xlsx")).unwrap();
            std::fs::remove_file(project.input("2026-11/ansprechpartner.xlsx")).unwrap();
        },
        "Fehler: inputs/2026-11: keine Tabelle, deren Name mit „ansprech“ beginnt",
    );
}

#[test]
fn no_sheet_with_the_required_headers() {
    assert_fails_naming(
        |project| {
            write_xlsx(
                &project.input("2026-11/termine.xlsx"),
                "Termine",
                &[],
                &["Konferenz", "Sitzung", "Ort"],
                &[vec![t("AMK"), t("Herbstkonferenz"), t("Kiel")]],
            )
        },
        "Fehler: inputs/2026-11/termine.xlsx: kein Blatt hat die nötigen Überschriften „Konferenz“ und „Datum“ (oder „Beginn“)",
    );
}

#[test]
fn a_missing_roster() {
    assert_fails_naming(
        |project| std::fs::remove_file(project.path().join("inputs/sprecher.yaml")).unwrap(),
        "Fehler: inputs/sprecher.yaml: die Datei kann nicht gelesen werden: nicht gefunden",
    );
}
