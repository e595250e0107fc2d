//! Maps values onto the plot: linear scales with "nice" ticks.

/// A linear value scale with "nice" ticks (1, 2, 2.5, 5 × 10^k).
#[derive(Debug, Clone)]
pub(super) struct ValueScale {
    pub(super) lo: f64,
    pub(super) hi: f64,
    step: f64,
}

impl ValueScale {
    pub(super) fn new(lo: f64, hi: f64, zero_based: bool) -> Self {
        let (mut lo, mut hi) = if zero_based {
            (lo.min(0.0), hi.max(0.0))
        } else {
            (lo, hi)
        };
        if (hi - lo).abs() < f64::EPSILON {
            // A flat series still needs an axis around it.
            let pad = if hi.abs() > 0.0 { hi.abs() * 0.1 } else { 1.0 };
            if !zero_based || lo < 0.0 {
                lo -= pad;
            }
            hi += pad;
        }
        let step = nice_step(lo, hi);
        let lo = (lo / step).floor() * step;
        let hi = (hi / step).ceil() * step;
        ValueScale { lo, hi, step }
    }

    pub(super) fn ticks(&self) -> Vec<f64> {
        let count = ((self.hi - self.lo) / self.step).round();
        // Values near f64::MAX overflow the range; never loop over billions of ticks.
        if !(0.0..=100.0).contains(&count) {
            return [self.lo, self.hi]
                .into_iter()
                .filter(|v| v.is_finite())
                .collect();
        }
        let count = count as i64;
        let (mantissa, exponent) = decompose(self.step);
        let start = (self.lo / self.step).round() as i64;
        (0..=count)
            .map(|i| {
                // Multiply integers first so ticks are 0.2, 0.4, … and not 0.6000000001.
                let n = (start + i) as f64 * mantissa;
                if exponent >= 0 {
                    n * 10f64.powi(exponent)
                } else {
                    n / 10f64.powi(-exponent)
                }
            })
            .collect()
    }

    /// Extends the top by one step (for label headroom).
    pub(super) fn grow(&mut self) {
        self.hi += self.step;
    }

    pub(super) fn frac(&self, value: f64) -> f64 {
        (value - self.lo) / (self.hi - self.lo)
    }

    pub(super) fn baseline(&self) -> f64 {
        0.0f64.max(self.lo).min(self.hi)
    }
}

/// The step among 1, 2, 2.5, 5 × 10^k that splits `lo..hi` into closest to five
/// intervals: enough gridlines to read values, few enough to stay calm.
fn nice_step(lo: f64, hi: f64) -> f64 {
    let range = hi - lo;
    if !(range.is_finite() && range > 0.0) {
        return 1.0;
    }
    let exponent = (range / 5.0).log10().floor() as i32;
    let mut best = (f64::INFINITY, 1.0);
    for e in exponent - 1..=exponent + 1 {
        for mantissa in [1.0, 2.0, 2.5, 5.0] {
            let step = mantissa * 10f64.powi(e);
            let intervals = (hi / step).ceil() - (lo / step).floor();
            let score = (intervals - 5.0).abs();
            // On a tie the larger step wins: fewer lines.
            if score < best.0 || (score - best.0).abs() < f64::EPSILON && step > best.1 {
                best = (score, step);
            }
        }
    }
    best.1
}

/// `step` as integer-ish mantissa (1, 2, 25, 5, 10) and a power of ten.
fn decompose(step: f64) -> (f64, i32) {
    let mut exponent = step.log10().floor() as i32;
    let mut mantissa = step / 10f64.powi(exponent);
    // 2.5 needs one more digit to be an integer.
    if (mantissa - mantissa.round()).abs() > 1e-9 {
        mantissa *= 10.0;
        exponent -= 1;
    }
    (mantissa.round(), exponent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice_and_exact() {
        let scale = ValueScale::new(0.0, 0.93, true);
        assert_eq!(scale.ticks(), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        let scale = ValueScale::new(88.1, 94.0, false);
        assert_eq!(
            scale.ticks(),
            vec![88.0, 89.0, 90.0, 91.0, 92.0, 93.0, 94.0]
        );
        let scale = ValueScale::new(0.0, 2_911_787.0, true);
        assert_eq!(
            scale.ticks(),
            vec![
                0.0,
                500_000.0,
                1_000_000.0,
                1_500_000.0,
                2_000_000.0,
                2_500_000.0,
                3_000_000.0
            ]
        );
        let scale = ValueScale::new(0.0, 11.0, true);
        assert_eq!(scale.ticks(), vec![0.0, 2.5, 5.0, 7.5, 10.0, 12.5]);
        let scale = ValueScale::new(5.0, 5.0, false);
        assert!(scale.lo < 5.0 && scale.hi > 5.0);
    }
}
