//! What real bulletins state, as a reader of each language sees it: "nearly" figures, figures
//! the source rounded without a hedge, and changes only between periods that compare.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::minimal_site;

const SLUG: &str = "2024-01-18-nghe-an";
const DATA: &str = "content/data/nghe-an/2023.yaml";

/// The minimal site with `change` applied to its files, built without PNGs.
struct Built {
    _dir: tempfile::TempDir,
    site: PathBuf,
    out: PathBuf,
}

impl Built {
    fn new(change: impl FnOnce(&Path)) -> Built {
        let dir = tempfile::tempdir().expect("temp dir");
        let site = dir.path().join("site");
        minimal_site(&site);
        change(&site);
        let out = dir.path().join("out");
        let options = bantin::BuildOptions {
            root: site.clone(),
            output: Some(out.clone()),
            skip_png: true,
            ..Default::default()
        };
        if let Err(problems) = bantin::build(&options) {
            panic!("the site must build:\n{problems}");
        }
        Built {
            _dir: dir,
            site,
            out,
        }
    }

    fn bulletin(&self, lang: &str) -> String {
        let path = self.out.join(format!("{lang}/bulletins/{SLUG}/index.html"));
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Replaces `from` by `to` in the site's file at `path`, which must contain it.
fn edit(site: &Path, path: &str, from: &str, to: &str) {
    let file = site.join(path);
    let text = fs::read_to_string(&file).expect("read");
    assert!(text.contains(from), "{path} has no `{from}`");
    fs::write(&file, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn nearly_and_rounded_figures_read_as_the_source_wrote_them() {
    let built = Built::new(|site| {
        edit(
            site,
            DATA,
            "hi-visits: {value: 5600000, qualifier: over}",
            "hi-visits: {value: 5600000, qualifier: nearly}",
        );
        edit(
            site,
            DATA,
            "hi-participants: 2911787",
            "hi-participants: {value: 2910000, rounded-to: 10000}",
        );
    });
    for (lang, nearly, rounded) in [
        ("vi", "gần 5,6\u{a0}triệu", "2,91\u{a0}triệu"),
        ("en", "nearly 5.6 million", "2.91 million"),
        ("zh", "近560万", "291万"),
        ("nb", "nesten 5,6\u{a0}millioner", "2,91\u{a0}millioner"),
    ] {
        let page = built.bulletin(lang);
        assert!(page.contains(nearly), "{lang}: no `{nearly}`");
        assert!(page.contains(rounded), "{lang}: no `{rounded}`");
        // No hedge the source did not make.
        for hedge in ["khoảng 2,91", "about 2.91", "约291万", "om lag 2,91"] {
            assert!(!page.contains(hedge), "{lang}: `{hedge}`");
        }
    }
    assert!(built.site.join(DATA).is_file());
}
