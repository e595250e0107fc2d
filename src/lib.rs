//! bantin: yearly social-insurance results and targets, as YAML, into multilingual static bulletins.
//!
//! The pipeline runs one way: `content` loads, `figures` validates and derives, `plan` lists
//! every page with the inputs it reads, `view` turns one planned page into plain data in its
//! language (`i18n`, `markdown`, chart scenes drawn by `charts`), `render` fills its tera
//! template, and `output` streams the files into a staging folder that is swapped in whole.
//! [`Site::load`] then [`Site::plan`] and [`Site::render_page`] give any single page in
//! memory; [`build`] runs every stage and writes.

pub mod address;
pub mod charts;
pub mod check;
pub mod content;
pub mod diagnostics;
pub(crate) mod figures;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod progress;
pub mod publish;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod translated;
pub mod view;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::address::BaseUrl;
use crate::content::Content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::figures::Figures;
use crate::i18n::Locales;
use crate::output::Sink;
use crate::plan::{Plan, PlannedPage, Shows};
use crate::render::{RenderedFile, Templates};
use crate::view::{PageInputs, View};

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder, holding content/, templates/ and locales/.
    pub root: PathBuf,
    /// Where the site is written; `<root>/output` when None.
    pub output: Option<PathBuf>,
    /// Overrides `base-url` of site.yaml, e.g. for a staging host.
    pub base_url: Option<String>,
    /// Also publish bulletins marked `draft: true`.
    pub drafts: bool,
    /// Where rasterized charts are cached; `<root>/.bantin-cache` when None. Safe to delete.
    pub cache_dir: Option<PathBuf>,
    /// Leave out PNG charts (SVG only), e.g. for a quick preview.
    pub skip_png: bool,
    /// Replace an existing output folder even if bantin did not make it.
    pub force: bool,
    /// Read files that symbolic links lead to outside the site folder (refused by default).
    pub allow_outside: bool,
}

/// A loaded, validated site: the model every later stage reads, never writes.
pub struct Site {
    pub root: PathBuf,
    pub content: Content,
    pub(crate) figures: Figures,
    pub(crate) locales: Arc<Locales>,
    pub templates: Templates,
    base_url: BaseUrl,
    /// Problems that do not stop the build.
    pub warnings: Diagnostics,
    /// Whether charts are also published as PNG.
    pub png: bool,
}

impl Site {
    /// Loads and checks everything a build needs; every error found is reported at once.
    pub fn load(options: &BuildOptions) -> Result<Site, Diagnostics> {
        let root = &options.root;
        if !options.allow_outside {
            let outside = content::access::outside_files(root);
            if outside.has_errors() {
                return Err(relative(outside, root).sorted());
            }
        }
        let content = content::load(root, options.drafts).map_err(|d| relative(d, root))?;
        let warnings = figures::validate(&content)
            .into_result()
            .map_err(|d| relative(d, root))?;
        let (locales, templates) = load_presentation(root, &content)?;
        let base_url = match &options.base_url {
            Some(raw) => BaseUrl::parse(raw).map_err(|message| {
                Diagnostics::from(Diagnostic::error("--base-url", message).with_hint(
                    "give the absolute http(s) address the site is published under, e.g. https://example.gov.vn/bao-cao/",
                ))
            })?,
            // Validated with the rest of site.yaml.
            None => BaseUrl::parse(&content.config.base_url).map_err(|message| {
                Diagnostics::from(address::located(
                    content.config_file.error_at(&["base-url"], message),
                ))
            })?,
        };
        let figures = figures::derive(&content);
        Ok(Site {
            root: root.clone(),
            content,
            figures,
            locales,
            templates,
            base_url,
            warnings: relative(warnings, root).sorted(),
            png: !options.skip_png,
        })
    }

    /// Loads the locales and templates again, the content staying as it is.
    pub(crate) fn reload_presentation(&mut self) -> Result<(), Diagnostics> {
        (self.locales, self.templates) = load_presentation(&self.root, &self.content)?;
        Ok(())
    }

    /// Validates the content again after a data file was replaced, and derives the figures of
    /// `regions` again (a region's figures read only its own data and the catalogue).
    pub(crate) fn revalidate(&mut self, regions: &BTreeSet<String>) -> Result<(), Diagnostics> {
        let warnings = figures::validate(&self.content)
            .into_result()
            .map_err(|d| relative(d, &self.root))?;
        self.warnings = relative(warnings, &self.root).sorted();
        for region in regions {
            match self.content.years.get(region) {
                Some(years) => {
                    let derived = figures::derive_region(&self.content.catalogue, years);
                    self.figures.regions.insert(region.clone(), derived);
                }
                None => {
                    self.figures.regions.remove(region);
                }
            }
        }
        Ok(())
    }

