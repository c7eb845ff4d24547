//! Every text the command line shows a user, in German and in one place, so that the wording
//! can be read and reviewed together: errors, warnings, hints, progress and summary lines, and
//! the help of every command. One file per part of the program that speaks.
//!
//! A fixed text is a `pub const`; a text with values is a `pub fn` that takes plain values
//! (`&str`, numbers, `impl Display`) and returns a `String`. The module imports nothing from the
//! rest of the crate, so every stage may use it without an import reaching backwards.
//!
//! What is not here: the words of the documents themselves (templates, the grammar filters'
//! articles and nouns, month and weekday names, document titles), which are the documents'
//! language data and live with the code that writes them; locations (`file:line:column`),
//! which [`crate::diagnostics`] puts in front of a message.

pub mod blocks;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod deliver;
pub mod documents;
pub mod inputs;
pub mod model;
pub mod outline;
pub mod output;
pub mod protocol;
pub mod render;
pub mod serve;
pub mod sheets;
pub mod system;
pub mod tls;
