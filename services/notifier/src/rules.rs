//! When reminders fire: the configurable rules, with the defaults the issue asks for.
//!
//! Every field has a default (`#[serde(default)]`), so a configuration file names only what it
//! changes. Round and registration reminders can be set per plan ([`Rules::plans`]); complaint
//! reminders, quiet hours, urgency and who receives what are global.
//!
//! Times of day are Bangkok wall-clock times.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use sujarit_contracts::people::Role;
use uuid::Uuid;

use crate::calendar::{bangkok_date, bangkok_instant, bangkok_time};
use crate::notification::Kind;

fn hm(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN)
}

/// Reminders about one plan's reporting rounds, its registration and its committee meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlanRules {
    /// Days before a round's due date on which officers with items not submitted are reminded.
    pub remind_days_before: Vec<u16>,
    /// Remind them again on the due date.
    pub remind_on_due_date: bool,
    /// Working days after the due date are covered by the overdue digest for this many calendar
    /// days (0: no digest).
    pub overdue_digest_days: u16,
    /// Days before the e-PlanNACC registration deadline (30 September) on which the secretariat
    /// is reminded if the plan is not registered: 10 is 20 September.
    pub registration_remind_days_before: Vec<u16>,
    /// Bangkok time of day at which these reminders fire, and at which a committee meeting is
    /// announced on the day before it.
    pub send_at: NaiveTime,
    /// The day of the week of the committee's weekly digest while a round is open (the first
    /// working day of the week from it, when it is a holiday); `None`: no weekly digest.
    pub weekly_digest_on: Option<chrono::Weekday>,
}

impl Default for PlanRules {
    fn default() -> Self {
        PlanRules {
            remind_days_before: vec![3, 1],
            remind_on_due_date: true,
            overdue_digest_days: 14,
            registration_remind_days_before: vec![10],
            send_at: hm(9, 0),
            weekly_digest_on: Some(chrono::Weekday::Mon),
        }
    }
}

/// Reminders about complaints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ComplaintRules {
    /// Remind the secretariat if a case is still not acknowledged this many days after receipt
    /// (0: never). The contracts set no acknowledgement deadline; this is the notifier's own.
    pub acknowledge_within_days: u16,
    /// Days before an open case's due date on which the secretariat is reminded.
    pub due_soon_days: u16,
    /// Working days after the due date are covered by a daily overdue alert for this many
    /// calendar days.
    pub overdue_days: u16,
    /// Bangkok time of day at which these reminders fire.
    pub send_at: NaiveTime,
}

impl Default for ComplaintRules {
    fn default() -> Self {
        ComplaintRules {
            acknowledge_within_days: 3,
            due_soon_days: 2,
            overdue_days: 14,
            send_at: hm(9, 0),
        }
    }
}

/// Hours in which non-urgent notifications wait (Bangkok time). The window wraps past midnight
/// when `start` is later than `end`; equal times mean no quiet hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuietHours {
    /// When quiet starts (21:00).
    pub start: NaiveTime,
    /// When it ends (07:00).
    pub end: NaiveTime,
}

impl Default for QuietHours {
    fn default() -> Self {
        QuietHours {
            start: hm(21, 0),
            end: hm(7, 0),
        }
    }
}

impl QuietHours {
    /// Whether a Bangkok time of day falls in the quiet window.
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.start <= self.end {
            self.start <= time && time < self.end
        } else {
            time >= self.start || time < self.end
        }
    }

    /// The instant itself, or the end of the quiet window it falls in (07:00 the next morning for
    /// 22:00, the same morning for 03:00).
    pub fn defer(&self, instant: DateTime<Utc>) -> DateTime<Utc> {
        let time = bangkok_time(instant);
        if !self.contains(time) {
            return instant;
        }
        let date = bangkok_date(instant);
        let end_date = if time >= self.end {
            date.succ_opt().unwrap_or(date)
        } else {
            date
        };
        bangkok_instant(end_date, self.end)
    }
}

/// Every rule of the notifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Round and registration reminders of plans without their own rules.
    pub plan: PlanRules,
    /// Rules of particular plans, by plan id; they replace [`Rules::plan`] for that plan.
    pub plans: BTreeMap<Uuid, PlanRules>,
    /// Complaint reminders.
    pub complaint: ComplaintRules,
    /// No non-urgent pushes in these hours.
    pub quiet_hours: QuietHours,
    /// Kinds that are urgent: sent in quiet hours and to people who muted notifications.
    pub urgent: BTreeSet<Kind>,
    /// An occurrence not sent within this many hours of its time is dropped, not sent late: a
    /// notifier that was down for days, or rebuilds its schedule from old events, does not flood
    /// people with yesterday's reminders. Keep it above the longest expected outage.
    pub stale_after_hours: u16,
    /// Who receives the overdue digest.
    pub digest_to: Vec<Role>,
    /// Who receives complaint reminders.
    pub complaints_to: Vec<Role>,
    /// Who receives registration reminders.
    pub registration_to: Vec<Role>,
    /// Who is reminded of a committee meeting the day before (at the plan's `send_at`).
    pub meetings_to: Vec<Role>,
    /// Public holidays beyond the fixed-date Thai ones the notifier knows (the lunar holidays
    /// and substitution days the cabinet announces each year), `YYYY-MM-DD` in the Common Era.
    pub holidays: Vec<chrono::NaiveDate>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            plan: PlanRules::default(),
            plans: BTreeMap::new(),
            complaint: ComplaintRules::default(),
            quiet_hours: QuietHours::default(),
            urgent: BTreeSet::from([Kind::ComplaintOverdue]),
            stale_after_hours: 24,
            digest_to: vec![Role::Secretariat, Role::Committee],
            complaints_to: vec![Role::Secretariat],
            registration_to: vec![Role::Secretariat],
            meetings_to: vec![Role::Committee, Role::Secretariat],
            holidays: Vec::new(),
        }
    }
}

