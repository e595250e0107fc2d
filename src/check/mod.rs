//! Editorial checks (`bantin check`): stated figures against the data, identities, translations,
//! narratives, citations and links of the rendered site, each reported with its file and line.
//!
//! Nothing is written: the site is rendered into memory, so a check needs no prior build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use crate::content::{Content, Figure, Qualifier, RegionYear};
use crate::diagnostics::{line_col, Diagnostic, Diagnostics};
use crate::figures::{Figures, Reach, Value};
use crate::i18n::REFERENCE;
use crate::render::RenderedFile;
use crate::{BuildOptions, Site};

pub mod words;

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The site folder, holding content/, templates/ and locales/.
    pub root: PathBuf,
    /// A built site whose links to check instead of rendering one in memory.
    pub output: Option<PathBuf>,
    /// Read files that symbolic links lead to outside the site folder.
    pub allow_outside: bool,
}

/// Runs every check; the result is sorted by file and line, paths relative to the root.
pub fn run(options: &CheckOptions) -> Diagnostics {
    let root = &options.root;
    let mut found = Diagnostics::default();
    // Drafts are checked too: they are about to be published.
    let build = BuildOptions {
        root: root.clone(),
        drafts: true,
        // Charts as SVG only: PNG rasterizing is slow and adds nothing to check.
        skip_png: true,
        allow_outside: options.allow_outside,
        ..BuildOptions::default()
    };
    let languages = match Site::load(&build) {
        Ok(site) => {
            found.extend(site.warnings.clone());
            found.extend(stated_figures(&site.content, &site.figures));
            found.extend(identities(&site.content, &site.figures));
            found.extend(ratios(&site.content));
            found.extend(incomparable_periods(&site.content));
            found.extend(narratives(&site.content));
            found.extend(words::glossary(root, &site.content));
            found.extend(words::placeholders(&site.content, &site.locales));
            if let Some(warning) = words::example_address(&site.content) {
                found.push(warning);
            }
            found.extend(stale_translations(&site.content));
            let rendered = match &options.output {
                Some(dir) => read_built(dir).map_err(Diagnostics::from),
                None => site.render(),
            };
            match rendered {
                Ok(files) => found.extend(links(&files, &site.content, options.output.is_none())),
                Err(problems) => found.extend(problems),
            }
            site.content.config.languages.clone()
        }
        Err(problems) => {
            found.extend(problems);
            locale_folders(&root.join("locales"))
        }
    };
    found.extend(translations(root, &languages));
    Diagnostics(found.0.into_iter().map(|d| d.relative_to(root)).collect()).sorted()
}

// ---------------------------------------------------------------- stated figures

/// The values a figure may take given its qualifier; `about` bounds nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bounds {
    lo: f64,
    hi: f64,
}

impl Bounds {
    fn point(v: f64) -> Bounds {
        Bounds { lo: v, hi: v }
    }

    fn of(value: &Value, share: bool) -> Option<Bounds> {
        let v = value.value;
        match value.qualifier {
            // Rounded without a hedge: anything that rounds to it.
            Qualifier::Exact => Some(match value.rounded_to {
                Some(step) => Bounds {
                    lo: v - step / 2.0,
                    hi: v + step / 2.0,
                },
                None => Bounds::point(v),
            }),
            Qualifier::Over => Some(Bounds {
                lo: v,
                hi: if share { 100.0 } else { f64::INFINITY },
            }),
            Qualifier::Under => Some(Bounds { lo: 0.0, hi: v }),
            // "Nearly 40,000": below it, and close; a tenth below is as far as "nearly" goes.
            Qualifier::Nearly => Some(Bounds { lo: v * 0.9, hi: v }),
            Qualifier::About => None,
        }
    }

    fn is_point(&self) -> bool {
        self.lo == self.hi
    }

    /// `self − other`.
    fn minus(self, other: Bounds) -> Bounds {
        Bounds {
            lo: self.lo - other.hi,
            hi: self.hi - other.lo,
        }
    }

    /// `self / other × 100`, for a positive `other`.
    fn percent_of(self, other: Bounds) -> Option<Bounds> {
        (other.lo > 0.0).then(|| Bounds {
            lo: ratio(self.lo, other.hi) * 100.0,
            hi: ratio(self.hi, other.lo) * 100.0,
        })
    }

    /// Whether `stated`, given with `decimals` decimals, can be a rounding of a value in here.
    fn admits(&self, stated: f64, decimals: u8) -> bool {
        let tolerance = 0.5 * 10f64.powi(-i32::from(decimals));
        let slack = 1e-9 * stated.abs().max(1.0);
        stated >= self.lo - tolerance - slack && stated <= self.hi + tolerance + slack
    }

    fn describe(&self, decimals: usize) -> String {
        let show = |v: f64| {
            if v.is_infinite() {
                "∞".to_string()
            } else {
                format!("{v:.decimals$}")
            }
        };
        if self.is_point() {
            show(self.lo)
        } else if self.hi.is_infinite() {
            format!("at least {}", show(self.lo))
        } else {
            format!("between {} and {}", show(self.lo), show(self.hi))
        }
    }
}

