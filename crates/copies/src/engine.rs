//! The copies engine: exact duplicates collapsed by hash, candidates from the
//! sketch index, containment on candidate pairs only, source choice among the
//! candidates that came first, alignment, derivation and copy groups. In a
//! busy dated window, the alignment and derivation figures weigh words by
//! their document frequency over the texts of the article's own days
//! (`Weights`, `DayCounts`); candidate ranking keeps the IDF over all.
//!
//! What it does NOT do: any all-pairs comparison (every comparison is a
//! candidate pair from [`crate::CandidateIndex`] or an exact-duplicate class),
//! I/O, or reading labels.

use crate::align::{align, passages, tile, View};
use crate::index::{signature_of_shingles, CandidateIndex};
use crate::index::{Days, DF_WINDOW_DAYS};
use crate::order::{day_gap, day_number, mark_credited_agencies, precedence, Meta};
use crate::probe::Probe;
use crate::store::{idf_from, Store};
use crate::tokens::{fmix64, for_each_shingle, tokenize, Tokens};
use crate::{CopiesConfig, Derivation};
use crossread_core::{Article, CopyRecord, GroupId, Passage, PassageKind};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::HashSet;

/// |a ∩ b| for sorted distinct slices.
fn common<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    // Branch-free merge: the comparisons are unpredictable.
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

/// The weighted intersection of sorted distinct word-id slices (summed in id
/// order, which is hash order), each word weighing `idf(id)`.
fn weighed_common(a: &[u32], b: &[u32], idf: impl Fn(u32) -> f32) -> f64 {
    // Branch-free merge; adding +0.0 leaves the sum (>= +0.0) unchanged.
    let (mut i, mut j, mut wsum) = (0, 0, 0f64);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        let w = idf(x) as f64;
        wsum += if x == y { w } else { 0.0 };
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    wsum
}

/// Pair figures, seen from each side.
#[derive(Debug, Clone, Copy)]
struct Edge {
    other: usize,
    /// Shingle containment of this article in `other`.
    c3: f64,
    /// The reverse.
    c3_rev: f64,
    /// IDF-weighted word containment of this article in `other`.
    c1: f64,
    /// The reverse: IDF-weighted word containment of `other` in this one.
    c1_rev: f64,
}

/// The source score of a candidate: the mean of IDF word and shingle
/// containment, times the candidate's own IDF word containment in the
/// article to the power `cfg.reverse_power` (a long text such as a news
/// digest contains the words of many articles without being their source).
fn source_score(e: &Edge, cfg: &CopiesConfig) -> f64 {
    (0.5 * e.c1 + 0.5 * e.c3) * e.c1_rev.max(0.0).powf(cfg.reverse_power)
}

/// Candidates whose neighbours an article meets in the two-hop expansion.
const HOP_FROM: usize = 3;
/// New candidates an article gets from the two-hop expansion, at most.
const HOP_MAX: usize = 64;

/// New candidates from the two-hop expansion, at most, for an article in a
/// dense window (see [`windows`]).
const HOP_DENSE: usize = 16;

/// Each representative's day (undated ones on the latest day of any
/// representative) and whether its window is dense: at least
/// `WINDOW_MIN_TEXTS` representatives dated within `DF_WINDOW_DAYS` of it,
/// the test the candidate index applies to its windowed anchors
/// ([`Days`]). Nothing is dense when no representative is dated; other
/// articles get day 0, never dense.
fn windows(reps: &[usize], metas: &[Meta], n: usize) -> (Vec<i64>, Vec<bool>) {
    let known: Vec<Option<i64>> = reps
        .iter()
        .map(|&i| metas[i].date.as_deref().and_then(day_number))
        .collect();
    let days = Days::resolve(&known);
    let (mut day, mut dense) = (vec![0; n], vec![false; n]);
    if !days.is_empty() {
        for (k, &i) in reps.iter().enumerate() {
            day[i] = days.of(k as u32);
            dense[i] = days.busy(day[i]);
        }
    }
    (day, dense)
}

/// The two-hop candidates an article measures, ascending, from `reached`:
/// the neighbours of its `HOP_FROM` best candidates that are not its
/// candidates yet, one entry per candidate reaching them. Outside a dense
/// window, the `HOP_MAX` lowest positions. In a dense window (a busy stream),
/// only those `near` the article in time, ranked by how many of its best
/// candidates reach them (ties: input order), at most `HOP_DENSE`: there the
/// lowest positions are the oldest articles, which the index paired with the
/// best candidates through phrases rare over the whole collection, so a
/// bigger collection would leave different ones (and more of the article's
/// own days) in the budget.
fn select_hops(mut reached: Vec<u32>, dense: bool, near: impl Fn(u32) -> bool) -> Vec<u32> {
    reached.sort_unstable();
    if !dense {
        reached.dedup();
        reached.truncate(HOP_MAX);
        return reached;
    }
    let mut ranked: Vec<(usize, u32)> = reached
        .chunk_by(|x, y| x == y)
        .filter(|g| near(g[0]))
        .map(|g| (g.len(), g[0]))
        .collect();
    ranked.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    ranked.truncate(HOP_DENSE);
    let mut out: Vec<u32> = ranked.into_iter().map(|x| x.1).collect();
    out.sort_unstable();
    out
}

/// Articles per packed part of the candidate graph.
const GRAPH_CHUNK: usize = 8192;

/// A measured pair as one side keeps it: the other article, the shared
/// distinct shingles and the IDF weight of the shared distinct words (the
/// same from both sides; [`full`] turns it into containments).
#[derive(Debug, Clone, Copy)]
struct Link {
    other: u32,
    n3: u32,
    w1: f64,
}

/// Every article's measured pairs, packed in parts of `GRAPH_CHUNK`
/// articles, each list ascending by `other`.
struct Graph {
    /// Per part: offsets (`off[k]..off[k + 1]` for its article k), links.
    parts: Vec<(Vec<usize>, Vec<Link>)>,
}

impl Graph {
    /// Blank lists of the given lengths, one exactly sized array per part.
    fn with_degrees(deg: &[usize]) -> Graph {
        let blank = Link {
            other: 0,
            n3: 0,
            w1: 0.0,
        };
        let parts = deg
            .chunks(GRAPH_CHUNK)
            .map(|d| {
                let mut off = Vec::with_capacity(d.len() + 1);
                off.push(0);
                for &x in d {
                    off.push(off[off.len() - 1] + x);
                }
                let links = vec![blank; off[d.len()]];
                (off, links)
            })
            .collect();
        Graph { parts }
    }

    /// The `k`-th link slot of article `a`.
    fn slot(&mut self, a: usize, k: usize) -> &mut Link {
        let (off, links) = &mut self.parts[a / GRAPH_CHUNK];
        &mut links[off[a % GRAPH_CHUNK] + k]
    }

    fn links(&self, a: usize) -> &[Link] {
        let (off, links) = &self.parts[a / GRAPH_CHUNK];
        let k = a % GRAPH_CHUNK;
        &links[off[k]..off[k + 1]]
    }

