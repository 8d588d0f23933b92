//! Mapping the agency names a plan CSV carries to registered org units, the way a careful clerk
//! would: a name that is a unit's name or alias once normalised (abbreviations, digits, spaces,
//! the province) is that unit; a name that is merely close is only a suggestion, used when the
//! user says so (and then recorded as an alias); a name close to nothing is a new unit, created
//! when the user says so. Without those flags, an import with unresolved names stops and lists
//! them with their suggestions: a near-duplicate is never created, nor a unit guessed, silently.

use std::collections::BTreeMap;

use sujarit_contracts::orgunit::{AddOrgUnitAlias, OrgUnitCommand, RegisterOrgUnit};
use sujarit_contracts::query::{self, OrgUnitView};
use sujarit_contracts::Command;
use sujarit_thai::agency::{AgencyIndex, Candidate, Verdict};
use uuid::Uuid;

use crate::cli::{ask, send, Conn};

/// Similarity from which a name counts as a near-duplicate of a unit: such a name is never
/// registered as a new unit; it maps to the unit when the user accepts the suggestion.
pub const NEAR_DUPLICATE: f64 = 0.85;

/// What to do with names that are not exactly a registered unit.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Resolve {
    /// Map a name that is a near-duplicate of a registered unit (≥ 85 % similar) to that unit,
    /// and record the spelling as its alias.
    #[arg(long)]
    pub accept_suggestions: bool,
    /// Register a new unit for a name that is no near-duplicate of any unit.
    #[arg(long)]
    pub create_org_units: bool,
    /// Map one name to a unit yourself: `--map "ชื่อตามเอกสาร=<org unit id>"` (repeatable); the
    /// spelling is recorded as the unit's alias.
    #[arg(long = "map", value_name = "NAME=ID")]
    pub map: Vec<String>,
    /// Import names that stay unresolved without a unit (officers cannot report on those
    /// items until they are linked).
    #[arg(long)]
    pub unlinked: bool,
    /// The province, dropped from names before comparing ("สำนักงานจังหวัดพัทลุง" = "สำนักงานจังหวัด").
    #[arg(long)]
    pub province: Option<String>,
}

/// How one name was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// An existing unit (by its name or an alias).
    Same(Uuid),
    /// Mapped to a unit (a suggestion accepted, or `--map`); the spelling becomes its alias.
    Mapped(Uuid, String),
    /// A unit to register for it.
    Created(Uuid),
    /// Left unlinked.
    Unlinked,
}

impl Resolution {
    /// The unit, if linked.
    pub fn org_unit_id(&self) -> Option<Uuid> {
        match self {
            Resolution::Same(id) | Resolution::Mapped(id, _) | Resolution::Created(id) => Some(*id),
            Resolution::Unlinked => None,
        }
    }
}

fn explicit_maps(how: &Resolve) -> anyhow::Result<BTreeMap<String, Uuid>> {
    how.map
        .iter()
        .map(|pair| {
            let (name, id) = pair
                .rsplit_once('=')
                .ok_or_else(|| anyhow::anyhow!("--map `{pair}`: expected NAME=ID"))?;
            let id = Uuid::parse_str(id.trim())
                .map_err(|_| anyhow::anyhow!("--map `{pair}`: `{}` is not an org unit id (UUID)", id.trim()))?;
            Ok((name.trim().to_string(), id))
        })
        .collect()
}

