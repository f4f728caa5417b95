//! Date recognition: machine dates (ISO 8601, RFC 2822, epoch seconds, the
//! compact `YYYYMMDD`) and dates written for people in many languages
//! ("7. Dezember 2017", "December 7th, 2017", "7 de diciembre de 2017",
//! "07.12.2017", "2017年12月7日"). Calendar validity is checked with `jiff`.
//!
//! It does NOT decide which of a page's dates is the publication date (see the
//! parent module), and never uses the clock except to reject dates in the future.

use jiff::civil::Date;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Earliest publication date accepted (the web before 1995 is too thin to trust
/// a match; htmldate uses the same floor).
const MIN_YEAR: i16 = 1995;

/// A date recognised in text, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Byte offset of the first byte of the match.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// The calendar date.
    pub date: Date,
}

/// Today's date in UTC, computed once; dates after it (plus one day for time
/// zones) are rejected.
fn latest() -> Date {
    static LATEST: OnceLock<Date> = OnceLock::new();
    *LATEST.get_or_init(|| {
        let now = jiff::tz::Offset::UTC
            .to_datetime(jiff::Timestamp::now())
            .date();
        now.tomorrow().unwrap_or(now)
    })
}

/// A valid, plausible publication date from its parts.
pub(crate) fn make_date(y: i64, m: i64, d: i64) -> Option<Date> {
    let y = i16::try_from(y).ok()?;
    let m = i8::try_from(m).ok()?;
    let d = i8::try_from(d).ok()?;
    if y < MIN_YEAR {
        return None;
    }
    let date = Date::new(y, m, d).ok()?;
    (date <= latest()).then_some(date)
}

/// Parses a machine-readable date or timestamp as found in meta tags, JSON-LD,
/// `<time datetime>` and similar: ISO 8601 (optionally with time and offset),
/// `YYYY/MM/DD`, `YYYYMMDD`, epoch seconds or milliseconds, and falls back to
/// [`find_dates`] for written dates ("Thu, 07 Dec 2017 10:00:00 +0100").
///
/// Returns `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS[offset]` when a time is given.
pub(crate) fn parse_machine(value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty() || v.len() > 200 {
        return None;
    }
    let b = v.as_bytes();
    if let Some(s) = parse_iso(v) {
        return Some(s);
    }
    // Compact forms: all digits.
    if b.iter().all(u8::is_ascii_digit) {
        match b.len() {
            8 => {
                let n: i64 = v.parse().ok()?;
                return make_date(n / 10000, n / 100 % 100, n % 100).map(|d| d.to_string());
            }
            10 | 13 => {
                let mut n: i64 = v.parse().ok()?;
                if b.len() == 13 {
                    n /= 1000;
                }
                let ts = jiff::Timestamp::from_second(n).ok()?;
                let d = jiff::tz::Offset::UTC.to_datetime(ts).date();
                return make_date(d.year().into(), d.month().into(), d.day().into())
                    .map(|d| d.to_string());
            }
            _ => return None,
        }
    }
    find_dates(v, true).first().map(|f| f.date.to_string())
}

fn digits(b: &[u8], i: usize, n: usize) -> Option<i64> {
    let s = b.get(i..i + n)?;
    if !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0i64, |a, &c| a * 10 + i64::from(c - b'0')))
}