/// `a / b`, where an infinite divisor gives 0 and an infinite dividend stays infinite.
fn ratio(a: f64, b: f64) -> f64 {
    if b.is_infinite() {
        if a.is_infinite() {
            f64::INFINITY
        } else {
            0.0
        }
    } else {
        a / b
    }
}

/// Compares what articles state (`stated:`) with what the data compute, within the stated
/// precision; for qualified figures only what the bound allows.
fn stated_figures(content: &Content, figures: &Figures) -> Diagnostics {
    let mut found = Diagnostics::default();
    for (region, years) in &content.years {
        for (year, region_year) in years {
            for (id, stated) in region_year.data.stated.iter() {
                let Some(unit) = content.catalogue.unit_of(id) else {
                    continue;
                };
                let share = unit.is_share();
                let get = |y: i32| figures.get(region, y, id);
                let bounds = |v: Option<Value>| v.and_then(|v| Bounds::of(&v, share));
                let result = bounds(get(*year).and_then(|f| f.result.computed));
                let target = bounds(get(*year).and_then(|f| f.target.computed));
                // Only a previous year measured alike: a change against another span means
                // nothing (see `incomparable_periods`).
                let previous = bounds(
                    get(year - 1)
                        .filter(|_| comparable(content, region, *year, id))
                        .and_then(|f| f.result.computed),
                );
                let change = result.zip(previous).map(|(r, p)| r.minus(p));
                let change_pct = if share {
                    None
                } else if let Some(previous) = previous {
                    result.and_then(|r| {
                        r.percent_of(previous)
                            .map(|b| b.minus(Bounds::point(100.0)))
                    })
                } else {
                    // No previous value: the stated change fixes it, within the result's bounds.
                    stated.change.zip(result).and_then(|(c, r)| {
                        let before = r.minus(Bounds::point(c));
                        Bounds::point(c).percent_of(before).map(|b| Bounds {
                            lo: b.lo.min(b.hi),
                            hi: b.lo.max(b.hi),
                        })
                    })
                };
                let share_of_target = if share {
                    None
                } else {
                    result.zip(target).and_then(|(r, t)| r.percent_of(t))
                };
                let gap = result.zip(target).map(|(r, t)| r.minus(t));
                let checks = [
                    ("value", stated.value, result),
                    ("target", stated.target, target),
                    ("change", stated.change, change),
                    ("change-pct", stated.change_pct, change_pct),
                    ("share-of-target", stated.share_of_target, share_of_target),
                    ("gap-to-target", stated.gap_to_target, gap),
                ];
                for (key, stated_value, derived) in checks {
                    let (Some(stated_value), Some(derived)) = (stated_value, derived) else {
                        continue;
                    };
                    let decimals = crate::content::decimals_of(stated_value);
                    if derived.admits(stated_value, decimals) {
                        continue;
                    }
                    let shown = usize::from(decimals) + 2;
                    let data = if derived.is_point() {
                        format!("the data give {}", derived.describe(shown))
                    } else {
                        format!(
                            "the data, with their qualifiers, allow only values {}",
                            derived.describe(shown)
                        )
                    };
                    found.push(
                        region_year
                            .file
                            .warning_at(
                                &["stated", id, key],
                                format!(
                                    "`{id}` {key}: the source states {stated_value}, but {data}{}",
                                    inputs(key, region_year, figures, id)
                                ),
                            )
                            .with_hint(format!(
                                "a difference beyond {} is more than the source's rounding: correct the data, or keep the stated figure if the source is wrong (the page shows the computed one)",
                                0.5 * 10f64.powi(-i32::from(decimals))
                            )),
                    );
                }
            }
        }
    }
    found
}

/// Whether `id`'s results of `year` and the year before were measured alike (see [`Reach`]).
fn comparable(content: &Content, region: &str, year: i32, id: &str) -> bool {
    let reach = |y: i32| {
        content
            .years
            .get(region)
            .and_then(|years| years.get(&y))
            .map(|ry| Reach::in_file(&ry.data, id, y))
    };
    reach(year).is_some() && reach(year) == reach(year - 1)
}

/// Results of consecutive years measured over different spans (a status at 30 June, then a
/// whole year): pages compute no change between them, and say nothing wrong; this says why.
fn incomparable_periods(content: &Content) -> Diagnostics {
    let mut found = Diagnostics::default();
    for years in content.years.values() {
        for (year, region_year) in years {
            let Some(before) = years.get(&(year - 1)) else {
                continue;
            };
            // Indicators grouped by the pair of spans that keeps them apart.
            let mut apart: BTreeMap<(String, String), Vec<&str>> = BTreeMap::new();
            for id in region_year.data.results.keys() {
                if !before.data.results.contains_key(id) {
                    continue;
                }
                let now = Reach::in_file(&region_year.data, id, *year);
                let then = Reach::in_file(&before.data, id, year - 1);
                if now != then {
                    apart
                        .entry((now.describe(), then.describe()))
                        .or_default()
                        .push(id);
                }
            }
            for ((now, then), ids) in apart {
                let list = ids
                    .iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let key: &[&str] = if region_year.data.as_of.is_some() {
                    &["as-of"]
                } else {
                    &["results", ids[0]]
                };
                found.push(
                    region_year
                        .file
                        .warning_at(
                            key,
                            format!(
                                "no change on {} is computed for {list}: {year} covers {now}, {} {then}",
                                year - 1,
                                year - 1
                            ),
                        )
                        .with_hint(
                            "a change is computed only between figures measured alike (both whole \
                             years, or both up to the same day); a change the source states goes \
                             under `stated:` and is shown as stated",
                        ),
                );
            }
        }
    }
    found
}

