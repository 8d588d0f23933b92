//! The Thai government fiscal calendar: fiscal years, quarters and reporting periods.
//!
//! A fiscal year runs 1 October – 30 September and is named by the Buddhist Era year in which
//! it ends: FY2567 is 1 Oct 2023 – 30 Sep 2024 (CE). Its quarters are Q1 Oct–Dec, Q2 Jan–Mar,
//! Q3 Apr–Jun and Q4 Jul–Sep. Plans are reported per quarter, for the first six months
//! (H1 = Q1 + Q2, 1 Oct – 31 Mar, due 5 April) and for the whole year (due 5 October).
//! Date ranges here are inclusive `RangeInclusive<NaiveDate>` in CE.

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::date::{ymd, DateError};
use crate::digits::to_arabic_digits;
use crate::year::{be_to_ce, ce_to_be, parse_year};

/// A fiscal year, named by the Buddhist Era year in which it ends (FY2567 ends 30 Sep 2024).
///
/// Serialized as the BE year number, e.g. `2567`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct FiscalYear(i32);

impl FiscalYear {
    /// The earliest supported fiscal year, BE (the first year input parsing reads as BE).
    pub const MIN_BE: i32 = 2400;
    /// The latest supported fiscal year, BE (the last four-digit one).
    pub const MAX_BE: i32 = 9999;

    /// The fiscal year named by this BE year; an error outside BE 2400–9999.
    pub fn from_be(be: i32) -> Result<Self, DateError> {
        if (Self::MIN_BE..=Self::MAX_BE).contains(&be) {
            Ok(Self(be))
        } else {
            Err(DateError::FiscalYearOutOfRange { be })
        }
    }

    /// The fiscal year containing a (CE) date: 1 Oct 2023 and 30 Sep 2024 are both in FY2567.
    pub fn from_date(date: NaiveDate) -> Result<Self, DateError> {
        let ce_end_year = if date.month() >= 10 {
            date.year().saturating_add(1)
        } else {
            date.year()
        };
        Self::from_be(ce_to_be(ce_end_year)).map_err(|_| DateError::DateOutOfRange { date })
    }

    /// The BE year that names this fiscal year, e.g. 2567.
    pub fn be(self) -> i32 {
        self.0
    }

    /// The CE year in which this fiscal year ends, e.g. 2024 for FY2567.
    pub fn ce_end_year(self) -> i32 {
        be_to_ce(self.0)
    }

    /// The first day: 1 October of the previous CE year.
    pub fn start(self) -> NaiveDate {
        ymd(self.ce_end_year() - 1, 10, 1)
    }

    /// The last day: 30 September of the CE year in which it ends.
    pub fn end(self) -> NaiveDate {
        ymd(self.ce_end_year(), 9, 30)
    }

    /// All days of the fiscal year.
    pub fn days(self) -> RangeInclusive<NaiveDate> {
        self.start()..=self.end()
    }

    /// Whether the date falls in this fiscal year.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.days().contains(&date)
    }

    /// The days of a reporting period of this fiscal year.
    pub fn period(self, period: Period) -> RangeInclusive<NaiveDate> {
        period.days(self)
    }

    /// The Thai label: "ปีงบประมาณ พ.ศ. 2567".
    pub fn label_th(self) -> String {
        format!("ปีงบประมาณ พ.ศ. {}", self.0)
    }

    /// The English label: "FY2567".
    pub fn label_en(self) -> String {
        format!("FY{}", self.0)
    }
}

/// The BE year number, e.g. "2567".
impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Reads "2567", "๒๕๖๗", "67", "FY2567" or "ปีงบประมาณ พ.ศ. ๒๕๖๗".
///
/// The year follows [`crate::parse_year`]: "2024" is a CE year and names FY2567, which ends in it.
impl FromStr for FiscalYear {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let trimmed = text.trim();
        let lower = trimmed.to_lowercase();
        let year = ["ปีงบประมาณ", "ปีงบ", "fy"]
            .iter()
            .find_map(|prefix| lower.strip_prefix(prefix))
            .unwrap_or(&lower);
        let bad = || DateError::BadFiscalYear {
            text: trimmed.to_owned(),
        };
        let ce = parse_year(year).map_err(|_| bad())?;
        Self::from_be(ce_to_be(ce))
    }
}

