//! The read models: the folded state of every stream, kept with the ledger's own aggregate code
//! (one definition of what an event means), plus the global position they include.
//!
//! Applying is idempotent by position: an event at or below the position already applied is
//! skipped, so redelivery after a crash or a rebuild that overlaps live delivery changes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use sujarit_contracts::{complaint, orgunit, people, plan, round, EventEnvelope, StreamName};
use sujarit_ledger::aggregate::Aggregate;
use sujarit_ledger::complaint::Complaint;
use sujarit_ledger::orgunit::OrgUnit;
use sujarit_ledger::people::Person;
use sujarit_ledger::plan::Plan;
use sujarit_ledger::round::Round;

/// The state of one stream, by aggregate kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "state", rename_all = "snake_case")]
pub enum State {
    /// `orgunit-…`
    OrgUnit(OrgUnit),
    /// `person-…`
    Person(Person),
    /// `plan-…`
    Plan(Plan),
    /// `round-…`
    Round(Round),
    /// `complaint-…` (content stays sealed: the query service holds no keys)
    Complaint(Complaint),
}

impl State {
    fn new(aggregate: &str) -> Option<State> {
        match aggregate {
            orgunit::AGGREGATE => Some(State::OrgUnit(OrgUnit::default())),
            people::AGGREGATE => Some(State::Person(Person::default())),
            plan::AGGREGATE => Some(State::Plan(Plan::default())),
            round::AGGREGATE => Some(State::Round(Round::default())),
            complaint::AGGREGATE => Some(State::Complaint(Complaint::default())),
            _ => None,
        }
    }

    fn apply(&mut self, envelope: &EventEnvelope) -> Result<(), sujarit_contracts::DecodeError> {
        fn fold<A: Aggregate>(state: &mut A, envelope: &EventEnvelope) -> Result<(), sujarit_contracts::DecodeError> {
            state.apply(&envelope.decode::<A::Event>()?);
            Ok(())
        }
        match self {
            State::OrgUnit(s) => fold(s, envelope),
            State::Person(s) => fold(s, envelope),
            State::Plan(s) => fold(s, envelope),
            State::Round(s) => fold(s, envelope),
            State::Complaint(s) => fold(s, envelope),
        }
    }

    /// The aggregate kind.
    pub fn kind(&self) -> &'static str {
        match self {
            State::OrgUnit(_) => orgunit::AGGREGATE,
            State::Person(_) => people::AGGREGATE,
            State::Plan(_) => plan::AGGREGATE,
            State::Round(_) => round::AGGREGATE,
            State::Complaint(_) => complaint::AGGREGATE,
        }
    }
}

/// One stream's state and how many of its events it folds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Events folded.
    pub version: u64,
    /// The state.
    pub state: State,
}

/// What applying one event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// Folded into its stream.
    Folded,
    /// Already included (position at or below the one applied): nothing changed.
    Duplicate,
    /// Not a stream the read models keep, or not decodable: skipped (counted).
    Skipped(String),
}

/// Every read model.
#[derive(Debug, Default)]
pub struct Models {
    streams: HashMap<String, Entry>,
    position: u64,
    skipped: u64,
    dirty: HashSet<String>,
}

impl Models {
    /// Models restored from storage.
    pub fn restore(streams: HashMap<String, Entry>, position: u64, skipped: u64) -> Self {
        Models {
            streams,
            position,
            skipped,
            dirty: HashSet::new(),
        }
    }

    /// The last global position applied.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Events skipped so far.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Folds one event (idempotent by position).
    pub fn apply(&mut self, envelope: &EventEnvelope) -> Applied {
        if envelope.position <= self.position {
            return Applied::Duplicate;
        }
        self.position = envelope.position;
        let outcome = self.fold(envelope);
        if let Applied::Skipped(_) = outcome {
            self.skipped = self.skipped.saturating_add(1);
        }
        outcome
    }

    fn fold(&mut self, envelope: &EventEnvelope) -> Applied {
        let aggregate = envelope.aggregate();
        let entry = match self.streams.get_mut(envelope.stream.as_str()) {
            Some(entry) => entry,
            None => {
                let Some(state) = State::new(aggregate) else {
                    return Applied::Skipped(format!("{} is not kept by the read models", envelope.stream));
                };
                self.streams
                    .entry(envelope.stream.clone())
                    .or_insert(Entry { version: 0, state })
            }
        };
        if envelope.version <= entry.version {
            return Applied::Duplicate;
        }
        if envelope.version != entry.version + 1 {
            tracing::warn!(
                stream = %envelope.stream,
                expected = entry.version + 1,
                got = envelope.version,
                "stream versions are not contiguous"
            );
        }
        match entry.state.apply(envelope) {
            Ok(()) => {
                entry.version = envelope.version;
                if !self.dirty.contains(envelope.stream.as_str()) {
                    self.dirty.insert(envelope.stream.clone());
                }
                Applied::Folded
            }
            Err(e) => Applied::Skipped(format!("{} {}: {e}", envelope.stream, envelope.event_type)),
        }
    }