/// The data a derived figure comes from, e.g. ` (26668 in 2023, 19448 in 2022)`.
fn inputs(key: &str, region_year: &RegionYear, figures: &Figures, id: &str) -> String {
    let (region, year) = (&region_year.region, region_year.year);
    let value = |y: i32, target: bool| {
        figures.get(region, y, id).and_then(|f| {
            if target {
                f.target.computed
            } else {
                f.result.computed
            }
        })
    };
    let text = |v: Option<Value>| v.map(|v| format!("{}", v.value));
    let parts: Vec<String> = match key {
        "change" | "change-pct" => [
            text(value(year, false)).map(|v| format!("{v} in {year}")),
            text(value(year - 1, false)).map(|v| format!("{v} in {}", year - 1)),
        ]
        .into_iter()
        .flatten()
        .collect(),
        "share-of-target" | "gap-to-target" => [
            text(value(year, false)).map(|v| format!("result {v}")),
            text(value(year, true)).map(|v| format!("target {v}")),
        ]
        .into_iter()
        .flatten()
        .collect(),
        _ => Vec::new(),
    };
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

// ---------------------------------------------------------------- identities and ratios

/// Exact values of a section as typed in the file.
fn exact(figures: &BTreeMap<String, Figure>, id: &str) -> Option<f64> {
    figures.get(id).filter(|f| f.is_exact()).map(|f| f.value)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// `total = sum(parts)` of indicators.yaml, on values typed in each file and on changes.
fn identities(content: &Content, figures: &Figures) -> Diagnostics {
    let mut found = Diagnostics::default();
    for identity in &content.catalogue.identities {
        let members = || std::iter::once(&identity.total).chain(&identity.parts);
        let formula = format!("{} = {}", identity.total, identity.parts.join(" + "));
        for (region, years) in &content.years {
            // Years whose typed values break the identity; their changes are not checked again.
            let mut broken = BTreeSet::new();
            for (year, region_year) in years {
                let data = &region_year.data;
                let targets = data.primary_targets();
                for (section, values) in [("results", &*data.results), ("targets", &targets)] {
                    // Members given in different currencies are not summed (nor derived).
                    let currencies: BTreeSet<_> = members()
                        .filter_map(|id| {
                            let figure = values.get(id)?;
                            content.catalogue.figure_currency(id, figure)
                        })
                        .collect();
                    if currencies.len() > 1 {
                        continue;
                    }
                    let Some(total) = exact(values, &identity.total) else {
                        continue;
                    };
                    let parts: Option<Vec<f64>> =
                        identity.parts.iter().map(|p| exact(values, p)).collect();
                    let Some(parts) = parts else { continue };
                    let sum: f64 = parts.iter().sum();
                    if !close(total, sum) {
                        broken.insert(*year);
                        found.push(
                            region_year
                                .file
                                .error_at(
                                    &[section, &identity.total],
                                    format!(
                                        "`{}` is {total} but its parts sum to {sum} ({})",
                                        identity.total,
                                        parts
                                            .iter()
                                            .map(|p| p.to_string())
                                            .collect::<Vec<_>>()
                                            .join(" + ")
                                    ),
                                )
                                .with_hint(format!(
                                    "content/indicators.yaml defines {formula}: correct one of these figures"
                                )),
                        );
                    }
                }
            }
            for (year, region_year) in years {
                if broken.contains(year) || broken.contains(&(year - 1)) {
                    continue;
                }
                // A change computed from the data, else as stated.
                let change = |id: &String| {
                    figures
                        .get(region, *year, id)
                        .and_then(|f| f.change.shown())
                        .filter(Value::is_exact)
                        .map(|v| v.value)
                };
                let Some(changes) = members().map(change).collect::<Option<Vec<f64>>>() else {
                    continue;
                };
                // Changes in different currencies do not add up.
                let currencies: BTreeSet<_> = members()
                    .filter_map(|id| figures.get(region, *year, id)?.change.shown()?.currency)
                    .collect();
                if currencies.len() > 1 {
                    continue;
                }
                let (total, parts) = (changes[0], &changes[1..]);
                let sum: f64 = parts.iter().sum();
                if close(total, sum) {
                    continue;
                }
                let data = &region_year.data;
                let at: Vec<&str> = if data.results.contains_key(&identity.total) {
                    vec!["results", &identity.total]
                } else {
                    vec!["stated", &identity.total, "change"]
                };
                found.push(
                    region_year
                        .file
                        .error_at(
                            &at,
                            format!(
                                "the change of `{}` on {} is {total}, but the changes of its parts sum to {sum}",
                                identity.total,
                                year - 1
                            ),
                        )
                        .with_hint(format!(
                            "content/indicators.yaml defines {formula}: correct the figures of {} or {year}",
                            year - 1
                        )),
                );
            }
        }
    }
    found
}

/// `share = part / whole × 100`, where a file records all three.
fn ratios(content: &Content) -> Diagnostics {
    let mut found = Diagnostics::default();
    for ratio in &content.catalogue.ratios {
        for years in content.years.values() {
            for region_year in years.values() {
                let data = &region_year.data;
                let targets = data.primary_targets();
                for (section, values) in [("results", &*data.results), ("targets", &targets)] {
                    let (Some(share), Some(part), Some(whole)) = (
                        values.get(&ratio.share),
                        exact(values, &ratio.part),
                        exact(values, &ratio.whole).filter(|w| *w > 0.0),
                    ) else {
                        continue;
                    };
                    let computed = part / whole * 100.0;
                    let allowed = match share.qualifier {
                        Qualifier::Exact => Bounds::point(computed),
                        // "over 90 %": the computed share must not lie below 90.
                        Qualifier::Over => Bounds {
                            lo: f64::NEG_INFINITY,
                            hi: computed,
                        },
                        Qualifier::Under => Bounds {
                            lo: computed,
                            hi: f64::INFINITY,
                        },
                        // "nearly 90 %": the computed share lies a little below 90.
                        Qualifier::Nearly => Bounds {
                            lo: computed,
                            hi: computed / 0.9,
                        },
                        Qualifier::About => continue,
                    };
                    if allowed.admits(share.value, share.decimals) {
                        continue;
                    }
                    found.push(
                        region_year
                            .file
                            .warning_at(
                                &[section, &ratio.share],
                                format!(
                                    "`{}` is {}, but {} / {} × 100 = {computed:.prec$}",
                                    ratio.share,
                                    share.value,
                                    ratio.part,
                                    ratio.whole,
                                    prec = usize::from(share.decimals) + 2
                                ),
                            )
                            .with_hint(format!(
                                "content/indicators.yaml defines {} = {} / {} × 100: correct one of the three figures",
                                ratio.share, ratio.part, ratio.whole
                            )),
                    );
                }
            }
        }
    }
    found
}

// ---------------------------------------------------------------- narratives

/// Every bulletin should have a narrative in every site language; the page falls back visibly.
fn narratives(content: &Content) -> Diagnostics {
    let mut found = Diagnostics::default();
    for bulletin in &content.bulletins {
        let folder = bulletin
            .file
            .path
            .parent()
            .map_or_else(|| PathBuf::from(&bulletin.slug), Path::to_path_buf);
        for lang in &content.config.languages {
            if !bulletin.narratives.contains_key(lang) {
                found.push(
                    Diagnostic::warning(
                        &folder,
                        format!(
                            "the bulletin `{}` has no {lang} narrative; its {lang} page shows the figures and links to the narratives in other languages",
                            bulletin.slug
                        ),
                    )
                    .with_hint(format!("write {}/{lang}.md", folder.display())),
                );
            }
        }
        for narrative in bulletin.narratives.values() {
            let Ok(narrative) = narrative.with_text() else {
                continue;
            };
            let text = &narrative.file.text;
            for (line, column, c) in crate::content::control_characters(text) {
                found.push(
                    Diagnostic::warning(
                        &narrative.file.path,
                        format!(
                            "a control character (U+{:04X}) is left out of the page",
                            u32::from(c)
                        ),
                    )
                    .at(text, line, column)
                    .with_hint("delete it; it is invisible in most editors (often pasted from a terminal or a PDF)"),
                );
            }
        }
    }
    found
}

// ---------------------------------------------------------------- translation freshness

/// Parts of a changed source named in a warning, and excerpts quoted, at most.
const CHANGES_SHOWN: usize = 4;
const EXCERPTS_SHOWN: usize = 2;
/// Characters of a quoted excerpt.
const EXCERPT_CHARS: usize = 80;

/// Each translated narrative against the default-language narrative it records being made
/// from (`translated-from`, written by `bantin translated`): one warning per translation whose
/// source changed since, saying what changed, and one per translation that records nothing.
fn stale_translations(content: &Content) -> Diagnostics {
    let mut found = Diagnostics::default();
    let source_lang = &content.config.default_language;
    for bulletin in &content.bulletins {
        let slug = &bulletin.slug;
        let Some(source) = bulletin.narratives.get(source_lang) else {
            continue;
        };
        let source_name = file_name(&source.file.path);
        for (lang, narrative) in &bulletin.narratives {
            let Ok(narrative) = narrative.with_text() else {
                continue;
            };
            let text = &narrative.file.text;
            let record_at = crate::content::yaml::locate(text, &["translated-from"]);
            let record = &narrative.front.translated_from;
            if lang == source_lang {
                if record.is_some() {
                    found.push(
                        Diagnostic::warning(
                            &narrative.file.path,
                            format!("{lang} is the site's default language: its narrative is the source of the translations, not one of them"),
                        )
                        .at_opt(text, record_at)
                        .with_hint("remove the `translated-from` line"),
                    );
                }
                continue;
            }
            let command = format!("bantin translated {slug} {lang}");
            match record {
                None => found.push(
                    Diagnostic::warning(
                        &narrative.file.path,
                        format!("it is unknown whether this translation is up to date: it does not record which version of {source_name} it was translated from"),
                    )
                    .at(text, 1, 1)
                    .with_hint(format!("once it says what {source_name} says, run `{command}`")),
                ),
                Some(record) if record.hash != source.fingerprint.hash => {
                    let source = match source.with_text() {
                        Ok(source) => source,
                        Err(problem) => {
                            found.push(problem);
                            continue;
                        }
                    };
                    let changes = record.changes_to(&source.fingerprint);
                    found.push(
                        Diagnostic::warning(
                            &narrative.file.path,
                            format!(
                                "{source_name} changed since this translation was made: {}",
                                describe_changes(&changes, &source)
                            ),
                        )
                        .at_opt(text, record_at)
                        .with_hint(format!("bring the translation up to date, then run `{command}`")),
                    );
                }
                Some(_) => {}
            }
        }
    }
    found
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// "the title; paragraph 2 (line 9: “…”) rewritten; …", in the source's own numbering.
fn describe_changes(
    changes: &crate::content::freshness::Changes,
    source: &crate::content::Narrative,
) -> String {
    use crate::content::freshness::{paragraphs, BodyChange};
    let paragraphs = paragraphs(source.body(), source.body_line);
    let mut parts = Vec::new();
    if changes.title {
        parts.push("the title".to_string());
    }
    if changes.summary {
        parts.push("the summary".to_string());
    }
    let mut quoted = 0;
    let mut quote = |n: usize| -> String {
        let Some(paragraph) = paragraphs.get(n - 1) else {
            return String::new();
        };
        quoted += 1;
        if quoted > EXCERPTS_SHOWN {
            return format!(" (line {})", paragraph.line);
        }
        let flat = paragraph
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut excerpt: String = flat.chars().take(EXCERPT_CHARS - 1).collect();
        if excerpt.len() < flat.len() {
            excerpt.push('…');
        }
        format!(" (line {}: “{excerpt}”)", paragraph.line)
    };
    for change in &changes.body {
        parts.push(match *change {
            BodyChange::Changed(n) => format!("paragraph {n}{} rewritten", quote(n)),
            BodyChange::Added(n) => format!("paragraph {n}{} new", quote(n)),
            BodyChange::Removed { after: 0 } => "a paragraph removed at the start".to_string(),
            BodyChange::Removed { after } => format!("a paragraph removed after paragraph {after}"),
        });
    }
    if parts.is_empty() {
        // Two versions of a part with the same short hash: rare, and still a change.
        return "the text".to_string();
    }
    let more = parts.len().saturating_sub(CHANGES_SHOWN);
    parts.truncate(CHANGES_SHOWN);
    if more > 0 {
        parts.push(format!(
            "and {more} more change{}",
            if more == 1 { "" } else { "s" }
        ));
    }
    parts.join("; ")
}

// ---------------------------------------------------------------- translations

/// One message (or term) of a `.ftl` file.
struct Entry {
    file: PathBuf,
    line: usize,
    /// Every `$variable` the message refers to.
    used: BTreeSet<String>,
    /// Variables shown as text somewhere (not only used to pick a variant).
    shown: BTreeSet<String>,
    /// `$names` its comment mentions: the reference documents extra arguments there.
    documented: BTreeSet<String>,
}

/// Language folders under `locales/`, for when site.yaml cannot be read.
fn locale_folders(dir: &Path) -> Vec<String> {
    let mut langs: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    langs.sort();
    langs
}

/// Messages of `locales/<lang>/*.ftl`, with syntax errors as diagnostics.
fn read_locale(dir: &Path, found: &mut Diagnostics) -> BTreeMap<String, Entry> {
    let mut entries = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|list| {
            list.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    for path in files {
        let text = match crate::i18n::read_ftl(&path) {
            Ok(text) => text,
            Err(d) => {
                found.push(d);
                continue;
            }
        };
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for error in errors {
                    let (line, column) = line_col(&text, error.pos.start);
                    found.push(
                        Diagnostic::error(&path, format!("Fluent syntax error: {}", error.kind))
                            .at(&text, line, column)
                            .with_hint(
                                "see https://projectfluent.org/fluent/guide/ for the syntax",
                            ),
                    );
                }
                resource
            }
        };
        for entry in &resource.body {
            let (id, value, attributes, comment) = match entry {
                ast::Entry::Message(m) => (
                    m.id.name.to_string(),
                    m.value.as_ref(),
                    &m.attributes,
                    &m.comment,
                ),
                ast::Entry::Term(t) => (
                    format!("-{}", t.id.name),
                    Some(&t.value),
                    &t.attributes,
                    &t.comment,
                ),
                _ => continue,
            };
            let mut used = BTreeSet::new();
            let mut shown = BTreeSet::new();
            for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
                pattern_variables(pattern, &mut used, &mut shown);
            }
            let documented = comment
                .iter()
                .flat_map(|c| c.content.iter())
                .flat_map(|line| dollar_names(line))
                .collect();
            let line = entry_line(&text, &id);
            entries.entry(id).or_insert(Entry {
                file: path.clone(),
                line,
                used,
                shown,
                documented,
            });
        }
    }
    entries
}

/// The 1-based line where `id = …` starts.
fn entry_line(text: &str, id: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id) {
            if rest.trim_start().starts_with('=') {
                return line_col(text, offset).0;
            }
        }
        offset += line.len();
    }
    1
}

