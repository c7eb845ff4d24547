//! What each command prints: results on stdout, diagnostics on stderr, and the one map from
//! an outcome to the exit code (0 success, 1 input or template errors, 2 usage errors).

use std::fmt::{self, Write as _};

use crate::commands::build::BuildReport;
use crate::commands::check::CheckReport;
use crate::commands::init::InitReport;
use crate::commands::preview::PreviewReport;
use crate::commands::send::SendReport;
use crate::error::Error;

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
    Send(SendReport),
    /// `watch` stopped.
    Watched,
    /// The command failed.
    Failed(Error),
}

impl Outcome {
    /// What goes to stderr: warnings, problems, the error.
    pub fn diagnostics(&self) -> String {
        match self {
            Outcome::Build(report) => report.warnings.to_string(),
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
                let overview = if report.overview {
                    " und die Übersicht"
                } else {
                    ""
                };
                writeln!(
                    f,
                    "{}{overview} nach {} geschrieben",
                    count(report.briefings, "Briefing", "Briefings"),
                    report.folder.display()
                )
            }
            Outcome::Check(report) => writeln!(
                f,
                "{}: Eingaben und Vorlagen sind in Ordnung ({} und die Übersicht, {})",
                report.month,
                count(report.briefings, "Briefing", "Briefings"),
                count(report.warnings.len(), "Warnung", "Warnungen")
            ),
            Outcome::Preview(report) => f.write_str(&report.markdown),
            Outcome::Init(report) => {
                writeln!(
                    f,
                    "{} des Beispielprojekts nach {} geschrieben",
                    count(report.files.len(), "Datei", "Dateien"),
                    report.dir.display()
                )?;
                writeln!(
                    f,
                    "Weiter mit: cd {} && briefing build",
                    report.dir.display()
                )
            }
            Outcome::Send(report) => send_summary(f, report),
            Outcome::Watched | Outcome::Failed(_) => Ok(()),
        }
    }
}

/// "1 Briefing", "12 Briefings".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// An error as printed: every problem, then the summary; or the one error.
pub fn failure(error: &Error) -> String {
    match error {
        Error::Problems(diagnostics) => format!("{diagnostics}{error}\n"),
        other => format!("error: {other}\n"),
    }
}

fn send_diagnostics(report: &SendReport) -> String {
    let mut out = report.warnings.to_string();
    for person in &report.without_address {
        let _ = writeln!(
            out,
            "warning: {} ({}) has no e-mail address in sprecher.yaml; no message",
            person.id, person.name
        );
    }
    for failed in &report.failed {
        let _ = writeln!(
            out,
            "error: {} <{}>: {}",
            failed.recipient.id, failed.recipient.address, failed.reason
        );
    }
    if !report.complete() {
        out.push_str(
            "error: not every spokesperson received the briefing; fix the above and run send again (what was sent is not sent twice)\n",
        );
    }
    out
}

fn send_summary(f: &mut fmt::Formatter<'_>, report: &SendReport) -> fmt::Result {
    if report.dry_run {
        return writeln!(
            f,
            "wrote {} message(s) to {} (nothing was sent)",
            report.written.len(),
            report.mail_dir.display()
        );
    }
    for recipient in &report.sent {
        writeln!(f, "sent: {} -> {}", recipient.id, recipient.address)?;
    }
    for id in &report.already_sent {
        writeln!(f, "already sent: {id}")?;
    }
    writeln!(
        f,
        "{} sent, {} already sent before, {} failed, {} without address; log: {}",
        report.sent.len(),
        report.already_sent.len(),
        report.failed.len(),
        report.without_address.len(),
        report.log.display()
    )
}
