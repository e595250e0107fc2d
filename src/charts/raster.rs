//! Turns chart SVGs into PNGs with resvg, drawing text only with the fonts charts name.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg;

/// Why a PNG could not be made.
#[derive(Debug)]
pub enum ChartError {
    /// No CJK font: Chinese text would silently vanish from the PNG.
    FontsMissing,
    /// The SVG did not parse (a bug in this module, not user input).
    Svg(String),
    /// The image has no area or is too large to allocate.
    Size {
        width: f32,
        height: f32,
    },
    /// Reading or writing the PNG cache.
    Io {
        path: PathBuf,
        source: io::Error,
    },
    Encode(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::FontsMissing => write!(
                f,
                "no CJK font found: fonts-noto-cjk is missing: install it with \
                 `apt-get install fonts-noto-cjk`"
            ),
            ChartError::Svg(msg) => write!(f, "chart SVG could not be parsed: {msg}"),
            ChartError::Size { width, height } => {
                write!(f, "chart image size {width}×{height} cannot be rendered")
            }
            ChartError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ChartError::Encode(msg) => write!(f, "PNG encoding failed: {msg}"),
        }
    }
}

impl std::error::Error for ChartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ChartError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The family that must be present for Chinese (and that covers vi and Latin too).
const CJK_FAMILY: &str = "Noto Sans CJK SC";

/// The families of [`FONT_FAMILY`](super::FONT_FAMILY): the only fonts PNGs are drawn with.
const CHART_FAMILIES: [&str; 3] = ["Noto Sans", CJK_FAMILY, "DejaVu Sans"];

/// Turns chart SVGs into PNGs. Shared between threads; fonts load once, on first use.
#[derive(Debug, Default)]
pub struct Rasterizer {
    fonts: OnceLock<Option<Arc<usvg::fontdb::Database>>>,
    renders: AtomicU64,
}

impl Rasterizer {
    pub fn new() -> Self {
        Self::default()
    }

    /// How many PNGs were actually rendered (not taken from the cache).
    pub fn render_count(&self) -> u64 {
        self.renders.load(Ordering::Relaxed)
    }

    /// The font files PNGs are drawn with: those of the families charts name, found among
    /// the system's fonts. Only these are loaded, so another installed font never changes a
    /// PNG, and the PNG cache keys on exactly these files.
    pub fn font_files(&self) -> Result<Vec<PathBuf>, ChartError> {
        let db = self.fonts()?;
        let mut files: Vec<PathBuf> =
            db.faces()
                .filter_map(|face| match &face.source {
                    usvg::fontdb::Source::File(path)
                    | usvg::fontdb::Source::SharedFile(path, _) => Some(path.clone()),
                    usvg::fontdb::Source::Binary(_) => None,
                })
                .collect();
        files.sort();
        files.dedup();
        Ok(files)
    }

    fn fonts(&self) -> Result<Arc<usvg::fontdb::Database>, ChartError> {
        self.fonts
            .get_or_init(|| {
                let mut system = usvg::fontdb::Database::new();
                system.load_system_fonts();
                let mut named: Vec<PathBuf> = system
                    .faces()
                    .filter(|face| {
                        face.families
                            .iter()
                            .any(|(name, _)| CHART_FAMILIES.contains(&name.as_str()))
                    })
                    .filter_map(|face| match &face.source {
                        usvg::fontdb::Source::File(path)
                        | usvg::fontdb::Source::SharedFile(path, _) => Some(path.clone()),
                        usvg::fontdb::Source::Binary(_) => None,
                    })
                    .collect();
                named.sort();
                named.dedup();
                let mut db = usvg::fontdb::Database::new();
                for file in &named {
                    // An unreadable file only means fewer fonts; a missing CJK family fails below.
                    let _ = db.load_font_file(file);
                }
                let ids: Vec<_> = db.faces().map(|face| face.id).collect();
                for id in ids {
                    // Otherwise fontdb reads the file from disk at every glyph lookup.
                    // SAFETY: fontdb memory-maps the font file; system font files are not
                    // modified while a build runs.
                    unsafe {
                        db.make_shared_face_data(id);
                    }
                }
                let has_cjk = db
                    .faces()
                    .any(|face| face.families.iter().any(|(name, _)| name == CJK_FAMILY));
                // Generic names default to Arial/Times, absent on Linux, which makes text
                // vanish without an error: point them at a font we know is there.
                db.set_sans_serif_family(CJK_FAMILY);
                db.set_serif_family(CJK_FAMILY);
                has_cjk.then(|| Arc::new(db))
            })
            .clone()
            .ok_or(ChartError::FontsMissing)
    }

