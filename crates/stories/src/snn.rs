//! Shared-nearest-neighbour reinforcement of a chunk's similarity graph.
//!
//! Two reports of one event are not only similar to each other: they are
//! among each other's closest neighbours, and they share those neighbours.
//! Two reports of different events on one topic (two DUI arrests of players
//! of one team, two FDA decisions on one vaccine) can be about as similar,
//! but each sits among the reports of its own event. Jarvis and Patrick
//! (1973) cluster on the neighbours two points share for this reason.
//!
//! Only the chunk's articles take part: a story's own neighbours lie in
//! earlier chunks, which this graph does not hold, so edges to stories keep
//! their similarity (and a chunk of one article is placed as without this
//! step). Each article keeps its `k` most similar articles above a floor as
//! neighbours, and counts as its own neighbour. An edge's average similarity `s` becomes
//! `(1 - mix) * s + mix * J`, where `J` is the Jaccard overlap of its two
//! ends' neighbour sets. A node with few close neighbours (an event only
//! three outlets covered) then shares all of them with its event's other
//! reports, as a node of a large event does.
//!
//! It does NOT add edges (a pair without one stays at similarity 0), look
//! outside the chunk's graph, or change the clustering rule.

use crate::hac::Node;

/// Reinforces `edges` (`(a, b, total similarity)`, indices into `nodes`) in
/// place. `k == 0` or `mix <= 0` leaves the edges as they are. The engine
/// gives each pair at most one edge; a repeated pair would be reinforced
/// edge by edge, each counting alone in the neighbour lists.
pub(crate) fn reinforce(
    nodes: &[Node],
    edges: &mut [(u32, u32, f64)],
    k: usize,
    mix: f64,
    floor: f64,
) {
    if k == 0 || mix <= 0.0 || edges.is_empty() {
        return;
    }
    let k = k.min(MAX_K);
    let mix = mix.min(1.0);
    let n = nodes.len();
    // Only edges between two of the chunk's articles take part: a story's
    // neighbours lie in earlier chunks, which this graph does not hold. An
    // article's size is 1, so its edge carries the cosine itself.
    let free = |i: u32| nodes.get(i as usize).is_some_and(|x| !x.fixed);
    let usable = |e: &(u32, u32, f64)| e.0 != e.1 && free(e.0) && free(e.1) && e.2.is_finite();
    // Each article's k best neighbours above the floor, best first (ties:
    // the lower index), in one flat array of k slots per article.
    let mut best: Vec<(f64, u32)> = vec![(0.0, 0); n * k];
    let mut len: Vec<u8> = vec![0; n];
    let mut offer = |i: usize, cand: (f64, u32)| {
        let slots = &mut best[i * k..(i + 1) * k];
        let l = usize::from(len[i]);
        let better = |x: &(f64, u32)| cand.0 > x.0 || (cand.0 == x.0 && cand.1 < x.1);
        // A full list whose last is at least as good keeps out the
        // candidate (the common case once the lists fill) without a scan.
        if l == k && !better(&slots[k - 1]) {
            return;
        }
        let at = slots[..l].iter().position(better).unwrap_or(l);
        if at >= k {
            return;
        }
        let end = l.min(k - 1);
        slots.copy_within(at..end, at + 1);
        slots[at] = cand;
        len[i] = (l + 1).min(k) as u8;
    };
    for e in edges.iter() {
        if usable(e) && e.2 > floor {
            offer(e.0 as usize, (e.2, e.1));
            offer(e.1 as usize, (e.2, e.0));
        }
    }
    // Each article's neighbour set, itself included, sorted by index.
    let w = k + 1;
    let mut sets: Vec<u32> = vec![0; n * w];
    for i in 0..n {
        let l = usize::from(len[i]);
        let set = &mut sets[i * w..i * w + l + 1];
        for (d, s) in set.iter_mut().zip(&best[i * k..i * k + l]) {
            *d = s.1;
        }
        set[l] = i as u32;
        set.sort_unstable();
    }
    let set = |i: u32| {
        let i = i as usize;
        &sets[i * w..i * w + usize::from(len[i]) + 1]
    };
    for e in edges.iter_mut() {
        if !usable(e) || e.2 <= 0.0 {
            continue;
        }
        let (na, nb) = (set(e.0), set(e.1));
        let shared = shared_count(na, nb);
        let union = na.len() + nb.len() - shared;
        let jaccard = shared as f64 / union.max(1) as f64;
        e.2 = (1.0 - mix) * e.2 + mix * jaccard;
    }
}

