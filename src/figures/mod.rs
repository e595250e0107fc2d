//! Validates what the data means and derives the figures pages show: changes, shares of target, gaps.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;

use crate::content::{
    is_slug, BorderChangeKind, Catalogue, Content, Currency, Date, Figure, Period, Qualifier,
    Region, RegionYear, Stated, Unit, YearData,
};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Largest magnitude a figure may have: beyond 2^53 a number no longer holds every digit.
const MAX_FIGURE: f64 = crate::content::MAX_EXACT_INTEGER as f64;

/// Where a shown number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Typed in a data file.
    Data,
    /// Computed from other figures (an identity, a ratio, a change).
    Computed,
    /// As the source article states it; nothing in the data can compute it.
    Stated,
}

/// A number ready to be formatted: value, the decimals to show, qualifier, origin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Value {
    pub value: f64,
    pub decimals: u8,
    pub qualifier: Qualifier,
    pub origin: Origin,
    /// The power of ten the source rounded to without saying so (`rounded-to`).
    pub rounded_to: Option<f64>,
    /// For an amount of money, its currency; None for counts, shares and percentages.
    pub currency: Option<Currency>,
}

impl Value {
    fn data(f: &Figure, currency: Option<Currency>) -> Value {
        Value {
            value: f.value,
            decimals: f.decimals,
            qualifier: f.qualifier,
            origin: Origin::Data,
            rounded_to: f.rounded_to,
            currency,
        }
    }

    pub fn computed(value: f64, decimals: u8) -> Value {
        Value {
            value,
            decimals,
            qualifier: Qualifier::Exact,
            origin: Origin::Computed,
            rounded_to: None,
            currency: None,
        }
    }

    fn stated(value: f64) -> Value {
        Value {
            value,
            decimals: crate::content::decimals_of(value),
            qualifier: Qualifier::Exact,
            origin: Origin::Stated,
            rounded_to: None,
            currency: None,
        }
    }

    /// The same number, as an amount in `currency` (None: not money).
    fn in_currency(self, currency: Option<Currency>) -> Value {
        Value { currency, ..self }
    }

    pub fn is_exact(&self) -> bool {
        self.qualifier == Qualifier::Exact
    }
}

/// A derived figure: what the data compute and what the source states, kept apart for `check`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Derived {
    pub computed: Option<Value>,
    pub stated: Option<Value>,
}

impl Derived {
    /// Pages show the computed figure; the stated one only when nothing computes it.
    pub fn shown(&self) -> Option<Value> {
        self.computed.or(self.stated)
    }
}

/// Every figure of one indicator in one region and year.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndicatorYear {
    pub result: Derived,
    pub target: Derived,
    /// On the previous year: in the indicator's unit, percentage points for shares.
    pub change: Derived,
    /// On the previous year, in percent; counts and money only.
    pub change_pct: Derived,
    /// Result as a percentage of the target; counts and money only.
    pub share_of_target: Derived,
    /// Result minus target, in the indicator's unit (points for shares).
    pub gap_to_target: Derived,
    /// A multiple of an outside target, as stated.
    pub times_target: Derived,
    pub period: Period,
    /// Every target the data give, the primary first, each with the plan that set it and
    /// what the result makes of it. Empty when the year has no typed target.
    pub targets: Vec<TargetFigure>,
}

/// One of an indicator's targets, with the year's result measured against it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetFigure {
    pub target: Value,
    /// A web address or the id of a source of `content/site.yaml`.
    pub source: Option<String>,
    /// The deadline, when later than the year.
    pub by: Option<i32>,
    /// Result as a percentage of this target; counts and money only.
    pub share_of_target: Option<Value>,
    /// Result minus this target.
    pub gap_to_target: Option<Value>,
}

impl TargetFigure {
    /// A target in `currency` (for money) against the year's result; nothing is computed
    /// between a result and a target in different currencies.
    fn of(
        target: &Figure,
        currency: Option<Currency>,
        result: Option<Value>,
        share: bool,
    ) -> TargetFigure {
        let goal = Value::data(target, currency);
        let exact = result
            .filter(Value::is_exact)
            .filter(|now| goal.is_exact() && now.currency == goal.currency);
        TargetFigure {
            target: goal,
            source: target.source.clone(),
            by: target.by,
            share_of_target: exact
                .filter(|_| !share && goal.value > 0.0)
                .map(|now| Value::computed(now.value / goal.value * 100.0, 2)),
            gap_to_target: exact.map(|now| {
                Value::computed(now.value - goal.value, now.decimals.max(goal.decimals))
                    .in_currency(currency)
            }),
        }
    }

    /// The target alone, as a bulletin published before the year's result shows it.
    fn without_result(&self) -> TargetFigure {
        TargetFigure {
            share_of_target: None,
            gap_to_target: None,
            ..self.clone()
        }
    }
}

/// Which figure of an indicator a narrative or a table cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Facet {
    Result,
    Target,
    Change,
    ChangePct,
    ShareOfTarget,
    GapToTarget,
    /// A multiple of an outside target, only ever as stated.
    TimesTarget,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::Result,
        Facet::Target,
        Facet::Change,
        Facet::ChangePct,
        Facet::ShareOfTarget,
        Facet::GapToTarget,
        Facet::TimesTarget,
    ];

    pub fn parse(text: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Result => "result",
            Facet::Target => "target",
            Facet::Change => "change",
            Facet::ChangePct => "change-pct",
            Facet::ShareOfTarget => "share-of-target",
            Facet::GapToTarget => "gap-to-target",
            Facet::TimesTarget => "times-target",
        }
    }
}

impl IndicatorYear {
    pub fn facet(&self, facet: Facet) -> &Derived {
        match facet {
            Facet::Result => &self.result,
            Facet::Target => &self.target,
            Facet::Change => &self.change,
            Facet::ChangePct => &self.change_pct,
            Facet::ShareOfTarget => &self.share_of_target,
            Facet::GapToTarget => &self.gap_to_target,
            Facet::TimesTarget => &self.times_target,
        }
    }

    pub fn is_empty(&self) -> bool {
        Facet::ALL.iter().all(|f| self.facet(*f).shown().is_none())
    }
}

