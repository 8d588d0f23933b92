//! The people registry: persons, their roles and the org unit an officer reports for. Only an
//! admin (or one of our services, such as the command line acting as `service:cli` to set up
//! the first admin) changes it. The ledger reads a person's state here to build the decision
//! context of every command they send ([`Person::profile`]).

use sujarit_contracts::people::{
    AssignOrgUnit, GrantRole, OrgUnitAssigned, PersonCommand, PersonEvent, PersonRegistered, RegisterPerson,
    RevokeRole, Role, RoleGranted, RoleRevoked,
};
use sujarit_contracts::{Actor, DomainError, ErrorCode};

use crate::aggregate::{Aggregate, Context, Profile};
use crate::text::{clean_line, FieldName};

/// Longest name accepted, in characters.
pub const MAX_NAME: usize = 300;

/// State of one person.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    /// Name; `None` until registered.
    pub name: Option<String>,
    /// Roles held, in the order granted.
    pub roles: Vec<Role>,
    /// The org unit an officer reports for.
    pub org_unit_id: Option<uuid::Uuid>,
}

impl Person {
    /// What the ledger knows of this person when they act (`None` if not registered).
    pub fn profile(&self) -> Option<Profile> {
        self.name.as_ref().map(|_| Profile {
            roles: self.roles.clone(),
            org_unit_id: self.org_unit_id,
        })
    }

    fn registered(&self) -> Result<&str, DomainError> {
        self.name.as_deref().ok_or_else(messages::not_found)
    }
}

#[derive(Debug, Clone, Copy)]
struct NameField;

impl FieldName for NameField {
    fn th(self) -> &'static str {
        "ชื่อ"
    }
    fn en(self) -> &'static str {
        "the name"
    }
}

impl Aggregate for Person {
    type Command = PersonCommand;
    type Event = PersonEvent;

    fn handle(&self, command: &PersonCommand, ctx: &Context) -> Result<Vec<PersonEvent>, DomainError> {
        if !ctx.has_role(Role::Admin) {
            return Err(messages::admin_only());
        }
        match command {
            PersonCommand::RegisterPerson(c) => self.register(c),
            PersonCommand::GrantRole(c) => self.grant(c),
            PersonCommand::RevokeRole(c) => self.revoke(c, ctx),
            PersonCommand::AssignOrgUnit(c) => self.assign(c),
        }
    }

    fn apply(&mut self, event: &PersonEvent) {
        match event {
            PersonEvent::PersonRegistered(e) => {
                self.name = Some(e.name.clone());
                self.roles = e.roles.clone();
                self.org_unit_id = e.org_unit_id;
            }
            PersonEvent::RoleGranted(e) => {
                if !self.roles.contains(&e.role) {
                    self.roles.push(e.role);
                }
            }
            PersonEvent::RoleRevoked(e) => self.roles.retain(|role| *role != e.role),
            PersonEvent::OrgUnitAssigned(e) => self.org_unit_id = e.org_unit_id,
        }
    }
}

impl Person {
    fn register(&self, c: &RegisterPerson) -> Result<Vec<PersonEvent>, DomainError> {
        if let Some(name) = &self.name {
            return Err(messages::exists(name));
        }
        let name = clean_line(&c.name, NameField, MAX_NAME)?;
        let mut roles = Vec::new();
        for role in &c.roles {
            if !roles.contains(role) {
                roles.push(*role);
            }
        }
        if roles.contains(&Role::Officer) && c.org_unit_id.is_none() {
            return Err(messages::officer_needs_org_unit());
        }
        Ok(vec![PersonRegistered {
            person_id: c.person_id,
            name,
            roles,
            org_unit_id: c.org_unit_id,
        }
        .into()])
    }

    fn grant(&self, c: &GrantRole) -> Result<Vec<PersonEvent>, DomainError> {
        self.registered()?;
        if self.roles.contains(&c.role) {
            return Ok(vec![]);
        }
        if c.role == Role::Officer && self.org_unit_id.is_none() {
            return Err(messages::officer_needs_org_unit());
        }
        Ok(vec![RoleGranted {
            person_id: c.person_id,
            role: c.role,
        }
        .into()])
    }

    fn revoke(&self, c: &RevokeRole, ctx: &Context) -> Result<Vec<PersonEvent>, DomainError> {
        self.registered()?;
        if !self.roles.contains(&c.role) {
            return Ok(vec![]);
        }
        if c.role == Role::Admin && ctx.actor == Actor::Person(c.person_id) {
            return Err(messages::own_admin_role());
        }
        Ok(vec![RoleRevoked {
            person_id: c.person_id,
            role: c.role,
        }
        .into()])
    }

    fn assign(&self, c: &AssignOrgUnit) -> Result<Vec<PersonEvent>, DomainError> {
        self.registered()?;
        if self.org_unit_id == c.org_unit_id {
            return Ok(vec![]);
        }
        if c.org_unit_id.is_none() && self.roles.contains(&Role::Officer) {
            return Err(messages::officer_needs_org_unit());
        }
        Ok(vec![OrgUnitAssigned {
            person_id: c.person_id,
            org_unit_id: c.org_unit_id,
        }
        .into()])
    }
}

mod messages {
    use super::*;

