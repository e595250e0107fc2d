//! One diagnostic type for every problem a user can fix: where it is, what is wrong, what to do.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in the user's input, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The offending source line, shown under the message.
    #[serde(skip)]
    pub excerpt: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: tidy(&message.into()),
            hint: None,
            excerpt: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Places the diagnostic at a 1-based line and column of `source`, keeping that line as excerpt.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column.max(1));
        self.excerpt = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end().to_string());
        self
    }

    /// Places the diagnostic at a position if one is known.
    pub fn at_opt(self, source: &str, position: Option<(usize, usize)>) -> Self {
        match position {
            Some((line, column)) => self.at(source, line, column),
            None => self,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(tidy(&hint.into()));
        self
    }

    /// Keeps the line number but not the line: for a line holding a secret (a password in an
    /// address), which an error must never copy into a build log.
    pub fn without_excerpt(mut self) -> Self {
        self.excerpt = None;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:column`, as editors and terminals understand it. A file is named by the
    /// user, so its name is escaped like any user text.
    pub fn location(&self) -> String {
        let mut out = escape_line(&self.path.display().to_string()).into_owned();
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                out.push_str(&format!(":{column}"));
            }
        }
        out
    }

    /// Paths are shown relative to the site root when they lie inside it.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.path.strip_prefix(root) {
            self.path = rel.to_path_buf();
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}: {}", self.location(), self.message)?;
        if let (Some(line), Some(excerpt)) = (self.line, &self.excerpt) {
            let (excerpt, column) = excerpt_window(excerpt, self.column.unwrap_or(1));
            let gutter = line.to_string().len();
            write!(
                f,
                "\n{:gutter$} |\n{line} | {}",
                "",
                escape_controls(&excerpt)
            )?;
            if self.column.is_some() {
                // Under each character as many columns as it takes once escaped.
                let mut pad = String::new();
                for c in excerpt.chars().take(column.saturating_sub(1)) {
                    match c {
                        '\t' => pad.push('\t'),
                        c if is_escaped(c) => {
                            pad.extend(std::iter::repeat_n(' ', c.escape_unicode().count()))
                        }
                        _ => pad.push(' '),
                    }
                }
                write!(f, "\n{:gutter$} | {pad}^", "")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// Widest excerpt shown, in characters: a minified or generated line stays readable, and a
/// file a link leads to (a secret, a password file) is not printed whole.
const EXCERPT_WIDTH: usize = 80;

/// Longest quoted value kept in a message or hint, in characters: enough to recognise it,
/// too little to print a whole file or flood a CI log.
const QUOTE_WIDTH: usize = 80;

/// A message or hint as shown: each part quoted in backticks or double quotes (user values,
/// as serde and bantin quote them) cut to [`QUOTE_WIDTH`] characters with `…`, and control
/// characters escaped so that none reaches a terminal raw.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * QUOTE_WIDTH));
    let mut rest = text;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest.as_bytes()[open] as char;
        out.push_str(&rest[..=open]);
        let inside = &rest[open + 1..];
        let close = if quote == '"' {
            closing_double_quote(inside)
        } else {
            inside.find('`')
        };
        let (value, after) = match close {
            Some(close) => (&inside[..close], &inside[close..]),
            None => (inside, ""),
        };
        match value.char_indices().nth(QUOTE_WIDTH) {
            Some((cut, _)) => {
                out.push_str(&value[..cut]);
                out.push('…');
            }
            None => out.push_str(value),
        }
        match after.strip_prefix(quote) {
            Some(after) => {
                out.push(quote);
                rest = after;
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    escape_controls(&out).into_owned()
}

/// The end of a double-quoted value written with Rust's escapes (`\"` inside), as serde
/// quotes strings.
fn closing_double_quote(inside: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in inside.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// A control character other than tab and newline: escape, bell, backspace, NUL, DEL, …
fn is_escaped(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// `text` with every control character other than tab and newline written as `\u{1b}`.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape(text, is_escaped)
}

/// `text` as one line of a terminal: every control character written as `\u{1b}`, tab and
/// newline too (a file name holding a newline would otherwise read as two).
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape(text, char::is_control)
}

fn escape(text: &str, escaped: fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The part of a long line around `column`, marked with `…` where cut, and the column in it.
fn excerpt_window(line: &str, column: usize) -> (String, usize) {
    let length = line.chars().count();
    if length <= EXCERPT_WIDTH {
        return (line.to_string(), column);
    }
    let start = column
        .saturating_sub(EXCERPT_WIDTH / 2)
        .min(length - EXCERPT_WIDTH);
    let mut text: String = line.chars().skip(start).take(EXCERPT_WIDTH).collect();
    let mut column = column - start;
    if start > 0 {
        text.insert(0, '…');
        column += 1;
    }
    if start + EXCERPT_WIDTH < length {
        text.push('…');
    }
    (text, column)
}

/// Every problem found by a stage; a stage reports all it finds, not just the first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// Sorted by file and line so that reports are stable from run to run.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.0.dedup();
        self
    }

    /// Ok with the warnings if nothing is an error, else Err with everything.
    pub fn into_result(self) -> Result<Diagnostics, Diagnostics> {
        if self.has_errors() {
            Err(self.sorted())
        } else {
            Ok(self.sorted())
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// 1-based line and column of a byte offset in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..source.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}x{}", "[".repeat(500), "]".repeat(500));
        let d = Diagnostic::error("a.yaml", "here").at(&line, 1, 501);
        let shown = d.to_string();
        let excerpt = shown.lines().nth(2).unwrap();
        let caret = shown.lines().nth(3).unwrap();
        assert!(excerpt.chars().count() < 120, "{shown}");
        let x = excerpt.chars().position(|c| c == 'x').unwrap();
        assert_eq!(caret.chars().position(|c| c == '^'), Some(x), "{shown}");
    }

    #[test]
    fn quoted_values_are_cut_and_escaped() {
        let long = "x".repeat(1000);
        let d = Diagnostic::error(
            "a.yaml",
            format!("invalid type: string \"{long}\", expected a number"),
        );
        assert_eq!(
            d.message,
            format!(
                "invalid type: string \"{}…\", expected a number",
                "x".repeat(80)
            )
        );
        let d = Diagnostic::error(
            "a.yaml",
            format!("unknown field `{long}`, expected `as-of`"),
        )
        .with_hint("say \"a\\\"b\" \u{7}");
        assert!(d.message.ends_with("…`, expected `as-of`"), "{}", d.message);
        assert_eq!(d.hint.as_deref(), Some("say \"a\\\"b\" \\u{7}"));
    }

    #[test]
    fn control_characters_in_excerpts_are_escaped() {
        let d = Diagnostic::error("en.md", "here").at("a\u{1b}[2Jb", 1, 5);
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        let excerpt = shown.lines().nth(2).unwrap();
        let caret = shown.lines().nth(3).unwrap();
        assert_eq!(excerpt, "1 | a\\u{1b}[2Jb");
        assert_eq!(caret.find('^'), excerpt.find('J'), "{shown}");
    }

    #[test]
    fn control_characters_in_file_names_are_escaped() {
        let d = Diagnostic::error("content/bulletins/a\u{1b}[2J\nb/en.md", "here");
        assert_eq!(
            d.to_string(),
            "error: content/bulletins/a\\u{1b}[2J\\u{a}b/en.md: here"
        );
        assert_eq!(escape_line("a\tb"), "a\\u{9}b");
        assert_eq!(escape_line("en/index.html"), "en/index.html");
    }
}
