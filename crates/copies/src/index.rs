//! Candidate search that scales: one-permutation MinHash sketches banded into
//! an LSH index (near-duplicates), plus a sampled-shingle anchor index
//! (partial reuse, which Jaccard-based LSH misses), turned into candidate
//! pairs by sorting, never by comparing all pairs.
//!
//! Sketch: one-permutation hashing (Li, Owen, Zhang, NIPS 2012) with K = 128
//! bins over word 3-gram shingle hashes (xxh3, seed `SHINGLE_SEED`), empty bins
//! filled by optimal densification (Shrivastava, ICML 2017, probe seed
//! `DENSIFY_SEED`). Bins are banded 32 x 4 (LSH threshold about Jaccard 0.42);
//! each band key is a 32-bit xxh3 (seed `BAND_SEED`), so 128 bytes per article.
//! Anchors: the shingles whose hash has `anchor_bits` chosen bits zero (a
//! fixed 1/2^bits sample, the same shingles in every text); two articles
//! sharing at least two anchors are candidates. Word anchors (for reworded
//! reuse, where few 3-grams survive): a fixed 1/2^word_bits sample of each
//! text's distinct words (seed `WORD_SEED`); each text keeps its 1000 rarest
//! sampled words shared with 2 to 32 texts, and texts sharing two of those
//! are candidates (one, when either text is short: fewer than 25 sampled words). Buckets and anchors shared by
//! too many articles (boilerplate, mass duplication) are linked as a star from
//! their first member instead of all pairs, so a million identical texts cost
//! a million pairs, not 5 * 10^11.
//!
//! What it does NOT do: decide anything. Pairs are candidates, to be verified
//! by containment and alignment (`align`); a few spurious pairs from 32-bit key
//! collisions are expected and harmless.

use crate::tokens::{for_each_shingle, token_hashes};
use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Bins of the one-permutation sketch.
pub(crate) const BINS: usize = 128;
/// Rows per LSH band.
pub(crate) const ROWS: usize = 4;
/// LSH bands.
pub(crate) const BANDS: usize = BINS / ROWS;
/// Seed of the densification probes.
const DENSIFY_SEED: u64 = 0x6465_6e73_6966_7921; // "densify!"
/// Seed of the band keys.
const BAND_SEED: u64 = 0x6c73_685f_6261_6e64; // "lsh_band"
/// Buckets larger than this are linked as a star, not all pairs.
const BUCKET_CAP: usize = 64;
/// Anchors shared by more articles than this are skipped for candidacy.
const ANCHOR_DF_CAP: usize = 32;
/// Shared anchors that make a candidate pair.
const MIN_SHARED_ANCHORS: u32 = 2;
/// Seed of the word-anchor keys.
const WORD_SEED: u64 = 0x776f_7264_616e_6368; // "wordanch"
/// Word anchors kept per text: its rarest sampled words (lowest document
/// frequency, at least 2).
const WORD_ANCHORS_KEPT: usize = 1000;
/// Shared kept word anchors that make a candidate pair.
const MIN_SHARED_WORDS: u32 = 2;
/// A text with fewer sampled distinct words than this (a short text, under
/// about 100 distinct words at the default rate) pairs with any text sharing
/// one kept word anchor with it (at most `ANCHOR_DF_CAP` pairs per anchor).
const FEW_WORDS: usize = 25;

/// A one-permutation MinHash sketch: `BINS` 32-bit minima, densified.
/// `None` for a text without tokens.
pub(crate) fn sketch(shingles: impl Iterator<Item = u64>) -> Option<[u32; BINS]> {
    // u32::MAX marks an empty bin (a shingle whose low 32 bits are all ones
    // counts as absent: harmless, it only changes which bins densify).
    let mut bins = [u32::MAX; BINS];
    let mut any = false;
    for h in shingles {
        let b = (h >> 57) as usize; // top 7 bits pick the bin
        bins[b] = bins[b].min(h as u32);
        any = true;
    }
    if !any {
        return None;
    }
    let filled: [bool; BINS] = std::array::from_fn(|i| bins[i] != u32::MAX);
    if !filled.iter().any(|&f| f) {
        return Some(bins);
    }
    if filled.iter().all(|&f| f) {
        return Some(bins);
    }
    // Optimal densification: an empty bin copies the first non-empty bin that
    // a fixed pseudo-random probe sequence of its own index hits.
    let src = bins;
    for i in 0..BINS {
        if filled[i] {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            let probe = xxh3_64_with_seed(
                &[(i as u64).to_le_bytes(), attempt.to_le_bytes()].concat(),
                DENSIFY_SEED,
            );
            let j = (probe % BINS as u64) as usize;
            if filled[j] {
                bins[i] = src[j];
                break;
            }
            attempt += 1;
            if attempt > 4 * BINS as u64 {
                // Unreachable in practice (some bin is filled); stay total.
                let j = filled.iter().position(|&f| f).unwrap_or(0);
                bins[i] = src[j];
                break;
            }
        }
    }
    Some(bins)
}

