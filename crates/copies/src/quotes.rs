//! Quotation detection: which stretches of a text sit inside quotation
//! marks, so that the derivation figures can tell reuse of what a speaker
//! said (independent reporters quote the same people) from reuse of another
//! writer's own narrative.
//!
//! Marks handled, in any script: straight `"` and `'`, typographic `“ ” „ ‟`
//! and `‘ ’ ‚ ‛`, guillemets `« » ‹ ›` (either direction), corner brackets
//! `「 」 『 』`, the TeX-style pairs `` `` `` / `''` and doubled single marks
//! such as Urdu `’’ … ‘‘` (a doubled single mark counts as a double one).
//! Direction is read from the context of each mark, not from its shape
//! (`“` opens in English and closes in German; Urdu news opens with `’’`): a
//! mark after a space or at a line start, before a non-space, opens; a mark
//! after a non-space, before a space, punctuation or a line end, closes. A
//! quotation never crosses a line break (a quotation running over several
//! paragraphs reopens at each one); an unclosed double quotation runs to the
//! line end; a single mark opens only when a closing single mark follows on
//! the same line (otherwise it is an apostrophe or an elision, `'90s`).
//!
//! What it does NOT do: attribute quotations to speakers, detect reported
//! speech without marks (Urdu `انہوں نے کہا کہ`, "he said that"), or tell an
//! apostrophe from a closing single mark after a plural (`the judges' room`
//! inside a single-quoted passage may close it early).

/// Family of a quotation mark: a quotation closes only with its own family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// A mark's shape: which way it points regardless of context, if it does
/// (only the corner brackets do).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Either,
    Opening,
    Closing,
}

fn family(c: char) -> Option<(Family, Shape)> {
    use Family::*;
    use Shape::*;
    Some(match c {
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{FF02}' => (Double, Either),
        '\u{300C}' | '\u{300E}' => (Double, Opening),
        '\u{300D}' | '\u{300F}' => (Double, Closing),
        '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}'
        | '\u{203A}' => (Single, Either),
        _ => return None,
    })
}

/// One quotation mark of a line, after doubled single marks are merged.
#[derive(Debug, Clone, Copy)]
struct Mark {
    fam: Family,
    /// Code-point offset of the first character of the mark.
    at: usize,
    /// Code-point offset just after the mark.
    after: usize,
    can_open: bool,
    can_close: bool,
}

/// Whether `c` may stand right before an opening mark (besides a space or
/// the line start): an opening bracket, a dash or slash, or another mark.
fn opens_before(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '-' | '\u{2013}' | '\u{2014}' | '/' | ':'
    ) || family(c).is_some()
}

/// The quotation marks of one line (`chars` is the line, `base` the offset of
/// its first character in the text).
fn marks(chars: &[char], base: usize) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let Some((mut fam, shape)) = family(c) else {
            i += 1;
            continue;
        };
        let mut len = 1;
        // `` '' ’’ ‘‘ ,, and the like: one double mark.
        if fam == Family::Single && chars.get(i + 1).is_some_and(|&d| d == c) {
            fam = Family::Double;
            len = 2;
        }
        let prev = i.checked_sub(1).map(|k| chars[k]);
        let next = chars.get(i + len).copied();
        let space_before = prev.is_none_or(|p| p.is_whitespace() || opens_before(p));
        let space_after = next.is_none_or(|n| n.is_whitespace());
        let punct_after = next.is_none_or(|n| !n.is_alphanumeric());
        let (can_open, can_close) = match shape {
            Shape::Opening => (true, false),
            Shape::Closing => (false, true),
            Shape::Either => (
                space_before && !space_after,
                !prev.is_none_or(char::is_whitespace) && punct_after,
            ),
        };
        out.push(Mark {
            fam,
            at: base + i,
            after: base + i + len,
            can_open,
            can_close,
        });
        i += len;
    }
    out
}

/// The quoted stretches of `text` as half-open code-point ranges (the text
/// between the marks, marks excluded), sorted and disjoint. Linear time.
pub(crate) fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line: Vec<char> = Vec::new();
    let mut base = 0usize;
    let mut pos = 0usize;
    for c in text.chars().chain(std::iter::once('\n')) {
        if c == '\n' {
            line_spans(&line, base, &mut out);
            line.clear();
            base = pos + 1;
        } else {
            line.push(c);
        }
        pos += 1;
    }
    out
}

