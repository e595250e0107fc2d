//! A language's feed of its newest bulletins, in Atom (RFC 4287).

use serde::Serialize;

use super::sitemap::{io, start, text_element};
use super::timestamp;
use crate::content::Date;

/// The feed of one language, every address absolute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Feed {
    /// The feed's own address, also its id.
    pub id: String,
    /// The BCP 47 tag of the feed's language (`xml:lang`).
    pub lang: String,
    pub title: String,
    pub subtitle: String,
    /// The language's home page.
    pub home: String,
    /// The newest `updated` of its entries.
    pub updated: Date,
    pub author: Person,
    /// The publisher's logo, when site.yaml names one.
    pub logo: Option<String>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    pub uri: Option<String>,
}

/// One bulletin of the feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The bulletin page's address, also the entry's id (stable: slugs never change).
    pub id: String,
    pub title: String,
    pub summary: String,
    pub published: Date,
    pub updated: Date,
    /// The region: its id and its name in the feed's language.
    pub category: (String, String),
}

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

/// The feed as Atom XML.
pub fn write(feed: &Feed) -> Result<Vec<u8>, String> {
    let mut xml = start()?;
    xml.create_element("feed")
        .with_attributes([("xmlns", ATOM_NS), ("xml:lang", feed.lang.as_str())])
        .write_inner_content(|xml| {
            text_element(xml, "id", &feed.id)?;
            text_element(xml, "title", &feed.title)?;
            text_element(xml, "subtitle", &feed.subtitle)?;
            text_element(xml, "updated", &timestamp(feed.updated))?;
            xml.create_element("link")
                .with_attributes([
                    ("rel", "self"),
                    ("type", "application/atom+xml"),
                    ("href", feed.id.as_str()),
                ])
                .write_empty()?;
            xml.create_element("link")
                .with_attributes([
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("href", feed.home.as_str()),
                ])
                .write_empty()?;
            person(xml, &feed.author)?;
            if let Some(logo) = &feed.logo {
                text_element(xml, "logo", logo)?;
            }
            for entry in &feed.entries {
                xml.create_element("entry").write_inner_content(|xml| {
                    text_element(xml, "id", &entry.id)?;
                    text_element(xml, "title", &entry.title)?;
                    text_element(xml, "published", &timestamp(entry.published))?;
                    text_element(xml, "updated", &timestamp(entry.updated))?;
                    xml.create_element("link")
                        .with_attributes([
                            ("rel", "alternate"),
                            ("type", "text/html"),
                            ("href", entry.id.as_str()),
                        ])
                        .write_empty()?;
                    xml.create_element("category")
                        .with_attributes([
                            ("term", entry.category.0.as_str()),
                            ("label", entry.category.1.as_str()),
                        ])
                        .write_empty()?;
                    if !entry.summary.is_empty() {
                        text_element(xml, "summary", &entry.summary)?;
                    }
                    Ok(())
                })?;
            }
            Ok(())
        })
        .map_err(io)?;
    let mut bytes = xml.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn person(xml: &mut super::sitemap::Xml, who: &Person) -> std::io::Result<()> {
    xml.create_element("author").write_inner_content(|xml| {
        text_element(xml, "name", &who.name)?;
        if let Some(uri) = &who.uri {
            text_element(xml, "uri", uri)?;
        }
        Ok(())
    })?;
    Ok(())
}
