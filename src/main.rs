//! The `briefing` command line: parse the arguments, run one command, print its outcome once,
//! exit with its code.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use briefing::cli::{self, Parsed};

fn main() -> ExitCode {
    let outcome = match cli::parse() {
        Parsed::Run(command) => cli::run(*command),
        Parsed::Print(text) => {
            print!("{text}");
            return ExitCode::SUCCESS;
        }
        Parsed::Usage(text) => {
            eprint!("{text}");
            return ExitCode::from(2);
        }
    };
    eprint!("{}", outcome.diagnostics());
    print!("{outcome}");
    ExitCode::from(outcome.exit_code())
}
