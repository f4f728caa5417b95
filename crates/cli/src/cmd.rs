//! One function per subcommand. Each returns an [`Outcome`] whose exit code the
//! binary reports; fatal errors are `Err` and exit 1.

use crate::pipeline::{extract_all, groups_of, ingest_batches, story_inputs, IngestStats};
use crate::progress::{bar, bytes};
use crate::{InputArgs, Stage};
use anyhow::{Context, Result};
use crossread_compare::{by_article, compare, render_terminal, ArticleComparison, StoryComparison};
use crossread_copies::CopiesConfig;
use crossread_core::{Article, ArticleId, Body, CopyRecord, Document};
use crossread_store::Store;
use crossread_stories::{StoriesError, StoryConfig, StoryEngine, STATE_VERSION};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

/// Bump when extraction changes what it produces: stored articles of an older
/// version are extracted again by the next `analyze`.
pub const EXTRACT_VERSION: i64 = 7;

/// Bump when the copies stage changes what it produces: stored copy records
/// are then computed again by the next `analyze`, even over the same articles.
pub const COPIES_VERSION: u32 = 2;

/// What the copies stage reads, hashed: [`COPIES_VERSION`] and every article
/// (all its fields, in store order); and the same over the articles for which
/// `known` holds (those the stored records were made from, when articles were
/// only added since). Each article is serialised once for both.
fn copies_input_keys(articles: &[Article], known: impl Fn(&Article) -> bool) -> [Vec<u8>; 2] {
    let mut all = blake3::Hasher::new();
    let mut part = blake3::Hasher::new();
    for h in [&mut all, &mut part] {
        h.update(&COPIES_VERSION.to_le_bytes());
    }
    for a in articles {
        let json = serde_json::to_vec(a).expect("articles serialise");
        let len = (json.len() as u64).to_le_bytes();
        all.update(&len).update(&json);
        if known(a) {
            part.update(&len).update(&json);
        }
    }
    [all, part].map(|h| h.finalize().as_bytes().to_vec())
}

/// How a command ended.
pub struct Outcome {
    rejected: u64,
}

impl Outcome {
    fn ok() -> Self {
        Outcome { rejected: 0 }
    }
    /// 0, or 3 when some inputs were rejected.
    pub fn exit_code(&self) -> u8 {
        if self.rejected > 0 {
            3
        } else {
            0
        }
    }
}

fn open_store(db: &Path) -> Result<Store> {
    Store::open(db).with_context(|| format!("cannot open the store {}", db.display()))
}

/// How `analyze` runs the stages after ingest.
#[derive(Debug, Clone, Copy)]
pub struct StageOptions {
    /// No progress bars.
    pub quiet: bool,
    /// The last stage to run.
    pub stop_after: Stage,
    /// Copies over the whole collection from scratch, stored records ignored.
    pub recompute_copies: bool,
}

/// `crossread analyze`: ingest into the store, then run every stage.
pub fn analyze(db: &Path, input: &InputArgs, opts: StageOptions) -> Result<Outcome> {
    let quiet = opts.quiet;
    let start = Instant::now();
    let mut store = open_store(db)?;
    let mut added = 0u64;
    let mut duplicates = 0u64;
    let mut conflicts = 0u64;
    let pb = bar("ingest", None, quiet);
    let stats = ingest_batches(input, &pb, 1000, |docs| {
        let summary = store.insert_documents(&docs)?;
        added += summary.added as u64;
        duplicates += summary.duplicates as u64;
        for c in summary.conflicts {
            conflicts += 1;
            pb.suspend(|| {
                eprintln!(
                    "crossread: rejected {}: id {:?} is already stored with other content (from {})",
                    c.origin, c.id, c.stored_origin
                )
            });
        }
        Ok(())
    })?;
    pb.finish_and_clear();
    let rejected = stats.rejected + conflicts;
    let compared = run_stages(&mut store, opts)?;

    print_summary(&stats, added, duplicates, rejected, start);
    let counts = store.counts(EXTRACT_VERSION)?;
    eprintln!(
        "crossread: store {} holds {} articles in {} stories ({} compared this run)",
        db.display(),
        counts.articles,
        counts.stories,
        compared
    );
    Ok(Outcome { rejected })
}

