//! The outline guard's memory: the outlines of the documents of the last build, kept as
//! `out/.gliederung/JJJJ-MM.txt` (one per month, plain text an editor can read), and the
//! guard run by `check` and `build`, which compares this run's outlines with the last build
//! of the same month, or else of the newest earlier month.
//!
//! The file is written after the month was swapped in, so only a build that succeeded sets the
//! new standard; a deliberate removal is accepted by building once. `check` never writes it.
//! The comparison itself is [`crate::render::outline`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Location};
use crate::messages;
use crate::month::Month;
use crate::render::Renderer;
use crate::render::outline::Outline;

/// The folder under `out/` that holds the outlines.
const FOLDER: &str = ".gliederung";
/// How a document's block starts in the file.
const DOCUMENT_MARK: &str = "=== ";

/// The file holding the outlines of `month`.
pub fn file_of(out: &Path, month: Month) -> PathBuf {
    out.join(FOLDER).join(format!("{month}.txt"))
}

/// The outlines of the last build of `month`, or else of the newest earlier month, with the
/// month they belong to; `None` before the first build.
pub fn read_last(out: &Path, month: Month) -> Option<(Month, BTreeMap<String, Outline>)> {
    let mut months: Vec<Month> = std::fs::read_dir(out.join(FOLDER))
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            name.strip_suffix(".txt")?.parse::<Month>().ok()
        })
        .filter(|found| *found <= month)
        .collect();
    months.sort();
    let last = months.pop()?;
    let text = std::fs::read_to_string(file_of(out, last)).ok()?;
    Some((last, parse(&text)))
}

fn parse(text: &str) -> BTreeMap<String, Outline> {
    let mut outlines = BTreeMap::new();
    let mut current: Option<(String, Outline)> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix(DOCUMENT_MARK) {
            if let Some((name, outline)) = current.take() {
                outlines.insert(name, outline);
            }
            current = Some((name.to_string(), Outline::default()));
        } else if let Some((_, outline)) = current.as_mut() {
            // A damaged line is skipped: the guard then compares a little less, never wrongly.
            let _ = outline.push_line(line);
        }
    }
    if let Some((name, outline)) = current {
        outlines.insert(name, outline);
    }
    outlines
}

fn format(outlines: &BTreeMap<String, Outline>) -> String {
    let mut text = String::from(messages::outline::OUTLINE_FILE_HEADER);
    text.push('\n');
    for (name, outline) in outlines {
        text.push_str(DOCUMENT_MARK);
        text.push_str(name);
        text.push('\n');
        for line in outline.to_lines() {
            text.push_str(&line);
            text.push('\n');
        }
    }
    text
}

/// The guard: this run's outlines (taken from the renderer) and the warnings of comparing
/// them with the last build.
pub fn guard(
    out: &Path,
    month: Month,
    renderer: &Renderer,
) -> (BTreeMap<String, Outline>, Diagnostics) {
    let current = renderer.take_outlines();
    let warnings = match read_last(out, month) {
        Some((last, previous)) => {
            renderer.outline_warnings(&previous, &current, &last.to_string(), last == month)
        }
        None => Diagnostics::new(),
    };
    (current, warnings)
}

/// Keeps this build's outlines as the standard for the next comparison. A build of some
/// documents only (`--only`) replaces theirs and keeps the others'.
pub fn save(
    out: &Path,
    month: Month,
    outlines: BTreeMap<String, Outline>,
    whole_month: bool,
) -> Result<(), Diagnostics> {
    let path = file_of(out, month);
    let mut all = if whole_month {
        BTreeMap::new()
    } else {
        std::fs::read_to_string(&path)
            .map(|text| parse(&text))
            .unwrap_or_default()
    };
    all.extend(outlines);
    let written = (|| -> std::io::Result<()> {
        std::fs::create_dir_all(out.join(FOLDER))?;
        let temporary = path.with_extension("txt.neu");
        std::fs::write(&temporary, format(&all))?;
        std::fs::rename(&temporary, &path)
    })();
    written.map_err(|error| {
        let mut problems = Diagnostics::new();
        problems.warning(
            Location::file(&path),
            messages::outline::outline_not_saved(&error.to_string()),
        );
        problems
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_are_kept_and_found_for_the_same_or_a_later_month() {
        let dir = tempfile::tempdir().unwrap();
        let october: Month = "2026-10".parse().unwrap();
        let november: Month = "2026-11".parse().unwrap();
        assert!(read_last(dir.path(), november).is_none());
        let outlines: BTreeMap<String, Outline> =
            [("manke".to_string(), Outline::of("## A\n- x\n"))].into();
        save(dir.path(), october, outlines.clone(), true).unwrap();
        assert_eq!(
            read_last(dir.path(), november),
            Some((october, outlines.clone()))
        );
        assert_eq!(read_last(dir.path(), october), Some((october, outlines)));
        assert!(read_last(dir.path(), "2026-09".parse().unwrap()).is_none());
    }
}
