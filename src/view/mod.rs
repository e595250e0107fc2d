//! Page views: each planned page as plain, serialisable data in its language, ready for a template.

pub mod charts;
mod documents;
mod share;

pub use documents::document;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::content::{
    BorderChangeKind, Bulletin, Catalogue, Period, Region, RegionYear, SiteConfig, SourceRef,
    UnitKind, YearData,
};
use crate::diagnostics::Diagnostic;
use crate::figures::{
    self, Derived, Facet, Figures, IndicatorYear, Origin, Reach, TargetFigure, Value,
};
use crate::i18n::{arg, text_direction, Locales, Localizer, MissingMessage, Sign};
use crate::markdown::{self, Citation};
use crate::plan::{DataFormat, PageId, Pager, PlannedPage, Shows};
use charts::{ChartMaker, PageChart};

#[derive(Serialize)]
struct Alternate {
    lang: String,
    html_lang: String,
    dir: &'static str,
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
    /// `ltr` or `rtl`, for `<html dir>`.
    dir: &'static str,
    /// Relative path from the page to the output root, e.g. `../../../`.
    root: String,
    canonical: String,
    alternates: Vec<Alternate>,
    home: String,
    /// The language's Atom feed, relative to the page.
    feed: String,
    /// Where a list page stands, and its neighbours.
    pager: Option<PagerLinks>,
    publisher: PublisherView,
}

/// Who publishes the site, as every page's footer names it.
#[derive(Serialize)]
struct PublisherView {
    /// "Publisher:", in the page's language.
    label: String,
    /// The `publisher-name` message, in the page's language.
    name: String,
    /// The publisher's own website.
    url: Option<String>,
    logo: Option<Logo>,
}

#[derive(Serialize)]
struct Logo {
    /// Relative to the page, or from the host's root on the 404 page (served at any depth).
    src: String,
    width: u32,
    height: u32,
}

impl PublisherView {
    /// `root` is the page's way to the output root: relative, or the base URL's path.
    fn new(
        config: &SiteConfig,
        words: Localizer,
        root: &str,
    ) -> Result<PublisherView, MissingMessage> {
        let publisher = &config.publisher;
        Ok(PublisherView {
            label: words.text("publisher-label")?,
            name: words.text("publisher-name")?,
            url: publisher.url.clone(),
            logo: publisher.logo.as_ref().zip(publisher.logo_size).map(
                |(logo, (width, height))| Logo {
                    src: crate::address::relative(root, logo),
                    width,
                    height,
                },
            ),
        })
    }
}

/// Links to a page's figures as CSV and JSON.
#[derive(Serialize)]
struct Downloads {
    csv: String,
    json: String,
}

#[derive(Serialize)]
struct PagerLinks {
    /// "Page 2 of 7", in the page's language.
    label: String,
    newer: Option<String>,
    older: Option<String>,
    /// Whether this is the list's first page (which also shows charts and tables).
    first: bool,
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
    /// Where the row's figures come from, when they name it themselves.
    sources: Vec<SourceLink>,
    cells: Vec<Option<Cell>>,
}

/// A source as a reader sees it: its name (a plan's name in the page's language, or a web
/// address's host) and where to read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct SourceLink {
    name: String,
    url: Option<String>,
}

#[derive(Serialize, Default)]
struct Table {
    caption: String,
    columns: Vec<String>,
    rows: Vec<Row>,
    has_stated: bool,
    /// Every source the table's figures come from: their files' `sources` and the figures'
    /// own, in the order the files give them.
    sources: Vec<SourceLink>,
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
    dir: &'static str,
}

/// Above a translated narrative: which version of the default-language narrative it was
/// translated from, if it still matches it; if not, that the source has changed since, with a
/// link to it. A page never claims a match it cannot prove: with no `translated-from`, it
/// says nothing.
#[derive(Serialize)]
struct TranslationNote {
    /// Whether the translation matches the source as it is now.
    fresh: bool,
    text: String,
    source: OtherNarrative,
}

