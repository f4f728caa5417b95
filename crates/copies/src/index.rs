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
//! are candidates (one, when either text is short: fewer than 25 sampled
//! words; `find_copies` samples twice as densely, `word_bits - 1`, in a
//! small collection: see `CopiesConfig::dense_below`). LSH buckets shared
//! by too many articles (boilerplate, mass duplication) are linked as a
//! star from their first member instead of all pairs, so a million
//! identical texts cost a million pairs, not 5 * 10^11.
//!
//! Anchors and word anchors shared by more than 32 texts are skipped, except
//! between dated texts close in time: such a key still links two texts
//! dated within 3 days of each other when each has at most 32 texts sharing
//! it within 3 days of its own date, in a window of at least 1,024 texts
//! (syndication happens within days; in a large stream a phrase common over
//! a year can be rare within a week, while in a thin window 32 texts are no
//! longer a small share). Undated texts count as dated on the latest date in
//! the index, so an undated collection gives the same pairs as before. The
//! engine's two-hop expansion reuses this window test (`DF_WINDOW_DAYS`,
//! `WINDOW_MIN_TEXTS`) to keep its budget within an article's own days.
//!
//! Cost: a text is sketched in one pass over its shingles with reused
//! buffers. Anchor and word-anchor entries are kept in 256 buckets by the
//! top byte of their key, each sorted alone (cache-sized); the pairs sharing
//! enough anchors are counted per text (the later members of its groups,
//! sorted), never by one sort of all pair entries.
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
/// Anchors shared by more articles than this are skipped for candidacy,
/// unless fewer share them within `DF_WINDOW_DAYS` (see [`windowed`]).
const ANCHOR_DF_CAP: usize = 32;
/// Days on either side of a dated text within which the document frequency
/// of an anchor or word anchor shared by more than `ANCHOR_DF_CAP` texts
/// overall is counted again (syndication happens within days, so a phrase
/// common over a year of news can still be rare within a week).
pub(crate) const DF_WINDOW_DAYS: i64 = 3;
/// ...provided the window holds at least this many texts: in a thin window
/// (a small collection spread over months) `ANCHOR_DF_CAP` texts are no
/// longer a small share, and common words would pass for rare.
pub(crate) const WINDOW_MIN_TEXTS: usize = 32 * ANCHOR_DF_CAP;
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

/// The word-anchor key of a token hash under sampling salt `salt`; the word
/// is an anchor at one in `2^word_bits` when the key's top `word_bits` bits
/// are zero ([`is_word_anchor`]).
#[inline]
pub(crate) fn word_key(token: u64, salt: u64) -> u64 {
    crate::tokens::fmix64(token ^ WORD_SEED ^ salt)
}

/// Whether a word-anchor key is sampled at one in `2^word_bits`.
#[inline]
pub(crate) fn is_word_anchor(key: u64, word_bits: u32) -> bool {
    key >> (64 - word_bits.clamp(1, 63)) == 0
}

/// Sorted, distinct word-anchor keys of `tokens` (token hashes, repeats
/// allowed), through `buf` (reused scratch; the filter is branch-free, a
/// quarter of the words passing at random would defeat the predictor).
fn word_keys(tokens: &[u64], word_bits: u32, salt: u64, buf: &mut Vec<u32>) -> Vec<u32> {
    buf.clear();
    buf.resize(tokens.len(), 0);
    let mut n = 0;
    for &t in tokens {
        let h = word_key(t, salt);
        if let Some(slot) = buf.get_mut(n) {
            *slot = h as u32;
        }
        n += is_word_anchor(h, word_bits) as usize;
    }
    let w = &mut buf[..n];
    w.sort_unstable();
    let mut out = Vec::with_capacity(n);
    out.extend(w.iter().copied());
    out.dedup();
    out
}

/// A shingle hash as the sampling salt sees it: itself under salt 0 (the
/// shipped sample), otherwise remixed, so that another salt bins, bands and
/// anchors another sample of the same shingles.
#[inline]
fn salted(h: u64, salt: u64) -> u64 {
    if salt == 0 {
        h
    } else {
        crate::tokens::fmix64(h ^ salt)
    }
}

