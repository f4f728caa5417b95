//! Splits one article's text into paragraphs, sentences and tokens, and marks
//! which paragraphs are the article's body (as opposed to navigation, captions,
//! boilerplate and reader comments).
//!
//! Offsets are byte offsets into the article text, always on char boundaries.
//! This module does NOT find quotes, entities or claims; it only lays the text
//! out for the modules that do. Input of any size and script is accepted; an
//! article is cut to [`MAX_TEXT_BYTES`] so the work per article is bounded.

use crate::lexicon;

/// Longest article text read, in bytes (the rest is ignored).
pub(crate) const MAX_TEXT_BYTES: usize = 200_000;
/// Longest sentence, in tokens: longer runs are cut into pieces.
const MAX_SENT_TOKENS: usize = 150;

/// What kind of token this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (and digits mixed in), with inner apostrophes, hyphens and acronym periods.
    Word,
    /// Digits, with inner `,` or `.` between digits.
    Num,
    /// Any other visible char, one per token.
    Punct,
}

/// One token: a byte range and its kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParaKind {
    /// Article prose.
    Body,
    /// A heading, menu item or other short line without a sentence end.
    Short,
    /// A photo caption.
    Caption,
    /// Copyright lines, sign-up prompts, "appeared first on" lines.
    Boilerplate,
    /// Reader comments and everything after them.
    Comments,
}

/// A paragraph: byte range, kind, and the range of its sentences.
#[derive(Debug, Clone)]
pub(crate) struct Para {
    pub start: usize,
    pub end: usize,
    pub kind: ParaKind,
    pub sents: std::ops::Range<usize>,
}

/// A sentence: byte range, token range, paragraph index.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    pub start: usize,
    pub end: usize,
    pub toks: std::ops::Range<usize>,
    pub para: usize,
}

/// One article laid out.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    pub paras: Vec<Para>,
    pub sents: Vec<Sent>,
}

impl<'a> Doc<'a> {
    /// Lays out `text` (cut to [`MAX_TEXT_BYTES`] on a char boundary).
    pub fn new(text: &'a str) -> Doc<'a> {
        let text = cut(text, MAX_TEXT_BYTES);
        let toks = tokenize(text);
        let mut paras = split_paragraphs(text);
        classify_paragraphs(text, &mut paras);
        let mut sents = Vec::new();
        let mut ti = 0;
        for (pi, p) in paras.iter_mut().enumerate() {
            while ti < toks.len() && toks[ti].start < p.start {
                ti += 1;
            }
            let t0 = ti;
            while ti < toks.len() && toks[ti].end <= p.end {
                ti += 1;
            }
            let first = sents.len();
            split_sentences(text, &toks, t0..ti, pi, &mut sents);
            p.sents = first..sents.len();
        }
        Doc {
            text,
            toks,
            paras,
            sents,
        }
    }

    /// The text of token `i`.
    pub fn tok(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    /// The text of sentence `i`.
    pub fn sent_text(&self, i: usize) -> &'a str {
        let s = &self.sents[i];
        &self.text[s.start..s.end]
    }

    /// Whether sentence `i` lies in the article's body.
    pub fn in_body(&self, i: usize) -> bool {
        self.paras[self.sents[i].para].kind == ParaKind::Body
    }
}

/// `s` cut to at most `max` bytes, on a char boundary.
pub(crate) fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut e = max;
    while e > 0 && !s.is_char_boundary(e) {
        e -= 1;
    }
    &s[..e]
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '‑')
}

