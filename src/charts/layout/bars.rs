//! Vertical grouped bars: one group per category, one bar per series.

use super::{categories_and_series, label_at, value_at, Layout};
use crate::charts::scale::ValueScale;
use crate::charts::scene::{Anchor, Baseline, Datum, Ink, Role, Scene, Weight};
use crate::charts::text::{break_units, is_wide, text_width, wrap_plain};
use crate::charts::{Series, LABEL_PX, PAD, TEXT, VALUE_PX};

impl Layout<'_> {
    pub(super) fn draw_columns(&self, scene: &mut Scene) {
        let (categories, series) = categories_and_series(&self.chart.kind);
        let (band, bar, gap) = column_geometry(self.plot.width(), categories.len(), series.len());
        let base = self.y_of(self.scale.baseline());
        for i in 0..categories.len() {
            // The bars a category has, centred under its label: a missing value leaves
            // no empty slot.
            let present = series.iter().filter(|s| value_at(s, i).is_some()).count();
            let group = present as f64 * bar + present.saturating_sub(1) as f64 * gap;
            let x0 = self.plot.left + band * i as f64 + (band - group) / 2.0;
            let mut slot = 0.0;
            for (k, s) in series.iter().enumerate() {
                let Some(v) = value_at(s, i) else { continue };
                let bx = x0 + slot * (bar + gap);
                slot += 1.0;
                let y = self.y_of(v);
                let datum = Some(Datum {
                    series: k,
                    index: i,
                });
                scene
                    .rect(
                        Role::Bar,
                        (bx, y.min(base)),
                        (bx + bar, y.max(base)),
                        s.scheme.colour(),
                    )
                    .datum = datum;
                if let Some(label) = label_at(s, i) {
                    let (ly, v_pos) = if v >= 0.0 {
                        (y - 3.0, Baseline::Bottom)
                    } else {
                        (y + 3.0, Baseline::Top)
                    };
                    scene
                        .text(
                            Role::ValueLabel,
                            label,
                            (bx + bar / 2.0, ly),
                            Ink {
                                px: VALUE_PX,
                                weight: Weight::Normal,
                                colour: TEXT,
                            },
                            (Anchor::Middle, v_pos),
                        )
                        .datum = datum;
                }
            }
        }
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

/// Whether vertical grouped bars leave room for every value label and category label.
pub(super) fn columns_fit(
    categories: &[String],
    series: &[Series],
    scale: &ValueScale,
    width: f64,
    format_tick: &dyn Fn(f64) -> String,
) -> bool {
    let tick_w = scale
        .ticks()
        .into_iter()
        .map(|t| text_width(&format_tick(t), LABEL_PX))
        .fold(0.0, f64::max);
    let plot_w = width - 2.0 * PAD - tick_w - 8.0;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::samples::*;
    use crate::charts::scene::Text;

    #[test]
    fn narrow_bars_turn_horizontal() {
        let chart = bars_zh_long();
        let scene = crate::charts::scene(&chart, &nb_percent);
        let bars: Vec<_> = scene.rects(Role::Bar).collect();
        let of = |series: usize| {
            bars.iter()
                .filter(|r| r.datum.is_some_and(|d| d.series == series))
                .count()
        };
        assert_eq!((of(0), of(1)), (5, 6));
        // Rows: every bar has the same thickness, and they grow to the right.
        assert!(bars.iter().all(|r| (r.y1 - r.y0 - 18.0).abs() < 1e-9));
        // Category labels right-aligned to the left of the rows.
        let labels: Vec<&Text> = scene.texts(Role::CategoryLabel).collect();
        assert!(labels.iter().any(|t| t.text == "自愿社会保险"));
        let left = bars.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min);
        assert!(labels.iter().all(|t| t.anchor == Anchor::End && t.x < left));
        assert!(scene.texts(Role::Tick).all(|t| t.anchor == Anchor::Middle));
        // The vertical version of the same data is crowded: checked, not guessed.
        let (categories, series) = categories_and_series(&chart.kind);
        assert!(!columns_fit(
            categories,
            series,
            &ValueScale::new(0.0, 94.0, true),
            f64::from(crate::charts::CANVAS_WIDTH),
            &nb_percent
        ));
        let vi = bars_vi();
        let (categories, series) = categories_and_series(&vi.kind);
        assert!(columns_fit(
            categories,
            series,
            &ValueScale::new(0.0, 95.0, true),
            f64::from(crate::charts::CANVAS_WIDTH),
            &nb_percent
        ));
    }

    #[test]
    fn a_missing_value_leaves_no_empty_slot() {
        // bars_vi has no 2024 target for voluntary insurance (the middle category).
        for width in [crate::charts::CANVAS_WIDTH, crate::charts::NARROW_WIDTH] {
            let scene = crate::charts::scene_at(&bars_vi(), width, &nb_percent);
            let bars: Vec<_> = scene
                .rects(Role::Bar)
                .filter(|r| r.datum.is_some_and(|d| d.index == 1))
                .collect();
            assert_eq!(bars.len(), 2, "{width}");
            // Adjacent, one gap apart, in the drawing's direction (columns or rows).
            let (a, b) = (bars[0], bars[1]);
            let apart = (b.x0 - a.x1).max(b.y0 - a.y1);
            assert!((0.0..=4.0).contains(&apart), "{width}: {apart}");
        }
        // Columns: the pair is centred under the category's label.
        let scene = crate::charts::scene(&bars_vi(), &nb_percent);
        let label = scene
            .texts(Role::CategoryLabel)
            .filter(|t| t.text.starts_with("Bảo hiểm xã hội"))
            .nth(1)
            .expect("the middle category's label");
        let pair: Vec<_> = scene
            .rects(Role::Bar)
            .filter(|r| r.datum.is_some_and(|d| d.index == 1))
            .collect();
        assert!(pair[1].x0 >= pair[0].x1, "side by side, as columns");
        let centre = (pair[0].x0 + pair[1].x1) / 2.0;
        assert!((centre - label.x).abs() < 1.0, "{centre} vs {}", label.x);
    }
}
