//! Fuzzes the narrative renderer: front matter, citations and Markdown never panic, and the
//! HTML they make never runs script.

#![no_main]

use std::path::Path;

use bantin::content;
use bantin::markdown::{self, Citation};
use libfuzzer_sys::fuzz_target;

/// What a citation turns into: Markdown and HTML punctuation, to test the escaping.
const CITED: &str = "*1.5%* <b>&amp; [x](javascript:alert(1)) `<script>` _";

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    assert_inert(&markdown::to_html(text));

    let narrative = match content::parse_narrative(Path::new("en.md"), text.to_string(), "en") {
        Ok(n) => n,
        Err(d) => {
            assert!(!d.message.is_empty(), "empty message: {d:?}");
            if let Some(line) = d.line {
                assert!(line >= 1 && line <= text.lines().count() + 1, "{d:?}");
            }
            let _ = d.to_string();
            return;
        }
    };
    assert_inert(&markdown::to_html(narrative.body()));
    let mut cite = |_: &Citation, _: usize| Ok::<_, String>(CITED.to_string());
    match markdown::render(&narrative, &mut cite) {
        Ok(html) => {
            assert_inert(&html);
            assert!(
                !html.contains("<b>"),
                "a citation's text became markup: {html}"
            );
        }
        Err(d) => {
            assert!(!d.message.is_empty(), "empty message: {d:?}");
            if let Some(line) = d.line {
                assert!(line >= 1 && line <= text.lines().count() + 1, "{d:?}");
            }
            let _ = d.to_string();
        }
    }
    if let Ok(found) = markdown::citations(&narrative) {
        let lines = text.lines().count() + 1;
        for (citation, line) in found {
            assert!(!citation.id.is_empty());
            assert!(
                line >= 1 && line <= lines,
                "citation on line {line} of {lines}"
            );
        }
    }
});

/// No element or attribute in `html` can run script, and every link that opens is closed.
fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script element: {html}");
    assert_eq!(
        lower.matches("<a ").count(),
        lower.matches("</a>").count(),
        "unbalanced links: {html}"
    );
    // Text is escaped, so every `<` opens a tag the renderer wrote.
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        for (name, value) in attributes(tag) {
            assert!(
                !name.starts_with("on"),
                "event attribute in <{tag}>: {html}"
            );
            if matches!(name, "href" | "src") {
                // Browsers ignore whitespace and control characters inside a scheme.
                let scheme: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .take_while(|c| *c != ':')
                    .collect();
                let has_scheme = value.contains(':') && !scheme.contains(['/', '?', '#']);
                assert!(
                    !has_scheme || matches!(scheme.as_str(), "http" | "https" | "mailto"),
                    "unsafe url in <{tag}>: {html}"
                );
            }
        }
    }
}

/// The (name, value) attributes of a tag's inside, e.g. `a href="x" title="y"`.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = tag
        .trim_start_matches('/')
        .trim_start_matches(|c: char| !c.is_whitespace() && c != '/');
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return found;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        rest = &rest[end..];
        let mut value = "";
        if let Some(after) = rest.trim_start().strip_prefix('=') {
            let after = after.trim_start();
            let (v, r) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    (&after[1..close], after.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            value = v;
            rest = r;
        }
        found.push((name, value));
    }
}
