//! The words a site publishes: one term per thing in each language (a glossary in
//! `locales/<lang>/glossary.yaml`, checked across the UI messages and the narratives), no
//! placeholder left from `bantin new`, and no example address about to be published.

use std::path::Path;

use crate::content::yaml::{self, UniqueMap};
use crate::content::Content;
use crate::diagnostics::{line_col, Diagnostic, Diagnostics};
use crate::i18n::{arg, Locales};

/// The glossary's file name in each language's folder.
pub const GLOSSARY: &str = "glossary.yaml";

/// Preferred term → the variants that must not be used for it.
type Glossary = UniqueMap<String, Vec<String>>;

/// Every use of a variant the glossary of its language forbids, in the `.ftl` messages and
/// the narratives of that language.
pub fn glossary(root: &Path, content: &Content) -> Diagnostics {
    let mut found = Diagnostics::default();
    for lang in &content.config.languages {
        let dir = root.join("locales").join(lang);
        let path = dir.join(GLOSSARY);
        if !path.is_file() {
            continue;
        }
        let glossary: Glossary = match yaml::read_text(&path).and_then(|t| yaml::parse(&path, &t)) {
            Ok(glossary) => glossary,
            Err(problem) => {
                found.push(problem);
                continue;
            }
        };
        let mut texts: Vec<(std::path::PathBuf, String, bool)> = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        for file in files {
            if let Ok(text) = yaml::read_text(&file) {
                texts.push((file, text, true));
            }
        }
        for bulletin in &content.bulletins {
            if let Some(narrative) = bulletin.narratives.get(lang) {
                if let Ok(narrative) = narrative.with_text() {
                    texts.push((
                        narrative.file.path.clone(),
                        narrative.file.text.clone(),
                        false,
                    ));
                }
            }
        }
        let preferred_terms: Vec<&str> = glossary.0.keys().map(String::as_str).collect();
        for (file, text, is_ftl) in &texts {
            for (preferred, variants) in glossary.0.iter() {
                for variant in variants {
                    for offset in uses(text, variant, &preferred_terms, *is_ftl) {
                        let (line, column) = line_col(text, offset);
                        found.push(
                            Diagnostic::warning(
                                file,
                                format!(
                                    "`{variant}` is not this site's {lang} term: its glossary says `{preferred}`"
                                ),
                            )
                            .at(text, line, column)
                            .with_hint(format!(
                                "write `{preferred}`, so that one thing has one name on every page (locales/{lang}/{GLOSSARY})"
                            )),
                        );
                    }
                }
            }
        }
    }
    found
}

/// Byte offsets where `variant` is used in `text` as a whole word (a variant ending in `*`
/// also with any ending: `sosialtrygd*` finds "sosialtrygden"), in any case, and not where it
/// is part of a preferred term (a proper name such as "Vietnam Social Security" can be listed
/// as a term with no variants to keep it). In `.ftl` files, comments are for translators and
/// are skipped.
fn uses(text: &str, variant: &str, preferred: &[&str], is_ftl: bool) -> Vec<usize> {
    let (variant, any_ending) = match variant.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (variant, false),
    };
    let lower = text.to_lowercase();
    // Lowercasing keeps byte offsets only where every character keeps its length; otherwise
    // match the text as written.
    let folded = lower.len() == text.len();
    let fold = |s: &str| {
        if folded {
            s.to_lowercase()
        } else {
            s.to_string()
        }
    };
    let hay = if folded { lower.as_str() } else { text };
    let needle = fold(variant);
    if needle.is_empty() {
        return Vec::new();
    }
    let preferred_at: Vec<(usize, usize)> = preferred
        .iter()
        .map(|term| fold(term))
        .flat_map(|term| {
            hay.match_indices(term.as_str())
                .map(|(at, m)| (at, at + m.len()))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut found = Vec::new();
    for (at, m) in hay.match_indices(needle.as_str()) {
        let line_start = hay[..at].rfind('\n').map_or(0, |i| i + 1);
        if is_ftl && hay[line_start..].trim_start().starts_with('#') {
            continue;
        }
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() || is_cjk(c));
        let word_start = boundary(hay[..at].chars().next_back());
        let word_end = any_ending || boundary(hay[at + m.len()..].chars().next());
        let inside_preferred = preferred_at
            .iter()
            .any(|(start, end)| *start <= at && at + m.len() <= *end);
        if word_start && word_end && !inside_preferred {
            found.push(at);
        }
    }
    found
}

