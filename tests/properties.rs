//! Property test (issue 8): arbitrary Unicode in every input field (YAML strings and
//! spreadsheet cells: control characters, Excel's `_xD800_` escapes of lone surrogates, RTL
//! marks, Markdown and XML syntax, very long strings) gives documents whose XML parts are
//! well-formed and hold only characters XML allows. The real binary builds a generated
//! project; every .docx is checked with the package checker the fuzz targets use.
//!
//! `cargo test` runs a few cases; `cargo test -- --ignored` (CI) runs many more.

use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::package_check::assert_well_formed_package;
use crate::support::*;

/// Text as hostile as the offices' files can be.
fn field() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\\x7f-\\x9f\u{200e}\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}\u{fffe}\u{ffff}\u{10ffff}a-zäöüß <>&\"'*_|#\\[\\]()!`~\\\\\\n\\r\\t.:/-]{0,40}",
        prop::collection::vec(0u32..0x1_0000, 0..6).prop_map(|codes| {
            codes.iter().fold(String::new(), |mut text, code| {
                let _ = write!(text, "_x{code:04X}_a");
                text
            })
        }),
        prop::sample::select(vec![
            "_xD800_",
            "_xDFFF_x0041_",
            "_x0000_",
            "_x001B_[31m",
            "\u{202e}gnp.exe",
            "<w:p>",
            "]]>",
            "&amp;",
            "[x](javascript:alert(1))",
            "{{ 1 }}",
            "\\",
            "- ",
            "1. ",
            "# ",
        ])
        .prop_map(str::to_string),
        ".{1,8}".prop_map(|text| text.repeat(2_000)),
    ]
}

/// Every field of the roster, the decisions and the two spreadsheets.
#[derive(Debug, Clone)]
struct Fields {
    yaml: Vec<String>,
    cells: Vec<String>,
}

fn fields() -> impl Strategy<Value = Fields> {
    (
        prop::collection::vec(field(), 14),
        prop::collection::vec(field(), 14),
    )
        .prop_map(|(yaml, cells)| Fields { yaml, cells })
}

/// A YAML double-quoted scalar that stands for exactly `text` (every character that is not
/// printable ASCII is written as an escape, so the file itself is plain ASCII).
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Required names must not be empty, so they get a letter in front.
fn named(text: &str) -> String {
    quoted(&format!("N{text}"))
}

fn project_with(fields: &Fields) -> Project {
    let y = &fields.yaml;
    let project = Project::with_shipped_templates();
    project.write(
        "inputs/sprecher.yaml",
        &format!(
            "konferenzen:
  - kuerzel: AMK
    name: {}
    aliases: [{}]
    themen: [{}, {}]
sprecher:
  - id: erika
    anrede: Frau
    titel: {}
    name: {}
    funktion: {}
    land: {}
    email: erika@example.org
    konferenzen: [AMK]
",
            named(&y[0]),
            quoted(&y[1]),
            quoted(&y[2]),
            quoted(&y[3]),
            quoted(&y[4]),
            named(&y[5]),
            quoted(&y[6]),
            quoted(&y[7]),
        ),
    );
    project.write(
        "inputs/beschluesse.yaml",
        &format!(
            "beschluesse:
  - nummer: \"2026/1\"
    titel: {}
    datum: 2026-06-01
    sitzung: {}
    kurz: {}
    punkte: [{}, {}]
    relevant_fuer: alle
    link: https://example.org/x
    einreichend: {}
{}",
            named(&y[8]),
            quoted(&y[9]),
            quoted(&y[10]),
            quoted(&y[11]),
            quoted(&y[12]),
            quoted(&y[13]),
            crate::cited_decisions!(),
        ),
    );
    let c = |index: usize| t(&fields.cells[index]);
    write_xlsx(
        &project.input("2026-11/ansprechpartner.xlsx"),
        "Ansprechpersonen",
        &[],
        &[
            "Konferenz",
            "Vorsitz",
            "Geschäftsstelle",
            "Ansprechperson",
            "Funktion",
            "Telefon",
            "E-Mail",
        ],
        &[
            vec![t("AMK"), c(0), c(1), c(2), c(3), c(4), c(5)],
            // An unknown conference is listed in the overview's data-quality notes.
            vec![c(6), c(0), c(1), c(2), c(3), c(4), c(5)],
        ],
    );
    write_xlsx(
        &project.input("2026-11/termine.xlsx"),
        "Termine",
        &[],
        &["Konferenz", "Sitzung", "Datum", "Ort", "Bemerkung"],
        &[
            vec![t("AMK"), c(7), d("2026-12-01"), c(8), c(9)],
            // Text that is not a date is an open date, shown as written.
            vec![t("AMK"), c(10), c(11), c(12), c(13)],
        ],
    );
    project
}

fn build_and_check(fields: &Fields) -> Result<(), TestCaseError> {
    let project = project_with(fields);
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    if !output.status.success() {
        // The one refusal arbitrary text can earn: a link with another scheme in a field
        // that holds Markdown (kurz, punkte). It must be that error, and nothing written.
        let message = stderr(&output);
        prop_assert_eq!(output.status.code(), Some(1), "{}", message);
        prop_assert!(
            message.contains("erlaubt sind nur Links mit http://, https:// und mailto:")
                && message.lines().filter(|l| l.starts_with("Fehler:")).count() == 1,
            "build failed:\n{}",
            message
        );
        let out = project.path().join("out");
        // Nothing written: at most the lock file of the output folder, which stays.
        prop_assert!(
            !out.exists()
                || std::fs::read_dir(&out)
                    .unwrap()
                    .all(|entry| entry.unwrap().file_name() == ".briefing.lock")
        );
        return Ok(());
    }
    let month = project.out("2026-11");
    let mut documents = 0;
    for entry in std::fs::read_dir(&month).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "docx") {
            let bytes = std::fs::read(&path).unwrap();
            let checked = std::panic::catch_unwind(|| assert_well_formed_package(&bytes));
            prop_assert!(checked.is_ok(), "{} is not well-formed", path.display());
            documents += 1;
        }
    }
    prop_assert_eq!(documents, 2);
    Ok(())
}

fn run(cases: u32) {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new(config)
        .run(&fields(), |fields| build_and_check(&fields))
        .unwrap();
}

#[test]
fn arbitrary_field_values_give_well_formed_documents() {
    run(16);
}

#[test]
#[ignore = "many cases; CI runs it with cargo test -- --ignored"]
fn arbitrary_field_values_give_well_formed_documents_many_cases() {
    run(256);
}

#[test]
fn the_package_checker_finds_forbidden_characters_and_broken_xml() {
    use crate::package_check::check_xml;
    assert!(check_xml("<a b=\"x\">t&amp;<c/></a>").is_ok());
    assert!(check_xml("<a>\u{1}</a>").is_err());
    assert!(check_xml("<a>&#1;</a>").is_err());
    assert!(check_xml("<a b=\"&#xFFFE;\"/>").is_err());
    assert!(check_xml("<a><b></a>").is_err());
    assert!(check_xml("<a/><b/>").is_err());
    assert!(check_xml("<a>&nbsp;</a>").is_err());
}
