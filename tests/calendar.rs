//! Calendar files: one per spokesperson and one for all, written by `build`; parsed here
//! (unfolded, split into events) and checked against the meetings of the example.

use std::collections::BTreeMap;

use crate::support::*;

/// The events of an .ics file as property maps (name without parameters -> (params, value)).
fn events(text: &str) -> Vec<BTreeMap<String, (String, String)>> {
    assert!(text.ends_with("\r\n"), "CRLF line ends");
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "only CRLF line ends"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line}");
    }
    let unfolded = text.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0"));
    let mut out = Vec::new();
    let mut current: Option<BTreeMap<String, (String, String)>> = None;
    for line in lines {
        match line {
            "BEGIN:VEVENT" => current = Some(BTreeMap::new()),
            "END:VEVENT" => out.push(current.take().expect("END without BEGIN")),
            _ => {
                if let Some(event) = current.as_mut() {
                    let (name, value) = line.split_once(':').unwrap();
                    let (name, params) = name.split_once(';').unwrap_or((name, ""));
                    event.insert(name.to_string(), (params.to_string(), value.to_string()));
                }
            }
        }
    }
    out
}

fn summaries_of(events: &[BTreeMap<String, (String, String)>]) -> Vec<&str> {
    events.iter().map(|e| value(e, "SUMMARY")).collect()
}

fn value<'a>(event: &'a BTreeMap<String, (String, String)>, name: &str) -> &'a str {
    &event[name].1
}

#[test]
fn build_writes_a_calendar_per_spokesperson_and_one_for_all() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));

    let sauer = events(&std::fs::read_to_string(project.out("2026-11/termine-sauer.ics")).unwrap());
    // VMK: the autumn 2026 meeting is over; spring (moved) and autumn 2027 remain.
    assert_eq!(sauer.len(), 2, "{sauer:?}");
    let spring = &sauer[0];
    assert_eq!(value(spring, "SUMMARY"), "VMK: Frühjahrskonferenz 2027");
    assert_eq!(spring["DTSTART"], ("VALUE=DATE".into(), "20270422".into()));
    assert_eq!(spring["DTEND"], ("VALUE=DATE".into(), "20270424".into()));
    assert_eq!(value(spring, "LOCATION"), "Bremerhaven");
    assert_eq!(value(spring, "DTSTAMP"), "20261128T000000Z");

    let manke = events(&std::fs::read_to_string(project.out("2026-11/termine-manke.ics")).unwrap());
    let summaries: Vec<&str> = manke.iter().map(|e| value(e, "SUMMARY")).collect();
    assert!(
        summaries.contains(&"IMK: Herbstkonferenz 2026"),
        "{summaries:?}"
    );
    assert!(
        summaries.contains(&"GMK: Amtschefkonferenz"),
        "{summaries:?}"
    );
    assert!(
        summaries
            .iter()
            .all(|s| s.starts_with("IMK") || s.starts_with("GMK"))
    );
    let one_day = manke
        .iter()
        .find(|e| value(e, "SUMMARY") == "GMK: Amtschefkonferenz")
        .unwrap();
    assert_eq!(value(one_day, "DTSTART"), "20261210");
    assert_eq!(value(one_day, "DTEND"), "20261211", "DTEND is exclusive");

    let all =
        events(&std::fs::read_to_string(project.out("2026-11/termine-uebersicht.ics")).unwrap());
    let uids: std::collections::BTreeSet<&str> = all.iter().map(|e| value(e, "UID")).collect();
    assert_eq!(uids.len(), all.len(), "UIDs are unique");
    let overview = docx_text(&project.out("2026-11/uebersicht.docx"));
    assert!(all.len() > 20, "{}", all.len());
    assert!(overview.contains("Sonderkonferenz Hochwasservorsorge"));
    assert!(summaries_of(&all).contains(&"UMK: Sonderkonferenz Hochwasservorsorge"));
}

