//! Complaints and anonymous tips through a real nats-server, ledger and query service: filing
//! with a photo, following up with the receipt code, questions and answers, the outcome and the
//! statistics; the content is sealed, a purge makes it unreadable while the statistics stay, and
//! bad input (empty text, oversized photo, wrong codes, malformed JSON) changes nothing.

use sujarit_client::{desk, CommandClient, SendOptions};
use sujarit_contracts::complaint::{
    AcknowledgeComplaint, AnswerQuestion, AskReporter, AssignComplaint, Category, Channel, ComplaintCommand,
    FileComplaint, PurgeCaseContent, RateHandling, ReceiptCode, ResolveComplaint, TellOutcome,
};
use sujarit_contracts::orgunit::{OrgUnitCommand, RegisterOrgUnit};
use sujarit_contracts::people::Role;
use sujarit_contracts::query::{self, ComplaintQueueItem, ComplaintStats, LocateRequest, Located, StatsRequest};
use sujarit_contracts::{Actor, Command, ErrorCode, Reply};
use sujarit_ledger::vault::KeyVault;
use uuid::Uuid;

use crate::harness::*;

const SECRETARIAT: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0c01);
const OFFICER: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0c02);

fn gps_photo() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/shared/privacy/tests/fixtures/gps.jpg"
    ))
    .expect("fixture")
}

/// Sends as an anonymous citizen: random (v4) ids only.
async fn anonymous(client: &CommandClient, command: Command) -> Reply {
    let options = SendOptions {
        command_id: Some(Uuid::new_v4()),
        correlation_id: Some(Uuid::new_v4()),
        ..Default::default()
    };
    client.send_with(&command, options).await.expect("answer").reply
}

