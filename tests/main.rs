//! Integration tests: whole runs of the real `briefing` binary on generated projects.

mod build;
mod example;
mod support;
mod word;
