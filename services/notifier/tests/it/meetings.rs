//! Committee meetings and people's own preferences: the day-before reminder with the agenda,
//! cancelled and moved meetings, and mutes and languages set by events.

use chrono::{DateTime, NaiveDateTime, Utc};
use sujarit_contracts::people::{self, NotificationPreferencesSet, PersonEvent, Role};
use sujarit_contracts::plan::{self, MeetingCancelled, MeetingScheduled, PlanDrafted, PlanEvent};
use sujarit_notifier::{Kind, Lang, Recipient};
use uuid::Uuid;

use crate::support::{assert_once_each, bkk, date, sorted, Script, Sim};

const SECRETARIAT: Uuid = Uuid::from_u128(0x5ec);
const COMMITTEE: Uuid = Uuid::from_u128(0xc01);
const OFFICER: Uuid = Uuid::from_u128(0x0ff);
const UNIT: Uuid = Uuid::from_u128(0x0a1);
const PLAN: Uuid = Uuid::from_u128(0x91a);
const MEETING: Uuid = Uuid::from_u128(0x3ee7);

/// Bangkok wall-clock time, as a meeting's start is written.
fn local(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    date(year, month, day).and_hms_opt(hour, minute, 0).unwrap()
}

/// A secretariat member, a committee member, an officer (never reminded of meetings) and a plan.
fn plan_with_people() -> Script {
    let mut script = Script::default();
    let at = bkk(2026, 5, 1, 9, 0);
    script.person(at, SECRETARIAT, &[Role::Secretariat], None);
    script.person(at, COMMITTEE, &[Role::Committee], None);
    script.org_unit(at, UNIT, "อบต.หนึ่ง");
    script.person(at, OFFICER, &[Role::Officer], Some(UNIT));
    script.at::<PlanEvent>(
        bkk(2026, 5, 2, 9, 0),
        plan::stream(PLAN),
        PlanDrafted {
            plan_id: PLAN,
            title: "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2570".into(),
            fiscal_year_from: 2570,
            fiscal_year_to: 2570,
            owner_org_unit_id: None,
        },
    );
    script
}

fn schedule(script: &mut Script, at: DateTime<Utc>, meeting_id: Uuid, starts_at: NaiveDateTime) {
    script.at::<PlanEvent>(
        at,
        plan::stream(PLAN),
        MeetingScheduled {
            plan_id: PLAN,
            meeting_id,
            title: "การประชุมคณะกรรมการ ครั้งที่ 1/2570".into(),
            starts_at,
            place: "ห้องประชุมชั้น 3 ศาลากลางจังหวัด".into(),
            agenda: vec![
                "เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ".into(),
                "รับรองรายงานการประชุมครั้งที่แล้ว".into(),
                "พิจารณาผลการดำเนินงานไตรมาสที่ 1".into(),
            ],
            previous_starts_at: None,
        },
    );
}

fn prefs(script: &mut Script, at: DateTime<Utc>, person_id: Uuid, muted_until: Option<DateTime<Utc>>, lang: &str) {
    script.at::<PersonEvent>(
        at,
        people::stream(person_id),
        NotificationPreferencesSet {
            person_id,
            muted_until,
            lang: Some(lang.into()),
        },
    );
}

fn both(at: DateTime<Utc>) -> Vec<(Recipient, Kind, DateTime<Utc>)> {
    sorted([
        (Recipient::Person(SECRETARIAT), Kind::MeetingTomorrow, at),
        (Recipient::Person(COMMITTEE), Kind::MeetingTomorrow, at),
    ])
}