/// Decides every distinct name first, without side effects; errors (listing each unresolved
/// name with its suggestions, nothing sent) when some stay unresolved and `--unlinked` was not
/// given; only then registers the new units and records the aliases.
pub async fn resolve(names: &[String], how: &Resolve, conn: &Conn) -> anyhow::Result<BTreeMap<String, Resolution>> {
    let maps = explicit_maps(how)?;
    let units: Vec<OrgUnitView> = ask(&conn.nats, query::ORGUNIT_LIST, &()).await?;
    for id in maps.values() {
        if !units.iter().any(|u| u.org_unit_id == *id) {
            anyhow::bail!("--map: no registered org unit {id} (see `sujarit orgunit list`)");
        }
    }
    let official: BTreeMap<Uuid, String> = units.iter().map(|u| (u.org_unit_id, u.name.clone())).collect();
    let mut known: Vec<(Uuid, Vec<String>)> = units
        .into_iter()
        .map(|u| {
            let mut names = vec![u.name];
            names.extend(u.aliases);
            (u.org_unit_id, names)
        })
        .collect();
    let mut out = BTreeMap::new();
    let mut unresolved: Vec<String> = Vec::new();
    for name in names {
        if out.contains_key(name) {
            continue;
        }
        // Against the registry as it stands plus the units this import will create, so two
        // spellings in one file never become two units.
        let candidates: Vec<Candidate<'_, Uuid>> =
            known.iter().map(|(id, names)| Candidate { id: *id, names }).collect();
        let index = AgencyIndex::new(how.province.as_deref(), &candidates);
        let resolution = if let Some(id) = maps.get(name.trim()) {
            Resolution::Mapped(*id, official.get(id).cloned().unwrap_or_default())
        } else {
            match index.classify(name) {
                Verdict::Same(id) => Resolution::Same(id),
                verdict => {
                    let matches = match verdict {
                        Verdict::Likely(matches) => matches,
                        _ => Vec::new(),
                    };
                    let near = matches.first().filter(|m| m.score >= NEAR_DUPLICATE);
                    let listed: Vec<String> = matches
                        .iter()
                        .take(3)
                        .map(|m| format!("{} ({:.0}%, {})", m.matched_name, m.score * 100.0, m.id))
                        .collect();
                    match near {
                        Some(best) if how.accept_suggestions => Resolution::Mapped(best.id, best.matched_name.clone()),
                        Some(_) => {
                            unresolved.push(format!("“{name}” เกือบซ้ำกับ · nearly the same as: {}", listed.join("; ")));
                            Resolution::Unlinked
                        }
                        None if how.create_org_units => {
                            let id = Uuid::now_v7();
                            known.push((id, vec![name.clone()]));
                            Resolution::Created(id)
                        }
                        None => {
                            let hint = if listed.is_empty() {
                                String::new()
                            } else {
                                format!("; ใกล้เคียงบ้าง · somewhat like: {}", listed.join("; "))
                            };
                            unresolved.push(format!("“{name}” ไม่ตรงกับหน่วยงานใด · matches no registered unit{hint}"));
                            Resolution::Unlinked
                        }
                    }
                }
            }
        };
        if let Resolution::Mapped(id, _) = &resolution {
            if let Some((_, names)) = known.iter_mut().find(|(unit, _)| unit == id) {
                names.push(name.clone());
            }
        }
        out.insert(name.clone(), resolution);
    }
    if !unresolved.is_empty() && !how.unlinked {
        let mut message = format!(
            "{} ชื่อหน่วยงานยังไม่ได้จับคู่ ไม่ได้นำเข้าหรือบันทึกข้อมูลใด ๆ · {} agency names are not resolved; nothing was imported or recorded:\n",
            unresolved.len(),
            unresolved.len()
        );
        for line in &unresolved {
            message.push_str("  ");
            message.push_str(line);
            message.push('\n');
        }
        message.push_str(
            "เลือกวิธี · choose: --accept-suggestions (ชื่อที่เกือบซ้ำใช้หน่วยงานนั้น · near-duplicates map to that unit), \
             --create-org-units (ชื่อที่ไม่ซ้ำสร้างหน่วยงานใหม่ · register the others as new units), \
             --map \"NAME=ID\" (กำหนดเอง · decide one name), --unlinked (นำเข้าโดยไม่ผูกหน่วยงาน · import unlinked)",
        );
        anyhow::bail!(message);
    }
    // Decided: now record.
    for (name, resolution) in &out {
        let command = match resolution {
            Resolution::Created(id) => OrgUnitCommand::from(RegisterOrgUnit {
                org_unit_id: *id,
                name: name.clone(),
                aliases: vec![],
            }),
            Resolution::Mapped(id, _) => OrgUnitCommand::from(AddOrgUnitAlias {
                org_unit_id: *id,
                alias: name.clone(),
            }),
            Resolution::Same(_) | Resolution::Unlinked => continue,
        };
        send(conn, Command::from(command)).await?;
    }
    Ok(out)
}
