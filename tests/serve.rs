//! The serve session's incremental rebuilds: exactly the pages an edit dirties are rendered,
//! and after any sequence of edits the served files equal a fresh full build, byte for byte.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use bantin::plan::{Input, PageId};
use bantin::serve::session::{Session, Update};
use bantin::serve::{Event, Files};
use bantin::{BuildOptions, Site};
use common::copy_example;

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        cache_dir: Some(root.join("cache")),
        ..Default::default()
    }
}

fn start(root: &Path) -> Session {
    let (session, update) = Session::start(options(root));
    assert!(
        update.broken.is_none(),
        "the example builds: {:?}",
        update.broken
    );
    session
}

/// Every file the session serves (PNGs are drawn on request and left out), by path.
fn served(session: &Session) -> BTreeMap<String, Vec<u8>> {
    let store = session.store();
    store
        .paths()
        .into_iter()
        .map(|path| {
            let bytes = store.get(&path).expect("a listed path is served");
            (path, bytes)
        })
        .collect()
}

/// A full build of the site as it is on disk, in memory; Err when it does not build.
fn full_build(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, String> {
    let site = Site::load(&options(root)).map_err(|p| p.to_string())?;
    let files = site.render().map_err(|p| p.to_string())?;
    Ok(files.into_iter().map(|f| (f.path, f.bytes)).collect())
}

/// The first difference between two sites, for a readable failure.
fn first_difference(
    served: &BTreeMap<String, Vec<u8>>,
    full: &BTreeMap<String, Vec<u8>>,
) -> Option<String> {
    let paths: BTreeSet<&String> = served.keys().chain(full.keys()).collect();
    paths
        .into_iter()
        .find_map(|path| match (served.get(path), full.get(path)) {
            (Some(a), Some(b)) if a == b => None,
            (Some(_), Some(_)) => Some(format!("{path}: bytes differ")),
            (Some(_), None) => Some(format!("{path}: served but not in a full build")),
            (None, _) => Some(format!("{path}: in a full build but not served")),
        })
}

fn page_paths(ids: &[PageId]) -> BTreeSet<String> {
    ids.iter().map(PageId::path).collect()
}

fn dirtied(session_root: &Path, input: Input) -> BTreeSet<String> {
    let site = Site::load(&options(session_root)).expect("loads");
    let plan = site.plan().expect("plans");
    plan.dirtied_by(&input)
        .into_iter()
        .map(PageId::path)
        .collect()
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("readable");
    assert!(text.contains(from), "{} contains {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("writable");
}

// ---------------------------------------------------------------- exactly what an edit dirties

#[test]
fn a_data_value_renders_exactly_the_pages_that_read_that_year() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    let file = dir.path().join("content/data/nghe-an/2023.yaml");
    replace_in(&file, "ui-participants: 251742", "ui-participants: 251842");
    let update = session.apply(&[file], false);
    assert!(update.broken.is_none(), "{:?}", update.broken);
    let expected = dirtied(
        dir.path(),
        Input::Data {
            region: "nghe-an".into(),
            year: 2023,
        },
    );
    assert_eq!(page_paths(&update.rendered), expected);
    // Its region page, its two bulletins (2023 and the 2024 one reading 2023's figures) and
    // the home comparison, in each language; nothing else.
    for lang in ["vi", "en", "zh", "nb"] {
        assert!(expected.contains(&format!("{lang}/bulletins/2024-01-18-nghe-an/index.html")));
        assert!(expected.contains(&format!("{lang}/regions/nghe-an/index.html")));
        assert!(!expected.contains(&format!(
            "{lang}/bulletins/2024-01-10-quang-binh/index.html"
        )));
    }
    let page = String::from_utf8(
        session
            .store()
            .get("en/bulletins/2024-01-18-nghe-an/index.html")
            .expect("served"),
    )
    .expect("utf-8");
    assert!(page.contains("251,842"), "the new figure is on the page");
    assert!(update
        .changed
        .contains(&"en/bulletins/2024-01-18-nghe-an/index.html".to_string()));
    assert_eq!(
        first_difference(&served(&session), &full_build(dir.path()).unwrap()),
        None
    );
}

#[test]
fn a_narrative_renders_its_page_and_the_lists_that_show_its_title() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    let file = dir
        .path()
        .join("content/bulletins/2024-01-10-quang-binh/nb.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{text}\nEn ny setning om Quảng Bình.\n")).unwrap();
    let update = session.apply(&[file], false);
    assert!(update.broken.is_none(), "{:?}", update.broken);
    let rendered = page_paths(&update.rendered);
    assert!(rendered.contains("nb/bulletins/2024-01-10-quang-binh/index.html"));
    assert!(
        rendered.iter().all(|p| p.starts_with("nb/")),
        "{rendered:?}"
    );
    assert_eq!(
        rendered,
        dirtied(
            dir.path(),
            Input::Narrative {
                slug: "2024-01-10-quang-binh".into(),
                lang: "nb".into()
            }
        )
    );
    // Only the bulletin page's bytes changed: the lists show the title, which is the same.
    assert_eq!(
        update.changed,
        vec!["nb/bulletins/2024-01-10-quang-binh/index.html".to_string()]
    );
    assert_eq!(
        first_difference(&served(&session), &full_build(dir.path()).unwrap()),
        None
    );
}

