//! Where a rendered site goes: a [`Sink`] takes files by relative path, and keeps a ledger of
//! what it was given so a build can report it.
//!
//! [`Staging`] writes a whole build beside the output folder and swaps it in at the end;
//! [`MemorySink`] keeps the files in memory (preview server, tests). [`guard`] refuses
//! outputs that would destroy the site's own folders, and [`cache`] keeps rasterised charts
//! between builds.

pub mod cache;
pub mod guard;
mod png;
mod staging;

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::diagnostics::Diagnostic;

pub use png::PngStage;
pub use staging::{CommitReport, Staging, Swap};

/// The file bantin writes at the top of every output folder it makes. Only folders that hold
/// it are ever replaced without `--force` or deleted as leftovers of a killed build.
pub const MARKER: &str = ".bantin-output";

/// What the marker file says, for a person who finds it.
pub(crate) const MARKER_TEXT: &str = "built by bantin; this folder is replaced on every build\n";

/// Takes the files of a build. Rendering is parallel, so a sink is written from many threads.
pub trait Sink: Sync {
    /// Writes `bytes` at `path`: relative, `/`-separated, without `.`, `..` or empty parts.
    /// Writing one path twice is an error: two pages claimed the same file.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// A file this sink was given earlier in the build (the PNG stage reads chart SVGs back
    /// rather than keeping every one in memory).
    fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic>;
    /// Writes at `path` the file `from`, whose contents are known (a verified cache entry).
    /// A folder sink links it rather than copying; others read it.
    fn write_file(&self, path: &str, from: &cache::Entry) -> Result<(), Diagnostic> {
        let bytes = std::fs::read(&from.path).map_err(|e| {
            Diagnostic::error(&from.path, format!("cannot read the chart cache: {e}"))
        })?;
        self.write(path, &bytes)
    }
}

/// One file a sink was given: enough to count and compare builds without keeping the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenFile {
    pub path: String,
    pub len: u64,
    /// blake3 of the bytes.
    pub hash: [u8; 32],
}

/// The files a sink has taken, by path; shared by every sink so each refuses the same paths.
#[derive(Debug, Default)]
pub(crate) struct Ledger(Mutex<BTreeMap<String, (u64, [u8; 32])>>);

impl Ledger {
    /// Checks `path` and claims it for `bytes`; fails if it is malformed or already claimed.
    /// Claiming before writing means two threads writing one path cannot both succeed.
    pub(crate) fn claim(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.claim_hashed(path, bytes.len() as u64, *blake3::hash(bytes).as_bytes())
    }

    /// [`Ledger::claim`] for contents whose length and hash are known already.
    pub(crate) fn claim_hashed(
        &self,
        path: &str,
        len: u64,
        hash: [u8; 32],
    ) -> Result<(), Diagnostic> {
        check_relative(path)?;
        let entry = (len, hash);
        let mut files = lock(&self.0);
        if files.contains_key(path) {
            return Err(Diagnostic::error(
                path,
                "this file is written twice in one build; the second would overwrite the first",
            )
            .with_hint("two pages or charts claim the same path: this is a bug in bantin, please report it"));
        }
        files.insert(path.to_string(), entry);
        Ok(())
    }

    /// Forgets a claim whose write failed, so the ledger lists only files that exist.
    pub(crate) fn release(&self, path: &str) {
        lock(&self.0).remove(path);
    }

    pub(crate) fn written(&self) -> Vec<WrittenFile> {
        lock(&self.0)
            .iter()
            .map(|(path, &(len, hash))| WrittenFile {
                path: path.clone(),
                len,
                hash,
            })
            .collect()
    }
}

/// A poisoned lock only means another writer panicked; the map itself is still consistent
/// (every update is a single insert or remove), so keep going rather than panic twice.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Refuses paths that could escape the output folder or name it ambiguously.
pub(crate) fn check_relative(path: &str) -> Result<(), Diagnostic> {
    let problem = if path.is_empty() {
        Some("is empty")
    } else if path.starts_with('/') {
        Some("is absolute")
    } else if path.contains('\\') {
        // A backslash separates folders on Windows: the same path would land elsewhere there.
        Some("contains a backslash")
    } else if path.contains('\0') {
        Some("contains a NUL byte")
    } else if path.split('/').any(|part| part.is_empty()) {
        Some("has an empty part (`//` or a trailing `/`)")
    } else if path.split('/').any(|part| part == "." || part == "..") {
        Some("has a `.` or `..` part")
    } else if path.len() > 1 && path.as_bytes()[1] == b':' {
        Some("starts with a drive letter")
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(Diagnostic::error(
            path,
            format!("cannot write `{path}` into the output: the path {problem}"),
        )
        .with_hint("output paths must be relative and stay inside the output folder; this is a bug in bantin, please report it")),
    }
}

/// Keeps a build in memory: for the preview server, and for tests that look at every file.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
    ledger: Ledger,
}

impl MemorySink {
    pub fn new() -> Self {
        MemorySink::default()
    }

    /// Every file written, sorted by path.
    pub fn written(&self) -> Vec<WrittenFile> {
        self.ledger.written()
    }

    /// The files, by path.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.ledger.claim(path, bytes)?;
        lock(&self.files).insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        lock(&self.files)
            .get(path)
            .cloned()
            .ok_or_else(|| Diagnostic::error(path, "no such file in this build"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_stay_inside() {
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a/",
            "./a",
            "a\\b",
            "C:x",
            "a/./b",
        ] {
            assert!(check_relative(bad).is_err(), "{bad:?} must be refused");
        }
        for good in [
            "index.html",
            "en/bulletins/x/index.html",
            ".bantin-x",
            "a..b/c",
        ] {
            assert!(check_relative(good).is_ok(), "{good:?} must be accepted");
        }
    }

    #[test]
    fn memory_sink_records_and_refuses_twice() {
        let sink = MemorySink::new();
        sink.write("b/index.html", b"bee").expect("first write");
        sink.write("a.txt", b"").expect("empty file");
        let twice = sink
            .write("b/index.html", b"other")
            .expect_err("second write");
        assert!(twice.message.contains("twice"), "{twice}");
        let written = sink.written();
        assert_eq!(
            written
                .iter()
                .map(|w| (w.path.as_str(), w.len))
                .collect::<Vec<_>>(),
            [("a.txt", 0), ("b/index.html", 3)]
        );
        assert_eq!(written[1].hash, *blake3::hash(b"bee").as_bytes());
        let files = sink.into_files();
        assert_eq!(files["b/index.html"], b"bee", "the first write stays");
    }
}
