//! The progress CSV: what each plan item achieved in a reporting round.
//!
//! Header (any order): `no,dimension,name,budget,disbursed,status,q1,q2,q3,q4,remark`. This is
//! the table agencies fill in for the 6- and 12-month reports: budget and money disbursed per
//! item, one of four statuses, the quarters in which the item was carried out, and a remark.
//! Spending may move between activities of one project (ถัวจ่าย), so a row may disburse more
//! than its budget; only the totals bind, and the totals are computed here, never typed.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use sujarit_thai::{Budget, Satang};

use crate::error::{CsvError, CsvErrorKind, CsvErrors};
use crate::sums::{add, check_not_negative, ColumnSum};
use crate::table::{self, RowReader};

/// The columns every progress CSV has, in the order the writer puts them.
pub const PROGRESS_COLUMNS: [&str; 11] = [
    "no",
    "dimension",
    "name",
    "budget",
    "disbursed",
    "status",
    "q1",
    "q2",
    "q3",
    "q4",
    "remark",
];

/// Where a plan item stands in a reporting round: the round's own status type, so a CSV row
/// and a submission speak of the same four values.
pub use sujarit_contracts::round::ProgressStatus as Status;

/// One row of a progress CSV: one plan item's result in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressRow {
    /// The line in the file where the row starts.
    pub line: u64,
    /// The item's number as the report writes it (Thai digits folded to Arabic).
    pub no: String,
    /// The dimension or project the item belongs to.
    pub dimension: String,
    /// The item's name.
    pub name: String,
    /// Its budget.
    pub budget: Budget,
    /// The money disbursed so far.
    pub disbursed: Budget,
    /// Where it stands.
    pub status: Status,
    /// The quarters in which it was carried out, Q1 (Oct–Dec) first.
    pub quarters: [bool; 4],
    /// A remark.
    pub remark: Option<String>,
}

/// A checked progress table: every amount non-negative and every money column summable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressSheet {
    rows: Vec<ProgressRow>,
}

/// How many items are in each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusCounts {
    /// Items awaiting a report.
    pub awaiting_report: usize,
    /// Items in progress.
    pub in_progress: usize,
    /// Items completed.
    pub completed: usize,
    /// Items that could not be carried out.
    pub not_carried_out: usize,
}

impl StatusCounts {
    /// The count of one status.
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::AwaitingReport => self.awaiting_report,
            Status::InProgress => self.in_progress,
            Status::Completed => self.completed,
            Status::NotCarriedOut => self.not_carried_out,
        }
    }

    /// Counts one more item in a status.
    fn count(&mut self, status: Status) {
        let slot = match status {
            Status::AwaitingReport => &mut self.awaiting_report,
            Status::InProgress => &mut self.in_progress,
            Status::Completed => &mut self.completed,
            Status::NotCarriedOut => &mut self.not_carried_out,
        };
        *slot += 1;
    }
}

/// The consolidated figures of a progress table or of one dimension of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgressTotals {
    /// Items (rows).
    pub items: usize,
    /// The sum of the stated budgets.
    pub budget: Satang,
    /// The sum of the stated amounts disbursed.
    pub disbursed: Satang,
    /// Items that need no budget.
    pub budget_not_needed: usize,
    /// Items whose budget is not stated.
    pub budget_not_stated: usize,
    /// Items whose disbursement is not stated.
    pub disbursed_not_stated: usize,
    /// Items per status.
    pub statuses: StatusCounts,
    /// Items carried out in each quarter, Q1 first.
    pub quarters: [usize; 4],
}

/// The totals of one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionProgress {
    /// The dimension, as written.
    pub dimension: String,
    /// Its totals.
    pub totals: ProgressTotals,
}

/// Reads a progress CSV; any bad row makes the whole file an error listing every problem.
pub fn parse_progress_csv<R: Read>(reader: R) -> Result<ProgressSheet, CsvErrors> {
    let mut errors = Vec::new();
    let Some((header, records)) = table::read(reader, PROGRESS_COLUMNS, false, &mut errors) else {
        return Err(CsvErrors::sorted(errors));
    };
    let [no, dimension, name, budget, disbursed, status, q1, q2, q3, q4, remark] = header.required;
    let mut rows = Vec::with_capacity(records.len());
    for record in &records {
        let mut cells = RowReader::new(record, &header, &mut errors);
        rows.push(ProgressRow {
            line: cells.line(),
            no: cells.required_code(no),
            dimension: cells.required(dimension),
            name: cells.required(name),
            budget: cells.money(budget),
            disbursed: cells.money(disbursed),
            status: cells
                .parsed(status, Status::parse, |text| CsvErrorKind::BadStatus { text })
                .unwrap_or(Status::AwaitingReport),
            quarters: cells.quarters([q1, q2, q3, q4]),
            remark: cells.optional(remark),
        });
    }
    check_sums(&rows, &mut errors);
    if errors.is_empty() {
        Ok(ProgressSheet { rows })
    } else {
        Err(CsvErrors::sorted(errors))
    }
}

