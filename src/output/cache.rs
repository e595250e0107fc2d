//! Keeps rasterised charts (PNG) between builds, and checks every entry it reads, so a
//! truncated or damaged file is drawn again instead of published.
//!
//! An entry is `<dir>/<key>.png`, the PNG as it is, beside `<dir>/<key>.sum`, its length and
//! blake3. Kept as plain files, entries can be hard-linked into the output instead of copied:
//! a warm build then writes no PNG bytes at all. The key covers the cache format, a
//! fingerprint of what the rasteriser depends on (its version, the font files) and the chart
//! itself. Both files appear by rename of a synced temporary file (PNG first), so parallel
//! builds never see half of one, and nothing ever writes into an existing entry's file: an
//! output linked to it never changes under a later build.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostics::Diagnostic;

/// Bumped when entries change shape or drawing changes in a way the SVG does not show (a
/// renderer upgrade).
const FORMAT: &[u8] = b"bantin-png-cache 2 resvg-0.49\n";

/// A folder of PNGs keyed by what they were drawn from; safe to delete at any time.
#[derive(Debug, Clone)]
pub struct PngCache {
    dir: PathBuf,
    fingerprint: String,
}

/// An intact entry: its file, length and blake3.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    pub len: u64,
    pub hash: [u8; 32],
}

/// Why [`PngCache::entry`] failed.
#[derive(Debug)]
pub enum CacheError<E> {
    /// Drawing failed; nothing was stored.
    Render(E),
    /// Drawing worked but the entry could not be stored (the folder is not writable, the
    /// disk is full).
    Store(Diagnostic),
}

impl<E: fmt::Display> fmt::Display for CacheError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CacheError::Render(e) => e.fmt(f),
            CacheError::Store(d) => d.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for CacheError<E> {}

impl PngCache {
    /// A cache in `dir` (created on first store). `fingerprint` names everything besides
    /// the key material that changes the pixels: the rasteriser's version and
    /// [`font_fingerprint`] of the fonts it loads.
    pub fn new(dir: PathBuf, fingerprint: String) -> Self {
        PngCache { dir, fingerprint }
    }

    /// Where the PNG for `key_material` lives, whether or not it exists.
    pub fn entry_path(&self, key_material: &[u8]) -> PathBuf {
        let mut hasher = blake3::Hasher::new();
        // Lengths first, so no two (fingerprint, key) pairs hash the same bytes.
        hasher.update(FORMAT);
        hasher.update(&(self.fingerprint.len() as u64).to_le_bytes());
        hasher.update(self.fingerprint.as_bytes());
        hasher.update(&(key_material.len() as u64).to_le_bytes());
        hasher.update(key_material);
        self.dir.join(format!("{}.png", hasher.finalize().to_hex()))
    }

