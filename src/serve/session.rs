//! The incremental engine of `bantin serve`: the last good build in memory, and for each batch
//! of changed files exactly the pages whose inputs changed rendered again.
//!
//! A change is classified ([`classify`]) into inputs of the plan; the plan's reverse index
//! gives the pages that read them. Three ways to bring the model up to date, cheapest first:
//! - a data file or narrative that existed before is read again alone (the plan cannot change);
//! - a locale, template or static file reloads the presentation and plans again;
//! - anything else (a new bulletin, a renamed file, the catalogue) loads the whole site.
//!
//! Whatever the way, the files served afterwards are those a full build writes, byte for byte:
//! the tests of `tests/serve.rs` compare them after every edit of a long random sequence.
//! A change that breaks the site touches nothing served: the last good pages stay, the
//! problems are reported, and the next change reloads the whole site with every input that
//! changed meanwhile counted as changed.

use std::collections::BTreeMap;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::classify::{classify, Change};
use super::{Event, Files, Problem};
use crate::content::{self, Bulletin};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{PngStage, Sink};
use crate::plan::{Input, PageId, Plan, PlannedPage, Shows};
use crate::{BuildOptions, Site};

/// The served files: every page, chart and static file of the last good build, kept gzipped
/// (an archive of thousands of pages in memory at a tenth of its size). Chart PNGs are drawn
/// on first request, through the same cache a build uses.
pub struct Store {
    files: RwLock<HashMap<String, Stored>>,
    png: PngStage,
    /// Nothing has built yet: every page is a placeholder that carries the error overlay.
    never_built: AtomicBool,
    /// Pages whose stored bytes are out of date, queued for rendering: a request for one
    /// waits until it is rendered (and asks for it to come next).
    stale: Mutex<HashSet<String>>,
    fresh: Condvar,
    /// Stale pages a browser is waiting for.
    wanted: Mutex<Vec<String>>,
    /// The site does not build: stale pages are served as they are, the last good bytes.
    broken: AtomicBool,
}

struct Stored {
    gz: Arc<[u8]>,
    /// blake3 of the plain bytes: a rebuild reports only files whose bytes changed.
    hash: [u8; 32],
}

/// Shown for every page until the site builds once; the overlay says why.
const PLACEHOLDER: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>bantin serve</title></head><body><main><h1>The site does not build yet</h1>\
<p>The problems are listed above and in the terminal. Save a fix and this page reloads.</p>\
</main></body></html>\n";

impl Store {
    fn new(cache_dir: PathBuf) -> Store {
        Store {
            files: RwLock::new(HashMap::new()),
            png: PngStage::new(cache_dir),
            never_built: AtomicBool::new(true),
            stale: Mutex::new(HashSet::new()),
            fresh: Condvar::new(),
            wanted: Mutex::new(Vec::new()),
            broken: AtomicBool::new(false),
        }
    }

    /// Pages whose stored bytes are out of date from now on; wakes requests for the others.
    fn set_stale<'a>(&self, paths: impl Iterator<Item = &'a String>) {
        let mut stale = lock(&self.stale);
        *stale = paths.cloned().collect();
        self.fresh.notify_all();
    }

    fn set_broken(&self, broken: bool) {
        let _stale = lock(&self.stale);
        self.broken.store(broken, Ordering::SeqCst);
        self.fresh.notify_all();
    }

    /// The stale pages browsers asked for since the last call.
    fn take_wanted(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.wanted))
    }

    /// Waits (a minute at most) until the page at `path` is no longer stale, or the site is
    /// broken and its last good bytes are all there is.
    fn wait_fresh(&self, path: &str) {
        let mut stale = lock(&self.stale);
        if !stale.contains(path) {
            return;
        }
        lock(&self.wanted).push(path.to_string());
        let deadline = Instant::now() + Duration::from_secs(60);
        while stale.contains(path) && !self.broken.load(Ordering::SeqCst) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            stale = self
                .fresh
                .wait_timeout(stale, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    fn hash_of(&self, path: &str) -> Option<[u8; 32]> {
        read(&self.files).get(path).map(|s| s.hash)
    }

    /// Every path served, sorted (for tests and the benchmark).
    pub fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = read(&self.files).keys().cloned().collect();
        paths.sort();
        paths
    }

    fn apply(&self, puts: Vec<(String, Stored)>, removes: &[String]) {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        for path in removes {
            files.remove(path);
        }
        files.extend(puts);
        drop(files);
        self.never_built.store(false, Ordering::SeqCst);
    }

    /// A chart's PNG, drawn from its SVG (or taken from the cache).
    fn png(&self, path: &str) -> Option<Vec<u8>> {
        let svg_path = format!("{}.svg", path.strip_suffix(".png")?);
        if !path.contains("/charts/") || self.hash_of(&svg_path).is_none() {
            return None;
        }
        let sink = OnePng {
            store: self,
            png: RwLock::new(None),
        };
        self.png
            .rasterize(&[(svg_path, path.to_string())], &sink)
            .ok()?;
        sink.png.into_inner().ok().flatten()
    }
}