/// Chinese characters are words of their own: no spaces mark where a term starts.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Narratives that still hold the placeholder text `bantin new` and `bantin init` write.
pub fn placeholders(content: &Content, locales: &Locales) -> Diagnostics {
    let mut found = Diagnostics::default();
    for bulletin in &content.bulletins {
        for (lang, narrative) in &bulletin.narratives {
            let Some(localizer) = locales.get(lang) else {
                continue;
            };
            let Ok(narrative) = narrative.with_text() else {
                continue;
            };
            let text = &narrative.file.text;
            for id in ["scaffold-summary", "scaffold-intro"] {
                let Some(fixed) = fixed_part(&localizer, id) else {
                    continue;
                };
                if let Some(offset) = text.find(&fixed) {
                    let (line, column) = line_col(text, offset);
                    found.push(
                        Diagnostic::warning(
                            &narrative.file.path,
                            "the narrative still holds placeholder text from `bantin new`",
                        )
                        .at(text, line, column)
                        .with_hint("replace it with the bulletin's own words before publishing"),
                    );
                }
            }
        }
    }
    found
}

/// The longest stretch of a placeholder message that does not depend on its arguments.
fn fixed_part(localizer: &crate::i18n::Localizer<'_>, id: &str) -> Option<String> {
    const MARK: &str = "\u{1}";
    let text = localizer
        .message(id, vec![("region", arg(MARK)), ("year", arg(MARK))])
        .ok()?;
    text.split(MARK)
        .map(str::trim)
        .max_by_key(|part| part.len())
        // Long enough to be the placeholder and not a common phrase (bytes: Chinese is dense).
        .filter(|part| part.len() >= 12)
        .map(str::to_string)
}

/// A base URL on a domain reserved for examples (RFC 2606): feeds, the sitemap and share
/// cards would point at an address nobody can reach.
pub fn example_address(content: &Content) -> Option<Diagnostic> {
    let url = url::Url::parse(&content.config.base_url).ok()?;
    let host = url.host_str()?.trim_end_matches('.');
    let reserved = ["example.org", "example.com", "example.net"]
        .iter()
        .any(|domain| host == *domain || host.ends_with(&format!(".{domain}")))
        || host == "example"
        || host.ends_with(".example");
    reserved.then(|| {
        content
            .config_file
            .warning_at(
                &["base-url"],
                format!(
                    "the base URL `{}` is an example address",
                    content.config.base_url
                ),
            )
            .with_hint(
                "feeds, the sitemap and share cards point there: set `base-url` to the address \
                 the site is published under (or build with --base-url)",
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variant_is_found_at_word_starts_in_any_case_but_not_inside_the_preferred_term() {
        let text = "Sosialtrygd og sosialtrygden\nbesosialtrygd\n# sosialtrygd i en kommentar\n";
        let found = uses(text, "sosialtrygd*", &["sosialforsikring"], true);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(line_col(text, found[1]), (1, 16));
        // Without `*`, whole words only: "Vietnamese" is no use of "Vietnam".
        assert_eq!(
            uses("Vietnam, Vietnamese", "Vietnam", &["Viet Nam"], false),
            vec![0]
        );
        // A proper name listed as a term of its own keeps its spelling.
        let agency = "Vietnam Social Security and Vietnam";
        assert_eq!(
            uses(
                agency,
                "Vietnam",
                &["Viet Nam", "Vietnam Social Security"],
                false
            ),
            vec![28]
        );
        // Chinese has no word boundaries; the preferred term is no use of its variant.
        assert_eq!(
            uses("乂安省和义安省", "乂安省", &["义安省"], false),
            vec![0]
        );
        assert!(uses("社会保险局", "保险", &["社会保险局"], false).is_empty());
    }
}
