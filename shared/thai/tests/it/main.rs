//! Integration tests of sujarit-thai: property tests of the round trips other crates rely on.
//!
//! One test binary per crate keeps link times low on small machines; the example-based unit
//! tests live next to the code they test.

mod agency;
mod props;
