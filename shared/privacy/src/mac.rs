//! HMAC-SHA256 keyed by a fixed-size array, so that creating the MAC cannot fail.
//!
//! HMAC accepts keys of any length, yet `Mac::new_from_slice` still returns a `Result`. RFC 2104
//! pads a key shorter than the 64-byte block with zeros, so padding it here and calling the
//! infallible `KeyInit::new` gives the same MAC without an error path to handle.

use hmac::digest::KeyInit;
use hmac::Hmac;
use sha2::Sha256;
use zeroize::Zeroizing;

/// HMAC-SHA256, the only MAC this crate uses.
pub(crate) type HmacSha256 = Hmac<Sha256>;

/// SHA-256's block size: HMAC keys up to this length are zero-padded, not hashed.
const BLOCK: usize = 64;

/// Starts an HMAC-SHA256 keyed by `key` (at most 64 bytes, checked at compile time).
pub(crate) fn hmac_sha256<const N: usize>(key: &[u8; N]) -> HmacSha256 {
    const { assert!(N <= BLOCK, "HMAC keys longer than the block size are hashed first") };
    let mut block = Zeroizing::new([0u8; BLOCK]);
    block[..N].copy_from_slice(key);
    <HmacSha256 as KeyInit>::new(&(*block).into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::Mac;

    #[test]
    fn padded_key_gives_the_same_mac_as_the_slice_constructor() {
        let key = [0x0b_u8; 20];
        let mut ours = hmac_sha256(&key);
        ours.update(b"Hi There");
        let mut theirs = <HmacSha256 as Mac>::new_from_slice(&key).unwrap();
        theirs.update(b"Hi There");
        let ours = ours.finalize().into_bytes();
        assert_eq!(ours, theirs.finalize().into_bytes());
        // RFC 4231, test case 1.
        let expected = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7";
        let hex: String = ours.iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(hex, expected);
    }
}
