//! The Messaging API client: reply, push, content download, rich menus, and the short-lived
//! stores the adapter keeps in memory (photos fetched for the gateway, images served to LINE).
//!
//! One [`LineClient`] is shared (it is a cheap clone) by the webhook, the [`crate::LinePusher`]
//! and the gateway, so a photo the webhook fetched to learn its size is handed to the gateway's
//! [`LineClient::download_content`] without a second download.
//!
//! Secrets: the access token lives in one `Authorization` header value marked sensitive, and no
//! request body, message text or chat id is ever logged; errors carry LINE's own message (which
//! names a field, never our content) and the endpoint.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use serde::Deserialize;
use serde_json::{json, Value};
use sujarit_bot::limits::MAX_PHOTO_BYTES;
use sujarit_bot::Message;
use uuid::Uuid;

use crate::config::LineConfig;
use crate::render::{render_messages, MAX_MESSAGES_PER_REQUEST};

/// Largest content (a photo or file a person sends) the adapter downloads: the core's photo limit.
pub const MAX_CONTENT_BYTES: u64 = MAX_PHOTO_BYTES;
/// Where the webhook router serves pushed images for LINE to fetch.
pub const IMAGE_PATH: &str = "/webhooks/line/images";

/// How long a downloaded photo waits in memory for the gateway to take it.
const CONTENT_TTL: Duration = Duration::from_secs(10 * 60);
/// Most bytes of downloaded photos held at once.
const CONTENT_CACHE_BYTES: usize = 64 * 1024 * 1024;
/// How long a pushed image stays fetchable.
const IMAGE_TTL: Duration = Duration::from_secs(24 * 60 * 60);
/// Most images held for fetching at once.
const MAX_HOSTED_IMAGES: usize = 32;
/// Largest image LINE accepts as a preview (and so the largest the adapter pushes).
const MAX_PUSHED_IMAGE_BYTES: usize = 1024 * 1024;
/// How much of an error body is read.
const MAX_ERROR_BODY: usize = 4 * 1024;

/// Why a call to LINE failed. Never holds the token, a message's text or a chat id.
#[derive(Debug, thiserror::Error)]
pub enum LineError {
    /// The HTTP client could not be built (TLS setup).
    #[error("LINE client: {0}")]
    Client(String),
    /// LINE could not be reached, or the connection broke.
    #[error("LINE {endpoint}: could not reach the API: {source}")]
    Unreachable {
        /// Which call.
        endpoint: &'static str,
        /// The transport error.
        #[source]
        source: reqwest::Error,
    },
    /// LINE answered with an error status.
    #[error("LINE {endpoint} answered {status}: {message}")]
    Refused {
        /// Which call.
        endpoint: &'static str,
        /// The HTTP status.
        status: u16,
        /// LINE's explanation (its `message` and `details`).
        message: String,
    },
    /// The content is larger than [`MAX_CONTENT_BYTES`].
    #[error("LINE {endpoint}: the content is larger than {limit} bytes")]
    TooLarge {
        /// Which call.
        endpoint: &'static str,
        /// The limit.
        limit: u64,
        /// The size, when LINE said it.
        size: Option<u64>,
    },
    /// LINE answered something the adapter does not understand.
    #[error("LINE {endpoint}: unexpected answer: {detail}")]
    BadAnswer {
        /// Which call.
        endpoint: &'static str,
        /// What was wrong.
        detail: String,
    },
    /// An id that would not be safe in a URL path (not letters, digits, `-` or `_`).
    #[error("not a LINE id: {0:?}")]
    BadId(String),
    /// The rich menu image could not be drawn or encoded.
    #[error("rich menu image: {0}")]
    Image(String),
}