fn dollar_names(text: &str) -> Vec<String> {
    text.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .collect()
}

fn pattern_variables(
    pattern: &ast::Pattern<&str>,
    used: &mut BTreeSet<String>,
    shown: &mut BTreeSet<String>,
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, used, shown);
        }
    }
}

fn expression_variables(
    expression: &ast::Expression<&str>,
    used: &mut BTreeSet<String>,
    shown: &mut BTreeSet<String>,
) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            // A selector only picks a variant: a language without that distinction may drop it.
            let mut ignored = BTreeSet::new();
            inline_variables(selector, used, &mut ignored);
            for variant in variants {
                pattern_variables(&variant.value, used, shown);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, used, shown),
    }
}

fn inline_variables(
    inline: &ast::InlineExpression<&str>,
    used: &mut BTreeSet<String>,
    shown: &mut BTreeSet<String>,
) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            used.insert(id.name.to_string());
            shown.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
            {
                inline_variables(a, used, shown);
            }
        }
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
            {
                inline_variables(a, used, shown);
            }
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_variables(expression, used, shown)
        }
        _ => {}
    }
}

fn names(set: &BTreeSet<&String>) -> String {
    set.iter()
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every message of the reference locale exists in each other locale with the same variables,
/// and no locale has messages the reference lacks.
fn translations(root: &Path, languages: &[String]) -> Diagnostics {
    let mut found = Diagnostics::default();
    let dir = &root.join("locales");
    let shown = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let location = |entry: &Entry| format!("{}:{}", shown(&entry.file), entry.line);
    let reference = read_locale(&dir.join(REFERENCE), &mut found);
    for lang in languages.iter().filter(|l| *l != REFERENCE) {
        let lang_dir = dir.join(lang);
        if !lang_dir.is_dir() {
            found.push(
                Diagnostic::error(&lang_dir, format!("there are no messages for `{lang}`"))
                    .with_hint(format!(
                        "create locales/{lang}/ with the .ftl files of locales/{REFERENCE}/"
                    )),
            );
            continue;
        }
        let messages = read_locale(&lang_dir, &mut found);
        for (id, original) in &reference {
            let Some(translated) = messages.get(id) else {
                let file_name = original.file.file_name().map(PathBuf::from);
                let expected = lang_dir.join(file_name.unwrap_or_default());
                found.push(
                    Diagnostic::warning(
                        &expected,
                        format!(
                            "`{id}` ({}) is not translated into {lang}; {lang} pages show the {REFERENCE} text",
                            location(original)
                        ),
                    )
                    .with_hint(format!("add `{id} = …` to {}", shown(&expected))),
                );
                continue;
            };
            let allowed: BTreeSet<&String> =
                original.used.iter().chain(&original.documented).collect();
            let unknown: BTreeSet<&String> = translated
                .used
                .iter()
                .filter(|v| !allowed.contains(v))
                .collect();
            let dropped: BTreeSet<&String> = original
                .shown
                .iter()
                .filter(|v| !translated.used.contains(*v))
                .collect();
            if unknown.is_empty() && dropped.is_empty() {
                continue;
            }
            let mut problems = Vec::new();
            if !unknown.is_empty() {
                problems.push(format!(
                    "uses {} that {REFERENCE} does not give",
                    names(&unknown)
                ));
            }
            if !dropped.is_empty() {
                problems.push(format!("never shows {}", names(&dropped)));
            }
            let text = crate::i18n::read_ftl(&translated.file).unwrap_or_default();
            found.push(
                Diagnostic::warning(
                    &translated.file,
                    format!(
                        "`{id}` in {lang} {} (compare {})",
                        problems.join(" and "),
                        location(original)
                    ),
                )
                .at(&text, translated.line, 1)
                .with_hint(format!(
                    "use the variables of the {REFERENCE} message: {}",
                    names(&original.used.iter().collect())
                )),
            );
        }
        for (id, orphan) in &messages {
            if !reference.contains_key(id) {
                let text = crate::i18n::read_ftl(&orphan.file).unwrap_or_default();
                found.push(
                    Diagnostic::warning(
                        &orphan.file,
                        format!(
                            "`{id}` exists in {lang} but not in the reference locale {REFERENCE}"
                        ),
                    )
                    .at(&text, orphan.line, 1)
                    .with_hint(format!(
                        "remove it, or add it to locales/{REFERENCE}/ first if it is new"
                    )),
                );
            }
        }
    }
    found
}

// ---------------------------------------------------------------- links

/// The files of a built site, as if rendered.
fn read_built(dir: &Path) -> Result<Vec<RenderedFile>, Diagnostic> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Diagnostic::error(dir, format!("cannot read: {e}")))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let bytes = std::fs::read(path)
            .map_err(|e| Diagnostic::error(path, format!("cannot read: {e}")))?;
        let relative = path.strip_prefix(dir).unwrap_or(path);
        files.push(RenderedFile {
            path: relative.to_string_lossy().replace('\\', "/"),
            bytes,
        });
    }
    if files.is_empty() {
        return Err(
            Diagnostic::error(dir, "there is no built site here").with_hint(
                "run `bantin build`, or leave out --output to check a site rendered in memory",
            ),
        );
    }
    Ok(files)
}

