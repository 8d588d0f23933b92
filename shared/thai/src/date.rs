//! Thai month names, Thai date display, and the date forms the documents use.
//!
//! Documents write "5 เม.ย. 2566", "๕ เมษายน ๒๕๖๖", "30 มิ.ย.2565" (no space), "๒๔ มีนาคม
//! พ.ศ. ๒๕๖๖", and plan items carry month ranges such as "ธ.ค.๖๕-ก.ย. ๖๖" or "ม.ค. - ก.ค. ๖๖",
//! where the first month often has no year of its own. Parsing turns all of them into CE
//! values ([`NaiveDate`], [`YearMonth`], [`MonthRange`]); display turns dates back into the
//! Thai form with a BE year. Every failure is a [`DateError`] naming the text, never a panic.

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::digits::to_arabic_digits;
use crate::year::{ce_to_be, split_era_suffix, year_from_digits, year_to_ce};

/// Full Thai month names, January first.
pub const MONTHS_TH: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Abbreviated Thai month names, January first.
pub const MONTHS_TH_ABBR: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// A date, year, month or period that could not be read, or lies outside the supported range.
///
/// `Display` gives the English message; [`DateError::message_th`] gives the Thai one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Nothing was written where a date was expected.
    #[error("no date given")]
    Empty,
    /// The year is neither two digits (BE) nor four digits.
    #[error("\"{text}\" is not a year: write two digits (BE, e.g. 66) or four digits (e.g. 2566 or 2023)")]
    BadYear {
        /// The offending text.
        text: String,
    },
    /// The month is not a Thai month name.
    #[error("\"{text}\" is not a Thai month name (e.g. เม.ย. or เมษายน)")]
    UnknownMonth {
        /// The offending text.
        text: String,
    },
    /// Day, month and year were read but name no day of the calendar (e.g. 31 ก.พ.).
    #[error("\"{text}\" is not a day of the calendar")]
    InvalidDate {
        /// The offending text.
        text: String,
    },
    /// The text has none of the accepted date shapes.
    #[error("\"{text}\" is not a date: write e.g. 5 เม.ย. 2566 or 2566-04-05")]
    Unrecognized {
        /// The offending text.
        text: String,
    },
    /// A month or month range has no year to anchor it.
    #[error("\"{text}\" has no year: write e.g. ต.ค. 65 – ก.ย. 66")]
    MissingYear {
        /// The offending text.
        text: String,
    },
    /// A month range ends before it starts.
    #[error("\"{text}\" ends before it starts")]
    ReversedRange {
        /// The offending text.
        text: String,
    },
    /// A fiscal year outside the supported range (BE 2400–9999).
    #[error("fiscal year {be} is outside the supported range BE 2400–9999")]
    FiscalYearOutOfRange {
        /// The fiscal year, BE.
        be: i32,
    },
    /// A date whose fiscal year is outside the supported range (BE 2400–9999).
    #[error("{date} falls outside the supported fiscal years BE 2400–9999")]
    DateOutOfRange {
        /// The date.
        date: NaiveDate,
    },
    /// Not a fiscal year.
    #[error("\"{text}\" is not a fiscal year: write e.g. 2567")]
    BadFiscalYear {
        /// The offending text.
        text: String,
    },
    /// Not a quarter of the fiscal year.
    #[error("\"{text}\" is not a quarter: use q1, q2, q3 or q4")]
    UnknownQuarter {
        /// The offending text.
        text: String,
    },
    /// Not a reporting period.
    #[error("\"{text}\" is not a reporting period: use q1, q2, q3, q4, h1 or annual")]
    UnknownPeriod {
        /// The offending text.
        text: String,
    },
}

