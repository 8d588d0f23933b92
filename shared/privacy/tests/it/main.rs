//! Integration tests of sujarit-privacy: the anonymity promises, checked through the public API.
//!
//! One test binary per crate keeps link times low on small machines. The JPEG fixtures in
//! `tests/fixtures` are real files made with Pillow and piexif (see the README there); the PNG
//! files are built byte by byte in the tests.

mod digest;
mod image_jpeg;
mod image_png;
mod receipt;
mod robustness;
mod seal;