/// `YYYY-MM-DD` (or `/`, `.`) with an optional `THH:MM[:SS[.f]]` and offset.
fn parse_iso(v: &str) -> Option<String> {
    let b = v.as_bytes();
    let y = digits(b, 0, 4)?;
    let sep = *b.get(4)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    // Month and day may have one or two digits.
    let mut i = 5;
    let m_len = if digits(b, i, 2).is_some() { 2 } else { 1 };
    let m = digits(b, i, m_len)?;
    i += m_len;
    if b.get(i) != Some(&sep) {
        return None;
    }
    i += 1;
    let d_len = if digits(b, i, 2).is_some() { 2 } else { 1 };
    let d = digits(b, i, d_len)?;
    i += d_len;
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let date = make_date(y, m, d)?;
    // Optional time.
    let time_start = match b.get(i) {
        Some(b'T' | b't') => i + 1,
        Some(b' ') if b.get(i + 1).is_some_and(u8::is_ascii_digit) => i + 1,
        _ => return Some(date.to_string()),
    };
    let (Some(hh), Some(b':'), Some(mm)) = (
        digits(b, time_start, 2),
        b.get(time_start + 2),
        digits(b, time_start + 3, 2),
    ) else {
        return Some(date.to_string());
    };
    let mut j = time_start + 5;
    let mut ss = 0;
    if b.get(j) == Some(&b':') {
        if let Some(s) = digits(b, j + 1, 2) {
            ss = s;
            j += 3;
            if b.get(j) == Some(&b'.') || b.get(j) == Some(&b',') {
                j += 1;
                while b.get(j).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                }
            }
        }
    }
    let Ok(time) = jiff::civil::Time::new(hh as i8, mm as i8, ss.min(59) as i8, 0) else {
        return Some(date.to_string());
    };
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    let offset = match b.get(j) {
        Some(b'Z' | b'z') => Some("Z".to_owned()),
        Some(&c @ (b'+' | b'-')) => {
            let oh = digits(b, j + 1, 2);
            let om = if b.get(j + 3) == Some(&b':') {
                digits(b, j + 4, 2)
            } else {
                digits(b, j + 3, 2)
            };
            match oh {
                Some(h) if h <= 18 && om.unwrap_or(0) < 60 => {
                    Some(format!("{}{:02}:{:02}", c as char, h, om.unwrap_or(0)))
                }
                _ => None,
            }
        }
        _ => None,
    };
    let t = time.strftime("%H:%M:%S").to_string();
    // A date without a time, stored as local midnight in Central Europe and
    // printed in UTC, reads 22:00 or 23:00 the day before: give the date.
    let utc = matches!(offset.as_deref(), Some("Z" | "+00:00"));
    if utc && matches!(t.as_str(), "22:00:00" | "23:00:00") {
        return date.tomorrow().ok().map(|d| d.to_string());
    }
    Some(match offset {
        Some(o) => format!("{date}T{t}{o}"),
        None => format!("{date}T{t}"),
    })
}

/// Whether `word` (lower case) is a month name or abbreviation in one of the
/// languages [`months`] knows.
pub(crate) fn is_month_name(word: &str) -> bool {
    months().contains_key(word)
}

