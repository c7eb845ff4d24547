//! Integration tests: whole runs of the real `briefing` binary on generated projects.

mod build;
mod calendar;
mod changes;
mod concurrency;
mod delivery;
mod example;
mod guide;
mod hostile;
#[path = "../fuzz/src/package_check.rs"]
mod package_check;
mod pdf;
mod pdf_build;
mod properties;
mod real_sheets;
mod send;
mod snapshots;
mod spreadsheets;
mod support;
mod templates;
mod unusable;
mod word;
mod workbench;