/// One region's figures of one year, by indicator. Shared, not copied, by the frozen
/// figures of every bulletin that shows the year.
pub type YearFigures = Arc<BTreeMap<String, IndicatorYear>>;

/// One region's figures, by year.
pub type RegionFigures = BTreeMap<i32, YearFigures>;

/// region → year → indicator → figures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    pub regions: BTreeMap<String, RegionFigures>,
}

impl Figures {
    pub fn get(&self, region: &str, year: i32, indicator: &str) -> Option<&IndicatorYear> {
        self.regions.get(region)?.get(&year)?.get(indicator)
    }

    pub fn year(&self, region: &str, year: i32) -> Option<&BTreeMap<String, IndicatorYear>> {
        self.regions.get(region)?.get(&year).map(|year| &**year)
    }

    /// One region's figures alone.
    pub fn only(&self, region: &str) -> Figures {
        let mut regions = BTreeMap::new();
        if let Some(years) = self.regions.get(region) {
            regions.insert(region.to_string(), years.clone());
        }
        Figures { regions }
    }

    /// One region's figures as a bulletin published them: every figure of the years up to
    /// `results_year`, and of the later years up to `targets_year` the targets alone (their
    /// results, changes and shares of target came after the bulletin).
    ///
    /// A year's figures derive from that year and the one before, never a later one, so what
    /// this keeps does not move when later years' data arrive.
    pub fn frozen(&self, region: &str, results_year: i32, targets_year: i32) -> Figures {
        let mut years = BTreeMap::new();
        for (year, indicators) in self.regions.get(region).into_iter().flatten() {
            if *year <= results_year {
                years.insert(*year, Arc::clone(indicators));
            } else if *year <= targets_year {
                let targets: BTreeMap<String, IndicatorYear> = indicators
                    .iter()
                    .filter(|(_, f)| f.target.shown().is_some())
                    .map(|(id, f)| {
                        let only_target = IndicatorYear {
                            target: f.target,
                            period: f.period,
                            targets: f.targets.iter().map(TargetFigure::without_result).collect(),
                            ..IndicatorYear::default()
                        };
                        (id.clone(), only_target)
                    })
                    .collect();
                if !targets.is_empty() {
                    years.insert(*year, Arc::new(targets));
                }
            }
        }
        let mut regions = BTreeMap::new();
        regions.insert(region.to_string(), years);
        Figures { regions }
    }
}

/// Checks the meaning of the content; errors name the file and line of the offending key.
pub fn validate(content: &Content) -> Diagnostics {
    let mut problems = Diagnostics::default();
    validate_config(content, &mut problems);
    validate_regions(content, &mut problems);
    validate_catalogue(&content.catalogue, content, &mut problems);
    for (region, years) in &content.years {
        for region_year in years.values() {
            if !content.regions.contains_key(region) {
                problems.push(
                    Diagnostic::error(
                        &region_year.file.path,
                        format!("unknown region `{region}`: the folder name is no region id in regions.yaml"),
                    )
                    .with_hint(match nearest(region, content.regions.keys()) {
                        Some(near) => format!("did you mean `{near}`? Rename the folder, or add `{region}` to content/regions.yaml"),
                        None => format!("add `{region}` to content/regions.yaml or rename the folder; known: {}", known(content.regions.keys())),
                    }),
                );
            }
            validate_year(
                region_year,
                &content.catalogue,
                &content.config.sources,
                &mut problems,
            );
        }
    }
    validate_bulletins(content, &mut problems);
    problems
}

fn known<'a>(ids: impl Iterator<Item = &'a String>) -> String {
    ids.map(String::as_str).collect::<Vec<_>>().join(", ")
}

/// The known id nearest to a misspelt `id`, if one is close enough to be what was meant.
fn nearest<'a>(id: &str, ids: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    ids.map(|known| (strsim::jaro_winkler(id, known), known.as_str()))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, known)| known)
}

/// "did you mean `x`?" when a known id is near `id`, else the list of known ids after `lead`.
fn suggest<'a>(id: &str, ids: impl Iterator<Item = &'a String> + Clone, lead: &str) -> String {
    match nearest(id, ids.clone()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("{lead}{}", known(ids)),
    }
}

fn validate_config(content: &Content, problems: &mut Diagnostics) {
    let config = &content.config;
    let file = &content.config_file;
    if config.languages.is_empty() {
        problems.push(file.error_at(&["languages"], "the site lists no language"));
    }
    let mut listed = BTreeSet::new();
    for lang in &config.languages {
        // Listed twice, a language would have each of its pages planned twice, to one path.
        if !listed.insert(lang) {
            problems.push(
                file.error_at(
                    &["languages"],
                    format!("`{lang}` is listed twice in `languages`"),
                )
                .with_hint("list each language once"),
            );
        }
        if !is_slug(lang) {
            problems.push(file.error_at(
                &["languages"],
                format!("`{lang}` is not a language code usable in a URL (e.g. vi, en, zh, nb)"),
            ));
        }
    }
    if let Err(message) = crate::address::BaseUrl::parse(&config.base_url) {
        problems.push(
            crate::address::located(file.error_at(&["base-url"], message)).with_hint(
                "write the absolute http(s) address the site is published under, e.g. `base-url: \"https://example.gov.vn/bao-cao/\"`",
            ),
        );
    }
    if let Some(url) = &config.publisher.url {
        if let Err(message) = crate::address::check_link(url) {
            problems.push(
                crate::address::located(file.error_at(&["publisher", "url"], message))
                    .with_hint("write the publisher's website as https://…"),
            );
        }
    }
    for (id, source) in config.sources.iter() {
        if !is_slug(id) {
            problems.push(
                file.error_at(&["sources", id], format!("`{id}` is not a valid source id"))
                    .with_hint("use lowercase ASCII words joined by dashes, e.g. `decision-546`"),
            );
        }
        if let Some(url) = &source.url {
            if let Err(message) = crate::address::check_link(url) {
                problems.push(
                    crate::address::located(file.error_at(&["sources", id, "url"], message))
                        .with_hint("write the address where the text can be read, https://…"),
                );
            }
        }
    }
    if !config.languages.contains(&config.default_language) {
        problems.push(file.error_at(
            &["default-language"],
            format!(
                "the default language `{}` is not in `languages`",
                config.default_language
            ),
        ));
    }
}