    /// The streams changed since the last call, with their entries (for a checkpoint).
    pub fn take_dirty(&mut self) -> Vec<(String, Entry)> {
        let dirty = std::mem::take(&mut self.dirty);
        dirty
            .into_iter()
            .filter_map(|stream| self.streams.get(&stream).map(|entry| (stream, entry.clone())))
            .collect()
    }

    /// Every stream, for a full write after a rebuild.
    pub fn all(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.streams.iter()
    }

    /// One stream's entry.
    pub fn entry(&self, stream: &str) -> Option<&Entry> {
        self.streams.get(stream)
    }

    /// The states of one aggregate kind, with their ids.
    fn of_kind<'a, T: 'a>(
        &'a self,
        pick: impl Fn(&'a State) -> Option<&'a T> + 'a,
    ) -> impl Iterator<Item = (uuid::Uuid, &'a T)> + 'a {
        self.streams.iter().filter_map(move |(stream, entry)| {
            let state = pick(&entry.state)?;
            let id = StreamName::parse(stream.clone()).ok()?;
            let id = id.as_str().split_once('-').map(|(_, id)| id)?.parse().ok()?;
            Some((id, state))
        })
    }

    /// Every org unit.
    pub fn org_units(&self) -> impl Iterator<Item = (uuid::Uuid, &OrgUnit)> {
        self.of_kind(|state| match state {
            State::OrgUnit(unit) => Some(unit),
            _ => None,
        })
    }

    /// Every plan.
    pub fn plans(&self) -> impl Iterator<Item = (uuid::Uuid, &Plan)> {
        self.of_kind(|state| match state {
            State::Plan(plan) => Some(plan),
            _ => None,
        })
    }

    /// Every round.
    pub fn rounds(&self) -> impl Iterator<Item = (uuid::Uuid, &Round)> {
        self.of_kind(|state| match state {
            State::Round(round) => Some(round),
            _ => None,
        })
    }

    /// Every person.
    pub fn people(&self) -> impl Iterator<Item = (uuid::Uuid, &Person)> {
        self.of_kind(|state| match state {
            State::Person(person) => Some(person),
            _ => None,
        })
    }

    /// One person.
    pub fn person(&self, person_id: uuid::Uuid) -> Option<&Person> {
        match self.streams.get(people::stream(person_id).as_str()).map(|e| &e.state) {
            Some(State::Person(person)) => Some(person),
            _ => None,
        }
    }

    /// Every complaint case.
    pub fn complaints(&self) -> impl Iterator<Item = (uuid::Uuid, &Complaint)> {
        self.of_kind(|state| match state {
            State::Complaint(case) => Some(case),
            _ => None,
        })
    }

    /// One plan.
    pub fn plan(&self, plan_id: uuid::Uuid) -> Option<&Plan> {
        match self.streams.get(plan::stream(plan_id).as_str()).map(|e| &e.state) {
            Some(State::Plan(plan)) => Some(plan),
            _ => None,
        }
    }

    /// One round.
    pub fn round(&self, round_id: uuid::Uuid) -> Option<&Round> {
        match self.streams.get(round::stream(round_id).as_str()).map(|e| &e.state) {
            Some(State::Round(round)) => Some(round),
            _ => None,
        }
    }

    /// One org unit's name.
    pub fn org_unit_name(&self, org_unit_id: uuid::Uuid) -> Option<&str> {
        match self
            .streams
            .get(orgunit::stream(org_unit_id).as_str())
            .map(|e| &e.state)
        {
            Some(State::OrgUnit(unit)) => unit.name.as_deref(),
            _ => None,
        }
    }

    /// Streams held per aggregate kind, sorted by kind.
    pub fn counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for entry in self.streams.values() {
            *counts.entry(entry.state.kind()).or_default() += 1;
        }
        counts.into_iter().map(|(kind, n)| (kind.to_string(), n)).collect()
    }

    /// A digest of the content: streams in name order, each state as canonical JSON (object keys
    /// sorted), FNV-1a 64. Equal digests mean identical read models.
    pub fn digest(&self) -> String {
        let mut names: Vec<&String> = self.streams.keys().collect();
        names.sort();
        let mut hash = Fnv::default();
        hash.write(&self.position.to_be_bytes());
        for name in names {
            let Some(entry) = self.streams.get(name) else { continue };
            hash.write(name.as_bytes());
            hash.write(&entry.version.to_be_bytes());
            // serde_json's Value keeps object keys sorted, so HashMaps serialise canonically.
            let canonical = serde_json::to_value(&entry.state)
                .and_then(|value| serde_json::to_vec(&value))
                .unwrap_or_default();
            hash.write(&canonical);
        }
        format!("{:016x}", hash.0)
    }
}

struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab","c") and ("a","bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }
}
