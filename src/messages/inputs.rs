//! Messages of reading inputs other than spreadsheets: files, YAML (roster, decisions), templates, design.
//!
//! Holds the texts of `load/fs.rs`, `load/mod.rs`, `load/templates.rs` and `load/yaml/`
//! (`load/design.rs` reports the file errors of `load/fs.rs`).

use std::fmt::Display;

// --- load/fs.rs

/// A file larger than the limit for its kind.
pub fn file_too_large(size: u64, limit: u64) -> String {
    format!("die Datei ist {size} Bytes groß; höchstens {limit} Bytes sind erlaubt")
}

/// A file that grew past the limit while it was read.
pub fn file_larger_than(limit: u64) -> String {
    format!("die Datei ist größer als {limit} Bytes, das Höchstmaß")
}

/// Any other I/O problem; `reason` is the operating system's, in words.
pub fn file_unreadable(reason: impl Display) -> String {
    format!("die Datei kann nicht gelesen werden: {reason}")
}

// --- load/mod.rs: the inputs folder and the month's spreadsheets

/// The month asked for has no folder in the inputs.
pub fn no_month_folder(month: impl Display) -> String {
    format!("für den Monat {month} gibt es keinen Ordner")
}

/// The inputs folder cannot be listed.
pub fn inputs_folder_unreadable(error: impl Display) -> String {
    format!("der Eingabeordner lässt sich nicht lesen: {error}")
}

/// A month's folder cannot be listed.
pub fn folder_unreadable(error: impl Display) -> String {
    format!("der Ordner lässt sich nicht lesen: {error}")
}

/// The previous month's lists cannot be read (a warning: this month is built without them).
pub fn previous_month_unreadable(previous: impl Display) -> String {
    format!(
        "die Listen des Vormonats {previous} lassen sich nicht lesen, daher fehlen die \
         Änderungen seit {previous} (Einzelheiten zeigt „briefing check --month {previous}“)"
    )
}

/// Files named like the list (`prefix`) exist, but none in a format that is read.
pub fn no_readable_spreadsheet(prefix: &str, files: &[&str]) -> String {
    format!(
        "keine Tabelle, deren Name mit „{prefix}“ beginnt: {} ist keine Tabelle, die \
         gelesen wird. Öffnen Sie die Datei in Excel und speichern Sie sie als .xlsx",
        files.join(", ")
    )
}

/// No file is named like the list (`prefix`); `files` are those in the folder.
pub fn no_spreadsheet(prefix: &str, files: &[&str]) -> String {
    format!(
        "keine Tabelle, deren Name mit „{prefix}“ beginnt (z. B. {prefix}.xlsx); im \
         Ordner liegen: {}",
        if files.is_empty() {
            "keine Dateien".to_string()
        } else {
            files.join(", ")
        }
    )
}

/// Several spreadsheets are named like the list (`prefix`).
pub fn several_spreadsheets(prefix: &str, files: &[&str]) -> String {
    format!(
        "mehrere Tabellen beginnen mit „{prefix}“: {}; bitte nur eine davon im Ordner lassen",
        files.join(", ")
    )
}

// --- load/templates.rs (NOT_UTF8 also for the YAML files)

/// A file that is not UTF-8; the location names the line of the first bad byte.
pub const NOT_UTF8: &str = "die Datei ist nicht als UTF-8 gespeichert (in dieser Zeile steht \
    ein Zeichen in einer anderen Kodierung, z. B. Windows-1252): Bitte als UTF-8 speichern \
    (im Editor „Speichern unter“, Kodierung „UTF-8“)";

/// A template that links out of the templates folder.
pub fn template_outside(name: &str) -> String {
    format!(
        "„{name}“ ist ein Verweis auf eine Datei außerhalb des Vorlagenordners; Vorlagen \
         werden nur aus dem Vorlagenordner gelesen"
    )
}

/// A template that cannot be read; `reason` is the file error.
pub fn template_unreadable(reason: &str) -> String {
    format!("die Vorlage kann nicht gelesen werden: {reason}")
}

// --- load/yaml/: the parser's errors in plain words

/// A tab in the indentation or between values.
pub const TAB: &str = "hier steht ein Tabulatorzeichen: YAML erlaubt zum Einrücken und \
    zwischen den Werten nur Leerzeichen; bitte den Tabulator durch Leerzeichen ersetzen";

