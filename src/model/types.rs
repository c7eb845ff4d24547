//! The plain data the templates see: a month's model and its parts.
//!
//! Only serde data and the conversions between its own types; how the values are found
//! (joining, validating, windows) lives in the sibling modules. Field names are German because
//! editors use them in the templates; the template guide (`templates/README.md`) documents
//! every one, and `tests/guide.rs` checks that it does.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::month::Month;

/// Everything the documents of one month are made from.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// The reference date ("Stand") of all documents.
    pub stand: NaiveDate,
    /// The month of the MPK lists.
    pub monat: Month,
    /// How far ahead meetings are listed.
    pub termin_horizont_monate: u32,
    /// How far back decisions are listed.
    pub beschluss_zeitraum_monate: u32,
    /// Every conference of the roster, in roster order.
    pub konferenzen: Vec<Konferenz>,
    /// Every spokesperson of the roster, in roster order.
    pub sprecher: Vec<Sprecher>,
    /// Upcoming meetings of all conferences: by date, open dates last.
    pub termine: Vec<Termin>,
    /// Decisions within the window before `stand`, newest first.
    pub beschluesse: Vec<Beschluss>,
    /// Data-quality notes for the overview (German, for readers).
    pub hinweise: Vec<Hinweis>,
    /// The council's sessions from the reference date on, by date.
    pub sitzungen: Vec<Sitzung>,
    /// The first of them, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub naechste_sitzung: Option<Sitzung>,
    /// The month whose lists the changes compare with; absent in the first month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vormonat: Option<Month>,
    /// Every meeting the calendar files carry this month (upcoming ones in the order of
    /// `termine`, then the cancelled ones by date); kept for the next month's UIDs.
    #[serde(skip)]
    pub kalender: Vec<KalenderEintrag>,
    /// Meetings earlier calendar files carried whose days have passed: no longer written,
    /// kept so their UIDs are never given to another meeting.
    #[serde(skip)]
    pub kalender_vorbei: Vec<KalenderEintrag>,
}

/// A conference with this month's contacts and meetings.
#[derive(Debug, Clone, Serialize)]
pub struct Konferenz {
    /// The roster's code ("IMK").
    pub kuerzel: String,
    /// The full name from the roster.
    pub name: String,
    /// The topics the roster lists for it.
    pub themen: Vec<String>,
    /// The chairing state, from the contacts list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vorsitz: Option<String>,
    /// The office, from the contacts list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geschaeftsstelle: Option<String>,
    /// Its contact persons, in list order.
    pub ansprechpersonen: Vec<Ansprechperson>,
    /// Upcoming meetings of this conference, by date, open dates last.
    pub termine: Vec<Termin>,
    /// Grammatical gender from the roster (`m`, `f`, `n`); without it the grammar filters
    /// take it from the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genus: Option<String>,
    /// The conference this one delegated the cooperation with the IT-Planungsrat to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uebertragen_an: Option<Uebertragung>,
    /// The spokespersons for this conference (empty when vacant).
    pub sprecher: Vec<SprecherKurz>,
    /// True when no spokesperson is named for it and it delegated nothing.
    pub vakant: bool,
    /// What changed since the previous month's lists; absent in the first month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aenderungen: Option<Aenderungen>,
}

/// Where a conference delegated its cooperation with the IT-Planungsrat.
#[derive(Debug, Clone, Serialize)]
pub struct Uebertragung {
    /// The other conference's code.
    pub kuerzel: String,
    /// Its name.
    pub name: String,
    /// Its grammatical gender, if the roster gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub genus: Option<String>,
}

/// A session of the IT-Planungsrat.
#[derive(Debug, Clone, Serialize)]
pub struct Sitzung {
    /// Its date.
    pub datum: NaiveDate,
    /// "52. Sitzung".
    pub nummer: String,
}

/// A contact person from the MPK list.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Ansprechperson {
    /// Name as written in the list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Position or role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funktion: Option<String>,
    /// Phone numbers, in list order.
    pub telefon: Vec<String>,
    /// E-mail addresses, in list order (only text that is an address).
    pub email: Vec<String>,
    /// The list's remark on them, and e-mail text that is no address (`E-Mail: n.n.`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bemerkung: Option<String>,
}

