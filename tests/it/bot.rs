//! The chat bot end to end: the gateway runs the conversation core over a real nats-server,
//! ledger and query service. An officer links their chat with a one-time invite code and
//! reports an item step by step (Thai digits in the amount); the submission is in the round.
//! The web chat's JSON API answers the same way and refuses malformed input clearly.

use sujarit_bot::{ChatRef, Input, Message};
use sujarit_client::CommandClient;
use sujarit_contracts::complaint::Channel;

use sujarit_contracts::plan::Budget;

use sujarit_gateway::web::WebFiles;
use sujarit_gateway::Gateway;

use crate::harness::*;

fn said(replies: &[Message]) -> String {
    replies.iter().map(|m| m.text.as_str()).collect::<Vec<_>>().join("\n")
}

fn payloads(replies: &[Message]) -> Vec<String> {
    replies
        .iter()
        .flat_map(|m| m.buttons.iter().flatten().map(|b| b.payload.clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_links_the_chat_with_an_invite_and_reports_an_item_step_by_step() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let admin_client = CommandClient::new(nats.client().await, admin());
    let setup = endorsed_round(
        &nats,
        "1.1",
        "โครงการอบรมคุณธรรมจริยธรรม",
        Budget::Amount { satang: 2_000_000 },
    )
    .await;
    let (unit, officer, item_id, round_id, opened) =
        (setup.unit, setup.officer, setup.item_id, setup.round_id, setup.opened);
    let (code, _) = issue_invite(&admin_client, officer).await;
    assert!(ledger.query.wait_for(opened, std::time::Duration::from_secs(10)).await);

    let files = WebFiles::default();
    let gateway = Gateway::start(nats.client().await, files.clone())
        .await
        .expect("gateway");
    let chat = ChatRef {
        channel: Channel::Web,
        chat_id: "session-0123456789abcdef".into(),
    };
    let run = |input: Input| gateway.run(chat.clone(), input);

    let replies = run(Input::from_text(format!("/link {code}"))).await;
    assert!(
        said(&replies).contains(&format!("ผู้ทดสอบ {officer}")),
        "{}",
        said(&replies)
    );

    let replies = run(Input::from_text("/report")).await;
    assert!(payloads(&replies).contains(&format!("item:{item_id}")), "{replies:?}");
    run(Input::Button(format!("item:{item_id}"))).await;
    let replies = run(Input::Button("status:completed".into())).await;
    assert!(said(&replies).contains("20,000.00"), "{}", said(&replies));
    run(Input::Text("๑๕,๐๐๐.-".into())).await;
    run(Input::Text("1".into())).await;
    run(Input::Text("ร้อยละ 100 ของเป้าหมาย".into())).await;
    run(Input::Text("จัดอบรมเจ้าหน้าที่ 2 ครั้ง".into())).await;
    // A photo as evidence: stored (metadata stripped) in the evidence store.
    let photo = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/shared/privacy/tests/fixtures/gps.jpg"
    ))
    .unwrap();
    let bytes = photo.len() as u64;
    let file_ref = {
        // Through the web chat's API, as the page uploads it.
        let inbox = sujarit_gateway::web::WebInbox::open(nats.client().await).await.unwrap();
        let app = sujarit_gateway::web::router(gateway.clone(), files.clone(), inbox);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move { axum::serve(listener, app).await });
        let (status, body) = http(
            &addr.to_string(),
            "POST",
            "/chat/api/photo?session=session-0123456789abcdef",
            "image/jpeg",
            "",
            &photo,
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("1 ไฟล์"), "{body}");
        let (status, body) = http(
            &addr.to_string(),
            "POST",
            "/chat/api/message",
            "application/json",
            "",
            b"{\"session\":\"x\"}",
        )
        .await;
        assert_eq!(status, 400);
        assert!(body.contains("16") && body.contains("session"), "{body}");
        server.abort();
        bytes
    };
    assert!(file_ref > 0);
    let replies = run(Input::Button("done".into())).await;
    let review = said(&replies);
    for expected in ["15,000.00", "ไตรมาส 1", "1 ไฟล์"] {
        assert!(review.contains(expected), "{expected} in {review}");
    }
    let replies = run(Input::Button("submit".into())).await;
    assert!(said(&replies).contains("1.1"), "{}", said(&replies));

    // The submission is in the round, as the officer typed it.
    let items = round_items(&nats.client().await, round_id, unit).await;
    let item = &items.items[0];
    assert_eq!(item.state, "submitted");
    let content = item.content.as_ref().expect("content");
    assert_eq!(content.disbursed, Budget::Amount { satang: 1_500_000 });
    assert_eq!(content.quarters_done, [true, false, false, false]);
    assert_eq!(content.evidence.len(), 1);
    assert!(content.evidence[0].starts_with("evidence:"), "{:?}", content.evidence);

    // The conversation survives a new gateway (state in the JetStream bucket): /cancel answers
    // from the same place, and the link holds.
    let again = Gateway::start(nats.client().await, WebFiles::default()).await.unwrap();
    let replies = again.run(chat.clone(), Input::from_text("/items")).await;
    assert!(said(&replies).contains("1.1"), "{}", said(&replies));

    // A committee member's /digest in the web chat carries the round's chart, which the page
    // shows inline (base64 in the JSON reply).
    let member = uuid::Uuid::now_v7();
    register_person(&nats, member, vec![sujarit_contracts::people::Role::Committee], None).await;
    let (code, at) = issue_invite(&admin_client, member).await;
    assert!(ledger.query.wait_for(at, std::time::Duration::from_secs(10)).await);
    let committee = ChatRef {
        channel: Channel::Web,
        chat_id: "session-committee-0123456789".into(),
    };
    again
        .run(committee.clone(), Input::from_text(format!("/link {code}")))
        .await;
    let replies = again.run(committee, Input::from_text("/digest")).await;
    let chart = replies
        .iter()
        .find_map(|m| m.image.as_ref())
        .expect("the digest's chart");
    assert!(chart.0.starts_with(b"\x89PNG"));
    let json = serde_json::to_value(&replies).unwrap();
    assert!(
        json.to_string().contains("\"image\":\"iVBORw0KGgo"),
        "base64 PNG in the web reply"
    );
}