    /// The link from `a` to `b`, when measured from `a`'s side.
    fn find(&self, a: usize, b: usize) -> Option<&Link> {
        let l = self.links(a);
        l.binary_search_by_key(&(b as u32), |x| x.other)
            .ok()
            .map(|i| &l[i])
    }
}

/// Shared shingles and the IDF weight of the shared words of `a` and `b`
/// by merging their sorted sets: what [`Probe`] computes faster, kept as
/// its reference.
#[cfg(test)]
pub(crate) fn merge_figures(a: usize, b: usize, st: &Store) -> (u32, f64) {
    let n3 = common(st.s3(a), st.s3(b));
    let w1 = weighed_common(st.s1(a), st.s1(b), |x| global_idf(st, x));
    (u32::try_from(n3).unwrap_or(u32::MAX), w1)
}

/// The IDF over all representatives of word id `x`.
fn global_idf(st: &Store, x: u32) -> f32 {
    st.idf.get(x as usize).copied().unwrap_or(0.0)
}

/// The word weights one article's alignment and derivation figures read: the
/// IDF over all representatives, or, for an article in a dense dated window
/// (see [`windows`]), the IDF over the representatives dated within
/// `DF_WINDOW_DAYS` of its day. A word's weight then does not depend on how
/// much else, earlier or later, the collection holds: in a whole-collection
/// IDF the words of an event weigh more the more days the collection spans,
/// and more sentences of other reports of the same event pass the reworded-
/// sentence test.
#[derive(Clone, Copy)]
struct Weights<'a> {
    st: &'a Store,
    /// Word document frequencies over the window, and its number of texts.
    window: Option<(&'a [u32], usize)>,
}

impl Weights<'_> {
    /// Weight of word id `x`.
    fn of_id(&self, x: u32) -> f32 {
        match self.window {
            None => global_idf(self.st, x),
            Some((df, n)) => idf_from(n, df.get(x as usize).copied().unwrap_or(0)),
        }
    }

    /// Weight of a word by its hash (a word no article holds counts as one
    /// no text holds).
    fn of_hash(&self, h: u64) -> f32 {
        match (self.st.ids.get(&h), self.window) {
            (Some(&x), _) => self.of_id(x),
            (None, None) => self.st.idf_unseen,
            (None, Some((_, n))) => idf_from(n, 0),
        }
    }

    /// Sum of the weights of article `a`'s distinct words, in id order.
    fn sum(&self, a: usize) -> f64 {
        match self.window {
            None => self.st.wsum.get(a).copied().unwrap_or(0.0),
            Some(_) => self.st.s1(a).iter().map(|&x| self.of_id(x) as f64).sum(),
        }
    }
}

/// Word document frequencies over the texts dated within `DF_WINDOW_DAYS` of
/// a day, moved forward one day at a time: each text is counted in once and
/// out once, so going through every day costs one pass over the texts' words.
struct DayCounts {
    /// Document frequency by word id over the texts in the window.
    df: Vec<u32>,
    /// The texts, by day (ties: input order).
    by_day: Vec<usize>,
    /// `by_day[lo..hi]` is the window.
    lo: usize,
    hi: usize,
}

impl DayCounts {
    /// Counts over `texts` (positions into `day`), `vocab` word ids.
    fn new(texts: &[usize], day: &[i64], vocab: usize) -> DayCounts {
        let mut by_day = texts.to_vec();
        by_day.sort_by_key(|&i| (day[i], i));
        DayCounts {
            df: vec![0; vocab],
            by_day,
            lo: 0,
            hi: 0,
        }
    }

    /// Moves the window to day `d` (days must not decrease from call to
    /// call) and returns the number of texts in it; `words(i)` are text i's
    /// distinct word ids.
    fn move_to<'w>(&mut self, d: i64, day: &[i64], words: impl Fn(usize) -> &'w [u32]) -> usize {
        let (first, last) = (
            d.saturating_sub(DF_WINDOW_DAYS),
            d.saturating_add(DF_WINDOW_DAYS),
        );
        while let Some(&i) = self.by_day.get(self.hi).filter(|&&i| day[i] <= last) {
            for &x in words(i) {
                if let Some(c) = self.df.get_mut(x as usize) {
                    *c += 1;
                }
            }
            self.hi += 1;
        }
        while self.lo < self.hi && day[self.by_day[self.lo]] < first {
            for &x in words(self.by_day[self.lo]) {
                if let Some(c) = self.df.get_mut(x as usize) {
                    *c = c.saturating_sub(1);
                }
            }
            self.lo += 1;
        }
        self.hi - self.lo
    }
}

/// Containment figures of a measured pair, seen from `a`.
fn full(a: usize, l: &Link, st: &Store) -> Edge {
    let b = l.other as usize;
    let n3 = l.n3 as f64;
    Edge {
        other: b,
        c3: n3 / st.n3[a].max(1) as f64,
        c3_rev: n3 / st.n3[b].max(1) as f64,
        c1: l.w1 / st.wsum[a].max(1e-9),
        c1_rev: l.w1 / st.wsum[b].max(1e-9),
    }
}

/// Records an earlier run gave to some of the articles, by position
/// (`None`: a new article). See [`crate::update_copies`].
pub(crate) struct Known<'a> {
    /// The record of each article that has one.
    pub rec: Vec<Option<&'a CopyRecord>>,
    /// The source a known record is a copy of (wholly derived from it and
    /// in its group), by position.
    pub link: Vec<Option<usize>>,
}

