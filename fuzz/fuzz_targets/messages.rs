//! Fuzzes Fluent loading: any `.ftl` text, as the reference language and as a translation,
//! loads or gives located diagnostics; once loaded, every message of both languages formats
//! or says what it lacks. Never a panic, never a stack overflow on a cycle or a deep chain.

#![no_main]

use std::path::PathBuf;

use bantin::i18n::{arg, Locales};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    // Before the first form feed is English (the reference), after it Vietnamese: references
    // between the two languages get exercised too.
    let (en, vi) = text.split_once('\u{c}').unwrap_or((text, ""));
    let files = |lang: &str, text: &str| {
        let path = PathBuf::from(format!("locales/{lang}/ui.ftl"));
        (lang.to_string(), vec![(path, text.to_string())])
    };
    let loaded = Locales::from_files(vec![files("en", en), files("vi", vi)], |l| l.to_string());
    let locales = match loaded {
        Ok(locales) => locales,
        Err(problems) => {
            for d in &problems.0 {
                assert!(!d.message.is_empty(), "empty message: {d:?}");
                let source = if d.path.starts_with("locales/vi") { vi } else { en };
                if let Some(line) = d.line {
                    assert!(
                        (1..=source.lines().count().max(1) + 1).contains(&line),
                        "line {line}: {d:?}"
                    );
                }
                let _ = d.to_string();
            }
            return;
        }
    };
    for lang in ["en", "vi"] {
        let localizer = locales.get(lang).expect("both languages loaded");
        for id in localizer.locale.messages.keys() {
            let args = vec![("num", arg("1")), ("name", arg("Nghệ An"))];
            let _ = localizer.message(id, args);
        }
    }
});
