//! The compact per-article data that candidate scoring needs for every
//! article at once: sorted distinct shingle hashes, sorted distinct word ids
//! (a word's id is the rank of its hash among all words, so id order is hash
//! order), token counts, exact-duplicate keys, and the IDF table.
//!
//! Articles are tokenised in chunks of `CHUNK` (in parallel) and packed into
//! one exactly sized array per chunk, so memory holds about 8 bytes per
//! distinct shingle and 4 per distinct word, never the tokens, offsets or
//! sentences of all articles at once (the aligner re-tokenises the few it
//! needs).
//!
//! What it does NOT do: offsets, sentences, or any decision.

use crate::tokens::{for_each_shingle, token_hashes};
use crossread_core::KeyMap;
use rayon::prelude::*;

/// Seed of the exact-duplicate key.
const EXACT_SEED: u64 = 0x6578_6163_745f_6475; // "exact_du"

/// Articles per packed chunk (a power of two; 2,048 had the lowest peak of
/// 1,024..8,192 on both corpora of the stage example).
const CHUNK_BITS: u32 = 11;
const CHUNK: usize = 1 << CHUNK_BITS;

struct Chunk {
    s3: Vec<u64>,
    s1: Vec<u32>,
    /// `off3[k]..off3[k + 1]`: article k's shingles in `s3` (likewise `off1`).
    off3: Vec<usize>,
    off1: Vec<usize>,
}

/// The IDF of a word held by `df` of `n` texts: ln((n + 1) / (df + 1)) + 1,
/// with `n` at least 1 and `df` 0 (a word none of them holds) counted as 1.
pub(crate) fn idf_from(n: usize, df: u32) -> f32 {
    let n = n.max(1) as f32;
    let d = if df == 0 { 1.0 } else { df as f32 };
    ((n + 1.0) / (d + 1.0)).ln() + 1.0
}

/// The packed sets of all articles plus the word vocabulary.
pub(crate) struct Store {
    chunks: Vec<Chunk>,
    /// Tokens per article.
    pub ntok: Vec<u32>,
    /// Distinct shingles per article.
    pub n3: Vec<u32>,
    /// The article whose packed sets article `i` reads (itself, or the first
    /// earlier article with the same token sequence).
    alias: Vec<u32>,
    /// Key of the token sequence (xxh3 over the token hashes, `EXACT_SEED`).
    pub exact: Vec<u64>,
    /// Word hash by word id (ascending).
    pub vocab: Vec<u64>,
    /// Word id by hash.
    pub ids: KeyMap<u64, u32>,
    /// IDF by word id (see [`Store::set_idf`]); empty before.
    pub idf: Vec<f32>,
    /// IDF of a word no representative contains.
    pub idf_unseen: f32,
    /// Sum of the IDF of each article's distinct words, in id order.
    pub wsum: Vec<f64>,
}

