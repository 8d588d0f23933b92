//! The plan approval workflow through a real nats-server: draft → items → submit → return →
//! resubmit → endorse → sign → register, with rules enforced by the ledger and every step
//! published to JetStream in order.

use chrono::NaiveDate;
use sujarit_client::CommandClient;
use sujarit_contracts::plan::{
    AddPlanItem, Budget, DraftPlan, EndorsePlan, ItemKind, PlanCommand, PlanItem, RegisterPlan, ReturnPlan, SignPlan,
    SubmitPlanForEndorsement,
};
use sujarit_contracts::{Command, ErrorCode, Reply};
use uuid::Uuid;

use sujarit_contracts::people::Role;

use crate::harness::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn item(plan_id: Uuid, item_id: Uuid, code: &str, parent: Option<Uuid>, name: &str, satang: i64) -> Command {
    PlanCommand::from(AddPlanItem {
        plan_id,
        item: PlanItem {
            item_id,
            code: code.into(),
            parent_item_id: parent,
            dimension: "มิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต".into(),
            sub_dimension: None,
            kind: if parent.is_some() {
                ItemKind::Activity
            } else {
                ItemKind::Project
            },
            name: name.into(),
            objective: None,
            indicator: Some("ร้อยละของผู้เข้าร่วมโครงการ".into()),
            target: Some("ร้อยละ 80".into()),
            budget: Budget::Amount { satang },
            yearly_budgets: vec![],
            planned_quarters: [false, true, true, false],
            org_unit_id: None,
            org_unit_name: Some("สำนักงานศึกษาธิการจังหวัดพัทลุง".into()),
        },
    })
    .into()
}

async fn accepted(client: &CommandClient, command: Command) -> u64 {
    match client.send(&command).await.expect("answer").reply {
        Reply::Accepted { version, .. } => version,
        other => panic!("{} rejected: {other:?}", command.subject()),
    }
}

#[tokio::test]
async fn a_plan_goes_from_draft_to_registration_through_nats_and_every_step_is_published() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    // Someone of the secretariat who also sits on the committee.
    register_person(&nats, PERSON, vec![Role::Secretariat, Role::Committee], None).await;
    let client = CommandClient::new(nats.client().await, person());
    let plan_id = Uuid::now_v7();
    let project = Uuid::now_v7();
    let pc = |c: PlanCommand| Command::from(c);

    accepted(
        &client,
        pc(DraftPlan {
            plan_id,
            title: "แผนปฏิบัติการป้องกันและปราบปรามการทุจริต ประจำปีงบประมาณ พ.ศ. 2567".into(),
            fiscal_year_from: 2567,
            fiscal_year_to: 2567,
            owner_org_unit_id: None,
        }
        .into()),
    )
    .await;
    accepted(&client, item(plan_id, project, "1.1", None, "โครงการส่งเสริมคุณธรรม", 0)).await;
    accepted(
        &client,
        item(plan_id, Uuid::now_v7(), "1.1.1", Some(project), "อบรมเยาวชน", 1_500_000),
    )
    .await;

    // Registering before endorsement and signing is refused by the ledger, in both languages.
    let early = client
        .send(&pc(RegisterPlan {
            plan_id,
            reference: "NACC-1".into(),
            registered_on: date(2023, 9, 1),
        }
        .into()))
        .await
        .unwrap();
    let Reply::Rejected { code, message } = early.reply else {
        panic!("registered an unsigned plan")
    };
    assert_eq!(code, ErrorCode::Conflict);
    assert!(!message.th.is_empty() && !message.en.is_empty());

    let submit = || {
        pc(SubmitPlanForEndorsement {
            plan_id,
            meeting: "ประชุมคณะทำงาน ครั้งที่ 2/2566".into(),
            agenda_item: "ระเบียบวาระที่ 3 เพื่อพิจารณา".into(),
        }
        .into())
    };
    accepted(&client, submit()).await;
    accepted(
        &client,
        pc(ReturnPlan {
            plan_id,
            reasons: vec!["เพิ่มตัวชี้วัดโครงการ 1.1".into()],
        }
        .into()),
    )
    .await;
    accepted(&client, submit()).await;
    accepted(
        &client,
        pc(EndorsePlan {
            plan_id,
            meeting_no: "3/2566".into(),
            meeting_date: date(2023, 8, 15),
            resolution: "ที่ประชุมมีมติเห็นชอบ".into(),
        }
        .into()),
    )
    .await;
    accepted(
        &client,
        pc(SignPlan {
            plan_id,
            signed_on: date(2023, 8, 20),
            effective_from: date(2023, 10, 1),
        }
        .into()),
    )
    .await;
    let version = accepted(
        &client,
        pc(RegisterPlan {
            plan_id,
            reference: "e-PlanNACC 2567-0042".into(),
            registered_on: date(2023, 9, 25),
        }
        .into()),
    )
    .await;
    assert_eq!(version, 9);

    ledger.wait_published().await;
    let published: Vec<_> = stream_events(&nats.client().await)
        .await
        .into_iter()
        .filter(|e| e.envelope.aggregate() == "plan")
        .collect();
    let types: Vec<&str> = published.iter().map(|e| e.envelope.event_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "PlanDrafted",
            "PlanItemAdded",
            "PlanItemAdded",
            "PlanSubmittedForEndorsement",
            "PlanReturned",
            "PlanSubmittedForEndorsement",
            "PlanEndorsed",
            "PlanSigned",
            "PlanRegistered"
        ]
    );
    assert!(published.iter().all(|e| e.subject.starts_with("sujarit.evt.plan.")));
    let registered: serde_json::Value = serde_json::from_str(published[8].envelope.payload.get()).unwrap();
    assert_eq!(
        registered["late"], false,
        "registered 25 Sep 2023 for FY2567 is on time: {registered}"
    );
}

