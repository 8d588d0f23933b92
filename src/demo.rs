//! `sujarit up --demo`: the first five minutes. On an empty data dir it records a seed plan
//! (the Phatthalung plan's rows, for the current fiscal year) with its agencies, endorses it,
//! opens a reporting round due in a week, and registers an officer, a secretariat member and a
//! committee member with one-time invite codes; then it prints, in Thai and English, how to try
//! each flow in the web chat. Everything goes through the same commands as the CLI.

use std::collections::BTreeMap;

use anyhow::Context as _;
use chrono::{Days, Utc};
use sujarit_client::CommandClient;
use sujarit_contracts::orgunit::{OrgUnitCommand, RegisterOrgUnit};
use sujarit_contracts::people::{IssueInvite, PersonCommand, RegisterPerson, Role};
use sujarit_contracts::plan::{EndorsePlan, ImportPlan, PlanCommand, ScheduleMeeting, SubmitPlanForEndorsement};
use sujarit_contracts::round::{OpenRound, RoundCommand};
use sujarit_contracts::{Actor, Command, Reply};
use sujarit_thai::agency;
use uuid::Uuid;

const SEED_PLAN: &str = include_str!("../tests/fixtures/phatthalung-2567-plan.csv");

async fn send(client: &CommandClient, command: Command) -> anyhow::Result<()> {
    match client.send(&command).await?.reply {
        Reply::Accepted { .. } => Ok(()),
        Reply::Rejected { code, message } => anyhow::bail!("demo: {}: {code}: {}", command.subject(), message.en),
    }
}

