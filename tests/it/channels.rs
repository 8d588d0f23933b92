//! The chat platforms end to end: `sujarit up` started with a Telegram token pointed at a fake
//! Bot API (long polling `getUpdates`) and a LINE channel pointed at a fake LINE API, over its
//! own nats-server, ledger, query service, notifier and gateway — nothing of ours replaced.
//!
//! - Telegram: an officer links the chat with an invite code, gets the notifier's reminder in
//!   that chat, and reports an item step by step with inline buttons; the submission is in the
//!   round. A citizen files an anonymous tip and checks it with the code; no Telegram id, name or
//!   username is in any event.
//! - LINE: signed webhook requests (a bad signature → 401, nothing processed); a citizen files
//!   a tip with quick replies and gets the receipt card; a committee LINE group linked with an
//!   invite gets the daily overdue list pushed into the group.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use serde_json::{json, Value};
use sujarit_client::CommandClient;
use sujarit_contracts::people::Role;
use sujarit_contracts::plan::Budget;
use sujarit_contracts::query;
use sujarit_fakes::line::FakeLine;
use sujarit_fakes::telegram::{press_update, text_update, FakeBotApi};
use sujarit_notifier::service::Notifier;
use sujarit_notifier::{Kind, Recipient, Rules};
use uuid::Uuid;

use crate::harness::*;

const TELEGRAM_TOKEN: &str = "7012345678:AAFakeTokenForSujaritTests_0123456789x";
const LINE_SECRET: &str = "e2e-channel-secret-31f7";
const LINE_TOKEN: &str = "e2e-access-token-8d2a";

/// Issues an invite code for `person` through the ledger; the code.
async fn invite(up: &Up, admin: &CommandClient, person_id: Uuid) -> String {
    let (code, at) = issue_invite(admin, person_id).await;
    // Typed minutes later in real life: wait until the query service has seen the invite.
    let _: (u64, Value) = sujarit_client::query::ask(&up.nats().await, query::STATUS, &(), Some(at))
        .await
        .expect("the query service caught up");
    code
}

/// Every string under one of `keys`, anywhere in `value`.
fn strings_under(value: &Value, keys: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(value: &Value, keys: &[&str], out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    match value {
                        Value::String(text) if keys.contains(&key.as_str()) => out.push(text.clone()),
                        _ => walk(value, keys, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, keys, out)),
            _ => {}
        }
    }
    walk(value, keys, &mut out);
    out
}

/// Every text shown (`text`, `altText`, button `label`).
fn texts(value: &Value) -> Vec<String> {
    strings_under(value, &["text", "altText", "label"])
}

/// Every button payload (Telegram `callback_data`, LINE postback `data`).
fn payloads(value: &Value) -> Vec<String> {
    strings_under(value, &["callback_data", "data"])
}

/// A receipt or invite code (four or more dash-separated groups of Crockford symbols) in `text`.
fn code_in(text: &str) -> Option<String> {
    text.split(|c: char| c.is_whitespace() || c == '`' || c == '*')
        .find(|word| {
            let groups: Vec<&str> = word.split('-').collect();
            groups.len() >= 4
                && groups
                    .iter()
                    .all(|g| g.len() >= 4 && g.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        })
        .map(str::to_string)
}

/// A Telegram user talking to the bot through the fake: each update waits for the bot's answer.
struct TelegramChat<'a> {
    fake: &'a FakeBotApi,
    chat_id: i64,
}

static NEXT_UPDATE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

