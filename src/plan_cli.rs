//! `sujarit plan …`: import a plan from its spreadsheet (the plan CSV of DESIGN.md), walk it
//! through approval, arrange the committee's meetings about it, and show where it stands with its
//! computed totals.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{bail, Context as _};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use sujarit_contracts::plan::{
    self as contracts, CancelMeeting, EndorsePlan, ImportPlan, PlanCommand, PlanItem, RegisterPlan, ReturnPlan,
    ScheduleMeeting, SignPlan, SubmitPlanForEndorsement, YearlyBudget,
};
use sujarit_contracts::Command;
use sujarit_csvformats::{parse_plan_csv, PlanRow};
use sujarit_ledger::plan::{Discrepancy, Plan};
use sujarit_thai::{Budget, Satang};
use uuid::Uuid;

use crate::cli::{send, stream_state, Conn};

/// `sujarit plan …`
#[derive(clap::Subcommand)]
pub enum PlanCmd {
    /// Import a plan CSV as a new draft plan (all rows or nothing); prints the plan id.
    Import {
        /// The plan CSV (code,parent,dimension,sub_dimension,kind,name,indicator,target,budget,q1..q4,org_unit).
        file: PathBuf,
        /// Title as on the plan's cover.
        #[arg(long)]
        title: String,
        /// First fiscal year, in BE (e.g. 2567).
        #[arg(long)]
        fiscal_year: u16,
        /// Last fiscal year of a multi-year plan (e.g. 2570).
        #[arg(long)]
        to_year: Option<u16>,
        #[command(flatten)]
        resolve: crate::orgunits::Resolve,
        #[command(flatten)]
        conn: Conn,
    },
    /// Put the draft on a meeting agenda for consideration and endorsement.
    Submit {
        /// Plan id.
        plan: Uuid,
        /// The meeting, e.g. "ประชุมคณะทำงาน ครั้งที่ 2/2566".
        #[arg(long)]
        meeting: String,
        /// The agenda item.
        #[arg(long)]
        agenda: String,
        #[command(flatten)]
        conn: Conn,
    },
    /// Record the committee's endorsement.
    Endorse {
        /// Plan id.
        plan: Uuid,
        /// Meeting number, e.g. "3/2566".
        #[arg(long)]
        meeting_no: String,
        /// Meeting date: "15 ส.ค. 2566", "2566-08-15" or "2023-08-15".
        #[arg(long)]
        date: String,
        /// The resolution.
        #[arg(long)]
        resolution: String,
        #[command(flatten)]
        conn: Conn,
    },
    /// Return the plan for correction, with reasons (repeat --reason).
    Return {
        /// Plan id.
        plan: Uuid,
        /// A reason (repeatable).
        #[arg(long = "reason", required = true)]
        reasons: Vec<String>,
        #[command(flatten)]
        conn: Conn,
    },
    /// Record the chief executive's signature and the date the plan takes effect.
    Sign {
        /// Plan id.
        plan: Uuid,
        /// Signing date.
        #[arg(long)]
        signed_on: String,
        /// Effective date.
        #[arg(long)]
        effective_from: String,
        #[command(flatten)]
        conn: Conn,
    },
    /// Record the registration in e-PlanNACC (due 30 September before the fiscal year).
    Register {
        /// Plan id.
        plan: Uuid,
        /// The e-PlanNACC reference.
        #[arg(long)]
        reference: String,
        /// Registration date.
        #[arg(long)]
        date: String,
        #[command(flatten)]
        conn: Conn,
    },
    /// นัด เลื่อน หรือยกเลิกการประชุมคณะกรรมการ · Schedule, move or cancel a committee meeting about
    /// the plan; the committee and secretariat are reminded the day before. Prints the meeting id.
    #[command(group(clap::ArgGroup::new("what").args(["title", "cancel"]).required(true)))]
    Meeting {
        /// แผน · Plan id.
        #[arg(long)]
        plan: Uuid,
        /// ชื่อการประชุม · The meeting, e.g. "การประชุมคณะกรรมการ ครั้งที่ 1/2570".
        #[arg(long, requires_all = ["at", "place", "agenda"])]
        title: Option<String>,
        /// วันเวลาเริ่มประชุม (เวลากรุงเทพฯ) · Start, Bangkok time: "2570-01-12 09:30", "2027-01-12 09:30"
        /// or "12 ม.ค. 2570 09.30".
        #[arg(long)]
        at: Option<String>,
        /// สถานที่ · Where it is held.
        #[arg(long)]
        place: Option<String>,
        /// ระเบียบวาระ · An agenda item, in order (repeatable, 1–30).
        #[arg(long = "agenda")]
        agenda: Vec<String>,
        /// เลื่อนการประชุมนี้ (รหัสการประชุม) แทนการนัดใหม่ · Move this meeting (its id) instead of
        /// scheduling a new one.
        #[arg(long, conflicts_with = "cancel")]
        meeting: Option<Uuid>,
        /// ยกเลิกการประชุมนี้ · Cancel this meeting (its id).
        #[arg(long, requires = "reason", conflicts_with_all = ["at", "place", "agenda"])]
        cancel: Option<Uuid>,
        /// เหตุผลที่ยกเลิก · Why it is cancelled.
        #[arg(long, requires = "cancel")]
        reason: Option<String>,
        #[command(flatten)]
        conn: Conn,
    },
    /// Show a plan: status, approval steps and totals computed from its items.
    Show {
        /// Plan id.
        plan: Uuid,
        /// NATS server URL.
        #[arg(long, env = "SUJARIT_NATS_URL", default_value = crate::DEFAULT_NATS)]
        nats: String,
    },
}