impl DateError {
    /// The message in English (the same as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The message in Thai.
    pub fn message_th(&self) -> String {
        match self {
            Self::Empty => "ไม่ได้ระบุวันที่".to_owned(),
            Self::BadYear { text } => {
                format!("\"{text}\" ไม่ใช่ปีที่ถูกต้อง: ให้เขียนเลขสองหลัก (พ.ศ. เช่น 66) หรือสี่หลัก (เช่น 2566 หรือ 2023)")
            }
            Self::UnknownMonth { text } => {
                format!("\"{text}\" ไม่ใช่ชื่อเดือนภาษาไทย (เช่น เม.ย. หรือ เมษายน)")
            }
            Self::InvalidDate { text } => format!("\"{text}\" ไม่ใช่วันที่ที่มีอยู่จริงในปฏิทิน"),
            Self::Unrecognized { text } => {
                format!("\"{text}\" ไม่ใช่รูปแบบวันที่ที่รู้จัก: ให้เขียน เช่น 5 เม.ย. 2566 หรือ 2566-04-05")
            }
            Self::MissingYear { text } => {
                format!("\"{text}\" ไม่ได้ระบุปี: ให้เขียน เช่น ต.ค. 65 – ก.ย. 66")
            }
            Self::ReversedRange { text } => format!("\"{text}\" เดือนสิ้นสุดอยู่ก่อนเดือนเริ่มต้น"),
            Self::FiscalYearOutOfRange { be } => {
                format!("ปีงบประมาณ {be} อยู่นอกช่วงที่รองรับ (พ.ศ. 2400–9999)")
            }
            Self::DateOutOfRange { date } => format!(
                "วันที่ {} อยู่นอกช่วงปีงบประมาณที่รองรับ (พ.ศ. 2400–9999)",
                format_thai_date(*date)
            ),
            Self::BadFiscalYear { text } => {
                format!("\"{text}\" ไม่ใช่ปีงบประมาณ: ให้เขียน เช่น 2567")
            }
            Self::UnknownQuarter { text } => {
                format!("\"{text}\" ไม่ใช่ไตรมาส: ใช้ ไตรมาส 1 ถึง ไตรมาส 4")
            }
            Self::UnknownPeriod { text } => {
                format!("\"{text}\" ไม่ใช่รอบการรายงาน: ใช้ ไตรมาส 1–4, 6 เดือน หรือ 12 เดือน")
            }
        }
    }
}

/// The full Thai name of a month (1 = มกราคม), or `None` outside 1–12.
pub fn month_name_th(month: u32) -> Option<&'static str> {
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    MONTHS_TH.get(index).copied()
}

/// The abbreviated Thai name of a month (4 = เม.ย.), or `None` outside 1–12.
pub fn month_abbr_th(month: u32) -> Option<&'static str> {
    let index = usize::try_from(month).ok()?.checked_sub(1)?;
    MONTHS_TH_ABBR.get(index).copied()
}

/// Reads a Thai month name, full or abbreviated, and returns its number (เม.ย. → 4).
///
/// Dots and spaces are optional ("มิ.ย", "มิย"), a leading "เดือน" is allowed, and the common
/// misspelling "กรกฏาคม" is read as กรกฎาคม.
pub fn parse_thai_month(text: &str) -> Result<u32, DateError> {
    month_from_compact(&compact(text)).ok_or_else(|| DateError::UnknownMonth {
        text: text.trim().to_owned(),
    })
}

/// Formats a date the way Thai documents write it: "5 เม.ย. 2566" (abbreviated month, BE year).
///
/// [`parse_thai_date`] reads the result back for every date from 1857 on (BE 2400).
pub fn format_thai_date(date: NaiveDate) -> String {
    let month = MONTHS_TH_ABBR[date.month0() as usize];
    format!("{} {month} {}", date.day(), ce_to_be(date.year()))
}

/// Formats a date with the full month name: "5 เมษายน 2566" (BE year).
pub fn format_thai_date_long(date: NaiveDate) -> String {
    let month = MONTHS_TH[date.month0() as usize];
    format!("{} {month} {}", date.day(), ce_to_be(date.year()))
}

/// Parses a date as the documents and forms write it, returning the CE date.
///
/// Accepted, with Thai or Arabic digits:
/// - day, Thai month (full or abbreviated), year: "5 เม.ย. 2566", "๕ เมษายน ๒๕๖๖",
///   "5 เม.ย. 66", "30 มิ.ย.2565", "วันที่ ๒๔ มีนาคม พ.ศ. ๒๕๖๖";
/// - ISO year-month-day: "2566-04-05" or "2023-04-05";
/// - day/month/year: "5/4/2566", "05/04/66".
///
/// Years follow [`crate::parse_year`]: two digits are BE, four digits are BE from 2400.
pub fn parse_thai_date(text: &str) -> Result<NaiveDate, DateError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DateError::Empty);
    }
    let arabic = to_arabic_digits(trimmed);
    let (year, month, day) = if let Some([y, m, d]) = numeric_parts(&arabic, '-') {
        parse_iso(trimmed, y, m, d)?
    } else if let Some([d, m, y]) = numeric_parts(&arabic, '/') {
        parse_slashed(trimmed, d, m, y)?
    } else {
        parse_written(trimmed, &arabic)?
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::InvalidDate {
        text: trimmed.to_owned(),
    })
}