/// One copy record per article, in input order, with the figures behind
/// each verdict (`None` where no candidate came first, or for a kept record). With
/// `known`, only new articles and the known ones a new article may be the
/// source of are decided; every other known record is kept (its group and
/// origin follow its group's root).
pub(crate) fn run(
    articles: &[Article],
    cfg: &CopiesConfig,
    known: Option<&Known>,
) -> Vec<(CopyRecord, Option<Features>)> {
    let n = articles.len();
    let is_new = |i: usize| known.is_none_or(|k| k.rec.get(i).is_none_or(Option::is_none));
    // Articles whose verdict is worked out (all of them in a batch run).
    let mut dirty: Vec<bool> = (0..n).map(is_new).collect();
    let mut st = Store::build(articles.iter().map(|a| a.text.as_str()));
    let mut metas: Vec<Meta> = articles.iter().map(Meta::of).collect();
    mark_credited_agencies(&mut metas);

    // 1. Exact duplicates (same token sequence): one representative each.
    let mut keyed: Vec<(u64, usize)> = (0..n)
        .filter(|&i| st.ntok[i] > 0)
        .map(|i| (st.exact[i], i))
        .collect();
    keyed.sort_unstable();
    st.exact = Vec::new();
    // class_origin[i]: the member of i's class that stands for it.
    let mut class_origin: Vec<usize> = (0..n).collect();
    let mut members: Vec<usize> = Vec::new();
    let mut named: HashSet<&str> = HashSet::new();
    for class in keyed.chunk_by(|x, y| x.0 == y.0).filter(|c| c.len() > 1) {
        // Members in input order (the sort is by key, then position).
        members.clear();
        members.extend(class.iter().map(|x| x.1));
        named.clear();
        named.extend(
            members
                .iter()
                .flat_map(|&m| metas[m].credits.iter().map(String::as_str)),
        );
        let key = |m: usize| {
            let meta = &metas[m];
            (
                !named.contains(meta.outlet.as_str()),
                meta.date.clone().unwrap_or_else(|| "~".to_string()),
                !meta.wire,
                m,
            )
        };
        let origin = members
            .iter()
            .copied()
            .min_by_key(|&m| key(m))
            .unwrap_or(members[0]);
        for &m in &members {
            class_origin[m] = origin;
        }
        // A new exact copy may become the class's origin: the whole class
        // is worked out again.
        if members.iter().any(|&m| is_new(m)) {
            for &m in &members {
                dirty[m] = true;
            }
        }
    }
    drop(keyed);
    let reps: Vec<usize> = (0..n)
        .filter(|&i| class_origin[i] == i && st.ntok[i] > 0)
        .collect();

    // 2. Candidate pairs among representatives, from the sketch index
    // (signatures depend on the sets of shingles and words only).
    let word_bits = cfg.word_bits_for(reps.len());
    let mut ix = CandidateIndex::new(cfg.anchor_bits, word_bits).salted(cfg.sample_salt);
    ix.reserve(reps.len());
    for part in reps.chunks(8192) {
        let sigs: Vec<_> = part
            .par_iter()
            .map(|&i| {
                let words: Vec<u64> = st.s1(i).iter().map(|&w| st.vocab[w as usize]).collect();
                signature_of_shingles(
                    st.s3(i),
                    &words,
                    cfg.anchor_bits,
                    word_bits,
                    cfg.sample_salt,
                )
            })
            .collect();
        for (s, &i) in sigs.into_iter().zip(part) {
            ix.push_dated(s, metas[i].date.as_deref());
        }
    }
    let pairs = ix.into_pairs();

    // 3. IDF over representatives.
    st.set_idf(&reps);

    // 4. Containment on candidate pairs only (measured once per pair; both
    // sides read the same figures), into lists packed per chunk of articles.
    let mut deg = vec![0usize; n];
    for &(x, y) in &pairs {
        deg[reps[x as usize]] += 1;
        deg[reps[y as usize]] += 1;
    }
    let mut g1 = Graph::with_degrees(&deg);
    let mut fill = vec![0u32; n];
    // Pairs are sorted, so every list is filled in ascending `other` order.
    for part in pairs.chunks(1 << 16) {
        // Runs of pairs sharing their first article: it is loaded once per
        // run and its candidates are probed against it.
        let runs: Vec<&[(u32, u32)]> = part.chunk_by(|p, q| p.0 == q.0).collect();
        let measured: Vec<(u32, f64)> = runs
            .par_iter()
            .map_init(
                || Probe::new(&st),
                |probe, run| {
                    let Some(&(x, _)) = run.first() else {
                        return Vec::new();
                    };
                    probe.load(reps[x as usize], &st);
                    run.iter()
                        .map(|&(_, y)| probe.against(reps[y as usize], &st))
                        .collect::<Vec<_>>()
                },
            )
            .flatten_iter()
            .collect();
        for (&(x, y), &(n3, w1)) in part.iter().zip(&measured) {
            let (a, b) = (reps[x as usize], reps[y as usize]);
            for (from, to) in [(a, b), (b, a)] {
                *g1.slot(from, fill[from] as usize) = Link {
                    other: to as u32,
                    n3,
                    w1,
                };
                fill[from] += 1;
            }
        }
    }
    drop((fill, pairs));
    // 4b. Two-hop expansion, bounded: versions of one story share much text
    // with each other, so an article that the index paired with one version
    // meets the others through it. Each article adds the neighbours of its
    // `HOP_FROM` best candidates (IDF word containment), at most `HOP_MAX`
    // new ones (in a dense dated window: at most `HOP_DENSE`, within
    // `DF_WINDOW_DAYS`; see `select_hops`), and measures them like index pairs. The new neighbours are
    // listed first (they read the index lists of any article); then each
    // chunk's lists are merged into the final graph and its index lists freed.
    let (day, dense) = windows(&reps, &metas, n);
    let mut hops: Vec<Vec<u32>> = {
        let (g1, st, day, dense) = (&g1, &st, &day, &dense);
        (0..n)
            .into_par_iter()
            .map(|a| {
                let mine = g1.links(a);
                if mine.is_empty() {
                    return Vec::new();
                }
                let mut top: Vec<Edge> = mine.iter().map(|l| full(a, l, st)).collect();
                top.sort_by(|x, y| y.c1.total_cmp(&x.c1).then(x.other.cmp(&y.other)));
                let reached: Vec<u32> = top
                    .iter()
                    .take(HOP_FROM)
                    .flat_map(|e| g1.links(e.other).iter().map(|f| f.other))
                    .filter(|&b| b as usize != a && g1.find(a, b as usize).is_none())
                    .collect();
                let mut new = select_hops(reached, dense[a], |b| {
                    (day[a] - day[b as usize]).abs() <= DF_WINDOW_DAYS
                });
                new.shrink_to_fit();
                new
            })
            .collect()
    };
    let mut adj = Graph {
        parts: Vec::with_capacity(n.div_ceil(GRAPH_CHUNK)),
    };
    for (c, lo) in (0..n).step_by(GRAPH_CHUNK).enumerate() {
        let hi = (lo + GRAPH_CHUNK).min(n);
        // This chunk's hop lists are freed as their links are measured.
        let chunk_hops: Vec<Vec<u32>> = hops[lo..hi].iter_mut().map(std::mem::take).collect();
        let extra: Vec<Vec<Link>> = (lo..hi)
            .into_par_iter()
            .zip(chunk_hops)
            .map_init(
                || Probe::new(&st),
                |probe, (a, hop)| {
                    if !hop.is_empty() {
                        probe.load(a, &st);
                    }
                    hop.iter()
                        .map(|&b| {
                            let (n3, w1) = probe.against(b as usize, &st);
                            Link { other: b, n3, w1 }
                        })
                        .collect()
                },
            )
            .collect();
        let total: usize = (lo..hi).map(|a| g1.links(a).len()).sum::<usize>()
            + extra.iter().map(Vec::len).sum::<usize>();
        let mut off = Vec::with_capacity(hi - lo + 1);
        let mut links: Vec<Link> = Vec::with_capacity(total);
        off.push(0);
        for (a, ex) in (lo..hi).zip(extra) {
            // Both lists ascend by `other` and share none: merge them.
            let mine = g1.links(a);
            let (mut i, mut j) = (0, 0);
            while i < mine.len() || j < ex.len() {
                if j >= ex.len() || (i < mine.len() && mine[i].other < ex[j].other) {
                    links.push(mine[i]);
                    i += 1;
                } else {
                    links.push(ex[j]);
                    j += 1;
                }
            }
            off.push(links.len());
        }
        adj.parts.push((off, links));
        g1.parts[c] = (Vec::new(), Vec::new());
    }
    drop((g1, hops));
    // Shingle sets are no longer needed for all articles (the aligner
    // rebuilds the few it compares).
    st.drop_shingles();

    // 5. Per representative: sources among earlier candidates, alignment.
    // A first pass finds each article's best earlier candidate; a candidate
    // whose own best earlier candidate is also a candidate of this article is
    // demoted (a copy of a copy names the original when it can see it).
    // Verdicts come in ascending article order (`reps` ascends).
    let decided: Vec<(usize, Decision)> = {
        let (st, adj) = (&st, &adj);
        // Also: whether a new article is among the earlier candidates (it
        // may be the source of a known article, which is then decided again).
        let (first_source, new_earlier): (Vec<Option<usize>>, Vec<bool>) = (0..n)
            .into_par_iter()
            .map(|a| {
                let mut new_earlier = false;
                let first = adj
                    .links(a)
                    .iter()
                    .map(|l| full(a, l, st))
                    .filter(|e| {
                        precedence(&metas[e.other], &metas[a], e.c3_rev, e.c3, e.other, a)
                            == Ordering::Less
                    })
                    .inspect(|e| new_earlier |= is_new(e.other))
                    .map(|e| (source_score(&e, cfg), e.other))
                    .filter(|&(s, _)| s >= cfg.derivative_score)
                    .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)))
                    .map(|(_, o)| o);
                (first, new_earlier)
            })
            .unzip();
        for (d, e) in dirty.iter_mut().zip(&new_earlier) {
            *d |= *e;
        }
        let dirty = &dirty;
        let global = Weights { st, window: None };
        let mut out: Vec<(usize, Decision)> = reps
            .par_iter()
            .filter(|&&a| !dense[a] && dirty[a])
            .map(|&a| {
                let d = decide(a, adj, st, &metas, &first_source, articles, global, cfg);
                (a, d)
            })
            .collect();
        // Articles in a dense window weigh words by the texts of their own
        // days (see `Weights`), one day at a time.
        let mut busy: Vec<usize> = reps
            .iter()
            .copied()
            .filter(|&a| dense[a] && dirty[a])
            .collect();
        if !busy.is_empty() {
            busy.sort_by_key(|&a| (day[a], a));
            let mut counts = DayCounts::new(&reps, &day, st.vocab.len());
            for group in busy.chunk_by(|x, y| day[*x] == day[*y]) {
                let n = counts.move_to(day[group[0]], &day, |i| st.s1(i));
                let w = Weights {
                    st,
                    window: Some((&counts.df, n)),
                };
                out.par_extend(group.par_iter().map(|&a| {
                    let d = decide(a, adj, st, &metas, &first_source, articles, w, cfg);
                    (a, d)
                }));
            }
            out.sort_unstable_by_key(|x| x.0);
        }
        out
    };
    // The candidate graph and the per-article sets are done with: free them
    // before the records are built (at a million articles they are most of
    // the memory still held).
    let ntok = std::mem::take(&mut st.ntok);
    drop((adj, st, metas, reps));

    // 6. Copy groups: follow "wholly derived from" links to a root. An exact
    // copy is wholly derived from its class origin; a representative from
    // its source when its verdict says so and most of it is verbatim
    // (`GROUP_MIN_VERBATIM`).
    let mut parent: Vec<Option<usize>> = (0..n)
        .map(|i| Some(class_origin[i]).filter(|&o| o != i))
        .collect();
    // A known record that is kept keeps its link to the source it is a copy
    // of.
    if let Some(k) = known {
        for (i, p) in parent.iter_mut().enumerate() {
            if !dirty[i] && class_origin[i] == i {
                if let Some(&Some(s)) = k.link.get(i) {
                    *p = Some(s);
                }
            }
        }
    }
    for (a, d) in &decided {
        let same_article = d
            .features
            .as_ref()
            .is_some_and(|f| f.verbatim >= GROUP_MIN_VERBATIM);
        if d.derived == Derivation::Wholly && same_article {
            parent[*a] = d.source;
        }
    }
    let mut root = vec![usize::MAX; n];
    // on_path[j] == i while j is on the chain walked from i (linear time).
    let mut on_path = vec![usize::MAX; n];
    for i in 0..n {
        if root[i] != usize::MAX {
            continue;
        }
        let mut path = vec![i];
        on_path[i] = i;
        let mut cur = i;
        let r = loop {
            if root[cur] != usize::MAX {
                break root[cur];
            }
            match parent[cur] {
                Some(p) if on_path[p] != i => {
                    on_path[p] = i;
                    path.push(p);
                    cur = p;
                }
                Some(_) => {
                    // A cycle (precedence is not transitive): its earliest
                    // input position is the root.
                    break path.iter().copied().min().unwrap_or(i);
                }
                None => break cur,
            }
        };
        for p in path {
            root[p] = r;
        }
    }
    drop((parent, on_path));

    // 7. Records, in input order, each verdict moved into its record.
    let mut verdicts = decided.into_iter().peekable();
    (0..n)
        .map(|i| {
            let o = class_origin[i];
            let (derived, source, passages, feat) = if o != i {
                // Exact copy of its class origin.
                let p = whole_passage(&articles[i], &articles[o]);
                let all = Features::exact(o, ntok[i] as usize);
                (Derivation::Wholly, Some(o), p, Some(all))
            } else if let Some((_, d)) = verdicts.next_if(|(a, _)| *a == i) {
                (d.derived, d.source, d.passages, d.features)
            } else if let Some(r) = known.and_then(|k| k.rec.get(i).copied().flatten()) {
                // Kept as it was (not decided again); its group follows the
                // root below.
                let rec = CopyRecord {
                    group: GroupId::new(articles[root[i]].id.as_str()),
                    origin: articles[root[i]].id.clone(),
                    ..r.clone()
                };
                return (rec, None);
            } else {
                (Derivation::None, None, Vec::new(), None)
            };
            let rec = CopyRecord {
                id: articles[i].id.clone(),
                group: GroupId::new(articles[root[i]].id.as_str()),
                origin: articles[root[i]].id.clone(),
                derived,
                source: source.map(|s| articles[s].id.clone()),
                passages,
            };
            (rec, feat)
        })
        .collect()
}

