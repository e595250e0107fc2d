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
// Each test binary compiles this module on its own; bad_input builds its own minimal site.
#[allow(dead_code)]
pub fn copy_example(site: &Path) {
    for folder in ["content", "locales", "templates"] {
        copy_dir(&root().join(folder), &site.join(folder));
    }
}
