//! The benchmark's synthetic site builds and checks clean, so `scripts/bench.sh` never
//! times a failing build.

#[path = "../benches/generate.rs"]
mod generate;

use std::path::Path;
use std::process::{Command, Output};

const BULLETINS: usize = 20;

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
