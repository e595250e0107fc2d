//! Helpers shared by the integration tests: copies of the example site to change one thing in.

use std::path::{Path, PathBuf};

/// The repository root, which is also the example site.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Copies the example site's content, locales and templates into `site`.
// Each test binary compiles this module on its own and uses only some of it.
#[allow(dead_code)]
pub fn copy_example(site: &Path) {
    for folder in ["content", "locales", "templates"] {
        copy_dir(&root().join(folder), &site.join(folder));
    }
}

/// The minimal site of `tests/fixtures/minimal` (one region, one bulletin in four languages)
/// in `site`, with the repository's locales and templates where it has none of its own.
#[allow(dead_code)]
pub fn minimal_site(site: &Path) {
    copy_dir(&root().join("tests/fixtures/minimal"), site);
    for shared in ["locales", "templates"] {
        if !site.join(shared).exists() {
            copy_dir(&root().join(shared), &site.join(shared));
        }
    }
}

/// The page without its JSON-LD data blocks (`<script type="application/ld+json">`), which a
/// browser never runs; each must hold valid JSON with no `<` that could end it early.
/// Any other script, or a data block a page could escape from, stays in the returned text.
#[allow(dead_code)]
pub fn without_json_ld(html: &str) -> String {
    const OPEN: &str = "<script type=\"application/ld+json\">";
    let mut rest = html;
    let mut kept = String::new();
    while let Some(start) = rest.find(OPEN) {
        let body_start = start + OPEN.len();
        let Some(len) = rest[body_start..].find("</script>") else {
            break;
        };
        let body = &rest[body_start..body_start + len];
        assert!(!body.contains('<'), "a `<` inside JSON-LD: {body}");
        serde_json::from_str::<serde_json::Value>(body)
            .unwrap_or_else(|e| panic!("JSON-LD that does not parse ({e}): {body}"));
        kept.push_str(&rest[..start]);
        rest = &rest[body_start + len + "</script>".len()..];
    }
    kept.push_str(rest);
    kept
}
