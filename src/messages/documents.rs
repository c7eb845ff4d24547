//! Messages of assembling documents, the DOCX writer (reference document), calendar files, PDF.
//!
//! Holds the texts of `src/assemble.rs`, `src/docx/{design,error}.rs` and `src/pdf.rs`. The
//! documents' own words (titles, headers, the footer, calendar text) are not here: they are
//! document content and live with the code that writes them.

use std::fmt::Display;

// --- assemble.rs

/// A briefing, as the messages below name it.
pub fn the_briefing_of(id: &str) -> String {
    format!("das Briefing von {id}")
}

/// The overview, as the messages below name it.
pub const THE_OVERVIEW: &str = "die Übersicht";

/// A document's Markdown cannot become a Word document; `document` from [`the_briefing_of`]
/// or [`THE_OVERVIEW`].
pub fn unconvertible(document: &str, error: impl Display) -> String {
    format!("das Markdown für {document} lässt sich nicht in ein Word-Dokument umwandeln: {error}")
}

/// A document links to a target other than http, https or mailto.
pub fn refused_link(link: &str) -> String {
    format!(
        "das Dokument verlinkt auf „{link}“; erlaubt sind nur Links mit http://, https:// und \
         mailto: (bitte die Links der Vorlage und Markdown-Felder wie „kurz“ eines Beschlusses \
         prüfen)"
    )
}

// --- docx/error.rs

/// Markdown image syntax in a template.
pub fn image_not_supported(image: &str) -> String {
    format!(
        "Bilder sind in Word-Briefings nicht möglich (gefunden: Bild „{image}“); bitte das Bild \
         aus der Vorlage entfernen"
    )
}

/// The zip container could not be written.
pub fn zip_failed(error: impl Display) -> String {
    format!("das .docx-Paket ließ sich nicht schreiben: {error}")
}

/// Writing the XML into memory failed.
pub fn xml_failed(error: impl Display) -> String {
    format!("das XML des Dokuments ließ sich nicht schreiben: {error}")
}

// --- docx/design.rs: the reference document and the logo (shown after the file name)

/// The reference document is not a zip archive.
pub const REFERENCE_NOT_DOCX: &str =
    "kein Word-Dokument (.docx): die Datei lässt sich nicht als Zip-Archiv öffnen";
/// The reference document has no `word/styles.xml`.
pub const REFERENCE_WITHOUT_STYLES: &str = "enthält keine Formatvorlagen (word/styles.xml \
                                            fehlt); speichern Sie die Datei in Word als \
                                            „Word-Dokument (*.docx)“";
/// The reference's `word/styles.xml` is not UTF-8.
pub const STYLES_NOT_UTF8: &str = "die Formatvorlagen (word/styles.xml) sind kein UTF-8-Text";
/// The logo does not start with the PNG signature.
pub const LOGO_NOT_PNG: &str = "kein PNG-Bild (die Datei beginnt nicht mit der PNG-Kennung)";
/// The logo has no IHDR chunk.
pub const LOGO_INCOMPLETE: &str = "kein vollständiges PNG-Bild (der IHDR-Kopf fehlt)";

/// The logo's size is zero or absurd.
pub fn logo_size(width_px: u32, height_px: u32) -> String {
    format!("das Bild hat die unbrauchbare Größe {width_px} × {height_px} Pixel")
}

/// A part of the reference document cannot be read.
pub fn part_unreadable(name: &str, error: impl Display) -> String {
    format!("{name} lässt sich nicht lesen: {error}")
}

/// A part of the reference document is too large.
pub fn part_too_large(name: &str, megabytes: u64) -> String {
    format!("{name} ist größer als {megabytes} MB")
}

/// The reference's `word/styles.xml` is not well-formed XML.
pub fn styles_not_xml(error: impl Display) -> String {
    format!("die Formatvorlagen (word/styles.xml) sind kein gültiges XML: {error}")
}

/// The reference's `word/styles.xml` has another root than `w:styles`.
pub const STYLES_WITHOUT_ROOT: &str = "word/styles.xml enthält keine Word-Formatvorlagen \
                                       (erwartet wird das Wurzelelement w:styles)";
/// XML without a root element (after [`styles_not_xml`]).
pub const NO_ROOT: &str = "kein Wurzelelement";
/// XML with several root elements.
pub const SEVERAL_ROOTS: &str = "mehr als ein Wurzelelement";
/// XML that ends inside an element.
pub const UNCLOSED_ELEMENT: &str =
    "unerwartetes Ende des Textes: ein Element ist nicht geschlossen";

// --- pdf.rs

/// `soffice` is not on the PATH.
pub const LIBREOFFICE_NOT_INSTALLED: &str = "LibreOffice (soffice) ist nicht installiert oder \
                                             nicht im Suchpfad; es wird für die PDF-Dateien \
                                             gebraucht (Debian/Ubuntu: apt-get install \
                                             libreoffice-writer-nogui)";

/// Two documents would give the same PDF name.
pub fn duplicate_pdf(name: &str) -> String {
    format!("Zwei Dokumente ergäben dieselbe PDF-Datei {name}")
}

/// LibreOffice could not be started.
pub fn libreoffice_not_started(error: impl Display) -> String {
    format!("LibreOffice konnte nicht gestartet werden: {error}")
}

/// LibreOffice took too long and was stopped.
pub fn libreoffice_timeout(seconds: u64) -> String {
    format!(
        "LibreOffice hat die PDF-Dateien nicht binnen {seconds} Sekunden erzeugt und wurde beendet"
    )
}

/// LibreOffice ended without writing every PDF; `detail` from [`libreoffice_ended`].
pub fn pdf_missing(missing: &str, detail: &str) -> String {
    format!("LibreOffice hat keine PDF-Datei erzeugt für: {missing} ({detail})")
}

/// How LibreOffice ended, with what it wrote on stderr (empty if nothing).
pub fn libreoffice_ended(status: impl Display, output: &str) -> String {
    if output.is_empty() {
        format!("Beendet mit {status}")
    } else {
        format!("Beendet mit {status}: {output}")
    }
}