fn validate_regions(content: &Content, problems: &mut Diagnostics) {
    let file = &content.regions_file;
    for (id, region) in &content.regions {
        if !is_slug(id) {
            problems.push(
                file.error_at(&[id], format!("`{id}` is not a valid region id"))
                    .with_hint("use lowercase ASCII words joined by dashes, e.g. `nghe-an`"),
            );
        }
        if let Some(parent) = &region.parent {
            if parent == id {
                problems.push(
                    file.error_at(&[id, "parent"], format!("`{id}` is its own parent"))
                        .with_hint(PARENT_HINT),
                );
            } else if !content.regions.contains_key(parent) {
                problems.push(
                    file.error_at(&[id, "parent"], format!("unknown parent region `{parent}`")),
                );
            } else if let Some(cycle) = parent_cycle(id, &content.regions) {
                // Reported once, at the cycle's first region in id order.
                if cycle.iter().all(|other| id.as_str() <= *other) {
                    problems.push(
                        file.error_at(
                            &[id, "parent"],
                            format!(
                                "the parents of `{id}` lead back to it: {}",
                                cycle.join(" → ")
                            ),
                        )
                        .with_hint(PARENT_HINT),
                    );
                }
            }
        }
        for change in &region.border_changes {
            if change.regions.contains(id) {
                let verb = match change.change {
                    BorderChangeKind::MergedInto => "merges into",
                    BorderChangeKind::Absorbed => "absorbs",
                };
                problems.push(
                    file.error_at(
                        &[id, "border-changes"],
                        format!("`{id}` {verb} itself on {}", change.date),
                    )
                    .with_hint(format!(
                        "a border change names the other regions of the change; remove `{id}` \
                         from its `regions`"
                    )),
                );
            }
            for other in &change.regions {
                if !content.regions.contains_key(other) {
                    problems.push(
                        file.error_at(
                            &[id, "border-changes"],
                            format!("unknown region `{other}` in a border change"),
                        )
                        .with_hint("add it to regions.yaml, even if it has no data"),
                    );
                }
            }
        }
    }
}

/// What to do about a region whose parents go round in a circle.
const PARENT_HINT: &str =
    "a region's parent is the region that contains it (a province's is the country); the \
     country has none";

/// The regions from `id` up its parents and back to `id`, if they lead back to it.
fn parent_cycle<'a>(id: &'a str, regions: &'a BTreeMap<String, Region>) -> Option<Vec<&'a str>> {
    let mut path = vec![id];
    let mut current = id;
    // Longer than the catalogue, the walk has entered a cycle that `id` is not part of.
    while path.len() <= regions.len() {
        current = regions.get(current)?.parent.as_deref()?;
        path.push(current);
        if current == id {
            return Some(path);
        }
    }
    None
}

/// What a declared unit must say for its kind: a share its whole, money only a currency, a
/// rate for charts only a share.
fn validate_units(catalogue: &Catalogue, content: &Content, problems: &mut Diagnostics) {
    let file = &content.catalogue_file;
    for (id, unit) in catalogue.units.iter() {
        if !is_slug(id) {
            problems.push(file.error_at(&["units", id], format!("`{id}` is not a valid unit id")));
        }
        if unit.is_share() && unit.of.is_none() {
            problems.push(
                file.error_at(
                    &["units", id],
                    format!("the share `{id}` does not say what it is a share of"),
                )
                .with_hint(format!(
                    "add the whole, e.g. `{id}: {{kind: share, of: respondents}}` (population, \
                     labour-force, receivables, recipients, respondents …)"
                )),
            );
        }
        // (key, given where its kind has no use for it, what it belongs to, the kind it needs)
        let misplaced = [
            (
                "of",
                unit.of.is_some() && !unit.is_share(),
                "only a share is of a whole",
                "share",
            ),
            (
                "currency",
                unit.currency.is_some() && !unit.is_money(),
                "only money has a currency",
                "money",
            ),
            (
                "chart",
                unit.chart.is_some() && !unit.is_share(),
                "only a share is a rate",
                "share",
            ),
        ];
        for (key, _, why, kind) in misplaced.into_iter().filter(|m| m.1) {
            problems.push(
                file.error_at(
                    &["units", id, key],
                    format!("`{id}` has `{key}`, but {why}"),
                )
                .with_hint(format!("remove `{key}`, or declare `kind: {kind}`")),
            );
        }
    }
}

/// The money among an identity's or ratio's `members` with its declared currency (`revenue`
/// in VND), when they are in more than one: money is never summed or divided across currencies.
fn mixed_currencies(catalogue: &Catalogue, members: &[&String]) -> Option<Vec<String>> {
    let currencies: BTreeSet<Currency> = members
        .iter()
        .filter_map(|id| catalogue.currency_of(id))
        .collect();
    (currencies.len() > 1).then(|| {
        members
            .iter()
            .filter_map(|id| catalogue.currency_of(id).map(|c| format!("`{id}` in {c}")))
            .collect()
    })
}

