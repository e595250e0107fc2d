//! Fuzzes the link checker's reading of pages: any HTML (user templates can write anything)
//! gives links at character boundaries of the page, and resolving and decoding them never
//! panics nor climbs out of the site.

#![no_main]

use bantin::check::{page_links, percent_decode, resolve};
use libfuzzer_sys::fuzz_target;

/// A page deep in the site, so `../` has folders to climb.
const PAGE: &str = "en/bulletins/2024-01-18-nghe-an/index.html";

fuzz_target!(|bytes: &[u8]| {
    let Ok(html) = std::str::from_utf8(bytes) else {
        return;
    };
    let found = page_links(html);
    for (offset, href) in &found.links {
        assert!(*offset <= html.len() && html.is_char_boundary(*offset));
        let path = href.split(['#', '?']).next().unwrap_or("");
        if let Some(target) = resolve(PAGE, &percent_decode(path)) {
            assert!(!target.starts_with('/'), "{href} -> {target}");
            assert!(
                !target.split('/').any(|step| step == ".."),
                "{href} -> {target}"
            );
        }
    }
    for anchor in &found.anchors {
        let _ = percent_decode(anchor);
    }
});
