//! Stage 5b: delivering a built month by e-mail.
//!
//! Works only on what `build` wrote into `out/YYYY-MM/` (the manifest `versand.csv`, the
//! briefings and calendar files) plus the e-mail text rendered by the caller; it never renders
//! documents. It builds one RFC 5322 message per spokesperson with lettre, writes them as
//! `.eml` files (dry run) or sends them over SMTP, and keeps the send log `versand.log` so a
//! re-run sends nothing twice. Messages are deterministic: the date comes from the reference
//! date, the Message-ID and the MIME boundary from the month, the id and the attachments.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Body, Mailbox, Message, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{SmtpTransport, Transport};

use crate::config::SmtpTls;
use crate::month::Month;
use crate::write::{DispatchRow, sha256_hex};

/// The send log in a month folder (kept by `build` when it replaces the month).
pub const LOG_FILE: &str = crate::write::SEND_LOG_FILE;
/// The folder of a dry run's `.eml` files inside the month folder.
pub const MAIL_DIR: &str = "mail";
/// The environment variable that holds the SMTP password.
pub const PASSWORD_VARIABLE: &str = "BRIEFING_SMTP_PASSWORD";
/// The sender when neither the configuration nor the command line names one.
pub const DEFAULT_FROM: &str = "FITKO (Föderale IT-Kooperation) <it-plr@fitko.de>";

const DOCX_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ICS_TYPE: &str = "text/calendar; charset=utf-8; method=PUBLISH";

/// Why a delivery cannot start, or a message cannot be made.
#[derive(Debug, thiserror::Error)]
pub enum DeliverError {
    #[error("{path}: {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    #[error("{0}: the month has not been built (file missing); run `briefing build` first")]
    NotBuilt(PathBuf),
    #[error(
        "{document} is older than {source_file}; the documents are out of date, run `briefing build` first"
    )]
    Stale {
        document: PathBuf,
        source_file: PathBuf,
    },
    #[error(
        "{0}: the file differs from the checksum in versand.csv (changed after the build); run `briefing build` again"
    )]
    Checksum(PathBuf),
    #[error("{path}: the send log cannot be read: {message}")]
    Log { path: PathBuf, message: String },
    #[error("the sender \"{0}\" is not an e-mail address (e.g. FITKO <it-plr@fitko.de>)")]
    Sender(String),
    #[error("{0}")]
    Smtp(String),
}

fn io_error<'p>(
    path: &'p Path,
    action: &'static str,
) -> impl FnOnce(io::Error) -> DeliverError + 'p {
    move |source| DeliverError::Io {
        path: path.to_path_buf(),
        action,
        source,
    }
}

fn read(path: &Path) -> Result<Vec<u8>, DeliverError> {
    if !path.is_file() {
        return Err(DeliverError::NotBuilt(path.to_path_buf()));
    }
    fs::read(path).map_err(io_error(path, "cannot read the file"))
}

/// A file to attach.
#[derive(Debug, Clone)]
pub struct AttachmentFile {
    /// The name the recipient sees.
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// What one spokesperson receives.
#[derive(Debug, Clone)]
pub struct Letter {
    pub row: DispatchRow,
    pub body: String,
    pub attachments: Vec<AttachmentFile>,
}

/// A finished message and the values the log and the report need.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub id: String,
    /// The recipient's address.
    pub to: String,
    pub message_id: String,
    /// SHA-256 of the briefing attachment (as in `versand.csv`).
    pub sha256: String,
    pub message: Message,
}

/// A name for an attachment: the spokesperson's name kept readable (umlauts too), characters
/// that file systems or mail clients reject replaced.
pub fn attachment_name(stem: &str, extension: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{cleaned}.{extension}")
}

/// Reads the briefing and the calendar file of `row` from the month folder and checks the
/// briefing against the manifest's checksum.
pub fn attachments(
    folder: &Path,
    row: &DispatchRow,
    calendar_file: &str,
    label: &str,
) -> Result<Vec<AttachmentFile>, DeliverError> {
    let docx_path = folder.join(&row.file);
    let docx = read(&docx_path)?;
    if sha256_hex(&docx) != row.sha256 {
        return Err(DeliverError::Checksum(docx_path));
    }
    let ics = read(&folder.join(calendar_file))?;
    Ok(vec![
        AttachmentFile {
            name: attachment_name(&format!("Briefing {} {label}", row.name), "docx"),
            content_type: DOCX_TYPE,
            bytes: docx,
        },
        AttachmentFile {
            name: attachment_name(&format!("Termine {} {label}", row.name), "ics"),
            content_type: ICS_TYPE,
            bytes: ics,
        },
    ])
}

