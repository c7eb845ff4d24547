//! One run of `send` after the plan: the letters (the e-mail text rendered, a correction's
//! changes since the version received), the dry run's `.eml` files, the sending loop that
//! keeps each version in the archive and records each message before DATA and after the
//! server's answer, and `--angekommen`, which only records.
//!
//! Who gets what is decided in [`super::plan`]; loading the project is the command's job.

use std::path::PathBuf;
use std::time::SystemTime;

use chrono::NaiveDate;
use lettre::message::Mailbox;

use super::plan::{AlreadySent, Due, Plan, Reason, Unknown, WithoutAddress};
use super::{DeliverError, Delivery, FailureKind, Letter, Mailer, Prepared, SendFailure};
use crate::diagnostics::Diagnostics;
use crate::messages::deliver as messages;
use crate::model::{BriefingContexts, EmailContext, Korrektur, Model, Received, correction};
use crate::month::german_time_of;
use crate::output::archive::{self, Kept};
use crate::output::layout::MonthLayout;
use crate::output::log::{self, Art, Event, LogEntry};
use crate::render::Renderer;

/// Where `send` tells the user what it does while it runs.
pub trait SendUi {
    /// The first line: month, Stand, settings file.
    fn header(&mut self, line: &str);
    /// Shows who gets what (`report` holds the plan's other lists) and asks whether to go
    /// ahead; `false` stops before anything is sent.
    fn confirm(&mut self, report: &SendReport, outgoing: &[Outgoing]) -> bool;
    /// One message is being sent / was sent.
    fn progress(&mut self, line: &str);
    /// Whether the user asked to stop (Ctrl+C): checked before each message.
    fn interrupted(&self) -> bool {
        false
    }
}

/// Who got what, one entry per spokesperson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The spokesperson's id.
    pub id: String,
    /// Their address (empty if the roster has none).
    pub address: String,
    /// Why it went out.
    pub reason: Reason,
}

/// A message that could not be made or sent, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    /// Whom it was for.
    pub recipient: Recipient,
    /// The kind of failure (none: the message could not be made).
    pub kind: Option<FailureKind>,
    /// The reason, in words.
    pub reason: String,
}

/// Why the batch stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aborted {
    /// The kind of failure.
    pub kind: FailureKind,
    /// The hint for it.
    pub hint: String,
    /// What the server or the system said.
    pub detail: String,
}

/// An unknown delivery recorded as arrived (`--angekommen`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The spokesperson's id.
    pub id: String,
    /// The address the message went to.
    pub address: String,
    /// When it was handed to the server (UTC, RFC 3339).
    pub when: String,
}

/// What a run did, recipient by recipient.
#[derive(Debug, Default)]
pub struct SendReport {
    /// The month folder.
    pub folder: PathBuf,
    /// The month.
    pub month: String,
    /// The reference date of the documents.
    pub stand: Option<NaiveDate>,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// The test address, if the messages went there instead.
    pub test_address: Option<String>,
    /// The folder of the `.eml` files (dry run).
    pub mail_dir: PathBuf,
    /// The send log.
    pub log: PathBuf,
    /// Where the versions sent are kept.
    pub archive: PathBuf,
    /// `.eml` files written (dry run).
    pub written: Vec<PathBuf>,
    /// Each message sent in this run.
    pub sent: Vec<Recipient>,
    /// Who already has the month's briefing (not sent again).
    pub already_sent: Vec<AlreadySent>,
    /// Corrections that go out only with `--resend-changed` (ids).
    pub corrections_not_asked: Vec<String>,
    /// Messages that may or may not have arrived (not sent again on their own).
    pub unknown: Vec<Unknown>,
    /// Spokespersons without an e-mail address.
    pub without_address: Vec<WithoutAddress>,
    /// Each message that could not be made or sent.
    pub failed: Vec<Failed>,
    /// Why the batch stopped, if it did.
    pub aborted: Option<Aborted>,
    /// Ids not tried because the batch stopped, the user said no or pressed Ctrl+C.
    pub not_attempted: Vec<String>,
    /// The user said no at the confirmation.
    pub cancelled: bool,
    /// The user pressed Ctrl+C while messages were being sent.
    pub interrupted: bool,
    /// Unknown deliveries recorded as arrived (`--angekommen`).
    pub recorded: Vec<Recorded>,
    /// The warnings of the inputs and templates.
    pub warnings: Diagnostics,
    /// Further warnings of this run (misnamed month folders).
    pub notices: Vec<String>,
}

impl SendReport {
    /// An empty report for `layout`'s month.
    pub fn new(layout: &MonthLayout, stand: NaiveDate) -> SendReport {
        SendReport {
            folder: layout.folder(),
            month: layout.month().to_string(),
            stand: Some(stand),
            mail_dir: layout.mail_dir(),
            log: layout.send_log(),
            archive: layout.archive(),
            ..SendReport::default()
        }
    }

