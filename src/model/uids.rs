//! Which UID and `SEQUENCE` each meeting carries in this month's calendar files, and which
//! cancelled meetings they still carry.
//!
//! A calendar merges an imported file by UID, so a meeting must keep its UID for as long as
//! it is the same meeting: not only while its name is unique, but when others of its name
//! join or leave the window, when it moves, when its place or remark changes. Guessing again
//! each month cannot promise that, so the UIDs are taken over from what the calendar files of
//! the newest earlier month carried (the memory the output stage keeps beside the send log),
//! paired by the model's one "same meeting" rule ([`pair_meetings`]). Only where there is no
//! memory (the first month, or an output folder of an earlier release) are they derived as
//! the first releases derived them, so UIDs already imported stay what they were.
//!
//! Pure: the memory comes in as data and goes out as data; reading and writing it is the
//! output stage's job, writing the `.ics` text the calendar module's.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::identity::{MeetingIdentity, pair_meetings};
use super::types::{KalenderEintrag, Termin};

/// What this month's UIDs continue.
#[derive(Debug, Clone, Copy)]
pub enum Earlier<'a> {
    /// The calendar entries of the newest earlier month, as its build kept them.
    Memory(&'a [KalenderEintrag]),
    /// No memory, but the previous month's upcoming meetings: numbered as the first releases
    /// numbered them, so the UIDs they issued carry on.
    Lists(&'a [Termin]),
    /// Nothing earlier: this month's meetings are numbered as the first releases did.
    Nothing,
}

/// This month's calendar entries: `listed` are the upcoming meetings of the list (in the
/// order the files show them), `cancelled` the upcoming ones the list marks as cancelled.
/// Meetings without days are not calendar entries and are left out. Returns the entries the
/// calendar files carry, and the entries of `earlier` whose last day lies before `stand`:
/// those are no longer written, but kept in the memory so their UIDs are never given to
/// another meeting (a past event would move in the recipients' calendars).
pub fn assign(
    earlier: Earlier<'_>,
    listed: &[Termin],
    cancelled: &[Termin],
    stand: NaiveDate,
) -> (Vec<KalenderEintrag>, Vec<KalenderEintrag>) {
    let dated = |termin: &&Termin| termin.beginn.is_some() && termin.ende.is_some();
    let listed: Vec<&Termin> = listed.iter().filter(dated).collect();
    let cancelled: Vec<&Termin> = cancelled.iter().filter(dated).collect();
    let base: Vec<KalenderEintrag> = match earlier {
        Earlier::Memory(entries) => entries.to_vec(),
        Earlier::Lists(termine) => {
            let termine: Vec<&Termin> = termine.iter().filter(dated).collect();
            first_release_entries(&termine)
        }
        Earlier::Nothing => Vec::new(),
    };
    let (base, past): (Vec<KalenderEintrag>, Vec<KalenderEintrag>) = base
        .into_iter()
        .partition(|entry| entry.termin.ende.is_some_and(|end| end >= stand));
    let mut taken: HashSet<String> = base
        .iter()
        .chain(&past)
        .map(|entry| entry.uid.clone())
        .collect();
    // How often each name occurs among this month's meetings: a new meeting gets the UID the
    // first releases gave it (from name alone when the name is unique), unless it is taken.
    let mut names: HashMap<String, usize> = HashMap::new();
    for termin in &listed {
        *names.entry(identity_key(termin)).or_default() += 1;
    }

    // The list's meetings, listed or marked cancelled, against the meetings the calendars
    // hold; the cancelled ones of earlier months only match a meeting still marked cancelled.
    let (held, gone): (Vec<usize>, Vec<usize>) = (0..base.len()).partition(|&j| !base[j].abgesagt);
    let held_entries: Vec<&KalenderEintrag> = held.iter().map(|&j| &base[j]).collect();
    let all_now: Vec<&Termin> = listed.iter().chain(&cancelled).copied().collect();
    let paired = pair_meetings(&held_entries, &all_now, |entry| &entry.termin);
    let mut used = vec![false; base.len()];
    let mut entries = Vec::new();
    let mut cancelled_entries = Vec::new();
    let mut unpaired_cancelled = Vec::new();
    for (i, (termin, pair)) in all_now.iter().zip(&paired).enumerate() {
        let is_cancelled = i >= listed.len();
        let Some(k) = pair else {
            if is_cancelled {
                unpaired_cancelled.push(*termin);
            } else {
                let shared = names.get(&identity_key(termin)).is_some_and(|n| *n > 1);
                let first_release = first_release_uid(termin, shared);
                let uid = if taken.insert(first_release.clone()) {
                    first_release
                } else {
                    fresh_uid(termin, &mut taken)
                };
                entries.push(KalenderEintrag {
                    uid,
                    sequenz: 0,
                    abgesagt: false,
                    termin: (*termin).clone(),
                });
            }
            continue;
        };
        let j = held[*k];
        used[j] = true;
        let old = &base[j];
        let changed = shown_changed(&old.termin, termin) || old.abgesagt != is_cancelled;
        let entry = KalenderEintrag {
            uid: old.uid.clone(),
            sequenz: old.sequenz + u32::from(changed),
            abgesagt: is_cancelled,
            termin: (*termin).clone(),
        };
        if is_cancelled {
            cancelled_entries.push(entry);
        } else {
            entries.push(entry);
        }
    }
    // Meetings cancelled in an earlier month: carried while ahead, updated when the list
    // still shows them (struck through) with other details.
    let gone_entries: Vec<&KalenderEintrag> = gone.iter().map(|&j| &base[j]).collect();
    let still_marked = pair_meetings(&gone_entries, &unpaired_cancelled, |entry| &entry.termin);
    for (termin, pair) in unpaired_cancelled.iter().zip(&still_marked) {
        if let Some(k) = pair {
            let j = gone[*k];
            used[j] = true;
            let old = &base[j];
            cancelled_entries.push(KalenderEintrag {
                sequenz: old.sequenz + u32::from(shown_changed(&old.termin, termin)),
                termin: (*termin).clone(),
                ..old.clone()
            });
        }
    }
    for (j, old) in base.iter().enumerate() {
        if used[j] {
            continue;
        }
        // Gone from the list while still ahead: cancelled (once, then carried as it is).
        cancelled_entries.push(KalenderEintrag {
            sequenz: old.sequenz + u32::from(!old.abgesagt),
            abgesagt: true,
            ..old.clone()
        });
    }
    cancelled_entries.sort_by(|a, b| {
        let key =
            |e: &KalenderEintrag| (e.termin.beginn, e.termin.ende, e.termin.konferenz.clone());
        key(a).cmp(&key(b)).then_with(|| a.uid.cmp(&b.uid))
    });
    entries.extend(cancelled_entries);
    (entries, past)
}

/// A UID for a meeting no calendar holds yet: from conference, name and first day (the form
/// the first releases gave same-named meetings), counted on if that is taken already.
fn fresh_uid(termin: &Termin, taken: &mut HashSet<String>) -> String {
    let key = format!("{}\n{}", identity_key(termin), first_day(termin));
    let mut uid = uid_of(&key);
    let mut counter = 2;
    while taken.contains(&uid) {
        uid = uid_of(&format!("{key}\n{counter}"));
        counter += 1;
    }
    taken.insert(uid.clone());
    uid
}

/// The entries the first releases would have written for `termine`: the UID from conference
/// and name alone, with the first day added where the name occurs more than once.
fn first_release_entries(termine: &[&Termin]) -> Vec<KalenderEintrag> {
    let mut names: HashMap<String, usize> = HashMap::new();
    for termin in termine {
        *names.entry(identity_key(termin)).or_default() += 1;
    }
    termine
        .iter()
        .map(|termin| KalenderEintrag {
            uid: first_release_uid(termin, names[&identity_key(termin)] > 1),
            sequenz: 0,
            abgesagt: false,
            termin: (*termin).clone(),
        })
        .collect()
}

/// What the first releases derived a UID from: the conference and the meeting's
/// [`MeetingIdentity`] when it has a name. Without a name only the first day stands in for
/// it, in the exact text of the first releases (`some(2027-01-10)` or `none`).
fn identity_key(termin: &Termin) -> String {
    let name = match MeetingIdentity::of(termin) {
        MeetingIdentity::Named(name) => name,
        MeetingIdentity::Unnamed(_) => first_day(termin).to_lowercase(),
    };
    format!("{}\n{name}", termin.konferenz)
}

/// The first day as the first releases wrote it into UIDs (Rust's `Debug` of an
/// `Option<NaiveDate>`): `Some(2027-01-10)` or `None`.
fn first_day(termin: &Termin) -> String {
    match termin.beginn {
        Some(day) => format!("Some({day})"),
        None => "None".to_string(),
    }
}

/// The UID of the first releases: conference and name, with the first day where the name
/// occurs more than once in the window.
fn first_release_uid(termin: &Termin, shared_name: bool) -> String {
    let mut key = identity_key(termin);
    if shared_name {
        key.push_str(&format!("\n{}", first_day(termin)));
    }
    uid_of(&key)
}

fn uid_of(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}@briefing.it-planungsrat")
}

