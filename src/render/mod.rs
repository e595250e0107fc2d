//! Fills tera templates: a page view (plain data) in, HTML out. Nothing here reads the content.
//!
//! The templates are the user's to edit, so none of them may abort the build: cycles of
//! includes, imports and macro calls are refused before rendering ([`cycles`]), rendering runs
//! on threads with a large, bounded stack, and `range` and a page's size are capped.

mod cycles;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::{arg, Locales};

/// A rendered file, in memory.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The tera templates, one copy per language with `t()` bound to that language's messages.
pub struct Templates {
    by_lang: BTreeMap<String, Tera>,
    neutral: Tera,
    /// Each template's text by name, to point at the line a render error comes from.
    sources: BTreeMap<String, String>,
    /// `templates/`, for error messages.
    dir: PathBuf,
}

impl Templates {
    pub fn load(
        dir: &Path,
        locales: &Arc<Locales>,
        languages: &[String],
    ) -> Result<Templates, Diagnostics> {
        let mut tera = Tera::default();
        let mut problems = Diagnostics::default();
        let mut files: Vec<(String, String)> = Vec::new();
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html") {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .replace('\\', "/");
                match crate::content::yaml::read_text(path) {
                    Ok(text) => files.push((name, text)),
                    Err(d) => problems.push(d),
                }
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        // Parse each file alone first: tera then reports which file and where.
        let mut parsed = BTreeMap::new();
        for (name, text) in &files {
            match tera::Template::new(name, None, text) {
                Ok(template) => {
                    parsed.insert(name.clone(), template);
                }
                Err(e) => {
                    let path = dir.join(name);
                    let position = error_position(&e);
                    problems.push(template_error(&path, &e).at_opt(text, position));
                }
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let sources: BTreeMap<String, String> = files.iter().cloned().collect();
        // Before tera links them: it follows an import cycle until the stack overflows.
        let cycles = cycles::check(&parsed, &sources, dir);
        if cycles.has_errors() {
            return Err(cycles);
        }
        if let Err(e) = tera.add_raw_templates(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            return Err(template_error(dir, &e).into());
        }
        tera.autoescape_on(vec![".html"]);
        // Tera's default escaper also rewrites `/` as `&#x2F;`, which HTML does not need.
        tera.set_escape_fn(crate::charts::xml_escape);
        tera.register_function("range", range);
        tera.register_filter("nth", nth);
        let mut by_lang = BTreeMap::new();
        for lang in languages {
            let mut copy = tera.clone();
            copy.register_function(
                "t",
                MessageFunction {
                    locales: Arc::clone(locales),
                    lang: lang.clone(),
                },
            );
            by_lang.insert(lang.clone(), copy);
        }
        Ok(Templates {
            by_lang,
            neutral: tera,
            sources,
            dir: dir.to_path_buf(),
        })
    }

    /// Tera names the page's template even when the mistake is in a template it extends or
    /// imports, and gives no position: find the template and line that use the function,
    /// filter, test or variable the error is about, inside a tag, if one does.
    fn locate_render_error(&self, name: &str, error: &tera::Error, dir: &Path) -> Diagnostic {
        let mut diagnostic = template_error(&dir.join(name), error);
        if diagnostic.message.contains(RANGE_CAP_MESSAGE) {
            diagnostic = diagnostic.with_hint(format!(
                "a template may loop over at most {RANGE_CAP} numbers; loop over the page's data \
                 instead"
            ));
        }
        let Some(culprit) = culprit(error) else {
            return diagnostic;
        };
        let mut chain = vec![name.to_string()];
        while let Some(parent) = self
            .sources
            .get(chain.last().expect("starts with the page's template"))
            .and_then(|text| text.split("{% extends \"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .filter(|parent| !chain.iter().any(|c| c == parent))
        {
            chain.push(parent.to_string());
        }
        chain.extend(self.sources.keys().cloned());
        chain
            .iter()
            .find_map(|candidate| {
                let text = self.sources.get(candidate)?;
                let offset = culprit.find_in(text)?;
                let (line, column) = crate::diagnostics::line_col(text, offset);
                Some(
                    Diagnostic {
                        path: dir.join(candidate),
                        ..diagnostic.clone()
                    }
                    .at(text, line, column),
                )
            })
            .unwrap_or(diagnostic)
    }
}

/// The name a render error is about, and how a template writes it.
#[derive(Debug, PartialEq, Eq)]
enum Culprit {
    /// `name(…)`
    Function(String),
    /// `| name`
    Filter(String),
    /// `is name`
    Test(String),
    /// a variable, as a whole word
    Variable(String),
}

/// What the error is about, from tera's error kinds along its chain of causes. A missing
/// variable is the one failure tera has no kind for: its name is read from the message.
fn culprit(error: &tera::Error) -> Option<Culprit> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = current {
        if let Some(error) = cause.downcast_ref::<tera::Error>() {
            match &error.kind {
                tera::ErrorKind::CallFunction(name) | tera::ErrorKind::FunctionNotFound(name) => {
                    return Some(Culprit::Function(name.clone()))
                }
                tera::ErrorKind::CallFilter(name) | tera::ErrorKind::FilterNotFound(name) => {
                    return Some(Culprit::Filter(name.clone()))
                }
                tera::ErrorKind::CallTest(name) | tera::ErrorKind::TestNotFound(name) => {
                    return Some(Culprit::Test(name.clone()))
                }
                tera::ErrorKind::Msg(text) => {
                    if let Some(variable) = text
                        .strip_prefix("Variable `")
                        .and_then(|rest| rest.split('`').next())
                    {
                        return Some(Culprit::Variable(variable.to_string()));
                    }
                }
                _ => {}
            }
        }
        current = cause.source();
    }
    None
}

impl Culprit {
    /// The byte offset where a template uses it inside a `{{ }}` or `{% %}` tag.
    fn find_in(&self, text: &str) -> Option<usize> {
        let (Culprit::Function(name)
        | Culprit::Filter(name)
        | Culprit::Test(name)
        | Culprit::Variable(name)) = self;
        let word = |c: char| c.is_alphanumeric() || c == '_';
        let fits = |head: &str, tail: &str| {
            let head = head.trim_end();
            match self {
                Culprit::Function(_) => tail.trim_start().starts_with('('),
                Culprit::Filter(_) => head.ends_with('|'),
                Culprit::Test(_) => head.ends_with(" is") || head.ends_with(" is not"),
                Culprit::Variable(_) => true,
            }
        };
        let mut from = 0;
        while let Some(open) = text[from..].find('{').map(|i| from + i) {
            let close = match text.get(open..open + 2) {
                Some("{{") => "}}",
                Some("{%") => "%}",
                _ => {
                    from = open + 1;
                    continue;
                }
            };
            let end = text[open..].find(close).map_or(text.len(), |i| open + i);
            let tag = &text[open..end];
            let mut search = 0;
            while let Some(at) = tag[search..].find(name.as_str()).map(|i| search + i) {
                let (head, tail) = (&tag[..at], &tag[at + name.len()..]);
                if !head.ends_with(word) && !tail.starts_with(word) && fits(head, tail) {
                    return Some(open + at);
                }
                search = at + name.len();
            }
            from = end;
        }
        None
    }
}

/// The `--> line:column` that tera's parse errors carry in their text. Tera 1.20 has no
/// position in its error structure: its parser formats pest's located error into an
/// `ErrorKind::Msg` (`tera::parser::parse`), so the position pest computed is read back from
/// that text, the one place it survives.
fn error_position(error: &tera::Error) -> Option<(usize, usize)> {
    let mut texts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        texts.push(cause.to_string());
        source = cause.source();
    }
    texts.iter().find_map(|text| {
        let rest = &text[text.find("--> ")? + 4..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit() && c != ':')
            .unwrap_or(rest.len());
        let (line, column) = rest[..end].split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    })
}

/// Tera's error and its causes on one line: the cause says which variable or message failed.
fn template_error(path: &Path, error: &tera::Error) -> Diagnostic {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Diagnostic::error(path, format!("template error: {message}")).with_hint(
        "fix the template; tera's syntax is described at https://keats.github.io/tera/docs/",
    )
}

/// `{{ t(id="home-title", year=2024) }}`: a Fluent message in the page's language.
struct MessageFunction {
    locales: Arc<Locales>,
    lang: String,
}

impl tera::Function for MessageFunction {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let id = args
            .get("id")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs id=\"message-id\""))?;
        let localizer = self
            .locales
            .get(&self.lang)
            .ok_or_else(|| tera::Error::msg(format!("no messages for `{}`", self.lang)))?;
        let mut names: Vec<&String> = args.keys().filter(|k| *k != "id").collect();
        names.sort();
        let fluent_args = names
            .into_iter()
            .map(|name| {
                let value = match &args[name] {
                    tera::Value::Number(n) => n.as_f64().unwrap_or_default().into(),
                    tera::Value::String(s) => arg(s.clone()),
                    other => arg(other.to_string()),
                };
                (name.as_str(), value)
            })
            .collect();
        localizer
            .message(id, fluent_args)
            .map(tera::Value::String)
            .map_err(|e| tera::Error::msg(e.to_string()))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

impl Templates {
    /// Renders a page view's data with its template, in the view's language.
    pub fn render_view(
        &self,
        lang: Option<&str>,
        template: &str,
        context: serde_json::Value,
    ) -> Result<Vec<u8>, Diagnostic> {
        let tera = lang
            .and_then(|l| self.by_lang.get(l))
            .unwrap_or(&self.neutral);
        let context = tera::Context::from_value(context).map_err(|e| {
            Diagnostic::error(
                self.dir.join(template),
                format!("cannot prepare the page: {e}"),
            )
        })?;
        let mut page = CappedPage {
            bytes: Vec::with_capacity(PAGE_START),
            over: false,
        };
        let rendered = on_render_threads(|| tera.render_to(template, &context, &mut page));
        match rendered {
            // tera writes only `str`s, and a page past its cap is an error, never cut short:
            // the bytes are whole UTF-8 without checking all of them again.
            Ok(()) => {
                debug_assert!(std::str::from_utf8(&page.bytes).is_ok());
                Ok(page.bytes)
            }
            Err(_) if page.over => Err(Diagnostic::error(
                self.dir.join(template),
                format!("the page grew past {} MiB as it rendered", PAGE_CAP >> 20),
            )
            .with_hint(
                "a page this large is a runaway loop in the template; \
                 check its `for` loops and what they iterate over",
            )),
            Err(e) => Err(self.locate_render_error(template, &e, &self.dir)),
        }
    }
}

/// Deepest a page's templates may nest, as stack: extends, includes and macros each take a
/// few tens of kilobytes of tera's renderer. Cycles are refused at load, so this only bounds
/// legitimately deep templates, generously.
const RENDER_STACK: usize = 64 << 20;

/// Runs `op` on the pool that renders pages, whose threads have [`RENDER_STACK`] each.
/// Called from one of its threads, `op` runs in place; parallel iterators inside `op` use the
/// pool. One pool for the process, like rayon's own: its threads are shared by every build.
/// Should the system refuse the threads, `op` runs on the caller's.
pub(crate) fn on_render_threads<R: Send>(op: impl FnOnce() -> R + Send) -> R {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("render-{i}"))
            .stack_size(RENDER_STACK)
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(op),
        None => op(),
    }
}

