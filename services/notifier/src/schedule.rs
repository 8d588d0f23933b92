//! The schedule: a fold of the events the notifier cares about, and the notifications due at a
//! given instant. Pure: no clock, no I/O. The caller passes `now`, sends what [`Schedule::due`]
//! returns, and records each send with [`Schedule::mark_sent`].
//!
//! Nothing is queued ahead of time. Every deadline is kept as the events state it (round due
//! dates, complaint due dates, plans' fiscal years), and `due` derives the reminders from the
//! current state each time it is asked, checking each condition (items still missing, case still
//! open, plan still unregistered) at that moment. So a schedule rebuilt from the events is the
//! same schedule, and a fact that arrives late (a submission, an extension) silences the reminders
//! it makes pointless.
//!
//! Exactly once. Each occurrence has a deterministic id ([`notification_id`]); the ids sent are
//! part of the state, so a restart that reloads the state (or replays the events and the sent log)
//! sends nothing twice, and two instances that folded the same events compute the same ids, which
//! JetStream deduplicates when published with `Nats-Msg-Id` = id. An occurrence is offered from
//! its time until [`Rules::stale_after`] later and then dropped, so an outage longer than that
//! loses it rather than sending it late, and a rebuild from old events sends no history.
//!
//! When things fire (Bangkok time; times of day and distances from [`Rules`]):
//! - officers: [`Kind::RoundDueSoon`] on each of the days before a round is due and
//!   [`Kind::RoundDueToday`] on the due date, one per officer listing their unit's items not
//!   submitted (a returned item counts as not submitted); [`Kind::SubmissionReturned`] as soon as
//!   a submission is returned, while it is still returned;
//! - the secretariat and committee: [`Kind::OverdueDigest`] on each working day after the due date
//!   while items are missing, for up to `overdue_digest_days`;
//! - the secretariat: [`Kind::ComplaintNotAcknowledged`], [`Kind::ComplaintDueSoon`] and, on each
//!   working day after the due date, [`Kind::ComplaintOverdue`] while a case is open;
//!   [`Kind::RegistrationDue`] on 20 September (10 days before the deadline) while a plan is not
//!   registered;
//! - the committee and secretariat ([`Rules::meetings_to`]): [`Kind::MeetingTomorrow`] on the day
//!   before a committee meeting, at the plan's `send_at`, with its time, place and agenda, unless
//!   it was cancelled. A moved meeting is reminded of at its new date, never at its old one: the
//!   reminder's id includes the meeting's start, so a meeting moved after its reminder went out is
//!   announced again, while a restart sends nothing twice.
//!
//! Holidays: the daily series (overdue digest, complaint overdue) skip weekends and holidays, as
//! offices are closed and the next working day brings its own. One-off reminders keep their day:
//! the deadline they announce does not move for a holiday, so neither does the warning. A meeting
//! reminder is one of these: a Monday meeting is announced on Sunday, since a reminder three days
//! ahead on Friday would not say "tomorrow" and is easily forgotten over the weekend.
//!
//! Only occurrences at or after the moment the schedule learnt their deadline are produced: a
//! round opened two days before it is due gets no "three days left" reminder. Meetings make one
//! exception: a meeting scheduled (or moved) on the day before it, after the reminder's time, is
//! announced at once, since tomorrow's meeting is exactly what the reminder is for. No meeting
//! reminder goes out once the meeting has started.
//!
//! Quiet hours move non-urgent notifications to the end of the window; a person's mute drops
//! non-urgent notifications whose time falls before the mute ends. Mutes and languages come from
//! `NotificationPreferencesSet` events (or [`Schedule::set_preferences`]). Nobody outside the
//! events is ever addressed: complaint reporters get nothing pushed, as no opt-in exists in the
//! events.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use sujarit_contracts::complaint::{self, Category, ComplaintEvent};
use sujarit_contracts::orgunit::{self, OrgUnitEvent};
use sujarit_contracts::people::{self, PersonEvent, Role};
use sujarit_contracts::plan::{self, PlanEvent};
use sujarit_contracts::round::{self, RoundEvent};
use sujarit_contracts::{DecodeError, EventEnvelope};
use sujarit_thai::{FiscalYear, Period};
use uuid::Uuid;

use crate::calendar::{bangkok_date, bangkok_instant, Calendar};
use crate::notification::{notification_id, Kind, Lang, Notification, Recipient, NOTIFICATION_NAMESPACE};
use crate::rules::Rules;
use crate::text::{self, ItemRef, MeetingRef, RoundRef, Text, UnitItems};

