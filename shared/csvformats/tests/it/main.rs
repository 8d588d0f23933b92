//! Integration tests of sujarit-csvformats: the seed fixtures read through the public API with
//! their totals checked against the documents, and property tests of parsing and writing.
//!
//! One test binary per crate keeps link times low on small machines; the example-based unit
//! tests live next to the code they test.

mod fixtures;
mod props;
