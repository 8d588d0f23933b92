//! The organisation-unit registry: agencies (OrgUnits) that are responsible for plan items and
//! report progress. Units are identified by a stable id; names change and are re-typed, so each
//! rename is kept as a fact.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{domain_commands, domain_events, StreamName};

/// Aggregate kind of the registry: streams are `orgunit-<id>`.
pub const AGGREGATE: &str = "orgunit";

/// Registers a new organisation unit under a stable id chosen by the sender.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterOrgUnit {
    /// Stable id of the unit.
    pub org_unit_id: Uuid,
    /// Official name (Thai).
    pub name: String,
    /// Other spellings seen in documents.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Gives a unit a new official name; the old one stays as an alias.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenameOrgUnit {
    /// The unit.
    pub org_unit_id: Uuid,
    /// The new official name.
    pub name: String,
}

/// Records another spelling of a unit's name (as documents write it), so imports match it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddOrgUnitAlias {
    /// The unit.
    pub org_unit_id: Uuid,
    /// The spelling.
    pub alias: String,
}

domain_commands! {
    /// Commands of the organisation-unit registry.
    pub enum OrgUnitCommand { RegisterOrgUnit, RenameOrgUnit, AddOrgUnitAlias }
}

impl OrgUnitCommand {
    /// The unit the command is about.
    pub fn org_unit_id(&self) -> Uuid {
        match self {
            OrgUnitCommand::RegisterOrgUnit(c) => c.org_unit_id,
            OrgUnitCommand::RenameOrgUnit(c) => c.org_unit_id,
            OrgUnitCommand::AddOrgUnitAlias(c) => c.org_unit_id,
        }
    }

    /// The unit's stream.
    pub fn stream(&self) -> StreamName {
        stream(self.org_unit_id())
    }
}

/// The stream of one unit.
pub fn stream(org_unit_id: Uuid) -> StreamName {
    StreamName::for_id(AGGREGATE, org_unit_id)
}

/// A unit was registered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgUnitRegistered {
    /// Stable id.
    pub org_unit_id: Uuid,
    /// Official name.
    pub name: String,
    /// Other spellings.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A unit's official name changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgUnitRenamed {
    /// The unit.
    pub org_unit_id: Uuid,
    /// The name before.
    pub from: String,
    /// The name now.
    pub to: String,
}

/// Another spelling of a unit's name was recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgUnitAliasAdded {
    /// The unit.
    pub org_unit_id: Uuid,
    /// The spelling.
    pub alias: String,
}

domain_events! {
    /// Events of the organisation-unit registry.
    pub enum OrgUnitEvent { OrgUnitRegistered = 1, OrgUnitRenamed = 1, OrgUnitAliasAdded = 1 }
}
