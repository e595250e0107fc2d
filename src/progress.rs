//! What a build tells the person waiting for it: a progress bar on a terminal, the files
//! written when asked, and one summary line at the end.
//!
//! The build reports to a [`BuildObserver`]; [`Feedback`] is the terminal's. Which of its
//! parts show is decided once, by [`mode`], from the flags and the terminal.

use std::io::IsTerminal;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use fixed_decimal::Decimal;
use icu_decimal::DecimalFormatter;
use icu_locale_core::locale;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::diagnostics::{escape_line, Diagnostic};
use crate::output::{cache, Sink};
use crate::BuildReport;

/// Told how far a build got. Files are written from many threads at once.
pub trait BuildObserver: Sync {
    /// The site is planned: `pages` files (pages, feeds, downloads) will be written, with charts.
    fn planned(&self, _pages: usize) {}
    /// The file at `path` (relative to the output, `/`-separated) is written.
    fn wrote(&self, _path: &str) {}
}

/// Nobody is watching: what [`crate::build`] reports to.
impl BuildObserver for () {}

/// A sink that tells `observer` of each file once `sink` has taken it.
pub(crate) struct Observed<'a> {
    pub(crate) sink: &'a dyn Sink,
    pub(crate) observer: &'a dyn BuildObserver,
}

impl Sink for Observed<'_> {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.sink.write(path, bytes)?;
        self.observer.wrote(path);
        Ok(())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        self.sink.read(path)
    }

    // Passed on as it is, so a folder sink still links cached PNGs rather than copying them.
    fn write_file(&self, path: &str, from: &cache::Entry) -> Result<(), Diagnostic> {
        self.sink.write_file(path, from)?;
        self.observer.wrote(path);
        Ok(())
    }
}

/// How much `bantin build` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Warnings and errors only.
    Quiet,
    /// A progress bar on a terminal, then the summary.
    Normal,
    /// Also every file written.
    Verbose,
}

/// What standard error is connected to, as the environment says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terminal {
    pub is_tty: bool,
    /// `NO_COLOR` is set and not empty (<https://no-color.org>).
    pub no_color: bool,
    /// `TERM`, if set.
    pub term: Option<String>,
}

impl Terminal {
    /// Standard error and the environment of this process.
    pub fn detect() -> Terminal {
        Terminal {
            is_tty: std::io::stderr().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            term: std::env::var("TERM").ok(),
        }
    }
}

/// The progress bar, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bar {
    Off,
    /// Without colour (`NO_COLOR`).
    Plain,
    Coloured,
}

/// Which parts of the feedback show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mode {
    pub bar: Bar,
    /// Every file written, one a line, before the summary.
    pub list: bool,
    pub summary: bool,
}

/// The bar draws over itself, so it needs a terminal that moves the cursor: not a pipe or a
/// file, where it would leave a trail of control sequences, nor `TERM=dumb`.
pub fn mode(verbosity: Verbosity, terminal: &Terminal) -> Mode {
    let bar = if verbosity == Verbosity::Quiet
        || !terminal.is_tty
        || terminal.term.as_deref() == Some("dumb")
    {
        Bar::Off
    } else if terminal.no_color {
        Bar::Plain
    } else {
        Bar::Coloured
    };
    Mode {
        bar,
        list: verbosity == Verbosity::Verbose,
        summary: verbosity != Verbosity::Quiet,
    }
}

/// A build shorter than this shows no bar: it would only flicker.
pub const BAR_DELAY: Duration = Duration::from_secs(1);

/// [`BAR_DELAY`], or the milliseconds in `BANTIN_PROGRESS_AFTER_MS`: for tests, which show
/// the bar of a build that takes less than a second.
pub fn bar_delay() -> Duration {
    std::env::var("BANTIN_PROGRESS_AFTER_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(BAR_DELAY, Duration::from_millis)
}

/// The terminal's [`BuildObserver`]: the bar while the build runs, the summary after.
pub struct Feedback {
    mode: Mode,
    started: Instant,
    delay: Duration,
    bar: ProgressBar,
    state: Mutex<State>,
}

/// Counts behind the bar. Pages and their SVG charts are all written before the first PNG,
/// so the bar first runs over the planned pages, then over as many PNGs as there are charts.
#[derive(Default)]
struct State {
    shown: bool,
    charts: u64,
    drawing_pngs: bool,
    written: Vec<String>,
}

impl Feedback {
    /// Starts the clock of the build.
    pub fn new(mode: Mode, delay: Duration) -> Feedback {
        let template = match mode.bar {
            Bar::Coloured => "{msg:>10} {bar:40.cyan/blue} {pos}/{len}",
            _ => "{msg:>10} [{bar:40}] {pos}/{len}",
        };
        let style = ProgressStyle::with_template(template)
            .expect("the template is fixed and valid")
            .progress_chars("=> ");
        // Hidden until the build has taken `delay`.
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden())
            .with_style(style)
            .with_message("files");
        Feedback {
            mode,
            started: Instant::now(),
            delay,
            bar,
            state: Mutex::new(State::default()),
        }
    }

    /// Takes the bar off the terminal, so that what follows starts on a clean line.
    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }

    /// What to print once the build is done: the files written (sorted) when listing, then
    /// the summary and where to open the site. Empty when quiet.
    pub fn report(&self, report: &BuildReport) -> String {
        let mut out = String::new();
        if self.mode.list {
            let mut written = std::mem::take(&mut lock(&self.state).written);
            written.sort_unstable();
            for path in written {
                out.push_str(&escape_line(&path));
                out.push('\n');
            }
            if !report.fonts.is_empty() {
                out.push_str("PNG charts drawn with these fonts only:\n");
                for font in &report.fonts {
                    out.push_str("  ");
                    out.push_str(&escape_line(&font.display().to_string()));
                    out.push('\n');
                }
            }
        }
        if self.mode.summary {
            let elapsed = self.started.elapsed();
            out.push_str(&summary(
                report.bulletins,
                report.pages,
                report.charts,
                elapsed,
            ));
            out.push('\n');
            let index = report.output.join("index.html");
            out.push_str(&format!(
                "open {} in a browser\n",
                escape_line(&index.display().to_string())
            ));
        }
        out
    }
}

