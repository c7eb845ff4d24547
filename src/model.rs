//! Stage 2: the model. Joins the loaded records into the plain data the templates see.
//!
//! Pure: no I/O and no formatting. It matches the spreadsheet's conference names against the
//! roster, validates the roster and decisions (unknown codes, duplicate ids, bad links),
//! applies the windows (decisions of the last months, meetings of the coming months) and
//! sorts. Field names are German because editors use them in the templates; the template guide
//! (`templates/README.md`) documents every one.

mod changes;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::diagnostics::{Diagnostics, Location, Place};
use crate::load::{
    ContactRecord, Inputs, MeetingDate, MeetingRecord, PreviousMonth, Relevance, SkipReason,
};
use crate::month::Month;
pub use changes::{Aenderung, Aenderungen};

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
    /// The month whose lists the changes compare with; absent in the first month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vormonat: Option<Month>,
}

/// A conference with this month's contacts and meetings.
#[derive(Debug, Clone, Serialize)]
pub struct Konferenz {
    pub kuerzel: String,
    pub name: String,
    pub themen: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vorsitz: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geschaeftsstelle: Option<String>,
    pub ansprechpersonen: Vec<Ansprechperson>,
    /// Upcoming meetings of this conference, by date, open dates last.
    pub termine: Vec<Termin>,
    /// The spokespersons for this conference (empty when vacant).
    pub sprecher: Vec<SprecherKurz>,
    pub vakant: bool,
    /// What changed since the previous month's lists; absent in the first month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aenderungen: Option<Aenderungen>,
}

/// A contact person from the MPK list.
#[derive(Debug, Clone, Serialize)]
pub struct Ansprechperson {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funktion: Option<String>,
    pub telefon: Vec<String>,
    pub email: Vec<String>,
}

/// A meeting of a conference.
#[derive(Debug, Clone, Serialize)]
pub struct Termin {
    /// Code of the conference.
    pub konferenz: String,
    /// Name of the conference.
    pub konferenz_name: String,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bemerkung: Option<String>,
}

/// A spokesperson with everything the roster says.
#[derive(Debug, Clone, Serialize)]
pub struct Sprecher {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anrede: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub titel: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funktion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub land: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Codes of their conferences, in roster order.
    pub konferenzen: Vec<String>,
}

/// A spokesperson as listed under a conference.
#[derive(Debug, Clone, Serialize)]
pub struct SprecherKurz {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anrede: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub titel: Option<String>,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funktion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub land: Option<String>,
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
        }
    }
}

/// A decision of the council.
#[derive(Debug, Clone, Serialize)]
pub struct Beschluss {
    pub nummer: String,
    pub titel: String,
    pub datum: NaiveDate,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub einreichend: Option<String>,
}

/// A data-quality note for readers of the overview.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Hinweis {
    /// Category, e.g. "Unbekannte Konferenz", "Offener Termin".
    pub art: String,
    /// What is the matter, in a sentence.
    pub text: String,
    /// Where it was found ("termine.xlsx, Blatt Termine, Zeile 14"), if in a spreadsheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fundstelle: Option<String>,
}

/// What one spokesperson's briefing is made from.
#[derive(Debug, Clone, Serialize)]
pub struct BriefingContext<'a> {
    pub stand: NaiveDate,
    pub monat: Month,
    pub termin_horizont_monate: u32,
    pub beschluss_zeitraum_monate: u32,
    pub sprecher: &'a Sprecher,
    /// Their conferences, in the order of their roster entry.
    pub konferenzen: Vec<&'a Konferenz>,
    /// The upcoming meetings of all their conferences: by date, open dates last.
    pub termine: Vec<&'a Termin>,
    /// Decisions relevant to any of their conferences, newest first.
    pub beschluesse: Vec<&'a Beschluss>,
    /// The month the changes compare with; absent in the first month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vormonat: Option<Month>,
}

/// What the consolidated overview is made from: the whole model.
pub type OverviewContext<'a> = &'a Model;