    /// Renders `svg` at `scale` (use [`PNG_SCALE`](super::PNG_SCALE)) into PNG bytes.
    pub fn png(&self, svg: &str, scale: f32) -> Result<Vec<u8>, ChartError> {
        let options = usvg::Options {
            fontdb: self.fonts()?,
            font_family: CJK_FAMILY.to_string(),
            font_resolver: usvg::FontResolver {
                select_font: usvg::FontResolver::default_font_selector(),
                select_fallback: Box::new(prefer_cjk_sans),
            },
            ..usvg::Options::default()
        };
        let tree =
            usvg::Tree::from_str(svg, &options).map_err(|e| ChartError::Svg(e.to_string()))?;
        let size = tree.size();
        let (width, height) = (size.width() * scale, size.height() * scale);
        let mut pixmap = tiny_skia::Pixmap::new(width.ceil() as u32, height.ceil() as u32)
            .ok_or(ChartError::Size { width, height })?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        self.renders.fetch_add(1, Ordering::Relaxed);
        pixmap
            .encode_png()
            .map_err(|e| ChartError::Encode(e.to_string()))
    }
}

/// Falls back to Noto Sans CJK SC for glyphs the first font lacks (Chinese after
/// "Noto Sans"). resvg's own fallback takes the first face in the database that has the
/// glyph, which is often a serif (Noto Serif CJK) and looks wrong next to sans text.
fn prefer_cjk_sans(
    c: char,
    used: &[usvg::fontdb::ID],
    db: &mut Arc<usvg::fontdb::Database>,
) -> Option<usvg::fontdb::ID> {
    let base = used.first().and_then(|id| db.face(*id));
    let query = usvg::fontdb::Query {
        families: &[usvg::fontdb::Family::Name(CJK_FAMILY)],
        weight: base.map_or(usvg::fontdb::Weight::NORMAL, |f| f.weight),
        stretch: usvg::fontdb::Stretch::Normal,
        style: base.map_or(usvg::fontdb::Style::Normal, |f| f.style),
    };
    match db.query(&query) {
        // Already tried (it lacks this glyph too): let resvg search every font.
        Some(id) if !used.contains(&id) => Some(id),
        _ => (usvg::FontResolver::default_fallback_selector())(c, used, db),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::samples::*;
    use crate::charts::{render_svg, Break, Chart, ChartKind, Scheme, PNG_SCALE};

    #[test]
    fn rasterizer_is_shareable() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Rasterizer>();
    }

    #[test]
    fn png_is_twice_the_svg_size_with_text_drawn() {
        let rasterizer = Rasterizer::new();
        let svg = render_svg(&stacked_zh(), &nb_people);
        let (w, h) = viewbox(&svg);
        let png = rasterizer.png(&svg, PNG_SCALE).expect("renders");
        let pixmap = tiny_skia::Pixmap::decode_png(&png).expect("decodes");
        assert_eq!(
            (pixmap.width(), pixmap.height()),
            ((w * 2.0) as u32, (h * 2.0) as u32)
        );
        assert_eq!(rasterizer.render_count(), 1);
        // Text really is drawn: the title area is not blank.
        let dark = pixmap.pixels()[..pixmap.width() as usize * 60]
            .iter()
            .filter(|p| p.red() < 100)
            .count();
        assert!(dark > 200, "title pixels: {dark}");
        let fonts = rasterizer.font_files().expect("fonts");
        assert!(
            fonts
                .iter()
                .all(|f| f.to_string_lossy().contains("noto")
                    || f.to_string_lossy().contains("dejavu")),
            "only the named families are loaded: {fonts:?}"
        );
    }

    #[test]
    fn missing_cjk_font_is_an_error_not_a_panic() {
        let rasterizer = Rasterizer::new();
        // Simulate a machine without fonts-noto-cjk.
        rasterizer.fonts.set(None).expect("fresh");
        let err = rasterizer
            .png(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>",
                1.0,
            )
            .unwrap_err();
        assert!(matches!(err, ChartError::FontsMissing));
        assert!(err.to_string().contains("apt-get install fonts-noto-cjk"));
    }

    /// Writes PNGs of every sample to /tmp/charts-preview for a human to look at:
    /// `cargo test preview -- --ignored`.
    #[test]
    #[ignore]
    fn preview() {
        let rasterizer = Rasterizer::new();
        let out = std::path::Path::new("/tmp/charts-preview");
        std::fs::create_dir_all(out).expect("preview dir");
        let f: &dyn Fn(f64) -> String = &nb_percent;
        let mut charts = all_charts();
        charts.push((
            Chart {
                id: "stress-lines".into(),
                lang: "zh-Hans".into(),
                title: "平阳省社会保险、医疗保险和失业保险覆盖率的变化趋势（二〇一九年至二〇二五年，行政区划调整前后）".into(),
                description: "d".into(),
                takeaway: String::new(),
                kind: ChartKind::Lines {
                    x_labels: (2016..=2025).map(|y| format!("{y}年")).collect(),
                    series: vec![
                        series("医疗保险参保率（占总人口）", Scheme::HealthInsurance, &[Some(80.0), Some(83.0), Some(85.5), Some(88.1), Some(89.9), Some(90.2), Some(91.0), Some(92.4), Some(93.35), Some(70.0)], f),
                        series("社会保险参保率（占劳动力）", Scheme::SocialInsurance, &[Some(25.0), Some(27.0), Some(29.5), Some(33.0), Some(34.5), Some(36.1), Some(37.9), Some(38.2), Some(39.0), Some(30.5)], f),
                        series("失业保险参保率（占劳动力）", Scheme::UnemploymentInsurance, &[Some(24.0), Some(26.0), Some(28.5), Some(30.0), Some(31.0), Some(32.5), Some(33.0), Some(34.1), Some(35.0), Some(26.6)], f),
                        series("2025年目标", Scheme::Goal, &[None, None, None, None, None, None, None, None, None, Some(95.0)], f),
                    ],
                    breaks: vec![Break { before_index: 9, label: "2025年7月1日与平福省合并".into() }],
                },
                y_label: "占人口百分比".into(),
                x_label: Some("年份".into()),
            },
            nb_percent,
        ));
        charts.push((
            Chart {
                id: "stress-stacked".into(),
                lang: "nb".into(),
                title: "Deltakere i sosialforsikring".into(),
                description: "d".into(),
                takeaway: String::new(),
                kind: ChartKind::Stacked {
                    categories: vec![
                        "Bảo hiểm xã hội bắt buộc 2023".into(),
                        "Bảo hiểm xã hội tự nguyện 2024".into(),
                        "Sáp nhập Bình Phước (từ 1/7/2025)".into(),
                    ],
                    series: vec![
                        series(
                            "Obligatorisk",
                            Scheme::Compulsory,
                            &[Some(1_200_000.0), Some(1_300_000.0), Some(1_900_000.0)],
                            &nb_people,
                        ),
                        series(
                            "Frivillig",
                            Scheme::Voluntary,
                            &[Some(400_000.0), Some(450_000.0), Some(700_000.0)],
                            &nb_people,
                        ),
                    ],
                },
                y_label: "Personer".into(),
                x_label: Some("År".into()),
            },
            nb_people,
        ));
        for (chart, fmt) in charts {
            let svg = render_svg(&chart, &fmt);
            std::fs::write(out.join(format!("{}-{}.svg", chart.id, chart.lang)), &svg)
                .expect("write svg");
            let png = rasterizer.png(&svg, PNG_SCALE).expect("png");
            std::fs::write(out.join(format!("{}-{}.png", chart.id, chart.lang)), png)
                .expect("write png");
        }
    }
}
