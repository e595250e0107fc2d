//! bantin: yearly social-insurance results and targets, as YAML, into multilingual static bulletins.
//!
//! The pipeline runs one way: `content` loads, `figures` validates and derives, `i18n` gives
//! words and CLDR numbers, `markdown` renders narratives, `render` fills tera templates, and
//! `output` swaps the finished site in, refusing folders it must not replace. [`Site::load`]
//! then [`Site::render`] build into memory; [`build`] also writes.

pub mod charts;
pub mod check;
pub mod content;
pub mod diagnostics;
pub mod figures;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod page_charts;
pub mod render;
pub mod scaffold;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Content;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::figures::Figures;
use crate::i18n::Locales;
use crate::output::Sink;
use crate::render::{PageId, RenderedFile, Templates};

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
    /// Replace an output folder that bantin did not make (one without its marker file).
    pub force: bool,
}

/// A loaded, validated site, ready to render any page.
pub struct Site {
    pub root: PathBuf,
    pub content: Content,
    pub figures: Figures,
    pub locales: Arc<Locales>,
    pub templates: Templates,
    base_url: String,
    /// Problems that do not stop the build.
    pub warnings: Diagnostics,
    /// Draws PNG charts; loads fonts on first use, shared by parallel renders.
    pub rasterizer: charts::Rasterizer,
    /// Cache of PNG charts by the content of their SVG; None when PNGs are skipped.
    pub png_cache: Option<PathBuf>,
}

impl Site {
    /// Loads and checks everything a build needs; every error found is reported at once.
    pub fn load(options: &BuildOptions) -> Result<Site, Diagnostics> {
        let root = &options.root;
        let relative =
            |d: Diagnostics| Diagnostics(d.0.into_iter().map(|x| x.relative_to(root)).collect());
        let content = content::load(root, options.drafts).map_err(relative)?;
        let checked = figures::validate(&content)
            .into_result()
            .map_err(relative)?;
        let config = &content.config;
        let locales = Locales::load(&root.join("locales"), &config.languages, |l| {
            config.html_lang(l).to_string()
        })
        .map_err(relative)?;
        let locales = Arc::new(locales);
        let templates = Templates::load(&root.join("templates"), &locales, &config.languages)
            .map_err(relative)?;
        let figures = figures::derive(&content);
        let mut base_url = options
            .base_url
            .clone()
            .unwrap_or_else(|| config.base_url.clone());
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        Ok(Site {
            root: root.clone(),
            content,
            figures,
            locales,
            templates,
            base_url,
            warnings: relative(checked),
            rasterizer: charts::Rasterizer::new(),
            png_cache: (!options.skip_png).then(|| {
                options
                    .cache_dir
                    .clone()
                    .unwrap_or_else(|| root.join(".bantin-cache"))
                    .join("png")
            }),
        })
    }

    /// The base URL, always ending in `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// The data file of a region's year, as written.
    pub fn year_data(&self, region: &str, year: i32) -> Option<&content::YearData> {
        self.content.years.get(region)?.get(&year).map(|y| &y.data)
    }

    /// Regions with data or a bulletin: each gets a region page.
    pub fn published_regions(&self) -> Vec<&str> {
        let mut regions: Vec<&str> = self
            .content
            .years
            .keys()
            .map(String::as_str)
            .chain(
                self.content
                    .bulletins
                    .iter()
                    .map(|b| b.meta.region.as_str()),
            )
            .filter(|r| self.content.regions.contains_key(*r))
            .collect();
        regions.sort_unstable();
        regions.dedup();
        regions
    }

    /// Every page of the site.
    pub fn pages(&self) -> Vec<PageId> {
        render::pages(self)
    }

    /// Renders one page into memory: its HTML first, then its chart files.
    pub fn render_page(&self, page: &PageId) -> Result<Vec<RenderedFile>, Diagnostic> {
        render::render_page(self, page).map_err(|d| d.relative_to(&self.root))
    }

    /// Renders the whole site into memory, pages in parallel; files come out sorted by path.
    pub fn render(&self) -> Result<Vec<RenderedFile>, Diagnostics> {
        let results: Vec<Result<Vec<RenderedFile>, Diagnostic>> = self
            .pages()
            .par_iter()
            .map(|p| self.render_page(p))
            .collect();
        let mut files = Vec::new();
        let mut problems = Diagnostics::default();
        for result in results {
            match result {
                Ok(page_files) => files.extend(page_files),
                Err(d) => problems.push(d),
            }
        }
        files.extend(
            self.static_files()
                .map_err(|d| Diagnostics::from(d.relative_to(&self.root)))?,
        );
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Files of `templates/static/`, copied to the output root as they are.
    fn static_files(&self) -> Result<Vec<RenderedFile>, Diagnostic> {
        let dir = self.templates_dir().join("static");
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Diagnostic::error(&dir, format!("cannot read: {e}")))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let bytes = std::fs::read(path)
                .map_err(|e| Diagnostic::error(path, format!("cannot read: {e}")))?;
            let relative = path.strip_prefix(&dir).unwrap_or(path);
            files.push(RenderedFile {
                path: relative.to_string_lossy().replace('\\', "/"),
                bytes,
            });
        }
        Ok(files)
    }

    /// Warnings of the load plus messages that fell back to the reference locale while rendering.
    pub fn all_warnings(&self) -> Diagnostics {
        let mut all = self.warnings.clone();
        for (lang, id) in self.locales.fallbacks() {
            all.push(
                Diagnostic::warning(
                    Path::new("locales").join(&lang),
                    format!(
                        "`{id}` is not translated; the page shows the `{}` text",
                        i18n::REFERENCE
                    ),
                )
                .with_hint(format!("add `{id} = …` to a .ftl file in locales/{lang}/")),
            );
        }
        all.sorted()
    }
}

/// What a finished build reports.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub files: usize,
    /// Total size of the files written.
    pub bytes: u64,
    pub warnings: Diagnostics,
}

/// Loads, renders and writes the site. On any error the previous output stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    // Before any work: an output that would replace the site's own folders is refused outright.
    output::guard::check_output(&options.root, &output)?;
    let site = Site::load(options)?;
    let files = site.render()?;
    // Locked and checked only now, so a content error is reported first and the lock is held
    // only while writing.
    let staging = output::Staging::begin(&output, options.force)?;
    files
        .par_iter()
        .try_for_each(|f| staging.write(&f.path, &f.bytes))?;
    let committed = staging.commit()?;
    Ok(BuildReport {
        output,
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: committed.files(),
        bytes: committed.bytes(),
        warnings: site.all_warnings(),
    })
}
