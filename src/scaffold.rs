//! New content from the command line: a bulletin folder ready to write (`bantin new bulletin`)
//! and a small site that builds at once (`bantin init`). Never overwrites a file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::freshness::Fingerprint;
use crate::content::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::arg;
use crate::{BuildOptions, Site};

/// The example's templates, locales and catalogues, built into the binary for `init`.
macro_rules! embedded {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)) as &[u8])),*]
    };
}

/// Files `init` copies as they are: (path in the site, contents).
pub const SITE_FILES: &[(&str, &[u8])] = embedded![
    "content/site.yaml",
    "content/indicators.yaml",
    "templates/404.html",
    "templates/base.html",
    "templates/bulletin.html",
    "templates/chooser.html",
    "templates/home.html",
    "templates/macros.html",
    "templates/region.html",
    "templates/static/apple-touch-icon.png",
    "templates/static/favicon.ico",
    "templates/static/favicon.svg",
    "templates/static/logo.svg",
    "templates/static/style.css",
    "locales/en/charts.ftl",
    "locales/en/indicators.ftl",
    "locales/en/notes.ftl",
    "locales/en/numbers.ftl",
    "locales/en/publishing.ftl",
    "locales/en/regions.ftl",
    "locales/en/scaffold.ftl",
    "locales/en/sources.ftl",
    "locales/en/ui.ftl",
    "locales/nb/charts.ftl",
    "locales/nb/indicators.ftl",
    "locales/nb/notes.ftl",
    "locales/nb/numbers.ftl",
    "locales/nb/publishing.ftl",
    "locales/nb/regions.ftl",
    "locales/nb/scaffold.ftl",
    "locales/nb/sources.ftl",
    "locales/nb/ui.ftl",
    "locales/vi/charts.ftl",
    "locales/vi/indicators.ftl",
    "locales/vi/notes.ftl",
    "locales/vi/numbers.ftl",
    "locales/vi/publishing.ftl",
    "locales/vi/regions.ftl",
    "locales/vi/scaffold.ftl",
    "locales/vi/sources.ftl",
    "locales/vi/ui.ftl",
    "locales/zh/charts.ftl",
    "locales/zh/indicators.ftl",
    "locales/zh/notes.ftl",
    "locales/zh/numbers.ftl",
    "locales/zh/publishing.ftl",
    "locales/zh/regions.ftl",
    "locales/zh/scaffold.ftl",
    "locales/zh/sources.ftl",
    "locales/zh/ui.ftl",
];

/// The one region and year of data of a new site: Nghệ An's 2023 results.
const INIT_REGION: &str = "nghe-an";
const INIT_DATE: &str = "2024-01-18";
const INIT_REGIONS: &str = "\
# The region catalogue. Ids are ASCII kebab slugs and become URLs; names come from
# Fluent messages `region-<id>` in locales/.
nghe-an:
  kind: province
";
const INIT_DATA_PATH: &str = "content/data/nghe-an/2023.yaml";
const INIT_DATA: &str = "\
# Nghệ An, results for 2023, reported at the provincial conference of 18 January 2024.
# Add a file per year: content/data/<region>/<year>.yaml holds that year's results and targets.
as-of: 2023-12-31
results:
  si-participants: 385131
  si-voluntary-participants: 112790
  hi-participants: 2911787
  hi-coverage: 93
  ui-participants: 251742
";

/// What `new bulletin` created.
#[derive(Debug, Clone)]
pub struct NewBulletin {
    pub folder: PathBuf,
    pub files: Vec<PathBuf>,
}

/// Creates `content/bulletins/<date>-<region>/` with bulletin.yaml and a narrative per language
/// that already cites the headline figures. Refuses, writing nothing, if the folder exists.
pub fn new_bulletin(root: &Path, region: &str, date: &str) -> Result<NewBulletin, Diagnostics> {
    create_bulletin(root, region, date, true)
}

