//! Delivering the notifier's messages into chats: a durable consumer of `SUJARIT_NOTIFY` per
//! channel; each notification's recipient (a person, a role, an org unit's officers) is resolved
//! to the chat accounts linked on this channel (`notify.targets`), and the text goes out through
//! the channel's `Pusher`. A message is acknowledged only when every push succeeded, so a
//! platform outage delays delivery instead of losing it: it comes back after a growing pause
//! (2 s, 4 s, … at most 5 minutes), and the chats that already got it (remembered for three days
//! in the KV bucket `SUJARIT_DELIVERED`) do not get it twice.

use std::time::Duration;

use async_nats::jetstream::{self, consumer::pull, consumer::AckPolicy, consumer::DeliverPolicy};
use futures::StreamExt;
use sujarit_bot::{Lang, Message, Pusher};
use sujarit_contracts::complaint::Channel;
use sujarit_contracts::query::{self, ChatTarget, TargetsRequest};
use sujarit_notifier::service::NOTIFY_STREAM;
use sujarit_notifier::{Kind, Notification, Recipient};
use tokio_util::sync::CancellationToken;

/// Why delivery stopped.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// JetStream failed.
    #[error("JetStream: {0}")]
    JetStream(String),
}

fn js_err(e: impl std::fmt::Display) -> DeliveryError {
    DeliveryError::JetStream(e.to_string())
}

