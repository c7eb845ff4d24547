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

use chrono::NaiveDate;

pub use crate::deliver::run::{
    AlreadySent, Failed, Recipient, SendOptions, SendReport, SendUi, Unknown, WithoutAddress,
    delivered_summary,
};
use crate::deliver::run::{Decision, Planned, decide, now};
use crate::deliver::{self, DeliverError, Delivery, Letter, freshness};
use crate::error::Error;
use crate::messages::cli as messages;
use crate::output::layout::{self, MonthLayout};
use crate::output::log::{self, Event, History, LogEntry};
use crate::output::manifest::{self, DispatchRow};
use crate::output::{OutputLock, recover};
use crate::project::Project;
use crate::settings::Settings;

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
            let known: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            return Err(Error::Usage(messages::not_in_manifest(
                id,
                &known.join(", "),
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
    let label = crate::render::filters::month_name(layout.month());
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
        let context = project
            .person(&row.id)
            .map(|p| contexts.of(p))
            .ok_or_else(|| Error::Usage(messages::no_longer_in_roster(&row.id)))?;
        let email = project.renderer.email(&context)?;
        let attachments = deliver::attachments(&layout, &row, &label, project.settings.attach_pdf)?;
        planned.push(Planned {
            letter: Letter {
                row,
                body: email.body,
                attachments,
            },
            delivery,
        });
    }

    let outcome = if options.dry_run {
        deliver::run::write_dry_run(&layout, &planned, &from, project.model.stand, &mut report)
    } else if planned.is_empty() {
        Ok(())
    } else if !ui.confirm(&report, planned.len()) {
        report.cancelled = true;
        Ok(())
    } else {
        let mailer = deliver::Mailer::new(&project.settings.smtp()?)?;
        deliver::run::send(&layout, &planned, &from, &mailer, ui, &mut report)
    };
    outcome?;
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
            return Err(Error::Usage(messages::nothing_to_confirm(id)));
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
