//! Receipt codes: how an anonymous reporter follows their case without an identity.
//!
//! A code is given once, when the tip is filed, and is the reporter's only key to the case, so
//! it must be unguessable and easy to type back from a phone screen or a scrap of paper. It is
//! 20 symbols of Crockford's base32 alphabet (digits and letters without I, L, O, U): 100 random
//! bits from the OS, shown in groups of four, `K7QM-2XRT-9PWA-H4CN-5DZE`. [`ReceiptCode::parse`]
//! forgives what people do when typing it back: lower case, spaces, missing or extra dashes,
//! Thai digits (๐–๙), full-width forms, and the look-alikes O→0, I/L→1, U→V.
//!
//! The system never stores a code, only a [`ReceiptHash`] (HMAC-SHA256 keyed by a random salt),
//! and [`ReceiptCode`] is deliberately neither `Serialize` nor printable with `{:?}`, so a code
//! cannot slip into an event or a log line by accident.

use std::fmt;
use std::str::FromStr;

use hmac::Mac;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::{b64, mac, random};

/// The 32 symbols of Crockford's base32, in value order: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Number of symbols in a code: 20 × 5 bits = 100 bits.
const SYMBOLS: usize = 20;

/// Symbols per displayed group.
const GROUP: usize = 4;

/// Domain-separation tag hashed in front of the code, so these hashes mean nothing elsewhere.
const HASH_TAG: &[u8] = b"sujarit/receipt-code/v1\0";

/// A receipt code: 20 Crockford base32 symbols (100 random bits), the reporter's key to a case.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptCode([u8; SYMBOLS]);

impl ReceiptCode {
    /// Draws a new code from the operating system's random number generator.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide randomness: a predictable code would break the
    /// anonymity promise, so there is no fallback.
    pub fn generate() -> Self {
        // 256 is a multiple of 32, so keeping the low five bits of each byte is unbiased.
        let mut raw = random::bytes::<SYMBOLS>();
        let mut symbols = [0u8; SYMBOLS];
        for (symbol, byte) in symbols.iter_mut().zip(raw.iter()) {
            *symbol = ALPHABET[usize::from(byte & 0x1f)];
        }
        raw.zeroize();
        Self(symbols)
    }

    /// Reads a code as a person typed it back, forgiving case, spacing, dashes, Thai digits and
    /// look-alike letters.
    pub fn parse(input: &str) -> Result<Self, ReceiptError> {
        let mut symbols = Zeroizing::new([0u8; SYMBOLS]);
        let mut count = 0usize;
        for ch in input.chars() {
            if is_separator(ch) {
                continue;
            }
            let symbol = canonical_symbol(ch).ok_or(ReceiptError::BadCharacter { ch })?;
            if let Some(slot) = symbols.get_mut(count) {
                *slot = symbol;
            }
            count += 1;
        }
        if count != SYMBOLS {
            return Err(ReceiptError::WrongLength { symbols: count });
        }
        Ok(Self(*symbols))
    }

    /// The 20 canonical symbols, without dashes: what gets hashed.
    fn canonical(&self) -> &[u8; SYMBOLS] {
        &self.0
    }
}

impl Drop for ReceiptCode {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Display for ReceiptCode {
    /// Shows the code in groups of four: `K7QM-2XRT-9PWA-H4CN-5DZE`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, group) in self.0.chunks(GROUP).enumerate() {
            if index > 0 {
                f.write_str("-")?;
            }
            for &symbol in group {
                write!(f, "{}", char::from(symbol))?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for ReceiptCode {
    /// Never shows the code, so that `{:?}` in a log line cannot leak it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReceiptCode(…)")
    }
}

impl FromStr for ReceiptCode {
    type Err = ReceiptError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::parse(input)
    }
}

/// Characters people put between symbols: spaces, dashes of every kind, underscores, dots, and
/// the invisible characters that copy-and-paste from Thai text carries along.
fn is_separator(ch: char) -> bool {
    ch.is_whitespace()
        || matches!(
            ch,
            '-' | '_'
                | '.'
                | '\u{2010}'..='\u{2015}' // hyphen … horizontal bar
                | '\u{2212}' // minus sign
                | '\u{ff0d}' // full-width hyphen-minus
                | '\u{200b}'..='\u{200d}' // zero-width space, non-joiner, joiner
                | '\u{2060}' // word joiner
                | '\u{feff}' // zero-width no-break space (BOM)
        )
}

/// Maps one typed character to its canonical symbol, or `None` if it cannot be part of a code.
fn canonical_symbol(ch: char) -> Option<u8> {
    let ascii = match ch {
        '\u{0e50}'..='\u{0e59}' => b'0' + (u32::from(ch) - 0x0e50) as u8, // Thai digits ๐–๙
        '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
            // Full-width digits and letters sit 0xfee0 above their ASCII forms.
            u8::try_from(u32::from(ch) - 0xfee0).ok()?
        }
        _ if ch.is_ascii_alphanumeric() => ch as u8,
        _ => return None,
    };
    let symbol = match ascii.to_ascii_uppercase() {
        b'O' => b'0',
        b'I' | b'L' => b'1',
        b'U' => b'V',
        other => other,
    };
    ALPHABET.contains(&symbol).then_some(symbol)
}

