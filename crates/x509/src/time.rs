//! X.509 times (RFC 5280 4.1.2.5) ↔ the model's milliseconds.
//!
//! Written by hand rather than through `der`'s `DateTime` because that type stops at 1970,
//! while certificates (and PyCA) go back to 1950 with UTCTime. Parsing is strict like PyCA's
//! rust-asn1: UTCTime is `YYMMDDHHMMSSZ`, GeneralizedTime `YYYYMMDDHHMMSSZ`, nothing else.

use der::Tag;

use crate::der_util::tlv;
pub use crate::der_util::{GENERALIZED_TIME, UTC_TIME};
use crate::error::{Result, X509Error};
use crate::model::Millis;

const MS_PER_DAY: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A UTC instant as calendar fields, the form both X.509 time types (and the GeneralizedTime
/// of InvalidityDate) are written in; whole seconds only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Civil {
    pub year: i64,
    pub month: i64,
    pub day: i64,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
}

impl Civil {
    /// The fields of `ms`, sub-second parts dropped (rounding towards the past).
    pub(crate) fn from_millis(ms: Millis) -> Self {
        let seconds = ms.div_euclid(1000);
        let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
        let of_day = seconds.rem_euclid(86_400);
        Self {
            year,
            month,
            day,
            hour: of_day / 3600,
            minute: of_day / 60 % 60,
            second: of_day % 60,
        }
    }

    /// Whether the fields name a real date and time (no leap seconds, as in DER).
    pub(crate) fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && (1..=days_in_month(self.year, self.month)).contains(&self.day)
            && (0..=23).contains(&self.hour)
            && (0..=59).contains(&self.minute)
            && (0..=59).contains(&self.second)
    }

    /// The GeneralizedTime text `YYYYMMDDHHMMSSZ` (a UTCTime is the same without the century).
    pub(crate) fn generalized_text(&self) -> String {
        let Civil {
            year,
            month,
            day,
            hour,
            minute,
            second,
        } = *self;
        format!("{year:04}{month:02}{day:02}{hour:02}{minute:02}{second:02}Z")
    }

    /// Milliseconds since the epoch of valid fields.
    pub(crate) fn to_millis(self) -> Millis {
        days_from_civil(self.year, self.month, self.day) * MS_PER_DAY
            + ((self.hour * 60 + self.minute) * 60 + self.second) * 1000
    }
}

fn digits(text: &[u8]) -> Option<i64> {
    text.iter().try_fold(0i64, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
    })
}

/// Milliseconds of a UTCTime or GeneralizedTime (`tag`) with content `content`.
pub fn parse_time(tag: Tag, content: &[u8]) -> Result<Millis> {
    let invalid = |kind: &str| {
        X509Error::value(format!(
            "invalid {kind}: expected the form {}",
            if kind == "UTCTime" {
                "YYMMDDHHMMSSZ"
            } else {
                "YYYYMMDDHHMMSSZ"
            }
        ))
    };
    let (kind, year, rest) = match tag {
        UTC_TIME => {
            if content.len() != 13 {
                return Err(invalid("UTCTime"));
            }
            let yy = digits(&content[..2]).ok_or_else(|| invalid("UTCTime"))?;
            // RFC 5280: two-digit years 50–99 are 19xx, 00–49 are 20xx.
            let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
            ("UTCTime", year, &content[2..])
        }
        GENERALIZED_TIME => {
            if content.len() != 15 {
                return Err(invalid("GeneralizedTime"));
            }
            let year = digits(&content[..4]).ok_or_else(|| invalid("GeneralizedTime"))?;
            ("GeneralizedTime", year, &content[4..])
        }
        other => {
            return Err(X509Error::value(format!(
                "invalid time: tag {other} is neither UTCTime nor GeneralizedTime"
            )));
        }
    };
    // rest = MMDDHHMMSSZ
    if rest[10] != b'Z' {
        return Err(invalid(kind));
    }
    let field = |i: usize| digits(&rest[i..i + 2]).ok_or_else(|| invalid(kind));
    let civil = Civil {
        year,
        month: field(0)?,
        day: field(2)?,
        hour: field(4)?,
        minute: field(6)?,
        second: field(8)?,
    };
    if !civil.is_valid() {
        return Err(X509Error::value(format!(
            "invalid {kind}: date or time out of range"
        )));
    }
    Ok(civil.to_millis())
}