/// 32-bit band keys of a sketch.
pub(crate) fn band_keys(s: &[u32; BINS]) -> [u32; BANDS] {
    let mut out = [0u32; BANDS];
    for (b, key) in out.iter_mut().enumerate() {
        let mut bytes = [0u8; 4 * (ROWS + 1)];
        bytes[..4].copy_from_slice(&(b as u32).to_le_bytes());
        for r in 0..ROWS {
            bytes[4 * (r + 1)..4 * (r + 2)].copy_from_slice(&s[b * ROWS + r].to_le_bytes());
        }
        *key = xxh3_64_with_seed(&bytes, BAND_SEED) as u32;
    }
    out
}

/// What the index keeps of one text.
#[derive(Debug, Clone)]
pub(crate) struct Signature {
    /// Band keys, `None` for a text without tokens.
    pub bands: Option<[u32; BANDS]>,
    /// Sorted, distinct anchor keys.
    pub anchors: Vec<u32>,
    /// Sorted, distinct word-anchor keys.
    pub words: Vec<u32>,
}

/// Sketches one text: tokens, shingles, OPH sketch, band keys, anchors.
pub(crate) fn signature_of_shingles(
    shingles: &[u64],
    tokens: &[u64],
    anchor_bits: u32,
    word_bits: u32,
) -> Signature {
    let bands = sketch(shingles.iter().copied()).map(|s| band_keys(&s));
    let shift = 64 - anchor_bits.clamp(1, 63);
    let mut anchors: Vec<u32> = shingles
        .iter()
        .filter(|&&h| (h << 7) >> shift == 0) // bits below the bin bits
        .map(|&h| h as u32)
        .collect();
    anchors.sort_unstable();
    anchors.dedup();
    let wshift = 64 - word_bits.clamp(1, 63);
    let mut words: Vec<u32> = tokens
        .iter()
        .map(|&h| crate::tokens::fmix64(h ^ WORD_SEED))
        .filter(|&h| h >> wshift == 0)
        .map(|h| h as u32)
        .collect();
    words.sort_unstable();
    words.dedup();
    Signature {
        bands,
        anchors,
        words,
    }
}

/// Shingle hashes and token hashes of a text.
pub(crate) fn shingles_of(text: &str) -> (Vec<u64>, Vec<u64>) {
    let mut toks = Vec::with_capacity(text.len() / 5);
    token_hashes(text, &mut toks);
    let mut out = Vec::with_capacity(toks.len());
    for_each_shingle(&toks, |h| out.push(h));
    (out, toks)
}

/// A streaming candidate index over texts, the scalable first stage of
/// [`crate::find_copies`]: sketch as texts arrive (in parallel with rayon),
/// keep 128 bytes of band keys plus a few anchors per text, then produce the
/// candidate pairs by sorting.
///
/// ```
/// use crossread_copies::CandidateIndex;
/// let mut ix = CandidateIndex::new(4, 2);
/// let a = "the quick brown fox jumps over the lazy dog near the river bank today";
/// ix.add_texts(&[a, a, "something else entirely, written by somebody else"]);
/// assert_eq!(ix.into_pairs(), vec![(0, 1)]);
/// ```
#[derive(Debug, Clone)]
pub struct CandidateIndex {
    anchor_bits: u32,
    word_bits: u32,
    /// Band keys of text `i` at `bands[i * BANDS..]` (0s for an empty text).
    bands: Vec<u32>,
    /// Whether text `i` has a sketch.
    has_sketch: Vec<bool>,
    /// (anchor key, text) entries.
    anchors: Vec<(u32, u32)>,
    /// (word-anchor key, text) entries.
    words: Vec<(u32, u32)>,
}

impl CandidateIndex {
    /// An empty index sampling one shingle in `2^anchor_bits` as an anchor
    /// and one distinct word in `2^word_bits` as a word anchor (both clamped
    /// to 1..=24; see [`crate::CopiesConfig`] for the defaults).
    pub fn new(anchor_bits: u32, word_bits: u32) -> Self {
        CandidateIndex {
            anchor_bits: anchor_bits.clamp(1, 24),
            word_bits: word_bits.clamp(1, 24),
            bands: Vec::new(),
            has_sketch: Vec::new(),
            anchors: Vec::new(),
            words: Vec::new(),
        }
    }

