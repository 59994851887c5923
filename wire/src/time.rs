//! Dates and times in UTC from unix milliseconds, and back: no time zone database, no clock.

/// A calendar date as a date field sends it (`2027-01-31`) to the start of that day, UTC, in
/// unix milliseconds. None for anything else (or a year outside 1970–9999).
pub fn parse_date(raw: &str) -> Option<i64> {
    let mut parts = raw.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in[(m - 1) as usize] {
        return None;
    }
    // Days since 1970-01-01 (H. Hinnant's days_from_civil).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400_000)
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (H. Hinnant's
/// civil_from_days).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The UTC date of unix milliseconds, as a date field takes it (`2027-01-31`).
pub fn date_of(ms: i64) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(86_400_000));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Unix milliseconds as `2026-12-07T14:03:09Z`.
pub fn time_utc(ms: i64) -> String {
    let rest = ms.div_euclid(1000).rem_euclid(86_400);
    format!("{}T{:02}:{:02}:{:02}Z", date_of(ms), rest / 3600, rest % 3600 / 60, rest % 60)
}

/// Unix milliseconds to the minute, as a mail says when something happened (`2026-12-07 14:03 UTC`).
pub fn minute_utc(ms: i64) -> String {
    let rest = ms.div_euclid(1000).rem_euclid(86_400);
    format!("{} {:02}:{:02} UTC", date_of(ms), rest / 3600, rest % 3600 / 60)
}
#[cfg(test)]
mod date_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dates_are_utc_days() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2027-01-31"), Some(1_801_353_600_000));
        assert_eq!(parse_date("2000-02-29"), Some(951_782_400_000));
        for bad in ["2001-02-29", "2027-13-01", "2027-1-01", "27-01-01", "", "2027-01-32", "1969-12-31", "x"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(date_of(1_801_353_600_000 + 3_600_000), "2027-01-31");
        assert_eq!(date_of(951_782_400_000 - 1), "2000-02-28");
        assert_eq!(time_utc(1_801_353_600_000 + 3_723_000), "2027-01-31T01:02:03Z");
        assert_eq!(minute_utc(1_801_353_600_000 + 3_723_000), "2027-01-31 01:02 UTC");
    }

    proptest! {
        #[test]
        fn a_day_round_trips(days in 0i64..2_900_000) {
            let ms = days * 86_400_000;
            prop_assert_eq!(parse_date(&date_of(ms)), Some(ms));
        }
    }
}
