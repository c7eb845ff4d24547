//! `briefing init [DIR]`: writes the shipped example as a complete, working project
//! (inputs with spreadsheets, templates, configuration). It never overwrites a file.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::messages;
use crate::output::{WriteError, fs_error};

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
    "templates/partials/auf_einen_blick.md.j2",
    "templates/partials/auf_einen_blick_text.md.j2",
    "templates/partials/hinweise.md.j2",
    "templates/partials/leitfragen.md.j2",
    "templates/partials/makros.md.j2",
    "templates/partials/zentrale_botschaften.md.j2",
    "templates/partials/konferenzen/standard.md.j2",
    "templates/partials/konferenzen/IMK.md.j2",
    "templates/referenz.docx",
];

/// What `init` wrote.
#[derive(Debug)]
pub struct InitReport {
    /// The project folder.
    pub dir: PathBuf,
    /// Every file written.
    pub files: Vec<PathBuf>,
}

/// Writes the example project into `dir`.
pub fn run(dir: &Path) -> Result<InitReport, Error> {
    let existing: Vec<String> = FILES
        .iter()
        .map(|(path, _)| dir.join(path))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Usage(messages::cli::init_would_overwrite(
            &existing.join(", "),
        )));
    }
    let mut written = Vec::with_capacity(FILES.len());
    for (relative, bytes) in FILES {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                WriteError::Io(fs_error(parent, messages::output::CREATE_FOLDER)(e))
            })?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| WriteError::Io(fs_error(&path, messages::output::WRITE_FILE)(e)))?;
        written.push(path);
    }
    Ok(InitReport {
        dir: dir.to_path_buf(),
        files: written,
    })
}
