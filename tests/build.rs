//! `briefing build` on generated inputs: every contact, meeting and decision lands in the
//! right briefing, nothing outside the windows does, and bad input writes nothing.

use crate::support::*;

const STAND: &str = "2026-11-28";

/// Rows of the contacts sheet; the sheet has a title row and an empty row above the header
/// (header in Excel row 3, data from row 4).
fn contact_rows() -> Vec<Vec<Cell>> {
    vec![
        vec![
            t("Ständige Konferenz der Alphaminister"),
            t("Bayern"),
            t("Anna Alpha"),
            t("Leiterin der Geschäftsstelle"),
            t("089 1"),
            t("anna@example.org"),
        ],
        // Blank conference cell: continues the conference above.
        vec![
            Cell::Empty,
            Cell::Empty,
            t("Arne Alpha"),
            t("Referent"),
            t("089 2\n089 3"),
            t("arne@example.org\narne2@example.org"),
        ],
        vec![
            t("BMK"),
            t("Berlin"),
            t("Bernd Beta"),
            t("Referent"),
            t("030 1"),
            t("bernd@example.org"),
        ],
        vec![
            t("  GAMMAMINISTERKONFERENZ "),
            t("Sachsen"),
            t("Gina Gamma"),
            t("Referentin"),
            t("0351 1"),
            t("gina@example.org"),
        ],
        // Excel row 8: not in the roster.
        vec![
            t("Deltakonferenz"),
            t("Bremen"),
            t("Dora Delta"),
            Cell::Empty,
            Cell::Empty,
            t("dora@example.org"),
        ],
    ]
}

/// Rows of the dates sheet; one title row above the header (header in row 2, data from 3).
fn meeting_rows() -> Vec<Vec<Cell>> {
    vec![
        vec![t("AMK"), t("Alpha-Vorbei"), d("2026-11-27"), t("Köln")],
        vec![t("AMK"), t("Alpha-Läuft"), t("27.-29.11.2026"), t("Bonn")],
        vec![t("AMK"), t("Alpha-Heute"), d("2026-11-28"), t("Mainz")],
        vec![t("AMK"), t("Alpha-Horizont"), d("2027-11-28"), t("Kiel")],
        vec![t("AMK"), t("Alpha-Zuspät"), d("2027-11-29"), t("Ulm")],
        vec![
            t("Betaministerkonferenz"),
            t("Beta-Textdatum"),
            t("15.01.2027"),
            t("Jena"),
        ],
        // Excel row 9: an open date.
        vec![t("BMK"), t("Beta-Offen"), t("Herbst 2027"), t("Trier")],
        vec![t("CMK"), t("Gamma-Sitzung"), d("2027-02-01"), t("Gera")],
        // Excel row 11: not in the roster.
        vec![
            t("Deltakonferenz"),
            t("Delta-Sitzung"),
            d("2027-03-01"),
            t("Hof"),
        ],
    ]
}

fn project() -> Project {
    let project = Project::with_shipped_templates();
    project.write("inputs/sprecher.yaml", ROSTER);
    project.write("inputs/beschluesse.yaml", DECISIONS);
    write_xlsx(
        &project.input("2026-11/Ansprechpartner_MPK.xlsx"),
        "Ansprechpersonen",
        &[
            "Ansprechpersonen der Fachministerkonferenzen – Stand: November 2026",
            "",
        ],
        &[
            "Konferenz",
            "Vorsitz",
            "Ansprech-\npartner",
            "Funktion",
            "Tel.",
            "E-Mail-Adresse",
        ],
        &contact_rows(),
    );
    write_xlsx(
        &project.input("2026-11/termine.xlsx"),
        "Termine",
        &["Termine der Fachministerkonferenzen"],
        &["FachMK", "Sitzung", "Datum", "Ort"],
        &meeting_rows(),
    );
    project
}

fn build(project: &Project) -> std::process::Output {
    project.run(&["build", "--stand", STAND])
}

/// The start of a long text, so a failing assertion stays readable.
fn excerpt(text: &str) -> String {
    text.chars().take(3000).collect()
}

