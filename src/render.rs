//! Pages: turns the site model into HTML through tera templates, one page at a time, in memory.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tera::Tera;

use crate::content::{BorderChangeKind, Bulletin, Period, Unit};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::figures::{Derived, Facet, IndicatorYear, Origin, Value};
use crate::i18n::{arg, Locales, Localizer, MissingMessage};
use crate::markdown::{self, Citation};
use crate::page_charts::{ChartMaker, PageChart};
use crate::Site;

/// A page the site publishes, identified independently of how it is rendered.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum PageId {
    /// `index.html`: pick a language.
    LanguageChooser,
    /// `404.html`.
    NotFound,
    Home {
        lang: String,
    },
    Bulletin {
        lang: String,
        slug: String,
    },
    Region {
        lang: String,
        region: String,
    },
}

impl PageId {
    /// Path of the page's file inside the output folder.
    pub fn path(&self) -> String {
        match self {
            PageId::LanguageChooser => "index.html".into(),
            PageId::NotFound => "404.html".into(),
            PageId::Home { lang } => format!("{lang}/index.html"),
            PageId::Bulletin { lang, slug } => format!("{lang}/bulletins/{slug}/index.html"),
            PageId::Region { lang, region } => format!("{lang}/regions/{region}/index.html"),
        }
    }

    /// The same page in another language (None for pages that have no language).
    fn in_language(&self, other: &str) -> Option<PageId> {
        let lang = other.to_string();
        match self {
            PageId::Home { .. } => Some(PageId::Home { lang }),
            PageId::Bulletin { slug, .. } => Some(PageId::Bulletin {
                lang,
                slug: slug.clone(),
            }),
            PageId::Region { region, .. } => Some(PageId::Region {
                lang,
                region: region.clone(),
            }),
            _ => None,
        }
    }

    /// Its address below the base URL: folders, without `index.html`.
    fn url_path(&self) -> String {
        self.path().trim_end_matches("index.html").to_string()
    }
}

/// A rendered file, in memory.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The tera templates, one copy per language with `t()` bound to that language's messages.
pub struct Templates {
    by_lang: BTreeMap<String, Tera>,
    neutral: Tera,
    /// Each template's text by name, to point at the line a render error comes from.
    sources: BTreeMap<String, String>,
}

