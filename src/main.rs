//! The `briefing` command line: parses arguments, runs one command, reports, exits.

#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

use briefing::commands::{CommonOptions, build, check, init, preview, send, watch};
use briefing::config::{Paths, SmtpTls};
use briefing::month::Month;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

/// Monthly Word briefings for the spokespersons of the IT-Planungsrat.
///
/// Exit codes: 0 success, 1 input or template errors, 2 usage errors.
#[derive(Debug, Parser)]
#[command(name = "briefing", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build every briefing, the overview and versand.csv into OUT/YYYY-MM/
    Build(BuildArgs),
    /// Validate inputs and templates and report every problem; writes nothing
    Check(CheckArgs),
    /// Print one briefing's rendered Markdown (ID "uebersicht": the overview)
    Preview(PreviewArgs),
    /// Write a complete working example project into DIR (default: the current folder)
    Init(InitArgs),
    /// Rebuild whenever a template, an input or the configuration changes (Ctrl-C stops)
    Watch(WatchArgs),
    /// E-mail each spokesperson their briefing and calendar file (the month must be built)
    Send(SendArgs),
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// Month folder to read (YYYY-MM); default: the newest folder in the inputs
    #[arg(long, value_name = "YYYY-MM")]
    month: Option<Month>,
    /// Reference date of the documents ("Stand"); default: today
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    stand: Option<NaiveDate>,
    /// Folder with sprecher.yaml, beschluesse.yaml and the month folders
    #[arg(long, value_name = "DIR", default_value = "inputs")]
    inputs: PathBuf,
    /// Folder with the templates
    #[arg(long, value_name = "DIR", default_value = "templates")]
    templates: PathBuf,
    /// Folder the month's documents are written to
    #[arg(long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Configuration file; default: briefing.yaml in the current folder, if present
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Build only this spokesperson's briefing (repeatable); other files are kept
    #[arg(long, value_name = "ID")]
    only: Vec<String>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Args)]
struct PreviewArgs {
    /// The spokesperson's id from sprecher.yaml, or "uebersicht"
    id: String,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// Folder for the new project; created if missing
    #[arg(default_value = ".")]
    dir: PathBuf,
}

#[derive(Debug, Args)]
struct WatchArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// How often to look for changes, in milliseconds
    #[arg(long, value_name = "MS", default_value_t = 500, hide = true)]
    poll_ms: u64,
}

#[derive(Debug, Args)]
struct SendArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Write the messages as .eml files into OUT/YYYY-MM/mail/ and send nothing
    #[arg(long)]
    dry_run: bool,
    /// SMTP server; default: versand.server in briefing.yaml
    #[arg(long, value_name = "HOST")]
    smtp_host: Option<String>,
    /// SMTP port; default: versand.port, else 25 / 587 / 465 by --smtp-tls
    #[arg(long, value_name = "PORT")]
    smtp_port: Option<u16>,
    /// Connection security: none, starttls (default) or tls
    #[arg(long, value_name = "none|starttls|tls", value_parser = parse_tls)]
    smtp_tls: Option<SmtpTls>,
    /// SMTP user; the password comes from the environment variable BRIEFING_SMTP_PASSWORD
    #[arg(long, value_name = "USER")]
    smtp_user: Option<String>,
    /// Sender address; default: versand.absender, else FITKO <it-plr@fitko.de>
    #[arg(long, value_name = "ADDRESS")]
    from: Option<String>,
}

fn parse_tls(text: &str) -> Result<SmtpTls, String> {
    text.parse()
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2026-11-28"))
}