#[tokio::test]
async fn a_round_reports_against_the_endorsed_plan_only_and_takes_submissions_through_nats() {
    use sujarit_contracts::round::{
        AcceptSubmission, OpenRound, ProgressStatus, RoundCommand, SaveSubmission, SubmissionContent, SubmitSubmission,
    };
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    // Roles come with the people registry; our own services act with every role meanwhile.
    let client = CommandClient::new(
        nats.client().await,
        sujarit_contracts::Actor::Service("secretariat".into()),
    );
    let plan_id = Uuid::now_v7();
    let leaf = Uuid::now_v7();
    let import = sujarit_contracts::plan::ImportPlan {
        plan_id,
        title: "แผนปฏิบัติการฯ ปีงบประมาณ พ.ศ. 2570".into(),
        fiscal_year_from: 2570,
        fiscal_year_to: 2570,
        owner_org_unit_id: None,
        items: vec![PlanItem {
            item_id: leaf,
            code: "1".into(),
            parent_item_id: None,
            dimension: "มิติที่ 1".into(),
            sub_dimension: None,
            kind: ItemKind::Project,
            name: "โครงการโรงเรียนสุจริต".into(),
            objective: None,
            indicator: None,
            target: None,
            budget: Budget::Amount { satang: 2_000_000 },
            yearly_budgets: vec![],
            planned_quarters: [true, true, false, false],
            org_unit_id: None,
            org_unit_name: None,
        }],
    };
    accepted(&client, PlanCommand::from(import).into()).await;
    let round_id = Uuid::now_v7();
    let open = || -> Command {
        RoundCommand::from(OpenRound {
            round_id,
            plan_id,
            plan_revision: 0,
            fiscal_year: 2570,
            period: "annual".into(),
            due_on: date(2027, 10, 5),
            entry_closes_after_days: 10,
            items: vec![],
        })
        .into()
    };
    // Not endorsed yet: no round.
    let answer = client.send(&open()).await.unwrap();
    assert_eq!(answer.reply.code(), Some(ErrorCode::Conflict), "{:?}", answer.reply);

    accepted(
        &client,
        PlanCommand::from(SubmitPlanForEndorsement {
            plan_id,
            meeting: "ประชุมคณะทำงาน ครั้งที่ 1/2569".into(),
            agenda_item: "วาระที่ 3".into(),
        })
        .into(),
    )
    .await;
    accepted(
        &client,
        PlanCommand::from(EndorsePlan {
            plan_id,
            meeting_no: "2/2569".into(),
            meeting_date: date(2026, 9, 1),
            resolution: "เห็นชอบ".into(),
        })
        .into(),
    )
    .await;
    accepted(&client, open()).await;
    let save = SaveSubmission {
        round_id,
        item_id: leaf,
        content: SubmissionContent {
            status: ProgressStatus::Completed,
            disbursed: Budget::Amount { satang: 1_500_000 },
            quarters_done: [true, true, false, false],
            indicator_result: Some("ร้อยละ 85".into()),
            narrative: None,
            evidence: vec![],
            remark: None,
            not_carried_out_reason: None,
        },
        confirm_over_budget: false,
    };
    accepted(&client, RoundCommand::from(save.clone()).into()).await;
    accepted(
        &client,
        RoundCommand::from(SubmitSubmission {
            round_id,
            item_id: leaf,
        })
        .into(),
    )
    .await;
    accepted(
        &client,
        RoundCommand::from(AcceptSubmission {
            round_id,
            item_id: leaf,
        })
        .into(),
    )
    .await;
    // Accepted means locked.
    let again = client.send(&RoundCommand::from(save).into()).await.unwrap();
    assert!(!again.reply.is_accepted(), "an accepted submission was changed");

    ledger.wait_published().await;
    let published = stream_events(&nats.client().await).await;
    let opened = published
        .iter()
        .find(|e| e.envelope.event_type == "RoundOpened")
        .expect("RoundOpened");
    assert_eq!(opened.subject, "sujarit.evt.round.RoundOpened");
    let payload: serde_json::Value = serde_json::from_str(opened.envelope.payload.get()).unwrap();
    assert_eq!(payload["plan_revision"], 1);
    assert_eq!(
        payload["items"][0]["item_id"],
        leaf.to_string(),
        "the ledger snapshots the endorsed items"
    );
}

