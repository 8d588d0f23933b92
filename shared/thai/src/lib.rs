//! Thai-specific rules every Sujarit service needs: the fiscal calendar, Buddhist Era years,
//! Thai digits, Thai dates and money.
//!
//! The seed documents are Thai government plans and reports: they count years in the Buddhist
//! Era (often two digits), mix Thai and Arabic digits, write amounts like "๑๕,๐๐๐.-" and
//! month ranges like "ธ.ค.๖๕-ก.ย. ๖๖", and report by a fiscal year that starts in October.
//! These rules are easy to get wrong by hand, so they live here once, as pure functions and
//! small types with no I/O. Values inside the system are CE dates and integer satang; BE years
//! and Thai forms appear only when parsing input and formatting output. Every parser returns a
//! typed error ([`DateError`], [`MoneyError`]) with a Thai and an English message naming the
//! offending text, and never panics on input.

pub mod agency;
mod date;
mod digits;
mod fiscal;
mod money;
mod year;

pub use date::{
    format_thai_date, format_thai_date_long, month_abbr_th, month_name_th, parse_month_range, parse_month_year,
    parse_thai_date, parse_thai_month, DateError, MonthRange, YearMonth, MONTHS_TH, MONTHS_TH_ABBR,
};
pub use digits::{to_arabic_digits, to_thai_digits};
pub use fiscal::{FiscalYear, Period, Quarter};
pub use money::{parse_money, Budget, MoneyError, Satang};
pub use year::{be_to_ce, ce_to_be, parse_year, year_to_ce, BE_OFFSET, FIRST_BE_YEAR};
