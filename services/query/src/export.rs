//! Exports of the round report for the CLI and the HTTP routes alike: CSV (one row per dimension
//! and a total row, money as plain decimals) and an XLSX workbook with money and percentages as
//! real numbers, so a secretariat can keep working on it in a spreadsheet.

use sujarit_contracts::query::{Figures, RoundReport};
use sujarit_xlsx::{Cell, Workbook, XlsxError};

/// Label of the total row.
pub const TOTAL_LABEL: &str = "รวม · total";

/// Columns of the CSV export.
pub const CSV_HEADER: [&str; 15] = [
    "dimension",
    "items",
    "budget",
    "not_needed",
    "not_stated",
    "disbursed",
    "percent",
    "completed",
    "in_progress",
    "awaiting_report",
    "not_carried_out",
    "q1",
    "q2",
    "q3",
    "q4",
];

/// The cells of one row.
pub fn csv_row(label: &str, f: &Figures) -> Vec<String> {
    vec![
        label.to_string(),
        f.items.to_string(),
        f.budget.total.clone(),
        f.budget.not_needed.to_string(),
        f.budget.not_stated.to_string(),
        f.disbursed.total.clone(),
        f.disbursed.percent.clone().unwrap_or_default(),
        f.status.completed.to_string(),
        f.status.in_progress.to_string(),
        f.status.awaiting_report.to_string(),
        f.status.not_carried_out.to_string(),
        f.quarters[0].to_string(),
        f.quarters[1].to_string(),
        f.quarters[2].to_string(),
        f.quarters[3].to_string(),
    ]
}

/// The report as CSV: a header, one row per dimension, the total row.
pub fn report_csv(report: &RoundReport) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(CSV_HEADER)?;
    for d in &report.dimensions {
        out.write_record(csv_row(&d.dimension, &d.figures))?;
    }
    out.write_record(csv_row(TOTAL_LABEL, &report.overall))?;
    out.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// Money cell from a report's decimal string.
fn money_cell(decimal: &str) -> Cell {
    match sujarit_thai::Satang::from_plain(decimal) {
        Some(amount) => Cell::money(amount.get()),
        None => Cell::text(decimal),
    }
}

/// Percent cell from a report's "12.34" string (empty when there is none).
fn percent_cell(percent: Option<&str>) -> Cell {
    let basis_points = percent.and_then(|p| {
        let (whole, frac) = p.split_once('.').unwrap_or((p, "0"));
        let negative = whole.starts_with('-');
        let whole: i64 = whole.trim_start_matches('-').parse().ok()?;
        let frac: i64 = format!("{frac:0<2}").get(..2)?.parse().ok()?;
        let bp = whole.checked_mul(100)?.checked_add(frac)?;
        Some(if negative { -bp } else { bp })
    });
    basis_points.map(Cell::percent).unwrap_or(Cell::Empty)
}

fn count(n: usize) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn figures_row(label: Cell, f: &Figures) -> Vec<Cell> {
    vec![
        label,
        count(f.items),
        money_cell(&f.budget.total),
        count(f.budget.not_needed),
        count(f.budget.not_stated),
        money_cell(&f.disbursed.total),
        percent_cell(f.disbursed.percent.as_deref()),
        count(f.status.completed),
        count(f.status.in_progress),
        count(f.status.awaiting_report),
        count(f.status.not_carried_out),
        count(f.quarters[0]),
        count(f.quarters[1]),
        count(f.quarters[2]),
        count(f.quarters[3]),
    ]
}

