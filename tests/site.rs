//! Builds the example site (the repository root) into a temp dir and reads its pages as a reader would.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{copy_example, root};

const NBSP: char = '\u{a0}';

/// The example site, built once for all tests of this file.
fn built() -> &'static Path {
    static OUTPUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUTPUT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("output");
        let options = bantin::BuildOptions {
            root: root(),
            output: Some(out.clone()),
            ..Default::default()
        };
        if let Err(problems) = bantin::build(&options) {
            panic!("the example site must build:\n{problems}");
        }
        (dir, out)
    });
    out
}

fn page(path: &str) -> String {
    let file = built().join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn bulletin(lang: &str, slug: &str) -> String {
    page(&format!("{lang}/bulletins/{slug}/index.html"))
}

/// The file a page links for one of its charts (`ext` = svg or png), inside `out`.
fn chart_file_in(out: &Path, page_path: &str, chart: &str, ext: &str) -> Option<PathBuf> {
    let html = std::fs::read_to_string(out.join(page_path)).ok()?;
    let marker = format!("charts/{chart}-");
    let href = html.split("href=\"").skip(1).find_map(|rest| {
        let href = rest.split('"').next()?;
        let name = &href[href.find(&marker)? + marker.len()..];
        let (hash, found_ext) = name.split_once('.')?;
        (hash.len() == 16 && found_ext == ext).then_some(href)
    })?;
    let folder = Path::new(page_path).parent().unwrap_or(Path::new(""));
    Some(out.join(folder).join(href))
}

/// A chart of a page of the example site, as text.
fn chart_of(page_path: &str, chart: &str) -> String {
    let file = chart_file_in(built(), page_path, chart, "svg")
        .unwrap_or_else(|| panic!("{page_path} links no {chart} chart"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

fn bulletin_path(lang: &str, slug: &str) -> String {
    format!("{lang}/bulletins/{slug}/index.html")
}

#[track_caller]
fn assert_all(html: &str, expected: &[&str]) {
    let missing: Vec<&&str> = expected.iter().filter(|e| !html.contains(**e)).collect();
    assert!(missing.is_empty(), "missing on the page: {missing:?}");
}

const NGHE_AN: &str = "2024-01-18-nghe-an";
const VIET_NAM: &str = "2024-01-17-viet-nam";
const QUANG_BINH: &str = "2024-01-10-quang-binh";
const AN_GIANG: &str = "2025-04-02-an-giang";
const DONG_NAI: &str = "2025-12-10-dong-nai";

#[test]
fn every_language_has_home_bulletin_and_region_pages() {
    for lang in ["vi", "en", "zh", "nb"] {
        page(&format!("{lang}/index.html"));
        for slug in [NGHE_AN, VIET_NAM, QUANG_BINH, AN_GIANG, DONG_NAI] {
            bulletin(lang, slug);
        }
        for region in ["viet-nam", "nghe-an", "quang-binh", "an-giang", "dong-nai"] {
            page(&format!("{lang}/regions/{region}/index.html"));
        }
    }
    page("index.html");
    page("404.html");
    page("style.css");
}

#[test]
fn counts_use_each_languages_separators() {
    assert!(bulletin("vi", NGHE_AN).contains("2.911.787"));
    assert!(bulletin("en", NGHE_AN).contains("2,911,787"));
    assert!(bulletin("zh", NGHE_AN).contains("2,911,787"));
    assert!(bulletin("nb", NGHE_AN).contains("2\u{a0}911\u{a0}787"));
    assert!(!bulletin("nb", NGHE_AN).contains("2,911,787"));
}

#[test]
fn money_is_written_as_each_press_writes_it() {
    // A no-break space holds the number to its unit.
    assert!(bulletin("vi", NGHE_AN).contains(&format!("8.873,3{NBSP}tỷ đồng")));
    assert!(bulletin("en", NGHE_AN).contains("8,873.3 billion VND"));
    assert!(bulletin("zh", NGHE_AN).contains("88,733亿越南盾"));
    // 10¹² and more in 万亿, as the Chinese press writes it, where that keeps the digits.
    assert!(bulletin("zh", DONG_NAI).contains("4.6万亿越南盾"));
    let nb_page = bulletin("nb", NGHE_AN);
    // Every digit the data have, as in the other languages (not "8,87 billioner").
    assert!(nb_page.contains(&format!("8{NBSP}873,3{NBSP}milliarder dong")));
    let dong_nai = bulletin("nb", DONG_NAI);
    assert!(dong_nai.contains(&format!("134{NBSP}milliarder dong")));
    assert!(dong_nai.contains(&format!("4,6{NBSP}billioner dong")));
    assert!(dong_nai.contains(&format!("over 217{NBSP}500")));
}

#[test]
fn percentages_follow_each_languages_pattern() {
    assert!(bulletin("en", VIET_NAM).contains("93.35%"));
    assert!(bulletin("zh", VIET_NAM).contains("93.35%"));
    assert!(bulletin("vi", VIET_NAM).contains("93,35%"));
    assert!(bulletin("nb", VIET_NAM).contains(&format!("93,35{NBSP}%")));
}

#[test]
fn rounded_figures_keep_their_qualifier_and_scale() {
    assert!(bulletin("en", NGHE_AN).contains("over 5.6 million"));
    assert!(bulletin("vi", NGHE_AN).contains("hơn 5,6"));
    assert!(bulletin("zh", NGHE_AN).contains("560余万"));
    assert!(bulletin("en", VIET_NAM).contains("over 93.3 million"));
    assert!(bulletin("en", VIET_NAM).contains("about 42.7%"));
    assert!(bulletin("en", DONG_NAI).contains("under 1.4%"));
}

#[test]
fn negative_changes_use_the_minus_sign_in_norwegian() {
    // Đồng Nai's coverage of 91.9 % is 3.1 points below its 95 % target.
    let page = bulletin("nb", DONG_NAI);
    assert!(page.contains("\u{2212}3,1"), "nb gap to target");
    assert!(bulletin("en", DONG_NAI).contains("-3.1"));
}

#[test]
fn dates_come_from_cldr() {
    // English as the site spells it (British): day before month.
    assert!(bulletin("en", NGHE_AN).contains("18 January 2024"));
    assert!(bulletin("zh", NGHE_AN).contains("2024年1月18日"));
    assert!(bulletin("nb", NGHE_AN).contains("18. januar 2024"));
    // Vietnamese as its press writes dates: CLDR's short form.
    assert!(bulletin("vi", NGHE_AN).contains("18/01/2024"));
}

/// Every figure of SEED-FIGURES.md, as the English pages show it.
#[test]
fn every_seed_figure_is_on_its_bulletin_page() {
    assert_all(
        &bulletin("en", NGHE_AN),
        &[
            "3,024,577",
            "385,131",
            "24.9%",
            "112,790",
            "272,341",
            "2,911,787",
            "+33,924",
            "+1.18%",
            "93%",
            "251,742",
            "+8,171",
            "+3.35%",
            "16.03%",
            "8,873.3 billion VND",
            "102.71%",
            "+1,018.6 billion VND",
            "+12.97%",
            "170,100",
            "over 5.6 million",
            "+543,000",
            "+10.66%",
            "26,668",
            "+7,220",
            "94%",
            "25.7%",
        ],
    );
    assert_all(
        &bulletin("en", VIET_NAM),
        &[
            "93.35%",
            "+0.15 points",
            "over 93.3 million",
            "1.69%",
            "about 42.7%",
            "about 34.18%",
            "about 94.11%",
            "93.2%",
        ],
    );
    assert_all(
        &bulletin("en", QUANG_BINH),
        &[
            "112,488",
            "+8,226",
            "26.7%",
            "73,807",
            "+2,389",
            "100%",
            "38,681",
            "+5,837",
            "105.6%",
            "9.2%",
            "3.7 times the target",
            "66,037",
            "+2,469",
            "101%",
            "842,104",
            "+26,460",
            "93%",
            "+0.5 points",
            "92.5%",
            "46,834",
            "49,104",
            "9,410",
            "3,581",
            "488",
            "34%",
            "95.1%",
            "99.9%",
            "1,062,684",
            "889 billion VND",
        ],
    );
    assert_all(
        &bulletin("en", AN_GIANG),
        &[
            "93%",
            "125,588",
            "39,000",
            "1,815,470",
            "1,910,985",
            "95%",
            "100%",
            "baoangiang.com.vn",
        ],
    );
    assert_all(
        &bulletin("en", DONG_NAI),
        &[
            "over 1 million",
            "49.4%",
            "44.35%",
            "over 4 million",
            "91.9%",
            "95%",
            "52%",
            "46%",
            "over 9.6 million",
            "over 4,600 billion VND",
            "over 1,100 billion VND",
            "134 billion VND",
            "599",
            "over 217,500",
            "over 3,200 billion VND",
            "under 1.4%",
            "baodongnai.com.vn",
        ],
    );
}

#[test]
fn pages_carry_language_tags_alternates_and_canonical() {
    let zh = bulletin("zh", NGHE_AN);
    assert!(zh.contains("<html lang=\"zh-Hans\" dir=\"ltr\">"));
    for tag in ["vi", "en", "zh-Hans", "nb"] {
        assert!(
            zh.contains(&format!("hreflang=\"{tag}\"")),
            "alternate {tag}"
        );
    }
    assert!(zh.contains(
        "rel=\"canonical\" href=\"https://bantin.example.org/zh/bulletins/2024-01-18-nghe-an/\""
    ));
    assert!(bulletin("vi", NGHE_AN).contains("<html lang=\"vi\" dir=\"ltr\">"));
    assert!(bulletin("nb", NGHE_AN).contains("<html lang=\"nb\" dir=\"ltr\">"));
}

/// Every element marked with a language also carries that language's direction (CLDR's, by
/// its script): a right-to-left language would read right in any page.
#[test]
fn every_language_mark_has_its_direction() {
    for entry in walkdir::WalkDir::new(built()) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).expect("read");
        let marks = html.match_indices(" lang=\"").count();
        assert!(marks > 1, "{}", entry.path().display());
        for (at, _) in html.match_indices(" lang=\"") {
            let start = html[..at].rfind('<').expect("inside a tag");
            let tag = &html[start..at + html[at..].find('>').expect("the tag ends")];
            // Charts are images: their direction is their text's own.
            if !tag.starts_with("<svg") {
                assert!(
                    tag.contains(" dir=\"ltr\""),
                    "{}: {tag}",
                    entry.path().display()
                );
            }
        }
    }
}

#[test]
fn the_root_page_offers_every_language_without_script() {
    let root = page("index.html");
    for lang in ["vi", "en", "zh", "nb"] {
        assert!(
            root.contains(&format!("href=\"{lang}/index.html\""))
                || root.contains(&format!("href=\"{lang}&#x2F;index.html\"")),
            "{lang}"
        );
    }
    assert!(!root.contains("<script"));
}

#[test]
fn no_page_shows_a_message_id_or_runs_script() {
    for entry in walkdir::WalkDir::new(built()) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(entry.path()).expect("read");
            for id in [
                "indicator-",
                "region-",
                "table-",
                "bulletin-",
                "headline-",
                "period-",
            ] {
                let leaked = html
                    .split(['>', '<'])
                    .any(|text| text.trim().starts_with(id));
                assert!(
                    !leaked,
                    "{} shows a message id {id}…",
                    entry.path().display()
                );
            }
            assert!(
                !common::without_json_ld(&html).contains("<script"),
                "{}",
                entry.path().display()
            );
            assert!(
                !html.contains('\u{2068}'),
                "isolation marks in {}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn region_pages_show_every_year_and_border_changes() {
    let nghe_an = page("en/regions/nghe-an/index.html");
    assert_all(
        &nghe_an,
        &["2022", "2023", "2024", "2,877,863", "2,911,787"],
    );
    let dong_nai = page("en/regions/dong-nai/index.html");
    assert!(dong_nai.contains("Bình Phước"), "the merger is named");
    assert!(dong_nai.contains("2025: figures up to 10 December 2025."));
    assert!(
        dong_nai.contains("2025: in the first 11 months"),
        "visits cover 11 months"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("again");
    let options = bantin::BuildOptions {
        root: root(),
        output: Some(out.clone()),
        ..Default::default()
    };
    bantin::build(&options).expect("second build");
    for entry in walkdir::WalkDir::new(built()).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(built()).expect("inside");
            let again = std::fs::read(out.join(rel)).expect("same file in second build");
            assert_eq!(
                std::fs::read(entry.path()).expect("read"),
                again,
                "{}",
                rel.display()
            );
        }
    }
}

#[test]
fn one_page_renders_into_memory() {
    let options = bantin::BuildOptions {
        root: root(),
        ..Default::default()
    };
    let site = bantin::Site::load(&options).expect("loads");
    let plan = site.plan().expect("plans");
    let page = plan
        .page(&bantin::plan::PageId::Bulletin {
            lang: "en".into(),
            slug: QUANG_BINH.into(),
        })
        .expect("planned");
    let files = site.render_page(page).expect("renders");
    let file = files.into_iter().next().expect("the page itself");
    assert_eq!(file.path, "en/bulletins/2024-01-10-quang-binh/index.html");
    let html = String::from_utf8(file.bytes).expect("utf-8");
    let main =
        &html[html.find("<main").expect("main")..html.find("</main>").expect("end of main") + 7];
    insta::assert_snapshot!("quang_binh_en_main", main);
}

fn well_formed(svg: &str) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut depth = 0i32;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    if depth == 0 {
        Ok(())
    } else {
        Err(format!("unbalanced elements ({depth})"))
    }
}

#[test]
fn bulletin_charts_are_accessible_figures_with_downloads() {
    for lang in ["vi", "en", "zh", "nb"] {
        let html = bulletin(lang, QUANG_BINH);
        assert!(html.contains("<figure class=\"chart\""), "{lang}");
        assert!(html.contains("role=\"img\""), "{lang}");
        assert!(html.contains("<figcaption>"), "{lang}");
        let page_path = bulletin_path(lang, QUANG_BINH);
        let png = chart_file_in(built(), &page_path, "result-vs-target", "png");
        assert!(
            png.is_some_and(|p| p.exists()),
            "{lang}: PNG linked and written"
        );
        assert!(html.contains("property=\"og:image\""), "{lang}");
        let tag = if lang == "zh" { "zh-Hans" } else { lang };
        for chart in ["result-vs-target", "participants-trend", "si-split"] {
            let svg = chart_of(&page_path, chart);
            well_formed(&svg).unwrap_or_else(|e| panic!("{lang} {chart}: {e}"));
            assert!(
                svg.contains(&format!("lang=\"{tag}\"")),
                "{lang} {chart} lang"
            );
            assert!(
                svg.contains("<title") && svg.contains("<desc"),
                "{lang} {chart}"
            );
        }
    }
}

#[test]
fn chart_text_is_in_the_pages_language() {
    let svg = |lang: &str, chart: &str| chart_of(&bulletin_path(lang, QUANG_BINH), chart);
    // Health-insurance coverage 93 % against a 92.5 % target, in each language's digits.
    assert!(svg("en", "result-vs-target").contains("92.5%"));
    assert!(svg("vi", "result-vs-target").contains("92,5%"));
    assert!(svg("nb", "result-vs-target").contains(&format!("92,5{NBSP}%")));
    assert!(svg("zh", "result-vs-target").contains("92.5%"));
    assert!(svg("vi", "si-split").contains("73.807"));
    assert!(svg("nb", "si-split").contains(&format!("73{NBSP}807")));
    assert!(svg("zh", "si-split").contains("广平省") || svg("zh", "si-split").contains("社会保险"));
    assert!(svg("vi", "si-split").contains("Quảng Bình"));
    let en = bulletin("en", QUANG_BINH);
    assert!(en.contains(
        "Health insurance coverage of the population: 93%, 0.5 points above target (92.5%)."
    ));
}

#[test]
fn chart_pngs_decode_at_twice_the_svg_size() {
    let page_path = bulletin_path("en", QUANG_BINH);
    let path = chart_file_in(built(), &page_path, "result-vs-target", "png").expect("linked");
    let bytes = std::fs::read(&path).expect("png");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("decodes");
    assert_eq!(pixmap.width(), 2 * bantin::charts::CANVAS_WIDTH);
    let svg = chart_of(&page_path, "result-vs-target");
    let height: f32 = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.split(' ').nth(1))
        .and_then(|h| h.parse().ok())
        .expect("viewBox height");
    assert_eq!(pixmap.height(), (height * 2.0).round() as u32);
}

