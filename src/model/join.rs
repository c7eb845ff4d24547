//! Joins the loaded records into the model: spokespersons and conferences from the roster,
//! contacts and meetings from the spreadsheets matched to the roster's conferences, decisions
//! within their window, each list in its order.
//!
//! It assumes a roster and decisions that passed validation. Rows it cannot assign are
//! reported as warnings and as notes for the overview; it reads nothing and formats nothing.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::changes;
use super::identity::name_key;
use super::matcher::ConferenceMatcher;
use super::notes::Notes;
use super::types::{
    Ansprechperson, Beschluss, KalenderEintrag, Konferenz, Model, Sitzung, Sprecher, SprecherKurz,
    Termin, Uebertragung,
};
use super::uids;
use super::window::Window;
use crate::diagnostics::{Diagnostics, Location};
use crate::load::dates::{DateSpan, open_month};
use crate::load::{ContactRecord, Inputs, MeetingDate, MeetingRecord, PreviousMonth, Relevance};
use crate::messages;
use crate::month::german_date;

/// Builds the model of validated `inputs`; warnings are added to `diagnostics`. `memory` is
/// what the calendar files of the newest earlier month carried, if a build kept it.
pub(super) fn join(
    inputs: &Inputs,
    window: Window,
    memory: Option<&[KalenderEintrag]>,
    diagnostics: Diagnostics,
) -> (Model, Diagnostics) {
    let mut join = Join {
        inputs,
        diagnostics,
        notes: Notes::default(),
    };
    let matcher = ConferenceMatcher::new(&inputs.roster);
    let sprecher = join.spokespersons();
    let mut konferenzen = join.conferences(&sprecher);
    join.attach_contacts(&matcher, &mut konferenzen);
    let (termine, abgesagt) = join.meetings(&matcher, &konferenzen, window);
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
        attach_changes(previous, &matcher, &mut konferenzen, &abgesagt, window);
    }
    let previous_meetings = inputs
        .previous
        .as_ref()
        .map(|previous| previous_meetings(previous, &matcher, &konferenzen, window));
    let earlier = match (memory, &previous_meetings) {
        (Some(entries), _) => uids::Earlier::Memory(entries),
        (None, Some(termine)) => uids::Earlier::Lists(termine),
        (None, None) => uids::Earlier::Nothing,
    };
    let (kalender, kalender_vorbei) = uids::assign(earlier, &termine, &abgesagt, window.stand);
    join.skipped_rows();
    let beschluesse = join.decisions(window);
    let sitzungen: Vec<Sitzung> = inputs
        .decisions
        .sessions
        .iter()
        .filter(|session| session.date >= window.stand)
        .map(|session| Sitzung {
            datum: session.date,
            nummer: session.number.clone(),
        })
        .collect();
    let model = Model {
        stand: window.stand,
        monat: inputs.month,
        termin_horizont_monate: window.meeting_months,
        beschluss_zeitraum_monate: window.decision_months,
        konferenzen,
        sprecher,
        termine,
        beschluesse,
        hinweise: join.notes.into_sorted(),
        naechste_sitzung: sitzungen.first().cloned(),
        sitzungen,
        vormonat: inputs.previous.as_ref().map(|previous| previous.month),
        kalender,
        kalender_vorbei,
    };
    (model, join.diagnostics)
}

/// Whether a meeting of an earlier list is still ahead in this month's window (an open date
/// always is).
fn upcoming(record: &MeetingRecord, window: Window) -> bool {
    match &record.date {
        MeetingDate::Days(span) => window.is_upcoming(span),
        MeetingDate::Open(_) | MeetingDate::Missing => true,
    }
}

/// The previous month's upcoming meetings of known conferences that its list did not mark
/// cancelled, in list order.
fn previous_meetings(
    previous: &PreviousMonth,
    matcher: &ConferenceMatcher,
    konferenzen: &[Konferenz],
    window: Window,
) -> Vec<Termin> {
    previous
        .meetings
        .iter()
        .filter(|record| !record.cancelled && upcoming(record, window))
        .filter_map(|record| {
            let code = matcher.code_ignoring_footnote(&record.conference)?.0;
            let konferenz = konferenzen.iter().find(|k| k.kuerzel == code)?;
            Some(meeting(konferenz, record))
        })
        .collect()
}

