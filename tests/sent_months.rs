//! Month after month: a sent month stays right when it is rebuilt, corrected or followed by
//! the next. Real runs of the binary against the fault-injecting SMTP server on 127.0.0.1
//! (`tests/fixtures/fault_smtp.py`): a rebuild keeps the Stand of the sent month, a changed
//! contact goes out as a marked correction to exactly the spokespersons it concerns, the
//! versions sent stay on disk, `--angekommen` only records, and the messages around sending
//! are German with German local times.

use std::collections::BTreeMap;
use std::path::Path;

use briefing::output::manifest::read as read_manifest;
use briefing::output::sha256_hex;

use crate::support::*;

const STAND: &str = "2026-11-28";

/// November with an AMK contact whose phone number `phone` is, a BMK contact, and a meeting
/// each (the roster: erika AMK+BMK, max AMK, lea BMK).
fn november(phone: &str) -> Project {
    let project = Project::minimal();
    write_contacts(&project, phone);
    write_xlsx(
        &project.input("2026-11/termine.xlsx"),
        "Termine",
        &[],
        &["Konferenz", "Sitzung", "Datum", "Ort"],
        &[
            vec![t("AMK"), t("Herbstkonferenz"), d("2026-12-01"), t("Berlin")],
            vec![t("BMK"), t("Wintertagung"), d("2026-12-10"), t("Bonn")],
        ],
    );
    project
}

fn write_contacts(project: &Project, phone: &str) {
    write_xlsx(
        &project.input("2026-11/ansprechpartner.xlsx"),
        "Ansprechpersonen",
        &[],
        &["Konferenz", "Ansprechperson", "Telefon", "E-Mail"],
        &[
            vec![t("AMK"), t("Anna Alpha"), t(phone), t("anna@example.org")],
            vec![
                t("BMK"),
                t("Bernd Beta"),
                t("0228 100"),
                t("bernd@example.org"),
            ],
        ],
    );
}

fn ok(output: &std::process::Output) {
    assert!(
        output.status.success(),
        "{}{}",
        stdout(output),
        stderr(output)
    );
}

/// Every file of the month folder's briefings with its bytes.
fn briefings(project: &Project) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(project.out("2026-11"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "docx" || ext == "ics")
        })
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read(&path).unwrap())
        })
        .collect()
}

fn checksums(project: &Project) -> BTreeMap<String, String> {
    read_manifest(&project.out("2026-11/versand.csv"))
        .unwrap()
        .into_iter()
        .map(|row| (row.id, row.sha256))
        .collect()
}

/// (To, Subject, body) of a stored message, read with Python's `email` package.
fn read_message(path: &Path) -> (String, String, String) {
    let output = std::process::Command::new("python3")
        .arg(repo().join("tests/fixtures/read_eml.py"))
        .arg(path)
        .output()
        .unwrap();
    ok(&output);
    let (mut to, mut subject, mut body) = (String::new(), String::new(), String::new());
    for line in stdout(&output).lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields[0] {
            "to" => to = fields[1].to_string(),
            "subject" => subject = fields[1].to_string(),
            "body" => body = fields[1].replace("\\n", "\n"),
            _ => {}
        }
    }
    (to, subject, body)
}

/// Makes sure a rewritten input is newer than the documents built before (file times can be
/// coarse).
fn later() {
    std::thread::sleep(std::time::Duration::from_millis(1100));
}

