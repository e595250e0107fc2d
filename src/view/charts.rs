//! Chooses each page's charts and fills them from the figures, in the page's language.
//!
//! `charts` draws; this module decides what to draw: result against target for the rates,
//! participants per scheme over the years (broken at border changes), compulsory against
//! voluntary social insurance, and one indicator across regions.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde::Serialize;

use super::PageInputs;
use crate::charts::{self, Break, Chart, ChartKind, Mark, Reference, Scheme, Series};
use crate::content::{Bulletin, ChartId, Date, Period, RegionKind, UnitChart, UnitKind};
use crate::diagnostics::Diagnostic;
use crate::figures::{IndicatorYear, Reach, RegionFigures, Value};
use crate::i18n::{arg, Args, Localizer, Sign};
use crate::plan::PageId;

/// Schemes whose participants make the trend chart, with their colours.
const SCHEMES: [(&str, Scheme); 3] = [
    ("si-participants", Scheme::SocialInsurance),
    ("hi-participants", Scheme::HealthInsurance),
    ("ui-participants", Scheme::UnemploymentInsurance),
];

const SI_PARTS: [(&str, Scheme); 2] = [
    ("si-compulsory-participants", Scheme::Compulsory),
    ("si-voluntary-participants", Scheme::Voluntary),
];

/// The indicator compared across regions on the home page.
const ACROSS_REGIONS: &str = "hi-coverage";

/// A chart as a page shows it: inline SVG, the same figures as a table, download links.
///
/// Each distinct chart is one asset of its language, `<lang>/charts/<id>-<hash>.svg` (and
/// `.png`), named by its content: pages that show the same chart link the same files, and a
/// chart that changes gets a new name, so no cache ever serves a stale one.
#[derive(Debug, Clone, Serialize)]
pub struct PageChart {
    pub id: String,
    pub title: String,
    pub description: String,
    /// One sentence under the chart: its main finding. Empty when there is none to state.
    pub takeaway: String,
    pub svg: String,
    /// The same chart laid out for phones ([`charts::NARROW_WIDTH`]); the page's CSS shows
    /// one of the two. Its element ids differ from the wide drawing's.
    pub svg_narrow: String,
    /// Where the SVG goes in the output.
    pub svg_path: String,
    /// Where the PNG goes in the output; None when PNGs are skipped.
    pub png_path: Option<String>,
    /// Links from the page to the files.
    pub svg_file: String,
    /// Empty when PNGs are skipped, so pages link no missing file.
    pub png_file: String,
    pub table: ChartTable,
    /// HTML another site can paste to show the chart: see [`embed_snippet`].
    pub embed: String,
    /// Size of the PNG in pixels (the SVG's size times [`charts::PNG_SCALE`]).
    pub png_size: (u32, u32),
    /// The chart's values and what the wide and the narrow drawing show of them, for tests.
    #[serde(skip)]
    pub drawn: Drawn,
}

/// A chart as data, and the scenes of its two drawings.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub chart: Chart,
    pub wide: charts::Scene,
    pub narrow: charts::Scene,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartTable {
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
}

type Result<T> = std::result::Result<T, Diagnostic>;

/// Builds localized charts for one page.
pub struct ChartMaker<'a> {
    pub inputs: &'a PageInputs<'a>,
    pub localizer: Localizer<'a>,
    /// The page the charts are for: their links are relative to it.
    pub page: &'a PageId,
}

impl<'a> ChartMaker<'a> {
    fn missing(&self, e: crate::i18n::MissingMessage) -> Diagnostic {
        super::missing(self.inputs.root, e)
    }

    fn msg(&self, id: &str, args: Args<'_>) -> Result<String> {
        self.localizer
            .message(id, args)
            .map_err(|e| self.missing(e))
    }

    fn label(&self, indicator: &str) -> Result<String> {
        self.msg(&format!("indicator-{indicator}"), Vec::new())
    }

    fn unit(&self, indicator: &str) -> UnitKind {
        self.inputs.catalogue.kind_of(indicator)
    }

    /// Whether the result-vs-target chart shows `indicator`: its unit is declared a rate.
    fn is_rate(&self, indicator: &str) -> bool {
        self.inputs
            .catalogue
            .unit_of(indicator)
            .is_some_and(|u| u.chart == Some(UnitChart::Rate))
    }

    fn figure(&self, indicator: &str, value: &Value) -> Result<String> {
        self.localizer
            .figure(self.unit(indicator), value)
            .map_err(|e| self.missing(e))
    }

    fn year(&self, year: i32) -> String {
        year.to_string()
    }