    /// An intact entry for `key_material`: the stored one if its length and hash match its
    /// sum, otherwise the result of `render`, stored now. A damaged entry is drawn again.
    pub fn entry<E>(
        &self,
        key_material: &[u8],
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Entry, CacheError<E>> {
        let path = self.entry_path(key_material);
        let sum_path = path.with_extension("sum");
        if let Some(entry) = verified(&path, &sum_path) {
            return Ok(entry);
        }
        // Missing or damaged (a crash mid-write on a file system without ordered renames, a
        // disk error, an edit of a linked output file): never publish it.
        let bytes = render().map_err(CacheError::Render)?;
        let hash = *blake3::hash(&bytes).as_bytes();
        let sum = format!(
            "{} {}\n",
            bytes.len(),
            blake3::Hash::from_bytes(hash).to_hex()
        );
        self.store(&path, &bytes)
            .and_then(|()| self.store(&sum_path, sum.as_bytes()))
            .map_err(CacheError::Store)?;
        Ok(Entry {
            path,
            len: bytes.len() as u64,
            hash,
        })
    }

    /// The bytes of [`PngCache::entry`].
    pub fn get_or_render<E>(
        &self,
        key_material: &[u8],
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Vec<u8>, CacheError<E>> {
        let entry = self.entry(key_material, render)?;
        fs::read(&entry.path).map_err(|e| {
            CacheError::Store(Diagnostic::error(
                &entry.path,
                format!("cannot read the chart cache: {e}"),
            ))
        })
    }

    fn store(&self, path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let failed = |path: &Path, e: io::Error| {
            Diagnostic::error(path, format!("cannot write the chart cache: {e}")).with_hint(
                "check that the cache folder is writable and the disk is not full, or pass --cache-dir",
            )
        };
        fs::create_dir_all(&self.dir).map_err(|e| failed(&self.dir, e))?;
        let name = path
            .file_name()
            .map_or_else(Default::default, |n| n.to_string_lossy());
        let temp = self.dir.join(format!(
            ".{name}.{}.{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let written = (|| {
            let mut file = File::create_new(&temp)?;
            file.write_all(bytes)?;
            // The data reaches the disk before the name does: after a crash the file is
            // whole or absent (and checked on read regardless).
            file.sync_all()?;
            fs::rename(&temp, path)
        })();
        written.map_err(|e| {
            let _ = fs::remove_file(&temp);
            failed(path, e)
        })
    }
}

/// The entry at `path` if `sum_path` is ours and the file's length and hash match it.
fn verified(path: &Path, sum_path: &Path) -> Option<Entry> {
    let sum = fs::read_to_string(sum_path).ok()?;
    let (len, hex) = sum.trim_end().split_once(' ')?;
    let len: u64 = len.parse().ok()?;
    let expected = blake3::Hash::from_hex(hex).ok()?;
    let bytes = fs::read(path).ok()?;
    let intact = bytes.len() as u64 == len && blake3::hash(&bytes) == expected;
    intact.then(|| Entry {
        path: path.to_path_buf(),
        len,
        hash: *expected.as_bytes(),
    })
}

/// blake3 over each file's path, length and contents, in path order: changes whenever a font
/// the rasteriser loads is added, removed, moved or replaced, even by one of equal size.
pub fn font_fingerprint(files: &[PathBuf]) -> io::Result<String> {
    let mut sorted: Vec<&PathBuf> = files.iter().collect();
    sorted.sort();
    let mut hasher = blake3::Hasher::new();
    for path in sorted {
        let name = path.as_os_str().as_encoded_bytes();
        hasher.update(&(name.len() as u64).to_le_bytes());
        hasher.update(name);
        let mut file = File::open(path)?;
        let len = file.metadata()?.len();
        hasher.update(&len.to_le_bytes());
        // The length read must match the length hashed, or a file growing meanwhile would
        // make two different fonts hash alike.
        let copied = io::copy(&mut file, &mut hasher)?;
        if copied != len {
            return Err(io::Error::other(format!(
                "{} changed while it was read",
                path.display()
            )));
        }
    }
    Ok(hasher.finalize().to_hex().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_check_length_and_hash() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = PngCache::new(dir.path().to_path_buf(), "fonts".into());
        let entry = cache
            .entry(b"chart", || Ok::<_, String>(b"png".to_vec()))
            .expect("stored");
        assert_eq!(
            (entry.len, entry.hash),
            (3, *blake3::hash(b"png").as_bytes())
        );
        let sum = entry.path.with_extension("sum");
        assert_eq!(verified(&entry.path, &sum), Some(entry.clone()));
        fs::write(&entry.path, b"pn").expect("truncate");
        assert_eq!(verified(&entry.path, &sum), None, "truncated");
        fs::write(&entry.path, b"pnh").expect("flip");
        assert_eq!(verified(&entry.path, &sum), None, "flipped");
        fs::write(&entry.path, b"png").expect("restore");
        fs::write(&sum, "3 nothex\n").expect("garble");
        assert_eq!(verified(&entry.path, &sum), None, "bad sum");
        fs::remove_file(&sum).expect("remove");
        assert_eq!(verified(&entry.path, &sum), None, "no sum");
    }
}