fn assert_contains_all(text: &str, needles: &[&str], what: &str) {
    for needle in needles {
        assert!(
            text.contains(needle),
            "{what} should contain {needle:?}:\n{}",
            excerpt(text)
        );
    }
}

fn assert_contains_none(text: &str, needles: &[&str], what: &str) {
    for needle in needles {
        assert!(
            !text.contains(needle),
            "{what} should not contain {needle:?}:\n{}",
            excerpt(text)
        );
    }
}

#[test]
fn every_briefing_holds_exactly_its_contacts_meetings_and_decisions() {
    let project = project();
    let output = build(&project);
    assert!(output.status.success(), "{}", stderr(&output));

    let erika = docx_text(&project.out("2026-11/briefing-erika.docx"));
    assert_contains_all(
        &erika,
        &[
            "Briefing für Dr. Erika Mustermann",
            "Stand: 28.11.2026",
            "Alphaministerkonferenz (AMK)",
            "Betaministerkonferenz (BMK)",
            "Anna Alpha",
            "Arne Alpha",
            "089 2\n089 3",
            "arne@example.org\narne2@example.org",
            "Bernd Beta",
            "Max Muster (Bremen)",
            "Lea Beispiel",
            "Alpha-Läuft",
            "27.–29.11.2026",
            "Alpha-Heute",
            "28.11.2026",
            "Alpha-Horizont",
            "Beta-Textdatum",
            "15.01.2027",
            "Beta-Offen",
            "Herbst 2027",
            "Beschluss 2026/1: Für alle im Fenster",
            "Eine wichtige Entscheidung.",
            "Erster Punkt",
            "Beschluss 2026/2: Nur Beta am Stichtag",
            "Beschluss 2025/30: Nur Alpha am ersten Tag des Fensters",
        ],
        "erika's briefing",
    );
    assert_contains_none(
        &erika,
        &[
            "Alpha-Vorbei",
            "Alpha-Zuspät",
            "Gamma",
            "Delta",
            "2025/29",
            "2026/9",
            "2026/3",
        ],
        "erika's briefing",
    );
    // Newest decision first; meetings in date order.
    let position = |needle: &str| erika.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(position("2026/2") < position("2026/1"));
    assert!(position("2026/1") < position("2025/30"));
    assert!(position("Alpha-Läuft") < position("Alpha-Heute"));
    assert!(position("Alpha-Heute") < position("Alpha-Horizont"));

    let max = docx_text(&project.out("2026-11/briefing-max.docx"));
    assert_contains_all(
        &max,
        &[
            "Briefing für Max Muster",
            "Anna Alpha",
            "Arne Alpha",
            "2026/1",
            "2025/30",
        ],
        "max's briefing",
    );
    assert_contains_none(
        &max,
        &[
            "Bernd Beta",
            "Beta-Textdatum",
            "2026/2",
            "2026/3",
            "Betaministerkonferenz",
        ],
        "max's briefing",
    );

    let lea = docx_text(&project.out("2026-11/briefing-lea.docx"));
    assert_contains_all(
        &lea,
        &[
            "Bernd Beta",
            "Beta-Textdatum",
            "Herbst 2027",
            "2026/1",
            "2026/2",
        ],
        "lea's briefing",
    );
    assert_contains_none(
        &lea,
        &["Anna Alpha", "Alpha-Horizont", "2025/30"],
        "lea's briefing",
    );
}

#[test]
fn the_overview_lists_all_conferences_meetings_decisions_and_quality_notes() {
    let project = project();
    let output = build(&project);
    assert!(output.status.success(), "{}", stderr(&output));
    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    assert_contains_all(
        &overview,
        &[
            "Gammaministerkonferenz",
            "Gina Gamma",
            "vakant",
            "Gamma-Sitzung",
            "Alpha-Läuft",
            "Alpha-Horizont",
            "Herbst 2027",
            "2026/3",
            "2026/1",
            "2025/30",
            "Hinweise zur Datenqualität",
            "„Deltakonferenz“",
            "Ansprechpartner_MPK.xlsx, Blatt „Ansprechpersonen“, Zeile 8",
            "termine.xlsx, Blatt „Termine“, Zeile 11",
            "termine.xlsx, Blatt „Termine“, Zeile 9",
        ],
        "overview",
    );
    assert_contains_none(
        &overview,
        &[
            "Alpha-Vorbei",
            "Alpha-Zuspät",
            "Dora Delta",
            "Delta-Sitzung",
            "2025/29",
            "2026/9",
        ],
        "overview",
    );
}