impl Templates {
    pub fn load(
        dir: &Path,
        locales: &Arc<Locales>,
        languages: &[String],
    ) -> Result<Templates, Diagnostics> {
        let mut tera = Tera::default();
        let mut problems = Diagnostics::default();
        let mut files: Vec<(String, String)> = Vec::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html") {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .replace('\\', "/");
                match crate::yaml::read_text(path) {
                    Ok(text) => files.push((name, text)),
                    Err(d) => problems.push(d),
                }
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        // Parse each file alone first: tera then reports which file and where.
        for (name, text) in &files {
            if let Err(e) = tera::Template::new(name, None, text) {
                let path = dir.join(name);
                let position = error_position(&e);
                problems.push(template_error(&path, &e).at_opt(text, position));
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        if let Err(e) = tera.add_raw_templates(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            return Err(template_error(dir, &e).into());
        }
        tera.autoescape_on(vec![".html"]);
        // Tera's default escaper also rewrites `/` as `&#x2F;`, which HTML does not need.
        tera.set_escape_fn(crate::charts::xml_escape);
        let mut by_lang = BTreeMap::new();
        for lang in languages {
            let mut copy = tera.clone();
            copy.register_function(
                "t",
                MessageFunction {
                    locales: Arc::clone(locales),
                    lang: lang.clone(),
                },
            );
            by_lang.insert(lang.clone(), copy);
        }
        Ok(Templates {
            by_lang,
            neutral: tera,
            sources: files.into_iter().collect(),
        })
    }

    fn render(
        &self,
        lang: Option<&str>,
        name: &str,
        context: &impl Serialize,
        dir: &Path,
    ) -> Result<String, Diagnostic> {
        let tera = lang
            .and_then(|l| self.by_lang.get(l))
            .unwrap_or(&self.neutral);
        let context = tera::Context::from_serialize(context).map_err(|e| {
            Diagnostic::error(dir.join(name), format!("cannot prepare the page: {e}"))
        })?;
        tera.render(name, &context)
            .map_err(|e| self.locate_render_error(name, &e, dir))
    }

    /// Tera names the page's template even when the mistake is in a template it extends or
    /// imports; find the template and line that use the missing name, if one does.
    fn locate_render_error(&self, name: &str, error: &tera::Error, dir: &Path) -> Diagnostic {
        let diagnostic = template_error(&dir.join(name), error);
        let Some(variable) = diagnostic
            .message
            .split("Variable `")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
        else {
            return diagnostic;
        };
        let mut chain = vec![name.to_string()];
        while let Some(parent) = self
            .sources
            .get(chain.last().expect("starts with the page's template"))
            .and_then(|text| text.split("{% extends \"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .filter(|parent| !chain.iter().any(|c| c == parent))
        {
            chain.push(parent.to_string());
        }
        chain.extend(self.sources.keys().cloned());
        chain
            .iter()
            .find_map(|candidate| {
                let text = self.sources.get(candidate)?;
                let offset = text.find(variable)?;
                let (line, column) = crate::diagnostics::line_col(text, offset);
                Some(
                    Diagnostic {
                        path: dir.join(candidate),
                        ..diagnostic.clone()
                    }
                    .at(text, line, column),
                )
            })
            .unwrap_or(diagnostic)
    }
}

/// The `--> line:column` that tera's parse errors carry in their text.
fn error_position(error: &tera::Error) -> Option<(usize, usize)> {
    let mut texts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        texts.push(cause.to_string());
        source = cause.source();
    }
    texts.iter().find_map(|text| {
        let rest = &text[text.find("--> ")? + 4..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit() && c != ':')
            .unwrap_or(rest.len());
        let (line, column) = rest[..end].split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    })
}

/// Tera's error and its causes on one line: the cause says which variable or message failed.
fn template_error(path: &Path, error: &tera::Error) -> Diagnostic {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Diagnostic::error(path, format!("template error: {message}")).with_hint(
        "fix the template; tera's syntax is described at https://keats.github.io/tera/docs/",
    )
}

/// `{{ t(id="home-title", year=2024) }}`: a Fluent message in the page's language.
struct MessageFunction {
    locales: Arc<Locales>,
    lang: String,
}

impl tera::Function for MessageFunction {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let id = args
            .get("id")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs id=\"message-id\""))?;
        let localizer = self
            .locales
            .get(&self.lang)
            .ok_or_else(|| tera::Error::msg(format!("no messages for `{}`", self.lang)))?;
        let mut names: Vec<&String> = args.keys().filter(|k| *k != "id").collect();
        names.sort();
        let fluent_args = names
            .into_iter()
            .map(|name| {
                let value = match &args[name] {
                    tera::Value::Number(n) => n.as_f64().unwrap_or_default().into(),
                    tera::Value::String(s) => arg(s.clone()),
                    other => arg(other.to_string()),
                };
                (name.as_str(), value)
            })
            .collect();
        localizer
            .message(id, fluent_args)
            .map(tera::Value::String)
            .map_err(|e| tera::Error::msg(e.to_string()))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    html_lang: String,
    name: String,
    href: String,
    url: String,
    current: bool,
}

/// What every page's layout needs.
#[derive(Serialize)]
struct Layout {
    lang: String,
    html_lang: String,
    /// Relative path from the page to the output root, e.g. `../../../`.
    root: String,
    canonical: String,
    alternates: Vec<Alternate>,
    home: String,
}

#[derive(Serialize)]
struct Cell {
    text: String,
    stated: bool,
}

#[derive(Serialize)]
struct Row {
    label: String,
    note: Option<String>,
    cells: Vec<Option<Cell>>,
}

#[derive(Serialize)]
struct Table {
    caption: String,
    columns: Vec<String>,
    rows: Vec<Row>,
    has_stated: bool,
}

#[derive(Serialize)]
struct Headline {
    label: String,
    value: String,
    detail: Option<String>,
    note: Option<String>,
}

#[derive(Serialize)]
struct BulletinSummary {
    href: String,
    title: String,
    summary: String,
    date: String,
    date_iso: String,
    region: String,
    region_href: String,
}

#[derive(Serialize)]
struct OtherNarrative {
    name: String,
    href: String,
    lang: String,
}

struct PageContext<'a> {
    site: &'a Site,
    page: &'a PageId,
    localizer: Localizer<'a>,
}

type PageResult<T> = Result<T, Diagnostic>;

/// Every page the site publishes, in a stable order.
pub fn pages(site: &Site) -> Vec<PageId> {
    let mut pages = vec![PageId::LanguageChooser, PageId::NotFound];
    for lang in &site.content.config.languages {
        pages.push(PageId::Home { lang: lang.clone() });
        for bulletin in &site.content.bulletins {
            pages.push(PageId::Bulletin {
                lang: lang.clone(),
                slug: bulletin.slug.clone(),
            });
        }
        for region in site.published_regions() {
            pages.push(PageId::Region {
                lang: lang.clone(),
                region: region.to_string(),
            });
        }
    }
    pages
}