    /// The part of `year` the results of the first of `ids` in its data file cover, as a
    /// legend or an axis says it ("up to 10 December 2025"); None for a whole year.
    fn part_of_year<'i>(
        &self,
        year: i32,
        mut ids: impl Iterator<Item = &'i str>,
    ) -> Result<Option<String>> {
        let reach = self.inputs.year_data(year).and_then(|data| {
            ids.find(|id| data.results.get(*id).is_some())
                .map(|id| Reach::in_file(data, id, year))
        });
        let date = |month: u8, day: u8| Date { year, month, day };
        match reach {
            Some(Reach::Until(month, day)) => self
                .localizer
                .period(Period::ToDate, Some(date(month, day))),
            Some(Reach::Months(months, month, day)) => self
                .localizer
                .period(Period::Months(months), Some(date(month, day))),
            Some(Reach::YearEnd) | None => Ok(None),
        }
        .map_err(|e| self.missing(e))
    }

    /// A year on a time axis, with the part of it its figures cover when that is not the
    /// whole year: "2025 (up to 10 December 2025)".
    fn year_measured(&self, year: i32) -> Result<String> {
        let partial = self.part_of_year(year, SCHEMES.iter().map(|(id, _)| *id))?;
        match partial {
            Some(period) => self.msg(
                "chart-year-partial",
                vec![("year", f64::from(year).into()), ("period", arg(period))],
            ),
            None => Ok(self.year(year)),
        }
    }

    /// The charts a bulletin shows: those it lists, else every chart that has data.
    pub fn bulletin_charts(&self, bulletin: &Bulletin) -> Result<Vec<PageChart>> {
        let wanted: &[ChartId] = match &bulletin.meta.charts {
            Some(list) => list,
            None => &ChartId::DEFAULT,
        };
        let mut out = Vec::new();
        for id in wanted {
            let chart = match id {
                ChartId::ResultVsTarget => self.result_vs_target(bulletin)?,
                ChartId::ParticipantsTrend => self.participants_trend(&bulletin.meta.region, 2)?,
                ChartId::SiSplit => {
                    self.si_split(&bulletin.meta.region, Some(bulletin.meta.results_year))?
                }
            };
            if let Some(chart) = chart {
                out.push(self.finish(chart)?);
            }
        }
        Ok(out)
    }

    /// A region's charts: the trend of participants and the split of social insurance.
    pub fn region_charts(&self, region: &str) -> Result<Vec<PageChart>> {
        let mut out = Vec::new();
        for chart in [
            self.participants_trend(region, 2)?,
            self.si_split(region, None)?,
        ]
        .into_iter()
        .flatten()
        {
            out.push(self.finish(chart)?);
        }
        Ok(out)
    }

    /// The home page's chart: one indicator across regions, for the latest year two or more have.
    pub fn home_charts(&self, regions: &[String]) -> Result<Vec<PageChart>> {
        Ok(match self.across_regions(regions)? {
            Some(chart) => vec![self.finish(chart)?],
            None => Vec::new(),
        })
    }

    fn result_vs_target(&self, bulletin: &Bulletin) -> Result<Option<Chart>> {
        let meta = &bulletin.meta;
        let figures = &self.inputs.figures;
        let now = figures.year(&meta.region, meta.results_year);
        let next_year = meta.targets_year.filter(|y| *y != meta.results_year);
        let next = next_year.and_then(|y| figures.year(&meta.region, y));
        let rates: Vec<&String> = self
            .inputs
            .catalogue
            .indicators
            .keys_in_order()
            .filter(|id| self.is_rate(id))
            .filter(|id| {
                let has = |m: Option<&BTreeMap<String, IndicatorYear>>| {
                    m.and_then(|m| m.get(*id))
                        .is_some_and(|f| f.result.shown().is_some() || f.target.shown().is_some())
                };
                has(now) || has(next)
            })
            .collect();
        if rates.is_empty() {
            return Ok(None);
        }
        let get = |m: Option<&BTreeMap<String, IndicatorYear>>, id: &str, result: bool| {
            m.and_then(|m| m.get(id)).and_then(|f| {
                if result {
                    f.result.shown()
                } else {
                    f.target.shown()
                }
            })
        };
        // Results that cover part of the year say so in the legend: a year to date is no
        // full year, whatever its target says.
        let partial = self.part_of_year(meta.results_year, rates.iter().map(|id| id.as_str()))?;
        let mut series = vec![
            (
                self.msg(
                    "chart-series-result",
                    vec![
                        ("year", f64::from(meta.results_year).into()),
                        (
                            "period",
                            arg(partial.clone().unwrap_or_else(|| "none".into())),
                        ),
                    ],
                )?,
                Scheme::SocialInsurance,
                rates
                    .iter()
                    .map(|id| get(now, id, true))
                    .collect::<Vec<_>>(),
            ),
            (
                self.msg(
                    "chart-series-target",
                    vec![
                        ("year", f64::from(meta.results_year).into()),
                        ("source", arg(self.primary_source(now, &rates)?)),
                    ],
                )?,
                Scheme::Target,
                rates.iter().map(|id| get(now, id, false)).collect(),
            ),
        ];
        if let Some(year) = next_year {
            series.push((
                self.msg(
                    "chart-series-goal",
                    vec![
                        ("year", f64::from(year).into()),
                        ("source", arg(self.primary_source(next, &rates)?)),
                    ],
                )?,
                Scheme::Goal,
                rates.iter().map(|id| get(next, id, false)).collect(),
            ));
        }
        series.retain(|(_, _, values)| values.iter().any(Option::is_some));
        // One figure is a sentence, not a chart: the table and the cards carry it.
        let plotted: usize = series
            .iter()
            .map(|(_, _, values)| values.iter().flatten().count())
            .sum();
        if plotted < 2 {
            return Ok(None);
        }
        // The title names exactly the years whose targets are drawn.
        let drawn = |scheme| series.iter().any(|(_, s, _)| *s == scheme);
        let targets_shown = match (drawn(Scheme::Target), drawn(Scheme::Goal)) {
            (true, true) => "both",
            (true, false) => "same",
            (false, true) => "next",
            (false, false) => "none",
        };
        let mut sentences = Vec::new();
        for id in &rates {
            let label = self.label(id)?;
            let result = get(now, id, true);
            let target = get(now, id, false);
            let gap = now
                .and_then(|m| m.get(id.as_str()))
                .and_then(|f| f.gap_to_target.shown());
            let sentence = match (result, target, gap) {
                (Some(r), Some(t), Some(g)) => self.msg(
                    "chart-desc-result-gap",
                    vec![
                        ("indicator", arg(label.clone())),
                        ("result", arg(self.figure(id, &r)?)),
                        ("target", arg(self.figure(id, &t)?)),
                        (
                            "gap",
                            arg(self
                                .localizer
                                .gap_words(UnitKind::Share, &g)
                                .map_err(|e| self.missing(e))?),
                        ),
                    ],
                )?,
                (Some(r), _, _) => self.msg(
                    "chart-desc-result",
                    vec![
                        ("indicator", arg(label.clone())),
                        ("result", arg(self.figure(id, &r)?)),
                    ],
                )?,
                _ => String::new(),
            };
            if !sentence.is_empty() {
                sentences.push(sentence);
            }
            if let (Some(year), Some(goal)) = (next_year, get(next, id, false)) {
                sentences.push(self.msg(
                    "chart-desc-goal",
                    vec![
                        ("indicator", arg(label)),
                        ("goal", arg(self.figure(id, &goal)?)),
                        ("year", f64::from(year).into()),
                    ],
                )?);
            }
        }
        let takeaway = self.targets_takeaway(
            &rates,
            now,
            next,
            meta.results_year,
            next_year,
            partial.as_deref(),
        )?;
        let categories = rates
            .iter()
            .map(|id| self.label(id))
            .collect::<Result<Vec<_>>>()?;
        // Targets are ticks across the result's bar, read against it.
        let series = series
            .into_iter()
            .map(|(label, scheme, values)| {
                let mut s = self.series(label, scheme, &values, |v| self.percent(v))?;
                if scheme != Scheme::SocialInsurance {
                    s.mark = Mark::Tick;
                }
                Ok(s)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(Chart {
            id: "result-vs-target".into(),
            lang: self.localizer.html_lang().to_string(),
            title: self.msg(
                "chart-title-result-vs-target",
                vec![
                    ("region", arg(self.region(&meta.region)?)),
                    ("year", f64::from(meta.results_year).into()),
                    (
                        "next",
                        f64::from(next_year.unwrap_or(meta.results_year)).into(),
                    ),
                    ("targets", arg(targets_shown)),
                ],
            )?,
            description: sentences.join(&self.msg("sentence-separator", Vec::new())?),
            takeaway,
            kind: ChartKind::Bars { categories, series },
            y_label: self.msg("chart-axis-percent", Vec::new())?,
            x_label: None,
        }))
    }

    /// How many of the results year's targets were met; without those, how many rates the
    /// next year's targets raise.
    fn targets_takeaway(
        &self,
        rates: &[&String],
        now: Option<&BTreeMap<String, IndicatorYear>>,
        next: Option<&BTreeMap<String, IndicatorYear>>,
        year: i32,
        next_year: Option<i32>,
        partial: Option<&str>,
    ) -> Result<String> {
        let pairs = |targets: Option<&BTreeMap<String, IndicatorYear>>| -> Vec<(f64, f64)> {
            rates
                .iter()
                .filter_map(|id| {
                    let result = now?.get(id.as_str())?.result.shown()?;
                    let target = targets?.get(id.as_str())?.target.shown()?;
                    Some((result.value, target.value))
                })
                .collect()
        };
        let outcome = |count: usize, total: usize| match count {
            0 => "none",
            c if c == total => "all",
            _ => "some",
        };
        let met = pairs(now);
        if !met.is_empty() {
            let count = met.iter().filter(|(r, t)| r >= t).count();
            return self.msg(
                "chart-takeaway-targets-met",
                vec![
                    ("met", (count as f64).into()),
                    ("total", (met.len() as f64).into()),
                    ("outcome", arg(outcome(count, met.len()))),
                    ("year", f64::from(year).into()),
                    // A year to date is judged as far as it goes.
                    ("period", arg(partial.unwrap_or("none"))),
                ],
            );
        }
        let raised = pairs(next);
        match next_year {
            Some(next_year) if !raised.is_empty() => {
                let count = raised.iter().filter(|(r, t)| t > r).count();
                self.msg(
                    "chart-takeaway-targets-raised",
                    vec![
                        ("raised", (count as f64).into()),
                        ("total", (raised.len() as f64).into()),
                        ("outcome", arg(outcome(count, raised.len()))),
                        ("year", f64::from(year).into()),
                        ("next", f64::from(next_year).into()),
                    ],
                )
            }
            _ => Ok(String::new()),
        }
    }

    /// The scheme whose participants changed most, in percent, between the first and the
    /// last year it has, when those two years were measured alike.
    fn trend_takeaway(&self, region: &str, ends: &[(&str, i32, i32)]) -> Result<String> {
        let mut best: Option<(&str, Value, i32, i32)> = None;
        for &(id, first, last) in ends {
            let measured = |y| super::measured_result(self.inputs, region, id, y);
            let (Some(now), Some(then)) = (measured(last), measured(first)) else {
                continue;
            };
            let Some(pct) = crate::figures::span(now, then, false)
                .ok()
                .and_then(|span| span.change_pct)
            else {
                continue;
            };
            if best.is_none_or(|(_, b, _, _)| pct.value.abs() > b.value.abs()) {
                best = Some((id, pct, first, last));
            }
        }
        let Some((id, pct, first, last)) = best else {
            return Ok(String::new());
        };
        let direction = Sign::of(&pct).direction();
        let magnitude = Value {
            value: pct.value.abs(),
            ..pct
        };
        self.msg(
            "chart-takeaway-trend",
            vec![
                ("direction", arg(direction)),
                ("indicator", arg(self.label(id)?)),
                ("pct", arg(self.percent(&magnitude)?)),
                ("first", f64::from(first).into()),
                ("last", f64::from(last).into()),
            ],
        )
    }

    fn participants_trend(&self, region: &str, min_years: usize) -> Result<Option<Chart>> {
        let Some(years) = self.inputs.figures.regions.get(region) else {
            return Ok(None);
        };
        let year_list: Vec<i32> = years
            .iter()
            .filter(|(_, m)| {
                SCHEMES
                    .iter()
                    .any(|(id, _)| m.get(*id).is_some_and(|f| f.result.shown().is_some()))
            })
            .map(|(y, _)| *y)
            .collect();
        if year_list.len() < min_years {
            return Ok(None);
        }
        let (first, last) = (year_list[0], year_list[year_list.len() - 1]);
        let all_years: Vec<i32> = (first..=last).collect();
        let mut series = Vec::new();
        let mut sentences = Vec::new();
        let mut ends = Vec::new();
        for (id, scheme) in SCHEMES {
            let values = results_in(years, id, &all_years);
            let points: Vec<(i32, Value)> = all_years
                .iter()
                .zip(&values)
                .filter_map(|(y, v)| v.map(|v| (*y, v)))
                .collect();
            if points.is_empty() {
                continue;
            }
            let label = self.label(id)?;
            let (y0, v0) = points[0];
            let (y1, v1) = points[points.len() - 1];
            if y1 > y0 {
                ends.push((id, y0, y1));
            }
            sentences.push(if points.len() > 1 {
                self.msg(
                    "chart-desc-trend",
                    vec![
                        ("indicator", arg(label.clone())),
                        ("from", arg(self.figure(id, &v0)?)),
                        ("first", f64::from(y0).into()),
                        ("to", arg(self.figure(id, &v1)?)),
                        ("last", f64::from(y1).into()),
                    ],
                )?
            } else {
                self.msg(
                    "chart-desc-single",
                    vec![
                        ("indicator", arg(label.clone())),
                        ("value", arg(self.figure(id, &v0)?)),
                        ("year", f64::from(y0).into()),
                    ],
                )?
            });
            series.push(self.series(label, scheme, &values, |v| self.figure(id, v))?);
        }
        let breaks = self.border_breaks(region, &all_years)?;
        // Across a border change the region is not the same one: no change is summed up.
        let takeaway = if breaks.is_empty() {
            self.trend_takeaway(region, &ends)?
        } else {
            String::new()
        };
        Ok(Some(Chart {
            id: "participants-trend".into(),
            lang: self.localizer.html_lang().to_string(),
            title: self.msg(
                "chart-title-participants-trend",
                vec![("region", arg(self.region(region)?))],
            )?,
            description: sentences.join(&self.msg("sentence-separator", Vec::new())?),
            takeaway,
            kind: ChartKind::Lines {
                x_labels: all_years
                    .iter()
                    .map(|y| self.year_measured(*y))
                    .collect::<Result<_>>()?,
                series,
                breaks,
            },
            y_label: self.msg("chart-axis-people", Vec::new())?,
            x_label: None,
        }))
    }

    /// The name of the plan that set every primary target the chart draws for a year, when
    /// one plan set them all; "none" otherwise (the legend then names no plan).
    fn primary_source(
        &self,
        year: Option<&BTreeMap<String, IndicatorYear>>,
        ids: &[&String],
    ) -> Result<String> {
        let sources: Vec<Option<&str>> = ids
            .iter()
            .filter_map(|id| year.and_then(|m| m.get(id.as_str())))
            .filter_map(|f| f.targets.first())
            .map(|t| t.source.as_deref())
            .collect();
        let Some(Some(first)) = sources.first().copied() else {
            return Ok("none".into());
        };
        if sources.iter().any(|s| *s != Some(first)) {
            return Ok("none".into());
        }
        super::source_link(&self.localizer, self.inputs.config, first)
            .map(|link| link.name)
            .map_err(|e| self.missing(e))
    }

    /// A break before the first year whose figures date from after a border change.
    fn border_breaks(&self, region: &str, years: &[i32]) -> Result<Vec<Break>> {
        let mut breaks = Vec::new();
        let Some(info) = self.inputs.regions.get(region) else {
            return Ok(breaks);
        };
        let as_of = |year: i32| {
            self.inputs
                .year_data(year)
                .and_then(|data| data.as_of)
                .unwrap_or(Date {
                    year,
                    month: 12,
                    day: 31,
                })
        };
        for change in &info.border_changes {
            let index = years
                .iter()
                .position(|y| as_of(*y) >= change.date)
                .filter(|i| *i > 0);
            if let Some(before_index) = index {
                let others = change
                    .regions
                    .iter()
                    .map(|r| self.region(r))
                    .collect::<Result<Vec<_>>>()?
                    .join(", ");
                breaks.push(Break {
                    before_index,
                    label: self.msg(
                        "chart-border-break",
                        vec![
                            ("others", arg(others)),
                            ("date", arg(self.localizer.date(change.date))),
                        ],
                    )?,
                });
            }
        }
        Ok(breaks)
    }

    fn si_split(&self, region: &str, only_year: Option<i32>) -> Result<Option<Chart>> {
        let Some(years) = self.inputs.figures.regions.get(region) else {
            return Ok(None);
        };
        let year_list: Vec<i32> = years
            .iter()
            .filter(|(y, _)| only_year.is_none_or(|o| o == **y))
            .filter(|(_, m)| {
                SI_PARTS.iter().all(|(id, _)| {
                    m.get(*id)
                        .and_then(|f| f.result.shown())
                        .is_some_and(|v| v.is_exact())
                })
            })
            .map(|(y, _)| *y)
            .collect();
        if year_list.is_empty() {
            return Ok(None);
        }
        let mut series = Vec::new();
        let mut values_by_part = Vec::new();
        for (id, scheme) in SI_PARTS {
            let values = results_in(years, id, &year_list);
            series.push(self.series(self.label(id)?, scheme, &values, |v| self.figure(id, v))?);
            values_by_part.push(values);
        }
        let mut sentences = Vec::new();
        let mut takeaway = String::new();
        for (i, year) in year_list.iter().enumerate() {
            if let (Some(c), Some(v)) = (values_by_part[0][i], values_by_part[1][i]) {
                if c.value + v.value > 0.0 {
                    // The latest year's voluntary share; one decimal, as the press gives it.
                    let share = Value {
                        value: (1000.0 * v.value / (c.value + v.value)).round() / 10.0,
                        decimals: 1,
                        qualifier: crate::content::Qualifier::Exact,
                        origin: crate::figures::Origin::Computed,
                        rounded_to: None,
                        currency: None,
                    };
                    takeaway = self.msg(
                        "chart-takeaway-si-split",
                        vec![
                            ("share", arg(self.percent(&share)?)),
                            ("year", f64::from(*year).into()),
                        ],
                    )?;
                }
                sentences.push(self.msg(
                    "chart-desc-si-split",
                    vec![
                        ("year", f64::from(*year).into()),
                        ("compulsory", arg(self.figure(SI_PARTS[0].0, &c)?)),
                        ("voluntary", arg(self.figure(SI_PARTS[1].0, &v)?)),
                    ],
                )?);
            }
        }
        Ok(Some(Chart {
            id: "si-split".into(),
            lang: self.localizer.html_lang().to_string(),
            title: self.msg(
                "chart-title-si-split",
                vec![("region", arg(self.region(region)?))],
            )?,
            description: sentences.join(&self.msg("sentence-separator", Vec::new())?),
            takeaway,
            kind: ChartKind::Stacked {
                categories: year_list.iter().map(|y| self.year(*y)).collect(),
                series,
            },
            y_label: self.msg("chart-axis-people", Vec::new())?,
            x_label: None,
        }))
    }

    fn across_regions(&self, published: &[String]) -> Result<Option<Chart>> {
        let figures = &self.inputs.figures;
        let national = |region: &str| {
            self.inputs
                .regions
                .get(region)
                .is_some_and(|r| r.kind == RegionKind::Country)
        };
        let mut by_year: BTreeMap<i32, Vec<(&str, Value)>> = BTreeMap::new();
        for region in published {
            let region = region.as_str();
            if let Some(years) = figures.regions.get(region) {
                for (year, m) in years {
                    if let Some(v) = m.get(ACROSS_REGIONS).and_then(|f| f.result.computed) {
                        by_year.entry(*year).or_default().push((region, v));
                    }
                }
            }
        }
        // The latest year with two figures, one of them a province's: the country is drawn
        // as a reference rule, not as one of the regions.
        let Some((year, mut regions)) = by_year
            .into_iter()
            .rev()
            .find(|(_, r)| r.len() >= 2 && r.iter().any(|(region, _)| !national(region)))
        else {
            return Ok(None);
        };
        let country = regions
            .iter()
            .position(|(r, _)| national(r))
            .map(|i| regions.remove(i));
        // Highest first, as a reader scans a ranking.
        regions.sort_by(|a, b| b.1.value.total_cmp(&a.1.value));
        let categories = regions
            .iter()
            .map(|(r, _)| self.region(r))
            .collect::<Result<Vec<_>>>()?;
        let values: Vec<Option<Value>> = regions.iter().map(|(_, v)| Some(*v)).collect();
        let mut sentences = Vec::new();
        for (name, (_, v)) in categories.iter().zip(&regions) {
            sentences.push(self.msg(
                "chart-desc-region",
                vec![
                    ("region", arg(name.clone())),
                    ("value", arg(self.figure(ACROSS_REGIONS, v)?)),
                ],
            )?);
        }
        let reference = match country {
            Some((region, v)) => {
                let name = self.region(region)?;
                let value_label = self.figure(ACROSS_REGIONS, &v)?;
                sentences.push(self.msg(
                    "chart-desc-region",
                    vec![
                        ("region", arg(name.clone())),
                        ("value", arg(value_label.clone())),
                    ],
                )?);
                Some(Reference {
                    value: v.value,
                    label: self.msg(
                        "chart-reference",
                        vec![
                            ("name", arg(name.clone())),
                            ("value", arg(value_label.clone())),
                        ],
                    )?,
                    name,
                    value_label,
                })
            }
            None => None,
        };
        // Shares a few points apart are drawn on an axis that starts near them, and the
        // chart says so; otherwise the axis starts at zero.
        let all: Vec<f64> = regions
            .iter()
            .map(|(_, v)| v.value)
            .chain(reference.as_ref().map(|r| r.value))
            .collect();
        let lo = all.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = all.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (from, note) = if lo >= 20.0 && hi - lo < 10.0 {
            let from = (lo - (hi - lo).max(1.0)).floor();
            let note = self.msg(
                "chart-axis-from",
                vec![("from", arg(self.percent(&Value::computed(from, 0))?))],
            )?;
            (from, Some(note))
        } else {
            (0.0, None)
        };
        let series = vec![self.series(
            self.msg(
                "chart-series-result",
                vec![("year", f64::from(year).into()), ("period", arg("none"))],
            )?,
            Scheme::HealthInsurance,
            &values,
            |v| self.figure(ACROSS_REGIONS, v),
        )?];
        Ok(Some(Chart {
            id: format!("{ACROSS_REGIONS}-by-region"),
            lang: self.localizer.html_lang().to_string(),
            title: self.msg(
                "chart-title-across-regions",
                vec![
                    ("indicator", arg(self.label(ACROSS_REGIONS)?)),
                    ("year", f64::from(year).into()),
                ],
            )?,
            description: sentences.join(&self.msg("sentence-separator", Vec::new())?),
            takeaway: self.regions_takeaway(&categories, &values, year)?,
            kind: ChartKind::Dots {
                categories,
                series,
                reference,
                from,
                note,
            },
            y_label: self.msg("chart-axis-percent", Vec::new())?,
            x_label: None,
        }))
    }

    /// The highest and the lowest region, or that they are level.
    fn regions_takeaway(
        &self,
        names: &[String],
        values: &[Option<Value>],
        year: i32,
    ) -> Result<String> {
        let ranked: Vec<(&String, Value)> = names
            .iter()
            .zip(values)
            .filter_map(|(n, v)| v.map(|v| (n, v)))
            .collect();
        let top = ranked.iter().max_by(|a, b| a.1.value.total_cmp(&b.1.value));
        let bottom = ranked.iter().min_by(|a, b| a.1.value.total_cmp(&b.1.value));
        let (Some((top, hi)), Some((bottom, lo))) = (top, bottom) else {
            return Ok(String::new());
        };
        let level = hi.value == lo.value;
        self.msg(
            "chart-takeaway-across-regions",
            vec![
                ("level", arg(if level { "yes" } else { "no" })),
                ("top", arg(top.as_str())),
                ("top_value", arg(self.figure(ACROSS_REGIONS, hi)?)),
                ("bottom", arg(bottom.as_str())),
                ("bottom_value", arg(self.figure(ACROSS_REGIONS, lo)?)),
                ("year", f64::from(year).into()),
            ],
        )
    }

    fn region(&self, region: &str) -> Result<String> {
        self.msg(&format!("region-{region}"), Vec::new())
    }

    fn percent(&self, value: &Value) -> Result<String> {
        self.localizer
            .percent(value, false)
            .map_err(|e| self.missing(e))
    }

    fn series(
        &self,
        label: String,
        scheme: Scheme,
        values: &[Option<Value>],
        format: impl Fn(&Value) -> Result<String>,
    ) -> Result<Series> {
        Ok(Series {
            label,
            scheme,
            values: values.iter().map(|v| v.map(|v| v.value)).collect(),
            value_labels: values
                .iter()
                .map(|v| v.as_ref().map(&format).transpose())
                .collect::<Result<_>>()?,
            mark: Mark::Bar,
        })
    }

    /// Draws the SVG and gathers the table that repeats its figures.
    fn finish(&self, chart: Chart) -> Result<PageChart> {
        // Charts of shares tick in percent; the others in plain numbers.
        let percent = matches!(&chart.kind, ChartKind::Dots { .. })
            || (matches!(&chart.kind, ChartKind::Bars { .. }) && chart.id == "result-vs-target");
        let l = self.localizer;
        // The wide and the narrow drawing label mostly the same ticks: each is formatted once.
        let ticks: RefCell<Vec<(u64, String)>> = RefCell::default();
        let format_tick = move |v: f64| -> String {
            if let Some((_, text)) = ticks.borrow().iter().find(|(bits, _)| *bits == v.to_bits()) {
                return text.clone();
            }
            let num = l.number_trimmed(v, 2, false);
            let text = if percent {
                l.message("percent", vec![("num", arg(num.clone()))])
                    .unwrap_or(num)
            } else {
                num
            };
            ticks.borrow_mut().push((v.to_bits(), text.clone()));
            text
        };
        let drawing = charts::draw(&chart, &format_tick);
        let narrow = Chart {
            id: format!("{}-narrow", chart.id),
            ..chart.clone()
        };
        let narrow = charts::draw_at(&narrow, charts::NARROW_WIDTH, &format_tick);
        let png_size = (
            (drawing.width as f32 * charts::PNG_SCALE).ceil() as u32,
            (drawing.height as f32 * charts::PNG_SCALE).ceil() as u32,
        );
        // The first column names what the chart's categories are.
        let first_column = match &chart.kind {
            ChartKind::Lines { .. } | ChartKind::Stacked { .. } => "chart-table-year",
            ChartKind::Dots { .. } => "chart-table-region",
            ChartKind::Bars { .. } => "chart-table-indicator",
        };
        let table = chart_table(&chart, self.msg(first_column, Vec::new())?);
        let hash = blake3::hash(drawing.svg.as_bytes()).to_hex();
        let asset = format!(
            "{}/charts/{}-{}",
            self.localizer.lang(),
            chart.id,
            &hash.as_str()[..16]
        );
        let root = self.page.root();
        let png_path = self.inputs.png.then(|| format!("{asset}.png"));
        let base = self.inputs.base_url;
        let publisher = self.msg("publisher-name", Vec::new())?;
        let embed = embed_snippet(&Embed {
            lang: self.localizer.html_lang(),
            dir: self.localizer.dir(),
            image: &base.join(&format!("{asset}.svg")),
            alt: &chart.description,
            width: drawing.width,
            height: drawing.height,
            title: &chart.title,
            credit: &self.msg("embed-credit", vec![("publisher", arg(publisher))])?,
            page: &base.join(&self.page.url_path()),
        });
        Ok(PageChart {
            svg_file: format!("{root}{asset}.svg"),
            png_file: png_path
                .as_ref()
                .map(|png| format!("{root}{png}"))
                .unwrap_or_default(),
            svg_path: format!("{asset}.svg"),
            png_path,
            id: chart.id.clone(),
            title: chart.title.clone(),
            description: chart.description.clone(),
            takeaway: chart.takeaway.clone(),
            svg: drawing.svg,
            svg_narrow: narrow.svg,
            table,
            embed,
            png_size,
            drawn: Drawn {
                chart,
                wide: drawing.scene,
                narrow: narrow.scene,
            },
        })
    }
}

