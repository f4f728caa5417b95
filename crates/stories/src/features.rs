//! Turns an article's title and lead into weighted sparse features.
//!
//! Three kinds of feature, each hashed into its own namespace:
//! - **words**: lower-cased alphabetic tokens, minus a short list of English
//!   function words, with a light plural stripping;
//! - **names**: a gazetteer-free guess at named entities: capitalised tokens
//!   that do not start a sentence (or that start one but also appear
//!   capitalised mid-sentence in the same article), and acronyms. Each name
//!   token is a feature, and so is each run of two or more (a phrase);
//! - **numbers**: digit tokens of two or more characters (`27`, `2017`,
//!   `3.5`, `1,000` → `1000`).
//!
//! Besides, it lists the word features the text writes in lower case at
//! least once ("vote" in "the vote", not "Vote" heading a title or "Senate"
//! mid-sentence): the engine counts these over the collection to tell words
//! that say what happened from names.
//!
//! The raw value of a feature is `kind weight × (1 + ln tf)`, the title's
//! tokens counting twice (a text that opens with its title is read from
//! after it); IDF and length normalisation happen in the engine.
//!
//! An article whose language is known and not English also loses the
//! function words of its language (NLTK's list where it has one, Stopwords
//! ISO's otherwise): in a collection mostly in other languages, they are
//! rare overall, so without this they would tie together any two articles
//! of that language.
//!
//! Scripts written without spaces between words (Han, Kana, Thai, Lao,
//! Tibetan, Myanmar, Khmer) are read as overlapping pairs of characters.
//!
//! It does NOT detect language, stem beyond plurals, or resolve aliases
//! ("Putin" and "Vladimir Putin" share the token `putin`, which is all the
//! linking it does).

use crossread_core::{primary_language, written_without_spaces};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Weights of the three feature kinds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KindWeights {
    pub name: f32,
    pub phrase: f32,
    pub number: f32,
}

const SEED_WORD: u64 = 0x5eed_0001;
const SEED_NAME: u64 = 0x5eed_0002;
const SEED_PHRASE: u64 = 0x5eed_0003;
const SEED_NUMBER: u64 = 0x5eed_0004;

/// Feature groups, stored in a hash's two low bits: the engine normalises
/// each group on its own and mixes them.
pub(crate) const GROUP_WORD: u64 = 0;
/// Names and name phrases.
pub(crate) const GROUP_NAME: u64 = 1;
/// Numbers.
pub(crate) const GROUP_NUMBER: u64 = 2;

/// `h` with its group in the two low bits.
pub(crate) fn tag(h: u64, group: u64) -> u64 {
    (h & !3) | group
}

/// Longest token kept, in bytes; longer runs (URLs, scripts without spaces)
/// are cut to this length.
const MAX_TOKEN_BYTES: usize = 48;

/// English function words and reporting verbs that carry no event.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "mr",
    "mrs",
    "ms",
    "dr",
    "according",
    "around",
    "get",
    "got",
    "another",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "today",
    "yesterday",
    "tomorrow",
    "time",
    "people",
    "first",
    "well",
    "back",
    "way",
];

/// A word of at most 15 bytes as one integer: its bytes, little-endian,
/// and its length in the top byte (so no two words share a key, and no
/// word has key 0). Built byte by byte in registers: copying the word into
/// a stack buffer and reading it back as two words stalls on the store.
const fn word_key(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > 15 {
        return None;
    }
    let (mut lo, mut hi) = (0u64, (w.len() as u64) << 56);
    let mut i = 0;
    while i < w.len() {
        if i < 8 {
            lo |= (w[i] as u64) << (8 * i);
        } else {
            hi |= (w[i] as u64) << (8 * (i - 8));
        }
        i += 1;
    }
    Some(((hi as u128) << 64) | lo as u128)
}

/// Slots of the stopword table (a power of two, well above the list's length).
const STOP_SLOTS: usize = 512;