impl Model {
    /// The context for the briefing of spokesperson `id`. For many briefings, build
    /// [`BriefingContexts`] once instead.
    pub fn briefing(&self, id: &str) -> Option<BriefingContext<'_>> {
        let sprecher = self.sprecher.iter().find(|s| s.id == id)?;
        Some(BriefingContexts::new(self).of(sprecher))
    }
}

/// Finds what each briefing is made from in time proportional to that briefing, not to the
/// roster: conferences by code and meetings grouped by conference, indexed once.
pub struct BriefingContexts<'a> {
    model: &'a Model,
    konferenzen: HashMap<&'a str, &'a Konferenz>,
    /// Positions in `model.termine`, in its order.
    termine: HashMap<&'a str, Vec<usize>>,
}

impl<'a> BriefingContexts<'a> {
    pub fn new(model: &'a Model) -> Self {
        let mut konferenzen = HashMap::new();
        for k in &model.konferenzen {
            // The first of a duplicated code, as a search would find (a built model has none).
            konferenzen.entry(k.kuerzel.as_str()).or_insert(k);
        }
        let mut termine: HashMap<&str, Vec<usize>> = HashMap::new();
        for (position, termin) in model.termine.iter().enumerate() {
            termine
                .entry(termin.konferenz.as_str())
                .or_default()
                .push(position);
        }
        BriefingContexts {
            model,
            konferenzen,
            termine,
        }
    }

    /// The context for the briefing of `sprecher`, one of the model's spokespersons.
    pub fn of(&self, sprecher: &'a Sprecher) -> BriefingContext<'a> {
        let model = self.model;
        let codes = &sprecher.konferenzen;
        let konferenzen: Vec<&Konferenz> = codes
            .iter()
            .filter_map(|code| self.konferenzen.get(code.as_str()).copied())
            .collect();
        // Positions keep the model's order (by date, open dates last) across conferences.
        let mut positions: Vec<usize> = codes
            .iter()
            .filter_map(|code| self.termine.get(code.as_str()))
            .flatten()
            .copied()
            .collect();
        positions.sort_unstable();
        positions.dedup();
        let termine = positions.into_iter().map(|i| &model.termine[i]).collect();
        let beschluesse = model
            .beschluesse
            .iter()
            .filter(|b| b.alle || b.konferenzen.iter().any(|c| codes.contains(c)))
            .collect();
        BriefingContext {
            stand: model.stand,
            monat: model.monat,
            termin_horizont_monate: model.termin_horizont_monate,
            beschluss_zeitraum_monate: model.beschluss_zeitraum_monate,
            sprecher,
            konferenzen,
            termine,
            beschluesse,
            vormonat: model.vormonat,
        }
    }
}

/// Builds the model; fails with every problem of the roster and decisions if any is an error.
/// The returned diagnostics hold the warnings.
pub fn build(
    inputs: &Inputs,
    stand: NaiveDate,
    config: &Config,
) -> Result<(Model, Diagnostics), Diagnostics> {
    let mut builder = Builder {
        inputs,
        diagnostics: Diagnostics::new(),
        notes: Vec::new(),
    };
    builder.check_roster();
    builder.check_decisions();
    if builder.diagnostics.has_errors() {
        return Err(builder.diagnostics);
    }
    let matcher = ConferenceMatcher::new(inputs);
    let sprecher = builder.spokespersons();
    let mut konferenzen = builder.conferences(&sprecher);
    builder.attach_contacts(&matcher, &mut konferenzen);
    let termine = builder.meetings(&matcher, &konferenzen, stand, config.meeting_horizon_months);
    let mut by_conference: HashMap<&str, Vec<Termin>> = HashMap::new();
    for termin in &termine {
        by_conference
            .entry(termin.konferenz.as_str())
            .or_default()
            .push(termin.clone());
    }
    for konferenz in &mut konferenzen {
        konferenz.termine = by_conference
            .remove(konferenz.kuerzel.as_str())
            .unwrap_or_default();
    }
    if let Some(previous) = &inputs.previous {
        attach_changes(
            previous,
            &matcher,
            &mut konferenzen,
            stand,
            config.meeting_horizon_months,
        );
    }
    builder.skipped_rows();
    let beschluesse = builder.decisions(stand, config.decision_window_months);
    builder.notes.sort();
    let model = Model {
        stand,
        monat: inputs.month,
        termin_horizont_monate: config.meeting_horizon_months,
        beschluss_zeitraum_monate: config.decision_window_months,
        konferenzen,
        sprecher,
        termine,
        beschluesse,
        hinweise: builder.notes,
        vormonat: inputs.previous.as_ref().map(|previous| previous.month),
    };
    Ok((model, builder.diagnostics))
}

/// Compares each conference's lists with the previous month's (the same meeting window for
/// both). Rows of the previous month that cannot be assigned were reported in their month.
fn attach_changes(
    previous: &PreviousMonth,
    matcher: &ConferenceMatcher,
    konferenzen: &mut [Konferenz],
    stand: NaiveDate,
    horizon_months: u32,
) {
    let horizon = stand
        .checked_add_months(Months::new(horizon_months))
        .unwrap_or(NaiveDate::MAX);
    for konferenz in konferenzen.iter_mut() {
        let mine = |written: &str| matcher.code_of(written) == Some(konferenz.kuerzel.as_str());
        let contacts: Vec<Ansprechperson> = previous
            .contacts
            .iter()
            .filter(|record| mine(&record.conference))
            .map(|record| Ansprechperson {
                name: record.name.clone(),
                funktion: record.role.clone(),
                telefon: record.phones.clone(),
                email: record.emails.clone(),
            })
            .collect();
        let meetings: Vec<Termin> = previous
            .meetings
            .iter()
            .filter(|record| mine(&record.conference))
            .filter(|record| match &record.date {
                MeetingDate::Days(span) => span.end >= stand && span.start <= horizon,
                MeetingDate::Open(_) | MeetingDate::Missing => true,
            })
            .map(|record| meeting(konferenz, record))
            .collect();
        konferenz.aenderungen = Some(changes::compare(
            previous.month,
            &contacts,
            &konferenz.ansprechpersonen,
            &meetings,
            &konferenz.termine,
        ));
    }
}

/// Finds the roster conference a spreadsheet means, by code, name or alias.
struct ConferenceMatcher {
    by_key: HashMap<String, String>,
}

impl ConferenceMatcher {
    fn new(inputs: &Inputs) -> Self {
        let mut by_key = HashMap::new();
        for conference in &inputs.roster.conferences {
            let keys = [&conference.code, &conference.name]
                .into_iter()
                .chain(conference.aliases.iter());
            for key in keys {
                by_key
                    .entry(match_key(key))
                    .or_insert_with(|| conference.code.clone());
            }
        }
        ConferenceMatcher { by_key }
    }

