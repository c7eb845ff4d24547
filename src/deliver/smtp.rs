//! Sending prepared messages over SMTP (lettre), with the settings resolved by
//! [`crate::settings`]: timeouts on connecting and on every command, retries of temporary
//! refusals (4xx), and every failure sorted into a [`FailureKind`] with a plain German hint.
//!
//! A message is sent command by command (MAIL, RCPT, DATA) so the caller can record that it
//! is about to go right before DATA: a failure before that point certainly did not deliver
//! it. This module only talks to the server; recording what went out is `send`'s job.
//!
//! TLS is always verified ([`super::trust`]: the system's store plus `versand.ca_zertifikat`);
//! when the handshake fails, [`super::probe`] reads the server's certificate once more so the
//! error can name its issuer, names and dates ([`super::certificate`]). Login is PLAIN or
//! LOGIN, whichever the server offers, only over TLS unless allowed otherwise.

use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Ehlo, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use super::DeliverError;
use super::certificate::{self, TrustSources};
use super::message::Prepared;
use super::probe::{self, ProbeError};
use super::trust::Trust;
use crate::load::config::SmtpTls;
use crate::messages::deliver as messages;
use crate::messages::tls as tls_messages;

/// The login mechanisms the program speaks, in the order it prefers them (Exchange offers
/// only LOGIN; most others both).
pub const MECHANISMS: &[Mechanism] = &[Mechanism::Plain, Mechanism::Login];

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
    /// `versand.ca_zertifikat`: CA certificates trusted beyond the system's store.
    pub ca_file: Option<PathBuf>,
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
    /// The server's certificate was rejected (unknown issuer, wrong name, expired).
    Certificate,
    /// Server and program have no TLS version or cipher suite in common.
    TlsMismatch,
    /// The server offers no login mechanism the program speaks.
    AuthUnsupported,
    /// The connection broke off.
    Connection,
    /// The server refused this recipient or message for good (5xx).
    Rejected,
    /// The server refused for now (4xx), also after the retries.
    Temporary,
}

impl FailureKind {
    /// The kind of a TLS problem.
    pub fn of(problem: certificate::Problem) -> FailureKind {
        match problem {
            certificate::Problem::Certificate => FailureKind::Certificate,
            certificate::Problem::Mismatch => FailureKind::TlsMismatch,
            certificate::Problem::Other => FailureKind::Tls,
        }
    }

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
            FailureKind::Certificate => tls_messages::certificate_rejected(&server),
            FailureKind::TlsMismatch => tls_messages::mismatch(&server),
            FailureKind::AuthUnsupported => tls_messages::auth_unsupported(&server),
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
    // A TLS error is recognised only while connecting (`Mailer::failure`): after DATA a
    // broken TLS stream is a broken connection, and the message may have arrived.
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

/// The rustls error behind a failed handshake. An `io::Error` does not list the error it
/// wraps as its source, so each one is opened.
fn rustls_error<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut current: Option<&'a (dyn std::error::Error + 'static)> = Some(error);
    while let Some(inner) = current {
        if let Some(tls) = inner.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        if let Some(io) = inner.downcast_ref::<std::io::Error>() {
            if let Some(tls) = io.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
                return Some(tls);
            }
        }
        current = inner.source();
    }
    None
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
    settings: SmtpSettings,
    credentials: Option<Credentials>,
    trust: Trust,
    tls_parameters: Option<TlsParameters>,
}

/// A connection that is set up (TLS started, logged in if asked), and how it logged in.
pub struct Connected {
    /// The connection.
    pub connection: SmtpConnection,
    /// The login mechanism used, if it logged in.
    pub mechanism: Option<Mechanism>,
}

impl Mailer {
    /// Checks the settings (no password in clear text unless allowed) and prepares the
    /// transport; nothing is sent yet.
    pub fn new(settings: &SmtpSettings) -> Result<Mailer, DeliverError> {
        let credentials = match (&settings.user, &settings.password) {
            (Some(_), Some(_)) if settings.tls == SmtpTls::None && !settings.allow_unencrypted => {
                return Err(DeliverError::Smtp(
                    messages::PASSWORD_UNENCRYPTED.to_string(),
                ));
            }
            (Some(user), Some(password)) => Some(Credentials::new(user.clone(), password.clone())),
            (Some(_), None) => {
                return Err(DeliverError::Smtp(messages::password_missing(
                    PASSWORD_VARIABLE,
                )));
            }
            _ => None,
        };
        let trust = Trust::load(settings.ca_file.as_deref())?;
        // Always verified: there is no setting that accepts an unverified certificate.
        let tls_parameters = match settings.tls {
            SmtpTls::None => None,
            SmtpTls::StartTls | SmtpTls::Tls => Some(trust.tls_parameters(&settings.host)?),
        };
        Ok(Mailer {
            settings: settings.clone(),
            credentials,
            trust,
            tls_parameters,
        })
    }

    /// The settings this mailer uses (for hints).
    pub fn settings(&self) -> &SmtpSettings {
        &self.settings
    }

    /// Connects once without sending, so an unreachable or misconfigured server costs one
    /// failure, not one per recipient.
    pub fn check(&self) -> Result<(), SendFailure> {
        let connected = self.connect()?;
        let mut connection = connected.connection;
        let _ = connection.quit();
        Ok(())
    }

    /// The trust this mailer verifies the server with.
    pub fn trust(&self) -> &Trust {
        &self.trust
    }