/// Renders one page into memory: its HTML, then each chart as SVG and (unless skipped) PNG.
pub fn render_page(site: &Site, page: &PageId) -> Result<Vec<RenderedFile>, Diagnostic> {
    let (html, charts) = match page {
        PageId::LanguageChooser => (render_chooser(site, false)?, Vec::new()),
        PageId::NotFound => (render_chooser(site, true)?, Vec::new()),
        PageId::Home { lang } | PageId::Bulletin { lang, .. } | PageId::Region { lang, .. } => {
            let localizer = site.locales.get(lang).ok_or_else(|| {
                Diagnostic::error(
                    site.root.join("locales"),
                    format!("no messages for `{lang}`"),
                )
            })?;
            let ctx = PageContext {
                site,
                page,
                localizer,
            };
            match page {
                PageId::Home { .. } => render_home(&ctx)?,
                PageId::Bulletin { slug, .. } => render_bulletin(&ctx, slug)?,
                PageId::Region { region, .. } => render_region(&ctx, region)?,
                _ => unreachable!("matched above"),
            }
        }
    };
    let folder = page.path().trim_end_matches("index.html").to_string();
    let mut files = vec![RenderedFile {
        path: page.path(),
        bytes: html.into_bytes(),
    }];
    for chart in charts {
        if let Some(cache) = &site.png_cache {
            let png = site
                .rasterizer
                .png_cached(&chart.svg, crate::charts::PNG_SCALE, cache)
                .map_err(|e| {
                    Diagnostic::error(site.root.join("templates"), format!("cannot draw the PNG of chart `{}`: {e}", chart.id))
                        .with_hint("install fonts-noto-cjk (apt-get install fonts-noto-cjk), or build with --no-png")
                })?;
            files.push(RenderedFile {
                path: format!("{folder}{}", chart.png_file),
                bytes: png,
            });
        }
        files.push(RenderedFile {
            path: format!("{folder}{}", chart.svg_file),
            bytes: chart.svg.into_bytes(),
        });
    }
    Ok(files)
}

/// A message missing in every locale, as a diagnostic pointing at the locales to fix.
pub(crate) fn missing(site: &Site, e: MissingMessage) -> Diagnostic {
    Diagnostic::error(site.root.join("locales").join(&e.lang), e.to_string()).with_hint(format!(
        "add `{} = …` to a .ftl file in locales/{}/",
        e.id,
        crate::i18n::REFERENCE
    ))
}

