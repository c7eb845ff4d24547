//! What a mail server's certificate says, in the words a person checks it by: for whom it is
//! (its host names), who issued it, and from when to when it is valid; and, for a certificate
//! that was rejected, why, in German.
//!
//! Only reads certificates (with x509-parser); deciding whether to trust one is the verifier's
//! job ([`super::trust`]), and fetching it is [`super::probe`]'s.

use chrono::DateTime;
use rustls::{AlertDescription, CertificateError, PeerIncompatible};
use x509_parser::extensions::GeneralName;

use crate::messages::tls as messages;

/// The parts of a certificate a person checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The subject, e.g. `CN=mail.fitko.de, O=FITKO`.
    pub subject: String,
    /// The issuer, e.g. `CN=Verwaltungs-CA, O=Bund`.
    pub issuer: String,
    /// The host names and addresses it is valid for (subject alternative names).
    pub names: Vec<String>,
    /// Valid from (German date).
    pub not_before: String,
    /// Valid until (German date).
    pub not_after: String,
}

impl CertificateInfo {
    /// Reads a DER certificate; `None` if it cannot be parsed (the description then falls back
    /// to what the verifier said).
    pub fn parse(der: &[u8]) -> Option<CertificateInfo> {
        let (_, certificate) = x509_parser::parse_x509_certificate(der).ok()?;
        let mut names = Vec::new();
        if let Ok(Some(alternatives)) = certificate.subject_alternative_name() {
            for name in &alternatives.value.general_names {
                match name {
                    GeneralName::DNSName(dns) => names.push(dns.to_string()),
                    GeneralName::IPAddress(bytes) => {
                        if let Some(address) = ip_address(bytes) {
                            names.push(address);
                        }
                    }
                    _ => {}
                }
            }
        }
        if names.is_empty() {
            // An old certificate names its host only in the subject's CN.
            if let Some(cn) = certificate
                .subject()
                .iter_common_name()
                .next()
                .and_then(|cn| cn.as_str().ok())
            {
                names.push(cn.to_string());
            }
        }
        let validity = certificate.validity();
        Some(CertificateInfo {
            subject: certificate.subject().to_string(),
            issuer: certificate.issuer().to_string(),
            names,
            not_before: german_date(validity.not_before.timestamp()),
            not_after: german_date(validity.not_after.timestamp()),
        })
    }
}

fn ip_address(bytes: &[u8]) -> Option<String> {
    match bytes.len() {
        4 => Some(std::net::Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]).to_string()),
        16 => {
            let octets: [u8; 16] = bytes.try_into().ok()?;
            Some(std::net::Ipv6Addr::from(octets).to_string())
        }
        _ => None,
    }
}

/// A Unix time as a German date (UTC).
pub fn german_date(seconds: i64) -> String {
    DateTime::from_timestamp(seconds, 0)
        .map(|time| time.format("%d.%m.%Y").to_string())
        .unwrap_or_else(|| seconds.to_string())
}

/// What kind of TLS problem an error is (the SMTP module turns it into its failure kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The certificate was rejected.
    Certificate,
    /// No TLS version or cipher suite in common.
    Mismatch,
    /// Anything else (e.g. the server does not speak TLS on that port).
    Other,
}

/// Where trust comes from in this run, for the explanations.
#[derive(Debug, Clone, Copy)]
pub struct TrustSources<'a> {
    /// `versand.ca_zertifikat`, if set.
    pub ca_file: Option<&'a str>,
}

/// Which kind of failure a TLS error is, and what it means in German: the certificate's
/// issuer, names or dates where they matter. `chain` is what the server presented (leaf
/// first), possibly empty when it could not be read.
pub fn explain(
    error: &rustls::Error,
    chain: &[CertificateInfo],
    host: &str,
    trust: TrustSources<'_>,
) -> (Problem, String) {
    let leaf = chain.first();
    match error {
        rustls::Error::InvalidCertificate(problem) => (
            Problem::Certificate,
            explain_certificate(problem, chain, host, trust),
        ),
        rustls::Error::AlertReceived(
            AlertDescription::ProtocolVersion
            | AlertDescription::HandshakeFailure
            | AlertDescription::InsufficientSecurity,
        ) => (Problem::Mismatch, messages::MISMATCH_ALERT.to_string()),
        rustls::Error::PeerIncompatible(
            PeerIncompatible::ServerDoesNotSupportTls12Or13
            | PeerIncompatible::Tls12NotOffered
            | PeerIncompatible::Tls12NotOfferedOrEnabled
            | PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig,
        ) => (Problem::Mismatch, messages::MISMATCH_VERSION.to_string()),
        rustls::Error::PeerIncompatible(other) => (
            Problem::Mismatch,
            messages::mismatch_other(&format!("{other:?}")),
        ),
        rustls::Error::InvalidMessage(_) => (
            Problem::Other,
            messages::not_tls(&format!("{error}"), leaf.is_some()),
        ),
        other => (Problem::Other, messages::tls_other(&format!("{other}"))),
    }
}

