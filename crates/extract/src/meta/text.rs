//! Publication date and byline in text that was already pulled out of a page
//! (one paragraph or line per line). Only evidence counts: a date on a line of
//! its own or introduced by "Published", "Posted", "Veröffentlicht"...; a name
//! after "By"/"Von"/"Author:", or a name-shaped line right beside such a date
//! line. Dates in photo captions, copyright lines and "updated" lines are
//! skipped.
//!
//! It does NOT guess from dates in running prose (those are usually the dates of
//! events) and does not look names up anywhere.

use super::date::find_dates;

/// Longest line considered as a date line or byline, in chars.
const MAX_LINE: usize = 160;

fn is_caption(lower: &str) -> bool {
    [
        "photo", "foto", "(ap", "getty", "reuters/", "image", "credit", "bild:", "picture",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

fn is_copyright(lower: &str) -> bool {
    lower.contains('©') || lower.contains("copyright") || lower.contains("all rights reserved")
}

fn is_modified(lower: &str) -> bool {
    [
        "updated",
        "update:",
        "modified",
        "aktualisiert",
        "geändert",
        "edited",
        "mis à jour",
        "actualizado",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

fn is_published(lower: &str) -> bool {
    [
        "published",
        "posted",
        "veröffentlicht",
        "erschienen",
        "publié",
        "publicado",
        "pubblicato",
        "date:",
        "datum:",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A line that states a date: the date and its line index.
fn date_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.chars().count() > MAX_LINE {
            continue;
        }
        let lower = line.to_lowercase();
        if is_caption(&lower) || is_copyright(&lower) || is_modified(&lower) {
            continue;
        }
        let Some(f) = find_dates(line, true).into_iter().next() else {
            continue;
        };
        // On a line of its own: little besides the date (a weekday, "Posted:").
        let other = line.len() - (f.end - f.start);
        if other <= 16 || is_published(&lower) || after_marker(line).is_some() {
            out.push((i, f.date.to_string()));
        }
    }
    out
}

/// The publication date stated in extracted text, as `YYYY-MM-DD`, or `None`
/// when the text gives no date with evidence that it is the article's own.
pub(crate) fn date_from_text(text: &str) -> Option<String> {
    date_lines(text).into_iter().next().map(|(_, d)| d)
}

/// Words of a dateline besides the date itself: weekdays, times of day,
/// "posted", "updated" and their joining words (English; lower case).
const DATELINE_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "hrs",
    "h",
    "posted",
    "published",
    "updated",
    "last",
    "first",
    "on",
    "at",
    "st",
    "nd",
    "rd",
    "th",
    "of",
    "date",
    "time",
];

/// Whether a line is a dateline and nothing else ("MONDAY, MAY 23, 2005",
/// "Updated: November 11, 2011 20: 09 IST", "8 / 2 / 13 at 1: 30 PM"): it
/// holds a digit, and every word in it is a month, a weekday, a time-of-day
/// or posting word, or a time-zone code (two to four capitals). A
/// headline that names a date ("Ellen DeGeneres to host 2014 Oscars") is not.
/// Stricter than the furniture test for page lines (`boiler`), which lets a
/// few other words through: discarding a real title costs more than keeping
/// a date as one.
pub(crate) fn is_date_line(line: &str) -> bool {
    if !line.chars().any(|c| c.is_ascii_digit()) || line.chars().count() > MAX_LINE {
        return false;
    }
    line.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let lower = w.to_lowercase();
            super::date::is_month_name(&lower)
                || DATELINE_WORDS.contains(&lower.as_str())
                || is_zone_code(w)
        })
}

/// A time-zone code: "GMT", "EDT", "CEST", "PT", "UTC".
fn is_zone_code(w: &str) -> bool {
    (2..=4).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_uppercase())
        && (w.ends_with('T') || w == "UTC")
}

/// Lower-case particles allowed inside a name.
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "del", "la", "le", "al", "el", "bin",
    "ibn", "zu", "y",
];

/// Words of page furniture that look like names when capitalised.
const NOT_NAMES: &[&str] = &[
    "comments",
    "comment",
    "share",
    "follow",
    "us",
    "read",
    "more",
    "related",
    "posts",
    "post",
    "hot",
    "leave",
    "reply",
    "news",
    "home",
    "top",
    "latest",
    "contact",
    "about",
    "privacy",
    "policy",
    "subscribe",
    "login",
    "menu",
    "search",
    "advertisement",
    "sponsored",
    "newsletter",
    "tags",
    "categories",
    "category",
    "archives",
    "support",
    "donate",
    "what's",
    "what’s",
    "photo",
    "video",
    "videos",
    "podcasts",
    "opinion",
    "analysis",
    "world",
    "politics",
    "business",
    "the",
    "and",
    "of",
    "in",
    "on",
    "for",
    "staff",
    "editor",
    "editors",
    "team",
    "admin",
    "anonymous",
    "guest",
];

