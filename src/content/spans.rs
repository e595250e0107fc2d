//! Where things are in a YAML text, from a parser's own events.
//!
//! serde's values carry no positions, so anything found after parsing (a duplicate key, an
//! unknown indicator, a share over 100) asks this module where the key it concerns was
//! written. The text is read once more by `saphyr-parser`, whose events carry spans; nothing
//! here guesses from indentation or from an error message.

use std::collections::HashMap;
use std::ops::ControlFlow;

use saphyr_parser::{Event, Marker, Parser};

/// Deepest nesting followed. serde_yaml gives up at 128 levels with its own located error, and
/// no bantin file nests more than a few levels; deeper text is not worth a path per level.
const MAX_DEPTH: usize = 256;

/// What kept a text from being walked to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The parser stopped: its message, where it stopped, and where the last complete piece
    /// of the text ended (the mistake lies between the two).
    Syntax {
        message: String,
        at: usize,
        after: usize,
    },
    /// A key written twice in one mapping: the second occurrence and the first, as byte offsets.
    Duplicate {
        key: String,
        at: usize,
        first: usize,
    },
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep { at: usize },
}

/// Checks the whole text: its syntax and that no mapping repeats a key.
pub fn check(source: &str) -> Result<(), Problem> {
    walk(source, |_, _| ControlFlow::Continue(()))
}

/// The byte offset of the key at `path` (mapping keys, and `0`, `1`, … for list items),
/// or of the list item itself when the last step is an index. `None` if the text has no such
/// path or cannot be read up to it.
pub fn find(source: &str, path: &[&str]) -> Option<usize> {
    if path.is_empty() {
        return None;
    }
    let mut found = None;
    let _ = walk(source, |visit, at| match visit {
        Visit::Node(steps) if steps.len() == path.len() && steps.iter().eq(path.iter()) => {
            found = Some(at);
            ControlFlow::Break(())
        }
        _ => ControlFlow::Continue(()),
    });
    found
}

/// The byte offset of the first alias (`*name`): where an alias bomb starts.
pub fn first_alias(source: &str) -> Option<usize> {
    let mut found = None;
    let _ = walk(source, |visit, at| match visit {
        Visit::Alias => {
            found = Some(at);
            ControlFlow::Break(())
        }
        Visit::Node(_) => ControlFlow::Continue(()),
    });
    found
}

/// What the walk reports to its visitor, with the byte offset where it was written.
enum Visit<'a> {
    /// A mapping key (the path ends with it) or a list item (the path ends with its index).
    Node(&'a [String]),
    Alias,
}

/// What a node stands for in the collection around it.
enum Frame {
    Mapping {
        /// Keys seen so far, with the offset of their first occurrence.
        keys: HashMap<String, usize>,
        state: Expecting,
    },
    Sequence {
        next: usize,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Expecting {
    Key,
    /// A key that is itself a mapping or list is being read.
    ComplexKey,
    Value,
}

/// Walks the first document's events, telling `visit` about every key, list item and alias.
/// Stops early when `visit` breaks (then the result is `Ok`).
fn walk(
    source: &str,
    mut visit: impl FnMut(Visit<'_>, usize) -> ControlFlow<()>,
) -> Result<(), Problem> {
    let mut offsets = Offsets::new(source);
    let mut parser = Parser::new_from_str(source);
    let mut stack: Vec<Frame> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut after = 0;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(read) => read,
            Err(error) => {
                return Err(Problem::Syntax {
                    message: error.info().to_string(),
                    at: offsets.of(error.marker()),
                    after,
                })
            }
        };
        let at = offsets.of(&span.start);
        after = offsets.of(&span.end);
        let flow = match event {
            Event::DocumentEnd => break,
            Event::Scalar(text, ..) => {
                if let Some(Frame::Mapping { keys, state }) = stack.last_mut() {
                    if *state == Expecting::Key {
                        if let Some(&first) = keys.get(text.as_ref()) {
                            return Err(Problem::Duplicate {
                                key: text.into_owned(),
                                at,
                                first,
                            });
                        }
                        keys.insert(text.to_string(), at);
                        *state = Expecting::Value;
                        path.push(text.into_owned());
                        let flow = visit(Visit::Node(&path), at);
                        if flow.is_break() {
                            return Ok(());
                        }
                        continue;
                    }
                }
                let flow = enter(&mut stack, &mut path, &mut visit, at);
                finish(&mut stack, &mut path);
                flow
            }
            Event::Alias(_) => {
                let flow = enter(&mut stack, &mut path, &mut visit, at);
                finish(&mut stack, &mut path);
                if flow.is_break() || visit(Visit::Alias, at).is_break() {
                    return Ok(());
                }
                ControlFlow::Continue(())
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Problem::TooDeep { at });
                }
                let flow = enter(&mut stack, &mut path, &mut visit, at);
                stack.push(match event {
                    Event::MappingStart(..) => Frame::Mapping {
                        keys: HashMap::new(),
                        state: Expecting::Key,
                    },
                    _ => Frame::Sequence { next: 0 },
                });
                flow
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                finish(&mut stack, &mut path);
                ControlFlow::Continue(())
            }
            _ => ControlFlow::Continue(()),
        };
        if flow.is_break() {
            return Ok(());
        }
    }
    Ok(())
}