#[test]
fn home_pages_compare_one_indicator_across_regions() {
    let svg = chart_of("en/index.html", "hi-coverage-by-region");
    for region in ["Viet Nam", "Nghệ An", "Quảng Bình"] {
        assert!(svg.contains(region), "{region}");
    }
    assert!(svg.contains("93.35%"));
}

#[test]
fn chart_svg_snapshot() {
    insta::assert_snapshot!(
        "quang_binh_en_si_split_svg",
        chart_of(&bulletin_path("en", QUANG_BINH), "si-split")
    );
}

/// A trend across a border change is drawn in two pieces, and the change is named.
#[test]
fn trends_break_at_border_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    copy_example(&site);
    std::fs::write(
        site.join("content/data/dong-nai/2024.yaml"),
        "as-of: 2024-12-31\nresults:\n  si-participants: 720000\n  hi-participants: 2900000\n  ui-participants: 690000\n",
    )
    .expect("write");
    let out = dir.path().join("output");
    bantin::build(&bantin::BuildOptions {
        root: site,
        output: Some(out.clone()),
        skip_png: true,
        ..Default::default()
    })
    .expect("builds");
    let region_page = "en/regions/dong-nai/index.html";
    let svg_file = chart_file_in(&out, region_page, "participants-trend", "svg").expect("linked");
    let svg = std::fs::read_to_string(svg_file).expect("trend chart");
    assert!(svg.contains("Bình Phước"), "the break is labelled");
    assert!(
        chart_file_in(&out, region_page, "participants-trend", "png").is_none(),
        "--no-png links no PNG"
    );
    let pngs = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
        .filter(|e| e.path().components().any(|c| c.as_os_str() == "charts"))
        .count();
    assert_eq!(pngs, 0, "--no-png writes no chart PNG");
}

