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

/// A workbook holding more text than any list (each cell an `.ods` repeats is a copy).
pub fn too_much_text(sheet: &str, max_mib: u64) -> String {
    format!(
        "die Arbeitsmappe enthält mehr als {max_mib} MiB Text (bis zum Blatt „{sheet}“); sie \
         ist keine Kontakt- oder Terminliste"
    )
}

/// Hidden rows left out (`ausgeblendete_zeilen: auslassen`); `rows` lists their numbers.
pub fn hidden_rows_skipped(rows: &str) -> String {
    format!(
        "ausgeblendete Zeilen (von Hand oder durch einen Filter) werden nicht gelesen \
         (Einstellung ausgeblendete_zeilen: auslassen): Zeile {rows}"
    )
}

/// A spreadsheet file that cannot be read.
pub fn unreadable_file(error: &impl std::fmt::Display) -> String {
    format!("die Datei lässt sich nicht lesen: {error}")
}

/// A spreadsheet file over the size limit.
pub fn file_too_large(size: u64, max_bytes: u64) -> String {
    format!("die Datei ist {size} Byte groß; angenommen werden höchstens {max_bytes} Byte")
}

/// A spreadsheet file that grew over the size limit while it was read.
pub fn file_grew_too_large(max_bytes: u64) -> String {
    format!("die Datei ist größer als {max_bytes} Byte; mehr wird nicht angenommen")
}

/// Shared strings declaring more texts than allowed (`uniqueCount`).
pub fn too_many_shared_strings(part: &str, count: u64, max: u64) -> String {
    format!(
        "die Datei ist beschädigt oder manipuliert und wird nicht gelesen: Teil „{part}“ \
         gibt {count} Texte an (uniqueCount), höchstens {max} sind \
         zulässig"
    )
}

/// A cell reference no sheet can have.
pub fn impossible_reference(part: &str, reference: &str) -> String {
    format!(
        "die Datei ist beschädigt. Öffnen Sie sie in Excel und speichern Sie sie neu \
         (Teil „{part}“ enthält den Zellbezug „{reference}“, den es in keinem Blatt \
         geben kann)"
    )
}

/// A workbook whose parts unpack beyond the limit.
pub fn unpacked_too_large(max_mib: u64, part: &str) -> String {
    format!(
        "die Arbeitsmappe ist entpackt größer als {max_mib} MiB (bei Teil „{part}“); eine \
         Kontakt- oder Terminliste ist weit kleiner, daher wird die Datei als beschädigt \
         oder manipuliert abgelehnt"
    )
}

/// A part that packs far better than XML does.
pub fn zip_bomb(part: &str, packed: u64, unpacked: u64, max_ratio: u64) -> String {
    format!(
        "Teil „{part}“ wächst beim Entpacken von {packed} auf {unpacked} Byte, mehr als \
         das {max_ratio}-Fache; die Datei wird als Zip-Bombe abgelehnt"
    )
}

/// An `.xlsb` calamine cannot open.
pub fn unreadable_xlsb(error: &impl std::fmt::Display) -> String {
    format!("keine lesbare .xlsb-Arbeitsmappe: {error}")
}

/// An `.ods` whose repeat or space count (`name`) is no number.
pub fn ods_count_unreadable(name: &str, value: &str) -> String {
    format!(
        "die Datei ist beschädigt ({name}=„{value}“ ist keine Zahl); bitte die Datei in \
         LibreOffice oder Excel öffnen und neu speichern"
    )
}

/// An `.ods` calamine cannot open.
pub fn unreadable_ods(error: &impl std::fmt::Display) -> String {
    format!("keine lesbare .ods-Tabelle: {error}")
}

/// An `.xlsx` calamine cannot open.
pub fn unreadable_xlsx(error: &impl std::fmt::Display) -> String {
    format!("keine lesbare .xlsx-Arbeitsmappe: {error}")
}

/// An `.xlsx` that is no zip archive.
pub const NOT_A_ZIP: &str =
    "keine lesbare .xlsx-Arbeitsmappe (die Datei ist kein gültiges Zip-Archiv)";

/// A workbook protected with a password.
pub const PASSWORD_PROTECTED: &str =
    "die Arbeitsmappe ist mit einem Kennwort geschützt; speichern Sie sie ohne Kennwort";

