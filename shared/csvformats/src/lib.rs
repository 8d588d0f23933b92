//! The CSV formats through which plans and progress reports enter and leave Sujarit
//! (DESIGN.md, "Data formats").
//!
//! Provinces keep their action plans and progress tables in spreadsheets converted from Word
//! and PDF documents: Thai and Arabic digits, "ไม่ใช้งบประมาณ" in money cells, HTML fragments
//! left by the conversion, parents and sub-activities in one table, and totals typed by hand
//! that disagree with the rows. This crate reads three formats into typed, checked sheets and
//! writes them back:
//!
//! - the **plan** CSV ([`parse_plan_csv`]): plan items, nested by `parent`, with budgets that
//!   roll up from the leaves only;
//! - the **progress** CSV ([`parse_progress_csv`]): each item's budget, disbursement, status
//!   and quarters in a reporting round;
//! - the **summary** CSV ([`parse_summary_csv`]): the totals a document states, kept only to be
//!   compared with the computed ones ([`SummarySheet::check`]).
//!
//! Parsing never panics and never stops at the first problem: every bad cell of every row is
//! reported in [`CsvErrors`], in Thai and English, and a file with any problem yields nothing.
//! There is no I/O beyond the reader and writer given; money is integer satang throughout.

mod cell;
mod error;
mod plan;
mod progress;
mod summary;
mod sums;
mod table;

pub use error::{CsvError, CsvErrorKind, CsvErrors};
pub use plan::{
    parse_plan_csv, write_plan_csv, DimensionTotals, ItemKind, LeafTotal, ParentTotal, PlanRow, PlanSheet, PlanTotals,
    PLAN_COLUMNS,
};
pub use progress::{
    parse_progress_csv, write_progress_csv, DimensionProgress, ProgressRow, ProgressSheet, ProgressTotals, Status,
    StatusCounts, PROGRESS_COLUMNS,
};
pub use summary::{parse_summary_csv, write_summary_csv, SummaryRow, SummarySheet, TotalCheck, SUMMARY_COLUMNS};
