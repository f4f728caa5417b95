//! crossread's copies stage: which articles are republications of which,
//! and which passages of each were taken verbatim or reworded from where.
//!
//! Pipeline (no all-pairs step anywhere):
//! 1. Tokenise (words; one token per character in scripts written without
//!    spaces) and collapse exact duplicates by a hash of the token sequence.
//! 2. Sketch each text (one-permutation MinHash, 128 bins, over word
//!    3-grams) into an LSH index, plus a sampled-shingle anchor index for
//!    partial reuse and a sampled-word index for reworded reuse
//!    ([`CandidateIndex`]), and read candidate pairs off it. A collection of
//!    fewer than [`CopiesConfig::dense_below`] texts samples its words twice
//!    as densely, so that a short brief still shares some sampled word with
//!    its source.
//! 3. On candidate pairs only: shingle and IDF-weighted word containment,
//!    plus a bounded two-hop expansion (the neighbours of an article's three
//!    best candidates, at most 64 more), so that versions of one story that
//!    the index paired with each other reach the article too. In a busy
//!    dated stream (at least 1,024 texts within 3 days of the article, the
//!    test the index uses for its windowed anchors) only neighbours within
//!    those 3 days count, the 16 reached through most of the three best
//!    candidates: the expansion then costs the same per article at any
//!    collection size instead of filling up with the oldest articles.
//! 4. Per article: the candidates that came first (credits, dates, news
//!    agencies, direction of containment) ranked by containment times the
//!    candidate's own containment in the article (a long digest contains the
//!    words of many articles without being their source); the best and
//!    those within `source_share` of it are aligned to the article (greedy
//!    string tiling, then sentence alignment for reworded text); a candidate
//!    that is a copy of another one that came first and holds as much of the
//!    article yields to it, so the original is named, not its copy. The
//!    word weights of the alignment and of the derivation figures are the
//!    IDF over all texts, except in a busy dated stream (the same test as
//!    above), where document frequency is counted over the texts dated
//!    within 3 days of the article (a window slid over the texts by date):
//!    a whole-collection IDF makes an early event's words weigh more the
//!    more the collection holds, and verdicts drift with what else is in it.
//! 5. `derived` from an ordinal linear model ([`Model`]) over generic figures
//!    of reuse ([`Features`]: n-gram containment both ways, tiling coverage,
//!    longest tile, sentence matches, how far the best source stands out
//!    among the earlier candidates and among all of them, later ones and
//!    other coverage of the event included, length), trained offline by
//!    `examples/eval.rs --train` and shipped as Rust constants (an article
//!    with under 5% of its words in passages is never derived); `source` =
//!    the aligned article it draws the most from (null when not derived; the
//!    passages it shares are still listed, see
//!    [`CopiesConfig::passages_when_none`]); copy groups = chains of
//!    "wholly derived from" by articles with at least 70% of their words in
//!    verbatim runs (the same article, republished or lightly edited; a
//!    rewrite is derived without being a copy), whose root is the group's
//!    `origin` (its id is the group id, so it is stable for the same inputs).
//!
//! Every hash uses a fixed, documented seed, and ties break by input order,
//! so the output is identical run to run.
//!
//! Scripts and tokens: a token is a run of letters, digits and combining
//! marks (so Urdu/Arabic vowel marks and zero-width joiners stay inside their
//! word), cut at whitespace and punctuation and lowercased before hashing.
//! Scripts written without spaces between words (Han, Hiragana, Katakana,
//! Thai, Lao, Khmer, Myanmar, Tibetan) are cut into one token per character,
//! so the word 3-gram shingles become character 3-grams there, the usual
//! unit for those scripts; no dictionary word segmentation is attempted.
//! Arabic-script text (COUNTER's Urdu) is cut at spaces and hashed as typed:
//! keyboard variants (Arabic kaf/yeh/heh vs the Urdu letters), vowel marks,
//! presentation forms and decomposed madda are not folded. Folding them was
//! measured and lowered COUNTER (three-way macro-F1, mean over five token
//! hash seeds: 0.706 -> 0.698 with the shipped model, 5-fold CV 0.692 ->
//! 0.685), most of it (at the shipped seed) from composing alef + madda,
//! which two newspapers' texts type decomposed and the agency texts do not.
//!
//! A grown collection: [`update_copies`] takes the records an earlier run
//! gave to part of the articles and decides only the new ones and those a
//! new article came before; the others are kept as they were.
//!
//! What it does NOT do: extraction, date parsing beyond ISO strings, or any
//! I/O. It reads `id`, `text`, `date`, `outlet` and `attributions` only.
#![deny(missing_docs)]