impl BuildObserver for Feedback {
    fn planned(&self, pages: usize) {
        self.bar.set_length(pages as u64);
    }

    fn wrote(&self, path: &str) {
        if self.mode.bar == Bar::Off && !self.mode.list {
            return;
        }
        let mut state = lock(&self.state);
        if self.mode.list {
            state.written.push(path.to_string());
        }
        if self.mode.bar == Bar::Off {
            return;
        }
        if path.ends_with(".svg") {
            state.charts += 1;
        } else if path.ends_with(".png") {
            if !state.drawing_pngs {
                state.drawing_pngs = true;
                self.bar.set_message("PNGs");
                self.bar.set_length(state.charts);
                self.bar.set_position(0);
            }
            self.bar.inc(1);
        } else if !state.drawing_pngs && self.bar.position() < self.bar.length().unwrap_or(0) {
            // A planned file: a page, a feed, a sitemap or a download (static files, copied
            // last, are not planned).
            self.bar.inc(1);
        }
        if !state.shown && self.started.elapsed() >= self.delay {
            state.shown = true;
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
}

/// The bar is only a display: a thread that panicked holding it leaves nothing to repair.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `Built 1,000 bulletins: 8,046 pages, 7,256 charts in 3.1 s`
pub fn summary(bulletins: usize, pages: usize, charts: usize, elapsed: Duration) -> String {
    let numbers = DecimalFormatter::try_new(locale!("en").into(), Default::default())
        .expect("the compiled CLDR data holds English");
    let count = |n: usize, one: &str, many: &str| {
        let word = if n == 1 { one } else { many };
        format!("{} {word}", numbers.format(&Decimal::from(n)))
    };
    let seconds = Decimal::try_from_str(&format!("{:.1}", elapsed.as_secs_f64()))
        .expect("a formatted duration is a decimal number");
    format!(
        "Built {}: {}, {} in {} s",
        count(bulletins, "bulletin", "bulletins"),
        count(pages, "page", "pages"),
        count(charts, "chart", "charts"),
        numbers.format(&seconds)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tty(term: &str) -> Terminal {
        Terminal {
            is_tty: true,
            no_color: false,
            term: Some(term.to_string()),
        }
    }

    #[test]
    fn summary_groups_thousands_and_says_one_in_the_singular() {
        assert_eq!(
            summary(1000, 8046, 7256, Duration::from_millis(3140)),
            "Built 1,000 bulletins: 8,046 pages, 7,256 charts in 3.1 s"
        );
        assert_eq!(
            summary(1, 1, 1, Duration::from_millis(20)),
            "Built 1 bulletin: 1 page, 1 chart in 0.0 s"
        );
        assert_eq!(
            summary(0, 9, 0, Duration::from_secs(1234)),
            "Built 0 bulletins: 9 pages, 0 charts in 1,234.0 s"
        );
    }

    #[test]
    fn the_bar_needs_a_terminal_that_can_draw_it() {
        let normal = Verbosity::Normal;
        assert_eq!(mode(normal, &tty("xterm-256color")).bar, Bar::Coloured);
        assert_eq!(mode(normal, &Terminal::default()).bar, Bar::Off);
        assert_eq!(mode(normal, &tty("dumb")).bar, Bar::Off);
        let no_color = Terminal {
            no_color: true,
            ..tty("xterm")
        };
        assert_eq!(mode(normal, &no_color).bar, Bar::Plain);
        assert_eq!(mode(Verbosity::Quiet, &tty("xterm")).bar, Bar::Off);
        assert_eq!(mode(Verbosity::Verbose, &tty("xterm")).bar, Bar::Coloured);
    }

    #[test]
    fn quiet_says_nothing_and_verbose_lists() {
        let pipe = Terminal::default();
        let quiet = mode(Verbosity::Quiet, &pipe);
        assert!(!quiet.summary && !quiet.list);
        let normal = mode(Verbosity::Normal, &pipe);
        assert!(normal.summary && !normal.list);
        let verbose = mode(Verbosity::Verbose, &pipe);
        assert!(verbose.summary && verbose.list);
    }

    #[test]
    fn the_listing_is_sorted_and_escaped() {
        let feedback = Feedback::new(mode(Verbosity::Verbose, &Terminal::default()), BAR_DELAY);
        let observer: &dyn BuildObserver = &feedback;
        observer.planned(2);
        for path in ["en/index.html", "index.html", "style\u{1b}[2J\n.css"] {
            observer.wrote(path);
        }
        let report = BuildReport {
            output: "out".into(),
            bulletins: 1,
            pages: 2,
            files: 3,
            charts: 0,
            bytes: 0,
            fonts: vec!["/fonts/NotoSans.ttf".into()],
            warnings: Default::default(),
        };
        let shown = feedback.report(&report);
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(
            lines[..3],
            ["en/index.html", "index.html", "style\\u{1b}[2J\\u{a}.css"]
        );
        assert_eq!(
            lines[3..5],
            [
                "PNG charts drawn with these fonts only:",
                "  /fonts/NotoSans.ttf"
            ]
        );
        assert!(lines[5].starts_with("Built 1 bulletin: 2 pages, 0 charts in "));
        assert_eq!(lines[6], "open out/index.html in a browser");
        assert_eq!(lines.len(), 7);
    }
}
