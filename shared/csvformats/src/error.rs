//! What can be wrong with an imported CSV file, said in Thai and in English.
//!
//! An officer who imports a spreadsheet needs every problem at once, each one pointing at a
//! line, a column and the text that could not be read, so that the file can be fixed in one
//! pass. The parsers therefore collect every [`CsvError`] into [`CsvErrors`] and import nothing
//! when there is any. Line 1 is the header; line 0 stands for the file as a whole.

use std::fmt;

use sujarit_thai::MoneyError;

/// One problem in an imported file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message_en())]
pub struct CsvError {
    /// The line in the file where the row starts (1 = header, 0 = the file as a whole).
    pub line: u64,
    /// The column the problem is in, by its header name, if it is in one column.
    pub column: Option<String>,
    /// What is wrong.
    pub kind: CsvErrorKind,
}

/// What is wrong in a [`CsvError`]; every variant that reads a cell names the offending text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvErrorKind {
    /// The file could not be read at all.
    Io {
        /// The reader's own message.
        message: String,
    },
    /// The file has no header line.
    Empty,
    /// A cell is not UTF-8 text (shown here with the bad bytes replaced).
    NotUtf8 {
        /// The cell, with invalid bytes replaced by U+FFFD.
        text: String,
    },
    /// Columns the format requires are missing from the header.
    MissingColumns {
        /// The missing column names.
        columns: Vec<String>,
    },
    /// The header has columns the format does not know.
    UnknownColumns {
        /// The unknown column names, as written.
        columns: Vec<String>,
    },
    /// A column appears twice in the header.
    DuplicateColumn {
        /// The repeated column name.
        column: String,
    },
    /// A `budget_<year>` column whose year is not a four-digit Buddhist Era year.
    BadYearColumn {
        /// The column name, as written.
        column: String,
    },
    /// A row has a different number of cells from the header.
    WrongCellCount {
        /// Cells in the row.
        found: usize,
        /// Cells in the header.
        expected: usize,
    },
    /// A required cell is empty.
    Required,
    /// A money cell that is not an amount, "none", "-" or empty.
    Money(MoneyError),
    /// A quarter cell that is neither a tick (`1`, `✓`, `x`) nor blank (empty, `0`, `-`).
    BadQuarter {
        /// The offending text.
        text: String,
    },
    /// An item kind that is not project, activity or measure.
    BadKind {
        /// The offending text.
        text: String,
    },
    /// A status that is not one of the four statuses.
    BadStatus {
        /// The offending text.
        text: String,
    },
    /// An item count that is not a whole number.
    BadCount {
        /// The offending text.
        text: String,
    },
    /// A code already used by an earlier row.
    DuplicateCode {
        /// The repeated code.
        code: String,
        /// The line of the row that used it first.
        first_line: u64,
    },
    /// A parent code that no row of the file has.
    UnknownParent {
        /// The parent code, as written.
        parent: String,
    },
    /// Items that are each other's parents, directly or through others.
    ParentCycle {
        /// The codes around the cycle, starting at this row.
        codes: Vec<String>,
    },
    /// A sub-item whose dimension or sub-dimension differs from its parent's.
    NotInParentDimension {
        /// The parent code.
        parent: String,
        /// The parent's value of this column (empty if none).
        expected: String,
    },
    /// The amounts of a column add up to more than can be held.
    TotalTooLarge,
    /// A row whose per-year budget columns differ from the first row's.
    YearsDiffer {
        /// The years of the first row.
        expected: Vec<i32>,
        /// The years of this row.
        found: Vec<i32>,
    },
    /// A summary row that names a sub-dimension without its dimension.
    SubDimensionWithoutDimension,
}

impl CsvError {
    /// An error at a line, in a column.
    pub(crate) fn at(line: u64, column: &str, kind: CsvErrorKind) -> Self {
        Self {
            line,
            column: Some(column.to_owned()),
            kind,
        }
    }

    /// An error about a whole line (or, at line 0, the whole file).
    pub(crate) fn line(line: u64, kind: CsvErrorKind) -> Self {
        Self {
            line,
            column: None,
            kind,
        }
    }

    /// The message in English: "line 7, column budget: \"12,5x\" is not an amount of money …".
    pub fn message_en(&self) -> String {
        let place = match (self.line, &self.column) {
            (0, _) => "the file".to_owned(),
            (line, None) => format!("line {line}"),
            (line, Some(column)) => format!("line {line}, column {column}"),
        };
        format!("{place}: {}", self.kind.detail_en())
    }

    /// The message in Thai: "บรรทัด 7 คอลัมน์ budget: \"12,5x\" ไม่ใช่จำนวนเงิน …".
    pub fn message_th(&self) -> String {
        let place = match (self.line, &self.column) {
            (0, _) => "ไฟล์".to_owned(),
            (line, None) => format!("บรรทัด {line}"),
            (line, Some(column)) => format!("บรรทัด {line} คอลัมน์ {column}"),
        };
        format!("{place}: {}", self.kind.detail_th())
    }
}

