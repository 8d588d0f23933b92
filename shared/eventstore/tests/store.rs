//! Event store behaviour on real sled in temp dirs: versions, idempotency, group commit with
//! fdatasync before every acknowledgement, reads, subscriptions, and refusing foreign data.

use std::collections::HashSet;

use serde_json::value::to_raw_value;
use sujarit_contracts::StreamName;
use sujarit_eventstore::{Append, AppendError, EventStore, ExpectedVersion, NewEvent, OpenError, TimePrecision};
use uuid::Uuid;

fn event(n: u64) -> NewEvent {
    NewEvent {
        event_type: "OrgUnitRegistered".into(),
        schema: 1,
        payload: to_raw_value(&serde_json::json!({ "n": n, "name": "สำนักงานจังหวัดพัทลุง" })).unwrap(),
        precision: TimePrecision::Exact,
    }
}

fn append(stream: &StreamName, expected: ExpectedVersion, events: Vec<NewEvent>) -> Append {
    Append {
        stream: stream.clone(),
        expected,
        events,
        command_id: Uuid::now_v7(),
        actor: "service:test".into(),
        correlation_id: Uuid::now_v7(),
    }
}

fn stream(name: &str) -> StreamName {
    StreamName::of("orgunit", name).unwrap()
}

#[tokio::test]
async fn appended_events_are_read_back_by_stream_and_by_position_with_full_envelopes() {
    let dir = tempfile::tempdir().unwrap();
    let store = EventStore::open(dir.path()).unwrap();
    let a = stream("a");
    let b = stream("b");
    let first = store
        .append(append(&a, ExpectedVersion::NoStream, vec![event(1), event(2)]))
        .await
        .unwrap();
    let second = store
        .append(append(&b, ExpectedVersion::NoStream, vec![event(3)]))
        .await
        .unwrap();
    let third = store
        .append(append(&a, ExpectedVersion::Exact(2), vec![event(4)]))
        .await
        .unwrap();
    assert_eq!(first.committed.positions, vec![1, 2]);
    assert_eq!(first.committed.version, 2);
    assert_eq!(second.committed.positions, vec![3]);
    assert_eq!(third.committed.version, 3);

    let of_a = store.read_stream(&a, 1).unwrap();
    assert_eq!(
        of_a.iter().map(|e| e.envelope.version).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(
        of_a.iter().map(|e| e.envelope.position).collect::<Vec<_>>(),
        vec![1, 2, 4]
    );
    assert_eq!(store.read_stream(&a, 3).unwrap().len(), 1);
    assert_eq!(store.stream_version(&a).unwrap(), 3);
    assert_eq!(store.stream_version(&stream("none")).unwrap(), 0);

    let all = store.read_all(1, 100).unwrap();
    assert_eq!(all.len(), 4);
    let env = &all[0].envelope;
    assert_eq!(env.stream, a.as_str());
    assert_eq!(env.event_type, "OrgUnitRegistered");
    assert_eq!(env.actor, "service:test");
    assert_eq!(env.event_id.get_version_num(), 7);
    assert!(env.payload.get().contains("พัทลุง"));
    assert_eq!(store.read_all(3, 1).unwrap()[0].envelope.position, 3);
}

#[tokio::test]
async fn a_stale_expected_version_is_a_conflict_naming_the_actual_version_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = EventStore::open(dir.path()).unwrap();
    let s = stream("x");
    store
        .append(append(&s, ExpectedVersion::NoStream, vec![event(1)]))
        .await
        .unwrap();
    let err = store
        .append(append(&s, ExpectedVersion::Exact(0), vec![event(2)]))
        .await
        .unwrap_err();
    assert!(matches!(err, AppendError::Conflict { actual: 1, .. }), "{err:?}");
    let err = store
        .append(append(&s, ExpectedVersion::NoStream, vec![event(2)]))
        .await
        .unwrap_err();
    assert!(matches!(err, AppendError::Conflict { actual: 1, .. }));
    assert_eq!(store.durable_position(), 1);
    store
        .append(append(&s, ExpectedVersion::Any, vec![event(3)]))
        .await
        .unwrap();
    assert_eq!(store.stream_version(&s).unwrap(), 2);
}

#[tokio::test]
async fn a_retried_command_id_returns_the_first_result_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = EventStore::open(dir.path()).unwrap();
    let s = stream("idem");
    let req = append(&s, ExpectedVersion::NoStream, vec![event(1)]);
    let first = store.append(req.clone()).await.unwrap();
    // Same id again, even with an expected version that would now conflict.
    let again = store.append(req.clone()).await.unwrap();
    assert!(!first.replayed);
    assert!(again.replayed);
    assert_eq!(first.committed, again.committed);
    assert_eq!(store.durable_position(), 1);
    assert_eq!(
        store.lookup_command(req.command_id).await.unwrap(),
        Some(first.committed)
    );
    assert_eq!(store.lookup_command(Uuid::now_v7()).await.unwrap(), None);

    // Duplicates inside one group commit are also applied once.
    let dup = append(&stream("dup"), ExpectedVersion::NoStream, vec![event(2)]);
    let (x, y) = tokio::join!(store.append(dup.clone()), store.append(dup.clone()));
    let (x, y) = (x.unwrap(), y.unwrap());
    assert_eq!(x.committed, y.committed);
    assert!(x.replayed != y.replayed);
    assert_eq!(store.durable_position(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_appends_share_group_commits_and_every_ack_comes_after_its_fdatasync() {
    let dir = tempfile::tempdir().unwrap();
    let store = EventStore::open(dir.path()).unwrap();
    let mut tasks = Vec::new();
    for t in 0..64u64 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut acks = Vec::new();
            for i in 0..50u64 {
                let s = StreamName::of("orgunit", format!("t{t}-{i}")).unwrap();
                let outcome = store
                    .append(append(&s, ExpectedVersion::NoStream, vec![event(i)]))
                    .await
                    .unwrap();
                // The counting hook: the group that made this append durable has been synced.
                let synced = store.stats().syncs;
                assert!(
                    synced >= outcome.group,
                    "ack of group {} before its sync ({synced})",
                    outcome.group
                );
                acks.push(outcome.committed.positions[0]);
            }
            acks
        }));
    }
    let mut positions = HashSet::new();
    for task in tasks {
        for p in task.await.unwrap() {
            assert!(positions.insert(p), "position {p} handed out twice");
        }
    }
    let stats = store.stats();
    assert_eq!(positions.len(), 3200);
    assert_eq!(stats.events, 3200);
    assert_eq!(stats.syncs, stats.groups);
    assert!(
        stats.groups < 3200,
        "64 concurrent writers should share commits, got {} groups",
        stats.groups
    );
    assert_eq!(store.durable_position(), 3200);
}

