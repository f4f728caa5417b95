//! Recognises lines of page furniture by their wording: share and subscribe
//! prompts, advert labels, photo credits, copyright footers, comment-form text
//! (in English; advert labels, "read also" prompts and a few other labels in
//! German, French, Spanish, Italian, Russian and the Nordic languages too).
//! Used on HTML blocks and on lines of text-mode input alike.
//!
//! It only looks at one line at a time; it does not know which page or site the
//! line comes from, and it never judges a long line (real prose) as furniture.

/// Lower-cases and trims a line for matching.
pub(crate) fn norm(line: &str) -> String {
    line.trim()
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
        .to_lowercase()
}

/// Whole-line furniture: these lines are exactly (or begin with) a prompt.
const STARTS: &[&str] = &[
    "advertising",
    "sponsored",
    "share this",
    "share on",
    "share:",
    "share via",
    "share the",
    "click here",
    "click to",
    "sign up",
    "follow us",
    "follow me",
    "like us on",
    "read more",
    "read next",
    "related:",
    "related articles",
    "related stories",
    "related posts",
    "related coverage",
    "see also",
    "more:",
    "more from",
    "recommended",
    "all rights reserved",
    "copyright",
    "photo:",
    "photo by",
    "photos:",
    "image:",
    "image source",
    "image caption",
    "picture:",
    "credit:",
    "caption:",
    "top photo",
    "featured image",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "your email address will not be published",
    "required fields are marked",
    "this site uses akismet",
    "notify me of",
    "save my name",
    "continue reading",
    "tags:",
    "filed under",
    "posted in",
    "listen to this",
    "watch:",
    "video:",
    "getty images",
    "we use cookies",
    "this website uses cookies",
    "by continuing to use",
    "please enable javascript",
    "you may also like",
    "more stories",
    "trending now",
    "most popular",
    "print this",
    "email this",
    "report an error",
    "skip to",
    "back to top",
    "get the latest",
    "download the app",
    "join our",
    "don't miss",
    "don’t miss",
    "sign in",
    "log in",
    "login",
    "create an account",
    "create account",
    "forgot your password",
    "register for",
    "фото:",
    "фото ",
    "foto:",
    "fotos:",
    "bild:",
    "imagen:",
    "crédit photo",
    "crédito:",
    // The same prompts and labels in other languages of the news web.
    "mehr zum thema",
    "lesen sie auch",
    "lesen sie mehr",
    "auch interessant",
    "das könnte sie auch interessieren",
    "más noticias",
    "lee también",
    "lea también",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "leggi anche",
    "читайте также",
    "siehe auch",
    "weiterlesen",
    "das könnte dich auch interessieren",
    "lue myös",
];

/// Labels that are furniture only as a whole line (or with a number after
/// them): "Comments" alone, not "Comments from the minister were ...";
/// "Anzeige" (an advert label) alone, not "Anzeige gegen Unbekannt" (a
/// complaint to the police).
const WHOLE_LINE: &[&str] = &[
    "comments",
    "loading",
    "subscribe",
    "advertisement",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "реклама",
    "drucken",
    "kommentare",
    "kommentarer",
    "inhaltsverzeichnis",
    "story saved",
];

