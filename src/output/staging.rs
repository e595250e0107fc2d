//! Builds a site in a staging folder beside the output, then swaps it in, so the output folder
//! exists at every instant and holds one complete build, whenever a build is killed.
//!
//! Beside an output `www` live, all in the same parent folder:
//! - `.www.bantin-lock`: locked (never deleted) while a build writes, so two builds cannot
//!   interleave their swaps;
//! - `.www.new-<pid>-<nanos>`: the build being written, and after the swap the retired
//!   previous output until it is deleted.
//!
//! Every folder bantin makes starts with the [`MARKER`] file; a folder without it is never
//! deleted, and replaced only with `force`.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use super::{check_relative, guard, Ledger, Sink, WrittenFile, MARKER, MARKER_TEXT};
use crate::diagnostics::Diagnostic;

/// A build being written beside its output; see the module documentation.
///
/// Dropping it without [`Staging::commit`] deletes what was written, leaving the previous
/// output untouched.
#[derive(Debug)]
pub struct Staging {
    /// The folder that is replaced: the output, or the folder an output link points to.
    target: PathBuf,
    /// Where this build is written, beside `target`.
    dir: PathBuf,
    ledger: Ledger,
    /// Folders made so far: thousands of files share a few hundred folders, so each is
    /// made once instead of asked after for every file.
    folders: Mutex<HashSet<PathBuf>>,
    /// Held for the life of the staging; the OS releases it when the file closes.
    _lock: File,
    done: bool,
}

/// How the new build took the place of the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swap {
    /// There was no output yet.
    Created,
    /// One atomic exchange: the output path always held a complete site.
    Exchanged,
    /// The old output was renamed aside, then the new one in: for a moment there was none.
    RenamedAside,
}

/// What [`Staging::commit`] did.
#[derive(Debug, Clone)]
pub struct CommitReport {
    /// The folder replaced (an output link's target, when the output is a link).
    pub target: PathBuf,
    /// Every file written (without the marker), sorted by path.
    pub written: Vec<WrittenFile>,
    pub swap: Swap,
}

impl CommitReport {
    pub fn files(&self) -> usize {
        self.written.len()
    }

    pub fn bytes(&self) -> u64 {
        self.written.iter().map(|w| w.len).sum()
    }
}

impl Staging {
    /// Locks the output, clears what killed builds left, checks the output may be replaced
    /// (bantin made it, it is empty, or `force`), and creates an empty staging folder.
    pub fn begin(output: &Path, force: bool) -> Result<Staging, Diagnostic> {
        // A link to the web root stays a link: the folder replaced is its target.
        let target = guard::normalise(output).map_err(|e| {
            Diagnostic::error(output, format!("cannot resolve the output folder: {e}"))
                .with_hint("check that the folders above it exist and can be read")
        })?;
        let (parent, name) = match (target.parent(), target.file_name()) {
            (Some(parent), Some(name)) => {
                (parent.to_path_buf(), name.to_string_lossy().into_owned())
            }
            _ => {
                return Err(Diagnostic::error(
                    output,
                    "cannot build into the root of the file system",
                )
                .with_hint("choose another --output"))
            }
        };
        fs::create_dir_all(&parent)
            .map_err(|e| io_error(&parent, "cannot create this folder", e))?;
        let lock = take_lock(output, &parent.join(format!(".{name}.bantin-lock")))?;
        // Holding the lock, no other build is writing beside this output: whatever matches
        // our names and holds the marker is a leftover of a killed build.
        remove_leftovers(&parent, &name);
        check_replaceable(output, &target, force)?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = parent.join(format!(".{name}.new-{}-{nanos}", std::process::id()));
        fs::create_dir(&dir).map_err(|e| io_error(&dir, "cannot create this folder", e))?;
        let staging = Staging {
            target,
            dir,
            ledger: Ledger::default(),
            folders: Mutex::default(),
            _lock: lock,
            done: false,
        };
        // Marker first: a build killed from here on leaves a folder the next one may delete.
        mark(&staging.dir)
            .map_err(|e| io_error(&staging.dir.join(MARKER), "cannot write this file", e))?;
        Ok(staging)
    }

    /// The folder this build will replace.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Every file written so far, sorted by path.
    pub fn written(&self) -> Vec<WrittenFile> {
        self.ledger.written()
    }

