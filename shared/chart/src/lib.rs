//! PNG charts for the provincial committee's weekly digest, drawn in pure Rust with Thai text
//! shaped correctly.
//!
//! The digest goes to committee members as an image (a chat message, a slide), so it must look
//! right on any device without fonts installed: text is shaped with rustybuzz and drawn from the
//! bundled Laksaman font ([`text`]), shapes are filled with tiny-skia, and the pixels are written
//! as PNG. No system library is involved, and the same input always gives the same bytes.
//!
//! A [`BarChart`] is drawn as horizontal bars: the (long, Thai) labels on the left, right-aligned
//! and cut with "…" where they would not fit the measured width, the value with its suffix at the
//! end of each bar, a light vertical grid with its scale on top. A [`Digest`] stacks a header,
//! two bar charts and a row of boxes with complaint counts, and a footer.
//!
//! Empty charts are refused with [`ChartError::NoBars`] rather than drawn as an empty frame: a
//! chart with no agencies or no dimensions means the data behind it was not gathered, and the
//! caller should notice that before a committee does. An empty complaints list, on the other
//! hand, is a legitimate week, so the digest says "ไม่มีข้อมูล" (no data) in that section.
//!
//! To look at a sample: `cargo run -p sujarit-chart --example digest` writes
//! `shared/chart/examples/digest-example.png`.

mod draw;
mod error;
pub mod text;

pub use error::ChartError;

/// Width of a digest image in pixels.
pub const DIGEST_WIDTH: u32 = 1200;
/// Narrowest image [`render_bar_chart`] draws.
pub const MIN_WIDTH: u32 = 480;
/// Widest image [`render_bar_chart`] draws.
pub const MAX_WIDTH: u32 = 4096;
/// Tallest image either function draws (about 350 bars); taller content is refused.
pub const MAX_HEIGHT: u32 = 16_384;

/// A horizontal bar chart: one bar per label.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Heading drawn above the bars.
    pub title: String,
    /// Smaller line under the heading (what the numbers mean, as of when).
    pub subtitle: Option<String>,
    /// The bars, drawn top to bottom in this order.
    pub bars: Vec<Bar>,
    /// Written after each value, e.g. "%".
    pub value_suffix: String,
    /// The value of a full-width bar (e.g. 100 for percentages); `None` picks a round number
    /// at or above the largest value. Values above it are drawn full width and labelled with
    /// their real number.
    pub max: Option<f64>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar is for, e.g. an agency name in Thai.
    pub label: String,
    /// Its length, 0 or more.
    pub value: f64,
    /// Drawn after the value in grey, e.g. "8/10".
    pub note: Option<String>,
}

/// The committee's weekly digest.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    /// Heading of the whole image.
    pub title: String,
    /// The period covered, e.g. "สัปดาห์ที่ 3 ไตรมาส 2 ปีงบประมาณ 2568".
    pub period: String,
    /// Completion by agency.
    pub completion: BarChart,
    /// Disbursement by dimension, as % of budget.
    pub disbursement: BarChart,
    /// Complaint counts by label, drawn as boxes in this order.
    pub complaints: Vec<(String, u64)>,
    /// Small print at the bottom (source, time of the data).
    pub footer: String,
}

/// Renders a whole digest, [`DIGEST_WIDTH`] pixels wide and as tall as its content, as PNG bytes.
pub fn render_digest(d: &Digest) -> Result<Vec<u8>, ChartError> {
    draw::digest(d)
}

/// Renders one bar chart `width` pixels wide (between [`MIN_WIDTH`] and [`MAX_WIDTH`]) and as
/// tall as its bars need, as PNG bytes.
pub fn render_bar_chart(c: &BarChart, width: u32) -> Result<Vec<u8>, ChartError> {
    draw::bar_chart(c, width)
}
