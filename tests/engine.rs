//! The build engine: the plan's inputs and reverse index, bulletins frozen at their date,
//! shared chart assets, and paginated lists. Sites are copies of the example in temp dirs.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use bantin::plan::{Input, PageId, Plan};
use bantin::{BuildOptions, Site};
use common::copy_example;

const NGHE_AN: &str = "2024-01-18-nghe-an";
const QUANG_BINH: &str = "2024-01-10-quang-binh";
const LANGS: [&str; 4] = ["vi", "en", "zh", "nb"];

fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    dir
}

fn load(root: &Path) -> Site {
    Site::load(&BuildOptions {
        root: root.to_path_buf(),
        skip_png: true,
        ..Default::default()
    })
    .unwrap_or_else(|problems| panic!("the site loads:\n{problems}"))
}

fn plan_of(site: &Site) -> Plan {
    site.plan().expect("the site plans")
}

/// Pages an input dirties, as their output paths.
fn dirtied(plan: &Plan, input: Input) -> BTreeSet<String> {
    plan.dirtied_by(&input)
        .into_iter()
        .map(PageId::path)
        .collect()
}

fn paths(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn per_lang(pattern: &str) -> Vec<String> {
    LANGS.iter().map(|l| pattern.replace("{lang}", l)).collect()
}

/// The CSV and JSON downloads in `folder` (a pattern with `{lang}`), in every language.
fn downloads(folder: &str) -> Vec<String> {
    ["data.csv", "data.json"]
        .iter()
        .flat_map(|file| per_lang(&format!("{folder}{file}")))
        .collect()
}

fn build_into(root: &Path, out: &Path) {
    bantin::build(&BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        skip_png: true,
        ..Default::default()
    })
    .unwrap_or_else(|problems| panic!("the site builds:\n{problems}"));
}

// ---------------------------------------------------------------- the plan's inputs

#[test]
fn a_data_file_dirties_its_region_its_bulletins_up_to_that_year_and_the_home_comparison() {
    let dir = example();
    let site = load(dir.path());
    let plan = plan_of(&site);
    let got = dirtied(
        &plan,
        Input::Data {
            region: "nghe-an".into(),
            year: 2023,
        },
    );
    let mut expected: BTreeSet<String> = BTreeSet::new();
    expected.extend(per_lang("{lang}/regions/nghe-an/index.html"));
    expected.extend(per_lang(&format!(
        "{{lang}}/bulletins/{NGHE_AN}/index.html"
    )));
    expected.extend(per_lang("{lang}/index.html"));
    // The figure downloads of the region and of the bulletin.
    expected.extend(downloads("{lang}/regions/nghe-an/"));
    expected.extend(downloads(&format!("{{lang}}/bulletins/{NGHE_AN}/")));
    assert_eq!(got, expected);
    // Another region's bulletin never reads Nghệ An's data.
    assert!(!got.iter().any(|p| p.contains(QUANG_BINH)));
}

#[test]
fn a_narrative_dirties_its_page_and_the_lists_that_show_its_title() {
    let dir = example();
    let plan = plan_of(&load(dir.path()));
    let got = dirtied(
        &plan,
        Input::Narrative {
            slug: NGHE_AN.into(),
            lang: "zh".into(),
        },
    );
    assert_eq!(
        got,
        paths(&[
            "zh/atom.xml",
            "zh/bulletins/2024-01-18-nghe-an/data.csv",
            "zh/bulletins/2024-01-18-nghe-an/data.json",
            "zh/bulletins/2024-01-18-nghe-an/index.html",
            "zh/index.html",
            "zh/regions/nghe-an/index.html",
        ])
    );
}

