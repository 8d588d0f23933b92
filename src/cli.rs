//! Client commands: talk to a running Sujarit over NATS like any other client.

use anyhow::{bail, Context as _};
use sujarit_client::{events, CommandClient};
use sujarit_contracts::orgunit::{AddOrgUnitAlias, OrgUnitCommand, RegisterOrgUnit, RenameOrgUnit};
use sujarit_contracts::people::{
    AssignOrgUnit, GrantRole, IssueInvite, PersonCommand, RegisterPerson, RevokeRole, Role, SetNotificationPreferences,
};
use sujarit_contracts::query::{
    self, MatchKind, MatchRequest, OrgUnitMatch, OrgUnitView, RebuildReport, StateRequest, StreamState,
};
use sujarit_contracts::{Actor, Command, Reply};
use uuid::Uuid;

use crate::DEFAULT_NATS;

/// How to reach Sujarit and as whom.
#[derive(clap::Args)]
pub struct Conn {
    /// NATS server URL.
    #[arg(long, env = "SUJARIT_NATS_URL", default_value = DEFAULT_NATS)]
    pub nats: String,
    /// Who acts: a person id, `service:<name>` or `anonymous`.
    #[arg(long = "as", env = "SUJARIT_ACTOR", default_value = "service:cli")]
    actor: String,
}

impl Conn {
    /// Who acts, as given.
    pub fn actor(&self) -> &str {
        &self.actor
    }
}

/// `sujarit orgunit …`
#[derive(clap::Subcommand)]
pub enum OrgUnitCmd {
    /// Register an organisation unit; prints its id.
    Register {
        /// Official name (Thai), e.g. "สำนักงานจังหวัดพัทลุง".
        name: String,
        /// Another spelling seen in documents (repeatable).
        #[arg(long = "alias")]
        aliases: Vec<String>,
        /// Use this id instead of a new one.
        #[arg(long)]
        id: Option<Uuid>,
        /// Register it even though a registered unit has the same or a nearly the same name.
        #[arg(long)]
        even_if_similar: bool,
        #[command(flatten)]
        conn: Conn,
    },
    /// Give a unit a new official name (the old one becomes an alias).
    Rename {
        /// The unit's id.
        id: Uuid,
        /// The new name.
        name: String,
        #[command(flatten)]
        conn: Conn,
    },
    /// Record another spelling of a unit's name, so imports map it to the unit.
    Alias {
        /// The unit's id.
        id: Uuid,
        /// The spelling, as documents write it.
        alias: String,
        #[command(flatten)]
        conn: Conn,
    },
    /// List the registered units with their aliases.
    List {
        /// NATS server URL.
        #[arg(long, env = "SUJARIT_NATS_URL", default_value = DEFAULT_NATS)]
        nats: String,
    },
    /// Which registered units a name as written may mean (exact after normalising, or close).
    Match {
        /// The name as written, e.g. "สนง.จ.ลำพูน".
        name: String,
        /// The province, dropped from names before comparing.
        #[arg(long)]
        province: Option<String>,
        /// NATS server URL.
        #[arg(long, env = "SUJARIT_NATS_URL", default_value = DEFAULT_NATS)]
        nats: String,
    },
}

