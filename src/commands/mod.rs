//! One module per subcommand; each only sequences the [`crate::project::Project`] stages and
//! returns a report (printed by [`crate::cli`]).

pub mod build;
pub mod check;
pub mod connection;
pub mod init;
pub mod preview;
pub mod send;
pub mod serve;
pub mod watch;
