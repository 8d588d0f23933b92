//! The built-in web chat, the default channel when no Telegram or LINE token is configured: a
//! page usable on a phone (`GET /`) and a small JSON API it talks to:
//!
//! - `POST /chat/api/message` `{session, text | button}` → `{replies: [Message…]}`
//! - `POST /chat/api/photo?session=…` (the image as the body) → `{replies: […]}`
//! - `GET /chat/api/inbox?session=…` → notifications waiting for this session (the page polls)
//!
//! A session is a random id the page keeps in the browser's local storage; it keys the
//! conversation and nothing else. Like the tip pages, these handlers never read or log the
//! client's address, User-Agent or cookies. Photos wait in memory (at most an hour) until the
//! conversation stores them with the case desk or the evidence store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use sujarit_bot::{ChatRef, Input, Message};
use sujarit_contracts::complaint::Channel;
use uuid::Uuid;

use crate::{FileSource, Gateway};

/// How long an uploaded photo waits to be stored.
const UPLOAD_TTL: Duration = Duration::from_secs(3600);

/// An uploaded file and when it arrived.
type Upload = (Vec<u8>, Instant);

/// Photos uploaded through the web chat, by their file reference.
#[derive(Clone, Default)]
pub struct WebFiles {
    files: Arc<Mutex<HashMap<String, Upload>>>,
}

impl WebFiles {
    fn keep(&self, bytes: Vec<u8>) -> String {
        let file_ref = format!("web:{}", Uuid::new_v4());
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.retain(|_, (_, at)| at.elapsed() < UPLOAD_TTL);
        files.insert(file_ref.clone(), (bytes, Instant::now()));
        file_ref
    }
}

impl FileSource for WebFiles {
    async fn fetch(&self, file_ref: &str) -> Result<Vec<u8>, String> {
        let files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files
            .get(file_ref)
            .map(|(bytes, _)| bytes.clone())
            .ok_or_else(|| "the uploaded file has expired; send it again".to_string())
    }
}

/// Key-value bucket of web chat inboxes: notifications waiting for the page to fetch them.
pub const INBOX_BUCKET: &str = "SUJARIT_INBOX";

/// Notifications waiting for web chat sessions (the web has no push: the page polls).
#[derive(Clone)]
pub struct WebInbox {
    kv: async_nats::jetstream::kv::Store,
}

impl WebInbox {
    /// The inbox bucket, created if needed (messages kept 30 days).
    pub async fn open(nats: async_nats::Client) -> Result<Self, crate::GatewayError> {
        let js = async_nats::jetstream::new(nats);
        let kv = match js.get_key_value(INBOX_BUCKET).await {
            Ok(kv) => kv,
            Err(_) => js
                .create_key_value(async_nats::jetstream::kv::Config {
                    bucket: INBOX_BUCKET.into(),
                    description: "Sujarit web chat notifications waiting to be fetched".into(),
                    history: 1,
                    max_age: Duration::from_secs(30 * 24 * 3600),
                    ..Default::default()
                })
                .await
                .map_err(|e| crate::GatewayError::JetStream(e.to_string()))?,
        };
        Ok(WebInbox { kv })
    }

    fn key(session: &str) -> String {
        format!(
            "web.{}",
            session.bytes().map(|b| format!("{b:02x}")).collect::<String>()
        )
    }

    /// Changes a session's waiting messages with `change`, retrying on concurrent writes;
    /// returns what `change` returned.
    async fn modify<T>(&self, session: &str, change: impl Fn(&mut Vec<Message>) -> T) -> Result<T, String> {
        let key = Self::key(session);
        for _ in 0..8 {
            let (mut waiting, revision) = match self.kv.entry(&key).await.map_err(|e| e.to_string())? {
                Some(entry) if !entry.value.is_empty() => (
                    serde_json::from_slice::<Vec<Message>>(&entry.value).unwrap_or_default(),
                    Some(entry.revision),
                ),
                Some(entry) => (Vec::new(), Some(entry.revision)),
                None => (Vec::new(), None),
            };
            let out = change(&mut waiting);
            let json = serde_json::to_vec(&waiting).map_err(|e| e.to_string())?;
            let written = match revision {
                Some(revision) => self
                    .kv
                    .update(&key, json.into(), revision)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                None => self
                    .kv
                    .create(&key, json.into())
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
            };
            if written.is_ok() {
                return Ok(out);
            }
        }
        Err("the inbox kept changing; try again".into())
    }

    /// Takes every waiting message of a session.
    pub async fn take(&self, session: &str) -> Result<Vec<Message>, String> {
        self.modify(session, std::mem::take).await
    }
}

impl sujarit_bot::Pusher for WebInbox {
    async fn push(
        &self,
        chat_id: &str,
        messages: &[Message],
        image_png: Option<&[u8]>,
    ) -> Result<(), sujarit_bot::PushError> {
        let mut messages = messages.to_vec();
        if let (Some(png), Some(last)) = (image_png, messages.last_mut()) {
            last.image = Some(sujarit_bot::Png(png.to_vec()));
        }
        self.modify(chat_id, |waiting| waiting.extend(messages.iter().cloned()))
            .await
            .map_err(|detail| sujarit_bot::PushError::Platform {
                channel: Channel::Web,
                detail,
            })
    }
}

