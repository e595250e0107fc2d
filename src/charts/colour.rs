//! WCAG contrast arithmetic: which ink reads on a colour, and how well.

use super::scene::Colour;
use super::{TEXT, WHITE};

/// Dark or white text, whichever reads better on `background`.
pub(super) fn readable_on(background: (u8, u8, u8)) -> Colour {
    let white = contrast_ratio(background, (255, 255, 255));
    let dark = contrast_ratio(background, (0x1A, 0x1A, 0x1A));
    if white >= dark {
        WHITE
    } else {
        TEXT
    }
}

/// WCAG 2 relative luminance.
fn relative_luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2 contrast ratio between two colours (1.0 to 21.0).
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::Scheme;

    #[test]
    fn palette_contrast_at_least_3_to_1() {
        for scheme in Scheme::ALL {
            let ratio = contrast_ratio(scheme.rgb(), (255, 255, 255));
            assert!(ratio >= 3.0, "{scheme:?} {} has {ratio:.2}:1", scheme.hex());
        }
        // Okabe–Ito yellow would fail: the check is real.
        assert!(contrast_ratio((0xF0, 0xE4, 0x42), (255, 255, 255)) < 3.0);
        // Text and the axis line.
        assert!(contrast_ratio((0x1A, 0x1A, 0x1A), (255, 255, 255)) >= 4.5);
        assert!(contrast_ratio((0x4D, 0x4D, 0x4D), (255, 255, 255)) >= 4.5);
        assert!(contrast_ratio((0x59, 0x59, 0x59), (255, 255, 255)) >= 3.0);
        // Neighbours in a stack differ from each other too.
        assert!(
            relative_luminance(Scheme::Compulsory.rgb())
                != relative_luminance(Scheme::Voluntary.rgb())
        );
        // Labels inside segments pick readable ink.
        for scheme in Scheme::ALL {
            let ink = readable_on(scheme.rgb());
            assert!(
                contrast_ratio(scheme.rgb(), (ink.0, ink.1, ink.2)) >= 4.5,
                "{scheme:?}"
            );
        }
    }
}
