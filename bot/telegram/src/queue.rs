//! Updates of one chat are handled one after another, in the order they came; different chats
//! run side by side.
//!
//! The conversation is a state machine per chat, so two inputs of one chat must not race; but a
//! slow NATS round trip for one chat must not hold up the others. Each chat with work gets a
//! worker task and a bounded queue; the worker ends when its queue is empty, so idle chats cost
//! nothing. Polling and the webhook share one [`ChatQueues`], and every task runs on one
//! [`TaskTracker`] so shutdown can wait for work in flight.

use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use futures::FutureExt;
use tokio::sync::mpsc::{self, error::TryRecvError, error::TrySendError};
use tokio_util::task::TaskTracker;

/// A unit of work for one chat.
pub(crate) type Job = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// How many updates one chat may have waiting before more are dropped (a flood, not a person).
pub(crate) const QUEUE_PER_CHAT: usize = 64;

/// The chat's queue is full; the job was dropped.
#[derive(Debug)]
pub(crate) struct Full;

/// Per-chat ordered queues over one task tracker.
#[derive(Debug, Default)]
pub(crate) struct ChatQueues {
    senders: Mutex<HashMap<String, mpsc::Sender<Job>>>,
    tracker: TaskTracker,
}

impl ChatQueues {
    /// Runs `job` after the chat's earlier jobs.
    pub(crate) fn push(self: &Arc<Self>, chat: &str, job: Job) -> Result<(), Full> {
        // Pushing and a worker's decision to stop both happen under this lock, so a job is never
        // left in a queue nobody reads.
        let mut senders = self.lock();
        let job = match senders.get(chat) {
            Some(sender) => match sender.try_send(job) {
                Ok(()) => return Ok(()),
                Err(TrySendError::Full(_)) => return Err(Full),
                // The worker died (a panic outside the job); start a new one below.
                Err(TrySendError::Closed(job)) => job,
            },
            None => job,
        };
        let (sender, receiver) = mpsc::channel(QUEUE_PER_CHAT);
        if sender.try_send(job).is_err() {
            return Err(Full);
        }
        senders.insert(chat.to_string(), sender);
        let queues = Arc::clone(self);
        let chat = chat.to_string();
        self.tracker.spawn(async move { queues.work(chat, receiver).await });
        Ok(())
    }

    /// Runs `task` outside any chat's order (answering a button press), tracked for shutdown.
    pub(crate) fn spawn(&self, task: impl Future<Output = ()> + Send + 'static) {
        self.tracker.spawn(task);
    }

    /// Waits until every queued and running job is done, or `grace` has passed; whether all
    /// finished. New work may still be queued while and after it waits.
    pub(crate) async fn drain(&self, grace: std::time::Duration) -> bool {
        self.tracker.close();
        let finished = tokio::time::timeout(grace, self.tracker.wait()).await.is_ok();
        self.tracker.reopen();
        finished
    }

    async fn work(self: Arc<Self>, chat: String, mut receiver: mpsc::Receiver<Job>) {
        loop {
            let job = match receiver.try_recv() {
                Ok(job) => job,
                Err(TryRecvError::Disconnected) => return,
                Err(TryRecvError::Empty) => {
                    let mut senders = self.lock();
                    match receiver.try_recv() {
                        Ok(job) => job,
                        Err(_) => {
                            senders.remove(&chat);
                            return;
                        }
                    }
                }
            };
            // A panicking handler loses its own input, not the chat's later ones.
            if AssertUnwindSafe(job).catch_unwind().await.is_err() {
                tracing::error!("a chat update's handling panicked");
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, mpsc::Sender<Job>>> {
        self.senders.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn one_chat_runs_in_order_while_another_is_not_held_up() {
        let queues = Arc::new(ChatQueues::default());
        let (sender, mut seen) = mpsc::unbounded_channel();
        let (release, gate) = tokio::sync::oneshot::channel::<()>();
        let slow = sender.clone();
        queues
            .push(
                "a",
                Box::pin(async move {
                    let _ = gate.await;
                    let _ = slow.send("a1");
                }),
            )
            .unwrap();
        let second = sender.clone();
        queues
            .push("a", Box::pin(async move { second.send("a2").map(drop).unwrap_or(()) }))
            .unwrap();
        let other = sender.clone();
        queues
            .push("b", Box::pin(async move { other.send("b1").map(drop).unwrap_or(()) }))
            .unwrap();
        assert_eq!(seen.recv().await, Some("b1"), "chat b ran while chat a waited");
        release.send(()).unwrap();
        assert_eq!(seen.recv().await, Some("a1"));
        assert_eq!(seen.recv().await, Some("a2"));
        assert!(queues.drain(Duration::from_secs(5)).await);
        assert!(queues.lock().is_empty(), "idle workers are gone");
    }

    #[tokio::test]
    async fn a_panicking_job_does_not_stop_the_chat() {
        let queues = Arc::new(ChatQueues::default());
        let (sender, mut seen) = mpsc::unbounded_channel();
        queues.push("a", Box::pin(async { panic!("boom") })).unwrap();
        queues
            .push("a", Box::pin(async move { sender.send(1).map(drop).unwrap_or(()) }))
            .unwrap();
        assert_eq!(seen.recv().await, Some(1));
    }
}
