//! Kill -9 durability: `sujarit up` runs as a child process under load from many concurrent
//! clients and is killed mid-stream. After a restart on the same data dir, every command that
//! was acknowledged is present exactly once, and JetStream mirrors the log.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sujarit_client::CommandClient;
use sujarit_contracts::Reply;
use uuid::Uuid;

use crate::harness::*;

/// An acknowledged command: (org unit id, command id, positions).
type Acked = (Uuid, Uuid, Vec<u64>);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_load_loses_no_acknowledged_command_and_duplicates_none() {
    let data = tempfile::tempdir().unwrap();
    let mut up = Up::start(data.path());
    let nc = sujarit_ledger::connect(&up.nats_url, "crash-test").await.unwrap();
    let client = CommandClient::new(nc, admin());

    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    let mut senders = Vec::new();
    for worker in 0..48 {
        let client = client.clone();
        let acked = acked.clone();
        senders.push(tokio::spawn(async move {
            for i in 0.. {
                let id = Uuid::now_v7();
                let command_id = Uuid::now_v7();
                let options = sujarit_client::SendOptions {
                    command_id: Some(command_id),
                    ..Default::default()
                };
                match client
                    .send_with(&register(id, &format!("หน่วย {worker}-{i}")), options)
                    .await
                {
                    Ok(answer) => match answer.reply {
                        Reply::Accepted { positions, .. } => acked.lock().unwrap().push((id, command_id, positions)),
                        other => panic!("rejected under load: {other:?}"),
                    },
                    // The server is gone: stop this sender.
                    Err(_) => break,
                }
            }
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while acked.lock().unwrap().len() < 3000 {
        assert!(
            Instant::now() < deadline,
            "too slow: {} acks",
            acked.lock().unwrap().len()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    up.kill_9();
    drop(client);
    for s in senders {
        let _ = tokio::time::timeout(Duration::from_secs(30), s).await;
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 3000);

    // Restart on the same data dir (the old nats-server died with its parent).
    let up = Up::start(data.path());
    let nc = sujarit_ledger::connect(&up.nats_url, "crash-check").await.unwrap();
    let client = CommandClient::new(nc.clone(), admin());

    // Every acknowledged command is known: its retry is answered from the record, identically.
    for (id, command_id, positions) in &acked {
        let answer = send_until_answered(&client, &register(*id, "retry"), *command_id).await;
        assert!(answer.replayed, "acknowledged command {command_id} was lost");
        let Reply::Accepted { positions: again, .. } = answer.reply else {
            panic!("{:?}", answer.reply)
        };
        assert_eq!(&again, positions);
    }

    // And JetStream holds the whole log once: wait until the outbox reaches the store's head.
    let deadline = Instant::now() + Duration::from_secs(60);
    let head = loop {
        let stats = nc.request("$SRV.STATS.sujarit-ledger", "".into()).await.unwrap();
        let stats: serde_json::Value = serde_json::from_slice(&stats.payload).unwrap();
        let data = &stats["endpoints"][0]["data"];
        let (durable, published) = (data["durable_position"].as_u64(), data["published_position"].as_u64());
        if durable.is_some() && durable == published {
            break durable.unwrap_or(0);
        }
        assert!(Instant::now() < deadline, "JetStream did not catch up: {data}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let published = stream_events(&nc).await;
    assert_eq!(published.len() as u64, head);
    let mut seen = std::collections::HashMap::new();
    for (i, event) in published.iter().enumerate() {
        assert_eq!(event.sequence, i as u64 + 1, "gap or duplicate in the stream");
        *seen.entry(event.envelope.stream.clone()).or_insert(0) += 1;
    }
    for (id, _, positions) in &acked {
        assert_eq!(
            seen.get(&format!("orgunit-{id}")),
            Some(&1),
            "unit {id} not exactly once"
        );
        assert_eq!(
            published[(positions[0] - 1) as usize].envelope.stream,
            format!("orgunit-{id}")
        );
    }
    assert!(seen.values().all(|n| *n == 1), "some stream got two registrations");
}
