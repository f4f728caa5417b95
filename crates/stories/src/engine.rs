//! The online clusterer: active windows, story sums, stories, threads.
//!
//! An article's vector (TF-IDF over words, names and numbers, each group
//! normalised apart and mixed) is compared with the stories that still have
//! members in an active window. The average cosine to a story's active
//! members (average link) equals the article's dot product with the sum of
//! their vectors divided by their number, so each story keeps that sum and
//! no pairwise work is done. Candidate stories are those indexed under one
//! of the article's strongest terms (a story is indexed under its members'
//! strongest terms); the best few are scored exactly, and the article joins
//! the best one when its average link reaches the threshold and, for a
//! dated article, the story has a dated member within the window; otherwise
//! it starts a story. A new story joins the thread whose profile (the summed
//! vectors of its stories' first articles, cut to the strongest terms) it is
//! most similar to, or starts a thread.
//!
//! Document frequencies are counted online; while the collection is young
//! (each time it has grown by a quarter) the stored vectors are re-weighed
//! and the sums rebuilt, so early articles do not keep their first weights.
//!
//! Memory is bounded: dated articles leave the window once the clock (the
//! latest date seen) is `window_days` past them, undated ones once more than
//! `max_undated` undated articles are held; threads leave after
//! `thread_window_days` without a new story or beyond `max_threads`; the
//! document-frequency table drops its rarest terms past `max_df_terms`;
//! the copy-group map keeps at most `max_groups` groups.
//!
//! It does NOT revisit past decisions (no merging or splitting of stories),
//! and does not order its input: the caller feeds articles in publication order.

use crate::date::parse_days;
use crate::features::{self, KindWeights, Scratch};
use crate::StoryConfig;
use crossread_core::{Article, GroupId, StoryAssignment, StoryId, ThreadId};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

/// Hasher for keys that are already hashes or sequence numbers: one multiply.
#[derive(Default, Clone, Copy)]
pub(crate) struct MulHasher(u64);

impl Hasher for MulHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<MulHasher>>;

/// One feature of a stored article: hash, raw value (before IDF), weight.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Feat {
    h: u64,
    raw: f32,
    w: f32,
    /// Among the article's `candidate_terms` strongest at insertion: the
    /// story is indexed under it for candidate lookup.
    top: bool,
}

/// An article held in a window.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    seq: u64,
    /// Position in its window's arrival order (consecutive within a window).
    slot: u64,
    time: Option<f64>,
    story: u64,
    feats: Vec<Feat>,
}

/// A FIFO of articles: they enter in arrival order and leave from the front.
#[derive(Default)]
struct Window {
    arts: VecDeque<Stored>,
    next_slot: u64,
}

