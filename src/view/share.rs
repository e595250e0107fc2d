//! What a bulletin says about itself to other sites: Open Graph and Twitter card tags for
//! social media, and schema.org JSON-LD (a NewsArticle, and a Dataset of its figures) for
//! search engines. Every address is absolute.

use serde::Serialize;
use serde_json::{json, Value};

use super::charts::PageChart;
use super::{PageContext, PageResult};
use crate::content::Bulletin;
use crate::plan::{DataFormat, PageId};

/// The card a bulletin shows when shared.
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    pub title: String,
    pub description: String,
    pub url: String,
    pub site_name: String,
    /// `og:locale` of the page (`vi_VN`), then those of its other languages.
    pub locale: String,
    pub locale_alternates: Vec<String>,
    pub image: Option<Image>,
    pub published: String,
    pub modified: String,
}

/// The main chart as a PNG, with its size in pixels and its text alternative.
#[derive(Debug, Clone, Serialize)]
pub struct Image {
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// `og:locale` of a language: the territory its readers of this site are in.
pub fn og_locale(lang: &str, html_lang: &str) -> String {
    match lang {
        "vi" => "vi_VN".into(),
        "en" => "en_US".into(),
        "zh" => "zh_CN".into(),
        "nb" => "nb_NO".into(),
        _ => html_lang.replace('-', "_"),
    }
}

pub fn share(
    ctx: &PageContext,
    bulletin: &Bulletin,
    title: &str,
    summary: &str,
    main_chart: Option<&PageChart>,
) -> PageResult<Share> {
    let config = ctx.inputs.config;
    let lang = ctx.localizer.lang();
    let meta = &bulletin.meta;
    let image = main_chart.and_then(|chart| {
        chart.png_path.as_ref().map(|png| Image {
            url: ctx.inputs.base_url.join(png),
            width: chart.png_size.0,
            height: chart.png_size.1,
            alt: chart.description.clone(),
        })
    });
    Ok(Share {
        title: title.to_string(),
        description: if summary.is_empty() {
            ctx.t("site-tagline")?
        } else {
            summary.to_string()
        },
        url: ctx.url(ctx.page),
        site_name: ctx.t("site-name")?,
        locale: og_locale(lang, ctx.localizer.html_lang()),
        locale_alternates: config
            .languages
            .iter()
            .filter(|other| *other != lang)
            .map(|other| og_locale(other, config.html_lang(other)))
            .collect(),
        image,
        published: crate::publish::timestamp(meta.date),
        modified: crate::publish::timestamp(meta.last_changed()),
    })
}

/// schema.org data of a bulletin page, ready to sit inside a `<script>` element: a
/// NewsArticle and the Dataset of its figures, with the CSV and JSON as distributions.
pub fn json_ld(ctx: &PageContext, bulletin: &Bulletin, share: &Share) -> PageResult<String> {
    let inputs = ctx.inputs;
    let meta = &bulletin.meta;
    let lang = ctx.localizer.lang().to_string();
    let html_lang = ctx.localizer.html_lang();
    let publisher_config = &inputs.config.publisher;
    let mut publisher = json!({
        "@type": "Organization",
        "name": ctx.t("publisher-name")?,
    });
    if let Some(url) = &publisher_config.url {
        publisher["url"] = json!(url);
    }
    if let Some(logo) = &publisher_config.logo {
        publisher["logo"] = json!({
            "@type": "ImageObject",
            "url": inputs.base_url.join(logo),
        });
    }
    let download = |format: DataFormat, mime: &str| {
        json!({
            "@type": "DataDownload",
            "encodingFormat": mime,
            "contentUrl": ctx.url(&PageId::BulletinData {
                lang: lang.clone(),
                slug: bulletin.slug.clone(),
                format,
            }),
        })
    };
    let region = ctx.region_name(&meta.region)?;
    let targets_year = meta.targets_year.unwrap_or(meta.results_year);
    let mut article = json!({
        "@type": "NewsArticle",
        "@id": format!("{}#article", share.url),
        "headline": share.title,
        "description": share.description,
        "datePublished": share.published,
        "dateModified": share.modified,
        "inLanguage": html_lang,
        "url": share.url,
        "mainEntityOfPage": share.url,
        "publisher": publisher,
        "author": publisher,
        "about": { "@type": "Place", "name": region },
    });
    if let Some(image) = &share.image {
        article["image"] = json!([{
            "@type": "ImageObject",
            "url": image.url,
            "width": image.width,
            "height": image.height,
            "caption": image.alt,
        }]);
    }
    if let Some(source) = &meta.source {
        article["isBasedOn"] = json!(source);
    }
    let dataset = json!({
        "@type": "Dataset",
        "@id": format!("{}#figures", share.url),
        "name": ctx.msg(
            "table-caption",
            vec![
                ("region", crate::i18n::arg(region.clone())),
                ("year", f64::from(meta.results_year).into()),
            ],
        )?,
        "description": share.description,
        "url": share.url,
        "inLanguage": html_lang,
        "creator": publisher,
        "datePublished": meta.date.to_string(),
        "temporalCoverage": if targets_year == meta.results_year {
            meta.results_year.to_string()
        } else {
            format!("{}/{}", meta.results_year.min(targets_year), meta.results_year.max(targets_year))
        },
        "spatialCoverage": { "@type": "Place", "name": region },
        "isPartOf": { "@id": format!("{}#article", share.url) },
        "distribution": [
            download(DataFormat::Csv, "text/csv"),
            download(DataFormat::Json, "application/json"),
        ],
    });
    let graph: Value = json!({
        "@context": "https://schema.org",
        "@graph": [article, dataset],
    });
    Ok(script_safe(&graph.to_string()))
}

/// JSON that cannot end its `<script>` element or open a comment: `<`, `>` and `&` become
/// `\u003c`, `\u003e` and `\u0026`, which every JSON reader turns back.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_still_parses_to_the_same_value() {
        let value = json!({ "headline": "</script><!-- a & b >" });
        let safe = script_safe(&value.to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert_eq!(serde_json::from_str::<Value>(&safe).unwrap(), value);
    }

    #[test]
    fn og_locales_name_a_territory() {
        assert_eq!(og_locale("zh", "zh-Hans"), "zh_CN");
        assert_eq!(og_locale("fr", "fr"), "fr");
        assert_eq!(og_locale("pt", "pt-BR"), "pt_BR");
    }
}
