//! Edit-to-reload latency of `bantin serve`, for `scripts/bench-serve.sh` (never a test).
//!
//!   serve_latency --bantin PATH --root SITE [--edits N]
//!
//! Starts `bantin serve --port 0` on SITE (a copy it may edit), connects to the reload channel
//! as an open page does, then for each kind of edit (a data value, a narrative, a locale
//! message, a template) writes the file N times and measures the time from the write to the
//! reload event. Prints the median and 95th percentile per kind, and the server's resident
//! memory after starting and after every edit.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The n-th edit of one kind (given the open bulletin page): the file, its new text (made
/// before the clock starts) and the open page it changes.
type Edit = fn(&Path, usize, &str) -> (PathBuf, String, String);

/// The English page of the first bulletin, by folder name.
fn first_bulletin(root: &Path) -> String {
    let mut slugs: Vec<String> = std::fs::read_dir(root.join("content/bulletins"))
        .expect("bulletins")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    format!("en/bulletins/{}/index.html", slugs[0])
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let bantin = PathBuf::from(value("--bantin").expect("--bantin PATH"));
    let root = PathBuf::from(value("--root").expect("--root SITE"));
    let edits: usize = value("--edits").map_or(20, |n| n.parse().expect("a count"));

    let started = Instant::now();
    let mut child = Command::new(&bantin)
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("bantin serve runs");
    let pid = child.id();
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let server = Server(child);
    let first = lines.next().expect("a line").expect("text");
    // What serve prints after each rebuild: when the queue of a large change is done.
    let (said, output) = mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if said.send(line).is_err() {
                break;
            }
        }
    });
    let port: u16 = first
        .strip_prefix("serving http://127.0.0.1:")
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("serve printed its URL: {first}"));
    let startup = started.elapsed();
    // An editor's open tabs: the home page in each language and one bulletin.
    let bulletin = first_bulletin(&root);
    let mut open: Vec<String> = ["en", "vi", "zh", "nb"]
        .iter()
        .map(|lang| format!("{lang}/index.html"))
        .collect();
    open.push(bulletin.clone());
    let streams: Vec<mpsc::Receiver<String>> =
        open.iter().map(|page| connect(port, page)).collect();
    let events = &streams[0];
    std::thread::sleep(Duration::from_millis(500));
    let rss_start = rss_mib(pid);
    println!(
        "serve started in {:.2} s; resident memory {rss_start:.0} MiB",
        startup.as_secs_f64()
    );

    let kinds: [(&str, Edit); 4] = [
        ("data value", edit_data),
        ("narrative", edit_narrative),
        ("locale message", edit_locale),
        ("template", edit_template),
    ];
    let mut total = 0;
    for (kind, edit) in kinds {
        let mut times = Vec::with_capacity(edits);
        let mut whole = Vec::new();
        for n in 0..edits {
            for stream in &streams {
                while stream.try_recv().is_ok() {}
            }
            while output.try_recv().is_ok() {}
            let (file, text, target) = edit(&root, total + n, &bulletin);
            let written = Instant::now();
            std::fs::write(&file, text).expect("writable");
            // The open page the edit changes reloads.
            let quoted = format!("\"{target}\"");
            loop {
                let event = events
                    .recv_timeout(Duration::from_secs(120))
                    .unwrap_or_else(|_| panic!("a reload of {target} after a {kind} edit"));
                if event.contains("\"kind\":\"broken\"") {
                    panic!("the {kind} edit broke the site: {event}");
                }
                if event.contains("\"kind\":\"reload\"") && event.contains(&quoted) {
                    break;
                }
            }
            times.push(written.elapsed().as_secs_f64() * 1000.0);
            // Then every other page: at once, or from the queue after the open ones.
            let line = output
                .recv_timeout(Duration::from_secs(120))
                .expect("serve reports the rebuild");
            if line.contains("more pages follow") {
                loop {
                    let line = output
                        .recv_timeout(Duration::from_secs(300))
                        .expect("serve reports the queue's end");
                    if line.starts_with("rendered the other") {
                        break;
                    }
                }
                whole.push(written.elapsed().as_secs_f64() * 1000.0);
            }
            // Let the next write fall outside this one's debounce window.
            std::thread::sleep(Duration::from_millis(30));
        }
        total += edits;
        times.sort_by(f64::total_cmp);
        println!(
            "{kind}: median {:.1} ms, p95 {:.1} ms, min {:.1} ms, max {:.1} ms ({edits} edits, to the reload of the open page it changes)",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times[0],
            times[times.len() - 1],
        );
        if !whole.is_empty() {
            whole.sort_by(f64::total_cmp);
            println!(
                "{kind}: every page current after median {:.0} ms, p95 {:.0} ms ({} of {edits} edits went through the queue)",
                percentile(&whole, 0.5),
                percentile(&whole, 0.95),
                whole.len()
            );
        }
    }
    println!(
        "resident memory after {total} edits: {:.0} MiB",
        rss_mib(pid)
    );
    drop(server);
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = (p * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank]
}

fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The reload channel of an open `page`, as the page's script opens it.
fn connect(port: u16, page: &str) -> mpsc::Receiver<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    write!(
        stream,
        "GET /__bantin/events?page={page} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("sends");
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(data) = line.strip_prefix("data:") {
                if send.send(data.trim().to_string()).is_err() {
                    break;
                }
            }
        }
    });
    receive
}

fn sorted_files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Raises a count of a region's latest year: the region's page shows it.
fn edit_data(root: &Path, n: usize, _open: &str) -> (PathBuf, String, String) {
    let mut regions: Vec<PathBuf> = std::fs::read_dir(root.join("content/data"))
        .expect("data")
        .flatten()
        .map(|e| e.path())
        .collect();
    regions.sort();
    let region = &regions[n % regions.len()];
    let file = sorted_files(region, "yaml").pop().expect("a data file");
    let text = std::fs::read_to_string(&file).expect("readable");
    let mut done = false;
    let edited: Vec<String> = text
        .lines()
        .map(|line| {
            if !done && line.starts_with("  ") && !line.contains('{') {
                if let Some((key, value)) = line.split_once(": ") {
                    if let Ok(v) = value.split('#').next().unwrap_or("").trim().parse::<u64>() {
                        if v > 1000 {
                            done = true;
                            return format!("{key}: {}", v + 1);
                        }
                    }
                }
            }
            line.to_string()
        })
        .collect();
    assert!(done, "{} has a count to raise", file.display());
    let region = region
        .file_name()
        .and_then(|s| s.to_str())
        .expect("a region id");
    (
        file,
        edited.join("\n") + "\n",
        format!("en/regions/{region}/index.html"),
    )
}

/// A sentence added to a narrative.
fn edit_narrative(root: &Path, n: usize, _open: &str) -> (PathBuf, String, String) {
    let files = sorted_files(&root.join("content/bulletins"), "md");
    let file = files[(n * 7919) % files.len()].clone();
    let mut text = std::fs::read_to_string(&file).expect("readable");
    text.push_str(&format!("\nOne more sentence, number {n}.\n"));
    // Its page, opened by the editor who is writing it.
    let lang = file
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a language")
        .to_string();
    let slug = file
        .parent()
        .and_then(Path::file_name)
        .and_then(|s| s.to_str())
        .expect("a slug")
        .to_string();
    (file, text, format!("{lang}/bulletins/{slug}/index.html"))
}

/// The site's tagline in one language: its home page shows it.
fn edit_locale(root: &Path, n: usize, _open: &str) -> (PathBuf, String, String) {
    let langs = ["vi", "en", "zh", "nb"];
    let file = root
        .join("locales")
        .join(langs[n % langs.len()])
        .join("ui.ftl");
    let text = std::fs::read_to_string(&file).expect("readable");
    let edited: Vec<String> = text
        .lines()
        .map(|line| match line.strip_prefix("site-tagline = ") {
            Some(value) => format!(
                "site-tagline = {} {n}",
                value.trim_end_matches(char::is_numeric).trim_end()
            ),
            None => line.to_string(),
        })
        .collect();
    let lang = langs[n % langs.len()];
    (file, edited.join("\n") + "\n", format!("{lang}/index.html"))
}

/// A comment added to the bulletin template's main block: every bulletin page changes.
fn edit_template(root: &Path, n: usize, open: &str) -> (PathBuf, String, String) {
    let file = root.join("templates/bulletin.html");
    let text = std::fs::read_to_string(&file).expect("readable");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("<!-- bench edit"))
        .collect();
    let edited = kept.join("\n").replacen(
        "{% endblock main %}",
        &format!("<!-- bench edit {n} -->\n{{% endblock main %}}"),
        1,
    );
    (file, edited + "\n", open.to_string())
}
