//! Changes since last month: the shipped example's October and November lists differ (GMK
//! contact replaced, VMK meeting moved, UMK meeting added); each change shows in the briefing
//! of that conference's spokesperson and in the overview, and the first month shows none.
//! Generated two-month inputs cover the other kinds (changed contact, cancelled meeting).

use crate::support::*;

fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no \"{heading}\" in:\n{text}"));
    let rest = &text[start..];
    let end = rest[heading.len()..]
        .find("Änderungen seit")
        .map_or(rest.len(), |at| at + heading.len());
    &rest[..end]
}

#[test]
fn each_change_shows_in_the_briefing_of_its_conference() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));

    let manke = docx_text(&project.out("2026-11/briefing-manke.docx"));
    let gmk = &manke[manke.find("Gesundheitsministerkonferenz (GMK)").unwrap()..];
    let gmk = section(gmk, "Änderungen seit Oktober 2026");
    assert!(
        gmk.contains("Neue Ansprechperson: Sabine Kröger (Referentin)"),
        "{gmk}"
    );
    assert!(
        gmk.contains("Nicht mehr aufgeführt: Frank Wiegand (Referent)"),
        "{gmk}"
    );
    let imk = &manke[manke.find("Innenministerkonferenz (IMK)").unwrap()..];
    assert!(
        section(imk, "Änderungen seit Oktober 2026")
            .contains("Keine Änderungen gegenüber der Übersicht der MPK vom Oktober 2026"),
        "{imk}"
    );

    let sauer = docx_text(&project.out("2026-11/briefing-sauer.docx"));
    assert!(
        sauer.contains(
            "Verschoben: Frühjahrskonferenz 2027, 22./23.04.2027, Bremerhaven (Termin verschoben \
             (bisher 15./16.04.2027)) (bisher 15./16.04.2027)"
        ),
        "{sauer}"
    );
    assert!(!sauer.contains("Sabine Kröger"));

    let schroedter = docx_text(&project.out("2026-11/briefing-schroedter.docx"));
    assert!(
        schroedter.contains("Neuer Termin: Sonderkonferenz Hochwasservorsorge, 14.01.2027"),
        "{schroedter}"
    );
    assert!(!schroedter.contains("Verschoben:"));

    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    let changes = section(&overview, "Änderungen seit Oktober 2026");
    for expected in [
        "Neue Ansprechperson: Sabine Kröger",
        "Verschoben: Frühjahrskonferenz 2027",
        "Neuer Termin: Sonderkonferenz Hochwasservorsorge",
    ] {
        assert!(changes.contains(expected), "{expected}: {changes}");
    }
    assert!(!changes.contains("Innenministerkonferenz"), "{changes}");
}

#[test]
fn the_first_month_shows_no_changes() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--month", "2026-10", "--stand", "2026-10-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for file in [
        "briefing-manke.docx",
        "briefing-sauer.docx",
        "uebersicht.docx",
    ] {
        let text = docx_text(&project.out(&format!("2026-10/{file}")));
        assert!(!text.contains("Änderungen seit"), "{file}");
    }
}

#[test]
fn an_unreadable_previous_month_is_a_warning_and_shows_no_changes() {
    let project = Project::shipped_example();
    project.write("inputs/2026-10/ansprechpartner.xlsx", "kein Arbeitsblatt");
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "Warnung: inputs/2026-10: die Listen des Vormonats 2026-10 lassen sich nicht lesen, \
         daher fehlen die Änderungen seit 2026-10 (Einzelheiten zeigt „briefing check --month \
         2026-10“)\n"
    );
    let manke = docx_text(&project.out("2026-11/briefing-manke.docx"));
    assert!(!manke.contains("Änderungen seit"), "{manke}");
    assert!(manke.contains("Sabine Kröger"), "this month is still read");
}

const CONTACT_HEADER: &[&str] = &[
    "Konferenz",
    "Ansprechperson",
    "Funktion",
    "Telefon",
    "E-Mail",
];
const MEETING_HEADER: &[&str] = &["Konferenz", "Sitzung", "Datum", "Ort"];

fn contact(conference: &str, name: &str, phone: &str) -> Vec<Cell> {
    let mail = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    vec![t(conference), t(name), t("Referent"), t(phone), t(&mail)]
}