const fn stop_slot(k: u128) -> usize {
    let x = ((k as u64) ^ ((k >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_mul(0xD6E8_FEB8_6659_FD93);
    (x >> 55) as usize
}

/// The stopwords as [`word_key`]s in an open-addressing table (linear
/// probing, 0 = empty), built at compile time: a lookup is a few integer
/// operations.
static STOP_TABLE: [u128; STOP_SLOTS] = {
    let mut t = [0u128; STOP_SLOTS];
    let mut w = 0;
    while w < STOPWORDS.len() {
        if let Some(k) = word_key(STOPWORDS[w].as_bytes()) {
            let mut i = stop_slot(k);
            while t[i] != 0 && t[i] != k {
                i = (i + 1) % STOP_SLOTS;
            }
            t[i] = k;
        }
        w += 1;
    }
    t
};

/// A quick filter before the table: bit `len` of `STOP_ENDS[b]` is set when
/// some stopword of `len` bytes starts with byte `b` (low half) or ends
/// with it (high half). Most words fail it, without building a key.
static STOP_ENDS: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut w = 0;
    while w < STOPWORDS.len() {
        let b = STOPWORDS[w].as_bytes();
        if !b.is_empty() && b.len() <= 15 {
            t[b[0] as usize] |= 1 << b.len();
            t[b[b.len() - 1] as usize] |= 1 << (16 + b.len());
        }
        w += 1;
    }
    t
};

fn is_stopword(w: &str) -> bool {
    let b = w.as_bytes();
    // Every stopword is at most 12 bytes.
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    if b.len() > 12
        || STOP_ENDS[usize::from(first)] & (1 << b.len()) == 0
        || STOP_ENDS[usize::from(last)] & (1 << (16 + b.len())) == 0
    {
        return false;
    }
    let Some(k) = word_key(b) else {
        return false;
    };
    let mut i = stop_slot(k);
    loop {
        match STOP_TABLE[i] {
            0 => return false,
            x if x == k => return true,
            _ => i = (i + 1) % STOP_SLOTS,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Alpha,
    Number,
}

#[derive(Debug, PartialEq, Eq)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
    /// First char upper-case.
    cap: bool,
    /// Every letter upper-case, at least two letters.
    all_caps: bool,
    /// A word written in ASCII lower-case letters and digits only (its own
    /// lower case: `emit` reads it without a copy). Over the whole run,
    /// before the cut to `MAX_TOKEN_BYTES`.
    plain: bool,
    /// Starts a sentence or a line.
    initial: bool,
    /// Separated from the previous token by whitespace only (no punctuation).
    joined: bool,
    /// Set by `emit`: the range of its lower case in `Scratch::lows` (empty
    /// for a `plain` token, its own lower case) ...
    low: (usize, usize),
    /// ... and its name hash when it is capitalised mid-sentence (else 0).
    name: u64,
}

/// Reusable buffers, so that feature extraction does not allocate per article.
#[derive(Default)]
pub(crate) struct Scratch {
    toks: Vec<Tok>,
    /// The lower case of the part's tokens that are not their own (see
    /// `Tok::plain`), one after the other (see `Tok::low`).
    lows: String,
    pub(crate) feats: Vec<(u64, f32)>,
    /// Word features seen at least once in lower case (sorted, distinct).
    pub(crate) lower_words: Vec<u64>,
    caps_mid: Vec<u64>,
    phrase: Vec<u64>,
    digits: Vec<u8>,
    stem: String,
    /// Room for [`sort_by_hash`].
    sorted: Vec<(u64, f32)>,
    /// Function words of the article's language, if not English.
    stops: Option<&'static LangStops>,
}

/// Function words of one language, lower case.
pub(crate) type LangStops = std::collections::HashSet<&'static str>;

/// The function words of language `lang` (an ISO 639-1 code such as `fr`,
/// optionally with a region: `pt-BR`), or `None` for English (the list
/// above covers it), an unknown language and no language.
pub(crate) fn language_stops(lang: Option<&str>) -> Option<&'static LangStops> {
    static ALL: std::sync::OnceLock<std::collections::HashMap<&'static str, LangStops>> =
        std::sync::OnceLock::new();
    let code = primary_language(lang?).as_bytes();
    let &[a, b] = code else {
        return None;
    };
    // Lower-cased on the stack: this runs once per article.
    let low = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
    let code = std::str::from_utf8(&low).ok()?;
    if code == "en" {
        return None;
    }
    let all = ALL.get_or_init(|| {
        stop_words::available_languages()
            .iter()
            .filter(|&&c| c.len() == 2 && c != "en")
            .filter_map(|&c| Some((c, stop_words::lookup(c)?.iter().copied().collect())))
            .collect()
    });
    all.get(code)
}

/// Extracts the raw features of `title` + `text` (the first `max_bytes` of
/// the text) into `scratch.feats`, sorted by feature hash, one entry per
/// feature: `(hash, kind weight × (1 + ln tf))`; and into
/// `scratch.lower_words` the word features written at least once with a
/// lower-case first letter, sorted and distinct.
pub(crate) fn extract(
    title: &str,
    text: &str,
    lang: Option<&str>,
    max_bytes: usize,
    w: KindWeights,
    s: &mut Scratch,
) {
    s.stops = language_stops(lang);
    s.feats.clear();
    s.lower_words.clear();
    s.toks.clear();
    s.caps_mid.clear();
    let text = cut(text, max_bytes);
    // The title counts twice: it names the event in the fewest words. A
    // text that opens with the title (a body that repeats its headline, or a
    // "title" that is the first sentence) is read from after it, so the
    // title is not counted a third time.
    let title = title.trim();
    let text = match text.trim_start().strip_prefix(title) {
        Some(rest) if !title.is_empty() && !rest.starts_with(char::is_alphanumeric) => rest,
        _ => text,
    };
    // `feats` holds nothing yet, so after the title it holds the title's
    // features alone. Its second reading would yield them again (the names
    // it confirms mid-sentence are the same set): they are copied.
    read(title, w, s);
    s.feats.extend_from_within(..);
    read(text, w, s);
    finish(&mut s.feats, &mut s.lower_words, &mut s.sorted);
}

/// Tokenizes `part` and emits its features into `s`; a part starts a
/// sentence, so its first token is initial.
fn read(part: &str, w: KindWeights, s: &mut Scratch) {
    tokenize(part, &mut s.toks);
    let mut toks = std::mem::take(&mut s.toks);
    emit(part, &mut toks, w, s);
    s.toks = toks;
    s.toks.clear();
}

/// The longest prefix of `t` of at most `max` bytes that ends on a char boundary.
/// The days of the week a text names ("on Tuesday"), as bits (Monday = 1,
/// ..., Sunday = 64), over its first `max_bytes` (as `extract` reads it).
/// Only the capitalised names count, as whole words.
pub(crate) fn weekdays(title: &str, text: &str, max_bytes: usize) -> u8 {
    const DAYS: [&[u8]; 7] = [
        b"Mon", b"Tues", b"Wednes", b"Thurs", b"Fri", b"Satur", b"Sun",
    ];
    let mut mask = 0u8;
    for t in [title, cut(text, max_bytes)] {
        let b = t.as_bytes();
        // Every "day": each `y` (a byte search) after "da". "day" cannot
        // overlap itself, so these are `match_indices("day")`, found
        // without the general substring searcher's set-up per call.
        let days = t
            .match_indices('y')
            .filter_map(|(y, _)| y.checked_sub(2).filter(|&at| &b[at..y] == b"da"));
        for at in days {
            if b.get(at + 3).is_some_and(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
            for (k, d) in DAYS.iter().enumerate() {
                let Some(start) = at.checked_sub(d.len()) else {
                    continue;
                };
                if &b[start..at] == *d && (start == 0 || !b[start - 1].is_ascii_alphanumeric()) {
                    mask |= 1 << k;
                }
            }
        }
    }
    mask
}

fn cut(t: &str, max: usize) -> &str {
    if t.len() <= max {
        return t;
    }
    let mut e = max;
    while e > 0 && !t.is_char_boundary(e) {
        e -= 1;
    }
    &t[..e]
}

fn tokenize(t: &str, out: &mut Vec<Tok>) {
    if t.is_ascii() {
        tokenize_ascii(t.as_bytes(), out);
    } else {
        tokenize_chars(t, out);
    }
}

/// Byte classes for [`tokenize_ascii`].
const C_ALNUM: u8 = 1;
const C_DIGIT: u8 = 2;
const C_ALPHA: u8 = 4;
const C_UPPER: u8 = 8;
/// Ends a sentence: `.`, `!`, `?`, `:`, a line break.
const C_END: u8 = 16;
/// Leaves a token run joined: whitespace (as `char::is_whitespace`: tab,
/// line feed, vertical tab, form feed, carriage return, space), `-`, `'`.
const C_JOIN: u8 = 32;

const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 256 {
        let c = b as u8;
        let mut k = 0u8;
        if c.is_ascii_digit() {
            k |= C_ALNUM | C_DIGIT;
        }
        if c.is_ascii_alphabetic() {
            k |= C_ALNUM | C_ALPHA;
        }
        if c.is_ascii_uppercase() {
            k |= C_UPPER;
        }
        if matches!(c, b'.' | b'!' | b'?' | b'\n' | b':') {
            k |= C_END;
        }
        if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b'-' | b'\'') {
            k |= C_JOIN;
        }
        t[b] = k;
        b += 1;
    }
    t
}

static CLASS: [u8; 256] = byte_classes();

/// [`tokenize_chars`] for ASCII text, byte by byte: the same tokens and
/// flags (for an ASCII char, `is_alphanumeric`, `is_alphabetic`,
/// `is_uppercase` and `is_whitespace` are their ASCII forms; the
/// whitespace includes the vertical tab, as `char::is_whitespace` does).
fn tokenize_ascii(b: &[u8], out: &mut Vec<Tok>) {
    let class = |c: u8| CLASS[usize::from(c)];
    let mut initial = true;
    let mut joined = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let k = class(c);
        if k & C_ALNUM != 0 {
            let numeric = k & C_DIGIT != 0;
            let mut end = i + 1;
            let mut letters = usize::from(k & C_ALPHA != 0);
            let mut uppers = usize::from(k & C_UPPER != 0);
            let mut plain = false;
            if numeric {
                // 1,000 and 3.5 stay one number.
                while let Some(&d) = b.get(end) {
                    let take = class(d) & C_DIGIT != 0
                        || ((d == b',' || d == b'.')
                            && b.get(end + 1).is_some_and(|&n| class(n) & C_DIGIT != 0));
                    if !take {
                        break;
                    }
                    end += 1;
                }
            } else if k & C_UPPER != 0 {
                while let Some(&d) = b.get(end) {
                    let kd = class(d);
                    if kd & C_ALNUM == 0 {
                        break;
                    }
                    letters += usize::from(kd & C_ALPHA != 0);
                    uppers += usize::from(kd & C_UPPER != 0);
                    end += 1;
                }
            } else {
                // Starting with a lower-case letter, it is not all
                // capitals whatever follows (`uppers` stays below
                // `letters`): only its end is needed, and whether a capital
                // follows.
                let mut seen = 0u8;
                while let Some(&d) = b.get(end) {
                    let kd = class(d);
                    if kd & C_ALNUM == 0 {
                        break;
                    }
                    seen |= kd;
                    end += 1;
                }
                plain = seen & C_UPPER == 0;
            }
            out.push(Tok {
                start: i,
                end: end.min(i + MAX_TOKEN_BYTES),
                kind: if numeric {
                    TokKind::Number
                } else {
                    TokKind::Alpha
                },
                cap: k & C_UPPER != 0,
                all_caps: letters >= 2 && uppers == letters,
                plain,
                initial,
                joined,
                low: (0, 0),
                name: 0,
            });
            initial = false;
            joined = true;
            i = end;
            continue;
        } else if k & C_END != 0 {
            let abbrev = after_abbreviation(out, i, c == b'.');
            initial |= !abbrev;
            joined = abbrev;
        } else if k & C_JOIN == 0 {
            joined = false;
        }
        i += 1;
    }
}

