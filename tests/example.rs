//! The shipped example: the README's build command works and produces the full batch.

use crate::support::*;

#[test]
fn the_shipped_example_builds_every_briefing_and_the_overview() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("12 Briefings und die Übersicht nach"));

    let roster = std::fs::read_to_string(repo().join("inputs/sprecher.yaml")).unwrap();
    let ids: Vec<&str> = roster
        .lines()
        .filter_map(|line| line.trim().strip_prefix("- id: "))
        .collect();
    assert_eq!(ids.len(), 12);
    for id in &ids {
        let path = project.out(&format!("2026-11/briefing-{id}.docx"));
        let text = docx_text(&path);
        assert!(text.starts_with("Briefing für "), "{id}: {text}");
        assert!(text.contains("Stand: 28.11.2026"), "{id}");
        assert!(text.contains("Zentrale Botschaften"), "{id}");
    }
    let manke = docx_text(&project.out("2026-11/briefing-manke.docx"));
    assert!(manke.contains("Innenministerkonferenz (IMK)"));
    assert!(manke.contains("Gesundheitsministerkonferenz (GMK)"));
    assert!(
        manke.contains("Ina-Maria Ulbrich"),
        "co-spokesperson of the IMK"
    );

    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    assert!(overview.starts_with("Fachpolitische Sprecherinnen und Sprecher des IT-Planungsrates"));
    assert!(
        !overview.contains("Sprecher:in"),
        "one style for group nouns"
    );
    assert!(overview.contains("Justizministerkonferenz"));
    // The JuMiKo has no spokesperson because it delegated the cooperation.
    assert!(overview.contains("übertragen an den E-Justice-Rat"));
    let manifest = std::fs::read_to_string(project.out("2026-11/versand.csv")).unwrap();
    assert_eq!(manifest.lines().count(), 13);
}

#[test]
fn a_parallel_build_writes_the_same_bytes_as_a_sequential_one() {
    let project = Project::shipped_example();
    let build = |threads: &str| {
        let output = project.run_with_env(
            &[
                "build",
                "--stand",
                "2026-11-28",
                "--out",
                &format!("out-{threads}"),
            ],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        project.path().join(format!("out-{threads}/2026-11"))
    };
    let sequential = build("1");
    let parallel = build("4");
    let mut names: Vec<_> = std::fs::read_dir(&sequential)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 27, "{names:?}");
    for name in names {
        let one = std::fs::read(sequential.join(&name)).unwrap();
        let four = std::fs::read(parallel.join(&name)).unwrap();
        assert!(one == four, "{name:?} differs between 1 and 4 threads");
    }
}

/// Issue 16: what a recipient noticed in the example's briefings, read back from the Word
/// documents (and the footnotes part) of a real build.
#[test]
fn the_example_briefings_write_correct_current_german() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let briefing = |id: &str| docx_text(&project.out(&format!("2026-11/briefing-{id}.docx")));
    let footnotes = |id: &str| {
        docx_part(
            &project.out(&format!("2026-11/briefing-{id}.docx")),
            "word/footnotes.xml",
        )
    };

    let manke = briefing("manke");
    assert!(
        manke.contains(
            "Fachpolitischer Sprecher des IT-Planungsrates für die Innenministerkonferenz und die Gesundheitsministerkonferenz"
        ),
        "{manke}"
    );
    assert!(
        manke.contains("Ebenfalls Sprecherin für die Innenministerkonferenz: Ina-Maria Ulbrich")
    );
    let ulbrich = briefing("ulbrich");
    assert!(ulbrich.contains("Fachpolitische Sprecherin des IT-Planungsrates für die Innenministerkonferenz und die Bauministerkonferenz"));
    assert!(ulbrich.contains("Ebenfalls Sprecher für die Innenministerkonferenz: Stephan Manke"));
    let poerksen = briefing("poerksen");
    assert!(poerksen.contains("für den E-Justice-Rat und die Wirtschaftsministerkonferenz"));
    assert!(poerksen.contains("Der E-Justice-Rat befasst sich"));
    assert!(!poerksen.contains("Die E-Justice-Rat"));
    // One conference: singular.
    let schloemer = briefing("schloemer");
    assert!(schloemer.contains("die für die Kultusministerkonferenz von Bedeutung sind"));
    assert!(!schloemer.contains("Ihre Fachministerkonferenzen"));
    // Conference-specific decisions, also in a conference's own partial (IMK).
    let imk = &manke[manke.find("Innenministerkonferenz (IMK)").unwrap()..];
    assert!(imk.contains("die die Innenministerkonferenz besonders betreffen"));
    assert!(imk.contains("Beschluss 2026/08: Anbindung der Verwaltungsportale an die EUDI-Wallet"));
    let ruhose = briefing("ruhose");
    assert!(ruhose.contains("Die Ministerkonferenz für Arbeit und Soziales befasst sich"));
    assert!(ruhose.contains("Beschluss 2026/21: Familienleistungen digital beantragen"));
    // JFMK under its real name.
    assert!(briefing("hagen").contains("Jugend- und Familienministerkonferenz (JFMK)"));

    let roster = std::fs::read_to_string(repo().join("inputs/sprecher.yaml")).unwrap();
    let ids: Vec<&str> = roster
        .lines()
        .filter_map(|line| line.trim().strip_prefix("- id: "))
        .collect();
    for id in &ids {
        let text = briefing(id);
        for stale in [
            "bzw.",
            "Sprecher:in",
            "Sprecherin bzw",
            "Change Requests",
            "Commitment",
            "bis zu weitere",
            "nach dem Konzept",
            "Auftaktgespräche",
            "Stand 18.04.2023",
            "Beschlüsse der letzten 60 Monate",
            "relevant für alle Fachministerkonferenzen",
        ] {
            assert!(!text.contains(stale), "{id}: {stale:?}");
        }
        // Decisions of the 12-month window, none older.
        assert!(text.contains("Beschlüsse der letzten zwölf Monate"), "{id}");
        assert!(text.contains("Beschluss 2026/27: Kommunalpakt"), "{id}");
        assert!(
            !text.contains("Beschluss 2023/"),
            "{id}: a 2023 decision is history"
        );
        // Conference-specific points for every conference of the briefing.
        assert_eq!(
            text.matches("Anknüpfungspunkte").count(),
            text.matches("Ansprechpersonen\n").count(),
            "{id}: every conference has its points"
        );
        // The Kommunalpakt passage once, not twice.
        assert_eq!(
            text.matches("Nachnutzung von EfA-Verfahren").count(),
            1,
            "{id}"
        );
        // The paper's order: central messages before the decisions.
        let messages = text.find("Zentrale Botschaften").unwrap();
        let decisions = text.find("Aktuelle Beschlüsse").unwrap();
        assert!(messages < decisions, "{id}");
        // The sender on the first page and the footnotes the templates ask for.
        assert!(text.contains("FITKO (Föderale IT-Kooperation)"), "{id}");
        assert!(text.contains("Funktionspostfach: it-plr@fitko.de"), "{id}");
        let notes = footnotes(id);
        assert!(notes.contains("veröffentlicht jeden Monat"), "{id}");
        assert!(notes.contains("IT-PLR-Beschluss 2023/02"), "{id}");
        assert!(notes.contains("OZG-Änderungsgesetz"), "{id}");
    }
}