fn meeting(conference: &str, name: &str, day: &str, place: &str) -> Vec<Cell> {
    vec![t(conference), t(name), d(day), t(place)]
}

/// Two months of generated lists with every kind of change, each in one conference.
fn two_months() -> Project {
    let project = Project::with_shipped_templates();
    project.write("inputs/sprecher.yaml", ROSTER);
    project.write("inputs/beschluesse.yaml", DECISIONS);
    let october_contacts = vec![
        contact("AMK", "Anna Alpha", "089 1"),
        contact("BMK", "Bernd Beta", "030 1"),
    ];
    let november_contacts = vec![
        // AMK: same name, new phone number -> changed.
        contact("AMK", "Anna Alpha", "089 99"),
        // BMK: Bernd left, Berta came -> removed and new.
        contact("BMK", "Berta Neu", "030 2"),
        contact("CMK", "Gina Gamma", "0351 1"),
    ];
    let october_meetings = vec![
        meeting("AMK", "Alpha-Frühjahr", "2027-03-10", "Köln"),
        meeting("AMK", "Alpha-Sommer", "2027-07-01", "Bonn"),
        meeting("BMK", "Beta-Herbst", "2027-09-15", "Jena"),
    ];
    let november_meetings = vec![
        // AMK: the summer meeting is cancelled.
        meeting("AMK", "Alpha-Frühjahr", "2027-03-10", "Köln"),
        // BMK: moved by a week; a new special session.
        meeting("BMK", "Beta-Herbst", "2027-09-22", "Jena"),
        meeting("BMK", "Beta-Sondersitzung", "2027-01-20", "Erfurt"),
    ];
    for (month, contacts, meetings) in [
        ("2026-10", october_contacts, october_meetings),
        ("2026-11", november_contacts, november_meetings),
    ] {
        write_xlsx(
            &project.input(&format!("{month}/ansprechpartner.xlsx")),
            "Ansprechpersonen",
            &[],
            CONTACT_HEADER,
            &contacts,
        );
        write_xlsx(
            &project.input(&format!("{month}/termine.xlsx")),
            "Termine",
            &[],
            MEETING_HEADER,
            &meetings,
        );
    }
    project
}

#[test]
fn every_kind_of_change_reaches_the_briefings_of_its_conference() {
    let project = two_months();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));

    let amk_changes = [
        "Geänderte Angaben: Anna Alpha (Referent), Tel. 089 99",
        "(bisher: Anna Alpha (Referent), Tel. 089 1",
        "Entfallen: Alpha-Sommer, 01.07.2027, Bonn",
    ];
    let bmk_changes = [
        "Neue Ansprechperson: Berta Neu (Referent)",
        "Nicht mehr aufgeführt: Bernd Beta (Referent)",
        "Neuer Termin: Beta-Sondersitzung, 20.01.2027, Erfurt",
        "Verschoben: Beta-Herbst, 22.09.2027, Jena (bisher 15.09.2027)",
    ];
    let read = |id: &str| docx_text(&project.out(&format!("2026-11/briefing-{id}.docx")));
    let (erika, max, lea) = (read("erika"), read("max"), read("lea"));
    for change in amk_changes.iter().chain(&bmk_changes) {
        assert!(erika.contains(change), "erika: {change}\n{erika}");
    }
    for change in &amk_changes {
        assert!(max.contains(change), "max: {change}");
        assert!(!lea.contains(change), "lea: {change}");
    }
    for change in &bmk_changes {
        assert!(lea.contains(change), "lea: {change}");
        assert!(!max.contains(change), "max: {change}");
    }
    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    for change in amk_changes.iter().chain(&bmk_changes) {
        assert!(overview.contains(change), "overview: {change}");
    }
    // CMK had no list in October: its contact is new.
    assert!(overview.contains("Neue Ansprechperson: Gina Gamma"));
}

