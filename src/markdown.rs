//! Narratives to HTML: `{{ fig(…) }}` citations first, then Markdown, with raw HTML made inert.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::content::{strip_controls, Narrative};
use crate::diagnostics::Diagnostic;

/// A figure cited in a narrative: `{{ fig(id="hi-participants", of="change", year=2022) }}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub id: String,
    pub of: Option<String>,
    pub year: Option<i32>,
    /// The year a change over several years runs from (`since=2010`).
    pub since: Option<i32>,
}

/// Every citation of a narrative with its 1-based line in the file, for checks and tests.
pub fn citations(narrative: &Narrative) -> Result<Vec<(Citation, usize)>, Diagnostic> {
    let mut found = Vec::new();
    expand(narrative, &mut |citation, line| {
        found.push((citation.clone(), line));
        Ok(String::new())
    })?;
    Ok(found)
}

/// Renders a narrative body to HTML; `cite` turns a citation into text for the page's language.
pub fn render(
    narrative: &Narrative,
    cite: &mut dyn FnMut(&Citation, usize) -> Result<String, String>,
) -> Result<String, Diagnostic> {
    let markdown = expand(narrative, cite)?;
    Ok(to_html(&markdown))
}

/// Replaces each `{{ … }}` with what `cite` makes of it, escaped for Markdown.
fn expand(
    narrative: &Narrative,
    cite: &mut dyn FnMut(&Citation, usize) -> Result<String, String>,
) -> Result<String, Diagnostic> {
    let body = narrative.body();
    let file = &narrative.file;
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    let mut consumed = 0;
    // Line and column counted so far, up to `counted`: each citation counts only the text
    // since the last one, so many citations (even on one line) cost no more than one pass.
    let (mut line, mut counted) = (narrative.body_line, 0);
    let mut chars_into_line = 0;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let offset = consumed + start;
        let since = &body[counted..offset];
        match since.rfind('\n') {
            Some(last) => {
                line += since.matches('\n').count();
                chars_into_line = since[last + 1..].chars().count();
            }
            None => chars_into_line += since.chars().count(),
        }
        counted = offset;
        let column = chars_into_line + 1;
        let error = |message: String, hint: &str| {
            Diagnostic::error(&file.path, message)
                .at(&file.text, line, column)
                .with_hint(hint.to_string())
        };
        // A `{{` before the next `}}` means this one was never closed; taking the next
        // citation's `}}` would blame the wrong text.
        let end = rest[start..].find("}}");
        let reopened = rest[start + 2..].find("{{").map(|i| i + 2);
        let Some(end) = end.filter(|e| reopened.is_none_or(|r| r > *e)) else {
            return Err(error(
                "`{{` is never closed".into(),
                "close the citation with `}}`, e.g. {{ fig(id=\"hi-coverage\") }}",
            ));
        };
        let call = &rest[start + 2..start + end];
        let citation = parse_call(call.trim()).map_err(|m| {
            error(m, "write citations as {{ fig(id=\"…\", of=\"result|target|change|change-pct|share-of-target|gap-to-target|times-target\", year=2024) }}, or a change over years as {{ fig(id=\"…\", of=\"change|change-pct|times\", since=2010) }}")
        })?;
        let text = cite(&citation, line).map_err(|m| {
            error(
                m,
                "cite an indicator and year that the data files hold, or correct the id",
            )
        })?;
        out.push_str(&escape_markdown(&text));
        consumed = offset + end + 2;
        rest = &body[consumed..];
    }
    out.push_str(rest);
    Ok(out)
}

fn parse_call(call: &str) -> Result<Citation, String> {
    let inner = call
        .strip_prefix("fig(")
        .and_then(|c| c.strip_suffix(')'))
        .ok_or_else(|| format!("`{{{{ {call} }}}}` is not a figure citation"))?;
    let mut citation = Citation {
        id: String::new(),
        of: None,
        year: None,
        since: None,
    };
    let mut text = inner.trim();
    while !text.is_empty() {
        let (name, after) = text
            .split_once('=')
            .ok_or_else(|| format!("expected `name=value` in `{inner}`"))?;
        let name = name.trim();
        let after = after.trim_start();
        let (value, rest) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted
                .find('"')
                .ok_or_else(|| format!("unclosed quote in `{inner}`"))?;
            (&quoted[..end], &quoted[end + 1..])
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after[..end].trim(), &after[end..])
        };
        match name {
            "id" => citation.id = value.to_string(),
            "of" => citation.of = Some(value.to_string()),
            "year" | "since" => {
                let year = value
                    .parse()
                    .map_err(|_| format!("`{name}={value}` is not a year"))?;
                if name == "year" {
                    citation.year = Some(year);
                } else {
                    citation.since = Some(year);
                }
            }
            other => {
                return Err(format!(
                    "unknown argument `{other}` (expected id, of, year, since)"
                ))
            }
        }
        text = rest.trim_start().trim_start_matches(',').trim_start();
    }
    if citation.id.is_empty() {
        return Err("the citation has no `id`".into());
    }
    Ok(citation)
}

