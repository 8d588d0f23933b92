//! Key layout and the read side. Every key starts with a one-byte tag:
//! `e` events by position, `s` stream index, `c` command results, `m` metadata.
//! Numbers are big-endian so sled's byte order is numeric order.

use std::path::Path;

use sujarit_contracts::{EventEnvelope, StreamName};
use uuid::Uuid;

use crate::{Committed, OpenError, RawEvent, RecordedEvent, StoreError, FORMAT};

const EVENT: u8 = b'e';
const STREAM: u8 = b's';
const COMMAND: u8 = b'c';
const META: u8 = b'm';
const FORMAT_KEY: &str = "format";

pub(crate) fn event_key(position: u64) -> [u8; 9] {
    let mut key = [EVENT; 9];
    key[1..].copy_from_slice(&position.to_be_bytes());
    key
}

/// `s‖stream‖0`: stream names never contain NUL, so no name is a prefix of another's key.
pub(crate) fn stream_prefix(stream: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(stream.len() + 10);
    key.push(STREAM);
    key.extend_from_slice(stream.as_bytes());
    key.push(0);
    key
}

pub(crate) fn stream_key(stream: &str, version: u64) -> Vec<u8> {
    let mut key = stream_prefix(stream);
    key.extend_from_slice(&version.to_be_bytes());
    key
}

pub(crate) fn command_key(id: Uuid) -> [u8; 17] {
    let mut key = [COMMAND; 17];
    key[1..].copy_from_slice(id.as_bytes());
    key
}

fn meta_key(name: &str) -> Vec<u8> {
    let mut key = vec![META];
    key.extend_from_slice(name.as_bytes());
    key
}

fn be_u64(bytes: &[u8]) -> Result<u64, StoreError> {
    let arr: [u8; 8] = bytes
        .try_into()
        .map_err(|_| StoreError::Damaged(format!("expected 8 bytes, found {}", bytes.len())))?;
    Ok(u64::from_be_bytes(arr))
}

/// Writes the format marker into a new store; refuses an existing one without it or with another.
pub(crate) fn check_format(path: &Path, tree: &sled::Tree, existed: bool) -> Result<(), OpenError> {
    let found = tree
        .get(meta_key(FORMAT_KEY))
        .map_err(|e| OpenError::from_sled(path, e))?;
    match found {
        Some(v) if v.as_ref() == FORMAT.as_bytes() => Ok(()),
        Some(v) => Err(OpenError::Format {
            path: path.to_path_buf(),
            found: String::from_utf8_lossy(&v).into_owned(),
            expected: FORMAT,
        }),
        None if existed || !tree.is_empty() => Err(OpenError::Damaged(
            path.to_path_buf(),
            "no format marker in a non-empty data dir".into(),
        )),
        None => {
            tree.insert(meta_key(FORMAT_KEY), FORMAT.as_bytes())
                .map_err(|e| OpenError::from_sled(path, e))?;
            tree.flush().map_err(|e| OpenError::from_sled(path, e))?;
            Ok(())
        }
    }
}

/// The highest event position, after checking that the newest event decodes and sits at its key.
pub(crate) fn last_position(tree: &sled::Tree) -> Result<u64, String> {
    let Some(last) = tree.scan_prefix([EVENT]).next_back() else {
        return Ok(0);
    };
    let (key, value) = last.map_err(|e| e.to_string())?;
    let position = be_u64(&key[1..]).map_err(|e| e.to_string())?;
    let envelope: EventEnvelope =
        serde_json::from_slice(&value).map_err(|e| format!("the event at position {position} does not decode: {e}"))?;
    if envelope.position != position {
        return Err(format!(
            "the event stored at position {position} says it is at {}",
            envelope.position
        ));
    }
    if position > 1 && tree.get(event_key(position - 1)).map_err(|e| e.to_string())?.is_none() {
        return Err(format!(
            "position {} is missing below the head {position}",
            position - 1
        ));
    }
    Ok(position)
}

/// The stream's last version. Versions are contiguous from 1, so this probes with point lookups
/// (exponential, then binary search) instead of a range scan: sled's iterators copy whole nodes,
/// and most lookups are for new streams, which one `get` answers.
pub(crate) fn stream_version(tree: &sled::Tree, stream: &StreamName) -> Result<u64, StoreError> {
    let exists =
        |version: u64| -> Result<bool, StoreError> { Ok(tree.contains_key(stream_key(stream.as_str(), version))?) };
    if !exists(1)? {
        return Ok(0);
    }
    let (mut low, mut high) = (1u64, 2u64);
    while exists(high)? {
        low = high;
        high = high.saturating_mul(2);
    }
    // low exists, high does not.
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if exists(mid)? {
            low = mid;
        } else {
            high = mid;
        }
    }
    Ok(low)
}

fn decode(position: u64, json: &[u8]) -> Result<RecordedEvent, StoreError> {
    let envelope =
        serde_json::from_slice(json).map_err(|e| StoreError::Damaged(format!("event at position {position}: {e}")))?;
    Ok(RecordedEvent {
        envelope,
        json: json.to_vec(),
    })
}

/// Events of a stream from `from_version`, by point lookups of consecutive versions.
pub(crate) fn read_stream(
    tree: &sled::Tree,
    stream: &StreamName,
    from_version: u64,
) -> Result<Vec<RecordedEvent>, StoreError> {
    let mut out = Vec::new();
    let mut version = from_version.max(1);
    while let Some(position) = tree.get(stream_key(stream.as_str(), version))? {
        let position = be_u64(&position)?;
        let json = tree
            .get(event_key(position))?
            .ok_or_else(|| StoreError::Damaged(format!("stream {stream} points at missing position {position}")))?;
        out.push(decode(position, &json)?);
        version += 1;
    }
    Ok(out)
}

/// Events at positions `from..=to` (at most `limit`). Positions are contiguous, so these are
/// point lookups, which sled serves without copying nodes as its iterators do.
pub(crate) fn read_range(
    tree: &sled::Tree,
    from: u64,
    to: u64,
    limit: usize,
) -> Result<Vec<RecordedEvent>, StoreError> {
    read_range_raw(tree, from, to, limit)?
        .into_iter()
        .map(|raw| decode(raw.position, &raw.json))
        .collect()
}

pub(crate) fn read_range_raw(tree: &sled::Tree, from: u64, to: u64, limit: usize) -> Result<Vec<RawEvent>, StoreError> {
    if from > to || limit == 0 {
        return Ok(Vec::new());
    }
    let last = to.min(from.saturating_add(limit as u64 - 1));
    let mut out = Vec::with_capacity((last - from + 1).min(4096) as usize);
    for position in from..=last {
        let json = tree
            .get(event_key(position))?
            .ok_or_else(|| StoreError::Damaged(format!("position {position} is missing below the head {to}")))?;
        out.push(RawEvent {
            position,
            json: json.to_vec(),
        });
    }
    Ok(out)
}

pub(crate) fn get_command(tree: &sled::Tree, id: Uuid) -> Result<Option<Committed>, StoreError> {
    match tree.get(command_key(id))? {
        None => Ok(None),
        Some(v) => serde_json::from_slice(&v)
            .map(Some)
            .map_err(|e| StoreError::Damaged(format!("command record {id}: {e}"))),
    }
}

pub(crate) fn get_meta(tree: &sled::Tree, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(tree.get(meta_key(name))?.map(|v| v.to_vec()))
}

pub(crate) fn set_meta(tree: &sled::Tree, name: &str, value: &[u8]) -> Result<(), StoreError> {
    tree.insert(meta_key(name), value)?;
    Ok(())
}
