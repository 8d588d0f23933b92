//! Fakes of the external chat platforms, the only parts of a test that are not real: each runs
//! an HTTP server on `127.0.0.1:0`, records every call and answers like the platform does, so
//! the adapters' real HTTP clients are exercised. Used by the adapters' own tests and by the
//! end-to-end tests of `sujarit up` (through `SUJARIT_TELEGRAM_API_URL` / `SUJARIT_LINE_API_URL`).

pub mod line;
pub mod telegram;
