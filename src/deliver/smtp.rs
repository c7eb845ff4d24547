//! Sending prepared messages over SMTP (lettre), with the settings resolved by
//! [`crate::settings`]: timeouts on connecting and on every command, retries of temporary
//! refusals (4xx), and every failure sorted into a [`FailureKind`] with a plain German hint.
//!
//! This module only talks to the server; recording what went out is `send`'s job.

use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::{SmtpTransport, Transport};

use super::DeliverError;
use super::message::Prepared;
use crate::load::config::SmtpTls;

/// The environment variable that holds the SMTP password.
pub const PASSWORD_VARIABLE: &str = "BRIEFING_SMTP_PASSWORD";

/// Where and how to reach the mail server.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// The server's host name.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// How the connection is secured.
    pub tls: SmtpTls,
    /// The user to log in as, if any.
    pub user: Option<String>,
    /// The password, only ever from the environment.
    pub password: Option<String>,
    /// How long to wait for the server to connect and to answer each command.
    pub timeout: Duration,
    /// Whether a password may go over an unencrypted connection (a relay on this machine).
    pub allow_unencrypted: bool,
    /// Pauses before the retries of a temporary refusal (4xx).
    pub retry_pauses: Vec<Duration>,
}

/// Why a message did not go (or may not have).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FailureKind {
    /// Nobody accepts connections at that address and port.
    Refused,
    /// The server did not answer in time.
    TimedOut,
    /// The server wants a login.
    AuthRequired,
    /// The login was refused.
    AuthFailed,
    /// The server offers no STARTTLS.
    TlsNotOffered,
    /// The encrypted connection failed.
    Tls,
    /// The connection broke off.
    Connection,
    /// The server refused this recipient or message for good (5xx).
    Rejected,
    /// The server refused for now (4xx), also after the retries.
    Temporary,
}

impl FailureKind {
    /// Whether the message can have reached the server: the run ended while the server had
    /// it, so only the recipient's mailbox can tell.
    pub fn may_have_arrived(self) -> bool {
        matches!(self, FailureKind::TimedOut | FailureKind::Connection)
    }

    /// Whether every further message would fail the same way, so the batch stops.
    pub fn stops_the_batch(self) -> bool {
        !matches!(self, FailureKind::Rejected | FailureKind::Temporary)
    }

    /// What to do, in plain words.
    pub fn hint(self, settings: &SmtpSettings) -> String {
        let server = format!("{}:{}", settings.host, settings.port);
        match self {
            FailureKind::Refused => format!(
                "Der Mailserver {server} nimmt keine Verbindung an (Verbindung abgelehnt). Stimmen \
                 Server und Port (--smtp-host, --smtp-port bzw. versand.server, versand.port)?"
            ),
            FailureKind::TimedOut => format!(
                "Der Mailserver {server} hat nicht innerhalb von {} Sekunden geantwortet \
                 (Zeitüberschreitung). Ist das Netz erreichbar (VPN)? Die Wartezeit lässt sich mit \
                 --smtp-timeout bzw. versand.timeout_sekunden ändern.",
                settings.timeout.as_secs()
            ),
            FailureKind::AuthRequired => format!(
                "Der Mailserver {server} verlangt eine Anmeldung. Geben Sie den Benutzer an \
                 (--smtp-user bzw. versand.benutzer) und setzen Sie das Passwort in der \
                 Umgebungsvariablen {PASSWORD_VARIABLE}."
            ),
            FailureKind::AuthFailed => format!(
                "Der Mailserver {server} hat die Anmeldung abgelehnt. Prüfen Sie Benutzer und \
                 Passwort ({PASSWORD_VARIABLE})."
            ),
            FailureKind::TlsNotOffered => format!(
                "Der Mailserver {server} bietet keine Verschlüsselung (STARTTLS) an. Prüfen Sie \
                 Server und Port; für TLS von Anfang an (meist Port 465): --smtp-tls tls."
            ),
            FailureKind::Tls => format!(
                "Die verschlüsselte Verbindung zu {server} ist gescheitert. Passt --smtp-tls \
                 (starttls meist Port 587, tls meist Port 465) zum Port?"
            ),
            FailureKind::Connection => format!("Die Verbindung zu {server} ist abgebrochen."),
            FailureKind::Rejected => {
                "Der Mailserver hat die Nachricht endgültig abgelehnt (siehe seine Antwort).".into()
            }
            FailureKind::Temporary => {
                "Der Mailserver hat vorübergehend abgelehnt, auch nach mehreren Versuchen; später \
                 erneut `briefing send` ausführen."
                    .into()
            }
        }
    }
}

