//! The editors' guide (`templates/README.md`) documents every variable the templates receive
//! and every filter. The data is the static check's sample (`render::shape::full_sample`,
//! every optional field filled), so a field added to the model fails this test until the
//! guide describes it.

use briefing::model::*;
use minijinja::value::{Value, ValueKind};

use crate::support::*;

/// Every leaf path in the data, as the guide writes them (`konferenzen[].name`).
fn paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
    match value.kind() {
        ValueKind::Map => {
            for key in value.try_iter().unwrap() {
                let name = key.as_str().unwrap().to_string();
                let child = value.get_item(&key).unwrap();
                let path = if prefix.is_empty() {
                    name
                } else {
                    format!("{prefix}.{name}")
                };
                out.push(path.clone());
                paths(&child, &path, out);
            }
        }
        ValueKind::Seq => {
            let first = value.get_item(&Value::from(0)).unwrap();
            if first.kind() == ValueKind::Map {
                paths(&first, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

/// A conference's meetings have the fields of `termine[]`, documented once; the contacts and
/// meetings in a conference's changes have the fields of contacts and meetings.
fn as_documented(path: &str) -> String {
    const SAME_AS: &[(&str, &str)] = &[
        ("konferenzen[].termine[].", "termine[]."),
        ("aenderungen.neue_termine[].", "termine[]."),
        ("aenderungen.abgesagte_termine[].", "termine[]."),
        ("aenderungen.verschobene_termine[].vorher.", "termine[]."),
        ("aenderungen.verschobene_termine[].jetzt.", "termine[]."),
        ("aenderungen.geaenderte_termine[].vorher.", "termine[]."),
        ("aenderungen.geaenderte_termine[].jetzt.", "termine[]."),
        (
            "aenderungen.neue_ansprechpersonen[].",
            "ansprechpersonen[].",
        ),
        (
            "aenderungen.entfallene_ansprechpersonen[].",
            "ansprechpersonen[].",
        ),
        (
            "aenderungen.geaenderte_ansprechpersonen[].vorher.",
            "ansprechpersonen[].",
        ),
        (
            "aenderungen.geaenderte_ansprechpersonen[].jetzt.",
            "ansprechpersonen[].",
        ),
    ];
    for (prefix, documented) in SAME_AS {
        if let Some(at) = path.find(prefix) {
            let field = &path[at + prefix.len()..];
            return if documented.starts_with("termine") {
                format!("{documented}{field}")
            } else {
                format!("konferenzen[].{documented}{field}")
            };
        }
    }
    path.to_string()
}

#[test]
fn the_guide_documents_every_variable_of_every_template() {
    let guide = std::fs::read_to_string(repo().join("templates/README.md")).unwrap();
    // The same sample `check` derives the templates' data shape from (one source of truth).
    let model = briefing::render::shape::full_sample();
    let briefing = model.briefing(&model.sprecher[0].id).unwrap();
    let mut all = Vec::new();
    paths(
        &Value::from(minijinja::value::Serde(&briefing)),
        "",
        &mut all,
    );
    paths(&Value::from(minijinja::value::Serde(&model)), "", &mut all);
    assert!(
        all.contains(&"konferenzen[].ansprechpersonen[].email".to_string()),
        "{all:?}"
    );
    let missing: Vec<String> = all
        .iter()
        .map(|path| as_documented(path))
        .filter(|path| !guide.contains(&format!("`{path}`")))
        .collect();
    assert!(missing.is_empty(), "templates/README.md lacks: {missing:?}");
}

#[test]
fn the_guide_documents_every_filter() {
    let guide = std::fs::read_to_string(repo().join("templates/README.md")).unwrap();
    for filter in briefing::render::filters::FILTER_NAMES {
        assert!(
            guide.contains(&format!("| `{filter}` |")),
            "templates/README.md lacks the filter {filter}"
        );
    }
}

/// The indexed lookup gives each briefing its conferences in roster-entry order and the
/// meetings of all of them in the model's order (by date, open dates last), also when the
/// conferences' meetings interleave; other conferences' meetings stay out.
#[test]
fn briefing_contexts_keep_the_model_order() {
    let mut model = briefing::render::shape::full_sample();
    let meeting = |code: &str, day: &str| Termin {
        konferenz: code.into(),
        beginn: Some(date(day)),
        ende: Some(date(day)),
        datum_offen: None,
        ..model.termine[0].clone()
    };
    let mut gmk = model.konferenzen[0].clone();
    gmk.kuerzel = "GMK".into();
    let mut other = gmk.clone();
    other.kuerzel = "UMK".into();
    model.konferenzen.extend([gmk, other]);
    model.termine = vec![
        meeting("GMK", "2026-12-01"),
        meeting("IMK", "2026-12-02"),
        meeting("UMK", "2026-12-03"),
        meeting("GMK", "2027-01-10"),
        meeting("IMK", "2027-02-01"),
        Termin {
            konferenz: "GMK".into(),
            beginn: None,
            ende: None,
            datum_offen: Some("Herbst 2027".into()),
            ..model.termine[0].clone()
        },
    ];
    model.sprecher[0].konferenzen = vec!["GMK".into(), "IMK".into()];
    let contexts = BriefingContexts::new(&model);
    let context = contexts.of(&model.sprecher[0]);
    let codes: Vec<&str> = context
        .konferenzen
        .iter()
        .map(|k| k.kuerzel.as_str())
        .collect();
    assert_eq!(codes, ["GMK", "IMK"]);
    let days: Vec<String> = context
        .termine
        .iter()
        .map(|t| format!("{} {:?}", t.konferenz, t.beginn))
        .collect();
    assert_eq!(days.len(), 5, "{days:?}");
    // The same as filtering the model's meetings, which is what a briefing promises.
    let filtered: Vec<&Termin> = model
        .termine
        .iter()
        .filter(|t| t.konferenz != "UMK")
        .collect();
    assert_eq!(context.termine.len(), filtered.len());
    for (got, want) in context.termine.iter().zip(&filtered) {
        assert!(std::ptr::eq(*got, *want), "{days:?}");
    }
    assert_eq!(
        context.termine[4].datum_offen.as_deref(),
        Some("Herbst 2027")
    );
}
