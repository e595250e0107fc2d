//! The benchmark's synthetic site builds and checks clean, so `scripts/bench.sh` never
//! times a failing build.

#[path = "../benches/generate.rs"]
mod generate;

use std::path::Path;
use std::process::{Command, Output};

/// More than a feed holds (50), so the feeds' window is tested too.
const BULLETINS: usize = 60;

fn bantin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .output()
        .expect("the bantin binary runs")
}

fn count_files(dir: &Path, name: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .map(|e| e.expect("a readable folder entry"))
        .map(|e| {
            let path = e.path();
            if path.is_dir() {
                count_files(&path, name)
            } else {
                usize::from(e.file_name() == name)
            }
        })
        .sum()
}

fn count_html(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "html"))
        })
        .count()
}

#[test]
fn a_generated_site_builds_and_checks_without_errors() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let site = tmp.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let made = generate::bantin_site(repo, &site, BULLETINS).expect("the site is written");
    assert_eq!(
        made,
        generate::Generated {
            regions: 63,
            data_files: 63 * 16,
            bulletins: BULLETINS,
            narratives: BULLETINS * generate::LANGUAGES.len(),
        }
    );

    let out = tmp.path().join("out");
    let site_arg = site.to_str().expect("a UTF-8 temporary path");
    let out_arg = out.to_str().expect("a UTF-8 temporary path");
    let build = bantin(&["build", "--no-png", "--root", site_arg, "--output", out_arg]);
    assert!(
        build.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let pages: usize = generate::LANGUAGES
        .iter()
        .map(|lang| count_files(&out.join(lang).join("bulletins"), "index.html"))
        .sum();
    assert_eq!(pages, BULLETINS * generate::LANGUAGES.len());

    // Feeds keep the newest 50 bulletins, newest first; the sitemap lists every page.
    for lang in generate::LANGUAGES {
        let feed = std::fs::read_to_string(out.join(lang).join("atom.xml")).expect("a feed");
        let updated: Vec<&str> = feed
            .split("<entry>")
            .skip(1)
            .map(|entry| {
                let start = entry.find("<published>").expect("published") + "<published>".len();
                &entry[start..start + 10]
            })
            .collect();
        assert_eq!(updated.len(), bantin::plan::FEED_ENTRIES, "{lang}");
        assert!(
            updated.windows(2).all(|w| w[0] >= w[1]),
            "{lang}: {updated:?}"
        );
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).expect("a sitemap");
    let html_pages = count_html(&out) - 1; // all but 404.html
    assert_eq!(sitemap.matches("<loc>").count(), html_pages);

    let check = bantin(&["check", "--root", site_arg]);
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(check.status.success(), "check failed:\n{report}");
    // Warnings are allowed (their wording may change); errors are not.
    assert!(
        report.contains("check: 0 errors") && !report.lines().any(|l| l.starts_with("error")),
        "check reported errors:\n{report}"
    );
}

#[test]
fn the_hugo_twin_has_every_narrative() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = generate::hugo_site(repo, tmp.path(), BULLETINS).expect("the site is written");
    assert_eq!(pages, BULLETINS * generate::LANGUAGES.len());
    assert_eq!(count_files(&tmp.path().join("content"), "index.md"), pages);
    // Numbers stand where bantin has citations.
    let one = std::fs::read_to_string(
        tmp.path()
            .join("content/en/bulletins")
            .read_dir()
            .expect("bulletin folders")
            .next()
            .expect("one bulletin")
            .expect("a readable entry")
            .path()
            .join("index.md"),
    )
    .expect("a narrative");
    assert!(!one.contains("fig("), "{one}");
}
