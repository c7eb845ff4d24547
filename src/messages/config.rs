//! Messages of briefing.yaml (load/config.rs).

/// `ausgeblendete_zeilen` with a value other than `lesen` or `auslassen`.
pub fn unknown_hidden_rows(value: &str) -> String {
    format!("ausgeblendete_zeilen: „{value}“ ist unbekannt; erlaubt sind lesen und auslassen")
}
