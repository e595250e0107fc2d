//! The output layer never destroys a folder: it refuses the site's own folders and folders
//! bantin did not make, keeps an output link a link, cleans only its own leftovers, stops at a
//! held lock, and leaves a complete site whenever a build is killed. Also the PNG cache, which
//! must never hand back a damaged entry.

mod common;

use common::{copy_dir, copy_example, root};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bantin::output::cache::{font_fingerprint, CacheError, PngCache};
use bantin::output::{Sink, Staging, MARKER};

/// The minimal site, with the repository's locales and templates, in `site`.
fn minimal_site(site: &Path) {
    let manifest = root();
    copy_dir(&manifest.join("tests/fixtures/minimal"), site);
    for shared in ["locales", "templates"] {
        copy_dir(&manifest.join(shared), &site.join(shared));
    }
}

fn bantin_build(site: &Path, output: &Path, extra: &[&str]) -> Output {
    build_command(site, output, extra)
        .output()
        .expect("run bantin")
}

fn build_command(site: &Path, output: &Path, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bantin"));
    command
        .arg("build")
        .arg("--root")
        .arg(site)
        .arg("--output")
        .arg(output)
        .arg("--no-png")
        .arg("--cache-dir")
        .arg(site.join(".cache"))
        .args(extra);
    command
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_built(output: &Output) {
    assert_eq!(output.status.code(), Some(0), "{}", stderr(output));
}

fn assert_refused(output: &Output, fragment: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    assert!(stderr(output).contains(fragment), "{}", stderr(output));
}

/// Every file under `dir` (links not followed) by relative path, with its blake3.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("inside");
            let hash = if e.file_type().is_symlink() {
                format!(
                    "link to {}",
                    fs::read_link(e.path()).expect("link").display()
                )
            } else {
                blake3::hash(&fs::read(e.path()).expect("read"))
                    .to_hex()
                    .to_string()
            };
            (relative.to_string_lossy().into_owned(), hash)
        })
        .collect()
}

/// Names in `dir` that start with `prefix`.
fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

// ------------------------------------------------------------------ refused outputs

#[test]
fn outputs_holding_the_site_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    minimal_site(&site);
    let before = tree(dir.path());
    let cases = [
        site.clone(),
        site.join("content"),
        site.join("templates"),
        site.join("locales"),
        site.join("content/bulletins"),
        site.join("content/new-folder"),
        site.join("content/.."),
        site.join("output/.."),
        site.join("templates/../content/data"),
        dir.path().to_path_buf(),
    ];
    for output in &cases {
        let result = bantin_build(&site, output, &[]);
        assert_refused(&result, "refusing to build into");
        assert!(
            stderr(&result).contains(&output.display().to_string()),
            "the error names the path: {}",
            stderr(&result)
        );
        assert_eq!(tree(dir.path()), before, "{} was touched", output.display());
    }
    // A relative `..` from inside the site: the output is the site itself.
    let result = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .current_dir(site.join("content"))
        .args(["build", "--root", "..", "--output", "..", "--no-png"])
        .output()
        .expect("run bantin");
    assert_refused(&result, "it is the site folder itself");
    assert_eq!(tree(dir.path()), before);
}

#[cfg(unix)]
#[test]
fn a_link_into_the_site_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    minimal_site(&site);
    let link = dir.path().join("public");
    std::os::unix::fs::symlink(site.join("content"), &link).expect("link");
    let before = tree(&site);
    assert_refused(&bantin_build(&site, &link, &[]), "`content` folder");
    assert_eq!(tree(&site), before);
}

#[test]
fn a_file_is_not_an_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    minimal_site(&site);
    let file = dir.path().join("notes.txt");
    fs::write(&file, "mine").expect("write");
    assert_refused(&bantin_build(&site, &file, &["--force"]), "not a folder");
    assert_eq!(fs::read_to_string(&file).expect("read"), "mine");
}

