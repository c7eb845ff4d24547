//! Unit tests of the filters, alone and in a template.

use chrono::NaiveDate;
use minijinja::Environment;
use minijinja::value::Value;

use super::dates::*;
use super::grammar::*;
use super::people::*;
use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn meeting_ranges_in_german() {
    let cases = [
        ((2025, 6, 12), (2025, 6, 12), "12. Juni 2025", "12.06.2025"),
        (
            (2025, 6, 12),
            (2025, 6, 13),
            "12./13. Juni 2025",
            "12./13.06.2025",
        ),
        (
            (2025, 6, 10),
            (2025, 6, 13),
            "10.–13. Juni 2025",
            "10.–13.06.2025",
        ),
        (
            (2025, 6, 30),
            (2025, 7, 1),
            "30. Juni – 1. Juli 2025",
            "30.06.–01.07.2025",
        ),
        (
            (2026, 12, 30),
            (2027, 1, 2),
            "30. Dezember 2026 – 2. Januar 2027",
            "30.12.2026–02.01.2027",
        ),
    ];
    for ((ys, ms, ds), (ye, me, de), long, short) in cases {
        let (start, end) = (date(ys, ms, ds), date(ye, me, de));
        assert_eq!(format_days(start, end, DateStyle::Long), long);
        assert_eq!(format_days(start, end, DateStyle::Short), short);
    }
}

#[test]
fn salutations() {
    let person = |anrede: Option<&str>, titel: Option<&str>, name: &str| Person {
        salutation: anrede.map(str::to_string),
        title: titel.map(str::to_string),
        name: name.to_string(),
    };
    let hagen = person(Some("Herr"), Some("Dr."), "Martin Hagen");
    assert_eq!(hagen.salutation(), "Sehr geehrter Herr Dr. Hagen");
    assert_eq!(hagen.accusative(), "Herrn Dr. Martin Hagen");
    assert_eq!(hagen.with_title(), "Dr. Martin Hagen");
    let ulbrich = person(Some("Frau"), None, "Ina-Maria Ulbrich");
    assert_eq!(ulbrich.salutation(), "Sehr geehrte Frau Ulbrich");
    assert_eq!(ulbrich.accusative(), "Frau Ina-Maria Ulbrich");
    let kim = person(None, None, "Kim Muster");
    assert_eq!(kim.salutation(), "Guten Tag Kim Muster");
    assert_eq!(kim.accusative(), "Kim Muster");
}

#[test]
fn lists_are_joined_with_und() {
    let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(join_with_und(&list(&[])), "");
    assert_eq!(join_with_und(&list(&["IMK"])), "IMK");
    assert_eq!(join_with_und(&list(&["IMK", "GMK"])), "IMK und GMK");
    assert_eq!(join_with_und(&list(&["A", "B", "C"])), "A, B und C");
}

fn conference(name: &str, genus: Option<&str>) -> Value {
    let mut map = std::collections::BTreeMap::new();
    map.insert("name", Value::from(name));
    if let Some(genus) = genus {
        map.insert("genus", Value::from(genus));
    }
    Value::from(map)
}

fn with_article(name: &str, genus: Option<&str>, case: Case) -> String {
    Noun::of(&conference(name, genus))
        .unwrap()
        .with_article(case)
}

#[test]
fn the_gender_of_a_body_comes_from_its_head_noun() {
    let cases = [
        ("E-Justice-Rat", Some(Genus::Masculine)),
        ("IT-Planungsrat", Some(Genus::Masculine)),
        ("Innenministerkonferenz", Some(Genus::Feminine)),
        (
            "Jugend- und Familienministerkonferenz",
            Some(Genus::Feminine),
        ),
        (
            "Ministerkonferenz für Arbeit und Soziales",
            Some(Genus::Feminine),
        ),
        (
            "Ständige Konferenz der Innenminister",
            Some(Genus::Feminine),
        ),
        ("E-Justice-Rat von Bund und Ländern", Some(Genus::Masculine)),
        ("Haushaltsausschuss", Some(Genus::Masculine)),
        ("Steuerungsgremium", Some(Genus::Neuter)),
        ("Deutscher Landkreistag", Some(Genus::Masculine)),
        ("Kommission für Jugendmedienschutz", Some(Genus::Feminine)),
        ("ARGEBAU", None),
        ("", None),
    ];
    for (name, genus) in cases {
        assert_eq!(genus_from_name(name), genus, "{name}");
    }
}