/// Joins names for a message: "a, b, c".
fn list(names: &[String]) -> String {
    names.join(", ")
}

/// Joins years for a message: "2566, 2567" or "none".
fn years(years: &[i32], none: &str) -> String {
    if years.is_empty() {
        return none.to_owned();
    }
    years.iter().map(i32::to_string).collect::<Vec<_>>().join(", ")
}

impl CsvErrorKind {
    /// What is wrong, in English, without the place.
    pub fn detail_en(&self) -> String {
        match self {
            Self::Io { message } => format!("could not be read: {message}"),
            Self::Empty => "the file is empty: it needs a header line".to_owned(),
            Self::NotUtf8 { text } => format!("\"{text}\" is not UTF-8 text: save the file as CSV UTF-8"),
            Self::MissingColumns { columns } => format!("the header lacks the columns {}", list(columns)),
            Self::UnknownColumns { columns } => format!(
                "the header has unknown columns {}: remove them or name per-year budgets budget_<BE year>",
                list(columns)
            ),
            Self::DuplicateColumn { column } => format!("the header has the column {column} twice"),
            Self::BadYearColumn { column } => {
                format!("\"{column}\" does not name a Buddhist Era year: write e.g. budget_2567")
            }
            Self::WrongCellCount { found, expected } => {
                format!("the row has {found} cells but the header has {expected}")
            }
            Self::Required => "the cell is empty but is required".to_owned(),
            Self::Money(error) => error.message_en(),
            Self::BadQuarter { text } => {
                format!("\"{text}\" is not a quarter mark: write 1, ✓ or x when carried out, else leave it empty")
            }
            Self::BadKind { text } => {
                format!(
                    "\"{text}\" is not a kind of item: write project, activity or measure (โครงการ, กิจกรรม, มาตรการ)"
                )
            }
            Self::BadStatus { text } => {
                format!("\"{text}\" is not a status: write awaiting_report, in_progress, completed or not_carried_out")
            }
            Self::BadCount { text } => format!("\"{text}\" is not a number of items: write e.g. 30, or - for none"),
            Self::DuplicateCode { code, first_line } => {
                format!("the code \"{code}\" is already used on line {first_line}")
            }
            Self::UnknownParent { parent } => format!("the parent \"{parent}\" is not the code of any row"),
            Self::ParentCycle { codes } => {
                format!("the items {} are each other's parents", codes.join(" → "))
            }
            Self::NotInParentDimension { parent, expected } => {
                format!("a sub-item must have the same value as its parent \"{parent}\", which has \"{expected}\"")
            }
            Self::TotalTooLarge => "the amounts of this column add up to more than can be held".to_owned(),
            Self::YearsDiffer { expected, found } => format!(
                "the row has budgets for the years {} but the first row for {}",
                years(found, "none"),
                years(expected, "none")
            ),
            Self::SubDimensionWithoutDimension => "a sub-dimension is given without its dimension".to_owned(),
        }
    }

