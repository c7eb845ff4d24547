//! Calendar files (iCalendar, RFC 5545) with the upcoming meetings, for import into Outlook,
//! Thunderbird or a phone.
//!
//! Pure: turns the model's calendar entries into the text of a `.ics` file; writing it is the
//! write stage's job. Every meeting with known days becomes an all-day event (`DTEND` is the
//! day after the last day, as the standard wants); open dates are left out (they are reported
//! in the documents). The model decides each event's UID and `SEQUENCE` (`model::uids`): a
//! meeting keeps its UID for as long as it is the same meeting, and a re-import updates the
//! event instead of adding a second one. A cancelled meeting stays in the file with
//! `STATUS:CANCELLED`, its summary starting with "Abgesagt:" (Outlook keeps such an event and
//! only shows it as free time, see the README), until its days have passed. `DTSTAMP` is the
//! reference date, so the same inputs give the same bytes and a later Stand a later stamp.

use chrono::NaiveDate;

use crate::model::KalenderEintrag;

/// Content lines are folded after this many octets (RFC 5545, 3.1).
const MAX_LINE_OCTETS: usize = 75;

/// The product identifier: the same in every release, so clients see one producer.
const PRODID: &str = "-//FITKO//briefing//DE";

/// The start of a cancelled meeting's summary, for clients that do not show the status.
const CANCELLED_PREFIX: &str = "Abgesagt: ";

/// The text of a calendar named `name` holding `entries` (those without days are skipped).
pub fn calendar(name: &str, entries: &[&KalenderEintrag], stand: NaiveDate) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{PRODID}"));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    for entry in entries {
        let termin = &entry.termin;
        let (Some(start), Some(end)) = (termin.beginn, termin.ende) else {
            continue;
        };
        let day_after = end.succ_opt().unwrap_or(end);
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", entry.uid));
        line(&format!("SEQUENCE:{}", entry.sequenz));
        line(&format!("DTSTAMP:{}T000000Z", stand.format("%Y%m%d")));
        line(&format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")));
        line(&format!("DTEND;VALUE=DATE:{}", day_after.format("%Y%m%d")));
        let mut summary = match &termin.sitzung {
            Some(sitzung) => format!("{}: {sitzung}", termin.konferenz),
            None => format!("{}: Sitzung", termin.konferenz),
        };
        if entry.abgesagt {
            summary.insert_str(0, CANCELLED_PREFIX);
        }
        line(&format!("SUMMARY:{}", escape(&summary)));
        if let Some(place) = &termin.ort {
            line(&format!("LOCATION:{}", escape(place)));
        }
        let mut description = termin.konferenz_name.clone();
        if let Some(remark) = &termin.bemerkung {
            description.push('\n');
            description.push_str(remark);
        }
        if entry.abgesagt {
            description.insert_str(0, "Dieser Termin ist abgesagt.\n");
        }
        line(&format!("DESCRIPTION:{}", escape(&description)));
        // Explicit either way, so a meeting that returns after a cancellation is shown again.
        line(if entry.abgesagt {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
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
    use crate::model::Termin;

    fn entry(name: &str, start: &str, end: &str) -> KalenderEintrag {
        let day = |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        KalenderEintrag {
            uid: format!("{name}@test"),
            sequenz: 0,
            abgesagt: false,
            termin: Termin {
                konferenz: "VMK".into(),
                konferenz_name: "Verkehrsministerkonferenz".into(),
                sitzung: Some(name.into()),
                beginn: Some(day(start)),
                ende: Some(day(end)),
                datum_offen: None,
                ort: Some("Bremerhaven, Hafen; Saal \\3".into()),
                bemerkung: Some("Zeile 1\nZeile 2".into()),
                sprecher: Vec::new(),
            },
        }
    }

    #[test]
    fn events_are_all_day_with_exclusive_end_and_escaped_text() {
        let stand = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let t = entry("Frühjahrskonferenz 2027", "2027-04-22", "2027-04-23");
        let mut open = t.clone();
        open.termin.beginn = None;
        open.termin.ende = None;
        open.termin.datum_offen = Some("Herbst 2027".into());
        let text = calendar("Termine", &[&t, &open], stand);
        assert!(
            text.contains("\r\nDTSTART;VALUE=DATE:20270422\r\n"),
            "{text}"
        );
        assert!(text.contains("\r\nDTEND;VALUE=DATE:20270424\r\n"), "{text}");
        assert!(text.contains("\r\nDTSTAMP:20261128T000000Z\r\n"));
        assert!(text.contains("\r\nSEQUENCE:0\r\n"));
        assert!(text.contains("\r\nSTATUS:CONFIRMED\r\n"));
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
    fn a_cancelled_meeting_keeps_its_uid_and_says_so() {
        let stand = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut cancelled = entry("Plenarsitzung", "2027-03-11", "2027-03-11");
        cancelled.abgesagt = true;
        cancelled.sequenz = 2;
        let text = calendar("Termine", &[&cancelled], stand);
        for expected in [
            "\r\nUID:Plenarsitzung@test\r\n",
            "\r\nSEQUENCE:2\r\n",
            "\r\nSTATUS:CANCELLED\r\n",
            "\r\nSUMMARY:Abgesagt: VMK: Plenarsitzung\r\n",
            "\r\nDESCRIPTION:Dieser Termin ist abgesagt.\\nVerkehrsministerkonferenz",
            "\r\nPRODID:-//FITKO//briefing//DE\r\n",
        ] {
            assert!(text.contains(expected), "{expected}: {text}");
        }
        assert!(!text.contains("CONFIRMED"));
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
