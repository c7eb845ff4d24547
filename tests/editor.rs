//! Issue 15, the editors' safety net: each case an editor met (quotes from Word, a typo in a
//! branch this month's data does not reach, Markdown that cannot become Word structure, files
//! saved as Windows does, YAML slips) as a run of the real binary on a copy of the shipped
//! example, with its exit code and the exact message pinned with insta. A property test feeds
//! arbitrary Unicode templates through the renderer's check, its messages and a render.

use std::path::PathBuf;

use briefing::diagnostics::Place;
use briefing::load::templates::{TemplateSource, Templates};
use briefing::model::BriefingContexts;
use briefing::render::{Renderer, shape};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::support::*;

const STAND: &[&str] = &["--stand", "2026-11-28", "--month", "2026-11"];

/// Appends `text` to a shipped template (the per-conference default partial is included
/// once per conference, with `k` the conference).
fn append(project: &Project, file: &str, text: &str) {
    let path = project.path().join("templates").join(file);
    let mut old = std::fs::read(&path).unwrap();
    old.extend_from_slice(text.as_bytes());
    std::fs::write(&path, old).unwrap();
}

const PARTIAL: &str = "partials/konferenzen/standard.md.j2";

/// `exit N` and stderr of a command, for a snapshot.
fn outcome(project: &Project, args: &[&str]) -> String {
    let output = project.run(args);
    format!(
        "exit {}\n{}",
        output.status.code().unwrap_or(-1),
        stderr(&output)
    )
}

fn check(project: &Project) -> String {
    let mut args = vec!["check"];
    args.extend_from_slice(STAND);
    outcome(project, &args)
}

