//! The ingest stage: turns files, folders and standard input into decoded
//! [`Document`]s, streaming and in parallel.
//!
//! Formats: `.txt` (text someone already extracted from a page), `.html`/`.htm`,
//! `.warc` (response and resource records), `.jsonl` (one article per line), and any
//! of these gzip-compressed (`.gz`). HTML is decoded to UTF-8 from its BOM, the HTTP
//! header, its `<meta>` charset or by detection; text from its BOM, as UTF-8, or by
//! detection.
//!
//! Every input is bounded: one article may not exceed
//! [`IngestOptions::max_article_bytes`] (decompressed), and a JSONL line or WARC
//! record over it is rejected without being held in memory. A bad input becomes a
//! [`Rejection`] naming the input and the reason; the inputs beside it go on.
//!
//! Ingest does not extract the article (that is `crossread-extract`), does not store
//! anything, and never reads the network.
#![deny(missing_docs)]

mod decode;
mod error;
mod format;
mod jsonl;
mod limits;
mod walk;
mod warc;

use crossread_core::Document;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use error::{IngestError, Rejection};
pub use format::{article_id_from_path, Format};
pub use walk::discover;

/// Limits and choices for one ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// The largest article accepted, in bytes after decompression. A bigger one is
    /// rejected with a message naming this limit.
    pub max_article_bytes: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_article_bytes: 32 << 20,
        }
    }
}

/// One thing named on the command line or found in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file.
    File(PathBuf),
    /// Standard input (`-`); its format is sniffed from its first bytes.
    Stdin,
}

impl Input {
    /// The name used in messages.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_owned(),
        }
    }
}

/// What ingest reports while it runs, in the order each input produces them.
#[derive(Debug)]
pub enum Event {
    /// A decoded document, ready for extraction.
    Document(Document),
    /// An input, a line or a record that could not be used, and why.
    Rejected(Rejection),
    /// A warning about an input that was still used (a wrong declared charset, ...).
    Warning {
        /// Which input.
        origin: String,
        /// What was odd.
        message: String,
    },
    /// An input was read to its end; `bytes` is its size on disk.
    Finished {
        /// Bytes of the input as read (compressed size for `.gz`).
        bytes: u64,
    },
}

/// Reads every input on `threads` worker threads and hands each event to `sink`
/// on the calling thread, in input order: all events of input 0, then of input 1,
/// and so on, each input's documents in their order inside it. Output is therefore
/// the same run to run, whatever the thread timing.
///
/// Memory stays bounded: each input streams through a small channel, and at most
/// `2 * threads` inputs are read ahead of the one `sink` is consuming.
pub fn ingest<F>(inputs: &[Input], options: &IngestOptions, threads: usize, mut sink: F)
where
    F: FnMut(Event),
{
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc::{sync_channel, Receiver};
    use std::sync::Mutex;

    let threads = threads.max(1);
    let window = 2 * threads;
    let next = AtomicUsize::new(0);
    // A worker needs a token to start an input; the consumer returns one each time
    // it finishes an input, so workers never run more than `window` ahead.
    let (token_tx, token_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        let _ = token_tx.send(());
    }
    let token_rx = Mutex::new(token_rx);
    let (order_tx, order_rx) = sync_channel::<(usize, Receiver<Event>)>(window);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(inputs.len().max(1)) {
            let order_tx = order_tx.clone();
            let (next, token_rx) = (&next, &token_rx);
            scope.spawn(move || loop {
                let index = {
                    let Ok(guard) = token_rx.lock() else { return };
                    if guard.recv().is_err() {
                        return;
                    }
                    next.fetch_add(1, Ordering::SeqCst)
                };
                if index >= inputs.len() {
                    return;
                }
                let (tx, rx) = sync_channel::<Event>(64);
                if order_tx.send((index, rx)).is_err() {
                    return;
                }
                read_input(&inputs[index], options, &|e| {
                    let _ = tx.send(e);
                });
            });
        }
        drop(order_tx);
        let mut arrived: BTreeMap<usize, Receiver<Event>> = BTreeMap::new();
        for head in 0..inputs.len() {
            let rx = loop {
                if let Some(rx) = arrived.remove(&head) {
                    break Some(rx);
                }
                match order_rx.recv() {
                    Ok((i, rx)) => {
                        arrived.insert(i, rx);
                    }
                    Err(_) => break None,
                }
            };
            let Some(rx) = rx else { break };
            for event in rx {
                sink(event);
            }
            let _ = token_tx.send(());
        }
        // Wake and stop every worker still waiting for a token.
        drop(token_tx);
    });
}