/// Runs a `plan` subcommand.
pub async fn run(cmd: PlanCmd) -> anyhow::Result<()> {
    let (command, conn) = match cmd {
        PlanCmd::Import {
            file,
            title,
            fiscal_year,
            to_year,
            resolve,
            conn,
        } => {
            return import(file, title, fiscal_year, to_year, resolve, conn).await;
        }
        PlanCmd::Show { plan, nats } => return show(plan, &nats).await,
        PlanCmd::Meeting {
            plan,
            title,
            at,
            place,
            agenda,
            meeting,
            cancel,
            reason,
            conn,
        } => {
            if let Some(meeting_id) = cancel {
                let command = CancelMeeting {
                    plan_id: plan,
                    meeting_id,
                    reason: reason.unwrap_or_default(),
                };
                let (stream, version, _) = send(&conn, Command::from(PlanCommand::from(command))).await?;
                println!("{meeting_id}");
                eprintln!("ยกเลิกการประชุมแล้ว · meeting cancelled on {stream} (version {version})");
                return Ok(());
            }
            let starts_at = meeting_time(at.as_deref().unwrap_or_default(), "--at")?;
            let meeting_id = meeting.unwrap_or_else(Uuid::now_v7);
            let command = ScheduleMeeting {
                plan_id: plan,
                meeting_id,
                title: title.unwrap_or_default(),
                starts_at,
                place: place.unwrap_or_default(),
                agenda,
            };
            let (stream, version, positions) = send(&conn, Command::from(PlanCommand::from(command))).await?;
            println!("{meeting_id}");
            let when = format!(
                "{} {}",
                sujarit_thai::format_thai_date(starts_at.date()),
                starts_at.format("%H.%M")
            );
            if positions.is_empty() {
                eprintln!("ไม่มีอะไรเปลี่ยน · unchanged: the meeting is already scheduled so ({when} น.)");
            } else {
                eprintln!(
                    "นัดประชุมแล้ว · meeting scheduled for {when} น. ({}) on {stream} (version {version}); \
                     แจ้งเตือนคณะกรรมการและฝ่ายเลขานุการล่วงหน้า 1 วัน · the committee and secretariat are reminded the day before",
                    starts_at.format("%Y-%m-%d %H:%M")
                );
            }
            return Ok(());
        }
        PlanCmd::Submit {
            plan,
            meeting,
            agenda,
            conn,
        } => (
            PlanCommand::from(SubmitPlanForEndorsement {
                plan_id: plan,
                meeting,
                agenda_item: agenda,
            }),
            conn,
        ),
        PlanCmd::Endorse {
            plan,
            meeting_no,
            date: d,
            resolution,
            conn,
        } => {
            let meeting_date = date(&d, "--date")?;
            (
                EndorsePlan {
                    plan_id: plan,
                    meeting_no,
                    meeting_date,
                    resolution,
                }
                .into(),
                conn,
            )
        }
        PlanCmd::Return { plan, reasons, conn } => (ReturnPlan { plan_id: plan, reasons }.into(), conn),
        PlanCmd::Sign {
            plan,
            signed_on,
            effective_from,
            conn,
        } => {
            let signed_on = date(&signed_on, "--signed-on")?;
            let effective_from = date(&effective_from, "--effective-from")?;
            (
                SignPlan {
                    plan_id: plan,
                    signed_on,
                    effective_from,
                }
                .into(),
                conn,
            )
        }
        PlanCmd::Register {
            plan,
            reference,
            date: d,
            conn,
        } => {
            let registered_on = date(&d, "--date")?;
            (
                RegisterPlan {
                    plan_id: plan,
                    reference,
                    registered_on,
                }
                .into(),
                conn,
            )
        }
    };
    let name = command.name();
    let (stream, version, _) = send(&conn, Command::from(command)).await?;
    eprintln!("บันทึกแล้ว · recorded: {name} on {stream} (version {version})");
    Ok(())
}

