//! Draws the bulletin's charts: accessible SVG for the pages, and PNG (cached) for downloads.
//!
//! This stage is pure: it takes already translated strings and a number formatter and
//! returns text or bytes. It knows nothing about YAML, Fluent or locales.
//!
//! Layout is done here, not by plotters' `ChartBuilder`: without a font backend plotters
//! measures text by its byte length, which over-measures Vietnamese (multi-byte
//! diacritics) and Chinese (three bytes per character) labels. We measure text with our
//! own per-character estimate and only use plotters' `SVGBackend` to write the elements.

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use resvg::tiny_skia;
use resvg::usvg;
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------------------
// Public data model
// ---------------------------------------------------------------------------------------

/// One chart, every string already localized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// File stem and id prefix, e.g. `result-vs-target`.
    pub id: String,
    /// BCP 47 tag written into the SVG: `vi`, `en`, `zh-Hans`, `nb`.
    pub lang: String,
    pub title: String,
    /// Text alternative stating the main finding.
    pub description: String,
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    pub label: String,
    pub scheme: Scheme,
    /// One value per category / x label; `None` is drawn as nothing, never as zero.
    pub values: Vec<Option<f64>>,
    /// Already formatted labels drawn on or above each value; `None` draws no label.
    pub value_labels: Vec<Option<String>>,
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
            // Okabe–Ito reddish purple, darkened (the original is only 3.0:1).
            Scheme::UnemploymentInsurance => (0xA8, 0x4E, 0x86),
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

    fn colour(self) -> RGBColor {
        let (r, g, b) = self.rgb();
        RGBColor(r, g, b)
    }
}

/// Width of the SVG canvas in user units; height follows from the content.
pub const CANVAS_WIDTH: u32 = 720;
/// Scale for PNG output: sharp on high-density screens and in print.
pub const PNG_SCALE: f32 = 2.0;

/// Browsers take the first family that has a glyph; resvg does the same with fontdb.
/// "Noto Sans CJK SC" covers Latin, Vietnamese and simplified Chinese on its own.
const FONT_FAMILY: &str = "\"Noto Sans\", \"Noto Sans CJK SC\", \"DejaVu Sans\", sans-serif";

const TEXT: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
const MUTED_TEXT: RGBColor = RGBColor(0x4D, 0x4D, 0x4D);
const GRID: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
const AXIS: RGBColor = RGBColor(0x59, 0x59, 0x59);

const PAD: f64 = 16.0;
const TITLE_PX: f64 = 18.0;
const LABEL_PX: f64 = 13.0;
const VALUE_PX: f64 = 12.0;
const LINE_HEIGHT: f64 = 1.3;
const PLOT_HEIGHT: f64 = 260.0;

// ---------------------------------------------------------------------------------------
// SVG
// ---------------------------------------------------------------------------------------

/// Renders `chart` as a standalone SVG that can also be inlined in HTML5 (no XML
/// declaration). `format_tick` formats axis values and stack totals in the page locale.
pub fn render_svg(chart: &Chart, format_tick: &dyn Fn(f64) -> String) -> String {
    let layout = Layout::new(chart, format_tick);
    let mut body = String::with_capacity(16 * 1024);
    {
        let area =
            SVGBackend::with_string(&mut body, (CANVAS_WIDTH, layout.height)).into_drawing_area();
        layout
            .draw(&Painter { area: &area })
            .and_then(|()| area.present())
            .expect("drawing into a String cannot fail");
    }
    finish_svg(chart, &body, layout.height)
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

/// Replaces plotters' root element with an accessible, scalable one and inserts the
/// `<title>` and `<desc>` that `aria-labelledby` points at.
fn finish_svg(chart: &Chart, body: &str, height: u32) -> String {
    let inner = body
        .find("<svg")
        .and_then(|start| body[start..].find('>').map(|end| &body[start + end + 1..]))
        .unwrap_or(body);
    let id = dom_id(chart);
    let mut out = String::with_capacity(body.len() + 512);
    // width/height keep the intrinsic size (resvg, desktop); the style lets it shrink on
    // phones while the viewBox keeps the aspect ratio.
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{height}\" \
         viewBox=\"0 0 {w} {height}\" style=\"max-width:100%;height:auto\" role=\"img\" \
         lang=\"{lang}\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{fonts}\">\n",
        w = CANVAS_WIDTH,
        lang = xml_escape(&chart.lang),
        fonts = xml_escape(FONT_FAMILY),
    ));
    out.push_str(&format!(
        "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        xml_escape(&chart.title),
        xml_escape(&chart.description)
    ));
    tidy_text_elements(inner.trim_start_matches('\n'), &mut out);
    out
}

/// plotters wraps each text's content in newlines, writes font sizes like
/// `13.000000000000002` and repeats the font list on every text; trim all three so the
/// markup is small, stable and whitespace-exact (the root element carries the fonts).
fn tidy_text_elements(svg: &str, out: &mut String) {
    let family_attr = format!(" font-family=\"{}\"", xml_escape(FONT_FAMILY));
    let mut rest = svg;
    while let Some(start) = rest.find("<text ") {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = rest[..=tag_end]
            .replace(&family_attr, "")
            .replace(" opacity=\"1\"", "");
        let tag = tag.as_str();
        match tag.find("font-size=\"") {
            Some(at) => {
                let value_start = at + "font-size=\"".len();
                let value_len = tag[value_start..].find('"').unwrap_or(0);
                let value = &tag[value_start..value_start + value_len];
                out.push_str(&tag[..value_start]);
                match value.parse::<f64>() {
                    Ok(size) => out.push_str(&format!("{}", (size * 100.0).round() / 100.0)),
                    Err(_) => out.push_str(value),
                }
                out.push_str(&tag[value_start + value_len..]);
            }
            None => out.push_str(tag),
        }
        rest = &rest[tag_end + 1..];
        let Some(close) = rest.find("</text>") else {
            break;
        };
        out.push_str(rest[..close].trim_matches('\n'));
        out.push_str("</text>");
        rest = &rest[close + "</text>".len()..];
    }
    out.push_str(rest);
}

/// Escapes text for XML and HTML, content and quoted attributes alike.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Text measurement and wrapping
// ---------------------------------------------------------------------------------------

/// Estimated advance of `c` in em, erring wide so labels get room in any sans font.
fn char_em(c: char) -> f64 {
    let u = c as u32;
    match c {
        _ if is_combining(u) => 0.0,
        _ if is_wide(u) => 1.0,
        ' ' | '\u{00A0}' => 0.3,
        '\u{202F}' | '\u{2009}' => 0.2,
        '0'..='9' => 0.57,
        'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.9,
        '–' => 0.55,
        '—' => 1.0,
        _ if c.is_uppercase() => 0.7,
        _ if c.is_alphabetic() => 0.6,
        _ => 0.6,
    }
}

fn is_combining(u: u32) -> bool {
    matches!(u, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// East Asian wide and fullwidth characters (CJK, kana, Hangul, fullwidth forms).
fn is_wide(u: u32) -> bool {
    matches!(
        u,
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD
    )
}

/// Estimated width of `text` in pixels at `px` font size; bold is about 5 % wider.
pub fn text_width(text: &str, px: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * px
}

fn bold_width(text: &str, px: f64) -> f64 {
    text_width(text, px) * 1.06
}

/// Splits text into units that may not be broken: words, and single CJK characters
/// (Chinese breaks between any two characters). Each unit carries whether a space
/// preceded it.
fn break_units(text: &str) -> Vec<(bool, String)> {
    let mut units: Vec<(bool, String)> = Vec::new();
    let mut space_before = false;
    let mut current = String::new();
    let flush = |units: &mut Vec<(bool, String)>, current: &mut String, space_before: &mut bool| {
        if !current.is_empty() {
            units.push((*space_before, std::mem::take(current)));
            *space_before = false;
        }
    };
    for c in text.chars() {
        if c == ' ' || c == '\n' || c == '\t' {
            flush(&mut units, &mut current, &mut space_before);
            space_before = true;
        } else if is_closing_punct(c) && current.is_empty() && !space_before && !units.is_empty() {
            // No line may start with closing punctuation: keep it with what precedes.
            if let Some(last) = units.last_mut() {
                last.1.push(c);
            }
        } else if is_wide(c as u32) {
            flush(&mut units, &mut current, &mut space_before);
            units.push((space_before, c.to_string()));
            space_before = false;
        } else {
            current.push(c);
        }
    }
    flush(&mut units, &mut current, &mut space_before);
    units
}

fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '）' | '：' | '；' | '！' | '？' | ',' | '.' | ')' | ':' | ';'
    )
}

