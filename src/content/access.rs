//! Which files a site may read: its own, even through symbolic links, but nothing a link leads
//! to outside the site folder unless the user allows it (`--allow-outside`).
//!
//! One policy for `content/`, `locales/` and `templates/` (its `static/` files are published
//! as they are): every file and folder is followed to what it really is, and whatever resolves
//! outside the site folder is refused with its path. A link to `/etc/passwd` in `content/` or a
//! `templates/static` that is a link to a home folder can then never be read or published by
//! accident; a site that keeps shared files elsewhere on purpose passes `--allow-outside`.

use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// The folders of a site whose files are read.
pub const READ_FOLDERS: [&str; 3] = ["content", "locales", "templates"];

/// Every file or folder under the site's [`READ_FOLDERS`] that resolves outside `root`.
/// Problems reading a folder are left to the loaders, which report them in their place.
pub fn outside_files(root: &Path) -> Diagnostics {
    let mut found = Diagnostics::default();
    let Ok(site) = root.canonicalize() else {
        return found;
    };
    for folder in READ_FOLDERS {
        let walk = WalkDir::new(root.join(folder))
            .follow_links(true)
            .sort_by_file_name();
        for entry in walk.into_iter().filter_map(Result::ok) {
            if !entry.path_is_symlink() && entry.depth() > 0 {
                // Not a link itself: it is where its folder is, already checked.
                continue;
            }
            let Ok(target) = entry.path().canonicalize() else {
                continue;
            };
            if !target.starts_with(&site) {
                found.push(leads_outside(entry.path(), &target));
            }
        }
    }
    found
}

fn leads_outside(path: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error(
        path,
        format!(
            "this link leads outside the site folder, to {}",
            target.display()
        ),
    )
    .with_hint("copy what it points to into the site, or build with --allow-outside to read files from outside it on purpose")
}
