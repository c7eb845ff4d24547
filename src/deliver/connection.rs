//! `send --verbindung-pruefen`: connect to the mail server, start TLS, log in and quit, and
//! say what was found (server, TLS version, certificate, login), without sending a message.
//!
//! Uses the same settings, trust and login as a real delivery ([`super::Mailer`]); it needs
//! no built month, takes no lock and never touches the send log. Printing is the command
//! line's job.

use super::certificate::{self, CertificateInfo, TrustSources};
use super::probe::ProbeError;
use super::smtp::{FailureKind, SmtpSettings};
use super::{DeliverError, Mailer};
use crate::load::config::SmtpTls;
use crate::messages::tls as tls_messages;

/// Why the test failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckFailure {
    /// The kind.
    pub kind: FailureKind,
    /// The hint for it.
    pub hint: String,
    /// What was wrong, in detail.
    pub detail: String,
}

/// What the test found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionReport {
    /// `host:port`.
    pub server: String,
    /// How the connection is secured.
    pub tls: SmtpTls,
    /// The server's greeting.
    pub greeting: Option<String>,
    /// TLS version and cipher suite.
    pub encryption: Option<(String, String)>,
    /// The server's certificate (leaf).
    pub certificate: Option<CertificateInfo>,
    /// `versand.ca_zertifikat` and how many certificates it holds.
    pub ca_file: Option<(String, usize)>,
    /// `SSL_CERT_FILE=…` / `SSL_CERT_DIR=…` when they replace the system's store (Linux).
    pub environment: Option<String>,
    /// The user logged in as, if any.
    pub user: Option<String>,
    /// The mechanism the login was accepted with.
    pub login: Option<String>,
    /// Why it failed, if it did.
    pub failure: Option<CheckFailure>,
}

impl ConnectionReport {
    /// True when everything worked.
    pub fn ok(&self) -> bool {
        self.failure.is_none()
    }
}

/// Tests the connection; an error only for settings that do not allow a connection at all
/// (a password over an unencrypted connection, an unreadable CA file).
pub fn test(settings: &SmtpSettings) -> Result<ConnectionReport, DeliverError> {
    let mailer = Mailer::new(settings)?;
    let server = format!("{}:{}", settings.host, settings.port);
    let mut report = ConnectionReport {
        server,
        tls: settings.tls,
        greeting: None,
        encryption: None,
        certificate: None,
        ca_file: mailer
            .trust()
            .ca_file
            .as_ref()
            .map(|path| (path.display().to_string(), mailer.trust().extra_count())),
        environment: super::trust::environment_store(),
        user: settings.user.clone(),
        login: None,
        failure: None,
    };
    let fail = |kind: FailureKind, detail: String| CheckFailure {
        kind,
        hint: kind.hint(settings),
        detail,
    };
    if settings.tls != SmtpTls::None {
        let (found, result) = mailer.probe()?;
        report.greeting = found.greeting.clone();
        report.certificate = found.chain.first().cloned();
        if let (Some(version), Some(cipher)) = (found.version, found.cipher) {
            report.encryption = Some((version, cipher));
        }
        if let Err(error) = result {
            let (kind, detail) = match error {
                ProbeError::Tls(tls) => {
                    let ca_file = report.ca_file.as_ref().map(|(path, _)| path.as_str());
                    let (problem, detail) = certificate::explain(
                        &tls,
                        &found.chain,
                        &settings.host,
                        TrustSources { ca_file },
                    );
                    (FailureKind::of(problem), detail)
                }
                ProbeError::Io(io) => (io_kind(&io), io.to_string()),
                ProbeError::NoStartTls(reply) => (FailureKind::TlsNotOffered, reply),
                ProbeError::HandshakeEof => (
                    FailureKind::TlsMismatch,
                    tls_messages::HANDSHAKE_EOF.to_string(),
                ),
                ProbeError::Smtp(reply) => (FailureKind::Connection, reply),
            };
            report.failure = Some(fail(kind, detail));
            return Ok(report);
        }
    }
    match mailer.connect() {
        Ok(mut connected) => {
            if report.greeting.is_none() {
                report.greeting = Some(connected.connection.server_info().name().to_string());
            }
            report.login = connected.mechanism.map(|mechanism| mechanism.to_string());
            let _ = connected.connection.quit();
        }
        Err(failure) => report.failure = Some(fail(failure.kind, failure.detail)),
    }
    Ok(report)
}

fn io_kind(error: &std::io::Error) -> FailureKind {
    match error.kind() {
        std::io::ErrorKind::ConnectionRefused => FailureKind::Refused,
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => FailureKind::TimedOut,
        _ => FailureKind::Connection,
    }
}