fn validate_catalogue(catalogue: &Catalogue, content: &Content, problems: &mut Diagnostics) {
    let file = &content.catalogue_file;
    validate_units(catalogue, content, problems);
    for (id, indicator) in catalogue.indicators.iter() {
        if !is_slug(id) {
            problems.push(file.error_at(
                &["indicators", id],
                format!("`{id}` is not a valid indicator id"),
            ));
        }
        if !catalogue.units.contains_key(&indicator.unit) {
            problems.push(
                file.error_at(
                    &["indicators", id, "unit"],
                    format!("`{id}` has the unknown unit `{}`", indicator.unit),
                )
                .with_hint(suggest(
                    &indicator.unit,
                    catalogue.units.keys(),
                    "declare it under `units:` in content/indicators.yaml (with its kind and a \
                     Fluent label `unit-<id>`), or use one of: ",
                )),
            );
        }
    }
    for identity in &catalogue.identities {
        let members: Vec<&String> = std::iter::once(&identity.total)
            .chain(&identity.parts)
            .collect();
        if let Some(mixed) = mixed_currencies(catalogue, &members) {
            problems.push(
                file.error_at(
                    &["identities"],
                    format!(
                        "the identity of `{}` mixes currencies: {}",
                        identity.total,
                        mixed.join(", ")
                    ),
                )
                .with_hint(
                    "money is never summed across currencies: give every member of an identity \
                     a unit of the same currency",
                ),
            );
        }
    }
    for ratio in &catalogue.ratios {
        if let Some(mixed) = mixed_currencies(catalogue, &[&ratio.part, &ratio.whole]) {
            problems.push(
                file.error_at(
                    &["ratios"],
                    format!(
                        "the ratio of `{}` divides money in different currencies: {}",
                        ratio.share,
                        mixed.join(", ")
                    ),
                )
                .with_hint("give `part` and `whole` units of the same currency"),
            );
        }
    }
    let check = |id: &str, key: &str, problems: &mut Diagnostics| {
        if !catalogue.indicators.contains_key(id) {
            problems.push(
                file.error_at(&[key], format!("unknown indicator `{id}` in {key}"))
                    .with_hint(suggest(id, catalogue.indicators.keys(), "use one of: ")),
            );
        }
    };
    for identity in &catalogue.identities {
        check(&identity.total, "identities", problems);
        for part in &identity.parts {
            check(part, "identities", problems);
        }
    }
    for ratio in &catalogue.ratios {
        for id in [&ratio.share, &ratio.part, &ratio.whole] {
            check(id, "ratios", problems);
        }
    }
    // A figure defined by itself is never derived, so the chart or line that shows it quietly
    // disappears; a count divided by itself gives a share that is always 100.
    for identity in &catalogue.identities {
        if identity.parts.contains(&identity.total) {
            problems.push(
                file.error_at(
                    &["identities"],
                    format!(
                        "the identity of `{}` counts it among its own parts",
                        identity.total
                    ),
                )
                .with_hint(format!(
                    "an identity is a total and the parts that sum to it; remove `{}` from `parts`",
                    identity.total
                )),
            );
        }
    }
    for ratio in &catalogue.ratios {
        let (share, part, whole) = (&ratio.share, &ratio.part, &ratio.whole);
        if share == part || share == whole || part == whole {
            problems.push(
                file.error_at(
                    &["ratios"],
                    format!(
                        "the ratio of `{share}` computes a figure from itself (share: {share}, \
                         part: {part}, whole: {whole})"
                    ),
                )
                .with_hint(
                    "a ratio is share = part / whole × 100, with three different indicators",
                ),
            );
        }
    }
}

/// Whether a data file of `year` may stand as of `date`: a day of that year, or of the first
/// quarter of the next, when year-end reports come out.
fn as_of_fits(year: i32, date: Date) -> bool {
    let first = Date {
        year,
        month: 1,
        day: 1,
    };
    let last = Date {
        year: year + 1,
        month: 3,
        day: 31,
    };
    (first..=last).contains(&date)
}

fn validate_year(
    region_year: &RegionYear,
    catalogue: &Catalogue,
    sources: &crate::content::yaml::UniqueMap<String, crate::content::Source>,
    problems: &mut Diagnostics,
) {
    let file = &region_year.file;
    let data = &region_year.data;
    let year = region_year.year;
    if let Some(as_of) = data.as_of.filter(|d| !as_of_fits(year, *d)) {
        problems.push(
            file.error_at(
                &["as-of"],
                format!("`as-of: {as_of}` is not within {year}, the year of this file"),
            )
            .with_hint(format!(
                "the data of {year} stand as of a day in {year}, or up to {}-03-31 for a \
                 year-end report; correct the date, or move the figures to {}.yaml",
                year + 1,
                as_of.year
            )),
        );
    }
    let results = data
        .results
        .iter()
        .map(|(id, f)| (id, std::slice::from_ref(f)));
    let targets = data.targets.iter().map(|(id, t)| (id, t.0.as_slice()));
    for (section, id, figures) in results
        .map(|(id, f)| ("results", id, f))
        .chain(targets.map(|(id, t)| ("targets", id, t)))
    {
        if !catalogue.indicators.contains_key(id) {
            problems.push(unknown_indicator(region_year, section, id, catalogue));
            continue;
        }
        // An unknown unit is the catalogue's error, reported there.
        let Some(unit) = catalogue.unit_of(id) else {
            continue;
        };
        for (i, figure) in figures.iter().enumerate() {
            // A list of targets points at the item; a single figure at its key.
            let index = i.to_string();
            let at: Vec<&str> = if section == "targets" && figures.len() > 1 {
                vec![section, id, &index]
            } else {
                vec![section, id]
            };
            if let Some(message) = figure_problem(unit, figure) {
                problems.push(file.error_at(&at, format!("`{id}`: {message}")));
            }
            if figure.currency.is_some() && !unit.is_money() {
                let mut at = at.clone();
                at.push("currency");
                problems.push(
                    file.error_at(
                        &at,
                        format!("`{id}` is no amount of money and has no currency"),
                    )
                    .with_hint("remove `currency`"),
                );
            }
            if let Some(source) = &figure.source {
                if let Some(problem) = source_problem(source, sources) {
                    problems.push(problem.locate(file.error_at(&at, "")));
                }
            }
            if let Some(by) = figure.by {
                if section == "results" {
                    problems.push(
                        file.error_at(&at, format!("`{id}`: `by` gives a target's deadline"))
                            .with_hint(
                                "remove `by` from the result, or move the figure under `targets:`",
                            ),
                    );
                } else if by < region_year.year {
                    problems.push(
                        file.error_at(
                            &at,
                            format!(
                                "`{id}`: `by: {by}` is before the file's year {}",
                                region_year.year
                            ),
                        )
                        .with_hint("a target's deadline is its file's year or later"),
                    );
                }
            }
        }
    }
    for (i, source) in data.sources.iter().enumerate() {
        if let Some(problem) = source_problem(source, sources) {
            let index = i.to_string();
            problems.push(problem.locate(file.error_at(&["sources", &index], "")));
        }
    }
    // A year to date ends somewhere: without its date, no page can say where.
    let to_date = "`period: to-date` needs the date the figures run to";
    let to_date_hint = "add `as-of: YYYY-MM-DD` at the top of the file";
    if data.period == Period::ToDate && data.as_of.is_none() {
        problems.push(file.error_at(&["period"], to_date).with_hint(to_date_hint));
    }
    for (id, figure) in data.results.iter() {
        if figure.period == Some(Period::ToDate) && data.as_of.is_none() {
            problems.push(
                file.error_at(&["results", id, "period"], format!("`{id}`: {to_date}"))
                    .with_hint(to_date_hint),
            );
        }
    }
    for (id, stated) in data.stated.iter() {
        if !catalogue.indicators.contains_key(id) {
            problems.push(unknown_indicator(region_year, "stated", id, catalogue));
            continue;
        }
        for (key, value) in stated_values(stated) {
            if !value.is_finite() || value.abs() > MAX_FIGURE {
                problems.push(file.error_at(
                    &["stated", id, key],
                    format!("`{id}` {key}: not a usable number"),
                ));
            }
        }
    }
    for (i, note) in data.notes.iter().enumerate() {
        if !is_slug(&note.note) {
            problems.push(file.error_at(
                &["notes"],
                format!("note {} has an invalid id `{}`", i + 1, note.note),
            ));
        }
    }
}

