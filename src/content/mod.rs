//! Loads `content/` into a plain site model: site settings, catalogues, yearly data, bulletins.
//!
//! Syntax, types, unknown keys, duplicate keys and impossible dates are caught here, each with
//! its file and line; what the values mean is checked by `figures`.

pub mod access;
mod files;
pub mod freshness;
pub mod spans;
pub mod yaml;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};
pub use files::{control_characters, image_size, is_forbidden_control, strip_controls};
use freshness::Fingerprint;
use yaml::UniqueMap;

/// A calendar date, checked to exist (no 30 February); serialised as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        icu_calendar::Date::try_new_iso(date.year, date.month, date.day).ok()?;
        Some(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor, not `String::deserialize` then a check: an error raised inside the
        // visitor carries the value's position, one raised afterwards only the document's.
        struct DateVisitor;

        impl Visitor<'_> for DateVisitor {
            type Value = Date;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written as YYYY-MM-DD")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse(text).ok_or_else(|| {
                    E::custom(format!(
                        "`{text}` is not a date that exists; write it as YYYY-MM-DD"
                    ))
                })
            }
        }

        deserializer.deserialize_str(DateVisitor)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SiteConfig {
    pub base_url: String,
    pub languages: Vec<String>,
    pub default_language: String,
    /// BCP 47 tags for `<html lang>` where they differ from the folder name (`zh` → `zh-Hans`).
    #[serde(default)]
    pub language_tags: UniqueMap<String, String>,
    /// Who publishes the site; its name is the `publisher-name` message of each locale.
    #[serde(default)]
    pub publisher: Publisher,
    /// Resolutions, decisions and plans that data files cite (`source: decision-546`).
    #[serde(default)]
    pub sources: UniqueMap<String, Source>,
}

/// The publisher's address and logo (its name, a word a reader sees, lives in locales/).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Publisher {
    /// The publisher's own website, absolute `http(s)`.
    pub url: Option<String>,
    /// A file of `templates/static/`, e.g. `logo.svg`, shown beside the name on every page.
    pub logo: Option<String>,
    /// The logo's size in CSS pixels, read from the file when the content loads.
    #[serde(skip)]
    pub logo_size: Option<(u32, u32)>,
}

/// A resolution, decision or plan that figures and targets cite by id; its name in each
/// language is the `source-<id>` message of `locales/<lang>/sources.ftl`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Source {
    /// Where to read it, absolute `http(s)`.
    pub url: Option<String>,
}

