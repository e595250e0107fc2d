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

fn build(site: &Path, home: &Path, name: &str) -> BTreeMap<String, Vec<u8>> {
    let out = site.join(name);
    let result = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["build", "--quiet", "--root"])
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
    pngs(&out)
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
    let before = build(&site, &home, "before");
    assert!(before.len() > 20, "only {} PNGs", before.len());

    // A font of another family appears in the user's font folders, as a newly installed
    // package's would: a serif face that a name-based fallback could pick for Latin text.
    for folder in [".fonts", ".local/share/fonts"] {
        let fonts = home.join(folder);
        fs::create_dir_all(&fonts).expect("mkdir");
        fs::copy(extra, fonts.join("ExtraSerif.ttf")).expect("copied");
    }
    let after = build(&site, &home, "after");
    assert_eq!(before.len(), after.len());
    for (path, bytes) in &before {
        assert!(
            after.get(path) == Some(bytes),
            "{path} changed with another font installed"
        );
    }
}
