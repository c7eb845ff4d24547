//! The exact wording of errors editors typically cause, pinned so a change is seen in review.

use crate::support::*;

fn project() -> Project {
    Project::minimal()
}

fn check_stderr(project: &Project) -> String {
    let output = project.run(&["check", "--stand", "2026-11-28"]);
    assert_eq!(output.status.code(), Some(1));
    stderr(&output)
}

#[test]
fn wrong_type_in_yaml() {
    let project = project();
    project.write(
        "inputs/sprecher.yaml",
        &ROSTER.replace("konferenzen: [AMK]", "konferenzen: AMK"),
    );
    insta::assert_snapshot!(check_stderr(&project));
}

#[test]
fn unknown_conference_code() {
    let project = project();
    project.write(
        "inputs/sprecher.yaml",
        &ROSTER.replace("konferenzen: [AMK, BMK]", "konferenzen: [AMK, IMK]"),
    );
    insta::assert_snapshot!(check_stderr(&project));
}

#[test]
fn missing_date_column() {
    let project = project();
    write_xlsx(
        &project.input("2026-11/termine.xlsx"),
        "Termine",
        &["Termine der Fachministerkonferenzen"],
        &["Konferenz", "Sitzung", "Ort"],
        &[vec![t("AMK"), t("Herbstkonferenz"), t("Kiel")]],
    );
    insta::assert_snapshot!(check_stderr(&project));
}
