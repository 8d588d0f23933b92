//! The anonymous tip pages of `sujarit up` (a child process, as users run it), driven as a
//! browser without JavaScript would: a multipart form POST with a GPS-tagged photo, the code
//! shown once, follow-up with the code, the public statistics. The request carries an IP in
//! X-Forwarded-For, a User-Agent and a cookie; none of it, nor the name the reporter typed,
//! appears in any stored event.

use std::time::Duration;

use crate::harness::*;

const BOUNDARY: &str = "----sujarit-test-boundary";
const IP: &str = "203.0.113.77";
const AGENT: &str = "TestBrowser/9.9 (device 5551234)";
const COOKIE_VALUE: &str = "tg-987654321";
const NAME: &str = "นายสมชาย ใจดี";

async fn browser(web: &str, method: &str, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
    let identity = format!("X-Forwarded-For: {IP}\r\nUser-Agent: {AGENT}\r\nCookie: session={COOKIE_VALUE}\r\n");
    http(web, method, path, content_type, &identity, body).await
}

fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    for (name, file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
                 Content-Type: image/jpeg\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

fn form_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tip_filed_through_the_web_form_keeps_no_ip_agent_cookie_or_name_in_any_event() {
    let data = tempfile::tempdir().unwrap();
    let up = tokio::task::block_in_place(|| Up::start(data.path()));
    let photo = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/shared/privacy/tests/fixtures/gps.jpg"
    ))
    .unwrap();

    let (status, page) = browser(&up.web, "GET", "/tip", "text/plain", b"").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<form method=\"post\" action=\"/tip\"") && !page.contains("<script"),
        "{page}"
    );
    assert!(page.contains("Cache-Control: no-store") || page.contains("cache-control: no-store"));

    let text = format!("ผม {NAME} เห็นเจ้าหน้าที่รับเงินใต้โต๊ะที่จุดตรวจ");
    let body = multipart(
        &[
            ("category", "corruption"),
            ("agency", "ที่ทำการปกครองอำเภอเมืองลำพูน"),
            ("text", &text),
            ("location", "จุดตรวจหน้าที่ว่าการอำเภอ"),
        ],
        &[("photos", "IMG_0001.jpg", &photo)],
    );
    let (status, page) = browser(&up.web, "POST", "/tip", &form_type(), &body).await;
    assert_eq!(status, 200, "{page}");
    let code = page
        .split("<p class=\"code\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the receipt code is shown")
        .to_string();
    assert_eq!(code.len(), 24, "{code}");

    // Follow up with the code (typed back in lowercase, without dashes).
    let typed = code.to_lowercase().replace('-', "");
    let (status, page) = browser(
        &up.web,
        "POST",
        "/tip/status",
        "application/x-www-form-urlencoded",
        format!("code={typed}").as_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("รับเรื่องแล้ว") && page.contains("เจ้าหน้าที่รับเงินใต้โต๊ะ"),
        "{page}"
    );

    // A wrong code gets the same "not found" page, whether or not a case exists.
    let other = sujarit_privacy::ReceiptCode::generate().to_string();
    let (_, page) = browser(
        &up.web,
        "POST",
        "/tip/status",
        "application/x-www-form-urlencoded",
        format!("code={other}").as_bytes(),
    )
    .await;
    assert!(page.contains("ไม่พบเรื่องที่ตรงกับรหัสนี้"), "{page}");

    // A 50 MB photo: a clear error naming the limit; nothing filed.
    let huge = vec![0u8; 50 * 1024 * 1024];
    let body = multipart(&[("text", "ทดสอบ")], &[("photos", "big.jpg", &huge)]);
    let (_, page) = browser(&up.web, "POST", "/tip", &form_type(), &body).await;
    assert!(page.contains("big.jpg") && page.contains("10"), "{page}");

    // Public statistics: one corruption tip, no content.
    let (status, page) = browser(&up.web, "GET", "/stats", "text/plain", b"").await;
    assert_eq!(status, 200);
    assert!(page.contains("corruption") && !page.contains("ใต้โต๊ะ"), "{page}");

    // Every stored event: none of the identifying data, no plaintext, no photo metadata.
    let nats = sujarit_ledger::connect(&up.nats_url, "tip-test").await.unwrap();
    let mut events = Vec::new();
    for _ in 0..50 {
        events = stream_events(&nats).await;
        if events.iter().any(|e| e.envelope.event_type == "ComplaintReceived") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let received: Vec<_> = events
        .iter()
        .filter(|e| e.envelope.stream.starts_with("complaint-"))
        .collect();
    assert_eq!(received.len(), 1, "one tip filed, the oversized one refused");
    for event in received {
        let json = serde_json::to_string(&event.envelope).unwrap();
        for needle in [
            IP,
            "203.0.113",
            AGENT,
            "5551234",
            COOKIE_VALUE,
            NAME,
            "ใต้โต๊ะ",
            &code,
            "Exif",
        ] {
            assert!(!json.contains(needle), "{needle} found in {json}");
        }
        assert_eq!(event.envelope.actor, "anonymous");
        assert_eq!(event.envelope.occurred_at.timestamp() % 3600, 0, "to the hour");
    }
    drop(up);
}
