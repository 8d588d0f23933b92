//! Input limits checked at the edge, so a person hears what is wrong before anything is sent.
//!
//! They mirror the ledger's limits (services/ledger: `MAX_TEXT`, `MAX_LINE`, `MAX_COMPLAINT_TEXT`,
//! `MAX_EVIDENCE`, `MAX_ATTACHMENT_BYTES` …), which stay the authority: the ledger checks again and
//! its refusal is shown as it comes. The bot links only the contracts, so the numbers are repeated
//! here rather than imported.

/// Longest free text of a submission (indicator result, narrative, reason) or a return reason.
pub const MAX_TEXT: usize = 5_000;
/// Longest one-line field (agency named in a complaint, location, name, contact).
pub const MAX_LINE: usize = 1_000;
/// Longest complaint text ("what happened").
pub const MAX_COMPLAINT_TEXT: usize = 20_000;
/// Longest answer to a question or evidence note.
pub const MAX_MESSAGE: usize = 5_000;
/// Most evidence references one submission holds.
pub const MAX_EVIDENCE: usize = 50;
/// Most files one complaint message (filing, answer, evidence) carries.
pub const MAX_ATTACHMENTS: usize = 10;
/// Largest photo accepted, in bytes (10 MiB).
pub const MAX_PHOTO_BYTES: u64 = 10 * 1024 * 1024;
/// Longest time frame given when acknowledging a complaint, in days.
pub const MAX_TIME_FRAME_DAYS: u16 = 365;
/// Most choice buttons shown at once; longer lists are filtered by typing.
pub const MAX_BUTTONS: usize = 10;
/// Days before a complaint's due date from which it counts as "due soon".
pub const DUE_SOON_DAYS: i64 = 3;