/// Sketches one text from its shingle hashes and token hashes: OPH sketch,
/// band keys, anchors, word anchors (sets only matter: repeats and order
/// of either slice do not change the signature), under sampling salt `salt`
/// (0: the shipped sample).
pub(crate) fn signature_of_shingles(
    shingles: &[u64],
    tokens: &[u64],
    anchor_bits: u32,
    word_bits: u32,
    salt: u64,
) -> Signature {
    let bands = sketch(shingles.iter().map(|&h| salted(h, salt))).map(|s| band_keys(&s));
    let shift = 64 - anchor_bits.clamp(1, 63);
    let mut anchors: Vec<u32> = shingles
        .iter()
        .map(|&h| salted(h, salt))
        .filter(|&h| is_anchor(h, shift))
        .map(|h| h as u32)
        .collect();
    anchors.sort_unstable();
    anchors.dedup();
    let words = word_keys(tokens, word_bits, salt, &mut Vec::new());
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
    salt: u64,
    sc: &mut Scratch,
) -> Signature {
    sc.tokens.clear();
    token_hashes(text, &mut sc.tokens);
    let shift = 64 - anchor_bits.clamp(1, 63);
    let mut bins = Bins::new();
    let mut anchors: Vec<u32> = Vec::new();
    for_each_shingle(&sc.tokens, |h| {
        let h = salted(h, salt);
        bins.add(h);
        if is_anchor(h, shift) {
            anchors.push(h as u32);
        }
    });
    anchors.sort_unstable();
    anchors.dedup();
    let words = word_keys(&sc.tokens, word_bits, salt, &mut sc.words);
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
    /// Sampling salt (0: the shipped sample; see [`CandidateIndex::salted`]).
    salt: u64,
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
    /// Day number of each text's date, `None` when undated.
    days: Vec<Option<i64>>,
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
            salt: 0,
            bands: Vec::new(),
            has_sketch: Vec::new(),
            anchors: Buckets::new(),
            words: Buckets::new(),
            nwords: Vec::new(),
            days: Vec::new(),
        }
    }

    /// The same index drawing another fixed sample (sketch bins, bands,
    /// anchors and word anchors) of each text's shingles and words; salt 0,
    /// the default, is the shipped sample. For checking how much a result
    /// owes to one sample; set it before adding texts.
    pub fn salted(mut self, salt: u64) -> Self {
        self.salt = salt;
        self
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
        self.days.reserve(n);
    }

    /// Sketches and indexes a batch of undated texts (in parallel); they get
    /// the next ids in order.
    pub fn add_texts(&mut self, texts: &[&str]) {
        self.add_texts_dated(texts, &[]);
    }

    /// [`CandidateIndex::add_texts`] with each text's publication date
    /// (`dates[i]` for `texts[i]`, ISO `YYYY-MM-DD...`; missing or
    /// unreadable dates count as undated). Anchors shared by too many texts
    /// overall still link texts within `DF_WINDOW_DAYS` of each other when
    /// few share them there; undated texts count as dated on the latest date
    /// in the index (the newest news), so undated input gives the same pairs
    /// as [`CandidateIndex::add_texts`].
    pub fn add_texts_dated(&mut self, texts: &[&str], dates: &[Option<&str>]) {
        let (bits, wbits, salt) = (self.anchor_bits, self.word_bits, self.salt);
        let sigs: Vec<Signature> = texts
            .par_iter()
            .map_init(Scratch::default, |sc, t| {
                signature_of_text(t, bits, wbits, salt, sc)
            })
            .collect();
        for (i, s) in sigs.into_iter().enumerate() {
            self.push_dated(s, dates.get(i).copied().flatten());
        }
    }

    /// Adds one precomputed signature with the text's date (ISO).
    pub(crate) fn push_dated(&mut self, s: Signature, date: Option<&str>) {
        let id = self.has_sketch.len() as u32;
        self.days.push(date.and_then(crate::order::day_number));
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

    /// Each text's day for windowed document frequencies (undated texts on
    /// the latest date), or nothing when no text is dated.
    fn resolved_days(&self) -> Days {
        Days::resolve(&self.days)
    }

    /// Pairs sharing at least `MIN_SHARED_ANCHORS` anchors that each
    /// belong to 2..=`ANCHOR_DF_CAP` texts (overall, or within the window of
    /// both texts: [`windowed`]).
    fn anchor_pairs(&mut self) -> Vec<u64> {
        let day = self.resolved_days();
        let mut groups = Groups::default();
        let mut tmp = Vec::new();
        self.anchors.drain_sorted(|b| {
            for g in key_groups(b) {
                if (2..=ANCHOR_DF_CAP).contains(&g.len()) {
                    groups.push(g.iter().map(|&e| e as u32));
                } else if g.len() > ANCHOR_DF_CAP && !day.is_empty() {
                    windowed(g, &day, &mut tmp);
                    groups.push_windowed(tmp.iter().map(|x| x.0));
                }
            }
        });
        let mut out = Vec::new();
        groups.count_pairs(self.len(), &day, &mut out, |_, _, c| {
            c >= MIN_SHARED_ANCHORS
        });
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
        // Words shared by 2..=cap texts, overall or within a text's window
        // (groups, with each member's rank: document frequency, then key),
        // counted per text.
        let day = self.resolved_days();
        let mut count = vec![0u32; n];
        let mut groups = Groups::default();
        let mut rank: Vec<u64> = Vec::new();
        let mut tmp = Vec::new();
        self.words.drain_sorted(|b| {
            for g in key_groups(b) {
                let key = g[0] >> 32;
                if (2..=ANCHOR_DF_CAP).contains(&g.len()) {
                    for &e in g {
                        count[e as u32 as usize] += 1;
                    }
                    groups.push(g.iter().map(|&e| e as u32));
                    rank.extend(std::iter::repeat_n(((g.len() as u64) << 32) | key, g.len()));
                } else if g.len() > ANCHOR_DF_CAP && !day.is_empty() {
                    windowed(g, &day, &mut tmp);
                    if tmp.len() >= 2 {
                        for &(t, df) in &tmp {
                            count[t as usize] += 1;
                            rank.push(((df as u64) << 32) | key);
                        }
                        groups.push_windowed(tmp.iter().map(|x| x.0));
                    }
                }
            }
        });
        // A text with more than WORD_ANCHORS_KEPT of them keeps its rarest:
        // those up to its cut-off rank.
        if count.iter().any(|&c| c as usize > WORD_ANCHORS_KEPT) {
            let mut over: Vec<(u32, u64)> = Vec::new();
            for (&t, &r) in groups.members.iter().zip(&rank) {
                if count[t as usize] as usize > WORD_ANCHORS_KEPT {
                    over.push((t, r));
                }
            }
            over.sort_unstable();
            let mut cutoff = vec![u64::MAX; n];
            for g in over.chunk_by(|x, y| x.0 == y.0) {
                cutoff[g[0].0 as usize] = g[WORD_ANCHORS_KEPT - 1].1;
            }
            let mut kept = Groups::default();
            for g in 0..groups.off.len() {
                let (r, m) = (groups.range(g), groups.get(g));
                let keep = m
                    .iter()
                    .zip(&rank[r])
                    .filter(|&(&t, &r)| r <= cutoff[t as usize])
                    .map(|(&t, _)| t);
                if groups.windowed[g] {
                    kept.push_windowed(keep);
                } else {
                    kept.push(keep);
                }
            }
            groups = kept;
        }
        drop(count);
        drop(rank);
        let mut out = Vec::new();
        groups.count_pairs(n, &day, &mut out, |x, y, c| {
            c >= MIN_SHARED_WORDS || few[x as usize] || few[y as usize]
        });
        out
    }
}