/// Factor on a candidate source's score: 1 within `cfg.date_window` days of
/// the article (or when a date is missing), `cfg.out_of_window` beyond it
/// (a source is published shortly before the article that uses it).
fn window(cfg: &CopiesConfig, a: &Meta, b: &Meta) -> f64 {
    match day_gap(a, b) {
        Some(g) if g > cfg.date_window as i64 => cfg.out_of_window,
        _ => 1.0,
    }
}

/// The verdict on one representative.
#[derive(Debug, Clone)]
struct Decision {
    features: Option<Features>,
    derived: Derivation,
    source: Option<usize>,
    passages: Vec<Passage>,
}

/// Number of figures in [`Features::vector`].
pub const N_FEATURES: usize = 22;

/// Figures that decide `derived`: generic measures of how much of an article
/// its chosen sources account for (no outlet, story or language feature).
/// Exposed for the evaluation, which trains the model on them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Features {
    /// Input position of the best-ranked source the figures were measured
    /// against (whatever the verdict).
    pub source: usize,
    /// The longest verbatim run (tile of at least two words), in words.
    pub run: usize,
    /// Share of the article's tokens in verbatim tiles of `min_tile` words.
    pub verbatim: f64,
    /// Share of its tokens in any passage (verbatim or reworded).
    pub reused: f64,
    /// IDF-weighted word containment in the union of its sources.
    pub c1: f64,
    /// Plain word n-gram containment (n = 1..=5) in the union of its sources.
    pub ngram: [f64; 5],
    /// Plain word 1- and 3-gram containment, and IDF-weighted word
    /// containment, in the best-ranked source alone.
    pub top: [f64; 3],
    /// Plain word 1- and 3-gram containment of the best-ranked source in the
    /// article (how much of the source it uses).
    pub rev: [f64; 2],
    /// Greedy-string-tiling coverage with minimum match 2 and 5 words.
    pub gst: [f64; 2],
    /// Longest tile as a share of the article, and in words (capped at 50,
    /// over 50).
    pub longest: [f64; 2],
    /// Share of the article's sentences whose best source sentence holds at
    /// least half of its (IDF-weighted) words, and the mean of that share.
    pub sentences: [f64; 2],
    /// 1 - (second-best source score / best): how far the best-ranked source
    /// stands out among the candidates (0 when it does not).
    pub margin: f64,
    /// ln(1 + tokens) / 8, at most 1 (about 3,000 words): article length.
    pub length: f64,
    /// The article's tokens (not a model input: the model's floors on
    /// reused words read it).
    pub tokens: usize,
    /// 1 - (best source score of any other candidate, earlier or later,
    /// that is neither a copy nor the original of the best-ranked source /
    /// the best's score), at least 0: how far the source stands out from the
    /// rest of the coverage (independent articles on one event share its
    /// names and figures with all of it, a derived one shares more with its
    /// source).
    pub margin_any: f64,
}

