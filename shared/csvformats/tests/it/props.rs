//! Property tests: the parsers never panic on any input and point only at lines that exist,
//! and every sheet written with clean text reads back exactly.

use proptest::prelude::*;
use sujarit_csvformats::{
    parse_plan_csv, parse_progress_csv, parse_summary_csv, write_plan_csv, write_progress_csv, write_summary_csv,
    CsvErrors, ItemKind, PlanRow, PlanSheet, ProgressRow, ProgressSheet, Status, SummaryRow, SummarySheet,
    PLAN_COLUMNS, PROGRESS_COLUMNS, SUMMARY_COLUMNS,
};
use sujarit_thai::{Budget, Satang};

/// Characters that make CSV and the cell cleaner work: separators, quotes, tags, entities,
/// Thai letters and digits, ticks, line breaks.
const TRICKY: &str = "[a-zA-Z0-9ก-ฮ๐-๙,\"\n\r\t <>/&;#.\\-✓xX_\u{FEFF}\u{200B}]{0,300}";

/// A clean text cell: words of non-space characters (including `&`, `<`, `>`) joined by one space.
fn clean_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        4 => "[a-zA-Zก-ฮ๐-๙0-9&<>;#/\"',.()\\-]{1,8}",
        1 => Just("<p>".to_owned()),
        1 => Just("&amp;".to_owned()),
        1 => Just("&nbsp;".to_owned()),
        1 => Just("<br/>".to_owned()),
    ];
    prop::collection::vec(word, 1..4).prop_map(|words| words.join(" "))
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(clean_text())
}

fn budget() -> impl Strategy<Value = Budget> {
    prop_oneof![
        Just(Budget::NotNeeded),
        Just(Budget::NotStated),
        (0_i64..=1_000_000_000_000).prop_map(|satang| Budget::Amount(Satang(satang))),
    ]
}

fn quarters() -> impl Strategy<Value = [bool; 4]> {
    prop::array::uniform4(any::<bool>())
}

/// One generated plan row before codes, parents and lines are assigned.
type RawPlanRow = (
    (String, Option<String>, ItemKind, String),
    (Option<String>, Option<String>, Budget, [bool; 4], Option<String>),
    (Option<prop::sample::Index>, Vec<Budget>),
);

fn raw_plan_row() -> impl Strategy<Value = RawPlanRow> {
    (
        (
            clean_text(),
            optional_text(),
            prop::sample::select(ItemKind::ALL.to_vec()),
            clean_text(),
        ),
        (optional_text(), optional_text(), budget(), quarters(), optional_text()),
        (
            prop::option::of(any::<prop::sample::Index>()),
            prop::collection::vec(budget(), 5),
        ),
    )
}

/// A valid plan: unique codes, parents among earlier rows, children in their parent's dimension.
fn plan_sheet() -> impl Strategy<Value = PlanSheet> {
    (
        prop::collection::vec(raw_plan_row(), 0..12),
        prop::sample::subsequence(vec![2566, 2567, 2568, 2569, 2570], 0..=5),
    )
        .prop_map(|(raw, years)| {
            let mut rows: Vec<PlanRow> = Vec::with_capacity(raw.len());
            for (index, ((dimension, sub_dimension, kind, name), details, (parent, yearly))) in
                raw.into_iter().enumerate()
            {
                let (indicator, target, budget, quarters, org_unit) = details;
                let parent = parent.filter(|_| index > 0).map(|choice| choice.index(index));
                let (dimension, sub_dimension) = match parent.and_then(|p| rows.get(p)) {
                    Some(parent) => (parent.dimension.clone(), parent.sub_dimension.clone()),
                    None => (dimension, sub_dimension),
                };
                rows.push(PlanRow {
                    line: index as u64 + 2,
                    code: format!("c{index}"),
                    parent: parent.map(|p| format!("c{p}")),
                    dimension,
                    sub_dimension,
                    kind,
                    name,
                    indicator,
                    target,
                    budget,
                    quarters,
                    org_unit,
                    yearly_budgets: years.iter().copied().zip(yearly).collect(),
                });
            }
            PlanSheet::from_rows(rows)
        })
        .prop_filter_map("generated plans are valid", Result::ok)
}

fn progress_sheet() -> impl Strategy<Value = ProgressSheet> {
    let row = (
        ("[0-9]{1,3}(\\.[0-9]{1,2})?", clean_text(), clean_text()),
        (
            budget(),
            budget(),
            prop::sample::select(Status::ALL.to_vec()),
            quarters(),
            optional_text(),
        ),
    );
    prop::collection::vec(row, 0..12)
        .prop_map(|rows| {
            let rows = rows
                .into_iter()
                .enumerate()
                .map(
                    |(index, ((no, dimension, name), (budget, disbursed, status, quarters, remark)))| ProgressRow {
                        line: index as u64 + 2,
                        no,
                        dimension,
                        name,
                        budget,
                        disbursed,
                        status,
                        quarters,
                        remark,
                    },
                )
                .collect();
            ProgressSheet::from_rows(rows)
        })
        .prop_filter_map("generated tables are valid", Result::ok)
}