impl<'a> PageContext<'a> {
    fn charts(&self) -> ChartMaker<'_> {
        ChartMaker {
            site: self.site,
            localizer: self.localizer,
        }
    }

    fn t(&self, id: &str) -> PageResult<String> {
        self.localizer.text(id).map_err(|e| missing(self.site, e))
    }

    fn msg(&self, id: &str, args: crate::i18n::Args<'_>) -> PageResult<String> {
        self.localizer
            .message(id, args)
            .map_err(|e| missing(self.site, e))
    }

    fn root(&self) -> String {
        "../".repeat(self.page.path().matches('/').count())
    }

    fn href(&self, target: &PageId) -> String {
        format!("{}{}", self.root(), target.path())
    }

    fn url(&self, target: &PageId) -> String {
        format!("{}{}", self.site.base_url(), target.url_path())
    }

    fn layout(&self) -> PageResult<Layout> {
        let config = &self.site.content.config;
        let mut alternates = Vec::new();
        for lang in &config.languages {
            let Some(target) = self.page.in_language(lang) else {
                continue;
            };
            let name = self
                .site
                .locales
                .get(lang)
                .map(|l| l.text("language-name"))
                .transpose()
                .map_err(|e| missing(self.site, e))?
                .unwrap_or_else(|| lang.clone());
            alternates.push(Alternate {
                lang: lang.clone(),
                html_lang: config.html_lang(lang).to_string(),
                name,
                href: self.href(&target),
                url: self.url(&target),
                current: lang == self.localizer.lang(),
            });
        }
        Ok(Layout {
            lang: self.localizer.lang().to_string(),
            html_lang: self.localizer.html_lang().to_string(),
            root: self.root(),
            canonical: self.url(self.page),
            alternates,
            home: self.href(&PageId::Home {
                lang: self.localizer.lang().to_string(),
            }),
        })
    }

    fn region_name(&self, region: &str) -> PageResult<String> {
        self.t(&format!("region-{region}"))
    }

    fn indicator_label(&self, id: &str) -> PageResult<String> {
        self.t(&format!("indicator-{id}"))
    }

    fn unit(&self, id: &str) -> Unit {
        self.site
            .content
            .catalogue
            .indicators
            .get(id)
            .map_or(Unit::People, |i| i.unit)
    }

    /// A figure of an indicator as text, in the facet's own form (percent, points, signed …).
    fn facet_text(&self, id: &str, facet: Facet, value: &Value) -> PageResult<String> {
        let unit = self.unit(id);
        let l = &self.localizer;
        let text = match facet {
            Facet::Result | Facet::Target => l.figure(unit, value),
            Facet::Change => l.change(unit, value),
            Facet::ChangePct => l.percent(value, true),
            Facet::ShareOfTarget => l.percent(value, false),
            Facet::GapToTarget if unit.is_share() => l.points(value, true),
            Facet::GapToTarget => l.change(unit, value),
            Facet::TimesTarget => l.message(
                "times-target",
                vec![("num", arg(l.number_trimmed(value.value, 2, false)))],
            ),
        };
        text.map_err(|e| missing(self.site, e))
    }

    fn cell(&self, id: &str, facet: Facet, derived: &Derived) -> PageResult<Option<Cell>> {
        derived
            .shown()
            .map(|value| {
                Ok(Cell {
                    text: self.facet_text(id, facet, &value)?,
                    stated: value.origin == Origin::Stated,
                })
            })
            .transpose()
    }

    fn period_text(
        &self,
        period: Period,
        as_of: Option<crate::content::Date>,
    ) -> PageResult<Option<String>> {
        Ok(match period {
            Period::Year => None,
            Period::ToDate => match as_of {
                Some(date) => Some(self.msg(
                    "period-to-date",
                    vec![("date", arg(self.localizer.date(date)))],
                )?),
                None => None,
            },
            Period::Months(months) => {
                Some(self.msg("period-months", vec![("months", f64::from(months).into())])?)
            }
        })
    }

    /// Title and summary from the page language's narrative, else a title from Fluent.
    fn bulletin_title(&self, bulletin: &Bulletin) -> PageResult<(String, String)> {
        let lang = self.localizer.lang();
        if let Some(n) = bulletin.narratives.get(lang) {
            return Ok((n.front.title.clone(), n.front.summary.clone()));
        }
        let title = self.msg(
            "bulletin-default-title",
            vec![
                ("region", arg(self.region_name(&bulletin.meta.region)?)),
                ("year", f64::from(bulletin.meta.results_year).into()),
            ],
        )?;
        Ok((title, String::new()))
    }

    fn summary_of(&self, bulletin: &Bulletin) -> PageResult<BulletinSummary> {
        let (title, summary) = self.bulletin_title(bulletin)?;
        let lang = self.localizer.lang().to_string();
        Ok(BulletinSummary {
            href: self.href(&PageId::Bulletin {
                lang: lang.clone(),
                slug: bulletin.slug.clone(),
            }),
            title,
            summary,
            date: self.localizer.date(bulletin.meta.date),
            date_iso: bulletin.meta.date.to_string(),
            region: self.region_name(&bulletin.meta.region)?,
            region_href: self.href(&PageId::Region {
                lang,
                region: bulletin.meta.region.clone(),
            }),
        })
    }
}

type WithCharts = (String, Vec<PageChart>);

fn render_home(ctx: &PageContext) -> PageResult<WithCharts> {
    #[derive(Serialize)]
    struct RegionLink {
        name: String,
        href: String,
    }
    #[derive(Serialize)]
    struct Home {
        layout: Layout,
        bulletins: Vec<BulletinSummary>,
        regions: Vec<RegionLink>,
        charts: Vec<PageChart>,
    }
    let bulletins = ctx
        .site
        .content
        .bulletins
        .iter()
        .map(|b| ctx.summary_of(b))
        .collect::<PageResult<Vec<_>>>()?;
    let mut regions = Vec::new();
    for region in ctx.site.published_regions() {
        regions.push(RegionLink {
            name: ctx.region_name(region)?,
            href: ctx.href(&PageId::Region {
                lang: ctx.localizer.lang().to_string(),
                region: region.to_string(),
            }),
        });
    }
    let charts = ctx.charts().home_charts()?;
    let page = Home {
        layout: ctx.layout()?,
        bulletins,
        regions,
        charts: charts.clone(),
    };
    let html = ctx.site.templates.render(
        Some(ctx.localizer.lang()),
        "home.html",
        &page,
        &ctx.site.templates_dir(),
    )?;
    Ok((html, charts))
}