#[test]
fn the_source_narrative_dirties_the_pages_of_its_translations() {
    let dir = example();
    let plan = plan_of(&load(dir.path()));
    let got = dirtied(
        &plan,
        Input::Narrative {
            slug: NGHE_AN.into(),
            lang: "vi".into(),
        },
    );
    // Its own page, lists and downloads, as for any narrative, and each translation's page,
    // which says whether it still matches the source; not the translations' downloads.
    let mut expected = paths(&[
        "vi/atom.xml",
        "vi/bulletins/2024-01-18-nghe-an/data.csv",
        "vi/bulletins/2024-01-18-nghe-an/data.json",
        "vi/index.html",
        "vi/regions/nghe-an/index.html",
    ]);
    expected.extend(per_lang(&format!(
        "{{lang}}/bulletins/{NGHE_AN}/index.html"
    )));
    assert_eq!(got, expected);
}

#[test]
fn bulletin_settings_and_the_bulletin_list() {
    let dir = example();
    let plan = plan_of(&load(dir.path()));
    let got = dirtied(
        &plan,
        Input::Bulletin {
            slug: QUANG_BINH.into(),
        },
    );
    let mut expected: BTreeSet<String> = BTreeSet::new();
    expected.extend(per_lang(&format!(
        "{{lang}}/bulletins/{QUANG_BINH}/index.html"
    )));
    expected.extend(per_lang("{lang}/index.html"));
    expected.extend(per_lang("{lang}/regions/quang-binh/index.html"));
    expected.extend(downloads(&format!("{{lang}}/bulletins/{QUANG_BINH}/")));
    // Its title in each feed, its date in the sitemap.
    expected.extend(per_lang("{lang}/atom.xml"));
    expected.insert("sitemap.xml".into());
    assert_eq!(got, expected);
    // Which bulletins exist (and their order) is read by every list, and only by them.
    let lists = dirtied(&plan, Input::BulletinList);
    assert!(lists.iter().all(|p| !p.contains("/bulletins/")));
    let mut expected: BTreeSet<String> = BTreeSet::new();
    expected.extend(per_lang("{lang}/index.html"));
    expected.extend(per_lang("{lang}/atom.xml"));
    for region in ["an-giang", "dong-nai", "nghe-an", "quang-binh", "viet-nam"] {
        expected.extend(per_lang(&format!("{{lang}}/regions/{region}/index.html")));
    }
    expected.insert("sitemap.xml".into());
    assert_eq!(
        lists, expected,
        "homes, region pages, feeds and the sitemap"
    );
}

#[test]
fn a_locale_dirties_its_language_and_the_reference_dirties_every_language() {
    let dir = example();
    let plan = plan_of(&load(dir.path()));
    let nb = dirtied(&plan, Input::Locale { lang: "nb".into() });
    // nb pages, and the chooser and 404 pages that name every language.
    assert!(nb
        .iter()
        .all(|p| p.starts_with("nb/") || p == "index.html" || p == "404.html"));
    // Home, bulletins, regions, their CSV and JSON, the feed; chooser and 404.
    assert_eq!(nb.len(), 1 + 5 + 5 + 2 * (5 + 5) + 1 + 2);
    // en is the fallback of every other language.
    let en = dirtied(&plan, Input::Locale { lang: "en".into() });
    let with_words = plan
        .pages
        .iter()
        .filter(|p| !matches!(p.id, PageId::Sitemap | PageId::Robots))
        .count();
    assert_eq!(
        en.len(),
        with_words,
        "every page but the sitemap and robots.txt"
    );
}

#[test]
fn a_template_dirties_the_pages_that_use_it_or_a_template_it_builds_on() {
    let dir = example();
    let plan = plan_of(&load(dir.path()));
    let bulletin = dirtied(
        &plan,
        Input::Template {
            name: "bulletin.html".into(),
        },
    );
    assert_eq!(bulletin.len(), 4 * 5);
    assert!(bulletin.iter().all(|p| p.contains("/bulletins/")));
    // base.html is extended by every page in a language; macros.html imported by them too.
    let base = dirtied(
        &plan,
        Input::Template {
            name: "base.html".into(),
        },
    );
    assert_eq!(base.len(), 4 * (1 + 5 + 5));
    let chooser = dirtied(
        &plan,
        Input::Template {
            name: "chooser.html".into(),
        },
    );
    assert_eq!(chooser, paths(&["index.html"]));
}

