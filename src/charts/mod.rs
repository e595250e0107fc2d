//! Draws the bulletin's charts: accessible SVG for the pages, and PNG (cached) for downloads.
//!
//! This stage is pure: it takes already translated strings and a number formatter and
//! returns text or bytes. It knows nothing about YAML, Fluent or locales.
//!
//! A chart goes through three steps, one module each: `layout` places everything and
//! returns a plain [`Scene`]; `svg` draws the scene through plotters' `SVGBackend`;
//! `raster` turns the SVG into PNG. `text` and `scale` measure text and values for layout.

mod colour;
mod layout;
mod raster;
mod scale;
mod scene;
mod svg;
mod text;

#[cfg(test)]
mod samples;

use serde::{Deserialize, Serialize};

pub use colour::contrast_ratio;
pub use raster::{ChartError, Rasterizer};
pub use scene::{
    Anchor, Baseline, Colour, Dash, Datum, DropReason, DroppedLabel, Item, Line, Marker, Rect,
    Role, Scene, Shape, Text, Weight,
};
pub use svg::xml_escape;

/// The categories and series of any chart kind.
pub fn categories_and_series(kind: &ChartKind) -> (&[String], &[Series]) {
    match kind {
        ChartKind::Bars { categories, series }
        | ChartKind::Stacked { categories, series }
        | ChartKind::Dots {
            categories, series, ..
        } => (categories, series),
        ChartKind::Lines {
            x_labels, series, ..
        } => (x_labels, series),
    }
}
pub use text::text_width;

/// One chart, every string already localized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// File stem and id prefix, e.g. `result-vs-target`.
    pub id: String,
    /// BCP 47 tag written into the SVG: `vi`, `en`, `zh-Hans`, `nb`.
    pub lang: String,
    pub title: String,
    /// Text alternative stating every figure drawn (the SVG's `<desc>`).
    pub description: String,
    /// The main finding in one sentence, which the page prints under the chart; not drawn.
    #[serde(default)]
    pub takeaway: String,
    pub kind: ChartKind,
    /// Label of the value axis ("Percent of population", "People").
    pub y_label: String,
    /// Label of the category axis, if any.
    pub x_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChartKind {
    /// Grouped bars: one group per category, one bar per series (result, target, goal).
    /// Drawn vertically when labels fit, otherwise horizontally (long category names,
    /// many categories), so nothing needs rotating.
    Bars {
        categories: Vec<String>,
        series: Vec<Series>,
    },
    /// Lines over `x_labels`; a `Break` cuts every line (e.g. a border change) and is
    /// labelled at its position. Lines are never joined across a break or a missing value.
    Lines {
        x_labels: Vec<String>,
        series: Vec<Series>,
        breaks: Vec<Break>,
    },
    /// Stacked bars (compulsory + voluntary social insurance per year). Values should be
    /// non-negative; the total above each stack is formatted with `format_tick`.
    Stacked {
        categories: Vec<String>,
        series: Vec<Series>,
    },
    /// A dot per category on a horizontal value axis (one indicator across regions), with
    /// an optional reference drawn as a dashed rule (the national figure). The axis runs
    /// from `from`, which may be above zero when the values are close together; `note`
    /// then says so under the axis.
    Dots {
        categories: Vec<String>,
        series: Vec<Series>,
        reference: Option<Reference>,
        from: f64,
        note: Option<String>,
    },
}

/// A value drawn as a labelled rule across the plot, not as one of its categories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub value: f64,
    /// What the rule is labelled with, e.g. "Viet Nam: 93.35%".
    pub label: String,
    /// The name and the formatted value, for the chart's table.
    pub name: String,
    pub value_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub label: String,
    pub scheme: Scheme,
    /// One value per category / x label; `None` is drawn as nothing, never as zero.
    pub values: Vec<Option<f64>>,
    /// Already formatted labels drawn on or above each value; `None` draws no label.
    pub value_labels: Vec<Option<String>>,
    /// How the series is drawn among bars.
    #[serde(default)]
    pub mark: Mark,
}