/// What is wrong with a figure's or file's `source`: not a web address, and no id of
/// `content/site.yaml`'s sources.
struct SourceProblem {
    message: String,
    hint: String,
}

impl SourceProblem {
    /// The problem at the place of `at` (an empty diagnostic located at the source's key).
    fn locate(self, at: Diagnostic) -> Diagnostic {
        Diagnostic {
            message: self.message,
            ..at
        }
        .with_hint(self.hint)
    }
}

fn source_problem(
    source: &str,
    sources: &crate::content::yaml::UniqueMap<String, crate::content::Source>,
) -> Option<SourceProblem> {
    if let crate::content::SourceRef::Address(source) = crate::content::SourceRef::of(source) {
        return crate::address::check_link(source)
            .err()
            .map(|message| SourceProblem {
                message: format!("the source is no usable web address: {message}"),
                hint: "write the full address, starting with https://".into(),
            });
    }
    if sources.contains_key(source) {
        return None;
    }
    Some(SourceProblem {
        message: format!("unknown source `{source}`"),
        hint: match nearest(source, sources.keys()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "write a web address (https://…), or add `{source}` under `sources:` in \
                 content/site.yaml with its name as `source-{source}` in locales/*/sources.ftl"
            ),
        },
    })
}

fn unknown_indicator(
    region_year: &RegionYear,
    section: &str,
    id: &str,
    catalogue: &Catalogue,
) -> Diagnostic {
    region_year
        .file
        .error_at(&[section, id], format!("unknown indicator `{id}`"))
        .with_hint(suggest(
            id,
            catalogue.indicators.keys(),
            "declare it in content/indicators.yaml (with Fluent labels), or use one of: ",
        ))
}

fn stated_values(stated: &Stated) -> Vec<(&'static str, f64)> {
    [
        ("value", stated.value),
        ("target", stated.target),
        ("change", stated.change),
        ("change-pct", stated.change_pct),
        ("share-of-target", stated.share_of_target),
        ("gap-to-target", stated.gap_to_target),
        ("times-target", stated.times_target),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k, v)))
    .collect()
}

/// What is wrong with a figure given its indicator's unit, if anything.
fn figure_problem(unit: &Unit, figure: &Figure) -> Option<String> {
    let v = figure.value;
    if v.abs() > MAX_FIGURE {
        // `{v:e}`: 1e300 written out in full would fill the terminal.
        return Some(format!(
            "{v:e} {}; check the digits",
            crate::content::LARGER_THAN_ANY_FIGURE
        ));
    }
    if unit.is_share() && !(0.0..=100.0).contains(&v) {
        return Some(format!(
            "{v} is a share of a whole and must lie between 0 and 100"
        ));
    }
    if !unit.is_share() && v < 0.0 {
        return Some(format!("{v} is negative; a count or an amount cannot be"));
    }
    if !unit.is_share() && v.fract() != 0.0 {
        let what = match figure.currency.or(unit.currency()) {
            Some(Currency::VND) => {
                "money is stored in đồng as a whole number (8873.3 billion is 8873300000000)"
                    .to_string()
            }
            Some(currency) => format!(
                "money is stored as a whole number of {currency} (21.4 billion is 21400000000)"
            ),
            None => "a count is a whole number".to_string(),
        };
        return Some(format!("{v}: {what}"));
    }
    None
}

fn validate_bulletins(content: &Content, problems: &mut Diagnostics) {
    for bulletin in &content.bulletins {
        let meta = &bulletin.meta;
        let file = &bulletin.file;
        if !content.regions.contains_key(&meta.region) {
            problems.push(
                file.error_at(&["region"], format!("unknown region `{}`", meta.region))
                    .with_hint(suggest(
                        &meta.region,
                        content.regions.keys(),
                        "use one of: ",
                    )),
            );
            continue;
        }
        let years = content.years.get(&meta.region);
        let years_named = [
            ("results-year", Some(meta.results_year)),
            ("targets-year", meta.targets_year),
        ];
        for (key, year) in years_named
            .into_iter()
            .filter_map(|(k, y)| y.map(|y| (k, y)))
        {
            if years.is_none_or(|y| !y.contains_key(&year)) {
                problems.push(
                    file.error_at(
                        &[key],
                        format!("there is no data for {} in {year}", meta.region),
                    )
                    .with_hint(format!(
                        "create content/data/{}/{year}.yaml or correct `{key}`",
                        meta.region
                    )),
                );
            }
        }
        for id in &meta.headline {
            if !content.catalogue.indicators.contains_key(id) {
                problems.push(
                    file.error_at(
                        &["headline"],
                        format!("unknown indicator `{id}` in headline"),
                    )
                    .with_hint(suggest(
                        id,
                        content.catalogue.indicators.keys(),
                        "use one of: ",
                    )),
                );
            }
        }
        for (i, since) in meta.since.iter().enumerate() {
            let index = i.to_string();
            let at = ["since", index.as_str()];
            if *since >= meta.results_year {
                problems.push(
                    file.error_at(
                        &at,
                        format!(
                            "`since: {since}` is not before the results year {}",
                            meta.results_year
                        ),
                    )
                    .with_hint(
                        "list earlier years to compare the results with, e.g. `since: [2010]`",
                    ),
                );
            } else if years.is_none_or(|y| !y.contains_key(since)) {
                problems.push(
                    file.error_at(
                        &at,
                        format!("there is no data for {} in {since}", meta.region),
                    )
                    .with_hint(format!(
                        "create content/data/{}/{since}.yaml or remove {since} from `since`",
                        meta.region
                    )),
                );
            }
        }
        if let Some(updated) = meta.updated {
            if updated < meta.date {
                problems.push(file.error_at(&["updated"], "`updated` is earlier than `date`"));
            }
        }
        if let Some(source) = &meta.source {
            if let Err(message) = crate::address::check_link(source) {
                problems.push(
                    file.error_at(
                        &["source"],
                        format!("the source must be a web address: {message}"),
                    )
                    .with_hint("write the full address, starting with https://"),
                );
            }
        }
        for lang in bulletin.narratives.keys() {
            if !content.config.languages.contains(lang) {
                problems.push(Diagnostic::warning(
                    &bulletin.narratives[lang].file.path,
                    format!(
                        "`{lang}` is not a language of this site; the narrative is not published"
                    ),
                ));
            }
        }
    }
}

