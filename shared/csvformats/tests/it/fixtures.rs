//! The seed documents as CSV fixtures (tests/fixtures/README.md says where each number comes
//! from): the computed totals must match what we read off the documents, and where the
//! documents' own stated totals disagree with their rows, the disagreement must show.

use sujarit_csvformats::{
    parse_plan_csv, parse_progress_csv, parse_summary_csv, write_plan_csv, write_progress_csv, write_summary_csv,
    CsvErrorKind, ItemKind, PlanSheet, ProgressSheet, Status, SummarySheet,
};
use sujarit_thai::{Budget, MoneyError, Satang};

/// Reads a fixture file.
fn fixture(name: &str) -> Vec<u8> {
    let path = format!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/{}"), name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("fixture {path}: {error}"))
}

fn baht(amount: i64) -> Satang {
    Satang(amount * 100)
}

fn nakhon_sawan() -> ProgressSheet {
    parse_progress_csv(fixture("nakhonsawan-2565-progress.csv").as_slice()).unwrap_or_else(|errors| panic!("{errors}"))
}

fn phatthalung() -> PlanSheet {
    parse_plan_csv(fixture("phatthalung-2567-plan.csv").as_slice()).unwrap_or_else(|errors| panic!("{errors}"))
}

fn phetchaburi() -> PlanSheet {
    parse_plan_csv(fixture("phetchaburi-2566-plan.csv").as_slice()).unwrap_or_else(|errors| panic!("{errors}"))
}

fn summary(name: &str) -> SummarySheet {
    parse_summary_csv(fixture(name).as_slice()).unwrap_or_else(|errors| panic!("{errors}"))
}

#[test]
fn the_nakhon_sawan_activities_add_up_to_the_100000_baht_the_report_states() {
    let sheet = nakhon_sawan();
    assert_eq!(sheet.rows().len(), 13);
    let totals = sheet.totals();
    // "งบประมาณจัดสรรจากสำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน จำนวนเงิน 100,000 บาท" and the
    // budget table's "รวม 3,600 63,037 33,363 100,000".
    assert_eq!(totals.budget, baht(100_000));
    assert_eq!(baht(3_600 + 63_037 + 33_363), totals.budget);
    // The results table's "งบประมาณที่ใช้" column: 0, 5,000, 1,000, 4,200, 11,650, 16,250,
    // 27,498, 6,400, 12,150, 7,852, 8,000, 0, 0.
    assert_eq!(totals.disbursed, baht(100_000));
    assert_eq!(totals.statuses.get(Status::Completed), 13);
    // Activity 1 has "-" in every expense column: no budget needed, yet "0" spent is stated.
    assert_eq!(totals.budget_not_needed, 1);
    assert_eq!(sheet.rows()[0].budget, Budget::NotNeeded);
    assert_eq!(sheet.rows()[0].disbursed, Budget::Amount(Satang::ZERO));
    // Carried out May–September 2022 (BE 2565): Q3 (Apr–Jun) and Q4 (Jul–Sep) of FY2565.
    assert_eq!(totals.quarters, [0, 0, 11, 6]);
}

#[test]
fn nakhon_sawan_rows_may_differ_from_their_budgets_while_the_project_total_binds() {
    // "หมายเหตุ ขอถัวจ่ายทุกรายการ": activity 11 spent 8,000 of a 4,500 budget, activities 12
    // and 13 spent nothing of 2,000 and 1,500.
    let sheet = nakhon_sawan();
    let differing: Vec<(&str, i64)> = sheet
        .rows()
        .iter()
        .filter_map(|row| match (row.budget.amount(), row.disbursed.amount()) {
            (Some(budget), Some(disbursed)) if budget != disbursed => {
                Some((row.no.as_str(), (disbursed.get() - budget.get()) / 100))
            }
            _ => None,
        })
        .collect();
    assert_eq!(differing, vec![("11", 3_500), ("12", -2_000), ("13", -1_500)]);
    assert_eq!(differing.iter().map(|(_, baht)| baht).sum::<i64>(), 0);
}

#[test]
fn the_nakhon_sawan_remark_loses_the_html_of_the_conversion() {
    let sheet = nakhon_sawan();
    let remark = sheet.rows()[3].remark.as_deref().unwrap_or_default();
    assert!(remark.starts_with("กลุ่มเป้าหมายในการวางแผนจัดทำแผนปฏิบัติการฯ"), "{remark}");
    assert!(!remark.contains('<'), "{remark}");
}