mod align;
mod engine;
mod index;
mod model;
mod order;
mod probe;
mod store;
mod tokens;

pub use crossread_core::{CopyRecord, Derivation, Passage, PassageKind};
pub use engine::{Features, N_FEATURES};
pub use index::CandidateIndex;
pub use model::Model;

use crossread_core::Article;

/// Errors of this crate: only a configuration can be wrong.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CopiesError {
    /// A threshold or count is out of range.
    #[error("invalid copies configuration: {0}")]
    Config(String),
}

/// Options of [`find_copies_with`]. `Default` holds the shipped values; the
/// derivation model was trained by `examples/eval.rs --train` (see there) on
/// the dev halves of METER and COUNTER; the other values are round defaults
/// chosen by hand on the same halves.
#[derive(Debug, Clone, PartialEq)]
pub struct CopiesConfig {
    /// One shingle in `2^anchor_bits` is an anchor of the partial-reuse index.
    pub anchor_bits: u32,
    /// One distinct word in `2^word_bits` is a word anchor.
    pub word_bits: u32,
    /// A collection of fewer texts than this (exact duplicates and empty
    /// texts not counted) samples its word anchors twice as densely
    /// (`word_bits - 1`, at least 1). A short article (a brief
    /// made from a wire story) shares only a handful of rare words with its
    /// source, and at one in four none may be sampled: on METER the sample
    /// alone (eight `sample_salt`s) moved the share of derived articles
    /// whose source was among their candidates between 0.94 and 0.98.
    /// Denser sampling yields more pairs to measure, and the cost grows
    /// faster than the collection: on the 600-word generated corpus of
    /// `bench/copies.sh` the whole stage took 13% more CPU at 2,000 texts,
    /// 46% more at 5,000 and 96% more at 10,000 (one core, stage example).
    pub dense_below: usize,
    /// Salt of the candidate index's sample (sketch bins, LSH bands, anchors,
    /// word anchors): 0, the default, is the shipped sample, so output is
    /// identical run to run. Another value draws another fixed sample of the
    /// same texts; the evaluation runs several to show how much a figure owes
    /// to one sample.
    pub sample_salt: u64,
    /// Shortest verbatim tile, in words.
    pub min_tile: usize,
    /// IDF-weighted share of a sentence's words found in one source sentence
    /// that makes it a reworded passage.
    pub sentence_threshold: f32,
    /// Candidates scoring at least this share of the best one are aligned too
    /// (newspapers draw on several wire versions of a story).
    pub source_share: f64,
    /// Passages are aligned against the candidates scoring at least this
    /// share of the best one (without the copy-of-copy penalty) too; the
    /// derivation figures use `source_share` alone.
    pub passage_share: f64,
    /// When the best news-agency candidate scores at least this share of the
    /// best candidate, only news-agency candidates are aligned (1 disables).
    pub wire_preference: f64,
    /// Exponent on a candidate's IDF word containment in the article, a
    /// factor of its source score (0 disables).
    pub reverse_power: f64,
    /// At most this many sources are aligned per article.
    pub max_sources: usize,
    /// Source score (mean of IDF word and shingle containment) from which an
    /// article's best earlier candidate counts as its first-pass source.
    pub derivative_score: f64,
    /// Factor on the source score of a candidate whose first-pass source is
    /// also a candidate of the article (prefer the original to its copy; 1,
    /// the default, disables it: it demoted the agency text itself where
    /// agencies send several versions of one story).
    pub derivative_penalty: f64,
    /// Candidate sources dated more than this many days from the article...
    pub date_window: u32,
    /// ...have their source score multiplied by this factor (1 disables; the
    /// default, since a 0.2 factor lowered the cross-validated three-way F1
    /// on both dev halves although it ranked more right sources first).
    pub out_of_window: f64,
    /// Whether an article judged not derived still lists the stretches it
    /// shares with its best earlier candidates (its `source` stays null).
    pub passages_when_none: bool,
    /// The model that turns an article's [`Features`] into its derivation.
    pub model: Model,
}

impl Default for CopiesConfig {
    fn default() -> Self {
        CopiesConfig {
            anchor_bits: 5,
            word_bits: 2,
            dense_below: 5_000,
            sample_salt: 0,
            min_tile: 3,
            sentence_threshold: 0.35,
            source_share: 0.45,
            passage_share: 0.3,
            max_sources: 5,
            reverse_power: 0.5,
            wire_preference: 0.0,
            derivative_score: 0.3,
            derivative_penalty: 1.0,
            date_window: 3,
            out_of_window: 1.0,
            passages_when_none: true,
            model: model::TRAINED,
        }
    }
}

