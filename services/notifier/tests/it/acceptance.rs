//! The acceptance scenario: a round with 10 agencies, 3 of them late; the right people get
//! the right reminders at the right times, once each, across restarts in the middle.
//!
//! The round (Q3 of FY2569) opens on Wednesday 1 July 2026 and is due on Thursday 16 July.
//! Reminders go at 09:00 on 13 July (3 days before), 15 July (1 day before) and 16 July (the due
//! date); the overdue digest goes on working days 17–30 July, skipping the weekends and
//! 28 July (the King's birthday); the weekly digest (with the chart, attached by the channels)
//! on Mondays 6, 13, 20 and 27 July, while the round is open and up to 14 days past its due date.
//!
//! Agencies 1–4 submit on 8 July, before any reminder (agency 2 has one item returned at 22:00
//! on 9 July and resubmits the next morning); 5 and 6 submit on 14 July; 7 on the due date; 8 has
//! one item late (17 July, 10:00); 9 submits both late (21 July, 11:00); 10 never submits.

use chrono::{DateTime, Utc};
use sujarit_contracts::people::Role;
use sujarit_contracts::plan::{self, Budget, PlanDrafted, PlanEvent};
use sujarit_contracts::round::{
    self, RoundEvent, RoundItem, RoundOpened, SubmissionAccepted, SubmissionReturned, SubmissionSubmitted,
};
use sujarit_notifier::calendar::bangkok_date;
use sujarit_notifier::{Kind, Recipient};
use sujarit_thai::Period;
use uuid::Uuid;

use crate::support::{assert_once_each, bkk, date, id, sorted, Script, Sim};

pub const PLAN: Uuid = Uuid::from_u128(0x91a4);
pub const ROUND: Uuid = Uuid::from_u128(0x7047);
pub const SECRETARIAT: Uuid = Uuid::from_u128(0x5ec);
pub const COMMITTEE: [Uuid; 2] = [Uuid::from_u128(0xc01), Uuid::from_u128(0xc02)];

/// Org unit `n` (1–10).
pub fn unit(n: u128) -> Uuid {
    id(0xa, n)
}

/// The officer of unit `n`.
pub fn officer(n: u128) -> Uuid {
    id(0x0f, n)
}

/// Item `k` (1–2) of unit `n`.
pub fn item(n: u128, k: u128) -> Uuid {
    id(0x1e, n * 10 + k)
}

/// The people, units and plan; the round opened on 1 July with two items per unit, due 16 July.
pub fn round_with_ten_agencies(script: &mut Script, agencies: u128) {
    let setup = bkk(2026, 6, 1, 9, 0);
    for n in 1..=agencies {
        script.org_unit(setup, unit(n), &format!("หน่วยงาน {n:02}"));
        script.person(setup, officer(n), &[Role::Officer], Some(unit(n)));
    }
    script.person(setup, SECRETARIAT, &[Role::Secretariat], None);
    for member in COMMITTEE {
        script.person(setup, member, &[Role::Committee], None);
    }
    script.at::<PlanEvent>(
        setup,
        plan::stream(PLAN),
        PlanDrafted {
            plan_id: PLAN,
            title: "ป้องกันและปราบปรามการทุจริต จังหวัดตัวอย่าง".into(),
            fiscal_year_from: 2569,
            fiscal_year_to: 2569,
            owner_org_unit_id: None,
        },
    );
    let items = (1..=agencies)
        .flat_map(|n| {
            (1..=2).map(move |k| RoundItem {
                item_id: item(n, k),
                code: format!("{n}.{k}"),
                name: format!("กิจกรรม {n}.{k}"),
                dimension: "มิติที่ 1".into(),
                org_unit_id: Some(unit(n)),
                budget: Budget::NotStated,
            })
        })
        .collect();
    script.at::<RoundEvent>(
        bkk(2026, 7, 1, 10, 0),
        round::stream(ROUND),
        RoundOpened {
            round_id: ROUND,
            plan_id: PLAN,
            plan_revision: 1,
            fiscal_year: 2569,
            period: Period::Q3,
            due_on: date(2026, 7, 16),
            entry_closes_after_days: 10,
            entry_closes_on: date(2026, 7, 26),
            items,
        },
    );
}

