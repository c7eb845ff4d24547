//! Template mistakes editors make: each error names the file, line and column, shows the
//! line with a marker, and says what is wrong. The full output is pinned with insta.

use crate::support::*;

fn project() -> Project {
    Project::shipped_example()
}

/// Replaces `from` (which must occur) in a shipped template and returns `check`'s stderr.
fn check_after_edit(file: &str, from: &str, to: &str) -> String {
    let project = project();
    let path = project.path().join("templates").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} should contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let output = project.run(&["check", "--stand", "2026-11-28", "--month", "2026-11"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    stderr(&output)
}

#[test]
fn a_typo_in_a_variable_name() {
    let message = check_after_edit(
        "briefing.md.j2",
        "# Briefing für {{ sprecher | name_mit_titel }}",
        "# Briefing für {{ sprecher.nmae }}",
    );
    insta::assert_snapshot!(message);
}

#[test]
fn an_unclosed_block() {
    let message = check_after_edit(
        "briefing.md.j2",
        "{% if k.vorsitz %}",
        "{% if k.vorsitz %}{% if k.vorsitz %}",
    );
    insta::assert_snapshot!(message);
}

#[test]
fn an_unknown_filter() {
    let message = check_after_edit(
        "uebersicht.md.j2",
        "{{ stand | datum }}",
        "{{ stand | datm }}",
    );
    insta::assert_snapshot!(message);
}

#[test]
fn a_loop_over_a_missing_list() {
    let message = check_after_edit(
        "uebersicht.md.j2",
        "{% for t in termine %}",
        "{% for t in termin %}",
    );
    insta::assert_snapshot!(message);
}

#[test]
fn a_syntax_error_inside_an_included_partial() {
    let message = check_after_edit(
        "partials/leitfragen.md.j2",
        "- Welche **Schnittstellen**",
        "- Welche {{ schnittstellen }**Schnittstellen**",
    );
    assert!(
        message.contains("templates/partials/leitfragen.md.j2:3:"),
        "{message}"
    );
    assert!(
        !message.contains("briefing.md.j2"),
        "names the partial, not the includer"
    );
    insta::assert_snapshot!(message);
}

#[test]
fn an_error_in_a_partial_no_document_includes_is_found_by_check() {
    let project = project();
    project.write(
        "templates/partials/entwurf.md.j2",
        "Text\n{% for x in y %}\n",
    );
    let output = project.run(&["check", "--stand", "2026-11-28"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Fehler: templates/partials/entwurf.md.j2:2:"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_conference_partial_replaces_the_standard_one() {
    let project = project();
    project.write(
        "templates/partials/konferenzen/GMK.md.j2",
        "### Besonders für die GMK\n\nDigitale Gesundheitsdienste.\n",
    );
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let manke = docx_text(&project.out("2026-11/briefing-manke.docx"));
    assert!(manke.contains("Besonders für die GMK\nDigitale Gesundheitsdienste."));
    let hagen = docx_text(&project.out("2026-11/briefing-hagen.docx"));
    assert!(!hagen.contains("Besonders für die GMK"));
    assert!(
        hagen.contains("Anknüpfungspunkte"),
        "the standard partial for the others"
    );
}

#[test]
fn preview_prints_the_markdown_of_one_briefing_or_the_overview() {
    let project = project();
    let output = project.run(&["preview", "manke", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let markdown = stdout(&output);
    assert!(
        markdown.starts_with("# Briefing für Stephan Manke\n"),
        "{markdown}"
    );
    assert!(markdown.contains("| Birgit Sommerfeld |"));
    let overview = stdout(&project.run(&["preview", "uebersicht", "--stand", "2026-11-28"]));
    assert!(
        overview.contains("übertragen an den E-Justice-Rat"),
        "{overview}"
    );
    let unknown = project.run(&["preview", "niemand"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        !project.path().join("out/2026-11").exists(),
        "preview writes nothing"
    );
}

/// The guide's worked example, the salutation by function, run as written in
/// `templates/README.md` on the shipped example.
#[test]
fn the_guides_salutation_example_gives_the_protocol_forms() {
    let guide = std::fs::read_to_string(repo().join("templates/README.md")).unwrap();
    let section = &guide[guide
        .find("### Beispiel: die Anrede nach der Funktion")
        .expect("the guide has the example")..];
    let start = section.find("```\n").unwrap() + 4;
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let project = project();
    let path = project.path().join("templates/briefing.md.j2");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "## Initialisierung",
        &format!("ANREDE: {example}\n## Initialisierung"),
        1,
    );
    std::fs::write(&path, text).unwrap();
    let salutation = |id: &str| {
        let output = project.run(&["preview", id, "--stand", "2026-11-28", "--month", "2026-11"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let markdown = stdout(&output);
        let after = &markdown[markdown.find("ANREDE: ").unwrap() + 8..];
        after[..after.find(',').unwrap()].trim().to_string()
    };
    assert_eq!(salutation("klement"), "Sehr geehrte Frau Staatssekretärin");
    assert_eq!(salutation("richter"), "Sehr geehrter Herr Staatssekretär");
    assert_eq!(salutation("hagen"), "Sehr geehrter Herr Staatsrat");
}

// --- Issue 21: messages that lost an editor.

#[test]
fn a_filter_for_one_value_given_a_list_names_filter_and_kind_not_the_list() {
    let message = check_after_edit(
        "briefing.md.j2",
        "{{ konferenzen | mit_artikeln(\"akkusativ\") }}**",
        "{{ konferenzen | mit_artikel(\"akkusativ\") }}**",
    );
    assert!(
        message.len() < 1200,
        "{} characters: {message}",
        message.len()
    );
    insta::assert_snapshot!(message);
}

#[test]
fn mixed_quotes_are_reported_at_their_line() {
    let message = check_after_edit(
        "briefing.md.j2",
        "mit_artikeln(\"akkusativ\") }}**",
        "mit_artikeln(\"akkusativ”) }}**",
    );
    insta::assert_snapshot!(message);
}

#[test]
fn a_link_without_https_in_a_partial_names_the_partial_and_line() {
    let message = check_after_edit(
        "partials/hinweise.md.j2",
        "[^teilnehmende]: Auf Wunsch",
        "- Mehr unter [FITKO](www.fitko.de).\n\n[^teilnehmende]: Auf Wunsch",
    );
    insta::assert_snapshot!(message);
}

#[test]
fn a_stray_endif_suggests_deleting_it_or_restoring_its_if() {
    let message = check_after_edit(
        "partials/leitfragen.md.j2",
        "[^schwerpunkte]: Insbesondere",
        "{% endif %}\n[^schwerpunkte]: Insbesondere",
    );
    insta::assert_snapshot!(message);
}
