//! A dot plot: one dot per category on a horizontal axis, a reference value as a dashed
//! rule, and every dot labelled with its value. Used where bars would hide the differences
//! (shares a fraction of a point apart): the axis may then start above zero, and says so.

use super::{label_at, value_at};
use crate::charts::scale::ValueScale;
use crate::charts::scene::{Anchor, Baseline, Datum, Ink, Role, Scene, Weight};
use crate::charts::text::{bold_width, line_px, text_width, wrap, wrap_limited, wrap_plain};
use crate::charts::{
    Chart, ChartKind, AXIS, GRID, LABEL_PX, MUTED_TEXT, PAD, TEXT, TITLE_PX, VALUE_PX, WHITE,
};

/// Height of one category's row.
const ROW: f64 = 30.0;

pub(super) fn scene(chart: &Chart, width: f64, format_tick: &dyn Fn(f64) -> String) -> Scene {
    let ChartKind::Dots {
        categories,
        series,
        reference,
        from,
        note,
    } = &chart.kind
    else {
        return Scene::new(width as u32, 0, WHITE);
    };
    let inner = width - 2.0 * PAD;
    let title = wrap(&chart.title, TITLE_PX, inner, bold_width);
    let mut y = PAD + title.len() as f64 * line_px(TITLE_PX) + 10.0;

    let values: Vec<f64> = series
        .iter()
        .flat_map(|s| (0..categories.len()).filter_map(move |i| value_at(s, i)))
        .chain(reference.as_ref().map(|r| r.value))
        .collect();
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let hi = if hi.is_finite() { hi } else { 1.0 };
    let scale = ValueScale::new(*from, hi.max(*from), *from <= 0.0);
    let ticks: Vec<(f64, String)> = scale
        .ticks()
        .into_iter()
        .filter(|t| *t >= *from - 1e-9)
        .map(|t| (t, format_tick(t)))
        .collect();

    // Category names beside the rows when a third of the width holds them in two lines,
    // else above each row.
    let column = inner * 0.34;
    let beside = categories
        .iter()
        .all(|c| wrap_plain(c, LABEL_PX, column).len() <= 2);
    let label_lines: Vec<Vec<String>> = categories
        .iter()
        .map(|c| match beside {
            true => wrap_limited(c, LABEL_PX, column, 2),
            false => wrap_limited(c, LABEL_PX, inner, 2),
        })
        .collect();
    let value_w = series
        .iter()
        .flat_map(|s| s.value_labels.iter().flatten())
        .map(|l| text_width(l, VALUE_PX))
        .fold(0.0, f64::max);
    let last_tick_w = ticks.last().map_or(0.0, |(_, l)| text_width(l, LABEL_PX));
    let left = if beside {
        PAD + column + 12.0
    } else {
        PAD + 4.0
    };
    // Room on the right for a label beside the highest dot, and for the last tick.
    let right = width - PAD - (value_w + 10.0).max(last_tick_w / 2.0);
    let ticks = thin(ticks, right - left);

    // The reference's label sits above the rows, starting at its rule.
    let reference_lines = reference
        .as_ref()
        .map(|r| wrap_plain(&r.label, VALUE_PX, inner * 0.6))
        .unwrap_or_default();
    let reference_top = y;
    y += reference_lines.len() as f64 * line_px(VALUE_PX)
        + if reference.is_some() { 6.0 } else { 0.0 };

    let above_h = if beside { 0.0 } else { 2.0 * line_px(LABEL_PX) };
    let row_h = ROW + above_h;
    let top = y;
    let bottom = top + row_h * categories.len() as f64;
    let x_of = |v: f64| left + (right - left) * scale.frac(v);

    let mut out = Scene::new(width as u32, 0, WHITE);
    let ink = |px, colour| Ink {
        px,
        weight: Weight::Normal,
        colour,
    };
    super::draw_title(&mut out, &title);
    for (t, label) in &ticks {
        let x = x_of(*t);
        out.line(Role::Gridline, &[(x, top), (x, bottom)], GRID, 1);
        out.text(
            Role::Tick,
            label,
            (x, bottom + 6.0),
            ink(LABEL_PX, TEXT),
            (Anchor::Middle, Baseline::Top),
        );
    }
    out.line(Role::Axis, &[(left, bottom), (right, bottom)], AXIS, 1);
    if let Some(r) = reference {
        let x = x_of(r.value);
        out.dashed_vertical(Role::Reference, x, (reference_top, bottom), AXIS);
        // Left of the rule when the rule is in the right half, so the label stays inside.
        let (tx, anchor) = if x > (left + right) / 2.0 {
            (x - 5.0, Anchor::End)
        } else {
            (x + 5.0, Anchor::Start)
        };
        out.text_block(
            Role::ReferenceLabel,
            &reference_lines,
            (tx, reference_top),
            ink(VALUE_PX, TEXT),
            anchor,
        );
    }
    for (i, lines) in label_lines.iter().enumerate() {
        let row_top = top + row_h * i as f64;
        let cy = row_top + above_h + ROW / 2.0;
        if beside {
            let h = lines.len() as f64 * line_px(LABEL_PX);
            out.text_block(
                Role::CategoryLabel,
                lines,
                (left - 12.0, cy - h / 2.0),
                ink(LABEL_PX, TEXT),
                Anchor::End,
            );
        } else {
            out.text_block(
                Role::CategoryLabel,
                lines,
                (PAD, row_top + 4.0),
                ink(LABEL_PX, TEXT),
                Anchor::Start,
            );
        }
        out.line(Role::Gridline, &[(left, cy), (right, cy)], GRID, 1);
        for (k, s) in series.iter().enumerate() {
            let Some(v) = value_at(s, i) else { continue };
            let x = x_of(v);
            let datum = Some(Datum {
                series: k,
                index: i,
            });
            let colour = s.scheme.colour();
            out.marker(Role::Point, 0, (x, cy), colour).datum = datum;
            if let Some(label) = label_at(s, i) {
                out.text(
                    Role::ValueLabel,
                    label,
                    (x + 9.0, cy),
                    ink(VALUE_PX, TEXT),
                    (Anchor::Start, Baseline::Middle),
                )
                .datum = datum;
            }
        }
    }
    let mut end = bottom + 6.0 + line_px(LABEL_PX) + 6.0;
    let axis_label = wrap_plain(&chart.y_label, LABEL_PX, inner);
    out.text_block(
        Role::AxisLabel,
        &axis_label,
        ((left + right) / 2.0, end),
        ink(LABEL_PX, MUTED_TEXT),
        Anchor::Middle,
    );
    end += axis_label.len() as f64 * line_px(LABEL_PX);
    if let Some(note) = note {
        let lines = wrap_plain(note, VALUE_PX, inner);
        out.text_block(
            Role::AxisLabel,
            &lines,
            (PAD, end + 4.0),
            ink(VALUE_PX, MUTED_TEXT),
            Anchor::Start,
        );
        end += 4.0 + lines.len() as f64 * line_px(VALUE_PX);
    }
    out.height = (end + PAD).ceil() as u32;
    out
}

