//! YAML reading with positions: syntax and type errors, duplicate keys, and the line of any key.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::marker::PhantomData;
use std::path::Path;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostics::{line_col, Diagnostic};

/// Largest file bantin reads as input (data, narratives, templates, messages): all of it is
/// written by hand, so anything larger is a mistake, and checking first keeps a huge file or a
/// link to `/dev/zero` from filling memory.
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a file as UTF-8 text, naming the first bad byte's line if it is not. Only a regular
/// file of at most [`MAX_INPUT_BYTES`] is read: a FIFO would block the build forever, a device
/// would never end.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(path, format!("cannot read the file: {e}"))
            .with_hint("check that it exists and is readable")
    };
    // `metadata` follows symbolic links: what counts is what a link leads to.
    let metadata = std::fs::metadata(path).map_err(cannot_read)?;
    if let Some(kind) = special_kind(&metadata.file_type()) {
        return Err(
            Diagnostic::error(path, format!("this is not a regular file but {kind}"))
                .with_hint("replace it with a regular file (or a link to one)"),
        );
    }
    let too_large = |size: u64| {
        Diagnostic::error(
            path,
            format!(
                "the file has {size} bytes ({}), more than the limit of {} for an input file",
                mebibytes(size),
                mebibytes(MAX_INPUT_BYTES)
            ),
        )
        .with_hint(
            "input files are written by hand; split this one or remove what does not belong in it",
        )
    };
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(too_large(metadata.len()));
    }
    // The file may grow between the check and the read: never read past the limit.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, column) = line_col(&prefix, prefix.len());
        Diagnostic::error(path, "the file is not valid UTF-8 text")
            .at(&prefix, line, column)
            .with_hint("save the file as UTF-8")
    })
}

/// What a file that is not a regular one is, as a sentence names it.
fn special_kind(kind: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    if kind.is_dir() {
        Some("a folder")
    } else if kind.is_file() {
        None
    } else {
        Some("a special file")
    }
}

/// A size in MiB, as the limit is stated.
fn mebibytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Parses `source` (the text of `path`) into `T`, turning every failure into a located diagnostic.
pub fn parse<T: DeserializeOwned>(path: &Path, source: &str) -> Result<T, Diagnostic> {
    // With a byte order mark, serde_yaml reports any error as "more than one document".
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if let Some((line, column)) = tab_indentation(source) {
        return Err(Diagnostic::error(path, "a tab is used for indentation")
            .at(source, line, column)
            .with_hint("YAML indents with spaces only; replace the tab with spaces"));
    }
    match serde_yaml::from_str::<T>(source) {
        Ok(value) => Ok(value),
        Err(typed) => {
            // An indentation slip can surface as a misleading "missing field": if the text is
            // not even valid YAML, report the syntax error instead. `IgnoredAny` checks syntax
            // and nesting only; a `Value` would also reject duplicate keys, at the mapping's
            // first line instead of the duplicate's.
            let error = match serde_yaml::from_str::<serde::de::IgnoredAny>(source) {
                Err(syntax) => syntax,
                Ok(_) => typed,
            };
            Err(from_yaml_error(path, source, &error))
        }
    }
}

fn from_yaml_error(path: &Path, source: &str, error: &serde_yaml::Error) -> Diagnostic {
    let text = error.to_string();
    // serde_yaml appends " at line L column C"; the position is shown separately.
    let message = match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text.clone(),
    };
    let hint = hint_for(&message);
    // A duplicate is found once the mapping is read, and serde_yaml places it at the mapping's
    // first key: point at the second occurrence instead.
    let position = match error.location() {
        Some(loc) => {
            // From the byte index, not libyaml's line: that one also breaks at a lone `\r`,
            // U+0085, U+2028 and U+2029, naming a line the excerpt and `locate` do not have.
            let (line, column) = line_col(source, loc.index());
            Some(
                duplicated_key(&message)
                    .and_then(|key| locate_duplicate(source, line, column, key))
                    .unwrap_or((line, column)),
            )
        }
        // An alias bomb stops without a position; its aliases are what to look at.
        None if message.contains("repetition limit") => first_alias(source),
        None => None,
    };
    let diagnostic = Diagnostic::error(path, message).at_opt(source, position);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

fn hint_for(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some("check the spelling of the key; the expected keys are listed above".into())
    } else if message.contains("duplicate") {
        Some("each key may appear once in a mapping; remove or rename one of them".into())
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        Some("the file nests or repeats too deeply to be data; simplify it".into())
    } else if message.ends_with(crate::content::NOT_A_YAML_NUMBER) {
        Some(
            "write numbers without quotes, group separators or a percent sign, and with a \
             decimal point: 2911787, 93.5; a share is a plain number, 93.5 for 93.5 %"
                .into(),
        )
    } else if message.starts_with("invalid type") {
        Some("check the value's type: numbers without quotes, lists in [ ], text in quotes".into())
    } else {
        None
    }
}

