//! The ledger through a real nats-server: commands, replies, idempotency, conflicts, malformed
//! input, the NATS service API, and exactly-once publication to JetStream.

use std::collections::HashSet;
use std::time::Duration;

use async_nats::HeaderMap;
use sujarit_client::{send_raw, CommandClient, SendOptions};
use sujarit_contracts::orgunit::OrgUnitEvent;
use sujarit_contracts::{headers, Actor, ErrorCode, Reply};
use uuid::Uuid;

use crate::harness::*;

#[tokio::test]
async fn a_command_round_trips_through_nats_and_is_readable_back() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let client = CommandClient::new(nats.client().await, admin());
    let id = Uuid::now_v7();

    let answer = client.send(&register(id, "สำนักงานจังหวัดลำพูน")).await.unwrap();
    let Reply::Accepted {
        stream,
        version,
        positions,
    } = answer.reply
    else {
        panic!("{:?}", answer.reply)
    };
    assert_eq!(stream, format!("orgunit-{id}"));
    assert_eq!((version, positions.clone()), (1, vec![1]));
    assert!(!answer.replayed);

    // In the store, with the full envelope.
    let recorded = ledger.store.read_all(1, 10).unwrap();
    assert_eq!(recorded.len(), 1);
    let env = &recorded[0].envelope;
    assert_eq!(env.actor, admin().to_string());
    assert_eq!(env.causation_id, env.correlation_id);
    match env.decode::<OrgUnitEvent>().unwrap() {
        OrgUnitEvent::OrgUnitRegistered(e) => assert_eq!(e.name, "สำนักงานจังหวัดลำพูน"),
        other => panic!("{other:?}"),
    }
    // And in JetStream, on the event subject.
    ledger.wait_published().await;
    let published = stream_events(&nats.client().await).await;
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].subject, "sujarit.evt.orgunit.OrgUnitRegistered");
    assert_eq!(published[0].envelope.event_id, env.event_id);
}

#[tokio::test]
async fn a_retried_command_id_is_applied_once_and_answered_the_same() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let client = CommandClient::new(nats.client().await, admin());
    let id = Uuid::now_v7();
    let command_id = Uuid::now_v7();
    let options = || SendOptions {
        command_id: Some(command_id),
        ..Default::default()
    };

    let first = client.send_with(&register(id, "อบจ.พัทลุง"), options()).await.unwrap();
    let second = client.send_with(&register(id, "อบจ.พัทลุง"), options()).await.unwrap();
    // Concurrent duplicates too.
    let command = register(id, "อบจ.พัทลุง");
    let (a, b) = tokio::join!(
        client.send_with(&command, options()),
        client.send_with(&command, options())
    );
    assert!(first.reply.is_accepted());
    assert!(!first.replayed);
    for again in [second, a.unwrap(), b.unwrap()] {
        assert_eq!(again.reply, first.reply);
        assert!(again.replayed);
    }
    assert_eq!(ledger.store.durable_position(), 1);
    ledger.wait_published().await;
    assert_eq!(stream_events(&nats.client().await).await.len(), 1);

    // A new command id for the same registration is a real second attempt: a conflict.
    let other = client.send(&register(id, "อบจ.พัทลุง")).await.unwrap();
    assert_eq!(other.reply.code(), Some(ErrorCode::Conflict));
}

#[tokio::test]
async fn a_stale_expected_version_is_rejected_as_a_conflict_and_writes_nothing() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let client = CommandClient::new(nats.client().await, admin());
    let id = Uuid::now_v7();
    assert!(client.send(&register(id, "อบต.หนึ่ง")).await.unwrap().reply.is_accepted());

    let stale = SendOptions {
        expected_version: Some(0),
        ..Default::default()
    };
    let answer = client.send_with(&rename(id, "เทศบาลตำบลหนึ่ง"), stale).await.unwrap();
    let Reply::Rejected { code, message } = answer.reply else {
        panic!("accepted a stale version")
    };
    assert_eq!(code, ErrorCode::Conflict);
    assert!(message.en.contains("version 1"), "{}", message.en);
    assert!(message.th.contains("ฉบับที่ 1"), "{}", message.th);
    assert_eq!(ledger.store.durable_position(), 1);

    let current = SendOptions {
        expected_version: Some(1),
        ..Default::default()
    };
    let answer = client.send_with(&rename(id, "เทศบาลตำบลหนึ่ง"), current).await.unwrap();
    assert_eq!(
        answer.reply,
        Reply::Accepted {
            stream: format!("orgunit-{id}"),
            version: 2,
            positions: vec![2]
        }
    );
}

