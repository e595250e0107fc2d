//! Words and numbers per language: Fluent messages from `locales/`, digits and dates from CLDR.
//!
//! `en` is the reference locale: a message missing elsewhere falls back to it and is recorded;
//! a message missing everywhere is an error, so a raw message id never reaches a page.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fixed_decimal::{Decimal, SignDisplay};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_datetime::fieldsets::YMD;
use icu_datetime::DateTimeFormatter;
use icu_decimal::DecimalFormatter;
use icu_locale::{Direction, LocaleDirectionality};
use unic_langid::LanguageIdentifier;

use crate::content::{Currency, Date, Period, Qualifier, UnitKind};
use crate::diagnostics::{line_col, Diagnostic, Diagnostics};
use crate::figures::Value;

mod references;

/// The locale every message exists in first, and the one others fall back to.
pub const REFERENCE: &str = "en";

/// One language's messages and CLDR formatters.
pub struct Locale {
    pub lang: String,
    pub html_lang: String,
    /// `ltr` or `rtl`, for `dir` beside every `lang`: see [`text_direction`].
    pub dir: &'static str,
    bundle: FluentBundle<FluentResource>,
    /// Message ids with where they are defined, for fallback warnings.
    pub messages: BTreeMap<String, Definition>,
    decimal: DecimalFormatter,
    /// For a number before a scale word (`9245万`): grouped as `scaled-grouping` says.
    scaled: DecimalFormatter,
    date: DateTimeFormatter<YMD>,
}

/// Where a message is defined: its `.ftl` file and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    pub path: PathBuf,
    pub line: usize,
}

/// A message of the reference locale that a language lacks: its pages show the reference text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untranslated<'a> {
    pub lang: &'a str,
    pub id: &'a str,
    /// Where the reference locale defines it.
    pub reference: &'a Definition,
}

/// All languages of the site, shared read-only by parallel page renders.
pub struct Locales {
    locales: BTreeMap<String, Locale>,
}

/// A message a page cannot show: it exists in no locale (a template or the code asks for
/// something never written), or Fluent could not format it with the arguments given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingMessage {
    pub lang: String,
    pub id: String,
    /// Fluent's reason when the message exists, such as a variable the code does not pass:
    /// which variables a call passes is known only at the call.
    pub reason: Option<String>,
}

impl std::fmt::Display for MissingMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.reason {
            Some(reason) => write!(
                f,
                "the message `{}` cannot be shown in `{}`: {reason}",
                self.id, self.lang
            ),
            None => write!(
                f,
                "the message `{}` exists neither in locales/{} nor in locales/{REFERENCE}",
                self.id, self.lang
            ),
        }
    }
}

impl Locales {
    /// Loads `locales/<lang>/*.ftl` for each language (and the reference), reporting syntax
    /// errors and references that lead nowhere, in circles or too deep, before any rendering.
    pub fn load(
        dir: &Path,
        languages: &[String],
        html_lang: impl Fn(&str) -> String,
    ) -> Result<Locales, Diagnostics> {
        let mut problems = Diagnostics::default();
        // The reference first: every other language resolves what it lacks in it.
        let order = std::iter::once(REFERENCE).chain(
            languages
                .iter()
                .map(String::as_str)
                .filter(|l| *l != REFERENCE),
        );
        let mut files = Vec::new();
        for lang in order {
            let (read, unreadable) = read_language(&dir.join(lang), lang);
            problems.extend(unreadable);
            files.push((lang.to_string(), read));
        }
        match Locales::from_files(files, html_lang) {
            Ok(locales) if !problems.has_errors() => Ok(locales),
            Ok(_) => Err(problems.sorted()),
            Err(more) => {
                problems.extend(more);
                Err(problems.sorted())
            }
        }
    }

    /// Loads languages from `.ftl` texts already read, `(path, text)` per file in the order
    /// they are added: what [`Locales::load`] does once it has read `locales/`. The reference
    /// locale must be among them; it comes first whatever the order given.
    pub fn from_files(
        languages: Vec<(String, Vec<(PathBuf, String)>)>,
        html_lang: impl Fn(&str) -> String,
    ) -> Result<Locales, Diagnostics> {
        let mut problems = Diagnostics::default();
        let (references, others): (Vec<_>, Vec<_>) = languages
            .into_iter()
            .partition(|(lang, _)| lang == REFERENCE);
        let Some((_, reference_files)) = references.into_iter().next() else {
            return Err(Diagnostic::error(
                Path::new("locales").join(REFERENCE),
                format!("there are no messages for `{REFERENCE}`, the reference language"),
            )
            .into());
        };
        let reference = match Locale::load(REFERENCE, html_lang(REFERENCE), reference_files, None) {
            Ok(loaded) => Some(loaded),
            Err(d) => {
                problems.extend(d);
                None
            }
        };
        let reference_graph = reference.as_ref().map(|(_, graph)| (REFERENCE, graph));
        let mut loaded = Vec::new();
        for (lang, files) in others {
            match Locale::load(&lang, html_lang(&lang), files, reference_graph) {
                Ok(locale) => loaded.push(locale),
                Err(d) => problems.extend(d),
            }
        }
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        if let Some((_, graph)) = &reference {
            problems.extend(references::check(REFERENCE, graph, None));
        }
        for (locale, graph) in &loaded {
            problems.extend(references::check(&locale.lang, graph, reference_graph));
        }
        if problems.has_errors() {
            return Err(problems.sorted());
        }
        let locales = reference
            .into_iter()
            .chain(loaded)
            .map(|(locale, _)| (locale.lang.clone(), locale))
            .collect();
        Ok(Locales { locales })
    }

