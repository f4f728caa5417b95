//! Recognises lines of page furniture by their wording: share and subscribe
//! prompts, advert labels, photo credits, copyright footers, comment-form text.
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
    "advertisement",
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
    "subscribe",
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
    "comments",
    "loading",
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
];

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
    "join our",
    "let us know at",
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
    if chars > 200 {
        return false;
    }
    if chars <= 120 {
        for s in STARTS {
            if let Some(rest) = l.strip_prefix(s) {
                // "Comments" alone, not "Comments from the minister were ...".
                if *s == "comments" || *s == "loading" || *s == "subscribe" || *s == "advertisement"
                {
                    return rest.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()
                        || rest.starts_with(|c: char| {
                            c.is_ascii_digit() || c == ' ' && rest.len() < 6
                        });
                }
                return true;
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
    }
}