// ------------------------------------------------------------------ foreign folders

#[test]
fn a_folder_bantin_did_not_make_needs_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    minimal_site(&site);
    let www = dir.path().join("www");
    fs::create_dir_all(www.join("photos")).expect("mkdir");
    fs::write(www.join("photos/holiday.jpg"), "precious").expect("write");
    let refused = bantin_build(&site, &www, &[]);
    assert_refused(&refused, "bantin did not make this folder");
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(
        fs::read_to_string(www.join("photos/holiday.jpg")).expect("still there"),
        "precious"
    );
    assert_eq!(
        names_starting(dir.path(), ".www.new-"),
        Vec::<String>::new()
    );

    assert_built(&bantin_build(&site, &www, &["--force"]));
    assert!(!www.join("photos").exists(), "--force replaces the folder");
    assert!(www.join("index.html").is_file());
    assert!(www.join(MARKER).is_file());
}

#[test]
fn empty_folders_and_own_outputs_are_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    minimal_site(&site);
    let www = dir.path().join("www");
    fs::create_dir(&www).expect("mkdir");
    assert_built(&bantin_build(&site, &www, &[]));
    let first = tree(&www);
    assert!(first.contains_key("index.html") && first.contains_key(MARKER));
    assert_built(&bantin_build(&site, &www, &[]));
    assert_eq!(tree(&www), first, "a rebuild gives the same site");
    assert_built(&bantin_build(
        &site,
        &www,
        &["--base-url", "https://b.example/"],
    ));
    assert_ne!(
        tree(&www),
        first,
        "a rebuild with another base URL replaces it"
    );
    // Nothing left beside it but the lock file.
    assert_eq!(names_starting(dir.path(), ".www"), [".www.bantin-lock"]);
}

// ------------------------------------------------------------------ links

#[cfg(unix)]
#[test]
fn a_linked_output_stays_a_link() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    minimal_site(&site);
    let releases = dir.path().join("srv/releases");
    fs::create_dir_all(releases.join("current")).expect("mkdir");
    let link = dir.path().join("www");
    // Relative, as web roots often are: read from the link's own folder.
    std::os::unix::fs::symlink("srv/releases/current", &link).expect("link");
    for base in ["https://a.example/", "https://b.example/"] {
        assert_built(&bantin_build(&site, &link, &["--base-url", base]));
        let meta = fs::symlink_metadata(&link).expect("link exists");
        assert!(meta.file_type().is_symlink(), "the link was replaced");
        assert_eq!(
            fs::read_link(&link).expect("read link"),
            Path::new("srv/releases/current")
        );
        let index = releases.join("current/index.html");
        assert!(index.is_file(), "the target holds the site");
        assert!(releases.join("current").join(MARKER).is_file());
    }
    let index = fs::read_to_string(releases.join("current/index.html")).expect("index");
    assert!(
        index.contains("https://b.example/"),
        "the second build is in place"
    );
    assert_eq!(names_starting(dir.path(), ".www"), Vec::<String>::new());
    assert_eq!(
        names_starting(&releases, ".current"),
        [".current.bantin-lock"]
    );
}

// ------------------------------------------------------------------ leftovers

