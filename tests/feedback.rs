//! What `bantin build` tells its user: one summary line whose counts match the output, the
//! files written with `--verbose`, nothing with `--quiet`, a progress bar only on a terminal
//! that can draw it, and never a raw control character from a file name.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::copy_example;

/// The example site in a temporary folder.
fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    dir
}

fn build_command(site: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bantin"));
    command
        .args(["build", "--no-png", "--root"])
        .arg(site)
        .args(extra)
        .stdin(Stdio::null())
        // The bar would show at once, were it not for the missing terminal.
        .env("BANTIN_PROGRESS_AFTER_MS", "0")
        .env_remove("NO_COLOR");
    command
}

fn build(site: &Path, extra: &[&str]) -> Output {
    let output = build_command(site, extra).output().expect("run bantin");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Every file of the built site, relative and sorted, without the marker.
fn written(site: &Path) -> BTreeSet<String> {
    let output = site.join("output");
    walkdir::WalkDir::new(&output)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(&output).expect("inside");
            relative.to_string_lossy().into_owned()
        })
        .filter(|path| path != bantin::output::MARKER)
        .collect()
}

/// The numbers of `Built 5 bulletins: 46 pages, 44 charts in 0.4 s`.
fn counts(summary: &str) -> [usize; 3] {
    let words: Vec<&str> = summary.split_whitespace().collect();
    assert_eq!(words[0], "Built", "{summary}");
    assert_eq!(words[words.len() - 1], "s", "{summary}");
    let number = |word: &str| word.replace(',', "").parse().expect(summary);
    [number(words[1]), number(words[3]), number(words[5])]
}

