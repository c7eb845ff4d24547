//! `briefing watch`: rebuilds when a template, an input or the configuration changes.
//!
//! Polls modification times (no platform file-watching API needed, works on network drives
//! too). A change to `uebersicht.md.j2` alone rebuilds only the overview, a change to
//! `briefing.md.j2` or `email.txt.j2` alone only the briefings; anything else rebuilds
//! everything. Errors are reported and the watch goes on. Each rebuild waits for the output
//! lock, so a `send` or `build` in another window finishes first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::build::{self, BuildReport};
use crate::error::Error;
use crate::project::Selection;
use crate::render::{BRIEFING_TEMPLATE, EMAIL_TEMPLATE, OVERVIEW_TEMPLATE};
use crate::settings::{Overrides, Settings};

/// What happened in one round of the watch.
pub enum WatchEvent<'a> {
    /// A build ran because of these changed files (empty for the first build).
    Built {
        /// The files that changed since the last round.
        changed: &'a [PathBuf],
        /// How the build went.
        result: Result<BuildReport, Error>,
    },
}

pub(crate) type Snapshot = BTreeMap<PathBuf, (SystemTime, u64)>;

/// Watches until `on_event` returns false (the command line never stops it). The settings
/// are resolved again for every build, since `briefing.yaml` may be what changed.
pub fn run(
    overrides: &Overrides,
    interval: Duration,
    mut on_event: impl FnMut(WatchEvent<'_>) -> bool,
) {
    let build = |selection: Selection| {
        Settings::resolve(overrides.clone())
            .and_then(|settings| build::run_with(settings, &selection, &(), build::Locking::Wait))
    };
    let roots = watched_roots(overrides);
    let templates = templates_dir(overrides);
    let mut before = snapshot(&roots);
    let result = build(Selection::Everything);
    if !on_event(WatchEvent::Built {
        changed: &[],
        result,
    }) {
        return;
    }
    loop {
        std::thread::sleep(interval);
        let now = snapshot(&roots);
        if now == before {
            continue;
        }
        let changed = differences(&before, &now);
        before = now;
        let result = build(affected(&changed, &templates));
        if !on_event(WatchEvent::Built {
            changed: &changed,
            result,
        }) {
            return;
        }
    }
}

/// The folders and the configuration file to watch; the folders come from the command line
/// alone, so they are known even while the configuration file is broken. (`serve` watches
/// them too.)
pub(crate) fn watched_roots(overrides: &Overrides) -> Vec<PathBuf> {
    let paths = Settings::paths(overrides);
    vec![
        paths.inputs,
        paths.templates,
        Settings::config_path(overrides),
    ]
}

fn templates_dir(overrides: &Overrides) -> PathBuf {
    Settings::paths(overrides).templates
}

pub(crate) fn snapshot(roots: &[PathBuf]) -> Snapshot {
    let mut files = Snapshot::new();
    for root in roots {
        visit(root, &mut files, 0);
    }
    files
}

fn visit(path: &Path, files: &mut Snapshot, depth: usize) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_dir() {
        if depth > 8 {
            return;
        }
        if let Ok(entries) = std::fs::read_dir(path) {
            for entry in entries.flatten() {
                visit(&entry.path(), files, depth + 1);
            }
        }
    } else if meta.is_file() {
        let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        files.insert(path.to_path_buf(), (modified, meta.len()));
    }
}

fn differences(before: &Snapshot, now: &Snapshot) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = now
        .iter()
        .filter(|(path, stamp)| before.get(*path) != Some(stamp))
        .map(|(path, _)| path.clone())
        .collect();
    changed.extend(
        before
            .keys()
            .filter(|path| !now.contains_key(*path))
            .cloned(),
    );
    changed.sort();
    changed
}

/// The documents a set of changed files can affect.
fn affected(changed: &[PathBuf], templates: &Path) -> Selection {
    let only = |names: &[&str]| {
        changed
            .iter()
            .all(|path| names.iter().any(|name| *path == templates.join(name)))
    };
    if only(&[OVERVIEW_TEMPLATE]) {
        Selection::Overview
    } else if only(&[BRIEFING_TEMPLATE, EMAIL_TEMPLATE]) {
        Selection::Briefings(None)
    } else {
        Selection::Everything
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_rebuilds_only_the_documents_it_affects() {
        let templates = Path::new("templates");
        let path = |name: &str| templates.join(name);
        assert_eq!(
            affected(&[path("uebersicht.md.j2")], templates),
            Selection::Overview
        );
        assert_eq!(
            affected(&[path("briefing.md.j2"), path("email.txt.j2")], templates),
            Selection::Briefings(None)
        );
        assert_eq!(
            affected(&[path("partials/leitfragen.md.j2")], templates),
            Selection::Everything
        );
        assert_eq!(
            affected(&[PathBuf::from("inputs/sprecher.yaml")], templates),
            Selection::Everything
        );
    }
}