impl Files for Store {
    fn get(&self, path: &str) -> Option<Vec<u8>> {
        if path.ends_with(".html") {
            self.wait_fresh(path);
        }
        let found = read(&self.files).get(path).map(|s| Arc::clone(&s.gz));
        match found {
            Some(gz) => gunzip(&gz),
            None if path.ends_with(".png") => self.png(path),
            None if path.ends_with(".html") && self.never_built.load(Ordering::SeqCst) => {
                Some(PLACEHOLDER.as_bytes().to_vec())
            }
            None => None,
        }
    }
}

/// The sink the PNG stage draws one chart into: reads the SVG from the store, keeps the PNG.
struct OnePng<'a> {
    store: &'a Store,
    png: RwLock<Option<Vec<u8>>>,
}

impl Sink for OnePng<'_> {
    fn write(&self, _path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        *self.png.write().unwrap_or_else(|e| e.into_inner()) = Some(bytes.to_vec());
        Ok(())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        self.store
            .get(path)
            .ok_or_else(|| Diagnostic::error(path, "the chart is no longer served"))
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn gzip(bytes: &[u8]) -> Arc<[u8]> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default().into()
}

fn gunzip(gz: &[u8]) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(gz.len() * 4);
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

/// What one page put in the store.
struct PageOutput {
    html: String,
    /// SVG paths of its charts.
    charts: Vec<String>,
    /// Template, what it shows and which inputs it reads: a page whose signature is unchanged
    /// and none of whose inputs changed renders the same bytes.
    signature: u64,
}

/// The last good build.
struct Good {
    site: Site,
    plan: Plan,
    pages: HashMap<PageId, PageOutput>,
    /// SVG path → how many pages show it; a chart goes when no page shows it any more.
    charts: HashMap<String, u32>,
}

/// Changes not yet reflected in the served files.
#[derive(Default)]
struct Pending {
    inputs: BTreeSet<Input>,
    /// Something changed that no input names: every page is compared.
    everything: bool,
}

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Update {
    /// Pages rendered again, in plan order.
    pub rendered: Vec<PageId>,
    /// Files added, changed or removed, sorted (stylesheets are in `styles` instead).
    pub changed: Vec<String>,
    /// Stylesheets whose bytes changed: swapped in open pages without a reload.
    pub styles: Vec<String>,
    /// The site does not build: the last good files stay served.
    pub broken: Option<Diagnostics>,
    /// The site was broken and builds again.
    pub fixed: bool,
    /// Warnings of the site as it now is (empty when broken).
    pub warnings: Diagnostics,
    pub elapsed: Duration,
}

impl Update {
    /// Adds what a later step of the same rebuild did.
    pub fn absorb(&mut self, later: Update) {
        self.rendered.extend(later.rendered);
        self.changed.extend(later.changed);
        self.changed.sort();
        self.changed.dedup();
        self.styles.extend(later.styles);
        if later.broken.is_some() {
            self.broken = later.broken;
        }
        self.elapsed += later.elapsed;
    }

    /// What open pages are told, in order.
    pub fn events(&self) -> Vec<Event> {
        if let Some(problems) = &self.broken {
            return vec![Event::Broken {
                problems: problems.0.iter().map(Problem::from).collect(),
            }];
        }
        let mut events = Vec::new();
        if self.fixed {
            events.push(Event::Fixed);
        }
        if !self.styles.is_empty() {
            events.push(Event::Styles {
                paths: self.styles.clone(),
            });
        }
        if !self.changed.is_empty() {
            events.push(Event::Reload {
                paths: self.changed.clone(),
            });
        }
        events
    }
}

