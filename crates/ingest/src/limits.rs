//! Bounded reading: decompression and reads that stop at a size limit, so one huge
//! or hostile input can never take the memory of the whole run.

use crate::IngestError;
use std::io::{BufRead, Read};

/// Wraps a stream in a gzip decoder when asked (every member of a multi-member
/// file is read).
pub fn open_stream<'a>(reader: impl Read + 'a, gzip: bool) -> Box<dyn Read + 'a> {
    let buffered = std::io::BufReader::with_capacity(64 << 10, reader);
    if gzip {
        Box::new(flate2::bufread::MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    }
}

/// Maps a read error to the reason a user should see: a gzip stream that ends
/// early is "truncated", one that is not gzip is "corrupt".
pub fn read_error(e: std::io::Error) -> IngestError {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => IngestError::TruncatedGzip,
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            IngestError::CorruptGzip(e.to_string())
        }
        _ => IngestError::Io(e),
    }
}

/// Reads a whole stream, refusing it once it passes `limit` bytes.
pub fn read_capped(reader: impl Read, limit: usize) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    let mut limited = reader.take(limit as u64 + 1);
    limited.read_to_end(&mut out).map_err(read_error)?;
    if out.len() > limit {
        return Err(IngestError::TooLarge { limit });
    }
    Ok(out)
}

/// Outcome of reading one line with [`read_line_capped`].
pub enum Line {
    /// A complete line (without its `\n`).
    Complete,
    /// A line longer than the limit; it was skipped up to its end.
    TooLong,
    /// End of the stream.
    End,
}

/// Reads one line into `buf` (cleared first) without ever holding more than
/// `limit` bytes of it; a longer line is consumed and reported as too long.
pub fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Line> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match (any, too_long) {
                (false, _) => Line::End,
                (true, true) => Line::TooLong,
                (true, false) => Line::Complete,
            });
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if !too_long {
            if buf.len() + chunk.len() > limit {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(available.len());
        reader.consume(used);
        if done.is_some() {
            return Ok(if too_long {
                Line::TooLong
            } else {
                Line::Complete
            });
        }
    }
}
