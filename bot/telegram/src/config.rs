//! The adapter's configuration: the bot token, the Bot API's address, and the webhook's URL and
//! secret, read from the environment (`SUJARIT_TELEGRAM_…`) or deserialised from a config file.
//!
//! The token and the webhook secret are wrapped in types whose `Debug` prints `<redacted>`, so a
//! config that is logged, or an error that mentions it, never shows them. Errors name the variable
//! that was wrong, never its value.

use std::fmt;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use url::Url;

/// The variable holding the bot token (from @BotFather).
pub const ENV_TOKEN: &str = "SUJARIT_TELEGRAM_TOKEN";
/// The variable holding the Bot API's base URL; unset means the public Bot API.
pub const ENV_API_URL: &str = "SUJARIT_TELEGRAM_API_URL";
/// The variable holding the public HTTPS URL Telegram should post updates to; unset means long
/// polling.
pub const ENV_WEBHOOK_URL: &str = "SUJARIT_TELEGRAM_WEBHOOK_URL";
/// The variable holding the webhook secret Telegram echoes in `X-Telegram-Bot-Api-Secret-Token`.
pub const ENV_WEBHOOK_SECRET: &str = "SUJARIT_TELEGRAM_WEBHOOK_SECRET";
/// The public Bot API.
pub const DEFAULT_API_URL: &str = "https://api.telegram.org";

/// Why the configuration could not be read. Names the variable (or field), never its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A required setting is missing.
    #[error("{name} is not set: {why}")]
    Missing {
        /// The variable or field.
        name: &'static str,
        /// Why it is needed.
        why: &'static str,
    },
    /// A setting is present but unusable.
    #[error("{name} is invalid: {reason}")]
    Invalid {
        /// The variable or field.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// The bot token. `Debug` and `Display` are redacted; [`BotToken::expose`] is the only way out.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct BotToken(String);

impl BotToken {
    /// A token; it must be non-empty and free of whitespace and "/" (it becomes a URL segment).
    pub fn new(token: impl Into<String>) -> Result<Self, ConfigError> {
        let token = token.into();
        let token = token.trim();
        if token.is_empty() {
            return Err(ConfigError::Invalid {
                name: ENV_TOKEN,
                reason: "empty".into(),
            });
        }
        if token.chars().any(|c| c.is_whitespace() || c == '/' || c.is_control()) {
            return Err(ConfigError::Invalid {
                name: ENV_TOKEN,
                reason: "contains whitespace, control characters or '/'".into(),
            });
        }
        Ok(BotToken(token.to_string()))
    }

    /// The token itself, for building the [`teloxide::Bot`]. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for BotToken {
    type Error = ConfigError;

    fn try_from(token: String) -> Result<Self, Self::Error> {
        BotToken::new(token)
    }
}

impl fmt::Debug for BotToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BotToken(<redacted>)")
    }
}

/// The webhook secret: 1–256 characters of `A-Z a-z 0-9 _ -` (Telegram's rule for
/// `secret_token`). `Debug` is redacted; comparison is constant-time.
#[derive(Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct WebhookSecret(String);

impl WebhookSecret {
    /// A secret, checked against Telegram's rule.
    pub fn new(secret: impl Into<String>) -> Result<Self, ConfigError> {
        let secret = secret.into();
        let length = secret.chars().count();
        if !(1..=256).contains(&length) {
            return Err(ConfigError::Invalid {
                name: ENV_WEBHOOK_SECRET,
                reason: format!("must be 1 to 256 characters, is {length}"),
            });
        }
        if !secret
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(ConfigError::Invalid {
                name: ENV_WEBHOOK_SECRET,
                reason: "may hold only A-Z, a-z, 0-9, '_' and '-'".into(),
            });
        }
        Ok(WebhookSecret(secret))
    }

    /// The secret itself, for `setWebhook`. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `presented` (the header's bytes) is the secret, in time that depends on neither
    /// the secret nor how much of it matched: both sides are hashed first, so even the length
    /// does not leak.
    pub fn matches(&self, presented: &[u8]) -> bool {
        let expected = Sha256::digest(self.0.as_bytes());
        let presented = Sha256::digest(presented);
        expected.ct_eq(&presented).into()
    }
}

impl TryFrom<String> for WebhookSecret {
    type Error = ConfigError;