fn render_bulletin(ctx: &PageContext, slug: &str) -> PageResult<WithCharts> {
    #[derive(Serialize)]
    struct BulletinPage {
        layout: Layout,
        title: String,
        summary: String,
        date: String,
        date_iso: String,
        updated: Option<String>,
        updated_iso: Option<String>,
        region: String,
        region_href: String,
        results_year: i32,
        targets_year: Option<i32>,
        period: Option<String>,
        source_url: Option<String>,
        source_host: Option<String>,
        headline: Vec<Headline>,
        table: Table,
        narrative: Option<String>,
        other_narratives: Vec<OtherNarrative>,
        charts: Vec<PageChart>,
        /// Absolute address of the main chart's PNG, the page's social-card image.
        card_image: Option<String>,
    }
    let site = ctx.site;
    let bulletin = site
        .content
        .bulletins
        .iter()
        .find(|b| b.slug == slug)
        .ok_or_else(|| {
            Diagnostic::error(
                site.root.join("content/bulletins").join(slug),
                "no such bulletin",
            )
        })?;
    let meta = &bulletin.meta;
    let lang = ctx.localizer.lang().to_string();
    let (title, summary) = ctx.bulletin_title(bulletin)?;
    let charts = ctx.charts().bulletin_charts(bulletin)?;
    let as_of = site
        .year_data(&meta.region, meta.results_year)
        .map(|d| (d.period, d.as_of));

    let narrative = match bulletin.narratives.get(&lang) {
        Some(n) => Some(markdown::render(n, &mut |citation, _line| {
            cite(ctx, bulletin, citation).map_err(|e| e.to_string())
        })?),
        None => None,
    };
    let mut other_narratives = Vec::new();
    if narrative.is_none() {
        for other in &site.content.config.languages {
            if bulletin.narratives.contains_key(other) {
                other_narratives.push(OtherNarrative {
                    name: site
                        .locales
                        .get(other)
                        .map(|l| l.text("language-name"))
                        .transpose()
                        .map_err(|e| missing(site, e))?
                        .unwrap_or_else(|| other.clone()),
                    href: ctx.href(&PageId::Bulletin {
                        lang: other.clone(),
                        slug: slug.to_string(),
                    }),
                    lang: site.content.config.html_lang(other).to_string(),
                });
            }
        }
    }

    let page = BulletinPage {
        layout: ctx.layout()?,
        title,
        summary,
        date: ctx.localizer.date(meta.date),
        date_iso: meta.date.to_string(),
        updated: meta.updated.map(|d| ctx.localizer.date(d)),
        updated_iso: meta.updated.map(|d| d.to_string()),
        region: ctx.region_name(&meta.region)?,
        region_href: ctx.href(&PageId::Region {
            lang: lang.clone(),
            region: meta.region.clone(),
        }),
        results_year: meta.results_year,
        targets_year: meta.targets_year,
        period: match as_of {
            Some((period, as_of)) => ctx.period_text(period, as_of)?,
            None => None,
        },
        source_url: meta.source.clone(),
        source_host: meta.source.as_deref().map(host_of),
        headline: headline(ctx, bulletin)?,
        table: bulletin_table(ctx, bulletin)?,
        narrative,
        other_narratives,
        card_image: match (&site.png_cache, charts.first()) {
            (Some(_), Some(chart)) => Some(format!(
                "{}{}{}",
                site.base_url(),
                ctx.page.url_path(),
                chart.png_file
            )),
            _ => None,
        },
        charts: charts.clone(),
    };
    let html = site
        .templates
        .render(Some(&lang), "bulletin.html", &page, &site.templates_dir())?;
    Ok((html, charts))
}

fn host_of(url: &str) -> String {
    url.split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or(url)
        .trim_start_matches("www.")
        .to_string()
}

/// Resolves a `fig()` citation of a bulletin's narrative to text in the page's language.
fn cite(ctx: &PageContext, bulletin: &Bulletin, citation: &Citation) -> Result<String, String> {
    let site = ctx.site;
    let meta = &bulletin.meta;
    if !site.content.catalogue.indicators.contains_key(&citation.id) {
        return Err(format!(
            "`{}` is no indicator of content/indicators.yaml",
            citation.id
        ));
    }
    let facet = match &citation.of {
        None => Facet::Result,
        Some(of) => Facet::parse(of).ok_or_else(|| {
            format!("`of=\"{of}\"` is not one of result, target, change, change-pct, share-of-target, gap-to-target, times-target")
        })?,
    };
    let year = citation.year.unwrap_or(if facet == Facet::Target {
        meta.targets_year.unwrap_or(meta.results_year)
    } else {
        meta.results_year
    });
    let value = site
        .figures
        .get(&meta.region, year, &citation.id)
        .and_then(|f| f.facet(facet).shown())
        .ok_or_else(|| {
            format!(
                "the data hold no {} of `{}` for {} in {year}",
                facet.as_str(),
                citation.id,
                meta.region
            )
        })?;
    ctx.facet_text(&citation.id, facet, &value)
        .map_err(|d| d.message)
}

