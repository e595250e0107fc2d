//! Hostile content: markup in narratives, front matter and Fluent messages must reach pages as
//! text. The built site is left in `target/hostile-site/output` for the browser test
//! (tests/e2e/hostile.mjs), which checks that nothing runs.

mod common;

use std::path::Path;

use common::{copy_dir, copy_example, root};

fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = std::fs::read_to_string(path).expect("read");
    std::fs::write(path, change(text)).expect("write");
}

#[test]
fn hostile_content_is_shown_as_text() {
    let site = root().join("target/hostile-site");
    let _ = std::fs::remove_dir_all(&site);
    copy_example(&site);
    copy_dir(&root().join("tests/fixtures/hostile"), &site);
    edit(&site.join("locales/en/ui.ftl"), |t| {
        t.replace(
            "site-name = Social insurance bulletins",
            "site-name = <script>alert('site')</script>\"><img src=x onerror=alert(1)>",
        )
    });
    edit(&site.join("content/data/nghe-an/2023.yaml"), |t| {
        format!("{t}notes:\n  - {{note: hostile}}\n")
    });
    let output = site.join("output");
    let report = bantin::build(&bantin::BuildOptions {
        root: site.clone(),
        output: Some(output.clone()),
        skip_png: true,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("the hostile site must still build:\n{e}"));
    assert!(report.pages > 0);

    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&output) {
        let entry = entry.expect("walk");
        let path = entry.path();
        if !path.extension().is_some_and(|e| e == "html" || e == "svg") {
            continue;
        }
        let text =
            common::without_json_ld(&std::fs::read_to_string(path).expect("read")).to_lowercase();
        let name = path.display();
        assert!(!text.contains("<script"), "{name}: a script element");
        assert!(!text.contains("<iframe"), "{name}: an iframe");
        for attribute in [
            " onerror=",
            " onload=",
            " onclick=",
            "javascript:",
            "data:text/html",
        ] {
            // Attributes only exist inside tags (escaped text has &lt; instead of <); quoted
            // values are dropped first, since our escaping keeps quotes out of them.
            let in_tag = text.split('<').skip(1).any(|tag| {
                let tag = tag.split('>').next().unwrap_or("");
                let outside_quotes: String = tag.split('"').step_by(2).collect();
                outside_quotes.contains(attribute)
                    || (attribute.ends_with(':') && tag.contains(&format!("=\"{attribute}")))
            });
            assert!(!in_tag, "{name}: {attribute} inside a tag");
        }
        checked += 1;
    }
    assert!(checked > 40, "checked {checked} files");
    let en = std::fs::read_to_string(output.join("en/bulletins/2024-01-18-nghe-an/index.html"))
        .expect("page");
    assert!(
        en.contains("&lt;script&gt;"),
        "the markup is visible as text"
    );
    let region =
        std::fs::read_to_string(output.join("en/regions/nghe-an/index.html")).expect("page");
    assert!(
        region.contains("&lt;script&gt;alert(&apos;ftl&apos;)"),
        "the Fluent note is escaped"
    );
}