/// When within its year a figure was measured. A change on the previous year is computed
/// only between two figures measured alike: both at the year's end (or over the whole year),
/// or both up to the same day and month, over the same number of months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The whole year, or a status at its end.
    YearEnd,
    /// Up to (or a status at) a day of the year: month and day.
    Until(u8, u8),
    /// The first N months of the year, up to a day: months, month and day.
    Months(u32, u8, u8),
}

impl Reach {
    /// The reach of `id`'s result in `data`, the file of `year`: the period it covers up to
    /// the file's `as-of`. A date after the year (a year-end report written in January) or on
    /// 31 December is the year's end.
    pub fn in_file(data: &YearData, id: &str, year: i32) -> Reach {
        let (period, as_of) = (period_of(data, id), data.as_of);
        let at_end = |d: Date| d.year > year || (d.month == 12 && d.day == 31);
        match (period, as_of) {
            (Period::Year | Period::ToDate, None) => Reach::YearEnd,
            (Period::Year | Period::ToDate, Some(d)) if at_end(d) => Reach::YearEnd,
            (Period::Year | Period::ToDate, Some(d)) => Reach::Until(d.month, d.day),
            (Period::Months(n), Some(d)) if !at_end(d) => Reach::Months(n, d.month, d.day),
            (Period::Months(n), _) => Reach::Months(n, 12, 31),
        }
    }

    /// As a sentence in `bantin check` names it: "the whole year", "up to 30 June".
    pub fn describe(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = |m: u8| {
            MONTHS
                .get(usize::from(m).wrapping_sub(1))
                .copied()
                .unwrap_or("?")
        };
        match self {
            Reach::YearEnd => "the whole year".into(),
            Reach::Until(m, d) => format!("up to {d} {}", month(m)),
            Reach::Months(n, m, d) => format!("{n} months up to {d} {}", month(m)),
        }
    }
}

/// A change over several years, from one year's result to a later one's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// In the indicator's unit (percentage points for shares).
    pub change: Value,
    /// In percent; counts and money only.
    pub change_pct: Option<Value>,
    /// The later figure as a multiple of the earlier one; counts and money only.
    pub times: Option<Value>,
}

/// The change from `then` to `now`, each a result with when it was measured. Both must be
/// exact and measured alike (see [`Reach`]); the reason otherwise, for the citation's error.
pub fn span(now: (Value, Reach), then: (Value, Reach), share: bool) -> Result<Span, String> {
    let ((now, now_reach), (then, then_reach)) = (now, then);
    if !now.is_exact() || !then.is_exact() {
        return Err(
            "a change is computed from exact figures only; one of the two is qualified".into(),
        );
    }
    if now_reach != then_reach {
        return Err(format!(
            "the two figures do not compare: one covers {}, the other {}",
            now_reach.describe(),
            then_reach.describe()
        ));
    }
    if now.currency != then.currency {
        let name = |v: Value| {
            v.currency
                .map_or("no currency".to_string(), |c| c.to_string())
        };
        return Err(format!(
            "money is never compared across currencies: one is in {}, the other in {}",
            name(now),
            name(then)
        ));
    }
    let decimals = now.decimals.max(then.decimals);
    let ratio = (!share && then.value > 0.0).then(|| now.value / then.value);
    Ok(Span {
        change: Value::computed(now.value - then.value, decimals).in_currency(now.currency),
        change_pct: ratio.map(|r| Value::computed((r - 1.0) * 100.0, 2)),
        times: ratio.map(|r| Value::computed(r, 2)),
    })
}

/// Derives every figure pages show. Assumes `validate` found no error.
pub fn derive(content: &Content) -> Figures {
    let mut figures = Figures::default();
    for (region, years) in &content.years {
        figures
            .regions
            .insert(region.clone(), derive_region(&content.catalogue, years));
    }
    figures
}

