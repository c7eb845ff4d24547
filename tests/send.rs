//! `briefing send`: `.eml` files for review (parsed with Python's `email`), the refusal to
//! send outdated documents, and real delivery to a local SMTP server
//! (`tests/fixtures/fault_smtp.py`, standard library only).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use briefing::output::{DispatchRow, manifest::read as read_manifest, sha256_hex};

use crate::support::*;

const STAND: &str = "2026-11-28";

/// What Python's `email` package reads from a message file.
#[derive(Debug, Default)]
struct Parsed {
    to: String,
    subject: String,
    message_id: String,
    date: String,
    body: String,
    /// (file name, content type, sha256)
    attachments: Vec<(String, String, String)>,
}

fn parse_eml(path: &Path) -> Parsed {
    let output = Command::new("python3")
        .arg(repo().join("tests/fixtures/read_eml.py"))
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "{}", stderr(&output));
    let mut parsed = Parsed::default();
    for line in stdout(&output).lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[0] {
            "to" => parsed.to = fields[1].to_string(),
            "subject" => parsed.subject = fields[1].to_string(),
            "message-id" => parsed.message_id = fields[1].to_string(),
            "date" => parsed.date = fields[1].to_string(),
            "body" => parsed.body = fields[1].replace("\\n", "\n"),
            "attachment" => parsed.attachments.push((
                fields[1].to_string(),
                fields[2].to_string(),
                fields[3].to_string(),
            )),
            other => panic!("unexpected line {other}"),
        }
    }
    parsed
}

fn manifest(project: &Project) -> Vec<DispatchRow> {
    read_manifest(&project.out("2026-11/versand.csv")).unwrap()
}

fn file_sha(project: &Project, name: &str) -> String {
    sha256_hex(&std::fs::read(project.out(&format!("2026-11/{name}"))).unwrap())
}