/// Year, month and day of "2566-04-05" or "2023-04-05", checked for shape only.
fn parse_iso(text: &str, y: &str, m: &str, d: &str) -> Result<(i32, u32, u32), DateError> {
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return Err(unrecognized(text));
    }
    let year = year_from_digits(y, None).ok_or_else(|| bad_year(text))?;
    Ok((year, small_number(m), small_number(d)))
}

/// Year, month and day of "5/4/2566" or "05/04/66", checked for shape only.
fn parse_slashed(text: &str, d: &str, m: &str, y: &str) -> Result<(i32, u32, u32), DateError> {
    if d.len() > 2 || m.len() > 2 {
        return Err(unrecognized(text));
    }
    let year = year_from_digits(y, None).ok_or_else(|| bad_year(text))?;
    Ok((year, small_number(m), small_number(d)))
}

/// Year, month and day of "5 เม.ย. 2566" or "วันที่ ๒๔ มีนาคม พ.ศ. ๒๕๖๖" (`arabic` is `text`
/// with Arabic digits), checked for shape only.
fn parse_written(text: &str, arabic: &str) -> Result<(i32, u32, u32), DateError> {
    let tokens = tokenize(arabic);
    let tokens = match tokens.as_slice() {
        [Token::Text(lead), rest @ ..] if lead.as_str() == "วันที่" => rest,
        all => all,
    };
    let [Token::Number(d), Token::Text(m), Token::Number(y)] = tokens else {
        return Err(unrecognized(text));
    };
    if d.len() > 2 {
        return Err(unrecognized(text));
    }
    let (month_text, era) = split_era_suffix(m);
    let month = month_from_compact(month_text).ok_or_else(|| DateError::UnknownMonth { text: text.to_owned() })?;
    let year = year_from_digits(y, era).ok_or_else(|| bad_year(text))?;
    Ok((year, month, small_number(d)))
}

/// The error for text with none of the accepted date shapes.
fn unrecognized(text: &str) -> DateError {
    DateError::Unrecognized { text: text.to_owned() }
}

/// The error for a date whose year is neither two nor four digits.
fn bad_year(text: &str) -> DateError {
    DateError::BadYear { text: text.to_owned() }
}

/// A calendar month of a CE year, e.g. December 2022.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth {
    // Field order matters: the derived `Ord` compares the year first.
    year: i32,
    month: u32,
}

impl YearMonth {
    /// The month `month` (1–12) of the CE year `year` (0–9999); `None` outside those ranges.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((0..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Self { year, month })
    }

    /// The month a date falls in (for dates in CE years 0–9999).
    pub fn from_date(date: NaiveDate) -> Option<Self> {
        Self::new(date.year(), date.month())
    }

    /// The CE year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month number, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        ymd(self.year, self.month, 1)
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        let (year, month) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        ymd(year, month, 1)
            .pred_opt()
            .unwrap_or_else(|| unreachable!("the day before a month in year 0..=10000 exists"))
    }
}

/// "2023-04": the CE year and month, as used in JSON and CSV.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Reads "2566-04" or "2023-04" (a four-digit year follows [`crate::year_to_ce`]) or a Thai
/// month with its year ("พฤษภาคม ๒๕๖๗", "มิ.ย. 65").
impl FromStr for YearMonth {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let arabic = to_arabic_digits(text.trim());
        match iso_year_month(&arabic) {
            Some((year, month)) => Self::new(year_to_ce(year), month).ok_or_else(|| DateError::InvalidDate {
                text: text.trim().to_owned(),
            }),
            None => parse_month_year(text),
        }
    }
}

/// Reads the wire form exactly: "YYYY-MM" with a CE year, whatever its size.
impl TryFrom<String> for YearMonth {
    type Error = DateError;

    fn try_from(text: String) -> Result<Self, DateError> {
        iso_year_month(&text)
            .and_then(|(year, month)| Self::new(year, month))
            .ok_or(DateError::InvalidDate { text })
    }
}

