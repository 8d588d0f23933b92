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
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let plan_id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    // One atomic append: the draft and every row.
    assert_eq!(ledger.store.read_all(1, 1000).unwrap().len(), 45);

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