#[test]
fn the_configured_group_style_reaches_the_header_and_the_templates() {
    let project = Project::shipped_example();
    let config = std::fs::read_to_string(project.path().join("briefing.yaml")).unwrap();
    project.write(
        "briefing.yaml",
        &format!("{config}\nschreibweise: doppelpunkt\n"),
    );
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let header = {
        let bytes = std::fs::read(project.out("2026-11/briefing-manke.docx")).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/header1.xml").unwrap(), &mut xml)
            .unwrap();
        xml
    };
    assert!(header.contains("Fachpolitische Sprecher:innen"), "{header}");
    // A person with a salutation keeps the form that fits them.
    let manke = docx_text(&project.out("2026-11/briefing-manke.docx"));
    assert!(
        manke.contains("Fachpolitischer Sprecher des IT-Planungsrates"),
        "{manke}"
    );
    assert!(!manke.contains("Sprecherinnen und Sprecher"), "{manke}");
}

#[test]
fn a_delegated_conference_is_not_vacant_and_briefings_name_the_next_session() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    assert!(
        overview.contains("übertragen an den E-Justice-Rat"),
        "{overview}"
    );
    // JuMiKo delegated its cooperation: neither "vakant" in the table nor a quality note.
    assert!(!overview.contains("vakant"), "{overview}");
    let manke = docx_text(&project.out("2026-11/briefing-manke.docx"));
    assert!(
        manke.contains(
            "Nächster Schritt: Bitte geben Sie die Ergebnisse Ihrer Gespräche mit der \
             Innenministerkonferenz und der Gesundheitsministerkonferenz bis zur 52. Sitzung \
             des IT-Planungsrates am 18.03.2027"
        ),
        "{manke}"
    );
    let poerksen = docx_text(&project.out("2026-11/briefing-poerksen.docx"));
    assert!(poerksen.contains("mit dem E-Justice-Rat und der Wirtschaftsministerkonferenz"));
    // After the last session no step is tied to a session.
    let late = project.run(&["build", "--stand", "2027-11-05"]);
    assert!(late.status.success(), "{}", stderr(&late));
    let manke = docx_text(&project.out("2026-11/briefing-manke.docx"));
    assert!(!manke.contains("Nächster Schritt"), "{manke}");
}

#[test]
fn a_wrong_gender_or_delegation_in_the_roster_is_an_error_with_its_line() {
    let project = Project::shipped_example();
    let roster = std::fs::read_to_string(project.path().join("inputs/sprecher.yaml")).unwrap();
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (from, to, expected) in [
        (
            "    genus: m\n",
            "    genus: x\n",
            "12: genus: „x“ ist kein grammatisches Geschlecht",
        ),
        (
            "    uebertragen_an: EJR\n",
            "    uebertragen_an: XYZ\n",
            "21: uebertragen_an: „XYZ“ ist kein anderes Kürzel",
        ),
    ] {
        let broken = roster.replace(from, to);
        project.write("inputs/sprecher.yaml", &broken);
        let output = project.run(&["check", "--stand", "2026-11-28"]);
        assert_eq!(output.status.code(), Some(1));
        let message = stderr(&output);
        let line = line_of(&broken, to.trim());
        assert!(
            message.contains(&format!("Fehler: inputs/sprecher.yaml:{line}:{expected}")),
            "{message}"
        );
    }
}
