//! Places every part of a chart in canvas pixels and emits it as a [`Scene`].
//!
//! Layout is done here, not by plotters' `ChartBuilder`, so text is measured by our own
//! estimate (see `text`) and nothing here depends on how the scene is finally drawn.
//! The frame, legend and axes are shared; each body (grouped columns, stacks, lines,
//! horizontal rows) has a file of its own.

mod bars;
mod dots;
mod lines;
mod rows;
mod stacked;

use super::scale::ValueScale;
use super::scene::{Anchor, Baseline, Colour, Ink, Role, Scene, Weight};
use super::text::{bold_width, break_units, line_px, text_width, wrap, wrap_limited, wrap_plain};
use super::{
    Chart, ChartKind, Mark, Series, AXIS, GRID, LABEL_PX, MUTED_TEXT, PAD, PLOT_HEIGHT, TEXT,
    TITLE_PX, VALUE_PX, WHITE,
};
use bars::columns_fit;

/// Lays `chart` out: `format_tick` formats axis values and stack totals in the page locale.
pub(super) fn scene(chart: &Chart, width: u32, format_tick: &dyn Fn(f64) -> String) -> Scene {
    if let ChartKind::Dots { .. } = chart.kind {
        return dots::scene(chart, f64::from(width), format_tick);
    }
    let layout = Layout::new(chart, f64::from(width), format_tick);
    let mut scene = Scene::new(width, layout.height, WHITE);
    layout.draw(&mut scene);
    scene
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Swatch {
    Block,
    Line(usize),
    /// A target's rule; the next year's is dashed.
    Rule {
        dashed: bool,
    },
}

/// A target's rule is dashed when it is the next year's (the goal), so the two targets
/// differ in shape as well as colour.
fn dashed(series: &Series) -> bool {
    series.scheme == super::Scheme::Goal
}

struct LegendItem {
    lines: Vec<String>,
    colour: Colour,
    swatch: Swatch,
    x: f64,
    y: f64,
}

/// Everything placed, in canvas pixels, before anything is drawn.
struct Layout<'c> {
    chart: &'c Chart,
    /// Canvas width in user units.
    width: f64,
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

/// A break's rule position, label lines, label top and which side of the rule they sit.
struct BreakMark {
    x: f64,
    lines: Vec<String>,
    top: f64,
    anchor: Anchor,
}

enum Body {
    /// Vertical bars or a vertical stack (`stacked`).
    Columns {
        stacked: bool,
    },
    /// Horizontal grouped bars, used when vertical ones would crowd their labels.
    Rows {
        /// Height of each category's band.
        bands: Vec<f64>,
        bar: f64,
        gap: f64,
        /// Category names above each group, across the whole width, rather than in a
        /// column beside it: on a narrow canvas a column would squeeze them to a word a line.
        labels_above: bool,
    },
    Lines {
        breaks: Vec<BreakMark>,
    },
}

use super::categories_and_series;

impl<'c> Layout<'c> {
    fn new(chart: &'c Chart, width: f64, format_tick: &dyn Fn(f64) -> String) -> Self {
        let inner = width - 2.0 * PAD;
        let (categories, series) = categories_and_series(&chart.kind);
        let n = categories.len();

        let mut y = PAD;
        let title = wrap(&chart.title, TITLE_PX, inner, bold_width);
        y += title.len() as f64 * line_px(TITLE_PX) + 10.0;

        // Legend: items flow left to right and wrap, above the plot so it never covers it.
        let swatch = |i: usize, s: &Series| match chart.kind {
            ChartKind::Lines { .. } => Swatch::Line(i),
            _ if s.mark == Mark::Tick => Swatch::Rule { dashed: dashed(s) },
            _ => Swatch::Block,
        };
        let swatch_w = |s: Swatch| match s {
            Swatch::Block | Swatch::Rule { .. } => 14.0,
            Swatch::Line(_) => 26.0,
        };
        let mut legend = Vec::new();
        let (mut lx, mut row_h) = (PAD, 0.0f64);
        for (i, s) in series.iter().enumerate() {
            let sw = swatch(i, s);
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
        // Counts and shares are compared by size, so every axis starts at zero, lines
        // included: on a zoomed axis a 1 % rise in participants would look like a doubling.
        let scale = ValueScale::new(lo, hi, true);

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
        // Targets drawn as rules are read along a bar: those charts are always rows.
        let horizontal = matches!(chart.kind, ChartKind::Bars { .. })
            && (series.iter().any(|s| s.mark == Mark::Tick)
                || !columns_fit(categories, series, &scale, width, format_tick));

        if horizontal {
            return Self::rows(chart, width, format_tick, y, title, legend, scale);
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
                    (right_room, Anchor::Start)
                } else {
                    (left_room, Anchor::End)
                };
                let lines = wrap_plain(&b.label, VALUE_PX, room.min(260.0));
                band_h = band_h.max(lines.len() as f64 * line_px(VALUE_PX));
                breaks_out.push(BreakMark {
                    x,
                    lines,
                    top: plot.top,
                    anchor,
                });
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
            // Dots are laid out by `dots::scene` and never reach here.
            ChartKind::Bars { .. } | ChartKind::Dots { .. } => Body::Columns { stacked: false },
            ChartKind::Stacked { .. } => Body::Columns { stacked: true },
            ChartKind::Lines { .. } => Body::Lines { breaks: breaks_out },
        };
        Layout {
            chart,
            width,
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

    fn y_of(&self, value: f64) -> f64 {
        self.plot.bottom - self.plot.height() * self.scale.frac(value)
    }

    fn x_of(&self, value: f64) -> f64 {
        self.plot.left + self.plot.width() * self.scale.frac(value)
    }

    fn draw(&self, scene: &mut Scene) {
        draw_title(scene, &self.title);
        for item in &self.legend {
            let mid = item.y + line_px(LABEL_PX) / 2.0;
            let text_x = match item.swatch {
                Swatch::Block => {
                    scene.rect(
                        Role::Legend,
                        (item.x, mid - 7.0),
                        (item.x + 14.0, mid + 7.0),
                        item.colour,
                    );
                    item.x + 20.0
                }
                Swatch::Rule { dashed } => {
                    scene.rule(
                        Role::Legend,
                        item.x + 7.0,
                        (mid - 8.0, mid + 8.0),
                        item.colour,
                        (3, dashed),
                    );
                    item.x + 20.0
                }
                Swatch::Line(shape) => {
                    scene.line(
                        Role::Legend,
                        &[(item.x, mid), (item.x + 26.0, mid)],
                        item.colour,
                        3,
                    );
                    scene.marker(Role::Legend, shape, (item.x + 13.0, mid), item.colour);
                    item.x + 32.0
                }
            };
            scene.text_block(
                Role::Legend,
                &item.lines,
                (text_x, item.y),
                Ink {
                    px: LABEL_PX,
                    weight: Weight::Normal,
                    colour: TEXT,
                },
                Anchor::Start,
            );
        }
        scene.text_block(
            Role::AxisLabel,
            &self.axis_label,
            (PAD, self.axis_label_y),
            Ink {
                px: LABEL_PX,
                weight: Weight::Normal,
                colour: MUTED_TEXT,
            },
            Anchor::Start,
        );

        match &self.body {
            Body::Rows {
                bands,
                bar,
                gap,
                labels_above,
            } => self.draw_rows(scene, bands, *bar, *gap, *labels_above),
            body => {
                // Gridlines first so bars and lines sit on top.
                for (value, label) in &self.tick_labels {
                    let y = self.y_of(*value);
                    scene.line(
                        Role::Gridline,
                        &[(self.plot.left, y), (self.plot.right, y)],
                        GRID,
                        1,
                    );
                    scene.text(
                        Role::Tick,
                        label,
                        (self.plot.left - 8.0, y),
                        Ink {
                            px: LABEL_PX,
                            weight: Weight::Normal,
                            colour: TEXT,
                        },
                        (Anchor::End, Baseline::Middle),
                    );
                }
                match body {
                    Body::Columns { stacked: false } => self.draw_columns(scene),
                    Body::Columns { stacked: true } => self.draw_stacks(scene),
                    Body::Lines { breaks } => self.draw_lines(scene, breaks),
                    Body::Rows { .. } => {}
                }
                let base = self.y_of(self.scale.baseline());
                scene.line(
                    Role::Axis,
                    &[(self.plot.left, base), (self.plot.right, base)],
                    AXIS,
                    1,
                );
                let band = self.plot.width() / self.category_label_lines.len().max(1) as f64;
                for (i, lines) in self.category_label_lines.iter().enumerate() {
                    let cx = self.plot.left + band * (i as f64 + 0.5);
                    scene.text_block(
                        Role::CategoryLabel,
                        lines,
                        (cx, self.plot.bottom + 8.0),
                        Ink {
                            px: LABEL_PX,
                            weight: Weight::Normal,
                            colour: TEXT,
                        },
                        Anchor::Middle,
                    );
                }
                scene.text_block(
                    Role::AxisLabel,
                    &self.x_label,
                    ((self.plot.left + self.plot.right) / 2.0, self.x_label_y),
                    Ink {
                        px: LABEL_PX,
                        weight: Weight::Normal,
                        colour: MUTED_TEXT,
                    },
                    Anchor::Middle,
                );
            }
        }
    }
}

/// The title's lines at the top left, bold.
fn draw_title(scene: &mut Scene, lines: &[String]) {
    scene.text_block(
        Role::Title,
        lines,
        (PAD, PAD),
        Ink {
            px: TITLE_PX,
            weight: Weight::Bold,
            colour: TEXT,
        },
        Anchor::Start,
    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::samples::*;
    use crate::charts::scene::{Datum, DropReason, Item, Text};
    use crate::charts::Scheme;

    /// The wide drawing's scene.
    fn scene(chart: &Chart, format_tick: &dyn Fn(f64) -> String) -> Scene {
        super::scene(chart, crate::charts::CANVAS_WIDTH, format_tick)
    }

    /// Bars drawn for the `series`-th series (legend swatches have no datum).
    fn bars_of(scene: &Scene, series: usize) -> usize {
        scene
            .rects(Role::Bar)
            .filter(|r| r.datum.is_some_and(|d| d.series == series))
            .count()
    }

    /// Two lines whose values nearly meet, so some value labels must give way.
    fn tangled_lines() -> Chart {
        let f: &dyn Fn(f64) -> String = &nb_percent;
        Chart {
            id: "tangled".into(),
            kind: ChartKind::Lines {
                x_labels: (2019..=2024).map(|y| y.to_string()).collect(),
                series: vec![
                    series(
                        "a",
                        Scheme::HealthInsurance,
                        &[
                            Some(50.0),
                            Some(50.5),
                            Some(51.0),
                            Some(51.5),
                            Some(52.0),
                            Some(52.5),
                        ],
                        f,
                    ),
                    series(
                        "b",
                        Scheme::SocialInsurance,
                        &[
                            Some(50.2),
                            Some(50.7),
                            Some(51.2),
                            Some(51.7),
                            Some(52.2),
                            Some(52.7),
                        ],
                        f,
                    ),
                    series(
                        "c",
                        Scheme::UnemploymentInsurance,
                        &[
                            Some(50.1),
                            Some(50.6),
                            Some(51.1),
                            Some(51.6),
                            Some(52.1),
                            Some(52.6),
                        ],
                        f,
                    ),
                ],
                breaks: vec![],
            },
            ..lines_vi()
        }
    }

    fn crowded_years() -> (Chart, Vec<String>) {
        let f: &dyn Fn(f64) -> String = &nb_people;
        let years: Vec<String> = (2001..=2030).map(|y| y.to_string()).collect();
        let chart = Chart {
            kind: ChartKind::Stacked {
                categories: years.clone(),
                series: vec![series("x", Scheme::Compulsory, &[Some(5.0); 30], f)],
            },
            ..stacked_zh()
        };
        (chart, years)
    }

    /// Every sample, plus the crowded ones.
    fn samples() -> Vec<Sample> {
        let mut samples = all_charts();
        samples.push((tangled_lines(), nb_percent));
        samples.push((crowded_years().0, nb_people));
        samples
    }

    #[test]
    fn missing_values_draw_no_bar() {
        let bars = scene(&bars_vi(), &nb_percent);
        assert_eq!(bars_of(&bars, 0), 3);
        assert_eq!(bars_of(&bars, 1), 2);
        assert_eq!(bars_of(&bars, 2), 3);
        let missing = Datum {
            series: 1,
            index: 1,
        };
        assert!(!bars.rects(Role::Bar).any(|r| r.datum == Some(missing)));
        assert_eq!(bars.rects(Role::Legend).count(), 3);

        let stacks = scene(&stacked_zh(), &nb_people);
        assert_eq!(bars_of(&stacks, 0), 4);
        assert_eq!(bars_of(&stacks, 1), 4);
        // No bar collapses to nothing once drawn on whole pixels.
        for s in [bars, stacks] {
            for r in s.rects(Role::Bar) {
                assert_ne!(r.y0.round(), r.y1.round(), "{r:?}");
                assert_ne!(r.x0.round(), r.x1.round(), "{r:?}");
            }
        }
    }

    #[test]
    fn crowded_years_are_thinned_not_cut() {
        let (chart, years) = crowded_years();
        let scene = scene(&chart, &nb_people);
        let shown: Vec<&str> = scene
            .texts(Role::CategoryLabel)
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(shown.first(), Some(&"2001"));
        assert!(
            shown.iter().all(|t| years.iter().any(|y| y == t)),
            "a year was cut in two: {shown:?}"
        );
        assert!(
            (8..30).contains(&shown.len()),
            "{} year labels",
            shown.len()
        );
    }

    #[test]
    fn long_titles_wrap() {
        let scene = scene(&bars_zh_long(), &nb_percent);
        let title: Vec<&Text> = scene.texts(Role::Title).collect();
        assert!(
            title.len() >= 2,
            "title should wrap, got {} lines",
            title.len()
        );
        assert!(title.iter().all(|t| t.weight == Weight::Bold));
    }

    #[test]
    fn every_value_is_labelled_or_reported() {
        for (chart, fmt) in samples() {
            let scene = scene(&chart, &fmt);
            let (_, series) = categories_and_series(&chart.kind);
            for (k, s) in series.iter().enumerate() {
                for i in 0..s.values.len() {
                    let (Some(_), Some(label)) = (value_at(s, i), label_at(s, i)) else {
                        continue;
                    };
                    let datum = Datum {
                        series: k,
                        index: i,
                    };
                    let drawn: Vec<&str> = scene
                        .texts(Role::ValueLabel)
                        .filter(|t| t.datum == Some(datum))
                        .map(|t| t.text.as_str())
                        .collect();
                    let dropped: Vec<&str> = scene
                        .dropped_labels
                        .iter()
                        .filter(|d| d.datum == datum)
                        .map(|d| d.text.as_str())
                        .collect();
                    assert_eq!(
                        [drawn, dropped].concat(),
                        vec![label],
                        "{}: {datum:?} must be drawn or reported, once",
                        chart.id
                    );
                }
            }
        }
        // Both ways of leaving a label out really happen in the samples.
        let thin = scene(&stacked_zh(), &nb_people);
        assert!(thin
            .dropped_labels
            .iter()
            .any(|d| d.reason == DropReason::DoesNotFit));
        let tangled = scene(&tangled_lines(), &nb_percent);
        assert!(tangled
            .dropped_labels
            .iter()
            .any(|d| d.reason == DropReason::Collides));
    }

    #[test]
    fn no_text_is_smaller_than_12px() {
        for (chart, fmt) in samples() {
            let scene = scene(&chart, &fmt);
            assert_eq!(scene.width, 720);
            for item in &scene.items {
                if let Item::Text(t) = item {
                    assert!(t.px >= 12.0, "{}: {t:?}", chart.id);
                }
            }
        }
    }

    #[test]
    fn value_labels_do_not_overlap() {
        for (chart, fmt) in samples() {
            let scene = scene(&chart, &fmt);
            let labels: Vec<&Text> = scene
                .texts(Role::ValueLabel)
                .chain(scene.texts(Role::Total))
                .collect();
            for (i, a) in labels.iter().enumerate() {
                let (ax0, ay0, ax1, ay1) = a.bounds();
                for b in &labels[i + 1..] {
                    let (bx0, by0, bx1, by1) = b.bounds();
                    let overlap = ax0 < bx1 && bx0 < ax1 && ay0 < by1 && by0 < ay1;
                    assert!(!overlap, "{}: {:?} overlaps {:?}", chart.id, a.text, b.text);
                }
            }
        }
    }

    #[test]
    fn scene_serialises_with_roles() {
        let json = serde_json::to_value(scene(&lines_vi(), &nb_percent)).expect("serialisable");
        assert_eq!(json["width"], 720);
        let items = json["items"].as_array().expect("items");
        assert!(items
            .iter()
            .any(|i| i["type"] == "text" && i["role"] == "break-label"));
        assert!(items
            .iter()
            .any(|i| i["type"] == "line" && i["role"] == "data-line"));
    }
}
