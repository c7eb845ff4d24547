//! Texts of `briefing serve`, the live preview in the browser: its lines on the terminal,
//! its refusals, and the words of its pages.

// The command line.

/// `briefing serve`.
pub const SERVE: &str = "Den Monat live im Browser ansehen: Briefings, Übersicht, E-Mails und alle Probleme (schreibt nichts)";
/// The usage line of `serve`.
pub const SERVE_USAGE: &str = "briefing serve [OPTIONEN]";
/// `--port`.
pub const SERVE_PORT: &str = "Port auf 127.0.0.1 (ohne Angabe: ein freier)";
/// `--kein-browser`.
pub const SERVE_NO_BROWSER: &str = "Den Browser nicht öffnen, nur die Adresse ausgeben";

// The terminal.

/// The first line on stdout: the address to open.
pub fn address(url: &str) -> String {
    format!("Vorschau: {url}")
}

/// Told on stderr once the server runs.
pub const RUNNING: &str = "Die Vorschau aktualisiert sich, sobald eine Vorlage, ein Baustein, eine Eingabe oder briefing.yaml gespeichert wird; Strg+C beendet sie. Die Adresse enthält ein Geheimnis: nicht weitergeben.";

/// The browser could not be started.
pub const NO_BROWSER: &str =
    "Der Browser ließ sich nicht öffnen; bitte die Adresse oben selbst im Browser aufrufen.";

/// The port cannot be used.
pub fn cannot_listen(port: u16, reason: &str) -> String {
    if port == 0 {
        format!("Die Vorschau kann auf 127.0.0.1 keinen freien Port öffnen: {reason}")
    } else {
        format!(
            "Die Vorschau kann Port {port} auf 127.0.0.1 nicht öffnen (schon belegt?): {reason}. Ohne --port wählt sie einen freien."
        )
    }
}

/// No random numbers for the token.
pub fn no_randomness(reason: &str) -> String {
    format!(
        "Das Betriebssystem liefert keine Zufallszahlen für das Geheimnis der Vorschau: {reason}"
    )
}

/// The check of a month's documents cannot run (the preview shows the month unchecked).
pub fn no_check_thread(reason: &str) -> String {
    format!("Die Prüfung aller Dokumente ließ sich nicht starten: {reason}")
}

// Refusals (plain text answers).

/// A request for another host name (DNS rebinding) or without one.
pub const WRONG_HOST: &str =
    "Abgelehnt: Die Vorschau antwortet nur unter 127.0.0.1 und localhost mit ihrem Port.";

/// A request without the token.
pub const NO_TOKEN: &str = "Abgelehnt: Die Vorschau braucht ihr Geheimnis. Bitte die Adresse mit ?token=… aufrufen, die briefing serve beim Start ausgegeben hat.";

/// A request with a wrong token.
pub const WRONG_TOKEN: &str = "Abgelehnt: Das Geheimnis in der Adresse stimmt nicht. Bitte die Adresse aufrufen, die briefing serve beim Start ausgegeben hat.";

/// A method other than GET.
pub const ONLY_READING: &str =
    "Abgelehnt: Die Vorschau zeigt nur an; sie ändert nichts und versendet nichts.";

/// A path with `..` or encoded dots.
pub const BAD_PATH: &str = "Abgelehnt: Diese Adresse gibt es in der Vorschau nicht.";

// The pages.

/// The name in the bar at the top.
pub const BRAND: &str = "briefing · Vorschau";

/// Link to the month at a glance.
pub const NAV_HOME: &str = "Monat im Überblick";

/// Link to the overview document.
pub const NAV_OVERVIEW: &str = "Übersicht (Dokument)";

/// The title of the index page.
pub fn index_title(month: &str) -> String {
    format!("Vorschau {month}")
}

/// Heading of the problems.
pub const PROBLEMS: &str = "Probleme (wie briefing check)";

/// No problems.
pub const NO_PROBLEMS: &str = "Keine Probleme: check meldet weder Fehler noch Warnungen.";

/// Label of an error.
pub const ERROR: &str = "Fehler";

/// Label of a warning.
pub const WARNING: &str = "Warnung";

/// Heading of the changes.
pub fn changes_title(before: &str) -> String {
    format!("Änderungen seit {before}")
}

/// Heading of the changes without a previous month; also the column.
pub const CHANGES: &str = "Änderungen";

/// No previous month's lists.
pub const NO_PREVIOUS_MONTH: &str = "Kein Vormonat in den Eingaben: Es gibt nichts zu vergleichen.";

/// A conference without changes.
pub const NO_CHANGES: &str = "keine";