impl Features {
    /// The figures as one vector, in a fixed order (the model's input).
    pub fn vector(&self) -> [f64; N_FEATURES] {
        [
            self.verbatim,
            self.reused,
            self.c1,
            self.ngram[0],
            self.ngram[1],
            self.ngram[2],
            self.ngram[3],
            self.ngram[4],
            self.top[0],
            self.top[1],
            self.top[2],
            self.rev[0],
            self.rev[1],
            self.gst[0],
            self.gst[1],
            self.longest[0],
            self.longest[1],
            self.sentences[0],
            self.sentences[1],
            self.margin,
            self.length,
            self.margin_any,
        ]
    }

    /// Names of the [`Features::vector`] entries, in order.
    pub const NAMES: [&'static str; N_FEATURES] = [
        "verbatim",
        "reused",
        "c1",
        "w1",
        "w2",
        "w3",
        "w4",
        "w5",
        "w1_top",
        "w3_top",
        "c1_top",
        "rev1",
        "rev3",
        "gst2",
        "gst5",
        "longest",
        "longest_words",
        "sent_share",
        "sent_mean",
        "margin",
        "length",
        "margin_any",
    ];

    /// Figures of an exact copy.
    pub(crate) fn exact(source: usize, ntok: usize) -> Features {
        Features {
            source,
            run: ntok,
            verbatim: 1.0,
            reused: 1.0,
            c1: 1.0,
            ngram: [1.0; 5],
            top: [1.0; 3],
            rev: [1.0; 2],
            gst: [1.0; 2],
            longest: [1.0, (ntok.min(50)) as f64 / 50.0],
            sentences: [1.0; 2],
            margin: 1.0,
            length: ((1.0 + ntok as f64).ln() / 8.0).min(1.0),
            tokens: ntok,
            margin_any: 1.0,
        }
    }
}

/// Share of an article's words in verbatim runs from which a wholly
/// derived article is the same article as its source (one copy group):
/// republished whole or lightly edited (an edit every fifth word still
/// leaves 80%). A story rewritten from its source, or a short lead whose
/// sentences merely share their names with another's, is wholly derived
/// from it without being a copy.
const GROUP_MIN_VERBATIM: f64 = 0.7;

/// Shingle containment of one candidate in another from which the first
/// counts as a copy of the second (a whole copy, trimmed or wrapped; a wire
/// story sent again).
const COPY_OF: f64 = 0.8;

/// Shingle containment of `x` in `y` and of `y` in `x`, when the pair was
/// measured (from whichever side).
fn pair(adj: &Graph, st: &Store, x: usize, y: usize) -> Option<(f64, f64)> {
    adj.find(x, y).or_else(|| adj.find(y, x)).map(|l| {
        let e = full(x, l, st);
        (e.c3, e.c3_rev)
    })
}

/// Reorders the candidate sources of an article (`a`: its edges) so that a
/// candidate standing before one it is a copy of (`COPY_OF`), where that one
/// came first and holds at least as much of the article (0.95 of its shingle
/// containment), moves behind it: the original then wins ties in the
/// alignment and is named as the source when both carry the passages.
fn earliest_first(a: &[Edge], list: &mut [usize], adj: &Graph, st: &Store, metas: &[Meta]) {
    let c3 = |x: usize| a.iter().find(|e| e.other == x).map_or(0.0, |e| e.c3);
    for i in 0..list.len() {
        for j in i + 1..list.len() {
            let (x, y) = (list[i], list[j]);
            let Some((xy, yx)) = pair(adj, st, x, y) else {
                continue;
            };
            if xy >= COPY_OF
                && c3(y) >= ORIGIN_HOLDS * c3(x)
                && precedence(&metas[y], &metas[x], yx, xy, y, x) == Ordering::Less
            {
                list.swap(i, j);
            }
        }
    }
}

/// Share of what the article shares with a copy that the copy's original must
/// hold to be preferred to it.
const ORIGIN_HOLDS: f64 = 0.95;