    fn code_of(&self, written: &str) -> Option<&str> {
        self.by_key.get(&match_key(written)).map(String::as_str)
    }
}

/// Case, surrounding and repeated spaces (also line breaks) do not matter when matching names.
fn match_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

struct Builder<'a> {
    inputs: &'a Inputs,
    diagnostics: Diagnostics,
    notes: Vec<Hinweis>,
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_valid_decision_number(number: &str) -> bool {
    let Some((year, counter)) = number.split_once('/') else {
        return false;
    };
    year.len() == 4
        && !counter.is_empty()
        && counter.len() <= 4
        && year
            .bytes()
            .chain(counter.bytes())
            .all(|b| b.is_ascii_digit())
}

/// "ansprechpartner.xlsx, Blatt „Ansprechpersonen“, Zeile 12" for the overview's notes.
fn place_for_readers(location: &Location) -> String {
    let file = location.file.file_name().map_or_else(
        || location.file.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    match &location.place {
        Place::Row { sheet, row } | Place::Cell { sheet, row, .. } => {
            format!("{file}, Blatt „{sheet}“, Zeile {row}")
        }
        Place::Line { line, .. } => format!("{file}, Zeile {line}"),
        Place::File => file,
    }
}

impl Builder<'_> {
    fn note(&mut self, art: &str, text: String, at: Option<&Location>) {
        self.notes.push(Hinweis {
            art: art.to_string(),
            text,
            fundstelle: at.map(place_for_readers),
        });
    }

    fn check_roster(&mut self) {
        let roster = &self.inputs.roster;
        let mut codes: HashMap<&str, &Location> = HashMap::new();
        let mut names: HashMap<String, &str> = HashMap::new();
        for conference in &roster.conferences {
            if conference.code.is_empty() {
                self.diagnostics
                    .error(conference.code_at.clone(), "kuerzel must not be empty");
            }
            if conference.name.is_empty() {
                self.diagnostics.error(
                    conference.code_at.clone(),
                    format!("conference {} has an empty name", conference.code),
                );
            }
            if let Some(first) = codes.insert(&conference.code, &conference.code_at) {
                self.diagnostics.error(
                    conference.code_at.clone(),
                    format!(
                        "conference code \"{}\" is used twice (first at {first}); codes must be unique",
                        conference.code
                    ),
                );
            }
            let keys = [&conference.code, &conference.name]
                .into_iter()
                .chain(conference.aliases.iter());
            for key in keys {
                let key = match_key(key);
                match names.get(&key) {
                    Some(other) if *other != conference.code => self.diagnostics.error(
                        conference.code_at.clone(),
                        format!(
                            "the name \"{key}\" belongs to both {other} and {}; a spreadsheet \
                             row could not be assigned",
                            conference.code
                        ),
                    ),
                    _ => {
                        names.insert(key, &conference.code);
                    }
                }
            }
        }
        let mut ids: HashMap<&str, &Location> = HashMap::new();
        for person in &roster.spokespersons {
            if !is_valid_id(&person.id) {
                self.diagnostics.error(
                    person.id_at.clone(),
                    format!(
                        "id \"{}\" may only contain lower-case letters a-z, digits and '-' \
                         (it becomes part of a file name)",
                        person.id
                    ),
                );
            }
            if let Some(first) = ids.insert(&person.id, &person.id_at) {
                self.diagnostics.error(
                    person.id_at.clone(),
                    format!(
                        "spokesperson id \"{}\" is used twice (first at {first}); ids must be unique",
                        person.id
                    ),
                );
            }
            if person.name.is_empty() {
                self.diagnostics.error(
                    person.id_at.clone(),
                    format!("spokesperson {} has an empty name", person.id),
                );
            }
            if person.conferences.is_empty() {
                self.diagnostics.error(
                    person.id_at.clone(),
                    format!(
                        "spokesperson {} has no conference in konferenzen",
                        person.id
                    ),
                );
            }
            for (code, at) in &person.conferences {
                if !codes.contains_key(code.as_str()) {
                    self.diagnostics.error(
                        at.clone(),
                        format!(
                            "spokesperson {}: unknown conference code \"{code}\"; known codes: {}",
                            person.id,
                            known_codes(&codes)
                        ),
                    );
                }
            }
            match (&person.email, &person.email_at) {
                (Some(email), Some(at)) if !looks_like_email(email) => self.diagnostics.error(
                    at.clone(),
                    format!(
                        "spokesperson {}: \"{email}\" is not an e-mail address",
                        person.id
                    ),
                ),
                (None, _) => self.diagnostics.warning(
                    person.id_at.clone(),
                    format!(
                        "spokesperson {} has no e-mail address; their briefing cannot be sent",
                        person.id
                    ),
                ),
                _ => {}
            }
        }
    }

    fn check_decisions(&mut self) {
        let codes: HashSet<&str> = self
            .inputs
            .roster
            .conferences
            .iter()
            .map(|c| c.code.as_str())
            .collect();
        let mut numbers: HashMap<&str, &Location> = HashMap::new();
        for decision in &self.inputs.decisions.entries {
            if !is_valid_decision_number(&decision.number) {
                self.diagnostics.error(
                    decision.number_at.clone(),
                    format!(
                        "decision number \"{}\" is not of the form YYYY/N, e.g. \"2023/07\"",
                        decision.number
                    ),
                );
            }
            if let Some(first) = numbers.insert(&decision.number, &decision.number_at) {
                self.diagnostics.error(
                    decision.number_at.clone(),
                    format!(
                        "decision {} is listed twice (first at {first})",
                        decision.number
                    ),
                );
            }
            if decision.title.is_empty() {
                self.diagnostics.error(
                    decision.number_at.clone(),
                    format!("decision {} has an empty titel", decision.number),
                );
            }
            if let Relevance::Codes(list) = &decision.relevance {
                if list.is_empty() {
                    self.diagnostics.error(
                        decision.relevance_at.clone(),
                        format!(
                            "decision {}: relevant_fuer is empty; write \"alle\" or conference codes",
                            decision.number
                        ),
                    );
                }
                for code in list {
                    if !codes.contains(code.as_str()) {
                        self.diagnostics.error(
                            decision.relevance_at.clone(),
                            format!(
                                "decision {}: unknown conference code \"{code}\" in relevant_fuer",
                                decision.number
                            ),
                        );
                    }
                }
            }
            if let (Some(link), Some(at)) = (&decision.link, &decision.link_at)
                && !crate::links::is_allowed(link)
            {
                self.diagnostics.error(
                    at.clone(),
                    format!(
                        "decision {}: link \"{link}\" must start with https://, http:// or mailto:",
                        decision.number
                    ),
                );
            }
        }
    }

    fn conferences(&self, spokespersons: &[Sprecher]) -> Vec<Konferenz> {
        let roster = &self.inputs.roster;
        // Each conference's spokespersons in roster order (a person listing a conference
        // twice counts once).
        let mut by_conference: HashMap<&str, Vec<SprecherKurz>> = HashMap::new();
        for person in spokespersons {
            let mut codes: Vec<&str> = person.konferenzen.iter().map(String::as_str).collect();
            codes.sort_unstable();
            codes.dedup();
            for code in codes {
                by_conference
                    .entry(code)
                    .or_default()
                    .push(SprecherKurz::from(person));
            }
        }
        roster
            .conferences
            .iter()
            .map(|conference| {
                let sprecher = by_conference
                    .remove(conference.code.as_str())
                    .unwrap_or_default();
                Konferenz {
                    kuerzel: conference.code.clone(),
                    name: conference.name.clone(),
                    themen: conference.topics.clone(),
                    vorsitz: None,
                    geschaeftsstelle: None,
                    ansprechpersonen: Vec::new(),
                    termine: Vec::new(),
                    vakant: sprecher.is_empty(),
                    sprecher,
                    aenderungen: None,
                }
            })
            .collect()
    }

    fn spokespersons(&self) -> Vec<Sprecher> {
        self.inputs
            .roster
            .spokespersons
            .iter()
            .map(|p| Sprecher {
                id: p.id.clone(),
                anrede: p.salutation.clone(),
                titel: p.title.clone(),
                name: p.name.clone(),
                funktion: p.function.clone(),
                land: p.state.clone(),
                email: p.email.clone(),
                konferenzen: p.conferences.iter().map(|(code, _)| code.clone()).collect(),
            })
            .collect()
    }

    fn unknown_conference(&mut self, written: &str, at: &Location) {
        self.diagnostics.warning(
            at.clone(),
            format!(
                "unknown conference \"{written}\"; the row is not used. Add the name as an \
                 alias in sprecher.yaml if it is one of the roster's conferences"
            ),
        );
        self.note(
            "Unbekannte Konferenz",
            format!("„{written}“ ist keiner Konferenz des Verzeichnisses zugeordnet; die Zeile wurde nicht übernommen."),
            Some(at),
        );
    }

    fn attach_contacts(&mut self, matcher: &ConferenceMatcher, konferenzen: &mut [Konferenz]) {
        let index: HashMap<String, usize> = konferenzen
            .iter()
            .enumerate()
            .map(|(i, k)| (k.kuerzel.clone(), i))
            .collect();
        let mut chair_source: BTreeMap<usize, (String, Location)> = BTreeMap::new();
        for record in &self.inputs.contacts {
            let Some(code) = matcher.code_of(&record.conference) else {
                self.unknown_conference(&record.conference, &record.at);
                continue;
            };
            let konferenz = &mut konferenzen[index[code]];
            self.merge_chair(konferenz, record, index[code], &mut chair_source);
            if konferenz.geschaeftsstelle.is_none() {
                konferenz.geschaeftsstelle = record.office.clone();
            }
            let is_person = record.name.is_some()
                || record.role.is_some()
                || !record.phones.is_empty()
                || !record.emails.is_empty();
            if !is_person {
                continue;
            }
            if record.emails.is_empty() {
                let who = record.name.as_deref().unwrap_or("(ohne Namen)");
                self.diagnostics.warning(
                    record.at.clone(),
                    format!("contact {who} of {code} has no e-mail address"),
                );
                let name = konferenz.name.clone();
                self.note(
                    "Ansprechperson ohne E-Mail",
                    format!("{who} ({name}) hat keine E-Mail-Adresse."),
                    Some(&record.at),
                );
            }
            konferenzen[index[code]]
                .ansprechpersonen
                .push(Ansprechperson {
                    name: record.name.clone(),
                    funktion: record.role.clone(),
                    telefon: record.phones.clone(),
                    email: record.emails.clone(),
                });
        }
        for konferenz in konferenzen.iter() {
            if konferenz.ansprechpersonen.is_empty() {
                self.diagnostics.warning(
                    Location::file(&self.inputs.contacts_file),
                    format!(
                        "conference {} ({}) has no contact person in this month's list",
                        konferenz.kuerzel, konferenz.name
                    ),
                );
                self.note(
                    "Keine Ansprechperson",
                    format!(
                        "Für die {} enthält die Liste dieses Monats keine Ansprechperson.",
                        konferenz.name
                    ),
                    None,
                );
            }
            if konferenz.vakant {
                self.note(
                    "Vakant",
                    format!(
                        "Für die {} ist keine Sprecherin und kein Sprecher benannt.",
                        konferenz.name
                    ),
                    None,
                );
            }
        }
    }

    fn merge_chair(
        &mut self,
        konferenz: &mut Konferenz,
        record: &ContactRecord,
        index: usize,
        chair_source: &mut BTreeMap<usize, (String, Location)>,
    ) {
        let Some(chair) = &record.chair else { return };
        match chair_source.get(&index) {
            None => {
                konferenz.vorsitz = Some(chair.clone());
                chair_source.insert(index, (chair.clone(), record.at.clone()));
            }
            Some((first, at)) if match_key(first) != match_key(chair) => {
                self.diagnostics.warning(
                    record.at.clone(),
                    format!(
                        "{} has the chair \"{chair}\" here but \"{first}\" at {at}; \"{first}\" is used",
                        konferenz.kuerzel
                    ),
                );
            }
            Some(_) => {}
        }
    }

    fn meetings(
        &mut self,
        matcher: &ConferenceMatcher,
        konferenzen: &[Konferenz],
        stand: NaiveDate,
        horizon_months: u32,
    ) -> Vec<Termin> {
        let horizon = stand
            .checked_add_months(Months::new(horizon_months))
            .unwrap_or(NaiveDate::MAX);
        let order: HashMap<&str, usize> = konferenzen
            .iter()
            .enumerate()
            .map(|(i, k)| (k.kuerzel.as_str(), i))
            .collect();
        let mut dated: Vec<(usize, Termin)> = Vec::new();
        let mut open: Vec<Termin> = Vec::new();
        for record in &self.inputs.meetings {
            let Some(code) = matcher.code_of(&record.conference) else {
                self.unknown_conference(&record.conference, &record.at);
                continue;
            };
            let konferenz = &konferenzen[order[code]];
            let termin = meeting(konferenz, record);
            match &record.date {
                MeetingDate::Days(span) => {
                    if span.end >= stand && span.start <= horizon {
                        dated.push((order[code], termin));
                    }
                }
                MeetingDate::Missing => {
                    self.note(
                        "Termin ohne Datum",
                        format!(
                            "{}: Für „{}“ ist kein Datum angegeben; der Termin steht am Ende der Liste.",
                            konferenz.name,
                            record.meeting.as_deref().unwrap_or("die Sitzung")
                        ),
                        Some(&record.at),
                    );
                    open.push(termin);
                }
                MeetingDate::Open(text) => {
                    self.note(
                        "Offener Termin",
                        format!(
                            "{}: „{text}“ ist kein Datum; der Termin steht ohne Datum am Ende der Liste.",
                            konferenz.name
                        ),
                        Some(&record.at),
                    );
                    open.push(termin);
                }
            }
        }
        dated.sort_by(|(a_order, a), (b_order, b)| {
            (a.beginn, a.ende, a_order, &a.sitzung).cmp(&(b.beginn, b.ende, b_order, &b.sitzung))
        });
        dated
            .into_iter()
            .map(|(_, termin)| termin)
            .chain(open)
            .collect()
    }

    fn skipped_rows(&mut self) {
        for row in &self.inputs.skipped_rows {
            let text = match row.reason {
                SkipReason::NoConference => {
                    "Die Zeile nennt keine Konferenz und folgt auf eine Leerzeile; sie wurde nicht übernommen."
                }
            };
            self.note("Zeile nicht übernommen", text.to_string(), Some(&row.at));
        }
    }

    fn decisions(&self, stand: NaiveDate, window_months: u32) -> Vec<Beschluss> {
        let from = stand
            .checked_sub_months(Months::new(window_months))
            .unwrap_or(NaiveDate::MIN);
        let mut decisions: Vec<Beschluss> = self
            .inputs
            .decisions
            .entries
            .iter()
            .filter(|d| d.date >= from && d.date <= stand)
            .map(|d| Beschluss {
                nummer: d.number.clone(),
                titel: d.title.clone(),
                datum: d.date,
                sitzung: d.session.clone(),
                kurz: d.summary.clone(),
                punkte: d.points.clone(),
                alle: d.relevance == Relevance::All,
                konferenzen: match &d.relevance {
                    Relevance::All => Vec::new(),
                    Relevance::Codes(codes) => codes.clone(),
                },
                link: d.link.clone(),
                einreichend: d.submitted_by.clone(),
            })
            .collect();
        decisions.sort_by(|a, b| {
            b.datum
                .cmp(&a.datum)
                .then_with(|| decision_order(&b.nummer).cmp(&decision_order(&a.nummer)))
        });
        decisions
    }
}

/// Sorts "2023/7" before "2023/12" (numeric, not textual).
fn decision_order(number: &str) -> (u32, u32) {
    let (year, counter) = number.split_once('/').unwrap_or((number, "0"));
    (year.parse().unwrap_or(0), counter.parse().unwrap_or(0))
}

fn meeting(konferenz: &Konferenz, record: &MeetingRecord) -> Termin {
    let (beginn, ende, datum_offen) = match &record.date {
        MeetingDate::Days(span) => (Some(span.start), Some(span.end), None),
        MeetingDate::Open(text) => (None, None, Some(text.clone())),
        MeetingDate::Missing => (None, None, Some("ohne Datum".to_string())),
    };
    Termin {
        konferenz: konferenz.kuerzel.clone(),
        konferenz_name: konferenz.name.clone(),
        sitzung: record.meeting.clone(),
        beginn,
        ende,
        datum_offen,
        ort: record.place.clone(),
        bemerkung: record.remark.clone(),
    }
}

fn known_codes(codes: &HashMap<&str, &Location>) -> String {
    let mut list: Vec<&str> = codes.keys().copied().collect();
    list.sort_unstable();
    list.join(", ")
}

fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_file_name_parts() {
        assert!(is_valid_id("manke"));
        assert!(is_valid_id("dr-hagen-2"));
        for bad in ["", "Manke", "../x", "a b", "ä", "a/b", "a.b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn decision_numbers_sort_numerically() {
        assert!(decision_order("2023/7") < decision_order("2023/12"));
        assert!(is_valid_decision_number("2023/07"));
        assert!(!is_valid_decision_number("23/07"));
        assert!(!is_valid_decision_number("2023-07"));
    }

    #[test]
    fn conference_names_match_ignoring_case_and_spaces() {
        assert_eq!(
            match_key("  Ständige  Konferenz\nder INNENMINISTER "),
            "ständige konferenz der innenminister"
        );
    }
}