    /// What is wrong, in Thai, without the place.
    pub fn detail_th(&self) -> String {
        match self {
            Self::Io { message } => format!("อ่านไม่ได้: {message}"),
            Self::Empty => "ไฟล์ว่าง: ต้องมีบรรทัดหัวตาราง".to_owned(),
            Self::NotUtf8 { text } => {
                format!("\"{text}\" ไม่ใช่ข้อความ UTF-8: ให้บันทึกไฟล์เป็น CSV UTF-8")
            }
            Self::MissingColumns { columns } => format!("หัวตารางขาดคอลัมน์ {}", list(columns)),
            Self::UnknownColumns { columns } => format!(
                "หัวตารางมีคอลัมน์ที่ไม่รู้จัก {}: ให้ลบออก หรือตั้งชื่องบประมาณรายปีเป็น budget_<ปี พ.ศ.>",
                list(columns)
            ),
            Self::DuplicateColumn { column } => format!("หัวตารางมีคอลัมน์ {column} ซ้ำ"),
            Self::BadYearColumn { column } => {
                format!("\"{column}\" ไม่ได้ระบุปี พ.ศ.: ให้เขียน เช่น budget_2567")
            }
            Self::WrongCellCount { found, expected } => {
                format!("แถวนี้มี {found} ช่อง แต่หัวตารางมี {expected} ช่อง")
            }
            Self::Required => "ช่องนี้ว่าง แต่ต้องกรอก".to_owned(),
            Self::Money(error) => error.message_th(),
            Self::BadQuarter { text } => {
                format!("\"{text}\" ไม่ใช่เครื่องหมายไตรมาส: ให้ใส่ 1, ✓ หรือ x เมื่อดำเนินการ ถ้าไม่ได้ดำเนินการให้เว้นว่าง")
            }
            Self::BadKind { text } => {
                format!("\"{text}\" ไม่ใช่ประเภทรายการ: ให้ใส่ โครงการ, กิจกรรม หรือ มาตรการ (project, activity, measure)")
            }
            Self::BadStatus { text } => {
                format!("\"{text}\" ไม่ใช่สถานะ: ให้ใส่ รอรายงาน, อยู่ระหว่างดำเนินการ, ดำเนินการแล้ว หรือ ไม่สามารถดำเนินการได้")
            }
            Self::BadCount { text } => {
                format!("\"{text}\" ไม่ใช่จำนวนรายการ: ให้ใส่ เช่น 30 หรือ - ถ้าไม่มี")
            }
            Self::DuplicateCode { code, first_line } => {
                format!("รหัส \"{code}\" ซ้ำกับบรรทัด {first_line}")
            }
            Self::UnknownParent { parent } => format!("ไม่มีแถวใดมีรหัส \"{parent}\" ที่ระบุเป็นรายการแม่"),
            Self::ParentCycle { codes } => {
                format!("รายการ {} เป็นรายการแม่ของกันและกัน", codes.join(" → "))
            }
            Self::NotInParentDimension { parent, expected } => {
                format!("รายการย่อยต้องมีค่าเดียวกับรายการแม่ \"{parent}\" ซึ่งเป็น \"{expected}\"")
            }
            Self::TotalTooLarge => "จำนวนเงินในคอลัมน์นี้รวมกันมากเกินกว่าจะเก็บได้".to_owned(),
            Self::YearsDiffer { expected, found } => format!(
                "แถวนี้มีงบประมาณของปี {} แต่แถวแรกมีของปี {}",
                years(found, "ไม่มี"),
                years(expected, "ไม่มี")
            ),
            Self::SubDimensionWithoutDimension => "ระบุมิติย่อยโดยไม่ได้ระบุมิติ".to_owned(),
        }
    }
}

/// Every problem found in one file; a file with any is imported not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvErrors(pub Vec<CsvError>);

impl CsvErrors {
    /// The problems, in line order.
    pub fn iter(&self) -> std::slice::Iter<'_, CsvError> {
        self.0.iter()
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (never true for an error a parser returns).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// All messages in English, one per line.
    pub fn message_en(&self) -> String {
        self.0.iter().map(CsvError::message_en).collect::<Vec<_>>().join("\n")
    }

    /// All messages in Thai, one per line.
    pub fn message_th(&self) -> String {
        self.0.iter().map(CsvError::message_th).collect::<Vec<_>>().join("\n")
    }

    /// Sorts by line (stable, so problems of one line keep their column order) and wraps them.
    pub(crate) fn sorted(mut errors: Vec<CsvError>) -> Self {
        errors.sort_by_key(|error| error.line);
        Self(errors)
    }
}

/// The English messages, one per line.
impl fmt::Display for CsvErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for CsvErrors {}

impl<'a> IntoIterator for &'a CsvErrors {
    type Item = &'a CsvError;
    type IntoIter = std::slice::Iter<'a, CsvError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_money_error_names_the_line_the_column_and_the_text_in_both_languages() {
        let error = CsvError::at(
            7,
            "budget",
            CsvErrorKind::Money(MoneyError::NotANumber {
                text: "12,5x".to_owned(),
            }),
        );
        assert!(error
            .message_en()
            .starts_with("line 7, column budget: \"12,5x\" is not an amount"));
        assert!(error
            .message_th()
            .starts_with("บรรทัด 7 คอลัมน์ budget: \"12,5x\" ไม่ใช่จำนวนเงิน"));
        assert_eq!(error.to_string(), error.message_en());
    }

    #[test]
    fn a_file_level_error_does_not_name_line_zero() {
        let error = CsvError::line(0, CsvErrorKind::Empty);
        assert!(error.message_en().starts_with("the file: "));
        assert!(error.message_th().starts_with("ไฟล์: "));
    }

    #[test]
    fn errors_are_sorted_by_line_keeping_the_column_order_within_a_line() {
        let errors = CsvErrors::sorted(vec![
            CsvError::at(5, "b", CsvErrorKind::Required),
            CsvError::at(3, "z", CsvErrorKind::Required),
            CsvError::at(5, "a", CsvErrorKind::Required),
        ]);
        let places: Vec<(u64, Option<&str>)> = errors.iter().map(|e| (e.line, e.column.as_deref())).collect();
        assert_eq!(places, vec![(3, Some("z")), (5, Some("b")), (5, Some("a"))]);
        assert_eq!(errors.message_en().lines().count(), 3);
    }
}