/// The serve session: the store, and the model it was rendered from.
pub struct Session {
    options: BuildOptions,
    store: Arc<Store>,
    good: Option<Good>,
    pending: Pending,
    broken: bool,
    /// A quick patch failed half-way: the model must be loaded whole before it is used again.
    stale: bool,
    /// Pages to render again whose turn has not come (html path → page): after a change that
    /// touches many, the open pages render first and these follow, a few at a time.
    queue: BTreeMap<String, PageId>,
    /// The pages open in browsers when the current change came.
    open: Vec<String>,
    /// Up to this many pages render at once after a change; more wait in the queue, except
    /// the pages open in a browser, which always render first.
    render_at_once: usize,
}

/// How many pages render at once after a change by default: a data file's pages (its region,
/// its bulletins, the home comparison) fit, a template's or locale's do not.
const RENDER_AT_ONCE: usize = 96;

impl Session {
    /// Builds the whole site into memory. A site that does not build still gives a session
    /// (the update says why): serve waits for a fix rather than exit.
    pub fn start(options: BuildOptions) -> (Session, Update) {
        let cache_dir = options
            .cache_dir
            .clone()
            .unwrap_or_else(|| options.root.join(".bantin-cache"))
            .join("png");
        let mut session = Session {
            options: BuildOptions {
                // Pages link their PNGs; the store draws each on first request.
                skip_png: false,
                ..options
            },
            store: Arc::new(Store::new(cache_dir)),
            good: None,
            pending: Pending {
                inputs: BTreeSet::new(),
                everything: true,
            },
            broken: false,
            stale: false,
            queue: BTreeMap::new(),
            open: Vec::new(),
            render_at_once: RENDER_AT_ONCE,
        };
        let update = session.rebuild(&[]);
        let update = session.drain(update);
        (session, update)
    }

    pub fn store(&self) -> Arc<Store> {
        Arc::clone(&self.store)
    }

    /// Brings the served files up to date after `paths` changed (created, modified, removed
    /// or renamed: both names). `rescan` says the watcher lost track: every page is compared.
    pub fn apply(&mut self, paths: &[PathBuf], rescan: bool) -> Update {
        let first = self.apply_open_first(paths, rescan, &[]);
        self.drain(first)
    }

    /// Renders the queue to the end, adding what it did to `update`.
    fn drain(&mut self, mut update: Update) -> Update {
        // A broken site renders nothing more until a change fixes it.
        while !self.queue.is_empty() && !self.broken {
            let next = self.render_queued(self.render_at_once.max(1));
            update.absorb(next);
        }
        update
    }

    /// Pages waiting for their turn.
    pub fn queued(&self) -> usize {
        self.queue.len()
    }

    /// Sets how many pages a change may render before the open ones are served (the rest
    /// waiting in the queue).
    pub fn set_render_at_once(&mut self, pages: usize) {
        self.render_at_once = pages;
    }

    /// As [`Session::apply`], but when the change touches many pages only those in `open`
    /// (file paths, `en/index.html`) render now; the others wait in the queue (a request for
    /// one renders it at once) for [`Session::render_queued`].
    pub fn apply_open_first(&mut self, paths: &[PathBuf], rescan: bool, open: &[String]) -> Update {
        self.open = open.to_vec();
        let changes: BTreeSet<Change> = paths
            .iter()
            .filter_map(|p| classify(&self.options.root, p))
            .collect();
        if changes.is_empty() && !rescan {
            return Update::default();
        }
        self.pending.everything |= rescan;
        let changes: Vec<Change> = changes.into_iter().collect();
        self.rebuild(&changes)
    }

