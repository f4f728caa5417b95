//! The derivation model: an ordinal linear score over the standardised
//! [`Features`] of an article with two cut points (none < partially <
//! wholly), and the trained weights it ships with.
//!
//! The weights in [`TRAINED`] live in `trained.rs`, which is written by
//! `cargo run --release -p crossread-copies --example eval -- SHARED --train
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
}

impl Model {
    /// Whether every number is finite, every scale non-zero and the cut
    /// points ordered.
    pub fn is_finite(&self) -> bool {
        self.mean.iter().all(|x| x.is_finite())
            && self.scale.iter().all(|x| x.is_finite() && *x != 0.0)
            && self.coef.iter().all(|x| x.is_finite())
            && self.cuts.iter().all(|x| x.is_finite())
            && self.cuts[0] <= self.cuts[1]
    }

    /// The standardised feature vector.
    pub fn scaled(&self, f: &Features) -> [f64; N_FEATURES] {
        let v = f.vector();
        std::array::from_fn(|k| {
            let x = (v[k] - self.mean[k]) / self.scale[k];
            if x.is_finite() {
                x
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
