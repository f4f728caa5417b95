//! The store: one SQLite file (default `./crossread.db`) holding every document
//! ingest produced, the article extract made of it, and the results of the later
//! stages. Nothing to install: SQLite is compiled in.
//!
//! Guarantees:
//! - every write is one transaction: a process killed at any moment leaves the
//!   file openable with everything committed before the kill (WAL journal);
//! - identical inputs are stored once (the document's content hash is unique);
//! - the schema is versioned (`PRAGMA user_version`) and migrated forward on open;
//!   a file written by a newer crossread is refused, not damaged.
//!
//! The store does not decide anything: it keeps what the stages computed. Stage
//! results it does not know the type of (a story comparison) are kept as JSON.
#![deny(missing_docs)]

mod schema;

use crossread_core::{Article, Body, CopyRecord, Document, StoryAssignment};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// What can go wrong with the store.
#[derive(Debug, Error)]
pub enum StoreError {
    /// SQLite refused an operation on this file.
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// The file is not a crossread database (or not SQLite at all).
    #[error("{path}: not a crossread database ({reason})")]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// What was found instead.
        reason: String,
    },
    /// The file was written by a newer crossread.
    #[error("{path}: schema version {found} is newer than this crossread understands ({known}); upgrade crossread")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// A stored value could not be read back.
    #[error("{path}: stored {what} is unreadable: {reason}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Which value.
        what: String,
        /// Why.
        reason: String,
    },
}

/// Result of storing a batch of documents.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InsertSummary {
    /// New documents stored.
    pub added: usize,
    /// Documents already stored with the same content (skipped).
    pub duplicates: usize,
    /// Documents whose id is already stored with other content, with the origin of
    /// the stored one (not stored).
    pub conflicts: Vec<Conflict>,
}

/// An id already stored with different content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The id both share.
    pub id: String,
    /// Where the new one came from.
    pub origin: String,
    /// Where the stored one came from.
    pub stored_origin: String,
}

/// Row counts, for reports and tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Documents stored.
    pub articles: u64,
    /// Of which extracted with the current extractor version.
    pub extracted: u64,
    /// Copy records.
    pub copies: u64,
    /// Story assignments.
    pub assigned: u64,
    /// Distinct stories.
    pub stories: u64,
    /// Stored story comparisons.
    pub comparisons: u64,
}