    /// Texts indexed so far.
    pub fn len(&self) -> usize {
        self.has_sketch.len()
    }

    /// Whether nothing was indexed.
    pub fn is_empty(&self) -> bool {
        self.has_sketch.is_empty()
    }

    /// Reserves room for `n` more texts (avoids doubling reallocations).
    pub fn reserve(&mut self, n: usize) {
        self.bands.reserve(n * BANDS);
        self.has_sketch.reserve(n);
    }

    /// Sketches and indexes a batch of texts (in parallel); they get the next
    /// ids in order.
    pub fn add_texts(&mut self, texts: &[&str]) {
        let (bits, wbits) = (self.anchor_bits, self.word_bits);
        let sigs: Vec<Signature> = texts
            .par_iter()
            .map(|t| {
                let (sh, toks) = shingles_of(t);
                signature_of_shingles(&sh, &toks, bits, wbits)
            })
            .collect();
        for s in sigs {
            self.push(s);
        }
    }

    /// Adds one precomputed signature.
    pub(crate) fn push(&mut self, s: Signature) {
        let id = self.has_sketch.len() as u32;
        match s.bands {
            Some(b) => {
                self.bands.extend_from_slice(&b);
                self.has_sketch.push(true);
            }
            None => {
                self.bands.extend_from_slice(&[0u32; BANDS]);
                self.has_sketch.push(false);
            }
        }
        self.anchors.extend(s.anchors.into_iter().map(|a| (a, id)));
        self.words.extend(s.words.into_iter().map(|a| (a, id)));
    }

    /// Candidate pairs `(i, j)`, `i < j`, sorted and distinct: texts sharing an
    /// LSH band bucket or at least two anchors.
    /// Consumes the index, so its memory is reused rather than copied.
    pub fn into_pairs(mut self) -> Vec<(u32, u32)> {
        let n = self.len();
        let mut out: Vec<u64> = Vec::new();
        let mut entries: Vec<u64> = Vec::with_capacity(n);
        for b in 0..BANDS {
            entries.clear();
            entries.extend(
                self.has_sketch
                    .iter()
                    .enumerate()
                    .filter(|&(_, &has)| has)
                    .map(|(i, _)| ((self.bands[i * BANDS + b] as u64) << 32) | i as u64),
            );
            entries.sort_unstable();
            emit_groups(&entries, BUCKET_CAP, &mut out);
            out.sort_unstable();
            out.dedup();
        }
        self.bands = Vec::new();
        // Anchors: pairs sharing >= MIN_SHARED_ANCHORS distinct anchors.
        let mut anchors = std::mem::take(&mut self.anchors);
        anchors.sort_unstable();
        let mut shared: Vec<u64> = Vec::new();
        let mut i = 0;
        while i < anchors.len() {
            let mut j = i + 1;
            while j < anchors.len() && anchors[j].0 == anchors[i].0 {
                j += 1;
            }
            if j - i >= 2 && j - i <= ANCHOR_DF_CAP {
                for x in i..j {
                    for y in x + 1..j {
                        shared.push(pack(anchors[x].1, anchors[y].1));
                    }
                }
            }
            i = j;
        }
        drop(anchors);
        shared.sort_unstable();
        let mut k = 0;
        while k < shared.len() {
            let mut m = k + 1;
            while m < shared.len() && shared[m] == shared[k] {
                m += 1;
            }
            if (m - k) as u32 >= MIN_SHARED_ANCHORS {
                out.push(shared[k]);
            }
            k = m;
        }
        out.extend(self.word_pairs());
        out.sort_unstable();
        out.dedup();
        out.into_iter()
            .map(|p| ((p >> 32) as u32, p as u32))
            .collect()
    }

