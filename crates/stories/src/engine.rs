//! The online clusterer: active windows, story sums, stories, threads.
//!
//! Articles arrive in chunks, in publication order. An article's vector
//! (TF-IDF over words, names and numbers, each group normalised apart and
//! mixed) is compared with the chunk's other articles and with the stories
//! that still have members in an active window. The average cosine to a
//! story's active members (average link) equals the article's dot product
//! with the sum of their vectors divided by their number, so each story
//! keeps that sum and no work per stored article is done. Candidates come
//! from the article's strongest terms: stories indexed under them (a story
//! is indexed under its members' strongest terms) and earlier articles of
//! the chunk holding them. The chunk is then clustered by average link
//! ([`crate::hac`]) with the active stories as fixed nodes: an article joins
//! a story, or articles of the chunk form a new one, when the average link
//! reaches the threshold. Dated articles further apart than the window are
//! never linked. Two reports of the chunk, not both dated, count less when
//! their leads name different days of the week, or when both use event
//! words (words the collection mostly writes in lower case) and share
//! almost none; an article and a story of an earlier chunk count less when
//! the article shares almost no event words with the story's members on
//! average. A new story joins the thread whose profile (the summed
//! vectors of its stories' first articles, cut to the strongest terms) it is
//! most similar to, or starts a thread.
//!
//! Document frequencies (and how many documents write each word in lower
//! case) are counted online; while the collection is young
//! (each time it has grown by a quarter, if an active article was weighed
//! before the previous such point) the stored vectors are re-weighed and
//! the sums rebuilt, so early articles do not keep their first weights.
//! Once the collection is much larger than the window, the window turns
//! over between two such points and nothing is re-weighed.
//!
//! Memory is bounded: dated articles leave the window once the clock (the
//! latest date seen) is `window_days` past them, undated ones once more than
//! `max_undated` undated articles are held; threads leave after
//! `thread_window_days` without a new story or beyond `max_threads`; the
//! document-frequency table drops its rarest terms past `max_df_terms`;
//! the copy-group map keeps at most `max_groups` groups.
//!
//! It does NOT revisit decisions of earlier chunks (no merging or splitting
//! of stories once placed), and does not order its input: the caller feeds
//! chunks in publication order.

use crate::date::parse_days;
use crate::features::{self, KindWeights, Scratch};
use crate::StoryConfig;
use crate::{hac, snn};
use crossread_core::{Article, DateSource, GroupId, StoryAssignment, StoryId, ThreadId};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::VecDeque;

type Map<K, V> = crossread_core::KeyMap<K, V>;

/// One feature of a stored article: hash, raw value (before IDF), weight.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Feat {
    h: u64,
    raw: f32,
    w: f32,
    /// Among the article's `candidate_terms` strongest at insertion: the
    /// story is indexed under it for candidate lookup.
    top: bool,
    /// Its weight in the article's event-word vector (the event words
    /// normalised on their own, as at the article's arrival; 0: not an
    /// event word).
    ev: f32,
}

/// An article held in a window.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    seq: u64,
    /// The collection's size (`n_docs`) when its weights were last
    /// computed: at arrival or at the last refresh.
    weighed: u64,
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
    /// Latest date among its members whose date was stated (given or on the
    /// page, not read from the prose): the one the time window holds a new
    /// article to, as [`Pending::cut_time`] does for one article.
    last_cut: Option<f64>,
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
/// members with it among their strongest terms, summed event-word weight),
/// by term.
type SavedSum = Vec<(u64, f64, u32, u32, f32)>;

/// Everything that persists; indexes are rebuilt from it.
#[derive(Serialize, Deserialize)]
pub(crate) struct State {
    config: StoryConfig,
    seq: u64,
    n_docs: u64,
    next_refresh: u64,
    last_point: u64,
    clock: Option<f64>,
    df: Vec<(u64, (u32, u32))>,
    dated: Vec<Stored>,
    undated: Vec<Stored>,
    stories: Vec<(u64, Story)>,
    threads: Vec<(u64, Thread)>,
    thread_queue: Vec<(u64, u64)>,
    groups: Vec<(u64, GroupEntry)>,
    /// (story, members with event words, sums).
    sums: Vec<(u64, u32, SavedSum)>,
}

/// A story's term sums (see [`StorySum::terms`]).
type SumTerms = Map<u64, (f64, u32, u32, f32)>;

/// Emptied tables of stories that have left, kept for new stories (each
/// grown to the size its story needed, so a new story rarely regrows).
const SPARE_TABLES: usize = 16;

/// A story's sums over its active members.
#[derive(Default)]
struct StorySum {
    /// term -> (summed weight, members with the term, members with it among
    /// their strongest terms, summed event-word weight). A term no member
    /// holds any more stays as `(0.0, 0, 0, 0.0)` until the next
    /// compaction: it adds an exact zero to a dot product, and a term that
    /// returns starts again from zero, so the sums are those of a map that
    /// removes it at once, without the removal and re-insertion cost.
    terms: SumTerms,
    /// Members with at least one event word.
    ev_members: u32,
    /// Terms with at least one member.
    live: usize,
    /// Zeroed terms since the last compaction.
    dead: usize,
}

/// The open stories' sums and the index over them.
#[derive(Default)]
struct Sums {
    /// story -> term -> (sum of the active members' weights, members with
    /// the term, members with it among their strongest terms).
    /// A story's average link to a query is `query · sum / active`.
    stories: Map<u64, StorySum>,
    /// term -> stories with a member holding it among its strongest terms.
    post: Map<u64, Posting>,
    /// See [`SPARE_TABLES`]; not persisted.
    spare: Vec<SumTerms>,
}

impl Sums {
    /// Adds (`sign` 1) or removes (`sign` -1) an article's weights to its story's sums.
    fn add(&mut self, story: u64, feats: &[Feat], sign: f64) {
        let Sums {
            stories: sums,
            post,
            spare,
        } = self;
        // A new story takes the table of a story that has left (emptied,
        // its room kept) rather than growing one through every size.
        let m = sums.entry(story).or_insert_with(|| StorySum {
            terms: spare.pop().unwrap_or_default(),
            ..StorySum::default()
        });
        if feats.iter().any(|f| f.ev != 0.0) {
            m.ev_members = if sign > 0.0 {
                m.ev_members.saturating_add(1)
            } else {
                m.ev_members.saturating_sub(1)
            };
        }
        for f in feats {
            if sign > 0.0 {
                let e = match m.terms.entry(f.h) {
                    Entry::Occupied(o) => {
                        if o.get().1 == 0 {
                            m.dead = m.dead.saturating_sub(1);
                        }
                        o.into_mut()
                    }
                    Entry::Vacant(v) => v.insert((0.0, 0, 0, 0.0)),
                };
                if e.1 == 0 {
                    m.live += 1;
                }
                e.0 += f64::from(f.w);
                e.1 = e.1.saturating_add(1);
                e.3 += f.ev;
                if f.top {
                    if e.2 == 0 {
                        post_add(post, f.h, story);
                    }
                    e.2 = e.2.saturating_add(1);
                }
            } else if let Some(e) = m.terms.get_mut(&f.h).filter(|e| e.1 > 0) {
                e.0 -= f64::from(f.w);
                e.1 = e.1.saturating_sub(1);
                e.3 -= f.ev;
                let unindex = f.top && e.2 == 1;
                if f.top {
                    e.2 = e.2.saturating_sub(1);
                }
                if e.1 == 0 {
                    // Left in place, zeroed: exactly a term no member holds.
                    *e = (0.0, 0, 0, 0.0);
                    m.live -= 1;
                    m.dead += 1;
                }
                if unindex {
                    post_remove(post, f.h, story);
                }
            }
        }
        if m.live == 0 {
            if let Some(gone) = sums.remove(&story) {
                if spare.len() < SPARE_TABLES {
                    let mut t = gone.terms;
                    t.clear();
                    spare.push(t);
                }
            }
        } else if sign < 0.0 && m.dead > m.live + 64 {
            m.terms.retain(|_, e| e.1 > 0);
            m.dead = 0;
        }
    }
}

impl Pending {
    /// The day the time window holds the article to: its date, unless that
    /// was read from the prose (`soft`).
    fn cut_time(&self) -> Option<f64> {
        self.time.filter(|_| !self.soft)
    }
}