    /// Warnings of the load plus messages a language lacks (its pages show the reference text).
    pub fn build_warnings(&self) -> Diagnostics {
        let mut all = self.warnings.clone();
        all.extend(untranslated(
            &self.locales,
            &self.content.config.languages,
            &self.root,
        ));
        all.sorted()
    }

    /// The base URL, always ending in `/`.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// Every page and static file of the site, with the inputs each page reads.
    pub fn plan(&self) -> Result<Plan, Diagnostic> {
        self.plan_with_sitemap_limit(plan::SITEMAP_URLS)
    }

    /// [`Site::plan`] with sitemap files of at most `sitemap_urls` addresses (sitemaps.org
    /// allows 50,000): a larger site gets a sitemap index of parts.
    pub fn plan_with_sitemap_limit(&self, sitemap_urls: usize) -> Result<Plan, Diagnostic> {
        let statics = static_files(&self.templates_dir().join("static"))
            .map_err(|d| d.relative_to(&self.root))?;
        Ok(plan::plan_sized(
            &self.content,
            &self.templates,
            statics,
            sitemap_urls,
        ))
    }

    /// Exactly what a planned page may read, borrowed from the model.
    pub fn inputs_for<'a>(&'a self, page: &PlannedPage) -> PageInputs<'a> {
        let content = &self.content;
        let mut inputs = PageInputs {
            config: &content.config,
            catalogue: &content.catalogue,
            regions: &content.regions,
            locales: &self.locales,
            base_url: &self.base_url,
            png: self.png,
            root: &self.root,
            figures: Cow::Owned(Figures::default()),
            years: None,
            years_until: i32::MAX,
            bulletin: None,
            listed: Vec::new(),
        };
        match &page.shows {
            Shows::Chooser => {}
            Shows::Home { listed, .. } => {
                inputs.listed = listed.iter().map(|i| &content.bulletins[*i]).collect();
                // The first page compares the latest year of every region.
                if page.id.with_page(1).as_ref() == Some(&page.id) {
                    inputs.figures = Cow::Borrowed(&self.figures);
                }
            }
            Shows::Bulletin {
                bulletin,
                results_year,
                targets_year,
            }
            | Shows::BulletinData {
                bulletin,
                results_year,
                targets_year,
            } => {
                let bulletin = &content.bulletins[*bulletin];
                let region = &bulletin.meta.region;
                inputs.figures =
                    Cow::Owned(self.figures.frozen(region, *results_year, *targets_year));
                inputs.years = content.years.get(region);
                inputs.years_until = *results_year.max(targets_year);
                inputs.bulletin = Some(bulletin);
            }
            Shows::Region { region, listed, .. } => {
                inputs.listed = listed.iter().map(|i| &content.bulletins[*i]).collect();
                inputs.figures = Cow::Owned(self.figures.only(region));
                inputs.years = content.years.get(region);
            }
            Shows::RegionData { region } => {
                inputs.figures = Cow::Owned(self.figures.only(region));
                inputs.years = content.years.get(region);
            }
            Shows::Feed { listed } => {
                inputs.listed = listed.iter().map(|i| &content.bulletins[*i]).collect();
            }
            Shows::Sitemap { .. } | Shows::SitemapIndex { .. } | Shows::Robots => {}
        }
        inputs
    }

    /// The view of one planned page: plain data for its template, and its charts.
    pub fn view(&self, page: &PlannedPage) -> Result<View, Diagnostic> {
        view::view(page, &self.inputs_for(page)).map_err(|d| d.relative_to(&self.root))
    }

    /// Renders one planned page into memory: its HTML, then the SVG of each of its charts.
    pub fn render_page(&self, page: &PlannedPage) -> Result<Vec<RenderedFile>, Diagnostic> {
        let rendered = self.render_view(page)?;
        let mut files = vec![rendered.html];
        files.extend(rendered.charts.into_iter().map(|c| RenderedFile {
            path: c.svg_path,
            bytes: c.svg.into_bytes(),
        }));
        Ok(files)
    }

    pub(crate) fn render_view(&self, page: &PlannedPage) -> Result<RenderedPage, Diagnostic> {
        if !page.id.is_html() {
            return self.render_document(page).map(|file| RenderedPage {
                html: file,
                charts: Vec::new(),
            });
        }
        let mut view = self.view(page)?;
        let context = std::mem::take(&mut view.context);
        let html = self
            .templates
            .render_view(view.lang.as_deref(), view.template, context)
            .map_err(|d| d.relative_to(&self.root))?;
        Ok(RenderedPage {
            html: RenderedFile {
                path: page.id.path(),
                bytes: html,
            },
            charts: view.charts,
        })
    }

    /// A feed, sitemap, robots.txt or figure download: its view, written in its format.
    fn render_document(&self, page: &PlannedPage) -> Result<RenderedFile, Diagnostic> {
        let document =
            view::document(page, &self.inputs_for(page)).map_err(|d| d.relative_to(&self.root))?;
        let bytes = publish::write(&document).map_err(|message| {
            Diagnostic::error(self.root.join("content"), message).relative_to(&self.root)
        })?;
        Ok(RenderedFile {
            path: page.id.path(),
            bytes,
        })
    }

    /// Renders every page in parallel and streams the files into `sink` as they come: each
    /// distinct chart once, then its PNG (when wanted) in a stage of its own, then the static
    /// files. Memory holds paths, not the site.
    pub fn render_to(
        &self,
        plan: &Plan,
        sink: &dyn Sink,
        png: Option<&output::PngStage>,
    ) -> Result<RenderStats, Diagnostics> {
        let charts_written: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
        let pngs: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());
        // Only failures are kept: a list of every page's outcome would grow with the archive.
        let failures: Vec<Diagnostic> = render::on_render_threads(|| {
            plan.pages
                .par_iter()
                .map(|page| {
                    let rendered = self.render_view(page)?;
                    sink.write(&rendered.html.path, &rendered.html.bytes)?;
                    for chart in rendered.charts {
                        let first = charts_written
                            .lock()
                            .map(|mut set| set.insert(chart.svg_path.clone()))
                            .unwrap_or(false);
                        if first {
                            sink.write(&chart.svg_path, chart.svg.as_bytes())?;
                            if let Some(png) = chart.png_path {
                                if let Ok(mut list) = pngs.lock() {
                                    list.push((chart.svg_path, png));
                                }
                            }
                        }
                    }
                    Ok(())
                })
                .filter_map(Result::err)
                .collect()
        });
        let mut problems = Diagnostics::default();
        for failure in failures {
            problems.push(failure);
        }
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        let mut pngs = pngs.into_inner().unwrap_or_default();
        pngs.sort();
        if let Some(stage) = png {
            stage
                .rasterize(&pngs, sink)
                .map_err(|d| Diagnostics::from(d.relative_to(&self.root)))?;
        }
        let static_dir = self.templates_dir().join("static");
        for file in &plan.statics {
            let path = static_dir.join(&file.path);
            let bytes = std::fs::read(&path).map_err(|e| {
                Diagnostics::from(
                    Diagnostic::error(&path, format!("cannot read: {e}")).relative_to(&self.root),
                )
            })?;
            sink.write(&file.path, &bytes)?;
        }
        let charts = charts_written.into_inner().map(|s| s.len()).unwrap_or(0);
        Ok(RenderStats {
            pages: plan.pages.iter().filter(|p| p.id.is_html()).count(),
            charts,
        })
    }

    /// Renders the whole site into memory, sorted by path (for `check` and tests).
    pub fn render(&self) -> Result<Vec<RenderedFile>, Diagnostics> {
        let plan = self.plan().map_err(Diagnostics::from)?;
        let sink = output::MemorySink::default();
        self.render_to(&plan, &sink, None)?;
        Ok(sink
            .into_files()
            .into_iter()
            .map(|(path, bytes)| RenderedFile { path, bytes })
            .collect())
    }
}