/// The links and anchors of one page, read with an HTML tokenizer (html5gum): attribute
/// values in any quoting, character references decoded, nothing inside comments or text.
#[derive(Debug, Default)]
pub struct PageLinks {
    /// Each `href` and `src` value, with the byte offset of the value in the page.
    pub links: Vec<(usize, String)>,
    /// Each `id` and `name` value: the anchors a `#fragment` may point at.
    pub anchors: BTreeSet<String>,
}

/// Reads the links and anchors of `html`.
pub fn page_links(html: &str) -> PageLinks {
    let mut emitter = html5gum::DefaultEmitter::<usize>::new_with_span();
    // Text of <script>, <style>, <textarea> and <title> is text, not tags.
    emitter.naively_switch_states(true);
    let mut found = PageLinks::default();
    for token in html5gum::Tokenizer::new_with_emitter(html, emitter).flatten() {
        let html5gum::Token::StartTag(tag) = token else {
            continue;
        };
        for (name, value) in &tag.attributes {
            let text = String::from_utf8_lossy(&value.value).into_owned();
            match name.as_slice() {
                b"href" | b"src" => {
                    // The value's own offset; a tokenizer span can fall short on odd input.
                    let offset = value.span.start.min(html.len());
                    let offset = (0..=offset)
                        .rev()
                        .find(|i| html.is_char_boundary(*i))
                        .unwrap_or(0);
                    found.links.push((offset, text));
                }
                b"id" | b"name" => {
                    found.anchors.insert(text);
                }
                _ => {}
            }
        }
    }
    found.links.sort();
    found
}

