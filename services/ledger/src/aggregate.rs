//! The shape every aggregate has: a pure `handle` (decide) and a pure `apply` (evolve).
//! No I/O in here; the ledger loads state, calls `handle`, stores what it returns.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sujarit_contracts::complaint::{ReceiptDigest, SealedText};
use sujarit_contracts::people::Role;
use sujarit_contracts::{Actor, DomainError, DomainEvent};
use sujarit_eventstore::TimePrecision;
use uuid::Uuid;

/// What a decision may know besides state and command: who acts, with which roles, and when.
#[derive(Debug, Clone)]
pub struct Context {
    /// The authenticated actor.
    pub actor: Actor,
    /// The acting person's roles and agency, as the ledger knows them from the people registry
    /// (`None` for services, anonymous citizens, and people it does not know).
    pub profile: Option<Profile>,
    /// The ledger's clock at decision time.
    pub now: DateTime<Utc>,
    /// Seals case content and hashes receipt codes (`None` where no aggregate needs it).
    pub vault: Option<Arc<dyn Vault>>,
}

/// The keys of complaint content, injected so that aggregates stay pure: whatever a reporter wrote
/// is sealed before it goes into an event, and a receipt code is kept only as a keyed hash.
pub trait Vault: Send + Sync {
    /// Encrypts `plain` under the case's own key (created, durably, on first use); deleting that
    /// key erases everything sealed with it. Fails when the key cannot be made or read.
    fn seal(&self, case_id: Uuid, plain: &str) -> Result<SealedText, DomainError>;
    /// The keyed hash to store for a receipt code as typed (the vault normalises it): peppered,
    /// or salted afresh on every call.
    fn receipt_digest(&self, receipt_code: &str) -> ReceiptDigest;
    /// Whether a receipt code as typed is the one `stored` was made from. The default compares
    /// digests, which suits a peppered hash; a salted one verifies against its own salt instead.
    fn receipt_matches(&self, stored: &ReceiptDigest, receipt_code: &str) -> bool {
        self.receipt_digest(receipt_code) == *stored
    }
    /// Whether a new receipt code has the form this vault can check later (a vault with a
    /// stricter code format than "16–64 letters or digits" refuses the others at filing).
    fn accepts_receipt_code(&self, _receipt_code: &str) -> bool {
        true
    }
}

/// Shows that a vault is there, never what it holds.
impl std::fmt::Debug for dyn Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Vault")
    }
}

/// The acting person's roles and org unit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Roles held.
    pub roles: Vec<Role>,
    /// The org unit an officer reports for.
    pub org_unit_id: Option<Uuid>,
}

impl Context {
    /// Whether the actor holds `role` (our own services act with every role).
    pub fn has_role(&self, role: Role) -> bool {
        matches!(self.actor, Actor::Service(_)) || self.profile.as_ref().is_some_and(|p| p.roles.contains(&role))
    }
}

/// An event-sourced aggregate: its state is the fold of its events.
pub trait Aggregate: Default + Clone + Send + Sync + 'static {
    /// Commands it decides.
    type Command: Send;
    /// Events it records.
    type Event: DomainEvent + Clone + Send;

    /// Decides: the events a command produces, or why it is refused. Pure.
    fn handle(&self, command: &Self::Command, ctx: &Context) -> Result<Vec<Self::Event>, DomainError>;

    /// Evolves the state by one event. Pure, and total: stored events are facts.
    fn apply(&mut self, event: &Self::Event);

    /// How precisely the event's time may be stored (anonymous material: to the hour).
    fn precision(_event: &Self::Event) -> TimePrecision {
        TimePrecision::Exact
    }

    /// Folds a history into a state.
    fn from_history<'a>(events: impl IntoIterator<Item = &'a Self::Event>) -> Self
    where
        Self::Event: 'a,
    {
        let mut state = Self::default();
        for event in events {
            state.apply(event);
        }
        state
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Given / when / then for pure aggregates.

    use super::*;

    /// A person acting at a fixed time.
    pub(crate) fn person() -> Context {
        Context {
            actor: Actor::Person(Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001)),
            profile: None,
            now: DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
            vault: None,
        }
    }

    /// A vault whose output shows what went in without containing it: `seal` writes
    /// `sealed:<case>:` and the text's bytes in hex, reversed; `receipt_digest` writes `digest:`
    /// and the bytes of the code (spaces and hyphens dropped, upper-cased) in hex, reversed. Tests
    /// assert that no plaintext reaches an event.
    #[derive(Debug, Clone, Copy, Default)]
    pub(crate) struct FakeVault;

    fn reversed_hex(text: &str) -> String {
        text.bytes()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
            .chars()
            .rev()
            .collect()
    }

    impl Vault for FakeVault {
        fn seal(&self, case_id: Uuid, plain: &str) -> Result<SealedText, DomainError> {
            Ok(SealedText(format!("sealed:{case_id}:{}", reversed_hex(plain))))
        }

        fn receipt_digest(&self, receipt_code: &str) -> ReceiptDigest {
            let code: String = receipt_code
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .map(|c| c.to_ascii_uppercase())
                .collect();
            ReceiptDigest(format!("digest:{}", reversed_hex(&code)))
        }
    }

    impl FakeVault {
        /// What `seal` made of a text, read back (for assertions).
        pub(crate) fn open(sealed: &SealedText) -> Option<String> {
            let hex: String = sealed.0.rsplit(':').next()?.chars().rev().collect();
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
                .collect::<Option<Vec<u8>>>()?;
            String::from_utf8(bytes).ok()
        }
    }

    /// Then: refused with this code, and both texts name the problem.
    pub(crate) fn assert_refused(err: &DomainError, code: sujarit_contracts::ErrorCode, th: &str, en: &str) {
        assert_eq!(err.code, code, "{err}");
        assert!(
            err.message.th.contains(th),
            "Thai text {:?} lacks {th:?}",
            err.message.th
        );
        assert!(
            err.message.en.contains(en),
            "English text {:?} lacks {en:?}",
            err.message.en
        );
    }

    /// Given past events, when a command is handled, the result.
    pub(crate) fn given_when<A: Aggregate>(
        given: Vec<A::Event>,
        when: A::Command,
        ctx: &Context,
    ) -> Result<Vec<A::Event>, DomainError> {
        A::from_history(&given).handle(&when, ctx)
    }
}