/// What an embedded chart shows; every address absolute, since it is pasted elsewhere.
struct Embed<'a> {
    lang: &'a str,
    dir: &'a str,
    image: &'a str,
    alt: &'a str,
    width: u32,
    height: u32,
    title: &'a str,
    /// "Source: <publisher>", linked to `page`.
    credit: &'a str,
    page: &'a str,
}

/// A `<figure>` another site can paste: the chart's SVG as an image with its text alternative
/// and size, its title, and a credit linking back to the page. Every value is escaped here;
/// the page escapes the whole snippet once more to show it as text.
fn embed_snippet(e: &Embed) -> String {
    let x = charts::xml_escape;
    format!(
        "<figure lang=\"{lang}\" dir=\"{dir}\">\n\
         <img src=\"{image}\" alt=\"{alt}\" width=\"{width}\" height=\"{height}\" \
         loading=\"lazy\" style=\"max-width:100%;height:auto\">\n\
         <figcaption>{title}<br><a href=\"{page}\">{credit}</a></figcaption>\n\
         </figure>",
        lang = x(e.lang),
        dir = x(e.dir),
        image = x(e.image),
        alt = x(e.alt),
        width = e.width,
        height = e.height,
        title = x(e.title),
        page = x(e.page),
        credit = x(e.credit),
    )
}