impl TryFrom<i32> for FiscalYear {
    type Error = DateError;

    fn try_from(be: i32) -> Result<Self, DateError> {
        Self::from_be(be)
    }
}

impl From<FiscalYear> for i32 {
    fn from(year: FiscalYear) -> i32 {
        year.0
    }
}

/// A quarter of the fiscal year: Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep.
///
/// Serialized as "q1" … "q4".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quarter {
    /// October – December.
    Q1,
    /// January – March.
    Q2,
    /// April – June.
    Q3,
    /// July – September.
    Q4,
}

impl Quarter {
    /// The four quarters in fiscal order.
    pub const ALL: [Quarter; 4] = [Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4];

    /// The quarter numbered 1–4, or `None`.
    pub fn from_number(number: u8) -> Option<Self> {
        let index = usize::from(number).checked_sub(1)?;
        Self::ALL.get(index).copied()
    }

    /// The quarter containing a date (October is in Q1).
    pub fn from_date(date: NaiveDate) -> Self {
        match date.month() {
            10..=12 => Self::Q1,
            1..=3 => Self::Q2,
            4..=6 => Self::Q3,
            _ => Self::Q4,
        }
    }

    /// The quarter's number, 1–4.
    pub fn number(self) -> u8 {
        match self {
            Self::Q1 => 1,
            Self::Q2 => 2,
            Self::Q3 => 3,
            Self::Q4 => 4,
        }
    }

    /// The days of this quarter in a fiscal year (Q1 of FY2567 is 1 Oct – 31 Dec 2023).
    pub fn days(self, year: FiscalYear) -> RangeInclusive<NaiveDate> {
        let ce = year.ce_end_year();
        match self {
            Self::Q1 => ymd(ce - 1, 10, 1)..=ymd(ce - 1, 12, 31),
            Self::Q2 => ymd(ce, 1, 1)..=ymd(ce, 3, 31),
            Self::Q3 => ymd(ce, 4, 1)..=ymd(ce, 6, 30),
            Self::Q4 => ymd(ce, 7, 1)..=ymd(ce, 9, 30),
        }
    }

    /// The code used in files and on the wire: "q1" … "q4".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Q1 => "q1",
            Self::Q2 => "q2",
            Self::Q3 => "q3",
            Self::Q4 => "q4",
        }
    }

    /// The Thai label: "ไตรมาส 1".
    pub fn label_th(self) -> &'static str {
        match self {
            Self::Q1 => "ไตรมาส 1",
            Self::Q2 => "ไตรมาส 2",
            Self::Q3 => "ไตรมาส 3",
            Self::Q4 => "ไตรมาส 4",
        }
    }

    /// The English label: "Q1".
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Q1 => "Q1",
            Self::Q2 => "Q2",
            Self::Q3 => "Q3",
            Self::Q4 => "Q4",
        }
    }
}

/// The code "q1" … "q4".
impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads "q1", "Q1", "1", "ไตรมาส 1", "ไตรมาสที่ ๑".
impl FromStr for Quarter {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let key = period_key(text);
        let number = ["ไตรมาสที่", "ไตรมาส", "q"]
            .iter()
            .find_map(|prefix| key.strip_prefix(prefix))
            .unwrap_or(&key);
        match number {
            "1" => Ok(Self::Q1),
            "2" => Ok(Self::Q2),
            "3" => Ok(Self::Q3),
            "4" => Ok(Self::Q4),
            _ => Err(DateError::UnknownQuarter {
                text: text.trim().to_owned(),
            }),
        }
    }
}

