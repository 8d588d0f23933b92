//! What the notifier sends: a [`Notification`] of one [`Kind`] to one [`Recipient`], with a
//! deterministic id.
//!
//! The id is a UUIDv5 over the kind, the ids of what it is about, the recipient and the Bangkok
//! date of the occurrence ([`notification_id`]). Any instance that has folded the same events
//! computes the same id for the same reminder, so the schedule's sent log and JetStream's
//! `Nats-Msg-Id` deduplication both recognise a repeat, across restarts and between instances.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sujarit_contracts::people::Role;
use uuid::Uuid;

/// The namespace of notification ids. Changing it changes every id, so a notifier upgraded
/// mid-schedule would send again what it had sent: never change it.
pub const NOTIFICATION_NAMESPACE: Uuid = Uuid::from_u128(0x7d95_67ef_12bd_4ac4_84b0_4197_1912_9c0b);

/// What a notification is about, and so when it fires (see [`crate::rules::Rules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// To an officer: a round is due in a few days and items of their unit are not submitted.
    RoundDueSoon,
    /// To an officer: a round is due today and items of their unit are not submitted.
    RoundDueToday,
    /// To an officer: a submission of their unit was returned for correction.
    SubmissionReturned,
    /// To the secretariat and committee: each working day after a round's due date, the
    /// agencies and items still missing.
    OverdueDigest,
    /// To the secretariat: a complaint has not been acknowledged some days after receipt.
    ComplaintNotAcknowledged,
    /// To the secretariat: an open complaint is due in a few days.
    ComplaintDueSoon,
    /// To the secretariat: each working day after an open complaint's due date.
    ComplaintOverdue,
    /// To the secretariat: a plan is not registered in e-PlanNACC and its deadline is near.
    RegistrationDue,
    /// To the committee and secretariat: a meeting about a plan is tomorrow, with its agenda.
    MeetingTomorrow,
    /// To the committee and secretariat: once a week while a round is open, where it stands,
    /// with the digest chart attached by the channel.
    WeeklyDigest,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 10] = [
        Kind::RoundDueSoon,
        Kind::RoundDueToday,
        Kind::SubmissionReturned,
        Kind::OverdueDigest,
        Kind::ComplaintNotAcknowledged,
        Kind::ComplaintDueSoon,
        Kind::ComplaintOverdue,
        Kind::RegistrationDue,
        Kind::MeetingTomorrow,
        Kind::WeeklyDigest,
    ];

    /// The wire name (`round_due_soon`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::RoundDueSoon => "round_due_soon",
            Kind::RoundDueToday => "round_due_today",
            Kind::SubmissionReturned => "submission_returned",
            Kind::OverdueDigest => "overdue_digest",
            Kind::ComplaintNotAcknowledged => "complaint_not_acknowledged",
            Kind::ComplaintDueSoon => "complaint_due_soon",
            Kind::ComplaintOverdue => "complaint_overdue",
            Kind::RegistrationDue => "registration_due",
            Kind::MeetingTomorrow => "meeting_tomorrow",
            Kind::WeeklyDigest => "weekly_digest",
        }
    }
}

/// The wire name.
impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a notification is for.
///
/// The schedule addresses people whenever the events name them, so each person's language and
/// mute apply. A role or an org unit is addressed only when nobody known holds it (the bot
/// gateway may route those to a group chat).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// One person.
    Person(Uuid),
    /// Whoever holds a role.
    Role(Role),
    /// The officers of an org unit.
    OrgUnit(Uuid),
}

/// `person:<id>`, `role:<role>`, `orgunit:<id>`: the form hashed into notification ids.
impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recipient::Person(id) => write!(f, "person:{id}"),
            Recipient::Role(role) => write!(f, "role:{role}"),
            Recipient::OrgUnit(id) => write!(f, "orgunit:{id}"),
        }
    }
}

/// A language a person reads notifications in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Thai (the default).
    #[default]
    Th,
    /// English.
    En,
}

/// One message to send, once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notification {
    /// Deterministic id ([`notification_id`]); use it as `Nats-Msg-Id`.
    pub id: Uuid,
    /// What it is about.
    pub kind: Kind,
    /// Who it is for.
    pub recipient: Recipient,
    /// The recipient's language.
    pub lang: Lang,
    /// Urgent notifications ignore quiet hours and mutes.
    pub urgent: bool,
    /// The earliest instant to send it (its scheduled time, moved out of quiet hours).
    pub not_before: DateTime<Utc>,
    /// The message in Thai.
    pub text_th: String,
    /// The message in English.
    pub text_en: String,
    /// The ids it is about, as in its id (a round's digest: the round first), so a channel can
    /// attach what goes with it (the digest chart).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<Uuid>,
}

impl Notification {
    /// The message in the recipient's language.
    pub fn text(&self) -> &str {
        match self.lang {
            Lang::Th => &self.text_th,
            Lang::En => &self.text_en,
        }
    }
}

/// The id of one occurrence of a notification: a UUIDv5 in [`NOTIFICATION_NAMESPACE`] over
/// `kind|subject,subject,…|recipient|YYYY-MM-DD`, where the subjects are the ids of what it is
/// about (round and org unit, case, plan, …) and the date is the Bangkok date the occurrence
/// belongs to (the reminder's day, or the day of the event that caused it).
pub fn notification_id(kind: Kind, subjects: &[Uuid], recipient: &Recipient, on: NaiveDate) -> Uuid {
    let subjects: Vec<String> = subjects.iter().map(Uuid::to_string).collect();
    let name = format!("{kind}|{}|{recipient}|{on}", subjects.join(","));
    Uuid::new_v5(&NOTIFICATION_NAMESPACE, name.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notification_ids_are_stable_and_differ_by_every_part() {
        let on = NaiveDate::from_ymd_opt(2026, 7, 13).unwrap();
        let round = Uuid::from_u128(1);
        let person = Recipient::Person(Uuid::from_u128(2));
        let id = notification_id(Kind::RoundDueSoon, &[round], &person, on);
        assert_eq!(id, notification_id(Kind::RoundDueSoon, &[round], &person, on));
        assert_eq!(id.get_version_num(), 5);
        let others = [
            notification_id(Kind::RoundDueToday, &[round], &person, on),
            notification_id(Kind::RoundDueSoon, &[Uuid::from_u128(3)], &person, on),
            notification_id(Kind::RoundDueSoon, &[round], &Recipient::Role(Role::Secretariat), on),
            notification_id(Kind::RoundDueSoon, &[round], &person, on.succ_opt().unwrap()),
        ];
        assert!(others.iter().all(|other| *other != id));
        // Pinned: a change here would make an upgraded notifier resend what it already sent.
        assert_eq!(
            notification_id(Kind::OverdueDigest, &[round], &Recipient::Role(Role::Committee), on).to_string(),
            PINNED_ID
        );
    }

    const PINNED_ID: &str = "39cadd8e-3d95-5338-ae68-811cf3c03ec4";

    #[test]
    fn recipients_print_as_kind_and_id() {
        assert_eq!(Recipient::Role(Role::Secretariat).to_string(), "role:secretariat");
        assert_eq!(
            Recipient::OrgUnit(Uuid::from_u128(1)).to_string(),
            "orgunit:00000000-0000-0000-0000-000000000001"
        );
    }
}