    fn try_from(secret: String) -> Result<Self, Self::Error> {
        WebhookSecret::new(secret)
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret(<redacted>)")
    }
}

/// How updates arrive.
#[derive(Debug, Clone)]
pub enum Mode {
    /// The adapter long-polls `getUpdates` ([`crate::Telegram::run_polling`]).
    Polling,
    /// Telegram posts updates to `url`, served by [`crate::Telegram::webhook_router`].
    Webhook {
        /// The public URL registered with `setWebhook` (ends in [`crate::WEBHOOK_PATH`]).
        url: Url,
        /// The secret Telegram must echo in `X-Telegram-Bot-Api-Secret-Token`.
        secret: WebhookSecret,
    },
}

/// The Telegram adapter's settings (layered: defaults here, then a config file, then
/// `SUJARIT_TELEGRAM_*`).
#[derive(Debug, Clone, Deserialize)]
pub struct TelegramConfig {
    /// The bot token.
    pub token: BotToken,
    /// The Bot API's base URL; `None` is the public Bot API. Tests point it at a local fake.
    #[serde(default)]
    pub api_url: Option<Url>,
    /// The public URL for webhook mode; `None` means long polling.
    #[serde(default)]
    pub webhook_url: Option<Url>,
    /// The secret Telegram must echo on every webhook call; required with `webhook_url`.
    #[serde(default)]
    pub webhook_secret: Option<WebhookSecret>,
}

impl TelegramConfig {
    /// A polling configuration with just a token.
    pub fn new(token: BotToken) -> Self {
        TelegramConfig {
            token,
            api_url: None,
            webhook_url: None,
            webhook_secret: None,
        }
    }

    /// Reads `SUJARIT_TELEGRAM_TOKEN`, `…_API_URL`, `…_WEBHOOK_URL` and `…_WEBHOOK_SECRET`.
    /// `Ok(None)` when no token is set: the Telegram channel is off.
    pub fn from_env() -> Result<Option<Self>, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// As [`TelegramConfig::from_env`], reading variables through `lookup` (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Option<Self>, ConfigError> {
        let read = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let Some(token) = read(ENV_TOKEN) else {
            return Ok(None);
        };
        let parse_url = |name: &'static str| -> Result<Option<Url>, ConfigError> {
            read(name)
                .map(|value| {
                    Url::parse(value.trim()).map_err(|error| ConfigError::Invalid {
                        name,
                        reason: error.to_string(),
                    })
                })
                .transpose()
        };
        let config = TelegramConfig {
            token: BotToken::new(token)?,
            api_url: parse_url(ENV_API_URL)?,
            webhook_url: parse_url(ENV_WEBHOOK_URL)?,
            webhook_secret: read(ENV_WEBHOOK_SECRET).map(WebhookSecret::new).transpose()?,
        };
        config.validate()?;
        Ok(Some(config))
    }

    /// Checks what serde cannot: URLs the Bot API client can use, and a secret for a webhook.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if let Some(url) = &self.api_url {
            check_http_url(ENV_API_URL, url)?;
        }
        if let Some(url) = &self.webhook_url {
            if url.scheme() != "https" {
                return Err(ConfigError::Invalid {
                    name: ENV_WEBHOOK_URL,
                    reason: "Telegram posts only to https:// URLs".into(),
                });
            }
            if self.webhook_secret.is_none() {
                return Err(ConfigError::Missing {
                    name: ENV_WEBHOOK_SECRET,
                    why: "a webhook must check the secret-token header",
                });
            }
        }
        Ok(())
    }

    /// Polling without a webhook URL, webhook with one (which needs the secret).
    pub fn mode(&self) -> Result<Mode, ConfigError> {
        match (&self.webhook_url, &self.webhook_secret) {
            (None, _) => Ok(Mode::Polling),
            (Some(url), Some(secret)) => Ok(Mode::Webhook {
                url: url.clone(),
                secret: secret.clone(),
            }),
            (Some(_), None) => Err(ConfigError::Missing {
                name: ENV_WEBHOOK_SECRET,
                why: "a webhook must check the secret-token header",
            }),
        }
    }

    /// The Bot API base URL in effect, without a trailing slash (teloxide appends
    /// `/bot<token>/<method>` as path segments).
    pub fn effective_api_url(&self) -> Url {
        let mut url = match &self.api_url {
            Some(url) => url.clone(),
            None => Url::parse(DEFAULT_API_URL).unwrap_or_else(|_| unreachable!("the default URL parses")),
        };
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty();
        }
        url
    }
}