/// Why typed text is not a receipt code; never says anything about any case.
///
/// `Display` gives the English message; [`ReceiptError::message_th`] gives the Thai one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    /// The text holds more or fewer than 20 symbols.
    #[error("a receipt code has 20 letters and digits, written like XXXX-XXXX-XXXX-XXXX-XXXX; this one has {symbols}")]
    WrongLength {
        /// How many letters and digits were found.
        symbols: usize,
    },
    /// The text holds a character that is not a letter, a digit, a space or a dash.
    #[error("a receipt code has only the letters A–Z and the digits 0–9; \"{ch}\" is not one of them")]
    BadCharacter {
        /// The offending character.
        ch: char,
    },
}

impl ReceiptError {
    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            Self::BadCharacter { ch } if is_thai_letter(*ch) => {
                format!("{self}: if your keyboard is set to Thai, switch it to English")
            }
            _ => self.to_string(),
        }
    }

    /// The message in Thai.
    pub fn message_th(&self) -> String {
        match self {
            Self::WrongLength { symbols } => {
                format!("รหัสรับเรื่องมีตัวอักษรและตัวเลข 20 ตัว เขียนแบบ XXXX-XXXX-XXXX-XXXX-XXXX แต่ที่พิมพ์มามี {symbols} ตัว")
            }
            Self::BadCharacter { ch } if is_thai_letter(*ch) => format!(
                "รหัสรับเรื่องมีเฉพาะตัวอักษรภาษาอังกฤษ A–Z และตัวเลข 0–9 \"{ch}\" ใช้ไม่ได้ \
                 หากแป้นพิมพ์เป็นภาษาไทย กรุณาเปลี่ยนเป็นภาษาอังกฤษ"
            ),
            Self::BadCharacter { ch } => {
                format!("รหัสรับเรื่องมีเฉพาะตัวอักษรภาษาอังกฤษ A–Z และตัวเลข 0–9 \"{ch}\" ใช้ไม่ได้")
            }
        }
    }
}

/// Thai letters and vowel signs: what a phone with a Thai keyboard types instead of A–Z.
fn is_thai_letter(ch: char) -> bool {
    matches!(ch, '\u{0e01}'..='\u{0e4f}')
}

/// How a receipt code is stored: HMAC-SHA256 of the code keyed by a random per-case salt.
///
/// Serialized as `{"salt": "<base64>", "hash": "<base64>"}` (unpadded URL-safe base64).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptHash {
    /// Random salt, the HMAC key; different for every code.
    #[serde(with = "b64::array")]
    pub salt: [u8; 16],
    /// HMAC-SHA256(salt, tag ‖ code).
    #[serde(with = "b64::array")]
    pub hash: [u8; 32],
}

impl ReceiptHash {
    /// Hashes `code` under a fresh random salt.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide randomness.
    pub fn new(code: &ReceiptCode) -> Self {
        let salt = random::bytes::<16>();
        let hash = keyed_hash(&salt, code).finalize().into_bytes().into();
        Self { salt, hash }
    }

    /// Whether `code` is the code this hash was made from; compares in constant time.
    pub fn verify(&self, code: &ReceiptCode) -> bool {
        keyed_hash(&self.salt, code).verify_slice(&self.hash).is_ok()
    }
}

/// The HMAC state after absorbing the tag and the canonical code.
fn keyed_hash(salt: &[u8; 16], code: &ReceiptCode) -> mac::HmacSha256 {
    let mut mac = mac::hmac_sha256(salt);
    mac.update(HASH_TAG);
    mac.update(code.canonical());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_has_32_distinct_symbols_without_ambiguous_letters() {
        let mut sorted = ALPHABET.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 32);
        assert!(!ALPHABET.iter().any(|symbol| b"ILOU".contains(symbol)));
    }

    #[test]
    fn every_symbol_parses_to_itself() {
        for &symbol in ALPHABET {
            assert_eq!(canonical_symbol(char::from(symbol)), Some(symbol));
        }
    }
}
