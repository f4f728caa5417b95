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

    /// The derivation the score calls for.
    pub fn classify(&self, f: &Features) -> Derivation {
        // A NaN share counts as no reuse.
        if f.reused.is_nan() || f.reused < self.min_reused {
            return Derivation::None;
        }
        let s = self.score(f);
        if s >= self.cuts[1] {
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
