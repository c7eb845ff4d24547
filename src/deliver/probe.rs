//! A look at the mail server's TLS without sending anything: connect, greet, start TLS (or
//! TLS from the start), complete the handshake with the same verifier lettre uses, and note
//! what the server presented: its certificate chain, the TLS version and cipher suite.
//!
//! lettre reports a rejected certificate only as "invalid peer certificate: UnknownIssuer";
//! to name the issuer, the host names and the dates, the chain has to be read during the
//! handshake, which lettre does not expose. The verifier here records the chain and then
//! delegates to the real one, so a certificate that lettre rejects is rejected here too: the
//! probe never talks to a server it does not trust beyond the handshake and QUIT. It sends
//! no login and no message.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};

use super::certificate::CertificateInfo;
use crate::load::config::SmtpTls;
use crate::messages::tls as messages;

/// What the probe found.
#[derive(Debug, Default)]
pub struct Probe {
    /// The server's greeting (first line of its 220), if it got that far.
    pub greeting: Option<String>,
    /// The TLS version, e.g. `TLS 1.3`, once the handshake succeeded.
    pub version: Option<String>,
    /// The cipher suite, once the handshake succeeded.
    pub cipher: Option<String>,
    /// The certificates the server presented, leaf first (also when they were rejected).
    pub chain: Vec<CertificateInfo>,
}

/// Why the probe stopped.
#[derive(Debug)]
pub enum ProbeError {
    /// The TCP connection or the plain-text SMTP before STARTTLS failed.
    Io(std::io::Error),
    /// The server does not offer STARTTLS (its EHLO answer, or its answer to STARTTLS).
    NoStartTls(String),
    /// The server answered the plain-text commands unexpectedly.
    Smtp(String),
    /// The TLS handshake failed (certificate, version, cipher, not TLS at all).
    Tls(rustls::Error),
    /// The server hung up during the handshake without saying why.
    HandshakeEof,
}

#[derive(Debug)]
struct Recording {
    inner: Arc<dyn ServerCertVerifier>,
    chain: Mutex<Vec<CertificateDer<'static>>>,
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut chain) = self.chain.lock() {
            chain.clear();
            chain.push(end_entity.clone().into_owned());
            chain.extend(intermediates.iter().map(|c| c.clone().into_owned()));
        }
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// Connects to `host:port`, starts TLS as `tls` says, and returns what it saw; the error
/// says where it stopped. `verifier` is [`super::trust::Trust::verifier`].
pub fn probe(
    host: &str,
    port: u16,
    tls: SmtpTls,
    timeout: Duration,
    verifier: Arc<dyn ServerCertVerifier>,
) -> (Probe, Result<(), ProbeError>) {
    let mut found = Probe::default();
    let recording = Arc::new(Recording {
        inner: verifier,
        chain: Mutex::new(Vec::new()),
    });
    let result = run(host, port, tls, timeout, recording.clone(), &mut found);
    if let Ok(chain) = recording.chain.lock() {
        found.chain = chain
            .iter()
            .filter_map(|der| CertificateInfo::parse(der))
            .collect();
    }
    (found, result)
}

