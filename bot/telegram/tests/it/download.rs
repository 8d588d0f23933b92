//! Fetching files people send, within the 10 MiB limit.

use sujarit_telegram::{download, download_with_limit, TelegramError};

use crate::support::{telegram, TOKEN};
use sujarit_fakes::telegram::FakeBotApi;

#[tokio::test]
async fn a_photo_downloads_through_get_file() {
    let fake = FakeBotApi::start(TOKEN).await;
    let bytes: Vec<u8> = (0..50_000u32).map(|n| (n % 251) as u8).collect();
    fake.add_file("large-9", bytes.clone(), Some(50_000));
    let telegram = telegram(&fake);
    assert_eq!(download(telegram.bot(), "large-9").await.unwrap(), bytes);
    assert_eq!(fake.calls_of("getfile")[0].body["file_id"], "large-9");
}

#[tokio::test]
async fn a_file_telegram_says_is_over_10_mib_is_refused_before_downloading() {
    let fake = FakeBotApi::start(TOKEN).await;
    fake.add_file("huge", vec![0; 16], Some(10 * 1024 * 1024 + 1));
    let telegram = telegram(&fake);
    let error = download(telegram.bot(), "huge").await.unwrap_err();
    assert!(
        matches!(error, TelegramError::TooLarge { limit } if limit == 10 * 1024 * 1024),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_file_of_unknown_size_is_cut_off_once_it_passes_the_limit() {
    let fake = FakeBotApi::start(TOKEN).await;
    fake.add_file("unsized", vec![7; 5_000], None);
    let telegram = telegram(&fake);
    let error = download_with_limit(telegram.bot(), "unsized", 4_096).await.unwrap_err();
    assert!(matches!(error, TelegramError::TooLarge { limit: 4_096 }), "{error:?}");
    assert_eq!(
        download_with_limit(telegram.bot(), "unsized", 5_000)
            .await
            .unwrap()
            .len(),
        5_000
    );
}

#[tokio::test]
async fn an_unknown_file_id_is_an_error_not_a_panic() {
    let fake = FakeBotApi::start(TOKEN).await;
    let telegram = telegram(&fake);
    assert!(matches!(
        download(telegram.bot(), "nope").await,
        Err(TelegramError::Request(_))
    ));
}
