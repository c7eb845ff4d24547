//! One run of `send`, after the command has decided what is built and rendered the letters:
//! who is due (once per month, again only when asked), the dry run's `.eml` files, and the
//! sending loop that records each message before DATA and after the server's answer.
//!
//! It works on the letters and the send log only; loading the project and rendering the
//! e-mail texts are the command's job.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::SystemTime;

use chrono::NaiveDate;
use lettre::message::Mailbox;

use super::{DeliverError, Delivery, FailureKind, Letter, Mailer, Prepared, SendFailure};
use crate::diagnostics::Diagnostics;
use crate::messages::deliver as messages;
use crate::output::layout::MonthLayout;
use crate::output::log::{self, Event, History, LogEntry};
use crate::output::manifest::DispatchRow;

/// What the user asked `send` to do beyond the settings.
#[derive(Debug, Clone, Default)]
pub struct SendOptions {
    /// Write `.eml` files instead of sending.
    pub dry_run: bool,
    /// Only these spokespersons (`--only`); empty: all.
    pub only: Vec<String>,
    /// Send the selection to this test address instead (`--to`); not a delivery.
    pub test_address: Option<String>,
    /// Send these again although the log has them (`--resend`).
    pub resend: Vec<String>,
    /// Send again everyone whose briefing changed since it was sent (`--resend-changed`).
    pub resend_changed: bool,
    /// Record these unknown deliveries as arrived, without sending (`--angekommen`).
    pub arrived: Vec<String>,
}

/// Where `send` tells the user what it does while it runs.
pub trait SendUi {
    /// The first line: month, Stand, settings file.
    fn header(&mut self, line: &str);
    /// Whether to go ahead with `plan` (the summary of what is about to happen).
    fn confirm(&mut self, plan: &SendReport, about_to_send: usize) -> bool;
    /// One message is being sent / was sent.
    fn progress(&mut self, line: &str);
}

/// Who got what, one entry per spokesperson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// The spokesperson's id.
    pub id: String,
    /// Their address (empty if the roster has none).
    pub address: String,
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

/// A spokesperson without an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithoutAddress {
    /// The spokesperson's id.
    pub id: String,
    /// Their name.
    pub name: String,
}

/// Someone who already has the month's briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadySent {
    /// The spokesperson's id.
    pub id: String,
    /// When it was sent (UTC, RFC 3339).
    pub when: String,
    /// The checksum of the briefing sent.
    pub sha256: String,
    /// Whether the briefing in the month folder differs from the one sent.
    pub changed: bool,
}

/// A message that went to the server but whose acceptance was never recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// The spokesperson's id.
    pub id: String,
    /// The address it went to.
    pub address: String,
    /// When it was handed over.
    pub when: String,
    /// Its Message-ID.
    pub message_id: String,
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

/// What a run did, recipient by recipient.
#[derive(Debug, Default)]
pub struct SendReport {
    /// The first line (month, Stand, settings file).
    pub header: String,
    /// The month folder.
    pub folder: PathBuf,
    /// The month and its reference date.
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
    /// `.eml` files written (dry run).
    pub written: Vec<PathBuf>,
    /// Each message sent in this run.
    pub sent: Vec<Recipient>,
    /// Who already has the month's briefing (not sent again).
    pub already_sent: Vec<AlreadySent>,
    /// Messages that may or may not have arrived (not sent again on their own).
    pub unknown: Vec<Unknown>,
    /// Spokespersons without an e-mail address.
    pub without_address: Vec<WithoutAddress>,
    /// Each message that could not be made or sent.
    pub failed: Vec<Failed>,
    /// Why the batch stopped, if it did.
    pub aborted: Option<Aborted>,
    /// Ids not tried because the batch stopped.
    pub not_attempted: Vec<String>,
    /// The user said no at the confirmation.
    pub cancelled: bool,
    /// The warnings of the inputs and templates.
    pub warnings: Diagnostics,
    /// Further warnings of this run (misnamed month folders).
    pub notices: Vec<String>,
}

impl SendReport {
    /// True when every spokesperson has (or, in a dry run, would have) their message.
    pub fn complete(&self) -> bool {
        self.failed.is_empty()
            && self.unknown.is_empty()
            && self.aborted.is_none()
            && !self.cancelled
            && (self.dry_run || self.without_address.is_empty())
    }
}

/// A message to make: the letter and which delivery it is.
pub struct Planned {
    /// The letter.
    pub letter: Letter,
    /// Which delivery of the month it is.
    pub delivery: Delivery,
}

/// What the send log says about one spokesperson's briefing.
pub enum Decision {
    /// Send it, as this delivery of the month.
    Send(Delivery),
    /// The briefing of the month already arrived.
    Already(AlreadySent),
    /// A delivery was attempted and its outcome is not known.
    Unknown(Unknown),
}

