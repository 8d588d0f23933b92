//! Plan aggregate: the approval workflow as pure decide/evolve (issue 4; in progress).