/// Writes a progress CSV that [`parse_progress_csv`] reads back to the same sheet (for clean
/// text: no HTML, no runs of whitespace, nothing at the ends; line numbers as written).
pub fn write_progress_csv<W: Write>(writer: W, sheet: &ProgressSheet) -> io::Result<()> {
    let header: Vec<String> = PROGRESS_COLUMNS.iter().map(|column| (*column).to_owned()).collect();
    let rows = sheet.rows.iter().map(|row| {
        let mut cells = vec![
            table::text(&row.no),
            table::text(&row.dimension),
            table::text(&row.name),
            row.budget.to_csv(),
            row.disbursed.to_csv(),
            row.status.as_str().to_owned(),
        ];
        cells.extend(row.quarters.map(table::mark));
        cells.push(table::optional_text(row.remark.as_deref()));
        cells
    });
    table::write(writer, &header, rows)
}

/// Checks that the money columns add up without overflow.
fn check_sums(rows: &[ProgressRow], errors: &mut Vec<CsvError>) {
    let mut budget = ColumnSum::new("budget".to_owned());
    let mut disbursed = ColumnSum::new("disbursed".to_owned());
    for row in rows {
        budget.add(row.line, row.budget, errors);
        disbursed.add(row.line, row.disbursed, errors);
    }
}

impl ProgressSheet {
    /// Checks rows built in code by the rules [`parse_progress_csv`] applies to a file.
    pub fn from_rows(rows: Vec<ProgressRow>) -> Result<Self, CsvErrors> {
        let mut errors = Vec::new();
        for row in &rows {
            for (column, value) in [("no", &row.no), ("dimension", &row.dimension), ("name", &row.name)] {
                if value.is_empty() {
                    errors.push(CsvError::at(row.line, column, CsvErrorKind::Required));
                }
            }
            check_not_negative(row.line, "budget", row.budget, &mut errors);
            check_not_negative(row.line, "disbursed", row.disbursed, &mut errors);
        }
        check_sums(&rows, &mut errors);
        if errors.is_empty() {
            Ok(Self { rows })
        } else {
            Err(CsvErrors::sorted(errors))
        }
    }

    /// The rows, in file order.
    pub fn rows(&self) -> &[ProgressRow] {
        &self.rows
    }

    /// The rows, given up.
    pub fn into_rows(self) -> Vec<ProgressRow> {
        self.rows
    }

    /// The totals of the whole table.
    pub fn totals(&self) -> ProgressTotals {
        totals(self.rows.iter())
    }

    /// The totals of each dimension, in the order dimensions first appear.
    pub fn totals_by_dimension(&self) -> Vec<DimensionProgress> {
        let mut dimensions: Vec<&str> = Vec::new();
        for row in &self.rows {
            if !dimensions.contains(&row.dimension.as_str()) {
                dimensions.push(&row.dimension);
            }
        }
        dimensions
            .into_iter()
            .map(|dimension| DimensionProgress {
                dimension: dimension.to_owned(),
                totals: totals(self.rows.iter().filter(|row| row.dimension == dimension)),
            })
            .collect()
    }
}