    pub(super) fn admin_only() -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            "เฉพาะผู้ดูแลระบบเท่านั้นที่จัดการรายชื่อผู้ใช้และสิทธิ์ได้",
            "only an admin may manage people and their roles",
        )
    }

    pub(super) fn not_found() -> DomainError {
        DomainError::new(ErrorCode::NotFound, "ไม่พบบุคคลนี้", "no such person")
    }

    pub(super) fn exists(name: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Conflict,
            format!("บุคคลนี้ลงทะเบียนไว้แล้วในชื่อ \"{name}\""),
            format!("this person is already registered as \"{name}\""),
        )
    }

    pub(super) fn officer_needs_org_unit() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "เจ้าหน้าที่หน่วยงานต้องสังกัดหน่วยงาน จึงจะรายงานผลได้",
            "an officer needs an org unit to report for",
        )
    }

    pub(super) fn own_admin_role() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "ถอนสิทธิ์ผู้ดูแลระบบของตนเองไม่ได้ ให้ผู้ดูแลระบบคนอื่นดำเนินการ",
            "you cannot remove your own admin role; ask another admin",
        )
    }
}

#[cfg(test)]
mod tests {
    use sujarit_contracts::people::AssignOrgUnit;
    use uuid::Uuid;

    use super::*;
    use crate::aggregate::testing::{given_when, person};

    const ID: Uuid = Uuid::from_u128(7);
    const UNIT: Uuid = Uuid::from_u128(70);

    fn admin() -> Context {
        Context {
            profile: Some(Profile {
                roles: vec![Role::Admin],
                org_unit_id: None,
            }),
            ..person()
        }
    }

    fn registered(roles: Vec<Role>, org_unit_id: Option<Uuid>) -> PersonEvent {
        PersonRegistered {
            person_id: ID,
            name: "นางสาวสมใจ ใจดี".into(),
            roles,
            org_unit_id,
        }
        .into()
    }

    fn register(roles: Vec<Role>, org_unit_id: Option<Uuid>) -> PersonCommand {
        RegisterPerson {
            person_id: ID,
            name: "  นางสาวสมใจ   ใจดี ".into(),
            roles,
            org_unit_id,
        }
        .into()
    }

    #[test]
    fn an_admin_registers_a_person_with_cleaned_name_and_distinct_roles() {
        let then = given_when::<Person>(
            vec![],
            register(vec![Role::Officer, Role::Officer], Some(UNIT)),
            &admin(),
        );
        assert_eq!(then.unwrap(), vec![registered(vec![Role::Officer], Some(UNIT))]);
    }

    #[test]
    fn only_an_admin_or_a_service_manages_people() {
        let mut secretariat = admin();
        secretariat.profile = Some(Profile {
            roles: vec![Role::Secretariat],
            org_unit_id: None,
        });
        let err = given_when::<Person>(vec![], register(vec![], None), &secretariat).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        let mut service = person();
        service.actor = Actor::Service("cli".into());
        assert!(given_when::<Person>(vec![], register(vec![Role::Admin], None), &service).is_ok());
    }

    #[test]
    fn an_officer_needs_an_org_unit() {
        let err = given_when::<Person>(vec![], register(vec![Role::Officer], None), &admin()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        let grant = GrantRole {
            person_id: ID,
            role: Role::Officer,
        }
        .into();
        assert!(given_when::<Person>(vec![registered(vec![], None)], grant, &admin()).is_err());
        let clear = AssignOrgUnit {
            person_id: ID,
            org_unit_id: None,
        }
        .into();
        let err = given_when::<Person>(vec![registered(vec![Role::Officer], Some(UNIT))], clear, &admin()).unwrap_err();
        assert!(err.message.en.contains("org unit"));
    }

    #[test]
    fn granting_a_held_role_or_revoking_a_missing_one_changes_nothing() {
        let held = GrantRole {
            person_id: ID,
            role: Role::Committee,
        }
        .into();
        assert_eq!(
            given_when::<Person>(vec![registered(vec![Role::Committee], None)], held, &admin()).unwrap(),
            vec![]
        );
        let missing = RevokeRole {
            person_id: ID,
            role: Role::Admin,
        }
        .into();
        assert_eq!(
            given_when::<Person>(vec![registered(vec![], None)], missing, &admin()).unwrap(),
            vec![]
        );
    }

    #[test]
    fn an_admin_cannot_remove_their_own_admin_role() {
        let mut me = admin();
        me.actor = Actor::Person(ID);
        let revoke = RevokeRole {
            person_id: ID,
            role: Role::Admin,
        }
        .into();
        let err = given_when::<Person>(vec![registered(vec![Role::Admin], None)], revoke, &me).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
    }

    #[test]
    fn the_profile_follows_grants_revocations_and_assignments() {
        let state = Person::from_history(&[
            registered(vec![Role::Secretariat], None),
            RoleGranted {
                person_id: ID,
                role: Role::Committee,
            }
            .into(),
            RoleRevoked {
                person_id: ID,
                role: Role::Secretariat,
            }
            .into(),
            OrgUnitAssigned {
                person_id: ID,
                org_unit_id: Some(UNIT),
            }
            .into(),
        ]);
        assert_eq!(
            state.profile(),
            Some(Profile {
                roles: vec![Role::Committee],
                org_unit_id: Some(UNIT)
            })
        );
        assert_eq!(Person::default().profile(), None);
    }

    #[test]
    fn commands_about_an_unknown_person_are_not_found() {
        let grant = GrantRole {
            person_id: ID,
            role: Role::Committee,
        }
        .into();
        assert_eq!(
            given_when::<Person>(vec![], grant, &admin()).unwrap_err().code,
            ErrorCode::NotFound
        );
    }
}