/// Diagnostics with paths relative to the site folder, as the user typed them.
fn relative(problems: Diagnostics, root: &Path) -> Diagnostics {
    Diagnostics(
        problems
            .0
            .into_iter()
            .map(|d| d.relative_to(root))
            .collect(),
    )
}

/// The locales of the site's languages and the templates that use them.
fn load_presentation(
    root: &Path,
    content: &Content,
) -> Result<(Arc<Locales>, Templates), Diagnostics> {
    let config = &content.config;
    let locales = Locales::load(&root.join("locales"), &config.languages, |l| {
        config.html_lang(l).to_string()
    })
    .map_err(|d| relative(d, root))?;
    let locales = Arc::new(locales);
    let templates = Templates::load(&root.join("templates"), &locales, &config.languages)
        .map_err(|d| relative(d, root))?;
    Ok((locales, templates))
}

/// A planned file (a page's HTML, a feed, a download …) and the charts it shows.
pub(crate) struct RenderedPage {
    pub(crate) html: RenderedFile,
    pub(crate) charts: Vec<view::charts::PageChart>,
}

/// What rendering produced.
#[derive(Debug, Clone, Copy)]
pub struct RenderStats {
    /// HTML pages (feeds, sitemaps and figure downloads are files, not pages).
    pub pages: usize,
    /// Distinct chart assets (SVG), each written once.
    pub charts: usize,
}