    pub fn get(&self, lang: &str) -> Option<Localizer<'_>> {
        Some(Localizer {
            locale: self.locales.get(lang)?,
            reference: self.locales.get(REFERENCE)?,
        })
    }

    pub fn locale(&self, lang: &str) -> Option<&Locale> {
        self.locales.get(lang)
    }

    /// Every reference message a language lacks, sorted by language and id: pages in that
    /// language show the reference text. Known from the files alone, before rendering.
    pub fn untranslated<'a>(&'a self, languages: &'a [String]) -> Vec<Untranslated<'a>> {
        let Some(reference) = self.locales.get(REFERENCE) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for lang in languages {
            let Some(locale) = self.locales.get(lang) else {
                continue;
            };
            for (id, definition) in &reference.messages {
                if !locale.messages.contains_key(id) {
                    found.push(Untranslated {
                        lang,
                        id,
                        reference: definition,
                    });
                }
            }
        }
        found
    }
}

impl Locale {
    /// One language's files, with the graph of their references. `reference` is the reference
    /// locale's graph for any other language: its messages and terms stand under the
    /// language's own, so a reference to one the language lacks resolves as the check assumes.
    fn load(
        lang: &str,
        html_lang: String,
        files: Vec<(PathBuf, String)>,
        reference: Option<(&str, &references::Graph)>,
    ) -> Result<(Locale, references::Graph), Diagnostics> {
        let mut problems = Diagnostics::default();
        // Where errors about the language as a whole point: its folder.
        let dir = files
            .first()
            .and_then(|(path, _)| path.parent())
            .map_or_else(|| Path::new("locales").join(lang), Path::to_path_buf);
        let langid: LanguageIdentifier = lang.parse().map_err(|_| {
            Diagnostics::from(Diagnostic::error(
                &dir,
                format!("`{lang}` is not a language code"),
            ))
        })?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks (U+2068/U+2069) around placeables would end up inside HTML and SVG text.
        bundle.set_use_isolating(false);
        if let Some((_, graph)) = reference {
            for text in graph.texts() {
                // Parsed once already, without errors: the reference locale loaded.
                let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
                let _ = bundle.add_resource(resource);
            }
        }
        let mut graph = references::Graph::default();
        let mut messages: BTreeMap<String, Definition> = BTreeMap::new();
        for (path, text) in files {
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            };
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    for error in errors {
                        let (line, column) = line_col(&text, error.pos.start);
                        problems.push(
                            Diagnostic::error(
                                &path,
                                format!("Fluent syntax error: {}", error.kind),
                            )
                            .at(&text, line, column)
                            .with_hint(
                                "see https://projectfluent.org/fluent/guide/ for the syntax",
                            ),
                        );
                    }
                    resource
                }
            };
            for (id, offset) in graph.add_file(&path, text) {
                let text = graph.last_text();
                let (line, column) = line_col(text, offset);
                if let Some(first) = messages.get(&id) {
                    problems.push(
                        Diagnostic::error(&path, format!("the message `{id}` is defined twice"))
                            .at(text, line, column)
                            .with_hint(format!(
                                "it is also in {}:{}",
                                first.path.display(),
                                first.line
                            )),
                    );
                    continue;
                }
                messages.insert(
                    id,
                    Definition {
                        path: path.clone(),
                        line,
                    },
                );
            }
            // The language's own words stand over the reference's; a duplicate within the
            // language is reported above with a position.
            bundle.add_resource_overriding(resource);
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let icu_locale: icu_locale_core::Locale = lang.parse().map_err(|_| {
            Diagnostics::from(Diagnostic::error(
                &dir,
                format!("`{lang}` is not a CLDR locale"),
            ))
        })?;
        let no_numbers =
            |e| Diagnostic::error(&dir, format!("no CLDR number data for `{lang}`: {e}"));
        let decimal = DecimalFormatter::try_new((&icu_locale).into(), Default::default())
            .map_err(no_numbers)?;
        // `scaled-grouping = min2`: a number before 万 or 亿 is below 10,000 and the Chinese
        // press writes it without a separator (9245万, not 9,245万).
        let mut scaled_options = icu_decimal::options::DecimalFormatterOptions::default();
        if plain_message(&bundle, "scaled-grouping").as_deref() == Some("min2") {
            scaled_options.grouping_strategy = Some(icu_decimal::options::GroupingStrategy::Min2);
        }
        let scaled =
            DecimalFormatter::try_new((&icu_locale).into(), scaled_options).map_err(no_numbers)?;
        // Dates as this language's press writes them, from CLDR: the `date-length` (long,
        // medium or short) date of `date-locale` (en-GB for "18 January 2024" where CLDR's en
        // writes "January 18, 2024"; Vietnamese short, "18/01/2024").
        let date_locale: icu_locale_core::Locale = match plain_message(&bundle, "date-locale") {
            Some(tag) if !tag.is_empty() => tag.parse().map_err(|_| {
                Diagnostic::error(&dir, format!("`date-locale = {tag}` is not a CLDR locale"))
                    .with_hint("write a BCP 47 tag such as en-GB, or remove the message")
            })?,
            _ => icu_locale.clone(),
        };
        let length = match plain_message(&bundle, "date-length").as_deref() {
            None | Some("long") => YMD::long(),
            Some("medium") => YMD::medium(),
            Some("short") => YMD::short(),
            Some(other) => {
                return Err(Diagnostic::error(
                    &dir,
                    format!("`date-length = {other}` is none of long, medium, short"),
                )
                .into())
            }
        };
        let date = DateTimeFormatter::try_new((&date_locale).into(), length)
            .map_err(|e| Diagnostic::error(&dir, format!("no CLDR date data for `{lang}`: {e}")))?;
        let locale = Locale {
            lang: lang.to_string(),
            dir: text_direction(&html_lang),
            html_lang,
            bundle,
            messages,
            decimal,
            scaled,
            date,
        };
        Ok((locale, graph))
    }

    /// The message formatted; Err(None) if it has no value here, Err(Some(reason)) if
    /// Fluent could not format it.
    fn format(&self, id: &str, args: &FluentArgs) -> Result<String, Option<String>> {
        let pattern = self
            .bundle
            .get_message(id)
            .and_then(|m| m.value())
            .ok_or(None)?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(args), &mut errors);
        match errors.first() {
            None => Ok(text.into_owned()),
            Some(fluent_bundle::FluentError::ResolverError(error)) => Err(Some(error.to_string())),
            Some(error) => Err(Some(error.to_string())),
        }
    }

    fn has(&self, id: &str) -> bool {
        self.bundle
            .get_message(id)
            .is_some_and(|m| m.value().is_some())
    }
}

