//! `sujarit bench query`: how fast the query service builds its read models from the event
//! stream, and how fast it answers the round report.
//!
//! It writes a synthetic but well-formed history — 100 org units, a plan of 1,000 items spread
//! over them, endorsed, and reporting rounds whose items are drafted, submitted, returned and
//! accepted — into `SUJARIT_EVENTS` of a private nats-server, then measures, in one run:
//! - baseline: parsing the event envelopes alone (serde, no read models), in memory;
//! - folding the same events into the read models in memory (parse + decode + apply);
//! - the query service catching up through its durable consumer from an empty store;
//! - `rebuild` (drop and replay through an ephemeral batch consumer), the path of `sujarit rebuild`;
//! - `round.report` latency over NATS on the last round (1,000 items × 100 org units).

use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::{NaiveDate, Utc};
use sujarit_contracts::orgunit::{OrgUnitEvent, OrgUnitRegistered};
use sujarit_contracts::plan::{
    Budget, ItemKind, PlanDrafted, PlanEndorsed, PlanEvent, PlanItem, PlanItemAdded, PlanSubmittedForEndorsement,
};
use sujarit_contracts::query::{self, IdRequest, RoundReport};
use sujarit_contracts::round::{
    Period, ProgressStatus, RoundEvent, RoundItem, RoundOpened, SubmissionAccepted, SubmissionContent,
    SubmissionDrafted, SubmissionReturned, SubmissionSubmitted,
};
use sujarit_contracts::{subjects, DomainEvent, EventEnvelope};
use sujarit_natsd::{LocalNats, Options};
use sujarit_query::Models;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

const ORG_UNITS: usize = 100;
const ITEMS: usize = 1_000;

/// Builds envelopes with contiguous positions and per-stream versions.
struct History {
    events: Vec<Vec<u8>>,
    versions: std::collections::HashMap<String, u64>,
}

impl History {
    fn push<E: DomainEvent>(&mut self, stream: String, event: E) -> anyhow::Result<()> {
        let version = self.versions.entry(stream.clone()).or_default();
        *version += 1;
        let id = Uuid::now_v7();
        let envelope = EventEnvelope {
            event_id: id,
            stream,
            version: *version,
            position: self.events.len() as u64 + 1,
            event_type: event.event_type().to_string(),
            schema: event.schema(),
            occurred_at: Utc::now(),
            actor: "service:bench".into(),
            correlation_id: id,
            causation_id: id,
            payload: event.to_payload()?,
        };
        self.events.push(serde_json::to_vec(&envelope)?);
        Ok(())
    }
}

