//! `briefing send`: e-mails each spokesperson the briefing and calendar file `build` wrote.
//!
//! Sequences the delivery stage: the month's manifest and files must exist and be newer than
//! every input, template and the configuration (otherwise: build first); the e-mail text is
//! rendered from `email.txt.j2` (the documents are not rendered again); then either `.eml`
//! files are written (`--dry-run`) or the messages go out over SMTP, each recorded in
//! `versand.log` so a re-run sends only what is missing.

use std::path::{Path, PathBuf};

use chrono::Locale;

use super::{CommonOptions, prepare};
use crate::config::{CONFIG_FILE, SmtpTls};
use crate::deliver::{self, DEFAULT_FROM, DeliverError, Letter, LogEntry, PASSWORD_VARIABLE};
use crate::diagnostics::Diagnostics;
use crate::error::Error;
use crate::load;
use crate::model::BriefingContexts;
use crate::month::Month;
use crate::produce::calendar_file_name;
use crate::write::{self, MANIFEST_FILE};

/// SMTP settings given on the command line; each overrides `versand:` in briefing.yaml.
#[derive(Debug, Clone, Default)]
pub struct SmtpOptions {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub tls: Option<SmtpTls>,
    pub user: Option<String>,
    pub from: Option<String>,
}

/// What `send` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct SendOptions {
    pub common: CommonOptions,
    pub dry_run: bool,
    pub smtp: SmtpOptions,
}

/// What a run did, recipient by recipient.
#[derive(Debug, Default)]
pub struct SendReport {
    pub folder: PathBuf,
    pub dry_run: bool,
    /// `.eml` files written (dry run).
    pub written: Vec<PathBuf>,
    /// (id, recipient) of each message sent in this run.
    pub sent: Vec<(String, String)>,
    /// Ids whose briefing the log already records as sent.
    pub already_sent: Vec<String>,
    /// (id, name) of spokespersons without an e-mail address.
    pub without_address: Vec<(String, String)>,
    /// (id, recipient, reason) of each message that could not be made or sent.
    pub failed: Vec<(String, String, String)>,
    pub warnings: Diagnostics,
}

impl SendReport {
    /// True when every spokesperson has (or, in a dry run, would have) their message.
    pub fn complete(&self) -> bool {
        self.failed.is_empty() && (self.dry_run || self.without_address.is_empty())
    }
}

