//! `briefing send --verbindung-pruefen`: tests the connection to the mail server with the
//! settings a delivery would use (connect, TLS, login, quit) and reports what it found.
//!
//! Needs neither a built month nor inputs: the month only decides which folder a delivery
//! would read, so when none is given the current one stands in. Takes no lock and leaves the
//! send log alone; nothing is sent.

use crate::deliver::connection::{self, ConnectionReport};
use crate::error::Error;
use crate::month::Month;
use crate::settings::{Overrides, Settings};

/// Resolves the SMTP settings and tests the connection.
pub fn run(mut overrides: Overrides) -> Result<ConnectionReport, Error> {
    // Settings::resolve looks for the newest month folder, which a connection test must
    // not require (a fresh setup has none yet).
    if overrides.month.is_none() {
        overrides.month = Some(Month::of(chrono::Local::now().date_naive()));
    }
    let settings = Settings::resolve(overrides)?;
    Ok(connection::test(&settings.smtp()?)?)
}