impl TelegramChat<'_> {
    fn sent_here(&self) -> Vec<Value> {
        self.fake
            .calls()
            .into_iter()
            .filter(|call| call.method == "sendmessage" || call.method == "sendphoto")
            .filter(|call| call.body["chat_id"].as_i64() == Some(self.chat_id))
            .map(|call| call.body)
            .collect()
    }

    /// Waits until the bot has sent more than `before` messages to this chat and then nothing
    /// for 300 ms; the new ones.
    async fn new_since(&self, before: usize) -> Vec<Value> {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut seen = before;
        let mut quiet_since = std::time::Instant::now();
        loop {
            let now = self.sent_here().len();
            if now != seen {
                seen = now;
                quiet_since = std::time::Instant::now();
            }
            if seen > before && quiet_since.elapsed() > Duration::from_millis(300) {
                return self.sent_here().split_off(before);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the bot did not answer chat {}; Bot API calls: {:?}",
                self.chat_id,
                self.fake.calls().iter().map(|c| &c.method).collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    async fn send(&self, update: impl FnOnce(u32) -> Value) -> Vec<Value> {
        let before = self.sent_here().len();
        self.fake
            .push_update(update(NEXT_UPDATE.fetch_add(1, std::sync::atomic::Ordering::SeqCst)));
        self.new_since(before).await
    }

    async fn say(&self, text: &str) -> Vec<Value> {
        let chat_id = self.chat_id;
        self.send(|id| text_update(id, chat_id, text)).await
    }

    async fn press(&self, data: &str) -> Vec<Value> {
        let chat_id = self.chat_id;
        self.send(|id| press_update(id, chat_id, data)).await
    }
}

fn all_text(messages: &[Value]) -> String {
    messages.iter().flat_map(texts).collect::<Vec<_>>().join("\n")
}

fn all_payloads(messages: &[Value]) -> Vec<String> {
    messages.iter().flat_map(payloads).collect()
}

/// Runs a notifier on a simulated clock against `up`'s NATS, hour by hour over `hours`, until it
/// sends a notification of `kind` to `recipient`; everything it sent.
async fn notifier_until(
    up: &Up,
    hours: impl Iterator<Item = chrono::DateTime<Utc>>,
    kind: Kind,
    recipient: Recipient,
) -> Vec<sujarit_notifier::Notification> {
    let dir = tempfile::tempdir().unwrap();
    let notifier = Notifier::open(up.nats().await, dir.path(), "e2e-notifier", Rules::default())
        .await
        .unwrap();
    notifier.catch_up(Duration::from_millis(500)).await.unwrap();
    let mut sent = Vec::new();
    for now in hours {
        sent.extend(notifier.tick(now).await.unwrap());
        if sent.iter().any(|n| n.kind == kind && n.recipient == recipient) {
            return sent;
        }
    }
    panic!("no {kind:?} notification to {recipient:?}; sent {sent:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn telegram_officer_and_citizen_flows_run_through_the_real_services() {
    let fake = FakeBotApi::start(TELEGRAM_TOKEN).await;
    let dir = tempfile::tempdir().unwrap();
    let up = Up::start_with(
        dir.path(),
        &[],
        &[
            ("SUJARIT_TELEGRAM_TOKEN", TELEGRAM_TOKEN.to_string()),
            ("SUJARIT_TELEGRAM_API_URL", fake.url().to_string()),
        ],
    );
    // The command menu is registered in Thai and English.
    let menus = fake.wait_for("setmycommands", 2).await;
    assert!(menus.iter().any(|m| m.body["language_code"] == "en"), "{menus:?}");
    assert!(menus
        .iter()
        .any(|m| texts(&m.body).is_empty() && m.body.to_string().contains("รายงาน")));

    let setup = endorsed_round(
        &up,
        "1.1",
        "โครงการอบรมคุณธรรมจริยธรรม",
        Budget::Amount { satang: 2_000_000 },
    )
    .await;
    let admin_client = CommandClient::new(up.nats().await, admin());
    let code = invite(&up, &admin_client, setup.officer).await;

    // The officer links the Telegram chat.
    let officer = TelegramChat {
        fake: &fake,
        chat_id: 5001,
    };
    let said = all_text(&officer.say(&format!("/link {code}")).await);
    assert!(said.contains(&format!("ผู้ทดสอบ {}", setup.officer)), "{said}");
    // The same code again, from another chat: refused, clearly.
    let intruder = TelegramChat {
        fake: &fake,
        chat_id: 5999,
    };
    let said = all_text(&intruder.say(&format!("/link {code}")).await);
    assert!(said.contains("รหัส"), "{said}");

    // The notifier (simulated clock) reminds the officer three days before the due date; the
    // reminder reaches the linked Telegram chat.
    let before = officer.sent_here().len();
    let start = Utc.with_ymd_and_hms(2026, 12, 29, 0, 0, 0).unwrap();
    let hours = (0..24 * 8).map(|h| start + chrono::Duration::hours(h));
    notifier_until(&up, hours, Kind::RoundDueSoon, Recipient::Person(setup.officer)).await;
    let reminder = all_text(&officer.new_since(before).await);
    assert!(
        reminder.contains("1.1") || reminder.contains("โครงการอบรมคุณธรรมจริยธรรม"),
        "{reminder}"
    );

    // The report step by step with buttons; letters where an amount is expected are refused.
    let listed = officer.say("/report").await;
    let item = format!("item:{}", setup.item_id);
    assert!(all_payloads(&listed).contains(&item), "{listed:?}");
    officer.press(&item).await;
    let asked = all_text(&officer.press("status:completed").await);
    assert!(asked.contains("20,000.00"), "{asked}");
    let refused = all_text(&officer.say("สองหมื่น").await);
    assert!(refused.contains("จำนวนเงิน") || refused.contains("ตัวเลข"), "{refused}");
    officer.say("๑๕,๐๐๐.-").await;
    officer.say("1").await;
    officer.say("ร้อยละ 100 ของเป้าหมาย").await;
    let photos = officer.say("จัดอบรมเจ้าหน้าที่ 2 ครั้ง").await;
    assert!(all_payloads(&photos).contains(&"done".to_string()), "{photos:?}");
    let review = all_text(&officer.press("done").await);
    assert!(review.contains("15,000.00") && review.contains("ไตรมาส 1"), "{review}");
    let submitted = all_text(&officer.press("submit").await);
    assert!(submitted.contains("1.1"), "{submitted}");

    let reader = up.nats().await;
    let items = round_items(&reader, setup.round_id, setup.unit).await;
    assert_eq!(items.items[0].state, "submitted");
    let content = items.items[0].content.as_ref().expect("content");
    assert_eq!(content.disbursed, Budget::Amount { satang: 1_500_000 });

    // A stale button (an item of no open round) and an unknown command: clear answers.
    let stale = all_text(&officer.press(&format!("item:{}", Uuid::now_v7())).await);
    assert!(!stale.is_empty());
    let unknown = all_text(&officer.say("/fly").await);
    assert!(unknown.contains("/help"), "{unknown}");

    // The officer pauses notifications for two days (recorded by the ledger as themselves), then
    // turns them back on.
    let muted = all_text(&officer.say("/mute 2").await);
    assert!(muted.contains("ปิดการแจ้งเตือนแล้วจนถึงวันที่"), "{muted}");
    let unmuted = all_text(&officer.say("/unmute").await);
    assert!(unmuted.contains("เปิดการแจ้งเตือนแล้ว"), "{unmuted}");

    // A committee member's `/digest`: the summary, then the chart as a photo.
    let member = Uuid::now_v7();
    register_person(&up, member, vec![Role::Committee], None).await;
    let code = invite(&up, &admin_client, member).await;
    let committee = TelegramChat {
        fake: &fake,
        chat_id: 5100,
    };
    committee.say(&format!("/link {code}")).await;
    let digest = committee.say("/digest").await;
    assert!(all_text(&digest).contains("สรุปภาพรวม"), "{digest:?}");
    let photo = digest
        .iter()
        .find(|body| body.get("photo").is_some())
        .unwrap_or_else(|| panic!("no chart sent: {digest:?}"));
    // Sent as a multipart upload: `photo` names the attached part (`attach://<name>`).
    let part = photo["photo"]
        .as_str()
        .and_then(|p| p.strip_prefix("attach://"))
        .expect("an attached photo");
    assert!(photo[part]["file"].as_u64().unwrap_or(0) > 10_000, "{photo}");

    // A citizen files an anonymous tip from Telegram and follows it with the code.
    let citizen = TelegramChat {
        fake: &fake,
        chat_id: 777_000_123,
    };
    let asked = citizen.say("/tip").await;
    assert!(
        all_payloads(&asked).contains(&"category:corruption".to_string()),
        "{asked:?}"
    );
    citizen.press("category:corruption").await;
    citizen.say("องค์การบริหารส่วนตำบลทดสอบ").await;
    citizen.say("เรียกรับเงินใต้โต๊ะเพื่อออกใบอนุญาตก่อสร้าง").await;
    citizen.say("หน้าที่ทำการ อบต.").await;
    citizen.press("done").await;
    let receipt = citizen.press("file").await;
    let receipt_text = all_text(&receipt);
    let receipt_code = code_in(&receipt_text).unwrap_or_else(|| panic!("no code in {receipt_text}"));
    citizen.say("/status").await;
    let status = all_text(&citizen.say(&receipt_code).await);
    assert!(
        status.contains("เรียกรับเงินใต้โต๊ะ") || status.contains("รับเรื่อง"),
        "{status}"
    );

    // No Telegram identity in any event: chat id, user id, first name of the sender.
    let events = stream_events(&reader).await;
    let tip_events: Vec<String> = events
        .iter()
        .filter(|e| e.envelope.aggregate() == "complaint")
        .map(|e| serde_json::to_string(&e.envelope).unwrap())
        .collect();
    assert!(!tip_events.is_empty());
    for event in &tip_events {
        for identity in ["777000123", "Somchai", &receipt_code] {
            assert!(!event.contains(identity), "`{identity}` in {event}");
        }
    }
    drop(up);
}

/// A LINE user or group talking to `sujarit up`'s webhook with signed requests.
struct LineChat<'a> {
    fake: &'a FakeLine,
    webhook: String,
    http: reqwest::Client,
    source: Value,
}

static NEXT_REPLY_TOKEN: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

impl LineChat<'_> {
    async fn post(&self, body: &[u8], signature: Option<String>) -> u16 {
        let mut request = self
            .http
            .post(&self.webhook)
            .header("content-type", "application/json")
            .body(body.to_vec());
        if let Some(signature) = signature {
            request = request.header("x-line-signature", signature);
        }
        request.send().await.unwrap().status().as_u16()
    }

    /// Sends one event (text or postback) signed; the messages of the reply it caused.
    async fn send(&self, event: Value) -> Vec<Value> {
        let token = format!(
            "reply-{}",
            NEXT_REPLY_TOKEN.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        );
        let mut event = event;
        event["replyToken"] = json!(token);
        event["webhookEventId"] = json!(format!("01E2E{token}"));
        event["source"] = self.source.clone();
        if event.get("message").is_some() {
            event["message"]["id"] = json!(token.trim_start_matches("reply-"));
        }
        let body = serde_json::to_vec(&sujarit_fakes::line::body(vec![event])).unwrap();
        let status = self.post(&body, Some(sujarit_line::sign(LINE_SECRET, &body))).await;
        assert_eq!(status, 200);
        let replies = self
            .fake
            .wait_for(|requests| {
                requests
                    .iter()
                    .any(|r| r.path == "/v2/bot/message/reply" && r.json()["replyToken"] == token)
            })
            .await;
        replies
            .into_iter()
            .filter(|r| r.path == "/v2/bot/message/reply" && r.json()["replyToken"] == token)
            .flat_map(|r| r.json()["messages"].as_array().cloned().unwrap_or_default())
            .collect()
    }

    async fn say(&self, text: &str) -> Vec<Value> {
        self.send(sujarit_fakes::line::text_event("-", "-", text)).await
    }

    async fn press(&self, data: &str) -> Vec<Value> {
        self.send(sujarit_fakes::line::postback_event("-", "-", data)).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn line_webhooks_are_verified_and_tips_and_group_notifications_run_through_the_real_services() {
    let fake = FakeLine::start().await;
    let dir = tempfile::tempdir().unwrap();
    let up = Up::start_with(
        dir.path(),
        &[],
        &[
            ("SUJARIT_LINE_CHANNEL_SECRET", LINE_SECRET.to_string()),
            ("SUJARIT_LINE_CHANNEL_ACCESS_TOKEN", LINE_TOKEN.to_string()),
            ("SUJARIT_LINE_API_URL", fake.url.clone()),
            ("SUJARIT_LINE_PUBLIC_URL", "https://sujarit.example.org".to_string()),
        ],
    );
    let webhook = format!("{}/webhooks/line", up.web);
    let citizen = LineChat {
        fake: &fake,
        webhook: webhook.clone(),
        http: reqwest::Client::new(),
        source: json!({ "type": "user", "userId": "U4af4980629aaaaaaaaaaaaaaaaaaaaaaa" }),
    };

    // Bad signatures: 401, nothing processed, nothing recorded.
    let reader = up.nats().await;
    let events_before = stream_events(&reader).await.len();
    let forged = serde_json::to_vec(&sujarit_fakes::line::body(vec![sujarit_fakes::line::text_event(
        "U4af4980629aaaaaaaaaaaaaaaaaaaaaaa",
        "forged-1",
        "/tip",
    )]))
    .unwrap();
    assert_eq!(citizen.post(&forged, None).await, 401);
    assert_eq!(
        citizen
            .post(&forged, Some(sujarit_line::sign("another-secret", &forged)))
            .await,
        401
    );
    let mut tampered = forged.clone();
    let at = tampered.len() - 5;
    tampered[at] ^= 1;
    assert_eq!(
        citizen
            .post(&tampered, Some(sujarit_line::sign(LINE_SECRET, &forged)))
            .await,
        401
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(fake.requests().is_empty(), "{:?}", fake.requests());
    assert_eq!(stream_events(&reader).await.len(), events_before);

    // A citizen files an anonymous tip with quick replies; the receipt comes as a card with a
    // plain-text fallback, and checking the code shows the case.
    let asked = citizen.say("/tip").await;
    assert!(
        all_payloads(&asked).contains(&"category:general".to_string()),
        "{asked:?}"
    );
    citizen.press("category:general").await;
    citizen.say("-").await;
    citizen.say("ถนนในหมู่บ้านชำรุดมานานแล้วไม่มีการซ่อม").await;
    citizen.say("-").await;
    citizen.press("done").await;
    let receipt = citizen.press("file").await;
    let receipt_text = all_text(&receipt);
    assert!(receipt.iter().any(|m| m["type"] == "flex"), "{receipt:?}");
    let receipt_code = code_in(&receipt_text).unwrap_or_else(|| panic!("no code in {receipt_text}"));
    citizen.say("/status").await;
    let status = all_text(&citizen.say(&receipt_code).await);
    assert!(
        status.contains("ถนนในหมู่บ้านชำรุด") || status.contains("รับเรื่อง"),
        "{status}"
    );
    let events = stream_events(&reader).await;
    for event in events.iter().filter(|e| e.envelope.aggregate() == "complaint") {
        let json = serde_json::to_string(&event.envelope).unwrap();
        assert!(!json.contains("U4af4980629"), "LINE user id in {json}");
    }

    // A committee LINE group, linked with an invite code typed in the group, gets the daily
    // overdue list pushed by the notifier after the round's due date.
    let setup = endorsed_round(&up, "2.1", "โครงการประเมินคุณธรรมและความโปร่งใส", Budget::NotNeeded).await;
    let committee = Uuid::now_v7();
    register_person(&up, committee, vec![Role::Committee], None).await;
    let admin_client = CommandClient::new(up.nats().await, admin());
    let code = invite(&up, &admin_client, committee).await;
    let group = LineChat {
        source: json!({ "type": "group", "groupId": "C1d7a0c6f0bbbbbbbbbbbbbbbbbbbbbbb", "userId": "U9e0000000000000000000000000000ff" }),
        ..citizen
    };
    let linked = all_text(&group.say(&format!("/link {code}")).await);
    assert!(linked.contains(&format!("ผู้ทดสอบ {committee}")), "{linked}");

    // `/digest` in the group: the summary and its chart (an image LINE fetches from us).
    let digest = group.say("/digest").await;
    let image = digest
        .iter()
        .find(|m| m["type"] == "image")
        .unwrap_or_else(|| panic!("no chart in {digest:?}"));
    assert_png_served(&up, image).await;

    let pushes_before = fake.to("/v2/bot/message/push").len();
    // From the day after the due date: the overdue list each working day, and on Monday the
    // weekly digest with its chart.
    let after_due = setup.due.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc();
    let hours = (0..24 * 7).map(|h| after_due + chrono::Duration::hours(h));
    let sent = notifier_until(&up, hours, Kind::WeeklyDigest, Recipient::Person(committee)).await;
    assert!(sent
        .iter()
        .any(|n| n.kind == Kind::OverdueDigest && n.recipient == Recipient::Person(committee)));
    let to_group = |requests: &[sujarit_fakes::line::Recorded]| -> Vec<Value> {
        requests
            .iter()
            .filter(|r| r.path == "/v2/bot/message/push")
            .skip(pushes_before)
            .map(|r| r.json())
            .filter(|body| body["to"] == "C1d7a0c6f0bbbbbbbbbbbbbbbbbbbbbbb")
            .collect()
    };
    let pushes = fake
        .wait_for(|requests| {
            let bodies = to_group(requests);
            all_text(&bodies).contains("สรุปประจำสัปดาห์") && all_text(&bodies).contains("สรุปรายการค้างส่ง")
        })
        .await;
    let bodies = to_group(&pushes);
    let overdue = all_text(&bodies);
    assert!(overdue.contains("2.1") && overdue.contains("ลำพูน"), "{overdue}");
    let weekly = bodies
        .iter()
        .find(|body| all_text(std::slice::from_ref(body)).contains("สรุปประจำสัปดาห์"))
        .expect("the weekly digest");
    let chart = weekly["messages"]
        .as_array()
        .and_then(|messages| messages.iter().find(|m| m["type"] == "image"))
        .unwrap_or_else(|| panic!("the weekly digest has no chart: {weekly}"));
    assert_png_served(&up, chart).await;
    let authorized = fake.to("/v2/bot/message/push")[0].header("authorization");
    assert_eq!(authorized.as_deref(), Some(format!("Bearer {LINE_TOKEN}").as_str()));
}

/// The image message's picture is a PNG that `sujarit up` serves at the URL given to LINE.
async fn assert_png_served(up: &Up, image: &Value) {
    let url = image["originalContentUrl"].as_str().expect("an image URL");
    let path = url
        .strip_prefix("https://sujarit.example.org")
        .unwrap_or_else(|| panic!("not under the public URL: {url}"));
    let bytes = reqwest::get(format!("{}{path}", up.web))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "{} bytes, not a PNG", bytes.len());
}