/// The stages after ingest, each over what the store holds.
fn run_stages(store: &mut Store, opts: StageOptions) -> Result<usize> {
    let StageOptions {
        quiet,
        stop_after,
        recompute_copies,
    } = opts;
    if stop_after == Stage::Ingest {
        return Ok(0);
    }
    extract_pending(store, quiet)?;
    if stop_after == Stage::Extract {
        return Ok(0);
    }
    let articles = store.articles()?;
    let stored = store.copies()?;
    // Copies depend on every stored article; when neither the articles nor
    // this crossread's copies stage changed since they were stored, the
    // stored records are what finding them again would give. When articles
    // were only added (the stored records were worked out, by this copies
    // stage, from exactly the articles that have one), the new ones are
    // decided and the stored records kept unless a new article may be their
    // source (`update_copies`): the past is not worked out again.
    let before: HashMap<&str, &CopyRecord> = stored.iter().map(|c| (c.id.as_str(), c)).collect();
    let [key, known_key] = copies_input_keys(&articles, |a| before.contains_key(a.id.as_str()));
    let state = store.stage_state("copies")?;
    // Articles whose copy record this run changed.
    let mut changed: HashSet<String> = HashSet::new();
    let copies = if state.as_deref() == Some(key.as_slice()) && !recompute_copies {
        drop(before);
        stored
    } else {
        let update = !recompute_copies && !stored.is_empty();
        let copies = if update && state.as_deref() == Some(known_key.as_slice()) {
            crossread_copies::update_copies(&articles, &stored, &CopiesConfig::default())
                .context("the copies stage's configuration")?
        } else {
            crossread_copies::find_copies(&articles)
        };
        store.save_copies(&copies, &key)?;
        changed.extend(
            copies
                .iter()
                .filter(|c| before.get(c.id.as_str()) != Some(c))
                .map(|c| c.id.to_string()),
        );
        copies
    };
    if stop_after == Stage::Copies {
        return Ok(0);
    }
    let mut touched = extend_stories(store, &articles, &copies)?;
    if stop_after == Stage::Stories {
        return Ok(0);
    }
    // Compare again every story that gained an article, whose copy records
    // changed, or that an interrupted run left without a comparison.
    let compared: HashSet<String> = store.compared_stories()?.into_iter().collect();
    for a in store.stories()? {
        if changed.contains(a.id.as_str()) || !compared.contains(a.story.as_str()) {
            touched.insert(a.story.to_string());
        }
    }
    compare_stories(store, &articles, &copies, &touched)
}

fn print_summary(stats: &IngestStats, added: u64, duplicates: u64, rejected: u64, start: Instant) {
    let mut line = format!(
        "crossread: {} articles read, {} stored, {} already stored, {} rejected; {} in {:.2} s",
        stats.documents,
        added,
        duplicates,
        rejected,
        bytes(stats.bytes),
        start.elapsed().as_secs_f64()
    );
    // The pool every stage ran on (`-j`, or one per core).
    let workers = rayon::current_num_threads();
    line.push_str(&format!(
        ", {workers} worker thread{}",
        if workers == 1 { "" } else { "s" }
    ));
    if stats.skipped > 0 {
        line.push_str(&format!(
            "; {} files of other types skipped in folders",
            stats.skipped
        ));
    }
    eprintln!("{line}");
}

/// Extracts every stored document the current extractor has not seen, in
/// batches, each stored in its own transaction.
fn extract_pending(store: &mut Store, quiet: bool) -> Result<()> {
    let total = store.counts(EXTRACT_VERSION)?;
    let pending = total.articles - total.extracted;
    if pending == 0 {
        return Ok(());
    }
    let pb = bar("extract", Some(pending), quiet);
    loop {
        let docs = store.documents_to_extract(EXTRACT_VERSION, 2000)?;
        if docs.is_empty() {
            break;
        }
        let articles = extract_all(&docs);
        store.save_articles(&articles, EXTRACT_VERSION)?;
        pb.inc(docs.len() as u64);
    }
    pb.finish_and_clear();
    Ok(())
}