fn run(
    host: &str,
    port: u16,
    tls: SmtpTls,
    timeout: Duration,
    verifier: Arc<Recording>,
    found: &mut Probe,
) -> Result<(), ProbeError> {
    let mut stream = connect(host, port, timeout).map_err(ProbeError::Io)?;
    if tls == SmtpTls::StartTls {
        let mut reader = BufReader::new(stream.try_clone().map_err(ProbeError::Io)?);
        let greeting = reply(&mut reader)?;
        found.greeting = greeting.first().map(|line| without_code(line));
        expect(&greeting, "220")?;
        command(&mut stream, &format!("EHLO {}", client_name()))?;
        let features = reply(&mut reader)?;
        expect(&features, "250")?;
        let offers_starttls = features.iter().any(|line| {
            line.get(4..)
                .is_some_and(|f| f.trim().eq_ignore_ascii_case("STARTTLS"))
        });
        if !offers_starttls {
            return Err(ProbeError::NoStartTls(features.join(" / ")));
        }
        command(&mut stream, "STARTTLS")?;
        let ready = reply(&mut reader)?;
        if !ready.last().is_some_and(|line| line.starts_with("220")) {
            return Err(ProbeError::NoStartTls(ready.join(" / ")));
        }
    }
    let config = ClientConfig::builder_with_provider(super::trust::provider())
        .with_safe_default_protocol_versions()
        .map_err(ProbeError::Tls)?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_string())
        .map_err(|_| ProbeError::Smtp(messages::invalid_host(host)))?;
    let mut connection = ClientConnection::new(Arc::new(config), name).map_err(ProbeError::Tls)?;
    while connection.is_handshaking() {
        if let Err(error) = connection.complete_io(&mut stream) {
            if error.kind() == std::io::ErrorKind::UnexpectedEof {
                return Err(ProbeError::HandshakeEof);
            }
            return Err(tls_error(error));
        }
    }
    found.version = connection.protocol_version().map(|version| {
        match version {
            rustls::ProtocolVersion::TLSv1_3 => "TLS 1.3",
            rustls::ProtocolVersion::TLSv1_2 => "TLS 1.2",
            _ => "TLS",
        }
        .to_string()
    });
    found.cipher = connection
        .negotiated_cipher_suite()
        .and_then(|suite| suite.suite().as_str().map(str::to_string));
    let mut secured = rustls::Stream::new(&mut connection, &mut stream);
    if tls == SmtpTls::Tls {
        let mut reader = BufReader::new(&mut secured);
        let greeting = reply(&mut reader)?;
        found.greeting = greeting.first().map(|line| without_code(line));
    }
    let _ = secured.write_all(b"QUIT\r\n");
    let _ = secured.flush();
    secured.conn.send_close_notify();
    let _ = secured.conn.complete_io(secured.sock);
    Ok(())
}

/// An I/O error of the handshake that carries a rustls error is that rustls error.
fn tls_error(error: std::io::Error) -> ProbeError {
    let is_tls = error
        .get_ref()
        .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some());
    if is_tls {
        let inner = error.into_inner().expect("checked above");
        match inner.downcast::<rustls::Error>() {
            Ok(tls) => ProbeError::Tls(*tls),
            Err(other) => ProbeError::Io(std::io::Error::other(other)),
        }
    } else {
        ProbeError::Io(error)
    }
}

fn connect(host: &str, port: u16, timeout: Duration) -> std::io::Result<TcpStream> {
    let mut last = None;
    for address in (host, port).to_socket_addrs()? {
        match TcpStream::connect_timeout(&address, timeout) {
            Ok(stream) => {
                stream.set_read_timeout(Some(timeout))?;
                stream.set_write_timeout(Some(timeout))?;
                return Ok(stream);
            }
            Err(error) => last = Some(error),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound)))
}

fn client_name() -> String {
    lettre::transport::smtp::extension::ClientId::default().to_string()
}

fn command(stream: &mut TcpStream, line: &str) -> Result<(), ProbeError> {
    stream
        .write_all(format!("{line}\r\n").as_bytes())
        .map_err(ProbeError::Io)
}

/// One SMTP reply, all its lines (`250-...` up to `250 ...`), at most 100 lines of 1000 bytes.
fn reply(reader: &mut impl BufRead) -> Result<Vec<String>, ProbeError> {
    let mut lines = Vec::new();
    for _ in 0..100 {
        let mut line = Vec::new();
        (&mut *reader)
            .take(1000)
            .read_until(b'\n', &mut line)
            .map_err(ProbeError::Io)?;
        if line.is_empty() {
            return Err(ProbeError::Io(std::io::ErrorKind::UnexpectedEof.into()));
        }
        let text = String::from_utf8_lossy(&line).trim_end().to_string();
        let last = text.as_bytes().get(3) != Some(&b'-');
        lines.push(text);
        if last {
            return Ok(lines);
        }
    }
    Err(ProbeError::Smtp(lines.join(" / ")))
}

fn expect(reply: &[String], code: &str) -> Result<(), ProbeError> {
    match reply.last() {
        Some(line) if line.starts_with(code) => Ok(()),
        _ => Err(ProbeError::Smtp(reply.join(" / "))),
    }
}

/// A reply line without its code: `220 mail.example.org ESMTP` -> `mail.example.org ESMTP`.
fn without_code(line: &str) -> String {
    line.get(4..).unwrap_or(line).trim().to_string()
}