#[test]
fn a_rebuild_keeps_the_stand_and_a_correction_goes_only_to_those_it_concerns() {
    let project = november("030 111");
    ok(&project.run(&["build", "--stand", STAND]));
    let server = SmtpServer::start();
    let first = server.send(&project, &[]);
    ok(&first);
    assert_eq!(server.received().len(), 3);
    let sent_sums = checksums(&project);
    let sent_files = briefings(&project);

    // The next day, nothing changed: the rebuild keeps the sent month's Stand and says
    // before it starts that it replaces a sent month, and where the sent versions are.
    later();
    let rebuilt = project.run(&["build"]);
    ok(&rebuilt);
    assert!(
        stdout(&rebuilt).starts_with("Monat 2026-11, Stand 28.11.2026 (des versendeten Monats)"),
        "{}",
        stdout(&rebuilt)
    );
    let warning = stderr(&rebuilt);
    assert!(
        warning.contains("2026-11 wurde bereits an 3 Sprecherinnen und Sprecher versendet")
            && warning.contains("Die versendeten Fassungen bleiben in out/versendet/2026-11"),
        "{warning}"
    );
    assert_eq!(briefings(&project), sent_files, "byte-identical documents");
    assert_eq!(checksums(&project), sent_sums);
    let nothing = server.send(&project, &["--resend-changed"]);
    ok(&nothing);
    assert!(
        stdout(&nothing).contains("0 gesendet, 3 bereits erhalten"),
        "{}",
        stdout(&nothing)
    );
    assert_eq!(server.received().len(), 3, "nothing went out again");

    // One AMK contact's phone changes: only the two AMK spokespersons' briefings change.
    later();
    write_contacts(&project, "030 222");
    ok(&project.run(&["build"]));
    let now_sums = checksums(&project);
    let changed: Vec<&String> = now_sums
        .iter()
        .filter(|(id, sum)| sent_sums[*id] != **sum)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(changed, ["erika", "max"]);

    // The dry run shows what a resend would send, as corrections.
    let review = project.run(&["send", "--dry-run"]);
    ok(&review);
    assert!(
        stdout(&review).contains("darunter Korrekturen für erika, max"),
        "{}",
        stdout(&review)
    );
    let eml = project.out("2026-11/mail/erika.eml");
    let (_, subject, body) = read_message(&eml);
    assert!(subject.starts_with("Korrektur: "), "{subject}");
    assert!(body.contains("Anna Alpha"), "{body}");

    let corrected = server.send(&project, &["--resend-changed"]);
    ok(&corrected);
    let text = stdout(&corrected);
    assert!(
        text.contains("2 gesendet (davon 2 Korrekturen), 3 bereits erhalten"),
        "{text}"
    );
    let plan = stderr(&corrected);
    assert!(
        plan.contains("Geplant für 2026-11: 2 Nachrichten")
            && plan.contains("erika <erika@example.org>: Korrektur der Fassung vom "),
        "{plan}"
    );
    let received = server.received();
    assert_eq!(received.len(), 5);
    let mut to: Vec<&str> = received[3..].iter().map(|(to, _)| to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["erika@example.org", "max@example.org"]);
    for message in &server.messages()[3..] {
        let (to, subject, body) = read_message(message);
        assert!(
            subject.starts_with("Korrektur: Ihr Briefing"),
            "{to}: {subject}"
        );
        assert!(
            body.contains("diese Nachricht ersetzt das Briefing, das Sie am ")
                && body.contains(
                    "korrigiert wurden die Angaben zu Ansprechpersonen der \
                                  Alphaministerkonferenz."
                ),
            "{to}: {body}"
        );
        assert!(
            body.contains(
                "- geänderte Kontaktdaten von Anna Alpha – Telefon: 030 222 (bisher 030 111)\n"
            ),
            "{to}: {body}"
        );
        println!("--- {to}: {subject}\n{body}");
    }
    let log = std::fs::read_to_string(project.out("versand-2026-11.log")).unwrap();
    let corrections: Vec<&str> = log
        .lines()
        .filter(|line| line.contains(",gesendet,") && line.ends_with(",korrektur"))
        .collect();
    assert_eq!(corrections.len(), 2, "{log}");

    // Both versions of erika's briefing are on disk, each under its checksum.
    for sum in [&sent_sums["erika"], &now_sums["erika"]] {
        let kept = project.out(&format!(
            "versendet/2026-11/briefing-erika-{}.docx",
            &sum[..12]
        ));
        assert_eq!(sha256_hex(&std::fs::read(&kept).unwrap()), **sum);
    }
    assert_eq!(
        std::fs::read(project.out(&format!(
            "versendet/2026-11/briefing-erika-{}.docx",
            &sent_sums["erika"][..12]
        )))
        .unwrap(),
        sent_files["briefing-erika.docx"]
    );
    // A build after all that leaves them alone.
    ok(&project.run(&["build", "--stand", "2026-11-30"]));
    assert!(
        project
            .out(&format!(
                "versendet/2026-11/briefing-lea-{}.docx",
                &sent_sums["lea"][..12]
            ))
            .is_file()
    );
}

#[test]
fn angekommen_only_records_without_yes_and_without_a_terminal() {
    let project = november("030 111");
    ok(&project.run(&["build", "--stand", STAND]));
    let server = SmtpServer::start();
    // erika's message is stored, its 250 never arrives in time: unknown, the batch goes on.
    server.set(r#"{"slow_after_data": 3}"#);
    let first = server.send(&project, &["--only", "erika", "--smtp-timeout", "1"]);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("--angekommen erika"),
        "{}",
        stderr(&first)
    );
    server.set("{}");
    let before = server.received().len();

    // As the program tells the user to type it: no --yes, no terminal.
    let recorded = project.run(&["send", "--angekommen", "erika"]);
    assert_eq!(recorded.status.code(), Some(0), "{}", stderr(&recorded));
    let text = stdout(&recorded);
    assert!(
        text.contains("vermerkt: erika <erika@example.org> hat die Nachricht vom ")
            && text.contains("1 Versand als angekommen vermerkt, nichts gesendet"),
        "{text}"
    );
    assert_eq!(server.received().len(), before, "nothing at the server");
    let log = std::fs::read_to_string(project.out("versand-2026-11.log")).unwrap();
    assert!(
        log.lines().last().unwrap().contains(",gesendet,erika,") && log.ends_with(",vermerkt\n"),
        "{log}"
    );
    // max and lea are still pending and were not sent.
    assert!(!log.contains(",max,") && !log.contains(",lea,"), "{log}");
}