/// Adds articles that have no story yet to the persisted story engine; returns
/// the stories that changed.
fn extend_stories(
    store: &mut Store,
    articles: &[Article],
    copies: &[CopyRecord],
) -> Result<HashSet<String>> {
    let assigned: HashSet<String> = store
        .stories()?
        .into_iter()
        .map(|a| a.id.to_string())
        .collect();
    let fresh: Vec<Article> = articles
        .iter()
        .filter(|a| !assigned.contains(a.id.as_str()))
        .cloned()
        .collect();
    if fresh.is_empty() {
        return Ok(HashSet::new());
    }
    let (mut engine, fresh) = match store.stage_state("stories")? {
        Some(bytes) => match StoryEngine::load(&bytes) {
            Ok(engine) => (engine, fresh),
            // A state written by an older crossread: its engine cannot be
            // continued, so every stored article is placed again (story ids
            // are their first article's id, so most stay as they were).
            Err(StoriesError::UnsupportedVersion(v)) if v < STATE_VERSION => {
                eprintln!(
                    "crossread: the stored stories come from an older crossread (state version {v}, this one writes {STATE_VERSION}); placing all {} stored articles again",
                    articles.len()
                );
                (StoryEngine::new(StoryConfig::default()), articles.to_vec())
            }
            Err(e) => {
                return Err(e)
                    .context("the stored story state cannot be read; it was left as it is")
            }
        },
        None => (StoryEngine::new(StoryConfig::default()), fresh),
    };
    let groups = groups_of(&fresh, copies);
    let assignments = engine.add_batch(&fresh, &groups);
    store.save_stories(&assignments, &engine.save())?;
    Ok(assignments
        .into_iter()
        .map(|a| a.story.to_string())
        .collect())
}

/// Recomputes the comparison of each touched story.
fn compare_stories(
    store: &mut Store,
    articles: &[Article],
    copies: &[CopyRecord],
    touched: &HashSet<String>,
) -> Result<usize> {
    if touched.is_empty() {
        return Ok(0);
    }
    let inputs = story_inputs(store.stories()?, articles, copies, |a| {
        touched.contains(a.story.as_str())
    });
    let items: Vec<(String, String)> = inputs
        .iter()
        .map(|input| {
            let json = serde_json::to_string(&compare(input)).expect("comparisons serialise");
            (input.story.to_string(), json)
        })
        .collect();
    store.save_comparisons(&items)?;
    Ok(items.len())
}

/// `crossread report`: the stored stories, for a terminal or as JSON.
pub fn report(db: &Path, json: bool, width: usize) -> Result<Outcome> {
    if !db.exists() {
        anyhow::bail!(
            "no store at {} (run `crossread analyze --db {} PATH...` first)",
            db.display(),
            db.display()
        );
    }
    let store = open_store(db)?;
    let mut stories: Vec<StoryComparison> = store
        .comparisons()?
        .iter()
        .map(|s| serde_json::from_str(s))
        .collect::<Result<_, _>>()
        .context("a stored comparison is unreadable")?;
    stories.sort_by(|a, b| {
        (a.first_seen.as_deref(), a.id.as_str()).cmp(&(b.first_seen.as_deref(), b.id.as_str()))
    });
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "stories": stories }))?;
        writeln!(out)?;
    } else {
        write!(out, "{}", render_terminal(&stories, width))?;
    }
    out.flush()?;
    Ok(Outcome::ok())
}