impl Window {
    fn push(&mut self, mut a: Stored) {
        a.slot = self.next_slot;
        self.next_slot = self.next_slot.wrapping_add(1);
        self.arts.push_back(a);
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Story {
    id: StoryId,
    thread: u64,
    thread_id: ThreadId,
    /// Members still in a window.
    active: u32,
    /// Latest date among its dated members.
    last_time: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Thread {
    id: ThreadId,
    /// Strongest terms of the summed story vectors, sorted by hash.
    profile: Vec<(u64, f32)>,
    norm: f32,
    last_time: Option<f64>,
    last_touch: u64,
    /// Bumped at each profile change; index entries of older versions are stale.
    version: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct GroupEntry {
    story: u64,
    story_id: StoryId,
    thread: u64,
    thread_id: ThreadId,
    touch: u64,
}

/// A story's sums as saved: (term, summed weight, members with the term,
/// members with it among their strongest terms), by term.
type SavedSum = Vec<(u64, f64, u32, u32)>;

/// Everything that persists; indexes are rebuilt from it.
#[derive(Serialize, Deserialize)]
pub(crate) struct State {
    config: StoryConfig,
    seq: u64,
    n_docs: u64,
    next_refresh: u64,
    clock: Option<f64>,
    df: Vec<(u64, u32)>,
    dated: Vec<Stored>,
    undated: Vec<Stored>,
    stories: Vec<(u64, Story)>,
    threads: Vec<(u64, Thread)>,
    thread_queue: Vec<(u64, u64)>,
    groups: Vec<(u64, GroupEntry)>,
    sums: Vec<(u64, SavedSum)>,
}

/// Terms kept in a thread profile.
const PROFILE_TERMS: usize = 64;

pub(crate) struct Engine {
    cfg: StoryConfig,
    seq: u64,
    n_docs: u64,
    next_refresh: u64,
    clock: Option<f64>,
    df: Map<u64, u32>,
    dated: Window,
    undated: Window,
    stories: Map<u64, Story>,
    threads: Map<u64, Thread>,
    /// term -> (thread, profile version, weight); stale versions are skipped.
    thread_post: Map<u64, Vec<(u64, u32, f32)>>,
    thread_post_len: usize,
    thread_queue: VecDeque<(u64, u64)>,
    groups: Map<u64, GroupEntry>,
    // Scratch, not persisted.
    scratch: Scratch,
    story_acc: Map<u64, f64>,
    query: Vec<(u64, f32)>,
    /// story -> term -> (sum of the active members' weights, members with
    /// the term, members with it among their strongest terms).
    /// A story's average link to a query is `query · sum / active`.
    sums: Map<u64, Map<u64, (f64, u32, u32)>>,
    /// term -> stories with a member holding it among its strongest terms.
    story_post: Map<u64, Vec<u64>>,
    /// The query's `candidate_terms` strongest terms, sorted by hash.
    top: Vec<(u64, f32)>,
    /// Document frequencies of the current article's terms.
    dfs: Vec<u32>,
}

fn group_key(g: &GroupId) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(g.as_str().as_bytes(), 0x6709)
}

impl Engine {
    pub(crate) fn new(cfg: StoryConfig) -> Self {
        Engine {
            cfg,
            seq: 0,
            n_docs: 0,
            next_refresh: 1,
            clock: None,
            df: Map::default(),
            dated: Window::default(),
            undated: Window::default(),
            stories: Map::default(),
            threads: Map::default(),
            thread_post: Map::default(),
            thread_post_len: 0,
            thread_queue: VecDeque::new(),
            groups: Map::default(),
            scratch: Scratch::default(),
            story_acc: Map::default(),
            query: Vec::new(),
            sums: Map::default(),
            story_post: Map::default(),
            top: Vec::new(),
            dfs: Vec::new(),
        }
    }

    pub(crate) fn config(&self) -> &StoryConfig {
        &self.cfg
    }

    fn idf(&self, h: u64) -> f32 {
        self.idf_of(self.df.get(&h).copied().unwrap_or(0))
    }

    fn idf_of(&self, df: u32) -> f32 {
        (((1.0 + self.n_docs as f64) / (1.0 + f64::from(df))).ln() + 1.0) as f32
    }

    /// IDF-weighted, L2-normalised copy of raw features.
    ///
    /// Words, names and numbers are normalised apart and mixed by
    /// `name_mix` / `number_mix`, so the dot product of two articles is the
    /// mix of their per-group cosines (over the groups the query has).
    /// `dfs`, when given, holds each term's document frequency (saves lookups).
    fn weigh(&self, raw: &[(u64, f32)], dfs: Option<&[u32]>, out: &mut Vec<(u64, f32)>) {
        out.clear();
        let mut norms = [0f64; 4];
        for (i, &(h, r)) in raw.iter().enumerate() {
            let idf = match dfs.and_then(|d| d.get(i)) {
                Some(&df) => self.idf_of(df),
                None => self.idf(h),
            };
            let w = r * idf;
            norms[(h & 3) as usize] += f64::from(w) * f64::from(w);
            out.push((h, w));
        }
        let name = f64::from(self.cfg.name_mix.clamp(0.0, 1.0));
        let number = f64::from(self.cfg.number_mix.clamp(0.0, 1.0 - name as f32));
        let mix = [(1.0 - name - number).max(0.0), name, number, 0.0];
        let present: f64 = (0..4).filter(|&g| norms[g] > 0.0).map(|g| mix[g]).sum();
        let mut scale = [0f32; 4];
        for g in 0..4 {
            if norms[g] > 0.0 && present > 0.0 {
                scale[g] = (mix[g] / present / norms[g]).sqrt() as f32;
            }
        }
        for e in out.iter_mut() {
            e.1 *= scale[(e.0 & 3) as usize];
        }
    }

    /// Re-weighs every stored article with the current document frequencies,
    /// while the collection is young and they still move.
    fn maybe_refresh(&mut self) {
        if self.n_docs < self.next_refresh {
            return;
        }
        self.next_refresh = self
            .n_docs
            .saturating_add(self.n_docs / 4)
            .max(self.n_docs.saturating_add(1));
        let mut raw = Vec::new();
        let mut out = Vec::new();
        for which in 0..2 {
            let n = if which == 0 {
                self.dated.arts.len()
            } else {
                self.undated.arts.len()
            };
            for i in 0..n {
                let win = if which == 0 {
                    &self.dated
                } else {
                    &self.undated
                };
                raw.clear();
                raw.extend(win.arts[i].feats.iter().map(|f| (f.h, f.raw)));
                self.weigh(&raw, None, &mut out);
                let win = if which == 0 {
                    &mut self.dated
                } else {
                    &mut self.undated
                };
                for (f, o) in win.arts[i].feats.iter_mut().zip(&out) {
                    f.w = o.1;
                }
            }
        }
        self.rebuild_sums();
    }

    /// Recomputes the story sums from the active articles, in arrival order.
    fn rebuild_sums(&mut self) {
        self.sums.clear();
        self.story_post.clear();
        let mut order: Vec<(u64, bool, usize)> = Vec::with_capacity(self.active_articles());
        order.extend(
            self.dated
                .arts
                .iter()
                .enumerate()
                .map(|(i, a)| (a.seq, true, i)),
        );
        order.extend(
            self.undated
                .arts
                .iter()
                .enumerate()
                .map(|(i, a)| (a.seq, false, i)),
        );
        order.sort_unstable();
        for (_, dated, i) in order {
            let win = if dated { &self.dated } else { &self.undated };
            let a = &win.arts[i];
            Self::sum_in(&mut self.sums, &mut self.story_post, a.story, &a.feats, 1.0);
        }
    }

    /// Adds (`sign` 1) or removes (`sign` -1) an article's weights to its story's sums.
    fn sum_in(
        sums: &mut Map<u64, Map<u64, (f64, u32, u32)>>,
        post: &mut Map<u64, Vec<u64>>,
        story: u64,
        feats: &[Feat],
        sign: f64,
    ) {
        let m = sums.entry(story).or_default();
        for f in feats {
            if sign > 0.0 {
                let e = m.entry(f.h).or_insert((0.0, 0, 0));
                e.0 += f64::from(f.w);
                e.1 = e.1.saturating_add(1);
                if f.top {
                    if e.2 == 0 {
                        post.entry(f.h).or_default().push(story);
                    }
                    e.2 = e.2.saturating_add(1);
                }
            } else if let Some(e) = m.get_mut(&f.h) {
                e.0 -= f64::from(f.w);
                e.1 = e.1.saturating_sub(1);
                let unindex = f.top && e.2 == 1;
                if f.top {
                    e.2 = e.2.saturating_sub(1);
                }
                if e.1 == 0 {
                    m.remove(&f.h);
                }
                if unindex {
                    if let Some(p) = post.get_mut(&f.h) {
                        if let Some(i) = p.iter().position(|&k| k == story) {
                            p.swap_remove(i);
                        }
                        if p.is_empty() {
                            post.remove(&f.h);
                        }
                    }
                }
            }
        }
        if m.is_empty() {
            sums.remove(&story);
        }
    }

    /// Counts the article's terms; leaves their new frequencies in `self.dfs`.
    fn count_df(&mut self, raw: &[(u64, f32)]) {
        self.n_docs = self.n_docs.saturating_add(1);
        self.dfs.clear();
        for &(h, _) in raw {
            let c = self.df.entry(h).or_insert(0);
            *c = c.saturating_add(1);
            self.dfs.push(*c);
        }
        if self.df.len() > self.cfg.max_df_terms {
            let mut floor = 1;
            while self.df.len() > self.cfg.max_df_terms / 2 && floor < u32::MAX {
                self.df.retain(|_, c| *c > floor);
                floor = floor.saturating_mul(2);
            }
        }
    }

    fn evict(&mut self) {
        if let Some(now) = self.clock {
            let window = f64::from(self.cfg.window_days);
            while self
                .dated
                .arts
                .front()
                .is_some_and(|a| a.time.is_some_and(|t| t < now - window))
                || self.dated.arts.len() >= self.cfg.max_dated.max(1)
            {
                if let Some(a) = self.dated.arts.pop_front() {
                    Self::sum_in(
                        &mut self.sums,
                        &mut self.story_post,
                        a.story,
                        &a.feats,
                        -1.0,
                    );
                    self.release(a.story);
                }
            }
        }
        while self.undated.arts.len() >= self.cfg.max_undated.max(1) {
            if let Some(a) = self.undated.arts.pop_front() {
                Self::sum_in(
                    &mut self.sums,
                    &mut self.story_post,
                    a.story,
                    &a.feats,
                    -1.0,
                );
                self.release(a.story);
            }
        }
        self.evict_threads();
    }

    fn release(&mut self, story: u64) {
        if let Some(s) = self.stories.get_mut(&story) {
            s.active = s.active.saturating_sub(1);
            if s.active == 0 {
                self.stories.remove(&story);
            }
        }
    }

    fn evict_threads(&mut self) {
        let window = f64::from(self.cfg.thread_window_days);
        while let Some(&(touch, key)) = self.thread_queue.front() {
            let live = self.threads.get(&key).filter(|t| t.last_touch == touch);
            match live {
                None => {
                    self.thread_queue.pop_front();
                }
                Some(t) => {
                    let expired = matches!((self.clock, t.last_time), (Some(now), Some(last)) if last < now - window);
                    if expired || self.threads.len() > self.cfg.max_threads {
                        self.threads.remove(&key);
                        self.thread_queue.pop_front();
                    } else {
                        break;
                    }
                }
            }
        }
        if self.thread_queue.len() > 4 * self.threads.len() + 1024 {
            let threads = &self.threads;
            self.thread_queue
                .retain(|&(touch, key)| threads.get(&key).is_some_and(|t| t.last_touch == touch));
        }
        if self.thread_post_len > 4 * self.threads.len() * PROFILE_TERMS + 4096 {
            self.rebuild_thread_post();
        }
    }

    fn rebuild_thread_post(&mut self) {
        self.thread_post.clear();
        self.thread_post_len = 0;
        let mut keys: Vec<u64> = self.threads.keys().copied().collect();
        keys.sort_unstable();
        for k in keys {
            if let Some(t) = self.threads.get(&k) {
                for &(h, w) in &t.profile {
                    self.thread_post
                        .entry(h)
                        .or_default()
                        .push((k, t.version, w));
                    self.thread_post_len += 1;
                }
            }
        }
    }

    /// Best story for the query (average link), if any reaches the threshold.
    ///
    /// Candidates are the stories holding one of the query's
    /// `candidate_terms` strongest terms; each is then scored exactly over
    /// all query terms.
    fn best_story(&mut self, time: Option<f64>) -> Option<(u64, f64)> {
        self.story_acc.clear();
        // Stage 1: the query weight of the strongest terms each story holds.
        for &(h, qw) in &self.top {
            let Some(p) = self.story_post.get(&h) else {
                continue;
            };
            for &k in p {
                *self.story_acc.entry(k).or_insert(0.0) += f64::from(qw);
            }
        }
        let mut cands: Vec<(f64, u64)> = self.story_acc.iter().map(|(&k, &v)| (v, k)).collect();
        let keep = self.cfg.candidate_stories.max(1);
        if cands.len() > keep {
            cands.select_nth_unstable_by(keep - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            cands.truncate(keep);
        }
        // Stage 2: exact average link over every query term.
        self.story_acc.clear();
        for &(_, c) in &cands {
            let Some(sum) = self.sums.get(&c) else {
                continue;
            };
            let mut dot = 0f64;
            for &(h, qw) in &self.query {
                if let Some(&(v, _, _)) = sum.get(&h) {
                    dot += f64::from(qw) * v;
                }
            }
            self.story_acc.insert(c, dot);
        }
        let mut best: Option<(u64, f64)> = None;
        let window = f64::from(self.cfg.window_days);
        for (&k, &sum) in &self.story_acc {
            let Some(s) = self.stories.get(&k) else {
                continue;
            };
            // A dated article joins only a story dated within the window
            // (its undated members do not carry it across time).
            if let (Some(t), Some(last)) = (time, s.last_time) {
                if (t - last).abs() > window {
                    continue;
                }
            }
            let avg = sum / f64::from(s.active.max(1));
            let better = match best {
                None => true,
                Some((bk, bs)) => avg > bs || (avg == bs && k < bk),
            };
            if better {
                best = Some((k, avg));
            }
        }
        best.filter(|&(_, s)| s >= f64::from(self.cfg.threshold))
    }

    /// Best thread for a new story's first article, if any reaches the threshold.
    fn best_thread(&mut self, time: Option<f64>) -> Option<u64> {
        let mut acc: Map<u64, f32> = Map::default();
        // The query's strongest terms only: a thread shares its main names.
        let mut top: Vec<(u64, f32)> = self.query.clone();
        if top.len() > PROFILE_TERMS {
            top.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            top.truncate(PROFILE_TERMS);
            top.sort_unstable_by_key(|e| e.0);
        }
        for &(h, qw) in &top {
            let Some(p) = self.thread_post.get(&h) else {
                continue;
            };
            for &(k, version, w) in p {
                // Entries of closed threads or older profiles are skipped here
                // and dropped at the next compaction.
                if self.threads.get(&k).is_some_and(|t| t.version == version) {
                    *acc.entry(k).or_insert(0.0) += qw * w;
                }
            }
        }
        let window = f64::from(self.cfg.thread_window_days);
        let mut best: Option<(u64, f32)> = None;
        for (&k, &dot) in &acc {
            let Some(t) = self.threads.get(&k) else {
                continue;
            };
            if let (Some(now), Some(last)) = (time, t.last_time) {
                if (now - last).abs() > window {
                    continue;
                }
            }
            let sim = dot / t.norm.max(f32::MIN_POSITIVE);
            let better = match best {
                None => true,
                Some((bk, bs)) => sim > bs || (sim == bs && k < bk),
            };
            if better {
                best = Some((k, sim));
            }
        }
        best.filter(|&(_, s)| s >= self.cfg.thread_threshold)
            .map(|(k, _)| k)
    }

    /// Adds the query vector to a thread's profile and re-indexes its new terms.
    fn feed_thread(&mut self, key: u64, time: Option<f64>) {
        let touch = self.seq;
        let Some(t) = self.threads.get_mut(&key) else {
            return;
        };
        let mut merged: Vec<(u64, f32)> = Vec::with_capacity(t.profile.len() + self.query.len());
        let (mut i, mut j) = (0, 0);
        let (a, b) = (&t.profile, &self.query);
        while i < a.len() || j < b.len() {
            if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
                merged.push(a[i]);
                i += 1;
            } else if i >= a.len() || b[j].0 < a[i].0 {
                merged.push(b[j]);
                j += 1;
            } else {
                merged.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
        if merged.len() > PROFILE_TERMS {
            merged.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            merged.truncate(PROFILE_TERMS);
            merged.sort_unstable_by_key(|e| e.0);
        }
        t.profile = merged;
        t.norm = t.profile.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        t.version = t.version.wrapping_add(1);
        if let Some(now) = time {
            t.last_time = Some(t.last_time.map_or(now, |l| l.max(now)));
        }
        t.last_touch = touch;
        self.thread_queue.push_back((touch, key));
        for &(h, w) in &t.profile {
            self.thread_post
                .entry(h)
                .or_default()
                .push((key, t.version, w));
            self.thread_post_len += 1;
        }
    }

    /// Counts an article's terms in the document frequencies without placing it.
    pub(crate) fn observe(&mut self, article: &Article) {
        let kinds = KindWeights {
            name: 1.0,
            phrase: self.cfg.phrase_weight,
            number: 1.0,
        };
        features::extract(
            article.title.as_deref().unwrap_or(""),
            &article.text,
            self.cfg.max_text_bytes,
            kinds,
            &mut self.scratch,
        );
        let raw = std::mem::take(&mut self.scratch.feats);
        self.count_df(&raw);
        self.scratch.feats = raw;
    }

    /// Keeps the thread of a story that gained an article from expiring.
    fn touch_thread_of(&mut self, story: u64, time: Option<f64>) {
        let Some(key) = self.stories.get(&story).map(|s| s.thread) else {
            return;
        };
        if let Some(t) = self.threads.get_mut(&key) {
            if let Some(now) = time {
                t.last_time = Some(t.last_time.map_or(now, |l| l.max(now)));
            }
            t.last_touch = self.seq;
            self.thread_queue.push_back((self.seq, key));
        }
    }

    pub(crate) fn add(&mut self, article: &Article, group: Option<&GroupId>) -> StoryAssignment {
        self.seq = self.seq.wrapping_add(1);
        let seq = self.seq;
        let time = article.date.as_deref().and_then(parse_days);
        let kinds = KindWeights {
            name: 1.0,
            phrase: self.cfg.phrase_weight,
            number: 1.0,
        };
        features::extract(
            article.title.as_deref().unwrap_or(""),
            &article.text,
            self.cfg.max_text_bytes,
            kinds,
            &mut self.scratch,
        );
        let raw = std::mem::take(&mut self.scratch.feats);
        self.count_df(&raw);
        self.maybe_refresh();
        let mut query = std::mem::take(&mut self.query);
        self.weigh(&raw, Some(&self.dfs), &mut query);
        self.top.clear();
        self.top.extend_from_slice(&query);
        let k = self.cfg.candidate_terms.max(1);
        if self.top.len() > k {
            self.top
                .select_nth_unstable_by(k - 1, |x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            self.top.truncate(k);
        }
        self.top.sort_unstable_by_key(|e| e.0);
        self.query = query;
        if let Some(t) = time {
            self.clock = Some(self.clock.map_or(t, |c| c.max(t)));
        }
        self.evict();

        let gkey = group.map(group_key);
        let from_group = gkey.and_then(|g| self.groups.get(&g)).cloned();
        let story_key = match from_group {
            Some(g) => {
                // A story that has left the window is revived under its old ids.
                self.stories.entry(g.story).or_insert(Story {
                    id: g.story_id,
                    thread: g.thread,
                    thread_id: g.thread_id,
                    active: 0,
                    last_time: None,
                });
                g.story
            }
            None => match self.best_story(time) {
                Some((k, _)) => {
                    self.touch_thread_of(k, time);
                    k
                }
                None => {
                    let (thread, thread_id) = match self.best_thread(time) {
                        Some(k) => {
                            let id = self.threads.get(&k).map(|t| t.id.clone());
                            (k, id.unwrap_or_else(|| ThreadId::new(article.id.as_str())))
                        }
                        None => {
                            let id = ThreadId::new(article.id.as_str());
                            self.threads.insert(
                                seq,
                                Thread {
                                    id: id.clone(),
                                    profile: Vec::new(),
                                    norm: 0.0,
                                    last_time: time,
                                    last_touch: seq,
                                    version: 0,
                                },
                            );
                            (seq, id)
                        }
                    };
                    self.feed_thread(thread, time);
                    self.stories.insert(
                        seq,
                        Story {
                            id: StoryId::new(article.id.as_str()),
                            thread,
                            thread_id,
                            active: 0,
                            last_time: None,
                        },
                    );
                    seq
                }
            },
        };
        let (story_id, thread, thread_id) = match self.stories.get_mut(&story_key) {
            Some(s) => {
                s.active = s.active.saturating_add(1);
                if let Some(t) = time {
                    s.last_time = Some(s.last_time.map_or(t, |l| l.max(t)));
                }
                (s.id.clone(), s.thread, s.thread_id.clone())
            }
            None => (
                StoryId::new(article.id.as_str()),
                seq,
                ThreadId::new(article.id.as_str()),
            ),
        };
        if let Some(g) = gkey {
            self.groups.insert(
                g,
                GroupEntry {
                    story: story_key,
                    story_id: story_id.clone(),
                    thread,
                    thread_id: thread_id.clone(),
                    touch: seq,
                },
            );
            if self.groups.len() > self.cfg.max_groups {
                let mut touches: Vec<u64> = self.groups.values().map(|e| e.touch).collect();
                touches.sort_unstable();
                let cut = touches[touches.len() / 2];
                self.groups.retain(|_, e| e.touch > cut);
            }
        }
        let feats: Vec<Feat> = raw
            .iter()
            .zip(&self.query)
            .map(|(&(h, r), &(_, w))| Feat {
                h,
                raw: r,
                w,
                top: self.top.binary_search_by_key(&h, |e| e.0).is_ok(),
            })
            .collect();
        let stored = Stored {
            seq,
            slot: 0,
            time,
            story: story_key,
            feats,
        };
        Self::sum_in(
            &mut self.sums,
            &mut self.story_post,
            story_key,
            &stored.feats,
            1.0,
        );
        if time.is_some() {
            self.dated.push(stored);
        } else {
            self.undated.push(stored);
        }
        self.scratch.feats = raw;
        StoryAssignment {
            id: article.id.clone(),
            story: story_id,
            thread: thread_id,
        }
    }

    pub(crate) fn to_state(&self) -> State {
        fn sorted<V: Clone>(m: &Map<u64, V>) -> Vec<(u64, V)> {
            let mut v: Vec<(u64, V)> = m.iter().map(|(k, v)| (*k, v.clone())).collect();
            v.sort_unstable_by_key(|e| e.0);
            v
        }
        State {
            config: self.cfg.clone(),
            seq: self.seq,
            n_docs: self.n_docs,
            next_refresh: self.next_refresh,
            clock: self.clock,
            df: sorted(&self.df),
            dated: self.dated.arts.iter().cloned().collect(),
            undated: self.undated.arts.iter().cloned().collect(),
            stories: sorted(&self.stories),
            threads: sorted(&self.threads),
            thread_queue: self.thread_queue.iter().copied().collect(),
            groups: sorted(&self.groups),
            sums: {
                let mut v: Vec<(u64, SavedSum)> = self
                    .sums
                    .iter()
                    .map(|(&k, m)| {
                        let mut t: SavedSum =
                            m.iter().map(|(&h, &(w, n, t))| (h, w, n, t)).collect();
                        t.sort_unstable_by_key(|e| e.0);
                        (k, t)
                    })
                    .collect();
                v.sort_unstable_by_key(|e| e.0);
                v
            },
        }
    }

    pub(crate) fn from_state(s: State) -> Self {
        let mut e = Engine::new(s.config);
        e.seq = s.seq;
        e.n_docs = s.n_docs;
        e.next_refresh = s.next_refresh;
        e.clock = s.clock;
        e.df = s.df.into_iter().collect();
        e.dated.arts = s.dated.into();
        e.undated.arts = s.undated.into();
        e.dated.next_slot = e.dated.arts.back().map_or(0, |a| a.slot + 1);
        e.undated.next_slot = e.undated.arts.back().map_or(0, |a| a.slot + 1);
        for (k, v) in s.sums {
            for t in v.iter().filter(|t| t.3 > 0) {
                e.story_post.entry(t.0).or_default().push(k);
            }
            e.sums.insert(
                k,
                v.into_iter().map(|(h, w, n, t)| (h, (w, n, t))).collect(),
            );
        }
        e.stories = s.stories.into_iter().collect();
        e.threads = s.threads.into_iter().collect();
        e.thread_queue = s.thread_queue.into();
        e.groups = s.groups.into_iter().collect();
        e.rebuild_thread_post();
        e
    }

    /// Articles currently held in the windows (for tests and benches).
    pub(crate) fn active_articles(&self) -> usize {
        self.dated.arts.len() + self.undated.arts.len()
    }
}