/// What one page may read: chosen by the plan, borrowed from the model, nothing else.
///
/// A bulletin's `figures` are frozen at its date (see [`crate::figures::Figures::frozen`]), and
/// `years` hold only its region's data files up to its last year.
pub struct PageInputs<'a> {
    pub config: &'a SiteConfig,
    pub catalogue: &'a Catalogue,
    pub regions: &'a BTreeMap<String, Region>,
    pub locales: &'a Locales,
    /// The base URL, always ending in `/`.
    pub base_url: &'a crate::address::BaseUrl,
    /// Whether charts are also published as PNG.
    pub png: bool,
    /// The site folder, for the paths of diagnostics.
    pub root: &'a Path,
    /// The figures of the page's region(s).
    pub figures: Cow<'a, Figures>,
    /// The data files of the page's region, up to `years_until`.
    pub years: Option<&'a BTreeMap<i32, RegionYear>>,
    pub years_until: i32,
    /// The bulletin a bulletin page shows.
    pub bulletin: Option<&'a Bulletin>,
    /// The bulletins a list page lists, in order.
    pub listed: Vec<&'a Bulletin>,
}

impl<'a> PageInputs<'a> {
    /// The data file of the page's region for `year`, as written, if the page may read it.
    fn year_data(&self, year: i32) -> Option<&'a YearData> {
        if year > self.years_until {
            return None;
        }
        self.years?.get(&year).map(|y| &y.data)
    }

    /// The page region's data files the page may read, by year.
    fn region_years(&self) -> impl Iterator<Item = (&'a i32, &'a RegionYear)> {
        let until = self.years_until;
        self.years
            .into_iter()
            .flat_map(move |years| years.range(..=until))
    }
}

/// A page ready for its template: plain data, and the charts it shows.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub template: &'static str,
    /// The language `t()` speaks in the template; None for pages in every language.
    pub lang: Option<String>,
    pub context: serde_json::Value,
    pub charts: Vec<PageChart>,
}

struct PageContext<'a> {
    inputs: &'a PageInputs<'a>,
    page: &'a PageId,
    localizer: Localizer<'a>,
    pager: Option<Pager>,
}

type PageResult<T> = Result<T, Diagnostic>;

/// Builds the view of one planned page from exactly the inputs the plan gave it.
pub fn view(page: &PlannedPage, inputs: &PageInputs) -> Result<View, Diagnostic> {
    let id = &page.id;
    if !id.is_html() {
        return Err(not_a_page(inputs, id));
    }
    let (lang, pager) = match (&page.shows, id.lang()) {
        (Shows::Chooser, _) | (_, None) => {
            let not_found = *id == PageId::NotFound;
            let context = to_context(inputs, &render_chooser(inputs, not_found)?)?;
            return Ok(View {
                template: page.template,
                lang: None,
                context,
                charts: Vec::new(),
            });
        }
        (Shows::Home { pager, .. } | Shows::Region { pager, .. }, Some(lang)) => {
            (lang, Some(*pager))
        }
        (_, Some(lang)) => (lang, None),
    };
    let localizer = localizer(inputs, lang)?;
    let ctx = PageContext {
        inputs,
        page: id,
        localizer,
        pager,
    };
    let (context, charts) = match &page.shows {
        Shows::Home { regions, .. } => render_home(&ctx, regions)?,
        Shows::Bulletin { .. } => {
            let bulletin = inputs.bulletin.ok_or_else(|| {
                Diagnostic::error(inputs.root.join("content/bulletins"), "no such bulletin")
            })?;
            render_bulletin(&ctx, bulletin)?
        }
        Shows::Region { region, .. } => render_region(&ctx, region)?,
        _ => return Err(not_a_page(inputs, id)),
    };
    Ok(View {
        template: page.template,
        lang: Some(lang.to_string()),
        context,
        charts,
    })
}

/// A planned file that is not what the caller can build (an HTML page, or a document).
fn not_a_page(inputs: &PageInputs, id: &PageId) -> Diagnostic {
    Diagnostic::error(
        inputs.root.join("templates"),
        format!("`{}` cannot be built this way", id.path()),
    )
}

fn localizer<'a>(inputs: &'a PageInputs, lang: &str) -> PageResult<Localizer<'a>> {
    inputs.locales.get(lang).ok_or_else(|| {
        Diagnostic::error(
            inputs.root.join("locales"),
            format!("no messages for `{lang}`"),
        )
    })
}

fn to_context(inputs: &PageInputs, page: &impl Serialize) -> PageResult<serde_json::Value> {
    serde_json::to_value(page).map_err(|e| {
        Diagnostic::error(
            inputs.root.join("templates"),
            format!("cannot prepare the page: {e}"),
        )
    })
}

