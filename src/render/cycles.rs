//! Finds templates that would render themselves forever, before anything is rendered.
//!
//! Tera follows `{% extends %}`, `{% include %}`, `{% import %}` and macro calls as it
//! renders, without a depth limit: a template that includes itself, or a macro that calls
//! itself, runs until the stack overflows and takes the whole process down. Every one of
//! those names is a literal in the template's source, so the graph they form is known once
//! the templates are parsed, and a cycle in it is reported as an error naming the cycle.
//!
//! Decision: any cycle counts, including a macro that calls itself behind an `{% if %}`
//! that would end the recursion. Tera allows that, but the templates of a static site show
//! data of a known shape; a fixed number of levels, or data shaped for the page, does the
//! same without the risk. The check cannot tell a recursion that ends from one that does not.
//!
//! Two graphs are checked. Imports alone: tera loads the macros of imported files
//! recursively and loops on an import cycle even when no macro is called. And rendering:
//! a template renders its parent (extends), the templates it includes and the macros it
//! calls; a macro renders the templates it includes and the macros it calls.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tera::ast::{Expr, ExprVal, Node};

use crate::diagnostics::{line_col, Diagnostic, Diagnostics};

/// Something that renders: a whole template, or one macro of a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Template(String),
    Macro { file: String, name: String },
}

impl Unit {
    fn file(&self) -> &str {
        match self {
            Unit::Template(file) | Unit::Macro { file, .. } => file,
        }
    }

    fn label(&self) -> String {
        match self {
            Unit::Template(file) => format!("`{file}`"),
            Unit::Macro { file, name } => format!("macro `{name}` of {file}"),
        }
    }
}

/// How one unit names another; also what to look for to find the line that does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Via {
    Extends,
    Include,
    Import,
    /// A macro call, written `namespace::name(`.
    Call,
}

#[derive(Debug, Clone)]
struct Edge {
    to: Unit,
    via: Via,
    /// The text that names `to` in the source: a template name, or `namespace::name`.
    written: String,
}

/// Errors for every cycle among `templates` (name → parsed template), located in `sources`.
pub(crate) fn check(
    templates: &BTreeMap<String, tera::Template>,
    sources: &BTreeMap<String, String>,
    dir: &Path,
) -> Diagnostics {
    let mut imports: BTreeMap<Unit, Vec<Edge>> = BTreeMap::new();
    let mut renders: BTreeMap<Unit, Vec<Edge>> = BTreeMap::new();
    for (name, template) in templates {
        let unit = Unit::Template(name.clone());
        imports.insert(
            unit.clone(),
            template
                .imported_macro_files
                .iter()
                .map(|(file, _)| Edge {
                    to: Unit::Template(file.clone()),
                    via: Via::Import,
                    written: file.clone(),
                })
                .collect(),
        );
        let mut edges: Vec<Edge> = template
            .parent
            .iter()
            .map(|parent| Edge {
                to: Unit::Template(parent.clone()),
                via: Via::Extends,
                written: parent.clone(),
            })
            .collect();
        let resolve = |namespace: &str| macro_file(templates, name, namespace);
        nodes(&template.ast, &resolve, &mut edges);
        renders.insert(unit, edges);
        for (macro_name, definition) in &template.macros {
            let mut edges = Vec::new();
            for default in definition.args.values().flatten() {
                expr(default, &resolve, &mut edges);
            }
            nodes(&definition.body, &resolve, &mut edges);
            let unit = Unit::Macro {
                file: name.clone(),
                name: macro_name.clone(),
            };
            renders.insert(unit, edges);
        }
    }
    let mut problems = Diagnostics::default();
    for (graph, what) in [(&imports, "import"), (&renders, "render")] {
        for (cycle, closing) in cycles(graph) {
            problems.push(report(&cycle, &closing, what, sources, dir));
        }
    }
    problems
}