    /// A failure of lettre while connecting, sorted, and for a TLS failure explained in
    /// German from what the server presents (a second look, see [`super::probe`]). A
    /// connection that broke off during TLS is looked at too: a server that shares no TLS
    /// version with the program often just hangs up in the handshake.
    fn failure(&self, error: &lettre::transport::smtp::Error) -> SendFailure {
        let mut failure = classify(error);
        let seen = rustls_error(error);
        if seen.is_some() {
            // lettre reports a failed handshake as a network error.
            failure.kind = FailureKind::Tls;
        }
        let encrypted = self.settings.tls != SmtpTls::None;
        if seen.is_some() || (encrypted && failure.kind == FailureKind::Connection) {
            if let Some((kind, detail)) = self.diagnose(seen) {
                failure.kind = kind;
                failure.detail = detail;
            }
        }
        failure
    }

    /// What went wrong in the handshake: `seen` is the error lettre met, if it carried one;
    /// the probe reads the certificate (and finds the error itself when lettre's had none).
    fn diagnose(&self, seen: Option<&rustls::Error>) -> Option<(FailureKind, String)> {
        let (chain, result) = match self.probe() {
            Ok((found, result)) => (found.chain, Some(result)),
            Err(_) => (Vec::new(), None),
        };
        match (seen, result) {
            (Some(error), _) => Some(self.describe(error, &chain)),
            (None, Some(Err(ProbeError::Tls(error)))) => Some(self.describe(&error, &chain)),
            (None, Some(Err(ProbeError::HandshakeEof))) => Some((
                FailureKind::TlsMismatch,
                tls_messages::HANDSHAKE_EOF.to_string(),
            )),
            _ => None,
        }
    }

    /// What a TLS error means, given the chain the server presented.
    pub fn describe(
        &self,
        error: &rustls::Error,
        chain: &[certificate::CertificateInfo],
    ) -> (FailureKind, String) {
        let ca_file = self
            .trust
            .ca_file
            .as_ref()
            .map(|path| path.display().to_string());
        let (problem, detail) = certificate::explain(
            error,
            chain,
            &self.settings.host,
            TrustSources {
                ca_file: ca_file.as_deref(),
            },
        );
        (FailureKind::of(problem), detail)
    }

    /// Looks at the server's TLS without logging in (for the connection test).
    pub fn probe(&self) -> Result<(probe::Probe, Result<(), ProbeError>), DeliverError> {
        let settings = &self.settings;
        Ok(probe::probe(
            &settings.host,
            settings.port,
            settings.tls,
            settings.timeout,
            self.trust.verifier()?,
        ))
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

    /// Connects, starts TLS as configured and logs in if a user is given; nothing is sent.
    pub fn connect(&self) -> Result<Connected, SendFailure> {
        let host = &self.settings.host;
        let hello = ClientId::default();
        let wrapper = match self.settings.tls {
            SmtpTls::Tls => self.tls_parameters.as_ref(),
            _ => None,
        };
        let mut connection = SmtpConnection::connect(
            (host.as_str(), self.settings.port),
            Some(self.settings.timeout),
            &hello,
            wrapper,
            None,
        )
        .map_err(|error| self.failure(&error))?;
        if self.settings.tls == SmtpTls::StartTls {
            if !connection.can_starttls() {
                connection.abort();
                return Err(SendFailure {
                    kind: FailureKind::TlsNotOffered,
                    detail: tls_messages::STARTTLS_MISSING.to_string(),
                    after_data: false,
                });
            }
            if let Some(parameters) = &self.tls_parameters {
                if let Err(error) = connection.starttls(parameters, &hello) {
                    connection.abort();
                    return Err(self.failure(&error));
                }
            }
        }
        let mut mechanism = None;
        if let Some(credentials) = &self.credentials {
            let Some(chosen) = connection.server_info().get_auth_mechanism(MECHANISMS) else {
                let offered = offered_mechanisms(&mut connection, &hello);
                connection.abort();
                return Err(SendFailure {
                    kind: FailureKind::AuthUnsupported,
                    detail: tls_messages::mechanisms_offered(&offered, "PLAIN, LOGIN"),
                    after_data: false,
                });
            };
            if let Err(error) = connection.auth(&[chosen], credentials) {
                connection.abort();
                return Err(self.failure(&error));
            }
            mechanism = Some(chosen);
        }
        Ok(Connected {
            connection,
            mechanism,
        })
    }

    fn attempt<E>(
        &self,
        prepared: &Prepared,
        before_data: &mut dyn FnMut() -> Result<(), E>,
    ) -> Result<Result<(), SendFailure>, E> {
        let mut connection = match self.connect() {
            Ok(connected) => connected.connection,
            Err(failure) => return Ok(Err(failure)),
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

/// The mechanisms after `AUTH` in the server's EHLO answer, asked once more: lettre keeps
/// only those it knows, but the user needs to hear what the server offers.
fn offered_mechanisms(connection: &mut SmtpConnection, hello: &ClientId) -> Vec<String> {
    let Ok(response) = connection.command(Ehlo::new(hello.clone())) else {
        return Vec::new();
    };
    let mut offered = Vec::new();
    for line in response.message() {
        let mut words = line.split_whitespace();
        if words
            .next()
            .is_some_and(|word| word.eq_ignore_ascii_case("AUTH"))
        {
            offered.extend(words.map(str::to_string));
        }
    }
    offered
}
