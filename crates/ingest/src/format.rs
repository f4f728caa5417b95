//! Which reader an input needs, from its file name or, for standard input and
//! oddly named files, from its first bytes; and the article id a file name gives.

use std::path::Path;

/// The container kind of an input, before compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain text already extracted from a page.
    Text,
    /// An HTML page.
    Html,
    /// A WARC file.
    Warc,
    /// JSON Lines, one article per line.
    Jsonl,
}

/// An input's format: its kind and whether it is gzip-compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    /// What the (decompressed) bytes are.
    pub kind: Kind,
    /// Whether the bytes are gzip-compressed.
    pub gzip: bool,
}

const KINDS: &[(&str, Kind)] = &[
    ("txt", Kind::Text),
    ("text", Kind::Text),
    ("html", Kind::Html),
    ("htm", Kind::Html),
    ("xhtml", Kind::Html),
    ("warc", Kind::Warc),
    ("jsonl", Kind::Jsonl),
    ("ndjson", Kind::Jsonl),
];

fn kind_of_ext(ext: &str) -> Option<Kind> {
    KINDS
        .iter()
        .find(|(e, _)| e.eq_ignore_ascii_case(ext))
        .map(|(_, k)| *k)
}

fn split_ext(name: &str) -> Option<(&str, &str)> {
    let dot = name.rfind('.')?;
    if dot == 0 {
        return None;
    }
    Some((&name[..dot], &name[dot + 1..]))
}

impl Format {
    /// The format a file name announces (`a.html`, `a.warc.gz`), if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?;
        let (stem, ext) = split_ext(name)?;
        if ext.eq_ignore_ascii_case("gz") {
            let (_, inner) = split_ext(stem)?;
            return kind_of_ext(inner).map(|kind| Format { kind, gzip: true });
        }
        kind_of_ext(ext).map(|kind| Format { kind, gzip: false })
    }

    /// Guesses the format from the first bytes of a stream. Gzip is recognised by
    /// its magic number; what is inside a gzip stream is guessed as WARC when it is
    /// not readable here, since that is the common compressed crawl format.
    pub fn sniff(head: &[u8]) -> Option<Format> {
        if head.starts_with(&[0x1f, 0x8b]) {
            let inner = gunzip_head(head);
            let kind = match inner.as_deref() {
                Some(bytes) => sniff_kind(bytes).unwrap_or(Kind::Text),
                None => Kind::Warc,
            };
            return Some(Format { kind, gzip: true });
        }
        sniff_kind(head).map(|kind| Format { kind, gzip: false })
    }

    /// Whether this is a WARC file (compressed or not).
    pub fn is_warc(&self) -> bool {
        self.kind == Kind::Warc
    }
}

fn gunzip_head(head: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut dec = flate2::read::GzDecoder::new(head);
    let mut buf = [0u8; 1024];
    loop {
        match dec.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                if out.len() >= 1024 {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    (!out.is_empty()).then_some(out)
}

fn sniff_kind(head: &[u8]) -> Option<Kind> {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &head[start..];
    if rest.starts_with(b"WARC/") {
        Some(Kind::Warc)
    } else if rest.starts_with(b"{") {
        Some(Kind::Jsonl)
    } else if rest.starts_with(b"<") {
        Some(Kind::Html)
    } else {
        Some(Kind::Text)
    }
}

/// The article id a file gives: its name without the extensions crossread knows
/// (`000_4e7def31b6257be9.txt` -> `000_4e7def31b6257be9`, `abc.html.gz` -> `abc`).
/// Other dots stay (`v1.2-notes.txt` -> `v1.2-notes`).
pub fn article_id_from_path(path: &Path) -> String {
    let mut name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    loop {
        match split_ext(&name) {
            Some((stem, ext)) if ext.eq_ignore_ascii_case("gz") || kind_of_ext(ext).is_some() => {
                name = stem.to_owned();
            }
            _ => return name,
        }
    }
}