/// Backslash-escapes ASCII punctuation so a figure such as `+1.18%` stays literal text.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Link and image targets that cannot run code: web, mail, and relative addresses.
fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Markdown to HTML. Raw HTML is shown as text, unsafe links lose their target, and headings
/// start at `<h2>` because the page's title is the `<h1>`.
pub fn to_html(markdown: &str) -> String {
    // Control characters are dropped (`bantin check` names where they were).
    let markdown = strip_controls(markdown);
    let markdown = markdown.as_ref();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut unsafe_links = 0usize;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        Event::Start(Tag::Link { dest_url, .. }) if !is_safe_url(&dest_url) => {
            unsafe_links += 1;
            None
        }
        Event::End(TagEnd::Link) if unsafe_links > 0 => {
            unsafe_links -= 1;
            None
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !is_safe_url(&dest_url) => Some(Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        })),
        other => Some(other),
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::is_forbidden_control;

    #[test]
    fn parses_citations() {
        assert_eq!(
            parse_call(r#"fig(id="hi-coverage", of="target", year=2024)"#).unwrap(),
            Citation {
                id: "hi-coverage".into(),
                of: Some("target".into()),
                year: Some(2024),
                since: None,
            }
        );
        assert_eq!(
            parse_call(r#"fig(id="hi-participants", of="times", since=2008)"#)
                .unwrap()
                .since,
            Some(2008)
        );
        assert!(parse_call(r#"fig(id="x", since=last)"#).is_err());
        assert!(parse_call(r#"fig(of="target")"#).is_err());
        assert!(parse_call(r#"fug(id="x")"#).is_err());
        assert!(parse_call(r#"fig(id="x", colour="red")"#).is_err());
    }

    /// A narrative whose body starts on line 5.
    fn narrative(body: &str) -> Narrative {
        let text = format!("---\ntitle: t\nsummary: s\n---\n{body}");
        let n = crate::content::parse_narrative(std::path::Path::new("en.md"), text, "en")
            .expect("a valid narrative");
        assert_eq!(n.body_line, 5);
        n
    }

    #[test]
    fn a_hundred_thousand_citations_expand_in_one_pass_with_their_places() {
        // Half on separate lines, half on one long line: neither may cost a rescan each.
        let mut body = String::new();
        for _ in 0..50_000 {
            body.push_str("{{ fig(id=\"hi-coverage\") }}\n");
        }
        for _ in 0..50_000 {
            body.push_str("é {{ fig(id=\"hi-coverage\") }} ");
        }
        let n = narrative(&body);
        let mut places = Vec::new();
        let html = render(&n, &mut |_, line| {
            places.push(line);
            Ok("93".into())
        })
        .expect("renders");
        assert_eq!(places.len(), 100_000);
        assert_eq!(places[49_999], 5 + 49_999);
        assert!(places[50_000..].iter().all(|l| *l == 5 + 50_000));
        assert_eq!(html.matches("93").count(), 100_000);
        // The column of a bad citation far along the long line is still exact.
        let bad = format!("{body}x {{{{ fig(id=) }}}}");
        let err = render(&narrative(&bad), &mut |_, _| Ok(String::new())).unwrap_err();
        let long_line = "é {{ fig(id=\"hi-coverage\") }} ".chars().count() * 50_000;
        assert_eq!(
            (err.line, err.column),
            (Some(5 + 50_000), Some(long_line + 3))
        );
    }

    #[test]
    fn an_unclosed_citation_is_named_not_the_next_one() {
        let n = narrative("A {{ fig(id=\"a\"): B {{ fig(id=\"b\") }}\n");
        let err = citations(&n).unwrap_err();
        assert!(err.message.contains("never closed"), "{err}");
        assert_eq!((err.line, err.column), (Some(5), Some(3)));
        let n = narrative("A {{ fig(id=\"a\") }} B {{ fig(id=\"b\") }}\n");
        assert_eq!(citations(&n).unwrap().len(), 2);
    }

    #[test]
    fn control_characters_never_reach_the_page() {
        let html = to_html("a\u{1b}[2J b\u{7}c\u{0}d\u{7f}\te\u{85}");
        assert!(!html.chars().any(is_forbidden_control), "{html:?}");
        assert!(html.contains("a[2J bcd\te"), "{html:?}");
    }

    #[test]
    fn raw_html_is_shown_not_run() {
        let html = to_html("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div onclick=\"x\">y</div>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let html =
            to_html("[click](javascript:alert(1)) and [ok](https://example.org) [rel](../x/)");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("href=\"https://example.org\""));
        assert!(html.contains("href=\"../x/\""));
        assert!(html.contains("click"));
    }

    #[test]
    fn figures_stay_literal_and_headings_start_at_h2() {
        let html = to_html(&format!(
            "# Title\n\n{} people\n",
            escape_markdown("+1.18%")
        ));
        assert!(html.contains("<h2>Title</h2>"));
        assert!(html.contains("+1.18% people"), "{html}");
    }
}
