//! The secretariat's reminders: complaint deadlines and plan registration.

use chrono::{DateTime, NaiveDate, Utc};
use sujarit_contracts::complaint::{
    self, CaseReopened, Category, Channel, Closure, ComplaintAcknowledged, ComplaintClosed, ComplaintEvent,
    ComplaintReceived, ComplaintResolved, ExtensionExplained, ReceiptDigest, ReopenCause, SealedText,
};
use sujarit_contracts::people::Role;
use sujarit_contracts::plan::{self, PlanDrafted, PlanEvent, PlanRegistered};
use sujarit_notifier::calendar::bangkok_date;
use sujarit_notifier::{Kind, Prefs, Recipient};
use uuid::Uuid;

use crate::support::{bkk, date, sorted, Script, Sim};

const SECRETARIAT: Uuid = Uuid::from_u128(0x5ec);
const COMMITTEE: Uuid = Uuid::from_u128(0xc01);
const GENERAL: Uuid = Uuid::from_u128(0xca5e_0001);
const CORRUPTION: Uuid = Uuid::from_u128(0xca5e_0002);

fn sealed() -> SealedText {
    SealedText("c2VhbGVk".into())
}

fn received(script: &mut Script, case_id: Uuid, category: Category, at: DateTime<Utc>, due_on: Option<NaiveDate>) {
    script.at::<ComplaintEvent>(
        at,
        complaint::stream(case_id),
        ComplaintReceived {
            case_id,
            channel: Channel::Line,
            category,
            anonymous: false,
            subject_org_unit_id: None,
            subject_agency: None,
            text: sealed(),
            location: None,
            attachments: vec![],
            reporter: Some(sealed()),
            receipt_digest: ReceiptDigest("digest".into()),
            received_on: bangkok_date(at),
            due_on,
            retention_days: 730,
        },
    );
}

fn acknowledged(
    script: &mut Script,
    case_id: Uuid,
    at: DateTime<Utc>,
    time_frame_days: Option<u16>,
    due_on: NaiveDate,
) {
    script.at::<ComplaintEvent>(
        at,
        complaint::stream(case_id),
        ComplaintAcknowledged {
            case_id,
            acknowledged_on: bangkok_date(at),
            time_frame_days,
            due_on,
        },
    );
}

fn people(script: &mut Script) {
    let at = bkk(2026, 5, 1, 9, 0);
    script.person(at, SECRETARIAT, &[Role::Secretariat], None);
    script.person(at, COMMITTEE, &[Role::Committee], None);
}

/// A general complaint received 1 June (due 16 June), acknowledged late on 5 June, resolved on
/// 19 June; a corruption case acknowledged on 2 June with 30 days (due 2 July), extended on
/// 29 June to 31 July, closed on 30 July.
fn complaints() -> Script {
    let mut script = Script::default();
    people(&mut script);
    received(
        &mut script,
        GENERAL,
        Category::General,
        bkk(2026, 6, 1, 10, 0),
        Some(date(2026, 6, 16)),
    );
    acknowledged(&mut script, GENERAL, bkk(2026, 6, 5, 10, 0), None, date(2026, 6, 16));
    script.at::<ComplaintEvent>(
        bkk(2026, 6, 19, 10, 0),
        complaint::stream(GENERAL),
        ComplaintResolved {
            case_id: GENERAL,
            outcome: sealed(),
            resolved_on: date(2026, 6, 19),
            late: true,
        },
    );

    received(
        &mut script,
        CORRUPTION,
        Category::Corruption,
        bkk(2026, 6, 1, 11, 0),
        None,
    );
    acknowledged(
        &mut script,
        CORRUPTION,
        bkk(2026, 6, 2, 14, 0),
        Some(30),
        date(2026, 7, 2),
    );
    script.at::<ComplaintEvent>(
        bkk(2026, 6, 29, 11, 0),
        complaint::stream(CORRUPTION),
        ExtensionExplained {
            case_id: CORRUPTION,
            reason: sealed(),
            previous_due_on: date(2026, 7, 2),
            new_due_on: date(2026, 7, 31),
            explained_on: date(2026, 6, 29),
        },
    );
    script.at::<ComplaintEvent>(
        bkk(2026, 7, 30, 15, 0),
        complaint::stream(CORRUPTION),
        ComplaintClosed {
            case_id: CORRUPTION,
            closure: Closure::Unfounded,
            reason: None,
            closed_on: date(2026, 7, 30),
            late: false,
        },
    );
    script
}

