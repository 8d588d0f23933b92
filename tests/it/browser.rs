//! The web pages of `sujarit up` (a child process, as users run it) in a real browser: headless
//! Chromium (the Debian package `chromium`) driven through chromedriver's W3C WebDriver API, in a
//! phone-sized window.
//!
//! - The tip form with JavaScript off: file a tip, read the receipt code shown once, check the
//!   tip's status with that code.
//! - The web chat page with JavaScript on: the same through the bot, typing commands and pressing
//!   the buttons the page renders.
//!
//! Screenshots of what the person sees are kept in `target/test-artifacts/browser-*.png`.
//! Chromium and chromedriver are installed by `scripts/setup.sh`; without them these tests fail.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tempfile::TempDir;

use crate::harness::Up;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long to wait for a page, an element or a bot reply.
const WAIT: Duration = Duration::from_secs(20);
/// The key of an element reference in WebDriver JSON.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
/// Crockford's base32, the symbols of a receipt code.
const CROCKFORD: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Where screenshots go (created if needed).
fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&dir).expect("create target/test-artifacts");
    dir
}

/// Whether `text` is a receipt code as shown: 20 Crockford base32 symbols in five groups of four.
fn is_receipt_code(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .all(|group| group.len() == 4 && group.chars().all(|c| CROCKFORD.contains(c)))
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free port")
}

