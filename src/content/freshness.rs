//! Which version of the default-language narrative a translation was made from: a narrative's
//! fingerprint, and the `translated-from:` record a translation keeps of its source's.
//!
//! The record is one quoted line of front matter, written by `bantin translated` (and `new`):
//!
//! ```text
//! translated-from: "9c1e4a7b2f30 title=4a7b summary=2f30 body=1c2d,9e8f,77aa"
//! ```
//!
//! The first word decides freshness; the short hashes of each part (title, summary, each
//! paragraph of the body) only let `bantin check` say *what* changed since, without a copy of
//! the old text. Four hex digits a part keep the line short; if two versions of a paragraph
//! ever share them, check still reports the translation stale, only less precisely.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// Hex digits of the whole text's hash: enough that no edit goes unnoticed by chance.
const HASH_DIGITS: usize = 12;
/// Hex digits of each part's hash: enough to point at the parts that changed.
const PART_DIGITS: usize = 4;

/// What a narrative says, reduced to hashes.
///
/// What is covered: the title and summary as YAML reads them (so re-quoting a title is no
/// change) and the Markdown body, paragraph by paragraph. What is not: the other lines of the
/// front matter (`translated-from` itself, comments), which are bookkeeping, not text a
/// translator translates. The body is normalised first so that saving the same words again is
/// no change: CRLF and lone CR line ends become LF, spaces and tabs at line ends go, and
/// paragraphs are the blocks between blank lines, however many blank lines separate them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// The whole text's hash: a translation is fresh when its record holds this one.
    pub hash: String,
    pub title: String,
    pub summary: String,
    /// One per paragraph of the body, in order.
    pub paragraphs: Vec<String>,
}

/// A paragraph of a narrative's body: a block between blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based line of its first line in the file.
    pub line: usize,
    /// Its lines, normalised (LF, no trailing spaces).
    pub text: String,
}

/// The paragraphs of a body whose first line is line `body_line` of its file.
pub fn paragraphs(body: &str, body_line: usize) -> Vec<Paragraph> {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut found: Vec<Paragraph> = Vec::new();
    let mut open = false;
    for (i, line) in body.split('\n').enumerate() {
        let line = line.trim_end_matches([' ', '\t']);
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        match found.last_mut() {
            Some(paragraph) if open => {
                paragraph.text.push('\n');
                paragraph.text.push_str(line);
            }
            _ => found.push(Paragraph {
                line: body_line + i,
                text: line.to_string(),
            }),
        }
        open = true;
    }
    found
}

fn short_hash(text: &str, digits: usize) -> String {
    let mut hex = blake3::hash(text.as_bytes()).to_hex().to_string();
    hex.truncate(digits);
    hex
}

impl Fingerprint {
    /// The fingerprint of a narrative's title, summary and body.
    pub fn of(title: &str, summary: &str, body: &str) -> Fingerprint {
        let paragraphs: Vec<String> = paragraphs(body, 1).into_iter().map(|p| p.text).collect();
        // NUL never occurs in a narrative (control characters are left out of pages), so the
        // parts cannot run into each other.
        let whole = format!("{title}\0{summary}\0{}", paragraphs.join("\n\n"));
        Fingerprint {
            hash: short_hash(&whole, HASH_DIGITS),
            title: short_hash(title, PART_DIGITS),
            summary: short_hash(summary, PART_DIGITS),
            paragraphs: paragraphs
                .iter()
                .map(|p| short_hash(p, PART_DIGITS))
                .collect(),
        }
    }

    /// Reads a record as [`Fingerprint`]'s `Display` writes it.
    pub fn parse(text: &str) -> Option<Fingerprint> {
        let is_hex =
            |s: &str, digits: usize| s.len() == digits && s.bytes().all(|b| b.is_ascii_hexdigit());
        let mut words = text.split_whitespace();
        let hash = words.next().filter(|h| is_hex(h, HASH_DIGITS))?;
        let mut field = |name: &str| words.next()?.strip_prefix(name)?.strip_prefix('=');
        let title = field("title").filter(|h| is_hex(h, PART_DIGITS))?;
        let summary = field("summary").filter(|h| is_hex(h, PART_DIGITS))?;
        let body = field("body")?;
        let paragraphs: Vec<String> = if body.is_empty() {
            Vec::new()
        } else {
            body.split(',').map(str::to_string).collect()
        };
        if !paragraphs.iter().all(|p| is_hex(p, PART_DIGITS)) || words.next().is_some() {
            return None;
        }
        Some(Fingerprint {
            hash: hash.to_ascii_lowercase(),
            title: title.to_ascii_lowercase(),
            summary: summary.to_ascii_lowercase(),
            paragraphs: paragraphs.iter().map(|p| p.to_ascii_lowercase()).collect(),
        })
    }

    /// What changed from `self` (a translation's record) to `now` (the source as it is).
    pub fn changes_to(&self, now: &Fingerprint) -> Changes {
        Changes {
            title: self.title != now.title,
            summary: self.summary != now.summary,
            body: body_changes(&self.paragraphs, &now.paragraphs),
        }
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} title={} summary={} body={}",
            self.hash,
            self.title,
            self.summary,
            self.paragraphs.join(",")
        )
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor, so that an error carries the value's position (see `Date`).
        struct RecordVisitor;

        impl Visitor<'_> for RecordVisitor {
            type Value = Fingerprint;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the record `bantin translated` writes, in quotes")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Fingerprint, E> {
                Fingerprint::parse(text).ok_or_else(|| {
                    E::custom(format!(
                        "`{text}` is not a record `bantin translated` writes; run it again to rewrite the line"
                    ))
                })
            }
        }

        deserializer.deserialize_str(RecordVisitor)
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What changed in a source narrative since a translation was made from it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub title: bool,
    pub summary: bool,
    pub body: Vec<BodyChange>,
}