fn preview(project: &Project, id: &str) -> String {
    let mut args = vec!["preview", id];
    args.extend_from_slice(STAND);
    let output = project.run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn german_quotes_and_no_break_spaces_in_tags_work() {
    let project = Project::shipped_example();
    append(
        &project,
        PARTIAL,
        "{% if k.kuerzel == „GMK“ %}Sonderfall GMK{%\u{a0}endif\u{a0}%}\n{{ ‚-‘ ~ »x« ~ “y” }} „Zitat“\n",
    );
    insta::assert_snapshot!(check(&project), @"exit 0");
    let manke = preview(&project, "manke");
    assert!(manke.contains("Sonderfall GMK"), "{manke}");
    assert!(manke.contains("\\-xy „Zitat“"), "{manke}");
    assert_eq!(
        manke.matches("Sonderfall GMK").count(),
        1,
        "only under the GMK"
    );
}

#[test]
fn an_umlaut_in_a_name_is_a_message_not_a_crash() {
    let project = Project::shipped_example();
    append(&project, PARTIAL, "{{ k.größe }}\n");
    insta::assert_snapshot!(check(&project));
}

#[test]
fn a_typo_in_a_branch_this_month_does_not_reach() {
    let project = Project::shipped_example();
    append(
        &project,
        PARTIAL,
        "{% for t in k.termine %}{% if t.datum_offen %}{{ t.datum_offn }}{% endif %}{% endfor %}\n\
         {% for x in k.themen %}{{ x }}{% else %}{{ k.nme }}{% endfor %}\n",
    );
    insta::assert_snapshot!(check(&project));
}

#[test]
fn a_typo_in_the_changes_of_a_first_month() {
    let project = Project::shipped_example();
    append(
        &project,
        PARTIAL,
        "{% if k.aenderungen %}{{ k.aenderungen.anzhl }}{% endif %}\n",
    );
    insta::assert_snapshot!(outcome(
        &project,
        &["check", "--stand", "2026-10-28", "--month", "2026-10"]
    ));
}

#[test]
fn a_typo_in_a_macro_and_a_misspelt_filter_and_test() {
    let project = Project::shipped_example();
    append(
        &project,
        "partials/makros.md.j2",
        "{% macro ort(t) %}{{ t.ortt }}{% endmacro %}\n",
    );
    append(
        &project,
        PARTIAL,
        "{{ k.name | uper }}{% if k.name is strin %}x{% endif %}\n\
         {% import \"partials/makros.md.j2\" as mm %}\
         {% for t in k.termine %}{{ mm.ort(t) }}{{ mm.ortt(t) }}{% endfor %}\n",
    );
    insta::assert_snapshot!(check(&project));
}

#[test]
fn a_table_without_separator_row_or_with_a_missing_cell() {
    let project = Project::shipped_example();
    append(
        &project,
        PARTIAL,
        "\n| Name | Kürzel |\n| {{ k.name }} | {{ k.kuerzel }} |\n\n\
         | Name | Kürzel |\n|---|---|\n{% for s in k.sprecher %}\n| {{ s.name }} |\n{% endfor %}\n",
    );
    insta::assert_snapshot!(check(&project));
}

#[test]
fn bold_that_would_print_literally_html_and_a_misspelt_command() {
    let project = Project::shipped_example();
    append(
        &project,
        PARTIAL,
        "\n## **Zentrale Botschaften\n\n<b>wichtig</b><br>\n\n\\querfomat\n",
    );
    insta::assert_snapshot!(check(&project));
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let project = Project::shipped_example();
    let path = project.path().join("templates/briefing.md.j2");
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend(std::fs::read(&path).unwrap());
    std::fs::write(&path, text).unwrap();
    insta::assert_snapshot!(check(&project), @"exit 0");
    assert!(preview(&project, "manke").starts_with("# Briefing für"));
}

#[test]
fn windows_line_endings_are_fine() {
    let project = Project::shipped_example();
    let path = project.path().join("templates/briefing.md.j2");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    insta::assert_snapshot!(check(&project), @"exit 0");
}

#[test]
fn a_template_saved_as_windows_1252() {
    let project = Project::shipped_example();
    let path = project.path().join("templates/partials/hinweise.md.j2");
    std::fs::write(&path, b"Erste Zeile\nZweite Zeile\nGr\xF6\xDFe\n").unwrap();
    insta::assert_snapshot!(check(&project));
}

#[test]
fn a_tab_in_the_roster() {
    let project = Project::shipped_example();
    let path = project.input("sprecher.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("    name: Stephan Manke", "\tname: Stephan Manke", 1),
    )
    .unwrap();
    insta::assert_snapshot!(check(&project));
}

#[test]
fn a_duplicate_key_in_the_roster() {
    let project = Project::shipped_example();
    let path = project.input("sprecher.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen(
            "    name: Stephan Manke\n",
            "    name: Stephan Manke\n    name: S. Manke\n",
            1,
        ),
    )
    .unwrap();
    insta::assert_snapshot!(check(&project));
}

#[test]
fn two_unknown_keys_in_one_file_are_both_reported() {
    let project = Project::shipped_example();
    let path = project.input("sprecher.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replacen(
            "    name: Stephan Manke\n",
            "    name: Stephan Manke\n    telefon: 0511 1\n",
            1,
        )
        .replacen("  - id: manke\n", "  - id: manke\n    raum: 3.14\n", 1);
    std::fs::write(&path, text).unwrap();
    insta::assert_snapshot!(check(&project));
}

#[test]
fn a_conference_partial_in_lower_case_is_used_and_one_for_no_conference_warned() {
    let project = Project::shipped_example();
    project.write(
        "templates/partials/konferenzen/gmk.md.j2",
        "Nur für die GMK: {{ k.name }}\n",
    );
    project.write("templates/partials/konferenzen/XMK.md.j2", "Nie benutzt\n");
    insta::assert_snapshot!(check(&project));
    let manke = preview(&project, "manke");
    assert!(
        manke.contains("Nur für die GMK: Gesundheitsministerkonferenz"),
        "{manke}"
    );
}

