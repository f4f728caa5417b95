//! JSON Lines: one article per line, `{"id", "url"?, "outlet"?, "date"?, "title"?,
//! "html" | "text"}`. Other fields are ignored (labels in benchmark files are never
//! read), except two common spellings of the outlet when `outlet` is absent:
//! `source` and then `publisher`, each a name or an object with a `"name"`
//! (as news APIs write it). A row with a title but an empty body is a
//! headline-only article. Each bad line is rejected on its own; the good lines
//! around it are kept.

use crate::limits::{read_error, read_line_capped, Line};
use crate::{Event, IngestError, IngestOptions, Rejection};
use crossread_core::{Body, Document};
use serde::Deserialize;
use std::io::{BufReader, Read};

#[derive(Deserialize)]
struct Row {
    id: Option<serde_json::Value>,
    url: Option<String>,
    outlet: Option<String>,
    source: Option<serde_json::Value>,
    publisher: Option<serde_json::Value>,
    date: Option<String>,
    title: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

pub fn read_jsonl(
    reader: Box<dyn Read + '_>,
    origin: &str,
    options: &IngestOptions,
    sink: &dyn Fn(Event),
) {
    let mut reader = BufReader::with_capacity(256 << 10, reader);
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    // A row is the article plus a little JSON around it.
    let limit = options.max_article_bytes + 64 * 1024;
    let reject_line = |line: u64, reason: String| {
        sink(Event::Rejected(Rejection {
            origin: format!("{origin}:{line}"),
            error: IngestError::JsonlLine { line, reason },
        }))
    };
    loop {
        line_no += 1;
        match read_line_capped(&mut reader, &mut buf, limit) {
            Ok(Line::End) => break,
            Ok(Line::TooLong) => {
                reject_line(
                    line_no,
                    format!(
                        "line is longer than the {}-byte article limit (--max-article-mb)",
                        options.max_article_bytes
                    ),
                );
                continue;
            }
            Ok(Line::Complete) => {}
            Err(e) => {
                // The stream itself broke (truncated gzip, I/O): stop here, keeping
                // every line read so far.
                sink(Event::Rejected(Rejection {
                    origin: format!("{origin}:{line_no}"),
                    error: read_error(e),
                }));
                break;
            }
        }
        let line = trim_ascii(&buf);
        if line.is_empty() {
            continue;
        }
        match parse_row(line, origin, line_no) {
            Ok(doc) => sink(Event::Document(doc)),
            Err(reason) => reject_line(line_no, reason),
        }
    }
}

fn trim_ascii(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if first.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = s {
        if last.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

/// An outlet written as a name or as an object with a `"name"`; anything
/// else (a number, a list, an empty name) is no outlet.
fn name_of(v: Option<serde_json::Value>) -> Option<String> {
    let name = match v? {
        serde_json::Value::String(s) => s,
        serde_json::Value::Object(mut m) => match m.remove("name")? {
            serde_json::Value::String(s) => s,
            _ => return None,
        },
        _ => return None,
    };
    Some(name.trim().to_owned()).filter(|n| !n.is_empty())
}

fn parse_row(line: &[u8], origin: &str, line_no: u64) -> Result<Document, String> {
    let row: Row = serde_json::from_slice(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let id = match row.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err("\"id\" must be a non-empty string or a number".into()),
        None => return Err("missing \"id\"".into()),
    };
    let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    let title = nonempty(row.title);
    let body = match (row.html, row.text) {
        (Some(h), _) if !h.trim().is_empty() => Body::Html(h),
        (_, Some(t)) if !t.trim().is_empty() => Body::Text(t),
        (None, None) => return Err(format!("row {id:?} has neither \"text\" nor \"html\"")),
        // A headline without a body is still an article (a roundup's
        // entry, a wire flash); with neither there is nothing to read.
        _ if title.is_some() => Body::Text(String::new()),
        _ => {
            return Err(format!(
                "row {id:?} has an empty \"text\"/\"html\" and no title"
            ))
        }
    };
    let outlet = nonempty(row.outlet)
        .or_else(|| name_of(row.source))
        .or_else(|| name_of(row.publisher));
    Ok(Document {
        id: id.into(),
        origin: format!("{origin}:{line_no}"),
        url: nonempty(row.url),
        outlet,
        date: nonempty(row.date),
        title,
        fetched: None,
        body,
    })
}
