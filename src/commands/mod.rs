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
use crate::diagnostics::Diagnostics;
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
    let (model, model_warnings) = model::build(&inputs, stand, &config).map_err(|mut errors| {
        let mut all = warnings.clone();
        all.extend(std::mem::take(&mut errors));
        all
    })?;
    warnings.extend(model_warnings);
    let renderer = Renderer::new(&options.paths.templates);
    Ok(Prepared {
        config,
        model,
        renderer,
        warnings,
    })
}
