//! What real bulletins state, as a reader of each language sees it: "nearly" figures, figures
//! the source rounded without a hedge, and changes only between periods that compare.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::minimal_site;

const SLUG: &str = "2024-01-18-nghe-an";
const DATA: &str = "content/data/nghe-an/2023.yaml";

/// The minimal site with `change` applied to its files, built without PNGs.
struct Built {
    _dir: tempfile::TempDir,
    site: PathBuf,
    out: PathBuf,
}

impl Built {
    fn new(change: impl FnOnce(&Path)) -> Built {
        Built::with(change, false)
    }

    fn with(change: impl FnOnce(&Path), drafts: bool) -> Built {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("site");
        minimal_site(&site);
        change(&site);
        let out = dir.path().join("out");
        let options = bantin::BuildOptions {
            root: site.clone(),
            output: Some(out.clone()),
            skip_png: true,
            drafts,
            ..Default::default()
        };
        if let Err(problems) = bantin::build(&options) {
            panic!("the site must build:\n{problems}");
        }
        Built {
            _dir: dir,
            site,
            out,
        }
    }

    fn bulletin(&self, lang: &str) -> String {
        let path = self.out.join(format!("{lang}/bulletins/{SLUG}/index.html"));
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Replaces `from` by `to` in the site's file at `path`, which must contain it.
fn edit(site: &Path, path: &str, from: &str, to: &str) {
    let file = site.join(path);
    let text = fs::read_to_string(&file).expect("read");
    assert!(text.contains(from), "{path} has no `{from}`");
    fs::write(&file, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn nearly_and_rounded_figures_read_as_the_source_wrote_them() {
    let built = Built::new(|site| {
        edit(
            site,
            DATA,
            "hi-visits: {value: 5600000, qualifier: over}",
            "hi-visits: {value: 5600000, qualifier: nearly}",
        );
        edit(
            site,
            DATA,
            "hi-participants: 2911787",
            "hi-participants: {value: 2910000, rounded-to: 10000}",
        );
    });
    for (lang, nearly, rounded) in [
        ("vi", "gần 5,6\u{a0}triệu", "2,91\u{a0}triệu"),
        ("en", "nearly 5.6 million", "2.91 million"),
        ("zh", "近560万", "291万"),
        ("nb", "nesten 5,6\u{a0}millioner", "2,91\u{a0}millioner"),
    ] {
        let page = built.bulletin(lang);
        assert!(page.contains(nearly), "{lang}: no `{nearly}`");
        assert!(page.contains(rounded), "{lang}: no `{rounded}`");
        // No hedge the source did not make.
        for hedge in ["khoảng 2,91", "about 2.91", "约291万", "om lag 2,91"] {
            assert!(!page.contains(hedge), "{lang}: `{hedge}`");
        }
    }
    assert!(built.site.join(DATA).is_file());
}

/// A 2022 file for the minimal site: Nghệ An's health insurance at `as_of`.
fn year_2022(site: &Path, as_of: &str, participants: u64) {
    fs::write(
        site.join("content/data/nghe-an/2022.yaml"),
        format!("as-of: {as_of}\nresults:\n  hi-participants: {participants}\n"),
    )
    .expect("write 2022");
}

#[test]
fn no_change_is_computed_between_a_mid_year_status_and_a_full_year() {
    // A status at 30 June 2022, then the whole of 2023: (2,911,787 − 2,780,000) / 2,780,000
    // would be "up 4.74 %", where the source states 1.18 % on the end of 2022.
    let built = Built::new(|site| year_2022(site, "2022-06-30", 2_780_000));
    let en = built.bulletin("en");
    assert!(!en.contains("4.74"), "a change across periods was computed");
    assert!(en.contains("1.18"), "the stated change is shown");

    let found = bantin::check::run(&bantin::check::CheckOptions {
        root: built.site.clone(),
        output: None,
        allow_outside: false,
    });
    let warning = found
        .0
        .iter()
        .find(|d| d.message.starts_with("no change on 2022 is computed"))
        .unwrap_or_else(|| panic!("check explains the missing change:\n{found}"));
    assert_eq!(warning.path, Path::new(DATA));
    assert_eq!(warning.line, Some(1), "at `as-of`: {warning}");
    assert!(
        warning.message.contains("`hi-participants`")
            && warning.message.contains("2023 covers the whole year")
            && warning.message.contains("2022 up to 30 June"),
        "{warning}"
    );
    // The stated change is not checked against the status of 30 June either.
    assert!(
        !found.0.iter().any(|d| d.message.contains("change-pct")),
        "{found}"
    );
}

#[test]
fn a_change_is_computed_between_two_year_ends() {
    let built = Built::new(|site| year_2022(site, "2022-12-31", 2_780_000));
    assert!(
        built.bulletin("en").contains("4.74"),
        "the change is computed"
    );
}

/// Adds a paragraph to the bulletin's narrative in each language.
fn cite_in_every_language(site: &Path, paragraph: &str) {
    for lang in ["vi", "en", "zh", "nb"] {
        let file = site.join(format!("content/bulletins/{SLUG}/{lang}.md"));
        let mut text = fs::read_to_string(&file).expect("read");
        text.push_str(&format!("\n{paragraph}\n"));
        fs::write(&file, text).expect("write");
    }
}

#[test]
fn changes_over_many_years_read_natively() {
    let built = Built::new(|site| {
        fs::write(
            site.join("content/data/nghe-an/2010.yaml"),
            "as-of: 2010-12-31\nresults:\n  hi-participants: 1164715\n",
        )
        .expect("write 2010");
        cite_in_every_language(
            site,
            "Since 2010: [{{ fig(id=\"hi-participants\", of=\"times\", since=2010) }}] \
             [{{ fig(id=\"hi-participants\", of=\"change-pct\", since=2010) }}]",
        );
        let meta = site.join(format!("content/bulletins/{SLUG}/bulletin.yaml"));
        let mut text = fs::read_to_string(&meta).expect("read");
        text.push_str("since: [2010]\n");
        fs::write(&meta, text).expect("write");
    });
    for (lang, times, pct) in [
        ("vi", "gấp 2,5 lần", "tăng 150%"),
        ("en", "2.5 times", "up 150%"),
        ("zh", "2.5倍", "增长150%"),
        ("nb", "2,5 ganger", "opp 150\u{a0}%"),
    ] {
        let page = built.bulletin(lang);
        assert!(page.contains(&format!("[{times}]")), "{lang}: no `{times}`");
        assert!(page.contains(&format!("[{pct}]")), "{lang}: no `{pct}`");
    }
    // The results table compares with 2010 too, where the bulletin asks for it.
    let en = built.bulletin("en");
    let caption = en
        .find("<caption>Nghệ An: results for 2023, changes and targets")
        .expect("the results table");
    let table = &en[caption
        ..en[caption..]
            .find("</table>")
            .map_or(en.len(), |e| caption + e)];
    assert!(
        table.contains("<th scope=\"col\">Change since 2010</th>"),
        "{table}"
    );
    let row = &table[table
        .find(">Health insurance participants<")
        .expect("the row")..];
    let row = &row[..row.find("</tr>").expect("row end")];
    assert!(row.contains(">+150%<"), "{row}");
}

#[test]
fn a_change_over_years_needs_figures_that_compare() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    minimal_site(&site);
    fs::write(
        site.join("content/data/nghe-an/2010.yaml"),
        "as-of: 2010-06-30\nresults:\n  hi-participants: 1164715\n",
    )
    .expect("write 2010");
    cite_in_every_language(
        &site,
        "{{ fig(id=\"hi-participants\", of=\"times\", since=2010) }}",
    );
    let options = bantin::BuildOptions {
        root: site.clone(),
        output: Some(dir.path().join("out")),
        skip_png: true,
        ..Default::default()
    };
    let problems = bantin::build(&options).expect_err("a span across periods that differ");
    let error = &problems.0[0];
    assert!(
        error
            .message
            .contains("no change of `hi-participants` since 2010")
            && error.message.contains("up to 30 June"),
        "{error}"
    );
    assert_eq!(error.line, Some(10), "{error}");
}

/// Appends `text` to a file of the site.
fn append(site: &Path, path: &str, text: &str) {
    let file = site.join(path);
    let mut all = fs::read_to_string(&file).expect("read");
    all.push_str(text);
    fs::write(&file, all).expect("write");
}

/// Two plans that set Nghệ An's 2023 health-insurance coverage target: a government
/// decision (with its address) and a provincial resolution with a later deadline.
fn two_targets(site: &Path) {
    append(
        site,
        "content/site.yaml",
        "sources:\n  decision-546: {url: \"https://vbpl.example.vn/546\"}\n  resolution-nghe-an-15: {}\n",
    );
    for (lang, decision, resolution) in [
        ("vi", "Quyết định 546", "Nghị quyết 15-NQ/TU"),
        ("en", "Decision 546", "Resolution 15-NQ/TU"),
        ("zh", "第546号决定", "第15-NQ/TU号决议"),
        ("nb", "vedtak 546", "resolusjon 15-NQ/TU"),
    ] {
        append(
            site,
            &format!("locales/{lang}/sources.ftl"),
            &format!(
                "source-decision-546 = {decision}\nsource-resolution-nghe-an-15 = {resolution}\n"
            ),
        );
    }
    edit(
        site,
        DATA,
        "targets:\n",
        "targets:\n  hi-coverage:\n    - {value: 92.5, source: decision-546}\n    - {value: 95, source: resolution-nghe-an-15, by: 2025}\n",
    );
    edit(
        site,
        DATA,
        "  hi-participants: 2911787",
        "  hi-participants: {value: 2911787, source: \"https://baonghean.vn/bhyt-2023\"}",
    );
    append(
        site,
        DATA,
        "sources: [\"https://baonghean.vn/hoi-nghi-2024\"]\n",
    );
}

#[test]
fn a_figure_measured_against_two_plans_shows_each() {
    let built = Built::new(two_targets);
    for (lang, targets, reached) in [
        (
            "en",
            "92.5% (Decision 546); 95% by 2025 (Resolution 15-NQ/TU)",
            "+0.5 points; -2 points",
        ),
        (
            "vi",
            "92,5% (Quyết định 546); 95% vào năm 2025 (Nghị quyết 15-NQ/TU)",
            "+0,5\u{a0}điểm phần trăm; -2\u{a0}điểm phần trăm",
        ),
        (
            "zh",
            "92.5%（第546号决定）；2025年前95%（第15-NQ/TU号决议）",
            "+0.5个百分点；-2个百分点",
        ),
        (
            "nb",
            "92,5\u{a0}% (vedtak 546); 95\u{a0}% innen 2025 (resolusjon 15-NQ/TU)",
            "+0,5\u{a0}prosentpoeng; −2\u{a0}prosentpoeng",
        ),
    ] {
        let page = built.bulletin(lang);
        assert!(
            page.contains(&format!("<span>{targets}</span></td>")),
            "{lang}: no `{targets}`"
        );
        let around = page
            .find(targets)
            .map(|at| page[at..].chars().take(200).collect::<String>())
            .unwrap_or_default();
        assert!(
            page.contains(&format!("<span>{reached}</span></td>")),
            "{lang}: no `{reached}` after {around}"
        );
    }
    let en = built.bulletin("en");
    // Every source, in the table's notes; the decision and the article linked.
    for source in [
        "<a href=\"https://baonghean.vn/hoi-nghi-2024\" rel=\"external\">baonghean.vn</a>",
        "<a href=\"https://vbpl.example.vn/546\" rel=\"external\">Decision 546</a>",
        "Resolution 15-NQ/TU",
    ] {
        assert!(en.contains(source), "no `{source}`");
    }
    // A figure's own source, beside it.
    assert!(
        en.contains("<span class=\"note\">Source: <a href=\"https://baonghean.vn/bhyt-2023\""),
        "the row names its figure's source"
    );
    // The chart draws the primary target and names its plan.
    let chart = fs::read_dir(built.out.join("en/charts"))
        .expect("charts")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.to_string_lossy().contains("result-vs-target")
                && p.extension().is_some_and(|x| x == "svg")
        })
        .expect("a result-vs-target chart");
    let svg = fs::read_to_string(chart).expect("read");
    assert!(
        svg.contains("Target 2023 (Decision 546)"),
        "the legend names the plan"
    );
    // The downloads carry the sources.
    let csv =
        fs::read_to_string(built.out.join(format!("en/bulletins/{SLUG}/data.csv"))).expect("csv");
    let row = csv
        .lines()
        .find(|l| l.starts_with("hi-coverage,") && l.contains(",2023,"))
        .expect("the 2023 coverage row");
    assert!(
        row.contains(
            "https://vbpl.example.vn/546 resolution-nghe-an-15 https://baonghean.vn/hoi-nghi-2024"
        ),
        "{row}"
    );
}

#[test]
fn a_draft_says_so_and_asks_not_to_be_indexed() {
    let draft = |site: &Path| {
        append(
            site,
            &format!("content/bulletins/{SLUG}/bulletin.yaml"),
            "draft: true\n",
        )
    };
    let built = Built::with(draft, true);
    for (lang, banner) in [
        ("vi", "Bản nháp: chưa xuất bản."),
        ("en", "Draft: not yet published."),
        ("zh", "草稿：尚未发布。"),
        ("nb", "Utkast: ikke publisert ennå."),
    ] {
        let page = built.bulletin(lang);
        assert!(page.contains(banner), "{lang}: no banner");
        assert!(
            page.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{lang}"
        );
    }
    let sitemap = fs::read_to_string(built.out.join("sitemap.xml")).expect("sitemap");
    assert!(!sitemap.contains(SLUG), "a draft is not in the sitemap");

    // Published, the same bulletin has neither.
    let published = Built::new(|_| {});
    let page = published.bulletin("en");
    assert!(!page.contains("Draft:") && !page.contains("noindex"));
    let sitemap = fs::read_to_string(published.out.join("sitemap.xml")).expect("sitemap");
    assert!(sitemap.contains(SLUG));
}

/// A national report whose money is in dollars, and a survey share of respondents.
fn national_report_in_dollars(site: &Path) {
    edit(
        site,
        "content/indicators.yaml",
        "units:\n",
        "units:\n  usd: {kind: money, currency: USD}\n  pct-respondents: {kind: share, of: respondents}\n",
    );
    let catalogue = site.join("content/indicators.yaml");
    let mut text = fs::read_to_string(&catalogue).expect("read");
    text.push_str("  hi-satisfaction: {unit: pct-respondents, group: health-insurance}\n");
    text.push_str("  fdi-contributions: {unit: usd, group: finance}\n");
    fs::write(&catalogue, text).expect("write");
    for (lang, label) in [
        ("vi", "Mức độ hài lòng của người tham gia bảo hiểm y tế"),
        ("en", "Satisfaction of health insurance participants"),
        ("zh", "医保参保人满意度"),
        ("nb", "Tilfredshet blant de helseforsikrede"),
    ] {
        let file = site.join(format!("locales/{lang}/indicators.ftl"));
        let mut text = fs::read_to_string(&file).expect("read");
        text.push_str(&format!("indicator-hi-satisfaction = {label}\n"));
        text.push_str("indicator-fdi-contributions = FDI\n");
        fs::write(&file, text).expect("write");
    }
    let data = site.join("content/data/viet-nam");
    fs::create_dir_all(&data).expect("mkdir");
    fs::write(
        data.join("2022.yaml"),
        "results:\n  revenue: 500000000000000\n  fdi-contributions: 1000000000\n",
    )
    .expect("write 2022");
    fs::write(
        data.join("2023.yaml"),
        "as-of: 2023-12-31\nresults:\n  revenue: {value: 21400000000, currency: USD}\n  \
         hi-satisfaction: {value: 85, qualifier: over}\n  fdi-contributions: 2500000000\n\
         targets:\n  revenue: 520000000000000\n",
    )
    .expect("write 2023");
    let bulletin = site.join("content/bulletins/2024-01-20-viet-nam");
    fs::create_dir_all(&bulletin).expect("mkdir");
    fs::write(
        bulletin.join("bulletin.yaml"),
        "region: viet-nam\ndate: 2024-01-20\nresults-year: 2023\n",
    )
    .expect("write bulletin");
    for lang in ["vi", "en", "zh", "nb"] {
        fs::write(
            bulletin.join(format!("{lang}.md")),
            "---\ntitle: \"2023\"\n---\n\n{{ fig(id=\"revenue\") }}; \
             {{ fig(id=\"hi-satisfaction\") }}; {{ fig(id=\"fdi-contributions\", of=\"change\") }}.\n",
        )
        .expect("write narrative");
    }
}

#[test]
fn money_reads_in_its_currency_and_a_survey_share_as_a_share_of_respondents() {
    let built = Built::new(national_report_in_dollars);
    for (lang, revenue, satisfied, change) in [
        ("vi", "21,4\u{a0}tỷ USD", "hơn 85%", "+1,5\u{a0}tỷ USD"),
        ("en", "21.4 billion USD", "over 85%", "+1.5 billion USD"),
        ("zh", "214亿美元", "超过85%", "+15亿美元"),
        (
            "nb",
            "21,4\u{a0}milliarder dollar",
            "over 85\u{a0}%",
            "+1,5\u{a0}milliarder dollar",
        ),
    ] {
        let path = built
            .out
            .join(format!("{lang}/bulletins/2024-01-20-viet-nam/index.html"));
        let page = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for expected in [revenue, satisfied, change] {
            assert!(page.contains(expected), "{lang}: no `{expected}`");
        }
    }
    let csv = fs::read_to_string(built.out.join("en/bulletins/2024-01-20-viet-nam/data.csv"))
        .expect("csv");
    let header = csv.lines().next().expect("header");
    assert!(header.contains("unit,unit_label,currency,"), "{header}");
    let revenue = csv
        .lines()
        .find(|l| l.starts_with("revenue,") && l.contains(",2023,"))
        .expect("a revenue row");
    assert!(
        revenue.contains(",vnd,Vietnamese đồng (VND),USD,2023,"),
        "{revenue}"
    );
    // The target is in đồng: neither change (2022 in đồng) nor share of target is computed.
    assert!(
        revenue.contains(",21400000000,exact,,520000000000000,,,,result:data target:data,"),
        "{revenue}"
    );
    let satisfaction = csv
        .lines()
        .find(|l| l.starts_with("hi-satisfaction,"))
        .expect("a satisfaction row");
    assert!(
        satisfaction.contains(",pct-respondents,% of respondents,,2023,"),
        "{satisfaction}"
    );
    let json = fs::read_to_string(built.out.join("en/bulletins/2024-01-20-viet-nam/data.json"))
        .expect("json");
    assert!(json.contains("\"currency\": \"USD\""), "{json}");
}

/// The minimal site with a 2022 file of Nghệ An (`participants`, `share` of the labour force
/// and `revenue`), a 2023 coverage target of `coverage_target`, and a paragraph citing the
/// changes and the gap in brackets, in every language.
fn changes_since_2022(participants: u64, share: f64, revenue: u64, coverage_target: f64) -> Built {
    Built::new(|site| {
        fs::write(
            site.join("content/data/nghe-an/2022.yaml"),
            format!(
                "as-of: 2022-12-31\nresults:\n  hi-participants: {participants}\n  \
                 si-labour-force-share: {share}\n  revenue: {revenue}\n"
            ),
        )
        .expect("write 2022");
        edit(
            site,
            DATA,
            "targets:\n",
            &format!("targets:\n  hi-coverage: {coverage_target}\n"),
        );
        cite_in_every_language(
            site,
            "[{{ fig(id=\"hi-participants\", of=\"change\") }}] \
             [{{ fig(id=\"si-labour-force-share\", of=\"change\") }}] \
             [{{ fig(id=\"revenue\", of=\"change-pct\") }}] \
             [{{ fig(id=\"hi-coverage\", of=\"gap-to-target\") }}]",
        );
    })
}

/// The `n`th headline card of `page` (the bulletin's `headline:` order): its figure and the
/// details under it.
fn card(page: &str, n: usize) -> &str {
    let cards = &page[page.find("class=\"headline\"").expect("headline cards")..];
    let card = cards
        .split("<li class=\"card\">")
        .nth(n + 1)
        .unwrap_or_else(|| panic!("no card {n}"));
    &card[..card.find("</li>").expect("the card ends")]
}

#[test]
fn changes_and_gaps_read_in_words_by_their_sign() {
    // Up on 2022 (+33,924 people, +0.5 points, +12.97 %), and 0.5 points above target.
    let up = changes_since_2022(2_877_863, 24.4, 7_854_700_000_000, 92.5);
    for (lang, words, card_change, card_gap) in [
        (
            "vi",
            "[tăng 33.924] [tăng 0,5\u{a0}điểm phần trăm] [tăng 12,97%] \
             [vượt 0,5\u{a0}điểm phần trăm so với chỉ tiêu]",
            "tăng 33.924 so với năm 2022",
            "vượt 0,5\u{a0}điểm phần trăm so với chỉ tiêu",
        ),
        (
            "en",
            "[up 33,924] [up 0.5 points] [up 12.97%] [0.5 points above target]",
            "up 33,924 on 2022",
            "0.5 points above target",
        ),
        (
            "zh",
            "[增加33,924] [提高0.5个百分点] [增长12.97%] [高于目标0.5个百分点]",
            "比2022年增加33,924",
            "高于目标0.5个百分点",
        ),
        (
            "nb",
            "[opp 33\u{a0}924] [opp 0,5\u{a0}prosentpoeng] [opp 12,97\u{a0}%] \
             [0,5\u{a0}prosentpoeng over målet]",
            "opp 33\u{a0}924 fra 2022",
            "0,5\u{a0}prosentpoeng over målet",
        ),
    ] {
        let page = up.bulletin(lang);
        assert!(page.contains(words), "{lang}: no `{words}`");
        let participants = card(&page, 0);
        assert!(participants.contains(card_change), "{lang}: {participants}");
        let coverage = card(&page, 1);
        assert!(coverage.contains(card_gap), "{lang}: {coverage}");
    }
    // Tables keep the signed figures.
    let en = up.bulletin("en");
    for signed in [">+33,924<", ">+0.5 points<", ">+12.97%<"] {
        assert!(en.contains(signed), "the table has no `{signed}`");
    }
    assert!(card(&en, 2).contains("up 1,018.6 billion VND on 2022"));

    // Down on 2022, and 3.1 points short of target.
    let down = changes_since_2022(2_945_711, 25.4, 9_000_000_000_000, 96.1);
    for (lang, words, card_change, card_gap) in [
        (
            "vi",
            "[giảm 33.924] [giảm 0,5\u{a0}điểm phần trăm] [giảm 1,41%] \
             [thấp hơn 3,1\u{a0}điểm phần trăm so với chỉ tiêu]",
            "giảm 33.924 so với năm 2022",
            "thấp hơn 3,1\u{a0}điểm phần trăm so với chỉ tiêu",
        ),
        (
            "en",
            "[down 33,924] [down 0.5 points] [down 1.41%] [3.1 points short of target]",
            "down 33,924 on 2022",
            "3.1 points short of target",
        ),
        (
            "zh",
            "[减少33,924] [下降0.5个百分点] [下降1.41%] [低于目标3.1个百分点]",
            "比2022年减少33,924",
            "低于目标3.1个百分点",
        ),
        (
            "nb",
            "[ned 33\u{a0}924] [ned 0,5\u{a0}prosentpoeng] [ned 1,41\u{a0}%] \
             [3,1\u{a0}prosentpoeng under målet]",
            "ned 33\u{a0}924 fra 2022",
            "3,1\u{a0}prosentpoeng under målet",
        ),
    ] {
        let page = down.bulletin(lang);
        assert!(page.contains(words), "{lang}: no `{words}`");
        let participants = card(&page, 0);
        assert!(participants.contains(card_change), "{lang}: {participants}");
        let coverage = card(&page, 1);
        assert!(coverage.contains(card_gap), "{lang}: {coverage}");
    }
    let nb = down.bulletin("nb");
    assert!(
        nb.contains(">\u{2212}33\u{a0}924<"),
        "the table keeps the minus"
    );
    assert!(
        nb.contains(">\u{2212}3,1\u{a0}prosentpoeng<"),
        "and the signed gap"
    );

    // The same as in 2022, and on target: no "up 0".
    let flat = changes_since_2022(2_911_787, 24.9, 8_873_300_000_000, 93.0);
    for (lang, words, card_change, card_gap) in [
        (
            "vi",
            "[không đổi] [không đổi] [không đổi] [đạt đúng chỉ tiêu]",
            "không đổi so với năm 2022",
            "đạt đúng chỉ tiêu",
        ),
        (
            "en",
            "[unchanged] [unchanged] [unchanged] [on target]",
            "unchanged from 2022",
            "on target",
        ),
        (
            "zh",
            "[持平] [持平] [持平] [与目标持平]",
            "与2022年持平",
            "与目标持平",
        ),
        (
            "nb",
            "[uendret] [uendret] [uendret] [på målet]",
            "uendret fra 2022",
            "på målet",
        ),
    ] {
        let page = flat.bulletin(lang);
        assert!(page.contains(words), "{lang}: no `{words}`");
        let participants = card(&page, 0);
        assert!(participants.contains(card_change), "{lang}: {participants}");
        let coverage = card(&page, 1);
        assert!(coverage.contains(card_gap), "{lang}: {coverage}");
    }
}

#[test]
fn a_part_year_is_marked_on_the_time_axis() {
    let built = Built::new(|site| year_2022(site, "2022-06-30", 2_780_000));
    for (lang, label) in [
        ("en", "2022 (up to 30 June 2022)"),
        ("vi", "2022 (tính đến 30/06/2022)"),
        ("zh", "2022（截至2022年6月30日）"),
        ("nb", "2022 (per 30. juni 2022)"),
    ] {
        let page = built.bulletin(lang);
        // The trend chart's table heads its rows with the axis labels.
        assert!(
            page.contains(&format!("<th scope=\"row\">{label}</th>")),
            "{lang}: no `{label}`"
        );
        assert!(page.contains("<th scope=\"row\">2023</th>"), "{lang}");
    }
    // Half a year against a whole one is no growth: the chart states no finding.
    assert!(!built.bulletin("en").contains("Fastest growth"));
}

#[test]
fn a_single_figure_gets_no_chart() {
    // Rates: 2023 results of two shares and their 2024 targets make a chart of four values.
    let with_rates = Built::new(|_| {});
    assert!(with_rates
        .bulletin("en")
        .contains("id=\"fig-result-vs-target\""));
    // One share, no target: a single value is a sentence, not a chart.
    let single = Built::new(|site| {
        edit(site, DATA, "  si-labour-force-share: 24.9\n", "");
        fs::write(
            site.join("content/data/nghe-an/2024.yaml"),
            "targets:\n  hi-participants: 2950000\n",
        )
        .expect("write 2024");
        for lang in ["en", "vi", "zh", "nb"] {
            let path = format!("content/bulletins/{SLUG}/{lang}.md");
            let targets = " 2024: {{ fig(id=\"si-labour-force-share\", of=\"target\") }}, \
                           {{ fig(id=\"hi-coverage\", of=\"target\", year=2024) }}.";
            edit(site, &path, targets, "");
        }
    });
    let en = single.bulletin("en");
    assert!(
        !en.contains("id=\"fig-result-vs-target\""),
        "a one-bar chart"
    );
    assert!(en.contains("93%"), "the figure is still on the page");
}