/// A damaged file that made calamine panic.
pub const FORMAT_UNREADABLE: &str = "die Datei ist beschädigt: das Tabellenprogramm-Format \
    lässt sich nicht lesen. Bitte die Datei in Excel öffnen und als .xlsx speichern";

/// A workbook with more sheets than are read.
pub fn too_many_sheets(sheets: usize, max_sheets: usize) -> String {
    format!("die Arbeitsmappe hat {sheets} Blätter; höchstens {max_sheets} werden gelesen")
}

/// A sheet calamine cannot read.
pub fn unreadable_sheet(sheet: &str, error: &impl std::fmt::Display) -> String {
    format!("das Blatt „{sheet}“ lässt sich nicht lesen: {error}")
}

/// E-mail cell text that is no address, shown as text.
pub fn not_an_email_address(text: &str, cell: &str) -> String {
    format!(
        "„{text}“ in Zelle {cell} ist keine E-Mail-Adresse; es wird als Text \
         gezeigt, nicht als Link"
    )
}

/// The remark that carries e-mail cell text that is no address (shown in the documents).
pub fn email_remark(texts: &str) -> String {
    format!("E-Mail: {texts}")
}

/// A contact with an address but no name.
pub const CONTACT_WITHOUT_NAME: &str =
    "die Ansprechperson hat eine E-Mail-Adresse, aber keinen Namen; sie wird ohne Namen aufgeführt";

/// A meeting row without a date.
pub fn meeting_without_date(conference: &str, column: &str) -> String {
    format!(
        "der Termin von „{conference}“ hat kein Datum in Spalte „{column}“; er wird ohne \
         Datum aufgeführt"
    )
}

/// The conference cell holds a formula whose result was never stored.
pub fn conference_formula_without_result(cell: &str, column: &str) -> String {
    format!(
        "Die Zelle {cell} (Spalte „{column}“) enthält eine Formel ohne \
         gespeichertes Ergebnis; die Zeile wird nicht übernommen. Öffnen Sie \
         die Datei in Excel und speichern Sie sie"
    )
}

/// A row without a conference and nothing above to continue.
pub fn row_without_conference(column: &str) -> String {
    format!(
        "die Zeile hat keine Konferenz in Spalte „{column}“ \
         und folgt auf eine leere Zeile oder die Überschrift; sie wird nicht \
         übernommen. Tragen Sie die Konferenz ein"
    )
}

/// Hidden rows read (the default); `rows` lists their numbers.
pub fn hidden_rows_read(rows: &str) -> String {
    format!("ausgeblendete Zeilen (von Hand oder durch einen Filter) werden gelesen: Zeile {rows}")
}

/// A column with data but no header (`letters` as Excel names it).
pub fn column_without_header(letters: &str) -> String {
    format!("Spalte {letters} enthält Daten, hat aber keine Überschrift; sie wird nicht gelesen")
}

/// A cell whose formula result was never stored.
pub fn formula_without_result(cell: &str) -> String {
    format!(
        "Die Zelle {cell} enthält eine Formel ohne gespeichertes Ergebnis; sie bleibt \
         leer. Öffnen Sie die Datei in Excel und speichern Sie sie"
    )
}

/// A cell holding an Excel error value.
pub fn excel_error(error: &impl std::fmt::Display) -> String {
    format!("die Zelle enthält den Excel-Fehler {error}; sie bleibt leer")
}

/// A cell whose control characters were removed.
pub const CONTROL_CHARACTERS_REMOVED: &str = "die Zelle enthält Steuerzeichen; sie wurden entfernt";

/// An end date (in its own cell) before the begin date.
pub fn end_before_begin(
    end: impl std::fmt::Display,
    end_cell: &str,
    begin: impl std::fmt::Display,
    begin_cell: &str,
) -> String {
    format!(
        "das Ende {end} (Zelle {end_cell}) liegt vor dem Beginn {begin} (Zelle {begin_cell}). \
         Korrigieren Sie Beginn oder Ende"
    )
}

/// An end cell that is no date.
pub fn end_not_a_date(text: &str) -> String {
    format!("„{text}“ ist kein Datum; der Termin wird als eintägig aufgeführt")
}

/// A meeting longer than believable.
pub fn meeting_too_long(
    end: impl std::fmt::Display,
    max_days: i64,
    begin: impl std::fmt::Display,
) -> String {
    format!(
        "das Ende {end} liegt mehr als {max_days} Tage nach dem Beginn {begin}; der \
         Termin wird als eintägig aufgeführt. Prüfen Sie das Ende"
    )
}

