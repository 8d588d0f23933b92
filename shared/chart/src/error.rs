//! Why a chart could not be drawn.

/// A chart that could not be drawn; nothing is returned in that case.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// A bar chart with no bars.
    #[error("chart {chart:?} has no bars: there is nothing to draw")]
    NoBars {
        /// The chart's title.
        chart: String,
    },
    /// A bar whose value is negative, infinite or not a number.
    #[error("bar {label:?} in chart {chart:?} has value {value}: a bar needs a finite value of 0 or more")]
    InvalidValue {
        /// The chart's title.
        chart: String,
        /// The bar's label.
        label: String,
        /// The value given.
        value: f64,
    },
    /// A chart whose `max` is not a positive finite number.
    #[error("chart {chart:?} has max {max}: the full-width value must be a finite number above 0")]
    InvalidMax {
        /// The chart's title.
        chart: String,
        /// The max given.
        max: f64,
    },
    /// An image width outside what the renderer draws.
    #[error("width {width} px is outside {min}–{max} px")]
    InvalidWidth {
        /// The width asked for.
        width: u32,
        /// Narrowest allowed.
        min: u32,
        /// Widest allowed.
        max: u32,
    },
    /// Content that would make the image taller than [`crate::MAX_HEIGHT`].
    #[error("the image would be {height} px tall; at most {max} px is drawn (split the chart)", max = crate::MAX_HEIGHT)]
    TooTall {
        /// The height the content needs.
        height: u32,
    },
    /// The PNG encoder failed.
    #[error("could not encode the PNG")]
    Encode(#[source] png::EncodingError),
}
