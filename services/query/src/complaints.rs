//! Complaint views: finding a case by its receipt code (rate-limited), the secretariat's queue,
//! and the published statistics. None of them opens case content: the query service holds no
//! case keys, and these views carry counts, dates and states only.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use sujarit_contracts::query::{CaseCounts, ChatTarget, ComplaintQueueItem, ComplaintStats, Located, PersonView};
use sujarit_contracts::{DomainError, ErrorCode};
use sujarit_ledger::complaint::{bangkok_today, CaseStatus, Complaint};
use sujarit_thai::FiscalYear;

use crate::models::Models;

/// Days before the due date from which an open case counts as due soon.
pub const DUE_SOON_DAYS: i64 = 3;

/// A token bucket.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Limits wrong receipt codes: a global bucket (every wrong code anywhere) and one per rate key
/// (an opaque key the front end derives from its channel's user; never an identity itself). A
/// caller without tokens gets "rate limited" even for a right code, so guessing learns nothing.
#[derive(Debug)]
pub struct WrongCodeLimiter {
    global: Bucket,
    keys: HashMap<String, Bucket>,
}

/// Wrong codes allowed in a burst, all callers together.
pub const GLOBAL_BURST: f64 = 200.0;
/// Wrong codes regained per second, all callers together.
pub const GLOBAL_PER_SECOND: f64 = 5.0;
/// Wrong codes allowed in a burst per rate key.
pub const KEY_BURST: f64 = 10.0;
/// Wrong codes regained per second per rate key (one every 30 s).
pub const KEY_PER_SECOND: f64 = 1.0 / 30.0;

impl Default for WrongCodeLimiter {
    fn default() -> Self {
        WrongCodeLimiter {
            global: Bucket {
                tokens: GLOBAL_BURST,
                at: Instant::now(),
            },
            keys: HashMap::new(),
        }
    }
}

fn refill(bucket: &mut Bucket, now: Instant, burst: f64, per_second: f64) {
    let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
    bucket.tokens = (bucket.tokens + elapsed * per_second).min(burst);
    bucket.at = now;
}

impl WrongCodeLimiter {
    /// Whether the caller may try a code now.
    pub fn allowed(&mut self, key: Option<&str>, now: Instant) -> bool {
        refill(&mut self.global, now, GLOBAL_BURST, GLOBAL_PER_SECOND);
        if self.global.tokens < 1.0 {
            return false;
        }
        match key.and_then(|k| self.keys.get_mut(k)) {
            Some(bucket) => {
                refill(bucket, now, KEY_BURST, KEY_PER_SECOND);
                bucket.tokens >= 1.0
            }
            None => true,
        }
    }

    /// Counts one wrong code.
    pub fn wrong(&mut self, key: Option<&str>, now: Instant) {
        self.global.tokens -= 1.0;
        if let Some(key) = key {
            if self.keys.len() > 100_000 {
                self.keys.retain(|_, b| b.tokens < KEY_BURST);
            }
            let bucket = self.keys.entry(key.to_string()).or_insert(Bucket {
                tokens: KEY_BURST,
                at: now,
            });
            refill(bucket, now, KEY_BURST, KEY_PER_SECOND);
            bucket.tokens -= 1.0;
        }
    }
}

fn rate_limited() -> DomainError {
    DomainError::new(
        ErrorCode::RateLimited,
        "มีการลองรหัสที่ไม่ถูกต้องหลายครั้งเกินไป กรุณารอสักครู่แล้วลองใหม่",
        "too many wrong codes were tried; wait a while and try again",
    )
}

fn no_invite() -> DomainError {
    DomainError::new(
        ErrorCode::NotFound,
        "รหัสเชิญไม่ถูกต้อง หมดอายุ หรือใช้ไปแล้ว กรุณาขอรหัสใหม่จากผู้ดูแลระบบ",
        "the invite code is wrong, expired or already used; ask an admin for a new one",
    )
}

fn no_case() -> DomainError {
    DomainError::new(
        ErrorCode::NotFound,
        "ไม่พบเรื่องที่ตรงกับรหัสนี้ กรุณาตรวจสอบรหัสรับเรื่องอีกครั้ง",
        "no case matches; check the receipt code and try again",
    )
}

impl Models {
    /// The case a receipt code belongs to, counting wrong codes in `limiter`.
    pub fn locate(
        &self,
        receipt_code: &str,
        rate_key: Option<&str>,
        limiter: &mut WrongCodeLimiter,
    ) -> Result<Located, DomainError> {
        let code = sujarit_privacy::ReceiptCode::parse(receipt_code)
            .map_err(|e| DomainError::new(ErrorCode::Validation, e.message_th(), e.message_en()))?;
        let now = Instant::now();
        if !limiter.allowed(rate_key, now) {
            return Err(rate_limited());
        }
        let canonical = code.to_string();
        match self.complaints().find(|(_, case)| case.receipt_matches(&canonical)) {
            Some((case_id, _)) => Ok(Located { case_id }),
            None => {
                limiter.wrong(rate_key, now);
                Err(no_case())
            }
        }
    }