    /// Takes over the plan's lists of who gets nothing and why.
    pub fn take_plan(&mut self, plan: &Plan) {
        self.already_sent = plan.already.clone();
        self.unknown = plan.unknown.clone();
        self.without_address = plan.without_address.clone();
        self.corrections_not_asked = plan
            .corrections_not_asked
            .iter()
            .map(|due| due.row.id.clone())
            .collect();
    }

    /// The user said no: nothing of `outgoing` was tried.
    pub fn cancel(&mut self, outgoing: &[Outgoing]) {
        self.cancelled = true;
        self.not_attempted = outgoing.iter().map(|o| o.due.row.id.clone()).collect();
    }

    /// True when every spokesperson has (or, in a dry run, would have) their message.
    pub fn complete(&self) -> bool {
        self.failed.is_empty()
            && self.unknown.is_empty()
            && self.aborted.is_none()
            && !self.cancelled
            && !self.interrupted
            && (self.dry_run || self.without_address.is_empty())
    }
}

/// A message ready to make: what is due, the letter, and the record of what it says.
pub struct Outgoing {
    /// What is due.
    pub due: Due,
    /// The letter.
    pub letter: Letter,
    /// What the briefing says about the person's conferences (kept with the version).
    pub received: Received,
}

/// The letters of `dues`: each e-mail rendered from `email.txt.j2` (for a correction with
/// what changed since the version received), the attachments read and checked.
pub fn letters(
    layout: &MonthLayout,
    dues: &[Due],
    model: &Model,
    renderer: &Renderer,
    attach_pdf: bool,
) -> Result<Vec<Outgoing>, DeliverError> {
    let label = crate::render::filters::month_name(layout.month());
    let contexts = BriefingContexts::new(model);
    let mut outgoing = Vec::new();
    for due in dues {
        let person = model
            .sprecher
            .iter()
            .find(|s| s.id == due.row.id)
            .ok_or_else(|| DeliverError::NotInRoster(due.row.id.clone()))?;
        let context = contexts.of(person);
        let received = Received::of(&context);
        let korrektur = match (&due.replaces, due.reason) {
            (Some(last), Reason::Correction) => {
                Some(match archive::received(layout, &due.row.id, &last.sha256) {
                    Some(before) => correction(&before, &context, german_time_of(&last.zeit)),
                    // Sent before versions were kept: what changed is not known.
                    None => Korrektur {
                        gesendet_am: german_time_of(&last.zeit),
                        stand_vorher: None,
                        anzahl: 0,
                        konferenzen: Vec::new(),
                    },
                })
            }
            _ => None,
        };
        let email = renderer
            .email(&EmailContext {
                briefing: context,
                korrektur,
            })
            .map_err(DeliverError::Email)?;
        let mut row = due.row.clone();
        row.subject = email.subject;
        let attachments = super::attachments(layout, &row, &label, attach_pdf)?;
        outgoing.push(Outgoing {
            due: due.clone(),
            letter: Letter {
                row,
                body: email.body,
                attachments,
            },
            received,
        });
    }
    Ok(outgoing)
}

/// `--angekommen`: records unknown deliveries the user confirmed as arrived (asked the
/// recipient or the server's outbox). Sends nothing. Fails, recording nothing, when an id
/// has no unknown delivery.
pub fn record_arrived(layout: &MonthLayout, ids: &[String]) -> Result<Vec<Recorded>, String> {
    let entries = log::read_month(layout).map_err(|e| e.to_string())?;
    let histories = log::histories(&entries);
    let mut arrived = Vec::new();
    for id in ids {
        let Some(unknown) = histories.get(id).and_then(|h| h.unknown.as_ref()) else {
            return Err(crate::messages::cli::nothing_to_confirm(id));
        };
        arrived.push(unknown.clone());
    }
    let mut recorded = Vec::new();
    for unknown in arrived {
        let entry = LogEntry {
            zeit: now(),
            ereignis: Event::Gesendet,
            art: Art::Vermerkt,
            ..unknown.clone()
        };
        log::append(&layout.send_log(), &entry).map_err(|e| e.to_string())?;
        recorded.push(Recorded {
            id: unknown.id,
            address: unknown.an,
            when: unknown.zeit,
        });
    }
    Ok(recorded)
}

/// The current time as the send log writes it (UTC, RFC 3339).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn art(reason: Reason) -> Art {
    match reason {
        Reason::Correction => Art::Korrektur,
        Reason::Again => Art::Erneut,
        Reason::First | Reason::Retry | Reason::Test => Art::Erstversand,
    }
}

fn entry(message: &Prepared, month: crate::month::Month, ereignis: Event, art: Art) -> LogEntry {
    LogEntry {
        zeit: now(),
        monat: month.to_string(),
        ereignis,
        id: message.id.clone(),
        an: message.to.clone(),
        message_id: message.message_id.clone(),
        sha256: message.sha256.clone(),
        art,
    }
}

fn recipient(out: &Outgoing) -> Recipient {
    Recipient {
        id: out.due.row.id.clone(),
        address: out.due.row.email.clone(),
        reason: out.due.reason,
    }
}