#[test]
fn a_source_narrative_renders_the_pages_of_its_translations() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    let file = dir
        .path()
        .join("content/bulletins/2024-01-10-quang-binh/vi.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{text}\nMột câu mới về Quảng Bình.\n")).unwrap();
    let update = session.apply(&[file], false);
    assert!(update.broken.is_none(), "{:?}", update.broken);
    // The translations no longer match: their pages now say the source was updated.
    for lang in ["en", "zh", "nb"] {
        let page = format!("{lang}/bulletins/2024-01-10-quang-binh/index.html");
        assert!(update.changed.contains(&page), "{page} not re-rendered");
        let html = String::from_utf8(session.store().get(&page).expect("served")).unwrap();
        assert!(html.contains("translation-note notice"), "{page}");
    }
    assert_eq!(
        first_difference(&served(&session), &full_build(dir.path()).unwrap()),
        None
    );
}

#[test]
fn a_stylesheet_is_swapped_without_rendering_a_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    let file = dir.path().join("templates/static/style.css");
    let css = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        format!("{css}\nmain {{ outline: 1px solid red; }}\n"),
    )
    .unwrap();
    let update = session.apply(&[file], false);
    assert!(update.rendered.is_empty(), "{:?}", update.rendered);
    assert_eq!(update.styles, vec!["style.css".to_string()]);
    assert!(update.changed.is_empty());
    assert_eq!(
        update.events(),
        vec![Event::Styles {
            paths: vec!["style.css".into()]
        }]
    );
    assert!(String::from_utf8(session.store().get("style.css").unwrap())
        .unwrap()
        .contains("outline: 1px solid red"));
}

#[test]
fn a_template_renders_the_pages_built_on_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    let file = dir.path().join("templates/region.html");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{text}\n{{# a comment #}}\n")).unwrap();
    let update = session.apply(&[file], false);
    let rendered = page_paths(&update.rendered);
    assert!(!rendered.is_empty());
    assert!(
        rendered.iter().all(|p| p.contains("/regions/")),
        "{rendered:?}"
    );
    // A comment renders nothing: no page's bytes changed, so no open page reloads.
    assert!(update.changed.is_empty(), "{:?}", update.changed);
    assert!(update.events().is_empty());
}

#[test]
fn a_language_renaming_itself_renders_every_language_switcher() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    let file = dir.path().join("locales/zh/ui.ftl");
    replace_in(&file, "language-name = 中文", "language-name = 简体中文");
    let update = session.apply(&[file], false);
    assert!(update
        .changed
        .contains(&"en/bulletins/2024-01-18-nghe-an/index.html".to_string()));
    let page = String::from_utf8(
        session
            .store()
            .get("nb/regions/nghe-an/index.html")
            .expect("served"),
    )
    .expect("utf-8");
    assert!(
        page.contains("简体中文"),
        "the Norwegian page's switcher names 简体中文"
    );
    assert_eq!(
        first_difference(&served(&session), &full_build(dir.path()).unwrap()),
        None
    );
}

