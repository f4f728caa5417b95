//! Attributions written in article text: who the text says it comes from.
//!
//! Recognised shapes (one line at a time):
//! - "Anti War reports:" / "RT reports:" at the start of a line -> `reports`;
//! - "© Antiwar.com" (no year) -> `copyright`; "© 2023 MintPress News" (a year)
//!   is the site's own footer, returned as the outlet, never as a credit;
//! - "The post ... appeared first on The Duran." -> `first_appeared`;
//! - "(AP)", "(Reuters)", "(AFP)" in a dateline, or a line that is only a wire
//!   name ("AFP", "— Reuters") -> `wire`;
//! - "via RT" / "Source: RT" as a whole line -> `via`.
//!
//! It does not guess attributions from quotes inside sentences ("..., Reuters
//! said" is not a credit for the article), and it knows no outlet list beyond
//! the main wire services.

use crossread_core::{Attribution, AttributionKind};

/// What one line says about attribution.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct LineAttribution {
    /// Credits found on the line.
    pub found: Vec<Attribution>,
    /// The line with a leading credit removed ("Anti War reports:. Russia..."
    /// -> "Russia..."), or `None` when nothing was removed.
    pub rest: Option<String>,
    /// The line carries nothing but attribution or the site's own footer.
    pub only_attribution: bool,
    /// The site's own name, from a "© 2023 Name" footer line.
    pub own_site: Option<String>,
}

/// Wire services recognised in datelines and credit lines.
const WIRES: &[&str] = &[
    "AP",
    "AFP",
    "Reuters",
    "UPI",
    "dpa",
    "DPA",
    "Xinhua",
    "TASS",
    "ANSA",
    "EFE",
    "PA",
    "IANS",
    "PTI",
    "Bloomberg",
    "Associated Press",
    "Agence France-Presse",
];

fn attr(kind: AttributionKind, source: &str) -> Attribution {
    Attribution {
        kind,
        source: source.trim().to_owned(),
    }
}

/// A plausible source name: 1-6 words, starting with a capital or digit, no
/// sentence punctuation inside.
fn is_name(s: &str) -> bool {
    let s = s.trim();
    let words = s.split_whitespace().count();
    (1..=6).contains(&words)
        && s.chars().count() <= 60
        && s.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !s.contains(['!', '?', ';', '"', '\u{201c}', '\u{201d}'])
}

fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
}

/// Inspects one line.
pub(crate) fn scan_line(line: &str) -> LineAttribution {
    let mut out = LineAttribution::default();
    let t = line
        .trim()
        .trim_start_matches(['\u{2022}', '*', '-', '\u{2013}', '\u{2014}'])
        .trim();
    if t.is_empty() {
        return out;
    }
    // "... sentence. X reports:" closing a paragraph, introducing the quote
    // that follows: the credit goes, the sentence before it stays.
    for cue in [" reports:", " reported:"] {
        let Some(before) = t.strip_suffix(cue) else {
            continue;
        };
        let Some(cut) = before.rfind(['.', '!', '?']) else {
            continue;
        };
        let (sentence, name) = (&before[..=cut], before[cut + 1..].trim());
        // A real sentence before the credit, not an abbreviation ("Mr. Smith").
        let whole_sentence = sentence.split_whitespace().count() >= 3;
        if whole_sentence && is_name(name) && before[cut + 1..].starts_with(' ') {
            out.found.push(attr(AttributionKind::Reports, name));
            out.rest = Some(sentence.trim_end().to_owned());
            return out;
        }
    }
    // "X reports:" at the start.
    if let Some(pos) = t.find(" reports:").or_else(|| t.find(" reported:")) {
        let name = &t[..pos];
        if is_name(name) {
            out.found.push(attr(AttributionKind::Reports, name));
            let after = &t[pos..];
            let after = after.split_once(':').map(|x| x.1).unwrap_or("");
            let rest = after.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '.' | ':' | ',' | '-' | '\u{2014}')
            });
            if rest.is_empty() {
                out.only_attribution = true;
            } else {
                out.rest = Some(rest.to_owned());
            }
            return out;
        }
    }
    // "The post ... appeared first on X."
    let lower = t.to_lowercase();
    if let Some(pos) = lower.find("appeared first on ") {
        // Lower-casing can change byte lengths; map back through char counts.
        let chars_before = lower[..pos].chars().count() + "appeared first on ".len();
        let src: String = t.chars().skip(chars_before).collect();
        let src = src.trim().trim_end_matches('.').trim();
        if is_name(src) {
            out.found.push(attr(AttributionKind::FirstAppeared, src));
        }
        out.only_attribution = lower.starts_with("the post ") || t.chars().count() < 300;
        return out;
    }
    // Copyright lines.
    let copy_body = t
        .strip_prefix('\u{a9}')
        .or_else(|| t.strip_prefix("(c)"))
        .or_else(|| t.strip_prefix("(C)"))
        .or_else(|| strip_prefix_ci(t, "copyright"))
        .map(|r| r.trim_start_matches(['\u{a9}', ' ', '\u{a0}', ':']).trim());
    if let Some(body) = copy_body {
        if t.chars().count() <= 120 {
            out.only_attribution = true;
            // The name ends at a separator: "© 2025 The Civic Lantern · All
            // rights reserved", "© Example | Privacy".
            let cut = ["|", " \u{b7} ", " \u{2022} "]
                .iter()
                .filter_map(|sep| body.find(sep))
                .min()
                .unwrap_or(body.len());
            let body = body[..cut]
                .split(". ")
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches(['.', ','])
                .trim();
            let body = strip_suffix_ci(body, "all rights reserved")
                .unwrap_or(body)
                .trim()
                .trim_end_matches([',', '.'])
                .trim();
            let words: Vec<&str> = body.split_whitespace().collect();
            let has_year = words
                .iter()
                .any(|w| is_year(w.trim_matches(|c: char| !c.is_ascii_digit())));
            let name: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| {
                    !w.chars().any(|c| c.is_ascii_digit())
                        && !matches!(*w, "-" | "\u{2013}" | "\u{2014}" | "\u{a9}")
                })
                .collect();
            let name = name.join(" ");
            if !name.is_empty() && is_name(&name) {
                if has_year {
                    out.own_site = Some(name);
                } else {
                    out.found.push(attr(AttributionKind::Copyright, &name));
                }
            }
            return out;
        }
    }
    // A year then © ("2015 — 2023 ©. All rights reserved.").
    if t.chars().count() <= 80 && t.contains('\u{a9}') && lower.contains("rights reserved") {
        out.only_attribution = true;
        return out;
    }
    // Via / source lines.
    for prefix in ["via ", "source: ", "sources: ", "h/t ", "hat tip: "] {
        if let Some(r) = strip_prefix_ci(t, prefix) {
            let r = r.trim().trim_end_matches('.');
            if is_name(r) && t.chars().count() <= 60 {
                out.found.push(attr(AttributionKind::Via, r));
                out.only_attribution = true;
                return out;
            }
        }
    }
    // A bare wire credit line.
    let bare = t.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '(' | ')' | '-' | '\u{2013}' | '\u{2014}' | '/' | '.')
    });
    if let Some(w) = WIRES.iter().find(|w| bare == **w) {
        out.found.push(attr(AttributionKind::Wire, w));
        out.only_attribution = true;
        return out;
    }
    // A wire in a dateline: "(AP)" / "(Reuters)" in the first 100 chars.
    let head: String = t.chars().take(100).collect();
    for w in WIRES {
        let pat = format!("({w})");
        if head.contains(&pat) {
            out.found.push(attr(AttributionKind::Wire, w));
            break;
        }
    }
    out
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let tail = s.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..cut])
}