/// Reads a date in the forms the documents use (Thai or ISO, BE or CE).
fn date(text: &str, flag: &str) -> anyhow::Result<NaiveDate> {
    sujarit_thai::parse_thai_date(text).map_err(|e| anyhow::anyhow!("{flag}: {}\n{}", e.message_th(), e.message_en()))
}

/// Reads a meeting's start, Bangkok time: a date as [`date`] reads it (so "2570-01-12" is BE and
/// becomes 2027-01-12), then the time as "09:30" or "09.30", optionally followed by "น.".
fn meeting_time(text: &str, flag: &str) -> anyhow::Result<NaiveDateTime> {
    let arabic = sujarit_thai::to_arabic_digits(text.trim());
    let trimmed = arabic.trim_end_matches("น.").trim_end_matches('น').trim_end();
    let malformed = || {
        anyhow::anyhow!(
            "{flag}: อ่านวันเวลา \"{text}\" ไม่ได้ ใช้รูปแบบ \"2570-01-12 09:30\"\n\
             {flag}: cannot read \"{text}\" as a date and time; write it as \"2570-01-12 09:30\" or \"2027-01-12 09:30\""
        )
    };
    let (day, time) = trimmed
        .rsplit_once(char::is_whitespace)
        .or_else(|| trimmed.split_once('T'))
        .ok_or_else(malformed)?;
    let day = day.trim().trim_end_matches("เวลา").trim();
    let time = NaiveTime::parse_from_str(&time.replace('.', ":"), "%H:%M").map_err(|_| malformed())?;
    Ok(date(day, flag)?.and_time(time))
}

async fn import(
    file: PathBuf,
    title: String,
    from: u16,
    to: Option<u16>,
    resolve: crate::orgunits::Resolve,
    conn: Conn,
) -> anyhow::Result<()> {
    let reader = std::fs::File::open(&file).with_context(|| format!("cannot open {}", file.display()))?;
    let sheet = match parse_plan_csv(reader) {
        Ok(sheet) => sheet,
        Err(errors) => {
            for error in errors.iter() {
                eprintln!("{}\n  {}", error.message_th(), error.message_en());
            }
            bail!(
                "{}: {} แถวไม่ถูกต้อง ไม่ได้นำเข้าข้อมูลใด ๆ · {} bad rows, nothing imported",
                file.display(),
                errors.len(),
                errors.len()
            );
        }
    };
    let mut items = to_items(sheet.rows())?;
    let names: Vec<String> = items.iter().filter_map(|item| item.org_unit_name.clone()).collect();
    let resolved = crate::orgunits::resolve(&names, &resolve, &conn).await?;
    for item in &mut items {
        item.org_unit_id = item
            .org_unit_name
            .as_ref()
            .and_then(|name| resolved.get(name))
            .and_then(|r| r.org_unit_id());
    }
    for (name, resolution) in &resolved {
        match resolution {
            crate::orgunits::Resolution::Mapped(id, matched) => {
                eprintln!("  จับคู่แล้ว · mapped “{name}” → {matched} ({id}); recorded as an alias")
            }
            crate::orgunits::Resolution::Created(id) => eprintln!("  หน่วยงานใหม่ · registered “{name}” as {id}"),
            crate::orgunits::Resolution::Unlinked => eprintln!("  ไม่ผูกหน่วยงาน · “{name}” left unlinked"),
            crate::orgunits::Resolution::Same(_) => {}
        }
    }
    let plan_id = Uuid::now_v7();
    let command = ImportPlan {
        plan_id,
        title,
        fiscal_year_from: from,
        fiscal_year_to: to.unwrap_or(from),
        owner_org_unit_id: None,
        items,
    };
    send(&conn, Command::from(PlanCommand::from(command))).await?;
    println!("{plan_id}");
    let totals = sheet.totals();
    let leaf = sheet.leaf_total();
    eprintln!(
        "นำเข้าแล้ว · imported: {} top-level items ({} leaves), budget {} baht computed from the leaves; \
         {} need no budget, {} not stated",
        totals.items, totals.leaves, totals.budget, totals.not_needed, totals.not_stated
    );
    for parent in leaf.differences() {
        eprintln!(
            "  ต่างกัน · differs: {} (line {}) states {} but its sub-items add up to {}",
            parent.code,
            parent.line,
            budget_text(&parent.stated),
            parent.computed
        );
    }
    Ok(())
}

