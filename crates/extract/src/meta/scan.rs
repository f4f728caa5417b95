//! A single-pass, allocation-light HTML tokenizer for metadata: start tags with
//! their attributes, end tags, text, and the raw contents of `<script>`,
//! `<style>`, `<title>` and `<textarea>`.
//!
//! It does NOT build a tree, repair markup or follow the HTML5 tree-construction
//! rules; callers keep their own small element stack. Every step advances, so it
//! runs in time linear in the input, on any bytes.

/// One attribute of a start tag, raw (entities not decoded).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr<'a> {
    /// Attribute name as written (compare case-insensitively).
    pub name: &'a str,
    /// Attribute value as written, without quotes.
    pub value: &'a str,
}

/// A token of the page.
#[derive(Debug)]
pub(crate) enum Token<'a> {
    /// `<name attr=...>`; `name` is as written.
    Start {
        name: &'a str,
        attrs: Vec<Attr<'a>>,
        self_closing: bool,
    },
    /// `</name>`.
    End { name: &'a str },
    /// Text between tags (entities not decoded).
    Text(&'a str),
    /// The contents of a raw-text element (`script`, `style`, `title`, ...),
    /// given right after its start tag.
    Raw(&'a str),
}

/// At most this many attributes are kept per tag; the rest are skipped.
const MAX_ATTRS: usize = 48;

/// Streaming tokenizer over a page.
pub(crate) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: the element name whose end ends the text.
    raw_until: Option<&'static str>,
}

impl<'a> Tokenizer<'a> {
    /// Starts at the beginning of `src`.
    pub(crate) fn new(src: &'a str) -> Self {
        Self {
            src,
            pos: 0,
            raw_until: None,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// Slices `src` at byte offsets that are known to lie next to ASCII bytes.
    fn slice(&self, a: usize, b: usize) -> &'a str {
        self.src.get(a..b).unwrap_or("")
    }

    fn raw_text(&mut self, name: &'static str) -> Token<'a> {
        let b = self.bytes();
        let start = self.pos;
        let finder = memchr::memmem::Finder::new(b"</");
        let mut at = start;
        while let Some(off) = finder.find(&b[at..]) {
            let i = at + off;
            let n = i + 2;
            if b.len() >= n + name.len()
                && b[n..n + name.len()].eq_ignore_ascii_case(name.as_bytes())
            {
                let after = b.get(n + name.len()).copied();
                if matches!(
                    after,
                    None | Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
                ) {
                    self.pos = i;
                    return Token::Raw(self.slice(start, i));
                }
            }
            at = n;
        }
        self.pos = b.len();
        Token::Raw(self.slice(start, b.len()))
    }
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

const RAW_ELEMENTS: [&str; 6] = ["script", "style", "title", "textarea", "xmp", "noscript"];

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw_until.take() {
            return Some(self.raw_text(name));
        }
        let b = self.bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            let start = self.pos;
            if b[start] != b'<' {
                let end = memchr::memchr(b'<', &b[start..]).map_or(b.len(), |o| start + o);
                self.pos = end;
                return Some(Token::Text(self.slice(start, end)));
            }
            let next = b.get(start + 1).copied();
            match next {
                Some(b'!') => {
                    if b[start..].starts_with(b"<!--") {
                        let body = start + 4;
                        self.pos = memchr::memmem::find(&b[body..], b"-->")
                            .map_or(b.len(), |o| body + o + 3);
                    } else {
                        self.pos =
                            memchr::memchr(b'>', &b[start..]).map_or(b.len(), |o| start + o + 1);
                    }
                }
                Some(b'?') => {
                    self.pos = memchr::memchr(b'>', &b[start..]).map_or(b.len(), |o| start + o + 1);
                }
                Some(b'/') => {
                    let ns = start + 2;
                    let mut ne = ns;
                    while ne < b.len()
                        && (b[ne].is_ascii_alphanumeric() || matches!(b[ne], b'-' | b':' | b'_'))
                    {
                        ne += 1;
                    }
                    self.pos = memchr::memchr(b'>', &b[ne..]).map_or(b.len(), |o| ne + o + 1);
                    if ne > ns {
                        return Some(Token::End {
                            name: self.slice(ns, ne),
                        });
                    }
                }
                Some(c) if c.is_ascii_alphabetic() => return Some(self.start_tag(start)),
                _ => {
                    // A lone '<' is text.
                    let end =
                        memchr::memchr(b'<', &b[start + 1..]).map_or(b.len(), |o| start + 1 + o);
                    self.pos = end;
                    return Some(Token::Text(self.slice(start, end)));
                }
            }
        }
    }
}

impl<'a> Tokenizer<'a> {
    fn start_tag(&mut self, start: usize) -> Token<'a> {
        let b = self.bytes();
        let ns = start + 1;
        let mut i = ns;
        while i < b.len() && !is_ws(b[i]) && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = self.slice(ns, i);
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            while i < b.len() && (is_ws(b[i]) || b[i] == b'/') {
                self_closing = b[i] == b'/';
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            if b[i] == b'>' {
                i += 1;
                break;
            }
            self_closing = false;
            let an = i;
            // An attribute name may start with '=' per the spec; step over one byte.
            i += 1;
            while i < b.len() && !is_ws(b[i]) && !matches!(b[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let name_end = i;
            while i < b.len() && is_ws(b[i]) {
                i += 1;
            }
            let mut value = "";
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && is_ws(b[i]) {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let vs = i + 1;
                    let ve = memchr::memchr(q, &b[vs..]).map_or(b.len(), |o| vs + o);
                    value = self.slice(vs, ve);
                    i = (ve + 1).min(b.len());
                } else {
                    let vs = i;
                    while i < b.len() && !is_ws(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = self.slice(vs, i);
                }
            }
            if attrs.len() < MAX_ATTRS {
                attrs.push(Attr {
                    name: self.slice(an, name_end),
                    value,
                });
            }
        }
        self.pos = i;
        if !self_closing {
            self.raw_until = RAW_ELEMENTS
                .iter()
                .find(|r| name.eq_ignore_ascii_case(r))
                .copied();
        }
        Token::Start {
            name,
            attrs,
            self_closing,
        }
    }
}

/// Decodes the common character references (`&amp;`, `&#228;`, `&auml;` ...).
/// Unknown references are kept as written.
pub(crate) fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest.as_bytes().iter().take(12).position(|&c| c == b';');
        let decoded = semi.and_then(|e| {
            let ent = &rest[1..e];
            let ch = if let Some(num) = ent.strip_prefix('#') {
                let v = if let Some(h) = num.strip_prefix(['x', 'X']) {
                    u32::from_str_radix(h, 16).ok()
                } else {
                    num.parse::<u32>().ok()
                };
                v.and_then(char::from_u32)
            } else {
                named_entity(ent)
            };
            ch.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "Eacute" => 'É',
        "aacute" => 'á',
        "agrave" => 'à',
        "acirc" => 'â',
        "iacute" => 'í',
        "oacute" => 'ó',
        "ocirc" => 'ô',
        "uacute" => 'ú',
        "ucirc" => 'û',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "atilde" => 'ã',
        "otilde" => 'õ',
        "middot" => '·',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "copy" => '©',
        "hellip" => '…',
        "bull" => '•',
        "raquo" => '»',
        "laquo" => '«',
        "thinsp" => '\u{2009}',
        "ensp" | "emsp" => ' ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(html: &str) -> String {
        Tokenizer::new(html)
            .map(|t| match t {
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    let a: Vec<String> = attrs
                        .iter()
                        .map(|a| format!("{}={}", a.name, a.value))
                        .collect();
                    format!(
                        "<{name}{}{}>",
                        if a.is_empty() {
                            String::new()
                        } else {
                            format!(" {}", a.join(" "))
                        },
                        if self_closing { "/" } else { "" }
                    )
                }
                Token::End { name } => format!("</{name}>"),
                Token::Text(t) => format!("T({t})"),
                Token::Raw(t) => format!("R({t})"),
            })
            .collect()
    }

    fn check(html: &str, expect: &str) {
        assert_eq!(render(html), expect, "input: {html:?}");
    }

    #[test]
    fn tokens() {
        check("<p class=a>x</p>", "<p class=a>T(x)</p>");
        check(
            "<meta name='d' content=\"a>b\"/>",
            "<meta name=d content=a>b/>",
        );
        check("<!-- <p> -->y", "T(y)");
        check(
            "<script>if (a<b) {}</p></script>z",
            "<script>R(if (a<b) {}</p>)</script>T(z)",
        );
        check("a < b", "T(a )T(< b)");
        check("<div", "<div>");
        check("<a href=x", "<a href=x>");
        check("<script>never closed", "<script>R(never closed)");
        check("</>x", "T(x)");
        check("<!doctype html><html lang=de>", "<html lang=de>");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("M&auml;rz &amp; &#228;&#xE4; &bogus; &"),
            "März & ää &bogus; &"
        );
    }
}