/// Splits `text` into words, numbers and single punctuation chars.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let mut out = Vec::with_capacity(n / 5 + 1);
    let mut i = 0;
    while i < n {
        let (b, c) = chars[i];
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if cj.is_ascii_digit() {
                    j += 1;
                } else if (cj == ',' || cj == '.') && j + 1 < n && chars[j + 1].1.is_ascii_digit() {
                    j += 2;
                } else {
                    break;
                }
            }
            // "2017th", "3rd": letters glued to the digits stay in the token.
            let mut k = j;
            while k < n && chars[k].1.is_alphabetic() {
                k += 1;
            }
            let kind = if k > j { TokKind::Word } else { TokKind::Num };
            out.push(Tok {
                start: b,
                end: end_of(k),
                kind,
            });
            i = k;
            continue;
        }
        if is_word_char(c) {
            // Acronyms with periods: U.S., U.N., e.g.
            if c.is_alphabetic()
                && i + 2 < n
                && chars[i + 1].1 == '.'
                && chars[i + 2].1.is_alphabetic()
            {
                let mut j = i;
                while j + 1 < n && chars[j].1.is_alphabetic() && chars[j + 1].1 == '.' {
                    j += 2;
                    if !(j < n
                        && chars[j].1.is_alphabetic()
                        && (j + 1 >= n || chars[j + 1].1 == '.'))
                    {
                        break;
                    }
                }
                if j >= i + 4 {
                    out.push(Tok {
                        start: b,
                        end: end_of(j),
                        kind: TokKind::Word,
                    });
                    i = j;
                    continue;
                }
            }
            let mut j = i + 1;
            while j < n {
                let cj = chars[j].1;
                if is_word_char(cj) {
                    j += 1;
                } else if is_joiner(cj) && j + 1 < n && is_word_char(chars[j + 1].1) {
                    j += 2;
                } else {
                    break;
                }
            }
            out.push(Tok {
                start: b,
                end: end_of(j),
                kind: TokKind::Word,
            });
            i = j;
            continue;
        }
        out.push(Tok {
            start: b,
            end: end_of(i + 1),
            kind: TokKind::Punct,
        });
        i += 1;
    }
    out
}

/// Paragraphs: blocks separated by blank lines; inside a block, a line that ends
/// a sentence or a short line without one starts a new paragraph, and wrapped
/// lines are joined.
fn split_paragraphs(text: &str) -> Vec<Para> {
    let mut paras = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    let mut prev: Option<(bool, bool)> = None; // (ends a sentence, is short)
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some((s, e)) = cur.take() {
                paras.push(mk_para(s, e));
            }
            continue;
        }
        let lstart = start + (line.len() - line.trim_start().len());
        let lend = start + line.trim_end().len();
        let starts_lower = trimmed.chars().next().is_some_and(|c| c.is_lowercase());
        let new_para = match prev {
            Some((ends, short)) => ends || (short && !starts_lower),
            None => true,
        };
        match cur {
            Some((s, _)) if !new_para => cur = Some((s, lend)),
            Some((s, e)) => {
                paras.push(mk_para(s, e));
                cur = Some((lstart, lend));
            }
            None => cur = Some((lstart, lend)),
        }
        prev = Some((
            line_ends_sentence(trimmed),
            trimmed.split_whitespace().count() <= 8,
        ));
    }
    if let Some((s, e)) = cur {
        paras.push(mk_para(s, e));
    }
    paras
}

fn mk_para(start: usize, end: usize) -> Para {
    Para {
        start,
        end,
        kind: ParaKind::Body,
        sents: 0..0,
    }
}

/// A line that ends with a sentence end.
fn line_ends_sentence(line: &str) -> bool {
    let last = line.chars().last().unwrap_or(' ');
    matches!(
        last,
        '.' | '!' | '?' | ':' | '"' | '”' | '»' | '…' | '。' | '！' | '？' | '<'
    )
}

/// Lowercased, single-spaced letters of a line, for marker checks.
fn norm_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

const COMMENT_MARKERS: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "comments",
    "comment",
    "reader comments",
    "add comment",
    "add a comment",
    "post a comment",
    "join the discussion",
    "join the conversation",
    "show comments",
    "view comments",
    "discussion",
    "what s hot",
    "related posts",
    "related articles",
    "related stories",
    "you may also like",
    "more stories",
    "most popular",
    "most read",
    "trending now",
    "recommended",
];