    /// Renders up to `max` queued pages (those a browser is waiting for first).
    pub fn render_queued(&mut self, max: usize) -> Update {
        let Some(good) = self.good.as_mut() else {
            return Update::default();
        };
        if self.broken || self.queue.is_empty() {
            return Update::default();
        }
        let started = Instant::now();
        let mut paths: Vec<String> = self
            .store
            .take_wanted()
            .into_iter()
            .filter(|p| self.queue.contains_key(p))
            .collect();
        paths.extend(self.queue.keys().take(max).cloned());
        let ids: Vec<(String, PageId)> = paths
            .into_iter()
            .filter_map(|path| self.queue.remove_entry(&path))
            .collect();
        let pages: Vec<&PlannedPage> = ids
            .iter()
            .filter_map(|(_, id)| good.plan.page(id))
            .collect();
        let mut update = match render(&good.site, &pages, &self.store) {
            Ok(rendered) => {
                let mut update = Update::default();
                commit(
                    &self.store,
                    good,
                    rendered,
                    (Vec::new(), Vec::new()),
                    &mut update,
                );
                update
            }
            Err(problems) => {
                self.queue.extend(ids);
                self.broken = true;
                self.store.set_broken(true);
                Update {
                    broken: Some(problems),
                    ..Update::default()
                }
            }
        };
        self.store.set_stale(self.queue.keys());
        if self.queue.is_empty() {
            release_memory();
        }
        update.elapsed = started.elapsed();
        update
    }

    fn rebuild(&mut self, changes: &[Change]) -> Update {
        let started = Instant::now();
        let quick = self.quick_inputs(changes);
        let result = match &quick {
            Some(inputs) => self.patch(inputs),
            None => {
                self.note(changes);
                self.reload()
            }
        };
        let mut update = match result {
            Ok(update) => {
                let fixed = std::mem::take(&mut self.broken);
                self.store.set_broken(false);
                self.pending = Pending::default();
                release_memory();
                Update { fixed, ..update }
            }
            Err(problems) => {
                if let Some(inputs) = quick {
                    // The model may be half patched: the next change loads it whole.
                    self.pending.inputs.extend(inputs);
                    self.stale = true;
                }
                self.broken = true;
                self.store.set_broken(true);
                Update {
                    broken: Some(problems),
                    ..Update::default()
                }
            }
        };
        update.elapsed = started.elapsed();
        update
    }

    /// Records `changes` as pending inputs; what no input names makes every page compared.
    fn note(&mut self, changes: &[Change]) {
        let languages: Vec<String> = self
            .good
            .as_ref()
            .map(|g| g.site.content.config.languages.clone())
            .unwrap_or_default();
        for change in changes {
            match change {
                Change::Input(input) => {
                    self.pending.inputs.insert(input.clone());
                }
                Change::BulletinFolder { slug } => {
                    self.pending
                        .inputs
                        .insert(Input::Bulletin { slug: slug.clone() });
                    for lang in &languages {
                        self.pending.inputs.insert(Input::Narrative {
                            slug: slug.clone(),
                            lang: lang.clone(),
                        });
                    }
                }
                // Which years it held is compared with the model's after the reload.
                Change::DataFolder { region } => {
                    self.pending.inputs.insert(Input::DataList {
                        region: region.clone(),
                    });
                    let years = self
                        .good
                        .as_ref()
                        .and_then(|g| g.site.content.years.get(region))
                        .map(|y| y.keys().copied().collect::<Vec<_>>())
                        .unwrap_or_default();
                    for year in years {
                        self.pending.inputs.insert(Input::Data {
                            region: region.clone(),
                            year,
                        });
                    }
                }
                Change::Unknown => self.pending.everything = true,
            }
        }
    }

    /// The inputs of `changes` when every one is a data file or narrative the model already
    /// has and that still exists, and nothing else is pending: then the plan cannot change.
    fn quick_inputs(&self, changes: &[Change]) -> Option<Vec<Input>> {
        let good = self.good.as_ref()?;
        if self.broken || self.pending.everything || !self.pending.inputs.is_empty() {
            return None;
        }
        let content = &good.site.content;
        let dir = self.options.root.join("content");
        changes
            .iter()
            .map(|change| match change {
                Change::Input(input @ Input::Data { region, year }) => {
                    let known = content.years.get(region)?.contains_key(year);
                    let path = dir.join("data").join(region).join(format!("{year}.yaml"));
                    (known && path.is_file()).then(|| input.clone())
                }
                Change::Input(input @ Input::Narrative { slug, lang }) => {
                    let bulletin = bulletin(&content.bulletins, slug)?;
                    let known = bulletin.narratives.contains_key(lang);
                    let path = dir.join("bulletins").join(slug).join(format!("{lang}.md"));
                    (known && path.is_file()).then(|| input.clone())
                }
                _ => None,
            })
            .collect()
    }

