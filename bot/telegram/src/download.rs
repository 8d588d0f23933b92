//! Fetching a file a person sent (a photo for evidence or a tip): `getFile` for its path, then a
//! streamed download that stops as soon as it passes the limit, so a large file never sits in
//! memory whole.

use futures::StreamExt;
use sujarit_bot::limits::MAX_PHOTO_BYTES;
use teloxide::net::Download;
use teloxide::requests::Requester;
use teloxide::types::FileId;
use teloxide::{Bot, DownloadError};

use crate::error::TelegramError;

/// Downloads the file with this Telegram file id (from [`sujarit_bot::Input::Photo`]'s
/// `file_ref`), refusing anything over 10 MiB ([`MAX_PHOTO_BYTES`]).
pub async fn download(bot: &Bot, file_id: &str) -> Result<Vec<u8>, TelegramError> {
    download_with_limit(bot, file_id, MAX_PHOTO_BYTES).await
}

/// Downloads the file, refusing it with [`TelegramError::TooLarge`] when Telegram says it is
/// larger than `limit` bytes or when more than `limit` bytes arrive.
pub async fn download_with_limit(bot: &Bot, file_id: &str, limit: u64) -> Result<Vec<u8>, TelegramError> {
    let file = bot.get_file(FileId(file_id.to_string())).await?;
    // teloxide reads a missing `file_size` as u32::MAX: unknown, so the stream decides.
    if file.meta.size != u32::MAX && u64::from(file.meta.size) > limit {
        return Err(TelegramError::TooLarge { limit });
    }
    let mut stream = bot.download_file_stream(&file.path);
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(DownloadError::from)?;
        if (bytes.len() + chunk.len()) as u64 > limit {
            return Err(TelegramError::TooLarge { limit });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}