const BOILERPLATE_MARKERS: &[&str] = &[
    "all rights reserved",
    "appeared first on",
    "your email address will not be published",
    "uses akismet",
    "sign up for",
    "subscribe to our",
    "follow us",
    "share this",
    "click here",
    "cookie",
    "privacy policy",
    "terms of use",
];

fn classify_paragraphs(text: &str, paras: &mut [Para]) {
    let n = paras.len();
    let mut body_seen = 0usize;
    let mut comments_from = n;
    for i in 0..n {
        let raw = &text[paras[i].start..paras[i].end];
        let norm = norm_line(raw);
        let words = raw.split_whitespace().count();
        let is_comment_marker = words <= 4
            && (COMMENT_MARKERS.contains(&norm.as_str())
                || norm
                    .strip_suffix(" comments")
                    .is_some_and(|d| d.chars().all(|c| c.is_ascii_digit())));
        if is_comment_marker && body_seen >= 1 {
            comments_from = i;
            break;
        }
        if body_seen >= 3 && name_line(raw) && comment_run(text, paras, i) {
            comments_from = i;
            break;
        }
        let kind = if raw.contains('©') || BOILERPLATE_MARKERS.iter().any(|m| norm.contains(m)) {
            ParaKind::Boilerplate
        } else if is_caption(raw, &norm) {
            ParaKind::Caption
        } else if is_short(raw, words) {
            ParaKind::Short
        } else {
            body_seen += 1;
            ParaKind::Body
        };
        paras[i].kind = kind;
    }
    if comments_from < n {
        // Indented numbered items right before the marker are the comments themselves.
        let mut k = comments_from;
        while k > 0 {
            let raw_full_start = line_start(text, paras[k - 1].start);
            let indent = &text[raw_full_start..paras[k - 1].start];
            let raw = &text[paras[k - 1].start..paras[k - 1].end];
            let numbered = raw.split_whitespace().next().is_some_and(|w| {
                w.len() <= 4
                    && w.ends_with(['.', ')'])
                    && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit())
            });
            if numbered && !indent.is_empty() {
                k -= 1;
            } else {
                break;
            }
        }
        for p in &mut paras[k..] {
            p.kind = ParaKind::Comments;
        }
    }
}

fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// A short line that looks like a commenter's name: 1-4 capitalised words, no sentence end.
fn name_line(raw: &str) -> bool {
    let t = raw.trim_start_matches(['•', '-', '*', '·', ' ']).trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && !t.ends_with(['.', '!', '?', ':', '”', '"'])
        && words[0].chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether name lines keep alternating with text from paragraph `i` on (at least three names).
fn comment_run(text: &str, paras: &[Para], i: usize) -> bool {
    let mut names = 0;
    let mut j = i;
    let mut since_name = 0;
    while j < paras.len() && j < i + 40 {
        let raw = &text[paras[j].start..paras[j].end];
        if name_line(raw) {
            names += 1;
            since_name = 0;
        } else {
            since_name += 1;
            if since_name > 6 {
                break;
            }
        }
        j += 1;
    }
    names >= 3
}

fn is_caption(raw: &str, norm: &str) -> bool {
    norm.starts_with("top photo")
        || norm.starts_with("photo ")
        || norm.starts_with("image ")
        || raw.contains("Photo)")
        || raw.contains("photo)")
        || norm.ends_with("getty images")
        || (norm.starts_with("in this") && norm.contains(" photo "))
}

fn is_short(raw: &str, words: usize) -> bool {
    let t = raw.trim();
    let ends = t.ends_with([
        '.', '!', '?', '”', '"', '»', '…', '。', '！', '？', '<', '\'', '’', ')',
    ]);
    if words < 4 {
        return true;
    }
    // A line without a sentence end is a heading or menu unless it is long prose.
    if !ends && words < 12 {
        return true;
    }
    // Title Case lines are headings (at any length when no sentence ends them).
    let ws: Vec<&str> = t.split_whitespace().collect();
    let caps = ws
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    (ws.len() <= 14 || !ends) && caps * 10 >= ws.len() * 8
}

const OPENERS: &[char] = &['"', '“', '‘', '«', '„', '(', '[', '\'', '`'];
const CLOSERS: &[char] = &['"', '”', '’', '»', ')', ']', '\''];

fn sentence_end_char(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…" | "。" | "！" | "？" | "<")
}

/// Splits the tokens `range` of paragraph `para` into sentences.
fn split_sentences(
    text: &str,
    toks: &[Tok],
    range: std::ops::Range<usize>,
    para: usize,
    out: &mut Vec<Sent>,
) {
    let mut s0 = range.start;
    let mut i = range.start;
    let end = range.end;
    while i < end {
        let t = &text[toks[i].start..toks[i].end];
        let mut boundary = false;
        let mut last = i;
        if toks[i].kind == TokKind::Punct && sentence_end_char(t) {
            // Swallow closing quotes and brackets glued to the end ('." ' closes,
            // '. "' opens the next sentence).
            let mut j = i + 1;
            while j < end {
                let tj = &text[toks[j].start..toks[j].end];
                let glued = toks[j].start == toks[j - 1].end;
                if glued
                    && (tj.chars().count() == 1 && tj.chars().all(|c| CLOSERS.contains(&c))
                        || sentence_end_char(tj))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            last = j - 1;
            if j >= end {
                boundary = true;
            } else {
                let next = &text[toks[j].start..toks[j].end];
                let gap = toks[j].start > toks[last].end;
                let starts_ok = next.chars().next().is_some_and(|c| {
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || OPENERS.contains(&c)
                        || !c.is_alphabetic()
                        || !is_cased(c)
                });
                let abbrev = t == "." && i > range.start && is_abbrev_before(text, toks, i);
                boundary = gap && starts_ok && !abbrev;
            }
        }
        if !boundary && i + 1 - s0 >= MAX_SENT_TOKENS {
            boundary = true;
        }
        if boundary {
            push_sent(toks, s0..last + 1, para, out);
            s0 = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    if s0 < end {
        push_sent(toks, s0..end, para, out);
    }
}

fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase()
}

fn is_abbrev_before(text: &str, toks: &[Tok], i: usize) -> bool {
    let p = toks[i - 1];
    p.end == toks[i].start && p.kind == TokKind::Word && is_abbreviated(&text[p.start..p.end])
}

/// Whether a period right after the word `w` (as written) marks an
/// abbreviation, not a sentence end: a capital initial ("George W. Bush"),
/// a hyphenated word ending in one ("D-N" of "Rep. Jerrold Nadler, D-N.Y.,"),
/// or a listed abbreviation ("Gen.", "Jan.": "Jan." at a sentence end is rare;
/// "No." before a digit is a number sign).
pub(crate) fn is_abbreviated(w: &str) -> bool {
    let last = w.rsplit('-').next().unwrap_or(w);
    let mut cs = last.chars();
    if matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase()) {
        return true;
    }
    lexicon::is_abbreviation(&w.to_lowercase())
}

fn push_sent(toks: &[Tok], r: std::ops::Range<usize>, para: usize, out: &mut Vec<Sent>) {
    if r.is_empty() {
        return;
    }
    out.push(Sent {
        start: toks[r.start].start,
        end: toks[r.end - 1].end,
        toks: r,
        para,
    });
}

/// Lowercase stem of a word for comparing sentences: possessives, plurals and a
/// few verb endings are stripped; demonyms become the place.
pub(crate) fn stem(word: &str) -> String {
    let lw: String = word
        .chars()
        .flat_map(|c| c.to_lowercase())
        .filter(|c| *c != '.')
        .collect();
    let lw = lw.trim_end_matches("'s").trim_end_matches("’s").to_string();
    if let Some(p) = lexicon::demonym_place(&lw) {
        return p.to_string();
    }
    if let Some(full) = lexicon::title_expansion(&lw) {
        return full.to_string();
    }
    let n = lw.chars().count();
    if n <= 3 || !lw.is_ascii() {
        return lw;
    }
    for (suf, rep) in [
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", "e"),
        ("s", ""),
    ] {
        if let Some(base) = lw.strip_suffix(suf) {
            if base.len() >= 3 && !(suf == "s" && base.ends_with('s')) {
                return format!("{base}{rep}");
            }
        }
    }
    lw
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<String> {
        let d = Doc::new(text);
        (0..d.sents.len())
            .map(|i| d.sent_text(i).to_string())
            .collect()
    }

    fn check(input: &str, expect: &[&str]) {
        assert_eq!(sents(input), expect, "input: {input:?}");
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        check(
            "Gen. Valery Gerasimov spoke on Wednesday. The U.S. declined. Mr. Smith agreed!",
            &[
                "Gen. Valery Gerasimov spoke on Wednesday.",
                "The U.S. declined.",
                "Mr. Smith agreed!",
            ],
        );
        check(
            "He said: “It is over.” Then he left.",
            &["He said: “It is over.”", "Then he left."],
        );
        check(
            "Prices rose 3.5 percent. Nobody knew why.",
            &["Prices rose 3.5 percent.", "Nobody knew why."],
        );
        check("George W. Bush won.", &["George W. Bush won."]);
        check(
            "Rep. Dana Holm, D-N.Y., spoke first. Then she left.",
            &["Rep. Dana Holm, D-N.Y., spoke first.", "Then she left."],
        );
        check("", &[]);
    }

    #[test]
    fn tokens_keep_numbers_and_acronyms_whole() {
        let text = "About 3,000 U.S. troops’ bases, 90% of it.";
        let toks: Vec<&str> = tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(
            toks,
            ["About", "3,000", "U.S.", "troops", "’", "bases", ",", "90", "%", "of", "it", "."]
        );
    }

    #[test]
    fn marks_comments_captions_and_boilerplate() {
        let text = "A Big Headline\n\nThe first paragraph of the story says something long enough.\n\n\
                    The second paragraph says more about the events in the city.\n\n\
                    The third paragraph ends the article with a quote from someone.\n\n\
                    Top photo | A soldier stands guard. (AP Photo)\n\n© Example.com\n\n\
                    • Jane Roe\n\nI disagree with all of this, honestly.\n\n• John Doe\n\nMe too.\n\n\
                    • Ann Poe\n\nWhat a story this is.";
        let d = Doc::new(text);
        let kinds: Vec<ParaKind> = d.paras.iter().map(|p| p.kind).collect();
        use ParaKind::*;
        assert_eq!(
            kinds,
            [
                Short,
                Body,
                Body,
                Body,
                Caption,
                Boilerplate,
                Comments,
                Comments,
                Comments,
                Comments,
                Comments,
                Comments
            ]
        );
    }

    #[test]
    fn joins_wrapped_lines_and_splits_sentence_lines() {
        let d = Doc::new("The court heard that the man\nhad left early.\nHe denied it all.");
        assert_eq!(d.paras.len(), 2);
        assert_eq!(
            d.sent_text(0),
            "The court heard that the man\nhad left early."
        );
    }

    #[test]
    fn stems_plurals_and_demonyms() {
        assert_eq!(stem("Russian"), "russia");
        assert_eq!(stem("fighters"), "fighter");
        assert_eq!(stem("destroyed"), "destroy");
        assert_eq!(stem("U.S."), "us");
        assert_eq!(stem("Putin’s"), "putin");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "\u{0}\u{1}...",
            "。。。",
            "«««",
            "Привет. Как дела? Хорошо.",
            "a\n\n\n\nb",
            "1,2,3,,4..5",
        ] {
            let d = Doc::new(t);
            assert!(d.sents.len() <= d.toks.len());
        }
    }
}