fn check_http_url(name: &'static str, url: &Url) -> Result<(), ConfigError> {
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(ConfigError::Invalid {
            name,
            reason: "must be an http:// or https:// URL".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    const TOKEN: &str = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn no_token_means_the_channel_is_off() {
        assert!(TelegramConfig::from_lookup(lookup(&[])).unwrap().is_none());
    }

    #[test]
    fn a_token_alone_long_polls_the_public_bot_api() {
        let config = TelegramConfig::from_lookup(lookup(&[(ENV_TOKEN, TOKEN)]))
            .unwrap()
            .unwrap();
        assert!(matches!(config.mode(), Ok(Mode::Polling)));
        assert_eq!(config.effective_api_url().as_str(), "https://api.telegram.org/");
        assert_eq!(config.token.expose(), TOKEN);
    }

    #[test]
    fn debug_output_never_shows_the_token_or_the_secret() {
        let config = TelegramConfig::from_lookup(lookup(&[
            (ENV_TOKEN, TOKEN),
            (ENV_WEBHOOK_URL, "https://bot.example.org/webhooks/telegram"),
            (ENV_WEBHOOK_SECRET, "s3cr3t-webhook_value"),
        ]))
        .unwrap()
        .unwrap();
        let Ok(Mode::Webhook { url, secret }) = config.mode() else {
            panic!("a webhook URL with a secret is webhook mode");
        };
        assert_eq!(url.path(), "/webhooks/telegram");
        assert!(secret.matches(b"s3cr3t-webhook_value"));
        let shown = format!("{config:?} {config:#?} {:?}", config.mode());
        assert!(!shown.contains(TOKEN) && !shown.contains("AAHdqTcv"), "{shown}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn a_webhook_url_without_a_secret_is_refused_by_name() {
        let error = TelegramConfig::from_lookup(lookup(&[
            (ENV_TOKEN, TOKEN),
            (ENV_WEBHOOK_URL, "https://bot.example.org/webhooks/telegram"),
        ]))
        .unwrap_err();
        assert!(matches!(
            error,
            ConfigError::Missing {
                name: ENV_WEBHOOK_SECRET,
                ..
            }
        ));
    }

    #[test]
    fn bad_settings_are_named_without_echoing_their_values() {
        let error =
            TelegramConfig::from_lookup(lookup(&[(ENV_TOKEN, TOKEN), (ENV_WEBHOOK_SECRET, "has space!")])).unwrap_err();
        assert!(error.to_string().contains(ENV_WEBHOOK_SECRET));
        assert!(!error.to_string().contains("has space"));
        let error =
            TelegramConfig::from_lookup(lookup(&[(ENV_TOKEN, TOKEN), (ENV_API_URL, "mailto:x@y")])).unwrap_err();
        assert!(error.to_string().contains(ENV_API_URL));
        let error = TelegramConfig::from_lookup(lookup(&[(ENV_TOKEN, "12 34")])).unwrap_err();
        assert!(!error.to_string().contains("12 34"));
    }

    #[test]
    fn a_custom_api_url_loses_its_trailing_slash() {
        let config = TelegramConfig::from_lookup(lookup(&[
            (ENV_TOKEN, TOKEN),
            (ENV_API_URL, "http://127.0.0.1:8081/tba/"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(config.effective_api_url().as_str(), "http://127.0.0.1:8081/tba");
    }

    #[test]
    fn the_secret_matches_only_itself() {
        let secret = WebhookSecret::new("abc_DEF-123").unwrap();
        assert!(secret.matches(b"abc_DEF-123"));
        assert!(!secret.matches(b"abc_DEF-124"));
        assert!(!secret.matches(b"abc_DEF-1234"));
        assert!(!secret.matches(b""));
    }

    #[test]
    fn a_config_file_section_deserialises_with_the_same_checks() {
        let config: TelegramConfig = serde_json::from_str(&format!(
            r#"{{"token":"{TOKEN}","api_url":"http://127.0.0.1:9/","webhook_secret":"abc"}}"#
        ))
        .unwrap();
        assert!(matches!(config.mode(), Ok(Mode::Polling)));
        assert!(serde_json::from_str::<TelegramConfig>(r#"{"token":"x","webhook_secret":"no spaces"}"#).is_err());
    }
}