/// Pieces editors' templates are made of, hostile ones included.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::sample::select(vec![
            "{{",
            "}}",
            "{%",
            "%}",
            "{#",
            "#}",
            "{%-",
            "-%}",
            "„",
            "“",
            "”",
            "‚",
            "‘",
            "’",
            "»",
            "«",
            "\u{a0}",
            "\u{202f}",
            " ",
            "\n",
            "\r\n",
            "if ",
            "for x in ",
            " in ",
            "endif",
            "endfor",
            "else",
            "k.",
            "k.name",
            "konferenzen",
            "sprecher.",
            "größe",
            "ä",
            "|",
            " | datum",
            " is defined",
            "~",
            "\"",
            "'",
            "raw",
            "endraw",
            "macro m(a)",
            "endmacro",
            "include ",
            "import ",
            "set x = ",
            "\\",
            "**",
            "## ",
            "| a | b |",
            "|---|",
            "<b>",
            "\\querfomat",
            "\u{feff}",
            "\u{10ffff}",
            "\u{0}",
            // Issue 21: decisions, footnotes, links, lists before tables.
            "beschluss_zitat(\"2026/04\")",
            "beschluss(\"2026/05\").titel",
            "beschluss(",
            "Beschluss 2023/07",
            "2026/",
            "[^a]",
            "[^a]: ",
            "](www.x.de)",
            "](",
            "- x\n",
            "###x",
        ])
        .prop_map(str::to_string),
    ]
}

fn template() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
}

/// The template (as `briefing.md.j2` and as a partial the overview includes) through
/// `check_all`, its messages and a render with fully populated data.
fn exercise(text: &str) {
    let templates = Templates {
        dir: PathBuf::from("templates"),
        sources: [
            ("briefing.md.j2", text.to_string()),
            ("partials/x.md.j2", text.to_string()),
            (
                "uebersicht.md.j2",
                "{% include \"partials/x.md.j2\" %}".to_string(),
            ),
            (
                "email.txt.j2",
                "Betreff: x\n\n{{ sprecher.name }}".to_string(),
            ),
        ]
        .into_iter()
        .map(|(name, text)| (name.to_string(), TemplateSource::Text(text)))
        .collect(),
    };
    let decision = |number: &str| briefing::load::DecisionEntry {
        number: number.to_string(),
        number_at: briefing::diagnostics::Location::file(std::path::Path::new("b.yaml")),
        title: "Architekturrichtlinie Deutschland-Stack".to_string(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 3, 18).unwrap(),
        session: Some("49. Sitzung".to_string()),
        summary: None,
        points: Vec::new(),
        relevance: briefing::load::Relevance::All,
        relevance_at: briefing::diagnostics::Location::file(std::path::Path::new("b.yaml")),
        link: Some("https://example.org/(x)".to_string()),
        link_at: None,
        submitted_by: None,
    };
    let renderer = Renderer::new(&templates).with_decisions(&[decision("2026/04")]);
    let problems = renderer.check_all();
    let lines = text.split('\n').count() as u64;
    for problem in problems.iter() {
        let shown = problem.to_string();
        assert!(!shown.is_empty());
        if let Place::Line { line, column } = problem.location.place {
            assert!(
                line >= 1 && line <= lines,
                "line {line} of {lines}: {shown}"
            );
            assert!(column >= 1, "{shown}");
        }
    }
    let model = shape::full_sample();
    let contexts = BriefingContexts::new(&model);
    if let Err(problems) = renderer.briefing(&contexts.of(&model.sprecher[0])) {
        let _ = problems.to_string();
    }
    if let Err(problems) = renderer.overview(&model) {
        let _ = problems.to_string();
    }
    // The outline guard on what was rendered: against nothing and against itself.
    let outlines = renderer.take_outlines();
    let empty = Default::default();
    let _ = renderer
        .outline_warnings(&outlines, &empty, "2026-11", true)
        .to_string();
    assert!(
        renderer
            .outline_warnings(&outlines, &outlines, "2026-11", true)
            .is_empty(),
        "the same outlines twice are no finding"
    );
}

fn run_templates(cases: u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&template(), |text| {
            exercise(&text);
            Ok(())
        })
        .unwrap();
}

#[test]
fn arbitrary_unicode_templates_never_panic() {
    for text in [
        "{% if k.kuerzel == „IMK“ %}",
        "{{ k.größe }}",
        "{{\u{a0}x }}",
        "„{{",
        "{{ „",
        "{{ 'ä' }}\r\n{{ ö",
        "{%\u{202f}if „ä‘ %}{% endif %}",
    ] {
        exercise(text);
    }
    run_templates(256);
}

