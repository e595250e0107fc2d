//! Bad input fails cleanly: each case of `tests/fixtures/bad/` is the minimal site with one
//! defect, and must end in a located error, never a panic or a half-written output.
//!
//! A case folder holds only the files that differ from `tests/fixtures/minimal/` (whose
//! `locales/` and `templates/` are the repository's own), plus:
//! - `expect.yaml`: `file` (a path relative to the site root), optional `line`, `message`
//!   (a fragment of the error's message), optional `hint` (a fragment of its hint), and
//!   optional `setup` steps for what git cannot
//!   hold well: raw bytes, symbolic links, FIFOs, very long generated lines;
//! - `DELETE`, optional: paths to remove from the site, one a line.

mod common;

use common::{minimal_site, root};

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use serde::Deserialize;

/// Longest a failing build may take; a case that hangs (an alias bomb expanding) fails.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// What the content of the previous output was; a failed build must leave it as it was.
const SENTINEL: &str = "<!DOCTYPE html><title>previous build</title>\n";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    file: PathBuf,
    line: Option<usize>,
    message: String,
    /// A fragment of the error's hint, where the hint is what teaches.
    hint: Option<String>,
    #[serde(default)]
    setup: Vec<Setup>,
    /// Build with `--allow-outside`: for guards behind the outside-link policy.
    #[serde(default, rename = "allow-outside")]
    allow_outside: bool,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
enum Setup {
    /// Inserts raw bytes (hex) at the start of a 1-based line of a file.
    Bytes {
        path: PathBuf,
        line: usize,
        hex: String,
    },
    /// Creates a symbolic link at `path` pointing to `target`.
    Symlink { path: PathBuf, target: PathBuf },
    /// Creates a FIFO (named pipe) at `path`, which git cannot hold.
    Fifo { path: PathBuf },
    /// Writes `prefix`, `open` `count` times, `close` `count` times, then `suffix`, as the
    /// whole file: deep nesting without a 10,000-character fixture.
    Repeat {
        path: PathBuf,
        #[serde(default)]
        prefix: String,
        open: String,
        #[serde(default)]
        close: String,
        count: usize,
        #[serde(default)]
        suffix: String,
    },
}

