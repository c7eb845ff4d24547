//! Real-world MPK spreadsheets: title rows, header variants, merged and blank conference
//! cells, several sheets, every date form of the spec, open dates. Every contact and meeting
//! reaches the right briefing or is reported with its row.

use crate::support::*;

fn contacts_workbook(project: &Project) {
    write_workbook(
        &project.input("2026-11/Ansprechpartner November.xlsx"),
        &[
            Sheet {
                name: "Übersicht",
                rows: vec![vec![t("Diese Datei enthält die Ansprechpersonen.")]],
                vertical_merges: vec![],
            },
            Sheet {
                name: "Ansprechpersonen",
                rows: vec![
                    vec![t("Ansprechpersonen der Fachministerkonferenzen")],
                    vec![t("Stand: November 2026")],
                    vec![],
                    vec![
                        t("KONFERENZ:"),
                        t("Vorsitzendes\nLand"),
                        t("Ansprech-\npartner:in"),
                        t("Position"),
                        t("Telefon-\nnummer"),
                        t("E-Mail*"),
                    ],
                    // Row 5, merged over rows 5 to 7 in the conference column.
                    vec![
                        t("ständige   konferenz der ALPHAMINISTER"),
                        t("Bayern"),
                        t("Anna Alpha"),
                        t("Leiterin"),
                        t("089 1\n089 11"),
                        t("anna@example.org; anna.alt@example.org"),
                    ],
                    vec![
                        Cell::Empty,
                        Cell::Empty,
                        t("Arne Alpha"),
                        t("Referent"),
                        Cell::Empty,
                        t("arne@example.org"),
                    ],
                    vec![
                        Cell::Empty,
                        Cell::Empty,
                        t("Antje Alpha"),
                        t("Referentin"),
                        Cell::Empty,
                        t("antje@example.org"),
                    ],
                    // Row 8 is empty: it ends the continuation.
                    vec![],
                    // Row 9: blank conference right after an empty row.
                    vec![
                        Cell::Empty,
                        Cell::Empty,
                        t("Niemand Nirgends"),
                        Cell::Empty,
                        Cell::Empty,
                        t("nn@example.org"),
                    ],
                    vec![
                        t("bmk"),
                        t("Berlin"),
                        t("Bernd Beta"),
                        Cell::Empty,
                        Cell::Empty,
                        t("bernd@example.org"),
                    ],
                    // Row 11: not in the roster.
                    vec![
                        t("Unbekannte Konferenz"),
                        Cell::Empty,
                        t("Uwe Unbekannt"),
                        Cell::Empty,
                        Cell::Empty,
                        t("uwe@example.org"),
                    ],
                ],
                vertical_merges: vec![(5, 0, 7)],
            },
            Sheet {
                name: "Nachträge",
                rows: vec![
                    vec![t("Gremium"), t("Name"), t("Mail")],
                    vec![
                        t("Gammaministerkonferenz"),
                        t("Gina Gamma"),
                        t("gina@example.org"),
                    ],
                ],
                vertical_merges: vec![],
            },
        ],
    );
}

/// (meeting name, date cell(s) as written, date as the briefing shows it)
fn text_dates() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("A-Punkt", "12.06.2027", "12.06.2027"),
        ("A-Kurz", "3.7.2027", "03.07.2027"),
        ("A-Jahr2", "04.08.27", "04.08.2027"),
        ("A-ISO", "2027-09-05", "05.09.2027"),
        ("A-Slash", "12./13.10.2027", "12./13.10.2027"),
        ("A-Strich", "14.-15.10.2027", "14./15.10.2027"),
        ("A-Gedanken", "16.–17.10.2027", "16./17.10.2027"),
        ("A-Monate", "30.10.–02.11.2027", "30.10.–02.11.2027"),
        ("A-Voll", "03.11.2027 - 04.11.2027", "03./04.11.2027"),
        ("A-Zeit", "05.11.2027, 10:00 Uhr", "05.11.2027"),
    ]
}

