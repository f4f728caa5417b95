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
/// place. Repeated pairs are summed into their first occurrence and the
/// repeats set to 0. `k == 0` or `mix <= 0` leaves the edges as they are.
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
    let mix = mix.min(1.0);
    let n = nodes.len();
    let size = |i: u32| nodes.get(i as usize).map_or(0.0, |x| x.size.max(0.0));
    // Only edges between two of the chunk's articles take part: a story's
    // neighbours lie in earlier chunks, which this graph does not hold.
    let free = |i: u32| nodes.get(i as usize).is_some_and(|x| !x.fixed);
    // Sum repeated pairs: order by (low, high), keep the first of each run.
    let mut order: Vec<usize> = (0..edges.len()).collect();
    let key = |e: &(u32, u32, f64)| (e.0.min(e.1), e.0.max(e.1));
    order.sort_by_key(|&i| (key(&edges[i]), i));
    let mut first = usize::MAX;
    for w in 0..order.len() {
        let i = order[w];
        if w > 0 && key(&edges[order[w - 1]]) == key(&edges[i]) {
            let extra = edges[i].2;
            edges[first].2 += extra;
            edges[i].2 = 0.0;
        } else {
            first = i;
        }
    }
    let avg = |e: &(u32, u32, f64)| {
        let d = size(e.0) * size(e.1);
        if d > 0.0 && e.2.is_finite() {
            e.2 / d
        } else {
            0.0
        }
    };
    // Each node's k best neighbours above the floor (ties: lower index).
    let mut cand: Vec<Vec<(f64, u32)>> = vec![Vec::new(); n];
    for e in edges.iter() {
        let (a, b) = (e.0 as usize, e.1 as usize);
        if a >= n || b >= n || a == b || !free(e.0) || !free(e.1) {
            continue;
        }
        let s = avg(e);
        if s > floor {
            cand[a].push((s, e.1));
            cand[b].push((s, e.0));
        }
    }
    let near: Vec<Vec<u32>> = cand
        .into_iter()
        .map(|mut c| {
            c.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            c.truncate(k);
            let mut v: Vec<u32> = c.into_iter().map(|x| x.1).collect();
            v.sort_unstable();
            v
        })
        .collect();
    let with_self = |i: u32| -> Vec<u32> {
        let mut v = near.get(i as usize).cloned().unwrap_or_default();
        if let Err(p) = v.binary_search(&i) {
            v.insert(p, i);
        }
        v
    };
    for e in edges.iter_mut() {
        let s = avg(e);
        if s <= 0.0 || !free(e.0) || !free(e.1) || e.0 == e.1 {
            continue;
        }
        let (na, nb) = (with_self(e.0), with_self(e.1));
        let shared = na.iter().filter(|x| nb.binary_search(x).is_ok()).count();
        let union = na.len() + nb.len() - shared;
        let snn = shared as f64 / union.max(1) as f64;
        let s2 = (1.0 - mix) * s + mix * snn;
        e.2 = s2 * size(e.0) * size(e.1);
    }
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
    fn repeats_are_summed_and_nothing_changes_without_mix() {
        let nodes = vec![art(); 2];
        check(&nodes, &[(0, 1, 0.2), (1, 0, 0.1)], 1, 0.0, &[0.2, 0.1]);
        // Summed into the first (0.3), the repeat set to 0; then 0.5*0.3 + 0.5*1.
        check(&nodes, &[(0, 1, 0.2), (1, 0, 0.1)], 1, 0.5, &[0.65, 0.0]);
        // Below the floor nobody is a neighbour: {0} and {1} share nothing.
        check(&nodes, &[(0, 1, 0.04)], 1, 0.5, &[0.02]);
    }
}
