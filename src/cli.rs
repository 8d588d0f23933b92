//! Client commands: talk to a running Sujarit over NATS like any other client.

use anyhow::{bail, Context as _};
use sujarit_client::{events, CommandClient};
use sujarit_contracts::orgunit::{OrgUnitCommand, RegisterOrgUnit, RenameOrgUnit};
use sujarit_contracts::people::{AssignOrgUnit, GrantRole, PersonCommand, RegisterPerson, RevokeRole, Role};
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
            conn,
        } => {
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
    };
    let id = command.org_unit_id();
    let (stream, version, positions) = send(&conn, Command::from(command)).await?;
    println!("{id}");
    eprintln!("บันทึกแล้ว · recorded: {stream} version {version}, positions {positions:?}");
    Ok(())
}

/// Rebuilds one aggregate from its events in the JetStream stream, with the ledger's own
/// aggregate code (a projection of one stream). Errors when the stream has no events.
pub async fn fold_stream<A: sujarit_ledger::aggregate::Aggregate>(url: &str, stream: &str) -> anyhow::Result<A> {
    let js = async_nats::jetstream::new(connect(url).await?);
    let mut history: Vec<A::Event> = Vec::new();
    let mut decode_error = None;
    events::for_each_event(&js, 1, false, |event| {
        if event.envelope.stream == stream {
            match event.envelope.decode::<A::Event>() {
                Ok(e) => history.push(e),
                Err(e) => decode_error = Some(e),
            }
        }
    })
    .await?;
    if let Some(e) = decode_error {
        bail!("an event of {stream} cannot be read: {e}");
    }
    if history.is_empty() {
        bail!("ไม่พบ {stream} · no {stream}");
    }
    Ok(A::from_history(&history))
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