#[test]
fn only_marked_leftovers_are_removed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    minimal_site(&site);
    let output = dir.path().join("output");
    assert_built(&bantin_build(&site, &output, &[]));
    for ours in [".output.new-123-456", ".output.old-99-1"] {
        let folder = dir.path().join(ours);
        fs::create_dir_all(folder.join("en")).expect("mkdir");
        fs::write(folder.join(MARKER), "built by bantin").expect("write");
        fs::write(folder.join("en/index.html"), "half").expect("write");
    }
    let foreign = dir.path().join(".output.new-x");
    fs::create_dir(&foreign).expect("mkdir");
    fs::write(foreign.join("mine.txt"), "not bantin's").expect("write");
    // A link named like a leftover, to a marked folder: never followed.
    #[cfg(unix)]
    {
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).expect("mkdir");
        fs::write(elsewhere.join(MARKER), "x").expect("write");
        std::os::unix::fs::symlink(&elsewhere, dir.path().join(".output.old-link")).expect("link");
    }

    assert_built(&bantin_build(&site, &output, &[]));
    let mut expected = vec![".output.bantin-lock", ".output.new-x"];
    if cfg!(unix) {
        expected.push(".output.old-link");
        assert!(dir.path().join("elsewhere").join(MARKER).is_file());
    }
    assert_eq!(names_starting(dir.path(), ".output"), expected);
    assert_eq!(
        fs::read_to_string(foreign.join("mine.txt")).expect("left alone"),
        "not bantin's"
    );
}

// ------------------------------------------------------------------ lock

#[test]
fn a_held_lock_stops_a_build_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    minimal_site(&site);
    let output = dir.path().join("output");
    assert_built(&bantin_build(&site, &output, &[]));
    let before = tree(&output);
    let lock = fs::File::open(dir.path().join(".output.bantin-lock")).expect("lock file");
    lock.lock().expect("take the lock");
    let started = Instant::now();
    let refused = bantin_build(&site, &output, &["--base-url", "https://b.example/"]);
    assert_refused(&refused, "another bantin build is writing");
    assert!(stderr(&refused).contains("wait for it to finish"));
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "the build must not wait for the lock"
    );
    assert_eq!(
        tree(&output),
        before,
        "the output changed under a held lock"
    );
    drop(lock);
    assert_built(&bantin_build(
        &site,
        &output,
        &["--base-url", "https://b.example/"],
    ));
    assert_ne!(tree(&output), before);
}

// ------------------------------------------------------------------ killed builds

/// xorshift64*: a few lines of seeded randomness, so a failing run can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[cfg(unix)]
#[test]
fn a_killed_build_leaves_one_whole_site() {
    const KILLS: usize = 30;
    const TIME_BUDGET: Duration = Duration::from_secs(150);
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    copy_example(&site);
    let output = dir.path().join("output");
    let base = |b: bool| {
        if b {
            "https://b.example/"
        } else {
            "https://a.example/"
        }
    };

    assert_built(&bantin_build(&site, &output, &["--base-url", base(true)]));
    let b = tree(&output);
    let started = Instant::now();
    assert_built(&bantin_build(&site, &output, &["--base-url", base(false)]));
    let duration = started.elapsed();
    let a = tree(&output);
    assert_ne!(a, b, "the two builds must differ to tell a mix");
    assert!(a.len() > 50, "a real site: {} files", a.len());

    let mut rng = Rng(0x5eed_ba17_1234_5678);
    let window = duration.as_micros() as u64 * 6 / 5;
    let loop_started = Instant::now();
    let mut kills = 0;
    let mut finished = 0;
    for round in 0..KILLS {
        if loop_started.elapsed() > TIME_BUDGET {
            break;
        }
        let delay = Duration::from_micros(rng.next() % window.max(1));
        let mut child = build_command(&site, &output, &["--base-url", base(round % 2 == 1)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn bantin");
        std::thread::sleep(delay);
        // SIGKILL: no destructor, no cleanup.
        match child.try_wait().expect("poll") {
            Some(_) => finished += 1,
            None => {
                child.kill().expect("kill -9");
                kills += 1;
            }
        }
        child.wait().expect("reap");
        assert!(output.is_dir(), "round {round}: the output is gone");
        let now = tree(&output);
        assert!(
            now == a || now == b,
            "round {round} (killed after {delay:?}): the output is neither whole site; {} files vs {}/{}",
            now.len(),
            a.len(),
            b.len()
        );
    }
    eprintln!("{kills} builds killed, {finished} finished first; one build takes {duration:?}");
    assert!(
        kills >= 5,
        "too few builds were killed ({kills}, {finished} finished)"
    );
    // The next build cleans up whatever the killed ones left, and the lock is free again.
    assert_built(&bantin_build(&site, &output, &["--base-url", base(false)]));
    assert_eq!(tree(&output), a);
    assert_eq!(
        names_starting(dir.path(), ".output"),
        [".output.bantin-lock"]
    );
}

// ------------------------------------------------------------------ sinks

#[test]
fn staging_refuses_bad_paths_and_second_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("out");
    let staging = Staging::begin(&output, false).expect("begin");
    for bad in ["/etc/passwd", "../escape", "a/../../b", "a//b", "", "a/"] {
        assert!(staging.write(bad, b"x").is_err(), "{bad:?} was accepted");
    }
    assert!(staging.write(MARKER, b"x").is_err(), "the marker is ours");
    staging.write("en/index.html", b"<html>").expect("write");
    let twice = staging.write("en/index.html", b"other").expect_err("twice");
    assert!(twice.message.contains("twice"), "{twice}");
    let written = staging.written();
    assert_eq!(written.len(), 1);
    assert_eq!(written[0].len, 6);
    assert_eq!(written[0].hash, *blake3::hash(b"<html>").as_bytes());
    let report = staging.commit().expect("commit");
    assert_eq!((report.files(), report.bytes()), (1, 6));
    assert_eq!(
        fs::read_to_string(output.join("en/index.html")).expect("read"),
        "<html>"
    );
}

/// A staging of `output` once the previous one's lock is free. Other tests of this binary
/// start `bantin` processes: a child forked between the previous commit's open and close of
/// the lock file shares it until its `exec`, so the lock may outlive the commit by a moment.
fn begin_once_free(output: &Path) -> Staging {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match Staging::begin(output, false) {
            Ok(staging) => return staging,
            Err(e)
                if e.message.contains("another bantin build")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("begin: {e}"),
        }
    }
}

