//! The bot gateway: runs the pure conversation core (`sujarit_bot::step`) for every chat and
//! carries out its effects over NATS — commands to the ledger, queries to the query service,
//! files to the case desk or the evidence store — feeding each outcome back into the core until
//! it only has replies left.
//!
//! Conversation state lives in the JetStream key-value bucket `SUJARIT_CHATS` (one key per chat,
//! written with the revision it was read at), so it survives a restart of the gateway and two
//! gateways can serve the same users. The state never holds a receipt code (the core's promise);
//! the chat id is the bucket's key and is never written into a command of an anonymous tip.
//!
//! Channels (Telegram, LINE, the web chat in [`web`]) call [`Gateway::handle`] through the
//! `sujarit_bot::Handler` seam and render the messages it returns.

mod asks;
pub mod digest;
pub mod notify;
pub mod web;

use std::collections::VecDeque;
use std::future::Future;
use std::sync::Arc;

use async_nats::jetstream::kv;
use chrono::Utc;
use sujarit_bot::{step, ChatRef, Conversation, Effect, Handler, Input, Message, Outcome, TipFiling};
use sujarit_client::{desk, CommandClient, SendOptions};
use sujarit_contracts::complaint::ReceiptCode;
use sujarit_contracts::{Actor, Command, DomainError, ErrorCode, Reply};
use uuid::Uuid;

/// Key-value bucket of conversation states.
pub const CHATS_BUCKET: &str = "SUJARIT_CHATS";
/// Object store of progress-report evidence (photos an officer sends with a report).
pub const EVIDENCE_BUCKET: &str = "SUJARIT_EVIDENCE";
/// Most core steps one input may cause (replies and outcomes included); a guard, never reached.
const MAX_STEPS: usize = 64;

/// Where a channel keeps the files people send (Telegram file ids, LINE message ids, web uploads).
pub trait FileSource: Send + Sync + 'static {
    /// The file's bytes.
    fn fetch(&self, file_ref: &str) -> impl Future<Output = Result<Vec<u8>, String>> + Send;
}

/// Why the gateway could not start.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// JetStream refused the buckets.
    #[error("JetStream: {0}")]
    JetStream(String),
}

/// Runs conversations for one channel.
pub struct Gateway<F> {
    nats: async_nats::Client,
    chats: kv::Store,
    evidence: async_nats::jetstream::object_store::ObjectStore,
    files: Arc<F>,
    /// Keys wrong-code counting by chat without revealing the chat: a per-process random salt.
    rate_salt: u64,
    /// The global position of the last event this gateway's commands wrote (0: none yet); its
    /// queries wait until the query service has caught up with it.
    written: Arc<std::sync::atomic::AtomicU64>,
}

impl<F> Clone for Gateway<F> {
    fn clone(&self) -> Self {
        Gateway {
            nats: self.nats.clone(),
            chats: self.chats.clone(),
            evidence: self.evidence.clone(),
            files: self.files.clone(),
            rate_salt: self.rate_salt,
            written: self.written.clone(),
        }
    }
}

fn failed(e: &DomainError) -> Outcome {
    Outcome::Failed {
        code: e.code,
        message: e.message.clone(),
    }
}

fn unavailable(detail: &str) -> Outcome {
    tracing::warn!(error = %detail, "bot gateway could not reach a service");
    failed(&DomainError::new(
        ErrorCode::Unavailable,
        "ระบบไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่อีกครั้ง",
        "the system is not available right now; please try again",
    ))
}

/// A key for a chat in the bucket (keys allow letters, digits, `-`, `_`, `=` and `.`).
fn chat_key(chat: &ChatRef) -> String {
    let channel = serde_json::to_value(chat.channel)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "chat".into());
    let id: String = chat.chat_id.bytes().map(|b| format!("{b:02x}")).collect();
    format!("{channel}.{id}")
}

