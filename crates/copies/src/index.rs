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
//! Cost: a text is sketched in one pass over its shingles with reused
//! buffers. Anchor and word-anchor entries are kept in 256 buckets by the
//! top byte of their key, each sorted alone (cache-sized); the pairs sharing enough anchors are counted per text (the later members
//! of its groups, sorted), never by one sort of all pair entries.
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
    let mut bins = Bins::new();
    for h in shingles {
        bins.add(h);
    }
    bins.finish()
}

/// The bins of a one-permutation sketch being filled.
struct Bins {
    /// u32::MAX marks an empty bin (a shingle whose low 32 bits are all ones
    /// counts as absent: harmless, it only changes which bins densify).
    bins: [u32; BINS],
    any: bool,
}

impl Bins {
    fn new() -> Self {
        Bins {
            bins: [u32::MAX; BINS],
            any: false,
        }
    }

    #[inline]
    fn add(&mut self, h: u64) {
        let b = (h >> 57) as usize; // top 7 bits pick the bin
        self.bins[b] = self.bins[b].min(h as u32);
        self.any = true;
    }

    /// The densified sketch, `None` when nothing was added.
    fn finish(self) -> Option<[u32; BINS]> {
        if self.any {
            Some(densify(self.bins))
        } else {
            None
        }
    }
}

