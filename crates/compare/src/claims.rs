//! Claims: asserting sentences aligned across a story's articles, counted by
//! independent sources, with the sentences that dispute them.
//!
//! Alignment is leader clustering over IDF-weighted content stems: each
//! sentence joins the most similar existing claim (cosine at least
//! [`SIMILARITY`], numbers and named entities agreeing) or starts a new one.
//! Candidates come from an inverted index, scanning a bounded number of claims
//! per token, so the cost is linear in the number of sentences (times a
//! constant), plus a sort.
//!
//! Independent sources: the claim's articles are merged when they share a copy
//! group, when the article's sentence lies in a passage it took from another
//! article (the passage's source), or when they credit the same source as a
//! whole (copyright, "appeared first on", wire credit); the count is the number
//! of merged groups.
//!
//! Disputes: a sentence from another article that shares the claim's subject
//! (entities and a predicate word) and carries a dispute marker ("in reality",
//! "ridiculous to claim", "contrary to", ...) or, with a closer match, a
//! negation the claim lacks.
//!
//! It does NOT understand paraphrase beyond shared stems (no embeddings), and
//! does not judge which side of a dispute is right.

use crate::lexicon;
use std::collections::{BTreeMap, HashMap};

/// Cosine similarity at which two sentences are the same claim.
pub(crate) const SIMILARITY: f64 = 0.5;
/// Cosine at which two sentences are the same claim when they also share a
/// distinctive number (see [`anchored`]): "cut tariffs on processed fish by
/// 12 percent" and "welcomed the 12 percent tariff cut" share little else.
pub(crate) const ANCHORED_SIMILARITY: f64 = 0.2;
/// Claims scanned per query token in the inverted index.
const SCAN_PER_TOKEN: usize = 40;
/// Query tokens (the rarest) used to look up candidates.
const QUERY_TOKENS: usize = 4;

/// One claim-bearing sentence, prepared for alignment.
#[derive(Debug, Clone)]
pub(crate) struct ClaimSent {
    /// Index of the article in the story input.
    pub article: usize,
    /// Sentence index in the article's layout.
    pub sent: usize,
    /// Char (code point) range of the sentence in the article text.
    pub char_start: usize,
    pub char_end: usize,
    /// Interned content stems, sorted, unique.
    pub content: Vec<u32>,
    /// Interned entity keys, sorted, unique.
    pub ents: Vec<u32>,
    /// Numbers (bit patterns of the values), sorted, unique.
    pub nums: Vec<u64>,
    /// Whether the sentence negates.
    pub negated: bool,
    /// Whether the sentence carries a dispute marker.
    pub disputes: bool,
    /// Interned content stems after the first dispute marker: what is disputed.
    pub scope: Vec<u32>,
}

/// A set of aligned sentences.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    /// Indices into the sentence list; the first is the representative.
    pub members: Vec<usize>,
    /// Disputing sentences (indices into the sentence list).
    pub disputed_by: Vec<usize>,
}

/// Cosine of two sentences given their squared norms `na`, `nb`.
fn cosine(a: &[u32], b: &[u32], w: &[f64], na: f64, nb: f64) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += w[a[i] as usize] * w[a[i] as usize];
                i += 1;
                j += 1;
            }
        }
    }
    if na <= 0.0 || nb <= 0.0 {
        0.0
    } else {
        dot / (na * nb).sqrt()
    }
}

fn norm2(a: &[u32], w: &[f64]) -> f64 {
    a.iter().map(|&t| w[t as usize] * w[t as usize]).sum()
}

fn subset_or_equal<T: Ord>(small: &[T], big: &[T]) -> bool {
    small.iter().all(|x| big.binary_search(x).is_ok())
}

/// Named entities agree: when both sentences name some, the smaller set lies
/// in the larger.
fn ents_agree(a: &ClaimSent, b: &ClaimSent) -> bool {
    a.ents.is_empty()
        || b.ents.is_empty()
        || if a.ents.len() <= b.ents.len() {
            subset_or_equal(&a.ents, &b.ents)
        } else {
            subset_or_equal(&b.ents, &a.ents)
        }
}

/// Numbers and entities agree: when both sentences have some, the smaller set lies in the larger.
fn agree(a: &ClaimSent, b: &ClaimSent) -> bool {
    let ok_nums = a.nums.is_empty()
        || b.nums.is_empty()
        || if a.nums.len() <= b.nums.len() {
            subset_or_equal(&a.nums, &b.nums)
        } else {
            subset_or_equal(&b.nums, &a.nums)
        };
    let ok_ents = ents_agree(a, b);
    // A number on one side only changes the claim ("90% destroyed" vs "destroyed").
    let one_sided_nums = a.nums.is_empty() != b.nums.is_empty();
    ok_nums && ok_ents && !one_sided_nums
}

