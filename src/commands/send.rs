//! `briefing send`: e-mails each spokesperson the briefing and calendar file `build` wrote.
//!
//! Sequences the delivery stage: the month's manifest and files must exist and be newer than
//! every file they are made from (otherwise: build first); the e-mail text is rendered from
//! `email.txt.j2` (the documents are not rendered again); then either `.eml` files are written
//! (`--dry-run`) or the messages go out over SMTP, each recorded in the send log so a re-run
//! sends only what is missing.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::deliver::{self, DeliverError, Letter, freshness};
use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::output::layout::{self, MonthLayout};
use crate::output::log::{self, LogEntry};
use crate::output::manifest::{self, DispatchRow};
use crate::project::Project;
use crate::settings::Settings;

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

/// What a run did, recipient by recipient.
#[derive(Debug, Default)]
pub struct SendReport {
    /// The month folder.
    pub folder: PathBuf,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// The folder of the `.eml` files (dry run).
    pub mail_dir: PathBuf,
    /// The send log.
    pub log: PathBuf,
    /// `.eml` files written (dry run).
    pub written: Vec<PathBuf>,
    /// Each message sent in this run.
    pub sent: Vec<Recipient>,
    /// Ids whose briefing the log already records as sent.
    pub already_sent: Vec<String>,
    /// Spokespersons without an e-mail address.
    pub without_address: Vec<WithoutAddress>,
    /// Each message that could not be made or sent.
    pub failed: Vec<Failed>,
    /// The warnings of the inputs and templates.
    pub warnings: Diagnostics,
}

impl SendReport {
    /// True when every spokesperson has (or, in a dry run, would have) their message.
    pub fn complete(&self) -> bool {
        self.failed.is_empty() && (self.dry_run || self.without_address.is_empty())
    }
}

/// Sends (or, with `dry_run`, writes) every spokesperson's message of the built month.
pub fn run(mut settings: Settings, dry_run: bool) -> Result<SendReport, Error> {
    let layout = MonthLayout::new(&settings.paths.out, settings.month);
    let manifest_path = layout.manifest();
    if !manifest_path.is_file() {
        return Err(DeliverError::NotBuilt(manifest_path).into());
    }
    let rows = manifest::read(&manifest_path).map_err(DeliverError::from)?;
    // The documents' own reference date, unless one is given: the e-mail must match them.
    if settings.stand_given.is_none() {
        settings.stand_given = built_stand(&manifest_path, &rows)?;
    }
    let project = Project::load(settings)?;
    let mut documents = vec![manifest_path];
    for row in &rows {
        documents.push(layout.file(&row.file));
        documents.push(layout.file(&layout::calendar_file(&row.id)));
    }
    freshness::check_fresh(&documents, &project.sources)?;
    let from = deliver::sender(&project.settings.sender())?;

    let mut report = SendReport {
        folder: layout.folder(),
        dry_run,
        mail_dir: layout.mail_dir(),
        log: layout.send_log(),
        warnings: project.warnings.clone(),
        ..SendReport::default()
    };
    let label = month_label(&layout);
    let mut messages = Vec::new();
    let contexts = crate::model::BriefingContexts::new(&project.model);
    for row in rows {
        if row.email.trim().is_empty() {
            report.without_address.push(WithoutAddress {
                id: row.id,
                name: row.name,
            });
            continue;
        }
        let context = project.person(&row.id).map(|p| contexts.of(p)).ok_or_else(|| {
            Error::Usage(format!(
                "versand.csv names \"{}\", who is not in the roster any more; run `briefing build` first",
                row.id
            ))
        })?;
        let email = project.renderer.email(&context)?;
        let attachments = deliver::attachments(&layout, &row, &label)?;
        let recipient = Recipient {
            id: row.id.clone(),
            address: row.email.clone(),
        };
        let letter = Letter {
            row,
            body: email.body,
            attachments,
        };
        match deliver::message(&letter, &from, layout.month(), project.model.stand) {
            Ok(message) => messages.push(message),
            Err(reason) => report.failed.push(Failed { recipient, reason }),
        }
    }

    if dry_run {
        report.written = deliver::write_eml(&layout, &messages)?;
        return Ok(report);
    }
    let mailer = deliver::Mailer::new(&project.settings.smtp()?)?;
    let log_path = layout.send_log();
    let sent_before = log::read(&log_path).map_err(DeliverError::from)?;
    for message in messages {
        if log::already_sent(&sent_before, &message.id, &message.sha256) {
            report.already_sent.push(message.id);
            continue;
        }
        let recipient = Recipient {
            id: message.id.clone(),
            address: message.to.clone(),
        };
        match mailer.send(&message) {
            Ok(()) => {
                log::append(
                    &log_path,
                    &LogEntry {
                        zeit: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        id: message.id.clone(),
                        an: message.to.clone(),
                        message_id: message.message_id.clone(),
                        sha256: message.sha256.clone(),
                    },
                )
                .map_err(DeliverError::from)?;
                report.sent.push(recipient);
            }
            Err(reason) => report.failed.push(Failed { recipient, reason }),
        }
    }
    Ok(report)
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
