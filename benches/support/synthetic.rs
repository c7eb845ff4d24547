//! A synthetic project of any size, for benchmarks: shared by `examples/synthetic_inputs.rs`
//! and `benches/stages.rs` (not part of the library or the user CLI).
//!
//! N spokespersons and N conferences (each spokesperson serves one conference, every tenth
//! a second one), 2 contact persons and 4 meetings per conference, 200 decisions, as real
//! .xlsx and YAML in `DIR/inputs/2026-11/`, plus the shipped templates and configuration in
//! `DIR/templates` and `DIR/briefing.yaml`. Deterministic: the same N gives the same files.

use std::fmt::Write as _;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn code(index: usize) -> String {
    format!("K{index:05}")
}

/// Writes the project with `count` spokespersons into `dir` (created if missing).
pub fn write_project(count: usize, dir: &Path) {
    let month = dir.join("inputs/2026-11");
    std::fs::create_dir_all(&month).unwrap();
    std::fs::write(dir.join("inputs/sprecher.yaml"), roster(count)).unwrap();
    std::fs::write(dir.join("inputs/beschluesse.yaml"), decisions(count)).unwrap();
    contacts(count, &month.join("ansprechpartner.xlsx"));
    meetings(count, &month.join("termine.xlsx"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&repo.join("templates"), &dir.join("templates"));
    std::fs::write(dir.join("briefing.yaml"), "beschluss_zeitraum_monate: 12\n").unwrap();
}

fn roster(count: usize) -> String {
    let mut yaml = String::from("konferenzen:\n");
    for i in 0..count {
        let _ = writeln!(
            yaml,
            // A name ending in a number says nothing of the gender: the roster gives it, as a
            // real one would, so a benchmark run is not a thousand warnings.
            "  - kuerzel: {}\n    name: Fachministerkonferenz Nummer {i}\n    genus: f\n    aliases: [\"FMK-Langname {i}\"]\n    themen: [Digitalisierung, Registermodernisierung, Informationssicherheit]",
            code(i)
        );
    }
    yaml.push_str("sprecher:\n");
    for i in 0..count {
        let second = if i % 10 == 0 && i + 1 < count {
            format!(", {}", code(i + 1))
        } else {
            String::new()
        };
        let _ = writeln!(
            yaml,
            "  - id: sprecher-{i}\n    anrede: {}\n    titel: \"{}\"\n    name: Vorname{i} Nachname{i}\n    funktion: Staatssekretärin oder Staatssekretär\n    land: Land {}\n    email: sprecher{i}@example.org\n    konferenzen: [{}{second}]",
            if i % 2 == 0 { "Frau" } else { "Herr" },
            if i % 3 == 0 { "Dr." } else { "" },
            i % 16,
            code(i)
        );
    }
    yaml
}

fn decisions(count: usize) -> String {
    let mut yaml = String::from("beschluesse:\n");
    for n in 0..200 {
        let relevance = if n % 4 == 0 {
            "alle".to_string()
        } else {
            format!("[{}, {}]", code(n * 7 % count), code((n * 13 + 1) % count))
        };
        let _ = writeln!(
            yaml,
            "  - nummer: \"2026/{n}\"\n    titel: Beschluss zur föderalen Digitalisierung Nummer {n}\n    datum: 2026-{:02}-{:02}\n    sitzung: {}. Sitzung\n    kurz: Der IT-Planungsrat beschließt **Maßnahme {n}** zur Umsetzung.\n    punkte:\n      - Erster Kernpunkt des Beschlusses {n}\n      - Zweiter Kernpunkt mit *Betonung*\n    relevant_fuer: {relevance}\n    link: https://example.org/beschluss/{n}",
            1 + n % 11,
            1 + n % 28,
            40 + n / 50
        );
    }
    yaml
}

fn contacts(count: usize, path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Ansprechpersonen").unwrap();
    sheet
        .write_string(0, 0, "Ansprechpersonen – Stand: November 2026")
        .unwrap();
    let header = [
        "Konferenz",
        "Vorsitz",
        "Geschäftsstelle",
        "Ansprechperson",
        "Funktion",
        "Telefon",
        "E-Mail",
    ];
    for (column, name) in header.iter().enumerate() {
        sheet.write_string(2, column as u16, *name).unwrap();
    }
    let mut row = 3;
    for i in 0..count {
        for person in 0..2 {
            let conference = if person == 0 {
                format!("FMK-Langname {i}")
            } else {
                code(i)
            };
            let values = [
                conference,
                format!("Land {}", i % 16),
                format!("Geschäftsstelle der Konferenz {i}"),
                format!("Kontakt{person} Person{i}"),
                if person == 0 {
                    "Leitung der Geschäftsstelle".into()
                } else {
                    "Referent".into()
                },
                format!("030 {i:05}-{person}"),
                format!("kontakt{person}.person{i}@example.org"),
            ];
            for (column, value) in values.iter().enumerate() {
                sheet.write_string(row, column as u16, value).unwrap();
            }
            row += 1;
        }
    }
    workbook.save(path).unwrap();
}

fn meetings(count: usize, path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Termine").unwrap();
    let date_format = Format::new().set_num_format("dd.mm.yyyy");
    let header = ["Konferenz", "Sitzung", "Beginn", "Ende", "Ort", "Bemerkung"];
    for (column, name) in header.iter().enumerate() {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    let mut row = 1;
    for i in 0..count {
        for meeting in 0..4u32 {
            let month = 1 + ((i as u32 + meeting * 3) % 12) as u8;
            let day = 1 + ((i as u32 * 7 + meeting) % 27) as u8;
            let year = if month >= 12 { 2026 } else { 2027 };
            let start = ExcelDateTime::from_ymd(year, month, day).unwrap();
            let end = ExcelDateTime::from_ymd(year, month, day + 1).unwrap();
            sheet.write_string(row, 0, code(i)).unwrap();
            sheet
                .write_string(row, 1, format!("Sitzung {meeting}"))
                .unwrap();
            sheet
                .write_datetime_with_format(row, 2, &start, &date_format)
                .unwrap();
            if meeting % 2 == 0 {
                sheet
                    .write_datetime_with_format(row, 3, &end, &date_format)
                    .unwrap();
            }
            sheet.write_string(row, 4, "Berlin").unwrap();
            sheet
                .write_string(row, 5, if meeting == 3 { "Videokonferenz" } else { "" })
                .unwrap();
            row += 1;
        }
    }
    workbook.save(path).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
