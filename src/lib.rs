//! `briefing`: monthly Word briefings for the spokespersons of the IT-Planungsrat.
//!
//! The stages, in the order data flows through them:
//! [`load`] (YAML and xlsx inputs) -> [`model`] (joined, validated plain data) ->
//! [`render`] (minijinja templates -> Markdown) -> [`docx`] (Markdown -> Word) ->
//! [`write`] (the month's output folder). [`produce`] combines rendering and conversion for
//! one document; [`commands`] sequence the stages for each subcommand. No stage reaches back
//! into an earlier one.

#![forbid(unsafe_code)]

pub mod calendar;
pub mod commands;
pub mod config;
pub mod deliver;
pub mod diagnostics;
pub mod docx;
pub mod error;
pub mod links;
pub mod load;
pub mod model;
pub mod month;
pub mod produce;
pub mod render;
pub mod text;
pub mod write;

pub use error::Error;
