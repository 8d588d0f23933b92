//! The people registry: persons, their roles and the org unit an officer reports for. Only an
//! admin (or one of our services, such as the command line acting as `service:cli` to set up
//! the first admin) changes it, except for a person's own notification preferences (mute and
//! language), which they set themselves. The ledger reads a person's state here to build the
//! decision context of every command they send ([`Person::profile`]).

use chrono::{DateTime, NaiveDate, Utc};
use sujarit_contracts::complaint::ReceiptDigest;
use sujarit_contracts::people::{
    AssignOrgUnit, ChatAccountLinked, ChatAccountUnlinked, GrantRole, InviteIssued, InviteRedeemed, IssueInvite,
    NotificationPreferencesSet, OrgUnitAssigned, PersonCommand, PersonEvent, PersonRegistered, RedeemInvite,
    RegisterPerson, RevokeRole, Role, RoleGranted, RoleRevoked, SetNotificationPreferences, UnlinkChatAccount,
    DEFAULT_INVITE_DAYS, MAX_INVITE_DAYS, NOTIFICATION_LANGS,
};
use sujarit_contracts::{Actor, DomainError, ErrorCode};

use crate::aggregate::{Aggregate, Context, Profile};
use crate::text::{clean_line, FieldName};

/// Longest name accepted, in characters.
pub const MAX_NAME: usize = 300;

/// Channels a chat account can be on.
pub const CHANNELS: [&str; 3] = ["telegram", "line", "web"];

/// An invite code issued and not used yet.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PendingInvite {
    /// The invite.
    pub invite_id: uuid::Uuid,
    /// Salted hash of the code.
    pub digest: ReceiptDigest,
    /// Last Bangkok date it may be redeemed.
    pub expires_on: NaiveDate,
}