pub fn run(options: &SendOptions) -> Result<SendReport, Error> {
    let paths = &options.common.paths;
    let month = match options.common.month {
        Some(month) => month,
        None => *load::months(&paths.inputs)?.last().ok_or_else(|| {
            Error::Usage(format!(
                "{} has no month folder (named like 2026-11); pass --month",
                paths.inputs.display()
            ))
        })?,
    };
    let folder = paths.out.join(month.to_string());
    let manifest = folder.join(MANIFEST_FILE);
    if !manifest.is_file() {
        return Err(DeliverError::NotBuilt(manifest).into());
    }
    let rows = write::read_manifest(&manifest)?;
    let mut documents = vec![manifest];
    for row in &rows {
        documents.push(folder.join(&row.file));
        documents.push(folder.join(calendar_file_name(&row.id)));
    }
    let config_file = options
        .common
        .config
        .clone()
        .unwrap_or_else(|| PathBuf::from(CONFIG_FILE));
    deliver::check_fresh(
        &documents,
        &sources(&paths.inputs, &paths.templates, &config_file, month),
    )?;

    // The documents' own reference date, unless one is given: the e-mail must match them.
    let stand = options.common.stand.or_else(|| {
        let first = rows.first()?;
        deliver::document_date(&std::fs::read(folder.join(&first.file)).ok()?)
    });
    let mut common = options.common.clone();
    common.month = Some(month);
    common.stand = stand;
    let prepared = prepare(&common)?;
    let stand = prepared.model.stand;
    let delivery = &prepared.config.delivery;
    let from_text = options
        .smtp
        .from
        .clone()
        .or_else(|| delivery.from.clone())
        .unwrap_or_else(|| DEFAULT_FROM.to_string());
    let from = deliver::sender(&from_text)?;

    let mut report = SendReport {
        folder: folder.clone(),
        dry_run: options.dry_run,
        warnings: prepared.warnings.clone(),
        ..SendReport::default()
    };
    let label = month_label(month);
    let mut messages = Vec::new();
    let contexts = BriefingContexts::new(&prepared.model);
    for row in rows {
        if row.email.trim().is_empty() {
            report.without_address.push((row.id, row.name));
            continue;
        }
        let person = prepared.model.sprecher.iter().find(|s| s.id == row.id);
        let context = person.map(|p| contexts.of(p)).ok_or_else(|| {
            Error::Usage(format!(
                "versand.csv names \"{}\", who is not in the roster any more; run `briefing build` first",
                row.id
            ))
        })?;
        let email = prepared.renderer.email(&context)?;
        let attachments =
            deliver::attachments(&folder, &row, &calendar_file_name(&row.id), &label)?;
        let (id, to) = (row.id.clone(), row.email.clone());
        let letter = Letter {
            row,
            body: email.body,
            attachments,
        };
        match deliver::message(&letter, &from, month, stand) {
            Ok(message) => messages.push(message),
            Err(reason) => report.failed.push((id, to, reason)),
        }
    }

    if options.dry_run {
        report.written = deliver::write_eml(&folder, &messages)?;
        return Ok(report);
    }
    let settings = smtp_settings(&options.smtp, delivery)?;
    let mailer = deliver::Mailer::new(&settings)?;
    let log = deliver::read_log(&folder)?;
    for message in messages {
        if deliver::already_sent(&log, &message.id, &message.sha256) {
            report.already_sent.push(message.id);
            continue;
        }
        match mailer.send(&message) {
            Ok(()) => {
                deliver::append_log(
                    &folder,
                    &LogEntry {
                        zeit: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                        id: message.id.clone(),
                        an: message.to.clone(),
                        message_id: message.message_id.clone(),
                        sha256: message.sha256.clone(),
                    },
                )?;
                report.sent.push((message.id, message.to));
            }
            Err(reason) => report.failed.push((message.id, message.to, reason)),
        }
    }
    Ok(report)
}

/// Command line over configuration over defaults; the password only from the environment.
fn smtp_settings(
    options: &SmtpOptions,
    config: &crate::config::DeliveryConfig,
) -> Result<deliver::SmtpSettings, Error> {
    let host = options
        .host
        .clone()
        .or_else(|| config.host.clone())
        .ok_or_else(|| {
            Error::Usage(
                "no SMTP server: pass --smtp-host or set versand.server in briefing.yaml \
                 (or use --dry-run to write the messages as .eml files)"
                    .to_string(),
            )
        })?;
    let tls = options.tls.or(config.tls).unwrap_or(SmtpTls::StartTls);
    Ok(deliver::SmtpSettings {
        host,
        port: options.port.or(config.port).unwrap_or(tls.default_port()),
        tls,
        user: options.user.clone().or_else(|| config.user.clone()),
        password: std::env::var(PASSWORD_VARIABLE).ok(),
    })
}

/// "November 2026" for attachment names.
fn month_label(month: Month) -> String {
    month
        .first_day()
        .format_localized("%B %Y", Locale::de_DE)
        .to_string()
}

/// The files the month's documents are made from: the inputs' own files, the month folders
/// up to this month (the previous one feeds the changes), every template, the configuration.
fn sources(inputs: &Path, templates: &Path, config: &Path, month: Month) -> Vec<PathBuf> {
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(inputs) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() {
                files.push(path);
            } else if path.is_dir()
                && entry
                    .file_name()
                    .to_str()
                    .and_then(|name| name.parse::<Month>().ok())
                    .is_some_and(|folder| folder <= month)
            {
                files_below(&path, &mut files);
            }
        }
    }
    files_below(templates, &mut files);
    if config.is_file() {
        files.push(config.to_path_buf());
    }
    files.sort();
    files
}

fn files_below(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_below(&path, out);
        } else if path.is_file() {
            out.push(path);
        }
    }
}