/// Splits `t` into tokens: alphanumeric runs (a number keeps its inner
/// `,` and `.` before a digit), each flagged for names and sentences.
fn tokenize_chars(t: &str, out: &mut Vec<Tok>) {
    let mut initial = true;
    let mut joined = false;
    let mut it = t.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if in_unspaced_run(c) {
            // A script written without spaces: its run is cut into
            // overlapping pairs of characters, the usual unit for word-like
            // features there (a lone character is one token, too short to
            // count as a word).
            let mut prev = (i, c.len_utf8());
            let mut single = true;
            while let Some(&(j, d)) = it.peek() {
                if !in_unspaced_run(d) {
                    break;
                }
                out.push(unspaced_tok(prev.0, j + d.len_utf8(), initial));
                initial = false;
                single = false;
                prev = (j, d.len_utf8());
                it.next();
            }
            if single {
                out.push(unspaced_tok(i, i + c.len_utf8(), initial));
            }
            initial = false;
            joined = false;
        } else if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut end = i + c.len_utf8();
            let mut letters = usize::from(c.is_alphabetic());
            let mut uppers = usize::from(c.is_uppercase());
            let lower_or_digit = |x: char| x.is_ascii_lowercase() || x.is_ascii_digit();
            let mut plain = !numeric && lower_or_digit(c);
            while let Some(&(j, d)) = it.peek() {
                let take = if numeric {
                    // 1,000 and 3.5 stay one number.
                    d.is_ascii_digit()
                        || ((d == ',' || d == '.')
                            && t[j + 1..]
                                .chars()
                                .next()
                                .is_some_and(|n| n.is_ascii_digit()))
                } else {
                    d.is_alphanumeric() && !in_unspaced_run(d)
                };
                if !take {
                    break;
                }
                letters += usize::from(d.is_alphabetic());
                uppers += usize::from(d.is_uppercase());
                plain &= lower_or_digit(d);
                end = j + d.len_utf8();
                it.next();
            }
            let end = cut(&t[i..end], MAX_TOKEN_BYTES).len() + i;
            out.push(Tok {
                start: i,
                end,
                kind: if numeric {
                    TokKind::Number
                } else {
                    TokKind::Alpha
                },
                cap: c.is_uppercase(),
                all_caps: letters >= 2 && uppers == letters,
                plain,
                initial,
                joined,
                low: (0, 0),
                name: 0,
            });
            initial = false;
            joined = true;
        } else if c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' {
            let abbrev = after_abbreviation(out, i, c == '.');
            initial |= !abbrev;
            joined = abbrev;
        } else if !c.is_whitespace() && !matches!(c, '-' | '\'' | '’') {
            joined = false;
        }
    }
}

