//! Plan aggregate contracts: commands and events of the plan approval workflow (issue 4; in progress).