    /// Puts the finished build in place of the output, then deletes the previous one.
    pub fn commit(mut self) -> Result<CommitReport, Diagnostic> {
        let swap = if fs::symlink_metadata(&self.target).is_ok() {
            let swap = exchange(&self.dir, &self.target)?;
            // After an exchange `self.dir` holds the previous output: it goes. Marked first if
            // it was a folder replaced with `force`, so that if this build is killed while
            // deleting, the next one finishes the job. Failing costs only disk space.
            if swap == Swap::Exchanged {
                let _ = mark(&self.dir);
                let _ = remove_marked(&self.dir);
            }
            swap
        } else {
            fs::rename(&self.dir, &self.target)
                .map_err(|e| io_error(&self.target, "cannot move the new build here", e))?;
            Swap::Created
        };
        self.done = true;
        // This guards against a killed build, not a power cut: files are not synced one by
        // one (thousands of fsyncs would dominate a build). Syncing the parent makes the
        // swap itself durable.
        if let Some(parent) = self.target.parent() {
            sync_dir(parent);
        }
        Ok(CommitReport {
            target: self.target.clone(),
            written: self.ledger.written(),
            swap,
        })
    }
}

impl Staging {
    /// Makes the folder `file` goes in, unless this build made it already.
    fn make_parent(&self, file: &Path) -> io::Result<()> {
        let Some(parent) = file.parent() else {
            return Ok(());
        };
        if self
            .folders
            .lock()
            .is_ok_and(|folders| folders.contains(parent))
        {
            return Ok(());
        }
        fs::create_dir_all(parent)?;
        if let Ok(mut folders) = self.folders.lock() {
            folders.insert(parent.to_path_buf());
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn write_file(&self, path: &str, from: &super::cache::Entry) -> Result<(), Diagnostic> {
        refuse_marker(path)?;
        self.ledger.claim_hashed(path, from.len, from.hash)?;
        let file = self.dir.join(path);
        // A hard link costs no bytes: cache entries are never written in place (new ones
        // arrive by rename), so the output file cannot change under a later build. Another
        // file system, or one without links, gets a copy.
        let written = self.make_parent(&file).and_then(|()| {
            fs::hard_link(&from.path, &file).or_else(|_| fs::copy(&from.path, &file).map(|_| ()))
        });
        written.map_err(|e| {
            self.ledger.release(path);
            io_error(&file, "cannot write this file", e)
        })
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        check_relative(path)?;
        let file = self.dir.join(path);
        fs::read(&file).map_err(|e| {
            Diagnostic::error(&file, format!("cannot read back a file of this build: {e}"))
        })
    }

    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        refuse_marker(path)?;
        self.ledger.claim(path, bytes)?;
        let file = self.dir.join(path);
        let written = self
            .make_parent(&file)
            .and_then(|()| fs::write(&file, bytes));
        written.map_err(|e| {
            self.ledger.release(path);
            io_error(&file, "cannot write this file", e)
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            // Best effort: what stays holds the marker and goes with the next build.
            let _ = remove_marked(&self.dir);
        }
    }
}

/// Locks `lock_path`, failing at once if another build holds it.
///
/// The file is never deleted: deleting a lock file lets two builds lock two different files
/// of the same name.
fn take_lock(output: &Path, lock_path: &Path) -> Result<File, Diagnostic> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path)
        .map_err(|e| io_error(lock_path, "cannot open this lock file", e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(Diagnostic::error(
            output,
            format!(
                "another bantin build is writing {}; wait for it to finish",
                output.display()
            ),
        )
        .with_hint(format!(
            "the lock is held on {}; it is released when that build ends",
            lock_path.display()
        ))),
        Err(TryLockError::Error(e)) => Err(io_error(lock_path, "cannot lock this file", e)),
    }
}

/// Deletes `.<name>.new-*` and `.<name>.old-*` folders in `parent` that hold the marker, and
/// empty ones (a build killed between creating its folder and marking it; removing an empty
/// folder cannot lose anything).
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        if !prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            continue;
        }
        let path = entry.path();
        // Not through a link: only a real folder of ours, with our marker as a real file.
        let ours = entry.file_type().is_ok_and(|t| t.is_dir())
            && fs::symlink_metadata(path.join(MARKER)).is_ok_and(|m| m.is_file());
        // Best effort: a leftover costs disk space only.
        if ours {
            let _ = remove_marked(&path);
        } else {
            // Fails unless empty.
            let _ = fs::remove_dir(&path);
        }
    }
}

