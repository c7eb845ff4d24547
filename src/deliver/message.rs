//! One spokesperson's message: the briefing and calendar file as attachments, the rendered
//! text as body, a stable Message-ID; and the `.eml` files of a dry run.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Attachment, Body, Mailbox, Message, MultiPart, SinglePart};

use super::DeliverError;
use crate::messages;
use crate::month::Month;
use crate::output::layout::{MonthLayout, eml_file};
use crate::output::{DispatchRow, fs_error, sha256_hex};

/// The MIME type of a briefing (public for the e-mail preview of `serve`).
pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// The MIME type of a calendar file.
pub const ICS_TYPE: &str = "text/calendar; charset=utf-8; method=PUBLISH";
/// The MIME type of a briefing's PDF.
pub const PDF_TYPE: &str = "application/pdf";

fn io_error<'p>(
    path: &'p Path,
    action: &'static str,
) -> impl FnOnce(std::io::Error) -> DeliverError + 'p {
    let wrap = fs_error(path, action);
    move |source| DeliverError::Io(wrap(source))
}

fn read(path: &Path) -> Result<Vec<u8>, DeliverError> {
    if !path.is_file() {
        return Err(DeliverError::NotBuilt(path.to_path_buf()));
    }
    fs::read(path).map_err(io_error(path, messages::output::READ_FILE))
}

/// A file to attach.
#[derive(Debug, Clone)]
pub struct AttachmentFile {
    /// The name the recipient sees.
    pub name: String,
    /// Its MIME type.
    pub content_type: &'static str,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// What one spokesperson receives.
#[derive(Debug, Clone)]
pub struct Letter {
    /// The manifest row: recipient, subject, briefing.
    pub row: DispatchRow,
    /// The e-mail text.
    pub body: String,
    /// Briefing, PDF if any, calendar file.
    pub attachments: Vec<AttachmentFile>,
}

/// A finished message and the values the log and the report need.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The spokesperson's id.
    pub id: String,
    /// The recipient's address.
    pub to: String,
    /// The Message-ID header.
    pub message_id: String,
    /// SHA-256 of the briefing attachment (as in `versand.csv`).
    pub sha256: String,
    /// The message itself.
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
    format!("{}.{extension}", crate::text::fold_whitespace(&cleaned))
}

/// Reads the briefing and the calendar file of `row` from the month folder (with
/// `with_pdf` the briefing's PDF too) and checks the briefing and the PDF against the
/// manifest's checksums.
pub fn attachments(
    layout: &MonthLayout,
    row: &DispatchRow,
    label: &str,
    with_pdf: bool,
) -> Result<Vec<AttachmentFile>, DeliverError> {
    let docx_path = layout.file(&row.file);
    let docx = read(&docx_path)?;
    if sha256_hex(&docx) != row.sha256 {
        return Err(DeliverError::Checksum(docx_path));
    }
    let ics = read(&layout.file(&crate::output::layout::calendar_file(&row.id)))?;
    let briefing_name = format!("Briefing {} {label}", row.name);
    let mut files = vec![AttachmentFile {
        name: attachment_name(&briefing_name, "docx"),
        content_type: DOCX_TYPE,
        bytes: docx,
    }];
    if with_pdf {
        files.push(AttachmentFile {
            name: attachment_name(&briefing_name, "pdf"),
            content_type: PDF_TYPE,
            bytes: pdf_of(layout, row)?,
        });
    }
    files.push(AttachmentFile {
        name: attachment_name(&format!("Termine {} {label}", row.name), "ics"),
        content_type: ICS_TYPE,
        bytes: ics,
    });
    Ok(files)
}

/// The briefing's PDF as the manifest lists it, checked against its checksum.
fn pdf_of(layout: &MonthLayout, row: &DispatchRow) -> Result<Vec<u8>, DeliverError> {
    let path = layout.file(&row.pdf);
    if row.pdf.is_empty() || !path.is_file() {
        return Err(DeliverError::PdfNotBuilt(layout.file(&row.file)));
    }
    let pdf = fs::read(&path).map_err(io_error(&path, messages::deliver::READ_PDF))?;
    if sha256_hex(&pdf) != row.pdf_sha256 {
        return Err(DeliverError::Checksum(path));
    }
    Ok(pdf)
}