/// Promotional lines that may run longer: checked on lines up to 320 chars.
const LONG_CONTAINS: &[&str] = &[
    "join our",
    "let us know at",
    "if you enjoyed this",
    "follow him on",
    "follow her on",
    "follow us on",
    "is out now. follow",
    "if you buy something",
    "may earn a commission",
    "affiliate commission",
    "quantities may be limited",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A line that is only a date or time stamp ("Wednesday 20 November 2019
/// 11:42, UK", "Updated 10:31 a.m. ET", "05/10/2018").
fn is_dateline(l: &str) -> bool {
    let words: Vec<&str> = l
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 9 {
        return false;
    }
    let year = words.iter().any(|w| {
        let d = w.trim_matches(|c: char| !c.is_ascii_digit());
        d.len() == 4 && (d.starts_with("19") || d.starts_with("20"))
    });
    let clock = words.iter().any(|w| {
        let b = w.as_bytes();
        b.len() >= 4
            && b.len() <= 8
            && b.iter().filter(|c| **c == b':').count() == 1
            && b[0].is_ascii_digit()
    });
    let month = words
        .iter()
        .any(|w| MONTHS.contains(&w.trim_end_matches('.')));
    let slash_date = words.iter().any(|w| {
        let parts: Vec<&str> = w.split(['/', '.', '-']).collect();
        // d/m/y, m/d/y or y-m-d: two parts of 1-2 digits and one of 2 or 4.
        parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            && parts.iter().filter(|p| p.len() <= 2).count() >= 2
            && parts.iter().all(|p| p.len() <= 2 || p.len() == 4)
    });
    let updated = l.starts_with("updated") || l.starts_with("published") || l.starts_with("posted");
    ((year || clock) && (month || slash_date || updated))
        || (slash_date && words.len() <= 3)
        || (updated && clock && words.len() <= 6)
}

/// "Image 1 of 23", "Photo 3/5", "1 of 5".
fn is_counter(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    words.len() <= 5
        && words.iter().any(|w| *w == "of" || w.contains('/'))
        && words.iter().any(|w| w.bytes().all(|b| b.is_ascii_digit()))
        && words.first().is_some_and(|w| {
            matches!(*w, "image" | "photo" | "slide" | "picture" | "gallery")
                || w.bytes().all(|b| b.is_ascii_digit())
        })
}

/// A block that is only a web address.
fn is_bare_url(l: &str) -> bool {
    (l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www."))
        && !l.contains(char::is_whitespace)
}

/// Short lines that contain one of these are furniture.
const CONTAINS: &[&str] = &[
    "(ap photo",
    "(reuters/",
    "/getty images",
    "getty images)",
    "(photo:",
    "(photo by",
    "(photo credit",
    "(image:",
    "(credit:",
    "all rights reserved",
    "newsletter",
    "sign up for",
    "subscribe to",
    "appeared first on",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "follow him on",
    "follow her on",
    "follow them on",
    "follow us on",
    "follow him at",
    "follow her at",
    "if you enjoyed this",
    "if you buy something",
    "affiliate link",
    "affiliate commission",
    "we may earn",
    "we may receive",
    "may contain affiliate",
    "(reporting by",
    "reporting by ",
    "editing by ",
    "additional reporting",
    "\u{a9}",
    "fone:",
    "tel:",
    "phone:",
    "fax:",
    "| fax",
    "cnpj",
    "{*",
    "*}",
    "{{",
    "}}",
    "for more, learn more",
    "contributed to this report",
];

/// Is this line page furniture rather than article prose?
pub(crate) fn is_boilerplate_line(line: &str) -> bool {
    let l = norm(line);
    if l.is_empty() {
        return true;
    }
    let chars = l.chars().count();
    if chars > 320 {
        return false;
    }
    if LONG_CONTAINS.iter().any(|s| l.contains(s)) {
        return true;
    }
    if chars > 200 {
        return false;
    }
    // (Not the signature line of a quoted post: "— Name (@handle) May 1, 2019".)
    if chars <= 60 && ((is_dateline(&l) && !l.contains('@')) || is_counter(&l)) {
        return true;
    }
    if is_bare_url(&l) {
        return true;
    }
    if chars <= 120 {
        if STARTS.iter().any(|s| l.starts_with(s)) {
            return true;
        }
        for s in WHOLE_LINE {
            if let Some(rest) = l.strip_prefix(s) {
                if rest.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
                    || rest.starts_with(|c: char| c.is_ascii_digit() || c == ' ' && rest.len() < 6)
                {
                    return true;
                }
            }
        }
    }
    if chars <= 160 {
        for s in CONTAINS {
            if l.contains(s) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expect: bool) {
        assert_eq!(is_boilerplate_line(line), expect, "line: {line}");
    }

    #[test]
    fn lines() {
        check("Advertisement", true);
        check("Share this article", true);
        check("Comments (12)", true);
        check(
            "Comments from the minister were not immediately available to reporters.",
            false,
        );
        check("Leave a Reply", true);
        check(
            "Your email address will not be published. Required fields are marked *",
            true,
        );
        check(
            "A protester in Paris, Dec. 3, 2018. (AP Photo/Michel Euler)",
            true,
        );
        check("Copyright 2023 MintPress News", true);
        check(
            "The minister said the talks would resume next week, according to officials.",
            false,
        );
        check("", true);
        check("Wednesday 20 November 2019 11:42, UK", true);
        check("Image 1 of 23", true);
        check(
            "https://www.example.com/news/article/Some-story-1234.php",
            true,
        );
        check(
            "May 2019 was the wettest month on record in the state, officials said.",
            false,
        );
        check("(Reporting by Jane Doe; editing by John Roe)", true);
        check("05/10/2018", true);
        check("02-751-1500", false);
    }

    #[test]
    fn labels_in_other_languages() {
        check("Anzeige", true);
        check("ANZEIGE", true);
        check("Werbung:", true);
        check(
            "Anzeige gegen Unbekannt wurde am Montag bei der Polizei erstattet.",
            false,
        );
        check("Mehr zum Thema", true);
        check("Lesen Sie auch:", true);
        check("Das könnte Sie auch interessieren!", true);
        check("À lire aussi :", true);
        check("LIRE AUSSI SUR REGARDS.FR", true);
        check("Leggi anche", true);
        check("Más noticias", true);
        check("Читайте также", true);
        check("Publicidad", true);
        check("Siehe auch:", true);
        check("Kommentare", true);
        check(
            "Kommentare von Lesern zeigen, wie umstritten der Plan in der Stadt ist.",
            false,
        );
        check("Drucken", true);
        check("Lue myös:", true);
        check(
            "Publicidad engañosa: la fiscalía investiga a la empresa por sus anuncios.",
            false,
        );
    }
}
