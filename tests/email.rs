//! The shipped `email.txt.j2` for every combination of change kinds the model knows (chair,
//! office, contacts new/changed/removed, meetings new/moved/changed/cancelled), for one and
//! for two conferences, as the month's changes and as a correction: every kind is named,
//! no heading stands without an entry under it, the count of entries is the model's, and the
//! text agrees in number with the person's conferences.

use briefing::model::*;
use briefing::render::Renderer;

use crate::support::*;

const KINDS: usize = 9;

/// The line each kind starts with, in the order of the bits.
const MARKERS: [&str; KINDS] = [
    "- Vorsitz: ",
    "- Geschäftsstelle: ",
    "- neue Ansprechperson: ",
    "- geänderte Kontaktdaten von ",
    "- nicht mehr Ansprechperson: ",
    "- neuer Termin: ",
    "- verschoben: ",
    "- geändert: ",
    "- entfällt: ",
];

fn person(name: &str, phone: &str) -> Ansprechperson {
    let mut person =
        briefing::render::shape::full_sample().konferenzen[0].ansprechpersonen[0].clone();
    person.name = Some(name.into());
    person.funktion = Some("Referentin".into());
    person.telefon = vec![phone.into()];
    person.email = vec!["kontakt@example.org".into()];
    person.bemerkung = None;
    person
}

fn meeting(name: &str, day: &str, place: &str) -> Termin {
    let mut termin = briefing::render::shape::full_sample().termine[0].clone();
    termin.sitzung = Some(name.into());
    termin.beginn = Some(date(day));
    termin.ende = Some(date(day));
    termin.datum_offen = None;
    termin.ort = Some(place.into());
    termin.bemerkung = None;
    termin
}

/// The changes with the kinds whose bits are set in `mask`.
fn changes(mask: usize) -> Aenderungen {
    let on = |bit: usize| mask & (1 << bit) != 0;
    let mut a = briefing::render::shape::full_sample().konferenzen[0]
        .aenderungen
        .clone()
        .unwrap();
    a.vorsitz = on(0).then(|| Aenderung {
        vorher: Some("Hessen".into()),
        jetzt: Some("Bayern".into()),
    });
    a.geschaeftsstelle = on(1).then(|| Aenderung {
        vorher: None,
        jetzt: Some("Bundesrat, Berlin".into()),
    });
    a.neue_ansprechpersonen = if on(2) {
        vec![person("Nina Neu", "030 1")]
    } else {
        vec![]
    };
    a.geaenderte_ansprechpersonen = if on(3) {
        vec![Aenderung {
            vorher: person("Oliver Kranz", "0611 1000"),
            jetzt: person("Oliver Kranz", "0611 1234"),
        }]
    } else {
        vec![]
    };
    a.entfallene_ansprechpersonen = if on(4) {
        vec![person("Frank Alt", "030 9")]
    } else {
        vec![]
    };
    a.neue_termine = if on(5) {
        vec![meeting("Sonderkonferenz", "2027-01-14", "Berlin")]
    } else {
        vec![]
    };
    a.verschobene_termine = if on(6) {
        vec![TerminAenderung {
            vorher: meeting("Frühjahrskonferenz", "2027-04-15", "Bonn"),
            jetzt: meeting("Frühjahrskonferenz", "2027-04-22", "Berlin"),
            ort_geaendert: true,
            bemerkung_geaendert: false,
        }]
    } else {
        vec![]
    };
    a.geaenderte_termine = if on(7) {
        let mut jetzt = meeting("Herbstkonferenz", "2026-12-03", "Bremen");
        jetzt.bemerkung = Some("mit Kaminabend".into());
        vec![TerminAenderung {
            vorher: meeting("Herbstkonferenz", "2026-12-03", "Hamburg"),
            jetzt,
            ort_geaendert: true,
            bemerkung_geaendert: true,
        }]
    } else {
        vec![]
    };
    a.abgesagte_termine = if on(8) {
        vec![meeting("Arbeitstreffen", "2026-12-10", "Kiel")]
    } else {
        vec![]
    };
    a.anzahl = (0..KINDS).filter(|bit| on(*bit)).count();
    a
}

/// A model whose person has `conferences` conferences (1 or 2), the first with `mask`'s
/// changes, the second with none.
fn model(mask: usize, conferences: usize) -> Model {
    let mut model = briefing::render::shape::full_sample();
    let mut first = model.konferenzen[0].clone();
    first.aenderungen = Some(changes(mask));
    let mut second = first.clone();
    second.kuerzel = "JuMiKo".into();
    second.name = "Justizministerkonferenz".into();
    second.aenderungen = Some(changes(0));
    model.konferenzen = vec![first, second];
    model.konferenzen.truncate(conferences);
    model.sprecher[0].konferenzen = model
        .konferenzen
        .iter()
        .map(|k| k.kuerzel.clone())
        .collect();
    model
}

fn renderer() -> Renderer {
    let templates = briefing::load::templates::read(&repo().join("templates"));
    Renderer::new(&templates)
}

