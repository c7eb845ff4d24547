//! The command line as clap parses it, and its translation into [`Overrides`].

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::load::config::SmtpTls;
use crate::month::Month;
use crate::settings::{Overrides, SmtpOverrides};

/// Monthly Word briefings for the spokespersons of the IT-Planungsrat.
///
/// Exit codes: 0 success, 1 input or template errors, 2 usage errors.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every briefing, the overview and versand.csv into OUT/YYYY-MM/
    Build(BuildArgs),
    /// Validate inputs and templates and report every problem; writes nothing
    Check(CommonArgs),
    /// Print one briefing's rendered Markdown (ID "uebersicht": the overview)
    Preview(PreviewArgs),
    /// Write a complete working example project into DIR (default: the current folder)
    Init(InitArgs),
    /// Rebuild whenever a template, an input or the configuration changes (Ctrl-C stops)
    Watch(WatchArgs),
    /// E-mail each spokesperson their briefing and calendar file (the month must be built)
    Send(SendArgs),
}

/// Options of every command that reads the inputs.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Month folder to read (YYYY-MM); default: the newest folder in the inputs
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<Month>,
    /// Reference date of the documents ("Stand"); default: today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub stand: Option<NaiveDate>,
    /// Folder with sprecher.yaml, beschluesse.yaml and the month folders [default: inputs]
    #[arg(long, value_name = "DIR")]
    pub inputs: Option<PathBuf>,
    /// Folder with the templates [default: templates]
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Folder the month's documents are written to [default: out]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Configuration file; default: briefing.yaml in the current folder, if present
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `briefing build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Build only this spokesperson's briefing (repeatable); other files are kept
    #[arg(long, value_name = "ID")]
    pub only: Vec<String>,
}

/// `briefing preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// The spokesperson's id from sprecher.yaml, or "uebersicht"
    pub id: String,
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `briefing init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder for the new project; created if missing
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// `briefing watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// How often to look for changes, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 500, hide = true)]
    pub poll_ms: u64,
}

/// `briefing send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// The common options.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Write the messages as .eml files into OUT/YYYY-MM/mail/ and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// SMTP server; default: versand.server in briefing.yaml
    #[arg(long, value_name = "HOST")]
    pub smtp_host: Option<String>,
    /// SMTP port; default: versand.port, else 25 / 587 / 465 by --smtp-tls
    #[arg(long, value_name = "PORT")]
    pub smtp_port: Option<u16>,
    /// Connection security: none, starttls (default) or tls
    #[arg(long, value_name = "none|starttls|tls", value_parser = parse_tls)]
    pub smtp_tls: Option<SmtpTls>,
    /// SMTP user; the password comes from the environment variable BRIEFING_SMTP_PASSWORD
    #[arg(long, value_name = "USER")]
    pub smtp_user: Option<String>,
    /// Sender address; default: versand.absender, else FITKO <it-plr@fitko.de>
    #[arg(long, value_name = "ADDRESS")]
    pub from: Option<String>,
    /// Seconds to wait for the server to connect and answer; default: versand.timeout_sekunden, else 30
    #[arg(long, value_name = "SEKUNDEN")]
    pub smtp_timeout: Option<u64>,
    /// Allow the password over --smtp-tls none (only for a mail server on this machine)
    #[arg(long)]
    pub unverschluesselt_erlauben: bool,
    /// Send without asking (needed when there is no terminal to ask on)
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Only these spokespersons (repeatable)
    #[arg(long, value_name = "ID")]
    pub only: Vec<String>,
    /// Send the selection to this test address instead; not recorded as delivered
    #[arg(long, value_name = "ADDRESS")]
    pub to: Option<String>,
    /// Send these spokespersons their briefing again although the log has it (repeatable)
    #[arg(long, value_name = "ID")]
    pub resend: Vec<String>,
    /// Send again to everyone whose briefing changed since it was sent
    #[arg(long)]
    pub resend_changed: bool,
    /// Record an unknown delivery as arrived (you checked with the recipient); sends nothing to them
    #[arg(long, value_name = "ID")]
    pub angekommen: Vec<String>,
}

fn parse_tls(text: &str) -> Result<SmtpTls, String> {
    text.parse()
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-28"))
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
            ..self.common.into()
        }
    }
}
