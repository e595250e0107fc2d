//! Watches the site's sources and hands the rebuild loop batches of changed paths.
//!
//! Saves arrive in bursts (an editor's temporary file, its rename over the target, a swap
//! file): `notify-debouncer-full` gathers each burst into one batch and pairs the two names
//! of a rename. The rebuild loop drains every batch that queued while it worked, so rapid
//! successive saves cost one rebuild, and the reload it sends follows the rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::diagnostics::Diagnostic;

/// How long a burst of file events may last before it is handed on. Short, because the
/// rebuild itself takes milliseconds; long enough to see a temporary file renamed in place.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// One batch of changes.
#[derive(Debug, Default)]
pub struct Batch {
    /// Every path an event named: created, modified, removed, both names of a rename.
    pub paths: Vec<PathBuf>,
    /// The watcher lost events (its queue overflowed): every page must be compared.
    pub rescan: bool,
    /// The watcher reported errors it could not place.
    pub errors: Vec<String>,
}

impl Batch {
    /// Adds `other` to this batch.
    pub fn merge(&mut self, other: Batch) {
        self.paths.extend(other.paths);
        self.rescan |= other.rescan;
        self.errors.extend(other.errors);
    }
}

/// The running watcher; dropping it stops watching.
pub type Watcher = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Watches `content/`, `templates/` and `locales/` of `root` (never `output/` or the cache)
/// and sends a [`Batch`] for each burst of events.
pub fn watch(root: &Path, batches: mpsc::Sender<Batch>) -> Result<Watcher, Diagnostic> {
    let handler = move |result: DebounceEventResult| {
        let mut batch = Batch::default();
        match result {
            Ok(events) => {
                for event in events {
                    batch.rescan |= event.need_rescan();
                    // Reading a file is no change.
                    if matches!(event.kind, notify::EventKind::Access(_)) {
                        continue;
                    }
                    batch.paths.extend(event.event.paths);
                }
            }
            Err(errors) => batch.errors = errors.iter().map(ToString::to_string).collect(),
        }
        if !batch.paths.is_empty() || batch.rescan || !batch.errors.is_empty() {
            // The loop has ended only when serve is stopping.
            let _ = batches.send(batch);
        }
    };
    let mut debouncer = new_debouncer(DEBOUNCE, Some(Duration::from_millis(2)), handler)
        .map_err(|e| watch_error(root, &e))?;
    for folder in ["content", "templates", "locales"] {
        let dir = root.join(folder);
        if dir.is_dir() {
            debouncer
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| watch_error(&dir, &e))?;
        }
    }
    Ok(debouncer)
}

fn watch_error(path: &Path, error: &notify::Error) -> Diagnostic {
    Diagnostic::error(path, format!("cannot watch for changes: {error}")).with_hint(
        "on Linux, raise the limit of watched folders: sysctl fs.inotify.max_user_watches=524288",
    )
}