/// A message a page cannot show, as a diagnostic pointing at the locales to fix.
pub(crate) fn missing(root: &Path, e: MissingMessage) -> Diagnostic {
    let hint = match &e.reason {
        Some(_) => format!(
            "fix `{}` in locales/{}/: a variable the page does not pass (a misspelt `$name`) \
             is the usual cause",
            e.id, e.lang
        ),
        None => format!(
            "add `{} = …` to a .ftl file in locales/{}/",
            e.id,
            crate::i18n::REFERENCE
        ),
    };
    Diagnostic::error(root.join("locales").join(&e.lang), e.to_string()).with_hint(hint)
}

impl<'a> PageContext<'a> {
    fn charts(&self) -> ChartMaker<'_> {
        ChartMaker {
            inputs: self.inputs,
            localizer: self.localizer,
            page: self.page,
        }
    }

    fn t(&self, id: &str) -> PageResult<String> {
        self.localizer
            .text(id)
            .map_err(|e| missing(self.inputs.root, e))
    }

    fn msg(&self, id: &str, args: crate::i18n::Args<'_>) -> PageResult<String> {
        self.localizer
            .message(id, args)
            .map_err(|e| missing(self.inputs.root, e))
    }

    fn root(&self) -> String {
        self.page.root()
    }

    fn href(&self, target: &PageId) -> String {
        format!("{}{}", self.root(), target.path())
    }

    fn url(&self, target: &PageId) -> String {
        self.inputs.base_url.join(&target.url_path())
    }

    fn layout(&self) -> PageResult<Layout> {
        let config = self.inputs.config;
        let mut alternates = Vec::new();
        for lang in &config.languages {
            let Some(target) = self.page.in_language(lang) else {
                continue;
            };
            let name = self
                .inputs
                .locales
                .get(lang)
                .map(|l| l.text("language-name"))
                .transpose()
                .map_err(|e| missing(self.inputs.root, e))?
                .unwrap_or_else(|| lang.clone());
            alternates.push(Alternate {
                lang: lang.clone(),
                html_lang: config.html_lang(lang).to_string(),
                dir: text_direction(config.html_lang(lang)),
                name,
                href: self.href(&target),
                url: self.url(&target),
                current: lang == self.localizer.lang(),
            });
        }
        Ok(Layout {
            lang: self.localizer.lang().to_string(),
            html_lang: self.localizer.html_lang().to_string(),
            dir: self.localizer.dir(),
            root: self.root(),
            canonical: self.url(self.page),
            alternates,
            home: self.href(&PageId::Home {
                lang: self.localizer.lang().to_string(),
                page: 1,
            }),
            feed: self.href(&PageId::Feed {
                lang: self.localizer.lang().to_string(),
            }),
            pager: self.pager_links()?,
            publisher: PublisherView::new(config, self.localizer, &self.root())
                .map_err(|e| missing(self.inputs.root, e))?,
        })
    }

    /// Links to the neighbouring pages of a list, when it has more than one.
    fn pager_links(&self) -> PageResult<Option<PagerLinks>> {
        let Some(pager) = self.pager.filter(|p| p.total > 1) else {
            return Ok(None);
        };
        let link = |n: u32| self.page.with_page(n).map(|p| self.href(&p));
        Ok(Some(PagerLinks {
            label: self.msg(
                "pager-position",
                vec![
                    ("current", f64::from(pager.current).into()),
                    ("total", f64::from(pager.total).into()),
                ],
            )?,
            newer: (pager.current > 1)
                .then(|| link(pager.current - 1))
                .flatten(),
            older: (pager.current < pager.total)
                .then(|| link(pager.current + 1))
                .flatten(),
            first: pager.current == 1,
        }))
    }

    /// Links to the figures of `csv`'s page as CSV and JSON (`csv` names the CSV download).
    fn downloads(&self, csv: PageId) -> Downloads {
        let json = match &csv {
            PageId::BulletinData { lang, slug, .. } => PageId::BulletinData {
                lang: lang.clone(),
                slug: slug.clone(),
                format: DataFormat::Json,
            },
            PageId::RegionData { lang, region, .. } => PageId::RegionData {
                lang: lang.clone(),
                region: region.clone(),
                format: DataFormat::Json,
            },
            other => other.clone(),
        };
        Downloads {
            csv: self.href(&csv),
            json: self.href(&json),
        }
    }

    fn region_name(&self, region: &str) -> PageResult<String> {
        self.t(&format!("region-{region}"))
    }

    fn indicator_label(&self, id: &str) -> PageResult<String> {
        self.t(&format!("indicator-{id}"))
    }

    fn unit(&self, id: &str) -> UnitKind {
        self.inputs.catalogue.kind_of(id)
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
            Facet::GapToTarget if unit == UnitKind::Share => l.points(value, true),
            Facet::GapToTarget => l.change(unit, value),
            Facet::TimesTarget => l.message(
                "times-target",
                vec![("num", arg(l.number_trimmed(value.value, 2, false)))],
            ),
        };
        text.map_err(|e| missing(self.inputs.root, e))
    }

    /// A figure as running text says it: changes and gaps without their sign, in the words
    /// of their direction ("up 33,924", "3.1 points short of target"); other facets as
    /// [`Self::facet_text`] shows them. Tables keep the signed figures.
    fn facet_words(&self, id: &str, facet: Facet, value: &Value) -> PageResult<String> {
        let unit = self.unit(id);
        let l = &self.localizer;
        let text = match facet {
            Facet::Change => l.change_words(unit, value, false),
            Facet::ChangePct => l.change_words(unit, value, true),
            Facet::GapToTarget => l.gap_words(unit, value),
            _ => return self.facet_text(id, facet, value),
        };
        text.map_err(|e| missing(self.inputs.root, e))
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

    /// A source by its address or its id in `content/site.yaml`.
    fn source_link(&self, source: &str) -> PageResult<SourceLink> {
        source_link(&self.localizer, self.inputs.config, source)
            .map_err(|e| missing(self.inputs.root, e))
    }

    /// The target and "against target" cells of an indicator with several targets, or one
    /// whose plan or deadline is named; `None` for a plain single target.
    fn targets_cells(
        &self,
        id: &str,
        targets: &[TargetFigure],
    ) -> PageResult<Option<(Cell, Option<Cell>)>> {
        let named = targets.iter().any(|t| t.source.is_some() || t.by.is_some());
        if targets.len() < 2 && !named {
            return Ok(None);
        }
        let share = self.unit(id).is_share();
        let mut shown = Vec::new();
        let mut against = Vec::new();
        for target in targets {
            let mut text = self.facet_text(id, Facet::Target, &target.target)?;
            if let Some(by) = target.by {
                text = self.msg(
                    "target-by",
                    vec![("target", arg(text)), ("year", f64::from(by).into())],
                )?;
            }
            if let Some(source) = &target.source {
                let name = self.source_link(source)?.name;
                text = self.msg(
                    "target-source",
                    vec![("target", arg(text)), ("source", arg(name))],
                )?;
            }
            let reached = match (share, target.share_of_target, target.gap_to_target) {
                (false, Some(pct), _) => Some(self.facet_text(id, Facet::ShareOfTarget, &pct)?),
                (_, _, Some(gap)) => Some(self.facet_text(id, Facet::GapToTarget, &gap)?),
                _ => None,
            };
            shown.push(text);
            against.extend(reached);
        }
        let separator = self.t("list-separator")?;
        let cell = |texts: Vec<String>| Cell {
            text: texts.join(&separator),
            stated: false,
        };
        let against = (!against.is_empty()).then(|| cell(against));
        Ok(Some((cell(shown), against)))
    }

    fn period_text(
        &self,
        period: Period,
        as_of: Option<crate::content::Date>,
    ) -> PageResult<Option<String>> {
        self.localizer
            .period(period, as_of)
            .map_err(|e| missing(self.inputs.root, e))
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
                page: 1,
            }),
        })
    }

    fn is_first_page(&self) -> bool {
        self.pager.is_none_or(|p| p.current == 1)
    }

    /// The page's data for its template, and its charts.
    fn finish(&self, page: &impl Serialize, charts: Vec<PageChart>) -> PageResult<WithCharts> {
        Ok((to_context(self.inputs, page)?, charts))
    }
}

