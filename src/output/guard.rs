//! Refuses an output folder whose replacement would destroy the site itself: its root, an
//! ancestor of it, or its `content`, `templates` or `locales` folders.
//!
//! Paths are compared after [`normalise`]: absolute, `..` resolved, symbolic links followed,
//! so neither `--output ../site` nor a link into `content/` slips through.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The site's own folders; an output inside one would be deleted together with the user's files.
const SOURCE_FOLDERS: [&str; 3] = ["content", "templates", "locales"];

/// Most symbolic links followed while normalising; more is a loop.
const MAX_LINKS: usize = 40;

/// Ok when `output` may be replaced by a build of the site at `root`.
pub fn check_output(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let unreadable = |path: &Path, e: io::Error| {
        Diagnostic::error(path, format!("cannot resolve this path: {e}"))
            .with_hint("check that the folder exists and can be read")
    };
    let real_root = normalise(root).map_err(|e| unreadable(root, e))?;
    let real_output = normalise(output).map_err(|e| unreadable(output, e))?;
    let refuse = |what: String| {
        Err(Diagnostic::error(
            output,
            format!(
                "refusing to build into {}: {what}, and a build replaces its output folder entirely",
                output.display()
            ),
        )
        .with_hint(format!(
            "choose an output folder outside the site's sources, e.g. --output {}",
            root.join("output").display()
        )))
    };
    if real_output == real_root {
        return refuse("it is the site folder itself".into());
    }
    if real_root.starts_with(&real_output) {
        return refuse(format!(
            "it contains the site folder {}",
            real_root.display()
        ));
    }
    for folder in SOURCE_FOLDERS {
        if real_output.starts_with(real_root.join(folder)) {
            return refuse(format!("it is or lies inside the site's `{folder}` folder"));
        }
    }
    match fs::metadata(&real_output) {
        Ok(meta) if !meta.is_dir() => Err(Diagnostic::error(
            output,
            format!(
                "refusing to build into {}: it exists and is not a folder",
                output.display()
            ),
        )
        .with_hint("remove the file or choose another --output")),
        _ => Ok(()),
    }
}

/// The real absolute path of `path`, which need not exist: `.` and `..` resolved and every
/// symbolic link along the existing part followed, like `realpath -m`.
///
/// `..` is applied after following the link before it, as the kernel does: `link/..` is the
/// parent of the link's target, not the folder holding the link. Parts past the first missing
/// one cannot be links, so they are joined as they are.
pub fn normalise(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    // Parts still to walk, last first, so a link's target can be pushed in front of the rest.
    let mut pending: Vec<OsString> = Vec::new();
    let mut resolved = PathBuf::new();
    push_parts(&absolute, &mut resolved, &mut pending);
    let mut links = 0;
    let mut exists = true;
    while let Some(part) = pending.pop() {
        if part == ".." {
            resolved.pop();
            continue;
        }
        let next = resolved.join(&part);
        if exists {
            match fs::symlink_metadata(&next) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    links += 1;
                    if links > MAX_LINKS {
                        return Err(io::Error::other(format!(
                            "more than {MAX_LINKS} symbolic links (a loop?) at {}",
                            next.display()
                        )));
                    }
                    let target = fs::read_link(&next)?;
                    // An absolute target restarts from its own root; a relative one is
                    // read from the link's folder, which `resolved` already is.
                    push_parts(&target, &mut resolved, &mut pending);
                    continue;
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => exists = false,
                Err(e) => return Err(e),
            }
        }
        resolved = next;
    }
    Ok(resolved)
}

