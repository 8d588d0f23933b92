//! A simulated notifier: scripted events, a clock that steps every 15 minutes, and a log of what
//! was sent. It does what the NATS wrapper will do (apply events as they happen, ask what is
//! due, send it, mark it sent) with no I/O, so weeks run in milliseconds.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde_json::value::RawValue;
use sujarit_contracts::people::{PersonRegistered, Role};
use sujarit_contracts::{orgunit, people, DomainEvent, EventEnvelope, StreamName};
use sujarit_notifier::calendar::bangkok_instant;
use sujarit_notifier::{Applied, Calendar, Kind, Notification, Prefs, Recipient, Rules, Schedule};
use uuid::Uuid;

/// The simulated clock's step.
pub const TICK: Duration = Duration::minutes(15);

/// A Bangkok wall-clock instant.
pub fn bkk(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    bangkok_instant(
        date(year, month, day),
        NaiveTime::from_hms_opt(hour, minute, 0).unwrap(),
    )
}

/// A calendar date.
pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// A readable test id: `id(0xA, 3)` for the third of kind A.
pub fn id(kind: u128, n: u128) -> Uuid {
    Uuid::from_u128((kind << 64) | n)
}

/// One event of a script, not yet positioned.
struct Scripted {
    at: DateTime<Utc>,
    stream: String,
    event_type: &'static str,
    schema: u32,
    payload: Box<RawValue>,
}

/// Events to happen at given instants; positions follow time.
#[derive(Default)]
pub struct Script {
    events: Vec<Scripted>,
}

impl Script {
    /// Adds an event of a stream at an instant.
    pub fn at<E: DomainEvent>(&mut self, at: DateTime<Utc>, stream: StreamName, event: impl Into<E>) -> &mut Self {
        let event = event.into();
        let payload = event.to_payload().unwrap();
        self.events.push(Scripted {
            at,
            stream: stream.to_string(),
            event_type: event.event_type(),
            schema: event.schema(),
            payload,
        });
        self
    }

    /// Registers an org unit.
    pub fn org_unit(&mut self, at: DateTime<Utc>, org_unit_id: Uuid, name: &str) -> &mut Self {
        self.at::<orgunit::OrgUnitEvent>(
            at,
            orgunit::stream(org_unit_id),
            orgunit::OrgUnitRegistered {
                org_unit_id,
                name: name.into(),
                aliases: vec![],
            },
        )
    }

    /// Registers a person with roles and an org unit.
    pub fn person(
        &mut self,
        at: DateTime<Utc>,
        person_id: Uuid,
        roles: &[Role],
        org_unit_id: Option<Uuid>,
    ) -> &mut Self {
        self.at::<people::PersonEvent>(
            at,
            people::stream(person_id),
            PersonRegistered {
                person_id,
                name: format!("person {person_id}"),
                roles: roles.to_vec(),
                org_unit_id,
            },
        )
    }

    /// The envelopes, in position order (stable by time).
    pub fn envelopes(&self) -> Vec<EventEnvelope> {
        let mut events: Vec<_> = self.events.iter().collect();
        events.sort_by_key(|scripted| scripted.at);
        events
            .into_iter()
            .enumerate()
            .map(|(index, scripted)| {
                let position = index as u64 + 1;
                EventEnvelope {
                    event_id: Uuid::from_u128(0xe0e0_0000_0000_0000_0000_0000_0000_0000 | u128::from(position)),
                    stream: scripted.stream.clone(),
                    version: 1,
                    position,
                    event_type: scripted.event_type.to_string(),
                    schema: scripted.schema,
                    occurred_at: scripted.at,
                    actor: "service:test".into(),
                    correlation_id: Uuid::nil(),
                    causation_id: Uuid::nil(),
                    payload: scripted.payload.clone(),
                }
            })
            .collect()
    }
}

/// One notification as sent, with the simulated time it went out.
#[derive(Debug, Clone)]
pub struct Sent {
    /// When the simulated notifier sent it.
    pub at: DateTime<Utc>,
    /// What it sent.
    pub notification: Notification,
}

