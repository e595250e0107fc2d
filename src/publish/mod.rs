//! Files beside the pages: feeds, sitemaps, robots.txt and figure downloads.
//!
//! The view stage hands each one over as plain data ([`Document`]); this stage only writes
//! it in its format: Atom and sitemap XML with quick-xml, CSV with the csv crate, JSON with
//! serde. Every address in them is already absolute (built by [`crate::address::BaseUrl`]).

pub mod atom;
pub mod data;
pub mod sitemap;

use crate::content::Date;

pub use atom::{Entry, Feed, Person};
pub use data::{FigureRow, FigureTable, Number};
pub use sitemap::{Alternate, SitemapRef, UrlEntry};

/// A file that is not an HTML page, as plain data.
#[derive(Debug, Clone)]
pub enum Document {
    Feed(Feed),
    Sitemap(Vec<UrlEntry>),
    SitemapIndex(Vec<SitemapRef>),
    Robots { sitemap: String },
    Csv(FigureTable),
    Json(FigureTable),
}

/// Writes a document in its format.
pub fn write(document: &Document) -> Result<Vec<u8>, String> {
    match document {
        Document::Feed(feed) => atom::write(feed),
        Document::Sitemap(entries) => sitemap::write_urlset(entries),
        Document::SitemapIndex(parts) => sitemap::write_index(parts),
        Document::Robots { sitemap } => {
            Ok(format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n").into_bytes())
        }
        Document::Csv(table) => data::write_csv(table),
        Document::Json(table) => data::write_json(table),
    }
}

/// Bulletin dates are calendar dates in Viet Nam: feeds give them at midnight, UTC+7.
const UTC_OFFSET: &str = "+07:00";

/// A date as an RFC 3339 timestamp (midnight, Viet Nam time).
pub fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00{UTC_OFFSET}")
}
