//! Restarts, rebuilds, outages and redelivery: the schedule is derived from events, so none of
//! these sends anything twice or floods anyone with history.

use chrono::Duration;
use serde_json::value::RawValue;
use sujarit_notifier::{Applied, Kind, Schedule};

use crate::acceptance::{round_with_ten_agencies, submit};
use crate::support::{bkk, Script, Sim};

/// Ten agencies, none of which ever submits.
fn nobody_submits() -> Script {
    let mut script = Script::default();
    round_with_ten_agencies(&mut script, 10);
    script
}

#[test]
fn an_event_delivered_twice_is_folded_once_and_unknown_streams_are_ignored() {
    let script = nobody_submits();
    let envelopes = script.envelopes();
    let mut schedule = Schedule::new();
    assert_eq!(schedule.apply(&envelopes[0]), Applied::Folded);
    assert_eq!(schedule.apply(&envelopes[0]), Applied::Duplicate);
    assert_eq!(schedule.position(), 1);

    let mut other = envelopes[1].clone();
    other.position = 2;
    other.stream = format!("invite-{}", uuid::Uuid::nil());
    assert_eq!(schedule.apply(&other), Applied::Ignored);

    let mut broken = envelopes.last().unwrap().clone();
    broken.position = 3;
    broken.payload = RawValue::from_string(r#"{"round_id":"nope"}"#.into()).unwrap();
    let Applied::Undecodable(why) = schedule.apply(&broken) else {
        panic!("a broken payload was folded");
    };
    assert!(why.contains("round_id"), "{why}");
    assert_eq!(schedule.position(), 3, "a bad event is skipped, not retried forever");
}

#[test]
fn the_schedule_survives_a_json_round_trip_unchanged() {
    let mut sim = Sim::new(&nobody_submits(), bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 7, 20, 12, 0));
    let json = serde_json::to_string(&sim.schedule).unwrap();
    let back: Schedule = serde_json::from_str(&json).unwrap();
    assert_eq!(back, sim.schedule);
    assert_eq!(back.sent().count(), sim.log.len());
}

#[test]
fn a_schedule_rebuilt_without_its_sent_log_offers_only_what_is_not_stale_and_with_the_same_ids() {
    let script = nobody_submits();
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 7, 24, 9, 0));

    let mut forgetful = Schedule::new();
    for envelope in script.envelopes() {
        forgetful.apply(&envelope);
    }
    let now = bkk(2026, 7, 24, 9, 30);
    let offered = forgetful.due(now, &sim.rules, &sim.calendar);
    // Only this morning's digest, to the secretariat and the two committee members; the earlier
    // reminders and digests are stale. The ids are those already sent, so publishing them again
    // with `Nats-Msg-Id` is dropped by JetStream.
    assert_eq!(offered.len(), 3);
    assert!(offered.iter().all(|n| n.kind == Kind::OverdueDigest));
    assert!(offered.iter().all(|n| sim.schedule.is_sent(n.id)));
    assert!(forgetful
        .due(bkk(2026, 12, 1, 9, 0), &sim.rules, &sim.calendar)
        .is_empty());
}

#[test]
fn an_outage_sends_late_what_is_not_stale_and_drops_the_rest() {
    let mut script = nobody_submits();
    submit(&mut script, bkk(2026, 7, 8, 10, 0), 1, 1);
    let mut short = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    short.run_until(bkk(2026, 7, 15, 8, 45));
    short.down_until(bkk(2026, 7, 15, 20, 0));
    short.run_until(bkk(2026, 7, 15, 23, 0));
    let late: Vec<_> = short.log.iter().filter(|s| s.at == bkk(2026, 7, 15, 20, 0)).collect();
    assert_eq!(late.len(), 10, "the 09:00 reminders went out at 20:00");

    let mut long = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    long.run_until(bkk(2026, 7, 15, 8, 45));
    long.down_until(bkk(2026, 7, 16, 10, 0));
    long.run_until(bkk(2026, 7, 16, 23, 0));
    let after: Vec<_> = long
        .log
        .iter()
        .filter(|s| s.at >= bkk(2026, 7, 15, 0, 0))
        .map(|s| (s.notification.kind, s.at))
        .collect();
    assert_eq!(after, vec![(Kind::RoundDueToday, bkk(2026, 7, 16, 10, 0)); 10]);
    assert!(long.rules.stale_after() == Duration::hours(24));
}