/// A date cell whose stored value is no plausible date.
pub fn implausible_date(value: impl std::fmt::Display) -> String {
    format!(
        "der Wert der Zelle ({value}) ist kein plausibles Datum; der Termin \
         wird als offenes Datum aufgeführt"
    )
}

/// A date range in one cell whose end lies before its begin.
pub fn range_end_before_begin(
    cell: &str,
    text: &str,
    end: impl std::fmt::Display,
    begin: impl std::fmt::Display,
) -> String {
    format!(
        "in Zelle {cell} („{text}“) liegt das Ende {end} vor dem Beginn {begin}. \
         Korrigieren Sie Beginn oder Ende"
    )
}

/// A plain number in a date column, read as an Excel serial day.
pub fn serial_number_read_as_date(cell: &str, text: &str, day: impl std::fmt::Display) -> String {
    format!(
        "die Zelle {cell} enthält die Zahl {text}, kein Datum; sie wird als \
         Excel-Tageszahl gelesen: {day}. Formatieren Sie die Zelle als Datum"
    )
}

/// Date text that is no date: the meeting is listed with an open date.
pub fn open_date(text: &str, conference: &str) -> String {
    format!(
        "„{text}“ ist kein Datum; der Termin von „{conference}“ wird als offenes Datum aufgeführt"
    )
}

/// The headers a contacts list needs.
pub const CONTACTS_REQUIRED_HEADERS: &str = "„Konferenz“ und „Ansprechperson“";

/// The headers a meetings list needs.
pub const MEETINGS_REQUIRED_HEADERS: &str = "„Konferenz“ und „Datum“ (oder „Beginn“)";

/// A hidden or very hidden sheet, not read.
pub fn hidden_sheet(sheet: &str) -> String {
    format!(
        "Das Blatt „{sheet}“ ist ausgeblendet und wird nicht gelesen. Soll es \
         gelesen werden, blenden Sie es in Excel ein"
    )
}

/// No sheet with the required headers; [`header_row_too_low`] or [`nearest_header_row`]
/// may follow.
pub fn no_header_row(required: &str, rows_searched: usize) -> String {
    format!(
        "kein Blatt hat die nötigen Überschriften {required} in seinen ersten {rows_searched} Zeilen"
    )
}

/// The required headers, found below the rows searched.
pub fn header_row_too_low(sheet: &str, row: u32, headers: &str, rows_searched: usize) -> String {
    format!(
        "; Blatt „{sheet}“ hat sie in Zeile {row} ({headers}), zu weit unten. Löschen Sie die leeren \
         oder Titelzeilen darüber, so dass die Überschriften in den ersten \
         {rows_searched} Zeilen stehen"
    )
}

/// The row that comes closest to a header row.
pub fn nearest_header_row(sheet: &str, row: u32, headers: &str) -> String {
    format!(
        "; am nächsten kommt Blatt „{sheet}“ Zeile {row} mit {headers}. Ergänzen Sie die fehlende \
         Spalte oder tragen Sie ihre Überschrift in briefing.yaml unter „spalten“ ein"
    )
}

/// A known column this kind of list does not use.
pub fn column_not_used(header: &str) -> String {
    format!("Spalte „{header}“ wird in dieser Liste nicht verwendet und nicht gelesen")
}

/// A second column for the same field.
pub fn second_column(header: &str, field: impl std::fmt::Display) -> String {
    format!("Spalte „{header}“ ist eine zweite Spalte „{field}“ und wird nicht gelesen")
}

/// A header no field knows.
pub fn unknown_column(header: &str) -> String {
    format!("Spalte „{header}“ ist keine bekannte Spalte und wird nicht gelesen")
}

// --- calendars that stay right (issue 27): a remark that cancels a meeting

/// The remark of a meeting says it is cancelled.
pub fn cancelled_in_remark(cell: &str, remark: &str, word: &str) -> String {
    format!(
        "die Bemerkung in {cell} („{remark}“) enthält „{word}“: der Termin gilt als abgesagt, \
         wird nicht als anstehend aufgeführt und in den Kalendern abgesagt. War das nicht \
         gemeint, ändern Sie die Bemerkung"
    )
}
