//! Button payloads that do not fit Telegram's callback data (1–64 bytes).
//!
//! The core keeps its payloads short (`"item:<uuid>"` is 41 bytes), so this is a safety net: a
//! payload longer than 64 bytes is sent as `~` + 32 hex digits of its SHA-256 and remembered
//! here, and the press is resolved back before the handler sees it. A payload that itself starts
//! with `~` goes through the table too, so callback data starting with `~` is always a key and
//! never ambiguous.
//!
//! The table lives in memory, holds at most [`CallbackTable::DEFAULT_CAPACITY`] payloads and
//! forgets the oldest first. A key it no longer knows (after a restart, or a press on a very old
//! message, or on another gateway instance when several share one bot) is answered with a short
//! "this button has expired" notice, and the handler is not called. If gateways ever run several
//! instances behind one webhook with long payloads, this table must move to shared storage.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// Telegram's limit on callback data, in bytes.
pub const MAX_CALLBACK_DATA: usize = 64;

const KEY_PREFIX: char = '~';

/// Long button payloads, keyed by a short hash, so they round-trip through callback data.
#[derive(Debug)]
pub struct CallbackTable {
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    capacity: usize,
    payloads: HashMap<String, String>,
    order: VecDeque<String>,
}

impl Default for CallbackTable {
    fn default() -> Self {
        CallbackTable::with_capacity(Self::DEFAULT_CAPACITY)
    }
}

impl CallbackTable {
    /// How many long payloads a table remembers by default.
    pub const DEFAULT_CAPACITY: usize = 10_000;

    /// A table remembering at most `capacity` payloads (at least one).
    pub fn with_capacity(capacity: usize) -> Self {
        CallbackTable {
            inner: Mutex::new(Inner {
                capacity: capacity.max(1),
                payloads: HashMap::new(),
                order: VecDeque::new(),
            }),
        }
    }

    /// The callback data for `payload`: the payload itself when it fits (and is non-empty and
    /// does not start with `~`), else a table key.
    pub fn encode(&self, payload: &str) -> String {
        if !payload.is_empty() && payload.len() <= MAX_CALLBACK_DATA && !payload.starts_with(KEY_PREFIX) {
            return payload.to_string();
        }
        let digest = Sha256::digest(payload.as_bytes());
        let mut key = String::with_capacity(33);
        key.push(KEY_PREFIX);
        for byte in &digest[..16] {
            key.push_str(&format!("{byte:02x}"));
        }
        let mut inner = self.lock();
        if !inner.payloads.contains_key(&key) {
            if inner.order.len() >= inner.capacity {
                if let Some(oldest) = inner.order.pop_front() {
                    inner.payloads.remove(&oldest);
                }
            }
            inner.order.push_back(key.clone());
            inner.payloads.insert(key.clone(), payload.to_string());
        }
        key
    }

    /// The payload behind callback data: itself, or what its key stands for; `None` for a key
    /// this table does not (or no longer) know.
    pub fn resolve(&self, data: &str) -> Option<String> {
        if !data.starts_with(KEY_PREFIX) {
            return Some(data.to_string());
        }
        self.lock().payloads.get(data).cloned()
    }

    /// How many long payloads are remembered.
    pub fn len(&self) -> usize {
        self.lock().payloads.len()
    }

    /// Whether no long payload is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves the maps consistent (each step is one insert or
        // remove), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_payloads_are_sent_as_they_are() {
        let table = CallbackTable::default();
        assert_eq!(
            table.encode("unit:0190b7c4-1111-7222-8333-944445555666"),
            "unit:0190b7c4-1111-7222-8333-944445555666"
        );
        assert!(table.is_empty());
        assert_eq!(table.resolve("skip").as_deref(), Some("skip"));
    }

    #[test]
    fn long_payloads_fit_in_64_bytes_and_come_back() {
        let table = CallbackTable::default();
        let long = format!("pick:{}", "x".repeat(200));
        let key = table.encode(&long);
        assert!(key.len() <= MAX_CALLBACK_DATA && key.starts_with('~'), "{key}");
        assert_eq!(table.resolve(&key), Some(long.clone()));
        assert_eq!(table.encode(&long), key, "the same payload gets the same key");
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn a_payload_starting_with_the_key_marker_is_never_mistaken_for_a_key() {
        let table = CallbackTable::default();
        let key = table.encode("~tilde");
        assert_ne!(key, "~tilde");
        assert_eq!(table.resolve(&key).as_deref(), Some("~tilde"));
        assert_eq!(table.resolve("~tilde"), None);
    }

    #[test]
    fn the_oldest_payload_is_forgotten_when_the_table_is_full() {
        let table = CallbackTable::with_capacity(2);
        let keys: Vec<String> = (0..3)
            .map(|n| table.encode(&format!("{n}{}", "y".repeat(70))))
            .collect();
        assert_eq!(table.len(), 2);
        assert_eq!(table.resolve(&keys[0]), None);
        assert!(table.resolve(&keys[2]).is_some());
    }
}
