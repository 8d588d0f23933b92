//! The `sujarit` command line against a real nats-server and ledger: a seed plan imported from
//! CSV and shown with its computed totals; a bad CSV reported row by row with nothing imported.

use std::process::{Command, Output};

use crate::harness::*;

fn sujarit(nats: &TestNats, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sujarit"))
        .args(args)
        .args(["--nats", &nats.url()])
        .env("RUST_LOG", "warn")
        .output()
        .expect("run sujarit")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seed_plan_is_imported_from_csv_and_shown_with_totals_computed_from_its_rows() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let plan = fixture("phatthalung-2567-plan.csv");
    let out = tokio::task::block_in_place(|| {
        sujarit(
            &nats,
            &[
                "plan",
                "import",
                &plan,
                "--title",
                "แผนฯ จังหวัดพัทลุง 2567",
                "--fiscal-year",
                "2567",
            ],
        )
    });
    // The agencies are not registered: the import stops, names them, and records nothing.
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("สำนักงานคลังจังหวัดพัทลุง") && stderr.contains("--create-org-units"),
        "{stderr}"
    );
    assert_eq!(ledger.store.durable_position(), 0, "nothing recorded");

    let out = tokio::task::block_in_place(|| {
        sujarit(
            &nats,
            &[
                "plan",
                "import",
                &plan,
                "--title",
                "แผนฯ จังหวัดพัทลุง 2567",
                "--fiscal-year",
                "2567",
                "--create-org-units",
            ],
        )
    });
    // Two spellings of the STRONG club differ by an OCR slip: a near-duplicate is never
    // registered as a second unit, so creating alone is not enough.
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("STRONG-จิตพอเพียงต้านทุจริต") && stderr.contains("99%"),
        "{stderr}"
    );
    assert_eq!(ledger.store.durable_position(), 0, "nothing recorded");

    let out = tokio::task::block_in_place(|| {
        sujarit(
            &nats,
            &[
                "plan",
                "import",
                &plan,
                "--title",
                "แผนฯ จังหวัดพัทลุง 2567",
                "--fiscal-year",
                "2567",
                "--create-org-units",
                "--accept-suggestions",
            ],
        )
    });
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let plan_id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    // 17 agencies registered (spellings that differ only in spaces are one unit), one OCR
    // variant recorded as an alias, then one atomic append: the draft and every row.
    let events = ledger.store.read_all(1, 1000).unwrap();
    let registered = events
        .iter()
        .filter(|e| e.envelope.event_type == "OrgUnitRegistered")
        .count();
    let aliases = events
        .iter()
        .filter(|e| e.envelope.event_type == "OrgUnitAliasAdded")
        .count();
    assert_eq!((registered, aliases), (17, 1));
    let plan_events: Vec<_> = events
        .iter()
        .filter(|e| e.envelope.stream.starts_with("plan-"))
        .collect();
    assert_eq!(plan_events.len(), 45);
    let linked = plan_events
        .iter()
        .filter(|e| e.envelope.payload.get().contains("\"org_unit_id\":\""))
        .count();
    assert_eq!(linked, 44, "every row with an agency is linked to its unit");

    // Registering one of those agencies again, spelt another way, is refused with the unit
    // it would duplicate; --even-if-similar registers it all the same.
    ledger.wait_published().await;
    let out = tokio::task::block_in_place(|| sujarit(&nats, &["orgunit", "register", "สนง.คลังจังหวัดพัทลุง"]));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("สำนักงานคลังจังหวัดพัทลุง") && stderr.contains("orgunit alias"),
        "{stderr}"
    );
    let out = tokio::task::block_in_place(|| {
        sujarit(&nats, &["orgunit", "register", "สนง.คลังจังหวัดพัทลุง", "--even-if-similar"])
    });
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    ledger.wait_published().await;
    let out = tokio::task::block_in_place(|| sujarit(&nats, &["plan", "show", &plan_id]));
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The rows present in the seed add up to 987,655 baht (the cover states 1,034,655).
    assert!(shown.contains("987,655.00"), "{shown}");
    assert!(shown.contains("Draft"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_with_bad_rows_is_refused_row_by_row_and_nothing_is_imported() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "code,parent,dimension,sub_dimension,kind,name,indicator,target,budget,q1,q2,q3,q4,org_unit\n\
         1,,มิติ 1,,โครงการ,ดี,,,\"15,000\",1,,,,\n\
         2,,มิติ 1,,โครงการ,งบผิด,,,12x,1,,,,\n\
         3,9,มิติ 1,,กิจกรรม,ไม่มีแม่,,,100,,,,,\n",
    )
    .unwrap();
    let out = tokio::task::block_in_place(|| {
        sujarit(
            &nats,
            &[
                "plan",
                "import",
                bad.to_str().unwrap(),
                "--title",
                "x",
                "--fiscal-year",
                "2567",
            ],
        )
    });
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3") && stderr.contains("budget"), "{stderr}");
    assert!(stderr.contains("บรรทัด 3"), "{stderr}");
    assert!(stderr.contains("line 4"), "{stderr}");
    assert!(stderr.contains("nothing imported"), "{stderr}");
    assert_eq!(ledger.store.durable_position(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paper_progress_report_is_recorded_against_an_endorsed_plan_and_consolidated() {
    let nats = TestNats::start();
    let ledger = TestLedger::start(&nats).await;
    let run = |args: &[&str]| {
        let out = tokio::task::block_in_place(|| sujarit(&nats, args));
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    let plan_csv = fixture("phatthalung-2567-plan.csv");
    let plan = run(&[
        "plan",
        "import",
        &plan_csv,
        "--title",
        "แผนฯ พัทลุง 2567",
        "--fiscal-year",
        "2567",
        "--unlinked",
    ]);
    run(&[
        "plan",
        "submit",
        &plan,
        "--meeting",
        "ประชุมคณะทำงาน 2/2566",
        "--agenda",
        "วาระที่ 3",
    ]);
    run(&[
        "plan",
        "endorse",
        &plan,
        "--meeting-no",
        "3/2566",
        "--date",
        "15 ส.ค. 2566",
        "--resolution",
        "เห็นชอบ",
    ]);
    ledger.wait_published().await;
    let round = run(&[
        "round",
        "open",
        "--plan",
        &plan,
        "--period",
        "annual",
        "--due",
        "5 ต.ค. 2567",
    ]);
    // The round's entry closed long ago: the secretariat reopens it to record the paper report.
    run(&["round", "reopen", &round, "--reason", "บันทึกรายงานฉบับกระดาษย้อนหลัง"]);

    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("progress.csv");
    std::fs::write(
        &progress,
        "no,dimension,name,budget,disbursed,status,q1,q2,q3,q4,remark\n\
         1.1-01,เป้าหมายที่ ๑,ติดตามหลักสูตร,\"๕,๔๐๐\",\"๕,๐๐๐\",ดำเนินการแล้ว,1,1,,,\n\
         1.1-02,เป้าหมายที่ ๑,ชมรม STRONG,\"61,800\",\"70,000\",completed,,1,,,ถัวจ่ายจากกิจกรรมอื่น\n\
         2-01,เป้าหมายที่ ๒,x,,,ไม่สามารถดำเนินการได้,,,,,\n",
    )
    .unwrap();
    // Over budget needs confirming, and not-carried-out needs a reason: refused, nothing recorded.
    let before = ledger.store.durable_position();
    let out = tokio::task::block_in_place(|| {
        sujarit(
            &nats,
            &["progress", "import", progress.to_str().unwrap(), "--round", &round],
        )
    });
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 3") && stderr.contains("above the budget"),
        "{stderr}"
    );
    assert!(stderr.contains("line 4"), "{stderr}");
    assert_eq!(ledger.store.durable_position(), before);

    let fixed = std::fs::read_to_string(&progress)
        .unwrap()
        .replace(",,,,,\n", ",,,,,ไม่ได้รับจัดสรรงบประมาณ\n");
    std::fs::write(&progress, fixed).unwrap();
    run(&[
        "progress",
        "import",
        progress.to_str().unwrap(),
        "--round",
        &round,
        "--confirm-over-budget",
    ]);
    ledger.wait_published().await;

    let json: serde_json::Value = serde_json::from_str(&run(&["report", "round", &round, "--format", "json"])).unwrap();
    assert_eq!(json["items"], 42, "{json}");
    assert_eq!(json["budget"]["total"], "987655.00");
    assert_eq!(json["disbursed"]["total"], "75000.00");
    // 75,000 of 987,655 baht = 7.59 %.
    assert_eq!(json["disbursed"]["percent"], "7.59");
    assert_eq!(json["status"]["completed"], 2);
    assert_eq!(json["status"]["not_carried_out"], 1);
    assert_eq!(json["status"]["awaiting_report"], 39);
    assert_eq!(json["quarters"], serde_json::json!([1, 2, 0, 0]));
    assert_eq!(json["dimensions"].as_array().map(Vec::len), Some(2));
    let table = run(&["report", "round", &round]);
    assert!(table.contains("987,655.00") && table.contains("75,000.00"), "{table}");
    let xlsx = dir.path().join("report.xlsx");
    run(&[
        "report",
        "round",
        &round,
        "--format",
        "xlsx",
        "--out",
        xlsx.to_str().unwrap(),
    ]);
    let book = std::fs::read(&xlsx).unwrap();
    assert!(book.starts_with(b"PK\x03\x04"), "an xlsx (zip) file");
    let text = String::from_utf8_lossy(&book);
    assert!(
        text.contains("xl/worksheets/sheet1.xml") && text.contains("987655.00"),
        "figures in the workbook"
    );

    // The same report again: the ledger refuses the first row (already submitted) and the
    // import says exactly how far it got.
    let out = tokio::task::block_in_place(|| {
        sujarit(
            &nats,
            &[
                "progress",
                "import",
                progress.to_str().unwrap(),
                "--round",
                &round,
                "--confirm-over-budget",
            ],
        )
    });
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2") && stderr.contains("0 rows before this one were recorded"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_added_on_the_command_line_act_with_their_roles_only() {
    let nats = TestNats::start();
    let _ledger = TestLedger::start(&nats).await;
    let out =
        tokio::task::block_in_place(|| sujarit(&nats, &["person", "add", "นายกรรมการ ทดสอบ", "--role", "committee"]));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let member = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let plan = fixture("phatthalung-2567-plan.csv");
    let out = tokio::task::block_in_place(|| {
        sujarit(
            &nats,
            &[
                "plan",
                "import",
                &plan,
                "--title",
                "x",
                "--fiscal-year",
                "2567",
                "--unlinked",
                "--as",
                &member,
            ],
        )
    });
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("forbidden") && stderr.contains("only the secretariat"),
        "{stderr}"
    );
    // An officer needs an org unit: refused with the reason.
    let out = tokio::task::block_in_place(|| sujarit(&nats, &["person", "add", "นางเจ้าหน้าที่", "--role", "officer"]));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("org unit"));
}

#[test]
fn up_refuses_notification_rules_that_cannot_work_naming_the_setting_and_starts_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.json");
    std::fs::write(&rules, r#"{"plan": {"send_at": "22:30"}, "holidays": ["2027-02-22"]}"#).unwrap();
    let data = dir.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_sujarit"))
        .args(["up", "--nats-port", "0", "--http-port", "0", "--data-dir"])
        .arg(&data)
        .arg("--notify-rules")
        .arg(&rules)
        .output()
        .expect("run sujarit up");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rules.json") && err.contains("quiet hours"), "{err}");
    assert!(!data.join("nats").exists(), "no nats-server started");

    // The defaults, printed as a template, are a file `up` accepts as it is.
    let printed = Command::new(env!("CARGO_BIN_EXE_sujarit"))
        .arg("notify-rules")
        .output()
        .unwrap();
    assert!(printed.status.success());
    let defaults: serde_json::Value = serde_json::from_slice(&printed.stdout).unwrap();
    assert_eq!(defaults["plan"]["remind_days_before"], serde_json::json!([3, 1]));
    assert_eq!(defaults["plan"]["weekly_digest_on"], "Mon");
}
