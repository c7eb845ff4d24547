//! Sending through a mail server as an office runs it: STARTTLS or TLS from the start, a
//! certificate from the organisation's own CA (a fresh test CA per server, made by trustme),
//! login with PLAIN or LOGIN. The server is `tests/fixtures/tls_smtp.py` (aiosmtpd) on
//! 127.0.0.1, a real process; the tests that need it are ignored unless run with
//! `cargo test -- --ignored` (`.ci/run` installs aiosmtpd and trustme).

use std::path::PathBuf;

use crate::support::*;

const STAND: &str = "2026-11-28";
const USER: &str = "fitko";
const PASSWORD: &str = "geheim";

/// `tests/fixtures/tls_smtp.py` on 127.0.0.1, stopped when dropped.
struct TlsServer {
    child: std::process::Child,
    port: u16,
    dir: tempfile::TempDir,
    implicit: bool,
}

impl TlsServer {
    fn start(options: &[&str]) -> TlsServer {
        let dir = tempfile::tempdir().unwrap();
        let child = std::process::Command::new("python3")
            .arg(repo().join("tests/fixtures/tls_smtp.py"))
            .arg(dir.path())
            .args(options)
            .stdout(std::process::Stdio::null())
            // aiosmtpd prints a traceback for every refused handshake: expected here.
            .stderr(std::fs::File::create(dir.path().join("server.log")).unwrap())
            .spawn()
            .expect("python3 starts");
        let port_file = dir.path().join("port");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while !port_file.exists() {
            assert!(
                std::time::Instant::now() < deadline,
                "the TLS SMTP server did not start: {}",
                std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let port = std::fs::read_to_string(&port_file)
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        TlsServer {
            child,
            port,
            dir,
            implicit: options.contains(&"--implicit"),
        }
    }

    /// The test CA's certificate (PEM), made when the server started.
    fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// (recipient, Message-ID, AUTH mechanism) of every message received.
    fn received(&self) -> Vec<(String, String, String)> {
        std::fs::read_to_string(self.dir.path().join("received.txt"))
            .unwrap_or_default()
            .lines()
            .map(|line| {
                let parts: Vec<&str> = line.split('\t').collect();
                (
                    parts[0].to_string(),
                    parts[1].to_string(),
                    parts.get(2).unwrap_or(&"").to_string(),
                )
            })
            .collect()
    }

    /// Every login attempt: "MECHANISM\tuser\tok|refused".
    fn logins(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("logins.txt")).unwrap_or_default()
    }

    /// `briefing send` against this server with login, plus `extra`.
    fn args(&self, extra: &[&str]) -> Vec<String> {
        let tls = if self.implicit { "tls" } else { "starttls" };
        let mut args = send_args(self.port, tls);
        args.extend(["--smtp-user".to_string(), USER.to_string()]);
        args.extend(extra.iter().map(|arg| arg.to_string()));
        args
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The shipped example's recipients: each must have received the briefing exactly once and be
/// logged as sent exactly once.
fn assert_each_delivered_once(project: &Project, server: &TlsServer, mechanism: &str) {
    let rows = std::fs::read_to_string(project.out("2026-11/versand.csv")).unwrap();
    let expected = rows.lines().count() - 1;
    assert!(expected >= 2, "{rows}");
    let received = server.received();
    assert_eq!(received.len(), expected, "{received:?}");
    let mut recipients: Vec<&str> = received.iter().map(|(to, _, _)| to.as_str()).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), expected, "one message per recipient");
    for (_, _, used) in &received {
        assert_eq!(used, mechanism, "logged in with {mechanism} before sending");
    }
    let log = log_text(project);
    for (to, message_id, _) in &received {
        let sent: Vec<&str> = log
            .lines()
            .filter(|line| line.contains(",gesendet,") && line.contains(to.as_str()))
            .collect();
        assert_eq!(sent.len(), 1, "{to} logged as sent once: {log}");
        assert!(sent[0].contains(message_id.as_str()), "{log}");
    }
}

/// Nothing reached the server and the log records nothing as sent.
fn assert_nothing_sent(project: &Project, server: &TlsServer) {
    assert!(server.received().is_empty(), "{:?}", server.received());
    assert!(
        std::fs::read_dir(server.dir.path().join("mail"))
            .unwrap()
            .next()
            .is_none()
    );
    let log = log_text(project);
    assert!(!log.contains(",gesendet,"), "{log}");
    assert!(!log.contains(",versand,"), "{log}");
}

/// The shipped example with `versand.ca_zertifikat` naming the server's CA, then built (a
/// changed briefing.yaml makes built documents out of date, so the setting comes first).
fn built_example_trusting(server: &TlsServer) -> Project {
    let project = Project::shipped_example();
    with_ca_setting(&project, server);
    let output = project.run(&["build", "--stand", STAND]);
    assert!(output.status.success(), "{}", stderr(&output));
    project
}

fn with_ca_setting(project: &Project, server: &TlsServer) {
    let config = std::fs::read_to_string(project.path().join("briefing.yaml")).unwrap();
    // A relative path: it is read relative to briefing.yaml's folder.
    std::fs::copy(server.ca(), project.path().join("behoerden-ca.pem")).unwrap();
    project.write(
        "briefing.yaml",
        &format!("{config}\nversand:\n  ca_zertifikat: behoerden-ca.pem\n"),
    );
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn starttls_with_the_ca_from_ssl_cert_file_delivers_each_message_once() {
    let project = built_example();
    let server = TlsServer::start(&[]);
    let ca = server.ca();
    let output = project.run_with_env(
        &server.args(&[]),
        &[
            ("SSL_CERT_FILE", ca.to_str().unwrap()),
            ("BRIEFING_SMTP_PASSWORD", PASSWORD),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_each_delivered_once(&project, &server, "PLAIN");

    // A second run sends nothing again.
    let again = project.run_with_env(
        &server.args(&[]),
        &[
            ("SSL_CERT_FILE", ca.to_str().unwrap()),
            ("BRIEFING_SMTP_PASSWORD", PASSWORD),
        ],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert_each_delivered_once(&project, &server, "PLAIN");
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn starttls_with_the_ca_from_versand_ca_zertifikat_delivers_each_message_once() {
    let server = TlsServer::start(&[]);
    let project = built_example_trusting(&server);
    let output = project.run_with_env(&server.args(&[]), &[("BRIEFING_SMTP_PASSWORD", PASSWORD)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_each_delivered_once(&project, &server, "PLAIN");
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn implicit_tls_with_ssl_cert_file_and_login_only_as_exchange_offers_it() {
    let project = built_example();
    let server = TlsServer::start(&["--implicit", "--mechanisms", "LOGIN"]);
    let ca = server.ca();
    let output = project.run_with_env(
        &server.args(&[]),
        &[
            ("SSL_CERT_FILE", ca.to_str().unwrap()),
            ("BRIEFING_SMTP_PASSWORD", PASSWORD),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_each_delivered_once(&project, &server, "LOGIN");
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn implicit_tls_with_versand_ca_zertifikat_delivers_each_message_once() {
    let server = TlsServer::start(&["--implicit"]);
    let project = built_example_trusting(&server);
    let output = project.run_with_env(&server.args(&[]), &[("BRIEFING_SMTP_PASSWORD", PASSWORD)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_each_delivered_once(&project, &server, "PLAIN");
}

/// Runs a send that must fail before anything is sent; returns its stderr.
fn failing_send(project: &Project, server: &TlsServer, env: &[(&str, &str)]) -> String {
    let mut env = env.to_vec();
    env.push(("BRIEFING_SMTP_PASSWORD", PASSWORD));
    let output = project.run_with_env(&server.args(&[]), &env);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert_nothing_sent(project, server);
    assert!(
        !server.logins().contains("ok"),
        "no login went through: {}",
        server.logins()
    );
    assert!(!message.contains("network error"), "{message}");
    assert!(!message.contains("invalid peer certificate"), "{message}");
    message
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn without_the_ca_the_error_names_the_issuer_and_both_ways_to_trust_it() {
    let project = built_example();
    let server = TlsServer::start(&[]);
    let message = failing_send(&project, &server, &[]);
    assert!(message.contains("wurde nicht anerkannt"), "{message}");
    assert!(
        message.contains("von „O=Testbehoerde, OU=Test-CA“ ausgestellt"),
        "{message}"
    );
    assert!(message.contains("im System installieren"), "{message}");
    assert!(message.contains("ca_zertifikat: PFAD"), "{message}");
    assert!(
        message.contains("Der Versand wurde angehalten"),
        "{message}"
    );

    // With another CA in versand.ca_zertifikat, the message names that file too.
    let other = TlsServer::start(&["--ca-name", "Andere Behoerde"]);
    let project = built_example_trusting(&other);
    let message = failing_send(&project, &server, &[]);
    assert!(
        message.contains("von „O=Testbehoerde, OU=Test-CA“ ausgestellt"),
        "{message}"
    );
    assert!(
        message.contains("noch der Datei behoerden-ca.pem (versand.ca_zertifikat) bekannt"),
        "{message}"
    );

    // A CA of the same name but another key (a renewed root, say) is no proof either.
    let same_name = TlsServer::start(&[]);
    let project = built_example_trusting(&same_name);
    let message = failing_send(&project, &server, &[]);
    assert!(
        message.contains("„O=Testbehoerde, OU=Test-CA“, aber die Unterschrift passt"),
        "{message}"
    );
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn a_certificate_for_another_host_names_the_host_asked_for_and_its_names() {
    let project = built_example();
    let server = TlsServer::start(&["--cert-for", "mail.example.org"]);
    let ca = server.ca();
    let message = failing_send(
        &project,
        &server,
        &[("SSL_CERT_FILE", ca.to_str().unwrap())],
    );
    assert!(
        message.contains(
            "das Zertifikat gilt für mail.example.org, verbunden wurde aber mit „127.0.0.1“"
        ),
        "{message}"
    );
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn an_expired_certificate_names_its_dates() {
    let project = built_example();
    let server = TlsServer::start(&["--expired"]);
    let ca = server.ca();
    let message = failing_send(
        &project,
        &server,
        &[("SSL_CERT_FILE", ca.to_str().unwrap())],
    );
    assert!(
        message.contains("das Zertifikat ist abgelaufen: gültig vom 01.01.2020 bis 01.01.2021"),
        "{message}"
    );
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn a_server_that_speaks_only_old_tls_says_so() {
    let project = built_example();
    let server = TlsServer::start(&["--tls-max", "1.1"]);
    let ca = server.ca();
    let message = failing_send(
        &project,
        &server,
        &[("SSL_CERT_FILE", ca.to_str().unwrap())],
    );
    assert!(
        message.contains("keine gemeinsame TLS-Version oder Verschlüsselung"),
        "{message}"
    );
    assert!(message.contains("TLS 1.2 oder 1.3"), "{message}");
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn a_server_without_plain_or_login_names_what_it_offers() {
    let project = built_example();
    let server = TlsServer::start(&["--mechanisms", "CRAM-MD5"]);
    let ca = server.ca();
    let message = failing_send(
        &project,
        &server,
        &[("SSL_CERT_FILE", ca.to_str().unwrap())],
    );
    assert!(
        message.contains("bietet kein Anmeldeverfahren an, das briefing beherrscht"),
        "{message}"
    );
    assert!(
        message.contains("der Server bietet CRAM-MD5 an, briefing beherrscht PLAIN, LOGIN"),
        "{message}"
    );
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn the_connection_test_reports_tls_and_login_and_sends_nothing() {
    // No inputs and no built month: the test needs only the settings.
    let empty = tempfile::tempdir().unwrap();
    let server = TlsServer::start(&[]);
    let ca = server.ca();
    let run = |password: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(server.args(&["--verbindung-pruefen"]))
            .env("SSL_CERT_FILE", &ca)
            .env("BRIEFING_SMTP_PASSWORD", password)
            .current_dir(empty.path())
            .output()
            .unwrap()
    };
    let good = run(PASSWORD);
    let out = stdout(&good);
    println!("{out}{}", stderr(&good));
    assert_eq!(good.status.code(), Some(0), "{out}{}", stderr(&good));
    assert!(
        out.contains(&format!(
            "Verbindungstest: Mailserver 127.0.0.1:{} (STARTTLS)",
            server.port
        )),
        "{out}"
    );
    assert!(out.contains("mail.testbehoerde.example"), "{out}");
    assert!(out.contains("Verschlüsselung: TLS 1."), "{out}");
    assert!(
        out.contains("für 127.0.0.1, localhost, ausgestellt von „O=Testbehoerde, OU=Test-CA“"),
        "{out}"
    );
    assert!(out.contains("als „fitko“ angenommen (PLAIN)"), "{out}");
    assert!(
        out.contains("Vertrauen:       Zertifikat geprüft mit SSL_CERT_FILE="),
        "{out}"
    );
    assert!(out.contains("Die Verbindung ist in Ordnung"), "{out}");

    let bad = run("falsch");
    let (out, err) = (stdout(&bad), stderr(&bad));
    println!("{out}{err}");
    assert_eq!(bad.status.code(), Some(1), "{out}{err}");
    assert!(out.contains("als „fitko“ abgelehnt"), "{out}");
    assert!(err.contains("hat die Anmeldung abgelehnt"), "{err}");
    assert!(!out.contains("in Ordnung"), "{out}");

    assert!(
        server.received().is_empty(),
        "the server received no message"
    );
    assert_eq!(server.logins(), "PLAIN\tfitko\tok\nPLAIN\tfitko\trefused\n");
    let left: Vec<_> = std::fs::read_dir(empty.path()).unwrap().collect();
    assert!(left.is_empty(), "no log, no out/: {left:?}");
}

#[test]
#[ignore = "needs python3 with aiosmtpd and trustme (.ci/run installs them)"]
fn the_connection_test_explains_an_untrusted_certificate() {
    let empty = tempfile::tempdir().unwrap();
    let server = TlsServer::start(&["--implicit"]);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(server.args(&["--verbindung-pruefen"]))
        .env("BRIEFING_SMTP_PASSWORD", PASSWORD)
        .current_dir(empty.path())
        .output()
        .unwrap();
    let (out, err) = (stdout(&output), stderr(&output));
    println!("{out}{err}");
    assert_eq!(output.status.code(), Some(1), "{out}{err}");
    assert!(out.contains("(TLS von Anfang an)"), "{out}");
    assert!(
        out.contains("ausgestellt von „O=Testbehoerde, OU=Test-CA“"),
        "{out}"
    );
    assert!(err.contains("wurde nicht anerkannt"), "{err}");
    assert!(server.logins().is_empty(), "no login was tried");

    // With the CA in versand.ca_zertifikat (next to briefing.yaml), all is well.
    let configured = tempfile::tempdir().unwrap();
    std::fs::copy(server.ca(), configured.path().join("ca.pem")).unwrap();
    std::fs::write(
        configured.path().join("briefing.yaml"),
        "versand:\n  ca_zertifikat: ca.pem\n",
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(server.args(&["--verbindung-pruefen"]))
        .env("BRIEFING_SMTP_PASSWORD", PASSWORD)
        .env_remove("SSL_CERT_FILE")
        .env_remove("SSL_CERT_DIR")
        .current_dir(configured.path())
        .output()
        .unwrap();
    let (out, err) = (stdout(&output), stderr(&output));
    println!("{out}{err}");
    assert_eq!(output.status.code(), Some(0), "{out}{err}");
    assert!(
        out.contains("Zertifikat geprüft mit dem Zertifikatsspeicher des Systems und ca.pem (versand.ca_zertifikat, 1 Zertifikat(e))"),
        "{out}"
    );
    assert!(out.contains("angenommen (PLAIN)"), "{out}");
    assert!(server.received().is_empty());
}

/// Without a server: a CA file that is not one is refused with its name, before connecting.
#[test]
fn a_ca_file_without_certificates_is_refused_by_name() {
    let project = Project::with_shipped_templates();
    project.write("keine-ca.pem", "dies ist kein Zertifikat\n");
    project.write("briefing.yaml", "versand:\n  ca_zertifikat: keine-ca.pem\n");
    let output = project.run(&[
        "send",
        "--verbindung-pruefen",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &closed_port().to_string(),
    ]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("versand.ca_zertifikat: keine-ca.pem enthält kein Zertifikat"),
        "{message}"
    );

    project.write("briefing.yaml", "versand:\n  ca_zertifikat: fehlt.pem\n");
    let output = project.run(&["send", "--verbindung-pruefen", "--smtp-host", "127.0.0.1"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(
        message.contains("versand.ca_zertifikat: fehlt.pem lässt sich nicht lesen: nicht gefunden"),
        "{message}"
    );
}

/// Without a server: nobody listening is "refused", in the connection test's words.
#[test]
fn the_connection_test_of_a_closed_port_fails_with_exit_1() {
    let empty = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(send_args(closed_port(), "starttls"))
        .arg("--verbindung-pruefen")
        .current_dir(empty.path())
        .output()
        .unwrap();
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("nimmt keine Verbindung an"), "{message}");
    assert!(
        message.contains("Es wurde keine Nachricht gesendet"),
        "{message}"
    );
}
