//! Text-mode cleanup: the article's paragraphs out of text that someone already
//! pulled out of a page (menus, footers and reader comments still in it).
//!
//! Every line is classified on its own shape and its neighbours:
//! - indentation and bullets ("•", "1.") mark list items; indented lines after
//!   the article's last unindented paragraph are a comment thread (commenter
//!   names, replies, jokes), and indented short items are menus;
//! - short lines without a sentence end are labels: before the first paragraph
//!   (title, kicker, menu) and after the last one (footer, "What's Hot" lists,
//!   date and author lines) they go, and so do runs of three or more anywhere;
//! - furniture wording (see `boiler`), photo captions and attribution-only lines
//!   go; attributions are collected on the way.
//!
//! It does not rewrite sentences (except removing a leading "X reports:"
//! credit) and does not judge what a paragraph says.

use crate::attrib;
use crate::boiler;
use crossread_core::Attribution;

/// The outcome of cleaning one text.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    /// Article paragraphs separated by a blank line.
    pub text: String,
    /// The title, when the text starts with one.
    pub title: Option<String>,
    /// Credits found in the text.
    pub attributions: Vec<Attribution>,
    /// The site's own name from a "© 2023 Name" footer.
    pub own_site: Option<String>,
    /// Lines removed, with the reason (for the evaluation report).
    pub removed: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Prose,
    Label,
    Drop(&'static str),
}

struct Line {
    text: String,
    indent: usize,
    bullet: bool,
    class: Class,
}

/// Longest input line considered; longer lines are cut (bounded work).
const MAX_LINE_CHARS: usize = 20_000;

fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with([
        '.', '!', '?', '"', '\u{201d}', '\u{2019}', ')', '\u{3002}', '\u{2026}', '\u{bb}', ':', ';',
    ])
}

/// Strips a list marker ("•", "-", "*", "1.", "2)") and says whether one was there.
fn strip_bullet(t: &str) -> (&str, bool) {
    let t2 = t.trim_start_matches(['\u{2022}', '\u{25aa}', '\u{00b7}', '\u{25cf}', '*']);
    if t2.len() != t.len() {
        return (t2.trim_start(), true);
    }
    if let Some(r) = t.strip_prefix("- ").or_else(|| t.strip_prefix("\u{2013} ")) {
        return (r.trim_start(), true);
    }
    let digits = t.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits) {
        if let Some(r) = t[digits..]
            .strip_prefix(". ")
            .or_else(|| t[digits..].strip_prefix(") "))
        {
            return (r.trim_start(), true);
        }
    }
    (t, false)
}

/// A photo caption or photo credit line.
fn is_caption(t: &str) -> bool {
    let l = t.to_lowercase();
    if l.starts_with("top photo")
        || l.starts_with("featured photo")
        || l.starts_with("photo:")
        || l.starts_with("photo credit")
    {
        return true;
    }
    if l.contains("(ap photo")
        || l.contains("(afp photo")
        || l.contains("(reuters photo")
        || l.contains("/getty images")
    {
        return true;
    }
    // A line that ends with its credit: "... on Tuesday. (Courier photo)",
    // "... (Photo: Vessa Emergency Directorate)", "... Photo: Eastgate Monitor".
    const CREDIT_WORDS: [&str; 5] = ["photo", "image", "picture", "credit", "illustration"];
    let trimmed = l.trim_end();
    if trimmed.ends_with(')') {
        if let Some(open) = trimmed.rfind('(') {
            let inner = &trimmed[open..];
            if inner.chars().count() <= 80 && CREDIT_WORDS.iter().any(|w| inner.contains(w)) {
                return true;
            }
        }
    }
    if let Some(dot) = trimmed.rfind(". ") {
        let tail = trimmed[dot + 2..].trim_start();
        if tail.chars().count() <= 80
            && [
                "photo:",
                "photo by",
                "photograph:",
                "image:",
                "picture:",
                "credit:",
            ]
            .iter()
            .any(|p| tail.starts_with(p))
        {
            return true;
        }
    }
    // "In this Friday, Sept. 15, 2017 photo, a soldier ..." (wire caption style).
    if let Some(rest) = l.strip_prefix("in this ") {
        let head: String = rest.chars().take(60).collect();
        return head.contains(" photo")
            || head.starts_with("photo")
            || head.contains("file photo")
            || head.contains("image");
    }
    false
}

