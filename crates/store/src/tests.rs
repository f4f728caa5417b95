//! Store tests on temporary files.

use super::*;
use crossread_core::{Derivation, GroupId};

fn doc(id: &str, text: &str) -> Document {
    Document::new(id, format!("{id}.txt"), Body::Text(text.into()))
}

#[test]
fn identical_documents_are_stored_once_and_conflicts_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("x.db")).unwrap();
    let s = store
        .insert_documents(&[doc("a", "one"), doc("b", "two"), doc("a", "one")])
        .unwrap();
    assert_eq!((s.added, s.duplicates), (2, 1));
    let s = store
        .insert_documents(&[doc("a", "one"), doc("a", "changed")])
        .unwrap();
    assert_eq!((s.added, s.duplicates, s.conflicts.len()), (0, 1, 1));
    assert_eq!(s.conflicts[0].stored_origin, "a.txt");
    assert_eq!(store.counts(1).unwrap().articles, 2);
}

#[test]
fn extraction_progress_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .insert_documents(&[doc("a", "one"), doc("b", "two")])
            .unwrap();
        let pending = store.documents_to_extract(1, 10).unwrap();
        assert_eq!(pending.len(), 2);
        store
            .save_articles(&[Article::from_text("a", "one")], 1)
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let pending = store.documents_to_extract(1, 10).unwrap();
    assert_eq!(
        pending.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["b"]
    );
    // A new extractor version re-extracts everything.
    assert_eq!(store.documents_to_extract(2, 10).unwrap().len(), 2);
    assert_eq!(store.articles().unwrap()[0].text, "one");
}

#[test]
fn stage_results_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("x.db")).unwrap();
    store.insert_documents(&[doc("a", "one")]).unwrap();
    let rec = CopyRecord {
        id: "a".into(),
        group: GroupId::new("g-a"),
        origin: "a".into(),
        derived: Derivation::None,
        source: None,
        passages: vec![],
    };
    assert_eq!(store.stage_state("copies").unwrap(), None);
    store
        .save_copies(std::slice::from_ref(&rec), b"key1")
        .unwrap();
    assert_eq!(store.copies().unwrap(), vec![rec.clone()]);
    assert_eq!(
        store.stage_state("copies").unwrap().as_deref(),
        Some(&b"key1"[..])
    );
    // Saving again replaces both the records and the key.
    store.save_copies(&[], b"key2").unwrap();
    assert!(store.copies().unwrap().is_empty());
    assert_eq!(
        store.stage_state("copies").unwrap().as_deref(),
        Some(&b"key2"[..])
    );
    store
        .save_copies(std::slice::from_ref(&rec), b"key1")
        .unwrap();
    let asg = StoryAssignment {
        id: "a".into(),
        story: "s1".into(),
        thread: "t1".into(),
    };
    store
        .save_stories(std::slice::from_ref(&asg), b"state")
        .unwrap();
    assert_eq!(store.stories().unwrap(), vec![asg]);
    assert_eq!(
        store.stage_state("stories").unwrap().as_deref(),
        Some(&b"state"[..])
    );
    store
        .save_comparisons(&[("s1".into(), "{\"id\":\"s1\"}".into())])
        .unwrap();
    assert_eq!(
        store.comparisons().unwrap(),
        vec!["{\"id\":\"s1\"}".to_owned()]
    );
}

#[test]
fn foreign_and_garbage_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not sqlite at all, just some words........").unwrap();
    let before = std::fs::read(&junk).unwrap();
    let e = Store::open(&junk)
        .err()
        .expect("garbage refused")
        .to_string();
    assert!(e.contains("not a crossread database"), "{e}");
    assert_eq!(std::fs::read(&junk).unwrap(), before);

    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let e = Store::open(&other)
        .err()
        .expect("foreign refused")
        .to_string();
    assert!(e.contains("other tables"), "{e}");

    let newer = dir.path().join("newer.db");
    Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999")
        .unwrap();
    let e = Store::open(&newer)
        .err()
        .expect("newer refused")
        .to_string();
    assert!(e.contains("newer than this crossread"), "{e}");
}