#[tokio::test]
async fn the_ledger_checks_each_persons_roles_from_the_people_registry() {
    let nats = TestNats::start();
    let _ledger = TestLedger::start(&nats).await;
    let (clerk, member) = (Uuid::now_v7(), Uuid::now_v7());
    register_person(&nats, clerk, vec![Role::Secretariat], None).await;
    register_person(&nats, member, vec![Role::Committee], None).await;
    let as_clerk = CommandClient::new(nats.client().await, sujarit_contracts::Actor::Person(clerk));
    let as_member = CommandClient::new(nats.client().await, sujarit_contracts::Actor::Person(member));
    let stranger = CommandClient::new(nats.client().await, sujarit_contracts::Actor::Person(Uuid::now_v7()));
    let plan_id = Uuid::now_v7();
    let draft = || -> Command {
        PlanCommand::from(DraftPlan {
            plan_id,
            title: "แผนทดสอบสิทธิ์".into(),
            fiscal_year_from: 2567,
            fiscal_year_to: 2567,
            owner_org_unit_id: None,
        })
        .into()
    };
    // A person the registry does not know, and a committee member, may not draft.
    for client in [&stranger, &as_member] {
        let answer = client.send(&draft()).await.unwrap();
        assert_eq!(answer.reply.code(), Some(ErrorCode::Forbidden), "{:?}", answer.reply);
    }
    accepted(&as_clerk, draft()).await;
    accepted(&as_clerk, item(plan_id, Uuid::now_v7(), "1", None, "โครงการ", 100)).await;
    accepted(
        &as_clerk,
        PlanCommand::from(SubmitPlanForEndorsement {
            plan_id,
            meeting: "m".into(),
            agenda_item: "a".into(),
        })
        .into(),
    )
    .await;
    let endorse = || -> Command {
        PlanCommand::from(EndorsePlan {
            plan_id,
            meeting_no: "1/2566".into(),
            meeting_date: date(2023, 8, 1),
            resolution: "เห็นชอบ".into(),
        })
        .into()
    };
    let answer = as_clerk.send(&endorse()).await.unwrap();
    let Reply::Rejected { code, message } = answer.reply else {
        panic!("the secretariat endorsed")
    };
    assert_eq!(code, ErrorCode::Forbidden);
    assert!(message.th.contains("คณะกรรมการ"), "{}", message.th);
    accepted(&as_member, endorse()).await;
}