fn headline(ctx: &PageContext, bulletin: &Bulletin) -> PageResult<Vec<Headline>> {
    let meta = &bulletin.meta;
    let figures = &ctx.site.figures;
    let mut cards = Vec::new();
    for id in &meta.headline {
        let result = figures.get(&meta.region, meta.results_year, id);
        let targets_year = meta.targets_year.unwrap_or(meta.results_year);
        let target = figures.get(&meta.region, targets_year, id);
        let (value, detail) = if let Some(f) = result.filter(|f| f.result.shown().is_some()) {
            let value = f.result.shown().expect("filtered on a shown result");
            let detail = if let Some(change) = f.change.shown() {
                Some(ctx.msg(
                    "headline-change",
                    vec![
                        ("change", arg(ctx.facet_text(id, Facet::Change, &change)?)),
                        ("year", f64::from(meta.results_year - 1).into()),
                    ],
                )?)
            } else if let Some(gap) = f.gap_to_target.shown() {
                Some(ctx.msg(
                    "headline-gap",
                    vec![("gap", arg(ctx.facet_text(id, Facet::GapToTarget, &gap)?))],
                )?)
            } else {
                None
            };
            (ctx.facet_text(id, Facet::Result, &value)?, detail)
        } else if let Some(goal) = target.and_then(|f| f.target.shown()) {
            let detail = ctx.msg(
                "headline-target",
                vec![("year", f64::from(targets_year).into())],
            )?;
            (ctx.facet_text(id, Facet::Target, &goal)?, Some(detail))
        } else {
            continue;
        };
        let note = match result {
            Some(f) if f.period != Period::Year => {
                let as_of = ctx
                    .site
                    .year_data(&meta.region, meta.results_year)
                    .and_then(|d| d.as_of);
                ctx.period_text(f.period, as_of)?
            }
            _ => None,
        };
        cards.push(Headline {
            label: ctx.indicator_label(id)?,
            value,
            detail,
            note,
        });
    }
    Ok(cards)
}

/// Indicators of a year in the catalogue's order.
fn ordered<'m>(
    ctx: &PageContext,
    maps: &[Option<&'m BTreeMap<String, IndicatorYear>>],
) -> Vec<&'m str> {
    let mut ids = Vec::new();
    for id in ctx.site.content.catalogue.indicators.keys_in_order() {
        let present = maps
            .iter()
            .flatten()
            .any(|m| m.get(id).is_some_and(|f| !f.is_empty()));
        if present {
            if let Some((key, _)) = maps.iter().flatten().find_map(|m| m.get_key_value(id)) {
                ids.push(key.as_str());
            }
        }
    }
    ids
}