    /// The person an invite code was issued for (wrong codes counted in `limiter`).
    pub fn person_by_invite(
        &self,
        invite_code: &str,
        rate_key: Option<&str>,
        limiter: &mut WrongCodeLimiter,
    ) -> Result<PersonView, DomainError> {
        let code = sujarit_privacy::ReceiptCode::parse(invite_code)
            .map_err(|e| DomainError::new(ErrorCode::Validation, e.message_th(), e.message_en()))?;
        let now = Instant::now();
        if !limiter.allowed(rate_key, now) {
            return Err(rate_limited());
        }
        let canonical = code.to_string();
        let found = self.people().find(|(_, person)| {
            person
                .invite_for(&canonical, today(), sujarit_ledger::vault::digest_matches)
                .is_some()
        });
        match found {
            Some((person_id, _)) => self.person_view(person_id).ok_or_else(no_invite),
            None => {
                limiter.wrong(rate_key, now);
                Err(no_invite())
            }
        }
    }

    /// The person a chat account acts for.
    pub fn person_by_chat(&self, channel: &str, account: &str) -> Result<PersonView, DomainError> {
        let channel = channel.trim().to_lowercase();
        self.people()
            .find(|(_, person)| {
                person
                    .chat_accounts
                    .iter()
                    .any(|(c, a)| *c == channel && a == account.trim())
            })
            .and_then(|(person_id, _)| self.person_view(person_id))
            .ok_or_else(|| {
                DomainError::new(
                    ErrorCode::NotFound,
                    "บัญชีแชทนี้ยังไม่ได้ผูกกับผู้ใช้ กรุณาใช้รหัสเชิญจากผู้ดูแลระบบ",
                    "this chat account is not linked to anyone; use an invite code from an admin",
                )
            })
    }

    fn person_view(&self, person_id: uuid::Uuid) -> Option<PersonView> {
        let person = self.person(person_id)?;
        Some(PersonView {
            person_id,
            name: person.name.clone()?,
            roles: person.roles.clone(),
            org_unit_id: person.org_unit_id,
            org_unit_name: person
                .org_unit_id
                .and_then(|id| self.org_unit_name(id))
                .map(str::to_string),
            lang: person.lang.clone(),
            muted_until: person.muted_until,
        })
    }

    /// Cases whose content is past its retention period on `as_of` and not purged yet.
    pub fn retention_due(&self, as_of: NaiveDate) -> Vec<uuid::Uuid> {
        let mut due: Vec<uuid::Uuid> = self
            .complaints()
            .filter(|(_, case)| case.purge_due_on().is_some_and(|day| day <= as_of))
            .map(|(case_id, _)| case_id)
            .collect();
        due.sort();
        due
    }

    /// The chat accounts a notification recipient reaches.
    pub fn notify_targets(&self, kind: &str, id: &str) -> Result<Vec<ChatTarget>, DomainError> {
        let bad = || {
            DomainError::new(
                ErrorCode::Validation,
                format!("ผู้รับ `{kind}:{id}` ไม่ถูกต้อง"),
                format!("recipient `{kind}:{id}` is not valid (person|role|org_unit and an id)"),
            )
        };
        let people: Vec<(uuid::Uuid, &sujarit_ledger::people::Person)> = match kind {
            "person" => {
                let person_id: uuid::Uuid = id.parse().map_err(|_| bad())?;
                self.person(person_id).map(|p| vec![(person_id, p)]).unwrap_or_default()
            }
            "role" => {
                let role: sujarit_contracts::people::Role = id.parse().map_err(|_| bad())?;
                self.people().filter(|(_, p)| p.roles.contains(&role)).collect()
            }
            "org_unit" => {
                let unit: uuid::Uuid = id.parse().map_err(|_| bad())?;
                self.people()
                    .filter(|(_, p)| {
                        p.org_unit_id == Some(unit) && p.roles.contains(&sujarit_contracts::people::Role::Officer)
                    })
                    .collect()
            }
            _ => return Err(bad()),
        };
        let mut targets: Vec<ChatTarget> = people
            .into_iter()
            .flat_map(|(person_id, person)| {
                person.chat_accounts.iter().map(move |(channel, account)| ChatTarget {
                    person_id,
                    channel: channel.clone(),
                    account: account.clone(),
                })
            })
            .collect();
        targets.sort_by(|a, b| (a.person_id, &a.channel, &a.account).cmp(&(b.person_id, &b.channel, &b.account)));
        Ok(targets)
    }

