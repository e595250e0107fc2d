//! Plans the build: every page the site publishes, what each one shows and the exact inputs it reads.
//!
//! The plan is plain data computed from the loaded, validated content. Each page names the
//! source files it reads ([`Input`]); the reverse index answers "which pages does this edit
//! dirty?". Listing inputs ([`Input::DataList`], [`Input::BulletinList`]) stand for *which*
//! files exist (and each bulletin's date and region), so adding a year or a bulletin dirties
//! the pages that list or chart them without every list page naming every file.

mod page;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::BuildHasher;

use serde::Serialize;

use crate::content::{Bulletin, Content, Date};
pub use page::{DataFormat, PageId, Pager};

/// Bulletins per page of the home and region lists: no page grows with the archive.
pub const PER_PAGE: usize = 20;

/// Entries of a language's feed: its newest bulletins.
pub const FEED_ENTRIES: usize = 50;

/// Addresses one sitemap file may list (sitemaps.org); a larger site gets a sitemap index.
pub const SITEMAP_URLS: usize = 50_000;

/// A source the build reads, at the granularity an edit is classified in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Input {
    /// `content/site.yaml`.
    SiteConfig,
    /// `content/regions.yaml`.
    Regions,
    /// `content/indicators.yaml`.
    Indicators,
    /// `content/data/<region>/<year>.yaml`.
    Data { region: String, year: i32 },
    /// Which years of a region have a data file.
    DataList { region: String },
    /// `content/bulletins/<slug>/bulletin.yaml`.
    Bulletin { slug: String },
    /// `content/bulletins/<slug>/<lang>.md`.
    Narrative { slug: String, lang: String },
    /// Which bulletins exist, with their dates and regions (the order of every list).
    BulletinList,
    /// Every `.ftl` file of `locales/<lang>/`.
    Locale { lang: String },
    /// The `language-name` message of every language: each page's language switcher shows
    /// them all, so a page reads this one message of the other languages' locales.
    LanguageNames,
    /// `templates/<name>`.
    Template { name: String },
    /// `templates/static/<path>`, copied as it is.
    Static { path: String },
}

/// Index of an input in [`Plan::inputs`]; pages hold these, not the inputs themselves, so a
/// plan of tens of thousands of pages stays small.
pub type InputId = u32;

/// What a page shows, chosen by the plan: the view stage reads nothing else.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Shows {
    /// The root language chooser or the 404 page: every language at once.
    Chooser,
    /// A page of the latest bulletins; the first also compares regions and lists them all.
    Home {
        listed: Vec<usize>,
        pager: Pager,
        /// Regions with a page, in id order (first page only).
        regions: Vec<String>,
    },
    /// One bulletin, frozen at its date: data up to `results_year`, targets up to `targets_year`.
    Bulletin {
        bulletin: usize,
        results_year: i32,
        targets_year: i32,
    },
    /// A region's figures and charts (first page) and a page of its bulletins.
    Region {
        region: String,
        listed: Vec<usize>,
        pager: Pager,
    },
    /// A bulletin's figures for download, frozen at its date like its page.
    BulletinData {
        bulletin: usize,
        results_year: i32,
        targets_year: i32,
    },
    /// Every year of a region's figures, for download.
    RegionData { region: String },
    /// A language's feed of its newest bulletins.
    Feed { listed: Vec<usize> },
    /// Pages a sitemap lists (all, or one part of a large site).
    Sitemap { entries: Vec<SitemapEntry> },
    /// The parts of a large site's sitemap.
    SitemapIndex { parts: Vec<SitemapPart> },
    /// robots.txt.
    Robots,
}

/// A page in the sitemap, with the date it last changed (from its bulletins, never the clock).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitemapEntry {
    pub page: PageId,
    pub lastmod: Option<Date>,
}

/// A part of a large sitemap, with the newest `lastmod` of its pages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitemapPart {
    pub page: PageId,
    pub lastmod: Option<Date>,
}

