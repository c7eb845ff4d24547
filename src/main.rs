//! The `briefing` command line: parse the arguments, run one command, print its outcome once,
//! exit with its code.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let outcome = briefing::cli::run(briefing::cli::Cli::parse());
    eprint!("{}", outcome.diagnostics());
    print!("{outcome}");
    ExitCode::from(outcome.exit_code())
}
