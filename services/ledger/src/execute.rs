//! Turns one command message into a reply: parse headers and body, load the aggregate, decide,
//! append durably, answer. Commands on one stream run one at a time (a per-stream lock), so they
//! never conflict with each other; commands on different streams run concurrently and share
//! group commits in the store.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_nats::HeaderMap;
use chrono::Utc;
use sujarit_contracts::complaint::ComplaintCommand;
use sujarit_contracts::round::{OpenRound, RoundCommand, RoundItem};
use sujarit_contracts::{headers, Actor, Command, DomainError, DomainEvent, Reply, StreamName};
use sujarit_eventstore::{Append, AppendError, Committed, EventStore, ExpectedVersion, NewEvent};
use uuid::Uuid;

use crate::aggregate::{Aggregate, Context, Profile};
use crate::complaint::Complaint;
use crate::messages;
use crate::orgunit::OrgUnit;
use crate::people::Person;
use crate::plan::Plan;
use crate::round::Round;
use crate::vault::KeyVault;

/// Beyond this many cached streams, idle ones are dropped (they reload from the store).
const MAX_CACHED_STREAMS: usize = 100_000;

/// The headers of a command message, checked.
#[derive(Debug, Clone)]
pub struct CommandMeta {
    /// Idempotency key.
    pub command_id: Uuid,
    /// Who acts.
    pub actor: Actor,
    /// Optional optimistic-concurrency check.
    pub expected_version: Option<u64>,
    /// Correlation id (the command id when absent).
    pub correlation_id: Uuid,
}

impl CommandMeta {
    /// Reads and validates the `Sujarit-*` headers.
    pub fn from_headers(map: Option<&HeaderMap>) -> Result<Self, DomainError> {
        let get = |name: &str| map.and_then(|m| m.get(name)).map(|v| v.as_str().trim().to_string());
        let command_id = get(headers::COMMAND_ID).ok_or_else(|| messages::missing_header(headers::COMMAND_ID))?;
        let command_id = Uuid::parse_str(&command_id)
            .map_err(|_| messages::bad_header(headers::COMMAND_ID, &command_id, "a UUID"))?;
        let actor = get(headers::ACTOR).ok_or_else(|| messages::missing_header(headers::ACTOR))?;
        let actor = actor.parse::<Actor>().map_err(|v| {
            messages::bad_header(
                headers::ACTOR,
                &v,
                "a person id (UUID), `service:<name>` or `anonymous`",
            )
        })?;
        let expected_version = match get(headers::EXPECTED_VERSION) {
            None => None,
            Some(v) => Some(
                v.parse::<u64>()
                    .map_err(|_| messages::bad_header(headers::EXPECTED_VERSION, &v, "a whole number ≥ 0"))?,
            ),
        };
        let correlation_id = match get(headers::CORRELATION_ID) {
            None => command_id,
            Some(v) => Uuid::parse_str(&v).map_err(|_| messages::bad_header(headers::CORRELATION_ID, &v, "a UUID"))?,
        };
        Ok(CommandMeta {
            command_id,
            actor,
            expected_version,
            correlation_id,
        })
    }
}

/// A reply and whether it repeats an earlier one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The answer.
    pub reply: Reply,
    /// True when the command id was seen before and nothing was written.
    pub replayed: bool,
}

impl Outcome {
    fn rejected(error: DomainError) -> Self {
        Outcome {
            reply: Reply::rejected(error),
            replayed: false,
        }
    }

    fn accepted(committed: Committed, replayed: bool) -> Self {
        let Committed {
            stream,
            version,
            positions,
        } = committed;
        Outcome {
            reply: Reply::Accepted {
                stream,
                version,
                positions,
            },
            replayed,
        }
    }
}

/// The cached, loaded state of one stream.
#[derive(Default)]
struct Slot {
    version: u64,
    state: Option<Box<dyn Any + Send + Sync>>,
}

/// Decides and records commands.
pub struct Executor {
    store: EventStore,
    vault: Option<Arc<KeyVault>>,
    slots: Mutex<HashMap<String, Arc<tokio::sync::Mutex<Slot>>>>,
}

