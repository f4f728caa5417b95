//! Why an input, a line or a record was rejected.

use std::fmt;
use thiserror::Error;

/// The reason ingest could not use an input (or part of one).
#[derive(Debug, Error)]
pub enum IngestError {
    /// The operating system refused or failed the read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// A directory where a file was expected.
    #[error("is a directory")]
    IsDirectory,
    /// Nothing, or only white space.
    #[error("empty input")]
    Empty,
    /// NUL bytes or control characters: not text or HTML.
    #[error("binary content, not text or HTML")]
    Binary,
    /// One article over the size limit.
    #[error("article is larger than the {limit}-byte limit (--max-article-mb)")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// A gzip stream that ends before its end.
    #[error("truncated gzip stream (the file ends before the compressed data does)")]
    TruncatedGzip,
    /// Bytes that are not gzip where gzip was expected, or corrupt gzip.
    #[error("corrupt gzip data: {0}")]
    CorruptGzip(String),
    /// A JSONL line that cannot be used.
    #[error("line {line}: {reason}")]
    JsonlLine {
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// A WARC stream or record that cannot be used.
    #[error("WARC: {0}")]
    Warc(String),
    /// A folder that links back to one of its parents.
    #[error("symlink loop (a link points back to a folder that contains it)")]
    SymlinkLoop,
    /// Not a format crossread reads.
    #[error("unsupported file type (expected .txt, .html, .htm, .warc, .jsonl, optionally .gz)")]
    Unsupported,
}

/// One rejected input, line or record, with its reason.
#[derive(Debug)]
pub struct Rejection {
    /// The input's path, plus `:LINE` or `#record-id` inside a container.
    pub origin: String,
    /// Why it was rejected.
    pub error: IngestError,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.error)
    }
}
