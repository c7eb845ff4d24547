//! The shipped example: the README's build command works and produces the full batch.

use crate::support::*;

#[test]
fn the_shipped_example_builds_every_briefing_and_the_overview() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("wrote 12 briefing(s) and the overview"));

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
    assert!(overview.contains("Justizministerkonferenz"));
    assert!(overview.contains("vakant"));
    let manifest = std::fs::read_to_string(project.out("2026-11/versand.csv")).unwrap();
    assert_eq!(manifest.lines().count(), 13);
}
