//! What Sujarit needs to keep its promise of anonymity to citizens who file tips (DESIGN.md,
//! "Anonymity"): the receipt code a reporter follows a case with, the per-case key that erases a
//! reporter's material when it is deleted (crypto-shredding), image metadata stripping, and a
//! per-case attachment digest.
//!
//! - [`receipt`]: a random 100-bit [`ReceiptCode`], shown once and typed back by people, stored
//!   only as a salted [`ReceiptHash`].
//! - [`seal`]: a [`CaseKey`] that encrypts ("seals") a reporter's text and files into [`Sealed`]
//!   values that can live in the append-only event log; deleting the key erases them.
//! - [`image`]: [`strip_metadata`] removes Exif/GPS, XMP, IPTC, comments and thumbnails from
//!   JPEG and PNG files before they are stored.
//! - [`digest`]: [`attachment_digest`] finds the same file twice within one case without letting
//!   files be matched across cases.
//!
//! Everything here is pure: no files, no network, no clocks. Randomness comes from the operating
//! system. Errors a citizen can cause carry a Thai and an English message; none of them reveals
//! anything about a case.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod b64;
pub mod digest;
pub mod image;
mod mac;
mod random;
pub mod receipt;
pub mod seal;

pub use digest::attachment_digest;
pub use image::{
    check_size, strip_metadata, ImageError, ImageFormat, JpegDefect, PngDefect, Stripped, MAX_ATTACHMENT_BYTES,
};
pub use receipt::{ReceiptCode, ReceiptError, ReceiptHash};
pub use seal::{CaseKey, OpenError, Sealed};