fn bulletin_table(ctx: &PageContext, bulletin: &Bulletin) -> PageResult<Table> {
    let meta = &bulletin.meta;
    let figures = &ctx.site.figures;
    let now = figures.year(&meta.region, meta.results_year);
    let next_year = meta.targets_year.filter(|y| *y != meta.results_year);
    let next = next_year.and_then(|y| figures.year(&meta.region, y));
    let year = |y: i32| -> (&'static str, fluent_bundle::FluentValue<'static>) {
        ("year", f64::from(y).into())
    };
    let mut columns = vec![
        ctx.t("table-indicator")?,
        ctx.msg("table-result", vec![year(meta.results_year)])?,
        ctx.msg("table-change", vec![year(meta.results_year - 1)])?,
        ctx.msg("table-change-pct", vec![year(meta.results_year - 1)])?,
        ctx.msg("table-target", vec![year(meta.results_year)])?,
        ctx.t("table-reached")?,
    ];
    if let Some(next_year) = next_year {
        columns.push(ctx.msg("table-target", vec![year(next_year)])?);
    }
    let as_of = ctx
        .site
        .year_data(&meta.region, meta.results_year)
        .map(|d| (d.period, d.as_of));
    let mut rows = Vec::new();
    let mut has_stated = false;
    let empty = IndicatorYear::default();
    for id in ordered(ctx, &[now, next]) {
        let this = now.and_then(|m| m.get(id)).unwrap_or(&empty);
        let unit = ctx.unit(id);
        let reached = if unit.is_share() {
            ctx.cell(id, Facet::GapToTarget, &this.gap_to_target)?
                .or(ctx.cell(id, Facet::TimesTarget, &this.times_target)?)
        } else {
            ctx.cell(id, Facet::ShareOfTarget, &this.share_of_target)?
                .or(ctx.cell(id, Facet::GapToTarget, &this.gap_to_target)?)
        };
        let mut cells = vec![
            ctx.cell(id, Facet::Result, &this.result)?,
            ctx.cell(id, Facet::Change, &this.change)?,
            ctx.cell(id, Facet::ChangePct, &this.change_pct)?,
            ctx.cell(id, Facet::Target, &this.target)?,
            reached,
        ];
        if next_year.is_some() {
            let later = next.and_then(|m| m.get(id)).unwrap_or(&empty);
            cells.push(ctx.cell(id, Facet::Target, &later.target)?);
        }
        has_stated |= cells.iter().flatten().any(|c| c.stated);
        let file_period = as_of.map_or(Period::Year, |(p, _)| p);
        let note = if this.period != file_period {
            ctx.period_text(this.period, as_of.and_then(|(_, d)| d))?
        } else {
            None
        };
        rows.push(Row {
            label: ctx.indicator_label(id)?,
            note,
            cells,
        });
    }
    drop_empty_columns(&mut columns, &mut rows);
    Ok(Table {
        caption: ctx.msg(
            "table-caption",
            vec![
                ("region", arg(ctx.region_name(&meta.region)?)),
                ("year", f64::from(meta.results_year).into()),
            ],
        )?,
        columns,
        rows,
        has_stated,
    })
}

/// Removes figure columns no row fills (a year without targets needs no target column).
fn drop_empty_columns(columns: &mut Vec<String>, rows: &mut [Row]) {
    let keep: Vec<bool> = (0..columns.len().saturating_sub(1))
        .map(|i| {
            rows.iter()
                .any(|r| r.cells.get(i).is_some_and(Option::is_some))
        })
        .collect();
    let mut index = 0;
    columns.retain(|_| {
        index += 1;
        index == 1 || keep[index - 2]
    });
    for row in rows {
        let mut i = 0;
        row.cells.retain(|_| {
            i += 1;
            keep[i - 1]
        });
    }
}

