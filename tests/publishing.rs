//! Publishing: the base URL, sitemap, robots.txt, feeds, share metadata and figure downloads,
//! read back from a build of the example into a temp dir and compared with the data.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::Value;

use bantin::plan::PageId;
use bantin::{BuildOptions, Site};
use common::copy_example;

const BASE: &str = "https://example.gov.vn/bao-cao/";
const LANGS: [&str; 4] = ["vi", "en", "zh", "nb"];
const NGHE_AN: &str = "2024-01-18-nghe-an";

/// The example built once, with PNGs, for a site hosted under `/bao-cao/`.
fn built() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_example(dir.path());
        let out = dir.path().join("output");
        bantin::build(&BuildOptions {
            root: dir.path().to_path_buf(),
            output: Some(out.clone()),
            // No final slash: it is added.
            base_url: Some("https://example.gov.vn/bao-cao".into()),
            cache_dir: Some(dir.path().join("cache")),
            ..Default::default()
        })
        .unwrap_or_else(|problems| panic!("the example builds:\n{problems}"));
        (dir, out)
    });
    out
}

fn read(path: &str) -> String {
    fs::read_to_string(built().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The output file an absolute address of the site names (`…/` is its index.html).
fn file_of(url: &str) -> PathBuf {
    let rest = url
        .strip_prefix(BASE)
        .unwrap_or_else(|| panic!("{url} is not under {BASE}"));
    let rest = rest.split('#').next().unwrap_or(rest);
    if rest.is_empty() || rest.ends_with('/') {
        built().join(rest).join("index.html")
    } else {
        built().join(rest)
    }
}

/// An XML element: name, attributes, text and children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attributes: BTreeMap<String, String>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    fn one<'a>(&'a self, name: &'a str) -> &'a Node {
        let mut found = self.all(name);
        let node = found
            .next()
            .unwrap_or_else(|| panic!("no <{name}> in <{}>", self.name));
        assert!(found.next().is_none(), "two <{name}> in <{}>", self.name);
        node
    }

    fn attr(&self, name: &str) -> &str {
        self.attributes
            .get(name)
            .unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
    }
}