/// A number that names one fact of a story rather than a count any sentence
/// may hold: at least 10, and not a year (a whole number 1900-2100).
fn distinctive(bits: u64) -> bool {
    let v = f64::from_bits(bits).abs();
    v >= 10.0 && !(v.fract() == 0.0 && (1900.0..=2100.0).contains(&v))
}

/// Two sentences anchored on one fact: they share a distinctive number, both
/// assert it or both negate, and their named entities agree (the smaller set
/// lies in the larger). Other numbers may differ: one report adds the
/// context another leaves out.
fn anchored(a: &ClaimSent, b: &ClaimSent) -> bool {
    let shared = a
        .nums
        .iter()
        .any(|&n| distinctive(n) && b.nums.binary_search(&n).is_ok());
    shared && ents_agree(a, b) && a.negated == b.negated
}

/// Token weights: IDF over the articles of the story, and the article counts.
pub(crate) struct Weights {
    /// IDF per interned token.
    pub w: Vec<f64>,
    /// Number of articles each token occurs in.
    pub df: Vec<u32>,
}

/// IDF weights per interned token, over the articles of the story.
pub(crate) fn idf(sents: &[ClaimSent], vocab: usize, n_articles: usize) -> Weights {
    let mut df = vec![0u32; vocab];
    let mut last_seen = vec![usize::MAX; vocab];
    for s in sents {
        for &t in &s.content {
            if last_seen[t as usize] != s.article {
                last_seen[t as usize] = s.article;
                df[t as usize] += 1;
            }
        }
    }
    let n = n_articles as f64;
    let w = df
        .iter()
        .map(|&d| ((n + 1.0) / (d as f64 + 1.0)).ln() + 1.0)
        .collect();
    Weights { w, df }
}

/// The `k` rarest tokens of a sentence that some other article also uses
/// (highest weight, ties by id): only those can find a match elsewhere.
fn rarest(content: &[u32], wt: &Weights, k: usize) -> Vec<u32> {
    let w = &wt.w;
    let mut v: Vec<u32> = content
        .iter()
        .copied()
        .filter(|&t| wt.df[t as usize] >= 2)
        .collect();
    v.sort_by(|a, b| w[*b as usize].total_cmp(&w[*a as usize]).then(a.cmp(b)));
    v.truncate(k);
    v
}

/// Content, entities and numbers of a sentence: equal keys are the same claim.
type ExactKey<'a> = (&'a [u32], &'a [u32], &'a [u64]);

/// Aligns sentences (given in story order) into claims.
pub(crate) fn align(sents: &[ClaimSent], wt: &Weights) -> Vec<Cluster> {
    let w = &wt.w;
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut exact: HashMap<ExactKey, usize> = HashMap::new();
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); w.len()];
    let norms: Vec<f64> = sents.iter().map(|s| norm2(&s.content, w)).collect();
    // seen[c] == stamp: cluster c was already scored for the current sentence.
    let mut seen: Vec<usize> = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        if s.content.is_empty() {
            continue;
        }
        if let Some(&c) = exact.get(&(s.content.as_slice(), s.ents.as_slice(), s.nums.as_slice())) {
            clusters[c].members.push(i);
            continue;
        }
        let stamp = i + 1;
        let mut best: Option<(f64, usize)> = None;
        for t in rarest(&s.content, wt, QUERY_TOKENS) {
            for &c in postings[t as usize].iter().rev().take(SCAN_PER_TOKEN) {
                let c = c as usize;
                if seen[c] == stamp {
                    continue;
                }
                seen[c] = stamp;
                let r = clusters[c].members[0];
                let rep = &sents[r];
                let sim = cosine(&s.content, &rep.content, w, norms[i], norms[r]);
                let same = (sim >= SIMILARITY && agree(s, rep))
                    || (sim >= ANCHORED_SIMILARITY && anchored(s, rep));
                if same && best.is_none_or(|(b, bc)| sim > b || (sim == b && c < bc)) {
                    best = Some((sim, c));
                }
            }
        }
        let c = match best {
            Some((_, c)) => {
                clusters[c].members.push(i);
                c
            }
            None => {
                clusters.push(Cluster {
                    members: vec![i],
                    disputed_by: Vec::new(),
                });
                seen.push(0);
                let c = clusters.len() - 1;
                for &t in &s.content {
                    postings[t as usize].push(c as u32);
                }
                c
            }
        };
        exact
            .entry((s.content.as_slice(), s.ents.as_slice(), s.nums.as_slice()))
            .or_insert(c);
    }
    clusters
}

