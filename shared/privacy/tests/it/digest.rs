//! Attachment digests: the same file dedups within a case and cannot be matched across cases.

use sha2::{Digest, Sha256};
use sujarit_privacy::{attachment_digest, CaseKey};

const PHOTO: &[u8] = include_bytes!("../fixtures/gps.jpg");

#[test]
fn the_same_file_in_one_case_has_the_same_digest() {
    let key = CaseKey::generate();
    let resent = PHOTO.to_vec();
    assert_eq!(attachment_digest(&key, PHOTO), attachment_digest(&key, &resent));
    let restored = CaseKey::from_bytes(key.to_bytes());
    assert_eq!(attachment_digest(&key, PHOTO), attachment_digest(&restored, PHOTO));
}

#[test]
fn the_same_file_in_two_cases_has_unrelated_digests() {
    let (first, second) = (CaseKey::generate(), CaseKey::generate());
    assert_ne!(attachment_digest(&first, PHOTO), attachment_digest(&second, PHOTO));
}

#[test]
fn different_files_in_one_case_have_different_digests() {
    let key = CaseKey::generate();
    assert_ne!(attachment_digest(&key, PHOTO), attachment_digest(&key, &PHOTO[1..]));
    assert_ne!(attachment_digest(&key, b""), attachment_digest(&key, b"\0"));
}

#[test]
fn the_digest_is_not_the_plain_sha256_of_the_file() {
    let key = CaseKey::generate();
    let plain: [u8; 32] = Sha256::digest(PHOTO).into();
    assert_ne!(attachment_digest(&key, PHOTO), plain);
}
