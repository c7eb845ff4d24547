//! MPK spreadsheets the way offices really make and forward them (issue 13): hidden sheets
//! and rows, mailto: hyperlinks and e-mail cells that are no address, formulas without a
//! stored result, decomposed umlauts, footnote markers, two-row headers, struck-through
//! (cancelled) meetings, duplicates, columns without a header. Each case is a real .xlsx
//! written with rust_xlsxwriter; the documents' text and the warnings are read back.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Url, Workbook, Worksheet};

use crate::support::*;

fn day(worksheet: &mut Worksheet, row: u32, column: u16, ymd: (u16, u8, u8), format: &Format) {
    let value = ExcelDateTime::from_ymd(ymd.0, ymd.1, ymd.2).unwrap();
    worksheet
        .write_datetime_with_format(row, column, &value, format)
        .unwrap();
}

fn contacts(project: &Project) {
    let mut workbook = Workbook::new();
    let sheet = workbook
        .add_worksheet()
        .set_name("Ansprechpersonen")
        .unwrap();
    for (column, header) in ["Konferenz", "Ansprechperson", "E-Mail", "Bemerkung"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    // Row 2: the address only in the hyperlink.
    sheet.write_string(1, 0, "AMK").unwrap();
    sheet.write_string(1, 1, "Anna Alpha").unwrap();
    sheet
        .write_url(
            1,
            2,
            Url::new("mailto:anna@example.org").set_text("E-Mail schreiben"),
        )
        .unwrap();
    sheet.write_string(1, 3, "nur vormittags").unwrap();
    // Row 3: hidden.
    sheet.write_string(2, 0, "AMK").unwrap();
    sheet.write_string(2, 1, "Arne Alpha").unwrap();
    sheet.write_string(2, 2, "arne@example.org").unwrap();
    sheet.set_row_hidden(2).unwrap();
    // Row 4: no address.
    sheet.write_string(3, 0, "BMK").unwrap();
    sheet.write_string(3, 1, "Bernd Beta").unwrap();
    sheet.write_string(3, 2, "siehe oben").unwrap();
    // Row 5: the conference is a formula never calculated (as scripts write them).
    sheet.set_formula_result_default("");
    sheet.write_formula(4, 0, Formula::new("=A2")).unwrap();
    sheet.write_string(4, 1, "Carl Formel").unwrap();
    sheet.write_string(4, 2, "carl@example.org").unwrap();
    // Row 6: a footnote marker, and the same contact as row 2.
    sheet.write_string(5, 0, "AMK*").unwrap();
    sheet.write_string(5, 1, "Anna Alpha").unwrap();
    sheet.write_string(5, 2, "anna.zwei@example.org").unwrap();
    // Row 7: a decomposed umlaut; data in column F without a header.
    sheet.write_string(6, 0, "BMK").unwrap();
    sheet.write_string(6, 1, "Ko\u{308}hler").unwrap();
    sheet.write_string(6, 2, "koehler@example.org").unwrap();
    sheet.write_string(6, 5, "Notiz am Rand").unwrap();
    let copy = workbook.add_worksheet().set_name("Kopie").unwrap();
    copy.write_string(0, 0, "Konferenz").unwrap();
    copy.write_string(0, 1, "Ansprechperson").unwrap();
    copy.write_string(1, 0, "CMK").unwrap();
    copy.write_string(1, 1, "Versteckte Person").unwrap();
    copy.set_hidden(true);
    workbook
        .save(project.input("2026-11/ansprechpartner.xlsx"))
        .unwrap();
}

fn meetings(project: &Project) {
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let struck = date.clone().set_font_strikethrough();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Termine").unwrap();
    // Row 1: `Termin` merged over row 2's `Beginn | Ende`.
    sheet.write_string(0, 0, "Konferenz").unwrap();
    sheet
        .merge_range(0, 1, 0, 2, "Termin", &Format::new())
        .unwrap();
    sheet.write_string(0, 3, "Ort").unwrap();
    sheet.write_string(1, 1, "Beginn").unwrap();
    sheet.write_string(1, 2, "Ende").unwrap();
    sheet.write_string(2, 0, "AMK").unwrap();
    day(sheet, 2, 1, (2026, 12, 2), &date);
    day(sheet, 2, 2, (2026, 12, 4), &date);
    sheet.write_string(2, 3, "Berlin").unwrap();
    // Row 4: struck through, cancelled.
    sheet.write_string(3, 0, "BMK").unwrap();
    day(sheet, 3, 1, (2026, 12, 10), &struck);
    sheet.write_string(3, 3, "Bonn").unwrap();
    // Row 5: the same meeting as row 3.
    sheet.write_string(4, 0, "AMK").unwrap();
    day(sheet, 4, 1, (2026, 12, 2), &date);
    day(sheet, 4, 2, (2026, 12, 4), &date);
    sheet.write_string(4, 3, "Berlin").unwrap();
    // Row 6: a year typo in the end.
    sheet.write_string(5, 0, "AMK").unwrap();
    day(sheet, 5, 1, (2026, 12, 10), &date);
    day(sheet, 5, 2, (2027, 12, 11), &date);
    sheet.write_string(5, 3, "Hamburg").unwrap();
    let copy = workbook.add_worksheet().set_name("Kopie").unwrap();
    copy.write_string(0, 0, "Konferenz").unwrap();
    copy.write_string(0, 1, "Datum").unwrap();
    copy.write_string(1, 0, "AMK").unwrap();
    day(copy, 1, 1, (2026, 12, 15), &date);
    copy.set_hidden(true);
    workbook
        .save(project.input("2026-11/termine.xlsx"))
        .unwrap();
}

fn built() -> (Project, String) {
    let project = Project::minimal();
    contacts(&project);
    meetings(&project);
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    (project, stderr(&output))
}

#[test]
fn every_fact_of_a_real_office_sheet_is_right_or_reported() {
    let (project, warnings) = built();
    let max = docx_text(&project.out("2026-11/briefing-max.docx"));
    let lea = docx_text(&project.out("2026-11/briefing-lea.docx"));
    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    let overview_xml = docx_part(&project.out("2026-11/uebersicht.docx"), "word/document.xml");
    let lea_xml = docx_part(
        &project.out("2026-11/briefing-lea.docx"),
        "word/document.xml",
    );
    let all = format!("{max}\n{lea}\n{overview}");

    // Hidden sheets are not read, and named.
    for hidden in ["Versteckte Person", "15.12.2026"] {
        assert!(
            !all.contains(hidden),
            "{hidden} from the hidden sheet is listed"
        );
    }
    assert_eq!(
        warnings
            .matches("Das Blatt „Kopie“ ist ausgeblendet")
            .count(),
        2
    );
    // Hidden rows are read and named once with their number.
    assert!(max.contains("Arne Alpha"));
    assert!(warnings.contains("ausgeblendete Zeilen"), "{warnings}");
    assert!(warnings.contains("Zeile 3"), "{warnings}");
    // The mailto: target is the address; the label is no link.
    assert!(max.contains("anna@example.org") && !max.contains("E-Mail schreiben"));
    assert!(!all.contains("mailto:E-Mail") && !overview_xml.contains("mailto:E-Mail"));
    // Text that is no address is shown as text, never as a link, and reported with its cell.
    assert!(lea.contains("E-Mail: siehe oben"), "{lea}");
    assert!(!lea_xml.contains("mailto:siehe") && !overview_xml.contains("mailto:siehe"));
    assert!(
        warnings.contains("„siehe oben“ in Zelle C4 ist keine E-Mail-Adresse"),
        "{warnings}"
    );
    // The remark column of the contacts is shown.
    assert!(max.contains("nur vormittags"));
    // A formula without result: the row is reported, not continued from the row above.
    assert!(!all.contains("Carl Formel"), "{all}");
    assert!(warnings.contains("Die Zelle A5"), "{warnings}");
    assert!(
        warnings.contains("Formel ohne gespeichertes Ergebnis"),
        "{warnings}"
    );
    // A footnote marker is ignored with a warning; the duplicate contact is used once.
    assert!(
        warnings.contains("„AMK*“ wird als AMK gelesen"),
        "{warnings}"
    );
    assert!(!all.contains("anna.zwei@example.org"));
    assert!(warnings.contains("Die Ansprechperson Anna Alpha (AMK) steht zweimal"));
    // NFC: the decomposed name is written composed.
    assert!(lea.contains("Köhler") && !lea.contains("Ko\u{308}hler"));
    // A column with data but without a header is named.
    assert!(warnings.contains("Spalte F enthält Daten"), "{warnings}");
    // The two-row header: the end day is read.
    assert!(max.contains("04.12.2026"), "{max}");
    assert_eq!(
        max.matches("Berlin").count(),
        1,
        "the duplicate meeting is used once"
    );
    assert!(
        warnings.contains("steht zweimal in der Liste"),
        "{warnings}"
    );
    // An end a year too far: one day, with a warning.
    assert!(
        max.contains("Hamburg") && !max.contains("11.12.2027"),
        "{max}"
    );
    assert!(
        warnings.contains("das Ende 11.12.2027 liegt mehr als 14 Tage"),
        "{warnings}"
    );
    // The struck-through meeting is cancelled: not listed, reported and noted.
    assert!(!lea.contains("Bonn"), "{lea}");
    assert!(
        warnings.contains("durchgestrichen und gilt als abgesagt"),
        "{warnings}"
    );
    assert!(overview.contains("Abgesagter Termin"), "{overview}");
    assert!(overview.contains("Doppelter Eintrag"), "{overview}");
}

#[test]
fn a_csv_and_an_empty_folder_are_named_in_the_error() {
    let project = Project::minimal();
    std::fs::remove_file(project.input("2026-11/termine.xlsx")).unwrap();
    project.write(
        "inputs/2026-11/termine.csv",
        "Konferenz;Datum\nAMK;01.12.2026\n",
    );
    let output = project.run(&["check", "--stand", "2026-11-28"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("termine.csv ist keine Tabelle"),
        "{message}"
    );
    assert!(message.contains("als .xlsx"), "{message}");
    std::fs::remove_file(project.input("2026-11/termine.csv")).unwrap();
    let output = project.run(&["check", "--stand", "2026-11-28"]);
    let message = stderr(&output);
    assert!(
        message.contains("im Ordner liegen: ansprechpartner.xlsx"),
        "{message}"
    );
}

/// A contacts list with a hidden row 3 (BMK) whose conference row 4 continues.
fn contacts_with_hidden_row(project: &Project) {
    let mut workbook = Workbook::new();
    let sheet = workbook
        .add_worksheet()
        .set_name("Ansprechpersonen")
        .unwrap();
    for (row, cells) in [
        ["Konferenz", "Ansprechperson"],
        ["AMK", "Anna Alpha"],
        ["BMK", "Bea Verborgen"],
        ["", "Bernd Beta"],
    ]
    .iter()
    .enumerate()
    {
        for (column, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string(row as u32, column as u16, *text)
                    .unwrap();
            }
        }
    }
    sheet.set_row_hidden(2).unwrap();
    workbook
        .save(project.input("2026-11/ansprechpartner.xlsx"))
        .unwrap();
}

#[test]
fn hidden_rows_are_left_out_with_the_setting_and_still_named() {
    let project = Project::minimal();
    contacts_with_hidden_row(&project);
    // The default reads them.
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lea = docx_text(&project.out("2026-11/briefing-lea.docx"));
    assert!(
        lea.contains("Bea Verborgen") && lea.contains("Bernd Beta"),
        "{lea}"
    );
    assert!(stderr(&output).contains("werden gelesen: Zeile 3"));

    project.write("briefing.yaml", "ausgeblendete_zeilen: auslassen\n");
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings = stderr(&output);
    let lea = docx_text(&project.out("2026-11/briefing-lea.docx"));
    assert!(!lea.contains("Bea Verborgen"), "{lea}");
    // The row below still continues the hidden row's conference.
    assert!(lea.contains("Bernd Beta"), "{lea}");
    assert_eq!(
        warnings
            .matches(
                "ausgeblendete Zeilen (von Hand oder durch einen Filter) werden nicht gelesen \
                 (Einstellung ausgeblendete_zeilen: auslassen): Zeile 3"
            )
            .count(),
        1,
        "{warnings}"
    );

    project.write("briefing.yaml", "ausgeblendete_zeilen: verstecken\n");
    let output = project.run(&["check", "--stand", "2026-11-28"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "ausgeblendete_zeilen: „verstecken“ ist unbekannt; erlaubt sind lesen und auslassen"
        ),
        "{}",
        stderr(&output)
    );
}

/// A date range as offices lay it out: "Datum" merged over two columns with "Von | Bis" below
/// (the other headers merged over both rows), one meeting of two days, one whose end lies a
/// year after its start, and one written as a year-long range of text in a "Termin" column of
/// a second sheet.
fn grouped_date_range(project: &Project) {
    let mut workbook = Workbook::new();
    let plain = Format::new();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let sheet = workbook.add_worksheet().set_name("Termine").unwrap();
    for (column, header) in [(0, "Konferenz"), (1, "Sitzung"), (4, "Ort")] {
        sheet
            .merge_range(0, column, 1, column, header, &plain)
            .unwrap();
    }
    sheet.merge_range(0, 2, 0, 3, "Datum", &plain).unwrap();
    sheet.write_string(1, 2, "von").unwrap();
    sheet.write_string(1, 3, "bis").unwrap();
    sheet.write_string(2, 0, "BMK").unwrap();
    sheet.write_string(2, 1, "Herbstkonferenz").unwrap();
    day(sheet, 2, 2, (2027, 10, 13), &date);
    day(sheet, 2, 3, (2027, 10, 14), &date);
    sheet.write_string(2, 4, "Weimar").unwrap();
    sheet.write_string(3, 0, "AMK").unwrap();
    sheet.write_string(3, 1, "Jahrestagung").unwrap();
    day(sheet, 3, 2, (2027, 10, 13), &date);
    day(sheet, 3, 3, (2028, 10, 14), &date);
    sheet.write_string(3, 4, "Jena").unwrap();
    let second = workbook.add_worksheet().set_name("Nachträge").unwrap();
    second.write_string(0, 0, "Konferenz").unwrap();
    second.write_string(0, 1, "Sitzung").unwrap();
    second.write_string(0, 2, "Termin").unwrap();
    second.write_string(1, 0, "CMK").unwrap();
    second.write_string(1, 1, "Klausur").unwrap();
    second
        .write_string(1, 2, "13.10.2027 - 14.10.2028")
        .unwrap();
    workbook
        .save(project.input("2026-11/termine.xlsx"))
        .unwrap();
}

#[test]
fn a_grouped_von_bis_header_keeps_every_end_and_a_year_long_meeting_is_named() {
    let project = Project::minimal();
    grouped_date_range(&project);
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings = stderr(&output);
    assert!(!warnings.contains("keine Überschrift"), "{warnings}");
    let file = "inputs/2026-11/termine.xlsx";
    for expected in [
        format!(
            "Warnung: {file}:Termine:4: Spalte „bis“: das Ende 14.10.2028 liegt mehr als 14 Tage \
             nach dem Beginn 13.10.2027; der Termin wird als eintägig aufgeführt"
        ),
        format!(
            "Warnung: {file}:Nachträge:2: Spalte „Termin“: das Ende 14.10.2028 liegt mehr als 14 \
             Tage nach dem Beginn 13.10.2027; der Termin wird als eintägig aufgeführt"
        ),
    ] {
        assert!(warnings.contains(&expected), "{expected}\n{warnings}");
    }
    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    assert!(overview.contains("13./14.10.2027"), "{overview}");
    let calendar = std::fs::read_to_string(project.out("2026-11/termine-uebersicht.ics")).unwrap();
    assert!(calendar.contains("DTSTART;VALUE=DATE:20271013\r\nDTEND;VALUE=DATE:20271015\r\n"));
    assert!(calendar.contains("SUMMARY:CMK: Klausur"), "{calendar}");
}