#[test]
fn a_build_says_what_it_built_in_one_line() {
    let site = example();
    let result = build(site.path(), &[]);
    let stdout = text(&result.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    let index = site.path().join("output").join("index.html");
    assert_eq!(
        lines[1],
        format!("open {} in a browser", index.display()),
        "{stdout}"
    );

    let files = written(site.path());
    let pages = files.iter().filter(|f| f.ends_with(".html")).count();
    let charts = files
        .iter()
        .filter(|f| f.contains("/charts/") && f.ends_with(".svg"))
        .count();
    let bulletins = files
        .iter()
        .filter(|f| f.starts_with("en/bulletins/") && f.ends_with("/index.html"))
        .count();
    assert!(pages > 20 && charts > 10 && bulletins > 2, "{files:?}");
    assert_eq!(counts(lines[0]), [bulletins, pages, charts], "{stdout}");

    // Not a terminal: no bar, so nothing that redraws a line.
    let stderr = text(&result.stderr);
    assert!(!stderr.contains(['\u{1b}', '\r']), "{stderr:?}");
}

#[test]
fn quiet_prints_warnings_and_nothing_else() {
    let site = example();
    // A message only the reference language has: every other language warns.
    let ui = site.path().join("locales/en/ui.ftl");
    let mut ftl = std::fs::read_to_string(&ui).expect("read ui.ftl");
    ftl.push_str("\nfeedback-only-in-english = Only in English\n");
    std::fs::write(&ui, ftl).expect("write ui.ftl");

    let result = build(site.path(), &["--quiet"]);
    assert_eq!(text(&result.stdout), "");
    let stderr = text(&result.stderr);
    assert!(
        stderr.contains("`feedback-only-in-english` is not translated"),
        "{stderr}"
    );
    assert!(!stderr.contains(['\u{1b}', '\r']), "{stderr:?}");
    assert!(site.path().join("output/index.html").is_file());

    let short = build(site.path(), &["-q"]);
    assert_eq!(text(&short.stdout), "");
}

#[test]
fn verbose_lists_every_file_written_then_the_summary() {
    let site = example();
    let result = build(site.path(), &["--verbose"]);
    let stdout = text(&result.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let (listed, summary) = lines.split_at(lines.len() - 2);
    assert!(summary[0].starts_with("Built "), "{stdout}");

    let listed: Vec<String> = listed.iter().map(|l| l.to_string()).collect();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(listed, sorted, "listed in order");
    let files = written(site.path());
    assert_eq!(listed.into_iter().collect::<BTreeSet<_>>(), files);
    for expected in ["index.html", "en/index.html", "style.css"] {
        assert!(files.contains(expected), "{expected} is listed: {stdout}");
    }
    assert!(
        files
            .iter()
            .any(|f| f.starts_with("vi/charts/") && f.ends_with(".svg")),
        "a chart is listed: {stdout}"
    );
}

#[test]
fn quiet_and_verbose_conflict() {
    let site = example();
    let result = build_command(site.path(), &["-q", "-v"])
        .output()
        .expect("run bantin");
    assert_eq!(result.status.code(), Some(2));
    assert!(!site.path().join("output").exists());
}

#[cfg(unix)]
#[test]
fn file_names_reach_the_terminal_escaped() {
    let site = example();
    let odd = "odd\u{1b}[2J\u{7}name.css";
    std::fs::write(site.path().join("templates/static").join(odd), "").expect("write");
    let result = build(site.path(), &["--verbose"]);
    let stdout = text(&result.stdout);
    assert!(!stdout.contains(['\u{1b}', '\u{7}']), "{stdout:?}");
    assert!(
        stdout.lines().any(|l| l == "odd\\u{1b}[2J\\u{7}name.css"),
        "{stdout}"
    );

    // A diagnostic names the file: escaped too.
    let bulletin = site.path().join("content/bulletins/2024-01-10-quang-binh");
    std::fs::write(bulletin.join("vi\u{1b}[31m.md"), "").expect("write");
    let result = build_command(site.path(), &[]).output().expect("run");
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    assert!(stderr.contains("quang-binh/vi\\u{1b}[31m.md:"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

/// The build run in a pseudo-terminal, as `script` records it: stdout and stderr together.
#[cfg(target_os = "linux")]
fn on_a_terminal(site: &Path, extra: &str, env: &[(&str, &str)]) -> String {
    let command = format!(
        "'{}' build --no-png --root '{}' {extra}",
        env!("CARGO_BIN_EXE_bantin"),
        site.display()
    );
    let mut script = Command::new("script");
    script
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .stdin(Stdio::null())
        .env("TERM", "xterm-256color")
        .env("BANTIN_PROGRESS_AFTER_MS", "0")
        .env_remove("NO_COLOR");
    for (key, value) in env {
        script.env(key, value);
    }
    let result = script
        .output()
        .expect("run script (util-linux), which gives the build a terminal");
    let typescript = String::from_utf8_lossy(&result.stdout).into_owned();
    assert_eq!(result.status.code(), Some(0), "{typescript}");
    typescript
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_shows_a_bar_over_the_pages_then_the_summary() {
    let site = example();
    let shown = on_a_terminal(site.path(), "", &[]);
    let summary = shown.split_once("Built ").expect(&shown).1;
    let pages = counts(&format!("Built {}", summary.lines().next().expect(&shown)))[1];
    // The bar runs over the planned files: pages, feeds, sitemap, robots.txt, downloads.
    let out = site.path().join("output");
    let planned = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            [".html", ".xml", ".csv", ".json", "robots.txt"]
                .iter()
                .any(|end| name.ends_with(end))
        })
        .count();
    assert!(planned > pages);
    assert!(shown.contains("files"), "{shown:?}");
    assert!(shown.contains(&format!("/{planned}")), "{shown:?}");
    // Coloured, and taken off the line before the summary.
    assert!(shown.contains("\u{1b}[36m"), "{shown:?}");
    assert!(shown.contains("\u{1b}[2KBuilt "), "{shown:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn no_color_draws_the_bar_without_colour() {
    let site = example();
    let shown = on_a_terminal(site.path(), "", &[("NO_COLOR", "1")]);
    assert!(shown.contains("files ["), "{shown:?}");
    assert!(!shown.contains("\u{1b}[3"), "{shown:?}");
}

#[cfg(target_os = "linux")]
#[test]
fn no_bar_where_it_cannot_or_need_not_show() {
    let site = example();
    let summary_only = |shown: &str| {
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert_eq!(shown.lines().count(), 2, "{shown:?}");
        assert!(shown.starts_with("Built "), "{shown:?}");
    };
    // A terminal that cannot move the cursor.
    summary_only(&on_a_terminal(site.path(), "", &[("TERM", "dumb")]));
    // A build shorter than the delay (an hour here; a second by default).
    summary_only(&on_a_terminal(
        site.path(),
        "",
        &[("BANTIN_PROGRESS_AFTER_MS", "3600000")],
    ));
    assert_eq!(on_a_terminal(site.path(), "--quiet", &[]), "");
}