#[test]
fn warnings_name_file_sheet_and_row() {
    let project = project();
    let output = build(&project);
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings = stderr(&output);
    assert_contains_all(
        &warnings,
        &[
            "Warnung: inputs/2026-11/Ansprechpartner_MPK.xlsx:Ansprechpersonen:8: unbekannte Konferenz „Deltakonferenz“",
            "Warnung: inputs/2026-11/termine.xlsx:Termine:11: unbekannte Konferenz „Deltakonferenz“",
            "Warnung: inputs/2026-11/termine.xlsx:Termine:9: Spalte „Datum“: „Herbst 2027“ ist kein Datum",
        ],
        "stderr",
    );
}

#[test]
fn documents_use_word_structure_and_german_language() {
    let project = project();
    assert!(build(&project).status.success());
    let path = project.out("2026-11/briefing-erika.docx");
    let document = docx_part(&path, "word/document.xml");
    assert_contains_all(
        &document,
        &[
            "<w:pStyle w:val=\"Heading1\"/>",
            "<w:pStyle w:val=\"Heading2\"/>",
            "<w:tbl>",
            "<w:tblHeader/>",
            "<w:numPr>",
            "<w:hyperlink ",
        ],
        "document.xml",
    );
    let footer = docx_part(&path, "word/footer1.xml");
    assert_contains_all(
        &footer,
        &["Stand: 28.11.2026", "PAGE", "NUMPAGES"],
        "footer",
    );
    let styles = docx_part(&path, "word/styles.xml");
    assert!(styles.contains("w:val=\"de-DE\""), "{styles}");
    let core = docx_part(&path, "docProps/core.xml");
    assert_contains_all(
        &core,
        &["Briefing für Dr. Erika Mustermann", "2026-11-28T00:00:00Z"],
        "core.xml",
    );
}

#[test]
fn the_manifest_lists_every_briefing_with_its_checksum() {
    let project = project();
    assert!(build(&project).status.success());
    let manifest = std::fs::read_to_string(project.out("2026-11/versand.csv")).unwrap();
    let mut lines = manifest.lines();
    assert_eq!(
        lines.next(),
        Some("id,name,email,subject,file,sha256,monat,stand,pdf,pdf_sha256")
    );
    let rows: Vec<Vec<String>> = lines
        .map(|line| line.split(',').map(str::to_string).collect())
        .collect();
    let ids: Vec<&str> = rows.iter().map(|row| row[0].as_str()).collect();
    assert_eq!(ids, ["erika", "max", "lea"]);
    for row in &rows {
        let bytes = std::fs::read(project.out(&format!("2026-11/{}", row[4]))).unwrap();
        assert_eq!(row[5], briefing::output::sha256_hex(&bytes), "{row:?}");
        assert!(row[2].ends_with("@example.org"));
        assert!(row[3].contains("November 2026"), "{row:?}");
        // send reads month and reference date from here, not from the documents.
        assert_eq!(row[6], "2026-11", "{row:?}");
        assert_eq!(row[7], "2026-11-28", "{row:?}");
    }
}

#[test]
fn two_builds_give_byte_identical_files() {
    let project = project();
    assert!(build(&project).status.success());
    let first = project.path().join("first");
    std::fs::rename(project.out("2026-11"), &first).unwrap();
    assert!(build(&project).status.success());
    let mut names: Vec<_> = std::fs::read_dir(&first)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        9,
        "3 briefings, 4 calendars, overview, manifest: {names:?}"
    );
    for name in names {
        let before = std::fs::read(first.join(&name)).unwrap();
        let after = std::fs::read(project.out("2026-11").join(&name)).unwrap();
        assert!(before == after, "{name:?} differs between two builds");
    }
}

