//! Follows the references between Fluent messages and terms before any page is rendered.
//!
//! Each reference must lead to a message or term that exists (in the language or, failing
//! that, in the reference locale, as at render time), must not lead back to where it started,
//! and the chain of references must stay short enough for Fluent to follow. Functions are
//! calls into bantin, which offers none. Variables are the one thing left to render time:
//! which `$name` the code passes depends on the call, not on the `.ftl` file, so `bantin
//! check` compares each translation's variables with the reference locale's instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use crate::diagnostics::{line_col, Diagnostic, Diagnostics};

/// Longest chain of references a message may start: Fluent gives up on a message after 100
/// placeables, so a longer chain could never be shown.
pub(crate) const MAX_DEPTH: usize = 100;

/// The messages, terms and attributes of one language's `.ftl` files, with their references.
#[derive(Default)]
pub(crate) struct Graph {
    sources: Vec<Source>,
    /// Keyed as a reference names them: `site-name`, `-brand`, `feed-link.title`.
    nodes: BTreeMap<String, Node>,
}

/// One `.ftl` file's text, kept for positions and excerpts.
struct Source {
    path: PathBuf,
    text: String,
}

struct Node {
    source: usize,
    references: Vec<Place>,
    calls: Vec<Place>,
}

/// A name used at a byte offset of a source.
struct Place {
    name: String,
    offset: usize,
}

impl Graph {
    /// Adds one file's entries; returns each message id with its byte offset in `text`.
    /// Syntax errors are reported where the file is loaded: the entries that parsed still count.
    pub(crate) fn add_file(&mut self, path: &Path, text: String) -> Vec<(String, usize)> {
        let source = self.sources.len();
        let mut messages = Vec::new();
        {
            let resource = match fluent_syntax::parser::parse(text.as_str()) {
                Ok(resource) | Err((resource, _)) => resource,
            };
            for entry in &resource.body {
                match entry {
                    ast::Entry::Message(m) => {
                        messages.push((m.id.name.to_string(), offset_in(&text, m.id.name)));
                        if let Some(value) = &m.value {
                            self.add_node(m.id.name.to_string(), source, &text, value);
                        }
                        for a in &m.attributes {
                            let key = format!("{}.{}", m.id.name, a.id.name);
                            self.add_node(key, source, &text, &a.value);
                        }
                    }
                    ast::Entry::Term(t) => {
                        self.add_node(format!("-{}", t.id.name), source, &text, &t.value);
                        for a in &t.attributes {
                            let key = format!("-{}.{}", t.id.name, a.id.name);
                            self.add_node(key, source, &text, &a.value);
                        }
                    }
                    _ => {}
                }
            }
        }
        self.sources.push(Source {
            path: path.to_path_buf(),
            text,
        });
        messages
    }

    /// The text of every file added, in order.
    pub(crate) fn texts(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|s| s.text.as_str())
    }

    /// The text of the file added last, which offsets from [`Graph::add_file`] point into.
    pub(crate) fn last_text(&self) -> &str {
        self.sources.last().map_or("", |s| s.text.as_str())
    }

    fn add_node(&mut self, key: String, source: usize, text: &str, pattern: &ast::Pattern<&str>) {
        let mut node = Node {
            source,
            references: Vec::new(),
            calls: Vec::new(),
        };
        walk_pattern(pattern, text, &mut node);
        // A duplicate is an error reported by the loader; the first definition stands.
        self.nodes.entry(key).or_insert(node);
    }

    fn diagnostic(&self, node: &Node, offset: usize, message: String) -> Diagnostic {
        let source = &self.sources[node.source];
        let (line, column) = line_col(&source.text, offset);
        Diagnostic::error(&source.path, message).at(&source.text, line, column)
    }
}

/// The byte offset of `part` in `source`. The AST has no spans, but every name in it is a
/// slice of the parsed source, so where the slice starts is where the parser found it.
fn offset_in(source: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(source.as_ptr() as usize)
        .min(source.len())
}

fn walk_pattern(pattern: &ast::Pattern<&str>, text: &str, node: &mut Node) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, text, node);
        }
    }
}

fn walk_expression(expression: &ast::Expression<&str>, text: &str, node: &mut Node) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, text, node);
            for variant in variants {
                walk_pattern(&variant.value, text, node);
            }
        }
        ast::Expression::Inline(inline) => walk_inline(inline, text, node),
    }
}