/// Tera's `nth` filter, the same answers without copying the whole array on every call:
/// tables call it for each cell, to label the cell with its column.
fn nth(value: &tera::Value, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let Some(items) = value.as_array() else {
        return Err(tera::Error::msg(format!(
            "Filter `nth` was called on an incorrect value: got `{value}` but expected an array"
        )));
    };
    let empty = || tera::Value::String(String::new());
    if items.is_empty() {
        return Ok(empty());
    }
    let n = match args.get("n") {
        Some(n) => n.as_u64().ok_or_else(|| {
            tera::Error::msg(format!(
                "Filter `nth` received an incorrect type for arg `n`: got `{n}` but expected a usize"
            ))
        })?,
        None => return Err(tera::Error::msg("The `nth` filter has to have an `n` argument")),
    };
    Ok(usize::try_from(n)
        .ok()
        .and_then(|n| items.get(n))
        .cloned()
        .unwrap_or_else(empty))
}

/// Most numbers `range()` gives a template: more is a runaway loop, not a page.
const RANGE_CAP: usize = 10_000;
const RANGE_CAP_MESSAGE: &str = "range() would give more than";

/// Room a page starts with: most bulletin pages fit, so few pages grow their buffer.
const PAGE_START: usize = 96 << 10;

/// Largest page a template may produce; the render stops as it passes this.
const PAGE_CAP: usize = 64 << 20;