/// One page of the plan.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedPage {
    pub id: PageId,
    /// The tera template the page is rendered with.
    pub template: &'static str,
    pub shows: Shows,
    /// Sorted, without repeats.
    pub inputs: Vec<InputId>,
}

/// A file of `templates/static/`, copied to the output root.
#[derive(Debug, Clone, Serialize)]
pub struct StaticFile {
    /// Relative to `templates/static/` and to the output root, `/`-separated.
    pub path: String,
}

/// Every page and static file of the site, with the reverse index input → pages.
#[derive(Debug, Default, Serialize)]
pub struct Plan {
    pub inputs: Vec<Input>,
    pub pages: Vec<PlannedPage>,
    pub statics: Vec<StaticFile>,
    /// For each input (by id), the pages (indices into `pages`) that read it.
    #[serde(skip)]
    reverse: Vec<Vec<u32>>,
    #[serde(skip)]
    ids: HashMap<Input, InputId>,
    /// Indices into `pages`, found by their page's id: the ids are not copied into a map,
    /// which at 10,000 bulletins would hold 135,000 more of them.
    #[serde(skip)]
    by_id: hashbrown::HashTable<u32>,
    #[serde(skip)]
    hasher: std::hash::RandomState,
}

/// What the plan needs to know about templates: which files each page template reads.
pub trait TemplateDeps {
    /// `name` and every template it extends, imports or includes, transitively.
    fn closure(&self, name: &str) -> Vec<String>;
}

impl Plan {
    /// The pages whose output may change when `input` changes.
    pub fn dirtied_by(&self, input: &Input) -> BTreeSet<&PageId> {
        let Some(id) = self.ids.get(input) else {
            return BTreeSet::new();
        };
        self.reverse[*id as usize]
            .iter()
            .map(|p| &self.pages[*p as usize].id)
            .collect()
    }

    /// The inputs a page reads.
    pub fn inputs_of<'a>(&'a self, page: &'a PlannedPage) -> impl Iterator<Item = &'a Input> {
        page.inputs.iter().map(|id| &self.inputs[*id as usize])
    }

    pub fn page(&self, id: &PageId) -> Option<&PlannedPage> {
        let hash = self.hasher.hash_one(id);
        self.by_id
            .find(hash, |i| self.pages[*i as usize].id == *id)
            .map(|i| &self.pages[*i as usize])
    }

    fn intern(&mut self, input: Input) -> InputId {
        if let Some(id) = self.ids.get(&input) {
            return *id;
        }
        let id = InputId::try_from(self.inputs.len()).expect("fewer than 2^32 inputs");
        self.ids.insert(input.clone(), id);
        self.inputs.push(input);
        self.reverse.push(Vec::new());
        id
    }

    fn add(&mut self, id: PageId, template: &'static str, shows: Shows, inputs: Vec<Input>) {
        let mut ids: Vec<InputId> = inputs.into_iter().map(|i| self.intern(i)).collect();
        ids.sort_unstable();
        ids.dedup();
        let index = u32::try_from(self.pages.len()).expect("fewer than 2^32 pages");
        for input in &ids {
            self.reverse[*input as usize].push(index);
        }
        let Plan {
            by_id,
            pages,
            hasher,
            ..
        } = self;
        match by_id.entry(
            hasher.hash_one(&id),
            |i| pages[*i as usize].id == id,
            |i| hasher.hash_one(&pages[*i as usize].id),
        ) {
            hashbrown::hash_table::Entry::Occupied(mut page) => *page.get_mut() = index,
            hashbrown::hash_table::Entry::Vacant(slot) => {
                slot.insert(index);
            }
        }
        self.pages.push(PlannedPage {
            id,
            template,
            shows,
            inputs: ids,
        });
    }
}

/// Regions with data or a bulletin: each gets a region page.
pub fn published_regions(content: &Content) -> Vec<&str> {
    let mut regions: Vec<&str> = content
        .years
        .keys()
        .map(String::as_str)
        .chain(content.bulletins.iter().map(|b| b.meta.region.as_str()))
        .filter(|r| content.regions.contains_key(*r))
        .collect();
    regions.sort_unstable();
    regions.dedup();
    regions
}