#[tokio::test]
async fn malformed_requests_are_rejected_with_a_reason_never_dropped() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let nc = nats.client().await;
    let good_headers = || {
        let mut h = HeaderMap::new();
        h.insert(headers::COMMAND_ID, Uuid::now_v7().to_string().as_str());
        h.insert(headers::ACTOR, "service:test");
        h
    };
    let body = br#"{"org_unit_id":"0190a1b2-0000-7000-8000-000000000001","name":"x"}"#.to_vec();
    let subject = "sujarit.cmd.orgunit.RegisterOrgUnit".to_string();

    let cases: Vec<(&str, String, HeaderMap, Vec<u8>, &str)> = vec![
        (
            "no headers",
            subject.clone(),
            HeaderMap::new(),
            body.clone(),
            "Sujarit-Command-Id",
        ),
        (
            "bad command id",
            subject.clone(),
            {
                let mut h = good_headers();
                h.insert(headers::COMMAND_ID, "not-a-uuid");
                h
            },
            body.clone(),
            "not-a-uuid",
        ),
        (
            "no actor",
            subject.clone(),
            {
                let mut h = HeaderMap::new();
                h.insert(headers::COMMAND_ID, Uuid::now_v7().to_string().as_str());
                h
            },
            body.clone(),
            "Sujarit-Actor",
        ),
        (
            "bad actor",
            subject.clone(),
            {
                let mut h = good_headers();
                h.insert(headers::ACTOR, "root");
                h
            },
            body.clone(),
            "root",
        ),
        (
            "bad expected version",
            subject.clone(),
            {
                let mut h = good_headers();
                h.insert(headers::EXPECTED_VERSION, "-1");
                h
            },
            body.clone(),
            "Sujarit-Expected-Version",
        ),
        (
            "not JSON",
            subject.clone(),
            good_headers(),
            b"{not json".to_vec(),
            "RegisterOrgUnit",
        ),
        ("empty body", subject.clone(), good_headers(), vec![], "RegisterOrgUnit"),
        (
            "wrong field type",
            subject.clone(),
            good_headers(),
            br#"{"org_unit_id":5,"name":"x"}"#.to_vec(),
            "org_unit_id",
        ),
        (
            "unknown field",
            subject.clone(),
            good_headers(),
            br#"{"org_unit_id":"0190a1b2-0000-7000-8000-000000000001","name":"x","admin":true}"#.to_vec(),
            "admin",
        ),
        (
            "unknown command",
            "sujarit.cmd.orgunit.DeleteEverything".into(),
            good_headers(),
            body.clone(),
            "DeleteEverything",
        ),
        (
            "unknown aggregate",
            "sujarit.cmd.nothing.Register".into(),
            good_headers(),
            body.clone(),
            "nothing",
        ),
        (
            "binary garbage",
            subject.clone(),
            good_headers(),
            vec![0xff, 0x00, 0xfe],
            "RegisterOrgUnit",
        ),
    ];
    for (case, subject, map, body, names) in cases {
        let answer = send_raw(&nc, subject, map, body)
            .await
            .unwrap_or_else(|e| panic!("{case}: no reply: {e}"));
        let Reply::Rejected { code, message } = answer.reply else {
            panic!("{case}: accepted")
        };
        assert_eq!(code, ErrorCode::Validation, "{case}");
        assert!(
            message.en.contains(names),
            "{case}: `{}` does not name `{names}`",
            message.en
        );
        assert!(!message.th.is_empty(), "{case}: no Thai message");
    }
    assert_eq!(
        ledger.store.durable_position(),
        0,
        "a malformed request wrote something"
    );

    // The ledger is still serving after all that.
    let client = CommandClient::new(nc, admin());
    assert!(client
        .send(&register(Uuid::now_v7(), "ยังทำงาน"))
        .await
        .unwrap()
        .reply
        .is_accepted());
}

