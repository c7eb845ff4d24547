//! What each command prints: results on stdout, diagnostics on stderr, and the one map from
//! an outcome to the exit code (0 success, 1 input or template errors, 2 usage errors).

use std::fmt::{self, Write as _};
use std::io::{BufRead, IsTerminal, Write as _};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::commands::build::BuildReport;
use crate::commands::check::CheckReport;
use crate::commands::init::InitReport;
use crate::commands::preview::PreviewReport;
use crate::deliver::connection::ConnectionReport;
use crate::deliver::{FailureKind, Outgoing, Reason, SendReport, SendUi};
use crate::error::Error;
use crate::load::config::SmtpTls;
use crate::messages::cli as messages;
use crate::messages::tls as tls_messages;

/// How a command ended.
#[derive(Debug)]
pub enum Outcome {
    /// `build` succeeded.
    Build(BuildReport),
    /// `check` succeeded.
    Check(CheckReport),
    /// `preview` succeeded.
    Preview(PreviewReport),
    /// `init` succeeded.
    Init(InitReport),
    /// `send` ran (it may not have reached everyone).
    Send(Box<SendReport>),
    /// `send --verbindung-pruefen` ran (the connection may have failed).
    Connection(Box<ConnectionReport>),
    /// `watch` stopped.
    Watched,
    /// The command failed.
    Failed(Error),
}

impl Outcome {
    /// What goes to stderr: warnings, problems, the error.
    pub fn diagnostics(&self) -> String {
        match self {
            Outcome::Build(report) => {
                let mut out = report.warnings.to_string();
                for notice in &report.notices {
                    let _ = writeln!(out, "{}", messages::warning(notice));
                }
                out
            }
            Outcome::Check(report) => report.warnings.to_string(),
            Outcome::Preview(report) => report.warnings.to_string(),
            Outcome::Send(report) => send_diagnostics(report),
            Outcome::Connection(report) => match &report.failure {
                Some(failure) => format!(
                    "{}\n",
                    tls_messages::check_failed(&failure.hint, &failure.detail)
                ),
                None => String::new(),
            },
            Outcome::Init(_) | Outcome::Watched => String::new(),
            Outcome::Failed(error) => failure(error),
        }
    }

    /// The exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Outcome::Failed(error) => error.exit_code(),
            Outcome::Send(report) if !report.complete() => 1,
            Outcome::Connection(report) if !report.ok() => 1,
            _ => 0,
        }
    }
}

/// What goes to stdout: the result.
impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Build(report) => {
                writeln!(
                    f,
                    "{}",
                    messages::built(
                        report.briefings,
                        report.overview,
                        report.pdfs,
                        report.folder.display()
                    )
                )?;
                // The outline guard's warnings once more, where the summary is read.
                for warning in report.outline.warnings() {
                    writeln!(
                        f,
                        "{}",
                        crate::messages::outline::in_summary(&warning.message)
                    )?;
                }
                Ok(())
            }
            Outcome::Check(report) => writeln!(
                f,
                "{}",
                messages::checked(report.month, report.briefings, report.warnings.len())
            ),
            Outcome::Preview(report) => f.write_str(&report.markdown),
            Outcome::Init(report) => {
                let dir = report.dir.display();
                writeln!(f, "{}", messages::initialized(report.files.len(), &dir))?;
                writeln!(f, "{}", messages::next_step(&dir))
            }
            Outcome::Send(report) => send_summary(f, report),
            Outcome::Connection(report) => connection_summary(f, report),
            Outcome::Watched | Outcome::Failed(_) => Ok(()),
        }
    }
}

/// An error as printed: every problem, then the summary; or the one error.
pub fn failure(error: &Error) -> String {
    match error {
        Error::Problems(diagnostics) => format!("{diagnostics}{error}\n"),
        other => messages::error(other),
    }
}

/// `send` on the command line: the header and progress on the terminal, the plan shown and
/// confirmed there (or with `--yes` when there is no terminal to ask on), Ctrl+C turned into
/// a stop after the message in hand.
pub struct SendTerminal {
    yes: bool,
    stop: Arc<AtomicBool>,
}

impl SendTerminal {
    /// Refuses a real send without a terminal unless `--yes` was given, before anything
    /// runs; a dry run and `--angekommen` send nothing and need neither.
    pub fn new(sends: bool, yes: bool) -> Result<SendTerminal, Error> {
        if sends && !yes && !std::io::stdin().is_terminal() {
            return Err(Error::Usage(messages::SEND_NEEDS_TERMINAL.to_string()));
        }
        Ok(SendTerminal {
            yes: yes || !sends,
            stop: Arc::new(AtomicBool::new(false)),
        })
    }

    /// From now on the first Ctrl+C asks the batch to stop after the message in hand (the
    /// summary then says what was sent); a second one ends at once.
    fn catch_interrupt(&self) {
        let stop = Arc::clone(&self.stop);
        // A handler already set (a second run in one process) keeps working on its own flag.
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
            eprintln!("{}", messages::STOPPING);
        });
    }
}

