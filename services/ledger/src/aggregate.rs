//! The shape every aggregate has: a pure `handle` (decide) and a pure `apply` (evolve).
//! No I/O in here; the ledger loads state, calls `handle`, stores what it returns.

use chrono::{DateTime, Utc};
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
