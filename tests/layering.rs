//! The pipeline's stages depend on earlier stages only: load → validate/derive → plan →
//! page view → render → write. Read from the source itself, so a `use` that reaches back up
//! (or a cycle between two stages) fails here rather than in review.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Every stage module, in pipeline order; a stage may use only those before it. `charts`
/// draws from plain data and needs no other stage, so it comes early; `check` and `serve`
/// drive the whole pipeline and come last.
const ORDER: &[&str] = &[
    "diagnostics",
    "address",
    "charts",
    "content",
    "markdown",
    "figures",
    "i18n",
    "plan",
    "publish",
    "view",
    "render",
    "output",
    "progress",
    "translated",
    "scaffold",
    "check",
    "serve",
];

/// The `crate::<module>` names used by the files of `module` (a file or a folder of src/).
fn uses(src: &Path, module: &str) -> BTreeSet<String> {
    let mut files = Vec::new();
    let file = src.join(format!("{module}.rs"));
    if file.exists() {
        files.push(file);
    }
    let dir = src.join(module);
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir) {
            let entry = entry.expect("readable source tree");
            if entry.path().extension().is_some_and(|e| e == "rs") {
                files.push(entry.path().to_path_buf());
            }
        }
    }
    let mut used = BTreeSet::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source file");
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + "crate::".len()..];
            // `crate::{a::x, B}` names several at once.
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group[..group.find('}').unwrap_or(0)]
                    .split(',')
                    .map(str::trim)
                    .collect(),
                None => vec![rest],
            };
            for name in names {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    used.insert(name);
                }
            }
        }
    }
    used
}

#[test]
fn each_stage_uses_only_earlier_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    // Every module lib.rs declares is placed in the order, so a new stage must be placed too.
    for line in lib.lines() {
        let line = line
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ");
        if let Some(name) = line.strip_prefix("mod ").and_then(|l| l.strip_suffix(';')) {
            assert!(
                ORDER.contains(&name),
                "src/lib.rs declares `{name}`: place it in ORDER of tests/layering.rs"
            );
        }
    }
    let position: BTreeMap<&str, usize> = ORDER.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut backwards = Vec::new();
    for (at, module) in ORDER.iter().enumerate() {
        for used in uses(&src, module) {
            match position.get(used.as_str()) {
                Some(&p) if p >= at => backwards.push(format!("{module} uses {used}")),
                // The crate root (`Site`, `BuildOptions`) runs the whole pipeline: only the
                // commands that drive it may use it, never a stage inside it.
                None if used.starts_with(char::is_uppercase) && at < position["progress"] => {
                    backwards.push(format!("{module} uses the crate root's {used}"))
                }
                _ => {}
            }
        }
    }
    assert!(
        backwards.is_empty(),
        "stages reaching forward or back up the pipeline: {backwards:?}"
    );
}