/// A configuration that cannot work as written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// `stale_after_hours` is 0: nothing would ever be sent.
    #[error("stale_after_hours must be at least 1, or nothing is ever sent")]
    NothingEverSent,
    /// A reminder time falls in quiet hours, so every such reminder would be moved.
    #[error("{field} ({time}) falls in quiet hours ({start}–{end})")]
    SendAtInQuietHours {
        /// Which setting.
        field: String,
        /// Its time.
        time: NaiveTime,
        /// Quiet hours start.
        start: NaiveTime,
        /// Quiet hours end.
        end: NaiveTime,
    },
}

impl Rules {
    /// The round and registration rules of a plan.
    pub fn for_plan(&self, plan_id: Uuid) -> &PlanRules {
        self.plans.get(&plan_id).unwrap_or(&self.plan)
    }

    /// Whether notifications of this kind are urgent.
    pub fn is_urgent(&self, kind: Kind) -> bool {
        self.urgent.contains(&kind)
    }

    /// How long an occurrence stays sendable after its time.
    pub fn stale_after(&self) -> Duration {
        Duration::hours(i64::from(self.stale_after_hours))
    }

    /// Checks that the rules can work: something can be sent, and no reminder time is quiet.
    pub fn validate(&self) -> Result<(), RulesError> {
        if self.stale_after_hours == 0 {
            return Err(RulesError::NothingEverSent);
        }
        let mut times = vec![
            ("plan.send_at".to_string(), self.plan.send_at),
            ("complaint.send_at".to_string(), self.complaint.send_at),
        ];
        times.extend(
            self.plans
                .iter()
                .map(|(plan_id, rules)| (format!("plans.{plan_id}.send_at"), rules.send_at)),
        );
        match times.into_iter().find(|(_, time)| self.quiet_hours.contains(*time)) {
            Some((field, time)) => Err(RulesError::SendAtInQuietHours {
                field,
                time,
                start: self.quiet_hours.start,
                end: self.quiet_hours.end,
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        bangkok_instant(NaiveDate::from_ymd_opt(y, m, d).unwrap(), hm(h, min))
    }

    #[test]
    fn quiet_hours_run_from_nine_at_night_to_seven_in_the_morning() {
        let quiet = QuietHours::default();
        assert_eq!(quiet.defer(at(2026, 7, 15, 22, 0)), at(2026, 7, 16, 7, 0));
        assert_eq!(quiet.defer(at(2026, 7, 16, 3, 0)), at(2026, 7, 16, 7, 0));
        assert_eq!(quiet.defer(at(2026, 7, 15, 21, 0)), at(2026, 7, 16, 7, 0));
        assert_eq!(quiet.defer(at(2026, 7, 15, 20, 59)), at(2026, 7, 15, 20, 59));
        assert_eq!(quiet.defer(at(2026, 7, 16, 7, 0)), at(2026, 7, 16, 7, 0));
        let daytime = QuietHours {
            start: hm(12, 0),
            end: hm(13, 0),
        };
        assert_eq!(daytime.defer(at(2026, 7, 15, 12, 30)), at(2026, 7, 15, 13, 0));
        let none = QuietHours {
            start: hm(0, 0),
            end: hm(0, 0),
        };
        assert_eq!(none.defer(at(2026, 7, 15, 23, 0)), at(2026, 7, 15, 23, 0));
    }

    #[test]
    fn rules_read_from_a_partial_file_keep_their_other_defaults() {
        let plan = Uuid::from_u128(9);
        let json =
            format!(r#"{{"plans":{{"{plan}":{{"remind_days_before":[7]}}}},"complaint":{{"due_soon_days":5}}}}"#);
        let rules: Rules = serde_json::from_str(&json).unwrap();
        assert_eq!(rules.for_plan(plan).remind_days_before, vec![7]);
        assert_eq!(rules.for_plan(plan).send_at, hm(9, 0));
        assert_eq!(rules.for_plan(Uuid::from_u128(1)).remind_days_before, vec![3, 1]);
        assert_eq!(rules.complaint.due_soon_days, 5);
        assert_eq!(rules.complaint.overdue_days, 14);
        assert!(rules.is_urgent(Kind::ComplaintOverdue) && !rules.is_urgent(Kind::RoundDueSoon));
        assert!(serde_json::from_str::<Rules>(r#"{"quiet":{}}"#).is_err());
        assert_eq!(rules.validate(), Ok(()));
    }

    #[test]
    fn rules_that_cannot_work_are_refused_naming_the_setting() {
        let mut rules = Rules::default();
        rules.plans.insert(
            Uuid::from_u128(1),
            PlanRules {
                send_at: hm(22, 0),
                ..PlanRules::default()
            },
        );
        let err = rules.validate().unwrap_err();
        assert!(
            err.to_string()
                .contains("plans.00000000-0000-0000-0000-000000000001.send_at"),
            "{err}"
        );
        let never = Rules {
            stale_after_hours: 0,
            ..Rules::default()
        };
        assert_eq!(never.validate(), Err(RulesError::NothingEverSent));
    }
}
