//! What the shipped example's documents say and how they are laid out (issue 24): "Auf
//! einen Blick" on page one, the protocol salutation by function, the wording points, one
//! table font size, the overview's new columns.

use crate::support::*;

/// The rendered Markdown of `id` in the shipped example (or in `project`).
fn preview(project: &Project, id: &str) -> String {
    let output = project.run(&["preview", id, "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

/// The part of a briefing's Markdown from "## Auf einen Blick" to the next "## ".
fn at_a_glance(markdown: &str) -> &str {
    let start = markdown
        .find("## Auf einen Blick")
        .expect("an 'Auf einen Blick' section");
    let rest = &markdown[start + 3..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e);
    &rest[..end]
}

#[test]
fn at_a_glance_names_what_changed_and_what_comes_next_on_page_one() {
    let project = Project::shipped_example();
    let manke = preview(&project, "manke");
    let glance = at_a_glance(&manke);
    // The new GMK contact of the November list, and the next IMK meeting.
    assert!(
        glance.contains("Neu seit Oktober 2026 bei der Gesundheitsministerkonferenz:"),
        "{glance}"
    );
    assert!(
        glance.contains("Neue Ansprechperson: Sabine Kröger"),
        "{glance}"
    );
    assert!(
        glance.contains("- IMK: Herbstkonferenz 2026, 02.–04.12.2026\n"),
        "{glance}"
    );
    assert!(
        glance.contains("Nächster Schritt: die 52\\. Sitzung"),
        "{glance}"
    );
    // Before the standing texts: it is on the first page.
    let glance_at = manke.find("## Auf einen Blick").unwrap();
    let first_standing = manke.find("## Zentrale Botschaften").unwrap();
    assert!(glance_at < first_standing);
    // Empty parts are left out, never printed empty: without a previous month there are
    // no changes and no "new" decisions.
    let first_month = Project::shipped_example();
    std::fs::remove_dir_all(first_month.input("2026-10")).unwrap();
    let glance = preview(&first_month, "manke");
    let glance = at_a_glance(&glance);
    assert!(
        !glance.contains("Neu seit") && !glance.contains("Neue Beschlüsse"),
        "{glance}"
    );
    assert!(
        glance.contains("Nächste Sitzungen Ihrer Konferenzen:"),
        "{glance}"
    );
}

#[test]
fn the_protocol_salutation_follows_the_function_and_can_be_turned_off() {
    let project = Project::shipped_example();
    project.write(
        "templates/briefing.md.j2",
        "{{ sprecher | protokollanrede }}\n",
    );
    let salutation = |id: &str| preview(&project, id).trim().to_string();
    assert_eq!(salutation("schroedter"), "Sehr geehrter Herr Minister");
    assert_eq!(salutation("klement"), "Sehr geehrte Frau Staatssekretärin");
    assert_eq!(salutation("hagen"), "Sehr geehrter Herr Staatsrat");
    assert_eq!(salutation("ulbrich"), "Sehr geehrte Frau Staatssekretärin");
    // "Chef der Senatskanzlei und des Personalamtes" is none of the recognised offices.
    assert_eq!(salutation("poerksen"), "Sehr geehrter Herr Pörksen");
    // The setting: the name form for everyone.
    project.write(
        "templates/briefing.md.j2",
        "{% set protokollarische_anrede = false %}{{ sprecher | protokollanrede }}\n",
    );
    assert_eq!(salutation("schroedter"), "Sehr geehrter Herr Schrödter");
    assert_eq!(salutation("hagen"), "Sehr geehrter Herr Dr. Hagen");
}

#[test]
fn the_wording_points_of_the_review_are_fixed() {
    let project = Project::shipped_example();
    let poerksen = preview(&project, "poerksen");
    // The title names the person as the running header does.
    assert!(
        poerksen.starts_with("# Briefing für Jan Pörksen\n"),
        "{poerksen}"
    );
    // The E-Justice-Rat is no Fachministerkonferenz; twelve months in words, as elsewhere.
    assert!(poerksen.contains(
        "Beschlüsse der letzten zwölf Monate, die für den E-Justice-Rat und die \
         Wirtschaftsministerkonferenz von Bedeutung sind"
    ));
    assert!(!poerksen.contains("letzten 12 Monate"));
    // The DMK's purpose is not one of its topics; no English topic.
    let klement = preview(&project, "klement");
    assert!(!klement.contains("Ergänzung der bestehenden Digitalisierungsgremien"));
    let hagen = preview(&project, "hagen");
    assert!(!hagen.contains("AI Code of Conduct"));
}

#[test]
fn the_overview_shows_offices_spokesperson_contacts_and_who_belongs_to_each_meeting() {
    let project = Project::shipped_example();
    let overview = preview(&project, "uebersicht");
    assert!(overview.contains("| Konferenz | Vorsitz und Geschäftsstelle | Ansprechpersonen |"));
    assert!(
        overview.contains("**Geschäftsstelle:** Sächsische Staatskanzlei"),
        "{overview}"
    );
    // Function and e-mail of a spokesperson.
    assert!(overview.contains(
        "**Dirk Schrödter** (Schleswig-Holstein)<br>Minister und Chef der Staatskanzlei<br>\
         [dirk.schroedter@example.org](mailto:dirk.schroedter@example.org)"
    ));
    // The spokespersons beside a meeting (the IMK's two).
    let imk = overview
        .lines()
        .find(|l| l.contains("| IMK | Herbstkonferenz 2026 |"))
        .expect("the IMK's autumn meeting");
    assert!(imk.contains("Stephan Manke<br>Ina-Maria Ulbrich"), "{imk}");
}

#[test]
fn every_table_of_a_document_has_one_font_size() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    for name in [
        "briefing-poerksen.docx",
        "briefing-manke.docx",
        "uebersicht.docx",
    ] {
        let xml = docx_part(
            &project.out(&format!("2026-11/{name}")),
            "word/document.xml",
        );
        let mut sizes: Vec<&str> = xml
            .split("<w:tbl>")
            .skip(1)
            .flat_map(|t| {
                t[..t.find("</w:tbl>").unwrap()]
                    .split(r#"<w:sz w:val=""#)
                    .skip(1)
            })
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert!(!sizes.is_empty(), "{name}: no table runs with a size");
        sizes.sort_unstable();
        sizes.dedup();
        // One size; the shipped reference's table style sets 10 pt, smaller only where a
        // table's longest words would not fit.
        assert_eq!(sizes.len(), 1, "{name}: {sizes:?}");
        let size: u32 = sizes[0].parse().unwrap();
        assert!((16..=20).contains(&size), "{name}: {size}");
    }
}