/// Whether a calendar shows the meeting differently: everything the event carries, not the
/// spokespersons the documents list beside it (the memory file does not keep them).
fn shown_changed(before: &Termin, now: &Termin) -> bool {
    let shown = |t: &Termin| {
        (
            t.konferenz.clone(),
            t.konferenz_name.clone(),
            t.sitzung.clone(),
            t.beginn,
            t.ende,
            t.datum_offen.clone(),
            t.ort.clone(),
            t.bemerkung.clone(),
        )
    };
    shown(before) != shown(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn termin(name: &str, start: &str) -> Termin {
        Termin {
            konferenz: "VMK".into(),
            konferenz_name: "Verkehrsministerkonferenz".into(),
            sitzung: Some(name.into()),
            beginn: Some(day(start)),
            ende: Some(day(start)),
            datum_offen: None,
            ort: Some("Bremen".into()),
            bemerkung: None,
            sprecher: Vec::new(),
        }
    }

    fn uid_of_meeting<'a>(entries: &'a [KalenderEintrag], name: &str, start: &str) -> &'a str {
        let found = entries.iter().find(|e| {
            e.termin.sitzung.as_deref() == Some(name) && e.termin.beginn == Some(day(start))
        });
        &found
            .unwrap_or_else(|| panic!("{name} {start}: {entries:?}"))
            .uid
    }

    /// UIDs already imported into calendars must not change: the key texts of the first
    /// releases (which wrote the first day as Rust's `Debug` of an `Option<NaiveDate>`).
    #[test]
    fn uids_keep_the_key_text_of_the_first_releases() {
        let mut named = termin(" Plenar\nSitzung ", "2027-01-10");
        named.ende = Some(day("2027-01-11"));
        assert_eq!(
            first_release_uid(&named, false),
            uid_of("VMK\nplenar sitzung")
        );
        assert_eq!(
            first_release_uid(&named, true),
            uid_of("VMK\nplenar sitzung\nSome(2027-01-10)")
        );
        let mut unnamed = named.clone();
        unnamed.sitzung = None;
        assert_eq!(
            first_release_uid(&unnamed, false),
            uid_of("VMK\nsome(2027-01-10)")
        );
        unnamed.beginn = None;
        assert_eq!(first_release_uid(&unnamed, true), uid_of("VMK\nnone\nNone"));
    }

    #[test]
    fn an_unchanged_meeting_keeps_its_uid_when_a_namesake_joins() {
        let stand = day("2026-11-28");
        let (november, _) = assign(
            Earlier::Nothing,
            &[termin("Amtschefkonferenz", "2026-12-10")],
            &[],
            stand,
        );
        assert_eq!(november[0].uid, uid_of("VMK\namtschefkonferenz"));
        let (december, _) = assign(
            Earlier::Memory(&november),
            &[
                termin("Amtschefkonferenz", "2026-12-10"),
                termin("Amtschefkonferenz", "2027-06-10"),
            ],
            &[],
            day("2026-12-01"),
        );
        assert_eq!(december[0].uid, november[0].uid);
        assert_eq!(december[0].sequenz, 0);
        assert_ne!(december[1].uid, november[0].uid);
        // January: December's meeting has passed; June keeps its UID, nothing inherits one.
        let (january, past) = assign(
            Earlier::Memory(&december),
            &[termin("Amtschefkonferenz", "2027-06-10")],
            &[],
            day("2027-01-05"),
        );
        assert_eq!(january.len(), 1, "{january:?}");
        assert_eq!(january[0].uid, december[1].uid);
        assert_eq!(past, [december[0].clone()], "kept, never given again");
        // July: a new meeting of the name alone in the window would get the first releases'
        // UID from the name alone, which December's past meeting still holds.
        let memory: Vec<KalenderEintrag> = january.iter().chain(&past).cloned().collect();
        let (july, _) = assign(
            Earlier::Memory(&memory),
            &[termin("Amtschefkonferenz", "2027-12-09")],
            &[],
            day("2027-07-01"),
        );
        assert_eq!(july.len(), 1);
        assert_ne!(july[0].uid, november[0].uid);
        assert_ne!(july[0].uid, december[1].uid);
    }

    #[test]
    fn moves_change_and_cancellations_raise_the_sequence() {
        let stand = day("2026-11-28");
        let (first, _) = assign(
            Earlier::Nothing,
            &[
                termin("Plenarsitzung", "2027-01-10"),
                termin("Plenarsitzung", "2027-03-11"),
                termin("Plenarsitzung", "2027-05-12"),
                termin("Herbst", "2027-09-01"),
            ],
            &[],
            stand,
        );
        let mut moved = termin("Plenarsitzung", "2027-03-18");
        moved.ort = Some("Kiel".into());
        let struck = termin("Plenarsitzung", "2027-05-12");
        let (second, _) = assign(
            Earlier::Memory(&first),
            &[termin("Plenarsitzung", "2027-01-10"), moved],
            &[struck],
            stand,
        );
        assert_eq!(
            uid_of_meeting(&second, "Plenarsitzung", "2027-03-18"),
            uid_of_meeting(&first, "Plenarsitzung", "2027-03-11")
        );
        let by_uid = |entries: &[KalenderEintrag], uid: &str| {
            entries.iter().find(|e| e.uid == uid).cloned().unwrap()
        };
        let march = by_uid(
            &second,
            uid_of_meeting(&first, "Plenarsitzung", "2027-03-11"),
        );
        assert_eq!((march.sequenz, march.abgesagt), (1, false));
        let january = by_uid(
            &second,
            uid_of_meeting(&first, "Plenarsitzung", "2027-01-10"),
        );
        assert_eq!((january.sequenz, january.abgesagt), (0, false));
        let may = by_uid(
            &second,
            uid_of_meeting(&first, "Plenarsitzung", "2027-05-12"),
        );
        assert_eq!((may.sequenz, may.abgesagt), (1, true), "struck through");
        let autumn = by_uid(&second, uid_of_meeting(&first, "Herbst", "2027-09-01"));
        assert_eq!((autumn.sequenz, autumn.abgesagt), (1, true), "dropped");
        assert_eq!(second.len(), 4);

        // A month later: the cancelled ones are carried unchanged until they have passed.
        let (third, _) = assign(
            Earlier::Memory(&second),
            &[termin("Plenarsitzung", "2027-03-18")],
            &[],
            day("2027-05-20"),
        );
        assert_eq!(third.len(), 2, "{third:?}");
        let autumn_again = by_uid(&third, &autumn.uid);
        assert_eq!((autumn_again.sequenz, autumn_again.abgesagt), (1, true));
        assert!(third.iter().all(|e| e.uid != may.uid), "May has passed");
    }

    #[test]
    fn a_new_meeting_never_takes_a_uid_in_use() {
        let stand = day("2026-11-28");
        let (first, _) = assign(
            Earlier::Nothing,
            &[
                termin("Plenarsitzung", "2027-01-10"),
                termin("Plenarsitzung", "2027-03-11"),
            ],
            &[],
            stand,
        );
        // March moves to the 18th; a month later a new meeting takes the 11th, whose UID
        // of the first releases' form the moved one still carries.
        let (second, _) = assign(
            Earlier::Memory(&first),
            &[
                termin("Plenarsitzung", "2027-01-10"),
                termin("Plenarsitzung", "2027-03-18"),
            ],
            &[],
            stand,
        );
        let (second, _) = assign(
            Earlier::Memory(&second),
            &[
                termin("Plenarsitzung", "2027-01-10"),
                termin("Plenarsitzung", "2027-03-11"),
                termin("Plenarsitzung", "2027-03-18"),
            ],
            &[],
            stand,
        );
        assert_eq!(
            uid_of_meeting(&second, "Plenarsitzung", "2027-03-18"),
            uid_of_meeting(&first, "Plenarsitzung", "2027-03-11")
        );
        let uids: HashSet<&str> = second.iter().map(|e| e.uid.as_str()).collect();
        assert_eq!(uids.len(), 3);
    }
}