/// What a `source` names: a web address, or a plan listed under `sources:` in `site.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceRef<'a> {
    Address(&'a str),
    Plan(&'a str),
}

impl<'a> SourceRef<'a> {
    pub fn of(source: &'a str) -> SourceRef<'a> {
        if source.contains("://") {
            SourceRef::Address(source)
        } else {
            SourceRef::Plan(source)
        }
    }
}

impl SiteConfig {
    /// Where a source can be read: the address itself, or the plan's address if it has one.
    pub fn source_url<'a>(&'a self, source: &'a str) -> Option<&'a str> {
        match SourceRef::of(source) {
            SourceRef::Address(url) => Some(url),
            SourceRef::Plan(id) => self.sources.get(id).and_then(|s| s.url.as_deref()),
        }
    }

    pub fn html_lang<'a>(&'a self, lang: &'a str) -> &'a str {
        self.language_tags.get(lang).map_or(lang, String::as_str)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RegionKind {
    Country,
    Province,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BorderChangeKind {
    /// The region took in the listed regions and kept its name.
    Absorbed,
    /// The region became part of the listed region.
    MergedInto,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BorderChange {
    pub date: Date,
    pub change: BorderChangeKind,
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Region {
    pub kind: RegionKind,
    pub parent: Option<String>,
    #[serde(default)]
    pub border_changes: Vec<BorderChange>,
}

/// What kind of quantity a unit measures: decides which checks apply and how figures read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitKind {
    /// People, cases, visits …: whole numbers, never negative.
    Count,
    /// An amount in a currency: whole numbers of its smallest common unit, never negative.
    Money,
    /// A share of a whole, 0–100, whose changes are percentage points.
    Share,
}

impl UnitKind {
    pub fn is_share(self) -> bool {
        self == UnitKind::Share
    }
}

/// What a unit's figures are to charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitChart {
    /// A rate the result-vs-target chart shows against its target (coverage of the
    /// population or of the labour force), where a higher share is the goal.
    Rate,
}

/// A unit declared under `units:` in `indicators.yaml`, e.g.
/// `pct-respondents: {kind: share, of: respondents}` or `usd: {kind: money, currency: USD}`;
/// its label is the Fluent message `unit-<id>`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Unit {
    pub kind: UnitKind,
    /// For a share, the whole it is a share of: `population`, `labour-force`, `respondents` …
    pub of: Option<String>,
    /// For money, the currency (ISO 4217); đồng when not given.
    pub currency: Option<Currency>,
    pub chart: Option<UnitChart>,
}

impl Unit {
    pub fn is_share(&self) -> bool {
        self.kind.is_share()
    }

    pub fn is_money(&self) -> bool {
        self.kind == UnitKind::Money
    }

    /// The currency of the unit's figures, for money: its own, else đồng.
    pub fn currency(&self) -> Option<Currency> {
        self.is_money()
            .then(|| self.currency.unwrap_or(Currency::VND))
    }
}

/// An ISO 4217 currency code: three capital letters (`VND`, `USD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The đồng: money without a declared currency is in đồng.
    pub const VND: Currency = Currency(*b"VND");

    pub fn parse(code: &str) -> Option<Currency> {
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_uppercase)
            .then_some(Currency(bytes))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("three ASCII capitals, checked by `parse`")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor, as for `Date`: the error then carries the code's position.
        struct CurrencyVisitor;

        impl Visitor<'_> for CurrencyVisitor {
            type Value = Currency;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an ISO 4217 currency code such as USD")
            }

            fn visit_str<E: de::Error>(self, code: &str) -> Result<Currency, E> {
                Currency::parse(code).ok_or_else(|| {
                    E::custom(format!(
                        "`{code}` is not an ISO 4217 currency code: write its three capital \
                         letters, such as VND, USD or EUR"
                    ))
                })
            }
        }

        deserializer.deserialize_str(CurrencyVisitor)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Indicator {
    /// A unit id declared under `units:`.
    pub unit: String,
    pub group: String,
}

/// `total` = sum of `parts`, by definition.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Identity {
    pub total: String,
    pub parts: Vec<String>,
}

/// `share` = `part` / `whole` × 100, by definition.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Ratio {
    pub share: String,
    pub part: String,
    pub whole: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Catalogue {
    /// The units indicators are measured in, by id.
    #[serde(default)]
    pub units: UniqueMap<String, Unit>,
    pub indicators: UniqueMap<String, Indicator>,
    #[serde(default)]
    pub identities: Vec<Identity>,
    #[serde(default)]
    pub ratios: Vec<Ratio>,
}

impl Catalogue {
    /// The declared unit of an indicator; None for an unknown indicator or unit.
    pub fn unit_of(&self, indicator: &str) -> Option<&Unit> {
        self.units.get(&self.indicators.get(indicator)?.unit)
    }

    /// The kind of an indicator's figures; a count when unknown (validation refuses that).
    pub fn kind_of(&self, indicator: &str) -> UnitKind {
        self.unit_of(indicator).map_or(UnitKind::Count, |u| u.kind)
    }

    /// The currency of an indicator's money, as its unit declares it (đồng by default); a
    /// figure may give another.
    pub fn currency_of(&self, indicator: &str) -> Option<Currency> {
        self.unit_of(indicator).and_then(Unit::currency)
    }

    /// The currency a figure of `indicator` is in: its own, else its unit's. None for figures
    /// that are not money.
    pub fn figure_currency(&self, indicator: &str, figure: &Figure) -> Option<Currency> {
        let default = self.currency_of(indicator)?;
        Some(figure.currency.unwrap_or(default))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    #[default]
    Exact,
    Over,
    About,
    Under,
    /// Close below the value: "nearly 40,000" (gần, 近, nesten).
    Nearly,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Over => "over",
            Qualifier::About => "about",
            Qualifier::Under => "under",
            Qualifier::Nearly => "nearly",
        }
    }
}

/// The span of time a figure covers when it is not the whole year:
/// `year` (the default), `to-date` (up to `as-of`), or `{months: 11}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Period {
    #[default]
    Year,
    /// Up to the file's `as-of` date.
    ToDate,
    /// The first N months of the year, up to the `as-of` date.
    Months(u32),
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PeriodVisitor;

        impl<'de> Visitor<'de> for PeriodVisitor {
            type Value = Period;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`year`, `to-date`, or `{months: N}`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
                match v {
                    "year" => Ok(Period::Year),
                    "to-date" => Ok(Period::ToDate),
                    other => Err(E::unknown_variant(other, &["year", "to-date", "months"])),
                }
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Period, A::Error> {
                let Some(key) = map.next_key::<String>()? else {
                    return Err(de::Error::custom("an empty period; write `{months: N}`"));
                };
                if key != "months" {
                    return Err(de::Error::unknown_field(&key, &["months"]));
                }
                let months: u32 = map.next_value()?;
                if !(1..=12).contains(&months) {
                    return Err(de::Error::custom(format!(
                        "{months} months: a period within a year has 1 to 12 months"
                    )));
                }
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(de::Error::unknown_field(&extra, &["months"]));
                }
                Ok(Period::Months(months))
            }
        }

        deserializer.deserialize_any(PeriodVisitor)
    }
}

