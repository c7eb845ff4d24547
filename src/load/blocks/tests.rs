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
