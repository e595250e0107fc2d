//! Charts per second: SVG drawing and PNG rasterizing of the example site's charts, measured apart.
//!
//! `cargo run --release --example bench_charts`

use std::time::Instant;

use bantin::render::PageId;

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
    // Every chart of every page, drawn as SVG (pages render without PNG here).
    let pages: Vec<PageId> = site.pages();
    let mut svgs = Vec::new();
    let rounds = 20;
    let start = Instant::now();
    for round in 0..rounds {
        for page in &pages {
            let files = site.render_page(page).expect("renders");
            if round == 0 {
                svgs.extend(
                    files
                        .into_iter()
                        .filter(|f| f.path.ends_with(".svg"))
                        .map(|f| String::from_utf8(f.bytes).expect("utf-8")),
                );
            }
        }
    }
    let pages_time = start.elapsed().as_secs_f64() / f64::from(rounds);
    println!(
        "pages with their SVG charts: {} pages and {} charts in {:.1} ms ({:.0} pages/s, one thread)",
        pages.len(),
        svgs.len(),
        pages_time * 1e3,
        pages.len() as f64 / pages_time
    );

    let rasterizer = bantin::charts::Rasterizer::new();
    let warm = Instant::now();
    rasterizer.png(&svgs[0], 2.0).expect("first PNG");
    println!(
        "font loading and first PNG: {:.0} ms",
        warm.elapsed().as_secs_f64() * 1e3
    );
    let start = Instant::now();
    for svg in &svgs {
        rasterizer.png(svg, 2.0).expect("png");
    }
    let png_time = start.elapsed().as_secs_f64();
    println!(
        "PNG: {} charts in {:.0} ms: {:.1} charts/s, {:.1} ms a chart (one thread)",
        svgs.len(),
        png_time * 1e3,
        svgs.len() as f64 / png_time,
        png_time * 1e3 / svgs.len() as f64
    );
}
