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

/// One token of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// Hash of the lowercased token.
    pub hash: u64,
    /// Start, in code points.
    pub start: usize,
    /// End (exclusive), in code points.
    pub end: usize,
    /// Start, in bytes.
    pub bstart: usize,
    /// End (exclusive), in bytes.
    pub bend: usize,
}

/// A tokenised text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tokens {
    /// The tokens in text order.
    pub toks: Vec<Token>,
    /// Token index at which each sentence starts (first is 0 when non-empty).
    pub sent_starts: Vec<usize>,
}

/// Characters of scripts written without spaces: each is one token.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x0F00..=0x0FFF    // Tibetan
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // Han extension A
        | 0x4E00..=0x9FFF    // Han
        | 0xF900..=0xFAFF    // Han compatibility
        | 0x20000..=0x3FFFF) // Han extensions B..
        && c.is_alphanumeric()
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
        out.toks.push(Token {
            hash: fmix64(*buf),
            start: span[0],
            end: span[1],
            bstart: span[2],
            bend: span[3],
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

    /// Token texts (by offsets) and sentence starts.
    fn check(input: &str, words: &[&str], sents: &[usize]) {
        let t = tokenize(input);
        let chars: Vec<char> = input.chars().collect();
        let got: Vec<String> = t
            .toks
            .iter()
            .map(|k| chars[k.start..k.end].iter().collect())
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