/// How a series of a bar chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// A bar of its own.
    #[default]
    Bar,
    /// A rule across the bars of its category at its value: a target, read against the
    /// result it belongs to. Charts with ticks are drawn as horizontal rows.
    Tick,
}

/// A discontinuity in a line chart, drawn between `before_index - 1` and `before_index`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Break {
    pub before_index: usize,
    pub label: String,
}

/// Colour roles, one colour each, used the same way on every chart.
///
/// Based on Okabe–Ito (colour-blind safe), with orange and purple darkened so every
/// mark keeps at least 3:1 contrast against white (WCAG 1.4.11); Okabe–Ito yellow and
/// sky blue are left out because they fail that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scheme {
    SocialInsurance,
    HealthInsurance,
    UnemploymentInsurance,
    Compulsory,
    Voluntary,
    Target,
    Goal,
    Neutral,
}

impl Scheme {
    pub const ALL: [Scheme; 8] = [
        Scheme::SocialInsurance,
        Scheme::HealthInsurance,
        Scheme::UnemploymentInsurance,
        Scheme::Compulsory,
        Scheme::Voluntary,
        Scheme::Target,
        Scheme::Goal,
        Scheme::Neutral,
    ];

    /// The colour as `(r, g, b)`.
    pub fn rgb(self) -> (u8, u8, u8) {
        match self {
            // Okabe–Ito blue.
            Scheme::SocialInsurance => (0x00, 0x72, 0xB2),
            // Okabe–Ito bluish green, darkened so white labels on it reach 4.5:1.
            Scheme::HealthInsurance => (0x00, 0x7A, 0x5A),
            // Okabe–Ito reddish purple (#CC79A7, only 3.0:1), darkened at nearly the same hue
            // and chroma to L* 25. A lighter #A84E86 matched the blue of the trend chart in
            // lightness, so simulated protanopes saw ΔE00 9.4 between the two lines and
            // deuteranopes 15.9 (15.7 to health insurance's green); now 24.4 and 20.8 (20.6).
            Scheme::UnemploymentInsurance => (0x6A, 0x18, 0x51),
            // Compulsory and voluntary sit next to each other in one stack: blue and
            // (darkened) orange are the pair colour-blind readers tell apart best.
            Scheme::Compulsory => (0x00, 0x72, 0xB2),
            Scheme::Voluntary => (0xA0, 0x5F, 0x00),
            // Targets are context, not the news: a mid grey.
            Scheme::Target => (0x76, 0x76, 0x76),
            // Okabe–Ito vermillion, darkened so white labels on it reach 4.5:1.
            Scheme::Goal => (0xC0, 0x52, 0x00),
            Scheme::Neutral => (0x4D, 0x4D, 0x4D),
        }
    }

