//! The organisation-unit aggregate: the first real aggregate, proving the path from a NATS
//! command to a durable, published event. Names are trimmed and non-empty; a rename keeps the
//! old name as an alias, since documents keep using it.

use sujarit_contracts::orgunit::{OrgUnitAliasAdded, OrgUnitCommand, OrgUnitEvent, OrgUnitRegistered, OrgUnitRenamed};
use sujarit_contracts::people::Role;
use sujarit_contracts::{Actor, DomainError};

use crate::aggregate::{Aggregate, Context};
use crate::messages;

/// Longest name accepted, in characters.
pub const MAX_NAME: usize = 300;

/// State of one organisation unit.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OrgUnit {
    /// Official name; `None` until registered.
    pub name: Option<String>,
    /// Other spellings, old names included.
    pub aliases: Vec<String>,
}

fn clean_name(raw: &str) -> Result<String, DomainError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(messages::name_empty());
    }
    if name.chars().count() > MAX_NAME {
        return Err(messages::name_too_long(MAX_NAME));
    }
    Ok(name)
}

impl Aggregate for OrgUnit {
    type Command = OrgUnitCommand;
    type Event = OrgUnitEvent;

    fn handle(&self, command: &OrgUnitCommand, ctx: &Context) -> Result<Vec<OrgUnitEvent>, DomainError> {
        if ctx.actor == Actor::Anonymous {
            return Err(messages::anonymous_forbidden());
        }
        if !ctx.has_role(Role::Admin) {
            return Err(messages::admin_only_org_units());
        }
        match command {
            OrgUnitCommand::RegisterOrgUnit(c) => {
                if let Some(existing) = &self.name {
                    return Err(messages::org_unit_exists(existing));
                }
                let name = clean_name(&c.name)?;
                let mut aliases = Vec::new();
                for alias in &c.aliases {
                    let alias = clean_name(alias)?;
                    if alias != name && !aliases.contains(&alias) {
                        aliases.push(alias);
                    }
                }
                Ok(vec![OrgUnitRegistered {
                    org_unit_id: c.org_unit_id,
                    name,
                    aliases,
                }
                .into()])
            }
            OrgUnitCommand::RenameOrgUnit(c) => {
                let Some(current) = &self.name else {
                    return Err(messages::org_unit_not_found());
                };
                let name = clean_name(&c.name)?;
                if &name == current {
                    return Ok(vec![]);
                }
                Ok(vec![OrgUnitRenamed {
                    org_unit_id: c.org_unit_id,
                    from: current.clone(),
                    to: name,
                }
                .into()])
            }
            OrgUnitCommand::AddOrgUnitAlias(c) => {
                let Some(current) = &self.name else {
                    return Err(messages::org_unit_not_found());
                };
                let alias = clean_name(&c.alias)?;
                if &alias == current || self.aliases.contains(&alias) {
                    return Ok(vec![]);
                }
                Ok(vec![OrgUnitAliasAdded {
                    org_unit_id: c.org_unit_id,
                    alias,
                }
                .into()])
            }
        }
    }