/// Inputs the `templates` fuzz target found (`fuzz/regressions/templates-*`).
#[test]
fn fuzz_findings_stay_fixed() {
    let mut found = 0;
    for entry in std::fs::read_dir(repo().join("fuzz/regressions")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("templates-") {
            exercise(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
            found += 1;
        }
    }
    assert!(found >= 1);
}

#[test]
#[ignore = "long: run in CI with -- --ignored"]
fn arbitrary_unicode_templates_never_panic_many_cases() {
    run_templates(20_000);
}

/// A partial that includes itself twice was walked 2^depth times by the static check (a
/// fuzz timeout); now each include chain visits a template once.
#[test]
fn a_partial_including_itself_twice_is_checked_quickly() {
    let started = std::time::Instant::now();
    exercise("{% include \"partials/x.md.j2\" %}{% include \"partials/x.md.j2\" %}{{ k.nme }}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

// --- Issue 21: decisions cited from the data.

/// `beschluesse.yaml` of the project without the entry of decision `number`.
fn remove_decision(project: &Project, number: &str) {
    let path = project.input("beschluesse.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(&format!("  - nummer: \"{number}\"\n"))
        .unwrap_or_else(|| panic!("{number} not in beschluesse.yaml"));
    let end = text[start + 4..]
        .find("\n  - nummer:")
        .map_or_else(|| text.find("\nsitzungen:").unwrap(), |i| start + 4 + i);
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end + 1..])).unwrap();
}

