//! crossread's stories stage: which articles report the same event (a
//! **story**) and which stories belong to the same ongoing topic (a
//! **thread**), computed online.
//!
//! [`StoryEngine`] takes articles one at a time in publication order and
//! assigns each a story and a thread at once, never revisiting the past: a
//! later batch extends the stories of an earlier one when the engine's state
//! is [saved](StoryEngine::save) and [loaded](StoryEngine::load) in between.
//! [`cluster`] is the one-shot form: it orders a batch, runs a fresh engine
//! and returns the assignments in input order.
//!
//! How articles are placed (a chunk of [`StoryConfig::chunk_articles`] at a
//! time; [`StoryEngine::add`] is a chunk of one):
//! - copies (a shared copy group) are always one story, and a copy of an
//!   article placed earlier joins that article's story;
//! - each article is compared, by cosine of TF-IDF vectors over words, names
//!   (capitalised spans, acronyms) and numbers of its title and lead, with
//!   the other articles of its chunk and the stories that still have members
//!   in the active time window; average-link clustering then merges while
//!   the average cosine between two clusters reaches
//!   [`StoryConfig::threshold`]. Stories from earlier chunks are fixed: an
//!   article may join one, but two of them never merge. Two dated articles
//!   more than [`StoryConfig::window_days`] apart are never linked. Only a
//!   date the input or the page's markup states counts here: a date read
//!   from the prose ([`DateSource::Text`](crossread_core::DateSource), a
//!   dateline) orders the article and adds the time bonus, but never keeps
//!   two articles apart, since a follow-up days or weeks later is often the
//!   same event (a story of an earlier chunk is held to its latest stated
//!   date, and still leaves the active window `window_days` after its
//!   latest date, whatever the source);
//! - two reports of one chunk, not both dated, count less when their leads
//!   name days of the week but none in common
//!   ([`StoryConfig::weekday_factor`]), or when both use event words (words
//!   the collection mostly writes in lower case: "vote", "suspended", not
//!   "Scully" or "Senate") but share almost none of them
//!   ([`StoryConfig::event_factor`], also on an article's link to a story
//!   of an earlier chunk, by its average over the story's members): two
//!   events of one ongoing topic share every name and differ in what
//!   happened;
//! - a cluster without an earlier story starts one, and that story joins the
//!   thread whose profile it matches best (over
//!   [`StoryConfig::thread_window_days`]), or starts a thread.
//!
//! Story and thread ids are the id of their first article, so they are
//! stable across runs over the same input. Document frequencies are counted
//! online; no model or table is downloaded or shipped.
//!
//! This crate does NOT order articles for [`StoryEngine::add`] (the caller
//! does), read files, detect copies (the copies stage does), or merge
//! stories of earlier chunks after the fact.
#![deny(missing_docs)]

mod date;
mod engine;
mod features;
mod hac;
mod snn;

use crossread_core::{Article, GroupId, StoryAssignment};
use serde::{Deserialize, Serialize};

