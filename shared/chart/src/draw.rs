//! Layout and painting of bar charts and the digest.
//!
//! Every block is drawn by one function that takes a [`Canvas`] and the y where the block starts
//! and returns the y where it ends. The same functions run twice: first on a canvas with no
//! pixels, which only measures how tall the image must be, then on the real pixmap. So the height
//! can never disagree with what is drawn.

use tiny_skia::{Color, ColorU8, Paint, Pixmap, Rect, Transform};

use crate::text::{self, Style};
use crate::{BarChart, ChartError, Digest, DIGEST_WIDTH, MAX_HEIGHT, MAX_WIDTH, MIN_WIDTH};

/// Thai text the renderer writes itself (everything else comes from the caller).
mod words {
    /// Heading of the complaints boxes: "complaints".
    pub const COMPLAINTS: &str = "เรื่องร้องเรียน";
    /// Shown where there is nothing to show: "no data".
    pub const NO_DATA: &str = "ไม่มีข้อมูล";
}

/// Colours, chosen for contrast on white: text ≥ 7:1, bars ≥ 4.5:1 (WCAG asks 3:1 for graphics).
mod colour {
    use tiny_skia::ColorU8 as Color;

    pub const BACKGROUND: Color = rgb(0xFF, 0xFF, 0xFF);
    /// gray-800, 14.7:1 on white.
    pub const TEXT: Color = rgb(0x1F, 0x29, 0x37);
    /// gray-600, 7.6:1 on white.
    pub const MUTED: Color = rgb(0x4B, 0x55, 0x63);
    pub const GRID: Color = rgb(0xE5, 0xE7, 0xEB);
    pub const AXIS: Color = rgb(0x9C, 0xA3, 0xAF);
    pub const ZEBRA: Color = rgb(0xF7, 0xF8, 0xFA);
    /// blue-700, 6.7:1 on white.
    pub const COMPLETION: Color = rgb(0x1D, 0x4E, 0xD8);
    /// teal-700, 5.5:1 on white.
    pub const DISBURSEMENT: Color = rgb(0x0F, 0x76, 0x6E);
    /// Header band; white text on it is 11.5:1, the light blue 8.9:1.
    pub const BAND: Color = rgb(0x1E, 0x3A, 0x5F);
    pub const ON_BAND: Color = rgb(0xFF, 0xFF, 0xFF);
    pub const ON_BAND_MUTED: Color = rgb(0xD6, 0xE4, 0xF5);
    pub const BOX: Color = rgb(0xF3, 0xF4, 0xF6);
    /// amber-700, 5:1 on white.
    pub const BOX_ACCENT: Color = rgb(0xB4, 0x53, 0x09);

    const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color::from_rgba(r, g, b, 0xFF)
    }
}

/// Type sizes in pixels. Laksaman, like TH Sarabun, has a small x-height (0.6 em) and reserves
/// 1.28 em above the baseline for stacked marks, so sizes are larger than for a Latin face.
mod size {
    use crate::text::Style;

    pub const DIGEST_TITLE: Style = Style::bold(42.0);
    pub const PERIOD: Style = Style::regular(28.0);
    pub const CHART_TITLE: Style = Style::bold(32.0);
    pub const SUBTITLE: Style = Style::regular(23.0);
    pub const LABEL: Style = Style::regular(25.0);
    pub const VALUE: Style = Style::bold(24.0);
    pub const NOTE: Style = Style::regular(22.0);
    pub const TICK: Style = Style::regular(20.0);
    pub const STAT_NUMBER: Style = Style::bold(48.0);
    pub const STAT_LABEL: Style = Style::regular(23.0);
    pub const FOOTER: Style = Style::regular(21.0);
}

const DIGEST_MARGIN: f32 = 40.0;
const CHART_PADDING: f32 = 24.0;
const SECTION_GAP: f32 = 36.0;
const ROW_HEIGHT: f32 = 42.0;
const BAR_THICKNESS: f32 = 24.0;
const GAP: f32 = 12.0;

