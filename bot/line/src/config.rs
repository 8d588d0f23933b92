//! Where the adapter finds LINE: the channel secret (to check webhook signatures), the channel
//! access token (to call the API), and the API's addresses.
//!
//! Configuration comes in layers, like every Sujarit service: defaults in code, then an optional
//! JSON file, then the environment (`SUJARIT_LINE_…`). The two secrets are held in [`Secret`],
//! whose `Debug` prints nothing of them and whose memory is wiped on drop; error messages name
//! the setting, never its value.
//!
//! LINE serves the Messaging API from two hosts: `api.line.me` for messages and rich menus, and
//! `api-data.line.me` for content (a user's photo, a rich menu image). When
//! `SUJARIT_LINE_API_URL` points somewhere else (a test double, a proxy) and
//! `SUJARIT_LINE_DATA_API_URL` is not set, the data host is taken to be the same as the API host,
//! because such a stand-in serves both; with the public API URL the public data host is used.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use zeroize::Zeroize;

/// The public Messaging API.
pub const DEFAULT_API_URL: &str = "https://api.line.me";
/// The public host for content downloads and rich menu images.
pub const DEFAULT_DATA_API_URL: &str = "https://api-data.line.me";
/// How long after a webhook arrives the adapter still answers with its reply token.
///
/// LINE documents only that the token expires "after a certain period"; reports put it at about
/// 30 seconds to a minute. Past this window the adapter pushes instead, and it also pushes when
/// LINE refuses the token, so the number only saves a request that would fail.
pub const DEFAULT_REPLY_WINDOW: Duration = Duration::from_secs(25);

/// Environment variable: the channel secret.
pub const ENV_CHANNEL_SECRET: &str = "SUJARIT_LINE_CHANNEL_SECRET";
/// Environment variable: the channel access token.
pub const ENV_ACCESS_TOKEN: &str = "SUJARIT_LINE_CHANNEL_ACCESS_TOKEN";
/// Environment variable: the API base URL.
pub const ENV_API_URL: &str = "SUJARIT_LINE_API_URL";
/// Environment variable: the content (data) API base URL.
pub const ENV_DATA_API_URL: &str = "SUJARIT_LINE_DATA_API_URL";
/// Environment variable: the public https base URL this service is reachable at (for images).
pub const ENV_PUBLIC_URL: &str = "SUJARIT_LINE_PUBLIC_URL";

/// A secret string: `Debug` and `Display` hide it, and it is wiped from memory on drop.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that needs it (an HMAC key, a header).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether it is empty (not configured).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.is_empty() {
            true => f.write_str("Secret(<empty>)"),
            false => f.write_str("Secret(<redacted>)"),
        }
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// How the adapter reaches LINE. `Debug` redacts the secret and the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineConfig {
    /// The channel secret: the key of the webhook signature.
    pub channel_secret: Secret,
    /// The (long-lived) channel access token, sent as `Authorization: Bearer …`.
    pub access_token: Secret,
    /// Base URL of the Messaging API, without a trailing slash.
    pub api_url: String,
    /// Base URL of the content API (photos users send, rich menu images), without a trailing slash.
    pub data_api_url: String,
    /// The https base URL where LINE can fetch images this service serves
    /// (`<public_url>/webhooks/line/images/…`); without it, pushed images are replaced by a note.
    pub public_url: Option<String>,
    /// How long after a webhook the reply token is still used (see [`DEFAULT_REPLY_WINDOW`]).
    pub reply_window: Duration,
}

/// The optional file layer: any field may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineConfigFile {
    /// The channel secret.
    #[serde(default)]
    pub channel_secret: Option<Secret>,
    /// The channel access token.
    #[serde(default)]
    pub access_token: Option<Secret>,
    /// The API base URL.
    #[serde(default)]
    pub api_url: Option<String>,
    /// The content API base URL.
    #[serde(default)]
    pub data_api_url: Option<String>,
    /// The public base URL for served images.
    #[serde(default)]
    pub public_url: Option<String>,
}