/// Before a node that is not a plain key: a list item gets its index on the path (and is
/// visited); a mapping or list used as a key gets a placeholder step.
fn enter(
    stack: &mut [Frame],
    path: &mut Vec<String>,
    visit: &mut impl FnMut(Visit<'_>, usize) -> ControlFlow<()>,
    at: usize,
) -> ControlFlow<()> {
    match stack.last_mut() {
        Some(Frame::Sequence { next }) => {
            path.push(next.to_string());
            visit(Visit::Node(path), at)
        }
        Some(Frame::Mapping { state, .. }) if *state == Expecting::Key => {
            *state = Expecting::ComplexKey;
            path.push("?".to_string());
            ControlFlow::Continue(())
        }
        _ => ControlFlow::Continue(()),
    }
}

/// After a whole node: the collection around it moves on to its next key or item.
fn finish(stack: &mut [Frame], path: &mut Vec<String>) {
    match stack.last_mut() {
        Some(Frame::Sequence { next }) => {
            *next += 1;
            path.pop();
        }
        Some(Frame::Mapping { state, .. }) => match state {
            Expecting::ComplexKey => *state = Expecting::Value,
            Expecting::Value => {
                *state = Expecting::Key;
                path.pop();
            }
            Expecting::Key => {}
        },
        None => {}
    }
}

/// Turns the parser's character indices into byte offsets, walking forward as events do.
struct Offsets<'a> {
    source: &'a str,
    chars: usize,
    bytes: usize,
}

impl<'a> Offsets<'a> {
    fn new(source: &'a str) -> Self {
        Offsets {
            source,
            chars: 0,
            bytes: 0,
        }
    }

    fn of(&mut self, marker: &Marker) -> usize {
        let target = marker.index();
        if target < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        for c in self.source[self.bytes..].chars() {
            if self.chars == target {
                break;
            }
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::line_col;

    fn position(source: &str, path: &[&str]) -> Option<(usize, usize)> {
        find(source, path).map(|at| line_col(source, at))
    }

    const SOURCE: &str = "# comment\nresults:\n  hi-coverage: 93\n  hi-visits: {value: 5600000, qualifier: over}\ntargets:\n  hi-coverage: 94 # goal\nnotes:\n  - {note: x, days: 20}\n  - note: y\n";

    #[test]
    fn block_keys_are_found() {
        assert_eq!(position(SOURCE, &["results"]), Some((2, 1)));
        assert_eq!(position(SOURCE, &["results", "hi-coverage"]), Some((3, 3)));
        assert_eq!(position(SOURCE, &["targets", "hi-coverage"]), Some((6, 3)));
        assert_eq!(position(SOURCE, &["results", "missing"]), None);
        assert_eq!(position(SOURCE, &[]), None);
    }

    #[test]
    fn keys_inside_flow_maps_and_list_items_are_found() {
        assert_eq!(
            position(SOURCE, &["results", "hi-visits", "qualifier"]),
            Some((4, 31))
        );
        assert_eq!(position(SOURCE, &["notes", "0", "days"]), Some((8, 15)));
        assert_eq!(position(SOURCE, &["notes", "1"]), Some((9, 5)));
        assert_eq!(position(SOURCE, &["notes", "1", "note"]), Some((9, 5)));
    }

    #[test]
    fn flow_maps_over_several_lines_are_found() {
        let source = "results:\n  revenue: {\n    value: 5,\n    qualifier: over\n  }\n";
        assert_eq!(
            position(source, &["results", "revenue", "qualifier"]),
            Some((4, 5))
        );
    }

    #[test]
    fn columns_count_characters_after_wide_ones() {
        let source = "tên: \"Nghệ An\"\nbiên: {mã: 1, năm: 2023}\n";
        assert_eq!(position(source, &["biên", "năm"]), Some((2, 15)));
    }

    #[test]
    fn a_duplicate_is_found_at_its_second_occurrence() {
        let source = "results:\n  a: 1\n  # a: 0\n  b: {c: 1, c: 2}\n";
        let at = |line, column| {
            let mut offset = 0;
            for (n, text) in source.split_inclusive('\n').enumerate() {
                if n + 1 == line {
                    return offset + column - 1;
                }
                offset += text.len();
            }
            unreachable!()
        };
        assert_eq!(
            check(source),
            Err(Problem::Duplicate {
                key: "c".into(),
                at: at(4, 13),
                first: at(4, 7),
            })
        );
        // The same key in different mappings is no duplicate; quoting does not make another.
        assert_eq!(check("a: {x: 1}\nb: {x: 2}\n"), Ok(()));
        assert!(matches!(
            check("a: 1\n'a': 2\n"),
            Err(Problem::Duplicate { .. })
        ));
    }

    #[test]
    fn syntax_errors_say_where_the_parser_stopped() {
        // A NUL on line 3 is found on line 3 (libyaml names only a character index).
        let source = "a: 1\nb: 2\nc: 3\u{0}\n";
        let Err(Problem::Syntax { at, .. }) = check(source) else {
            panic!("a NUL is not YAML")
        };
        assert_eq!(line_col(source, at).0, 3);
    }

    #[test]
    fn aliases_are_found() {
        let source = "# *not\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n";
        assert_eq!(
            first_alias(source).map(|at| line_col(source, at)),
            Some((3, 8))
        );
    }

    #[test]
    fn deep_nesting_stops_the_walk_without_recursion() {
        let source = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let walked = check(&source);
        // The parser has a limit of its own, below ours; either way the walk ends in an error.
        assert!(
            matches!(
                walked,
                Err(Problem::TooDeep { .. } | Problem::Syntax { .. })
            ),
            "{walked:?}"
        );
    }
}
