//! The stages chained in memory, shared by `analyze` and the per-stage
//! subcommands: ingest in bounded batches, then extract, copies and stories over
//! what ingest produced.

use crate::InputArgs;
use anyhow::Result;
use crossread_compare::StoryInput;
use crossread_core::{Article, CopyRecord, Document, GroupId, StoryAssignment};
use crossread_ingest::{discover, ingest, Event, IngestOptions, Input};
use indicatif::ProgressBar;
use rayon::prelude::*;

/// What ingest saw, for the closing summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct IngestStats {
    /// Documents produced.
    pub documents: u64,
    /// Inputs, lines or records rejected (each named on stderr).
    pub rejected: u64,
    /// Warnings printed.
    pub warnings: u64,
    /// Bytes of the inputs read.
    pub bytes: u64,
    /// Files in folders skipped for an unknown extension.
    pub skipped: usize,
}

/// Reads every input, hands documents to `on_batch` in batches of at most
/// `batch` in input order, and names each rejection on stderr as it happens.
pub fn ingest_batches(
    input: &InputArgs,
    pb: &ProgressBar,
    batch: usize,
    mut on_batch: impl FnMut(Vec<Document>) -> Result<()>,
) -> Result<IngestStats> {
    let (mut inputs, rejections, skipped) = discover(&input.paths);
    let mut stats = IngestStats {
        skipped,
        ..IngestStats::default()
    };
    // `crossread extract dir > dir/out.jsonl`: the output file would be read
    // while it grows, and would never end. It is left out, with a warning.
    if let Some(out) = stdout_file() {
        inputs.retain(|i| match i {
            Input::File(p) if out.is(p) => {
                pb.suspend(|| {
                    eprintln!(
                        "crossread: warning: {}: skipped, it is this command's own output",
                        p.display()
                    )
                });
                stats.warnings += 1;
                false
            }
            _ => true,
        });
    }
    for r in &rejections {
        pb.suspend(|| eprintln!("crossread: rejected {r}"));
        stats.rejected += 1;
    }
    let options = IngestOptions {
        max_article_bytes: input.max_article_mb.saturating_mul(1 << 20).max(1),
    };
    let threads = input.threads.unwrap_or_else(rayon::current_num_threads);
    let mut pending = Vec::with_capacity(batch);
    let mut failure: Option<anyhow::Error> = None;
    ingest(&inputs, &options, threads, |event| {
        if failure.is_some() {
            return;
        }
        match event {
            Event::Document(d) => {
                stats.documents += 1;
                pb.inc(1);
                pending.push(d);
                if pending.len() >= batch {
                    if let Err(e) = on_batch(std::mem::take(&mut pending)) {
                        failure = Some(e);
                    }
                }
            }
            Event::Rejected(r) => {
                stats.rejected += 1;
                pb.suspend(|| eprintln!("crossread: rejected {r}"));
            }
            Event::Warning { origin, message } => {
                stats.warnings += 1;
                pb.suspend(|| eprintln!("crossread: warning: {origin}: {message}"));
            }
            Event::Finished { bytes } => stats.bytes += bytes,
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    if !pending.is_empty() {
        on_batch(pending)?;
    }
    Ok(stats)
}

/// Extracts documents in parallel, keeping their order.
pub fn extract_all(docs: &[Document]) -> Vec<Article> {
    docs.par_iter().map(crossread_extract::extract).collect()
}

/// Every article's copy group, aligned with `articles`.
pub fn groups_of(articles: &[Article], copies: &[CopyRecord]) -> Vec<Option<GroupId>> {
    let by_id: std::collections::HashMap<&str, &GroupId> =
        copies.iter().map(|c| (c.id.as_str(), &c.group)).collect();
    articles
        .iter()
        .map(|a| by_id.get(a.id.as_str()).map(|g| (*g).clone()))
        .collect()
}

/// The comparison input of every story among `assignments` that `keep`
/// accepts: its articles (found by id in `articles`; unknown ids are
/// skipped) with their copy records, stories in id order. Shared by
/// `analyze` (stored assignments) and `crossread compare` (fresh ones).
pub fn story_inputs<'a>(
    assignments: impl IntoIterator<Item = StoryAssignment>,
    articles: &'a [Article],
    copies: &'a [CopyRecord],
    keep: impl Fn(&StoryAssignment) -> bool,
) -> Vec<StoryInput<'a>> {
    let by_id: std::collections::HashMap<&str, &Article> =
        articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let copy_by_id: std::collections::HashMap<&str, &CopyRecord> =
        copies.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut stories: std::collections::BTreeMap<String, StoryInput<'a>> = Default::default();
    for a in assignments {
        if !keep(&a) {
            continue;
        }
        let Some(&article) = by_id.get(a.id.as_str()) else {
            continue;
        };
        let input = stories
            .entry(a.story.to_string())
            .or_insert_with(|| StoryInput {
                story: a.story.clone(),
                thread: a.thread.clone(),
                articles: Vec::new(),
                copies: Vec::new(),
            });
        input.articles.push(article);
        if let Some(&c) = copy_by_id.get(a.id.as_str()) {
            input.copies.push(c);
        }
    }
    stories.into_values().collect()
}

/// The regular file standard output is written to, if it is one.
struct OutputFile {
    #[cfg(unix)]
    id: (u64, u64),
}

impl OutputFile {
    /// Whether `path` is that file (the same device and inode, whatever
    /// the path says).
    fn is(&self, path: &std::path::Path) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(path).is_ok_and(|m| (m.dev(), m.ino()) == self.id)
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            false
        }
    }
}

/// Standard output as a file, when it is a regular one (not a terminal or
/// a pipe). Unix only; elsewhere `None`.
fn stdout_file() -> Option<OutputFile> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
        let meta = std::fs::File::from(fd).metadata().ok()?;
        meta.is_file().then(|| OutputFile {
            id: (meta.dev(), meta.ino()),
        })
    }
    #[cfg(not(unix))]
    {
        None
    }
}
