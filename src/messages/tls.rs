//! Messages of the encrypted connection to the mail server: trust (`versand.ca_zertifikat`),
//! rejected certificates, TLS versions, login mechanisms, and `send --verbindung-pruefen`.
//!
//! Holds the texts of `src/deliver/{trust,certificate,probe,connection}.rs` and the TLS kinds
//! of `src/deliver/smtp.rs`; the other SMTP texts are in [`super::deliver`].

use std::fmt::Display;

// --- deliver/trust.rs: versand.ca_zertifikat

/// The CA file cannot be read.
pub fn ca_file_unreadable(path: &str, reason: &str) -> String {
    format!("versand.ca_zertifikat: {path} lässt sich nicht lesen: {reason}")
}

/// A PEM block of the CA file is broken.
pub fn ca_file_bad_pem(path: &str, number: usize, error: impl Display) -> String {
    format!(
        "versand.ca_zertifikat: {path}: das {number}. Zertifikat ist kein gültiger PEM-Block \
         ({error}); erwartet wird eine Textdatei mit Blöcken „-----BEGIN CERTIFICATE-----“"
    )
}

/// A certificate of the CA file cannot be read.
pub fn ca_file_bad_certificate(path: &str, number: usize) -> String {
    format!(
        "versand.ca_zertifikat: {path}: das {number}. Zertifikat lässt sich nicht lesen (kein \
         X.509-Zertifikat)"
    )
}

/// The CA file holds no certificate.
pub fn ca_file_empty(path: &str) -> String {
    format!(
        "versand.ca_zertifikat: {path} enthält kein Zertifikat; erwartet wird eine PEM-Datei mit \
         Blöcken „-----BEGIN CERTIFICATE-----“ (eine .cer-Datei im DER-Format lässt sich z. B. \
         mit `openssl x509 -inform der -in ca.cer -out ca.pem` umwandeln)"
    )
}

/// The TLS settings cannot be made (e.g. no certificate store on the system).
pub fn trust_setup(detail: &str) -> String {
    format!(
        "die Zertifikatsprüfung lässt sich nicht einrichten ({detail}); fehlt der \
         Zertifikatsspeicher des Systems, geben Sie die Zertifizierungsstelle mit \
         versand.ca_zertifikat an"
    )
}

/// `versand.ca_zertifikat` is empty.
pub const CA_FILE_BLANK: &str = "versand.ca_zertifikat ist leer; geben Sie den Pfad einer PEM-Datei an oder lassen Sie den \
     Eintrag weg";

// --- deliver/smtp.rs: the hints of the TLS and login kinds

/// The server's certificate was rejected.
pub fn certificate_rejected(server: &str) -> String {
    format!(
        "Das Zertifikat des Mailservers {server} wurde nicht anerkannt; die Verbindung wurde vor \
         der Anmeldung beendet, es wurde nichts gesendet."
    )
}

/// No common TLS version or cipher suite.
pub fn mismatch(server: &str) -> String {
    format!(
        "Der Mailserver {server} und briefing haben keine gemeinsame TLS-Version oder \
         Verschlüsselung; es wurde nichts gesendet."
    )
}

/// The server offers no login mechanism the program speaks.
pub fn auth_unsupported(server: &str) -> String {
    format!(
        "Der Mailserver {server} bietet kein Anmeldeverfahren an, das briefing beherrscht; es \
         wurde nichts gesendet."
    )
}

/// What the server offers instead.
pub fn mechanisms_offered(offered: &[String], spoken: &str) -> String {
    if offered.is_empty() {
        format!(
            "der Server bietet nach der Verschlüsselung gar keine Anmeldung (AUTH) an; briefing \
             meldet sich mit {spoken} an. Braucht dieser Server keine Anmeldung, lassen Sie \
             versand.benutzer weg"
        )
    } else {
        format!(
            "der Server bietet {} an, briefing beherrscht {spoken}; die IT des Mailservers kann \
             PLAIN oder LOGIN (über TLS) freischalten",
            offered.join(", ")
        )
    }
}

/// STARTTLS is not in the server's EHLO answer.
pub const STARTTLS_MISSING: &str = "der Server nennt STARTTLS nicht unter seinen Fähigkeiten; ohne Verschlüsselung wird nicht \
     gesendet";

// --- deliver/certificate.rs: why a certificate was rejected

