//! The site's base URL, validated once, and every absolute address built from it.
//!
//! Pages link each other relatively; only what leaves the site (canonical and alternate
//! links, feeds, the sitemap, share cards, embed snippets) carries absolute addresses, and
//! each of those is made by [`BaseUrl::join`], which percent-encodes every path segment.

use std::fmt;

use url::Url;

/// The error of an address holding a user name or password, which it never repeats.
pub const CREDENTIALS: &str =
    "the address holds a user name or password, which every page would publish";

/// An absolute `http` or `https` address ending in `/`, without credentials, query or fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// Parses and checks a base URL as a user wrote it; a missing final `/` is added.
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let shown = raw.trim();
        let mut url = Url::parse(shown).map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => {
                format!("`{shown}` is not an absolute address")
            }
            other => format!("`{shown}` is not a valid address ({other})"),
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "`{shown}` is not an http or https address (the scheme is `{}`)",
                url.scheme()
            ));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(format!("`{shown}` names no host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            // Not quoted: the error would print the secret into build logs.
            return Err(CREDENTIALS.to_string());
        }
        if url.query().is_some() {
            return Err(format!("`{shown}` has a query (`?…`); a base URL cannot"));
        }
        if url.fragment().is_some() {
            return Err(format!(
                "`{shown}` has a fragment (`#…`); a base URL cannot"
            ));
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(BaseUrl(url))
    }

    /// The absolute address of `path`, a `/`-separated path below the site root (an output
    /// file, or a folder ending in `/`). Each segment is percent-encoded.
    pub fn join(&self, path: &str) -> String {
        let mut url = self.0.clone();
        if !path.is_empty() {
            if let Ok(mut segments) = url.path_segments_mut() {
                segments.pop_if_empty();
                segments.extend(path.split('/'));
            }
        }
        url.into()
    }

    /// The base URL itself, ending in `/`.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The path part, e.g. `/bao-cao/` (`/` for a site at the root of its host).
    pub fn path(&self) -> &str {
        self.0.path()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.as_str())
    }
}

/// A relative link to `path` (a `/`-separated output path) from a page whose way to the
/// output root is `root` (`../../`, or the base URL's path): each segment percent-encoded,
/// so a static file named `logo #1.svg` is linked, not cut at its `#`.
pub fn relative(root: &str, path: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    let encoded: Vec<String> = path
        .split('/')
        .map(|segment| percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string())
        .collect();
    format!("{root}{}", encoded.join("/"))
}

/// A located address error: the line is shown unless it holds a secret.
pub fn located(diagnostic: crate::diagnostics::Diagnostic) -> crate::diagnostics::Diagnostic {
    if diagnostic.message.contains(CREDENTIALS) {
        diagnostic.without_excerpt()
    } else {
        diagnostic
    }
}

/// Whether `raw` is an absolute `http(s)` address fit for a link (a source, a publisher).
pub fn check_link(raw: &str) -> Result<(), String> {
    let url = Url::parse(raw.trim()).map_err(|_| format!("`{raw}` is not a web address"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(CREDENTIALS.to_string());
    }
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{raw}` is not an http or https address"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_gets_its_final_slash() {
        let base = BaseUrl::parse("https://example.gov.vn/bao-cao").unwrap();
        assert_eq!(base.as_str(), "https://example.gov.vn/bao-cao/");
        assert_eq!(base.path(), "/bao-cao/");
        let root = BaseUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(root.as_str(), "http://127.0.0.1:8080/");
    }

    #[test]
    fn anything_but_a_plain_http_address_is_refused() {
        for bad in [
            "javascript:alert(1)//",
            "data:text/html,<script>",
            "ftp://example.org/",
            "/bao-cao/",
            "example.org",
            "https://user:secret@example.org/",
            "https://token@example.org/",
            "https://example.org/?utm=1",
            "https://example.org/#top",
            "",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn joined_paths_are_percent_encoded_segment_by_segment() {
        let base = BaseUrl::parse("https://example.org/bản tin/").unwrap();
        assert_eq!(base.as_str(), "https://example.org/b%E1%BA%A3n%20tin/");
        assert_eq!(
            base.join("en/bulletins/nghe-an-2024/"),
            "https://example.org/b%E1%BA%A3n%20tin/en/bulletins/nghe-an-2024/"
        );
        assert_eq!(
            base.join("logo #1?.svg"),
            "https://example.org/b%E1%BA%A3n%20tin/logo%20%231%3F.svg"
        );
        assert_eq!(base.join(""), base.as_str());
        // `..` in a joined path is a plain segment name; it cannot climb above the base.
        assert!(base.join("../x").starts_with(base.as_str()));
    }

    #[test]
    fn relative_links_encode_what_would_cut_them() {
        assert_eq!(relative("../../", "logo.svg"), "../../logo.svg");
        assert_eq!(
            relative("/bao-cao/", "img/logo #1?.svg"),
            "/bao-cao/img/logo%20%231%3F.svg"
        );
        assert_eq!(relative("", "ảnh.png"), "%E1%BA%A3nh.png");
    }

    #[test]
    fn links_must_be_web_addresses() {
        assert!(check_link("https://baonghean.vn/a.html").is_ok());
        assert!(check_link("javascript:alert(1)").is_err());
        assert!(check_link("https://a:b@example.org/").is_err());
    }
}
