//! Alignment of one article against its chosen sources: greedy string tiling
//! (verbatim runs, longest first, each source token used once) and an
//! IDF-weighted sentence alignment (reworded sentences), turned into passages
//! and into the coverage figures that decide `derived`.
//!
//! Tiling follows Wise's Greedy String Tiling (1993) with hashed seeds of
//! `MIN_TILE` tokens; a seed inside a match already found on the same source
//! is skipped and each seed key keeps at most `MAX_POSITIONS` source
//! positions, so time stays near-linear on repetitive or huge texts.
//!
//! What it does NOT do: choose sources (`decide`), or look at anything but the
//! token hashes and offsets it is given.

use crate::tokens::Token;
use crossread_core::KeyMap;

/// Lists of `u32` values by `u64` key, in insertion order, at most `cap` per
/// key, in two flat arrays (no allocation per key).
struct Lists {
    /// Key -> (first entry, last entry, entries).
    heads: KeyMap<u64, (u32, u32, u32)>,
    /// (value, next entry or `u32::MAX`).
    items: Vec<(u32, u32)>,
    cap: usize,
}

impl Lists {
    fn with_capacity(n: usize, cap: usize) -> Lists {
        Lists {
            heads: KeyMap::with_capacity_and_hasher(n, Default::default()),
            items: Vec::with_capacity(n),
            cap,
        }
    }

    fn push(&mut self, key: u64, v: u32) {
        let at = self.items.len() as u32;
        match self.heads.get_mut(&key) {
            Some(h) => {
                if (h.2 as usize) < self.cap {
                    self.items[h.1 as usize].1 = at;
                    self.items.push((v, u32::MAX));
                    h.1 = at;
                    h.2 += 1;
                }
            }
            None => {
                self.heads.insert(key, (at, at, 1));
                self.items.push((v, u32::MAX));
            }
        }
    }

    /// The values of `key`, in insertion order.
    fn get(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.heads.get(&key).map_or(u32::MAX, |h| h.0);
        std::iter::from_fn(move || {
            let (v, next) = *self.items.get(at as usize)?;
            at = next;
            Some(v)
        })
    }
}

/// Source positions kept per seed key.
const MAX_POSITIONS: usize = 8;
/// Postings kept per token in the sentence index.
const MAX_POSTINGS: usize = 256;

/// A tokenised article as the aligner sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct View<'a> {
    /// Tokens in order.
    pub toks: &'a [Token],
    /// Sentence starts (token indices).
    pub sents: &'a [usize],
}

/// A verbatim match: `len` tokens of the article at `a`, of source `src` at `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tile {
    pub src: usize,
    pub a: usize,
    pub b: usize,
    pub len: usize,
}

/// How one article token was reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    New,
    /// Inside tile `usize`.
    Verbatim(usize),
    /// In a reworded sentence aligned to (source, source sentence).
    Rewrite(usize, usize),
}

/// The result of aligning an article against its sources.
#[derive(Debug, Clone)]
pub(crate) struct Alignment {
    pub tiles: Vec<Tile>,
    pub marks: Vec<Mark>,
    /// Per article sentence (in order, empty ones skipped): the IDF-weighted
    /// share of its words found in its best-matching source sentence.
    pub sent_sim: Vec<f32>,
}

fn seed_key(h: &[u64]) -> u64 {
    crate::tokens::mix(h)
}