#[test]
fn catalogues_dirty_every_page_in_a_language_and_a_new_year_only_what_lists_it() {
    let dir = example();
    let plan = plan_of(&load(dir.path()));
    let indicators = dirtied(&plan, Input::Indicators);
    // Homes, bulletins and regions, and their figure downloads (CSV and JSON).
    assert_eq!(indicators.len(), 4 * (1 + 5 + 5) + 4 * 2 * (5 + 5));
    let years = dirtied(
        &plan,
        Input::DataList {
            region: "nghe-an".into(),
        },
    );
    let mut expected: BTreeSet<String> = BTreeSet::new();
    expected.extend(per_lang("{lang}/regions/nghe-an/index.html"));
    expected.extend(per_lang(&format!(
        "{{lang}}/bulletins/{NGHE_AN}/index.html"
    )));
    expected.extend(per_lang("{lang}/index.html"));
    expected.extend(downloads("{lang}/regions/nghe-an/"));
    expected.extend(downloads(&format!("{{lang}}/bulletins/{NGHE_AN}/")));
    expected.insert("sitemap.xml".into());
    assert_eq!(years, expected);
    // A data file the site does not have dirties nothing by itself.
    assert!(dirtied(
        &plan,
        Input::Data {
            region: "nghe-an".into(),
            year: 2031
        }
    )
    .is_empty());
}

#[test]
fn a_bulletin_page_reads_no_data_after_its_years() {
    let dir = example();
    fs::write(
        dir.path().join("content/data/nghe-an/2025.yaml"),
        "as-of: 2025-12-31\nresults:\n  hi-coverage: 95\n",
    )
    .expect("write");
    let plan = plan_of(&load(dir.path()));
    let page = plan
        .page(&PageId::Bulletin {
            lang: "en".into(),
            slug: NGHE_AN.into(),
        })
        .expect("planned");
    let data_years: Vec<i32> = plan
        .inputs_of(page)
        .filter_map(|i| match i {
            Input::Data { year, .. } => Some(*year),
            _ => None,
        })
        .collect();
    assert_eq!(data_years, [2022, 2023, 2024]);
    // The static stylesheet is planned as a file of its own.
    assert!(plan.statics.iter().any(|s| s.path == "style.css"));
}

// ---------------------------------------------------------------- frozen bulletins

