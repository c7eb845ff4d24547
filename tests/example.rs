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