/// Greedy string tiling of `a` against every source.
pub(crate) fn tile(a: &[u64], sources: &[&[u64]], min_len: usize) -> Vec<Tile> {
    let m = min_len.max(1);
    let mut found: Vec<Tile> = Vec::new();
    if a.len() < m {
        return found;
    }
    for (si, b) in sources.iter().enumerate() {
        if b.len() < m {
            continue;
        }
        let mut pos = Lists::with_capacity(b.len(), MAX_POSITIONS);
        for j in 0..=b.len() - m {
            pos.push(seed_key(&b[j..j + m]), j as u32);
        }
        let mut covered_until = 0usize;
        for i in 0..=a.len() - m {
            if i < covered_until {
                continue;
            }
            let mut best_end = 0;
            for j in pos.get(seed_key(&a[i..i + m])) {
                let j = j as usize;
                if a[i..i + m] != b[j..j + m] {
                    continue; // hash collision
                }
                let mut len = m;
                while i + len < a.len() && j + len < b.len() && a[i + len] == b[j + len] {
                    len += 1;
                }
                found.push(Tile {
                    src: si,
                    a: i,
                    b: j,
                    len,
                });
                best_end = best_end.max(i + len);
            }
            if best_end > 0 {
                // Seeds inside this match would only find its own suffixes.
                covered_until = best_end - (m - 1);
            }
        }
    }
    // Longest first; ties by position, so the result is deterministic.
    found.sort_by(|x, y| {
        y.len
            .cmp(&x.len)
            .then(x.a.cmp(&y.a))
            .then(x.src.cmp(&y.src))
            .then(x.b.cmp(&y.b))
    });
    let mut a_used = vec![false; a.len()];
    let mut b_used: Vec<Vec<bool>> = sources.iter().map(|b| vec![false; b.len()]).collect();
    let mut tiles = Vec::new();
    for t in found {
        // Longest stretch of this match free on both sides.
        let (mut best_s, mut best_l, mut run_s, mut run_l) = (0, 0, 0, 0);
        for k in 0..t.len {
            if !a_used[t.a + k] && !b_used[t.src][t.b + k] {
                if run_l == 0 {
                    run_s = k;
                }
                run_l += 1;
                if run_l > best_l {
                    best_l = run_l;
                    best_s = run_s;
                }
            } else {
                run_l = 0;
            }
        }
        if best_l >= m {
            for k in best_s..best_s + best_l {
                a_used[t.a + k] = true;
                b_used[t.src][t.b + k] = true;
            }
            tiles.push(Tile {
                src: t.src,
                a: t.a + best_s,
                b: t.b + best_s,
                len: best_l,
            });
        }
    }
    tiles.sort_by_key(|t| t.a);
    tiles
}

/// Token ranges of the sentences of a view.
fn sentence_ranges(v: &View) -> Vec<(usize, usize)> {
    let n = v.toks.len();
    let mut out = Vec::with_capacity(v.sents.len());
    for (k, &s) in v.sents.iter().enumerate() {
        let e = v.sents.get(k + 1).copied().unwrap_or(n);
        if s < e {
            out.push((s, e));
        }
    }
    out
}

/// Aligns `a` against `sources`: tiles of at least `min_tile` tokens are
/// verbatim; every sentence whose IDF-weighted word containment in one source
/// sentence reaches `sent_thresh` is a rewrite of it where not verbatim.
pub(crate) fn align(
    a: &View,
    sources: &[View],
    idf: &dyn Fn(u64) -> f32,
    min_tile: usize,
    sent_thresh: f32,
) -> Alignment {
    let ah: Vec<u64> = a.toks.iter().map(|t| t.hash).collect();
    let bh: Vec<Vec<u64>> = sources
        .iter()
        .map(|s| s.toks.iter().map(|t| t.hash).collect())
        .collect();
    let brefs: Vec<&[u64]> = bh.iter().map(|v| v.as_slice()).collect();
    let tiles = tile(&ah, &brefs, min_tile);
    let mut marks = vec![Mark::New; ah.len()];
    for (k, t) in tiles.iter().enumerate() {
        for m in &mut marks[t.a..t.a + t.len] {
            *m = Mark::Verbatim(k);
        }
    }
    // Sentence index over all sources: token -> (source, sentence).
    let mut sent_id: Vec<(usize, usize)> = Vec::new();
    let mut post = Lists::with_capacity(bh.iter().map(Vec::len).sum(), MAX_POSTINGS);
    for (si, s) in sources.iter().enumerate() {
        for (k, (ss, se)) in sentence_ranges(s).into_iter().enumerate() {
            let id = sent_id.len() as u32;
            sent_id.push((si, k));
            let mut hs: Vec<u64> = bh[si][ss..se].to_vec();
            hs.sort_unstable();
            hs.dedup();
            for h in hs {
                post.push(h, id);
            }
        }
    }
    let mut acc = vec![0f32; sent_id.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut sent_sim = Vec::new();
    for (ss, se) in sentence_ranges(a) {
        let mut hs: Vec<u64> = ah[ss..se].to_vec();
        hs.sort_unstable();
        hs.dedup();
        let total: f32 = hs.iter().map(|&h| idf(h)).sum();
        if total <= 0.0 {
            continue;
        }
        for &h in &hs {
            let mut p = post.get(h).peekable();
            if p.peek().is_some() {
                let w = idf(h);
                for id in p {
                    if acc[id as usize] == 0.0 {
                        touched.push(id);
                    }
                    acc[id as usize] += w;
                }
            }
        }
        let mut best: Option<(f32, u32)> = None;
        for &id in &touched {
            let sc = acc[id as usize];
            if best.is_none_or(|(b, bid)| sc > b || (sc == b && id < bid)) {
                best = Some((sc, id));
            }
        }
        for &id in &touched {
            acc[id as usize] = 0.0;
        }
        touched.clear();
        sent_sim.push(best.map_or(0.0, |(sc, _)| sc / total));
        if let Some((sc, id)) = best {
            if sc / total >= sent_thresh {
                let (si, k) = sent_id[id as usize];
                for m in &mut marks[ss..se] {
                    if *m == Mark::New {
                        *m = Mark::Rewrite(si, k);
                    }
                }
            }
        }
    }
    Alignment {
        tiles,
        marks,
        sent_sim,
    }
}

/// A passage in token terms: article tokens `a0..a1`, source `src` tokens
/// `b0..b1`, verbatim or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokPassage {
    pub a0: usize,
    pub a1: usize,
    pub src: usize,
    pub b0: usize,
    pub b1: usize,
    pub verbatim: bool,
}

