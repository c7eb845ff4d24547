//! Who gets which message: the one place that decides it. From the month's manifest, the
//! send log and the user's options, [`plan`] returns a [`Plan`] that `send` prints (also in
//! a dry run) and then executes. Nothing is read or written here.
//!
//! The rules: each spokesperson gets the month's briefing once. A message whose outcome is
//! unknown is never sent again on its own (`--resend ID` retries it with the same
//! Message-ID). Someone who received an earlier version of a briefing that changed since
//! gets the new one as a correction only when asked (`--resend-changed`, `--resend ID`);
//! "changed" means the briefing differs from the version that person received. A test
//! (`--to`) is sent as asked and never recorded as a delivery.

use std::collections::BTreeMap;

use super::Delivery;
use crate::messages::deliver as messages;
use crate::output::DispatchRow;
use crate::output::log::{History, LogEntry};

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

/// Why a message goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The month's first delivery to the person.
    First,
    /// A retry of a delivery whose outcome is unknown (same Message-ID).
    Retry,
    /// The version the person received, sent again on request.
    Again,
    /// A changed briefing replacing the version the person received.
    Correction,
    /// A test to another address.
    Test,
}

/// One message to make.
#[derive(Debug, Clone)]
pub struct Due {
    /// The manifest row (the address replaced by the test address in a test).
    pub row: DispatchRow,
    /// Which delivery of the month it is (for the Message-ID).
    pub delivery: Delivery,
    /// Why it goes out.
    pub reason: Reason,
    /// The delivery it replaces (a correction or a repeat).
    pub replaces: Option<LogEntry>,
}

/// Someone who already has the month's briefing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadySent {
    /// The spokesperson's id.
    pub id: String,
    /// When it was sent (UTC, RFC 3339, as in the log).
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
    /// When it was handed over (UTC, RFC 3339).
    pub when: String,
    /// Its Message-ID.
    pub message_id: String,
}

/// A spokesperson without an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithoutAddress {
    /// The spokesperson's id.
    pub id: String,
    /// Their name.
    pub name: String,
}

/// Who gets what in this run, and who does not and why.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The messages to make, in manifest order.
    pub due: Vec<Due>,
    /// Corrections that go out only with `--resend-changed` (a dry run writes them too, so
    /// the review shows what a resend would send).
    pub corrections_not_asked: Vec<Due>,
    /// Who already has the month's briefing and gets nothing.
    pub already: Vec<AlreadySent>,
    /// Messages whose outcome is unknown (nothing sent on their own).
    pub unknown: Vec<Unknown>,
    /// Spokespersons without an address.
    pub without_address: Vec<WithoutAddress>,
}

impl Plan {
    /// The messages to make: the due ones, and in a dry run also the corrections that only
    /// `--resend-changed` would send (so the review shows them).
    pub fn messages(&self, dry_run: bool) -> Vec<Due> {
        let mut messages = self.due.clone();
        if dry_run {
            messages.extend(self.corrections_not_asked.iter().cloned());
        }
        messages
    }
}

/// Decides who gets what. Fails (with the message for the user) on an id that is not in the
/// manifest, an unusable test address, or a test address that is a spokesperson's own
/// while others' briefings would go there.
pub fn plan(
    rows: Vec<DispatchRow>,
    histories: &BTreeMap<String, History>,
    options: &SendOptions,
) -> Result<Plan, String> {
    for id in options.only.iter().chain(&options.resend) {
        if !rows.iter().any(|row| &row.id == id) {
            let known: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            return Err(crate::messages::cli::not_in_manifest(id, &known.join(", ")));
        }
    }
    if let Some(address) = &options.test_address {
        check_test_address(address, &rows, histories, options)?;
    }
    let selected: Vec<DispatchRow> = rows
        .into_iter()
        .filter(|row| options.only.is_empty() || options.only.contains(&row.id))
        .collect();
    let mut plan = Plan::default();
    if let Some(address) = &options.test_address {
        for mut row in selected {
            row.email = address.trim().to_string();
            plan.due.push(Due {
                row,
                delivery: Delivery::Test,
                reason: Reason::Test,
                replaces: None,
            });
        }
        return Ok(plan);
    }
    for row in selected {
        if row.email.trim().is_empty() {
            plan.without_address.push(WithoutAddress {
                id: row.id,
                name: row.name,
            });
            continue;
        }
        let history = histories.get(&row.id).cloned().unwrap_or_default();
        decide(row, &history, options, &mut plan);
    }
    Ok(plan)
}

