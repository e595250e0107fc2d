//! The PNG stage: each distinct chart asset rasterised once, through a cache of verified entries.

use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::cache::{font_fingerprint, CacheError, PngCache};
use super::Sink;
use crate::charts::{Rasterizer, PNG_SCALE};
use crate::diagnostics::Diagnostic;

/// Rasterises chart SVGs already written to a sink into their PNGs.
pub struct PngStage {
    cache_dir: PathBuf,
    rasterizer: Rasterizer,
    /// Keyed by the exact font files drawn with; found on first use.
    cache: OnceLock<Result<PngCache, Diagnostic>>,
}

impl PngStage {
    pub fn new(cache_dir: PathBuf) -> PngStage {
        PngStage {
            cache_dir,
            rasterizer: Rasterizer::new(),
            cache: OnceLock::new(),
        }
    }

    fn cache(&self) -> Result<&PngCache, Diagnostic> {
        self.cache
            .get_or_init(|| {
                let files = self.rasterizer.font_files().map_err(font_error)?;
                let fingerprint = font_fingerprint(&files).map_err(|e| {
                    Diagnostic::error(&self.cache_dir, format!("cannot read the chart fonts: {e}"))
                })?;
                Ok(PngCache::new(self.cache_dir.clone(), fingerprint))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The font files the PNGs were drawn with, once any PNG was asked for; none before.
    pub fn font_files(&self) -> Vec<PathBuf> {
        match self.cache.get() {
            Some(Ok(_)) => self.rasterizer.font_files().unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// For each `(svg_path, png_path)`, reads the SVG back from `sink` and writes its PNG.
    pub fn rasterize(
        &self,
        charts: &[(String, String)],
        sink: &dyn Sink,
    ) -> Result<(), Diagnostic> {
        if charts.is_empty() {
            return Ok(());
        }
        let cache = self.cache()?;
        charts.par_iter().try_for_each(|(svg_path, png_path)| {
            let svg = sink.read(svg_path)?;
            let mut key = PNG_SCALE.to_le_bytes().to_vec();
            key.extend_from_slice(&svg);
            let entry = cache
                .entry(&key, || {
                    self.rasterizer
                        .png(&String::from_utf8_lossy(&svg), PNG_SCALE)
                })
                .map_err(|e| match e {
                    CacheError::Render(e) => Diagnostic {
                        path: svg_path.into(),
                        ..font_error(e)
                    },
                    CacheError::Store(d) => d,
                })?;
            sink.write_file(png_path, &entry)
        })
    }
}

fn font_error(e: crate::charts::ChartError) -> Diagnostic {
    Diagnostic::error("templates", format!("cannot draw a PNG chart: {e}")).with_hint(
        "install fonts-noto-cjk (apt-get install fonts-noto-cjk), or build with --no-png",
    )
}