/// The message for one letter: fixed date (the reference date, midnight UTC), Message-ID
/// and boundary from month, id and attachments, so the same inputs give the same bytes.
pub fn message(
    letter: &Letter,
    from: &Mailbox,
    month: Month,
    stand: NaiveDate,
) -> Result<Prepared, String> {
    let row = &letter.row;
    let address =
        row.email.trim().parse().map_err(|error| {
            format!("\"{}\" is not a usable e-mail address: {error}", row.email)
        })?;
    let to = Mailbox::new(Some(row.name.clone()), address);
    let mut digest = String::new();
    for attachment in &letter.attachments {
        digest.push_str(&sha256_hex(&attachment.bytes));
    }
    digest.push_str(&sha256_hex(letter.body.as_bytes()));
    digest.push_str(&sha256_hex(row.subject.as_bytes()));
    let hash = sha256_hex(digest.as_bytes());
    let domain = from.email.domain().to_string();
    let message_id = format!("<{month}.{}.{}@{domain}>", row.id, &hash[..24]);
    let seconds = stand
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp();
    let date = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap_or(0));
    let mut parts = MultiPart::mixed()
        .boundary(format!("briefing-{}", &hash[..32]))
        .singlepart(SinglePart::plain(letter.body.clone()));
    for attachment in &letter.attachments {
        let content_type = ContentType::parse(attachment.content_type)
            .map_err(|error| format!("content type: {error}"))?;
        // Always base64: a text attachment (the .ics) then arrives byte for byte, CRLFs and
        // final line break included, whatever the mail servers on the way do with lines.
        let body =
            Body::new_with_encoding(attachment.bytes.clone(), ContentTransferEncoding::Base64)
                .map_err(|_| "an attachment cannot be encoded".to_string())?;
        parts = parts.singlepart(Attachment::new(attachment.name.clone()).body(body, content_type));
    }
    let message = Message::builder()
        .from(from.clone())
        .to(to.clone())
        .subject(row.subject.clone())
        .date(date)
        .message_id(Some(message_id.clone()))
        .multipart(parts)
        .map_err(|error| format!("the message cannot be built: {error}"))?;
    Ok(Prepared {
        id: row.id.clone(),
        to: to.email.to_string(),
        message_id,
        sha256: row.sha256.clone(),
        message,
    })
}

/// Parses the sender address.
pub fn sender(text: &str) -> Result<Mailbox, DeliverError> {
    let fail = || DeliverError::Sender(text.to_string());
    if let Ok(mailbox) = text.parse() {
        return Ok(mailbox);
    }
    // "Name (with parentheses) <address>": take the name as written.
    let (name, rest) = text.rsplit_once('<').ok_or_else(fail)?;
    let address = rest.strip_suffix('>').ok_or_else(fail)?.trim();
    let name = name.trim().trim_matches('"').trim();
    Ok(Mailbox::new(
        (!name.is_empty()).then(|| name.to_string()),
        address.parse().map_err(|_| fail())?,
    ))
}

/// Writes each message as `<folder>/mail/<id>.eml` (replacing the `.eml` files of an
/// earlier dry run); returns the paths.
pub fn write_eml(folder: &Path, messages: &[Prepared]) -> Result<Vec<PathBuf>, DeliverError> {
    let dir = folder.join(MAIL_DIR);
    fs::create_dir_all(&dir).map_err(io_error(&dir, "cannot create the folder"))?;
    // Messages of an earlier dry run (perhaps for someone no longer listed) go first.
    let entries = fs::read_dir(&dir).map_err(io_error(&dir, "cannot read the folder"))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "eml") {
            fs::remove_file(&path).map_err(io_error(&path, "cannot remove the old message"))?;
        }
    }
    let mut written = Vec::new();
    for prepared in messages {
        let path = dir.join(format!("{}.eml", prepared.id));
        fs::write(&path, prepared.message.formatted())
            .map_err(io_error(&path, "cannot write the file"))?;
        written.push(path);
    }
    Ok(written)
}

/// One line of `versand.log`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogEntry {
    /// When it was sent (UTC, RFC 3339).
    pub zeit: String,
    pub id: String,
    pub an: String,
    pub message_id: String,
    pub sha256: String,
}

/// The entries of the send log (none if there is no log yet).
pub fn read_log(folder: &Path) -> Result<Vec<LogEntry>, DeliverError> {
    let path = folder.join(LOG_FILE);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let fail = |message: String| DeliverError::Log {
        path: path.clone(),
        message,
    };
    let mut reader = csv::Reader::from_path(&path).map_err(|e| fail(e.to_string()))?;
    reader
        .deserialize()
        .collect::<Result<Vec<LogEntry>, _>>()
        .map_err(|e| fail(e.to_string()))
}

