//! What changed in one spokesperson's briefing since the version they received: the record
//! kept of a sent version ([`Received`]), and the comparison with this month's model for a
//! correction ([`Korrektur`]), in the change kinds of the month's changes section.
//!
//! Pure: the record is read and written by the output stage, the e-mail is rendered by the
//! templates; this module only selects and compares (with [`super::changes::compare`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::changes::{self, Lists};
use super::context::BriefingContext;
use super::types::{Aenderungen, Ansprechperson, Konferenz, Termin};

/// What one sent briefing said about the spokesperson's conferences, kept beside the sent
/// version so a correction can name what changed since.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Received {
    /// The Stand of the sent version.
    pub stand: NaiveDate,
    /// Each of the person's conferences as the briefing showed it.
    pub konferenzen: Vec<ReceivedConference>,
}

/// One conference as a sent briefing showed it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReceivedConference {
    /// The code ("IMK").
    pub kuerzel: String,
    /// The chairing state.
    pub vorsitz: Option<String>,
    /// The office.
    pub geschaeftsstelle: Option<String>,
    /// The contact persons.
    pub ansprechpersonen: Vec<Ansprechperson>,
    /// The upcoming meetings.
    pub termine: Vec<Termin>,
}

impl Received {
    /// The record of the briefing made from `context`.
    pub fn of(context: &BriefingContext<'_>) -> Received {
        Received {
            stand: context.stand,
            konferenzen: context
                .konferenzen
                .iter()
                .map(|k| ReceivedConference {
                    kuerzel: k.kuerzel.clone(),
                    vorsitz: k.vorsitz.clone(),
                    geschaeftsstelle: k.geschaeftsstelle.clone(),
                    ansprechpersonen: k.ansprechpersonen.clone(),
                    termine: k.termine.clone(),
                })
                .collect(),
        }
    }
}

/// What a correction says: the e-mail template's `korrektur`.
#[derive(Debug, Clone, Serialize)]
pub struct Korrektur {
    /// When the replaced version was sent, as German local time ("28.11.2026, 11:00 Uhr
    /// (MEZ)").
    pub gesendet_am: String,
    /// The Stand of the replaced version, if this one has another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stand_vorher: Option<NaiveDate>,
    /// How many entries changed in all (0: the document changed in another way, e.g. its
    /// text or design).
    pub anzahl: usize,
    /// The conferences with changes, in the person's order.
    pub konferenzen: Vec<KorrekturKonferenz>,
}

/// One conference's changes since the version received.
#[derive(Debug, Clone, Serialize)]
pub struct KorrekturKonferenz {
    /// The code.
    pub kuerzel: String,
    /// The full name.
    pub name: String,
    /// Its grammatical gender, if the roster gives one (for the grammar filters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genus: Option<String>,
    /// The changes, in the kinds of the month's changes (`vormonat` is the month itself).
    pub aenderungen: Aenderungen,
}

/// What changed in the briefing of `now` since `received`, sent at `sent_at`.
pub fn correction(received: &Received, now: &BriefingContext<'_>, sent_at: String) -> Korrektur {
    let mut konferenzen = Vec::new();
    for konferenz in &now.konferenzen {
        let before = received
            .konferenzen
            .iter()
            .find(|k| k.kuerzel == konferenz.kuerzel);
        let aenderungen = compare_one(now, before, konferenz);
        if aenderungen.anzahl > 0 {
            konferenzen.push(KorrekturKonferenz {
                kuerzel: konferenz.kuerzel.clone(),
                name: konferenz.name.clone(),
                genus: konferenz.genus.clone(),
                aenderungen,
            });
        }
    }
    Korrektur {
        gesendet_am: sent_at,
        stand_vorher: (received.stand != now.stand).then_some(received.stand),
        anzahl: konferenzen.iter().map(|k| k.aenderungen.anzahl).sum(),
        konferenzen,
    }
}

/// A conference the received version did not show counts as all new.
fn compare_one(
    now: &BriefingContext<'_>,
    before: Option<&ReceivedConference>,
    konferenz: &Konferenz,
) -> Aenderungen {
    let empty_contacts: Vec<Ansprechperson> = Vec::new();
    let empty_meetings: Vec<Termin> = Vec::new();
    let before = Lists {
        chair: before.and_then(|b| b.vorsitz.as_deref()),
        office: before.and_then(|b| b.geschaeftsstelle.as_deref()),
        contacts: before.map_or(&empty_contacts, |b| &b.ansprechpersonen),
        meetings: before.map_or(&empty_meetings, |b| &b.termine),
        cancelled: &[],
    };
    let after = Lists {
        chair: konferenz.vorsitz.as_deref(),
        office: konferenz.geschaeftsstelle.as_deref(),
        contacts: &konferenz.ansprechpersonen,
        meetings: &konferenz.termine,
        // A meeting the received version listed and the list now cancels is gone from
        // `termine`, so the comparison already reports it as cancelled.
        cancelled: &[],
    };
    changes::compare(now.monat, before, after)
}

/// What the e-mail template receives: the briefing's data and, for a correction, what
/// changed since the version the person received.
#[derive(Debug, Clone, Serialize)]
pub struct EmailContext<'a> {
    /// Everything the briefing is made from.
    #[serde(flatten)]
    pub briefing: BriefingContext<'a>,
    /// Present when this message replaces one the person received.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub korrektur: Option<Korrektur>,
}