impl CopiesConfig {
    /// The word-anchor sampling a collection of `texts` distinct texts
    /// gets: `word_bits`, or one bit fewer (twice as dense, at least 1)
    /// below [`CopiesConfig::dense_below`].
    pub fn word_bits_for(&self, texts: usize) -> u32 {
        if texts < self.dense_below {
            self.word_bits.saturating_sub(1).max(1)
        } else {
            self.word_bits
        }
    }

    /// Checks ranges: thresholds finite or infinite but ordered, counts >= 1.
    pub fn validate(&self) -> Result<(), CopiesError> {
        if !(1..=24).contains(&self.anchor_bits) || !(1..=24).contains(&self.word_bits) {
            return Err(CopiesError::Config(
                "anchor_bits and word_bits must be in 1..=24".into(),
            ));
        }
        if self.min_tile == 0 || self.max_sources == 0 {
            return Err(CopiesError::Config(
                "min_tile and max_sources must be >= 1".into(),
            ));
        }
        if !self.model.is_finite() {
            return Err(CopiesError::Config("model weights must be finite".into()));
        }
        if !(0.0..=1.0).contains(&self.sentence_threshold)
            || !(0.0..=1.0).contains(&self.source_share)
            || !(0.0..=1.0).contains(&self.passage_share)
        {
            return Err(CopiesError::Config("shares must lie in 0..=1".into()));
        }
        Ok(())
    }

    /// The derivation that the figures of an article call for.
    pub fn classify(&self, f: &Features) -> Derivation {
        self.model.classify(f)
    }
}

/// One [`CopyRecord`] per article, in input order, with the shipped
/// configuration.
pub fn find_copies(articles: &[Article]) -> Vec<CopyRecord> {
    records(engine::run(articles, &CopiesConfig::default(), None))
}

/// The records of an engine run, without the figures behind them.
fn records(run: Vec<(CopyRecord, Option<Features>)>) -> Vec<CopyRecord> {
    run.into_iter().map(|(r, _)| r).collect()
}

/// [`find_copies`] with options; fails only on an invalid configuration.
pub fn find_copies_with(
    articles: &[Article],
    cfg: &CopiesConfig,
) -> Result<Vec<CopyRecord>, CopiesError> {
    cfg.validate()?;
    Ok(records(engine::run(articles, cfg, None)))
}

/// [`find_copies_with`] plus the figures behind each verdict (`None` where no
/// candidate came before the article), for evaluation and threshold fitting.
pub fn find_copies_explained(
    articles: &[Article],
    cfg: &CopiesConfig,
) -> Result<Vec<(CopyRecord, Option<Features>)>, CopiesError> {
    cfg.validate()?;
    Ok(engine::run(articles, cfg, None))
}

/// Copy records for a collection that has grown since `known` was worked
/// out, without working out the past again: `known` holds the records an
/// earlier run ([`find_copies`] or this function) gave to some of
/// `articles` (matched by id; an id given twice is matched at its last
/// position); the others are new.
///
/// Candidates, word weights and every new article's verdict are computed
/// over the whole collection, as [`find_copies`] computes them. A known
/// article is decided again only when a new article may be its source (a new
/// candidate that came before it, or a new exact copy of it); every other
/// known record is kept as it was, its `group` and `origin` following its
/// group's root (a new article that came first can become a group's
/// origin). So a stored verdict does not drift with what arrives later.
/// Where it would, [`find_copies`] over the same articles may differ from
/// this: its figures for an old article see the later coverage too, and
/// its word weights count the new texts. Records come back in the order of
/// `articles`.
pub fn update_copies(
    articles: &[Article],
    known: &[CopyRecord],
    cfg: &CopiesConfig,
) -> Result<Vec<CopyRecord>, CopiesError> {
    cfg.validate()?;
    let pos: std::collections::HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut rec: Vec<Option<&CopyRecord>> = vec![None; articles.len()];
    for r in known {
        if let Some(&i) = pos.get(r.id.as_str()) {
            rec[i] = Some(r);
        }
    }
    // A record wholly derived from a source in its own group is a copy of
    // it: the link its group was built from.
    let link = rec
        .iter()
        .map(|r| {
            let r = (*r).filter(|r| r.derived == Derivation::Wholly)?;
            let s = *pos.get(r.source.as_ref()?.as_str())?;
            rec[s].is_some_and(|sr| sr.group == r.group).then_some(s)
        })
        .collect();
    let known = engine::Known { rec, link };
    Ok(records(engine::run(articles, cfg, Some(&known))))
}

#[cfg(test)]
mod tests;
