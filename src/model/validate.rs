//! Checks of the roster and the decisions before anything is joined: unknown codes, duplicate
//! ids and numbers, names that two conferences claim, bad links and addresses.
//!
//! Every problem is collected (errors stop the build, warnings do not); nothing is changed or
//! built here.

use std::collections::{HashMap, HashSet};

use super::identity::name_key;
use crate::diagnostics::{Diagnostics, Location};
use crate::load::{Decisions, Relevance, Roster};
use crate::messages;

/// Checks the conferences and spokespersons of the roster.
pub(super) fn check_roster(roster: &Roster, diagnostics: &mut Diagnostics) {
    let mut codes: HashMap<&str, &Location> = HashMap::new();
    let mut names: HashMap<String, &str> = HashMap::new();
    for conference in &roster.conferences {
        if conference.code.is_empty() {
            diagnostics.error(conference.code_at.clone(), messages::model::EMPTY_CODE);
        }
        if conference.name.is_empty() {
            diagnostics.error(
                conference.code_at.clone(),
                messages::model::conference_without_name(&conference.code),
            );
        }
        if let Some(first) = codes.insert(&conference.code, &conference.code_at) {
            diagnostics.error(
                conference.code_at.clone(),
                messages::model::duplicate_code(&conference.code, first),
            );
        }
        let keys = [&conference.code, &conference.name]
            .into_iter()
            .chain(conference.aliases.iter());
        for key in keys {
            let key = name_key(key);
            match names.get(&key) {
                Some(other) if *other != conference.code => diagnostics.error(
                    conference.code_at.clone(),
                    messages::model::name_of_two_conferences(&key, other, &conference.code),
                ),
                _ => {
                    names.insert(key, &conference.code);
                }
            }
        }
    }
    for conference in &roster.conferences {
        let Some((target, at)) = &conference.delegated_to else {
            continue;
        };
        if target == &conference.code || !codes.contains_key(target.as_str()) {
            diagnostics.error(
                at.clone(),
                messages::model::delegated_to_unknown(
                    target,
                    &roster
                        .conferences
                        .iter()
                        .map(|c| c.code.as_str())
                        .filter(|code| *code != conference.code)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            );
        }
    }
    let mut ids: HashMap<&str, &Location> = HashMap::new();
    for person in &roster.spokespersons {
        if !is_valid_id(&person.id) {
            diagnostics.error(
                person.id_at.clone(),
                messages::model::invalid_id(&person.id),
            );
        }
        if let Some(first) = ids.insert(&person.id, &person.id_at) {
            diagnostics.error(
                person.id_at.clone(),
                messages::model::duplicate_id(&person.id, first),
            );
        }
        if person.name.is_empty() {
            diagnostics.error(
                person.id_at.clone(),
                messages::model::person_without_name(&person.id),
            );
        }
        if person.conferences.is_empty() {
            diagnostics.error(
                person.id_at.clone(),
                messages::model::person_without_conference(&person.id),
            );
        }
        for (code, at) in &person.conferences {
            if !codes.contains_key(code.as_str()) {
                diagnostics.error(
                    at.clone(),
                    messages::model::unknown_code(&person.id, code, &known_codes(&codes)),
                );
            }
        }
        check_salutation(person, diagnostics);
        match (&person.email, &person.email_at) {
            (Some(email), Some(at)) if !looks_like_email(email) => {
                diagnostics.error(at.clone(), messages::model::not_an_email(&person.id, email))
            }
            (None, _) => {
                diagnostics.warning(person.id_at.clone(), messages::model::no_email(&person.id))
            }
            _ => {}
        }
    }
}

/// `anrede` is `Herr`, `Frau` or empty: another spelling is an error with the fix, an empty
/// one a warning naming the neutral forms the documents then use; a title written in both
/// `titel` and `name` is a warning (the documents would print it twice).
fn check_salutation(person: &crate::load::SpokespersonEntry, diagnostics: &mut Diagnostics) {
    match person.salutation.as_deref() {
        Some("Herr" | "Frau") => {}
        Some(other) => {
            let lower = other.trim().trim_end_matches('.').to_lowercase();
            let fix = match lower.as_str() {
                "herr" | "hr" | "herrn" | "h" => Some("Herr"),
                "frau" | "fr" | "f" => Some("Frau"),
                _ => None,
            };
            diagnostics.error(
                person.salutation_at.clone(),
                messages::model::salutation(&person.id, other, fix),
            );
        }
        None => diagnostics.warning(
            person.salutation_at.clone(),
            messages::model::no_salutation(&person.id, &person.name),
        ),
    }
    if let Some(title) = &person.title {
        let words: Vec<&str> = person.name.split_whitespace().collect();
        for part in title.split_whitespace() {
            if words.contains(&part) {
                diagnostics.warning(
                    person.id_at.clone(),
                    messages::model::title_twice(&person.id, part),
                );
                break;
            }
        }
    }
}

/// Checks the decisions against the roster's conference codes.
pub(super) fn check_decisions(
    roster: &Roster,
    decisions: &Decisions,
    diagnostics: &mut Diagnostics,
) {
    let codes: HashSet<&str> = roster.conferences.iter().map(|c| c.code.as_str()).collect();
    let mut numbers: HashMap<&str, &Location> = HashMap::new();
    for decision in &decisions.entries {
        if !is_valid_decision_number(&decision.number) {
            diagnostics.error(
                decision.number_at.clone(),
                messages::model::invalid_decision_number(&decision.number),
            );
        }
        if let Some(first) = numbers.insert(&decision.number, &decision.number_at) {
            diagnostics.error(
                decision.number_at.clone(),
                messages::model::duplicate_decision(&decision.number, first),
            );
        }
        if decision.title.is_empty() {
            diagnostics.error(
                decision.number_at.clone(),
                messages::model::decision_without_title(&decision.number),
            );
        }
        if let Relevance::Codes(list) = &decision.relevance {
            if list.is_empty() {
                diagnostics.error(
                    decision.relevance_at.clone(),
                    messages::model::empty_relevance(&decision.number),
                );
            }
            for code in list {
                if !codes.contains(code.as_str()) {
                    diagnostics.error(
                        decision.relevance_at.clone(),
                        messages::model::unknown_relevance_code(&decision.number, code),
                    );
                }
            }
        }
        if let (Some(link), Some(at)) = (&decision.link, &decision.link_at)
            && !crate::links::is_allowed(link)
        {
            diagnostics.error(
                at.clone(),
                messages::model::link_not_allowed(&decision.number, link),
            );
        }
    }
}

/// Ids become part of file names, so only `a-z`, `0-9` and `-`, at most 64 of them.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// "YYYY/N": a four-digit year, a slash and a counter of at most four digits.
fn is_valid_decision_number(number: &str) -> bool {
    let Some((year, counter)) = number.split_once('/') else {
        return false;
    };
    year.len() == 4
        && !counter.is_empty()
        && counter.len() <= 4
        && year
            .bytes()
            .chain(counter.bytes())
            .all(|b| b.is_ascii_digit())
}

fn known_codes(codes: &HashMap<&str, &Location>) -> String {
    let mut list: Vec<&str> = codes.keys().copied().collect();
    list.sort_unstable();
    list.join(", ")
}

fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !text.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_file_name_parts() {
        assert!(is_valid_id("manke"));
        assert!(is_valid_id("dr-hagen-2"));
        for bad in ["", "Manke", "../x", "a b", "ä", "a/b", "a.b"] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn decision_numbers_have_a_four_digit_year() {
        assert!(is_valid_decision_number("2023/07"));
        assert!(!is_valid_decision_number("23/07"));
        assert!(!is_valid_decision_number("2023-07"));
    }
}
