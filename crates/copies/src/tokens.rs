//! Tokenisation: words (or single characters for scripts written without
//! spaces) with their code-point offsets, hashed with a fixed seed, plus
//! sentence boundaries and the shingle hashes built from them.
//!
//! What it does NOT do: stemming, stop-word lists or any language-specific
//! rule. Scripts without spaces between words (Han, Hiragana, Katakana, Thai,
//! Lao, Khmer, Myanmar, Tibetan) are cut into one token per character, so that
//! word 3-gram shingles become character 3-grams there, the usual unit for
//! those scripts. Every other script is cut at whitespace and punctuation.

/// Seed (FNV-1a start state) of every token hash, fixed so output is
/// identical run to run.
pub(crate) const TOKEN_SEED: u64 = 0x6372_6f73_7372_6561; // "crossrea"
/// Seed that mixes token hashes into shingle hashes.
pub(crate) const SHINGLE_SEED: u64 = 0x636f_7069_6573_2d33; // "copies-3"
/// Shingle width in tokens.
pub(crate) const SHINGLE: usize = 3;

/// One token of a text. Offsets are `u32` (24 bytes a token rather than 40:
/// the aligner holds the tokens of an article and its sources at once, which
/// on a 10 MB article is millions of them); [`tokenize`] reads at most the
/// first 4 GiB of a text so that they always fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Hash of the lowercased token.
    pub hash: u64,
    /// Start, in code points.
    pub start: u32,
    /// End (exclusive), in code points.
    pub end: u32,
    /// Start, in bytes.
    pub bstart: u32,
    /// End (exclusive), in bytes.
    pub bend: u32,
}

impl Token {
    /// Start and end in code points.
    pub fn char_span(&self) -> (usize, usize) {
        (self.start as usize, self.end as usize)
    }

    /// Start and end in bytes.
    pub fn byte_span(&self) -> (usize, usize) {
        (self.bstart as usize, self.bend as usize)
    }
}

/// The longest prefix of `text` whose byte offsets fit in a `u32`, cut at a
/// character boundary (the whole text in any real case).
fn within_u32(text: &str) -> &str {
    prefix_within(text, u32::MAX as usize)
}

/// The longest prefix of `text` of at most `max` bytes ending at a character
/// boundary.
fn prefix_within(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// A tokenised text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens {
    /// The tokens in text order.
    pub toks: Vec<Token>,
    /// Token index at which each sentence starts (first is 0 when non-empty).
    pub sent_starts: Vec<usize>,
}

/// Letters and digits of scripts written without spaces: each is one token.
fn is_unspaced(c: char) -> bool {
    crossread_core::written_without_spaces(c) && c.is_alphanumeric()
}

/// Combining marks and joiners that belong inside a word although
/// `char::is_alphanumeric` is false for them (Arabic/Urdu harakat, Indic vowel
/// signs, Hebrew points, zero-width joiners).
fn is_word_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06ED
        | 0x0900..=0x0963
        | 0x0966..=0x0DFF
        | 0x200C..=0x200D
        | 0x1AB0..=0x1AFF
        | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_word_mark(c)
}

/// Characters that end a sentence when followed by a space or a line end.
fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '\u{06D4}'
            | '\u{061F}'
            | '\u{0964}'
            | '\u{0965}'
            | '\u{3002}'
            | '\u{FF01}'
            | '\u{FF1F}'
    )
}

const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The 64-bit finaliser of MurmurHash3 (full avalanche).
pub(crate) fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Folds one character (lowercased) into a token hash state: FNV-1a over the
/// UTF-8 bytes of the lowercased text, started at `TOKEN_SEED`.
#[inline]
fn fold_char(mut h: u64, c: char) -> u64 {
    if c.is_ascii() {
        h ^= c.to_ascii_lowercase() as u64;
        return h.wrapping_mul(FNV_PRIME);
    }
    let mut b = [0u8; 4];
    for l in c.to_lowercase() {
        for &x in l.encode_utf8(&mut b).as_bytes() {
            h ^= x as u64;
            h = h.wrapping_mul(FNV_PRIME);
        }
    }
    h
}

