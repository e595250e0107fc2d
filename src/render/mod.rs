//! Fills tera templates: a page view (plain data) in, HTML out. Nothing here reads the content.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
        for (name, text) in &files {
            if let Err(e) = tera::Template::new(name, None, text) {
                let path = dir.join(name);
                let position = error_position(&e);
                problems.push(template_error(&path, &e).at_opt(text, position));
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        if let Err(e) = tera.add_raw_templates(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            return Err(template_error(dir, &e).into());
        }
        tera.autoescape_on(vec![".html"]);
        // Tera's default escaper also rewrites `/` as `&#x2F;`, which HTML does not need.
        tera.set_escape_fn(crate::charts::xml_escape);
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
            sources: files.into_iter().collect(),
            dir: dir.to_path_buf(),
        })
    }

    /// Tera names the page's template even when the mistake is in a template it extends or
    /// imports; find the template and line that use the missing name, if one does.
    fn locate_render_error(&self, name: &str, error: &tera::Error, dir: &Path) -> Diagnostic {
        let diagnostic = template_error(&dir.join(name), error);
        let Some(variable) = diagnostic
            .message
            .split("Variable `")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
        else {
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
                let offset = text.find(variable)?;
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

/// The `--> line:column` that tera's parse errors carry in their text.
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
    ) -> Result<String, Diagnostic> {
        let tera = lang
            .and_then(|l| self.by_lang.get(l))
            .unwrap_or(&self.neutral);
        let context = tera::Context::from_value(context).map_err(|e| {
            Diagnostic::error(
                self.dir.join(template),
                format!("cannot prepare the page: {e}"),
            )
        })?;
        tera.render(template, &context)
            .map_err(|e| self.locate_render_error(template, &e, &self.dir))
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