    /// Reads the changed data files and narratives alone into the model, then renders the
    /// pages that read them.
    fn patch(&mut self, inputs: &[Input]) -> Result<Update, Diagnostics> {
        let root = self.options.root.clone();
        let good = self.good.as_mut().ok_or_else(Diagnostics::default)?;
        let dir = root.join("content");
        let site = &mut good.site;
        let mut regions = BTreeSet::new();
        for input in inputs {
            match input {
                Input::Data { region, year } => {
                    let path = dir.join("data").join(region).join(format!("{year}.yaml"));
                    let region_year = content::load_region_year(&path, region, *year)
                        .map_err(|d| Diagnostics::from(d.relative_to(&root)))?;
                    if let Some(years) = site.content.years.get_mut(region) {
                        years.insert(*year, region_year);
                    }
                    regions.insert(region.clone());
                }
                Input::Narrative { slug, lang } => {
                    let path = dir.join("bulletins").join(slug).join(format!("{lang}.md"));
                    let mut narrative = content::load_narrative(&path, lang)
                        .map_err(|d| Diagnostics::from(d.relative_to(&root)))?;
                    narrative.release_text();
                    if let Some(b) = site.content.bulletins.iter_mut().find(|b| &b.slug == slug) {
                        b.narratives.insert(lang.clone(), narrative);
                    }
                }
                _ => {}
            }
        }
        site.revalidate(&regions)?;
        let dirty: HashSet<&PageId> = inputs
            .iter()
            .flat_map(|input| good.plan.dirtied_by(input))
            .collect();
        let pages: Vec<&PlannedPage> = good
            .plan
            .pages
            .iter()
            .filter(|p| dirty.contains(&p.id))
            .collect();
        let mut queue = self.queue.clone();
        let pages = schedule(
            &mut queue,
            &self.open,
            self.render_at_once,
            pages,
            &good.plan,
        );
        let rendered = render(&good.site, &pages, &self.store)?;
        self.queue = queue;
        self.store.set_stale(self.queue.keys());
        let mut update = Update::default();
        commit(
            &self.store,
            good,
            rendered,
            (Vec::new(), Vec::new()),
            &mut update,
        );
        update.warnings = good.site.build_warnings();
        Ok(update)
    }

