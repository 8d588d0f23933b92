//! Test harness: a real nats-server per test (RAII: killed on drop), the ledger started
//! in-process on it, and helpers to send commands and read the JetStream stream.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use sujarit_client::{events, Answer, CommandClient, SendOptions};
use sujarit_contracts::orgunit::{OrgUnitCommand, RegisterOrgUnit, RenameOrgUnit};
use sujarit_contracts::people::{PersonCommand, RegisterPerson, Role};
use sujarit_contracts::{Actor, Command};
use sujarit_eventstore::EventStore;
use sujarit_ledger::Ledger;
use sujarit_natsd::{LocalNats, Options};
use sujarit_query::Query;
use tempfile::TempDir;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// A nats-server with JetStream in its own temp dir; killed when dropped.
pub struct TestNats {
    pub server: LocalNats,
    _dir: TempDir,
}

impl TestNats {
    pub fn start() -> TestNats {
        let dir = tempfile::tempdir().expect("temp dir");
        let server = LocalNats::start(Options {
            dir: dir.path().to_path_buf(),
            port: None,
            die_with_parent: false,
        })
        .unwrap_or_else(|e| panic!("cannot start nats-server for tests: {e}"));
        TestNats { server, _dir: dir }
    }

    pub fn url(&self) -> String {
        self.server.url()
    }

    pub async fn client(&self) -> async_nats::Client {
        sujarit_ledger::connect(&self.url(), "test-client")
            .await
            .expect("connect to test nats")
    }
}

/// The ledger running in this process on a test NATS, with its store in a temp dir.
pub struct TestLedger {
    pub store: EventStore,
    /// The query service beside it, as `sujarit up` runs them (read models in `<dir>/query`).
    pub query: Query,
    ledger: Option<Ledger>,
    shutdown: CancellationToken,
    dir: Option<TempDir>,
}

impl TestLedger {
    pub async fn start(nats: &TestNats) -> TestLedger {
        let dir = tempfile::tempdir().expect("temp dir");
        Self::start_in(nats, dir).await
    }