/// The key a "duplicate key `k`" (ours) or "duplicate field `k`" (serde's) message names.
fn duplicated_key(message: &str) -> Option<&str> {
    let (_, rest) = message
        .split_once("duplicate key `")
        .or_else(|| message.split_once("duplicate field `"))?;
    rest.split_once('`').map(|(key, _)| key)
}

/// The second occurrence of `key` in the block mapping whose first key is at (line, column).
fn locate_duplicate(source: &str, line: usize, column: usize, key: &str) -> Option<(usize, usize)> {
    let indent = column.checked_sub(1)?;
    let mut seen = 0;
    for (index, raw) in source.lines().enumerate().skip(line.checked_sub(1)?) {
        let content = strip_comment(raw);
        let body = content.trim_start();
        if body.is_empty() {
            continue;
        }
        let raw_indent = content.len() - body.len();
        if index + 1 > line && raw_indent < indent {
            return None;
        }
        // The mapping may be a list item: `- a: 1` puts its first key after the dash.
        let (at, body) = match body.strip_prefix("- ") {
            Some(rest) => (content.len() - rest.trim_start().len(), rest.trim_start()),
            None => (raw_indent, body),
        };
        if at == indent && block_key(body) == Some(key) {
            seen += 1;
            if seen == 2 {
                return Some((index + 1, at + 1));
            }
        }
    }
    None
}

/// The first alias (`*name`) outside comments, as (line, column).
fn first_alias(source: &str) -> Option<(usize, usize)> {
    source.lines().enumerate().find_map(|(i, raw)| {
        let line = strip_comment(raw);
        line.char_indices()
            .zip(line.chars().skip(1))
            .find(|((at, c), next)| {
                *c == '*'
                    && next.is_alphanumeric()
                    && line[..*at]
                        .chars()
                        .last()
                        .is_none_or(|p| matches!(p, ' ' | '[' | ',' | '{' | ':'))
            })
            .map(|((at, _), _)| (i + 1, line[..at].chars().count() + 1))
    })
}

/// The first tab used in a line's indentation, as (line, column).
fn tab_indentation(source: &str) -> Option<(usize, usize)> {
    source.lines().enumerate().find_map(|(i, line)| {
        let indent: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let rest = &line[indent.len()..];
        (indent.contains('\t') && !rest.is_empty() && !rest.starts_with('#'))
            .then(|| (i + 1, indent.find('\t').map_or(1, |c| c + 1)))
    })
}

/// A mapping that rejects duplicate keys (serde keeps the last one silently) and remembers the
/// order the file gave, so pages list things as their author ordered them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct UniqueMap<K: Ord, V>(pub BTreeMap<K, V>, #[serde(skip)] pub Vec<K>);

impl<K: Ord, V> Default for UniqueMap<K, V> {
    fn default() -> Self {
        UniqueMap(BTreeMap::new(), Vec::new())
    }
}

impl<K: Ord, V> UniqueMap<K, V> {
    /// Keys in the order the file wrote them.
    pub fn keys_in_order(&self) -> impl Iterator<Item = &K> {
        self.1.iter()
    }
}

impl<K: Ord, V> std::ops::Deref for UniqueMap<K, V> {
    type Target = BTreeMap<K, V>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<'de, K, V> Deserialize<'de> for UniqueMap<K, V>
where
    K: Deserialize<'de> + Ord + fmt::Display + Clone,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UniqueVisitor<K, V>(PhantomData<(K, V)>);

        impl<'de, K, V> Visitor<'de> for UniqueVisitor<K, V>
        where
            K: Deserialize<'de> + Ord + fmt::Display + Clone,
            V: Deserialize<'de>,
        {
            type Value = UniqueMap<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = BTreeMap::new();
                let mut order = Vec::new();
                while let Some(key) = access.next_key::<K>()? {
                    if map.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!("duplicate key `{key}`")));
                    }
                    let value = access.next_value::<V>()?;
                    order.push(key.clone());
                    map.insert(key, value);
                }
                Ok(UniqueMap(map, order))
            }
        }

        deserializer.deserialize_map(UniqueVisitor(PhantomData))
    }
}

/// Finds the 1-based (line, column) of the key at `path` (e.g. `["results", "hi-coverage"]`)
/// in a YAML text written in block style, looking inside `{ … }` flow maps for the last step.
/// Serde values carry no positions; this recovers them for errors found after parsing.
pub fn locate(source: &str, path: &[&str]) -> Option<(usize, usize)> {
    if path.is_empty() {
        return None;
    }
    // Open block keys: (indent, key).
    let mut stack: Vec<(usize, String)> = Vec::new();
    for (index, raw) in source.lines().enumerate() {
        let line_no = index + 1;
        let content = strip_comment(raw);
        if content.trim().is_empty() || content.trim_start().starts_with("---") {
            continue;
        }
        let indent = content.len() - content.trim_start().len();
        let body = content.trim_start();
        let (indent, body) = match body.strip_prefix("- ") {
            Some(rest) => (indent + 2, rest.trim_start()),
            None => (indent, body),
        };
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let Some(key) = block_key(body) else {
            continue;
        };
        stack.push((indent, key.to_string()));
        let keys: Vec<&str> = stack.iter().map(|(_, k)| k.as_str()).collect();
        if keys == path {
            return Some((line_no, content.find(key).map_or(indent, |c| c) + 1));
        }
        // The last steps may sit in a flow map on this line: `key: {value: 1, qualifier: over}`.
        if path.len() > keys.len() && path.starts_with(&keys) {
            let rest = &path[keys.len()..];
            let mut from = indent + key.len();
            let mut found = true;
            for step in rest {
                match find_flow_key(content, from, step) {
                    Some(pos) => from = pos + step.len(),
                    None => {
                        found = false;
                        break;
                    }
                }
            }
            if found {
                let column = from - rest.last().map_or(0, |s| s.len());
                return Some((line_no, column + 1));
            }
        }
    }
    None
}