fn meetings_workbook(project: &Project) {
    let mut rows = vec![
        vec![t(
            "Termine der Fachministerkonferenzen – Stand: November 2026",
        )],
        vec![
            t("Fachministerkonferenz"),
            t("Veranstaltung"),
            t("Von"),
            t("Bis"),
            t("Tagungsort"),
            t("Hinweis"),
        ],
        // Row 3: real Excel dates in the Von/Bis pair.
        vec![
            t("AMK"),
            t("A-Excel"),
            d("2026-12-01"),
            d("2026-12-02"),
            t("Köln"),
            t("mit <Abendessen> & \"Gästen\""),
        ],
    ];
    for (name, written, _) in text_dates() {
        rows.push(vec![t("AMK"), t(name), t(written)]);
    }
    // Rows 14 and 15: open dates.
    rows.push(vec![t("AMK"), t("A-Offen"), t("Herbst 2027")]);
    rows.push(vec![t("AMK"), t("A-tbd"), t("tbd")]);
    // Row 16: blank conference continues AMK.
    rows.push(vec![Cell::Empty, t("A-Fortsetzung"), d("2027-01-10")]);
    // Row 17: an open date for BMK.
    rows.push(vec![t("BMK"), t("B-nn"), t("n.n.")]);
    write_workbook(
        &project.input("2026-11/Termine_2026-11.xlsx"),
        &[Sheet {
            name: "Termine",
            rows,
            vertical_merges: vec![],
        }],
    );
}

fn project() -> Project {
    let project = Project::with_shipped_templates();
    project.write("inputs/sprecher.yaml", ROSTER);
    project.write("inputs/beschluesse.yaml", DECISIONS);
    contacts_workbook(&project);
    meetings_workbook(&project);
    project
}

#[test]
fn every_contact_of_every_sheet_reaches_the_right_briefing() {
    let project = project();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let max = docx_text(&project.out("2026-11/briefing-max.docx"));
    for needle in [
        "Vorsitz: Bayern",
        "Anna Alpha",
        "089 1\n089 11",
        "anna@example.org\nanna.alt@example.org",
        "Arne Alpha",
        "Antje Alpha",
    ] {
        assert!(max.contains(needle), "max's briefing lacks {needle:?}");
    }
    for absent in [
        "Niemand Nirgends",
        "Uwe Unbekannt",
        "Bernd Beta",
        "Gina Gamma",
    ] {
        assert!(!max.contains(absent), "max's briefing has {absent:?}");
    }
    let lea = docx_text(&project.out("2026-11/briefing-lea.docx"));
    assert!(lea.contains("Bernd Beta") && lea.contains("Vorsitz: Berlin"));
    assert!(!lea.contains("Anna Alpha"));
    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    assert!(
        overview.contains("Gina Gamma"),
        "contact from the second sheet"
    );
}

#[test]
fn every_date_form_is_read_and_meetings_are_in_date_order() {
    let project = project();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let max = docx_text(&project.out("2026-11/briefing-max.docx"));
    let mut previous = 0;
    let mut expected = vec![
        ("A-Excel", "01./02.12.2026"),
        ("A-Fortsetzung", "10.01.2027"),
    ];
    expected.extend(
        text_dates()
            .into_iter()
            .map(|(name, _, shown)| (name, shown)),
    );
    expected.extend([("A-Offen", "Herbst 2027"), ("A-tbd", "tbd")]);
    for (name, shown) in expected {
        let line = format!("{shown}\n{name}\n");
        let position = max
            .find(&line)
            .unwrap_or_else(|| panic!("{name} should be listed as {shown:?}"));
        assert!(position > previous, "{name} is out of order");
        previous = position;
    }
    assert!(max.contains("mit <Abendessen> & \"Gästen\""));
}

#[test]
fn open_dates_unknown_conferences_and_unusable_rows_are_reported_with_their_row() {
    let project = project();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings = stderr(&output);
    let contacts = "inputs/2026-11/Ansprechpartner November.xlsx";
    let meetings = "inputs/2026-11/Termine_2026-11.xlsx";
    for expected in [
        format!("Warnung: {contacts}:Ansprechpersonen:9: die Zeile hat keine Konferenz"),
        format!(
            "Warnung: {contacts}:Ansprechpersonen:11: unbekannte Konferenz „Unbekannte Konferenz“"
        ),
        format!("Warnung: {meetings}:Termine:14: Spalte „Von“: „Herbst 2027“ ist kein Datum"),
        format!("Warnung: {meetings}:Termine:15: Spalte „Von“: „tbd“ ist kein Datum"),
        format!("Warnung: {meetings}:Termine:17: Spalte „Von“: „n.n.“ ist kein Datum"),
    ] {
        assert!(
            warnings.contains(&expected),
            "missing {expected:?} in\n{warnings}"
        );
    }
    assert!(
        !warnings.contains("Übersicht"),
        "a sheet without headers is ignored quietly"
    );
    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    for expected in [
        "Ansprechpartner November.xlsx, Blatt „Ansprechpersonen“, Zeile 9",
        "Ansprechpartner November.xlsx, Blatt „Ansprechpersonen“, Zeile 11",
        "Termine_2026-11.xlsx, Blatt „Termine“, Zeile 14",
        "Termine_2026-11.xlsx, Blatt „Termine“, Zeile 17",
    ] {
        assert!(overview.contains(expected), "overview lacks {expected:?}");
    }
}

