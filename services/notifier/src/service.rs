//! The notifier as a service: the [`Schedule`] fed from `SUJARIT_EVENTS` through a durable
//! consumer, ticked by a clock, its due notifications published to the JetStream stream
//! `SUJARIT_NOTIFY` on `sujarit.notify.<recipient>` with `Nats-Msg-Id` = the notification's
//! deterministic id (so a restart, or a second notifier, never delivers one twice within the
//! stream's duplicate window), then marked sent.
//!
//! The schedule (with its sent log) is kept in `<dir>/schedule.json`, written atomically after
//! every batch of events and every tick; it can always be rebuilt from the events. The clock is
//! injected ([`Clock`]): tests drive weeks of schedule with [`Notifier::tick`] in milliseconds.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use async_nats::jetstream::{self, stream};
use chrono::{DateTime, Utc};
use futures::StreamExt;
use sujarit_contracts::EventEnvelope;
use tokio::sync::Mutex;
use tokio_util::sync::CancellationToken;

use crate::{Calendar, Notification, Recipient, Rules, Schedule};

/// The stream notifications are published to.
pub const NOTIFY_STREAM: &str = "SUJARIT_NOTIFY";
/// Subjects of notifications: `sujarit.notify.person.<id>`, `.role.<role>`, `.orgunit.<id>`.
pub const NOTIFY_SUBJECTS: &str = "sujarit.notify.>";
/// Default durable consumer name.
pub const DEFAULT_DURABLE: &str = "notifier";

/// The time, as the notifier sees it.
pub trait Clock: Send + Sync + 'static {
    /// Now.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Why the notifier failed.
#[derive(Debug, thiserror::Error)]
pub enum NotifierError {
    /// JetStream refused or failed.
    #[error("JetStream: {0}")]
    JetStream(String),
    /// The schedule file could not be read or written.
    #[error("schedule file {0}: {1}")]
    File(PathBuf, std::io::Error),
}

fn js_err(e: impl std::fmt::Display) -> NotifierError {
    NotifierError::JetStream(e.to_string())
}

/// The subject a notification is published on.
pub fn subject(recipient: &Recipient) -> String {
    match recipient {
        Recipient::Person(id) => format!("sujarit.notify.person.{id}"),
        Recipient::Role(role) => format!("sujarit.notify.role.{}", role.as_str()),
        Recipient::OrgUnit(id) => format!("sujarit.notify.orgunit.{id}"),
    }
}

/// The notify stream's configuration: notifications kept 30 days, duplicates (by id) refused for
/// two days, which covers a notifier restart or a second instance ticking late.
pub fn stream_config() -> stream::Config {
    stream::Config {
        name: NOTIFY_STREAM.to_string(),
        description: Some("Sujarit notifications for the chat channels (Nats-Msg-Id = notification id)".into()),
        subjects: vec![NOTIFY_SUBJECTS.to_string()],
        storage: stream::StorageType::File,
        duplicate_window: Duration::from_secs(48 * 3600),
        max_age: Duration::from_secs(30 * 24 * 3600),
        ..Default::default()
    }
}

/// A running notifier.
pub struct Notifier {
    js: jetstream::Context,
    file: PathBuf,
    durable: String,
    rules: Rules,
    calendar: Calendar,
    schedule: Mutex<Schedule>,
}

fn load(file: &Path) -> Result<Schedule, NotifierError> {
    match std::fs::read(file) {
        Ok(bytes) => Ok(serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "the schedule file cannot be read; rebuilding it from the events");
            Schedule::new()
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Schedule::new()),
        Err(e) => Err(NotifierError::File(file.to_path_buf(), e)),
    }
}

fn save(file: &Path, schedule: &Schedule) -> Result<(), NotifierError> {
    let io = |e| NotifierError::File(file.to_path_buf(), e);
    let json = serde_json::to_vec(schedule).map_err(|e| io(std::io::Error::other(e)))?;
    let tmp = file.with_extension("tmp");
    std::fs::write(&tmp, json).map_err(io)?;
    std::fs::rename(&tmp, file).map_err(io)
}