fn apply_case(case: &Path, root: &Path, expect: &Expect) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(case).min_depth(1) {
        let entry = entry.map_err(|e| e.to_string())?;
        let relative = entry.path().strip_prefix(case).expect("inside the walk");
        if entry.file_type().is_dir() || relative == Path::new("expect.yaml") {
            continue;
        }
        if relative == Path::new("DELETE") {
            continue;
        }
        let target = root.join(relative);
        fs::create_dir_all(target.parent().expect("a file has a folder"))
            .map_err(|e| e.to_string())?;
        fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
    }
    if let Ok(list) = fs::read_to_string(case.join("DELETE")) {
        for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let path = root.join(line);
            let removed = if path.is_dir() {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
            removed.map_err(|e| format!("DELETE {line}: {e}"))?;
        }
    }
    for step in &expect.setup {
        match step {
            Setup::Bytes { path, line, hex } => {
                let path = root.join(path);
                let mut text = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let mut offset = 0;
                for _ in 1..*line {
                    offset += text[offset..]
                        .iter()
                        .position(|b| *b == b'\n')
                        .ok_or("the file has fewer lines")?
                        + 1;
                }
                let bytes: Vec<u8> = (0..hex.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
                    .collect::<Result<_, _>>()
                    .map_err(|e| e.to_string())?;
                text.splice(offset..offset, bytes);
                fs::write(&path, text).map_err(|e| e.to_string())?;
            }
            Setup::Symlink { path, target } => {
                let path = root.join(path);
                fs::create_dir_all(path.parent().expect("a link has a folder"))
                    .map_err(|e| e.to_string())?;
                std::os::unix::fs::symlink(target, &path).map_err(|e| e.to_string())?;
            }
            Setup::Fifo { path } => {
                let status = std::process::Command::new("mkfifo")
                    .arg(root.join(path))
                    .status()
                    .map_err(|e| format!("mkfifo: {e}"))?;
                if !status.success() {
                    return Err(format!("mkfifo {}: {status}", path.display()));
                }
            }
            Setup::Repeat {
                path,
                prefix,
                open,
                close,
                count,
                suffix,
            } => {
                let content = format!(
                    "{prefix}{}{}{suffix}",
                    open.repeat(*count),
                    close.repeat(*count)
                );
                fs::write(root.join(path), content).map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

/// Builds `root` into `<root>/output` on another thread; Err if it panicked or hung.
fn build(
    root: &Path,
    allow_outside: bool,
) -> Result<Result<bantin::BuildReport, bantin::diagnostics::Diagnostics>, String> {
    let options = bantin::BuildOptions {
        root: root.to_path_buf(),
        output: Some(root.join("output")),
        allow_outside,
        ..Default::default()
    };
    let (sender, receiver) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let result = bantin::build(&options);
        let _ = sender.send(());
        result
    });
    match receiver.recv_timeout(TIME_LIMIT) {
        Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => worker.join().map_err(|panic| {
            let text = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            format!("the build panicked: {text}")
        }),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            Err(format!("the build took longer than {TIME_LIMIT:?}"))
        }
    }
}

/// Runs one case; Ok with the first matching error line, or what went wrong.
fn run_case(case: &Path) -> Result<String, String> {
    let expect_text =
        fs::read_to_string(case.join("expect.yaml")).map_err(|e| format!("expect.yaml: {e}"))?;
    let expect: Expect =
        serde_yaml::from_str(&expect_text).map_err(|e| format!("expect.yaml: {e}"))?;
    let temp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let root = temp.path().join("site");
    minimal_site(&root);
    apply_case(case, &root, &expect)?;
    let output = root.join("output");
    fs::create_dir_all(&output).map_err(|e| e.to_string())?;
    fs::write(output.join("index.html"), SENTINEL).map_err(|e| e.to_string())?;
    // As an earlier build left it: marked as bantin's, so a new build may replace it.
    fs::write(output.join(bantin::output::MARKER), "").map_err(|e| e.to_string())?;

    let problems = match build(&root, expect.allow_outside)? {
        Ok(_) => return Err("the build succeeded".into()),
        Err(problems) => problems,
    };
    let mut outcome = Err(format!(
        "no error at {}{} containing {:?}{}; got:\n{problems}",
        expect.file.display(),
        expect.line.map(|l| format!(":{l}")).unwrap_or_default(),
        expect.message,
        expect
            .hint
            .as_ref()
            .map(|h| format!(" with a hint containing {h:?}"))
            .unwrap_or_default()
    ));
    if let Some(found) = problems.errors().find(|d| {
        d.path.ends_with(&expect.file)
            && expect.line.is_none_or(|l| d.line == Some(l))
            && d.message.contains(&expect.message)
            && expect
                .hint
                .as_ref()
                .is_none_or(|hint| d.hint.as_ref().is_some_and(|h| h.contains(hint.as_str())))
    }) {
        outcome = Ok(found.to_string().lines().next().unwrap_or("").to_string());
    }
    if problems.errors().any(|d| d.path.is_absolute()) {
        outcome = Err(format!(
            "an error path is not relative to the site:\n{problems}"
        ));
    }

    let mut left: Vec<String> = fs::read_dir(&output)
        .map_err(|e| format!("the previous output is gone: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    left.sort();
    if left != [bantin::output::MARKER, "index.html"]
        || fs::read_to_string(output.join("index.html"))
            .ok()
            .as_deref()
            != Some(SENTINEL)
    {
        outcome = Err(format!(
            "the previous output changed: it now holds {left:?}"
        ));
    }
    let stray: Vec<String> = fs::read_dir(&root)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        // The lock file stays by design (deleting it would let two builds lock two files).
        .filter(|n| n.starts_with(".output") && n != ".output.bantin-lock")
        .collect();
    if !stray.is_empty() {
        outcome = Err(format!(
            "staging folders remain beside the output: {stray:?}"
        ));
    }
    outcome
}

#[test]
fn minimal_site_builds() {
    let temp = tempfile::tempdir().expect("a temp dir");
    let root = temp.path().join("site");
    minimal_site(&root);
    match build(&root, false).expect("the build neither panics nor hangs") {
        Ok(report) => {
            assert!(report.pages > 0, "{report:?}");
            assert!(root
                .join("output/en/bulletins/2024-01-18-nghe-an/index.html")
                .is_file());
        }
        Err(problems) => panic!("the minimal site must build:\n{problems}"),
    }
}

#[test]
fn bad_inputs_fail_cleanly() {
    let dir = root().join("tests/fixtures/bad");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/fixtures/bad exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 32, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().expect("a folder name").to_string_lossy();
        match run_case(case) {
            Ok(first_line) => println!("{name}: {first_line}"),
            Err(problem) => failures.push(format!("{name}: {problem}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad-input cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// What a failed build of the minimal site prints once `change` has altered it.
fn shown_errors(change: impl FnOnce(&Path)) -> bantin::diagnostics::Diagnostics {
    shown_errors_with(false, change)
}

/// [`shown_errors`], built with `--allow-outside` when `allow_outside`.
fn shown_errors_with(
    allow_outside: bool,
    change: impl FnOnce(&Path),
) -> bantin::diagnostics::Diagnostics {
    let temp = tempfile::tempdir().expect("a temp dir");
    let root = temp.path().join("site");
    minimal_site(&root);
    change(&root);
    match build(&root, allow_outside).expect("the build neither panics nor hangs") {
        Ok(_) => panic!("the build must fail"),
        Err(problems) => problems,
    }
}

#[test]
fn a_huge_scalar_gives_a_short_error() {
    let problems = shown_errors(|root| {
        let value = "x".repeat(1 << 20);
        let data = format!("results:\n  hi-participants: \"{value}\"\n");
        fs::write(root.join("content/data/nghe-an/2023.yaml"), data).expect("written");
    });
    let error = problems.errors().next().expect("an error");
    assert!(error.message.contains("invalid type"), "{error}");
    assert!(error.message.len() < 300, "{} bytes", error.message.len());
    assert!(problems.to_string().len() < 1000, "{problems}");
}

#[test]
fn a_data_file_linked_to_a_secret_is_not_printed() {
    // One long line, as a token or key file has; any 81 characters of it in a row leak too much.
    let secret: String = (0..300).map(|i| (b'a' + (i % 26) as u8) as char).collect();
    let temp = tempfile::tempdir().expect("a temp dir");
    let token = temp.path().join("token");
    fs::write(&token, format!("{secret}\n")).expect("written");
    let link = |root: &Path| {
        let data = root.join("content/data/nghe-an/2023.yaml");
        fs::remove_file(&data).expect("removed");
        std::os::unix::fs::symlink(&token, &data).expect("linked");
    };
    // By default the link is refused before anything is read; allowed, the file is read and
    // its error quotes no more than 80 characters of it.
    let refused = shown_errors(link).to_string();
    assert!(
        refused.contains("leads outside the site folder"),
        "{refused}"
    );
    let read = shown_errors_with(true, link).to_string();
    assert!(read.contains("invalid type"), "{read}");
    for shown in [refused, read] {
        for start in 0..secret.len() - 80 {
            let part = &secret[start..start + 81];
            assert!(
                !shown.contains(part),
                "81 characters of the secret shown:\n{shown}"
            );
        }
    }
}

#[test]
fn links_inside_the_site_are_followed_and_links_outside_refused() {
    let temp = tempfile::tempdir().expect("a temp dir");
    let root = temp.path().join("site");
    minimal_site(&root);
    // A stylesheet kept elsewhere in the site, linked into static/: followed and published.
    fs::create_dir_all(root.join("shared")).expect("mkdir");
    fs::write(root.join("shared/print.css"), "@media print {}\n").expect("written");
    std::os::unix::fs::symlink(
        "../../shared/print.css",
        root.join("templates/static/print.css"),
    )
    .expect("linked");
    let report = build(&root, false)
        .expect("no hang")
        .unwrap_or_else(|problems| panic!("a link inside the site builds:\n{problems}"));
    assert_eq!(
        fs::read_to_string(report.output.join("print.css")).expect("published"),
        "@media print {}\n"
    );

    // templates/static itself a link to a folder outside the site: refused, naming it.
    let outside = temp.path().join("home-folder");
    fs::create_dir_all(&outside).expect("mkdir");
    fs::write(outside.join("private.txt"), "not for the web\n").expect("written");
    let statics = root.join("templates/static");
    let keep = temp.path().join("static-kept");
    fs::rename(&statics, &keep).expect("moved");
    std::os::unix::fs::symlink(&outside, &statics).expect("linked");
    let problems = match build(&root, false).expect("no hang") {
        Ok(_) => panic!("a static folder outside the site was published"),
        Err(problems) => problems,
    };
    let error = problems.errors().next().expect("an error");
    assert_eq!(error.path, Path::new("templates/static"), "{problems}");
    assert!(error.message.contains("home-folder"), "{problems}");
    assert!(error
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("--allow-outside"));
    // Allowed on purpose, it is published; the previous output stayed until then.
    fs::remove_file(&statics).expect("unlinked");
    fs::rename(&keep, &statics).expect("moved back");
    std::os::unix::fs::symlink(&outside, statics.join("shared")).expect("linked");
    let report = build(&root, true)
        .expect("no hang")
        .unwrap_or_else(|problems| panic!("--allow-outside builds:\n{problems}"));
    assert!(report.output.join("shared/private.txt").is_file());
}

#[test]
fn an_escape_in_a_narrative_is_shown_escaped() {
    let problems = shown_errors(|root| {
        let narrative = root.join("content/bulletins/2024-01-18-nghe-an/en.md");
        let mut text = fs::read_to_string(&narrative).expect("readable");
        text.push_str("\n\u{1b}[2J{{ fig(id=\"hi-visitors\") }}\n");
        fs::write(&narrative, text).expect("written");
    });
    let shown = problems.to_string();
    assert!(shown.contains("`hi-visitors`"), "{shown}");
    assert!(
        !shown.contains('\u{1b}'),
        "a raw escape reaches the terminal:\n{shown:?}"
    );
    assert!(shown.contains("\\u{1b}[2J{{ fig("), "{shown}");
}

#[test]
fn a_password_in_an_address_is_not_printed() {
    let problems = shown_errors(|root| {
        let site = root.join("content/site.yaml");
        let text = fs::read_to_string(&site).expect("read").replace(
            "https://example.org/",
            "https://deploy:hunter2@example.org/",
        );
        fs::write(site, text).expect("written");
    });
    let shown = problems.to_string();
    assert!(shown.contains("content/site.yaml:2"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
}

#[test]
fn a_site_folder_that_does_not_exist_is_named() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["build", "--root", "/nonexistent/site"])
        .output()
        .expect("bantin runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("/nonexistent/site"), "{stderr}");
}

#[test]
fn a_deep_include_chain_without_a_cycle_builds() {
    // Deeper than a default 2 MiB thread stack renders: the render threads have more. And a
    // long chain is not mistaken for a cycle.
    const DEPTH: usize = 3000;
    let temp = tempfile::tempdir().expect("a temp dir");
    let root = temp.path().join("site");
    minimal_site(&root);
    let templates = root.join("templates");
    for level in 0..DEPTH {
        let next = format!("<i>{{% include \"deep{}.html\" %}}</i>\n", level + 1);
        fs::write(templates.join(format!("deep{level}.html")), next).expect("written");
    }
    fs::write(
        templates.join(format!("deep{DEPTH}.html")),
        "<b>bottom</b>\n",
    )
    .expect("written");
    let page = templates.join("404.html");
    let text = fs::read_to_string(&page)
        .expect("readable")
        .replace("<h1>404</h1>", "<h1>404</h1>{% include \"deep0.html\" %}");
    fs::write(&page, text).expect("written");
    match build(&root, false).expect("the build neither panics nor hangs") {
        Ok(_) => {
            let built = fs::read_to_string(root.join("output/404.html")).expect("a 404 page");
            assert!(built.contains("<b>bottom</b>"), "{built}");
        }
        Err(problems) => panic!("a deep chain must build:\n{problems}"),
    }
}