/// The e-PlanNACC registration deadline of a plan whose first fiscal year is `fiscal_year_from`
/// (BE): 30 September before that fiscal year starts.
///
/// Fiscal year B runs 1 October (B − 544 CE) to 30 September (B − 543 CE), so FY2570 starts on
/// 1 October 2026 and a plan starting with it is due on 30 September 2026; FY2567 on
/// 30 September 2023 (the ledger's `registration_due` reads it the same way). `None` for a year
/// outside the fiscal calendar.
pub fn registration_due(fiscal_year_from: u16) -> Option<NaiveDate> {
    FiscalYear::from_be(i32::from(fiscal_year_from))
        .ok()?
        .start()
        .pred_opt()
}

/// A person's notification preferences, from their `NotificationPreferencesSet` events (or set
/// directly with [`Schedule::set_preferences`]); they are kept in the schedule's state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Prefs {
    /// The language they read.
    pub lang: Lang,
    /// No non-urgent notifications whose time is before this instant (a far-off instant mutes
    /// for good).
    pub muted_until: Option<DateTime<Utc>>,
}

/// What applying one event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// Folded into the schedule (possibly changing nothing, for an event type with no deadline).
    Folded,
    /// At or below the position already applied: nothing changed.
    Duplicate,
    /// A stream the notifier does not follow.
    Ignored,
    /// A followed stream whose event could not be decoded: skipped, with why.
    Undecodable(String),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct PersonState {
    roles: Vec<Role>,
    org_unit_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct PlanState {
    title: String,
    fiscal_year_from: u16,
    fiscal_year_to: u16,
    registered: bool,
    /// When the plan (and so its registration deadline) became known.
    known_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct MeetingState {
    plan_id: Uuid,
    title: String,
    /// Bangkok wall-clock time.
    starts_at: NaiveDateTime,
    place: String,
    agenda: Vec<String>,
    cancelled: bool,
    /// When the meeting, as it now stands, became known.
    known_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
enum Progress {
    /// Nothing submitted yet (a draft may exist).
    NotSubmitted,
    /// Submitted, waiting for review.
    Submitted,
    /// Accepted and locked.
    Accepted,
    /// Returned for correction by the event `event_id` at `at`.
    Returned {
        event_id: Uuid,
        reason: String,
        at: DateTime<Utc>,
    },
}

impl Progress {
    fn missing(&self) -> bool {
        matches!(self, Progress::NotSubmitted | Progress::Returned { .. })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ItemState {
    item_id: Uuid,
    code: String,
    name: String,
    org_unit_id: Option<Uuid>,
    progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct RoundState {
    plan_id: Uuid,
    fiscal_year: u16,
    period: Period,
    due_on: NaiveDate,
    opened_at: DateTime<Utc>,
    closed: bool,
    items: Vec<ItemState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct CaseState {
    category: Category,
    received_on: NaiveDate,
    received_at: DateTime<Utc>,
    acknowledged: bool,
    due_on: Option<NaiveDate>,
    /// When the current due date became known.
    due_known_at: DateTime<Utc>,
    ended: bool,
}

/// The notifier's whole state: what it knows from the events, people's preferences, and what it
/// has sent. Serialize it to survive a restart.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    position: u64,
    org_units: BTreeMap<Uuid, String>,
    people: BTreeMap<Uuid, PersonState>,
    prefs: BTreeMap<Uuid, Prefs>,
    plans: BTreeMap<Uuid, PlanState>,
    rounds: BTreeMap<Uuid, RoundState>,
    complaints: BTreeMap<Uuid, CaseState>,
    /// Absent from schedules saved before meetings existed.
    #[serde(default)]
    meetings: BTreeMap<Uuid, MeetingState>,
    sent: BTreeSet<Uuid>,
}

impl Schedule {
    /// An empty schedule, at position 0.
    pub fn new() -> Self {
        Self::default()
    }

    /// The global position of the last event applied.
    pub fn position(&self) -> u64 {
        self.position
    }

    /// Whether a notification with this id was sent.
    pub fn is_sent(&self, id: Uuid) -> bool {
        self.sent.contains(&id)
    }

    /// The ids of every notification sent (the sent log).
    pub fn sent(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.sent.iter().copied()
    }

    /// Records that a notification was sent (or published with `Nats-Msg-Id` = id); it is never
    /// returned by [`Schedule::due`] again.
    pub fn mark_sent(&mut self, id: Uuid) {
        self.sent.insert(id);
    }

    /// Sets a person's language and mute.
    pub fn set_preferences(&mut self, person_id: Uuid, prefs: Prefs) {
        self.prefs.insert(person_id, prefs);
    }

    /// A person's preferences (the defaults if none were set).
    pub fn preferences(&self, person_id: Uuid) -> Prefs {
        self.prefs.get(&person_id).cloned().unwrap_or_default()
    }

    /// Folds one event, in position order; idempotent by position.
    pub fn apply(&mut self, envelope: &EventEnvelope) -> Applied {
        if envelope.position <= self.position {
            return Applied::Duplicate;
        }
        self.position = envelope.position;
        let at = envelope.occurred_at;
        let folded = match envelope.aggregate() {
            orgunit::AGGREGATE => envelope.decode().map(|event| self.fold_org_unit(event)),
            people::AGGREGATE => envelope.decode().map(|event| self.fold_person(event)),
            plan::AGGREGATE => envelope.decode().map(|event| self.fold_plan(event, at)),
            round::AGGREGATE => envelope
                .decode()
                .map(|event| self.fold_round(event, at, envelope.event_id)),
            complaint::AGGREGATE => envelope.decode().map(|event| self.fold_complaint(event, at)),
            _ => return Applied::Ignored,
        };
        match folded {
            Ok(()) => Applied::Folded,
            Err(DecodeError::UnknownType(name)) => Applied::Undecodable(format!("unknown event type `{name}`")),
            Err(err) => Applied::Undecodable(err.to_string()),
        }
    }

    fn fold_org_unit(&mut self, event: OrgUnitEvent) {
        match event {
            OrgUnitEvent::OrgUnitRegistered(e) => {
                self.org_units.insert(e.org_unit_id, e.name);
            }
            OrgUnitEvent::OrgUnitRenamed(e) => {
                self.org_units.insert(e.org_unit_id, e.to);
            }
            OrgUnitEvent::OrgUnitAliasAdded(_) => {}
        }
    }

    fn fold_person(&mut self, event: PersonEvent) {
        match event {
            PersonEvent::PersonRegistered(e) => {
                let mut roles = Vec::new();
                for role in e.roles {
                    if !roles.contains(&role) {
                        roles.push(role);
                    }
                }
                self.people.insert(
                    e.person_id,
                    PersonState {
                        roles,
                        org_unit_id: e.org_unit_id,
                    },
                );
            }
            PersonEvent::RoleGranted(e) => {
                let person = self.people.entry(e.person_id).or_default();
                if !person.roles.contains(&e.role) {
                    person.roles.push(e.role);
                }
            }
            PersonEvent::RoleRevoked(e) => {
                if let Some(person) = self.people.get_mut(&e.person_id) {
                    person.roles.retain(|role| *role != e.role);
                }
            }
            PersonEvent::OrgUnitAssigned(e) => {
                self.people.entry(e.person_id).or_default().org_unit_id = e.org_unit_id;
            }
            PersonEvent::NotificationPreferencesSet(e) => {
                let lang = match e.lang.as_deref() {
                    Some("en") => Lang::En,
                    _ => Lang::Th,
                };
                self.set_preferences(
                    e.person_id,
                    Prefs {
                        lang,
                        muted_until: e.muted_until,
                    },
                );
            }
            // Invites and chat links decide where a notification is delivered (the gateway's
            // concern), not whom it is for.
            PersonEvent::InviteIssued(_)
            | PersonEvent::InviteRedeemed(_)
            | PersonEvent::ChatAccountLinked(_)
            | PersonEvent::ChatAccountUnlinked(_) => {}
        }
    }

    fn fold_plan(&mut self, event: PlanEvent, at: DateTime<Utc>) {
        match event {
            PlanEvent::PlanDrafted(e) => {
                self.plans.insert(
                    e.plan_id,
                    PlanState {
                        title: e.title,
                        fiscal_year_from: e.fiscal_year_from,
                        fiscal_year_to: e.fiscal_year_to,
                        registered: false,
                        known_at: at,
                    },
                );
            }
            PlanEvent::PlanRegistered(e) => {
                if let Some(plan) = self.plans.get_mut(&e.plan_id) {
                    plan.registered = true;
                }
            }
            // Scheduling the same meeting again moves it: the new time replaces the old one, whose
            // reminder is then never produced.
            PlanEvent::MeetingScheduled(e) => {
                self.meetings.insert(
                    e.meeting_id,
                    MeetingState {
                        plan_id: e.plan_id,
                        title: e.title,
                        starts_at: e.starts_at,
                        place: e.place,
                        agenda: e.agenda,
                        cancelled: false,
                        known_at: at,
                    },
                );
            }
            PlanEvent::MeetingCancelled(e) => {
                if let Some(meeting) = self.meetings.get_mut(&e.meeting_id) {
                    meeting.cancelled = true;
                }
            }
            // `PlanSubmittedForEndorsement` names a meeting and agenda item but no date; the
            // other plan events set no deadline.
            _ => {}
        }
    }

    fn fold_round(&mut self, event: RoundEvent, at: DateTime<Utc>, event_id: Uuid) {
        if let RoundEvent::RoundOpened(e) = event {
            let items = e
                .items
                .into_iter()
                .map(|item| ItemState {
                    item_id: item.item_id,
                    code: item.code,
                    name: item.name,
                    org_unit_id: item.org_unit_id,
                    progress: Progress::NotSubmitted,
                })
                .collect();
            self.rounds.insert(
                e.round_id,
                RoundState {
                    plan_id: e.plan_id,
                    fiscal_year: e.fiscal_year,
                    period: e.period,
                    due_on: e.due_on,
                    opened_at: at,
                    closed: false,
                    items,
                },
            );
            return;
        }
        let (round_id, item_id, progress) = match event {
            RoundEvent::SubmissionSubmitted(e) => (e.round_id, e.item_id, Progress::Submitted),
            RoundEvent::SubmissionAccepted(e) => (e.round_id, e.item_id, Progress::Accepted),
            RoundEvent::SubmissionReturned(e) => (
                e.round_id,
                e.item_id,
                Progress::Returned {
                    event_id,
                    reason: e.reason,
                    at,
                },
            ),
            RoundEvent::RoundClosed(e) => {
                if let Some(round) = self.rounds.get_mut(&e.round_id) {
                    round.closed = true;
                }
                return;
            }
            // A draft is not a submission, and reopening entry moves no due date.
            RoundEvent::RoundOpened(_) | RoundEvent::SubmissionDrafted(_) | RoundEvent::RoundEntryReopened(_) => return,
        };
        let item = self
            .rounds
            .get_mut(&round_id)
            .and_then(|round| round.items.iter_mut().find(|item| item.item_id == item_id));
        if let Some(item) = item {
            item.progress = progress;
        }
    }

    fn fold_complaint(&mut self, event: ComplaintEvent, at: DateTime<Utc>) {
        if let ComplaintEvent::ComplaintReceived(e) = &event {
            self.complaints.insert(
                e.case_id,
                CaseState {
                    category: e.category,
                    received_on: e.received_on,
                    received_at: at,
                    acknowledged: false,
                    due_on: e.due_on,
                    due_known_at: at,
                    ended: false,
                },
            );
            return;
        }
        if let ComplaintEvent::CaseContentPurged(e) = &event {
            self.complaints.remove(&e.case_id);
            return;
        }
        let case_id = match &event {
            ComplaintEvent::ComplaintAcknowledged(e) => e.case_id,
            ComplaintEvent::ExtensionExplained(e) => e.case_id,
            ComplaintEvent::ComplaintResolved(e) => e.case_id,
            ComplaintEvent::ComplaintReferred(e) => e.case_id,
            ComplaintEvent::ComplaintClosed(e) => e.case_id,
            ComplaintEvent::CaseReopened(e) => e.case_id,
            _ => return,
        };
        let Some(case) = self.complaints.get_mut(&case_id) else {
            return;
        };
        let mut set_due = |due_on: Option<NaiveDate>| {
            case.due_on = due_on;
            case.due_known_at = at;
        };
        match event {
            ComplaintEvent::ComplaintAcknowledged(e) => {
                set_due(Some(e.due_on));
                case.acknowledged = true;
            }
            ComplaintEvent::ExtensionExplained(e) => set_due(Some(e.new_due_on)),
            ComplaintEvent::CaseReopened(e) => {
                set_due(e.due_on);
                case.ended = false;
            }
            ComplaintEvent::ComplaintResolved(_)
            | ComplaintEvent::ComplaintReferred(_)
            | ComplaintEvent::ComplaintClosed(_) => case.ended = true,
            _ => {}
        }
    }

    /// Every notification whose time has come at `now` and that is not sent yet (nor stale),
    /// ordered by time, then id.
    pub fn due(&self, now: DateTime<Utc>, rules: &Rules, calendar: &Calendar) -> Vec<Notification> {
        let mut due = Due {
            schedule: self,
            now,
            rules,
            out: Vec::new(),
        };
        for (round_id, round) in &self.rounds {
            due.round(*round_id, round, calendar);
        }
        for (case_id, case) in &self.complaints {
            due.complaint(*case_id, case, calendar);
        }
        for (plan_id, plan) in &self.plans {
            due.registration(*plan_id, plan);
        }
        for (meeting_id, meeting) in &self.meetings {
            due.meeting(*meeting_id, meeting);
        }
        let mut out = due.out;
        out.sort_by_key(|notification| (notification.not_before, notification.id));
        out
    }

    fn unit_names(&self, org_unit_id: Option<Uuid>) -> (String, String) {
        let name = org_unit_id.and_then(|id| self.org_units.get(&id));
        text::unit_names(org_unit_id, name.map(String::as_str))
    }

    /// The officers of a unit, or the unit itself when none is known; items without a unit are
    /// the secretariat's.
    fn officers(&self, org_unit_id: Option<Uuid>) -> Vec<Recipient> {
        let Some(unit) = org_unit_id else {
            return self.holders(&[Role::Secretariat]);
        };
        let officers: Vec<Recipient> = self
            .people
            .iter()
            .filter(|(_, person)| person.org_unit_id == Some(unit) && person.roles.contains(&Role::Officer))
            .map(|(id, _)| Recipient::Person(*id))
            .collect();
        if officers.is_empty() {
            vec![Recipient::OrgUnit(unit)]
        } else {
            officers
        }
    }

    /// Everyone holding one of the roles (once each), plus the role itself for a role nobody holds.
    fn holders(&self, roles: &[Role]) -> Vec<Recipient> {
        let mut recipients: Vec<Recipient> = self
            .people
            .iter()
            .filter(|(_, person)| person.roles.iter().any(|role| roles.contains(role)))
            .map(|(id, _)| Recipient::Person(*id))
            .collect();
        for role in roles {
            let held = self.people.values().any(|person| person.roles.contains(role));
            if !held && !recipients.contains(&Recipient::Role(*role)) {
                recipients.push(Recipient::Role(*role));
            }
        }
        recipients
    }
}

/// One occurrence whose time has come: what it is, what it is about, and its time.
struct Occurrence {
    kind: Kind,
    subjects: Vec<Uuid>,
    on: NaiveDate,
    not_before: DateTime<Utc>,
    urgent: bool,
}

/// The collection of due notifications for one call of [`Schedule::due`].
struct Due<'a> {
    schedule: &'a Schedule,
    now: DateTime<Utc>,
    rules: &'a Rules,
    out: Vec<Notification>,
}

/// The day of this week's digest: the first working day from `weekday` of the week `today` is
/// in (at most four days later), if it is not after `today`.
fn weekly_digest_day(today: NaiveDate, weekday: chrono::Weekday, calendar: &Calendar) -> Option<NaiveDate> {
    use chrono::Datelike as _;
    let back = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    let start = today.checked_sub_days(Days::new(u64::from(back)))?;
    (0..5)
        .filter_map(|extra| start.checked_add_days(Days::new(extra)))
        .find(|day| calendar.is_working_day(*day))
        .filter(|day| *day <= today)
}

fn days_before(date: NaiveDate, days: u16) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(u64::from(days)))
}

fn days_after(date: NaiveDate, days: u16) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

impl Due<'_> {
    /// The occurrence of `kind` scheduled at Bangkok `on` `time`, if it is sendable now: not
    /// before the deadline was known, past its (quiet-hours adjusted) time, and not stale.
    fn occurrence(
        &self,
        kind: Kind,
        subjects: Vec<Uuid>,
        on: NaiveDate,
        time: NaiveTime,
        known_at: DateTime<Utc>,
    ) -> Option<Occurrence> {
        let scheduled = bangkok_instant(on, time);
        if scheduled < known_at {
            return None;
        }
        self.at(kind, subjects, scheduled)
    }

    /// The occurrence of `kind` at an instant (an event's time), if it is sendable now.
    fn at(&self, kind: Kind, subjects: Vec<Uuid>, scheduled: DateTime<Utc>) -> Option<Occurrence> {
        let urgent = self.rules.is_urgent(kind);
        let not_before = if urgent {
            scheduled
        } else {
            self.rules.quiet_hours.defer(scheduled)
        };
        let sendable = not_before <= self.now && self.now < not_before + self.rules.stale_after();
        sendable.then(|| Occurrence {
            kind,
            subjects,
            on: bangkok_date(scheduled),
            not_before,
            urgent,
        })
    }

    /// Adds the occurrence for each recipient who has not had it and has not muted it; the text
    /// is rendered only if someone gets it.
    fn push(&mut self, occurrence: &Occurrence, recipients: Vec<Recipient>, text: impl FnOnce() -> Text) {
        let schedule = self.schedule;
        let eligible: Vec<(Uuid, Recipient, Lang)> = recipients
            .into_iter()
            .filter_map(|recipient| {
                let id = notification_id(occurrence.kind, &occurrence.subjects, &recipient, occurrence.on);
                let prefs = match recipient {
                    Recipient::Person(person_id) => schedule.preferences(person_id),
                    Recipient::Role(_) | Recipient::OrgUnit(_) => Prefs::default(),
                };
                let muted = prefs.muted_until.is_some_and(|until| occurrence.not_before < until);
                let silenced = muted && !occurrence.urgent;
                (!schedule.is_sent(id) && !silenced).then_some((id, recipient, prefs.lang))
            })
            .collect();
        if eligible.is_empty() {
            return;
        }
        let body = text();
        for (id, recipient, lang) in eligible {
            self.out.push(Notification {
                id,
                kind: occurrence.kind,
                recipient,
                lang,
                urgent: occurrence.urgent,
                not_before: occurrence.not_before,
                text_th: body.th.clone(),
                text_en: body.en.clone(),
                subjects: occurrence.subjects.clone(),
            });
        }
    }

    fn round(&mut self, round_id: Uuid, round: &RoundState, calendar: &Calendar) {
        if round.closed {
            return;
        }
        let (schedule, all_rules) = (self.schedule, self.rules);
        let rules = all_rules.for_plan(round.plan_id);
        let round_ref = RoundRef {
            plan_title: schedule.plans.get(&round.plan_id).map(|plan| plan.title.as_str()),
            period: round.period,
            fiscal_year: round.fiscal_year,
            due_on: round.due_on,
        };
        let mut missing: BTreeMap<Option<Uuid>, Vec<&ItemState>> = BTreeMap::new();
        for item in round.items.iter().filter(|item| item.progress.missing()) {
            missing.entry(item.org_unit_id).or_default().push(item);
        }

        let mut reminders: BTreeSet<u16> = rules.remind_days_before.iter().copied().filter(|d| *d > 0).collect();
        if rules.remind_on_due_date {
            reminders.insert(0);
        }
        for days_left in reminders {
            let kind = if days_left == 0 {
                Kind::RoundDueToday
            } else {
                Kind::RoundDueSoon
            };
            for (unit, items) in &missing {
                let subjects = vec![round_id, unit.unwrap_or_else(Uuid::nil)];
                let Some(on) = days_before(round.due_on, days_left) else {
                    continue;
                };
                let Some(occurrence) = self.occurrence(kind, subjects, on, rules.send_at, round.opened_at) else {
                    continue;
                };
                let recipients = schedule.officers(*unit);
                self.push(&occurrence, recipients, || {
                    let (unit_th, unit_en) = schedule.unit_names(*unit);
                    let items: Vec<ItemRef<'_>> = items.iter().map(|item| item_ref(item)).collect();
                    text::round_reminder(&round_ref, &unit_th, &unit_en, &items, days_left)
                });
            }
        }

        if !missing.is_empty() {
            for days_over in 1..=rules.overdue_digest_days {
                let Some(on) = days_after(round.due_on, days_over) else {
                    continue;
                };
                if !calendar.is_working_day(on) {
                    continue;
                }
                let occurrence =
                    self.occurrence(Kind::OverdueDigest, vec![round_id], on, rules.send_at, round.opened_at);
                let Some(occurrence) = occurrence else {
                    continue;
                };
                let recipients = schedule.holders(&all_rules.digest_to);
                self.push(&occurrence, recipients, || {
                    let mut units: Vec<UnitItems<'_>> = missing
                        .iter()
                        .map(|(unit, items)| {
                            let (unit_th, unit_en) = schedule.unit_names(*unit);
                            UnitItems {
                                unit_th,
                                unit_en,
                                items: items.iter().map(|item| item_ref(item)).collect(),
                            }
                        })
                        .collect();
                    units.sort_by(|a, b| a.unit_th.cmp(&b.unit_th));
                    text::overdue_digest(&round_ref, days_over, &units)
                });
            }
        }

        if let Some(on) = rules.weekly_digest_on.and_then(|weekday| {
            weekly_digest_day(bangkok_date(self.now), weekday, calendar)
                .filter(|on| days_after(round.due_on, rules.overdue_digest_days).is_some_and(|last| *on <= last))
        }) {
            let occurrence = self.occurrence(Kind::WeeklyDigest, vec![round_id], on, rules.send_at, round.opened_at);
            if let Some(occurrence) = occurrence {
                let recipients = schedule.holders(&all_rules.digest_to);
                let total = round.items.len();
                let submitted = round.items.iter().filter(|item| !item.progress.missing()).count();
                let late_units = match bangkok_date(self.now) > round.due_on {
                    true => missing.len(),
                    false => 0,
                };
                self.push(&occurrence, recipients, || {
                    text::weekly_digest(&round_ref, submitted, total, missing.len(), late_units)
                });
            }
        }

        for item in &round.items {
            let Progress::Returned { event_id, reason, at } = &item.progress else {
                continue;
            };
            let subjects = vec![round_id, item.item_id, *event_id];
            let Some(occurrence) = self.at(Kind::SubmissionReturned, subjects, *at) else {
                continue;
            };
            let recipients = schedule.officers(item.org_unit_id);
            self.push(&occurrence, recipients, || {
                text::submission_returned(&round_ref, &item_ref(item), reason)
            });
        }
    }

    fn complaint(&mut self, case_id: Uuid, case: &CaseState, calendar: &Calendar) {
        if case.ended {
            return;
        }
        let all_rules = self.rules;
        let rules = &all_rules.complaint;
        let mut found: Vec<(Occurrence, Text)> = Vec::new();

        let ack_days = rules.acknowledge_within_days;
        if !case.acknowledged && ack_days > 0 {
            let occurrence = days_after(case.received_on, ack_days).and_then(|on| {
                self.occurrence(
                    Kind::ComplaintNotAcknowledged,
                    vec![case_id],
                    on,
                    rules.send_at,
                    case.received_at,
                )
            });
            if let Some(occurrence) = occurrence {
                let text = text::complaint_not_acknowledged(case_id, case.category, case.received_on, ack_days);
                found.push((occurrence, text));
            }
        }

        if let Some(due_on) = case.due_on {
            let soon = rules.due_soon_days;
            if soon > 0 {
                let occurrence = days_before(due_on, soon).and_then(|on| {
                    self.occurrence(
                        Kind::ComplaintDueSoon,
                        vec![case_id],
                        on,
                        rules.send_at,
                        case.due_known_at,
                    )
                });
                if let Some(occurrence) = occurrence {
                    found.push((
                        occurrence,
                        text::complaint_due_soon(case_id, case.category, due_on, soon),
                    ));
                }
            }
            for days_over in 1..=rules.overdue_days {
                let Some(on) = days_after(due_on, days_over) else {
                    continue;
                };
                if !calendar.is_working_day(on) {
                    continue;
                }
                let occurrence = self.occurrence(
                    Kind::ComplaintOverdue,
                    vec![case_id],
                    on,
                    rules.send_at,
                    case.due_known_at,
                );
                if let Some(occurrence) = occurrence {
                    let text = text::complaint_overdue(case_id, case.category, due_on, days_over);
                    found.push((occurrence, text));
                }
            }
        }

        if found.is_empty() {
            return;
        }
        let recipients = self.schedule.holders(&all_rules.complaints_to);
        for (occurrence, text) in found {
            self.push(&occurrence, recipients.clone(), || text);
        }
    }

    fn registration(&mut self, plan_id: Uuid, plan: &PlanState) {
        if plan.registered {
            return;
        }
        let Some(due_on) = registration_due(plan.fiscal_year_from) else {
            return;
        };
        let all_rules = self.rules;
        let rules = all_rules.for_plan(plan_id);
        for &days in &rules.registration_remind_days_before {
            let occurrence = days_before(due_on, days)
                .and_then(|on| self.occurrence(Kind::RegistrationDue, vec![plan_id], on, rules.send_at, plan.known_at));
            let Some(occurrence) = occurrence else {
                continue;
            };
            let recipients = self.schedule.holders(&all_rules.registration_to);
            self.push(&occurrence, recipients, || {
                text::registration_due(&plan.title, (plan.fiscal_year_from, plan.fiscal_year_to), due_on, days)
            });
        }
    }

    fn meeting(&mut self, meeting_id: Uuid, meeting: &MeetingState) {
        if meeting.cancelled {
            return;
        }
        let starts = bangkok_instant(meeting.starts_at.date(), meeting.starts_at.time());
        if self.now >= starts {
            return;
        }
        let Some(eve) = meeting.starts_at.date().pred_opt() else {
            return;
        };
        let all_rules = self.rules;
        let rules = all_rules.for_plan(meeting.plan_id);
        let subjects = vec![meeting_id, meeting_start_subject(meeting.starts_at)];
        let reminder = bangkok_instant(eve, rules.send_at);
        let occurrence = if reminder >= meeting.known_at {
            self.at(Kind::MeetingTomorrow, subjects, reminder)
        } else if bangkok_date(meeting.known_at) == eve {
            // Scheduled or moved on the eve, after the reminder's time: announced at once.
            self.at(Kind::MeetingTomorrow, subjects, meeting.known_at)
        } else {
            None
        };
        let Some(occurrence) = occurrence else {
            return;
        };
        let schedule = self.schedule;
        let recipients = schedule.holders(&all_rules.meetings_to);
        let days_ahead = (meeting.starts_at.date() - bangkok_date(occurrence.not_before)).num_days();
        self.push(&occurrence, recipients, || {
            let meeting_ref = MeetingRef {
                plan_title: schedule.plans.get(&meeting.plan_id).map(|plan| plan.title.as_str()),
                title: &meeting.title,
                starts_at: meeting.starts_at,
                place: &meeting.place,
                agenda: &meeting.agenda,
            };
            text::meeting_reminder(&meeting_ref, days_ahead)
        });
    }
}

/// The id standing for a meeting's start among a reminder's subjects, so that a moved meeting's
/// reminder has an id of its own: a UUIDv5 in [`NOTIFICATION_NAMESPACE`] over
/// `meeting-starts-at|YYYY-MM-DDTHH:MM:SS` (Bangkok wall-clock time).
fn meeting_start_subject(starts_at: NaiveDateTime) -> Uuid {
    let name = format!("meeting-starts-at|{}", starts_at.format("%Y-%m-%dT%H:%M:%S"));
    Uuid::new_v5(&NOTIFICATION_NAMESPACE, name.as_bytes())
}

fn item_ref(item: &ItemState) -> ItemRef<'_> {
    ItemRef {
        code: &item.code,
        name: &item.name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_is_due_on_the_30_september_before_the_first_fiscal_year_starts() {
        assert_eq!(registration_due(2570), NaiveDate::from_ymd_opt(2026, 9, 30));
        assert_eq!(registration_due(2567), NaiveDate::from_ymd_opt(2023, 9, 30));
        assert_eq!(registration_due(0), None);
    }

    #[test]
    fn the_weekly_digest_moves_off_a_holiday_to_the_next_working_day_of_the_week() {
        let calendar = Calendar::thailand(2026..=2026);
        let day = |d| NaiveDate::from_ymd_opt(2026, 4, d).unwrap();
        // Monday 6 April 2026 is Chakri Day: this week's digest is on Tuesday the 7th.
        assert_eq!(weekly_digest_day(day(6), chrono::Weekday::Mon, &calendar), None);
        assert_eq!(weekly_digest_day(day(7), chrono::Weekday::Mon, &calendar), Some(day(7)));
        assert_eq!(
            weekly_digest_day(day(10), chrono::Weekday::Mon, &calendar),
            Some(day(7))
        );
        // An ordinary week: Monday 13 April is Songkran, 20 April is a working Monday.
        assert_eq!(
            weekly_digest_day(day(20), chrono::Weekday::Mon, &calendar),
            Some(day(20))
        );
        assert_eq!(
            weekly_digest_day(day(26), chrono::Weekday::Mon, &calendar),
            Some(day(20))
        );
    }
}