/// Splits "YYYY-MM" (Arabic digits) into year and month without judging either.
fn iso_year_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.split_once('-')?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if y.len() == 4 && (1..=2).contains(&m.len()) && digits(y) && digits(m) {
        Some((y.parse().ok()?, m.parse().ok()?))
    } else {
        None
    }
}

impl From<YearMonth> for String {
    fn from(value: YearMonth) -> String {
        value.to_string()
    }
}

/// An inclusive range of whole months, e.g. December 2022 to September 2023.
///
/// Parsed from document ranges by [`parse_month_range`]; `start <= end` always holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawMonthRange")]
pub struct MonthRange {
    start: YearMonth,
    end: YearMonth,
}

/// The unchecked wire form of a [`MonthRange`].
#[derive(Deserialize)]
struct RawMonthRange {
    start: YearMonth,
    end: YearMonth,
}

impl TryFrom<RawMonthRange> for MonthRange {
    type Error = DateError;

    fn try_from(raw: RawMonthRange) -> Result<Self, DateError> {
        Self::new(raw.start, raw.end).ok_or_else(|| DateError::ReversedRange {
            text: format!("{} – {}", raw.start, raw.end),
        })
    }
}

impl MonthRange {
    /// The months from `start` to `end` inclusive; `None` if `end` comes before `start`.
    pub fn new(start: YearMonth, end: YearMonth) -> Option<Self> {
        (start <= end).then_some(Self { start, end })
    }

    /// The first month.
    pub fn start(self) -> YearMonth {
        self.start
    }

    /// The last month.
    pub fn end(self) -> YearMonth {
        self.end
    }

    /// The days covered: first day of the first month to last day of the last month.
    pub fn days(self) -> RangeInclusive<NaiveDate> {
        self.start.first_day()..=self.end.last_day()
    }

    /// Whether the date falls in one of the months.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.days().contains(&date)
    }
}

/// Parses one Thai month with its year, "พฤษภาคม ๒๕๖๗" or "มิ.ย. 2565", as a CE [`YearMonth`].
pub fn parse_month_year(text: &str) -> Result<YearMonth, DateError> {
    let trimmed = text.trim();
    match parse_month_side(trimmed)? {
        (month, Some(year)) => YearMonth::new(year, month).ok_or_else(|| DateError::BadYear {
            text: trimmed.to_owned(),
        }),
        (_, None) => Err(DateError::MissingYear {
            text: trimmed.to_owned(),
        }),
    }
}

/// Parses a document month range into a CE [`MonthRange`].
///
/// Accepts "ธ.ค.๖๕-ก.ย. ๖๖", "ต.ค. 65 – ก.ย. 66", "ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗" and a
/// single month with its year ("พฤษภาคม ๒๕๖๗", a one-month range). The separator is a
/// hyphen, en dash, em dash or "ถึง". The last month must carry a year; when the first one
/// does not ("ม.ค. - ก.ค. ๖๖"), it is the latest such month not after the last one, so
/// "ต.ค. - ก.ย. 66" runs from October 2022.
pub fn parse_month_range(text: &str) -> Result<MonthRange, DateError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DateError::Empty);
    }
    let pieces: Vec<&str> = trimmed
        .split(['-', '–', '—', '‐', '−'])
        .flat_map(|piece| piece.split("ถึง"))
        .collect();
    let (start_text, end_text) = match pieces.as_slice() {
        pieces if pieces.iter().any(|piece| piece.trim().is_empty()) => {
            return Err(DateError::Unrecognized {
                text: trimmed.to_owned(),
            })
        }
        [single] => {
            let month = parse_month_year(single)?;
            return Ok(MonthRange {
                start: month,
                end: month,
            });
        }
        [start, end] => (*start, *end),
        _ => {
            return Err(DateError::Unrecognized {
                text: trimmed.to_owned(),
            })
        }
    };
    let (end_month, end_year) = parse_month_side(end_text)?;
    let end_year = end_year.ok_or_else(|| DateError::MissingYear {
        text: trimmed.to_owned(),
    })?;
    let (start_month, start_year) = parse_month_side(start_text)?;
    let start_year = start_year.unwrap_or(if start_month <= end_month {
        end_year
    } else {
        end_year - 1
    });
    let bad_year = || DateError::BadYear {
        text: trimmed.to_owned(),
    };
    let start = YearMonth::new(start_year, start_month).ok_or_else(bad_year)?;
    let end = YearMonth::new(end_year, end_month).ok_or_else(bad_year)?;
    MonthRange::new(start, end).ok_or_else(|| DateError::ReversedRange {
        text: trimmed.to_owned(),
    })
}

