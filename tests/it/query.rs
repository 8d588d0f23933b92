//! The query service against a real nats-server and ledger: read models follow the event stream
//! through its durable consumer, answer `sujarit.qry.*` and HTTP, survive restarts from their own
//! sled, and rebuild from the stream (after a rebuild request, or after their directory is
//! deleted) to identical results.

use std::time::Duration;

use chrono::NaiveDate;
use sujarit_client::CommandClient;
use sujarit_contracts::orgunit::{OrgUnitCommand, RegisterOrgUnit};
use sujarit_contracts::plan::{
    Budget, EndorsePlan, ImportPlan, ItemKind, PlanCommand, PlanItem, SubmitPlanForEndorsement,
};
use sujarit_contracts::query::{
    self, ComplaintStats, IdRequest, QueryStatus, RoundReport, RoundSummary, StateRequest, StreamState,
};
use sujarit_contracts::round::{
    AcceptSubmission, OpenRound, ProgressStatus, RoundCommand, SaveSubmission, SubmissionContent, SubmitSubmission,
};
use sujarit_contracts::{Actor, Command, ErrorCode};
use uuid::Uuid;

use crate::harness::*;

const UNITS: [&str; 3] = [
    "สำนักงานจังหวัดพัทลุง",
    "สำนักงานสาธารณสุขจังหวัดพัทลุง",
    "สำนักงานศึกษาธิการจังหวัดพัทลุง",
];

struct Scenario {
    round_id: Uuid,
    plan_id: Uuid,
    items: Vec<Uuid>,
    last_position: u64,
}

/// Three units, six items (two each, 10,000.50 baht apiece), an endorsed plan, an open round;
/// four items submitted (the first two accepted), two not reported.
async fn scenario(client: &CommandClient) -> Scenario {
    let units: Vec<Uuid> = UNITS.iter().map(|_| Uuid::now_v7()).collect();
    for (id, name) in units.iter().zip(UNITS) {
        accepted_at(
            client,
            OrgUnitCommand::from(RegisterOrgUnit {
                org_unit_id: *id,
                name: name.into(),
                aliases: vec![],
            })
            .into(),
        )
        .await;
    }
    let plan_id = Uuid::now_v7();
    let items: Vec<Uuid> = (0..6).map(|_| Uuid::now_v7()).collect();
    let plan_items = items
        .iter()
        .enumerate()
        .map(|(i, item_id)| PlanItem {
            item_id: *item_id,
            code: format!("{}", i + 1),
            parent_item_id: None,
            dimension: if i < 4 {
                "มิติที่ 1"
            } else {
                "มิติที่ 2"
            }
            .into(),
            sub_dimension: None,
            kind: ItemKind::Project,
            name: format!("โครงการที่ {}", i + 1),
            objective: None,
            indicator: None,
            target: None,
            budget: Budget::Amount { satang: 1_000_050 },
            yearly_budgets: vec![],
            planned_quarters: [true, false, false, false],
            org_unit_id: Some(units[i / 2]),
            org_unit_name: None,
        })
        .collect();
    accepted_at(
        client,
        PlanCommand::from(ImportPlan {
            plan_id,
            title: "แผนปฏิบัติการฯ พัทลุง 2570".into(),
            fiscal_year_from: 2570,
            fiscal_year_to: 2570,
            owner_org_unit_id: None,
            items: plan_items,
        })
        .into(),
    )
    .await;
    accepted_at(
        client,
        PlanCommand::from(SubmitPlanForEndorsement {
            plan_id,
            meeting: "ประชุมคณะทำงาน ครั้งที่ 1/2569".into(),
            agenda_item: "วาระที่ 3".into(),
        })
        .into(),
    )
    .await;
    accepted_at(
        client,
        PlanCommand::from(EndorsePlan {
            plan_id,
            meeting_no: "2/2569".into(),
            meeting_date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            resolution: "เห็นชอบ".into(),
        })
        .into(),
    )
    .await;
    let round_id = Uuid::now_v7();
    accepted_at(
        client,
        RoundCommand::from(OpenRound {
            round_id,
            plan_id,
            plan_revision: 0,
            fiscal_year: 2570,
            period: "q1".into(),
            due_on: NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(),
            entry_closes_after_days: 30,
            items: vec![],
        })
        .into(),
    )
    .await;
    let mut last_position = 0;
    for (i, item_id) in items.iter().take(4).enumerate() {
        let content = SubmissionContent {
            status: if i == 0 {
                ProgressStatus::Completed
            } else {
                ProgressStatus::InProgress
            },
            disbursed: Budget::Amount { satang: 500_025 },
            quarters_done: [true, false, false, false],
            indicator_result: None,
            narrative: Some("ดำเนินการตามแผน".into()),
            evidence: vec![],
            remark: None,
            not_carried_out_reason: None,
        };
        accepted_at(
            client,
            RoundCommand::from(SaveSubmission {
                round_id,
                item_id: *item_id,
                content,
                confirm_over_budget: false,
            })
            .into(),
        )
        .await;
        last_position = accepted_at(
            client,
            RoundCommand::from(SubmitSubmission {
                round_id,
                item_id: *item_id,
            })
            .into(),
        )
        .await;
        if i < 2 {
            last_position = accepted_at(
                client,
                RoundCommand::from(AcceptSubmission {
                    round_id,
                    item_id: *item_id,
                })
                .into(),
            )
            .await;
        }
    }
    Scenario {
        round_id,
        plan_id,
        items,
        last_position,
    }
}