/// A notifier instance on a simulated clock.
pub struct Sim {
    pub schedule: Schedule,
    pub rules: Rules,
    pub calendar: Calendar,
    pub now: DateTime<Utc>,
    pub prefs: Vec<(Uuid, Prefs)>,
    events: Vec<EventEnvelope>,
    pub log: Vec<Sent>,
}

impl Sim {
    /// A fresh instance that will see the script's events as their time comes, starting at `start`.
    pub fn new(script: &Script, start: DateTime<Utc>) -> Self {
        Sim {
            schedule: Schedule::new(),
            rules: Rules::default(),
            calendar: Calendar::thailand(2025..=2027),
            now: start,
            prefs: Vec::new(),
            events: script.envelopes(),
            log: Vec::new(),
        }
    }

    /// Sets a person's preferences (kept, so a rebuild sets them again).
    pub fn prefer(&mut self, person_id: Uuid, prefs: Prefs) {
        self.schedule.set_preferences(person_id, prefs.clone());
        self.prefs.push((person_id, prefs));
    }

    fn apply_until_now(&mut self) {
        for envelope in self.events.iter().filter(|e| e.occurred_at <= self.now) {
            match self.schedule.apply(envelope) {
                Applied::Folded | Applied::Duplicate => {}
                other => panic!("event {} not folded: {other:?}", envelope.event_type),
            }
        }
    }

    /// Runs every tick from `now` through `until`: apply the events that happened, send what is due.
    pub fn run_until(&mut self, until: DateTime<Utc>) {
        while self.now <= until {
            self.apply_until_now();
            for notification in self.schedule.due(self.now, &self.rules, &self.calendar) {
                self.schedule.mark_sent(notification.id);
                self.log.push(Sent {
                    at: self.now,
                    notification,
                });
            }
            self.now += TICK;
        }
    }

    /// Jumps the clock (the notifier was down: nothing ran in between).
    pub fn down_until(&mut self, until: DateTime<Utc>) {
        self.now = until;
    }

    /// A restart that reloads the persisted state: serialize, drop, deserialize.
    pub fn restart(&mut self) {
        let json = serde_json::to_string(&self.schedule).unwrap();
        self.schedule = Schedule::new();
        self.schedule = serde_json::from_str(&json).unwrap();
    }

    /// A restart that lost the state: rebuild it from the events so far and the sent log.
    pub fn rebuild(&mut self) {
        let sent: Vec<Uuid> = self.schedule.sent().collect();
        let position = self.schedule.position();
        self.schedule = Schedule::new();
        for envelope in self.events.iter().filter(|e| e.position <= position) {
            self.schedule.apply(envelope);
        }
        for (person_id, prefs) in &self.prefs {
            self.schedule.set_preferences(*person_id, prefs.clone());
        }
        for id in sent {
            self.schedule.mark_sent(id);
        }
    }

    /// What was sent, as (recipient, kind, Bangkok send time), sorted.
    pub fn sent(&self) -> Vec<(Recipient, Kind, DateTime<Utc>)> {
        sorted(
            self.log
                .iter()
                .map(|s| (s.notification.recipient, s.notification.kind, s.at)),
        )
    }

    /// What was sent of one kind.
    pub fn of_kind(&self, kind: Kind) -> Vec<&Sent> {
        self.log.iter().filter(|s| s.notification.kind == kind).collect()
    }
}

/// Sorts (recipient, kind, time) triples by time, kind, recipient.
pub fn sorted(
    triples: impl IntoIterator<Item = (Recipient, Kind, DateTime<Utc>)>,
) -> Vec<(Recipient, Kind, DateTime<Utc>)> {
    let mut triples: Vec<_> = triples.into_iter().collect();
    triples.sort_by_key(|(recipient, kind, at)| (*at, *kind, recipient.to_string()));
    triples
}

/// Asserts every notification in the log was sent once.
pub fn assert_once_each(log: &[Sent]) {
    let mut ids: Vec<Uuid> = log.iter().map(|s| s.notification.id).collect();
    ids.sort();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "a notification id was sent twice");
    let mut keys: Vec<String> = log
        .iter()
        .map(|s| format!("{} {} {}", s.notification.recipient, s.notification.kind, s.at))
        .collect();
    keys.sort();
    let before = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), before, "the same reminder went to the same person twice");
}