/// A key written twice in one group.
pub fn duplicate_key(key: &str) -> String {
    format!(
        "„{key}“ steht in dieser Gruppe zweimal; bitte einen der beiden Einträge löschen \
         oder zusammenführen"
    )
}

/// A key the file's shape does not have; `allowed` lists the keys (may be empty).
pub fn unknown_field(field: &str, allowed: &str) -> String {
    match allowed.is_empty() {
        true => format!("unbekanntes Feld {field}"),
        false => format!("unbekanntes Feld {field}; erlaubt sind hier: {allowed}"),
    }
}

/// A required key that is missing.
pub fn missing_field(field: &str) -> String {
    format!("das Pflichtfeld {field} fehlt")
}

/// Lists and groups nested deeper than `depth`.
pub fn too_deep(depth: usize) -> String {
    format!(
        "die Listen und Gruppen sind mehr als {depth} Ebenen tief verschachtelt; diese Datei \
         braucht nur wenige Ebenen"
    )
}

/// More than `limit` anchors or aliases.
pub fn too_many_aliases(limit: usize) -> String {
    format!(
        "mehr als {limit} Anker (&name) oder Verweise (*name); bitte die Werte \
         ausschreiben"
    )
}

/// More than `nodes` values or `mib` MiB of text.
pub fn too_large(nodes: usize, mib: usize) -> String {
    format!(
        "die Datei enthält mehr als {nodes} Werte oder {mib} MiB Text \
         (Verweise so oft gezählt, wie sie vorkommen); sie wird als beschädigt oder \
         manipuliert abgelehnt"
    )
}

/// An `!include`.
pub const NO_INCLUDES: &str = "Einbindungen anderer Dateien (!include) sind nicht erlaubt";

/// Any other limit of the parser; `limit` is its technical name.
pub fn other_limit(limit: &str) -> String {
    format!(
        "die Datei überschreitet eine Größengrenze des YAML-Lesers ({limit}); sie wird \
         als beschädigt oder manipuliert abgelehnt"
    )
}

/// A list where a single value or group stands.
pub const EXPECTED_LIST: &str =
    "hier wird eine Liste erwartet, z. B. [IMK, GMK], oder ein Eintrag „- “ je Zeile";
/// A single value or list where a group stands.
pub const EXPECTED_GROUP: &str =
    "hier wird eine Gruppe von Feldern erwartet (Zeilen der Form „name: wert“)";
/// A list or group where a single text stands.
pub const EXPECTED_TEXT: &str =
    "hier wird ein einzelner Text erwartet, keine Liste und keine Gruppe";

// --- load/yaml/: the values of sprecher.yaml and beschluesse.yaml

/// A conference's `genus` that is not m, f or n.
pub fn gender(value: &str) -> String {
    format!(
        "genus: „{value}“ ist kein grammatisches Geschlecht; erlaubt sind m (der), f (die) \
         und n (das)"
    )
}

/// A decision's `datum` that is not `YYYY-MM-DD`.
pub fn decision_date(number: &str, value: &str) -> String {
    format!(
        "Beschluss {number}: datum „{value}“ ist kein Datum; bitte als JJJJ-MM-TT schreiben, z. B. \
         2023-03-29"
    )
}

/// A session's `datum` that is not `YYYY-MM-DD`.
pub fn session_date(value: &str) -> String {
    format!(
        "sitzungen: datum „{value}“ ist kein Datum; bitte als JJJJ-MM-TT schreiben, z. B. \
         2027-03-18"
    )
}

// --- load/yaml/german.rs: YAML syntax errors in German, with the likely fix (issue 21)

/// An invisible character where YAML expects a space or a key.
pub fn invisible_character(name: &str, column: u64) -> String {
    format!(
        "{name} an Spalte {column}: YAML erkennt es nicht als Leerzeichen; löschen Sie es und \
         tippen Sie ein normales Leerzeichen (oder gar keines, mitten in einem Namen)"
    )
}

/// The names of invisible characters.
pub const NO_BREAK_SPACE: &str = "ein geschütztes Leerzeichen (aus Word kopiert)";
/// U+202F.
pub const NARROW_NO_BREAK_SPACE: &str = "ein schmales geschütztes Leerzeichen (aus Word kopiert)";
/// U+200B and friends.
pub const ZERO_WIDTH: &str =
    "ein unsichtbares Zeichen ohne Breite (aus einer Webseite oder Word kopiert)";
