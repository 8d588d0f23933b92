//! Attachment digests: spot the same file sent twice within a case, and only within that case.
//!
//! Reporters resend photos; storing a file once per case needs a content digest. A plain
//! SHA-256 would let anyone holding the event log match a reporter's photo against the same
//! photo in another case or on the internet, linking them. The digest is therefore an
//! HMAC-SHA256 keyed by a key derived from the [`CaseKey`]: equal files give equal digests in one
//! case, unrelated digests across cases, and once the case key is shredded nobody can test which
//! file a digest belongs to.

use hmac::Mac;
use zeroize::Zeroizing;

use crate::mac;
use crate::seal::CaseKey;

/// Label for deriving the digest key from the case key, so it differs from the sealing key.
const DIGEST_KEY_LABEL: &[u8] = b"sujarit/attachment-digest/v1";

/// HMAC-SHA256 of `bytes` under a key derived from `case_key`: stable within a case only.
pub fn attachment_digest(case_key: &CaseKey, bytes: &[u8]) -> [u8; 32] {
    let mut derive = mac::hmac_sha256(case_key.secret());
    derive.update(DIGEST_KEY_LABEL);
    let digest_key: Zeroizing<[u8; 32]> = Zeroizing::new(derive.finalize().into_bytes().into());
    let mut digest = mac::hmac_sha256(&digest_key);
    digest.update(bytes);
    digest.finalize().into_bytes().into()
}