/// Column of the conference.
pub const CONFERENCE: &str = "Konferenz";

/// A changed chair.
pub const CHANGED_CHAIR: &str = "Vorsitz";

/// A changed office.
pub const CHANGED_OFFICE: &str = "Geschäftsstelle";

/// New contacts.
pub const NEW_CONTACTS: &str = "neue Ansprechpersonen";

/// Changed contacts.
pub const CHANGED_CONTACTS: &str = "geänderte Ansprechpersonen";

/// Removed contacts.
pub const REMOVED_CONTACTS: &str = "entfallene Ansprechpersonen";

/// New meetings.
pub const NEW_MEETINGS: &str = "neue Termine";

/// Moved meetings.
pub const MOVED_MEETINGS: &str = "verschobene Termine";

/// Changed meetings.
pub const CHANGED_MEETINGS: &str = "geänderte Termine";

/// Cancelled meetings.
pub const CANCELLED_MEETINGS: &str = "abgesagte Termine";

/// Heading of the recipients.
pub const RECIPIENTS: &str = "Wer bekommt was";

/// Column of the name.
pub const NAME: &str = "Name";

/// Column of the address.
pub const ADDRESS: &str = "Adresse";

/// Column of the conferences.
pub const CONFERENCES: &str = "Konferenzen";

/// Column of the send state.
pub const SENT: &str = "Versand";

/// Column of the links.
pub const DOCUMENTS: &str = "Vorschau";

/// A spokesperson without an address.
pub const NO_ADDRESS: &str = "(keine Adresse)";

/// Not in the send log.
pub const NOT_SENT: &str = "noch nicht gesendet";

/// Delivered.
pub fn sent_at(time: &str, address: &str) -> String {
    format!("gesendet {time} an {address}")
}

/// The last attempt has no outcome.
pub fn sent_unknown(time: &str) -> String {
    format!("unklar: Versuch {time} ohne Antwort des Servers (siehe briefing send --angekommen)")
}

/// Link to a briefing.
pub const BRIEFING: &str = "Briefing";

/// Link to an e-mail.
pub const EMAIL: &str = "E-Mail";

/// Link to the overview.
pub const OVERVIEW_LINK: &str = "Übersicht aller Konferenzen als Dokument";

/// An id that is not in the roster, or a path that does not exist.
pub const NOT_FOUND: &str =
    "Diese Seite gibt es nicht (die Kennung steht nicht in der Sprecherliste).";

/// The error view's title.
pub const BROKEN_TITLE: &str = "Der Monat lässt sich so nicht erstellen";

/// Below the error view.
pub const BROKEN_HINT: &str =
    "Sobald die Datei korrigiert und gespeichert ist, erscheint hier wieder die Vorschau.";

/// The footnotes' region.
pub const FOOTNOTES: &str = "Fußnoten";

/// A page break.
pub const PAGE_BREAK: &str = "Seitenumbruch";

/// A landscape section.
pub const LANDSCAPE: &str = "Querformat";

/// The e-mail page's title.
pub fn email_title(name: &str) -> String {
    format!("E-Mail an {name}")
}

/// Label of the sender.
pub const FROM: &str = "Von";

/// Label of the recipient.
pub const TO: &str = "An";

/// Label of the subject.
pub const SUBJECT: &str = "Betreff";

/// The recipient.
pub fn recipient(name: &str, address: &str) -> String {
    if address.trim().is_empty() {
        format!("{name} {NO_ADDRESS}")
    } else {
        format!("{name} <{address}>")
    }
}

/// Without an address, `send` leaves the spokesperson out.
pub const NO_ADDRESS_SKIPPED: &str =
    "Keine E-Mail-Adresse in der Sprecherliste: send lässt diese Person aus.";

/// The message could not be built as `send` builds it.
pub fn send_would_fail(reason: &str) -> String {
    format!("So würde send diese Nachricht nicht verschicken: {reason}")
}

/// The size of the whole message.
pub fn message_size(bytes: usize) -> String {
    format!("So baut send die Nachricht: {} mit Anhängen.", size(bytes))
}

/// A size in kB.
pub fn size(bytes: usize) -> String {
    let tenths = bytes.div_ceil(100);
    format!("{},{} kB", tenths / 10, tenths % 10)
}

/// Heading of the attachments.
pub const ATTACHMENTS: &str = "Anhänge";

/// Link to show the attached briefing.
pub const SHOW: &str = "ansehen";

/// The PDF attachment, which the preview does not make.
pub const PDF_FROM_BUILD: &str =
    "PDF, von briefing build --pdf erzeugt; die Vorschau erstellt es nicht";
