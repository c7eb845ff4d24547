//! The command line as clap parses it, and its translation into [`Overrides`].

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgAction, Args, Parser, Subcommand};

use crate::load::config::SmtpTls;
use crate::messages::cli as messages;
use crate::messages::cli::{HELP_TEMPLATE, OPTIONS_HEADING as OPTIONS};
use crate::month::Month;
use crate::settings::{Overrides, SmtpOverrides};

// Every text clap prints comes from `messages::cli`. clap would also print doc comments, but
// an explicit `about` or `help` overrides them (and none here has a second paragraph, which
// would become `long_about`/`long_help`), so the doc comments below are for developers only.

/// The program's command line.
#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    about = messages::ABOUT,
    long_about = messages::ABOUT_LONG,
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = messages::COMMANDS_HEADING,
    subcommand_value_name = messages::COMMAND_VALUE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
    #[arg(
        short = 'h',
        long = "help",
        action = ArgAction::Help,
        global = true,
        help = messages::HELP,
        help_heading = OPTIONS
    )]
    help: Option<bool>,
    #[arg(
        short = 'V',
        long = "version",
        action = ArgAction::Version,
        help = messages::VERSION,
        help_heading = OPTIONS
    )]
    version: Option<bool>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[command(help_template = HELP_TEMPLATE)]
pub enum Command {
    /// `briefing build`.
    #[command(
        about = messages::BUILD,
        help_template = HELP_TEMPLATE,
        override_usage = messages::BUILD_USAGE
    )]
    Build(BuildArgs),
    /// `briefing check`.
    #[command(
        about = messages::CHECK,
        help_template = HELP_TEMPLATE,
        override_usage = messages::CHECK_USAGE
    )]
    Check(CommonArgs),
    /// `briefing preview`.
    #[command(
        about = messages::PREVIEW,
        help_template = HELP_TEMPLATE,
        override_usage = messages::PREVIEW_USAGE
    )]
    Preview(PreviewArgs),
    /// `briefing init`.
    #[command(
        about = messages::INIT,
        help_template = HELP_TEMPLATE,
        override_usage = messages::INIT_USAGE
    )]
    Init(InitArgs),
    /// `briefing watch`.
    #[command(
        about = messages::WATCH,
        help_template = HELP_TEMPLATE,
        override_usage = messages::WATCH_USAGE
    )]
    Watch(WatchArgs),
    /// `briefing send`.
    #[command(
        about = messages::SEND,
        help_template = HELP_TEMPLATE,
        override_usage = messages::SEND_USAGE
    )]
    Send(SendArgs),
    /// `briefing serve`.
    #[command(
        about = crate::messages::serve::SERVE,
        help_template = HELP_TEMPLATE,
        override_usage = crate::messages::serve::SERVE_USAGE
    )]
    Serve(ServeArgs),
}

/// Options of every command that reads the inputs.
#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// `--month`.
    #[arg(long, value_name = messages::MONTH_VALUE, help = messages::MONTH, help_heading = OPTIONS)]
    pub month: Option<Month>,
    /// `--stand`.
    #[arg(
        long,
        value_name = messages::STAND_VALUE,
        value_parser = parse_date,
        help = messages::STAND,
        help_heading = OPTIONS
    )]
    pub stand: Option<NaiveDate>,
    /// `--inputs`.
    #[arg(long, value_name = messages::FOLDER_VALUE, help = messages::INPUTS, help_heading = OPTIONS)]
    pub inputs: Option<PathBuf>,
    /// `--templates`.
    #[arg(
        long,
        value_name = messages::FOLDER_VALUE,
        help = messages::TEMPLATES,
        help_heading = OPTIONS
    )]
    pub templates: Option<PathBuf>,
    /// `--out`.
    #[arg(long, value_name = messages::FOLDER_VALUE, help = messages::OUT, help_heading = OPTIONS)]
    pub out: Option<PathBuf>,
    /// `--config`.
    #[arg(long, value_name = messages::FILE_VALUE, help = messages::CONFIG, help_heading = OPTIONS)]
    pub config: Option<PathBuf>,
}

/// `briefing build`.
#[derive(Debug, Args)]
#[command(next_help_heading = OPTIONS)]
pub struct BuildArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// `--only`.
    #[arg(long, value_name = messages::ID_VALUE, help = messages::BUILD_ONLY, help_heading = OPTIONS)]
    pub only: Vec<String>,
    /// `--pdf`.
    #[arg(long, help = messages::PDF, help_heading = OPTIONS)]
    pub pdf: bool,
}

impl BuildArgs {
    /// The overrides, `--pdf` included.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            pdf: self.pdf,
            ..self.common.clone().into()
        }
    }
}

