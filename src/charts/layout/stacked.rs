//! Stacked columns: one stack per category, one segment per series, the total on top.

use super::{categories_and_series, label_at, value_at, Layout};
use crate::charts::colour::readable_on;
use crate::charts::scene::{
    Anchor, Baseline, Datum, DropReason, DroppedLabel, Ink, Role, Scene, Weight,
};
use crate::charts::text::{line_px, text_width};
use crate::charts::{TEXT, VALUE_PX};

impl Layout<'_> {
    pub(super) fn draw_stacks(&self, scene: &mut Scene) {
        let (categories, series) = categories_and_series(&self.chart.kind);
        let band = self.plot.width() / categories.len().max(1) as f64;
        let bar = (band * 0.62).min(96.0);
        for i in 0..categories.len() {
            let x0 = self.plot.left + band * (i as f64 + 0.5) - bar / 2.0;
            let mut acc = 0.0;
            for (k, s) in series.iter().enumerate() {
                let datum = Datum {
                    series: k,
                    index: i,
                };
                let Some(v) = value_at(s, i).filter(|v| *v > 0.0) else {
                    // A stack has no room for a part that is zero or negative.
                    if let (Some(_), Some(label)) = (value_at(s, i), label_at(s, i)) {
                        scene.dropped_labels.push(DroppedLabel {
                            datum,
                            text: label.to_string(),
                            reason: DropReason::DoesNotFit,
                        });
                    }
                    continue;
                };
                let (y_top, y_bottom) = (self.y_of(acc + v), self.y_of(acc));
                acc += v;
                let colour = s.scheme.colour();
                // A 1px white gap separates segments even where colours are similar.
                scene
                    .rect(
                        Role::Bar,
                        (x0, y_top + 0.5),
                        (x0 + bar, y_bottom - 0.5),
                        colour,
                    )
                    .datum = Some(datum);
                if let Some(label) = label_at(s, i) {
                    let fits = y_bottom - y_top >= line_px(VALUE_PX) + 2.0
                        && text_width(label, VALUE_PX) <= bar - 4.0;
                    if fits {
                        let ink = readable_on(s.scheme.rgb());
                        scene
                            .text(
                                Role::ValueLabel,
                                label,
                                (x0 + bar / 2.0, (y_top + y_bottom) / 2.0),
                                Ink {
                                    px: VALUE_PX,
                                    weight: Weight::Normal,
                                    colour: ink,
                                },
                                (Anchor::Middle, Baseline::Middle),
                            )
                            .datum = Some(datum);
                    } else {
                        scene.dropped_labels.push(DroppedLabel {
                            datum,
                            text: label.to_string(),
                            reason: DropReason::DoesNotFit,
                        });
                    }
                }
            }
            if let Some(Some(total)) = self.format_total.get(i) {
                scene.text(
                    Role::Total,
                    total,
                    (x0 + bar / 2.0, self.y_of(acc) - 3.0),
                    Ink {
                        px: VALUE_PX,
                        weight: Weight::Bold,
                        colour: TEXT,
                    },
                    (Anchor::Middle, Baseline::Bottom),
                );
            }
        }
    }
}