    pub async fn start_in(nats: &TestNats, dir: TempDir) -> TestLedger {
        let store = EventStore::open(dir.path().join("ledger")).expect("open store");
        let shutdown = CancellationToken::new();
        let ledger = Ledger::start(
            sujarit_ledger::connect(&nats.url(), "test-ledger")
                .await
                .expect("connect"),
            sujarit_ledger::connect(&nats.url(), "test-outbox")
                .await
                .expect("connect"),
            store.clone(),
            shutdown.clone(),
        )
        .await
        .expect("start ledger");
        let query = Query::start(
            sujarit_ledger::connect(&nats.url(), "test-query")
                .await
                .expect("connect"),
            &dir.path().join("query"),
            shutdown.clone(),
        )
        .await
        .expect("start query service");
        // Ready means answering: wait until a query from another connection gets a reply.
        let probe = sujarit_ledger::connect(&nats.url(), "test-probe")
            .await
            .expect("connect");
        let deadline = Instant::now() + Duration::from_secs(10);
        while sujarit_client::query::ask::<_, serde_json::Value>(&probe, sujarit_contracts::query::STATUS, &(), None)
            .await
            .is_err()
        {
            assert!(Instant::now() < deadline, "the query service never answered");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        TestLedger {
            store,
            query,
            ledger: Some(ledger),
            shutdown,
            dir: Some(dir),
        }
    }

    /// Stops the ledger and hands back its data dir (the store closes when the last handle goes).
    pub async fn stop(mut self) -> TempDir {
        self.shutdown.cancel();
        if let Some(ledger) = self.ledger.take() {
            ledger.stopped().await;
        }
        self.query.clone().stopped().await;
        let dir = self.dir.take().expect("data dir");
        // Dropping the last store handle waits for the writer's final flush and frees the dir.
        drop(self);
        dir
    }

    pub fn published(&self) -> u64 {
        self.ledger.as_ref().map(|l| l.published_position()).unwrap_or(0)
    }

    /// Waits until JetStream holds every durable event.
    pub async fn wait_published(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.published() < self.store.durable_position() {
            assert!(
                Instant::now() < deadline,
                "outbox stuck at {} of {}",
                self.published(),
                self.store.durable_position()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for TestLedger {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// The id of the person most tests act as.
pub const PERSON: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_00aa);

pub fn person() -> Actor {
    Actor::Person(PERSON)
}

/// An actor that may change the org-unit registry: one of our services (as an admin console is).
pub fn admin() -> Actor {
    Actor::Service("admin-console".into())
}

/// Registers a person with roles through the ledger (acting as a service, as an installer does).
/// Something with a nats-server to connect to: a [`TestNats`], or a running [`Up`].
pub trait Connect {
    /// A new client.
    fn connect(&self) -> impl std::future::Future<Output = async_nats::Client>;
}

impl Connect for TestNats {
    async fn connect(&self) -> async_nats::Client {
        self.client().await
    }
}

impl Connect for Up {
    async fn connect(&self) -> async_nats::Client {
        self.nats().await
    }
}

pub async fn register_person(nats: &impl Connect, person_id: Uuid, roles: Vec<Role>, org_unit_id: Option<Uuid>) {
    let admin = CommandClient::new(nats.connect().await, Actor::Service("setup".into()));
    let command: Command = PersonCommand::from(RegisterPerson {
        person_id,
        name: format!("ผู้ทดสอบ {person_id}"),
        roles,
        org_unit_id,
    })
    .into();
    let answer = admin.send(&command).await.expect("answer");
    assert!(answer.reply.is_accepted(), "{:?}", answer.reply);
}

pub fn register(id: Uuid, name: &str) -> Command {
    OrgUnitCommand::from(RegisterOrgUnit {
        org_unit_id: id,
        name: name.into(),
        aliases: vec![],
    })
    .into()
}

pub fn rename(id: Uuid, name: &str) -> Command {
    OrgUnitCommand::from(RenameOrgUnit {
        org_unit_id: id,
        name: name.into(),
    })
    .into()
}

/// Sends with a fixed command id, retrying while no ledger answers (as a careful client does).
pub async fn send_until_answered(client: &CommandClient, command: &Command, command_id: Uuid) -> Answer {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let options = SendOptions {
            command_id: Some(command_id),
            ..Default::default()
        };
        match client.send_with(command, options).await {
            Ok(answer) => return answer,
            Err(e) => {
                assert!(Instant::now() < deadline, "no answer for a minute: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

/// Every event JetStream holds.
pub async fn stream_events(nats: &async_nats::Client) -> Vec<events::StreamEvent> {
    let js = async_nats::jetstream::new(nats.clone());
    events::read_events(&js, 1).await.expect("read SUJARIT_EVENTS")
}

/// Checks the stream is the ledger's log exactly: sequence = position, no gap, no duplicate.
pub fn assert_stream_mirrors_store(stream: &[events::StreamEvent], store: &EventStore) {
    let head = store.durable_position();
    assert_eq!(
        stream.len() as u64,
        head,
        "JetStream holds {} events, the store {head}",
        stream.len()
    );
    let stored = store.read_all(1, head as usize).expect("read store");
    for (s, e) in stream.iter().zip(&stored) {
        assert_eq!(s.sequence, e.envelope.position);
        assert_eq!(s.envelope.event_id, e.envelope.event_id, "position {}", s.sequence);
        assert_eq!(
            s.subject,
            format!("sujarit.evt.{}.{}", e.envelope.aggregate(), e.envelope.event_type)
        );
    }
}

/// `sujarit up` as a child process.
pub struct Up {
    child: Child,
    pub nats_url: String,
    /// `http://127.0.0.1:<port>`
    pub web: String,
}

impl Up {
    pub fn start(data_dir: &std::path::Path) -> Up {
        Up::start_with(data_dir, &[], &[])
    }

    /// With extra arguments (`--demo`) and environment (channel tokens, fake API URLs).
    pub fn start_with(data_dir: &std::path::Path, args: &[&str], envs: &[(&str, String)]) -> Up {
        let mut child = Process::new(env!("CARGO_BIN_EXE_sujarit"))
            .args(["up", "--nats-port", "0", "--http-port", "0", "--data-dir"])
            .arg(data_dir)
            .args(args)
            .envs(envs.iter().map(|(key, value)| (key, value)))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn sujarit up");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let mut nats_url = None;
        let web = loop {
            let line = lines
                .next()
                .expect("sujarit up exited before it was ready")
                .expect("read stdout");
            if let Some(url) = line.trim().strip_prefix("NATS:") {
                nats_url = Some(url.trim().to_string());
            }
            if let Some(url) = line.trim().strip_prefix("Web:") {
                break url.trim().to_string();
            }
        };
        let nats_url = nats_url.expect("NATS url printed before the web address");
        // Keep draining stdout so the child never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Up { child, nats_url, web }
    }

    /// A client of its nats-server.
    pub async fn nats(&self) -> async_nats::Client {
        async_nats::connect(&self.nats_url)
            .await
            .expect("connect to sujarit up's NATS")
    }

    pub fn kill_9(&mut self) {
        self.child.kill().expect("kill -9");
        self.child.wait().expect("wait");
    }
}

impl Drop for Up {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends a command that must be accepted; the global position of its last event (0 if none).
pub async fn accepted_at(client: &CommandClient, command: Command) -> u64 {
    match client.send(&command).await.expect("answer").reply {
        sujarit_contracts::Reply::Accepted { positions, .. } => positions.last().copied().unwrap_or(0),
        other => panic!("{} rejected: {other:?}", command.subject()),
    }
}

/// One HTTP/1.1 request over a fresh connection (as a browser without JavaScript would send
/// it, with extra header lines); the status and the whole response, headers included.
pub async fn http(
    addr: &str,
    method: &str,
    path: &str,
    content_type: &str,
    headers: &str,
    body: &[u8],
) -> (u16, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = addr.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n{headers}\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("send head");
    stream.write_all(body).await.expect("send body");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

/// An org unit with one officer, a plan of one item of that unit (endorsed), and an open Q1
/// round of FY2570 due 5 Jan 2027.
pub struct EndorsedRound {
    pub unit: Uuid,
    pub officer: Uuid,
    pub item_id: Uuid,
    pub round_id: Uuid,
    pub due: chrono::NaiveDate,
    /// Position of the round's opening.
    pub opened: u64,
}

/// Sets up an [`EndorsedRound`] through the ledger, acting as an admin.
pub async fn endorsed_round(
    nats: &impl Connect,
    code: &str,
    item_name: &str,
    budget: sujarit_contracts::plan::Budget,
) -> EndorsedRound {
    use sujarit_contracts::plan::{EndorsePlan, ImportPlan, ItemKind, PlanCommand, PlanItem, SubmitPlanForEndorsement};
    use sujarit_contracts::round::{OpenRound, RoundCommand};
    let admin_client = CommandClient::new(nats.connect().await, admin());
    let unit = Uuid::now_v7();
    accepted_at(&admin_client, register(unit, "สำนักงานจังหวัดลำพูน")).await;
    let officer = Uuid::now_v7();
    register_person(nats, officer, vec![Role::Officer], Some(unit)).await;
    let (plan_id, item_id, round_id) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let item = PlanItem {
        item_id,
        code: code.into(),
        parent_item_id: None,
        dimension: "มิติที่ 1".into(),
        sub_dimension: None,
        kind: ItemKind::Project,
        name: item_name.into(),
        objective: None,
        indicator: None,
        target: None,
        budget,
        yearly_budgets: vec![],
        planned_quarters: [true, false, false, false],
        org_unit_id: Some(unit),
        org_unit_name: None,
    };
    let plan = |command: PlanCommand| -> Command { command.into() };
    accepted_at(
        &admin_client,
        plan(
            ImportPlan {
                plan_id,
                title: "แผนปฏิบัติการฯ ลำพูน 2570".into(),
                fiscal_year_from: 2570,
                fiscal_year_to: 2570,
                owner_org_unit_id: None,
                items: vec![item],
            }
            .into(),
        ),
    )
    .await;
    accepted_at(
        &admin_client,
        plan(
            SubmitPlanForEndorsement {
                plan_id,
                meeting: "ประชุมคณะทำงาน 1/2569".into(),
                agenda_item: "วาระที่ 3".into(),
            }
            .into(),
        ),
    )
    .await;
    accepted_at(
        &admin_client,
        plan(
            EndorsePlan {
                plan_id,
                meeting_no: "2/2569".into(),
                meeting_date: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("date"),
                resolution: "เห็นชอบ".into(),
            }
            .into(),
        ),
    )
    .await;
    let due = chrono::NaiveDate::from_ymd_opt(2027, 1, 5).expect("date");
    let opened = accepted_at(
        &admin_client,
        RoundCommand::from(OpenRound {
            round_id,
            plan_id,
            plan_revision: 0,
            fiscal_year: 2570,
            period: "q1".into(),
            due_on: due,
            entry_closes_after_days: 30,
            items: vec![],
        })
        .into(),
    )
    .await;
    EndorsedRound {
        unit,
        officer,
        item_id,
        round_id,
        due,
        opened,
    }
}

/// The items of `unit` in the round, read after everything written so far.
pub async fn round_items(
    nats: &async_nats::Client,
    round_id: Uuid,
    unit: Uuid,
) -> sujarit_contracts::query::RoundItems {
    use sujarit_contracts::query::{self, RoundItemsRequest};
    let last = events::last_sequence(&async_nats::jetstream::new(nats.clone()))
        .await
        .expect("the last sequence of the event stream");
    let (_, items) = sujarit_client::query::ask(
        nats,
        query::ROUND_ITEMS,
        &RoundItemsRequest {
            round_id: Some(round_id),
            org_unit_id: unit,
        },
        Some(last),
    )
    .await
    .expect("round.items");
    items
}

/// Issues a one-time invite code for `person_id` as `admin`: the code, and the position of the
/// event.
pub async fn issue_invite(admin: &CommandClient, person_id: Uuid) -> (String, u64) {
    let code = sujarit_privacy::ReceiptCode::generate().to_string();
    let at = accepted_at(
        admin,
        PersonCommand::from(sujarit_contracts::people::IssueInvite {
            person_id,
            invite_code: code.clone(),
            valid_days: None,
        })
        .into(),
    )
    .await;
    (code, at)
}
