//! The notifier through a real nats-server and ledger, on a simulated clock: reminders derived
//! from the events are published on `sujarit.notify.…` at the right time, once — across a
//! restart, and even when its schedule file is lost and rebuilt (the stream refuses the same
//! notification id twice).

use chrono::{TimeZone, Utc};
use sujarit_client::CommandClient;
use sujarit_contracts::complaint::Channel;
use sujarit_contracts::people::{PersonCommand, RedeemInvite};
use sujarit_contracts::plan::Budget;
use sujarit_contracts::Actor;
use sujarit_gateway::notify::deliver;
use sujarit_gateway::web::WebInbox;
use sujarit_notifier::service::{Notifier, NOTIFY_STREAM};
use sujarit_notifier::{Kind, Recipient, Rules};

use crate::harness::*;

async fn notify_count(nats: &async_nats::Client) -> u64 {
    let js = async_nats::jetstream::new(nats.clone());
    let mut stream = js.get_stream(NOTIFY_STREAM).await.expect("notify stream");
    stream.info().await.expect("info").state.messages
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_reminder_is_published_once_at_its_time_across_restarts_and_a_lost_schedule() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let admin_client = CommandClient::new(nats.client().await, admin());
    let setup = endorsed_round(&nats, "1", "โครงการโรงเรียนสุจริต", Budget::NotNeeded).await;
    let officer = setup.officer;
    ledger.wait_published().await;

    let dir = tempfile::tempdir().unwrap();
    let reader = nats.client().await;
    // 09:00 in Bangkok, three days before the due date (5 Jan 2027).
    assert_eq!(setup.due.to_string(), "2027-01-05");
    let three_days_before = Utc.with_ymd_and_hms(2027, 1, 2, 2, 0, 0).unwrap();
    let notifier = Notifier::open(nats.client().await, dir.path(), "notifier", Rules::default())
        .await
        .unwrap();
    assert!(notifier.catch_up(std::time::Duration::from_millis(300)).await.unwrap() > 0);
    assert!(notifier
        .tick(three_days_before - chrono::Duration::hours(1))
        .await
        .unwrap()
        .is_empty());
    let sent = notifier.tick(three_days_before).await.unwrap();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].kind, Kind::RoundDueSoon);
    assert_eq!(sent[0].recipient, Recipient::Person(officer));
    assert!(sent[0].text_th.contains("โครงการโรงเรียนสุจริต") || sent[0].text_th.contains("1"));
    assert!(notifier.tick(three_days_before).await.unwrap().is_empty(), "once");
    assert_eq!(notify_count(&reader).await, 1);

    // A restart reloads the schedule with its sent log: nothing again.
    drop(notifier);
    let notifier = Notifier::open(nats.client().await, dir.path(), "notifier", Rules::default())
        .await
        .unwrap();
    notifier.catch_up(std::time::Duration::from_millis(300)).await.unwrap();
    assert!(notifier.tick(three_days_before).await.unwrap().is_empty());

    // The schedule file lost: rebuilt from the events (the durable consumer starts over); the
    // reminder is due again, and the stream refuses it as a duplicate.
    drop(notifier);
    std::fs::remove_file(dir.path().join("schedule.json")).unwrap();
    let notifier = Notifier::open(nats.client().await, dir.path(), "notifier", Rules::default())
        .await
        .unwrap();
    notifier.catch_up(std::time::Duration::from_millis(300)).await.unwrap();
    let again = notifier.tick(three_days_before).await.unwrap();
    assert_eq!(again.len(), 1, "rebuilt schedule sees it due");
    assert_eq!(again[0].id, sent[0].id, "same deterministic id");
    assert_eq!(notify_count(&reader).await, 1, "the stream kept one");

    // Into the web chat: the officer's linked session finds the reminder in its inbox, once.
    let (code, _) = issue_invite(&admin_client, officer).await;
    let session = "web-session-00000000000001";
    let linked = accepted_at(
        &CommandClient::new(nats.client().await, Actor::Service("bot".into())),
        PersonCommand::from(RedeemInvite {
            person_id: officer,
            invite_code: code,
            channel: "web".into(),
            account: session.into(),
        })
        .into(),
    )
    .await;
    assert!(ledger.query.wait_for(linked, std::time::Duration::from_secs(10)).await);
    let inbox = WebInbox::open(nats.client().await).await.unwrap();
    let pushed = deliver(&reader, Channel::Web, &inbox, std::time::Duration::from_millis(300))
        .await
        .unwrap();
    assert_eq!(pushed, 1);
    let waiting = inbox.take(session).await.unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].text, sent[0].text_th);
    assert!(inbox.take(session).await.unwrap().is_empty(), "taken once");
    let again = deliver(&reader, Channel::Web, &inbox, std::time::Duration::from_millis(300))
        .await
        .unwrap();
    assert_eq!(again, 0, "acknowledged, not delivered twice");

    // On the due date, the next reminder.
    let on_the_day = Utc.with_ymd_and_hms(2027, 1, 5, 2, 0, 0).unwrap();
    let sent = notifier.tick(on_the_day).await.unwrap();
    assert!(sent.iter().any(|n| n.kind == Kind::RoundDueToday), "{sent:?}");
    assert_eq!(notify_count(&reader).await, 2);
}