#[test]
fn a_broken_save_keeps_the_last_good_pages_until_it_is_fixed() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    let before = served(&session);
    let file = dir.path().join("content/data/nghe-an/2023.yaml");
    let good = fs::read_to_string(&file).unwrap();
    // Saved mid-edit: an unclosed flow map.
    fs::write(
        &file,
        good.replace("{value: 5600000, qualifier: over}", "{value: 56"),
    )
    .unwrap();
    let update = session.apply(std::slice::from_ref(&file), false);
    let problems = update.broken.as_ref().expect("the save broke the site");
    let problem = &problems.0[0];
    assert_eq!(problem.path, Path::new("content/data/nghe-an/2023.yaml"));
    assert!(problem.line.is_some(), "{problem}");
    match &update.events()[..] {
        [Event::Broken { problems }] => {
            assert_eq!(problems[0].file, "content/data/nghe-an/2023.yaml");
            assert!(problems[0].excerpt.is_some());
        }
        other => panic!("one Broken event, not {other:?}"),
    }
    assert_eq!(served(&session), before, "the last good pages stay");

    // Another file changes while the site is broken; then the fix lands.
    let narrative = dir
        .path()
        .join("content/bulletins/2024-01-18-nghe-an/en.md");
    replace_in(&narrative, "Nghệ An", "Nghệ An province");
    assert!(session
        .apply(std::slice::from_ref(&narrative), false)
        .broken
        .is_some());
    fs::write(&file, &good).unwrap();
    let update = session.apply(&[file], false);
    assert!(update.broken.is_none(), "{:?}", update.broken);
    assert!(update.fixed);
    assert_eq!(update.events()[0], Event::Fixed);
    assert!(update
        .changed
        .contains(&"en/bulletins/2024-01-18-nghe-an/index.html".to_string()));
    assert_eq!(
        first_difference(&served(&session), &full_build(dir.path()).unwrap()),
        None
    );
}

#[test]
fn open_pages_render_first_and_a_request_for_a_queued_page_renders_it_next() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    session.set_render_at_once(3);
    let file = dir.path().join("templates/base.html");
    replace_in(&file, "</main>", "<p>preview</p></main>");
    let open = "en/bulletins/2024-01-18-nghe-an/index.html".to_string();
    let first = session.apply_open_first(&[file], false, std::slice::from_ref(&open));
    assert_eq!(page_paths(&first.rendered), BTreeSet::from([open.clone()]));
    assert_eq!(
        first.changed,
        vec![open.clone()],
        "only the open page reloads now"
    );
    let full = full_build(dir.path()).unwrap();
    let store = session.store();
    assert_eq!(store.get(&open).as_ref(), full.get(&open));
    assert!(
        session.queued() > 40,
        "the other pages wait: {}",
        session.queued()
    );

    // A browser asks for a queued page: it is rendered in the next step, whatever its place.
    let last_in_queue = "zh/regions/viet-nam/index.html".to_string();
    let asking = {
        let store = session.store();
        let path = last_in_queue.clone();
        std::thread::spawn(move || store.get(&path))
    };
    let mut steps = 0;
    let mut answered_in = None;
    while session.queued() > 0 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let update = session.render_queued(1);
        steps += 1;
        if answered_in.is_none() && update.rendered.iter().any(|id| id.path() == last_in_queue) {
            answered_in = Some(steps);
        }
    }
    let answer = asking.join().expect("the request returns");
    assert_eq!(
        answer.as_ref(),
        full.get(&last_in_queue),
        "the request got the new page"
    );
    assert!(
        answered_in.is_some_and(|s| s <= 2),
        "rendered at step {answered_in:?}"
    );
    assert_eq!(first_difference(&served(&session), &full), None);
}

#[test]
fn editor_swap_and_backup_files_are_ignored() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    let data = dir.path().join("content/data/nghe-an");
    let mut paths = Vec::new();
    for name in [
        ".2023.yaml.swp",
        "2023.yaml~",
        ".#2023.yaml",
        "#2023.yaml#",
        "4913",
    ] {
        let path = data.join(name);
        fs::write(&path, "not: [yaml").unwrap();
        paths.push(path);
    }
    let update = session.apply(&paths, false);
    assert!(update.rendered.is_empty() && update.broken.is_none());
    // A full build ignores them too.
    assert_eq!(
        first_difference(&served(&session), &full_build(dir.path()).unwrap()),
        None
    );
}