fn rgb(c: ColorU8) -> Color {
    Color::from_rgba8(c.red(), c.green(), c.blue(), c.alpha())
}

/// A pixmap to paint on, or none when only measuring.
struct Canvas<'a> {
    pixmap: Option<&'a mut Pixmap>,
}

/// Measures with `paint`, makes a white pixmap of the measured height, paints it, encodes it.
fn render(width: u32, paint: impl Fn(&mut Canvas<'_>) -> f32) -> Result<Vec<u8>, ChartError> {
    let height = paint(&mut Canvas::measuring()).ceil();
    if height > MAX_HEIGHT as f32 {
        return Err(ChartError::TooTall {
            height: height.min(u32::MAX as f32) as u32,
        });
    }
    let height = height as u32;
    let mut pixmap = Pixmap::new(width, height).ok_or(ChartError::TooTall { height })?;
    pixmap.fill(rgb(colour::BACKGROUND));
    paint(&mut Canvas {
        pixmap: Some(&mut pixmap),
    });
    encode_png(&pixmap)
}

impl Canvas<'_> {
    fn measuring() -> Self {
        Canvas { pixmap: None }
    }

    /// Fills a rectangle snapped to whole pixels, so edges are crisp.
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: ColorU8) {
        let Some(pixmap) = &mut self.pixmap else { return };
        let (x0, y0, x1, y1) = (x.round(), y.round(), (x + w).round(), (y + h).round());
        if let Some(rect) = Rect::from_ltrb(x0, y0, x1, y1) {
            let mut paint = Paint::default();
            paint.set_color(rgb(colour));
            paint.anti_alias = false;
            pixmap.fill_rect(rect, &paint, Transform::identity(), None);
        }
    }

    /// Draws `s` starting at `x` on `baseline`; returns its width.
    fn text(&mut self, s: &str, style: Style, x: f32, baseline: f32, colour: ColorU8) -> f32 {
        match &mut self.pixmap {
            Some(pixmap) => text::draw(pixmap, s, style, x, baseline, rgb(colour)),
            None => text::width(s, style),
        }
    }

    /// Draws `s` ending at `right` on `baseline`.
    fn text_right(&mut self, s: &str, style: Style, right: f32, baseline: f32, colour: ColorU8) {
        let width = text::width(s, style);
        self.text(s, style, right - width, baseline, colour);
    }

    /// Draws lines of `s` wrapped at spaces to `max_width`, starting at `top`; returns the
    /// bottom of the last line.
    fn paragraph(&mut self, s: &str, style: Style, x: f32, top: f32, max_width: f32, colour: ColorU8) -> f32 {
        let metrics = text::line_metrics(style);
        let mut y = top;
        for line in wrap(s, style, max_width) {
            self.text(&line, style, x, y + metrics.ascent, colour);
            y += metrics.height();
        }
        y
    }
}

/// Renders a bar chart alone on a white image.
pub(crate) fn bar_chart(c: &BarChart, width: u32) -> Result<Vec<u8>, ChartError> {
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
        return Err(ChartError::InvalidWidth {
            width,
            min: MIN_WIDTH,
            max: MAX_WIDTH,
        });
    }
    let scale = Scale::for_chart(c)?;
    render(width, |canvas| {
        let inner = width as f32 - 2.0 * CHART_PADDING;
        chart_block(
            canvas,
            c,
            &scale,
            colour::COMPLETION,
            CHART_PADDING,
            CHART_PADDING,
            inner,
        ) + CHART_PADDING
    })
}

