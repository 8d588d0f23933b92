//! Reading what people type: amounts, quarters, numbers, texts, receipt codes and photo sizes,
//! each with an error that names what was wrong (worded in [`crate::text::input_error`]).

use sujarit_contracts::complaint::ReceiptCode;
use sujarit_contracts::plan::Budget;
use sujarit_thai::{parse_money, to_arabic_digits, MoneyError};

use crate::limits::MAX_PHOTO_BYTES;

/// Something typed (or sent) that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Nothing was typed.
    Empty,
    /// Longer than allowed.
    TooLong {
        /// Characters typed.
        chars: usize,
        /// Most allowed.
        max: usize,
    },
    /// An amount of money that cannot be read.
    Money(MoneyError),
    /// Not a number.
    NotANumber(String),
    /// A number outside its range.
    OutOfRange {
        /// The number.
        value: i64,
        /// Least allowed.
        min: i64,
        /// Most allowed.
        max: i64,
    },
    /// A quarter that is not 1–4.
    NotAQuarter(String),
    /// A quarter after the round's period.
    QuarterAfterPeriod {
        /// The quarter.
        quarter: u8,
        /// The round's last quarter.
        last: u8,
    },
    /// A photo larger than allowed.
    PhotoTooBig {
        /// Its size.
        bytes: u64,
    },
    /// An empty file.
    PhotoEmpty,
    /// More photos than one message may carry.
    TooManyPhotos {
        /// Most allowed.
        max: usize,
    },
    /// Not something a receipt code can be.
    BadReceiptCode,
}

/// Words that skip an optional step.
pub fn is_skip(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "-" | "ข้าม" | "skip" | "ไม่ระบุ" | "ไม่มี" | "none" | "no"
    )
}

/// Words that finish a step that collects photos.
pub fn is_done(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "เสร็จ"
            | "เสร็จสิ้น"
            | "เสร็จแล้ว"
            | "done"
            | "finish"
            | "ok"
            | "ตกลง"
            | "ข้าม"
            | "skip"
    )
}

/// A required text, trimmed, of at most `max` characters.
pub fn text(text: &str, max: usize) -> Result<String, InputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::Empty);
    }
    let chars = trimmed.chars().count();
    if chars > max {
        return Err(InputError::TooLong { chars, max });
    }
    Ok(trimmed.to_string())
}

/// An optional text: a skip word gives `None`.
pub fn optional_text(input: &str, max: usize) -> Result<Option<String>, InputError> {
    if is_skip(input) {
        return Ok(None);
    }
    text(input, max).map(Some)
}

/// An amount disbursed: Thai or Arabic digits, separators, "๑๕,๐๐๐.-"; "-" or "ไม่ใช้งบประมาณ"
/// for no budget needed; "ข้าม"/"skip" for not stated.
pub fn money(text: &str) -> Result<Budget, InputError> {
    if matches!(text.trim().to_lowercase().as_str(), "ข้าม" | "skip" | "ไม่ระบุ") {
        return Ok(Budget::NotStated);
    }
    match parse_money(text).map_err(InputError::Money)? {
        sujarit_thai::Budget::Amount(satang) => Ok(Budget::Amount { satang: satang.get() }),
        sujarit_thai::Budget::NotNeeded => Ok(Budget::NotNeeded),
        sujarit_thai::Budget::NotStated => Err(InputError::Empty),
    }
}

/// The quarters carried out: "1,2", "๑ ๒", "ไตรมาส 1 และ 3", "1-3"; "0", "-" or "ไม่มี" for none.
/// Every quarter must be 1–4 and not after `last` (the round's last quarter).
pub fn quarters(text: &str, last: u8) -> Result<[bool; 4], InputError> {
    let arabic = to_arabic_digits(text).to_lowercase();
    let trimmed = arabic.trim();
    if trimmed.is_empty() {
        return Err(InputError::Empty);
    }
    if matches!(trimmed, "0" | "-" | "ไม่มี" | "none" | "ยังไม่ได้ดำเนินการ")
    {
        return Ok([false; 4]);
    }
    let mut cleaned = trimmed.to_string();
    for word in ["ไตรมาสที่", "ไตรมาส", "และ", "and", "q"] {
        cleaned = cleaned.replace(word, " ");
    }
    // "2 - 4" and "q2-q4" are ranges: no spaces around the dash.
    let cleaned = cleaned.replace('–', "-");
    let cleaned = cleaned.split('-').map(str::trim).collect::<Vec<_>>().join("-");
    let mut done = [false; 4];
    let tokens: Vec<&str> = cleaned
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '+' | '、' | '，'))
        .filter(|token| !token.is_empty())
        .collect();
    if tokens.is_empty() {
        return Err(InputError::NotAQuarter(text.trim().to_string()));
    }
    for token in tokens {
        let (from, to) = match token.split_once('-') {
            Some((from, to)) => (quarter(from)?, quarter(to)?),
            None => (quarter(token)?, quarter(token)?),
        };
        for number in from.min(to)..=from.max(to) {
            if number > last {
                return Err(InputError::QuarterAfterPeriod { quarter: number, last });
            }
            done[usize::from(number - 1)] = true;
        }
    }
    Ok(done)
}

