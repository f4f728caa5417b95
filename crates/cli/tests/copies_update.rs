//! A second `analyze` over new files decides the new articles' copies as one
//! run over everything would, and keeps the stored records of the others
//! unless a new article came before them.

mod common;
use common::*;
use crossread_core::CopyRecord;
use crossread_store::Store;
use std::collections::HashMap;

type Records = HashMap<String, CopyRecord>;

/// The stored copy records, by id.
fn stored(db: &std::path::Path) -> Records {
    let store = Store::open(db).unwrap();
    store
        .copies()
        .unwrap()
        .into_iter()
        .map(|c| (c.id.to_string(), c))
        .collect()
}

/// The records `crossread copies` prints with `args`, by id.
fn printed(args: &[&str]) -> Records {
    let out = run(args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    json_lines(&out.stdout)
        .into_iter()
        .map(|row| {
            let rec: CopyRecord = serde_json::from_value(row).unwrap();
            (rec.id.to_string(), rec)
        })
        .collect()
}

/// Gives the stored wire story's record a passage no run would find (the
/// whole text, as a rewrite of itself), keeping the stage's state: a record
/// kept by the next run still has it, one worked out again has not.
fn mark_stored_records(db: &std::path::Path) {
    let mut store = Store::open(db).unwrap();
    let state = store
        .stage_state("copies")
        .unwrap()
        .expect("a copies state");
    let mut recs = store.copies().unwrap();
    let rec = recs
        .iter_mut()
        .find(|r| r.id.as_str() == "mw-20250302-brenholt")
        .unwrap();
    rec.passages.push(crossread_core::Passage {
        start: 0,
        end: 1,
        text: "M".into(),
        source: rec.id.clone(),
        source_start: 0,
        source_end: 1,
        kind: crossread_core::PassageKind::Rewrite,
    });
    store.save_copies(&recs, &state).unwrap();
}

/// Analyzes the demo corpus's files but `later` (sorted by name), then
/// `later`: the records stored after the first run and after the second,
/// and those of `crossread copies` over the same files in the same order.
fn two_runs(later: &[&str]) -> (Records, Records, Records) {
    let db = TempStore::new("c.db");
    let db_s = db.arg();
    let mut first: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            [".txt", ".html", ".jsonl", ".warc.gz"]
                .iter()
                .any(|x| n.ends_with(x))
                && !later.contains(&n.as_str())
        })
        .collect();
    first.sort();
    let first: Vec<String> = first.iter().map(|n| corpus_file(n)).collect();
    let second: Vec<String> = later.iter().map(|n| corpus_file(n)).collect();
    let mut snapshots = Vec::new();
    for files in [&first, &second] {
        let mut args = vec!["analyze", "-q", "--db", db_s];
        args.extend(files.iter().map(String::as_str));
        let out = run(&args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        if snapshots.is_empty() {
            mark_stored_records(&db.path);
        }
        snapshots.push(stored(&db.path));
    }
    let mut args = vec!["copies"];
    args.extend(first.iter().chain(&second).map(String::as_str));
    let batch = printed(&args);
    let after = snapshots.pop().unwrap();
    let before = snapshots.pop().unwrap();
    assert_eq!((before.len() + later.len(), after.len()), (19, 19));
    (before, after, batch)
}

#[test]
fn later_articles_leave_the_stored_records_as_they_were() {
    // The Ostrel dam reports are the corpus's latest: they came before none
    // of the stored articles.
    let later = ["courier-ostrel-sirens.txt", "northbank-ostrel-cleanup.html"];
    let (before, after, batch) = two_runs(&later);
    for (id, rec) in &before {
        assert_eq!(&after[id], rec, "{id} kept");
    }
    assert_eq!(
        after["mw-20250302-brenholt"].passages.len(),
        1,
        "not worked out again"
    );
    for id in ["courier-ostrel-sirens", "northbank-ostrel-cleanup"] {
        assert_eq!(after[id], batch[id], "{id} as in one run");
    }
    // As designed (expected.json): the clean-up report draws on nothing.
    let nb = &after["northbank-ostrel-cleanup"];
    assert_eq!(
        (nb.derived, &nb.source),
        (crossread_core::Derivation::None, &None)
    );
}

#[test]
fn a_republication_that_arrives_later_joins_its_copy_group() {
    let (before, after, batch) = two_runs(&["northbank-brenholt-dam.html"]);
    let nb = &after["northbank-brenholt-dam"];
    assert_eq!(nb, &batch["northbank-brenholt-dam"]);
    // As designed (expected.json): one group with the wire story.
    assert_eq!(
        (nb.group.as_str(), nb.source.as_ref().map(|s| s.as_str())),
        ("mw-20250302-brenholt", Some("mw-20250302-brenholt"))
    );
    // A stored article is kept or, where the new one came before it and is
    // among its candidates, decided again as one run would decide it.
    for (id, rec) in &before {
        assert!(&after[id] == rec || after[id] == batch[id], "{id}");
    }
}

#[test]
fn recompute_copies_works_every_record_out_again() {
    let db = TempStore::new("c.db");
    let db_s = db.arg();
    let folder = corpus();
    let folder = folder.to_str().unwrap();
    let first = run(&["analyze", "-q", "--db", db_s, folder]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    mark_stored_records(&db.path);
    let again = run(&["analyze", "-q", "--recompute-copies", "--db", db_s, folder]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(stored(&db.path), printed(&["copies", folder]));
}
