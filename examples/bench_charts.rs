//! Charts per second: building and drawing SVG charts, and rasterizing PNGs, measured apart.
//!
//! `cargo run --release --example bench_charts` in a site folder (the repository root is one).

use std::time::Instant;

use bantin::view::charts::PageChart;

fn main() {
    let options = bantin::BuildOptions {
        root: std::env::current_dir().expect("current folder"),
        skip_png: true,
        ..Default::default()
    };
    let site = match bantin::Site::load(&options) {
        Ok(site) => site,
        Err(problems) => {
            eprint!("{problems}");
            std::process::exit(1);
        }
    };
    let plan = site.plan().expect("the site plans");
    // Every page's view: charts built from the figures and drawn, with the rest of the view.
    let every_chart = || -> Vec<PageChart> {
        let mut charts = Vec::new();
        for page in &plan.pages {
            charts.extend(site.view(page).expect("the page's view").charts);
        }
        charts
    };

    let charts = every_chart();
    let rounds = 50;
    let start = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(every_chart());
    }
    let per_round = start.elapsed().as_secs_f64() / f64::from(rounds);
    println!(
        "SVG: {} charts built from the figures and drawn (with their page views) in {:.2} ms: {:.0} charts/s, {:.0} µs a chart (one thread)",
        charts.len(),
        per_round * 1e3,
        charts.len() as f64 / per_round,
        per_round * 1e6 / charts.len() as f64
    );

    let rasterizer = bantin::charts::Rasterizer::new();
    let first = Instant::now();
    rasterizer
        .png(&charts[0].svg, bantin::charts::PNG_SCALE)
        .expect("first PNG");
    println!(
        "PNG: font loading and the first chart: {:.0} ms",
        first.elapsed().as_secs_f64() * 1e3
    );
    let start = Instant::now();
    for chart in &charts {
        rasterizer
            .png(&chart.svg, bantin::charts::PNG_SCALE)
            .expect("png");
    }
    let png_time = start.elapsed().as_secs_f64();
    println!(
        "PNG: {} charts at 2x in {:.0} ms: {:.1} charts/s, {:.1} ms a chart (one thread)",
        charts.len(),
        png_time * 1e3,
        charts.len() as f64 / png_time,
        png_time * 1e3 / charts.len() as f64
    );
}