/// Compares each conference's lists with the previous month's (the same meeting window for
/// both). Rows of the previous month that cannot be assigned were reported in their month.
fn attach_changes(
    previous: &PreviousMonth,
    matcher: &ConferenceMatcher,
    konferenzen: &mut [Konferenz],
    abgesagt: &[Termin],
    window: Window,
) {
    for konferenz in konferenzen.iter_mut() {
        let mine = |written: &str| matcher.code_of(written) == Some(konferenz.kuerzel.as_str());
        let cancelled: Vec<Termin> = abgesagt
            .iter()
            .filter(|termin| termin.konferenz == konferenz.kuerzel)
            .cloned()
            .collect();
        let contacts: Vec<Ansprechperson> = previous
            .contacts
            .iter()
            .filter(|record| mine(&record.conference))
            .map(contact)
            .collect();
        let meetings: Vec<Termin> = previous
            .meetings
            .iter()
            .filter(|record| mine(&record.conference))
            // Cancelled there already: reported in that month, not again as a change.
            .filter(|record| !record.cancelled && upcoming(record, window))
            .map(|record| meeting(konferenz, record))
            .collect();
        let mut records = previous
            .contacts
            .iter()
            .filter(|record| mine(&record.conference));
        let chair = records.clone().find_map(|record| record.chair.as_deref());
        let office = records.find_map(|record| record.office.as_deref());
        let before = changes::Lists {
            chair,
            office,
            contacts: &contacts,
            meetings: &meetings,
            cancelled: &[],
        };
        let now = changes::Lists {
            chair: konferenz.vorsitz.as_deref(),
            office: konferenz.geschaeftsstelle.as_deref(),
            contacts: &konferenz.ansprechpersonen,
            meetings: &konferenz.termine,
            cancelled: &cancelled,
        };
        konferenz.aenderungen = Some(changes::compare(previous.month, before, now));
    }
}

/// The join in progress: what it reads and what it has found so far.
struct Join<'a> {
    inputs: &'a Inputs,
    diagnostics: Diagnostics,
    notes: Notes,
}

/// The first chair a conference's rows name, and where; later rows may only repeat it.
struct FirstChair {
    chair: String,
    at: Location,
}

