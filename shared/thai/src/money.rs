//! Money as whole satang, and budgets that keep "not needed", zero and "not stated" apart.
//!
//! Amounts are `i64` satang (1 baht = 100 satang), never floating point, so totals computed
//! from rows are exact and can be compared with the totals a document states. Documents and
//! CSV files write amounts as "๑๕,๐๐๐.-", "15,000.-", "1,034,655 บาท" or "275145.00", and
//! write "ไม่ใช้งบประมาณ" or "-" when an item needs no money. No budget needed, zero, and
//! not stated are three different values: [`Budget`] never collapses them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::digits::to_arabic_digits;

/// An amount of money in satang (hundredths of a baht).
///
/// `Display` writes baht with thousands separators ("1,034,655.00");
/// [`Satang::to_plain`] and serde use the plain decimal string "1034655.00", never a float.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Satang(pub i64);

impl Satang {
    /// No money.
    pub const ZERO: Satang = Satang(0);

    /// A whole number of baht, or `None` if it does not fit.
    pub fn from_baht(baht: i64) -> Option<Self> {
        baht.checked_mul(100).map(Self)
    }

    /// The amount in satang.
    pub fn get(self) -> i64 {
        self.0
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: Satang) -> Option<Satang> {
        self.0.checked_add(other.0).map(Self)
    }

    /// The difference, or `None` on overflow.
    pub fn checked_sub(self, other: Satang) -> Option<Satang> {
        self.0.checked_sub(other.0).map(Self)
    }

    /// The sum of all amounts, or `None` on overflow; the sum of nothing is zero.
    pub fn checked_sum<I: IntoIterator<Item = Satang>>(amounts: I) -> Option<Satang> {
        amounts
            .into_iter()
            .try_fold(Self::ZERO, |total, amount| total.checked_add(amount))
    }

    /// A plain decimal as the reports carry it ("987655.00") read back; `None` when it is not one.
    pub fn from_plain(plain: &str) -> Option<Satang> {
        parse_money(plain).ok().and_then(|budget| budget.amount())
    }

    /// A plain decimal ("987655.00") shown with thousands separators ("987,655.00"); text that
    /// is not an amount is returned as it is.
    pub fn group_plain(plain: &str) -> String {
        Satang::from_plain(plain).map_or_else(|| plain.to_string(), |amount| amount.to_string())
    }

    /// The plain decimal form for JSON and CSV: "275145.00", "-5.50".
    pub fn to_plain(self) -> String {
        let (sign, baht, satang) = self.parts();
        format!("{sign}{baht}.{satang:02}")
    }

    /// Sign, whole baht and remaining satang of the absolute value.
    fn parts(self) -> (&'static str, u64, u64) {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        (sign, abs / 100, abs % 100)
    }
}

/// Baht with thousands separators and two decimals: "1,034,655.00".
impl fmt::Display for Satang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (sign, baht, satang) = self.parts();
        let digits = baht.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "{sign}{grouped}.{satang:02}")
    }
}

/// Reads any amount form [`parse_money`] accepts, and also a leading minus ("-5.00"), since a
/// difference between two totals may be negative. Words such as "ไม่ใช้งบประมาณ" are errors here.
impl FromStr for Satang {
    type Err = MoneyError;

    fn from_str(text: &str) -> Result<Self, MoneyError> {
        parse_amount(text, Sign::MayBeNegative)
    }
}

impl TryFrom<String> for Satang {
    type Error = MoneyError;

    fn try_from(text: String) -> Result<Self, MoneyError> {
        text.parse()
    }
}

impl From<Satang> for String {
    fn from(amount: Satang) -> String {
        amount.to_plain()
    }
}

/// The budget of a plan item, or an amount disbursed.
///
/// Serialized as `{"amount": "15000.00"}`, `"not_needed"` or `"not_stated"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Budget {
    /// A stated amount, which may be zero.
    Amount(Satang),
    /// The item needs no money ("ไม่ใช้งบประมาณ", "-", "none").
    NotNeeded,
    /// Nothing was written.
    NotStated,
}

