//! The shape of the data each template receives, derived from the model's types: a sample
//! of the model with every optional field filled and every list non-empty is serialized the
//! way rendering serializes the real data, and its field names are read back. So the shape
//! can never drift from the types; a field added to the model is known to `check` at once.
//!
//! This module knows nothing about templates; [`super::names`] walks them against it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::value::{Value, ValueKind};

use crate::model::{
    Aenderung, Aenderungen, Ansprechperson, Beschluss, BriefingContext, BriefingContexts,
    EmailContext, Hinweis, Konferenz, Korrektur, KorrekturKonferenz, Model, Sitzung, Sprecher,
    SprecherKurz, Termin, TerminAenderung, Uebertragung,
};

/// What a template can find under a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// Text, a number, a date, a flag: no fields.
    Scalar,
    /// Fields by name.
    Map(BTreeMap<String, Shape>),
    /// A list of items of one shape.
    Seq(Box<Shape>),
    /// Not known statically (a macro argument without call site, a filter's result).
    Any,
    /// A template imported with `{% import "x" as m %}` (by name).
    Module(String),
    /// A macro: the template defining it, and its name.
    Macro(String, String),
}

impl Shape {
    /// The shape of a serialized value.
    pub fn of(value: &Value) -> Shape {
        match value.kind() {
            ValueKind::Map => {
                let mut fields = BTreeMap::new();
                if let Ok(keys) = value.try_iter() {
                    for key in keys {
                        if let (Some(name), Ok(child)) = (key.as_str(), value.get_item(&key)) {
                            fields.insert(name.to_string(), Shape::of(&child));
                        }
                    }
                }
                Shape::Map(fields)
            }
            ValueKind::Seq => match value.get_item(&Value::from(0)) {
                Ok(first) if !first.is_undefined() => Shape::Seq(Box::new(Shape::of(&first))),
                _ => Shape::Seq(Box::new(Shape::Any)),
            },
            _ => Shape::Scalar,
        }
    }

    /// The more informative of two shapes one name can have (set in both branches of an if).
    pub fn merge(self, other: Shape) -> Shape {
        match (self, other) {
            (Shape::Any, other) | (other, Shape::Any) => other,
            (Shape::Seq(a), Shape::Seq(b)) => Shape::Seq(Box::new(a.merge(*b))),
            (Shape::Map(mut a), Shape::Map(b)) => {
                for (key, shape) in b {
                    let merged = match a.remove(&key) {
                        Some(existing) => existing.merge(shape),
                        None => shape,
                    };
                    a.insert(key, merged);
                }
                Shape::Map(a)
            }
            (_, other) => other,
        }
    }
}

/// The data shapes of the three kinds of documents.
pub struct Shapes {
    /// What `briefing.md.j2` and `email.txt.j2` receive.
    pub briefing: Shape,
    /// What `email.txt.j2` receives: the briefing's data and `korrektur`.
    pub email: Shape,
    /// What `uebersicht.md.j2` receives.
    pub overview: Shape,
}

impl Shapes {
    /// The shapes, from a fully populated sample of the model.
    pub fn from_model_types() -> Shapes {
        let model = full_sample();
        let contexts = BriefingContexts::new(&model);
        let briefing = contexts.of(&model.sprecher[0]);
        let email = email_sample(&model, &briefing);
        Shapes {
            email: Shape::of(&Value::from(minijinja::value::Serde(&email))),
            briefing: Shape::of(&Value::from(minijinja::value::Serde(&briefing))),
            overview: Shape::of(&Value::from(minijinja::value::Serde(&model))),
        }
    }
}