/// Month names and abbreviations (lower case) in the languages most common on
/// news sites, mapped to month numbers.
fn months() -> &'static HashMap<&'static str, u8> {
    static MONTHS: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    MONTHS.get_or_init(|| {
        const TABLE: [&str; 12] = [
            // en, de, fr, es, it, pt, nl, pl (nom./gen.), cs (gen.), ru (nom./gen.), uk (nom./gen.), tr, sv/da/no, fi, hu, ro; abbreviations
            "january jan januar janvier janv enero ene gennaio gen janeiro januari styczeń stycznia ledna январь января січень січня ocak ocak januar tammikuu tammikuuta január ianuarie jänner jän",
            "february feb febr februar février févr fevr febrero febbraio fevereiro fev februari luty lutego února февраль февраля лютий лютого şubat subat helmikuu helmikuuta február februarie",
            "march mar märz maerz mars marzo março marco maart marzec marca března март марта березень березня mart maaliskuu maaliskuuta március martie",
            "april apr avril abril abr aprile aprilie kwiecień kwietnia dubna апрель апреля квітень квітня nisan huhtikuu huhtikuuta április",
            "may mai mayo maggio maio mei maj maja května май мая травень травня mayıs mayis toukokuu toukokuuta május",
            "june jun juni juin junio giugno junho czerwiec czerwca června июнь июня червень червня haziran kesäkuu kesäkuuta június iunie",
            "july jul juli juillet juil julio luglio julho lipiec lipca července июль июля липень липня temmuz heinäkuu heinäkuuta július iulie",
            "august aug août aout agosto augustus sierpień sierpnia srpna август августа серпень серпня ağustos agustos elokuu elokuuta augusztus augusti",
            "september sep sept septembre septiembre settembre setembro set wrzesień września září сентябрь сентября вересень вересня eylül eylul syyskuu syyskuuta szeptember septembrie",
            "october oct okt oktober octobre octubre ottobre outubro out październik października října октябрь октября жовтень жовтня ekim lokakuu lokakuuta október octombrie",
            "november nov novembre noviembre novembro listopad listopada listopadu ноябрь ноября листопад листопада kasım kasim marraskuu marraskuuta noiembrie",
            "december dec dez dezember décembre déc diciembre dic dicembre dezembro grudzień grudnia prosince декабрь декабря грудень грудня aralık aralik joulukuu joulukuuta december decembrie",
        ];
        let mut map = HashMap::new();
        for (i, names) in TABLE.iter().enumerate() {
            for name in names.split_whitespace() {
                map.entry(name).or_insert(i as u8 + 1);
            }
        }
        map
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Digits: value and digit count.
    Num(u32, u8),
    /// A month name.
    Month(u8),
    /// An ordinal or joining word ("th", "of", "de", "del").
    Filler,
    /// Any other word.
    Word,
    /// One punctuation character.
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// Whitespace precedes this token.
    spaced: bool,
}

fn lex(text: &str) -> Vec<Tok> {
    let months = months();
    let mut toks = Vec::new();
    let mut lower = String::new();
    let mut it = text.char_indices().peekable();
    let mut spaced = true;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let (kind, end) = if c.is_ascii_digit() {
            let mut v: u32 = c.to_digit(10).unwrap_or(0);
            let mut n = 1u8;
            let mut end = i + 1;
            while let Some(&(j, d)) = it.peek() {
                let Some(dv) = d.to_digit(10).filter(|_| d.is_ascii_digit()) else {
                    break;
                };
                v = v.saturating_mul(10).saturating_add(dv);
                n = n.saturating_add(1);
                end = j + 1;
                it.next();
            }
            (Kind::Num(v, n), end)
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if !d.is_alphabetic() || is_cjk_date_char(d) {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
            if is_cjk_date_char(c) {
                end = i + c.len_utf8();
            }
            let word = &text[i..end];
            let kind = if word.len() > 24 {
                Kind::Word
            } else {
                lower.clear();
                lower.extend(word.chars().flat_map(char::to_lowercase));
                if let Some(&m) = months.get(lower.as_str()) {
                    Kind::Month(m)
                } else if matches!(
                    lower.as_str(),
                    "st" | "nd"
                        | "rd"
                        | "th"
                        | "of"
                        | "de"
                        | "del"
                        | "er"
                        | "e"
                        | "ème"
                        | "го"
                        | "年"
                        | "月"
                        | "日"
                ) {
                    Kind::Filler
                } else {
                    Kind::Word
                }
            };
            (kind, end)
        } else {
            (Kind::Punct(c), i + c.len_utf8())
        };
        toks.push(Tok {
            kind,
            start: i,
            end,
            spaced,
        });
        spaced = false;
    }
    toks
}

fn is_cjk_date_char(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
}

fn year_of(kind: Kind) -> Option<i64> {
    match kind {
        Kind::Num(v, 4) => Some(i64::from(v)),
        _ => None,
    }
}

fn day_of(kind: Kind) -> Option<i64> {
    match kind {
        Kind::Num(v, 1 | 2) if (1..=31).contains(&v) => Some(i64::from(v)),
        _ => None,
    }
}

/// Whether `b` can hold a date [`find_dates`] recognises: every pattern has a
/// four-digit year except `7.12.17`, which has a dot between digits. A cheap
/// byte scan that spares the word-by-word pass over text with only prices,
/// counts and times.
pub(crate) fn may_hold_date(b: &[u8]) -> bool {
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
            if run >= 4 {
                return true;
            }
        } else {
            if c == b'.' && run > 0 && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                return true;
            }
            run = 0;
        }
    }
    false
}