/// Turns CSV rows into plan items with new stable ids, parents before their sub-items.
pub(crate) fn to_items(rows: &[PlanRow]) -> anyhow::Result<Vec<PlanItem>> {
    let ids: HashMap<&str, Uuid> = rows.iter().map(|r| (r.code.as_str(), Uuid::now_v7())).collect();
    let by_code: HashMap<&str, &PlanRow> = rows.iter().map(|r| (r.code.as_str(), r)).collect();
    let mut ordered: Vec<&PlanRow> = Vec::with_capacity(rows.len());
    let mut placed = std::collections::HashSet::new();
    for row in rows {
        // Walk up to the outermost ancestor not yet placed, then place the chain downwards.
        // The CSV parser has already refused unknown parents and cycles.
        let mut chain = vec![row];
        let mut current = row;
        while let Some(parent) = current.parent.as_deref().and_then(|p| by_code.get(p)) {
            if placed.contains(parent.code.as_str()) || chain.len() > rows.len() {
                break;
            }
            chain.push(parent);
            current = parent;
        }
        for r in chain.into_iter().rev() {
            if placed.insert(r.code.as_str()) {
                ordered.push(r);
            }
        }
    }
    ordered
        .into_iter()
        .map(|row| {
            let yearly_budgets = row
                .yearly_budgets
                .iter()
                .map(|(year, budget)| {
                    let fiscal_year = u16::try_from(*year)
                        .map_err(|_| anyhow::anyhow!("line {}: fiscal year {year} out of range", row.line))?;
                    Ok(YearlyBudget {
                        fiscal_year,
                        budget: budget_of(budget),
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            Ok(PlanItem {
                item_id: ids[row.code.as_str()],
                code: row.code.clone(),
                parent_item_id: row.parent.as_deref().and_then(|p| ids.get(p).copied()),
                dimension: row.dimension.clone(),
                sub_dimension: row.sub_dimension.clone(),
                kind: match row.kind {
                    sujarit_csvformats::ItemKind::Project => contracts::ItemKind::Project,
                    sujarit_csvformats::ItemKind::Activity => contracts::ItemKind::Activity,
                    sujarit_csvformats::ItemKind::Measure => contracts::ItemKind::Measure,
                },
                name: row.name.clone(),
                objective: None,
                indicator: row.indicator.clone(),
                target: row.target.clone(),
                budget: budget_of(&row.budget),
                yearly_budgets,
                planned_quarters: row.quarters,
                org_unit_id: None,
                org_unit_name: row.org_unit.clone(),
            })
        })
        .collect()
}

fn budget_of(budget: &Budget) -> contracts::Budget {
    match budget {
        Budget::Amount(Satang(satang)) => contracts::Budget::Amount { satang: *satang },
        Budget::NotNeeded => contracts::Budget::NotNeeded,
        Budget::NotStated => contracts::Budget::NotStated,
    }
}

fn budget_text(budget: &Budget) -> String {
    match budget {
        Budget::Amount(s) => s.to_string(),
        other => format!("{} / {}", other.label_th(), other.label_en()),
    }
}

fn baht(satang: i64) -> String {
    Satang(satang).to_string()
}

/// Shows the plan as its events, read from the event stream, make it.
async fn show(plan_id: Uuid, url: &str) -> anyhow::Result<()> {
    let plan: Plan = stream_state(url, contracts::stream(plan_id).as_str()).await?;
    let (Some(header), Some(current)) = (plan.header(), plan.current()) else {
        bail!("plan {plan_id} has events but no draft");
    };
    let years = if header.fiscal_year_from == header.fiscal_year_to {
        header.fiscal_year_from.to_string()
    } else {
        format!("{}–{}", header.fiscal_year_from, header.fiscal_year_to)
    };
    println!("{}", header.title);
    println!("  ปีงบประมาณ · fiscal year(s): {years}");
    println!("  ฉบับที่ · revision {}: {:?}", current.number, current.status);
    if let Some(e) = &current.endorsement {
        println!(
            "  เห็นชอบ · endorsed: meeting {} on {} — {}",
            e.meeting_no, e.meeting_date, e.resolution
        );
    }
    if let Some(s) = &current.signing {
        println!("  ลงนาม · signed {}, effective {}", s.signed_on, s.effective_from);
    }
    if let Some(r) = &current.registration {
        let late = if r.late { " (ล่าช้า · late)" } else { "" };
        println!("  ลงทะเบียน · registered {} as {}{late}", r.registered_on, r.reference);
    }
    for r in &current.returns {
        println!("  ส่งกลับแก้ไข · returned: {}", r.reasons.join("; "));
    }
    for meeting in plan.meetings() {
        let m = &meeting.schedule;
        let state = match &meeting.cancellation {
            Some(c) => format!(" — ยกเลิก · cancelled: {}", c.reason),
            None => String::new(),
        };
        println!(
            "  ประชุม · meeting {} {} เวลา {} น. ({}) ณ {} — {}{state}",
            m.meeting_id,
            sujarit_thai::format_thai_date(m.starts_at.date()),
            m.starts_at.format("%H.%M"),
            m.starts_at.format("%Y-%m-%d %H:%M"),
            m.place,
            m.title
        );
        if meeting.cancellation.is_none() {
            for (number, item) in m.agenda.iter().enumerate() {
                println!("      {}. {item}", number + 1);
            }
        }
    }
    let totals = current.totals().map_err(|e| anyhow::anyhow!("{}", e.message.en))?;
    println!(
        "  รายการ · rows: {} ({} leaves); งบประมาณ · budget {} baht; {} ไม่ใช้งบประมาณ · no budget needed; {} ไม่ระบุ · not stated",
        totals.item_count,
        totals.leaf_count,
        baht(totals.budget.satang),
        totals.budget.not_needed,
        totals.budget.not_stated
    );
    for d in &totals.by_dimension {
        println!(
            "    {}: {} items, {} baht",
            d.dimension,
            d.item_count,
            baht(d.budget.satang)
        );
    }
    for y in totals
        .by_fiscal_year
        .iter()
        .filter(|_| header.fiscal_year_from != header.fiscal_year_to)
    {
        println!("    FY{}: {} baht", y.fiscal_year, baht(y.budget.satang));
    }
    for d in &totals.discrepancies {
        match d {
            Discrepancy::ParentAndLeaves {
                code,
                stated_satang,
                leaves_satang,
                ..
            } => println!(
                "  ต่างกัน · differs: {code} states {} but its sub-items add up to {}",
                baht(*stated_satang),
                baht(*leaves_satang)
            ),
            Discrepancy::ItemAndYears {
                code,
                stated_satang,
                years_satang,
                ..
            } => println!(
                "  ต่างกัน · differs: {code} states {} but its yearly budgets add up to {}",
                baht(*stated_satang),
                baht(*years_satang)
            ),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn a_meeting_time_reads_in_the_buddhist_or_common_era_with_thai_or_arabic_digits() {
        let expected = at(2027, 1, 12, 9, 30);
        for text in [
            "2570-01-12 09:30",
            "2027-01-12 09:30",
            "2570-01-12T09:30",
            " 12 ม.ค. 2570 09.30 น. ",
            "๑๒ มกราคม ๒๕๗๐ เวลา ๐๙.๓๐ น.",
            "12/1/2570 9:30",
        ] {
            assert_eq!(meeting_time(text, "--at").unwrap(), expected, "{text}");
        }
        for bad in ["2570-01-12", "2570-01-12 25:00", "tomorrow 09:30", ""] {
            let err = meeting_time(bad, "--at").unwrap_err().to_string();
            assert!(err.contains("--at"), "{bad}: {err}");
        }
    }
}
