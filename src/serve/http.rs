//! The HTTP face of `bantin serve`: the site's files from memory with the reload script injected,
//! and the stream of rebuild events, answered only to requests addressed to the server itself.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, PoisonError};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::sse::{self, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use percent_encoding::{percent_decode_str, utf8_percent_encode, CONTROLS};
use tokio::net::TcpListener;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};

use super::{Event, Live};

/// Where open pages listen for [`Event`]s.
const EVENTS_PATH: &str = "/__bantin/events";
/// Where the reload script is served; built sites never link it.
const SCRIPT_PATH: &str = "/__bantin/live.js";
/// What every HTML response gains just before its last `</body>`.
const SCRIPT_TAG: &[u8] = b"<script src=\"/__bantin/live.js\" defer></script>";
const LIVE_JS: &str = include_str!("live.js");

/// How long requests in flight may finish after Ctrl-C. Event streams never finish by
/// themselves, so with a page open the server stops when this runs out.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

/// The `Host` header values that reach the site: the bound `ip:port`, and the names a browser on
/// this machine uses for it. A page elsewhere whose name resolves to 127.0.0.1 (DNS rebinding)
/// sends its own name as `Host` and is refused.
pub fn allowed_hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![addr.to_string()];
    let ip = addr.ip();
    if ip.is_loopback() || ip.is_unspecified() {
        hosts.push(format!("localhost:{port}"));
    }
    // Bound to every interface, the server is reached from this machine through loopback.
    if ip.is_unspecified() {
        hosts.push(format!("127.0.0.1:{port}"));
        hosts.push(format!("[::1]:{port}"));
    }
    // Browsers leave the default port out of `Host`.
    if port == 80 {
        let bare: Vec<String> = hosts
            .iter()
            .filter_map(|host| host.strip_suffix(":80").map(str::to_string))
            .collect();
        hosts.extend(bare);
    }
    hosts
}

/// The whole HTTP side of `bantin serve`: `GET`/`HEAD` only, for the given `Host` values only.
pub fn router(live: Live, allowed_hosts: Vec<String>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(site_file)
        .layer(middleware::from_fn_with_state(
            Arc::<[String]>::from(allowed_hosts),
            guard,
        ))
        .with_state(live)
}

/// Serves `router` on `listener` until Ctrl-C.
pub async fn serve(listener: TcpListener, router: Router) -> io::Result<()> {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            // Nobody listening any more means the server is already gone.
            let _ = stop.send(true);
        }
    });
    let server = axum::serve(listener, router).with_graceful_shutdown(interrupted(stopped.clone()));
    tokio::select! {
        result = server => result,
        () = async {
            interrupted(stopped).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => Ok(()),
    }
}

