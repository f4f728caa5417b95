//! Bytes to UTF-8 text: BOM first, then a charset declared by the HTTP header or
//! the page's `<meta>`, then detection (chardetng). Binary content is refused.
//!
//! A declared charset that the bytes contradict (a page that says UTF-8 but is not,
//! or says windows-1252 but is valid multi-byte UTF-8) is overruled, with a warning.

use crate::IngestError;
use encoding_rs::{Encoding, UTF_8};

/// Decoded text, and a warning when the declared charset was overruled.
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decodes one document. `declared` is a charset label from outside the bytes
/// (an HTTP `Content-Type`); for HTML the page's own `<meta>` is read too.
pub fn decode(raw: &[u8], declared: Option<&str>, is_html: bool) -> Result<Decoded, IngestError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(raw) {
        let (text, _) = enc.decode_without_bom_handling(&raw[bom_len..]);
        return finish(text.into_owned(), None);
    }
    if looks_binary(raw) {
        return Err(IngestError::Binary);
    }
    let declared = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .or_else(|| if is_html { meta_charset(raw) } else { None });
    let valid_utf8 = std::str::from_utf8(raw).is_ok();
    let (encoding, warning) = match declared {
        Some(enc) if enc == UTF_8 && !valid_utf8 => {
            let guess = detect(raw);
            (
                guess,
                Some(format!(
                    "declared utf-8 but the bytes are not valid utf-8; decoded as {}",
                    guess.name()
                )),
            )
        }
        Some(enc) if enc != UTF_8 && valid_utf8 && !raw.is_ascii() && enc.is_single_byte() => (
            UTF_8,
            Some(format!(
                "declared {} but the bytes are valid utf-8; decoded as utf-8",
                enc.name()
            )),
        ),
        // encoding_rs maps UTF-16 labels found inside an ASCII-compatible page to
        // UTF-8, as browsers do.
        Some(enc) => (enc.output_encoding(), None),
        None if valid_utf8 => (UTF_8, None),
        None => (detect(raw), None),
    };
    let (text, _, _) = encoding.decode(raw);
    finish(text.into_owned(), warning)
}

fn finish(text: String, warning: Option<String>) -> Result<Decoded, IngestError> {
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    Ok(Decoded { text, warning })
}

fn detect(raw: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(raw, true);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

/// NUL bytes, or many C0 control characters, in the first 8 KiB.
fn looks_binary(raw: &[u8]) -> bool {
    let head = &raw[..raw.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len().max(1)
}

/// The charset a page declares in its first 4 KiB: `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`.
fn meta_charset(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map(|e| start + e)
            .unwrap_or(lower.len());
        let tag = &lower[start..end];
        if let Some(cpos) = find(tag, b"charset") {
            let mut rest = &tag[cpos + 7..];
            rest = trim_start(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_start(r);
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let label_end = r
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(r.len());
                if let Some(enc) = Encoding::for_label(&r[..label_end]) {
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 5);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn trim_start(mut s: &[u8]) -> &[u8] {
    while let Some((&b, rest)) = s.split_first() {
        if b.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(raw: &[u8], declared: Option<&str>, html: bool, expect: Result<(&str, bool), &str>) {
        match (decode(raw, declared, html), expect) {
            (Ok(d), Ok((text, warned))) => {
                assert_eq!(d.text, text);
                assert_eq!(d.warning.is_some(), warned, "warning: {:?}", d.warning);
            }
            (Err(e), Err(msg)) => assert!(e.to_string().contains(msg), "{e}"),
            (Ok(d), Err(msg)) => panic!("expected error {msg}, got {:?}", d.text),
            (Err(e), Ok(_)) => panic!("unexpected error {e}"),
        }
    }

    #[test]
    fn charsets() {
        // Plain UTF-8.
        check("Zürich".as_bytes(), None, false, Ok(("Zürich", false)));
        // UTF-8 BOM is dropped.
        check(b"\xef\xbb\xbfhi", None, false, Ok(("hi", false)));
        // UTF-16LE with BOM.
        check(b"\xff\xfeh\0i\0", None, false, Ok(("hi", false)));
        // <meta charset> in windows-1252: 0xE9 is é.
        check(
            b"<meta charset=\"windows-1252\"><p>caf\xe9</p>",
            None,
            true,
            Ok(("<meta charset=\"windows-1252\"><p>café</p>", false)),
        );
        // http-equiv form with ISO-8859-1 (a label for windows-1252 in WHATWG).
        check(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\xa3",
            None,
            true,
            Ok((
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">£",
                false,
            )),
        );
        // Declared UTF-8 but Latin-1 bytes: detection, with a warning.
        check(
            b"<meta charset=utf-8><p>Le caf\xe9 est tr\xe8s bon et tr\xe8s cher</p>",
            None,
            true,
            Ok((
                "<meta charset=utf-8><p>Le café est très bon et très cher</p>",
                true,
            )),
        );
        // Declared windows-1252 by HTTP but really UTF-8.
        check(
            "<p>café</p>".as_bytes(),
            Some("windows-1252"),
            true,
            Ok(("<p>café</p>", true)),
        );
        // Undeclared Latin-1 text is detected.
        check(
            b"Der B\xe4r und die M\xfcnchner Stra\xdfe",
            None,
            false,
            Ok(("Der Bär und die Münchner Straße", false)),
        );
        check(b"\x00\x01\x02binary", None, false, Err("binary"));
        check(b"   \n\t ", None, false, Err("empty"));
    }
}
