//! Writes .xlsx spreadsheets (Office Open XML) for Sujarit's report exports.
//!
//! A provincial secretariat opens these files in Excel, LibreOffice or Google Sheets, so the
//! output sticks to the small, long-supported core of SpreadsheetML: one shared-string table,
//! five cell styles (plain, bold, money `#,##0.00`, percent `0.00%`, date `yyyy-mm-dd`), column
//! widths, frozen header rows that also repeat on every printed page, and nothing else.
//!
//! The crate writes the package itself instead of wrapping a spreadsheet library: the parts
//! are a few kilobytes of fixed XML, the zip container holds them uncompressed ("stored"), and
//! `rust_xlsxwriter` would have added about a minute to a cold build on our two-core machines.
//! Callers see only [`Workbook`], [`Sheet`], [`Cell`] and [`XlsxError`].
//!
//! Money is integer satang and percentages are integer basis points, as everywhere in
//! Sujarit; they become exact decimal number texts (`1234567` satang → `12345.67`) and are
//! never routed through floating point here. The output is a pure function of the input: no
//! timestamps, no random ids, so the same workbook always gives the same bytes.

mod cell;
mod error;
mod parts;
mod workbook;
mod xml;
mod zip;

pub use cell::Cell;
/// The date type of [`Cell::Date`], re-exported so callers need not name chrono themselves.
pub use chrono::NaiveDate;
pub use error::{SheetNameProblem, XlsxError};
pub use workbook::{Sheet, Workbook, MAX_COLUMNS, MAX_ROWS};
