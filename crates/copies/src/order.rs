//! Who came first: the precedence between two articles from what extract
//! found (attributions naming the other's outlet, publication dates, news
//! agency outlets) and, failing those, the direction of containment.
//!
//! What it does NOT do: read the text (containment figures are passed in) or
//! guess dates. The list of news agencies is general knowledge (the large
//! national and international wire services), not fitted to any benchmark;
//! an outlet that another outlet's article credits as its source counts as
//! an agency too ([`mark_credited_agencies`]).

use crossread_core::{Article, AttributionKind};
use std::cmp::Ordering;

/// Outlet names of news agencies (normalised with [`norm_name`]).
const WIRES: &[&str] = &[
    "ap",
    "associatedpress",
    "reuters",
    "thomsonreuters",
    "afp",
    "agencefrancepresse",
    "pa",
    "pressassociation",
    "pamedia",
    "upi",
    "unitedpressinternational",
    "dpa",
    "deutschepresseagentur",
    "ansa",
    "efe",
    "xinhua",
    "tass",
    "itartass",
    "ria",
    "rianovosti",
    "interfax",
    "pti",
    "presstrustofindia",
    "ians",
    "ani",
    "uni",
    "app",
    "associatedpressofpakistan",
    "inp",
    "independentnewspakistan",
    "nni",
    "newsnetworkinternational",
    "inn",
    "independentnewsnetwork",
    "sana",
    "southasiannewsagency",
    "kyodo",
    "jiji",
    "yonhap",
    "aap",
    "australianassociatedpress",
    "canadianpress",
    "cp",
    "bernama",
    "antara",
    "anadolu",
    "aa",
    "apa",
    "kuna",
    "wam",
    "spa",
    "mena",
    "irna",
    "bloomberg",
];

/// Lowercase letters and digits of a name, without `www` and web suffixes:
/// "Antiwar.com" and "Anti War" both give "antiwar".
pub(crate) fn norm_name(s: &str) -> String {
    let lower = s.to_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    let mut keep: Vec<&str> = parts.clone();
    while keep.len() > 1
        && matches!(
            keep[keep.len() - 1],
            "com" | "org" | "net" | "co" | "uk" | "info" | "news"
        )
    {
        keep.pop();
    }
    if keep.len() > 1 && keep[0] == "www" {
        keep.remove(0);
    }
    keep.concat()
}

/// Whether two normalised names denote the same outlet.
fn same_name(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || (a.len() >= 5 && b.len() >= 5 && (a.contains(b) || b.contains(a)))
}

/// What precedence needs to know of one article.
#[derive(Debug, Clone, Default)]
pub(crate) struct Meta {
    /// Normalised outlet.
    pub outlet: String,
    /// Normalised names of the sources it credits.
    pub credits: Vec<String>,
    /// Of those, the sources it says its whole text belongs to ("© X",
    /// "appeared first on X"), as opposed to one it quotes ("X reports:").
    pub whole_of: Vec<String>,
    /// Publication date, `YYYY-MM-DD...` as given when it looks ISO.
    pub date: Option<String>,
    /// Whether its outlet is a news agency.
    pub wire: bool,
}

impl Meta {
    /// The metadata of an article.
    pub(crate) fn of(a: &Article) -> Meta {
        let outlet = a.outlet.as_deref().map(norm_name).unwrap_or_default();
        let wire = WIRES.contains(&outlet.as_str());
        let credits = a
            .attributions
            .iter()
            .map(|x| norm_name(&x.source))
            .filter(|s| !s.is_empty())
            .collect();
        let whole_of = a
            .attributions
            .iter()
            .filter(|x| {
                matches!(
                    x.kind,
                    AttributionKind::Copyright | AttributionKind::FirstAppeared
                )
            })
            .map(|x| norm_name(&x.source))
            .filter(|s| !s.is_empty())
            .collect();
        let date = a.date.as_deref().and_then(iso_date);
        Meta {
            outlet,
            credits,
            whole_of,
            date,
            wire,
        }
    }

    /// Whether this article reproduces, whole, a source that `other` only
    /// credits (quotes or excerpts): then it is the nearer copy of that source.
    fn whole_copy_where_other_quotes(&self, other: &Meta) -> bool {
        self.whole_of.iter().any(|w| {
            other.credits.iter().any(|c| same_name(w, c) || w == c)
                && !other.whole_of.iter().any(|o| same_name(w, o) || w == o)
        })
    }