/// An article of the chunk being placed.
struct Pending {
    seq: u64,
    /// Days of the week the article names (bits, see `features::weekdays`).
    days: u8,
    time: Option<f64>,
    /// The date was read from the prose ([`DateSource::Text`]): it orders
    /// the article and weighs (time bonus) but never keeps it apart, from
    /// an article or from a story (a story is held to its latest stated
    /// date, `Story::last_cut`).
    soft: bool,
    gkey: Option<u64>,
    /// Raw features, sorted by hash.
    raw: Vec<(u64, f32)>,
    /// Chunk-local numbers of the terms of `raw`, in its order.
    tid: Vec<u32>,
    /// Weighed features, in the order of `raw`.
    query: Vec<(u64, f32)>,
    /// The `candidate_terms` strongest of `query`, sorted by hash.
    top: Vec<(u64, f32)>,
    /// Chunk-local numbers of the terms of `top`, in its order.
    top_tid: Vec<u32>,
}

/// A word is an **event word** when at least this share of the documents
/// holding it write it in lower case at least once: "vote", "hearing",
/// "suspended" say what happened, while "Scully" or "Senate" (names, never
/// or rarely lower case) recur across every event of one topic. Counted over
/// the whole collection, so one outlet's title case or a capitalised
/// "Surgeon General" does not turn the word into a name.
const EVENT_LOWER_SHARE: u32 = 2;

/// Dot products of four vectors (chunk-local term ids) with the vector
/// scattered into `dense` (as `f64`: the `f32` weights widened once, when
/// scattered, rather than at every read), computed side by side so that
/// the four sums do not wait on each other; each sum still adds its own
/// terms in order, so each equals [`dot`] of its list. The four lists are
/// walked in step over their common length, then each rest alone.
fn gather4(lists: [&[(u32, f32)]; 4], dense: &[f64]) -> [f64; 4] {
    let at = |t: u32| dense.get(t as usize).copied().unwrap_or(0.0);
    let common = lists.iter().map(|l| l.len()).min().unwrap_or(0);
    let [a, b, c, e] = lists.map(|l| l.split_at(common));
    let mut d = [0f64; 4];
    for (((x, y), z), v) in a.0.iter().zip(b.0).zip(c.0).zip(e.0) {
        d[0] += at(x.0) * f64::from(x.1);
        d[1] += at(y.0) * f64::from(y.1);
        d[2] += at(z.0) * f64::from(z.1);
        d[3] += at(v.0) * f64::from(v.1);
    }
    for (r, rest) in [a.1, b.1, c.1, e.1].into_iter().enumerate() {
        for &(t, w) in rest {
            d[r] += at(t) * f64::from(w);
        }
    }
    d
}

/// Dot product of one vector (chunk-local term ids) with the vector
/// scattered into `dense`, adding its terms in order.
fn dot(list: &[(u32, f32)], dense: &[f64]) -> f64 {
    let mut d = 0f64;
    for &(t, w) in list {
        d += dense.get(t as usize).copied().unwrap_or(0.0) * f64::from(w);
    }
    d
}

/// The stories indexed under one term (most terms have one, which is held
/// without an allocation). Their order carries no meaning: a candidate's
/// score adds the term's weight once per list holding it.
struct Posting {
    first: u64,
    more: Vec<u64>,
}

impl Posting {
    fn iter(&self) -> impl Iterator<Item = &u64> {
        std::iter::once(&self.first).chain(&self.more)
    }
}

/// Indexes `story` under `h`.
fn post_add(post: &mut Map<u64, Posting>, h: u64, story: u64) {
    match post.entry(h) {
        Entry::Occupied(o) => o.into_mut().more.push(story),
        Entry::Vacant(v) => {
            v.insert(Posting {
                first: story,
                more: Vec::new(),
            });
        }
    }
}

/// Removes `story` from the stories indexed under `h`.
fn post_remove(post: &mut Map<u64, Posting>, h: u64, story: u64) {
    let Some(p) = post.get_mut(&h) else {
        return;
    };
    if p.first == story {
        match p.more.pop() {
            Some(k) => p.first = k,
            None => {
                post.remove(&h);
            }
        }
    } else if let Some(i) = p.more.iter().position(|&k| k == story) {
        p.more.swap_remove(i);
    }
}

/// One list of (chunk-local term number, weight) per article of a chunk,
/// all in one array: the lists of a chunk are read many times (against
/// stories and neighbours) and stay dense in memory.
#[derive(Default)]
struct Flat {
    start: Vec<usize>,
    items: Vec<(u32, f32)>,
}