impl SendUi for SendTerminal {
    fn header(&mut self, line: &str) {
        println!("{line}");
    }

    fn confirm(&mut self, plan: &SendReport, outgoing: &[Outgoing]) -> bool {
        let mut text = send_diagnostics_of(plan, false);
        let _ = writeln!(
            text,
            "{}",
            messages::plan_heading(outgoing.len(), &plan.month)
        );
        for out in outgoing {
            let received = |zeit: &str| crate::month::german_time_of(zeit);
            let kind = match (out.due.reason, &out.due.replaces) {
                (Reason::First, _) => messages::PLAN_FIRST.to_string(),
                (Reason::Retry, _) => messages::PLAN_RETRY.to_string(),
                (Reason::Again, _) => messages::PLAN_AGAIN.to_string(),
                (Reason::Test, _) => messages::PLAN_TEST.to_string(),
                (Reason::Correction, Some(last)) => {
                    messages::plan_correction(&received(&last.zeit))
                }
                (Reason::Correction, None) => messages::plan_correction("?"),
            };
            let _ = writeln!(
                text,
                "{}",
                messages::plan_line(&out.due.row.id, &out.due.row.email, &kind)
            );
        }
        if self.yes {
            eprint!("{text}");
            self.catch_interrupt();
            return true;
        }
        let target = match &plan.test_address {
            Some(address) => messages::confirm_test_target(address),
            None => String::new(),
        };
        let _ = writeln!(
            text,
            "{}",
            messages::ready_to_send(
                outgoing.len(),
                &plan.month,
                &target,
                plan.already_sent.len(),
                plan.without_address.len(),
                plan.warnings.len() + plan.notices.len()
            )
        );
        text.push_str(messages::SEND_NOW);
        eprint!("{text}");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        if std::io::stdin().lock().read_line(&mut answer).is_err() {
            return false;
        }
        let yes = messages::YES_ANSWERS.contains(&answer.trim().to_lowercase().as_str());
        if yes {
            self.catch_interrupt();
        }
        yes
    }

    fn progress(&mut self, line: &str) {
        eprintln!("{line}");
    }

