//! The command line over the library: parse (in [`args`]), run one command, and describe the
//! outcome ([`report`]). The binary only calls [`run`] and prints the [`Outcome`] once.

pub mod args;
pub mod parse;
pub mod progress;
pub mod report;

use std::time::Duration;

pub use args::Cli;
pub use parse::{Parsed, parse};
pub use report::Outcome;

use args::Command;

use crate::commands::{build, check, connection, init, preview, send, serve, watch};
use crate::messages::cli as messages;
use crate::project::Selection;
use crate::settings::Settings;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Outcome {
    let outcome = match cli.command {
        Command::Build(args) => Settings::resolve(args.overrides()).and_then(|settings| {
            println!("{}", settings.header());
            // Said before anything is replaced.
            for notice in settings
                .late_month_warning()
                .into_iter()
                .chain(settings.replaces_sent_month())
            {
                eprintln!("{}", messages::warning(&notice));
            }
            build::run(
                settings,
                &Selection::from_only(args.only),
                &progress::ProgressBar::new(),
            )
            .map(Outcome::Build)
        }),
        Command::Check(args) => Settings::resolve(args.into())
            .and_then(|settings| {
                println!("{}", settings.header());
                let notices = settings.late_month_warning().into_iter();
                for notice in notices.chain(settings.misnamed_month_folders()) {
                    eprintln!("{}", messages::warning(&notice));
                }
                check::run(settings)
            })
            .map(Outcome::Check),
        Command::Preview(args) => Settings::resolve(args.common.into())
            .and_then(|settings| preview::run(settings, &args.id))
            .map(Outcome::Preview),
        Command::Init(args) => init::run(&args.dir).map(Outcome::Init),
        Command::Send(args) if args.verbindung_pruefen => {
            connection::run(args.overrides()).map(|report| Outcome::Connection(Box::new(report)))
        }
        Command::Send(args) => {
            let options = args.options();
            let sends = !options.dry_run && options.arrived.is_empty();
            report::SendTerminal::new(sends, args.yes)
                .and_then(|mut ui| {
                    Settings::resolve(args.overrides())
                        .and_then(|settings| send::run(settings, &options, &mut ui))
                })
                .map(|report| Outcome::Send(Box::new(report)))
        }
        Command::Serve(args) => {
            let options = serve::ServeOptions {
                port: args.port.unwrap_or(0),
                poll: Duration::from_millis(args.poll_ms.max(20)),
            };
            serve::run(args.common.into(), &options, !args.kein_browser).map(|()| Outcome::Watched)
        }
        Command::Watch(args) => {
            run_watch(&args.common.into(), args.poll_ms);
            Ok(Outcome::Watched)
        }
    };
    outcome.unwrap_or_else(Outcome::Failed)
}

/// `watch` reports as it goes: one block per rebuild.
fn run_watch(overrides: &crate::settings::Overrides, poll_ms: u64) {
    let interval = Duration::from_millis(poll_ms.max(50));
    eprintln!("{}", messages::WATCHING);
    watch::run(overrides, interval, |event| {
        let watch::WatchEvent::Built { changed, result } = event;
        if !changed.is_empty() {
            let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
            eprintln!("{}", messages::changed(&names.join(", ")));
        }
        match result {
            Ok(report) => {
                eprint!("{}", report.warnings);
                for notice in &report.notices {
                    eprintln!("{}", messages::warning(notice));
                }
                println!("{}", messages::rebuilt(report.folder.display()));
            }
            Err(error) => eprint!("{}", report::failure(&error)),
        }
        true
    });
}