/// A number as the source gave it, with its qualifier and the decimals it was written with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub decimals: u8,
    pub qualifier: Qualifier,
    pub period: Option<Period>,
    /// The power of ten the source rounded to, without a hedge ("92.45 million people" is
    /// `rounded-to: 10000`): pages show it scaled to that precision, `check` compares within it.
    pub rounded_to: Option<f64>,
    /// For money, a currency other than the unit's (`currency: USD`).
    pub currency: Option<Currency>,
    /// Where this figure comes from, when not (only) from its file's `sources`: a web address
    /// or the id of a source of `content/site.yaml` (a resolution, a decision, a plan).
    pub source: Option<String>,
    /// A target's deadline, when later than its file's year ("95 % by 2025").
    pub by: Option<i32>,
}

impl Figure {
    pub fn exact(value: f64, decimals: u8) -> Figure {
        Figure {
            value,
            decimals,
            qualifier: Qualifier::Exact,
            period: None,
            rounded_to: None,
            currency: None,
            source: None,
            by: None,
        }
    }

    pub fn is_exact(&self) -> bool {
        self.qualifier == Qualifier::Exact
    }
}

/// Decimals of a number as YAML wrote it: Rust prints the shortest text that reads back the same.
pub fn decimals_of(value: f64) -> u8 {
    let text = format!("{value}");
    text.split_once('.')
        .map_or(0, |(_, d)| d.len().min(6) as u8)
}

/// How an error names a number YAML read as text; `yaml` adds the hint on how to write it.
pub(crate) const NOT_A_YAML_NUMBER: &str = "text, not a number";

/// Digits as editors write them by habit: with group separators (`2.911.787`, `2 911 787`), a
/// decimal comma (`93,5`), a percent sign (`93%`), or in quotes. YAML reads all of them as text.
fn written_as_number(text: &str) -> bool {
    let text = text.trim();
    let text = text.strip_suffix('%').unwrap_or(text).trim_end();
    let text = text.strip_prefix('-').unwrap_or(text);
    text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}'))
}

/// Checks a `rounded-to` step: a power of ten (0.01 to 10¹²) that `value` is a multiple of.
fn rounding_step<E: de::Error>(value: f64, step: f64) -> Result<f64, E> {
    let exponent = step.log10().round();
    let power = step > 0.0 && (10f64.powf(exponent) - step).abs() <= step * 1e-9;
    if !power || !(-2.0..=12.0).contains(&exponent) {
        return Err(E::custom(format!(
            "rounded-to: {step} is not a power of ten; write the step the source rounded to, \
             such as 10000 for \"92.45 million\" or 0.1 for \"93.5%\""
        )));
    }
    let steps = value / step;
    if (steps - steps.round()).abs() > 1e-6 {
        return Err(E::custom(format!(
            "{value} is not rounded to {step}: a figure given as rounded must be a multiple \
             of its step"
        )));
    }
    Ok(step)
}

/// Largest whole number a figure may be: beyond 2^53 an `f64` no longer holds every digit, and
/// 9007199254740993 would quietly become …992.
pub(crate) const MAX_EXACT_INTEGER: u64 = 1 << 53;

/// How an error names a number beyond [`MAX_EXACT_INTEGER`]; `yaml` adds the hint.
pub(crate) const LARGER_THAN_ANY_FIGURE: &str = "is larger than any real figure";

/// A figure's number, with whole numbers checked before they become an `f64`: a figure too
/// large to keep every digit is refused where it is written, never rounded.
struct FigureNumber(f64);

impl<'de> Deserialize<'de> for FigureNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FigureNumberVisitor)
    }
}

struct FigureNumberVisitor;

impl FigureNumberVisitor {
    fn whole<E: de::Error>(v: i128) -> Result<FigureNumber, E> {
        if v.unsigned_abs() > u128::from(MAX_EXACT_INTEGER) {
            return Err(E::custom(format!(
                "{v} {LARGER_THAN_ANY_FIGURE}: above {MAX_EXACT_INTEGER} a number no longer \
                 keeps every digit"
            )));
        }
        // Exact: every whole number up to 2^53 is an `f64`.
        Ok(FigureNumber(v as f64))
    }
}

