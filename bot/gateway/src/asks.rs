//! The core's questions ([`Ask`]) answered from the query service and the case desk, translated
//! into the core's own view types.

use async_nats::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sujarit_bot::{
    Answer, Ask, CaseQuestion, CaseStatus, CaseView, ChatRef, Digest, MyItem, MyItems, PersonView, QueueCase,
    ReviewItem, RoundInfo, RoundStatus, SubmissionState,
};
use sujarit_client::desk;
use sujarit_client::query::QueryError;
use sujarit_contracts::complaint::MessageFrom;
use sujarit_contracts::people::{PersonCommand, RedeemInvite};
use sujarit_contracts::query::{
    self, ComplaintQueueItem, InviteRequest, LocateRequest, Located, OrgUnitView, PlanSummary, QueryReply,
    RoundItemView, RoundItems, RoundItemsRequest, RoundStatusRequest, RoundStatusView, RoundSummary,
};
use sujarit_contracts::{Actor, Command, DomainError, ErrorCode, Reply};

use crate::{FileSource, Gateway};

fn unavailable(e: &QueryError) -> DomainError {
    match e {
        QueryError::Refused(e) => e.clone(),
        other => {
            tracing::warn!(error = %other, "bot gateway query failed");
            DomainError::new(
                ErrorCode::Unavailable,
                "ระบบไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่อีกครั้ง",
                "the system is not available right now; please try again",
            )
        }
    }
}

/// The query service as this gateway reads it: never behind what the gateway itself wrote, so
/// a case filed a moment ago is found by its code, and a saved report shows in the lists.
#[derive(Clone, Copy)]
struct Reader<'a> {
    nats: &'a async_nats::Client,
    /// The position of the last event the gateway's own commands wrote.
    written: Option<u64>,
}

async fn ask<Q: Serialize, T: DeserializeOwned>(reader: Reader<'_>, view: &str, request: &Q) -> Result<T, DomainError> {
    sujarit_client::query::ask(reader.nats, view, request, reader.written)
        .await
        .map(|(_, data)| data)
        .map_err(|e| unavailable(&e))
}

/// A query with the opaque per-chat key wrong codes are counted under.
async fn ask_rate_limited<Q: Serialize, T: DeserializeOwned>(
    reader: Reader<'_>,
    view: &str,
    request: &Q,
    rate_key: &str,
) -> Result<T, DomainError> {
    let mut headers = HeaderMap::new();
    headers.insert(query::RATE_KEY, rate_key);
    if let Some(position) = reader.written {
        headers.insert(query::MIN_POSITION, position.to_string().as_str());
    }
    let body =
        serde_json::to_vec(request).map_err(|e| DomainError::new(ErrorCode::Internal, e.to_string(), e.to_string()))?;
    let message = reader
        .nats
        .request_with_headers(query::subject(view), headers, body.into())
        .await
        .map_err(|source| {
            unavailable(&QueryError::NoAnswer {
                subject: view.to_string(),
                source,
            })
        })?;
    let reply: QueryReply<T> =
        serde_json::from_slice(&message.payload).map_err(|e| unavailable(&QueryError::BadReply(e)))?;
    reply.into_result().map(|(_, data)| data)
}

fn round_info(summary: &RoundSummary) -> RoundInfo {
    RoundInfo {
        round_id: summary.round_id,
        fiscal_year: summary.fiscal_year,
        period: summary.period,
        due_on: summary.due_on,
        entry_open_until: summary.entry_open_until,
    }
}

fn submission_state(item: &RoundItemView) -> SubmissionState {
    match item.state.as_str() {
        "draft" => SubmissionState::Draft,
        "submitted" => SubmissionState::Submitted {
            late: item.late == Some(true),
        },
        "accepted" => SubmissionState::Accepted,
        "returned" => SubmissionState::Returned {
            reason: item.returns.last().cloned().unwrap_or_default(),
        },
        _ => SubmissionState::NotStarted,
    }
}

fn parse_wire<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).ok()
}

