//! Page metadata: title, publication date, author, site name, canonical URL and
//! language, from JSON-LD, OpenGraph and meta tags, `<time>`, bylines and URL
//! patterns, with a plain-text fallback (dates and bylines written in the text).
//!
//! It does not decide what the article body is.

/// Metadata found for one page. Every field is `None` when not found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
}