#[test]
fn articles_in_four_cases() {
    let all = [
        Case::Nominative,
        Case::Genitive,
        Case::Dative,
        Case::Accusative,
    ];
    let articles = |genus| all.map(|case| definite_article(genus, case));
    assert_eq!(articles(Genus::Masculine), ["der", "des", "dem", "den"]);
    assert_eq!(articles(Genus::Feminine), ["die", "der", "der", "die"]);
    assert_eq!(articles(Genus::Neuter), ["das", "des", "dem", "das"]);
}

#[test]
fn names_with_articles_decline_the_head_noun() {
    assert_eq!(
        with_article("E-Justice-Rat", None, Case::Dative),
        "dem E-Justice-Rat"
    );
    assert_eq!(
        with_article("E-Justice-Rat", None, Case::Accusative),
        "den E-Justice-Rat"
    );
    assert_eq!(
        with_article("E-Justice-Rat", None, Case::Genitive),
        "des E-Justice-Rates"
    );
    assert_eq!(
        with_article("E-Justice-Rat von Bund und Ländern", None, Case::Genitive),
        "des E-Justice-Rates von Bund und Ländern"
    );
    assert_eq!(
        with_article("Innenministerkonferenz", None, Case::Genitive),
        "der Innenministerkonferenz"
    );
    assert_eq!(
        with_article("Haushaltsausschuss", None, Case::Genitive),
        "des Haushaltsausschusses"
    );
    assert_eq!(
        with_article("Steuerungsgremium", None, Case::Genitive),
        "des Steuerungsgremiums"
    );
    assert_eq!(
        with_article("Netzwerk Süd", Some("n"), Case::Nominative),
        "das Netzwerk Süd"
    );
    assert_eq!(
        with_article("ARGEBAU", Some("f"), Case::Dative),
        "der ARGEBAU"
    );
    // An explicit gender wins over the name; an unknown one falls back to the name.
    assert_eq!(
        with_article("Lenkungskreis", Some("f"), Case::Nominative),
        "die Lenkungskreis"
    );
    assert_eq!(
        with_article("Lenkungskreis", Some("x"), Case::Nominative),
        "der Lenkungskreis"
    );
    // Nothing to tell from: feminine, as most conferences are.
    assert_eq!(
        with_article("ARGEBAU", None, Case::Nominative),
        "die ARGEBAU"
    );
    assert!(Noun::of(&Value::from(3)).is_err());
    assert!(Noun::of(&conference("  ", None)).is_err());
}

#[test]
fn role_nouns_follow_salutation_count_and_style() {
    use Group::*;
    use Sex::*;
    let p = Style::PairForm;
    assert_eq!(role(One(Male), p), "fachpolitischer Sprecher");
    assert_eq!(role(One(Female), p), "fachpolitische Sprecherin");
    assert_eq!(
        role(One(Unknown), p),
        "fachpolitische Sprecherin oder fachpolitischer Sprecher"
    );
    assert_eq!(
        role(One(Unknown), Style::Colon),
        "fachpolitische:r Sprecher:in"
    );
    assert_eq!(role(Many(Male), p), "fachpolitische Sprecher");
    assert_eq!(role(Many(Female), p), "fachpolitische Sprecherinnen");
    assert_eq!(
        role(Many(Unknown), p),
        "fachpolitische Sprecherinnen und Sprecher"
    );
    assert_eq!(
        role(Many(Unknown), Style::Colon),
        "fachpolitische Sprecher:innen"
    );
    assert_eq!(role_noun(One(Male), Case::Genitive, p), "Sprechers");
    assert_eq!(
        role_noun(Many(Unknown), Case::Dative, p),
        "Sprecherinnen und Sprechern"
    );
    assert_eq!(role_noun(Many(Male), Case::Dative, p), "Sprechern");
    assert_eq!(role_noun(Many(Female), Case::Dative, p), "Sprecherinnen");
    assert_eq!(
        role_noun(One(Unknown), Case::Nominative, p),
        "Sprecherin oder Sprecher"
    );
}