/// A real workbook per month with chair, office and remark columns in both sheets.
fn full_lists(project: &Project, month: &str, contacts: &[[&str; 6]], meetings: &[[&str; 5]]) {
    let rows = |rows: Vec<Vec<Cell>>| rows;
    write_xlsx(
        &project.input(&format!("{month}/ansprechpartner.xlsx")),
        "Ansprechpersonen",
        &[],
        &[
            "Konferenz",
            "Vorsitz",
            "Geschäftsstelle",
            "Ansprechperson",
            "E-Mail",
            "Bemerkung",
        ],
        &rows(
            contacts
                .iter()
                .map(|row| row.iter().map(|cell| t(cell)).collect())
                .collect(),
        ),
    );
    write_xlsx(
        &project.input(&format!("{month}/termine.xlsx")),
        "Termine",
        &[],
        &["Konferenz", "Sitzung", "Datum", "Ort", "Bemerkung"],
        &meetings
            .iter()
            .map(|row| vec![t(row[0]), t(row[1]), d(row[2]), t(row[3]), t(row[4])])
            .collect::<Vec<_>>(),
    );
}

#[test]
fn a_new_chair_office_remark_or_place_is_a_change_never_none() {
    let project = Project::with_shipped_templates();
    project.write("inputs/sprecher.yaml", ROSTER);
    project.write("inputs/beschluesse.yaml", DECISIONS);
    full_lists(
        &project,
        "2026-10",
        &[
            [
                "AMK",
                "Bayern",
                "Bundesrat",
                "Anna Alpha",
                "anna@example.org",
                "",
            ],
            [
                "BMK",
                "Hessen",
                "Wiesbaden",
                "Bernd Beta",
                "bernd@example.org",
                "vormittags",
            ],
        ],
        &[
            ["AMK", "Plenum", "2027-03-10", "Köln", ""],
            ["BMK", "Herbst", "2027-09-15", "Jena", "mit Presse"],
        ],
    );
    // The chair rotates in January; here it already changed, as did AMK's office.
    full_lists(
        &project,
        "2026-11",
        &[
            [
                "AMK",
                "Berlin",
                "Senatskanzlei",
                "Anna Alpha",
                "anna@example.org",
                "",
            ],
            [
                "BMK",
                "Hessen",
                "Wiesbaden",
                "Bernd Beta",
                "bernd@example.org",
                "nachmittags",
            ],
        ],
        &[
            ["AMK", "Plenum", "2027-03-10", "Potsdam", ""],
            ["BMK", "Herbst", "2027-09-15", "Jena", "ohne Presse"],
        ],
    );
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let read = |id: &str| docx_text(&project.out(&format!("2026-11/briefing-{id}.docx")));
    let (max, lea) = (read("max"), read("lea"));
    let amk = section(&max, "Änderungen seit Oktober 2026");
    for change in [
        "Vorsitz: Berlin (bisher: Bayern)",
        "Geschäftsstelle: Senatskanzlei (bisher: Bundesrat)",
        "Geänderte Angaben: Plenum, 10.03.2027, Potsdam (bisher: Plenum, 10.03.2027, Köln)",
    ] {
        assert!(amk.contains(change), "{change}\n{amk}");
    }
    assert!(!amk.contains("Keine Änderungen"), "{amk}");
    let bmk = section(&lea, "Änderungen seit Oktober 2026");
    for change in [
        "Geänderte Angaben: Bernd Beta, bernd@example.org, nachmittags (bisher: Bernd Beta, \
         bernd@example.org, vormittags)",
        "Geänderte Angaben: Herbst, 15.09.2027, Jena (ohne Presse) (bisher: Herbst, 15.09.2027, \
         Jena (mit Presse))",
    ] {
        assert!(bmk.contains(change), "{change}\n{bmk}");
    }
    assert!(!bmk.contains("Vorsitz:"), "{bmk}");
    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    assert!(
        overview.contains("Vorsitz: Berlin (bisher: Bayern)"),
        "{overview}"
    );

    // The same lists again: nothing changed, and the briefing says so.
    std::fs::remove_dir_all(project.input("2026-10")).unwrap();
    std::fs::create_dir_all(project.input("2026-10")).unwrap();
    for file in ["ansprechpartner.xlsx", "termine.xlsx"] {
        std::fs::copy(
            project.input(&format!("2026-11/{file}")),
            project.input(&format!("2026-10/{file}")),
        )
        .unwrap();
    }
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let max = read("max");
    assert!(
        section(&max, "Änderungen seit Oktober 2026").contains("Keine Änderungen"),
        "{max}"
    );
}
