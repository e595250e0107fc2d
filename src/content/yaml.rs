//! YAML reading with positions: syntax and type errors, duplicate keys, and the line of any key.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::marker::PhantomData;
use std::path::Path;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::content::spans;
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
    // serde keeps the last of two equal keys in most maps; the parser's events find the second.
    let walked = spans::check(source);
    if let Err(spans::Problem::Duplicate { key, at, first }) = &walked {
        let (line, column) = line_col(source, *at);
        let (first_line, _) = line_col(source, *first);
        return Err(Diagnostic::error(path, format!("duplicate key `{key}`"))
            .at(source, line, column)
            .with_hint(format!(
                "`{key}` is already on line {first_line}; each key may appear once in a \
                 mapping, so remove or rename one of them"
            )));
    }
    match serde_yaml::from_str::<T>(source) {
        Ok(value) => Ok(value),
        Err(typed) => {
            // An indentation slip can surface as a misleading "missing field": if the text is
            // not even valid YAML, report the syntax error instead. `IgnoredAny` checks syntax
            // and nesting only.
            let error = match serde_yaml::from_str::<serde::de::IgnoredAny>(source) {
                Err(syntax) => Failure::Syntax(syntax),
                Ok(_) => Failure::Typed(typed),
            };
            Err(from_yaml_error(path, source, error, &walked))
        }
    }
}

/// Why serde_yaml refused a text: the YAML itself, or its fit to the expected type.
enum Failure {
    Syntax(serde_yaml::Error),
    Typed(serde_yaml::Error),
}