    /// Loads what changed (the whole site, or only its locales and templates), plans again and
    /// renders the pages that are new, changed in what they show, or read a changed input.
    fn reload(&mut self) -> Result<Update, Diagnostics> {
        // Every change since the last good build (the pending ones included) is a locale,
        // template or static file: the content model is current.
        let presentation_only = !self.pending.everything
            && !self.stale
            && self.pending.inputs.iter().all(|i| {
                matches!(
                    i,
                    Input::Locale { .. } | Input::Template { .. } | Input::Static { .. }
                )
            });
        let names_before = self.good.as_ref().map(|g| language_names(&g.site));
        let new_site = match self.good.as_mut() {
            Some(good) if presentation_only => {
                good.site.reload_presentation()?;
                None
            }
            _ => Some(Site::load(&self.options)?),
        };
        self.stale = false;
        let old = self.good.as_ref();
        let site = match (&new_site, old) {
            (Some(site), _) => site,
            (None, Some(good)) => &good.site,
            (None, None) => return Err(Diagnostics::default()),
        };
        let plan = site.plan().map_err(Diagnostics::from)?;
        let mut changed = self.pending.inputs.clone();
        if let (Some(new), Some(old)) = (&new_site, old) {
            changed.extend(listing_changes(&old.site, new));
        }
        if names_before.is_some_and(|names| names != language_names(site)) {
            changed.insert(Input::LanguageNames);
        }
        let everything = self.pending.everything || old.is_none();
        let signatures: Vec<u64> = plan
            .pages
            .par_iter()
            .map(|p| signature(&plan, p, &site.content.bulletins))
            .collect();
        let dirty: HashSet<&PageId> = changed.iter().flat_map(|i| plan.dirtied_by(i)).collect();
        let pages: Vec<&PlannedPage> = plan
            .pages
            .iter()
            .zip(&signatures)
            .filter(|(page, signature)| {
                everything
                    || dirty.contains(&page.id)
                    || old
                        .and_then(|o| o.pages.get(&page.id))
                        .is_none_or(|out| out.signature != **signature)
            })
            .map(|(page, _)| page)
            .collect();
        let mut queue = self.queue.clone();
        let pages = schedule(&mut queue, &self.open, self.render_at_once, pages, &plan);
        let rendered = render(site, &pages, &self.store)?;
        let statics = if everything || changed.iter().any(|i| matches!(i, Input::Static { .. })) {
            read_statics(site, &plan)?
        } else {
            Vec::new()
        };

        // Nothing fails from here: the new build replaces the old one.
        let mut good = match (self.good.take(), new_site) {
            (Some(mut good), Some(site)) => {
                good.site = site;
                good
            }
            (Some(good), None) => good,
            (None, Some(site)) => Good {
                site,
                plan: Plan::default(),
                pages: HashMap::new(),
                charts: HashMap::new(),
            },
            (None, None) => return Err(Diagnostics::default()),
        };
        let old_plan = std::mem::replace(&mut good.plan, plan);
        let mut update = Update::default();
        let mut removes = Vec::new();
        // Pages gone from the plan leave the store, and so do charts only they showed.
        let gone: Vec<PageId> = good
            .pages
            .keys()
            .filter(|id| good.plan.page(id).is_none())
            .cloned()
            .collect();
        for id in gone {
            if let Some(out) = good.pages.remove(&id) {
                removes.push(out.html);
                release_charts(&mut good.charts, &out.charts, &mut removes);
            }
        }
        let kept: HashSet<&str> = good.plan.statics.iter().map(|s| s.path.as_str()).collect();
        removes.extend(
            old_plan
                .statics
                .iter()
                .filter(|s| !kept.contains(s.path.as_str()))
                .map(|s| s.path.clone()),
        );
        let mut puts = Vec::new();
        for (path, bytes) in statics {
            if let Some(stored) = changed_file(&self.store, &path, &bytes) {
                // Stylesheets are swapped in open pages; other files reload them.
                if path.ends_with(".css") {
                    update.styles.push(path.clone());
                }
                puts.push((path, stored));
            }
        }
        commit(
            &self.store,
            &mut good,
            rendered,
            (puts, removes),
            &mut update,
        );
        self.queue = queue;
        self.store.set_stale(self.queue.keys());
        for (page, signature) in good.plan.pages.iter().zip(signatures) {
            if let Some(out) = good.pages.get_mut(&page.id) {
                out.signature = signature;
            }
        }
        update.warnings = good.site.build_warnings();
        self.good = Some(good);
        Ok(update)
    }
}

fn bulletin<'a>(bulletins: &'a [Bulletin], slug: &str) -> Option<&'a Bulletin> {
    bulletins.iter().find(|b| b.slug == slug)
}

/// The listing inputs whose value differs between two loads: which years each region has,
/// and which bulletins exist in which order.
fn listing_changes(old: &Site, new: &Site) -> Vec<Input> {
    let mut changed = Vec::new();
    let regions: BTreeSet<&String> = old
        .content
        .years
        .keys()
        .chain(new.content.years.keys())
        .collect();
    for region in regions {
        let years = |site: &Site| -> Vec<i32> {
            site.content
                .years
                .get(region)
                .map(|y| y.keys().copied().collect())
                .unwrap_or_default()
        };
        if years(old) != years(new) {
            changed.push(Input::DataList {
                region: region.clone(),
            });
        }
    }
    let slugs = |site: &Site| -> Vec<String> {
        site.content
            .bulletins
            .iter()
            .map(|b| b.slug.clone())
            .collect()
    };
    if slugs(old) != slugs(new) {
        changed.push(Input::BulletinList);
    }
    changed
}

/// Each language's name for itself, as the language switchers show it.
fn language_names(site: &Site) -> Vec<Option<String>> {
    site.content
        .config
        .languages
        .iter()
        .map(|lang| {
            site.locales
                .get(lang)
                .and_then(|l| l.text("language-name").ok())
        })
        .collect()
}

