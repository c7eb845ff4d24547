//! Recognising the column headers of the MPK spreadsheets.
//!
//! Offices name their columns differently each month ("Ansprechpartner:in", "E-Mail-Adresse",
//! "Ansprech-⏎partner"). This module maps a header cell to the [`Field`] it stands for. It
//! knows nothing about rows or values.

use std::fmt;

/// A column the reader understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The conference's name or code.
    Conference,
    /// The chairing state.
    Chair,
    /// The conference's office.
    Office,
    /// A contact person's name.
    ContactName,
    /// A contact person's position.
    Role,
    /// Phone numbers.
    Phone,
    /// E-mail addresses.
    Email,
    /// A meeting's name.
    Meeting,
    /// A meeting's date or date range.
    Date,
    /// A meeting's first day (with [`Field::End`]).
    Begin,
    /// A meeting's last day.
    End,
    /// Where a meeting takes place.
    Place,
    /// A remark on a meeting.
    Remark,
}

impl Field {
    /// The header an editor would expect to see named in a message.
    fn label(self) -> &'static str {
        match self {
            Field::Conference => "Konferenz",
            Field::Chair => "Vorsitz",
            Field::Office => "Geschäftsstelle",
            Field::ContactName => "Ansprechperson",
            Field::Role => "Funktion",
            Field::Phone => "Telefon",
            Field::Email => "E-Mail",
            Field::Meeting => "Sitzung",
            Field::Date => "Datum",
            Field::Begin => "Beginn",
            Field::End => "Ende",
            Field::Place => "Ort",
            Field::Remark => "Bemerkung",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The accepted header names per field (from the spec's table).
const DEFAULT_ALIASES: &[(Field, &[&str])] = &[
    (
        Field::Conference,
        &["Konferenz", "Fachministerkonferenz", "FachMK", "Gremium"],
    ),
    (
        Field::Chair,
        &["Vorsitz", "Vorsitzland", "Vorsitzendes Land"],
    ),
    (Field::Office, &["Geschäftsstelle", "Geschaeftsstelle"]),
    (
        Field::ContactName,
        &[
            "Ansprechperson",
            "Ansprechpartner",
            "Ansprechpartnerin",
            "Ansprechpartner:in",
            "Ansprechpartner/in",
            "Name",
        ],
    ),
    (Field::Role, &["Funktion", "Position"]),
    (Field::Phone, &["Telefon", "Tel.", "Telefonnummer"]),
    (Field::Email, &["E-Mail", "Email", "Mail", "E-Mail-Adresse"]),
    (Field::Meeting, &["Sitzung", "Art", "Veranstaltung"]),
    (Field::Date, &["Datum", "Termin"]),
    (Field::Begin, &["Beginn", "Von", "Datum von", "Anfang"]),
    (Field::End, &["Ende", "Bis", "Datum bis", "Schluss"]),
    (Field::Place, &["Ort", "Tagungsort"]),
    (Field::Remark, &["Bemerkung", "Hinweis", "Anmerkung"]),
];

/// Header names per field, compared in normalised form (see [`normalize_header`]).
#[derive(Debug, Clone)]
pub struct HeaderAliases {
    entries: Vec<(Field, String)>,
}

impl Default for HeaderAliases {
    fn default() -> Self {
        let entries = DEFAULT_ALIASES
            .iter()
            .flat_map(|(field, names)| names.iter().map(|name| (*field, normalize_header(name))))
            .collect();
        HeaderAliases { entries }
    }
}

impl HeaderAliases {
    /// Adds another accepted name for `field` (from the configuration).
    pub fn add(&mut self, field: Field, name: &str) {
        self.entries.push((field, normalize_header(name)));
    }

    /// The field a header cell stands for, if any.
    pub fn field_of(&self, header: &str) -> Option<Field> {
        let normalized = normalize_header(header);
        if normalized.is_empty() {
            return None;
        }
        self.entries
            .iter()
            .find(|(_, name)| *name == normalized)
            .map(|(field, _)| *field)
    }
}

/// Lower case, line breaks as spaces (a hyphen at a line break joins the word), without the
/// punctuation offices sprinkle into headers, single spaces, trimmed.
pub fn normalize_header(text: &str) -> String {
    let joined = text
        .replace("\r\n", "\n")
        .replace("-\n", "")
        .replace(['\n', '\r', '\t', '\u{a0}'], " ");
    let mut out = String::with_capacity(joined.len());
    for c in joined.chars().flat_map(char::to_lowercase) {
        if matches!(
            c,
            ':' | '*' | '-' | '.' | '/' | '(' | ')' | '_' | '\u{2013}'
        ) {
            continue;
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_ignores_case_space_punctuation_and_line_breaks() {
        assert_eq!(normalize_header("  E-Mail-Adresse: "), "emailadresse");
        assert_eq!(normalize_header("Ansprech-\npartner"), "ansprechpartner");
        assert_eq!(normalize_header("Vorsitzendes\nLand*"), "vorsitzendes land");
        assert_eq!(normalize_header("Ansprechpartner:in"), "ansprechpartnerin");
    }

    #[test]
    fn every_header_of_the_spec_is_recognised() {
        let aliases = HeaderAliases::default();
        let cases = [
            ("KONFERENZ", Field::Conference),
            ("FachMK:", Field::Conference),
            ("Gremium", Field::Conference),
            ("Vorsitzland", Field::Chair),
            ("Geschaeftsstelle", Field::Office),
            ("Ansprechpartner/in", Field::ContactName),
            ("Ansprech-\npartnerin", Field::ContactName),
            ("Name", Field::ContactName),
            ("Position", Field::Role),
            ("Tel.", Field::Phone),
            ("Telefonnummer", Field::Phone),
            ("E-Mail", Field::Email),
            ("Email", Field::Email),
            ("Mail*", Field::Email),
            ("Veranstaltung", Field::Meeting),
            ("Termin", Field::Date),
            ("Von", Field::Begin),
            ("Bis", Field::End),
            ("von", Field::Begin),
            ("bis:", Field::End),
            ("Beginn", Field::Begin),
            ("Ende", Field::End),
            ("Anfang", Field::Begin),
            ("Schluss", Field::End),
            ("Tagungsort", Field::Place),
            ("Anmerkung", Field::Remark),
        ];
        for (header, field) in cases {
            assert_eq!(aliases.field_of(header), Some(field), "{header:?}");
        }
        assert_eq!(aliases.field_of("Lieblingsfarbe"), None);
        assert_eq!(aliases.field_of("   "), None);
    }

    #[test]
    fn configured_names_extend_the_defaults() {
        let mut aliases = HeaderAliases::default();
        assert_eq!(aliases.field_of("Sitzungsort"), None);
        aliases.add(Field::Place, "Sitzungsort");
        assert_eq!(aliases.field_of("sitzungs-ort"), Some(Field::Place));
    }
}