/// The quoted stretches of one line, appended to `out`.
fn line_spans(line: &[char], base: usize, out: &mut Vec<(usize, usize)>) {
    let ms = marks(line, base);
    if ms.is_empty() {
        return;
    }
    // closer_after[k]: whether a single mark that can close comes after k.
    let mut closer_after = vec![false; ms.len()];
    let mut seen = false;
    for k in (0..ms.len()).rev() {
        closer_after[k] = seen;
        if ms[k].fam == Family::Single && ms[k].can_close {
            seen = true;
        }
    }
    let end = base + line.len();
    let mut open: Option<(Family, usize)> = None;
    for (k, m) in ms.iter().enumerate() {
        match open {
            Some((f, start)) => {
                // Close on a mark of the same family that can close; a
                // double mark between two spaces or two letters closes too
                // (a single one there is an apostrophe: `won’t`).
                let closes = match f {
                    Family::Double => m.can_close || !m.can_open,
                    Family::Single => m.can_close,
                };
                if f == m.fam && closes {
                    if start < m.at {
                        out.push((start, m.at));
                    }
                    open = None;
                }
            }
            None => {
                let opens = match m.fam {
                    // A double mark between two spaces or two letters is
                    // read as opening when no quotation is open.
                    Family::Double => m.can_open || !m.can_close,
                    Family::Single => m.can_open && closer_after[k],
                };
                if opens {
                    open = Some((m.fam, m.after));
                }
            }
        }
    }
    if let Some((_, start)) = open {
        if start < end {
            out.push((start, end));
        }
    }
}

/// Per token (given by its code-point start offset, in text order), whether
/// it sits inside a quotation.
pub(crate) fn quoted_tokens(text: &str, starts: impl Iterator<Item = usize>) -> Vec<bool> {
    let spans = quoted_spans(text);
    let mut k = 0;
    starts
        .map(|s| {
            while k < spans.len() && spans[k].1 <= s {
                k += 1;
            }
            k < spans.len() && spans[k].0 <= s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expect` marks each quoted stretch of `input` with `[` `]`.
    fn check(input: &str, expect: &str) {
        let spans = quoted_spans(input);
        let mut got = String::new();
        let mut k = 0;
        for (i, c) in input.chars().enumerate() {
            if k < spans.len() && spans[k].0 == i {
                got.push('[');
            }
            got.push(c);
            if k < spans.len() && spans[k].1 == i + 1 {
                got.push(']');
                k += 1;
            }
        }
        assert_eq!(got, expect, "quotations of {input:?}");
    }

    #[test]
    fn double_marks_of_many_conventions() {
        check("none here", "none here");
        check("", "");
        check(
            r#"He said: "We will rebuild." Then he left."#,
            r#"He said: "[We will rebuild.]" Then he left."#,
        );
        check("“Open,” she said, “now.”", "“[Open,]” she said, “[now.]”");
        // German „…“ and French « … » (spaces inside the guillemets).
        check("Er sagte „nein“ dazu.", "Er sagte „[nein]“ dazu.");
        check("Il a dit « non » hier.", "Il a dit «[ non ]» hier.");
        // Danish/German »…«.
        check("Han sagde »nej« igen.", "Han sagde »[nej]« igen.");
        check("彼は「はい」と言った", "彼は「[はい]」と言った");
        // TeX-style, as in PA wire copy.
        check("He said: ``Yes.'' Then", "He said: ``[Yes.]'' Then");
        // Urdu: a doubled ’ opens, a doubled ‘ after a space closes.
        check(
            "ہمارے پاس ’’یواین اے ‘‘ کے امن",
            "ہمارے پاس ’’[یواین اے ]‘‘ کے امن",
        );
    }

    #[test]
    fn single_marks_need_a_closer() {
        check(
            "it was 'part of the job'.",
            "it was '[part of the job]'.",
        );
        check("‘We won’t stop,’ he said.", "‘[We won’t stop,]’ he said.");
        // Apostrophes and elisions open nothing.
        check("The judge's ruling in the '90s.", "The judge's ruling in the '90s.");
        check("don't 'stop", "don't 'stop");
        // A single quotation inside a double one does not end it.
        check(
            r#""He called it 'mad' today," she said."#,
            r#""[He called it 'mad' today,]" she said."#,
        );
    }

    #[test]
    fn quotations_stop_at_line_ends() {
        // Unclosed: to the end of the line; the next paragraph reopens.
        check(
            "\"First part,\nnot quoted \"second\"",
            "\"[First part,]\nnot quoted \"[second]\"",
        );
        check("\"", "\"");
        check("a \" b", "a \"[ b]");
    }

    #[test]
    fn token_flags_follow_spans() {
        let t = "He said \"we go\" now";
        // Token starts: He 0, said 3, we 9, go 12, now 16.
        assert_eq!(
            quoted_tokens(t, [0, 3, 9, 12, 16].into_iter()),
            vec![false, false, true, true, false]
        );
        assert!(quoted_tokens("", std::iter::empty()).is_empty());
    }
}