#[test]
fn a_bulletin_chooses_its_charts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    copy_example(&site);
    let meta = site.join(format!("content/bulletins/{QUANG_BINH}/bulletin.yaml"));
    let text = std::fs::read_to_string(&meta).expect("read");
    std::fs::write(&meta, format!("{text}charts: [si-split]\n")).expect("write");
    let out = dir.path().join("output");
    bantin::build(&bantin::BuildOptions {
        root: site,
        output: Some(out.clone()),
        skip_png: true,
        ..Default::default()
    })
    .expect("builds");
    let page_path = bulletin_path("en", QUANG_BINH);
    assert!(chart_file_in(&out, &page_path, "si-split", "svg").is_some_and(|f| f.exists()));
    assert!(chart_file_in(&out, &page_path, "result-vs-target", "svg").is_none());
    assert!(chart_file_in(&out, &page_path, "participants-trend", "svg").is_none());
}

/// `updated` shows beside the date; `draft: true` stays out unless built with drafts.
#[test]
fn updates_show_and_drafts_wait() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    copy_example(&site);
    let append = |slug: &str, line: &str| {
        let meta = site.join(format!("content/bulletins/{slug}/bulletin.yaml"));
        let text = std::fs::read_to_string(&meta).expect("read");
        std::fs::write(&meta, format!("{text}{line}\n")).expect("write");
    };
    append(NGHE_AN, "updated: 2024-01-20");
    append(AN_GIANG, "draft: true");
    let build = |drafts: bool| {
        let out = dir
            .path()
            .join(if drafts { "with-drafts" } else { "published" });
        bantin::build(&bantin::BuildOptions {
            root: site.clone(),
            output: Some(out.clone()),
            drafts,
            skip_png: true,
            ..Default::default()
        })
        .expect("builds");
        out
    };
    let published = build(false);
    let page =
        std::fs::read_to_string(published.join(format!("en/bulletins/{NGHE_AN}/index.html")))
            .expect("page");
    assert!(page.contains("<time datetime=\"2024-01-20\">20 January 2024</time>"));
    assert!(!published.join(format!("en/bulletins/{AN_GIANG}")).exists());
    let home = std::fs::read_to_string(published.join("en/index.html")).expect("home");
    assert!(!home.contains(AN_GIANG), "a draft is not listed");
    assert!(build(true)
        .join(format!("en/bulletins/{AN_GIANG}/index.html"))
        .exists());
}