/// An indicator's results in each of `years`, None where there is none.
fn results_in(figures: &RegionFigures, id: &str, years: &[i32]) -> Vec<Option<Value>> {
    years
        .iter()
        .map(|y| {
            figures
                .get(y)
                .and_then(|m| m.get(id))
                .and_then(|f| f.result.shown())
        })
        .collect()
}

/// The chart's figures as rows (categories) and columns (series), as drawn.
fn chart_table(chart: &Chart, first_column: String) -> ChartTable {
    let (categories, series) = charts::categories_and_series(&chart.kind);
    let mut columns = vec![first_column];
    columns.extend(series.iter().map(|s| s.label.clone()));
    let mut rows = categories
        .iter()
        .enumerate()
        .map(|(i, category)| {
            let cells = series
                .iter()
                .map(|s| {
                    s.value_labels
                        .get(i)
                        .cloned()
                        .flatten()
                        .unwrap_or_else(|| "–".into())
                })
                .collect();
            (category.clone(), cells)
        })
        .filter(|(_, cells): &(String, Vec<String>)| cells.iter().any(|c| c != "–"))
        .collect::<Vec<_>>();
    // A reference drawn as a rule is a row of the table like the others.
    if let ChartKind::Dots {
        reference: Some(r), ..
    } = &chart.kind
    {
        rows.push((r.name.clone(), vec![r.value_label.clone()]));
    }
    ChartTable { columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_embed_escapes_every_value() {
        let snippet = embed_snippet(&Embed {
            lang: "vi",
            dir: "ltr",
            image: "https://example.org/a b/vi/charts/x-1.svg?q=1&r=\"2\"",
            alt: "5 < 6 & \"quoted\"",
            width: 720,
            height: 410,
            title: "<script>alert(1)</script>",
            credit: "Nguồn: Ban biên tập",
            page: "https://example.org/vi/bulletins/x/'",
        });
        assert!(snippet.starts_with("<figure lang=\"vi\" dir=\"ltr\">\n<img src="));
        assert!(snippet
            .contains("src=\"https://example.org/a b/vi/charts/x-1.svg?q=1&amp;r=&quot;2&quot;\""));
        assert!(snippet.contains("alt=\"5 &lt; 6 &amp; &quot;quoted&quot;\""));
        assert!(snippet.contains("width=\"720\" height=\"410\""));
        assert!(snippet.contains("<figcaption>&lt;script&gt;alert(1)&lt;/script&gt;<br>"));
        assert!(snippet.contains(
            "<a href=\"https://example.org/vi/bulletins/x/&apos;\">Nguồn: Ban biên tập</a>"
        ));
        assert!(!snippet.contains("<script"));
        assert!(snippet.ends_with("</figure>"));
    }
}