    /// Open cases, most urgent first: new (not acknowledged), overdue, due soon, then the rest.
    pub fn complaint_queue(&self, today: NaiveDate) -> Vec<ComplaintQueueItem> {
        let mut items: Vec<ComplaintQueueItem> = self
            .complaints()
            .filter_map(|(case_id, case)| {
                let filing = case.filing()?;
                let status = case.status()?;
                if status.has_ended() {
                    return None;
                }
                let days_left = case.days_left(today);
                let urgency = if status == CaseStatus::Received {
                    "new"
                } else if case.is_overdue(today) {
                    "overdue"
                } else if days_left.is_some_and(|d| d <= DUE_SOON_DAYS) {
                    "due_soon"
                } else {
                    "open"
                };
                Some(ComplaintQueueItem {
                    case_id,
                    category: filing.category.as_str().to_string(),
                    channel: filing.channel.as_str().to_string(),
                    status: status.as_str().to_string(),
                    anonymous: filing.anonymous,
                    received_on: filing.received_on,
                    due_on: case.due_on(),
                    days_left,
                    urgency: urgency.to_string(),
                    assigned_to: case.assigned_to(),
                    reopen_count: case.reopen_count(),
                })
            })
            .collect();
        let rank = |u: &str| match u {
            "new" => 0,
            "overdue" => 1,
            "due_soon" => 2,
            _ => 3,
        };
        items.sort_by_key(|i| {
            (
                rank(&i.urgency),
                i.days_left.unwrap_or(i64::MAX),
                i.received_on,
                i.case_id,
            )
        });
        items
    }

    /// Statistics of the cases received in `fiscal_year` (BE).
    pub fn complaint_stats(&self, fiscal_year: u16, today: NaiveDate) -> Result<ComplaintStats, DomainError> {
        let year = FiscalYear::from_be(i32::from(fiscal_year))
            .map_err(|e| DomainError::new(ErrorCode::Validation, e.message_th(), e.message_en()))?;
        let mut stats = ComplaintStats::empty(fiscal_year);
        let mut total = stats.total.clone();
        let mut by_category: BTreeMap<String, CaseCounts> = BTreeMap::new();
        let mut by_channel: BTreeMap<String, CaseCounts> = BTreeMap::new();
        let mut by_month: BTreeMap<String, CaseCounts> = BTreeMap::new();
        let mut to_acknowledge = Vec::new();
        let mut to_resolve = Vec::new();
        for (_, case) in self.complaints() {
            let Some(filing) = case.filing() else { continue };
            if !year.contains(filing.received_on) {
                continue;
            }
            let month = format!("{}-{:02}", filing.received_on.year() + 543, filing.received_on.month());
            for counts in [
                &mut total,
                by_category
                    .entry(filing.category.as_str().to_string())
                    .or_insert_with(|| named(filing.category.as_str())),
                by_channel
                    .entry(filing.channel.as_str().to_string())
                    .or_insert_with(|| named(filing.channel.as_str())),
                by_month.entry(month.clone()).or_insert_with(|| named(&month)),
            ] {
                count(counts, case);
            }
            if let Some(on) = case.acknowledged_on() {
                to_acknowledge.push((on - filing.received_on).num_days());
            }
            if let Some(on) = case.ended_on() {
                to_resolve.push((on - filing.received_on).num_days());
            }
            if case.reopen_count() > 0 {
                stats.reopened_cases += 1;
                stats.reopenings += case.reopen_count();
            }
            if case.ended_late() == Some(true) {
                stats.ended_late += 1;
            }
            if case.is_overdue(today) {
                stats.overdue_open += 1;
            }
            if filing.anonymous {
                stats.anonymous += 1;
            }
        }
        stats.total = total;
        stats.by_category = by_category.into_values().collect();
        stats.by_channel = by_channel.into_values().collect();
        stats.by_month = by_month.into_values().collect();
        stats.median_days_to_acknowledge = median(&mut to_acknowledge);
        stats.median_days_to_resolve = median(&mut to_resolve);
        Ok(stats)
    }
}

fn named(key: &str) -> CaseCounts {
    CaseCounts {
        key: key.to_string(),
        ..Default::default()
    }
}

fn count(counts: &mut CaseCounts, case: &Complaint) {
    counts.received += 1;
    match case.status() {
        Some(CaseStatus::Resolved | CaseStatus::Closed) => counts.completed += 1,
        Some(CaseStatus::Referred) => counts.referred += 1,
        _ => counts.in_progress += 1,
    }
}

fn median(values: &mut [i64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid] as f64
    } else {
        (values[mid - 1] + values[mid]) as f64 / 2.0
    })
}