// ---------------------------------------------------------------- random edits against full builds

/// A small deterministic generator (xorshift), so a failing sequence can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn folders_under(dir: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    folders.sort();
    folders
}

/// Writes `text` as editors do: a temporary file renamed over the target. Both names change.
fn atomic_write(path: &Path, text: &str) -> Vec<PathBuf> {
    let temp = path.with_extension("tmp-save");
    fs::write(&temp, text).unwrap();
    fs::rename(&temp, path).unwrap();
    vec![temp, path.to_path_buf()]
}

/// Changes a number in the YAML by a little, keeping its form.
fn nudge_number(text: &str, random: &mut Random) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let candidates: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            let value = l
                .split('#')
                .next()
                .unwrap_or("")
                .rsplit(": ")
                .next()
                .unwrap_or("");
            // Counts and money, not shares: a share pushed past 100 % is refused.
            l.starts_with("  ")
                && !l.contains('{')
                && value.trim().parse::<u64>().is_ok_and(|v| v > 1000)
        })
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return text.to_string();
    }
    let index = *random.pick(&candidates);
    let line = lines[index];
    let (key, rest) = line.split_once(": ").unwrap();
    let value: u64 = rest.split('#').next().unwrap().trim().parse().unwrap();
    let bumped = value + 1 + random.below(50) as u64;
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    out[index] = format!("{key}: {bumped}");
    out.join("\n") + "\n"
}

