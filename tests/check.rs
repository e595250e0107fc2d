//! `bantin check`, `new` and `init`: each check with a fixture that fails it and one that passes.
//!
//! Fixtures are the example site copied into a temporary folder with one file changed, so they
//! stay small and follow the example as it evolves.

mod common;

use common::root;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use bantin::check::{self, CheckOptions};
use bantin::diagnostics::{Diagnostic, Diagnostics, Severity};
use bantin::{BuildOptions, Site};

const NGHE_AN: &str = "content/bulletins/2024-01-18-nghe-an";

/// The example site (content, locales, templates) in a fresh temporary folder.
fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp folder");
    common::copy_example(dir.path());
    dir
}

fn edit(root: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).expect("the fixture file exists");
    let changed = change(text.clone());
    assert_ne!(text, changed, "the fixture edit of {file} changed nothing");
    fs::write(&path, changed).expect("writable");
}

fn run(root: &Path) -> Diagnostics {
    check::run(&CheckOptions {
        root: root.to_path_buf(),
        output: None,
        allow_outside: false,
    })
}

/// 1-based line of the first line of `file` containing `needle`.
fn line_of(root: &Path, file: &str, needle: &str) -> usize {
    fs::read_to_string(root.join(file))
        .expect("readable")
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is not in {file}"))
        + 1
}

fn find<'a>(found: &'a Diagnostics, needle: &str) -> Vec<&'a Diagnostic> {
    found
        .0
        .iter()
        .filter(|d| d.message.contains(needle))
        .collect()
}

/// A message's text in a locale, read from its .ftl files.
fn message(root: &Path, lang: &str, id: &str) -> String {
    for entry in fs::read_dir(root.join("locales").join(lang)).expect("a locale") {
        let text = fs::read_to_string(entry.expect("entry").path()).expect("readable");
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix(&format!("{id} = ")) {
                return rest.to_string();
            }
        }
    }
    panic!("no message {id} in {lang}")
}

fn render(root: &Path, page: &str) -> String {
    let site = Site::load(&BuildOptions {
        root: root.to_path_buf(),
        skip_png: true,
        ..BuildOptions::default()
    })
    .expect("the fixture loads");
    let files = site.render().expect("the fixture renders");
    let file = files
        .iter()
        .find(|f| f.path == page)
        .unwrap_or_else(|| panic!("no page {page}"));
    String::from_utf8(file.bytes.clone()).expect("HTML is UTF-8")
}

fn bantin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .output()
        .expect("the binary runs")
}

// ---------------------------------------------------------------- stated figures

#[test]
fn example_warns_only_of_the_nghe_an_withdrawals_and_its_example_address() {
    let root = root();
    let found = run(&root);
    assert!(!found.has_errors(), "{found}");
    assert_eq!(found.0.len(), 2, "expected two warnings, got:\n{found}");
    let address = find(&found, "is an example address");
    assert_eq!(address.len(), 1, "{found}");
    assert_eq!(address[0].path, Path::new("content/site.yaml"));
    assert_eq!(
        address[0].line,
        Some(line_of(&root, "content/site.yaml", "base-url:"))
    );
    let warning = find(&found, "si-onetime-benefits")[0];
    let data = "content/data/nghe-an/2023.yaml";
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.path, Path::new(data));
    assert!(
        warning.message.contains("si-onetime-benefits") && warning.message.contains("change-pct"),
        "{warning}"
    );
    assert!(warning.message.contains("37.4"), "{warning}");
    assert_eq!(
        warning.line,
        Some(line_of(&root, data, "si-onetime-benefits: {change-pct"))
    );
}

#[test]
fn a_stated_change_beyond_what_an_over_bound_allows_warns() {
    let root = example();
    let data = "content/data/nghe-an/2023.yaml";
    // Over 5.6 million, +543,000: at most +10.74 %.
    edit(root.path(), data, |t| {
        t.replace(
            "hi-visits: {change: 543000, change-pct: 10.66}",
            "hi-visits: {change: 543000, change-pct: 10.8}",
        )
    });
    let found = run(root.path());
    let hits = find(&found, "`hi-visits` change-pct");
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(
        hits[0].line,
        Some(line_of(root.path(), data, "hi-visits: {change"))
    );
    assert!(!found.has_errors(), "{found}");
}

#[test]
fn a_gap_to_target_off_by_more_than_rounding_warns() {
    let root = example();
    edit(root.path(), "content/data/viet-nam/2023.yaml", |t| {
        t.replace("{gap-to-target: 0.15}", "{gap-to-target: 0.25}")
    });
    let found = run(root.path());
    assert_eq!(
        find(&found, "`hi-coverage` gap-to-target").len(),
        1,
        "{found}"
    );
}