    fn interrupted(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

fn send_diagnostics(report: &SendReport) -> String {
    send_diagnostics_of(report, true)
}

/// Warnings and problems of `send`; `finished` adds what the run's end means.
fn send_diagnostics_of(report: &SendReport, finished: bool) -> String {
    let mut out = report.warnings.to_string();
    for notice in &report.notices {
        let _ = writeln!(out, "{}", messages::warning(notice));
    }
    for person in &report.without_address {
        let _ = writeln!(
            out,
            "{}",
            messages::without_address(&person.id, &person.name)
        );
    }
    for unknown in &report.unknown {
        let _ = writeln!(
            out,
            "{}",
            messages::unknown_delivery(
                &unknown.id,
                &unknown.address,
                &crate::month::german_time_of(&unknown.when),
                &unknown.message_id
            )
        );
    }
    if !finished {
        return out;
    }
    // One line per kind of failure, naming everyone it hit.
    let mut kinds: Vec<Option<FailureKind>> = report.failed.iter().map(|f| f.kind).collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds {
        let hit: Vec<_> = report.failed.iter().filter(|f| f.kind == kind).collect();
        let who: Vec<String> = hit
            .iter()
            .map(|f| format!("{} <{}>", f.recipient.id, f.recipient.address))
            .collect();
        let reasons: Vec<&str> = {
            let mut reasons: Vec<&str> = hit.iter().map(|f| f.reason.as_str()).collect();
            reasons.dedup();
            reasons
        };
        let hint = match (&report.aborted, kind) {
            (Some(aborted), Some(k)) if aborted.kind == k => "",
            (_, Some(FailureKind::Rejected)) => messages::REJECTED_HINT,
            (_, Some(FailureKind::Temporary)) => messages::TEMPORARY_HINT,
            _ => "",
        };
        let _ = writeln!(
            out,
            "{}",
            messages::not_sent(&who.join(", "), &reasons.join("; "), hint)
        );
    }
    if let Some(aborted) = &report.aborted {
        let _ = writeln!(
            out,
            "{}",
            messages::send_aborted(&aborted.hint, &aborted.detail, report.not_attempted.len())
        );
    }
    if report.cancelled {
        out.push_str(messages::SEND_CANCELLED);
    } else if report.interrupted {
        out.push_str(&messages::send_interrupted(
            report.sent.len(),
            report.not_attempted.len(),
        ));
    } else if !report.complete() && report.test_address.is_some() {
        out.push_str(messages::TEST_INCOMPLETE);
    } else if !report.complete() {
        out.push_str(messages::SEND_INCOMPLETE);
    }
    out
}

fn send_summary(f: &mut fmt::Formatter<'_>, report: &SendReport) -> fmt::Result {
    if !report.recorded.is_empty() {
        for recorded in &report.recorded {
            let when = crate::month::german_time_of(&recorded.when);
            writeln!(
                f,
                "{}",
                messages::recorded_arrival(&recorded.id, &recorded.address, &when)
            )?;
        }
        return writeln!(
            f,
            "{}",
            messages::recorded_summary(report.recorded.len(), report.log.display())
        );
    }
    if report.dry_run {
        let corrections = match report.corrections_not_asked.as_slice() {
            [] => String::new(),
            ids => messages::corrections_not_asked(&ids.join(", ")),
        };
        return writeln!(
            f,
            "{}",
            messages::dry_run_summary(
                report.written.len(),
                report.mail_dir.display(),
                report.already_sent.len(),
                &corrections
            )
        );
    }
    for recipient in &report.sent {
        let line = if recipient.reason == Reason::Correction {
            messages::sent_correction(&recipient.id, &recipient.address)
        } else {
            messages::sent(&recipient.id, &recipient.address)
        };
        writeln!(f, "{line}")?;
    }
    if let Some(address) = &report.test_address {
        return writeln!(
            f,
            "{}",
            messages::test_summary(
                report.sent.len(),
                address,
                report.failed.len(),
                report.not_attempted.len()
            )
        );
    }
    for already in &report.already_sent {
        let changed = if already.changed {
            messages::CHANGED_SINCE
        } else {
            ""
        };
        // A hand-edited log may hold anything: cut by characters, never inside one.
        let checksum: String = already.sha256.chars().take(12).collect();
        let when = crate::month::german_time_of(&already.when);
        writeln!(
            f,
            "{}",
            messages::already_received(&already.id, &when, &checksum, changed)
        )?;
    }
    let corrections = report
        .sent
        .iter()
        .filter(|r| r.reason == Reason::Correction)
        .count();
    // Named only when it exists: after "no" at the prompt of a first run there is none yet.
    let log = if report.log.is_file() {
        messages::log_note(report.log.display())
    } else {
        String::new()
    };
    // Who had the briefing before this run: those not sent to, and those sent a correction
    // or a repeat.
    let had_it = report.already_sent.len()
        + report
            .sent
            .iter()
            .filter(|r| matches!(r.reason, Reason::Correction | Reason::Again))
            .count();
    writeln!(
        f,
        "{}",
        messages::send_summary_of(
            report.sent.len(),
            corrections,
            had_it,
            report.unknown.len(),
            report.failed.len(),
            report.not_attempted.len(),
            report.without_address.len(),
            &log
        )
    )
}

/// What `send --verbindung-pruefen` found, line by line; the failure goes to stderr.
fn connection_summary(f: &mut fmt::Formatter<'_>, report: &ConnectionReport) -> fmt::Result {
    let mode = match report.tls {
        SmtpTls::StartTls => tls_messages::MODE_STARTTLS,
        SmtpTls::Tls => tls_messages::MODE_TLS,
        SmtpTls::None => tls_messages::MODE_NONE,
    };
    writeln!(f, "{}", tls_messages::check_header(&report.server, mode))?;
    if let Some(greeting) = &report.greeting {
        writeln!(f, "{}", tls_messages::check_greeting(greeting))?;
    }
    match (&report.encryption, report.tls) {
        (Some((version, cipher)), _) => {
            writeln!(f, "{}", tls_messages::check_tls(version, cipher))?
        }
        (None, SmtpTls::None) => writeln!(f, "{}", tls_messages::CHECK_NO_TLS)?,
        (None, _) => {}
    }
    if let Some(certificate) = &report.certificate {
        writeln!(
            f,
            "{}",
            tls_messages::check_certificate(
                &certificate.names.join(", "),
                &certificate.issuer,
                &certificate.not_before,
                &certificate.not_after
            )
        )?;
        if report.encryption.is_some() {
            let ca_file = report
                .ca_file
                .as_ref()
                .map(|(path, count)| (path.as_str(), *count));
            writeln!(
                f,
                "{}",
                tls_messages::check_trust(report.environment.as_deref(), ca_file)
            )?;
        }
    }
    let login_failed = report
        .failure
        .as_ref()
        .is_some_and(|failure| failure.kind == FailureKind::AuthFailed);
    match (&report.user, &report.login) {
        (Some(user), Some(mechanism)) => {
            writeln!(f, "{}", tls_messages::check_login_ok(user, mechanism))?
        }
        (Some(user), None) if login_failed => {
            writeln!(f, "{}", tls_messages::check_login_failed(user))?
        }
        (None, _) if report.failure.is_none() => writeln!(f, "{}", tls_messages::CHECK_NO_LOGIN)?,
        _ => {}
    }
    if report.ok() {
        writeln!(f, "{}", tls_messages::CHECK_OK)?;
    }
    Ok(())
}
