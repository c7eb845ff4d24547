//! Protocol forms of address: "Sehr geehrter Herr Minister", "Sehr geehrte Frau
//! Staatssekretärin". The office comes from the person's `funktion` in `sprecher.yaml`, the
//! grammatical form from their `anrede`. Recognised offices, as the first of them that
//! stands in the function as a word of its own: Minister/Ministerin (also Staatsminister,
//! Bundesminister), Staatssekretär/Staatssekretärin, Staatsrat/Staatsrätin,
//! Senator/Senatorin, Chef/Chefin der Staatskanzlei. "Ministerium" or "Finanzministerium"
//! are no office; "CDO des Landes Berlin und Staatssekretärin …" is a state secretary.
//!
//! What it is not: a register of every German office. A function it does not recognise,
//! a person without `anrede`, or the template variable `protokollarische_anrede` set to
//! false give the name form of [`super::people`] ("Sehr geehrter Herr Dr. Hagen").

use minijinja::value::Value;
use minijinja::{Error, State};

use super::people::Person;
use crate::messages::protocol::{
    self as messages, CHEF_DER_STAATSKANZLEI, CHEFIN_DER_STAATSKANZLEI,
};

/// An office as addressed in protocol, masculine and feminine.
struct Office {
    /// The words that name it in a function, any of them.
    words: &'static [&'static str],
    male: &'static str,
    female: &'static str,
}

/// In the order of precedence when a function names two ("Minister und Chef der
/// Staatskanzlei" is addressed as minister): the first found in the text wins, and on the
/// same position the earlier entry.
const OFFICES: &[Office] = &[
    Office {
        words: &[
            "Minister",
            "Ministerin",
            "Staatsminister",
            "Staatsministerin",
            "Bundesminister",
            "Bundesministerin",
        ],
        male: "Minister",
        female: "Ministerin",
    },
    Office {
        words: &["Staatssekretär", "Staatssekretärin"],
        male: "Staatssekretär",
        female: "Staatssekretärin",
    },
    Office {
        words: &["Staatsrat", "Staatsrätin"],
        male: "Staatsrat",
        female: "Staatsrätin",
    },
    Office {
        words: &["Senator", "Senatorin"],
        male: "Senator",
        female: "Senatorin",
    },
    Office {
        words: &[CHEF_DER_STAATSKANZLEI, CHEFIN_DER_STAATSKANZLEI],
        male: CHEF_DER_STAATSKANZLEI,
        female: CHEFIN_DER_STAATSKANZLEI,
    },
];

/// The office a function names first, if any.
fn office_of(function: &str) -> Option<&'static Office> {
    let words: Vec<&str> = function
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    (0..words.len()).find_map(|start| {
        OFFICES.iter().find(|office| {
            office.words.iter().any(|name| {
                let parts: Vec<&str> = name.split(' ').collect();
                words.get(start..start + parts.len()) == Some(parts.as_slice())
            })
        })
    })
}

/// The office as the person is addressed ("Minister", "Staatssekretärin"), when the
/// function names one and the salutation says which form.
pub(super) fn addressed_office(
    salutation: Option<&str>,
    function: Option<&str>,
) -> Option<&'static str> {
    let office = office_of(function?)?;
    match salutation {
        Some("Herr") => Some(office.male),
        Some("Frau") => Some(office.female),
        _ => None,
    }
}

/// "Sehr geehrter Herr Minister"; without a recognised office, the name form.
pub(super) fn protocol_salutation(state: &State, person: &Value) -> Result<String, Error> {
    let parts = Person::of(person)?;
    let enabled = state
        .lookup("protokollarische_anrede")
        .is_none_or(|v| v.is_undefined() || v.is_none() || v.is_true());
    let function = person
        .get_attr("funktion")
        .ok()
        .and_then(|v| v.as_str().map(str::to_string));
    let salutation = parts.salutation.as_deref();
    match addressed_office(salutation, function.as_deref()).filter(|_| enabled) {
        Some(office) if salutation == Some("Herr") => Ok(messages::salutation_male(office)),
        Some(office) => Ok(messages::salutation_female(office)),
        None => Ok(parts.salutation()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_office_named_as_a_word_counts() {
        let office =
            |function: &str, salutation: &str| addressed_office(Some(salutation), Some(function));
        assert_eq!(
            office("Minister und Chef der Staatskanzlei", "Herr"),
            Some("Minister")
        );
        assert_eq!(
            office(
                "CDO des Landes Berlin und Staatssekretärin für Digitalisierung",
                "Frau"
            ),
            Some("Staatssekretärin")
        );
        assert_eq!(
            office(
                "Staatsrat für Haushalt, Personal und IT beim Senator für Finanzen",
                "Herr"
            ),
            Some("Staatsrat")
        );
        assert_eq!(
            office("Staatsrätin der Senatskanzlei", "Frau"),
            Some("Staatsrätin")
        );
        assert_eq!(office("Senatorin für Finanzen", "Frau"), Some("Senatorin"));
        assert_eq!(
            office("Chefin der Staatskanzlei", "Frau"),
            Some("Chefin der Staatskanzlei")
        );
        assert_eq!(
            office("Staatsminister für Digitales", "Herr"),
            Some("Minister")
        );
        // A ministry is no office; an unknown office and a missing salutation give none.
        assert_eq!(office("Referent im Finanzministerium", "Herr"), None);
        assert_eq!(
            office("Abteilungsleiterin im Ministerium des Innern", "Frau"),
            None
        );
        assert_eq!(
            office("Chef der Senatskanzlei und des Personalamtes", "Herr"),
            None
        );
        assert_eq!(addressed_office(None, Some("Minister")), None);
        assert_eq!(addressed_office(Some("Herr"), None), None);
    }
}