/// A pusher that refuses each listed chat once, and records what it delivered.
#[derive(Default)]
struct Flaky {
    refuse_once: std::sync::Mutex<std::collections::HashSet<String>>,
    delivered: std::sync::Mutex<Vec<String>>,
}

impl sujarit_bot::Pusher for Flaky {
    async fn push(
        &self,
        chat_id: &str,
        _messages: &[sujarit_bot::Message],
        _image_png: Option<&[u8]>,
    ) -> Result<(), sujarit_bot::PushError> {
        if self.refuse_once.lock().unwrap().remove(chat_id) {
            return Err(sujarit_bot::PushError::Platform {
                channel: Channel::Web,
                detail: "scripted outage".into(),
            });
        }
        self.delivered.lock().unwrap().push(chat_id.to_string());
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_that_fails_for_one_chat_is_retried_for_that_chat_only() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let admin_client = CommandClient::new(nats.client().await, admin());
    let bot = CommandClient::new(nats.client().await, Actor::Service("bot".into()));
    // A committee member with two linked web chats (a phone and a desk).
    let member = uuid::Uuid::now_v7();
    register_person(&nats, member, vec![sujarit_contracts::people::Role::Committee], None).await;
    let mut last = 0;
    for session in ["web-phone-000000000001", "web-desk-0000000000002"] {
        let (code, _) = issue_invite(&admin_client, member).await;
        last = accepted_at(
            &bot,
            PersonCommand::from(RedeemInvite {
                person_id: member,
                invite_code: code,
                channel: "web".into(),
                account: session.into(),
            })
            .into(),
        )
        .await;
    }
    assert!(ledger.query.wait_for(last, std::time::Duration::from_secs(10)).await);

    // One notification for them, published as the notifier does.
    let dir = tempfile::tempdir().unwrap();
    let _stream = Notifier::open(nats.client().await, dir.path(), "notifier", Rules::default())
        .await
        .unwrap();
    let recipient = Recipient::Person(member);
    let notification = sujarit_notifier::Notification {
        id: sujarit_notifier::notification_id(Kind::MeetingTomorrow, &[member], &recipient, Utc::now().date_naive()),
        kind: Kind::MeetingTomorrow,
        recipient,
        lang: sujarit_notifier::Lang::Th,
        urgent: false,
        not_before: Utc::now(),
        text_th: "แจ้งเตือนการประชุมพรุ่งนี้".into(),
        text_en: "Meeting tomorrow".into(),
        subjects: vec![member],
    };
    let reader = nats.client().await;
    async_nats::jetstream::new(reader.clone())
        .publish(
            sujarit_notifier::service::subject(&recipient),
            serde_json::to_vec(&notification).unwrap().into(),
        )
        .await
        .unwrap()
        .await
        .unwrap();

    // The desk is unreachable the first time: the phone gets it, the message is not acknowledged.
    let flaky = Flaky::default();
    flaky
        .refuse_once
        .lock()
        .unwrap()
        .insert("web-desk-0000000000002".into());
    let idle = std::time::Duration::from_millis(300);
    assert_eq!(deliver(&reader, Channel::Web, &flaky, idle).await.unwrap(), 1);
    // Offered again after its pause (2 s): only the desk gets it; then it is acknowledged.
    let pushed = deliver(&reader, Channel::Web, &flaky, std::time::Duration::from_secs(4))
        .await
        .unwrap();
    assert_eq!(pushed, 1);
    assert_eq!(
        *flaky.delivered.lock().unwrap(),
        vec![
            "web-phone-000000000001".to_string(),
            "web-desk-0000000000002".to_string()
        ],
        "each chat once"
    );
    assert_eq!(deliver(&reader, Channel::Web, &flaky, idle).await.unwrap(), 0);
}