/// Derives one region's figures: they read that region's data and the catalogue, nothing else.
pub fn derive_region(catalogue: &Catalogue, years: &BTreeMap<i32, RegionYear>) -> RegionFigures {
    let mut by_year = RegionFigures::new();
    // Each year's completed results with when they were measured, kept for the next year's
    // changes.
    let mut completed_results: BTreeMap<i32, BTreeMap<String, (Value, Reach)>> = BTreeMap::new();
    for (year, region_year) in years {
        let data = &region_year.data;
        let results = completed(catalogue, &data.results);
        let targets = completed(catalogue, &data.primary_targets());
        let previous = completed_results.get(&(year - 1));
        let reach = |id: &str| Reach::in_file(data, id, *year);

        let mut ids: Vec<&String> = results
            .keys()
            .chain(targets.keys())
            .chain(data.stated.keys())
            .collect();
        ids.sort();
        ids.dedup();
        let mut indicators = BTreeMap::new();
        for id in ids {
            let Some(unit) = catalogue.unit_of(id) else {
                continue;
            };
            let stated = data.stated.get(id).cloned().unwrap_or_default();
            // Last year's result, where it was measured as this year's is.
            let comparable = previous
                .and_then(|p| p.get(id))
                .filter(|(_, before)| *before == reach(id))
                .map(|(value, _)| *value);
            let mut figure = derive_indicator(
                unit,
                results.get(id).copied(),
                targets.get(id).copied(),
                comparable,
                &stated,
                period_of(data, id),
            );
            let share = unit.is_share();
            figure.targets = data
                .targets
                .get(id)
                .map(|list| {
                    list.0
                        .iter()
                        .map(|t| {
                            let currency = catalogue.figure_currency(id, t);
                            TargetFigure::of(t, currency, results.get(id).copied(), share)
                        })
                        .collect()
                })
                .unwrap_or_default();
            indicators.insert(id.clone(), figure);
        }
        by_year.insert(*year, Arc::new(indicators));
        let measured = results
            .into_iter()
            .map(|(id, value)| {
                let reach = reach(&id);
                (id, (value, reach))
            })
            .collect();
        completed_results.insert(*year, measured);
    }
    by_year
}

/// The period a year's result of `id` covers: its own, else its file's.
pub fn period_of(data: &YearData, id: &str) -> Period {
    data.results
        .get(id)
        .and_then(|f| f.period)
        .unwrap_or(data.period)
}

/// A year's figures as typed, completed by the identities and ratios of the catalogue.
fn completed(catalogue: &Catalogue, figures: &BTreeMap<String, Figure>) -> BTreeMap<String, Value> {
    let mut values = base_values(catalogue, figures);
    apply_identities(catalogue, &mut values);
    apply_ratios(catalogue, &mut values);
    values
}

fn base_values(
    catalogue: &Catalogue,
    figures: &BTreeMap<String, Figure>,
) -> BTreeMap<String, Value> {
    figures
        .iter()
        .map(|(id, f)| (id.clone(), Value::data(f, catalogue.figure_currency(id, f))))
        .collect()
}

/// The one currency of `ids`' values present (None: not money), or `Err` when they are in
/// several: money is never summed, divided or compared across currencies.
fn one_currency<'a>(
    values: &BTreeMap<String, Value>,
    ids: impl IntoIterator<Item = &'a String>,
) -> Result<Option<Currency>, ()> {
    let currencies: BTreeSet<Option<Currency>> = ids
        .into_iter()
        .filter_map(|id| values.get(id).map(|v| v.currency))
        .collect();
    match currencies.len() {
        0 => Ok(None),
        1 => Ok(currencies.into_iter().next().flatten()),
        _ => Err(()),
    }
}

/// Fills one missing member of `total = parts…` from the others, when all of them are exact.
fn apply_identities(catalogue: &Catalogue, values: &mut BTreeMap<String, Value>) {
    for identity in &catalogue.identities {
        let exact = |id: &String, values: &BTreeMap<String, Value>| {
            values.get(id).filter(|v| v.is_exact()).map(|v| v.value)
        };
        // A year whose figures give its members in different currencies: nothing is summed.
        let members = std::iter::once(&identity.total).chain(&identity.parts);
        let Ok(currency) = one_currency(values, members) else {
            continue;
        };
        let parts: Vec<Option<f64>> = identity.parts.iter().map(|p| exact(p, values)).collect();
        let total = exact(&identity.total, values);
        let missing_parts = parts.iter().filter(|p| p.is_none()).count();
        match (total, missing_parts) {
            (None, 0) if !values.contains_key(&identity.total) => {
                let sum = parts.iter().flatten().sum();
                let total = Value::computed(sum, 0).in_currency(currency);
                values.insert(identity.total.clone(), total);
            }
            (Some(total), 1) => {
                let index = parts
                    .iter()
                    .position(Option::is_none)
                    .expect("one part is missing");
                let id = &identity.parts[index];
                if !values.contains_key(id) {
                    let rest: f64 = parts.iter().flatten().sum();
                    let part = Value::computed(total - rest, 0).in_currency(currency);
                    values.insert(id.clone(), part);
                }
            }
            _ => {}
        }
    }
}

fn apply_ratios(catalogue: &Catalogue, values: &mut BTreeMap<String, Value>) {
    for ratio in &catalogue.ratios {
        if values.contains_key(&ratio.share) {
            continue;
        }
        let part = values.get(&ratio.part).filter(|v| v.is_exact());
        let whole = values
            .get(&ratio.whole)
            .filter(|v| v.is_exact() && v.value > 0.0);
        let alike = one_currency(values, [&ratio.part, &ratio.whole]).is_ok();
        if let (Some(part), Some(whole), true) = (part, whole, alike) {
            let share = part.value / whole.value * 100.0;
            values.insert(ratio.share.clone(), Value::computed(share, 2));
        }
    }
}