/// The e-mail's data with a correction whose changes are the sample's (every kind filled).
pub fn email_sample<'a>(model: &'a Model, briefing: &BriefingContext<'a>) -> EmailContext<'a> {
    let korrektur = Korrektur {
        gesendet_am: "28.11.2026, 11:00 Uhr (MEZ)".into(),
        stand_vorher: Some(day("2026-11-27")),
        anzahl: 1,
        konferenzen: model
            .konferenzen
            .iter()
            .filter_map(|k| {
                Some(KorrekturKonferenz {
                    kuerzel: k.kuerzel.clone(),
                    name: k.name.clone(),
                    genus: k.genus.clone(),
                    aenderungen: k.aenderungen.clone()?,
                })
            })
            .collect(),
    };
    EmailContext {
        briefing: briefing.clone(),
        korrektur: Some(korrektur),
    }
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

/// A model with every optional field filled and every list non-empty (values are made up;
/// only the field names matter).
pub fn full_sample() -> Model {
    let month = |text: &str| text.parse().expect("a valid month");
    let termin = Termin {
        konferenz: "IMK".into(),
        konferenz_name: "Innenministerkonferenz".into(),
        sitzung: Some("Herbstkonferenz".into()),
        beginn: Some(day("2026-12-02")),
        ende: Some(day("2026-12-04")),
        datum_offen: Some("Herbst 2027".into()),
        ort: Some("Hamburg".into()),
        bemerkung: Some("Bemerkung".into()),
        sprecher: vec![SprecherKurz {
            id: "id".into(),
            anrede: Some("Herr".into()),
            titel: Some("Dr.".into()),
            name: "Name".into(),
            funktion: Some("Funktion".into()),
            land: Some("Land".into()),
            email: Some("s@example.org".into()),
        }],
    };
    let person = Ansprechperson {
        name: Some("Name".into()),
        funktion: Some("Funktion".into()),
        telefon: vec!["030 1".into()],
        email: vec!["a@example.org".into()],
        bemerkung: Some("Bemerkung".into()),
    };
    let sprecher = Sprecher {
        id: "id".into(),
        anrede: Some("Herr".into()),
        titel: Some("Dr.".into()),
        name: "Name".into(),
        funktion: Some("Funktion".into()),
        land: Some("Land".into()),
        email: Some("s@example.org".into()),
        konferenzen: vec!["IMK".into()],
    };
    let konferenz = Konferenz {
        kuerzel: "IMK".into(),
        name: "Innenministerkonferenz".into(),
        themen: vec!["Thema".into()],
        vorsitz: Some("Land".into()),
        geschaeftsstelle: Some("Stelle".into()),
        ansprechpersonen: vec![person.clone()],
        termine: vec![termin.clone()],
        genus: Some("f".into()),
        uebertragen_an: Some(Uebertragung {
            kuerzel: "EJR".into(),
            name: "E-Justice-Rat".into(),
            genus: Some("m".into()),
        }),
        sprecher: vec![SprecherKurz::from(&sprecher)],
        vakant: false,
        aenderungen: Some(Aenderungen {
            vormonat: month("2026-10"),
            anzahl: 9,
            vorsitz: Some(Aenderung {
                vorher: Some("Land".into()),
                jetzt: Some("Land".into()),
            }),
            geschaeftsstelle: Some(Aenderung {
                vorher: Some("Stelle".into()),
                jetzt: Some("Stelle".into()),
            }),
            neue_ansprechpersonen: vec![person.clone()],
            geaenderte_ansprechpersonen: vec![Aenderung {
                vorher: person.clone(),
                jetzt: person.clone(),
            }],
            entfallene_ansprechpersonen: vec![person],
            neue_termine: vec![termin.clone()],
            verschobene_termine: vec![TerminAenderung {
                vorher: termin.clone(),
                jetzt: termin.clone(),
                ort_geaendert: true,
                bemerkung_geaendert: true,
            }],
            geaenderte_termine: vec![TerminAenderung {
                vorher: termin.clone(),
                jetzt: termin.clone(),
                ort_geaendert: true,
                bemerkung_geaendert: true,
            }],
            abgesagte_termine: vec![termin.clone()],
        }),
    };
    let sitzung = Sitzung {
        datum: day("2027-03-18"),
        nummer: "52. Sitzung".into(),
    };
    Model {
        stand: day("2026-11-28"),
        monat: month("2026-11"),
        termin_horizont_monate: 12,
        beschluss_zeitraum_monate: 12,
        konferenzen: vec![konferenz],
        sprecher: vec![sprecher],
        termine: vec![termin],
        beschluesse: vec![Beschluss {
            nummer: "2023/07".into(),
            titel: "Titel".into(),
            datum: day("2023-03-29"),
            sitzung: Some("Sitzung".into()),
            kurz: Some("Kurz".into()),
            punkte: vec!["Punkt".into()],
            alle: false,
            konferenzen: vec!["IMK".into()],
            link: Some("https://example.org".into()),
            einreichend: Some("Land".into()),
        }],
        hinweise: vec![Hinweis {
            art: crate::model::HinweisArt::OffenerTermin,
            text: "Text".into(),
            fundstelle: Some("Fundstelle".into()),
        }],
        vormonat: Some(month("2026-10")),
        kalender: Vec::new(),
        kalender_vorbei: Vec::new(),
        sitzungen: vec![sitzung.clone()],
        naechste_sitzung: Some(sitzung),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_briefing_shape_has_every_optional_field() {
        let shapes = Shapes::from_model_types();
        let Shape::Map(fields) = &shapes.briefing else {
            panic!("a map");
        };
        assert!(fields.contains_key("vormonat"));
        let Some(Shape::Seq(konferenz)) = fields.get("konferenzen") else {
            panic!("a list");
        };
        let Shape::Map(konferenz) = konferenz.as_ref() else {
            panic!("a map");
        };
        assert!(konferenz.contains_key("aenderungen"));
        assert!(konferenz.contains_key("vorsitz"));
    }
}
