//! `briefing send`: e-mails each spokesperson the briefing and calendar file `build` wrote,
//! exactly once per month.
//!
//! Sequences the delivery stage under the output lock: a complete month is restored if a
//! killed build left one aside; the month's manifest and files must exist and be newer than
//! every file they are made from (otherwise: build first); the send log decides who gets a
//! message. What counts as delivered is the spokesperson's briefing of the month: a rebuilt
//! month does not go out again unless asked (`--resend`, `--resend-changed`). Each message is
//! recorded as about to go before the server sees it and as sent once the server accepted it;
//! one with the first record only is "unknown" and never resent on its own. The e-mail text
//! is rendered from `email.txt.j2` (the documents are not rendered again).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::SystemTime;

use chrono::NaiveDate;

use crate::deliver::{
    self, DeliverError, Delivery, FailureKind, Letter, Prepared, SendFailure, freshness,
};
use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::output::layout::{self, MonthLayout};
use crate::output::log::{self, Event, History, LogEntry};
use crate::output::manifest::{self, DispatchRow};
use crate::output::{OutputLock, recover};
use crate::project::Project;
use crate::settings::Settings;

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
struct Planned {
    letter: Letter,
    delivery: Delivery,
}

/// Sends (or, with `dry_run`, writes) the messages of the built month that are due.
pub fn run(
    mut settings: Settings,
    options: &SendOptions,
    ui: &mut dyn SendUi,
) -> Result<SendReport, Error> {
    let layout = MonthLayout::new(&settings.paths.out, settings.month);
    let _lock = OutputLock::acquire(layout.out(), "send").map_err(Error::Write)?;
    recover(&layout).map_err(Error::Write)?;
    let manifest_path = layout.manifest();
    if !manifest_path.is_file() {
        return Err(DeliverError::NotBuilt(manifest_path).into());
    }
    let rows = manifest::read(&manifest_path).map_err(DeliverError::from)?;
    // The documents' own reference date, unless one is given: the e-mail must match them.
    if settings.stand_given.is_none() {
        settings.stand_given = built_stand(&manifest_path, &rows)?;
    }
    let header = settings.header(settings.stand());
    ui.header(&header);
    let notices = settings.misnamed_month_folders();
    let project = Project::load(settings)?;
    let mut documents = vec![manifest_path];
    for row in &rows {
        documents.push(layout.file(&row.file));
        documents.push(layout.file(&layout::calendar_file(&row.id)));
    }
    freshness::check_fresh(&documents, &project.sources)?;
    let from = deliver::sender(&project.settings.sender())?;
    for id in options
        .only
        .iter()
        .chain(&options.resend)
        .chain(&options.arrived)
    {
        if !rows.iter().any(|row| &row.id == id) {
            return Err(Error::Usage(format!(
                "\"{id}\" steht nicht in versand.csv dieses Monats; bekannte Kennungen: {}",
                rows.iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }

    let mut report = SendReport {
        header,
        folder: layout.folder(),
        month: layout.month().to_string(),
        stand: Some(project.model.stand),
        dry_run: options.dry_run,
        test_address: options.test_address.clone(),
        mail_dir: layout.mail_dir(),
        log: layout.send_log(),
        warnings: project.warnings.clone(),
        notices,
        ..SendReport::default()
    };
    let mut histories = log::histories(&log::read_month(&layout).map_err(DeliverError::from)?);
    if !options.arrived.is_empty() {
        confirm_arrived(&layout, &histories, &options.arrived)?;
        histories = log::histories(&log::read_month(&layout).map_err(DeliverError::from)?);
    }
    let label = month_label(&layout);
    let contexts = crate::model::BriefingContexts::new(&project.model);
    let mut planned = Vec::new();
    for mut row in rows {
        if !options.only.is_empty() && !options.only.contains(&row.id) {
            continue;
        }
        if let Some(address) = &options.test_address {
            row.email = address.clone();
        }
        if row.email.trim().is_empty() {
            report.without_address.push(WithoutAddress {
                id: row.id,
                name: row.name,
            });
            continue;
        }
        let history = histories.get(&row.id).cloned().unwrap_or_default();
        let delivery = if options.test_address.is_some() {
            Delivery::Test
        } else {
            match decide(&row, &history, options) {
                Decision::Send(delivery) => delivery,
                Decision::Already(already) => {
                    report.already_sent.push(already);
                    continue;
                }
                Decision::Unknown(unknown) => {
                    report.unknown.push(unknown);
                    continue;
                }
            }
        };
        let context = project.person(&row.id).map(|p| contexts.of(p)).ok_or_else(|| {
            Error::Usage(format!(
                "versand.csv nennt \"{}\", die Person steht nicht mehr in sprecher.yaml; führen \
                 Sie zuerst `briefing build` aus",
                row.id
            ))
        })?;
        let email = project.renderer.email(&context)?;
        let attachments = deliver::attachments(&layout, &row, &label)?;
        planned.push(Planned {
            letter: Letter {
                row,
                body: email.body,
                attachments,
            },
            delivery,
        });
    }

    let month = layout.month();
    let make = |plan: &Planned, date: SystemTime| -> Result<Prepared, String> {
        let id = deliver::message_id(month, &plan.letter.row.id, plan.delivery, &from);
        deliver::message(&plan.letter, &from, id, date)
    };
    if options.dry_run {
        let date = deliver::dry_run_date(project.model.stand);
        let mut messages = Vec::new();
        for plan in &planned {
            match make(plan, date) {
                Ok(message) => messages.push(message),
                Err(reason) => report.failed.push(failed(&plan.letter.row, None, reason)),
            }
        }
        report.written = deliver::write_eml(&layout, &messages)?;
        return Ok(report);
    }
    if planned.is_empty() {
        return Ok(report);
    }
    if !ui.confirm(&report, planned.len()) {
        report.cancelled = true;
        return Ok(report);
    }
    let smtp = project.settings.smtp()?;
    let mailer = deliver::Mailer::new(&smtp)?;
    if let Err(failure) = mailer.check() {
        report.aborted = Some(aborted(&failure, &mailer));
        report.not_attempted = planned.iter().map(|p| p.letter.row.id.clone()).collect();
        return Ok(report);
    }
    let log_path = layout.send_log();
    let total = planned.len();
    let mut remaining = planned.iter().enumerate();
    for (index, plan) in remaining.by_ref() {
        let row = &plan.letter.row;
        // The Date: is the time of sending.
        let message = match make(plan, SystemTime::now()) {
            Ok(message) => message,
            Err(reason) => {
                report.failed.push(failed(row, None, reason));
                continue;
            }
        };
        let logged = plan.delivery != Delivery::Test;
        let record = |event: Event| -> Result<(), Error> {
            if !logged {
                return Ok(());
            }
            log::append(&log_path, &entry(&message, month, event)).map_err(DeliverError::from)?;
            Ok(())
        };
        ui.progress(&format!(
            "[{}/{total}] sende {} an {} …",
            index + 1,
            row.id,
            message.to
        ));
        // "About to go" is on disk before the server sees the message (before DATA).
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
                    report.aborted = Some(aborted(&failure, &mailer));
                    break;
                }
            }
        }
    }
    report.not_attempted = remaining.map(|(_, p)| p.letter.row.id.clone()).collect();
    Ok(report)
}

/// Records unknown deliveries the user confirmed as arrived (asked the recipient or the
/// server's outbox), so they are no longer listed as unknown.
fn confirm_arrived(
    layout: &MonthLayout,
    histories: &BTreeMap<String, History>,
    ids: &[String],
) -> Result<(), Error> {
    for id in ids {
        let Some(unknown) = histories.get(id).and_then(|h| h.unknown.as_ref()) else {
            return Err(Error::Usage(format!(
                "--angekommen {id}: für diese Kennung ist kein Versand offen (unklar); nichts \
                 zu bestätigen"
            )));
        };
        let arrived = LogEntry {
            zeit: now(),
            ereignis: Event::Gesendet,
            ..unknown.clone()
        };
        log::append(&layout.send_log(), &arrived).map_err(DeliverError::from)?;
    }
    Ok(())
}

enum Decision {
    Send(Delivery),
    Already(AlreadySent),
    Unknown(Unknown),
}

/// Whether a spokesperson's briefing goes out: once per month, again only when asked.
fn decide(row: &DispatchRow, history: &History, options: &SendOptions) -> Decision {
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

fn now() -> String {
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

fn aborted(failure: &SendFailure, mailer: &deliver::Mailer) -> Aborted {
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

/// The one reference date the month's briefings were built with (none for an empty month).
fn built_stand(
    manifest: &std::path::Path,
    rows: &[DispatchRow],
) -> Result<Option<NaiveDate>, Error> {
    let mut dates: Vec<NaiveDate> = rows.iter().map(|row| row.stand).collect();
    dates.sort();
    dates.dedup();
    match dates.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        several => Err(DeliverError::MixedStand {
            path: manifest.to_path_buf(),
            dates: several
                .iter()
                .map(|date| date.format("%d.%m.%Y").to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }
        .into()),
    }
}

/// "November 2026" for attachment names.
fn month_label(layout: &MonthLayout) -> String {
    layout
        .month()
        .first_day()
        .format_localized("%B %Y", chrono::Locale::de_DE)
        .to_string()
}