fn classify(t: &str) -> Class {
    let chars = t.chars().count();
    if boiler::is_boilerplate_line(t) {
        return Class::Drop("furniture");
    }
    if is_caption(t) {
        return Class::Drop("caption");
    }
    if chars >= 120 || (chars >= 40 && ends_sentence(t)) {
        Class::Prose
    } else {
        Class::Label
    }
}

/// Cleans a whole text.
pub(crate) fn clean(input: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut lines: Vec<Line> = Vec::new();
    for raw in input.lines() {
        let raw: String = if raw.len() > MAX_LINE_CHARS {
            raw.chars().take(MAX_LINE_CHARS).collect()
        } else {
            raw.to_owned()
        };
        let raw = raw.trim_end();
        let trimmed = raw.trim_start_matches(|c: char| c.is_whitespace());
        if trimmed.trim_matches(|c: char| c.is_whitespace()).is_empty() {
            continue;
        }
        let indent = raw.len() - trimmed.len();
        let (body, bullet) = strip_bullet(trimmed.trim_end_matches(|c: char| c.is_whitespace()));
        let body = body.trim_matches(|c: char| c.is_whitespace());
        if body.is_empty() {
            continue;
        }
        let mut text = body.to_owned();
        let mut class = classify(&text);
        // Attributions, before deciding what stays.
        let a = attrib::scan_line(&text);
        for f in a.found {
            attrib::push_unique(&mut out.attributions, f);
        }
        if a.own_site.is_some() && out.own_site.is_none() {
            out.own_site = a.own_site;
        }
        if a.only_attribution {
            class = Class::Drop("attribution");
        } else if let Some(rest) = a.rest {
            text = rest;
            class = classify(&text);
        }
        lines.push(Line {
            text,
            indent,
            bullet,
            class,
        });
    }
    // The article's span: first to last unindented prose line.
    let is_main_prose = |l: &Line| l.class == Class::Prose && l.indent == 0 && !l.bullet;
    // A first line that reads as a headline (no full stop, followed by prose).
    let headline = lines.first().is_some_and(|l| {
        l.indent == 0
            && !l.bullet
            && l.class != Class::Drop("attribution")
            && l.text.chars().count() < 150
            && !l.text.trim_end().ends_with(['.', ':', ';', ','])
            && looks_like_title(&l.text)
            && lines.get(1).is_some_and(|n| n.class == Class::Prose)
    });
    let first = lines
        .iter()
        .enumerate()
        .position(|(i, l)| is_main_prose(l) && !(i == 0 && headline));
    let last = lines.iter().rposition(is_main_prose);
    let (Some(first), Some(last)) = (first, last) else {
        for l in &lines {
            out.removed.push(("no article paragraph", l.text.clone()));
        }
        return out;
    };
    // A thread: a short bulleted name line followed by a more indented line.
    let thread_start = (0..lines.len()).find(|&i| {
        let l = &lines[i];
        l.bullet
            && l.indent > 0
            && l.class == Class::Label
            && lines
                .get(i + 1)
                .is_some_and(|n| n.indent > l.indent && !n.bullet)
    });
    let runs = label_runs(&lines);
    let mut title_score: Option<u32> = None;
    for i in 0..lines.len() {
        let l = &lines[i];
        if let Class::Drop(why) = l.class {
            out.removed.push((why, l.text.clone()));
            continue;
        }
        let indented = l.indent > 0 || l.bullet;
        let why = if i == 0 && headline {
            if out.title.is_none() {
                out.title = Some(l.text.clone());
            }
            Some("headline")
        } else if thread_start.is_some_and(|s| i >= s) && l.indent > 0 {
            Some("comment thread")
        } else if indented && (i > last || i < first) {
            Some(if l.class == Class::Label {
                "menu or link list"
            } else {
                "comment"
            })
        } else if l.class == Class::Label && (i < first || i > last) {
            Some(if i < first {
                "label before the article"
            } else {
                "label after the article"
            })
        } else if l.class == Class::Label && (runs[i] || l.indent > 0) {
            Some("menu or link list")
        } else {
            None
        };
        if let Some(why) = why {
            // The title is the most headline-like label above the article:
            // capitalised like a headline, five words or more, and nearer the
            // text (below the outlet's name, menus and section labels; above
            // the date and byline, which are too short or are dates).
            if why == "label before the article" && !headline && is_title_candidate(&l.text) {
                let words = l.text.split_whitespace().count();
                let score = 2 * u32::from(looks_like_title(&l.text))
                    + match words {
                        0..=3 => 0,
                        4 => 1,
                        _ => 2,
                    };
                // Ties go to the later line.
                if title_score.is_none_or(|best| score >= best) {
                    title_score = Some(score);
                    out.title = Some(l.text.clone());
                }
            }
            out.removed.push((why, l.text.clone()));
            continue;
        }
        if !out.text.is_empty() {
            out.text.push_str("\n\n");
        }
        out.text.push_str(&l.text);
    }
    out
}