/// Renders the digest.
pub(crate) fn digest(d: &Digest) -> Result<Vec<u8>, ChartError> {
    let completion = Scale::for_chart(&d.completion)?;
    let disbursement = Scale::for_chart(&d.disbursement)?;
    let width = DIGEST_WIDTH as f32;
    let inner = width - 2.0 * DIGEST_MARGIN;
    let x = DIGEST_MARGIN;
    render(DIGEST_WIDTH, |canvas| {
        let mut y = header_block(canvas, d, width);
        y += SECTION_GAP;
        y = chart_block(canvas, &d.completion, &completion, colour::COMPLETION, x, y, inner);
        y += SECTION_GAP;
        y = chart_block(
            canvas,
            &d.disbursement,
            &disbursement,
            colour::DISBURSEMENT,
            x,
            y,
            inner,
        );
        y += SECTION_GAP;
        y = complaints_block(canvas, &d.complaints, x, y, inner);
        y += SECTION_GAP;
        footer_block(canvas, &d.footer, x, y, inner) + DIGEST_MARGIN * 0.75
    })
}

fn header_block(canvas: &mut Canvas, d: &Digest, width: f32) -> f32 {
    let inner = width - 2.0 * DIGEST_MARGIN;
    let x = DIGEST_MARGIN;
    let title = heading_style(&d.title, size::DIGEST_TITLE, inner, size::DIGEST_TITLE.px * 0.8);
    // Measure first so the band can be painted under the text.
    let mut measure = Canvas::measuring();
    let mut y = measure.paragraph(&d.title, title, x, 8.0, inner, colour::ON_BAND);
    y = measure.paragraph(&d.period, size::PERIOD, x, y, inner, colour::ON_BAND_MUTED);
    let bottom = y + 22.0;
    canvas.rect(0.0, 0.0, width, bottom, colour::BAND);
    let y = canvas.paragraph(&d.title, title, x, 8.0, inner, colour::ON_BAND);
    canvas.paragraph(&d.period, size::PERIOD, x, y, inner, colour::ON_BAND_MUTED);
    bottom
}