/// Tokenises `text`.
pub(crate) fn tokenize(text: &str) -> Tokens {
    let text = within_u32(text);
    let mut out = Tokens::default();
    let mut buf: u64 = TOKEN_SEED;
    let mut start = 0usize;
    let mut bstart = 0usize;
    let mut in_word = false;
    // Whether a sentence break is pending before the next token.
    let mut pending_break = true;
    // 0: no sentence end seen since the last word; 1: a sentence-ending mark;
    // 2: such a mark followed by whitespace (a break before the next word).
    let mut end_state = 0u8;
    let mut newlines = 0usize;
    let mut pos = 0usize;
    let flush = |buf: &mut u64, out: &mut Tokens, span: [usize; 4], brk: &mut bool| {
        if *brk {
            out.sent_starts.push(out.toks.len());
            *brk = false;
        }
        // Every offset fits: `text` is at most `u32::MAX` bytes long.
        let at = |i: usize| u32::try_from(span[i]).unwrap_or(u32::MAX);
        out.toks.push(Token {
            hash: fmix64(*buf),
            start: at(0),
            end: at(1),
            bstart: at(2),
            bend: at(3),
        });
        *buf = TOKEN_SEED;
    };
    for (bpos, c) in text.char_indices() {
        if is_unspaced(c) {
            if in_word {
                flush(
                    &mut buf,
                    &mut out,
                    [start, pos, bstart, bpos],
                    &mut pending_break,
                );
                in_word = false;
            }
            if end_state >= 1 || newlines >= 2 {
                pending_break = true;
            }
            buf = fold_char(buf, c);
            flush(
                &mut buf,
                &mut out,
                [pos, pos + 1, bpos, bpos + c.len_utf8()],
                &mut pending_break,
            );
            end_state = 0;
            newlines = 0;
        } else if is_word_char(c) {
            if !in_word {
                if end_state == 2 || newlines >= 2 {
                    pending_break = true;
                }
                in_word = true;
                start = pos;
                bstart = bpos;
                end_state = 0;
                newlines = 0;
            }
            buf = fold_char(buf, c);
        } else {
            if in_word {
                flush(
                    &mut buf,
                    &mut out,
                    [start, pos, bstart, bpos],
                    &mut pending_break,
                );
                in_word = false;
            }
            if is_sentence_end(c) {
                end_state = 1;
            } else if c.is_whitespace() && end_state == 1 {
                end_state = 2;
            }
            if c == '\n' {
                newlines += 1;
            }
        }
        pos += 1;
    }
    if in_word {
        flush(
            &mut buf,
            &mut out,
            [start, pos, bstart, text.len()],
            &mut pending_break,
        );
    }
    out
}

/// The token hashes of `text` only (no offsets, no sentences): the same
/// values as [`tokenize`], with a byte-level fast path for ASCII, for the
/// candidate index.
pub(crate) fn token_hashes(text: &str, out: &mut Vec<u64>) {
    let bytes = text.as_bytes();
    if bytes.is_ascii() {
        ascii_token_hashes(bytes, out);
        return;
    }
    let mut h = TOKEN_SEED;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                h ^= b.to_ascii_lowercase() as u64;
                h = h.wrapping_mul(FNV_PRIME);
                in_word = true;
            } else if in_word {
                out.push(fmix64(h));
                h = TOKEN_SEED;
                in_word = false;
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_unspaced(c) {
            if in_word {
                out.push(fmix64(h));
            }
            out.push(fmix64(fold_char(TOKEN_SEED, c)));
            h = TOKEN_SEED;
            in_word = false;
        } else if is_word_char(c) {
            h = fold_char(h, c);
            in_word = true;
        } else if in_word {
            out.push(fmix64(h));
            h = TOKEN_SEED;
            in_word = false;
        }
        i += c.len_utf8().max(1);
    }
    if in_word {
        out.push(fmix64(h));
    }
}

/// Eight copies of a byte.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Bit 7 of each byte of `v` (eight ASCII bytes, little-endian) set where the
/// byte is an ASCII letter or digit (SWAR range tests: no byte is 0x80 or
/// more, so no addition carries into the next byte).
#[inline]
fn word_bytes(v: u64) -> u64 {
    let l = v | (0x20 * ONES);
    let alpha = (l + (128 - b'a' as u64) * ONES) & !(l + (127 - b'z' as u64) * ONES);
    let digit = (v + (128 - b'0' as u64) * ONES) & !(v + (127 - b'9' as u64) * ONES);
    (alpha | digit) & (0x80 * ONES)
}

