//! Colour arithmetic for charts: which ink reads on a mark, and (checked in tests) whether
//! the colours drawn together stay apart for colour-blind readers.

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

/// An sRGB channel decoded to linear light (0.0 to 1.0).
///
/// The threshold is sRGB's 0.04045; WCAG 2 writes 0.03928, but no 8-bit value lies between
/// the two, so both give the same luminance.
fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG 2 relative luminance.
fn relative_luminance((r, g, b): (u8, u8, u8)) -> f64 {
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2 contrast ratio between two colours (1.0 to 21.0).
pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// How far apart two colours look, in normal and in dichromatic vision.
///
/// Only the tests need it: the palette is fixed, so checking it once per build is enough.
#[cfg(test)]
mod vision {
    use super::linear;

    /// A kind of colour vision, at full severity.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Vision {
        Normal,
        /// No long-wavelength (red) cones: about 1 % of men.
        Protanopia,
        /// No medium-wavelength (green) cones: about 1 % of men, the commonest dichromacy.
        Deuteranopia,
        /// No short-wavelength (blue) cones: about 1 in 10 000 people.
        Tritanopia,
    }

    impl Vision {
        pub(super) const ALL: [Vision; 4] = [
            Vision::Normal,
            Vision::Protanopia,
            Vision::Deuteranopia,
            Vision::Tritanopia,
        ];

        /// Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for
        /// Simulation of Color Vision Deficiency", severity 1.0; the matrices act on
        /// linear RGB.
        fn machado(self) -> Option<[[f64; 3]; 3]> {
            match self {
                Vision::Normal => None,
                Vision::Protanopia => Some([
                    [0.152286, 1.052583, -0.204868],
                    [0.114503, 0.786281, 0.099216],
                    [-0.003882, -0.048116, 1.051998],
                ]),
                Vision::Deuteranopia => Some([
                    [0.367322, 0.860646, -0.227968],
                    [0.280085, 0.672501, 0.047413],
                    [-0.011820, 0.042940, 0.968881],
                ]),
                Vision::Tritanopia => Some([
                    [1.255528, -0.076749, -0.178779],
                    [-0.078411, 0.930809, 0.147602],
                    [0.004733, 0.691367, 0.303900],
                ]),
            }
        }

        /// The sRGB colour a screen would have to show a normal-sighted reader for them to
        /// see what a reader with this vision sees in `rgb`.
        pub(super) fn sees(self, rgb: (u8, u8, u8)) -> (u8, u8, u8) {
            let Some(m) = self.machado() else {
                return rgb;
            };
            let c = [linear(rgb.0), linear(rgb.1), linear(rgb.2)];
            let out = m.map(|row| encode(row[0] * c[0] + row[1] * c[1] + row[2] * c[2]));
            (out[0], out[1], out[2])
        }
    }

    /// Linear light back to an 8-bit sRGB channel, clamped to what a screen can show.
    fn encode(c: f64) -> u8 {
        let c = c.clamp(0.0, 1.0);
        let v = if c <= 0.003_130_8 {
            12.92 * c
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        };
        // Rounded and clamped to 0..=255 first, so the cast cannot truncate.
        (v * 255.0).round().clamp(0.0, 255.0) as u8
    }

    /// CIELAB `(L*, a*, b*)`.
    pub(super) type Lab = (f64, f64, f64);

    /// sRGB to CIELAB through XYZ, D65 white (IEC 61966-2-1).
    pub(super) fn lab((r, g, b): (u8, u8, u8)) -> Lab {
        const M: [[f64; 3]; 3] = [
            [0.4124, 0.3576, 0.1805],
            [0.2126, 0.7152, 0.0722],
            [0.0193, 0.1192, 0.9505],
        ];
        let c = [linear(r), linear(g), linear(b)];
        // The white is the matrix's own image of sRGB white, so white lands on a* = b* = 0.
        let [fx, fy, fz] = M.map(|row| {
            let t = (row[0] * c[0] + row[1] * c[1] + row[2] * c[2]) / (row[0] + row[1] + row[2]);
            const D: f64 = 6.0 / 29.0;
            if t > D * D * D {
                t.cbrt()
            } else {
                t / (3.0 * D * D) + 4.0 / 29.0
            }
        });
        (116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz))
    }

    /// CIEDE2000 colour difference, with the notation and edge cases of Sharma, Wu & Dalal
    /// (2005), "The CIEDE2000 Color-Difference Formula: Implementation Notes".
    pub(super) fn delta_e_2000((l1, a1, b1): Lab, (l2, a2, b2): Lab) -> f64 {
        let pow7 = |c: f64| c.powi(7);
        let c_mean = (a1.hypot(b1) + a2.hypot(b2)) / 2.0;
        let g = 0.5 * (1.0 - (pow7(c_mean) / (pow7(c_mean) + pow7(25.0))).sqrt());
        let (a1, a2) = ((1.0 + g) * a1, (1.0 + g) * a2);
        let (c1, c2) = (a1.hypot(b1), a2.hypot(b2));
        let hue = |a: f64, b: f64| {
            if a == 0.0 && b == 0.0 {
                0.0
            } else {
                b.atan2(a).to_degrees().rem_euclid(360.0)
            }
        };
        let (h1, h2) = (hue(a1, b1), hue(a2, b2));
        let chromatic = c1 * c2 != 0.0;

        let dl = l2 - l1;
        let dc = c2 - c1;
        let dh = if !chromatic {
            0.0
        } else if (h2 - h1).abs() <= 180.0 {
            h2 - h1
        } else if h2 - h1 > 180.0 {
            h2 - h1 - 360.0
        } else {
            h2 - h1 + 360.0
        };
        let dh_big = 2.0 * (c1 * c2).sqrt() * (dh / 2.0).to_radians().sin();

        let l_mean = (l1 + l2) / 2.0;
        let c_mean = (c1 + c2) / 2.0;
        let h_mean = if !chromatic {
            h1 + h2
        } else if (h1 - h2).abs() <= 180.0 {
            (h1 + h2) / 2.0
        } else if h1 + h2 < 360.0 {
            (h1 + h2 + 360.0) / 2.0
        } else {
            (h1 + h2 - 360.0) / 2.0
        };
        let cos = |deg: f64| deg.to_radians().cos();
        let t = 1.0 - 0.17 * cos(h_mean - 30.0)
            + 0.24 * cos(2.0 * h_mean)
            + 0.32 * cos(3.0 * h_mean + 6.0)
            - 0.20 * cos(4.0 * h_mean - 63.0);
        let d_theta = 30.0 * (-((h_mean - 275.0) / 25.0).powi(2)).exp();
        let r_c = 2.0 * (pow7(c_mean) / (pow7(c_mean) + pow7(25.0))).sqrt();
        let s_l = 1.0 + 0.015 * (l_mean - 50.0).powi(2) / (20.0 + (l_mean - 50.0).powi(2)).sqrt();
        let s_c = 1.0 + 0.045 * c_mean;
        let s_h = 1.0 + 0.015 * c_mean * t;
        let r_t = -(2.0 * d_theta).to_radians().sin() * r_c;

        let (l, c, h) = (dl / s_l, dc / s_c, dh_big / s_h);
        (l * l + c * c + h * h + r_t * c * h).sqrt()
    }

    /// ΔE00 between two sRGB colours as a reader with `vision` sees them.
    pub(super) fn difference(vision: Vision, a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        delta_e_2000(lab(vision.sees(a)), lab(vision.sees(b)))
    }
}