impl Budget {
    /// The amount, if one was stated.
    pub fn amount(self) -> Option<Satang> {
        match self {
            Self::Amount(amount) => Some(amount),
            Self::NotNeeded | Self::NotStated => None,
        }
    }

    /// The CSV field that [`parse_money`] reads back: "15000.00", "none" or "".
    pub fn to_csv(self) -> String {
        match self {
            Self::Amount(amount) => amount.to_plain(),
            Self::NotNeeded => "none".to_owned(),
            Self::NotStated => String::new(),
        }
    }

    /// The Thai label: "15,000.00 บาท", "ไม่ใช้งบประมาณ" or "ไม่ระบุ".
    pub fn label_th(self) -> String {
        match self {
            Self::Amount(amount) => format!("{amount} บาท"),
            Self::NotNeeded => "ไม่ใช้งบประมาณ".to_owned(),
            Self::NotStated => "ไม่ระบุ".to_owned(),
        }
    }

    /// The English label: "15,000.00 baht", "no budget needed" or "not stated".
    pub fn label_en(self) -> String {
        match self {
            Self::Amount(amount) => format!("{amount} baht"),
            Self::NotNeeded => "no budget needed".to_owned(),
            Self::NotStated => "not stated".to_owned(),
        }
    }
}

/// Same as [`parse_money`].
impl FromStr for Budget {
    type Err = MoneyError;

    fn from_str(text: &str) -> Result<Self, MoneyError> {
        parse_money(text)
    }
}

/// An amount of money that could not be read; every variant names the offending text.
///
/// `Display` gives the English message; [`MoneyError::message_th`] gives the Thai one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Letters or other characters that are not part of an amount.
    #[error("\"{text}\" is not an amount of money: write e.g. 15,000 or 15,000.50")]
    NotANumber {
        /// The offending text.
        text: String,
    },
    /// A minus sign on an amount that cannot be negative.
    #[error("\"{text}\" is negative: an amount cannot be below zero")]
    Negative {
        /// The offending text.
        text: String,
    },
    /// More than two decimals: satang are the smallest unit.
    #[error("\"{text}\" has more than two decimals: satang are the smallest unit")]
    TooManyDecimals {
        /// The offending text.
        text: String,
    },
    /// Thousands separators not between groups of three digits.
    #[error("\"{text}\" has thousands separators in the wrong places: write e.g. 1,034,655")]
    Misgrouped {
        /// The offending text.
        text: String,
    },
    /// Too large to hold.
    #[error("\"{text}\" is too large to be an amount")]
    Overflow {
        /// The offending text.
        text: String,
    },
}

impl MoneyError {
    /// The message in English (the same as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The message in Thai.
    pub fn message_th(&self) -> String {
        match self {
            Self::NotANumber { text } => {
                format!("\"{text}\" ไม่ใช่จำนวนเงิน: ให้เขียน เช่น 15,000 หรือ 15,000.50")
            }
            Self::Negative { text } => {
                format!("\"{text}\" ติดลบ: จำนวนเงินต้องไม่น้อยกว่าศูนย์")
            }
            Self::TooManyDecimals { text } => {
                format!("\"{text}\" มีทศนิยมเกินสองตำแหน่ง: หน่วยที่เล็กที่สุดคือสตางค์")
            }
            Self::Misgrouped { text } => {
                format!("\"{text}\" ใส่เครื่องหมายจุลภาคคั่นหลักพันไม่ถูกตำแหน่ง: ให้เขียน เช่น 1,034,655")
            }
            Self::Overflow { text } => format!("\"{text}\" มีค่ามากเกินกว่าจะเป็นจำนวนเงินได้"),
        }
    }

