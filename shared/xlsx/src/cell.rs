//! The values a report cell can hold, and their exact number texts.
//!
//! Money and percentages arrive as integers (satang, basis points) and are written as decimal
//! texts built from integer division, so `1234567` satang is exactly `12345.67` in the file; the
//! spreadsheet's number format then shows `12,345.67`. A spreadsheet keeps 15 significant digits,
//! so larger integers are refused rather than silently rounded.

use chrono::{Datelike, NaiveDate};

/// One cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Plain text, any Unicode (Thai included).
    Text(String),
    /// A whole number, shown without separators.
    Int(i64),
    /// An amount of money in satang, stored as baht and shown as `1,234.56`.
    Money {
        /// The amount in satang (1 baht = 100 satang).
        satang: i64,
    },
    /// A percentage in basis points, stored as a fraction and shown as `12.34%`.
    Percent {
        /// The percentage in basis points (1% = 100).
        basis_points: i64,
    },
    /// A calendar date, stored as a spreadsheet date and shown as `2025-10-01`.
    Date(NaiveDate),
    /// Bold text, for headers and total labels.
    Bold(String),
    /// No value; the column is skipped.
    Empty,
}

impl Cell {
    /// A plain text cell.
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text(text.into())
    }

    /// A bold text cell.
    pub fn bold(text: impl Into<String>) -> Self {
        Cell::Bold(text.into())
    }

    /// A money cell from satang.
    pub fn money(satang: i64) -> Self {
        Cell::Money { satang }
    }

    /// A percentage cell from basis points.
    pub fn percent(basis_points: i64) -> Self {
        Cell::Percent { basis_points }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Self {
        Cell::Int(value)
    }
}

impl From<NaiveDate> for Cell {
    fn from(date: NaiveDate) -> Self {
        Cell::Date(date)
    }
}

/// The largest magnitude whose digits a spreadsheet keeps exactly (15 significant digits).
const MAX_EXACT: u64 = 999_999_999_999_999;

/// The decimal text of `value / 10^decimals`, or `None` when it has more than 15 digits.
///
/// Integer arithmetic only: `fixed_point(-1234567, 2)` is `"-12345.67"`, `fixed_point(5, 4)`
/// is `"0.0005"`, and zero has no sign.
pub(crate) fn fixed_point(value: i64, decimals: u32) -> Option<String> {
    let magnitude = value.unsigned_abs();
    if magnitude > MAX_EXACT {
        return None;
    }
    let sign = if value < 0 { "-" } else { "" };
    if decimals == 0 {
        return Some(format!("{sign}{magnitude}"));
    }
    let divisor = 10u64.pow(decimals);
    let width = decimals as usize;
    Some(format!("{sign}{}.{:0width$}", magnitude / divisor, magnitude % divisor))
}

/// Days from 0001-01-01 to 1899-12-30, the day before Excel's serial day 1 in the 1900 system
/// once its fictitious 1900-02-29 is accounted for.
const EXCEL_EPOCH_DAYS_FROM_CE: i32 = 693_594;
/// Serial number of 1900-03-01, the first date every spreadsheet program agrees on.
const FIRST_SERIAL: i32 = 61;
/// Serial number of 9999-12-31, the last date Excel stores.
const LAST_SERIAL: i32 = 2_958_465;

/// The spreadsheet serial number of a date, or `None` outside 1900-03-01..=9999-12-31.
pub(crate) fn date_serial(date: NaiveDate) -> Option<i32> {
    let serial = date.num_days_from_ce() - EXCEL_EPOCH_DAYS_FROM_CE;
    (FIRST_SERIAL..=LAST_SERIAL).contains(&serial).then_some(serial)
}
