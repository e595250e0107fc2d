//! PNG charts are drawn with the font files of the families the charts name, never with
//! whatever else a machine has installed: a build before and after another font is installed
//! gives the same PNG bytes.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

/// Every PNG of an output folder, by path.
fn pngs(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| {
            e.path().extension().is_some_and(|x| x == "png")
                && e.path().to_string_lossy().contains("/charts/")
        })
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(out)
                .expect("inside")
                .to_string_lossy()
                .to_string();
            (path, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The PNGs of a build, and the font files `--verbose` says they were drawn with.
fn build(site: &Path, home: &Path, name: &str) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let out = site.join(name);
    let result = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["build", "--verbose", "--root"])
        .arg(site)
        .arg("--output")
        .arg(&out)
        // A cache of its own: each build draws every PNG.
        .arg("--cache-dir")
        .arg(site.join(format!("cache-{name}")))
        .env("HOME", home)
        .env_remove("XDG_DATA_HOME")
        .output()
        .expect("bantin runs");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let stdout = String::from_utf8(result.stdout).expect("UTF-8");
    let fonts = stdout
        .lines()
        .skip_while(|l| !l.starts_with("PNG charts drawn with these fonts only:"))
        .skip(1)
        .map_while(|l| l.strip_prefix("  "))
        .map(str::to_string)
        .collect();
    (pngs(&out), fonts)
}

#[test]
fn another_installed_font_never_changes_a_png() {
    let extra = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
    if !extra.is_file() {
        // scripts/setup.sh installs fonts-dejavu-core; without it there is nothing to add.
        eprintln!("skipped: {} is not installed", extra.display());
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    common::copy_example(&site);
    let home = dir.path().join("home");
    fs::create_dir_all(&home).expect("mkdir");
    let (before, fonts_before) = build(&site, &home, "before");
    assert!(before.len() > 20, "only {} PNGs", before.len());
    assert!(
        fonts_before.iter().any(|f| f.contains("NotoSansCJK")),
        "the CJK font is listed: {fonts_before:?}"
    );
    for font in &fonts_before {
        assert!(Path::new(font).is_file(), "{font} is a font file");
    }

    // A font of another family appears in the user's font folders, as a newly installed
    // package's would: a serif face that a name-based fallback could pick for Latin text.
    for folder in [".fonts", ".local/share/fonts"] {
        let fonts = home.join(folder);
        fs::create_dir_all(&fonts).expect("mkdir");
        fs::copy(extra, fonts.join("ExtraSerif.ttf")).expect("copied");
    }
    let (after, fonts_after) = build(&site, &home, "after");
    assert_eq!(
        fonts_before, fonts_after,
        "the same fonts, the new one not among them"
    );
    assert_eq!(before.len(), after.len());
    for (path, bytes) in &before {
        assert!(
            after.get(path) == Some(bytes),
            "{path} changed with another font installed"
        );
    }
}