/// Every file a bulletin's pages show: the pages and the chart files they link.
fn bulletin_files(out: &Path, slug: &str) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for lang in LANGS {
        let page = format!("{lang}/bulletins/{slug}/index.html");
        let html = fs::read_to_string(out.join(&page)).expect("bulletin page");
        for href in html
            .split("href=\"")
            .skip(1)
            .filter_map(|r| r.split('"').next())
        {
            if href.contains("/charts/") {
                let file = normalize(&out.join(&page).parent().expect("folder").join(href));
                let bytes = fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                files.insert(
                    file.strip_prefix(out)
                        .expect("inside")
                        .display()
                        .to_string(),
                    bytes,
                );
            }
        }
        files.insert(page.clone(), html.into_bytes());
    }
    files
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[test]
fn later_data_and_later_bulletins_leave_earlier_bulletins_byte_identical() {
    let dir = example();
    let site = dir.path().join("site");
    copy_example(&site);
    let before = dir.path().join("before");
    build_into(&site, &before);

    // The 2024 results arrive, then 2025's, and the next conference publishes a bulletin.
    let data = site.join("content/data/nghe-an");
    let targets_2024 = fs::read_to_string(data.join("2024.yaml")).expect("read");
    fs::write(
        data.join("2024.yaml"),
        format!(
            "as-of: 2024-12-31\nresults:\n  si-participants: 401000\n  si-voluntary-participants: 118000\n  hi-participants: 2950000\n  hi-coverage: 94.2\n  ui-participants: 260000\n  si-labour-force-share: 25.9\n{targets_2024}"
        ),
    )
    .expect("write 2024");
    fs::write(
        data.join("2025.yaml"),
        "as-of: 2025-12-31\nresults:\n  si-participants: 420000\n  hi-participants: 3000000\n  hi-coverage: 95\n  ui-participants: 270000\ntargets:\n  hi-coverage: 95.5\n",
    )
    .expect("write 2025");
    let later = site.join("content/bulletins/2025-01-20-nghe-an");
    fs::create_dir_all(&later).expect("mkdir");
    fs::write(
        later.join("bulletin.yaml"),
        "region: nghe-an\ndate: 2025-01-20\nresults-year: 2024\ntargets-year: 2025\nheadline: [hi-participants, hi-coverage]\n",
    )
    .expect("write bulletin");
    let after = dir.path().join("after");
    build_into(&site, &after);

    for slug in [NGHE_AN, QUANG_BINH] {
        let (old, new) = (bulletin_files(&before, slug), bulletin_files(&after, slug));
        assert_eq!(
            old.keys().collect::<Vec<_>>(),
            new.keys().collect::<Vec<_>>(),
            "{slug}: same files"
        );
        for (path, bytes) in &old {
            assert!(
                new[path] == *bytes,
                "{path} changed after later data arrived"
            );
        }
    }
    // The region page does show the latest: the test would notice nothing frozen otherwise.
    let region = "en/regions/nghe-an/index.html";
    let (old, new) = (
        fs::read_to_string(before.join(region)).expect("old"),
        fs::read_to_string(after.join(region)).expect("new"),
    );
    assert!(!old.contains("2,950,000") && new.contains("2,950,000"));
    // And the new bulletin charts its own years.
    let new_bulletin = bulletin_files(&after, "2025-01-20-nghe-an");
    assert!(new_bulletin
        .iter()
        .any(|(p, b)| p.contains("participants-trend")
            && String::from_utf8_lossy(b).contains("2024")));
}

// ---------------------------------------------------------------- shared chart assets