/// A value that could not be read.
pub const UNKNOWN: &str = "unbekannt";

/// The certificate's issuer is not trusted.
pub fn unknown_issuer(issuer: &str, names: &str, ca_file: Option<&str>) -> String {
    let trusted = match ca_file {
        Some(path) => format!(
            "weder dem Zertifikatsspeicher dieses Rechners noch der Datei {path} \
             (versand.ca_zertifikat) bekannt"
        ),
        None => "dem Zertifikatsspeicher dieses Rechners nicht bekannt".to_string(),
    };
    format!(
        "das Zertifikat für {names} ist von „{issuer}“ ausgestellt, und diese \
         Zertifizierungsstelle ist {trusted}. Ist „{issuer}“ die Zertifizierungsstelle Ihrer \
         Verwaltung (die IT weiß es), gibt es zwei Wege, ihr zu vertrauen: ihr Stammzertifikat \
         im System installieren (unter Windows verteilt es meist die IT per Gruppenrichtlinie; \
         unter Linux z. B. nach /usr/local/share/ca-certificates und `update-ca-certificates`), \
         oder es als PEM-Datei ablegen und in briefing.yaml als versand.ca_zertifikat \
         eintragen (unter „versand:“ die Zeile „ca_zertifikat: PFAD“)"
    )
}

/// A trusted CA of the issuer's name did not sign the certificate.
pub fn bad_signature(issuer: &str, ca_file: Option<&str>) -> String {
    let source = match ca_file {
        Some(path) => format!("dem Zertifikatsspeicher dieses Rechners oder {path}"),
        None => "dem Zertifikatsspeicher dieses Rechners".to_string(),
    };
    format!(
        "das Zertifikat nennt als Aussteller „{issuer}“, aber die Unterschrift passt zu keinem \
         Zertifikat dieses Namens aus {source} (etwa ein erneuertes Stammzertifikat der \
         Zertifizierungsstelle). Bitte das aktuelle Stammzertifikat von der IT holen und \
         installieren bzw. in versand.ca_zertifikat eintragen"
    )
}

/// The certificate is for other names.
pub fn wrong_name(host: &str, names: &str) -> String {
    format!(
        "das Zertifikat gilt für {names}, verbunden wurde aber mit „{host}“. Tragen Sie als \
         Server (versand.server bzw. --smtp-host) einen der Namen aus dem Zertifikat ein, oder \
         lassen Sie die IT ein Zertifikat ausstellen, das „{host}“ enthält"
    )
}

/// The certificate has expired.
pub fn expired(from: &str, until: &str, today: &str) -> String {
    format!(
        "das Zertifikat ist abgelaufen: gültig vom {from} bis {until}, heute ist der {today}. \
         Die IT des Mailservers muss es erneuern (ist das heutige Datum falsch, geht die Uhr \
         dieses Rechners falsch)"
    )
}

/// The certificate is not valid yet.
pub fn not_yet_valid(from: &str, until: &str, today: &str) -> String {
    format!(
        "das Zertifikat ist noch nicht gültig: gültig vom {from} bis {until}, heute ist der \
         {today}. Stimmt die Uhr dieses Rechners?"
    )
}

/// The certificate was revoked.
pub const REVOKED: &str = "das Zertifikat wurde von seiner Zertifizierungsstelle widerrufen; bitte die IT des \
     Mailservers fragen";

/// Another certificate problem.
pub fn certificate_other(detail: &str) -> String {
    format!("das Zertifikat ist ungültig ({detail}); bitte die IT des Mailservers fragen")
}

/// The server refused the handshake (protocol version or handshake failure alert).
pub const MISMATCH_ALERT: &str = "der Server hat den Verbindungsaufbau abgelehnt. briefing verschlüsselt mit TLS 1.2 oder \
     1.3 und aktuellen Verfahren; ein Server, der nur TLS 1.0/1.1 oder veraltete Verfahren \
     anbietet, muss von seiner IT aktualisiert werden. Unverschlüsselt wird nicht ausgewichen";

/// The server offers only old TLS versions.
pub const MISMATCH_VERSION: &str = "der Server bietet nur eine TLS-Version älter als 1.2 an; briefing verlangt TLS 1.2 oder \
     1.3. Die IT des Mailservers muss ihn aktualisieren";