fn channel_name(channel: Channel) -> String {
    serde_json::to_value(channel)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn recipient(recipient: &Recipient) -> TargetsRequest {
    match recipient {
        Recipient::Person(id) => TargetsRequest {
            kind: "person".into(),
            id: id.to_string(),
        },
        Recipient::Role(role) => TargetsRequest {
            kind: "role".into(),
            id: role.as_str().into(),
        },
        Recipient::OrgUnit(id) => TargetsRequest {
            kind: "org_unit".into(),
            id: id.to_string(),
        },
    }
}

fn message(notification: &Notification) -> Message {
    let lang = match notification.lang {
        sujarit_notifier::Lang::Th => Lang::Th,
        sujarit_notifier::Lang::En => Lang::En,
    };
    Message {
        text: notification.text().to_string(),
        buttons: vec![],
        numbered: false,
        sensitive: false,
        lang,
        image: None,
    }
}

/// The KV bucket of (notification, chat) pairs already delivered.
pub const DELIVERED_BUCKET: &str = "SUJARIT_DELIVERED";

/// The key of one notification in one chat: the id, and a stable hash of the chat (keys allow
/// only a few characters, and the bucket has no need of the account itself).
fn delivered_key(notification: &Notification, channel: &str, account: &str) -> String {
    // FNV-1a, 64 bits: stable across builds and processes.
    let hash = format!("{channel}\u{0}{account}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("{}.{hash:016x}", notification.id.simple())
}

/// The pause before a message that failed is offered again, by how many times it was.
fn retry_after(delivered: i64) -> Duration {
    Duration::from_secs(2u64.saturating_pow(delivered.clamp(1, 9) as u32).min(300))
}

/// Delivers what the notify stream holds for `channel` (waiting at most `idle` for more);
/// returns how many pushes were made.
pub async fn deliver<P: Pusher>(
    nats: &async_nats::Client,
    channel: Channel,
    pusher: &P,
    idle: Duration,
) -> Result<usize, DeliveryError> {
    let js = jetstream::new(nats.clone());
    let stream = js.get_stream(NOTIFY_STREAM).await.map_err(js_err)?;
    let name = format!("gateway-{}", channel_name(channel));
    let consumer = stream
        .get_or_create_consumer(
            &name,
            pull::Config {
                durable_name: Some(name.clone()),
                description: Some("Sujarit gateway: notifications into chats".into()),
                ack_policy: AckPolicy::Explicit,
                deliver_policy: DeliverPolicy::All,
                ack_wait: Duration::from_secs(60),
                ..Default::default()
            },
        )
        .await
        .map_err(js_err)?;
    let delivered_log = match js.get_key_value(DELIVERED_BUCKET).await {
        Ok(kv) => kv,
        Err(_) => js
            .create_key_value(jetstream::kv::Config {
                bucket: DELIVERED_BUCKET.into(),
                description: "Sujarit gateway: notifications already pushed to each chat".into(),
                history: 1,
                max_age: Duration::from_secs(3 * 24 * 3600),
                ..Default::default()
            })
            .await
            .map_err(js_err)?,
    };
    let mut messages = consumer.messages().await.map_err(js_err)?;
    let wanted = channel_name(channel);
    let mut pushes = 0;
    loop {
        let next = match tokio::time::timeout(idle, messages.next()).await {
            Ok(Some(Ok(message))) => message,
            Ok(Some(Err(e))) => return Err(js_err(e)),
            Ok(None) | Err(_) => break,
        };
        let Ok(notification) = serde_json::from_slice::<Notification>(&next.payload) else {
            tracing::error!(subject = %next.subject, "not a notification; dropped");
            next.ack().await.map_err(js_err)?;
            continue;
        };
        let targets: Vec<ChatTarget> =
            match sujarit_client::query::ask(nats, query::NOTIFY_TARGETS, &recipient(&notification.recipient), None)
                .await
            {
                Ok((_, targets)) => targets,
                Err(e) => {
                    tracing::warn!(error = %e, "recipients unknown for now; will retry");
                    let times = next.info().map(|info| info.delivered).unwrap_or(1);
                    next.ack_with(jetstream::AckKind::Nak(Some(retry_after(times))))
                        .await
                        .map_err(js_err)?;
                    continue;
                }
            };
        let targets: Vec<ChatTarget> = targets.into_iter().filter(|t| t.channel == wanted).collect();
        // The weekly digest goes with its chart, drawn once for all its chats.
        let chart = match (notification.kind, notification.subjects.first()) {
            (Kind::WeeklyDigest, Some(round_id)) if !targets.is_empty() => {
                match crate::digest::chart(nats, *round_id, None).await {
                    Ok((_, png)) => Some(png),
                    Err(e) => {
                        tracing::warn!(error = %e, "the weekly digest goes without its chart");
                        None
                    }
                }
            }
            _ => None,
        };
        let mut delivered = true;
        for target in &targets {
            let key = delivered_key(&notification, &wanted, &target.account);
            if matches!(delivered_log.get(&key).await, Ok(Some(_))) {
                continue;
            }
            match pusher
                .push(&target.account, &[message(&notification)], chart.as_deref())
                .await
            {
                Ok(()) => {
                    pushes += 1;
                    if let Err(e) = delivered_log.put(&key, "1".into()).await {
                        tracing::warn!(error = %e, "a delivery could not be noted; a retry may repeat it");
                    }
                }
                Err(e) => {
                    tracing::warn!(error = %e, "a notification could not be delivered; will retry");
                    delivered = false;
                }
            }
        }
        if delivered {
            next.ack().await.map_err(js_err)?;
        } else {
            let times = next.info().map(|info| info.delivered).unwrap_or(1);
            next.ack_with(jetstream::AckKind::Nak(Some(retry_after(times))))
                .await
                .map_err(js_err)?;
        }
    }
    Ok(pushes)
}

/// Delivers notifications as they arrive until `shutdown`; after a failure (NATS away, the stream
/// not created yet) it tries again `retry` later.
pub async fn run<P: Pusher>(
    nats: async_nats::Client,
    channel: Channel,
    pusher: P,
    retry: Duration,
    shutdown: CancellationToken,
) {
    loop {
        let pause = tokio::select! {
            _ = shutdown.cancelled() => return,
            delivered = deliver(&nats, channel, &pusher, Duration::from_secs(30)) => match delivered {
                Ok(_) => Duration::ZERO,
                Err(e) => {
                    tracing::debug!(error = %e, "notification delivery will retry");
                    retry
                }
            },
        };
        tokio::select! {
            _ = shutdown.cancelled() => return,
            _ = tokio::time::sleep(pause) => {}
        }
    }
}
