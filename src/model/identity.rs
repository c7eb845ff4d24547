//! When two entries written in different lists or months mean the same thing.
//!
//! Names (of conferences, contact persons, meetings) are the same when they are equal up to
//! case and spacing. A meeting of a conference is the same meeting when its name is the same,
//! or, when it has no name, its days are. Where a conference lists several meetings under one
//! name, [`pair_meetings`] pairs those on equal days first, then the rest in date order: the
//! one rule the changes section and the calendar UIDs share. Only rules: nothing here looks
//! anything up.

use chrono::NaiveDate;

use super::types::Termin;
use crate::text::fold_whitespace;

/// The form of a name that two spellings of the same name share: case, surrounding and
/// repeated spaces (also line breaks) do not matter.
pub(super) fn name_key(text: &str) -> String {
    fold_whitespace(text).to_lowercase()
}

/// What identifies a meeting within its conference, across lists and months.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MeetingIdentity {
    /// Its name, case and spacing folded.
    Named(String),
    /// A meeting without a name is known by its days.
    Unnamed(MeetingDays),
}

impl MeetingIdentity {
    /// The identity of `termin` within its conference.
    pub fn of(termin: &Termin) -> Self {
        match &termin.sitzung {
            Some(name) => MeetingIdentity::Named(name_key(name)),
            None => MeetingIdentity::Unnamed(MeetingDays::of(termin)),
        }
    }
}

/// When a meeting takes place, in the form two lists are compared in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MeetingDays {
    /// First and last day.
    Span(NaiveDate, NaiveDate),
    /// The text written instead of a date, case and spacing folded.
    Open(String),
    /// Neither days nor a text.
    Unknown,
}

impl MeetingDays {
    /// The days of `termin`.
    pub fn of(termin: &Termin) -> Self {
        match (termin.beginn, termin.ende, &termin.datum_offen) {
            (Some(start), Some(end), _) => MeetingDays::Span(start, end),
            (_, _, Some(text)) => MeetingDays::Open(name_key(text)),
            _ => MeetingDays::Unknown,
        }
    }
}

/// Pairs each meeting of `now` with the entry of `before` that is the same meeting, if any:
/// the same conference and [`MeetingIdentity`], equal days first, then the remaining ones of
/// each name in date order (so a meeting moved among same-named ones stays itself, and the
/// others keep their partners). `meeting_of` gives the meeting an entry of `before` stands
/// for. Returns, for each index of `now`, the index into `before` it was paired with.
pub fn pair_meetings<B>(
    before: &[B],
    now: &[&Termin],
    meeting_of: impl Fn(&B) -> &Termin,
) -> Vec<Option<usize>> {
    let key = |termin: &Termin| {
        (
            termin.konferenz.clone(),
            MeetingIdentity::of(termin),
            MeetingDays::of(termin),
        )
    };
    let order = |termin: &Termin| (termin.beginn, termin.ende);
    let before_keys: Vec<_> = before.iter().map(|b| key(meeting_of(b))).collect();
    let mut before_order: Vec<usize> = (0..before.len()).collect();
    before_order.sort_by_key(|&j| order(meeting_of(&before[j])));
    let mut now_order: Vec<usize> = (0..now.len()).collect();
    now_order.sort_by_key(|&i| order(now[i]));
    let mut taken = vec![false; before.len()];
    let mut paired: Vec<Option<usize>> = vec![None; now.len()];
    for exact in [true, false] {
        for &i in &now_order {
            if paired[i].is_some() {
                continue;
            }
            let (conference, identity, days) = key(now[i]);
            let found = before_order.iter().copied().find(|&j| {
                let (old_conference, old_identity, old_days) = &before_keys[j];
                !taken[j]
                    && *old_conference == conference
                    && *old_identity == identity
                    && (!exact || *old_days == days)
            });
            if let Some(j) = found {
                taken[j] = true;
                paired[i] = Some(j);
            }
        }
    }
    paired
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plenum(day: u32, month: u32) -> Termin {
        let day = NaiveDate::from_ymd_opt(2027, month, day).unwrap();
        Termin {
            konferenz: "BMK".into(),
            konferenz_name: "Beta".into(),
            sitzung: Some("Plenarsitzung".into()),
            beginn: Some(day),
            ende: Some(day),
            datum_offen: None,
            ort: None,
            bemerkung: None,
            sprecher: Vec::new(),
        }
    }

    #[test]
    fn a_move_among_three_same_named_meetings_keeps_the_others_paired() {
        let before = [plenum(12, 5), plenum(10, 1), plenum(11, 3)];
        let now = [plenum(10, 1), plenum(18, 3), plenum(12, 5)];
        let now: Vec<&Termin> = now.iter().collect();
        assert_eq!(
            pair_meetings(&before, &now, |t| t),
            [Some(1), Some(2), Some(0)]
        );
        // One more of the name joins: the others keep their partners, the new one has none.
        let joined = [plenum(10, 1), plenum(11, 3), plenum(12, 5), plenum(9, 2)];
        let joined: Vec<&Termin> = joined.iter().collect();
        assert_eq!(
            pair_meetings(&before, &joined, |t| t),
            [Some(1), Some(2), Some(0), None]
        );
        let mut other = plenum(10, 1);
        other.konferenz = "AMK".into();
        assert_eq!(pair_meetings(&before, &[&other], |t| t), [None]);
    }

    #[test]
    fn names_match_ignoring_case_and_spaces() {
        assert_eq!(
            name_key("  Ständige  Konferenz\nder INNENMINISTER "),
            "ständige konferenz der innenminister"
        );
    }
}
