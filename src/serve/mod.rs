//! `bantin serve`: the site rendered into memory, served over HTTP on the loopback interface,
//! rebuilt page by page as its files change, with open pages reloaded and errors shown over them.
//!
//! [`session`] is the incremental engine (no HTTP): it keeps the last good build and, for each
//! batch of changed files, re-renders exactly the pages the plan says read them. [`http`]
//! serves its files and pushes [`Event`]s to the pages' reload script; [`watch`] turns file
//! system events into batches of changed paths.

mod classify;
pub mod http;
pub mod session;
pub mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, RwLock};

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::BuildOptions;
use session::{Session, Update};

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
    /// The pages open in a browser (file path → connections): rendered first after a change.
    pub open: OpenPages,
}

/// The pages open in browsers, by file path (`en/index.html`), with how many connections
/// show each.
#[derive(Clone, Default)]
pub struct OpenPages(Arc<std::sync::Mutex<std::collections::BTreeMap<String, usize>>>);

impl OpenPages {
    /// Counts `path` as open until the returned guard drops (the page's connection closes).
    pub fn open(&self, path: String) -> OpenPage {
        *self.lock().entry(path.clone()).or_default() += 1;
        OpenPage {
            pages: self.clone(),
            path,
        }
    }

    /// The open pages now.
    pub fn paths(&self) -> Vec<String> {
        self.lock().keys().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::BTreeMap<String, usize>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One open page; dropping it closes it.
pub struct OpenPage {
    pages: OpenPages,
    path: String,
}

impl Drop for OpenPage {
    fn drop(&mut self) {
        let mut pages = self.pages.lock();
        if let Some(count) = pages.get_mut(&self.path) {
            *count -= 1;
            if *count == 0 {
                pages.remove(&self.path);
            }
        }
    }
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The interface to listen on: loopback unless the user asks for another.
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Also show bulletins marked `draft: true`.
    pub drafts: bool,
    pub cache_dir: Option<PathBuf>,
    /// Read files that symbolic links lead to outside the site folder.
    pub allow_outside: bool,
}

/// Builds the site into memory, serves it, and rebuilds on every change until Ctrl-C.
/// Bad content never stops it: the problems show in the terminal and over the open pages.
pub fn run(options: ServeOptions) -> Result<(), Diagnostic> {
    let root = options.root.clone();
    let (session, first) = Session::start(BuildOptions {
        root: root.clone(),
        drafts: options.drafts,
        cache_dir: options.cache_dir.clone(),
        allow_outside: options.allow_outside,
        ..BuildOptions::default()
    });
    let (events, _) = tokio::sync::broadcast::channel(256);
    let live = Live {
        files: session.store(),
        events,
        broken: Arc::new(RwLock::new(problems_of(&first))),
        open: OpenPages::default(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(&root, format!("cannot start the server: {e}")))?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind((options.bind, options.port)))
        .map_err(|e| {
            Diagnostic::error(
                &root,
                format!("cannot listen on {}:{}: {e}", options.bind, options.port),
            )
            .with_hint("pass another --port N, or --port 0 for any free port")
        })?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(&root, format!("cannot listen: {e}")))?;
    let (batches, incoming) = mpsc::channel();
    let watcher = watch::watch(&root, batches)?;
    let url = url_of(address);
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}, so other machines on the network can read the preview",
            options.bind
        );
    }
    println!("serving {url} (Ctrl-C to stop)");
    let mut terminal = Terminal::default();
    terminal.report(&first, 0);
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&url);
    }
    let rebuilding = live.clone();
    std::thread::spawn(move || rebuild_loop(session, incoming, &rebuilding, terminal));
    let served = runtime.block_on(http::serve(
        listener,
        http::router(live, http::allowed_hosts(address)),
    ));
    drop(watcher);
    served.map_err(|e| Diagnostic::error(&root, format!("the server stopped: {e}")))
}

/// The site's address as a browser takes it.
fn url_of(address: SocketAddr) -> String {
    format!("http://{address}/")
}

/// Pages rendered in one step of the queue, between looks for new changes.
const QUEUE_STEP: usize = 24;

