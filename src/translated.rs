//! `bantin translated <bulletin> <lang>`: records in a translation the version of the
//! default-language narrative it now matches (its `translated-from` line), changing nothing
//! else in the file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::freshness::Fingerprint;
use crate::content::{self, is_slug, yaml, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// The key of the record in a narrative's front matter.
const KEY: &str = "translated-from";

/// What `translated` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The translation's file.
    pub path: PathBuf,
    /// 1-based line of its `translated-from` line.
    pub line: usize,
    /// The source narrative's file.
    pub source: PathBuf,
    /// The record written.
    pub record: Fingerprint,
    /// False when the file already held this record and was left alone.
    pub changed: bool,
}

/// Writes (or rewrites) `translated-from` in `content/bulletins/<slug>/<lang>.md` with the
/// fingerprint of the default-language narrative beside it.
pub fn mark_translated(root: &Path, slug: &str, lang: &str) -> Result<Recorded, Diagnostics> {
    let config_path = root.join("content").join("site.yaml");
    let config: SiteConfig = yaml::parse(&config_path, &yaml::read_text(&config_path)?)?;
    let source_lang = &config.default_language;
    let bulletins = root.join("content").join("bulletins");
    let folder = bulletins.join(slug);
    if !is_slug(slug) || !folder.join("bulletin.yaml").is_file() {
        let known = known_bulletins(&bulletins);
        let hint = if known.is_empty() {
            "there are no bulletins yet; create one with `bantin new bulletin`".to_string()
        } else {
            format!("name a folder of content/bulletins/: {}", known.join(", "))
        };
        return Err(
            Diagnostic::error(&folder, format!("there is no bulletin `{slug}`"))
                .with_hint(hint)
                .into(),
        );
    }
    let languages = || config.languages.join(", ");
    if !config.languages.iter().any(|l| l == lang) {
        return Err(Diagnostic::error(
            &config_path,
            format!("`{lang}` is not a language of the site"),
        )
        .with_hint(format!(
            "name one of `languages` in site.yaml: {}",
            languages()
        ))
        .into());
    }
    if lang == source_lang {
        return Err(Diagnostic::error(
            &config_path,
            format!("{lang} is the site's default language: its narrative is the source the others are translated from"),
        )
        .with_hint(format!(
            "name the language of a translation: {}",
            config
                .languages
                .iter()
                .filter(|l| *l != source_lang)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .into());
    }
    let source_path = folder.join(format!("{source_lang}.md"));
    let path = folder.join(format!("{lang}.md"));
    for (file, hint) in [
        (
            &source_path,
            format!("write the {source_lang} narrative first: translations are made from it"),
        ),
        (
            &path,
            format!("write the {lang} translation first, e.g. from a copy of {source_lang}.md"),
        ),
    ] {
        if !file.is_file() {
            return Err(Diagnostic::error(file, "there is no such narrative")
                .with_hint(hint)
                .into());
        }
    }
    let record = content::load_narrative(&source_path, source_lang)?.fingerprint;
    let text = yaml::read_text(&path)?;
    let (updated, line) = with_record(&text, &record).ok_or_else(|| {
        // Parsing names the problem where it is (no front matter, no closing `---`).
        content::parse_narrative(&path, text.clone(), lang)
            .err()
            .unwrap_or_else(|| {
                Diagnostic::error(&path, "cannot find where the front matter ends")
                    .with_hint("end the front matter with a line `---`")
            })
    })?;
    // The file must read as a narrative once the line is written; a damaged record is
    // mended by this, so only the rewritten text is checked.
    content::parse_narrative(&path, updated.clone(), lang)?;
    let changed = updated != text;
    if changed {
        replace(&path, updated.as_bytes())?;
    }
    Ok(Recorded {
        path,
        line,
        source: source_path,
        record,
        changed,
    })
}

fn known_bulletins(dir: &Path) -> Vec<String> {
    let mut known: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().join("bulletin.yaml").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    known.sort();
    known
}

/// `text` with its `translated-from` line holding `record`, and that line's number: the line
/// is rewritten where it is, or added as the front matter's last line. Every other byte stays,
/// and a new line ends the way the file's first line does (LF or CRLF).
pub(crate) fn with_record(text: &str, record: &Fingerprint) -> Option<(String, usize)> {
    let newline = match text.find('\n') {
        Some(i) if text[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    };
    let line_text = format!("{KEY}: \"{record}\"");
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let bare = |line: &str| line.trim_end_matches(['\n', '\r']).to_string();
    // The front matter runs from the line after the first `---` to the next `---`.
    let opening = bare(lines.first()?);
    if opening.trim_start_matches('\u{feff}') != "---" {
        return None;
    }
    let closing = 1 + lines[1..].iter().position(|l| bare(l) == "---")?;
    let existing = (1..closing).find(|&i| {
        bare(lines[i])
            .strip_prefix(KEY)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    let (index, replaced) = match existing {
        Some(i) => {
            // A value continued on indented lines belongs to the record too.
            let continued = lines[i + 1..closing]
                .iter()
                .take_while(|l| l.starts_with([' ', '\t']))
                .count();
            (i, 1 + continued)
        }
        None => (closing, 0),
    };
    let ending = match existing {
        Some(i) => &lines[i + replaced - 1][bare(lines[i + replaced - 1]).len()..],
        None => newline,
    };
    let new_line = format!("{line_text}{ending}");
    lines.splice(index..index + replaced, [new_line.as_str()]);
    Some((lines.concat(), index + 1))
}

/// Replaces a file's contents at once: written beside it, then renamed over it, so an editor or
/// `serve` never reads half a file. A symbolic link stays a link; the file it leads to changes.
fn replace(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let io_error = |e: std::io::Error| {
        Diagnostic::error(path, format!("cannot write: {e}"))
            .with_hint("check that the file and its folder are writable")
    };
    let target = fs::canonicalize(path).map_err(io_error)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A hidden name: loaders and `serve` pass over it as an editor's file.
    let staging = target.with_file_name(format!(".{name}.{}.bantin", std::process::id()));
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&staging)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(metadata) = fs::metadata(&target) {
            fs::set_permissions(&staging, metadata.permissions())?;
        }
        fs::rename(&staging, &target)
    })();
    if let Err(e) = written {
        // Nothing to undo if the staging file was never made.
        let _ = fs::remove_file(&staging);
        return Err(io_error(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Fingerprint {
        Fingerprint::of("T", "S", "Body")
    }

    #[test]
    fn a_record_is_added_as_the_last_front_matter_line_in_the_files_line_ends() {
        let text = "---\r\ntitle: \"A\"\r\nsummary: \"B\"\r\n---\r\n\r\nBody  \n";
        let (updated, line) = with_record(text, &record()).expect("front matter");
        assert_eq!(line, 4);
        assert_eq!(
            updated,
            format!("---\r\ntitle: \"A\"\r\nsummary: \"B\"\r\ntranslated-from: \"{}\"\r\n---\r\n\r\nBody  \n", record())
        );
    }

    #[test]
    fn a_record_is_rewritten_in_place() {
        let text = "\u{feff}---\ntitle: A\ntranslated-from: \"old\"\nsummary: B\n---\nBody";
        let (updated, line) = with_record(text, &record()).expect("front matter");
        assert_eq!(line, 3);
        assert_eq!(
            updated,
            format!(
                "\u{feff}---\ntitle: A\ntranslated-from: \"{}\"\nsummary: B\n---\nBody",
                record()
            )
        );
        // Rewriting the same record again changes nothing.
        assert_eq!(with_record(&updated, &record()).map(|u| u.0), Some(updated));
    }

    #[test]
    fn no_front_matter_no_record() {
        assert_eq!(with_record("title: A\n", &record()), None);
        assert_eq!(with_record("---\ntitle: A\n", &record()), None);
    }
}