/// The web chat's state.
#[derive(Clone)]
struct WebChat {
    gateway: Gateway<WebFiles>,
    files: WebFiles,
    inbox: WebInbox,
}

/// The routes (page at `/`, API under `/chat/api`).
pub fn router(gateway: Gateway<WebFiles>, files: WebFiles, inbox: WebInbox) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/chat/api/message", post(message))
        .route("/chat/api/photo", post(photo))
        .route("/chat/api/inbox", get(inbox_messages))
        .layer(DefaultBodyLimit::max(sujarit_privacy::MAX_ATTACHMENT_BYTES + 4096))
        .with_state(WebChat { gateway, files, inbox })
}

async fn inbox_messages(State(web): State<WebChat>, Query(param): Query<SessionParam>) -> Response {
    if !valid_session(&param.session) {
        return bad(
            "รหัสการสนทนาต้องยาว 16–64 ตัวอักษร (a-z, 0-9, -)",
            "the session id must be 16–64 characters (a-z, 0-9, -)",
        );
    }
    match web.inbox.take(&param.session).await {
        Ok(replies) => reply(replies),
        Err(e) => {
            tracing::warn!(error = %e, "web inbox unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(WebReplies { replies: vec![] })).into_response()
        }
    }
}

/// A web chat message from the page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebInput {
    /// The browser's session id.
    pub session: String,
    /// Typed text (a `/command` is read as one).
    #[serde(default)]
    pub text: Option<String>,
    /// A pressed button's payload.
    #[serde(default)]
    pub button: Option<String>,
}

/// What the page shows.
#[derive(Debug, Serialize, Deserialize)]
pub struct WebReplies {
    /// The bot's messages, in order.
    pub replies: Vec<Message>,
}

#[derive(Deserialize)]
struct SessionParam {
    session: String,
}

fn bad(th: &str, en: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({ "code": "validation", "message": { "th": th, "en": en } })),
    )
        .into_response()
}

fn valid_session(session: &str) -> bool {
    (16..=64).contains(&session.len()) && session.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn chat(session: &str) -> ChatRef {
    ChatRef {
        channel: Channel::Web,
        chat_id: session.to_string(),
    }
}

fn reply(replies: Vec<Message>) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Json(WebReplies { replies })).into_response()
}

async fn message(State(web): State<WebChat>, body: Bytes) -> Response {
    let input: WebInput = match serde_json::from_slice(&body) {
        Ok(input) => input,
        Err(e) => return bad(&format!("ข้อความไม่ถูกต้อง: {e}"), &format!("malformed message: {e}")),
    };
    if !valid_session(&input.session) {
        return bad(
            "รหัสการสนทนาต้องยาว 16–64 ตัวอักษร (a-z, 0-9, -)",
            "the session id must be 16–64 characters (a-z, 0-9, -)",
        );
    }
    let chat_input = match (input.text, input.button) {
        (_, Some(payload)) => Input::Button(payload),
        (Some(text), None) if !text.trim().is_empty() => {
            if text.chars().count() > 20_000 {
                return bad("ข้อความยาวเกินไป", "the message is too long");
            }
            Input::from_text(text.trim())
        }
        _ => return bad("ไม่มีข้อความหรือปุ่ม", "no text and no button"),
    };
    reply(web.gateway.run(chat(&input.session), chat_input).await)
}

async fn photo(State(web): State<WebChat>, Query(param): Query<SessionParam>, body: Bytes) -> Response {
    if !valid_session(&param.session) {
        return bad(
            "รหัสการสนทนาต้องยาว 16–64 ตัวอักษร (a-z, 0-9, -)",
            "the session id must be 16–64 characters (a-z, 0-9, -)",
        );
    }
    if let Err(e) = sujarit_privacy::check_size(body.len()) {
        return bad(&e.message_th(), &e.message_en());
    }
    if body.is_empty() {
        return bad("ไฟล์ว่างเปล่า", "the file is empty");
    }
    let bytes = body.len() as u64;
    let file_ref = web.files.keep(body.to_vec());
    reply(
        web.gateway
            .run(chat(&param.session), Input::Photo { file_ref, bytes })
            .await,
    )
}

async fn page() -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Html(PAGE)).into_response()
}

