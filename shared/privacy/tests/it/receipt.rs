//! Receipt codes: random, typed back loosely, stored only as a salted hash, never logged.

use std::collections::HashSet;

use proptest::prelude::*;
use sujarit_privacy::{ReceiptCode, ReceiptError, ReceiptHash};

const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn code(text: &str) -> ReceiptCode {
    ReceiptCode::parse(text).unwrap()
}

#[test]
fn generated_code_displays_as_five_groups_of_four_unambiguous_symbols() {
    let shown = ReceiptCode::generate().to_string();
    let groups: Vec<&str> = shown.split('-').collect();
    assert_eq!(groups.len(), 5, "{shown}");
    for group in groups {
        assert_eq!(group.len(), 4, "{shown}");
        assert!(group.chars().all(|symbol| ALPHABET.contains(symbol)), "{shown}");
    }
}

#[test]
fn displayed_code_parses_back_to_the_same_code() {
    for _ in 0..100 {
        let original = ReceiptCode::generate();
        let shown = original.to_string();
        assert_eq!(ReceiptCode::parse(&shown), Ok(original.clone()));
        assert_eq!(shown.parse::<ReceiptCode>(), Ok(original));
    }
}

#[test]
fn parsing_forgives_case_spaces_and_missing_or_extra_dashes() {
    let expected = code("K7QM-2XRT-9PWA-H4CN-5DZE");
    for typed in [
        "k7qm-2xrt-9pwa-h4cn-5dze",
        "K7QM2XRT9PWAH4CN5DZE",
        "  K7QM 2XRT 9PWA H4CN 5DZE  ",
        "K7-QM--2XRT---9PWA-H4CN-5DZE-",
        "k7qm\t2xrt\n9pwa h4cn 5dze",
        "K7QM–2XRT—9PWA−H4CN_5DZE",
        "K7QM\u{200b}2XRT\u{feff}9PWA\u{a0}H4CN.5DZE",
        "Ｋ７ＱＭ－２ＸＲＴ－９ＰＷＡ－Ｈ４ＣＮ－５ＤＺＥ",
    ] {
        assert_eq!(ReceiptCode::parse(typed), Ok(expected.clone()), "{typed:?}");
    }
}

#[test]
fn parsing_reads_thai_digits_as_arabic_digits() {
    assert_eq!(
        ReceiptCode::parse("K๗QM-๒XRT-๙PWA-H๔CN-๕DZE"),
        Ok(code("K7QM-2XRT-9PWA-H4CN-5DZE"))
    );
    assert_eq!(
        ReceiptCode::parse("๐๑๒๓ ๔๕๖๗ ๘๙๐๑ ๒๓๔๕ ๖๗๘๙"),
        Ok(code("0123-4567-8901-2345-6789"))
    );
}

#[test]
fn parsing_reads_look_alike_letters_as_crockford_does() {
    assert_eq!(
        ReceiptCode::parse("OoIi-LlUu-0000-0000-0000"),
        Ok(code("0011-11VV-0000-0000-0000"))
    );
}

#[test]
fn a_code_with_too_few_or_too_many_symbols_is_refused_with_its_count() {
    assert_eq!(
        ReceiptCode::parse("K7QM-2XRT-9PWA-H4CN-5DZ"),
        Err(ReceiptError::WrongLength { symbols: 19 })
    );
    assert_eq!(
        ReceiptCode::parse("K7QM-2XRT-9PWA-H4CN-5DZEX"),
        Err(ReceiptError::WrongLength { symbols: 21 })
    );
    assert_eq!(ReceiptCode::parse(""), Err(ReceiptError::WrongLength { symbols: 0 }));
    assert_eq!(
        ReceiptCode::parse(" - - "),
        Err(ReceiptError::WrongLength { symbols: 0 })
    );
}

#[test]
fn a_code_with_a_foreign_character_is_refused_naming_the_character() {
    assert_eq!(
        ReceiptCode::parse("K7QM-2XRT-9PWA-H4CN-5DZ!"),
        Err(ReceiptError::BadCharacter { ch: '!' })
    );
    assert_eq!(
        ReceiptCode::parse("K7QM/2XRT"),
        Err(ReceiptError::BadCharacter { ch: '/' })
    );
    assert_eq!(ReceiptCode::parse("é"), Err(ReceiptError::BadCharacter { ch: 'é' }));
}

#[test]
fn receipt_errors_have_thai_and_english_messages_that_do_not_echo_the_code() {
    let typed = "K7QM-2XRT-9PWA-H4CN-5DZ";
    let error = ReceiptCode::parse(typed).unwrap_err();
    let (th, en) = (error.message_th(), error.message_en());
    assert!(
        th.contains("รหัสรับเรื่อง") && th.contains("20") && th.contains("19"),
        "{th}"
    );
    assert!(
        en.contains("receipt code") && en.contains("20") && en.contains("19"),
        "{en}"
    );
    assert_eq!(en, error.to_string());
    for group in typed.split('-') {
        assert!(!th.contains(group) && !en.contains(group), "{th} / {en}");
    }

    let error = ReceiptCode::parse("K7Q!").unwrap_err();
    assert!(error.message_th().contains("\"!\""), "{}", error.message_th());
    assert!(error.message_en().contains("\"!\""), "{}", error.message_en());
}