impl Join<'_> {
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

    fn conferences(&self, spokespersons: &[Sprecher]) -> Vec<Konferenz> {
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
        self.inputs
            .roster
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
                    genus: conference.gender.clone(),
                    uebertragen_an: conference.delegated_to.as_ref().and_then(|(code, _)| {
                        let conferences = &self.inputs.roster.conferences;
                        let target = conferences.iter().find(|c| &c.code == code)?;
                        Some(Uebertragung {
                            kuerzel: target.code.clone(),
                            name: target.name.clone(),
                            genus: target.gender.clone(),
                        })
                    }),
                    vakant: sprecher.is_empty() && conference.delegated_to.is_none(),
                    sprecher,
                    aenderungen: None,
                }
            })
            .collect()
    }

    /// The roster code `written` names; a trailing footnote marker (`IMK*`, `VMK¹`) is
    /// ignored with a warning.
    fn code_of<'m>(
        &mut self,
        matcher: &'m ConferenceMatcher,
        written: &str,
        at: &Location,
    ) -> Option<&'m str> {
        let (code, marker) = matcher.code_ignoring_footnote(written)?;
        if let Some(marker) = marker {
            self.diagnostics.warning(
                at.clone(),
                messages::model::footnote_ignored(written, code, marker),
            );
        }
        Some(code)
    }

    /// `what` is listed a second time at `at`, first at `first`.
    fn duplicate(&mut self, what: &str, first: &Location, at: &Location) {
        self.diagnostics
            .warning(at.clone(), messages::model::listed_twice(what, first));
        self.notes.duplicate(what, first, at);
    }

    fn unknown_conference(&mut self, written: &str, at: &Location) {
        self.diagnostics
            .warning(at.clone(), messages::model::unknown_conference(written));
        self.notes.unknown_conference(written, at);
    }

    fn attach_contacts(&mut self, matcher: &ConferenceMatcher, konferenzen: &mut [Konferenz]) {
        let index: HashMap<String, usize> = konferenzen
            .iter()
            .enumerate()
            .map(|(i, k)| (k.kuerzel.clone(), i))
            .collect();
        let mut first_chairs: BTreeMap<usize, FirstChair> = BTreeMap::new();
        let mut seen: HashMap<(String, String), Location> = HashMap::new();
        for record in &self.inputs.contacts {
            let Some(code) = self.code_of(matcher, &record.conference, &record.at) else {
                self.unknown_conference(&record.conference, &record.at);
                continue;
            };
            if let Some(name) = &record.name {
                let key = (code.to_string(), name_key(name));
                if let Some(first) = seen.get(&key) {
                    let what = messages::model::contact(name, code);
                    self.duplicate(&what, first, &record.at);
                    continue;
                }
                seen.insert(key, record.at.clone());
            }
            let konferenz = &mut konferenzen[index[code]];
            self.merge_chair(konferenz, record, index[code], &mut first_chairs);
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
                let who = record
                    .name
                    .as_deref()
                    .unwrap_or(messages::model::WITHOUT_NAME);
                self.diagnostics.warning(
                    record.at.clone(),
                    messages::model::contact_without_email(who, code),
                );
                self.notes
                    .contact_without_email(who, &konferenz.name, &record.at);
            }
            konferenzen[index[code]]
                .ansprechpersonen
                .push(contact(record));
        }
        for konferenz in konferenzen.iter() {
            if konferenz.ansprechpersonen.is_empty() {
                self.diagnostics.warning(
                    Location::file(&self.inputs.contacts_file),
                    messages::model::no_contact(&konferenz.kuerzel, &konferenz.name),
                );
                self.notes.no_contact(&konferenz.name);
            }
            if konferenz.vakant {
                self.notes.vacant(&konferenz.name);
            }
        }
    }

    fn merge_chair(
        &mut self,
        konferenz: &mut Konferenz,
        record: &ContactRecord,
        index: usize,
        first_chairs: &mut BTreeMap<usize, FirstChair>,
    ) {
        let Some(chair) = &record.chair else { return };
        match first_chairs.get(&index) {
            None => {
                konferenz.vorsitz = Some(chair.clone());
                first_chairs.insert(
                    index,
                    FirstChair {
                        chair: chair.clone(),
                        at: record.at.clone(),
                    },
                );
            }
            Some(FirstChair { chair: first, at }) if name_key(first) != name_key(chair) => {
                self.diagnostics.warning(
                    record.at.clone(),
                    messages::model::other_chair(&konferenz.kuerzel, chair, at, first),
                );
            }
            Some(_) => {}
        }
    }

    /// The upcoming meetings in date order (open dates last), and the upcoming ones the list
    /// marks as cancelled, in list order.
    fn meetings(
        &mut self,
        matcher: &ConferenceMatcher,
        konferenzen: &[Konferenz],
        window: Window,
    ) -> (Vec<Termin>, Vec<Termin>) {
        let order: HashMap<&str, usize> = konferenzen
            .iter()
            .enumerate()
            .map(|(i, k)| (k.kuerzel.as_str(), i))
            .collect();
        let mut dated: Vec<((NaiveDate, NaiveDate), usize, Termin)> = Vec::new();
        let mut open: Vec<Termin> = Vec::new();
        let mut cancelled: Vec<Termin> = Vec::new();
        let mut seen: HashMap<(String, NaiveDate, String), Location> = HashMap::new();
        for record in &self.inputs.meetings {
            let Some(code) = self.code_of(matcher, &record.conference, &record.at) else {
                self.unknown_conference(&record.conference, &record.at);
                continue;
            };
            let konferenz = &konferenzen[order[code]];
            let termin = meeting(konferenz, record);
            let what = match (&termin.sitzung, termin.beginn) {
                (Some(name), Some(day)) => {
                    messages::model::meeting_named_on(name, german_date(day))
                }
                (None, Some(day)) => messages::model::meeting_on(german_date(day)),
                (Some(name), None) => messages::model::meeting_named(name),
                (None, None) => messages::model::A_MEETING.to_string(),
            };
            if let Some(word) = &record.cancelled_in_remark {
                // The reader's warning names the cell already.
                self.notes
                    .cancelled_in_remark(&konferenz.name, &what, word, &record.at);
                if upcoming(record, window) {
                    cancelled.push(termin);
                }
                continue;
            }
            if record.cancelled {
                self.diagnostics.warning(
                    record.at.clone(),
                    messages::model::cancelled_meeting(&what, code),
                );
                self.notes
                    .cancelled_meeting(&konferenz.name, &what, &record.at);
                if upcoming(record, window) {
                    cancelled.push(termin);
                }
                continue;
            }
            if let MeetingDate::Days(span) = &record.date {
                let place = record.place.as_deref().map(name_key).unwrap_or_default();
                let key = (code.to_string(), span.start, place);
                if let Some(first) = seen.get(&key) {
                    self.duplicate(&format!("{what} ({code})"), first, &record.at);
                    continue;
                }
                seen.insert(key, record.at.clone());
            }
            match &record.date {
                MeetingDate::Days(span) => {
                    self.far_away(span.start, window.stand, &what, code, &record.at);
                    if window.is_upcoming(span) {
                        dated.push(((span.start, span.end), order[code], termin));
                    }
                }
                MeetingDate::Missing => {
                    self.notes.meeting_without_date(
                        &konferenz.name,
                        record.meeting.as_deref(),
                        &record.at,
                    );
                    open.push(termin);
                }
                MeetingDate::Open(text) => {
                    // `Dezember 2026` sorts after the meetings with days in that month.
                    let month = open_month(text)
                        .and_then(month_span)
                        .filter(|month| window.is_upcoming(month));
                    self.notes
                        .open_date(&konferenz.name, text, month.is_some(), &record.at);
                    match month {
                        Some(month) => dated.push(((month.end, month.end), order[code], termin)),
                        None => open.push(termin),
                    }
                }
            }
        }
        dated.sort_by(|(a_days, a_order, a), (b_days, b_order, b)| {
            (a_days, a_order, &a.sitzung).cmp(&(b_days, b_order, &b.sitzung))
        });
        let termine = dated
            .into_iter()
            .map(|(_, _, termin)| termin)
            .chain(open)
            .collect();
        (termine, cancelled)
    }

    /// A meeting more than [`MAX_YEARS_AWAY`] years from the reference date is most likely a
    /// typo in the year; it is listed as written, with a warning.
    fn far_away(
        &mut self,
        start: NaiveDate,
        stand: NaiveDate,
        what: &str,
        code: &str,
        at: &Location,
    ) {
        let months = chrono::Months::new(12 * MAX_YEARS_AWAY);
        let too_late = stand
            .checked_add_months(months)
            .is_some_and(|limit| start > limit);
        let too_early = stand
            .checked_sub_months(months)
            .is_some_and(|limit| start < limit);
        if too_late || too_early {
            self.diagnostics.warning(
                at.clone(),
                messages::model::far_away(what, code, MAX_YEARS_AWAY, german_date(stand)),
            );
        }
    }

    fn skipped_rows(&mut self) {
        for row in &self.inputs.skipped_rows {
            self.notes.skipped_row(row.reason, &row.at);
        }
    }

    fn decisions(&self, window: Window) -> Vec<Beschluss> {
        let mut decisions: Vec<Beschluss> = self
            .inputs
            .decisions
            .entries
            .iter()
            .filter(|d| window.is_recent(d.date))
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

/// How far from the reference date a meeting is believed without a warning.
const MAX_YEARS_AWAY: u32 = 3;

/// The days of the month starting at `first`.
fn month_span(first: NaiveDate) -> Option<DateSpan> {
    let end = first
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()?;
    Some(DateSpan { start: first, end })
}

/// Sorts "2023/7" before "2023/12" (numeric, not textual).
fn decision_order(number: &str) -> (u32, u32) {
    let (year, counter) = number.split_once('/').unwrap_or((number, "0"));
    (year.parse().unwrap_or(0), counter.parse().unwrap_or(0))
}

fn contact(record: &ContactRecord) -> Ansprechperson {
    Ansprechperson {
        name: record.name.clone(),
        funktion: record.role.clone(),
        telefon: record.phones.clone(),
        email: record.emails.clone(),
        bemerkung: record.remark.clone(),
    }
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
        sprecher: konferenz.sprecher.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decision_numbers_sort_numerically() {
        assert!(decision_order("2023/7") < decision_order("2023/12"));
        assert!(decision_order("2022/99") < decision_order("2023/1"));
    }
}