/// One quarter number, 1–4.
fn quarter(token: &str) -> Result<u8, InputError> {
    match token.trim().parse::<u8>() {
        Ok(number @ 1..=4) => Ok(number),
        _ => Err(InputError::NotAQuarter(token.trim().to_string())),
    }
}

/// A whole number in `min..=max`, Thai or Arabic digits, "วัน"/"days" allowed after it.
pub fn number(text: &str, min: i64, max: i64) -> Result<i64, InputError> {
    let arabic = to_arabic_digits(text).to_lowercase();
    let body = arabic
        .trim()
        .trim_end_matches("วัน")
        .trim_end_matches("days")
        .trim_end_matches("day")
        .trim();
    if body.is_empty() {
        return Err(InputError::Empty);
    }
    let value: i64 = body
        .replace(',', "")
        .parse()
        .map_err(|_| InputError::NotANumber(text.trim().to_string()))?;
    if !(min..=max).contains(&value) {
        return Err(InputError::OutOfRange { value, min, max });
    }
    Ok(value)
}

/// A typed choice number ("2", "๒", "2."), from 1.
pub fn choice_number(text: &str) -> Option<usize> {
    let arabic = to_arabic_digits(text);
    arabic.trim().trim_end_matches('.').trim().parse().ok()
}

/// A photo's size is within the limit.
pub fn photo(bytes: u64) -> Result<(), InputError> {
    match bytes {
        0 => Err(InputError::PhotoEmpty),
        bytes if bytes > MAX_PHOTO_BYTES => Err(InputError::PhotoTooBig { bytes }),
        _ => Ok(()),
    }
}

/// A photo fits: within the size limit, and fewer than `max` already held.
pub fn photo_slot(bytes: u64, held: usize, max: usize) -> Result<(), InputError> {
    photo(bytes)?;
    match held >= max {
        true => Err(InputError::TooManyPhotos { max }),
        false => Ok(()),
    }
}

/// A receipt code as typed back: spaces and hyphens dropped, letters upper-cased.
pub fn receipt_code(text: &str) -> Result<ReceiptCode, InputError> {
    ReceiptCode(text.to_string())
        .normalized()
        .map(ReceiptCode)
        .ok_or(InputError::BadReceiptCode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_the_documents_write_them() {
        assert_eq!(money("๑๕,๐๐๐.-"), Ok(Budget::Amount { satang: 1_500_000 }));
        assert_eq!(money("15,000.50 บาท"), Ok(Budget::Amount { satang: 1_500_050 }));
        assert_eq!(money("0"), Ok(Budget::Amount { satang: 0 }));
        assert_eq!(money("ไม่ใช้งบประมาณ"), Ok(Budget::NotNeeded));
        assert_eq!(money("-"), Ok(Budget::NotNeeded));
        assert_eq!(money("ข้าม"), Ok(Budget::NotStated));
        assert!(matches!(money("ห้าพัน"), Err(InputError::Money(_))));
    }

    #[test]
    fn quarters_accept_lists_ranges_and_thai_digits() {
        assert_eq!(quarters("1,2", 4), Ok([true, true, false, false]));
        assert_eq!(quarters("๑ ๓", 4), Ok([true, false, true, false]));
        assert_eq!(quarters("ไตรมาส 1 และ 2", 2), Ok([true, true, false, false]));
        assert_eq!(quarters("Q2-Q4", 4), Ok([false, true, true, true]));
        assert_eq!(quarters("0", 4), Ok([false; 4]));
        assert_eq!(quarters("5", 4), Err(InputError::NotAQuarter("5".into())));
        assert_eq!(
            quarters("3", 2),
            Err(InputError::QuarterAfterPeriod { quarter: 3, last: 2 })
        );
        assert_eq!(quarters("abc", 4), Err(InputError::NotAQuarter("abc".into())));
    }

    #[test]
    fn texts_are_trimmed_and_limited() {
        assert_eq!(text("  ok ", 5), Ok("ok".into()));
        assert_eq!(text("   ", 5), Err(InputError::Empty));
        assert_eq!(text("กขคงจฉ", 5), Err(InputError::TooLong { chars: 6, max: 5 }));
        assert_eq!(optional_text("ข้าม", 5), Ok(None));
    }

    #[test]
    fn numbers_and_choices_read_thai_digits() {
        assert_eq!(number("๓๐ วัน", 1, 365), Ok(30));
        assert_eq!(
            number("400", 1, 365),
            Err(InputError::OutOfRange {
                value: 400,
                min: 1,
                max: 365
            })
        );
        assert_eq!(choice_number("๒"), Some(2));
        assert_eq!(choice_number("2."), Some(2));
        assert_eq!(choice_number("two"), None);
    }

    #[test]
    fn photos_over_ten_mebibytes_are_refused() {
        assert_eq!(photo(MAX_PHOTO_BYTES), Ok(()));
        assert_eq!(
            photo(MAX_PHOTO_BYTES + 1),
            Err(InputError::PhotoTooBig {
                bytes: MAX_PHOTO_BYTES + 1
            })
        );
        assert_eq!(photo(0), Err(InputError::PhotoEmpty));
    }
}
