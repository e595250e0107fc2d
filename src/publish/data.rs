//! A bulletin's or a region's figures for download: CSV for spreadsheets, JSON for programs.
//!
//! Numbers are machine-readable in both: a dot before decimals, no grouping, as many
//! decimals as the figure was given with. Labels are in the page's language.

use serde::Serialize;

use crate::content::{Date, Qualifier};
use crate::figures::Origin;

/// The figures of one download, with what they are about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureTable {
    /// The language of the labels (BCP 47).
    pub language: String,
    pub region: String,
    pub region_name: String,
    /// The bulletin's slug, title and date; None for a region's download.
    pub bulletin: Option<BulletinRef>,
    /// The page the figures belong to.
    pub page: String,
    pub rows: Vec<FigureRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulletinRef {
    pub slug: String,
    pub title: String,
    pub date: Date,
    pub updated: Option<Date>,
    pub source: Option<String>,
}

/// One indicator in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureRow {
    pub indicator: String,
    pub label: String,
    /// The unit's id in `indicators.yaml`.
    pub unit: String,
    /// The unit in the page's language: "% of respondents".
    pub unit_label: String,
    /// For money, the ISO 4217 code of the amounts (`VND`, `USD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    pub year: i32,
    /// `year`, `to-date` or `months-N`.
    pub period: String,
    pub as_of: Option<Date>,
    pub result: Option<Number>,
    pub target: Option<Number>,
    /// On the previous year, in the unit (percentage points for shares).
    pub change: Option<Number>,
    pub change_pct: Option<Number>,
    pub share_of_target: Option<Number>,
    /// Addresses the figures of this year come from.
    pub sources: Vec<String>,
}

/// A figure: its value, the decimals it is given with, its qualifier and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Number {
    /// A whole figure is written without a decimal point (`2877863`, not `2877863.0`).
    #[serde(serialize_with = "plain_number")]
    pub value: f64,
    #[serde(skip)]
    pub decimals: u8,
    pub qualifier: Qualifier,
    /// `data` (typed in a data file), `computed` (by bantin) or `stated` (by the source).
    pub origin: Origin,
    /// The power of ten the source rounded to without a hedge, where it says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounded_to: Option<f64>,
}

/// Decimals a rounding step is written with: 10000 → 0, 0.1 → 1.
fn decimals_of_step(step: f64) -> u8 {
    (-step.log10().round()).max(0.0) as u8
}

impl Number {
    /// The value as a spreadsheet reads it: `93.35`, `-1200`, never grouped.
    pub fn plain(&self) -> String {
        Number::plain_of(self.value, self.decimals)
    }

    fn plain_of(value: f64, decimals: u8) -> String {
        let text = format!("{:.*}", usize::from(decimals), value);
        // No "-0" for a change that rounds to nothing.
        if text
            .trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
        {
            text.trim_start_matches('-').to_string()
        } else {
            text
        }
    }
}

fn plain_number<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    // Figures are checked to stay below 2^53, where every whole number is exact.
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::Data => "data",
        Origin::Computed => "computed",
        Origin::Stated => "stated",
    }
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: [&str; 17] = [
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
    "source",
];

/// UTF-8 with a byte order mark, so spreadsheet programs read Vietnamese and Chinese right.
pub fn write_csv(table: &FigureTable) -> Result<Vec<u8>, String> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| format!("cannot write CSV: {e}");
    out.write_record(CSV_COLUMNS).map_err(fail)?;
    for row in &table.rows {
        let plain = |n: &Option<Number>| n.map(|n| n.plain()).unwrap_or_default();
        // Which figure comes from where, e.g. `result:data change-pct:stated`.
        let origin = [
            ("result", &row.result),
            ("target", &row.target),
            ("change", &row.change),
            ("change-pct", &row.change_pct),
            ("share-of-target", &row.share_of_target),
        ]
        .iter()
        .filter_map(|(name, n)| n.map(|n| format!("{name}:{}", origin_name(n.origin))))
        .collect::<Vec<_>>()
        .join(" ");
        let first = row.result.or(row.target);
        let qualifier = first.map(|n| n.qualifier.as_str());
        let rounded_to = first
            .and_then(|n| n.rounded_to)
            .map(|step| Number::plain_of(step, decimals_of_step(step)))
            .unwrap_or_default();
        out.write_record([
            row.indicator.as_str(),
            row.label.as_str(),
            row.unit.as_str(),
            row.unit_label.as_str(),
            row.currency.as_deref().unwrap_or_default(),
            &row.year.to_string(),
            row.period.as_str(),
            &row.as_of.map(|d| d.to_string()).unwrap_or_default(),
            &plain(&row.result),
            qualifier.unwrap_or_default(),
            &rounded_to,
            &plain(&row.target),
            &plain(&row.change),
            &plain(&row.change_pct),
            &plain(&row.share_of_target),
            &origin,
            &row.sources.join(" "),
        ])
        .map_err(fail)?;
    }
    out.into_inner()
        .map_err(|e| format!("cannot write CSV: {e}"))
}

/// The same figures as JSON, pretty-printed.
pub fn write_json(table: &FigureTable) -> Result<Vec<u8>, String> {
    let mut bytes =
        serde_json::to_vec_pretty(table).map_err(|e| format!("cannot write JSON: {e}"))?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(value: f64, decimals: u8) -> Number {
        Number {
            value,
            decimals,
            qualifier: Qualifier::Exact,
            origin: Origin::Data,
            rounded_to: None,
        }
    }

    #[test]
    fn numbers_are_plain_for_spreadsheets() {
        assert_eq!(number(3_024_577.0, 0).plain(), "3024577");
        assert_eq!(number(93.35, 2).plain(), "93.35");
        assert_eq!(number(-1.18, 2).plain(), "-1.18");
        assert_eq!(number(-0.001, 1).plain(), "0.0");
    }
}