    fn apply(&mut self, event: &OrgUnitEvent) {
        match event {
            OrgUnitEvent::OrgUnitRegistered(e) => {
                self.name = Some(e.name.clone());
                self.aliases = e.aliases.clone();
            }
            OrgUnitEvent::OrgUnitRenamed(e) => {
                self.aliases.retain(|a| a != &e.to);
                if !self.aliases.contains(&e.from) {
                    self.aliases.push(e.from.clone());
                }
                self.name = Some(e.to.clone());
            }
            OrgUnitEvent::OrgUnitAliasAdded(e) => {
                if !self.aliases.contains(&e.alias) {
                    self.aliases.push(e.alias.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use sujarit_contracts::orgunit::{RegisterOrgUnit, RenameOrgUnit};
    use sujarit_contracts::ErrorCode;
    use uuid::Uuid;

    use super::*;
    use crate::aggregate::testing::given_when;
    use crate::aggregate::Profile;

    /// An admin acting at a fixed time.
    fn person() -> Context {
        Context {
            profile: Some(Profile {
                roles: vec![Role::Admin],
                org_unit_id: None,
            }),
            ..crate::aggregate::testing::person()
        }
    }

    const ID: Uuid = Uuid::from_u128(42);

    fn register(name: &str, aliases: &[&str]) -> OrgUnitCommand {
        RegisterOrgUnit {
            org_unit_id: ID,
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
        .into()
    }

    fn registered(name: &str) -> OrgUnitEvent {
        OrgUnitRegistered {
            org_unit_id: ID,
            name: name.into(),
            aliases: vec![],
        }
        .into()
    }

    fn rename(name: &str) -> OrgUnitCommand {
        RenameOrgUnit {
            org_unit_id: ID,
            name: name.into(),
        }
        .into()
    }

    #[test]
    fn registering_a_new_unit_records_its_cleaned_name_and_distinct_aliases() {
        let then = given_when::<OrgUnit>(
            vec![],
            register(
                "  สำนักงาน   จังหวัดลำพูน ",
                &["สนง.จังหวัดลำพูน", "สนง.จังหวัดลำพูน", "สำนักงาน จังหวัดลำพูน"],
            ),
            &person(),
        );
        assert_eq!(
            then.unwrap(),
            vec![OrgUnitRegistered {
                org_unit_id: ID,
                name: "สำนักงาน จังหวัดลำพูน".into(),
                aliases: vec!["สนง.จังหวัดลำพูน".into()],
            }
            .into()]
        );
    }

    #[test]
    fn registering_an_already_registered_unit_is_a_conflict() {
        let err = given_when::<OrgUnit>(vec![registered("อบจ.พัทลุง")], register("อื่น", &[]), &person()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Conflict);
        assert!(err.message.th.contains("อบจ.พัทลุง"));
    }

    #[test]
    fn an_empty_or_overlong_name_is_a_validation_error_in_thai_and_english() {
        let err = given_when::<OrgUnit>(vec![], register(" \t ", &[]), &person()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.message.en.contains("must not be empty"));
        assert!(err.message.th.contains("ต้องไม่ว่าง"));
        let long = "ก".repeat(MAX_NAME + 1);
        assert_eq!(
            given_when::<OrgUnit>(vec![], register(&long, &[]), &person())
                .unwrap_err()
                .code,
            ErrorCode::Validation
        );
    }

    #[test]
    fn only_an_admin_manages_the_registry() {
        let mut ctx = person();
        ctx.profile = Some(Profile {
            roles: vec![Role::Secretariat, Role::Committee, Role::Officer],
            org_unit_id: None,
        });
        let err = given_when::<OrgUnit>(vec![], register("x", &[]), &ctx).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert!(err.message.en.contains("admin"), "{}", err.message.en);
    }

    #[test]
    fn an_anonymous_actor_may_not_register_units() {
        let mut ctx = person();
        ctx.actor = Actor::Anonymous;
        assert_eq!(
            given_when::<OrgUnit>(vec![], register("x", &[]), &ctx)
                .unwrap_err()
                .code,
            ErrorCode::Forbidden
        );
    }

    #[test]
    fn renaming_records_the_old_and_new_name_and_keeps_the_old_one_as_an_alias() {
        let then = given_when::<OrgUnit>(vec![registered("อบต.ก")], rename("เทศบาลตำบล ก"), &person()).unwrap();
        assert_eq!(
            then,
            vec![OrgUnitRenamed {
                org_unit_id: ID,
                from: "อบต.ก".into(),
                to: "เทศบาลตำบล ก".into()
            }
            .into()]
        );
        let state = OrgUnit::from_history(&[registered("อบต.ก"), then[0].clone()]);
        assert_eq!(state.name.as_deref(), Some("เทศบาลตำบล ก"));
        assert_eq!(state.aliases, vec!["อบต.ก".to_string()]);
    }

    #[test]
    fn renaming_to_the_same_name_changes_nothing() {
        assert_eq!(
            given_when::<OrgUnit>(vec![registered("อบจ.")], rename(" อบจ. "), &person()).unwrap(),
            vec![]
        );
    }

    #[test]
    fn renaming_an_unknown_unit_is_not_found() {
        assert_eq!(
            given_when::<OrgUnit>(vec![], rename("x"), &person()).unwrap_err().code,
            ErrorCode::NotFound
        );
    }

    fn alias(alias: &str) -> OrgUnitCommand {
        sujarit_contracts::orgunit::AddOrgUnitAlias {
            org_unit_id: ID,
            alias: alias.into(),
        }
        .into()
    }

    #[test]
    fn a_new_spelling_becomes_an_alias_once_and_the_name_itself_is_not_an_alias() {
        let given = vec![registered("สำนักงานจังหวัดลำพูน")];
        let then = given_when::<OrgUnit>(given.clone(), alias("  สนง.จังหวัด ลำพูน "), &person()).unwrap();
        assert_eq!(
            then,
            vec![OrgUnitAliasAdded {
                org_unit_id: ID,
                alias: "สนง.จังหวัด ลำพูน".into()
            }
            .into()]
        );
        let mut history = given.clone();
        history.extend(then);
        assert_eq!(
            OrgUnit::from_history(&history).aliases,
            vec!["สนง.จังหวัด ลำพูน".to_string()]
        );
        assert!(given_when::<OrgUnit>(history, alias("สนง.จังหวัด ลำพูน"), &person())
            .unwrap()
            .is_empty());
        assert!(given_when::<OrgUnit>(given, alias("สำนักงานจังหวัดลำพูน"), &person())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn an_alias_needs_a_registered_unit_and_an_admin() {
        let err = given_when::<OrgUnit>(vec![], alias("x"), &person()).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        let mut ctx = person();
        ctx.profile = Some(Profile {
            roles: vec![Role::Secretariat],
            org_unit_id: None,
        });
        let err = given_when::<OrgUnit>(vec![registered("ก")], alias("x"), &ctx).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
    }
}