/// Whether `c` belongs to a run of a script written without spaces between
/// words ([`written_without_spaces`]): any character of the Thai, Lao,
/// Tibetan, Myanmar and Khmer blocks (their vowel signs and tone marks sit
/// inside words), letters and digits of Kana and Han.
fn in_unspaced_run(c: char) -> bool {
    written_without_spaces(c) && ((c as u32) < KANA_START || c.is_alphanumeric())
}

/// The first code point of the Kana and Han blocks of
/// [`written_without_spaces`]; the blocks before it write marks inside words.
const KANA_START: u32 = 0x3040;

/// A token of a run written without spaces (see [`tokenize_chars`]).
fn unspaced_tok(start: usize, end: usize, initial: bool) -> Tok {
    Tok {
        start,
        end,
        kind: TokKind::Alpha,
        cap: false,
        all_caps: false,
        plain: false,
        initial,
        joined: false,
        low: (0, 0),
        name: 0,
    }
}

/// Whether a sentence-ending mark at byte `i` is a period right after a
/// one-letter or all-caps token ("U.S.", "J."), which rarely ends a sentence.
fn after_abbreviation(out: &[Tok], i: usize, period: bool) -> bool {
    period
        && out
            .last()
            .is_some_and(|p| p.end == i && (p.end - p.start == 1 || p.all_caps))
}

/// Appends the lower case of `src` to `dst`.
fn lower_append(src: &str, dst: &mut String) {
    if src.is_ascii() {
        let from = dst.len();
        dst.push_str(src);
        if let Some(added) = dst.get_mut(from..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    for c in src.chars() {
        if c.is_ascii() {
            dst.push(c.to_ascii_lowercase());
        } else {
            dst.extend(c.to_lowercase());
        }
    }
}

/// Plural stripping: "shootings" → "shooting", "cities" → "city" (written
/// into `buf` when the stem is not a prefix of `w`).
fn stem<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        buf.clear();
        buf.push_str(&w[..n - 3]);
        buf.push('y');
        buf
    } else if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        &w[..n - 1]
    } else {
        w
    }
}

