//! Numbers in article sentences with their unit and a short context: "3,000 ISIS
//! fighters" -> 3000 / "fighters", "90%" -> 90 / "%", "£20,000" -> 20000 / "£",
//! "two million people" -> 2000000 / "people", a lone "2017" -> 2017 / "year".
//!
//! It does NOT read dates as numbers (a day next to a month name is skipped),
//! does not convert currencies or units, and reads English number words only.

use crate::lexicon;
use crate::text::{Doc, TokKind};

/// One number found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NumberMention {
    /// The value, scale words applied.
    pub value: f64,
    /// Unit as written (lowercase), "%" or a currency sign; empty when none.
    pub unit: String,
    /// Sentence index.
    pub sent: usize,
    /// Byte range of the number (and its scale word).
    pub start: usize,
    pub end: usize,
}

fn parse_num(s: &str) -> Option<f64> {
    // "3,000" and "3,000.5": commas group thousands; "3.000" stays 3.0.
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

const CURRENCY: &[&str] = &["$", "£", "€", "¥", "₽", "₹"];

/// Every number in the body sentences of `doc`.
pub(crate) fn numbers(doc: &Doc) -> Vec<NumberMention> {
    let mut out = Vec::new();
    for (si, s) in doc.sents.iter().enumerate() {
        if !doc.in_body(si) {
            continue;
        }
        let r = s.toks.clone();
        let mut i = r.start;
        while i < r.end {
            let t = doc.toks[i];
            let w = doc.tok(i);
            let lw = w.to_lowercase();
            let (mut value, word) = match t.kind {
                TokKind::Num => match parse_num(w) {
                    Some(v) => (v, false),
                    None => {
                        i += 1;
                        continue;
                    }
                },
                TokKind::Word if lexicon::is_number_word(&lw) && lw != "one" && lw != "zero" => {
                    match lexicon::number_word_value(&lw) {
                        Some(v) if lexicon::scale_word(&lw).is_none() => (v, true),
                        _ => {
                            i += 1;
                            continue;
                        }
                    }
                }
                _ => {
                    i += 1;
                    continue;
                }
            };
            let start = t.start;
            let mut end = t.end;
            let mut j = i + 1;
            // Scale words: "3 million", "two thousand".
            if j < r.end {
                if let Some(m) = lexicon::scale_word(&doc.tok(j).to_lowercase()) {
                    value *= m;
                    end = doc.toks[j].end;
                    j += 1;
                }
            }
            let prev = if i > r.start {
                doc.tok(i - 1).to_lowercase()
            } else {
                String::new()
            };
            let next = if j < r.end {
                doc.tok(j).to_lowercase()
            } else {
                String::new()
            };
            // Days of a date: "Sept. 15", "15 March".
            let prev_month = i > r.start + 1
                && doc.tok(i - 1) == "."
                && lexicon::is_month(&doc.tok(i - 2).to_lowercase());
            if !word
                && (lexicon::is_month(&prev) || prev_month || lexicon::is_month(&next))
                && value < 32.0
            {
                i = j;
                continue;
            }
            let unit = if CURRENCY.contains(&prev.as_str()) {
                prev.clone()
            } else if next == "%"
                || next == "percent"
                || (next == "per" && j + 1 < r.end && doc.tok(j + 1).eq_ignore_ascii_case("cent"))
            {
                "%".to_string()
            } else {
                unit_after(doc, j, r.end)
                    .or_else(|| is_year(w, value, word).then(|| "year".to_string()))
                    .unwrap_or_default()
            };
            out.push(NumberMention {
                value,
                unit,
                sent: si,
                start,
                end,
            });
            i = j;
        }
    }
    out
}

fn is_year(w: &str, value: f64, word: bool) -> bool {
    !word
        && w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && (1000.0..=2100.0).contains(&value)
}

/// The unit noun after a number: the first lowercase content word within three
/// tokens, skipping capitalised modifiers ("3,000 ISIS fighters").
fn unit_after(doc: &Doc, j: usize, end: usize) -> Option<String> {
    let mut k = j;
    while k < end && k < j + 3 {
        let t = doc.toks[k];
        if t.kind != TokKind::Word {
            // "27-year-old": a hyphen glues the unit.
            if doc.tok(k) == "-" {
                k += 1;
                continue;
            }
            return None;
        }
        let w = doc.tok(k);
        let lw = w.to_lowercase();
        if w.chars().next().is_some_and(|c| c.is_uppercase()) && !lexicon::is_month(&lw) {
            k += 1;
            continue;
        }
        if lexicon::is_not_unit(&lw)
            || lexicon::is_month(&lw)
            || lexicon::is_number_word(&lw)
            || !w.chars().all(|c| c.is_alphabetic() || c == '-')
        {
            return None;
        }
        return Some(lw);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[(f64, &str)]) {
        let d = Doc::new(text);
        let got: Vec<(f64, String)> = numbers(&d).into_iter().map(|n| (n.value, n.unit)).collect();
        let exp: Vec<(f64, String)> = expect.iter().map(|(v, u)| (*v, u.to_string())).collect();
        assert_eq!(got, exp, "text: {text}");
    }

    #[test]
    fn values_units_and_dates() {
        check(
            "An estimated 3,000 ISIS fighters remain in the area.",
            &[(3000.0, "fighters")],
        );
        check(
            "Raqqa was 90% destroyed after 11 months of siege.",
            &[(90.0, "%"), (11.0, "months")],
        );
        check(
            "He sought damages of between £20,000 and £50,000 in court.",
            &[(20000.0, "£"), (50000.0, "£")],
        );
        check(
            "On Sept. 15, 2017 two million people voted there.",
            &[(2017.0, "year"), (2e6, "people")],
        );
        check("It rose 3.5 per cent in the year to March.", &[(3.5, "%")]);
        check("One does not need to be an expert to see it.", &[]);
    }
}
