//! Rounds from the officers' side and the preferences: returned submissions, quiet hours, mutes,
//! languages, holidays, and per-plan rules.

use sujarit_contracts::round::{self, RoundEvent, SubmissionReturned, SubmissionSubmitted};
use sujarit_notifier::calendar::bangkok_date;
use sujarit_notifier::{Kind, Lang, PlanRules, Prefs, Recipient};
use uuid::Uuid;

use crate::acceptance::{item, officer, round_with_ten_agencies, submit, unit, COMMITTEE, PLAN, ROUND, SECRETARIAT};
use crate::support::{bkk, Script, Sim};

/// Three agencies; 1 and 2 submit on 8 July, 3 never does.
fn three_agencies() -> Script {
    let mut script = Script::default();
    round_with_ten_agencies(&mut script, 3);
    for n in 1..=2 {
        for k in 1..=2 {
            submit(&mut script, bkk(2026, 7, 8, 10, 0), n, k);
        }
    }
    script
}

fn returned_at(script: &mut Script, at: chrono::DateTime<chrono::Utc>, n: u128) {
    script.at::<RoundEvent>(
        at,
        round::stream(ROUND),
        SubmissionReturned {
            round_id: ROUND,
            item_id: item(n, 1),
            reason: "ตัวเลขไม่ตรงกับหลักฐาน".into(),
        },
    );
}

#[test]
fn a_returned_submission_reaches_the_officers_of_its_unit_within_one_tick() {
    let mut script = three_agencies();
    returned_at(&mut script, bkk(2026, 7, 9, 10, 7), 1);
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 7, 12, 0, 0));
    let returned = sim.of_kind(Kind::SubmissionReturned);
    assert_eq!(returned.len(), 1);
    assert_eq!(returned[0].notification.recipient, Recipient::Person(officer(1)));
    assert_eq!(returned[0].notification.not_before, bkk(2026, 7, 9, 10, 7));
    assert_eq!(returned[0].at, bkk(2026, 7, 9, 10, 15));
    assert!(returned[0].notification.text_en.contains("ตัวเลขไม่ตรงกับหลักฐาน"));
}

#[test]
fn a_returned_item_counts_as_missing_until_it_is_resubmitted() {
    let mut script = three_agencies();
    returned_at(&mut script, bkk(2026, 7, 9, 10, 0), 1);
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 7, 14, 0, 0));
    let soon: Vec<_> = sim
        .of_kind(Kind::RoundDueSoon)
        .into_iter()
        .filter(|s| s.notification.recipient == Recipient::Person(officer(1)))
        .collect();
    assert_eq!(soon.len(), 1);
    assert!(soon[0].notification.text_th.contains("- 1.1") && !soon[0].notification.text_th.contains("1.2"));
}

#[test]
fn a_return_resubmitted_before_the_notice_goes_out_is_not_announced() {
    let mut script = three_agencies();
    returned_at(&mut script, bkk(2026, 7, 9, 22, 0), 1);
    submit(&mut script, bkk(2026, 7, 10, 6, 0), 1, 1);
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 7, 11, 0, 0));
    assert!(sim.of_kind(Kind::SubmissionReturned).is_empty());
}

#[test]
fn quiet_hours_move_a_non_urgent_notification_at_22_00_to_07_00() {
    let mut script = three_agencies();
    returned_at(&mut script, bkk(2026, 7, 9, 22, 0), 1);
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 7, 11, 0, 0));
    let returned = sim.of_kind(Kind::SubmissionReturned);
    assert_eq!(returned.len(), 1);
    assert!(!returned[0].notification.urgent);
    assert_eq!(returned[0].at, bkk(2026, 7, 10, 7, 0));
}

#[test]
fn an_urgent_kind_is_sent_in_quiet_hours() {
    let mut script = three_agencies();
    returned_at(&mut script, bkk(2026, 7, 9, 22, 0), 1);
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.rules.urgent.insert(Kind::SubmissionReturned);
    sim.run_until(bkk(2026, 7, 11, 0, 0));
    let returned = sim.of_kind(Kind::SubmissionReturned);
    assert!(returned[0].notification.urgent);
    assert_eq!(returned[0].at, bkk(2026, 7, 9, 22, 0));
}