#[test]
fn a_dropped_staging_leaves_the_output_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("out");
    let first = Staging::begin(&output, false).expect("begin");
    first.write("index.html", b"one").expect("write");
    first.commit().expect("commit");
    let before = tree(&output);
    let second = begin_once_free(&output);
    second.write("index.html", b"two").expect("write");
    // While one staging holds the lock, another cannot begin.
    let locked = Staging::begin(&output, false).expect_err("locked");
    assert!(locked.message.contains("another bantin build"), "{locked}");
    drop(second);
    assert_eq!(tree(&output), before);
    assert_eq!(names_starting(dir.path(), ".out"), [".out.bantin-lock"]);
}

#[test]
fn staging_accepts_parallel_writes() {
    use rayon::prelude::*;
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("out");
    let staging = Staging::begin(&output, false).expect("begin");
    (0..500)
        .into_par_iter()
        .try_for_each(|i| staging.write(&format!("p/{}/{i}.html", i % 7), i.to_string().as_bytes()))
        .expect("parallel writes");
    let report = staging.commit().expect("commit");
    assert_eq!(report.files(), 500);
    assert_eq!(tree(&output).len(), 501, "500 files and the marker");
}

// ------------------------------------------------------------------ PNG cache

fn counting_render(calls: &AtomicUsize, bytes: &[u8]) -> Result<Vec<u8>, String> {
    calls.fetch_add(1, Ordering::SeqCst);
    Ok(bytes.to_vec())
}