/// One Chromium, with the chromedriver that drives it; both stopped when dropped.
struct Browser {
    http: reqwest::Client,
    driver: Child,
    port: u16,
    session: String,
    /// The browser's process, killed if the session cannot be closed.
    browser_pid: Option<u32>,
    _profile: TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium in a phone-sized window, with or without
    /// JavaScript.
    async fn start(javascript: bool) -> Browser {
        for (path, package) in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")] {
            assert!(
                Path::new(path).exists(),
                "{path} is missing: run scripts/setup.sh, which installs the Debian package {package} \
                 (the browser tests drive headless Chromium through chromedriver)"
            );
        }
        let profile = tempfile::tempdir().expect("temp dir");
        let user_data_dir = format!("--user-data-dir={}", profile.path().display());
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e} (run scripts/setup.sh)"));
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("http client");
        let mut browser = Browser {
            http,
            driver,
            port,
            session: String::new(),
            browser_pid: None,
            _profile: profile,
        };
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = browser.driver.try_wait().expect("chromedriver") {
                panic!("chromedriver exited ({status}) before it was ready on port {port}");
            }
            if let Ok(Value::Bool(true)) = browser.call("GET", "/status", None).await.map(|v| v["ready"].clone()) {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver was not ready on port {port}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut args = vec![
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            // Without these Chromium calls home, which this closed network refuses.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=412,915",
            "--lang=th-TH",
            &user_data_dir,
        ];
        if !javascript {
            args.push("--blink-settings=scriptEnabled=false");
        }
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": CHROMIUM,
                        "args": args,
                        // A phone's viewport (a desktop window cannot be narrower than 500 px).
                        "mobileEmulation": {
                            "deviceMetrics": { "width": 412, "height": 915, "pixelRatio": 1.0, "touch": false },
                        },
                    },
                }
            }
        });
        let session = browser
            .call("POST", "/session", Some(capabilities))
            .await
            .unwrap_or_else(|e| panic!("Chromium did not start through chromedriver: {e}"));
        browser.session = session["sessionId"].as_str().expect("a session id").to_string();
        browser.browser_pid = session["capabilities"]["goog:processID"]
            .as_u64()
            .and_then(|pid| u32::try_from(pid).ok());
        browser
    }

    /// One WebDriver request; the response's `value`, or the WebDriver error.
    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("http://127.0.0.1:{}{path}", self.port);
        let request = match method {
            "GET" => self.http.get(&url),
            "DELETE" => self.http.delete(&url),
            _ => self.http.post(&url).json(&body.unwrap_or_else(|| json!({}))),
        };
        let response = request.send().await.map_err(|e| format!("{method} {path}: {e}"))?;
        let status = response.status();
        let json: Value = response
            .json()
            .await
            .map_err(|e| format!("{method} {path}: {status}, not JSON: {e}"))?;
        if status.is_success() {
            Ok(json["value"].clone())
        } else {
            Err(format!(
                "{method} {path}: {status} {}: {}",
                json["value"]["error"].as_str().unwrap_or("?"),
                json["value"]["message"].as_str().unwrap_or("?")
            ))
        }
    }

    /// A command of this session.
    async fn command(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        self.call(method, &format!("/session/{}{path}", self.session), body)
            .await
    }

    async fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })))
            .await
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    async fn current_url(&self) -> String {
        let url = self.command("GET", "/url", None).await.expect("current url");
        url.as_str().unwrap_or_default().to_string()
    }

    async fn find(&self, css: &str) -> Result<String, String> {
        let found = self
            .command(
                "POST",
                "/element",
                Some(json!({ "using": "css selector", "value": css })),
            )
            .await?;
        found[ELEMENT]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("no element reference for {css}: {found}"))
    }

    /// The element `css` selects, once there is one.
    async fn wait_for(&self, css: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.find(css).await {
                Ok(element) => return element,
                Err(e) if Instant::now() > deadline => {
                    panic!("no {css} after {WAIT:?}: {e}\npage:\n{}", self.page_text().await)
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Types into the element `css` selects, as keystrokes.
    async fn type_into(&self, css: &str, text: &str) {
        let element = self.wait_for(css).await;
        self.command(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        )
        .await
        .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Whether the element `css` selects is shown.
    async fn displayed(&self, css: &str) -> bool {
        let element = self.wait_for(css).await;
        let shown = self
            .command("GET", &format!("/element/{element}/displayed"), None)
            .await
            .unwrap_or_else(|e| panic!("is {css} shown: {e}"));
        shown == json!(true)
    }

    async fn click_element(&self, element: &str, what: &str) {
        self.command("POST", &format!("/element/{element}/click"), None)
            .await
            .unwrap_or_else(|e| panic!("click {what}: {e}"));
    }

    async fn click(&self, css: &str) {
        let element = self.wait_for(css).await;
        self.click_element(&element, css).await;
    }

    /// The rendered text of the element `css` selects.
    async fn text_of(&self, css: &str) -> String {
        let element = self.wait_for(css).await;
        let text = self
            .command("GET", &format!("/element/{element}/text"), None)
            .await
            .unwrap_or_else(|e| panic!("text of {css}: {e}"));
        text.as_str().unwrap_or_default().to_string()
    }

    /// Runs `script` in the page (WebDriver's own script runs even where the page's may not).
    async fn script(&self, script: &str, args: Value) -> Result<Value, String> {
        self.command("POST", "/execute/sync", Some(json!({ "script": script, "args": args })))
            .await
    }

    /// The page's visible text.
    async fn page_text(&self) -> String {
        match self
            .script("return document.body ? document.body.innerText : ''", json!([]))
            .await
        {
            Ok(Value::String(text)) => text,
            other => format!("(no page text: {other:?})"),
        }
    }

    /// Waits until `script` returns something other than null or false; that.
    async fn wait_until(&self, what: &str, script: &str, args: Value) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.script(script, args.clone()).await {
                Ok(Value::Null | Value::Bool(false)) | Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await
                }
                Ok(Value::Null | Value::Bool(false)) | Err(_) => {
                    panic!("{what}: not after {WAIT:?}\npage:\n{}", self.page_text().await)
                }
                Ok(value) => return value,
            }
        }
    }

    /// Saves what the window shows as `target/test-artifacts/<name>`.
    async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.command("GET", "/screenshot", None).await.expect("screenshot");
        let bytes = base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            png.as_str().expect("base64 PNG"),
        )
        .expect("a base64 screenshot");
        assert!(bytes.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        let path = artifacts().join(name);
        std::fs::write(&path, bytes).expect("write screenshot");
        eprintln!("screenshot: {}", path.display());
        path
    }

    // ---- The web chat page ----

    /// The bot's messages so far, oldest first.
    async fn bot_messages(&self) -> Vec<String> {
        let texts = self
            .script(
                "return [...document.querySelectorAll('#log .msg:not(.me)')].map(m => m.textContent)",
                json!([]),
            )
            .await
            .expect("read the chat");
        texts
            .as_array()
            .map(|texts| {
                texts
                    .iter()
                    .map(|t| t.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits for a bot message after the first `seen` that contains `expected`; its text.
    async fn wait_reply(&self, seen: usize, expected: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let messages = self.bot_messages().await;
            if let Some(found) = messages.iter().skip(seen).find(|m| m.contains(expected)) {
                return found.clone();
            }
            assert!(
                Instant::now() < deadline,
                "the bot did not say {expected:?} within {WAIT:?}; it said:\n{}",
                messages.join("\n---\n")
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types `text` into the chat box, presses ส่ง (send), and waits for a reply containing
    /// `expected`.
    async fn say(&self, text: &str, expected: &str) -> String {
        let seen = self.bot_messages().await.len();
        self.type_into("#t", text).await;
        self.click("#f button").await;
        self.wait_reply(seen, expected).await
    }

    /// Presses the newest chat button labelled `label`, and waits for a reply containing
    /// `expected`.
    async fn press(&self, label: &str, expected: &str) -> String {
        let seen = self.bot_messages().await.len();
        let button = self
            .wait_until(
                &format!("a button {label:?}"),
                "return [...document.querySelectorAll('#log .buttons button')]
                    .filter(b => b.textContent === arguments[0]).pop() || null",
                json!([label]),
            )
            .await;
        let element = button[ELEMENT].as_str().expect("an element").to_string();
        self.click_element(&element, label).await;
        self.wait_reply(seen, expected).await
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let closed = !self.session.is_empty() && delete_session(self.port, &self.session);
        if !closed {
            if let Some(pid) = self.browser_pid {
                let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            }
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Closes a WebDriver session (which quits Chromium), blocking: drop cannot await.
fn delete_session(port: u16, session: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
    let request = format!(
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    // The status line comes once Chromium has quit.
    let mut response = Vec::new();
    let mut buffer = [0u8; 512];
    while !response.windows(2).any(|w| w == b"\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => response.extend_from_slice(&buffer[..n]),
        }
    }
    response.starts_with(b"HTTP/1.1 200")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tip_filed_with_the_form_without_javascript_shows_its_code_and_its_status() {
    let started = Instant::now();
    let data = tempfile::tempdir().unwrap();
    let up = tokio::task::block_in_place(|| Up::start(data.path()));
    let browser = Browser::start(false).await;

    // Without JavaScript the chat page says so and points to the tip form.
    browser.goto(&format!("{}/", up.web)).await;
    let notice = browser.text_of("noscript p").await;
    assert!(notice.contains("ต้องใช้ JavaScript"), "{notice}");
    assert!(
        !browser.displayed("#t").await,
        "without JavaScript the chat box would only lose what is typed into it"
    );
    browser.screenshot("browser-webchat-no-javascript.png").await;
    browser.click("noscript a[href='/tip']").await;
    browser.wait_for("form[action='/tip']").await;
    let scripts = browser
        .script("return document.querySelectorAll('script').length", json!([]))
        .await
        .expect("count scripts");
    assert_eq!(scripts, json!(0), "the tip form must need no JavaScript");

    // Fill in the form as a phone user would, and send it.
    browser.click("input[name='category'][value='corruption']").await;
    browser
        .type_into("#agency", "องค์การบริหารส่วนตำบลบ้านกลาง อำเภอเมืองลำพูน")
        .await;
    browser
        .type_into(
            "#text",
            "เจ้าหน้าที่เรียกเงิน 3,000 บาทเพื่อเร่งออกใบอนุญาตก่อสร้าง เมื่อวันที่ ๑๒ มีนาคม",
        )
        .await;
    browser.type_into("#location", "ที่ทำการ อบต. บ้านกลาง").await;
    browser.click("form[action='/tip'] button[type='submit']").await;

    // The receipt code, shown once.
    let code = browser.text_of("p.code").await.trim().to_string();
    assert!(
        is_receipt_code(&code),
        "{code:?} is not 20 Crockford base32 symbols in groups of four"
    );
    let page = browser.page_text().await;
    assert!(page.contains("ได้รับเรื่องของท่านแล้ว"), "{page}");
    // On one line, whole: a code broken after a dash is easily copied wrong.
    let layout = browser
        .script(
            "const code = document.querySelector('p.code');
             const range = document.createRange();
             range.selectNodeContents(code);
             return [range.getClientRects().length, code.scrollWidth <= code.clientWidth]",
            json!([]),
        )
        .await
        .expect("measure the code");
    assert_eq!(
        layout,
        json!([1, true]),
        "the code must fit on one line of a phone screen"
    );
    assert!(
        !browser.current_url().await.contains(&code),
        "the code must not be in the address"
    );
    browser.screenshot("browser-tip-form-code.png").await;

    // Follow it up: the status page, through the link on the receipt page.
    browser.click("p:last-of-type a[href='/tip/status']").await;
    browser.type_into("#code", &code).await;
    browser.click("form[action='/tip/status'] button[type='submit']").await;
    let heading = browser
        .wait_until(
            "the status page",
            "const h = document.querySelector('h1');
             return h && h.innerText.includes(arguments[0]) ? h.innerText : null",
            json!(["สถานะเรื่อง"]),
        )
        .await;
    let heading = heading.as_str().unwrap_or_default();
    assert!(heading.contains("สถานะเรื่อง · Status: รับเรื่องแล้ว"), "{heading}");
    assert!(heading.contains("received"), "{heading}");
    let page = browser.page_text().await;
    assert!(
        page.contains("เรื่องร้องเรียนการทุจริต") && page.contains("เรียกเงิน 3,000 บาท"),
        "{page}"
    );
    assert!(
        !browser.current_url().await.contains(&code),
        "the code must not be in the address"
    );
    browser.screenshot("browser-tip-form-status.png").await;

    drop(browser);
    eprintln!("tip form in Chromium: {:.1} s", started.elapsed().as_secs_f64());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tip_filed_in_the_web_chat_shows_its_code_and_its_status() {
    let started = Instant::now();
    let data = tempfile::tempdir().unwrap();
    let up = tokio::task::block_in_place(|| Up::start(data.path()));
    let browser = Browser::start(true).await;

    // The page greets on its own (it sends /start).
    browser.goto(&format!("{}/", up.web)).await;
    browser.wait_reply(0, "ยินดีต้อนรับ").await;

    // An anonymous tip: typed commands and answers, pressed buttons.
    browser.say("/tip", "กรุณาเลือกประเภทเรื่อง").await;
    browser.press("เรื่องร้องเรียนการทุจริต", "เกี่ยวกับหน่วยงานใด").await;
    browser.say("เทศบาลตำบลริมปิง", "กรุณาเล่าสิ่งที่เกิดขึ้น").await;
    browser
        .say("มีการฮั้วประมูลโครงการซ่อมถนน ผู้รับเหมารายเดียวชนะทุกโครงการ", "เหตุเกิดที่ใด")
        .await;
    browser.press("ข้าม", "รูปภาพหรือเอกสารประกอบ").await;
    let review = browser.press("เสร็จสิ้น", "กรุณาตรวจสอบข้อมูลก่อนส่ง").await;
    assert!(
        review.contains("เทศบาลตำบลริมปิง") && review.contains("ผู้แจ้ง: ไม่ระบุตัวตน"),
        "{review}"
    );
    let receipt = browser.press("ส่งเรื่อง", "รหัสติดตามเรื่องของท่านคือ").await;
    let code = receipt
        .split_whitespace()
        .find(|word| is_receipt_code(word))
        .unwrap_or_else(|| panic!("no receipt code in {receipt:?}"))
        .to_string();
    let marked = browser
        .script(
            "return [...document.querySelectorAll('#log .msg.sensitive')].some(m => m.textContent.includes(arguments[0]))",
            json!([code]),
        )
        .await
        .expect("read the chat");
    assert_eq!(marked, json!(true), "the code is shown in a message marked sensitive");
    browser.screenshot("browser-webchat-tip.png").await;

    // Check its status with the code.
    browser.say("/status", "กรุณาพิมพ์รหัสติดตามเรื่อง").await;
    let status = browser.say(&code, "สถานะ:").await;
    assert!(
        status.contains("สถานะ: รับเรื่องแล้ว รอการตอบรับ") && status.contains("เรื่องร้องเรียนการทุจริต"),
        "{status}"
    );
    browser.wait_reply(0, "ท่านต้องการทำอะไรต่อ").await;
    browser.screenshot("browser-webchat-status.png").await;
    browser.press("เสร็จสิ้น", "ขอบคุณที่ติดตามเรื่อง").await;

    drop(browser);
    eprintln!("web chat in Chromium: {:.1} s", started.elapsed().as_secs_f64());
}
