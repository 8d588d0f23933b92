//! Thai digits (๐–๙) and Arabic digits (0–9).
//!
//! Government documents mix both in one table, often in one cell, so every parser in this
//! crate first folds Thai digits to Arabic ones; display code may fold them back.

/// The Thai digits, indexed by their value.
const THAI_DIGITS: [char; 10] = ['๐', '๑', '๒', '๓', '๔', '๕', '๖', '๗', '๘', '๙'];

/// Value of a Thai digit character, or `None` for any other character.
fn thai_digit_value(c: char) -> Option<u32> {
    // U+0E50 THAI DIGIT ZERO … U+0E59 THAI DIGIT NINE are contiguous.
    let value = u32::from(c).checked_sub(u32::from('๐'))?;
    (value < 10).then_some(value)
}

/// Replaces every Thai digit with the Arabic digit of the same value; other characters are kept.
pub fn to_arabic_digits(text: &str) -> String {
    text.chars()
        .map(|c| match thai_digit_value(c).and_then(|v| char::from_digit(v, 10)) {
            Some(arabic) => arabic,
            None => c,
        })
        .collect()
}

/// Replaces every Arabic digit with the Thai digit of the same value; other characters are kept.
pub fn to_thai_digits(text: &str) -> String {
    text.chars()
        // `char::to_digit` only knows ASCII digits, so the index is always below 10.
        .map(|c| match c.to_digit(10) {
            Some(v) => THAI_DIGITS[v as usize],
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_digits_in_a_seed_amount_become_arabic() {
        assert_eq!(to_arabic_digits("๑,๐๓๔,๖๕๕ บาท"), "1,034,655 บาท");
    }

    #[test]
    fn arabic_digits_become_thai_and_other_text_is_kept() {
        assert_eq!(to_thai_digits("ไตรมาส 1 ปี 2567"), "ไตรมาส ๑ ปี ๒๕๖๗");
    }

    #[test]
    fn every_thai_digit_maps_to_its_value() {
        assert_eq!(to_arabic_digits("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
        assert_eq!(to_thai_digits("0123456789"), "๐๑๒๓๔๕๖๗๘๙");
    }

    #[test]
    fn characters_next_to_the_thai_digit_block_are_not_digits() {
        // U+0E4F (๏, fongman) and U+0E5A (๚, angkhankhu) sit on either side of the digits.
        assert_eq!(to_arabic_digits("๏๚"), "๏๚");
    }
}
