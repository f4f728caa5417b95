//! Average-link agglomerative clustering over a sparse similarity graph.
//!
//! Nodes are articles of the current batch and stories already decided
//! (those are *fixed*: two fixed nodes never end up in one cluster, so a
//! past decision is never undone). An edge carries the **total** similarity
//! between its two ends (for an article and a story: the sum of the
//! article's cosines to the story's active members), so the average link
//! of two clusters is their total similarity divided by the product of
//! their sizes. Pairs without an edge count as similarity 0.
//!
//! The closest pair of clusters is merged while its average link reaches
//! the threshold, unless the merge would leave a gap of more than the
//! window between the cluster's dated articles: two stories a month apart
//! are not one event, however many undated articles resemble both. Ties are broken by the smaller node indices, so the
//! result does not depend on hash-map order.
//!
//! It does NOT compute similarities or choose which pairs get an edge (the
//! engine does), and it is not incremental: one call clusters one batch.

use crossread_core::KeyHasher;
use std::cmp::Ordering;
use std::collections::binary_heap::PeekMut;
use std::collections::{BinaryHeap, HashMap};
use std::hash::BuildHasherDefault;

/// Adjacency of one cluster (its neighbours' order never matters: it is
/// sorted before use).
type Adj = HashMap<u32, f64, BuildHasherDefault<KeyHasher>>;

/// A node to cluster.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    /// Number of articles the node stands for (a story: its active members).
    pub size: f64,
    /// A decided story: never joined with another fixed node.
    pub fixed: bool,
    /// Earliest and latest publication day of the node's dated articles
    /// (`None`: no dated article).
    pub span: Option<(f64, f64)>,
}

/// When an orphan joins its best cluster (see [`average_link`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attach<'a> {
    /// Least average link to the cluster (at or above the merge threshold:
    /// off).
    pub threshold: f64,
    /// Least ratio of that link to the orphan's next best link.
    pub margin: f64,
    /// Each node's names (sorted feature hashes; nodes past the end have
    /// none). An orphan that has names only joins a cluster one of whose
    /// members shares one, or none of whose members has any: a report that
    /// names none of a cluster's people and places is about another event
    /// of its kind, however weak links add up.
    pub names: &'a [Vec<u64>],
}

/// Whether two sorted lists share an element.
fn meet(a: &[u64], b: &[u64]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => return true,
        }
    }
    false
}

/// Whether two clusters' dated articles stay one chain after a merge: the
/// spans overlap or lie at most `gap` days apart. (Within a cluster no two
/// consecutive dates are more than `gap` apart, so only the gap between the
/// two spans can break the chain.)
fn chained(a: Option<(f64, f64)>, b: Option<(f64, f64)>, gap: f64) -> bool {
    match (a, b) {
        (Some((lo1, hi1)), Some((lo2, hi2))) => lo1.max(lo2) - hi1.min(hi2) <= gap,
        _ => true,
    }
}

fn join(a: Option<(f64, f64)>, b: Option<(f64, f64)>) -> Option<(f64, f64)> {
    match (a, b) {
        (Some((lo1, hi1)), Some((lo2, hi2))) => Some((lo1.min(lo2), hi1.max(hi2))),
        (x, None) | (None, x) => x,
    }
}

/// A heap entry: a candidate merge and the versions it was computed for.
///
/// The order (highest average first, then the lowest node indices) is
/// packed into two integers: `rank` is the average's bits mapped so that
/// integer order is `f64::total_cmp` order, `pair` holds the complemented
/// indices (lower indices rank higher).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cand {
    rank: u64,
    pair: u64,
    va: u32,
    vb: u32,
}