/// Queues the parts of `path` in front of `pending`; a root or prefix resets `resolved`.
fn push_parts(path: &Path, resolved: &mut PathBuf, pending: &mut Vec<OsString>) {
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => *resolved = PathBuf::from(prefix.as_os_str()),
            Component::RootDir => {
                // `/x` starts again from the root, keeping a Windows drive already named.
                let drive = match resolved.components().next() {
                    Some(Component::Prefix(prefix)) => PathBuf::from(prefix.as_os_str()),
                    _ => PathBuf::new(),
                };
                *resolved = drive;
                resolved.push(component.as_os_str());
            }
            Component::CurDir => {}
            Component::ParentDir => parts.push(OsString::from("..")),
            Component::Normal(name) => parts.push(name.to_os_string()),
        }
    }
    pending.extend(parts.into_iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    use std::os::unix::fs::symlink;

    fn temp() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        // The temp folder itself may sit behind a link (/tmp on macOS): compare real paths.
        let real = fs::canonicalize(dir.path()).expect("canonical temp dir");
        (dir, real)
    }

    #[test]
    fn dots_resolve_in_missing_parts() {
        let (_dir, base) = temp();
        assert_eq!(
            normalise(&base.join("a/b/../c/./d")).expect("normalise"),
            base.join("a/c/d")
        );
        assert_eq!(
            normalise(&base.join("missing/../../x")).expect("normalise"),
            base.parent().expect("parent").join("x")
        );
    }

    #[test]
    fn existing_paths_match_canonicalize() {
        let (_dir, base) = temp();
        fs::create_dir_all(base.join("site/content/2024")).expect("mkdir");
        let messy = base.join("site/./content/2024/../../content");
        assert_eq!(
            normalise(&messy).expect("normalise"),
            fs::canonicalize(&messy).expect("canonicalize")
        );
    }

    #[test]
    fn relative_paths_become_absolute() {
        let got = normalise(Path::new("some/missing/thing")).expect("normalise");
        assert!(got.is_absolute());
        assert!(got.ends_with("some/missing/thing"));
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_before_dot_dot() {
        let (_dir, base) = temp();
        fs::create_dir_all(base.join("real/inner")).expect("mkdir");
        fs::create_dir_all(base.join("elsewhere")).expect("mkdir");
        symlink(base.join("real/inner"), base.join("elsewhere/link")).expect("link");
        // `link/..` is `real`, the parent of the target, not `elsewhere`.
        assert_eq!(
            normalise(&base.join("elsewhere/link/../new")).expect("normalise"),
            base.join("real/new")
        );
        // A relative link is read from the folder holding it.
        symlink("../real", base.join("elsewhere/rel")).expect("link");
        assert_eq!(
            normalise(&base.join("elsewhere/rel/inner")).expect("normalise"),
            base.join("real/inner")
        );
        // A dangling link still resolves to where its target would be.
        symlink(base.join("real/not-yet"), base.join("dangling")).expect("link");
        assert_eq!(
            normalise(&base.join("dangling/x")).expect("normalise"),
            base.join("real/not-yet/x")
        );
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_are_errors() {
        let (_dir, base) = temp();
        symlink(base.join("b"), base.join("a")).expect("link");
        symlink(base.join("a"), base.join("b")).expect("link");
        assert!(normalise(&base.join("a/x")).is_err());
    }

    #[test]
    fn site_folders_are_refused() {
        let (_dir, base) = temp();
        let root = base.join("site");
        for folder in ["content/2024", "templates", "locales"] {
            fs::create_dir_all(root.join(folder)).expect("mkdir");
        }
        for bad in [
            root.clone(),
            base.clone(),
            root.join("content"),
            root.join("content/2024"),
            root.join("content/new/deeper"),
            root.join("templates"),
            root.join("locales/"),
            root.join("output/../content"),
            root.join("content/.."),
        ] {
            assert!(
                check_output(&root, &bad).is_err(),
                "{} must be refused",
                bad.display()
            );
        }
        for good in [
            root.join("output"),
            base.join("www"),
            root.join("contents"),
            root.join("content/../public"),
        ] {
            check_output(&root, &good)
                .unwrap_or_else(|e| panic!("{} must be accepted: {e}", good.display()));
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_into_the_site_are_refused() {
        let (_dir, base) = temp();
        let root = base.join("site");
        fs::create_dir_all(root.join("content")).expect("mkdir");
        symlink(root.join("content"), base.join("public")).expect("link");
        assert!(check_output(&root, &base.join("public")).is_err());
    }

    #[test]
    fn files_are_refused() {
        let (_dir, base) = temp();
        fs::write(base.join("file"), "x").expect("write");
        let error = check_output(&base.join("site"), &base.join("file")).expect_err("a file");
        assert!(error.message.contains("not a folder"), "{error}");
    }
}
