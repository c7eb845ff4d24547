//! Sending prepared messages over SMTP (lettre), with the settings resolved by
//! [`crate::settings`].

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
}

/// An SMTP connection factory (lettre opens a connection per message).
pub struct Mailer {
    transport: SmtpTransport,
}

impl Mailer {
    pub fn new(settings: &SmtpSettings) -> Result<Mailer, DeliverError> {
        let smtp = |error: lettre::transport::smtp::Error| {
            DeliverError::Smtp(format!("SMTP server {}: {error}", settings.host))
        };
        let builder = match settings.tls {
            SmtpTls::None => SmtpTransport::builder_dangerous(settings.host.as_str()),
            SmtpTls::StartTls => SmtpTransport::starttls_relay(&settings.host).map_err(smtp)?,
            SmtpTls::Tls => SmtpTransport::relay(&settings.host).map_err(smtp)?,
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(Duration::from_secs(30)));
        match (&settings.user, &settings.password) {
            (Some(user), Some(password)) => {
                builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
            }
            (Some(_), None) => {
                return Err(DeliverError::Smtp(format!(
                    "an SMTP user is set but {PASSWORD_VARIABLE} is not; set the password in that environment variable"
                )));
            }
            _ => {}
        }
        Ok(Mailer {
            transport: builder.build(),
        })
    }

    /// Sends one message; the error is the server's answer in words.
    pub fn send(&self, prepared: &Prepared) -> Result<(), String> {
        self.transport
            .send(&prepared.message)
            .map(|_| ())
            .map_err(|error| error.to_string())
    }
}