/// `sujarit person …`
#[derive(clap::Subcommand)]
pub enum PersonCmd {
    /// Register a person with roles; prints their id (use it with `--as`).
    Add {
        /// Name, e.g. "นางสาวสมใจ ใจดี".
        name: String,
        /// admin, secretariat, committee or officer (repeatable).
        #[arg(long = "role")]
        roles: Vec<Role>,
        /// The org unit an officer reports for.
        #[arg(long)]
        org_unit: Option<Uuid>,
        #[command(flatten)]
        conn: Conn,
    },
    /// Give a person a role.
    Grant {
        /// Person id.
        id: Uuid,
        /// The role.
        role: Role,
        #[command(flatten)]
        conn: Conn,
    },
    /// Take a role away.
    Revoke {
        /// Person id.
        id: Uuid,
        /// The role.
        role: Role,
        #[command(flatten)]
        conn: Conn,
    },
    /// Set (or with no --org-unit, clear) the org unit a person reports for.
    Assign {
        /// Person id.
        id: Uuid,
        /// The org unit.
        #[arg(long)]
        org_unit: Option<Uuid>,
        #[command(flatten)]
        conn: Conn,
    },
    /// Issue a one-time invite code that links one chat account to the person (shown once).
    Invite {
        /// Person id.
        id: Uuid,
        /// Days the code stays valid (1–90).
        #[arg(long, default_value_t = sujarit_contracts::people::DEFAULT_INVITE_DAYS)]
        days: u16,
        #[command(flatten)]
        conn: Conn,
    },
    /// ตั้งค่าการแจ้งเตือน (ปิดชั่วคราว/ภาษา) · Set how a person is notified: mute non-urgent
    /// notifications for some days, unmute, or choose the language. Only the person themself
    /// (`--as <their id>`) or an admin may.
    #[command(group(clap::ArgGroup::new("what").args(["mute_days", "unmute", "lang"]).multiple(true).required(true)))]
    Prefs {
        /// รหัสบุคคล · Person id.
        #[arg(long)]
        person: Uuid,
        /// ปิดการแจ้งเตือนที่ไม่เร่งด่วน N วันนับจากนี้ · Mute non-urgent notifications for N days from now.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=3650), conflicts_with = "unmute")]
        mute_days: Option<u16>,
        /// เปิดการแจ้งเตือนอีกครั้ง · End the mute.
        #[arg(long)]
        unmute: bool,
        /// ภาษาของการแจ้งเตือน · Language of notifications: th (ไทย) or en (English).
        #[arg(long, value_parser = ["th", "en"])]
        lang: Option<String>,
        #[command(flatten)]
        conn: Conn,
    },
}

/// Runs a `person` subcommand.
pub async fn person(cmd: PersonCmd) -> anyhow::Result<()> {
    let (command, conn): (PersonCommand, Conn) = match cmd {
        PersonCmd::Add {
            name,
            roles,
            org_unit,
            conn,
        } => {
            let person_id = Uuid::now_v7();
            (
                RegisterPerson {
                    person_id,
                    name,
                    roles,
                    org_unit_id: org_unit,
                }
                .into(),
                conn,
            )
        }
        PersonCmd::Grant { id, role, conn } => (GrantRole { person_id: id, role }.into(), conn),
        PersonCmd::Revoke { id, role, conn } => (RevokeRole { person_id: id, role }.into(), conn),
        PersonCmd::Assign { id, org_unit, conn } => (
            AssignOrgUnit {
                person_id: id,
                org_unit_id: org_unit,
            }
            .into(),
            conn,
        ),
        PersonCmd::Prefs {
            person,
            mute_days,
            unmute,
            lang,
            conn,
        } => {
            let muted_until = match (mute_days, unmute) {
                (Some(days), _) => {
                    let until = chrono::Utc::now() + chrono::Duration::days(i64::from(days));
                    Some(chrono::SubsecRound::trunc_subsecs(until, 0))
                }
                (None, true) => None,
                // Only the language changes: the ledger keeps the mute as it stands.
                (None, false) => None,
            };
            let keep_mute = mute_days.is_none() && !unmute;
            let command = SetNotificationPreferences {
                person_id: person,
                muted_until,
                lang,
                keep_mute,
            };
            let (stream, version, positions) = send(&conn, Command::from(PersonCommand::from(command))).await?;
            let muted_until = match keep_mute {
                true => {
                    let stream = sujarit_contracts::people::stream(person);
                    let state: sujarit_ledger::people::Person = stream_state(&conn.nats, stream.as_str()).await?;
                    state.muted_until
                }
                false => muted_until,
            };
            let muted = match muted_until {
                Some(until) => {
                    let bangkok = until + chrono::Duration::hours(7);
                    format!(
                        "ปิดการแจ้งเตือนที่ไม่เร่งด่วนถึง {} เวลา {} น. · non-urgent notifications muted until {} (Bangkok)",
                        sujarit_thai::format_thai_date(bangkok.date_naive()),
                        bangkok.format("%H.%M"),
                        bangkok.format("%Y-%m-%d %H:%M")
                    )
                }
                None => "ไม่ได้ปิดการแจ้งเตือน · not muted".to_string(),
            };
            if positions.is_empty() {
                eprintln!("ไม่มีอะไรเปลี่ยน · unchanged: {muted}");
            } else {
                eprintln!("บันทึกแล้ว · recorded on {stream} (version {version}): {muted}");
            }
            return Ok(());
        }
        PersonCmd::Invite { id, days, conn } => {
            let code = sujarit_privacy::ReceiptCode::generate().to_string();
            let command = IssueInvite {
                person_id: id,
                invite_code: code.clone(),
                valid_days: Some(days),
            };
            send(&conn, Command::from(PersonCommand::from(command))).await?;
            println!("{code}");
            eprintln!(
                "รหัสเชิญใช้ได้ครั้งเดียว ภายใน {days} วัน: ให้ผู้ใช้พิมพ์ /link {code} ในแชทของสุจริต (แสดงครั้งเดียว)\n\
                 One-time invite code, valid {days} days: the person types /link {code} in the Sujarit chat (shown once)."
            );
            return Ok(());
        }
    };
    let id = command.person_id();
    let name = command.name();
    let (stream, version, _) = send(&conn, Command::from(command)).await?;
    println!("{id}");
    eprintln!("บันทึกแล้ว · recorded: {name} on {stream} (version {version})");
    Ok(())
}

