//! What ingest produces: one fetched page or text, decoded to UTF-8, not yet extracted.

use crate::ArticleId;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The body of a document as ingest found it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "content", rename_all = "lowercase")]
pub enum Body {
    /// An HTML page, already decoded to UTF-8.
    Html(String),
    /// Text already extracted from a page by someone else (menus and comments may remain).
    Text(String),
}

impl Body {
    /// The raw content, whatever its kind.
    pub fn as_str(&self) -> &str {
        match self {
            Body::Html(s) | Body::Text(s) => s,
        }
    }
}

/// A 256-bit content hash (BLAKE3) of a document's body and metadata: identical
/// inputs have identical hashes and are stored once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    /// Hex form, as stored.
    pub fn to_hex(&self) -> String {
        let mut s = String::with_capacity(64);
        for b in self.0 {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// One input item, decoded, with whatever metadata its container carried.
///
/// `fetched` is when a crawler fetched it (WARC-Date): it is never a publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The article's id.
    pub id: ArticleId,
    /// Where it came from: a path, plus `#line` or `#record` inside a container.
    pub origin: String,
    /// Its URL, when the container knew one (JSONL `url`, `WARC-Target-URI`).
    pub url: Option<String>,
    /// Outlet name supplied by the input (JSONL `outlet`).
    pub outlet: Option<String>,
    /// Publication date supplied by the input (JSONL `date`), as given.
    pub date: Option<String>,
    /// Title supplied by the input (JSONL `title`).
    pub title: Option<String>,
    /// Crawl time (`WARC-Date`), kept apart from the publication date.
    pub fetched: Option<String>,
    /// The content.
    pub body: Body,
}

impl Document {
    /// A document with only an id, an origin and a body; every other field
    /// unknown.
    pub fn new(id: impl Into<ArticleId>, origin: impl Into<String>, body: Body) -> Self {
        Document {
            id: id.into(),
            origin: origin.into(),
            url: None,
            outlet: None,
            date: None,
            title: None,
            fetched: None,
            body,
        }
    }

    /// Hash of everything that makes this document what it is (not its origin).
    pub fn content_hash(&self) -> ContentHash {
        let mut h = blake3::Hasher::new();
        let field = |h: &mut blake3::Hasher, tag: &[u8], v: Option<&str>| {
            h.update(tag);
            match v {
                Some(v) => {
                    h.update(&(v.len() as u64).to_le_bytes());
                    h.update(v.as_bytes());
                }
                None => {
                    h.update(&u64::MAX.to_le_bytes());
                }
            }
        };
        field(&mut h, b"id", Some(self.id.as_str()));
        field(&mut h, b"url", self.url.as_deref());
        field(&mut h, b"outlet", self.outlet.as_deref());
        field(&mut h, b"date", self.date.as_deref());
        field(&mut h, b"title", self.title.as_deref());
        let (tag, body): (&[u8], &str) = match &self.body {
            Body::Html(s) => (b"html", s),
            Body::Text(s) => (b"text", s),
        };
        field(&mut h, tag, Some(body));
        ContentHash(*h.finalize().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, body: Body) -> Document {
        Document::new(id, "x", body)
    }

    #[test]
    fn hash_ignores_origin_but_not_kind_or_fields() {
        let a = doc("a", Body::Text("hello".into()));
        let mut b = a.clone();
        b.origin = "elsewhere".into();
        assert_eq!(a.content_hash(), b.content_hash());
        let c = doc("a", Body::Html("hello".into()));
        assert_ne!(a.content_hash(), c.content_hash());
        let mut d = a.clone();
        d.title = Some(String::new());
        assert_ne!(a.content_hash(), d.content_hash(), "None and empty differ");
        assert_eq!(a.content_hash().to_hex().len(), 64);
    }
}
