//! One module per subcommand; each only sequences the library's stages.

pub mod build;
pub mod check;
pub mod init;
pub mod preview;
pub mod send;
pub mod watch;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::{CONFIG_FILE, Config, Paths};
use crate::diagnostics::{Diagnostics, Location};
use crate::docx::Design;
use crate::error::Error;
use crate::load;
use crate::model::{self, Model};
use crate::month::Month;
use crate::render::Renderer;

/// Options every command that reads the inputs shares.
#[derive(Debug, Clone, Default)]
pub struct CommonOptions {
    pub paths: Paths,
    /// The month folder to read; default: the newest one.
    pub month: Option<Month>,
    /// The reference date; default: today.
    pub stand: Option<NaiveDate>,
    /// The configuration file; default: `briefing.yaml` in the current folder, if present.
    pub config: Option<PathBuf>,
}

/// Inputs loaded and joined, templates ready: everything before rendering.
pub struct Prepared {
    pub config: Config,
    pub model: Model,
    pub renderer: Renderer,
    /// The documents' design: `templates/referenz.docx` and `templates/logo.png`, if present.
    pub design: Design,
    /// Warnings found so far (no errors: those end [`prepare`]).
    pub warnings: Diagnostics,
}

/// Loads the configuration and inputs and builds the model.
pub fn prepare(options: &CommonOptions) -> Result<Prepared, Error> {
    let config = match &options.config {
        Some(path) if !path.exists() => {
            return Err(Error::Usage(format!(
                "the configuration file {} does not exist",
                path.display()
            )));
        }
        Some(path) => Config::load(path)?,
        None => Config::load(std::path::Path::new(CONFIG_FILE))?,
    };
    let inputs_dir = &options.paths.inputs;
    let month = match options.month {
        Some(month) => month,
        None => *load::months(inputs_dir)?.last().ok_or_else(|| {
            Error::Usage(format!(
                "{} has no month folder (named like 2026-11); create one or pass --month",
                inputs_dir.display()
            ))
        })?,
    };
    let stand = options
        .stand
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let (inputs, mut warnings) = load::load(inputs_dir, month, &config)?;
    let window = model::Window {
        stand,
        meeting_months: config.meeting_horizon_months,
        decision_months: config.decision_window_months,
    };
    let (model, model_warnings) = model::build(&inputs, window).map_err(|mut errors| {
        let mut all = warnings.clone();
        all.extend(std::mem::take(&mut errors));
        all
    })?;
    warnings.extend(model_warnings);
    let renderer = Renderer::new(&options.paths.templates);
    let design = load_design(&options.paths.templates)?;
    Ok(Prepared {
        config,
        model,
        renderer,
        design,
        warnings,
    })
}

/// The reference document with the corporate styles, optional.
pub const REFERENCE_DOCX: &str = "referenz.docx";
/// The logo for the page header, optional.
pub const LOGO_PNG: &str = "logo.png";

/// Reads `referenz.docx` and `logo.png` from the templates folder, once per run; a file
/// that is present but unusable is an error naming it.
pub fn load_design(templates: &std::path::Path) -> Result<Design, Diagnostics> {
    let mut problems = Diagnostics::new();
    let read = |name: &str, problems: &mut Diagnostics| {
        let path = templates.join(name);
        match std::fs::read(&path) {
            Ok(bytes) => Some((path, bytes)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => {
                problems.error(Location::file(&path), format!("cannot be read: {err}"));
                None
            }
        }
    };
    let mut design = Design::default();
    if let Some((path, bytes)) = read(REFERENCE_DOCX, &mut problems) {
        match Design::from_reference(&bytes) {
            Ok(d) => design = d,
            Err(err) => problems.error(Location::file(&path), err.to_string()),
        }
    }
    if let Some((path, bytes)) = read(LOGO_PNG, &mut problems) {
        match design.clone().with_logo(&bytes) {
            Ok(d) => design = d,
            Err(err) => problems.error(Location::file(&path), err.to_string()),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(design)
    }
}
