//! Sending prepared messages over SMTP (lettre), with the settings resolved by
//! [`crate::settings`]: timeouts on connecting and on every command, retries of temporary
//! refusals (4xx), and every failure sorted into a [`FailureKind`] with a plain German hint.
//!
//! A message is sent command by command (MAIL, RCPT, DATA) so the caller can record that it
//! is about to go right before DATA: a failure before that point certainly did not deliver
//! it. This module only talks to the server; recording what went out is `send`'s job.

use std::time::Duration;

use lettre::SmtpTransport;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use super::DeliverError;
use super::message::Prepared;
use crate::load::config::SmtpTls;
use crate::messages::deliver as messages;

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
            FailureKind::Refused => messages::refused(&server),
            FailureKind::TimedOut => messages::timed_out(&server, settings.timeout.as_secs()),
            FailureKind::AuthRequired => messages::auth_required(&server, PASSWORD_VARIABLE),
            FailureKind::AuthFailed => messages::auth_failed(&server, PASSWORD_VARIABLE),
            FailureKind::TlsNotOffered => messages::tls_not_offered(&server),
            FailureKind::Tls => messages::tls_failed(&server),
            FailureKind::Connection => messages::connection_lost(&server),
            FailureKind::Rejected => messages::REJECTED.to_string(),
            FailureKind::Temporary => messages::TEMPORARY.to_string(),
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
    /// Whether it failed after DATA was sent, i.e. while the server had the message.
    pub after_data: bool,
}

impl SendFailure {
    /// Whether the message can have reached the recipient although no acceptance came.
    pub fn may_have_arrived(&self) -> bool {
        self.after_data && self.kind.may_have_arrived()
    }
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
    SendFailure {
        kind,
        detail,
        after_data: false,
    }
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

/// An SMTP connection factory: one connection per message.
pub struct Mailer {
    transport: SmtpTransport,
    settings: SmtpSettings,
    credentials: Option<Credentials>,
}

impl Mailer {
    /// Checks the settings (no password in clear text unless allowed) and prepares the
    /// transport; nothing is sent yet.
    pub fn new(settings: &SmtpSettings) -> Result<Mailer, DeliverError> {
        let smtp = |error: lettre::transport::smtp::Error| {
            DeliverError::Smtp(messages::smtp_server_error(&settings.host, error))
        };
        let builder = match settings.tls {
            SmtpTls::None => SmtpTransport::builder_dangerous(settings.host.as_str()),
            SmtpTls::StartTls => SmtpTransport::starttls_relay(&settings.host).map_err(smtp)?,
            SmtpTls::Tls => SmtpTransport::relay(&settings.host).map_err(smtp)?,
        };
        let mut builder = builder.port(settings.port).timeout(Some(settings.timeout));
        let mut credentials = None;
        match (&settings.user, &settings.password) {
            (Some(_), Some(_)) if settings.tls == SmtpTls::None && !settings.allow_unencrypted => {
                return Err(DeliverError::Smtp(
                    messages::PASSWORD_UNENCRYPTED.to_string(),
                ));
            }
            (Some(user), Some(password)) => {
                credentials = Some(Credentials::new(user.clone(), password.clone()));
                builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
            }
            (Some(_), None) => {
                return Err(DeliverError::Smtp(messages::password_missing(
                    PASSWORD_VARIABLE,
                )));
            }
            _ => {}
        }
        Ok(Mailer {
            transport: builder.build(),
            settings: settings.clone(),
            credentials,
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

    /// Sends one message; `before_data` runs right before DATA (to record the attempt) and
    /// stops the attempt if it fails. A temporary refusal (4xx) is retried after the
    /// configured pauses.
    pub fn send<E>(
        &self,
        prepared: &Prepared,
        before_data: &mut dyn FnMut() -> Result<(), E>,
    ) -> Result<Result<(), SendFailure>, E> {
        let mut pauses = self.settings.retry_pauses.iter();
        loop {
            match self.attempt(prepared, before_data)? {
                Ok(()) => return Ok(Ok(())),
                Err(failure) => match (failure.kind, pauses.next()) {
                    (FailureKind::Temporary, Some(pause)) => std::thread::sleep(*pause),
                    _ => return Ok(Err(failure)),
                },
            }
        }
    }

    fn connect(&self) -> Result<SmtpConnection, lettre::transport::smtp::Error> {
        let host = &self.settings.host;
        let hello = ClientId::default();
        let wrapper = match self.settings.tls {
            SmtpTls::Tls => Some(TlsParameters::new(host.clone())?),
            _ => None,
        };
        let mut connection = SmtpConnection::connect(
            (host.as_str(), self.settings.port),
            Some(self.settings.timeout),
            &hello,
            wrapper.as_ref(),
            None,
        )?;
        if self.settings.tls == SmtpTls::StartTls {
            connection.starttls(&TlsParameters::new(host.clone())?, &hello)?;
        }
        if let Some(credentials) = &self.credentials {
            connection.auth(DEFAULT_MECHANISMS, credentials)?;
        }
        Ok(connection)
    }

    fn attempt<E>(
        &self,
        prepared: &Prepared,
        before_data: &mut dyn FnMut() -> Result<(), E>,
    ) -> Result<Result<(), SendFailure>, E> {
        let mut connection = match self.connect() {
            Ok(connection) => connection,
            Err(error) => return Ok(Err(classify(&error))),
        };
        let envelope = prepared.message.envelope();
        let bytes = prepared.message.formatted();
        let mut options = Vec::new();
        if !bytes.is_ascii()
            && connection
                .server_info()
                .supports_feature(Extension::EightBitMime)
        {
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let envelope_commands =
            |connection: &mut SmtpConnection| -> Result<(), lettre::transport::smtp::Error> {
                connection.command(Mail::new(envelope.from().cloned(), options))?;
                for to in envelope.to() {
                    connection.command(Rcpt::new(to.clone(), vec![]))?;
                }
                Ok(())
            };
        if let Err(error) = envelope_commands(&mut connection) {
            connection.abort();
            return Ok(Err(classify(&error)));
        }
        if let Err(error) = before_data() {
            connection.abort();
            return Err(error);
        }
        let delivered = connection
            .command(Data)
            .and_then(|_| connection.message(&bytes));
        match delivered {
            Ok(_) => {
                let _ = connection.quit();
                Ok(Ok(()))
            }
            Err(error) => {
                connection.abort();
                let mut failure = classify(&error);
                failure.after_data = true;
                Ok(Err(failure))
            }
        }
    }
}