/// Attaches disputing sentences to the claims they contradict.
pub(crate) fn find_disputes(
    sents: &[ClaimSent],
    clusters: &mut [Cluster],
    wt: &Weights,
    ent_tokens: &[bool],
) {
    let w = &wt.w;
    let mut of_sent = vec![usize::MAX; sents.len()];
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); w.len()];
    let mut arts_of: Vec<Vec<usize>> = Vec::with_capacity(clusters.len());
    for (c, cl) in clusters.iter().enumerate() {
        for &m in &cl.members {
            of_sent[m] = c;
        }
        for &t in &sents[cl.members[0]].content {
            postings[t as usize].push(c as u32);
        }
        let mut a: Vec<usize> = cl.members.iter().map(|&m| sents[m].article).collect();
        a.sort_unstable();
        a.dedup();
        arts_of.push(a);
    }
    let mut seen = vec![0usize; clusters.len()];
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, d) in sents.iter().enumerate() {
        if !(d.disputes || d.negated) {
            continue;
        }
        let stamp = i + 1;
        let query = if d.disputes { &d.scope } else { &d.content };
        for t in rarest(query, wt, QUERY_TOKENS + 2) {
            for &c in postings[t as usize].iter().take(SCAN_PER_TOKEN) {
                let c = c as usize;
                if c == of_sent[i] || seen[c] == stamp {
                    continue;
                }
                seen[c] = stamp;
                if arts_of[c].binary_search(&d.article).is_ok() {
                    continue;
                }
                let rep = &sents[clusters[c].members[0]];
                if disputes(d, rep, w, ent_tokens) {
                    found.push((c, i));
                }
            }
        }
    }
    for (c, i) in found {
        if clusters[c].disputed_by.len() < 20 {
            clusters[c].disputed_by.push(i);
        }
    }
}

/// Whether sentence `d` disputes the claim whose representative is `c`: the
/// words after its dispute marker (or, for a plain negation, the whole
/// sentence) share the claim's subject: an entity and a predicate word.
fn disputes(d: &ClaimSent, c: &ClaimSent, w: &[f64], ent_tokens: &[bool]) -> bool {
    let scope = if d.disputes { &d.scope } else { &d.content };
    let shared: Vec<u32> = scope
        .iter()
        .copied()
        .filter(|t| c.content.binary_search(t).is_ok())
        .collect();
    let is_ent = |t: u32| ent_tokens.get(t as usize).copied().unwrap_or(false);
    let shared_ents = shared.iter().filter(|&&t| is_ent(t)).count();
    let shared_pred = shared.len() - shared_ents;
    if shared.len() < 2 || shared_ents == 0 || shared_pred == 0 {
        return false;
    }
    let sw: f64 = shared.iter().map(|&t| w[t as usize]).sum();
    let dw: f64 = scope.iter().map(|&t| w[t as usize]).sum();
    let cw: f64 = c.content.iter().map(|&t| w[t as usize]).sum();
    if d.disputes {
        sw / dw.max(1e-9) >= 0.35
    } else {
        d.negated
            && !c.negated
            && shared.len() >= 3
            && sw / dw.min(cw).max(1e-9) >= 0.6
            && agree(d, c)
    }
}