impl<F: FileSource> Gateway<F> {
    /// A gateway over `nats`, creating its buckets if needed; `files` fetches what people send.
    pub async fn start(nats: async_nats::Client, files: F) -> Result<Self, GatewayError> {
        let js = async_nats::jetstream::new(nats.clone());
        let js_error = |e: &dyn std::fmt::Display| GatewayError::JetStream(e.to_string());
        let chats = match js.get_key_value(CHATS_BUCKET).await {
            Ok(store) => store,
            Err(_) => js
                .create_key_value(kv::Config {
                    bucket: CHATS_BUCKET.into(),
                    description: "Sujarit chat conversations (state of each chat's flow)".into(),
                    history: 1,
                    ..Default::default()
                })
                .await
                .map_err(|e| js_error(&e))?,
        };
        let evidence = match js.get_object_store(EVIDENCE_BUCKET).await {
            Ok(store) => store,
            Err(_) => js
                .create_object_store(async_nats::jetstream::object_store::Config {
                    bucket: EVIDENCE_BUCKET.into(),
                    description: Some("Sujarit progress-report evidence".into()),
                    ..Default::default()
                })
                .await
                .map_err(|e| js_error(&e))?,
        };
        let rate_salt = u64::from_le_bytes(Uuid::new_v4().as_bytes()[..8].try_into().unwrap_or([7; 8]));
        Ok(Gateway {
            nats,
            chats,
            evidence,
            files: Arc::new(files),
            rate_salt,
            written: Arc::default(),
        })
    }

    /// The position of the last event its own commands wrote, if any.
    fn written(&self) -> Option<u64> {
        match self.written.load(std::sync::atomic::Ordering::Relaxed) {
            0 => None,
            position => Some(position),
        }
    }

    async fn load(&self, chat: &ChatRef) -> (Conversation, Option<u64>) {
        match self.chats.entry(chat_key(chat)).await {
            Ok(Some(entry)) if !entry.value.is_empty() => match serde_json::from_slice::<Conversation>(&entry.value) {
                Ok(conversation) => (conversation, Some(entry.revision)),
                Err(e) => {
                    tracing::warn!(error = %e, "a stored conversation could not be read; starting afresh");
                    (Conversation::new(chat.channel), Some(entry.revision))
                }
            },
            Ok(Some(entry)) => (Conversation::new(chat.channel), Some(entry.revision)),
            Ok(None) => (Conversation::new(chat.channel), None),
            Err(e) => {
                tracing::warn!(error = %e, "conversation store unavailable; starting afresh");
                (Conversation::new(chat.channel), None)
            }
        }
    }

    async fn save(&self, chat: &ChatRef, conversation: &Conversation, revision: Option<u64>) {
        let Ok(json) = serde_json::to_vec(conversation) else {
            return;
        };
        let key = chat_key(chat);
        let written = match revision {
            Some(revision) => self
                .chats
                .update(&key, json.into(), revision)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            None => self
                .chats
                .create(&key, json.into())
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
        };
        if let Err(e) = written {
            // Another gateway answered this chat meanwhile: its state wins; this input's replies
            // were still shown.
            tracing::debug!(error = %e, "conversation changed elsewhere; keeping the other write");
        }
    }

    /// Runs one input of one chat through the core and its effects; the replies to show.
    pub async fn run(&self, chat: ChatRef, input: Input) -> Vec<Message> {
        let (mut conversation, revision) = self.load(&chat).await;
        let mut inputs = VecDeque::from([input]);
        let mut replies = Vec::new();
        let mut steps = 0;
        while let Some(input) = inputs.pop_front() {
            steps += 1;
            if steps > MAX_STEPS {
                tracing::error!("a conversation step did not settle; stopping");
                break;
            }
            let (next, effects) = step(&conversation, input, Utc::now());
            conversation = next;
            for effect in effects {
                match effect {
                    Effect::Reply(message) => replies.push(message),
                    Effect::ForgetInput => {}
                    other => inputs.push_back(Input::Outcome(self.effect(&chat, other).await)),
                }
            }
        }
        self.save(&chat, &conversation, revision).await;
        replies
    }

