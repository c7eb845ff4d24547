//! Messages of e-mail delivery: messages, SMTP, the send batch, freshness.
//!
//! Holds the texts of `src/deliver/*`. The hints of [`crate::deliver::FailureKind`] are here;
//! what `send` prints around them is in [`super::cli`].

use std::fmt::Display;

// --- deliver/mod.rs: why a delivery cannot start

/// A file of the built month is missing.
pub fn not_built(path: impl Display) -> String {
    format!(
        "{path}: der Monat ist noch nicht erstellt (die Datei fehlt); bitte zuerst `briefing \
         build` ausführen"
    )
}

/// A document is older than one of the files it is made from.
pub fn stale(document: impl Display, source_file: impl Display) -> String {
    format!(
        "{document} ist älter als {source_file}; die Dokumente sind nicht mehr aktuell, bitte \
         zuerst `briefing build` ausführen"
    )
}

/// A document differs from its checksum in the manifest.
pub fn checksum(path: impl Display) -> String {
    format!(
        "{path}: die Datei weicht von ihrer Prüfsumme in versand.csv ab (nach dem Erstellen \
         geändert); bitte `briefing build` erneut ausführen"
    )
}

/// The sender is not an address.
pub fn bad_sender(sender: &str) -> String {
    format!("der Absender „{sender}“ ist keine E-Mail-Adresse (z. B. FITKO <it-plr@fitko.de>)")
}

/// The month's briefings were built with different reference dates.
pub fn mixed_stand(path: impl Display, dates: &str) -> String {
    format!(
        "{path}: die Briefings wurden mit verschiedenen Stichtagen erstellt ({dates}); bitte den \
         ganzen Monat neu erstellen"
    )
}

/// `versand.pdf_anhaengen` is on, but the briefing has no PDF.
pub fn pdf_not_built(path: impl Display) -> String {
    format!(
        "{path}: zu diesem Briefing gibt es keine PDF-Datei, versand.pdf_anhaengen verlangt aber \
         eine; erstellen Sie den Monat mit `briefing build --pdf` (oder `pdf: true` in \
         briefing.yaml) oder schalten Sie versand.pdf_anhaengen aus"
    )
}

// --- deliver/freshness.rs

/// Reading a file's modification time.
pub const READ_MODIFIED: &str = "das Änderungsdatum kann nicht gelesen werden";

// --- deliver/message.rs: one message

/// Reading a briefing's PDF.
pub const READ_PDF: &str = "die PDF-Datei lässt sich nicht lesen";
/// Removing a message of an earlier dry run.
pub const REMOVE_OLD_MESSAGE: &str = "die alte Nachricht kann nicht entfernt werden";

/// The recipient's address cannot be used.
pub fn unusable_address(address: &str) -> String {
    format!(
        "\"{address}\" ist keine verwendbare E-Mail-Adresse (erwartet wie \
         name@beispiel.de); bitte in sprecher.yaml berichtigen"
    )
}

/// An attachment's MIME type is refused.
pub fn content_type(error: impl Display) -> String {
    format!("ungültiger Dateityp eines Anhangs: {error}")
}

/// An attachment cannot be encoded.
pub const ATTACHMENT_NOT_ENCODABLE: &str = "ein Anhang lässt sich nicht in die Nachricht packen";

/// The message cannot be built.
pub fn message_not_built(error: impl Display) -> String {
    format!("die Nachricht lässt sich nicht zusammenstellen: {error}")
}

// --- deliver/smtp.rs: the mail server

/// Nobody accepts connections at that address and port.
pub fn refused(server: &str) -> String {
    format!(
        "Der Mailserver {server} nimmt keine Verbindung an (Verbindung abgelehnt). Stimmen \
         Server und Port (--smtp-host, --smtp-port bzw. versand.server, versand.port)?"
    )
}

