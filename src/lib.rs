//! `briefing`: monthly Word briefings for the spokespersons of the IT-Planungsrat.
//!
//! The stages, in the order data flows through them:
//! [`load`] (configuration, YAML and spreadsheet inputs, template texts, design files) ->
//! [`model`] (joined, validated plain data) -> [`render`] (minijinja templates -> Markdown) ->
//! [`docx`] (Markdown -> Word) -> [`output`] (the month's folder, manifest and send log) ->
//! [`deliver`] (e-mail). [`settings`] resolves every setting once; [`project`] is the facade
//! that runs the stages up to rendering and produces documents ([`assemble`] makes one);
//! [`commands`] sequence it for each subcommand and [`cli`] is the command line over them. No
//! stage reaches back into an earlier one.

#![forbid(unsafe_code)]

pub mod assemble;
pub mod calendar;
pub mod cli;
pub mod commands;
pub mod deliver;
pub mod diagnostics;
pub mod docx;
pub mod error;
pub mod html;
pub mod io_reason;
pub mod links;
pub mod load;
pub mod messages;
pub mod model;
pub mod month;
pub mod output;
pub mod pdf;
pub mod project;
pub mod render;
pub mod settings;
pub mod text;

pub use error::Error;