    async fn effect(&self, chat: &ChatRef, effect: Effect) -> Outcome {
        match effect {
            Effect::Send { command, actor } => self.send(&command, actor).await,
            Effect::Ask(ask) => match asks::run(self, chat, ask).await {
                Ok(answer) => Outcome::Answer(answer),
                Err(e) => failed(&e),
            },
            Effect::StoreEvidence { file_ref, case_id } => self.store(&file_ref, case_id).await,
            Effect::File(filing) => self.file(filing).await,
            Effect::Reply(_) | Effect::ForgetInput => unavailable("not an effect with an outcome"),
        }
    }

    async fn send(&self, command: &Command, actor: Actor) -> Outcome {
        let client = CommandClient::new(self.nats.clone(), actor);
        // Random (v4) ids: the ledger refuses ids that date an anonymous sender's action.
        let options = SendOptions {
            command_id: Some(Uuid::new_v4()),
            correlation_id: Some(Uuid::new_v4()),
            ..Default::default()
        };
        match client.send_with(command, options).await {
            Ok(answer) => {
                if let Reply::Accepted { positions, .. } = &answer.reply {
                    if let Some(last) = positions.last() {
                        self.written.fetch_max(*last, std::sync::atomic::Ordering::Relaxed);
                    }
                }
                Outcome::Command(answer.reply)
            }
            Err(e) => unavailable(&e.to_string()),
        }
    }

    async fn store(&self, file_ref: &str, case_id: Option<Uuid>) -> Outcome {
        let bytes = match self.files.fetch(file_ref).await {
            Ok(bytes) => bytes,
            Err(e) => return unavailable(&e),
        };
        if let Err(e) = sujarit_privacy::check_size(bytes.len()) {
            return failed(&DomainError::new(ErrorCode::Validation, e.message_th(), e.message_en()));
        }
        match case_id {
            Some(case_id) => match desk::attach(&self.nats, &Actor::Anonymous, case_id, None, bytes).await {
                Ok(reference) => Outcome::Attachment(reference),
                Err(sujarit_client::query::QueryError::Refused(e)) => failed(&e),
                Err(e) => unavailable(&e.to_string()),
            },
            None => {
                // Evidence of a progress report: metadata stripped like a complaint's photos,
                // kept in the evidence store; the reference goes into the submission.
                let content = match sujarit_privacy::strip_metadata(&bytes) {
                    Ok(stripped) => stripped.bytes,
                    Err(_) if bytes.starts_with(b"%PDF-") => bytes,
                    Err(e) => return failed(&DomainError::new(ErrorCode::Validation, e.message_th(), e.message_en())),
                };
                let name = Uuid::new_v4().to_string();
                let mut reader = std::io::Cursor::new(content);
                match self.evidence.put(name.as_str(), &mut reader).await {
                    Ok(_) => Outcome::Evidence {
                        reference: format!("evidence:{name}"),
                    },
                    Err(e) => unavailable(&e.to_string()),
                }
            }
        }
    }

    async fn file(&self, filing: TipFiling) -> Outcome {
        let case_id = Uuid::new_v4();
        let code = sujarit_privacy::ReceiptCode::generate().to_string();
        let mut attachments = Vec::new();
        for photo in &filing.photos {
            match self.store(photo, Some(case_id)).await {
                Outcome::Attachment(reference) => attachments.push(reference),
                other => return other,
            }
        }
        let command = filing.command(case_id, ReceiptCode(code.clone()), attachments);
        match self.send(&command, filing.actor()).await {
            Outcome::Command(reply) => {
                let accepted = matches!(reply, Reply::Accepted { .. });
                Outcome::Filed {
                    reply,
                    receipt_code: accepted.then_some(ReceiptCode(code)),
                }
            }
            other => other,
        }
    }

    /// An opaque key for counting wrong codes from one chat (never the chat id itself).
    fn rate_key(&self, chat: &ChatRef) -> String {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.rate_salt.hash(&mut hasher);
        chat_key(chat).hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}

impl<F: FileSource> Handler for Gateway<F> {
    fn handle(&self, chat: ChatRef, input: Input) -> impl Future<Output = Vec<Message>> + Send {
        self.run(chat, input)
    }
}
