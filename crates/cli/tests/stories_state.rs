//! The saved stories state across crossread versions: an older state is
//! replaced by placing every stored article again; a newer or damaged one is
//! refused and left as it is.

mod common;
use common::*;
use crossread_store::Store;

/// Rewrites the version field (bytes 8..12) of the saved stories state.
fn set_state_version(db: &std::path::Path, version: u32) -> Vec<u8> {
    let mut store = Store::open(db).unwrap();
    let mut bytes = store
        .stage_state("stories")
        .unwrap()
        .expect("a saved state");
    bytes[8..12].copy_from_slice(&version.to_le_bytes());
    store.save_stories(&[], &bytes).unwrap();
    bytes
}

#[test]
fn an_older_state_is_rebuilt_and_a_newer_one_refused_untouched() {
    let tmp = TempStore::new("s.db");
    let (db, db_s) = (tmp.path.as_path(), tmp.arg());
    let file = corpus_file;

    let first = run(&[
        "analyze",
        "-q",
        "--db",
        db_s,
        &file("courier-brenholt-dam.txt"),
    ]);
    assert_eq!(first.code, 0, "{}", first.stderr);

    // A state from an older crossread: the next run places every article.
    set_state_version(db, 1);
    let second = run(&[
        "analyze",
        "-q",
        "--db",
        db_s,
        &file("lantern-brenholt-opinion.txt"),
    ]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stderr.contains("older crossread")
            && second
                .stderr
                .contains("placing all 2 stored articles again"),
        "{}",
        second.stderr
    );
    let store = Store::open(db).unwrap();
    assert_eq!(store.stories().unwrap().len(), 2);
    let state = store.stage_state("stories").unwrap().unwrap();
    assert_eq!(
        &state[8..12],
        &crossread_stories::STATE_VERSION.to_le_bytes()
    );
    drop(store);

    // A state from a newer crossread: refused, named, and left as it was.
    let newer = set_state_version(db, 999);
    let third = run(&[
        "analyze",
        "-q",
        "--db",
        db_s,
        &file("eastgate-summit-fishermen.txt"),
    ]);
    assert_eq!(third.code, 1, "{}", third.stderr);
    assert!(third.stderr.contains("cannot be read"), "{}", third.stderr);
    let store = Store::open(db).unwrap();
    assert_eq!(store.stage_state("stories").unwrap().unwrap(), newer);
    assert_eq!(store.stories().unwrap().len(), 2);
}