/// Sorted distinct hashes of the word n-grams of `h` (n >= 1).
fn ngrams(h: &[u64], n: usize) -> Vec<u64> {
    let mut out = Vec::with_capacity(h.len());
    ngram_hashes(h, n, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// Appends the hashes of the word n-grams of `h` (n >= 1), in text order.
fn ngram_hashes(h: &[u64], n: usize, out: &mut Vec<u64>) {
    if n <= 1 {
        out.extend_from_slice(h);
    } else {
        out.extend(h.windows(n).map(|w| {
            w.iter().fold(NGRAM_SEED ^ n as u64, |acc, &x| {
                fmix64(acc.rotate_left(17) ^ x)
            })
        }));
    }
}

/// Sorted distinct shingle hashes of a token-hash sequence (as the store
/// keeps them while candidates are measured).
fn shingle_set(h: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(h.len());
    for_each_shingle(h, |x| out.push(x));
    out.sort_unstable();
    out.dedup();
    out
}

/// Seed of the n-gram hashes of the derivation figures.
const NGRAM_SEED: u64 = 0x6e67_7261_6d73_2d6e; // "ngrams-n"

/// Share of sorted distinct `a` found in sorted distinct `b`.
fn share_in<T: Ord + Copy>(a: &[T], b: &[T]) -> f64 {
    common(a, b) as f64 / a.len().max(1) as f64
}

#[allow(clippy::too_many_arguments)]
fn decide(
    a: usize,
    adj: &Graph,
    st: &Store,
    metas: &[Meta],
    first_source: &[Option<usize>],
    articles: &[Article],
    w: Weights,
    cfg: &CopiesConfig,
) -> Decision {
    let (feat, src, passages) = analyse(a, adj, st, metas, first_source, articles, w, cfg);
    let none = |features| Decision {
        features,
        derived: Derivation::None,
        source: None,
        passages: Vec::new(),
    };
    let Some(src) = src else {
        return none(None);
    };
    let derived = cfg.classify(&feat);
    if derived == Derivation::None {
        // Too slight a reuse to call the article derived: no source, but the
        // stretches it shares are still listed when asked for.
        let mut d = none(Some(feat));
        if cfg.passages_when_none {
            d.passages = passages;
        }
        return d;
    }
    Decision {
        features: Some(feat),
        derived,
        source: Some(src),
        passages,
    }
}

/// Sources, alignment and features of one article.
#[allow(clippy::too_many_arguments)]
fn analyse(
    a: usize,
    adj: &Graph,
    st: &Store,
    metas: &[Meta],
    first_source: &[Option<usize>],
    articles: &[Article],
    w: Weights,
    cfg: &CopiesConfig,
) -> (Features, Option<usize>, Vec<Passage>) {
    let idf = |h: u64| w.of_hash(h);
    let idf = &idf;
    let edges: Vec<Edge> = adj.links(a).iter().map(|l| full(a, l, st)).collect();
    let edges = &edges[..];
    // Candidates that came first, by source score.
    let seen = |c: usize| adj.find(a, c).is_some();
    let raw: Vec<(f64, Edge)> = edges
        .iter()
        .filter(|e| {
            precedence(&metas[e.other], &metas[a], e.c3_rev, e.c3, e.other, a) == Ordering::Less
        })
        .map(|e| {
            let s = window(cfg, &metas[a], &metas[e.other]) * source_score(e, cfg);
            (s, *e)
        })
        .filter(|(s, _)| *s > 0.0)
        .collect();
    let mut prior: Vec<(f64, Edge)> = raw
        .iter()
        .map(|&(s, e)| {
            let copy_of_seen = first_source[e.other].is_some_and(|c| c != a && seen(c));
            (
                if copy_of_seen {
                    s * cfg.derivative_penalty
                } else {
                    s
                },
                e,
            )
        })
        .collect();
    prior.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.other.cmp(&y.1.other)));
    if prior.is_empty() {
        return (Features::default(), None, Vec::new());
    }
    // News agencies are where syndicated copy starts: when a wire candidate
    // scores close to the best, only wire candidates are aligned.
    let pick = |list: &[(f64, Edge)], share: f64| -> Vec<usize> {
        let best = list.first().map_or(0.0, |x| x.0);
        let best_wire = list.iter().find(|(_, e)| metas[e.other].wire).map(|x| x.0);
        let wire_only = best_wire.is_some_and(|w| w >= cfg.wire_preference * best);
        list.iter()
            .filter(|(_, e)| !wire_only || metas[e.other].wire)
            .take(cfg.max_sources.max(1))
            .filter(|(s, _)| *s >= share * best_wire.filter(|_| wire_only).unwrap_or(best))
            .map(|(_, e)| e.other)
            .collect()
    };
    let mut chosen: Vec<usize> = pick(&prior, cfg.source_share);
    earliest_first(edges, &mut chosen, adj, st, metas);
    // Passages are aligned against these plus the candidates chosen without
    // the copy-of-copy penalty and within `passage_share` of the best (more
    // versions of the story: better passage recall), while the derivation
    // figures use `chosen` alone.
    let mut raw_sorted = raw;
    raw_sorted.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.other.cmp(&y.1.other)));
    let mut wide = chosen.clone();
    for o in pick(&raw_sorted, cfg.passage_share) {
        if !wide.contains(&o) {
            wide.push(o);
        }
    }
    earliest_first(edges, &mut wide, adj, st, metas);
    // Offsets and sentences of this article and its sources only.
    let ta = tokenize(&articles[a].text);
    let tw: Vec<(usize, Tokens)> = wide
        .iter()
        .map(|&s| (s, tokenize(&articles[s].text)))
        .collect();
    let toks_of = |i: usize| -> &Tokens {
        if i == a {
            return &ta;
        }
        tw.iter().find(|x| x.0 == i).map_or(&ta, |x| &x.1)
    };
    let view = |i: usize| {
        let t = toks_of(i);
        View {
            toks: &t.toks,
            sents: &t.sent_starts,
        }
    };
    let sviews: Vec<View> = chosen.iter().map(|&s| view(s)).collect();
    let al = align(&view(a), &sviews, idf, cfg.min_tile, cfg.sentence_threshold);
    let tps = passages(&al, &sviews);
    let ntok = ta.toks.len().max(1) as f64;
    let mut per_src = vec![0usize; chosen.len()];
    let (mut verb, mut reused) = (0usize, 0usize);
    for p in &tps {
        let len = p.a1 - p.a0;
        per_src[p.src] += len;
        reused += len;
        if p.verbatim {
            verb += len;
        }
    }
    let ah: Vec<u64> = ta.toks.iter().map(|k| k.hash).collect();
    let srch: Vec<Vec<u64>> = chosen
        .iter()
        .map(|&s| toks_of(s).toks.iter().map(|k| k.hash).collect())
        .collect();
    let mut ngram = [0.0; 5];
    let mut u: Vec<u64> = Vec::new();
    for (k, g) in ngram.iter_mut().enumerate() {
        let mine = ngrams(&ah, k + 1);
        // The union of the sources' n-grams, sorted and distinct.
        u.clear();
        for h in &srch {
            ngram_hashes(h, k + 1, &mut u);
        }
        u.sort_unstable();
        u.dedup();
        *g = share_in(&mine, &u);
    }
    let mut u1: Vec<u32> = chosen
        .iter()
        .flat_map(|&s| st.s1(s).iter().copied())
        .collect();
    u1.sort_unstable();
    u1.dedup();
    let a1 = st.s1(a);
    let w1 = weighed_common(a1, &u1, |x| w.of_id(x));
    let wa: f64 = w.sum(a);
    let t1 = st.s1(chosen[0]);
    let (a3, t3) = (shingle_set(&ah), shingle_set(&srch[0]));
    let (a3, t3) = (&a3[..], &t3[..]);
    let brefs: Vec<&[u64]> = srch.iter().map(Vec::as_slice).collect();
    let coverage = |m: usize| -> (f64, usize) {
        let t = tile(&ah, &brefs, m);
        let cov: usize = t.iter().map(|x| x.len).sum();
        (
            cov as f64 / ntok,
            t.iter().map(|x| x.len).max().unwrap_or(0),
        )
    };
    let (gst2, longest) = coverage(2);
    let (gst5, _) = coverage(5);
    let nsent = al.sent_sim.len().max(1) as f64;
    let feat = Features {
        source: chosen[0],
        run: longest,
        verbatim: verb as f64 / ntok,
        reused: reused as f64 / ntok,
        c1: w1 / wa.max(1e-9),
        ngram,
        top: [
            share_in(a1, t1),
            share_in(a3, t3),
            weighed_common(a1, t1, |x| w.of_id(x)) / wa.max(1e-9),
        ],
        rev: [share_in(t1, a1), share_in(t3, a3)],
        gst: [gst2, gst5],
        longest: [longest as f64 / ntok, longest.min(50) as f64 / 50.0],
        sentences: [
            al.sent_sim.iter().filter(|&&x| x >= 0.5).count() as f64 / nsent,
            al.sent_sim.iter().map(|&x| x as f64).sum::<f64>() / nsent,
        ],
        margin: match (prior.first(), prior.get(1)) {
            (Some(b), Some(s2)) if b.0 > 0.0 => 1.0 - s2.0 / b.0,
            (Some(_), None) => 1.0,
            _ => 0.0,
        },
        length: ((1.0 + ta.toks.len() as f64).ln() / 8.0).min(1.0),
        tokens: ta.toks.len(),
        margin_any: {
            let best = prior[0];
            let top = best.1.other;
            // The maximum over the qualifying candidates; the copy test (two
            // list look-ups) only runs for a score that would raise it.
            let mut second = 0.0f64;
            for e in edges {
                let s = source_score(e, cfg);
                if s > second
                    && e.other != top
                    && !pair(adj, st, top, e.other).is_some_and(|(x, y)| x.max(y) >= COPY_OF)
                {
                    second = s;
                }
            }
            if best.0 > 0.0 {
                (1.0 - second / best.0).max(0.0)
            } else {
                0.0
            }
        },
    };
    // The source it draws the most from (ties: the better-scored one).
    let mut top = 0;
    for k in 1..chosen.len() {
        if per_src[k] > per_src[top] {
            top = k;
        }
    }
    let src = chosen[top];
    let (tps, chosen) = if wide.len() > chosen.len() {
        let wviews: Vec<View> = wide.iter().map(|&s| view(s)).collect();
        let wal = align(&view(a), &wviews, idf, cfg.min_tile, cfg.sentence_threshold);
        (passages(&wal, &wviews), wide)
    } else {
        (tps, chosen)
    };
    let out = tps
        .iter()
        .map(|p| {
            let at = &ta.toks;
            let s = chosen[p.src];
            let bt = &toks_of(s).toks;
            let (b0, b1) = (p.b0.min(bt.len()), p.b1.min(bt.len()));
            let (ss, se) = if b0 < b1 {
                (bt[b0].char_span().0, bt[b1 - 1].char_span().1)
            } else {
                (0, 0)
            };
            let (first, last) = (&at[p.a0], &at[p.a1 - 1]);
            Passage {
                start: first.char_span().0,
                end: last.char_span().1,
                text: articles[a].text[first.byte_span().0..last.byte_span().1].to_string(),
                source: articles[s].id.clone(),
                source_start: ss,
                source_end: se,
                kind: if p.verbatim {
                    PassageKind::Verbatim
                } else {
                    PassageKind::Rewrite
                },
            }
        })
        .collect();
    (feat, Some(src), out)
}

