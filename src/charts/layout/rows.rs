//! Horizontal grouped bars, for categories whose names or value labels crowd columns.

use super::{categories_and_series, dashed, label_at, value_at, Body, Frame, Layout, LegendItem};
use crate::charts::scale::ValueScale;
use crate::charts::scene::{Anchor, Baseline, Datum, Ink, Role, Scene, Weight};
use crate::charts::text::{line_px, text_width, wrap_limited, wrap_plain};
use crate::charts::{Chart, Mark, Series, AXIS, GRID, LABEL_PX, MUTED_TEXT, PAD, TEXT, VALUE_PX};

impl<'c> Layout<'c> {
    /// Horizontal bars: categories down the left, values to the right.
    pub(super) fn rows(
        chart: &'c Chart,
        width: f64,
        format_tick: &dyn Fn(f64) -> String,
        mut y: f64,
        title: Vec<String>,
        legend: Vec<LegendItem>,
        mut scale: ValueScale,
    ) -> Self {
        let (categories, series) = categories_and_series(&chart.kind);
        let inner = width - 2.0 * PAD;
        let n = categories.len();

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
        let labels_above = categories
            .iter()
            .any(|c| wrap_plain(c, LABEL_PX, column).len() > 3);
        let category_label_lines: Vec<Vec<String>> = categories
            .iter()
            .map(|c| match labels_above {
                true => wrap_limited(c, LABEL_PX, inner, 3),
                false => wrap_limited(c, LABEL_PX, column, 4),
            })
            .collect();
        let value_label_w = series
            .iter()
            .flat_map(|s| s.value_labels.iter().flatten())
            .map(|l| text_width(l, VALUE_PX))
            .fold(0.0, f64::max);

        let bar = 18.0;
        let gap = 3.0;
        // Each category is as tall as the bars it has: a missing value leaves no empty slot.
        // Targets drawn as rules take a line each under the bars, for their labels.
        let bands: Vec<f64> = (0..n)
            .map(|i| {
                let group = group_height(bars_at(series, i), bar, gap);
                let rules = line_px(VALUE_PX) * rules_at(series, i) as f64;
                let label_h = category_label_lines[i].len().max(1) as f64 * line_px(LABEL_PX);
                match labels_above {
                    true => label_h + 4.0 + group + rules + 14.0,
                    false => (group + rules + 14.0).max(label_h + 10.0),
                }
            })
            .collect();
        let total: f64 = bands.iter().sum();

        let mut plot = Frame {
            left: match labels_above {
                true => PAD + 1.0,
                false => PAD + column + 12.0,
            },
            top: y,
            right: width - PAD - value_label_w - 6.0,
            bottom: y + total,
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
        plot.bottom = plot.top + total;

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
            body: Body::Rows {
                bands,
                bar,
                gap,
                labels_above,
            },
            category_label_lines,
            x_label,
            x_label_y,
            format_total: Vec::new(),
        }
    }

