//! What each command prints: results on stdout, diagnostics on stderr, and the one map from
//! an outcome to the exit code (0 success, 1 input or template errors, 2 usage errors).

use std::fmt::{self, Write as _};
use std::io::{BufRead, IsTerminal, Write as _};

use crate::commands::build::BuildReport;
use crate::commands::check::CheckReport;
use crate::commands::init::InitReport;
use crate::commands::preview::PreviewReport;
use crate::commands::send::{SendReport, SendUi};
use crate::deliver::FailureKind;
use crate::error::Error;
use crate::messages::cli as messages;

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
            Outcome::Init(_) | Outcome::Watched => String::new(),
            Outcome::Failed(error) => failure(error),
        }
    }

    /// The exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Outcome::Failed(error) => error.exit_code(),
            Outcome::Send(report) if !report.complete() => 1,
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

/// `send` on the command line: the header and progress on the terminal, the confirmation
/// asked there, or `--yes` when there is no terminal to ask on.
pub struct SendTerminal {
    yes: bool,
}

impl SendTerminal {
    /// Refuses a real send without a terminal unless `--yes` was given, before anything runs.
    pub fn new(dry_run: bool, yes: bool) -> Result<SendTerminal, Error> {
        if !dry_run && !yes && !std::io::stdin().is_terminal() {
            return Err(Error::Usage(messages::SEND_NEEDS_TERMINAL.to_string()));
        }
        Ok(SendTerminal {
            yes: yes || dry_run,
        })
    }
}

impl SendUi for SendTerminal {
    fn header(&mut self, line: &str) {
        println!("{line}");
    }

    fn confirm(&mut self, plan: &SendReport, about_to_send: usize) -> bool {
        if self.yes {
            return true;
        }
        let mut text = send_diagnostics_of(plan, false);
        let target = match &plan.test_address {
            Some(address) => messages::confirm_test_target(address),
            None => String::new(),
        };
        let _ = writeln!(
            text,
            "{}",
            messages::ready_to_send(
                about_to_send,
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
        messages::YES_ANSWERS.contains(&answer.trim().to_lowercase().as_str())
    }

    fn progress(&mut self, line: &str) {
        eprintln!("{line}");
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
                &unknown.when,
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
    } else if !report.complete() {
        out.push_str(messages::SEND_INCOMPLETE);
    }
    out
}

fn send_summary(f: &mut fmt::Formatter<'_>, report: &SendReport) -> fmt::Result {
    if report.dry_run {
        return writeln!(
            f,
            "{}",
            messages::dry_run_written(
                report.written.len(),
                report.mail_dir.display(),
                report.already_sent.len()
            )
        );
    }
    for recipient in &report.sent {
        writeln!(f, "{}", messages::sent(&recipient.id, &recipient.address))?;
    }
    for already in &report.already_sent {
        let changed = if already.changed {
            messages::CHANGED_SINCE
        } else {
            ""
        };
        let checksum = &already.sha256[..already.sha256.len().min(12)];
        writeln!(
            f,
            "{}",
            messages::already_received(&already.id, &already.when, checksum, changed)
        )?;
    }
    let target = match &report.test_address {
        Some(address) => messages::summary_test_target(address),
        None => String::new(),
    };
    writeln!(
        f,
        "{}",
        messages::send_summary(
            report.sent.len(),
            &target,
            report.already_sent.len(),
            report.unknown.len(),
            report.failed.len(),
            report.not_attempted.len(),
            report.without_address.len(),
            report.log.display()
        )
    )
}
