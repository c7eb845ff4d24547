//! Meeting dates in the forms offices write them (issue 13): weekdays, month names, `bis`,
//! ISO with a time, times around a range, Excel day numbers as text and as plain numbers,
//! an open month; and the plausibility checks (end before start, far away). Each case is a
//! real .xlsx written with rust_xlsxwriter; the overview's text and the warnings are read.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::support::*;

/// Each row: conference, date cell text, place (the place names the row in the overview).
const TEXT_DATES: [(&str, &str, &str); 9] = [
    ("AMK", "Do., 10.12.2026", "Wochentag"),
    ("AMK", "Donnerstag, 17. Dezember 2026", "Langform"),
    ("AMK", "14. Januar 2027", "Monatsname"),
    ("AMK", "21. Jan. 2027", "Abkuerzung"),
    ("AMK", "03.02.2027 bis 04.02.2027", "Bis"),
    ("AMK", "2027-02-10T10:00", "Iso"),
    ("AMK", "17.02.2027 10:00 - 18.02.2027 12:00", "Zeitspanne"),
    ("AMK", "46420", "Tageszahltext"),
    ("AMK", "Dezember 2026", "Offenermonat"),
];

fn meetings(project: &Project, extra: impl FnOnce(&mut rust_xlsxwriter::Worksheet, u32)) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Termine").unwrap();
    for (column, header) in ["Konferenz", "Datum", "Ort"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    let mut row = 1;
    for (conference, date, place) in TEXT_DATES {
        sheet.write_string(row, 0, conference).unwrap();
        sheet.write_string(row, 1, date).unwrap();
        sheet.write_string(row, 2, place).unwrap();
        row += 1;
    }
    // A day number stored as a plain number (a date column formatted as "Standard").
    sheet.write_string(row, 0, "AMK").unwrap();
    sheet.write_number(row, 1, 46427.0).unwrap();
    sheet.write_string(row, 2, "Tageszahl").unwrap();
    extra(sheet, row + 1);
    workbook
        .save(project.input("2026-11/termine.xlsx"))
        .unwrap();
}

/// The overview's lines in order, from the first meeting line to the last.
fn overview_lines(project: &Project) -> Vec<String> {
    docx_text(&project.out("2026-11/uebersicht.docx"))
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn every_written_form_of_a_date_is_read() {
    let project = Project::minimal();
    meetings(&project, |_, _| {});
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    let warnings = stderr(&output);
    assert!(output.status.success(), "{warnings}");
    let lines = overview_lines(&project);
    let line_of = |place: &str| {
        lines
            .iter()
            .position(|line| line == place)
            .unwrap_or_else(|| panic!("{place} missing in {lines:#?}"))
    };
    let text = lines.join("\n");
    for (place, shown) in [
        ("Wochentag", "10.12.2026"),
        ("Langform", "17.12.2026"),
        ("Monatsname", "14.01.2027"),
        ("Abkuerzung", "21.01.2027"),
        ("Bis", "03./04.02.2027"),
        ("Iso", "10.02.2027"),
        ("Zeitspanne", "17./18.02.2027"),
        ("Tageszahltext", "02.02.2027"),
        ("Tageszahl", "09.02.2027"),
        ("Offenermonat", "Dezember 2026"),
    ] {
        // A table row's cells are lines: date, conference, meeting, place.
        let line = &lines[line_of(place) - 3];
        assert_eq!(line, shown, "{place}\n{text}");
    }
    // In date order; the open month after the days of December.
    let order: Vec<usize> = [
        "Wochentag",
        "Langform",
        "Offenermonat",
        "Monatsname",
        "Abkuerzung",
        "Tageszahltext",
        "Bis",
        "Tageszahl",
        "Iso",
        "Zeitspanne",
    ]
    .iter()
    .map(|place| line_of(place))
    .collect();
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{text}");
    // Day numbers are read with a warning naming the cell; the open month is still reported.
    assert!(
        warnings.contains("die Zelle B9 enthält die Zahl 46420, kein Datum")
            && warnings.contains("als Excel-Tageszahl gelesen: 02.02.2027"),
        "{warnings}"
    );
    assert!(
        warnings.contains("die Zelle B11 enthält die Zahl 46427"),
        "{warnings}"
    );
    assert!(
        warnings.contains("„Dezember 2026“ ist kein Datum") || warnings.contains("„Dezember 2026“"),
        "{warnings}"
    );
    assert!(
        text.contains("„Dezember 2026“ ist kein Datum; der Termin steht am Ende seines Monats."),
        "{text}"
    );
    // None of the text forms is reported as not a date.
    for (_, date, _) in &TEXT_DATES[..7] {
        assert!(!warnings.contains(date), "{date}: {warnings}");
    }
}

#[test]
fn an_end_before_the_start_is_an_error_naming_both_cells() {
    let project = Project::minimal();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Termine").unwrap();
    for (column, header) in ["Konferenz", "Beginn", "Ende", "Ort"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    let day = |y, m, d| ExcelDateTime::from_ymd(y, m, d).unwrap();
    sheet.write_string(1, 0, "AMK").unwrap();
    sheet
        .write_datetime_with_format(1, 1, day(2026, 12, 10), &date)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 2, day(2025, 12, 11), &date)
        .unwrap();
    sheet.write_string(1, 3, "Kiel").unwrap();
    // Far away: a year typo the other way.
    sheet.write_string(2, 0, "AMK").unwrap();
    sheet
        .write_datetime_with_format(2, 1, day(2062, 12, 10), &date)
        .unwrap();
    sheet.write_string(2, 3, "Fern").unwrap();
    workbook
        .save(project.input("2026-11/termine.xlsx"))
        .unwrap();
    let output = project.run(&["check", "--stand", "2026-11-28"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message
            .contains("das Ende 11.12.2025 (Zelle C2) liegt vor dem Beginn 10.12.2026 (Zelle B2)"),
        "{message}"
    );
    assert!(message.contains("Termine:2"), "the row is named: {message}");

    // The same in one cell.
    meetings(&project, |sheet, row| {
        sheet.write_string(row, 0, "AMK").unwrap();
        sheet
            .write_string(row, 1, "10.12.2026 10:00 - 11.12.2025 12:00")
            .unwrap();
    });
    let output = project.run(&["check", "--stand", "2026-11-28"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("liegt das Ende 11.12.2025 vor dem Beginn 10.12.2026"),
        "{message}"
    );

    // Without the reversed row, the far meeting is a warning only.
    meetings(&project, |sheet, row| {
        sheet.write_string(row, 0, "AMK").unwrap();
        sheet.write_string(row, 1, "10.12.2062").unwrap();
        sheet.write_string(row, 2, "Fern").unwrap();
    });
    let output = project.run(&["check", "--stand", "2026-11-28"]);
    let message = stderr(&output);
    assert!(output.status.success(), "{message}");
    assert!(
        message
            .contains("am 10.12.2062 (AMK) liegt mehr als 3 Jahre vom Stand 28.11.2026 entfernt"),
        "{message}"
    );
}
