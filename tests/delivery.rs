//! Delivery you can trust (issue 14): exactly once per month and spokesperson, against a
//! fault-injecting SMTP server on 127.0.0.1 (`tests/fixtures/fault_smtp.py`): slow after
//! DATA, stalled, refused, temporary failures, authentication and STARTTLS missing.

use std::time::{Duration, Instant};

use crate::support::*;

const STAND: &str = "2026-11-28";

/// How often each recipient received a message.
fn per_recipient(server: &SmtpServer) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for (to, _) in server.received() {
        *counts.entry(to).or_insert(0) += 1;
    }
    counts
}

#[test]
fn a_server_slow_after_data_makes_the_message_unknown_and_it_is_not_sent_again() {
    let project = built_example();
    let server = SmtpServer::start();
    server.set(r#"{"slow_after_data": 3}"#);
    let output = server.send(&project, &["--only", "manke", "--smtp-timeout", "1"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("unklar, ob manke <stephan.manke@example.org>"),
        "{message}"
    );
    assert!(message.contains("--resend manke"), "{message}");
    assert_eq!(server.received().len(), 1, "the server stored it");

    // The re-run does not send it on its own, and says so again.
    server.set("{}");
    let again = server.send(&project, &["--only", "manke"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("unklar, ob manke"),
        "{}",
        stderr(&again)
    );
    assert_eq!(server.received().len(), 1);

    // Asked to, it resends with the same Message-ID, so a server can drop the duplicate.
    let resent = server.send(&project, &["--resend", "manke", "--only", "manke"]);
    assert!(resent.status.success(), "{}", stderr(&resent));
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].1, "<2026-11.manke.1@fitko.de>");
    assert_eq!(received[1].1, received[0].1);
    let finally = server.send(&project, &["--only", "manke"]);
    assert!(finally.status.success(), "{}", stderr(&finally));
    assert!(stdout(&finally).contains("bereits erhalten: manke"));
}

#[test]
fn a_killed_send_after_the_servers_answer_is_unknown_not_resent() {
    // A kill between the server's 250 and the "gesendet" line leaves the "versand" line
    // only; here the log is left in exactly that state by hand.
    let project = built_example();
    let server = SmtpServer::start();
    let output = server.send(&project, &["--only", "sauer"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let log = log_text(&project);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(lines[1].contains(",versand,sauer,"), "{log}");
    assert!(lines[2].contains(",gesendet,sauer,"), "{log}");
    std::fs::write(
        project.out("versand-2026-11.log"),
        format!("{}\n{}\n", lines[0], lines[1]),
    )
    .unwrap();
    let again = server.send(&project, &[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("unklar, ob sauer"),
        "{}",
        stderr(&again)
    );
    assert_eq!(per_recipient(&server)["stefan.sauer@example.org"], 1);
    assert_eq!(server.received().len(), 12, "the other 11 went out");

    // Checked with the recipient: it arrived. Recorded, nothing is sent.
    let confirmed = server.send(&project, &["--angekommen", "sauer"]);
    assert!(confirmed.status.success(), "{}", stderr(&confirmed));
    assert!(
        stdout(&confirmed).contains("1 Versand als angekommen vermerkt, nichts gesendet"),
        "{}",
        stdout(&confirmed)
    );
    assert_eq!(server.received().len(), 12);
    let nothing_open = server.send(&project, &["--angekommen", "sauer"]);
    assert_eq!(nothing_open.status.code(), Some(2));
}

#[test]
fn a_stalled_server_times_out_once_with_a_hint() {
    let project = built_example();
    let server = SmtpServer::start();
    server.set(r#"{"stall": true}"#);
    let started = Instant::now();
    let output = server.send(&project, &["--smtp-timeout", "1"]);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("Zeitüberschreitung"), "{message}");
    assert_eq!(
        message.matches("Zeitüberschreitung").count(),
        1,
        "{message}"
    );
    assert!(
        message.contains("12 Nachrichten wurden nicht versucht"),
        "{message}"
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(server.received().is_empty());
    assert!(
        !log_text(&project).contains("versand,"),
        "nothing was attempted"
    );
}

#[test]
fn a_refused_connection_is_one_line_and_nothing_is_marked() {
    let project = built_example();
    let output = project.run(&send_args(closed_port(), "none"));
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert_eq!(
        message.matches("Verbindung abgelehnt").count(),
        1,
        "{message}"
    );
    assert!(message.contains("--smtp-port"), "{message}");
}

#[test]
fn temporary_failures_are_retried() {
    let project = built_example();
    let server = SmtpServer::start();
    server.set(r#"{"temp_fail": 2}"#);
    let output = server.send(&project, &["--only", "manke"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(server.received().len(), 1);
}

#[test]
fn authentication_required_and_starttls_missing_have_hints() {
    let project = built_example();
    let server = SmtpServer::start();
    server.set(r#"{"auth_required": true}"#);
    let output = server.send(&project, &[]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("verlangt eine Anmeldung"), "{message}");
    assert!(message.contains("BRIEFING_SMTP_PASSWORD"), "{message}");
    assert_eq!(
        message.matches("verlangt eine Anmeldung").count(),
        1,
        "{message}"
    );
    assert!(server.received().is_empty());

    // The refused attempt is recorded as failed, so the next run simply sends it.
    server.set("{}");
    let output = server.send(&project, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(server.received().len(), 12);

    let other = built_example();
    let output = other.run(&send_args(server.port, "starttls"));
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("keine Verschlüsselung (STARTTLS)"),
        "{message}"
    );
}

#[test]
fn no_password_in_clear_text_unless_allowed() {
    let project = built_example();
    let server = SmtpServer::start();
    server.set(r#"{"offer_auth": true}"#);
    let mut args = server.send_args();
    args.extend([
        "--smtp-user".into(),
        "fitko".into(),
        "--only".into(),
        "manke".into(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let password = [("BRIEFING_SMTP_PASSWORD", "geheim")];
    let output = project.run_with_env(&args, &password);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--unverschluesselt-erlauben"),
        "{}",
        stderr(&output)
    );
    assert!(server.received().is_empty());
    let mut allowed = args.clone();
    allowed.push("--unverschluesselt-erlauben");
    let output = project.run_with_env(&allowed, &password);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(server.received().len(), 1);
}

#[test]
fn a_rebuilt_month_is_not_sent_again_and_changes_go_only_when_asked() {
    let project = built_example();
    let server = SmtpServer::start();
    let output = server.send(&project, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(server.received().len(), 12);

    // The next day's rebuild changes every checksum; build warns, send sends nothing.
    let rebuilt = project.run(&["build", "--stand", "2026-11-29"]);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert!(
        stderr(&rebuilt).contains("wurde bereits an 12 Sprecherinnen und Sprecher versendet"),
        "{}",
        stderr(&rebuilt)
    );
    let again = server.send(&project, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    let text = stdout(&again);
    assert!(text.contains("0 gesendet, 12 bereits erhalten"), "{text}");
    assert!(text.contains("bereits erhalten: manke am "), "{text}");
    assert!(text.contains("seither geändert"), "{text}");
    assert_eq!(server.received().len(), 12);

    let one = server.send(&project, &["--resend", "manke"]);
    assert!(one.status.success(), "{}", stderr(&one));
    assert!(
        stdout(&one).contains("1 gesendet (davon 1 Korrektur), 12 bereits erhalten"),
        "{}",
        stdout(&one)
    );
    let received = server.received();
    assert_eq!(received.len(), 13);
    assert_eq!(
        received[12].1, "<2026-11.manke.2@fitko.de>",
        "a new delivery, a new id"
    );

    let changed = server.send(&project, &["--resend-changed"]);
    assert!(changed.status.success(), "{}", stderr(&changed));
    assert!(
        stdout(&changed).contains("11 gesendet (davon 11 Korrekturen), 12 bereits erhalten"),
        "{}",
        stdout(&changed)
    );
    assert_eq!(server.received().len(), 24);
}

#[test]
fn an_old_send_log_in_the_month_folder_still_counts() {
    let project = built_example();
    let rows = briefing::output::manifest::read(&project.out("2026-11/versand.csv")).unwrap();
    let mut old = String::from("zeit,id,an,message_id,sha256\n");
    for row in &rows {
        old.push_str(&format!(
            "2026-11-28T10:00:00Z,{},{},<x>,{}\n",
            row.id, row.email, row.sha256
        ));
    }
    std::fs::write(project.out("2026-11/versand.log"), old).unwrap();
    let server = SmtpServer::start();
    let output = server.send(&project, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("0 gesendet, 12 bereits erhalten"));
    assert!(server.received().is_empty());
}

#[test]
fn the_date_is_the_time_of_sending_and_a_test_address_is_not_a_delivery() {
    let project = built_example();
    let server = SmtpServer::start();
    let output = server.send(&project, &["--only", "manke", "--to", "ich@example.org"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("Test an ich@example.org"),
        "{}",
        stdout(&output)
    );
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, "ich@example.org");
    assert!(received[0].1.contains(".manke.test-"), "{received:?}");
    let text = std::fs::read_to_string(&server.messages()[0]).unwrap();
    let date = text
        .lines()
        .find_map(|line| line.strip_prefix("Date: "))
        .unwrap();
    let sent = chrono::DateTime::parse_from_rfc2822(date).unwrap();
    let age = chrono::Utc::now().signed_duration_since(sent);
    assert!(age.num_seconds().abs() < 120, "{date}");
    assert!(
        !log_text(&project).contains("manke"),
        "{}",
        log_text(&project)
    );

    // The real delivery still goes out, once.
    let output = server.send(&project, &["--only", "manke"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(per_recipient(&server)["stephan.manke@example.org"], 1);
}

#[test]
fn without_a_terminal_send_needs_yes_and_names_month_stand_and_settings_first() {
    let project = built_example();
    let server = SmtpServer::start();
    let args = server.send_args();
    let without_yes: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| *a != "--yes")
        .collect();
    let output = project.run(&without_yes);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--yes"), "{}", stderr(&output));
    assert!(server.received().is_empty());

    for command in [
        &["check"][..],
        &["build", "--stand", STAND],
        &["send", "--dry-run"],
    ] {
        let output = project.run(command);
        assert!(output.status.success(), "{}", stderr(&output));
        let first = stdout(&output)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        assert!(
            first.starts_with("Monat 2026-11, Stand ")
                && first.contains("Einstellungen: briefing.yaml"),
            "{command:?}: {first}"
        );
    }
    std::fs::remove_file(project.path().join("briefing.yaml")).unwrap();
    let output = project.run(&["check"]);
    assert!(
        stdout(&output).starts_with("Monat 2026-11, Stand ")
            && stdout(&output)
                .lines()
                .next()
                .unwrap()
                .contains("Einstellungen: keine"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn month_folders_not_named_yyyy_mm_are_reported() {
    let project = built_example();
    for name in ["2026-11 - Kopie", "Dezember 2026"] {
        std::fs::create_dir_all(project.path().join("inputs").join(name)).unwrap();
    }
    let output = project.run(&["build", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("\"inputs/2026-11 - Kopie\" sieht aus wie ein Monat"),
        "{message}"
    );
    assert!(
        message.contains("\"inputs/Dezember 2026\" sieht aus wie ein Monat"),
        "{message}"
    );
    let output = project.run(&["send", "--dry-run"]);
    assert!(
        stderr(&output).contains("Dezember 2026"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn on_a_terminal_send_shows_what_it_will_do_and_asks() {
    let project = built_example();
    let server = SmtpServer::start();
    let declined = server.send_on_terminal(&project, "n");
    let text = stdout(&declined);
    assert_eq!(declined.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Bereit: 12 Nachrichten für 2026-11"),
        "{text}"
    );
    assert!(text.contains("Jetzt senden? [j/N]"), "{text}");
    assert!(
        text.contains("Abgebrochen: nichts wurde gesendet"),
        "{text}"
    );
    assert!(server.received().is_empty());

    let accepted = server.send_on_terminal(&project, "j");
    let text = stdout(&accepted);
    assert!(accepted.status.success(), "{text}");
    assert!(text.contains("[12/12] sende "), "{text}");
    assert!(text.contains("12 gesendet"), "{text}");
    assert_eq!(server.received().len(), 12);
}