/// The DER TLV of a time as RFC 5280 (and PyCA) writes it: UTCTime for the years 1950–2049,
/// GeneralizedTime from 2050 to 9999. Sub-second parts are dropped, as PyCA drops
/// microseconds; years before 1950 or after 9999 cannot be written.
pub fn encode_time(ms: Millis) -> Result<Vec<u8>> {
    let civil = Civil::from_millis(ms);
    if !(1950..=9999).contains(&civil.year) {
        return Err(X509Error::value(format!(
            "cannot encode the time {ms} ms: X.509 times must be in the years 1950 to 9999"
        )));
    }
    let text = civil.generalized_text();
    let (tag, text) = if civil.year < 2050 {
        (UTC_TIME, &text[2..])
    } else {
        (GENERALIZED_TIME, &text[..])
    };
    tlv(tag, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        // Every 97th day from year -200 to 4700, and the epoch itself.
        for days in (-800_000..1_000_000).step_by(97).chain([0]) {
            let (y, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m) && (1..=31).contains(&d), "{days}");
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(
            days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28),
            2
        );
        assert_eq!(
            days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28),
            1
        );
    }

    #[test]
    fn utc_time_windows_and_epoch() {
        assert_eq!(parse_time(UTC_TIME, b"700101000000Z").unwrap(), 0);
        // 1950-01-01 and 2049-12-31T23:59:59 bound the UTCTime window.
        assert_eq!(
            parse_time(UTC_TIME, b"500101000000Z").unwrap(),
            -631_152_000_000
        );
        assert_eq!(
            parse_time(UTC_TIME, b"491231235959Z").unwrap(),
            2_524_607_999_000
        );
        assert_eq!(
            parse_time(GENERALIZED_TIME, b"20000229120000Z").unwrap(),
            951_825_600_000
        );
    }

    #[test]
    fn malformed_times_are_refused() {
        for (tag, text) in [
            (UTC_TIME, &b"7001010000Z"[..]),
            (UTC_TIME, b"700101000000+0100"),
            (UTC_TIME, b"701301000000Z"),
            (UTC_TIME, b"700230000000Z"),
            (UTC_TIME, b"700101240000Z"),
            (GENERALIZED_TIME, b"19000229000000Z"),
            (GENERALIZED_TIME, b"20000101000000.5Z"),
            (GENERALIZED_TIME, b"2000010100000aZ"),
            (Tag::OctetString, b"700101000000Z"),
        ] {
            assert!(
                parse_time(tag, text).is_err(),
                "{}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn encoding_picks_the_type_by_year_and_round_trips() {
        assert_eq!(encode_time(0).unwrap(), b"\x17\x0d700101000000Z");
        assert_eq!(
            encode_time(2_524_607_999_000).unwrap(),
            b"\x17\x0d491231235959Z"
        );
        assert_eq!(
            encode_time(2_524_608_000_000).unwrap(),
            b"\x18\x0f20500101000000Z"
        );
        assert_eq!(
            encode_time(-631_152_000_000).unwrap(),
            b"\x17\x0d500101000000Z"
        );
        assert!(encode_time(-631_152_000_001).is_err());
        assert!(encode_time(253_402_300_800_000).is_err());
        for ms in [
            1_234_567_000,
            -600_000_000_000,
            4_102_444_800_000,
            253_402_300_799_000,
        ] {
            let encoded = encode_time(ms).unwrap();
            let tag = if encoded[0] == 0x17 {
                UTC_TIME
            } else {
                GENERALIZED_TIME
            };
            assert_eq!(parse_time(tag, &encoded[2..]).unwrap(), ms);
        }
        // Milliseconds are dropped like PyCA drops microseconds.
        assert_eq!(encode_time(1999).unwrap(), encode_time(1000).unwrap());
    }
}
