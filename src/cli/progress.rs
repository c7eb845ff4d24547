//! The progress bar of `build`: shown on stderr for runs that take longer than about a second,
//! never when stderr is not a terminal (logs, pipes, CI).

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::messages::cli as messages;
use crate::project::Progress;

/// A progress bar that appears only when a run is slow enough to need one.
pub struct ProgressBar {
    bar: indicatif::ProgressBar,
    started: Instant,
    shown: AtomicBool,
}

impl ProgressBar {
    /// A hidden bar; it shows itself after a second on a terminal.
    pub fn new() -> Self {
        ProgressBar {
            bar: indicatif::ProgressBar::hidden(),
            started: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }
}

impl Default for ProgressBar {
    fn default() -> Self {
        ProgressBar::new()
    }
}

impl Progress for ProgressBar {
    fn start(&self, documents: usize) {
        self.bar.set_length(documents as u64);
        self.bar.set_style(
            indicatif::ProgressStyle::with_template(messages::PROGRESS_TEMPLATE)
                .expect("the template is valid"),
        );
    }

    fn advance(&self) {
        self.bar.inc(1);
        if self.started.elapsed() > Duration::from_secs(1)
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