/// Greedy line wrapping to `max_width` pixels. A unit wider than a whole line is cut
/// between characters rather than overflowing.
fn wrap(text: &str, px: f64, max_width: f64, width: fn(&str, f64) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (space, unit) in break_units(text) {
        let candidate = if line.is_empty() {
            unit.clone()
        } else if space {
            format!("{line} {unit}")
        } else {
            format!("{line}{unit}")
        };
        if width(&candidate, px) <= max_width || line.is_empty() && width(&unit, px) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The unit alone is too wide: cut it by characters.
        for c in unit.chars() {
            let mut next = line.clone();
            next.push(c);
            if !line.is_empty() && width(&next, px) > max_width && !is_combining(c as u32) {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn wrap_plain(text: &str, px: f64, max_width: f64) -> Vec<String> {
    wrap(text, px, max_width, text_width)
}

/// Wraps and, beyond `max_lines`, shortens the last line with an ellipsis. The full text
/// stays available in the chart's `<desc>` and the page's data table.
fn wrap_limited(text: &str, px: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut lines = wrap_plain(text, px, max_width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && text_width(&format!("{last}…"), px) > max_width {
                last.pop();
            }
            let trimmed = last.trim_end().to_string();
            *last = format!("{trimmed}…");
        }
    }
    lines
}

fn line_px(px: f64) -> f64 {
    px * LINE_HEIGHT
}

// ---------------------------------------------------------------------------------------
// Scales
// ---------------------------------------------------------------------------------------

/// A linear value scale with "nice" ticks (1, 2, 2.5, 5 × 10^k).
#[derive(Debug, Clone)]
struct ValueScale {
    lo: f64,
    hi: f64,
    step: f64,
}

impl ValueScale {
    fn new(lo: f64, hi: f64, zero_based: bool) -> Self {
        let (mut lo, mut hi) = if zero_based {
            (lo.min(0.0), hi.max(0.0))
        } else {
            (lo, hi)
        };
        if (hi - lo).abs() < f64::EPSILON {
            // A flat series still needs an axis around it.
            let pad = if hi.abs() > 0.0 { hi.abs() * 0.1 } else { 1.0 };
            if !zero_based || lo < 0.0 {
                lo -= pad;
            }
            hi += pad;
        }
        let step = nice_step(lo, hi);
        let lo = (lo / step).floor() * step;
        let hi = (hi / step).ceil() * step;
        ValueScale { lo, hi, step }
    }

    fn ticks(&self) -> Vec<f64> {
        let count = ((self.hi - self.lo) / self.step).round();
        // Values near f64::MAX overflow the range; never loop over billions of ticks.
        if !(0.0..=100.0).contains(&count) {
            return [self.lo, self.hi]
                .into_iter()
                .filter(|v| v.is_finite())
                .collect();
        }
        let count = count as i64;
        let (mantissa, exponent) = decompose(self.step);
        let start = (self.lo / self.step).round() as i64;
        (0..=count)
            .map(|i| {
                // Multiply integers first so ticks are 0.2, 0.4, … and not 0.6000000001.
                let n = (start + i) as f64 * mantissa;
                if exponent >= 0 {
                    n * 10f64.powi(exponent)
                } else {
                    n / 10f64.powi(-exponent)
                }
            })
            .collect()
    }

    /// Extends the top by one step (for label headroom).
    fn grow(&mut self) {
        self.hi += self.step;
    }

    fn frac(&self, value: f64) -> f64 {
        (value - self.lo) / (self.hi - self.lo)
    }

    fn baseline(&self) -> f64 {
        0.0f64.max(self.lo).min(self.hi)
    }
}

/// The step among 1, 2, 2.5, 5 × 10^k that splits `lo..hi` into closest to five
/// intervals: enough gridlines to read values, few enough to stay calm.
fn nice_step(lo: f64, hi: f64) -> f64 {
    let range = hi - lo;
    if !(range.is_finite() && range > 0.0) {
        return 1.0;
    }
    let exponent = (range / 5.0).log10().floor() as i32;
    let mut best = (f64::INFINITY, 1.0);
    for e in exponent - 1..=exponent + 1 {
        for mantissa in [1.0, 2.0, 2.5, 5.0] {
            let step = mantissa * 10f64.powi(e);
            let intervals = (hi / step).ceil() - (lo / step).floor();
            let score = (intervals - 5.0).abs();
            // On a tie the larger step wins: fewer lines.
            if score < best.0 || (score - best.0).abs() < f64::EPSILON && step > best.1 {
                best = (score, step);
            }
        }
    }
    best.1
}

/// `step` as integer-ish mantissa (1, 2, 25, 5, 10) and a power of ten.
fn decompose(step: f64) -> (f64, i32) {
    let mut exponent = step.log10().floor() as i32;
    let mut mantissa = step / 10f64.powi(exponent);
    // 2.5 needs one more digit to be an integer.
    if (mantissa - mantissa.round()).abs() > 1e-9 {
        mantissa *= 10.0;
        exponent -= 1;
    }
    (mantissa.round(), exponent)
}

fn finite(value: Option<f64>) -> Option<f64> {
    value.filter(|v| v.is_finite())
}

fn value_at(series: &Series, index: usize) -> Option<f64> {
    finite(series.values.get(index).copied().flatten())
}

fn label_at(series: &Series, index: usize) -> Option<&str> {
    series
        .value_labels
        .get(index)
        .and_then(|l| l.as_deref())
        .filter(|l| !l.is_empty())
}

// ---------------------------------------------------------------------------------------
// Drawing primitives
// ---------------------------------------------------------------------------------------

type DrawResult = Result<(), DrawingAreaErrorKind<io::Error>>;

struct Painter<'p, 'b> {
    area: &'p DrawingArea<SVGBackend<'b>, Shift>,
}

#[derive(Debug, Clone, Copy)]
enum Weight {
    Normal,
    Bold,
}

fn px(v: f64) -> i32 {
    v.round() as i32
}

impl Painter<'_, '_> {
    fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, colour: RGBColor) -> DrawResult {
        self.area.draw(&Rectangle::new(
            [(px(x0), px(y0)), (px(x1), px(y1))],
            colour.filled(),
        ))
    }

    fn line(&self, points: &[(f64, f64)], colour: RGBColor, width: u32) -> DrawResult {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area
            .draw(&PathElement::new(points, colour.stroke_width(width)))
    }

    fn dashed_vertical(&self, x: f64, y0: f64, y1: f64, colour: RGBColor) -> DrawResult {
        let mut y = y0;
        while y < y1 {
            self.line(&[(x, y), (x, (y + 5.0).min(y1))], colour, 1)?;
            y += 9.0;
        }
        Ok(())
    }

    fn marker(&self, shape: usize, x: f64, y: f64, colour: RGBColor) -> DrawResult {
        let r = 4.0;
        let (xi, yi) = (px(x), px(y));
        match shape % 3 {
            0 => self.area.draw(&Circle::new((xi, yi), 4, colour.filled())),
            1 => self.rect(x - r, y - r, x + r, y + r, colour),
            _ => {
                let s = r * 1.35;
                let points = vec![
                    (xi, px(y - s)),
                    (px(x + s), yi),
                    (xi, px(y + s)),
                    (px(x - s), yi),
                ];
                self.area.draw(&Polygon::new(points, colour.filled()))
            }
        }
    }

    fn text(&self, text: &str, (x, y): (f64, f64), ink: Ink, (h, v): (HPos, VPos)) -> DrawResult {
        let style = match ink.weight {
            Weight::Normal => FontStyle::Normal,
            Weight::Bold => FontStyle::Bold,
        };
        // plotters writes font-size as size / 1.24; undo that so `size` is the CSS px size.
        let font = FontDesc::new(FontFamily::Name(FONT_FAMILY), ink.size * 1.24, style);
        let style = TextStyle::from(font).color(&ink.colour).pos(Pos::new(h, v));
        self.area.draw_text(text, &style, (px(x), px(y)))
    }

    /// Lines of text whose block starts at `y` (top).
    fn text_block(&self, lines: &[String], (x, y): (f64, f64), ink: Ink, h: HPos) -> DrawResult {
        for (i, line) in lines.iter().enumerate() {
            self.text(
                line,
                (x, y + i as f64 * line_px(ink.size)),
                ink,
                (h, VPos::Top),
            )?;
        }
        Ok(())
    }
}

/// How a piece of text looks.
#[derive(Debug, Clone, Copy)]
struct Ink {
    size: f64,
    weight: Weight,
    colour: RGBColor,
}

/// A box already taken by a label, to avoid drawing labels on top of each other.
#[derive(Debug, Clone, Copy)]
struct Taken {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Taken {
    fn centred(cx: f64, top: f64, width: f64, height: f64) -> Self {
        Taken {
            x0: cx - width / 2.0,
            y0: top,
            x1: cx + width / 2.0,
            y1: top + height,
        }
    }

    fn overlaps(&self, other: &Taken) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
}

// ---------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Swatch {
    Block,
    Line(usize),
}

struct LegendItem {
    lines: Vec<String>,
    colour: RGBColor,
    swatch: Swatch,
    x: f64,
    y: f64,
}

/// Everything placed, in canvas pixels, before anything is drawn.
struct Layout<'c> {
    chart: &'c Chart,
    height: u32,
    title: Vec<String>,
    legend: Vec<LegendItem>,
    /// Value axis label lines and their top.
    axis_label: Vec<String>,
    axis_label_y: f64,
    scale: ValueScale,
    tick_labels: Vec<(f64, String)>,
    plot: Frame,
    body: Body,
    category_label_lines: Vec<Vec<String>>,
    x_label: Vec<String>,
    x_label_y: f64,
    format_total: Vec<Option<String>>,
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Frame {
    fn width(&self) -> f64 {
        self.right - self.left
    }
    fn height(&self) -> f64 {
        self.bottom - self.top
    }
}

enum Body {
    /// Vertical bars or a vertical stack (`stacked`).
    Columns { stacked: bool },
    /// Horizontal grouped bars, used when vertical ones would crowd their labels.
    Rows { band: f64, bar: f64, gap: f64 },
    Lines {
        breaks: Vec<(f64, Vec<String>, f64, HPos)>,
    },
}

fn categories_and_series(kind: &ChartKind) -> (&[String], &[Series]) {
    match kind {
        ChartKind::Bars { categories, series } | ChartKind::Stacked { categories, series } => {
            (categories, series)
        }
        ChartKind::Lines {
            x_labels, series, ..
        } => (x_labels, series),
    }
}

/// Group geometry of vertical bars: (band width, bar width, gap between bars).
fn column_geometry(plot_width: f64, categories: usize, series: usize) -> (f64, f64, f64) {
    let band = plot_width / categories.max(1) as f64;
    let gap = 3.0;
    let group = band * 0.78;
    let bar = ((group - gap * (series.max(1) - 1) as f64) / series.max(1) as f64).min(72.0);
    (band, bar, gap)
}

impl<'c> Layout<'c> {
    fn new(chart: &'c Chart, format_tick: &dyn Fn(f64) -> String) -> Self {
        let width = f64::from(CANVAS_WIDTH);
        let inner = width - 2.0 * PAD;
        let (categories, series) = categories_and_series(&chart.kind);
        let n = categories.len();

        let mut y = PAD;
        let title = wrap(&chart.title, TITLE_PX, inner, bold_width);
        y += title.len() as f64 * line_px(TITLE_PX) + 10.0;

        // Legend: items flow left to right and wrap, above the plot so it never covers it.
        let swatch = match chart.kind {
            ChartKind::Lines { .. } => |i| Swatch::Line(i),
            _ => |_| Swatch::Block,
        };
        let swatch_w = |s: Swatch| if s == Swatch::Block { 14.0 } else { 26.0 };
        let mut legend = Vec::new();
        let (mut lx, mut row_h) = (PAD, 0.0f64);
        for (i, s) in series.iter().enumerate() {
            let sw = swatch(i);
            let lines = wrap_plain(&s.label, LABEL_PX, inner - swatch_w(sw) - 6.0);
            let item_w = swatch_w(sw)
                + 6.0
                + lines
                    .iter()
                    .map(|l| text_width(l, LABEL_PX))
                    .fold(0.0, f64::max);
            if lx > PAD && lx + item_w > PAD + inner {
                y += row_h + 4.0;
                lx = PAD;
                row_h = 0.0;
            }
            row_h = row_h.max(lines.len() as f64 * line_px(LABEL_PX));
            legend.push(LegendItem {
                lines,
                colour: s.scheme.colour(),
                swatch: sw,
                x: lx,
                y,
            });
            lx += item_w + 20.0;
        }
        if !legend.is_empty() {
            y += row_h + 10.0;
        }

        let values: Vec<f64> = match &chart.kind {
            ChartKind::Stacked { .. } => (0..n)
                .map(|i| {
                    series
                        .iter()
                        .filter_map(|s| value_at(s, i))
                        .filter(|v| *v > 0.0)
                        .sum()
                })
                .collect(),
            _ => series
                .iter()
                .flat_map(|s| (0..n).filter_map(move |i| value_at(s, i)))
                .collect(),
        };
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
        let zero_based = !matches!(chart.kind, ChartKind::Lines { .. });
        let scale = ValueScale::new(lo, hi, zero_based);

        let format_total: Vec<Option<String>> = match &chart.kind {
            ChartKind::Stacked { .. } => (0..n)
                .map(|i| {
                    let present: Vec<f64> = series.iter().filter_map(|s| value_at(s, i)).collect();
                    // A lone segment already carries its own label.
                    (present.len() > 1).then(|| format_tick(present.iter().sum()))
                })
                .collect(),
            _ => Vec::new(),
        };

        let mut x_label = Vec::new();
        let horizontal = matches!(chart.kind, ChartKind::Bars { .. })
            && !columns_fit(categories, series, &scale, format_tick);

        if horizontal {
            return Self::rows(chart, format_tick, y, title, legend, scale);
        }

        // Value axis label sits above the tick labels, horizontal: no rotated text.
        let axis_label = wrap_plain(&chart.y_label, LABEL_PX, inner);
        let axis_label_y = y;
        y += axis_label.len() as f64 * line_px(LABEL_PX) + 6.0;

        // Break labels get a band of their own above the plot so they never hide a line.
        let mut break_specs = Vec::new();
        if let ChartKind::Lines { breaks, .. } = &chart.kind {
            break_specs = breaks
                .iter()
                .filter(|b| b.before_index > 0 && b.before_index < n)
                .collect();
        }

        let tick_labels: Vec<(f64, String)> = scale
            .ticks()
            .into_iter()
            .map(|t| (t, format_tick(t)))
            .collect();
        let tick_w = tick_labels
            .iter()
            .map(|(_, l)| text_width(l, LABEL_PX))
            .fold(0.0, f64::max);
        let mut plot = Frame {
            left: PAD + tick_w + 8.0,
            top: y,
            right: width - PAD,
            bottom: y + PLOT_HEIGHT,
        };
        // Labels above the tallest value may rise past the top gridline (it is light);
        // lower the plot just enough that they stay clear of the labels above it, rather
        // than stretching the axis to a meaningless 120 %.
        let has_value_labels = match &chart.kind {
            ChartKind::Stacked { .. } => format_total.iter().any(Option::is_some),
            _ => series
                .iter()
                .any(|s| s.value_labels.iter().any(Option::is_some)),
        };
        if has_value_labels {
            let room = PLOT_HEIGHT * (1.0 - scale.frac(hi)) + 4.0;
            let needed = line_px(VALUE_PX)
                + if matches!(chart.kind, ChartKind::Lines { .. }) {
                    8.0
                } else {
                    4.0
                };
            if room < needed {
                plot.top += needed - room;
                plot.bottom = plot.top + PLOT_HEIGHT;
            }
        }

        let mut breaks_out = Vec::new();
        if !break_specs.is_empty() {
            let step = plot.width() / n.max(1) as f64;
            let mut band_h: f64 = 0.0;
            for b in &break_specs {
                let x = plot.left + b.before_index as f64 * step;
                let right_room = plot.right - x - 6.0;
                let left_room = x - plot.left - 6.0;
                let (room, anchor) = if right_room >= 160.0 || right_room >= left_room {
                    (right_room, HPos::Left)
                } else {
                    (left_room, HPos::Right)
                };
                let lines = wrap_plain(&b.label, VALUE_PX, room.min(260.0));
                band_h = band_h.max(lines.len() as f64 * line_px(VALUE_PX));
                breaks_out.push((x, lines, 0.0, anchor));
            }
            for b in &mut breaks_out {
                b.2 = plot.top;
            }
            plot.top += band_h + 8.0;
            plot.bottom = plot.top + PLOT_HEIGHT;
        }

        // Category labels under the plot.
        // Many narrow slots (20 years): label every k-th slot rather than cut "2005"
        // into "20" / "05".
        let band = plot.width() / n.max(1) as f64;
        let longest_word = categories
            .iter()
            .flat_map(|c| break_units(c))
            .map(|(_, unit)| text_width(&unit, LABEL_PX))
            .fold(0.0, f64::max);
        let every = (1..n.max(1))
            .find(|k| longest_word <= band * *k as f64 - 12.0)
            .unwrap_or(n.max(1));
        let category_label_lines: Vec<Vec<String>> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| match i % every {
                0 => wrap_limited(c, LABEL_PX, (band * every as f64 - 12.0).max(24.0), 3),
                _ => Vec::new(),
            })
            .collect();
        let label_rows = category_label_lines.iter().map(Vec::len).max().unwrap_or(0);
        y = plot.bottom + 8.0 + label_rows as f64 * line_px(LABEL_PX);
        let mut x_label_y = y;
        if let Some(label) = &chart.x_label {
            x_label = wrap_plain(label, LABEL_PX, inner);
            x_label_y = y + 6.0;
            y = x_label_y + x_label.len() as f64 * line_px(LABEL_PX);
        }
        let height = (y + PAD).ceil() as u32;

        let body = match &chart.kind {
            ChartKind::Bars { .. } => Body::Columns { stacked: false },
            ChartKind::Stacked { .. } => Body::Columns { stacked: true },
            ChartKind::Lines { .. } => Body::Lines { breaks: breaks_out },
        };
        Layout {
            chart,
            height,
            title,
            legend,
            axis_label,
            axis_label_y,
            scale,
            tick_labels,
            plot,
            body,
            category_label_lines,
            x_label,
            x_label_y,
            format_total,
        }
    }

    /// Horizontal bars: categories down the left, values to the right.
    fn rows(
        chart: &'c Chart,
        format_tick: &dyn Fn(f64) -> String,
        mut y: f64,
        title: Vec<String>,
        legend: Vec<LegendItem>,
        mut scale: ValueScale,
    ) -> Self {
        let (categories, series) = categories_and_series(&chart.kind);
        let width = f64::from(CANVAS_WIDTH);
        let inner = width - 2.0 * PAD;
        let n = categories.len();
        let s = series.len().max(1);

        // The category axis label (if any) heads the label column.
        let axis_label = chart
            .x_label
            .as_deref()
            .map(|l| wrap_plain(l, LABEL_PX, inner))
            .unwrap_or_default();
        let axis_label_y = y;
        if !axis_label.is_empty() {
            y += axis_label.len() as f64 * line_px(LABEL_PX) + 6.0;
        }

        let widest = categories
            .iter()
            .map(|c| text_width(c, LABEL_PX))
            .fold(0.0, f64::max);
        let column = widest.min(inner * 0.34).max(40.0);
        let category_label_lines: Vec<Vec<String>> = categories
            .iter()
            .map(|c| wrap_limited(c, LABEL_PX, column, 4))
            .collect();
        let value_label_w = series
            .iter()
            .flat_map(|s| s.value_labels.iter().flatten())
            .map(|l| text_width(l, VALUE_PX))
            .fold(0.0, f64::max);

        let bar = 18.0;
        let gap = 3.0;
        let group = s as f64 * bar + (s - 1) as f64 * gap;
        let label_rows = category_label_lines.iter().map(Vec::len).max().unwrap_or(1) as f64;
        let band = (group + 14.0).max(label_rows * line_px(LABEL_PX) + 10.0);

        let mut plot = Frame {
            left: PAD + column + 12.0,
            top: y,
            right: width - PAD - value_label_w - 6.0,
            bottom: y + band * n.max(1) as f64,
        };
        let mut tick_labels: Vec<(f64, String)> = scale
            .ticks()
            .into_iter()
            .map(|t| (t, format_tick(t)))
            .collect();
        // The last tick label is centred on the right edge: keep it on the canvas.
        for _ in 0..2 {
            let last_w = tick_labels
                .last()
                .map(|(_, l)| text_width(l, LABEL_PX))
                .unwrap_or(0.0);
            plot.right = plot.right.min(width - PAD - last_w / 2.0);
            let hi = series
                .iter()
                .flat_map(|s| (0..n).filter_map(move |i| value_at(s, i)))
                .fold(f64::NEG_INFINITY, f64::max);
            let end = plot.left + plot.width() * scale.frac(hi.max(scale.lo));
            if end + value_label_w + 6.0 > width - PAD {
                scale.grow();
                tick_labels = scale
                    .ticks()
                    .into_iter()
                    .map(|t| (t, format_tick(t)))
                    .collect();
            } else {
                break;
            }
        }

        // Tick labels below the rows, then the value axis label.
        let mut yy = plot.bottom + 6.0 + line_px(LABEL_PX) + 6.0;
        let x_label = wrap_plain(&chart.y_label, LABEL_PX, inner);
        let x_label_y = yy;
        yy += x_label.len() as f64 * line_px(LABEL_PX);
        let height = (yy + PAD).ceil() as u32;
        plot.bottom = plot.top + band * n.max(1) as f64;

        Layout {
            chart,
            height,
            title,
            legend,
            axis_label,
            axis_label_y,
            scale,
            tick_labels,
            plot,
            body: Body::Rows { band, bar, gap },
            category_label_lines,
            x_label,
            x_label_y,
            format_total: Vec::new(),
        }
    }

    fn y_of(&self, value: f64) -> f64 {
        self.plot.bottom - self.plot.height() * self.scale.frac(value)
    }

    fn x_of(&self, value: f64) -> f64 {
        self.plot.left + self.plot.width() * self.scale.frac(value)
    }

    fn draw(&self, p: &Painter) -> DrawResult {
        p.area.fill(&WHITE)?;
        p.text_block(
            &self.title,
            (PAD, PAD),
            Ink {
                size: TITLE_PX,
                weight: Weight::Bold,
                colour: TEXT,
            },
            HPos::Left,
        )?;
        for item in &self.legend {
            let mid = item.y + line_px(LABEL_PX) / 2.0;
            let text_x = match item.swatch {
                Swatch::Block => {
                    p.rect(item.x, mid - 7.0, item.x + 14.0, mid + 7.0, item.colour)?;
                    item.x + 20.0
                }
                Swatch::Line(shape) => {
                    p.line(&[(item.x, mid), (item.x + 26.0, mid)], item.colour, 3)?;
                    p.marker(shape, item.x + 13.0, mid, item.colour)?;
                    item.x + 32.0
                }
            };
            p.text_block(
                &item.lines,
                (text_x, item.y),
                Ink {
                    size: LABEL_PX,
                    weight: Weight::Normal,
                    colour: TEXT,
                },
                HPos::Left,
            )?;
        }
        p.text_block(
            &self.axis_label,
            (PAD, self.axis_label_y),
            Ink {
                size: LABEL_PX,
                weight: Weight::Normal,
                colour: MUTED_TEXT,
            },
            HPos::Left,
        )?;

        match &self.body {
            Body::Rows { band, bar, gap } => self.draw_rows(p, *band, *bar, *gap)?,
            body => {
                // Gridlines first so bars and lines sit on top.
                for (value, label) in &self.tick_labels {
                    let y = self.y_of(*value);
                    p.line(&[(self.plot.left, y), (self.plot.right, y)], GRID, 1)?;
                    p.text(
                        label,
                        (self.plot.left - 8.0, y),
                        Ink {
                            size: LABEL_PX,
                            weight: Weight::Normal,
                            colour: TEXT,
                        },
                        (HPos::Right, VPos::Center),
                    )?;
                }
                match body {
                    Body::Columns { stacked: false } => self.draw_columns(p)?,
                    Body::Columns { stacked: true } => self.draw_stacks(p)?,
                    Body::Lines { breaks } => self.draw_lines(p, breaks)?,
                    Body::Rows { .. } => {}
                }
                let base = self.y_of(self.scale.baseline());
                p.line(&[(self.plot.left, base), (self.plot.right, base)], AXIS, 1)?;
                let band = self.plot.width() / self.category_label_lines.len().max(1) as f64;
                for (i, lines) in self.category_label_lines.iter().enumerate() {
                    let cx = self.plot.left + band * (i as f64 + 0.5);
                    p.text_block(
                        lines,
                        (cx, self.plot.bottom + 8.0),
                        Ink {
                            size: LABEL_PX,
                            weight: Weight::Normal,
                            colour: TEXT,
                        },
                        HPos::Center,
                    )?;
                }
                p.text_block(
                    &self.x_label,
                    ((self.plot.left + self.plot.right) / 2.0, self.x_label_y),
                    Ink {
                        size: LABEL_PX,
                        weight: Weight::Normal,
                        colour: MUTED_TEXT,
                    },
                    HPos::Center,
                )?;
            }
        }
        Ok(())
    }

    fn draw_columns(&self, p: &Painter) -> DrawResult {
        let (categories, series) = categories_and_series(&self.chart.kind);
        let (band, bar, gap) = column_geometry(self.plot.width(), categories.len(), series.len());
        let group = series.len() as f64 * bar + (series.len().saturating_sub(1)) as f64 * gap;
        let base = self.y_of(self.scale.baseline());
        for i in 0..categories.len() {
            let x0 = self.plot.left + band * i as f64 + (band - group) / 2.0;
            for (k, s) in series.iter().enumerate() {
                let Some(v) = value_at(s, i) else { continue };
                let bx = x0 + k as f64 * (bar + gap);
                let y = self.y_of(v);
                p.rect(bx, y.min(base), bx + bar, y.max(base), s.scheme.colour())?;
                if let Some(label) = label_at(s, i) {
                    let (ly, v_pos) = if v >= 0.0 {
                        (y - 3.0, VPos::Bottom)
                    } else {
                        (y + 3.0, VPos::Top)
                    };
                    p.text(
                        label,
                        (bx + bar / 2.0, ly),
                        Ink {
                            size: VALUE_PX,
                            weight: Weight::Normal,
                            colour: TEXT,
                        },
                        (HPos::Center, v_pos),
                    )?;
                }
            }
        }
        Ok(())
    }

    fn draw_stacks(&self, p: &Painter) -> DrawResult {
        let (categories, series) = categories_and_series(&self.chart.kind);
        let band = self.plot.width() / categories.len().max(1) as f64;
        let bar = (band * 0.62).min(96.0);
        for i in 0..categories.len() {
            let x0 = self.plot.left + band * (i as f64 + 0.5) - bar / 2.0;
            let mut acc = 0.0;
            for s in series {
                let Some(v) = value_at(s, i).filter(|v| *v > 0.0) else {
                    continue;
                };
                let (y_top, y_bottom) = (self.y_of(acc + v), self.y_of(acc));
                acc += v;
                let colour = s.scheme.colour();
                // A 1px white gap separates segments even where colours are similar.
                p.rect(x0, y_top + 0.5, x0 + bar, y_bottom - 0.5, colour)?;
                if let Some(label) = label_at(s, i) {
                    let fits = y_bottom - y_top >= line_px(VALUE_PX) + 2.0
                        && text_width(label, VALUE_PX) <= bar - 4.0;
                    if fits {
                        let ink = readable_on(s.scheme.rgb());
                        p.text(
                            label,
                            (x0 + bar / 2.0, (y_top + y_bottom) / 2.0),
                            Ink {
                                size: VALUE_PX,
                                weight: Weight::Normal,
                                colour: ink,
                            },
                            (HPos::Center, VPos::Center),
                        )?;
                    }
                }
            }
            if let Some(Some(total)) = self.format_total.get(i) {
                p.text(
                    total,
                    (x0 + bar / 2.0, self.y_of(acc) - 3.0),
                    Ink {
                        size: VALUE_PX,
                        weight: Weight::Bold,
                        colour: TEXT,
                    },
                    (HPos::Center, VPos::Bottom),
                )?;
            }
        }
        Ok(())
    }

    fn draw_lines(&self, p: &Painter, breaks: &[(f64, Vec<String>, f64, HPos)]) -> DrawResult {
        let (x_labels, series) = categories_and_series(&self.chart.kind);
        let n = x_labels.len();
        let step = self.plot.width() / n.max(1) as f64;
        let x_of = |i: usize| self.plot.left + step * (i as f64 + 0.5);
        let break_at: Vec<usize> = match &self.chart.kind {
            ChartKind::Lines { breaks, .. } => breaks.iter().map(|b| b.before_index).collect(),
            _ => Vec::new(),
        };

        for (x, lines, top, anchor) in breaks {
            p.dashed_vertical(*x, *top, self.plot.bottom, AXIS)?;
            let tx = if matches!(anchor, HPos::Left) {
                x + 5.0
            } else {
                x - 5.0
            };
            p.text_block(
                lines,
                (tx, *top),
                Ink {
                    size: VALUE_PX,
                    weight: Weight::Normal,
                    colour: TEXT,
                },
                *anchor,
            )?;
        }

        // Markers and line paths are obstacles for the value labels placed afterwards.
        let mut taken: Vec<Taken> = Vec::new();
        for (k, s) in series.iter().enumerate() {
            let colour = s.scheme.colour();
            let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
            for i in 0..n {
                if break_at.contains(&i) || value_at(s, i).is_none() {
                    runs.push(Vec::new());
                }
                if let (Some(v), Some(run)) = (value_at(s, i), runs.last_mut()) {
                    run.push((x_of(i), self.y_of(v)));
                }
            }
            for run in runs.iter().filter(|r| r.len() > 1) {
                p.line(run, colour, 3)?;
                for pair in run.windows(2) {
                    let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
                    let steps = ((x1 - x0).hypot(y1 - y0) / 4.0).ceil().max(1.0);
                    for j in 0..=steps as usize {
                        let t = j as f64 / steps;
                        taken.push(Taken::centred(
                            x0 + (x1 - x0) * t,
                            y0 + (y1 - y0) * t - 2.0,
                            4.0,
                            4.0,
                        ));
                    }
                }
            }
            for &(x, y) in runs.iter().flatten() {
                p.marker(k, x, y, colour)?;
                taken.push(Taken::centred(x, y - 6.0, 12.0, 12.0));
            }
        }
        // Labels after all lines so no line is drawn over a label.
        for s in series {
            for i in 0..n {
                let (Some(v), Some(label)) = (value_at(s, i), label_at(s, i)) else {
                    continue;
                };
                let h = line_px(VALUE_PX);
                let w = text_width(label, VALUE_PX);
                // Keep end labels on the canvas (max/min, not clamp: a label wider than
                // the canvas must not panic).
                let cx = x_of(i)
                    .min(f64::from(CANVAS_WIDTH) - PAD - w / 2.0)
                    .max(self.plot.left + w / 2.0);
                let above = Taken::centred(cx, self.y_of(v) - 7.0 - h, w, h);
                let below = Taken::centred(cx, self.y_of(v) + 7.0, w, h);
                let spot = [above, below].into_iter().find(|b| {
                    b.y0 >= self.plot.top - 4.0
                        && b.y1 <= self.plot.bottom
                        && !taken.iter().any(|t| t.overlaps(b))
                });
                // A label that would collide is left out; the value is in the page's table.
                if let Some(b) = spot {
                    p.text(
                        label,
                        (cx, b.y0),
                        Ink {
                            size: VALUE_PX,
                            weight: Weight::Normal,
                            colour: TEXT,
                        },
                        (HPos::Center, VPos::Top),
                    )?;
                    taken.push(b);
                }
            }
        }
        Ok(())
    }

    fn draw_rows(&self, p: &Painter, band: f64, bar: f64, gap: f64) -> DrawResult {
        let (categories, series) = categories_and_series(&self.chart.kind);
        let group = series.len() as f64 * bar + series.len().saturating_sub(1) as f64 * gap;
        for (value, label) in &self.tick_labels {
            let x = self.x_of(*value);
            p.line(&[(x, self.plot.top), (x, self.plot.bottom)], GRID, 1)?;
            p.text(
                label,
                (x, self.plot.bottom + 6.0),
                Ink {
                    size: LABEL_PX,
                    weight: Weight::Normal,
                    colour: TEXT,
                },
                (HPos::Center, VPos::Top),
            )?;
        }
        let base = self.x_of(self.scale.baseline());
        for i in 0..categories.len() {
            let band_top = self.plot.top + band * i as f64;
            let lines = &self.category_label_lines[i];
            let label_h = lines.len() as f64 * line_px(LABEL_PX);
            p.text_block(
                lines,
                (self.plot.left - 12.0, band_top + (band - label_h) / 2.0),
                Ink {
                    size: LABEL_PX,
                    weight: Weight::Normal,
                    colour: TEXT,
                },
                HPos::Right,
            )?;
            let y0 = band_top + (band - group) / 2.0;
            for (k, s) in series.iter().enumerate() {
                let Some(v) = value_at(s, i) else { continue };
                let by = y0 + k as f64 * (bar + gap);
                let x = self.x_of(v);
                p.rect(x.min(base), by, x.max(base), by + bar, s.scheme.colour())?;
                if let Some(label) = label_at(s, i) {
                    let (lx, h) = if v >= 0.0 {
                        (x + 4.0, HPos::Left)
                    } else {
                        (x - 4.0, HPos::Right)
                    };
                    p.text(
                        label,
                        (lx, by + bar / 2.0),
                        Ink {
                            size: VALUE_PX,
                            weight: Weight::Normal,
                            colour: TEXT,
                        },
                        (h, VPos::Center),
                    )?;
                }
            }
        }
        p.line(&[(base, self.plot.top), (base, self.plot.bottom)], AXIS, 1)?;
        p.text_block(
            &self.x_label,
            ((self.plot.left + self.plot.right) / 2.0, self.x_label_y),
            Ink {
                size: LABEL_PX,
                weight: Weight::Normal,
                colour: MUTED_TEXT,
            },
            HPos::Center,
        )?;
        Ok(())
    }
}

/// Whether vertical grouped bars leave room for every value label and category label.
fn columns_fit(
    categories: &[String],
    series: &[Series],
    scale: &ValueScale,
    format_tick: &dyn Fn(f64) -> String,
) -> bool {
    let tick_w = scale
        .ticks()
        .into_iter()
        .map(|t| text_width(&format_tick(t), LABEL_PX))
        .fold(0.0, f64::max);
    let plot_w = f64::from(CANVAS_WIDTH) - 2.0 * PAD - tick_w - 8.0;
    let (band, bar, gap) = column_geometry(plot_w, categories.len(), series.len());
    let labels_fit = series
        .iter()
        .flat_map(|s| s.value_labels.iter().flatten())
        .all(|l| text_width(l, VALUE_PX) <= bar + gap);
    let categories_fit = categories.iter().all(|c| {
        let lines = wrap_plain(c, LABEL_PX, band - 12.0);
        // No word may be cut in the middle, and at most three lines.
        lines.len() <= 3
            && break_units(c).iter().all(|(_, u)| {
                text_width(u, LABEL_PX) <= band - 12.0 || u.chars().all(|ch| is_wide(ch as u32))
            })
    });
    labels_fit && categories_fit
}

/// Dark or white text, whichever reads better on `background`.
fn readable_on(background: (u8, u8, u8)) -> RGBColor {
    let white = contrast_ratio(background, (255, 255, 255));
    let dark = contrast_ratio(background, (0x1A, 0x1A, 0x1A));
    if white >= dark {
        WHITE
    } else {
        TEXT
    }
}

/// WCAG 2 relative luminance.
fn relative_luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2 contrast ratio between two colours (1.0 to 21.0).
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

// ---------------------------------------------------------------------------------------
// PNG
// ---------------------------------------------------------------------------------------

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

/// The families of [`FONT_FAMILY`]: the only fonts PNGs are drawn with.
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

    /// Renders `svg` at `scale` (use [`PNG_SCALE`]) into PNG bytes.
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

    fn series(
        label: &str,
        scheme: Scheme,
        values: &[Option<f64>],
        fmt: &dyn Fn(f64) -> String,
    ) -> Series {
        Series {
            label: label.to_string(),
            scheme,
            values: values.to_vec(),
            value_labels: values.iter().map(|v| v.map(fmt)).collect(),
        }
    }

    /// nb-style percent: "93,35 %" with a no-break space.
    fn nb_percent(v: f64) -> String {
        format!(
            "{}\u{a0}%",
            format!("{v:.2}")
                .trim_end_matches('0')
                .trim_end_matches('.')
                .replace('.', ",")
        )
    }

    /// Grouped thousands with U+00A0, as nb prints people counts.
    fn nb_people(v: f64) -> String {
        let digits = format!("{}", v.round() as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push('\u{a0}');
            }
            out.push(c);
        }
        out
    }

    fn bars_vi() -> Chart {
        let f: &dyn Fn(f64) -> String = &nb_percent;
        Chart {
            id: "result-vs-target".into(),
            lang: "vi".into(),
            title: "Tỷ lệ bao phủ bảo hiểm y tế so với chỉ tiêu".into(),
            description: "Bảo hiểm y tế đạt 93,35 %, vượt chỉ tiêu 92 %.".into(),
            kind: ChartKind::Bars {
                categories: vec![
                    "Bảo hiểm xã hội bắt buộc".into(),
                    "Bảo hiểm xã hội tự nguyện".into(),
                    "Bảo hiểm y tế".into(),
                ],
                series: vec![
                    series(
                        "Kết quả 2023",
                        Scheme::HealthInsurance,
                        &[Some(38.2), Some(5.1), Some(93.35)],
                        f,
                    ),
                    series(
                        "Chỉ tiêu 2024",
                        Scheme::Target,
                        &[Some(40.0), None, Some(92.0)],
                        f,
                    ),
                    series(
                        "Mục tiêu 2025",
                        Scheme::Goal,
                        &[Some(45.0), Some(7.5), Some(95.0)],
                        f,
                    ),
                ],
            },
            y_label: "Phần trăm dân số".into(),
            x_label: None,
        }
    }

    fn bars_zh_long() -> Chart {
        let f: &dyn Fn(f64) -> String = &nb_percent;
        Chart {
            id: "regions".into(),
            lang: "zh-Hans".into(),
            title: "医疗保险覆盖率与目标：按地区比较，二〇二三年结果与二〇二四年目标以及二〇二五年的长期目标".into(),
            description: "各地区医疗保险覆盖率均超过90%。".into(),
            kind: ChartKind::Bars {
                categories: vec![
                    "自愿社会保险".into(),
                    "强制性社会保险".into(),
                    "失业保险".into(),
                    "医疗保险".into(),
                    "Bảo hiểm xã hội bắt buộc".into(),
                    "北部山区".into(),
                ],
                series: vec![
                    series("2023年结果", Scheme::SocialInsurance, &[Some(12.5), Some(40.1), Some(35.0), Some(93.35), Some(41.0), None], f),
                    series("2024年目标", Scheme::Target, &[Some(15.0), Some(42.0), Some(36.0), Some(94.0), Some(43.0), Some(60.0)], f),
                ],
            },
            y_label: "占人口百分比".into(),
            x_label: Some("地区".into()),
        }
    }

    fn lines_vi() -> Chart {
        let f: &dyn Fn(f64) -> String = &nb_percent;
        Chart {
            id: "coverage-trend".into(),
            lang: "vi".into(),
            title: "Tỷ lệ bao phủ, Đồng Nai 2019–2025".into(),
            description: "Bao phủ bảo hiểm y tế tăng đều; năm 2025 tính cả Bình Phước.".into(),
            kind: ChartKind::Lines {
                x_labels: (2019..=2025).map(|y| y.to_string()).collect(),
                series: vec![
                    series(
                        "Bảo hiểm y tế",
                        Scheme::HealthInsurance,
                        &[
                            Some(88.1),
                            Some(89.9),
                            Some(90.2),
                            None,
                            Some(92.4),
                            Some(93.35),
                            Some(94.0),
                        ],
                        f,
                    ),
                    series(
                        "Bảo hiểm xã hội",
                        Scheme::SocialInsurance,
                        &[
                            Some(33.0),
                            Some(34.5),
                            Some(36.1),
                            Some(37.9),
                            Some(38.2),
                            Some(39.0),
                            Some(40.5),
                        ],
                        f,
                    ),
                    series(
                        "Bảo hiểm thất nghiệp",
                        Scheme::UnemploymentInsurance,
                        &[
                            Some(30.0),
                            Some(31.0),
                            Some(32.5),
                            Some(33.0),
                            Some(34.1),
                            Some(35.0),
                            Some(36.6),
                        ],
                        f,
                    ),
                ],
                breaks: vec![Break {
                    before_index: 6,
                    label: "Sáp nhập với Bình Phước, 1/7/2025".into(),
                }],
            },
            y_label: "Phần trăm dân số".into(),
            x_label: None,
        }
    }

    fn stacked_zh() -> Chart {
        let f: &dyn Fn(f64) -> String = &nb_people;
        Chart {
            id: "participants".into(),
            lang: "zh-Hans".into(),
            title: "社会保险参保人数 <强制 & 自愿>".into(),
            description: "参保人数从2021年的2,511,000增至2024年的2,911,787。".into(),
            kind: ChartKind::Stacked {
                categories: vec![
                    "2021".into(),
                    "2022".into(),
                    "2023".into(),
                    "2024".into(),
                    "2025".into(),
                ],
                series: vec![
                    series(
                        "强制性社会保险",
                        Scheme::Compulsory,
                        &[
                            Some(2_400_000.0),
                            Some(2_520_000.0),
                            Some(2_610_000.0),
                            Some(2_700_000.0),
                            None,
                        ],
                        f,
                    ),
                    series(
                        "自愿社会保险",
                        Scheme::Voluntary,
                        &[
                            Some(111_000.0),
                            Some(150_500.0),
                            Some(190_200.0),
                            Some(211_787.0),
                            None,
                        ],
                        f,
                    ),
                ],
            },
            y_label: "人".into(),
            x_label: None,
        }
    }

    fn assert_well_formed(svg: &str) {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(svg);
        let mut depth = 0i32;
        let mut roots = 0;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    if depth == 0 {
                        roots += 1;
                        assert_eq!(e.name().as_ref(), b"svg");
                    }
                    depth += 1;
                    for attr in e.attributes() {
                        let attr = attr.expect("well-formed attribute");
                        attr.unescape_value().expect("attribute value unescapes");
                    }
                }
                Ok(Event::Empty(e)) => {
                    for attr in e.attributes() {
                        let attr = attr.expect("well-formed attribute");
                        attr.unescape_value().expect("attribute value unescapes");
                    }
                }
                Ok(Event::Text(t)) => {
                    t.unescape().expect("text unescapes");
                }
                Ok(Event::End(_)) => depth -= 1,
                Ok(Event::Decl(_)) => panic!("an XML declaration cannot be inlined in HTML"),
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!(
                    "SVG is not well-formed at {}: {e}",
                    reader.buffer_position()
                ),
            }
        }
        assert_eq!(depth, 0, "unclosed elements");
        assert_eq!(roots, 1);
    }

    type Sample = (Chart, fn(f64) -> String);

    fn all_charts() -> Vec<Sample> {
        vec![
            (bars_vi(), nb_percent),
            (bars_zh_long(), nb_percent),
            (lines_vi(), nb_percent),
            (stacked_zh(), nb_people),
        ]
    }

    fn viewbox(svg: &str) -> (f64, f64) {
        let start = svg.find("viewBox=\"0 0 ").expect("viewBox") + "viewBox=\"0 0 ".len();
        let rest = &svg[start..];
        let end = rest.find('"').expect("closing quote");
        let mut parts = rest[..end]
            .split(' ')
            .map(|p| p.parse::<f64>().expect("number"));
        (parts.next().expect("w"), parts.next().expect("h"))
    }

    fn count(svg: &str, needle: &str) -> usize {
        svg.matches(needle).count()
    }

    #[test]
    fn every_kind_is_well_formed_and_accessible() {
        for (chart, fmt) in all_charts() {
            let svg = render_svg(&chart, &fmt);
            assert_well_formed(&svg);
            let id = dom_id(&chart);
            assert!(
                svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
                "{}",
                &svg[..80]
            );
            assert!(svg.contains(&format!("lang=\"{}\"", chart.lang)));
            assert!(svg.contains("role=\"img\""));
            assert!(svg.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
            assert!(svg.contains(&format!(
                "<title id=\"{id}-title\">{}</title>",
                xml_escape(&chart.title)
            )));
            assert!(svg.contains(&format!(
                "<desc id=\"{id}-desc\">{}</desc>",
                xml_escape(&chart.description)
            )));
            // title and desc are the first children.
            let after_root = &svg[svg.find('>').expect("root end") + 1..];
            assert!(after_root.trim_start().starts_with("<title"));
            let (w, h) = viewbox(&svg);
            assert_eq!(w, f64::from(CANVAS_WIDTH));
            assert!(svg.contains(&format!("width=\"{w}\" height=\"{h}\"")));
            assert!(svg.contains("max-width:100%;height:auto"));
            // Text stays text, with a font list browsers and resvg understand.
            assert!(svg.contains("<text"));
            let root = &svg[..svg.find('>').expect("root end")];
            assert!(root.contains(
                "font-family=\"&quot;Noto Sans&quot;, &quot;Noto Sans CJK SC&quot;, \
                 &quot;DejaVu Sans&quot;, sans-serif\""
            ));
            assert_eq!(count(&svg, "font-family"), 1, "inherited, not repeated");
            assert!(
                !svg.contains("\n</text>"),
                "no newlines around text content"
            );
            assert!(!svg.contains("000000000"), "font sizes are rounded");
            assert!(!svg.contains("<path"));
            // One element id per chart+language, nothing else that could clash.
            assert_eq!(count(&svg, " id=\""), 2);
        }
    }

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
    fn vietnamese_and_chinese_labels_are_text_and_escaped() {
        let svg = render_svg(&bars_vi(), &nb_percent);
        assert!(svg.contains(">Kết quả 2023</text>"));
        assert!(svg.contains("Bảo hiểm y tế</text>"));
        let svg = render_svg(&stacked_zh(), &nb_people);
        assert!(svg.contains(">强制性社会保险</text>"));
        assert!(svg.contains("<title id=\"chart-participants-zh-hans-title\">社会保险参保人数 &lt;强制 &amp; 自愿&gt;</title>"));
        // The visible title too.
        assert!(svg.contains("&lt;强制 &amp; 自愿&gt;</text>"));

        let mut chart = bars_vi();
        if let ChartKind::Bars { categories, series } = &mut chart.kind {
            categories[0] = "A & B <c>".into();
            series[0].label = "x<y & \"z\"".into();
        }
        let svg = render_svg(&chart, &nb_percent);
        assert_well_formed(&svg);
        assert!(svg.contains(">A &amp; B &lt;c&gt;</text>"));
        assert!(svg.contains(">x&lt;y &amp; &quot;z&quot;</text>"));
    }

    /// Bars are the rects filled with a series colour.
    fn bars_of(svg: &str, scheme: Scheme) -> usize {
        count(
            svg,
            &format!(
                "fill=\"#{:02X}{:02X}{:02X}\" stroke=\"none\"/>",
                scheme.rgb().0,
                scheme.rgb().1,
                scheme.rgb().2
            ),
        )
    }

    #[test]
    fn missing_values_draw_no_bar() {
        let svg = render_svg(&bars_vi(), &nb_percent);
        // One legend swatch plus one bar per present value.
        assert_eq!(bars_of(&svg, Scheme::HealthInsurance), 1 + 3);
        assert_eq!(bars_of(&svg, Scheme::Target), 1 + 2);
        assert_eq!(bars_of(&svg, Scheme::Goal), 1 + 3);

        let svg = render_svg(&stacked_zh(), &nb_people);
        assert_eq!(bars_of(&svg, Scheme::Compulsory), 1 + 4);
        assert_eq!(bars_of(&svg, Scheme::Voluntary), 1 + 4);
        // No zero-height bar anywhere.
        assert!(!svg.contains("height=\"0\""));
    }

    #[test]
    fn snapshot_facts_for_fixed_data() {
        let svg = render_svg(&bars_vi(), &nb_percent);
        // Background + 3 swatches + 8 bars.
        assert_eq!(count(&svg, "<rect"), 1 + 3 + 8);
        // Ticks 0..100 by 20, formatted by the caller's closure (nb, no-break space).
        for tick in [
            "0\u{a0}%",
            "20\u{a0}%",
            "40\u{a0}%",
            "60\u{a0}%",
            "80\u{a0}%",
            "100\u{a0}%",
        ] {
            assert!(
                svg.contains(&format!(">{tick}</text>")),
                "missing tick {tick}"
            );
        }
        assert!(!svg.contains(">120\u{a0}%</text>"));
        // Value labels on the bars.
        assert!(svg.contains(">93,35\u{a0}%</text>"));
        assert!(svg.contains(">Phần trăm dân số</text>"));
        // Stack totals use the formatter.
        let svg = render_svg(&stacked_zh(), &nb_people);
        assert!(svg.contains(">2\u{a0}911\u{a0}787</text>"), "total of 2024");
        assert!(svg.contains(">3\u{a0}000\u{a0}000</text>"), "tick");
    }

    #[test]
    fn narrow_bars_turn_horizontal() {
        let chart = bars_zh_long();
        let svg = render_svg(&chart, &nb_percent);
        assert_well_formed(&svg);
        assert_eq!(bars_of(&svg, Scheme::SocialInsurance), 1 + 5);
        assert_eq!(bars_of(&svg, Scheme::Target), 1 + 6);
        // Category labels right-aligned to the left of the rows.
        assert!(svg.contains("text-anchor=\"end\""));
        assert!(svg.contains(">自愿社会保险</text>"));
        // The vertical version of the same data is crowded: checked, not guessed.
        let (categories, series) = categories_and_series(&chart.kind);
        assert!(!columns_fit(
            categories,
            series,
            &ValueScale::new(0.0, 94.0, true),
            &nb_percent
        ));
        let vi = bars_vi();
        let (categories, series) = categories_and_series(&vi.kind);
        assert!(columns_fit(
            categories,
            series,
            &ValueScale::new(0.0, 95.0, true),
            &nb_percent
        ));
    }

    #[test]
    fn lines_break_and_gaps_are_not_joined() {
        let svg = render_svg(&lines_vi(), &nb_percent);
        assert!(
            svg.contains(">Sáp nhập với Bình Phước, 1/7/2025</text>")
                || svg.contains(">Sáp nhập với Bình")
        );
        let polylines: Vec<&str> = svg
            .match_indices("<polyline")
            .map(|(i, _)| &svg[i..])
            .collect();
        let of = |scheme: Scheme| {
            polylines
                .iter()
                .filter(|p| {
                    p.split('>').next().is_some_and(|tag| {
                        tag.contains(&format!("stroke=\"{}\"", scheme.hex().to_uppercase()))
                    }) && p.contains("stroke-width=\"3\"")
                })
                .map(|p| {
                    let tag = p.split("/>").next().expect("tag end");
                    let points = &tag[tag.find("points=\"").expect("points") + 8..];
                    points.trim_end_matches('"').split_whitespace().count()
                })
                .collect::<Vec<_>>()
        };
        // Legend swatch (2 points), then runs: health has a gap at 2022 and the break
        // before 2025 leaves 2025 alone (a marker, no line).
        assert_eq!(of(Scheme::HealthInsurance), vec![2, 3, 2]);
        // Social insurance: full 2019–2024, then the break.
        assert_eq!(of(Scheme::SocialInsurance), vec![2, 6]);
        // The break rule is dashed: many short segments in the axis colour.
        assert!(count(&svg, "stroke=\"#595959\" stroke-width=\"1\"") > 10);
        // Markers for every present value: 6 health circles + 1 in the legend.
        assert_eq!(count(&svg, "<circle"), 6 + 1);
    }

    #[test]
    fn wrapping_measures_scripts_by_width() {
        // Chinese measures one em a character, Vietnamese by letters not bytes.
        assert!((text_width("医疗保险", 10.0) - 40.0).abs() < 1e-9);
        let vi = "Bảo hiểm xã hội";
        assert!(text_width(vi, 10.0) < vi.len() as f64 * 10.0 * 0.5);
        // Decomposed marks add nothing.
        assert_eq!(text_width("a\u{0301}", 10.0), text_width("a", 10.0));
        let lines = wrap_plain("Bảo hiểm xã hội bắt buộc", 13.0, 80.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| !l.starts_with(' ')));
        assert_eq!(lines.join(" "), "Bảo hiểm xã hội bắt buộc");
        let lines = wrap_plain("医疗保险覆盖率与目标，按地区", 10.0, 45.0);
        assert!(
            lines.iter().all(|l| text_width(l, 10.0) <= 45.0 + 10.0),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert_eq!(lines.concat(), "医疗保险覆盖率与目标，按地区");
        let limited = wrap_limited("one two three four five six seven", 13.0, 40.0, 2);
        assert_eq!(limited.len(), 2);
        assert!(limited[1].ends_with('…'));
    }

    #[test]
    fn crowded_years_are_thinned_not_cut() {
        let f: &dyn Fn(f64) -> String = &nb_people;
        let years: Vec<String> = (2001..=2030).map(|y| y.to_string()).collect();
        let chart = Chart {
            kind: ChartKind::Stacked {
                categories: years.clone(),
                series: vec![series("x", Scheme::Compulsory, &[Some(5.0); 30], f)],
            },
            ..stacked_zh()
        };
        let svg = render_svg(&chart, &nb_people);
        assert!(svg.contains(">2001</text>"));
        assert!(!svg.contains(">20</text>"), "a year was cut in two");
        let shown = years
            .iter()
            .filter(|y| svg.contains(&format!(">{y}</text>")))
            .count();
        assert!((8..30).contains(&shown), "{shown} year labels");
    }

    #[test]
    fn long_titles_wrap() {
        let svg = render_svg(&bars_zh_long(), &nb_percent);
        let title_lines = count(&svg, "font-weight=\"bold\"");
        assert!(
            title_lines >= 2,
            "title should wrap, got {title_lines} bold lines"
        );
    }

    #[test]
    fn ticks_are_nice_and_exact() {
        let scale = ValueScale::new(0.0, 0.93, true);
        assert_eq!(scale.ticks(), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let scale = ValueScale::new(88.1, 94.0, false);
        assert_eq!(
            scale.ticks(),
            vec![88.0, 89.0, 90.0, 91.0, 92.0, 93.0, 94.0]
        );
        let scale = ValueScale::new(0.0, 2_911_787.0, true);
        assert_eq!(
            scale.ticks(),
            vec![
                0.0,
                500_000.0,
                1_000_000.0,
                1_500_000.0,
                2_000_000.0,
                2_500_000.0,
                3_000_000.0
            ]
        );
        let scale = ValueScale::new(0.0, 11.0, true);
        assert_eq!(scale.ticks(), vec![0.0, 2.5, 5.0, 7.5, 10.0, 12.5]);
        let scale = ValueScale::new(5.0, 5.0, false);
        assert!(scale.lo < 5.0 && scale.hi > 5.0);
    }

    #[test]
    fn empty_and_degenerate_charts_still_render() {
        let f: &dyn Fn(f64) -> String = &nb_percent;
        for kind in [
            ChartKind::Bars {
                categories: vec![],
                series: vec![],
            },
            ChartKind::Lines {
                x_labels: vec!["2024".into()],
                series: vec![series("x", Scheme::Neutral, &[None], f)],
                breaks: vec![Break {
                    before_index: 9,
                    label: "b".into(),
                }],
            },
            ChartKind::Stacked {
                categories: vec!["a".into()],
                series: vec![series("x", Scheme::Neutral, &[Some(f64::NAN)], f)],
            },
            ChartKind::Bars {
                categories: vec!["a".into(), "b".into()],
                series: vec![series("neg", Scheme::Neutral, &[Some(-3.0), Some(4.0)], f)],
            },
            ChartKind::Lines {
                x_labels: vec!["a".into(), "b".into()],
                series: vec![series(
                    "huge",
                    Scheme::Neutral,
                    &[Some(-1e308), Some(1e308)],
                    f,
                )],
                breaks: vec![],
            },
            ChartKind::Bars {
                categories: vec!["a".into(); 40],
                series: vec![series("many", Scheme::Neutral, &[Some(1.0); 40], f)],
            },
        ] {
            let chart = Chart { kind, ..bars_vi() };
            assert_well_formed(&render_svg(&chart, &nb_percent));
        }
    }

    #[test]
    fn palette_contrast_at_least_3_to_1() {
        for scheme in Scheme::ALL {
            let ratio = contrast_ratio(scheme.rgb(), (255, 255, 255));
            assert!(ratio >= 3.0, "{scheme:?} {} has {ratio:.2}:1", scheme.hex());
        }
        // Okabe–Ito yellow would fail: the check is real.
        assert!(contrast_ratio((0xF0, 0xE4, 0x42), (255, 255, 255)) < 3.0);
        // Text and the axis line.
        assert!(contrast_ratio((0x1A, 0x1A, 0x1A), (255, 255, 255)) >= 4.5);
        assert!(contrast_ratio((0x4D, 0x4D, 0x4D), (255, 255, 255)) >= 4.5);
        assert!(contrast_ratio((0x59, 0x59, 0x59), (255, 255, 255)) >= 3.0);
        // Neighbours in a stack differ from each other too.
        assert!(
            relative_luminance(Scheme::Compulsory.rgb())
                != relative_luminance(Scheme::Voluntary.rgb())
        );
        // Labels inside segments pick readable ink.
        for scheme in Scheme::ALL {
            let ink = readable_on(scheme.rgb());
            assert!(
                contrast_ratio(scheme.rgb(), (ink.0, ink.1, ink.2)) >= 4.5,
                "{scheme:?}"
            );
        }
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
