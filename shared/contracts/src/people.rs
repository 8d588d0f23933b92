//! People and their roles: who may do what. The ledger loads the acting person's roles and org
//! unit from their stream (`person-<id>`) before every decision, so authority is checked where the
//! events are written, not in the front ends.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{domain_commands, domain_events, StreamName};

/// Aggregate kind of people: streams are `person-<id>`.
pub const AGGREGATE: &str = "person";

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
    /// Opens an identified complaint reporter's identity, each time with a logged reason.
    Custodian,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Secretariat,
        Role::Committee,
        Role::Officer,
        Role::Custodian,
    ];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretariat => "secretariat",
            Role::Committee => "committee",
            Role::Officer => "officer",
            Role::Custodian => "custodian",
        }
    }

    /// The Thai name.
    pub fn label_th(self) -> &'static str {
        match self {
            Role::Admin => "ผู้ดูแลระบบ",
            Role::Secretariat => "ฝ่ายเลขานุการ",
            Role::Committee => "คณะกรรมการ",
            Role::Officer => "เจ้าหน้าที่หน่วยงาน",
            Role::Custodian => "ผู้ดูแลข้อมูลผู้ร้องเรียน",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_lowercase();
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == key || role.label_th() == s.trim())
            .ok_or_else(|| format!("`{s}` is not a role (admin, secretariat, committee, officer, custodian)"))
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Registers a person with their first roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterPerson {
    /// Stable id, chosen by the sender.
    pub person_id: Uuid,
    /// Name as people know them.
    pub name: String,
    /// Roles held from the start.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The org unit an officer reports for.
    #[serde(default)]
    pub org_unit_id: Option<Uuid>,
}

/// Gives a person a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantRole {
    /// The person.
    pub person_id: Uuid,
    /// The role.
    pub role: Role,
}

/// Takes a role away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevokeRole {
    /// The person.
    pub person_id: Uuid,
    /// The role.
    pub role: Role,
}

/// Sets (or clears) the org unit a person reports for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssignOrgUnit {
    /// The person.
    pub person_id: Uuid,
    /// The org unit, or none.
    #[serde(default)]
    pub org_unit_id: Option<Uuid>,
}

/// Days an invite code stays valid unless the command says otherwise.
pub const DEFAULT_INVITE_DAYS: u16 = 14;
/// Longest validity of an invite code, in days.
pub const MAX_INVITE_DAYS: u16 = 90;

/// Issues a one-time invite code that links one chat account to the person. The sender (the
/// CLI or the admin web) generates the code, shows it once, and sends it here; only its salted
/// hash is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueInvite {
    /// The person.
    pub person_id: Uuid,
    /// The code (at least 80 random bits, as `sujarit_privacy::ReceiptCode` makes them).
    pub invite_code: String,
    /// Days it stays valid (default 14, at most 90).
    #[serde(default)]
    pub valid_days: Option<u16>,
}

/// Redeems an invite code: links a chat account to the person it was issued for. Sent by the
/// bot gateway, which found the person with the `person.invite` view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedeemInvite {
    /// The person.
    pub person_id: Uuid,
    /// The code as typed.
    pub invite_code: String,
    /// `telegram`, `line` or `web`.
    pub channel: String,
    /// The account on that channel (chat user id).
    pub account: String,
}

/// Removes a chat account from a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnlinkChatAccount {
    /// The person.
    pub person_id: Uuid,
    /// `telegram`, `line` or `web`.
    pub channel: String,
    /// The account.
    pub account: String,
}

/// Languages a person may read notifications in (wire names).
pub const NOTIFICATION_LANGS: [&str; 2] = ["th", "en"];

/// Sets how a person is notified: a mute and the language. Sent by the person themself (the bot's
/// `/mute`, for instance) or by an admin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetNotificationPreferences {
    /// The person.
    pub person_id: Uuid,
    /// No non-urgent notifications before this instant; `None` is not muted (it ends a mute).
    #[serde(default)]
    pub muted_until: Option<chrono::DateTime<chrono::Utc>>,
    /// `th` or `en`; `None` keeps the language already set (Thai if none was).
    #[serde(default)]
    pub lang: Option<String>,
    /// Keep the mute as it stands and ignore `muted_until` (for a change of language only).
    #[serde(default)]
    pub keep_mute: bool,
}

domain_commands! {
    /// Commands of the people registry.
    pub enum PersonCommand {
        RegisterPerson,
        GrantRole,
        RevokeRole,
        AssignOrgUnit,
        IssueInvite,
        RedeemInvite,
        UnlinkChatAccount,
        SetNotificationPreferences,
    }
}

