//! The summary CSV: the totals a plan document states, to be checked against its rows.
//!
//! Header (any order): `dimension,sub_dimension,items,budget`. Plan documents open with a
//! table of item counts and budgets per goal and indicator, with subtotals and a grand total,
//! all typed by hand. Sujarit computes totals from the rows and never trusts typed ones, but
//! it keeps them to show beside the computed ones and flag where they disagree. A row with a
//! sub-dimension states the total of that sub-dimension; a row with only a dimension states
//! the dimension's total; a row with neither states the whole plan's. An item count of `-`
//! means none; the budget follows the money rules (`-` = no budget needed).

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use sujarit_thai::{to_arabic_digits, Budget, Satang};

use crate::error::{CsvError, CsvErrorKind, CsvErrors};
use crate::plan::PlanSheet;
use crate::sums::{check_not_negative, ColumnSum};
use crate::table::{self, RowReader};

/// The columns every summary CSV has, in the order the writer puts them.
pub const SUMMARY_COLUMNS: [&str; 4] = ["dimension", "sub_dimension", "items", "budget"];

/// One stated total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRow {
    /// The line in the file where the row starts.
    pub line: u64,
    /// The dimension the total covers; `None` for the whole plan.
    pub dimension: Option<String>,
    /// The sub-dimension the total covers; `None` for the whole dimension.
    pub sub_dimension: Option<String>,
    /// The stated number of items, if stated.
    pub items: Option<u32>,
    /// The stated budget.
    pub budget: Budget,
}

/// A checked table of stated totals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummarySheet {
    rows: Vec<SummaryRow>,
}

/// A stated total beside the one computed from the plan's rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalCheck {
    /// The summary row's line.
    pub line: u64,
    /// The dimension the total covers; `None` for the whole plan.
    pub dimension: Option<String>,
    /// The sub-dimension the total covers; `None` for the whole dimension.
    pub sub_dimension: Option<String>,
    /// The stated number of items.
    pub stated_items: Option<u32>,
    /// The items counted in the plan (items that are no sub-item of another).
    pub computed_items: usize,
    /// The stated budget.
    pub stated_budget: Budget,
    /// The sum of the plan's leaves.
    pub computed_budget: Satang,
}

impl TotalCheck {
    /// Whether the stated item count disagrees with the rows.
    pub fn items_differ(&self) -> bool {
        self.stated_items
            .is_some_and(|stated| usize::try_from(stated).ok() != Some(self.computed_items))
    }

    /// Whether the stated budget disagrees with the rows ("no budget needed" agrees with zero).
    pub fn budget_differs(&self) -> bool {
        match self.stated_budget {
            Budget::Amount(stated) => stated != self.computed_budget,
            Budget::NotNeeded => self.computed_budget != Satang::ZERO,
            Budget::NotStated => false,
        }
    }

    /// Whether anything disagrees.
    pub fn differs(&self) -> bool {
        self.items_differ() || self.budget_differs()
    }

    /// The stated budget minus the computed one, if an amount was stated.
    pub fn budget_difference(&self) -> Option<Satang> {
        self.stated_budget
            .amount()
            .and_then(|stated| stated.checked_sub(self.computed_budget))
    }
}

/// Reads an item count: Thai or Arabic digits, `-` for none.
fn parse_count(text: &str) -> Option<u32> {
    let digits = to_arabic_digits(text);
    match digits.as_str() {
        "-" | "–" | "—" => Some(0),
        _ if digits.bytes().all(|b| b.is_ascii_digit()) => digits.parse().ok(),
        _ => None,
    }
}

/// Reads a summary CSV; any bad row makes the whole file an error listing every problem.
pub fn parse_summary_csv<R: Read>(reader: R) -> Result<SummarySheet, CsvErrors> {
    let mut errors = Vec::new();
    let Some((header, records)) = table::read(reader, SUMMARY_COLUMNS, false, &mut errors) else {
        return Err(CsvErrors::sorted(errors));
    };
    let [dimension, sub_dimension, items, budget] = header.required;
    let mut rows = Vec::with_capacity(records.len());
    for record in &records {
        let mut cells = RowReader::new(record, &header, &mut errors);
        let items = match cells.optional(items) {
            None => None,
            Some(text) => {
                let count = parse_count(&text);
                if count.is_none() {
                    cells.fail(items, CsvErrorKind::BadCount { text });
                }
                count
            }
        };
        rows.push(SummaryRow {
            line: cells.line(),
            dimension: cells.optional(dimension),
            sub_dimension: cells.optional(sub_dimension),
            items,
            budget: cells.money(budget),
        });
    }
    check_rows(&rows, &mut errors);
    if errors.is_empty() {
        Ok(SummarySheet { rows })
    } else {
        Err(CsvErrors::sorted(errors))
    }
}