/// Whether `s` looks like a person's name: two to four capitalised words.
fn name_shaped(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 48 {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        let lw = w.to_lowercase();
        if NOT_NAMES.contains(&lw.as_str()) {
            return false;
        }
        if PARTICLES.contains(w) {
            continue;
        }
        let mut chars = w.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !first.is_uppercase() {
            return false;
        }
        if !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        {
            return false;
        }
        capitalised += 1;
    }
    capitalised >= 2
}

/// The name after a byline marker ("By Jane Roe, Reuters" gives "Jane Roe").
fn after_marker(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let markers = [
        "written by ",
        "by ",
        "von ",
        "autor: ",
        "author: ",
        "autorin: ",
        "par ",
        "por ",
        "di ",
    ];
    let m = markers.iter().find(|m| lower.starts_with(*m))?;
    let rest = line.get(m.len()..)?;
    let end = rest
        .find(['|', ',', '(', '•', '·', '/'])
        .into_iter()
        .chain(rest.find(" - "))
        .chain(rest.find(" – "))
        .chain(rest.find(" on "))
        .chain(rest.find(" am "))
        .chain(find_dates(rest, true).first().map(|f| f.start))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..end].trim().trim_end_matches(['.', ':']);
    name_shaped(name).then(|| name.to_owned())
}

/// The author named in extracted text, or `None` without evidence.
pub(crate) fn byline_from_text(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for line in &lines {
        if line.chars().count() <= MAX_LINE {
            if let Some(n) = after_marker(line) {
                return Some(n);
            }
        }
    }
    // A name-shaped line in the same block as a date line.
    for (i, _) in date_lines(text) {
        let near = [i.checked_sub(1), Some(i + 1)];
        for j in near.into_iter().flatten() {
            if let Some(l) = lines.get(j) {
                if name_shaped(l) {
                    return Some((*l).to_owned());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, date: Option<&str>, author: Option<&str>) {
        assert_eq!(date_from_text(text).as_deref(), date, "date in {text:?}");
        assert_eq!(
            byline_from_text(text).as_deref(),
            author,
            "author in {text:?}"
        );
    }

    #[test]
    fn dates_and_bylines() {
        // A date line beside a name line, after a caption with another date.
        check(
            "In this Friday, Sept. 15, 2017 photo a soldier stands guard. (AP Photo)\n\nBody text.\n\nComments\nMarch 3rd, 2016\nAnna Weber\n\nWhat's Hot\n© 2023 Some News",
            Some("2016-03-03"),
            Some("Anna Weber"),
        );
        check(
            "By Jane Roe, Reuters\nText of the story.",
            None,
            Some("Jane Roe"),
        );
        check(
            "Von Max Mustermann | 07.12.2017\nText.",
            Some("2017-12-07"),
            Some("Max Mustermann"),
        );
        check("Published on 2 May 2019\nStory.", Some("2019-05-02"), None);
        // Dates in prose, updates and copyright lines are not publication dates.
        check(
            "The summit on 2 May 2019 was long and nothing came of it in the end.",
            None,
            None,
        );
        check(
            "Updated: 4 May 2019\n2015 — 2023 ©. All rights reserved.",
            None,
            None,
        );
        // A name-shaped line without a date beside it is not a byline.
        check("Vince Dhimos\n\nAnd right in the face of it.", None, None);
        check("", None, None);
    }

    #[test]
    fn date_lines_are_dates_and_nothing_else() {
        for line in [
            "MONDAY, MAY 23, 2005",
            "Updated: November 11, 2011 20: 09 IST",
            "8 / 2 / 13 at 1: 30 PM",
            "16 September 2013 Last updated at 12: 42 GMT",
            "Posted on Tue, 4 March 2025 at 9:15 a.m. EST",
            "Friday, November 11",
        ] {
            assert!(is_date_line(line), "{line:?}");
        }
        for line in [
            "Ellen DeGeneres to host 2014 Oscars",
            "UK GDP Q3 2019",
            "Monday briefing: 5 things to know",
            "",
        ] {
            assert!(!is_date_line(line), "{line:?}");
        }
    }
}
