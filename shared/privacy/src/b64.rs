//! Base64 text for the byte values this crate stores in JSON events.
//!
//! One encoding everywhere: URL-safe base64 without padding (RFC 4648 §5), which survives URLs,
//! file names and JSON without escaping.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

/// Encodes bytes as unpadded URL-safe base64.
pub(crate) fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes unpadded URL-safe base64; `None` if `text` is not that.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

/// Serde `with` module for a fixed-size byte array stored as a base64 string.
pub(crate) mod array {
    use super::*;

    /// Writes the array as a base64 string.
    pub(crate) fn serialize<S: Serializer, const N: usize>(bytes: &[u8; N], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&encode(bytes))
    }

    /// Reads a base64 string holding exactly `N` bytes.
    pub(crate) fn deserialize<'de, D: Deserializer<'de>, const N: usize>(deserializer: D) -> Result<[u8; N], D::Error> {
        let text = String::deserialize(deserializer)?;
        let bytes = decode(&text).ok_or_else(|| D::Error::custom("expected unpadded URL-safe base64"))?;
        let len = bytes.len();
        bytes
            .try_into()
            .map_err(|_| D::Error::invalid_length(len, &format!("{N} bytes").as_str()))
    }
}