/// U+00AD.
pub const SOFT_HYPHEN: &str = "ein bedingter Trennstrich (aus Word kopiert)";
/// U+FEFF inside the file.
pub const BYTE_ORDER_MARK: &str = "eine Byte-Reihenfolge-Markierung (BOM) mitten in der Datei";
/// U+2000–U+200A, U+3000.
pub const OTHER_SPACE: &str = "ein besonderes Leerzeichen (aus Word kopiert)";

/// `titel: Lagebilder: …`: a value holding ": ".
pub fn colon_in_value(key: &str, value: &str) -> String {
    format!(
        "der Wert von „{key}“ enthält „: “, das YAML als neuen Schlüssel liest; setzen Sie den \
         Wert in Anführungszeichen: {key}: \"{value}\""
    )
}

/// A value holding ": " on a line without a recognisable key.
pub const COLON_IN_VALUE: &str = "der Wert enthält „: “, das YAML als neuen Schlüssel liest; \
     setzen Sie den ganzen Wert in Anführungszeichen (\"…\")";

/// `titel Kommunalpakt`: the colon after the key is missing.
pub fn missing_colon(key: &str) -> String {
    format!("nach „{key}“ fehlt der Doppelpunkt: „{key}: …“ (mit Leerzeichen danach)")
}

/// A line that is neither `key: value` nor `- item`.
pub const MISSING_COLON: &str = "in dieser Zeile fehlt der Doppelpunkt nach dem Feldnamen \
     („feld: wert“) oder der Bindestrich einer Aufzählung („- wert“)";

/// A `[` or `{` not closed on its line.
pub fn unclosed_bracket(open: char, close: char) -> String {
    format!(
        "die Klammer „{open}“ wird nicht geschlossen: „{close}“ am Ende der Liste ergänzen, \
         z. B. [IMK, GMK]"
    )
}

/// A closing bracket without an opening one.
pub const STRAY_BRACKET: &str = "eine schließende Klammer „]“ oder „}“ ohne öffnende; löschen Sie sie oder ergänzen Sie die öffnende";

/// A quote not closed on its line.
pub fn unclosed_quote(quote: char) -> String {
    format!(
        "das Anführungszeichen {quote} wird in dieser Zeile nicht geschlossen: am Ende des Werts \
         ein {quote} ergänzen"
    )
}

/// Text after a closing quote.
pub fn after_quote(quote: char) -> String {
    format!(
        "nach dem schließenden {quote} steht noch Text; gehört er zum Wert, setzen Sie das \
         {quote} ans Ende des Werts"
    )
}

/// A line indented differently from its neighbours.
pub fn indentation(found: usize, expected: usize) -> String {
    format!(
        "der Einzug stimmt nicht: diese Zeile ist um {found} Leerzeichen eingerückt, die Felder \
         darüber um {expected}; rücken Sie sie gleich weit ein wie die anderen Felder ihres \
         Eintrags"
    )
}

/// A character that may not start a value.
pub fn cannot_start_value(character: &str) -> String {
    format!(
        "„{character}“ darf nicht am Anfang eines Werts stehen; setzen Sie den Wert in \
         Anführungszeichen (\"{character}…\")"
    )
}

/// `-Text`: a dash without a space.
pub const DASH_WITHOUT_SPACE: &str =
    "nach dem Bindestrich einer Aufzählung fehlt das Leerzeichen: „- Text“";

/// Any other YAML syntax error: the parser's words, framed.
pub fn yaml_syntax(what: &str) -> String {
    format!(
        "YAML-Schreibfehler ({what}); prüfen Sie in dieser Zeile und der darüber Einzug, \
         Doppelpunkte, Klammern und Anführungszeichen"
    )
}

// --- load/templates.rs: a template saved with an extra extension (issue 21)

/// `GMK.md.j2.txt`: not read as a template.
pub fn template_extra_extension(name: &str, wanted: &str) -> String {
    format!(
        "„{name}“ sieht aus wie eine Vorlage mit einer zusätzlichen Endung und wird darum nicht \
         gelesen; benennen Sie die Datei in „{wanted}“ um (im Windows-Explorer unter „Ansicht“ \
         die Dateinamenerweiterungen einblenden)"
    )
}