/// Parses a whole XML document into its root element.
fn parse_xml(xml: &str) -> Node {
    fn element(e: &quick_xml::events::BytesStart) -> Node {
        Node {
            name: String::from_utf8_lossy(e.name().as_ref()).to_string(),
            attributes: e
                .attributes()
                .map(|a| {
                    let a = a.expect("attribute");
                    (
                        String::from_utf8_lossy(a.key.as_ref()).to_string(),
                        a.unescape_value().expect("value").to_string(),
                    )
                })
                .collect(),
            ..Node::default()
        }
    }
    let mut reader = Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => stack.last_mut().expect("open").children.push(element(&e)),
            Event::Text(t) => stack
                .last_mut()
                .expect("open")
                .text
                .push_str(&t.unescape().expect("text")),
            Event::End(_) => {
                let done = stack.pop().expect("open");
                stack.last_mut().expect("parent").children.push(done);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().expect("document");
    assert_eq!(document.children.len(), 1, "one root element");
    document.children.pop().expect("root")
}

fn bantin(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("bantin runs")
}

// ---------------------------------------------------------------- base URL

#[test]
fn a_bad_base_url_in_site_yaml_is_located_and_the_output_stays() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let out = dir.path().join("output");
    let root = dir.path().to_str().expect("utf-8");
    let first = bantin(&["build", "--root", root, "--no-png"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = fs::read(out.join("en/index.html")).expect("built");

    let site_yaml = dir.path().join("content/site.yaml");
    let text = fs::read_to_string(&site_yaml).expect("read");
    let line = text
        .lines()
        .position(|l| l.starts_with("base-url:"))
        .expect("base-url line")
        + 1;
    for bad in [
        "javascript:alert(1)//",
        "ftp://example.gov.vn/",
        "https://user:secret@example.gov.vn/",
        "https://example.gov.vn/?a=1",
        "/bao-cao/",
    ] {
        let changed = text
            .lines()
            .map(|l| {
                if l.starts_with("base-url:") {
                    format!("base-url: \"{bad}\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        fs::write(&site_yaml, changed).expect("write");
        let result = bantin(&["build", "--root", root, "--no-png"]);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(!result.status.success(), "{bad} was accepted");
        assert!(
            stderr.contains(&format!("content/site.yaml:{line}")),
            "{bad}: not located at line {line}:\n{stderr}"
        );
        assert!(
            !stderr.contains("secret"),
            "the password is echoed:\n{stderr}"
        );
        assert_eq!(fs::read(out.join("en/index.html")).expect("kept"), before);
    }
}

#[test]
fn a_bad_base_url_option_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let root = dir.path().to_str().expect("utf-8");
    let result = bantin(&[
        "build",
        "--root",
        root,
        "--no-png",
        "--base-url",
        "javascript:alert(1)//",
    ]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success());
    assert!(stderr.contains("--base-url"), "{stderr}");
    assert!(stderr.contains("http or https"), "{stderr}");
    assert!(!dir.path().join("output").exists(), "a site was written");
}

#[test]
fn every_absolute_address_is_under_the_base_url_and_names_a_file() {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(built()) {
        let entry = entry.expect("walk");
        let name = entry.path().to_string_lossy().to_string();
        if !(name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".json")) {
            continue;
        }
        let text = fs::read_to_string(entry.path()).expect("read");
        for (i, _) in text.match_indices("https://example.gov.vn") {
            let url: String = text[i..]
                .chars()
                // Inside escaped text (the embed snippets) a quote is `&quot;`.
                .take_while(|c| !matches!(c, '"' | '<' | ' ' | '\\' | '&'))
                .collect();
            assert!(url.starts_with(BASE), "{name}: {url} is not under {BASE}");
            assert!(file_of(&url).is_file(), "{name}: {url} names no file");
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} addresses");
}

// ---------------------------------------------------------------- sitemap and robots.txt

#[test]
fn the_sitemap_lists_every_page_with_its_languages_and_dates() {
    let urlset = parse_xml(&read("sitemap.xml"));
    assert_eq!(urlset.name, "urlset");
    assert_eq!(
        urlset.attr("xmlns"),
        "http://www.sitemaps.org/schemas/sitemap/0.9"
    );
    let mut listed = BTreeSet::new();
    for url in urlset.all("url") {
        let loc = &url.one("loc").text;
        let file = file_of(loc);
        assert!(file.is_file(), "{loc}");
        listed.insert(file.strip_prefix(built()).expect("inside").to_path_buf());
        let alternates: BTreeMap<&str, &str> = url
            .all("xhtml:link")
            .map(|l| (l.attr("hreflang"), l.attr("href")))
            .collect();
        let mut langs: Vec<&str> = alternates.keys().copied().collect();
        langs.sort_unstable();
        assert_eq!(langs, ["en", "nb", "vi", "x-default", "zh-Hans"], "{loc}");
        assert!(
            alternates.values().any(|h| h == loc),
            "{loc} not among its alternates"
        );
    }
    let pages: BTreeSet<PathBuf> = walkdir::WalkDir::new(built())
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(built())
                .expect("inside")
                .to_path_buf()
        })
        .filter(|p| p != Path::new("404.html"))
        .collect();
    assert_eq!(listed, pages, "every page but the 404, once");

    // A bulletin was last changed on its date (never at build time); its x-default is the
    // default language's version.
    let nghe_an = urlset
        .all("url")
        .find(|u| u.one("loc").text == format!("{BASE}en/bulletins/{NGHE_AN}/"))
        .expect("listed");
    assert_eq!(nghe_an.one("lastmod").text, "2024-01-18");
    let x_default = nghe_an
        .all("xhtml:link")
        .find(|l| l.attr("hreflang") == "x-default")
        .expect("x-default");
    assert_eq!(
        x_default.attr("href"),
        format!("{BASE}vi/bulletins/{NGHE_AN}/")
    );
    assert_eq!(
        read("robots.txt").lines().last(),
        Some(format!("Sitemap: {BASE}sitemap.xml").as_str())
    );
}

#[test]
fn a_site_past_the_limit_gets_a_sitemap_index_of_parts() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let site = Site::load(&BuildOptions {
        root: dir.path().to_path_buf(),
        skip_png: true,
        ..Default::default()
    })
    .expect("loads");
    let whole = site.plan().expect("plans");
    let html_pages = whole.pages.iter().filter(|p| p.id.is_html()).count() - 1;
    // Parts of 10 addresses instead of sitemaps.org's 50,000.
    let plan = site.plan_with_sitemap_limit(10).expect("plans");
    let render = |id: &PageId| {
        let page = plan.page(id).unwrap_or_else(|| panic!("{id:?} planned"));
        let files = site.render_page(page).expect("renders");
        String::from_utf8(files[0].bytes.clone()).expect("utf-8")
    };
    let index = parse_xml(&render(&PageId::Sitemap));
    assert_eq!(index.name, "sitemapindex");
    let parts: Vec<&Node> = index.all("sitemap").collect();
    assert_eq!(parts.len(), html_pages.div_ceil(10));
    let mut locs = BTreeSet::new();
    for (n, part) in parts.iter().enumerate() {
        let path = format!("sitemaps/sitemap-{}.xml", n + 1);
        assert_eq!(
            part.one("loc").text,
            format!("https://bantin.example.org/{path}")
        );
        let urlset = parse_xml(&render(&PageId::SitemapPart {
            part: u32::try_from(n + 1).expect("small"),
        }));
        let urls: Vec<&Node> = urlset.all("url").collect();
        assert!(urls.len() <= 10);
        // The part's lastmod is the newest of its pages'.
        let newest = urls
            .iter()
            .filter_map(|u| u.all("lastmod").next())
            .map(|l| l.text.clone())
            .max();
        assert_eq!(part.all("lastmod").next().map(|l| l.text.clone()), newest);
        for url in urls {
            assert!(locs.insert(url.one("loc").text.clone()), "listed twice");
        }
    }
    assert_eq!(locs.len(), html_pages);
}

// ---------------------------------------------------------------- feeds

#[test]
fn each_language_has_a_feed_of_its_bulletins() {
    let site = Site::load(&BuildOptions {
        root: common::root(),
        skip_png: true,
        ..Default::default()
    })
    .expect("loads");
    let bulletins = &site.content.bulletins;
    for lang in LANGS {
        let feed = parse_xml(&read(&format!("{lang}/atom.xml")));
        assert_eq!(feed.name, "feed");
        assert_eq!(feed.attr("xmlns"), "http://www.w3.org/2005/Atom");
        assert_eq!(feed.one("id").text, format!("{BASE}{lang}/atom.xml"));
        let self_link = feed
            .all("link")
            .find(|l| l.attr("rel") == "self")
            .expect("self");
        assert_eq!(self_link.attr("href"), format!("{BASE}{lang}/atom.xml"));
        assert!(!feed.one("author").one("name").text.is_empty());
        let entries: Vec<&Node> = feed.all("entry").collect();
        assert_eq!(entries.len(), bulletins.len(), "{lang}");
        for (entry, bulletin) in entries.iter().zip(bulletins) {
            let url = format!("{BASE}{lang}/bulletins/{}/", bulletin.slug);
            assert_eq!(entry.one("id").text, url);
            assert_eq!(entry.one("link").attr("href"), url);
            assert!(file_of(&url).is_file());
            let date = bulletin.meta.date.to_string();
            assert_eq!(
                entry.one("published").text,
                format!("{date}T00:00:00+07:00")
            );
            let updated = bulletin
                .meta
                .updated
                .unwrap_or(bulletin.meta.date)
                .to_string();
            assert_eq!(
                entry.one("updated").text,
                format!("{updated}T00:00:00+07:00")
            );
            match bulletin.narratives.get(lang) {
                Some(n) => {
                    assert_eq!(entry.one("title").text, n.front.title);
                    assert_eq!(entry.one("summary").text, n.front.summary);
                }
                None => assert!(!entry.one("title").text.is_empty()),
            }
        }
        // The feed was last updated when its newest entry was.
        let newest = entries.iter().map(|e| e.one("updated").text.clone()).max();
        assert_eq!(Some(feed.one("updated").text.clone()), newest);
        // Every page of the language names it for discovery.
        for entry in walkdir::WalkDir::new(built().join(lang)) {
            let entry = entry.expect("walk");
            if entry.path().extension().is_some_and(|x| x == "html") {
                let html = fs::read_to_string(entry.path()).expect("read");
                assert!(
                    html.contains("<link rel=\"alternate\" type=\"application/atom+xml\""),
                    "{}",
                    entry.path().display()
                );
            }
        }
    }
}

// ---------------------------------------------------------------- share metadata

/// `content` of `<meta property|name="key">` in a page, all of them in order.
fn meta(html: &str, key: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["property", "name"] {
        let open = format!("<meta {attribute}=\"{key}\" content=\"");
        for (i, _) in html.match_indices(&open) {
            let rest = &html[i + open.len()..];
            found.push(rest[..rest.find('"').expect("closed")].to_string());
        }
    }
    found
}

fn json_ld(html: &str) -> Value {
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD") + open.len();
    let end = start + html[start..].find("</script>").expect("closed");
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[test]
fn bulletins_carry_share_cards_and_schema_org_data() {
    for (lang, og_locale) in [
        ("vi", "vi_VN"),
        ("en", "en_US"),
        ("zh", "zh_CN"),
        ("nb", "nb_NO"),
    ] {
        let html = read(&format!("{lang}/bulletins/{NGHE_AN}/index.html"));
        let one = |key: &str| {
            let values = meta(&html, key);
            assert_eq!(values.len(), 1, "{lang}: {key} {values:?}");
            values[0].clone()
        };
        assert_eq!(one("og:locale"), og_locale);
        let mut alternates = meta(&html, "og:locale:alternate");
        alternates.sort();
        let mut expected: Vec<&str> = ["en_US", "nb_NO", "vi_VN", "zh_CN"]
            .into_iter()
            .filter(|l| *l != og_locale)
            .collect();
        expected.sort_unstable();
        assert_eq!(alternates, expected);
        let url = format!("{BASE}{lang}/bulletins/{NGHE_AN}/");
        assert_eq!(one("og:url"), url);
        // The card image is the main chart's PNG, with its true size in pixels.
        let image = one("og:image");
        assert!(image.ends_with(".png"), "{image}");
        let png = fs::read(file_of(&image)).expect("the PNG exists");
        let width = u32::from_be_bytes(png[16..20].try_into().expect("4 bytes"));
        let height = u32::from_be_bytes(png[20..24].try_into().expect("4 bytes"));
        assert_eq!(one("og:image:width"), width.to_string());
        assert_eq!(one("og:image:height"), height.to_string());
        assert!(!one("og:image:alt").is_empty());
        assert_eq!(one("twitter:card"), "summary_large_image");
        assert_eq!(one("twitter:image"), image);
        let title = one("og:title");
        let description = one("og:description");
        assert_eq!(
            meta(&html, "description"),
            std::slice::from_ref(&description)
        );

        let data = json_ld(&html);
        assert_eq!(data["@context"], "https://schema.org");
        let graph = data["@graph"].as_array().expect("a graph");
        let of_type = |t: &str| {
            graph
                .iter()
                .find(|n| n["@type"] == t)
                .unwrap_or_else(|| panic!("{lang}: no {t}"))
        };
        let article = of_type("NewsArticle");
        // Attribute values in the page are HTML-escaped; the JSON holds the plain text.
        let unescape = |s: &str| {
            s.replace("&#x27;", "'")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
        };
        assert_eq!(article["headline"], unescape(&title));
        assert_eq!(article["datePublished"], "2024-01-18T00:00:00+07:00");
        assert!(article["dateModified"].is_string());
        assert_eq!(article["url"], url);
        assert!(!article["publisher"]["name"]
            .as_str()
            .expect("a name")
            .is_empty());
        assert_eq!(
            article["inLanguage"],
            if lang == "zh" { "zh-Hans" } else { lang }
        );
        assert_eq!(article["image"][0]["url"], image);
        assert_eq!(article["image"][0]["width"], width);
        let dataset = of_type("Dataset");
        assert!(!dataset["name"].as_str().expect("a name").is_empty());
        assert_eq!(dataset["temporalCoverage"], "2023/2024");
        let formats: BTreeMap<&str, &str> = dataset["distribution"]
            .as_array()
            .expect("distributions")
            .iter()
            .map(|d| {
                let url = d["contentUrl"].as_str().expect("url");
                assert!(file_of(url).is_file(), "{url}");
                (d["encodingFormat"].as_str().expect("format"), url)
            })
            .collect();
        assert_eq!(formats["text/csv"], format!("{url}data.csv"));
        assert_eq!(formats["application/json"], format!("{url}data.json"));
    }
}

// ---------------------------------------------------------------- figure downloads

/// A figure of a data file as a number (`93` or `{value: 5600000, qualifier: over}`).
fn yaml_number(value: &serde_yaml::Value) -> f64 {
    match value {
        serde_yaml::Value::Number(n) => n.as_f64().expect("a number"),
        serde_yaml::Value::Mapping(m) => m
            .get("value")
            .and_then(serde_yaml::Value::as_f64)
            .expect("value"),
        other => panic!("not a figure: {other:?}"),
    }
}

/// `results` and `targets` of a data file of the example.
fn data_file(region: &str, year: i32) -> BTreeMap<(String, String), f64> {
    let text =
        fs::read_to_string(common::root().join(format!("content/data/{region}/{year}.yaml")))
            .expect("read");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("yaml");
    let mut figures = BTreeMap::new();
    for kind in ["results", "targets"] {
        if let Some(map) = yaml.get(kind).and_then(serde_yaml::Value::as_mapping) {
            for (id, value) in map {
                let id = id.as_str().expect("id").to_string();
                figures.insert((kind.to_string(), id), yaml_number(value));
            }
        }
    }
    figures
}

#[test]
fn csv_and_json_downloads_hold_the_data_in_every_language() {
    for lang in LANGS {
        for (folder, years) in [
            (format!("{lang}/bulletins/{NGHE_AN}/"), vec![2023, 2024]),
            (format!("{lang}/regions/nghe-an/"), vec![2022, 2023, 2024]),
        ] {
            let csv_bytes = fs::read(built().join(&folder).join("data.csv")).expect("csv");
            assert!(
                csv_bytes.starts_with(b"\xEF\xBB\xBF"),
                "{folder}: no byte order mark"
            );
            let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
            let header: Vec<String> = reader
                .headers()
                .expect("header")
                .iter()
                .map(String::from)
                .collect();
            assert_eq!(
                header,
                [
                    "indicator",
                    "label",
                    "unit",
                    "unit_label",
                    "currency",
                    "year",
                    "period",
                    "as_of",
                    "result",
                    "qualifier",
                    "rounded_to",
                    "target",
                    "change",
                    "change_pct",
                    "share_of_target",
                    "origin",
                    "source"
                ]
            );
            let mut from_csv = BTreeMap::new();
            for record in reader.records() {
                let record = record.expect("a record");
                let year: i32 = record[5].parse().expect("year");
                // Money says its currency; nothing else has one.
                let money = record[2] == *"vnd";
                assert_eq!(&record[4], if money { "VND" } else { "" }, "{folder}");
                assert!(!record[3].is_empty() && !record[3].starts_with("unit-"));
                for (kind, column) in [("results", 8), ("targets", 11)] {
                    if !record[column].is_empty() {
                        // Machine-readable: a dot before decimals, no grouping.
                        assert!(
                            record[column]
                                .chars()
                                .all(|c| c.is_ascii_digit() || c == '.' || c == '-'),
                            "{folder}: {}",
                            &record[column]
                        );
                        from_csv.insert(
                            (year, kind.to_string(), record[0].to_string()),
                            record[column].parse::<f64>().expect("a number"),
                        );
                    }
                }
                assert!(!record[1].is_empty() && !record[1].starts_with("indicator-"));
            }
            let json: Value = serde_json::from_slice(
                &fs::read(built().join(&folder).join("data.json")).expect("json"),
            )
            .expect("valid JSON");
            assert_eq!(json["region"], "nghe-an");
            let mut from_json = BTreeMap::new();
            for row in json["rows"].as_array().expect("rows") {
                let year = i32::try_from(row["year"].as_i64().expect("year")).expect("year");
                for (kind, key) in [("results", "result"), ("targets", "target")] {
                    if let Some(value) = row[key]["value"].as_f64() {
                        from_json.insert(
                            (
                                year,
                                kind.to_string(),
                                row["indicator"].as_str().expect("id").to_string(),
                            ),
                            value,
                        );
                    }
                }
            }
            assert_eq!(from_csv, from_json, "{folder}: CSV and JSON differ");
            // Every figure typed in the data is there, equal; results and targets of the
            // years the download covers, and no other year.
            let mut typed = BTreeMap::new();
            for year in &years {
                if let Ok(true) =
                    fs::exists(common::root().join(format!("content/data/nghe-an/{year}.yaml")))
                {
                    for ((kind, id), value) in data_file("nghe-an", *year) {
                        typed.insert((*year, kind, id), value);
                    }
                }
            }
            for (key, value) in &typed {
                assert_eq!(from_csv.get(key), Some(value), "{folder}: {key:?}");
            }
            assert!(
                from_csv.keys().all(|(y, _, _)| years.contains(y)),
                "{folder}"
            );
        }
        // The pages link their downloads.
        let page = read(&format!("{lang}/bulletins/{NGHE_AN}/index.html"));
        assert!(
            page.contains("href=\"../../../")
                && page.contains("data.csv\"")
                && page.contains("data.json\"")
        );
    }
}
