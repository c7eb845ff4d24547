//! Calendar files (iCalendar, RFC 5545) with the upcoming meetings, for import into Outlook,
//! Thunderbird or a phone.
//!
//! Pure: turns meetings of the model into the text of a `.ics` file; writing it is the write
//! stage's job. Every meeting with known days becomes an all-day event (`DTEND` is the day
//! after the last day, as the standard wants); open dates are left out (they are reported in
//! the documents). UIDs derive from the conference and the meeting's name, so a moved meeting
//! keeps its UID and a re-import updates the event instead of adding a second one; `DTSTAMP`
//! is the reference date, so the same inputs give the same bytes.

use std::collections::HashMap;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::model::{MeetingIdentity, Termin};

/// Content lines are folded after this many octets (RFC 5545, 3.1).
const MAX_LINE_OCTETS: usize = 75;

/// The text of a calendar named `name` holding `termine` (open dates are skipped).
pub fn calendar(name: &str, termine: &[&Termin], stand: NaiveDate) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//FITKO//briefing//DE");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    let mut names: HashMap<String, usize> = HashMap::new();
    for termin in termine {
        *names.entry(identity(termin)).or_default() += 1;
    }
    for termin in termine {
        let (Some(start), Some(end)) = (termin.beginn, termin.ende) else {
            continue;
        };
        let shared_name = names[&identity(termin)] > 1;
        let day_after = end.succ_opt().unwrap_or(end);
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", uid(termin, shared_name)));
        line(&format!("DTSTAMP:{}T000000Z", stand.format("%Y%m%d")));
        line(&format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")));
        line(&format!("DTEND;VALUE=DATE:{}", day_after.format("%Y%m%d")));
        let summary = match &termin.sitzung {
            Some(sitzung) => format!("{}: {sitzung}", termin.konferenz),
            None => format!("{}: Sitzung", termin.konferenz),
        };
        line(&format!("SUMMARY:{}", escape(&summary)));
        if let Some(place) = &termin.ort {
            line(&format!("LOCATION:{}", escape(place)));
        }
        let mut description = termin.konferenz_name.clone();
        if let Some(remark) = &termin.bemerkung {
            description.push('\n');
            description.push_str(remark);
        }
        line(&format!("DESCRIPTION:{}", escape(&description)));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// What a UID is derived from: the conference and the meeting's [`MeetingIdentity`] when it
/// has a name. Without a name only the first day stands in for it (not the whole span the
/// changes compare): a UID already imported into calendars must never change, so this key
/// keeps the exact text of the first releases, `some(2027-01-10)` or `none`.
fn identity(termin: &Termin) -> String {
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

/// A stable UID: from conference and meeting name. Where a conference lists several meetings
/// under one name (e.g. "Plenarsitzung"), the first day tells them apart.
fn uid(termin: &Termin, shared_name: bool) -> String {
    let mut key = identity(termin);
    if shared_name {
        key.push_str(&format!("\n{}", first_day(termin)));
    }
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}@briefing.it-planungsrat")
}

/// Escapes a TEXT value: backslash, `;`, `,` and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` with CRLF, folded so no physical line exceeds 75 octets; a fold never
/// splits a UTF-8 character.
fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn termin(name: &str, start: &str, end: &str) -> Termin {
        let day = |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        Termin {
            konferenz: "VMK".into(),
            konferenz_name: "Verkehrsministerkonferenz".into(),
            sitzung: Some(name.into()),
            beginn: Some(day(start)),
            ende: Some(day(end)),
            datum_offen: None,
            ort: Some("Bremerhaven, Hafen; Saal \\3".into()),
            bemerkung: Some("Zeile 1\nZeile 2".into()),
            sprecher: Vec::new(),
        }
    }

    #[test]
    fn events_are_all_day_with_exclusive_end_and_escaped_text() {
        let stand = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let t = termin("Frühjahrskonferenz 2027", "2027-04-22", "2027-04-23");
        let mut open = t.clone();
        open.beginn = None;
        open.ende = None;
        open.datum_offen = Some("Herbst 2027".into());
        let text = calendar("Termine", &[&t, &open], stand);
        assert!(
            text.contains("\r\nDTSTART;VALUE=DATE:20270422\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nDTEND;VALUE=DATE:20270424\r\n"), "{text}");
        assert!(text.contains("\r\nDTSTAMP:20261128T000000Z\r\n"));
        assert!(text.contains("LOCATION:Bremerhaven\\, Hafen\\; Saal \\\\3\r\n"));
        assert!(text.contains("DESCRIPTION:Verkehrsministerkonferenz\\nZeile 1\\nZeile 2\r\n"));
        assert_eq!(
            text.matches("BEGIN:VEVENT").count(),
            1,
            "open dates are left out"
        );
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
    }

    #[test]
    fn a_moved_meeting_keeps_its_uid_and_same_names_differ() {
        let before = termin("Frühjahrskonferenz 2027", "2027-04-15", "2027-04-16");
        let after = termin("Frühjahrskonferenz  2027", "2027-04-22", "2027-04-23");
        assert_eq!(uid(&before, false), uid(&after, false));
        let a = termin("Plenarsitzung", "2027-01-10", "2027-01-10");
        let b = termin("Plenarsitzung", "2027-03-10", "2027-03-10");
        let stand = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let text = calendar("x", &[&a, &b], stand);
        let uids: Vec<&str> = text.lines().filter(|l| l.starts_with("UID:")).collect();
        assert_eq!(uids.len(), 2);
        assert_ne!(uids[0], uids[1]);
    }

    /// UIDs already imported into calendars must not change: the key texts of the first
    /// releases (which wrote the first day as Rust's `Debug` of an `Option<NaiveDate>`).
    #[test]
    fn uids_keep_the_key_text_of_the_first_releases() {
        let legacy = |key: &str| {
            let digest = Sha256::digest(key.as_bytes());
            let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
            format!("{hex}@briefing.it-planungsrat")
        };
        let named = termin(" Plenar\nSitzung ", "2027-01-10", "2027-01-11");
        assert_eq!(uid(&named, false), legacy("VMK\nplenar sitzung"));
        assert_eq!(
            uid(&named, true),
            legacy("VMK\nplenar sitzung\nSome(2027-01-10)")
        );
        let mut unnamed = named.clone();
        unnamed.sitzung = None;
        assert_eq!(uid(&unnamed, false), legacy("VMK\nsome(2027-01-10)"));
        unnamed.beginn = None;
        assert_eq!(uid(&unnamed, true), legacy("VMK\nnone\nNone"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "ä".repeat(100));
        fold_into(&mut out, &long);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
    }
}