const PAGE: &str = r#"<!doctype html><html lang="th"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>สุจริต · Sujarit</title>
<style>
*{box-sizing:border-box} body{margin:0;font-family:system-ui,"Sarabun",sans-serif;background:#eef2f7;color:#1b1b1b}
header{background:#1d4e89;color:#fff;padding:.7rem 1rem;font-weight:600}
header small{font-weight:400;opacity:.85}
#log{padding:1rem;max-width:40rem;margin:0 auto 7rem}
.msg{background:#fff;border-radius:.8rem;padding:.6rem .8rem;margin:.4rem 0;white-space:pre-wrap;max-width:90%;box-shadow:0 1px 1px #0001}
.me{background:#d7e8ff;margin-left:auto}
.buttons{display:flex;flex-wrap:wrap;gap:.4rem;margin:.3rem 0 .8rem}
.buttons button{border:1px solid #1d4e89;background:#fff;color:#1d4e89;border-radius:1rem;padding:.35rem .8rem;font:inherit}
form{position:fixed;bottom:0;left:0;right:0;background:#fff;padding:.6rem;display:flex;gap:.4rem;border-top:1px solid #ccd}
input[type=text]{flex:1;padding:.6rem;font:inherit;border:1px solid #99a;border-radius:.5rem}
form button,label.photo{background:#1d4e89;color:#fff;border:0;border-radius:.5rem;padding:.6rem .9rem;font:inherit}
label.photo input{display:none}
.sensitive{border:2px dashed #1d4e89}
.sensitive strong{font-family:ui-monospace,monospace;font-size:1.15em;white-space:nowrap;letter-spacing:.03em}
.buttons button:disabled{opacity:.45}
button.forget{display:block;margin-top:.5rem;border:1px solid #99a;background:#f6f7f9;border-radius:.5rem;padding:.3rem .7rem;font:inherit;font-size:.9em}
img.chart{display:block;max-width:100%;margin-top:.5rem;border-radius:.4rem}
</style>
<header>สุจริต · Sujarit <small>แชทรายงานผลและแจ้งเบาะแส · progress reports and tips</small></header>
<div id="log"></div>
<form id="f"><label class="photo">📷<input type="file" id="photo" accept="image/jpeg,image/png,application/pdf"></label>
<input type="text" id="t" placeholder="พิมพ์ข้อความ หรือ /help" autocomplete="off" aria-label="message">
<button>ส่ง</button></form>
<noscript><style>#f{display:none}</style><p style="padding:1rem">หน้านี้ต้องใช้ JavaScript — แจ้งเบาะแสโดยไม่ใช้ JavaScript ได้ที่ <a href="/tip">/tip</a></p></noscript>
<script>
const log=document.getElementById('log');
let session=localStorage.getItem('sujarit-session');
function newSession(){if(window.crypto&&crypto.randomUUID&&window.isSecureContext)return crypto.randomUUID();const b=new Uint8Array(16);crypto.getRandomValues(b);return Array.from(b,x=>x.toString(16).padStart(2,'0')).join('');}
if(!session){session=newSession();localStorage.setItem('sujarit-session',session);}
const CODE=/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3,}/g;
function show(text,mine,sensitive,image){const d=document.createElement('div');d.className='msg'+(mine?' me':'')+(sensitive?' sensitive':'');
if(sensitive){let at=0;for(const m of text.matchAll(CODE)){d.append(text.slice(at,m.index));const c=document.createElement('strong');c.textContent=m[0];d.append(c);at=m.index+m[0].length;}d.append(text.slice(at));
const f=document.createElement('button');f.className='forget';f.textContent='ลบข้อความนี้ออกจากหน้าจอ · remove from this screen';f.onclick=()=>d.remove();d.append(f);}
else d.textContent=text;
if(image){const i=document.createElement('img');i.className='chart';i.alt='';i.src='data:image/png;base64,'+image;d.append(i);}
log.appendChild(d);return d;}
function settle(){window.scrollTo(0,document.body.scrollHeight);}
function render(r){document.querySelectorAll('.buttons button').forEach(b=>b.disabled=true);
for(const m of r.replies){show(m.text,false,m.sensitive,m.image);if(m.buttons&&m.buttons.length){const b=document.createElement('div');b.className='buttons';for(const row of m.buttons)for(const btn of row){const e=document.createElement('button');e.textContent=btn.label;e.onclick=()=>{b.querySelectorAll('button').forEach(x=>x.disabled=true);show(btn.label,true);settle();send({button:btn.payload});};b.appendChild(e);}log.appendChild(b);}}
settle();}
async function send(body){body.session=session;const res=await fetch('/chat/api/message',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)});const r=await res.json();if(r.replies)render(r);else show((r.message&&r.message.th)||'เกิดข้อผิดพลาด',false);}
document.getElementById('f').onsubmit=e=>{e.preventDefault();const t=document.getElementById('t');const v=t.value.trim();if(!v)return;t.value='';show(v,true,new RegExp(CODE.source).test(v));settle();send({text:v});};
document.getElementById('photo').onchange=async e=>{const f=e.target.files[0];if(!f)return;show('📷 '+f.name,true);settle();const res=await fetch('/chat/api/photo?session='+encodeURIComponent(session),{method:'POST',body:f});const r=await res.json();if(r.replies)render(r);else show((r.message&&r.message.th)||'ส่งรูปไม่สำเร็จ',false);e.target.value='';};
send({text:'/start'});
async function poll(){try{const res=await fetch('/chat/api/inbox?session='+encodeURIComponent(session));const r=await res.json();if(r.replies&&r.replies.length)render(r);}catch(e){}}
setInterval(poll,15000);
</script>
</html>"#;