/// The general parameters of the clusterer.
///
/// `name_mix` and `number_mix` (and the lead length and phrase weight) were
/// chosen by pairwise F1 on the ECB+ training split only (`number_mix` was
/// re-chosen there after the shared-neighbour step: 0.15 -> 0.3). `threshold`,
/// `mix_shrink`, `idf_prior_docs` and `neighbours` were compared on that split (full texts and texts cut to a
/// 400-byte lead); it cannot tell thresholds 0.2-0.25 apart, and the middle
/// value was taken after the dev sets showed the trade-off (long dated
/// articles prefer the low end, short undated leads the high end; the
/// evaluation prints the dev figures at both ends). `time_bonus` was set on
/// the BASIL dev set (the one fully dated set; both halves of it gain).
/// `weekday_factor` and `event_factor` came from AllSides' errors (two
/// events of one topic in one story) and were kept because they raise or
/// hold every set, both hash halves of each, and the tuning split; the
/// evaluation (`examples/eval.rs`) gives the figures.
/// `window_days` is the top
/// of published field experience (1-3 days); `thread_threshold` was set so
/// that the five seed pages share a thread (no thread benchmark exists); the
/// candidate counts trade speed for no loss on the training split; the
/// `max_*` caps bound memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryConfig {
    /// Minimum average link (mean cosine over all article pairs, a story's
    /// active members included) for two clusters to merge.
    pub threshold: f32,
    /// Two dated articles further apart than this (days) are never
    /// compared; dated articles leave the window this long after the latest
    /// date seen. An article whose date was read from its prose
    /// ([`DateSource::Text`](crossread_core::DateSource)) is not kept apart
    /// by it (it still gets the time bonus).
    pub window_days: f32,
    /// Share of the similarity given to names (capitalised words, acronyms,
    /// multi-word names), each group being normalised on its own.
    pub name_mix: f32,
    /// Added to the cosine of two dated articles that share some content,
    /// falling linearly from this value on the same day to 0 at the window's
    /// edge: publication close in time is evidence of one event.
    pub time_bonus: f32,
    /// Shrinks the name and number shares for articles with few of them: a
    /// group of `n` features gets its share times `n / (n + mix_shrink)`.
    pub mix_shrink: f32,
    /// Weight of a multi-word name ("Lindsay Lohan") against one name token.
    pub phrase_weight: f32,
    /// Share of the similarity given to numbers of two or more characters.
    pub number_mix: f32,
    /// Background articles assumed, none of them holding any term, when
    /// computing IDF: while the collection is small, a term shared by many
    /// of its articles keeps a high weight (a story's own name in a corpus
    /// made of that story); once the collection is much larger, it fades.
    pub idf_prior_docs: f32,
    /// Bytes of the body read after the title (the lead); the rest is ignored.
    pub max_text_bytes: usize,
    /// How many of an article's strongest terms are used to find candidate
    /// stories (which are then scored over all its terms).
    pub candidate_terms: usize,
    /// How many stories, ranked by their average link over those strongest
    /// terms, are scored exactly.
    pub candidate_stories: usize,
    /// Articles placed together: a chunk is clustered as a whole (average
    /// link among its articles and the active stories), so an article's
    /// story can be decided with the later articles of its chunk in view.
    pub chunk_articles: usize,
    /// Earlier articles of the chunk each article is scored against (those
    /// sharing the most weight on its strongest terms).
    pub neighbours: usize,
    /// Most recent articles kept per term when looking for neighbours.
    pub max_postings: usize,
    /// Nearest neighbours each article (or story) keeps for the shared-
    /// neighbour reinforcement of the chunk's graph (0: off).
    pub snn_neighbours: usize,
    /// Share of an edge's similarity given to the overlap (Jaccard) of its
    /// two ends' neighbour sets, each end counting itself.
    pub snn_mix: f32,
    /// Least similarity for a node to count as a neighbour.
    pub snn_floor: f32,
    /// An article that joined nothing in its chunk joins the cluster of two
    /// or more articles of the chunk it links to best on average, if that
    /// link reaches this (at or above `threshold`: off), and if it shares a
    /// name with one of the cluster's articles (when both have names) ...
    pub attach_threshold: f32,
    /// ... and is at least this many times its next best link.
    pub attach_margin: f32,
    /// Factor on the similarity of two reports, not both dated, whose
    /// leads name days of the week but no day in common (1: off).
    pub weekday_factor: f32,
    /// Bytes of the text (after the title) read for named days of the week.
    pub weekday_lead_bytes: usize,
    /// Factor on the similarity of two reports of one chunk, not both
    /// dated, that both use event words (words that at least half of the
    /// documents holding them write in lower case: what happened, not who)
    /// but whose event-word vectors (their weighed event words, normalised
    /// on their own) have a cosine under `event_floor` (1: off); and on an
    /// article's link to a story of an earlier chunk when its average
    /// event-word cosine with the story's members that have event words is
    /// under `event_floor` (not both dated).
    pub event_factor: f32,
    /// The event-word cosine under which `event_factor` applies.
    pub event_floor: f32,
    /// Minimum cosine between a new story's first article and a thread's
    /// profile for the story to join the thread.
    pub thread_threshold: f32,
    /// A thread that gained no story for this many days is closed.
    pub thread_window_days: f32,
    /// Most dated articles held in the window, whatever their dates.
    pub max_dated: usize,
    /// Most undated articles held (they leave oldest first).
    pub max_undated: usize,
    /// Most open threads (the least recently extended close first).
    pub max_threads: usize,
    /// Most terms in the document-frequency table (the rarest go first).
    pub max_df_terms: usize,
    /// Most copy groups remembered (the least recently seen go first).
    pub max_groups: usize,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.225,
            window_days: 3.0,
            name_mix: 0.35,
            mix_shrink: 5.0,
            time_bonus: 0.05,
            idf_prior_docs: 100.0,
            phrase_weight: 1.0,
            number_mix: 0.3,
            max_text_bytes: 4000,
            candidate_terms: 24,
            candidate_stories: 4,
            chunk_articles: 20_000,
            neighbours: 24,
            max_postings: 128,
            snn_neighbours: 5,
            snn_mix: 0.2,
            snn_floor: 0.2,
            attach_threshold: 0.1,
            attach_margin: 1.5,
            weekday_factor: 0.5,
            weekday_lead_bytes: 500,
            event_factor: 0.7,
            event_floor: 0.03,
            thread_threshold: 0.08,
            thread_window_days: 1100.0,
            max_dated: 200_000,
            max_undated: 100_000,
            max_threads: 100_000,
            max_df_terms: 2_000_000,
            max_groups: 1_000_000,
        }
    }
}

/// Why a saved state could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum StoriesError {
    /// The bytes do not start with the state's magic header.
    #[error("not a crossread stories state (bad magic)")]
    BadMagic,
    /// The state was written by a format version this build does not read.
    #[error(
        "stories state version {0} is not supported (this build reads version {STATE_VERSION})"
    )]
    UnsupportedVersion(u32),
    /// The payload is truncated or corrupt.
    #[error("corrupt stories state: {0}")]
    Corrupt(String),
}