/// Every `.html` file of the built example, by its path inside the output.
fn html_pages() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(built()).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "html") {
            let rel = entry.path().strip_prefix(built()).expect("inside");
            let html = std::fs::read_to_string(entry.path()).expect("read");
            pages.push((rel.to_string_lossy().replace('\\', "/"), html));
        }
    }
    pages
}

const BASE: &str = "https://bantin.example.org/";

/// The page's way to the output root, as its icons use it: `../../` or, on the 404 page
/// (served at any depth), the base URL's path.
fn root_of(path: &str) -> String {
    if path == "404.html" {
        "/".to_string()
    } else {
        "../".repeat(path.matches('/').count())
    }
}

#[test]
fn every_page_has_icons_and_publisher() {
    let pages = html_pages();
    assert!(pages.len() > 40, "{} pages", pages.len());
    for (path, html) in &pages {
        let root = root_of(path);
        assert_all(
            html,
            &[
                &format!("<link rel=\"icon\" href=\"{root}favicon.svg\" type=\"image/svg+xml\">"),
                &format!("<link rel=\"icon\" href=\"{root}favicon.ico\" sizes=\"32x32\">"),
                &format!("<link rel=\"apple-touch-icon\" href=\"{root}apple-touch-icon.png\">"),
                // The name beside it says who publishes: the logo is decoration.
                &format!("<img src=\"{root}logo.svg\" alt=\"\" width=\"40\" height=\"40\">"),
                "<a href=\"https://toasoan.example.org/\">",
            ],
        );
    }
    for file in [
        "favicon.svg",
        "favicon.ico",
        "apple-touch-icon.png",
        "logo.svg",
    ] {
        assert!(built().join(file).is_file(), "{file}");
    }
}

