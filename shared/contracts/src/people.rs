//! People and their roles: who may do what. The people registry aggregate (persons, roles, invite
//! codes that link a chat account) builds on these types.

use serde::{Deserialize, Serialize};

/// What a person may do; a person may hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages org units, people, invite codes and channels.
    Admin,
    /// Drafts and submits plans, opens and closes reporting rounds, accepts or returns submissions.
    Secretariat,
    /// Endorses or returns plans; receives digests.
    Committee,
    /// Reports progress for the items of their own org unit.
    Officer,
}