/// Resolves `href` against the folder of `page`; None if it climbs above the site's root.
pub fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = if href.starts_with('/') {
        Vec::new()
    } else {
        page.split('/').collect()
    };
    if !href.starts_with('/') {
        parts.pop();
    }
    for step in href.split('/') {
        match step {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let mut path = parts.join("/");
    if href.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// `text` with its `%XX` escapes decoded (invalid UTF-8 becomes U+FFFD; a `%` not followed by
/// two hex digits stays as it is).
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Internal links and `#anchors` of every page must resolve within the site.
fn links(files: &[RenderedFile], content: &Content, in_memory: bool) -> Diagnostics {
    let mut found = Diagnostics::default();
    let by_path: BTreeMap<&str, &RenderedFile> =
        files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut anchor_cache: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for file in files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&file.bytes);
        for (offset, href) in page_links(&html).links {
            let lower = href.to_ascii_lowercase();
            if href.is_empty()
                || href.starts_with("//")
                || ["http:", "https:", "mailto:", "tel:", "data:"]
                    .iter()
                    .any(|s| lower.starts_with(s))
            {
                continue;
            }
            let (without_fragment, fragment) = match href.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (href.as_str(), None),
            };
            let target_ref = without_fragment.split('?').next().unwrap_or("");
            let target = if target_ref.is_empty() {
                Some(file.path.clone())
            } else {
                resolve(&file.path, &percent_decode(target_ref))
            };
            let target = target.and_then(|t| {
                if by_path.contains_key(t.as_str()) {
                    Some(t)
                } else if in_memory
                    && png_of_svg(&t).is_some_and(|svg| by_path.contains_key(svg.as_str()))
                {
                    // Rendering in memory skips rasterizing; a build writes X.png beside X.svg.
                    Some(t)
                } else {
                    // `../x` for a folder `x/` served as `x/index.html`.
                    let folder = format!("{t}/index.html");
                    by_path.contains_key(folder.as_str()).then_some(folder)
                }
            });
            let (line, column) = line_col(&html, offset);
            let problem = match (&target, fragment) {
                (None, _) => Some(format!("the link `{href}` points to no file of the site")),
                (Some(t), Some(fragment)) if !fragment.is_empty() && t.ends_with(".html") => {
                    let key = by_path
                        .get_key_value(t.as_str())
                        .map(|(k, _)| *k)
                        .expect("the target was found above");
                    let ids = anchor_cache.entry(key).or_insert_with(|| {
                        page_links(&String::from_utf8_lossy(&by_path[key].bytes)).anchors
                    });
                    (!ids.contains(&percent_decode(fragment))).then(|| {
                        format!(
                            "the link `{href}` points to `#{fragment}`, which {t} does not have"
                        )
                    })
                }
                _ => None,
            };
            if let Some(problem) = problem {
                let hint = narrative_with(content, &file.path, without_fragment)
                    .map(|source| format!("the link comes from {source}; correct it there"))
                    .unwrap_or_else(|| {
                        "correct the link in the narrative or template that writes it".into()
                    });
                found.push(
                    Diagnostic::error(&file.path, problem)
                        .at(&html, line, column)
                        .with_hint(hint),
                );
            }
        }
    }
    found
}