/// State of one person.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    /// Name; `None` until registered.
    pub name: Option<String>,
    /// Roles held, in the order granted.
    pub roles: Vec<Role>,
    /// The org unit an officer reports for.
    pub org_unit_id: Option<uuid::Uuid>,
    /// Invite codes not used yet.
    #[serde(default)]
    pub invites: Vec<PendingInvite>,
    /// Chat accounts acting for the person: (channel, account).
    #[serde(default)]
    pub chat_accounts: Vec<(String, String)>,
    /// The language they read notifications in (`th` or `en`); `None` until chosen (Thai).
    #[serde(default)]
    pub lang: Option<String>,
    /// No non-urgent notifications before this instant; `None`: not muted.
    #[serde(default)]
    pub muted_until: Option<DateTime<Utc>>,
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

    /// The pending invite a code as typed belongs to, if it has not expired by `today`;
    /// `matches` checks a code against a stored digest (the vault's check).
    pub fn invite_for(
        &self,
        code: &str,
        today: NaiveDate,
        matches: impl Fn(&ReceiptDigest, &str) -> bool,
    ) -> Option<&PendingInvite> {
        self.invites
            .iter()
            .find(|invite| invite.expires_on >= today && matches(&invite.digest, code))
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
        if let PersonCommand::SetNotificationPreferences(c) = command {
            // How a person is notified is theirs to choose; an admin may set it for them.
            if ctx.actor != Actor::Person(c.person_id) && !ctx.has_role(Role::Admin) {
                return Err(messages::own_preferences_only());
            }
            return self.set_preferences(c);
        }
        if !ctx.has_role(Role::Admin) {
            return Err(messages::admin_only());
        }
        match command {
            PersonCommand::RegisterPerson(c) => self.register(c),
            PersonCommand::GrantRole(c) => self.grant(c),
            PersonCommand::RevokeRole(c) => self.revoke(c, ctx),
            PersonCommand::AssignOrgUnit(c) => self.assign(c),
            PersonCommand::IssueInvite(c) => self.issue_invite(c, ctx),
            PersonCommand::RedeemInvite(c) => self.redeem(c, ctx),
            PersonCommand::UnlinkChatAccount(c) => self.unlink(c),
            PersonCommand::SetNotificationPreferences(c) => self.set_preferences(c),
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
            PersonEvent::InviteIssued(e) => self.invites.push(PendingInvite {
                invite_id: e.invite_id,
                digest: e.digest.clone(),
                expires_on: e.expires_on,
            }),
            PersonEvent::InviteRedeemed(e) => self.invites.retain(|i| i.invite_id != e.invite_id),
            PersonEvent::ChatAccountLinked(e) => {
                let account = (e.channel.clone(), e.account.clone());
                if !self.chat_accounts.contains(&account) {
                    self.chat_accounts.push(account);
                }
            }
            PersonEvent::ChatAccountUnlinked(e) => self
                .chat_accounts
                .retain(|(channel, account)| !(channel == &e.channel && account == &e.account)),
            PersonEvent::NotificationPreferencesSet(e) => {
                self.lang = e.lang.clone();
                self.muted_until = e.muted_until;
            }
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

    fn issue_invite(&self, c: &IssueInvite, ctx: &Context) -> Result<Vec<PersonEvent>, DomainError> {
        self.registered()?;
        let days = c.valid_days.unwrap_or(DEFAULT_INVITE_DAYS);
        if !(1..=MAX_INVITE_DAYS).contains(&days) {
            return Err(messages::invite_days());
        }
        if sujarit_privacy::ReceiptCode::parse(&c.invite_code).is_err() {
            return Err(messages::weak_invite_code());
        }
        let vault = ctx.vault.as_deref().ok_or_else(messages::no_vault)?;
        let today = crate::complaint::bangkok_today(ctx.now);
        let expires_on = today
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .ok_or_else(messages::invite_days)?;
        Ok(vec![InviteIssued {
            person_id: c.person_id,
            // Random, so the id says nothing about when the code was made.
            invite_id: uuid::Uuid::new_v4(),
            digest: vault.receipt_digest(&c.invite_code),
            expires_on,
        }
        .into()])
    }

    fn redeem(&self, c: &RedeemInvite, ctx: &Context) -> Result<Vec<PersonEvent>, DomainError> {
        self.registered()?;
        let channel = c.channel.trim().to_lowercase();
        if !CHANNELS.contains(&channel.as_str()) {
            return Err(messages::unknown_channel(&c.channel));
        }
        let account = c.account.trim();
        if account.is_empty() || account.chars().count() > 200 {
            return Err(messages::bad_account());
        }
        let vault = ctx.vault.as_deref().ok_or_else(messages::no_vault)?;
        let today = crate::complaint::bangkok_today(ctx.now);
        let invite = self
            .invite_for(&c.invite_code, today, |digest, code| {
                vault.receipt_matches(digest, code)
            })
            .ok_or_else(messages::invite_invalid)?;
        Ok(vec![
            InviteRedeemed {
                person_id: c.person_id,
                invite_id: invite.invite_id,
            }
            .into(),
            ChatAccountLinked {
                person_id: c.person_id,
                channel,
                account: account.to_string(),
            }
            .into(),
        ])
    }

    fn unlink(&self, c: &UnlinkChatAccount) -> Result<Vec<PersonEvent>, DomainError> {
        self.registered()?;
        let channel = c.channel.trim().to_lowercase();
        let linked = self
            .chat_accounts
            .iter()
            .any(|(ch, account)| ch == &channel && account == c.account.trim());
        if !linked {
            return Ok(vec![]);
        }
        Ok(vec![ChatAccountUnlinked {
            person_id: c.person_id,
            channel,
            account: c.account.trim().to_string(),
        }
        .into()])
    }

    /// Records the mute as given and the language given (or the one already set); nothing when
    /// both are as they are.
    fn set_preferences(&self, c: &SetNotificationPreferences) -> Result<Vec<PersonEvent>, DomainError> {
        self.registered()?;
        let lang = match c.lang.as_deref() {
            None => self.lang.clone(),
            Some(lang) => {
                let lang = lang.trim().to_lowercase();
                if !NOTIFICATION_LANGS.contains(&lang.as_str()) {
                    return Err(messages::unknown_lang(c.lang.as_deref().unwrap_or_default()));
                }
                Some(lang)
            }
        };
        let muted_until = match c.keep_mute {
            true => self.muted_until,
            false => c.muted_until,
        };
        if lang == self.lang && muted_until == self.muted_until {
            return Ok(vec![]);
        }
        Ok(vec![NotificationPreferencesSet {
            person_id: c.person_id,
            muted_until,
            lang,
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

    pub(super) fn own_preferences_only() -> DomainError {
        DomainError::new(
            ErrorCode::Forbidden,
            "ตั้งค่าการแจ้งเตือนได้เฉพาะของตนเอง (หรือโดยผู้ดูแลระบบ)",
            "only the person themself or an admin may set their notification preferences",
        )
    }

    pub(super) fn unknown_lang(lang: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ไม่รู้จักภาษา `{lang}` (th = ไทย หรือ en = อังกฤษ)"),
            format!("unknown language `{lang}` (th = Thai or en = English)"),
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

    pub(super) fn invite_days() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("รหัสเชิญต้องมีอายุ 1–{MAX_INVITE_DAYS} วัน"),
            format!("an invite code must be valid for 1–{MAX_INVITE_DAYS} days"),
        )
    }

    pub(super) fn weak_invite_code() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "รหัสเชิญต้องเป็นรหัสสุ่ม 20 ตัวอักษรที่ระบบสร้างให้",
            "an invite code must be a random 20-symbol code as the system makes them",
        )
    }

    pub(super) fn no_vault() -> DomainError {
        DomainError::new(
            ErrorCode::Unavailable,
            "ระบบเก็บรหัสไม่พร้อมใช้งาน",
            "the code vault is not available",
        )
    }

    pub(super) fn unknown_channel(channel: &str) -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            format!("ไม่รู้จักช่องทาง `{channel}` (telegram, line หรือ web)"),
            format!("unknown channel `{channel}` (telegram, line or web)"),
        )
    }

    pub(super) fn bad_account() -> DomainError {
        DomainError::new(
            ErrorCode::Validation,
            "บัญชีแชทต้องไม่ว่างและยาวไม่เกิน 200 ตัวอักษร",
            "the chat account must be 1–200 characters",
        )
    }

    pub(super) fn invite_invalid() -> DomainError {
        DomainError::new(
            ErrorCode::NotFound,
            "รหัสเชิญไม่ถูกต้อง หมดอายุ หรือใช้ไปแล้ว กรุณาขอรหัสใหม่จากผู้ดูแลระบบ",
            "the invite code is wrong, expired or already used; ask an admin for a new one",
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

    fn prefs(muted_until: Option<DateTime<Utc>>, lang: Option<&str>) -> PersonCommand {
        SetNotificationPreferences {
            person_id: ID,
            muted_until,
            lang: lang.map(str::to_string),
            keep_mute: false,
        }
        .into()
    }

    fn prefs_set(muted_until: Option<DateTime<Utc>>, lang: Option<&str>) -> PersonEvent {
        NotificationPreferencesSet {
            person_id: ID,
            muted_until,
            lang: lang.map(str::to_string),
        }
        .into()
    }

    fn instant(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    /// The person themself, holding no role at all.
    fn themself() -> Context {
        Context {
            actor: Actor::Person(ID),
            profile: Some(Profile::default()),
            ..person()
        }
    }

    #[test]
    fn a_change_of_language_alone_keeps_the_mute() {
        let until = instant(1_800_000_000);
        let given = vec![
            registered(vec![Role::Officer], Some(UNIT)),
            prefs_set(Some(until), None),
        ];
        let command: PersonCommand = SetNotificationPreferences {
            person_id: ID,
            muted_until: None,
            lang: Some("en".into()),
            keep_mute: true,
        }
        .into();
        let then = given_when::<Person>(given, command, &themself()).unwrap();
        assert_eq!(then, vec![prefs_set(Some(until), Some("en"))]);
    }

    #[test]
    fn a_person_sets_their_own_mute_and_language_and_the_state_keeps_them() {
        let given = vec![registered(vec![Role::Officer], Some(UNIT))];
        let until = instant(1_800_000_000);
        let then = given_when::<Person>(given.clone(), prefs(Some(until), Some(" EN ")), &themself()).unwrap();
        assert_eq!(then, vec![prefs_set(Some(until), Some("en"))]);
        let mut history = given;
        history.extend(then);
        let state = Person::from_history(&history);
        assert_eq!((state.lang.as_deref(), state.muted_until), (Some("en"), Some(until)));
    }

    #[test]
    fn someone_else_may_not_set_a_persons_preferences_but_an_admin_may() {
        let given = vec![registered(vec![Role::Officer], Some(UNIT))];
        let mut other = themself();
        other.actor = Actor::Person(Uuid::from_u128(8));
        other.profile = Some(Profile {
            roles: vec![Role::Secretariat],
            org_unit_id: None,
        });
        let err = given_when::<Person>(given.clone(), prefs(None, Some("en")), &other).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert!(err.message.th.contains("เฉพาะของตนเอง"), "{}", err.message.th);
        assert!(err.message.en.contains("themself or an admin"), "{}", err.message.en);
        assert!(given_when::<Person>(given, prefs(None, Some("en")), &admin()).is_ok());
        // Their own preferences only: themself is no admin for the rest.
        let err = given_when::<Person>(vec![], register(vec![], None), &themself()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
    }

    #[test]
    fn the_language_must_be_thai_or_english_and_the_person_registered() {
        let given = vec![registered(vec![], None)];
        let err = given_when::<Person>(given, prefs(None, Some("fr")), &themself()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(
            err.message.th.contains("`fr`") && err.message.en.contains("th = Thai"),
            "{err}"
        );
        let err = given_when::<Person>(vec![], prefs(None, Some("th")), &themself()).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
    }

    #[test]
    fn an_absent_language_keeps_the_one_set_and_an_absent_mute_ends_the_mute() {
        let until = instant(1_800_000_000);
        let given = vec![registered(vec![], None), prefs_set(Some(until), Some("en"))];
        let then = given_when::<Person>(given.clone(), prefs(None, None), &themself()).unwrap();
        assert_eq!(then, vec![prefs_set(None, Some("en"))]);
        // The same preferences again record nothing.
        let same = given_when::<Person>(given, prefs(Some(until), Some("en")), &themself()).unwrap();
        assert_eq!(same, vec![]);
        let unset = given_when::<Person>(vec![registered(vec![], None)], prefs(None, None), &themself()).unwrap();
        assert_eq!(unset, vec![], "nothing to change");
    }

    fn with_vault(mut ctx: Context) -> Context {
        ctx.vault = Some(std::sync::Arc::new(crate::aggregate::testing::FakeVault));
        ctx
    }

    const CODE: &str = "K7QM-2XRT-9PWA-H4CN-5DZE";

    fn issued(expires_on: NaiveDate) -> PersonEvent {
        InviteIssued {
            person_id: ID,
            invite_id: Uuid::from_u128(99),
            digest: crate::aggregate::Vault::receipt_digest(&crate::aggregate::testing::FakeVault, CODE),
            expires_on,
        }
        .into()
    }

    fn redeem(code: &str, channel: &str) -> PersonCommand {
        RedeemInvite {
            person_id: ID,
            invite_code: code.into(),
            channel: channel.into(),
            account: "123456789".into(),
        }
        .into()
    }

    #[test]
    fn an_invite_stores_only_a_hash_of_its_code_and_expires_after_the_days_given() {
        let then = given_when::<Person>(
            vec![registered(vec![Role::Officer], Some(UNIT))],
            IssueInvite {
                person_id: ID,
                invite_code: CODE.into(),
                valid_days: Some(7),
            }
            .into(),
            &with_vault(admin()),
        )
        .unwrap();
        let PersonEvent::InviteIssued(e) = &then[0] else {
            panic!("{then:?}")
        };
        assert_ne!(e.digest.0, CODE);
        assert_eq!(e.invite_id.get_version_num(), 4);
        assert_eq!(
            e.expires_on,
            crate::complaint::bangkok_today(admin().now) + chrono::Days::new(7)
        );
        let err = given_when::<Person>(
            vec![registered(vec![Role::Officer], Some(UNIT))],
            IssueInvite {
                person_id: ID,
                invite_code: "1234".into(),
                valid_days: None,
            }
            .into(),
            &with_vault(admin()),
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
    }

    #[test]
    fn redeeming_an_invite_links_the_chat_account_once_and_the_code_cannot_be_used_again() {
        let ctx = with_vault(admin());
        let today = crate::complaint::bangkok_today(ctx.now);
        let given = vec![registered(vec![Role::Officer], Some(UNIT)), issued(today)];
        let then = given_when::<Person>(given.clone(), redeem(CODE, "Telegram"), &ctx).unwrap();
        assert_eq!(then.len(), 2);
        assert!(
            matches!(&then[1], PersonEvent::ChatAccountLinked(e) if e.channel == "telegram" && e.account == "123456789")
        );
        let mut history = given;
        history.extend(then);
        let state = Person::from_history(&history);
        assert_eq!(
            state.chat_accounts,
            vec![("telegram".to_string(), "123456789".to_string())]
        );
        assert!(state.invites.is_empty());
        let err = given_when::<Person>(history, redeem(CODE, "line"), &ctx).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        assert!(err.message.en.contains("already used"), "{}", err.message.en);
    }

    #[test]
    fn a_wrong_or_expired_invite_code_or_an_unknown_channel_is_refused() {
        let ctx = with_vault(admin());
        let today = crate::complaint::bangkok_today(ctx.now);
        let yesterday = today - chrono::Days::new(1);
        let err = given_when::<Person>(
            vec![registered(vec![Role::Officer], Some(UNIT)), issued(today)],
            redeem("AAAA-BBBB-CCCC-DDDD-EEEE", "line"),
            &ctx,
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        let err = given_when::<Person>(
            vec![registered(vec![Role::Officer], Some(UNIT)), issued(yesterday)],
            redeem(CODE, "line"),
            &ctx,
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
        let err = given_when::<Person>(
            vec![registered(vec![Role::Officer], Some(UNIT)), issued(today)],
            redeem(CODE, "fax"),
            &ctx,
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation);
        assert!(err.message.th.contains("fax"));
    }
}
