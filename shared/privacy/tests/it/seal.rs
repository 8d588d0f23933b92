//! Sealing under a case key: opens only with the same key and context, and shows nothing.

use sujarit_privacy::{CaseKey, OpenError, Sealed};

const AAD: &[u8] = b"case-0190a8c2/tip-text";
const TIP: &str = "ปลัดอำเภอรับเงินใต้โต๊ะ 50,000 บาท ที่ร้านกาแฟหน้าที่ว่าการอำเภอ";

/// The sealed value's raw bytes (version ‖ nonce ‖ ciphertext).
fn raw(sealed: &Sealed) -> Vec<u8> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    URL_SAFE_NO_PAD.decode(sealed.as_str()).unwrap()
}

fn encoded(raw: &[u8]) -> Sealed {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    Sealed::from_encoded(URL_SAFE_NO_PAD.encode(raw))
}

#[test]
fn sealed_text_opens_with_the_same_key_and_associated_data() {
    let key = CaseKey::generate();
    let sealed = key.seal_text(TIP, AAD);
    assert_eq!(key.open_text(&sealed, AAD), Ok(TIP.to_owned()));
    assert_eq!(key.open(&sealed, AAD), Ok(TIP.as_bytes().to_vec()));
}

#[test]
fn sealed_bytes_and_empty_values_round_trip() {
    let key = CaseKey::generate();
    let bytes: Vec<u8> = (0..=255).collect();
    assert_eq!(key.open(&key.seal(&bytes, AAD), AAD), Ok(bytes));
    assert_eq!(key.open(&key.seal(b"", b""), b""), Ok(Vec::new()));
}

#[test]
fn sealed_value_does_not_open_with_another_key() {
    let sealed = CaseKey::generate().seal_text(TIP, AAD);
    assert_eq!(CaseKey::generate().open_text(&sealed, AAD), Err(OpenError::Rejected));
}

#[test]
fn sealed_value_does_not_open_with_other_associated_data() {
    let key = CaseKey::generate();
    let sealed = key.seal_text(TIP, AAD);
    assert_eq!(
        key.open_text(&sealed, b"case-0190a8c2/reply-text"),
        Err(OpenError::Rejected)
    );
    assert_eq!(key.open_text(&sealed, b""), Err(OpenError::Rejected));
}

#[test]
fn tampered_ciphertext_does_not_open() {
    let key = CaseKey::generate();
    let original = raw(&key.seal_text(TIP, AAD));
    // Every byte after the version: nonce, ciphertext and tag.
    for index in 1..original.len() {
        let mut tampered = original.clone();
        tampered[index] ^= 0x01;
        assert_eq!(
            key.open(&encoded(&tampered), AAD),
            Err(OpenError::Rejected),
            "byte {index}"
        );
    }
    let mut cut = original.clone();
    cut.pop();
    assert_eq!(key.open(&encoded(&cut), AAD), Err(OpenError::Rejected));
}

#[test]
fn unknown_format_versions_and_garbage_are_told_apart_from_a_wrong_key() {
    let key = CaseKey::generate();
    let mut other_version = raw(&key.seal_text(TIP, AAD));
    other_version[0] = 2;
    assert_eq!(
        key.open(&encoded(&other_version), AAD),
        Err(OpenError::UnsupportedVersion { version: 2 })
    );
    assert_eq!(
        key.open(&Sealed::from_encoded("not base64 at all!"), AAD),
        Err(OpenError::Malformed)
    );
    assert_eq!(key.open(&Sealed::from_encoded(""), AAD), Err(OpenError::Malformed));
    assert_eq!(key.open(&encoded(&[1; 40]), AAD), Err(OpenError::Malformed));
}

#[test]
fn sealed_output_does_not_contain_the_plaintext() {
    let key = CaseKey::generate();
    let plain = "Reporter: Somchai Jaidee, phone 081-234-5678".repeat(4);
    let sealed = key.seal_text(&plain, AAD);
    let bytes = raw(&sealed);
    for window in [&plain.as_bytes()[..8], b"Somchai", b"081-234"] {
        assert!(!bytes.windows(window.len()).any(|part| part == window));
    }
    assert!(!sealed.as_str().contains("Somchai"));
    let json = serde_json::to_string(&sealed).unwrap();
    assert!(!json.contains("Somchai"));
    assert!(!format!("{sealed:?}").contains(sealed.as_str()));
}

#[test]
fn sealing_the_same_text_twice_gives_different_values() {
    let key = CaseKey::generate();
    assert_ne!(key.seal_text(TIP, AAD), key.seal_text(TIP, AAD));
}

#[test]
fn sealed_value_is_one_json_string_that_reads_back() {
    let key = CaseKey::generate();
    let sealed = key.seal_text(TIP, AAD);
    let json = serde_json::to_value(&sealed).unwrap();
    assert_eq!(json.as_str(), Some(sealed.as_str()));
    let back: Sealed = serde_json::from_value(json).unwrap();
    assert_eq!(key.open_text(&back, AAD), Ok(TIP.to_owned()));
}

#[test]
fn case_key_round_trips_through_its_stored_bytes() {
    let key = CaseKey::generate();
    let sealed = key.seal_text(TIP, AAD);
    let restored = CaseKey::from_bytes(key.to_bytes());
    drop(key);
    assert_eq!(restored.open_text(&sealed, AAD), Ok(TIP.to_owned()));
}

#[test]
fn case_key_debug_output_hides_the_key() {
    let key = CaseKey::from_bytes([0xAB; 32]);
    let debug = format!("{key:?}");
    assert_eq!(debug, "CaseKey(…)");
    assert!(!debug.to_lowercase().contains("ab") && !debug.contains("171"));
}

#[test]
fn opening_binary_data_as_text_is_a_typed_error() {
    let key = CaseKey::generate();
    let sealed = key.seal(&[0xFF, 0xFE, 0x00], AAD);
    assert_eq!(key.open_text(&sealed, AAD), Err(OpenError::NotText));
}
