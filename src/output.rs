//! Writes a rendered site: the whole build goes to a folder beside the output, then is swapped in.
//!
//! A failed build never touches the previous output; a reader never sees a half-written site.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::render::RenderedFile;

/// Writes `files` as the new content of `output`, replacing what was there in one step.
pub fn write_site(output: &Path, files: &[RenderedFile]) -> Result<(), Diagnostic> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| io_error(&parent, e))?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = write_all(&staging, files).and_then(|()| swap(output, &staging, &retired));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(dir: &Path, files: &[RenderedFile]) -> Result<(), Diagnostic> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| io_error(dir, e))?;
    }
    for file in files {
        let path = dir.join(&file.path);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder).map_err(|e| io_error(folder, e))?;
        }
        fs::write(&path, &file.bytes).map_err(|e| io_error(&path, e))?;
    }
    Ok(())
}

fn swap(output: &Path, staging: &Path, retired: &Path) -> Result<(), Diagnostic> {
    if output.exists() {
        fs::rename(output, retired).map_err(|e| io_error(output, e))?;
    }
    if let Err(e) = fs::rename(staging, output) {
        // Put the previous site back before reporting.
        let _ = fs::rename(retired, output);
        return Err(io_error(output, e));
    }
    let _ = fs::remove_dir_all(retired);
    Ok(())
}

fn io_error(path: &Path, error: io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("cannot write: {error}"))
        .with_hint("check that the folder is writable and the disk is not full")
}