/// Tera's `range(start, end, step_by)`, refusing more than [`RANGE_CAP`] numbers instead of
/// allocating them all.
fn range(args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let number = |name: &str, default: Option<usize>| match args.get(name) {
        Some(value) => value
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| {
                tera::Error::msg(format!(
                    "range() received {name}={value} but `{name}` can only be a whole number"
                ))
            }),
        None => {
            default.ok_or_else(|| tera::Error::msg(format!("range() was called without `{name}`")))
        }
    };
    let start = number("start", Some(0))?;
    let end = number("end", None)?;
    let step_by = number("step_by", Some(1))?;
    if step_by == 0 {
        return Err(tera::Error::msg("range() needs a step_by above 0"));
    }
    if start > end {
        return Err(tera::Error::msg(
            "range() was called with a `start` greater than its `end`",
        ));
    }
    let count = (end - start).div_ceil(step_by);
    if count > RANGE_CAP {
        return Err(tera::Error::msg(format!(
            "{RANGE_CAP_MESSAGE} {RANGE_CAP} numbers ({count})"
        )));
    }
    Ok((start..end).step_by(step_by).collect::<Vec<_>>().into())
}

/// A page's bytes as tera writes them, refusing to grow past [`PAGE_CAP`].
#[derive(Default)]
struct CappedPage {
    bytes: Vec<u8>,
    over: bool,
}