#[test]
fn a_month_built_after_it_ended_is_warned_about() {
    let project = november("030 111");
    let late = project.run(&["build", "--stand", "2026-12-07"]);
    ok(&late);
    let warning = stderr(&late);
    assert!(
        warning.contains(
            "Warnung: der Monat 2026-11 ist mit Stand 07.12.2026 nach seinem Ende erstellt"
        ) && warning.contains("--stand JJJJ-MM-TT"),
        "{warning}"
    );
    let check = project.run(&["check", "--stand", "2026-12-07"]);
    ok(&check);
    assert!(
        stderr(&check).contains("nach seinem Ende erstellt"),
        "{}",
        stderr(&check)
    );
    let in_time = project.run(&["build", "--stand", STAND]);
    ok(&in_time);
    assert!(!stderr(&in_time).contains("nach seinem Ende"));
}

#[test]
fn the_quick_start_builds_the_example_with_its_stand_and_no_late_warning() {
    // The README's quick start: `briefing build` in a fresh copy of the repository.
    let project = Project::shipped_example();
    let output = project.run(&["build"]);
    ok(&output);
    assert!(
        stdout(&output).starts_with("Monat 2026-11, Stand 28.11.2026 (aus briefing.yaml)"),
        "{}",
        stdout(&output)
    );
    assert!(!stderr(&output).contains("Warnung"), "{}", stderr(&output));
    let text = docx_text(&project.out("2026-11/briefing-manke.docx"));
    assert!(text.contains("Stand: 28.11.2026"), "{text}");
}

#[test]
fn test_addresses_and_summaries_say_what_happened_in_german() {
    let project = november("030 111");
    ok(&project.run(&["build", "--stand", STAND]));
    let server = SmtpServer::start();

    // An address that is none: German, and no advice to run the real send.
    let bad = server.send(&project, &["--to", "ich@"]);
    assert_eq!(bad.status.code(), Some(2));
    let message = stderr(&bad);
    assert!(
        message.contains("--to ich@: das ist keine verwendbare E-Mail-Adresse")
            && !message.contains("Invalid"),
        "{message}"
    );
    // A spokesperson's own address would get the others' briefings: refused.
    let own = server.send(&project, &["--to", "max@example.org"]);
    assert_eq!(own.status.code(), Some(2));
    assert!(
        stderr(&own).contains("das ist die Adresse von max"),
        "{}",
        stderr(&own)
    );
    let only_own = server.send(&project, &["--to", "max@example.org", "--only", "max"]);
    ok(&only_own);
    assert!(server.received().len() == 1);

    // A test send names no log (it writes none).
    let test = server.send(&project, &["--to", "ich@example.org"]);
    ok(&test);
    let text = stdout(&test);
    assert!(
        text.contains("3 gesendet als Test an ich@example.org")
            && text.contains("nicht im Versandprotokoll vermerkt")
            && !text.contains("Protokoll: "),
        "{text}"
    );
    assert!(!project.out("versand-2026-11.log").exists());

    // Times read back from the log are German local time with the zone.
    ok(&server.send(&project, &[]));
    let again = server.send(&project, &[]);
    ok(&again);
    let text = stdout(&again);
    assert!(
        text.contains("bereits erhalten: erika am ")
            && (text.contains(" Uhr (MEZ)") || text.contains(" Uhr (MESZ)"))
            && !text.contains("Z ("),
        "{text}"
    );
}

#[test]
fn no_at_the_prompt_counts_every_message_as_not_tried() {
    let project = november("030 111");
    ok(&project.run(&["build", "--stand", STAND]));
    let server = SmtpServer::start();
    let mut args = vec![
        repo()
            .join("tests/fixtures/on_terminal.py")
            .display()
            .to_string(),
        "n".to_string(),
        env!("CARGO_BIN_EXE_briefing").to_string(),
    ];
    args.extend(server.send_args().into_iter().filter(|a| a != "--yes"));
    let declined = std::process::Command::new("python3")
        .args(&args)
        .current_dir(project.path())
        .output()
        .unwrap();
    let text = stdout(&declined);
    assert!(
        text.contains("Geplant für 2026-11: 3 Nachrichten")
            && text.contains(
                "0 gesendet, 0 bereits erhalten, 0 unklar, 0 fehlgeschlagen, 3 nicht versucht"
            ),
        "{text}"
    );
    assert!(server.received().is_empty());
}

#[test]
fn ctrl_c_while_sending_stops_after_the_message_in_hand_and_says_so() {
    let project = november("030 111");
    ok(&project.run(&["build", "--stand", STAND]));
    let server = SmtpServer::start();
    // Each message waits 2 s for its 250, so the interrupt lands during the first.
    server.set(r#"{"slow_after_data": 2}"#);
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(server.send_args())
        .current_dir(project.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while server.received().is_empty() {
        assert!(std::time::Instant::now() < deadline, "nothing arrived");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(
            "Abgebrochen mit Strg+C: 1 gesendet und vermerkt, 2 Nachrichten nicht versucht"
        ),
        "{message}"
    );
    assert_eq!(server.received().len(), 1);
    // The rest goes out with the next run, the first not again.
    server.set("{}");
    let rest = server.send(&project, &[]);
    ok(&rest);
    assert!(
        stdout(&rest).contains("2 gesendet, 1 bereits erhalten"),
        "{}",
        stdout(&rest)
    );
}