#[tokio::test]
async fn events_survive_closing_and_reopening_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let s = stream("keep");
    {
        let store = EventStore::open(dir.path()).unwrap();
        for i in 0..10 {
            store
                .append(append(&s, ExpectedVersion::Exact(i), vec![event(i)]))
                .await
                .unwrap();
        }
    }
    let store = EventStore::open(dir.path()).unwrap();
    assert_eq!(store.durable_position(), 10);
    assert_eq!(store.stream_version(&s).unwrap(), 10);
    let next = store
        .append(append(&s, ExpectedVersion::Exact(10), vec![event(10)]))
        .await
        .unwrap();
    assert_eq!(next.committed.positions, vec![11]);
}

#[tokio::test]
async fn a_subscription_replays_history_then_follows_new_commits() {
    let dir = tempfile::tempdir().unwrap();
    let store = EventStore::open(dir.path()).unwrap();
    let s = stream("sub");
    store
        .append(append(&s, ExpectedVersion::NoStream, vec![event(1), event(2)]))
        .await
        .unwrap();
    let mut sub = store.subscribe(2);
    assert_eq!(sub.next().await.unwrap().envelope.position, 2);
    let waiter = tokio::spawn(async move { sub.next().await.map(|e| e.envelope.position) });
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    store
        .append(append(&s, ExpectedVersion::Exact(2), vec![event(3)]))
        .await
        .unwrap();
    assert_eq!(waiter.await.unwrap().unwrap(), 3);
}

#[tokio::test]
async fn anonymous_precision_truncates_time_to_the_hour_and_uses_a_random_event_id() {
    let dir = tempfile::tempdir().unwrap();
    let store = EventStore::open(dir.path()).unwrap();
    let mut e = event(1);
    e.precision = TimePrecision::Hour;
    store
        .append(append(&stream("tip"), ExpectedVersion::NoStream, vec![e]))
        .await
        .unwrap();
    let env = store.read_all(1, 1).unwrap().remove(0).envelope;
    assert_eq!(env.event_id.get_version_num(), 4);
    assert_eq!(env.occurred_at.timestamp() % 3600, 0);
}

#[tokio::test]
async fn empty_oversized_and_badly_named_appends_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = EventStore::open(dir.path()).unwrap();
    let s = stream("bad");
    let err = store
        .append(append(&s, ExpectedVersion::Any, vec![]))
        .await
        .unwrap_err();
    assert!(matches!(err, AppendError::Invalid(_)));
    let mut big = event(1);
    big.payload = to_raw_value(&"x".repeat(70_000)).unwrap();
    let err = store
        .append(append(&s, ExpectedVersion::Any, vec![big]))
        .await
        .unwrap_err();
    assert!(matches!(err, AppendError::Invalid(m) if m.contains("limit")));
    let mut named = event(1);
    named.event_type = "bad type".into();
    assert!(store
        .append(append(&s, ExpectedVersion::Any, vec![named]))
        .await
        .is_err());
    assert_eq!(store.durable_position(), 0);
}

#[tokio::test]
async fn a_data_dir_of_another_format_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    {
        let db = sled::open(dir.path()).unwrap();
        let tree = db.open_tree("events").unwrap();
        tree.insert(b"mformat", b"sujarit-eventstore/999".as_slice()).unwrap();
        db.flush().unwrap();
    }
    let err = EventStore::open(dir.path()).err().expect("must refuse");
    assert!(
        matches!(err, OpenError::Format { ref found, .. } if found == "sujarit-eventstore/999"),
        "{err}"
    );
    assert!(err.to_string().contains("nothing was changed"));
    // Still the foreign marker: not reset.
    let db = sled::open(dir.path()).unwrap();
    assert_eq!(
        &*db.open_tree("events").unwrap().get(b"mformat").unwrap().unwrap(),
        b"sujarit-eventstore/999"
    );
}

#[tokio::test]
async fn a_damaged_data_dir_is_refused_with_a_clear_message_not_reset() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = EventStore::open(dir.path()).unwrap();
        store
            .append(append(&stream("d"), ExpectedVersion::NoStream, vec![event(1)]))
            .await
            .unwrap();
    }
    // Overwrite the whole log with garbage of the same length.
    let db_file = dir.path().join("db");
    let len = std::fs::metadata(&db_file).unwrap().len() as usize;
    std::fs::write(&db_file, vec![0xA5u8; len]).unwrap();
    let err = EventStore::open(dir.path()).err().expect("must refuse");
    assert!(matches!(err, OpenError::Damaged(..) | OpenError::Io(..)), "{err}");
    // The refusal sticks: a second start does not quietly begin an empty store.
    let again = EventStore::open(dir.path()).err().expect("must still refuse");
    assert!(again.to_string().contains("restore it from a backup"), "{again}");
}
