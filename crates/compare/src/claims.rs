//! Claims: asserting sentences aligned across a story's articles, counted by
//! independent sources, with the sentences that dispute them.
//!
//! Alignment is leader clustering over IDF-weighted content stems: each
//! sentence joins the most similar existing claim (cosine at least
//! [`SIMILARITY`], numbers and named entities agreeing; or at least
//! [`ANCHORED_SIMILARITY`] when both state one figure, see [`anchor`]) or
//! starts a new one. Candidates come from inverted indexes over stems and
//! figures, scanning a bounded number of claims per key, so the cost is
//! linear in the number of sentences (times a constant), plus a sort.
//!
//! Independent sources: the claim's articles are merged when they share a copy
//! group, when half of the article's sentence lies in passages it took from
//! one other article (in an article the copies stage calls not derived, only
//! verbatim runs of [`crate::LONG_VERBATIM_CHARS`] or more count), when
//! they come from one outlet, or when they credit the same source as a whole
//! (copyright, "appeared first on", wire credit; a credited outlet is that
//! outlet); the count is the number of merged groups (the merging itself is
//! done by the caller, [`count_independent`] counts).
//!
//! Disputes: a sentence from another article that shares the subject of one
//! of the claim's first few wordings (entities and a predicate word) and
//! carries a dispute marker ("in reality", "ridiculous to claim", "contrary
//! to", ...) or, with a closer match, a negation the claim lacks.
//!
//! It does NOT understand paraphrase beyond shared stems (no embeddings), and
//! does not judge which side of a dispute is right.

use crate::lexicon;
use crate::numbers::NumberMention;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// Cosine similarity at which two sentences are the same claim.
pub(crate) const SIMILARITY: f64 = 0.5;
/// Cosine at which two sentences are the same claim when they also state one
/// figure (see [`anchored`]): "cut tariffs on processed fish by 12 percent"
/// and "welcomed the 12 percent tariff cut" share little else.
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
    /// The numbers that can anchor a looser match (see [`anchor`]), sorted,
    /// unique.
    pub anchors: Vec<u64>,
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