    /// Pairs sharing at least `MIN_SHARED_WORDS` of the rarest sampled words
    /// each text keeps (`WORD_ANCHORS_KEPT` per text, so at most
    /// `WORD_ANCHORS_KEPT * ANCHOR_DF_CAP` pair entries per text).
    fn word_pairs(&mut self) -> Vec<u64> {
        let mut w = std::mem::take(&mut self.words);
        // Short texts: fewer than FEW_WORDS sampled distinct words.
        let mut count = vec![0u32; self.has_sketch.len()];
        for &(_, t) in &w {
            if let Some(c) = count.get_mut(t as usize) {
                *c += 1;
            }
        }
        let few: Vec<bool> = count.iter().map(|&c| (c as usize) < FEW_WORDS).collect();
        drop(count);
        w.sort_unstable();
        // (text, df, key) of words shared by 2..=cap texts.
        let mut per_text: Vec<(u32, u32, u32)> = Vec::new();
        for g in w.chunk_by(|x, y| x.0 == y.0) {
            if (2..=ANCHOR_DF_CAP).contains(&g.len()) {
                per_text.extend(g.iter().map(|&(k, t)| (t, g.len() as u32, k)));
            }
        }
        drop(w);
        per_text.sort_unstable();
        // Keep each text's rarest words.
        let mut kept: Vec<(u32, u32)> = Vec::new();
        for g in per_text.chunk_by(|x, y| x.0 == y.0) {
            kept.extend(g.iter().take(WORD_ANCHORS_KEPT).map(|&(t, _, k)| (k, t)));
        }
        drop(per_text);
        kept.sort_unstable();
        let mut shared: Vec<u64> = Vec::new();
        for g in kept.chunk_by(|x, y| x.0 == y.0) {
            for x in 0..g.len() {
                for y in x + 1..g.len() {
                    shared.push(pack(g[x].1, g[y].1));
                }
            }
        }
        drop(kept);
        shared.sort_unstable();
        shared
            .chunk_by(|x, y| x == y)
            .filter(|g| {
                g.len() as u32 >= MIN_SHARED_WORDS
                    || few[(g[0] >> 32) as usize]
                    || few[(g[0] as u32) as usize]
            })
            .map(|g| g[0])
            .collect()
    }
}

fn pack(a: u32, b: u32) -> u64 {
    let (x, y) = if a < b { (a, b) } else { (b, a) };
    ((x as u64) << 32) | y as u64
}

/// Pairs from sorted (key, id) entries: all pairs in small groups, a star
/// from the first member in groups larger than `cap`.
fn emit_groups(entries: &[u64], cap: usize, out: &mut Vec<u64>) {
    for g in entries.chunk_by(|x, y| x >> 32 == y >> 32) {
        let id = |k: usize| g[k] as u32;
        if g.len() > cap {
            for y in 1..g.len() {
                out.push(pack(id(0), id(y)));
            }
        } else {
            for x in 0..g.len() {
                for y in x + 1..g.len() {
                    out.push(pack(id(x), id(y)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, seed: u64) -> String {
        // Deterministic pseudo-random words (xorshift).
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                format!("w{}", x % 1_000_000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn check(texts: &[&str], expect: &[(u32, u32)]) {
        let mut ix = CandidateIndex::new(4, 2);
        ix.add_texts(texts);
        assert_eq!(ix.into_pairs(), expect);
    }

    #[test]
    fn near_duplicates_and_partial_reuse_are_candidates() {
        let a = words(600, 1);
        let b = words(600, 2);
        let c = words(600, 3);
        // Near-duplicate of a: a few words changed.
        let a2 = a.replacen("w", "x", 5);
        // Partial reuse: a quarter of c inside new text.
        let c_part: String = c.split(' ').take(150).collect::<Vec<_>>().join(" ");
        let mixed = format!("{} {}", words(450, 9), c_part);
        check(&[&a, &b, &a2, &c, &mixed], &[(0, 2), (3, 4)]);
    }

    #[test]
    fn short_reworded_text_pairs_on_one_shared_word() {
        // Two words of `a`, five apart (no shared 3-gram), each followed by a
        // new word: a short text sharing one sampled rare word with `a`
        // (with these seeds it fails when short texts need two, as long
        // ones do).
        let a = words(600, 1);
        let b = words(600, 2);
        let fresh = words(24, 5);
        let short: String = a
            .split(' ')
            .step_by(5)
            .take(2)
            .zip(fresh.split(' '))
            .map(|(x, y)| format!("{x} {y}"))
            .collect::<Vec<_>>()
            .join(" ");
        check(&[&a, &b, &short], &[(0, 2)]);
    }

    #[test]
    fn empty_texts_never_pair() {
        check(&["", "", ",,,"], &[]);
        check(&["one", "one", ""], &[(0, 1)]);
    }

    #[test]
    fn large_buckets_become_stars() {
        let t = words(50, 7);
        let texts: Vec<&str> = std::iter::repeat_n(t.as_str(), 200).collect();
        let mut ix = CandidateIndex::new(4, 2);
        ix.add_texts(&texts);
        let p = ix.into_pairs();
        assert_eq!(p.len(), 199);
        assert!(p.iter().all(|&(i, _)| i == 0));
    }

    #[test]
    fn sketches_are_densified_and_deterministic() {
        let s1 = sketch([5u64, 1 << 60].into_iter()).expect("sketch");
        let s2 = sketch([5u64, 1 << 60].into_iter()).expect("sketch");
        assert_eq!(s1, s2);
        assert!(s1.iter().all(|&v| v == 5 || v == 0));
        assert!(sketch(std::iter::empty()).is_none());
    }
}