#[test]
fn groups_are_counted_from_persons_and_lists() {
    let person = |anrede: Option<&str>| {
        let mut map = std::collections::BTreeMap::new();
        map.insert("name", Value::from("X"));
        if let Some(anrede) = anrede {
            map.insert("anrede", Value::from(anrede));
        }
        Value::from(map)
    };
    let list = |items: Vec<Value>| Value::from(items);
    assert_eq!(group_of(&person(Some("Herr"))), Group::One(Sex::Male));
    assert_eq!(group_of(&person(None)), Group::One(Sex::Unknown));
    assert_eq!(
        group_of(&list(vec![person(Some("Frau"))])),
        Group::One(Sex::Female)
    );
    assert_eq!(
        group_of(&list(vec![person(Some("Herr")), person(Some("Herr"))])),
        Group::Many(Sex::Male)
    );
    assert_eq!(
        group_of(&list(vec![person(Some("Herr")), person(Some("Frau"))])),
        Group::Many(Sex::Unknown)
    );
    assert_eq!(group_of(&Value::from("alle")), Group::Many(Sex::Unknown));
}

/// The filters as a template calls them, including the style a template sets.
#[test]
fn the_filters_in_a_template() {
    let mut env = Environment::new();
    register(&mut env);
    let render = |source: &str| {
        env.render_str(
            source,
            minijinja::context! {
                manke => minijinja::context! { anrede => "Herr", name => "Stephan Manke" },
                konferenzen => vec![
                    conference("E-Justice-Rat", None),
                    conference("Wirtschaftsministerkonferenz", None),
                ],
                eine => vec![conference("Innenministerkonferenz", None)],
            },
        )
        .unwrap()
    };
    assert_eq!(
        render(
            "{{ manke | sprecherrolle | satzanfang }} für {{ konferenzen | mit_artikeln(\"akkusativ\") }}"
        ),
        "Fachpolitischer Sprecher für den E-Justice-Rat und die Wirtschaftsministerkonferenz"
    );
    assert_eq!(
        render("{{ konferenzen[0] | mit_artikel | satzanfang }}"),
        "Der E-Justice-Rat"
    );
    assert_eq!(render("{{ konferenzen[0] | artikel(\"dativ\") }}"), "dem");
    assert_eq!(
        render("{{ \"alle\" | sprecher_nomen(\"dativ\") }}"),
        "Sprecherinnen und Sprechern"
    );
    assert_eq!(
        render("{% set schreibweise = \"doppelpunkt\" %}{{ \"alle\" | sprecher_nomen }}"),
        "Sprecher:innen"
    );
    assert_eq!(
        render(
            "{{ eine | nach_anzahl(\"Ihre Fachministerkonferenz\", \"Ihre Fachministerkonferenzen\") }}"
        ),
        "Ihre Fachministerkonferenz"
    );
    assert_eq!(
        render("{{ konferenzen | nach_anzahl(\"eine\", \"mehrere\") }}"),
        "mehrere"
    );
    assert_eq!(
        render("{{ 1 | nach_anzahl(\"eine\", \"mehrere\") }}"),
        "eine"
    );
    assert!(
        env.render_str("{{ \"IMK\" | mit_artikel(\"lokativ\") }}", ())
            .is_err()
    );
    assert!(
        env.render_str(
            "{% set schreibweise = \"stern\" %}{{ \"alle\" | sprecher_nomen }}",
            ()
        )
        .is_err()
    );
}