fn render_region(ctx: &PageContext, region: &str) -> PageResult<WithCharts> {
    #[derive(Serialize)]
    struct RegionPage {
        layout: Layout,
        name: String,
        changes: Vec<String>,
        notes: Vec<String>,
        /// Years whose figures cover less than the whole year, said in words.
        periods: Vec<String>,
        results: Table,
        targets: Table,
        bulletins: Vec<BulletinSummary>,
        charts: Vec<PageChart>,
    }
    let site = ctx.site;
    let name = ctx.region_name(region)?;
    let mut changes = Vec::new();
    if let Some(info) = site.content.regions.get(region) {
        for change in &info.border_changes {
            let others = change
                .regions
                .iter()
                .map(|r| ctx.region_name(r))
                .collect::<PageResult<Vec<_>>>()?
                .join(", ");
            let id = match change.change {
                BorderChangeKind::Absorbed => "border-absorbed",
                BorderChangeKind::MergedInto => "border-merged-into",
            };
            changes.push(ctx.msg(
                id,
                vec![
                    ("region", arg(name.clone())),
                    ("others", arg(others)),
                    ("date", arg(ctx.localizer.date(change.date))),
                ],
            )?);
        }
    }
    let years = site.figures.regions.get(region);
    let mut notes = Vec::new();
    let mut periods = Vec::new();
    if let Some(data) = site.content.years.get(region) {
        for (year, region_year) in data {
            let data = &region_year.data;
            if let Some(period) = ctx.period_text(data.period, data.as_of)? {
                periods.push(ctx.msg(
                    "region-period",
                    vec![("year", f64::from(*year).into()), ("period", arg(period))],
                )?);
            }
            for note in &region_year.data.notes {
                let mut args: crate::i18n::Args = vec![("year-of-data", f64::from(*year).into())];
                for (k, v) in &note.args {
                    args.push((k.as_str(), arg(v.to_string())));
                }
                notes.push(ctx.msg(&format!("note-{}", note.note), args)?);
            }
        }
    }
    let table = |facet: Facet, caption: &str| -> PageResult<Table> {
        let year_list: Vec<i32> = years
            .map(|y| {
                y.iter()
                    .filter(|(_, m)| m.values().any(|f| f.facet(facet).shown().is_some()))
                    .map(|(y, _)| *y)
                    .collect()
            })
            .unwrap_or_default();
        let maps: Vec<Option<&BTreeMap<String, IndicatorYear>>> = year_list
            .iter()
            .map(|y| years.and_then(|m| m.get(y)))
            .collect();
        let mut columns = vec![ctx.t("table-indicator")?];
        for y in &year_list {
            columns.push(y.to_string());
        }
        let mut rows = Vec::new();
        let mut has_stated = false;
        for id in ordered(ctx, &maps) {
            let mut cells = Vec::new();
            for m in &maps {
                let derived = m
                    .and_then(|m| m.get(id))
                    .map(|f| *f.facet(facet))
                    .unwrap_or_default();
                cells.push(ctx.cell(id, facet, &derived)?);
            }
            if cells.iter().all(Option::is_none) {
                continue;
            }
            has_stated |= cells.iter().flatten().any(|c| c.stated);
            // A result covering less than its file's period (11 months of a year to date)
            // says so under its label, with the year it applies to.
            let mut note = None;
            if facet == Facet::Result {
                for (year, m) in year_list.iter().zip(&maps) {
                    let data = site.year_data(region, *year);
                    let figure_period = m.and_then(|m| m.get(id)).map(|f| f.period);
                    if let (Some(period), Some(data)) = (figure_period, data) {
                        if period != data.period {
                            if let Some(text) = ctx.period_text(period, data.as_of)? {
                                note = Some(ctx.msg(
                                    "row-period",
                                    vec![("year", f64::from(*year).into()), ("period", arg(text))],
                                )?);
                            }
                        }
                    }
                }
            }
            rows.push(Row {
                label: ctx.indicator_label(id)?,
                note,
                cells,
            });
        }
        Ok(Table {
            caption: ctx.msg(caption, vec![("region", arg(name.clone()))])?,
            columns,
            rows,
            has_stated,
        })
    };
    let charts = ctx.charts().region_charts(region)?;
    let results = table(Facet::Result, "region-results-caption")?;
    let targets = table(Facet::Target, "region-targets-caption")?;
    let bulletins = site
        .content
        .bulletins
        .iter()
        .filter(|b| b.meta.region == region)
        .map(|b| ctx.summary_of(b))
        .collect::<PageResult<Vec<_>>>()?;
    let page = RegionPage {
        layout: ctx.layout()?,
        name,
        changes,
        notes,
        periods,
        results,
        targets,
        bulletins,
        charts: charts.clone(),
    };
    let html = site.templates.render(
        Some(ctx.localizer.lang()),
        "region.html",
        &page,
        &site.templates_dir(),
    )?;
    Ok((html, charts))
}

/// The root language chooser and the 404 page: every language at once, each marked with its tag.
fn render_chooser(site: &Site, not_found: bool) -> PageResult<String> {
    #[derive(Serialize)]
    struct Choice {
        lang: String,
        html_lang: String,
        name: String,
        prompt: String,
        href: String,
        url: String,
    }
    #[derive(Serialize)]
    struct Chooser {
        html_lang: String,
        title: String,
        choices: Vec<Choice>,
        canonical: String,
        not_found: bool,
    }
    let config = &site.content.config;
    let mut choices = Vec::new();
    let message_id = if not_found {
        "not-found"
    } else {
        "choose-language"
    };
    for lang in &config.languages {
        let l = site.locales.get(lang).ok_or_else(|| {
            Diagnostic::error(
                site.root.join("locales"),
                format!("no messages for `{lang}`"),
            )
        })?;
        let home = PageId::Home { lang: lang.clone() };
        choices.push(Choice {
            lang: lang.clone(),
            html_lang: config.html_lang(lang).to_string(),
            name: l.text("language-name").map_err(|e| missing(site, e))?,
            prompt: l.text(message_id).map_err(|e| missing(site, e))?,
            // The 404 page is served at any depth: only absolute links work there.
            href: if not_found {
                format!("{}{}", site.base_url(), home.url_path())
            } else {
                home.path()
            },
            url: format!("{}{}", site.base_url(), home.url_path()),
        });
    }
    let default = site.locales.get(&config.default_language).ok_or_else(|| {
        Diagnostic::error(
            site.root.join("locales"),
            "no messages for the default language",
        )
    })?;
    let page = Chooser {
        html_lang: config.html_lang(&config.default_language).to_string(),
        title: default.text("site-name").map_err(|e| missing(site, e))?,
        choices,
        canonical: site.base_url().to_string(),
        not_found,
    };
    let name = if not_found {
        "404.html"
    } else {
        "chooser.html"
    };
    site.templates
        .render(None, name, &page, &site.templates_dir())
}