/// What a page's bytes depend on besides its inputs' contents: its template, what it shows
/// (bulletins by slug, not by their index, which moves when one is added) and its inputs.
fn signature(plan: &Plan, page: &PlannedPage, bulletins: &[Bulletin]) -> u64 {
    let mut hasher = DefaultHasher::new();
    page.template.hash(&mut hasher);
    let slug = |i: &usize| bulletins.get(*i).map(|b| b.slug.as_str());
    match &page.shows {
        Shows::Chooser => 0.hash(&mut hasher),
        Shows::Home {
            listed,
            pager,
            regions,
        } => {
            1.hash(&mut hasher);
            listed.iter().map(slug).for_each(|s| s.hash(&mut hasher));
            (pager.current, pager.total).hash(&mut hasher);
            regions.hash(&mut hasher);
        }
        Shows::Bulletin {
            bulletin,
            results_year,
            targets_year,
        } => {
            2.hash(&mut hasher);
            slug(bulletin).hash(&mut hasher);
            (results_year, targets_year).hash(&mut hasher);
        }
        Shows::Region {
            region,
            listed,
            pager,
        } => {
            3.hash(&mut hasher);
            region.hash(&mut hasher);
            listed.iter().map(slug).for_each(|s| s.hash(&mut hasher));
            (pager.current, pager.total).hash(&mut hasher);
        }
        Shows::BulletinData {
            bulletin,
            results_year,
            targets_year,
        } => {
            4.hash(&mut hasher);
            slug(bulletin).hash(&mut hasher);
            (results_year, targets_year).hash(&mut hasher);
        }
        Shows::RegionData { region } => {
            5.hash(&mut hasher);
            region.hash(&mut hasher);
        }
        Shows::Feed { listed } => {
            6.hash(&mut hasher);
            listed.iter().map(slug).for_each(|s| s.hash(&mut hasher));
        }
        Shows::Sitemap { entries } => {
            7.hash(&mut hasher);
            for entry in entries {
                (&entry.page, entry.lastmod).hash(&mut hasher);
            }
        }
        Shows::SitemapIndex { parts } => {
            8.hash(&mut hasher);
            for part in parts {
                (&part.page, part.lastmod).hash(&mut hasher);
            }
        }
        Shows::Robots => 9.hash(&mut hasher),
    }
    plan.inputs_of(page).for_each(|i| i.hash(&mut hasher));
    hasher.finish()
}

/// One rendered page, ready for the store: its HTML and its charts' SVGs by path, each with
/// its stored form when its bytes differ from what the store has (None: unchanged).
struct RenderedPage {
    id: PageId,
    html: (String, Option<Stored>),
    charts: Vec<(String, Option<Stored>)>,
}

/// Renders `pages` in parallel, compressing each file as it comes (a whole archive's pages
/// never sit in memory at once); every failure is reported.
fn render(
    site: &Site,
    pages: &[&PlannedPage],
    store: &Store,
) -> Result<Vec<RenderedPage>, Diagnostics> {
    // A chart's path names its content: one already stored, or claimed by another page of
    // this rebuild, is not compressed again.
    let claimed: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    let results: Vec<Result<RenderedPage, Diagnostic>> = crate::render::on_render_threads(|| {
        pages
            .par_iter()
            .map(|page| {
                let rendered = site.render_view(page)?;
                let html = changed_file(store, &rendered.html.path, &rendered.html.bytes);
                let charts = rendered
                    .charts
                    .into_iter()
                    .map(|chart| {
                        let new = store.hash_of(&chart.svg_path).is_none()
                            && claimed
                                .lock()
                                .map(|mut c| c.insert(chart.svg_path.clone()))
                                .unwrap_or(true);
                        let stored = new
                            .then(|| changed_file(store, &chart.svg_path, chart.svg.as_bytes()))
                            .flatten();
                        (chart.svg_path, stored)
                    })
                    .collect();
                Ok(RenderedPage {
                    id: page.id.clone(),
                    html: (rendered.html.path, html),
                    charts,
                })
            })
            .collect()
    });
    let mut problems = Diagnostics::default();
    let mut rendered = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(page) => rendered.push(page),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems.sorted());
    }
    Ok(rendered)
}

/// The stored form of `bytes` at `path`, or None when the store has these bytes already.
fn changed_file(store: &Store, path: &str, bytes: &[u8]) -> Option<Stored> {
    let hash = *blake3::hash(bytes).as_bytes();
    (store.hash_of(path) != Some(hash)).then(|| Stored {
        gz: gzip(bytes),
        hash,
    })
}