/// `x/chart.svg` for `x/chart.png`.
fn png_of_svg(path: &str) -> Option<String> {
    path.strip_suffix(".png").map(|stem| format!("{stem}.svg"))
}

/// The narrative (file:line) of a bulletin page that contains a Markdown link to `href`.
fn narrative_with(content: &Content, page: &str, href: &str) -> Option<String> {
    let mut parts = page.split('/');
    let (lang, kind, slug) = (parts.next()?, parts.next()?, parts.next()?);
    if kind != "bulletins" || href.is_empty() {
        return None;
    }
    let bulletin = content.bulletins.iter().find(|b| b.slug == slug)?;
    let narrative = bulletin.narratives.get(lang)?.with_text().ok()?;
    let offset = narrative.file.text.find(&format!("]({href}"))?;
    let (line, _) = line_col(&narrative.file.text, offset);
    Some(format!("{}:{line}", narrative.file.path.display()))
}

#[cfg(test)]
mod link_tests {
    use super::{page_links, percent_decode};

    #[test]
    fn links_are_read_in_any_quoting_and_decoded_but_not_from_text() {
        let html = concat!(
            "<!DOCTYPE html><p>href=\"text.html\"</p><!-- <a href=\"comment.html\"> -->",
            "<a href='single.html' id=top>x</a><a href=bare.html>y</a>",
            "<img src=\"a.svg?x=1&amp;y=2\"><textarea><a href=\"inside.html\"></textarea>",
            "<h2 name=\"n&amp;m\">z</h2>"
        );
        let found = page_links(html);
        let hrefs: Vec<&str> = found.links.iter().map(|(_, h)| h.as_str()).collect();
        assert_eq!(hrefs, ["single.html", "bare.html", "a.svg?x=1&y=2"]);
        for (offset, href) in &found.links {
            assert!(html[*offset..].contains(href.split('&').next().unwrap_or("")));
        }
        assert!(found.anchors.contains("top") && found.anchors.contains("n&m"));
    }

