//! What the stories stage produces for each article.

use crate::{ArticleId, StoryId, ThreadId};
use serde::{Deserialize, Serialize};

/// Which story and thread an article belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StoryAssignment {
    /// The article.
    pub id: ArticleId,
    /// Its story: articles about the same event.
    pub story: StoryId,
    /// Its thread: stories on the same ongoing topic.
    pub thread: ThreadId,
}