/// The site's source files and their bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    ["content", "locales", "templates"]
        .iter()
        .flat_map(|folder| files_under(&root.join(folder)))
        .map(|path| {
            let bytes = fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// Puts the site back as `snapshot` had it, as an editor's undo would; returns what changed.
fn revert(root: &Path, snapshot: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<PathBuf> {
    let mut changed = Vec::new();
    for path in snapshot::keys_now(root) {
        if !snapshot.contains_key(&path) {
            fs::remove_file(&path).unwrap();
            changed.push(path);
        }
    }
    for (path, bytes) in snapshot {
        if fs::read(path).ok().as_ref() != Some(bytes) {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
            changed.push(path.clone());
        }
    }
    // Folders left empty go, as the undo of a new bulletin would leave none.
    for folder in folders_under(&root.join("content/bulletins")) {
        if files_under(&folder).is_empty() {
            fs::remove_dir(&folder).unwrap();
            changed.push(folder);
        }
    }
    changed
}

mod snapshot {
    use std::path::{Path, PathBuf};

    pub fn keys_now(root: &Path) -> Vec<PathBuf> {
        ["content", "locales", "templates"]
            .iter()
            .flat_map(|folder| super::files_under(&root.join(folder)))
            .collect()
    }
}

/// One random edit of the kinds an editor makes; returns the paths a watcher reports.
fn random_edit(root: &Path, random: &mut Random, step: usize) -> (String, Vec<PathBuf>) {
    let content = root.join("content");
    let data_files: Vec<PathBuf> = files_under(&content.join("data"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    let bulletins = folders_under(&content.join("bulletins"));
    let narratives: Vec<PathBuf> = files_under(&content.join("bulletins"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    match random.below(12) {
        0 | 1 => {
            let file = random.pick(&data_files).clone();
            let text = fs::read_to_string(&file).unwrap();
            fs::write(&file, nudge_number(&text, random)).unwrap();
            (format!("data value in {}", file.display()), vec![file])
        }
        2 => {
            // A new year: the region's latest data copied forward.
            let region = random.pick(&folders_under(&content.join("data"))).clone();
            let Some(latest) = files_under(&region).pop() else {
                return (String::from("nothing"), vec![]);
            };
            let year: i32 = latest
                .file_stem()
                .unwrap()
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            let next = region.join(format!("{}.yaml", year + 1));
            let text = fs::read_to_string(&latest)
                .unwrap()
                .replace(&format!("as-of: {year}-"), &format!("as-of: {}-", year + 1));
            fs::write(&next, nudge_number(&text, random)).unwrap();
            (format!("new year {}", next.display()), vec![next])
        }
        3 => {
            // A data file deleted: a year no bulletin reads, mostly; any year now and then
            // (the site may then stop building, and must stay served as it was).
            let later: Vec<PathBuf> = data_files
                .iter()
                .filter(|p| {
                    p.file_stem()
                        .is_some_and(|s| s.to_str().unwrap_or("") > "2025")
                })
                .cloned()
                .collect();
            let file = if later.is_empty() || random.below(4) == 0 {
                random.pick(&data_files).clone()
            } else {
                random.pick(&later).clone()
            };
            fs::remove_file(&file).unwrap();
            (format!("deleted {}", file.display()), vec![file])
        }
        4 | 5 => {
            let file = random.pick(&narratives).clone();
            let text = fs::read_to_string(&file).unwrap();
            let edited = if random.below(3) == 0 {
                text.replacen("title: ", &format!("title: Sửa {step} "), 1)
            } else {
                format!("{text}\nA sentence added in edit {step}.\n")
            };
            let paths = if random.below(2) == 0 {
                atomic_write(&file, &edited)
            } else {
                fs::write(&file, edited).unwrap();
                vec![file.clone()]
            };
            (format!("narrative {}", file.display()), paths)
        }
        6 => {
            // A new bulletin: an existing one copied to a new date.
            let from = random.pick(&bulletins).clone();
            let name = from.file_name().unwrap().to_str().unwrap().to_string();
            let region = &name[11..];
            let date = format!(
                "20{:02}-0{}-1{}",
                26 + random.below(3),
                1 + random.below(9),
                random.below(10)
            );
            let slug = format!("{date}-{region}");
            let to = content.join("bulletins").join(&slug);
            if to.exists() {
                return (String::from("nothing"), vec![]);
            }
            common::copy_dir(&from, &to);
            let settings = to.join("bulletin.yaml");
            let text = fs::read_to_string(&settings).unwrap();
            let old_date = &name[..10];
            fs::write(
                &settings,
                text.replace(&format!("date: {old_date}"), &format!("date: {date}")),
            )
            .unwrap();
            let mut paths = vec![to.clone()];
            paths.extend(files_under(&to));
            (format!("new bulletin {slug}"), paths)
        }
        7 => {
            // A bulletin renamed to another date, its settings following.
            let from = random.pick(&bulletins).clone();
            let name = from.file_name().unwrap().to_str().unwrap().to_string();
            let date = format!(
                "20{:02}-1{}-2{}",
                26 + random.below(3),
                random.below(3),
                random.below(9)
            );
            let to = content
                .join("bulletins")
                .join(format!("{date}-{}", &name[11..]));
            if to.exists() {
                return (String::from("nothing"), vec![]);
            }
            fs::rename(&from, &to).unwrap();
            replace_in(
                &to.join("bulletin.yaml"),
                &format!("date: {}", &name[..10]),
                &format!("date: {date}"),
            );
            let mut paths = vec![from.clone(), to.clone()];
            paths.extend(files_under(&to));
            (format!("renamed {name} to {}", to.display()), paths)
        }
        8 => {
            if bulletins.len() <= 2 {
                return (String::from("nothing"), vec![]);
            }
            let folder = random.pick(&bulletins).clone();
            let mut paths = files_under(&folder);
            paths.push(folder.clone());
            fs::remove_dir_all(&folder).unwrap();
            (format!("deleted {}", folder.display()), paths)
        }
        9 => {
            let lang = *random.pick(&["vi", "en", "zh", "nb"]);
            let files = files_under(&root.join("locales").join(lang));
            let file = random.pick(&files).clone();
            let text = fs::read_to_string(&file).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let messages: Vec<usize> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    l.contains(" = ")
                        && !l.starts_with(' ')
                        && !l.starts_with('-')
                        && !l.contains('{')
                        && !l.trim_end().ends_with('=')
                })
                .map(|(i, _)| i)
                .collect();
            if messages.is_empty() {
                return (String::from("nothing"), vec![]);
            }
            let index = *random.pick(&messages);
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out[index] = format!("{} ~{step}", out[index].trim_end());
            fs::write(&file, out.join("\n") + "\n").unwrap();
            (format!("locale {}", file.display()), vec![file])
        }
        10 => {
            let name = *random.pick(&["bulletin.html", "home.html", "region.html", "base.html"]);
            let file = root.join("templates").join(name);
            let text = fs::read_to_string(&file).unwrap();
            let edited = text.replacen("</main>", &format!("<p>edit {step}</p></main>"), 1);
            let edited = if edited == text {
                format!("{text}{{# edit {step} #}}\n")
            } else {
                edited
            };
            (format!("template {name}"), atomic_write(&file, &edited))
        }
        _ => {
            let file = root.join("templates/static/style.css");
            let text = fs::read_to_string(&file).unwrap();
            fs::write(&file, format!("{text}/* {step} */\n")).unwrap();
            (String::from("stylesheet"), vec![file])
        }
    }
}

#[test]
fn after_every_random_edit_the_served_site_equals_a_full_build() {
    let seed: u64 = std::env::var("BANTIN_SERVE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2026);
    let edits: usize = std::env::var("BANTIN_SERVE_EDITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let mut session = start(dir.path());
    // Few pages at once: most edits leave a queue, and the next edit merges with it.
    session.set_render_at_once(4);
    let mut random = Random(seed);
    let mut kinds = BTreeMap::new();
    let mut broken_steps = 0;
    let mut last_good = snapshot(dir.path());
    let mut broken = false;
    for step in 0..edits {
        // What is served, when nothing waits in the queue (a queued page is rendered on request).
        let before = (session.queued() == 0).then(|| served(&session));
        let (what, paths) = if broken && random.below(4) != 0 {
            (String::from("undo"), revert(dir.path(), &last_good))
        } else {
            random_edit(dir.path(), &mut random, step)
        };
        *kinds
            .entry(what.split(' ').next().unwrap_or("").to_string())
            .or_insert(0) += 1;
        // Now and then, a page is open and the queue is left part-done until the next edit.
        let partial = random.below(3) == 0;
        let open: Vec<String> = session
            .store()
            .paths()
            .into_iter()
            .filter(|p| p.ends_with("index.html"))
            .nth(random.below(40))
            .into_iter()
            .collect();
        let update: Update = if partial {
            let mut update = session.apply_open_first(&paths, false, &open);
            update.absorb(session.render_queued(random.below(5)));
            update
        } else {
            session.apply(&paths, false)
        };
        let full = full_build(dir.path());
        if std::env::var("BANTIN_SERVE_TRACE").is_ok() {
            eprintln!(
                "step {step}: {what}; partial {partial}; open {open:?}; rendered {}; queued {}; broken {}; full ok {}",
                update.rendered.len(),
                session.queued(),
                update.broken.is_some(),
                full.is_ok()
            );
        }
        if partial && session.queued() > 0 {
            // Only the open page is sure to be current; the next edit finishes the rest.
            if let (Ok(full), Some(open)) = (&full, open.first()) {
                // (An edit that changed nothing leaves the queue as it was.)
                if update.broken.is_none() && !paths.is_empty() && full.contains_key(open) {
                    assert_eq!(
                        session.store().get(open).as_ref(),
                        full.get(open),
                        "seed {seed}, step {step} ({what}): the open page {open} renders first"
                    );
                }
            }
            continue;
        }
        match full {
            Ok(full) => {
                assert!(
                    update.broken.is_none(),
                    "seed {seed}, step {step} ({what}): a full build passes but serve says {:?}",
                    update.broken
                );
                if let Some(difference) = first_difference(&served(&session), &full) {
                    panic!("seed {seed}, step {step} ({what}): {difference}");
                }
                broken = false;
                last_good = snapshot(dir.path());
            }
            Err(problems) => {
                broken_steps += 1;
                broken = true;
                assert!(
                    update.broken.is_some() || update.rendered.is_empty() && paths.is_empty(),
                    "seed {seed}, step {step} ({what}): a full build fails ({problems}) but serve built"
                );
                if let Some(before) = &before {
                    assert!(
                        first_difference(&served(&session), before).is_none(),
                        "seed {seed}, step {step} ({what}): a broken site changed what is served"
                    );
                }
            }
        }
    }
    eprintln!("{edits} edits ({kinds:?}), {broken_steps} left the site broken");
    assert!(kinds.len() >= 9, "every kind of edit ran: {kinds:?}");
    assert!(
        broken_steps * 3 < edits,
        "most edits leave a site that builds, so most compare with a full build"
    );
}
