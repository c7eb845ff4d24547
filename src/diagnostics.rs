//! Problems found in the inputs and templates, with the place they were found.
//!
//! Every stage collects its problems into [`Diagnostics`] instead of stopping at the first one,
//! so a run reports everything that is wrong at once. This module only describes and prints
//! problems; deciding whether they stop a run is up to the caller ([`Diagnostics::has_errors`]).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::messages::system as messages;

/// How serious a problem is: errors stop a build, warnings are reported and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the run; nothing is written.
    Error,
    /// Reported; the run goes on.
    Warning,
}

/// Where in a file a problem was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A row of a spreadsheet, numbered as Excel shows it (1-based).
    Row {
        /// The sheet's name.
        sheet: String,
        /// The row number.
        row: u32,
    },
    /// A cell of a spreadsheet; `column` is the header text of that column.
    Cell {
        /// The sheet's name.
        sheet: String,
        /// The row number.
        row: u32,
        /// The column's header.
        column: String,
    },
    /// A position in a text file (YAML, templates), 1-based.
    Line {
        /// The line.
        line: u64,
        /// The column, in characters.
        column: u64,
    },
}

/// A file and a place inside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// The file.
    pub file: PathBuf,
    /// Where in it.
    pub place: Place,
}

impl Location {
    /// The file as a whole.
    pub fn file(file: &Path) -> Self {
        Location {
            file: file.to_path_buf(),
            place: Place::File,
        }
    }

    /// A row of a sheet.
    pub fn row(file: &Path, sheet: &str, row: u32) -> Self {
        Location {
            file: file.to_path_buf(),
            place: Place::Row {
                sheet: sheet.to_string(),
                row,
            },
        }
    }

    /// A line and column of a text file.
    pub fn line(file: &Path, line: u64, column: u64) -> Self {
        Location {
            file: file.to_path_buf(),
            place: Place::Line { line, column },
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match &self.place {
            Place::File => Ok(()),
            Place::Row { sheet, row } => write!(f, ":{sheet}:{row}"),
            Place::Cell { sheet, row, column } => {
                write!(f, ":{sheet}:{row}: {}", messages::column(column))
            }
            Place::Line { line, column } => write!(f, ":{line}:{column}"),
        }
    }
}

/// One problem: how serious, where, and what is wrong in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it was found.
    pub location: Location,
    /// What is wrong, in words.
    pub message: String,
    /// Further lines printed below the message: the source line with a marker, a hint.
    pub detail: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => messages::ERROR_LABEL,
            Severity::Warning => messages::WARNING_LABEL,
        };
        write!(f, "{label}: {}: {}", self.location, self.message)?;
        if let Some(detail) = &self.detail {
            for line in detail.lines() {
                write!(f, "\n  {line}")?;
            }
        }
        Ok(())
    }
}

/// All problems of a run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an error.
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Error, location, message.into());
    }

    /// Adds a warning.
    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Warning, location, message.into());
    }

    /// An error with lines of context below it (a source excerpt, a hint).
    pub fn error_with_detail(
        &mut self,
        location: Location,
        message: impl Into<String>,
        detail: String,
    ) {
        self.items.push(Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            detail: Some(detail),
        });
    }

    /// Adds a diagnostic as it is.
    pub fn push_diagnostic(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    fn push(&mut self, severity: Severity, location: Location, message: String) {
        self.items.push(Diagnostic {
            severity,
            location,
            message,
            detail: None,
        });
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Whether there is no problem at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(f, "{item}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_spreadsheet_and_yaml_locations_as_the_spec_says() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.error(
            Location::row(Path::new("inputs/2026-11/termine.xlsx"), "Termine", 14),
            "\"31.02.2026\" is not a date",
        );
        diagnostics.warning(
            Location::line(Path::new("inputs/sprecher.yaml"), 12, 18),
            "unknown conference code \"XMK\"",
        );
        assert_eq!(
            diagnostics.to_string(),
            "Fehler: inputs/2026-11/termine.xlsx:Termine:14: \"31.02.2026\" is not a date\n\
             Warnung: inputs/sprecher.yaml:12:18: unknown conference code \"XMK\"\n"
        );
        assert!(diagnostics.has_errors());
    }
}