impl Cand {
    fn new(avg: f64, a: u32, b: u32, va: u32, vb: u32) -> Cand {
        let bits = avg.to_bits() as i64;
        let ordered = bits ^ ((((bits >> 63) as u64) >> 1) as i64);
        Cand {
            rank: (ordered as u64) ^ (1 << 63),
            pair: (u64::from(!a) << 32) | u64::from(!b),
            va,
            vb,
        }
    }
    /// The order as one integer: `(rank, pair)`.
    fn key(&self) -> u128 {
        (u128::from(self.rank) << 64) | u128::from(self.pair)
    }
    /// The entry of [`Self::key`] `k`, for versions 0 (an initial entry).
    #[cfg(test)]
    fn initial(k: u128) -> Cand {
        Cand {
            rank: (k >> 64) as u64,
            pair: k as u64,
            va: 0,
            vb: 0,
        }
    }
    fn a(&self) -> u32 {
        !((self.pair >> 32) as u32)
    }
    fn b(&self) -> u32 {
        !(self.pair as u32)
    }
}

impl PartialOrd for Cand {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Cand {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.rank, self.pair).cmp(&(o.rank, o.pair))
    }
}

/// A list of merge candidates in the heap: its best entry's key, and the
/// cluster (at the version) whose merge made it. Ordered by the key first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Head {
    key: u128,
    node: u32,
    version: u32,
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let p = parent[x as usize];
        parent[x as usize] = parent[p as usize];
        x = p;
    }
    x
}

/// The graph average linkage starts from: must-links applied (union-find
/// `parent`, with each root's `fixed`, date `span` and `size`) and the
/// edges summed between those clusters (`adj`).
struct Start {
    parent: Vec<u32>,
    fixed: Vec<bool>,
    span: Vec<Option<(f64, f64)>>,
    size: Vec<f64>,
    adj: Vec<Adj>,
}

/// See [`Start`].
fn start(nodes: &[Node], must: &[(u32, u32)], edges: &[(u32, u32, f64)]) -> Start {
    let n = nodes.len();
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    let mut parent: Vec<u32> = (0..n32).collect();
    let mut fixed: Vec<bool> = nodes.iter().map(|x| x.fixed).collect();
    let mut span: Vec<Option<(f64, f64)>> = nodes.iter().map(|x| x.span).collect();
    for &(a, b) in must {
        if a >= n32 || b >= n32 {
            continue;
        }
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra == rb || (fixed[ra as usize] && fixed[rb as usize]) {
            continue;
        }
        let (keep, gone) = (ra.min(rb), ra.max(rb));
        parent[gone as usize] = keep;
        fixed[keep as usize] |= fixed[gone as usize];
        span[keep as usize] = join(span[keep as usize], span[gone as usize]);
    }
    let mut size = vec![0f64; n];
    for i in 0..n32 {
        let r = find(&mut parent, i);
        size[r as usize] += nodes[i as usize].size.max(0.0);
    }
    // The edges between clusters, then each cluster's adjacency allocated
    // once at its edge count (a bound on its neighbours) rather than grown.
    let mut kept: Vec<(u32, u32, f64)> = Vec::with_capacity(edges.len());
    let mut degree = vec![0u32; n];
    for &(a, b, w) in edges {
        if a >= n32 || b >= n32 || !w.is_finite() {
            continue;
        }
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra == rb || (fixed[ra as usize] && fixed[rb as usize]) {
            continue;
        }
        kept.push((ra, rb, w));
        degree[ra as usize] += 1;
        degree[rb as usize] += 1;
    }
    let mut adj: Vec<Adj> = degree
        .iter()
        .map(|&d| Adj::with_capacity_and_hasher(d as usize, Default::default()))
        .collect();
    drop(degree);
    for (ra, rb, w) in kept {
        *adj[ra as usize].entry(rb).or_insert(0.0) += w;
        *adj[rb as usize].entry(ra).or_insert(0.0) += w;
    }
    Start {
        parent,
        fixed,
        span,
        size,
        adj,
    }
}

/// The clustering's state that a merge changes (see [`merge`]).
struct Parts<'a> {
    parent: &'a mut [u32],
    adj: &'a mut [Adj],
    size: &'a mut [f64],
    fixed: &'a mut [bool],
    span: &'a mut [Option<(f64, f64)>],
    version: &'a mut [u32],
    /// Scratch: neighbours unlinked by the merge.
    unlinked: &'a mut Vec<u32>,
}

