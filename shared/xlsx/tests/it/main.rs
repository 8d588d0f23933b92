//! Integration tests of sujarit-xlsx: workbooks built through the public API, unzipped with a
//! small reader written here (independent of the crate's writer), and their XML parts checked.
//!
//! One test binary per crate keeps link times low on small machines.

mod limits;
mod names;
mod package;
mod unzip;
mod values;
