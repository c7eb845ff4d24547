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
                    let _ = writeln!(out, "Warnung: {notice}");
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
                let overview = if report.overview {
                    " und die Übersicht"
                } else {
                    ""
                };
                let pdfs = if report.pdfs > 0 {
                    format!(", dazu {} (PDF/A)", count(report.pdfs, "PDF", "PDFs"))
                } else {
                    String::new()
                };
                writeln!(
                    f,
                    "{}{overview}{pdfs} nach {} geschrieben",
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
        other => format!("Fehler: {other}\n"),
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
            return Err(Error::Usage(
                "`briefing send` fragt vor dem Versand nach, hier gibt es aber kein Terminal \
                 dafür; bestätigen Sie mit --yes (oder prüfen Sie zuerst mit --dry-run)"
                    .to_string(),
            ));
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
            Some(address) => format!(" (Test: alle an {address}, nicht als zugestellt vermerkt)"),
            None => String::new(),
        };
        let _ = writeln!(
            text,
            "Bereit: {about_to_send} Nachricht(en) für {}{target}; {} haben sie bereits, {} ohne \
             Adresse, {} Warnung(en).",
            plan.month,
            plan.already_sent.len(),
            plan.without_address.len(),
            plan.warnings.len() + plan.notices.len()
        );
        text.push_str("Jetzt senden? [j/N] ");
        eprint!("{text}");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        if std::io::stdin().lock().read_line(&mut answer).is_err() {
            return false;
        }
        matches!(
            answer.trim().to_lowercase().as_str(),
            "j" | "ja" | "y" | "yes"
        )
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
        let _ = writeln!(out, "Warnung: {notice}");
    }
    for person in &report.without_address {
        let _ = writeln!(
            out,
            "Warnung: {} ({}) hat keine E-Mail-Adresse in sprecher.yaml; keine Nachricht",
            person.id, person.name
        );
    }
    for unknown in &report.unknown {
        let _ = writeln!(
            out,
            "Warnung: unklar, ob {} <{}> die Nachricht erhalten hat: sie ging am {} an den \
             Mailserver, seine Bestätigung kam nicht an (Message-ID {}). Sie wird nicht von selbst \
             erneut gesendet. Fragen Sie beim Empfänger oder im Postausgang des Mailservers \
             nach; fehlt sie, senden Sie mit `briefing send --resend {}` (gleiche Message-ID, ein \
             Mailserver kann ein Doppel erkennen), ist sie angekommen, vermerken Sie das mit \
             `briefing send --angekommen {}`.",
            unknown.id, unknown.address, unknown.when, unknown.message_id, unknown.id, unknown.id
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
            (Some(aborted), Some(k)) if aborted.kind == k => String::new(),
            (_, Some(FailureKind::Rejected)) => {
                " Der Mailserver hat die Nachricht endgültig abgelehnt.".to_string()
            }
            (_, Some(FailureKind::Temporary)) => {
                " Der Mailserver hat auch nach mehreren Versuchen vorübergehend abgelehnt."
                    .to_string()
            }
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "Fehler: nicht gesendet an {}: {}.{hint}",
            who.join(", "),
            reasons.join("; ")
        );
    }
    if let Some(aborted) = &report.aborted {
        let _ = writeln!(
            out,
            "Fehler: {} (Meldung: {}). Der Versand wurde angehalten; {} Nachricht(en) wurden \
             nicht versucht.",
            aborted.hint,
            aborted.detail,
            report.not_attempted.len()
        );
    }
    if report.cancelled {
        out.push_str("Abgebrochen: nichts wurde gesendet.\n");
    } else if !report.complete() {
        out.push_str(
            "Fehler: nicht alle Sprecher:innen haben das Briefing erhalten; beheben Sie das \
             Obige und starten Sie `briefing send` erneut (was angekommen ist, geht nicht \
             doppelt hinaus)\n",
        );
    }
    out
}

fn send_summary(f: &mut fmt::Formatter<'_>, report: &SendReport) -> fmt::Result {
    if report.dry_run {
        return writeln!(
            f,
            "{} Nachricht(en) nach {} geschrieben (nichts wurde gesendet); {} haben das Briefing \
             bereits",
            report.written.len(),
            report.mail_dir.display(),
            report.already_sent.len()
        );
    }
    for recipient in &report.sent {
        writeln!(f, "gesendet: {} -> {}", recipient.id, recipient.address)?;
    }
    for already in &report.already_sent {
        let changed = if already.changed {
            "; das Dokument hat sich seither geändert (erneut senden: --resend-changed)"
        } else {
            ""
        };
        writeln!(
            f,
            "bereits erhalten: {} am {} (Prüfsumme {}){changed}",
            already.id,
            already.when,
            &already.sha256[..already.sha256.len().min(12)]
        )?;
    }
    let target = match &report.test_address {
        Some(address) => format!(" (Test an {address}, nicht als zugestellt vermerkt)"),
        None => String::new(),
    };
    writeln!(
        f,
        "{} gesendet{target}, {} bereits erhalten, {} unklar, {} fehlgeschlagen, {} nicht \
         versucht, {} ohne Adresse; Protokoll: {}",
        report.sent.len(),
        report.already_sent.len(),
        report.unknown.len(),
        report.failed.len(),
        report.not_attempted.len(),
        report.without_address.len(),
        report.log.display()
    )
}