#[test]
fn a_moved_meeting_keeps_its_uid_across_months() {
    let project = Project::shipped_example();
    for (month, stand) in [("2026-10", "2026-10-28"), ("2026-11", "2026-11-28")] {
        let output = project.run(&["build", "--month", month, "--stand", stand]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let spring = |month: &str| {
        let text =
            std::fs::read_to_string(project.out(&format!("{month}/termine-sauer.ics"))).unwrap();
        events(&text)
            .into_iter()
            .find(|e| value(e, "SUMMARY") == "VMK: Frühjahrskonferenz 2027")
            .unwrap()
    };
    let (october, november) = (spring("2026-10"), spring("2026-11"));
    assert_eq!(value(&october, "DTSTART"), "20270415");
    assert_eq!(value(&november, "DTSTART"), "20270422");
    assert_eq!(value(&october, "UID"), value(&november, "UID"));
}

/// Every meeting of the example's October calendar that is still ahead in November keeps
/// its UID (and its summary) in November's file: built month after month, and also when
/// November is built without October's build (the UIDs then follow October's list).
#[test]
fn the_example_keeps_every_uid_from_october_to_november() {
    for build_october in [true, false] {
        let project = Project::shipped_example();
        let october = project.run(&["build", "--month", "2026-10", "--stand", "2026-10-28"]);
        assert!(october.status.success(), "{}", stderr(&october));
        let october = events(
            &std::fs::read_to_string(project.out("2026-10/termine-uebersicht.ics")).unwrap(),
        );
        if !build_october {
            std::fs::remove_file(project.out("kalender-2026-10.tsv")).unwrap();
        }
        let output = project.run(&["build", "--month", "2026-11", "--stand", "2026-11-28"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let november = events(
            &std::fs::read_to_string(project.out("2026-11/termine-uebersicht.ics")).unwrap(),
        );
        let by_uid: BTreeMap<&str, &BTreeMap<String, (String, String)>> =
            november.iter().map(|e| (value(e, "UID"), e)).collect();
        let mut kept = 0;
        for event in &october {
            if value(event, "DTEND") <= "20261128" {
                continue; // over before November's Stand
            }
            let uid = value(event, "UID");
            let again = by_uid
                .get(uid)
                .unwrap_or_else(|| panic!("{} lost its UID {uid}", value(event, "SUMMARY")));
            assert_eq!(
                value(again, "SUMMARY").trim_start_matches("Abgesagt: "),
                value(event, "SUMMARY")
            );
            if build_october {
                println!(
                    "{} {} -> {}: {uid}",
                    value(event, "SUMMARY"),
                    value(event, "DTSTART"),
                    value(again, "DTSTART")
                );
            }
            kept += 1;
        }
        assert!(kept > 20, "{kept}");
    }
}

/// An attachment named with umlauts carries its name also as Content-Type's plain `name=`
/// (an RFC 2047 encoded word), which older Outlook versions read instead of RFC 2231's
/// `filename*=`; the calendar attachment keeps `method=PUBLISH`.
#[test]
fn attachments_with_umlauts_have_a_plain_name_fallback() {
    let project = Project::shipped_example();
    let output = project.run(&["build", "--stand", "2026-11-28"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let output = project.run(&["send", "--dry-run", "--only", "schloemer"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let eml = std::fs::read_to_string(project.out("2026-11/mail/schloemer.eml")).unwrap();
    let unfolded = eml.replace("\r\n ", " ").replace("\r\n\t", " ");
    let types: Vec<&str> = unfolded
        .lines()
        .filter(|line| line.starts_with("Content-Type:") && line.contains("name="))
        .collect();
    assert_eq!(types.len(), 2, "{types:?}");
    let ics = types.iter().find(|l| l.contains("text/calendar")).unwrap();
    assert!(ics.contains("method=PUBLISH"), "{ics}");
    // "Termine Bernd Schlömer …" as UTF-8, base64: the encoded word starts with the name.
    let encoded = ics
        .split("name=\"=?utf-8?B?")
        .nth(1)
        .and_then(|rest| rest.split("?=").next())
        .unwrap_or_else(|| panic!("no encoded name in {ics}"));
    let decoded = decode_base64(encoded);
    assert!(decoded.starts_with("Termine Bernd Schlömer"), "{decoded}");
    assert!(decoded.ends_with(".ics"), "{decoded}");
    assert!(unfolded.contains("filename*"), "the RFC 2231 name stays");
}

fn decode_base64(text: &str) -> String {
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for c in text.chars().filter(|c| *c != '=') {
        bits = bits << 6 | alphabet.find(c).unwrap() as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    String::from_utf8(out).unwrap()
}