#[test]
fn only_rebuilds_the_named_briefings_and_keeps_the_rest() {
    let project = project();
    assert!(build(&project).status.success());
    let overview_before = std::fs::read(project.out("2026-11/uebersicht.docx")).unwrap();
    let output = project.run(&["build", "--stand", "2026-11-27", "--only", "lea"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("1 Briefing nach"));
    let lea = docx_text(&project.out("2026-11/briefing-lea.docx"));
    assert!(lea.contains("Stand: 27.11.2026"));
    let erika = docx_text(&project.out("2026-11/briefing-erika.docx"));
    assert!(erika.contains("Stand: 28.11.2026"));
    assert_eq!(
        std::fs::read(project.out("2026-11/uebersicht.docx")).unwrap(),
        overview_before
    );
    let manifest = std::fs::read_to_string(project.out("2026-11/versand.csv")).unwrap();
    assert_eq!(manifest.lines().count(), 4, "{manifest}");

    let unknown = project.run(&["build", "--only", "nobody"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("bekannte ids: erika, max, lea"));
}

#[test]
fn an_unknown_conference_code_in_the_roster_fails_and_keeps_the_previous_output() {
    let project = project();
    assert!(build(&project).status.success());
    let before = std::fs::read(project.out("2026-11/briefing-erika.docx")).unwrap();

    project.write(
        "inputs/sprecher.yaml",
        &ROSTER.replace("konferenzen: [BMK]", "konferenzen: [XMK]"),
    );
    let output = build(&project);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("Fehler: inputs/sprecher.yaml:30:19: lea: unbekanntes Kürzel „XMK“"),
        "{message}"
    );
    assert!(message.contains("es wurde nichts geschrieben"), "{message}");
    assert_eq!(
        std::fs::read(project.out("2026-11/briefing-erika.docx")).unwrap(),
        before
    );
    assert!(project.out("2026-11/briefing-lea.docx").exists());
}

#[test]
fn every_input_problem_is_reported_at_once_and_nothing_is_written() {
    let project = project();
    project.write(
        "inputs/beschluesse.yaml",
        &DECISIONS
            .replace("relevant_fuer: [CMK]", "relevant_fuer: [ZMK]")
            .replace("https://example.org/2026-1", "javascript:alert(1)"),
    );
    std::fs::write(project.input("2026-11/termine.xlsx"), b"not a workbook").unwrap();
    let output = build(&project);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_contains_all(
        &message,
        &["Fehler: inputs/2026-11/termine.xlsx: keine lesbare .xlsx-Arbeitsmappe"],
        "stderr",
    );
    assert!(!project.out("2026-11").exists());

    // With the workbook fixed, both decision problems are reported together.
    write_xlsx(
        &project.input("2026-11/termine.xlsx"),
        "Termine",
        &[],
        &["Konferenz", "Datum"],
        &[vec![t("AMK"), d("2026-12-01")]],
    );
    let output = build(&project);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_contains_all(
        &message,
        &[
            "Fehler: inputs/beschluesse.yaml:9:11: Beschluss 2026/1: der Link „javascript:alert(1)“ muss mit https://, http:// oder mailto: beginnen",
            "inputs/beschluesse.yaml:29:20: Beschluss 2026/3: unbekanntes Kürzel „ZMK“ in relevant_fuer",
        ],
        "stderr",
    );
    assert!(!project.out("2026-11").exists());
}

#[test]
fn month_defaults_to_the_newest_folder() {
    let project = project();
    std::fs::create_dir_all(project.input("2026-09")).unwrap();
    let output = build(&project);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(project.out("2026-11/uebersicht.docx").exists());

    let missing = project.run(&["build", "--month", "2026-12", "--stand", STAND]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("inputs/2026-12: für den Monat 2026-12 gibt es keinen Ordner")
    );

    let bad = project.run(&["build", "--month", "2026-13"]);
    assert_eq!(bad.status.code(), Some(2));
}