/// A reporting period of a fiscal year: one quarter, the first six months, or the whole year.
///
/// Serialized as "q1" … "q4", "h1", "annual".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// October – December.
    Q1,
    /// January – March.
    Q2,
    /// April – June.
    Q3,
    /// July – September.
    Q4,
    /// The 6-month round: Q1 + Q2, 1 October – 31 March.
    H1,
    /// The 12-month round: the whole fiscal year.
    Annual,
}

impl Period {
    /// Every period, quarters first.
    pub const ALL: [Period; 6] = [
        Period::Q1,
        Period::Q2,
        Period::Q3,
        Period::Q4,
        Period::H1,
        Period::Annual,
    ];

    /// The quarters the period covers, in order.
    pub fn quarters(self) -> &'static [Quarter] {
        match self {
            Self::Q1 => &Quarter::ALL[0..1],
            Self::Q2 => &Quarter::ALL[1..2],
            Self::Q3 => &Quarter::ALL[2..3],
            Self::Q4 => &Quarter::ALL[3..4],
            Self::H1 => &Quarter::ALL[0..2],
            Self::Annual => &Quarter::ALL,
        }
    }

    /// The days of this period in a fiscal year (H1 of FY2566 is 1 Oct 2022 – 31 Mar 2023).
    pub fn days(self, year: FiscalYear) -> RangeInclusive<NaiveDate> {
        let (first, last) = match self {
            Self::Q1 => (Quarter::Q1, Quarter::Q1),
            Self::Q2 => (Quarter::Q2, Quarter::Q2),
            Self::Q3 => (Quarter::Q3, Quarter::Q3),
            Self::Q4 => (Quarter::Q4, Quarter::Q4),
            Self::H1 => (Quarter::Q1, Quarter::Q2),
            Self::Annual => (Quarter::Q1, Quarter::Q4),
        };
        *first.days(year).start()..=*last.days(year).end()
    }

    /// The code used in files and on the wire: "q1" … "q4", "h1", "annual".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Q1 => "q1",
            Self::Q2 => "q2",
            Self::Q3 => "q3",
            Self::Q4 => "q4",
            Self::H1 => "h1",
            Self::Annual => "annual",
        }
    }

    /// The Thai label as documents write it: "ไตรมาส 1", "6 เดือน", "12 เดือน".
    pub fn label_th(self) -> &'static str {
        match self {
            Self::Q1 => "ไตรมาส 1",
            Self::Q2 => "ไตรมาส 2",
            Self::Q3 => "ไตรมาส 3",
            Self::Q4 => "ไตรมาส 4",
            Self::H1 => "6 เดือน",
            Self::Annual => "12 เดือน",
        }
    }

    /// The English label: "Q1", "6 months", "12 months".
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Q1 => "Q1",
            Self::Q2 => "Q2",
            Self::Q3 => "Q3",
            Self::Q4 => "Q4",
            Self::H1 => "6 months",
            Self::Annual => "12 months",
        }
    }
}

impl From<Quarter> for Period {
    fn from(quarter: Quarter) -> Self {
        match quarter {
            Quarter::Q1 => Self::Q1,
            Quarter::Q2 => Self::Q2,
            Quarter::Q3 => Self::Q3,
            Quarter::Q4 => Self::Q4,
        }
    }
}

/// The code "q1" … "q4", "h1", "annual".
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Reads the codes ("q1", "h1", "annual", any case) and the Thai labels ("ไตรมาส 1",
/// "ไตรมาสที่ ๑", "6 เดือน", "๑๒ เดือน"); spaces are ignored.
impl FromStr for Period {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let period = match period_key(text).as_str() {
            "q1" | "ไตรมาส1" | "ไตรมาสที่1" => Self::Q1,
            "q2" | "ไตรมาส2" | "ไตรมาสที่2" => Self::Q2,
            "q3" | "ไตรมาส3" | "ไตรมาสที่3" => Self::Q3,
            "q4" | "ไตรมาส4" | "ไตรมาสที่4" => Self::Q4,
            "h1" | "6เดือน" | "6months" => Self::H1,
            "annual" | "12เดือน" | "12months" => Self::Annual,
            _ => {
                return Err(DateError::UnknownPeriod {
                    text: text.trim().to_owned(),
                })
            }
        };
        Ok(period)
    }
}