/// Records the demo (only when the event store is empty) and prints how to try it.
pub async fn seed(nats: async_nats::Client, web: &str) -> anyhow::Result<()> {
    let client = CommandClient::new(nats, Actor::Service("demo".into()));
    let sheet = sujarit_csvformats::parse_plan_csv(SEED_PLAN.as_bytes())
        .map_err(|e| anyhow::anyhow!("the seed plan does not parse: {} errors", e.len()))?;
    let mut items = crate::plan_cli::to_items(sheet.rows())?;

    // One unit per agency, spellings that normalise alike sharing it.
    let mut units: BTreeMap<String, (Uuid, String)> = BTreeMap::new();
    for item in &mut items {
        let Some(name) = item.org_unit_name.clone() else {
            continue;
        };
        let key = agency::normalize(&name);
        let (id, _) = units
            .entry(key)
            .or_insert_with(|| (Uuid::now_v7(), name.clone()))
            .clone();
        item.org_unit_id = Some(id);
    }
    for (id, name) in units.values() {
        send(
            &client,
            OrgUnitCommand::from(RegisterOrgUnit {
                org_unit_id: *id,
                name: name.clone(),
                aliases: vec![],
            })
            .into(),
        )
        .await?;
    }
    let today = sujarit_ledger::complaint::bangkok_today(Utc::now());
    let fiscal_year = sujarit_thai::FiscalYear::from_date(today)
        .map_err(|e| anyhow::anyhow!("{}", e.message_en()))?
        .be() as u16;
    let plan_id = Uuid::now_v7();
    let officer_unit = items
        .iter()
        .find_map(|item| item.org_unit_id)
        .context("the seed plan has no agencies")?;
    send(
        &client,
        PlanCommand::from(ImportPlan {
            plan_id,
            title: format!("แผนปฏิบัติการป้องกันและปราบปรามการทุจริต (ตัวอย่าง) ปีงบประมาณ {fiscal_year}"),
            fiscal_year_from: fiscal_year,
            fiscal_year_to: fiscal_year,
            owner_org_unit_id: None,
            items,
        })
        .into(),
    )
    .await?;
    send(
        &client,
        PlanCommand::from(SubmitPlanForEndorsement {
            plan_id,
            meeting: "ประชุมคณะทำงาน ครั้งที่ 1 (ตัวอย่าง)".into(),
            agenda_item: "ระเบียบวาระที่ 3 เพื่อพิจารณา".into(),
        })
        .into(),
    )
    .await?;
    send(
        &client,
        PlanCommand::from(EndorsePlan {
            plan_id,
            meeting_no: "1/ตัวอย่าง".into(),
            meeting_date: today,
            resolution: "ที่ประชุมมีมติเห็นชอบ".into(),
        })
        .into(),
    )
    .await?;
    let period = sujarit_thai::Quarter::from_date(today);
    let round_id = Uuid::now_v7();
    send(
        &client,
        RoundCommand::from(OpenRound {
            round_id,
            plan_id,
            plan_revision: 0,
            fiscal_year,
            period: period.as_str().into(),
            due_on: today + Days::new(7),
            entry_closes_after_days: 14,
            items: vec![],
        })
        .into(),
    )
    .await?;

    // The committee's next meeting, in three days: the notifier reminds the committee and the
    // secretariat of it, with the agenda, the day before.
    let meeting_day = today + Days::new(3);
    send(
        &client,
        PlanCommand::from(ScheduleMeeting {
            plan_id,
            meeting_id: Uuid::now_v7(),
            title: "การประชุมคณะกรรมการขับเคลื่อนแผนฯ (ตัวอย่าง)".into(),
            starts_at: meeting_day.and_hms_opt(9, 30, 0).context("meeting time")?,
            place: "ห้องประชุมศาลากลางจังหวัด ชั้น 2".into(),
            agenda: vec![
                format!("ผลการดำเนินงาน{}", period.label_th()),
                "เรื่องร้องเรียนที่อยู่ระหว่างดำเนินการ".into(),
            ],
        })
        .into(),
    )
    .await?;

    let people = [
        ("นางสาวสมใจ รายงานดี (เจ้าหน้าที่ตัวอย่าง)", Role::Officer, Some(officer_unit)),
        ("นายสมชาย ตรวจงาน (ฝ่ายเลขานุการตัวอย่าง)", Role::Secretariat, None),
        ("นางประภา เห็นชอบ (กรรมการตัวอย่าง)", Role::Committee, None),
    ];
    let mut codes = Vec::new();
    for (name, role, org_unit_id) in people {
        let person_id = Uuid::now_v7();
        send(
            &client,
            PersonCommand::from(RegisterPerson {
                person_id,
                name: name.into(),
                roles: vec![role],
                org_unit_id,
            })
            .into(),
        )
        .await?;
        let code = sujarit_privacy::ReceiptCode::generate().to_string();
        send(
            &client,
            PersonCommand::from(IssueInvite {
                person_id,
                invite_code: code.clone(),
                valid_days: Some(30),
            })
            .into(),
        )
        .await?;
        codes.push((role, name, code));
    }

    println!();
    println!("ข้อมูลตัวอย่างพร้อมแล้ว · demo data is ready");
    println!(
        "  แผนตัวอย่าง {} รายการ {} หน่วยงาน เห็นชอบแล้ว; รอบรายงาน{} กำหนดส่ง {}",
        sheet.rows().len(),
        units.len(),
        period.label_th(),
        sujarit_thai::format_thai_date(today + Days::new(7))
    );
    println!(
        "  A seed plan ({} rows, {} agencies), endorsed; a {} reporting round due in 7 days.",
        sheet.rows().len(),
        units.len(),
        period.as_str()
    );
    println!();
    println!("ลองใช้งานในแชทบนเว็บ · try it in the web chat: {web}/");
    for (role, name, code) in &codes {
        println!("  {:<12} {name}: พิมพ์ · type  /link {code}", role.as_str());
    }
    println!("  เจ้าหน้าที่ · officer:      /report — รายงานผลทีละรายการ · report an item step by step");
    println!("  เลขานุการ · secretariat:    /round, /review, /queue — ภาพรวมรอบ ตรวจรับ และเรื่องร้องเรียน");
    println!("  กรรมการ · committee:        /round, /plan, /digest (พร้อมภาพสรุป · with the chart)");
    println!("  ทุกบทบาท · any linked role: /mute 3, /unmute — ปิด/เปิดการแจ้งเตือน · pause or resume reminders");
    println!(
        "  ประชุมคณะกรรมการ · committee meeting: {} 09:30 — แจ้งเตือนพร้อมวาระล่วงหน้า 1 วัน · reminded the day before",
        sujarit_thai::format_thai_date(meeting_day)
    );
    println!("  ประชาชน · citizen (no code): /tip — แจ้งเบาะแสโดยไม่ระบุตัวตน, /status — ติดตามด้วยรหัสรับเรื่อง");
    println!("  หรือแบบฟอร์มไม่ใช้ JavaScript · or the plain form: {web}/tip");
    println!("  รายงานรอบ · the round's table: sujarit report round {round_id}");
    println!();
    Ok(())
}