fn emit(t: &str, toks: &mut [Tok], w: KindWeights, s: &mut Scratch) {
    let Scratch {
        feats,
        lows,
        caps_mid,
        phrase,
        digits,
        stem: stem_buf,
        stops,
        ..
    } = s;
    // Pass 1: each word not already its own lower case (see `Tok::plain`)
    // is lowered once, into `lows`; and which capitalised words appear
    // mid-sentence (confirming names that also start a sentence), with
    // their name hashes kept for pass 2.
    lows.clear();
    for tok in toks.iter_mut() {
        if tok.kind == TokKind::Alpha && !tok.plain {
            let from = lows.len();
            lower_append(&t[tok.start..tok.end], lows);
            tok.low = (from, lows.len());
            if tok.cap && !tok.initial {
                tok.name = xxh3_64_with_seed(&lows.as_bytes()[from..], SEED_NAME);
                caps_mid.push(tok.name);
            }
        }
    }
    caps_mid.sort_unstable();
    phrase.clear();
    let flush = |phrase: &mut Vec<u64>, feats: &mut Vec<(u64, f32)>| {
        if phrase.len() >= 2 && w.phrase > 0.0 {
            let mut h = SEED_PHRASE;
            for p in phrase.iter() {
                h = xxh3_64_with_seed(&p.to_le_bytes(), h);
            }
            feats.push((tag(h, GROUP_NAME), w.phrase));
        }
        phrase.clear();
    };
    for tok in toks.iter() {
        let raw = &t[tok.start..tok.end];
        match tok.kind {
            TokKind::Number => {
                flush(phrase, feats);
                if raw.len() >= 2 && w.number > 0.0 {
                    digits.clear();
                    digits.extend(raw.bytes().filter(|&c| c != b','));
                    feats.push((
                        tag(xxh3_64_with_seed(digits, SEED_NUMBER), GROUP_NUMBER),
                        w.number,
                    ));
                }
            }
            TokKind::Alpha => {
                // A token of lower-case ASCII letters and digits is its own
                // lower case (most tokens); any other was lowered in pass 1.
                let lower: &str = if tok.plain {
                    raw
                } else {
                    lows.get(tok.low.0..tok.low.1).unwrap_or("")
                };
                let stop = is_stopword(lower) || stops.is_some_and(|t| t.contains(lower));
                // Two chars or more (five bytes always hold two).
                let long = lower.len() >= 2
                    && (tok.plain
                        || lower.len() >= 5
                        || lower.is_ascii()
                        || lower.chars().count() >= 2);
                // The name hash is only needed for a capitalised word (pass
                // 1 hashed those that are not sentence-initial).
                let name_hash = if tok.cap && !stop && long {
                    if tok.initial {
                        xxh3_64_with_seed(lower.as_bytes(), SEED_NAME)
                    } else {
                        tok.name
                    }
                } else {
                    0
                };
                let is_name = tok.cap
                    && !stop
                    && long
                    && (!tok.initial || tok.all_caps || caps_mid.binary_search(&name_hash).is_ok());
                if is_name {
                    if !tok.joined || tok.initial {
                        flush(phrase, feats);
                    }
                    if w.name > 0.0 {
                        feats.push((tag(name_hash, GROUP_NAME), w.name));
                    }
                    phrase.push(name_hash);
                } else {
                    flush(phrase, feats);
                }
                if !stop && long {
                    let st = stem(lower, stem_buf);
                    let h = tag(xxh3_64_with_seed(st.as_bytes(), SEED_WORD), GROUP_WORD);
                    // A word written in lower case is marked by the sign of
                    // its weight (words weigh 1); `finish` lists it and
                    // takes the sign off.
                    feats.push((h, if tok.cap { 1.0 } else { -1.0 }));
                }
            }
        }
    }
    flush(phrase, feats);
}

/// Sorts by hash and merges repeats into `weight × (1 + ln tf)`. A word
/// whose run holds a negative weight (one written in lower case, see
/// `emit`) is appended to `lower` (so in hash order, once) and keeps the
/// weight's magnitude.
fn finish(feats: &mut Vec<(u64, f32)>, lower: &mut Vec<u64>, tmp: &mut Vec<(u64, f32)>) {
    // Sorted by hash; a run of one hash keeps its lowest weight in
    // `f32::total_cmp` order (what a sort by hash, then weight, puts first),
    // so the order within a run does not matter.
    sort_by_hash(feats, tmp);
    let mut out = 0usize;
    let mut i = 0usize;
    while i < feats.len() {
        let (h, mut wt) = feats[i];
        let mut j = i + 1;
        while j < feats.len() && feats[j].0 == h {
            if feats[j].1.total_cmp(&wt).is_lt() {
                wt = feats[j].1;
            }
            j += 1;
        }
        if h & 3 == GROUP_WORD && wt < 0.0 {
            lower.push(h);
            wt = -wt;
        }
        // ln 1 = 0 exactly: a single occurrence keeps its weight.
        let v = if j - i == 1 {
            wt
        } else {
            wt * (1.0 + ((j - i) as f32).ln())
        };
        feats[out] = (h, v);
        out += 1;
        i = j;
    }
    feats.truncate(out);
}

