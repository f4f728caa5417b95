//! `crossread extract` on the demo corpus against `expected.json`, which was
//! written from the corpus's design: every article's title, date (and where
//! it is stated), outlet, author, paragraphs, attributions, and the
//! boilerplate that must be gone.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn attributions(v: &Value) -> BTreeSet<(String, String)> {
    v.as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            (
                s(&a["kind"]).unwrap_or_default(),
                s(&a["source"]).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn every_demo_article_is_extracted_as_designed() {
    let out = run(&["extract", corpus().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got = json_lines(&out.stdout);
    let expected = expected();
    let articles = expected["articles"].as_array().unwrap();
    assert_eq!(got.len(), articles.len());
    let mut failures = Vec::new();
    for want in articles {
        let id = want["id"].as_str().unwrap();
        let Some(row) = got.iter().find(|r| r["id"] == want["id"]) else {
            failures.push(format!("{id}: missing"));
            continue;
        };
        let mut fail = |what: &str, got: String, want: String| {
            if got != want {
                failures.push(format!("{id}: {what}: got {got:?}, want {want:?}"));
            }
        };
        fail(
            "title",
            format!("{:?}", s(&row["title"])),
            format!("{:?}", s(&want["title"])),
        );
        let date = s(&row["date"]).map(|d| d.chars().take(10).collect::<String>());
        fail(
            "date",
            format!("{date:?}"),
            format!("{:?}", s(&want["date"])),
        );
        fail(
            "date_source",
            format!("{:?}", s(&row["date_source"])),
            format!("{:?}", s(&want["date_source"])),
        );
        fail(
            "outlet",
            format!("{:?}", s(&row["outlet"])),
            format!("{:?}", s(&want["outlet"])),
        );
        // A JSONL row given as bare text carries no byline: its designed
        // author cannot be read from the input.
        if want["jsonl_field"].as_str() != Some("text") {
            fail(
                "author",
                format!("{:?}", s(&row["author"])),
                format!("{:?}", s(&want["author"])),
            );
        }
        let text = row["text"].as_str().unwrap_or("");
        let paras: Vec<String> = text.split("\n\n").map(squash).collect();
        let want_paras: Vec<String> = want["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| squash(p.as_str().unwrap()))
            .collect();
        fail(
            "paragraphs",
            format!("{paras:#?}"),
            format!("{want_paras:#?}"),
        );
        for bad in want["must_not_contain"].as_array().into_iter().flatten() {
            let bad = bad.as_str().unwrap();
            fail(
                &format!("text holds {bad:?}"),
                text.contains(bad).to_string(),
                "false".to_owned(),
            );
        }
        // An outlet's own footer copyright may be reported; nothing else extra.
        let own = s(&want["outlet"]).unwrap_or_default();
        let got_attr: BTreeSet<_> = attributions(&row["attributions"])
            .into_iter()
            .filter(|(k, src)| !(k == "copyright" && *src == own))
            .collect();
        fail(
            "attributions",
            format!("{got_attr:?}"),
            format!("{:?}", attributions(&want["attributions"])),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