#[test]
fn complaints_due_soon_and_overdue_go_to_the_secretariat_until_they_end() {
    let mut sim = Sim::new(&complaints(), bkk(2026, 5, 31, 0, 0));
    sim.run_until(bkk(2026, 8, 31, 0, 0));
    let s = Recipient::Person(SECRETARIAT);
    assert_eq!(
        sim.sent(),
        sorted([
            (s, Kind::ComplaintNotAcknowledged, bkk(2026, 6, 4, 9, 0)),
            (s, Kind::ComplaintDueSoon, bkk(2026, 6, 14, 9, 0)),
            (s, Kind::ComplaintOverdue, bkk(2026, 6, 17, 9, 0)),
            (s, Kind::ComplaintOverdue, bkk(2026, 6, 18, 9, 0)),
            (s, Kind::ComplaintOverdue, bkk(2026, 6, 19, 9, 0)),
            // The 30 June reminder for 2 July was made pointless by the extension.
            (s, Kind::ComplaintDueSoon, bkk(2026, 7, 29, 9, 0)),
        ])
    );
    let overdue = &sim.of_kind(Kind::ComplaintOverdue)[0].notification;
    assert!(overdue.urgent);
    assert!(
        overdue.text_th.contains("เลยกำหนด (16 มิถุนายน 2569) มาแล้ว 1 วัน"),
        "{}",
        overdue.text_th
    );
    let soon = &sim.of_kind(Kind::ComplaintDueSoon)[1].notification;
    assert!(
        soon.text_en.contains("corruption complaint") && soon.text_en.contains("31 July 2026"),
        "{}",
        soon.text_en
    );
}

#[test]
fn complaint_reporters_get_nothing_pushed_and_a_secretariat_nobody_holds_is_addressed_as_the_role() {
    let mut script = Script::default();
    received(
        &mut script,
        GENERAL,
        Category::General,
        bkk(2026, 6, 1, 10, 0),
        Some(date(2026, 6, 16)),
    );
    let mut sim = Sim::new(&script, bkk(2026, 5, 31, 0, 0));
    sim.run_until(bkk(2026, 6, 20, 0, 0));
    assert!(!sim.log.is_empty());
    assert!(sim
        .log
        .iter()
        .all(|s| s.notification.recipient == Recipient::Role(Role::Secretariat)));
}

#[test]
fn a_muted_secretariat_still_gets_urgent_overdue_alerts() {
    let mut sim = Sim::new(&complaints(), bkk(2026, 5, 31, 0, 0));
    sim.prefer(
        SECRETARIAT,
        Prefs {
            muted_until: Some(bkk(2100, 1, 1, 0, 0)),
            ..Prefs::default()
        },
    );
    sim.run_until(bkk(2026, 8, 31, 0, 0));
    let kinds: Vec<Kind> = sim.log.iter().map(|s| s.notification.kind).collect();
    assert_eq!(kinds, vec![Kind::ComplaintOverdue; 3]);
}

#[test]
fn a_reopened_case_is_reminded_against_its_new_due_date() {
    let mut script = complaints();
    script.at::<ComplaintEvent>(
        bkk(2026, 8, 3, 10, 0),
        complaint::stream(CORRUPTION),
        CaseReopened {
            case_id: CORRUPTION,
            cause: ReopenCause::NewEvidence,
            reopened_on: date(2026, 8, 3),
            due_on: Some(date(2026, 8, 10)),
        },
    );
    let mut sim = Sim::new(&script, bkk(2026, 7, 1, 0, 0));
    sim.run_until(bkk(2026, 8, 12, 0, 0));
    let after: Vec<_> = sim
        .log
        .iter()
        .filter(|s| s.at > bkk(2026, 8, 1, 0, 0))
        .map(|s| (s.notification.kind, s.at))
        .collect();
    assert_eq!(
        after,
        vec![
            (Kind::ComplaintDueSoon, bkk(2026, 8, 8, 9, 0)),
            (Kind::ComplaintOverdue, bkk(2026, 8, 11, 9, 0)),
        ]
    );
}

fn drafted(script: &mut Script, plan_id: Uuid, title: &str, years: (u16, u16)) {
    script.at::<PlanEvent>(
        bkk(2026, 3, 2, 9, 0),
        plan::stream(plan_id),
        PlanDrafted {
            plan_id,
            title: title.into(),
            fiscal_year_from: years.0,
            fiscal_year_to: years.1,
            owner_org_unit_id: None,
        },
    );
}

#[test]
fn the_registration_reminder_goes_on_20_september_only_for_plans_not_registered() {
    let registered = Uuid::from_u128(0xa);
    let unregistered = Uuid::from_u128(0xb);
    let next_year = Uuid::from_u128(0xc);
    let mut script = Script::default();
    people(&mut script);
    drafted(&mut script, registered, "แผนที่ลงทะเบียนแล้ว", (2570, 2574));
    drafted(&mut script, unregistered, "แผนที่ยังไม่ลงทะเบียน", (2570, 2570));
    drafted(&mut script, next_year, "แผนปีถัดไป", (2571, 2571));
    script.at::<PlanEvent>(
        bkk(2026, 9, 15, 14, 0),
        plan::stream(registered),
        PlanRegistered {
            plan_id: registered,
            revision: 1,
            reference: "ePlan-2570-001".into(),
            registered_on: date(2026, 9, 15),
            due_on: date(2026, 9, 30),
            late: false,
        },
    );
    let mut sim = Sim::new(&script, bkk(2026, 9, 1, 0, 0));
    sim.run_until(bkk(2026, 10, 5, 0, 0));
    assert_eq!(
        sim.sent(),
        vec![(
            Recipient::Person(SECRETARIAT),
            Kind::RegistrationDue,
            bkk(2026, 9, 20, 9, 0)
        )]
    );
    let text = &sim.log[0].notification.text_th;
    assert!(
        text.contains("แผนที่ยังไม่ลงทะเบียน") && text.contains("30 กันยายน 2569"),
        "{text}"
    );
    assert!(text.contains("อีก 10 วัน"), "{text}");
}