    /// The text that could not be read.
    pub fn text(&self) -> &str {
        match self {
            Self::NotANumber { text }
            | Self::Negative { text }
            | Self::TooManyDecimals { text }
            | Self::Misgrouped { text }
            | Self::Overflow { text } => text,
        }
    }
}

/// Reads a budget or an amount as documents and CSV files write it.
///
/// - Empty (or only whitespace) is [`Budget::NotStated`].
/// - "none", "-", "ไม่ใช้งบประมาณ", "ไม่ใช้งบ" (spaces inside allowed) are [`Budget::NotNeeded`].
/// - Anything else must be a non-negative amount: Thai or Arabic digits, thousands separators
///   between groups of three, up to two decimals, optionally followed by ".-" and/or "บาท":
///   "๑๕,๐๐๐.-", "15,000.-", "1,034,655 บาท", "275145.00". "0" is `Amount(0)`.
pub fn parse_money(text: &str) -> Result<Budget, MoneyError> {
    let trimmed = trim(text);
    if trimmed.is_empty() {
        return Ok(Budget::NotStated);
    }
    if is_not_needed(trimmed) {
        return Ok(Budget::NotNeeded);
    }
    parse_amount(trimmed, Sign::NonNegative).map(Budget::Amount)
}

/// Trims whitespace and zero-width spaces, which Thai word processors scatter through text.
fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{200B}')
}

/// Whether the text says the item needs no money.
fn is_not_needed(text: &str) -> bool {
    let key: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .flat_map(char::to_lowercase)
        .collect();
    // "ไม่ใช่งบประมาณ" (ใช่ for ใช้) is a typo found in the Lamphun 6-month report.
    matches!(
        key.as_str(),
        "none" | "-" | "–" | "—" | "ไม่ใช้งบประมาณ" | "ไม่ใช้งบ" | "ไม่ใช่งบประมาณ"
    )
}

/// Whether an amount may carry a minus sign.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sign {
    NonNegative,
    MayBeNegative,
}