    /// The colour as `#rrggbb`, for CSS legends outside the SVG.
    pub fn hex(self) -> String {
        let (r, g, b) = self.rgb();
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    fn colour(self) -> Colour {
        let (r, g, b) = self.rgb();
        Colour(r, g, b)
    }
}

/// Width of the SVG canvas in user units; height follows from the content.
pub const CANVAS_WIDTH: u32 = 720;
/// Width of the second drawing that phones are shown (chosen by CSS): laid out for the
/// width rather than scaled down, so its smallest text stays at about 12 px on a 390 px
/// screen.
pub const NARROW_WIDTH: u32 = 360;
/// Scale for PNG output: sharp on high-density screens and in print.
pub const PNG_SCALE: f32 = 2.0;

/// Browsers take the first family that has a glyph; resvg does the same with fontdb.
/// "Noto Sans CJK SC" covers Latin, Vietnamese and simplified Chinese on its own.
const FONT_FAMILY: &str = "\"Noto Sans\", \"Noto Sans CJK SC\", \"DejaVu Sans\", sans-serif";

const WHITE: Colour = Colour(0xFF, 0xFF, 0xFF);
const TEXT: Colour = Colour(0x1A, 0x1A, 0x1A);
const MUTED_TEXT: Colour = Colour(0x4D, 0x4D, 0x4D);
const GRID: Colour = Colour(0xE3, 0xE3, 0xE3);
const AXIS: Colour = Colour(0x59, 0x59, 0x59);

const PAD: f64 = 16.0;
const TITLE_PX: f64 = 18.0;
const LABEL_PX: f64 = 13.0;
const VALUE_PX: f64 = 12.0;
const LINE_HEIGHT: f64 = 1.3;
const PLOT_HEIGHT: f64 = 260.0;

/// Lays `chart` out as a [`Scene`] on the [`CANVAS_WIDTH`] canvas. `format_tick` formats
/// axis values and stack totals in the page locale.
pub fn scene(chart: &Chart, format_tick: &dyn Fn(f64) -> String) -> Scene {
    layout::scene(chart, CANVAS_WIDTH, format_tick)
}

/// [`scene`] laid out on a canvas `width` user units wide (e.g. [`NARROW_WIDTH`]).
pub fn scene_at(chart: &Chart, width: u32, format_tick: &dyn Fn(f64) -> String) -> Scene {
    layout::scene(chart, width, format_tick)
}

/// A chart drawn as SVG, with its intrinsic size in CSS pixels (for `<img width height>`).
#[derive(Debug, Clone)]
pub struct Drawing {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    /// What was drawn, as plain data.
    pub scene: Scene,
}

/// Renders `chart` as a standalone SVG that can also be inlined in HTML5 (no XML
/// declaration). `format_tick` formats axis values and stack totals in the page locale.
pub fn render_svg(chart: &Chart, format_tick: &dyn Fn(f64) -> String) -> String {
    draw(chart, format_tick).svg
}

/// [`render_svg`], with the drawing's size.
pub fn draw(chart: &Chart, format_tick: &dyn Fn(f64) -> String) -> Drawing {
    draw_at(chart, CANVAS_WIDTH, format_tick)
}

/// [`draw`] on a canvas `width` user units wide.
pub fn draw_at(chart: &Chart, width: u32, format_tick: &dyn Fn(f64) -> String) -> Drawing {
    let scene = scene_at(chart, width, format_tick);
    Drawing {
        svg: svg::document(chart, &scene),
        width: scene.width,
        height: scene.height,
        scene,
    }
}

/// The id prefix of a chart's elements: unique per chart and language, so several
/// charts inlined in one page never clash.
pub fn dom_id(chart: &Chart) -> String {
    let mut id = String::from("chart-");
    for c in chart
        .id
        .chars()
        .chain(std::iter::once('-'))
        .chain(chart.lang.chars())
    {
        id.push(if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c.to_ascii_lowercase()
        } else {
            '-'
        });
    }
    id
}

#[cfg(test)]
mod tests {
    use super::samples::*;
    use super::*;

    #[test]
    fn ids_differ_per_chart_and_language() {
        let mut other = bars_vi();
        other.lang = "zh-Hans".into();
        assert_ne!(dom_id(&bars_vi()), dom_id(&other));
        assert_eq!(dom_id(&other), "chart-result-vs-target-zh-hans");
        let mut odd = bars_vi();
        odd.id = "a b\"<c".into();
        assert_eq!(dom_id(&odd), "chart-a-b--c-vi");
    }

    #[test]
    fn serialises_plainly() {
        let json = serde_json::to_value(bars_vi()).expect("serialisable");
        assert_eq!(json["kind"]["type"], "bars");
        assert_eq!(json["kind"]["series"][1]["scheme"], "Target");
        let back: Chart = serde_json::from_value(json).expect("round trip");
        assert_eq!(back, bars_vi());
    }

    #[test]
    fn rendering_is_cheap() {
        let charts = all_charts();
        let start = std::time::Instant::now();
        let rounds = 50;
        for _ in 0..rounds {
            for (chart, fmt) in &charts {
                std::hint::black_box(render_svg(chart, fmt));
            }
        }
        let per_chart = start.elapsed() / (rounds * charts.len() as u32);
        // Well under 1 ms in release; generous here for debug builds on a busy CI.
        assert!(
            per_chart < std::time::Duration::from_millis(5),
            "{per_chart:?} per chart"
        );
    }
}