/// What a number can anchor a looser match on ([`anchored`]), if anything:
/// its value alone when it is at least 10 and not a year ("12 percent" and
/// "a 12 percent cut" name one fact whatever the noun), else its value with
/// its unit noun ("two people", "two days"; a bare "two" is no anchor).
///
/// `raw` is the number as written: four bare digits from 1000 to 2100 are a
/// year ("the 2023 inspection"), which anchors nothing; "2,000 troops" is a
/// count.
pub(crate) fn anchor(n: &NumberMention, raw: &str) -> Option<u64> {
    let v = n.value.abs();
    let four_digits = raw.len() == 4 && raw.bytes().all(|c| c.is_ascii_digit());
    let year = n.unit == "year" || (four_digits && (1000.0..=2100.0).contains(&v));
    if year {
        return None;
    }
    let unit = if v >= 10.0 { "" } else { n.unit.as_str() };
    if v < 10.0 && unit.is_empty() {
        return None;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    n.value.to_bits().hash(&mut h);
    crate::text::stem(unit).hash(&mut h);
    Some(h.finish())
}

/// Two sentences anchored on one fact: they share an anchor ([`anchor`]),
/// both assert it or both negate, and their named entities agree (the
/// smaller set lies in the larger). Other numbers may differ: one report adds
/// the context another leaves out.
fn anchored(a: &ClaimSent, b: &ClaimSent) -> bool {
    let shared = a.anchors.iter().any(|x| b.anchors.binary_search(x).is_ok());
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
    // Claims by the anchors of their representative: a paraphrase sharing an
    // anchor may share none of the rarest stems its lookup uses.
    let mut by_anchor: HashMap<u64, Vec<u32>> = HashMap::new();
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
        let by_stem = rarest(&s.content, wt, QUERY_TOKENS)
            .into_iter()
            .map(|t| postings[t as usize].as_slice());
        let by_anchors = s
            .anchors
            .iter()
            .map(|a| by_anchor.get(a).map_or(&[][..], Vec::as_slice));
        for list in by_stem.chain(by_anchors) {
            for &c in list.iter().rev().take(SCAN_PER_TOKEN) {
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
                for &a in &s.anchors {
                    by_anchor.entry(a).or_default().push(c as u32);
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

/// Wordings of a claim a disputing sentence is checked against: the first
/// few distinct ones, since its articles word it in their own ways ("gave
/// way late on Saturday" in one, "the dam failed on Saturday night" in
/// another); republications repeat a wording and are skipped.
const DISPUTE_WORDINGS: usize = 8;
/// Members looked at to find those wordings.
const DISPUTE_SCAN: usize = 64;

/// The members of `cl` with the claim's first distinct wordings.
fn wordings(cl: &Cluster, sents: &[ClaimSent]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &m in cl.members.iter().take(DISPUTE_SCAN) {
        if out.len() == DISPUTE_WORDINGS {
            break;
        }
        if !out.iter().any(|&o| sents[o].content == sents[m].content) {
            out.push(m);
        }
    }
    out
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
    let checked: Vec<Vec<usize>> = clusters.iter().map(|cl| wordings(cl, sents)).collect();
    for (c, cl) in clusters.iter().enumerate() {
        for &m in &cl.members {
            of_sent[m] = c;
        }
        let mut terms: Vec<u32> = checked[c]
            .iter()
            .flat_map(|&m| sents[m].content.iter().copied())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        for t in terms {
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
                if checked[c]
                    .iter()
                    .any(|&m| disputes(d, &sents[m], w, ent_tokens))
                {
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
            anchors: Vec::new(),
            negated: false,
            disputes: false,
            scope: content.to_vec(),
        }
    }

    /// `s` with the numbers `nums` (value, unit) as numbers and anchors.
    fn with_numbers(mut s: ClaimSent, nums: &[(f64, &str)]) -> ClaimSent {
        s.nums = nums.iter().map(|n| n.0.to_bits()).collect();
        s.nums.sort_unstable();
        s.nums.dedup();
        s.anchors = nums
            .iter()
            .filter_map(|&(value, unit)| {
                let n = NumberMention {
                    value,
                    unit: unit.to_string(),
                    sent: 0,
                    start: 0,
                    end: 0,
                };
                anchor(&n, &value.to_string())
            })
            .collect();
        s.anchors.sort_unstable();
        s.anchors.dedup();
        s
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
        // Three of ten stems shared with the first sentence: cosine 0.3,
        // between ANCHORED_SIMILARITY and SIMILARITY.
        let like_first = |article: usize, nums: &[(f64, &str)]| {
            let base = 10 + 10 * article as u32;
            let mut content: Vec<u32> = vec![1, 2, 3];
            content.extend(base..base + 7);
            with_numbers(cs(article, &content, &[], &[]), nums)
        };
        let first = with_numbers(
            cs(0, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], &[], &[]),
            &[
                (2.0, ""),
                (3.0, "people"),
                (12.0, "%"),
                (2024.0, "inspection"),
            ],
        );
        let mut negated = like_first(4, &[(12.0, "percent")]);
        negated.negated = true;
        let sents = vec![
            first,
            // The same figure, whatever its noun: one claim.
            like_first(1, &[(12.0, "percent")]),
            // A bare small count or a year is no anchor.
            like_first(2, &[(2.0, "")]),
            like_first(3, &[(2024.0, "inspection")]),
            // Negating the figure is not asserting it.
            negated,
            // A small count with the same noun is.
            like_first(5, &[(3.0, "people")]),
            // With another noun it is not.
            like_first(6, &[(3.0, "helicopters")]),
        ];
        let cl = align(&sents, &w);
        let members: Vec<Vec<usize>> = cl.iter().map(|c| c.members.clone()).collect();
        assert_eq!(
            members,
            vec![vec![0, 1, 5], vec![2], vec![3], vec![4], vec![6]]
        );
    }

    #[test]
    fn which_numbers_anchor() {
        let n = |value: f64, unit: &str| NumberMention {
            value,
            unit: unit.to_string(),
            sent: 0,
            start: 0,
            end: 0,
        };
        assert!(anchor(&n(2000.0, "troops"), "2,000").is_some());
        assert!(anchor(&n(2023.0, "inspection"), "2023").is_none());
        assert!(anchor(&n(2017.0, "year"), "2017").is_none());
        assert!(anchor(&n(2.0, ""), "two").is_none());
        assert!(anchor(&n(2.0, "days"), "two").is_some());
        assert_eq!(
            anchor(&n(12.0, "%"), "12"),
            anchor(&n(12.0, "percent"), "12"),
            "a figure of 10 or more anchors whatever its noun"
        );
        assert_ne!(
            anchor(&n(2.0, "days"), "two"),
            anchor(&n(2.0, "people"), "two")
        );
    }

    #[test]
    fn an_anchor_finds_a_claim_the_rarest_stems_do_not() {
        // The second sentence's four rarest stems (weight 2) are its own;
        // it shares six common ones (weight 1) and the figure: cosine 0.40.
        let mut w = vec![1.0; 40];
        w[30..34].fill(2.0);
        let w = Weights { w, df: vec![2; 40] };
        let first = with_numbers(
            cs(0, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], &[], &[]),
            &[(450_000.0, "tonnes")],
        );
        let second = with_numbers(
            cs(1, &[1, 2, 3, 4, 5, 6, 30, 31, 32, 33], &[], &[]),
            &[(450_000.0, "tonnes")],
        );
        let cl = align(&[first, second], &w);
        let members: Vec<Vec<usize>> = cl.iter().map(|c| c.members.clone()).collect();
        assert_eq!(members, vec![vec![0, 1]]);
    }

    #[test]
    fn a_dispute_of_any_member_s_wording_disputes_the_claim() {
        let w = Weights {
            w: vec![1.0; 20],
            df: vec![2; 20],
        };
        let mut ents = vec![false; 20];
        ents[1] = true;
        // Token 1 is the entity; the second member words the claim with
        // token 5, which the first does not use.
        let rep = cs(0, &[1, 2, 3, 4], &[1], &[]);
        let other_wording = cs(1, &[1, 5, 6, 7], &[1], &[]);
        let mut d = cs(2, &[1, 5, 9], &[1], &[]);
        d.disputes = true;
        assert!(!disputes(&d, &rep, &w.w, &ents));
        let sents = vec![rep, other_wording, d];
        let mut clusters = vec![
            Cluster {
                members: vec![0, 1],
                disputed_by: Vec::new(),
            },
            Cluster {
                members: vec![2],
                disputed_by: Vec::new(),
            },
        ];
        find_disputes(&sents, &mut clusters, &w, &ents);
        assert_eq!(clusters[0].disputed_by, vec![2]);
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
