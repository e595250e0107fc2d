//! `bantin serve` end to end: the real binary on an ephemeral port, a reload channel client,
//! and edits to a copy of the example site.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::copy_example;

/// The serve process, stopped when the test ends however it ends.
struct Serve {
    child: Child,
    port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(root: &Path) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .arg("--cache-dir")
        .arg(root.join("cache"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("bantin runs");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a first line").expect("text");
    // The rest of stdout is drained so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    let url = first
        .strip_prefix("serving http://127.0.0.1:")
        .unwrap_or_else(|| panic!("the first line gives the URL: {first}"));
    let port = url.split('/').next().unwrap().parse().expect("a port");
    Serve { child, port }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

/// A plain HTTP/1.1 GET.
fn get(port: u16, path: &str) -> Response {
    let raw = get_raw(port, path);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Response {
        status,
        headers: head.to_lowercase(),
        body: body.to_string(),
    }
}

/// The whole response to a GET: head and body, as bytes.
fn get_raw(port: u16, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("a response");
    raw
}

/// The body of a successful GET, as bytes.
fn get_bytes(port: u16, path: &str) -> Vec<u8> {
    let raw = get_raw(port, path);
    let start = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head")
        + 4;
    assert!(
        raw.starts_with(b"HTTP/1.1 200"),
        "{path}: {}",
        String::from_utf8_lossy(&raw[..start])
    );
    raw[start..].to_vec()
}

/// Connects to the reload channel; each event's JSON arrives on the receiver.
fn events(port: u16) -> mpsc::Receiver<serde_json::Value> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    write!(
        stream,
        "GET /__bantin/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Some(data) = line.strip_prefix("data:") {
                if let Ok(value) = serde_json::from_str(data.trim()) {
                    if send.send(value).is_err() {
                        break;
                    }
                }
            }
        }
    });
    receive
}

/// Waits for an event of `kind` (skipping others) for at most 30 seconds.
fn wait_for(events: &mpsc::Receiver<serde_json::Value>, kind: &str) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let event = events
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("a `{kind}` event within 30 s"));
        if event["kind"] == kind {
            return event;
        }
    }
}

/// A relative link resolved against a page's path, as a browser does before it asks.
fn resolve(base: &str, link: &str) -> String {
    let mut parts: Vec<&str> = base.trim_end_matches('/').split('/').collect();
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[test]
fn an_edit_reloads_every_language_and_a_broken_save_shows_then_clears() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let server = serve(dir.path());
    let port = server.port;

    let page = get(port, "/en/bulletins/2024-01-18-nghe-an/");
    assert_eq!(page.status, 200);
    assert!(page
        .headers
        .contains("content-type: text/html; charset=utf-8"));
    assert!(page.body.contains("251,742"));
    assert!(
        page.body.contains("/__bantin/live.js"),
        "the reload script is injected in serve mode"
    );
    assert!(
        !dir.path().join("output").exists(),
        "serve never writes output/"
    );

    let events = events(port);
    // Give the channel a moment to subscribe before the edit.
    std::thread::sleep(Duration::from_millis(300));
    let data = dir.path().join("content/data/nghe-an/2023.yaml");
    let good = std::fs::read_to_string(&data).unwrap();
    std::fs::write(
        &data,
        good.replace("ui-participants: 251742", "ui-participants: 262742"),
    )
    .unwrap();
    let reload = wait_for(&events, "reload");
    let paths: Vec<&str> = reload["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    for (lang, figure) in [
        ("vi", "262.742"),
        ("en", "262,742"),
        ("zh", "262,742"),
        ("nb", "262\u{a0}742"),
    ] {
        let path = format!("{lang}/bulletins/2024-01-18-nghe-an/index.html");
        assert!(paths.contains(&path.as_str()), "{path} reloads: {paths:?}");
        let page = get(port, &format!("/{lang}/bulletins/2024-01-18-nghe-an/"));
        assert!(page.body.contains(figure), "{lang} shows {figure}");
    }
    assert!(
        !paths.iter().any(|p| p.contains("quang-binh")),
        "pages that do not read the file do not reload: {paths:?}"
    );

    // Saved mid-edit: the overlay's problem comes, the last good page stays.
    std::fs::write(
        &data,
        good.replace("{value: 5600000, qualifier: over}", "{value: 56"),
    )
    .unwrap();
    let broken = wait_for(&events, "broken");
    let problem = &broken["problems"][0];
    assert_eq!(problem["file"], "content/data/nghe-an/2023.yaml");
    assert!(problem["line"].as_u64().is_some(), "{problem}");
    assert!(problem["excerpt"].as_str().is_some(), "{problem}");
    let page = get(port, "/en/bulletins/2024-01-18-nghe-an/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("262,742"),
        "the last good page is still served"
    );
    // A page opened now learns of the problem as it connects.
    let late = self::events(port);
    assert_eq!(
        wait_for(&late, "broken")["problems"][0]["file"],
        problem["file"]
    );

    std::fs::write(&data, &good).unwrap();
    wait_for(&events, "fixed");
    let reload = wait_for(&events, "reload");
    assert!(reload["paths"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "en/bulletins/2024-01-18-nghe-an/index.html"));
    assert!(get(port, "/en/bulletins/2024-01-18-nghe-an/")
        .body
        .contains("251,742"));
}