/// Fills the empty bins of a sketch.
fn densify(mut bins: [u32; BINS]) -> [u32; BINS] {
    let filled: [bool; BINS] = std::array::from_fn(|i| bins[i] != u32::MAX);
    if !filled.iter().any(|&f| f) {
        return bins;
    }
    if filled.iter().all(|&f| f) {
        return bins;
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
    bins
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

/// Whether a shingle hash is an anchor: its `anchor_bits` bits below the
/// bin bits are zero (`shift = 64 - anchor_bits`).
#[inline]
fn is_anchor(h: u64, shift: u32) -> bool {
    (h << 7) >> shift == 0
}

/// Sorted, distinct word-anchor keys of `tokens` (token hashes, repeats
/// allowed), through `buf` (reused scratch; the filter is branch-free, a
/// quarter of the words passing at random would defeat the predictor).
fn word_keys(tokens: &[u64], word_bits: u32, buf: &mut Vec<u32>) -> Vec<u32> {
    let wshift = 64 - word_bits.clamp(1, 63);
    buf.clear();
    buf.resize(tokens.len(), 0);
    let mut n = 0;
    for &t in tokens {
        let h = crate::tokens::fmix64(t ^ WORD_SEED);
        if let Some(slot) = buf.get_mut(n) {
            *slot = h as u32;
        }
        n += (h >> wshift == 0) as usize;
    }
    let w = &mut buf[..n];
    w.sort_unstable();
    let mut out = Vec::with_capacity(n);
    out.extend(w.iter().copied());
    out.dedup();
    out
}

/// Sketches one text from its shingle hashes and token hashes: OPH sketch,
/// band keys, anchors, word anchors (sets only matter: repeats and order
/// of either slice do not change the signature).
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
        .filter(|&&h| is_anchor(h, shift))
        .map(|&h| h as u32)
        .collect();
    anchors.sort_unstable();
    anchors.dedup();
    let words = word_keys(tokens, word_bits, &mut Vec::new());
    Signature {
        bands,
        anchors,
        words,
    }
}

/// Reusable buffers of [`signature_of_text`] (one per worker thread).
#[derive(Default)]
pub(crate) struct Scratch {
    tokens: Vec<u64>,
    words: Vec<u32>,
}

/// [`signature_of_shingles`] straight from a text, in one pass over its
/// shingles (no shingle list) and with reused buffers: the same signature.
pub(crate) fn signature_of_text(
    text: &str,
    anchor_bits: u32,
    word_bits: u32,
    sc: &mut Scratch,
) -> Signature {
    sc.tokens.clear();
    token_hashes(text, &mut sc.tokens);
    let shift = 64 - anchor_bits.clamp(1, 63);
    let mut bins = Bins::new();
    let mut anchors: Vec<u32> = Vec::new();
    for_each_shingle(&sc.tokens, |h| {
        bins.add(h);
        if is_anchor(h, shift) {
            anchors.push(h as u32);
        }
    });
    anchors.sort_unstable();
    anchors.dedup();
    let words = word_keys(&sc.tokens, word_bits, &mut sc.words);
    Signature {
        bands: bins.finish().map(|s| band_keys(&s)),
        anchors,
        words,
    }
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
    /// Anchor entries.
    anchors: Buckets,
    /// Word-anchor entries.
    words: Buckets,
    /// Sampled distinct words of each text.
    nwords: Vec<u32>,
}

/// Entries per block of [`Buckets`] (32 KB).
const BLOCK: usize = 4096;

/// `key << 32 | text` entries in 256 buckets by the top byte of the key,
/// each a list of fixed-size blocks: the index grows without reallocating
/// (no copies, no freed holes in the heap), and the pairs step sorts one
/// cache-sized bucket at a time instead of all entries at once.
#[derive(Debug, Clone)]
struct Buckets {
    lists: Vec<Vec<Vec<u64>>>,
}

impl Buckets {
    fn new() -> Self {
        Buckets {
            lists: vec![Vec::new(); 256],
        }
    }

    #[inline]
    fn push(&mut self, key: u32, text: u32) {
        let e = ((key as u64) << 32) | text as u64;
        let list = &mut self.lists[(key >> 24) as usize];
        match list.last_mut() {
            Some(b) if b.len() < BLOCK => b.push(e),
            _ => {
                let mut b = Vec::with_capacity(BLOCK);
                b.push(e);
                list.push(b);
            }
        }
    }

    /// Empties the buckets, calling `f` with each one's entries sorted (so
    /// in key order overall, texts ascending within a key); each bucket's
    /// blocks are freed as soon as they are copied out.
    fn drain_sorted(&mut self, mut f: impl FnMut(&[u64])) {
        let mut run: Vec<u64> = Vec::new();
        for list in &mut self.lists {
            run.clear();
            for b in std::mem::take(list) {
                run.extend_from_slice(&b);
            }
            run.sort_unstable();
            f(&run);
        }
    }
}

/// Groups of equal key in a sorted bucket of `key << 32 | text` entries.
fn key_groups(b: &[u64]) -> impl Iterator<Item = &[u64]> {
    b.chunk_by(|x, y| x >> 32 == y >> 32)
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
            anchors: Buckets::new(),
            words: Buckets::new(),
            nwords: Vec::new(),
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
        self.nwords.reserve(n);
    }

    /// Sketches and indexes a batch of texts (in parallel); they get the next
    /// ids in order.
    pub fn add_texts(&mut self, texts: &[&str]) {
        let (bits, wbits) = (self.anchor_bits, self.word_bits);
        let sigs: Vec<Signature> = texts
            .par_iter()
            .map_init(Scratch::default, |sc, t| {
                signature_of_text(t, bits, wbits, sc)
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
        for a in s.anchors {
            self.anchors.push(a, id);
        }
        self.nwords
            .push(u32::try_from(s.words.len()).unwrap_or(u32::MAX));
        for a in s.words {
            self.words.push(a, id);
        }
    }

    /// Candidate pairs `(i, j)`, `i < j`, sorted and distinct: texts sharing an
    /// LSH band bucket or at least two anchors.
    /// Consumes the index, so its memory is reused rather than copied.
    pub fn into_pairs(mut self) -> Vec<(u32, u32)> {
        let n = self.len();
        let mut out: Vec<u64> = Vec::new();
        let mut entries: Vec<u64> = Vec::with_capacity(n);
        let mut scratch: Vec<u64> = Vec::new();
        for b in 0..BANDS {
            entries.clear();
            entries.extend(
                self.has_sketch
                    .iter()
                    .enumerate()
                    .filter(|&(_, &has)| has)
                    .map(|(i, _)| ((self.bands[i * BANDS + b] as u64) << 32) | i as u64),
            );
            sort_by_high_half(&mut entries, &mut scratch);
            emit_groups(&entries, BUCKET_CAP, &mut out);
            out.sort_unstable();
            out.dedup();
        }
        self.bands = Vec::new();
        // Anchors: pairs sharing >= MIN_SHARED_ANCHORS distinct anchors.
        out.extend(self.anchor_pairs());
        out.extend(self.word_pairs());
        out.sort_unstable();
        out.dedup();
        out.into_iter()
            .map(|p| ((p >> 32) as u32, p as u32))
            .collect()
    }

    /// Pairs sharing at least `MIN_SHARED_ANCHORS` anchors that each
    /// belong to 2..=`ANCHOR_DF_CAP` texts.
    fn anchor_pairs(&mut self) -> Vec<u64> {
        let mut groups = Groups::default();
        self.anchors.drain_sorted(|b| {
            for g in key_groups(b).filter(|g| (2..=ANCHOR_DF_CAP).contains(&g.len())) {
                groups.push(g.iter().map(|&e| e as u32));
            }
        });
        let mut out = Vec::new();
        groups.count_pairs(self.len(), &mut out, |_, _, c| c >= MIN_SHARED_ANCHORS);
        out
    }

    /// Pairs sharing at least `MIN_SHARED_WORDS` of the rarest sampled words
    /// each text keeps (`WORD_ANCHORS_KEPT` per text, so at most
    /// `WORD_ANCHORS_KEPT * ANCHOR_DF_CAP` pair entries per text).
    fn word_pairs(&mut self) -> Vec<u64> {
        let n = self.len();
        // Short texts: fewer than FEW_WORDS sampled distinct words.
        let few: Vec<bool> = self
            .nwords
            .iter()
            .map(|&c| (c as usize) < FEW_WORDS)
            .collect();
        // Words shared by 2..=cap texts (groups, with their rank: document
        // frequency, then key), counted per text.
        let mut count = vec![0u32; n];
        let mut groups = Groups::default();
        let mut rank: Vec<u64> = Vec::new();
        self.words.drain_sorted(|b| {
            for g in key_groups(b).filter(|g| (2..=ANCHOR_DF_CAP).contains(&g.len())) {
                for &e in g {
                    count[e as u32 as usize] += 1;
                }
                groups.push(g.iter().map(|&e| e as u32));
                rank.push(((g.len() as u64) << 32) | g[0] >> 32);
            }
        });
        // A text with more than WORD_ANCHORS_KEPT of them keeps its rarest:
        // those up to its cut-off rank.
        if count.iter().any(|&c| c as usize > WORD_ANCHORS_KEPT) {
            let mut over: Vec<(u32, u64)> = Vec::new();
            for (g, &r) in rank.iter().enumerate() {
                for &t in groups.get(g) {
                    if count[t as usize] as usize > WORD_ANCHORS_KEPT {
                        over.push((t, r));
                    }
                }
            }
            over.sort_unstable();
            let mut cutoff = vec![u64::MAX; n];
            for g in over.chunk_by(|x, y| x.0 == y.0) {
                cutoff[g[0].0 as usize] = g[WORD_ANCHORS_KEPT - 1].1;
            }
            let mut kept = Groups::default();
            for (g, &r) in rank.iter().enumerate() {
                kept.push(
                    groups
                        .get(g)
                        .iter()
                        .copied()
                        .filter(|&t| r <= cutoff[t as usize]),
                );
            }
            groups = kept;
        }
        drop(count);
        drop(rank);
        let mut out = Vec::new();
        groups.count_pairs(n, &mut out, |x, y, c| {
            c >= MIN_SHARED_WORDS || few[x as usize] || few[y as usize]
        });
        out
    }
}

/// Groups of texts (each in ascending text order), flat.
#[derive(Default)]
struct Groups {
    members: Vec<u32>,
    /// Group `g` is `members[off[g]..off[g + 1]]` (`off[0] = 0` implied).
    off: Vec<u32>,
}

impl Groups {
    /// Adds a group (ascending texts); one of fewer than two is dropped.
    fn push(&mut self, texts: impl Iterator<Item = u32>) {
        let start = self.members.len();
        self.members.extend(texts);
        if self.members.len() - start < 2 {
            self.members.truncate(start);
        } else {
            self.off.push(self.members.len() as u32);
        }
    }

    /// The texts of group `g`.
    fn get(&self, g: usize) -> &[u32] {
        let a = if g == 0 { 0 } else { self.off[g - 1] as usize };
        &self.members[a..self.off[g] as usize]
    }

    /// Appends to `out` every pair `(x, y)`, `x < y`, packed and in
    /// ascending order, that shares `c` groups with `keep(x, y, c)`: per
    /// text `x`, the later members of its groups, sorted and counted (small
    /// lists, never one sort of all pair entries).
    fn count_pairs(&self, n: usize, out: &mut Vec<u64>, keep: impl Fn(u32, u32, u32) -> bool) {
        // The groups of each text.
        let mut toff = vec![0u32; n + 1];
        for &m in &self.members {
            toff[m as usize + 1] += 1;
        }
        for i in 0..n {
            toff[i + 1] += toff[i];
        }
        let mut fill = toff.clone();
        let mut tg = vec![0u32; self.members.len()];
        for g in 0..self.off.len() {
            for &m in self.get(g) {
                tg[fill[m as usize] as usize] = g as u32;
                fill[m as usize] += 1;
            }
        }
        drop(fill);
        let mut later: Vec<u32> = Vec::new();
        for x in 0..n as u32 {
            later.clear();
            for &g in &tg[toff[x as usize] as usize..toff[x as usize + 1] as usize] {
                let m = self.get(g as usize);
                // Members ascend: the later ones follow x.
                let at = m.partition_point(|&y| y <= x);
                later.extend_from_slice(&m[at..]);
            }
            later.sort_unstable();
            for r in later.chunk_by(|a, b| a == b) {
                if keep(x, r[0], r.len() as u32) {
                    out.push(pack(x, r[0]));
                }
            }
        }
    }
}

/// Sorts `v` by its high 32 bits, stably (LSD radix sort, three passes of
/// 11, 11 and 10 bits through `scratch`): entries pushed in ascending low
/// halves come out exactly as `sort_unstable` would order them.
fn sort_by_high_half(v: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    const SHIFTS: [u32; 3] = [32, 43, 54];
    let mut counts = [[0usize; 2048]; 3];
    for &x in v.iter() {
        for (c, &sh) in counts.iter_mut().zip(&SHIFTS) {
            c[((x >> sh) & 2047) as usize] += 1;
        }
    }
    scratch.clear();
    scratch.resize(v.len(), 0);
    for (c, &sh) in counts.iter_mut().zip(&SHIFTS) {
        let mut at = 0;
        for k in c.iter_mut() {
            let m = *k;
            *k = at;
            at += m;
        }
        for &x in v.iter() {
            let d = ((x >> sh) & 2047) as usize;
            scratch[c[d]] = x;
            c[d] += 1;
        }
        std::mem::swap(v, scratch);
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
    fn text_signature_equals_shingle_signature() {
        // The fused path (one pass, reused buffers) against the plain one
        // over the shingle and token lists, on long, short, empty,
        // non-ASCII and repetitive texts, with the same scratch throughout.
        let long = words(700, 4);
        let texts = [
            long.as_str(),
            "",
            "one",
            "two words",
            "Ünïcode wörds, 中文字 and ASCII; the the the the the the",
            &long[..long.len() / 3],
        ];
        let mut sc = Scratch::default();
        for (bits, wbits) in [(5, 2), (1, 1), (3, 4)] {
            for t in texts {
                let mut toks = Vec::new();
                crate::tokens::token_hashes(t, &mut toks);
                let mut sh = Vec::new();
                for_each_shingle(&toks, |h| sh.push(h));
                let a = signature_of_shingles(&sh, &toks, bits, wbits);
                let b = signature_of_text(t, bits, wbits, &mut sc);
                assert_eq!(a.bands, b.bands, "{t:?}");
                assert_eq!(a.anchors, b.anchors, "{t:?}");
                assert_eq!(a.words, b.words, "{t:?}");
                // Sets only: sorted, distinct input gives the same result.
                sh.sort_unstable();
                sh.dedup();
                toks.sort_unstable();
                toks.dedup();
                let c = signature_of_shingles(&sh, &toks, bits, wbits);
                assert_eq!((a.bands, a.anchors, a.words), (c.bands, c.anchors, c.words));
            }
        }
        // Word keys: a quarter of the words at random, sorted and distinct
        // (checked against a plain filter).
        let toks: Vec<u64> = (0..1000u64).map(|i| i % 300).collect();
        let mut want: Vec<u32> = toks
            .iter()
            .map(|&t| crate::tokens::fmix64(t ^ WORD_SEED))
            .filter(|h| h >> 62 == 0)
            .map(|h| h as u32)
            .collect();
        want.sort_unstable();
        want.dedup();
        assert!(want.len() > 40 && want.len() < 110, "{}", want.len());
        assert_eq!(word_keys(&toks, 2, &mut vec![7; 3]), want);
    }

    #[test]
    fn radix_sort_equals_sort() {
        // Keys with many repeats, low halves ascending as the index pushes
        // them (xorshift keys over a small range and over all 32 bits).
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for (n, range) in [(0usize, 1u64), (1, 1), (5000, 50), (5000, 1 << 32)] {
            let mut v: Vec<u64> = (0..n as u64)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % range) << 32) | i
                })
                .collect();
            let mut want = v.clone();
            want.sort_unstable();
            sort_by_high_half(&mut v, &mut Vec::new());
            assert_eq!(v, want);
        }
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
