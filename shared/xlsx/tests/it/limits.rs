//! Content beyond what a spreadsheet can hold exactly is refused before any byte is written,
//! with an error naming the sheet and the cell.

use sujarit_xlsx::{Cell, NaiveDate, Workbook, XlsxError, MAX_COLUMNS, MAX_ROWS};

/// The error from writing a workbook whose sheet "ข้อมูล" holds `rows`.
fn error_for(rows: Vec<Vec<Cell>>) -> XlsxError {
    let mut workbook = Workbook::new();
    workbook
        .add_sheet("ปกติ")
        .expect("valid name")
        .push_row(vec![Cell::text("ก")]);
    let sheet = workbook.add_sheet("ข้อมูล").expect("valid name");
    for row in rows {
        sheet.push_row(row);
    }
    workbook.to_bytes().expect_err("refused")
}

#[test]
fn numbers_beyond_fifteen_digits_are_refused_naming_the_cell() {
    for cell in [
        Cell::money(1_000_000_000_000_000),
        Cell::money(i64::MIN),
        Cell::percent(-1_000_000_000_000_000),
        Cell::Int(i64::MAX),
    ] {
        let value = match &cell {
            Cell::Money { satang } => *satang,
            Cell::Percent { basis_points } => *basis_points,
            Cell::Int(value) => *value,
            _ => unreachable!("only numbers here"),
        };
        match error_for(vec![vec![Cell::Empty, Cell::Int(1)], vec![Cell::Int(2), cell]]) {
            XlsxError::NumberTooLarge {
                sheet,
                cell,
                value: refused,
            } => {
                assert_eq!((sheet.as_str(), cell.as_str(), refused), ("ข้อมูล", "B2", value));
            }
            other => panic!("expected NumberTooLarge, got {other:?}"),
        }
    }
}

#[test]
fn dates_spreadsheets_cannot_store_are_refused() {
    for (year, month, day) in [(1900, 2, 28), (1899, 12, 31), (10_000, 1, 1)] {
        let date = NaiveDate::from_ymd_opt(year, month, day).expect("a real date");
        match error_for(vec![vec![Cell::Date(date)]]) {
            XlsxError::DateOutOfRange {
                sheet,
                cell,
                date: refused,
            } => {
                assert_eq!((sheet.as_str(), cell.as_str(), refused), ("ข้อมูล", "A1", date));
            }
            other => panic!("expected DateOutOfRange, got {other:?}"),
        }
    }
}

#[test]
fn a_text_longer_than_a_cell_holds_is_refused_but_the_limit_itself_is_accepted() {
    match error_for(vec![vec![Cell::text("ก".repeat(32_768))]]) {
        XlsxError::TextTooLong { sheet, cell, chars } => {
            assert_eq!((sheet.as_str(), cell.as_str(), chars), ("ข้อมูล", "A1", 32_768));
        }
        other => panic!("expected TextTooLong, got {other:?}"),
    }
    let mut workbook = Workbook::new();
    // Dropped control characters do not count.
    let text = format!("{}\u{1}", "ก".repeat(32_767));
    workbook
        .add_sheet("ok")
        .expect("valid name")
        .push_row(vec![Cell::bold(text)]);
    assert!(workbook.to_bytes().is_ok());
}

#[test]
fn a_row_wider_than_the_sheet_is_refused() {
    match error_for(vec![vec![], vec![], vec![Cell::Empty; MAX_COLUMNS + 1]]) {
        XlsxError::TooManyColumns { sheet, row, columns } => {
            assert_eq!((sheet.as_str(), row, columns), ("ข้อมูล", 3, MAX_COLUMNS + 1));
        }
        other => panic!("expected TooManyColumns, got {other:?}"),
    }
}

#[test]
fn more_rows_than_a_sheet_holds_are_refused() {
    match error_for(vec![Vec::new(); MAX_ROWS + 1]) {
        XlsxError::TooManyRows { sheet, rows } => assert_eq!((sheet.as_str(), rows), ("ข้อมูล", MAX_ROWS + 1)),
        other => panic!("expected TooManyRows, got {other:?}"),
    }
}

#[test]
fn widths_beyond_the_last_column_and_impossible_header_rows_are_refused() {
    let mut workbook = Workbook::new();
    workbook
        .add_sheet("กว้าง")
        .expect("valid name")
        .set_column_width(16_383, 10)
        .set_column_width(16_384, 10);
    match workbook.to_bytes() {
        Err(XlsxError::ColumnOutOfRange { sheet, column }) => assert_eq!((sheet.as_str(), column), ("กว้าง", 16_384)),
        other => panic!("expected ColumnOutOfRange, got {other:?}"),
    }

    let mut workbook = Workbook::new();
    workbook
        .add_sheet("หัว")
        .expect("valid name")
        .freeze_header_rows(u32::MAX);
    match workbook.to_bytes() {
        Err(XlsxError::TooManyHeaderRows { sheet, rows }) => assert_eq!((sheet.as_str(), rows), ("หัว", u32::MAX)),
        other => panic!("expected TooManyHeaderRows, got {other:?}"),
    }
}
