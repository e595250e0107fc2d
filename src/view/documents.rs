//! The views of the files beside the pages (feeds, sitemaps, robots.txt, figure downloads),
//! as plain data for [`crate::publish`] to write.

use std::collections::BTreeMap;

use super::{localizer, not_a_page, PageContext, PageInputs, PageResult};
use crate::content::{Bulletin, Date, Period, YearData};
use crate::figures::{Derived, RegionFigures};
use crate::plan::{DataFormat, PageId, PlannedPage, Shows, SitemapEntry};
use crate::publish::data::BulletinRef;
use crate::publish::{
    Alternate, Document, Entry, Feed, FigureRow, FigureTable, Number, Person, SitemapRef, UrlEntry,
};

/// Builds the document a planned non-HTML file holds, from exactly its inputs.
pub fn document(page: &PlannedPage, inputs: &PageInputs) -> PageResult<Document> {
    let id = &page.id;
    match (&page.shows, id.lang()) {
        (Shows::Sitemap { entries }, _) => Ok(Document::Sitemap(
            entries.iter().map(|e| url_entry(inputs, e)).collect(),
        )),
        (Shows::SitemapIndex { parts }, _) => Ok(Document::SitemapIndex(
            parts
                .iter()
                .map(|p| SitemapRef {
                    loc: inputs.base_url.join(&p.page.path()),
                    lastmod: p.lastmod,
                })
                .collect(),
        )),
        (Shows::Robots, _) => Ok(Document::Robots {
            sitemap: inputs.base_url.join(&PageId::Sitemap.path()),
        }),
        (Shows::Feed { .. }, Some(lang)) => Ok(Document::Feed(feed(&context(inputs, id, lang)?)?)),
        (Shows::BulletinData { .. } | Shows::RegionData { .. }, Some(lang)) => {
            let ctx = context(inputs, id, lang)?;
            let table = match (&page.shows, inputs.bulletin) {
                (Shows::BulletinData { .. }, Some(bulletin)) => bulletin_figures(&ctx, bulletin)?,
                (Shows::RegionData { region }, _) => region_figures(&ctx, region)?,
                _ => return Err(not_a_page(inputs, id)),
            };
            Ok(match id {
                PageId::BulletinData {
                    format: DataFormat::Json,
                    ..
                }
                | PageId::RegionData {
                    format: DataFormat::Json,
                    ..
                } => Document::Json(table),
                _ => Document::Csv(table),
            })
        }
        _ => Err(not_a_page(inputs, id)),
    }
}

fn context<'a>(
    inputs: &'a PageInputs,
    page: &'a PageId,
    lang: &str,
) -> PageResult<PageContext<'a>> {
    Ok(PageContext {
        inputs,
        page,
        localizer: localizer(inputs, lang)?,
        pager: None,
    })
}

/// A page of the sitemap with its language versions; the home pages and the language
/// chooser form one group whose `x-default` is the chooser.
fn url_entry(inputs: &PageInputs, entry: &SitemapEntry) -> UrlEntry {
    let config = inputs.config;
    let url = |page: &PageId| inputs.base_url.join(&page.url_path());
    let home = |lang: &str| PageId::Home {
        lang: lang.to_string(),
        page: 1,
    };
    let front = matches!(entry.page, PageId::LanguageChooser)
        || matches!(&entry.page, PageId::Home { page: 1, .. });
    let mut alternates = Vec::new();
    if front || entry.page.lang().is_some() {
        for lang in &config.languages {
            let version = if front {
                Some(home(lang))
            } else {
                entry.page.in_language(lang)
            };
            if let Some(version) = version {
                alternates.push(Alternate {
                    hreflang: config.html_lang(lang).to_string(),
                    href: url(&version),
                });
            }
        }
        let default = if front {
            Some(PageId::LanguageChooser)
        } else {
            entry.page.in_language(&config.default_language)
        };
        if let Some(default) = default {
            alternates.push(Alternate {
                hreflang: "x-default".into(),
                href: url(&default),
            });
        }
    }
    UrlEntry {
        loc: url(&entry.page),
        lastmod: entry.lastmod,
        alternates,
    }
}

fn feed(ctx: &PageContext) -> PageResult<Feed> {
    let inputs = ctx.inputs;
    let lang = ctx.localizer.lang().to_string();
    let mut entries = Vec::new();
    for bulletin in &inputs.listed {
        let (title, summary) = ctx.bulletin_title(bulletin)?;
        let page = PageId::Bulletin {
            lang: lang.clone(),
            slug: bulletin.slug.clone(),
        };
        entries.push(Entry {
            id: ctx.url(&page),
            title,
            summary,
            published: bulletin.meta.date,
            updated: bulletin.meta.last_changed(),
            category: (
                bulletin.meta.region.clone(),
                ctx.region_name(&bulletin.meta.region)?,
            ),
        });
    }
    let publisher = &inputs.config.publisher;
    Ok(Feed {
        id: inputs.base_url.join(&ctx.page.path()),
        lang: ctx.localizer.html_lang().to_string(),
        title: ctx.t("site-name")?,
        subtitle: ctx.t("site-tagline")?,
        home: ctx.url(&PageId::Home { lang, page: 1 }),
        // An empty feed has nothing to date it by: the epoch, never the clock.
        updated: entries.iter().map(|e| e.updated).max().unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        }),
        author: Person {
            name: ctx.t("publisher-name")?,
            uri: publisher.url.clone(),
        },
        logo: publisher.logo.as_deref().map(|l| inputs.base_url.join(l)),
        entries,
    })
}