/// The eight bit-7 flags of [`word_bytes`] gathered into bits 0..8, byte `i`
/// at bit `i`.
#[inline]
fn gather(flags: u64) -> u64 {
    ((flags >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// Word-byte mask of up to 64 ASCII bytes: bit `i` set where `block[i]` is
/// a letter or digit (bytes past the end count as separators).
#[inline]
fn block_mask(block: &[u8]) -> u64 {
    if let Ok(full) = <&[u8; 64]>::try_from(block) {
        let mut m = 0u64;
        for (k, c) in full.chunks_exact(8).enumerate() {
            let w: [u8; 8] = c.try_into().unwrap_or([0; 8]);
            m |= gather(word_bytes(u64::from_le_bytes(w))) << (8 * k);
        }
        return m;
    }
    let mut w = [0u8; 64];
    w[..block.len()].copy_from_slice(block);
    block_mask(&w)
}

/// The token hash (before `fmix64`) of the ASCII word `b[s..e]`: the first
/// eight bytes are read as one word and folded without a data-dependent
/// branch (all eight steps run, the one at the word's length is kept), so
/// the FNV chains of neighbouring words overlap in the CPU.
#[inline]
fn ascii_word_hash(b: &[u8], s: usize, e: usize) -> u64 {
    let w: [u8; 8] = match b.get(s..s + 8) {
        Some(x) => x.try_into().unwrap_or([0; 8]),
        None => {
            let mut w = [0u8; 8];
            let head = &b[s..b.len().min(s + 8)];
            w[..head.len()].copy_from_slice(head);
            w
        }
    };
    // Letters and digits lowercase by setting bit 5 (digits have it set).
    let v = u64::from_le_bytes(w) | (0x20 * ONES);
    let len = e - s;
    let mut h = TOKEN_SEED;
    let mut pick = TOKEN_SEED;
    for k in 0..8 {
        h ^= (v >> (8 * k)) & 0xff;
        h = h.wrapping_mul(FNV_PRIME);
        if k < len {
            pick = h;
        }
    }
    for &c in b.get(s + 8..e).unwrap_or(&[]) {
        pick ^= (c | 0x20) as u64;
        pick = pick.wrapping_mul(FNV_PRIME);
    }
    pick
}

/// [`token_hashes`] of an all-ASCII text: word starts and ends come from
/// 64-byte masks (one branch per word boundary, alternating, so predictable),
/// words are hashed by [`ascii_word_hash`]. Same values as the general path.
fn ascii_token_hashes(b: &[u8], out: &mut Vec<u64>) {
    let mut carry = 0u64; // whether the byte before the block is a word byte
    let mut start = 0usize;
    let mut base = 0usize;
    // One block past the end (all separators) closes a word ending there.
    for block in b.chunks(64).chain(std::iter::once(&[][..])) {
        let m = block_mask(block);
        let prev = (m << 1) | carry;
        let mut ev = (m & !prev) | (!m & prev);
        while ev != 0 {
            let p = ev.trailing_zeros() as usize;
            ev &= ev - 1;
            if m >> p & 1 == 1 {
                start = base + p;
            } else {
                out.push(fmix64(ascii_word_hash(b, start, base + p)));
            }
        }
        carry = m >> 63;
        base += 64;
    }
}

/// Mixes a run of up to `SHINGLE` token hashes into one shingle hash
/// (order-sensitive: each position is rotated differently).
#[inline]
pub(crate) fn mix(hashes: &[u64]) -> u64 {
    let mut h = SHINGLE_SEED ^ hashes.len() as u64;
    for (k, &x) in hashes.iter().take(SHINGLE).enumerate() {
        h ^= x.rotate_left(21 * k as u32);
    }
    fmix64(h)
}

/// Calls `f` with the hash of every `SHINGLE`-token shingle of `hashes`; a
/// text shorter than a shingle yields one shingle of all its tokens, an empty
/// one none.
pub(crate) fn for_each_shingle(hashes: &[u64], mut f: impl FnMut(u64)) {
    if hashes.is_empty() {
        return;
    }
    if hashes.len() < SHINGLE {
        f(mix(hashes));
        return;
    }
    for w in hashes.windows(SHINGLE) {
        f(mix(w));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_never_splits_a_character() {
        // "é" is two bytes: a cut at byte 2 falls inside it.
        assert_eq!(prefix_within("aé b", 2), "a");
        assert_eq!(prefix_within("aé b", 3), "aé");
        assert_eq!(prefix_within("aé b", 99), "aé b");
        assert_eq!(within_u32("short"), "short");
    }

    /// Token texts (by offsets) and sentence starts.
    fn check(input: &str, words: &[&str], sents: &[usize]) {
        let t = tokenize(input);
        let chars: Vec<char> = input.chars().collect();
        let got: Vec<String> = t
            .toks
            .iter()
            .map(|k| {
                let (s, e) = k.char_span();
                let (bs, be) = k.byte_span();
                // Byte offsets point at the same characters.
                assert_eq!(input[bs..be].chars().count(), e - s);
                chars[s..e].iter().collect()
            })
            .collect();
        assert_eq!(got, words, "tokens of {input:?}");
        assert_eq!(t.sent_starts, sents, "sentences of {input:?}");
    }

    #[test]
    fn words_offsets_and_sentences() {
        check("", &[], &[]);
        check("  ,, ", &[], &[]);
        check("Hello", &["Hello"], &[0]);
        check(
            "The cat sat. It ran!\n\nNew para",
            &["The", "cat", "sat", "It", "ran", "New", "para"],
            &[0, 3, 5],
        );
        // A dot splits only when whitespace follows it.
        check("U.S. troops", &["U", "S", "troops"], &[0, 2]);
        check("é£a b", &["é", "a", "b"], &[0]);
        // Urdu: harakat stay inside words, the Urdu full stop ends a sentence.
        check("بنگلہ دیش۔ زمبابوے", &["بنگلہ", "دیش", "زمبابوے"], &[0, 2]);
        // Han: one token per character, Latin words whole.
        check("中文abc字", &["中", "文", "abc", "字"], &[0]);
        // Kana and Thai, written without spaces: one token per character
        // too; a space changes nothing.
        check("ニュース です", &["ニ", "ュ", "ー", "ス", "で", "す"], &[0]);
        check("ภาษาไทย", &["ภ", "า", "ษ", "า", "ไ", "ท", "ย"], &[0]);
        // Hangul is written with spaces: words whole.
        check("한국어 뉴스", &["한국어", "뉴스"], &[0]);
    }

    #[test]
    fn fast_hashes_equal_tokenizer_hashes() {
        for t in [
            "",
            "Hello, World!",
            "é£a b",
            "بنگلہ دیش۔ زمبابوے",
            "中文abc字 x",
            "a\u{0}b\u{fffd}c  İstanbul ß",
        ] {
            let mut fast = Vec::new();
            token_hashes(t, &mut fast);
            let slow: Vec<u64> = tokenize(t).toks.iter().map(|k| k.hash).collect();
            assert_eq!(fast, slow, "{t:?}");
        }
    }

    #[test]
    fn ascii_fast_path_equals_general_path() {
        // Pseudo-random ASCII (xorshift): letters of both cases, digits,
        // punctuation, control bytes; words of 1 to 20 bytes, texts of 0 to
        // 300 bytes so that words straddle the 64-byte blocks and the end.
        let alphabet = b"abcXYZ09q_ .,\n\t-'\x00\x7f@[`{";
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3000 {
            let n = (next() % 300) as usize;
            let t: Vec<u8> = (0..n)
                .map(|_| {
                    let r = next();
                    if r % 3 == 0 {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    } else {
                        b'a' + (r >> 8) as u8 % 26 - if r % 7 == 0 { 32 } else { 0 }
                    }
                })
                .collect();
            let t = String::from_utf8(t).expect("ascii");
            let mut fast = Vec::new();
            ascii_token_hashes(t.as_bytes(), &mut fast);
            let slow: Vec<u64> = tokenize(&t).toks.iter().map(|k| k.hash).collect();
            assert_eq!(fast, slow, "{t:?}");
        }
        // Every byte value below 0x80 alone and between two words.
        for c in 0u8..0x80 {
            let t = format!("ab{}Cd", c as char);
            let mut fast = Vec::new();
            ascii_token_hashes(t.as_bytes(), &mut fast);
            let slow: Vec<u64> = tokenize(&t).toks.iter().map(|k| k.hash).collect();
            assert_eq!(fast, slow, "{t:?}");
        }
    }

    #[test]
    fn case_is_folded_in_hashes() {
        let a = tokenize("Hello World");
        let b = tokenize("hello WORLD");
        let ha: Vec<u64> = a.toks.iter().map(|t| t.hash).collect();
        let hb: Vec<u64> = b.toks.iter().map(|t| t.hash).collect();
        assert_eq!(ha, hb);
    }

    #[test]
    fn shingles_cover_short_texts() {
        let count = |n: usize| {
            let mut k = 0;
            let v: Vec<u64> = (0..n as u64).map(|x| x * 7 + 1).collect();
            for_each_shingle(&v, |_| k += 1);
            k
        };
        assert_eq!(count(0), 0);
        assert_eq!(count(1), 1);
        assert_eq!(count(2), 1);
        assert_eq!(count(3), 1);
        assert_eq!(count(10), 8);
    }
}
