//! What can stop a workbook from being written: a sheet name Excel would refuse, content beyond
//! Excel's limits, or the file system.
//!
//! Sheet names are checked when a sheet is added; everything else is checked by
//! [`Workbook::to_bytes`](crate::Workbook::to_bytes) before any byte is produced, and each
//! error names the sheet and the cell (`"B7"`) it is about.

use std::path::PathBuf;

use chrono::NaiveDate;

/// Why a workbook could not be built or saved.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// A sheet name Excel would refuse.
    #[error("sheet name {name:?} is not allowed: {problem}")]
    SheetName {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        problem: SheetNameProblem,
    },
    /// The workbook has no sheet; a spreadsheet needs at least one.
    #[error("the workbook has no sheet; add one before writing it")]
    NoSheets,
    /// A sheet has more rows than Excel can show.
    #[error("sheet {sheet:?} has {rows} rows; a spreadsheet holds at most {max}", max = crate::MAX_ROWS)]
    TooManyRows {
        /// The sheet's name.
        sheet: String,
        /// How many rows it has.
        rows: usize,
    },
    /// A row has more cells than Excel has columns.
    #[error(
        "row {row} of sheet {sheet:?} has {columns} cells; a spreadsheet has at most {max} columns",
        max = crate::MAX_COLUMNS
    )]
    TooManyColumns {
        /// The sheet's name.
        sheet: String,
        /// The row, counted from 1 as a spreadsheet shows it.
        row: usize,
        /// How many cells it has.
        columns: usize,
    },
    /// A column width was set for a column beyond the last one Excel has.
    #[error(
        "sheet {sheet:?} sets the width of column index {column}; the last column index is {last}",
        last = crate::MAX_COLUMNS - 1
    )]
    ColumnOutOfRange {
        /// The sheet's name.
        sheet: String,
        /// The column index given (0 = column A).
        column: u16,
    },
    /// More header rows were frozen than a sheet can have.
    #[error(
        "sheet {sheet:?} freezes {rows} header rows; a spreadsheet holds at most {max} rows",
        max = crate::MAX_ROWS
    )]
    TooManyHeaderRows {
        /// The sheet's name.
        sheet: String,
        /// The number of rows asked for.
        rows: u32,
    },
    /// A number has more than the 15 significant digits a spreadsheet keeps exactly.
    #[error(
        "cell {cell} of sheet {sheet:?} holds {value}, which has more than 15 digits and would not be kept exactly"
    )]
    NumberTooLarge {
        /// The sheet's name.
        sheet: String,
        /// The cell reference, such as `"B7"`.
        cell: String,
        /// The integer as given (satang for money, basis points for percentages).
        value: i64,
    },
    /// A date outside the range spreadsheets store as numbers (1900-03-01 to 9999-12-31).
    #[error("cell {cell} of sheet {sheet:?} holds the date {date}, outside 1900-03-01..=9999-12-31")]
    DateOutOfRange {
        /// The sheet's name.
        sheet: String,
        /// The cell reference, such as `"B7"`.
        cell: String,
        /// The date as given.
        date: NaiveDate,
    },
    /// A text longer than the 32,767 characters a cell can hold.
    #[error("cell {cell} of sheet {sheet:?} holds {chars} characters; a cell holds at most 32767")]
    TextTooLong {
        /// The sheet's name.
        sheet: String,
        /// The cell reference, such as `"B7"`.
        cell: String,
        /// The length, in UTF-16 code units as Excel counts them.
        chars: usize,
    },
    /// The package would need the zip64 format (over 4 GiB or 65,535 parts), which we do not write.
    #[error("the workbook is too large for a zip file without zip64 extensions")]
    TooLarge,
    /// The file could not be written.
    #[error("could not write {path}: {source}")]
    Io {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// What is wrong with a sheet name, following Excel's own rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetNameProblem {
    /// The name is empty.
    #[error("it is empty")]
    Empty,
    /// The name is longer than 31 characters.
    #[error("it has {chars} characters; at most 31 are allowed")]
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// The name contains a character Excel forbids in sheet names.
    #[error("it contains {found:?}; none of [ ] : * ? / \\ or control characters are allowed")]
    ForbiddenCharacter {
        /// The first forbidden character found.
        found: char,
    },
    /// The name begins or ends with an apostrophe.
    #[error("it begins or ends with an apostrophe")]
    EdgeApostrophe,
    /// The name is `History`, which Excel reserves.
    #[error("Excel reserves the name \"History\"")]
    Reserved,
    /// Another sheet already has this name (compared without regard to case, as Excel does).
    #[error("another sheet is already named {existing:?}")]
    Duplicate {
        /// The existing sheet's name.
        existing: String,
    },
}