/// Most neighbours kept per article.
const MAX_K: usize = 32;

/// Elements two sorted, distinct slices share.
fn shared_count(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art() -> Node {
        Node {
            size: 1.0,
            fixed: false,
            span: None,
        }
    }

    fn check(nodes: &[Node], edges: &[(u32, u32, f64)], k: usize, mix: f64, want: &[f64]) {
        let mut e = edges.to_vec();
        reinforce(nodes, &mut e, k, mix, 0.05);
        let got: Vec<f64> = e.iter().map(|x| (x.2 * 1e6).round() / 1e6).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_tight_group_gains_and_a_bridge_loses() {
        // 0, 1, 2 are one event (each pair 0.4); 3 is another, tied to 2 at
        // 0.4 too. With k = 2: N(0) = {1, 2}, N(1) = {0, 2}, N(2) = {0, 1}
        // (ties go to the lower index), N(3) = {2}.
        // 0-1: {0,1,2} and {0,1,2} share all 3: 0.5*0.4 + 0.5*1 = 0.7.
        // 2-3: {0,1,2} and {2,3} share 1 of 4: 0.5*0.4 + 0.5/4 = 0.325.
        let nodes = vec![art(); 4];
        let edges = [(0, 1, 0.4), (0, 2, 0.4), (1, 2, 0.4), (2, 3, 0.4)];
        check(&nodes, &edges, 2, 0.5, &[0.7, 0.7, 0.7, 0.325]);
    }

    #[test]
    fn edges_to_stories_are_left_alone() {
        // Node 1 is a story of 4 members with total 2.0 to article 0; the
        // articles 0 and 2 are each other's only neighbour (k = 1):
        // 0.5*0.3 + 0.5*1 = 0.65, while the story edge keeps its 2.0.
        let mut story = art();
        story.size = 4.0;
        story.fixed = true;
        check(
            &[art(), story, art()],
            &[(0, 1, 2.0), (0, 2, 0.3)],
            1,
            0.5,
            &[2.0, 0.65],
        );
    }

    #[test]
    fn nothing_changes_without_mix_and_below_the_floor_nobody_is_near() {
        let nodes = vec![art(); 2];
        check(&nodes, &[(0, 1, 0.2)], 1, 0.0, &[0.2]);
        check(&nodes, &[(0, 1, 0.2)], 0, 0.5, &[0.2]);
        // {0, 1} both: 0.5*0.2 + 0.5*1.
        check(&nodes, &[(0, 1, 0.2)], 1, 0.5, &[0.6]);
        // Below the floor nobody is a neighbour: {0} and {1} share nothing.
        check(&nodes, &[(0, 1, 0.04)], 1, 0.5, &[0.02]);
    }

    #[test]
    fn only_the_k_best_count_with_ties_to_the_lower_index() {
        // k = 1: 0's best is 2 (0.5 beats 0.3); 1's is 0; 2's is 0 (0.5 vs
        // 0.45 to 3); 3's is 2. 0-1: {0,2} and {0,1} share 1 of 3.
        let nodes = vec![art(); 4];
        let edges = [(0, 1, 0.3), (0, 2, 0.5), (2, 3, 0.45)];
        let want: [f64; 3] = [
            0.5 * 0.3 + 0.5 / 3.0,
            0.5 * 0.5 + 0.5,
            0.5 * 0.45 + 0.5 / 3.0,
        ];
        let want: Vec<f64> = want.iter().map(|x| (x * 1e6).round() / 1e6).collect();
        check(&nodes, &edges, 1, 0.5, &want);
    }
}
