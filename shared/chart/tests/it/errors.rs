//! Bad or empty input gets a typed error, and nothing is drawn.

use sujarit_chart::{render_bar_chart, render_digest, ChartError, MAX_WIDTH, MIN_WIDTH};

use crate::{decode, fixtures};

#[test]
fn a_chart_with_no_bars_is_refused_naming_the_chart() {
    let mut chart = fixtures::completion();
    chart.bars.clear();
    let error = render_bar_chart(&chart, 800).unwrap_err();
    assert!(matches!(&error, ChartError::NoBars { chart } if chart == "ความก้าวหน้าของโครงการ แยกตามหน่วยงาน"));

    let mut digest = fixtures::digest();
    digest.disbursement.bars.clear();
    let error = render_digest(&digest).unwrap_err();
    assert!(matches!(&error, ChartError::NoBars { chart } if chart == "การเบิกจ่ายงบประมาณ แยกตามยุทธศาสตร์"));
}

#[test]
fn a_week_without_complaints_still_renders_with_a_no_data_note() {
    let mut digest = fixtures::digest();
    digest.complaints.clear();
    let (width, _, _) = decode(&render_digest(&digest).unwrap());
    assert_eq!(width, 1200);
}

#[test]
fn a_negative_or_not_finite_value_is_refused_naming_the_bar() {
    for value in [-1.0, f64::NAN, f64::INFINITY] {
        let mut chart = fixtures::completion();
        chart.bars[3].value = value;
        let error = render_bar_chart(&chart, 800).unwrap_err();
        assert!(
            matches!(&error, ChartError::InvalidValue { label, .. } if label == "ที่ทำการปกครองอำเภอเมืองลำพูน"),
            "{error}"
        );
    }
}

#[test]
fn a_max_of_zero_is_refused() {
    let mut chart = fixtures::completion();
    chart.max = Some(0.0);
    assert!(matches!(
        render_bar_chart(&chart, 800),
        Err(ChartError::InvalidMax { .. })
    ));
}

#[test]
fn a_width_outside_the_limits_is_refused() {
    let chart = fixtures::completion();
    for width in [0, MIN_WIDTH - 1, MAX_WIDTH + 1] {
        assert!(
            matches!(render_bar_chart(&chart, width), Err(ChartError::InvalidWidth { .. })),
            "{width}"
        );
    }
    render_bar_chart(&chart, MIN_WIDTH).unwrap();
}

#[test]
fn a_chart_too_tall_to_draw_is_refused() {
    let mut chart = fixtures::completion();
    let bar = chart.bars[0].clone();
    chart.bars = vec![bar; 1_000];
    assert!(matches!(render_bar_chart(&chart, 800), Err(ChartError::TooTall { .. })));
}
