//! What changed in the MPK lists since the previous month: per conference, the chair and the
//! office, new, changed and removed contact persons, and new, moved, changed and cancelled
//! meetings. Every field the documents show is compared: a contact's name as written, role,
//! phones, e-mail addresses and remark; a meeting's days, open date text, place and remark.
//!
//! Pure comparison of two lists already joined to the roster; it does not read anything and
//! does not format anything (the templates print the result). Contacts are matched by name
//! (case and spacing ignored); a contact without a name cannot be matched and is left out.
//! Meetings are paired by the model's one rule ([`pair_meetings`]): conference and meeting
//! name (`sitzung`), or their date when they have no name; where a conference lists several
//! meetings under one name, equal dates first, then the rest in date order. The calendar's
//! UIDs follow the same rule, so the e-mail's "verschoben" is the calendar's moved event.
//! A meeting is cancelled when it is gone from the list while still ahead, or when this
//! month's list marks it cancelled (struck through, or "abgesagt" in its remark).

use std::collections::HashMap;

use super::identity::{MeetingDays, name_key, pair_meetings};
use super::types::{Aenderung, Aenderungen, Ansprechperson, Termin, TerminAenderung};
use crate::month::Month;

/// One conference's entries in one month's lists.
#[derive(Debug, Clone, Copy)]
pub struct Lists<'a> {
    /// The chairing state.
    pub chair: Option<&'a str>,
    /// The office.
    pub office: Option<&'a str>,
    /// The contact persons.
    pub contacts: &'a [Ansprechperson],
    /// The upcoming meetings (the same window applied to both months).
    pub meetings: &'a [Termin],
    /// Upcoming meetings the list marks as cancelled (struck through, or cancelled in the
    /// remark); not compared for the previous month, where they were reported already.
    pub cancelled: &'a [Termin],
}

/// Compares one conference's lists of the previous month with this month's.
pub fn compare(vormonat: Month, before: Lists<'_>, now: Lists<'_>) -> Aenderungen {
    let Compared {
        new: neue_ansprechpersonen,
        changed: geaenderte_ansprechpersonen,
        removed: entfallene_ansprechpersonen,
    } = compare_contacts(before.contacts, now.contacts);
    let Meetings {
        new: neue_termine,
        moved: verschobene_termine,
        changed: geaenderte_termine,
        removed: abgesagte_termine,
    } = compare_meetings(before.meetings, now.meetings, now.cancelled);
    let vorsitz = changed_value(before.chair, now.chair);
    let geschaeftsstelle = changed_value(before.office, now.office);
    let anzahl = usize::from(vorsitz.is_some())
        + usize::from(geschaeftsstelle.is_some())
        + neue_ansprechpersonen.len()
        + geaenderte_ansprechpersonen.len()
        + entfallene_ansprechpersonen.len()
        + neue_termine.len()
        + verschobene_termine.len()
        + geaenderte_termine.len()
        + abgesagte_termine.len();
    Aenderungen {
        vormonat,
        anzahl,
        vorsitz,
        geschaeftsstelle,
        neue_ansprechpersonen,
        geaenderte_ansprechpersonen,
        entfallene_ansprechpersonen,
        neue_termine,
        verschobene_termine,
        geaenderte_termine,
        abgesagte_termine,
    }
}

/// A single value before and now, if it differs.
fn changed_value(before: Option<&str>, now: Option<&str>) -> Option<Aenderung<Option<String>>> {
    (before != now).then(|| Aenderung {
        vorher: before.map(str::to_string),
        jetzt: now.map(str::to_string),
    })
}

/// One list compared with its previous version.
struct Compared<T> {
    /// Only in the current list.
    new: Vec<T>,
    /// In both, with a difference that matters.
    changed: Vec<Aenderung<T>>,
    /// Only in the previous list.
    removed: Vec<T>,
}

fn compare_contacts(before: &[Ansprechperson], now: &[Ansprechperson]) -> Compared<Ansprechperson> {
    let key = |p: &Ansprechperson| p.name.as_deref().map(name_key);
    let before_by_name: HashMap<String, &Ansprechperson> =
        before.iter().filter_map(|p| Some((key(p)?, p))).collect();
    let now_names: Vec<String> = now.iter().filter_map(key).collect();
    let (mut new, mut changed) = (Vec::new(), Vec::new());
    for person in now {
        let Some(name) = key(person) else { continue };
        match before_by_name.get(&name) {
            None => new.push(person.clone()),
            Some(old) => {
                let same = old.name == person.name
                    && old.funktion == person.funktion
                    && old.telefon == person.telefon
                    && same_addresses(&old.email, &person.email)
                    && old.bemerkung == person.bemerkung;
                if !same {
                    changed.push(Aenderung {
                        vorher: (*old).clone(),
                        jetzt: person.clone(),
                    });
                }
            }
        }
    }
    let removed = before
        .iter()
        .filter(|p| key(p).is_some_and(|name| !now_names.contains(&name)))
        .cloned()
        .collect();
    Compared {
        new,
        changed,
        removed,
    }
}