/// Formats words and numbers for one language.
#[derive(Clone, Copy)]
pub struct Localizer<'a> {
    pub locale: &'a Locale,
    reference: &'a Locale,
}

/// Reads an `.ftl` file. The byte order mark some editors write is not part of the text, and
/// Fluent's parser would take it for a syntax error (YAML and Markdown files accept it too).
pub(crate) fn read_ftl(path: &Path) -> Result<String, Diagnostic> {
    let text = crate::content::yaml::read_text(path)?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// A message without arguments as plain text, read while a language loads.
fn plain_message(bundle: &FluentBundle<FluentResource>, id: &str) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, None, &mut errors)
            .trim()
            .to_string(),
    )
}

/// The `.ftl` files of one language's folder, sorted by name, with what could not be read.
fn read_language(dir: &Path, lang: &str) -> (Vec<(PathBuf, String)>, Diagnostics) {
    let mut problems = Diagnostics::default();
    if !dir.is_dir() {
        problems.push(
            Diagnostic::error(dir, format!("there are no messages for `{lang}`")).with_hint(
                format!(
                "create locales/{lang}/ with .ftl files, or remove `{lang}` from content/site.yaml"
            ),
            ),
        );
        return (Vec::new(), problems);
    }
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
            .collect(),
        Err(e) => {
            problems.push(Diagnostic::error(
                dir,
                format!("cannot read the folder: {e}"),
            ));
            return (Vec::new(), problems);
        }
    };
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        match read_ftl(&path) {
            Ok(text) => files.push((path, text)),
            Err(d) => problems.push(d),
        }
    }
    (files, problems)
}

/// Arguments of a Fluent message: text or numbers.
pub type Args<'a> = Vec<(&'a str, FluentValue<'a>)>;

impl<'a> Localizer<'a> {
    pub fn lang(&self) -> &str {
        &self.locale.lang
    }

    pub fn html_lang(&self) -> &str {
        &self.locale.html_lang
    }

