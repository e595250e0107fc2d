//! Writes the site: files stream into a sink (a staging folder swapped in whole, or memory).

mod png;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::Diagnostic;
pub use png::PngStage;

/// Where rendered files go. Written from parallel renders.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// A file written earlier in this build.
    fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic>;
}

/// Keeps files in memory, for `check` and for previews.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl MemorySink {
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if let Ok(mut files) = self.files.lock() {
            files.insert(path.to_string(), bytes.to_vec());
        }
        Ok(())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        self.files
            .lock()
            .ok()
            .and_then(|files| files.get(path).cloned())
            .ok_or_else(|| Diagnostic::error(path, "no such file in this build"))
    }
}

/// A folder beside the output that becomes the output when the build succeeds.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    count: std::sync::atomic::AtomicUsize,
}

impl Staging {
    pub fn begin(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            count: Default::default(),
        })
    }

    /// Swaps the staging folder in; returns how many files it holds.
    pub fn commit(self) -> Result<usize, Diagnostic> {
        let retired = self.dir.with_extension("old");
        if self.output.exists() {
            fs::rename(&self.output, &retired).map_err(|e| io_error(&self.output, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            let _ = fs::rename(&retired, &self.output);
            return Err(io_error(&self.output, e));
        }
        let _ = fs::remove_dir_all(&retired);
        Ok(self.count.load(std::sync::atomic::Ordering::Relaxed))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

impl Sink for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let file = self.dir.join(path);
        if let Some(folder) = file.parent() {
            fs::create_dir_all(folder).map_err(|e| io_error(folder, e))?;
        }
        fs::write(&file, bytes).map_err(|e| io_error(&file, e))?;
        self.count
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    fn read(&self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        let file = self.dir.join(path);
        fs::read(&file).map_err(|e| io_error(&file, e))
    }
}

fn io_error(path: &Path, error: io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("cannot write: {error}"))
        .with_hint("check that the folder is writable and the disk is not full")
}