/// A meeting of a conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Termin {
    /// Code of the conference.
    pub konferenz: String,
    /// Name of the conference.
    pub konferenz_name: String,
    /// The meeting's name ("Herbstkonferenz").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sitzung: Option<String>,
    /// First day; absent for an open date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beginn: Option<NaiveDate>,
    /// Last day (same as `beginn` for one-day meetings); absent for an open date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ende: Option<NaiveDate>,
    /// The text the office wrote instead of a date ("Herbst 2026").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datum_offen: Option<String>,
    /// Where it takes place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ort: Option<String>,
    /// The list's remark on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bemerkung: Option<String>,
    /// The spokespersons of its conference (empty when vacant): the overview shows who
    /// belongs to each meeting. Not part of the calendar's memory, nor of a sent version's
    /// record before it was added (hence the default).
    #[serde(default)]
    pub sprecher: Vec<SprecherKurz>,
}

/// A spokesperson with everything the roster says.
#[derive(Debug, Clone, Serialize)]
pub struct Sprecher {
    /// The roster id; part of their documents' file names.
    pub id: String,
    /// "Frau" or "Herr".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anrede: Option<String>,
    /// Academic title ("Dr.").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub titel: Option<String>,
    /// Full name.
    pub name: String,
    /// Their office.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funktion: Option<String>,
    /// Their state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub land: Option<String>,
    /// Where their briefing is sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Codes of their conferences, in roster order.
    pub konferenzen: Vec<String>,
}

/// A spokesperson as listed under a conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SprecherKurz {
    /// As [`Sprecher::id`].
    pub id: String,
    /// As [`Sprecher::anrede`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anrede: Option<String>,
    /// As [`Sprecher::titel`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub titel: Option<String>,
    /// As [`Sprecher::name`].
    pub name: String,
    /// As [`Sprecher::funktion`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funktion: Option<String>,
    /// As [`Sprecher::land`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub land: Option<String>,
    /// As [`Sprecher::email`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl From<&Sprecher> for SprecherKurz {
    fn from(person: &Sprecher) -> Self {
        SprecherKurz {
            id: person.id.clone(),
            anrede: person.anrede.clone(),
            titel: person.titel.clone(),
            name: person.name.clone(),
            funktion: person.funktion.clone(),
            land: person.land.clone(),
            email: person.email.clone(),
        }
    }
}

/// A decision of the council.
#[derive(Debug, Clone, Serialize)]
pub struct Beschluss {
    /// "2023/07".
    pub nummer: String,
    /// Its title.
    pub titel: String,
    /// The day it was taken.
    pub datum: NaiveDate,
    /// The council meeting that took it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sitzung: Option<String>,
    /// Summary, Markdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kurz: Option<String>,
    /// Key points, Markdown.
    pub punkte: Vec<String>,
    /// True for `relevant_fuer: alle`.
    pub alle: bool,
    /// The conference codes it concerns; empty when `alle` (listing every code would make
    /// each briefing's data grow with the size of the roster).
    pub konferenzen: Vec<String>,
    /// Where to read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Who submitted it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub einreichend: Option<String>,
}

/// A data-quality note for readers of the overview.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Hinweis {
    /// Its category; the notes are sorted by it first.
    pub art: HinweisArt,
    /// What is the matter, in a sentence.
    pub text: String,
    /// Where it was found ("termine.xlsx, Blatt Termine, Zeile 14"), if in a spreadsheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fundstelle: Option<String>,
}

/// The category of a [`Hinweis`]. Templates see its German label ("Offener Termin").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HinweisArt {
    /// A spreadsheet row names a conference the roster does not know.
    UnbekannteKonferenz,
    /// A contact person without an e-mail address.
    AnsprechpersonOhneEmail,
    /// A conference without any contact person in this month's list.
    KeineAnsprechperson,
    /// A conference without a spokesperson.
    Vakant,
    /// A meeting without a date.
    TerminOhneDatum,
    /// A meeting whose date is text ("Herbst 2027").
    OffenerTermin,
    /// A spreadsheet row that could not be used.
    ZeileNichtUebernommen,
    /// A meeting struck through in the list: cancelled, not listed.
    AbgesagterTermin,
    /// The same contact or meeting listed twice; used once.
    DoppelterEintrag,
}