/// The message carries the row's briefing and calendar file, byte for byte.
fn assert_attachments(project: &Project, row: &DispatchRow, parsed: &Parsed) {
    assert_eq!(parsed.attachments.len(), 2, "{parsed:?}");
    let (docx_name, docx_type, docx_sha) = &parsed.attachments[0];
    assert!(docx_name.starts_with("Briefing ") && docx_name.ends_with(".docx"));
    assert_eq!(
        docx_type,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    assert_eq!(docx_sha, &row.sha256, "{}", row.id);
    assert_eq!(docx_sha, &file_sha(project, &row.file), "{}", row.id);
    let (ics_name, ics_type, ics_sha) = &parsed.attachments[1];
    assert!(ics_name.ends_with(".ics"), "{ics_name}");
    assert_eq!(ics_type, "text/calendar");
    assert_eq!(
        ics_sha,
        &file_sha(project, &format!("termine-{}.ics", row.id)),
        "{}",
        row.id
    );
}

#[test]
fn dry_run_writes_one_parseable_message_per_spokesperson() {
    let project = built_example();
    let output = project.run(&["send", "--dry-run", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("12 Nachrichten nach"),
        "{}",
        stdout(&output)
    );

    let rows = manifest(&project);
    assert_eq!(rows.len(), 12);
    for row in &rows {
        let parsed = parse_eml(&project.out(&format!("2026-11/mail/{}.eml", row.id)));
        assert!(parsed.to.contains(&row.email), "{parsed:?}");
        assert_eq!(parsed.subject, row.subject);
        assert_attachments(&project, row, &parsed);
    }
    let schroedter = parse_eml(&project.out("2026-11/mail/schroedter.eml"));
    assert_eq!(
        schroedter.subject,
        "Ihr Briefing als fachpolitischer Sprecher des IT-Planungsrates – November 2026"
    );
    assert_eq!(
        schroedter.to,
        "Dirk Schrödter <dirk.schroedter@example.org>"
    );
    assert_eq!(
        schroedter.attachments[0].0,
        "Briefing Dirk Schrödter November 2026.docx"
    );
    assert_eq!(
        schroedter.attachments[1].0,
        "Termine Dirk Schrödter November 2026.ics"
    );
    assert_eq!(schroedter.date, "Sat, 28 Nov 2026 00:00:00 +0000");
    assert_eq!(schroedter.message_id, "<2026-11.schroedter.1@fitko.de>");
    assert!(schroedter.body.starts_with("Sehr geehrter Herr Schrödter,"));
    assert!(
        schroedter
            .body
            .contains("Sonderkonferenz Hochwasservorsorge")
    );
    assert!(schroedter.body.contains("it-plr@fitko.de"));
    assert!(
        !project.out("versand-2026-11.log").exists(),
        "a dry run sends nothing"
    );

    // The same documents give the same bytes.
    let first = std::fs::read(project.out("2026-11/mail/manke.eml")).unwrap();
    let again = project.run(&["send", "--dry-run", "--stand", STAND]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        first,
        std::fs::read(project.out("2026-11/mail/manke.eml")).unwrap()
    );
}

#[test]
fn the_reference_date_defaults_to_the_documents() {
    let project = built_example();
    let output = project.run(&["send", "--dry-run"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let parsed = parse_eml(&project.out("2026-11/mail/sauer.eml"));
    assert_eq!(parsed.date, "Sat, 28 Nov 2026 00:00:00 +0000");
    assert!(parsed.body.contains("Stand: 28.11.2026"), "{}", parsed.body);
    assert!(
        parsed.body.contains("verschoben: Frühjahrskonferenz 2027"),
        "{}",
        parsed.body
    );
}

fn set_modified(path: &Path, time: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(time)
        .unwrap();
}

#[test]
fn send_refuses_documents_that_are_missing_or_older_than_the_inputs() {
    let project = Project::shipped_example();
    let output = project.run(&["send", "--dry-run", "--stand", STAND]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("bitte zuerst `briefing build` ausführen"),
        "{}",
        stderr(&output)
    );

    let output = project.run(&["build", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    let input = project.path().join("inputs/2026-11/termine.xlsx");
    let later = SystemTime::now() + Duration::from_secs(120);
    set_modified(&input, later);
    let output = project.run(&["send", "--dry-run", "--stand", STAND]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("termine.xlsx"), "{message}");
    assert!(
        message.contains("nicht mehr aktuell, bitte zuerst `briefing build` ausführen"),
        "{message}"
    );
    assert!(!project.out("2026-11/mail").exists());

    // A template changed after the build is refused the same way.
    let earlier = SystemTime::now() - Duration::from_secs(3600);
    set_modified(&input, earlier);
    let output = project.run(&["build", "--stand", STAND]);
    assert!(output.status.success());
    let output = project.run(&["send", "--dry-run", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    set_modified(&project.path().join("templates/email.txt.j2"), later);
    let output = project.run(&["send", "--dry-run", "--stand", STAND]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("email.txt.j2"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_spokesperson_without_an_address_is_reported() {
    let project = Project::shipped_example();
    let roster = project.path().join("inputs/sprecher.yaml");
    let text = std::fs::read_to_string(&roster).unwrap();
    let text = text.replace("    email: stefan.sauer@example.org\n", "");
    std::fs::write(&roster, text).unwrap();
    let output = project.run(&["build", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = project.run(&["send", "--dry-run", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("sauer (Stefan Sauer) hat keine E-Mail-Adresse"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).contains("11 Nachrichten nach"));
    assert!(!project.out("2026-11/mail/sauer.eml").exists());
}

#[test]
fn sending_without_a_server_is_a_usage_error() {
    let project = built_example();
    let output = project.run(&["send", "--yes", "--stand", STAND]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("--smtp-host"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_batch_arrives_once_at_the_right_addresses() {
    let project = built_example();
    let server = SmtpServer::start();
    let output = server.send(&project, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("12 gesendet, 0 bereits erhalten"),
        "{}",
        stdout(&output)
    );

    let rows = manifest(&project);
    let received = server.messages();
    assert_eq!(received.len(), 12);
    for row in &rows {
        let suffix = format!("-{}.eml", row.email);
        let mine: Vec<&PathBuf> = received
            .iter()
            .filter(|path| path.to_string_lossy().ends_with(&suffix))
            .collect();
        assert_eq!(mine.len(), 1, "{}: {received:?}", row.email);
        let parsed = parse_eml(mine[0]);
        assert!(parsed.to.contains(&row.email));
        assert_eq!(parsed.subject, row.subject);
        assert_attachments(&project, row, &parsed);
    }
    let log = std::fs::read_to_string(project.out("versand-2026-11.log")).unwrap();
    assert_eq!(
        log.lines().count(),
        25,
        "header and two lines (versand, gesendet) per message: {log}"
    );
    assert!(log.contains("stephan.manke@example.org"));
    assert!(log.contains(&rows[0].sha256));

    // A second run, and a run after a rebuild of the same month, deliver nothing new.
    let again = server.send(&project, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("0 gesendet, 12 bereits erhalten"),
        "{}",
        stdout(&again)
    );
    let rebuilt = project.run(&["build", "--stand", STAND]);
    assert!(rebuilt.status.success());
    let after_rebuild = server.send(&project, &[]);
    assert!(after_rebuild.status.success(), "{}", stderr(&after_rebuild));
    assert!(stdout(&after_rebuild).contains("0 gesendet, 12 bereits erhalten"));
    assert_eq!(server.messages().len(), 12);
}

#[test]
fn a_rejected_recipient_is_reported_and_a_rerun_sends_only_that_one() {
    let project = built_example();
    let server = SmtpServer::start();
    server.set(r#"{"reject": ["stephan.manke@example.org"]}"#);
    let output = server.send(&project, &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let message = stderr(&output);
    assert!(
        message.contains("Fehler: nicht gesendet an manke <stephan.manke@example.org>"),
        "{message}"
    );
    assert!(message.contains("550"), "{message}");
    assert!(message.contains("endgültig abgelehnt"), "{message}");
    assert!(
        stdout(&output).contains("11 gesendet, 0 bereits erhalten, 0 unklar, 1 fehlgeschlagen"),
        "{}",
        stdout(&output)
    );
    assert_eq!(server.messages().len(), 11);
    assert!(
        !server
            .messages()
            .iter()
            .any(|path| path.to_string_lossy().contains("manke"))
    );

    server.set("{}");
    let retry = server.send(&project, &[]);
    assert!(retry.status.success(), "{}", stderr(&retry));
    assert!(
        stdout(&retry).contains("gesendet: manke -> "),
        "{}",
        stdout(&retry)
    );
    assert!(stdout(&retry).contains("1 gesendet, 11 bereits erhalten, 0 unklar, 0 fehlgeschlagen"));
    let received = server.messages();
    assert_eq!(received.len(), 12);
    assert!(
        received[11]
            .to_string_lossy()
            .ends_with("-stephan.manke@example.org.eml")
    );
}