/// One verbatim passage over the whole of an exact copy.
fn whole_passage(a: &Article, o: &Article) -> Vec<Passage> {
    let (ta, to) = (tokenize(&a.text), tokenize(&o.text));
    let (Some(f), Some(l)) = (ta.toks.first(), ta.toks.last()) else {
        return Vec::new();
    };
    let (of, ol) = match (to.toks.first(), to.toks.last()) {
        (Some(x), Some(y)) => (x.char_span().0, y.char_span().1),
        _ => (0, 0),
    };
    vec![Passage {
        start: f.char_span().0,
        end: l.char_span().1,
        text: a.text[f.byte_span().0..l.byte_span().1].to_string(),
        source: o.id.clone(),
        source_start: of,
        source_end: ol,
        kind: PassageKind::Verbatim,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::WINDOW_MIN_TEXTS;

    fn edge(c1: f64, c3: f64, c1_rev: f64) -> Edge {
        Edge {
            other: 0,
            c3,
            c3_rev: 0.0,
            c1,
            c1_rev,
        }
    }

    #[test]
    fn a_digest_does_not_outrank_the_source() {
        let cfg = CopiesConfig::default();
        // A long digest holds more of the article's words (c1) than its
        // reworded source, but the article holds few of the digest's.
        let digest = edge(0.6, 0.05, 0.05);
        let source = edge(0.5, 0.05, 0.6);
        assert!(source_score(&source, &cfg) > source_score(&digest, &cfg));
        // Without the reverse factor the digest would win.
        let flat = CopiesConfig {
            reverse_power: 0.0,
            ..CopiesConfig::default()
        };
        assert!(source_score(&source, &flat) < source_score(&digest, &flat));
    }

    #[test]
    fn day_counts_hold_the_texts_within_the_window_of_each_day() {
        // Days of texts 0..5 and their word ids.
        let day = [0i64, 1, 5, 9, 2];
        let words: [&[u32]; 5] = [&[0, 1], &[1], &[1, 2], &[2], &[0]];
        let mut c = DayCounts::new(&[0, 1, 2, 3, 4], &day, 3);
        // (day, texts in its window, document frequency of words 0, 1, 2)
        let check = |c: &mut DayCounts, d: i64, n: usize, df: [u32; 3]| {
            assert_eq!(c.move_to(d, &day, |i| words[i]), n, "texts on day {d}");
            assert_eq!(c.df, df, "df on day {d}");
        };
        // Days -3..=3: texts 0, 1, 4.
        check(&mut c, 0, 3, [2, 2, 0]);
        // 2..=8: texts 4 and 2 (0 and 1 counted out).
        check(&mut c, 5, 2, [1, 1, 1]);
        // 6..=12: text 3 alone.
        check(&mut c, 9, 1, [0, 0, 1]);
        // Past every text: nothing left.
        check(&mut c, 20, 0, [0, 0, 0]);
    }

    #[test]
    fn weights_in_a_window_count_only_its_texts() {
        let texts = ["cat sat", "dog sat", "cat ran"];
        let mut st = Store::build(texts.iter().copied());
        st.set_idf(&[0, 1, 2]);
        let h = |w: &str| tokenize(w).toks[0].hash;
        let id = |w: &str| st.ids[&h(w)];
        // Texts 0 and 1 are within the window of day 0; text 2 is not.
        let day = [0i64, 1, 10];
        let mut c = DayCounts::new(&[0, 1, 2], &day, st.vocab.len());
        let n = c.move_to(0, &day, |i| st.s1(i));
        assert_eq!(n, 2);
        let global = Weights {
            st: &st,
            window: None,
        };
        let near = Weights {
            st: &st,
            window: Some((&c.df, n)),
        };
        let ln = |x: f32| x.ln() + 1.0;
        // Over all three texts "cat" is in two: ln(4/3) + 1; within the
        // window it is in one of two: ln(3/2) + 1.
        assert_eq!(global.of_id(id("cat")), ln(4.0 / 3.0));
        assert_eq!(near.of_id(id("cat")), ln(3.0 / 2.0));
        // "sat" is in both texts of the window: ln(3/3) + 1 = 1.
        assert_eq!(near.of_hash(h("sat")), 1.0);
        // "ran" is outside the window and "zebra" nowhere: counted once.
        assert_eq!(near.of_id(id("ran")), ln(3.0 / 2.0));
        assert_eq!(near.of_hash(h("zebra")), ln(3.0 / 2.0));
        assert_eq!(global.of_hash(h("zebra")), ln(4.0 / 2.0));
        // Text 0's sum: "cat" and "sat", in id order.
        let mut both = [(id("cat"), ln(1.5)), (id("sat"), 1.0)];
        both.sort_by_key(|x| x.0);
        assert_eq!(near.sum(0), both[0].1 as f64 + both[1].1 as f64);
        assert_eq!(global.sum(0), st.wsum[0]);
    }

    #[test]
    fn branch_free_intersections_match_a_plain_count() {
        // Sorted distinct sets from a fixed pseudo-random sequence.
        let mut x = 0x1234_5678u64;
        let mut next = || {
            x = fmix64(x.wrapping_add(1));
            x % 64
        };
        let idf: Vec<f32> = (0..64).map(|i| 1.0 + i as f32 / 8.0).collect();
        for _ in 0..200 {
            let mut a: Vec<u32> = (0..next() % 40).map(|_| next() as u32).collect();
            let mut b: Vec<u32> = (0..next() % 40).map(|_| next() as u32).collect();
            a.sort_unstable();
            a.dedup();
            b.sort_unstable();
            b.dedup();
            let both: Vec<u32> = a.iter().copied().filter(|v| b.contains(v)).collect();
            assert_eq!(common(&a, &b), both.len());
            let w: f64 = both.iter().map(|&v| idf[v as usize] as f64).sum();
            assert_eq!(weighed_common(&a, &b, |x| idf[x as usize]), w);
        }
    }

    #[test]
    fn hop_candidates_outside_a_dense_window_are_the_lowest_positions() {
        // 100 distinct candidates, two reached twice: the 64 lowest, once.
        let mut reached: Vec<u32> = (0..100).rev().collect();
        reached.extend([3, 99]);
        let got = select_hops(reached, false, |_| false);
        assert_eq!(got, (0..64).collect::<Vec<u32>>());
    }

    #[test]
    fn hop_candidates_in_a_dense_window_are_near_and_most_reached() {
        // Positions 0..40 are far in time, 40..100 near. 90, 70 and 50 are
        // reached by three best candidates, 95 and 60 by two, the rest once.
        let mut reached: Vec<u32> = (0..100).collect();
        reached.extend([90, 70, 50, 90, 70, 50, 95, 60, 10, 10, 10]);
        let got = select_hops(reached, true, |b| b >= 40);
        // 50, 70, 90 (three paths), 60, 95 (two), then the 11 lowest near
        // ones reached once: 40..=49, 51; ascending.
        let mut want: Vec<u32> = vec![50, 70, 90, 60, 95];
        want.extend((40..50).chain([51]));
        want.sort_unstable();
        assert_eq!(got.len(), HOP_DENSE);
        assert_eq!(got, want);
    }

    fn meta(date: Option<&str>) -> Meta {
        let mut a = Article::from_text("x", "text".to_string());
        a.date = date.map(str::to_string);
        Meta::of(&a)
    }

    #[test]
    fn dense_windows_count_representatives_within_the_window_days() {
        // WINDOW_MIN_TEXTS - 1 texts on 2024-01-10, one more on 2024-01-13
        // (within 3 days), one on 2024-01-20, one undated (on the latest day,
        // 2024-01-20). The 2024-01-10 and -13 texts see WINDOW_MIN_TEXTS.
        let mut metas: Vec<Meta> = (1..WINDOW_MIN_TEXTS)
            .map(|_| meta(Some("2024-01-10")))
            .collect();
        metas.push(meta(Some("2024-01-13")));
        metas.push(meta(Some("2024-01-20")));
        metas.push(meta(None));
        let n = metas.len();
        let reps: Vec<usize> = (0..n).collect();
        let (day, dense) = windows(&reps, &metas, n);
        assert_eq!(day[n - 1], day[n - 2]);
        assert_eq!(day[n - 3] - day[0], 3);
        assert!(dense[0] && dense[n - 3]);
        assert!(!dense[n - 2] && !dense[n - 1]);
        // One text fewer in the window (not a representative): the others
        // of 2024-01-10 and -13 see WINDOW_MIN_TEXTS - 1, not dense.
        let (_, thin) = windows(&reps[1..], &metas, n);
        assert!(!thin[0] && !thin[1] && !thin[n - 3]);
        // Nothing dated: nothing dense.
        let undated: Vec<Meta> = (0..WINDOW_MIN_TEXTS).map(|_| meta(None)).collect();
        let (_, none) = windows(&reps[..WINDOW_MIN_TEXTS], &undated, WINDOW_MIN_TEXTS);
        assert!(none.iter().all(|&d| !d));
    }

    #[test]
    fn ngram_hashes_are_distinct_and_sorted() {
        let h = [1u64, 2, 3, 1, 2, 3];
        assert_eq!(ngrams(&h, 1), vec![1, 2, 3]);
        // [1,2,3] twice, [2,3,1], [3,1,2]: three distinct trigrams.
        let t = ngrams(&h, 3);
        assert_eq!(t.len(), 3);
        assert!(t.windows(2).all(|w| w[0] < w[1]));
        assert!(ngrams(&h, 7).is_empty());
        assert_eq!(share_in(&[1, 2, 3, 4], &[2, 4, 9]), 0.5);
        assert_eq!(share_in(&[], &[2]), 0.0);
    }
}
