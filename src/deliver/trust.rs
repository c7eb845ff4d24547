//! Whom the program trusts to be the mail server: the operating system's certificate store
//! (Windows certificate store, macOS keychain; on Linux the OpenSSL locations, or
//! `SSL_CERT_FILE` / `SSL_CERT_DIR` when set) through rustls-platform-verifier, plus the CA
//! certificates of `versand.ca_zertifikat` for a root that is not installed system-wide.
//!
//! There is no way to switch verification off: a certificate that does not verify stops the
//! delivery. This module builds the TLS settings for lettre and the same verifier for the
//! [`super::probe`]; it does not connect anywhere.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lettre::transport::smtp::client::{Certificate, TlsParameters};
use rustls::client::danger::ServerCertVerifier;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use super::DeliverError;
use crate::messages::tls as messages;

/// The certificates trusted beyond the system's store.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    /// `versand.ca_zertifikat`, as given.
    pub ca_file: Option<PathBuf>,
    extra_roots: Vec<CertificateDer<'static>>,
}

impl Trust {
    /// Reads `versand.ca_zertifikat` (a PEM file with one or more CA certificates), if set.
    pub fn load(ca_file: Option<&Path>) -> Result<Trust, DeliverError> {
        let Some(path) = ca_file else {
            return Ok(Trust::default());
        };
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|error| {
            DeliverError::Smtp(messages::ca_file_unreadable(
                &shown,
                &crate::io_reason::describe(&error),
            ))
        })?;
        let mut extra_roots = Vec::new();
        for (index, certificate) in CertificateDer::pem_slice_iter(&bytes).enumerate() {
            let certificate = certificate.map_err(|error| {
                DeliverError::Smtp(messages::ca_file_bad_pem(&shown, index + 1, &error))
            })?;
            // A file that holds a server's or a user's certificate instead of a CA's would
            // verify nothing; webpki refuses it when it is added, so refuse it here with words.
            if x509_parser::parse_x509_certificate(&certificate).is_err() {
                return Err(DeliverError::Smtp(messages::ca_file_bad_certificate(
                    &shown,
                    index + 1,
                )));
            }
            extra_roots.push(certificate);
        }
        if extra_roots.is_empty() {
            return Err(DeliverError::Smtp(messages::ca_file_empty(&shown)));
        }
        Ok(Trust {
            ca_file: Some(path.to_path_buf()),
            extra_roots,
        })
    }

    /// How many certificates `versand.ca_zertifikat` holds.
    pub fn extra_count(&self) -> usize {
        self.extra_roots.len()
    }

    /// The TLS settings lettre connects with: the system's store plus the extra roots,
    /// verified by rustls-platform-verifier.
    pub fn tls_parameters(&self, host: &str) -> Result<TlsParameters, DeliverError> {
        let mut builder = TlsParameters::builder(host.to_string());
        for root in &self.extra_roots {
            let certificate = Certificate::from_der(root.to_vec())
                .map_err(|error| DeliverError::Smtp(messages::trust_setup(&error.to_string())))?;
            builder = builder.add_root_certificate(certificate);
        }
        builder
            .build()
            .map_err(|error| DeliverError::Smtp(messages::trust_setup(&error.to_string())))
    }

    /// The verifier lettre's settings use, for the probe (same provider, same roots), so
    /// the probe rejects exactly what lettre rejects.
    pub fn verifier(&self) -> Result<Arc<dyn ServerCertVerifier>, DeliverError> {
        rustls_platform_verifier::Verifier::new_with_extra_roots(
            self.extra_roots.iter().cloned(),
            provider(),
        )
        .map(|verifier| Arc::new(verifier) as Arc<dyn ServerCertVerifier>)
        .map_err(|error| DeliverError::Smtp(messages::trust_setup(&error.to_string())))
    }
}

/// The crypto provider lettre uses with its `ring` feature.
pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// `SSL_CERT_FILE=…, SSL_CERT_DIR=…` as set, where they replace the system's store: on Linux
/// and other Unix systems rustls-native-certs then reads only these (as OpenSSL does); the
/// Windows and macOS verifiers ignore them.
pub fn environment_store() -> Option<String> {
    if cfg!(any(windows, target_vendor = "apple")) {
        return None;
    }
    let set: Vec<String> = ["SSL_CERT_FILE", "SSL_CERT_DIR"]
        .iter()
        .filter_map(|name| {
            std::env::var_os(name).map(|value| format!("{name}={}", value.to_string_lossy()))
        })
        .collect();
    (!set.is_empty()).then(|| set.join(", "))
}