/// `sujarit events`
#[derive(clap::Args)]
pub struct EventsArgs {
    /// First position to print.
    #[arg(long, default_value_t = 1)]
    from: u64,
    /// Keep printing new events as they arrive.
    #[arg(long)]
    follow: bool,
    /// NATS server URL.
    #[arg(long, env = "SUJARIT_NATS_URL", default_value = DEFAULT_NATS)]
    nats: String,
}

/// Sends one command as the connection's actor; a rejection becomes an error with both texts.
pub async fn send(conn: &Conn, command: Command) -> anyhow::Result<(String, u64, Vec<u64>)> {
    let actor: Actor = conn
        .actor
        .parse()
        .map_err(|v| anyhow::anyhow!("--as `{v}` is not a person id, service:<name> or anonymous"))?;
    let client = CommandClient::new(connect(&conn.nats).await?, actor);
    match client.send(&command).await?.reply {
        Reply::Accepted {
            stream,
            version,
            positions,
        } => Ok((stream, version, positions)),
        Reply::Rejected { code, message } => bail!("{code}: {}\n{}", message.th, message.en),
    }
}

/// Connects a command-line client (fails fast when nothing listens).
pub async fn connect(url: &str) -> anyhow::Result<async_nats::Client> {
    async_nats::ConnectOptions::new()
        .name("sujarit-cli")
        .connection_timeout(std::time::Duration::from_secs(3))
        .connect(url)
        .await
        .with_context(|| format!("cannot reach NATS at {url} — is `sujarit up` running?"))
}

