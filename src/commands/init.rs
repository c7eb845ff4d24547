//! `briefing init [DIR]`: writes the shipped example as a complete, working project
//! (inputs with spreadsheets, templates, configuration). It never overwrites a file.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::write::WriteError;

macro_rules! scaffold {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)) as &[u8])),*]
    };
}

/// Every file of the example project, embedded in the binary. A test checks that this list
/// and the repository's `inputs/` and `templates/` agree.
pub const FILES: &[(&str, &[u8])] = scaffold![
    "briefing.yaml",
    "inputs/sprecher.yaml",
    "inputs/beschluesse.yaml",
    "inputs/2026-10/ansprechpartner.xlsx",
    "inputs/2026-10/termine.xlsx",
    "inputs/2026-11/ansprechpartner.xlsx",
    "inputs/2026-11/termine.xlsx",
    "templates/README.md",
    "templates/briefing.md.j2",
    "templates/uebersicht.md.j2",
    "templates/email.txt.j2",
    "templates/partials/hinweise.md.j2",
    "templates/partials/leitfragen.md.j2",
    "templates/partials/makros.md.j2",
    "templates/partials/zentrale_botschaften.md.j2",
    "templates/partials/konferenzen/standard.md.j2",
    "templates/partials/konferenzen/IMK.md.j2",
    "templates/referenz.docx",
];

/// Writes the example project into `dir` and returns the files written.
pub fn run(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let existing: Vec<String> = FILES
        .iter()
        .map(|(path, _)| dir.join(path))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(format!(
            "refusing to overwrite existing files: {}; choose an empty folder",
            existing.join(", ")
        )));
    }
    let mut written = Vec::with_capacity(FILES.len());
    for (relative, bytes) in FILES {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| WriteError::Io {
                path: parent.to_path_buf(),
                action: "cannot create the folder",
                source,
            })?;
        }
        std::fs::write(&path, bytes).map_err(|source| WriteError::Io {
            path: path.clone(),
            action: "cannot write the file",
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