fn decide(row: DispatchRow, history: &History, options: &SendOptions, plan: &mut Plan) {
    let asked = options.resend.contains(&row.id);
    // A retry of an unknown delivery keeps its number (and so its Message-ID).
    let delivery = Delivery::Number(history.delivered.len() + 1);
    let last = history.last_delivery().cloned();
    if let Some(unknown) = &history.unknown {
        if asked {
            let reason = match &last {
                Some(last) if last.sha256 != row.sha256 => Reason::Correction,
                _ => Reason::Retry,
            };
            let replaces = last.filter(|_| reason == Reason::Correction);
            plan.due.push(Due {
                row,
                delivery,
                reason,
                replaces,
            });
        } else {
            plan.unknown.push(Unknown {
                id: row.id,
                address: unknown.an.clone(),
                when: unknown.zeit.clone(),
                message_id: unknown.message_id.clone(),
            });
        }
        return;
    }
    let Some(last) = last else {
        plan.due.push(Due {
            row,
            delivery,
            reason: Reason::First,
            replaces: None,
        });
        return;
    };
    let changed = last.sha256 != row.sha256;
    let due = |reason| Due {
        row: row.clone(),
        delivery,
        reason,
        replaces: Some(last.clone()),
    };
    if changed && (asked || options.resend_changed) {
        plan.due.push(due(Reason::Correction));
    } else if asked {
        plan.due.push(due(Reason::Again));
    } else {
        if changed {
            plan.corrections_not_asked.push(due(Reason::Correction));
        }
        plan.already.push(AlreadySent {
            id: row.id.clone(),
            when: last.zeit.clone(),
            sha256: last.sha256.clone(),
            changed,
        });
    }
}

/// A test address must be an address, and must not be a spokesperson's own unless only
/// that person's briefing goes there (else they would read someone else's briefing).
fn check_test_address(
    address: &str,
    rows: &[DispatchRow],
    histories: &BTreeMap<String, History>,
    options: &SendOptions,
) -> Result<(), String> {
    let trimmed = address.trim();
    if trimmed.parse::<lettre::Address>().is_err() {
        return Err(messages::bad_test_address(address));
    }
    let same = |other: &str| other.trim().eq_ignore_ascii_case(trimmed);
    let owner = rows
        .iter()
        .find(|row| same(&row.email))
        .map(|row| row.id.clone())
        .or_else(|| {
            histories
                .iter()
                .find(|(_, h)| h.delivered.iter().any(|e| same(&e.an)))
                .map(|(id, _)| id.clone())
        });
    match owner {
        Some(owner) if options.only.is_empty() || options.only.iter().any(|id| *id != owner) => {
            Err(messages::test_address_of_spokesperson(trimmed, &owner))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::log::{Art, Event};

    fn row(id: &str, sha256: &str) -> DispatchRow {
        DispatchRow {
            id: id.into(),
            name: id.into(),
            email: format!("{id}@example.org"),
            subject: "Betreff".into(),
            file: format!("briefing-{id}.docx"),
            sha256: sha256.into(),
            monat: "2026-11".parse().unwrap(),
            stand: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            pdf: String::new(),
            pdf_sha256: String::new(),
        }
    }

    fn delivered(id: &str, sha256: &str) -> History {
        History {
            delivered: vec![LogEntry {
                zeit: "2026-11-28T10:00:00Z".into(),
                monat: "2026-11".into(),
                ereignis: Event::Gesendet,
                id: id.into(),
                an: format!("{id}@example.org"),
                message_id: format!("<2026-11.{id}.1@fitko.de>"),
                sha256: sha256.into(),
                art: Art::Erstversand,
            }],
            unknown: None,
        }
    }

    fn ids(dues: &[Due]) -> Vec<(&str, Reason)> {
        dues.iter().map(|d| (d.row.id.as_str(), d.reason)).collect()
    }

    #[test]
    fn a_changed_briefing_is_a_correction_only_when_asked() {
        let rows = vec![row("a", "new"), row("b", "same"), row("c", "x")];
        let histories: BTreeMap<String, History> = [
            ("a".to_string(), delivered("a", "old")),
            ("b".to_string(), delivered("b", "same")),
        ]
        .into();
        let plan = super::plan(rows.clone(), &histories, &SendOptions::default()).unwrap();
        assert_eq!(ids(&plan.due), [("c", Reason::First)]);
        assert_eq!(
            ids(&plan.corrections_not_asked),
            [("a", Reason::Correction)]
        );
        assert_eq!(ids(&plan.messages(true)).len(), 2);
        assert_eq!(plan.already.len(), 2);
        let asked = SendOptions {
            resend_changed: true,
            ..SendOptions::default()
        };
        let plan = super::plan(rows, &histories, &asked).unwrap();
        assert_eq!(
            ids(&plan.due),
            [("a", Reason::Correction), ("c", Reason::First)]
        );
        assert_eq!(plan.due[0].delivery, Delivery::Number(2));
        assert_eq!(plan.due[0].replaces.as_ref().unwrap().sha256, "old");
    }

    #[test]
    fn a_test_address_must_be_one_and_not_a_spokespersons_own() {
        let rows = vec![row("a", "1"), row("b", "2")];
        let none = BTreeMap::new();
        let to = |address: &str, only: &[&str]| SendOptions {
            test_address: Some(address.into()),
            only: only.iter().map(|id| id.to_string()).collect(),
            ..SendOptions::default()
        };
        assert!(super::plan(rows.clone(), &none, &to("ich@", &[])).is_err());
        let own = super::plan(rows.clone(), &none, &to("A@example.org", &[])).unwrap_err();
        assert!(own.contains("Adresse von a"), "{own}");
        let plan = super::plan(rows, &none, &to("a@example.org", &["a"])).unwrap();
        assert_eq!(ids(&plan.due), [("a", Reason::Test)]);
    }
}