/// Reads one side of a month range: a month name and, optionally, its year in CE.
fn parse_month_side(text: &str) -> Result<(u32, Option<i32>), DateError> {
    let trimmed = text.trim();
    let arabic = to_arabic_digits(trimmed);
    let tokens = tokenize(&arabic);
    let (month_text, year_digits) = match tokens.as_slice() {
        [Token::Text(m)] => (m, None),
        [Token::Text(m), Token::Number(y)] => (m, Some(y)),
        _ => {
            return Err(DateError::Unrecognized {
                text: trimmed.to_owned(),
            })
        }
    };
    let (month_text, era) = split_era_suffix(month_text);
    let month = month_from_compact(month_text).ok_or_else(|| DateError::UnknownMonth {
        text: trimmed.to_owned(),
    })?;
    let year = match year_digits {
        None => None,
        Some(digits) => Some(year_from_digits(digits, era).ok_or_else(|| DateError::BadYear {
            text: trimmed.to_owned(),
        })?),
    };
    Ok((month, year))
}

/// A run of Arabic digits, or the text between runs with dots and spaces removed.
#[derive(Debug, PartialEq)]
enum Token {
    Number(String),
    Text(String),
}

/// Splits text (already in Arabic digits) into digit runs and compacted text between them.
///
/// Text made only of spaces and dots disappears, so "30 มิ.ย.2565" gives 30, มิย, 2565.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        let is_digit = first.is_ascii_digit();
        let end = rest
            .find(|c: char| c.is_ascii_digit() != is_digit)
            .unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        if is_digit {
            tokens.push(Token::Number(run.to_owned()));
        } else {
            let text = compact(run);
            if !text.is_empty() {
                tokens.push(Token::Text(text));
            }
        }
        rest = tail;
    }
    tokens
}

/// Removes whitespace and dots, the parts of a month name that OCR and typists vary.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '\u{200B}')
        .collect()
}

/// The month number of a compacted Thai month name (no dots, no spaces).
fn month_from_compact(text: &str) -> Option<u32> {
    let text = text.strip_prefix("เดือน").unwrap_or(text);
    let text = if text == "กรกฏาคม" {
        "กรกฎาคม"
    } else {
        text
    };
    let index = MONTHS_TH.iter().position(|name| *name == text).or_else(|| {
        MONTHS_TH_ABBR
            .iter()
            .position(|abbr| abbr.chars().filter(|c| *c != '.').eq(text.chars()))
    })?;
    u32::try_from(index + 1).ok()
}

/// Splits `text` on `separator` into exactly three non-empty runs of Arabic digits.
fn numeric_parts(text: &str, separator: char) -> Option<[&str; 3]> {
    let is_number = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = text.split(separator).map(str::trim).collect();
    match parts.as_slice() {
        [a, b, c] if is_number(a) && is_number(b) && is_number(c) => Some([a, b, c]),
        _ => None,
    }
}

/// The value of one or two Arabic digits (a day or month number).
///
/// Callers pass only what [`numeric_parts`] or [`tokenize`] produced, which cannot fail to
/// parse at this length; anything else yields 0, which no calendar day or month accepts.
fn small_number(digits: &str) -> u32 {
    digits.parse().unwrap_or(0)
}

