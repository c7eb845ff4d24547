//! `build --pdf` and `versand.pdf_anhaengen` end to end: the PDFs land in the month folder
//! beside their DOCX, the manifest lists them with their checksums, `--only` converts only
//! what it rebuilds, and `send` attaches them. The runs that need LibreOffice are ignored by
//! `cargo test` (CI installs it and runs `cargo test -- --ignored`); the refusals run always.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use briefing::output::{DispatchRow, manifest::read as read_manifest, sha256_hex};

use crate::support::*;

const STAND: &str = "2026-11-28";

fn manifest(project: &Project) -> Vec<DispatchRow> {
    read_manifest(&project.out("2026-11/versand.csv")).unwrap()
}

fn file_sha(project: &Project, name: &str) -> String {
    sha256_hex(&std::fs::read(project.out(&format!("2026-11/{name}"))).unwrap())
}

/// (file name, content type, sha256) of every attachment, as Python's `email` reads them.
fn attachments(eml: &Path) -> Vec<(String, String, String)> {
    let output = Command::new("python3")
        .arg(repo().join("tests/fixtures/read_eml.py"))
        .arg(eml)
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .filter_map(|line| line.strip_prefix("attachment\t"))
        .map(|fields| {
            let fields: Vec<&str> = fields.split('\t').collect();
            (
                fields[0].to_string(),
                fields[1].to_string(),
                fields[2].to_string(),
            )
        })
        .collect()
}

