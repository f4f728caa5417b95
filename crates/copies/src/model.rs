//! The derivation model: an ordinal linear score over the standardised
//! [`Features`] of an article with two cut points (none < partially <
//! wholly), and the trained weights it ships with.
//!
//! The weights in [`TRAINED`] live in `trained.rs`, which is written by
//! `cargo run --release -p crossread-copies --example copies-eval -- SHARED --train
//! crates/copies/src/trained.rs` from the dev halves of METER and COUNTER;
//! nothing is read or downloaded at run time.
//!
//! What it does NOT do: compute the features (the engine does) or train
//! (the evaluation example does).

use crate::engine::{Features, N_FEATURES};
use crate::Derivation;

/// An ordinal linear model over [`Features::vector`]: one score, the
/// weighted sum of the standardised features, and two cut points on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Per feature: subtracted before scaling.
    pub mean: [f64; N_FEATURES],
    /// Per feature: divides after centring (1 where a feature is constant).
    pub scale: [f64; N_FEATURES],
    /// Weight of each standardised feature in the score.
    pub coef: [f64; N_FEATURES],
    /// Score from which an article is partially derived, and from which it
    /// is wholly derived.
    pub cuts: [f64; 2],
    /// An article with less than this share of its words in passages is not
    /// derived, whatever its score (chosen by hand, not trained: the score
    /// is linear and must not call an article without reuse derived).
    pub min_reused: f64,
}

/// Fewer reused words than this make no derivation: a two-word phrase is
/// shared by chance, however short the article.
pub const MIN_REUSED_WORDS: f64 = 3.0;
/// An article is wholly derived only with at least this many reused words
/// and [`MIN_WHOLLY_SHARE`] of its words reused. A 15-word lead sharing
/// "make it harder" with an unrelated text had scored wholly on its length
/// alone and joined its copy group.
pub const MIN_WHOLLY_WORDS: f64 = 8.0;
/// See [`MIN_WHOLLY_WORDS`]. (Every METER dev article called wholly has at
/// least 0.48; COUNTER's reused shares run lower, which a higher floor cost.)
pub const MIN_WHOLLY_SHARE: f64 = 0.3;

/// Standardised figures are clamped to this many standard deviations, so
/// that a text far outside the training range (one word, a million words)
/// cannot push the linear score anywhere.
const CLAMP: f64 = 4.0;

impl Model {
    /// Whether every number is finite, every scale non-zero and the cut
    /// points ordered.
    pub fn is_finite(&self) -> bool {
        self.mean.iter().all(|x| x.is_finite())
            && self.scale.iter().all(|x| x.is_finite() && *x != 0.0)
            && self.coef.iter().all(|x| x.is_finite())
            && self.cuts.iter().all(|x| x.is_finite())
            && self.cuts[0] <= self.cuts[1]
            && self.min_reused.is_finite()
    }

    /// The standardised feature vector (each value clamped to 4 standard
    /// deviations).
    pub fn scaled(&self, f: &Features) -> [f64; N_FEATURES] {
        let v = f.vector();
        std::array::from_fn(|k| {
            let x = (v[k] - self.mean[k]) / self.scale[k];
            if x.is_finite() {
                x.clamp(-CLAMP, CLAMP)
            } else {
                0.0
            }
        })
    }

    /// The derivation score of an article's figures.
    pub fn score(&self, f: &Features) -> f64 {
        self.scaled(f)
            .iter()
            .zip(self.coef.iter())
            .map(|(x, w)| x * w)
            .sum()
    }

    /// The derivation the score calls for, within floors set by hand
    /// (not trained) because the score is linear and METER's articles are
    /// hundreds of words long, so a headline-length text lies outside what
    /// it was fitted on: fewer than `MIN_REUSED_WORDS` reused words is no
    /// derivation, and an article with fewer than `MIN_WHOLLY_WORDS` reused
    /// words or less than `MIN_WHOLLY_SHARE` of them reused is at most
    /// partially derived.
    pub fn classify(&self, f: &Features) -> Derivation {
        // A NaN share counts as no reuse.
        if f.reused.is_nan() || f.reused < self.min_reused {
            return Derivation::None;
        }
        // A whole number of tokens (the share times the count it came from).
        let words = (f.reused * f.tokens as f64).round();
        if words < MIN_REUSED_WORDS {
            return Derivation::None;
        }
        let s = self.score(f);
        if s >= self.cuts[1] && f.reused >= MIN_WHOLLY_SHARE && words >= MIN_WHOLLY_WORDS {
            Derivation::Wholly
        } else if s >= self.cuts[0] {
            Derivation::Partially
        } else {
            Derivation::None
        }
    }
}

include!("trained.rs");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_is_sane() {
        let m = &TRAINED;
        assert!(m.is_finite());
        // Monotone: no reuse figure lowers the score (length may).
        for (w, name) in m.coef.iter().zip(Features::NAMES) {
            assert!(name == "length" || *w >= 0.0, "{name}: {w}");
        }
        // An exact copy is wholly derived; no reuse at all is none.
        assert_eq!(m.classify(&Features::exact(0, 300)), Derivation::Wholly);
        assert_eq!(m.classify(&Features::default()), Derivation::None);
    }

    #[test]
    fn short_texts_need_enough_reuse() {
        // Built as a METER-length copy would be, then cut down: the score
        // alone calls all of these wholly (checked first), the limits do not.
        let short = |ntok: usize, reused: f64| Features {
            reused,
            ..Features::exact(0, ntok)
        };
        let m = &TRAINED;
        for f in [
            short(15, 0.25),
            short(15, 0.1),
            short(40, 0.15),
            short(60, 0.25),
            short(48, 3.0 / 48.0),
        ] {
            assert!(m.score(&f) >= m.cuts[1], "{f:?}");
        }
        // 3.75 (4) of 15 words: partially at most; 1.5 (2) of 15: none; 6 of 40
        // (under 8 words) and 15 of 60 (under a 0.3 share): partially.
        assert_eq!(m.classify(&short(15, 0.25)), Derivation::Partially);
        assert_eq!(m.classify(&short(15, 0.1)), Derivation::None);
        assert_eq!(m.classify(&short(40, 0.15)), Derivation::Partially);
        assert_eq!(m.classify(&short(60, 0.25)), Derivation::Partially);
        // Exactly 3 of 48 words reaches the floor: a share times the count
        // it came from is a whole number, whatever the rounding of 3 / 48.
        assert_eq!(m.classify(&short(48, 3.0 / 48.0)), Derivation::Partially);
        // Enough of a short text reused is still wholly derived.
        assert_eq!(m.classify(&short(15, 1.0)), Derivation::Wholly);
        assert_eq!(m.classify(&short(60, 0.5)), Derivation::Wholly);
    }

    #[test]
    fn bad_numbers_are_rejected_and_ignored() {
        let mut m = TRAINED.clone();
        m.cuts = [1.0, 0.0];
        assert!(!m.is_finite());
        let mut m = TRAINED.clone();
        m.scale[0] = 0.0;
        assert!(!m.is_finite());
        // A NaN figure counts as the mean (scaled 0), never as a panic.
        let f = Features {
            verbatim: f64::NAN,
            ..Features::exact(0, 300)
        };
        assert_eq!(TRAINED.scaled(&f)[0], 0.0);
    }
}