/// Builds a date that the caller has already checked exists.
///
/// Callers pass months 1–12, day 1 and years within `YearMonth`'s 0–10000, all of which chrono
/// represents; this is an internal invariant, not a check of outside input.
pub(crate) fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day)
        .unwrap_or_else(|| unreachable!("{year:04}-{month:02}-{day:02} is a valid date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        ymd(y, m, d)
    }

    fn month(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).expect("a valid test month")
    }

    #[test]
    fn month_names_are_numbered_from_january() {
        assert_eq!(month_name_th(4), Some("เมษายน"));
        assert_eq!(month_abbr_th(12), Some("ธ.ค."));
        assert_eq!(month_name_th(0), None);
        assert_eq!(month_abbr_th(13), None);
    }

    #[test]
    fn every_month_name_reads_back_to_its_number() {
        for m in 1..=12 {
            assert_eq!(parse_thai_month(MONTHS_TH[m as usize - 1]), Ok(m));
            assert_eq!(parse_thai_month(MONTHS_TH_ABBR[m as usize - 1]), Ok(m));
        }
    }

    #[test]
    fn month_names_tolerate_missing_dots_a_month_prefix_and_a_common_misspelling() {
        assert_eq!(parse_thai_month("มิ.ย"), Ok(6));
        assert_eq!(parse_thai_month("มิย"), Ok(6));
        assert_eq!(parse_thai_month("เดือนกุมภาพันธ์"), Ok(2));
        assert_eq!(parse_thai_month("กรกฏาคม"), Ok(7));
        assert!(matches!(parse_thai_month("Apr"), Err(DateError::UnknownMonth { .. })));
    }

    #[test]
    fn dates_display_with_an_abbreviated_month_and_a_buddhist_year() {
        assert_eq!(format_thai_date(date(2023, 4, 5)), "5 เม.ย. 2566");
        assert_eq!(format_thai_date_long(date(2023, 4, 5)), "5 เมษายน 2566");
    }

    #[test]
    fn document_dates_parse_in_all_their_forms() {
        let fifth_of_april = Ok(date(2023, 4, 5));
        for text in [
            "5 เม.ย. 2566",
            "๕ เมษายน ๒๕๖๖",
            "5 เม.ย. 66",
            "5เม.ย.66",
            "2566-04-05",
            "2023-04-05",
            "๒๕๖๖-๐๔-๐๕",
            "5/4/2566",
            "05/04/66",
            "วันที่ 5 เมษายน พ.ศ. 2566",
        ] {
            assert_eq!(parse_thai_date(text), fifth_of_april, "{text:?}");
        }
    }

    #[test]
    fn seed_dates_parse_to_their_ce_days() {
        assert_eq!(parse_thai_date("๒๔ มีนาคม พ.ศ. ๒๕๖๖"), Ok(date(2023, 3, 24)));
        assert_eq!(parse_thai_date("30 มิ.ย.2565"), Ok(date(2022, 6, 30)));
        assert_eq!(parse_thai_date("1 ตุลาคม 2564"), Ok(date(2021, 10, 1)));
        assert_eq!(parse_thai_date("30 กันยายน 2565"), Ok(date(2022, 9, 30)));
    }

    #[test]
    fn impossible_dates_are_rejected_with_the_text() {
        assert_eq!(
            parse_thai_date("31 ก.พ. 2566"),
            Err(DateError::InvalidDate {
                text: "31 ก.พ. 2566".to_owned()
            })
        );
        assert!(matches!(
            parse_thai_date("2566-13-01"),
            Err(DateError::InvalidDate { .. })
        ));
    }

    #[test]
    fn malformed_dates_give_typed_errors() {
        assert_eq!(parse_thai_date("  "), Err(DateError::Empty));
        assert!(matches!(
            parse_thai_date("5 Foo 2566"),
            Err(DateError::UnknownMonth { .. })
        ));
        assert!(matches!(parse_thai_date("5 เม.ย. 566"), Err(DateError::BadYear { .. })));
        for text in ["เม.ย. 2566", "5 เม.ย.", "yesterday", "2566-4", "123 เม.ย. 2566"] {
            assert!(
                matches!(parse_thai_date(text), Err(DateError::Unrecognized { .. })),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_month_range_from_the_lamphun_report_reads_as_december_to_september() {
        let range = parse_month_range("ธ.ค.๖๕-ก.ย. ๖๖");
        assert_eq!(
            range.map(|r| (r.start(), r.end())),
            Ok((month(2022, 12), month(2023, 9)))
        );
    }

    #[test]
    fn a_month_range_with_an_en_dash_and_spaces_spans_the_fiscal_year() {
        let range = parse_month_range("ต.ค. 65 – ก.ย. 66").map(MonthRange::days);
        assert_eq!(range, Ok(date(2022, 10, 1)..=date(2023, 9, 30)));
    }

    #[test]
    fn a_range_whose_first_month_has_no_year_takes_it_from_the_last() {
        let cases = [
            ("มี.ค.-ก.ย. ๖๖", (2023, 3), (2023, 9)),
            ("ม.ค. - ก.ค. ๖๖", (2023, 1), (2023, 7)),
            ("มิ.ย. - ก.ค. 2565", (2022, 6), (2022, 7)),
            ("กุมภาพันธ์ – ตุลาคม ๒๕๖๗", (2024, 2), (2024, 10)),
            ("ต.ค. - ก.ย. 66", (2022, 10), (2023, 9)),
            ("เดือนมกราคม - กุมภาพันธ์ ๒๕๖๗", (2024, 1), (2024, 2)),
        ];
        for (text, (sy, sm), (ey, em)) in cases {
            let range = parse_month_range(text).map(|r| (r.start(), r.end()));
            assert_eq!(range, Ok((month(sy, sm), month(ey, em))), "{text:?}");
        }
    }

    #[test]
    fn full_month_ranges_from_the_phatthalung_plan_parse() {
        let range = parse_month_range("ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗").map(MonthRange::days);
        assert_eq!(range, Ok(date(2023, 10, 1)..=date(2024, 9, 30)));
        let single = parse_month_range("พฤษภาคม ๒๕๖๗").map(|r| (r.start(), r.end()));
        assert_eq!(single, Ok((month(2024, 5), month(2024, 5))));
    }

    #[test]
    fn month_ranges_without_an_end_year_or_running_backwards_are_rejected() {
        assert!(matches!(
            parse_month_range("ตุลาคม - กรกฎาคม"),
            Err(DateError::MissingYear { .. })
        ));
        assert!(matches!(
            parse_month_range("ก.ย. 66 - ต.ค. 65"),
            Err(DateError::ReversedRange { .. })
        ));
        assert!(matches!(
            parse_month_range("ม.ค. - ก.พ. - มี.ค. 66"),
            Err(DateError::Unrecognized { .. })
        ));
        assert!(matches!(
            parse_month_range("foo - ก.ย. 66"),
            Err(DateError::UnknownMonth { .. })
        ));
        assert_eq!(parse_month_range(""), Err(DateError::Empty));
    }

    #[test]
    fn the_last_day_of_a_month_knows_leap_years() {
        assert_eq!(month(2024, 2).last_day(), date(2024, 2, 29));
        assert_eq!(month(2023, 2).last_day(), date(2023, 2, 28));
        assert_eq!(month(2023, 12).last_day(), date(2023, 12, 31));
    }

    #[test]
    fn a_year_month_displays_and_parses_as_iso() {
        assert_eq!(month(2022, 12).to_string(), "2022-12");
        assert_eq!("2022-12".parse(), Ok(month(2022, 12)));
        assert_eq!("2565-12".parse(), Ok(month(2022, 12)));
        assert_eq!("ธันวาคม ๒๕๖๕".parse(), Ok(month(2022, 12)));
        assert!("2022-13".parse::<YearMonth>().is_err());
    }

    #[test]
    fn the_wire_form_of_a_year_month_is_always_ce() {
        assert_eq!(YearMonth::try_from("2565-12".to_owned()), Ok(month(2565, 12)));
        assert!(YearMonth::try_from("ธันวาคม 2565".to_owned()).is_err());
        assert_eq!(String::from(month(2022, 12)), "2022-12");
    }

    #[test]
    fn a_month_range_deserializes_only_in_order() {
        use serde::de::value::{Error, MapDeserializer};

        let from = |start: &str, end: &str| {
            let fields = [("start", start.to_owned()), ("end", end.to_owned())];
            MonthRange::deserialize(MapDeserializer::<_, Error>::new(fields.into_iter()))
        };
        assert_eq!(
            from("2022-12", "2023-09"),
            Ok(MonthRange::new(month(2022, 12), month(2023, 9)).expect("in order"))
        );
        assert!(from("2023-09", "2022-12").is_err());
    }

    #[test]
    fn errors_name_the_text_in_thai_and_english() {
        let error = DateError::UnknownMonth { text: "Foo".to_owned() };
        assert!(error.message_en().contains("\"Foo\""));
        assert!(error.message_th().contains("\"Foo\""));
        assert!(error.message_th().contains("ชื่อเดือน"));
        let out_of_range = DateError::DateOutOfRange { date: date(1800, 1, 1) };
        assert!(out_of_range.message_th().contains("1 ม.ค. 2343"));
    }
}