/// Sorts `v` by hash (entries of one hash in no particular order), using
/// `tmp` as room. Hashes are uniform in their top bits: the entries are
/// spread over 64 buckets by their top 6 bits (one counting pass, one
/// copy), which leaves them sorted but within a bucket (about two entries
/// each for a typical article's 130), and one insertion pass finishes: an
/// entry only moves past the few of its own bucket. A bucket of more than
/// 32 entries (crafted input) makes it the library sort, so the cost stays
/// that of a sort. This replaces a comparison sort of the whole list, the
/// largest single cost of extraction.
fn sort_by_hash(v: &mut Vec<(u64, f32)>, tmp: &mut Vec<(u64, f32)>) {
    const BUCKET_BITS: u32 = 6;
    const BUCKETS: usize = 1 << BUCKET_BITS;
    const MAX_RUN: u32 = 32;
    if v.len() <= 32 {
        v.sort_unstable_by_key(|e| e.0);
        return;
    }
    let bucket = |h: u64| (h >> (64 - BUCKET_BITS)) as usize;
    let mut at = [0u32; BUCKETS];
    for e in v.iter() {
        at[bucket(e.0)] += 1;
    }
    if at.iter().any(|&c| c > MAX_RUN) {
        v.sort_unstable_by_key(|e| e.0);
        return;
    }
    let mut sum = 0u32;
    for c in &mut at {
        let n = *c;
        *c = sum;
        sum += n;
    }
    tmp.clear();
    tmp.resize(v.len(), (0, 0.0));
    for &e in v.iter() {
        let b = &mut at[bucket(e.0)];
        if let Some(slot) = tmp.get_mut(*b as usize) {
            *slot = e;
        }
        *b += 1;
    }
    for i in 1..tmp.len() {
        let x = tmp[i];
        let mut j = i;
        while j > 0 && tmp[j - 1].0 > x.0 {
            tmp[j] = tmp[j - 1];
            j -= 1;
        }
        tmp[j] = x;
    }
    std::mem::swap(v, tmp);
}

#[cfg(test)]
pub(crate) fn name_hash(s: &str) -> u64 {
    tag(xxh3_64_with_seed(s.as_bytes(), SEED_NAME), GROUP_NAME)
}

#[cfg(test)]
pub(crate) fn word_hash(s: &str) -> u64 {
    tag(xxh3_64_with_seed(s.as_bytes(), SEED_WORD), GROUP_WORD)
}

