//! Reporting rounds and progress submissions: contracts (issue 4; in progress).