#[test]
fn the_phatthalung_rows_present_add_up_to_987655_baht_not_the_stated_1034655() {
    let sheet = phatthalung();
    assert_eq!(sheet.rows().len(), 44);
    let totals = sheet.totals();
    // 39 items that are no sub-item of another; two of them hold sub-activities (2 and 3),
    // so 42 leaves carry the money.
    assert_eq!((totals.items, totals.leaves), (39, 42));
    // 5,400 + 61,800 + 7,250 + 32,760 + 32,760 + 145,900 + 70,000 + 10,500 + 7,000 + 16,800
    // + 191,460 + 105,900 + 24,000 + 155,000 + 3,625 + 63,000 + 54,500.
    assert_eq!(totals.budget, baht(987_655));
    assert_eq!(sheet.leaf_total().computed, baht(987_655));
    // "ไม่ใช้งบประมาณ" (and the typo "ไม่ใช่ งบประมาณ") on 22 leaves; "อยู่ระหว่างการแจ้งยอดจัดสรร"
    // and two sub-activities with empty cells leave 3 not stated.
    assert_eq!((totals.not_needed, totals.not_stated), (22, 3));

    // "จำนวนทั้งสิ้น ๔๒ โครงการ งบประมาณ ๑,๐๓๔,๖๕๕ บาท"
    let checks = summary("phatthalung-2567-summary.csv").check(&sheet);
    assert_eq!(checks.len(), 1);
    let whole = &checks[0];
    assert_eq!((whole.stated_items, whole.computed_items), (Some(42), 39));
    assert_eq!(whole.stated_budget, Budget::Amount(baht(1_034_655)));
    assert!(whole.items_differ() && whole.budget_differs());
    assert_eq!(whole.budget_difference(), Some(baht(47_000)));
}

#[test]
fn phatthalung_totals_by_goal_and_indicator_match_the_tables() {
    let sheet = phatthalung();
    let by_goal: Vec<(usize, Satang)> = sheet
        .totals_by_dimension()
        .iter()
        .map(|goal| (goal.totals.items, goal.totals.budget))
        .collect();
    assert_eq!(by_goal, vec![(35, baht(933_155)), (4, baht(54_500))]);
    let goal = "เป้าหมายที่ ๑ ประชาชนมีวัฒนธรรมและพฤติกรรมซื่อสัตย์สุจริต";
    let indicator = |prefix: &str| {
        let row = sheet
            .rows()
            .iter()
            .find(|row| row.sub_dimension.as_deref().is_some_and(|s| s.starts_with(prefix)));
        let sub = row.and_then(|row| row.sub_dimension.clone()).unwrap_or_default();
        sheet.totals_for(Some(goal), Some(&sub))
    };
    // Indicator 1.1: 5,400 + 61,800 + 7,250 + 32,760.
    assert_eq!(indicator("ตัวชี้วัดที่ ๑.๑").budget, baht(107_210));
    assert_eq!(indicator("ตัวชี้วัดที่ ๑.๒").budget, baht(604_320));
    // Indicator 1.3: 155,000 + 3,625 + 63,000.
    assert_eq!(indicator("ตัวชี้วัดที่ ๑.๓").budget, baht(221_625));
}

#[test]
fn a_phatthalung_cell_holding_a_parent_and_its_first_child_is_counted_once() {
    let sheet = phatthalung();
    let total = sheet.leaf_total();
    let parents: Vec<(&str, Budget, Satang)> = total
        .parents
        .iter()
        .map(|p| (p.code.as_str(), p.stated, p.computed))
        .collect();
    assert_eq!(
        parents,
        vec![
            ("1.1-03", Budget::Amount(baht(7_250)), baht(7_250)),
            ("1.3-05", Budget::Amount(baht(3_625)), baht(3_625)),
        ]
    );
    assert_eq!(total.differences().count(), 0);
    let child = sheet.get("1.1-03.1").map(|row| row.name.as_str());
    assert_eq!(child, Some("กิจกรรมที่ ๑ การอบรมเชิงปฏิบัติการจัดทำหลักสูตรด้านหลักสูตรด้านทุจริตศึกษา"));
    assert_eq!(sheet.children("1.3-05").count(), 3);
}

#[test]
fn a_changed_phatthalung_parent_total_is_flagged() {
    let mut rows = phatthalung().into_rows();
    for row in rows.iter_mut().filter(|row| row.code == "1.1-03") {
        row.budget = Budget::Amount(baht(8_000));
    }
    let sheet = PlanSheet::from_rows(rows).unwrap_or_else(|errors| panic!("{errors}"));
    let total = sheet.leaf_total();
    let flagged: Vec<(&str, Budget, Satang)> = total
        .differences()
        .map(|p| (p.code.as_str(), p.stated, p.computed))
        .collect();
    assert_eq!(flagged, vec![("1.1-03", Budget::Amount(baht(8_000)), baht(7_250))]);
    // The computed total does not move: a parent's own cell is never added.
    assert_eq!(total.computed, baht(987_655));
}

#[test]
fn phatthalung_cells_keep_the_documents_oddities_readable() {
    let sheet = phatthalung();
    let row = |code: &str| sheet.get(code).unwrap_or_else(|| panic!("row {code}"));
    // "<p>ไม่ใช้ งบประมาณ</p>" and the typo "ไม่ใช่ งบประมาณ" both mean no budget needed.
    assert_eq!(row("1.1-03.2").budget, Budget::NotNeeded);
    assert_eq!(row("1.2-15").budget, Budget::NotNeeded);
    // "อยู่ระหว่างการแจ้งยอดจัดสรร" (allocation pending) is not stated, not zero.
    assert_eq!(row("1.3-04").budget, Budget::NotStated);
    // A Phatthalung plan row owned by a Sisaket office: kept as written, for a human to resolve.
    assert_eq!(
        row("1.3-04").org_unit.as_deref(),
        Some("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาศรีสะเกษ เขต ๒")
    );
    assert_eq!(row("1.2-12").kind, ItemKind::Measure);
    assert!(row("1.2-11").name.contains("S&P"));
}