/// A failed attempt: its kind and what the server or the system said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    /// The kind.
    pub kind: FailureKind,
    /// The detail, as lettre reports it.
    pub detail: String,
}

fn classify(error: &lettre::transport::smtp::Error) -> SendFailure {
    let detail = error.to_string();
    let lower = detail.to_lowercase();
    let io_kind = io_kind(error);
    let code = error.status().map(|code| code.to_string());
    // A socket read timeout is `WouldBlock` on Unix, `TimedOut` on Windows.
    let timed_out = matches!(
        io_kind,
        Some(std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock)
    );
    let kind = if error.is_timeout() || timed_out {
        FailureKind::TimedOut
    } else if io_kind == Some(std::io::ErrorKind::ConnectionRefused) {
        FailureKind::Refused
    } else if code.as_deref() == Some("530") || lower.contains("authentication required") {
        FailureKind::AuthRequired
    } else if code.as_deref() == Some("535") || lower.contains("authentication mechanism") {
        FailureKind::AuthFailed
    } else if lower.contains("starttls is not supported") {
        FailureKind::TlsNotOffered
    } else if error.is_tls() {
        FailureKind::Tls
    } else if error.is_transient() {
        FailureKind::Temporary
    } else if error.is_permanent() {
        FailureKind::Rejected
    } else {
        FailureKind::Connection
    };
    SendFailure { kind, detail }
}

fn io_kind(error: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut source = error.source();
    while let Some(inner) = source {
        if let Some(io) = inner.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = inner.source();
    }
    None
}

/// An SMTP connection factory (lettre opens a connection per message).
pub struct Mailer {
    transport: SmtpTransport,
    settings: SmtpSettings,
}

impl Mailer {
    /// Checks the settings (no password in clear text unless allowed) and prepares the
    /// transport; nothing is sent yet.
    pub fn new(settings: &SmtpSettings) -> Result<Mailer, DeliverError> {
        let smtp = |error: lettre::transport::smtp::Error| {
            DeliverError::Smtp(format!("SMTP server {}: {error}", settings.host))
        };
        let builder = match settings.tls {
            SmtpTls::None => SmtpTransport::builder_dangerous(settings.host.as_str()),
            SmtpTls::StartTls => SmtpTransport::starttls_relay(&settings.host).map_err(smtp)?,
            SmtpTls::Tls => SmtpTransport::relay(&settings.host).map_err(smtp)?,
        };
        let mut builder = builder.port(settings.port).timeout(Some(settings.timeout));
        match (&settings.user, &settings.password) {
            (Some(_), Some(_)) if settings.tls == SmtpTls::None && !settings.allow_unencrypted => {
                return Err(DeliverError::Smtp(
                    "mit --smtp-tls none ginge das Passwort unverschlüsselt über das Netz; das \
                     geschieht nicht. Verwenden Sie starttls oder tls, oder – nur für einen \
                     Mailserver auf diesem Rechner – erlauben Sie es ausdrücklich mit \
                     --unverschluesselt-erlauben (bzw. versand.unverschluesselt_erlauben: true)"
                        .to_string(),
                ));
            }
            (Some(user), Some(password)) => {
                builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
            }
            (Some(_), None) => {
                return Err(DeliverError::Smtp(format!(
                    "ein SMTP-Benutzer ist angegeben, aber {PASSWORD_VARIABLE} ist nicht gesetzt; \
                     setzen Sie das Passwort in dieser Umgebungsvariablen"
                )));
            }
            _ => {}
        }
        Ok(Mailer {
            transport: builder.build(),
            settings: settings.clone(),
        })
    }

    /// The settings this mailer uses (for hints).
    pub fn settings(&self) -> &SmtpSettings {
        &self.settings
    }

    /// Connects once without sending, so an unreachable or misconfigured server costs one
    /// failure, not one per recipient.
    pub fn check(&self) -> Result<(), SendFailure> {
        self.transport
            .test_connection()
            .map(|_| ())
            .map_err(|error| classify(&error))
    }

    /// Sends one message; a temporary refusal (4xx) is retried after the configured pauses.
    pub fn send(&self, prepared: &Prepared) -> Result<(), SendFailure> {
        let mut pauses = self.settings.retry_pauses.iter();
        loop {
            match self.transport.send(&prepared.message) {
                Ok(_) => return Ok(()),
                Err(error) => {
                    let failure = classify(&error);
                    match (failure.kind, pauses.next()) {
                        (FailureKind::Temporary, Some(pause)) => std::thread::sleep(*pause),
                        _ => return Err(failure),
                    }
                }
            }
        }
    }
}