impl Write for CappedPage {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > PAGE_CAP {
            self.over = true;
            return Err(std::io::Error::other("the page is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl crate::plan::TemplateDeps for Templates {
    fn closure(&self, name: &str) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![name.to_string()];
        while let Some(next) = todo.pop() {
            if !seen.insert(next.clone()) {
                continue;
            }
            let Ok(template) = self.neutral.get_template(&next) else {
                continue;
            };
            todo.extend(template.parents.iter().cloned());
            todo.extend(
                template
                    .imported_macro_files
                    .iter()
                    .map(|(file, _)| file.clone()),
            );
            let mut included = Vec::new();
            includes(&template.ast, &mut included);
            todo.extend(included);
        }
        seen.into_iter().collect()
    }
}

/// Templates named by `{% include %}` anywhere in `nodes`.
fn includes(nodes: &[tera::ast::Node], out: &mut Vec<String>) {
    use tera::ast::Node;
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().cloned()),
            Node::MacroDefinition(_, m, _) => includes(&m.body, out),
            Node::FilterSection(_, f, _) => includes(&f.body, out),
            Node::Block(_, b, _) => includes(&b.body, out),
            Node::Forloop(_, f, _) => {
                includes(&f.body, out);
                if let Some(empty) = &f.empty_body {
                    includes(empty, out);
                }
            }
            Node::If(i, _) => {
                for (_, _, body) in &i.conditions {
                    includes(body, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    includes(body, out);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_error_is_found_in_a_tag_not_in_text() {
        let text =
            "<p>title and lang</p>\n{{ lang }}\n{% if x is odd %}{{ y | upper }}\n{{ t (id=1) }}";
        let at = |culprit: Culprit| {
            culprit
                .find_in(text)
                .map(|offset| crate::diagnostics::line_col(text, offset))
        };
        assert_eq!(at(Culprit::Variable("lang".into())), Some((2, 4)));
        assert_eq!(at(Culprit::Variable("lan".into())), None);
        assert_eq!(at(Culprit::Test("odd".into())), Some((3, 12)));
        assert_eq!(at(Culprit::Filter("upper".into())), Some((3, 25)));
        assert_eq!(at(Culprit::Function("t".into())), Some((4, 4)));
        assert_eq!(at(Culprit::Function("upper".into())), None);
    }

    #[test]
    fn what_a_render_error_is_about_comes_from_its_kind() {
        let mut tera = Tera::default();
        tera.add_raw_template("a.html", "{{ 1 | nope }}").unwrap();
        tera.add_raw_template("b.html", "{{ nothing_here }}")
            .unwrap();
        tera.add_raw_template("c.html", "{{ missing_fn(x=1) }}")
            .unwrap();
        let render = |name| tera.render(name, &tera::Context::new()).expect_err("fails");
        assert_eq!(
            culprit(&render("b.html")),
            Some(Culprit::Variable("nothing_here".into()))
        );
        assert_eq!(
            culprit(&render("c.html")),
            Some(Culprit::Function("missing_fn".into()))
        );
        assert_eq!(
            culprit(&render("a.html")),
            Some(Culprit::Filter("nope".into()))
        );
    }

    fn range_of(args: &[(&str, u64)]) -> tera::Result<tera::Value> {
        let args = args
            .iter()
            .map(|(name, n)| (name.to_string(), tera::Value::from(*n)))
            .collect();
        range(&args)
    }

    #[test]
    fn range_gives_what_teras_gives() {
        let numbers = range_of(&[("start", 2), ("end", 9), ("step_by", 3)]).expect("in range");
        assert_eq!(numbers, serde_json::json!([2, 5, 8]));
        assert_eq!(
            range_of(&[("end", 0)]).expect("empty"),
            serde_json::json!([])
        );
    }

    #[test]
    fn nth_gives_what_teras_gives() {
        let mut context = tera::Context::new();
        context.insert("columns", &["Năm", "Kết quả", "Mục tiêu"]);
        context.insert("empty", &Vec::<String>::new());
        context.insert("text", "Năm");
        let render = |ours: bool, template: &str| {
            let mut tera = tera::Tera::default();
            if ours {
                tera.register_filter("nth", nth);
            }
            tera.render_str(template, &context).ok()
        };
        for template in [
            "{{ columns | nth(n=0) }}|{{ columns | nth(n=2) }}|{{ columns | nth(n=3) }}",
            "{{ columns | nth(n=1000) }}|{{ empty | nth(n=4) }}",
            "{{ columns | nth(n=\"1\") }}",
            "{{ columns | nth(n=-1) }}",
            "{{ columns | nth }}",
            "{{ text | nth(n=0) }}",
        ] {
            assert_eq!(
                render(true, template),
                render(false, template),
                "{template}"
            );
        }
        assert_eq!(
            render(true, "{{ columns | nth(n=1) }}").as_deref(),
            Some("Kết quả")
        );
    }

    #[test]
    fn range_refuses_a_runaway_loop() {
        assert!(range_of(&[("end", RANGE_CAP as u64)]).is_ok());
        let error = range_of(&[("end", 100_000_000)]).expect_err("over the cap");
        assert!(error.to_string().contains(RANGE_CAP_MESSAGE), "{error}");
        assert!(range_of(&[("end", 10), ("step_by", 0)]).is_err());
        assert!(range_of(&[("start", 5), ("end", 1)]).is_err());
    }

    #[test]
    fn a_page_stops_at_its_cap() {
        let mut page = CappedPage::default();
        page.write_all(&vec![b'x'; PAGE_CAP])
            .expect("up to the cap");
        assert!(page.write_all(b"x").is_err());
        assert!(page.over);
        assert_eq!(page.bytes.len(), PAGE_CAP);
    }

    #[test]
    fn render_threads_take_deep_recursion() {
        // Far deeper than the 2 MiB of a default thread takes.
        fn depth(n: usize) -> usize {
            let frame = std::hint::black_box([0u8; 1024]);
            if n == 0 {
                frame[0] as usize
            } else {
                depth(n - 1) + 1
            }
        }
        assert_eq!(on_render_threads(|| depth(16_000)), 16_000);
    }
}