fn walk_inline(inline: &ast::InlineExpression<&str>, text: &str, node: &mut Node) {
    match inline {
        ast::InlineExpression::FunctionReference { id, arguments } => {
            node.calls.push(Place {
                name: id.name.to_string(),
                offset: offset_in(text, id.name),
            });
            walk_arguments(arguments, text, node);
        }
        ast::InlineExpression::MessageReference { id, attribute } => {
            node.references.push(Place {
                name: reference_key("", id.name, attribute.as_ref()),
                offset: offset_in(text, id.name),
            });
        }
        ast::InlineExpression::TermReference {
            id,
            attribute,
            arguments,
        } => {
            node.references.push(Place {
                name: reference_key("-", id.name, attribute.as_ref()),
                // At the `-` that makes it a term.
                offset: offset_in(text, id.name).saturating_sub(1),
            });
            if let Some(arguments) = arguments {
                walk_arguments(arguments, text, node);
            }
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, text, node),
        ast::InlineExpression::StringLiteral { .. }
        | ast::InlineExpression::NumberLiteral { .. }
        | ast::InlineExpression::VariableReference { .. } => {}
    }
}

fn walk_arguments(arguments: &ast::CallArguments<&str>, text: &str, node: &mut Node) {
    for positional in &arguments.positional {
        walk_inline(positional, text, node);
    }
    for named in &arguments.named {
        walk_inline(&named.value, text, node);
    }
}

fn reference_key(prefix: &str, id: &str, attribute: Option<&ast::Identifier<&str>>) -> String {
    match attribute {
        Some(a) => format!("{prefix}{id}.{}", a.name),
        None => format!("{prefix}{id}"),
    }
}

/// How a reference reads in a message: `the term `-brand``, `the message `site-name``.
fn describe(key: &str) -> String {
    let what = if key.starts_with('-') {
        "the term"
    } else if key.contains('.') {
        "the attribute"
    } else {
        "the message"
    };
    format!("{what} `{key}`")
}

/// The node a name leads to in `lang`: its own, else the reference locale's.
fn resolve<'g>(
    graph: &'g Graph,
    reference: Option<(&str, &'g Graph)>,
    key: &str,
) -> Option<&'g Node> {
    graph
        .nodes
        .get(key)
        .or_else(|| reference.and_then(|(_, r)| r.nodes.get(key)))
}

/// A step of the walk: a node and how many of its references have been followed.
struct Frame<'g> {
    key: &'g str,
    next: usize,
}

enum Mark<'g> {
    /// On the path being walked: reaching it again closes a cycle.
    Open,
    /// Walked: the length of its longest chain of references, and where that chain ends.
    Done { depth: usize, end: &'g str },
}