/// E-mail addresses compare without regard to case.
fn same_addresses(a: &[String], b: &[String]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.to_lowercase() == y.to_lowercase())
}

/// The meetings compared with their previous version.
struct Meetings {
    /// Only in the current list.
    new: Vec<Termin>,
    /// In both, on other days.
    moved: Vec<TerminAenderung>,
    /// In both, on the same days, with another name as written, place, remark or open date.
    changed: Vec<TerminAenderung>,
    /// Only in the previous list (while still ahead), or marked cancelled in this one.
    removed: Vec<Termin>,
}

/// What is shown of a meeting besides its days.
fn details(
    termin: &Termin,
) -> (
    &Option<String>,
    &Option<String>,
    &Option<String>,
    &Option<String>,
) {
    (
        &termin.sitzung,
        &termin.datum_offen,
        &termin.ort,
        &termin.bemerkung,
    )
}

fn compare_meetings(before: &[Termin], now: &[Termin], cancelled: &[Termin]) -> Meetings {
    let all_now: Vec<&Termin> = now.iter().chain(cancelled).collect();
    let paired = pair_meetings(before, &all_now, |termin| termin);
    let mut taken = vec![false; before.len()];
    let (mut new, mut moved, mut changed, mut removed) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, (termin, pair)) in all_now.iter().zip(&paired).enumerate() {
        let is_cancelled = i >= now.len();
        match (pair, is_cancelled) {
            (None, false) => new.push((*termin).clone()),
            // Cancelled before it was ever listed: nothing a reader had to unlearn.
            (None, true) => {}
            (Some(j), true) => {
                taken[*j] = true;
                removed.push((*termin).clone());
            }
            (Some(j), false) => {
                taken[*j] = true;
                let old = &before[*j];
                let change = TerminAenderung::new(old, termin);
                if MeetingDays::of(old) != MeetingDays::of(termin) {
                    moved.push(change);
                } else if details(old) != details(termin) {
                    changed.push(change);
                }
            }
        }
    }
    removed.extend(
        before
            .iter()
            .zip(&taken)
            .filter(|(_, taken)| !**taken)
            .map(|(termin, _)| termin.clone()),
    );
    removed.sort_by(|a, b| (a.beginn, &a.sitzung).cmp(&(b.beginn, &b.sitzung)));
    Meetings {
        new,
        moved,
        changed,
        removed,
    }
}

