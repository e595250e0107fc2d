//! Page identities and their stable paths in the output.

use serde::Serialize;

/// A page the site publishes, identified independently of how it is rendered.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum PageId {
    /// `index.html`: pick a language.
    LanguageChooser,
    /// `404.html`.
    NotFound,
    /// `<lang>/index.html`, then `<lang>/page/<n>/index.html`.
    Home { lang: String, page: u32 },
    /// `<lang>/bulletins/<slug>/index.html`.
    Bulletin { lang: String, slug: String },
    /// `<lang>/regions/<region>/index.html`, then `…/page/<n>/index.html`.
    Region {
        lang: String,
        region: String,
        page: u32,
    },
    /// `<lang>/bulletins/<slug>/data.csv` or `data.json`: the bulletin's figures.
    BulletinData {
        lang: String,
        slug: String,
        format: DataFormat,
    },
    /// `<lang>/regions/<region>/data.csv` or `data.json`: every year of a region.
    RegionData {
        lang: String,
        region: String,
        format: DataFormat,
    },
    /// `<lang>/atom.xml`: the latest bulletins in one language.
    Feed { lang: String },
    /// `sitemap.xml`: every page, or an index of the parts when the site is large.
    Sitemap,
    /// `sitemaps/sitemap-<n>.xml`: a part of a large site's sitemap.
    SitemapPart { part: u32 },
    /// `robots.txt`, naming the sitemap.
    Robots,
}

/// How figures are offered for download.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataFormat {
    Csv,
    Json,
}

impl DataFormat {
    pub const ALL: [DataFormat; 2] = [DataFormat::Csv, DataFormat::Json];

    pub fn extension(self) -> &'static str {
        match self {
            DataFormat::Csv => "csv",
            DataFormat::Json => "json",
        }
    }
}

/// Where a list page stands among its pages (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pager {
    pub current: u32,
    pub total: u32,
}

fn paged(folder: String, page: u32) -> String {
    if page <= 1 {
        format!("{folder}index.html")
    } else {
        format!("{folder}page/{page}/index.html")
    }
}

impl PageId {
    /// Path of the page's file inside the output folder.
    pub fn path(&self) -> String {
        match self {
            PageId::LanguageChooser => "index.html".into(),
            PageId::NotFound => "404.html".into(),
            PageId::Home { lang, page } => paged(format!("{lang}/"), *page),
            PageId::Bulletin { lang, slug } => format!("{lang}/bulletins/{slug}/index.html"),
            PageId::Region { lang, region, page } => {
                paged(format!("{lang}/regions/{region}/"), *page)
            }
            PageId::BulletinData { lang, slug, format } => {
                format!("{lang}/bulletins/{slug}/data.{}", format.extension())
            }
            PageId::RegionData {
                lang,
                region,
                format,
            } => format!("{lang}/regions/{region}/data.{}", format.extension()),
            PageId::Feed { lang } => format!("{lang}/atom.xml"),
            PageId::Sitemap => "sitemap.xml".into(),
            PageId::SitemapPart { part } => format!("sitemaps/sitemap-{part}.xml"),
            PageId::Robots => "robots.txt".into(),
        }
    }

    /// Whether the page is an HTML page (the others are feeds, sitemaps and data files).
    pub fn is_html(&self) -> bool {
        self.path().ends_with(".html")
    }

    /// The page's language, if it has one.
    pub fn lang(&self) -> Option<&str> {
        match self {
            PageId::Home { lang, .. }
            | PageId::Bulletin { lang, .. }
            | PageId::Region { lang, .. }
            | PageId::BulletinData { lang, .. }
            | PageId::RegionData { lang, .. }
            | PageId::Feed { lang } => Some(lang),
            PageId::LanguageChooser
            | PageId::NotFound
            | PageId::Sitemap
            | PageId::SitemapPart { .. }
            | PageId::Robots => None,
        }
    }

    /// The same page in another language (None for pages that have no language).
    pub fn in_language(&self, other: &str) -> Option<PageId> {
        let lang = other.to_string();
        match self {
            PageId::Home { page, .. } => Some(PageId::Home { lang, page: *page }),
            PageId::Bulletin { slug, .. } => Some(PageId::Bulletin {
                lang,
                slug: slug.clone(),
            }),
            PageId::Region { region, page, .. } => Some(PageId::Region {
                lang,
                region: region.clone(),
                page: *page,
            }),
            PageId::BulletinData { slug, format, .. } => Some(PageId::BulletinData {
                lang,
                slug: slug.clone(),
                format: *format,
            }),
            PageId::RegionData { region, format, .. } => Some(PageId::RegionData {
                lang,
                region: region.clone(),
                format: *format,
            }),
            PageId::Feed { .. } => Some(PageId::Feed { lang }),
            _ => None,
        }
    }

    /// Another page of the same list (the home or a region's), or None for other pages.
    pub fn with_page(&self, n: u32) -> Option<PageId> {
        match self {
            PageId::Home { lang, .. } => Some(PageId::Home {
                lang: lang.clone(),
                page: n,
            }),
            PageId::Region { lang, region, .. } => Some(PageId::Region {
                lang: lang.clone(),
                region: region.clone(),
                page: n,
            }),
            _ => None,
        }
    }

    /// Its address below the base URL: folders, without `index.html`.
    pub fn url_path(&self) -> String {
        self.path().trim_end_matches("index.html").to_string()
    }

    /// `../` once per folder between the page and the output root.
    pub fn root(&self) -> String {
        "../".repeat(self.path().matches('/').count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_pages_after_the_first_live_under_page_n() {
        let home = |page| PageId::Home {
            lang: "vi".into(),
            page,
        };
        assert_eq!(home(1).path(), "vi/index.html");
        assert_eq!(home(2).path(), "vi/page/2/index.html");
        assert_eq!(home(2).root(), "../../../");
        let region = PageId::Region {
            lang: "nb".into(),
            region: "nghe-an".into(),
            page: 3,
        };
        assert_eq!(region.path(), "nb/regions/nghe-an/page/3/index.html");
        assert_eq!(region.url_path(), "nb/regions/nghe-an/page/3/");
        assert_eq!(
            region.in_language("zh").map(|p| p.path()),
            Some("zh/regions/nghe-an/page/3/index.html".into())
        );
    }
}