impl Visitor<'_> for FigureNumberVisitor {
    type Value = FigureNumber;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<FigureNumber, E> {
        Self::whole(v.into())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<FigureNumber, E> {
        Self::whole(v.into())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<FigureNumber, E> {
        if !v.is_finite() {
            return Err(E::custom(
                "a figure must be a finite number, not NaN or infinity",
            ));
        }
        Ok(FigureNumber(v))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<FigureNumber, E> {
        if written_as_number(text) {
            Err(E::custom(format!("`{text}` is {NOT_A_YAML_NUMBER}")))
        } else {
            Err(E::invalid_type(de::Unexpected::Str(text), &self))
        }
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FigureVisitor;

        fn number(FigureNumber(value): FigureNumber) -> Figure {
            Figure::exact(value, decimals_of(value))
        }

        impl<'de> Visitor<'de> for FigureVisitor {
            type Value = Figure;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or a map with `value` and `qualifier` (over, about, under)")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                FigureNumberVisitor.visit_i64(v).map(number)
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                FigureNumberVisitor.visit_u64(v).map(number)
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                FigureNumberVisitor.visit_f64(v).map(number)
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Figure, E> {
                if written_as_number(text) {
                    FigureNumberVisitor.visit_str(text).map(number)
                } else {
                    Err(E::invalid_type(de::Unexpected::Str(text), &self))
                }
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Figure, A::Error> {
                let mut value: Option<FigureNumber> = None;
                let mut qualifier = None;
                let mut period = None;
                let mut rounded_to: Option<f64> = None;
                let mut currency = None;
                let mut source: Option<String> = None;
                let mut by: Option<i32> = None;
                while let Some(key) = map.next_key::<String>()? {
                    let duplicate = || de::Error::custom(format!("duplicate key `{key}`"));
                    match key.as_str() {
                        "value" if value.is_some() => return Err(duplicate()),
                        "value" => value = Some(map.next_value()?),
                        "qualifier" if qualifier.is_some() => return Err(duplicate()),
                        "qualifier" => qualifier = Some(map.next_value::<Qualifier>()?),
                        "period" if period.is_some() => return Err(duplicate()),
                        "period" => period = Some(map.next_value::<Period>()?),
                        "rounded-to" if rounded_to.is_some() => return Err(duplicate()),
                        "rounded-to" => rounded_to = Some(map.next_value::<f64>()?),
                        "currency" if currency.is_some() => return Err(duplicate()),
                        "currency" => currency = Some(map.next_value::<Currency>()?),
                        "source" if source.is_some() => return Err(duplicate()),
                        "source" => source = Some(map.next_value::<String>()?),
                        "by" if by.is_some() => return Err(duplicate()),
                        "by" => by = Some(map.next_value::<i32>()?),
                        other => {
                            return Err(de::Error::unknown_field(
                                other,
                                &[
                                    "value",
                                    "qualifier",
                                    "period",
                                    "rounded-to",
                                    "currency",
                                    "source",
                                    "by",
                                ],
                            ))
                        }
                    }
                }
                let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
                let mut figure = number(value);
                figure.qualifier = qualifier.unwrap_or_default();
                figure.period = period;
                figure.currency = currency;
                figure.source = source;
                figure.by = by;
                if let Some(step) = rounded_to {
                    figure.rounded_to = Some(rounding_step(figure.value, step)?);
                }
                Ok(figure)
            }
        }

        deserializer.deserialize_any(FigureVisitor)
    }
}

/// An indicator's targets for a year: one figure, or a list when several plans set one (a
/// government decision and a provincial resolution). The first is the primary target, the
/// one charts show and headline cards compare with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Targets(pub Vec<Figure>);

impl Targets {
    pub fn primary(&self) -> &Figure {
        &self.0[0]
    }
}

impl<'de> Deserialize<'de> for Targets {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TargetsVisitor;

        impl<'de> Visitor<'de> for TargetsVisitor {
            type Value = Targets;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a target (a number or a map with `value`), or a list of targets")
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Targets, A::Error> {
                let mut all = Vec::new();
                while let Some(figure) = seq.next_element::<Figure>()? {
                    all.push(figure);
                }
                if all.is_empty() {
                    return Err(de::Error::custom(
                        "an empty list of targets; give at least one, or remove the key",
                    ));
                }
                Ok(Targets(all))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Targets, A::Error> {
                Figure::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|f| Targets(vec![f]))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Targets, E> {
                Figure::deserialize(de::value::I64Deserializer::new(v)).map(|f| Targets(vec![f]))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Targets, E> {
                Figure::deserialize(de::value::U64Deserializer::new(v)).map(|f| Targets(vec![f]))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Targets, E> {
                Figure::deserialize(de::value::F64Deserializer::new(v)).map(|f| Targets(vec![f]))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Targets, E> {
                Figure::deserialize(de::value::StrDeserializer::new(v)).map(|f| Targets(vec![f]))
            }
        }

        deserializer.deserialize_any(TargetsVisitor)
    }
}

/// What a source article says about derived figures, recorded to be compared with the data.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Stated {
    /// The figure itself, where the data can derive it (an identity or a ratio).
    pub value: Option<f64>,
    /// The year's target, where the data can derive it.
    pub target: Option<f64>,
    pub change: Option<f64>,
    pub change_pct: Option<f64>,
    pub share_of_target: Option<f64>,
    pub gap_to_target: Option<f64>,
    /// A multiple of an outside target whose value the source does not give.
    pub times_target: Option<f64>,
}

/// A note shown on the region page: a Fluent message `note-<id>` and its whole-number arguments.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Note {
    pub note: String,
    #[serde(flatten)]
    pub args: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct YearData {
    pub as_of: Option<Date>,
    #[serde(default)]
    pub period: Period,
    #[serde(default)]
    pub results: UniqueMap<String, Figure>,
    #[serde(default)]
    pub targets: UniqueMap<String, Targets>,
    #[serde(default)]
    pub stated: UniqueMap<String, Stated>,
    #[serde(default)]
    pub notes: Vec<Note>,
    #[serde(default)]
    pub sources: Vec<String>,
}

impl YearData {
    /// Each indicator's primary target: the one changes, shares of target and charts use.
    pub fn primary_targets(&self) -> BTreeMap<String, Figure> {
        self.targets
            .iter()
            .map(|(id, targets)| (id.clone(), targets.primary().clone()))
            .collect()
    }
}

/// A source file kept with its text, so later stages can point at lines in it.
#[derive(Debug, Clone, Serialize)]
pub struct SourceFile {
    pub path: PathBuf,
    #[serde(skip)]
    pub text: String,
}

impl SourceFile {
    /// A diagnostic at the key `key_path` of this YAML file (or the file itself if not found).
    pub fn error_at(&self, key_path: &[&str], message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message)
            .at_opt(&self.text, yaml::locate(&self.text, key_path))
    }

    pub fn warning_at(&self, key_path: &[&str], message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.path, message)
            .at_opt(&self.text, yaml::locate(&self.text, key_path))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RegionYear {
    pub region: String,
    pub year: i32,
    pub data: YearData,
    pub file: SourceFile,
}

/// A chart a bulletin can show, by the id `bulletin.yaml` names it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartId {
    /// The rates of the results year against their targets (and next year's).
    ResultVsTarget,
    /// Participants per scheme over the years up to the bulletin's.
    ParticipantsTrend,
    /// Compulsory against voluntary social insurance in the results year.
    SiSplit,
}

impl ChartId {
    /// The charts a bulletin shows when it names none, in order.
    pub const DEFAULT: [ChartId; 3] = [
        ChartId::ResultVsTarget,
        ChartId::ParticipantsTrend,
        ChartId::SiSplit,
    ];
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BulletinMeta {
    pub region: String,
    pub date: Date,
    pub updated: Option<Date>,
    pub results_year: i32,
    /// The year whose targets the bulletin announces, if it announces any.
    pub targets_year: Option<i32>,
    pub source: Option<String>,
    #[serde(default)]
    pub headline: Vec<String>,
    /// Charts to show, in order; the defaults when absent.
    pub charts: Option<Vec<ChartId>>,
    /// Earlier years the results table also compares with (`since: [2010]`): a column of the
    /// change since each, in percent (points for shares).
    #[serde(default)]
    pub since: Vec<i32>,
    #[serde(default)]
    pub draft: bool,
}

impl BulletinMeta {
    /// When the bulletin last changed: its `updated` date, else its date (never the clock).
    pub fn last_changed(&self) -> Date {
        self.updated.unwrap_or(self.date)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    /// In a translation: the fingerprint of the default-language narrative it was made from.
    #[serde(default, rename = "translated-from")]
    pub translated_from: Option<Fingerprint>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Narrative {
    pub lang: String,
    pub front: FrontMatter,
    /// Where the body starts in `file.text` (the text is kept once, not twice).
    body_start: usize,
    /// Line of the body's first line in the file, for errors inside the body.
    pub body_line: usize,
    /// What it says, as hashes: taken while the text is at hand, since it is let go of later.
    pub fingerprint: Fingerprint,
    pub file: SourceFile,
}

impl Narrative {
    /// The Markdown after the front matter; empty once the text is released (see
    /// [`Narrative::with_text`]).
    pub fn body(&self) -> &str {
        self.file.text.get(self.body_start..).unwrap_or("")
    }

    /// Lets go of the file's text, keeping the front matter: an archive of thousands of
    /// bulletins then holds titles and summaries in memory, not every narrative.
    pub fn release_text(&mut self) {
        self.file.text = String::new();
    }

    /// The narrative with its text: itself if it kept the text, else read again.
    pub fn with_text(&self) -> Result<std::borrow::Cow<'_, Narrative>, Diagnostic> {
        if !self.file.text.is_empty() {
            return Ok(std::borrow::Cow::Borrowed(self));
        }
        load_narrative(&self.file.path, &self.lang).map(std::borrow::Cow::Owned)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Bulletin {
    /// `YYYY-MM-DD-<region>`: the folder name, and the URL.
    pub slug: String,
    pub meta: BulletinMeta,
    pub file: SourceFile,
    pub narratives: BTreeMap<String, Narrative>,
}

/// Everything under `content/`, parsed but not yet interpreted.
#[derive(Debug, Clone, Serialize)]
pub struct Content {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub config_file: SourceFile,
    pub regions: BTreeMap<String, Region>,
    pub regions_file: SourceFile,
    pub catalogue: Catalogue,
    pub catalogue_file: SourceFile,
    /// region → year → data.
    pub years: BTreeMap<String, BTreeMap<i32, RegionYear>>,
    /// Newest first.
    pub bulletins: Vec<Bulletin>,
}

/// An id usable in a URL: lowercase ASCII letters and digits in dash-separated words.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn load_yaml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<(T, SourceFile), Diagnostic> {
    let text = yaml::read_text(path)?;
    let value = yaml::parse(path, &text)?;
    Ok((
        value,
        SourceFile {
            path: path.to_path_buf(),
            text,
        },
    ))
}

/// Reads the size of the publisher's logo, which must be an SVG or PNG file of
/// `templates/static/` (copied to the output root, where pages link it). Its address is
/// checked with the other addresses of site.yaml, in `figures::validate`.
fn check_publisher(
    root: &Path,
    publisher: &mut Publisher,
    file: &SourceFile,
) -> Result<(), Diagnostic> {
    let Some(logo) = &publisher.logo else {
        return Ok(());
    };
    let statics = root.join("templates").join("static");
    let path = statics.join(logo);
    // Only a plain relative path inside templates/static/ is copied to the output.
    let inside = Path::new(logo)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    let bytes = if inside && path.is_file() {
        std::fs::read(&path).ok()
    } else {
        None
    };
    let Some(bytes) = bytes else {
        let mut present: Vec<String> = WalkDir::new(&statics)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let name = e.path().strip_prefix(&statics).ok()?.to_string_lossy();
                let image = [".svg", ".png"].iter().any(|x| name.ends_with(x));
                image.then(|| name.replace('\\', "/"))
            })
            .collect();
        present.sort();
        let hint = if present.is_empty() {
            "put the logo (SVG or PNG) in templates/static/ and name it here, or remove `logo`"
                .to_string()
        } else {
            format!(
                "name an SVG or PNG file of templates/static/: {}",
                present.join(", ")
            )
        };
        return Err(file
            .error_at(
                &["publisher", "logo"],
                format!("the logo `{logo}` is not a file of templates/static/"),
            )
            .with_hint(hint));
    };
    match image_size(&bytes) {
        Some(size) if size.0 > 0 && size.1 > 0 => {
            publisher.logo_size = Some(size);
            Ok(())
        }
        _ => Err(file
            .error_at(
                &["publisher", "logo"],
                format!("the logo `{logo}` is neither an SVG nor a PNG image with a size"),
            )
            .with_hint("save the logo as SVG (with width and height, or a viewBox) or as PNG")),
    }
}

/// Loads `<root>/content`. Reports every problem it can find before giving up.
pub fn load(root: &Path, include_drafts: bool) -> Result<Content, Diagnostics> {
    let dir = root.join("content");
    let mut problems = Diagnostics::default();
    if !dir.is_dir() {
        return Err(Diagnostic::error(
            &dir,
            format!("there is no content folder in `{}`", root.display()),
        )
        .with_hint(
            "run bantin in a site folder, pass --root DIR, or create one with `bantin init DIR`",
        )
        .into());
    }
    let mut config = load_yaml::<SiteConfig>(&dir.join("site.yaml"));
    if let Ok((config, file)) = &mut config {
        if let Err(problem) = check_publisher(root, &mut config.publisher, file) {
            problems.push(problem);
        }
    }
    let regions = load_yaml::<UniqueMap<String, Region>>(&dir.join("regions.yaml"));
    let catalogue = load_yaml::<Catalogue>(&dir.join("indicators.yaml"));
    let years = load_years(&dir.join("data"), &mut problems);
    let bulletins = load_bulletins(&dir.join("bulletins"), include_drafts, &mut problems);

    match (config, regions, catalogue) {
        (
            Ok((config, config_file)),
            Ok((regions, regions_file)),
            Ok((catalogue, catalogue_file)),
        ) if !problems.has_errors() => Ok(Content {
            root: root.to_path_buf(),
            config,
            config_file,
            regions: regions.0,
            regions_file,
            catalogue,
            catalogue_file,
            years,
            bulletins,
        }),
        (config, regions, catalogue) => {
            for problem in [config.err(), regions.err(), catalogue.err()]
                .into_iter()
                .flatten()
            {
                problems.push(problem);
            }
            Err(problems.sorted())
        }
    }
}

/// Files of a folder, sorted by name; a symlink loop or an unreadable entry is reported.
fn entries(dir: &Path, depth: usize, problems: &mut Diagnostics) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .min_depth(depth)
        .max_depth(depth)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_file(&e.file_name().to_string_lossy()));
    for entry in walk {
        match entry {
            Ok(entry) => found.push(entry.into_path()),
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let message = if e.loop_ancestor().is_some() {
                    "a symbolic link here points back to a folder that contains it".to_string()
                } else {
                    format!("cannot read this entry: {e}")
                };
                problems.push(
                    Diagnostic::error(path, message)
                        .with_hint("remove the link or point it somewhere outside content/"),
                );
            }
        }
    }
    found
}

fn load_years(
    dir: &Path,
    problems: &mut Diagnostics,
) -> BTreeMap<String, BTreeMap<i32, RegionYear>> {
    let mut years: BTreeMap<String, BTreeMap<i32, RegionYear>> = BTreeMap::new();
    if !dir.is_dir() {
        return years;
    }
    // Deeper entries are unexpected: report them rather than ignore data silently.
    for path in entries(dir, 3, problems) {
        problems.push(
            Diagnostic::error(&path, "data files sit directly in data/<region>/")
                .with_hint("move the file to content/data/<region>/<year>.yaml"),
        );
    }
    for path in entries(dir, 2, problems) {
        if path.is_dir() {
            continue;
        }
        let region = path
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let Some(year) = name.as_deref().and_then(data_file_year) else {
            problems.push(
                Diagnostic::error(
                    &path,
                    format!(
                        "a data file must be named <year>.yaml: four digits, a year from {} to {}, \
                         e.g. 2024.yaml",
                        DATA_YEARS.start(),
                        DATA_YEARS.end()
                    ),
                )
                .with_hint("rename the file, or move it out of content/data/"),
            );
            continue;
        };
        match load_region_year(&path, &region, year) {
            Ok(region_year) => {
                years.entry(region).or_default().insert(year, region_year);
            }
            Err(d) => problems.push(d),
        }
    }
    years
}

/// The years a data file may hold. One outside them is a slip in the file name (`2924.yaml`
/// for 2024), never the data of a province of Viet Nam.
pub(crate) const DATA_YEARS: std::ops::RangeInclusive<i32> = 1945..=2100;

/// The year a data file's name gives (`2024.yaml`): exactly four ASCII digits, within
/// [`DATA_YEARS`]. Parsing alone would read `-001.yaml` as the year −1 and `+999.yaml` as 999.
pub(crate) fn data_file_year(name: &str) -> Option<i32> {
    let digits = name.strip_suffix(".yaml")?;
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = digits.parse().ok()?;
    DATA_YEARS.contains(&year).then_some(year)
}

/// One data file, `content/data/<region>/<year>.yaml`, whose name is already checked.
pub(crate) fn load_region_year(
    path: &Path,
    region: &str,
    year: i32,
) -> Result<RegionYear, Diagnostic> {
    let (data, file) = load_yaml::<YearData>(path)?;
    Ok(RegionYear {
        region: region.to_string(),
        year,
        data,
        file,
    })
}

/// A file an editor keeps beside the one being edited (swap, backup, lock or autosave file,
/// vim's write test `4913`), or any hidden file: never content, so never loaded or reported.
pub fn is_editor_file(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

fn load_bulletins(dir: &Path, include_drafts: bool, problems: &mut Diagnostics) -> Vec<Bulletin> {
    let mut bulletins = Vec::new();
    if !dir.is_dir() {
        return bulletins;
    }
    for folder in entries(dir, 1, problems) {
        if !folder.is_dir() {
            continue;
        }
        let slug = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let meta_path = folder.join("bulletin.yaml");
        let (meta, file) = match load_yaml::<BulletinMeta>(&meta_path) {
            Ok(pair) => pair,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        if meta.draft && !include_drafts {
            continue;
        }
        if !is_slug(&meta.region) {
            problems.push(
                file.error_at(
                    &["region"],
                    format!("`{}` is not a valid region id", meta.region),
                )
                .with_hint("use a region id of content/regions.yaml, e.g. `nghe-an`"),
            );
            continue;
        }
        let expected = format!("{}-{}", meta.date, meta.region);
        if slug != expected {
            problems.push(
                file.error_at(
                    &["date"],
                    format!("the folder `{slug}` does not match the bulletin's date and region"),
                )
                .with_hint(format!(
                    "name the folder `{expected}` (YYYY-MM-DD-<region>)"
                )),
            );
            continue;
        }
        let mut narratives = BTreeMap::new();
        for path in entries(&folder, 1, problems) {
            let Some(lang) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".md"))
            else {
                continue;
            };
            match load_narrative(&path, lang) {
                Ok(n) => {
                    let mut n = n;
                    n.release_text();
                    narratives.insert(lang.to_string(), n);
                }
                Err(d) => problems.push(d),
            }
        }
        bulletins.push(Bulletin {
            slug,
            meta,
            file,
            narratives,
        });
    }
    bulletins.sort_by(|a, b| (b.meta.date, &b.slug).cmp(&(a.meta.date, &a.slug)));
    bulletins
}

/// A narrative: YAML front matter between `---` lines, then Markdown.
pub fn load_narrative(path: &Path, lang: &str) -> Result<Narrative, Diagnostic> {
    parse_narrative(path, yaml::read_text(path)?, lang)
}

/// Splits a narrative's text (read from `path`) into front matter and body, without touching
/// the file system.
pub fn parse_narrative(path: &Path, text: String, lang: &str) -> Result<Narrative, Diagnostic> {
    // Some editors start UTF-8 files with a byte order mark; it is not part of the text.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let missing_front = || {
        Diagnostic::error(path, "the narrative has no front matter")
            .at(&text, 1, 1)
            .with_hint("start the file with `---`, a `title:` line, a `summary:` line and `---`")
    };
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(missing_front)?;
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.find("\n---\r\n"))
        .map(|i| (i, i + 5))
        .or_else(|| rest.strip_suffix("\n---").map(|r| (r.len(), rest.len())))
        .ok_or_else(missing_front)?;
    let front_text = &rest[..end.0];
    let body = rest.get(end.1..).unwrap_or("").trim_start_matches('\r');
    // Parse the front matter padded with the lines before it, so YAML errors carry file lines.
    // Control characters go first (pages, feeds and share cards carry the title and summary;
    // `bantin check` names where they were); the lines stay where they are.
    let padded = format!("\n{}\n", strip_controls(front_text));
    let front: FrontMatter = yaml::parse(path, &padded).map_err(|mut d| {
        d.excerpt = d
            .line
            .and_then(|l| text.lines().nth(l - 1))
            .map(str::to_string);
        d
    })?;
    let body_start = text.len() - body.len();
    let body_line = text[..body_start].matches('\n').count() + 1;
    let file = SourceFile {
        path: path.to_path_buf(),
        text: text.clone(),
    };
    if front.title.trim().is_empty() {
        return Err(file
            .error_at(&["title"], "the narrative has no title")
            .at_opt(&text, yaml::locate(&text, &["title"]).or(Some((2, 1))))
            .with_hint("add `title: \"…\"` to the front matter"));
    }
    let fingerprint = Fingerprint::of(&front.title, &front.summary, body);
    Ok(Narrative {
        lang: lang.to_string(),
        front,
        body_start,
        body_line,
        fingerprint,
        file,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_does_not_hide_the_front_matter() {
        let text = "\u{feff}---\ntitle: \"T\"\nsummary: \"S\"\n---\n\nBody\n".to_string();
        let narrative = parse_narrative(Path::new("en.md"), text, "en").expect("parses");
        assert_eq!(narrative.front.title, "T");
        assert_eq!(narrative.body().trim(), "Body");
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            Date::parse("2024-01-18"),
            Some(Date {
                year: 2024,
                month: 1,
                day: 18
            })
        );
        assert_eq!(Date::parse("2024-02-30"), None);
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::parse("18/01/2024"), None);
    }

    #[test]
    fn figures_keep_their_decimals_and_qualifier() {
        let f: UniqueMap<String, Figure> =
            serde_yaml::from_str("a: 93.35\nb: {value: 5600000, qualifier: over}\nc: 93\n")
                .unwrap();
        assert_eq!(f.get("a").unwrap().decimals, 2);
        assert_eq!(f.get("b").unwrap().qualifier, Qualifier::Over);
        assert_eq!(f.get("c").unwrap().decimals, 0);
    }

    #[test]
    fn whole_figures_beyond_two_to_the_53_are_refused_not_rounded() {
        let read = |text: &str| serde_yaml::from_str::<UniqueMap<String, Figure>>(text);
        let exact = read("a: 9007199254740992\nb: -9007199254740992\n").expect("2^53 is exact");
        assert_eq!(exact.get("a").unwrap().value, 9_007_199_254_740_992.0);
        for text in [
            "a: 9007199254740993\n",
            "a: -9007199254740993\n",
            "a: {value: 9007199254740993, qualifier: about}\n",
        ] {
            let err = read(text).expect_err(text).to_string();
            assert!(err.contains(LARGER_THAN_ANY_FIGURE), "{err}");
        }
    }

    #[test]
    fn front_matter_errors_name_a_line_of_the_file() {
        // A lone `\r` is a line break to libyaml, which put this error on line 12 of 6.
        let text = format!("---\ntitle: a\n# b{}\n]: x\n---\nBody\n", "\r".repeat(9));
        let err = parse_narrative(Path::new("en.md"), text, "en").unwrap_err();
        assert_eq!(err.line, Some(4), "{err}");
        assert_eq!(err.excerpt.as_deref(), Some("]: x"), "{err}");
    }

    #[test]
    fn data_file_names_are_four_digit_plausible_years() {
        assert_eq!(data_file_year("2024.yaml"), Some(2024));
        assert_eq!(data_file_year("1945.yaml"), Some(1945));
        assert_eq!(data_file_year("2100.yaml"), Some(2100));
        for name in [
            "-001.yaml",
            "+999.yaml",
            "1944.yaml",
            "2101.yaml",
            "２０２４.yaml",
            "20245.yaml",
            "2024.yml",
        ] {
            assert_eq!(data_file_year(name), None, "{name}");
        }
    }

    #[test]
    fn slugs_are_plain_ascii() {
        assert!(is_slug("nghe-an"));
        assert!(!is_slug("../../x"));
        assert!(!is_slug("Nghe-An"));
        assert!(!is_slug("a--b"));
    }
}