/// Draws a chart's title, subtitle, scale and bars in the box starting at (`x`, `top`) and
/// `width` wide; returns its bottom.
fn chart_block(
    canvas: &mut Canvas,
    c: &BarChart,
    scale: &Scale,
    bar_colour: ColorU8,
    x: f32,
    top: f32,
    width: f32,
) -> f32 {
    let title = heading_style(&c.title, size::CHART_TITLE, width, size::CHART_TITLE.px * 0.8);
    let mut y = canvas.paragraph(&c.title, title, x, top, width, colour::TEXT);
    if let Some(subtitle) = &c.subtitle {
        y = canvas.paragraph(subtitle, size::SUBTITLE, x, y, width, colour::MUTED);
    }
    y += GAP / 2.0;

    // Columns: labels (right-aligned), bars, values. The label column is as wide as the longest
    // label, but at most 40% of the width; longer labels are cut with "…".
    let values: Vec<(String, Option<&str>)> = c
        .bars
        .iter()
        .map(|bar| (format_value(bar.value, &c.value_suffix), bar.note.as_deref()))
        .collect();
    let value_width = values
        .iter()
        .map(|(value, note)| {
            text::width(value, size::VALUE) + note.map_or(0.0, |n| GAP / 2.0 + text::width(&note_text(n), size::NOTE))
        })
        .fold(0.0_f32, f32::max);
    let longest_label = c
        .bars
        .iter()
        .map(|bar| text::width(&bar.label, size::LABEL))
        .fold(0.0_f32, f32::max);
    let label_width = longest_label.min(width * 0.4).ceil();
    let bars_left = (x + label_width + GAP * 1.5).round();
    let bars_right = (x + width - value_width - GAP).round().max(bars_left + 1.0);
    let bars_span = bars_right - bars_left;

    // Scale on top, grid lines through the rows. A long suffix (" ล้านบาท") is left off the
    // scale (the values carry it); ticks are spread until their labels do not touch.
    let tick_suffix = if c.value_suffix.trim().chars().count() <= 1 {
        c.value_suffix.as_str()
    } else {
        ""
    };
    let tick_label = |tick: f64| format_value(tick, tick_suffix);
    let widest_tick = text::width(&tick_label(scale.max), size::TICK);
    let ticks = scale.ticks(widest_tick + GAP * 1.5, bars_span);
    let tick_metrics = text::line_metrics(size::TICK);
    let tick_baseline = y + tick_metrics.ascent * 0.75;
    for &tick in &ticks {
        let label = tick_label(tick);
        let tick_x = bars_left + (tick / scale.max) as f32 * bars_span;
        let label_width = text::width(&label, size::TICK);
        let label_x = (tick_x - label_width / 2.0).min(x + width - label_width);
        canvas.text(&label, size::TICK, label_x, tick_baseline, colour::MUTED);
    }
    let rows_top = (tick_baseline + tick_metrics.descent + GAP / 2.0).round();
    let rows_bottom = rows_top + ROW_HEIGHT * c.bars.len() as f32;
    for (i, _) in c.bars.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
        canvas.rect(x, rows_top + ROW_HEIGHT * i as f32, width, ROW_HEIGHT, colour::ZEBRA);
    }
    for &tick in ticks.iter().skip(1) {
        let tick_x = bars_left + (tick / scale.max) as f32 * bars_span;
        canvas.rect(tick_x.round(), rows_top, 1.0, rows_bottom - rows_top, colour::GRID);
    }
    canvas.rect(bars_left - 1.0, rows_top, 1.0, rows_bottom - rows_top, colour::AXIS);

    // Thai letters sit between the baseline and 0.6 em above it: centre that band on the bar.
    let label_shift = size::LABEL.px * 0.3;
    let value_shift = size::VALUE.px * 0.3;
    for (i, (bar, (value, note))) in c.bars.iter().zip(&values).enumerate() {
        let centre = rows_top + ROW_HEIGHT * (i as f32 + 0.5);
        let label = text::fit_to_width(&bar.label, size::LABEL, label_width);
        canvas.text_right(&label, size::LABEL, x + label_width, centre + label_shift, colour::TEXT);

        let fraction = (bar.value / scale.max).clamp(0.0, 1.0) as f32;
        let mut length = (fraction * bars_span).round();
        if bar.value > 0.0 {
            length = length.max(2.0);
        }
        canvas.rect(
            bars_left,
            centre - BAR_THICKNESS / 2.0,
            length,
            BAR_THICKNESS,
            bar_colour,
        );

        let value_x = bars_left + length + GAP / 2.0;
        let value_width = canvas.text(value, size::VALUE, value_x, centre + value_shift, colour::TEXT);
        if let Some(note) = note {
            let note_x = value_x + value_width + GAP / 2.0;
            canvas.text(
                &note_text(note),
                size::NOTE,
                note_x,
                centre + value_shift,
                colour::MUTED,
            );
        }
    }
    rows_bottom
}

fn complaints_block(canvas: &mut Canvas, complaints: &[(String, u64)], x: f32, top: f32, width: f32) -> f32 {
    let y = canvas.paragraph(words::COMPLAINTS, size::CHART_TITLE, x, top, width, colour::TEXT) + GAP / 2.0;
    if complaints.is_empty() {
        let metrics = text::line_metrics(size::SUBTITLE);
        canvas.text(words::NO_DATA, size::SUBTITLE, x, y + metrics.ascent, colour::MUTED);
        return y + metrics.height();
    }
    const COLUMNS: usize = 4;
    const ACCENT: f32 = 6.0;
    const PADDING: f32 = 16.0;
    let columns = complaints.len().min(COLUMNS);
    let box_width = ((width - GAP * (columns as f32 - 1.0)) / columns as f32).floor();
    let label_metrics = text::line_metrics(size::STAT_LABEL);
    // Digits reach about 0.75 em above the baseline; the Thai label needs its full line.
    let number_baseline = PADDING + size::STAT_NUMBER.px * 0.8;
    let label_top = number_baseline + GAP / 2.0;
    let box_height = (label_top + label_metrics.height() + PADDING / 2.0).round();

    let mut bottom = y;
    for (i, (label, count)) in complaints.iter().enumerate() {
        let box_x = x + (box_width + GAP) * (i % COLUMNS) as f32;
        let box_y = y + (box_height + GAP) * (i / COLUMNS) as f32;
        canvas.rect(box_x, box_y, box_width, box_height, colour::BOX);
        canvas.rect(box_x, box_y, ACCENT, box_height, colour::BOX_ACCENT);
        let text_x = box_x + ACCENT + PADDING;
        let text_width = box_width - ACCENT - 2.0 * PADDING;
        canvas.text(
            &group_thousands(*count),
            size::STAT_NUMBER,
            text_x,
            box_y + number_baseline,
            colour::TEXT,
        );
        let label = text::fit_to_width(label, size::STAT_LABEL, text_width);
        canvas.text(
            &label,
            size::STAT_LABEL,
            text_x,
            box_y + label_top + label_metrics.ascent,
            colour::MUTED,
        );
        bottom = box_y + box_height;
    }
    bottom
}