/// Which message of a spokesperson's month this is, for a Message-ID that stays the same
/// when the same delivery is tried again (so a receiving server can drop a duplicate) and
/// differs for a deliberate second delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The n-th delivery of the month to the spokesperson (1 for the first).
    Number(usize),
    /// A test to another address (`--to`); never counted as a delivery.
    Test,
}

/// `<2026-11.schroedter.1@fitko.de>`: from month, id and delivery, never from the content.
pub fn message_id(month: Month, id: &str, delivery: Delivery, from: &Mailbox) -> String {
    let domain = from.email.domain();
    match delivery {
        Delivery::Number(n) => format!("<{month}.{id}.{n}@{domain}>"),
        Delivery::Test => format!(
            "<{month}.{id}.test-{}@{domain}>",
            chrono::Utc::now().format("%Y%m%dT%H%M%S%f")
        ),
    }
}

/// The reference date at midnight UTC: the `Date:` of a dry run's `.eml` files, so the same
/// inputs give the same bytes. A real delivery uses the time of sending.
pub fn dry_run_date(stand: NaiveDate) -> SystemTime {
    let seconds = stand
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
        .timestamp();
    SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(seconds).unwrap_or(0))
}

/// The message for one letter, with the given Message-ID and date; the MIME boundary comes
/// from the content, so a dry run gives the same bytes for the same inputs.
pub fn message(
    letter: &Letter,
    from: &Mailbox,
    message_id: String,
    date: SystemTime,
) -> Result<Prepared, String> {
    let row = &letter.row;
    let address = row
        .email
        .trim()
        .parse()
        .map_err(|_: lettre::address::AddressError| {
            messages::deliver::unusable_address(&row.email)
        })?;
    let to = Mailbox::new(Some(row.name.clone()), address);
    let mut digest = String::new();
    for attachment in &letter.attachments {
        digest.push_str(&sha256_hex(&attachment.bytes));
    }
    digest.push_str(&sha256_hex(letter.body.as_bytes()));
    digest.push_str(&sha256_hex(row.subject.as_bytes()));
    let hash = sha256_hex(digest.as_bytes());
    let mut parts = MultiPart::mixed()
        .boundary(format!("briefing-{}", &hash[..32]))
        .singlepart(SinglePart::plain(letter.body.clone()));
    for attachment in &letter.attachments {
        let content_type =
            ContentType::parse(attachment.content_type).map_err(messages::deliver::content_type)?;
        // Always base64: a text attachment (the .ics) then arrives byte for byte, CRLFs and
        // final line break included, whatever the mail servers on the way do with lines.
        let body =
            Body::new_with_encoding(attachment.bytes.clone(), ContentTransferEncoding::Base64)
                .map_err(|_| messages::deliver::ATTACHMENT_NOT_ENCODABLE.to_string())?;
        // The name also as Content-Type's `name=`: older Outlook versions read only that,
        // not the RFC 2231 `filename*=` lettre writes for a name with umlauts.
        let content_type = ContentType::parse(&format!(
            "{}; name=\"{}\"",
            attachment.content_type,
            plain_name(&attachment.name)
        ))
        .unwrap_or(content_type);
        parts = parts.singlepart(Attachment::new(attachment.name.clone()).body(body, content_type));
    }
    let message = Message::builder()
        .from(from.clone())
        .to(to.clone())
        .subject(row.subject.clone())
        .date(date)
        .message_id(Some(message_id.clone()))
        .multipart(parts)
        .map_err(messages::deliver::message_not_built)?;
    Ok(Prepared {
        id: row.id.clone(),
        to: to.email.to_string(),
        message_id,
        sha256: row.sha256.clone(),
        message,
    })
}

