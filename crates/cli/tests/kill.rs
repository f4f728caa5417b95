//! End-to-end: an ingest killed with SIGKILL midway loses nothing it committed,
//! leaves a store that opens, and a second run finishes the set exactly.

mod common;
use common::*;
use crossread_store::Store;
use std::io::Write;
use std::time::{Duration, Instant};

const ROWS: usize = 100_000;

#[test]
fn sigkill_midway_then_rerun_stores_exactly_the_full_set() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
        for i in 0..ROWS {
            let text = format!(
                "Article {i} reports that the council of town {} met on day {} and voted {} to {}. ",
                i % 997,
                i % 31,
                i % 13,
                i % 7
            )
            .repeat(6);
            writeln!(
                f,
                "{}",
                serde_json::json!({"id": format!("row-{i:06}"), "outlet": "Gen", "text": text})
            )
            .unwrap();
        }
    }
    let db = dir.path().join("x.db");
    let args = [
        "analyze",
        "--db",
        db.to_str().unwrap(),
        "--stop-after",
        "ingest",
        "-q",
        input.to_str().unwrap(),
    ];

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("crossread"))
        .args(args)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill without warning.
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut seen = 0;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        if let Ok(store) = Store::open(&db) {
            if let Ok(c) = store.counts(1) {
                seen = c.articles;
                if seen >= 5_000 {
                    break;
                }
            }
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the run must have been killed, not finished"
    );

    let after_kill = Store::open(&db)
        .expect("the killed store opens")
        .counts(1)
        .unwrap()
        .articles;
    assert!(after_kill >= seen, "committed rows survive the kill");
    assert!(
        (after_kill as usize) < ROWS,
        "killed midway: {after_kill} of {ROWS} stored"
    );
    assert_eq!(after_kill % 1000, 0, "only whole batches are committed");

    let out = run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "{ROWS} articles read, {} stored, {after_kill} already stored, 0 rejected",
            ROWS as u64 - after_kill
        )),
        "{}",
        out.stderr
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(store.counts(1).unwrap().articles, ROWS as u64);
    let pending = store.documents_to_extract(1, ROWS + 1).unwrap();
    let mut ids: Vec<String> = pending.into_iter().map(|d| d.id.to_string()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), ROWS);
    assert_eq!(ids.first().map(String::as_str), Some("row-000000"));
    assert_eq!(ids.last().map(String::as_str), Some("row-099999"));
}
