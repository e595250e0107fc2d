//! Lines over x labels, cut at breaks and gaps, with value labels placed clear of them.

use super::{categories_and_series, label_at, value_at, BreakMark, Layout};
use crate::charts::scene::{
    Anchor, Baseline, Datum, DropReason, DroppedLabel, Ink, Role, Scene, Weight,
};
use crate::charts::text::{line_px, text_width};
use crate::charts::{ChartKind, AXIS, PAD, TEXT, VALUE_PX};

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

impl Layout<'_> {
    pub(super) fn draw_lines(&self, scene: &mut Scene, breaks: &[BreakMark]) {
        let (x_labels, series) = categories_and_series(&self.chart.kind);
        let n = x_labels.len();
        let step = self.plot.width() / n.max(1) as f64;
        let x_of = |i: usize| self.plot.left + step * (i as f64 + 0.5);
        let break_at: Vec<usize> = match &self.chart.kind {
            ChartKind::Lines { breaks, .. } => breaks.iter().map(|b| b.before_index).collect(),
            _ => Vec::new(),
        };

        for mark in breaks {
            scene.dashed_vertical(Role::Break, mark.x, (mark.top, self.plot.bottom), AXIS);
            let tx = if matches!(mark.anchor, Anchor::Start) {
                mark.x + 5.0
            } else {
                mark.x - 5.0
            };
            scene.text_block(
                Role::BreakLabel,
                &mark.lines,
                (tx, mark.top),
                Ink {
                    px: VALUE_PX,
                    weight: Weight::Normal,
                    colour: TEXT,
                },
                mark.anchor,
            );
        }

        // Markers and line paths are obstacles for the value labels placed afterwards.
        let mut taken: Vec<Taken> = Vec::new();
        for (k, s) in series.iter().enumerate() {
            let colour = s.scheme.colour();
            // Each run keeps its points' indices so markers can name their datum.
            let mut runs: Vec<Vec<(usize, (f64, f64))>> = vec![Vec::new()];
            for i in 0..n {
                if break_at.contains(&i) || value_at(s, i).is_none() {
                    runs.push(Vec::new());
                }
                if let (Some(v), Some(run)) = (value_at(s, i), runs.last_mut()) {
                    run.push((i, (x_of(i), self.y_of(v))));
                }
            }
            for run in runs.iter().filter(|r| r.len() > 1) {
                let points: Vec<(f64, f64)> = run.iter().map(|&(_, point)| point).collect();
                scene.line(Role::DataLine, &points, colour, 3);
                for pair in points.windows(2) {
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
            for &(i, (x, y)) in runs.iter().flatten() {
                scene.marker(Role::Point, k, (x, y), colour).datum = Some(Datum {
                    series: k,
                    index: i,
                });
                taken.push(Taken::centred(x, y - 6.0, 12.0, 12.0));
            }
        }
        // Labels after all lines so no line is drawn over a label.
        for (k, s) in series.iter().enumerate() {
            for i in 0..n {
                let (Some(v), Some(label)) = (value_at(s, i), label_at(s, i)) else {
                    continue;
                };
                let datum = Datum {
                    series: k,
                    index: i,
                };
                let h = line_px(VALUE_PX);
                let w = text_width(label, VALUE_PX);
                // Keep end labels on the canvas (max/min, not clamp: a label wider than
                // the canvas must not panic).
                let cx = x_of(i)
                    .min(self.width - PAD - w / 2.0)
                    .max(self.plot.left + w / 2.0);
                let y = self.y_of(v);
                let above = Taken::centred(cx, y - 7.0 - h, w, h);
                let below = Taken::centred(cx, y + 7.0, w, h);
                // Beside the point when above and below are taken (lines of similar values,
                // or close to the bottom): right first, then left.
                let right = Taken::centred(x_of(i) + 9.0 + w / 2.0, y, w, h);
                let left = Taken::centred(x_of(i) - 9.0 - w / 2.0, y, w, h);
                let spot = [above, below, right, left].into_iter().find(|b| {
                    b.y0 >= self.plot.top - 4.0
                        && b.y1 <= self.plot.bottom
                        && b.x0 >= self.plot.left
                        && b.x1 <= self.width - PAD
                        && !taken.iter().any(|t| t.overlaps(b))
                });
                // A label with no free place is left out and recorded; the value is in the
                // page's table.
                let Some(b) = spot else {
                    scene.dropped_labels.push(DroppedLabel {
                        datum,
                        text: label.to_string(),
                        reason: DropReason::Collides,
                    });
                    continue;
                };
                scene
                    .text(
                        Role::ValueLabel,
                        label,
                        (b.x0, b.y0),
                        Ink {
                            px: VALUE_PX,
                            weight: Weight::Normal,
                            colour: TEXT,
                        },
                        (Anchor::Start, Baseline::Top),
                    )
                    .datum = Some(datum);
                taken.push(b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::samples::*;
    use crate::charts::scene::{Line, Shape};
    use crate::charts::Scheme;

    #[test]
    fn lines_break_and_gaps_are_not_joined() {
        let scene = crate::charts::scene(&lines_vi(), &nb_percent);
        let label: Vec<&str> = scene
            .texts(Role::BreakLabel)
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(label.join(" "), "Sáp nhập với Bình Phước, 1/7/2025");
        let runs = |scheme: Scheme| {
            scene
                .lines(Role::DataLine)
                .filter(|l| l.colour == scheme.colour())
                .map(|l| l.points.len())
                .collect::<Vec<_>>()
        };
        // Health has a gap at 2022, and the break before 2025 leaves 2025 alone (a
        // marker, no line).
        assert_eq!(runs(Scheme::HealthInsurance), vec![3, 2]);
        // Social insurance: full 2019–2024, then the break.
        assert_eq!(runs(Scheme::SocialInsurance), vec![6]);
        // One dashed rule at the break, down to the bottom of the plot.
        let rules: Vec<&Line> = scene.lines(Role::Break).collect();
        assert_eq!(rules.len(), 1);
        assert!(rules[0].dash.is_some() && rules[0].colour == AXIS);
        // A marker for every present value, none for the missing 2022.
        let health: Vec<usize> = scene
            .markers(Role::Point)
            .filter_map(|m| m.datum.filter(|d| d.series == 0))
            .map(|d| d.index)
            .collect();
        assert_eq!(health, vec![0, 1, 2, 4, 5, 6]);
        assert_eq!(
            scene
                .markers(Role::Point)
                .filter(|m| m.shape == Shape::Circle)
                .count(),
            6
        );
    }
}
