//! Every setting of a run, resolved once: command-line flags over `briefing.yaml` over the
//! built-in defaults.
//!
//! The command line hands over what the user typed ([`Overrides`]: everything optional);
//! [`Settings::resolve`] reads the configuration file, picks the month and applies every
//! default, so no other module decides a default. This module knows nothing of clap and
//! nothing of the stages that use the settings.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;

use crate::deliver::DeliverError;
use crate::deliver::smtp::{PASSWORD_VARIABLE, SmtpSettings};
use crate::error::Error;
use crate::load::config::{CONFIG_FILE, Config, SmtpTls};
use crate::load::months;
use crate::messages::cli as messages;
use crate::month::{Month, german_date};
use crate::output::archive::{self, SentMonth};
use crate::output::layout::MonthLayout;
use crate::output::manifest;

/// The sender when neither the configuration nor the command line names one.
pub const DEFAULT_FROM: &str = "FITKO (Föderale IT-Kooperation) <it-plr@fitko.de>";

/// The folders a run reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// `sprecher.yaml`, `beschluesse.yaml` and the month folders.
    pub inputs: PathBuf,
    /// The templates and design files.
    pub templates: PathBuf,
    /// The month folders of the output.
    pub out: PathBuf,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            inputs: PathBuf::from("inputs"),
            templates: PathBuf::from("templates"),
            out: PathBuf::from("out"),
        }
    }
}

/// What the user gave on the command line; `None` means "not given".
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--inputs`.
    pub inputs: Option<PathBuf>,
    /// `--templates`.
    pub templates: Option<PathBuf>,
    /// `--out`.
    pub out: Option<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--month`.
    pub month: Option<Month>,
    /// `--stand`.
    pub stand: Option<NaiveDate>,
    /// `build --pdf`.
    pub pdf: bool,
    /// `send`: the Stand is the one the month's documents were built with (the e-mail must
    /// match them), unless `--stand` is given.
    pub stand_of_built_month: bool,
    /// The SMTP flags of `send`.
    pub smtp: SmtpOverrides,
}

/// The SMTP flags of `send`; each overrides `versand:` in `briefing.yaml`.
#[derive(Debug, Clone, Default)]
pub struct SmtpOverrides {
    /// `--smtp-host`.
    pub host: Option<String>,
    /// `--smtp-port`.
    pub port: Option<u16>,
    /// `--smtp-tls`.
    pub tls: Option<SmtpTls>,
    /// `--smtp-user`.
    pub user: Option<String>,
    /// `--from`.
    pub from: Option<String>,
    /// `--smtp-timeout`, in seconds.
    pub timeout_seconds: Option<u64>,
    /// `--unverschluesselt-erlauben`.
    pub allow_unencrypted: bool,
}

/// How long `send` waits for the mail server when nothing else is set.
pub const DEFAULT_SMTP_TIMEOUT_SECONDS: u64 = 30;

/// The resolved settings of one run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The folders.
    pub paths: Paths,
    /// The configuration file that was read, if there was one.
    pub config_file: Option<PathBuf>,
    /// The checked configuration (defaults where the file is silent or missing).
    pub config: Config,
    /// The month to work on.
    pub month: Month,
    /// The reference date of the run, resolved once; see [`Stand`].
    pub stand: Stand,
    /// What the send log says about the month, if any of it was sent.
    pub sent: Option<SentMonth>,
    /// Whether `build` also writes every document as PDF/A-2b: `--pdf` or `pdf: true`.
    pub pdf: bool,
    /// Whether `send` attaches each briefing's PDF too: `versand.pdf_anhaengen`.
    pub attach_pdf: bool,
    /// Whether the month was named with `--month` (else it is the newest month folder).
    pub month_given: bool,
    smtp: SmtpOverrides,
}

impl Settings {
    /// Applies the flags over the configuration file over the defaults. The configuration
    /// file is `--config`, else `briefing.yaml` in the current folder if it exists; the month
    /// is `--month`, else the newest month folder of the inputs.
    pub fn resolve(overrides: Overrides) -> Result<Settings, Error> {
        let paths = Settings::paths(&overrides);
        let config_file = match overrides.config.clone() {
            Some(path) if !path.exists() => {
                return Err(Error::Usage(messages::config_file_missing(path.display())));
            }
            Some(path) => Some(path),
            None => Some(PathBuf::from(CONFIG_FILE)).filter(|path| path.exists()),
        };
        let config = match &config_file {
            Some(path) => Config::load(path)?,
            None => Config::default(),
        };
        let month_given = overrides.month.is_some();
        let month = match overrides.month {
            Some(month) => month,
            None => newest_month(&paths.inputs)?,
        };
        let layout = MonthLayout::new(&paths.out, month);
        let sent = archive::sent_month(&layout);
        let stand = Stand::resolve(&overrides, &config, &layout, sent.is_some())?;
        Ok(Settings {
            paths,
            config_file,
            month,
            month_given,
            stand,
            sent,
            pdf: overrides.pdf || config.pdf,
            attach_pdf: config.delivery.attach_pdf,
            config,
            smtp: overrides.smtp,
        })
    }