#[test]
fn holidays_and_weekends_skip_the_daily_digest() {
    let script = three_agencies();
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    // Asarnha Bucha 2569 is a lunar holiday: configured, not built in.
    sim.calendar = sim
        .calendar
        .clone()
        .with_holidays([bkk(2026, 7, 29, 12, 0)].map(bangkok_date));
    sim.run_until(bkk(2026, 8, 10, 0, 0));
    let days: Vec<u32> = sim
        .of_kind(Kind::OverdueDigest)
        .into_iter()
        .filter(|s| s.notification.recipient == Recipient::Person(SECRETARIAT))
        .map(|s| chrono::Datelike::day(&bangkok_date(s.at)))
        .collect();
    // 18–19 and 25–26 are weekends, 28 the King's birthday, 29 the configured holiday.
    assert_eq!(days, vec![17, 20, 21, 22, 23, 24, 27, 30]);
}

#[test]
fn reminders_to_individuals_keep_their_day_even_on_a_weekend() {
    let mut script = three_agencies();
    // Due Monday 20 July: three days before is Friday 17, one day before is Sunday 19.
    script.at::<RoundEvent>(bkk(2026, 7, 1, 10, 0), round::stream(Uuid::from_u128(0x2)), {
        let mut opened = opened_copy();
        opened.due_on = chrono::NaiveDate::from_ymd_opt(2026, 7, 20).unwrap();
        opened
    });
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 7, 21, 0, 0));
    let sunday: Vec<_> = sim
        .of_kind(Kind::RoundDueSoon)
        .into_iter()
        .filter(|s| s.at == bkk(2026, 7, 19, 9, 0))
        .collect();
    assert_eq!(sunday.len(), 3, "one per officer of the second round");
}

/// A second round like the first, for three units, under another id.
fn opened_copy() -> sujarit_contracts::round::RoundOpened {
    let mut script = Script::default();
    round_with_ten_agencies(&mut script, 3);
    let opened = script
        .envelopes()
        .into_iter()
        .find(|e| e.event_type == "RoundOpened")
        .unwrap();
    let RoundEvent::RoundOpened(mut opened) = opened.decode::<RoundEvent>().unwrap() else {
        panic!("not RoundOpened");
    };
    opened.round_id = Uuid::from_u128(0x2);
    opened
}

#[test]
fn a_muted_person_gets_nothing_non_urgent_until_the_mute_ends() {
    let script = three_agencies();
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.rules.plan.weekly_digest_on = None; // about other rules
    sim.prefer(
        COMMITTEE[0],
        Prefs {
            muted_until: Some(bkk(2026, 7, 25, 0, 0)),
            ..Prefs::default()
        },
    );
    sim.prefer(
        officer(3),
        Prefs {
            muted_until: Some(bkk(2100, 1, 1, 0, 0)),
            ..Prefs::default()
        },
    );
    sim.run_until(bkk(2026, 8, 10, 0, 0));
    let to = |who: Uuid| {
        sim.log
            .iter()
            .filter(|s| s.notification.recipient == Recipient::Person(who))
            .map(|s| s.at)
            .collect::<Vec<_>>()
    };
    assert!(to(officer(3)).is_empty());
    assert_eq!(
        to(COMMITTEE[0]),
        [27, 29, 30].map(|day| bkk(2026, 7, day, 9, 0)).to_vec()
    );
    assert_eq!(to(COMMITTEE[1]).len(), 9);
}

#[test]
fn a_person_who_reads_english_gets_english() {
    let script = three_agencies();
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.prefer(
        officer(3),
        Prefs {
            lang: Lang::En,
            muted_until: None,
        },
    );
    sim.run_until(bkk(2026, 7, 13, 9, 0));
    let reminder = &sim.of_kind(Kind::RoundDueSoon)[0].notification;
    assert_eq!(
        (reminder.recipient, reminder.lang),
        (Recipient::Person(officer(3)), Lang::En)
    );
    assert!(
        reminder.text().starts_with("Reminder: the Q3 FY2569 progress report"),
        "{}",
        reminder.text()
    );
}