/// A change of the body, by paragraph number (1-based) in the source as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyChange {
    /// The paragraph was rewritten.
    Changed(usize),
    /// The paragraph is new.
    Added(usize),
    /// A paragraph was removed after this one (0: at the start).
    Removed { after: usize },
}

/// Paragraph changes from `old` to `new` hashes: the longest common subsequence stays, a
/// removal next to an addition is a rewrite, the rest are additions and removals.
fn body_changes(old: &[String], new: &[String]) -> Vec<BodyChange> {
    // lcs[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut changes = Vec::new();
    let (mut i, mut j) = (0, 0);
    // Paragraphs removed and added since the last common one; paired up when the run ends.
    let (mut removed, mut added) = (0usize, Vec::new());
    let mut flush = |removed: &mut usize, added: &mut Vec<usize>, j: usize| {
        let rewritten = (*removed).min(added.len());
        for (k, n) in added.iter().enumerate() {
            changes.push(if k < rewritten {
                BodyChange::Changed(*n)
            } else {
                BodyChange::Added(*n)
            });
        }
        for _ in rewritten..*removed {
            changes.push(BodyChange::Removed { after: j });
        }
        *removed = 0;
        added.clear();
    };
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            flush(&mut removed, &mut added, j);
            i += 1;
            j += 1;
        } else if j < new.len() && (i == old.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(j + 1);
            j += 1;
        } else {
            removed += 1;
            i += 1;
        }
    }
    flush(&mut removed, &mut added, j);
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_trailing_spaces_and_blank_lines_are_no_change() {
        let unix = Fingerprint::of("T", "S", "One\ntwo\n\nThree\n");
        let windows = Fingerprint::of("T", "S", "\r\nOne  \r\ntwo\r\n\r\n\r\nThree\r\n\r\n");
        let old_mac = Fingerprint::of("T", "S", "One\rtwo\r\rThree");
        assert_eq!(unix, windows);
        assert_eq!(unix, old_mac);
        assert_eq!(unix.paragraphs.len(), 2);
    }

    #[test]
    fn words_title_and_summary_are_changes() {
        let base = Fingerprint::of("T", "S", "One\n\nTwo\n");
        for other in [
            Fingerprint::of("T", "S", "One\n\nTwo!\n"),
            Fingerprint::of("T2", "S", "One\n\nTwo\n"),
            Fingerprint::of("T", "S2", "One\n\nTwo\n"),
            // Joining two paragraphs changes the page, though not the words.
            Fingerprint::of("T", "S", "One\nTwo\n"),
            // The title and summary cannot trade text with the body.
            Fingerprint::of("T\0S", "", "One\n\nTwo\n"),
        ] {
            assert_ne!(base.hash, other.hash, "{other}");
        }
    }

    #[test]
    fn records_read_back_and_reject_anything_else() {
        let print = Fingerprint::of("Tiêu đề", "Tóm tắt", "A\n\nB\n\nC");
        assert_eq!(Fingerprint::parse(&print.to_string()), Some(print.clone()));
        let empty = Fingerprint::of("T", "", "");
        assert_eq!(Fingerprint::parse(&empty.to_string()), Some(empty));
        for bad in [
            "",
            "9c1e4a7b2f30",
            "9c1e4a7b2f3 title=aaaa summary=bbbb body=",
            "9c1e4a7b2f30 title=aaaa summary=bbbb body=cc",
            "9c1e4a7b2f30 summary=bbbb title=aaaa body=",
            "9c1e4a7b2f30 title=aaaa summary=bbbb body= more",
        ] {
            assert_eq!(Fingerprint::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn paragraphs_know_their_lines() {
        let found = paragraphs("\nOne\ntwo\n\n\nThree\n", 5);
        assert_eq!(
            found,
            vec![
                Paragraph {
                    line: 6,
                    text: "One\ntwo".into()
                },
                Paragraph {
                    line: 10,
                    text: "Three".into()
                },
            ]
        );
    }

    fn hashes(parts: &[&str]) -> Vec<String> {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn body_changes_name_rewritten_added_and_removed_paragraphs() {
        use BodyChange::*;
        let old = hashes(&["a", "b", "c", "d"]);
        assert_eq!(body_changes(&old, &old), vec![]);
        // Paragraph 2 and 4 rewritten.
        assert_eq!(
            body_changes(&old, &hashes(&["a", "B", "c", "D"])),
            vec![Changed(2), Changed(4)]
        );
        // A paragraph inserted at 2 shifts nothing else.
        assert_eq!(
            body_changes(&old, &hashes(&["a", "x", "b", "c", "d"])),
            vec![Added(2)]
        );
        // The first removed, the last added.
        assert_eq!(
            body_changes(&old, &hashes(&["b", "c", "d", "e"])),
            vec![Removed { after: 0 }, Added(4)]
        );
        // Two paragraphs merged into one: a rewrite and a removal.
        assert_eq!(
            body_changes(&old, &hashes(&["a", "bc", "d"])),
            vec![Changed(2), Removed { after: 2 }]
        );
    }

    #[test]
    fn a_record_names_which_parts_changed() {
        let then = Fingerprint::of("T", "S", "One\n\nTwo\n");
        let now = Fingerprint::of("T", "S!", "One\n\nTwo, more\n");
        assert_eq!(
            then.changes_to(&now),
            Changes {
                title: false,
                summary: true,
                body: vec![BodyChange::Changed(2)],
            }
        );
    }
}