    /// `ltr` or `rtl`: the direction of this language's script.
    pub fn dir(&self) -> &'static str {
        self.locale.dir
    }

    /// The message `id` in this language, else in the reference locale.
    pub fn message(&self, id: &str, args: Args<'_>) -> Result<String, MissingMessage> {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(name, value);
        }
        let own = match self.locale.format(id, &fluent_args) {
            Ok(text) => return Ok(text),
            Err(reason) => reason,
        };
        let (lang, reason) = match self.reference.format(id, &fluent_args) {
            Ok(text) => return Ok(text),
            Err(Some(reason)) => (&self.reference.lang, Some(reason)),
            Err(None) => (&self.locale.lang, own),
        };
        Err(MissingMessage {
            lang: lang.clone(),
            id: id.to_string(),
            reason,
        })
    }

    /// A message without arguments.
    pub fn text(&self, id: &str) -> Result<String, MissingMessage> {
        self.message(id, Vec::new())
    }

    pub fn has(&self, id: &str) -> bool {
        self.locale.has(id) || self.reference.has(id)
    }

    /// A number with CLDR separators: `decimals` digits after the point, optionally signed.
    pub fn number(&self, value: f64, decimals: u8, signed: bool) -> String {
        self.number_with(&self.locale.decimal, value, decimals, signed)
    }

    fn number_with(
        &self,
        formatter: &DecimalFormatter,
        value: f64,
        decimals: u8,
        signed: bool,
    ) -> String {
        let text = format!("{:.*}", usize::from(decimals), value);
        let mut decimal = Decimal::try_from_str(&text).unwrap_or_default();
        // "-0.00" after rounding is zero: show it without a sign.
        if decimal.absolute.is_zero() {
            decimal = Decimal::try_from_str(text.trim_start_matches('-')).unwrap_or_default();
        }
        if signed {
            decimal.apply_sign_display(SignDisplay::ExceptZero);
        }
        formatter.format(&decimal).to_string()
    }

    /// A number with up to `max_decimals` decimals, trailing zeros dropped (93.00 → 93).
    pub fn number_trimmed(&self, value: f64, max_decimals: u8, signed: bool) -> String {
        self.number(value, needed_decimals(value, max_decimals), signed)
    }

    /// A date as the language's press writes it, from CLDR: `18/01/2024`, `18 January 2024`,
    /// `2024年1月18日`, `18. januar 2024` (see `date-locale` and `date-length`).
    pub fn date(&self, date: Date) -> String {
        match icu_calendar::Date::try_new_iso(date.year, date.month, date.day) {
            Ok(d) => self.locale.date.format(&d).to_string(),
            Err(_) => date.to_string(),
        }
    }

    /// The part of its year a figure covers, when not the whole year: "up to 10 December
    /// 2025", "in the first 11 months". `None` for a whole year (or a year to date without a
    /// date, which validation refuses).
    pub fn period(
        &self,
        period: Period,
        as_of: Option<Date>,
    ) -> Result<Option<String>, MissingMessage> {
        Ok(match (period, as_of) {
            (Period::Year, _) | (Period::ToDate, None) => None,
            (Period::ToDate, Some(date)) => {
                Some(self.message("period-to-date", vec![("date", arg(self.date(date)))])?)
            }
            (Period::Months(months), _) => {
                Some(self.message("period-months", vec![("months", f64::from(months).into())])?)
            }
        })
    }

    /// Scales this language writes a kind of figure in (`count-scales = 4 8`), largest first.
    fn scales(&self, id: &str) -> Vec<u32> {
        let mut scales: Vec<u32> = self
            .text(id)
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|s| s.parse().ok())
            .collect();
        scales.sort_unstable_by(|a, b| b.cmp(a));
        scales
    }

    /// A figure of a unit of `kind` as a reader of this language expects it, qualifier
    /// included; money in the value's currency (đồng when it names none).
    pub fn figure(&self, kind: UnitKind, value: &Value) -> Result<String, MissingMessage> {
        self.figure_with(kind, value, false)
    }

    /// A change: signed, in points for shares.
    pub fn change(&self, kind: UnitKind, value: &Value) -> Result<String, MissingMessage> {
        if kind == UnitKind::Share {
            self.points(value, true)
        } else {
            self.figure_with(kind, value, true)
        }
    }

    /// A percentage such as a change in percent or a share of target.
    pub fn percent(&self, value: &Value, signed: bool) -> Result<String, MissingMessage> {
        let decimals = needed_decimals(value.value, value.decimals.min(2));
        let num = self.number(value.value, decimals, signed);
        let figure = self.message("percent", vec![("num", arg(num.clone()))])?;
        self.qualified(value.qualifier, figure, ("percent", 0, num, decimals))
    }

    /// Percentage points, for changes of shares and gaps to a target share.
    pub fn points(&self, value: &Value, signed: bool) -> Result<String, MissingMessage> {
        let decimals = needed_decimals(value.value, value.decimals.min(2));
        let num = self.number(value.value, decimals, signed);
        let figure = self.message(
            "points",
            vec![("num", arg(num.clone())), ("n", value.value.abs().into())],
        )?;
        self.qualified(value.qualifier, figure, ("points", 0, num, decimals))
    }

    /// A change as running text says it: its size without a sign, in the words of its
    /// direction ("up 33,924", "giảm 3,1 điểm phần trăm", "增长1.18%", "uendret"). In percent
    /// when `percent`, else in the unit's own figures (points for shares).
    pub fn change_words(
        &self,
        kind: UnitKind,
        value: &Value,
        percent: bool,
    ) -> Result<String, MissingMessage> {
        let (measure, size) = self.size(kind, value, percent)?;
        self.message(
            "change-phrase",
            vec![
                ("direction", Sign::of(value).direction().into()),
                ("kind", measure.into()),
                ("figure", arg(size)),
            ],
        )
    }

    /// A result's distance to its target as running text says it: "0.5 points above target",
    /// "thấp hơn 3,1 điểm phần trăm so với chỉ tiêu", "on target".
    pub fn gap_words(&self, kind: UnitKind, value: &Value) -> Result<String, MissingMessage> {
        let (measure, size) = self.size(kind, value, false)?;
        self.message(
            "gap-phrase",
            vec![
                ("position", Sign::of(value).position().into()),
                ("kind", measure.into()),
                ("figure", arg(size)),
            ],
        )
    }

    /// The size of a change or gap without its sign, and the kind of figure it is (count,
    /// money, percent or points), which some languages word differently (Chinese 增加 a
    /// number, 增长 a percentage).
    fn size(
        &self,
        kind: UnitKind,
        value: &Value,
        percent: bool,
    ) -> Result<(&'static str, String), MissingMessage> {
        let size = Value {
            value: value.value.abs(),
            ..*value
        };
        Ok(match kind {
            _ if percent => ("percent", self.percent(&size, false)?),
            UnitKind::Share => ("points", self.points(&size, false)?),
            UnitKind::Money => ("money", self.figure(kind, &size)?),
            UnitKind::Count => ("count", self.figure(kind, &size)?),
        })
    }

    fn figure_with(
        &self,
        kind: UnitKind,
        value: &Value,
        signed: bool,
    ) -> Result<String, MissingMessage> {
        if kind == UnitKind::Share {
            return self.percent(value, signed);
        }
        let money = kind == UnitKind::Money;
        let (scale, scaled, decimals) = if money {
            pick_money_scale(value.value, &self.scales("money-scales"))
        } else if value.is_exact() && value.rounded_to.is_none() {
            (0, value.value, 0)
        } else {
            // Rounded by the source, hedged or not: in the largest scale that keeps its digits.
            pick_count_scale(value.value, &self.scales("count-scales"))
        };
        let formatter = match scale {
            0 => &self.locale.decimal,
            _ => &self.locale.scaled,
        };
        let num = self.number_with(formatter, scaled, decimals, signed);
        let message = if money { "money" } else { "count" };
        // The ISO code: each language's `money` words the currencies it knows and writes the
        // code for the others.
        let currency = value.currency.unwrap_or(Currency::VND);
        let figure = self.message(
            message,
            vec![
                ("num", arg(num.clone())),
                ("scale", format!("e{scale}").into()),
                ("n", scaled.abs().into()),
                ("currency", arg(currency.as_str().to_string())),
            ],
        )?;
        self.qualified(value.qualifier, figure, (message, scale, num, decimals))
    }

    /// Wraps a formatted figure in its qualifier's words (`over 5.6 million`, `560余万`).
    /// `parts` is (kind of figure, scale, formatted number, its decimals), for languages where
    /// the qualifier goes between the number and its scale word.
    fn qualified(
        &self,
        qualifier: Qualifier,
        figure: String,
        (kind, scale, num, decimals): (&str, u32, String, u8),
    ) -> Result<String, MissingMessage> {
        if qualifier == Qualifier::Exact {
            return Ok(figure);
        }
        self.message(
            "qualified",
            vec![
                ("qualifier", qualifier.as_str().into()),
                ("figure", figure.into()),
                ("kind", kind.to_string().into()),
                ("scale", format!("e{scale}").into()),
                ("num", num.into()),
                ("decimals", f64::from(decimals).into()),
            ],
        )
    }
}