impl PersonCommand {
    /// The person the command is about.
    pub fn person_id(&self) -> Uuid {
        match self {
            PersonCommand::RegisterPerson(c) => c.person_id,
            PersonCommand::GrantRole(c) => c.person_id,
            PersonCommand::RevokeRole(c) => c.person_id,
            PersonCommand::AssignOrgUnit(c) => c.person_id,
            PersonCommand::IssueInvite(c) => c.person_id,
            PersonCommand::RedeemInvite(c) => c.person_id,
            PersonCommand::UnlinkChatAccount(c) => c.person_id,
            PersonCommand::SetNotificationPreferences(c) => c.person_id,
        }
    }

    /// The person's stream.
    pub fn stream(&self) -> StreamName {
        stream(self.person_id())
    }
}

/// The stream of one person.
pub fn stream(person_id: Uuid) -> StreamName {
    StreamName::for_id(AGGREGATE, person_id)
}

/// A person was registered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRegistered {
    /// Stable id.
    pub person_id: Uuid,
    /// Name.
    pub name: String,
    /// Roles held from the start.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// The org unit an officer reports for.
    #[serde(default)]
    pub org_unit_id: Option<Uuid>,
}

/// A person was given a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleGranted {
    /// The person.
    pub person_id: Uuid,
    /// The role.
    pub role: Role,
}

/// A person lost a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleRevoked {
    /// The person.
    pub person_id: Uuid,
    /// The role.
    pub role: Role,
}

/// A person's org unit changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgUnitAssigned {
    /// The person.
    pub person_id: Uuid,
    /// The org unit now, or none.
    pub org_unit_id: Option<Uuid>,
}

/// An invite code was issued (only its salted hash is kept).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteIssued {
    /// The person.
    pub person_id: Uuid,
    /// The invite.
    pub invite_id: Uuid,
    /// Salted hash of the code.
    pub digest: crate::complaint::ReceiptDigest,
    /// Last Bangkok date it may be redeemed.
    pub expires_on: chrono::NaiveDate,
}

/// An invite code was used; it cannot be used again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteRedeemed {
    /// The person.
    pub person_id: Uuid,
    /// The invite.
    pub invite_id: Uuid,
}

/// A chat account now acts for the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatAccountLinked {
    /// The person.
    pub person_id: Uuid,
    /// `telegram`, `line` or `web`.
    pub channel: String,
    /// The account on that channel.
    pub account: String,
}

/// A chat account no longer acts for the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatAccountUnlinked {
    /// The person.
    pub person_id: Uuid,
    /// The channel.
    pub channel: String,
    /// The account.
    pub account: String,
}

/// A person's notification preferences as they now stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationPreferencesSet {
    /// The person.
    pub person_id: Uuid,
    /// No non-urgent notifications before this instant; `None`: not muted.
    #[serde(default)]
    pub muted_until: Option<chrono::DateTime<chrono::Utc>>,
    /// `th` or `en`; `None`: never chosen (Thai).
    #[serde(default)]
    pub lang: Option<String>,
}

domain_events! {
    /// Events of the people registry.
    pub enum PersonEvent {
        PersonRegistered = 1,
        RoleGranted = 1,
        RoleRevoked = 1,
        OrgUnitAssigned = 1,
        InviteIssued = 1,
        InviteRedeemed = 1,
        ChatAccountLinked = 1,
        ChatAccountUnlinked = 1,
        NotificationPreferencesSet = 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_from_their_wire_and_thai_names() {
        assert_eq!("Secretariat".parse::<Role>(), Ok(Role::Secretariat));
        assert_eq!("คณะกรรมการ".parse::<Role>(), Ok(Role::Committee));
        assert_eq!("custodian".parse::<Role>(), Ok(Role::Custodian));
        assert_eq!("ผู้ดูแลข้อมูลผู้ร้องเรียน".parse::<Role>(), Ok(Role::Custodian));
        assert!("boss".parse::<Role>().unwrap_err().contains("boss"));
        assert_eq!(serde_json::to_string(&Role::Officer).unwrap(), "\"officer\"");
    }

    #[test]
    fn preferences_name_their_person_and_absent_fields_mean_not_muted_and_the_same_language() {
        let person_id = Uuid::from_u128(7);
        let body = format!(r#"{{"person_id":"{person_id}"}}"#);
        let command = PersonCommand::decode("SetNotificationPreferences", body.as_bytes()).unwrap();
        assert_eq!(command.person_id(), person_id);
        assert_eq!(command.stream().to_string(), format!("person-{person_id}"));
        let PersonCommand::SetNotificationPreferences(c) = command else {
            panic!("not SetNotificationPreferences");
        };
        assert_eq!((c.muted_until, c.lang), (None, None));
        let body = format!(r#"{{"person_id":"{person_id}","muted_until":"2027-01-12T02:30:00Z","lang":"en"}}"#);
        let PersonCommand::SetNotificationPreferences(c) =
            PersonCommand::decode("SetNotificationPreferences", body.as_bytes()).unwrap()
        else {
            panic!("not SetNotificationPreferences");
        };
        assert_eq!(c.lang.as_deref(), Some("en"));
        assert_eq!(c.muted_until.map(|t| t.timestamp()), Some(1_799_721_000));
    }
}