fn create_bulletin(
    root: &Path,
    region: &str,
    date: &str,
    draft: bool,
) -> Result<NewBulletin, Diagnostics> {
    let Some(date) = Date::parse(date) else {
        return Err(
            Diagnostic::error(root, format!("`{date}` is not a date that exists"))
                .with_hint("write the conference date as YYYY-MM-DD")
                .into(),
        );
    };
    let folder = root
        .join("content/bulletins")
        .join(format!("{date}-{region}"));
    if folder.exists() {
        return Err(Diagnostic::error(&folder, "this bulletin already exists")
            .with_hint("edit its files, or choose another date or region")
            .into());
    }
    let options = BuildOptions {
        root: root.to_path_buf(),
        drafts: true,
        ..BuildOptions::default()
    };
    let site = Site::load(&options)?;
    let content = &site.content;
    if !content.regions.contains_key(region) {
        return Err(Diagnostic::error(
            root.join("content/regions.yaml"),
            format!("unknown region `{region}`"),
        )
        .with_hint(format!(
            "use one of: {}",
            content
                .regions
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .into());
    }
    let years = content.years.get(region);
    let Some((results_year, year_data)) =
        years.and_then(|y| y.iter().rev().find(|(_, ry)| !ry.data.results.is_empty()))
    else {
        return Err(Diagnostic::error(
            root.join("content/data").join(region),
            format!("there are no results for `{region}` to report"),
        )
        .with_hint(format!(
            "add content/data/{region}/<year>.yaml with a `results:` section first"
        ))
        .into());
    };
    let results_year = *results_year;
    let targets_year = years
        .filter(|y| y.contains_key(&(results_year + 1)))
        .map(|_| results_year + 1);
    let headline: Vec<&String> = year_data.data.results.keys_in_order().take(4).collect();

    let mut meta = format!(
        "# Created by {}.\nregion: {region}\ndate: {date}\nresults-year: {results_year}\n",
        if draft {
            "`bantin new bulletin`; remove `draft: true` to publish it"
        } else {
            "`bantin init`"
        }
    );
    if let Some(year) = targets_year {
        meta.push_str(&format!("targets-year: {year}\n"));
    }
    meta.push_str(&format!(
        "headline: [{}]\n",
        headline
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if draft {
        meta.push_str("draft: true\n");
    }

    let mut files = vec![(folder.join("bulletin.yaml"), meta)];
    let mut stubs = Vec::new();
    for lang in &content.config.languages {
        let l10n = site.locales.get(lang).ok_or_else(|| {
            Diagnostic::error(
                root.join("locales").join(lang),
                "no messages for this language",
            )
        })?;
        let message = |id: &str, args: crate::i18n::Args<'_>| {
            l10n.message(id, args).map_err(|e| {
                Diagnostics::from(
                    Diagnostic::error(root.join("locales").join(&e.lang), e.to_string())
                        .with_hint(format!(
                            "add `{}` to locales/{}/scaffold.ftl (see `bantin init` for the messages a new bulletin uses)",
                            e.id,
                            crate::i18n::REFERENCE
                        )),
                )
            })
        };
        let region_name = message(&format!("region-{region}"), Vec::new())?;
        let year = f64::from(results_year);
        let title = message(
            "bulletin-default-title",
            vec![("region", arg(region_name.clone())), ("year", year.into())],
        )?;
        let summary = message(
            "scaffold-summary",
            vec![("region", arg(region_name.clone())), ("year", year.into())],
        )?;
        let intro = message("scaffold-intro", vec![("year", year.into())])?;
        let mut body = format!("\n{intro}\n\n");
        for id in &headline {
            let line = message(
                "scaffold-figure",
                vec![
                    (
                        "indicator",
                        arg(message(&format!("indicator-{id}"), Vec::new())?),
                    ),
                    ("figure", arg(format!("{{{{ fig(id=\"{id}\") }}}}"))),
                ],
            )?;
            body.push_str(&format!("- {line}\n"));
        }
        stubs.push((lang, title, summary, body));
    }
    // Every stub says the same in its language, so each translation starts out matching the
    // default-language stub: once an editor writes the source, `check` lists the
    // translations to bring up to date.
    let source = stubs
        .iter()
        .find(|(lang, ..)| **lang == content.config.default_language)
        .map(|(_, title, summary, body)| Fingerprint::of(title, summary, body));
    for (lang, title, summary, body) in stubs {
        let record = match &source {
            Some(source) if *lang != content.config.default_language => {
                format!("translated-from: \"{source}\"\n")
            }
            _ => String::new(),
        };
        let text = format!(
            "---\ntitle: {}\nsummary: {}\n{record}---\n{body}",
            yaml_string(&title),
            yaml_string(&summary)
        );
        files.push((folder.join(format!("{lang}.md")), text));
    }

    if let Some(parent) = folder.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
    }
    // create_dir fails if another process made the folder since the check above.
    fs::create_dir(&folder).map_err(|e| io_error(&folder, e))?;
    let mut written = Vec::new();
    for (path, text) in files {
        write_new(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(NewBulletin {
        folder,
        files: written,
    })
}

/// A YAML double-quoted scalar: JSON's string syntax is a subset of it.
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}

/// Writes a file that must not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| io_error(path, e))?;
    file.write_all(bytes).map_err(|e| io_error(path, e))
}

fn io_error(path: &Path, error: std::io::Error) -> Diagnostic {
    let hint = if error.kind() == std::io::ErrorKind::AlreadyExists {
        "bantin never overwrites a file: move it away or choose another place"
    } else {
        "check that the folder is writable"
    };
    Diagnostic::error(path, format!("cannot create: {error}")).with_hint(hint)
}

/// Creates a small site in `dir` (absent or empty): one region, the indicator catalogue, one
/// year of data, one bulletin in every language, and the example's templates and locales.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map_err(|e| Diagnostic::error(dir, format!("cannot read the folder: {e}")))?
            .next()
            .is_none();
        if !empty {
            return Err(Diagnostic::error(dir, "the folder is not empty")
                .with_hint(
                    "bantin init creates a site in a new or empty folder; it never overwrites",
                )
                .into());
        }
    }
    let mut written = Vec::new();
    let own: [(&str, &[u8]); 2] = [
        ("content/regions.yaml", INIT_REGIONS.as_bytes()),
        (INIT_DATA_PATH, INIT_DATA.as_bytes()),
    ];
    for (path, bytes) in SITE_FILES.iter().copied().chain(own) {
        let target = dir.join(path);
        write_new(&target, bytes)?;
        written.push(target);
    }
    let bulletin = create_bulletin(dir, INIT_REGION, INIT_DATE, false)?;
    written.extend(bulletin.files);
    Ok(written)
}
