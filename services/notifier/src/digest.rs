//! The committee's digest: a round's completion by agency, disbursement against budget by
//! dimension, and the complaint figures, drawn as one PNG (`sujarit_chart`). The figures are taken
//! from the query service's round report and complaint statistics as they are, so the chart and
//! the report never disagree.

use sujarit_chart::{Bar, BarChart, Digest};
use sujarit_contracts::query::{ComplaintStats, RoundReport};

/// "66.67" → 66.67 (a report's two-decimal percent text); `None` stays `None`.
fn percent(text: Option<&str>) -> Option<f64> {
    text.and_then(|t| t.parse::<f64>().ok())
}

/// The digest of one round (and, when given, the complaint statistics of its fiscal year).
pub fn digest(report: &RoundReport, complaints: Option<&ComplaintStats>) -> Digest {
    let completion = BarChart {
        title: "ความครบถ้วนของการรายงานรายหน่วยงาน · reporting completeness by agency".into(),
        subtitle: Some(format!(
            "รายงานแล้ว {} จาก {} รายการ ({}%) · ตรงเวลา {} รายการ",
            report.completeness.counted,
            report.completeness.expected,
            report.completeness.percent.as_deref().unwrap_or("-"),
            report.timeliness.counted
        )),
        bars: report
            .org_units
            .iter()
            .map(|unit| Bar {
                label: unit.name.clone(),
                value: percent(unit.completeness.percent.as_deref()).unwrap_or(0.0),
                note: Some(format!(
                    "{}/{}{}",
                    unit.completeness.counted,
                    unit.completeness.expected,
                    if unit.late { " ล่าช้า" } else { "" }
                )),
            })
            .collect(),
        value_suffix: "%".into(),
        max: Some(100.0),
    };
    let disbursement = BarChart {
        title: "การเบิกจ่ายเทียบงบประมาณรายมิติ · disbursed against budget by dimension".into(),
        subtitle: Some(format!(
            "รวม {} จาก {} บาท ({}%)",
            sujarit_thai::Satang::group_plain(&report.overall.disbursed.total),
            sujarit_thai::Satang::group_plain(&report.overall.budget.total),
            report.overall.disbursed.percent.as_deref().unwrap_or("-")
        )),
        bars: report
            .dimensions
            .iter()
            .map(|d| Bar {
                label: d.dimension.clone(),
                value: percent(d.figures.disbursed.percent.as_deref()).unwrap_or(0.0),
                note: Some(format!(
                    "{} / {} บาท",
                    d.figures.disbursed.total, d.figures.budget.total
                )),
            })
            .collect(),
        value_suffix: "%".into(),
        max: None,
    };
    let complaints = complaints
        .map(|stats| {
            vec![
                ("รับเรื่อง · received".to_string(), u64::from(stats.total.received)),
                (
                    "ระหว่างดำเนินการ · in progress".to_string(),
                    u64::from(stats.total.in_progress),
                ),
                ("เสร็จสิ้น · completed".to_string(), u64::from(stats.total.completed)),
                ("ส่งต่อ · referred".to_string(), u64::from(stats.total.referred)),
                ("เกินกำหนด · overdue".to_string(), u64::from(stats.overdue_open)),
            ]
        })
        .unwrap_or_default();
    Digest {
        title: if report.plan_title.is_empty() {
            "สรุปผลประจำสัปดาห์ · weekly digest".into()
        } else {
            report.plan_title.clone()
        },
        period: format!(
            "รอบรายงาน {} ปีงบประมาณ {} · กำหนดส่ง {}",
            report.period.label_th(),
            report.fiscal_year,
            sujarit_thai::format_thai_date(report.due_on)
        ),
        completion,
        disbursement,
        complaints,
        footer: "ระบบสุจริต · Sujarit — ตัวเลขจากรายงานรอบเดียวกัน (sujarit report round)".into(),
    }
}

/// The digest as PNG bytes.
pub fn render(report: &RoundReport, complaints: Option<&ComplaintStats>) -> Result<Vec<u8>, sujarit_chart::ChartError> {
    sujarit_chart::render_digest(&digest(report, complaints))
}