/// Submits item `k` of unit `n` at an instant.
pub fn submit(script: &mut Script, at: DateTime<Utc>, n: u128, k: u128) {
    script.at::<RoundEvent>(
        at,
        round::stream(ROUND),
        SubmissionSubmitted {
            round_id: ROUND,
            item_id: item(n, k),
            submitted_on: bangkok_date(at),
            late: at >= bkk(2026, 7, 17, 0, 0),
        },
    );
}

fn scenario() -> Script {
    let mut script = Script::default();
    round_with_ten_agencies(&mut script, 10);
    for n in 1..=4 {
        submit(&mut script, bkk(2026, 7, 8, 10, 0), n, 1);
        submit(&mut script, bkk(2026, 7, 8, 10, 0), n, 2);
    }
    script.at::<RoundEvent>(
        bkk(2026, 7, 9, 9, 0),
        round::stream(ROUND),
        SubmissionAccepted {
            round_id: ROUND,
            item_id: item(3, 1),
        },
    );
    script.at::<RoundEvent>(
        bkk(2026, 7, 9, 22, 0),
        round::stream(ROUND),
        SubmissionReturned {
            round_id: ROUND,
            item_id: item(2, 1),
            reason: "แนบหลักฐานการจัดอบรม".into(),
        },
    );
    submit(&mut script, bkk(2026, 7, 10, 9, 30), 2, 1);
    for n in 5..=6 {
        submit(&mut script, bkk(2026, 7, 14, 14, 0), n, 1);
        submit(&mut script, bkk(2026, 7, 14, 14, 0), n, 2);
    }
    submit(&mut script, bkk(2026, 7, 16, 15, 0), 7, 1);
    submit(&mut script, bkk(2026, 7, 16, 15, 0), 7, 2);
    submit(&mut script, bkk(2026, 7, 15, 16, 0), 8, 1);
    submit(&mut script, bkk(2026, 7, 17, 10, 0), 8, 2);
    submit(&mut script, bkk(2026, 7, 21, 11, 0), 9, 1);
    submit(&mut script, bkk(2026, 7, 21, 11, 0), 9, 2);
    script
}

fn expected() -> Vec<(Recipient, Kind, DateTime<Utc>)> {
    let person = Recipient::Person;
    let mut expected = vec![(person(officer(2)), Kind::SubmissionReturned, bkk(2026, 7, 10, 7, 0))];
    for n in 5..=10 {
        expected.push((person(officer(n)), Kind::RoundDueSoon, bkk(2026, 7, 13, 9, 0)));
    }
    for n in 7..=10 {
        expected.push((person(officer(n)), Kind::RoundDueSoon, bkk(2026, 7, 15, 9, 0)));
        expected.push((person(officer(n)), Kind::RoundDueToday, bkk(2026, 7, 16, 9, 0)));
    }
    for day in [17, 20, 21, 22, 23, 24, 27, 29, 30] {
        for who in [SECRETARIAT, COMMITTEE[0], COMMITTEE[1]] {
            expected.push((person(who), Kind::OverdueDigest, bkk(2026, 7, day, 9, 0)));
        }
    }
    for day in [6, 13, 20, 27] {
        for who in [SECRETARIAT, COMMITTEE[0], COMMITTEE[1]] {
            expected.push((person(who), Kind::WeeklyDigest, bkk(2026, 7, day, 9, 0)));
        }
    }
    sorted(expected)
}