/// The file whose macros `namespace` names inside `file`: `self`, its imports, or what its
/// parents import, as tera resolves them.
fn macro_file(
    templates: &BTreeMap<String, tera::Template>,
    file: &str,
    namespace: &str,
) -> Option<String> {
    if namespace == "self" {
        return Some(file.to_string());
    }
    let mut seen = BTreeSet::new();
    let mut todo = vec![file.to_string()];
    while let Some(next) = todo.pop() {
        if !seen.insert(next.clone()) {
            continue;
        }
        let Some(template) = templates.get(&next) else {
            continue;
        };
        if let Some((found, _)) = template
            .imported_macro_files
            .iter()
            .find(|(_, ns)| ns == namespace)
        {
            return Some(found.clone());
        }
        todo.extend(template.parent.iter().cloned());
        todo.extend(template.imported_macro_files.iter().map(|(f, _)| f.clone()));
    }
    None
}

/// What `body` renders: included templates and called macros. Macro definitions are their
/// own units, so they are skipped here.
fn nodes(body: &[Node], resolve: &dyn Fn(&str) -> Option<String>, out: &mut Vec<Edge>) {
    for node in body {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().map(|name| Edge {
                to: Unit::Template(name.clone()),
                via: Via::Include,
                written: name.clone(),
            })),
            Node::VariableBlock(_, e) => expr(e, resolve, out),
            Node::Set(_, set) => expr(&set.value, resolve, out),
            Node::FilterSection(_, section, _) => {
                for arg in section.filter.args.values() {
                    expr(arg, resolve, out);
                }
                nodes(&section.body, resolve, out);
            }
            Node::Block(_, block, _) => nodes(&block.body, resolve, out),
            Node::Forloop(_, forloop, _) => {
                expr(&forloop.container, resolve, out);
                nodes(&forloop.body, resolve, out);
                if let Some(empty) = &forloop.empty_body {
                    nodes(empty, resolve, out);
                }
            }
            Node::If(condition, _) => {
                for (_, test, body) in &condition.conditions {
                    expr(test, resolve, out);
                    nodes(body, resolve, out);
                }
                if let Some((_, body)) = &condition.otherwise {
                    nodes(body, resolve, out);
                }
            }
            _ => {}
        }
    }
}

/// The macros an expression calls, wherever they sit in it.
fn expr(e: &Expr, resolve: &dyn Fn(&str) -> Option<String>, out: &mut Vec<Edge>) {
    for filter in &e.filters {
        for arg in filter.args.values() {
            expr(arg, resolve, out);
        }
    }
    value(&e.val, resolve, out);
}

fn value(v: &ExprVal, resolve: &dyn Fn(&str) -> Option<String>, out: &mut Vec<Edge>) {
    match v {
        ExprVal::MacroCall(call) => {
            if let Some(file) = resolve(&call.namespace) {
                out.push(Edge {
                    to: Unit::Macro {
                        file,
                        name: call.name.clone(),
                    },
                    via: Via::Call,
                    written: format!("{}::{}", call.namespace, call.name),
                });
            }
            for arg in call.args.values() {
                expr(arg, resolve, out);
            }
        }
        ExprVal::FunctionCall(call) => {
            for arg in call.args.values() {
                expr(arg, resolve, out);
            }
        }
        ExprVal::Math(m) => {
            expr(&m.lhs, resolve, out);
            expr(&m.rhs, resolve, out);
        }
        ExprVal::Logic(l) => {
            expr(&l.lhs, resolve, out);
            expr(&l.rhs, resolve, out);
        }
        ExprVal::Test(t) => {
            for arg in &t.args {
                expr(arg, resolve, out);
            }
        }
        ExprVal::Array(items) => {
            for item in items {
                expr(item, resolve, out);
            }
        }
        ExprVal::StringConcat(concat) => {
            for part in &concat.values {
                value(part, resolve, out);
            }
        }
        ExprVal::In(i) => {
            expr(&i.lhs, resolve, out);
            expr(&i.rhs, resolve, out);
        }
        _ => {}
    }
}