async fn interrupted(mut stopped: tokio::sync::watch::Receiver<bool>) {
    // The Ctrl-C task ends without sending when no handler could be installed: then nothing
    // stops the server from here.
    if stopped.wait_for(|stop| *stop).await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Runs before every handler: refuses foreign hosts and other methods, and marks every answer
/// uncacheable and unsniffable. (axum answers `HEAD` as `GET`, with the length and no body.)
async fn guard(State(hosts): State<Arc<[String]>>, request: Request, next: Next) -> Response {
    let mut response = if !addressed_to_us(&request, &hosts) {
        plain(
            StatusCode::FORBIDDEN,
            "bantin serve answers only requests for its own address.\n".into(),
        )
    } else if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "bantin serve answers only GET and HEAD.\n".into(),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        response
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// One `Host` header naming this server, and no other authority in an absolute-form target.
fn addressed_to_us(request: &Request, hosts: &[String]) -> bool {
    let known = |name: &str| hosts.iter().any(|host| host.eq_ignore_ascii_case(name));
    let mut values = request.headers().get_all(header::HOST).iter();
    let host_ok = match (values.next(), values.next()) {
        (Some(value), None) => value.to_str().is_ok_and(known),
        _ => false,
    };
    host_ok
        && request
            .uri()
            .authority()
            .is_none_or(|authority| known(authority.as_str()))
}

/// The event stream of one open page: the current breakage first, then every rebuild's outcome.
async fn events(
    State(live): State<Live>,
    Query(query): Query<EventsQuery>,
) -> Sse<impl Stream<Item = Result<sse::Event, Infallible>>> {
    // Open while the stream lives: the stream owns the guard.
    let open = query
        .page
        .filter(|page| site_path(&format!("/{page}")).as_deref() == Some(page.as_str()))
        .map(|page| live.open.open(page));
    // Subscribed before `broken` is read, so a change in between arrives as an event.
    let receiver = live.events.subscribe();
    let broken = live
        .broken
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let current = broken.map(|problems| Event::Broken { problems });
    let rebuilds = BroadcastStream::new(receiver).map(|received| match received {
        Ok(event) => event,
        // Events were missed: only a full reload is sure to show the current site.
        Err(BroadcastStreamRecvError::Lagged(_)) => Event::Reload {
            paths: vec!["*".to_string()],
        },
    });
    let stream = tokio_stream::iter(current)
        .chain(rebuilds)
        .map(move |event| {
            let _open = &open;
            Ok(sse::Event::default().data(event_json(&event)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// `/__bantin/events?page=en/index.html`: the page the stream serves.
#[derive(serde::Deserialize)]
struct EventsQuery {
    page: Option<String>,
}

fn event_json(event: &Event) -> String {
    serde_json::to_string(event).expect("an Event is strings, numbers and options: it serialises")
}

async fn script() -> Response {
    with_type("text/javascript; charset=utf-8", LIVE_JS)
}

/// A file of the site, from `Files` only: the disk is never read.
async fn site_file(State(live): State<Live>, uri: Uri) -> Response {
    let raw = uri.path();
    let Some(path) = site_path(raw) else {
        return plain(
            StatusCode::BAD_REQUEST,
            "bantin serve refuses this path: it must name a file inside the site.\n".into(),
        );
    };
    if let Some(bytes) = fetch(&live, path.clone()).await {
        return file(StatusCode::OK, &path, bytes);
    }
    if !raw.ends_with('/') && fetch(&live, format!("{path}/index.html")).await.is_some() {
        // Relative links in `path/index.html` resolve only under `path/`.
        let location = format!("{}/", utf8_percent_encode(raw, CONTROLS));
        let mut response = StatusCode::PERMANENT_REDIRECT.into_response();
        response.headers_mut().insert(
            header::LOCATION,
            HeaderValue::try_from(location).expect("percent-encoded text is visible ASCII"),
        );
        return response;
    }
    match fetch(&live, "404.html".to_string()).await {
        Some(bytes) => file(StatusCode::NOT_FOUND, "404.html", bytes),
        None => plain(
            StatusCode::NOT_FOUND,
            format!("The site has no file at /{path}.\n"),
        ),
    }
}

/// A file of the site. A page queued for rendering is rendered first, so the lookup may
/// wait: it runs off the async threads.
async fn fetch(live: &Live, path: String) -> Option<Vec<u8>> {
    let files = Arc::clone(&live.files);
    tokio::task::spawn_blocking(move || files.get(&path))
        .await
        .ok()
        .flatten()
}

/// The site file a request path names (`/` and `…/` name `…/index.html`), or `None` for a path
/// that could reach outside the site or means different files to different readers.
fn site_path(raw: &str) -> Option<String> {
    let segments: Vec<&str> = raw.strip_prefix('/')?.split('/').collect();
    let last = segments.len() - 1;
    let mut path = Vec::with_capacity(segments.len());
    for (i, segment) in segments.into_iter().enumerate() {
        if segment.is_empty() && i == last {
            path.push("index.html".to_string());
        } else {
            path.push(path_segment(segment)?);
        }
    }
    Some(path.join("/"))
}

/// One decoded segment, refused when empty, `.` or `..` (encoded or not), not UTF-8, malformed,
/// or holding a slash, a backslash or a control character.
fn path_segment(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let escapes_complete = bytes.iter().enumerate().all(|(i, &byte)| {
        byte != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !escapes_complete {
        return None;
    }
    let segment = percent_decode_str(raw).decode_utf8().ok()?;
    let refused = segment.is_empty()
        || segment == "."
        || segment == ".."
        || segment
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control());
    (!refused).then(|| segment.into_owned())
}

fn file(status: StatusCode, path: &str, bytes: Vec<u8>) -> Response {
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        with_script(&bytes)
    } else {
        bytes
    };
    (status, with_type(content_type, body)).into_response()
}

/// The page as built, with the reload script before its last `</body>` (at the end if none).
fn with_script(html: &[u8]) -> Vec<u8> {
    const BODY_END: &[u8] = b"</body>";
    let at = html
        .windows(BODY_END.len())
        .rposition(|window| window.eq_ignore_ascii_case(BODY_END))
        .unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    page.extend_from_slice(&html[..at]);
    page.extend_from_slice(SCRIPT_TAG);
    page.extend_from_slice(&html[at..]);
    page
}

fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase())
        .unwrap_or_default();
    if name.eq_ignore_ascii_case("atom.xml") || extension == "atom" {
        return "application/atom+xml; charset=utf-8";
    }
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ico" => "image/x-icon",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn with_type(content_type: &'static str, body: impl Into<Body>) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body.into()).into_response()
}

fn plain(status: StatusCode, text: String) -> Response {
    (status, with_type("text/plain; charset=utf-8", text)).into_response()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::io::{Read, Write};
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    use std::sync::RwLock;

    use axum::http::HeaderMap;
    use http_body_util::BodyExt;
    use tokio::sync::broadcast;
    use tower::ServiceExt;

    use super::*;
    use crate::serve::{Files, OpenPages, Problem};

    const HOST: &str = "127.0.0.1:4000";
    const PAGE: &str = "<!doctype html><html><body><p>Hello</p></body></html>";
    const NOT_FOUND_PAGE: &str = "<html><body><h1>Nothing here</h1></body></html>";

    struct FakeSite(HashMap<String, Vec<u8>>);

    impl Files for FakeSite {
        fn get(&self, path: &str) -> Option<Vec<u8>> {
            self.0.get(path).cloned()
        }
    }

    fn live(files: &[(&str, &str)], capacity: usize) -> Live {
        let files = files
            .iter()
            .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
            .collect();
        Live {
            files: Arc::new(FakeSite(files)),
            events: broadcast::channel(capacity).0,
            broken: Arc::new(RwLock::new(None)),
            open: OpenPages::default(),
        }
    }

    fn serving(live: &Live) -> Router {
        router(
            live.clone(),
            allowed_hosts(HOST.parse().expect("an address")),
        )
    }

    /// A small site whose `secret` would be reached by any path that escaped its folder.
    fn site() -> Router {
        serving(&live(
            &[
                ("index.html", PAGE),
                ("en/index.html", PAGE),
                ("en/style.css", "p { color: red }"),
                ("secret", "only reachable by a traversal"),
                ("404.html", NOT_FOUND_PAGE),
            ],
            16,
        ))
    }

    async fn request(router: &Router, method: Method, uri: &str, host: Option<&str>) -> Response {
        let mut builder = Request::builder().method(method).uri(uri);
        if let Some(host) = host {
            builder = builder.header(header::HOST, host);
        }
        let request = builder.body(Body::empty()).expect("a valid request");
        router.clone().oneshot(request).await.expect("infallible")
    }

    async fn get(router: &Router, uri: &str) -> Response {
        request(router, Method::GET, uri, Some(HOST)).await
    }

    async fn bytes(response: Response) -> Vec<u8> {
        let body = response.into_body().collect().await.expect("a body");
        body.to_bytes().to_vec()
    }

    async fn text(response: Response) -> String {
        String::from_utf8(bytes(response).await).expect("UTF-8")
    }

    fn header_of(headers: &HeaderMap, name: header::HeaderName) -> &str {
        headers
            .get(&name)
            .unwrap_or_else(|| panic!("no {name} header"))
            .to_str()
            .expect("ASCII")
    }

    async fn assert_refused(uri: &str) {
        let response = get(&site(), uri).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{uri}");
        assert!(!text(response).await.contains("traversal"), "{uri}");
    }

    #[tokio::test]
    async fn refuses_raw_dot_dot() {
        assert_refused("/en/../secret").await;
    }

    #[tokio::test]
    async fn refuses_encoded_dot_dot() {
        assert_refused("/en/%2e%2e/secret").await;
    }

    #[tokio::test]
    async fn refuses_mixed_case_encoded_dot_dot_directory() {
        assert_refused("/en/%2E%2e/").await;
    }

    #[tokio::test]
    async fn refuses_half_encoded_dot_dot() {
        assert_refused("/en/.%2e/secret").await;
    }

    #[tokio::test]
    async fn refuses_dot_segment() {
        assert_refused("/./secret").await;
    }

    #[tokio::test]
    async fn refuses_encoded_slash() {
        assert_refused("/en%2findex.html").await;
        assert_refused("/en%2Findex.html").await;
    }

    #[tokio::test]
    async fn refuses_encoded_backslash() {
        assert_refused("/en%5cindex.html").await;
    }

    #[tokio::test]
    async fn refuses_literal_backslash() {
        // The http crate lets a raw backslash through, so the check must be ours.
        let uri: Uri = "/en\\..\\secret".parse().expect("http accepts a backslash");
        assert_eq!(uri.path(), "/en\\..\\secret");
        assert_refused("/en\\..\\secret").await;
    }

    #[tokio::test]
    async fn refuses_nul() {
        assert_refused("/secret%00.html").await;
    }

    #[tokio::test]
    async fn refuses_other_control_characters() {
        assert_refused("/secret%0a").await;
        assert_refused("/secret%7f").await;
        assert_refused("/secret%c2%85").await;
    }

    #[tokio::test]
    async fn refuses_empty_segment_of_absolute_path() {
        assert_refused("//etc/passwd").await;
        assert_refused("/en//index.html").await;
    }

    #[tokio::test]
    async fn refuses_invalid_utf8() {
        assert_refused("/%ff").await;
    }

    #[tokio::test]
    async fn refuses_malformed_escape() {
        assert_refused("/secret%2").await;
        assert_refused("/secret%zz").await;
    }

    #[tokio::test]
    async fn system_path_is_only_a_miss() {
        let response = get(&site(), "/etc/passwd").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        let body = text(response).await;
        assert!(body.contains("Nothing here"), "{body}");
        assert!(!body.contains("root:"), "{body}");
    }

    #[tokio::test]
    async fn decoded_names_are_served() {
        let live = live(&[("vi/bản tin.html", PAGE)], 16);
        let router = serving(&live);
        assert_eq!(
            get(&router, "/vi/b%E1%BA%A3n%20tin.html").await.status(),
            StatusCode::OK
        );
        assert_eq!(
            get(&router, "/vi/bản%20tin.html").await.status(),
            StatusCode::OK
        );
    }

    #[tokio::test]
    async fn other_methods_are_not_allowed() {
        let router = site();
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS] {
            for uri in ["/", "/en/style.css", EVENTS_PATH, SCRIPT_PATH] {
                let response = request(&router, method.clone(), uri, Some(HOST)).await;
                assert_eq!(
                    response.status(),
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {uri}"
                );
                assert_eq!(header_of(response.headers(), header::ALLOW), "GET, HEAD");
            }
        }
    }

    #[tokio::test]
    async fn head_has_the_headers_of_get_and_no_body() {
        let router = site();
        for uri in ["/en/", "/en/style.css", "/missing", "/__bantin/live.js"] {
            let got = get(&router, uri).await;
            let head = request(&router, Method::HEAD, uri, Some(HOST)).await;
            assert_eq!(head.status(), got.status(), "{uri}");
            let length = header_of(head.headers(), header::CONTENT_LENGTH).to_string();
            assert_eq!(
                header_of(head.headers(), header::CONTENT_TYPE),
                header_of(got.headers(), header::CONTENT_TYPE),
                "{uri}"
            );
            assert_eq!(length, bytes(got).await.len().to_string(), "{uri}");
            assert!(bytes(head).await.is_empty(), "{uri}");
        }
    }

    #[tokio::test]
    async fn foreign_hosts_are_refused() {
        let router = site();
        for host in [Some("evil.example:4000"), Some("127.0.0.1:4001"), None] {
            let response = request(&router, Method::GET, "/", host).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{host:?}");
            assert_eq!(
                header_of(response.headers(), header::CONTENT_TYPE),
                "text/plain; charset=utf-8"
            );
            assert!(text(response).await.contains("its own address"));
        }
    }

    #[tokio::test]
    async fn host_is_checked_before_method_and_path() {
        let router = site();
        let post = request(&router, Method::POST, "/", Some("evil.example:4000")).await;
        assert_eq!(post.status(), StatusCode::FORBIDDEN);
        let traversal = request(&router, Method::GET, "/../x", Some("evil.example:4000")).await;
        assert_eq!(traversal.status(), StatusCode::FORBIDDEN);
        let events = request(&router, Method::GET, EVENTS_PATH, None).await;
        assert_eq!(events.status(), StatusCode::FORBIDDEN);
    }

    #[tokio::test]
    async fn absolute_target_must_name_us_too() {
        let router = site();
        let response = request(&router, Method::GET, "http://evil.example/", Some(HOST)).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }

    #[tokio::test]
    async fn own_hosts_are_served() {
        let router = site();
        for host in ["localhost:4000", "127.0.0.1:4000", "LocalHost:4000"] {
            let response = request(&router, Method::GET, "/", Some(host)).await;
            assert_eq!(response.status(), StatusCode::OK, "{host}");
        }
    }

    #[test]
    fn hosts_of_each_kind_of_address() {
        let at = |ip: IpAddr, port| allowed_hosts(SocketAddr::new(ip, port));
        assert_eq!(
            at(Ipv4Addr::LOCALHOST.into(), 4000),
            ["127.0.0.1:4000", "localhost:4000"]
        );
        assert_eq!(
            at(Ipv6Addr::LOCALHOST.into(), 4000),
            ["[::1]:4000", "localhost:4000"]
        );
        assert_eq!(
            at(Ipv4Addr::new(192, 168, 1, 5).into(), 4000),
            ["192.168.1.5:4000"]
        );
        assert_eq!(
            at(Ipv4Addr::UNSPECIFIED.into(), 4000),
            [
                "0.0.0.0:4000",
                "localhost:4000",
                "127.0.0.1:4000",
                "[::1]:4000"
            ]
        );
        assert_eq!(
            at(Ipv4Addr::LOCALHOST.into(), 80),
            ["127.0.0.1:80", "localhost:80", "127.0.0.1", "localhost"]
        );
    }

    #[tokio::test]
    async fn content_types_by_extension() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("en/charts/a.svg", "image/svg+xml; charset=utf-8"),
            ("en/charts/a.png", "image/png"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("en/atom.xml", "application/atom+xml; charset=utf-8"),
            ("en/news.atom", "application/atom+xml; charset=utf-8"),
            ("en/data.csv", "text/csv; charset=utf-8"),
            ("en/data.json", "application/json; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("favicon.ico", "image/x-icon"),
            (
                "site.webmanifest",
                "application/manifest+json; charset=utf-8",
            ),
            ("font.woff2", "font/woff2"),
            ("download.bin", "application/octet-stream"),
            ("README", "application/octet-stream"),
        ];
        let files: Vec<(&str, &str)> = cases.iter().map(|(path, _)| (*path, "x")).collect();
        let router = serving(&live(&files, 16));
        for (path, expected) in cases {
            let response = get(&router, &format!("/{path}")).await;
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            assert_eq!(
                header_of(response.headers(), header::CONTENT_TYPE),
                expected,
                "{path}"
            );
        }
    }

    #[tokio::test]
    async fn every_answer_is_uncached_and_unsniffed() {
        let router = site();
        let answers = [
            get(&router, "/").await,
            get(&router, "/missing").await,
            get(&router, "/%2e%2e/").await,
            get(&router, "/en").await,
            get(&router, SCRIPT_PATH).await,
            get(&router, EVENTS_PATH).await,
            request(&router, Method::POST, "/", Some(HOST)).await,
            request(&router, Method::GET, "/", None).await,
        ];
        for response in answers {
            let status = response.status();
            assert_eq!(
                header_of(response.headers(), header::CACHE_CONTROL),
                "no-store",
                "{status}"
            );
            assert_eq!(
                header_of(response.headers(), header::X_CONTENT_TYPE_OPTIONS),
                "nosniff",
                "{status}"
            );
        }
    }

    #[tokio::test]
    async fn misses_get_the_sites_404_page() {
        let response = get(&site(), "/en/nowhere.html").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            header_of(response.headers(), header::CONTENT_TYPE),
            "text/html; charset=utf-8"
        );
        let body = text(response).await;
        assert_eq!(
            body,
            NOT_FOUND_PAGE.replace(
                "</body>",
                "<script src=\"/__bantin/live.js\" defer></script></body>"
            )
        );
    }

    #[tokio::test]
    async fn misses_without_a_404_page_get_plain_text() {
        let router = serving(&live(&[("index.html", PAGE)], 16));
        let response = get(&router, "/nowhere.html").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert_eq!(
            header_of(response.headers(), header::CONTENT_TYPE),
            "text/plain; charset=utf-8"
        );
        assert!(text(response).await.contains("nowhere.html"));
    }

    #[tokio::test]
    async fn folders_redirect_to_their_slash() {
        let router = site();
        for uri in ["/en", "/en?lang=vi"] {
            let response = get(&router, uri).await;
            assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT, "{uri}");
            assert_eq!(header_of(response.headers(), header::LOCATION), "/en/");
        }
        assert_eq!(get(&router, "/en/").await.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn redirect_keeps_the_path_encoded() {
        let router = serving(&live(&[("vi/bản tin/index.html", PAGE)], 16));
        let response = get(&router, "/vi/bản%20tin").await;
        assert_eq!(response.status(), StatusCode::PERMANENT_REDIRECT);
        assert_eq!(
            header_of(response.headers(), header::LOCATION),
            "/vi/b%E1%BA%A3n%20tin/"
        );
    }

    #[tokio::test]
    async fn html_gets_the_script_once_before_body_end_and_files_stay_as_built() {
        let live = live(&[("en/index.html", PAGE)], 16);
        let response = get(&serving(&live), "/en/").await;
        assert_eq!(response.status(), StatusCode::OK);
        let body = text(response).await;
        let tag = std::str::from_utf8(SCRIPT_TAG).expect("ASCII");
        assert_eq!(body.matches(tag).count(), 1, "{body}");
        assert!(body.ends_with(&format!("{tag}</body></html>")), "{body}");
        assert_eq!(
            live.files.get("en/index.html"),
            Some(PAGE.as_bytes().to_vec())
        );
    }

    #[tokio::test]
    async fn only_html_gets_the_script() {
        let response = get(&site(), "/en/style.css").await;
        assert_eq!(text(response).await, "p { color: red }");
    }

    #[test]
    fn script_goes_before_the_last_body_end_in_any_case() {
        let tag = std::str::from_utf8(SCRIPT_TAG).expect("ASCII");
        let page = |html: &str| String::from_utf8(with_script(html.as_bytes())).expect("UTF-8");
        assert_eq!(
            page("<p>a</p></BODY></html>"),
            format!("<p>a</p>{tag}</BODY></html>")
        );
        assert_eq!(
            page("<pre>&lt;/body></pre><script>'</body>'</script></body>"),
            format!("<pre>&lt;/body></pre><script>'</body>'</script>{tag}</body>")
        );
        assert_eq!(page("<p>no end"), format!("<p>no end{tag}"));
    }

    #[tokio::test]
    async fn serves_the_reload_script() {
        let response = get(&site(), SCRIPT_PATH).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header_of(response.headers(), header::CONTENT_TYPE),
            "text/javascript; charset=utf-8"
        );
        let body = text(response).await;
        assert_eq!(body, LIVE_JS);
        assert!(body.contains("\"/__bantin/events?page=\""));
        assert!(body.contains("\"bantin-overlay\""));
        assert!(!body.contains("innerHTML"));
    }

    /// The next `data:` frame of an event stream, as JSON, waiting at most five seconds.
    async fn next_event(body: &mut Body) -> serde_json::Value {
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
                .await
                .expect("an event within five seconds")
                .expect("the stream goes on")
                .expect("no stream error");
            let Ok(data) = frame.into_data() else {
                continue;
            };
            let text = String::from_utf8(data.to_vec()).expect("UTF-8");
            if text.starts_with(':') {
                continue; // keep-alive comment
            }
            let json = text
                .strip_prefix("data: ")
                .and_then(|rest| rest.strip_suffix("\n\n"))
                .unwrap_or_else(|| panic!("not one data line: {text:?}"));
            return serde_json::from_str(json).expect("JSON");
        }
    }

    fn problem() -> Problem {
        Problem {
            severity: "error".into(),
            file: "data/2024.yaml".into(),
            line: Some(3),
            column: Some(7),
            message: "share over 100".into(),
            excerpt: Some("share: 140".into()),
            hint: Some("shares are percentages".into()),
            text: "error: data/2024.yaml:3:7: share over 100".into(),
        }
    }

    #[tokio::test]
    async fn events_start_with_the_current_breakage_then_follow_rebuilds() {
        let live = live(&[], 16);
        *live.broken.write().expect("unpoisoned") = Some(vec![problem()]);
        let response = get(&serving(&live), EVENTS_PATH).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header_of(response.headers(), header::CONTENT_TYPE),
            "text/event-stream"
        );
        assert_eq!(
            header_of(response.headers(), header::CACHE_CONTROL),
            "no-store"
        );
        let mut body = response.into_body();
        assert_eq!(
            next_event(&mut body).await,
            serde_json::json!({
                "kind": "broken",
                "problems": [{
                    "severity": "error",
                    "file": "data/2024.yaml",
                    "line": 3,
                    "column": 7,
                    "message": "share over 100",
                    "excerpt": "share: 140",
                    "hint": "shares are percentages",
                    "text": "error: data/2024.yaml:3:7: share over 100",
                }],
            })
        );
        live.events
            .send(Event::Reload {
                paths: vec!["en/index.html".into()],
            })
            .expect("the page is subscribed");
        assert_eq!(
            next_event(&mut body).await,
            serde_json::json!({"kind": "reload", "paths": ["en/index.html"]})
        );
        live.events.send(Event::Fixed).expect("subscribed");
        assert_eq!(
            next_event(&mut body).await,
            serde_json::json!({"kind": "fixed"})
        );
    }

    #[tokio::test]
    async fn a_page_counts_as_open_while_its_stream_lives() {
        let live = live(&[], 16);
        let router = serving(&live);
        let first = get(&router, "/__bantin/events?page=en%2Findex.html").await;
        let second = get(&router, "/__bantin/events?page=en/index.html").await;
        let outside = get(&router, "/__bantin/events?page=..%2Fsecret").await;
        assert_eq!(live.open.paths(), vec!["en/index.html".to_string()]);
        drop(first);
        assert_eq!(live.open.paths(), vec!["en/index.html".to_string()]);
        drop(second);
        drop(outside);
        assert!(live.open.paths().is_empty());
    }

    #[tokio::test]
    async fn events_without_breakage_start_with_the_next_rebuild() {
        let live = live(&[], 16);
        let mut body = get(&serving(&live), EVENTS_PATH).await.into_body();
        live.events
            .send(Event::Styles {
                paths: vec!["en/style.css".into()],
            })
            .expect("the page is subscribed");
        assert_eq!(
            next_event(&mut body).await,
            serde_json::json!({"kind": "styles", "paths": ["en/style.css"]})
        );
    }

    #[tokio::test]
    async fn a_lagging_page_is_told_to_reload_everything() {
        let live = live(&[], 1);
        let mut body = get(&serving(&live), EVENTS_PATH).await.into_body();
        for page in ["a.html", "b.html", "c.html"] {
            live.events
                .send(Event::Reload {
                    paths: vec![page.into()],
                })
                .expect("the page is subscribed");
        }
        assert_eq!(
            next_event(&mut body).await,
            serde_json::json!({"kind": "reload", "paths": ["*"]})
        );
        assert_eq!(
            next_event(&mut body).await,
            serde_json::json!({"kind": "reload", "paths": ["c.html"]})
        );
    }

    /// The status line of `live`'s answer to a raw HTTP/1.1 request on a real loopback socket,
    /// with `{host}` in the request replaced by the bound address.
    async fn status_over_tcp(live: Live, request: &str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let address = listener.local_addr().expect("bound");
        let router = router(live, allowed_hosts(address));
        let server = tokio::spawn(async move { axum::serve(listener, router).await });
        let request = request.replace("{host}", &address.to_string());
        // A plain blocking client, as tokio's socket helpers are not compiled into bantin.
        let answer = tokio::task::spawn_blocking(move || {
            let mut stream = std::net::TcpStream::connect(address).expect("connects");
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .expect("a timeout");
            stream.write_all(request.as_bytes()).expect("sent");
            let mut answer = vec![0; 4096];
            let read = stream
                .read(&mut answer)
                .expect("an answer within five seconds");
            answer.truncate(read);
            answer
        })
        .await
        .expect("the client finishes");
        server.abort();
        let answer = String::from_utf8_lossy(&answer).to_string();
        answer.lines().next().unwrap_or_default().to_string()
    }

    #[tokio::test]
    async fn refusals_hold_over_a_real_socket() {
        let files = [("index.html", PAGE), ("secret", "x")];
        let cases = [
            ("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n", "HTTP/1.1 200 OK"),
            (
                "GET /../secret HTTP/1.1\r\nHost: {host}\r\n\r\n",
                "HTTP/1.1 400 Bad Request",
            ),
            (
                "GET /a\\..\\secret HTTP/1.1\r\nHost: {host}\r\n\r\n",
                "HTTP/1.1 400 Bad Request",
            ),
            (
                "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n",
                "HTTP/1.1 403 Forbidden",
            ),
            (
                "GET / HTTP/1.1\r\nHost: {host}\r\nHost: {host}\r\n\r\n",
                "HTTP/1.1 403 Forbidden",
            ),
            (
                "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 405 Method Not Allowed",
            ),
        ];
        for (request, expected) in cases {
            let status = status_over_tcp(live(&files, 16), request).await;
            assert_eq!(status, expected, "{request:?}");
        }
    }
}