const MAGIC: &[u8; 8] = b"XRSTORY\0";
/// Version of the saved state this build writes and reads. A state of an
/// older version cannot be loaded; its articles have to be placed again.
pub const STATE_VERSION: u32 = 8;

/// The online story and thread clusterer. See the crate documentation.
pub struct StoryEngine {
    inner: engine::Engine,
}

impl StoryEngine {
    /// An empty engine with this configuration.
    pub fn new(config: StoryConfig) -> Self {
        StoryEngine {
            inner: engine::Engine::new(config),
        }
    }

    /// The configuration in use (a loaded engine keeps the one it was saved with).
    pub fn config(&self) -> &StoryConfig {
        self.inner.config()
    }

    /// Places the next article, in publication order. `copy_group` is the
    /// article's group from the copies stage: a group that already has a
    /// story pulls the article into it.
    pub fn add(&mut self, article: &Article, copy_group: Option<&GroupId>) -> StoryAssignment {
        self.inner.add(article, copy_group)
    }

    /// The whole state (configuration, document frequencies, active window,
    /// open stories and threads, copy groups) as versioned bytes.
    pub fn save(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 << 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&STATE_VERSION.to_le_bytes());
        // Serialising plain structs into a Vec cannot fail; keep the header
        // alone (which `load` rejects as corrupt) should it ever.
        if let Ok(body) = postcard::to_allocvec(&self.inner.to_state()) {
            out.extend_from_slice(&body);
        }
        out
    }

    /// An engine restored from [`save`](Self::save)'s bytes; it continues
    /// exactly where the saved one stopped.
    pub fn load(bytes: &[u8]) -> Result<StoryEngine, StoriesError> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(StoriesError::BadMagic);
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(&bytes[8..12]);
        let version = u32::from_le_bytes(v);
        if version != STATE_VERSION {
            return Err(StoriesError::UnsupportedVersion(version));
        }
        let state: engine::State =
            postcard::from_bytes(&bytes[12..]).map_err(|e| StoriesError::Corrupt(e.to_string()))?;
        Ok(StoryEngine {
            inner: engine::Engine::from_state(state),
        })
    }

    /// Counts an article in the document frequencies without placing it in
    /// a story: warms a fresh engine with background articles (for example
    /// a store's earlier articles when no saved state exists).
    pub fn observe(&mut self, article: &Article) {
        self.inner.observe(article)
    }

    /// Adds a batch in publication order (an undated article keeps its place
    /// after the article before it in the input) and returns the assignments
    /// in the batch's own order, placing `chunk_articles` at a time (see
    /// [`StoryConfig::chunk_articles`]). This is how a later run extends saved state.
    pub fn add_batch(
        &mut self,
        articles: &[Article],
        groups: &[Option<GroupId>],
    ) -> Vec<StoryAssignment> {
        let mut out: Vec<Option<StoryAssignment>> = vec![None; articles.len()];
        let order = feed_order(articles);
        let step = self.inner.config().chunk_articles.max(1);
        for idx in order.chunks(step) {
            let chunk: Vec<(&Article, Option<&GroupId>)> = idx
                .iter()
                .map(|&i| (&articles[i], groups.get(i).and_then(|g| g.as_ref())))
                .collect();
            for (&i, a) in idx.iter().zip(self.inner.add_chunk(&chunk)) {
                out[i] = Some(a);
            }
        }
        out.into_iter().flatten().collect()
    }

    /// Articles currently held in the active windows.
    pub fn active_articles(&self) -> usize {
        self.inner.active_articles()
    }
}

/// Clusters a batch with a fresh engine and the default configuration.
/// `groups[i]` is `articles[i]`'s copy group (missing entries count as none).
/// Articles are fed by date; an undated article keeps its place after the
/// article before it in the input. Returns one assignment per article, in
/// input order.
pub fn cluster(articles: &[Article], groups: &[Option<GroupId>]) -> Vec<StoryAssignment> {
    cluster_with(StoryConfig::default(), articles, groups)
}

/// [`cluster`] with a given configuration.
pub fn cluster_with(
    config: StoryConfig,
    articles: &[Article],
    groups: &[Option<GroupId>],
) -> Vec<StoryAssignment> {
    StoryEngine::new(config).add_batch(articles, groups)
}

/// Input positions in feeding order: stable by date, an undated article
/// carrying the date of the nearest dated article before it in the input
/// (or sorting first when there is none).
fn feed_order(articles: &[Article]) -> Vec<usize> {
    let mut carried = f64::NEG_INFINITY;
    let mut keyed: Vec<(f64, usize)> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if let Some(t) = a.date.as_deref().and_then(date::parse_days) {
                carried = t;
            }
            (carried, i)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    keyed.into_iter().map(|e| e.1).collect()
}

#[cfg(test)]
mod tests;
