//! Translation freshness: `bantin translated` records which version of the default-language
//! narrative a translation matches, `check` says when and how the source changed since, and
//! the page says what it was translated from. Sites are copies of the example in temp dirs.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use bantin::check::{self, CheckOptions};
use bantin::content::freshness::Fingerprint;
use bantin::diagnostics::{Diagnostics, Severity};
use bantin::{BuildOptions, Site};

const NGHE_AN: &str = "2024-01-18-nghe-an";
const TRANSLATIONS: [&str; 3] = ["en", "zh", "nb"];

fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp folder");
    common::copy_example(dir.path());
    dir
}

fn narrative(root: &Path, lang: &str) -> std::path::PathBuf {
    root.join(format!("content/bulletins/{NGHE_AN}/{lang}.md"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).expect("readable")
}

/// The text without its `translated-from` line.
fn without_record(text: &str) -> String {
    text.split_inclusive('\n')
        .filter(|l| !l.starts_with("translated-from:"))
        .collect()
}

fn bantin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn translated(root: &Path, slug: &str, lang: &str) -> Output {
    bantin(&[
        "translated",
        slug,
        lang,
        "--root",
        root.to_str().expect("a UTF-8 path"),
    ])
}

fn run_check(root: &Path) -> Diagnostics {
    check::run(&CheckOptions {
        root: root.to_path_buf(),
        output: None,
        allow_outside: false,
    })
}

/// Findings about translation freshness (stale or unknown).
fn freshness(found: &Diagnostics) -> Vec<&bantin::diagnostics::Diagnostic> {
    found
        .0
        .iter()
        .filter(|d| {
            d.message.contains("since this translation was made")
                || d.message.contains("is up to date")
        })
        .collect()
}

fn render(root: &Path) -> Vec<bantin::render::RenderedFile> {
    Site::load(&BuildOptions {
        root: root.to_path_buf(),
        skip_png: true,
        ..BuildOptions::default()
    })
    .unwrap_or_else(|problems| panic!("the site loads:\n{problems}"))
    .render()
    .unwrap_or_else(|problems| panic!("the site renders:\n{problems}"))
}

fn page(files: &[bantin::render::RenderedFile], lang: &str) -> String {
    let path = format!("{lang}/bulletins/{NGHE_AN}/index.html");
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no page {path}"));
    String::from_utf8(file.bytes.clone()).expect("HTML is UTF-8")
}

/// Rewrites the second paragraph of the vi narrative's body.
fn edit_second_paragraph(root: &Path) {
    let path = narrative(root, "vi");
    let text = read(&path);
    let body_start = text.find("\n---\n").expect("front matter") + 5;
    let (front, body) = text.split_at(body_start);
    let mut blocks: Vec<String> = body.split("\n\n").map(str::to_string).collect();
    let second = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.trim().is_empty())
        .nth(1)
        .map(|(i, _)| i)
        .expect("two paragraphs");
    blocks[second].push_str(" Câu mới.");
    fs::write(&path, format!("{front}{}", blocks.join("\n\n"))).expect("writable");
}

// ---------------------------------------------------------------- bantin translated

