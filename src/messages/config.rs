//! Messages of briefing.yaml (load/config.rs).

/// `ausgeblendete_zeilen` with a value other than `lesen` or `auslassen`.
pub fn unknown_hidden_rows(value: &str) -> String {
    format!("ausgeblendete_zeilen: „{value}“ ist unbekannt; erlaubt sind lesen und auslassen")
}

/// `versand.verschluesselung` with an unknown value (the key is added in front).
pub fn unknown_tls(value: &str) -> String {
    format!("„{value}“ ist keine Verbindungsart; erlaubt sind none, starttls und tls")
}

/// `versand.verschluesselung` and what is wrong with it.
pub fn delivery_tls(problem: &str) -> String {
    format!("versand.verschluesselung: {problem}")
}

/// A month window of 0.
pub fn months_zero(key: &str) -> String {
    format!("{key} muss mindestens 1 sein")
}

/// A month window longer than allowed.
pub fn months_too_many(key: &str, months: u32, max_months: u32) -> String {
    format!("{key} ist {months}; höchstens {max_months} Monate sind erlaubt")
}

/// An empty `dateinamen` prefix.
pub fn empty_file_name_prefix(key: &str) -> String {
    format!("dateinamen.{key} darf nicht leer sein")
}

/// An empty extra header name under `spalten`.
pub fn empty_column_name(name: &str, field: impl std::fmt::Display) -> String {
    format!("spalten: der Name „{name}“ für die Spalte {field} ist leer")
}

/// A yes/no key with another value.
pub fn not_a_switch(key: &str, value: &str) -> String {
    format!("{key}: „{value}“ ist kein Ja/Nein-Wert; erlaubt sind true und false")
}

/// `schreibweise` with an unknown value.
pub fn unknown_group_style(value: &str) -> String {
    format!("schreibweise: „{value}“ ist unbekannt; erlaubt sind paarform und doppelpunkt")
}

/// `versand.timeout_sekunden: 0`.
pub const TIMEOUT_ZERO: &str =
    "versand.timeout_sekunden: 0 Sekunden sind keine Wartezeit; z. B. 30";

// --- stand: the reference date in briefing.yaml (issue 20)

/// `stand` that is no date.
pub fn not_a_stand(value: &str) -> String {
    format!("stand: „{value}“ ist kein Datum; erwartet JJJJ-MM-TT, z. B. 2026-11-28")
}