fn strip_comment(line: &str) -> &str {
    let mut in_single = false;
    let mut in_double = false;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !in_double => in_single = !in_single,
            '"' if !in_single => in_double = !in_double,
            '#' if !in_single && !in_double && previous.is_whitespace() => return &line[..i],
            _ => {}
        }
        previous = c;
    }
    line
}

fn block_key(body: &str) -> Option<&str> {
    let end = body.find(':')?;
    let after = &body[end + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let key = body[..end].trim().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty() && !key.contains(['{', '[', ',']) && !key.contains(' ')).then_some(key)
}

fn find_flow_key(line: &str, from: usize, key: &str) -> Option<usize> {
    let hay = line.get(from..)?;
    let mut search = 0;
    while let Some(pos) = hay[search..].find(key) {
        let at = search + pos;
        let before = hay[..at].chars().last();
        let after = hay[at + key.len()..].trim_start().chars().next();
        if matches!(before, Some('{' | ',' | ' ' | '[')) && after == Some(':') {
            return Some(from + at);
        }
        search = at + key.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "# comment\nresults:\n  hi-coverage: 93\n  hi-visits: {value: 5600000, qualifier: over}\ntargets:\n  hi-coverage: 94 # goal\nnotes:\n  - {note: x, days: 20}\n";

    #[test]
    fn locates_block_keys() {
        assert_eq!(locate(SOURCE, &["results"]), Some((2, 1)));
        assert_eq!(locate(SOURCE, &["results", "hi-coverage"]), Some((3, 3)));
        assert_eq!(locate(SOURCE, &["targets", "hi-coverage"]), Some((6, 3)));
    }

    #[test]
    fn locates_keys_inside_flow_maps() {
        assert_eq!(
            locate(SOURCE, &["results", "hi-visits", "qualifier"]),
            Some((4, 31))
        );
        assert_eq!(locate(SOURCE, &["results", "missing"]), None);
    }

    #[test]
    fn duplicate_keys_are_rejected_with_a_line() {
        let src = "a: 1\nb: 2\na: 3\n";
        let err = parse::<UniqueMap<String, i64>>(Path::new("x.yaml"), src).unwrap_err();
        assert!(err.message.contains("duplicate key `a`"), "{err}");
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn nested_duplicates_point_at_the_second_key() {
        let src = "results:\n  a: 1\n  # b: 0\n  b: 2\n  a: 3\ntargets:\n  a: 4\n";
        let err = parse::<BTreeMap<String, UniqueMap<String, i64>>>(Path::new("x.yaml"), src)
            .unwrap_err();
        assert!(err.message.contains("duplicate key `a`"), "{err}");
        assert_eq!((err.line, err.column), (Some(5), Some(3)), "{err}");
    }

    #[test]
    fn alias_bombs_point_at_the_first_alias() {
        let src = "# *not\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        assert_eq!(first_alias(src), Some((3, 8)));
    }

    #[test]
    fn lines_count_newlines_only() {
        // libyaml also breaks lines at a lone `\r`, and put this end of the text on line 5.
        let src = "# x\n\rregion: a\nb]\n";
        let err = parse::<serde_yaml::Value>(Path::new("x.yaml"), src).unwrap_err();
        assert_eq!((err.line, err.column), (Some(4), Some(1)), "{err}");
        let err =
            parse::<serde_yaml::Value>(Path::new("x.yaml"), "a: 1\r\rb: 2\n]: [\n").unwrap_err();
        assert_eq!(err.line, Some(2), "{err}");
        assert_eq!(err.excerpt.as_deref(), Some("]: ["), "{err}");
        // U+2028 is a line break to libyaml too.
        let src = "a: 1\u{2028}\nb: c: d\n";
        let err = parse::<serde_yaml::Value>(Path::new("x.yaml"), src).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(5)), "{err}");
    }

    #[test]
    fn a_byte_order_mark_keeps_the_real_error() {
        let src = "\u{feff}a: 1\nb: c: d\n";
        let err = parse::<serde_yaml::Value>(Path::new("x.yaml"), src).unwrap_err();
        assert!(err.message.contains("mapping values"), "{err}");
        assert_eq!((err.line, err.column), (Some(2), Some(5)), "{err}");
    }

    #[test]
    fn tabs_are_named() {
        let err = parse::<serde_yaml::Value>(Path::new("x.yaml"), "a:\n\tb: 1\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("tab"));
    }
}
