//! One story's comparison seen from each of its articles: the lines of
//! `crossread compare`, one per article.
//!
//! For an article it lists the claims it makes (in its own words, with
//! offsets, whether other articles share the claim, how many independent
//! sources back it and who disputes it), the claims of others it disputes,
//! its quotes, the entities it names and the numbers it reports.
//!
//! It does NOT compare anything itself: it only regroups a
//! [`StoryComparison`] by article, so it can never disagree with the story
//! view of `crossread report --json`.

use crate::{EntityKind, StoryComparison};
use crossread_core::{Article, ArticleId, GroupId, StoryId, ThreadId};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One article's part in its story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleComparison {
    /// The article.
    pub id: ArticleId,
    /// Its story.
    pub story: StoryId,
    /// The story's thread.
    pub thread: ThreadId,
    /// Its outlet, when known.
    pub outlet: Option<String>,
    /// Its copy group, when the copies stage gave one.
    pub copy_group: Option<GroupId>,
    /// The claims it makes, in the order of its text.
    pub claims: Vec<ArticleClaim>,
    /// Claims of other articles that one of its sentences contradicts.
    pub disputes: Vec<ArticleDispute>,
    /// Its quotes.
    pub quotes: Vec<ArticleQuote>,
    /// The entities it names.
    pub entities: Vec<ArticleEntity>,
    /// The numbers it reports.
    pub numbers: Vec<ArticleNumber>,
}

/// Whether other articles of the story make the same claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    /// At least one other article makes it too.
    Shared,
    /// No other article of the story makes it.
    Unique,
}

/// A claim as one article makes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleClaim {
    /// The article's own sentence.
    pub text: String,
    /// Start of the sentence: a char (code point) offset into the article's text.
    pub start: usize,
    /// End of the sentence (exclusive).
    pub end: usize,
    /// The claim as the story's earliest article making it words it.
    pub claim: String,
    /// Shared with other articles or unique to this one.
    pub status: ClaimStatus,
    /// Every article of the story that makes the claim.
    pub articles: Vec<ArticleId>,
    /// Distinct sources behind it after merging copies and reused passages.
    pub independent_sources: usize,
    /// Articles with a sentence contradicting it.
    pub disputed_by: Vec<ArticleId>,
}

/// A claim of other articles that this article contradicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDispute {
    /// The disputed claim, as its earliest article words it.
    pub claim: String,
    /// This article's contradicting sentence.
    pub text: String,
    /// The articles that make the claim.
    pub articles: Vec<ArticleId>,
}

/// A quote in the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleQuote {
    /// The speaker, resolved across the story.
    pub speaker: String,
    /// The words quoted or reported.
    pub text: String,
    /// The speech verb or "according to".
    pub cue: String,
}

/// An entity the article names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEntity {
    /// The name, resolved across the story.
    pub name: String,
    /// Person, organisation or place.
    pub kind: EntityKind,
    /// How many articles of the story name it.
    pub articles: usize,
}

/// A number the article reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleNumber {
    /// The value (scale words applied).
    pub value: f64,
    /// Its unit; empty when none.
    pub unit: String,
    /// The sentence of its first report in the story.
    pub context: String,
    /// How many articles of the story report it.
    pub articles: usize,
}

/// The chars `start..end` of `text` (offsets in code points, clamped).
fn char_slice(text: &str, bounds: &[usize], start: usize, end: usize) -> String {
    let at = |i: usize| bounds.get(i).copied().unwrap_or(text.len());
    let (s, e) = (at(start), at(end.max(start)));
    text.get(s..e).unwrap_or("").to_string()
}

/// Regroups one story's comparison by article: one entry per article of
/// `comparison`, in its order. `articles` supplies the texts the claims'
/// offsets point into; an article missing there gets its claims without
/// their sentences.
pub fn by_article(comparison: &StoryComparison, articles: &[&Article]) -> Vec<ArticleComparison> {
    let texts: HashMap<&ArticleId, &str> =
        articles.iter().map(|a| (&a.id, a.text.as_str())).collect();
    let mut out: Vec<ArticleComparison> = comparison
        .articles
        .iter()
        .map(|a| ArticleComparison {
            id: a.id.clone(),
            story: comparison.id.clone(),
            thread: comparison.thread.clone(),
            outlet: a.outlet.clone(),
            copy_group: a.copy_group.clone(),
            claims: Vec::new(),
            disputes: Vec::new(),
            quotes: Vec::new(),
            entities: Vec::new(),
            numbers: Vec::new(),
        })
        .collect();
    let slot: HashMap<ArticleId, usize> = out
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    // Byte position of every char of each article's text (plus its end), so
    // that each claim's sentence is cut without rescanning the text.
    let mut bounds: HashMap<&ArticleId, Vec<usize>> = HashMap::new();
    for claim in &comparison.claims {
        let status = if claim.articles.len() > 1 {
            ClaimStatus::Shared
        } else {
            ClaimStatus::Unique
        };
        let disputed_by: Vec<ArticleId> = claim
            .disputed_by
            .iter()
            .map(|d| d.article.clone())
            .collect();
        for ev in &claim.evidence {
            let Some(&i) = slot.get(&ev.article) else {
                continue;
            };
            let text = texts.get(&ev.article).copied().unwrap_or("");
            let b = bounds.entry(&ev.article).or_insert_with(|| {
                text.char_indices()
                    .map(|(i, _)| i)
                    .chain(std::iter::once(text.len()))
                    .collect()
            });
            out[i].claims.push(ArticleClaim {
                text: char_slice(text, b, ev.start, ev.end),
                start: ev.start,
                end: ev.end,
                claim: claim.text.clone(),
                status,
                articles: claim.articles.clone(),
                independent_sources: claim.independent_sources,
                disputed_by: disputed_by.clone(),
            });
        }
        for d in &claim.disputed_by {
            if let Some(&i) = slot.get(&d.article) {
                out[i].disputes.push(ArticleDispute {
                    claim: claim.text.clone(),
                    text: d.text.clone(),
                    articles: claim.articles.clone(),
                });
            }
        }
    }
    for q in &comparison.quotes {
        if let Some(&i) = slot.get(&q.article) {
            out[i].quotes.push(ArticleQuote {
                speaker: q.speaker.clone(),
                text: q.text.clone(),
                cue: q.cue.clone(),
            });
        }
    }
    for e in &comparison.entities {
        for a in &e.articles {
            if let Some(&i) = slot.get(a) {
                out[i].entities.push(ArticleEntity {
                    name: e.name.clone(),
                    kind: e.kind,
                    articles: e.articles.len(),
                });
            }
        }
    }
    for n in &comparison.numbers {
        for a in &n.articles {
            if let Some(&i) = slot.get(a) {
                out[i].numbers.push(ArticleNumber {
                    value: n.value,
                    unit: n.unit.clone(),
                    context: n.context.clone(),
                    articles: n.articles.len(),
                });
            }
        }
    }
    for a in &mut out {
        a.claims.sort_by_key(|c| (c.start, c.end));
    }
    out
}
