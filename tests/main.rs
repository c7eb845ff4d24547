//! Integration tests: whole runs of the real `briefing` binary on generated projects.

mod build;
mod example;
mod guide;
mod hostile;
#[path = "../fuzz/src/package_check.rs"]
mod package_check;
mod properties;
mod snapshots;
mod spreadsheets;
mod support;
mod templates;
mod unusable;
mod workbench;