impl HinweisArt {
    /// The German label readers see.
    pub fn label(self) -> &'static str {
        match self {
            HinweisArt::UnbekannteKonferenz => "Unbekannte Konferenz",
            HinweisArt::AnsprechpersonOhneEmail => "Ansprechperson ohne E-Mail",
            HinweisArt::KeineAnsprechperson => "Keine Ansprechperson",
            HinweisArt::Vakant => "Vakant",
            HinweisArt::TerminOhneDatum => "Termin ohne Datum",
            HinweisArt::OffenerTermin => "Offener Termin",
            HinweisArt::ZeileNichtUebernommen => "Zeile nicht übernommen",
            HinweisArt::AbgesagterTermin => "Abgesagter Termin",
            HinweisArt::DoppelterEintrag => "Doppelter Eintrag",
        }
    }
}

/// Notes are listed in the order of their labels, so the overview reads alphabetically.
impl Ord for HinweisArt {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.label().cmp(other.label())
    }
}

impl PartialOrd for HinweisArt {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for HinweisArt {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.label())
    }
}

/// The changes of one conference since the previous month's lists.
#[derive(Debug, Clone, Serialize)]
pub struct Aenderungen {
    /// The month compared with.
    pub vormonat: Month,
    /// How many changes there are in all (0: nothing changed).
    pub anzahl: usize,
    /// The chair before and now, if it changed (either may be absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vorsitz: Option<Aenderung<Option<String>>>,
    /// The office before and now, if it changed (either may be absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geschaeftsstelle: Option<Aenderung<Option<String>>>,
    /// Contacts in this month's list only.
    pub neue_ansprechpersonen: Vec<Ansprechperson>,
    /// Contacts in both lists whose details differ.
    pub geaenderte_ansprechpersonen: Vec<Aenderung<Ansprechperson>>,
    /// Contacts in the previous month's list only.
    pub entfallene_ansprechpersonen: Vec<Ansprechperson>,
    /// Upcoming meetings in this month's list only.
    pub neue_termine: Vec<Termin>,
    /// Meetings in both lists whose days differ (place and remark may differ too).
    pub verschobene_termine: Vec<TerminAenderung>,
    /// Meetings in both lists on the same days whose name as written, place or remark differ.
    pub geaenderte_termine: Vec<TerminAenderung>,
    /// Cancelled meetings, by date: upcoming ones of the previous month's list that are gone
    /// from this month's (as they were listed), and those this month's list marks as
    /// cancelled, struck through or in the remark (as they are listed now).
    pub abgesagte_termine: Vec<Termin>,
}

/// A meeting in both months' lists: before, now, and which of its details changed, so a
/// template can name the old place or remark beside a move.
#[derive(Debug, Clone, Serialize)]
pub struct TerminAenderung {
    /// As in the previous month's list.
    pub vorher: Termin,
    /// As in this month's list.
    pub jetzt: Termin,
    /// The place differs (the old one is `vorher.ort`, absent when there was none).
    pub ort_geaendert: bool,
    /// The remark differs (the old one is `vorher.bemerkung`, absent when there was none).
    pub bemerkung_geaendert: bool,
}

/// A meeting as the calendar files carry it this month: its lasting UID, the revision
/// number calendars compare, and whether it is cancelled. Not shown to templates; kept
/// between months in the output folder (see `output::calendar_ids`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KalenderEintrag {
    /// The event's UID, the same for as long as it is the same meeting.
    pub uid: String,
    /// iCalendar's `SEQUENCE`: grows by one with every change a calendar shows.
    pub sequenz: u32,
    /// Cancelled: written with `STATUS:CANCELLED` until its days have passed.
    pub abgesagt: bool,
    /// The meeting as last listed (always with days).
    pub termin: Termin,
}

/// One entry before and now.
#[derive(Debug, Clone, Serialize)]
pub struct Aenderung<T> {
    /// As in the previous month's list.
    pub vorher: T,
    /// As in this month's list.
    pub jetzt: T,
}
