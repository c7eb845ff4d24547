//! The reader on Word's own files (`tests/fixtures/word-samples/`, from mammoth and
//! python-docx) and on hostile input.

use std::path::{Path, PathBuf};

use super::*;

fn sample(name: &str) -> Result<Block, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/word-samples")
        .join(format!("{name}.docx"));
    let bytes = std::fs::read(&path).unwrap();
    read_bytes(name, &path, &bytes)
}

#[test]
fn every_sample_is_read_or_refused_with_a_reason() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/word-samples");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx"))
        .collect();
    names.sort();
    let started = std::time::Instant::now();
    let results: Vec<_> = names
        .iter()
        .map(|n| sample(n.trim_end_matches(".docx")))
        .collect();
    println!("{} samples read in {:?}", names.len(), started.elapsed());
    for (name, result) in names.iter().zip(&results) {
        match result {
            Ok(block) => assert!(!block.body.is_empty(), "{name}"),
            Err(reason) => assert!(reason.contains("Bild"), "{name}: {reason}"),
        }
    }
    let footnotes = sample("mammoth-footnotes").unwrap();
    assert_eq!(footnotes.notes.len(), 2);
    let endnotes = sample("mammoth-endnotes").unwrap();
    assert_eq!(endnotes.notes.keys().collect::<Vec<_>>(), ["e2", "e3"]);
}

#[test]
fn hostile_bytes_never_panic() {
    for bytes in [
        &b""[..],
        b"PK\x03\x04",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        b"<w:document/>",
    ] {
        assert!(read_bytes("x", Path::new("x.docx"), bytes).is_err());
    }
}