/// Adds `a` to `list` unless an equal attribution is already there.
pub(crate) fn push_unique(list: &mut Vec<Attribution>, a: Attribution) {
    if !list.contains(&a) {
        list.push(a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AttributionKind::*;

    fn check(line: &str, found: &[(AttributionKind, &str)], rest: Option<&str>, only: bool) {
        let got = scan_line(line);
        let want: Vec<Attribution> = found.iter().map(|(k, s)| attr(*k, s)).collect();
        assert_eq!(got.found, want, "line: {line}");
        assert_eq!(got.rest.as_deref(), rest, "line: {line}");
        assert_eq!(got.only_attribution, only, "line: {line}");
    }

    #[test]
    fn lines() {
        check(
            "Anti War reports:. Russia has advocated substantial political reform.",
            &[(Reports, "Anti War")],
            Some("Russia has advocated substantial political reform."),
            false,
        );
        check("RT reports:", &[(Reports, "RT")], None, true);
        check(
            "The group can change its tactics. RT reports:",
            &[(Reports, "RT")],
            Some("The group can change its tactics."),
            false,
        );
        check("Mr. Smith reports:", &[(Reports, "Mr. Smith")], None, true);
        check(
            "\u{a9} Antiwar.com",
            &[(Copyright, "Antiwar.com")],
            None,
            true,
        );
        check(
            "The post Vladimir Putin says ISIS remains a global threat despite military defeat in Syria appeared first on The Duran.",
            &[(FirstAppeared, "The Duran")],
            None,
            true,
        );
        check(
            "WASHINGTON (AP) \u{2014} The Senate voted on Tuesday.",
            &[(Wire, "AP")],
            None,
            false,
        );
        check("\u{2014} AFP", &[(Wire, "AFP")], None, true);
        check("(Reuters)", &[(Wire, "Reuters")], None, true);
        check("via RT", &[(Via, "RT")], None, true);
        check(
            "The minister said the talks would resume, Reuters reported on Monday.",
            &[],
            None,
            false,
        );
        check(
            "2015 \u{2014} 2023 \u{a9}. All rights reserved.",
            &[],
            None,
            true,
        );
    }

    #[test]
    fn own_footer_is_the_outlet_not_a_credit() {
        let got = scan_line("\u{a9}\u{a0}2023 MintPress News");
        assert!(got.found.is_empty());
        assert!(got.only_attribution);
        assert_eq!(got.own_site.as_deref(), Some("MintPress News"));
        let got = scan_line("Copyright \u{a9} 2019 Example Media, All rights reserved.");
        assert_eq!(got.own_site.as_deref(), Some("Example Media"));
        // The name stops at a separator.
        let got = scan_line("\u{a9} 2025 The Civic Lantern \u{b7} All rights reserved");
        assert_eq!(got.own_site.as_deref(), Some("The Civic Lantern"));
        let got = scan_line("\u{a9} 2024 Harbor Post | Privacy | Terms");
        assert_eq!(got.own_site.as_deref(), Some("Harbor Post"));
    }
}