    /// The folders: the flags, else `inputs/`, `templates/` and `out/` in the current folder.
    pub fn paths(overrides: &Overrides) -> Paths {
        let defaults = Paths::default();
        Paths {
            inputs: overrides.inputs.clone().unwrap_or(defaults.inputs),
            templates: overrides.templates.clone().unwrap_or(defaults.templates),
            out: overrides.out.clone().unwrap_or(defaults.out),
        }
    }

    /// The configuration file that applies, whether or not it exists: `--config`, else
    /// `briefing.yaml` in the current folder.
    pub fn config_path(overrides: &Overrides) -> PathBuf {
        overrides
            .config
            .clone()
            .unwrap_or_else(|| PathBuf::from(CONFIG_FILE))
    }

    /// The reference date of the run (see [`Stand`]).
    pub fn stand(&self) -> NaiveDate {
        self.stand.date
    }

    /// The layout of the month's output.
    pub fn layout(&self) -> MonthLayout {
        MonthLayout::new(&self.paths.out, self.month)
    }

    /// The warning of `build` and `check` when the month is made after it ended with a
    /// Stand after it (November in December: meetings of December would be gone from a
    /// briefing titled November), or when the newest month folder was taken although today
    /// is past that month and the month was already sent (the new month's folder is
    /// probably missing).
    pub fn late_month_warning(&self) -> Option<String> {
        let month = self.month;
        let today = chrono::Local::now().date_naive();
        let new_month = crate::month::Month::of(today);
        let next = self.paths.inputs.join(new_month.to_string());
        if self.stand.date > month.last_day() {
            return Some(messages::stand_after_month(
                month,
                &german_date(self.stand.date),
                next.display(),
            ));
        }
        let forgotten = !self.month_given
            && self.stand.source == StandSource::SentMonth
            && today > month.last_day();
        forgotten.then(|| messages::newest_month_already_sent(month, next.display()))
    }

    /// The warning of `build` before it replaces a month that was sent: how many got it,
    /// and where the versions they got are kept.
    pub fn replaces_sent_month(&self) -> Option<String> {
        let sent = self.sent.as_ref()?;
        Some(messages::replaces_sent_month(
            self.month,
            sent.delivered,
            &crate::month::german_time_of(&sent.last),
            self.layout().folder().display(),
            sent.archive.display(),
        ))
    }

    /// The sender of the e-mails: `--from`, else `versand.absender`, else FITKO's mailbox.
    pub fn sender(&self) -> String {
        self.smtp
            .from
            .clone()
            .or_else(|| self.config.delivery.from.clone())
            .unwrap_or_else(|| DEFAULT_FROM.to_string())
    }

    /// The mail server: flags over `versand:` over defaults (STARTTLS, the usual port of the
    /// connection kind); the password only from the environment.
    pub fn smtp(&self) -> Result<SmtpSettings, Error> {
        let config = &self.config.delivery;
        let host = self
            .smtp
            .host
            .clone()
            .or_else(|| config.host.clone())
            .ok_or_else(|| Error::Usage(messages::NO_SMTP_SERVER.to_string()))?;
        let tls = self.smtp.tls.or(config.tls).unwrap_or(SmtpTls::StartTls);
        Ok(SmtpSettings {
            host,
            port: self.smtp.port.or(config.port).unwrap_or(tls.default_port()),
            tls,
            user: self.smtp.user.clone().or_else(|| config.user.clone()),
            password: std::env::var(PASSWORD_VARIABLE).ok(),
            timeout: Duration::from_secs(
                self.smtp
                    .timeout_seconds
                    .or(config.timeout_seconds)
                    .unwrap_or(DEFAULT_SMTP_TIMEOUT_SECONDS)
                    .max(1),
            ),
            allow_unencrypted: self.smtp.allow_unencrypted
                || config.allow_unencrypted.unwrap_or(false),
            retry_pauses: [500, 1000, 2000].map(Duration::from_millis).to_vec(),
            ca_file: config.ca_certificate.clone(),
        })
    }