    /// Whether this article credits `other`'s outlet.
    pub(crate) fn credits(&self, other: &Meta) -> bool {
        self.credits.iter().any(|c| same_name(c, &other.outlet))
    }
}

/// Marks as news agencies the outlets that an article of another outlet
/// credits as its source ("X reports:", "© X", "appeared first on X"): an
/// outlet whose copy others run under its name acts as an agency in the
/// corpus at hand, whether or not it is on the list. Names match exactly
/// after [`norm_name`] (linear time).
pub(crate) fn mark_credited_agencies(metas: &mut [Meta]) {
    let credited: std::collections::HashSet<String> = metas
        .iter()
        .flat_map(|m| {
            m.credits
                .iter()
                .filter(|c| !same_name(c, &m.outlet) && **c != m.outlet)
                .cloned()
        })
        .collect();
    for m in metas.iter_mut() {
        if !m.outlet.is_empty() && credited.contains(&m.outlet) {
            m.wire = true;
        }
    }
}

/// The date part (`YYYY-MM-DD`) of an ISO date or timestamp, plus the time
/// when present, as a comparable string; `None` when it is not ISO.
fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let ok = b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    ok.then(|| s.chars().take(19).collect())
}

/// Days since 1970-01-01 of an ISO date string (`YYYY-MM-DD...`), or `None`.
pub(crate) fn day_number(d: &str) -> Option<i64> {
    let b = d.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> { d.get(r)?.parse::<i64>().ok() };
    let (y, m, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Days from civil (proleptic Gregorian), H. Hinnant's algorithm.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Days between the dates of two articles, when both have one.
pub(crate) fn day_gap(a: &Meta, b: &Meta) -> Option<i64> {
    Some((day_number(a.date.as_deref()?)? - day_number(b.date.as_deref()?)?).abs())
}

/// Whether article `a` precedes `b` (could be its source): `Less` when `a`
/// came first. `c_ab` is the containment of `a` in `b`, `c_ba` the reverse;
/// `ia`/`ib` the input positions, the last tie-break.
pub(crate) fn precedence(
    a: &Meta,
    b: &Meta,
    c_ab: f64,
    c_ba: f64,
    ia: usize,
    ib: usize,
) -> Ordering {
    // 1. Credits: whoever is credited by the other came first.
    match (a.credits(b), b.credits(a)) {
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    // 1b. Both credit one outside source, but only one says its whole text is
    // that source's ("© X" against "X reports:"): that one is the nearer copy
    // of the first publication, so it stands first in the group.
    match (
        a.whole_copy_where_other_quotes(b),
        b.whole_copy_where_other_quotes(a),
    ) {
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        _ => {}
    }
    // 2. Dates (same-precision prefixes compare as strings).
    if let (Some(da), Some(db)) = (&a.date, &b.date) {
        let n = da.len().min(db.len());
        match da[..n].cmp(&db[..n]) {
            Ordering::Equal => {}
            o => return o,
        }
    }
    // 3. A news agency's copy comes before a newspaper's.
    match (a.wire, b.wire) {
        (true, false) => return Ordering::Less,
        (false, true) => return Ordering::Greater,
        _ => {}
    }
    // 4. The text contained in the other is the later one.
    const MARGIN: f64 = 0.05;
    if c_ab > c_ba + MARGIN {
        return Ordering::Greater;
    }
    if c_ba > c_ab + MARGIN {
        return Ordering::Less;
    }
    ia.cmp(&ib)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossread_core::{Attribution, AttributionKind};

    fn meta(outlet: &str, date: Option<&str>, credits: &[&str]) -> Meta {
        let credits: Vec<_> = credits
            .iter()
            .map(|c| (AttributionKind::Reports, *c))
            .collect();
        meta_with(outlet, date, &credits)
    }

    fn meta_with(outlet: &str, date: Option<&str>, credits: &[(AttributionKind, &str)]) -> Meta {
        let mut a = Article::from_text("x", "");
        a.outlet = Some(outlet.to_string());
        a.date = date.map(str::to_string);
        a.attributions = credits
            .iter()
            .map(|(kind, c)| Attribution {
                kind: *kind,
                source: c.to_string(),
            })
            .collect();
        Meta::of(&a)
    }

    fn check(a: &Meta, b: &Meta, c_ab: f64, c_ba: f64, expect: Ordering) {
        assert_eq!(precedence(a, b, c_ab, c_ba, 0, 1), expect);
        assert_eq!(
            precedence(b, a, c_ba, c_ab, 1, 0),
            expect.reverse(),
            "antisymmetric"
        );
    }

    #[test]
    fn precedence_rules_in_order() {
        let antiwar = meta("Antiwar.com", Some("2017-12-08"), &[]);
        let copy = meta("MintPress News", Some("2017-12-07"), &["Anti War"]);
        // The credit wins over an (earlier) date.
        check(&antiwar, &copy, 0.1, 0.9, Ordering::Less);
        let early = meta("Daily A", Some("2017-12-06"), &[]);
        let late = meta("Daily B", Some("2017-12-07T10:00:00Z"), &[]);
        check(&early, &late, 0.9, 0.1, Ordering::Less);
        let pa = meta("PA", Some("2000-03-01"), &[]);
        let times = meta("times", Some("2000-03-01"), &[]);
        check(&pa, &times, 0.1, 0.6, Ordering::Less);
        let x = meta("x", None, &[]);
        let y = meta("y", None, &[]);
        // Containment direction: y is mostly inside x.
        check(&x, &y, 0.2, 0.9, Ordering::Less);
        // Undecided: input order.
        check(&x, &y, 0.5, 0.5, Ordering::Less);
    }

    #[test]
    fn a_whole_republication_precedes_an_excerpt_of_the_same_source() {
        // The seeds' case: one site quotes "Anti War reports:", another runs the
        // whole text under "© Antiwar.com"; neither is Antiwar.com itself.
        let quoting = meta("", None, &["Anti War"]);
        let whole = meta_with(
            "MintPress News",
            Some("2017-12-07"),
            &[(AttributionKind::Copyright, "Antiwar.com")],
        );
        // Even when containment points the other way.
        check(&whole, &quoting, 0.9, 0.2, Ordering::Less);
        // Two whole copies of one source: no preference from credits.
        check(&whole, &whole.clone(), 0.5, 0.5, Ordering::Less);
    }

    #[test]
    fn day_numbers() {
        for (d, expect) in [
            ("1970-01-01", Some(0)),
            ("1970-01-02T10:00", Some(1)),
            ("2000-03-01", Some(11_017)),
            ("2000-02-29", Some(11_016)),
            ("2014-12-01", Some(16_405)),
            ("2014-13-01", None),
            ("201", None),
        ] {
            assert_eq!(day_number(d), expect, "{d}");
        }
    }

    #[test]
    fn names_normalise() {
        assert_eq!(norm_name("Antiwar.com"), "antiwar");
        assert_eq!(norm_name("Anti War"), "antiwar");
        assert_eq!(norm_name("www.bbc.co.uk"), "bbc");
        assert_eq!(norm_name(""), "");
        assert_eq!(iso_date("1999-07-12"), Some("1999-07-12".into()));
        assert_eq!(iso_date("12 July 1999"), None);
    }

    #[test]
    fn an_outlet_credited_by_another_is_an_agency() {
        let mut ms = vec![
            meta("Meridian Wire", Some("2025-04-15"), &[]),
            meta("Courier", Some("2025-04-15"), &[]),
            meta("Northbank Daily", None, &["Meridian Wire"]),
            // Crediting itself makes no outlet an agency.
            meta("Eastgate Monitor", None, &["Eastgate Monitor"]),
            meta("", None, &[""]),
        ];
        mark_credited_agencies(&mut ms);
        let wire: Vec<bool> = ms.iter().map(|m| m.wire).collect();
        assert_eq!(wire, [true, false, false, false, false]);
        // Same day: the agency's text came first, whatever the containment.
        check(&ms[0], &ms[1], 0.9, 0.2, Ordering::Less);
    }

    #[test]
    fn news_agencies_are_known_by_outlet() {
        for (outlet, wire) in [
            ("PA", true),
            ("APP", true),
            ("INN", true),
            ("NNI", true),
            ("Reuters", true),
            ("daily_dunya", false),
            ("The Guardian", false),
            ("", false),
        ] {
            assert_eq!(meta(outlet, None, &[]).wire, wire, "{outlet}");
        }
    }
}