/// Answers one [`Ask`] for `chat`.
pub(crate) async fn run<F: FileSource>(
    gateway: &Gateway<F>,
    chat: &ChatRef,
    question: Ask,
) -> Result<Answer, DomainError> {
    let nats = Reader {
        nats: &gateway.nats,
        written: gateway.written(),
    };
    match question {
        Ask::Redeem { invite_code } => {
            let person: query::PersonView = ask_rate_limited(
                nats,
                query::PERSON_INVITE,
                &InviteRequest {
                    invite_code: invite_code.clone(),
                },
                &gateway.rate_key(chat),
            )
            .await?;
            let channel = serde_json::to_value(chat.channel)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let command = Command::from(PersonCommand::from(RedeemInvite {
                person_id: person.person_id,
                invite_code,
                channel,
                account: chat.chat_id.clone(),
            }));
            let client = sujarit_client::CommandClient::new(gateway.nats.clone(), Actor::Service("bot".into()));
            match client.send(&command).await {
                Ok(answer) => match answer.reply {
                    Reply::Accepted { .. } => Ok(Answer::Linked(PersonView {
                        person_id: person.person_id,
                        name: person.name,
                        roles: person.roles,
                        org_unit_id: person.org_unit_id,
                        org_unit_name: person.org_unit_name,
                    })),
                    Reply::Rejected { code, message } => Err(DomainError { code, message }),
                },
                Err(e) => Err(DomainError::new(ErrorCode::Unavailable, e.to_string(), e.to_string())),
            }
        }
        Ask::MyItems { round_id, org_unit_id } => {
            let items: RoundItems = ask(nats, query::ROUND_ITEMS, &RoundItemsRequest { round_id, org_unit_id }).await?;
            Ok(Answer::MyItems(MyItems {
                round: items.round.as_ref().map(round_info),
                items: items
                    .items
                    .iter()
                    .map(|item| MyItem {
                        item_id: item.item_id,
                        code: item.code.clone(),
                        name: item.name.clone(),
                        budget: item.budget,
                        state: submission_state(item),
                        content: item.content.clone(),
                    })
                    .collect(),
            }))
        }
        Ask::RoundStatus { round_id } => {
            let status: Option<RoundStatusView> =
                ask(nats, query::ROUND_STATUS, &RoundStatusRequest { round_id }).await?;
            Ok(Answer::RoundStatus(status.map(|s| round_status(&s))))
        }
        Ask::ComplaintQueue => Ok(Answer::ComplaintQueue(queue(nats).await?)),
        Ask::OrgUnits => Ok(Answer::OrgUnits(
            ask::<_, Vec<OrgUnitView>>(nats, query::ORGUNIT_LIST, &()).await?,
        )),
        Ask::PlanStatus => Ok(Answer::Plans(
            ask::<_, Vec<PlanSummary>>(nats, query::PLAN_LIST, &()).await?,
        )),
        Ask::Digest => {
            let status: Option<RoundStatusView> =
                ask(nats, query::ROUND_STATUS, &RoundStatusRequest { round_id: None }).await?;
            let chart = match &status {
                Some(status) => match crate::digest::chart(nats.nats, status.round.round_id, nats.written).await {
                    Ok((_, png)) => Some(sujarit_bot::Png(png)),
                    Err(e) => {
                        tracing::warn!(error = %e, "the digest goes without its chart");
                        None
                    }
                },
                None => None,
            };
            Ok(Answer::Digest(Digest {
                round: status.map(|s| round_status(&s)),
                queue: queue(nats).await?,
                plans: ask(nats, query::PLAN_LIST, &()).await?,
                chart,
            }))
        }
        Ask::CaseByReceipt { receipt_code } => {
            let located: Located = ask_rate_limited(
                nats,
                query::COMPLAINT_LOCATE,
                &LocateRequest {
                    receipt_code: receipt_code.0.clone(),
                },
                &gateway.rate_key(chat),
            )
            .await?;
            let view = desk::view_case(&gateway.nats, &Actor::Anonymous, located.case_id, Some(&receipt_code.0))
                .await
                .map_err(|e| unavailable(&e))?;
            Ok(Answer::Case(case_view(&view)))
        }
    }
}

fn round_status(status: &RoundStatusView) -> RoundStatus {
    RoundStatus {
        round: round_info(&status.round),
        agencies: status.agencies.clone(),
        to_review: status
            .to_review
            .iter()
            .filter_map(|item| {
                Some(ReviewItem {
                    item_id: item.item_id,
                    code: item.code.clone(),
                    name: item.name.clone(),
                    org_unit: item.org_unit.clone(),
                    budget: item.budget,
                    late: item.late == Some(true),
                    content: item.content.clone()?,
                })
            })
            .collect(),
    }
}

async fn queue(nats: Reader<'_>) -> Result<Vec<QueueCase>, DomainError> {
    let items: Vec<ComplaintQueueItem> = ask(nats, query::COMPLAINT_QUEUE, &()).await?;
    let units: Vec<OrgUnitView> = ask(nats, query::ORGUNIT_LIST, &()).await?;
    Ok(items
        .into_iter()
        .filter_map(|item| {
            Some(QueueCase {
                case_id: item.case_id,
                reference: item.case_id.simple().to_string()[..8].to_uppercase(),
                category: parse_wire(&item.category)?,
                channel: parse_wire(&item.channel)?,
                status: parse_wire::<CaseStatus>(&item.status)?,
                received_on: item.received_on,
                due_on: item.due_on,
                assigned_to: item.assigned_to.map(|id| {
                    units
                        .iter()
                        .find(|u| u.org_unit_id == id)
                        .map(|u| u.name.clone())
                        .unwrap_or_else(|| id.to_string())
                }),
            })
        })
        .collect())
}

fn case_view(view: &sujarit_contracts::complaint::CaseView) -> CaseView {
    let answered: Vec<u32> = view
        .messages
        .iter()
        .filter(|m| m.kind == "answer")
        .filter_map(|m| m.number)
        .collect();
    CaseView {
        case_id: view.case_id,
        category: view.category,
        status: parse_wire(&view.status).unwrap_or(CaseStatus::Received),
        received_on: view.received_on,
        due_on: view.due_on,
        questions: view
            .messages
            .iter()
            .filter(|m| m.kind == "question" && m.from == MessageFrom::Handler)
            .map(|m| CaseQuestion {
                number: m.number.unwrap_or(0),
                text: m.text.clone().unwrap_or_default(),
                asked_on: m.on.unwrap_or(view.received_on),
                answered: m.number.is_some_and(|n| answered.contains(&n)),
            })
            .collect(),
        outcome: view
            .messages
            .iter()
            .rev()
            .find(|m| m.kind == "outcome")
            .and_then(|m| m.text.clone()),
    }
}