/// Today in Bangkok.
pub fn today() -> NaiveDate {
    bangkok_today(chrono::Utc::now())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::Models;
    use chrono::Utc;
    use sujarit_contracts::complaint::{
        Category, Channel, Closure, ComplaintClosed, ComplaintEvent, ComplaintReceived, ReceiptDigest, SealedText,
    };
    use sujarit_contracts::{DomainEvent, EventEnvelope};
    use uuid::Uuid;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn envelope(position: u64, case_id: Uuid, version: u64, event: ComplaintEvent) -> EventEnvelope {
        EventEnvelope {
            event_id: Uuid::new_v4(),
            stream: sujarit_contracts::complaint::stream(case_id).to_string(),
            version,
            position,
            event_type: event.event_type().into(),
            schema: event.schema(),
            occurred_at: Utc::now(),
            actor: "anonymous".into(),
            correlation_id: Uuid::new_v4(),
            causation_id: Uuid::new_v4(),
            payload: event.to_payload().unwrap(),
        }
    }

    fn received(case_id: Uuid, on: NaiveDate) -> ComplaintEvent {
        ComplaintReceived {
            case_id,
            channel: Channel::Web,
            category: Category::General,
            anonymous: true,
            subject_org_unit_id: None,
            subject_agency: None,
            text: SealedText("sealed".into()),
            location: None,
            attachments: vec![],
            reporter: None,
            receipt_digest: ReceiptDigest("digest".into()),
            received_on: on,
            due_on: Some(on + chrono::Days::new(15)),
            retention_days: 730,
        }
        .into()
    }

    #[test]
    fn a_case_becomes_due_for_purging_when_its_retention_period_after_closing_has_passed() {
        let (closed, open) = (Uuid::new_v4(), Uuid::new_v4());
        let mut models = Models::default();
        models.apply(&envelope(1, closed, 1, received(closed, date(2024, 1, 10))));
        models.apply(&envelope(
            2,
            closed,
            2,
            ComplaintClosed {
                case_id: closed,
                closure: Closure::Unfounded,
                reason: None,
                closed_on: date(2024, 1, 20),
                late: false,
            }
            .into(),
        ));
        models.apply(&envelope(3, open, 1, received(open, date(2024, 1, 10))));
        // 730 days after 20 Jan 2024 is 19 Jan 2026.
        assert!(models.retention_due(date(2026, 1, 18)).is_empty());
        assert_eq!(models.retention_due(date(2026, 1, 19)), vec![closed]);
        // Statistics count both; an open case is never due.
        let stats = models.complaint_stats(2567, date(2026, 1, 19)).unwrap();
        assert_eq!(
            (stats.total.received, stats.total.completed, stats.total.in_progress),
            (2, 1, 1)
        );
        assert_eq!(stats.overdue_open, 1);
    }

    #[test]
    fn the_person_a_chat_acts_for_carries_their_notification_preferences() {
        use sujarit_contracts::people::{
            self, ChatAccountLinked, NotificationPreferencesSet, PersonEvent, PersonRegistered, Role,
        };
        let person_id = Uuid::from_u128(7);
        let person_envelope = |position: u64, event: PersonEvent| EventEnvelope {
            event_id: Uuid::new_v4(),
            stream: people::stream(person_id).to_string(),
            version: position,
            position,
            event_type: event.event_type().into(),
            schema: event.schema(),
            occurred_at: Utc::now(),
            actor: "service:test".into(),
            correlation_id: Uuid::new_v4(),
            causation_id: Uuid::new_v4(),
            payload: event.to_payload().unwrap(),
        };
        let mut models = Models::default();
        models.apply(&person_envelope(
            1,
            PersonRegistered {
                person_id,
                name: "นางสาวสมใจ ใจดี".into(),
                roles: vec![Role::Committee],
                org_unit_id: None,
            }
            .into(),
        ));
        models.apply(&person_envelope(
            2,
            ChatAccountLinked {
                person_id,
                channel: "telegram".into(),
                account: "42".into(),
            }
            .into(),
        ));
        let view = models.person_by_chat("telegram", "42").unwrap();
        assert_eq!(
            (view.lang, view.muted_until),
            (None, None),
            "Thai and not muted until chosen"
        );
        let until = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        models.apply(&person_envelope(
            3,
            NotificationPreferencesSet {
                person_id,
                muted_until: Some(until),
                lang: Some("en".into()),
            }
            .into(),
        ));
        let view = models.person_by_chat("telegram", "42").unwrap();
        assert_eq!((view.lang.as_deref(), view.muted_until), (Some("en"), Some(until)));
        // A view written before the fields existed still reads.
        let old =
            format!(r#"{{"person_id":"{person_id}","name":"x","roles":[],"org_unit_id":null,"org_unit_name":null}}"#);
        let old: PersonView = serde_json::from_str(&old).unwrap();
        assert_eq!((old.lang, old.muted_until), (None, None));
    }
}