/// Lower-cases, folds Thai digits to Arabic and drops whitespace, so spellings compare equal.
fn period_key(text: &str) -> String {
    to_arabic_digits(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        ymd(y, m, d)
    }

    fn fy(be: i32) -> FiscalYear {
        FiscalYear::from_be(be).expect("a supported test year")
    }

    #[test]
    fn fiscal_year_2567_runs_from_october_2023_to_september_2024() {
        let year = fy(2567);
        assert_eq!(year.start(), date(2023, 10, 1));
        assert_eq!(year.end(), date(2024, 9, 30));
        assert_eq!(year.ce_end_year(), 2024);
    }

    #[test]
    fn the_nakhon_sawan_report_year_2565_runs_1_october_2564_to_30_september_2565() {
        // The seed writes the range as "1 ตุลาคม 2564 – 30 กันยายน 2565".
        assert_eq!(fy(2565).days(), date(2021, 10, 1)..=date(2022, 9, 30));
    }

    #[test]
    fn a_date_belongs_to_the_fiscal_year_ending_after_it() {
        assert_eq!(FiscalYear::from_date(date(2023, 10, 1)), Ok(fy(2567)));
        assert_eq!(FiscalYear::from_date(date(2024, 9, 30)), Ok(fy(2567)));
        assert_eq!(FiscalYear::from_date(date(2023, 9, 30)), Ok(fy(2566)));
        // The Lamphun 6-month report is dated 24 March 2566 (CE 2023), inside FY2566.
        assert_eq!(FiscalYear::from_date(date(2023, 3, 24)), Ok(fy(2566)));
    }

    #[test]
    fn fiscal_years_outside_the_supported_range_are_errors() {
        assert_eq!(
            FiscalYear::from_be(2399),
            Err(DateError::FiscalYearOutOfRange { be: 2399 })
        );
        assert_eq!(
            FiscalYear::from_be(10_000),
            Err(DateError::FiscalYearOutOfRange { be: 10_000 })
        );
        assert_eq!(
            FiscalYear::from_date(date(1500, 1, 1)),
            Err(DateError::DateOutOfRange { date: date(1500, 1, 1) })
        );
    }

    #[test]
    fn fiscal_years_parse_from_thai_and_english_forms() {
        for text in ["2567", "๒๕๖๗", "67", "FY2567", "fy 2567", "ปีงบประมาณ พ.ศ. ๒๕๖๗", "2024"]
        {
            assert_eq!(text.parse(), Ok(fy(2567)), "{text:?}");
        }
        assert_eq!(
            "next year".parse::<FiscalYear>(),
            Err(DateError::BadFiscalYear {
                text: "next year".to_owned()
            })
        );
    }

    #[test]
    fn a_fiscal_year_displays_as_its_buddhist_year() {
        assert_eq!(fy(2567).to_string(), "2567");
        assert_eq!(fy(2567).label_th(), "ปีงบประมาณ พ.ศ. 2567");
        assert_eq!(fy(2567).label_en(), "FY2567");
    }

    #[test]
    fn quarters_start_in_october() {
        let year = fy(2567);
        assert_eq!(Quarter::Q1.days(year), date(2023, 10, 1)..=date(2023, 12, 31));
        assert_eq!(Quarter::Q2.days(year), date(2024, 1, 1)..=date(2024, 3, 31));
        assert_eq!(Quarter::Q3.days(year), date(2024, 4, 1)..=date(2024, 6, 30));
        assert_eq!(Quarter::Q4.days(year), date(2024, 7, 1)..=date(2024, 9, 30));
    }

    #[test]
    fn the_quarter_of_a_date_follows_its_month() {
        assert_eq!(Quarter::from_date(date(2023, 10, 1)), Quarter::Q1);
        assert_eq!(Quarter::from_date(date(2023, 12, 31)), Quarter::Q1);
        assert_eq!(Quarter::from_date(date(2024, 1, 1)), Quarter::Q2);
        assert_eq!(Quarter::from_date(date(2024, 6, 30)), Quarter::Q3);
        assert_eq!(Quarter::from_date(date(2024, 7, 1)), Quarter::Q4);
    }

    #[test]
    fn the_six_month_round_of_2566_is_october_2022_to_march_2023() {
        // The Lamphun seed reports "6 เดือน" of FY2566: 1 Oct 2565 – 31 Mar 2566 (BE).
        assert_eq!(fy(2566).period(Period::H1), date(2022, 10, 1)..=date(2023, 3, 31));
        assert_eq!(Period::H1.quarters(), &[Quarter::Q1, Quarter::Q2]);
    }

    #[test]
    fn the_annual_period_is_the_whole_fiscal_year_and_quarter_periods_match_quarters() {
        let year = fy(2567);
        assert_eq!(Period::Annual.days(year), year.days());
        for quarter in Quarter::ALL {
            assert_eq!(Period::from(quarter).days(year), quarter.days(year));
        }
    }

    #[test]
    fn periods_parse_from_codes_and_thai_labels() {
        let cases = [
            ("q1", Period::Q1),
            ("Q2", Period::Q2),
            ("ไตรมาส 3", Period::Q3),
            ("ไตรมาสที่ ๔", Period::Q4),
            ("h1", Period::H1),
            ("6 เดือน", Period::H1),
            ("๖ เดือน", Period::H1),
            ("annual", Period::Annual),
            ("12 เดือน", Period::Annual),
            ("๑๒ เดือน", Period::Annual),
        ];
        for (text, period) in cases {
            assert_eq!(text.parse(), Ok(period), "{text:?}");
        }
        assert_eq!(
            "q5".parse::<Period>(),
            Err(DateError::UnknownPeriod { text: "q5".to_owned() })
        );
    }

    #[test]
    fn every_period_displays_as_a_code_that_parses_back() {
        for period in Period::ALL {
            assert_eq!(period.to_string().parse(), Ok(period));
            assert_eq!(period.label_th().parse(), Ok(period));
        }
    }

    #[test]
    fn quarters_parse_from_codes_numbers_and_thai_labels() {
        assert_eq!("q1".parse(), Ok(Quarter::Q1));
        assert_eq!("3".parse(), Ok(Quarter::Q3));
        assert_eq!("ไตรมาสที่ ๒".parse(), Ok(Quarter::Q2));
        for text in ["h1", "5", "0", "annual"] {
            assert!(
                matches!(text.parse::<Quarter>(), Err(DateError::UnknownQuarter { .. })),
                "{text:?}"
            );
        }
        for quarter in Quarter::ALL {
            assert_eq!(quarter.to_string().parse(), Ok(quarter));
            assert_eq!(Quarter::from_number(quarter.number()), Some(quarter));
        }
    }

    #[test]
    fn fiscal_years_and_periods_deserialize_from_their_wire_forms() {
        use serde::de::value::{Error, I32Deserializer, StrDeserializer};
        use serde::de::IntoDeserializer;

        let year: Result<FiscalYear, Error> =
            FiscalYear::deserialize(IntoDeserializer::<Error>::into_deserializer(2567_i32));
        assert_eq!(year, Ok(fy(2567)));
        let too_early = FiscalYear::deserialize(I32Deserializer::<Error>::new(1999));
        assert!(too_early.is_err());
        let period = Period::deserialize(StrDeserializer::<Error>::new("annual"));
        assert_eq!(period, Ok(Period::Annual));
        let quarter = Quarter::deserialize(StrDeserializer::<Error>::new("q3"));
        assert_eq!(quarter, Ok(Quarter::Q3));
        assert_eq!(i32::from(fy(2567)), 2567);
    }
}