/// Why the configuration could not be built. Never carries a secret's value.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ConfigError {
    /// A required setting is missing or empty.
    #[error("{name} is not set (environment variable, or the LINE config file)")]
    Missing {
        /// The environment variable that would set it.
        name: &'static str,
    },
    /// A URL setting is not an http(s) URL.
    #[error("{name} must be an http:// or https:// URL, got `{value}`")]
    BadUrl {
        /// The setting.
        name: &'static str,
        /// What it held (URLs are not secret).
        value: String,
    },
    /// The config file could not be read or parsed.
    #[error("LINE config file {path}: {detail}")]
    File {
        /// The file.
        path: String,
        /// What went wrong (position only; the file's contents are not echoed).
        detail: String,
    },
}

impl LineConfig {
    /// A configuration for the public LINE API.
    pub fn new(channel_secret: impl Into<String>, access_token: impl Into<String>) -> Self {
        LineConfig {
            channel_secret: Secret::new(channel_secret),
            access_token: Secret::new(access_token),
            api_url: DEFAULT_API_URL.to_string(),
            data_api_url: DEFAULT_DATA_API_URL.to_string(),
            public_url: None,
            reply_window: DEFAULT_REPLY_WINDOW,
        }
    }

    /// The same configuration pointed at another API host (a test double, a proxy); the content
    /// host follows it, as when `SUJARIT_LINE_API_URL` alone is set.
    pub fn with_api_url(mut self, api_url: impl Into<String>) -> Self {
        let api_url = trim_url(&api_url.into());
        self.data_api_url = api_url.clone();
        self.api_url = api_url;
        self
    }

    /// Reads the environment only.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_layers(LineConfigFile::default(), |name| std::env::var(name).ok())
    }

    /// Reads the JSON file (if given), then lets the environment override it.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let layer = match file {
            Some(path) => read_file(path)?,
            None => LineConfigFile::default(),
        };
        Self::from_layers(layer, |name| std::env::var(name).ok())
    }

    /// Builds the configuration from a file layer and a variable lookup (the environment, or a
    /// map in tests): defaults, then the file, then the variables.
    pub fn from_layers(file: LineConfigFile, var: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| var(name).filter(|value| !value.trim().is_empty());
        let channel_secret = var(ENV_CHANNEL_SECRET)
            .map(Secret::new)
            .or(file.channel_secret)
            .filter(|secret| !secret.is_empty())
            .ok_or(ConfigError::Missing {
                name: ENV_CHANNEL_SECRET,
            })?;
        let access_token = var(ENV_ACCESS_TOKEN)
            .map(Secret::new)
            .or(file.access_token)
            .filter(|token| !token.is_empty())
            .ok_or(ConfigError::Missing { name: ENV_ACCESS_TOKEN })?;
        let api_url = var(ENV_API_URL).or(file.api_url);
        let data_api_url = var(ENV_DATA_API_URL).or(file.data_api_url);
        let api_url = match api_url {
            Some(url) => checked_url(ENV_API_URL, &url)?,
            None => DEFAULT_API_URL.to_string(),
        };
        let data_api_url = match data_api_url {
            Some(url) => checked_url(ENV_DATA_API_URL, &url)?,
            None if api_url == DEFAULT_API_URL => DEFAULT_DATA_API_URL.to_string(),
            None => api_url.clone(),
        };
        let public_url = match var(ENV_PUBLIC_URL).or(file.public_url) {
            Some(url) => Some(checked_url(ENV_PUBLIC_URL, &url)?),
            None => None,
        };
        Ok(LineConfig {
            channel_secret,
            access_token,
            api_url,
            data_api_url,
            public_url,
            reply_window: DEFAULT_REPLY_WINDOW,
        })
    }
}

fn read_file(path: &Path) -> Result<LineConfigFile, ConfigError> {
    let file_error = |detail: String| ConfigError::File {
        path: path.display().to_string(),
        detail,
    };
    let bytes = std::fs::read(path).map_err(|error| file_error(error.kind().to_string()))?;
    // serde_json's messages can quote the offending value, which may be a secret: keep only
    // the kind of error and where it is.
    serde_json::from_slice(&bytes).map_err(|error| {
        let kind = match error.classify() {
            serde_json::error::Category::Io => "unreadable",
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => "not valid JSON",
            serde_json::error::Category::Data => "an unknown field or a value of the wrong type",
        };
        file_error(format!("{kind} at line {} column {}", error.line(), error.column()))
    })
}