/// Merges cluster `b` into `a` (`a` keeps its index): edges summed, size,
/// fixedness and date span joined, both versions bumped. Each pair of the
/// merged cluster with a neighbour whose average link reaches `threshold`
/// is offered to `push`; links between two fixed clusters are dropped.
fn merge(p: Parts, a: usize, b: usize, threshold: f64, mut push: impl FnMut(Cand)) {
    let Parts {
        parent,
        adj,
        size,
        fixed,
        span,
        version,
        unlinked,
    } = p;
    let (ca, cb) = (a as u32, b as u32);
    let gone = std::mem::take(&mut adj[b]);
    parent[b] = ca;
    adj[a].remove(&cb);
    adj[a].reserve(gone.len());
    for (x, w) in gone {
        if x == ca {
            continue;
        }
        *adj[a].entry(x).or_insert(0.0) += w;
        if let Some(m) = adj.get_mut(x as usize) {
            m.remove(&cb);
            *m.entry(ca).or_insert(0.0) += w;
        }
    }
    size[a] += size[b];
    fixed[a] |= fixed[b];
    span[a] = join(span[a], span[b]);
    version[a] = version[a].wrapping_add(1);
    version[b] = version[b].wrapping_add(1);
    unlinked.clear();
    let fa = fixed[a];
    let mut m = std::mem::take(&mut adj[a]);
    m.retain(|&x, &mut w| {
        if fa && fixed[x as usize] {
            unlinked.push(x);
            return false;
        }
        let v = avg(w, size[a], size[x as usize]);
        if v >= threshold {
            let (p, q) = if ca < x { (ca, x) } else { (x, ca) };
            push(Cand::new(v, p, q, version[p as usize], version[q as usize]));
        }
        true
    });
    adj[a] = m;
    for &x in unlinked.iter() {
        if let Some(mx) = adj.get_mut(x as usize) {
            mx.remove(&ca);
        }
    }
}

/// Average link of two clusters: their summed edge weight `w` over the
/// product of their sizes (0 for an empty one).
fn avg(w: f64, sa: f64, sb: f64) -> f64 {
    let d = sa * sb;
    if d > 0.0 {
        w / d
    } else {
        0.0
    }
}

/// The orphan step of [`average_link`] (see there), on the clusters the
/// merging left: `parent` is updated in place.
fn attach_orphans(
    parent: &mut [u32],
    adj: &[Adj],
    size: &[f64],
    span: &[Option<(f64, f64)>],
    fixed: &[bool],
    attach: Attach,
    max_gap: f64,
) {
    let n = parent.len();
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    // Nodes per cluster, to tell orphans from clusters, and the members of
    // each cluster that have names.
    let mut count = vec![0u32; n];
    let mut named: Vec<Vec<u32>> = vec![Vec::new(); n];
    let names = |i: u32| attach.names.get(i as usize).map_or(&[][..], Vec::as_slice);
    for i in 0..n32 {
        let r = find(parent, i);
        count[r as usize] += 1;
        if !names(i).is_empty() {
            named[r as usize].push(i);
        }
    }
    let mut joins: Vec<(u32, u32)> = Vec::new();
    for o in 0..n32 {
        let ou = o as usize;
        if parent[ou] != o || count[ou] != 1 || fixed[ou] {
            continue;
        }
        let mut best: Option<(f64, u32)> = None;
        let mut second = 0f64;
        for (&x, &w) in &adj[ou] {
            let xu = x as usize;
            if parent[xu] != x {
                continue;
            }
            let v = avg(w, size[ou], size[xu]);
            if fixed[xu] || count[xu] < 2 {
                second = second.max(v);
                continue;
            }
            if !chained(span[ou], span[xu], max_gap) {
                continue;
            }
            let own = names(o);
            if !own.is_empty()
                && !named[xu].is_empty()
                && !named[xu].iter().any(|&m| meet(own, names(m)))
            {
                continue;
            }
            // Ties go to the lower index: the result cannot depend on
            // the adjacency map's order.
            if v >= attach.threshold && best.is_none_or(|(bv, bx)| v > bv || (v == bv && x < bx)) {
                if let Some((bv, _)) = best {
                    second = second.max(bv);
                }
                best = Some((v, x));
            } else {
                second = second.max(v);
            }
        }
        if let Some((bv, x)) = best {
            if bv >= attach.margin * second {
                joins.push((o, x));
            }
        }
    }
    for (o, x) in joins {
        let (ro, rx) = (find(parent, o), find(parent, x));
        let (keep, gone) = (ro.min(rx), ro.max(rx));
        parent[gone as usize] = keep;
    }
}