#[test]
fn each_distinct_chart_is_one_file_that_every_page_showing_it_links() {
    let dir = example();
    let site = dir.path().join("site");
    copy_example(&site);
    let out = dir.path().join("out");
    build_into(&site, &out);
    let mut linked: BTreeSet<PathBuf> = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "html") {
            let html = fs::read_to_string(entry.path()).expect("page");
            for href in html
                .split("href=\"")
                .skip(1)
                .filter_map(|r| r.split('"').next())
            {
                // Chart files only: the site's icon is an SVG too.
                if href.ends_with(".svg") && href.contains("/charts/") {
                    let file = normalize(&entry.path().parent().expect("folder").join(href));
                    assert!(
                        file.exists(),
                        "{} links a missing {href}",
                        entry.path().display()
                    );
                    linked.insert(file);
                }
            }
        }
    }
    let written: BTreeSet<PathBuf> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "svg"))
        .filter(|e| e.path().components().any(|c| c.as_os_str() == "charts"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert_eq!(
        linked, written,
        "every chart file is linked, every link written"
    );
    // Distinct content, distinct file: no two chart files hold the same bytes.
    let contents: BTreeSet<Vec<u8>> = written.iter().map(|f| fs::read(f).expect("svg")).collect();
    assert_eq!(contents.len(), written.len());
}

// ---------------------------------------------------------------- paginated lists

#[test]
fn long_lists_are_paginated_with_stable_urls() {
    let dir = example();
    let site = dir.path().join("site");
    copy_example(&site);
    // 45 more Nghệ An bulletins: 50 in all, so three pages of 20 on the home page.
    for day in 1..=45u32 {
        let date = format!("2023-{:02}-{:02}", 1 + (day - 1) / 28, 1 + (day - 1) % 28);
        let folder = site.join(format!("content/bulletins/{date}-nghe-an"));
        fs::create_dir_all(&folder).expect("mkdir");
        fs::write(
            folder.join("bulletin.yaml"),
            format!("region: nghe-an\ndate: {date}\nresults-year: 2022\n"),
        )
        .expect("write");
    }
    let loaded = load(&site);
    let plan = plan_of(&loaded);
    let homes: Vec<String> = plan
        .pages
        .iter()
        .filter(|p| matches!(&p.id, PageId::Home { lang, .. } if lang == "en"))
        .map(|p| p.id.path())
        .collect();
    assert_eq!(
        homes,
        [
            "en/index.html",
            "en/page/2/index.html",
            "en/page/3/index.html"
        ]
    );
    let out = dir.path().join("out");
    build_into(&site, &out);
    let count = |page: &str| {
        fs::read_to_string(out.join(page))
            .expect(page)
            .matches("<article>")
            .count()
    };
    assert_eq!(count("en/index.html"), 20);
    assert_eq!(count("en/page/2/index.html"), 20);
    assert_eq!(count("en/page/3/index.html"), 10);
    // Nghệ An has 46 bulletins: its region page lists 20 and links the next page.
    assert_eq!(count("en/regions/nghe-an/index.html"), 20);
    assert_eq!(count("en/regions/nghe-an/page/3/index.html"), 6);
    let second = fs::read_to_string(out.join("vi/page/2/index.html")).expect("page 2");
    assert!(
        second.contains("href=\"../../../vi/index.html\" rel=\"prev\""),
        "{second}"
    );
    assert!(second.contains("href=\"../../../vi/page/3/index.html\" rel=\"next\""));
    assert!(second.contains("Trang 2/3"));
    // Later pages continue the list alone: no charts, no region list.
    assert!(!second.contains("<figure"));
    let first = fs::read_to_string(out.join("nb/index.html")).expect("page 1");
    assert!(first.contains("Side 1 av 3") && !first.contains("rel=\"prev\""));
}

// ---------------------------------------------------------------- the PNG stage

/// The chart PNGs of a built site (not the site's own images, such as its touch icon).
fn pngs_in(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "png"))
        .filter(|e| e.path().components().any(|c| c.as_os_str() == "charts"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn warm_builds_link_verified_pngs_from_the_cache_and_redraw_damaged_ones() {
    use std::os::unix::fs::MetadataExt;
    let dir = example();
    let site = dir.path().join("site");
    copy_example(&site);
    let cache = dir.path().join("cache");
    let build = |out: &str| {
        let out = dir.path().join(out);
        bantin::build(&BuildOptions {
            root: site.clone(),
            output: Some(out.clone()),
            cache_dir: Some(cache.clone()),
            ..Default::default()
        })
        .unwrap_or_else(|problems| panic!("builds:\n{problems}"));
        out
    };
    let cold = build("cold");
    let cold_pngs = pngs_in(&cold);
    assert_eq!(
        cold_pngs.len(),
        44,
        "one PNG per distinct chart: 11 in each language"
    );
    let warm = build("warm");
    for png in pngs_in(&warm) {
        let meta = fs::metadata(&png).expect("png");
        assert!(
            meta.nlink() >= 2,
            "{} is linked from the cache",
            png.display()
        );
        let same = warm.join(png.strip_prefix(&warm).expect("inside"));
        let cold_twin = cold.join(same.strip_prefix(&warm).expect("inside"));
        assert_eq!(
            fs::read(&png).expect("png"),
            fs::read(cold_twin).expect("cold png")
        );
    }
    // Damage every cache entry: the next build draws them again rather than publish them.
    for entry in pngs_in(&cache) {
        fs::write(&entry, b"not a png").expect("damage");
    }
    let again = build("again");
    for png in pngs_in(&again) {
        let bytes = fs::read(&png).expect("png");
        resvg::tiny_skia::Pixmap::decode_png(&bytes)
            .unwrap_or_else(|e| panic!("{} decodes: {e}", png.display()));
    }
}