/// Each cycle found by a depth-first walk, as the units from the one it returns to, and the
/// edge that closes it. Walked iteratively: the graph is the user's, its depth unbounded.
fn cycles(graph: &BTreeMap<Unit, Vec<Edge>>) -> Vec<(Vec<Unit>, Edge)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Open,
        Done,
    }
    let mut state: BTreeMap<&Unit, State> = BTreeMap::new();
    let mut found = Vec::new();
    let mut reported: BTreeSet<Vec<Unit>> = BTreeSet::new();
    for start in graph.keys() {
        if state.contains_key(start) {
            continue;
        }
        // The path being walked: a unit and the index of its next edge.
        let mut path: Vec<(&Unit, usize)> = vec![(start, 0)];
        state.insert(start, State::Open);
        while let Some((unit, next)) = path.last_mut() {
            let unit: &Unit = unit;
            let edges = graph.get(unit).map(Vec::as_slice).unwrap_or_default();
            let Some(edge) = edges.get(*next) else {
                state.insert(unit, State::Done);
                path.pop();
                continue;
            };
            *next += 1;
            let Some((target, _)) = graph.get_key_value(&edge.to) else {
                continue;
            };
            match state.get(target) {
                None => {
                    state.insert(target, State::Open);
                    path.push((target, 0));
                }
                Some(State::Open) => {
                    let from = path
                        .iter()
                        .position(|(u, _)| *u == target)
                        .expect("an open unit is on the path");
                    let cycle: Vec<Unit> = path[from..].iter().map(|(u, _)| (*u).clone()).collect();
                    let mut key = cycle.clone();
                    key.sort();
                    if reported.insert(key) {
                        found.push((cycle, edge.clone()));
                    }
                }
                Some(State::Done) => {}
            }
        }
    }
    found
}

fn report(
    cycle: &[Unit],
    closing: &Edge,
    graph: &str,
    sources: &BTreeMap<String, String>,
    dir: &Path,
) -> Diagnostic {
    let last = cycle.last().expect("a cycle has a unit");
    let message = if cycle.len() == 1 {
        let verb = match closing.via {
            Via::Extends => "extends",
            Via::Include => "includes",
            Via::Import => "imports",
            Via::Call => "calls",
        };
        format!("{} {verb} itself", last.label())
    } else {
        let names: Vec<String> = cycle
            .iter()
            .chain(std::iter::once(&cycle[0]))
            .map(|u| match u {
                Unit::Template(file) => file.clone(),
                Unit::Macro { file, name } => format!("{file}::{name}"),
            })
            .collect();
        format!(
            "templates {} each other in a cycle: {}",
            if graph == "import" {
                "import"
            } else {
                "render"
            },
            names.join(" → ")
        )
    };
    let hint = match closing.via {
        Via::Call => {
            "a macro may not call itself, directly or through others: templates of a static site \
             need no recursion; write out the levels the data has, or shape the data for the page"
        }
        _ => {
            "a template may not render itself, directly or through others: that recursion never \
             ends; remove one of the tags that close the cycle"
        }
    };
    let file = last.file();
    let diagnostic = Diagnostic::error(dir.join(file), message).with_hint(hint);
    let Some(source) = sources.get(file) else {
        return diagnostic;
    };
    let scope = match last {
        Unit::Template(_) => 0,
        Unit::Macro { name, .. } => tags(source)
            .find(|(_, keyword, rest)| {
                *keyword == "macro"
                    && rest
                        .trim_start()
                        .strip_prefix(name.as_str())
                        .is_some_and(|r| r.trim_start().starts_with('('))
            })
            .map_or(0, |(offset, _, _)| offset),
    };
    match written_at(source, scope, closing) {
        Some(offset) => {
            let (line, column) = line_col(source, offset);
            diagnostic.at(source, line, column)
        }
        None => diagnostic,
    }
}