impl From<CommonArgs> for CommonOptions {
    fn from(args: CommonArgs) -> Self {
        CommonOptions {
            paths: Paths {
                inputs: args.inputs,
                templates: args.templates,
                out: args.out,
            },
            month: args.month,
            stand: args.stand,
            config: args.config,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let options = build::BuildOptions {
                common: args.common.into(),
                selection: build::Selection::from_only(args.only),
            };
            match build::run(&options, &ProgressBar::new()) {
                Ok(report) => {
                    eprint!("{}", report.warnings);
                    let overview = if report.overview {
                        " and the overview"
                    } else {
                        ""
                    };
                    println!(
                        "wrote {} briefing(s){overview} to {}",
                        report.briefings,
                        report.folder.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
        Command::Check(args) => match check::run(&args.common.into()) {
            Ok(report) => {
                eprint!("{}", report.warnings);
                println!(
                    "{}: inputs and templates are valid ({} briefing(s) and the overview, {} warning(s))",
                    report.month,
                    report.briefings,
                    report.warnings.len()
                );
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Init(args) => match init::run(&args.dir) {
            Ok(files) => {
                println!(
                    "wrote {} files of the example project to {}",
                    files.len(),
                    args.dir.display()
                );
                println!("next: cd {} && briefing build", args.dir.display());
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Watch(args) => {
            let common = args.common.into();
            let interval = std::time::Duration::from_millis(args.poll_ms.max(50));
            eprintln!("watching inputs, templates and briefing.yaml; Ctrl-C stops");
            watch::run(&common, interval, |event| {
                let watch::WatchEvent::Built { changed, result } = event;
                if !changed.is_empty() {
                    let names: Vec<String> =
                        changed.iter().map(|p| p.display().to_string()).collect();
                    eprintln!("changed: {}", names.join(", "));
                }
                match result {
                    Ok(report) => {
                        eprint!("{}", report.warnings);
                        println!("rebuilt {}", report.folder.display());
                    }
                    Err(error) => {
                        fail(&error);
                    }
                }
                true
            });
            ExitCode::SUCCESS
        }
        Command::Send(args) => {
            let options = send::SendOptions {
                common: args.common.into(),
                dry_run: args.dry_run,
                smtp: send::SmtpOptions {
                    host: args.smtp_host,
                    port: args.smtp_port,
                    tls: args.smtp_tls,
                    user: args.smtp_user,
                    from: args.from,
                },
            };
            match send::run(&options) {
                Ok(report) => report_send(&report),
                Err(error) => fail(&error),
            }
        }
        Command::Preview(args) => match preview::run(&args.common.into(), &args.id) {
            Ok((markdown, warnings)) => {
                eprint!("{warnings}");
                print!("{markdown}");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
    }
}

/// A progress bar on stderr for runs that take longer than about a second; nothing when
/// stderr is not a terminal (logs, pipes, CI).
struct ProgressBar {
    bar: indicatif::ProgressBar,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
}

impl ProgressBar {
    fn new() -> Self {
        ProgressBar {
            bar: indicatif::ProgressBar::hidden(),
            started: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
        }
    }
}

impl build::Progress for ProgressBar {
    fn start(&self, documents: usize) {
        self.bar.set_length(documents as u64);
        self.bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} Dokumente ({eta})")
                .expect("the template is valid"),
        );
    }

    fn advance(&self) {
        use std::io::IsTerminal;
        use std::sync::atomic::Ordering;
        self.bar.inc(1);
        if self.started.elapsed() > std::time::Duration::from_secs(1)
            && std::io::stderr().is_terminal()
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

fn report_send(report: &send::SendReport) -> ExitCode {
    eprint!("{}", report.warnings);
    for (id, name) in &report.without_address {
        eprintln!("warning: {id} ({name}) has no e-mail address in sprecher.yaml; no message");
    }
    for (id, to, reason) in &report.failed {
        eprintln!("error: {id} <{to}>: {reason}");
    }
    if report.dry_run {
        println!(
            "wrote {} message(s) to {} (nothing was sent)",
            report.written.len(),
            report.folder.join(briefing::deliver::MAIL_DIR).display()
        );
    } else {
        for (id, to) in &report.sent {
            println!("sent: {id} -> {to}");
        }
        for id in &report.already_sent {
            println!("already sent: {id}");
        }
        println!(
            "{} sent, {} already sent before, {} failed, {} without address; log: {}",
            report.sent.len(),
            report.already_sent.len(),
            report.failed.len(),
            report.without_address.len(),
            report.folder.join(briefing::deliver::LOG_FILE).display()
        );
    }
    if report.complete() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "error: not every spokesperson received the briefing; fix the above and run send again (what was sent is not sent twice)"
        );
        ExitCode::from(1)
    }
}

fn fail(error: &briefing::Error) -> ExitCode {
    match error {
        briefing::Error::Problems(diagnostics) => {
            eprint!("{diagnostics}");
            eprintln!("{error}");
        }
        other => eprintln!("error: {other}"),
    }
    ExitCode::from(error.exit_code())
}
