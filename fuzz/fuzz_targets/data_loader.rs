//! Fuzzes the YAML data loader: any text gives a value or a located diagnostic, never a panic.

#![no_main]

use std::path::Path;

use bantin::content::{BulletinMeta, Catalogue, Region, SiteConfig, YearData};
use bantin::diagnostics::Diagnostic;
use bantin::content::spans;
use bantin::content::yaml::{self, UniqueMap};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

fuzz_target!(|bytes: &[u8]| {
    // Non-UTF-8 input is `yaml::read_text`'s business; it needs a file, so it is left to the
    // unit tests rather than paid for with disk I/O on every run.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    check::<YearData>(text);
    check::<BulletinMeta>(text);
    check::<Catalogue>(text);
    check::<SiteConfig>(text);
    check::<UniqueMap<String, Region>>(text);

    // Key lookups with keys taken from the input itself, so they sometimes match.
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ':')
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    for n in 0..=words.len() {
        if let Some((line, column)) = yaml::locate(text, &words[..n]) {
            assert!(
                (1..=line_count(text)).contains(&line),
                "locate gave line {line} for {words:?}"
            );
            assert!(column >= 1, "locate gave column {column}");
        }
    }
    for key in ["results", "targets", "date", "indicators", "title"] {
        let _ = yaml::locate(text, &[key, words.first().copied().unwrap_or("x")]);
    }

    // The parser's spans: every offset it reports is a place in the text.
    let at_boundary = |at: usize| at <= text.len() && text.is_char_boundary(at);
    match spans::check(text) {
        Ok(()) => {}
        Err(spans::Problem::Syntax { at, after, .. }) => {
            assert!(at_boundary(at) && at_boundary(after), "{at} {after}")
        }
        Err(spans::Problem::Duplicate { at, first, .. }) => {
            assert!(at_boundary(at) && at_boundary(first) && first < at, "{first} {at}")
        }
        Err(spans::Problem::TooDeep { at }) => assert!(at_boundary(at)),
    }
    if let Some(at) = spans::first_alias(text) {
        assert!(at_boundary(at));
    }
});

fn check<T: DeserializeOwned>(text: &str) {
    if let Err(diagnostic) = yaml::parse::<T>(Path::new("data.yaml"), text) {
        check_diagnostic(&diagnostic, text);
    }
}

fn check_diagnostic(diagnostic: &Diagnostic, text: &str) {
    assert!(
        !diagnostic.message.is_empty(),
        "empty message: {diagnostic:?}"
    );
    if let Some(line) = diagnostic.line {
        assert!(
            (1..=line_count(text) + 1).contains(&line),
            "line {line} outside a text of {} lines: {diagnostic:?}",
            line_count(text)
        );
    }
    if let Some(column) = diagnostic.column {
        assert!(column >= 1, "column {column}: {diagnostic:?}");
    }
    // Display must not panic either: it is what users see.
    let _ = diagnostic.to_string();
}

/// Lines as an editor counts them: a final line without a newline still counts.
fn line_count(text: &str) -> usize {
    text.lines().count().max(1)
}