impl Flat {
    /// Article by article: `tids[i]` zipped with the weights of `weights[i]`
    /// (replacing what it held, in the room it has).
    fn fill<'a>(&mut self, lists: impl Iterator<Item = (&'a [u32], &'a [(u64, f32)])>) {
        self.start.clear();
        self.start.push(0);
        self.items.clear();
        for (tids, weights) in lists {
            self.items
                .extend(tids.iter().zip(weights).map(|(&t, &(_, w))| (t, w)));
            self.start.push(self.items.len());
        }
    }

    /// Empties it (keeping its room) for lists pushed one by one.
    fn clear(&mut self) {
        self.start.clear();
        self.start.push(0);
        self.items.clear();
    }

    /// Appends the next list, scaled to unit length (an empty or all-zero
    /// list stays as it is).
    fn push_normalised(&mut self, list: impl Iterator<Item = (u32, f32)>) {
        let from = self.items.len();
        self.items.extend(list);
        let norm = self.items[from..]
            .iter()
            .map(|e| f64::from(e.1) * f64::from(e.1))
            .sum::<f64>()
            .sqrt();
        if norm > 0.0 {
            for e in &mut self.items[from..] {
                e.1 = (f64::from(e.1) / norm) as f32;
            }
        }
        self.start.push(self.items.len());
    }

    fn get(&self, i: usize) -> &[(u32, f32)] {
        match (self.start.get(i), self.start.get(i + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a..b).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// A chunk's per-article lists (by chunk-local term number) that the
/// neighbour scoring reads.
#[derive(Clone, Copy)]
struct Lists<'a> {
    /// Weighed terms.
    local: &'a Flat,
    /// Strongest terms.
    tops: &'a Flat,
    /// Event words, normalised on their own.
    evs: &'a Flat,
}

/// `w` as an integer whose order is `f32::total_cmp` order.
fn weight_rank(w: f32) -> u32 {
    let b = w.to_bits() as i32;
    ((b ^ ((((b >> 31) as u32) >> 1) as i32)) as u32) ^ (1 << 31)
}

/// A selection key over (weight, index): heaviest first (`f32::total_cmp`
/// order), then lowest index; the index is the low 32 bits.
fn heaviest_first(w: f32, index: u32) -> u64 {
    (u64::from(!weight_rank(w)) << 32) | u64::from(index)
}

/// Working buffers of one chunk's placement ([`Engine::add_chunk`]), kept
/// from chunk to chunk so that their memory is reused rather than returned
/// and faulted in again each chunk. Not persisted; each use clears them.
#[derive(Default)]
struct ChunkBufs {
    /// Term hash -> chunk-local number.
    ids: Map<u64, u32>,
    /// Chunk-local number -> term hash.
    terms: Vec<u64>,
    /// Articles of the chunk holding each chunk term.
    holders: Vec<u32>,
    /// Articles of the chunk writing each chunk term in lower case.
    lowers: Vec<u32>,
    /// Each chunk term's document frequencies once the chunk is counted:
    /// (documents, documents writing it in lower case).
    counts: Vec<(u32, u32)>,
    /// Each chunk term's IDF, and whether it is an event word.
    idf: Vec<(f32, bool)>,
    /// Each article's weighed terms, by chunk-local number.
    local: Flat,
    /// Each article's strongest terms, by chunk-local number.
    tops: Flat,
    /// Each article's event words (see [`EVENT_LOWER_SHARE`]) by chunk-local
    /// number, L2-normalised on their own.
    evs: Flat,
    edges: Vec<(u32, u32, f64)>,
    links: LinkBufs,
    near: NearBufs,
}

/// [`Engine::story_links`]' buffers.
#[derive(Default)]
struct LinkBufs {
    pairs: Vec<(u32, u64)>,
    order: Vec<u32>,
    dots: Vec<f64>,
    value: Vec<f64>,
    stamp: Vec<u32>,
    /// Each pair's event-word dot product (summed over the story's members).
    ev_dots: Vec<f64>,
    /// The story's summed event-word weight of each chunk term.
    ev_value: Vec<f32>,
}

/// [`Engine::chunk_edges`]' buffers.
#[derive(Default)]
struct NearBufs {
    /// The current article's weighed terms, scattered by term number.
    dense: Vec<f64>,
    /// Where each term's posting list starts in `post` (one more entry
    /// than terms).
    start: Vec<u32>,
    /// How many holders each term's list has so far.
    fill: Vec<u32>,
    /// The posting lists, term after term, each in arrival order.
    post: Vec<u32>,
    acc: Vec<f32>,
    /// The current article's event-word vector, scattered by term number.
    dense_ev: Vec<f32>,
}

/// Terms kept in a thread profile.
const PROFILE_TERMS: usize = 64;

pub(crate) struct Engine {
    cfg: StoryConfig,
    seq: u64,
    n_docs: u64,
    next_refresh: u64,
    /// The collection's size at the last scheduled refresh point (whether
    /// or not it re-weighed anything).
    last_point: u64,
    clock: Option<f64>,
    /// term -> (documents holding it, documents writing it in lower case
    /// (words only; see [`EVENT_LOWER_SHARE`])).
    df: Map<u64, (u32, u32)>,
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
    /// [`Self::story_cands`]' ranking buffer.
    story_cands_buf: Vec<(f64, u64)>,
    query: Vec<(u64, f32)>,
    /// The open stories' sums over their active members.
    sums: Sums,
    /// Buffers of [`Self::add_chunk`], not persisted.
    chunk: ChunkBufs,
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
            last_point: 0,
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
            chunk: ChunkBufs::default(),
            story_acc: Map::default(),
            story_cands_buf: Vec::new(),
            query: Vec::new(),
            sums: Sums::default(),
        }
    }

    pub(crate) fn config(&self) -> &StoryConfig {
        &self.cfg
    }

    fn idf_of(&self, df: u32) -> f32 {
        let prior = f64::from(self.cfg.idf_prior_docs.max(0.0));
        (((1.0 + self.n_docs as f64 + prior) / (1.0 + f64::from(df))).ln() + 1.0) as f32
    }

    /// IDF-weighted, L2-normalised copy of raw features.
    ///
    /// Words, names and numbers are normalised apart and mixed by
    /// `name_mix` / `number_mix`, so the dot product of two articles is the
    /// mix of their per-group cosines (over the groups the query has). A
    /// group of `n` features gets its share times `n / (n + mix_shrink)`.
    /// `idf(i)` is the IDF of `raw[i]` (the callers have it at hand, by
    /// position, without a lookup in the document frequencies).
    fn weigh(&self, raw: &[(u64, f32)], idf: impl Fn(usize) -> f32, out: &mut Vec<(u64, f32)>) {
        out.clear();
        // One allocation of the final size rather than repeated growth.
        out.reserve(raw.len());
        let mut norms = [0f64; 4];
        let mut counts = [0f64; 4];
        for (i, &(h, r)) in raw.iter().enumerate() {
            let g = (h & 3) as usize;
            counts[g] += 1.0;
            let w = r * idf(i);
            norms[g] += f64::from(w) * f64::from(w);
            out.push((h, w));
        }
        let name = f64::from(self.cfg.name_mix.clamp(0.0, 1.0));
        let number = f64::from(self.cfg.number_mix.clamp(0.0, 1.0 - name as f32));
        // A group with few features gets a smaller share (shrunk towards
        // the words): one shared name in a short lead is weak evidence.
        let shrink = f64::from(self.cfg.mix_shrink.max(0.0));
        let name = name * counts[1] / (counts[1] + shrink).max(1e-9);
        let number = number * counts[2] / (counts[2] + shrink).max(1e-9);
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

    /// The largest gap in days allowed between consecutive dated articles
    /// of one story formed in a chunk (the window).
    fn max_gap(&self) -> f64 {
        f64::from(self.cfg.window_days).max(0.0)
    }

    /// Added to the cosine of two dated articles `gap` days apart that
    /// share some content: `time_bonus`, falling linearly to 0 at the
    /// window's edge. Publication close in time is evidence of one event.
    fn time_bonus(&self, gap: f64) -> f64 {
        let window = f64::from(self.cfg.window_days);
        if window <= 0.0 || !gap.is_finite() {
            return 0.0;
        }
        f64::from(self.cfg.time_bonus.max(0.0)) * (1.0 - gap / window).max(0.0)
    }

    /// The factor on the similarity of two reports of one chunk naming days
    /// of the week (`a`, `b`: bits) in their leads: `weekday_factor` when
    /// both name some and share none, unless both are dated (their dates
    /// say more). Reports of one event name the day it happened ("on
    /// Tuesday"); two events of one ongoing topic mostly happened on
    /// different days. Links to stories of earlier chunks are left alone:
    /// a story's members name several days as it goes on (measured: applied
    /// to them with the union of the members' days, the ECB+ training split
    /// placed one article at a time fell from 0.831 to 0.728).
    fn day_factor(&self, a: u8, b: u8, both_dated: bool) -> f64 {
        if a != 0 && b != 0 && a & b == 0 && !both_dated {
            f64::from(self.cfg.weekday_factor.clamp(0.0, 1.0))
        } else {
            1.0
        }
    }

    /// The factor on the similarity of two reports of one chunk from their
    /// event words (`a`: one's vector; `b`, the other's, is also scattered
    /// into `dense_b`): `event_factor` when both have event words and the
    /// cosine of the two vectors is under `event_floor`, unless both are
    /// dated. Two events of one ongoing topic (a nomination, its hearing, its
    /// vote) share every name and differ in what happened; reports of one
    /// event nearly always share some of the words saying it. A link to a
    /// story of an earlier chunk gets the same factor from the article's
    /// average event-word cosine with the story's active members that have
    /// event words (their summed event-word vectors; see
    /// [`Self::story_links`]).
    fn event_factor(
        &self,
        a: &[(u32, f32)],
        b: &[(u32, f32)],
        dense_b: &[f32],
        both_dated: bool,
    ) -> f64 {
        if self.cfg.event_factor >= 1.0 || a.is_empty() || b.is_empty() || both_dated {
            return 1.0;
        }
        let cos: f64 = a
            .iter()
            .map(|&(t, w)| {
                f64::from(dense_b.get(t as usize).copied().unwrap_or(0.0)) * f64::from(w)
            })
            .sum();
        self.event_factor_of(cos)
    }

    /// `event_factor` for an event-word cosine under `event_floor`, else 1.
    fn event_factor_of(&self, cos: f64) -> f64 {
        if cos < f64::from(self.cfg.event_floor) {
            f64::from(self.cfg.event_factor.clamp(0.0, 1.0))
        } else {
            1.0
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
        // Every active article weighed after the previous point (it arrived
        // since) is as fresh as this schedule keeps anything: once the
        // collection is much larger than the window, the window turns over
        // between two points, and re-weighing it would change nothing that
        // matters while costing a pass over the whole window. A young
        // collection still holds articles from before the last point.
        let previous = std::mem::replace(&mut self.last_point, self.n_docs);
        let oldest = self
            .dated
            .arts
            .iter()
            .chain(self.undated.arts.iter())
            .map(|a| a.weighed)
            .min();
        if oldest.is_none_or(|w| w > previous) {
            return;
        }
        let mut raw = Vec::new();
        let mut out = Vec::new();
        // The IDF depends on the document frequency alone (the count of
        // documents is fixed here): each small frequency's IDF is computed
        // once (NaN: not yet), larger ones each time.
        let mut memo = vec![f32::NAN; usize::try_from(self.n_docs.min(1 << 16)).unwrap_or(0) + 1];
        let mut idfs: Vec<f32> = Vec::new();
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
                idfs.clear();
                for &(h, _) in &raw {
                    let df = self.df.get(&h).map_or(0, |c| c.0);
                    let idf = match memo.get_mut(df as usize) {
                        Some(m) if !m.is_nan() => *m,
                        Some(m) => {
                            *m = self.idf_of(df);
                            *m
                        }
                        None => self.idf_of(df),
                    };
                    idfs.push(idf);
                }
                self.weigh(&raw, |i| idfs.get(i).copied().unwrap_or(0.0), &mut out);
                let win = if which == 0 {
                    &mut self.dated
                } else {
                    &mut self.undated
                };
                for (f, o) in win.arts[i].feats.iter_mut().zip(&out) {
                    f.w = o.1;
                }
                win.arts[i].weighed = self.n_docs;
            }
        }
        self.rebuild_sums();
    }

    /// Recomputes the story sums from the active articles, in arrival order.
    fn rebuild_sums(&mut self) {
        // Each story's table is emptied but keeps its room, rather than
        // dropped and grown again (emptying touches the table's control
        // bytes only).
        for m in self.sums.stories.values_mut() {
            m.terms.clear();
            m.dead = 0;
            m.live = 0;
            m.ev_members = 0;
        }
        self.sums.post.clear();
        // Story by story, each story's members in arrival order.
        let mut order: Vec<(u64, u64, bool, usize)> = Vec::with_capacity(self.active_articles());
        order.extend(
            self.dated
                .arts
                .iter()
                .enumerate()
                .map(|(i, a)| (a.story, a.seq, true, i)),
        );
        order.extend(
            self.undated
                .arts
                .iter()
                .enumerate()
                .map(|(i, a)| (a.story, a.seq, false, i)),
        );
        order.sort_unstable();
        for (_, _, dated, i) in order {
            let win = if dated { &self.dated } else { &self.undated };
            let a = &win.arts[i];
            self.sums.add(a.story, &a.feats, 1.0);
        }
        self.sums.stories.retain(|_, m| m.live > 0);
    }

    /// Counts the article's terms in the document frequencies, and its
    /// words written in lower case (`lower`, sorted, a subset of `raw`'s
    /// terms) as such.
    fn count_df(&mut self, raw: &[(u64, f32)], lower: &[u64]) {
        self.n_docs = self.n_docs.saturating_add(1);
        let mut l = 0;
        for &(h, _) in raw {
            let c = self.df.entry(h).or_insert((0, 0));
            c.0 = c.0.saturating_add(1);
            while l < lower.len() && lower[l] < h {
                l += 1;
            }
            if lower.get(l) == Some(&h) {
                c.1 = c.1.saturating_add(1);
            }
        }
        if self.df.len() > self.cfg.max_df_terms {
            let mut floor = 1;
            while self.df.len() > self.cfg.max_df_terms / 2 && floor < u32::MAX {
                self.df.retain(|_, c| c.0 > floor);
                floor = floor.saturating_mul(2);
            }
        }
    }

    /// Whether a term is an event word, given its document frequency and
    /// its lower-case document frequency.
    fn is_event(h: u64, df: u32, lower: u32) -> bool {
        h & 3 == features::GROUP_WORD
            && lower > 0
            && u64::from(lower) * u64::from(EVENT_LOWER_SHARE) >= u64::from(df)
    }

    fn evict(&mut self) {
        let mut gone: Vec<Stored> = Vec::new();
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
                    gone.push(a);
                }
            }
        }
        while self.undated.arts.len() >= self.cfg.max_undated.max(1) {
            if let Some(a) = self.undated.arts.pop_front() {
                gone.push(a);
            }
        }
        // Story by story (each story's members still in leaving order):
        // every sum sees the same subtractions in the same order, and a
        // story's sums stay in cache while its members leave.
        gone.sort_by_key(|a| a.story);
        for a in &gone {
            self.sums.add(a.story, &a.feats, -1.0);
            self.release(a.story);
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

    /// The stories an article may join (stage 1 of [`Self::story_links`]),
    /// appended to `out` sorted by key.
    ///
    /// Candidates are the stories holding one of the article's
    /// `candidate_terms` strongest terms (`top`), ranked by the query
    /// weight they hold; the `candidate_stories` best are kept. A dated
    /// article only links to a story with a dated member within the window
    /// (undated members do not carry a story across time).
    fn story_cands(&mut self, top: &[(u64, f32)], time: Option<f64>, out: &mut Vec<u64>) {
        self.story_acc.clear();
        for &(h, qw) in top {
            let Some(p) = self.sums.post.get(&h) else {
                continue;
            };
            for &k in p.iter() {
                *self.story_acc.entry(k).or_insert(0.0) += f64::from(qw);
            }
        }
        let mut cands = std::mem::take(&mut self.story_cands_buf);
        cands.clear();
        cands.extend(self.story_acc.iter().map(|(&k, &v)| (v, k)));
        let keep = self.cfg.candidate_stories.max(1);
        if cands.len() > keep {
            cands.select_nth_unstable_by(keep - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            cands.truncate(keep);
        }
        cands.sort_unstable_by_key(|c| c.1);
        let window = f64::from(self.cfg.window_days);
        for &(_, c) in &cands {
            let Some(s) = self.stories.get(&c) else {
                continue;
            };
            if !self.sums.stories.contains_key(&c) {
                continue;
            }
            if let (Some(t), Some(last)) = (time, s.last_cut) {
                if (t - last).abs() > window {
                    continue;
                }
            }
            out.push(c);
        }
        self.story_cands_buf = cands;
    }

    /// The chunk's article-to-story links: for each article (in order) the
    /// candidate stories ([`Self::story_cands`]) with its **total**
    /// similarity to each (the sum of its cosines to the story's active
    /// members, plus the time bonus per member; divided by the story's size
    /// it is the average link), scored exactly over every query term.
    /// Returns `(article, story, total)` for the positive ones. The total
    /// gets `event_factor` when the article and the story both have event
    /// words, are not both dated, and the article's average event-word
    /// cosine with the story's members that have some is under
    /// `event_floor` (the story's summed event-word weights are read with
    /// its sums).
    ///
    /// The exact scores are computed story by story, so each story's sums
    /// are read while they are in cache: the story's value of each distinct
    /// term of the articles scoring it is looked up once (by chunk-local
    /// term number, `terms[t]` being the term's hash) into a dense array,
    /// and each dot product gathers from it. Every score is the same sum, in
    /// the same order, as scoring article by article over the story's map
    /// (a term the story lacks adds an exact zero).
    fn story_links(
        &mut self,
        pend: &[Pending],
        local: &Flat,
        terms: &[u64],
        evs: &Flat,
        bufs: &mut LinkBufs,
    ) -> Vec<(u32, u64, f64)> {
        let LinkBufs {
            pairs,
            order,
            dots,
            value,
            stamp,
            ev_dots,
            ev_value,
        } = bufs;
        pairs.clear();
        let mut cands = Vec::new();
        for (i, p) in pend.iter().enumerate() {
            cands.clear();
            self.story_cands(&p.top, p.cut_time(), &mut cands);
            pairs.extend(cands.iter().map(|&c| (i as u32, c)));
        }
        order.clear();
        order.extend(0..u32::try_from(pairs.len()).unwrap_or(u32::MAX));
        order.sort_by_key(|&x| pairs[x as usize].1);
        dots.clear();
        dots.resize(pairs.len(), 0.0);
        ev_dots.clear();
        ev_dots.resize(pairs.len(), 0.0);
        value.clear();
        value.resize(terms.len(), 0.0);
        ev_value.clear();
        ev_value.resize(terms.len(), 0.0);
        // The story group that last wrote each entry of `value`.
        stamp.clear();
        stamp.resize(terms.len(), u32::MAX);
        let mut group = 0u32;
        let mut at = 0;
        while at < order.len() {
            let key = pairs[order[at] as usize].1;
            let mut end = at;
            while end < order.len() && pairs[order[end] as usize].1 == key {
                end += 1;
            }
            if let Some(sum) = self.sums.stories.get(&key) {
                // Whether the story has a dated member: its links with dated
                // articles take no event factor, so their event-word dot
                // products are not needed (left at 0).
                let story_dated = self.stories.get(&key).map(|s| s.last_time.is_some());
                for &x in &order[at..end] {
                    for &(t, _) in local.get(pairs[x as usize].0 as usize) {
                        let t = t as usize;
                        if stamp[t] != group {
                            stamp[t] = group;
                            (value[t], ev_value[t]) = terms
                                .get(t)
                                .and_then(|h| sum.terms.get(h))
                                .map_or((0.0, 0.0), |e| (e.0, e.3));
                        }
                    }
                }
                for &x in &order[at..end] {
                    let mut dot = 0f64;
                    for &(t, qw) in local.get(pairs[x as usize].0 as usize) {
                        dot += f64::from(qw) * value[t as usize];
                    }
                    dots[x as usize] = dot;
                    let i = pairs[x as usize].0 as usize;
                    let both_dated = pend[i].time.is_some() && story_dated == Some(true);
                    if story_dated.is_none() || both_dated {
                        continue;
                    }
                    // An article's event words are among its terms: their
                    // story values were fetched above.
                    let mut ev = 0f64;
                    for &(t, w) in evs.get(i) {
                        ev += f64::from(w) * f64::from(ev_value[t as usize]);
                    }
                    ev_dots[x as usize] = ev;
                }
                group += 1;
            }
            at = end;
        }
        let mut out = Vec::with_capacity(pairs.len());
        for ((&(i, c), &dot), &ev) in pairs.iter().zip(dots.iter()).zip(ev_dots.iter()) {
            if dot > 0.0 {
                let mut dot = dot;
                if let Some(s) = self.stories.get(&c) {
                    let time = pend[i as usize].time;
                    if let (Some(t), Some(last)) = (time, s.last_time) {
                        dot += self.time_bonus((t - last).abs()) * f64::from(s.active);
                    }
                    let members = self.sums.stories.get(&c).map_or(0, |m| m.ev_members);
                    let has_ev = !evs.get(i as usize).is_empty();
                    let both_dated = time.is_some() && s.last_time.is_some();
                    if has_ev && members > 0 && !both_dated {
                        dot *= self.event_factor_of(ev / f64::from(members));
                    }
                }
                out.push((i, c, dot));
            }
        }
        out
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
            article.lang.as_deref(),
            self.cfg.max_text_bytes,
            kinds,
            &mut self.scratch,
        );
        let raw = std::mem::take(&mut self.scratch.feats);
        let lower = std::mem::take(&mut self.scratch.lower_words);
        self.count_df(&raw, &lower);
        self.scratch.feats = raw;
        self.scratch.lower_words = lower;
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

    /// Places one article (a batch of one: it joins the story it matches
    /// best on average, or starts one).
    pub(crate) fn add(&mut self, article: &Article, group: Option<&GroupId>) -> StoryAssignment {
        let mut out = self.add_chunk(&[(article, group)]);
        out.pop().unwrap_or_else(|| StoryAssignment {
            id: article.id.clone(),
            story: StoryId::new(article.id.as_str()),
            thread: ThreadId::new(article.id.as_str()),
        })
    }

    /// Places a chunk of articles, given in publication order, at once.
    ///
    /// The chunk's articles and the active stories form one graph: an edge
    /// joins two articles of the chunk that are among each other's likely
    /// neighbours (shared strongest terms) with their cosine, and an article
    /// and a story with the article's total similarity to the story. Pairs of
    /// dated articles further apart than the window get no edge. Copies of
    /// one article are joined first. Average-link clustering
    /// ([`hac::average_link`]) then merges while the average link reaches the
    /// threshold; active stories are fixed, so no past decision changes; an
    /// article left alone then joins its clear best new cluster of the chunk
    /// if the link is close enough (`attach_threshold`, `attach_margin`). A
    /// cluster with a story continues it; any other starts a story named after
    /// its first article.
    pub(crate) fn add_chunk(
        &mut self,
        arts: &[(&Article, Option<&GroupId>)],
    ) -> Vec<StoryAssignment> {
        let kinds = KindWeights {
            name: 1.0,
            phrase: self.cfg.phrase_weight,
            number: 1.0,
        };
        // Features and document frequencies of the whole chunk first. Each
        // distinct term of the chunk gets a chunk-local number, so that its
        // document frequency is looked up once per chunk and the chunk's
        // dot products run over dense arrays.
        let mut pend: Vec<Pending> = Vec::with_capacity(arts.len());
        let mut bufs = std::mem::take(&mut self.chunk);
        let ChunkBufs {
            ids,
            terms,
            holders,
            lowers,
            evs,
            counts,
            idf: chunk_idf,
            ..
        } = &mut bufs;
        ids.clear();
        terms.clear();
        holders.clear();
        lowers.clear();
        // Sized for a typical article's distinct terms, so that it rarely grows.
        ids.reserve(arts.len().saturating_mul(16));
        for &(a, g) in arts {
            features::extract(
                a.title.as_deref().unwrap_or(""),
                &a.text,
                a.lang.as_deref(),
                self.cfg.max_text_bytes,
                kinds,
                &mut self.scratch,
            );
            let raw = self.scratch.feats.clone();
            self.seq = self.seq.wrapping_add(1);
            // `raw` and `lower_words` are both sorted by hash: one walk
            // finds the words written in lower case.
            let lower = &self.scratch.lower_words;
            let mut l = 0;
            let tid = raw
                .iter()
                .map(|&(h, _)| {
                    let t = *ids.entry(h).or_insert_with(|| {
                        terms.push(h);
                        holders.push(0);
                        lowers.push(0);
                        u32::try_from(terms.len() - 1).unwrap_or(u32::MAX)
                    });
                    if let Some(c) = holders.get_mut(t as usize) {
                        *c = c.saturating_add(1);
                    }
                    while l < lower.len() && lower[l] < h {
                        l += 1;
                    }
                    if lower.get(l) == Some(&h) {
                        if let Some(c) = lowers.get_mut(t as usize) {
                            *c = c.saturating_add(1);
                        }
                    }
                    t
                })
                .collect();
            pend.push(Pending {
                seq: self.seq,
                days: features::weekdays(
                    a.title.as_deref().unwrap_or(""),
                    &a.text,
                    self.cfg.weekday_lead_bytes,
                ),
                time: a.date.as_deref().and_then(parse_days),
                soft: a.date_source == Some(DateSource::Text),
                gkey: g.map(group_key),
                raw,
                tid,
                query: Vec::new(),
                top: Vec::new(),
                top_tid: Vec::new(),
            });
        }
        // Document frequencies, and the ones every term has once the chunk
        // is counted (what `weigh` would look up term by term). Nothing
        // reads them between articles, so the chunk is counted term by term
        // (one lookup per distinct term) unless the table could outgrow
        // `max_df_terms` within the chunk: then article by article, pruning
        // where the article-by-article count prunes.
        counts.clear();
        if self.df.len().saturating_add(terms.len()) <= self.cfg.max_df_terms {
            self.n_docs = self.n_docs.saturating_add(pend.len() as u64);
            counts.extend(terms.iter().zip(holders.iter().zip(lowers.iter())).map(
                |(&h, (&n, &l))| {
                    let c = self.df.entry(h).or_insert((0, 0));
                    c.0 = c.0.saturating_add(n);
                    c.1 = c.1.saturating_add(l);
                    *c
                },
            ));
        } else {
            // The lower-case counts are added once the article-by-article
            // count is done, to the terms it kept.
            for p in &pend {
                self.count_df(&p.raw, &[]);
            }
            counts.extend(terms.iter().zip(lowers.iter()).map(
                |(h, &l)| match self.df.get_mut(h) {
                    Some(c) => {
                        c.1 = c.1.saturating_add(l);
                        *c
                    }
                    None => (0, 0),
                },
            ));
        }
        self.maybe_refresh();
        // The IDF of each chunk term, computed once, and whether it is an
        // event word.
        chunk_idf.clear();
        chunk_idf.extend(
            terms
                .iter()
                .zip(counts.iter())
                .map(|(&h, &(docs, lower))| (self.idf_of(docs), Self::is_event(h, docs, lower))),
        );
        evs.clear();
        // Positions in the query of the article's event words.
        let mut ev_pos: Vec<u32> = Vec::new();
        let k = self.cfg.candidate_terms.max(1);
        // A term's rank orders by weight, highest first (`f32::total_cmp`
        // order), then by hash, lowest first: a query is in hash order, so
        // that is its position in the query, lowest first.
        let rank = |x: usize, w: f32| heaviest_first(w, x as u32);
        let mut ranked: Vec<u64> = Vec::new();
        // A chunk term's IDF and event flag, by chunk-local number (every
        // number of the chunk is in `chunk_idf`; the fallback is the IDF of
        // an unseen term).
        let unseen = (self.idf_of(0), false);
        let idf_event = |t: u32| chunk_idf.get(t as usize).copied().unwrap_or(unseen);
        for p in &mut pend {
            ev_pos.clear();
            for (x, &t) in p.tid.iter().enumerate() {
                if idf_event(t).1 {
                    ev_pos.push(x as u32);
                }
            }
            let mut q = Vec::new();
            let tid = &p.tid;
            self.weigh(
                &p.raw,
                |i| tid.get(i).map_or(unseen.0, |&t| idf_event(t).0),
                &mut q,
            );
            // The `k` strongest terms, in the order of `q` (by hash).
            // Positions are distinct within a query, so the rank is a total
            // order: the set kept is the same whatever the selection
            // algorithm, and exactly `k` ranks are at most the k-th.
            let kth = if q.len() > k {
                ranked.clear();
                ranked.extend(q.iter().enumerate().map(|(x, e)| rank(x, e.1)));
                ranked.select_nth_unstable(k - 1).1.to_owned()
            } else {
                u64::MAX
            };
            let mut top = Vec::with_capacity(k.min(q.len()));
            let mut top_tid = Vec::with_capacity(k.min(q.len()));
            for (x, (e, &t)) in q.iter().zip(&p.tid).enumerate() {
                if rank(x, e.1) <= kth {
                    top.push(*e);
                    top_tid.push(t);
                }
            }
            p.top = top;
            p.top_tid = top_tid;
            // The event words, normalised on their own.
            evs.push_normalised(ev_pos.iter().filter_map(|&x| {
                let x = x as usize;
                Some((*p.tid.get(x)?, q.get(x)?.1))
            }));
            p.query = q;
        }
        let n_terms = terms.len();
        let latest = pend.iter().filter_map(|p| p.time).reduce(f64::max);
        // Let the window catch up with the chunk's first date.
        if let Some(t) = pend.iter().find_map(|p| p.time) {
            self.clock = Some(self.clock.map_or(t, |c| c.max(t)));
        }
        self.evict();

        let n = pend.len();
        let mut nodes: Vec<hac::Node> = pend
            .iter()
            .map(|p| hac::Node {
                size: 1.0,
                fixed: false,
                span: p.cut_time().map(|t| (t, t)),
            })
            .collect();
        let mut story_node: Map<u64, u32> = Map::default();
        let mut node_story: Vec<u64> = Vec::new();
        let mut edges = std::mem::take(&mut bufs.edges);
        edges.clear();
        let mut must: Vec<(u32, u32)> = Vec::new();
        // A story's span is its latest stated date (`Story::last_cut`): a
        // cluster joins it only within the window of that (as `story_cands`
        // asks of one article).
        let node_of = |key: u64,
                       story: Option<&Story>,
                       nodes: &mut Vec<hac::Node>,
                       story_node: &mut Map<u64, u32>,
                       node_story: &mut Vec<u64>|
         -> u32 {
            *story_node.entry(key).or_insert_with(|| {
                nodes.push(hac::Node {
                    size: story.map_or(0.0, |s| f64::from(s.active)),
                    fixed: true,
                    span: story.and_then(|s| s.last_cut).map(|t| (t, t)),
                });
                node_story.push(key);
                u32::try_from(nodes.len() - 1).unwrap_or(u32::MAX)
            })
        };
        // Article-to-story edges.
        // Each article's weighed terms and strongest terms, by chunk-local number.
        bufs.local
            .fill(pend.iter().map(|p| (p.tid.as_slice(), p.query.as_slice())));
        bufs.tops.fill(
            pend.iter()
                .map(|p| (p.top_tid.as_slice(), p.top.as_slice())),
        );
        let (local, tops, terms, evs) = (&bufs.local, &bufs.tops, &bufs.terms, &bufs.evs);
        for (i, key, dot) in self.story_links(&pend, local, terms, evs, &mut bufs.links) {
            let story = self.stories.get(&key);
            let node = node_of(key, story, &mut nodes, &mut story_node, &mut node_story);
            edges.push((i, node, dot));
        }
        // Copies: joined to their group's story, or to the group's first
        // member in this chunk.
        let mut first_of_group: Map<u64, u32> = Map::default();
        for (i, p) in pend.iter().enumerate() {
            let Some(g) = p.gkey else { continue };
            if let Some(e) = self.groups.get(&g) {
                let story = self.stories.get(&e.story);
                let node = node_of(e.story, story, &mut nodes, &mut story_node, &mut node_story);
                must.push((i as u32, node));
            } else {
                let f = *first_of_group.entry(g).or_insert(i as u32);
                if f != i as u32 {
                    must.push((f, i as u32));
                }
            }
        }
        // Article-to-article edges: each article against earlier ones of the
        // chunk that share its strongest terms (recent postings only).
        let lists = Lists { local, tops, evs };
        self.chunk_edges(&pend, lists, n_terms, &mut bufs.near, &mut edges);

        snn::reinforce(
            &nodes,
            &mut edges,
            self.cfg.snn_neighbours,
            f64::from(self.cfg.snn_mix),
            f64::from(self.cfg.snn_floor),
        );
        let names: Vec<Vec<u64>> = pend
            .iter()
            .map(|p| {
                p.raw
                    .iter()
                    .map(|f| f.0)
                    .filter(|&h| h & 3 == features::GROUP_NAME)
                    .collect()
            })
            .collect();
        let reps = hac::average_link(
            &nodes,
            &must,
            &edges,
            f64::from(self.cfg.threshold),
            hac::Attach {
                threshold: f64::from(self.cfg.attach_threshold),
                margin: f64::from(self.cfg.attach_margin),
                names: &names,
            },
            self.max_gap(),
        );
        bufs.edges = edges;
        self.chunk = bufs;
        let mut rep_story: Map<u32, u64> = Map::default();
        for (j, &key) in node_story.iter().enumerate() {
            if let Some(&r) = reps.get(n + j) {
                rep_story.insert(r, key);
            }
        }

        let mut out = Vec::with_capacity(n);
        let mut placed: Vec<(u64, bool)> = Vec::with_capacity(n);
        for (i, (p, &(article, _))) in pend.into_iter().zip(arts).enumerate() {
            let rep = reps.get(i).copied().unwrap_or(i as u32);
            let story_key = match rep_story.get(&rep) {
                Some(&key) => {
                    if !self.stories.contains_key(&key) {
                        // A copy group's story that has left the window is
                        // revived under its old ids.
                        if let Some(g) = p.gkey.and_then(|g| self.groups.get(&g)) {
                            let s = Story {
                                id: g.story_id.clone(),
                                thread: g.thread,
                                thread_id: g.thread_id.clone(),
                                active: 0,
                                last_time: None,
                                last_cut: None,
                            };
                            self.stories.insert(key, s);
                        }
                    }
                    self.touch_thread_of(key, p.time);
                    key
                }
                None => {
                    let key = p.seq;
                    self.query.clone_from(&p.query);
                    let (thread, thread_id) = match self.best_thread(p.time) {
                        Some(k) => {
                            let id = self.threads.get(&k).map(|t| t.id.clone());
                            (k, id.unwrap_or_else(|| ThreadId::new(article.id.as_str())))
                        }
                        None => {
                            let id = ThreadId::new(article.id.as_str());
                            self.threads.insert(
                                key,
                                Thread {
                                    id: id.clone(),
                                    profile: Vec::new(),
                                    norm: 0.0,
                                    last_time: p.time,
                                    last_touch: key,
                                    version: 0,
                                },
                            );
                            (key, id)
                        }
                    };
                    self.feed_thread(thread, p.time);
                    self.stories.insert(
                        key,
                        Story {
                            id: StoryId::new(article.id.as_str()),
                            thread,
                            thread_id,
                            active: 0,
                            last_time: None,
                            last_cut: None,
                        },
                    );
                    rep_story.insert(rep, key);
                    key
                }
            };
            placed.push((story_key, p.time.is_some()));
            out.push(self.settle(article, p, story_key, i));
        }
        // Sums of the placed articles, then the window moves on: story by
        // story, each story's placed members in arrival order, then its
        // leaving members in leaving order. Every sum sees the additions
        // and subtractions of adding everything and then evicting (each
        // story's sums are its own), with the story's sums in cache once.
        // Nothing reads the sums between `settle` and here.
        let (mut nd, mut nu) = (self.dated.arts.len(), self.undated.arts.len());
        // (story, leaving, dated, index in its window)
        let mut ops: Vec<(u64, bool, bool, usize)> = Vec::with_capacity(2 * placed.len());
        for &(story, dated) in placed.iter().rev() {
            if dated {
                nd -= 1;
                ops.push((story, false, true, nd));
            } else {
                nu -= 1;
                ops.push((story, false, false, nu));
            }
        }
        ops.reverse();
        if let Some(t) = latest {
            self.clock = Some(self.clock.map_or(t, |c| c.max(t)));
        }
        let (gone_dated, gone_undated) = self.leaving();
        for i in 0..gone_dated {
            let story = self.dated.arts.get(i).map_or(0, |a| a.story);
            ops.push((story, true, true, i));
        }
        for i in 0..gone_undated {
            let story = self.undated.arts.get(i).map_or(0, |a| a.story);
            ops.push((story, true, false, i));
        }
        ops.sort_by_key(|e| (e.0, e.1));
        for (story, leaving, dated, i) in ops {
            let win = if dated { &self.dated } else { &self.undated };
            if let Some(a) = win.arts.get(i) {
                let sign = if leaving { -1.0 } else { 1.0 };
                self.sums.add(story, &a.feats, sign);
                if leaving {
                    self.release(story);
                }
            }
        }
        self.dated
            .arts
            .drain(..gone_dated.min(self.dated.arts.len()));
        self.undated
            .arts
            .drain(..gone_undated.min(self.undated.arts.len()));
        self.evict_threads();
        out
    }

    /// How many articles [`Self::evict`] would take from the front of the
    /// dated and the undated window.
    fn leaving(&self) -> (usize, usize) {
        let mut dated = 0;
        let n = self.dated.arts.len();
        if let Some(now) = self.clock {
            let window = f64::from(self.cfg.window_days);
            let max = self.cfg.max_dated.max(1);
            while dated < n
                && (self.dated.arts[dated]
                    .time
                    .is_some_and(|t| t < now - window)
                    || n - dated >= max)
            {
                dated += 1;
            }
        }
        let n = self.undated.arts.len();
        let max = self.cfg.max_undated.max(1);
        let undated = if n >= max { n - max + 1 } else { 0 };
        (dated, undated)
    }

    /// Records a placed article: story counts, copy group, window and sums.
    fn settle(
        &mut self,
        article: &Article,
        p: Pending,
        story_key: u64,
        index: usize,
    ) -> StoryAssignment {
        let (story_id, thread, thread_id) = match self.stories.get_mut(&story_key) {
            Some(s) => {
                s.active = s.active.saturating_add(1);
                if let Some(t) = p.time {
                    s.last_time = Some(s.last_time.map_or(t, |l| l.max(t)));
                }
                if let Some(t) = p.cut_time() {
                    s.last_cut = Some(s.last_cut.map_or(t, |l| l.max(t)));
                }
                (s.id.clone(), s.thread, s.thread_id.clone())
            }
            None => (
                StoryId::new(article.id.as_str()),
                p.seq,
                ThreadId::new(article.id.as_str()),
            ),
        };
        if let Some(g) = p.gkey {
            self.groups.insert(
                g,
                GroupEntry {
                    story: story_key,
                    story_id: story_id.clone(),
                    thread,
                    thread_id: thread_id.clone(),
                    touch: p.seq,
                },
            );
            if self.groups.len() > self.cfg.max_groups {
                let mut touches: Vec<u64> = self.groups.values().map(|e| e.touch).collect();
                touches.sort_unstable();
                let cut = touches[touches.len() / 2];
                self.groups.retain(|_, e| e.touch > cut);
            }
        }
        // `raw` and `top` are both sorted by hash: one walk marks the top
        // terms. The event words (this article's list in the chunk, index
        // `index`) follow the order of `raw` too.
        let ev = self.chunk.evs.get(index);
        let (mut t, mut k) = (0, 0);
        let feats: Vec<Feat> = p
            .raw
            .iter()
            .zip(&p.query)
            .zip(&p.tid)
            .map(|((&(h, r), &(_, w)), &tid)| {
                while t < p.top.len() && p.top[t].0 < h {
                    t += 1;
                }
                let mut e = 0.0;
                if ev.get(k).is_some_and(|x| x.0 == tid) {
                    e = ev[k].1;
                    k += 1;
                }
                Feat {
                    h,
                    raw: r,
                    w,
                    top: p.top.get(t).is_some_and(|e| e.0 == h),
                    ev: e,
                }
            })
            .collect();
        let stored = Stored {
            seq: p.seq,
            weighed: self.n_docs,
            slot: 0,
            time: p.time,
            story: story_key,
            feats,
        };
        // The story's sums are added by the caller (`add_chunk`), story by story.
        if p.time.is_some() {
            self.dated.push(stored);
        } else {
            self.undated.push(stored);
        }
        StoryAssignment {
            id: article.id.clone(),
            story: story_id,
            thread: thread_id,
        }
    }

    /// Cosine edges between the chunk's articles: each article is scored
    /// against the `neighbours` earlier articles of the chunk that share the
    /// most query weight on its strongest terms (each term's posting list
    /// keeps its `max_postings` most recent articles), so the cost is linear
    /// in the chunk. Dated pairs further apart than the window get no edge.
    fn chunk_edges(
        &self,
        pend: &[Pending],
        lists: Lists,
        n_terms: usize,
        bufs: &mut NearBufs,
        edges: &mut Vec<(u32, u32, f64)>,
    ) {
        let NearBufs {
            dense,
            start,
            fill,
            post,
            acc,
            dense_ev,
        } = bufs;
        let Lists { local, tops, evs } = lists;
        let n = pend.len();
        let cap = self.cfg.max_postings.max(1);
        let keep = self.cfg.neighbours.max(1);
        let window = f64::from(self.cfg.window_days);
        // Over chunk-local term numbers, a dot product becomes a scatter of
        // one vector into a dense array and a gather over the other, with
        // no branching merge. Products and their order (the neighbour's
        // terms, by hash) are those of a merge; unshared terms add an exact
        // zero.
        dense.clear();
        dense.resize(n_terms, 0.0);
        dense_ev.clear();
        dense_ev.resize(n_terms, 0.0);
        // Posting lists side by side in one array, each sized beforehand
        // (its term's count among the strongest terms) and filled in
        // arrival order: the `max_postings` most recent holders of a term
        // are the last ones of its filled part, read in one run.
        // (Each article's weight sums over the terms in query order,
        // whatever the order of the walk, and `touched` is ranked by a total
        // order, so the ranking is unchanged.)
        start.clear();
        start.resize(n_terms + 1, 0);
        for &(t, _) in &tops.items {
            if let Some(c) = start.get_mut(t as usize + 1) {
                *c += 1;
            }
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        fill.clear();
        fill.resize(n_terms, 0);
        post.clear();
        post.resize(start.last().map_or(0, |&e| e as usize), 0);
        acc.clear();
        acc.resize(n, 0.0);
        let mut touched: Vec<u32> = Vec::new();
        let mut best: Vec<u64> = Vec::new();
        let mut near: Vec<u32> = Vec::new();
        let mut dots: Vec<f64> = Vec::new();
        for (i, p) in pend.iter().enumerate() {
            touched.clear();
            for &(t, qw) in tops.get(i) {
                let (Some(&s), Some(&f)) = (start.get(t as usize), fill.get(t as usize)) else {
                    continue;
                };
                let (s, f) = (s as usize, f as usize);
                let recent = post.get(s + f.saturating_sub(cap)..s + f).unwrap_or(&[]);
                for &j in recent {
                    let a = &mut acc[j as usize];
                    if *a == 0.0 {
                        touched.push(j);
                    }
                    *a += qw.max(f32::MIN_POSITIVE);
                }
            }
            // Ranked by shared weight, highest first (`f32::total_cmp`
            // order), then by article, first first: as one integer.
            best.clear();
            best.extend(touched.iter().map(|&j| heaviest_first(acc[j as usize], j)));
            for &j in &touched {
                acc[j as usize] = 0.0;
            }
            if best.len() > keep {
                best.select_nth_unstable(keep - 1);
                best.truncate(keep);
            }
            // By article.
            best.sort_unstable_by_key(|&e| e as u32);
            for &(t, w) in local.get(i) {
                dense[t as usize] = f64::from(w);
            }
            near.clear();
            near.extend(best.iter().map(|&e| e as u32).filter(|&j| {
                match (p.cut_time(), pend[j as usize].cut_time()) {
                    (Some(a), Some(b)) => (a - b).abs() <= window,
                    _ => true,
                }
            }));
            // The event-word vector is only read for a pair not both dated
            // (see `event_factor`).
            let ev_i = evs.get(i);
            let scatter_ev = !ev_i.is_empty()
                && near
                    .iter()
                    .any(|&j| p.time.is_none() || pend[j as usize].time.is_none());
            if scatter_ev {
                for &(t, w) in ev_i {
                    dense_ev[t as usize] = w;
                }
            }
            dots.clear();
            let mut rest = &near[..];
            while rest.len() >= 4 {
                let l = |x: usize| local.get(rest[x] as usize);
                dots.extend(gather4([l(0), l(1), l(2), l(3)], dense));
                rest = &rest[4..];
            }
            for &j in rest {
                dots.push(dot(local.get(j as usize), dense));
            }
            for (&j, &d) in near.iter().zip(&dots) {
                if d > 0.0 {
                    let mut d = d;
                    if let (Some(a), Some(b)) = (p.time, pend[j as usize].time) {
                        d += self.time_bonus((a - b).abs());
                    }
                    let o = &pend[j as usize];
                    let both_dated = p.time.is_some() && o.time.is_some();
                    d *= self.day_factor(p.days, o.days, both_dated);
                    d *= self.event_factor(evs.get(j as usize), evs.get(i), dense_ev, both_dated);
                    edges.push((j, i as u32, d));
                }
            }
            for &(t, _) in local.get(i) {
                dense[t as usize] = 0.0;
            }
            if scatter_ev {
                for &(t, _) in ev_i {
                    dense_ev[t as usize] = 0.0;
                }
            }
            for &(t, _) in tops.get(i) {
                let t = t as usize;
                if let (Some(&s), Some(f)) = (start.get(t), fill.get_mut(t)) {
                    if let Some(slot) = post.get_mut(s as usize + *f as usize) {
                        *slot = i as u32;
                        *f += 1;
                    }
                }
            }
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
            last_point: self.last_point,
            clock: self.clock,
            df: sorted(&self.df),
            dated: self.dated.arts.iter().cloned().collect(),
            undated: self.undated.arts.iter().cloned().collect(),
            stories: sorted(&self.stories),
            threads: sorted(&self.threads),
            thread_queue: self.thread_queue.iter().copied().collect(),
            groups: sorted(&self.groups),
            sums: {
                let mut v: Vec<(u64, u32, SavedSum)> = self
                    .sums
                    .stories
                    .iter()
                    .map(|(&k, m)| {
                        let mut t: SavedSum = m
                            .terms
                            .iter()
                            .filter(|e| e.1 .1 > 0)
                            .map(|(&h, &(w, n, t, ev))| (h, w, n, t, ev))
                            .collect();
                        t.sort_unstable_by_key(|e| e.0);
                        (k, m.ev_members, t)
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
        e.last_point = s.last_point;
        e.clock = s.clock;
        e.df = s.df.into_iter().collect();
        e.dated.arts = s.dated.into();
        e.undated.arts = s.undated.into();
        e.dated.next_slot = e.dated.arts.back().map_or(0, |a| a.slot + 1);
        e.undated.next_slot = e.undated.arts.back().map_or(0, |a| a.slot + 1);
        for (k, ev_members, v) in s.sums {
            for t in v.iter().filter(|t| t.3 > 0) {
                post_add(&mut e.sums.post, t.0, k);
            }
            let terms: Map<u64, (f64, u32, u32, f32)> = v
                .into_iter()
                .map(|(h, w, n, t, ev)| (h, (w, n, t, ev)))
                .collect();
            let live = terms.values().filter(|e| e.1 > 0).count();
            e.sums.stories.insert(
                k,
                StorySum {
                    dead: terms.len() - live,
                    terms,
                    ev_members,
                    live,
                },
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

#[cfg(test)]
mod tests {
    use super::*;

    fn article(i: usize, day: usize) -> Article {
        let mut a = Article::from_text(
            format!("a{i}"),
            format!(
                "Mayor Quentin Arbogast of Velmora spoke about item {i} and harbour number {day}."
            ),
        );
        a.date = Some(format!("2024-{:02}-{:02}", 1 + day / 28, 1 + day % 28));
        a
    }

    /// The `weighed` mark of every active article, oldest first.
    fn marks(e: &Engine) -> Vec<u64> {
        e.dated.arts.iter().map(|a| a.weighed).collect()
    }

    #[test]
    fn four_dot_products_side_by_side_equal_each_alone() {
        // Lists of unequal lengths (the rest of each walked alone), a term
        // past the dense array's end (reads 0), weights of mixed sign.
        let dense: Vec<f64> = (0..10).map(|k| f64::from(k as f32 * 0.37 - 1.1)).collect();
        let lists: [Vec<(u32, f32)>; 4] = [
            vec![(0, 0.5), (3, -1.25), (9, 2.0)],
            vec![(1, 1e-3), (2, 7.5), (4, 0.1), (8, -0.3), (12, 5.0)],
            vec![],
            vec![(5, 0.25), (6, 0.125)],
        ];
        let got = gather4([&lists[0], &lists[1], &lists[2], &lists[3]], &dense);
        for (r, l) in lists.iter().enumerate() {
            let mut want = 0f64;
            for &(t, w) in l {
                want += dense.get(t as usize).copied().unwrap_or(0.0) * f64::from(w);
            }
            assert_eq!(got[r].to_bits(), want.to_bits(), "list {r}");
            assert_eq!(dot(l, &dense).to_bits(), want.to_bits(), "list {r}");
        }
        assert_eq!(got[2], 0.0);
    }

    #[test]
    fn event_words_are_the_words_mostly_written_in_lower_case() {
        let mut e = Engine::new(StoryConfig::default());
        for (id, text) in [
            ("a", "Obama named Sanjay Gupta surgeon general."),
            (
                "b",
                "Sanjay Gupta may be the next surgeon general, says Obama.",
            ),
            ("c", "Obama to Name Dr. Sanjay Gupta Surgeon General"),
        ] {
            e.add(&Article::from_text(id, text), None);
        }
        let word = crate::features::word_hash;
        let count = |h: u64| e.df.get(&h).copied().unwrap_or((0, 0));
        // "surgeon": in all three, lower case in two (2 x 2 >= 3): an event
        // word, even in "c", which capitalises it.
        assert_eq!(count(word("surgeon")), (3, 2));
        assert!(Engine::is_event(word("surgeon"), 3, 2));
        // "gupta": never lower case. "name" (capitalised in "c" only): never
        // lower case here either; one document of two would be enough.
        assert_eq!(count(word("gupta")), (3, 0));
        assert!(!Engine::is_event(word("gupta"), 3, 0));
        assert_eq!(count(word("name")), (1, 0));
        assert!(Engine::is_event(word("name"), 2, 1));
        // Once of three is not; names and numbers never are.
        assert!(!Engine::is_event(word("surgeon"), 3, 1));
        assert!(!Engine::is_event(crate::features::name_hash("gupta"), 3, 3));
        // The counts are saved and loaded with the rest of the state.
        let again = Engine::from_state(e.to_state());
        assert_eq!(again.df.get(&word("surgeon")), Some(&(3, 2)));
    }

    #[test]
    fn a_young_collection_reweighs_its_first_articles() {
        let mut e = Engine::new(StoryConfig::default());
        for i in 0..20 {
            e.add(&article(i, 0), None);
        }
        // All on one day: all active. The refresh points are at 1, 2, 3, 4,
        // 5, 6, 7, 8, 10, 12, 15 and 18 documents (each a quarter past the
        // one before), and each re-weighs: the first article always predates
        // the previous point. So it was last weighed at 18, not left at 1.
        let m = marks(&e);
        assert_eq!(m.len(), 20);
        assert_eq!(m[0], 18, "{m:?}");
        assert_eq!(m[19], 20);
    }

    #[test]
    fn an_old_collection_beyond_its_window_is_not_reweighed() {
        let cfg = StoryConfig {
            window_days: 1.0,
            ..StoryConfig::default()
        };
        let mut e = Engine::new(cfg);
        // 20 days of 5 articles: the window holds the last day or two, a
        // small part of the collection, so every active article keeps the
        // weights it got on arrival.
        for day in 0..20 {
            for k in 0..5 {
                e.add(&article(day * 5 + k, day), None);
            }
        }
        let m = marks(&e);
        assert!(!m.is_empty() && m.len() <= 10, "{m:?}");
        let first = 100 - m.len() as u64 + 1;
        let arrival: Vec<u64> = (first..=100).collect();
        assert_eq!(m, arrival);
    }
}