/// Adds up rows of a checked sheet.
fn totals<'a>(rows: impl Iterator<Item = &'a ProgressRow>) -> ProgressTotals {
    let mut totals = ProgressTotals::default();
    for row in rows {
        totals.items += 1;
        match row.budget {
            Budget::Amount(amount) => totals.budget = add(totals.budget, amount),
            Budget::NotNeeded => totals.budget_not_needed += 1,
            Budget::NotStated => totals.budget_not_stated += 1,
        }
        match row.disbursed {
            Budget::Amount(amount) => totals.disbursed = add(totals.disbursed, amount),
            Budget::NotNeeded => {}
            Budget::NotStated => totals.disbursed_not_stated += 1,
        }
        totals.statuses.count(row.status);
        for (count, carried_out) in totals.quarters.iter_mut().zip(row.quarters) {
            *count += usize::from(carried_out);
        }
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;
    use sujarit_thai::MoneyError;

    const HEADER: &str = "no,dimension,name,budget,disbursed,status,q1,q2,q3,q4,remark";

    fn parse(body: &str) -> Result<ProgressSheet, CsvErrors> {
        parse_progress_csv(format!("{HEADER}\n{body}").as_bytes())
    }

    fn baht(amount: i64) -> Satang {
        Satang(amount * 100)
    }

    #[test]
    fn statuses_read_english_names_in_any_case_and_thai_labels() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            assert_eq!(Status::parse(&status.as_str().to_uppercase()), Some(status));
            assert_eq!(Status::parse(&format!("  {}  ", status.label_th())), Some(status));
        }
        assert_eq!(Status::parse("In Progress"), Some(Status::InProgress));
        assert_eq!(Status::parse("not-carried-out"), Some(Status::NotCarriedOut));
        assert_eq!(Status::parse("อยู่ระหว่าง ดำเนินการ"), Some(Status::InProgress));
        assert_eq!(Status::parse("done"), None);
        assert_eq!(Status::NotCarriedOut.label_en(), "could not be carried out");
    }

    #[test]
    fn statuses_serialize_in_snake_case() {
        use serde::de::value::{Error, StrDeserializer};
        let status = Status::deserialize(StrDeserializer::<Error>::new("not_carried_out"));
        assert_eq!(status, Ok(Status::NotCarriedOut));
        assert_eq!(Status::AwaitingReport.to_string(), "awaiting_report");
    }

    #[test]
    fn a_good_row_becomes_a_typed_progress_row() {
        let sheet = parse("๑,มิติที่ ๑,ประชุม,\"5,000\",\"4,999.50\",ดำเนินการแล้ว,,1,✓,,<p>ถัวจ่าย</p>\n").expect("good");
        let row = &sheet.rows()[0];
        assert_eq!(row.no, "1");
        assert_eq!(row.budget, Budget::Amount(baht(5_000)));
        assert_eq!(row.disbursed, Budget::Amount(Satang(499_950)));
        assert_eq!(row.status, Status::Completed);
        assert_eq!(row.quarters, [false, true, true, false]);
        assert_eq!(row.remark.as_deref(), Some("ถัวจ่าย"));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_column() {
        let errors = parse(
            "1,d,a,100,0,completed,,,,,\n\
             2,d,b,\"12,5x\",0,done,,,,,\n\
             3,d,c,100,-5,,,,,,\n",
        )
        .expect_err("bad rows");
        let found: Vec<(u64, Option<&str>)> = errors.iter().map(|e| (e.line, e.column.as_deref())).collect();
        assert_eq!(
            found,
            vec![
                (3, Some("budget")),
                (3, Some("status")),
                (4, Some("disbursed")),
                (4, Some("status"))
            ]
        );
        assert_eq!(
            errors.0[1].kind,
            CsvErrorKind::BadStatus {
                text: "done".to_owned()
            }
        );
        assert_eq!(
            errors.0[2].kind,
            CsvErrorKind::Money(MoneyError::Negative { text: "-5".to_owned() })
        );
        assert_eq!(errors.0[3].kind, CsvErrorKind::Required);
    }

    #[test]
    fn totals_keep_no_budget_zero_and_not_stated_apart() {
        let sheet = parse(
            "1,d1,a,-,0,completed,1,,,,\n\
             2,d1,b,0,,in_progress,1,1,,,\n\
             3,d2,c,,none,not_carried_out,,,,,\n\
             4,d1,d,\"1,000\",\"1,500\",awaiting_report,,,,1,\n",
        )
        .expect("good");
        let totals = sheet.totals();
        assert_eq!(totals.items, 4);
        assert_eq!((totals.budget, totals.disbursed), (baht(1_000), baht(1_500)));
        assert_eq!(
            (
                totals.budget_not_needed,
                totals.budget_not_stated,
                totals.disbursed_not_stated
            ),
            (1, 1, 1)
        );
        assert_eq!(totals.quarters, [2, 1, 0, 1]);
        assert_eq!(totals.statuses.get(Status::NotCarriedOut), 1);
        let by_dimension = sheet.totals_by_dimension();
        assert_eq!(by_dimension.len(), 2);
        assert_eq!(by_dimension[0].totals.items, 3);
        assert_eq!(by_dimension[1].dimension, "d2");
    }

    #[test]
    fn a_progress_table_written_and_read_back_is_the_same() {
        let sheet = parse(
            "1,โครงการ A,กิจกรรม &amp;amp; <b,-,0,ดำเนินการแล้ว,,,1,1,\n\
             2,โครงการ A,\"ชื่อ, มีจุลภาค\",\"27,498\",\"8,000.50\",in progress,1,,,,\"remark \"\"quoted\"\"\"\n",
        )
        .expect("good");
        let mut out = Vec::new();
        write_progress_csv(&mut out, &sheet).expect("written to memory");
        assert_eq!(parse_progress_csv(out.as_slice()), Ok(sheet));
    }

    #[test]
    fn rows_built_in_code_are_checked_like_a_file() {
        let row = ProgressRow {
            line: 2,
            no: String::new(),
            dimension: "d".into(),
            name: "n".into(),
            budget: Budget::Amount(Satang(i64::MAX)),
            disbursed: Budget::Amount(Satang(-1)),
            status: Status::Completed,
            quarters: [false; 4],
            remark: None,
        };
        let second = ProgressRow {
            line: 3,
            no: "2".into(),
            disbursed: Budget::NotNeeded,
            ..row.clone()
        };
        let errors = ProgressSheet::from_rows(vec![row, second]).expect_err("bad rows");
        let found: Vec<(u64, Option<&str>, &CsvErrorKind)> =
            errors.iter().map(|e| (e.line, e.column.as_deref(), &e.kind)).collect();
        assert_eq!(found[0].1, Some("no"));
        assert_eq!(found[1].1, Some("disbursed"));
        assert_eq!(found[2], (3, Some("budget"), &CsvErrorKind::TotalTooLarge));
    }
}