fn checked_url(name: &'static str, value: &str) -> Result<String, ConfigError> {
    let value = trim_url(value);
    match value.starts_with("https://") || value.starts_with("http://") {
        true => Ok(value),
        false => Err(ConfigError::BadUrl { name, value }),
    }
}

fn trim_url(value: &str) -> String {
    value.trim().trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn the_public_hosts_are_the_default() {
        let config = LineConfig::from_layers(
            LineConfigFile::default(),
            vars(&[(ENV_CHANNEL_SECRET, "s"), (ENV_ACCESS_TOKEN, "t")]),
        )
        .unwrap();
        assert_eq!(config.api_url, DEFAULT_API_URL);
        assert_eq!(config.data_api_url, DEFAULT_DATA_API_URL);
        assert_eq!(config.public_url, None);
    }

    #[test]
    fn an_overridden_api_url_also_serves_content_unless_told_otherwise() {
        let base = [
            (ENV_CHANNEL_SECRET, "s"),
            (ENV_ACCESS_TOKEN, "t"),
            (ENV_API_URL, "http://127.0.0.1:9000/"),
        ];
        let config = LineConfig::from_layers(LineConfigFile::default(), vars(&base)).unwrap();
        assert_eq!(config.api_url, "http://127.0.0.1:9000");
        assert_eq!(config.data_api_url, "http://127.0.0.1:9000");

        let mut with_data = base.to_vec();
        with_data.push((ENV_DATA_API_URL, "http://127.0.0.1:9001"));
        let config = LineConfig::from_layers(LineConfigFile::default(), vars(&with_data)).unwrap();
        assert_eq!(config.data_api_url, "http://127.0.0.1:9001");
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let file = LineConfigFile {
            channel_secret: Some(Secret::new("file-secret")),
            access_token: Some(Secret::new("file-token")),
            api_url: Some("https://proxy.example".into()),
            ..LineConfigFile::default()
        };
        let config = LineConfig::from_layers(file, vars(&[(ENV_ACCESS_TOKEN, "env-token")])).unwrap();
        assert_eq!(config.channel_secret.expose(), "file-secret");
        assert_eq!(config.access_token.expose(), "env-token");
        assert_eq!(config.data_api_url, "https://proxy.example");
    }

    #[test]
    fn a_missing_secret_is_named_and_a_bad_url_refused() {
        let missing = LineConfig::from_layers(LineConfigFile::default(), vars(&[(ENV_ACCESS_TOKEN, "t")]));
        assert_eq!(
            missing,
            Err(ConfigError::Missing {
                name: ENV_CHANNEL_SECRET
            })
        );
        let blank = LineConfig::from_layers(
            LineConfigFile::default(),
            vars(&[(ENV_CHANNEL_SECRET, "  "), (ENV_ACCESS_TOKEN, "t")]),
        );
        assert!(blank.is_err());
        let bad = LineConfig::from_layers(
            LineConfigFile::default(),
            vars(&[
                (ENV_CHANNEL_SECRET, "s"),
                (ENV_ACCESS_TOKEN, "t"),
                (ENV_API_URL, "api.line.me"),
            ]),
        );
        assert!(matches!(bad, Err(ConfigError::BadUrl { name: ENV_API_URL, .. })));
    }

    #[test]
    fn a_config_file_error_does_not_quote_the_file() {
        let dir = std::env::temp_dir().join(format!("sujarit-line-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("line.json");
        std::fs::write(
            &path,
            r#"{"channel_secret": 12345678901234, "access_token": "tok-SECRETVALUE"}"#,
        )
        .unwrap();
        let error = LineConfig::load(Some(&path)).unwrap_err().to_string();
        assert!(!error.contains("12345678901234"), "{error}");
        assert!(!error.contains("SECRETVALUE"), "{error}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
