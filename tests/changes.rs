//! Changes since last month: the shipped example's October and November lists differ (GMK
//! contact replaced, VMK meeting moved, UMK meeting added); each change shows in the briefing
//! of that conference's spokesperson and in the overview, and the first month shows none.

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
            "Verschoben: Frühjahrskonferenz 2027, 22./23.04.2027, Bremerhaven (bisher 15./16.04.2027)"
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