type WithCharts = (serde_json::Value, Vec<PageChart>);

fn render_home(ctx: &PageContext, region_ids: &[String]) -> PageResult<WithCharts> {
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
        .inputs
        .listed
        .iter()
        .map(|b| ctx.summary_of(b))
        .collect::<PageResult<Vec<_>>>()?;
    let mut regions = Vec::new();
    for region in region_ids {
        regions.push(RegionLink {
            name: ctx.region_name(region)?,
            href: ctx.href(&PageId::Region {
                lang: ctx.localizer.lang().to_string(),
                region: region.to_string(),
                page: 1,
            }),
        });
    }
    let charts = if ctx.is_first_page() {
        ctx.charts().home_charts(region_ids)?
    } else {
        Vec::new()
    };
    let page = Home {
        layout: ctx.layout()?,
        bulletins,
        regions,
        charts: charts.clone(),
    };
    ctx.finish(&page, charts)
}

fn render_bulletin(ctx: &PageContext, bulletin: &Bulletin) -> PageResult<WithCharts> {
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
        translation: Option<TranslationNote>,
        /// Marked `draft: true`: shown with a banner, and asks search engines not to index it.
        draft: bool,
        charts: Vec<PageChart>,
        /// The figures as CSV and JSON.
        downloads: Downloads,
        /// Open Graph and Twitter card data.
        share: share::Share,
        /// schema.org NewsArticle and Dataset, as JSON ready for a `<script type="application/ld+json">`.
        json_ld: String,
    }
    let inputs = ctx.inputs;
    let slug = &bulletin.slug;
    let meta = &bulletin.meta;
    let lang = ctx.localizer.lang().to_string();
    let (title, summary) = ctx.bulletin_title(bulletin)?;
    let charts = ctx.charts().bulletin_charts(bulletin)?;
    let as_of = inputs
        .year_data(meta.results_year)
        .map(|d| (d.period, d.as_of));

    let narrative = match bulletin.narratives.get(&lang) {
        // Narratives are read again here: the model keeps only their front matter.
        Some(n) => Some(markdown::render(
            &*n.with_text()?,
            &mut |citation, _line| cite(ctx, bulletin, citation).map_err(|e| e.to_string()),
        )?),
        None => None,
    };
    let other_narrative = |other: &String| -> PageResult<OtherNarrative> {
        Ok(OtherNarrative {
            name: inputs
                .locales
                .get(other)
                .map(|l| l.text("language-name"))
                .transpose()
                .map_err(|e| missing(inputs.root, e))?
                .unwrap_or_else(|| other.clone()),
            href: ctx.href(&PageId::Bulletin {
                lang: other.clone(),
                slug: slug.to_string(),
            }),
            lang: inputs.config.html_lang(other).to_string(),
            dir: text_direction(inputs.config.html_lang(other)),
        })
    };
    let mut other_narratives = Vec::new();
    if narrative.is_none() {
        for other in &inputs.config.languages {
            if bulletin.narratives.contains_key(other) {
                other_narratives.push(other_narrative(other)?);
            }
        }
    }
    let source_lang = &inputs.config.default_language;
    let record = bulletin
        .narratives
        .get(&lang)
        .and_then(|n| n.front.translated_from.as_ref());
    let source = bulletin.narratives.get(source_lang);
    let translation = match (record, source) {
        (Some(record), Some(source)) if lang != *source_lang => {
            let fresh = record.hash == source.fingerprint.hash;
            // The source's date is the bulletin's: its `updated` date, else its date.
            let text = if fresh {
                ctx.msg(
                    "translated-from",
                    vec![
                        ("source", arg(source_lang.as_str())),
                        ("date", arg(ctx.localizer.date(meta.last_changed()))),
                    ],
                )?
            } else {
                ctx.msg(
                    "translated-from-outdated",
                    vec![("source", arg(source_lang.as_str()))],
                )?
            };
            Some(TranslationNote {
                fresh,
                text,
                source: other_narrative(source_lang)?,
            })
        }
        _ => None,
    };

    let share = share::share(ctx, bulletin, &title, &summary, charts.first())?;
    let json_ld = share::json_ld(ctx, bulletin, &share)?;
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
            page: 1,
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
        translation,
        draft: meta.draft,
        downloads: ctx.downloads(PageId::BulletinData {
            lang: lang.clone(),
            slug: slug.clone(),
            format: DataFormat::Csv,
        }),
        share,
        json_ld,
        charts: charts.clone(),
    };
    ctx.finish(&page, charts)
}

