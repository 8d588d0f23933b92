//! A catch-up subscription: replays durable events from a position, then follows new commits.

use std::collections::VecDeque;

use tokio::sync::watch;

use crate::writer::Head;
use crate::{EventStore, RecordedEvent, StoreError};

const PAGE: usize = 1024;

/// Yields every durable event in position order, waiting for new ones at the head.
pub struct Subscription {
    store: EventStore,
    next: u64,
    buffer: VecDeque<RecordedEvent>,
    durable: watch::Receiver<Head>,
}

impl Subscription {
    pub(crate) fn new(store: EventStore, next: u64, durable: watch::Receiver<Head>) -> Self {
        Subscription {
            store,
            next,
            buffer: VecDeque::new(),
            durable,
        }
    }

    /// The next event; waits while the subscriber is at the head.
    pub async fn next(&mut self) -> Result<RecordedEvent, StoreError> {
        loop {
            if let Some(event) = self.buffer.pop_front() {
                return Ok(event);
            }
            let head = *self.durable.borrow_and_update();
            if self.next <= head.position {
                let page = self.store.read_all(self.next, PAGE)?;
                if let Some(last) = page.last() {
                    self.next = last.envelope.position + 1;
                }
                self.buffer.extend(page);
                continue;
            }
            if head.failed {
                return Err(StoreError::Unavailable("event store failed a commit".into()));
            }
            self.durable
                .changed()
                .await
                .map_err(|_| StoreError::Unavailable("event store writer has stopped".into()))?;
        }
    }

    /// The position the next event will have.
    pub fn position(&self) -> u64 {
        self.next
    }
}