    /// The first line of `build`, `check` and `send`: which month, which Stand, which
    /// settings file, so a run from the wrong folder shows at once.
    pub fn header(&self) -> String {
        let config = match &self.config_file {
            Some(path) => path.display().to_string(),
            None => messages::no_config_file(CONFIG_FILE),
        };
        let source = match self.stand.source {
            StandSource::Given => messages::STAND_GIVEN,
            StandSource::Built => messages::STAND_BUILT,
            StandSource::SentMonth => messages::STAND_SENT,
            StandSource::Config => messages::STAND_CONFIG,
            StandSource::Today => messages::STAND_TODAY,
        };
        messages::header(self.month, german_date(self.stand.date), source, &config)
    }

    /// Folders of the inputs that look like a month but are not named `YYYY-MM` (a copy
    /// such as `2026-11 - Kopie`, or `Dezember 2026`): they are not read, which must not go
    /// unnoticed. One warning text per folder.
    pub fn misnamed_month_folders(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.paths.inputs) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|entry| entry.path().is_dir())
            .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
            .filter(|name| looks_like_a_month(name) && name.parse::<Month>().is_err())
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|name| {
                messages::misnamed_month_folder(
                    self.paths.inputs.join(&name).display(),
                    self.paths.inputs.display(),
                )
            })
            .collect()
    }
}

/// Where the reference date of a run came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandSource {
    /// `--stand`.
    Given,
    /// `send`: the Stand the month's documents were built with (`versand.csv`).
    Built,
    /// A rebuild of a month that was sent keeps the Stand of its documents (`versand.csv`),
    /// so a rebuild without changes gives the same documents.
    SentMonth,
    /// `stand:` in `briefing.yaml`.
    Config,
    /// Nothing set: today.
    Today,
}

/// The reference date of a run and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stand {
    /// The date.
    pub date: NaiveDate,
    /// Where it came from.
    pub source: StandSource,
}

impl Stand {
    /// `--stand`; else for `send` the Stand of the built month; else for a month that was
    /// sent the Stand of its documents; else `stand:` in `briefing.yaml`; else today.
    fn resolve(
        overrides: &Overrides,
        config: &Config,
        layout: &MonthLayout,
        sent: bool,
    ) -> Result<Stand, Error> {
        let stand = |date, source| Ok(Stand { date, source });
        if let Some(date) = overrides.stand {
            return stand(date, StandSource::Given);
        }
        if overrides.stand_of_built_month || sent {
            let rows = manifest::read(&layout.manifest()).map_err(DeliverError::from);
            let mut dates: Vec<NaiveDate> = match rows {
                Ok(rows) => rows.iter().map(|row| row.stand).collect(),
                Err(error) if overrides.stand_of_built_month => return Err(error.into()),
                Err(_) => Vec::new(),
            };
            dates.sort();
            dates.dedup();
            match dates.as_slice() {
                [] => {}
                [one] if overrides.stand_of_built_month => return stand(*one, StandSource::Built),
                [one] => return stand(*one, StandSource::SentMonth),
                several if overrides.stand_of_built_month => {
                    return Err(DeliverError::MixedStand {
                        path: layout.manifest(),
                        dates: several
                            .iter()
                            .map(|date| german_date(*date))
                            .collect::<Vec<_>>()
                            .join(", "),
                    }
                    .into());
                }
                // A sent month rebuilt in parts: the newest of its Stands.
                [.., newest] => return stand(*newest, StandSource::SentMonth),
            }
        }
        if let Some(date) = config.stand {
            return stand(date, StandSource::Config);
        }
        stand(chrono::Local::now().date_naive(), StandSource::Today)
    }
}

fn newest_month(inputs: &Path) -> Result<Month, Error> {
    months(inputs)?
        .last()
        .copied()
        .ok_or_else(|| Error::Usage(messages::no_month_folder(inputs.display())))
}

const MONTH_NAMES: [&str; 14] = [
    "januar",
    "februar",
    "märz",
    "maerz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
    "jänner",
];

/// A year (19xx/20xx) together with a month: a number 1-12 beside it or a German month name.
fn looks_like_a_month(name: &str) -> bool {
    let lower = name.to_lowercase();
    let digits: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .collect();
    let has_year = digits
        .iter()
        .any(|part| part.len() == 4 && (part.starts_with("19") || part.starts_with("20")));
    if !has_year {
        return false;
    }
    let has_month_number = digits
        .iter()
        .any(|part| part.len() <= 2 && matches!(part.parse::<u32>(), Ok(1..=12)));
    has_month_number || MONTH_NAMES.iter().any(|month| lower.contains(month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_like_names_are_recognised() {
        for name in [
            "2026-11 - Kopie",
            "Dezember 2026",
            "2026_11",
            "11.2026",
            "2026-11 (2)",
        ] {
            assert!(looks_like_a_month(name), "{name}");
        }
        for name in ["archiv", "2026", "vorlagen 2026-alt"] {
            assert!(!looks_like_a_month(name), "{name}");
        }
    }
}