/// Plans every page of `content` (already validated), and the static files `statics`.
pub fn plan(content: &Content, templates: &dyn TemplateDeps, statics: Vec<String>) -> Plan {
    plan_sized(content, templates, statics, SITEMAP_URLS)
}

/// [`plan`] with sitemap files of at most `sitemap_urls` addresses.
pub fn plan_sized(
    content: &Content,
    templates: &dyn TemplateDeps,
    statics: Vec<String>,
    sitemap_urls: usize,
) -> Plan {
    let mut plan = Plan::default();
    let languages = &content.config.languages;
    let template_inputs = |name: &str| -> Vec<Input> {
        templates
            .closure(name)
            .into_iter()
            .map(|name| Input::Template { name })
            .collect()
    };
    let catalogues = || vec![Input::SiteConfig, Input::Regions, Input::Indicators];
    let locale_inputs = |lang: &str| {
        let mut inputs = vec![
            Input::Locale {
                lang: lang.to_string(),
            },
            Input::LanguageNames,
        ];
        if lang != crate::i18n::REFERENCE {
            // A message missing in this language falls back to the reference locale.
            inputs.push(Input::Locale {
                lang: crate::i18n::REFERENCE.to_string(),
            });
        }
        inputs
    };
    let all_locales = || {
        let mut inputs: Vec<Input> = languages.iter().flat_map(|l| locale_inputs(l)).collect();
        inputs.push(Input::SiteConfig);
        inputs
    };

    for (id, template) in [
        (PageId::LanguageChooser, "chooser.html"),
        (PageId::NotFound, "404.html"),
    ] {
        let mut inputs = all_locales();
        inputs.extend(template_inputs(template));
        plan.add(id, template, Shows::Chooser, inputs);
    }

    let regions = published_regions(content);
    let by_region = bulletins_by_region(&content.bulletins);
    for lang in languages {
        // Home: the latest bulletins, a page at a time; the first page also charts regions.
        let all: Vec<usize> = (0..content.bulletins.len()).collect();
        for (pager, listed) in pages_of(&all) {
            let mut inputs = catalogues();
            inputs.extend(locale_inputs(lang));
            inputs.extend(template_inputs("home.html"));
            inputs.push(Input::BulletinList);
            inputs.extend(listed_inputs(content, &listed, lang));
            let first = pager.current == 1;
            if first {
                for (region, years) in &content.years {
                    inputs.extend(data_inputs(region, years.keys().copied()));
                }
            }
            plan.add(
                PageId::Home {
                    lang: lang.clone(),
                    page: pager.current,
                },
                "home.html",
                Shows::Home {
                    listed,
                    pager,
                    regions: if first {
                        regions.iter().map(|r| r.to_string()).collect()
                    } else {
                        Vec::new()
                    },
                },
                inputs,
            );
        }

        for (index, bulletin) in content.bulletins.iter().enumerate() {
            let meta = &bulletin.meta;
            let targets_year = meta.targets_year.unwrap_or(meta.results_year);
            let last_year = meta.results_year.max(targets_year);
            let mut inputs = catalogues();
            inputs.extend(locale_inputs(lang));
            inputs.extend(template_inputs("bulletin.html"));
            inputs.push(Input::Bulletin {
                slug: bulletin.slug.clone(),
            });
            // The narrative of this language, or, when there is none, the languages that have one.
            for other in languages {
                if other == lang || !bulletin.narratives.contains_key(lang) {
                    inputs.push(Input::Narrative {
                        slug: bulletin.slug.clone(),
                        lang: other.clone(),
                    });
                }
            }
            // A translation's page says whether it still matches the default-language
            // narrative it was translated from, so it reads that narrative too.
            let source = &content.config.default_language;
            if lang != source && bulletin.narratives.contains_key(lang) {
                inputs.push(Input::Narrative {
                    slug: bulletin.slug.clone(),
                    lang: source.clone(),
                });
            }
            // Frozen at its date: data of later years are no input at all.
            let years = content.years.get(&meta.region).into_iter().flatten();
            inputs.extend(data_inputs(
                &meta.region,
                years
                    .map(|(year, _)| *year)
                    .filter(|year| *year <= last_year),
            ));
            plan.add(
                PageId::Bulletin {
                    lang: lang.clone(),
                    slug: bulletin.slug.clone(),
                },
                "bulletin.html",
                Shows::Bulletin {
                    bulletin: index,
                    results_year: meta.results_year,
                    targets_year,
                },
                inputs.clone(),
            );
            // Its figures for download read what the page reads but templates, and of the
            // narratives only this language's (for the bulletin's title).
            let data_inputs: Vec<Input> = inputs
                .into_iter()
                .filter(|i| match i {
                    Input::Template { .. } => false,
                    Input::Narrative { lang: other, .. } => other == lang,
                    _ => true,
                })
                .collect();
            for format in DataFormat::ALL {
                plan.add(
                    PageId::BulletinData {
                        lang: lang.clone(),
                        slug: bulletin.slug.clone(),
                        format,
                    },
                    "",
                    Shows::BulletinData {
                        bulletin: index,
                        results_year: meta.results_year,
                        targets_year,
                    },
                    data_inputs.clone(),
                );
            }
        }

        // The feed: titles, summaries and dates of the newest bulletins, and the publisher.
        let newest: Vec<usize> = (0..content.bulletins.len().min(FEED_ENTRIES)).collect();
        let mut inputs = vec![Input::SiteConfig];
        inputs.extend(locale_inputs(lang));
        inputs.push(Input::BulletinList);
        inputs.extend(listed_inputs(content, &newest, lang));
        plan.add(
            PageId::Feed { lang: lang.clone() },
            "",
            Shows::Feed { listed: newest },
            inputs,
        );

        for region in &regions {
            let listed_here = by_region.get(*region).cloned().unwrap_or_default();
            for (pager, listed) in pages_of(&listed_here) {
                let mut inputs = catalogues();
                inputs.extend(locale_inputs(lang));
                inputs.extend(template_inputs("region.html"));
                inputs.push(Input::BulletinList);
                inputs.extend(listed_inputs(content, &listed, lang));
                if pager.current == 1 {
                    inputs.extend(data_inputs(region, all_years(content, region)));
                }
                plan.add(
                    PageId::Region {
                        lang: lang.clone(),
                        region: region.to_string(),
                        page: pager.current,
                    },
                    "region.html",
                    Shows::Region {
                        region: region.to_string(),
                        listed,
                        pager,
                    },
                    inputs,
                );
            }
            let mut inputs = catalogues();
            inputs.extend(locale_inputs(lang));
            inputs.extend(data_inputs(region, all_years(content, region)));
            for format in DataFormat::ALL {
                plan.add(
                    PageId::RegionData {
                        lang: lang.clone(),
                        region: region.to_string(),
                        format,
                    },
                    "",
                    Shows::RegionData {
                        region: region.to_string(),
                    },
                    inputs.clone(),
                );
            }
        }
    }
    plan_sitemap(&mut plan, content, sitemap_urls.max(1));
    plan.add(PageId::Robots, "", Shows::Robots, vec![Input::SiteConfig]);
    plan.statics = statics
        .into_iter()
        .map(|path| {
            plan.intern(Input::Static { path: path.clone() });
            StaticFile { path }
        })
        .collect();
    // Lists grown one entry at a time hold up to twice their length; the plan lives for the
    // whole build.
    plan.pages.shrink_to_fit();
    plan.reverse.iter_mut().for_each(Vec::shrink_to_fit);
    plan
}