#[test]
fn a_round_with_ten_agencies_three_late_reminds_the_right_people_at_the_right_times_once_each_across_restarts() {
    let started = std::time::Instant::now();
    let script = scenario();
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 7, 15, 9, 0));
    sim.restart();
    sim.run_until(bkk(2026, 7, 20, 8, 45));
    sim.rebuild();
    sim.run_until(bkk(2026, 7, 24, 9, 0));
    sim.restart();
    sim.run_until(bkk(2026, 8, 14, 0, 0));

    assert_eq!(sim.sent(), expected());
    assert_once_each(&sim.log);
    for sent in &sim.log {
        assert_eq!(
            sent.at, sent.notification.not_before,
            "sent on the first tick at or after its time"
        );
    }
    assert!(
        started.elapsed().as_secs() < 5,
        "six weeks of schedule took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_notifier_that_never_restarts_sends_exactly_the_same() {
    let script = scenario();
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 8, 14, 0, 0));
    assert_eq!(sim.sent(), expected());
    assert_once_each(&sim.log);
}

#[test]
fn reminders_list_only_the_items_still_missing_and_the_digest_names_the_late_agencies() {
    let script = scenario();
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 8, 14, 0, 0));
    let to = |who: Uuid, kind: Kind, day: u32| {
        sim.log
            .iter()
            .find(|s| {
                s.notification.recipient == Recipient::Person(who)
                    && s.notification.kind == kind
                    && s.at == bkk(2026, 7, day, 9, 0)
            })
            .map(|s| s.notification.clone())
            .unwrap()
    };
    let today = to(officer(8), Kind::RoundDueToday, 16);
    assert!(
        today.text_th.contains("ยังไม่ได้ส่ง 1 รายการ") && today.text_th.contains("- 8.2"),
        "{}",
        today.text_th
    );
    assert!(!today.text_th.contains("8.1"), "{}", today.text_th);
    assert!(today.text_th.contains("16 กรกฎาคม 2569"), "{}", today.text_th);
    let soon = to(officer(8), Kind::RoundDueSoon, 13);
    assert!(
        soon.text_en.contains("in 3 days") && soon.text_en.contains("2 items not submitted"),
        "{}",
        soon.text_en
    );

    let first = to(SECRETARIAT, Kind::OverdueDigest, 17);
    assert!(
        first.text_en.contains("Missing: 3 agencies, 5 items"),
        "{}",
        first.text_en
    );
    for agency in [
        "หน่วยงาน 08: 1 รายการ (8.2)",
        "หน่วยงาน 09: 2 รายการ (9.1, 9.2)",
        "หน่วยงาน 10",
    ] {
        assert!(
            first.text_th.contains(agency),
            "{agency} missing from {}",
            first.text_th
        );
    }
    let after_nine = to(COMMITTEE[1], Kind::OverdueDigest, 22);
    assert!(
        after_nine.text_en.contains("Missing: 1 agency, 2 items"),
        "{}",
        after_nine.text_en
    );
    assert!(!after_nine.text_th.contains("หน่วยงาน 09"), "{}", after_nine.text_th);
    let returned = to_returned(&sim);
    assert!(
        returned.contains("แนบหลักฐานการจัดอบรม") && returned.contains("2.1"),
        "{returned}"
    );
}

fn to_returned(sim: &Sim) -> String {
    sim.of_kind(Kind::SubmissionReturned)[0].notification.text_th.clone()
}

#[test]
fn two_instances_fed_the_same_events_compute_the_same_notification_ids() {
    let script = scenario();
    let mut one = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    let mut two = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    one.run_until(bkk(2026, 7, 13, 8, 45));
    two.run_until(bkk(2026, 7, 13, 8, 45));
    let now = bkk(2026, 7, 13, 9, 0);
    let due_one = one.schedule.due(now, &one.rules, &one.calendar);
    let due_two = two.schedule.due(now, &two.rules, &two.calendar);
    // Six officers reminded, and the weekly digest to the secretariat and two committee members.
    assert_eq!(due_one.len(), 9);
    assert_eq!(due_one, due_two);

    two.restart();
    one.run_until(bkk(2026, 8, 14, 0, 0));
    two.run_until(bkk(2026, 8, 14, 0, 0));
    let ids = |sim: &Sim| sim.log.iter().map(|s| s.notification.id).collect::<Vec<_>>();
    assert_eq!(ids(&one), ids(&two));
}
