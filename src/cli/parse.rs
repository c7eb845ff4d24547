//! Parsing the command line with clap, and clap's usage errors in German.
//!
//! clap writes its errors in English; the users of `briefing` read German. The common kinds
//! (unknown command or option, invalid or missing value) are put into German here, with the
//! details clap found; help and version pass through unchanged.

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::args::Cli;
use crate::messages::cli as messages;

/// The outcome of parsing: the command to run, or what to print instead (exit code 0 for help
/// and version, 2 for a usage error).
pub enum Parsed {
    /// A command to run.
    Run(Box<Cli>),
    /// Help or version text, printed on stdout.
    Print(String),
    /// A usage error, printed on stderr.
    Usage(String),
}

/// Parses the process's arguments.
pub fn parse() -> Parsed {
    parse_from(std::env::args_os())
}

/// Parses `args` (the first is the program name).
pub fn parse_from<I, T>(args: I) -> Parsed
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(cli) => Parsed::Run(Box::new(cli)),
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                Parsed::Print(error.render().to_string())
            }
            _ => Parsed::Usage(german(&error)),
        },
    }
}

fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => Some(texts.join(", ")),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::StyledStrs(texts) => Some(
            texts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// "Fehler: …" with a suggestion where clap has one, and where to find help.
fn german(error: &clap::Error) -> String {
    let invalid = context(error, ContextKind::InvalidArg)
        .or_else(|| context(error, ContextKind::InvalidSubcommand))
        .unwrap_or_default();
    let value = context(error, ContextKind::InvalidValue).unwrap_or_default();
    let suggestion = context(error, ContextKind::SuggestedSubcommand)
        .or_else(|| context(error, ContextKind::SuggestedArg))
        .or_else(|| context(error, ContextKind::SuggestedValue));
    let mut message = match error.kind() {
        ErrorKind::InvalidSubcommand => messages::unknown_command(&invalid),
        ErrorKind::UnknownArgument if invalid.starts_with('-') => {
            messages::unknown_option(&invalid)
        }
        ErrorKind::UnknownArgument => messages::unexpected_argument(&invalid),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let reason = std::error::Error::source(error)
                .map(|source| format!(": {source}"))
                .unwrap_or_default();
            if value.is_empty() {
                messages::value_needed(&invalid, &reason)
            } else {
                messages::invalid_value(&value, &invalid, &reason)
            }
        }
        ErrorKind::MissingRequiredArgument => messages::missing_argument(&invalid),
        ErrorKind::MissingSubcommand => messages::MISSING_COMMAND.to_string(),
        ErrorKind::ArgumentConflict => messages::argument_conflict(&invalid),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            messages::wrong_number_of_values(&invalid)
        }
        _ => messages::invalid_call(error.to_string().trim_start_matches("error: ").trim()),
    };
    if let Some(suggestion) = suggestion {
        message.push_str(&messages::did_you_mean(&suggestion));
    }
    messages::usage_error(&message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(args: &[&str]) -> String {
        match parse_from(std::iter::once("briefing").chain(args.iter().copied())) {
            Parsed::Usage(text) => text,
            Parsed::Run(_) => panic!("{args:?} parsed"),
            Parsed::Print(text) => panic!("{args:?} printed {text}"),
        }
    }

    #[test]
    fn usage_errors_are_german_and_name_what_is_wrong() {
        assert_eq!(
            usage(&["buidl"]),
            "Fehler: unbekannter Befehl „buidl“; meinten Sie „build“?\nHilfe: briefing --help\n"
        );
        let text = usage(&["build", "--stnad", "2026-11-28"]);
        assert!(
            text.starts_with("Fehler: unbekannte Option „--stnad“"),
            "{text}"
        );
        assert!(text.contains("meinten Sie „--stand“?"), "{text}");
        let text = usage(&["build", "--month", "13"]);
        assert!(
            text.starts_with("Fehler: ungültiger Wert „13“ für --month <JJJJ-MM>"),
            "{text}"
        );
        assert!(text.contains("JJJJ-MM"), "{text}");
        let text = usage(&["preview"]);
        assert!(text.starts_with("Fehler: es fehlt: <ID>"), "{text}");
        // Numbers are checked by our parsers, so clap's English reasons never show.
        for (args, reason) in [
            (["send", "--smtp-port", "x"], "„x“ ist keine Portnummer"),
            (["send", "--smtp-port", "0"], "„0“ ist keine Portnummer"),
            (
                ["send", "--smtp-timeout", "-1"],
                "„-1“ ist keine Anzahl Sekunden",
            ),
        ] {
            let text = usage(&args);
            assert!(text.contains(reason), "{text}");
            assert!(!text.contains("invalid"), "{text}");
        }
    }

    #[test]
    fn the_short_help_is_german_too() {
        let Parsed::Print(text) = parse_from(["briefing", "-h"]) else {
            panic!("no help");
        };
        assert!(
            text.starts_with("Monatliche Word-Briefings für die fachpolitischen"),
            "{text}"
        );
    }

    #[test]
    fn every_subcommands_help_is_german() {
        for command in ["build", "check", "preview", "init", "watch", "send"] {
            let Parsed::Print(text) = parse_from(["briefing", command, "--help"]) else {
                panic!("no help for {command}");
            };
            for english in ["Usage", "Options", "Arguments", "Print help", "default:"] {
                assert!(!text.contains(english), "{command}: {english} in {text}");
            }
            assert!(text.contains("Aufruf: briefing"), "{command}: {text}");
        }
    }

    #[test]
    fn help_is_printed_not_an_error() {
        let Parsed::Print(text) = parse_from(["briefing", "--help"]) else {
            panic!("no help");
        };
        assert!(
            text.contains("Befehle:") && text.contains("Aufruf:"),
            "{text}"
        );
        assert!(
            !text.contains("Usage") && !text.contains("Options"),
            "{text}"
        );
    }
}