#[test]
fn a_unit_without_a_known_officer_is_addressed_as_the_unit() {
    let mut script = Script::default();
    round_with_ten_agencies(&mut script, 2);
    script.at::<sujarit_contracts::people::PersonEvent>(
        bkk(2026, 6, 2, 9, 0),
        sujarit_contracts::people::stream(officer(2)),
        sujarit_contracts::people::RoleRevoked {
            person_id: officer(2),
            role: sujarit_contracts::people::Role::Officer,
        },
    );
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.rules.plan.weekly_digest_on = None; // about other rules
    sim.run_until(bkk(2026, 7, 13, 9, 0));
    let recipients: Vec<Recipient> = sim.log.iter().map(|s| s.notification.recipient).collect();
    assert_eq!(recipients.len(), 2);
    assert!(recipients.contains(&Recipient::Person(officer(1))));
    assert!(recipients.contains(&Recipient::OrgUnit(unit(2))));
}

#[test]
fn a_round_opened_two_days_before_its_due_date_gets_no_three_day_reminder() {
    let mut script = Script::default();
    round_with_ten_agencies(&mut script, 1);
    submit(&mut script, bkk(2026, 7, 8, 10, 0), 1, 1);
    submit(&mut script, bkk(2026, 7, 8, 10, 0), 1, 2);
    let mut late_round = opened_copy();
    late_round.items.truncate(2);
    script.at::<RoundEvent>(bkk(2026, 7, 14, 10, 0), round::stream(late_round.round_id), late_round);
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.rules.plan.weekly_digest_on = None; // about other rules
    sim.run_until(bkk(2026, 7, 16, 12, 0));
    let sent: Vec<_> = sim.log.iter().map(|s| (s.notification.kind, s.at)).collect();
    // The 13 July "3 days left" reminder predates the round: it is not sent late on opening.
    assert_eq!(
        sent,
        vec![
            (Kind::RoundDueSoon, bkk(2026, 7, 15, 9, 0)),
            (Kind::RoundDueToday, bkk(2026, 7, 16, 9, 0)),
        ]
    );
}

#[test]
fn a_plan_can_have_its_own_reminder_days() {
    let script = three_agencies();
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.rules.plans.insert(
        PLAN,
        PlanRules {
            remind_days_before: vec![7],
            remind_on_due_date: false,
            overdue_digest_days: 2,
            weekly_digest_on: None,
            ..PlanRules::default()
        },
    );
    sim.run_until(bkk(2026, 8, 10, 0, 0));
    let sent: Vec<_> = sim.log.iter().map(|s| (s.notification.kind, s.at)).collect();
    let digest = |day| (Kind::OverdueDigest, bkk(2026, 7, day, 9, 0));
    assert_eq!(
        sent,
        vec![
            (Kind::RoundDueSoon, bkk(2026, 7, 9, 9, 0)),
            digest(17),
            digest(17),
            digest(17),
        ]
    );
}

#[test]
fn a_late_submission_stops_the_digest_the_next_morning() {
    let mut script = three_agencies();
    for k in 1..=2 {
        script.at::<RoundEvent>(
            bkk(2026, 7, 20, 16, 0),
            round::stream(ROUND),
            SubmissionSubmitted {
                round_id: ROUND,
                item_id: item(3, k),
                submitted_on: bangkok_date(bkk(2026, 7, 20, 16, 0)),
                late: true,
            },
        );
    }
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.rules.plan.weekly_digest_on = None; // about other rules
    sim.run_until(bkk(2026, 8, 10, 0, 0));
    let last = sim.of_kind(Kind::OverdueDigest).into_iter().map(|s| s.at).max();
    assert_eq!(last, Some(bkk(2026, 7, 20, 9, 0)));
    assert_eq!(sim.log.last().map(|s| s.at), last);
}