/// Runs of equally-marked tokens, as passages.
pub(crate) fn passages(al: &Alignment, sources: &[View]) -> Vec<TokPassage> {
    let mut out = Vec::new();
    let n = al.marks.len();
    let mut i = 0;
    while i < n {
        let m = al.marks[i];
        let mut j = i + 1;
        while j < n && al.marks[j] == m {
            j += 1;
        }
        match m {
            Mark::New => {}
            Mark::Verbatim(k) => {
                let t = al.tiles[k];
                out.push(TokPassage {
                    a0: i,
                    a1: j,
                    src: t.src,
                    b0: t.b + (i - t.a),
                    b1: t.b + (j - t.a),
                    verbatim: true,
                });
            }
            Mark::Rewrite(si, k) => {
                let r = sentence_ranges(&sources[si]);
                if let Some(&(b0, b1)) = r.get(k) {
                    out.push(TokPassage {
                        a0: i,
                        a1: j,
                        src: si,
                        b0,
                        b1,
                        verbatim: false,
                    });
                }
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_tiles(a: &[u64], b: &[&[u64]], expect: &[(usize, usize, usize, usize)]) {
        let got: Vec<_> = tile(a, b, 3)
            .iter()
            .map(|t| (t.src, t.a, t.b, t.len))
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn tiling_finds_reordered_runs_once() {
        // a = [x y z] [p q r s] , b = [p q r s] 9 [x y z]
        check_tiles(
            &[1, 2, 3, 10, 11, 12, 13],
            &[&[10, 11, 12, 13, 9, 1, 2, 3]],
            &[(0, 0, 5, 3), (0, 3, 0, 4)],
        );
        // Too short a match is no tile.
        check_tiles(&[1, 2, 9], &[&[1, 2, 3]], &[]);
        // Each source token is used once: the repeated run in a tiles once.
        check_tiles(&[1, 2, 3, 1, 2, 3], &[&[1, 2, 3]], &[(0, 0, 0, 3)]);
        // Two sources.
        check_tiles(
            &[1, 2, 3, 4, 5, 6],
            &[&[4, 5, 6], &[1, 2, 3]],
            &[(1, 0, 0, 3), (0, 3, 0, 3)],
        );
        check_tiles(&[], &[&[1, 2, 3]], &[]);
    }

    #[test]
    fn repetitive_text_stays_linear() {
        let a = vec![7u64; 200_000];
        let b = vec![7u64; 200_000];
        let t = tile(&a, &[&b], 3);
        assert_eq!(
            t,
            vec![Tile {
                src: 0,
                a: 0,
                b: 0,
                len: 200_000
            }]
        );
    }

    #[test]
    fn lists_keep_insertion_order_up_to_the_cap() {
        let mut l = Lists::with_capacity(8, 3);
        for (k, v) in [(5u64, 1u32), (9, 2), (5, 3), (5, 4), (5, 5), (9, 6)] {
            l.push(k, v);
        }
        assert_eq!(l.get(5).collect::<Vec<_>>(), vec![1, 3, 4]);
        assert_eq!(l.get(9).collect::<Vec<_>>(), vec![2, 6]);
        assert_eq!(l.get(7).count(), 0);
    }
}
