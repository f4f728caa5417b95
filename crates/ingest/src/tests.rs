//! Unit tests of the readers on small inputs written here.

use super::*;
use std::io::Write;

fn collect(inputs: &[Input], options: &IngestOptions) -> (Vec<Document>, Vec<String>) {
    let mut docs = Vec::new();
    let mut rejects = Vec::new();
    ingest(inputs, options, 2, |e| match e {
        Event::Document(d) => docs.push(d),
        Event::Rejected(r) => rejects.push(r.to_string()),
        _ => {}
    });
    (docs, rejects)
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn ids_drop_known_extensions_only() {
    let cases = [
        ("000_4e7def31b6257be9.txt", "000_4e7def31b6257be9"),
        ("abc.html.gz", "abc"),
        ("dir/x.warc.gz", "x"),
        ("v1.2-notes.txt", "v1.2-notes"),
        ("README", "README"),
    ];
    for (path, id) in cases {
        assert_eq!(article_id_from_path(Path::new(path)), id, "{path}");
    }
}

#[test]
fn reads_text_html_and_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", b"Plain words.");
    let b = write(dir.path(), "b.html.gz", &gz(b"<html><p>Hi</p></html>"));
    let (docs, rejects) = collect(&[Input::File(a), Input::File(b)], &IngestOptions::default());
    assert!(rejects.is_empty(), "{rejects:?}");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id.as_str(), "a");
    assert_eq!(
        docs[0].body,
        crossread_core::Body::Text("Plain words.".into())
    );
    assert_eq!(docs[1].id.as_str(), "b");
    assert_eq!(
        docs[1].body,
        crossread_core::Body::Html("<html><p>Hi</p></html>".into())
    );
}

#[test]
fn jsonl_keeps_good_rows_and_names_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let rows = concat!(
        r#"{"id":"r1","text":"One.","outlet":"O","date":"2020-01-02","label":"ignored"}"#,
        "\n",
        "{not json\n",
        r#"{"text":"no id"}"#,
        "\n\n",
        r#"{"id":"r4","url":"u"}"#,
        "\n",
        r#"{"id":"r5","html":"<p>x</p>","title":"T"}"#,
        "\n",
    );
    let p = write(dir.path(), "rows.jsonl", rows.as_bytes());
    let (docs, rejects) = collect(&[Input::File(p)], &IngestOptions::default());
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["r1", "r5"]);
    assert_eq!(docs[0].outlet.as_deref(), Some("O"));
    assert_eq!(docs[0].date.as_deref(), Some("2020-01-02"));
    assert_eq!(docs[1].title.as_deref(), Some("T"));
    assert_eq!(rejects.len(), 3, "{rejects:?}");
    assert!(
        rejects[0].contains(":2: line 2: invalid JSON"),
        "{}",
        rejects[0]
    );
    assert!(
        rejects[1].contains("line 3: missing \"id\""),
        "{}",
        rejects[1]
    );
    assert!(
        rejects[2].contains("line 5: row \"r4\" has neither"),
        "{}",
        rejects[2]
    );
}

#[test]
fn limits_reject_big_articles_and_long_lines() {
    let dir = tempfile::tempdir().unwrap();
    let opts = IngestOptions {
        max_article_bytes: 100,
    };
    let big = write(dir.path(), "big.txt", &[b'a'; 101]);
    let ok = write(dir.path(), "ok.txt", &[b'a'; 100]);
    let long_line = format!(
        "{{\"id\":\"x\",\"text\":\"{}\"}}\n{{\"id\":\"y\",\"text\":\"fine\"}}\n",
        "b".repeat(100_000)
    );
    let lines = write(dir.path(), "l.jsonl", long_line.as_bytes());
    let (docs, rejects) = collect(
        &[Input::File(big), Input::File(ok), Input::File(lines)],
        &opts,
    );
    let ids: Vec<_> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["ok", "y"]);
    assert_eq!(rejects.len(), 2, "{rejects:?}");
    assert!(rejects
        .iter()
        .any(|r| r.contains("big.txt: article is larger than the 100-byte limit")));
    assert!(rejects
        .iter()
        .any(|r| r.contains("l.jsonl:1: line 1: line is longer")));
}

#[test]
fn truncated_gzip_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let full = gz(
        "some text that is long enough to compress into several bytes"
            .repeat(50)
            .as_bytes(),
    );
    let p = write(dir.path(), "t.txt.gz", &full[..full.len() / 2]);
    let (docs, rejects) = collect(&[Input::File(p)], &IngestOptions::default());
    assert!(docs.is_empty());
    assert_eq!(rejects.len(), 1);
    assert!(rejects[0].contains("truncated gzip"), "{}", rejects[0]);
}