/// The synthetic history: about `total` events; returns them and the last round's id.
fn history(total: usize) -> anyhow::Result<(Vec<Vec<u8>>, Uuid)> {
    let mut h = History {
        events: Vec::with_capacity(total + ITEMS + ORG_UNITS + 8),
        versions: Default::default(),
    };
    let units: Vec<Uuid> = (0..ORG_UNITS).map(|_| Uuid::now_v7()).collect();
    for (i, unit) in units.iter().enumerate() {
        h.push(
            sujarit_contracts::orgunit::stream(*unit).to_string(),
            OrgUnitEvent::from(OrgUnitRegistered {
                org_unit_id: *unit,
                name: format!("องค์การบริหารส่วนตำบลทดสอบ {}", i + 1),
                aliases: vec![],
            }),
        )?;
    }
    let plan_id = Uuid::now_v7();
    let plan_stream = sujarit_contracts::plan::stream(plan_id).to_string();
    h.push(
        plan_stream.clone(),
        PlanEvent::from(PlanDrafted {
            plan_id,
            title: "แผนปฏิบัติการฯ ทดสอบประสิทธิภาพ".into(),
            fiscal_year_from: 2570,
            fiscal_year_to: 2570,
            owner_org_unit_id: None,
        }),
    )?;
    let items: Vec<PlanItem> = (0..ITEMS)
        .map(|i| PlanItem {
            item_id: Uuid::now_v7(),
            code: format!("{}", i + 1),
            parent_item_id: None,
            dimension: format!("มิติที่ {}", i % 4 + 1),
            sub_dimension: None,
            kind: ItemKind::Project,
            name: format!("โครงการป้องกันการทุจริต ลำดับที่ {}", i + 1),
            objective: None,
            indicator: Some("ร้อยละของผู้เข้าร่วมโครงการ".into()),
            target: Some("ร้อยละ 80".into()),
            budget: Budget::Amount {
                satang: 1_000_000 + i as i64,
            },
            yearly_budgets: vec![],
            planned_quarters: [true, true, true, true],
            org_unit_id: Some(units[i % ORG_UNITS]),
            org_unit_name: None,
        })
        .collect();
    for item in &items {
        h.push(
            plan_stream.clone(),
            PlanEvent::from(PlanItemAdded {
                plan_id,
                revision: 1,
                item: item.clone(),
            }),
        )?;
    }
    h.push(
        plan_stream.clone(),
        PlanEvent::from(PlanSubmittedForEndorsement {
            plan_id,
            revision: 1,
            meeting: "ประชุมครั้งที่ 1/2570".into(),
            agenda_item: "วาระที่ 3".into(),
        }),
    )?;
    h.push(
        plan_stream,
        PlanEvent::from(PlanEndorsed {
            plan_id,
            revision: 1,
            meeting_no: "2/2570".into(),
            meeting_date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default(),
            resolution: "เห็นชอบ".into(),
        }),
    )?;
    let due = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap_or_default();
    let round_items: Vec<RoundItem> = items
        .iter()
        .map(|item| RoundItem {
            item_id: item.item_id,
            code: item.code.clone(),
            name: item.name.clone(),
            dimension: item.dimension.clone(),
            org_unit_id: item.org_unit_id,
            budget: item.budget,
        })
        .collect();
    let mut last_round = Uuid::nil();
    while h.events.len() < total {
        let round_id = Uuid::now_v7();
        last_round = round_id;
        let stream = sujarit_contracts::round::stream(round_id).to_string();
        h.push(
            stream.clone(),
            RoundEvent::from(RoundOpened {
                round_id,
                plan_id,
                plan_revision: 1,
                fiscal_year: 2570,
                period: Period::Q1,
                due_on: due,
                entry_closes_after_days: 15,
                entry_closes_on: due + chrono::Days::new(15),
                items: round_items.clone(),
            }),
        )?;
        // Each item: drafted, submitted, returned, drafted again, submitted, accepted.
        for (i, item) in round_items.iter().enumerate() {
            let content = SubmissionContent {
                status: if i % 3 == 0 {
                    ProgressStatus::Completed
                } else {
                    ProgressStatus::InProgress
                },
                disbursed: Budget::Amount { satang: 500_000 },
                quarters_done: [true, false, false, false],
                indicator_result: Some("ร้อยละ 85".into()),
                narrative: Some("ดำเนินการตามแผน".into()),
                evidence: vec![],
                remark: None,
                not_carried_out_reason: None,
            };
            let drafted = || {
                RoundEvent::from(SubmissionDrafted {
                    round_id,
                    item_id: item.item_id,
                    content: content.clone(),
                    over_budget: false,
                })
            };
            let submitted = || {
                RoundEvent::from(SubmissionSubmitted {
                    round_id,
                    item_id: item.item_id,
                    submitted_on: due,
                    late: false,
                })
            };
            h.push(stream.clone(), drafted())?;
            h.push(stream.clone(), submitted())?;
            h.push(
                stream.clone(),
                RoundEvent::from(SubmissionReturned {
                    round_id,
                    item_id: item.item_id,
                    reason: "แนบหลักฐานเพิ่มเติม".into(),
                }),
            )?;
            h.push(stream.clone(), drafted())?;
            h.push(stream.clone(), submitted())?;
            h.push(
                stream.clone(),
                RoundEvent::from(SubmissionAccepted {
                    round_id,
                    item_id: item.item_id,
                }),
            )?;
            if h.events.len() >= total {
                break;
            }
        }
    }
    Ok((h.events, last_round))
}

fn rate(events: usize, elapsed: Duration) -> f64 {
    events as f64 / elapsed.as_secs_f64().max(1e-9)
}