/// Counts independent sources among `keys` (one per member article) given the
/// pairs of keys that are the same source. Deterministic, small.
pub(crate) fn count_independent(keys: &[String], same: &[(String, String)]) -> usize {
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys.iter().chain(same.iter().flat_map(|(a, b)| [a, b])) {
        let n = ids.len();
        ids.entry(k.as_str()).or_insert(n);
    }
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (a, b) in same {
        let (ia, ib) = (ids[a.as_str()], ids[b.as_str()]);
        let (ra, rb) = (find(&mut parent, ia), find(&mut parent, ib));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut roots: Vec<usize> = keys
        .iter()
        .map(|k| ids[k.as_str()])
        .map(|i| find(&mut parent, i))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    roots.len()
}

/// The index of the first word of a dispute marker in `words` (lowercase), if any.
pub(crate) fn dispute_marker(words: &[String]) -> Option<usize> {
    let phrases: Vec<Vec<&str>> = lexicon::DISPUTE_PHRASES
        .iter()
        .map(|p| p.split(' ').collect())
        .collect();
    (0..words.len()).find(|&i| {
        lexicon::is_dispute_word(&words[i])
            || phrases.iter().any(|p| {
                p.len() <= words.len() - i && p.iter().zip(&words[i..]).all(|(a, b)| a == b)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(article: usize, content: &[u32], ents: &[u32], nums: &[u64]) -> ClaimSent {
        ClaimSent {
            article,
            sent: 0,
            char_start: 0,
            char_end: 10,
            content: content.to_vec(),
            ents: ents.to_vec(),
            nums: nums.to_vec(),
            negated: false,
            disputes: false,
            scope: content.to_vec(),
        }
    }

    #[test]
    fn aligns_paraphrases_but_not_number_conflicts() {
        let w = Weights {
            w: vec![1.0; 20],
            df: vec![2; 20],
        };
        let sents = vec![
            cs(0, &[1, 2, 3, 4, 5], &[1], &[3000]),
            cs(1, &[1, 2, 3, 4, 6], &[1], &[3000]),
            cs(2, &[1, 2, 3, 4, 5], &[1], &[4000]),
            cs(3, &[10, 11, 12], &[], &[]),
        ];
        let cl = align(&sents, &w);
        let members: Vec<Vec<usize>> = cl.iter().map(|c| c.members.clone()).collect();
        assert_eq!(members, vec![vec![0, 1], vec![2], vec![3]]);
    }

    #[test]
    fn a_shared_distinctive_number_aligns_a_looser_paraphrase() {
        let w = Weights {
            w: vec![1.0; 80],
            df: vec![2; 80],
        };
        let num = |v: f64| vec![v.to_bits()];
        // Three of ten stems shared with the first sentence: cosine 0.3,
        // between ANCHORED_SIMILARITY and SIMILARITY.
        let like_first = |article: usize, nums: Vec<u64>| {
            let base = 10 + 10 * article as u32;
            let mut content: Vec<u32> = vec![1, 2, 3];
            content.extend(base..base + 7);
            let mut s = cs(article, &content, &[], &[]);
            s.nums = nums;
            s
        };
        // Positive floats sort by their bits as by value.
        let first = cs(
            0,
            &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            &[],
            &[2.0f64.to_bits(), 12.0f64.to_bits(), 2024.0f64.to_bits()],
        );
        let mut negated = like_first(4, num(12.0));
        negated.negated = true;
        let sents = vec![
            first,
            // The same figure: one claim.
            like_first(1, num(12.0)),
            // A small count or a year is no anchor.
            like_first(2, num(2.0)),
            like_first(3, num(2024.0)),
            // Negating the figure is not asserting it.
            negated,
        ];
        let cl = align(&sents, &w);
        let members: Vec<Vec<usize>> = cl.iter().map(|c| c.members.clone()).collect();
        assert_eq!(members, vec![vec![0, 1], vec![2], vec![3], vec![4]]);
    }

    #[test]
    fn counts_sources_through_merges() {
        let k = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(count_independent(&k(&["a", "b", "c"]), &[]), 3);
        assert_eq!(
            count_independent(&k(&["a", "b", "c"]), &[("a".into(), "b".into())]),
            2
        );
        // Two articles taking from the same outside source count once.
        assert_eq!(
            count_independent(
                &k(&["a", "b"]),
                &[("a".into(), "w".into()), ("b".into(), "w".into())]
            ),
            1
        );
        assert_eq!(count_independent(&k(&["a", "a"]), &[]), 1);
        assert_eq!(count_independent(&[], &[]), 0);
    }

    #[test]
    fn disputes_need_shared_subject_and_marker() {
        let w = vec![1.0; 20];
        let ents = {
            let mut e = vec![false; 20];
            e[1] = true;
            e[2] = true;
            e
        };
        let claim = cs(0, &[1, 2, 3, 4, 5], &[1, 2], &[]);
        let mut d = cs(1, &[1, 2, 3, 9, 10], &[1, 2], &[]);
        assert!(!disputes(&d, &claim, &w, &ents));
        d.disputes = true;
        assert!(disputes(&d, &claim, &w, &ents));
        let unrelated = cs(1, &[9, 10, 11, 12], &[], &[]);
        let mut u = unrelated.clone();
        u.disputes = true;
        assert!(!disputes(&u, &claim, &w, &ents));
    }
}