impl Notifier {
    /// Opens the schedule in `dir` and makes sure the notify stream exists.
    pub async fn open(
        client: async_nats::Client,
        dir: &Path,
        durable: &str,
        rules: Rules,
    ) -> Result<Self, NotifierError> {
        std::fs::create_dir_all(dir).map_err(|e| NotifierError::File(dir.to_path_buf(), e))?;
        let file = dir.join("schedule.json");
        let schedule = load(&file)?;
        let js = jetstream::new(client);
        js.get_or_create_stream(stream_config()).await.map_err(js_err)?;
        Ok(Notifier {
            js,
            file,
            durable: durable.to_string(),
            // Fixed-date holidays around now, and the configured ones (lunar, substitution days).
            calendar: Calendar::thailand(2024..=2035).with_holidays(rules.holidays.iter().copied()),
            rules,
            schedule: Mutex::new(schedule),
        })
    }

    /// The last event position folded.
    pub async fn position(&self) -> u64 {
        self.schedule.lock().await.position()
    }

    /// Folds every event the stream holds now (waits at most `idle` for the next one).
    pub async fn catch_up(&self, idle: Duration) -> Result<u64, NotifierError> {
        let position = self.position().await;
        let consumer =
            sujarit_client::events::durable_consumer(&self.js, &self.durable, "Sujarit notifier: schedule", position)
                .await
                .map_err(js_err)?;
        let mut messages = consumer
            .stream()
            .max_messages_per_batch(1000)
            .messages()
            .await
            .map_err(js_err)?;
        let mut folded = 0;
        let mut last = None;
        loop {
            let next = match tokio::time::timeout(idle, messages.next()).await {
                Ok(Some(Ok(message))) => message,
                Ok(Some(Err(e))) => return Err(js_err(e)),
                Ok(None) | Err(_) => break,
            };
            if let Ok(envelope) = serde_json::from_slice::<EventEnvelope>(&next.payload) {
                self.schedule.lock().await.apply(&envelope);
                folded += 1;
            }
            last = Some(next);
        }
        save(&self.file, &*self.schedule.lock().await)?;
        if let Some(message) = last {
            message.ack().await.map_err(js_err)?;
        }
        Ok(folded)
    }

    /// Publishes every notification due at `now` (once: by id in the stream, and marked sent).
    pub async fn tick(&self, now: DateTime<Utc>) -> Result<Vec<Notification>, NotifierError> {
        let mut schedule = self.schedule.lock().await;
        let due = schedule.due(now, &self.rules, &self.calendar);
        for notification in &due {
            let mut headers = async_nats::HeaderMap::new();
            headers.insert("Nats-Msg-Id", notification.id.to_string().as_str());
            let body = serde_json::to_vec(notification).map_err(js_err)?;
            self.js
                .publish_with_headers(subject(&notification.recipient), headers, body.into())
                .await
                .map_err(js_err)?
                .await
                .map_err(js_err)?;
            schedule.mark_sent(notification.id);
        }
        save(&self.file, &schedule)?;
        Ok(due)
    }

    /// Runs until `shutdown`: folds new events, ticks every `every` with `clock`.
    pub async fn run(self: Arc<Self>, clock: Arc<dyn Clock>, every: Duration, shutdown: CancellationToken) {
        loop {
            if let Err(e) = self.catch_up(Duration::from_millis(200)).await {
                tracing::warn!(error = %e, "notifier could not read events; retrying");
            }
            match self.tick(clock.now()).await {
                Ok(sent) if !sent.is_empty() => tracing::info!(sent = sent.len(), "notifications published"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "notifier could not publish; retrying"),
            }
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = tokio::time::sleep(every) => {}
            }
        }
    }
}
