//! Every value a chart of the example plots is labelled, in the wide and the narrow drawing,
//! in every language: no label is dropped for lack of room, and none overlaps another text.

mod common;

use std::collections::BTreeSet;

use bantin::charts::{ChartKind, Datum, Role, Scene};
use common::root;

/// `(page, chart, width)` and what went wrong, for every chart of every page.
fn problems() -> (usize, usize, Vec<String>) {
    let options = bantin::BuildOptions {
        root: root(),
        ..Default::default()
    };
    let site = bantin::Site::load(&options).expect("the example loads");
    let plan = site.plan().expect("plans");
    let (mut charts, mut values, mut found) = (0, 0, Vec::new());
    for page in &plan.pages {
        use bantin::plan::PageId;
        if !matches!(
            page.id,
            PageId::Home { .. } | PageId::Bulletin { .. } | PageId::Region { .. }
        ) {
            continue;
        }
        let view = site.view(page).expect("views");
        for chart in &view.charts {
            let drawn = &chart.drawn;
            let plotted = plotted(&drawn.chart.kind);
            for (width, scene) in [("wide", &drawn.wide), ("narrow", &drawn.narrow)] {
                charts += 1;
                values += plotted.len();
                let at = format!("{:?} {} ({width})", page.id, chart.id);
                let labelled: BTreeSet<Datum> = scene
                    .texts(Role::ValueLabel)
                    .filter_map(|t| t.datum)
                    .collect();
                for datum in plotted.difference(&labelled) {
                    found.push(format!("{at}: value {datum:?} has no label"));
                }
                for d in &scene.dropped_labels {
                    found.push(format!("{at}: label {:?} dropped ({:?})", d.text, d.reason));
                }
                found.extend(overlaps(scene).into_iter().map(|o| format!("{at}: {o}")));
            }
        }
    }
    (charts, values, found)
}

/// The values a chart plots: one datum per present value of each series.
fn plotted(kind: &ChartKind) -> BTreeSet<Datum> {
    let (_, series) = bantin::charts::categories_and_series(kind);
    series
        .iter()
        .enumerate()
        .flat_map(|(k, s)| {
            s.values
                .iter()
                .enumerate()
                .filter(|(_, v)| v.is_some())
                .map(move |(i, _)| Datum {
                    series: k,
                    index: i,
                })
        })
        .collect()
}

/// Value labels whose boxes overlap each other or any other text.
fn overlaps(scene: &Scene) -> Vec<String> {
    let texts: Vec<_> = scene
        .items
        .iter()
        .filter_map(|item| match item {
            bantin::charts::Item::Text(t) => Some(t),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for (i, a) in texts.iter().enumerate() {
        if a.role != Role::ValueLabel {
            continue;
        }
        let (ax0, ay0, ax1, ay1) = a.bounds();
        for b in texts.iter().skip(i + 1) {
            let (bx0, by0, bx1, by1) = b.bounds();
            // One pixel of give: boxes are estimates and may touch.
            if ax0 < bx1 - 1.0 && bx0 < ax1 - 1.0 && ay0 < by1 - 1.0 && by0 < ay1 - 1.0 {
                out.push(format!(
                    "label {:?} overlaps {:?} {:?}",
                    a.text, b.role, b.text
                ));
            }
        }
    }
    out
}

#[test]
fn every_plotted_value_is_labelled_in_every_drawing() {
    let (charts, values, found) = problems();
    println!(
        "{charts} drawings, {values} values, {} problems",
        found.len()
    );
    assert!(charts >= 80, "only {charts} drawings checked");
    assert!(values >= 400, "only {values} values checked");
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
}