/// `briefing preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// `ID`.
    #[arg(help = messages::PREVIEW_ID, help_heading = messages::ARGUMENTS_HEADING)]
    pub id: String,
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `briefing init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// `ORDNER`.
    #[arg(
        default_value = ".",
        hide_default_value = true,
        value_name = messages::FOLDER_VALUE,
        help = messages::INIT_DIR,
        help_heading = messages::ARGUMENTS_HEADING
    )]
    pub dir: PathBuf,
}

/// `briefing watch`.
#[derive(Debug, Args)]
#[command(next_help_heading = OPTIONS)]
pub struct WatchArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// `--poll-ms` (hidden).
    #[arg(long, value_name = messages::MS_VALUE, default_value_t = 500, hide = true, help = messages::POLL_MS)]
    pub poll_ms: u64,
}

/// `briefing send`.
#[derive(Debug, Args)]
#[command(next_help_heading = OPTIONS)]
pub struct SendArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// `--dry-run`.
    #[arg(long, help = messages::DRY_RUN)]
    pub dry_run: bool,
    /// `--smtp-host`.
    #[arg(long, value_name = messages::SERVER_VALUE, help = messages::SMTP_HOST)]
    pub smtp_host: Option<String>,
    /// `--smtp-port`.
    #[arg(long, value_name = messages::PORT_VALUE, value_parser = parse_port, help = messages::SMTP_PORT)]
    pub smtp_port: Option<u16>,
    /// `--smtp-tls`.
    #[arg(long, value_name = messages::TLS_VALUE, value_parser = parse_tls, help = messages::SMTP_TLS)]
    pub smtp_tls: Option<SmtpTls>,
    /// `--smtp-user`.
    #[arg(long, value_name = messages::USER_VALUE, help = messages::SMTP_USER)]
    pub smtp_user: Option<String>,
    /// `--from`.
    #[arg(long, value_name = messages::ADDRESS_VALUE, help = messages::FROM)]
    pub from: Option<String>,
    /// `--smtp-timeout`, in seconds.
    #[arg(
        long,
        value_name = messages::SECONDS_VALUE,
        value_parser = parse_seconds,
        allow_negative_numbers = true,
        help = messages::SMTP_TIMEOUT
    )]
    pub smtp_timeout: Option<u64>,
    /// `--unverschluesselt-erlauben`.
    #[arg(long, help = messages::ALLOW_UNENCRYPTED)]
    pub unverschluesselt_erlauben: bool,
    /// `--yes`.
    #[arg(long, short = 'y', help = messages::YES)]
    pub yes: bool,
    /// `--only`.
    #[arg(long, value_name = messages::ID_VALUE, help = messages::SEND_ONLY)]
    pub only: Vec<String>,
    /// `--to`.
    #[arg(long, value_name = messages::ADDRESS_VALUE, help = messages::TO)]
    pub to: Option<String>,
    /// `--resend`.
    #[arg(long, value_name = messages::ID_VALUE, help = messages::RESEND)]
    pub resend: Vec<String>,
    /// `--resend-changed`.
    #[arg(long, help = messages::RESEND_CHANGED)]
    pub resend_changed: bool,
    /// `--angekommen`.
    #[arg(long, value_name = messages::ID_VALUE, help = messages::ARRIVED)]
    pub angekommen: Vec<String>,
    /// `--verbindung-pruefen`: only test the connection to the mail server.
    #[arg(long, help = crate::messages::tls::CHECK_CONNECTION_HELP)]
    pub verbindung_pruefen: bool,
}

/// `briefing serve`.
#[derive(Debug, Args)]
#[command(next_help_heading = OPTIONS)]
pub struct ServeArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// `--port`.
    #[arg(long, value_name = messages::PORT_VALUE, value_parser = parse_port, help = crate::messages::serve::SERVE_PORT)]
    pub port: Option<u16>,
    /// `--kein-browser`.
    #[arg(long, help = crate::messages::serve::SERVE_NO_BROWSER)]
    pub kein_browser: bool,
    /// `--poll-ms` (hidden).
    #[arg(long, value_name = messages::MS_VALUE, default_value_t = 100, hide = true, help = messages::POLL_MS)]
    pub poll_ms: u64,
}

fn parse_tls(text: &str) -> Result<SmtpTls, String> {
    text.parse()
}

fn parse_port(text: &str) -> Result<u16, String> {
    text.parse()
        .ok()
        .filter(|port| *port > 0)
        .ok_or_else(|| messages::not_a_port(text))
}

fn parse_seconds(text: &str) -> Result<u64, String> {
    text.parse().map_err(|_| messages::not_seconds(text))
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| messages::not_a_date(text))
}

impl From<CommonArgs> for Overrides {
    fn from(args: CommonArgs) -> Self {
        Overrides {
            inputs: args.inputs,
            templates: args.templates,
            out: args.out,
            config: args.config,
            month: args.month,
            stand: args.stand,
            pdf: false,
            stand_of_built_month: false,
            smtp: SmtpOverrides::default(),
        }
    }
}

impl SendArgs {
    /// What `send` is asked to do beyond the settings.
    pub fn options(&self) -> crate::commands::send::SendOptions {
        crate::commands::send::SendOptions {
            dry_run: self.dry_run,
            only: self.only.clone(),
            test_address: self.to.clone(),
            resend: self.resend.clone(),
            resend_changed: self.resend_changed,
            arrived: self.angekommen.clone(),
        }
    }

    /// The overrides, SMTP flags included.
    pub fn overrides(self) -> Overrides {
        Overrides {
            smtp: SmtpOverrides {
                host: self.smtp_host,
                port: self.smtp_port,
                tls: self.smtp_tls,
                user: self.smtp_user,
                from: self.from,
                timeout_seconds: self.smtp_timeout,
                allow_unencrypted: self.unverschluesselt_erlauben,
            },
            stand_of_built_month: true,
            ..self.common.into()
        }
    }
}