#[tokio::test]
async fn the_ledger_answers_the_nats_service_api() {
    let nats = TestNats::start();
    let _ledger = TestLedger::start(&nats).await;
    let nc = nats.client().await;
    let client = CommandClient::new(nc.clone(), Actor::Service("test".into()));
    client.send(&register(Uuid::now_v7(), "หน่วยทดสอบ")).await.unwrap();

    for verb in ["PING", "INFO", "STATS"] {
        let reply = nc
            .request(format!("$SRV.{verb}.sujarit-ledger"), "".into())
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&reply.payload).unwrap();
        assert_eq!(body["name"], "sujarit-ledger", "{verb}: {body}");
    }
    let info: serde_json::Value =
        serde_json::from_slice(&nc.request("$SRV.INFO.sujarit-ledger", "".into()).await.unwrap().payload).unwrap();
    // Commands, and the case desk's two endpoints (in no particular order).
    let endpoints = info["endpoints"].as_array().expect("endpoints");
    let mut subjects: Vec<&str> = endpoints.iter().filter_map(|e| e["subject"].as_str()).collect();
    subjects.sort();
    assert_eq!(subjects, ["sujarit.cmd.>", "sujarit.desk.attach", "sujarit.desk.case"]);
    assert!(endpoints.iter().all(|e| e["queue_group"] == "ledger"), "{info}");
    let stats: serde_json::Value = serde_json::from_slice(
        &nc.request("$SRV.STATS.sujarit-ledger", "".into())
            .await
            .unwrap()
            .payload,
    )
    .unwrap();
    let endpoint = stats["endpoints"]
        .as_array()
        .and_then(|all| all.iter().find(|e| e["subject"] == "sujarit.cmd.>"))
        .expect("the commands endpoint");
    assert_eq!(endpoint["num_requests"], 1, "{stats}");
    assert_eq!(endpoint["data"]["durable_position"], 1, "{stats}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_reach_jetstream_exactly_once_even_when_nats_restarts_mid_stream() {
    let mut nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let client = CommandClient::new(nats.client().await, admin());

    let sender = tokio::spawn(async move {
        let mut acked = Vec::new();
        for i in 0..600u32 {
            let id = Uuid::now_v7();
            let answer = send_until_answered(&client, &register(id, &format!("หน่วยงาน {i}")), Uuid::now_v7()).await;
            let Reply::Accepted { positions, .. } = answer.reply else {
                panic!("{:?}", answer.reply)
            };
            acked.push((id, positions[0]));
        }
        acked
    });
    // Let some commands through, then kill NATS (as a crash) and bring it back on the same port.
    while ledger.store.durable_position() < 150 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    nats.server.kill();
    tokio::time::sleep(Duration::from_millis(300)).await;
    nats.server.restart().expect("restart nats");
    let acked = sender.await.unwrap();

    ledger.wait_published().await;
    let published = stream_events(&nats.client().await).await;
    assert_stream_mirrors_store(&published, &ledger.store);
    // Each acknowledged command's event is there once, where its reply said.
    let ids: HashSet<Uuid> = published.iter().map(|e| e.envelope.event_id).collect();
    assert_eq!(ids.len(), published.len(), "an event was published twice");
    for (id, position) in acked {
        let event = &published[(position - 1) as usize];
        assert_eq!(event.envelope.stream, format!("orgunit-{id}"));
    }
}

#[tokio::test]
async fn a_restarted_ledger_publishes_what_it_had_not_published_and_nothing_twice() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let client = CommandClient::new(nats.client().await, admin());
    for i in 0..20 {
        assert!(client
            .send(&register(Uuid::now_v7(), &format!("ก่อน {i}")))
            .await
            .unwrap()
            .reply
            .is_accepted());
    }
    ledger.wait_published().await;
    let dir = ledger.stop().await;

    // Events committed while no outbox runs (as after a crash between commit and publish).
    {
        let store = sujarit_eventstore::EventStore::open(dir.path().join("ledger")).unwrap();
        for i in 0..5 {
            let append = sujarit_eventstore::Append {
                stream: sujarit_contracts::orgunit::stream(Uuid::now_v7()),
                expected: sujarit_eventstore::ExpectedVersion::NoStream,
                events: vec![sujarit_eventstore::NewEvent {
                    event_type: "OrgUnitRegistered".into(),
                    schema: 1,
                    payload: serde_json::value::to_raw_value(&serde_json::json!({
                        "org_unit_id": Uuid::now_v7(), "name": format!("ระหว่างหยุด {i}") }))
                    .unwrap(),
                    precision: Default::default(),
                }],
                command_id: Uuid::now_v7(),
                actor: "service:test".into(),
                correlation_id: Uuid::now_v7(),
            };
            store.append(append).await.unwrap();
        }
    }
    let ledger = TestLedger::start_in(&nats, dir).await;
    assert_eq!(ledger.store.durable_position(), 25);
    ledger.wait_published().await;
    assert_stream_mirrors_store(&stream_events(&nats.client().await).await, &ledger.store);
}