/// Every file of the month folder with its bytes (the mail folder left out).
fn month_files(project: &Project) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(project.out("2026-11"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

fn run_ok(project: &Project, args: &[&str]) {
    let output = project.run(args);
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
}

#[test]
#[ignore = "needs LibreOffice"]
fn build_pdf_lists_each_pdf_and_send_attaches_it() {
    let project = Project::minimal();
    // Before the build: a settings file newer than the documents would make them stale.
    project.write("briefing.yaml", "versand:\n  pdf_anhaengen: true\n");
    run_ok(&project, &["build", "--stand", STAND, "--pdf"]);
    let rows = manifest(&project);
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert_eq!(row.pdf, format!("briefing-{}.pdf", row.id));
        let pdf = std::fs::read(project.out(&format!("2026-11/{}", row.pdf))).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{}", row.pdf);
        assert_eq!(row.pdf_sha256, sha256_hex(&pdf), "{}", row.id);
    }
    let overview = std::fs::read(project.out("2026-11/uebersicht.pdf")).unwrap();
    assert!(overview.starts_with(b"%PDF-"));
    let manifest_text = std::fs::read_to_string(project.out("2026-11/versand.csv")).unwrap();
    for row in &rows {
        assert!(manifest_text.contains(&row.pdf_sha256), "{manifest_text}");
    }

    // An update converts only what it rebuilds; the other PDFs and their rows stay.
    let before = month_files(&project);
    run_ok(
        &project,
        &["build", "--stand", STAND, "--only", "max", "--pdf"],
    );
    let after = month_files(&project);
    for name in ["briefing-erika.pdf", "briefing-lea.pdf", "uebersicht.pdf"] {
        assert_eq!(before[name], after[name], "{name} was converted again");
    }
    let updated = manifest(&project);
    let max = updated.iter().find(|row| row.id == "max").unwrap();
    assert_eq!(max.pdf_sha256, file_sha(&project, "briefing-max.pdf"));
    for row in updated.iter().filter(|row| row.id != "max") {
        assert!(rows.contains(row), "{row:?}");
    }

    run_ok(&project, &["send", "--dry-run", "--stand", STAND]);
    for row in &updated {
        let eml = project.out(&format!("2026-11/mail/{}.eml", row.id));
        let attached = attachments(&eml);
        assert_eq!(attached.len(), 3, "{attached:?}");
        let (docx_name, _, docx_sha) = &attached[0];
        assert_eq!(docx_sha, &row.sha256);
        let (pdf_name, pdf_type, pdf_sha) = &attached[1];
        assert_eq!(pdf_name, &docx_name.replace(".docx", ".pdf"));
        assert_eq!(pdf_type, "application/pdf");
        assert_eq!(pdf_sha, &row.pdf_sha256, "{}", row.id);
        assert_eq!(pdf_sha, &file_sha(&project, &row.pdf), "{}", row.id);
        assert!(attached[2].0.ends_with(".ics"), "{attached:?}");
    }

    // Rebuilt without --pdf, the briefing's PDF would no longer match it: it goes.
    run_ok(&project, &["build", "--stand", STAND, "--only", "max"]);
    assert!(!project.out("2026-11/briefing-max.pdf").exists());
    assert!(project.out("2026-11/briefing-erika.pdf").exists());
    let max = manifest(&project)
        .into_iter()
        .find(|row| row.id == "max")
        .unwrap();
    assert_eq!((max.pdf.as_str(), max.pdf_sha256.as_str()), ("", ""));
}

#[test]
fn without_pdf_the_manifest_has_empty_pdf_columns_and_no_pdf_is_written() {
    let project = Project::minimal();
    run_ok(&project, &["build", "--stand", STAND]);
    for row in manifest(&project) {
        assert_eq!((row.pdf.as_str(), row.pdf_sha256.as_str()), ("", ""));
    }
    assert!(
        month_files(&project)
            .keys()
            .all(|name| !name.ends_with(".pdf")),
        "{:?}",
        month_files(&project).keys()
    );
}

#[test]
fn a_missing_libreoffice_is_a_german_error_and_the_month_stays() {
    let project = Project::minimal();
    run_ok(&project, &["build", "--stand", STAND]);
    let before = month_files(&project);
    // No soffice on an empty search path.
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_string_lossy().into_owned();
    for args in [
        &["build", "--stand", STAND, "--pdf"][..],
        &["build", "--stand", STAND, "--pdf", "--only", "max"][..],
    ] {
        let output = project.run_with_env(args, &[("PATH", &path)]);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output).contains("LibreOffice (soffice) ist nicht installiert"),
            "{}",
            stderr(&output)
        );
        assert_eq!(month_files(&project), before, "{args:?} changed the month");
        let leftovers: Vec<_> = std::fs::read_dir(project.out(""))
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            // The month and its calendar memory (issue 27); anything else is a leftover.
            .filter(|name| name != "2026-11" && name != "kalender-2026-11.tsv")
            .collect();
        assert!(
            leftovers
                .iter()
                .all(|name| !name.to_string_lossy().contains("2026-11")),
            "{leftovers:?}"
        );
    }
    // The setting asks for the same as the flag.
    project.write("briefing.yaml", "pdf: true\n");
    let output = project.run_with_env(&["build", "--stand", STAND], &[("PATH", &path)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("LibreOffice (soffice) ist nicht installiert"));
    assert_eq!(month_files(&project), before);
}

#[test]
fn attaching_a_pdf_that_was_not_built_says_to_build_with_pdf() {
    let project = Project::minimal();
    project.write("briefing.yaml", "versand:\n  pdf_anhaengen: true\n");
    run_ok(&project, &["build", "--stand", STAND]);
    let output = project.run(&["send", "--dry-run", "--stand", STAND]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("keine PDF-Datei"), "{text}");
    assert!(text.contains("briefing build --pdf"), "{text}");
    assert!(!project.out("2026-11/mail").exists(), "nothing was written");
}

#[test]
fn a_wrong_pdf_value_in_the_settings_is_named_in_german() {
    let project = Project::minimal();
    project.write("briefing.yaml", "pdf: ja\n");
    let output = project.run(&["build", "--stand", STAND]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("pdf: „ja“ ist kein Ja/Nein-Wert"),
        "{}",
        stderr(&output)
    );
    assert!(!project.out("2026-11").exists());
}