/// Clusters `nodes`; returns for each node the index of its cluster's
/// representative (the smallest node index in the cluster).
///
/// `must` lists pairs joined before any merging (copies of one article);
/// a must-link between two fixed nodes is ignored. `edges` are
/// `(a, b, total similarity)`; repeated pairs add up, self-loops and
/// out-of-range indices are ignored. `max_gap` is the largest gap in days
/// allowed between consecutive dated articles of a cluster formed by
/// similarity (must-links ignore it).
///
/// Then each *orphan* (a cluster of one article, not a story, that no merge
/// reached) joins the cluster it links to best on average if that link
/// reaches `attach.threshold` (below `threshold`), is at least
/// `attach.margin` times its next best link (to any cluster, story or
/// orphan), and the cluster is a new one of at least two nodes: an article
/// with no close match but a clear best one in its batch belongs to that
/// story more likely than to a story of its own. Orphans are decided on the
/// clusters as the merging left them, so the order in which they are visited
/// does not matter; an orphan never joins another orphan nor a story of an
/// earlier batch (an article placed alone would otherwise join its best
/// story at this lower threshold: measured, that splits fewer stories but
/// merges far more). An orphan with names joins no cluster that has named
/// articles but shares none of its names (see [`Attach::names`]).
pub(crate) fn average_link(
    nodes: &[Node],
    must: &[(u32, u32)],
    edges: &[(u32, u32, f64)],
    threshold: f64,
    attach: Attach,
    max_gap: f64,
) -> Vec<u32> {
    let n = nodes.len();
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    let Start {
        mut parent,
        mut fixed,
        mut span,
        mut size,
        mut adj,
    } = start(nodes, must, edges);
    let mut version = vec![0u32; n];
    // Entries are only made at or above the threshold and an entry's
    // average never changes, so no list holds an entry below it. The order
    // in which entries are taken depends on the entries' order alone (an
    // exact repeat is a stale copy of a valid entry and merges the same
    // pair), not on the order they were made in.
    // Candidate merges are held in lists, one per cluster, each sorted best
    // last; the heap holds each live list's best entry, so taking the best
    // head is taking the best entry of all lists, as one heap of every
    // entry would. A cluster's first list holds its initial pairs with
    // higher-numbered clusters; each merge gives the merged cluster a new
    // list (one entry per neighbour at or above the threshold). A list
    // whose cluster has merged again (a newer version) or has been merged
    // away holds only stale entries and is dropped whole instead of entry
    // by entry. Lists hold distinct pairs, so their order is total and any
    // sort gives it.
    let mut lists: Vec<Vec<Cand>> = vec![Vec::new(); n];
    let mut heap: BinaryHeap<Head> = BinaryHeap::new();
    for (a, m) in adj.iter().enumerate() {
        let list = &mut lists[a];
        for (&b, &w) in m {
            if (a as u32) < b {
                let v = avg(w, size[a], size[b as usize]);
                if v >= threshold {
                    list.push(Cand::new(v, a as u32, b, 0, 0));
                }
            }
        }
        list.sort_unstable_by_key(Cand::key);
        if let Some(best) = list.last() {
            heap.push(Head {
                key: best.key(),
                node: a as u32,
                version: 0,
            });
        }
    }
    let mut unlinked: Vec<u32> = Vec::new();
    loop {
        let c = {
            let Some(mut top) = heap.peek_mut() else {
                break;
            };
            let t = top.node as usize;
            if parent[t] != top.node || version[t] != top.version {
                PeekMut::pop(top);
                continue;
            }
            let list = &mut lists[t];
            let Some(c) = list.pop() else {
                PeekMut::pop(top);
                continue;
            };
            match list.last() {
                Some(next) => top.key = next.key(),
                None => {
                    PeekMut::pop(top);
                }
            }
            c
        };
        let (ca, cb) = (c.a(), c.b());
        let (a, b) = (ca as usize, cb as usize);
        if parent[a] != ca || parent[b] != cb || version[a] != c.va || version[b] != c.vb {
            continue;
        }
        if !chained(span[a], span[b], max_gap) {
            continue;
        }
        lists[b] = Vec::new();
        let mut list = std::mem::take(&mut lists[a]);
        list.clear();
        merge(
            Parts {
                parent: &mut parent,
                adj: &mut adj,
                size: &mut size,
                fixed: &mut fixed,
                span: &mut span,
                version: &mut version,
                unlinked: &mut unlinked,
            },
            a,
            b,
            threshold,
            |c| list.push(c),
        );
        // Distinct pairs: a total order, whatever the sort.
        list.sort_unstable_by_key(Cand::key);
        if let Some(best) = list.last() {
            heap.push(Head {
                key: best.key(),
                node: ca,
                version: version[a],
            });
        }
        lists[a] = list;
    }
    if attach.threshold < threshold {
        attach_orphans(&mut parent, &adj, &size, &span, &fixed, attach, max_gap);
    }
    (0..n32).map(|i| find(&mut parent, i)).collect()
}

