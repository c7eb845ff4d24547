//! `briefing send`: e-mails each spokesperson the briefing and calendar file `build` wrote,
//! exactly once per month, and a marked correction when asked to resend a changed briefing.
//!
//! Only sequences, under the output lock: restore a month a killed build left aside; record
//! `--angekommen` and stop; read the built month and refuse outdated documents; let
//! `deliver` plan who gets what, make the letters, and (after the plan is shown and
//! confirmed) send them or write them as `.eml` files. The Stand is the built month's
//! (resolved in `Settings`).

pub use crate::deliver::SendOptions;
use crate::deliver::{self, BuiltMonth, Mailer, SendReport, SendUi};
use crate::error::Error;
use crate::output::{OutputLock, recover};
use crate::project::Project;
use crate::settings::Settings;

/// Sends (or, with `dry_run`, writes) the messages of the built month that are due.
pub fn run(
    settings: Settings,
    options: &SendOptions,
    ui: &mut dyn SendUi,
) -> Result<SendReport, Error> {
    let layout = settings.layout();
    let _lock = OutputLock::acquire(layout.out(), "send").map_err(Error::Write)?;
    recover(&layout).map_err(Error::Write)?;
    ui.header(&settings.header());
    let mut report = SendReport::new(&layout, settings.stand());
    if !options.arrived.is_empty() {
        report.recorded =
            deliver::record_arrived(&layout, &options.arrived).map_err(Error::Usage)?;
        return Ok(report);
    }
    (report.dry_run, report.test_address) = (options.dry_run, options.test_address.clone());
    report.notices = settings.misnamed_month_folders();
    let month = BuiltMonth::open(&layout)?;
    let project = Project::load(settings)?;
    month.check_fresh(&project.sources)?;
    report.warnings = project.warnings.clone();
    let from = deliver::sender(&project.settings.sender())?;
    let plan = deliver::plan(month.rows, &month.histories, options).map_err(Error::Usage)?;
    report.take_plan(&plan);
    let (model, renderer) = (&project.model, &project.renderer);
    let dues = plan.messages(options.dry_run);
    let outgoing = deliver::letters(&layout, &dues, model, renderer, project.settings.attach_pdf)?;
    if options.dry_run {
        deliver::write_dry_run(&layout, &outgoing, &from, model.stand, &mut report)?;
    } else if !outgoing.is_empty() && !ui.confirm(&report, &outgoing) {
        report.cancel(&outgoing);
    } else if !outgoing.is_empty() {
        let mailer = Mailer::new(&project.settings.smtp()?)?;
        deliver::send(&layout, &outgoing, &from, &mailer, ui, &mut report)?;
    }
    Ok(report)
}