/// A label line above the article that can be its title: three to forty
/// words, no menu separators, no closing full stop, colon or comma, and not a
/// bare date ("March 4th, 2025"). Sentence case is fine here.
fn is_title_candidate(t: &str) -> bool {
    let t = t.trim();
    let words = t.split_whitespace().count();
    if !(3..=40).contains(&words) || t.chars().count() > 250 {
        return false;
    }
    if t.ends_with(['.', ':', ';', ','])
        || t.contains(" | ")
        || t.contains(" \u{b7} ")
        || t.contains(" \u{2022} ")
    {
        return false;
    }
    // A date line: a year and at most five words.
    let has_year = t
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    !(has_year && words <= 5)
}

/// A title line: several words, mostly capitalised or a question.
fn looks_like_title(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 4 || t.chars().count() > 200 {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    caps * 2 >= words.len() || t.contains('?')
}

/// For each line, whether it is part of three or more consecutive label lines
/// (one linear pass).
fn label_runs(lines: &[Line]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if lines[i].class != Class::Label {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].class == Class::Label {
            i += 1;
        }
        if i - start >= 3 {
            out[start..i].iter_mut().for_each(|x| *x = true);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        assert_eq!(clean(input).text, expect, "input:\n{input}");
    }

    #[test]
    fn keeps_paragraphs_drops_furniture() {
        let p1 = "The minister said on Monday that the talks would resume next week in Geneva, officials confirmed.";
        let p2 = "Both sides have agreed to a ceasefire that starts at midnight, according to a joint statement.";
        check(
            &format!("Home\nNews\nSport\n{p1}\n\n{p2}\n\nLeave a Reply\n"),
            &format!("{p1}\n\n{p2}"),
        );
        check(
            &format!("{p1}\n\n  \u{2022} Jane Doe\n\n    Great article, thanks for writing this up for us all.\n\n      \u{2022} Bob\n\n        LOL\n"),
            p1,
        );
        check(&format!("{p1}\n\n  1. {p2}\n"), p1);
        check(
            &format!("{p1}\nSubheading Here\n{p2}"),
            &format!("{p1}\n\nSubheading Here\n\n{p2}"),
        );
        check("", "");
        check("LOL", "");
        // Captions that end with their credit.
        check(
            &format!("People shelter in the sports centre early on Tuesday. (Courier photo)\n{p1}"),
            p1,
        );
        check(
            &format!(
                "Boats tied up in the harbour at Brisk on Tuesday. Photo: Eastgate Monitor\n\n{p1}"
            ),
            p1,
        );
        // A paragraph that merely mentions a photo stays.
        let p3 = "The minister showed a photo of the flooded road (taken on Sunday) to reporters in Geneva.";
        check(&format!("{p1}\n\n{p3}"), &format!("{p1}\n\n{p3}"));
    }

    fn title(input: &str) -> Option<String> {
        clean(input).title
    }

    #[test]
    fn title_is_the_most_headline_like_label_above_the_article() {
        let p = "The dam failed late on Saturday night, regional officials said on Sunday morning, after days of rain.";
        // Outlet, menu, section label, sentence-case title, date, byline.
        assert_eq!(
            title(&format!("The Civic Lantern\nHome | Opinion | Politics | Donate\n\nOpinion\n\nDam collapse in Vessa Valley kills 14\n\nMarch 4th, 2025\nOskar Lindqvist\n\n{p}")).as_deref(),
            Some("Dam collapse in Vessa Valley kills 14")
        );
        // Only a menu and a date above the text: no title.
        assert_eq!(
            title(&format!(
                "Home | World | Sport | Weather\n\n2 March 2025\n\n{p}"
            )),
            None
        );
        // A capitalised headline beats a short label nearer the text.
        assert_eq!(
            title(&format!("Logo\nRussia Trolls Coalition, Offers Help In Iraq\n\nRussian Defense Ministry\n\n{p}")).as_deref(),
            Some("Russia Trolls Coalition, Offers Help In Iraq")
        );
        // A first-line headline still wins.
        assert_eq!(
            title(&format!(
                "Putin Declares Complete Victory Over ISIS In Syria\n{p}"
            ))
            .as_deref(),
            Some("Putin Declares Complete Victory Over ISIS In Syria")
        );
    }
}