/// Reads one input to its end, sending its events to `sink`.
pub fn read_input(input: &Input, options: &IngestOptions, sink: &dyn Fn(Event)) {
    match input {
        Input::File(path) => read_file(path, options, sink),
        Input::Stdin => read_stdin(options, sink),
    }
}

fn read_file(path: &Path, options: &IngestOptions, sink: &dyn Fn(Event)) {
    let origin = path.display().to_string();
    let reject = |error: IngestError| {
        sink(Event::Rejected(Rejection {
            origin: origin.clone(),
            error,
        }))
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return reject(IngestError::Io(e)),
    };
    let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return reject(IngestError::IsDirectory);
        }
    }
    let format = match Format::from_path(path) {
        Some(f) => f,
        None => {
            // A file named explicitly with an unknown extension: look at its bytes.
            let mut head = Vec::new();
            if let Err(e) = (&file).take(4096).read_to_end(&mut head) {
                return reject(IngestError::Io(e));
            }
            match Format::sniff(&head) {
                Some(f) => {
                    return read_file_as(path, f, bytes, options, sink);
                }
                None if head.is_empty() => return reject(IngestError::Empty),
                None => return reject(IngestError::Unsupported),
            }
        }
    };
    drop(file);
    read_file_as(path, format, bytes, options, sink)
}

fn read_file_as(
    path: &Path,
    format: Format,
    bytes: u64,
    options: &IngestOptions,
    sink: &dyn Fn(Event),
) {
    let origin = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return sink(Event::Rejected(Rejection {
                origin,
                error: IngestError::Io(e),
            }))
        }
    };
    let id = article_id_from_path(path);
    if format.is_warc() {
        warc::read_warc(file, format.gzip, &origin, options, sink);
    } else {
        let reader = limits::open_stream(file, format.gzip);
        read_stream(reader, format, &id, &origin, options, sink);
    }
    sink(Event::Finished { bytes });
}

fn read_stdin(options: &IngestOptions, sink: &dyn Fn(Event)) {
    let origin = "-".to_owned();
    let mut stdin = std::io::stdin();
    let mut head = Vec::new();
    if let Err(e) = (&mut stdin).take(4096).read_to_end(&mut head) {
        return sink(Event::Rejected(Rejection {
            origin,
            error: IngestError::Io(e),
        }));
    }
    let Some(format) = Format::sniff(&head) else {
        let error = if head.is_empty() {
            IngestError::Empty
        } else {
            IngestError::Unsupported
        };
        return sink(Event::Rejected(Rejection { origin, error }));
    };
    let whole = std::io::Cursor::new(head).chain(stdin);
    if format.is_warc() {
        warc::read_warc(whole, format.gzip, &origin, options, sink);
    } else {
        let reader = limits::open_stream(whole, format.gzip);
        read_stream(reader, format, "stdin", &origin, options, sink);
    }
    sink(Event::Finished { bytes: 0 });
}

/// Reads a non-WARC stream (already decompressed when `.gz`).
fn read_stream(
    reader: Box<dyn Read + '_>,
    format: Format,
    id: &str,
    origin: &str,
    options: &IngestOptions,
    sink: &dyn Fn(Event),
) {
    let reject = |error: IngestError| {
        sink(Event::Rejected(Rejection {
            origin: origin.to_owned(),
            error,
        }))
    };
    match format.kind {
        format::Kind::Jsonl => jsonl::read_jsonl(reader, origin, options, sink),
        format::Kind::Html | format::Kind::Text => {
            let raw = match limits::read_capped(reader, options.max_article_bytes) {
                Ok(raw) => raw,
                Err(e) => return reject(e),
            };
            let is_html = format.kind == format::Kind::Html;
            match decode::decode(&raw, None, is_html) {
                Ok(decoded) => {
                    if let Some(message) = decoded.warning {
                        sink(Event::Warning {
                            origin: origin.to_owned(),
                            message,
                        });
                    }
                    let body = if is_html {
                        crossread_core::Body::Html(decoded.text)
                    } else {
                        crossread_core::Body::Text(decoded.text)
                    };
                    sink(Event::Document(Document::new(id, origin, body)));
                }
                Err(e) => reject(e),
            }
        }
        format::Kind::Warc => unreachable!("WARC is read by read_warc_file"),
    }
}

#[cfg(test)]
mod tests;