impl LineError {
    /// Whether trying again may help (the network, or LINE's side).
    pub fn is_transient(&self) -> bool {
        match self {
            LineError::Unreachable { .. } => true,
            LineError::Refused { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// Whether a reply was refused for its token (expired or used), so a push should follow.
    fn is_reply_token_refused(&self) -> bool {
        match self {
            LineError::Refused {
                status: 400, message, ..
            } => message.to_lowercase().contains("reply token"),
            _ => false,
        }
    }
}

/// A rich menu's id, as LINE issued it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RichMenuId(pub String);

impl fmt::Display for RichMenuId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Messaging API client (a cheap clone; clones share the in-memory stores).
#[derive(Clone)]
pub struct LineClient {
    inner: Arc<Inner>,
}

struct Inner {
    config: LineConfig,
    http: reqwest::Client,
    auth: HeaderValue,
    content: Mutex<ContentCache>,
    images: Mutex<ImageStore>,
}

impl fmt::Debug for LineClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LineClient")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    details: Vec<ErrorDetail>,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(default)]
    message: String,
    #[serde(default)]
    property: String,
}

impl LineClient {
    /// A client for the configured API.
    pub fn new(config: LineConfig) -> Result<Self, LineError> {
        let mut auth = HeaderValue::from_str(&format!("Bearer {}", config.access_token.expose()))
            .map_err(|_| LineError::Client("the access token holds characters a header cannot".into()))?;
        auth.set_sensitive(true);
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .user_agent(concat!("sujarit-line/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| LineError::Client(error.to_string()))?;
        Ok(LineClient {
            inner: Arc::new(Inner {
                config,
                http,
                auth,
                content: Mutex::new(ContentCache::default()),
                images: Mutex::new(ImageStore::default()),
            }),
        })
    }

    /// The configuration (secrets redacted in `Debug`).
    pub fn config(&self) -> &LineConfig {
        &self.inner.config
    }

    /// Replies with up to five message objects, using a webhook event's reply token.
    pub async fn reply(&self, reply_token: &str, messages: &[Value]) -> Result<(), LineError> {
        let url = format!("{}/v2/bot/message/reply", self.inner.config.api_url);
        let body = json!({ "replyToken": reply_token, "messages": messages });
        self.call("reply", self.inner.http.post(url).json(&body)).await?;
        Ok(())
    }

    /// Pushes up to five message objects to a user, group or room.
    ///
    /// The request carries a fresh `X-Line-Retry-Key`, and a network error or a 5xx is retried
    /// once with the same key, so LINE delivers it at most once (a 409 on the retry means the
    /// first attempt got through).
    pub async fn push(&self, to: &str, messages: &[Value]) -> Result<(), LineError> {
        let url = format!("{}/v2/bot/message/push", self.inner.config.api_url);
        let body = json!({ "to": to, "messages": messages });
        let retry_key = Uuid::new_v4().to_string();
        let mut retried = false;
        loop {
            let request = self
                .inner
                .http
                .post(&url)
                .header("X-Line-Retry-Key", retry_key.as_str())
                .json(&body);
            match self.call("push", request).await {
                Ok(_) => return Ok(()),
                Err(LineError::Refused { status: 409, .. }) => return Ok(()),
                Err(error) if error.is_transient() && !retried => {
                    tracing::warn!(%error, "LINE push failed; retrying once with the same retry key");
                    retried = true;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// The content of a message a person sent (a photo or file), at most [`MAX_CONTENT_BYTES`].
    ///
    /// A photo the webhook already fetched is handed over from memory (and forgotten there);
    /// otherwise it is downloaded from the content host.
    pub async fn download_content(&self, message_id: &str) -> Result<Bytes, LineError> {
        check_id(message_id)?;
        if let Some(bytes) = lock(&self.inner.content).take(message_id) {
            return Ok(bytes);
        }
        self.fetch_content(message_id).await
    }

    /// Downloads a message's content and keeps it for [`LineClient::download_content`]; its size.
    pub(crate) async fn prefetch_content(&self, message_id: &str) -> Result<u64, LineError> {
        check_id(message_id)?;
        let bytes = self.fetch_content(message_id).await?;
        let size = bytes.len() as u64;
        lock(&self.inner.content).put(message_id.to_string(), bytes);
        Ok(size)
    }

    async fn fetch_content(&self, message_id: &str) -> Result<Bytes, LineError> {
        const ENDPOINT: &str = "content";
        let url = format!("{}/v2/bot/message/{message_id}/content", self.inner.config.data_api_url);
        let mut response = self.call(ENDPOINT, self.inner.http.get(url)).await?;
        let too_large = |size| LineError::TooLarge {
            endpoint: ENDPOINT,
            limit: MAX_CONTENT_BYTES,
            size,
        };
        if let Some(length) = response.content_length().filter(|length| *length > MAX_CONTENT_BYTES) {
            return Err(too_large(Some(length)));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|source| LineError::Unreachable {
            endpoint: ENDPOINT,
            source,
        })? {
            if (body.len() + chunk.len()) as u64 > MAX_CONTENT_BYTES {
                return Err(too_large(None));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Bytes::from(body))
    }

    /// Creates a rich menu from its definition; its id.
    pub async fn create_rich_menu(&self, definition: &Value) -> Result<RichMenuId, LineError> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Created {
            rich_menu_id: String,
        }
        let url = format!("{}/v2/bot/richmenu", self.inner.config.api_url);
        let response = self
            .call("richmenu create", self.inner.http.post(url).json(definition))
            .await?;
        let created: Created = response.json().await.map_err(|error| LineError::BadAnswer {
            endpoint: "richmenu create",
            detail: error.to_string(),
        })?;
        check_id(&created.rich_menu_id)?;
        Ok(RichMenuId(created.rich_menu_id))
    }

    /// Uploads a rich menu's image (PNG, at most 1 MB).
    pub async fn upload_rich_menu_image(&self, id: &RichMenuId, png: Vec<u8>) -> Result<(), LineError> {
        check_id(&id.0)?;
        let url = format!("{}/v2/bot/richmenu/{}/content", self.inner.config.data_api_url, id.0);
        let request = self.inner.http.post(url).header(CONTENT_TYPE, "image/png").body(png);
        self.call("richmenu image", request).await?;
        Ok(())
    }

    /// Makes a rich menu the one every user sees unless given another.
    pub async fn set_default_rich_menu(&self, id: &RichMenuId) -> Result<(), LineError> {
        check_id(&id.0)?;
        let url = format!("{}/v2/bot/user/all/richmenu/{}", self.inner.config.api_url, id.0);
        self.call("richmenu default", self.inner.http.post(url)).await?;
        Ok(())
    }

    /// Every rich menu of the channel: id and name.
    pub async fn list_rich_menus(&self) -> Result<Vec<(RichMenuId, String)>, LineError> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Menu {
            rich_menu_id: String,
            #[serde(default)]
            name: String,
        }
        #[derive(Deserialize)]
        struct List {
            richmenus: Vec<Menu>,
        }
        let url = format!("{}/v2/bot/richmenu/list", self.inner.config.api_url);
        let response = self.call("richmenu list", self.inner.http.get(url)).await?;
        let list: List = response.json().await.map_err(|error| LineError::BadAnswer {
            endpoint: "richmenu list",
            detail: error.to_string(),
        })?;
        Ok(list
            .richmenus
            .into_iter()
            .map(|menu| (RichMenuId(menu.rich_menu_id), menu.name))
            .collect())
    }

    /// Deletes a rich menu.
    pub async fn delete_rich_menu(&self, id: &RichMenuId) -> Result<(), LineError> {
        check_id(&id.0)?;
        let url = format!("{}/v2/bot/richmenu/{}", self.inner.config.api_url, id.0);
        self.call("richmenu delete", self.inner.http.delete(url)).await?;
        Ok(())
    }

    /// Sends one turn's messages to a chat: with the reply token while it is fresh (free of
    /// LINE's push quota), the rest (past five objects, after the window, or when LINE refuses the
    /// token or cannot be reached) by push.
    pub(crate) async fn respond(
        &self,
        to: &str,
        reply_token: Option<&str>,
        received_at: Instant,
        messages: &[Message],
    ) {
        let objects = self.objects(messages, None);
        let mut rest: &[Value] = &objects;
        if rest.is_empty() {
            return;
        }
        let fresh = received_at.elapsed() < self.inner.config.reply_window;
        if let Some(token) = reply_token.filter(|_| fresh) {
            let count = rest.len().min(MAX_MESSAGES_PER_REQUEST);
            match self.reply(token, &rest[..count]).await {
                Ok(()) => rest = &rest[count..],
                Err(error) if error.is_reply_token_refused() || error.is_transient() => {
                    tracing::info!(%error, "LINE reply not delivered; pushing instead");
                }
                Err(error) => {
                    tracing::warn!(%error, "LINE refused the reply");
                    return;
                }
            }
        }
        for chunk in rest.chunks(MAX_MESSAGES_PER_REQUEST) {
            if let Err(error) = self.push(to, chunk).await {
                tracing::warn!(%error, "LINE refused the push");
                return;
            }
        }
    }

    /// The message objects for `messages`, then an image message for each message's image and
    /// for `extra_png` (hosted for LINE to fetch), or a short note where an image cannot be sent.
    /// The quick replies move to the last object, or LINE hides them.
    pub(crate) fn objects(&self, messages: &[Message], extra_png: Option<&[u8]>) -> Vec<Value> {
        let mut objects = render_messages(messages);
        let images: Vec<&[u8]> = messages
            .iter()
            .filter_map(|message| message.image.as_ref().map(|png| png.0.as_slice()))
            .chain(extra_png)
            .collect();
        if images.is_empty() {
            return objects;
        }
        let lang = messages
            .first()
            .map(|message| message.lang)
            .unwrap_or(sujarit_bot::Lang::Th);
        let quick_reply = match objects.last_mut() {
            Some(Value::Object(last)) => last.remove("quickReply"),
            _ => None,
        };
        for png in images {
            objects.push(match self.host_image(png) {
                Some(url) => serde_json::json!({ "type": "image", "originalContentUrl": url, "previewImageUrl": url }),
                None => serde_json::json!({ "type": "text", "text": crate::text::image_not_sent(lang) }),
            });
        }
        if let (Some(quick), Some(Value::Object(last))) = (quick_reply, objects.last_mut()) {
            last.insert("quickReply".into(), quick);
        }
        objects
    }

    /// Keeps a PNG for LINE to fetch; its public URL, or `None` when no public URL is configured
    /// or the image is too large for LINE.
    pub(crate) fn host_image(&self, png: &[u8]) -> Option<String> {
        let base = self.inner.config.public_url.as_deref()?;
        if png.is_empty() || png.len() > MAX_PUSHED_IMAGE_BYTES {
            return None;
        }
        let name = format!("{}.png", Uuid::new_v4().simple());
        lock(&self.inner.images).put(name.clone(), Bytes::copy_from_slice(png));
        Some(format!("{base}{IMAGE_PATH}/{name}"))
    }

    /// An image kept by [`LineClient::host_image`], while it lasts.
    pub(crate) fn hosted_image(&self, name: &str) -> Option<Bytes> {
        lock(&self.inner.images).get(name)
    }

    /// Sends a request with the token; an error status becomes [`LineError::Refused`].
    async fn call(
        &self,
        endpoint: &'static str,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, LineError> {
        let response = request
            .header(AUTHORIZATION, self.inner.auth.clone())
            .send()
            .await
            .map_err(|source| LineError::Unreachable { endpoint, source })?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        Err(LineError::Refused {
            endpoint,
            status: status.as_u16(),
            message: error_message(response).await,
        })
    }
}

/// LINE's error body as one line: its message and the fields its details name.
async fn error_message(mut response: reqwest::Response) -> String {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_ERROR_BODY {
            break;
        }
    }
    match serde_json::from_slice::<ErrorBody>(&body) {
        Ok(parsed) => {
            let mut message = parsed.message;
            for detail in parsed.details.iter().take(5) {
                message.push_str(&format!("; {}: {}", detail.property, detail.message));
            }
            crate::render::truncate(&message, 500)
        }
        Err(_) => "(no explanation)".to_string(),
    }
}

/// LINE ids (messages, rich menus) are letters, digits, `-` and `_`; anything else would change
/// the URL path it is put in.
fn check_id(id: &str) -> Result<(), LineError> {
    let ok = !id.is_empty() && id.len() <= 128 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    match ok {
        true => Ok(()),
        false => Err(LineError::BadId(crate::render::truncate(id, 40))),
    }
}

/// Locks a store; a panic elsewhere while holding it leaves data that is still consistent
/// (each operation is a single insert or remove), so a poisoned lock is used as is.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Photos fetched by the webhook, waiting for the gateway; bounded in age and total size.
#[derive(Default)]
struct ContentCache {
    entries: VecDeque<(String, Instant, Bytes)>,
    bytes: usize,
}

impl ContentCache {
    fn put(&mut self, id: String, content: Bytes) {
        self.expire();
        if content.len() > CONTENT_CACHE_BYTES {
            return;
        }
        while self.bytes + content.len() > CONTENT_CACHE_BYTES {
            match self.entries.pop_front() {
                Some((_, _, old)) => self.bytes -= old.len(),
                None => break,
            }
        }
        self.bytes += content.len();
        self.entries.push_back((id, Instant::now(), content));
    }

    fn take(&mut self, id: &str) -> Option<Bytes> {
        self.expire();
        let index = self.entries.iter().position(|(key, _, _)| key == id)?;
        let (_, _, content) = self.entries.remove(index)?;
        self.bytes -= content.len();
        Some(content)
    }

    fn expire(&mut self) {
        while let Some((_, at, _)) = self.entries.front() {
            if at.elapsed() < CONTENT_TTL {
                break;
            }
            if let Some((_, _, old)) = self.entries.pop_front() {
                self.bytes -= old.len();
            }
        }
    }
}

/// Images pushed by URL, fetchable for a day under an unguessable name.
#[derive(Default)]
struct ImageStore {
    images: HashMap<String, (Instant, Bytes)>,
}

impl ImageStore {
    fn put(&mut self, name: String, png: Bytes) {
        self.images.retain(|_, (at, _)| at.elapsed() < IMAGE_TTL);
        while self.images.len() >= MAX_HOSTED_IMAGES {
            let oldest = self
                .images
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(name, _)| name.clone());
            match oldest {
                Some(name) => self.images.remove(&name),
                None => break,
            };
        }
        self.images.insert(name, (Instant::now(), png));
    }

    fn get(&self, name: &str) -> Option<Bytes> {
        self.images
            .get(name)
            .filter(|(at, _)| at.elapsed() < IMAGE_TTL)
            .map(|(_, png)| png.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_photo_is_handed_over_once() {
        let mut cache = ContentCache::default();
        cache.put("1".into(), Bytes::from_static(b"jpeg"));
        assert_eq!(cache.take("1").as_deref(), Some(&b"jpeg"[..]));
        assert_eq!(cache.take("1"), None);
        assert_eq!(cache.bytes, 0);
    }

    #[test]
    fn the_photo_cache_drops_the_oldest_beyond_its_size() {
        let mut cache = ContentCache::default();
        let big = Bytes::from(vec![0u8; CONTENT_CACHE_BYTES / 2 + 1]);
        cache.put("a".into(), big.clone());
        cache.put("b".into(), big);
        assert!(cache.take("a").is_none());
        assert!(cache.take("b").is_some());
    }

    #[test]
    fn ids_that_would_change_the_url_are_refused() {
        assert!(check_id("468789577898262530").is_ok());
        assert!(check_id("richmenu-88c05ef6921ae53f8b58a25f3a65faf7").is_ok());
        assert!(check_id("../../v2/bot/message/push").is_err());
        assert!(check_id("1?x=1").is_err());
        assert!(check_id("").is_err());
    }

    #[test]
    fn the_client_debug_output_shows_no_secret() {
        let client = LineClient::new(LineConfig::new("the-channel-secret", "the-access-token")).unwrap();
        let debug = format!("{client:?}");
        assert!(!debug.contains("the-channel-secret"), "{debug}");
        assert!(!debug.contains("the-access-token"), "{debug}");
        assert!(debug.contains("api.line.me"));
    }
}
