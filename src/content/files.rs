//! Text and image files as read: control characters a page must not carry, and the size of
//! an image the pages show.

use resvg::{tiny_skia, usvg};

/// Whether `c` is a control character a page must not carry: all but tab, newline and
/// carriage return (ESC, BEL, NUL, DEL, the C1 range …), which make HTML invalid and XML
/// (feeds, sitemaps) unreadable.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` without the control characters of [`is_forbidden_control`].
pub fn strip_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_forbidden_control) {
        text.chars()
            .filter(|c| !is_forbidden_control(*c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Each forbidden control character of `text`, with its 1-based line and column.
pub fn control_characters(text: &str) -> Vec<(usize, usize, char)> {
    let mut found = Vec::new();
    for (index, line) in text.lines().enumerate() {
        for (column, c) in line.chars().enumerate() {
            if is_forbidden_control(c) {
                found.push((index + 1, column + 1, c));
            }
        }
    }
    found
}

/// The intrinsic size, in CSS pixels, of a PNG or SVG image (such as the publisher's logo),
/// for `<img width height>`; None if `bytes` are neither.
pub fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let pixmap = tiny_skia::Pixmap::decode_png(bytes).ok()?;
        return Some((pixmap.width(), pixmap.height()));
    }
    let tree = usvg::Tree::from_data(bytes, &usvg::Options::default()).ok()?;
    let size = tree.size();
    Some((size.width().ceil() as u32, size.height().ceil() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_sizes_of_svg_and_png() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40.5"/>"#;
        assert_eq!(image_size(svg), Some((120, 41)));
        let sized = br#"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32" viewBox="0 0 2 1"/>"#;
        assert_eq!(image_size(sized), Some((64, 32)));
        let png = tiny_skia::Pixmap::new(30, 20)
            .expect("a small pixmap")
            .encode_png()
            .expect("encodes");
        assert_eq!(image_size(&png), Some((30, 20)));
        assert_eq!(image_size(b"GIF89a"), None);
        assert_eq!(image_size(b"\x89PNG\r\n\x1a\nbroken"), None);
    }

    #[test]
    fn control_characters_are_found_and_left_out() {
        let text = "Nghệ An\u{1b}[31m\n\tok\u{7}\r\n";
        assert_eq!(strip_controls(text), "Nghệ An[31m\n\tok\r\n");
        assert_eq!(
            control_characters(text),
            vec![(1, 8, '\u{1b}'), (2, 4, '\u{7}')]
        );
        assert_eq!(
            control_characters("ok\nx\u{1b}y\n\u{7}"),
            [(2, 2, '\u{1b}'), (3, 1, '\u{7}')]
        );
        assert!(matches!(
            strip_controls("plain"),
            std::borrow::Cow::Borrowed("plain")
        ));
    }
}