#[test]
fn a_meeting_is_announced_the_day_before_at_send_time_once_with_its_agenda() {
    let mut script = plan_with_people();
    schedule(&mut script, bkk(2027, 1, 5, 14, 0), MEETING, local(2027, 1, 12, 9, 30));
    let mut sim = Sim::new(&script, bkk(2027, 1, 4, 0, 0));
    sim.run_until(bkk(2027, 1, 11, 12, 0));
    // Neither a restart that reloads the state nor one that rebuilds it sends it again.
    sim.restart();
    sim.run_until(bkk(2027, 1, 11, 18, 0));
    sim.rebuild();
    sim.run_until(bkk(2027, 1, 14, 0, 0));
    assert_eq!(sim.sent(), both(bkk(2027, 1, 11, 9, 0)));
    assert_once_each(&sim.log);
    let reminder = &sim.log[0].notification;
    assert!(!reminder.urgent);
    let th = &reminder.text_th;
    assert!(
        th.starts_with("แจ้งเตือนการประชุมพรุ่งนี้: การประชุมคณะกรรมการ ครั้งที่ 1/2570"),
        "{th}"
    );
    assert!(th.contains("วันอังคารที่ 12 มกราคม 2570 เวลา 09.30 น."), "{th}");
    assert!(th.contains("สถานที่: ห้องประชุมชั้น 3 ศาลากลางจังหวัด"), "{th}");
    assert!(
        th.contains("เรื่อง: แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2570"),
        "{th}"
    );
    assert!(
        th.contains("ระเบียบวาระการประชุม:\n1. เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ\n2. รับรองรายงานการประชุมครั้งที่แล้ว\n3. "),
        "{th}"
    );
    assert!(
        reminder.text_en.contains("Tuesday 12 January 2027 at 09:30"),
        "{}",
        reminder.text_en
    );
}

#[test]
fn a_cancelled_meeting_is_not_announced() {
    let mut script = plan_with_people();
    schedule(&mut script, bkk(2027, 1, 5, 14, 0), MEETING, local(2027, 1, 12, 9, 30));
    script.at::<PlanEvent>(
        bkk(2027, 1, 10, 16, 0),
        plan::stream(PLAN),
        MeetingCancelled {
            plan_id: PLAN,
            meeting_id: MEETING,
            reason: "ประธานติดภารกิจ".into(),
        },
    );
    let mut sim = Sim::new(&script, bkk(2027, 1, 4, 0, 0));
    sim.run_until(bkk(2027, 1, 14, 0, 0));
    assert!(sim.log.is_empty(), "{:?}", sim.sent());
}

#[test]
fn a_moved_meeting_is_announced_for_its_new_date_and_not_its_old_one() {
    let mut script = plan_with_people();
    schedule(&mut script, bkk(2027, 1, 5, 14, 0), MEETING, local(2027, 1, 12, 9, 30));
    schedule(&mut script, bkk(2027, 1, 8, 10, 0), MEETING, local(2027, 1, 19, 13, 30));
    let mut sim = Sim::new(&script, bkk(2027, 1, 4, 0, 0));
    sim.run_until(bkk(2027, 1, 21, 0, 0));
    assert_eq!(sim.sent(), both(bkk(2027, 1, 18, 9, 0)));
    assert!(sim.log[0].notification.text_th.contains("19 มกราคม 2570 เวลา 13.30 น."));
}

#[test]
fn a_meeting_moved_after_its_reminder_went_out_is_announced_again_with_the_new_time() {
    let mut script = plan_with_people();
    schedule(&mut script, bkk(2027, 1, 5, 14, 0), MEETING, local(2027, 1, 12, 9, 30));
    // On the eve, after the 09:00 reminder: the meeting moves to the afternoon.
    schedule(
        &mut script,
        bkk(2027, 1, 11, 15, 0),
        MEETING,
        local(2027, 1, 12, 13, 30),
    );
    let mut sim = Sim::new(&script, bkk(2027, 1, 4, 0, 0));
    sim.run_until(bkk(2027, 1, 14, 0, 0));
    let mut expected = both(bkk(2027, 1, 11, 9, 0));
    expected.extend(both(bkk(2027, 1, 11, 15, 0)));
    assert_eq!(sim.sent(), expected);
    assert_once_each(&sim.log);
    let last = &sim.log[3].notification;
    assert!(last.text_th.contains("เวลา 13.30 น."), "{}", last.text_th);
}

#[test]
fn a_meeting_the_day_after_a_holiday_is_announced_on_the_holiday() {
    // 28 July 2026 is a public holiday (the King's birthday); the meeting is the next morning.
    let mut script = plan_with_people();
    schedule(&mut script, bkk(2026, 7, 20, 14, 0), MEETING, local(2026, 7, 29, 9, 30));
    let mut sim = Sim::new(&script, bkk(2026, 7, 20, 0, 0));
    assert!(!sim.calendar.is_working_day(date(2026, 7, 28)));
    sim.run_until(bkk(2026, 7, 30, 0, 0));
    assert_eq!(sim.sent(), both(bkk(2026, 7, 28, 9, 0)));
}