fn refused<T: std::fmt::Debug>(result: Result<T, sujarit_client::query::QueryError>) -> sujarit_contracts::DomainError {
    match result {
        Err(sujarit_client::query::QueryError::Refused(e)) => e,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

struct Desk {
    nats: TestNats,
    ledger: TestLedger,
    citizen: CommandClient,
    secretariat: CommandClient,
    officer: CommandClient,
    unit: Uuid,
    reader: async_nats::Client,
}

async fn desk_with_people() -> Desk {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let admin = CommandClient::new(nats.client().await, admin());
    let unit = Uuid::now_v7();
    accepted_at(
        &admin,
        OrgUnitCommand::from(RegisterOrgUnit {
            org_unit_id: unit,
            name: "สำนักงานจังหวัดลำพูน".into(),
            aliases: vec![],
        })
        .into(),
    )
    .await;
    register_person(&nats, SECRETARIAT, vec![Role::Secretariat], None).await;
    register_person(&nats, OFFICER, vec![Role::Officer], Some(unit)).await;
    Desk {
        citizen: CommandClient::new(nats.client().await, Actor::Anonymous),
        secretariat: CommandClient::new(nats.client().await, Actor::Person(SECRETARIAT)),
        officer: CommandClient::new(nats.client().await, Actor::Person(OFFICER)),
        reader: nats.client().await,
        unit,
        ledger,
        nats,
    }
}

fn file(
    case_id: Uuid,
    code: &str,
    text: &str,
    attachments: Vec<sujarit_contracts::complaint::AttachmentRef>,
) -> Command {
    ComplaintCommand::from(FileComplaint {
        case_id,
        receipt_code: ReceiptCode(code.to_string()),
        channel: Channel::Web,
        category: Category::General,
        subject_org_unit_id: None,
        subject_agency: Some("เทศบาลตำบลบ้านกลาง".into()),
        text: text.into(),
        location: Some("หน้าตลาดสดบ้านกลาง".into()),
        attachments,
        reporter: None,
    })
    .into()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_tip_is_followed_up_by_its_code_answered_resolved_and_counted() {
    let d = desk_with_people().await;
    let case_id = Uuid::new_v4();
    let code = sujarit_privacy::ReceiptCode::generate().to_string();

    // The photo goes first: stripped of its GPS tags and sealed under the case key.
    let photo = desk::attach(&d.reader, &Actor::Anonymous, case_id, None, gps_photo())
        .await
        .expect("upload");
    assert_eq!(photo.mime, "image/jpeg");
    let vault = KeyVault::open(d.ledger.store.path().parent().unwrap().join("vault")).unwrap();
    let stored = vault.read_blob(case_id, photo.id).unwrap().expect("blob");
    assert!(stored.starts_with(&[0xFF, 0xD8]), "still a JPEG");
    assert!(!stored.windows(4).any(|w| w == b"Exif"), "no Exif left");
    // The same photo again is stored once.
    let again = desk::attach(&d.reader, &Actor::Anonymous, case_id, None, gps_photo())
        .await
        .unwrap();
    assert_eq!(again, photo);

    let text = "มีการเรียกรับเงินใต้โต๊ะในการต่อใบอนุญาตค้าขาย";
    let reply = anonymous(&d.citizen, file(case_id, &code, text, vec![photo.clone()])).await;
    let Reply::Accepted { positions, .. } = reply else {
        panic!("{reply:?}")
    };

    // With the code, and only with it, the reporter finds and reads the case.
    let (_, located): (u64, Located) = sujarit_client::query::ask(
        &d.reader,
        query::COMPLAINT_LOCATE,
        &LocateRequest {
            receipt_code: code.to_lowercase().replace('-', " "),
        },
        positions.last().copied(),
    )
    .await
    .expect("locate");
    assert_eq!(located.case_id, case_id);
    let view = desk::view_case(&d.reader, &Actor::Anonymous, case_id, Some(&code))
        .await
        .unwrap();
    assert_eq!(view.text.as_deref(), Some(text));
    assert_eq!(view.status, "received");
    assert_eq!(view.attachments.len(), 1);
    assert!(view.anonymous);
    let wrong = sujarit_privacy::ReceiptCode::generate().to_string();
    let e = refused(desk::view_case(&d.reader, &Actor::Anonymous, case_id, Some(&wrong)).await);
    assert_eq!(e.code, ErrorCode::NotFound);
    // An officer of another unit (none assigned yet) sees nothing either.
    let e = refused(desk::view_case(&d.reader, &Actor::Person(OFFICER), case_id, None).await);
    assert_eq!(e.code, ErrorCode::NotFound);

    // The secretariat's queue has it as new; acknowledge and assign.
    let (_, queue): (u64, Vec<ComplaintQueueItem>) =
        sujarit_client::query::ask(&d.reader, query::COMPLAINT_QUEUE, &(), None)
            .await
            .unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].urgency, "new");
    let case = |c: ComplaintCommand| -> Command { c.into() };
    accepted_at(
        &d.secretariat,
        case(
            AcknowledgeComplaint {
                case_id,
                time_frame_days: None,
            }
            .into(),
        ),
    )
    .await;
    accepted_at(
        &d.secretariat,
        case(
            AssignComplaint {
                case_id,
                org_unit_id: d.unit,
            }
            .into(),
        ),
    )
    .await;

    // The assigned unit's officer asks; the reporter answers with the code.
    accepted_at(
        &d.officer,
        case(
            AskReporter {
                case_id,
                text: "กรุณาระบุวันและเวลาที่เกิดเหตุ".into(),
            }
            .into(),
        ),
    )
    .await;
    let handler_view = desk::view_case(&d.reader, &Actor::Person(OFFICER), case_id, None)
        .await
        .unwrap();
    assert_eq!(handler_view.open_questions, 1);
    let reply = anonymous(
        &d.citizen,
        case(
            AnswerQuestion {
                case_id,
                receipt_code: ReceiptCode(code.clone()),
                in_reply_to: None,
                text: "วันจันทร์ที่ผ่านมา ช่วงเช้า".into(),
                attachments: vec![],
            }
            .into(),
        ),
    )
    .await;
    assert!(reply.is_accepted(), "{reply:?}");
    let view = desk::view_case(&d.reader, &Actor::Anonymous, case_id, Some(&code))
        .await
        .unwrap();
    let kinds: Vec<&str> = view.messages.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["question", "answer"]);
    assert_eq!(view.messages[1].text.as_deref(), Some("วันจันทร์ที่ผ่านมา ช่วงเช้า"));
    assert_eq!(view.open_questions, 0);

    // Resolved, the outcome told, rated.
    accepted_at(
        &d.officer,
        case(
            ResolveComplaint {
                case_id,
                outcome: "ตักเตือนเจ้าหน้าที่และปรับปรุงขั้นตอนการออกใบอนุญาต".into(),
            }
            .into(),
        ),
    )
    .await;
    accepted_at(
        &d.secretariat,
        case(
            TellOutcome {
                case_id,
                message: "ได้ดำเนินการตรวจสอบและแก้ไขแล้ว ขอบคุณที่แจ้งเบาะแส".into(),
            }
            .into(),
        ),
    )
    .await;
    let view = desk::view_case(&d.reader, &Actor::Anonymous, case_id, Some(&code))
        .await
        .unwrap();
    assert_eq!(view.status, "resolved");
    assert!(view.can_rate && view.can_dispute);
    let position = match anonymous(
        &d.citizen,
        case(
            RateHandling {
                case_id,
                receipt_code: ReceiptCode(code.clone()),
                rating: 5,
            }
            .into(),
        ),
    )
    .await
    {
        Reply::Accepted { positions, .. } => positions[0],
        other => panic!("{other:?}"),
    };

    // Statistics of this fiscal year: one anonymous general case, completed.
    let fiscal_year = sujarit_thai::FiscalYear::from_date(sujarit_ledger::complaint::bangkok_today(chrono::Utc::now()))
        .unwrap()
        .be() as u16;
    let (_, stats): (u64, ComplaintStats) = sujarit_client::query::ask(
        &d.reader,
        query::COMPLAINT_STATS,
        &StatsRequest { fiscal_year },
        Some(position),
    )
    .await
    .unwrap();
    assert_eq!(
        (stats.total.received, stats.total.completed, stats.anonymous),
        (1, 1, 1)
    );
    assert_eq!(stats.by_channel[0].key, "web");
    assert_eq!(stats.median_days_to_acknowledge, Some(0.0));

    // Nothing the reporter wrote is readable in the events; the reporter-side events are dated
    // to the hour and carry no identity.
    d.ledger.wait_published().await;
    for event in stream_events(&d.reader).await {
        if event.envelope.stream != sujarit_contracts::complaint::stream(case_id).as_str() {
            continue;
        }
        let json = serde_json::to_string(&event.envelope).unwrap();
        for secret in [text, "วันจันทร์ที่ผ่านมา", "หน้าตลาดสด", "บ้านกลาง", code.as_str()]
        {
            assert!(!json.contains(secret), "{secret} in {json}");
        }
        if event.envelope.actor == "anonymous" {
            assert_eq!(
                event.envelope.occurred_at.timestamp() % 3600,
                0,
                "hour precision: {json}"
            );
            assert_eq!(event.envelope.event_id.get_version_num(), 4);
        }
    }

    // A purge (court order) erases the content; the statistics stay.
    accepted_at(
        &d.secretariat,
        case(
            PurgeCaseContent {
                case_id,
                order: Some("คำสั่งศาลจังหวัดลำพูน ที่ 123/2569".into()),
            }
            .into(),
        ),
    )
    .await;
    // (A fresh handle: the one above still holds the key it read in memory.)
    let vault = KeyVault::open(d.ledger.store.path().parent().unwrap().join("vault")).unwrap();
    assert!(!vault.has_key(case_id).unwrap(), "key deleted");
    assert!(vault.read_blob(case_id, photo.id).unwrap().is_none(), "photo gone");
    let view = desk::view_case(&d.reader, &Actor::Person(SECRETARIAT), case_id, None)
        .await
        .unwrap();
    assert!(view.purged);
    assert_eq!(view.text, None);
    assert!(view.messages.iter().all(|m| m.text.is_none()));
    let (_, after): (u64, ComplaintStats) =
        sujarit_client::query::ask(&d.reader, query::COMPLAINT_STATS, &StatsRequest { fiscal_year }, None)
            .await
            .unwrap();
    assert_eq!(after.total, stats.total);

    // The same figures on the command line.
    let out = tokio::task::block_in_place(|| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sujarit"))
            .args([
                "complaint",
                "stats",
                "--fiscal-year",
                &fiscal_year.to_string(),
                "--format",
                "csv",
            ])
            .args(["--nats", &d.nats.url()])
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    });
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        csv.contains("total,total,1,0,1,0") && csv.contains("channel,web,1,0,1,0"),
        "{csv}"
    );
    drop(d.nats);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_complaint_input_gets_a_clear_error_and_changes_nothing() {
    let d = desk_with_people().await;
    let before = d.ledger.store.durable_position();
    let code = sujarit_privacy::ReceiptCode::generate().to_string();

    // Empty text.
    let reply = anonymous(&d.citizen, file(Uuid::new_v4(), &code, "   ", vec![])).await;
    let Reply::Rejected { code: error, message } = reply else {
        panic!("{reply:?}")
    };
    assert_eq!(error, ErrorCode::Validation);
    assert!(!message.th.is_empty() && !message.en.is_empty());

    // A time-bearing command id from an anonymous sender.
    let reply = d
        .citizen
        .send(&file(Uuid::new_v4(), &code, "ข้อความ", vec![]))
        .await
        .unwrap()
        .reply;
    let Reply::Rejected { message, .. } = reply else {
        panic!("{reply:?}")
    };
    assert!(message.en.contains("v4"), "{}", message.en);

    // A photo over 10 MiB, and a file that is not a photo.
    let big = vec![0xFFu8; 11 * 1024 * 1024];
    let e = refused(desk::attach(&d.reader, &Actor::Anonymous, Uuid::new_v4(), None, big).await);
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(
        e.message.en.contains("MB") || e.message.en.contains("MiB"),
        "{}",
        e.message.en
    );
    let e = refused(desk::attach(&d.reader, &Actor::Anonymous, Uuid::new_v4(), None, b"hello".to_vec()).await);
    assert_eq!(e.code, ErrorCode::Validation);

    // Malformed JSON.
    let answer = sujarit_client::send_raw(
        &d.reader,
        "sujarit.cmd.complaint.FileComplaint".into(),
        {
            let mut h = async_nats::HeaderMap::new();
            h.insert("Sujarit-Command-Id", Uuid::new_v4().to_string().as_str());
            h.insert("Sujarit-Actor", "anonymous");
            h
        },
        b"{\"case_id\": 12".to_vec(),
    )
    .await
    .unwrap();
    assert_eq!(answer.reply.code(), Some(ErrorCode::Validation));

    // Wrong codes, 1,000 times from one rate key: "not found", then "rate limited".
    let mut not_found = 0;
    let mut limited = 0;
    for _ in 0..1000 {
        let mut headers = async_nats::HeaderMap::new();
        headers.insert(query::RATE_KEY, "test-key");
        let body = serde_json::to_vec(&LocateRequest {
            receipt_code: sujarit_privacy::ReceiptCode::generate().to_string(),
        })
        .unwrap();
        let reply = d
            .reader
            .request_with_headers(query::subject(query::COMPLAINT_LOCATE), headers, body.into())
            .await
            .unwrap();
        let reply: query::QueryReply<Located> = serde_json::from_slice(&reply.payload).unwrap();
        match reply {
            query::QueryReply::Error {
                code: ErrorCode::NotFound,
                ..
            } => not_found += 1,
            query::QueryReply::Error {
                code: ErrorCode::RateLimited,
                message,
            } => {
                limited += 1;
                assert!(message.th.contains("รอ"), "{}", message.th);
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(not_found <= 10, "{not_found} wrong codes were checked before the limit");
    assert_eq!(limited, 1000 - not_found);
    // A malformed code says what is wrong with it, and reveals nothing.
    let e = refused(
        sujarit_client::query::ask::<_, Located>(
            &d.reader,
            query::COMPLAINT_LOCATE,
            &LocateRequest {
                receipt_code: "ABC".into(),
            },
            None,
        )
        .await,
    );
    assert_eq!(e.code, ErrorCode::Validation);

    assert_eq!(d.ledger.store.durable_position(), before, "nothing was written");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_identified_reporter_is_visible_only_to_a_custodian_after_a_recorded_access() {
    use sujarit_contracts::complaint::{ReporterIdentity, RevealReporter};
    const CUSTODIAN: Uuid = Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0c03);
    let d = desk_with_people().await;
    register_person(&d.nats, CUSTODIAN, vec![Role::Custodian], None).await;
    let case_id = Uuid::new_v4();
    let code = sujarit_privacy::ReceiptCode::generate().to_string();
    let web = CommandClient::new(d.nats.client().await, Actor::Service("web".into()));
    let name = "นางสาวใจกล้า แจ้งจริง";
    let filed = accepted_at(
        &web,
        ComplaintCommand::from(FileComplaint {
            case_id,
            receipt_code: ReceiptCode(code.clone()),
            channel: Channel::Web,
            category: Category::Corruption,
            subject_org_unit_id: None,
            subject_agency: None,
            text: "ขอให้ตรวจสอบการจัดซื้อจัดจ้าง".into(),
            location: None,
            attachments: vec![],
            reporter: Some(ReporterIdentity {
                name: name.into(),
                contact: Some("081-234-5678".into()),
            }),
        })
        .into(),
    )
    .await;
    assert!(filed > 0);
    let secretariat_view = desk::view_case(&d.reader, &Actor::Person(SECRETARIAT), case_id, None)
        .await
        .unwrap();
    assert!(!secretariat_view.anonymous);
    assert_eq!(secretariat_view.reporter, None, "handlers never see the identity");
    let custodian_view = desk::view_case(&d.reader, &Actor::Person(CUSTODIAN), case_id, None)
        .await
        .unwrap();
    assert_eq!(custodian_view.reporter, None, "not before the access is recorded");

    let custodian = CommandClient::new(d.nats.client().await, Actor::Person(CUSTODIAN));
    accepted_at(
        &custodian,
        ComplaintCommand::from(RevealReporter {
            case_id,
            reason: "ศาลมีคำสั่งเรียกพยาน คดีหมายเลขดำที่ 45/2569".into(),
        })
        .into(),
    )
    .await;
    let revealed = desk::view_case(&d.reader, &Actor::Person(CUSTODIAN), case_id, None)
        .await
        .unwrap();
    let reporter = revealed.reporter.expect("revealed to the custodian");
    assert_eq!(reporter.name, name);
    assert_eq!(reporter.contact.as_deref(), Some("081-234-5678"));
    // The identity and the phone number are nowhere in the events.
    d.ledger.wait_published().await;
    for event in stream_events(&d.reader).await {
        let json = serde_json::to_string(&event.envelope).unwrap();
        assert!(!json.contains(name) && !json.contains("081-234-5678"), "{json}");
    }
}