async fn ask<Q: serde::Serialize, T: serde::de::DeserializeOwned>(
    nats: &async_nats::Client,
    view: &str,
    request: &Q,
    min_position: Option<u64>,
) -> Result<(u64, T), sujarit_client::query::QueryError> {
    sujarit_client::query::ask(nats, view, request, min_position).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_round_report_comes_from_read_models_that_follow_the_stream_and_rebuild_identically() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let client = CommandClient::new(nats.client().await, Actor::Service("secretariat".into()));
    let s = scenario(&client).await;
    let reader = nats.client().await;

    // Read your writes: ask as of the last accepted command's position.
    let (at, report): (u64, RoundReport) = ask(
        &reader,
        query::ROUND_REPORT,
        &IdRequest { id: s.round_id },
        Some(s.last_position),
    )
    .await
    .expect("report");
    assert!(at >= s.last_position);
    assert_eq!(report.plan_id, s.plan_id);
    assert_eq!(report.plan_title, "แผนปฏิบัติการฯ พัทลุง 2570");
    assert_eq!(report.overall.items, 6);
    assert_eq!(report.overall.budget.total, "60003.00");
    assert_eq!(report.overall.disbursed.total, "20001.00");
    assert_eq!(report.overall.disbursed.percent.as_deref(), Some("33.33"));
    assert_eq!(report.overall.status.completed, 1);
    assert_eq!(report.overall.status.in_progress, 3);
    assert_eq!(report.overall.status.awaiting_report, 2);
    assert_eq!(report.overall.quarters, [4, 0, 0, 0]);
    assert_eq!(report.completeness.counted, 4);
    assert_eq!(report.completeness.percent.as_deref(), Some("66.67"));
    assert_eq!(report.dimensions.len(), 2);
    assert_eq!(report.dimensions[1].figures.items, 2);
    assert_eq!(report.dimensions[1].figures.not_reported, 2);
    let names: Vec<&str> = report.org_units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, UNITS);
    assert_eq!(report.org_units[2].completeness.counted, 0);
    let missing: Vec<(&str, &str)> = report
        .missing_items
        .iter()
        .map(|i| (i.code.as_str(), i.org_unit.as_str()))
        .collect();
    assert_eq!(missing, [("5", UNITS[2]), ("6", UNITS[2])]);

    // The documented JSON keys, money as decimal strings.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["budget"]["total"], "60003.00");
    assert_eq!(json["disbursed"]["percent"], "33.33");
    assert_eq!(json["status"]["not_carried_out"], 0);
    assert_eq!(json["dimensions"][0]["dimension"], "มิติที่ 1");
    assert_eq!(json["dimensions"][0]["budget"]["total"], "40002.00");

    // The digest image: its bars are the report's figures, and the CLI writes the same PNG.
    let digest = sujarit_notifier::digest::digest(&report, None);
    let completion: Vec<(String, f64)> = digest
        .completion
        .bars
        .iter()
        .map(|b| (b.label.clone(), b.value))
        .collect();
    assert_eq!(
        completion,
        vec![
            (UNITS[0].to_string(), 100.0),
            (UNITS[1].to_string(), 100.0),
            (UNITS[2].to_string(), 0.0)
        ]
    );
    assert_eq!(
        digest.disbursement.bars[0].value, 50.0,
        "10,001 of 20,002 baht in dimension 1"
    );
    let artifacts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&artifacts).unwrap();
    let png = artifacts.join("digest-round.png");
    let out = tokio::task::block_in_place(|| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sujarit"))
            .args([
                "digest",
                "--plan",
                &s.plan_id.to_string(),
                "--out",
                png.to_str().unwrap(),
            ])
            .args(["--nats", &nats.url()])
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    });
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert_eq!(
        bytes,
        sujarit_notifier::digest::render(&report, Some(&ComplaintStats::empty(2570))).unwrap()
    );

    let (_, rounds): (u64, Vec<RoundSummary>) = ask(&reader, query::ROUND_LIST, &(), None).await.unwrap();
    assert_eq!(rounds.len(), 1);
    assert_eq!((rounds[0].items, rounds[0].reported), (6, 4));

    // The bot's views: one agency's items, and the round at a glance with what awaits review.
    let third = report.org_units[2].org_unit_id.expect("unit");
    let (_, items): (u64, sujarit_contracts::query::RoundItems) = ask(
        &reader,
        query::ROUND_ITEMS,
        &sujarit_contracts::query::RoundItemsRequest {
            round_id: None,
            org_unit_id: third,
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(items.round.map(|r| r.round_id), Some(s.round_id));
    let states: Vec<(&str, &str)> = items
        .items
        .iter()
        .map(|i| (i.code.as_str(), i.state.as_str()))
        .collect();
    assert_eq!(states, [("5", "not_started"), ("6", "not_started")]);
    let (_, status): (u64, Option<sujarit_contracts::query::RoundStatusView>) = ask(
        &reader,
        query::ROUND_STATUS,
        &sujarit_contracts::query::RoundStatusRequest { round_id: None },
        None,
    )
    .await
    .unwrap();
    let status = status.expect("an open round");
    let rows: Vec<(usize, usize, usize)> = status
        .agencies
        .iter()
        .map(|a| (a.items, a.submitted, a.missing))
        .collect();
    assert_eq!(rows, [(2, 2, 0), (2, 2, 0), (2, 0, 2)]);
    let review: Vec<&str> = status.to_review.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(review, ["3", "4"], "submitted, not yet accepted");

    // Agency names as documents spell them find the registered unit.
    let (_, matches): (u64, Vec<sujarit_contracts::query::OrgUnitMatch>) = ask(
        &reader,
        query::ORGUNIT_MATCH,
        &sujarit_contracts::query::MatchRequest {
            name: "สนง.สาธารณสุข จ.พัทลุง".into(),
            province: None,
            limit: None,
        },
        None,
    )
    .await
    .unwrap();
    assert_eq!(matches[0].name, UNITS[1], "{matches:?}");
    assert_eq!(
        matches[0].kind,
        sujarit_contracts::query::MatchKind::Same,
        "{matches:?}"
    );

    // The state view folds a stream exactly as the ledger does.
    let (_, state): (u64, StreamState) = ask(
        &reader,
        query::STATE,
        &StateRequest {
            stream: sujarit_contracts::plan::stream(s.plan_id).to_string(),
        },
        None,
    )
    .await
    .unwrap();
    let plan: sujarit_ledger::plan::Plan = serde_json::from_value(state.state).unwrap();
    assert!(plan.can_report());
    // Drafted, six items, submitted, endorsed.
    assert_eq!(state.version, 9);

    // HTTP: JSON, CSV, and a clear error for a bad id.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = sujarit_query::http::router(ledger.query.clone());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let (status, body) = http(
        &addr.to_string(),
        "GET",
        &format!("/api/rounds/{}/report", s.round_id),
        "text/plain",
        "",
        b"",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"60003.00\""), "{body}");
    let (status, body) = http(
        &addr.to_string(),
        "GET",
        &format!("/api/rounds/{}/report?format=csv", s.round_id),
        "text/plain",
        "",
        b"",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("รวม · total,6,60003.00,0,0,20001.00,33.33,1,3,2,0,4,0,0,0"),
        "{body}"
    );
    let (status, body) = http(
        &addr.to_string(),
        "GET",
        &format!("/api/rounds/{}/report?format=xlsx", s.round_id),
        "text/plain",
        "",
        b"",
    )
    .await;
    assert_eq!(status, 200);
    let body = body.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    assert!(body.starts_with("PK\u{3}\u{4}"), "a zip (xlsx) body");
    assert!(
        body.contains("หน่วยงาน") && body.contains("60003.00"),
        "sheets with Thai text and numbers"
    );
    let (status, body) = http(
        &addr.to_string(),
        "GET",
        "/api/rounds/not-a-uuid/report",
        "text/plain",
        "",
        b"",
    )
    .await;
    assert_eq!(status, 400);
    assert!(body.contains("not-a-uuid") && body.contains("UUID"), "{body}");
    let (status, body) = http(
        &addr.to_string(),
        "GET",
        &format!("/api/rounds/{}/report", Uuid::now_v7()),
        "text/plain",
        "",
        b"",
    )
    .await;
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("ไม่พบ"), "{body}");

    // The server holds the read models open; stop it before the restarts below.
    server.abort();
    let _ = server.await;

    // Rebuild from the stream: identical read models.
    ledger.wait_published().await;
    let (_, before): (u64, QueryStatus) = ask(&reader, query::STATUS, &(), Some(ledger.store.durable_position()))
        .await
        .unwrap();
    let rebuilt = ledger.query.rebuild().await.expect("rebuild");
    assert_eq!(rebuilt.events, ledger.store.durable_position());
    assert_eq!(rebuilt.digest_before, before.digest);
    assert_eq!(rebuilt.digest_after, before.digest);

    // A restart loads the read models from their own sled: same digest, no replay needed.
    let dir = ledger.stop().await;
    let ledger = TestLedger::start_in(&nats, dir).await;
    assert_eq!(ledger.query.position(), before.position, "loaded, not replayed");
    let (_, after_restart): (u64, QueryStatus) = ask(&reader, query::STATUS, &(), None).await.unwrap();
    assert_eq!(after_restart.digest, before.digest);

    // Deleting the read models' directory: they are rebuilt through the durable consumer, which
    // is recreated from position 0 although it had acknowledged everything.
    let dir = ledger.stop().await;
    std::fs::remove_dir_all(dir.path().join("query")).unwrap();
    let ledger = TestLedger::start_in(&nats, dir).await;
    assert!(ledger.query.wait_for(before.position, Duration::from_secs(10)).await);
    let (_, after_delete): (u64, QueryStatus) = ask(&reader, query::STATUS, &(), None).await.unwrap();
    assert_eq!(after_delete.digest, before.digest);

    // New events after all that still arrive, and the report follows them.
    accepted_at(
        &client,
        RoundCommand::from(SaveSubmission {
            round_id: s.round_id,
            item_id: s.items[4],
            content: SubmissionContent {
                status: ProgressStatus::Completed,
                disbursed: Budget::NotStated,
                quarters_done: [true, false, false, false],
                indicator_result: None,
                narrative: None,
                evidence: vec![],
                remark: None,
                not_carried_out_reason: None,
            },
            confirm_over_budget: false,
        })
        .into(),
    )
    .await;
    let position = accepted_at(
        &client,
        RoundCommand::from(SubmitSubmission {
            round_id: s.round_id,
            item_id: s.items[4],
        })
        .into(),
    )
    .await;
    let (_, report): (u64, RoundReport) = ask(
        &reader,
        query::ROUND_REPORT,
        &IdRequest { id: s.round_id },
        Some(position),
    )
    .await
    .unwrap();
    assert_eq!(report.completeness.counted, 5);
    assert_eq!(report.overall.status.completed, 2);
    assert_eq!(report.overall.quarters, [5, 0, 0, 0]);
    assert_eq!(report.missing_items.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_queries_get_clear_errors_and_a_query_ahead_of_the_read_models_says_so() {
    let nats = TestNats::start();
    let _ledger = TestLedger::start(&nats).await;
    let reader = nats.client().await;
    let refused = |result: Result<(u64, serde_json::Value), sujarit_client::query::QueryError>| match result {
        Err(sujarit_client::query::QueryError::Refused(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    };
    let e = refused(ask(&reader, query::STATUS, &(), Some(1_000_000)).await);
    assert_eq!(e.code, ErrorCode::Unavailable);
    assert!(
        e.message.en.contains("1000000") && e.message.th.contains("1000000"),
        "{e}"
    );
    let e = refused(ask(&reader, "no.such.view", &(), None).await);
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(e.message.en.contains("no.such.view"), "{e}");
    let e = refused(ask(&reader, query::ROUND_REPORT, &serde_json::json!({"id": "nope"}), None).await);
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(e.message.en.contains("id"), "{e}");
    let e = refused(ask(&reader, query::ROUND_REPORT, &IdRequest { id: Uuid::now_v7() }, None).await);
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invite_code_links_one_chat_account_once_and_the_bot_finds_the_person_by_it() {
    use sujarit_contracts::people::{PersonCommand, RedeemInvite, Role};
    use sujarit_contracts::query::{ChatRequest, InviteRequest, PersonView};

    let nats = TestNats::start();
    let _ledger = TestLedger::start(&nats).await;
    let person = Uuid::now_v7();
    let unit = Uuid::now_v7();
    let admin_client = CommandClient::new(nats.client().await, admin());
    accepted_at(
        &admin_client,
        OrgUnitCommand::from(RegisterOrgUnit {
            org_unit_id: unit,
            name: UNITS[1].into(),
            aliases: vec![],
        })
        .into(),
    )
    .await;
    register_person(&nats, person, vec![Role::Officer], Some(unit)).await;
    let (code, issued) = issue_invite(&admin_client, person).await;
    let reader = nats.client().await;

    // The bot asks who the code is for, then redeems it for the chat account.
    let (_, found): (u64, PersonView) = ask(
        &reader,
        query::PERSON_INVITE,
        &InviteRequest {
            invite_code: code.to_lowercase(),
        },
        Some(issued),
    )
    .await
    .expect("person by invite");
    assert_eq!(found.person_id, person);
    assert_eq!(found.org_unit_name.as_deref(), Some(UNITS[1]));
    let bot = CommandClient::new(nats.client().await, Actor::Service("bot".into()));
    let redeem = || -> Command {
        PersonCommand::from(RedeemInvite {
            person_id: person,
            invite_code: code.clone(),
            channel: "telegram".into(),
            account: "987654321".into(),
        })
        .into()
    };
    let linked = accepted_at(&bot, redeem()).await;
    let (_, by_chat): (u64, PersonView) = ask(
        &reader,
        query::PERSON_BY_CHAT,
        &ChatRequest {
            channel: "telegram".into(),
            account: "987654321".into(),
        },
        Some(linked),
    )
    .await
    .expect("person by chat");
    assert_eq!(by_chat.person_id, person);
    assert_eq!(by_chat.roles, vec![Role::Officer]);

    // One time only: the code no longer finds anyone, and redeeming again is refused.
    let again = bot.send(&redeem()).await.unwrap().reply;
    assert_eq!(again.code(), Some(ErrorCode::NotFound), "{again:?}");
    let err = ask::<_, PersonView>(
        &reader,
        query::PERSON_INVITE,
        &InviteRequest { invite_code: code },
        None,
    )
    .await;
    assert!(matches!(err, Err(sujarit_client::query::QueryError::Refused(e)) if e.code == ErrorCode::NotFound));
}