fn warc_record(kind: &str, id: &str, uri: &str, block: &[u8], ctype: &str) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(body: &str, ctype: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

#[test]
fn warc_keeps_responses_and_skips_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = Vec::new();
    for rec in [
        warc_record(
            "warcinfo",
            "urn:uuid:0",
            "",
            b"software: test\r\n",
            "application/warc-fields",
        ),
        warc_record(
            "request",
            "urn:uuid:1",
            "http://a.example/x",
            b"GET /x HTTP/1.1\r\n\r\n",
            "application/http; msgtype=request",
        ),
        warc_record(
            "response",
            "urn:uuid:2",
            "http://a.example/x",
            &http("<p>Story</p>", "text/html; charset=utf-8"),
            "application/http; msgtype=response",
        ),
        warc_record(
            "response",
            "urn:uuid:3",
            "http://a.example/i.png",
            &http("PNG", "image/png"),
            "application/http; msgtype=response",
        ),
    ] {
        bytes.extend(gz(&rec));
    }
    let p = write(dir.path(), "crawl.warc.gz", &bytes);
    let (docs, rejects) = collect(&[Input::File(p.clone())], &IngestOptions::default());
    assert!(rejects.is_empty(), "{rejects:?}");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].id.as_str(), "urn:uuid:2");
    assert_eq!(docs[0].url.as_deref(), Some("http://a.example/x"));
    assert_eq!(docs[0].fetched.as_deref(), Some("2024-05-01T10:00:00Z"));
    assert_eq!(
        docs[0].date, None,
        "the crawl date is not a publication date"
    );
    assert_eq!(
        docs[0].body,
        crossread_core::Body::Html("<p>Story</p>".into())
    );

    // Cut inside the third record's gzip member: the response before it is lost
    // only if it sits after the cut.
    let cut = write(dir.path(), "cut.warc.gz", &bytes[..bytes.len() - 20]);
    let (_docs, rejects) = collect(&[Input::File(cut)], &IngestOptions::default());
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    assert!(rejects[0].contains("cut.warc.gz#"), "{}", rejects[0]);
}

#[test]
fn events_arrive_in_input_order_whatever_the_timing() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = Vec::new();
    for i in 0..40 {
        // Every third input is much larger, so workers finish out of order.
        let body = if i % 3 == 0 {
            "word ".repeat(200_000)
        } else {
            format!("doc {i}")
        };
        inputs.push(Input::File(write(
            dir.path(),
            &format!("d{i:02}.txt"),
            body.as_bytes(),
        )));
    }
    for threads in [1, 2, 7] {
        let (docs, rejects) = {
            let mut docs = Vec::new();
            let mut rejects = Vec::new();
            ingest(&inputs, &IngestOptions::default(), threads, |e| match e {
                Event::Document(d) => docs.push(d.id.to_string()),
                Event::Rejected(r) => rejects.push(r.to_string()),
                _ => {}
            });
            (docs, rejects)
        };
        assert!(rejects.is_empty());
        let expect: Vec<String> = (0..40).map(|i| format!("d{i:02}")).collect();
        assert_eq!(docs, expect, "threads = {threads}");
    }
}

#[test]
fn every_truncation_of_a_warc_is_named_and_earlier_records_kept() {
    let dir = tempfile::tempdir().unwrap();
    let record = |i: usize| {
        warc_record(
            "response",
            &format!("urn:uuid:{i}"),
            "http://a.example/x",
            &http(&"<p>Story</p>".repeat(50), "text/html"),
            "application/http; msgtype=response",
        )
    };
    let plain: Vec<u8> = (0..3).flat_map(record).collect();
    let zipped: Vec<u8> = (0..3).flat_map(|i| gz(&record(i))).collect();
    let member = gz(&record(2)).len();
    for (name, bytes) in [("cut.warc", &plain), ("cut.warc.gz", &zipped)] {
        for cut in [10usize, 50, 200, 1] {
            let p = write(dir.path(), name, &bytes[..bytes.len() - cut]);
            let (docs, rejects) = collect(&[Input::File(p)], &IngestOptions::default());
            if name == "cut.warc" && cut == 1 {
                // Only the last LF of the record separator is gone: the record
                // itself is whole and is kept.
                assert_eq!((docs.len(), rejects.len()), (3, 0));
                continue;
            }
            assert_eq!(rejects.len(), 1, "{name} cut {cut}: {rejects:?}");
            assert!(rejects[0].contains("truncated"), "{}", rejects[0]);
            // Both whole records before the cut survive; the cut one does not,
            // unless the cut took only the gzip trailer (CRC and size) after it.
            let whole = match cut {
                1 => 3,
                c if c > member => 1,
                _ => 2,
            };
            assert_eq!(docs.len(), whole, "{name} cut {cut}");
        }
    }
}

#[test]
fn jsonl_reads_outlet_spellings_and_headline_only_rows() {
    let dir = tempfile::tempdir().unwrap();
    let rows = concat!(
        // `outlet` wins over `source`; `source` as a name; `publisher` as
        // an object with a name; a `source` that is no name is no outlet.
        r#"{"id":"a","text":"x","outlet":"O","source":"S"}"#,
        "\n",
        r#"{"id":"b","text":"x","source":" Daily Post "}"#,
        "\n",
        r#"{"id":"c","text":"x","publisher":{"id":"w","name":"Wire"}}"#,
        "\n",
        r#"{"id":"d","text":"x","source":3,"publisher":{"id":"w"}}"#,
        "\n",
        // A title with an empty body is kept; an empty body alone is not.
        r#"{"id":"e","title":"Dam fails","text":" "}"#,
        "\n",
        r#"{"id":"f","text":""}"#,
        "\n",
    );
    let p = write(dir.path(), "rows.jsonl", rows.as_bytes());
    let (docs, rejects) = collect(&[Input::File(p)], &IngestOptions::default());
    let got: Vec<(&str, Option<&str>)> = docs
        .iter()
        .map(|d| (d.id.as_str(), d.outlet.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("a", Some("O")),
            ("b", Some("Daily Post")),
            ("c", Some("Wire")),
            ("d", None),
            ("e", None)
        ]
    );
    assert_eq!(docs[4].body, crossread_core::Body::Text(String::new()));
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    assert!(
        rejects[0].contains("row \"f\" has an empty"),
        "{}",
        rejects[0]
    );
}