#[test]
fn damaged_cache_entries_are_drawn_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = PngCache::new(dir.path().join("png"), "fonts-1".into());
    let png: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let calls = AtomicUsize::new(0);
    let get = || {
        cache
            .get_or_render(b"<svg/>", || counting_render(&calls, &png))
            .expect("get")
    };
    assert_eq!(get(), png);
    assert_eq!(get(), png);
    assert_eq!(calls.load(Ordering::SeqCst), 1, "the second get is cached");

    let entry = cache.entry_path(b"<svg/>");
    let stored = fs::read(&entry).expect("entry");
    fs::write(&entry, &stored[..stored.len() / 2]).expect("truncate");
    assert_eq!(get(), png, "a truncated entry is drawn again");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(fs::read(&entry).expect("entry"), stored, "and stored whole");

    let mut flipped = stored.clone();
    flipped[stored.len() - 100] ^= 0x40;
    fs::write(&entry, &flipped).expect("flip");
    assert_eq!(get(), png, "a flipped byte is drawn again");
    assert_eq!(calls.load(Ordering::SeqCst), 3);

    fs::write(&entry, b"").expect("empty");
    assert_eq!(get(), png, "an empty entry is drawn again");
    assert_eq!(calls.load(Ordering::SeqCst), 4);
    assert_eq!(get(), png);
    assert_eq!(calls.load(Ordering::SeqCst), 4);
}

#[test]
fn render_errors_are_not_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = PngCache::new(dir.path().join("png"), "f".into());
    let failed = cache.get_or_render(b"k", || Err::<Vec<u8>, _>("no fonts"));
    assert!(matches!(failed, Err(CacheError::Render("no fonts"))));
    assert!(!cache.entry_path(b"k").exists());
}

#[test]
fn parallel_gets_agree() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cache = PngCache::new(dir.path().join("png"), "f".into());
    let png: Vec<u8> = (0..1_000_000u32).map(|i| (i % 253) as u8).collect();
    let calls = AtomicUsize::new(0);
    let results: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| {
                    (0..5)
                        .map(|_| {
                            cache
                                .get_or_render(b"chart", || counting_render(&calls, &png))
                                .expect("get")
                        })
                        .last()
                        .expect("five gets")
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert!(results.iter().all(|r| *r == png));
    assert!(
        calls.load(Ordering::SeqCst) <= 8,
        "each thread draws at most once"
    );
    let calls_before = calls.load(Ordering::SeqCst);
    assert_eq!(
        cache
            .get_or_render(b"chart", || counting_render(&calls, &png))
            .expect("get"),
        png
    );
    assert_eq!(
        calls.load(Ordering::SeqCst),
        calls_before,
        "the entry is intact"
    );
    let leftovers: Vec<PathBuf> = fs::read_dir(dir.path().join("png"))
        .expect("read")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files remain: {leftovers:?}"
    );
}

#[test]
fn the_fingerprint_is_part_of_the_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = PngCache::new(dir.path().join("png"), "fonts-old".into());
    let new = PngCache::new(dir.path().join("png"), "fonts-new".into());
    assert_ne!(old.entry_path(b"svg"), new.entry_path(b"svg"));
    assert_ne!(old.entry_path(b"svg"), old.entry_path(b"svg2"));
    let calls = AtomicUsize::new(0);
    old.get_or_render(b"svg", || counting_render(&calls, b"old pixels"))
        .expect("get");
    let got = new
        .get_or_render(b"svg", || counting_render(&calls, b"new pixels"))
        .expect("get");
    assert_eq!(got, b"new pixels");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn font_fingerprints_follow_contents_not_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.ttf");
    let b = dir.path().join("b.ttf");
    fs::write(&a, "font a").expect("write");
    fs::write(&b, "font b").expect("write");
    let one = font_fingerprint(&[a.clone(), b.clone()]).expect("fingerprint");
    assert_eq!(
        one,
        font_fingerprint(&[b.clone(), a.clone()]).expect("fingerprint")
    );
    fs::write(&b, "font c").expect("same length, other bytes");
    let two = font_fingerprint(&[a.clone(), b.clone()]).expect("fingerprint");
    assert_ne!(one, two);
    assert_ne!(
        two,
        font_fingerprint(std::slice::from_ref(&a)).expect("fingerprint")
    );
    assert!(font_fingerprint(&[dir.path().join("missing.ttf")]).is_err());
}