#[cfg(test)]
mod tests {
    use super::vision::{delta_e_2000, difference, lab, Vision};
    use super::*;
    use crate::charts::Scheme;

    /// Colours that share one chart and must be told apart there (see src/view/charts.rs).
    /// The chart across regions draws `HealthInsurance` alone, and `Neutral` appears on no
    /// page's chart, so neither makes a group of its own.
    const DRAWN_TOGETHER: [(&str, &[Scheme]); 3] = [
        // Participants per scheme over the years: three lines of one chart.
        (
            "participants trend",
            &[
                Scheme::SocialInsurance,
                Scheme::HealthInsurance,
                Scheme::UnemploymentInsurance,
            ],
        ),
        // Compulsory against voluntary social insurance: one stack.
        (
            "compulsory/voluntary",
            &[Scheme::Compulsory, Scheme::Voluntary],
        ),
        // Result against this year's target and next year's goal: bars side by side.
        (
            "result vs target",
            &[Scheme::SocialInsurance, Scheme::Target, Scheme::Goal],
        ),
    ];

    /// The smallest CIEDE2000 difference between two colours of one chart: about ten times
    /// a just-noticeable difference, so a line reads as another colour, not another shade.
    const MIN_DELTA_E: f64 = 20.0;

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

    #[test]
    fn delta_e_2000_matches_sharma_wu_dalal() {
        // Pairs 1–4, 7, 14, 15, 17, 19, 21–24, 30, 31 and 34 of Table 1 in Sharma, Wu &
        // Dalal (2005): blue near the hue-angle ridge, the a* = 0 and b* = 0 edges where
        // mean hue and hue difference wrap around, large differences, and real samples.
        const PAIRS: [(Lab, Lab, f64); 16] = [
            ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
            ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
            ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),
            ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
            ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
            ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
            ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
            ((50.0, -0.001, 2.49), (50.0, 0.0009, -2.49), 4.8045),
            ((50.0, -0.001, 2.49), (50.0, 0.0011, -2.49), 4.7461),
            ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
            ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),
            ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
            ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),
            (
                (60.2574, -34.0099, 36.2677),
                (60.4626, -34.1751, 39.4387),
                1.2644,
            ),
            (
                (63.0109, -31.0961, -5.8663),
                (62.8187, -29.7946, -4.0864),
                1.2630,
            ),
            (
                (22.7233, 20.0904, -46.6940),
                (23.0331, 14.9730, -42.5619),
                2.0373,
            ),
        ];
        type Lab = (f64, f64, f64);
        for (a, b, expected) in PAIRS {
            for (x, y) in [(a, b), (b, a)] {
                let got = delta_e_2000(x, y);
                assert!(
                    (got - expected).abs() < 5e-5,
                    "{x:?} vs {y:?}: {got:.4}, published {expected}"
                );
            }
        }
        // The sRGB side: white is L* 100 with no chroma, and identical colours differ by 0.
        let (l, a, b) = lab((255, 255, 255));
        assert!((l - 100.0).abs() < 1e-9 && a.abs() < 1e-9 && b.abs() < 1e-9);
        assert_eq!(
            difference(Vision::Normal, (0, 0x72, 0xB2), (0, 0x72, 0xB2)),
            0.0
        );
    }

    #[test]
    fn machado_protanopia_turns_red_olive() {
        // Pure red is linear (1, 0, 0), so the protanopia matrix gives its first column:
        // (0.152286, 0.114503, -0.003882), clamped to (0.152286, 0.114503, 0).
        // Encoded: 1.055 × 0.152286^(1/2.4) − 0.055 = 0.42662 → × 255 = 108.8 → 109, and
        //          1.055 × 0.114503^(1/2.4) − 0.055 = 0.37268 → × 255 = 95.0 → 95.
        assert_eq!(Vision::Protanopia.sees((255, 0, 0)), (109, 95, 0));
        // Every Machado row sums to 1: greys, white and black look the same to everyone.
        for vision in Vision::ALL {
            for grey in [(0, 0, 0), (0x76, 0x76, 0x76), (255, 255, 255)] {
                assert_eq!(vision.sees(grey), grey, "{vision:?}");
            }
        }
    }

    #[test]
    fn colours_drawn_together_stay_apart() {
        // Tritanopia is reported but not required: it is about a hundred times rarer than
        // the red–green dichromacies, and under it the trend chart's Okabe–Ito blue and
        // bluish green fall to ΔE00 7.5.
        let required = [Vision::Normal, Vision::Protanopia, Vision::Deuteranopia];
        let mut failures = Vec::new();
        println!("min ΔE00 per chart group (≥ {MIN_DELTA_E} required; tritanopia reported only)");
        println!(
            "{:<22}{:>8}{:>12}{:>14}{:>12}",
            "group", "normal", "protanopia", "deuteranopia", "tritanopia"
        );
        for (group, schemes) in DRAWN_TOGETHER {
            let mut row = format!("{group:<22}");
            for (vision, width) in Vision::ALL.into_iter().zip([8, 12, 14, 12]) {
                let mut min = f64::INFINITY;
                for (i, a) in schemes.iter().enumerate() {
                    for b in &schemes[i + 1..] {
                        let delta = difference(vision, a.rgb(), b.rgb());
                        min = min.min(delta);
                        if delta < MIN_DELTA_E && required.contains(&vision) {
                            failures.push(format!(
                                "{group}: {a:?} {} vs {b:?} {} under {vision:?}: ΔE00 {delta:.1}",
                                a.hex(),
                                b.hex()
                            ));
                        }
                    }
                }
                row.push_str(&format!("{min:>width$.1}"));
            }
            println!("{row}");
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }
}
