//! Publication dates as a day count, for the time window.
//!
//! Reads the ISO 8601 forms that extract writes (`YYYY-MM-DD`, optionally
//! followed by `THH:MM[:SS]...`) into fractional days since 1970-01-01.
//! It does NOT apply time-zone offsets (an error of under a day, small
//! against the window) and does not guess at other formats: anything else is
//! treated as undated.

/// Days since 1970-01-01 (fractional), or `None` when `s` is not ISO 8601.
pub(crate) fn parse_days(s: &str) -> Option<f64> {
    let b = s.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let mut v: i64 = 0;
        for &c in b.get(r)? {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(c - b'0');
        }
        Some(v)
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let mut days = days_from_civil(y, m, d) as f64;
    if b.len() >= 16 && (b[10] == b'T' || b[10] == b' ') && b[13] == b':' {
        if let (Some(h), Some(mi)) = (num(11..13), num(14..16)) {
            if h < 24 && mi < 60 {
                days += (h * 60 + mi) as f64 / 1440.0;
            }
        }
    }
    Some(days)
}

/// Howard Hinnant's `days_from_civil` (proleptic Gregorian calendar).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: Option<f64>) {
        let got = parse_days(input);
        match (got, expect) {
            (Some(g), Some(e)) => assert!((g - e).abs() < 1e-6, "{input}: {g} != {e}"),
            (g, e) => assert_eq!(g, e, "{input}"),
        }
    }

    #[test]
    fn iso_dates_and_timestamps() {
        check("1970-01-01", Some(0.0));
        check("1970-01-02", Some(1.0));
        // 2000-03-01 is day 11017 (2000 is a leap year: 10957 + 31 + 29).
        check("2000-03-01", Some(11017.0));
        check("2017-12-11T12:00:00Z", Some(17511.5));
        check("2017-12-11 06:00", Some(17511.25));
        check("2017-12-11Tgarbage", Some(17511.0));
    }

    #[test]
    fn rejects_non_iso() {
        check("", None);
        check("11/12/2017", None);
        check("2017-13-01", None);
        check("2017-1-1", None);
        check("ßßßßßßßßßßß", None);
    }
}