fn summary_sheet() -> impl Strategy<Value = SummarySheet> {
    let row = (
        optional_text(),
        optional_text(),
        prop::option::of(any::<u32>()),
        budget(),
    );
    prop::collection::vec(row, 0..8)
        .prop_map(|rows| {
            let rows = rows
                .into_iter()
                .enumerate()
                .map(|(index, (dimension, sub_dimension, items, budget))| SummaryRow {
                    line: index as u64 + 2,
                    sub_dimension: sub_dimension.filter(|_| dimension.is_some()),
                    dimension,
                    items,
                    budget,
                })
                .collect();
            SummarySheet::from_rows(rows)
        })
        .prop_filter_map("generated summaries are valid", Result::ok)
}

/// Every error points at the file (line 0) or at a line the input has.
fn lines_exist(errors: &CsvErrors, input: &[u8]) -> bool {
    let lines = input.iter().filter(|byte| **byte == b'\n').count() as u64 + 1;
    errors
        .iter()
        .all(|error| error.line <= lines && !error.message_th().is_empty())
}

proptest! {
    #[test]
    fn no_parser_panics_on_random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Err(errors) = parse_plan_csv(bytes.as_slice()) {
            prop_assert!(lines_exist(&errors, &bytes));
        }
        if let Err(errors) = parse_progress_csv(bytes.as_slice()) {
            prop_assert!(lines_exist(&errors, &bytes));
        }
        if let Err(errors) = parse_summary_csv(bytes.as_slice()) {
            prop_assert!(lines_exist(&errors, &bytes));
        }
    }

    #[test]
    fn no_parser_panics_on_random_rows_under_a_valid_header(body in TRICKY, years in "(,budget_[0-9๒๕]{1,5}){0,2}") {
        let plan = format!("{}{years}\n{body}", PLAN_COLUMNS.join(","));
        let progress = format!("{}\n{body}", PROGRESS_COLUMNS.join(","));
        let summary = format!("{}\n{body}", SUMMARY_COLUMNS.join(","));
        if let Err(errors) = parse_plan_csv(plan.as_bytes()) {
            prop_assert!(lines_exist(&errors, plan.as_bytes()));
        }
        if let Err(errors) = parse_progress_csv(progress.as_bytes()) {
            prop_assert!(lines_exist(&errors, progress.as_bytes()));
        }
        if let Err(errors) = parse_summary_csv(summary.as_bytes()) {
            prop_assert!(lines_exist(&errors, summary.as_bytes()));
        }
    }

    #[test]
    fn no_plan_parser_panics_on_rows_of_the_right_width(
        cells in prop::collection::vec(
            prop_oneof!["[A-C]", "[A-C]?", "(project|กิจกรรม|x)", "[0-9,.\\-]{0,8}", "(1|✓|x|0|-|2)?", TRICKY],
            14 * 6,
        ),
    ) {
        // Rows wide enough to reach the checks that span rows: codes A–C, parents A–C.
        let mut text = PLAN_COLUMNS.join(",");
        for row in cells.chunks(14) {
            text.push('\n');
            let quoted: Vec<String> = row.iter().map(|cell| format!("\"{}\"", cell.replace('"', "\"\""))).collect();
            text.push_str(&quoted.join(","));
        }
        if let Err(errors) = parse_plan_csv(text.as_bytes()) {
            prop_assert!(lines_exist(&errors, text.as_bytes()));
        }
    }

    #[test]
    fn a_plan_written_then_read_is_the_same_plan(sheet in plan_sheet()) {
        let mut out = Vec::new();
        write_plan_csv(&mut out, &sheet).map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(parse_plan_csv(out.as_slice()), Ok(sheet));
    }

    #[test]
    fn a_progress_table_written_then_read_is_the_same_table(sheet in progress_sheet()) {
        let mut out = Vec::new();
        write_progress_csv(&mut out, &sheet).map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(parse_progress_csv(out.as_slice()), Ok(sheet));
    }

    #[test]
    fn a_summary_written_then_read_is_the_same_summary(sheet in summary_sheet()) {
        // A summary row with nothing in it is blank and skipped; it cannot round-trip.
        let blank = |row: &SummaryRow| {
            row.dimension.is_none() && row.items.is_none() && row.budget == Budget::NotStated
        };
        prop_assume!(!sheet.rows().iter().any(blank));
        let mut out = Vec::new();
        write_summary_csv(&mut out, &sheet).map_err(|error| TestCaseError::fail(error.to_string()))?;
        prop_assert_eq!(parse_summary_csv(out.as_slice()), Ok(sheet));
    }

    #[test]
    fn the_leaf_total_never_counts_a_parent_and_equals_the_sum_over_dimensions(sheet in plan_sheet()) {
        let total = sheet.leaf_total();
        let by_dimension = sheet.totals_by_dimension();
        let summed = by_dimension.iter().map(|d| d.totals.budget.get()).sum::<i64>();
        prop_assert_eq!(total.computed.get(), summed);
        let parents: Vec<&str> = sheet.rows().iter().filter_map(|row| row.parent.as_deref()).collect();
        let leaves = sheet
            .rows()
            .iter()
            .filter(|row| !parents.contains(&row.code.as_str()))
            .filter_map(|row| row.budget.amount())
            .map(Satang::get)
            .sum::<i64>();
        prop_assert_eq!(total.computed.get(), leaves);
        prop_assert_eq!(sheet.totals().leaves + total.parents.len(), sheet.rows().len());
    }
}
