//! The query service's own sled: each stream's folded state (JSON) and the position they include,
//! written together in one batch so a crash never leaves states and position out of step.
//! Everything here can be thrown away and rebuilt from the event stream; a directory written by
//! another format version is rebuilt rather than misread.

use std::collections::HashMap;
use std::path::Path;

use crate::models::{Entry, Models};

const FORMAT: &[u8] = b"sujarit-query/1";
const META_FORMAT: &[u8] = b"m/format";
const META_POSITION: &[u8] = b"m/position";
const META_SKIPPED: &[u8] = b"m/skipped";
/// Key prefix of stream states; meta keys start with `m/`, so one tree holds both and one batch
/// writes both atomically.
const STATE_PREFIX: &[u8] = b"s/";

/// Why the read-model store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// sled failed.
    #[error("query store: {0}")]
    Sled(#[from] sled::Error),
    /// A stored state could not be read back.
    #[error("query store: state of {0} cannot be read: {1}")]
    Corrupt(String, serde_json::Error),
    /// A state could not be written.
    #[error("query store: state of {0} cannot be written: {1}")]
    Encode(String, serde_json::Error),
}

/// The read-model store.
pub struct Store {
    db: sled::Db,
    tree: sled::Tree,
}

impl Store {
    /// Opens (or creates) the store in `dir`.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        // Every checkpoint flushes; no background flusher to outlive a closed store's lock.
        let db = sled::Config::new().path(dir).flush_every_ms(None).open()?;
        let tree = db.open_tree("views")?;
        Ok(Store { db, tree })
    }

    /// Loads the models; a store of another format (or a damaged state) gives empty models, which
    /// the service then rebuilds from the stream.
    pub fn load(&self) -> Result<Models, StoreError> {
        if self.tree.get(META_FORMAT)?.as_deref() != Some(FORMAT) {
            if !self.tree.is_empty() {
                tracing::warn!("query store is of another format; rebuilding from the event stream");
            }
            self.clear()?;
            return Ok(Models::default());
        }
        let mut streams = HashMap::new();
        for item in self.tree.scan_prefix(STATE_PREFIX) {
            let (key, value) = item?;
            let stream = String::from_utf8_lossy(&key[STATE_PREFIX.len()..]).into_owned();
            match serde_json::from_slice::<Entry>(&value) {
                Ok(entry) => {
                    streams.insert(stream, entry);
                }
                Err(e) => {
                    tracing::warn!(error = %StoreError::Corrupt(stream, e), "rebuilding from the event stream");
                    self.clear()?;
                    return Ok(Models::default());
                }
            }
        }
        Ok(Models::restore(
            streams,
            read_u64(&self.tree, META_POSITION)?,
            read_u64(&self.tree, META_SKIPPED)?,
        ))
    }

    /// Writes the changed streams and the position in one atomic batch, then flushes.
    pub async fn checkpoint(&self, changed: &[(String, Entry)], position: u64, skipped: u64) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        for (stream, entry) in changed {
            let json = serde_json::to_vec(entry).map_err(|e| StoreError::Encode(stream.clone(), e))?;
            batch.insert([STATE_PREFIX, stream.as_bytes()].concat(), json);
        }
        batch.insert(META_POSITION, &position.to_be_bytes());
        batch.insert(META_SKIPPED, &skipped.to_be_bytes());
        batch.insert(META_FORMAT, FORMAT);
        self.tree.apply_batch(batch)?;
        self.db.flush_async().await?;
        Ok(())
    }

    /// Replaces everything with `models` (after a rebuild).
    pub async fn replace(&self, models: &Models) -> Result<(), StoreError> {
        self.clear()?;
        let all: Vec<(String, Entry)> = models.all().map(|(s, e)| (s.clone(), e.clone())).collect();
        self.checkpoint(&all, models.position(), models.skipped()).await
    }

    fn clear(&self) -> Result<(), StoreError> {
        self.tree.clear()?;
        Ok(())
    }
}

fn read_u64(tree: &sled::Tree, key: &[u8]) -> Result<u64, StoreError> {
    Ok(tree
        .get(key)?
        .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
        .map(u64::from_be_bytes)
        .unwrap_or(0))
}
