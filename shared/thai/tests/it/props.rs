//! Property tests: conversions that must round-trip for every value, and parsers that must
//! never panic on any text.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use sujarit_thai::{
    be_to_ce, ce_to_be, format_thai_date, format_thai_date_long, parse_money, parse_month_range, parse_thai_date,
    parse_year, to_arabic_digits, to_thai_digits, year_to_ce, Budget, FiscalYear, Period, Quarter, Satang, YearMonth,
};

/// Dates whose fiscal year is supported: 1 Oct 1856 – 30 Sep 9456 (CE), i.e. FY2400–FY9999.
fn supported_date() -> impl Strategy<Value = NaiveDate> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a fixed valid date");
    let (first, last) = (day(1856, 10, 1).num_days_from_ce(), day(9456, 9, 30).num_days_from_ce());
    (first..=last).prop_filter_map("a day chrono represents", NaiveDate::from_num_days_from_ce_opt)
}

proptest! {
    #[test]
    fn thai_digits_round_trip_through_arabic_digits(text in "\\PC*") {
        prop_assert_eq!(to_arabic_digits(&to_thai_digits(&text)), to_arabic_digits(&text));
        prop_assert_eq!(to_thai_digits(&to_arabic_digits(&text)), to_thai_digits(&text));
    }

    #[test]
    fn arabic_digit_strings_come_back_unchanged_from_thai(digits in "[0-9]{0,30}") {
        let thai = to_thai_digits(&digits);
        prop_assert!(!thai.chars().any(|c| c.is_ascii_digit()));
        prop_assert_eq!(to_arabic_digits(&thai), digits);
    }

    #[test]
    fn a_displayed_amount_parses_back_to_the_same_satang(satang in 0_i64..=i64::MAX) {
        let amount = Satang(satang);
        prop_assert_eq!(parse_money(&amount.to_string()), Ok(Budget::Amount(amount)));
        prop_assert_eq!(parse_money(&to_thai_digits(&amount.to_string())), Ok(Budget::Amount(amount)));
        prop_assert_eq!(parse_money(&format!("{amount} บาท")), Ok(Budget::Amount(amount)));
        prop_assert_eq!(parse_money(&amount.to_plain()), Ok(Budget::Amount(amount)));
    }

    #[test]
    fn any_satang_survives_its_plain_wire_form(satang in any::<i64>()) {
        let amount = Satang(satang);
        prop_assert_eq!(amount.to_plain().parse::<Satang>(), Ok(amount));
        prop_assert_eq!(amount.to_string().parse::<Satang>(), Ok(amount));
    }

    #[test]
    fn a_budget_survives_its_csv_field(satang in 0_i64..=i64::MAX, kind in 0_u8..3) {
        let budget = match kind {
            0 => Budget::Amount(Satang(satang)),
            1 => Budget::NotNeeded,
            _ => Budget::NotStated,
        };
        prop_assert_eq!(parse_money(&budget.to_csv()), Ok(budget));
    }

    #[test]
    fn the_fiscal_year_and_quarter_of_a_date_contain_it(date in supported_date()) {
        let year = FiscalYear::from_date(date).expect("every generated date is supported");
        prop_assert!(year.contains(date));
        prop_assert!(year.start() <= date && date <= year.end());
        let quarter = Quarter::from_date(date);
        prop_assert!(quarter.days(year).contains(&date));
        prop_assert!(Period::from(quarter).days(year).contains(&date));
        prop_assert!(Period::Annual.days(year).contains(&date));
        prop_assert_eq!(Period::H1.days(year).contains(&date), quarter <= Quarter::Q2);
        // The neighbouring fiscal years do not contain it.
        for other in [year.be() - 1, year.be() + 1] {
            if let Ok(other) = FiscalYear::from_be(other) {
                prop_assert!(!other.contains(date));
            }
        }
    }

    #[test]
    fn buddhist_and_common_era_years_convert_both_ways(ce in -1_000_000_i32..1_000_000) {
        prop_assert_eq!(be_to_ce(ce_to_be(ce)), ce);
        prop_assert_eq!(ce_to_be(be_to_ce(ce)), ce);
    }

    #[test]
    fn a_written_buddhist_year_reads_back_as_its_common_year(ce in 1857_i32..=9456) {
        let be = ce_to_be(ce);
        prop_assert_eq!(year_to_ce(be), ce);
        prop_assert_eq!(parse_year(&be.to_string()), Ok(ce));
        prop_assert_eq!(parse_year(&to_thai_digits(&be.to_string())), Ok(ce));
    }

    #[test]
    fn a_formatted_thai_date_parses_back_to_the_same_day(date in supported_date()) {
        // Before 1857 the BE year is below 2400 and, by the input rule, reads back as CE.
        prop_assume!(date.year() >= 1857);
        prop_assert_eq!(parse_thai_date(&format_thai_date(date)), Ok(date));
        prop_assert_eq!(parse_thai_date(&format_thai_date_long(date)), Ok(date));
        prop_assert_eq!(parse_thai_date(&to_thai_digits(&format_thai_date(date))), Ok(date));
        // ISO dates carry a CE year only below 2400; from there on the year reads as BE.
        if date.year() < 2400 {
            prop_assert_eq!(parse_thai_date(&date.format("%Y-%m-%d").to_string()), Ok(date));
        }
        let be_iso = format!("{:04}-{:02}-{:02}", ce_to_be(date.year()), date.month(), date.day());
        prop_assert_eq!(parse_thai_date(&be_iso), Ok(date));
    }

    #[test]
    fn a_year_month_survives_its_wire_form(year in 0_i32..=9999, month in 1_u32..=12) {
        let value = YearMonth::new(year, month).expect("year and month are in range");
        prop_assert_eq!(YearMonth::try_from(String::from(value)), Ok(value));
        if year < 2400 {
            prop_assert_eq!(value.to_string().parse::<YearMonth>(), Ok(value));
        }
        prop_assert!(value.first_day() <= value.last_day());
    }

    #[test]
    fn parsers_never_panic_on_any_text(text in "\\PC{0,40}") {
        let _ = parse_money(&text);
        let _ = parse_thai_date(&text);
        let _ = parse_month_range(&text);
        let _ = parse_year(&text);
        let _ = text.parse::<Period>();
        let _ = text.parse::<Quarter>();
        let _ = text.parse::<FiscalYear>();
        let _ = text.parse::<YearMonth>();
    }

    #[test]
    fn parsers_never_panic_on_document_like_text(
        text in "[๐-๙0-9 .,\\-–/]{0,6}(ม\\.ค\\.|เมษายน|ก\\.ย\\.|บาท|พ\\.ศ\\.)?[๐-๙0-9 .,\\-–]{0,12}"
    ) {
        let _ = parse_money(&text);
        let _ = parse_thai_date(&text);
        let _ = parse_month_range(&text);
        let _ = parse_year(&text);
    }
}
