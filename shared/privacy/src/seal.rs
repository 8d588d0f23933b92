//! Sealing: encryption under a per-case key, so that deleting the key erases a reporter's material.
//!
//! Events are never edited or deleted (DESIGN.md, "Events"), yet a reporter's words and files
//! must be erasable. Each case gets a [`CaseKey`]; everything that could identify the reporter is
//! stored only as [`Sealed`] values encrypted under it, and the key lives outside the event log.
//! Deleting the key (crypto-shredding) leaves ciphertext that nobody can open.
//!
//! The cipher is XChaCha20-Poly1305: its 192-bit nonces can be drawn at random for every value
//! without any risk of reuse. The caller's associated data (`aad`) binds a sealed value to its
//! place, e.g. the case and the field name, so it cannot be moved to another record and still
//! open there. A [`Sealed`] value is one base64 string: a format version byte, the 24-byte nonce,
//! and the ciphertext with its 16-byte tag.

use std::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::{b64, random};

/// Format version of [`Sealed`] values written by this code: XChaCha20-Poly1305, random nonce.
const VERSION: u8 = 1;

/// XChaCha20 nonce length.
const NONCE_LEN: usize = 24;

/// Poly1305 tag length.
const TAG_LEN: usize = 16;

/// A case's secret key: 32 random bytes, wiped from memory when dropped and never printed.
#[derive(Clone)]
pub struct CaseKey([u8; 32]);

impl CaseKey {
    /// Draws a new key from the operating system's random number generator.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide randomness.
    pub fn generate() -> Self {
        Self(random::bytes())
    }

    /// Rebuilds a key from the bytes [`CaseKey::to_bytes`] gave for storage.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw key, for the key store; the caller should wipe its copy when done.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.0
    }

    /// The raw key, for deriving sub-keys inside this crate.
    pub(crate) fn secret(&self) -> &[u8; 32] {
        &self.0
    }

    /// Encrypts `plain`, binding it to `aad` (which is authenticated but not stored).
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide randomness, or if `plain` is longer than
    /// XChaCha20's limit of 256 GiB (far above any attachment limit).
    pub fn seal(&self, plain: &[u8], aad: &[u8]) -> Sealed {
        let nonce = random::bytes::<NONCE_LEN>();
        let full_aad = versioned_aad(VERSION, aad);
        let ciphertext = match self.cipher().encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain,
                aad: &full_aad,
            },
        ) {
            Ok(ciphertext) => ciphertext,
            Err(_) => panic!("XChaCha20-Poly1305 refused {} bytes: more than 256 GiB", plain.len()),
        };
        let mut raw = Vec::with_capacity(1 + NONCE_LEN + ciphertext.len());
        raw.push(VERSION);
        raw.extend_from_slice(&nonce);
        raw.extend_from_slice(&ciphertext);
        Sealed(b64::encode(&raw))
    }

    /// Decrypts a value sealed under this key with the same `aad`.
    pub fn open(&self, sealed: &Sealed, aad: &[u8]) -> Result<Vec<u8>, OpenError> {
        let raw = b64::decode(&sealed.0).ok_or(OpenError::Malformed)?;
        let (&version, rest) = raw.split_first().ok_or(OpenError::Malformed)?;
        if version != VERSION {
            return Err(OpenError::UnsupportedVersion { version });
        }
        if rest.len() < NONCE_LEN + TAG_LEN {
            return Err(OpenError::Malformed);
        }
        let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
        let full_aad = versioned_aad(version, aad);
        self.cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &full_aad,
                },
            )
            .map_err(|_| OpenError::Rejected)
    }

    /// Encrypts UTF-8 text (see [`CaseKey::seal`]).
    ///
    /// # Panics
    ///
    /// As [`CaseKey::seal`].
    pub fn seal_text(&self, text: &str, aad: &[u8]) -> Sealed {
        self.seal(text.as_bytes(), aad)
    }

    /// Decrypts a value sealed with [`CaseKey::seal_text`] back to text.
    pub fn open_text(&self, sealed: &Sealed, aad: &[u8]) -> Result<String, OpenError> {
        let plain = self.open(sealed, aad)?;
        String::from_utf8(plain).map_err(|error| {
            error.into_bytes().zeroize();
            OpenError::NotText
        })
    }

    /// The AEAD instance for this key (it wipes its own copy of the key when dropped).
    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }
}

impl Drop for CaseKey {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for CaseKey {
    /// Never shows the key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CaseKey(…)")
    }
}

/// The authenticated data actually used: the version byte, then the caller's `aad`, so the
/// version byte cannot be altered without the value failing to open.
fn versioned_aad(version: u8, aad: &[u8]) -> Vec<u8> {
    let mut full = Vec::with_capacity(1 + aad.len());
    full.push(version);
    full.extend_from_slice(aad);
    full
}

/// An encrypted value as stored in events: an opaque base64 string (version ‖ nonce ‖ ciphertext).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Sealed(String);

impl Sealed {
    /// The stored text form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Wraps stored text; it is checked only when opened.
    pub fn from_encoded(text: impl Into<String>) -> Self {
        Self(text.into())
    }
}

impl fmt::Debug for Sealed {
    /// Shows the length only: ciphertext in logs is noise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sealed({} chars)", self.0.len())
    }
}

/// Why a sealed value did not open. Internal, not shown to citizens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// The stored text is not base64, or too short to hold a nonce and a tag.
    #[error("the sealed value is not in the sealed format (bad base64 or too short)")]
    Malformed,
    /// The value was written in a format version this code does not know.
    #[error("the sealed value has format version {version}, which this code cannot open")]
    UnsupportedVersion {
        /// The version byte found.
        version: u8,
    },
    /// Wrong key (for instance a shredded and replaced one), wrong associated data, or altered
    /// ciphertext: the cipher cannot tell these apart, by design.
    #[error("the sealed value did not open: wrong key, wrong associated data, or altered ciphertext")]
    Rejected,
    /// The value opened, but it is not UTF-8 text.
    #[error("the sealed value opened but is not UTF-8 text")]
    NotText,
}
