//! Adding up money of a checked sheet without ever overflowing.
//!
//! Sheets are checked when built: no amount is negative and each money column's amounts add
//! up within `i64` satang. Every total a sheet reports sums part of one column, so it fits
//! too, and the roll-ups can return plain [`Satang`] instead of an `Option` on every call.

use sujarit_thai::{Budget, MoneyError, Satang};

use crate::error::{CsvError, CsvErrorKind};

/// Adds two amounts of a checked sheet, whose column totals are known to fit.
pub(crate) fn add(a: Satang, b: Satang) -> Satang {
    // Cannot saturate: construction checked that each column's non-negative amounts sum
    // without overflow, and every total here sums a subset of one column.
    Satang(a.0.saturating_add(b.0))
}

/// Sums amounts of a checked sheet (see [`add`]).
pub(crate) fn sum(amounts: impl IntoIterator<Item = Satang>) -> Satang {
    amounts.into_iter().fold(Satang::ZERO, add)
}

/// Reports a negative amount, which no cell can hold.
pub(crate) fn check_not_negative(line: u64, column: &str, budget: Budget, errors: &mut Vec<CsvError>) {
    if let Budget::Amount(amount) = budget {
        if amount < Satang::ZERO {
            let kind = CsvErrorKind::Money(MoneyError::Negative {
                text: amount.to_plain(),
            });
            errors.push(CsvError::at(line, column, kind));
        }
    }
}

/// Adds the amounts of one column, reporting the row where they stop fitting.
pub(crate) struct ColumnSum {
    column: String,
    total: Option<Satang>,
}

impl ColumnSum {
    /// Starts summing a column.
    pub(crate) fn new(column: String) -> Self {
        Self {
            column,
            total: Some(Satang::ZERO),
        }
    }

    /// Adds one row's cell; reports the first overflow only.
    pub(crate) fn add(&mut self, line: u64, budget: Budget, errors: &mut Vec<CsvError>) {
        let (Some(total), Some(amount)) = (self.total, budget.amount()) else {
            return;
        };
        self.total = total.checked_add(amount);
        if self.total.is_none() {
            errors.push(CsvError::at(line, &self.column, CsvErrorKind::TotalTooLarge));
        }
    }
}