    #[test]
    fn escapes_decode_without_slicing_a_character() {
        assert_eq!(percent_decode("%aé"), "%aé");
        assert_eq!(percent_decode("%é%20x"), "%é x");
        assert_eq!(percent_decode("b%E1%BA%A3n"), "bản");
        assert_eq!(percent_decode("%ff"), "\u{fffd}");
        assert_eq!(percent_decode("50%"), "50%");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_relative_to_the_page() {
        assert_eq!(
            resolve("en/bulletins/x/index.html", "../../regions/a/").as_deref(),
            Some("en/regions/a/index.html")
        );
        assert_eq!(
            resolve("en/index.html", "../style.css").as_deref(),
            Some("style.css")
        );
        assert_eq!(resolve("index.html", "../../x"), None);
        assert_eq!(
            resolve("en/index.html", "/vi/").as_deref(),
            Some("vi/index.html")
        );
    }

    #[test]
    fn bounds_follow_the_qualifier() {
        // Over 5.6 million, +543,000: at most +10.74 %.
        let current = Bounds {
            lo: 5_600_000.0,
            hi: f64::INFINITY,
        };
        let before = current.minus(Bounds::point(543_000.0));
        let pct = Bounds::point(543_000.0).percent_of(before).unwrap();
        assert!(pct.lo.min(pct.hi) == 0.0);
        assert!((pct.lo.max(pct.hi) - 10.737).abs() < 0.001);
        let pct = Bounds {
            lo: pct.lo.min(pct.hi),
            hi: pct.lo.max(pct.hi),
        };
        assert!(pct.admits(10.66, 2));
        assert!(!pct.admits(10.8, 2));
        // 26,668 against 19,448 is +37.13 %: a stated +37.4 % is beyond rounding.
        let pct = Bounds::point(26_668.0)
            .percent_of(Bounds::point(19_448.0))
            .unwrap()
            .minus(Bounds::point(100.0));
        assert!(!pct.admits(37.4, 1));
        assert!(pct.admits(37.1, 1));
    }

    #[test]
    fn translators_may_drop_selectors_but_not_shown_variables() {
        let resource = fluent_syntax::parser::parse(
            "points = { $num } { $n ->\n [one] point\n *[other] points\n}\n",
        )
        .unwrap();
        let ast::Entry::Message(m) = &resource.body[0] else {
            panic!("a message")
        };
        let (mut used, mut shown) = (BTreeSet::new(), BTreeSet::new());
        pattern_variables(m.value.as_ref().unwrap(), &mut used, &mut shown);
        assert_eq!(used.len(), 2);
        assert_eq!(
            shown.into_iter().collect::<Vec<_>>(),
            vec!["num".to_string()]
        );
        assert_eq!(
            dollar_names("given: $kind, $scale and $num."),
            ["kind", "scale", "num"]
        );
    }
}