/// Files of `templates/static/`, relative and `/`-separated, sorted.
fn static_files(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        // Links are followed: `Site::load` refused those that lead outside the site.
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !content::is_editor_file(&e.file_name().to_string_lossy())
        });
    for entry in walk {
        let entry = entry.map_err(|e| Diagnostic::error(dir, format!("cannot read: {e}")))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        files.push(relative.to_string_lossy().replace('\\', "/"));
    }
    Ok(files)
}

/// Messages of the reference locale that a language lacks: its pages show the reference text,
/// and the warning says which, so a translator can open it.
fn untranslated(locales: &Locales, languages: &[String], root: &Path) -> Diagnostics {
    let mut found = Diagnostics::default();
    for missing in locales.untranslated(languages) {
        let (lang, id) = (missing.lang, missing.id);
        let defined = &missing.reference;
        let file = defined.path.strip_prefix(root).unwrap_or(&defined.path);
        found.push(
            Diagnostic::warning(
                Path::new("locales").join(lang),
                format!(
                    "`{id}` is not translated; pages show the `{}` text from {}:{}",
                    i18n::REFERENCE,
                    file.display(),
                    defined.line
                ),
            )
            .with_hint(format!("add `{id} = …` to a .ftl file in locales/{lang}/")),
        );
    }
    found
}

/// What a finished build reports.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    /// Bulletins published (drafts only when built with them).
    pub bulletins: usize,
    pub pages: usize,
    pub files: usize,
    pub charts: usize,
    /// Bytes written.
    pub bytes: u64,
    /// The font files PNG charts were drawn with (none when no PNG was drawn or taken from
    /// the cache): what `--verbose` lists, and what the PNG cache is keyed on.
    pub fonts: Vec<PathBuf>,
    pub warnings: Diagnostics,
}

/// Loads, plans, renders and writes the site. On any error the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    build_with(options, &())
}

/// [`build`], telling `observer` what is planned and each file as it is written.
pub fn build_with(
    options: &BuildOptions,
    observer: &dyn progress::BuildObserver,
) -> Result<BuildReport, Diagnostics> {
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    // Before any work: an output that would replace the site's own folders is refused outright.
    output::guard::check_output(&options.root, &output)?;
    let site = Site::load(options)?;
    let plan = site.plan().map_err(Diagnostics::from)?;
    let png = site.png.then(|| {
        output::PngStage::new(
            options
                .cache_dir
                .clone()
                .unwrap_or_else(|| options.root.join(".bantin-cache"))
                .join("png"),
        )
    });
    // Locked from here: pages stream into the staging folder as they render. A failure drops
    // the staging folder and leaves the output as it was.
    let staging = output::Staging::begin(&output, options.force)?;
    observer.planned(plan.pages.len());
    let observed = progress::Observed {
        sink: &staging,
        observer,
    };
    let stats = site.render_to(&plan, &observed, png.as_ref())?;
    let committed = staging.commit()?;
    Ok(BuildReport {
        output,
        bulletins: site.content.bulletins.len(),
        pages: stats.pages,
        files: committed.files(),
        bytes: committed.bytes(),
        charts: stats.charts,
        fonts: png.map(|stage| stage.font_files()).unwrap_or_default(),
        warnings: site.build_warnings(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untranslated_message_names_where_the_reference_defines_it() {
        let temp = tempfile::tempdir().expect("a temp dir");
        let root = temp.path();
        for (lang, text) in [
            (
                "en",
                "## Feeds\n\nsite-name = Bulletins\nfeed-link = Feed\n",
            ),
            ("nb", "site-name = Meldinger\n"),
        ] {
            let dir = root.join("locales").join(lang);
            std::fs::create_dir_all(&dir).expect("a locale folder");
            std::fs::write(dir.join("publishing.ftl"), text).expect("written");
        }
        let languages = ["en".to_string(), "nb".to_string()];
        let locales = Locales::load(&root.join("locales"), &languages, |l| l.to_string())
            .unwrap_or_else(|d| panic!("the locales load:\n{d}"));
        let warnings = untranslated(&locales, &languages, root);
        let shown: Vec<String> = warnings.warnings().map(ToString::to_string).collect();
        assert_eq!(
            shown.first().and_then(|s| s.lines().next()),
            Some(
                "warning: locales/nb: `feed-link` is not translated; pages show the `en` text \
                 from locales/en/publishing.ftl:4"
            ),
            "{shown:?}"
        );
        assert_eq!(shown.len(), 1, "{shown:?}");
    }
}