#[test]
fn the_publisher_is_named_in_each_language() {
    for (lang, name) in [
        ("vi", "Đơn vị phát hành: "),
        ("en", "Publisher: "),
        ("zh", "发布单位："),
        ("nb", "Utgiver: "),
    ] {
        let home = page(&format!("{lang}/index.html"));
        let footer = &home[home.find("<footer class=\"site\">").expect("footer")..];
        assert!(footer.contains(name), "{lang}");
        assert!(!footer.contains("publisher-"), "{lang}: a message id");
    }
    // The chooser and the 404 page speak the default language.
    assert!(page("index.html").contains("Ban biên tập Bản tin bảo hiểm xã hội"));
    assert!(page("404.html").contains("Ban biên tập Bản tin bảo hiểm xã hội"));
}

#[test]
fn bulletins_say_who_publishes_where_the_figures_come_from_and_when() {
    let with_source = bulletin("en", DONG_NAI);
    let credits = with_source
        .split("<p class=\"meta credits\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("a credits line");
    assert_all(
        credits,
        &[
            "Publisher: <a href=\"https://toasoan.example.org/\">Social insurance bulletins editorial desk</a>",
            "Source of the figures: <a href=\"https://baodongnai.com.vn/",
            "rel=\"external\">baodongnai.com.vn</a>",
        ],
    );
    // Near the top, beside the dates, not at the foot of the article.
    let article = &with_source[with_source.find("<article").expect("an article")..];
    let header = &article[..article.find("</header>").expect("its header")];
    assert!(header.contains("<p class=\"meta credits\">"));
    assert!(header.contains("<time datetime=\"2025-12-10\">10 December 2025</time>"));

    // A bulletin without a source link names the conference of its date, in every language.
    for (lang, words) in [
        (
            "en",
            "Source of the figures: the conference of 18 January 2024",
        ),
        ("vi", "Nguồn số liệu: hội nghị ngày 18/01/2024"),
        ("zh", "数据来源：2024年1月18日召开的工作会议"),
        ("nb", "Kilde for tallene: konferansen 18. januar 2024"),
    ] {
        let text = visible_text(&bulletin(lang, NGHE_AN));
        assert!(text.contains(words), "{lang}");
    }
}

/// The content of `<meta name="description">`.
fn description(html: &str) -> &str {
    let marker = "<meta name=\"description\" content=\"";
    let rest = &html[html.find(marker).expect("a description") + marker.len()..];
    &rest[..rest.find('"').expect("closed")]
}

#[test]
fn home_region_and_bulletin_pages_describe_themselves() {
    let region = page("en/regions/nghe-an/index.html");
    assert!(
        description(&region).contains("in Nghệ An"),
        "{}",
        description(&region)
    );
    assert!(description(&page("zh/regions/nghe-an/index.html")).starts_with("义安省"));
    assert!(description(&page("vi/regions/dong-nai/index.html")).contains("tại Đồng Nai"));
    let home = description(&page("nb/index.html")).to_string();
    assert!(home.starts_with("De siste bulletinene"), "{home}");
    let bulletin_page = bulletin("en", NGHE_AN);
    let summary = bulletin_page
        .split("<p class=\"lead\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("a summary");
    assert_eq!(description(&bulletin_page), summary);
    let mut seen = std::collections::BTreeSet::new();
    for lang in ["vi", "en", "zh", "nb"] {
        for region in ["viet-nam", "nghe-an", "quang-binh", "an-giang", "dong-nai"] {
            let text =
                description(&page(&format!("{lang}/regions/{region}/index.html"))).to_string();
            assert!(seen.insert(text.clone()), "{lang} {region} repeats {text}");
        }
    }
}

#[test]
fn the_404_page_offers_every_language_from_any_depth() {
    let html = page("404.html");
    assert!(html.contains("<html lang=\"vi\" dir=\"ltr\">"));
    for (lang, tag) in [("vi", "vi"), ("en", "en"), ("zh", "zh-Hans"), ("nb", "nb")] {
        assert!(
            html.contains(&format!(
                "<li lang=\"{tag}\" dir=\"ltr\"><a href=\"{BASE}{lang}/\" hreflang=\"{tag}\">"
            )),
            "{lang}"
        );
    }
    // Nothing relative: the page is served in place of any missing address. Links go to the
    // site's address; images load from the host it is served by.
    for value in html.split("<a href=\"").skip(1) {
        assert!(value.starts_with("https://"), "<a href=\"{value:.40}");
    }
    let images = html.split(" src=\"").skip(1);
    for value in images.chain(html.split("<link rel=\"icon\" href=\"").skip(1)) {
        assert!(value.starts_with('/'), "{value:.40}");
    }
    assert!(html.contains("noindex"));
}

/// The pasteable snippets of a page, as the reader copies them (unescaped).
fn embeds(html: &str) -> Vec<String> {
    html.split("<textarea id=\"embed-")
        .skip(1)
        .map(|rest| {
            let text = &rest[rest.find('>').expect("tag ends") + 1..];
            let text = &text[..text.find("</textarea>").expect("closed")];
            quick_xml::escape::unescape(text)
                .expect("escaped text")
                .into_owned()
        })
        .collect()
}

/// What an embed snippet holds: the image's attributes, the link, and the caption's text.
#[derive(Debug, Default)]
struct Embedded {
    lang: String,
    image: BTreeMap<String, String>,
    link: String,
    caption: String,
}

fn parse_embed(snippet: &str) -> Embedded {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(snippet);
    // HTML's void elements (<img>, <br>) never close.
    reader.config_mut().check_end_names = false;
    let mut found = Embedded::default();
    let mut in_caption = false;
    loop {
        let event = reader.read_event().expect("the snippet parses");
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let attrs: BTreeMap<String, String> = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("an attribute");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            a.unescape_value().expect("escaped").into_owned(),
                        )
                    })
                    .collect();
                match e.name().as_ref() {
                    b"figure" => found.lang = attrs["lang"].clone(),
                    b"img" => found.image = attrs,
                    b"a" => found.link = attrs["href"].clone(),
                    b"figcaption" => in_caption = true,
                    b"br" => found.caption.push('\n'),
                    other => panic!("unexpected <{}>", String::from_utf8_lossy(other)),
                }
            }
            Event::End(e) if e.name().as_ref() == b"figcaption" => in_caption = false,
            Event::Text(t) if in_caption => {
                found.caption.push_str(&t.unescape().expect("escaped"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    found
}

#[test]
fn charts_can_be_embedded_elsewhere() {
    for lang in ["vi", "en", "zh", "nb"] {
        let page_path = bulletin_path(lang, QUANG_BINH);
        let html = page(&page_path);
        let snippets = embeds(&html);
        assert_eq!(snippets.len(), 3, "{lang}: one per chart");
        // Each embed sits in a closed <details> with a label, so it needs no script.
        assert_eq!(html.matches("<details class=\"embed\">").count(), 3);
        for id in ["result-vs-target", "participants-trend", "si-split"] {
            assert!(
                html.contains(&format!("<label for=\"embed-{id}\">")),
                "{lang} {id}"
            );
        }
        for (snippet, chart) in
            snippets
                .iter()
                .zip(["result-vs-target", "participants-trend", "si-split"])
        {
            let embedded = parse_embed(snippet);
            let src = &embedded.image["src"];
            let file = src
                .strip_prefix(BASE)
                .unwrap_or_else(|| panic!("{lang}: not absolute: {src}"));
            assert!(built().join(file).is_file(), "{lang}: {src} is written");
            let linked = chart_file_in(built(), &page_path, chart, "svg").expect("linked");
            assert_eq!(
                built().join(file).canonicalize().expect("exists"),
                linked.canonicalize().expect("exists"),
                "{lang} {chart}: the page's own SVG"
            );
            let svg = std::fs::read_to_string(&linked).expect("svg");
            let size = format!(
                "width=\"{}\" height=\"{}\"",
                embedded.image["width"], embedded.image["height"]
            );
            assert!(svg.contains(&size), "{lang} {chart}: {size}");
            let alt = &embedded.image["alt"];
            assert!(
                !alt.is_empty()
                    && svg.contains(&format!(
                        ">{}</desc>",
                        quick_xml::escape::escape(alt.as_str())
                    )),
                "{lang} {chart}: the alt text is the chart's text alternative"
            );
            assert!(
                html.contains(&format!(
                    "<desc id=\"chart-{chart}-{}-desc\">{}</desc>",
                    tag_id(lang),
                    quick_xml::escape::escape(alt.as_str())
                )),
                "{lang} {chart}: the alt text is the chart's description"
            );
            assert_eq!(
                embedded.link,
                format!("{BASE}{lang}/bulletins/{QUANG_BINH}/"),
                "{lang}: links back to the page"
            );
            let tag = if lang == "zh" { "zh-Hans" } else { lang };
            assert_eq!(embedded.lang, tag);
            let (title, credit) = embedded.caption.split_once('\n').expect("two lines");
            assert!(
                svg.contains(&format!(">{}</title>", quick_xml::escape::escape(title))),
                "{lang} {chart}: the caption starts with the chart's title: {title}"
            );
            let publisher = match lang {
                "vi" => "Nguồn: Ban biên tập Bản tin bảo hiểm xã hội",
                "en" => "Source: Social insurance bulletins editorial desk",
                "zh" => "来源：社会保险简报编辑部",
                _ => "Kilde: Redaksjonen for Bulletiner om sosialforsikring",
            };
            assert_eq!(credit, publisher, "{lang}");
        }
    }
}

/// The PNG of `favicon.svg` at `size` pixels, on `background` (None: transparent).
fn draw_icon(size: u32, background: Option<resvg::tiny_skia::Color>) -> resvg::tiny_skia::Pixmap {
    use resvg::{tiny_skia, usvg};
    let svg = std::fs::read(root().join("templates/static/favicon.svg")).expect("favicon.svg");
    let tree = usvg::Tree::from_data(&svg, &usvg::Options::default()).expect("parses");
    let mut pixmap = tiny_skia::Pixmap::new(size, size).expect("a pixmap");
    if let Some(colour) = background {
        pixmap.fill(colour);
    }
    let scale = size as f32 / tree.size().width();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
}

/// `favicon.ico` (what browsers ask a site's root for) and `apple-touch-icon.png` (opaque, as
/// iOS wants it) are favicon.svg drawn small. Set BANTIN_UPDATE_ICONS=1 to draw them again
/// after changing the SVG.
#[test]
fn bitmap_icons_are_the_svg_icon_drawn() {
    let statics = root().join("templates/static");
    let accent = resvg::tiny_skia::Color::from_rgba8(0x0b, 0x5c, 0x8a, 0xff);
    let small = draw_icon(32, None).encode_png().expect("png");
    let touch = draw_icon(180, Some(accent)).encode_png().expect("png");
    // An ICO file holding one 32×32 PNG: a 6-byte header, a 16-byte entry, then the image.
    let mut ico = vec![0, 0, 1, 0, 1, 0, 32, 32, 0, 0, 1, 0, 32, 0];
    ico.extend_from_slice(&u32::try_from(small.len()).expect("small").to_le_bytes());
    ico.extend_from_slice(&22u32.to_le_bytes());
    ico.extend_from_slice(&small);
    if std::env::var_os("BANTIN_UPDATE_ICONS").is_some() {
        std::fs::write(statics.join("favicon.ico"), &ico).expect("write");
        std::fs::write(statics.join("apple-touch-icon.png"), &touch).expect("write");
    }
    let pixels = |png: &[u8]| {
        resvg::tiny_skia::Pixmap::decode_png(png)
            .expect("decodes")
            .data()
            .to_vec()
    };
    let stored_ico = std::fs::read(statics.join("favicon.ico")).expect("favicon.ico");
    assert_eq!(&stored_ico[..6], &ico[..6], "one icon");
    assert_eq!(&stored_ico[6..8], &[32, 32], "32×32");
    assert_eq!(
        pixels(&stored_ico[22..]),
        pixels(&small),
        "favicon.ico is not favicon.svg: run with BANTIN_UPDATE_ICONS=1"
    );
    let stored_touch = std::fs::read(statics.join("apple-touch-icon.png")).expect("png");
    assert_eq!(
        pixels(&stored_touch),
        pixels(&touch),
        "apple-touch-icon.png is not favicon.svg: run with BANTIN_UPDATE_ICONS=1"
    );
}

#[test]
fn results_of_part_of_a_year_say_so_in_the_chart_legend() {
    // Đồng Nai's 2025 figures run to 10 December: no legend may call them the year's result.
    for (lang, legend) in [
        ("en", "Result 2025, up to 10 December 2025"),
        ("vi", "Kết quả năm 2025, tính đến"),
        ("zh", "2025年结果（截至2025年12月10日）"),
        ("nb", "Resultat 2025, per 10. desember 2025"),
    ] {
        let svg = chart_of(
            &bulletin_path(lang, "2025-12-10-dong-nai"),
            "result-vs-target",
        );
        assert!(svg.contains(legend), "{lang}: no `{legend}`");
    }
    // A whole year's results are just the year's.
    let svg = chart_of(&bulletin_path("en", NGHE_AN), "result-vs-target");
    assert!(svg.contains(">Result 2023<"), "{svg}");
}

#[test]
fn page_titles_name_the_site_once() {
    for lang in ["vi", "en", "zh", "nb"] {
        let home = page(&format!("{lang}/index.html"));
        let title =
            &home[home.find("<title>").expect("title") + 7..home.find("</title>").expect("end")];
        assert!(!title.contains(" · "), "{lang} home title: {title}");
        let bulletin = bulletin(lang, NGHE_AN);
        let title = &bulletin
            [bulletin.find("<title>").expect("title") + 7..bulletin.find("</title>").expect("end")];
        assert_eq!(
            title.matches(" · ").count(),
            1,
            "{lang} bulletin title: {title}"
        );
    }
}

#[test]
fn a_bulletin_tells_its_story_before_its_charts_and_table() {
    for lang in ["vi", "en", "zh", "nb"] {
        let page = bulletin(lang, NGHE_AN);
        let at = |needle: &str| {
            page.find(needle)
                .unwrap_or_else(|| panic!("{lang}: no {needle}"))
        };
        let (lede, cards, story, charts, figures) = (
            at("class=\"lead\""),
            at("class=\"headline\""),
            at("class=\"narrative\""),
            at("class=\"charts\""),
            at("aria-labelledby=\"figures\""),
        );
        assert!(
            lede < cards && cards < story && story < charts && charts < figures,
            "{lang}"
        );
    }
}

/// Visible text of a page: no head, script, embed code or tags.
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    for (open, close) in [("<head>", "</head>")] {
        if let (Some(a), Some(b)) = (rest.find(open), rest.find(close)) {
            text.push_str(&rest[..a]);
            rest = &rest[b + close.len()..];
        }
    }
    text.push_str(rest);
    let mut out = String::new();
    let mut skip_until: Option<&str> = None;
    let mut chars = text.as_str();
    while let Some(lt) = chars.find('<') {
        if skip_until.is_none() {
            out.push_str(&chars[..lt]);
        }
        let gt = chars[lt..].find('>').map_or(chars.len(), |g| lt + g + 1);
        let tag = &chars[lt..gt];
        match skip_until {
            Some(end) if tag.starts_with(end) => skip_until = None,
            None if tag.starts_with("<textarea") => skip_until = Some("</textarea"),
            None if tag.starts_with("<script") => skip_until = Some("</script"),
            None if tag.starts_with("<svg") => skip_until = Some("</svg"),
            _ => {}
        }
        chars = &chars[gt..];
    }
    out.push_str(chars);
    out.replace("&amp;", "&").replace("&nbsp;", "\u{a0}")
}

/// The language part of a chart's element ids.
fn tag_id(lang: &str) -> &str {
    if lang == "zh" {
        "zh-hans"
    } else {
        lang
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
}

#[test]
fn chinese_text_has_no_ascii_spaces_inside_it() {
    let mut found = Vec::new();
    for (path, html) in html_pages() {
        if !path.starts_with("zh/") {
            continue;
        }
        let text: Vec<char> = visible_text(&html).chars().collect();
        for (i, window) in text.windows(3).enumerate() {
            // A space between two Chinese characters, or after Chinese punctuation and
            // before more text on the same line (e.g. "下载： SVG", "。 社会保险").
            let spaced = window[1] == ' '
                && is_cjk(window[0])
                && (is_cjk(window[2])
                    || ("。，：；！？".contains(window[0]) && !window[2].is_whitespace()));
            if spaced {
                let around: String = text[i.saturating_sub(8)..(i + 10).min(text.len())]
                    .iter()
                    .collect();
                found.push(format!("{path}: {around:?}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn each_chart_states_its_main_finding_under_it() {
    let takeaway = |lang: &str, slug: &str| {
        let html = bulletin(lang, slug);
        html.split("<p class=\"takeaway\">")
            .skip(1)
            .map(|s| s[..s.find("</p>").expect("closed")].to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        takeaway("en", NGHE_AN),
        [
            "Every 2024 target is above its 2023 result.",
            "Fastest growth: Unemployment insurance participants, up 3.35% from 2022 to 2023.",
            "Voluntary members made up 29.3% of social insurance participants in 2023.",
        ]
    );
    assert_eq!(
        takeaway("vi", NGHE_AN)[0],
        "Tất cả chỉ tiêu năm 2024 đều cao hơn kết quả năm 2023."
    );
    assert_eq!(takeaway("zh", QUANG_BINH)[0], "完成了2023年目标。");
    assert_eq!(
        takeaway("nb", QUANG_BINH)[2],
        "Frivillige medlemmer utgjorde 34,4\u{a0}% av deltakerne i sosialforsikringen i 2023."
    );
    // A year to date is judged only as far as it goes.
    assert_eq!(
        takeaway("en", DONG_NAI)[0],
        "0 of 3 targets for 2025 reached up to 10 December 2025."
    );
    // The full description stays in the drawing, not under it.
    let en = bulletin("en", QUANG_BINH);
    let desc = "Health insurance coverage of the population: 93%, 0.5 points above target (92.5%).";
    assert!(en.contains(desc));
    let visible = visible_text(&en);
    assert!(!visible.contains(desc), "the description is not body text");
}