/// The sign of a change or a gap, which picks the words that say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    Plus,
    Minus,
    /// Zero at the precision of the figure's data (at most two decimals), as it is shown:
    /// "unchanged", never "up 0".
    Zero,
}

impl Sign {
    pub fn of(value: &Value) -> Sign {
        let precision = 10f64.powi(i32::from(value.decimals.min(2)));
        let shown = (value.value * precision).round();
        if shown > 0.0 {
            Sign::Plus
        } else if shown < 0.0 {
            Sign::Minus
        } else {
            Sign::Zero
        }
    }

    /// Which way a change goes, as Fluent selectors name it: `up`, `down` or `flat`.
    pub fn direction(self) -> &'static str {
        match self {
            Sign::Plus => "up",
            Sign::Minus => "down",
            Sign::Zero => "flat",
        }
    }

    /// Where a result stands against its target, as Fluent selectors name it: `above`,
    /// `below` or `on`.
    pub fn position(self) -> &'static str {
        match self {
            Sign::Plus => "above",
            Sign::Minus => "below",
            Sign::Zero => "on",
        }
    }
}

/// Fewest decimals (at most `max`) that show `value` rounded to `max` decimals: 95.002 → 0,
/// 93.35 → 2, 8.8733 → 2.
fn needed_decimals(value: f64, max: u8) -> u8 {
    let rounded = format!("{:.*}", usize::from(max), value);
    match rounded.split_once('.') {
        Some((_, digits)) => digits.trim_end_matches('0').len() as u8,
        None => 0,
    }
}

/// Money in the largest scale the language uses that keeps every digit of the figure with at
/// most two decimals (8,873.3 billion rather than 8.87 trillion: no language may show fewer
/// digits than the data); where none does, the smallest scale that leaves at least 1,
/// rounded to two decimals.
fn pick_money_scale(value: f64, scales: &[u32]) -> (u32, f64, u8) {
    let mut fallback = None;
    for &scale in scales {
        let scaled = value / 10f64.powi(scale as i32);
        if scaled.abs() < 1.0 {
            continue;
        }
        let exact = ((scaled * 100.0).round() - scaled * 100.0).abs() < 1e-6;
        if exact {
            return (scale, scaled, needed_decimals(scaled, 2));
        }
        fallback = Some((scale, scaled, needed_decimals(scaled, 2)));
    }
    fallback.unwrap_or((0, value, 0))
}

/// A rounded count in the largest scale that keeps every digit the source gave (at most two
/// decimals): 5,600,000 is 5.6 million, 217,500 stays 217,500 where there is no 10⁴ scale.
fn pick_count_scale(value: f64, scales: &[u32]) -> (u32, f64, u8) {
    for &scale in scales {
        let scaled = value / 10f64.powi(scale as i32);
        let decimals = needed_decimals(scaled, 2);
        let exact = ((scaled * 100.0).round() - scaled * 100.0).abs() < 1e-6;
        if scaled.abs() >= 1.0 && exact {
            return (scale, scaled, decimals);
        }
    }
    (0, value, 0)
}

/// A message argument from text.
pub fn arg<'a>(text: impl Into<Cow<'a, str>>) -> FluentValue<'a> {
    FluentValue::String(text.into())
}