/// Ok if `target` is missing, empty, made by bantin, or `force` is set.
fn check_replaceable(output: &Path, target: &Path, force: bool) -> Result<(), Diagnostic> {
    let meta = match fs::symlink_metadata(target) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(target, "cannot read this folder", e)),
    };
    if !meta.is_dir() {
        return Err(Diagnostic::error(
            output,
            format!(
                "refusing to build into {}: it is not a folder",
                target.display()
            ),
        )
        .with_hint("remove the file or choose another --output"));
    }
    if force || fs::symlink_metadata(target.join(MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    let empty = fs::read_dir(target)
        .map_err(|e| io_error(target, "cannot read this folder", e))?
        .next()
        .is_none();
    if empty {
        return Ok(());
    }
    Err(Diagnostic::error(
        output,
        format!(
            "refusing to replace {}: bantin did not make this folder (it has no `{MARKER}` file), and a build replaces everything in it",
            target.display()
        ),
    )
    .with_hint(
        "pass --force to replace it anyway (once, if an older bantin built it), or choose another --output",
    ))
}

/// Puts the folder at `new` in place of `target`. After an exchange `new` names the previous
/// output; after the fallback the previous output is already deleted.
#[cfg(target_os = "linux")]
fn exchange(new: &Path, target: &Path) -> Result<Swap, Diagnostic> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(Swap::Exchanged),
        // Kernels before 3.15 and some file systems (older NFS, FUSE) cannot exchange.
        Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => rename_aside(new, target),
        Err(e) => Err(io_error(
            target,
            "cannot swap the new build in here",
            io::Error::from(e),
        )),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(new: &Path, target: &Path) -> Result<Swap, Diagnostic> {
    rename_aside(new, target)
}

/// The fallback where the system has no atomic exchange: renames the output aside, then the
/// new build in. Between the two renames (microseconds) the output path does not exist, and a
/// build killed there leaves no output, only `.<name>.old-*` (the previous site, with the
/// marker) beside it, which the next build deletes.
fn rename_aside(new: &Path, target: &Path) -> Result<Swap, Diagnostic> {
    let old = new.with_file_name(
        new.file_name()
            .map(|n| n.to_string_lossy().replacen(".new-", ".old-", 1))
            .unwrap_or_default(),
    );
    fs::rename(target, &old).map_err(|e| io_error(target, "cannot move this folder aside", e))?;
    if let Err(e) = fs::rename(new, target) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&old, target);
        return Err(io_error(target, "cannot move the new build here", e));
    }
    // Best effort: marked, so the next build retries if this one stops meanwhile.
    let _ = mark(&old);
    let _ = remove_marked(&old);
    Ok(Swap::RenamedAside)
}

/// Writes the marker into `dir`.
fn mark(dir: &Path) -> io::Result<()> {
    fs::write(dir.join(MARKER), MARKER_TEXT)
}

/// Deletes a folder bantin made, its marker last: a build killed while deleting leaves a
/// folder that still shows it is bantin's, and the next build finishes the job.
/// (`remove_dir_all` deletes in directory order, which can take the marker first.)
fn remove_marked(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == MARKER {
            continue;
        }
        // The entry's own type: a link is removed, never followed.
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    match fs::remove_file(dir.join(MARKER)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    fs::remove_dir(dir)
}

/// Flushes a folder's entries to disk; a failure only weakens crash safety, so it is ignored.
fn sync_dir(dir: &Path) {
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// The marker is bantin's alone: a site file of that name would make any folder look like ours.
fn refuse_marker(path: &str) -> Result<(), Diagnostic> {
    if path == MARKER {
        return Err(Diagnostic::error(
            path,
            format!("`{MARKER}` is bantin's own marker file and cannot be part of a site"),
        )
        .with_hint("rename the file in templates/static/"));
    }
    Ok(())
}

fn io_error(path: &Path, doing: &str, error: io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("{doing}: {error}"))
        .with_hint("check that the folder is writable and the disk is not full")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(path: &Path, file: &str) {
        fs::create_dir_all(path).expect("mkdir");
        mark(path).expect("mark");
        fs::write(path.join(file), file).expect("write");
    }

    /// The path systems without an atomic exchange take; Linux tests never reach it otherwise.
    #[test]
    fn the_fallback_swap_replaces_and_cleans_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("www");
        let new = dir.path().join(".www.new-1-2");
        folder(&target, "old.html");
        folder(&new, "new.html");
        assert_eq!(
            rename_aside(&new, &target).expect("swap"),
            Swap::RenamedAside
        );
        assert!(target.join("new.html").is_file());
        assert!(!target.join("old.html").exists());
        let mut left: Vec<_> = fs::read_dir(dir.path())
            .expect("read")
            .map(|e| e.expect("entry").file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["www"], "neither the new nor the old name remains");
    }

    #[test]
    fn marked_folders_go_whole_and_links_are_not_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = dir.path().join("outside");
        folder(&outside, "keep.txt");
        let ours = dir.path().join(".www.old-1");
        folder(&ours.join("deep/er"), "x.html");
        mark(&ours).expect("mark");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, ours.join("link")).expect("link");
        remove_marked(&ours).expect("remove");
        assert!(!ours.exists());
        assert!(outside.join("keep.txt").is_file());
    }
}