/// Subject and body for `mask` as the month's changes, or (`correction`) as a correction.
fn render(
    renderer: &Renderer,
    mask: usize,
    conferences: usize,
    correction: bool,
) -> (String, String) {
    let model = model(mask, conferences);
    let contexts = BriefingContexts::new(&model);
    let briefing = contexts.of(&model.sprecher[0]);
    let korrektur = correction.then(|| Korrektur {
        gesendet_am: "28.11.2026, 11:00 Uhr (MEZ)".into(),
        stand_vorher: None,
        anzahl: model.konferenzen[0].aenderungen.as_ref().unwrap().anzahl,
        konferenzen: model
            .konferenzen
            .iter()
            .filter(|k| k.aenderungen.as_ref().unwrap().anzahl > 0)
            .map(|k| KorrekturKonferenz {
                kuerzel: k.kuerzel.clone(),
                name: k.name.clone(),
                genus: k.genus.clone(),
                aenderungen: k.aenderungen.clone().unwrap(),
            })
            .collect(),
    });
    let email = renderer
        .email(&EmailContext {
            briefing,
            korrektur,
        })
        .unwrap_or_else(|problems| panic!("{problems}"));
    (email.subject, email.body)
}

/// Every line ending in ":" is a heading: the conference heading has an entry right
/// under it; the section heading has a conference heading after its blank line.
fn assert_no_empty_heading(body: &str, case: &str) {
    let lines: Vec<&str> = body.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        if !line.ends_with(':') || line.starts_with("- ") {
            continue;
        }
        let next = lines.get(index + 1).copied().unwrap_or_default();
        if line.starts_with("Neu gegenüber") {
            let after = lines.get(index + 2).copied().unwrap_or_default();
            assert!(
                next.is_empty() && after.ends_with(':'),
                "{case}: {line}\n{body}"
            );
        } else {
            assert!(
                next.starts_with("- "),
                "{case}: heading {line:?} without entry\n{body}"
            );
        }
    }
}

#[test]
fn every_change_kind_is_named_and_no_heading_is_empty() {
    let renderer = renderer();
    let mut cases = 0;
    for conferences in [1, 2] {
        for correction in [false, true] {
            for mask in 0..(1 << KINDS) {
                let case =
                    format!("mask {mask:09b}, {conferences} Konferenz(en), Korrektur {correction}");
                let (subject, body) = render(&renderer, mask, conferences, correction);
                cases += 1;
                assert_no_empty_heading(&body, &case);
                for (bit, marker) in MARKERS.iter().enumerate() {
                    let wanted = mask & (1 << bit) != 0;
                    assert_eq!(body.contains(marker), wanted, "{case}: {marker}\n{body}");
                }
                let entries = body.lines().filter(|line| line.starts_with("- ")).count();
                assert_eq!(entries, mask.count_ones() as usize, "{case}\n{body}");
                assert_eq!(
                    subject.starts_with("Korrektur: "),
                    correction,
                    "{case}: {subject}"
                );
                if correction {
                    assert!(
                        body.contains("diese Nachricht ersetzt das Briefing, das Sie am 28.11.2026, 11:00 Uhr (MEZ) erhalten haben;"),
                        "{case}\n{body}"
                    );
                } else if mask == 0 {
                    assert!(!body.contains("Neu gegenüber"), "{case}\n{body}");
                }
                let (one, several) = (
                    "Die Termine Ihrer Konferenz ",
                    "Die Termine Ihrer Konferenzen ",
                );
                assert_eq!(body.contains(one), conferences == 1, "{case}\n{body}");
                assert_eq!(body.contains(several), conferences == 2, "{case}\n{body}");
            }
        }
    }
    assert_eq!(cases, 2 * 2 * 512);
    // Two bodies with every kind, for the eye (`cargo test email -- --nocapture`).
    for correction in [false, true] {
        let (subject, body) = render(&renderer, (1 << KINDS) - 1, 2, correction);
        println!("Betreff: {subject}\n\n{body}\n----");
    }
}

#[test]
fn a_changed_contact_names_each_changed_field() {
    let (_, body) = render(&renderer(), 1 << 3, 1, true);
    assert!(
        body.contains(
            "- geänderte Kontaktdaten von Oliver Kranz – Telefon: 0611 1234 (bisher 0611 1000)\n"
        ),
        "{body}"
    );
    let (_, body) = render(&renderer(), 1 << 7, 1, false);
    assert!(
        body.contains(
            "- geändert: Herbstkonferenz am 3. Dezember 2026 – Ort: Bremen (bisher Hamburg) – \
             Bemerkung: mit Kaminabend (bisher keine Angabe)\n"
        ),
        "{body}"
    );
    // A move that also changes the place names the old place (the calendar's TerminAenderung).
    let (_, body) = render(&renderer(), 1 << 6, 1, false);
    assert!(
        body.contains(
            "- verschoben: Frühjahrskonferenz auf 22. April 2027 (bisher 15. April 2027) – \
             Ort: Berlin (bisher Bonn)\n"
        ),
        "{body}"
    );
}
