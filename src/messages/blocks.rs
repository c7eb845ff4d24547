//! Messages of the Word content blocks (`templates/bausteine/*.docx`): reading a block and
//! placing it with `baustein(...)`.

/// A Word 97–2003 document (`.doc`), renamed or saved with the wrong type.
pub const DOC_FORMAT: &str = "die Datei ist ein Word-97–2003-Dokument (.doc), kein .docx; \
    bitte in Word öffnen und über Datei › Speichern unter als „Word-Dokument (*.docx)“ speichern";

/// A password-protected (encrypted) Word document.
pub const PASSWORD: &str = "die Datei ist mit einem Kennwort geschützt und kann nicht gelesen \
    werden; bitte in Word den Kennwortschutz entfernen (Datei › Informationen › Dokument \
    schützen › Mit Kennwort verschlüsseln, das Kennwort löschen) und erneut speichern";

/// An OpenDocument text with the ending `.docx`.
pub const ODT_FORMAT: &str = "die Datei ist ein OpenDocument-Text (.odt), kein Word-Dokument; \
    bitte in LibreOffice oder Word als „Word-Dokument (*.docx)“ speichern";

/// Neither a zip nor a compound file.
pub const NOT_DOCX: &str = "die Datei ist kein Word-Dokument (.docx); bitte in Word öffnen \
    und als „Word-Dokument (*.docx)“ speichern";

/// A zip without the main document part.
pub const NO_DOCUMENT: &str = "die Datei ist ein Zip-Archiv, aber kein Word-Dokument (der \
    Textteil word/document.xml fehlt); bitte in Word als „Word-Dokument (*.docx)“ speichern";

/// A part of the file that is encrypted or compressed in a way Word does not use.
pub fn unreadable_part(part: &str) -> String {
    format!(
        "der Teil „{part}“ der Datei ist verschlüsselt oder beschädigt; bitte die Datei in \
         Word öffnen und neu speichern"
    )
}

/// A part whose XML cannot be read.
pub fn damaged_part(part: &str, detail: &str) -> String {
    format!(
        "der Teil „{part}“ der Datei ist beschädigt ({detail}); bitte die Datei in Word öffnen \
         und neu speichern"
    )
}

/// A part nested deeper than any Word document.
pub fn too_deep(part: &str, max: usize) -> String {
    format!(
        "der Teil „{part}“ ist tiefer als {max} Ebenen verschachtelt; die Datei wird als \
         beschädigt oder manipuliert abgelehnt"
    )
}

/// The parts together unpack to more than the limit.
pub fn unpacked_too_large(max_mib: u64, part: &str) -> String {
    format!(
        "die Datei ist entpackt größer als {max_mib} MiB (bei Teil „{part}“); ein Textbaustein \
         ist weit kleiner, daher wird die Datei als beschädigt oder manipuliert abgelehnt"
    )
}

/// A part that packs like a zip bomb.
pub fn zip_bomb(part: &str, packed: u64, unpacked: u64, max_ratio: u64) -> String {
    format!(
        "Teil „{part}“ wächst beim Entpacken von {packed} auf {unpacked} Byte, mehr als das \
         {max_ratio}-Fache; die Datei wird als Zip-Bombe abgelehnt"
    )
}

/// Where in a block: the paragraph number (as counted from the start of the text, tables
/// included) and its first words.
pub fn at_paragraph(paragraph: usize, first_words: &str) -> String {
    if first_words.is_empty() {
        format!("Absatz {paragraph} (leer)")
    } else {
        format!("Absatz {paragraph} „{first_words}“")
    }
}

/// An image in a block.
pub fn image(at: &str) -> String {
    format!(
        "{at}: enthält ein Bild; Bilder kann ein Baustein nicht ins Briefing übernehmen. Bitte \
         das Bild aus dem Baustein entfernen (ein Logo gehört in referenz.docx)"
    )
}

/// An embedded object (OLE: an Excel table, a formula).
pub fn embedded_object(at: &str) -> String {
    format!(
        "{at}: enthält ein eingebettetes Objekt (z. B. eine Excel-Tabelle oder eine Formel); \
         bitte als Text oder als Word-Tabelle einfügen"
    )
}

/// Content imported from another file (`w:altChunk`).
pub fn imported_chunk(at: &str) -> String {
    format!(
        "{at}: enthält eingebundenen Inhalt aus einer anderen Datei; bitte den Text direkt in \
         den Baustein kopieren"
    )
}

/// A text box whose text is kept after its paragraph.
pub fn text_box(at: &str) -> String {
    format!(
        "{at}: der Text eines Textfelds wird als gewöhnlicher Absatz nach diesem Absatz \
         übernommen (Textfelder gibt es im Briefing nicht)"
    )
}

