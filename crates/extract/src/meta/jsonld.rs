//! JSON-LD (`<script type="application/ld+json">`): dates, headline, authors and
//! publisher of the schema.org objects a page describes, including nested
//! `@graph` lists. Broken JSON (common: trailing commas, raw newlines) falls back
//! to a plain key scan for the date keys.
//!
//! It does NOT resolve `@id` references across scripts or fetch contexts.

use serde_json::Value;

/// What one schema.org object says about itself.
#[derive(Debug, Default, Clone)]
pub(crate) struct LdObject {
    /// The object is an article, blog post, report or similar creative work.
    pub article: bool,
    /// `datePublished` (or `dateCreated`, `uploadDate` when that is absent).
    pub published: Option<String>,
    /// `dateModified`.
    pub modified: Option<String>,
    /// `headline` (or `name` for article types).
    pub headline: Option<String>,
    /// Names of the authors.
    pub authors: Vec<String>,
    /// `publisher.name`.
    pub publisher: Option<String>,
}

/// Larger scripts are key-scanned, not parsed.
const MAX_PARSE: usize = 2 << 20;
/// Objects kept per page.
const MAX_OBJECTS: usize = 256;

/// Reads every object of one JSON-LD script into `out`.
pub(crate) fn read(script: &str, out: &mut Vec<LdObject>) {
    let s = script.trim();
    let s = s.strip_prefix("<!--").unwrap_or(s);
    let s = s.strip_suffix("-->").unwrap_or(s);
    let s = s.trim();
    let s = s
        .strip_prefix("//<![CDATA[")
        .or_else(|| s.strip_prefix("<![CDATA["))
        .unwrap_or(s);
    let s = s
        .strip_suffix("//]]>")
        .or_else(|| s.strip_suffix("]]>"))
        .unwrap_or(s);
    if s.len() <= MAX_PARSE {
        if let Ok(v) = serde_json::from_str::<Value>(s) {
            walk(&v, out, 0);
            return;
        }
    }
    key_scan(s, out);
}

fn walk(v: &Value, out: &mut Vec<LdObject>, depth: usize) {
    if depth > 16 || out.len() >= MAX_OBJECTS {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|x| walk(x, out, depth + 1)),
        Value::Object(map) => {
            let types = types_of(map.get("@type"));
            let skip = types
                .iter()
                .any(|t| matches!(t.as_str(), "comment" | "review" | "answer" | "question"));
            if !skip {
                let article = types.iter().any(|t| {
                    t.contains("article")
                        || t.contains("posting")
                        || t.contains("blog")
                        || t == "report"
                        || t == "creativework"
                });
                let published = str_of(map.get("datePublished"))
                    .or_else(|| str_of(map.get("dateCreated")))
                    .or_else(|| str_of(map.get("uploadDate")));
                let obj = LdObject {
                    article,
                    published,
                    modified: str_of(map.get("dateModified")),
                    headline: str_of(map.get("headline")).or_else(|| {
                        if article {
                            str_of(map.get("name"))
                        } else {
                            None
                        }
                    }),
                    authors: names(map.get("author").or_else(|| map.get("creator"))),
                    publisher: map
                        .get("publisher")
                        .and_then(|p| names(Some(p)).into_iter().next()),
                };
                if obj.published.is_some() || obj.modified.is_some() || obj.headline.is_some() {
                    out.push(obj);
                }
            }
            for (k, x) in map {
                // Comments, reviews and nested authors/publishers carry their own dates.
                if matches!(
                    k.as_str(),
                    "comment"
                        | "review"
                        | "author"
                        | "publisher"
                        | "creator"
                        | "citation"
                        | "isBasedOn"
                ) {
                    continue;
                }
                if x.is_object() || x.is_array() {
                    walk(x, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn types_of(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Array(a) => a.first().and_then(|x| str_of(Some(x))),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn names(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.is_empty() || s.starts_with("http") {
                Vec::new()
            } else {
                vec![s.to_owned()]
            }
        }
        Some(Value::Object(m)) => str_of(m.get("name")).into_iter().collect(),
        Some(Value::Array(a)) => a.iter().flat_map(|x| names(Some(x))).take(8).collect(),
        _ => Vec::new(),
    }
}

/// For scripts that do not parse: the first `"datePublished": "..."` and
/// `"dateModified": "..."` values.
fn key_scan(s: &str, out: &mut Vec<LdObject>) {
    let value_after = |key: &str| -> Option<String> {
        let p = s.find(key)? + key.len();
        let rest = s.get(p..)?.trim_start();
        let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
        let end = rest.find('"')?;
        Some(rest[..end].to_owned())
    };
    let published = value_after("\"datePublished\"");
    let modified = value_after("\"dateModified\"");
    if published.is_some() || modified.is_some() {
        let article = s.contains("Article") || s.contains("BlogPosting");
        out.push(LdObject {
            article,
            published,
            modified,
            ..LdObject::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(script: &str, expect: &[(&str, bool, Option<&str>)]) {
        let mut out = Vec::new();
        read(script, &mut out);
        let got: Vec<(String, bool, Option<String>)> = out
            .iter()
            .map(|o| {
                (
                    o.headline.clone().unwrap_or_default(),
                    o.article,
                    o.published.clone(),
                )
            })
            .collect();
        let want: Vec<(String, bool, Option<String>)> = expect
            .iter()
            .map(|(h, a, p)| ((*h).to_owned(), *a, p.map(str::to_owned)))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn graph_and_types() {
        check(
            r#"{"@context":"https://schema.org","@graph":[
                {"@type":"WebPage","name":"Home","datePublished":"2020-01-01"},
                {"@type":"NewsArticle","headline":"H","datePublished":"2017-12-07T10:00:00+01:00",
                 "author":{"@type":"Person","name":"Ann Lee"},
                 "comment":[{"@type":"Comment","datePublished":"2018-01-01"}]}]}"#,
            &[
                ("", false, Some("2020-01-01")),
                ("H", true, Some("2017-12-07T10:00:00+01:00")),
            ],
        );
    }

    #[test]
    fn broken_json_is_key_scanned() {
        check(
            "{\"@type\":\"Article\",\"datePublished\": \"2017-12-07\",}",
            &[("", true, Some("2017-12-07"))],
        );
        check("not json at all", &[]);
    }
}