fn explain_certificate(
    problem: &CertificateError,
    chain: &[CertificateInfo],
    host: &str,
    trust: TrustSources<'_>,
) -> String {
    let leaf = chain.first();
    // The certificate's own names first: rustls words the presented names in Rust's debug
    // notation (`DnsName("mail.example.org")`).
    let names = |presented: &[String]| -> String {
        match (leaf, presented.is_empty()) {
            (Some(leaf), _) if !leaf.names.is_empty() => leaf.names.join(", "),
            (_, false) => presented.join(", "),
            _ => messages::UNKNOWN.to_string(),
        }
    };
    match problem {
        CertificateError::UnknownIssuer => {
            // The root the chain leads to is the one missing: the last certificate's issuer.
            let issuer = chain
                .last()
                .map(|top| top.issuer.clone())
                .unwrap_or_else(|| messages::UNKNOWN.to_string());
            messages::unknown_issuer(&issuer, &names(&[]), trust.ca_file)
        }
        CertificateError::NotValidForName => messages::wrong_name(host, &names(&[])),
        CertificateError::NotValidForNameContext { presented, .. } => {
            messages::wrong_name(host, &names(presented))
        }
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            let (from, until) = dates(leaf);
            let today = match problem {
                CertificateError::ExpiredContext { time, .. } => german_date(time.as_secs() as i64),
                _ => german_date(chrono::Utc::now().timestamp()),
            };
            messages::expired(&from, &until, &today)
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            let (from, until) = dates(leaf);
            messages::not_yet_valid(&from, &until, &german_date(chrono::Utc::now().timestamp()))
        }
        CertificateError::Revoked => messages::REVOKED.to_string(),
        CertificateError::BadSignature => {
            let issuer = chain
                .last()
                .map(|top| top.issuer.clone())
                .unwrap_or_else(|| messages::UNKNOWN.to_string());
            messages::bad_signature(&issuer, trust.ca_file)
        }
        other => messages::certificate_other(&format!("{other:?}")),
    }
}

fn dates(leaf: Option<&CertificateInfo>) -> (String, String) {
    match leaf {
        Some(leaf) => (leaf.not_before.clone(), leaf.not_after.clone()),
        None => (messages::UNKNOWN.to_string(), messages::UNKNOWN.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_handshake_is_a_version_or_cipher_mismatch() {
        for alert in [
            AlertDescription::ProtocolVersion,
            AlertDescription::HandshakeFailure,
        ] {
            let error = rustls::Error::AlertReceived(alert);
            let (problem, text) = explain(&error, &[], "mail", TrustSources { ca_file: None });
            assert_eq!(problem, Problem::Mismatch);
            assert!(text.contains("TLS 1.2 oder 1.3"), "{text}");
        }
    }

    #[test]
    fn dates_are_german() {
        assert_eq!(german_date(1_609_459_200), "01.01.2021");
    }

    #[test]
    fn an_unknown_issuer_names_the_root_and_both_ways_to_trust_it() {
        let chain = vec![CertificateInfo {
            subject: "CN=mail.example.org".into(),
            issuer: "O=Testbehoerde, CN=Test-CA".into(),
            names: vec!["mail.example.org".into()],
            not_before: "01.01.2026".into(),
            not_after: "01.01.2027".into(),
        }];
        let error = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        let (kind, text) = explain(
            &error,
            &chain,
            "mail.example.org",
            TrustSources { ca_file: None },
        );
        assert_eq!(kind, Problem::Certificate);
        assert!(text.contains("„O=Testbehoerde, CN=Test-CA“"), "{text}");
        assert!(text.contains("versand.ca_zertifikat"), "{text}");
        assert!(text.contains("Zertifikatsspeicher"), "{text}");
    }
}
