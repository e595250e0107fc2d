//! What a changed path is to the build: which input of the plan it is, or nothing at all.

use std::path::Path;

use crate::content::{data_file_year, is_editor_file};
use crate::plan::Input;

/// A changed path, classified.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A file the plan knows as one input: `content/site.yaml`, a data file, a narrative, a
    /// bulletin's settings, a locale's `.ftl` file, a template, a static file.
    Input(Input),
    /// A bulletin folder appeared or went: the list of bulletins may change.
    BulletinFolder { slug: String },
    /// A region's data folder appeared or went.
    DataFolder { region: String },
    /// Something under content/, templates/ or locales/ that is none of the above (a folder
    /// renamed, a file in an unexpected place): only a full reload says what it changes.
    Unknown,
}

/// Classifies `path` (absolute, or relative to the site folder `root`). `None` for paths the
/// site never reads: editors' swap and backup files, the output folder, the cache, anything
/// outside the site's three source folders.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<&str> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    if parts.iter().any(|p| is_editor_file(p)) {
        return None;
    }
    let change = match parts.as_slice() {
        ["content", "site.yaml"] => Change::Input(Input::SiteConfig),
        ["content", "regions.yaml"] => Change::Input(Input::Regions),
        ["content", "indicators.yaml"] => Change::Input(Input::Indicators),
        ["content", "data", region] => Change::DataFolder {
            region: region.to_string(),
        },
        ["content", "data", region, file] => match data_file_year(file) {
            Some(year) => Change::Input(Input::Data {
                region: region.to_string(),
                year,
            }),
            None => Change::Unknown,
        },
        ["content", "bulletins", slug] => Change::BulletinFolder {
            slug: slug.to_string(),
        },
        ["content", "bulletins", slug, "bulletin.yaml"] => Change::Input(Input::Bulletin {
            slug: slug.to_string(),
        }),
        ["content", "bulletins", slug, file] => match file.strip_suffix(".md") {
            Some(lang) => Change::Input(Input::Narrative {
                slug: slug.to_string(),
                lang: lang.to_string(),
            }),
            // Other files in a bulletin folder are not read.
            None => return None,
        },
        ["content", ..] => Change::Unknown,
        ["locales", lang, ..] if parts.len() == 2 || parts.last()?.ends_with(".ftl") => {
            Change::Input(Input::Locale {
                lang: lang.to_string(),
            })
        }
        ["locales", ..] => return None,
        ["templates", "static", rest @ ..] if !rest.is_empty() => Change::Input(Input::Static {
            path: rest.join("/"),
        }),
        ["templates", rest @ ..] if parts.last()?.ends_with(".html") => {
            Change::Input(Input::Template {
                name: rest.join("/"),
            })
        }
        ["templates", ..] => Change::Unknown,
        _ => return None,
    };
    Some(change)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(path: &str) -> Option<Change> {
        classify(Path::new("/site"), Path::new(path))
    }

    fn input(i: Input) -> Option<Change> {
        Some(Change::Input(i))
    }

    #[test]
    fn each_kind_of_source_file_is_its_input() {
        assert_eq!(
            class("/site/content/data/nghe-an/2024.yaml"),
            input(Input::Data {
                region: "nghe-an".into(),
                year: 2024
            })
        );
        assert_eq!(
            class("/site/content/bulletins/2024-01-18-nghe-an/zh.md"),
            input(Input::Narrative {
                slug: "2024-01-18-nghe-an".into(),
                lang: "zh".into()
            })
        );
        assert_eq!(
            class("/site/content/bulletins/2024-01-18-nghe-an/bulletin.yaml"),
            input(Input::Bulletin {
                slug: "2024-01-18-nghe-an".into()
            })
        );
        assert_eq!(
            class("/site/content/indicators.yaml"),
            input(Input::Indicators)
        );
        assert_eq!(
            class("/site/locales/nb/labels.ftl"),
            input(Input::Locale { lang: "nb".into() })
        );
        assert_eq!(
            class("/site/templates/bulletin.html"),
            input(Input::Template {
                name: "bulletin.html".into()
            })
        );
        assert_eq!(
            class("/site/templates/static/style.css"),
            input(Input::Static {
                path: "style.css".into()
            })
        );
    }

    #[test]
    fn folders_and_odd_files_need_a_full_look() {
        assert_eq!(
            class("/site/content/bulletins/2025-01-09-hue"),
            Some(Change::BulletinFolder {
                slug: "2025-01-09-hue".into()
            })
        );
        assert_eq!(
            class("/site/content/data/hue"),
            Some(Change::DataFolder {
                region: "hue".into()
            })
        );
        assert_eq!(
            class("/site/content/data/hue/notes.txt"),
            Some(Change::Unknown)
        );
        assert_eq!(class("/site/content"), Some(Change::Unknown));
    }

    #[test]
    fn editor_files_output_and_cache_are_ignored() {
        for path in [
            "/site/content/data/hue/.2024.yaml.swp",
            "/site/content/data/hue/2024.yaml~",
            "/site/content/bulletins/x/.#en.md",
            "/site/content/bulletins/x/#en.md#",
            "/site/content/data/hue/4913",
            "/site/templates/.bulletin.html.swx",
            "/site/output/index.html",
            "/site/.bantin-cache/png/ab.png",
            "/site/locales/en/notes.txt",
            "/elsewhere/file.yaml",
        ] {
            assert_eq!(class(path), None, "{path}");
        }
    }
}
