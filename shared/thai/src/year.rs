//! Buddhist Era (พ.ศ.) and Common Era (ค.ศ.) years.
//!
//! Thai documents count years in the Buddhist Era, often with only two digits ("๖๖"); the
//! system stores CE dates and converts only at the edges. One rule decides how a bare
//! four-digit year is read: 2400 or more is BE, anything smaller is CE.

use crate::date::DateError;
use crate::digits::to_arabic_digits;

/// Years between the eras: BE = CE + 543.
pub const BE_OFFSET: i32 = 543;

/// The smallest bare four-digit year read as Buddhist Era (CE 1857); smaller ones are CE.
pub const FIRST_BE_YEAR: i32 = 2400;

/// Converts a Buddhist Era year to the Common Era (2566 → 2023); saturates at the `i32` limits.
pub fn be_to_ce(be: i32) -> i32 {
    be.saturating_sub(BE_OFFSET)
}

/// Converts a Common Era year to the Buddhist Era (2023 → 2566); saturates at the `i32` limits.
pub fn ce_to_be(ce: i32) -> i32 {
    ce.saturating_add(BE_OFFSET)
}

/// Reads a year of unknown era as CE: 2400 or more is taken as BE, anything smaller as CE.
pub fn year_to_ce(year: i32) -> i32 {
    if year >= FIRST_BE_YEAR {
        be_to_ce(year)
    } else {
        year
    }
}

/// Parses a year as written in a document and returns it in CE.
///
/// Accepts Thai or Arabic digits, an optional era marker ("พ.ศ." = BE, "ค.ศ." = CE), two
/// digits (always BE: "๖๖" = 2566 = CE 2023) or four digits (read by [`year_to_ce`] unless
/// an era marker says otherwise).
pub fn parse_year(text: &str) -> Result<i32, DateError> {
    let compact: String = to_arabic_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    let (era, digits) = split_era_prefix(&compact);
    year_from_digits(digits, era).ok_or_else(|| DateError::BadYear {
        text: text.trim().to_owned(),
    })
}

/// The era a marker names: "พ.ศ." (Buddhist) or "ค.ศ." (Common).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Era {
    Buddhist,
    Common,
}

/// Splits an era marker, written without dots or spaces ("พศ", "คศ"), off the front of `text`.
pub(crate) fn split_era_prefix(text: &str) -> (Option<Era>, &str) {
    if let Some(rest) = text.strip_prefix("พศ") {
        (Some(Era::Buddhist), rest)
    } else if let Some(rest) = text.strip_prefix("คศ") {
        (Some(Era::Common), rest)
    } else {
        (None, text)
    }
}

/// Splits an era marker, written without dots or spaces, off the end of `text`.
pub(crate) fn split_era_suffix(text: &str) -> (&str, Option<Era>) {
    if let Some(rest) = text.strip_suffix("พศ") {
        (rest, Some(Era::Buddhist))
    } else if let Some(rest) = text.strip_suffix("คศ") {
        (rest, Some(Era::Common))
    } else {
        (text, None)
    }
}

/// Reads a year written with Arabic digits only, under an optional era marker, as CE.
pub(crate) fn year_from_digits(digits: &str, era: Option<Era>) -> Option<i32> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i32 = digits.parse().ok()?;
    match (digits.len(), era) {
        (2, None | Some(Era::Buddhist)) => Some(be_to_ce(2500 + value)),
        (4, None) => Some(year_to_ce(value)),
        (4, Some(Era::Buddhist)) => Some(be_to_ce(value)),
        (4, Some(Era::Common)) => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buddhist_era_is_common_era_plus_543() {
        assert_eq!(be_to_ce(2567), 2024);
        assert_eq!(ce_to_be(2023), 2566);
    }

    #[test]
    fn a_four_digit_year_from_2400_is_buddhist_era() {
        assert_eq!(year_to_ce(2566), 2023);
        assert_eq!(year_to_ce(2400), 1857);
        assert_eq!(year_to_ce(2399), 2399);
        assert_eq!(year_to_ce(2023), 2023);
    }

    #[test]
    fn two_digit_years_in_documents_are_buddhist_era() {
        assert_eq!(parse_year("๖๖"), Ok(2023));
        assert_eq!(parse_year("65"), Ok(2022));
    }

    #[test]
    fn four_digit_years_follow_the_2400_rule_in_either_digit_set() {
        assert_eq!(parse_year("๒๕๖๖"), Ok(2023));
        assert_eq!(parse_year("2565"), Ok(2022));
        assert_eq!(parse_year(" 2023 "), Ok(2023));
    }

    #[test]
    fn an_era_marker_decides_the_era() {
        assert_eq!(parse_year("พ.ศ. ๒๕๖๖"), Ok(2023));
        assert_eq!(parse_year("พ.ศ.2567"), Ok(2024));
        assert_eq!(parse_year("ค.ศ. 2023"), Ok(2023));
    }

    #[test]
    fn years_that_are_not_two_or_four_digits_are_rejected() {
        for text in ["", "6", "256", "25666", "๒๕๖x", "-66", "ค.ศ. 23"] {
            assert_eq!(
                parse_year(text),
                Err(DateError::BadYear {
                    text: text.trim().to_owned()
                }),
                "{text:?}"
            );
        }
    }
}
