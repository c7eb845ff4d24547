//! `briefing`: monthly Word briefings for the spokespersons of the IT-Planungsrat.
//!
//! The stages, in the order data flows through them:
//! [`load`] (YAML and xlsx inputs) -> [`model`] (joined, validated plain data) ->
//! [`render`] (minijinja templates -> Markdown) -> [`docx`] (Markdown -> Word) ->
//! [`write`] (the month's output folder). [`commands`] sequence the stages for each
//! subcommand; no stage reaches back into an earlier one.

pub mod config;
pub mod diagnostics;
pub mod load;
pub mod model;
pub mod month;
pub mod render;
