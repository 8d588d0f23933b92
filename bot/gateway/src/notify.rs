//! Delivering the notifier's messages into chats: a durable consumer of `SUJARIT_NOTIFY` per
//! channel; each notification's recipient (a person, a role, an org unit's officers) is resolved
//! to the chat accounts linked on this channel (`notify.targets`), and the text goes out through
//! the channel's `Pusher`. A message is acknowledged only when every push succeeded, so a
//! platform outage delays delivery instead of losing it.

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
            match pusher
                .push(&target.account, &[message(&notification)], chart.as_deref())
                .await
            {
                Ok(()) => pushes += 1,
                Err(e) => {
                    tracing::warn!(error = %e, "a notification could not be delivered; will retry");
                    delivered = false;
                }
            }
        }
        if delivered {
            next.ack().await.map_err(js_err)?;
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