/// Finds every date written in `text`, in order. `month_first` resolves
/// numeric dates such as `03/04/2017` whose parts could both be months
/// (true: March 4, as in the US; false: 3 April).
pub(crate) fn find_dates(text: &str, month_first: bool) -> Vec<Found> {
    let mut out = Vec::new();
    if !may_hold_date(text.as_bytes()) {
        return out;
    }
    let t = lex(text);
    let k = |i: usize| t.get(i).map(|x| x.kind);
    let tight = |i: usize| t.get(i).is_some_and(|x| !x.spaced);
    let mut i = 0;
    while i < t.len() {
        let mut hit: Option<(Date, usize)> = None; // date, index of last token
        match t[i].kind {
            Kind::Num(_, 4) => {
                // Y-M-D, Y/M/D, Y.M.D
                if let (
                    Some(Kind::Punct(s @ ('-' | '/' | '.'))),
                    Some(Kind::Num(m, 1 | 2)),
                    Some(Kind::Punct(s2)),
                    Some(Kind::Num(d, 1 | 2)),
                ) = (k(i + 1), k(i + 2), k(i + 3), k(i + 4))
                {
                    if s == s2 && tight(i + 1) && tight(i + 2) && tight(i + 3) && tight(i + 4) {
                        hit =
                            make_date(year_of(t[i].kind).unwrap_or(0), i64::from(m), i64::from(d))
                                .map(|x| (x, i + 4));
                    }
                }
                // 2017年12月7日 and 2017. december 7.
                if hit.is_none() {
                    let y = year_of(t[i].kind).unwrap_or(0);
                    let mut j = i + 1;
                    if matches!(k(j), Some(Kind::Filler | Kind::Punct('.' | ','))) {
                        j += 1;
                    }
                    let month = match k(j) {
                        Some(Kind::Month(m)) => Some(i64::from(m)),
                        Some(Kind::Num(m, 1 | 2))
                            if matches!(k(j + 1), Some(Kind::Filler))
                                && matches!(k(i + 1), Some(Kind::Filler)) =>
                        {
                            j += 1;
                            Some(i64::from(m))
                        }
                        _ => None,
                    };
                    if let Some(m) = month {
                        if let Some(d) = k(j + 1).and_then(day_of) {
                            hit = make_date(y, m, d).map(|x| (x, j + 1));
                        }
                    }
                }
            }
            Kind::Num(a, 1 | 2) => {
                // D.M.Y, D/M/Y, D-M-Y (or M/D/Y)
                if let (
                    Some(Kind::Punct(s @ ('.' | '/' | '-'))),
                    Some(Kind::Num(b, 1 | 2)),
                    Some(Kind::Punct(s2)),
                    Some(Kind::Num(y, yl @ (2 | 4))),
                ) = (k(i + 1), k(i + 2), k(i + 3), k(i + 4))
                {
                    let before_ok = i == 0
                        || !matches!(t[i - 1].kind, Kind::Punct('.' | '/' | '-' | ':' | ','))
                        || t[i].spaced;
                    let after_ok = !matches!(
                        k(i + 5),
                        Some(Kind::Num(..) | Kind::Punct('.' | '/'))
                    ) || t.get(i + 5).is_some_and(|x| x.spaced)
                        || matches!(k(i + 5), Some(Kind::Punct('.')) if !matches!(k(i + 6), Some(Kind::Num(..))));
                    if s == s2
                        && tight(i + 1)
                        && tight(i + 2)
                        && tight(i + 3)
                        && tight(i + 4)
                        && before_ok
                        && after_ok
                        && (yl == 4 || s == '.')
                    {
                        let year = if yl == 4 {
                            i64::from(y)
                        } else {
                            2000 + i64::from(y)
                        };
                        let (a, b) = (i64::from(a), i64::from(b));
                        let (d, m) = if s == '/' && month_first && a <= 12 && b <= 31 || b > 12 {
                            (b, a)
                        } else {
                            (a, b)
                        };
                        hit = make_date(year, m, d).map(|x| (x, i + 4));
                    }
                }
                // D[.|th] [of|de] Month [de] [,] Y
                if hit.is_none() {
                    let mut j = i + 1;
                    if matches!(k(j), Some(Kind::Punct('.'))) {
                        j += 1;
                    }
                    while matches!(k(j), Some(Kind::Filler)) {
                        j += 1;
                    }
                    if let Some(Kind::Month(m)) = k(j) {
                        j += 1;
                        if matches!(k(j), Some(Kind::Punct('.'))) {
                            j += 1;
                        }
                        while matches!(k(j), Some(Kind::Filler | Kind::Punct(','))) {
                            j += 1;
                        }
                        if let (Some(y), Some(d)) = (k(j).and_then(year_of), day_of(t[i].kind)) {
                            hit = make_date(y, i64::from(m), d).map(|x| (x, j));
                        }
                    }
                }
            }
            Kind::Month(m) => {
                // Month [.] D[st|th] [,] Y
                let mut j = i + 1;
                if matches!(k(j), Some(Kind::Punct('.'))) {
                    j += 1;
                }
                if let Some(d) = k(j).and_then(day_of) {
                    j += 1;
                    while matches!(k(j), Some(Kind::Filler | Kind::Punct(',' | '.'))) {
                        j += 1;
                    }
                    if let Some(y) = k(j).and_then(year_of) {
                        hit = make_date(y, i64::from(m), d).map(|x| (x, j));
                    }
                }
            }
            _ => {}
        }
        if let Some((date, last)) = hit {
            out.push(Found {
                start: t[i].start,
                end: t[last].end,
                date,
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &[&str]) {
        let got: Vec<String> = find_dates(text, false)
            .iter()
            .map(|f| f.date.to_string())
            .collect();
        assert_eq!(got, expect, "text: {text:?}");
    }

    #[test]
    fn written_dates() {
        check(
            "Veröffentlicht am 7. Dezember 2017 um 10:00",
            &["2017-12-07"],
        );
        check("December 7th, 2017", &["2017-12-07"]);
        check("Posted on Dec. 7, 2017 by Jo", &["2017-12-07"]);
        check("le 7 décembre 2017", &["2017-12-07"]);
        check("7 de diciembre de 2017", &["2017-12-07"]);
        check("7 грудня 2017", &["2017-12-07"]);
        check("07.12.2017, 12:30 Uhr", &["2017-12-07"]);
        check("Stand: 7.12.17", &["2017-12-07"]);
        check("2017-12-07 and 2016/1/2", &["2017-12-07", "2016-01-02"]);
        check("2017年12月7日", &["2017-12-07"]);
        check("12/24/2017", &["2017-12-24"]);
        check("Mittwoch, 13. März 2019", &["2019-03-13"]);
    }

    #[test]
    fn not_dates() {
        check("© 2023 MintPress News", &[]);
        check("Version 1.2.3.2017 and 31.02.2017", &[]);
        check("in 1990 and on 7 May 1989", &[]);
        check("", &[]);
        check("May 2017", &[]);
        check("Tel. 030/12.34.56", &[]);
    }

    #[test]
    fn machine_dates() {
        let p = |s: &str| parse_machine(s);
        assert_eq!(
            p("2017-12-07T10:30:00+01:00").as_deref(),
            Some("2017-12-07T10:30:00+01:00")
        );
        assert_eq!(
            p("2017-12-07T23:30:00.000-0500").as_deref(),
            Some("2017-12-07T23:30:00-05:00")
        );
        assert_eq!(
            p("2017-12-07T10:30Z").as_deref(),
            Some("2017-12-07T10:30:00Z")
        );
        assert_eq!(p("2021-11-04T23:00:00Z").as_deref(), Some("2021-11-05"));
        assert_eq!(
            p("2021-06-04T22:00:00.000+00:00").as_deref(),
            Some("2021-06-05")
        );
        assert_eq!(p("2017-12-07").as_deref(), Some("2017-12-07"));
        assert_eq!(p("20171207").as_deref(), Some("2017-12-07"));
        assert_eq!(p("1512640800").as_deref(), Some("2017-12-07"));
        assert_eq!(
            p("Thu, 07 Dec 2017 10:00:00 +0100").as_deref(),
            Some("2017-12-07")
        );
        assert_eq!(p("2017-13-01"), None);
        assert_eq!(p("9999-01-01"), None);
        assert_eq!(p("garbage"), None);
    }
}