#[test]
fn configured_column_names_are_accepted() {
    let project = project();
    write_xlsx(
        &project.input("2026-11/Termine_2026-11.xlsx"),
        "Termine",
        &[],
        &["Konferenz", "Sitzungstag", "Sitzungsort"],
        &[vec![t("AMK"), d("2027-03-03"), t("Erfurt")]],
    );
    let without = project.run(&["check", "--stand", "2026-11-28"]);
    assert_eq!(without.status.code(), Some(1));
    assert!(stderr(&without).contains("kein Blatt hat die nötigen Überschriften"));
    project.write(
        "briefing.yaml",
        "spalten:\n  datum: [Sitzungstag]\n  ort: [Sitzungsort]\n",
    );
    let with = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(with.status.success(), "{}", stderr(&with));
    let max = docx_text(&project.out("2026-11/briefing-max.docx"));
    assert!(max.contains("03.03.2027") && max.contains("Erfurt"));
}

#[test]
fn a_header_row_too_deep_is_named_with_its_row() {
    let project = project();
    let titles: Vec<&str> = (1..=19).map(|_| "Übersicht der MPK").collect();
    write_xlsx(
        &project.input("2026-11/Termine_2026-11.xlsx"),
        "Termine",
        &titles,
        &["Konferenz", "Datum", "Ort"],
        &[vec![t("AMK"), d("2027-03-03"), t("Erfurt")]],
    );
    let output = project.run(&["check", "--stand", "2026-11-28"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains(
            "kein Blatt hat die nötigen Überschriften „Konferenz“ und „Datum“ (oder „Beginn“) \
             in seinen ersten 15 Zeilen; Blatt „Termine“ hat sie in Zeile 20 („Konferenz“, \
             „Datum“, „Ort“), zu weit unten"
        ),
        "{message}"
    );

    // Deep and incomplete: the row with the most headers is named.
    write_xlsx(
        &project.input("2026-11/Termine_2026-11.xlsx"),
        "Termine",
        &titles,
        &["Konferenz", "Sitzung", "Ort"],
        &[vec![t("AMK"), t("Plenum"), t("Erfurt")]],
    );
    let message = stderr(&project.run(&["check", "--stand", "2026-11-28"]));
    assert!(
        message.contains(
            "am nächsten kommt Blatt „Termine“ Zeile 20 mit „Konferenz“, „Sitzung“, „Ort“"
        ),
        "{message}"
    );
}

#[test]
fn formatting_carried_to_the_sheets_end_is_not_data() {
    // LibreOffice writes a styled empty cell up to column XFD in every row once a format runs
    // to the sheet's end; only cells with a value count against the column limit.
    let project = Project::minimal();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let bordered = rust_xlsxwriter::Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    let sheet = workbook.add_worksheet();
    for (column, header) in ["Konferenz", "Datum"].into_iter().enumerate() {
        sheet.write_string(0, column as u16, header).unwrap();
    }
    sheet.write_string(1, 0, "AMK").unwrap();
    sheet.write_string(1, 1, "10.12.2026").unwrap();
    for row in 0..3 {
        sheet.write_blank(row, 16_383, &bordered).unwrap();
    }
    workbook
        .save(project.input("2026-11/termine.xlsx"))
        .unwrap();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("termine.xlsx"),
        "{}",
        stderr(&output)
    );
    let max = docx_text(&project.out("2026-11/briefing-max.docx"));
    assert!(max.contains("10.12.2026"), "{max}");
}