/// A file name as a plain `name=` parameter: ASCII as it is, anything else as an RFC 2047
/// encoded word (`=?utf-8?B?...?=`), the form older Outlook versions read.
fn plain_name(name: &str) -> String {
    if name.is_ascii() && !name.contains(['"', '\\']) {
        return name.to_string();
    }
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut encoded = String::new();
    for chunk in name.as_bytes().chunks(3) {
        let bytes = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let group = u32::from_be_bytes([0, bytes[0], bytes[1], bytes[2]]);
        for index in 0..4 {
            if index <= chunk.len() {
                encoded.push(ALPHABET[(group >> (18 - 6 * index) & 63) as usize] as char);
            } else {
                encoded.push('=');
            }
        }
    }
    format!("=?utf-8?B?{encoded}?=")
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

/// Writes each message as `out/YYYY-MM/mail/<id>.eml` (replacing the `.eml` files of an
/// earlier dry run); returns the paths.
pub fn write_eml(
    layout: &MonthLayout,
    messages: &[Prepared],
) -> Result<Vec<PathBuf>, DeliverError> {
    let dir = layout.mail_dir();
    fs::create_dir_all(&dir).map_err(io_error(&dir, messages::output::CREATE_FOLDER))?;
    // Messages of an earlier dry run (perhaps for someone no longer listed) go first.
    let entries = fs::read_dir(&dir).map_err(io_error(&dir, messages::output::READ_FOLDER))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_file() && path.extension().is_some_and(|ext| ext == "eml") {
            fs::remove_file(&path)
                .map_err(io_error(&path, messages::deliver::REMOVE_OLD_MESSAGE))?;
        }
    }
    let mut written = Vec::new();
    for prepared in messages {
        let path = dir.join(eml_file(&prepared.id));
        fs::write(&path, prepared.message.formatted())
            .map_err(io_error(&path, messages::output::WRITE_FILE))?;
        written.push(path);
    }
    Ok(written)
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
                monat: "2026-11".parse().unwrap(),
                stand: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
                pdf: String::new(),
                pdf_sha256: String::new(),
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
        let from = sender(crate::settings::DEFAULT_FROM).unwrap();
        let month: Month = "2026-11".parse().unwrap();
        let stand = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let id = || message_id(month, "schroedter", Delivery::Number(1), &from);
        let a = message(&letter(), &from, id(), dry_run_date(stand)).unwrap();
        let b = message(&letter(), &from, id(), dry_run_date(stand)).unwrap();
        assert_eq!(a.message.formatted(), b.message.formatted());
        let text = String::from_utf8(a.message.formatted()).unwrap();
        assert!(
            text.contains("Date: Sat, 28 Nov 2026 00:00:00 +0000"),
            "{text}"
        );
        assert_eq!(a.message_id, "<2026-11.schroedter.1@fitko.de>");
        let second = message_id(month, "schroedter", Delivery::Number(2), &from);
        assert_eq!(second, "<2026-11.schroedter.2@fitko.de>");
    }

    #[test]
    fn a_bad_address_is_a_message_not_a_panic() {
        let mut bad = letter();
        bad.row.email = "kein at".into();
        let from = sender(crate::settings::DEFAULT_FROM).unwrap();
        let stand = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let error = message(&bad, &from, "<x@y>".into(), dry_run_date(stand)).unwrap_err();
        assert!(error.contains("kein at"), "{error}");
    }

    #[test]
    fn an_umlaut_file_name_has_a_plain_name_fallback() {
        assert_eq!(plain_name("Termine.ics"), "Termine.ics");
        // "Hä.ics" in UTF-8 is 48 C3 A4 2E 69 63 73.
        assert_eq!(plain_name("Hä.ics"), "=?utf-8?B?SMOkLmljcw==?=");
        assert_eq!(plain_name("Jörg"), "=?utf-8?B?SsO2cmc=?=");
    }

    #[test]
    fn attachment_names_keep_umlauts_and_drop_separators() {
        assert_eq!(
            attachment_name("Briefing Dirk Schrödter / November 2026", "docx"),
            "Briefing Dirk Schrödter November 2026.docx"
        );
    }
}