/// Applies each batch of changes, rendering the open pages first, then tells them (never
/// before the files are in place); between batches, renders what the queue holds a few pages
/// at a time. Batches that arrived during a rebuild are taken together.
fn rebuild_loop(
    mut session: Session,
    incoming: mpsc::Receiver<watch::Batch>,
    live: &Live,
    mut terminal: Terminal,
) {
    let mut queued = Update::default();
    loop {
        let batch = if session.queued() > 0 {
            match incoming.try_recv() {
                Ok(batch) => Some(batch),
                Err(mpsc::TryRecvError::Empty) => None,
                Err(mpsc::TryRecvError::Disconnected) => return,
            }
        } else {
            match incoming.recv() {
                Ok(batch) => Some(batch),
                Err(_) => return,
            }
        };
        let applied = batch.is_some();
        let update = match batch {
            Some(mut batch) => {
                while let Ok(more) = incoming.try_recv() {
                    batch.merge(more);
                }
                for error in &batch.errors {
                    eprintln!("warning: the file watcher: {error}");
                }
                let update =
                    session.apply_open_first(&batch.paths, batch.rescan, &live.open.paths());
                terminal.report(&update, session.queued());
                update
            }
            None => {
                let update = session.render_queued(QUEUE_STEP);
                queued.absorb(Update {
                    rendered: update.rendered.clone(),
                    elapsed: update.elapsed,
                    ..Update::default()
                });
                if session.queued() == 0 || update.broken.is_some() {
                    terminal.report_queue(&std::mem::take(&mut queued), &update);
                }
                update
            }
        };
        // A change sets or clears the problem; a queue step can only find one.
        if applied || update.broken.is_some() {
            if let Ok(mut broken) = live.broken.write() {
                *broken = problems_of(&update);
            }
        }
        for event in update.events() {
            // No page open is no error.
            let _ = live.events.send(event);
        }
    }
}

fn problems_of(update: &Update) -> Option<Vec<Problem>> {
    update
        .broken
        .as_ref()
        .map(|problems| problems.0.iter().map(Problem::from).collect())
}

/// What the terminal says after each rebuild; warnings only when they change.
#[derive(Default)]
struct Terminal {
    warnings: Option<Diagnostics>,
}

impl Terminal {
    /// The queue's end, or a page in it that does not render.
    fn report_queue(&mut self, queued: &Update, last: &Update) {
        if let Some(problems) = &last.broken {
            eprint!("{problems}");
            eprintln!("the site does not build; the last good pages stay served until a fix");
        } else if !queued.rendered.is_empty() {
            println!(
                "rendered the other {} pages in {:.1} s",
                queued.rendered.len(),
                queued.elapsed.as_secs_f64()
            );
        }
    }

    fn report(&mut self, update: &Update, queued: usize) {
        let ms = update.elapsed.as_secs_f64() * 1000.0;
        if let Some(problems) = &update.broken {
            eprint!("{problems}");
            eprintln!("the site does not build; the last good pages stay served until a fix");
            return;
        }
        if update.fixed {
            println!("the site builds again");
        }
        if self.warnings.as_ref() != Some(&update.warnings) {
            for warning in &update.warnings.0 {
                eprintln!("{warning}");
            }
            self.warnings = Some(update.warnings.clone());
        }
        if !update.rendered.is_empty() || !update.changed.is_empty() || !update.styles.is_empty() {
            let pages = update.rendered.len();
            let files = update.changed.len() + update.styles.len();
            println!(
                "rendered {pages} page{} in {ms:.0} ms; {files} file{} changed{}",
                if pages == 1 { "" } else { "s" },
                if files == 1 { "" } else { "s" },
                if queued > 0 {
                    format!("; {queued} more pages follow (the open ones came first)")
                } else {
                    String::new()
                }
            );
        }
    }
}

/// Opens `url` in the desktop's browser; says so when there is none.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let opened = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if opened.is_err() {
        eprintln!("cannot open a browser ({opener} is missing): open {url} yourself");
    }
}
