//! What extract produces: the article text and its metadata.

use crate::ArticleId;
use serde::{Deserialize, Serialize};

/// How an article credits another source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    /// "X reports:", "according to X's report".
    Reports,
    /// "© X", "Copyright X".
    Copyright,
    /// "The post ... appeared first on X".
    FirstAppeared,
    /// "via X", "h/t X".
    Via,
    /// A news-agency credit: "(AP)", "Reuters", "AFP", "PA".
    Wire,
}

/// One credit to another source, found in the page or its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attribution {
    /// What kind of credit it is.
    pub kind: AttributionKind,
    /// The credited source, as written ("Antiwar.com", "The Duran", "RT").
    pub source: String,
}

/// Where an article's publication date came from. The stories stage reads
/// it: only a date the input or the page's markup states keeps two articles
/// apart (its time window); a date read from the prose orders the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// Given with the input: a JSONL row's `date`, or set by the caller.
    Given,
    /// Stated by the page's markup or address: a URL path, a meta tag,
    /// JSON-LD, a `<time>` element or an element marked as the date.
    Page,
    /// Read from the words of the text: a dateline ("MONDAY, MAY 23,
    /// 2005"), the first date in the page's prose. It may be the date of an
    /// event, an update or a quoted piece rather than of publication.
    Text,
}

/// An extracted article. `text` holds paragraphs separated by one blank line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The article's id.
    pub id: ArticleId,
    /// Canonical URL when known.
    pub url: Option<String>,
    /// The publishing outlet when known (site name, or the URL's host).
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD` or a full timestamp); `None`
    /// when unknown. Never the crawl date.
    pub date: Option<String>,
    /// Where `date` came from; `None` when there is no date, or when the
    /// article was stored before this field existed (read as given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<DateSource>,
    /// Byline.
    pub author: Option<String>,
    /// ISO 639-1 language code when detected.
    pub lang: Option<String>,
    /// The article body, paragraphs separated by a blank line.
    pub text: String,
    /// Credits to other sources.
    pub attributions: Vec<Attribution>,
    /// Why `text` is empty or suspect (no article found, page is a 404, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Article {
    /// An article with only an id and a text, every other field unknown.
    pub fn from_text(id: impl Into<ArticleId>, text: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            url: None,
            outlet: None,
            title: None,
            date: None,
            date_source: None,
            author: None,
            lang: None,
            text: text.into(),
            attributions: Vec::new(),
            note: None,
        }
    }
}