fn from_yaml_error(
    path: &Path,
    source: &str,
    failure: Failure,
    walked: &Result<(), spans::Problem>,
) -> Diagnostic {
    let (error, syntax) = match &failure {
        Failure::Syntax(e) => (e, true),
        Failure::Typed(e) => (e, false),
    };
    let text = error.to_string();
    // serde_yaml appends " at line L column C" (or " at position N"); the position is shown
    // separately.
    let message = match text
        .find(" at line ")
        .or_else(|| text.find(" at position "))
    {
        Some(i) => text[..i].to_string(),
        None => text.clone(),
    };
    // A colon with no space after it makes `key:value` one plain text, and the parser only
    // notices a line later, where a key was expected: point at the colon instead.
    if let (true, Err(spans::Problem::Syntax { at, after, .. })) = (syntax, walked) {
        if let Some(colon) = colon_without_space(source, *after, *at) {
            let (line, column) = line_col(source, colon);
            return Diagnostic::error(path, "a colon without a space after it")
                .at(source, line, column)
                .with_hint(
                    "YAML separates a key from its value with a colon and a space: \
                     write `key: value`",
                );
        }
    }
    let position = match (walked, error.location()) {
        // libyaml's reader (a NUL, a control character) names no mark, only a byte count in
        // its message, and the location is the start of the text: the other parser stopped
        // at the character itself.
        (Err(spans::Problem::Syntax { at, .. }), Some(location))
            if syntax && location.index() == 0 && *at > 0 =>
        {
            Some(line_col(source, *at))
        }
        // From the byte index, not libyaml's line: that one also breaks at a lone `\r`,
        // U+0085, U+2028 and U+2029, naming a line the excerpt does not have.
        (_, Some(location)) => Some(line_col(source, location.index())),
        // An alias bomb stops without a position; its aliases are what to look at.
        (_, None) => spans::first_alias(source).map(|at| line_col(source, at)),
    };
    let diagnostic = Diagnostic::error(path, message.as_str()).at_opt(source, position);
    match hint_for(&message) {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// The first `:` between two offsets that is followed by a character other than a space, in
/// text the parser had not yet made sense of: `share:93` read as one plain scalar.
fn colon_without_space(source: &str, from: usize, to: usize) -> Option<usize> {
    let between = source.get(from..to.min(source.len()))?;
    let mut offset = from;
    for line in between.split_inclusive('\n') {
        let content = strip_comment(line);
        let body = content.trim_start().trim_start_matches("- ");
        let quoted = body.starts_with(['"', '\'', '{', '[']);
        if !quoted {
            if let Some(i) = body.find(':') {
                let next = body[i + 1..].chars().next();
                if i > 0 && next.is_some_and(|c| !c.is_whitespace()) {
                    return Some(offset + (content.len() - body.len()) + i);
                }
            }
        }
        offset += line.len();
    }
    None
}

fn hint_for(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some("check the spelling of the key; the expected keys are listed above".into())
    } else if message.contains("recursion limit") || message.contains("repetition limit") {
        Some("the file nests or repeats too deeply to be data; simplify it".into())
    } else if message.ends_with(crate::content::NOT_A_YAML_NUMBER) {
        Some(
            "write numbers without quotes, group separators or a percent sign, and with a \
             decimal point: 2911787, 93.5; a share is a plain number, 93.5 for 93.5 %"
                .into(),
        )
    } else if message.contains(crate::content::LARGER_THAN_ANY_FIGURE) {
        Some(format!(
            "check the digits for one typed twice; money is written in đồng, and no count or \
             amount of a province comes near {}",
            crate::content::MAX_EXACT_INTEGER
        ))
    } else if message.starts_with("invalid type") {
        Some("check the value's type: numbers without quotes, lists in [ ], text in quotes".into())
    } else if message.contains("duplicate") {
        Some("each key may appear once in a mapping; remove or rename one of them".into())
    } else {
        None
    }
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

/// The 1-based (line, column) of the key at `path` (e.g. `["results", "hi-coverage"]`; `0`,
/// `1`, … step into lists), for errors found after parsing: serde's values carry no positions.
pub fn locate(source: &str, path: &[&str]) -> Option<(usize, usize)> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    spans::find(source, path).map(|at| line_col(source, at))
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
    fn locates_keys_inside_flow_maps_on_one_line_or_several() {
        assert_eq!(
            locate(SOURCE, &["results", "hi-visits", "qualifier"]),
            Some((4, 31))
        );
        assert_eq!(locate(SOURCE, &["results", "missing"]), None);
        let src = "results:\n  hi-visits: {\n    value: 5600000,\n    qualifier: over }\n";
        assert_eq!(
            locate(src, &["results", "hi-visits", "qualifier"]),
            Some((4, 5))
        );
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
    fn a_nul_is_placed_on_its_own_line() {
        let src = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\u{0}\n";
        let err = parse::<serde_yaml::Value>(Path::new("x.yaml"), src).unwrap_err();
        assert_eq!((err.line, err.column), (Some(8), Some(5)), "{err}");
        assert!(!err.message.contains("position"), "{err}");
    }

    #[test]
    fn a_missing_space_after_a_colon_is_placed_at_the_colon() {
        let src = "results:\n  a: 1\n  share:24.9\n  b: 2\n";
        let err = parse::<serde_yaml::Value>(Path::new("x.yaml"), src).unwrap_err();
        assert_eq!((err.line, err.column), (Some(3), Some(8)), "{err}");
        assert!(err.hint.as_deref().unwrap().contains("key: value"), "{err}");
        // A colon inside a value that is quoted, or inside an address, is no mistake.
        let src = "url: \"http://x\"\nb: c\n  d: 1\n";
        let err = parse::<serde_yaml::Value>(Path::new("x.yaml"), src).unwrap_err();
        assert!(!err.message.contains("colon"), "{err}");
    }

    #[test]
    fn an_alias_bomb_points_at_the_first_alias() {
        let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let aliases = vec![format!("*{previous}"); 10].join(", ");
            src.push_str(&format!("{name}: &{name} [{aliases}]\n"));
        }
        let err = parse::<serde_yaml::Value>(Path::new("x.yaml"), &src).unwrap_err();
        assert!(err.message.contains("repetition limit"), "{err}");
        assert_eq!((err.line, err.column), (Some(2), Some(8)), "{err}");
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