/// Files to put into the store and paths to take out of it.
type Changes = (Vec<(String, Stored)>, Vec<String>);

/// Puts rendered pages into the store and the model's bookkeeping, with the other `changes`
/// of the rebuild (static files, pages gone), in one step; records what changed.
fn commit(
    store: &Store,
    good: &mut Good,
    rendered: Vec<RenderedPage>,
    (mut puts, mut removes): Changes,
    update: &mut Update,
) {
    for page in rendered {
        update.rendered.push(page.id.clone());
        let charts: Vec<String> = page.charts.iter().map(|(p, _)| p.clone()).collect();
        for path in &charts {
            *good.charts.entry(path.clone()).or_default() += 1;
        }
        let signature = match good.pages.get(&page.id) {
            Some(out) => out.signature,
            None => good.plan.page(&page.id).map_or(0, |planned| {
                signature(&good.plan, planned, &good.site.content.bulletins)
            }),
        };
        let (html, stored) = page.html;
        let previous = good.pages.insert(
            page.id,
            PageOutput {
                html: html.clone(),
                charts,
                signature,
            },
        );
        if let Some(previous) = previous {
            release_charts(&mut good.charts, &previous.charts, &mut removes);
        }
        puts.extend(stored.map(|s| (html, s)));
        puts.extend(
            page.charts
                .into_iter()
                .filter_map(|(path, stored)| stored.map(|s| (path, s))),
        );
    }
    // A chart released by one page and shown by another stays (a page rendered in this
    // rebuild did not store it again, as the store had it).
    removes.retain(|path| !good.charts.contains_key(path));
    update.changed.extend(
        puts.iter()
            .map(|(p, _)| p)
            .filter(|p| !update.styles.contains(p))
            .cloned(),
    );
    update.changed.extend(removes.iter().cloned());
    store.apply(puts, &removes);
    update.changed.sort();
    update.changed.dedup();
}

/// Of `pages` (to render again) and the pages already queued, those that render now: all of
/// them when they are few, else the open ones; the others join the queue.
fn schedule<'p>(
    queue: &mut BTreeMap<String, PageId>,
    open: &[String],
    at_once: usize,
    pages: Vec<&'p PlannedPage>,
    plan: &'p Plan,
) -> Vec<&'p PlannedPage> {
    let mut all: BTreeMap<String, &PlannedPage> =
        pages.into_iter().map(|p| (p.id.path(), p)).collect();
    for (path, id) in std::mem::take(queue) {
        // A queued page the plan no longer has is gone, not late.
        if let Some(page) = plan.page(&id) {
            all.entry(path).or_insert(page);
        }
    }
    if all.len() <= at_once {
        return all.into_values().collect();
    }
    let mut now = Vec::new();
    for (path, page) in all {
        if open.contains(&path) {
            now.push(page);
        } else {
            queue.insert(path, page.id.clone());
        }
    }
    now
}

/// Hands memory freed by a rebuild back to the system: rendering thousands of pages in
/// parallel leaves the allocator's arenas holding far more than the store needs, and a
/// preview runs for hours.
fn release_memory() {
    // The `bantin` binary allocates with mimalloc; the library's own tests with the system's.
    // SAFETY: mi_collect only frees mimalloc's unused pages; it touches no live object.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system; it touches no live object.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Counts down the pages showing each of `charts`; those no page shows go to `removes`.
fn release_charts(counts: &mut HashMap<String, u32>, charts: &[String], removes: &mut Vec<String>) {
    for path in charts {
        if let Some(count) = counts.get_mut(path) {
            *count -= 1;
            if *count == 0 {
                counts.remove(path);
                removes.push(path.clone());
            }
        }
    }
}

/// The static files of the plan, read.
fn read_statics(site: &Site, plan: &Plan) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let dir = site.templates_dir().join("static");
    plan.statics
        .iter()
        .map(|file| {
            let path = dir.join(&file.path);
            std::fs::read(&path)
                .map(|bytes| (file.path.clone(), bytes))
                .map_err(|e| {
                    Diagnostics::from(
                        Diagnostic::error(&path, format!("cannot read: {e}"))
                            .relative_to(&site.root),
                    )
                })
        })
        .collect()
}