/// Writes a summary CSV that [`parse_summary_csv`] reads back to the same sheet.
pub fn write_summary_csv<W: Write>(writer: W, sheet: &SummarySheet) -> io::Result<()> {
    let header: Vec<String> = SUMMARY_COLUMNS.iter().map(|column| (*column).to_owned()).collect();
    let rows = sheet.rows.iter().map(|row| {
        vec![
            table::optional_text(row.dimension.as_deref()),
            table::optional_text(row.sub_dimension.as_deref()),
            row.items.map(|items| items.to_string()).unwrap_or_default(),
            row.budget.to_csv(),
        ]
    });
    table::write(writer, &header, rows)
}

/// Checks what spans cells: a sub-dimension needs its dimension, and the budgets must add up.
fn check_rows(rows: &[SummaryRow], errors: &mut Vec<CsvError>) {
    let mut budget = ColumnSum::new("budget".to_owned());
    for row in rows {
        if row.dimension.is_none() && row.sub_dimension.is_some() {
            errors.push(CsvError::at(
                row.line,
                "sub_dimension",
                CsvErrorKind::SubDimensionWithoutDimension,
            ));
        }
        budget.add(row.line, row.budget, errors);
    }
}

impl SummarySheet {
    /// Checks rows built in code by the rules [`parse_summary_csv`] applies to a file.
    pub fn from_rows(rows: Vec<SummaryRow>) -> Result<Self, CsvErrors> {
        let mut errors = Vec::new();
        for row in &rows {
            check_not_negative(row.line, "budget", row.budget, &mut errors);
        }
        check_rows(&rows, &mut errors);
        if errors.is_empty() {
            Ok(Self { rows })
        } else {
            Err(CsvErrors::sorted(errors))
        }
    }

    /// The rows, in file order.
    pub fn rows(&self) -> &[SummaryRow] {
        &self.rows
    }

    /// Each stated total beside the total computed from a plan's rows, in file order.
    pub fn check(&self, plan: &PlanSheet) -> Vec<TotalCheck> {
        self.rows
            .iter()
            .map(|row| {
                let computed = plan.totals_for(row.dimension.as_deref(), row.sub_dimension.as_deref());
                TotalCheck {
                    line: row.line,
                    dimension: row.dimension.clone(),
                    sub_dimension: row.sub_dimension.clone(),
                    stated_items: row.items,
                    computed_items: computed.items,
                    stated_budget: row.budget,
                    computed_budget: computed.budget,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::parse_plan_csv;

    fn baht(amount: i64) -> Satang {
        Satang(amount * 100)
    }

    #[test]
    fn counts_read_thai_digits_and_a_dash_for_none() {
        assert_eq!(parse_count("๓๐"), Some(30));
        assert_eq!(parse_count("-"), Some(0));
        assert_eq!(parse_count("3 items"), None);
        assert_eq!(parse_count("99999999999"), None);
    }

    #[test]
    fn stated_totals_are_compared_with_the_rows() {
        let plan = parse_plan_csv(
            "code,parent,dimension,sub_dimension,kind,name,indicator,target,budget,q1,q2,q3,q4,org_unit\n\
             A,,g1,i1,project,a,,,100,,,,,\n\
             B,,g1,i2,project,b,,,-,,,,,\n\
             C,,g2,,project,c,,,50,,,,,\n"
                .as_bytes(),
        )
        .expect("plan");
        let summary = parse_summary_csv(
            "dimension,sub_dimension,items,budget\n\
             g1,i1,๑,๑๐๐\n\
             g1,i2,๒,-\n\
             g2,,1,\"1,000\"\n\
             ,,3,\n"
                .as_bytes(),
        )
        .expect("summary");
        let checks = summary.check(&plan);
        let flags: Vec<(bool, bool)> = checks.iter().map(|c| (c.items_differ(), c.budget_differs())).collect();
        assert_eq!(
            flags,
            vec![(false, false), (true, false), (false, true), (false, false)]
        );
        assert_eq!(checks[2].budget_difference(), Some(baht(950)));
        assert_eq!(checks[3].computed_budget, baht(150));
    }

    #[test]
    fn a_sub_dimension_without_a_dimension_and_a_bad_count_are_errors() {
        let errors =
            parse_summary_csv("dimension,sub_dimension,items,budget\n,i1,x,1\n".as_bytes()).expect_err("bad row");
        let columns: Vec<Option<&str>> = errors.iter().map(|e| e.column.as_deref()).collect();
        assert_eq!(columns, vec![Some("items"), Some("sub_dimension")]);
    }

    #[test]
    fn a_summary_written_and_read_back_is_the_same() {
        let summary = parse_summary_csv(
            "budget,items,sub_dimension,dimension\n\"๒๘๑,๙๖๐\",๓๐,๑.๒ ร้อยละ,เป้าหมายที่ ๑\n-,-,,x\n,,,\n,7,,\n".as_bytes(),
        )
        .expect("summary");
        assert_eq!(summary.rows().len(), 3);
        let mut out = Vec::new();
        write_summary_csv(&mut out, &summary).expect("written to memory");
        let again = parse_summary_csv(out.as_slice()).expect("read back");
        let strip = |sheet: &SummarySheet| -> Vec<SummaryRow> {
            sheet
                .rows()
                .iter()
                .map(|row| SummaryRow { line: 0, ..row.clone() })
                .collect()
        };
        assert_eq!(strip(&again), strip(&summary));
    }
}