#[cfg(test)]
pub(crate) fn number_hash(s: &str) -> u64 {
    tag(xxh3_64_with_seed(s.as_bytes(), SEED_NUMBER), GROUP_NUMBER)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: KindWeights = KindWeights {
        name: 2.0,
        phrase: 3.0,
        number: 5.0,
    };

    fn feats(title: &str, text: &str) -> Vec<(u64, f32)> {
        let mut s = Scratch::default();
        extract(title, text, None, 10_000, W, &mut s);
        s.feats.clone()
    }

    fn get(f: &[(u64, f32)], h: u64) -> Option<f32> {
        f.iter().find(|x| x.0 == h).map(|x| x.1)
    }

    /// `expect`: (feature, kind, expected raw value or None for absent).
    fn check(text: &str, expect: &[(&str, char, Option<f32>)]) {
        let f = feats("", text);
        for &(word, kind, want) in expect {
            let h = match kind {
                'w' => word_hash(word),
                'n' => name_hash(word),
                _ => number_hash(word),
            };
            let got = get(&f, h);
            match (got, want) {
                (Some(g), Some(e)) => assert!((g - e).abs() < 1e-5, "{text:?} {word}: {g} != {e}"),
                _ => assert_eq!(got, want, "{text:?} {word} ({kind})"),
            }
        }
    }

    #[test]
    fn names_words_and_numbers() {
        let one = 1.0f32;
        let two = 1.0 + 2f32.ln();
        check(
            "The quake hit Tokyo on Friday. Tokyo said 1,000 people died in 2011.",
            &[
                ("quake", 'w', Some(one)),
                ("tokyo", 'w', Some(two)),
                // Mid-sentence "Tokyo" confirms the sentence-initial one: tf 2.
                ("tokyo", 'n', Some(2.0 * two)),
                // "The" starts a sentence and is a stopword: no name, no word.
                ("the", 'n', None),
                ("the", 'w', None),
                // Days of the week are stopwords, not names.
                ("friday", 'n', None),
                ("1000", 'x', Some(5.0)),
                ("2011", 'x', Some(5.0)),
                ("people", 'w', None),
            ],
        );
    }

    #[test]
    fn the_title_counts_twice_and_a_leading_repeat_once() {
        let plain = feats("Dam bursts", "Water reached the valley.");
        // "dam" and "burst": title twice = 1 + ln 2; "water": text once = 1.
        assert_eq!(get(&plain, word_hash("dam")), Some(1.0 + 2f32.ln()));
        assert_eq!(get(&plain, word_hash("water")), Some(1.0));
        // The same text opening with its title: the repeat is skipped.
        assert_eq!(
            feats("Dam bursts", "Dam bursts\nWater reached the valley."),
            plain
        );
        // A title that is only the start of the first word is no repeat.
        let f = feats("Dam", "Damascus reported water in the valley.");
        assert_eq!(get(&f, word_hash("dam")), Some(1.0 + 2f32.ln()));
        assert!(get(&f, word_hash("damascus")).is_some());
    }

    #[test]
    fn words_written_in_lower_case_are_listed() {
        let mut s = Scratch::default();
        // "vote" is written in lower case once (its capitalised title use
        // does not matter); "Senate" and "Tuesday" never are, stopwords and
        // numbers are not words, "votes" is the plural of "vote".
        extract(
            "Senate Vote",
            "The Senate held the votes on Tuesday. Passed 52 to 48.",
            None,
            10_000,
            W,
            &mut s,
        );
        let mut want = vec![word_hash("vote"), word_hash("held")];
        want.sort_unstable();
        assert_eq!(s.lower_words, want);
        // The marking leaves the weights as they are: words weigh
        // 1 + ln tf, whatever their case, and the title counts twice
        // ("Senate" and "Vote" twice there, once more in the text).
        let three = 1.0 + 3f32.ln();
        assert_eq!(get(&s.feats, word_hash("vote")), Some(three));
        assert_eq!(get(&s.feats, word_hash("held")), Some(1.0));
        assert_eq!(get(&s.feats, word_hash("senate")), Some(three));
        // A later article starts from an empty list.
        extract("", "Senate", None, 10_000, W, &mut s);
        assert!(s.lower_words.is_empty());
    }

    #[test]
    fn sentence_initial_needs_confirmation_and_acronyms_do_not() {
        check(
            "Rescuers searched the rubble. NATO sent aid.",
            &[
                ("rescuers", 'n', None),
                ("rescuer", 'w', Some(1.0)),
                ("nato", 'n', Some(2.0)),
            ],
        );
    }

    #[test]
    fn plurals_are_stripped() {
        check(
            "two shootings in cities and a class",
            &[
                ("shooting", 'w', Some(1.0)),
                ("city", 'w', Some(1.0)),
                ("class", 'w', Some(1.0)),
            ],
        );
    }

    #[test]
    fn abbreviation_period_does_not_start_a_sentence() {
        // "Officials" after "U.S." is mid-sentence, so it counts as a name only
        // because it is capitalised mid-sentence; "U.S." itself is not dropped.
        check("the U.S. Navy said", &[("navy", 'n', Some(2.0))]);
    }

    #[test]
    fn phrases_join_adjacent_names() {
        let a = feats("", "yesterday Lindsay Lohan entered rehab");
        let b = feats("", "yesterday Lindsay and Lohan entered rehab");
        let pa: Vec<_> = a.iter().filter(|x| (x.1 - 3.0).abs() < 1e-6).collect();
        let pb: Vec<_> = b.iter().filter(|x| (x.1 - 3.0).abs() < 1e-6).collect();
        assert_eq!(pa.len(), 1, "one phrase for 'Lindsay Lohan'");
        assert!(pb.is_empty(), "'and' breaks the phrase");
    }

    #[test]
    fn weekdays_are_capitalised_whole_words_in_the_lead() {
        let check = |title: &str, text: &str, max: usize, want: u8| {
            assert_eq!(weekdays(title, text, max), want, "{title:?} {text:?}");
        };
        check("", "The vote came on Tuesday.", 500, 0b10);
        check(
            "Senate votes Thursday",
            "It passed. On Sunday it was signed.",
            500,
            0b100_1000,
        );
        check(
            "",
            "Mondays are slow; monday is lower case; Today, Friday's game.",
            500,
            0b1_0000,
        );
        check("", "Someday. Birthday. Midday. Holiday", 500, 0);
        check("", "Wednesdays", 500, 0);
        // Only the first `max` bytes of the text count (the title always).
        check("", "A long lead. Later, on Saturday, it ended.", 12, 0);
        check("Saturday", "", 0, 0b10_0000);
        // Any script around them, and cut inside a multi-byte character.
        check("", "Ещё в понедельник. On Friday — ok", 500, 0b1_0000);
        check("", "ééééé Monday", 3, 0);
        // At the very start and end, and next to each other.
        check("", "Sunday", 500, 0b100_0000);
        check("Friday", "Monday-Tuesday", 500, 0b1_0011);
        check("y", "day days Sundaydays yday", 500, 0);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "",
            " ",
            "a",
            "ééé",
            "東京で地震が発生した。",
            "\u{0}\u{ffff}",
            &"x".repeat(100_000),
            "1,",
            "3.",
            ".5",
        ] {
            let f = feats(t, t);
            assert!(f.windows(2).all(|p| p[0].0 < p[1].0), "sorted, unique");
        }
        // Cutting inside a multi-byte char is safe.
        let mut s = Scratch::default();
        extract("", "ééééé", None, 5, W, &mut s);
        assert_eq!(s.feats, vec![(word_hash("éé"), 1.0)]);
    }

    #[test]
    fn ascii_tokenizer_matches_the_char_tokenizer() {
        // Random ASCII strings over an alphabet heavy in the characters the
        // tokenizer treats specially (xorshift, fixed seed).
        const ALPHABET: &[u8] = b"aZbY09 ,.!?:\n\t\x0b\x0c\r-'\"(;/_\x00\x1fU.S";
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for round in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 40) as usize + if round % 100 == 0 { 60 } else { 0 };
            let text: String = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    char::from(ALPHABET[(x % ALPHABET.len() as u64) as usize])
                })
                .collect();
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            tokenize_ascii(text.as_bytes(), &mut fast);
            tokenize_chars(&text, &mut slow);
            assert_eq!(fast, slow, "{text:?}");
        }
        // Long tokens are cut the same way.
        let long = format!("{} A.B. {}.", "Q".repeat(70), "7".repeat(60));
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        tokenize_ascii(long.as_bytes(), &mut fast);
        tokenize_chars(&long, &mut slow);
        assert_eq!(fast, slow);
    }

    #[test]
    fn feature_order_is_hash_then_total_weight_order() {
        let ws = [-2.5f32, -0.0, 0.0, 1e-30, 1.0, 3.0, f32::INFINITY];
        let mut f: Vec<(u64, f32)> = Vec::new();
        for (i, &w) in ws.iter().enumerate().rev() {
            // Not words (groups 1 and 3): their weights are kept as they are.
            f.push((7, w));
            f.push((5 + 4 * (i as u64 % 2), w));
        }
        let mut want = f.clone();
        want.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut lower = Vec::new();
        finish(&mut f, &mut lower, &mut Vec::new());
        assert!(lower.is_empty());
        // One entry per hash, with the lowest weight of its run.
        let firsts: Vec<(u64, u32)> = f.iter().map(|e| (e.0, e.1.to_bits())).collect();
        let mut expect = Vec::new();
        for (k, e) in want.iter().enumerate() {
            if k == 0 || want[k - 1].0 != e.0 {
                let n = want.iter().filter(|x| x.0 == e.0).count() as f32;
                expect.push((e.0, (e.1 * (1.0 + n.ln())).to_bits()));
            }
        }
        assert_eq!(firsts, expect);
    }

    #[test]
    fn plain_tokens_are_ascii_lower_case_letters_and_digits() {
        let text = "vote Vote voTe a1b 2020 USA été vote\u{e9}";
        for ascii in [true, false] {
            let mut toks = Vec::new();
            if ascii {
                let t = &text[..text.find('é').unwrap_or(0)];
                tokenize_ascii(t.as_bytes(), &mut toks);
            } else {
                tokenize_chars(text, &mut toks);
            }
            let plain: Vec<bool> = toks.iter().map(|t| t.plain).collect();
            let want = [true, false, false, true, false, false, false, false];
            assert_eq!(plain, want[..plain.len()], "ascii {ascii}");
            assert_eq!(plain.len(), if ascii { 6 } else { 8 });
        }
    }

    #[test]
    fn bucketed_sort_orders_by_hash_like_the_library_sort() {
        // Lengths around the cut-over, random hashes, repeats, and many
        // hashes sharing one top byte (one bucket past the insertion limit).
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for n in [0usize, 1, 2, 31, 32, 33, 64, 200, 1000] {
            for same_top in [false, true] {
                let mut v: Vec<(u64, f32)> = (0..n)
                    .map(|i| {
                        let h = next();
                        let h = if same_top { (h >> 8) | (7 << 56) } else { h };
                        // Every fifth a repeat of an earlier hash.
                        (h, i as f32)
                    })
                    .collect();
                for i in (5..n).step_by(5) {
                    v[i].0 = v[i / 2].0;
                }
                let mut want: Vec<u64> = v.iter().map(|e| e.0).collect();
                want.sort_unstable();
                let mut items = v.clone();
                sort_by_hash(&mut v, &mut Vec::new());
                let got: Vec<u64> = v.iter().map(|e| e.0).collect();
                assert_eq!(got, want, "n {n}, one top byte {same_top}");
                // The same entries, only moved.
                items.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
                v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
                assert_eq!(v, items);
            }
        }
    }

    #[test]
    fn stopword_table_holds_exactly_the_list() {
        for w in STOPWORDS {
            assert!(is_stopword(w), "{w}");
        }
        for w in [
            "",
            "x",
            "theirs2",
            "abouts",
            "thes",
            "th",
            "nowhere",
            "ourselvesx",
            "é",
        ] {
            assert!(!is_stopword(w), "{w}");
        }
        // Every stopword cut, extended or with one byte changed: the quick
        // filter and the table agree with the list itself.
        for w in STOPWORDS {
            let b = w.as_bytes();
            let mut variants: Vec<Vec<u8>> = vec![b[..b.len() - 1].to_vec(), [b, b"s"].concat()];
            for i in 0..b.len() {
                for c in [b'a', b'e', b's', b'y', b'Z'] {
                    let mut v = b.to_vec();
                    v[i] = c;
                    variants.push(v);
                }
            }
            for v in variants {
                let v = String::from_utf8(v).unwrap_or_default();
                assert_eq!(is_stopword(&v), STOPWORDS.contains(&v.as_str()), "{v}");
            }
        }
    }

    #[test]
    fn function_words_by_language() {
        let fr = language_stops(Some("fr")).expect("French");
        assert!(fr.contains("les") && fr.contains("dans"));
        assert!(!fr.contains("inondations"));
        assert_eq!(language_stops(Some("FR-ca")), Some(fr));
        // Persian has no NLTK list: Stopwords ISO's.
        assert!(language_stops(Some("fa")).is_some_and(|t| t.contains("از")));
        // English keeps the list above; unknown and missing codes read none.
        for lang in [
            Some("en"),
            Some("en-GB"),
            Some("xx"),
            Some("fra"),
            Some(""),
            None,
        ] {
            assert_eq!(language_stops(lang), None, "{lang:?}");
        }
    }

    #[test]
    fn unspaced_runs_become_overlapping_pairs() {
        let words = |t: &str| {
            let mut v = Vec::new();
            tokenize(t, &mut v);
            v.iter()
                .map(|k| t[k.start..k.end].to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(words("四川地震"), ["四川", "川地", "地震"]);
        // A lone character is one token; Latin words and numbers beside
        // Han stay whole; punctuation ends a run.
        assert_eq!(
            words("震。iPhone手机12台"),
            ["震", "iPhone", "手机", "12", "台"]
        );
        // Thai vowel signs stay inside the run.
        assert_eq!(words("ฝนตก"), ["ฝน", "นต", "ตก"]);
        assert_eq!(words("ที่"), ["ที", "ี่"]);
    }
}
