//! `bantin serve`: the site rendered into memory, served over HTTP on the loopback interface,
//! rebuilt page by page as its files change, with open pages reloaded and errors shown over them.
//!
//! [`session`] is the incremental engine (no HTTP): it keeps the last good build and, for each
//! batch of changed files, re-renders exactly the pages the plan says read them. [`http`]
//! serves its files and pushes [`Event`]s to the pages' reload script; [`watch`] turns file
//! system events into batches of changed paths.

pub mod http;

use std::sync::{Arc, RwLock};

use serde::Serialize;

use crate::diagnostics::Diagnostic;

/// The files of the site as served, by relative `/`-separated path (`en/index.html`).
pub trait Files: Send + Sync + 'static {
    /// The bytes of the file at `path`, if the site has it. HTML is returned exactly as a build
    /// writes it; the HTTP layer injects the reload script.
    fn get(&self, path: &str) -> Option<Vec<u8>>;
}

/// What open pages are told after each rebuild.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Event {
    /// Files whose bytes changed, relative and `/`-separated (`en/index.html`, `en/charts/…svg`):
    /// an open page among them reloads; other pages stay as they are.
    Reload { paths: Vec<String> },
    /// Stylesheets whose bytes changed: open pages swap them without reloading.
    Styles { paths: Vec<String> },
    /// The last change broke the site: the last good pages stay served, this shows over them.
    Broken { problems: Vec<Problem> },
    /// The site builds again: the overlay goes (a `Reload` follows for the pages that changed).
    Fixed,
}

/// A diagnostic as the browser overlay shows it: the same facts the terminal prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// `error` or `warning`.
    pub severity: String,
    /// Relative to the site folder.
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// The offending source line.
    pub excerpt: Option<String>,
    pub hint: Option<String>,
    /// The whole diagnostic as the terminal prints it.
    pub text: String,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Problem {
        Problem {
            severity: if d.is_error() { "error" } else { "warning" }.to_string(),
            file: d.path.display().to_string(),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
            excerpt: d.excerpt.clone(),
            hint: d.hint.clone(),
            text: d.to_string(),
        }
    }
}

/// What the HTTP layer shares with the rebuild loop.
#[derive(Clone)]
pub struct Live {
    pub files: Arc<dyn Files>,
    /// Every rebuild's outcome, sent after the files are in place (never before).
    pub events: tokio::sync::broadcast::Sender<Event>,
    /// The current error, if the last change broke the site: sent to each page as it connects.
    pub broken: Arc<RwLock<Option<Vec<Problem>>>>,
}
