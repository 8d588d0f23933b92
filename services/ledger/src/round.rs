//! Reporting round aggregate: rounds and progress submissions as pure decide/evolve (issue 4; in progress).