fn footer_block(canvas: &mut Canvas, footer: &str, x: f32, top: f32, width: f32) -> f32 {
    canvas.rect(x, top - SECTION_GAP / 2.0, width, 1.0, colour::GRID);
    canvas.paragraph(footer, size::FOOTER, x, top - SECTION_GAP / 4.0, width, colour::MUTED)
}

/// The value of a full-width bar and the finest step of its grid.
struct Scale {
    max: f64,
    step: f64,
}

impl Scale {
    /// Checks the chart's numbers and picks its scale: `max` if given (grid every round step
    /// that divides it well), else the next round number at or above the largest value.
    fn for_chart(c: &BarChart) -> Result<Scale, ChartError> {
        if c.bars.is_empty() {
            return Err(ChartError::NoBars { chart: c.title.clone() });
        }
        if let Some(bar) = c.bars.iter().find(|bar| !bar.value.is_finite() || bar.value < 0.0) {
            return Err(ChartError::InvalidValue {
                chart: c.title.clone(),
                label: bar.label.clone(),
                value: bar.value,
            });
        }
        let max = match c.max {
            Some(max) if max.is_finite() && max > 0.0 => Some(max),
            Some(max) => {
                return Err(ChartError::InvalidMax {
                    chart: c.title.clone(),
                    max,
                })
            }
            None => None,
        };
        let largest = c.bars.iter().map(|bar| bar.value).fold(0.0_f64, f64::max);
        let reach = max.unwrap_or(largest);
        let step = if reach > 0.0 { nice_step(reach / 5.0) } else { 1.0 };
        let max = max.unwrap_or_else(|| ((largest / step).ceil() * step).max(step));
        Ok(Scale { max, step })
    }

    /// Grid values from 0 to at most `max`, every round step that leaves at least
    /// `min_spacing` pixels between lines when `max` is `span` pixels.
    fn ticks(&self, min_spacing: f32, span: f32) -> Vec<f64> {
        let mut step = self.step;
        while step < self.max && ((step / self.max) as f32) * span < min_spacing {
            step = nice_step(step * 1.000_001);
        }
        let count = (self.max / step + 1e-9).floor() as usize;
        (0..=count).map(|k| k as f64 * step).collect()
    }
}

/// The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10_f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&step| step >= raw * (1.0 - 1e-9))
        .unwrap_or(raw)
}

/// "80%", "80.5%": at most one decimal, none when it would be 0.
fn format_value(value: f64, suffix: &str) -> String {
    let tenths = (value * 10.0).round();
    if tenths % 10.0 == 0.0 {
        format!("{:.0}{suffix}", tenths / 10.0)
    } else {
        format!("{:.1}{suffix}", tenths / 10.0)
    }
}

fn note_text(note: &str) -> String {
    format!("({note})")
}