/// Runs an `orgunit` subcommand.
pub async fn orgunit(cmd: OrgUnitCmd) -> anyhow::Result<()> {
    let (command, conn): (OrgUnitCommand, Conn) = match cmd {
        OrgUnitCmd::Register {
            name,
            aliases,
            id,
            even_if_similar,
            conn,
        } => {
            if !even_if_similar && !name.trim().is_empty() {
                // Never a near-duplicate silently: the same check plan imports make.
                let request = MatchRequest {
                    name: name.clone(),
                    province: None,
                    limit: Some(3),
                };
                let close: Vec<OrgUnitMatch> = ask(&conn.nats, query::ORGUNIT_MATCH, &request).await?;
                let close: Vec<String> = close
                    .iter()
                    .filter(|m| {
                        m.kind == MatchKind::Same
                            || f64::from(m.score_per_mille) / 1000.0 >= crate::orgunits::NEAR_DUPLICATE
                    })
                    .map(|m| {
                        format!(
                            "{} ({}, {:.0}%)",
                            m.name,
                            m.org_unit_id,
                            f64::from(m.score_per_mille) / 10.0
                        )
                    })
                    .collect();
                if !close.is_empty() {
                    bail!(
                        "มีหน่วยงานชื่อเดียวกันหรือใกล้เคียงแล้ว · a unit with the same or a nearly the same name exists: {}\n\
                         ใช้ `sujarit orgunit alias <id> \"{name}\"` เพื่อเพิ่มชื่อเรียกอื่น หรือ --even-if-similar หากเป็นคนละหน่วยงาน · \
                         add it as an alias, or pass --even-if-similar if it is a different unit",
                        close.join("; ")
                    );
                }
            }
            let org_unit_id = id.unwrap_or_else(Uuid::now_v7);
            (
                RegisterOrgUnit {
                    org_unit_id,
                    name,
                    aliases,
                }
                .into(),
                conn,
            )
        }
        OrgUnitCmd::Rename { id, name, conn } => (RenameOrgUnit { org_unit_id: id, name }.into(), conn),
        OrgUnitCmd::Alias { id, alias, conn } => (AddOrgUnitAlias { org_unit_id: id, alias }.into(), conn),
        OrgUnitCmd::List { nats } => {
            let units: Vec<OrgUnitView> = ask(&nats, query::ORGUNIT_LIST, &()).await?;
            for unit in units {
                println!("{}  {}", unit.org_unit_id, unit.name);
                for alias in unit.aliases {
                    println!("{:38}  = {alias}", "");
                }
            }
            return Ok(());
        }
        OrgUnitCmd::Match { name, province, nats } => {
            let request = MatchRequest {
                name: name.clone(),
                province,
                limit: None,
            };
            let matches: Vec<OrgUnitMatch> = ask(&nats, query::ORGUNIT_MATCH, &request).await?;
            if matches.is_empty() {
                println!("ไม่พบหน่วยงานที่ใกล้เคียง · no registered unit is close to “{name}”");
            }
            for m in matches {
                let kind = match m.kind {
                    MatchKind::Same => "เดียวกัน · same",
                    MatchKind::Likely => "ใกล้เคียง · likely",
                };
                println!(
                    "{}  {:<18} {:>5.1}%  {} (matched “{}”)",
                    m.org_unit_id,
                    kind,
                    f64::from(m.score_per_mille) / 10.0,
                    m.name,
                    m.matched
                );
            }
            return Ok(());
        }
    };
    let id = command.org_unit_id();
    let (stream, version, positions) = send(&conn, Command::from(command)).await?;
    println!("{id}");
    eprintln!("บันทึกแล้ว · recorded: {stream} version {version}, positions {positions:?}");
    Ok(())
}

/// Asks the query service for `view`, as of every event the stream holds now (read your writes).
pub async fn ask<Q: serde::Serialize, T: serde::de::DeserializeOwned>(
    url: &str,
    view: &str,
    request: &Q,
) -> anyhow::Result<T> {
    let nats = connect(url).await?;
    let last = events::last_sequence(&async_nats::jetstream::new(nats.clone())).await?;
    let (_, data) = sujarit_client::query::ask(&nats, view, request, Some(last)).await?;
    Ok(data)
}

