//! Integration tests: whole runs of the real `briefing` binary on generated projects.

mod blocks;
mod build;
mod calendar;
mod changes;
mod concurrency;
mod date_forms;
mod delivery;
mod editor;
mod example;
mod guide;
mod hostile;
mod other_formats;
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
