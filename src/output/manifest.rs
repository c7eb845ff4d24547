//! The delivery manifest `versand.csv`: one row per briefing of the month, with the recipient,
//! the subject, the file, its checksum, and the month and reference date it was built for.
//!
//! `send` reads everything it needs about the built documents from here; it never looks into
//! the documents themselves. This module only converts rows to and from CSV.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::messages::output as messages;
use crate::month::Month;

/// One row of `versand.csv`: whom a briefing goes to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DispatchRow {
    /// The spokesperson's id.
    pub id: String,
    /// The name as the recipient is addressed (with title).
    pub name: String,
    /// The recipient's address; empty when the roster has none.
    pub email: String,
    /// The e-mail's subject line.
    pub subject: String,
    /// The briefing's file name in the month folder.
    pub file: String,
    /// Lower-case hex SHA-256 of the briefing.
    pub sha256: String,
    /// The month the briefing belongs to.
    pub monat: Month,
    /// The reference date the briefing was built with.
    pub stand: NaiveDate,
    /// The briefing's PDF/A file name in the month folder; empty when built without `--pdf`
    /// (and in manifests written before PDFs existed).
    #[serde(default)]
    pub pdf: String,
    /// Lower-case hex SHA-256 of the PDF; empty without a PDF.
    #[serde(default)]
    pub pdf_sha256: String,
}

/// The manifest cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("{}", messages::manifest_unreadable(path.display(), message))]
pub struct ManifestError {
    /// The manifest file.
    pub path: PathBuf,
    /// What is wrong with it.
    pub message: String,
}

const HEADER: [&str; 10] = [
    "id",
    "name",
    "email",
    "subject",
    "file",
    "sha256",
    "monat",
    "stand",
    "pdf",
    "pdf_sha256",
];

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The rows of `versand.csv` (none if the file does not exist).
pub fn read(path: &Path) -> Result<Vec<DispatchRow>, ManifestError> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let fail = |error: csv::Error| ManifestError {
        path: path.to_path_buf(),
        message: error.to_string(),
    };
    let mut reader = csv::Reader::from_path(path).map_err(fail)?;
    reader
        .deserialize()
        .collect::<Result<Vec<DispatchRow>, _>>()
        .map_err(fail)
}

/// `versand.csv`: UTF-8, comma-separated, a header row, quoted where needed.
pub fn to_bytes(rows: &[DispatchRow]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        writer
            .write_record(HEADER)
            .expect("writing to memory cannot fail");
    }
    for row in rows {
        writer
            .serialize(row)
            .expect("writing to memory cannot fail");
    }
    writer.into_inner().expect("writing to memory cannot fail")
}

/// Rows of the old manifest stay in their order; rebuilt ones are replaced, new ones appended.
pub fn merge(old: Vec<DispatchRow>, new: Vec<DispatchRow>) -> Vec<DispatchRow> {
    let mut merged: Vec<DispatchRow> = old
        .into_iter()
        .map(|row| match new.iter().find(|fresh| fresh.id == row.id) {
            Some(fresh) => fresh.clone(),
            None => row,
        })
        .collect();
    for row in new {
        if !merged.iter().any(|known| known.id == row.id) {
            merged.push(row);
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_a_known_value() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn rows_survive_a_round_trip_with_month_and_reference_date() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("versand.csv");
        let row = DispatchRow {
            id: "a".into(),
            name: "Dr. A, \"B\"".into(),
            email: "a@example.org".into(),
            subject: "Betreff, mit Komma".into(),
            file: "briefing-a.docx".into(),
            sha256: "00".into(),
            monat: "2026-11".parse().unwrap(),
            stand: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            pdf: "briefing-a.pdf".into(),
            pdf_sha256: "11".into(),
        };
        std::fs::write(&path, to_bytes(std::slice::from_ref(&row))).unwrap();
        assert_eq!(read(&path).unwrap(), vec![row]);
        std::fs::write(&path, to_bytes(&[])).unwrap();
        assert_eq!(read(&path).unwrap(), vec![]);
    }

    #[test]
    fn a_manifest_from_before_the_pdf_columns_still_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("versand.csv");
        std::fs::write(
            &path,
            "id,name,email,subject,file,sha256,monat,stand\n\
             a,A,a@example.org,Betreff,briefing-a.docx,00,2026-11,2026-11-28\n",
        )
        .unwrap();
        let rows = read(&path).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].sha256, "00");
        assert_eq!(
            (rows[0].pdf.as_str(), rows[0].pdf_sha256.as_str()),
            ("", "")
        );
    }
}