/// The day of every text, for windowed document frequencies (also the
/// engine's test for a busy window).
#[derive(Default)]
pub(crate) struct Days {
    /// Day of text `t`.
    day: Vec<i64>,
    /// All of them, sorted (texts per window).
    sorted: Vec<i64>,
}

impl Days {
    /// Days of texts `0..days.len()` from their parsed dates: undated texts
    /// on the latest date, nothing at all when no text is dated.
    pub(crate) fn resolve(days: &[Option<i64>]) -> Days {
        let Some(&today) = days.iter().flatten().max() else {
            return Days::default();
        };
        let day: Vec<i64> = days.iter().map(|d| d.unwrap_or(today)).collect();
        let mut sorted = day.clone();
        sorted.sort_unstable();
        Days { day, sorted }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// Day of text `t` (0 past the end).
    pub(crate) fn of(&self, t: u32) -> i64 {
        self.day.get(t as usize).copied().unwrap_or(0)
    }

    /// Texts dated within `DF_WINDOW_DAYS` of day `d`.
    fn in_window(&self, d: i64) -> usize {
        let lo = self
            .sorted
            .partition_point(|&x| x < d.saturating_sub(DF_WINDOW_DAYS));
        let hi = self
            .sorted
            .partition_point(|&x| x <= d.saturating_add(DF_WINDOW_DAYS));
        hi - lo
    }

    /// Whether day `d`'s window holds at least `WINDOW_MIN_TEXTS` texts: the
    /// busy windows where windowed anchors apply.
    pub(crate) fn busy(&self, d: i64) -> bool {
        self.in_window(d) >= WINDOW_MIN_TEXTS
    }
}

/// The members of a key group shared by more than `ANCHOR_DF_CAP` texts
/// that it may still link, into `out` as (text, local document frequency)
/// in (day, text) order: those with 2..=`ANCHOR_DF_CAP` texts of the group
/// (themselves included) within `DF_WINDOW_DAYS` of their own day, in a
/// window of at least `WINDOW_MIN_TEXTS` texts. Two of them are linked by
/// the key only when within `DF_WINDOW_DAYS` of each other
/// ([`Groups::count_pairs`]), so each text gets at most `ANCHOR_DF_CAP`
/// pairs per key, whatever the group's size.
fn windowed(g: &[u64], days: &Days, out: &mut Vec<(u32, u32)>) {
    let mut byday: Vec<(i64, u32)> = g.iter().map(|&e| (days.of(e as u32), e as u32)).collect();
    byday.sort_unstable();
    out.clear();
    let (mut lo, mut hi) = (0, 0);
    for &(d, t) in &byday {
        while byday[lo].0 < d.saturating_sub(DF_WINDOW_DAYS) {
            lo += 1;
        }
        while hi < byday.len() && byday[hi].0 <= d.saturating_add(DF_WINDOW_DAYS) {
            hi += 1;
        }
        let df = hi - lo;
        if (2..=ANCHOR_DF_CAP).contains(&df) && days.busy(d) {
            out.push((t, df as u32));
        }
    }
}

/// Groups of texts, flat: a plain group in ascending text order links all
/// its pairs; a windowed one, in (day, text) order, only those within
/// `DF_WINDOW_DAYS` of each other.
#[derive(Default)]
struct Groups {
    members: Vec<u32>,
    /// Group `g` is `members[off[g]..off[g + 1]]` (`off[0] = 0` implied).
    off: Vec<u32>,
    /// Whether group `g` is windowed.
    windowed: Vec<bool>,
}

impl Groups {
    /// Adds a group (ascending texts); one of fewer than two is dropped.
    fn push(&mut self, texts: impl Iterator<Item = u32>) {
        self.push_group(texts, false);
    }