/// The `{% … %}` tags of a template's source: offset, keyword, and the rest of the tag.
fn tags(source: &str) -> impl Iterator<Item = (usize, &str, &str)> {
    source.match_indices("{%").filter_map(move |(offset, _)| {
        let inner = &source[offset + 2..];
        let inner = &inner[..inner.find("%}")?];
        let inner = inner.trim_start_matches('-').trim_start();
        let end = inner
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .unwrap_or(inner.len());
        Some((offset, &inner[..end], &inner[end..]))
    })
}

/// Where, at or after `scope`, the source writes the tag or call of `edge`. Tera keeps no
/// positions in its syntax tree, so the line is found in the text it was parsed from.
fn written_at(source: &str, scope: usize, edge: &Edge) -> Option<usize> {
    if edge.via == Via::Call {
        return source[scope..]
            .match_indices(edge.written.as_str())
            .map(|(at, _)| scope + at)
            .find(|&at| {
                let before = source[..at].chars().next_back();
                let after = source[at + edge.written.len()..].trim_start();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && after.starts_with('(')
            });
    }
    let keyword = match edge.via {
        Via::Extends => "extends",
        Via::Include => "include",
        _ => "import",
    };
    let quoted = ['"', '\'', '`'].map(|q| format!("{q}{}{q}", edge.written));
    tags(source)
        .filter(|(offset, _, _)| *offset >= scope)
        .find(|(_, k, rest)| *k == keyword && quoted.iter().any(|q| rest.contains(q.as_str())))
        .map(|(offset, _, _)| offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(files: &[(&str, &str)]) -> Vec<String> {
        let sources: BTreeMap<String, String> = files
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let templates = sources
            .iter()
            .map(|(n, t)| (n.clone(), tera::Template::new(n, None, t).expect("parses")))
            .collect();
        check(&templates, &sources, Path::new("templates"))
            .errors()
            .map(|d| {
                format!(
                    "{}:{}: {}",
                    d.path.display(),
                    d.line.unwrap_or(0),
                    d.message
                )
            })
            .collect()
    }

    #[test]
    fn templates_without_cycles_pass() {
        let found = problems(&[
            (
                "base.html",
                "{% import \"m.html\" as m %}{% block b %}{% endblock b %}",
            ),
            (
                "page.html",
                "{% extends \"base.html\" %}{% import \"m.html\" as m %}\
                 {% block b %}{{ m::a() }}{% include \"part.html\" %}{% endblock b %}",
            ),
            ("part.html", "{{ 1 }}"),
            (
                "m.html",
                "{% macro a() %}{{ self::b() }}{% endmacro a %}{% macro b() %}b{% endmacro b %}",
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn an_import_cycle_is_found() {
        let found = problems(&[
            ("a.html", "{% import \"b.html\" as b %}"),
            ("b.html", "\n{% import \"a.html\" as a %}"),
        ]);
        assert_eq!(
            found,
            ["templates/b.html:2: templates import each other in a cycle: a.html → b.html → a.html"]
        );
    }

    #[test]
    fn macros_calling_each_other_through_a_filter_argument_are_found() {
        let found = problems(&[(
            "m.html",
            "{% macro a() %}{{ 1 | default(value=self::b()) }}{% endmacro a %}\n\
             {% macro b() %}\n{% if true %}{{ self::a() }}{% endif %}{% endmacro b %}",
        )]);
        assert_eq!(
            found,
            ["templates/m.html:3: templates render each other in a cycle: m.html::a → m.html::b → m.html::a"]
        );
    }

    #[test]
    fn an_include_inside_a_macro_that_renders_the_macro_is_found() {
        let found = problems(&[
            (
                "m.html",
                "{% macro a() %}\n{% include \"p.html\" %}{% endmacro a %}",
            ),
            ("p.html", "{% import \"m.html\" as m %}{{ m::a() }}"),
        ]);
        assert_eq!(
            found,
            ["templates/m.html:2: templates render each other in a cycle: p.html → m.html::a → p.html"]
        );
    }
}