/// The value of `dir` for text in the language `tag` (a BCP 47 tag such as `vi`, `zh-Hans`,
/// `ar`): CLDR's likely script of the tag, and that script's direction. A tag CLDR does not
/// know is `ltr`, HTML's own default.
pub fn text_direction(tag: &str) -> &'static str {
    // Compiled CLDR data: built at compile time, nothing to load or share.
    const DIRECTIONALITY: LocaleDirectionality = LocaleDirectionality::new_common();
    let direction = tag
        .parse::<icu_locale_core::LanguageIdentifier>()
        .ok()
        .and_then(|id| DIRECTIONALITY.get(&id));
    match direction {
        Some(Direction::RightToLeft) => "rtl",
        _ => "ltr",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(lang: &str, text: &str) -> (String, Vec<(PathBuf, String)>) {
        let path = PathBuf::from(format!("locales/{lang}/ui.ftl"));
        (lang.to_string(), vec![(path, text.to_string())])
    }

    #[test]
    fn texts_load_like_files_and_a_translation_falls_back_to_the_reference() {
        let locales = Locales::from_files(
            vec![
                files("vi", "\u{feff}hello = Xin chào { -brand }\n"),
                files("en", "-brand = bantin\nhello = Hello\nbye = Goodbye\n"),
            ],
            |l| l.to_string(),
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let vi = locales.get("vi").unwrap();
        assert_eq!(vi.message("hello", vec![]).unwrap(), "Xin chào bantin");
        assert_eq!(vi.message("bye", vec![]).unwrap(), "Goodbye");
    }

    /// The repository's own messages, in its four languages.
    fn repository_locales() -> Locales {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let languages = ["vi", "en", "zh", "nb"].map(String::from);
        Locales::load(&dir, &languages, |l| l.to_string()).unwrap_or_else(|d| panic!("{d}"))
    }

    fn people(value: f64, qualifier: Qualifier, rounded_to: Option<f64>) -> Value {
        Value {
            value,
            decimals: 0,
            qualifier,
            origin: crate::figures::Origin::Data,
            rounded_to,
            currency: None,
        }
    }

    fn money(value: f64, currency: &str) -> Value {
        Value {
            currency: Some(Currency::parse(currency).expect("an ISO code")),
            ..people(value, Qualifier::Exact, None)
        }
    }

    /// `value` as each of the four languages shows it, in their order vi, en, zh, nb.
    fn in_every_language(kind: UnitKind, value: &Value) -> Vec<String> {
        let locales = repository_locales();
        ["vi", "en", "zh", "nb"]
            .iter()
            .map(|l| locales.get(l).unwrap().figure(kind, value).unwrap())
            .collect()
    }

    #[test]
    fn money_reads_in_its_currency_as_each_press_writes_it() {
        assert_eq!(
            in_every_language(UnitKind::Money, &money(21_400_000_000.0, "USD")),
            [
                "21,4\u{a0}tỷ USD",
                "21.4 billion USD",
                "214亿美元",
                "21,4\u{a0}milliarder dollar"
            ]
        );
        assert_eq!(
            in_every_language(UnitKind::Money, &money(8_873_300_000_000.0, "VND")),
            [
                "8.873,3\u{a0}tỷ đồng",
                "8,873.3 billion VND",
                "88,733亿越南盾",
                "8\u{a0}873,3\u{a0}milliarder dong"
            ]
        );
        // Money without a currency is in đồng.
        let unnamed = Value {
            currency: None,
            ..money(889_000_000_000.0, "VND")
        };
        assert_eq!(
            in_every_language(UnitKind::Money, &unnamed)[1],
            "889 billion VND"
        );
    }

    #[test]
    fn a_currency_without_words_in_a_language_reads_as_its_code() {
        assert_eq!(
            in_every_language(UnitKind::Money, &money(1_200_000_000.0, "GBP")),
            [
                "1,2\u{a0}tỷ GBP",
                "1.2 billion GBP",
                "12亿GBP",
                "1,2\u{a0}milliarder GBP"
            ]
        );
    }

    #[test]
    fn a_share_of_respondents_reads_as_a_percentage() {
        let satisfied = Value {
            qualifier: Qualifier::Over,
            ..people(85.0, Qualifier::Exact, None)
        };
        assert_eq!(
            in_every_language(UnitKind::Share, &satisfied),
            ["hơn 85%", "over 85%", "超过85%", "over 85\u{a0}%"]
        );
    }

    /// A count as vi, en, zh and nb pages show it.
    fn counted_in_every_language(locales: &Locales, figure: &Value) -> Vec<String> {
        ["vi", "en", "zh", "nb"]
            .iter()
            .map(|l| {
                locales
                    .get(l)
                    .unwrap()
                    .figure(UnitKind::Count, figure)
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn a_rounded_figure_keeps_the_sources_precision_without_a_hedge() {
        let locales = repository_locales();
        let figure = people(92_450_000.0, Qualifier::Exact, Some(10_000.0));
        let shown = counted_in_every_language(&locales, &figure);
        assert_eq!(
            shown,
            [
                "92,45\u{a0}triệu",
                "92.45 million",
                "9245万",
                "92,45\u{a0}millioner"
            ]
        );
        // The same figure, exact: every digit.
        let exact = people(92_450_000.0, Qualifier::Exact, None);
        let en = locales.get("en").unwrap();
        assert_eq!(en.figure(UnitKind::Count, &exact).unwrap(), "92,450,000");
    }

    #[test]
    fn nearly_reads_as_close_below_in_every_language() {
        let locales = repository_locales();
        let figure = people(40_000.0, Qualifier::Nearly, None);
        let shown = counted_in_every_language(&locales, &figure);
        assert_eq!(
            shown,
            ["gần 40.000", "nearly 40,000", "近4万", "nesten 40\u{a0}000"]
        );
    }

    #[test]
    fn texts_without_the_reference_language_are_refused() {
        let Err(problems) = Locales::from_files(vec![files("vi", "a = b\n")], |l| l.to_string())
        else {
            panic!("loaded without en")
        };
        assert!(problems.0[0].message.contains("reference"), "{problems}");
    }

    #[test]
    fn text_direction_comes_from_cldr() {
        for ltr in ["vi", "en", "zh", "zh-Hans", "nb", "ru", "ja"] {
            assert_eq!(text_direction(ltr), "ltr", "{ltr}");
        }
        for rtl in ["ar", "he", "fa", "ur", "az-Arab", "ar-EG"] {
            assert_eq!(text_direction(rtl), "rtl", "{rtl}");
        }
        // A script subtag decides over the language's usual script.
        assert_eq!(text_direction("uz-Arab"), "rtl");
        assert_eq!(text_direction("uz-Latn"), "ltr");
        assert_eq!(text_direction("not a tag"), "ltr");
    }

    #[test]
    fn scales_keep_the_sources_precision() {
        assert_eq!(pick_count_scale(5_600_000.0, &[6]), (6, 5.6, 1));
        assert_eq!(pick_count_scale(5_600_000.0, &[8, 4]), (4, 560.0, 0));
        assert_eq!(pick_count_scale(217_500.0, &[6]), (0, 217_500.0, 0));
        assert_eq!(pick_count_scale(217_500.0, &[4]), (4, 21.75, 2));
        // Not "8.87 trillion": the figure's digits stay.
        assert_eq!(
            pick_money_scale(8_873_300_000_000.0, &[12, 9]),
            (9, 8_873.3, 1)
        );
        assert_eq!(
            pick_money_scale(4_600_000_000_000.0, &[12, 9]),
            (12, 4.6, 1)
        );
        assert_eq!(pick_money_scale(134_000_000_000.0, &[12, 9]), (9, 134.0, 0));
        assert_eq!(
            pick_money_scale(8_873_300_000_000.0, &[8]),
            (8, 88_733.0, 0)
        );
    }

    #[test]
    fn a_byte_order_mark_starts_an_ftl_file() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let en = dir.path().join(REFERENCE);
        std::fs::create_dir(&en).expect("a locale folder");
        std::fs::write(en.join("site.ftl"), "\u{feff}site-name = Bulletins\n").expect("written");
        let locales = Locales::load(dir.path(), &[REFERENCE.to_string()], |l| l.to_string())
            .unwrap_or_else(|d| panic!("a BOM must be accepted:\n{d}"));
        let en = locales.get(REFERENCE).expect("the reference locale");
        assert_eq!(en.text("site-name").ok().as_deref(), Some("Bulletins"));
    }

    /// Locales of `(lang, text of its one .ftl file)`, loaded as a build loads them.
    fn load(files: &[(&str, &str)]) -> Result<Locales, Diagnostics> {
        let dir = tempfile::tempdir().expect("a temp dir");
        for (lang, text) in files {
            let folder = dir.path().join(lang);
            std::fs::create_dir_all(&folder).expect("a locale folder");
            std::fs::write(folder.join("words.ftl"), text).expect("written");
        }
        let languages: Vec<String> = files.iter().map(|(l, _)| l.to_string()).collect();
        Locales::load(dir.path(), &languages, |l| l.to_string())
    }

    #[test]
    fn a_language_uses_the_references_terms_it_lacks() {
        let locales = load(&[
            ("en", "-brand = Bantin\nabout = About { -brand }\n"),
            ("nb", "about = Om { -brand }\n"),
        ])
        .unwrap_or_else(|d| panic!("a term of the reference resolves:\n{d}"));
        let nb = locales.get("nb").expect("nb");
        assert_eq!(nb.text("about").ok().as_deref(), Some("Om Bantin"));
    }

    #[test]
    fn a_cycle_through_the_reference_is_placed_in_the_language() {
        let problems = match load(&[
            ("en", "title = { heading }\nheading = Heading\n"),
            ("nb", "heading = Overskrift: { title }\n"),
        ]) {
            Ok(_) => panic!("the cycle must be found"),
            Err(problems) => problems,
        };
        let error = problems.errors().next().expect("an error");
        assert!(error.path.ends_with("nb/words.ftl"), "{problems}");
        assert_eq!(
            (error.line, error.column),
            (Some(1), Some(25)),
            "{problems}"
        );
        assert!(
            error.message.contains("`heading` → `title` → `heading`"),
            "{problems}"
        );
        let hint = error.hint.as_deref().unwrap_or_default();
        assert!(hint.contains("`title` is not in locales/nb"), "{problems}");
        assert_eq!(problems.errors().count(), 1, "{problems}");
    }

    #[test]
    fn attributes_and_term_arguments_are_followed() {
        let fine = load(&[(
            "en",
            "-org = { $case ->\n   *[nom] Agency\n    [gen] Agency's\n }\n    .short = VSS\n\
             name = { -org(case: \"gen\") } site\n    .title = { name }\n",
        )]);
        assert!(fine.is_ok(), "an attribute may show its message's value");
        let problems = match load(&[("en", "name = { other.title }\nother = Other\n")]) {
            Ok(_) => panic!("a missing attribute must be found"),
            Err(problems) => problems,
        };
        let error = problems.errors().next().expect("an error");
        assert!(
            error.message.contains("the attribute `other.title`"),
            "{problems}"
        );
    }

    #[test]
    fn a_variable_the_call_does_not_pass_is_named() {
        let locales = load(&[("en", "feed-link = Feed of { $count } bulletins\n")])
            .unwrap_or_else(|d| panic!("variables are known only at the call:\n{d}"));
        let en = locales.get(REFERENCE).expect("en");
        let error = en.text("feed-link").expect_err("no `$count` is passed");
        assert_eq!(
            error.to_string(),
            "the message `feed-link` cannot be shown in `en`: Unknown variable: $count"
        );
    }

    /// A change of `value`, counted in `kind` (in percent when `percent`), as running text in
    /// vi, en, zh and nb says it.
    fn change_in_every_language(kind: UnitKind, value: f64, percent: bool) -> Vec<String> {
        let locales = repository_locales();
        let change = Value {
            decimals: crate::content::decimals_of(value),
            ..people(value, Qualifier::Exact, None)
        };
        ["vi", "en", "zh", "nb"]
            .iter()
            .map(|l| {
                let words = locales.get(l).unwrap();
                words.change_words(kind, &change, percent).unwrap()
            })
            .collect()
    }

    /// A distance to target of `value`, counted in `kind`, as vi, en, zh and nb say it.
    fn gap_in_every_language(kind: UnitKind, value: f64) -> Vec<String> {
        let locales = repository_locales();
        let gap = Value {
            decimals: crate::content::decimals_of(value),
            ..people(value, Qualifier::Exact, None)
        };
        ["vi", "en", "zh", "nb"]
            .iter()
            .map(|l| locales.get(l).unwrap().gap_words(kind, &gap).unwrap())
            .collect()
    }

    #[test]
    fn a_change_reads_in_words_by_its_sign_without_a_sign() {
        assert_eq!(
            change_in_every_language(UnitKind::Count, 33_924.0, false),
            ["tăng 33.924", "up 33,924", "增加33,924", "opp 33\u{a0}924"]
        );
        assert_eq!(
            change_in_every_language(UnitKind::Count, -7_220.0, false),
            ["giảm 7.220", "down 7,220", "减少7,220", "ned 7\u{a0}220"]
        );
        // A percentage rises and falls in Chinese (增长, 下降); a number grows and shrinks.
        assert_eq!(
            change_in_every_language(UnitKind::Count, 12.97, true),
            ["tăng 12,97%", "up 12.97%", "增长12.97%", "opp 12,97\u{a0}%"]
        );
        assert_eq!(
            change_in_every_language(UnitKind::Money, -1.41, true),
            ["giảm 1,41%", "down 1.41%", "下降1.41%", "ned 1,41\u{a0}%"]
        );
        // A share changes in points.
        assert_eq!(
            change_in_every_language(UnitKind::Share, -3.1, false),
            [
                "giảm 3,1\u{a0}điểm phần trăm",
                "down 3.1 points",
                "下降3.1个百分点",
                "ned 3,1\u{a0}prosentpoeng"
            ]
        );
        assert_eq!(
            change_in_every_language(UnitKind::Money, 1_018_600_000_000.0, false)[1],
            "up 1,018.6 billion VND"
        );
    }

    #[test]
    fn no_change_reads_as_unchanged_never_as_up_zero() {
        let unchanged = ["không đổi", "unchanged", "持平", "uendret"];
        assert_eq!(
            change_in_every_language(UnitKind::Count, 0.0, false),
            unchanged
        );
        assert_eq!(
            change_in_every_language(UnitKind::Count, 0.0, true),
            unchanged
        );
        // Zero at the precision of the data, as the figure would show it: 0.004 of a figure
        // given to two decimals.
        let tiny = Value {
            decimals: 2,
            ..people(0.004, Qualifier::Exact, None)
        };
        let en = repository_locales();
        let en = en.get("en").unwrap();
        assert_eq!(
            en.change_words(UnitKind::Share, &tiny, false).unwrap(),
            "unchanged"
        );
        assert_eq!(en.gap_words(UnitKind::Share, &tiny).unwrap(), "on target");
    }

    #[test]
    fn a_gap_to_target_reads_as_above_below_or_on_target() {
        assert_eq!(
            gap_in_every_language(UnitKind::Share, 0.5),
            [
                "vượt 0,5\u{a0}điểm phần trăm so với chỉ tiêu",
                "0.5 points above target",
                "高于目标0.5个百分点",
                "0,5\u{a0}prosentpoeng over målet"
            ]
        );
        assert_eq!(
            gap_in_every_language(UnitKind::Share, -3.1),
            [
                "thấp hơn 3,1\u{a0}điểm phần trăm so với chỉ tiêu",
                "3.1 points short of target",
                "低于目标3.1个百分点",
                "3,1\u{a0}prosentpoeng under målet"
            ]
        );
        assert_eq!(
            gap_in_every_language(UnitKind::Share, 0.0),
            ["đạt đúng chỉ tiêu", "on target", "与目标持平", "på målet"]
        );
        // A count's gap is a number of people more or fewer than planned.
        assert_eq!(
            gap_in_every_language(UnitKind::Count, -38_213.0),
            [
                "thấp hơn 38.213 so với chỉ tiêu",
                "38,213 short of target",
                "距目标尚差38,213",
                "38\u{a0}213 under målet"
            ]
        );
    }

    #[test]
    fn needed_decimals_trims_zeros() {
        assert_eq!(needed_decimals(93.0, 2), 0);
        assert_eq!(needed_decimals(93.35, 2), 2);
        assert_eq!(needed_decimals(8.8733, 2), 2);
        assert_eq!(needed_decimals(1.1, 2), 1);
    }
}