/// Every `beschluss_zitat("…")` / `beschluss("…")` in the shipped templates, with its file
/// and line.
fn cited_decisions() -> Vec<(String, String, usize)> {
    let mut found = Vec::new();
    let templates = repo().join("templates");
    let mut stack = vec![templates.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if !path.to_string_lossy().ends_with(".j2") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path
                .strip_prefix(&templates)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            for (index, line) in text.lines().enumerate() {
                for call in ["beschluss_zitat(\"", "beschluss(\""] {
                    for (at, _) in line.match_indices(call) {
                        let rest = &line[at + call.len()..];
                        let number = &rest[..rest.find('"').unwrap()];
                        if !number.starts_with(|c: char| c.is_ascii_digit()) {
                            continue; // the "JJJJ/NN" of a comment
                        }
                        found.push((number.to_string(), name.clone(), index + 1));
                    }
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn a_removed_decision_is_an_error_naming_template_and_line() {
    let project = Project::shipped_example();
    remove_decision(&project, "2026/04");
    insta::assert_snapshot!(check(&project));
}

#[test]
fn removing_any_cited_decision_fails_check_at_each_place() {
    let cited = cited_decisions();
    let numbers: std::collections::BTreeSet<&str> =
        cited.iter().map(|(number, _, _)| number.as_str()).collect();
    assert!(numbers.len() >= 10, "{numbers:?}");
    for number in numbers {
        let project = Project::shipped_example();
        remove_decision(&project, number);
        let outcome = check(&project);
        assert!(outcome.starts_with("exit 1"), "{number}: {outcome}");
        for (_, file, line) in cited.iter().filter(|(n, _, _)| n == number) {
            let place = format!("{file}:{line}:");
            assert!(
                outcome.contains(&place) && outcome.contains(&format!("„{number}“")),
                "{number} at {place}: {outcome}"
            );
        }
    }
}

#[test]
fn a_decision_number_in_plain_text_must_be_in_the_data() {
    let project = Project::shipped_example();
    // 2023/12 is in beschluesse.yaml but outside the 12 months: fine.
    append(
        &project,
        "partials/hinweise.md.j2",
        "\nSiehe IT-PLR-Beschluss 2023/12 und Beschluss 2026/77.\n",
    );
    insta::assert_snapshot!(check(&project));
}

// --- Issue 21: the outline guard.

fn build(project: &Project) -> String {
    let mut args = vec!["build"];
    args.extend_from_slice(STAND);
    let output = project.run(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    format!("{}{}", stdout(&output), stderr(&output))
}

/// Replaces `from` (which must occur once) in a template of the project.
fn edit(project: &Project, file: &str, from: &str, to: &str) {
    let path = project.path().join("templates").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{file}: {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_endif_moved_to_the_end_of_the_file_loses_sections_and_check_warns() {
    let project = Project::shipped_example();
    let first = check(&project);
    assert_eq!(
        first.matches("Warnung").count(),
        0,
        "nothing to compare yet: {first}"
    );
    build(&project);
    // The `{% endif %}` of `{% if beschluesse %}` cut and closed at the end of the file.
    edit(
        &project,
        "briefing.md.j2",
        "von Bedeutung sind.\n\n{% endif %}\n{% for k in konferenzen %}",
        "von Bedeutung sind.\n\n{% for k in konferenzen %}",
    );
    append(&project, "briefing.md.j2", "{% endif %}\n");
    insta::assert_snapshot!(check(&project));
}

#[test]
fn an_endif_put_above_the_endfor_hides_sections_check_warns_build_repeats_and_accepts() {
    let project = Project::shipped_example();
    build(&project);
    // The forgotten `{% endif %}` of `{% if weitere %}` put just above the `{% endfor %}`.
    edit(
        &project,
        "briefing.md.j2",
        "{% endfor +%}\n\n{% endif %}\n{% include [",
        "{% endfor +%}\n\n{% include [",
    );
    edit(
        &project,
        "briefing.md.j2",
        "{% endif %}\n{% endfor %}\n## Exemplarische",
        "{% endif %}\n{% endif %}\n{% endfor %}\n## Exemplarische",
    );
    let checked = check(&project);
    insta::assert_snapshot!(checked);
    // `build` writes the documents and repeats the warnings under its summary ...
    let built = build(&project);
    let summary: Vec<&str> = built
        .lines()
        .filter(|line| line.starts_with("  Gliederung prüfen:"))
        .collect();
    assert_eq!(summary.len(), 4, "{built}");
    assert!(summary[1].contains("„### Ansprechpersonen“"), "{built}");
    // ... and a deliberate change is accepted by that build: the next check compares with it.
    let again = check(&project);
    assert!(!again.contains("Warnung"), "{again}");
}

// --- Issue 21: footnotes and Markdown structure.

#[test]
fn a_footnote_label_misspelt_in_its_definition() {
    let project = Project::shipped_example();
    edit(
        &project,
        "partials/zentrale_botschaften.md.j2",
        "[^b2026-04]: {{",
        "[^dstack-news]: {{",
    );
    insta::assert_snapshot!(check(&project));
}

#[test]
fn a_footnote_label_copied_from_another_partial() {
    let project = Project::shipped_example();
    // The hints get a footnote whose label the central messages already use.
    edit(
        &project,
        "partials/hinweise.md.j2",
        "-teilnehmende.[^teilnehmende]",
        "-teilnehmende.[^teilnehmende] Siehe auch die Architekturrichtlinie.[^b2026-04]",
    );
    append(
        &project,
        "partials/hinweise.md.j2",
        "[^b2026-04]: Die Architekturrichtlinie gilt ab 2027.\n",
    );
    insta::assert_snapshot!(check(&project));
}

#[test]
fn a_table_right_after_a_list_and_a_heading_without_space() {
    let project = Project::shipped_example();
    append(
        &project,
        "partials/leitfragen.md.j2",
        "\n- Letzte Frage?\n| Thema | Termin |\n|---|---|\n| OZG | 2027 |\n\n###Ausblick\n",
    );
    insta::assert_snapshot!(check(&project));
}

// --- Issue 21: YAML mistakes in German, at the place of the mistake.

#[test]
fn yaml_mistakes_are_named_with_their_fix_where_they_are() {
    let cases: &[(&str, &str, &str)] = &[
        // A colon inside a title.
        (
            "beschluesse.yaml",
            "    titel: Kommunalpakt\n",
            "    titel: Kommunalpakt: Bund, Länder und Kommunen\n",
        ),
        // The colon after a key forgotten.
        (
            "beschluesse.yaml",
            "    titel: Kommunalpakt\n",
            "    titel Kommunalpakt\n",
        ),
        // A list's `]` forgotten (reported at the `[`, not on the next line).
        (
            "beschluesse.yaml",
            "    relevant_fuer: [DMK, UMK, WMK]\n",
            "    relevant_fuer: [DMK, UMK, WMK\n",
        ),
        // A no-break space after the colon, pasted from Word.
        (
            "beschluesse.yaml",
            "    titel: Kommunalpakt\n",
            "    titel:\u{a0}Kommunalpakt\n",
        ),
        // A no-break space in the indentation (was: a missing field).
        (
            "beschluesse.yaml",
            "    titel: Kommunalpakt\n",
            "\u{a0}   titel: Kommunalpakt\n",
        ),
        // A closing quote forgotten (reported on its line, not 14 lines below).
        (
            "beschluesse.yaml",
            "  - nummer: \"2023/07\"\n",
            "  - nummer: \"2023/07\n",
        ),
        // One space too many.
        (
            "beschluesse.yaml",
            "    titel: Kommunalpakt\n",
            "     titel: Kommunalpakt\n",
        ),
        // A list dash without its space.
        (
            "sprecher.yaml",
            "      - Digitalministerkonferenz der Länder\n",
            "      -Digitalministerkonferenz der Länder\n",
        ),
        // A zero-width space inside a key.
        (
            "beschluesse.yaml",
            "    titel: Kommunalpakt\n",
            "    ti\u{200b}tel: Kommunalpakt\n",
        ),
        // A `{` instead of `[`, never closed.
        (
            "beschluesse.yaml",
            "    relevant_fuer: [DMK, UMK, WMK]\n",
            "    relevant_fuer: {DMK, UMK\n",
        ),
        // A value starting with `@`.
        (
            "beschluesse.yaml",
            "    titel: Kommunalpakt\n",
            "    titel: @Kommunalpakt\n",
        ),
    ];
    let mut all = String::new();
    for (file, from, to) in cases {
        let project = Project::shipped_example();
        let path = project.input(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let outcome = check(&project);
        assert!(outcome.starts_with("exit 1"), "{outcome}");
        all.push_str(&format!("{}\n", to.trim_end().escape_debug()));
        for line in outcome.lines().filter(|l| l.starts_with("Fehler:")) {
            all.push_str(&format!("  {line}\n"));
        }
    }
    insta::assert_snapshot!(all);
}

// --- Issue 21: the roster as a recipient reads it, and a template with an extra extension.

/// Sets one field of the entry `id` in the project's `sprecher.yaml`.
fn set_person_field(project: &Project, id: &str, field: &str, value: &str) {
    let path = project.input("sprecher.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let entry = text.find(&format!("  - id: {id}\n")).unwrap();
    let at = entry + text[entry..].find(&format!("    {field}:")).unwrap();
    let end = at + text[at..].find('\n').unwrap();
    let line = format!("    {field}: {value}");
    std::fs::write(&path, format!("{}{line}{}", &text[..at], &text[end..])).unwrap();
}

#[test]
fn a_salutation_spelt_otherwise_a_title_twice_and_no_salutation() {
    let project = Project::shipped_example();
    set_person_field(&project, "klement", "anrede", "Fr.");
    set_person_field(&project, "richter", "anrede", "hr");
    set_person_field(&project, "hagen", "name", "Dr. Martin Hagen");
    insta::assert_snapshot!(check(&project));
    set_person_field(&project, "klement", "anrede", "Frau");
    set_person_field(&project, "richter", "anrede", "Herr");
    set_person_field(&project, "sieveke", "anrede", "\"\"");
    insta::assert_snapshot!("no_salutation_is_a_warning", check(&project));
}

#[test]
fn a_template_saved_with_an_extra_extension_is_warned() {
    let project = Project::shipped_example();
    std::fs::copy(
        project
            .path()
            .join("templates/partials/konferenzen/IMK.md.j2"),
        project
            .path()
            .join("templates/partials/konferenzen/GMK.md.j2.txt"),
    )
    .unwrap();
    insta::assert_snapshot!(check(&project));
}
