//! What the copies stage produces for each article.

use crate::{ArticleId, GroupId};
use serde::{Deserialize, Serialize};

/// How much of an article derives from its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Derivation {
    /// Taken whole (possibly lightly edited).
    Wholly,
    /// Some passages were taken; the rest is new.
    Partially,
    /// Written independently.
    None,
}

/// Whether a reused passage was copied word for word or reworded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    /// Copied word for word.
    Verbatim,
    /// Reworded from the source.
    Rewrite,
}

/// A stretch of an article's `text` reused from another article.
///
/// Offsets are Unicode code points, end exclusive, as Python indexes `str`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Start in this article's text.
    pub start: usize,
    /// End (exclusive) in this article's text.
    pub end: usize,
    /// The passage itself (`text[start..end]`).
    pub text: String,
    /// The article it was taken from.
    pub source: ArticleId,
    /// Start of the aligned stretch in the source's text.
    pub source_start: usize,
    /// End (exclusive) of the aligned stretch in the source's text.
    pub source_end: usize,
    /// Verbatim or reworded.
    pub kind: PassageKind,
}

/// The copies stage's verdict on one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyRecord {
    /// The article.
    pub id: ArticleId,
    /// Its copy group (its own when it is nobody's copy).
    pub group: GroupId,
    /// The member of the group that came first.
    pub origin: ArticleId,
    /// How much it derives from `source`.
    pub derived: Derivation,
    /// The article it draws the most from; `None` when `derived` is `none`.
    pub source: Option<ArticleId>,
    /// Every reused stretch, in text order.
    pub passages: Vec<Passage>,
}
