//! sitemap.xml (sitemaps.org 0.9) with `xhtml:link` language alternates, and the index of a
//! large site's parts.

use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;
use serde::Serialize;

use crate::content::Date;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// One address of the sitemap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UrlEntry {
    pub loc: String,
    pub lastmod: Option<Date>,
    /// Every language version, the page itself included, then `x-default`.
    pub alternates: Vec<Alternate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternate {
    pub hreflang: String,
    pub href: String,
}

/// One part of a sitemap index.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitemapRef {
    pub loc: String,
    pub lastmod: Option<Date>,
}

pub(super) type Xml = Writer<Vec<u8>>;

pub(super) fn io(e: impl std::fmt::Display) -> String {
    format!("cannot write XML: {e}")
}

pub(super) fn start() -> Result<Xml, String> {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 1);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    Ok(xml)
}

/// `<name>text</name>`, the text escaped.
pub(super) fn text_element(xml: &mut Xml, name: &str, text: &str) -> std::io::Result<()> {
    xml.create_element(name)
        .write_text_content(quick_xml::events::BytesText::new(text))?;
    Ok(())
}

/// A `<urlset>` of `entries`.
pub fn write_urlset(entries: &[UrlEntry]) -> Result<Vec<u8>, String> {
    let mut xml = start()?;
    xml.create_element("urlset")
        .with_attributes([("xmlns", SITEMAP_NS), ("xmlns:xhtml", XHTML_NS)])
        .write_inner_content(|xml| {
            for entry in entries {
                xml.create_element("url").write_inner_content(|xml| {
                    text_element(xml, "loc", &entry.loc)?;
                    if let Some(date) = entry.lastmod {
                        text_element(xml, "lastmod", &date.to_string())?;
                    }
                    for alternate in &entry.alternates {
                        xml.create_element("xhtml:link")
                            .with_attributes([
                                ("rel", "alternate"),
                                ("hreflang", alternate.hreflang.as_str()),
                                ("href", alternate.href.as_str()),
                            ])
                            .write_empty()?;
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

/// A `<sitemapindex>` of `parts`.
pub fn write_index(parts: &[SitemapRef]) -> Result<Vec<u8>, String> {
    let mut xml = start()?;
    xml.create_element("sitemapindex")
        .with_attribute(("xmlns", SITEMAP_NS))
        .write_inner_content(|xml| {
            for part in parts {
                xml.create_element("sitemap").write_inner_content(|xml| {
                    text_element(xml, "loc", &part.loc)?;
                    if let Some(date) = part.lastmod {
                        text_element(xml, "lastmod", &date.to_string())?;
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