/// A source as a reader of `localizer`'s language sees it: a plan's name, or an address's
/// host, with where to read it.
fn source_link(
    localizer: &Localizer,
    config: &SiteConfig,
    source: &str,
) -> Result<SourceLink, MissingMessage> {
    let name = match SourceRef::of(source) {
        SourceRef::Address(url) => host_of(url),
        SourceRef::Plan(id) => localizer.text(&format!("source-{id}"))?,
    };
    Ok(SourceLink {
        name,
        url: config.source_url(source).map(String::from),
    })
}

/// The host a source link shows, e.g. `baonghean.vn` (sources are checked web addresses).
fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        })
        .unwrap_or_else(|| url.to_string())
}

/// Resolves a `fig()` citation of a bulletin's narrative to text in the page's language.
fn cite(ctx: &PageContext, bulletin: &Bulletin, citation: &Citation) -> Result<String, String> {
    let inputs = ctx.inputs;
    let meta = &bulletin.meta;
    if !inputs.catalogue.indicators.contains_key(&citation.id) {
        return Err(format!(
            "`{}` is no indicator of content/indicators.yaml",
            citation.id
        ));
    }
    if let Some(since) = citation.since {
        return cite_span(ctx, bulletin, citation, since);
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
    let value = inputs
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
    ctx.facet_words(&citation.id, facet, &value)
        .map_err(|d| d.message)
}

/// A change over several years, `fig(id=…, of="change|change-pct|times", since=2010)`: from
/// the result of `since` to that of the citation's year (the bulletin's results year unless
/// `year=` says otherwise), both measured alike.
fn cite_span(
    ctx: &PageContext,
    bulletin: &Bulletin,
    citation: &Citation,
    since: i32,
) -> Result<String, String> {
    let inputs = ctx.inputs;
    let meta = &bulletin.meta;
    let of = citation.of.as_deref().unwrap_or("");
    if !matches!(of, "change" | "change-pct" | "times") {
        return Err(format!(
            "`since={since}` goes with of=\"change\", of=\"change-pct\" or of=\"times\", not `of=\"{of}\"`"
        ));
    }
    let year = citation.year.unwrap_or(meta.results_year);
    if since >= year {
        return Err(format!("`since={since}` must be a year before {year}"));
    }
    let result = |y: i32| {
        measured_result(inputs, &meta.region, &citation.id, y).ok_or_else(|| {
            format!(
                "the data hold no result of `{}` for {} in {y}",
                citation.id, meta.region
            )
        })
    };
    let unit = ctx.unit(&citation.id);
    let span = figures::span(result(year)?, result(since)?, unit.is_share())
        .map_err(|reason| format!("no change of `{}` since {since}: {reason}", citation.id))?;
    let not_for_shares = || {
        format!(
            "`{}` is a share: its change over years is in points, of=\"change\"",
            citation.id
        )
    };
    let text = match of {
        "change" => ctx.facet_words(&citation.id, Facet::Change, &span.change),
        "change-pct" => {
            let pct = span.change_pct.ok_or_else(not_for_shares)?;
            ctx.facet_words(&citation.id, Facet::ChangePct, &pct)
        }
        _ => {
            let times = span.times.ok_or_else(not_for_shares)?;
            let l = &ctx.localizer;
            let decimals = if times.value >= 10.0 { 1 } else { 2 };
            l.message(
                "times",
                vec![("num", arg(l.number_trimmed(times.value, decimals, false)))],
            )
            .map_err(|e| missing(inputs.root, e))
        }
    };
    text.map_err(|d| d.message)
}

fn headline(ctx: &PageContext, bulletin: &Bulletin) -> PageResult<Vec<Headline>> {
    let meta = &bulletin.meta;
    let figures = &ctx.inputs.figures;
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
                        ("change", arg(ctx.facet_words(id, Facet::Change, &change)?)),
                        ("direction", Sign::of(&change).direction().into()),
                        ("year", f64::from(meta.results_year - 1).into()),
                    ],
                )?)
            } else if let Some(gap) = f.gap_to_target.shown() {
                Some(ctx.facet_words(id, Facet::GapToTarget, &gap)?)
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
                    .inputs
                    .year_data(meta.results_year)
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
    for id in ctx.inputs.catalogue.indicators.keys_in_order() {
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
    let figures = &ctx.inputs.figures;
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
    for since in &meta.since {
        columns.push(ctx.msg("table-change-since", vec![year(*since)])?);
    }
    let as_of = ctx
        .inputs
        .year_data(meta.results_year)
        .map(|d| (d.period, d.as_of));
    let mut rows = Vec::new();
    let mut has_stated = false;
    let empty = IndicatorYear::default();
    for id in ordered(ctx, &[now, next]) {
        let this = now.and_then(|m| m.get(id)).unwrap_or(&empty);
        let unit = ctx.unit(id);
        let reached = if unit == UnitKind::Share {
            ctx.cell(id, Facet::GapToTarget, &this.gap_to_target)?
                .or(ctx.cell(id, Facet::TimesTarget, &this.times_target)?)
        } else {
            ctx.cell(id, Facet::ShareOfTarget, &this.share_of_target)?
                .or(ctx.cell(id, Facet::GapToTarget, &this.gap_to_target)?)
        };
        // Several targets, or one that names its plan or deadline: each is shown, with what
        // the result makes of it.
        let (target, reached) = match ctx.targets_cells(id, &this.targets)? {
            Some((targets, against)) => (Some(targets), against.or(reached)),
            None => (ctx.cell(id, Facet::Target, &this.target)?, reached),
        };
        let mut cells = vec![
            ctx.cell(id, Facet::Result, &this.result)?,
            ctx.cell(id, Facet::Change, &this.change)?,
            ctx.cell(id, Facet::ChangePct, &this.change_pct)?,
            target,
            reached,
        ];
        if next_year.is_some() {
            let later = next.and_then(|m| m.get(id)).unwrap_or(&empty);
            let cell = match ctx.targets_cells(id, &later.targets)? {
                Some((targets, _)) => Some(targets),
                None => ctx.cell(id, Facet::Target, &later.target)?,
            };
            cells.push(cell);
        }
        let result_source = ctx
            .inputs
            .year_data(meta.results_year)
            .and_then(|d| d.results.get(id))
            .and_then(|f| f.source.as_deref());
        let row_sources = match result_source {
            Some(source) => vec![ctx.source_link(source)?],
            None => Vec::new(),
        };
        for since in &meta.since {
            cells.push(span_cell(ctx, &meta.region, id, meta.results_year, *since)?);
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
            sources: row_sources,
            cells,
        });
    }
    drop_empty_columns(&mut columns, &mut rows);
    let mut sources: Vec<SourceLink> = Vec::new();
    let years = std::iter::once(meta.results_year).chain(next_year);
    for data in years.filter_map(|y| ctx.inputs.year_data(y)) {
        let own = data.results.values().filter_map(|f| f.source.as_deref());
        let targets = data.targets.values().flat_map(|t| &t.0);
        let named = own.chain(targets.filter_map(|f| f.source.as_deref()));
        for source in data.sources.iter().map(String::as_str).chain(named) {
            let link = ctx.source_link(source)?;
            if !sources.contains(&link) {
                sources.push(link);
            }
        }
    }
    Ok(Table {
        sources,
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

/// `id`'s result of year `y` as the data give it (not as stated), with when it was measured.
fn measured_result(inputs: &PageInputs, region: &str, id: &str, y: i32) -> Option<(Value, Reach)> {
    let value = inputs.figures.get(region, y, id)?.result.computed?;
    Some((value, Reach::in_file(inputs.year_data(y)?, id, y)))
}

/// The change of `id` from `since` to `year` for a table: in percent, points for shares;
/// empty where the two years' results do not both exist or do not compare.
fn span_cell(
    ctx: &PageContext,
    region: &str,
    id: &str,
    year: i32,
    since: i32,
) -> PageResult<Option<Cell>> {
    let result = |y: i32| measured_result(ctx.inputs, region, id, y);
    let (Some(now), Some(then)) = (result(year), result(since)) else {
        return Ok(None);
    };
    let share = ctx.unit(id).is_share();
    let Ok(span) = figures::span(now, then, share) else {
        return Ok(None);
    };
    let (facet, value) = match span.change_pct {
        Some(pct) => (Facet::ChangePct, pct),
        None => (Facet::Change, span.change),
    };
    Ok(Some(Cell {
        text: ctx.facet_text(id, facet, &value)?,
        stated: false,
    }))
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
        /// The region's figures as CSV and JSON (first page).
        downloads: Option<Downloads>,
        bulletins: Vec<BulletinSummary>,
        charts: Vec<PageChart>,
    }
    let inputs = ctx.inputs;
    let name = ctx.region_name(region)?;
    let bulletins = inputs
        .listed
        .iter()
        .map(|b| ctx.summary_of(b))
        .collect::<PageResult<Vec<_>>>()?;
    if !ctx.is_first_page() {
        // Later pages continue the list of bulletins only.
        let page = RegionPage {
            layout: ctx.layout()?,
            name,
            changes: Vec::new(),
            notes: Vec::new(),
            periods: Vec::new(),
            results: Table::default(),
            targets: Table::default(),
            downloads: None,
            bulletins,
            charts: Vec::new(),
        };
        return ctx.finish(&page, Vec::new());
    }
    let mut changes = Vec::new();
    if let Some(info) = inputs.regions.get(region) {
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
    let years = inputs.figures.regions.get(region);
    let mut notes = Vec::new();
    let mut periods = Vec::new();
    {
        for (year, region_year) in inputs.region_years() {
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
            .map(|y| years.and_then(|m| m.get(y)).map(|year| &**year))
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
                    let data = inputs.year_data(*year);
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
                sources: Vec::new(),
                cells,
            });
        }
        Ok(Table {
            caption: ctx.msg(caption, vec![("region", arg(name.clone()))])?,
            columns,
            rows,
            has_stated,
            ..Table::default()
        })
    };
    let charts = ctx.charts().region_charts(region)?;
    let results = table(Facet::Result, "region-results-caption")?;
    let targets = table(Facet::Target, "region-targets-caption")?;
    let page = RegionPage {
        layout: ctx.layout()?,
        name,
        changes,
        notes,
        periods,
        downloads: (!results.rows.is_empty() || !targets.rows.is_empty()).then(|| {
            ctx.downloads(PageId::RegionData {
                lang: ctx.localizer.lang().to_string(),
                region: region.to_string(),
                format: DataFormat::Csv,
            })
        }),
        results,
        targets,
        bulletins,
        charts: charts.clone(),
    };
    ctx.finish(&page, charts)
}

/// The root language chooser and the 404 page: every language at once, each marked with its tag.
fn render_chooser(inputs: &PageInputs, not_found: bool) -> PageResult<impl Serialize> {
    #[derive(Serialize)]
    struct Choice {
        lang: String,
        html_lang: String,
        dir: &'static str,
        name: String,
        prompt: String,
        href: String,
        url: String,
    }
    #[derive(Serialize)]
    struct Chooser {
        html_lang: String,
        dir: &'static str,
        title: String,
        choices: Vec<Choice>,
        canonical: String,
        not_found: bool,
        /// The way to the output root: the chooser is there; the 404 page is served at any
        /// depth, so it goes by the base URL's path (`/`, `/bao-cao/`).
        root: String,
        publisher: PublisherView,
    }
    let config = inputs.config;
    let mut choices = Vec::new();
    let message_id = if not_found {
        "not-found"
    } else {
        "choose-language"
    };
    for lang in &config.languages {
        let l = inputs.locales.get(lang).ok_or_else(|| {
            Diagnostic::error(
                inputs.root.join("locales"),
                format!("no messages for `{lang}`"),
            )
        })?;
        let home = PageId::Home {
            lang: lang.clone(),
            page: 1,
        };
        choices.push(Choice {
            lang: lang.clone(),
            html_lang: config.html_lang(lang).to_string(),
            dir: text_direction(config.html_lang(lang)),
            name: l
                .text("language-name")
                .map_err(|e| missing(inputs.root, e))?,
            prompt: l.text(message_id).map_err(|e| missing(inputs.root, e))?,
            // The 404 page is served at any depth: only absolute links work there.
            href: if not_found {
                inputs.base_url.join(&home.url_path())
            } else {
                home.path()
            },
            url: inputs.base_url.join(&home.url_path()),
        });
    }
    let default = inputs
        .locales
        .get(&config.default_language)
        .ok_or_else(|| {
            Diagnostic::error(
                inputs.root.join("locales"),
                "no messages for the default language",
            )
        })?;
    // The 404 page loads its icons and logo from the site's own host, at any depth: by
    // the base URL's path, which also works on a local preview of the site.
    let root = if not_found {
        inputs.base_url.path()
    } else {
        ""
    };
    let page = Chooser {
        html_lang: config.html_lang(&config.default_language).to_string(),
        dir: default.dir(),
        title: default
            .text("site-name")
            .map_err(|e| missing(inputs.root, e))?,
        choices,
        canonical: inputs.base_url.to_string(),
        not_found,
        root: root.to_string(),
        publisher: PublisherView::new(config, default, root)
            .map_err(|e| missing(inputs.root, e))?,
    };
    Ok(page)
}
