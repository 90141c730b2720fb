//! The progress bar of a long `classify` batch, on standard error, and standard output written
//! above it. Only for people watching a terminal: nothing here changes what is written.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::io::inputs::{InputOptions, Jobs};

/// A progress bar is drawn for batches of at least this many articles (or streams that reach it).
pub(super) const PROGRESS_MIN_ARTICLES: u64 = 100;

/// Standard output for records, written above the progress bar: the bar is cleared while the
/// records are flushed (a live stream flushes after each article), then redrawn.
pub(super) struct AboveBar<'a> {
    pub(super) bar: &'a ProgressBar,
    pub(super) inner: std::io::BufWriter<std::io::Stdout>,
}

impl Write for AboveBar<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let inner = &mut self.inner;
        self.bar.suspend(|| inner.flush())
    }
}

/// A progress bar on stderr, only when stderr is a terminal, --quiet is not given and the batch
/// is long (at least 100 articles, or a stream of unknown length). A live stream gets a spinner
/// at once, turning while it waits for the next article.
pub(super) fn progress_bar(quiet: bool, inputs: &[PathBuf], input: &InputOptions, live: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let rate = |state: &ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.0} articles/s", state.per_sec());
    };
    let style = |template: &str| {
        ProgressStyle::with_template(template)
            .expect("valid template")
            .with_key("rate", rate)
    };
    if live {
        let bar = ProgressBar::new_spinner().with_style(style("{spinner} {pos} articles, {rate}"));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        return bar;
    }
    match Jobs::count(inputs, input) {
        Some(n) if (n as u64) < PROGRESS_MIN_ARTICLES => ProgressBar::hidden(),
        Some(n) => ProgressBar::new(n as u64).with_style(style("{bar:30} {pos}/{len} articles, {rate}, ETA {eta}")),
        // A stream of unknown length: drawn once it reaches PROGRESS_MIN_ARTICLES (see
        // `classify::run`).
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
            .with_style(style("{spinner} {pos} articles, {rate}")),
    }
}