/// Whether a spokesperson's briefing goes out: once per month, again only when asked.
pub fn decide(row: &DispatchRow, history: &History, options: &SendOptions) -> Decision {
    let asked = options.resend.contains(&row.id);
    // A retry of an unknown delivery keeps its number (and so its Message-ID).
    let next = Delivery::Number(history.delivered.len() + 1);
    if let Some(unknown) = &history.unknown {
        if asked {
            return Decision::Send(next);
        }
        return Decision::Unknown(Unknown {
            id: row.id.clone(),
            address: unknown.an.clone(),
            when: unknown.zeit.clone(),
            message_id: unknown.message_id.clone(),
        });
    }
    match history.last_delivery() {
        None => Decision::Send(next),
        Some(last) => {
            let changed = last.sha256 != row.sha256;
            if asked || (options.resend_changed && changed) {
                Decision::Send(next)
            } else {
                Decision::Already(AlreadySent {
                    id: row.id.clone(),
                    when: last.zeit.clone(),
                    sha256: last.sha256.clone(),
                    changed,
                })
            }
        }
    }
}

/// The current time as the send log writes it (UTC, RFC 3339).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn entry(message: &Prepared, month: crate::month::Month, ereignis: Event) -> LogEntry {
    LogEntry {
        zeit: now(),
        monat: month.to_string(),
        ereignis,
        id: message.id.clone(),
        an: message.to.clone(),
        message_id: message.message_id.clone(),
        sha256: message.sha256.clone(),
    }
}

fn failed(row: &DispatchRow, kind: Option<FailureKind>, reason: String) -> Failed {
    Failed {
        recipient: Recipient {
            id: row.id.clone(),
            address: row.email.clone(),
        },
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

/// How many spokespersons already have the month's briefing, and when the last got it: for
/// the warning of `build` when it replaces a month that was sent (read-only).
pub fn delivered_summary(layout: &MonthLayout) -> Option<(usize, String)> {
    let entries = log::read_month(layout).ok()?;
    let histories: BTreeMap<String, History> = log::histories(&entries);
    let delivered: Vec<&LogEntry> = histories
        .values()
        .filter_map(History::last_delivery)
        .collect();
    let last = delivered.iter().map(|entry| entry.zeit.clone()).max()?;
    Some((delivered.len(), last))
}

fn make(
    layout: &MonthLayout,
    plan: &Planned,
    from: &Mailbox,
    date: SystemTime,
) -> Result<Prepared, String> {
    let id = super::message_id(layout.month(), &plan.letter.row.id, plan.delivery, from);
    super::message(&plan.letter, from, id, date)
}

/// `--dry-run`: every due message as an `.eml` file, with the reference date as `Date:` so
/// the files are byte-deterministic.
pub fn write_dry_run(
    layout: &MonthLayout,
    planned: &[Planned],
    from: &Mailbox,
    stand: NaiveDate,
    report: &mut SendReport,
) -> Result<(), DeliverError> {
    let date = super::dry_run_date(stand);
    let mut messages = Vec::new();
    for plan in planned {
        match make(layout, plan, from, date) {
            Ok(message) => messages.push(message),
            Err(reason) => report.failed.push(failed(&plan.letter.row, None, reason)),
        }
    }
    report.written = super::write_eml(layout, &messages)?;
    Ok(())
}

/// Sends the due messages one by one: "about to go" is on disk before the server sees a
/// message (before DATA), "sent" after its 250. A failure that would hit every message stops
/// the batch; the rest is reported as not attempted.
pub fn send(
    layout: &MonthLayout,
    planned: &[Planned],
    from: &Mailbox,
    mailer: &Mailer,
    ui: &mut dyn SendUi,
    report: &mut SendReport,
) -> Result<(), DeliverError> {
    if let Err(failure) = mailer.check() {
        report.aborted = Some(aborted(&failure, mailer));
        report.not_attempted = planned.iter().map(|p| p.letter.row.id.clone()).collect();
        return Ok(());
    }
    let log_path = layout.send_log();
    let month = layout.month();
    let total = planned.len();
    let mut remaining = planned.iter().enumerate();
    for (index, plan) in remaining.by_ref() {
        let row = &plan.letter.row;
        // The Date: is the time of sending.
        let message = match make(layout, plan, from, SystemTime::now()) {
            Ok(message) => message,
            Err(reason) => {
                report.failed.push(failed(row, None, reason));
                continue;
            }
        };
        let logged = plan.delivery != Delivery::Test;
        let record = |event: Event| -> Result<(), DeliverError> {
            if logged {
                log::append(&log_path, &entry(&message, month, event))?;
            }
            Ok(())
        };
        ui.progress(&messages::sending(index + 1, total, &row.id, &message.to));
        match mailer.send(&message, &mut || record(Event::Versand))? {
            Ok(()) => {
                record(Event::Gesendet)?;
                report.sent.push(Recipient {
                    id: row.id.clone(),
                    address: message.to.clone(),
                });
            }
            Err(failure) => {
                if failure.may_have_arrived() && logged {
                    report.unknown.push(Unknown {
                        id: row.id.clone(),
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
                        .push(failed(row, Some(failure.kind), failure.detail.clone()));
                }
                if failure.kind.stops_the_batch() {
                    report.aborted = Some(aborted(&failure, mailer));
                    break;
                }
            }
        }
    }
    report.not_attempted = remaining.map(|(_, p)| p.letter.row.id.clone()).collect();
    Ok(())
}