/// Everything wrong with the references of `lang`'s files. `reference` is the reference
/// locale's graph when `lang` is another language: a name `lang` lacks resolves there, as it
/// does at render time, but only what `lang`'s own files say is reported here.
pub(crate) fn check<'g>(
    lang: &str,
    graph: &'g Graph,
    reference: Option<(&str, &'g Graph)>,
) -> Diagnostics {
    let mut found = Diagnostics::default();
    let known = || {
        graph
            .nodes
            .keys()
            .chain(reference.into_iter().flat_map(|(_, r)| r.nodes.keys()))
    };

    for node in graph.nodes.values() {
        for place in &node.references {
            if resolve(graph, reference, &place.name).is_none() {
                let message = match reference {
                    Some((reference_lang, _)) => format!(
                        "{} exists neither in locales/{lang} nor in locales/{reference_lang}",
                        describe(&place.name)
                    ),
                    None => format!("{} exists nowhere in locales/{lang}", describe(&place.name)),
                };
                let nearest = known()
                    .map(|k| (strsim::levenshtein(k, &place.name), k))
                    .filter(|(distance, _)| *distance <= 3)
                    .min();
                let hint = match nearest {
                    Some((_, k)) => format!("did you mean `{k}`?"),
                    None => format!("define `{} = …` in a .ftl file", place.name),
                };
                found.push(
                    graph
                        .diagnostic(node, place.offset, message)
                        .with_hint(hint),
                );
            }
        }
        for call in &node.calls {
            found.push(
                graph
                    .diagnostic(
                        node,
                        call.offset,
                        format!(
                            "`{}` is not a function bantin offers to messages",
                            call.name
                        ),
                    )
                    .with_hint(
                        "numbers and dates reach messages already formatted for the language: \
                         write the variable itself, such as `{ $num }`",
                    ),
            );
        }
    }

    // Cycles and depth, walked without recursion: a chain may be thousands of messages long.
    let mut marks: BTreeMap<&str, Mark> = BTreeMap::new();
    let starts: Vec<&str> = known().map(String::as_str).collect();
    for start in starts {
        if marks.contains_key(start) {
            continue;
        }
        marks.insert(start, Mark::Open);
        let mut path = vec![Frame {
            key: start,
            next: 0,
        }];
        while let Some(top) = path.last_mut() {
            let node = resolve(graph, reference, top.key).expect("only resolved names are walked");
            if let Some(place) = node.references.get(top.next) {
                top.next += 1;
                if resolve(graph, reference, &place.name).is_none() {
                    continue;
                }
                let target = place.name.as_str();
                match marks.get(target) {
                    None => {
                        marks.insert(target, Mark::Open);
                        path.push(Frame {
                            key: target,
                            next: 0,
                        });
                    }
                    Some(Mark::Open) => {
                        if let Some(d) = cycle(lang, graph, reference, &path, target) {
                            found.push(d);
                        }
                    }
                    Some(Mark::Done { .. }) => {}
                }
                continue;
            }
            let key = top.key;
            let mut longest: (usize, Option<&Place>, &str) = (0, None, key);
            for place in &node.references {
                if let Some(Mark::Done { depth, end, .. }) = marks.get(place.name.as_str()) {
                    if depth + 1 > longest.0 {
                        longest = (depth + 1, Some(place), end);
                    }
                }
            }
            let (depth, first, end) = longest;
            // Reported once, where the chain first grows too long; the messages that refer to
            // this one fail with it.
            if depth == MAX_DEPTH + 1 {
                if let (Some(own), Some(place)) = (graph.nodes.get(key), first) {
                    found.push(
                        graph
                            .diagnostic(
                                own,
                                place.offset,
                                format!(
                                    "`{key}` starts a chain of {depth} references, to `{end}`; \
                                     Fluent follows at most {MAX_DEPTH}"
                                ),
                            )
                            .with_hint(
                                "write some of the text in place instead of referring to it",
                            ),
                    );
                }
            }
            marks.insert(key, Mark::Done { depth, end });
            path.pop();
        }
    }
    found
}

/// The error for a cycle that reaching `target` again closes, placed at a reference in
/// `lang`'s own files (None if the whole cycle lies in the reference locale, which reports it).
fn cycle<'g>(
    lang: &str,
    graph: &'g Graph,
    reference: Option<(&str, &'g Graph)>,
    path: &[Frame<'g>],
    target: &str,
) -> Option<Diagnostic> {
    let from = path.iter().position(|f| f.key == target)?;
    let steps = &path[from..];
    // The closing reference first, then the others in the order of the cycle.
    let (last, others) = steps.split_last()?;
    let owned = std::iter::once(last).chain(others).find_map(|frame| {
        let node = graph.nodes.get(frame.key)?;
        Some((node, &node.references[frame.next - 1]))
    })?;
    let (node, place) = owned;
    let message = if steps.len() == 1 {
        format!("`{target}` refers to itself")
    } else {
        let names: Vec<String> = steps
            .iter()
            .map(|f| format!("`{}`", f.key))
            .chain([format!("`{target}`")])
            .collect();
        format!("a cycle of references: {}", names.join(" → "))
    };
    let borrowed: Vec<&str> = steps
        .iter()
        .map(|f| f.key)
        .filter(|k| !graph.nodes.contains_key(*k))
        .collect();
    let hint = match (reference, borrowed.first()) {
        (Some((reference_lang, _)), Some(k)) => format!(
            "`{k}` is not in locales/{lang}, so it comes from locales/{reference_lang}; \
             Fluent cannot show a message that leads back to itself: write the text of one \
             reference in its place"
        ),
        _ => "Fluent cannot show a message that leads back to itself: write the text of one \
              reference in its place"
            .to_string(),
    };
    Some(
        graph
            .diagnostic(node, place.offset, message)
            .with_hint(hint),
    )
}