#[cfg(unix)]
#[test]
fn a_link_in_static_leading_outside_the_site_is_never_served() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    std::os::unix::fs::symlink(
        "/etc/hostname",
        dir.path().join("templates/static/leak.txt"),
    )
    .unwrap();
    let server = serve(dir.path());
    // The link stops the site from loading (it leads outside the site): nothing of it is served.
    let hostname = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    let leak = get(server.port, "/leak.txt");
    assert_ne!(leak.status, 200);
    assert!(hostname.trim().is_empty() || !leak.body.contains(hostname.trim()));
}

#[test]
fn serve_answers_only_safe_requests_for_its_own_address() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let server = serve(dir.path());
    let port = server.port;
    for path in [
        "/../content/site.yaml",
        "/%2e%2e/content/site.yaml",
        "/en%2f..%2f..%2fcontent",
    ] {
        let status = get(port, path).status;
        assert!(status == 400 || status == 404, "{path}: {status}");
    }
    let missing = get(port, "/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html"), "the site's own 404 page");
    let css = get(port, "/style.css");
    assert!(css
        .headers
        .contains("content-type: text/css; charset=utf-8"));
    let svg = get(port, "/en/bulletins/2024-01-18-nghe-an/");
    let chart = svg
        .body
        .split("href=\"")
        .filter_map(|s| s.split('"').next())
        .find(|s| s.ends_with(".svg") && s.contains("/charts/"))
        .expect("the page shows a chart");
    let chart_url = resolve("/en/bulletins/2024-01-18-nghe-an/", chart);
    let chart = get(port, &chart_url);
    assert_eq!(chart.status, 200, "{chart_url}");
    assert!(chart.headers.contains("content-type: image/svg+xml"));
    // Its PNG is drawn on request.
    let png_url = chart_url.replace(".svg", ".png");
    let png = get_bytes(port, &png_url);
    assert!(png.starts_with(b"\x89PNG"), "{png_url} is a PNG");

    // Another site's page that resolves its own name to this machine sends its own Host.
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: attacker.example:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 403"), "{raw}");
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 405"), "{raw}");
}

/// The paths of a reload event.
fn reloaded(event: &serde_json::Value) -> Vec<String> {
    event["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .filter_map(|p| p.as_str().map(str::to_string))
        .collect()
}

/// Waits for a reload event naming `path`.
fn wait_for_reload_of(events: &mpsc::Receiver<serde_json::Value>, path: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let event = wait_for(events, "reload");
        if reloaded(&event).iter().any(|p| p == path) {
            return;
        }
    }
    panic!("no reload of {path} within 30 s");
}

#[test]
fn atomic_saves_new_bulletin_folders_and_deleted_ones_are_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_example(dir.path());
    let server = serve(dir.path());
    let port = server.port;
    let events = events(port);
    std::thread::sleep(Duration::from_millis(300));
    let bulletins = dir.path().join("content/bulletins");

    // An editor's atomic save: a temporary file renamed over the narrative.
    let narrative = bulletins.join("2024-01-10-quang-binh/en.md");
    let text = std::fs::read_to_string(&narrative).unwrap();
    let temp = bulletins.join("2024-01-10-quang-binh/en.md.tmp-4242");
    std::fs::write(&temp, format!("{text}\nA sentence saved atomically.\n")).unwrap();
    std::fs::rename(&temp, &narrative).unwrap();
    wait_for_reload_of(&events, "en/bulletins/2024-01-10-quang-binh/index.html");
    let page = get(port, "/en/bulletins/2024-01-10-quang-binh/");
    assert!(page.body.contains("A sentence saved atomically."));

    // A new bulletin folder appears whole (made elsewhere, moved in).
    let staging = dir.path().join("new-bulletin");
    common::copy_dir(&bulletins.join("2024-01-10-quang-binh"), &staging);
    let settings = staging.join("bulletin.yaml");
    let yaml = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(
        &settings,
        yaml.replace("date: 2024-01-10", "date: 2024-02-10"),
    )
    .unwrap();
    std::fs::rename(&staging, bulletins.join("2024-02-10-quang-binh")).unwrap();
    wait_for_reload_of(&events, "en/bulletins/2024-02-10-quang-binh/index.html");
    assert_eq!(
        get(port, "/en/bulletins/2024-02-10-quang-binh/").status,
        200
    );
    assert!(get(port, "/en/regions/quang-binh/")
        .body
        .contains("2024-02-10-quang-binh"));

    // And goes again.
    std::fs::remove_dir_all(bulletins.join("2024-02-10-quang-binh")).unwrap();
    wait_for_reload_of(&events, "en/bulletins/2024-02-10-quang-binh/index.html");
    assert_eq!(
        get(port, "/en/bulletins/2024-02-10-quang-binh/").status,
        404
    );
}
