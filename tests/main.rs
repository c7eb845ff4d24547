//! Integration tests: whole runs of the real `briefing` binary on generated projects.

mod build;
mod example;
mod guide;
mod hostile;
mod snapshots;
mod spreadsheets;
mod support;
mod templates;
mod unusable;
mod workbench;