    /// Adds a windowed group (texts in day order); one of fewer than two is
    /// dropped.
    fn push_windowed(&mut self, texts: impl Iterator<Item = u32>) {
        self.push_group(texts, true);
    }

    fn push_group(&mut self, texts: impl Iterator<Item = u32>, windowed: bool) {
        let start = self.members.len();
        self.members.extend(texts);
        if self.members.len() - start < 2 {
            self.members.truncate(start);
        } else {
            self.off.push(self.members.len() as u32);
            self.windowed.push(windowed);
        }
    }

    /// Where group `g` lies in `members`.
    fn range(&self, g: usize) -> std::ops::Range<usize> {
        let a = if g == 0 { 0 } else { self.off[g - 1] as usize };
        a..self.off[g] as usize
    }

    /// The texts of group `g`.
    fn get(&self, g: usize) -> &[u32] {
        &self.members[self.range(g)]
    }

    /// Appends to `out` every pair `(x, y)`, `x < y`, packed and in
    /// ascending order, that shares `c` groups with `keep(x, y, c)`: per
    /// text `x`, the later members of its groups, sorted and counted (small
    /// lists, never one sort of all pair entries).
    /// `days` holds each text's day (needed only for windowed groups).
    fn count_pairs(
        &self,
        n: usize,
        days: &Days,
        out: &mut Vec<u64>,
        keep: impl Fn(u32, u32, u32) -> bool,
    ) {
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
                if self.windowed[g as usize] {
                    // Members in day order: those within the window of x.
                    let dx = days.of(x);
                    let lo = m.partition_point(|&y| days.of(y) < dx.saturating_sub(DF_WINDOW_DAYS));
                    let hi =
                        m.partition_point(|&y| days.of(y) <= dx.saturating_add(DF_WINDOW_DAYS));
                    later.extend(m[lo..hi].iter().filter(|&&y| y > x));
                } else {
                    // Members ascend: the later ones follow x.
                    let at = m.partition_point(|&y| y <= x);
                    later.extend_from_slice(&m[at..]);
                }
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
        for (bits, wbits, salt) in [(5, 2, 0), (1, 1, 0), (3, 4, 0), (5, 2, 9)] {
            for t in texts {
                let mut toks = Vec::new();
                crate::tokens::token_hashes(t, &mut toks);
                let mut sh = Vec::new();
                for_each_shingle(&toks, |h| sh.push(h));
                let a = signature_of_shingles(&sh, &toks, bits, wbits, salt);
                let b = signature_of_text(t, bits, wbits, salt, &mut sc);
                assert_eq!(a.bands, b.bands, "{t:?}");
                assert_eq!(a.anchors, b.anchors, "{t:?}");
                assert_eq!(a.words, b.words, "{t:?}");
                // Sets only: sorted, distinct input gives the same result.
                sh.sort_unstable();
                sh.dedup();
                toks.sort_unstable();
                toks.dedup();
                let c = signature_of_shingles(&sh, &toks, bits, wbits, salt);
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
        assert_eq!(word_keys(&toks, 2, 0, &mut vec![7; 3]), want);
    }

    #[test]
    fn common_anchors_link_texts_close_in_time() {
        // 40 texts (more than ANCHOR_DF_CAP) share one 20-word phrase in
        // otherwise unrelated text. Undated, the phrase's anchors are too
        // common to link anything. Dated a week apart, except text 1 (the
        // day of text 0) and text 3 (3 days after text 2), those two pairs
        // share the anchors with no other text within DF_WINDOW_DAYS, and
        // pair when their windows are busy: 1,100 unrelated short texts on
        // each of days 0 and 15 (the ids after 39).
        let phrase = words(20, 99);
        let mut texts: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "{} {} {}",
                    words(150, 1000 + i),
                    phrase,
                    words(150, 2000 + i)
                )
            })
            .collect();
        texts.extend((0..2200).map(|i| words(20, 5000 + i)));
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        // Day d of 2024 in months of 28 days (all valid dates).
        let date = |d: usize| format!("2024-{:02}-{:02}", 1 + d / 28, 1 + d % 28);
        let dates: Vec<String> = (0..texts.len())
            .map(|i| match i {
                1 => date(0),
                3 => date(17),
                0..40 => date(7 * i),
                _ if i < 40 + 1100 => date(0),
                _ => date(15),
            })
            .collect();
        let dated: Vec<Option<&str>> = dates.iter().map(|d| Some(d.as_str())).collect();
        let run = |texts: &[&str], dates: &[Option<&str>]| {
            let mut ix = CandidateIndex::new(1, 24);
            ix.add_texts_dated(texts, dates);
            ix.into_pairs()
        };
        assert_eq!(run(&refs, &[]), vec![]);
        assert_eq!(run(&refs, &vec![None; refs.len()]), vec![]);
        assert_eq!(run(&refs, &dated), vec![(0, 1), (2, 3)]);
        // Thin windows (no busy days): nothing.
        assert_eq!(run(&refs[..40], &dated[..40]), vec![]);
        // Undated texts count as dated on the latest date (text 2's here),
        // where the window is thin; texts 0 and 1 still pair.
        let mut some = dated.clone();
        for d in &mut some[3..40] {
            *d = None;
        }
        some[2] = Some("2024-09-01");
        assert_eq!(run(&refs, &some), vec![(0, 1)]);
        // Unreadable dates count as undated.
        some[1] = Some("yesterday");
        assert_eq!(run(&refs, &some), vec![]);
    }

