//! PDF/A-2b with tags alongside the Word documents, made by LibreOffice.
//!
//! What it does: converts a batch of DOCX files into tagged PDF/A-2b files (for the e-Akte
//! and for screen readers) with ONE headless `soffice` process for the whole batch (starting
//! LibreOffice costs seconds, converting a document a fraction of that). Each run uses a
//! private, temporary LibreOffice profile, so parallel runs (and a LibreOffice the user has
//! open) do not collide, and a timeout, so a hanging LibreOffice cannot stop a build.
//!
//! What it does not: render anything itself, check the PDF/A conformance (the tests and CI do,
//! with poppler), or make the PDFs reproducible: LibreOffice writes the creation time and a
//! random document id into every PDF, so PDFs are never byte-identical across runs.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::messages::documents as messages;

/// The LibreOffice export filter with its options: PDF/A-2b (`SelectPdfVersion` 2) and a
/// tagged (structured) PDF.
const FILTER: &str = r#"pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},"UseTaggedPDF":{"type":"boolean","value":"true"}}"#;

/// The program, looked up in `PATH`.
const SOFFICE: &str = "soffice";

/// Why no PDFs were made. The messages are German: the user reads them.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("{}", messages::LIBREOFFICE_NOT_INSTALLED)]
    /// `soffice` is not on the PATH.
    NotInstalled,
    /// Two documents would give the same PDF name.
    #[error("{}", messages::duplicate_pdf(.0))]
    DuplicateName(String),
    /// LibreOffice could not be started.
    #[error("{}", messages::libreoffice_not_started(.0))]
    Start(io::Error),
    /// LibreOffice took too long and was stopped.
    #[error("{}", messages::libreoffice_timeout(*.0))]
    Timeout(u64),
    /// LibreOffice ended without writing every PDF.
    #[error("{}", messages::pdf_missing(missing, detail))]
    Failed {
        /// The documents without a PDF.
        missing: String,
        /// What LibreOffice said.
        detail: String,
    },
}

/// Converts `docx_files` into PDF/A-2b files in `out_dir` (same stem, `.pdf`), with one
/// `soffice --headless` process; returns the PDFs in the order of `docx_files`.
pub fn to_pdf_a(docx_files: &[PathBuf], out_dir: &Path) -> Result<Vec<PathBuf>, PdfError> {
    let mut pdfs = Vec::with_capacity(docx_files.len());
    for batch in docx_files.chunks(PDF_BATCH) {
        pdfs.extend(convert(SOFFICE, batch, out_dir)?);
    }
    Ok(pdfs)
}

/// At most this many documents per LibreOffice process: LibreOffice 7.4 converts only the
/// first 246 files named on one command line and exits 0 (measured with 400 and 1001 DOCX),
/// so a bigger batch would fail; a new process per 200 costs a few seconds each.
const PDF_BATCH: usize = 200;

fn convert(
    program: &str,
    docx_files: &[PathBuf],
    out_dir: &Path,
) -> Result<Vec<PathBuf>, PdfError> {
    if docx_files.is_empty() {
        return Ok(Vec::new());
    }
    let mut pdfs: Vec<PathBuf> = Vec::with_capacity(docx_files.len());
    for docx in docx_files {
        let stem = docx.file_stem().unwrap_or(docx.as_os_str());
        let pdf = out_dir.join(Path::new(stem).with_extension("pdf"));
        if pdfs.contains(&pdf) {
            return Err(PdfError::DuplicateName(pdf.display().to_string()));
        }
        pdfs.push(pdf);
    }
    // A PDF left over from an earlier run must not pass for this run's.
    for pdf in &pdfs {
        match std::fs::remove_file(pdf) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(PdfError::Start(e)),
            _ => {}
        }
    }
    let profile = Profile::new().map_err(PdfError::Start)?;
    let stderr_path = profile.dir.join("stderr.txt");
    let stderr = std::fs::File::create(&stderr_path).map_err(PdfError::Start)?;
    let mut child = Command::new(program)
        .arg(format!(
            "-env:UserInstallation={}",
            file_url(&profile.dir.join("user"))
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            FILTER,
            "--outdir",
        ])
        .arg(out_dir)
        .args(docx_files)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => PdfError::NotInstalled,
            _ => PdfError::Start(e),
        })?;
    let timeout = timeout_for(docx_files.len());
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(PdfError::Start)? {
            Some(status) => break status,
            None if started.elapsed() > timeout => {
                // The process may have ended in between; either way it is gone afterwards.
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Timeout(timeout.as_secs()));
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    let missing: Vec<String> = docx_files
        .iter()
        .zip(&pdfs)
        .filter(|(_, pdf)| !pdf.is_file())
        .map(|(docx, _)| docx.display().to_string())
        .collect();
    if !missing.is_empty() {
        let output = std::fs::read_to_string(&stderr_path).unwrap_or_default();
        let output: String = output.trim().chars().take(500).collect();
        let detail = messages::libreoffice_ended(status, &output);
        return Err(PdfError::Failed {
            missing: missing.join(", "),
            detail,
        });
    }
    Ok(pdfs)
}

/// LibreOffice's start (a fresh profile takes a few seconds) plus a generous time per
/// document (one takes well under a second).
fn timeout_for(documents: usize) -> Duration {
    let per_document = u64::try_from(documents)
        .unwrap_or(u64::MAX)
        .saturating_mul(5);
    Duration::from_secs(per_document.saturating_add(120))
}

/// A private LibreOffice profile directory, removed when dropped.
struct Profile {
    dir: PathBuf,
}

impl Profile {
    fn new() -> io::Result<Self> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "briefing-soffice-{}-{nanos}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir)?;
        Ok(Self { dir })
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        // Best effort: a profile left in the temp directory harms nothing.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `path` as a file URL (absolute, percent-encoded), as LibreOffice's `-env:` wants it.
fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(char::from(byte));
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_libreoffice_is_named_in_german() {
        let dir = std::env::temp_dir();
        let err = convert(
            "soffice-that-does-not-exist-briefing",
            &[dir.join("a.docx")],
            &dir,
        )
        .unwrap_err();
        assert!(matches!(err, PdfError::NotInstalled), "{err:?}");
        assert!(
            err.to_string()
                .starts_with("LibreOffice (soffice) ist nicht installiert")
        );
    }

    #[test]
    fn no_documents_need_no_libreoffice() {
        let pdfs = convert("soffice-that-does-not-exist-briefing", &[], Path::new("."));
        assert!(pdfs.unwrap().is_empty());
    }

    #[test]
    fn two_documents_with_one_name_are_refused() {
        let files = [PathBuf::from("a/x.docx"), PathBuf::from("b/x.docx")];
        let err = convert("soffice", &files, Path::new("out")).unwrap_err();
        assert!(matches!(err, PdfError::DuplicateName(_)), "{err:?}");
    }

    #[test]
    fn profile_urls_are_absolute_and_encoded() {
        let url = file_url(Path::new("/tmp/mit Leerzeichen/ä"));
        assert_eq!(url, "file:///tmp/mit%20Leerzeichen/%C3%A4");
    }
}