    pub(super) fn draw_rows(
        &self,
        scene: &mut Scene,
        bands: &[f64],
        bar: f64,
        gap: f64,
        labels_above: bool,
    ) {
        let (categories, series) = categories_and_series(&self.chart.kind);
        for (value, label) in &self.tick_labels {
            let x = self.x_of(*value);
            scene.line(
                Role::Gridline,
                &[(x, self.plot.top), (x, self.plot.bottom)],
                GRID,
                1,
            );
            scene.text(
                Role::Tick,
                label,
                (x, self.plot.bottom + 6.0),
                Ink {
                    px: LABEL_PX,
                    weight: Weight::Normal,
                    colour: TEXT,
                },
                (Anchor::Middle, Baseline::Top),
            );
        }
        let base = self.x_of(self.scale.baseline());
        let mut band_top = self.plot.top;
        for (i, &band) in bands.iter().enumerate().take(categories.len()) {
            let group = group_height(bars_at(series, i), bar, gap);
            let rules_h = line_px(VALUE_PX) * rules_at(series, i) as f64;
            let lines = &self.category_label_lines[i];
            let label_h = lines.len() as f64 * line_px(LABEL_PX);
            let ink = Ink {
                px: LABEL_PX,
                weight: Weight::Normal,
                colour: TEXT,
            };
            let y0 = if labels_above {
                let top = band_top + 7.0;
                scene.text_block(
                    Role::CategoryLabel,
                    lines,
                    (self.plot.left, top),
                    ink,
                    Anchor::Start,
                );
                top + label_h.max(line_px(LABEL_PX)) + 4.0
            } else {
                scene.text_block(
                    Role::CategoryLabel,
                    lines,
                    (self.plot.left - 12.0, band_top + (band - label_h) / 2.0),
                    ink,
                    Anchor::End,
                );
                band_top + (band - group - rules_h) / 2.0
            };
            band_top += band;
            // A bar's label goes past any rule that crosses beyond the bar's end.
            let rules_end = series
                .iter()
                .filter(|s| s.mark == Mark::Tick)
                .filter_map(|s| value_at(s, i))
                .map(|v| self.x_of(v))
                .fold(f64::NEG_INFINITY, f64::max);
            let mut slot = 0.0;
            for (k, s) in series.iter().enumerate() {
                let Some(v) = value_at(s, i) else { continue };
                if s.mark == Mark::Tick {
                    continue;
                }
                let by = y0 + slot * (bar + gap);
                slot += 1.0;
                let x = self.x_of(v);
                let datum = Some(Datum {
                    series: k,
                    index: i,
                });
                scene
                    .rect(
                        Role::Bar,
                        (x.min(base), by),
                        (x.max(base), by + bar),
                        s.scheme.colour(),
                    )
                    .datum = datum;
                if let Some(label) = label_at(s, i) {
                    let (lx, h) = if v >= 0.0 {
                        (x.max(rules_end + 1.5) + 4.0, Anchor::Start)
                    } else {
                        (x - 4.0, Anchor::End)
                    };
                    scene
                        .text(
                            Role::ValueLabel,
                            label,
                            (lx, by + bar / 2.0),
                            Ink {
                                px: VALUE_PX,
                                weight: Weight::Normal,
                                colour: TEXT,
                            },
                            (h, Baseline::Middle),
                        )
                        .datum = datum;
                }
            }
            self.draw_rules(scene, i, (y0, y0 + group));
        }
        scene.line(
            Role::Axis,
            &[(base, self.plot.top), (base, self.plot.bottom)],
            AXIS,
            1,
        );
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

impl Layout<'_> {
    /// The targets of category `i` as rules across its bars (`top` to `bottom`), each with
    /// its value on a line of its own under the bars, led by a short copy of its rule.
    fn draw_rules(&self, scene: &mut Scene, i: usize, (top, bottom): (f64, f64)) {
        let (_, series) = categories_and_series(&self.chart.kind);
        let mut line = 0.0;
        for (k, s) in series.iter().enumerate() {
            let (Some(v), Mark::Tick) = (value_at(s, i), s.mark) else {
                continue;
            };
            let x = self.x_of(v);
            let style = (3, dashed(s));
            scene.rule(
                Role::TargetRule,
                x,
                (top - 4.0, bottom + 4.0),
                s.scheme.colour(),
                style,
            );
            let Some(label) = label_at(s, i) else {
                continue;
            };
            let w = text_width(label, VALUE_PX) + 9.0;
            let lx = (x - w / 2.0).min(self.width - PAD - w).max(self.plot.left);
            let y = bottom + 6.0 + line * line_px(VALUE_PX);
            line += 1.0;
            let mid = y + line_px(VALUE_PX) / 2.0;
            scene.rule(
                Role::Legend,
                lx + 1.5,
                (mid - 5.0, mid + 5.0),
                s.scheme.colour(),
                style,
            );
            scene
                .text(
                    Role::ValueLabel,
                    label,
                    (lx + 9.0, y),
                    Ink {
                        px: VALUE_PX,
                        weight: Weight::Normal,
                        colour: TEXT,
                    },
                    (Anchor::Start, Baseline::Top),
                )
                .datum = Some(Datum {
                series: k,
                index: i,
            });
        }
    }
}

/// How many of category `i`'s values are drawn as bars (at least one slot, so a category
/// with only targets still has a row).
fn bars_at(series: &[Series], i: usize) -> usize {
    series
        .iter()
        .filter(|s| s.mark == Mark::Bar && value_at(s, i).is_some())
        .count()
}

/// How many of category `i`'s values are drawn as rules.
fn rules_at(series: &[Series], i: usize) -> usize {
    series
        .iter()
        .filter(|s| s.mark == Mark::Tick && value_at(s, i).is_some())
        .count()
}

/// Height of `bars` bars of one category, `gap` apart.
fn group_height(bars: usize, bar: f64, gap: f64) -> f64 {
    let bars = bars.max(1) as f64;
    bars * bar + (bars - 1.0) * gap
}

#[cfg(test)]
mod tests {
    use crate::charts::samples::{bars_vi, nb_percent};
    use crate::charts::scene::Role;
    use crate::charts::{ChartKind, Mark, Scheme, CANVAS_WIDTH, NARROW_WIDTH};

    #[test]
    fn targets_are_rules_across_the_result_bar_each_labelled() {
        let mut chart = bars_vi();
        if let ChartKind::Bars { series, .. } = &mut chart.kind {
            series[1].mark = Mark::Tick;
            series[2].mark = Mark::Tick;
        }
        for width in [CANVAS_WIDTH, NARROW_WIDTH] {
            let scene = crate::charts::scene_at(&chart, width, &nb_percent);
            // Only the results are bars; they run left to right.
            let bars: Vec<_> = scene.rects(Role::Bar).collect();
            assert_eq!(bars.len(), 3, "{width}");
            // Rows: every bar has the same thickness, and they sit one under another.
            assert!(
                bars.iter().all(|b| (b.y1 - b.y0 - 18.0).abs() < 0.01),
                "{width}: rows"
            );
            assert!(bars.windows(2).all(|p| p[1].y0 > p[0].y1), "{width}: rows");
            // Five targets (one is missing), as rules: the year's solid, the next dashed.
            let rules: Vec<_> = scene.lines(Role::TargetRule).collect();
            assert_eq!(rules.len(), 5, "{width}");
            for rule in &rules {
                let goal = rule.colour == Scheme::Goal.colour();
                assert_eq!(rule.dash.is_some(), goal, "{width}");
                // Across its category's bar.
                let (x, y0, y1) = (rule.points[0].0, rule.points[0].1, rule.points[1].1);
                assert!(bars.iter().any(|b| y0 < b.y0 && y1 > b.y1), "{width}: {x}");
            }
            // The rule of the 92 % target of health insurance sits left of its 93.35 % bar's end.
            let health = bars[2];
            assert!(rules
                .iter()
                .any(|r| r.points[0].0 < health.x1 && r.points[0].1 < health.y0));
            // Every value has its label: three results and five targets.
            assert_eq!(scene.texts(Role::ValueLabel).count(), 8, "{width}");
        }
    }
}