fn failed(out: &Outgoing, kind: Option<FailureKind>, reason: String) -> Failed {
    Failed {
        recipient: recipient(out),
        kind,
        reason,
    }
}

fn aborted(failure: &SendFailure, mailer: &Mailer) -> Aborted {
    Aborted {
        kind: failure.kind,
        hint: failure.kind.hint(mailer.settings()),
        detail: failure.detail.clone(),
    }
}

fn make(
    layout: &MonthLayout,
    out: &Outgoing,
    from: &Mailbox,
    date: SystemTime,
) -> Result<Prepared, String> {
    let id = super::message_id(layout.month(), &out.due.row.id, out.due.delivery, from);
    super::message(&out.letter, from, id, date)
}

/// `--dry-run`: every message of `outgoing` as an `.eml` file, with the reference date as
/// `Date:` so the files are byte-deterministic.
pub fn write_dry_run(
    layout: &MonthLayout,
    outgoing: &[Outgoing],
    from: &Mailbox,
    stand: NaiveDate,
    report: &mut SendReport,
) -> Result<(), DeliverError> {
    let date = super::dry_run_date(stand);
    let mut messages = Vec::new();
    for out in outgoing {
        match make(layout, out, from, date) {
            Ok(message) => messages.push(message),
            Err(reason) => report.failed.push(failed(out, None, reason)),
        }
    }
    report.written = super::write_eml(layout, &messages)?;
    Ok(())
}

/// Keeps the version about to go out in the month's archive (before the server sees it, so
/// every version that may have arrived is on disk).
fn keep(layout: &MonthLayout, out: &Outgoing) -> Result<(), DeliverError> {
    let row = &out.letter.row;
    let mut files = Vec::new();
    for attachment in &out.letter.attachments {
        let (kind, extension) = match attachment.name.rsplit_once('.') {
            Some((_, "docx")) => ("briefing", "docx"),
            Some((_, "pdf")) => ("briefing", "pdf"),
            _ => ("termine", "ics"),
        };
        files.push(Kept {
            kind,
            extension,
            bytes: &attachment.bytes,
        });
    }
    archive::keep(layout, &row.id, &row.sha256, &files, &out.received)?;
    Ok(())
}

/// Sends the messages one by one: the version is kept and "about to go" is on disk before
/// the server sees a message (before DATA), "sent" after its 250. A failure that would hit
/// every message stops the batch, so does Ctrl+C (after the message in hand); the rest is
/// reported as not attempted.
pub fn send(
    layout: &MonthLayout,
    outgoing: &[Outgoing],
    from: &Mailbox,
    mailer: &Mailer,
    ui: &mut dyn SendUi,
    report: &mut SendReport,
) -> Result<(), DeliverError> {
    let ids = |rest: &[Outgoing]| rest.iter().map(|o| o.due.row.id.clone()).collect();
    if let Err(failure) = mailer.check() {
        report.aborted = Some(aborted(&failure, mailer));
        report.not_attempted = ids(outgoing);
        return Ok(());
    }
    let log_path = layout.send_log();
    let month = layout.month();
    let total = outgoing.len();
    for (index, out) in outgoing.iter().enumerate() {
        if ui.interrupted() {
            report.interrupted = true;
            report.not_attempted = ids(&outgoing[index..]);
            return Ok(());
        }
        // The Date: is the time of sending.
        let message = match make(layout, out, from, SystemTime::now()) {
            Ok(message) => message,
            Err(reason) => {
                report.failed.push(failed(out, None, reason));
                continue;
            }
        };
        let logged = out.due.delivery != Delivery::Test;
        if logged {
            keep(layout, out)?;
        }
        let kind = art(out.due.reason);
        let record = |event: Event| -> Result<(), DeliverError> {
            if logged {
                log::append(&log_path, &entry(&message, month, event, kind))?;
            }
            Ok(())
        };
        ui.progress(&messages::sending(
            index + 1,
            total,
            &out.due.row.id,
            &message.to,
        ));
        match mailer.send(&message, &mut || record(Event::Versand))? {
            Ok(()) => {
                record(Event::Gesendet)?;
                report.sent.push(Recipient {
                    address: message.to.clone(),
                    ..recipient(out)
                });
            }
            Err(failure) => {
                if failure.may_have_arrived() && logged {
                    report.unknown.push(Unknown {
                        id: out.due.row.id.clone(),
                        address: message.to.clone(),
                        when: now(),
                        message_id: message.message_id.clone(),
                    });
                } else {
                    if failure.after_data {
                        record(Event::Fehlgeschlagen)?;
                    }
                    report
                        .failed
                        .push(failed(out, Some(failure.kind), failure.detail.clone()));
                }
                if failure.kind.stops_the_batch() {
                    report.aborted = Some(aborted(&failure, mailer));
                    report.not_attempted = ids(&outgoing[index + 1..]);
                    return Ok(());
                }
            }
        }
    }
    Ok(())
}