/// Runs the benchmark.
pub async fn run(events: usize, reports: usize) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    println!(
        "sujarit bench query — {events} events, data in {}",
        dir.path().display()
    );
    let started = Instant::now();
    let (history, round_id) = tokio::task::spawn_blocking(move || history(events)).await??;
    let bytes: usize = history.iter().map(Vec::len).sum();
    println!(
        "generated {} events ({:.1} MB) in {:.1} s",
        history.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    // In memory: envelope parsing alone, then parse + decode + fold.
    let history = std::sync::Arc::new(history);
    let (baseline, fold, digest) = tokio::task::spawn_blocking({
        let history = history.clone();
        move || -> anyhow::Result<(Duration, Duration, String)> {
            let started = Instant::now();
            let mut positions = 0u64;
            for raw in history.iter() {
                let envelope: EventEnvelope = serde_json::from_slice(raw)?;
                positions = positions.wrapping_add(envelope.position);
            }
            let baseline = started.elapsed();
            std::hint::black_box(positions);
            let started = Instant::now();
            let mut models = Models::default();
            for raw in history.iter() {
                let envelope: EventEnvelope = serde_json::from_slice(raw)?;
                models.apply(&envelope);
            }
            Ok((baseline, started.elapsed(), models.digest()))
        }
    })
    .await??;
    let n = history.len();
    println!(
        "baseline  parse envelopes only, in memory:        {:>10.0} events/s",
        rate(n, baseline)
    );
    println!(
        "fold      parse + decode + apply, in memory:      {:>10.0} events/s  ({:.2} × baseline)",
        rate(n, fold),
        baseline.as_secs_f64() / fold.as_secs_f64()
    );

    // Through JetStream.
    let nats = tokio::task::spawn_blocking({
        let dir = dir.path().join("nats");
        move || {
            LocalNats::start(Options {
                dir,
                port: None,
                die_with_parent: false,
            })
        }
    })
    .await??;
    let client = sujarit_ledger::connect(&nats.url(), "bench-publisher").await?;
    let js = async_nats::jetstream::new(client.clone());
    let mut config = sujarit_ledger::outbox::stream_config();
    config.max_message_size = 8 * 1024 * 1024;
    js.get_or_create_stream(config)
        .await
        .context("create the event stream")?;
    let started = Instant::now();
    let mut acks = std::collections::VecDeque::new();
    for raw in history.iter() {
        let subject = subjects::event("bench", "Event");
        acks.push_back(js.publish(subject, raw.clone().into()).await?);
        if acks.len() >= 1024 {
            if let Some(ack) = acks.pop_front() {
                ack.await?;
            }
        }
    }
    for ack in acks {
        ack.await?;
    }
    println!(
        "publish   into JetStream (1,024 in flight):        {:>10.0} events/s",
        rate(n, started.elapsed())
    );

    let shutdown = CancellationToken::new();
    let started = Instant::now();
    let service = sujarit_query::Query::start(
        sujarit_ledger::connect(&nats.url(), "bench-query").await?,
        &dir.path().join("query"),
        shutdown.clone(),
    )
    .await?;
    let last = n as u64;
    let mut reached = false;
    while !reached {
        reached = service.wait_for(last, Duration::from_secs(600)).await;
        if started.elapsed() > Duration::from_secs(900) {
            anyhow::bail!("the query service did not catch up in 15 minutes");
        }
    }
    let catch_up = started.elapsed();
    println!(
        "catch-up  durable consumer + sled checkpoints:    {:>10.0} events/s  ({:.2} × baseline)",
        rate(n, catch_up),
        baseline.as_secs_f64() / catch_up.as_secs_f64()
    );
    let consumed_digest = service.models().map_err(|e| anyhow::anyhow!("{e}"))?.digest();

    let rebuilt = service.rebuild().await?;
    let rebuild = Duration::from_millis(rebuilt.millis.max(1));
    println!(
        "rebuild   batch consumer → fresh read models:     {:>10.0} events/s  ({:.2} × baseline; {} events in {:.2} s)",
        rate(rebuilt.events as usize, rebuild),
        baseline.as_secs_f64() / rebuild.as_secs_f64(),
        rebuilt.events,
        rebuild.as_secs_f64()
    );
    let same = digest == consumed_digest && consumed_digest == rebuilt.digest_after;
    println!(
        "digests   in memory {digest} · consumed {consumed_digest} · rebuilt {} → {}",
        rebuilt.digest_after,
        if same { "identical" } else { "DIFFERENT" }
    );

    // Report latency over NATS on the last round.
    let asker = sujarit_ledger::connect(&nats.url(), "bench-reader").await?;
    let mut latencies = Vec::with_capacity(reports);
    let mut report: Option<RoundReport> = None;
    for _ in 0..reports {
        let started = Instant::now();
        let (_, r): (u64, RoundReport) =
            sujarit_client::query::ask(&asker, query::ROUND_REPORT, &IdRequest { id: round_id }, None).await?;
        latencies.push(started.elapsed());
        report = Some(r);
    }
    latencies.sort();
    let pick = |p: f64| latencies[((latencies.len() as f64 - 1.0) * p).round() as usize];
    if let Some(report) = report {
        println!(
            "report    round.report over NATS, {} items × {} org units: p50 {:.2} ms · p99 {:.2} ms · max {:.2} ms ({} requests)",
            report.overall.items,
            report.org_units.len(),
            pick(0.5).as_secs_f64() * 1e3,
            pick(0.99).as_secs_f64() * 1e3,
            pick(1.0).as_secs_f64() * 1e3,
            reports
        );
    }
    shutdown.cancel();
    service.stopped().await;
    drop((asker, client, js));
    drop(nats);
    if !same {
        anyhow::bail!("the read models differ between paths");
    }
    Ok(())
}
