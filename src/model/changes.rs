//! What changed in the MPK lists since the previous month: per conference, new, changed and
//! removed contact persons, and new, moved and cancelled meetings.
//!
//! Pure comparison of two lists already joined to the roster; it does not read anything and
//! does not format anything (the templates print the result). Contacts are matched by name
//! (case and spacing ignored); a contact without a name cannot be matched and is left out.
//! Meetings are matched by conference and meeting name (`sitzung`), or by their date when
//! they have no name. Where a conference lists several meetings under one name, equal dates
//! are paired first, then the rest in date order.

use std::collections::HashMap;

use super::identity::{MeetingDays, MeetingIdentity, name_key};
use super::types::{Aenderung, Aenderungen, Ansprechperson, Termin};
use crate::month::Month;

/// Compares one conference's lists. `previous_meetings` and `meetings` are the upcoming ones
/// (the same window applied to both).
pub fn compare(
    vormonat: Month,
    previous_contacts: &[Ansprechperson],
    contacts: &[Ansprechperson],
    previous_meetings: &[Termin],
    meetings: &[Termin],
) -> Aenderungen {
    let Compared {
        new: neue_ansprechpersonen,
        changed: geaenderte_ansprechpersonen,
        removed: entfallene_ansprechpersonen,
    } = compare_contacts(previous_contacts, contacts);
    let Compared {
        new: neue_termine,
        changed: verschobene_termine,
        removed: abgesagte_termine,
    } = compare_meetings(previous_meetings, meetings);
    let anzahl = neue_ansprechpersonen.len()
        + geaenderte_ansprechpersonen.len()
        + entfallene_ansprechpersonen.len()
        + neue_termine.len()
        + verschobene_termine.len()
        + abgesagte_termine.len();
    Aenderungen {
        vormonat,
        anzahl,
        neue_ansprechpersonen,
        geaenderte_ansprechpersonen,
        entfallene_ansprechpersonen,
        neue_termine,
        verschobene_termine,
        abgesagte_termine,
    }
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
                let same = old.funktion == person.funktion
                    && old.telefon == person.telefon
                    && same_addresses(&old.email, &person.email);
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

fn compare_meetings(before: &[Termin], now: &[Termin]) -> Compared<Termin> {
    let mut unmatched_before: Vec<Option<&Termin>> = before.iter().map(Some).collect();
    let mut matched_now: Vec<Option<usize>> = vec![None; now.len()];
    // First the meetings whose name and days are unchanged, then same name, other days.
    for exact in [true, false] {
        for (i, termin) in now.iter().enumerate() {
            if matched_now[i].is_some() {
                continue;
            }
            let identity = MeetingIdentity::of(termin);
            let days = MeetingDays::of(termin);
            let found = unmatched_before.iter().position(|old| {
                old.is_some_and(|old| {
                    MeetingIdentity::of(old) == identity && (!exact || MeetingDays::of(old) == days)
                })
            });
            if let Some(j) = found {
                unmatched_before[j] = None;
                matched_now[i] = Some(j);
            }
        }
    }
    let (mut new, mut moved) = (Vec::new(), Vec::new());
    for (termin, matched) in now.iter().zip(&matched_now) {
        match matched {
            None => new.push(termin.clone()),
            Some(j) if MeetingDays::of(&before[*j]) != MeetingDays::of(termin) => {
                moved.push(Aenderung {
                    vorher: before[*j].clone(),
                    jetzt: termin.clone(),
                })
            }
            Some(_) => {}
        }
    }
    let cancelled = unmatched_before.into_iter().flatten().cloned().collect();
    Compared {
        new,
        changed: moved,
        removed: cancelled,
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
        }
    }

    #[test]
    fn contacts_are_new_changed_or_removed_by_name() {
        let month: Month = "2026-10".parse().unwrap();
        let before = [person("Anna", "1"), person("Bernd", "2")];
        let now = [person("anna", "9"), person("Carla", "3")];
        let changes = compare(month, &before, &now, &[], &[]);
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
        assert_eq!(compare(month, &before, &before, &[], &[]).anzahl, 0);
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
        let changes = compare(month, &[], &[], &before, &now);
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
}
