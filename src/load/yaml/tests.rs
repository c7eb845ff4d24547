//! Unit tests of the YAML reader.

use super::*;

fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn roster_keeps_the_line_of_every_conference_code() {
    let (_dir, path) = write(
        "konferenzen:\n  - kuerzel: IMK\n    name: Innenministerkonferenz\n\
         sprecher:\n  - id: manke\n    name: Stephan Manke\n    konferenzen: [IMK, GMK]\n",
    );
    let roster = load_roster(&path).unwrap();
    assert_eq!(roster.conferences[0].code, "IMK");
    let (code, at) = &roster.spokespersons[0].conferences[1];
    assert_eq!(code, "GMK");
    assert_eq!(
        at.place,
        crate::diagnostics::Place::Line {
            line: 7,
            column: 24
        }
    );
}

#[test]
fn unknown_key_names_file_line_and_key() {
    let (_dir, path) = write(
        "konferenzen: []\nsprecher:\n  - id: manke\n    name: X\n    konferenzen: []\n    telefon: 1\n",
    );
    let error = load_roster(&path).unwrap_err().to_string();
    assert!(error.starts_with("Fehler: "), "{error}");
    assert!(error.contains("input.yaml:6:"), "{error}");
    assert!(
        error.contains("unbekanntes Feld „telefon“; erlaubt sind hier: id, anrede"),
        "{error}"
    );
}

#[test]
fn every_unknown_key_tabs_and_duplicates_in_plain_words() {
    let (_dir, path) = write(
        "konferenzen: []\nsprecher:\n  - id: a\n    name: X\n    telefon: 1\n    konferenzen: []\n\
         \x20 - fax:\n      nummer: 2\n    id: b\n    name: Y\n    konferenzen: []\n",
    );
    let error = load_roster(&path).unwrap_err().to_string();
    assert!(
        error.contains("input.yaml:5:5: unbekanntes Feld „telefon“"),
        "{error}"
    );
    assert!(
        error.contains("input.yaml:7:5: unbekanntes Feld „fax“"),
        "{error}"
    );
    assert_eq!(error.lines().count(), 2, "{error}");

    let (_dir, path) = write("konferenzen: []\nsprecher:\n  - id: manke\n\tname: X\n");
    let error = load_roster(&path).unwrap_err().to_string();
    assert!(
        error.contains("input.yaml:4:1: hier steht ein Tabulatorzeichen"),
        "{error}"
    );

    let (_dir, path) = write("konferenzen: []\nsprecher:\n  - id: a\n    name: X\n    name: Y\n");
    let error = load_roster(&path).unwrap_err().to_string();
    assert!(
        error.contains("input.yaml:5:5: „name“ steht in dieser Gruppe zweimal"),
        "{error}"
    );

    let (_dir, path) = write("\u{feff}konferenzen: []\nsprecher: []\n");
    assert!(load_roster(&path).is_ok());
    std::fs::write(&path, b"konferenzen: []\nsprecher:\n  - id: m\xfcller\n").unwrap();
    let error = load_roster(&path).unwrap_err().to_string();
    assert!(
        error.contains("input.yaml:3:1: die Datei ist nicht als UTF-8"),
        "{error}"
    );
}

#[test]
fn decisions_accept_alle_and_lists_and_reject_bad_dates() {
    let (_dir, path) = write(
        "beschluesse:\n\
         - nummer: \"2023/07\"\n  titel: A\n  datum: 2023-03-29\n  relevant_fuer: alle\n\
         - nummer: \"2023/12\"\n  titel: B\n  datum: 2023-03-29\n  relevant_fuer: [UMK, WMK]\n",
    );
    let decisions = load_decisions(&path).unwrap();
    assert_eq!(decisions.entries[0].relevance, Relevance::All);
    assert_eq!(
        decisions.entries[1].relevance,
        Relevance::Codes(vec!["UMK".into(), "WMK".into()])
    );

    let (_dir, path) = write(
        "beschluesse:\n- nummer: \"2023/07\"\n  titel: A\n  datum: 29.03.2023\n  relevant_fuer: alle\n",
    );
    let error = load_decisions(&path).unwrap_err().to_string();
    assert!(error.contains("input.yaml:4:"), "{error}");
    assert!(error.contains("JJJJ-MM-TT"), "{error}");
}
