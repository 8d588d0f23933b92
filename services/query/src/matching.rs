//! Which org units a name as written in a document may mean: the official name and every alias,
//! normalised (abbreviations, digits, spaces, the province) and compared with
//! `sujarit_thai::agency`. An exact normalised match is the same unit; anything merely close is
//! only a suggestion a person must confirm, so an import never maps or creates a near-duplicate
//! silently.

use sujarit_contracts::query::{MatchKind, MatchRequest, OrgUnitMatch};
use sujarit_thai::agency::{self, AgencyIndex, Candidate, Verdict};
use uuid::Uuid;

use crate::models::Models;

/// Most suggestions returned.
pub const MAX_LIMIT: usize = 20;

impl Models {
    /// The org units closest to `request.name`, best first: one `Same` when the normalised name
    /// or an alias is identical, otherwise `Likely` suggestions above the similarity threshold.
    pub fn org_unit_matches(&self, request: &MatchRequest) -> Vec<OrgUnitMatch> {
        let units: Vec<(Uuid, Vec<String>)> = self
            .org_units()
            .filter_map(|(id, unit)| {
                let name = unit.name.clone()?;
                let mut names = vec![name];
                names.extend(unit.aliases.iter().cloned());
                Some((id, names))
            })
            .collect();
        let candidates: Vec<Candidate<'_, Uuid>> =
            units.iter().map(|(id, names)| Candidate { id: *id, names }).collect();
        let province = request.province.as_deref().filter(|p| !p.trim().is_empty());
        let index = AgencyIndex::new(province, &candidates);
        let official = |id: Uuid| {
            units
                .iter()
                .find(|(unit, _)| *unit == id)
                .and_then(|(_, names)| names.first().cloned())
                .unwrap_or_default()
        };
        let limit = request.limit.unwrap_or(agency::MAX_SUGGESTIONS).clamp(1, MAX_LIMIT);
        match index.classify(&request.name) {
            Verdict::Same(id) => {
                let key = index.key(&request.name);
                let matched = units
                    .iter()
                    .find(|(unit, _)| *unit == id)
                    .and_then(|(_, names)| names.iter().find(|n| index.key(n) == key).cloned())
                    .unwrap_or_else(|| official(id));
                vec![OrgUnitMatch {
                    org_unit_id: id,
                    name: official(id),
                    matched,
                    score_per_mille: 1000,
                    kind: MatchKind::Same,
                }]
            }
            Verdict::Likely(_) | Verdict::New => index
                .best_matches(&request.name, limit)
                .into_iter()
                .filter(|m| m.score >= agency::LIKELY_THRESHOLD)
                .map(|m| OrgUnitMatch {
                    org_unit_id: m.id,
                    name: official(m.id),
                    matched: m.matched_name,
                    score_per_mille: (m.score * 1000.0).round().clamp(0.0, 1000.0) as u16,
                    kind: MatchKind::Likely,
                })
                .collect(),
        }
    }
}