/// The server did not answer in time.
pub fn timed_out(server: &str, seconds: u64) -> String {
    format!(
        "Der Mailserver {server} hat nicht innerhalb von {seconds} Sekunden geantwortet \
         (Zeitüberschreitung). Ist das Netz erreichbar (VPN)? Die Wartezeit lässt sich mit \
         --smtp-timeout bzw. versand.timeout_sekunden ändern."
    )
}

/// The server wants a login.
pub fn auth_required(server: &str, password_variable: &str) -> String {
    format!(
        "Der Mailserver {server} verlangt eine Anmeldung. Geben Sie den Benutzer an \
         (--smtp-user bzw. versand.benutzer) und setzen Sie das Passwort in der \
         Umgebungsvariablen {password_variable}."
    )
}

/// The login was refused.
pub fn auth_failed(server: &str, password_variable: &str) -> String {
    format!(
        "Der Mailserver {server} hat die Anmeldung abgelehnt. Prüfen Sie Benutzer und Passwort \
         ({password_variable})."
    )
}

/// The server offers no STARTTLS.
pub fn tls_not_offered(server: &str) -> String {
    format!(
        "Der Mailserver {server} bietet keine Verschlüsselung (STARTTLS) an. Prüfen Sie Server \
         und Port; für TLS von Anfang an (meist Port 465): --smtp-tls tls."
    )
}

/// The encrypted connection failed.
pub fn tls_failed(server: &str) -> String {
    format!(
        "Die verschlüsselte Verbindung zu {server} ist gescheitert. Passt --smtp-tls (starttls \
         meist Port 587, tls meist Port 465) zum Port?"
    )
}

/// The connection broke off.
pub fn connection_lost(server: &str) -> String {
    format!("Die Verbindung zu {server} ist abgebrochen.")
}

/// The server refused the message for good.
pub const REJECTED: &str =
    "Der Mailserver hat die Nachricht endgültig abgelehnt (siehe seine Antwort).";

/// The server refused for now, also after the retries.
pub const TEMPORARY: &str = "Der Mailserver hat vorübergehend abgelehnt, auch nach mehreren \
                             Versuchen; später erneut `briefing send` ausführen.";

/// A password would go over an unencrypted connection.
pub const PASSWORD_UNENCRYPTED: &str = "mit --smtp-tls none ginge das Passwort unverschlüsselt \
                                        über das Netz; das geschieht nicht. Verwenden Sie \
                                        starttls oder tls, oder – nur für einen Mailserver auf \
                                        diesem Rechner – erlauben Sie es ausdrücklich mit \
                                        --unverschluesselt-erlauben (bzw. \
                                        versand.unverschluesselt_erlauben: true)";

/// A user is given but no password.
pub fn password_missing(password_variable: &str) -> String {
    format!(
        "ein SMTP-Benutzer ist angegeben, aber {password_variable} ist nicht gesetzt; setzen Sie \
         das Passwort in dieser Umgebungsvariablen"
    )
}

// --- deliver/run.rs: the sending loop

/// One message is being sent.
pub fn sending(number: usize, total: usize, id: &str, address: &str) -> String {
    format!("[{number}/{total}] sende {id} an {address} …")
}

// --- deliver/plan.rs: test addresses (issue 20)

/// `--to` with something that is no address.
pub fn bad_test_address(address: &str) -> String {
    format!(
        "--to {address}: das ist keine verwendbare E-Mail-Adresse (erwartet wie \
         name@beispiel.de); es wurde nichts gesendet"
    )
}

/// `--to` with a spokesperson's own address while others' briefings would go there.
pub fn test_address_of_spokesperson(address: &str, id: &str) -> String {
    format!(
        "--to {address}: das ist die Adresse von {id}; ein Test dorthin schickte {id} die \
         Briefings anderer. Nehmen Sie eine eigene Testadresse, oder schicken Sie {id} nur das \
         eigene Briefing mit --only {id}; es wurde nichts gesendet"
    )
}