impl Executor {
    /// An executor over a store, without a vault (complaint commands are refused).
    pub fn new(store: EventStore) -> Self {
        Executor {
            store,
            vault: None,
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// An executor over a store, sealing complaint content with `vault`.
    pub fn with_vault(store: EventStore, vault: Arc<KeyVault>) -> Self {
        Executor {
            store,
            vault: Some(vault),
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// The vault, if any.
    pub fn vault(&self) -> Option<&Arc<KeyVault>> {
        self.vault.as_ref()
    }

    /// The store.
    pub fn store(&self) -> &EventStore {
        &self.store
    }

    /// Handles one command message.
    pub async fn execute(&self, subject: &str, headers: Option<&HeaderMap>, body: &[u8]) -> Outcome {
        let meta = match CommandMeta::from_headers(headers) {
            Ok(meta) => meta,
            Err(e) => return Outcome::rejected(e),
        };
        let command = match Command::parse(subject, body) {
            Ok(command) => command,
            Err(e) => return Outcome::rejected(e.to_domain_error()),
        };
        // Who acts, as the people registry knows them: read before every decision, so a role
        // granted or revoked takes effect on the next command.
        let profile = match &meta.actor {
            Actor::Person(person_id) => match self.load::<Person>(&sujarit_contracts::people::stream(*person_id)) {
                Ok((_, person)) => person.profile(),
                Err(e) => return Outcome::rejected(e),
            },
            _ => None,
        };
        // Ids that embed a time (v1, v6, v7) would date an anonymous reporter's action to the
        // millisecond through the envelope's causation and correlation ids.
        if meta.actor == Actor::Anonymous
            && [meta.command_id, meta.correlation_id]
                .iter()
                .any(|id| id.get_version_num() != 4)
        {
            return Outcome::rejected(messages::anonymous_needs_random_ids());
        }
        let stream = command.stream();
        match command {
            Command::OrgUnit(c) => self.decide::<OrgUnit>(stream, c, meta, profile).await,
            Command::Plan(c) => self.decide::<Plan>(stream, c, meta, profile).await,
            Command::Round(RoundCommand::OpenRound(open)) => match self.snapshot_plan(open) {
                Ok(open) => self.decide::<Round>(stream, open.into(), meta, profile).await,
                Err(e) => Outcome::rejected(e),
            },
            Command::Round(c) => self.decide::<Round>(stream, c, meta, profile).await,
            Command::Person(c) => self.decide::<Person>(stream, c, meta, profile).await,
            Command::Complaint(c) => {
                let purge = matches!(c, ComplaintCommand::PurgeCaseContent(_)).then(|| c.case_id());
                let outcome = self.decide::<Complaint>(stream, c, meta, profile).await;
                // The content goes with the key, once the purge is on record (also when a retry
                // finds it already recorded, so a failed deletion is finished by resending).
                if let (Some(case_id), Some(vault)) = (purge, &self.vault) {
                    if outcome.reply.is_accepted() {
                        if let Err(e) = vault.shred(case_id) {
                            tracing::error!(%case_id, error = %e, "purge recorded but the key could not be deleted; send the purge again");
                            return Outcome::rejected(e);
                        }
                    }
                }
                outcome
            }
        }
    }

    fn slot(&self, stream: &str) -> Arc<tokio::sync::Mutex<Slot>> {
        let mut slots = self.slots.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if slots.len() > MAX_CACHED_STREAMS {
            slots.retain(|_, slot| Arc::strong_count(slot) > 1);
        }
        slots.entry(stream.to_string()).or_default().clone()
    }

    async fn decide<A: Aggregate>(
        &self,
        stream: StreamName,
        command: A::Command,
        meta: CommandMeta,
        profile: Option<Profile>,
    ) -> Outcome {
        let slot = self.slot(stream.as_str());
        let mut slot = slot.lock().await;
        if slot.state.as_ref().is_none_or(|s| !s.is::<A>()) {
            match self.load::<A>(&stream) {
                Ok((version, state)) => {
                    slot.version = version;
                    slot.state = Some(Box::new(state));
                }
                Err(e) => return Outcome::rejected(e),
            }
        }
        let version = slot.version;
        let Some(state) = slot.state.as_mut().and_then(|s| s.downcast_mut::<A>()) else {
            return Outcome::rejected(messages::internal("aggregate state type"));
        };
        let ctx = Context {
            actor: meta.actor.clone(),
            profile,
            now: Utc::now(),
            vault: self.vault.clone().map(|v| v as Arc<dyn crate::aggregate::Vault>),
        };
        let decision = match meta.expected_version {
            Some(expected) if expected != version => {
                Err(messages::version_conflict(stream.as_str(), expected, version))
            }
            _ => state.handle(&command, &ctx),
        };
        // A retry of a command that already took effect usually decides differently now (a
        // rejection, or nothing left to do): only then is the idempotency record consulted. A
        // decision with events goes to the store, which checks the command id itself. Both happen
        // under the stream lock, so a retry racing its original sees the original's result.
        let events = match decision {
            Ok(events) if !events.is_empty() => events,
            other => {
                match self.store.lookup_command(meta.command_id).await {
                    Ok(Some(committed)) => return Outcome::accepted(committed, true),
                    Ok(None) => {}
                    Err(e) => return Outcome::rejected(messages::unavailable(&e.to_string())),
                }
                return match other {
                    Ok(_) => {
                        let unchanged = Committed {
                            stream: stream.to_string(),
                            version,
                            positions: vec![],
                        };
                        Outcome::accepted(unchanged, false)
                    }
                    Err(e) => Outcome::rejected(e),
                };
            }
        };
        let new_events = match events.iter().map(new_event::<A>).collect::<Result<Vec<_>, _>>() {
            Ok(new_events) => new_events,
            Err(e) => return Outcome::rejected(messages::internal(&e.to_string())),
        };
        let append = Append {
            stream: stream.clone(),
            expected: ExpectedVersion::Exact(version),
            events: new_events,
            command_id: meta.command_id,
            actor: meta.actor.to_string(),
            correlation_id: meta.correlation_id,
        };
        match self.store.append(append).await {
            Ok(outcome) if !outcome.replayed => {
                for event in &events {
                    state.apply(event);
                }
                slot.version = outcome.committed.version;
                Outcome::accepted(outcome.committed, false)
            }
            Ok(outcome) => {
                slot.state = None;
                Outcome::accepted(outcome.committed, true)
            }
            Err(e) => {
                slot.state = None;
                Outcome::rejected(match e {
                    AppendError::Conflict { actual, .. } => {
                        messages::version_conflict(stream.as_str(), version, actual)
                    }
                    AppendError::Invalid(why) => messages::internal(&why),
                    AppendError::Unavailable(why) => messages::unavailable(&why),
                })
            }
        }
    }

    /// Fills an `OpenRound` with what the round reports against: the plan's endorsed revision
    /// and its leaf items (a parent counts only through its sub-items). Whatever the sender put
    /// there is replaced; the ledger is the authority on what the plan says.
    fn snapshot_plan(&self, mut open: OpenRound) -> Result<OpenRound, DomainError> {
        let (version, plan) = self.load::<Plan>(&sujarit_contracts::plan::stream(open.plan_id))?;
        if version == 0 {
            return Err(messages::plan_not_found(open.plan_id));
        }
        let revision = plan
            .endorsed_revision()
            .ok_or_else(|| messages::plan_not_endorsed(open.plan_id))?;
        if !(revision.fiscal_year_from..=revision.fiscal_year_to).contains(&open.fiscal_year) {
            return Err(messages::round_outside_plan(
                open.fiscal_year,
                revision.fiscal_year_from,
                revision.fiscal_year_to,
            ));
        }
        open.plan_revision = revision.number;
        open.items = revision
            .items
            .iter()
            .filter(|item| revision.children(item.item_id).next().is_none())
            .map(|item| RoundItem {
                item_id: item.item_id,
                code: item.code.clone(),
                name: item.name.clone(),
                dimension: item.dimension.clone(),
                org_unit_id: item.org_unit_id,
                budget: item.budget,
            })
            .collect();
        Ok(open)
    }

    /// Folds a stream's history into state.
    pub(crate) fn load<A: Aggregate>(&self, stream: &StreamName) -> Result<(u64, A), DomainError> {
        let recorded = self
            .store
            .read_stream(stream, 1)
            .map_err(|e| messages::unavailable(&e.to_string()))?;
        let mut state = A::default();
        let mut version = 0;
        for r in &recorded {
            let event = r
                .envelope
                .decode::<A::Event>()
                .map_err(|e| messages::internal(&e.to_string()))?;
            state.apply(&event);
            version = r.envelope.version;
        }
        Ok((version, state))
    }
}

fn new_event<A: Aggregate>(event: &A::Event) -> serde_json::Result<NewEvent> {
    Ok(NewEvent {
        event_type: event.event_type().to_string(),
        schema: event.schema(),
        payload: event.to_payload()?,
        precision: A::precision(event),
    })
}