/// Appends one entry and flushes it to disk before the next message goes out.
pub fn append_log(folder: &Path, entry: &LogEntry) -> Result<(), DeliverError> {
    let path = folder.join(LOG_FILE);
    let new = !path.exists();
    let file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(io_error(&path, "cannot open the send log"))?;
    let mut writer = csv::WriterBuilder::new().has_headers(new).from_writer(file);
    writer.serialize(entry).map_err(|e| DeliverError::Log {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let mut file = writer.into_inner().map_err(|e| DeliverError::Log {
        path: path.clone(),
        message: e.to_string(),
    })?;
    file.flush()
        .map_err(io_error(&path, "cannot write the send log"))?;
    file.sync_all()
        .map_err(io_error(&path, "cannot write the send log"))
}

/// Whether the log already records this briefing (same id, same checksum) as sent.
pub fn already_sent(log: &[LogEntry], id: &str, sha256: &str) -> bool {
    log.iter()
        .any(|entry| entry.id == id && entry.sha256 == sha256)
}

/// Where and how to reach the mail server.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub user: Option<String>,
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

/// The reference date a document was built with (its `dcterms:created`), if readable.
pub fn document_date(docx: &[u8]) -> Option<NaiveDate> {
    let mut archive = zip::ZipArchive::new(io::Cursor::new(docx)).ok()?;
    let mut core = String::new();
    archive
        .by_name("docProps/core.xml")
        .ok()?
        .read_to_string(&mut core)
        .ok()?;
    let start = core.find("<dcterms:created")?;
    let text = &core[start..];
    let value = &text[text.find('>')? + 1..];
    NaiveDate::parse_from_str(value.get(..10)?, "%Y-%m-%d").ok()
}

/// Refuses when a document is missing or older than any source file (input, template,
/// configuration). `documents` are paths in the month folder.
pub fn check_fresh(documents: &[PathBuf], sources: &[PathBuf]) -> Result<(), DeliverError> {
    let modified = |path: &Path| {
        fs::metadata(path)
            .and_then(|meta| meta.modified())
            .map_err(io_error(path, "cannot read the modification time"))
    };
    let mut oldest: Option<(SystemTime, &PathBuf)> = None;
    for document in documents {
        if !document.is_file() {
            return Err(DeliverError::NotBuilt(document.clone()));
        }
        let time = modified(document)?;
        if oldest.is_none_or(|(t, _)| time < t) {
            oldest = Some((time, document));
        }
    }
    let Some((oldest_time, oldest_document)) = oldest else {
        return Ok(());
    };
    for source in sources {
        if modified(source)? > oldest_time {
            return Err(DeliverError::Stale {
                document: oldest_document.clone(),
                source_file: source.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter() -> Letter {
        Letter {
            row: DispatchRow {
                id: "schroedter".into(),
                name: "Dirk Schrödter".into(),
                email: "dirk.schroedter@example.org".into(),
                subject: "Ihr Briefing – November 2026".into(),
                file: "briefing-schroedter.docx".into(),
                sha256: "00".into(),
            },
            body: "Sehr geehrter Herr Schrödter,\n\nanbei.\n".into(),
            attachments: vec![AttachmentFile {
                name: attachment_name("Briefing Dirk Schrödter November 2026", "docx"),
                content_type: DOCX_TYPE,
                bytes: vec![1, 2, 3],
            }],
        }
    }

    #[test]
    fn messages_are_deterministic() {
        let from = sender(DEFAULT_FROM).unwrap();
        let month: Month = "2026-11".parse().unwrap();
        let stand = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let a = message(&letter(), &from, month, stand).unwrap();
        let b = message(&letter(), &from, month, stand).unwrap();
        assert_eq!(a.message.formatted(), b.message.formatted());
        let text = String::from_utf8(a.message.formatted()).unwrap();
        assert!(
            text.contains("Date: Sat, 28 Nov 2026 00:00:00 +0000"),
            "{text}"
        );
        assert!(a.message_id.starts_with("<2026-11.schroedter."));
        assert!(a.message_id.ends_with("@fitko.de>"));
    }

    #[test]
    fn a_bad_address_is_a_message_not_a_panic() {
        let mut bad = letter();
        bad.row.email = "kein at".into();
        let from = sender(DEFAULT_FROM).unwrap();
        let stand = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let error = message(&bad, &from, "2026-11".parse().unwrap(), stand).unwrap_err();
        assert!(error.contains("kein at"), "{error}");
    }

    #[test]
    fn attachment_names_keep_umlauts_and_drop_separators() {
        assert_eq!(
            attachment_name("Briefing Dirk Schrödter / November 2026", "docx"),
            "Briefing Dirk Schrödter November 2026.docx"
        );
    }

    #[test]
    fn the_log_records_what_was_sent() {
        let dir = tempfile::tempdir().unwrap();
        let entry = |id: &str| LogEntry {
            zeit: "2026-11-28T10:00:00Z".into(),
            id: id.into(),
            an: format!("{id}@example.org"),
            message_id: format!("<{id}@fitko.de>"),
            sha256: "ab".into(),
        };
        append_log(dir.path(), &entry("a")).unwrap();
        append_log(dir.path(), &entry("b")).unwrap();
        let log = read_log(dir.path()).unwrap();
        assert_eq!(log, vec![entry("a"), entry("b")]);
        assert!(already_sent(&log, "a", "ab"));
        assert!(!already_sent(&log, "a", "cd"));
        assert!(!already_sent(&log, "c", "ab"));
    }
}
