//! Measures text and breaks it into lines, by estimated glyph width rather than bytes.
//!
//! Without a font backend plotters measures text by its byte length, which over-measures
//! Vietnamese (multi-byte diacritics) and Chinese (three bytes per character) labels, so
//! layout measures with this per-character estimate instead.

use super::LINE_HEIGHT;

/// Estimated advance of `c` in em, erring wide so labels get room in any sans font.
fn char_em(c: char) -> f64 {
    let u = c as u32;
    match c {
        _ if is_combining(u) => 0.0,
        _ if is_wide(u) => 1.0,
        ' ' | '\u{00A0}' => 0.3,
        '\u{202F}' | '\u{2009}' => 0.2,
        '0'..='9' => 0.57,
        'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.4,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.9,
        '–' => 0.55,
        '—' => 1.0,
        _ if c.is_uppercase() => 0.7,
        _ if c.is_alphabetic() => 0.6,
        _ => 0.6,
    }
}

fn is_combining(u: u32) -> bool {
    matches!(u, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// East Asian wide and fullwidth characters (CJK, kana, Hangul, fullwidth forms).
pub(super) fn is_wide(u: u32) -> bool {
    matches!(
        u,
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD
    )
}

/// Estimated width of `text` in pixels at `px` font size; bold is about 5 % wider.
pub fn text_width(text: &str, px: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * px
}

pub(super) fn bold_width(text: &str, px: f64) -> f64 {
    text_width(text, px) * 1.06
}

/// Splits text into units that may not be broken: words, and single CJK characters
/// (Chinese breaks between any two characters). Each unit carries whether a space
/// preceded it.
pub(super) fn break_units(text: &str) -> Vec<(bool, String)> {
    let mut units: Vec<(bool, String)> = Vec::new();
    let mut space_before = false;
    let mut current = String::new();
    let flush = |units: &mut Vec<(bool, String)>, current: &mut String, space_before: &mut bool| {
        if !current.is_empty() {
            units.push((*space_before, std::mem::take(current)));
            *space_before = false;
        }
    };
    for c in text.chars() {
        if c == ' ' || c == '\n' || c == '\t' {
            flush(&mut units, &mut current, &mut space_before);
            space_before = true;
        } else if is_closing_punct(c) && current.is_empty() && !space_before && !units.is_empty() {
            // No line may start with closing punctuation: keep it with what precedes.
            if let Some(last) = units.last_mut() {
                last.1.push(c);
            }
        } else if is_wide(c as u32) {
            flush(&mut units, &mut current, &mut space_before);
            units.push((space_before, c.to_string()));
            space_before = false;
        } else {
            current.push(c);
        }
    }
    flush(&mut units, &mut current, &mut space_before);
    units
}

fn is_closing_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '）' | '：' | '；' | '！' | '？' | ',' | '.' | ')' | ':' | ';'
    )
}

/// Greedy line wrapping to `max_width` pixels. A unit wider than a whole line is cut
/// between characters rather than overflowing.
pub(super) fn wrap(
    text: &str,
    px: f64,
    max_width: f64,
    width: fn(&str, f64) -> f64,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (space, unit) in break_units(text) {
        let candidate = if line.is_empty() {
            unit.clone()
        } else if space {
            format!("{line} {unit}")
        } else {
            format!("{line}{unit}")
        };
        if width(&candidate, px) <= max_width || line.is_empty() && width(&unit, px) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The unit alone is too wide: cut it by characters.
        for c in unit.chars() {
            let mut next = line.clone();
            next.push(c);
            if !line.is_empty() && width(&next, px) > max_width && !is_combining(c as u32) {
                lines.push(std::mem::replace(&mut line, c.to_string()));
            } else {
                line = next;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub(super) fn wrap_plain(text: &str, px: f64, max_width: f64) -> Vec<String> {
    wrap(text, px, max_width, text_width)
}

/// Wraps and, beyond `max_lines`, shortens the last line with an ellipsis. The full text
/// stays available in the chart's `<desc>` and the page's data table.
pub(super) fn wrap_limited(text: &str, px: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut lines = wrap_plain(text, px, max_width);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && text_width(&format!("{last}…"), px) > max_width {
                last.pop();
            }
            let trimmed = last.trim_end().to_string();
            *last = format!("{trimmed}…");
        }
    }
    lines
}

pub(super) fn line_px(px: f64) -> f64 {
    px * LINE_HEIGHT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_measures_scripts_by_width() {
        // Chinese measures one em a character, Vietnamese by letters not bytes.
        assert!((text_width("医疗保险", 10.0) - 40.0).abs() < 1e-9);
        let vi = "Bảo hiểm xã hội";
        assert!(text_width(vi, 10.0) < vi.len() as f64 * 10.0 * 0.5);
        // Decomposed marks add nothing.
        assert_eq!(text_width("a\u{0301}", 10.0), text_width("a", 10.0));
        let lines = wrap_plain("Bảo hiểm xã hội bắt buộc", 13.0, 80.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| !l.starts_with(' ')));
        assert_eq!(lines.join(" "), "Bảo hiểm xã hội bắt buộc");
        let lines = wrap_plain("医疗保险覆盖率与目标，按地区", 10.0, 45.0);
        assert!(
            lines.iter().all(|l| text_width(l, 10.0) <= 45.0 + 10.0),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert_eq!(lines.concat(), "医疗保险覆盖率与目标，按地区");
        let limited = wrap_limited("one two three four five six seven", 13.0, 40.0, 2);
        assert_eq!(limited.len(), 2);
        assert!(limited[1].ends_with('…'));
    }
}
