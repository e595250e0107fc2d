//! The PNG stage: each distinct chart asset rasterised once, through a cache of verified entries.

use rayon::prelude::*;

use super::Sink;
use crate::charts::{Rasterizer, PNG_SCALE};
use crate::diagnostics::Diagnostic;
use std::path::PathBuf;

/// Rasterises chart SVGs already written to a sink into their PNGs.
pub struct PngStage {
    cache_dir: PathBuf,
    rasterizer: Rasterizer,
}

impl PngStage {
    pub fn new(cache_dir: PathBuf) -> PngStage {
        PngStage {
            cache_dir,
            rasterizer: Rasterizer::new(),
        }
    }

    /// For each `(svg_path, png_path)`, reads the SVG back from `sink` and writes its PNG.
    pub fn rasterize(
        &self,
        charts: &[(String, String)],
        sink: &dyn Sink,
    ) -> Result<(), Diagnostic> {
        charts.par_iter().try_for_each(|(svg_path, png_path)| {
            let svg = sink.read(svg_path)?;
            let svg = String::from_utf8_lossy(&svg);
            let png = self
                .rasterizer
                .png_cached(&svg, PNG_SCALE, &self.cache_dir)
                .map_err(|e| {
                    Diagnostic::error(svg_path.as_str(), format!("cannot draw the PNG of this chart: {e}"))
                        .with_hint("install fonts-noto-cjk (apt-get install fonts-noto-cjk), or build with --no-png")
                })?;
            sink.write(png_path, &png)
        })
    }
}
