//! Keeps rasterised charts (PNG) between builds, and checks every entry it reads, so a
//! truncated or damaged file is drawn again instead of published.
//!
//! An entry is `<dir>/<key>.bin`: a header (format line, payload length, blake3 of the
//! payload), then the payload. The key covers the cache format, a fingerprint of what the
//! rasteriser depends on (its version, the font files) and the chart itself. Entries appear
//! by rename of a synced temporary file, so parallel builds never see half of one.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostics::Diagnostic;

/// Bumped when entries change shape or drawing changes in a way the SVG does not show (a
/// renderer upgrade).
const FORMAT: &[u8] = b"bantin-png-cache 1 resvg-0.49\n";

/// Header: the format line, the payload's length (8 bytes, little-endian), its blake3.
const HEADER_LEN: usize = FORMAT.len() + 8 + 32;

/// A folder of PNGs keyed by what they were drawn from; safe to delete at any time.
#[derive(Debug, Clone)]
pub struct PngCache {
    dir: PathBuf,
    fingerprint: String,
}

/// Why [`PngCache::get_or_render`] failed.
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

    /// Where the entry for `key_material` lives, whether or not it exists.
    pub fn entry_path(&self, key_material: &[u8]) -> PathBuf {
        let mut hasher = blake3::Hasher::new();
        // Lengths first, so no two (fingerprint, key) pairs hash the same bytes.
        hasher.update(FORMAT);
        hasher.update(&(self.fingerprint.len() as u64).to_le_bytes());
        hasher.update(self.fingerprint.as_bytes());
        hasher.update(&(key_material.len() as u64).to_le_bytes());
        hasher.update(key_material);
        self.dir.join(format!("{}.bin", hasher.finalize().to_hex()))
    }

    /// The stored bytes for `key_material` if an intact entry exists; otherwise the result of
    /// `render`, stored for next time. A damaged entry is deleted and drawn again.
    pub fn get_or_render<E>(
        &self,
        key_material: &[u8],
        render: impl FnOnce() -> Result<Vec<u8>, E>,
    ) -> Result<Vec<u8>, CacheError<E>> {
        let path = self.entry_path(key_material);
        // Missing or unreadable: draw it (storing it reports a lasting problem).
        if let Ok(entry) = fs::read(&path) {
            match payload(&entry) {
                Some(bytes) => return Ok(bytes.to_vec()),
                // Damaged (a crash mid-write on a file system without ordered renames, a
                // disk error): never publish it. Another build may replace it meanwhile
                // with a good one; deleting that costs only a redraw.
                None => {
                    let _ = fs::remove_file(&path);
                }
            }
        }
        let bytes = render().map_err(CacheError::Render)?;
        self.store(&path, &bytes).map_err(CacheError::Store)?;
        Ok(bytes)
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
            file.write_all(FORMAT)?;
            file.write_all(&(bytes.len() as u64).to_le_bytes())?;
            file.write_all(blake3::hash(bytes).as_bytes())?;
            file.write_all(bytes)?;
            // The data reaches the disk before the name does: after a crash the entry is
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

/// The payload of an entry, if its header is ours and its length and hash match.
fn payload(entry: &[u8]) -> Option<&[u8]> {
    if entry.len() < HEADER_LEN {
        return None;
    }
    let rest = entry.strip_prefix(FORMAT)?;
    let (len, rest) = rest.split_first_chunk::<8>()?;
    let (hash, payload) = rest.split_first_chunk::<32>()?;
    let intact = u64::from_le_bytes(*len) == payload.len() as u64
        && blake3::hash(payload) == blake3::Hash::from_bytes(*hash);
    intact.then_some(payload)
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
    fn header_checks_length_and_hash() {
        let mut entry = FORMAT.to_vec();
        entry.extend_from_slice(&3u64.to_le_bytes());
        entry.extend_from_slice(blake3::hash(b"png").as_bytes());
        entry.extend_from_slice(b"png");
        assert_eq!(payload(&entry), Some(&b"png"[..]));
        assert_eq!(payload(&entry[..entry.len() - 1]), None, "truncated");
        assert_eq!(payload(&entry[..HEADER_LEN - 1]), None, "header cut");
        assert_eq!(payload(b""), None, "empty");
        let mut flipped = entry.clone();
        *flipped.last_mut().expect("not empty") ^= 1;
        assert_eq!(payload(&flipped), None, "flipped");
    }
}