/// The server hung up during the handshake.
pub const HANDSHAKE_EOF: &str = "der Server hat den verschlüsselten Verbindungsaufbau ohne Angabe von Gründen beendet; \
     meist bietet er keine TLS-Version oder Verschlüsselung an, die briefing spricht (TLS 1.2 \
     oder 1.3 mit aktuellen Verfahren). Die IT des Mailservers muss ihn aktualisieren; \
     unverschlüsselt wird nicht ausgewichen";

/// Another incompatibility of the handshake.
pub fn mismatch_other(detail: &str) -> String {
    format!("Server und briefing passen beim Verbindungsaufbau nicht zusammen ({detail})")
}

/// What came back was not TLS.
pub fn not_tls(detail: &str, certificate_seen: bool) -> String {
    let hint = if certificate_seen {
        ""
    } else {
        "; passt --smtp-tls zum Port (starttls meist 587, tls meist 465)?"
    };
    format!("der Server antwortet nicht mit TLS ({detail}){hint}")
}

/// The host name cannot be used for TLS.
pub fn invalid_host(host: &str) -> String {
    format!("„{host}“ ist kein gültiger Servername für eine verschlüsselte Verbindung")
}

/// Another TLS error.
pub fn tls_other(detail: &str) -> String {
    format!("TLS-Fehler: {detail}")
}

// --- deliver/connection.rs: send --verbindung-pruefen

/// `send --verbindung-pruefen` (help).
pub const CHECK_CONNECTION_HELP: &str = "Nur die Verbindung zum Mailserver prüfen: verbinden, verschlüsseln, anmelden, beenden; \
     sendet nichts und schreibt nichts ins Versandprotokoll";

/// The first line.
pub fn check_header(server: &str, mode: &str) -> String {
    format!("Verbindungstest: Mailserver {server} ({mode})")
}

/// The connection kinds, as the header names them.
pub const MODE_STARTTLS: &str = "STARTTLS";
/// TLS from the start.
pub const MODE_TLS: &str = "TLS von Anfang an";
/// No encryption.
pub const MODE_NONE: &str = "unverschlüsselt";

/// The server's greeting.
pub fn check_greeting(greeting: &str) -> String {
    format!("  Server:          {greeting}")
}

/// The TLS version and cipher suite.
pub fn check_tls(version: &str, cipher: &str) -> String {
    format!("  Verschlüsselung: {version} ({cipher})")
}

/// No encryption.
pub const CHECK_NO_TLS: &str = "  Verschlüsselung: keine (--smtp-tls none)";

/// The server's certificate.
pub fn check_certificate(names: &str, issuer: &str, from: &str, until: &str) -> String {
    format!(
        "  Zertifikat:      für {names}, ausgestellt von „{issuer}“, gültig vom {from} bis {until}"
    )
}

/// Where trust came from: the system's store, or instead the files of `SSL_CERT_FILE` /
/// `SSL_CERT_DIR` (`environment`), plus `versand.ca_zertifikat`.
pub fn check_trust(environment: Option<&str>, ca_file: Option<(&str, usize)>) -> String {
    let store = match environment {
        Some(variables) => format!("{variables} (statt des Zertifikatsspeichers des Systems)"),
        None => "dem Zertifikatsspeicher des Systems".to_string(),
    };
    match ca_file {
        None => format!("  Vertrauen:       Zertifikat geprüft mit {store}"),
        Some((path, count)) => format!(
            "  Vertrauen:       Zertifikat geprüft mit {store} und {path} \
             (versand.ca_zertifikat, {count} Zertifikat(e))"
        ),
    }
}

/// The login was accepted.
pub fn check_login_ok(user: &str, mechanism: &str) -> String {
    format!("  Anmeldung:       als „{user}“ angenommen ({mechanism})")
}

/// The login was refused.
pub fn check_login_failed(user: &str) -> String {
    format!("  Anmeldung:       als „{user}“ abgelehnt")
}

/// No user given.
pub const CHECK_NO_LOGIN: &str = "  Anmeldung:       keine (kein Benutzer angegeben)";

/// All is well.
pub const CHECK_OK: &str =
    "Die Verbindung ist in Ordnung. Es wurde keine Nachricht gesendet und nichts protokolliert.";

/// Something failed.
pub fn check_failed(hint: &str, detail: &str) -> String {
    format!(
        "Fehler: {hint} (Meldung: {detail}). Es wurde keine Nachricht gesendet und nichts \
         protokolliert."
    )
}
