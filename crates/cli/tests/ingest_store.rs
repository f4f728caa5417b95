//! End-to-end: `analyze` stores inputs once, names every bad input with its
//! reason and exit code, and keeps the good inputs beside them.

mod common;
use common::*;
use crossread_store::Store;

#[test]
fn demo_corpus_is_stored_once() {
    let store = TempStore::new("demo.db");
    let db = store.arg();
    let corpus = corpus();
    let corpus = corpus.to_str().unwrap();
    let total = expected()["inputs"]["total_articles"].as_u64().unwrap();
    assert_eq!(total, 19);

    let first = run(&["analyze", "--db", db, corpus]);
    assert_eq!(first.code, 0, "stderr: {}", first.stderr);
    assert!(
        first
            .stderr
            .contains("19 articles read, 19 stored, 0 already stored, 0 rejected"),
        "{}",
        first.stderr
    );
    // EXPECTED.md, expected.json, make_warc.py and the WARC sources are not articles.
    assert!(
        first.stderr.contains("files of other types skipped"),
        "{}",
        first.stderr
    );

    let again = run(&["analyze", "--db", db, corpus]);
    assert_eq!(again.code, 0, "stderr: {}", again.stderr);
    assert!(
        again
            .stderr
            .contains("19 articles read, 0 stored, 19 already stored, 0 rejected"),
        "{}",
        again.stderr
    );
    let store = Store::open(db).unwrap();
    let counts = store.counts(1).unwrap();
    assert_eq!(counts.articles, 19);
    assert_eq!(counts.copies, 19);
    assert_eq!(counts.assigned, 19);
    assert!(counts.comparisons >= 3, "{counts:?}");
}

#[test]
fn ids_come_from_file_names_jsonl_rows_and_warc_records() {
    let corpus = corpus();
    let out = run(&["extract", corpus.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut ids: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    let mut want: Vec<String> = expected()["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    // Output is in input order: files sorted by name, rows and records in order.
    let first_three: Vec<&str> = ids.iter().take(3).map(String::as_str).collect();
    assert_eq!(
        first_three,
        [
            "courier-brenholt-dam",
            "courier-ostrel-sirens",
            "courier-summit-farmers"
        ]
    );
    ids.sort();
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn standard_input_is_sniffed() {
    let rows = std::fs::read(corpus().join("wire.jsonl")).unwrap();
    let out = crossread()
        .args(["extract", "-"])
        .write_stdin(rows)
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines = json_lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "mw-20250302-brenholt");

    let warc = std::fs::read(corpus().join("news.warc.gz")).unwrap();
    let out = crossread()
        .args(["extract", "-"])
        .write_stdin(warc)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(
        lines.len(),
        3,
        "the request and warcinfo records are skipped"
    );
    assert_eq!(
        lines[0]["id"],
        "urn:uuid:6f1c2a9e-4b7d-4e21-9a3c-0d5e8b1f7a01"
    );
    assert_eq!(
        lines[0]["url"].as_str().map(|u| u.starts_with("http")),
        Some(true)
    );
}

#[test]
fn bad_inputs_are_named_and_good_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad");
    let made = std::process::Command::new("python3")
        .arg(repo().join("examples/bad/make_bad.py"))
        .arg(&bad)
        .status()
        .expect("python3 runs the bad-input generator");
    assert!(made.success());
    let db = dir.path().join("x.db");
    let out = run(&[
        "analyze",
        "--db",
        db.to_str().unwrap(),
        bad.to_str().unwrap(),
    ]);
    assert_eq!(
        out.code, 3,
        "some inputs rejected, the rest stored: {}",
        out.stderr
    );
    let err = &out.stderr;
    let expect_line = |file: &str, reason: &str| {
        assert!(
            err.lines().any(|l| l.starts_with("crossread: rejected")
                && l.contains(file)
                && l.contains(reason)),
            "no rejection of {file} for {reason:?} in:\n{err}"
        );
    };
    expect_line("empty.txt", "empty input");
    expect_line("binary.html", "binary content");
    expect_line("truncated.warc.gz", "truncated");
    expect_line("truncated.txt.gz", "truncated gzip");
    expect_line("malformed.jsonl:3", "invalid JSON");
    expect_line("malformed.jsonl:4", "missing \"id\"");
    expect_line("malformed.jsonl:5", "neither \"text\" nor \"html\"");
    expect_line("loop", "symlink loop");
    expect_line("dangling.txt", "No such file");
    assert!(
        err.contains("misencoded.html: declared utf-8 but the bytes are not valid utf-8"),
        "{err}"
    );

    let store = Store::open(&db).unwrap();
    let mut ids: Vec<String> = store
        .articles()
        .unwrap()
        .into_iter()
        .map(|a| a.id.to_string())
        .collect();
    ids.sort();
    let mut want = vec![
        "bad-good-1",
        "bad-good-2",
        "bad-good-3",
        "deep",
        "good",
        "misencoded",
        "urn:uuid:00000000-0000-4000-8000-0000000000b0",
    ];
    // chmod 000 does not stop root.
    if ids.iter().any(|i| i == "unreadable") {
        want.push("unreadable");
    } else {
        expect_line("unreadable.txt", "Permission denied");
    }
    want.sort();
    assert_eq!(ids, want);
    let misencoded = store
        .articles()
        .unwrap()
        .into_iter()
        .find(|a| a.id.as_str() == "misencoded")
        .unwrap();
    assert!(misencoded.text.contains("£3.20"), "{:?}", misencoded.text);
}

#[test]
fn huge_articles_are_refused_with_the_limit_named() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    // 3 MiB of words: over a 2 MiB limit.
    f.set_len(0).unwrap();
    std::fs::write(&big, "word ".repeat(3 << 20 >> 2)).unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "A short article about a ferry.").unwrap();
    let db = dir.path().join("x.db");
    let out = run(&[
        "analyze",
        "--db",
        db.to_str().unwrap(),
        "--max-article-mb",
        "2",
        big.to_str().unwrap(),
        small.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("big.txt: article is larger than the 2097152-byte limit"),
        "{}",
        out.stderr
    );
    assert_eq!(Store::open(&db).unwrap().counts(1).unwrap().articles, 1);
}

#[test]
fn a_broken_store_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    std::fs::write(&db, "not a database, just text that someone typed in here").unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = run(&[
        "analyze",
        "--db",
        db.to_str().unwrap(),
        corpus().to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("not a crossread database"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);

    let out = run(&[
        "report",
        "--db",
        dir.path().join("none.db").to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no store at"), "{}", out.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["analyze"]);
    assert_eq!(out.code, 2);
    let out = run(&["--help"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Examples:"), "{}", out.stdout);
}