#[test]
fn the_record_is_written_and_every_other_byte_stays() {
    let dir = example();
    for lang in TRANSLATIONS {
        let path = narrative(dir.path(), lang);
        let original = without_record(&read(&path));
        fs::write(&path, &original).expect("writable");

        let output = translated(dir.path(), NGHE_AN, lang);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let written = read(&path);
        assert_eq!(without_record(&written), original);
        let source =
            bantin::content::load_narrative(&narrative(dir.path(), "vi"), "vi").expect("vi");
        let line = format!("translated-from: \"{}\"\n", source.fingerprint);
        assert!(written.contains(&line), "{written}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains(&format!("{lang}.md:4")), "{stdout}");

        // Run again: nothing to do, the file is untouched.
        let again = translated(dir.path(), NGHE_AN, lang);
        assert!(again.status.success());
        assert!(String::from_utf8_lossy(&again.stdout).contains("already"));
        assert_eq!(read(&path), written);
    }
}

#[test]
fn a_crlf_file_keeps_its_line_ends_and_an_old_record_is_replaced_in_place() {
    let dir = example();
    let path = narrative(dir.path(), "en");
    let old = Fingerprint::of("old", "old", "old");
    let text = read(&path).replace(
        "translated-from:",
        &format!("translated-from: \"{old}\"\n# was:"),
    );
    let crlf = text.replace('\n', "\r\n");
    fs::write(&path, &crlf).expect("writable");

    let output = translated(dir.path(), NGHE_AN, "en");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written = read(&path);
    let source = bantin::content::load_narrative(&narrative(dir.path(), "vi"), "vi").expect("vi");
    let expected = crlf.replace(
        &format!("translated-from: \"{old}\"\r\n"),
        &format!("translated-from: \"{}\"\r\n", source.fingerprint),
    );
    assert_eq!(written, expected);
    // A CRLF copy of the source is the same version: still fresh.
    let vi = narrative(dir.path(), "vi");
    fs::write(&vi, read(&vi).replace('\n', "\r\n")).expect("writable");
    assert!(freshness(&run_check(dir.path())).is_empty());
}

#[test]
fn bad_requests_fail_with_a_located_error_and_a_hint() {
    let dir = example();
    fs::remove_file(narrative(dir.path(), "nb")).expect("removable");
    let before = read(&narrative(dir.path(), "en"));
    for (slug, lang, located, says) in [
        (
            "2024-01-18-ha-noi",
            "en",
            "content/bulletins/2024-01-18-ha-noi",
            "no bulletin",
        ),
        (
            "../../etc",
            "en",
            "content/bulletins/../../etc",
            "no bulletin",
        ),
        (NGHE_AN, "fr", "content/site.yaml", "not a language"),
        (NGHE_AN, "vi", "content/site.yaml", "default language"),
        (NGHE_AN, "nb", "nb.md", "no such narrative"),
    ] {
        let output = translated(dir.path(), slug, lang);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{slug} {lang}: {stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains(located), "{slug} {lang}: {stderr}");
        assert!(stderr.contains(says), "{slug} {lang}: {stderr}");
        assert!(stderr.contains("= help: "), "{slug} {lang}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert_eq!(read(&narrative(dir.path(), "en")), before);
}

// ---------------------------------------------------------------- check

#[test]
fn the_example_translations_are_fresh() {
    let found = run_check(&common::root());
    assert!(freshness(&found).is_empty(), "{found}");
}

#[test]
fn check_names_the_record_line_and_what_changed_in_the_source() {
    let dir = example();
    edit_second_paragraph(dir.path());
    let vi = read(&narrative(dir.path(), "vi"));
    let found = run_check(dir.path());
    let stale = freshness(&found);
    assert_eq!(stale.len(), 3, "{found}");
    for (warning, lang) in stale.iter().zip(["en", "nb", "zh"]) {
        assert_eq!(warning.severity, Severity::Warning);
        let file = format!("content/bulletins/{NGHE_AN}/{lang}.md");
        assert_eq!(warning.path, Path::new(&file));
        let record_line = read(&dir.path().join(&file))
            .lines()
            .position(|l| l.starts_with("translated-from:"))
            .expect("a record")
            + 1;
        assert_eq!(warning.line, Some(record_line), "{warning}");
        assert!(warning.message.starts_with("vi.md changed"), "{warning}");
        assert!(warning.message.contains("paragraph 2"), "{warning}");
        assert!(!warning.message.contains("the title"), "{warning}");
        // The excerpt is the paragraph as it is now, quoted with its line in vi.md.
        let changed_line = vi
            .lines()
            .position(|l| l.ends_with("Câu mới."))
            .expect("edited");
        let excerpt = vi.lines().nth(changed_line).expect("line");
        let quoted: String = excerpt.chars().take(20).collect();
        assert!(warning.message.contains(&quoted), "{warning}");
        let quote = warning.message.split('“').nth(1).expect("a quote");
        let quote = quote.split('”').next().expect("closed");
        assert!(quote.chars().count() <= 80, "{quote}");
        assert!(
            warning
                .hint
                .as_deref()
                .is_some_and(|h| h.contains(&format!("bantin translated {NGHE_AN} {lang}"))),
            "{warning}"
        );
    }
    // Once the translations are brought up to date and recorded, check is quiet again.
    for lang in TRANSLATIONS {
        assert!(translated(dir.path(), NGHE_AN, lang).status.success());
    }
    assert!(freshness(&run_check(dir.path())).is_empty());
}

#[test]
fn a_changed_title_and_a_new_paragraph_are_named() {
    let dir = example();
    let path = narrative(dir.path(), "vi");
    let text = read(&path).replacen("title: \"", "title: \"Mới: ", 1) + "\nĐoạn cuối mới.\n";
    fs::write(&path, text).expect("writable");
    let found = run_check(dir.path());
    let stale = freshness(&found);
    assert_eq!(stale.len(), 3, "{found}");
    let message = &stale[0].message;
    assert!(message.contains("the title;"), "{message}");
    assert!(message.contains("new"), "{message}");
    assert!(message.contains("Đoạn cuối mới."), "{message}");
}

#[test]
fn a_translation_without_a_record_has_an_unknown_freshness() {
    let dir = example();
    let path = narrative(dir.path(), "zh");
    fs::write(&path, without_record(&read(&path))).expect("writable");
    let found = run_check(dir.path());
    let unknown = freshness(&found);
    assert_eq!(unknown.len(), 1, "{found}");
    let warning = unknown[0];
    assert_eq!(
        warning.path,
        Path::new(&format!("content/bulletins/{NGHE_AN}/zh.md"))
    );
    assert_eq!(warning.line, Some(1));
    assert!(warning.message.contains("unknown"), "{warning}");
    assert!(
        warning
            .hint
            .as_deref()
            .is_some_and(|h| h.contains(&format!("`bantin translated {NGHE_AN} zh`"))),
        "{warning}"
    );
}

// ---------------------------------------------------------------- the page

#[test]
fn a_fresh_translation_says_what_it_was_translated_from_in_its_language() {
    let dir = example();
    let files = render(dir.path());
    for (lang, statement) in [
        (
            "en",
            "Translated from the Vietnamese version of 18 January 2024.",
        ),
        (
            "nb",
            "Oversatt fra den vietnamesiske utgaven fra 18. januar 2024.",
        ),
        ("zh", "译自2024年1月18日的越南语版本。"),
    ] {
        let html = page(&files, lang);
        assert!(
            html.contains(&format!("<p class=\"translation-note\">{statement}</p>")),
            "{lang}: no statement in\n{html}"
        );
    }
    // The source itself claims nothing.
    assert!(!page(&files, "vi").contains("translation-note"));
}

#[test]
fn a_stale_translation_says_the_source_was_updated_and_links_it() {
    let dir = example();
    edit_second_paragraph(dir.path());
    let files = render(dir.path());
    for (lang, notice) in [
        ("en", "The Vietnamese version has been updated since"),
        ("nb", "Den vietnamesiske utgaven er oppdatert"),
        ("zh", "越南语版本已有更新"),
    ] {
        let html = page(&files, lang);
        assert!(html.contains(notice), "{lang}: no notice in\n{html}");
        assert!(!html.contains("Translated from the"), "{lang}");
        assert!(
            html.contains(&format!(
                "<a href=\"../../../vi/bulletins/{NGHE_AN}/index.html\" hreflang=\"vi\""
            )),
            "{lang}: no link to the source"
        );
    }
}

#[test]
fn a_new_bulletins_stubs_match_their_source_until_it_is_written() {
    let dir = example();
    let created = bantin::scaffold::new_bulletin(dir.path(), "nghe-an", "2024-02-01")
        .unwrap_or_else(|e| panic!("{e}"));
    for lang in TRANSLATIONS {
        let text = read(&created.folder.join(format!("{lang}.md")));
        assert!(text.contains("\ntranslated-from: \""), "{text}");
    }
    assert!(!read(&created.folder.join("vi.md")).contains("translated-from"));
    assert!(freshness(&run_check(dir.path())).is_empty());
    let vi = created.folder.join("vi.md");
    fs::write(&vi, read(&vi) + "\nNội dung mới.\n").expect("writable");
    let found = run_check(dir.path());
    assert_eq!(freshness(&found).len(), 3, "{found}");
}

#[test]
fn a_damaged_record_stops_the_build_at_its_line_and_the_command_mends_it() {
    let dir = example();
    let path = narrative(dir.path(), "en");
    let text = read(&path);
    let damaged: String = text
        .split_inclusive('\n')
        .map(|l| {
            if l.starts_with("translated-from:") {
                "translated-from: \"06a2b6 title=x\"\n".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    fs::write(&path, &damaged).expect("writable");
    let problems = Site::load(&BuildOptions {
        root: dir.path().to_path_buf(),
        skip_png: true,
        ..BuildOptions::default()
    })
    .err()
    .expect("a damaged record is an error");
    let error = problems.0.first().expect("one error");
    assert!(error.path.ends_with("en.md"), "{problems}");
    assert_eq!(error.line, Some(4), "{problems}");
    assert!(error.message.contains("bantin translated"), "{problems}");

    let output = translated(dir.path(), NGHE_AN, "en");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(read(&path), text);
}