#[test]
fn the_phetchaburi_summary_is_consistent_with_itself() {
    // Goal 1: ๑ + ๓๐ + ๖ = ๓๗ items, ๒๘๑,๙๖๐ + ๑๕,๒๒๐ = ๒๙๗,๑๘๐ baht; goal 2: ๒ items,
    // ๑๖๐,๐๐๐; overall "ภาพรวม ๓๙ ๔๕๗,๑๘๐".
    let sheet = summary("phetchaburi-2566-summary.csv");
    let stated: Vec<(Option<u32>, Option<Satang>)> = sheet
        .rows()
        .iter()
        .map(|row| (row.items, row.budget.amount()))
        .collect();
    assert_eq!(
        stated,
        vec![
            (Some(1), None),
            (Some(30), Some(baht(281_960))),
            (Some(6), Some(baht(15_220))),
            (Some(37), Some(baht(297_180))),
            (Some(1), None),
            (Some(1), Some(baht(160_000))),
            (Some(0), None),
            (Some(0), None),
            (Some(2), Some(baht(160_000))),
            (Some(39), Some(baht(457_180))),
        ]
    );
    assert_eq!(281_960 + 15_220, 297_180);
    assert_eq!(297_180 + 160_000, 457_180);
}

#[test]
fn the_phetchaburi_rows_present_fall_short_of_the_stated_summary() {
    let plan = phetchaburi();
    assert_eq!(plan.rows().len(), 20);
    let checks = summary("phetchaburi-2566-summary.csv").check(&plan);
    let found: Vec<(usize, Satang, bool)> = checks
        .iter()
        .map(|c| (c.computed_items, c.computed_budget, c.differs()))
        .collect();
    assert_eq!(
        found,
        vec![
            (1, Satang::ZERO, false),
            // Items ๘ ๙ ๑๓–๑๙ ๒๑–๒๓ ๒๗–๒๙ are present: 28,200 + 43,590 + 2,120 + 50,000 + 54,100.
            (15, baht(178_010), true),
            // Items ๑ and ๒ of six are present, both "ไม่ใช้ งบประมาณ".
            (2, Satang::ZERO, true),
            (18, baht(178_010), true),
            (1, Satang::ZERO, false),
            (1, baht(160_000), false),
            (0, Satang::ZERO, false),
            (0, Satang::ZERO, false),
            (2, baht(160_000), false),
            (20, baht(338_010), true),
        ]
    );
    assert_eq!(checks[9].budget_difference(), Some(baht(119_170)));
}

#[test]
fn every_fixture_written_and_read_back_is_the_same() {
    for name in ["phatthalung-2567-plan.csv", "phetchaburi-2566-plan.csv"] {
        let sheet = parse_plan_csv(fixture(name).as_slice()).unwrap_or_else(|errors| panic!("{errors}"));
        let mut out = Vec::new();
        write_plan_csv(&mut out, &sheet).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(parse_plan_csv(out.as_slice()), Ok(sheet), "{name}");
    }
    let sheet = nakhon_sawan();
    let mut out = Vec::new();
    write_progress_csv(&mut out, &sheet).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(parse_progress_csv(out.as_slice()), Ok(sheet));
    for name in ["phatthalung-2567-summary.csv", "phetchaburi-2566-summary.csv"] {
        let sheet = summary(name);
        let mut out = Vec::new();
        write_summary_csv(&mut out, &sheet).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(parse_summary_csv(out.as_slice()), Ok(sheet), "{name}");
    }
}

#[test]
fn a_typo_in_one_phatthalung_row_rejects_the_whole_file_naming_its_line() {
    let text = String::from_utf8(fixture("phatthalung-2567-plan.csv")).unwrap_or_default();
    let broken = text
        .replacen("๑๔๕,๙๐๐", "๑๔๕,๙๐x", 1)
        .replacen(",โครงการ,", ",โครงกร,", 1);
    let errors = parse_plan_csv(broken.as_bytes()).expect_err("a broken file");
    let found: Vec<(u64, Option<&str>, &CsvErrorKind)> =
        errors.iter().map(|e| (e.line, e.column.as_deref(), &e.kind)).collect();
    assert_eq!(
        found,
        vec![
            (
                9,
                Some("kind"),
                &CsvErrorKind::BadKind {
                    text: "โครงกร".to_owned()
                }
            ),
            (
                9,
                Some("budget"),
                &CsvErrorKind::Money(MoneyError::NotANumber {
                    text: "๑๔๕,๙๐x".to_owned()
                })
            ),
        ]
    );
    assert!(errors.message_th().contains("บรรทัด 9 คอลัมน์ budget"));
}