/// A shape without text.
pub fn shape_without_text(at: &str) -> String {
    format!("{at}: eine Form oder Zeichnung ohne Text wird nicht übernommen")
}

/// Tracked changes: the accepted version is used.
pub fn tracked_changes(at: &str) -> String {
    format!(
        "enthält nachverfolgte Änderungen (die erste in {at}); übernommen wird die Fassung mit \
         allen Änderungen angenommen. Bitte in Word unter Überprüfen › Annehmen › Alle \
         Änderungen annehmen und speichern"
    )
}

/// Comments are dropped.
pub fn comments(at: &str) -> String {
    format!(
        "enthält Kommentare (der erste in {at}); sie erscheinen nicht im Briefing. Bitte in \
         Word unter Überprüfen › Löschen › Alle Kommentare löschen, wenn sie erledigt sind"
    )
}

/// Underlined text loses the underline.
pub fn underline(at: &str) -> String {
    format!(
        "{at}: Unterstreichungen werden nicht übernommen (der Text bleibt); das Briefing \
         hebt mit Fett oder Kursiv hervor"
    )
}

/// Superscript or subscript text is kept as normal text.
pub fn raised_or_lowered(at: &str) -> String {
    format!("{at}: Hoch- und Tiefstellungen werden als normaler Text übernommen")
}

/// A link to a place inside the document (a bookmark).
pub fn internal_link(at: &str) -> String {
    format!(
        "{at}: ein Link auf eine Stelle im Dokument (Textmarke) wird als Text übernommen; \
         Links ins Internet (https://…) und E-Mail-Links bleiben Links"
    )
}

/// A symbol from a symbol font.
pub fn symbol(at: &str) -> String {
    format!(
        "{at}: ein Sonderzeichen aus einer Symbolschriftart wird nicht übernommen; bitte das \
         Zeichen als normalen Text eingeben (Einfügen › Symbol, Schriftart „(normaler Text)“)"
    )
}

/// Merged table cells are split again.
pub fn merged_cells(at: &str) -> String {
    format!(
        "{at}: verbundene Tabellenzellen werden wieder getrennt übernommen (der Text steht in \
         der ersten Zelle)"
    )
}

/// A list, heading or table inside a table cell or a footnote is kept as plain text.
pub fn flattened(at: &str) -> String {
    format!(
        "{at}: Listen, Überschriften und Tabellen in einer Tabellenzelle oder Fußnote werden \
         als einfacher Text übernommen"
    )
}

/// A footnote reference whose footnote is missing.
pub fn missing_note(at: &str) -> String {
    format!("{at}: verweist auf eine Fußnote, die in der Datei fehlt; der Verweis entfällt")
}

/// A page or column break.
pub fn page_break(at: &str) -> String {
    format!(
        "{at}: ein Seitenumbruch wird als Zeilenumbruch übernommen; die Seiten des Briefings \
         ergeben sich aus der Vorlage"
    )
}

/// Word's lock file beside an open document (`~$name.docx`) is not a block.
pub fn lock_file_skipped(file: &str) -> String {
    format!(
        "„{file}“ ist die Sperrdatei eines in Word geöffneten Dokuments und wird nicht als \
         Baustein gelesen"
    )
}

/// `baustein("x")` for a block that does not exist.
pub fn unknown_block(name: &str, known: &str) -> String {
    if known.is_empty() {
        format!(
            "den Baustein „{name}“ gibt es nicht (keine Datei bausteine/{name}.docx; der \
             Ordner bausteine enthält keine Bausteine)"
        )
    } else {
        format!(
            "den Baustein „{name}“ gibt es nicht (keine Datei bausteine/{name}.docx); \
             vorhanden: {known}"
        )
    }
}

/// `baustein("x")` for a block that could not be read (its error is reported for the file).
pub fn refused_block(name: &str) -> String {
    format!("der Baustein „{name}“ ist nicht lesbar (siehe die Meldung zu seiner Datei)")
}

/// `ebene=` outside 0..5.
pub fn bad_level(level: i64) -> String {
    format!(
        "ebene={level} geht nicht: die Ebene der Überschrift, unter der der Baustein steht, \
         ist 0 bis 5 (## ist Ebene 2)"
    )
}

/// A Jinja tag inside a block that does not parse or render.
pub fn tag_error(datei: &str, stelle: &str, grund: &str) -> String {
    format!("{datei}, {stelle}: {grund}")
}

/// A macro of the template (`m.…`) called inside a block.
pub const MACRO_IN_BLOCK: &str = "Makros der Vorlage (z. B. m.eigene_beschluesse) lassen sich \
    in einem Baustein nicht aufrufen; bitte den Aufruf in die Vorlage hinter baustein(...) setzen";