    #[test]
    fn windowed_members_and_local_frequencies() {
        // Entries key 7; texts with days: a burst of three on days 100-102,
        // one alone on day 200, and 40 texts on day 0; 2,000 more texts
        // (not in the group) on day 101 make the burst's windows busy.
        let mut day = vec![0i64; 44];
        day[40] = 100;
        day[41] = 101;
        day[42] = 102;
        day[43] = 200;
        let days = |day: &[i64]| {
            let mut sorted = day.to_vec();
            sorted.extend(std::iter::repeat_n(101, 2000));
            sorted.sort_unstable();
            Days {
                day: day.to_vec(),
                sorted,
            }
        };
        let g: Vec<u64> = (0..44u64).map(|t| (7 << 32) | t).collect();
        let mut out = Vec::new();
        windowed(&g, &days(&day), &mut out);
        assert_eq!(out, vec![(40, 3), (41, 3), (42, 3)]);
        // A window reaches DF_WINDOW_DAYS days on either side: text 43 on
        // day 105 is in the windows of 42 (day 102) and of itself only, and
        // its own window (days 102..=108) is thin.
        day[43] = 102 + DF_WINDOW_DAYS;
        windowed(&g, &days(&day), &mut out);
        assert_eq!(out, vec![(40, 3), (41, 3), (42, 4)]);
        // Without the busy day, every window is thin.
        let thin = Days {
            day: day.clone(),
            sorted: {
                let mut s = day.clone();
                s.sort_unstable();
                s
            },
        };
        windowed(&g, &thin, &mut out);
        assert_eq!(out, vec![]);
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