fn period_name(period: Period) -> String {
    match period {
        Period::Year => "year".into(),
        Period::ToDate => "to-date".into(),
        Period::Months(n) => format!("months-{n}"),
    }
}

fn number(derived: &Derived) -> Option<Number> {
    derived.shown().map(|v| Number {
        value: v.value,
        decimals: v.decimals,
        qualifier: v.qualifier,
        origin: v.origin,
        rounded_to: v.rounded_to,
    })
}

/// Where a row's figures come from: the result's and targets' own sources, then the file's;
/// a source of `content/site.yaml` by its address where it has one, else by its id.
fn row_sources(ctx: &PageContext, data: &YearData, id: &str) -> Vec<String> {
    let own = data.results.get(id).and_then(|f| f.source.as_deref());
    let targets = data.targets.get(id).into_iter().flat_map(|t| &t.0);
    let named = own
        .into_iter()
        .chain(targets.filter_map(|f| f.source.as_deref()));
    let mut sources: Vec<String> = Vec::new();
    for source in named.chain(data.sources.iter().map(String::as_str)) {
        let shown = ctx
            .inputs
            .config
            .source_url(source)
            .unwrap_or(source)
            .to_string();
        if !sources.contains(&shown) {
            sources.push(shown);
        }
    }
    sources
}

/// The rows of `years`, each year's indicators in the catalogue's order.
fn rows(
    ctx: &PageContext,
    years: &RegionFigures,
    wanted: impl Fn(i32) -> bool,
) -> PageResult<Vec<FigureRow>> {
    let inputs = ctx.inputs;
    let mut rows = Vec::new();
    for (year, indicators) in years.iter().filter(|(y, _)| wanted(**y)) {
        let data = inputs.year_data(*year);
        for id in inputs.catalogue.indicators.keys_in_order() {
            let Some(f) = indicators.get(id).filter(|f| !f.is_empty()) else {
                continue;
            };
            let unit = inputs
                .catalogue
                .indicators
                .get(id)
                .map(|i| i.unit.clone())
                .unwrap_or_default();
            // Money's currency, as its result (else its target, else its unit) gives it.
            let currency = [&f.result, &f.target]
                .iter()
                .find_map(|d| d.shown())
                .and_then(|v| v.currency)
                .or_else(|| inputs.catalogue.currency_of(id));
            rows.push(FigureRow {
                indicator: id.to_string(),
                label: ctx.indicator_label(id)?,
                unit_label: ctx.t(&format!("unit-{unit}"))?,
                unit,
                currency: currency.map(|c| c.to_string()),
                year: *year,
                period: period_name(f.period),
                as_of: data.and_then(|d| d.as_of),
                result: number(&f.result),
                target: number(&f.target),
                change: number(&f.change),
                change_pct: number(&f.change_pct),
                share_of_target: number(&f.share_of_target),
                sources: data.map(|d| row_sources(ctx, d, id)).unwrap_or_default(),
            });
        }
    }
    Ok(rows)
}

/// The figures a bulletin shows: its results year and its targets year, as frozen at its date.
fn bulletin_figures(ctx: &PageContext, bulletin: &Bulletin) -> PageResult<FigureTable> {
    let meta = &bulletin.meta;
    let lang = ctx.localizer.lang().to_string();
    let targets_year = meta.targets_year.unwrap_or(meta.results_year);
    let empty = BTreeMap::new();
    let years = ctx
        .inputs
        .figures
        .regions
        .get(&meta.region)
        .unwrap_or(&empty);
    let (title, _) = ctx.bulletin_title(bulletin)?;
    Ok(FigureTable {
        language: ctx.localizer.html_lang().to_string(),
        region: meta.region.clone(),
        region_name: ctx.region_name(&meta.region)?,
        bulletin: Some(BulletinRef {
            slug: bulletin.slug.clone(),
            title,
            date: meta.date,
            updated: meta.updated,
            source: meta.source.clone(),
        }),
        page: ctx.url(&PageId::Bulletin {
            lang,
            slug: bulletin.slug.clone(),
        }),
        rows: rows(ctx, years, |y| y == meta.results_year || y == targets_year)?,
    })
}

/// Every year of a region's figures.
fn region_figures(ctx: &PageContext, region: &str) -> PageResult<FigureTable> {
    let empty = BTreeMap::new();
    let years = ctx.inputs.figures.regions.get(region).unwrap_or(&empty);
    Ok(FigureTable {
        language: ctx.localizer.html_lang().to_string(),
        region: region.to_string(),
        region_name: ctx.region_name(region)?,
        bulletin: None,
        page: ctx.url(&PageId::Region {
            lang: ctx.localizer.lang().to_string(),
            region: region.to_string(),
            page: 1,
        }),
        rows: rows(ctx, years, |_| true)?,
    })
}