/// The sitemap of every HTML page but the 404, cut into parts of at most `per_file` addresses
/// under an index when the site is larger.
fn plan_sitemap(plan: &mut Plan, content: &Content, per_file: usize) {
    let changed = |b: &Bulletin| b.meta.last_changed();
    let newest = |listed: &[usize]| listed.iter().map(|i| changed(&content.bulletins[*i])).max();
    let entries: Vec<SitemapEntry> = plan
        .pages
        .iter()
        .filter(|p| p.id.is_html() && p.id != PageId::NotFound)
        // A draft (built with --drafts, for a preview) asks not to be indexed.
        .filter(|p| !matches!(p.shows, Shows::Bulletin { bulletin, .. } if content.bulletins[bulletin].meta.draft))
        .map(|p| SitemapEntry {
            page: p.id.clone(),
            lastmod: match &p.shows {
                Shows::Bulletin { bulletin, .. } => Some(changed(&content.bulletins[*bulletin])),
                Shows::Home { listed, .. } | Shows::Region { listed, .. } => newest(listed),
                _ => content.bulletins.iter().map(changed).max(),
            },
        })
        .collect();
    // Which pages exist, and each bulletin's dates.
    let mut inputs = vec![Input::SiteConfig, Input::Regions, Input::BulletinList];
    inputs.extend(content.bulletins.iter().map(|b| Input::Bulletin {
        slug: b.slug.clone(),
    }));
    inputs.extend(content.years.keys().map(|region| Input::DataList {
        region: region.clone(),
    }));
    if entries.len() <= per_file {
        plan.add(PageId::Sitemap, "", Shows::Sitemap { entries }, inputs);
        return;
    }
    let mut parts = Vec::new();
    for (n, chunk) in entries.chunks(per_file).enumerate() {
        let page = PageId::SitemapPart {
            part: u32::try_from(n + 1).unwrap_or(u32::MAX),
        };
        parts.push(SitemapPart {
            page: page.clone(),
            lastmod: chunk.iter().filter_map(|e| e.lastmod).max(),
        });
        plan.add(
            page,
            "",
            Shows::Sitemap {
                entries: chunk.to_vec(),
            },
            inputs.clone(),
        );
    }
    plan.add(PageId::Sitemap, "", Shows::SitemapIndex { parts }, inputs);
}