/// Wraps SQLite errors with the file they happened on. A free function so
/// that it can borrow the path while a transaction borrows the connection.
fn sqlite_err(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + Copy + '_ {
    move |source| StoreError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and migrates its schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path).map_err(|source| StoreError::Sqlite {
            path: path.clone(),
            source,
        })?;
        let mut store = Store { conn, path };
        store.configure()?;
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        sqlite_err(&self.path)
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        // The first read tells whether this is a database at all.
        let probe: Result<String, _> = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0));
        match probe {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, msg))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
                ) =>
            {
                return Err(StoreError::NotADatabase {
                    path: self.path.clone(),
                    reason: msg.unwrap_or_else(|| e.to_string()),
                })
            }
            Err(source) => {
                return Err(StoreError::Sqlite {
                    path: self.path.clone(),
                    source,
                })
            }
        }
        self.conn
            .execute_batch(
                "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA wal_autocheckpoint = 16384; PRAGMA cache_size = -65536;",
            )
            .map_err(self.err())
    }

    /// Stores documents in one transaction. Identical documents already stored are
    /// skipped; an id stored with other content is reported, not overwritten.
    pub fn insert_documents(&mut self, docs: &[Document]) -> Result<InsertSummary, StoreError> {
        let err = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(err)?;
        let mut summary = InsertSummary::default();
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO articles (id, content_hash, origin, body_kind, body, url, outlet, date, title, fetched)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING",
                )
                .map_err(err)?;
            let mut existing = tx
                .prepare_cached("SELECT content_hash, origin FROM articles WHERE id = ?1")
                .map_err(err)?;
            for doc in docs {
                let hash = doc.content_hash().to_hex();
                let (kind, body) = match &doc.body {
                    Body::Html(s) => ("html", s),
                    Body::Text(s) => ("text", s),
                };
                let n = insert
                    .execute(params![
                        doc.id.as_str(),
                        hash,
                        doc.origin,
                        kind,
                        body,
                        doc.url,
                        doc.outlet,
                        doc.date,
                        doc.title,
                        doc.fetched
                    ])
                    .map_err(err)?;
                if n == 1 {
                    summary.added += 1;
                    continue;
                }
                let stored: Option<(String, String)> = existing
                    .query_row([doc.id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
                    .map_err(err)?;
                match stored {
                    Some((h, _)) if h == hash => summary.duplicates += 1,
                    Some((_, stored_origin)) => summary.conflicts.push(Conflict {
                        id: doc.id.to_string(),
                        origin: doc.origin.clone(),
                        stored_origin,
                    }),
                    // Same hash under no row with this id cannot happen (the hash
                    // covers the id); count it as a duplicate to stay total.
                    None => summary.duplicates += 1,
                }
            }
        }
        tx.commit().map_err(err)?;
        Ok(summary)
    }

    /// Up to `limit` stored documents not yet extracted by extractor `version`, in
    /// arrival order.
    pub fn documents_to_extract(
        &self,
        version: i64,
        limit: usize,
    ) -> Result<Vec<Document>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, origin, body_kind, body, url, outlet, date, title, fetched FROM articles
                 WHERE extract_version IS NULL OR extract_version <> ?1 ORDER BY seq LIMIT ?2",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map(params![version, limit as i64], |r| {
                let kind: String = r.get(2)?;
                let body: String = r.get(3)?;
                Ok(Document {
                    id: r.get::<_, String>(0)?.into(),
                    origin: r.get(1)?,
                    body: if kind == "html" {
                        Body::Html(body)
                    } else {
                        Body::Text(body)
                    },
                    url: r.get(4)?,
                    outlet: r.get(5)?,
                    date: r.get(6)?,
                    title: r.get(7)?,
                    fetched: r.get(8)?,
                })
            })
            .map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// Stores extracted articles (made by extractor `version`) in one transaction.
    pub fn save_articles(&mut self, articles: &[Article], version: i64) -> Result<(), StoreError> {
        let err = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "UPDATE articles SET extracted = ?2, extract_version = ?3 WHERE id = ?1",
                )
                .map_err(err)?;
            for a in articles {
                let json = serde_json::to_string(a).expect("articles serialise");
                stmt.execute(params![a.id.as_str(), json, version])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Every extracted article, in arrival order.
    pub fn articles(&self) -> Result<Vec<Article>, StoreError> {
        self.json_rows(
            "SELECT id, extracted FROM articles WHERE extracted IS NOT NULL ORDER BY seq",
            "article",
        )
    }

    fn json_rows<T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        what: &str,
    ) -> Result<Vec<T>, StoreError> {
        let mut stmt = self.conn.prepare(sql).map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(self.err())?;
        let mut out = Vec::new();
        for row in rows {
            let (key, json) = row.map_err(self.err())?;
            out.push(
                serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
                    path: self.path.clone(),
                    what: format!("{what} {key}"),
                    reason: e.to_string(),
                })?,
            );
        }
        Ok(out)
    }

    /// Replaces every copy record with `records` and records `input_key`
    /// (what the records were computed from; read back with
    /// `stage_state("copies")`), in one transaction, so the key always
    /// describes the records stored.
    pub fn save_copies(
        &mut self,
        records: &[CopyRecord],
        input_key: &[u8],
    ) -> Result<(), StoreError> {
        let err = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute("DELETE FROM copies", []).map_err(err)?;
        tx.execute(
            "INSERT INTO stage_state (stage, state) VALUES ('copies', ?1)
             ON CONFLICT(stage) DO UPDATE SET state = excluded.state",
            [input_key],
        )
        .map_err(err)?;
        {
            let mut stmt = tx
                .prepare_cached("INSERT INTO copies (id, copy_group, record) VALUES (?1, ?2, ?3)")
                .map_err(err)?;
            for r in records {
                let json = serde_json::to_string(r).expect("copy records serialise");
                stmt.execute(params![r.id.as_str(), r.group.as_str(), json])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Every copy record, in the articles' arrival order.
    pub fn copies(&self) -> Result<Vec<CopyRecord>, StoreError> {
        self.json_rows(
            "SELECT c.id, c.record FROM copies c JOIN articles a ON a.id = c.id ORDER BY a.seq",
            "copy record",
        )
    }

    /// The saved state of a stage (`stories`' online clusterer, the key of
    /// the input the stored copy records were computed from), if any.
    pub fn stage_state(&self, stage: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.conn
            .query_row(
                "SELECT state FROM stage_state WHERE stage = ?1",
                [stage],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())
    }

    /// Stores story assignments and the clusterer's state together, in one
    /// transaction, so that the state always matches the assignments.
    pub fn save_stories(
        &mut self,
        assignments: &[StoryAssignment],
        state: &[u8],
    ) -> Result<(), StoreError> {
        let err = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO stories (id, story, thread) VALUES (?1, ?2, ?3)
                     ON CONFLICT(id) DO UPDATE SET story = excluded.story, thread = excluded.thread",
                )
                .map_err(err)?;
            for a in assignments {
                stmt.execute(params![a.id.as_str(), a.story.as_str(), a.thread.as_str()])
                    .map_err(err)?;
            }
            tx.execute(
                "INSERT INTO stage_state (stage, state) VALUES ('stories', ?1)
                 ON CONFLICT(stage) DO UPDATE SET state = excluded.state",
                [state],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)
    }

    /// Every story assignment, in the articles' arrival order.
    pub fn stories(&self) -> Result<Vec<StoryAssignment>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT s.id, s.story, s.thread FROM stories s JOIN articles a ON a.id = s.id ORDER BY a.seq")
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok(StoryAssignment {
                    id: r.get::<_, String>(0)?.into(),
                    story: r.get::<_, String>(1)?.into(),
                    thread: r.get::<_, String>(2)?.into(),
                })
            })
            .map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// Replaces the stored comparisons of the given stories (JSON documents keyed
    /// by story id), in one transaction.
    pub fn save_comparisons(&mut self, items: &[(String, String)]) -> Result<(), StoreError> {
        let err = sqlite_err(&self.path);
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO comparisons (story, report) VALUES (?1, ?2)
                     ON CONFLICT(story) DO UPDATE SET report = excluded.report",
                )
                .map_err(err)?;
            for (story, json) in items {
                stmt.execute(params![story, json]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Every stored comparison as JSON text, ordered by story id.
    pub fn comparisons(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT report FROM comparisons ORDER BY story")
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// Ids of the stories that have a stored comparison.
    pub fn compared_stories(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT story FROM comparisons ORDER BY story")
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(self.err())?;
        rows.collect::<Result<_, _>>().map_err(self.err())
    }

    /// Row counts; `extract_version` is the current extractor's version.
    pub fn counts(&self, extract_version: i64) -> Result<Counts, StoreError> {
        let one = |sql: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(self.err())
        };
        Ok(Counts {
            articles: one("SELECT count(*) FROM articles")?,
            extracted: self
                .conn
                .query_row(
                    "SELECT count(*) FROM articles WHERE extract_version = ?1",
                    [extract_version],
                    |r| r.get::<_, i64>(0),
                )
                .map(|n| n as u64)
                .map_err(self.err())?,
            copies: one("SELECT count(*) FROM copies")?,
            assigned: one("SELECT count(*) FROM stories")?,
            stories: one("SELECT count(DISTINCT story) FROM stories")?,
            comparisons: one("SELECT count(*) FROM comparisons")?,
        })
    }
}

#[cfg(test)]
mod tests;
