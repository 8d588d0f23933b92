//! What the adapter itself says to people (everything else comes from the core). Both languages
//! at once, because the adapter does not know the chat's language.

/// The answer to a press on a button whose long payload the adapter no longer remembers.
pub(crate) const BUTTON_EXPIRED: &str = "ปุ่มนี้หมดอายุแล้ว กรุณาเริ่มใหม่อีกครั้ง · This button has expired; please start again.";