/// Every k-th tick, for the smallest k whose labels do not touch across `span` pixels.
fn thin(ticks: Vec<(f64, String)>, span: f64) -> Vec<(f64, String)> {
    let widest = ticks
        .iter()
        .map(|(_, l)| text_width(l, LABEL_PX))
        .fold(0.0, f64::max);
    let slot = span / ticks.len().max(2).saturating_sub(1) as f64;
    let every = (1..ticks.len().max(1))
        .find(|k| widest + 10.0 <= slot * *k as f64)
        .unwrap_or(ticks.len().max(1));
    ticks
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(_, t)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::samples::nb_percent;
    use crate::charts::{Reference, Scheme, Series, CANVAS_WIDTH, NARROW_WIDTH};

    fn close_shares() -> Chart {
        Chart {
            id: "hi-coverage-by-region".into(),
            lang: "nb".into(),
            title: "Helseforsikringens dekningsgrad, 2023, etter område".into(),
            description: String::new(),
            takeaway: String::new(),
            kind: ChartKind::Dots {
                categories: vec!["Nghệ An".into(), "Quảng Bình".into(), "Đồng Nai".into()],
                series: vec![Series {
                    label: "Resultat 2023".into(),
                    scheme: Scheme::HealthInsurance,
                    values: vec![Some(94.1), Some(93.0), Some(92.6)],
                    value_labels: vec![
                        Some("94,1\u{a0}%".into()),
                        Some("93\u{a0}%".into()),
                        Some("92,6\u{a0}%".into()),
                    ],
                    mark: crate::charts::Mark::Bar,
                }],
                reference: Some(Reference {
                    value: 93.35,
                    label: "Vietnam: 93,35\u{a0}%".into(),
                    name: "Vietnam".into(),
                    value_label: "93,35\u{a0}%".into(),
                }),
                from: 91.0,
                note: Some("Aksen starter på 91\u{a0}%, ikke på null.".into()),
            },
            y_label: "Prosent".into(),
            x_label: None,
        }
    }

    #[test]
    fn close_shares_are_dots_on_a_stated_zoomed_axis_with_the_country_as_a_rule() {
        for width in [CANVAS_WIDTH, NARROW_WIDTH] {
            let scene = super::super::scene(&close_shares(), width, &nb_percent);
            // A dot and a label for every region; ranked values keep their order on the axis.
            let dots: Vec<f64> = scene.markers(Role::Point).map(|m| m.x).collect();
            assert_eq!(dots.len(), 3, "{width}");
            assert!(dots[0] > dots[1] && dots[1] > dots[2], "{width}: {dots:?}");
            assert_eq!(scene.texts(Role::ValueLabel).count(), 3);
            // The country is a dashed rule between Quảng Bình and Nghệ An, not a dot.
            let rule = scene
                .lines(Role::Reference)
                .next()
                .expect("a reference rule");
            assert!(rule.dash.is_some());
            assert!(rule.points[0].0 > dots[1] && rule.points[0].0 < dots[0]);
            let label: Vec<&str> = scene
                .texts(Role::ReferenceLabel)
                .map(|t| t.text.as_str())
                .collect();
            assert_eq!(label, ["Vietnam: 93,35\u{a0}%"]);
            // The axis starts at 91 % and the chart says so.
            let ticks: Vec<&str> = scene.texts(Role::Tick).map(|t| t.text.as_str()).collect();
            assert_eq!(ticks.first(), Some(&"91\u{a0}%"), "{width}: {ticks:?}");
            assert!(scene
                .texts(Role::AxisLabel)
                .any(|t| t.text.starts_with("Aksen starter på 91")));
            // Tick labels never touch, and everything stays on the canvas.
            let boxes: Vec<_> = scene.texts(Role::Tick).map(|t| t.bounds()).collect();
            for pair in boxes.windows(2) {
                assert!(pair[0].2 + 4.0 <= pair[1].0, "{width}: {ticks:?}");
            }
            for t in scene.texts(Role::ValueLabel).chain(scene.texts(Role::Tick)) {
                let (x0, _, x1, _) = t.bounds();
                assert!(x0 >= 0.0 && x1 <= f64::from(width), "{width}: {}", t.text);
            }
        }
    }
}