/// "12,345".
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Breaks `s` into lines no wider than `max_width`, at spaces (Thai puts spaces between
/// phrases, not words); a phrase too long for a line of its own is broken between clusters.
/// No text is dropped.
fn wrap(s: &str, style: Style, max_width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in s.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if text::width(&candidate, style) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        let mut rest = word;
        loop {
            let split = text::split_at_width(rest, style, max_width);
            if split == rest.len() {
                current = rest.to_owned();
                break;
            }
            lines.push(rest[..split].to_owned());
            rest = &rest[split..];
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// The largest size, from `style.px` down to `min_px`, at which every phrase of `s` fits on a
/// line of `max_width`, so headings wrap at spaces rather than inside a phrase.
fn heading_style(s: &str, style: Style, max_width: f32, min_px: f32) -> Style {
    let mut px = style.px;
    while px > min_px {
        let candidate = Style { px, ..style };
        if s.split_whitespace()
            .all(|phrase| text::width(phrase, candidate) <= max_width)
        {
            return candidate;
        }
        px -= 1.0;
    }
    Style { px: min_px, ..style }
}

/// Writes opaque RGB PNG (a third smaller than RGBA) with no metadata, so bytes depend only on
/// the pixels.
fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, ChartError> {
    // Everything is painted over an opaque background, so premultiplied colour is the colour.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|px| [px[0], px[1], px[2]])
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Balanced);
    let mut writer = encoder.write_header().map_err(ChartError::Encode)?;
    writer.write_image_data(&rgb).map_err(ChartError::Encode)?;
    writer.finish().map_err(ChartError::Encode)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_with_commas() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1,000");
        assert_eq!(group_thousands(1234567), "1,234,567");
    }

    #[test]
    fn values_show_at_most_one_decimal() {
        assert_eq!(format_value(80.0, "%"), "80%");
        assert_eq!(format_value(80.04, "%"), "80%");
        assert_eq!(format_value(80.46, "%"), "80.5%");
        assert_eq!(format_value(0.0, ""), "0");
    }

    #[test]
    fn wrapping_breaks_at_spaces_first() {
        let style = Style::regular(25.0);
        let text = "ข้อมูลจากระบบสุจริต ณ วันที่ 14 มีนาคม 2568";
        let lines = wrap(text, style, crate::text::width("ข้อมูลจากระบบสุจริต ณ", style) + 1.0);
        assert_eq!(lines, ["ข้อมูลจากระบบสุจริต ณ", "วันที่ 14 มีนาคม 2568"]);
    }

    #[test]
    fn wrapping_a_phrase_wider_than_the_line_keeps_every_character() {
        let style = Style::regular(25.0);
        let text = "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดลำพูน";
        let lines = wrap(text, style, 120.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(
            lines.iter().all(|line| crate::text::width(line, style) <= 120.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn a_heading_shrinks_until_its_longest_phrase_fits() {
        let style = Style::bold(40.0);
        let phrase = "แผนปฏิบัติการป้องกันและปราบปรามการทุจริต";
        let fitted = heading_style(phrase, style, crate::text::width(phrase, style) * 0.9, 30.0);
        assert!(fitted.px < 40.0 && fitted.px >= 30.0, "{fitted:?}");
    }

    #[test]
    fn grid_lines_spread_out_when_the_chart_is_narrow() {
        let scale = Scale { max: 100.0, step: 20.0 };
        assert_eq!(scale.ticks(50.0, 600.0), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(scale.ticks(50.0, 200.0), [0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(scale.ticks(90.0, 200.0), [0.0, 50.0, 100.0]);
        assert_eq!(scale.ticks(500.0, 200.0), [0.0, 100.0]);
    }

    #[test]
    fn steps_are_round_numbers() {
        assert_eq!(nice_step(20.0), 20.0);
        assert_eq!(nice_step(13.0), 20.0);
        assert_eq!(nice_step(2.2), 2.5);
        assert_eq!(nice_step(0.7), 1.0);
    }
}