/// Which years a region has (a listing input), and the data file of each of `years`.
fn data_inputs(region: &str, years: impl Iterator<Item = i32>) -> Vec<Input> {
    let mut inputs = vec![Input::DataList {
        region: region.to_string(),
    }];
    inputs.extend(years.map(|year| Input::Data {
        region: region.to_string(),
        year,
    }));
    inputs
}

/// Every year of a region's data files.
fn all_years<'a>(content: &'a Content, region: &str) -> impl Iterator<Item = i32> + 'a {
    content
        .years
        .get(region)
        .into_iter()
        .flat_map(|y| y.keys().copied())
}

/// Bulletin indices per region, in the site's order (newest first).
fn bulletins_by_region(bulletins: &[Bulletin]) -> BTreeMap<&str, Vec<usize>> {
    let mut by_region: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (index, bulletin) in bulletins.iter().enumerate() {
        by_region
            .entry(bulletin.meta.region.as_str())
            .or_default()
            .push(index);
    }
    by_region
}

/// A list cut into pages of [`PER_PAGE`]; an empty list still has its first page.
fn pages_of(list: &[usize]) -> Vec<(Pager, Vec<usize>)> {
    let total = u32::try_from(list.len().div_ceil(PER_PAGE).max(1)).unwrap_or(u32::MAX);
    (1..=total)
        .map(|current| {
            let start = (current as usize - 1) * PER_PAGE;
            let listed = list.iter().skip(start).take(PER_PAGE).copied().collect();
            (Pager { current, total }, listed)
        })
        .collect()
}

/// A list page shows each listed bulletin's title and summary, from its narrative.
fn listed_inputs(content: &Content, listed: &[usize], lang: &str) -> Vec<Input> {
    listed
        .iter()
        .flat_map(|index| {
            let slug = &content.bulletins[*index].slug;
            [
                Input::Bulletin { slug: slug.clone() },
                Input::Narrative {
                    slug: slug.clone(),
                    lang: lang.to_string(),
                },
            ]
        })
        .collect()
}
