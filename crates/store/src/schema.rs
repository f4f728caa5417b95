//! The schema and its migrations. `PRAGMA user_version` holds the number of
//! migrations applied; each migration runs in its own transaction.

use crate::StoreError;
use rusqlite::Connection;
use std::path::Path;

/// Migrations in order; never edit a published one, append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: documents and extracted articles, stage results.
    "CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        body_kind TEXT NOT NULL CHECK (body_kind IN ('html', 'text')),
        body TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        date TEXT,
        title TEXT,
        fetched TEXT,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        extracted TEXT,
        extract_version INTEGER
    );
    CREATE INDEX articles_pending ON articles (extract_version);
    CREATE TABLE copies (
        id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        copy_group TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX copies_group ON copies (copy_group);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        story TEXT NOT NULL,
        thread TEXT NOT NULL
    );
    CREATE INDEX stories_story ON stories (story);
    CREATE TABLE stage_state (
        stage TEXT PRIMARY KEY,
        state BLOB NOT NULL
    );
    CREATE TABLE comparisons (
        story TEXT PRIMARY KEY,
        report TEXT NOT NULL
    );",
];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let err = |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    };
    let current: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(err)?;
    if current > VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            known: VERSION,
        });
    }
    if current == 0 {
        // A file with tables but no version is someone else's database.
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .map_err(err)?;
        if tables > 0 {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                reason: "an SQLite file with other tables".into(),
            });
        }
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction().map_err(err)?;
        tx.execute_batch(sql).map_err(err)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .map_err(err)?;
        tx.commit().map_err(err)?;
    }
    Ok(())
}