/// An indicator's figures of a year. Changes, gaps and shares of target are computed only
/// between figures in one currency: a result in dollars and a target in đồng compare nothing.
fn derive_indicator(
    unit: &Unit,
    result: Option<Value>,
    target: Option<Value>,
    previous: Option<Value>,
    stated: &Stated,
    period: Period,
) -> IndicatorYear {
    let share = unit.is_share();
    let exact = |v: Option<Value>| v.filter(Value::is_exact);
    // What the source states in the indicator's unit is in the currency of the figures it
    // speaks of.
    let currency = result.or(target).map_or(unit.currency(), |v| v.currency);
    let stated_amount = |v: Option<f64>| v.map(|v| Value::stated(v).in_currency(currency));
    let mut figure = IndicatorYear {
        result: Derived {
            computed: result,
            stated: stated_amount(stated.value),
        },
        target: Derived {
            computed: target,
            stated: stated_amount(stated.target),
        },
        period,
        ..IndicatorYear::default()
    };
    let alike = |a: &Value, b: &Value| a.currency == b.currency;
    if let Some((now, before)) = exact(result)
        .zip(exact(previous))
        .filter(|(a, b)| alike(a, b))
    {
        let decimals = now.decimals.max(before.decimals);
        let change = Value::computed(now.value - before.value, decimals).in_currency(now.currency);
        figure.change.computed = Some(change);
        if !share && before.value > 0.0 {
            let pct = (now.value - before.value) / before.value * 100.0;
            figure.change_pct.computed = Some(Value::computed(pct, 2));
        }
    }
    if let Some((now, goal)) = exact(result)
        .zip(exact(target))
        .filter(|(a, b)| alike(a, b))
    {
        let decimals = now.decimals.max(goal.decimals);
        let gap = Value::computed(now.value - goal.value, decimals).in_currency(now.currency);
        figure.gap_to_target.computed = Some(gap);
        if !share && goal.value > 0.0 {
            figure.share_of_target.computed =
                Some(Value::computed(now.value / goal.value * 100.0, 2));
        }
    }
    figure.change.stated = stated_amount(stated.change);
    figure.change_pct.stated = stated.change_pct.map(Value::stated);
    figure.share_of_target.stated = stated.share_of_target.map(Value::stated);
    figure.gap_to_target.stated = stated_amount(stated.gap_to_target);
    figure.times_target.stated = stated.times_target.map(Value::stated);
    figure
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::UnitKind;

    fn unit(kind: UnitKind) -> Unit {
        Unit {
            kind,
            of: (kind == UnitKind::Share).then(|| "population".to_string()),
            currency: None,
            chart: None,
        }
    }

    fn count() -> Unit {
        unit(UnitKind::Count)
    }

    fn exact(v: f64, d: u8) -> Option<Value> {
        Some(Value {
            value: v,
            decimals: d,
            qualifier: Qualifier::Exact,
            origin: Origin::Data,
            rounded_to: None,
            currency: None,
        })
    }

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    #[test]
    fn a_year_stands_as_of_a_day_of_it_or_of_the_next_first_quarter() {
        assert!(as_of_fits(2023, date("2023-01-01")));
        assert!(as_of_fits(2023, date("2023-12-31")));
        assert!(as_of_fits(2023, date("2024-03-31")));
        assert!(!as_of_fits(2023, date("2024-04-01")));
        assert!(!as_of_fits(2023, date("2022-12-31")));
        assert!(!as_of_fits(2023, date("1999-12-31")));
    }

    #[test]
    fn parent_cycles_are_found_from_each_of_their_regions() {
        let regions: BTreeMap<String, Region> = serde_yaml::from_str(
            "a: {kind: province, parent: b}\nb: {kind: province, parent: c}\n\
             c: {kind: province, parent: a}\nd: {kind: province, parent: a}\n\
             e: {kind: country}\nf: {kind: province, parent: e}\n",
        )
        .expect("regions");
        assert_eq!(parent_cycle("a", &regions), Some(vec!["a", "b", "c", "a"]));
        assert_eq!(parent_cycle("c", &regions), Some(vec!["c", "a", "b", "c"]));
        // Below a cycle, not in it.
        assert_eq!(parent_cycle("d", &regions), None);
        assert_eq!(parent_cycle("f", &regions), None);
    }

    #[test]
    fn change_is_computed_from_the_previous_year() {
        let f = derive_indicator(
            &count(),
            exact(26668.0, 0),
            None,
            exact(19448.0, 0),
            &Stated::default(),
            Period::Year,
        );
        assert_eq!(f.change.shown().unwrap().value, 7220.0);
        let pct = f.change_pct.shown().unwrap().value;
        assert!((pct - 37.125).abs() < 0.001, "{pct}");
    }

    #[test]
    fn shares_change_in_points_not_percent() {
        let share = unit(UnitKind::Share);
        let f = derive_indicator(
            &share,
            exact(93.0, 0),
            exact(92.5, 1),
            exact(92.0, 0),
            &Stated::default(),
            Period::Year,
        );
        assert_eq!(f.change.shown().unwrap().value, 1.0);
        assert!(f.change_pct.shown().is_none());
        assert_eq!(f.gap_to_target.shown().unwrap().value, 0.5);
        assert!(f.share_of_target.shown().is_none());
    }

    #[test]
    fn money_is_never_compared_across_currencies() {
        let dollars = |v: f64| exact(v, 0).map(|v| v.in_currency(Currency::parse("USD")));
        let dong = |v: f64| exact(v, 0).map(|v| v.in_currency(Some(Currency::VND)));
        let money = unit(UnitKind::Money);
        let f = derive_indicator(
            &money,
            dollars(21.4e9),
            dong(520e12),
            dong(500e12),
            &Stated::default(),
            Period::Year,
        );
        assert!(f.change.shown().is_none() && f.change_pct.shown().is_none());
        assert!(f.gap_to_target.shown().is_none() && f.share_of_target.shown().is_none());
        let f = derive_indicator(
            &money,
            dollars(21.4e9),
            None,
            dollars(20e9),
            &Stated::default(),
            Period::Year,
        );
        let change = f.change.shown().unwrap();
        assert_eq!(
            (change.value, change.currency),
            (1.4e9, Currency::parse("USD"))
        );

        let mut values = BTreeMap::from([
            ("part-a".to_string(), dollars(1e9).unwrap()),
            ("part-b".to_string(), dong(2e9).unwrap()),
        ]);
        let catalogue: Catalogue = serde_yaml::from_str(
            "indicators: {}\nidentities: [{total: total, parts: [part-a, part-b]}]\n",
        )
        .expect("catalogue");
        apply_identities(&catalogue, &mut values);
        assert!(!values.contains_key("total"), "summed across currencies");
    }

    #[test]
    fn stated_figures_show_only_when_nothing_computes_them() {
        let stated = Stated {
            change_pct: Some(10.66),
            share_of_target: Some(102.71),
            ..Stated::default()
        };
        let over = Some(Value {
            qualifier: Qualifier::Over,
            ..exact(5_600_000.0, 0).unwrap()
        });
        let f = derive_indicator(&count(), over, None, None, &stated, Period::Year);
        assert_eq!(f.change_pct.shown().unwrap().origin, Origin::Stated);
        let f = derive_indicator(
            &count(),
            exact(110.0, 0),
            exact(100.0, 0),
            exact(100.0, 0),
            &stated,
            Period::Year,
        );
        assert_eq!(f.change_pct.shown().unwrap().value, 10.0);
        assert_eq!(f.share_of_target.shown().unwrap().origin, Origin::Computed);
    }
}