/// The report as a workbook: the consolidated table, completeness per org unit, the items not
/// reported, and the plan's stated-vs-computed differences, each on its own sheet.
pub fn report_xlsx(report: &RoundReport) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_title(format!(
        "{} — รอบรายงาน {} ปีงบประมาณ {}",
        report.plan_title, report.period, report.fiscal_year
    ));
    let sheet = book.add_sheet("สรุปผล · summary")?;
    sheet.push_row(vec![Cell::bold(report.plan_title.clone())]);
    sheet.push_row(vec![Cell::text(format!(
        "รอบรายงาน · round {} ปีงบประมาณ · FY {} กำหนดส่ง · due {}{}",
        report.period,
        report.fiscal_year,
        report.due_on,
        if report.closed {
            " (ปิดแล้ว · closed)"
        } else {
            ""
        }
    ))]);
    sheet.push_row(
        [
            "มิติ · dimension",
            "รายการ · items",
            "งบประมาณ · budget",
            "ไม่ใช้งบประมาณ · not needed",
            "ไม่ระบุ · not stated",
            "เบิกจ่าย · disbursed",
            "ร้อยละ · %",
            "ดำเนินการแล้ว · completed",
            "อยู่ระหว่างดำเนินการ · in progress",
            "รอรายงาน · awaiting report",
            "ไม่สามารถดำเนินการได้ · not carried out",
            "ไตรมาส 1",
            "ไตรมาส 2",
            "ไตรมาส 3",
            "ไตรมาส 4",
        ]
        .into_iter()
        .map(Cell::bold)
        .collect(),
    );
    sheet.freeze_header_rows(3);
    sheet.set_column_width(0, 50);
    for column in 1..15 {
        sheet.set_column_width(column, 16);
    }
    for d in &report.dimensions {
        sheet.push_row(figures_row(Cell::text(d.dimension.clone()), &d.figures));
    }
    sheet.push_row(figures_row(Cell::bold(TOTAL_LABEL), &report.overall));

    let units = book.add_sheet("หน่วยงาน · agencies")?;
    units.push_row(
        [
            "หน่วยงาน · agency",
            "รายการ · items",
            "รายงานแล้ว · reported",
            "ครบถ้วน · complete %",
            "ตรงเวลา · on time",
            "ตรงเวลา · on time %",
            "ส่งล่าช้า · late",
        ]
        .into_iter()
        .map(Cell::bold)
        .collect(),
    );
    units.freeze_header_rows(1);
    units.set_column_width(0, 50);
    for unit in &report.org_units {
        units.push_row(vec![
            Cell::text(unit.name.clone()),
            count(unit.completeness.expected),
            count(unit.completeness.counted),
            percent_cell(unit.completeness.percent.as_deref()),
            count(unit.timeliness.counted),
            percent_cell(unit.timeliness.percent.as_deref()),
            Cell::text(if unit.late { "ล่าช้า · late" } else { "" }),
        ]);
    }

    let missing = book.add_sheet("ยังไม่รายงาน · not reported")?;
    missing.push_row(
        ["ลำดับ · no", "รายการ · item", "หน่วยงาน · agency"]
            .into_iter()
            .map(Cell::bold)
            .collect(),
    );
    missing.freeze_header_rows(1);
    missing.set_column_width(1, 60);
    missing.set_column_width(2, 40);
    for item in &report.missing_items {
        missing.push_row(vec![
            Cell::text(item.code.clone()),
            Cell::text(item.name.clone()),
            Cell::text(item.org_unit.clone()),
        ]);
    }

    if !report.stated_differences.is_empty() {
        let differences = book.add_sheet("ตัวเลขไม่ตรงกัน · differences")?;
        differences.push_row(
            [
                "ลำดับ · no",
                "ตามเอกสาร · stated",
                "คำนวณได้ · computed",
                "ผลต่าง · difference",
                "เทียบกับ · parts",
            ]
            .into_iter()
            .map(Cell::bold)
            .collect(),
        );
        for d in &report.stated_differences {
            differences.push_row(vec![
                Cell::text(d.code.clone()),
                money_cell(&d.stated),
                money_cell(&d.computed),
                money_cell(&d.difference),
                Cell::text(d.parts.clone()),
            ]);
        }
    }
    book.to_bytes()
}