/// The clustering as it was before merge candidates were kept in per-cluster
/// lists (every entry in one heap): the reference the tests compare with.
#[cfg(test)]
pub(crate) fn average_link_reference(
    nodes: &[Node],
    must: &[(u32, u32)],
    edges: &[(u32, u32, f64)],
    threshold: f64,
    attach: Attach,
    max_gap: f64,
) -> Vec<u32> {
    let n = nodes.len();
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    let Start {
        mut parent,
        mut fixed,
        mut span,
        mut size,
        mut adj,
    } = start(nodes, must, edges);
    let mut version = vec![0u32; n];
    // Entries are only pushed at or above the threshold and an entry's
    // average never changes, so the heap holds no entry below it. The pop
    // order depends on the entries' order alone (an exact repeat is a stale
    // copy of a valid entry and merges the same pair), not on push order.
    // Held as complemented keys (see `Cand::key`), so that an ascending
    // sort of plain integers puts the best first.
    let mut init: Vec<u128> = Vec::new();
    for (a, m) in adj.iter().enumerate() {
        for (&b, &w) in m {
            if (a as u32) < b {
                let v = avg(w, size[a], size[b as usize]);
                if v >= threshold {
                    init.push(!Cand::new(v, a as u32, b, 0, 0).key());
                }
            }
        }
    }
    // The initial entries are sorted once, best first, and read in order;
    // only the entries pushed while merging go through the heap. Each step
    // takes the better of the two heads: the same order as one heap.
    // Every initial pair is distinct, so the order is total and any sort
    // gives it.
    init.sort_unstable();
    let mut next_init = 0usize;
    let mut heap: BinaryHeap<Cand> = BinaryHeap::new();
    let mut unlinked: Vec<u32> = Vec::new();
    loop {
        let head = init.get(next_init).map(|&k| Cand::initial(!k));
        let from_init = match (head, heap.peek()) {
            (Some(i), Some(h)) => i >= *h,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let c = if let (true, Some(i)) = (from_init, head) {
            next_init += 1;
            i
        } else {
            match heap.pop() {
                Some(c) => c,
                None => break,
            }
        };
        let (ca, cb) = (c.a(), c.b());
        let (a, b) = (ca as usize, cb as usize);
        if parent[a] != ca || parent[b] != cb || version[a] != c.va || version[b] != c.vb {
            continue;
        }
        if !chained(span[a], span[b], max_gap) {
            continue;
        }
        merge(
            Parts {
                parent: &mut parent,
                adj: &mut adj,
                size: &mut size,
                fixed: &mut fixed,
                span: &mut span,
                version: &mut version,
                unlinked: &mut unlinked,
            },
            a,
            b,
            threshold,
            |c| heap.push(c),
        );
    }
    if attach.threshold < threshold {
        attach_orphans(&mut parent, &adj, &size, &span, &fixed, attach, max_gap);
    }
    (0..n32).map(|i| find(&mut parent, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn free(n: usize) -> Vec<Node> {
        vec![
            Node {
                size: 1.0,
                fixed: false,
                span: None,
            };
            n
        ]
    }

    /// Clusters (orphans left alone) and compares the partition, as sorted
    /// groups of node indices.
    fn check(
        nodes: &[Node],
        must: &[(u32, u32)],
        edges: &[(u32, u32, f64)],
        t: f64,
        want: &[&[u32]],
    ) {
        let off = Attach {
            threshold: t,
            margin: 1.0,
            names: &[],
        };
        check_attach(nodes, must, edges, t, off, want);
    }

    fn check_attach(
        nodes: &[Node],
        must: &[(u32, u32)],
        edges: &[(u32, u32, f64)],
        t: f64,
        attach: Attach,
        want: &[&[u32]],
    ) {
        let rep = average_link(nodes, must, edges, t, attach, 3.0);
        let mut groups: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
        for (i, r) in rep.iter().enumerate() {
            groups.entry(*r).or_default().push(i as u32);
        }
        let got: Vec<Vec<u32>> = groups.into_values().collect();
        let want: Vec<Vec<u32>> = want.iter().map(|g| g.to_vec()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn merges_by_average_not_single_link() {
        // 0-1 close (0.9); 2 is close to 1 (0.5) but not to 0 (no edge):
        // average link of {0,1} and {2} is 0.25 < 0.3, so 2 stays alone,
        // although single link (0.5) would have joined it.
        check(
            &free(3),
            &[],
            &[(0, 1, 0.9), (1, 2, 0.5)],
            0.3,
            &[&[0, 1], &[2]],
        );
        // With 0-2 at 0.2 the average is 0.35 and all three join.
        check(
            &free(3),
            &[],
            &[(0, 1, 0.9), (1, 2, 0.5), (0, 2, 0.2)],
            0.3,
            &[&[0, 1, 2]],
        );
    }

    #[test]
    fn fixed_nodes_never_join_each_other() {
        let mut nodes = free(3);
        nodes[0].fixed = true;
        nodes[1].fixed = true;
        // 2 is close to both stories; it joins the closer one, and the two
        // stories stay apart even through it.
        check(
            &nodes,
            &[],
            &[(0, 2, 0.8), (1, 2, 0.7), (0, 1, 0.9)],
            0.1,
            &[&[0, 2], &[1]],
        );
        // A must-link between two fixed nodes is ignored too.
        check(&nodes, &[(0, 1)], &[], 0.1, &[&[0], &[1], &[2]]);
    }

    #[test]
    fn an_orphan_joins_its_clear_best_cluster() {
        let attach = Attach {
            threshold: 0.1,
            margin: 1.5,
            names: &[],
        };
        // {0, 1} merge (0.9). 2 links to 0 only (0.3): average 0.15 to the
        // pair, under the threshold 0.5 but over 0.1, and nothing else: it
        // joins. 3 links to the pair as well (0.24 -> 0.12) but almost as
        // well to the orphan 4 (0.1 < 1.5 x): it stays alone, and so does 4.
        let edges = [(0, 1, 0.9), (0, 2, 0.3), (1, 3, 0.24), (3, 4, 0.1)];
        check_attach(
            &free(5),
            &[],
            &edges,
            0.5,
            attach,
            &[&[0, 1, 2], &[3], &[4]],
        );
        // An orphan never joins another orphan, however close under the
        // threshold, nor a story (a fixed node).
        let mut nodes = free(3);
        nodes[0].fixed = true;
        check_attach(
            &nodes,
            &[],
            &[(0, 1, 0.4), (1, 2, 0.4)],
            0.5,
            attach,
            &[&[0], &[1], &[2]],
        );
        // Off when its threshold is not under the merge threshold.
        let off = Attach {
            threshold: 0.5,
            margin: 1.5,
            names: &[],
        };
        check_attach(
            &free(3),
            &[],
            &[(0, 1, 0.9), (0, 2, 0.3)],
            0.5,
            off,
            &[&[0, 1], &[2]],
        );
    }

    #[test]
    fn an_orphan_sharing_no_name_with_a_named_cluster_stays_alone() {
        // {0, 1} merge; 2 links to them at 0.15 on average, over the attach
        // threshold, and to nothing else.
        let edges = [(0, 1, 0.9), (0, 2, 0.3)];
        let check = |names: &[Vec<u64>], want: &[&[u32]]| {
            let attach = Attach {
                threshold: 0.1,
                margin: 1.5,
                names,
            };
            check_attach(&free(3), &[], &edges, 0.5, attach, want);
        };
        // 2 names what 1 names: it joins.
        check(&[vec![5], vec![7, 9], vec![1, 9]], &[&[0, 1, 2]]);
        // 2 names nothing the cluster names: it stays alone.
        check(&[vec![5], vec![7, 9], vec![1, 2]], &[&[0, 1], &[2]]);
        // No evidence either way (the orphan, or the whole cluster, has no
        // names): it joins.
        check(&[vec![5], vec![7, 9], vec![]], &[&[0, 1, 2]]);
        check(&[vec![], vec![], vec![1, 2]], &[&[0, 1, 2]]);
    }

    #[test]
    fn story_size_divides_its_total_similarity() {
        // A story of 4 members whose summed cosine to the article is 1.0
        // has average link 0.25.
        let nodes = [
            Node {
                size: 4.0,
                fixed: true,
                span: None,
            },
            Node {
                size: 1.0,
                fixed: false,
                span: None,
            },
        ];
        check(&nodes, &[], &[(0, 1, 1.0)], 0.3, &[&[0], &[1]]);
        check(&nodes, &[], &[(0, 1, 1.0)], 0.25, &[&[0, 1]]);
    }

    #[test]
    fn dated_articles_stay_one_chain() {
        // Days 0 and 10 (stories a week and a half apart) and an undated
        // article close to both: it joins the closer one (0.9), and the
        // other dated article stays out although the average (0.4 + 0.8 +
        // 0.0 over 2) would reach the threshold.
        let mut nodes = free(3);
        nodes[0].span = Some((0.0, 0.0));
        nodes[1].span = Some((10.0, 10.0));
        let edges = [(0, 2, 0.9), (1, 2, 0.8)];
        check(&nodes, &[], &edges, 0.3, &[&[0, 2], &[1]]);
        // Day 2 bridges days 0 and 4 (gaps of 2 <= 3): one chain, one story.
        nodes[1].span = Some((4.0, 4.0));
        nodes[2].span = Some((2.0, 2.0));
        check(&nodes, &[], &edges, 0.3, &[&[0, 1, 2]]);
        // A must-link (a copy) ignores the gap.
        nodes[1].span = Some((10.0, 10.0));
        check(&nodes, &[(0, 1)], &[], 0.3, &[&[0, 1], &[2]]);
    }

    #[test]
    fn must_links_join_first_and_bad_input_is_ignored() {
        check(
            &free(3),
            &[(0, 2), (7, 1)],
            &[(1, 1, 5.0), (0, 9, 1.0), (0, 1, f64::NAN)],
            0.1,
            &[&[0, 2], &[1]],
        );
        let attach = Attach {
            threshold: 0.1,
            margin: 1.5,
            names: &[],
        };
        assert!(average_link(&[], &[], &[], 0.2, attach, 3.0).is_empty());
    }

    #[test]
    fn heap_order_is_the_average_then_the_lowest_indices() {
        // The packed order must be: f64::total_cmp on the average, then the
        // lower first index, then the lower second index ranking higher.
        let avgs = [-1.5, -0.0, 0.0, 1e-300, 0.2, 0.225, 3.0];
        let pairs = [(0u32, 1u32), (0, 2), (1, 2), (3, u32::MAX)];
        for &x in &avgs {
            for &y in &avgs {
                for &(a1, b1) in &pairs {
                    for &(a2, b2) in &pairs {
                        let (c1, c2) = (Cand::new(x, a1, b1, 7, 9), Cand::new(y, a2, b2, 0, 0));
                        let want = x.total_cmp(&y).then(a2.cmp(&a1)).then(b2.cmp(&b1));
                        assert_eq!(c1.cmp(&c2), want, "{x} {a1} {b1} vs {y} {a2} {b2}");
                        assert_eq!((c1.a(), c1.b()), (a1, b1));
                        // The packed key orders the same, and an initial
                        // entry comes back from its key.
                        assert_eq!(c1.key().cmp(&c2.key()), want);
                        assert_eq!(Cand::initial(c2.key()), c2);
                    }
                }
            }
        }
    }

    #[test]
    fn random_graphs_cluster_as_the_reference_does() {
        // Random graphs (xorshift, fixed seed) with fixed nodes of several
        // sizes, dated and undated nodes, repeated pairs, must-links, and
        // weights drawn from a few values so that averages tie often: the
        // clustering equals the reference's, node for node.
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m.max(1)
        };
        for round in 0..400 {
            let n = 2 + next(if round % 10 == 0 { 300 } else { 40 }) as usize;
            let nodes: Vec<Node> = (0..n)
                .map(|_| {
                    let fixed = next(5) == 0;
                    Node {
                        size: if fixed { 1.0 + next(6) as f64 } else { 1.0 },
                        fixed,
                        span: (next(3) != 0).then(|| {
                            let d = next(12) as f64;
                            (d, d + if fixed { next(3) as f64 } else { 0.0 })
                        }),
                    }
                })
                .collect();
            let n32 = n as u64;
            let edges: Vec<(u32, u32, f64)> = (0..next(6 * n32) + 1)
                .map(|_| {
                    let w = [0.1, 0.2, 0.25, 0.3, 0.45, 0.6, 0.9][next(7) as usize];
                    (next(n32) as u32, next(n32) as u32, w)
                })
                .collect();
            let must: Vec<(u32, u32)> = (0..next(3))
                .map(|_| (next(n32) as u32, next(n32) as u32))
                .collect();
            for (t, attach) in [(0.225, 0.1), (0.3, 0.3), (0.1, 0.05)] {
                let attach = Attach {
                    threshold: attach,
                    margin: 1.5,
                    names: &[],
                };
                let got = average_link(&nodes, &must, &edges, t, attach, 3.0);
                let want = average_link_reference(&nodes, &must, &edges, t, attach, 3.0);
                assert_eq!(got, want, "round {round}, threshold {t}");
            }
        }
    }

    #[test]
    fn ties_break_towards_lower_indices() {
        // 1 is equally close to 0 and 2; it joins 0, and {0,1} to 2 is then
        // 0.25 < 0.4.
        check(
            &free(3),
            &[],
            &[(0, 1, 0.5), (1, 2, 0.5)],
            0.4,
            &[&[0, 1], &[2]],
        );
    }
}