impl TerminAenderung {
    /// `old` as it was and `now` as it is, with what of it changed besides the days.
    fn new(old: &Termin, now: &Termin) -> TerminAenderung {
        TerminAenderung {
            ort_geaendert: old.ort != now.ort,
            bemerkung_geaendert: old.bemerkung != now.bemerkung,
            vorher: old.clone(),
            jetzt: now.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn person(name: &str, phone: &str) -> Ansprechperson {
        Ansprechperson {
            name: Some(name.into()),
            funktion: Some("Referent".into()),
            telefon: vec![phone.into()],
            email: vec![format!("{}@example.org", name.to_lowercase())],
            bemerkung: None,
        }
    }

    fn lists<'a>(contacts: &'a [Ansprechperson], meetings: &'a [Termin]) -> Lists<'a> {
        Lists {
            chair: None,
            office: None,
            contacts,
            meetings,
            cancelled: &[],
        }
    }

    fn termin(name: Option<&str>, day: &str) -> Termin {
        let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        Termin {
            konferenz: "VMK".into(),
            konferenz_name: "Verkehrsministerkonferenz".into(),
            sitzung: name.map(str::to_string),
            beginn: Some(day),
            ende: Some(day),
            datum_offen: None,
            ort: None,
            bemerkung: None,
            sprecher: Vec::new(),
        }
    }

    #[test]
    fn contacts_are_new_changed_or_removed_by_name() {
        let month: Month = "2026-10".parse().unwrap();
        let before = [person("Anna", "1"), person("Bernd", "2")];
        let now = [person("anna", "9"), person("Carla", "3")];
        let changes = compare(month, lists(&before, &[]), lists(&now, &[]));
        assert_eq!(
            changes.neue_ansprechpersonen[0].name.as_deref(),
            Some("Carla")
        );
        assert_eq!(changes.geaenderte_ansprechpersonen[0].vorher.telefon, ["1"]);
        assert_eq!(changes.geaenderte_ansprechpersonen[0].jetzt.telefon, ["9"]);
        assert_eq!(
            changes.entfallene_ansprechpersonen[0].name.as_deref(),
            Some("Bernd")
        );
        assert_eq!(changes.anzahl, 3);
        assert_eq!(
            compare(month, lists(&before, &[]), lists(&before, &[])).anzahl,
            0
        );
    }

    #[test]
    fn meetings_are_new_moved_or_cancelled() {
        let month: Month = "2026-10".parse().unwrap();
        let before = [
            termin(Some("Plenum"), "2027-01-10"),
            termin(Some("Plenum"), "2027-03-10"),
            termin(Some("Frühjahr"), "2027-04-15"),
            termin(None, "2027-05-01"),
        ];
        let now = [
            termin(Some("Plenum"), "2027-03-10"),
            termin(Some("Plenum"), "2027-01-10"),
            termin(Some("frühjahr"), "2027-04-22"),
            termin(Some("Sondersitzung"), "2027-02-01"),
        ];
        let changes = compare(month, lists(&[], &before), lists(&[], &now));
        assert_eq!(changes.verschobene_termine.len(), 1, "{changes:?}");
        let moved = &changes.verschobene_termine[0];
        assert_eq!(moved.vorher.beginn.unwrap().to_string(), "2027-04-15");
        assert_eq!(moved.jetzt.beginn.unwrap().to_string(), "2027-04-22");
        assert_eq!(
            changes.neue_termine[0].sitzung.as_deref(),
            Some("Sondersitzung")
        );
        assert_eq!(changes.abgesagte_termine.len(), 1);
        assert_eq!(changes.abgesagte_termine[0].sitzung, None);
        assert_eq!(changes.anzahl, 3);
    }

    #[test]
    fn every_shown_field_counts_as_a_change() {
        let month: Month = "2026-12".parse().unwrap();
        let person_before = [person("Anna", "1")];
        let meeting_before = [termin(Some("Plenum"), "2027-01-10")];
        let before = Lists {
            chair: Some("Bayern"),
            office: Some("Bundesrat"),
            ..lists(&person_before, &meeting_before)
        };
        assert_eq!(compare(month, before, before).anzahl, 0);

        let chair = compare(
            month,
            before,
            Lists {
                chair: Some("Berlin"),
                ..before
            },
        );
        let change = chair.vorsitz.as_ref().unwrap();
        assert_eq!(change.vorher.as_deref(), Some("Bayern"));
        assert_eq!(change.jetzt.as_deref(), Some("Berlin"));
        assert_eq!(chair.anzahl, 1);
        let no_chair = compare(
            month,
            before,
            Lists {
                chair: None,
                ..before
            },
        );
        assert_eq!(no_chair.vorsitz.unwrap().jetzt, None);

        let office = compare(
            month,
            before,
            Lists {
                office: Some("Bonn"),
                ..before
            },
        );
        assert_eq!(
            office.geschaeftsstelle.unwrap().jetzt.as_deref(),
            Some("Bonn")
        );

        let edits: [fn(&mut Ansprechperson); 5] = [
            |p| p.name = Some("ANNA".into()),
            |p| p.funktion = None,
            |p| p.telefon.push("2".into()),
            |p| p.email = vec!["anna.neu@example.org".into()],
            |p| p.bemerkung = Some("in Elternzeit".into()),
        ];
        for edit in edits {
            let mut now = person_before.clone();
            edit(&mut now[0]);
            let changes = compare(
                month,
                before,
                Lists {
                    contacts: &now,
                    ..before
                },
            );
            assert_eq!(changes.geaenderte_ansprechpersonen.len(), 1, "{now:?}");
            assert_eq!(changes.anzahl, 1);
        }

        let edits: [fn(&mut Termin); 4] = [
            |t| t.sitzung = Some("PLENUM".into()),
            |t| t.ort = Some("Kiel".into()),
            |t| t.bemerkung = Some("verlegt ins Rathaus".into()),
            |t| t.ende = Some(NaiveDate::from_ymd_opt(2027, 1, 11).unwrap()),
        ];
        for (index, edit) in edits.into_iter().enumerate() {
            let mut now = meeting_before.clone();
            edit(&mut now[0]);
            let changes = compare(
                month,
                before,
                Lists {
                    meetings: &now,
                    ..before
                },
            );
            assert_eq!(changes.anzahl, 1, "{now:?}");
            if index < 3 {
                assert_eq!(changes.geaenderte_termine.len(), 1);
            } else {
                assert_eq!(changes.verschobene_termine.len(), 1);
            }
        }
    }
}