// ---------------------------------------------------------------- identities and ratios

#[test]
fn a_broken_identity_is_an_error_at_the_total() {
    let root = example();
    let data = "content/data/quang-binh/2023.yaml";
    edit(root.path(), data, |t| {
        t.replace("si-participants: 112488", "si-participants: 112489")
    });
    let found = run(root.path());
    let errors: Vec<_> = found.errors().collect();
    assert_eq!(errors.len(), 1, "{found}");
    assert_eq!(errors[0].path, Path::new(data));
    assert_eq!(
        errors[0].line,
        Some(line_of(root.path(), data, "si-participants: 112489"))
    );
    assert!(errors[0].message.contains("112488"), "{}", errors[0]);
    let status = bantin(&["check", "--root", root.path().to_str().unwrap()]).status;
    assert_eq!(status.code(), Some(1));
}

#[test]
fn changes_must_keep_the_identity_too() {
    let root = example();
    let data = "content/data/quang-binh/2023.yaml";
    // Without 2022 social-insurance counts, the changes come from what the article states.
    edit(root.path(), "content/data/quang-binh/2022.yaml", |t| {
        t.lines()
            .filter(|l| !l.trim_start().starts_with("si-"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let stated = |voluntary: u32| {
        move |t: String| {
            t.replace(
                "stated:\n  si-compulsory-participants: {share-of-target: 100}\n  si-voluntary-participants: {share-of-target: 105.6}\n",
                &format!("stated:\n  si-participants: {{change: 8226}}\n  si-compulsory-participants: {{share-of-target: 100, change: 2389}}\n  si-voluntary-participants: {{share-of-target: 105.6, change: {voluntary}}}\n"),
            )
        }
    };
    edit(root.path(), data, stated(5837));
    assert!(!run(root.path()).has_errors());
    edit(root.path(), data, |t| {
        t.replace("change: 5837", "change: 5836")
    });
    let found = run(root.path());
    let errors: Vec<_> = found.errors().collect();
    assert_eq!(errors.len(), 1, "{found}");
    assert!(
        errors[0].message.contains("change of `si-participants`"),
        "{}",
        errors[0]
    );
    assert_eq!(
        errors[0].line,
        Some(line_of(root.path(), data, "si-participants: 112488"))
    );
}

#[test]
fn a_recorded_share_that_disagrees_with_its_counts_warns() {
    let root = example();
    let data = "content/data/an-giang/2025.yaml";
    // 1,815,470 / 1,910,985 = 95.002 %: 95 passes, 96 does not.
    edit(root.path(), data, |t| {
        t.replace(
            "  population: 1910985\n",
            "  population: 1910985\n  hi-coverage: 95\n",
        )
    });
    let found = run(root.path());
    assert!(
        find(&found, "hi-participants / population").is_empty(),
        "{found}"
    );
    edit(root.path(), data, |t| {
        t.replace("  hi-coverage: 95\n", "  hi-coverage: 96\n")
    });
    let found = run(root.path());
    let hits = find(&found, "hi-participants / population");
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(
        hits[0].line,
        Some(line_of(root.path(), data, "hi-coverage: 96"))
    );
}

// ---------------------------------------------------------------- translations

#[test]
fn a_missing_translation_warns_and_the_page_falls_back_to_english() {
    let root = example();
    edit(root.path(), "locales/vi/ui.ftl", |t| {
        t.lines()
            .filter(|l| !l.starts_with("bulletin-figures ="))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let found = run(root.path());
    let hits = find(&found, "`bulletin-figures`");
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(hits[0].severity, Severity::Warning);
    let en_line = line_of(root.path(), "locales/en/ui.ftl", "bulletin-figures =");
    assert!(
        hits[0]
            .message
            .contains(&format!("locales/en/ui.ftl:{en_line}")),
        "{}",
        hits[0]
    );
    assert!(!found.has_errors(), "{found}");
    let english = message(root.path(), "en", "bulletin-figures");
    let page = render(root.path(), "vi/bulletins/2024-01-18-nghe-an/index.html");
    assert!(page.contains(&english), "the vi page lacks `{english}`");
}

#[test]
fn translations_must_use_the_variables_of_english_and_nothing_else() {
    let root = example();
    edit(root.path(), "locales/nb/ui.ftl", |t| {
        let mut out = String::new();
        for line in t.lines() {
            if line.starts_with("headline-target =") {
                out.push_str("headline-target = mål for { $yaer }\n");
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push_str("nb-only-message = Bare på norsk\n");
        out
    });
    let found = run(root.path());
    let mismatch = find(&found, "`headline-target` in nb");
    assert_eq!(mismatch.len(), 1, "{found}");
    assert!(mismatch[0].message.contains("$yaer") && mismatch[0].message.contains("$year"));
    let orphan = find(&found, "`nb-only-message`");
    assert_eq!(orphan.len(), 1, "{found}");
    assert_eq!(orphan[0].severity, Severity::Warning);
}

#[test]
fn a_fluent_syntax_error_is_an_error() {
    let root = example();
    edit(root.path(), "locales/zh/ui.ftl", |t| t + "broken = { $x\n");
    let found = run(root.path());
    let errors: Vec<_> = found.errors().collect();
    assert!(!errors.is_empty(), "{found}");
    assert!(
        errors
            .iter()
            .all(|e| e.path == Path::new("locales/zh/ui.ftl") && e.line.is_some()),
        "{found}"
    );
}

// ---------------------------------------------------------------- narratives and citations

#[test]
fn a_missing_narrative_warns_and_the_page_says_so_with_links() {
    let root = example();
    fs::remove_file(root.path().join(NGHE_AN).join("zh.md")).expect("exists");
    let found = run(root.path());
    assert!(!found.has_errors(), "{found}");
    let hits = find(&found, "no zh narrative");
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(hits[0].path, Path::new(NGHE_AN));

    let page = render(root.path(), "zh/bulletins/2024-01-18-nghe-an/index.html");
    let notice = message(root.path(), "zh", "narrative-missing");
    assert!(page.contains(&notice), "the zh page lacks the notice");
    for lang in ["vi", "en", "nb"] {
        let link = format!("href=\"../../../{lang}/bulletins/2024-01-18-nghe-an/index.html\"");
        let list = page
            .split("class=\"other-languages\"")
            .nth(1)
            .expect("a list of other languages");
        assert!(list.contains(&link), "no link to {lang} in the list");
    }
}

#[test]
fn an_unresolved_citation_is_an_error() {
    let root = example();
    edit(root.path(), &format!("{NGHE_AN}/en.md"), |t| {
        t + "\nAlso {{ fig(id=\"hi-participants\", year=2019) }}.\n"
    });
    let found = run(root.path());
    let errors: Vec<_> = found.errors().collect();
    assert_eq!(errors.len(), 1, "{found}");
    assert_eq!(errors[0].path, Path::new(NGHE_AN).join("en.md"));
    assert!(errors[0].message.contains("2019"), "{}", errors[0]);
}

// ---------------------------------------------------------------- links

#[test]
fn broken_internal_links_and_anchors_are_errors() {
    let root = example();
    let narrative = format!("{NGHE_AN}/en.md");
    edit(root.path(), &narrative, |t| {
        t + "\nSee [the region](../../regions/nghe-an/), [the table](#figures), [x](../nope/index.html) and [y](#nowhere).\n"
    });
    let found = run(root.path());
    let errors: Vec<_> = found.errors().collect();
    assert_eq!(errors.len(), 2, "{found}");
    let page = Path::new("en/bulletins/2024-01-18-nghe-an/index.html");
    assert!(
        errors.iter().all(|e| e.path == page && e.line.is_some()),
        "{found}"
    );
    assert!(
        errors[0].message.contains("../nope/index.html")
            || errors[1].message.contains("../nope/index.html")
    );
    assert!(
        errors.iter().any(|e| e.message.contains("#nowhere")),
        "{found}"
    );
    let hint = errors[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("en.md"), "{hint}");
}

// ---------------------------------------------------------------- command line

#[test]
fn warnings_pass_unless_strict_and_json_is_machine_readable() {
    let root = root();
    let root = root.to_str().expect("UTF-8 path");
    let plain = bantin(&["check", "--root", root]);
    assert_eq!(
        plain.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&plain.stdout)
    );
    let strict = bantin(&["check", "--root", root, "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    let json = bantin(&["check", "--root", root, "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let value: serde_json::Value =
        serde_json::from_slice(&json.stdout).expect("check --format json prints JSON");
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    for key in ["severity", "path", "line", "column", "message", "hint"] {
        assert!(items[0].get(key).is_some(), "no `{key}` in {}", items[0]);
    }
    assert_eq!(items[0]["severity"], "warning");
    assert_eq!(items[0]["path"], "content/data/nghe-an/2023.yaml");
}

// ---------------------------------------------------------------- new and init

#[test]
fn new_bulletin_builds_and_passes_check() {
    let root = example();
    let created = bantin::scaffold::new_bulletin(root.path(), "nghe-an", "2024-02-01")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(created.files.len(), 5);
    let meta = fs::read_to_string(created.folder.join("bulletin.yaml")).expect("written");
    for line in [
        "region: nghe-an",
        "date: 2024-02-01",
        "results-year: 2023",
        "targets-year: 2024",
        "draft: true",
    ] {
        assert!(meta.contains(line), "no `{line}` in\n{meta}");
    }
    let headline = meta
        .lines()
        .find(|l| l.starts_with("headline: ["))
        .expect("a headline");
    assert_eq!(headline.matches(',').count(), 3, "{headline}");
    for lang in ["vi", "en", "zh", "nb"] {
        let text = fs::read_to_string(created.folder.join(format!("{lang}.md"))).expect("written");
        assert!(
            text.contains("{{ fig(id=\"insured-any-participants\") }}"),
            "{text}"
        );
        assert!(
            text.contains("title: \"") && text.contains("summary: \""),
            "{text}"
        );
    }
    let zh = fs::read_to_string(created.folder.join("zh.md")).expect("written");
    assert!(zh.contains("义安"), "the zh title is not in Chinese:\n{zh}");
    // The example's findings, and the placeholders left to replace: a summary and an
    // introduction in each language, each at its line.
    let found = run(root.path());
    assert!(!found.has_errors());
    let placeholders = find(&found, "placeholder text from `bantin new`");
    assert_eq!(placeholders.len(), 8, "{found}");
    for warning in &placeholders {
        assert!(
            warning
                .path
                .starts_with("content/bulletins/2024-02-01-nghe-an"),
            "{warning}"
        );
        assert!(warning.line.is_some(), "{warning}");
    }
    assert_eq!(found.0.len(), 8 + 2, "{found}");
    let page = render_with_drafts(root.path(), "nb/bulletins/2024-02-01-nghe-an/index.html");
    assert!(
        page.contains("3\u{a0}024\u{a0}577"),
        "the nb page lacks the figure"
    );
}

fn render_with_drafts(root: &Path, page: &str) -> String {
    let site = Site::load(&BuildOptions {
        root: root.to_path_buf(),
        drafts: true,
        skip_png: true,
        ..BuildOptions::default()
    })
    .expect("loads");
    let files = site.render().expect("renders");
    let file = files.iter().find(|f| f.path == page).expect("the page");
    String::from_utf8(file.bytes.clone()).expect("UTF-8")
}

#[test]
fn new_bulletin_refuses_an_existing_folder_and_writes_nothing() {
    let root = example();
    let folder = root.path().join("content/bulletins/2024-01-18-nghe-an");
    let before: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(&folder)
        .expect("exists")
        .map(|e| {
            let p = e.expect("entry").path();
            let bytes = fs::read(&p).expect("readable");
            (p, bytes)
        })
        .collect();
    let output = bantin(&[
        "new",
        "bulletin",
        "--region",
        "nghe-an",
        "--date",
        "2024-01-18",
        "--root",
        root.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
    for (path, bytes) in before {
        assert_eq!(
            fs::read(&path).expect("still there"),
            bytes,
            "{}",
            path.display()
        );
    }
    let error = bantin::scaffold::new_bulletin(root.path(), "no-such-region", "2024-03-01")
        .expect_err("an unknown region is refused");
    assert!(error.to_string().contains("unknown region"), "{error}");
    assert!(!root
        .path()
        .join("content/bulletins/2024-03-01-no-such-region")
        .exists());
}

#[test]
fn init_creates_a_site_that_builds_and_passes_check() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let site = dir.path().join("site");
    let output = bantin(&["init", site.to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A new site is sound; check only reminds what to replace before publishing: the
    // placeholder words of its first bulletin and the example address.
    let found = run(&site);
    assert!(!found.has_errors(), "{found}");
    for warning in &found.0 {
        assert!(
            warning
                .message
                .contains("placeholder text from `bantin new`")
                || warning.message.contains("is an example address"),
            "{warning}"
        );
    }
    assert!(!find(&found, "placeholder text").is_empty(), "{found}");
    let report = bantin::build(&BuildOptions {
        root: site.clone(),
        output: Some(dir.path().join("out")),
        skip_png: true,
        ..BuildOptions::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.pages >= 4 * 3, "{report:?}");
    assert!(dir
        .path()
        .join("out/vi/bulletins/2024-01-18-nghe-an/index.html")
        .is_file());

    // A second init into the same, now non-empty, folder is refused.
    let again = bantin(&["init", site.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
}

#[test]
fn init_embeds_every_template_and_locale_file() {
    let embedded: Vec<&str> = bantin::scaffold::SITE_FILES
        .iter()
        .map(|(p, _)| *p)
        .collect();
    for part in ["templates", "locales"] {
        for entry in walkdir::WalkDir::new(root().join(part)) {
            let entry = entry.expect("readable");
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(root())
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            assert!(
                embedded.contains(&relative.as_str()),
                "{relative} is not in scaffold::SITE_FILES: `bantin init` would not copy it"
            );
        }
    }
}

#[test]
fn control_characters_in_a_narrative_are_left_out_and_named_by_check() {
    let dir = example();
    let root = dir.path();
    let file = "content/bulletins/2024-01-18-nghe-an/en.md";
    // ESC (a terminal's clear-screen), BEL, DEL and NUL pasted into the body and the summary.
    edit(root, file, |text| {
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let body = lines
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .expect("a body");
        lines[body].push_str(" \u{1b}[2J\u{7}tail\u{7f}\u{0}");
        let summary = lines
            .iter()
            .position(|l| l.starts_with("summary:"))
            .expect("summary");
        // Inside the quoted value, before its closing quote.
        let quote = lines[summary].rfind('"').expect("a quoted summary");
        lines[summary].insert_str(quote, " \u{1b}[31m");
        lines.join("\n") + "\n"
    });
    let found = run(root);
    let warnings = find(&found, "control character");
    let lines: BTreeSet<usize> = warnings.iter().filter_map(|d| d.line).collect();
    let summary_line = line_of(root, file, "summary:");
    let body_line = line_of(root, file, "tail");
    assert_eq!(lines, BTreeSet::from([summary_line, body_line]), "{found}");
    assert_eq!(warnings.len(), 5, "{found}");
    assert!(warnings.iter().all(|d| !d.is_error()));
    // What check prints escapes them too.
    assert!(!found.to_string().contains('\u{1b}'));

    for page in [
        "en/bulletins/2024-01-18-nghe-an/index.html",
        "en/atom.xml",
        "en/index.html",
    ] {
        let text = render(root, page);
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
            "{page} carries a control character"
        );
    }
    assert!(render(root, "en/bulletins/2024-01-18-nghe-an/index.html").contains("[2Jtail"));
}

#[test]
fn a_link_with_a_broken_escape_is_reported_not_a_crash() {
    let dir = example();
    let root = dir.path();
    edit(root, "templates/region.html", |text| {
        text.replacen(
            "{% block main %}",
            "{% block main %}<a href=\"%aé\">x</a><a href=\"%\">y</a>",
            1,
        )
    });
    let found = run(root);
    let broken = find(&found, "points to no file of the site");
    assert!(broken.iter().any(|d| d.message.contains("%aé")), "{found}");
    assert!(broken
        .iter()
        .all(|d| d.path.to_string_lossy().contains("regions")));
}

#[test]
fn the_glossary_flags_a_variant_term_in_messages_and_narratives() {
    let root = example();
    // A UI message and a narrative of Chinese each call Nghệ An by the name the glossary
    // replaced; an inflected Norwegian variant, too.
    edit(root.path(), "locales/zh/regions.ftl", |t| {
        t.replace("义安省", "乂安省")
    });
    edit(
        root.path(),
        "content/bulletins/2024-01-18-nghe-an/nb.md",
        |t| t.replacen("sosialforsikringen", "sosialtrygden", 1),
    );
    let found = run(root.path());
    let zh = find(
        &found,
        "`乂安省` is not this site's zh term: its glossary says `义安省`",
    );
    assert_eq!(zh.len(), 1, "{found}");
    assert_eq!(zh[0].path, Path::new("locales/zh/regions.ftl"));
    assert_eq!(
        zh[0].line,
        Some(line_of(root.path(), "locales/zh/regions.ftl", "乂安省"))
    );
    assert!(zh[0]
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("locales/zh/glossary.yaml")));
    let nb = find(&found, "`sosialtrygd*` is not this site's nb term");
    assert_eq!(nb.len(), 1, "{found}");
    assert_eq!(
        nb[0].line,
        Some(line_of(
            root.path(),
            "content/bulletins/2024-01-18-nghe-an/nb.md",
            "sosialtrygden"
        ))
    );
}

#[test]
fn a_broken_glossary_is_a_located_error() {
    let root = example();
    edit(root.path(), "locales/nb/glossary.yaml", |t| {
        format!("{t}sosialforsikring: [x]\n")
    });
    let found = run(root.path());
    let error = find(&found, "duplicate key `sosialforsikring`");
    assert_eq!(error.len(), 1, "{found}");
    assert_eq!(error[0].path, Path::new("locales/nb/glossary.yaml"));
}
