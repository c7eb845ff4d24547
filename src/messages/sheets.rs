//! Messages of the MPK spreadsheets: guards, sheets, tables, rows, cells, headers, dates.

/// A compound file (`.xls`) whose sector chain runs in a circle.
pub const LOOPING_CHAIN: &str = "die Datei ist beschädigt (ihre interne Sektorkette läuft \
    im Kreis); bitte die Datei in Excel öffnen und als .xlsx speichern";

/// A compound file that lists one sector of its allocation table more than once.
pub const FAT_SECTOR_TWICE: &str = "die Datei ist beschädigt (sie nennt einen Sektor ihrer \
    internen Belegungstabelle mehrfach); bitte die Datei in Excel öffnen und als .xlsx speichern";

/// A compound file whose short stream lies outside its mini stream.
pub const MINI_STREAM_OUTSIDE: &str = "die Datei ist beschädigt (ein interner Datenstrom liegt \
    außerhalb der Datei); bitte die Datei in Excel öffnen und als .xlsx speichern";

/// A sheet with data beyond the last row read.
pub fn too_many_rows(sheet: &str, row: u64, max_rows: u32) -> String {
    format!(
        "das Blatt „{sheet}“ hat Daten in Zeile {row}; gelesen werden höchstens {max_rows} Zeilen"
    )
}

/// A sheet with data beyond the last column read.
pub fn too_many_columns(sheet: &str, column: u64, max_columns: u32) -> String {
    format!(
        "das Blatt „{sheet}“ hat Daten in Spalte {column}; gelesen werden höchstens {max_columns} Spalten"
    )
}

/// A sheet whose used area is larger than any list.
pub fn too_many_cells(sheet: &str, max_cells: u64) -> String {
    format!(
        "das Blatt „{sheet}“ umfasst mehr als {max_cells} Zellen; es ist keine Kontakt- oder Terminliste"
    )
}

/// A workbook (`.xls`, `.ods`) whose sheets together are larger than any list.
pub fn workbook_too_many_cells(sheet: &str, max_cells: u64) -> String {
    format!(
        "die Blätter der Arbeitsmappe umfassen zusammen mehr als {max_cells} Zellen (bis zum \
         Blatt „{sheet}“); sie ist keine Kontakt- oder Terminliste"
    )
}

/// An `.ods` whose repeated cells copy more text than any list holds.
pub fn too_much_text(sheet: &str, max_mib: u64) -> String {
    format!(
        "die Arbeitsmappe enthält mit ihren wiederholten Zellen mehr als {max_mib} MiB Text (bis \
         zum Blatt „{sheet}“); sie ist keine Kontakt- oder Terminliste"
    )
}

/// Hidden rows left out (`ausgeblendete_zeilen: auslassen`); `rows` lists their numbers.
pub fn hidden_rows_skipped(rows: &str) -> String {
    format!(
        "ausgeblendete Zeilen (von Hand oder durch einen Filter) werden nicht gelesen \
         (Einstellung ausgeblendete_zeilen: auslassen): Zeile {rows}"
    )
}
