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
//!   short sentences directly after the last paragraph close the article and
//!   stay, and a text of one line is the article however short it is;
//! - furniture wording (see `boiler`), photo captions and attribution-only lines
//!   go; attributions are collected on the way.
//!
//! Before that, control characters are dropped and hard-wrapped text (wire
//! copy, mail, old archives: every line broken near one width) is joined back
//! into paragraphs, so that a wrapped paragraph is classified as the prose it
//! is and not as a run of short labels (see [`unwrap`]).
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

/// Whether a line ends a sentence. A trailing `<` (the paragraph mark of
/// some wire feeds' plain-text copy) is looked through.
fn ends_sentence(t: &str) -> bool {
    t.trim_end().trim_end_matches('<').trim_end().ends_with([
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

/// Widest wrap width recognised: text whose common line length is wider is
/// written one paragraph per line, as extracted text usually is.
const MAX_WRAP: usize = 120;
/// Columns a wrapper may leave unused at the end of a full line (many wrap
/// before the width, not at it).
const WRAP_SLACK: usize = 3;
/// Narrowest wrap width recognised (below it, short lines are menus and
/// lists, not a wrapped paragraph).
const MIN_WRAP: usize = 50;

/// `input`'s lines with control characters removed (tab kept) and, when the
/// text is hard-wrapped, each wrapped paragraph joined into one line.
///
/// A text is hard-wrapped when its wrap width `w` (the length that a tenth
/// of its non-blank lines reach) lies within [`MIN_WRAP`]..=[`MAX_WRAP`] and
/// at least two, and 30%, of the lines followed by another non-blank line
/// are *full*: the line stops mid-sentence and the next line's first word
/// would not have fitted after it within `w` less [`WRAP_SLACK`]. (30%, not
/// half: in paragraphs of two or three lines, one break in two or three is
/// the writer's.)
///
/// A full line continues into the next one (a wrapper broke it), joined by
/// one space; any other line ends its paragraph (the writer broke it), as do
/// blank lines and a next line that is indented or bulleted. A line that ends
/// a sentence ends its paragraph too: at worst a wrapped paragraph is cut in
/// two at a sentence end, while text written one paragraph per line (every
/// line a sentence end, often of similar length) is never run together. A
/// line without a letter or digit (a rule of dashes) never joins. Text that
/// is not hard-wrapped keeps its lines as they are.
fn unwrap(input: &str) -> Vec<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let is_control = |c: char| c.is_control() && c != '\t';
    let lines: Vec<Cow<str>> = input
        .lines()
        .map(|l| {
            if l.contains(is_control) {
                Cow::Owned(l.chars().filter(|&c| !is_control(c)).collect())
            } else {
                Cow::Borrowed(l)
            }
        })
        .collect();
    let len = |l: &str| l.trim_end().chars().count();
    let mut lens: Vec<usize> = lines.iter().map(|l| len(l)).filter(|&n| n > 0).collect();
    if lens.len() < 4 {
        return lines;
    }
    lens.sort_unstable();
    let width = lens[lens.len() - 1 - lens.len() / 10];
    if !(MIN_WRAP..=MAX_WRAP).contains(&width) {
        return lines;
    }
    let starts_block = |l: &str| {
        let t = l.trim_start();
        t.len() != l.len() || strip_bullet(t).1
    };
    // A rule of dashes or stars is a separator, never part of a paragraph.
    let wordy = |l: &str| l.chars().any(char::is_alphanumeric);
    let full = |a: &str, b: &str| {
        let next_word = b.split_whitespace().next().map_or(0, |w| w.chars().count());
        wordy(a)
            && wordy(b)
            && !ends_sentence(a)
            && !starts_block(b)
            && len(a) + 1 + next_word + WRAP_SLACK > width
    };
    let (mut pairs, mut fulls) = (0usize, 0usize);
    for w in lines.windows(2) {
        if len(&w[0]) > 0 && !w[1].trim().is_empty() {
            pairs += 1;
            fulls += usize::from(full(&w[0], &w[1]));
        }
    }
    if fulls < 2 || 10 * fulls < 3 * pairs {
        return lines;
    }
    let mut out: Vec<Cow<str>> = Vec::with_capacity(lines.len());
    let mut joining = false;
    for (i, l) in lines.iter().enumerate() {
        if joining {
            if let Some(Cow::Owned(last)) = out.last_mut() {
                last.push(' ');
                last.push_str(l.trim());
            }
        } else {
            out.push(Cow::Owned(l.trim_end().to_owned()));
        }
        joining = len(l) > 0 && lines.get(i + 1).is_some_and(|n| full(l, n));
    }
    out
}

/// Cleans a whole text.
pub(crate) fn clean(input: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut lines: Vec<Line> = Vec::new();
    for raw in unwrap(input) {
        // A line is kept whole however long it is (an article flattened to
        // one line is still the whole article); every test below is linear
        // in its length.
        let raw = raw.as_ref().trim_end();
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
    // Short sentences right after the last paragraph close the article
    // ("The crash is still under investigation."), as a run of them inside
    // it does; a footer's items do not read as sentences.
    let last = lines.iter().rposition(is_main_prose).map(|mut last| {
        while lines.get(last + 1).is_some_and(|l| {
            l.class == Class::Label && l.indent == 0 && !l.bullet && is_short_sentence(&l.text)
        }) {
            last += 1;
        }
        last
    });
    let (Some(first), Some(last)) = (first, last) else {
        // A text of one line (a lead, a dek, a one-line brief) is the article
        // as given, however short: there is no page around it to tell it
        // from. A lone word or two without a sentence end ("Home") is not.
        if let [l] = lines.as_slice() {
            if !matches!(l.class, Class::Drop(_))
                && l.indent == 0
                && !l.bullet
                && (l.text.split_whitespace().count() >= 3 || ends_sentence(&l.text))
            {
                out.text = l.text.clone();
                keep_as_given(input, &mut out.text);
                return out;
            }
        }
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
        } else if l.class == Class::Label
            && (l.indent > 0 || (runs[i] && !is_short_sentence(&l.text)))
        {
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
    keep_as_given(input, &mut out.text);
    out
}

/// When cleaning kept every line of `input` as it was and `input` already
/// separates paragraphs by blank lines, the text is returned as given (less
/// leading and trailing blank space), spaces at line ends included: offsets
/// into the extracted text are then offsets into the caller's own text.
fn keep_as_given(input: &str, text: &mut String) {
    let given = input.trim();
    if given.len() == text.len() || given.contains(|c: char| c.is_control() && c != '\n') {
        return;
    }
    // `text` is `given` with each line's end trimmed, lines joined by "\n".
    let mut rest = text.as_str();
    for (k, line) in given.lines().enumerate() {
        let after_break = if k == 0 {
            Some(rest)
        } else {
            rest.strip_prefix('\n')
        };
        match after_break.and_then(|r| r.strip_prefix(line.trim_end())) {
            Some(r) => rest = r,
            None => return,
        }
    }
    if rest.is_empty() {
        *text = given.to_owned();
    }
}

/// A label line above the article that can be its title: three to forty
/// words, no menu separators, no closing full stop, colon or comma, and not a
/// dateline ("March 4th, 2025", "Updated 4: 08 p. m. ET"; the same test as a
/// given title's, `meta::is_date_line`). Sentence case is fine here.
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
    !crate::meta::is_date_line(t)
}

/// A short line that reads as a sentence, not as a menu item or headline:
/// three words or more, written in sentence case, ending a sentence with
/// `.`, `!` or `?` (a closing quote may follow). Inside the article a run of
/// these is dialogue or a punchy passage ("He loves the patter."), kept;
/// menus and link lists do not end their items so.
fn is_short_sentence(t: &str) -> bool {
    let t = t.trim();
    let end = t.trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'']);
    t.split_whitespace().count() >= 3 && end.ends_with(['.', '!', '?']) && !looks_like_title(t)
}

/// A title line: several words, mostly capitalised or a question, and not
/// a dateline ("MONDAY, MAY 23, 2005" is capitalised like one).
fn looks_like_title(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 4 || t.chars().count() > 200 || crate::meta::is_date_line(t) {
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
        check("Home\nWorld", "");
        // A one-line text is the article, however short.
        check("She persisted.", "She persisted.");
        check(
            "Sinema becomes the state's first female senator after a long count",
            "Sinema becomes the state's first female senator after a long count",
        );
        check("Photo: Eastgate Monitor", "");
        // An article flattened to one long line comes back whole.
        let long = format!("{p1} ").repeat(2_000);
        check(&long, long.trim_end());
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
        // Inside the article, a run of short sentences stays; a run of
        // short items without sentence ends goes as a menu.
        check(
            &format!("{p1}\nHe loves the patter.\nIt really shows.\nHe is charming and pleasant.\n{p2}"),
            &format!("{p1}\n\nHe loves the patter.\n\nIt really shows.\n\nHe is charming and pleasant.\n\n{p2}"),
        );
        check(
            &format!("{p1}\nWorld news\nSport\nIs this the end of the euro?\n{p2}"),
            &format!("{p1}\n\n{p2}"),
        );
        // Short sentences closing the article stay; the footer after them goes.
        check(
            &format!("{p1}\nThe crash is still under investigation.\nNo one was hurt.\nShare this:\nRelated stories\n"),
            &format!("{p1}\n\nThe crash is still under investigation.\n\nNo one was hurt."),
        );
        check(&format!("{p1}\nRelated stories\nNo one was hurt.\n"), p1);
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
        // A capitalised dateline nearer the text is no title.
        assert_eq!(
            title(&format!("Scoring record falls in overtime win\n\nPUBLISHED FRIDAY, MARCH 8, 2013 AT 12: 46 PM / UPDATED AT 12: 48 PM\n\n{p}")).as_deref(),
            Some("Scoring record falls in overtime win")
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

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        // Wire copy wrapped at 60 columns, a control character and a `<`
        // paragraph mark at each break, a rule and a slug above, a sign-off
        // below. Written for this test; the expected paragraphs were joined
        // by hand.
        let wrapped = "  ----------------------------------------------------------\n\
            11:02 04/03/25: Page 1 COURTS Harbour\n\
            HARBOUR BOSS FINED OVER CRANE COLLAPSE<\n\
            \u{19}The manager of a harbour in the south of the county was\n\
            fined on Tuesday after a crane fell across a quay and\n\
            crushed two parked lorries.<\n\
            \u{19}Magistrates heard that the crane had not been inspected\n\
            for three years before the accident last spring.<\n\
            \u{19}The case was adjourned until the end of the month.<\n\
            \u{19}end<\n";
        check(
            wrapped,
            "The manager of a harbour in the south of the county was fined on Tuesday after a crane fell across a quay and crushed two parked lorries.<\n\n\
             Magistrates heard that the crane had not been inspected for three years before the accident last spring.<\n\n\
             The case was adjourned until the end of the month.<",
        );
        // Wrapped paragraphs separated by blank lines, wrapped a little
        // short of the width.
        check(
            "The committee met for six hours on Monday and agreed a\nbudget that cuts spending on roads by a tenth.\n\nCouncillors from both parties said the vote was close and\nthat the debate would continue next month.\n",
            "The committee met for six hours on Monday and agreed a budget that cuts spending on roads by a tenth.\n\n\
             Councillors from both parties said the vote was close and that the debate would continue next month.",
        );
    }

    #[test]
    fn unwrapped_text_keeps_its_lines() {
        // A link list of lines 40-90 characters long: not a wrapped text,
        // so no line joins another and the list still goes.
        let p = "The minister said on Monday that the talks would resume next week in Geneva, officials confirmed on the record.";
        let list = "Storm closes every school in the northern district\nWhat the new tax rules mean for small shops and their owners\nFive things to know about the election\nCouncil approves the harbour plan after a long and heated debate\nWeather: rain all week\nWhy the river keeps flooding the old town every spring";
        check(&format!("{p}\n\n{list}\n"), p);
        // One paragraph per line, as extracted text usually comes.
        let q = "Both sides have agreed to a ceasefire that starts at midnight, according to a joint statement issued late on Sunday.";
        check(
            &format!("{p}\n{q}\n{p}\n{q}\n{p}\n"),
            &format!("{p}\n\n{q}\n\n{p}\n\n{q}\n\n{p}"),
        );
    }

    #[test]
    fn clean_text_is_kept_as_given() {
        let p1 = "The minister said on Monday that the talks would resume next week in Geneva, officials confirmed. ";
        let p2 = "Both sides have agreed to a ceasefire that starts at midnight, according to a joint statement.";
        // Nothing removed: the caller's text, spaces at line ends included.
        check(&format!("\n{p1}\n\n{p2}\n"), &format!("{p1}\n\n{p2}"));
        // A line removed: paragraphs rebuilt, line ends trimmed.
        check(
            &format!("{p1}\n\n{p2}\n\nLeave a Reply\n"),
            &format!("{}\n\n{p2}", p1.trim_end()),
        );
        // Paragraphs one per line: rebuilt with blank lines between.
        check(
            &format!("{p1}\n{p2}"),
            &format!("{}\n\n{p2}", p1.trim_end()),
        );
    }
}