fn print_lines<T: serde::Serialize>(items: &[T]) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for item in items {
        serde_json::to_writer(&mut out, item)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Runs ingest and extract over the inputs, keeping every article in memory.
fn extracted(input: &InputArgs) -> Result<(Vec<Article>, IngestStats)> {
    let pb = bar("read", None, false);
    let mut articles = Vec::new();
    let stats = ingest_batches(input, &pb, 1000, |docs| {
        articles.extend(extract_all(&docs));
        Ok(())
    })?;
    pb.finish_and_clear();
    Ok((articles, stats))
}

/// One line of `crossread ingest`: a document as read, in the JSONL input
/// format (so the output can be read again), plus where it came from and
/// its crawl time.
#[derive(Serialize)]
struct DocumentLine<'a> {
    id: &'a ArticleId,
    origin: &'a str,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    date: Option<&'a str>,
    title: Option<&'a str>,
    fetched: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

impl<'a> From<&'a Document> for DocumentLine<'a> {
    fn from(d: &'a Document) -> Self {
        let (html, text) = match &d.body {
            Body::Html(h) => (Some(h.as_str()), None),
            Body::Text(t) => (None, Some(t.as_str())),
        };
        DocumentLine {
            id: &d.id,
            origin: &d.origin,
            url: d.url.as_deref(),
            outlet: d.outlet.as_deref(),
            date: d.date.as_deref(),
            title: d.title.as_deref(),
            fetched: d.fetched.as_deref(),
            html,
            text,
        }
    }
}

/// `crossread ingest`: one JSON line per document as read, streamed.
pub fn ingest(input: &InputArgs) -> Result<Outcome> {
    let pb = bar("ingest", None, false);
    let stats = ingest_batches(input, &pb, 256, |docs| {
        let lines: Vec<DocumentLine> = docs.iter().map(DocumentLine::from).collect();
        print_lines(&lines)
    })?;
    pb.finish_and_clear();
    Ok(Outcome {
        rejected: stats.rejected,
    })
}

/// `crossread extract`: one JSON line per article, streamed.
pub fn extract(input: &InputArgs) -> Result<Outcome> {
    let pb = bar("extract", None, false);
    let stats = ingest_batches(input, &pb, 256, |docs| print_lines(&extract_all(&docs)))?;
    pb.finish_and_clear();
    Ok(Outcome {
        rejected: stats.rejected,
    })
}

/// `crossread copies`: one copy record per article.
pub fn copies(input: &InputArgs) -> Result<Outcome> {
    let (articles, stats) = extracted(input)?;
    print_lines(&crossread_copies::find_copies(&articles))?;
    Ok(Outcome {
        rejected: stats.rejected,
    })
}

/// `crossread stories`: one story assignment per article.
pub fn stories(input: &InputArgs) -> Result<Outcome> {
    let (articles, stats) = extracted(input)?;
    let copies = crossread_copies::find_copies(&articles);
    let groups = groups_of(&articles, &copies);
    let mut engine = StoryEngine::new(StoryConfig::default());
    print_lines(&engine.add_batch(&articles, &groups))?;
    Ok(Outcome {
        rejected: stats.rejected,
    })
}

/// `crossread compare`: every stage in memory, then each article's part in
/// its story's comparison, one line per article in input order.
pub fn compare_cmd(input: &InputArgs) -> Result<Outcome> {
    let (articles, stats) = extracted(input)?;
    let copies = crossread_copies::find_copies(&articles);
    let groups = groups_of(&articles, &copies);
    let mut engine = StoryEngine::new(StoryConfig::default());
    let assignments = engine.add_batch(&articles, &groups);
    let inputs = story_inputs(assignments, &articles, &copies, |_| true);
    let views: Vec<ArticleComparison> = inputs
        .par_iter()
        .flat_map_iter(|input| by_article(&compare(input), &input.articles))
        .collect();
    let mut by_id: HashMap<ArticleId, ArticleComparison> =
        views.into_iter().map(|v| (v.id.clone(), v)).collect();
    // Input order; an id read twice is printed once, at its first place.
    let ordered: Vec<ArticleComparison> = articles
        .iter()
        .filter_map(|a| by_id.remove(&a.id))
        .collect();
    print_lines(&ordered)?;
    Ok(Outcome {
        rejected: stats.rejected,
    })
}
