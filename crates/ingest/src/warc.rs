//! WARC files, through the `fastwarc` crate: `response` records with an HTTP
//! message and `resource` records whose content type is HTML or text become
//! documents; `warcinfo`, `request`, `metadata`, `revisit` and non-HTML responses
//! (images, scripts) are skipped. The id is the `WARC-Record-ID` without its angle
//! brackets, the URL `WARC-Target-URI`, and `WARC-Date` is kept as the crawl time.
//!
//! A broken stream (truncated gzip, bad header) ends the file with one rejection;
//! the records before it are kept. A record over the size limit is rejected and
//! skipped without being read into memory.

use crate::decode::decode;
use crate::{Event, IngestError, IngestOptions, Rejection};
use crossread_core::{Body, Document};
use fastwarc::stream_io::bufread::RawReaderAdapter;
use fastwarc::warc::iter::{ArchiveIterator, ArchiveIteratorOptions};
use fastwarc::warc::record::{SharedWarcRecord, WarcRecord, WarcRecordType};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

/// A forward-only stream that fastwarc can read: it answers "where am I" (the
/// only seek fastwarc makes on a linear read) and refuses real seeks. Gzip is
/// decoded here, by flate2, so that a truncated member is an error and not, as
/// fastwarc's own decoder reports it, a clean end of the archive.
struct Forward {
    inner: Box<dyn BufRead + Send>,
    pos: u64,
}

impl Read for Forward {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl BufRead for Forward {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

impl Seek for Forward {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        match to {
            SeekFrom::Current(0) => Ok(self.pos),
            SeekFrom::Start(p) if p == self.pos => Ok(self.pos),
            _ => Err(std::io::Error::new(
                std::io::ErrorKind::Unsupported,
                "WARC input is read front to back",
            )),
        }
    }
}

/// Reads a WARC stream (gzip-compressed when `gzip`), sending its documents.
pub fn read_warc(
    source: impl Read + Send + 'static,
    gzip: bool,
    origin: &str,
    options: &IngestOptions,
    sink: &dyn Fn(Event),
) {
    let buffered = BufReader::with_capacity(256 << 10, source);
    let inner: Box<dyn BufRead + Send> = if gzip {
        Box::new(BufReader::with_capacity(
            256 << 10,
            flate2::bufread::MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };
    let reader = RawReaderAdapter::new(Forward { inner, pos: 0 });
    let iter_options = ArchiveIteratorOptions {
        stream_detect: false,
        parse_http: true,
        quirks_mode: true,
        ..ArchiveIteratorOptions::default()
    };
    let iter = ArchiveIterator::with_options(reader, iter_options);
    let mut index = 0u64;
    for item in iter {
        index += 1;
        let record = match item {
            Ok(r) => r,
            Err(e) => {
                let error = match e.kind() {
                    std::io::ErrorKind::UnexpectedEof if gzip => IngestError::TruncatedGzip,
                    std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData
                        if gzip && e.to_string().contains("gzip") =>
                    {
                        IngestError::CorruptGzip(e.to_string())
                    }
                    _ => IngestError::Warc(describe(&e)),
                };
                sink(Event::Rejected(Rejection {
                    origin: format!("{origin}#record-{index}"),
                    error,
                }));
                break;
            }
        };
        let outcome = record.with_mut(|r| to_document(r, origin, index, options));
        match outcome {
            Outcome::Document(doc, warning) => {
                if let Some(message) = warning {
                    sink(Event::Warning {
                        origin: doc.origin.clone(),
                        message,
                    });
                }
                sink(Event::Document(doc));
            }
            Outcome::Skip => {}
            Outcome::Reject(origin, error) => sink(Event::Rejected(Rejection { origin, error })),
            Outcome::Fatal(origin, error) => {
                sink(Event::Rejected(Rejection { origin, error }));
                break;
            }
        }
    }
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            "truncated: the file ends inside a record or its compressed stream".into()
        }
        _ => e.to_string(),
    }
}

enum Outcome {
    Document(Document, Option<String>),
    Skip,
    Reject(String, IngestError),
    Fatal(String, IngestError),
}

fn to_document(r: &mut WarcRecord, origin: &str, index: u64, options: &IngestOptions) -> Outcome {
    let kind = r.record_type();
    if kind != WarcRecordType::Response && kind != WarcRecordType::Resource {
        return Outcome::Skip;
    }
    let record_id = r
        .record_id()
        .map(|s| {
            s.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        })
        .filter(|s| !s.is_empty());
    let place = match &record_id {
        Some(id) => format!("{origin}#{id}"),
        None => format!("{origin}#record-{index}"),
    };
    let Some(id) = record_id else {
        return Outcome::Reject(
            place,
            IngestError::Warc("record has no WARC-Record-ID".into()),
        );
    };
    let headers = r.headers();
    let url = headers.get("WARC-Target-URI").map(|s| s.trim().to_owned());
    let fetched = headers.get("WARC-Date").map(|s| s.trim().to_owned());
    let (content_type, charset) = if kind == WarcRecordType::Response {
        if !r.is_http() {
            return Outcome::Skip;
        }
        let Some(http) = r.http_headers() else {
            return Outcome::Skip;
        };
        if let Some(code) = http.status_code() {
            if !(200..300).contains(&code) {
                return Outcome::Skip;
            }
        }
        (
            http.get("Content-Type").map(|s| s.to_ascii_lowercase()),
            r.http_charset().map(|s| s.into_owned()),
        )
    } else {
        (
            headers.get("Content-Type").map(|s| s.to_ascii_lowercase()),
            None,
        )
    };
    let is_html = match content_type.as_deref() {
        Some(ct) if ct.contains("html") => true,
        Some(ct) if ct.starts_with("text/plain") => false,
        None => true,
        Some(_) => return Outcome::Skip,
    };
    let length = r.content_length();
    if length > options.max_article_bytes as u64 + 64 * 1024 {
        return Outcome::Reject(
            place,
            IngestError::TooLarge {
                limit: options.max_article_bytes,
            },
        );
    }
    let Some(reader) = r.reader_mut() else {
        return Outcome::Skip;
    };
    let mut raw = Vec::new();
    if let Err(e) = reader
        .take(options.max_article_bytes as u64 + 1)
        .read_to_end(&mut raw)
    {
        return Outcome::Fatal(place, IngestError::Warc(describe(&e)));
    }
    // The body must be as long as the record says; a shorter one was cut off.
    let complete = match r.reader_mut() {
        Some(reader) => reader
            .stream_position()
            .map(|pos| pos >= reader.limit())
            .unwrap_or(false),
        None => false,
    };
    if !complete && raw.len() <= options.max_article_bytes {
        return Outcome::Fatal(
            place,
            IngestError::Warc("truncated: the file ends inside this record".into()),
        );
    }
    if raw.len() > options.max_article_bytes {
        return Outcome::Reject(
            place,
            IngestError::TooLarge {
                limit: options.max_article_bytes,
            },
        );
    }
    match decode(&raw, charset.as_deref(), is_html) {
        Ok(decoded) => {
            let body = if is_html {
                Body::Html(decoded.text)
            } else {
                Body::Text(decoded.text)
            };
            Outcome::Document(
                Document {
                    url,
                    fetched,
                    ..Document::new(id, place, body)
                },
                decoded.warning,
            )
        }
        Err(e) => Outcome::Reject(place, e),
    }
}
