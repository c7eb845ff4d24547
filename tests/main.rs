//! Integration tests: whole runs of the real `briefing` binary on generated projects.

mod blocks;
mod build;
mod calendar;
mod calendar_months;
mod changes;
mod concurrency;
mod date_forms;
mod delivery;
mod documents;
mod editor;
mod email;
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
mod sent_months;
mod serve;
mod snapshots;
mod spreadsheets;
mod support;
mod templates;
mod tls;
mod unusable;
mod word;
mod workbench;