/// The folded state of one stream (as the ledger's aggregate code folds it), from the query service.
pub async fn stream_state<A: serde::de::DeserializeOwned>(url: &str, stream: &str) -> anyhow::Result<A> {
    let request = StateRequest {
        stream: stream.to_string(),
    };
    let state: StreamState = ask(url, query::STATE, &request).await?;
    serde_json::from_value(state.state).with_context(|| format!("the state of {stream} cannot be read"))
}

/// Prints events from the JetStream stream as JSON lines.
pub async fn events(args: EventsArgs) -> anyhow::Result<()> {
    let js = async_nats::jetstream::new(connect(&args.nats).await?);
    events::for_each_event(&js, args.from, args.follow, |event| {
        match serde_json::to_string(&event.envelope) {
            Ok(line) => println!("{line}"),
            Err(e) => eprintln!("event {}: {e}", event.sequence),
        }
    })
    .await?;
    Ok(())
}

/// Arguments of `sujarit rebuild`.
#[derive(clap::Args)]
pub struct RebuildArgs {
    /// NATS server URL.
    #[arg(long, env = "SUJARIT_NATS_URL", default_value = DEFAULT_NATS)]
    nats: String,
    /// Give up after this many seconds.
    #[arg(long, default_value_t = 600)]
    timeout: u64,
}

/// Runs `sujarit rebuild`: asks the running query service to rebuild its read models.
pub async fn rebuild(args: RebuildArgs) -> anyhow::Result<()> {
    let nats = async_nats::ConnectOptions::new()
        .name("sujarit-cli")
        .connection_timeout(std::time::Duration::from_secs(3))
        .request_timeout(Some(std::time::Duration::from_secs(args.timeout)))
        .connect(&args.nats)
        .await
        .with_context(|| format!("cannot reach NATS at {} — is `sujarit up` running?", args.nats))?;
    eprintln!("กำลังสร้างข้อมูลสำหรับสอบถามใหม่จากสายเหตุการณ์ · rebuilding the read models from the event stream…");
    let (_, report): (u64, RebuildReport) = sujarit_client::query::ask(&nats, query::REBUILD, &(), None).await?;
    let seconds = report.millis as f64 / 1000.0;
    let rate = if report.millis == 0 {
        report.events as f64
    } else {
        report.events as f64 / seconds
    };
    println!("events replayed:  {}", report.events);
    println!("time:             {seconds:.3} s ({rate:.0} events/s)");
    println!("digest before:    {}", report.digest_before);
    println!("digest after:     {}", report.digest_after);
    if report.digest_before == report.digest_after {
        println!("ผลเหมือนเดิมทุกประการ · identical read models");
    } else {
        println!("ผลต่างจากเดิม (มีเหตุการณ์ใหม่ระหว่างสร้าง หรือข้อมูลเดิมเสียหาย) · the read models differ (new events arrived meanwhile, or the old ones were damaged)");
    }
    Ok(())
}

/// Runs the query service alone until Ctrl-C.
pub async fn query_service(
    nats: String,
    data_dir: std::path::PathBuf,
    durable: String,
    http_port: u16,
) -> anyhow::Result<()> {
    let shutdown = crate::up::shutdown_on_ctrl_c();
    let client = sujarit_ledger::connect(&nats, "sujarit-query").await?;
    let service = sujarit_query::Query::start_with(client, &data_dir.join("query"), &durable, shutdown.clone()).await?;
    let http = if http_port != 0 {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", http_port))
            .await
            .with_context(|| format!("cannot listen on 127.0.0.1:{http_port}"))?;
        eprintln!("HTTP API: http://{}/api/status", listener.local_addr()?);
        let app = sujarit_query::http::router(service.clone());
        let stop = shutdown.clone();
        Some(tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app)
                .with_graceful_shutdown(stop.cancelled_owned())
                .await
            {
                tracing::error!(error = %e, "HTTP server stopped");
            }
        }))
    } else {
        None
    };
    tracing::info!(nats = %nats, position = service.position(), "query service started");
    service.stopped().await;
    if let Some(http) = http {
        let _ = http.await;
    }
    Ok(())
}