/// Reads an amount: digits (Thai or Arabic), separators, up to two decimals, ".-", "บาท".
fn parse_amount(original: &str, sign: Sign) -> Result<Satang, MoneyError> {
    let trimmed = trim(original);
    let text = || trimmed.to_owned();
    let arabic = to_arabic_digits(trimmed);
    let body = trim(arabic.strip_suffix("บาท").unwrap_or(&arabic));
    let body = trim(body.strip_suffix(".-").unwrap_or(body));
    let body = body.strip_prefix('฿').unwrap_or(body);
    let (negative, body) = match body.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, body),
    };

    let (whole, fraction) = match body.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let fraction = match fraction {
        None => "",
        Some(f) if all_digits(f) && f.len() > 2 => return Err(MoneyError::TooManyDecimals { text: text() }),
        Some(f) if all_digits(f) => f,
        Some(_) => return Err(MoneyError::NotANumber { text: text() }),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    if !groups.iter().all(|group| all_digits(group)) {
        let only_digits_and_commas = !whole.is_empty() && whole.bytes().all(|b| b.is_ascii_digit() || b == b',');
        return Err(if only_digits_and_commas {
            MoneyError::Misgrouped { text: text() }
        } else {
            MoneyError::NotANumber { text: text() }
        });
    }
    let well_grouped = match groups.split_first() {
        Some((_, [])) => true,
        Some((first, rest)) => first.len() <= 3 && rest.iter().all(|group| group.len() == 3),
        None => false,
    };
    if !well_grouped {
        return Err(MoneyError::Misgrouped { text: text() });
    }

    if negative && sign == Sign::NonNegative {
        return Err(MoneyError::Negative { text: text() });
    }

    // Every piece is a non-empty run of ASCII digits now, so parsing fails only by overflow.
    let overflow = || MoneyError::Overflow { text: text() };
    let baht: i64 = groups.concat().parse().map_err(|_| overflow())?;
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().map_err(|_| overflow())? * 10,
        _ => fraction.parse().map_err(|_| overflow())?,
    };
    // Build negative amounts downwards so that i64::MIN satang is reachable.
    let satang = if negative {
        baht.checked_mul(-100).and_then(|s| s.checked_sub(cents))
    } else {
        baht.checked_mul(100).and_then(|s| s.checked_add(cents))
    };
    satang.map(Satang).ok_or_else(overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baht(amount: i64) -> Budget {
        Budget::Amount(Satang(amount * 100))
    }

    #[test]
    fn thai_document_amounts_with_a_trailing_dot_dash_parse() {
        // Lamphun 6-month report: "๑๕,๐๐๐.-".
        assert_eq!(parse_money("๑๕,๐๐๐.-"), Ok(baht(15_000)));
        assert_eq!(parse_money("15,000.-"), Ok(baht(15_000)));
        assert_eq!(parse_money("๑๕,๐๐๐.- บาท"), Ok(baht(15_000)));
    }

    #[test]
    fn the_phatthalung_stated_total_parses_with_its_baht_suffix() {
        assert_eq!(parse_money("๑,๐๓๔,๖๕๕ บาท"), Ok(baht(1_034_655)));
        assert_eq!(parse_money(" ๓๒,๗๖๐ บาท "), Ok(baht(32_760)));
    }

    #[test]
    fn plain_and_decimal_amounts_parse_to_exact_satang() {
        assert_eq!(parse_money("275145.00"), Ok(Budget::Amount(Satang(27_514_500))));
        assert_eq!(parse_money("15000.5"), Ok(Budget::Amount(Satang(1_500_050))));
        assert_eq!(parse_money("0.07"), Ok(Budget::Amount(Satang(7))));
        assert_eq!(parse_money("฿1,000"), Ok(baht(1_000)));
    }

    #[test]
    fn no_budget_needed_zero_and_not_stated_are_three_different_values() {
        assert_eq!(parse_money("0"), Ok(Budget::Amount(Satang::ZERO)));
        assert_eq!(parse_money(""), Ok(Budget::NotStated));
        assert_eq!(parse_money("   "), Ok(Budget::NotStated));
        for text in [
            "none",
            "NONE",
            "-",
            "ไม่ใช้งบประมาณ",
            "ไม่ใช้ งบประมาณ",
            "ไม่ใช้งบ",
            "ไม่ใช่ งบประมาณ",
        ] {
            assert_eq!(parse_money(text), Ok(Budget::NotNeeded), "{text:?}");
        }
    }

    #[test]
    fn the_nakhon_sawan_activity_budgets_add_up_to_100000_baht() {
        let cells = [
            "-", "5,000", "1,000", "4,200", "11,650", "16,250", "27,498", "6,400", "12,150", "7,852", "4,500", "2,000",
            "1,500",
        ];
        let budgets: Vec<Budget> = cells.iter().filter_map(|c| parse_money(c).ok()).collect();
        assert_eq!(budgets.len(), 13);
        assert_eq!(budgets[0], Budget::NotNeeded);
        let total = Satang::checked_sum(budgets.iter().filter_map(|b| b.amount()));
        assert_eq!(total, Satang::from_baht(100_000));
    }

    #[test]
    fn negative_amounts_are_rejected_naming_the_text() {
        let error = parse_money("-500");
        assert_eq!(
            error,
            Err(MoneyError::Negative {
                text: "-500".to_owned()
            })
        );
    }

    #[test]
    fn more_than_two_decimals_are_rejected() {
        assert_eq!(
            parse_money("15.005"),
            Err(MoneyError::TooManyDecimals {
                text: "15.005".to_owned()
            })
        );
    }

    #[test]
    fn letters_and_stray_text_are_rejected() {
        for text in [
            "abc",
            "15,000 บาท (อ้างอิงงบประมาณ)",
            "1 5",
            "15.",
            ".5",
            "1.2.3",
            "15,000.-.-",
            "12e3",
            "+5",
        ] {
            assert!(
                matches!(parse_money(text), Err(MoneyError::NotANumber { .. })),
                "{text:?}: {:?}",
                parse_money(text)
            );
        }
    }

    #[test]
    fn thousands_separators_in_the_wrong_place_are_rejected() {
        for text in ["1,00", "10,00,000", "1234,567", ",123", "1,", "๑๐,๐๐"] {
            assert!(
                matches!(parse_money(text), Err(MoneyError::Misgrouped { .. })),
                "{text:?}: {:?}",
                parse_money(text)
            );
        }
    }

    #[test]
    fn amounts_too_large_for_i64_satang_overflow() {
        for text in ["92233720368547758.08", "99999999999999999999"] {
            assert!(
                matches!(parse_money(text), Err(MoneyError::Overflow { .. })),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_money("92233720368547758.07"),
            Ok(Budget::Amount(Satang(i64::MAX)))
        );
    }

    #[test]
    fn amounts_display_as_baht_with_separators_and_two_decimals() {
        assert_eq!(Satang(103_465_500).to_string(), "1,034,655.00");
        assert_eq!(Satang(27_514_500).to_string(), "275,145.00");
        assert_eq!(Satang(5).to_string(), "0.05");
        assert_eq!(Satang(-4_700_050).to_string(), "-47,000.50");
        assert_eq!(Satang(i64::MIN).to_string(), "-92,233,720,368,547,758.08");
        assert_eq!(Satang(i64::MIN).to_plain().parse(), Ok(Satang(i64::MIN)));
    }

    #[test]
    fn the_plain_form_has_no_separators() {
        assert_eq!(Satang(27_514_500).to_plain(), "275145.00");
        assert_eq!(Satang(-550).to_plain(), "-5.50");
        assert_eq!("-5.50".parse(), Ok(Satang(-550)));
    }

    #[test]
    fn sums_and_differences_are_checked() {
        assert_eq!(Satang::checked_sum([Satang(1), Satang(2)]), Some(Satang(3)));
        assert_eq!(Satang::checked_sum([Satang(i64::MAX), Satang(1)]), None);
        assert_eq!(Satang::checked_sum([]), Some(Satang::ZERO));
        assert_eq!(Satang(5).checked_sub(Satang(7)), Some(Satang(-2)));
        assert_eq!(Satang::from_baht(i64::MAX), None);
    }

    #[test]
    fn a_budget_writes_a_csv_field_that_reads_back_the_same() {
        for budget in [
            baht(15_000),
            Budget::Amount(Satang::ZERO),
            Budget::NotNeeded,
            Budget::NotStated,
        ] {
            assert_eq!(parse_money(&budget.to_csv()), Ok(budget));
        }
        assert_eq!(baht(15_000).label_th(), "15,000.00 บาท");
        assert_eq!(Budget::NotNeeded.label_en(), "no budget needed");
    }

    #[test]
    fn money_errors_have_thai_and_english_messages_naming_the_text() {
        let error = MoneyError::Negative {
            text: "-500".to_owned(),
        };
        assert_eq!(error.text(), "-500");
        assert!(error.message_en().contains("\"-500\" is negative"));
        assert!(error.message_th().contains("\"-500\" ติดลบ"));
    }

    #[test]
    fn satang_deserializes_only_from_a_decimal_string() {
        use serde::de::value::{Error, F64Deserializer, StrDeserializer};

        let amount = Satang::deserialize(StrDeserializer::<Error>::new("275145.00"));
        assert_eq!(amount, Ok(Satang(27_514_500)));
        assert!(Satang::deserialize(F64Deserializer::<Error>::new(275_145.0)).is_err());
        assert!(Satang::deserialize(StrDeserializer::<Error>::new("none")).is_err());
        assert_eq!(String::from(Satang(27_514_500)), "275145.00");
        let needed = Budget::deserialize(StrDeserializer::<Error>::new("not_needed"));
        assert_eq!(needed, Ok(Budget::NotNeeded));
    }
}