#[test]
fn a_meeting_started_or_scheduled_too_late_for_its_eve_gets_no_reminder() {
    let mut script = plan_with_people();
    // Scheduled on the meeting's own day: nothing to announce "tomorrow".
    schedule(&mut script, bkk(2027, 1, 12, 8, 0), MEETING, local(2027, 1, 12, 13, 30));
    let other = Uuid::from_u128(0x3ee8);
    schedule(&mut script, bkk(2027, 1, 5, 14, 0), other, local(2027, 1, 19, 7, 30));
    let mut sim = Sim::new(&script, bkk(2027, 1, 4, 0, 0));
    sim.run_until(bkk(2027, 1, 13, 0, 0));
    // The notifier is down from before the eve's reminder until the meeting starts: the reminder
    // is not stale yet (22½ hours), but a reminder of a meeting under way is pointless.
    sim.down_until(bkk(2027, 1, 19, 7, 30));
    sim.run_until(bkk(2027, 1, 20, 0, 0));
    assert!(sim.log.is_empty(), "{:?}", sim.sent());
}

#[test]
fn meeting_reminders_go_to_the_roles_the_rules_name() {
    let mut script = plan_with_people();
    schedule(&mut script, bkk(2027, 1, 5, 14, 0), MEETING, local(2027, 1, 12, 9, 30));
    let mut sim = Sim::new(&script, bkk(2027, 1, 4, 0, 0));
    sim.rules.meetings_to = vec![Role::Committee, Role::Admin];
    sim.run_until(bkk(2027, 1, 13, 0, 0));
    let at = bkk(2027, 1, 11, 9, 0);
    assert_eq!(
        sim.sent(),
        sorted([
            (Recipient::Person(COMMITTEE), Kind::MeetingTomorrow, at),
            // Nobody holds the admin role: the role itself is addressed.
            (Recipient::Role(Role::Admin), Kind::MeetingTomorrow, at),
        ])
    );
}

#[test]
fn a_person_muted_by_their_own_event_gets_nothing_until_the_mute_ends_then_reads_english() {
    let mut script = plan_with_people();
    // The committee member mutes notifications until 15 January, in English.
    prefs(
        &mut script,
        bkk(2027, 1, 2, 20, 0),
        COMMITTEE,
        Some(bkk(2027, 1, 15, 0, 0)),
        "en",
    );
    schedule(&mut script, bkk(2027, 1, 5, 14, 0), MEETING, local(2027, 1, 12, 9, 30));
    let second = Uuid::from_u128(0x3ee9);
    schedule(&mut script, bkk(2027, 1, 5, 14, 5), second, local(2027, 1, 20, 9, 30));
    let mut sim = Sim::new(&script, bkk(2027, 1, 1, 0, 0));
    sim.run_until(bkk(2027, 1, 22, 0, 0));
    let mut expected = vec![(
        Recipient::Person(SECRETARIAT),
        Kind::MeetingTomorrow,
        bkk(2027, 1, 11, 9, 0),
    )];
    expected.extend(both(bkk(2027, 1, 19, 9, 0)));
    assert_eq!(sim.sent(), sorted(expected));
    let to_committee = sim
        .log
        .iter()
        .find(|s| s.notification.recipient == Recipient::Person(COMMITTEE))
        .unwrap();
    assert_eq!(to_committee.notification.lang, Lang::En);
    assert!(to_committee
        .notification
        .text()
        .starts_with("Meeting reminder, tomorrow:"));
    let to_secretariat = &sim.log[0].notification;
    assert_eq!(to_secretariat.lang, Lang::Th);
    assert!(to_secretariat.text().starts_with("แจ้งเตือนการประชุม"));
}

#[test]
fn unmuting_by_event_brings_reminders_back_and_thai_stays_the_default() {
    let mut script = plan_with_people();
    prefs(
        &mut script,
        bkk(2027, 1, 2, 20, 0),
        COMMITTEE,
        Some(bkk(2100, 1, 1, 0, 0)),
        "th",
    );
    prefs(&mut script, bkk(2027, 1, 10, 20, 0), COMMITTEE, None, "th");
    schedule(&mut script, bkk(2027, 1, 5, 14, 0), MEETING, local(2027, 1, 12, 9, 30));
    let mut sim = Sim::new(&script, bkk(2027, 1, 1, 0, 0));
    sim.run_until(bkk(2027, 1, 13, 0, 0));
    assert_eq!(sim.sent(), both(bkk(2027, 1, 11, 9, 0)));
    assert!(sim.log.iter().all(|s| s.notification.lang == Lang::Th));
    assert_eq!(sim.schedule.preferences(COMMITTEE).muted_until, None);
}