impl Store {
    /// Tokenises and packs every text.
    pub(crate) fn build<'a>(texts: impl ExactSizeIterator<Item = &'a str>) -> Store {
        let n = texts.len();
        let texts: Vec<&str> = texts.collect();
        let mut st = Store {
            chunks: Vec::with_capacity(n.div_ceil(CHUNK)),
            ntok: Vec::with_capacity(n),
            n3: Vec::with_capacity(n),
            alias: Vec::with_capacity(n),
            exact: Vec::with_capacity(n),
            vocab: Vec::new(),
            ids: KeyMap::default(),
            idf: Vec::new(),
            idf_unseen: 1.0,
            wsum: Vec::new(),
        };
        let mut first: KeyMap<u64, u32> = KeyMap::default();
        for part in texts.chunks(CHUNK) {
            // (key, tokens, sorted distinct shingles, sorted distinct words)
            let prep: Vec<(u64, u32, Vec<u64>, Vec<u64>)> = part
                .par_iter()
                .map(|t| {
                    let mut toks = Vec::with_capacity(t.len() / 5);
                    token_hashes(t, &mut toks);
                    let mut h = xxhash_rust::xxh3::Xxh3::with_seed(EXACT_SEED);
                    for k in &toks {
                        h.update(&k.to_le_bytes());
                    }
                    let mut s3 = Vec::with_capacity(toks.len());
                    for_each_shingle(&toks, |x| s3.push(x));
                    s3.sort_unstable();
                    s3.dedup();
                    let ntok = u32::try_from(toks.len()).unwrap_or(u32::MAX);
                    toks.sort_unstable();
                    toks.dedup();
                    // Only the sets wait for packing: keep them exactly sized.
                    s3.shrink_to_fit();
                    toks.shrink_to_fit();
                    (h.digest(), ntok, s3, toks)
                })
                .collect();
            // An exact duplicate of an earlier article (same key and length)
            // reads that article's sets: a million copies cost one.
            let mut keep = Vec::with_capacity(prep.len());
            for (key, ntok, s3, _) in &prep {
                let i = st.ntok.len() as u32;
                let owner = match first.get(key) {
                    Some(&f) if st.ntok[f as usize] == *ntok => f,
                    Some(_) => i,
                    None => {
                        first.insert(*key, i);
                        i
                    }
                };
                st.exact.push(*key);
                st.ntok.push(*ntok);
                st.n3.push(u32::try_from(s3.len()).unwrap_or(u32::MAX));
                st.alias.push(owner);
                keep.push(owner == i);
            }
            let kept = || prep.iter().zip(&keep).filter(|x| *x.1).map(|x| x.0);
            let n3: usize = kept().map(|p| p.2.len()).sum();
            let n1: usize = kept().map(|p| p.3.len()).sum();
            let mut c = Chunk {
                s3: Vec::with_capacity(n3),
                s1: Vec::with_capacity(n1),
                off3: Vec::with_capacity(prep.len() + 1),
                off1: Vec::with_capacity(prep.len() + 1),
            };
            c.off3.push(0);
            c.off1.push(0);
            for ((_, _, s3, s1), own) in prep.into_iter().zip(keep) {
                if !own {
                    c.off3.push(c.s3.len());
                    c.off1.push(c.s1.len());
                    continue;
                }
                c.s3.extend_from_slice(&s3);
                c.off3.push(c.s3.len());
                for h in s1 {
                    let next = st.vocab.len() as u32;
                    let id = *st.ids.entry(h).or_insert_with(|| {
                        st.vocab.push(h);
                        next
                    });
                    c.s1.push(id);
                }
                c.off1.push(c.s1.len());
            }
            st.chunks.push(c);
        }
        // Renumber words by hash rank, so that id order is hash order.
        let mut order: Vec<u32> = (0..st.vocab.len() as u32).collect();
        order.sort_unstable_by_key(|&i| st.vocab[i as usize]);
        let mut rank = vec![0u32; order.len()];
        for (r, &old) in order.iter().enumerate() {
            rank[old as usize] = r as u32;
        }
        drop(order);
        for v in st.ids.values_mut() {
            *v = rank[*v as usize];
        }
        let mut sorted = vec![0u64; st.vocab.len()];
        for (old, &h) in st.vocab.iter().enumerate() {
            sorted[rank[old] as usize] = h;
        }
        st.vocab = sorted;
        for c in &mut st.chunks {
            // Each article's words were in hash order: they stay ascending.
            for id in &mut c.s1 {
                *id = rank[*id as usize];
            }
        }
        st
    }

    /// Frees the shingle sets ([`Store::s3`] is empty afterwards; `n3`
    /// keeps their sizes).
    pub(crate) fn drop_shingles(&mut self) {
        for c in &mut self.chunks {
            c.s3 = Vec::new();
            c.off3 = Vec::new();
        }
    }

    /// Sorted distinct shingle hashes of article `i` (until
    /// [`Store::drop_shingles`]).
    pub(crate) fn s3(&self, i: usize) -> &[u64] {
        let i = self.alias[i] as usize;
        let c = &self.chunks[i >> CHUNK_BITS];
        let k = i & (CHUNK - 1);
        match (c.off3.get(k), c.off3.get(k + 1)) {
            (Some(&x), Some(&y)) => &c.s3[x..y],
            _ => &[],
        }
    }

    /// Sorted distinct word ids of article `i`.
    pub(crate) fn s1(&self, i: usize) -> &[u32] {
        let i = self.alias[i] as usize;
        let c = &self.chunks[i >> CHUNK_BITS];
        let k = i & (CHUNK - 1);
        &c.s1[c.off1[k]..c.off1[k + 1]]
    }

    /// Sets the IDF from the word document frequencies over `reps`:
    /// ln((|reps| + 1) / (df + 1)) + 1, with df 1 for words no representative
    /// holds; and each article's IDF sum.
    pub(crate) fn set_idf(&mut self, reps: &[usize]) {
        let mut df = vec![0u32; self.vocab.len()];
        for &i in reps {
            for &w in self.s1(i) {
                df[w as usize] += 1;
            }
        }
        let f = |d: u32| idf_from(reps.len(), d);
        self.idf = df.into_iter().map(f).collect();
        self.idf_unseen = f(0);
        let n = self.ntok.len();
        self.wsum = (0..n)
            .map(|i| {
                self.s1(i)
                    .iter()
                    .map(|&w| self.idf[w as usize] as f64)
                    .sum()
            })
            .collect();
    }

    /// IDF of a word by its hash (the engine reads weights through its
    /// `Weights`, which may count a window instead).
    #[cfg(test)]
    pub(crate) fn idf_of(&self, h: u64) -> f32 {
        self.ids
            .get(&h)
            .map_or(self.idf_unseen, |&w| self.idf[w as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    /// Sorted distinct token hashes and shingles of `text`, from the full
    /// tokeniser (what the store must hold).
    fn sets(text: &str) -> (Vec<u64>, Vec<u64>) {
        let h: Vec<u64> = tokenize(text).toks.iter().map(|t| t.hash).collect();
        let mut s3 = Vec::new();
        for_each_shingle(&h, |x| s3.push(x));
        s3.sort_unstable();
        s3.dedup();
        let mut s1 = h;
        s1.sort_unstable();
        s1.dedup();
        (s1, s3)
    }

    #[test]
    fn word_ids_follow_hash_order_and_idf_counts_representatives() {
        let texts = [
            "the cat sat on the mat",
            "a dog sat; the dog ran",
            "",
            "the cat sat on the mat",
        ];
        let mut st = Store::build(texts.iter().copied());
        assert_eq!(st.ntok, vec![6, 6, 0, 6]);
        assert_eq!(st.exact[0], st.exact[3]);
        assert_ne!(st.exact[0], st.exact[1]);
        for (i, t) in texts.iter().enumerate() {
            let (s1, s3) = sets(t);
            let words: Vec<u64> = st.s1(i).iter().map(|&w| st.vocab[w as usize]).collect();
            assert_eq!(words, s1, "words of {t:?}");
            assert_eq!(st.s3(i), &s3[..], "shingles of {t:?}");
            assert_eq!(st.n3[i] as usize, s3.len());
        }
        // Ids ascend within each article because hashes do.
        assert!(st.vocab.windows(2).all(|w| w[0] < w[1]));
        // Representatives 0 and 1 ("the" and "sat" in both, "cat" in one).
        st.set_idf(&[0, 1]);
        let h = |w: &str| sets(w).0[0];
        let one = (3.0f32 / 2.0).ln() + 1.0;
        assert_eq!(st.idf_of(h("sat")), 1.0);
        assert_eq!(st.idf_of(h("cat")), one);
        // A word no representative holds counts as seen once.
        assert_eq!(st.idf_of(h("zebra")), one);
        let sum: f64 = sets(texts[1]).0.iter().map(|&x| st.idf_of(x) as f64).sum();
        assert_eq!(st.wsum[1], sum);
        // The copy reads the first one's sets; nothing of it is packed.
        assert_eq!(st.alias, vec![0, 1, 2, 0]);
        assert_eq!(
            st.chunks[0].s3.len(),
            sets(texts[0]).1.len() + sets(texts[1]).1.len()
        );
        st.drop_shingles();
        assert!(st.s3(0).is_empty());
        assert_eq!(st.n3[0] as usize, sets(texts[0]).1.len());
    }
}