#[test]
fn thai_letters_in_a_code_suggest_switching_the_keyboard_to_english() {
    // "K" typed on a Thai Kedmanee keyboard gives "า".
    let error = ReceiptCode::parse("า7QM-2XRT-9PWA-H4CN-5DZE").unwrap_err();
    assert_eq!(error, ReceiptError::BadCharacter { ch: 'า' });
    assert!(error.message_th().contains("แป้นพิมพ์"), "{}", error.message_th());
    assert!(error.message_en().contains("keyboard"), "{}", error.message_en());
}

#[test]
fn a_thousand_generated_codes_are_all_distinct() {
    let codes: HashSet<String> = (0..1_000).map(|_| ReceiptCode::generate().to_string()).collect();
    assert_eq!(codes.len(), 1_000);
}

#[test]
fn generated_symbols_are_spread_evenly_over_the_alphabet() {
    // 1,000 codes × 20 symbols: each of the 32 symbols is expected 625 times (σ ≈ 25).
    let mut counts = [0usize; 32];
    for _ in 0..1_000 {
        for symbol in ReceiptCode::generate()
            .to_string()
            .chars()
            .filter(|&symbol| symbol != '-')
        {
            counts[ALPHABET.find(symbol).unwrap()] += 1;
        }
    }
    for (symbol, count) in ALPHABET.chars().zip(counts) {
        assert!((475..=775).contains(&count), "{symbol} appeared {count} times");
    }
}

#[test]
fn debug_output_hides_the_code() {
    let secret = ReceiptCode::generate();
    let shown = secret.to_string();
    for debug in [
        format!("{secret:?}"),
        format!("{:?}", Some(&secret)),
        format!("{secret:#?}"),
    ] {
        assert!(debug.contains("ReceiptCode(…)"), "{debug}");
        for group in shown.split('-') {
            assert!(!debug.contains(group), "{debug}");
        }
    }
}

#[test]
fn receipt_hash_verifies_its_own_code_only() {
    let filed = ReceiptCode::generate();
    let stored = ReceiptHash::new(&filed);
    assert!(stored.verify(&filed));
    assert!(!stored.verify(&ReceiptCode::generate()));
}

#[test]
fn receipt_hash_verifies_the_code_as_typed_back_loosely() {
    let filed = code("K7QM-2XRT-9PWA-H4CN-5DZE");
    let stored = ReceiptHash::new(&filed);
    assert!(stored.verify(&code("k7qm 2xrt 9pwa h4cn 5dze")));
    assert!(!stored.verify(&code("K7QM-2XRT-9PWA-H4CN-5DZF")));
}

#[test]
fn two_hashes_of_one_code_differ_by_their_salt() {
    let filed = ReceiptCode::generate();
    let (first, second) = (ReceiptHash::new(&filed), ReceiptHash::new(&filed));
    assert_ne!(first.salt, second.salt);
    assert_ne!(first.hash, second.hash);
    assert!(first.verify(&filed) && second.verify(&filed));
}

#[test]
fn receipt_hash_is_stored_as_two_base64_strings_that_read_back() {
    let filed = ReceiptCode::generate();
    let stored = ReceiptHash::new(&filed);
    let json = serde_json::to_value(&stored).unwrap();
    let salt = json["salt"].as_str().unwrap();
    let hash = json["hash"].as_str().unwrap();
    assert_eq!((salt.len(), hash.len()), (22, 43), "{json}");
    assert!(!json.to_string().contains(&filed.to_string()));
    let back: ReceiptHash = serde_json::from_value(json).unwrap();
    assert_eq!(back, stored);
    assert!(back.verify(&filed));
}

#[test]
fn receipt_hash_with_a_wrong_sized_or_non_base64_field_does_not_deserialize() {
    let short = serde_json::json!({ "salt": "AAAA", "hash": "A".repeat(43) });
    assert!(serde_json::from_value::<ReceiptHash>(short).is_err());
    let garbage = serde_json::json!({ "salt": "!!!!", "hash": "A".repeat(43) });
    assert!(serde_json::from_value::<ReceiptHash>(garbage).is_err());
}

proptest! {
    #[test]
    fn parsing_any_text_never_panics(text in "\\PC*") {
        let _ = ReceiptCode::parse(&text);
    }

    #[test]
    fn any_twenty_alphabet_symbols_round_trip_through_display(symbols in "[0-9A-HJKMNP-TV-Z]{20}") {
        let parsed = ReceiptCode::parse(&symbols.to_lowercase()).unwrap();
        prop_assert_eq!(parsed.to_string().replace('-', ""), symbols);
    }
}
