//! Thai text: shaping with rustybuzz, measuring, cutting to a width, and drawing glyph outlines.
//!
//! Thai cannot be drawn one character at a time: vowels above and below (ิ ี ึ ื ั ็ ุ ู), tone
//! marks (่ ้ ๊ ๋) and the thanthakhat (์) have no advance of their own and sit on the consonant
//! before them, stacked when there are two; SARA AM (ำ) splits into NIKHAHIT (ํ), which goes above
//! the consonant (under any tone mark), and SARA AA (า), which follows it. rustybuzz (a port of
//! HarfBuzz) does this with the font's own OpenType tables, so every string is shaped first and
//! then drawn glyph by glyph from the shaped positions. Widths come from the same shaping, so a
//! label is cut where it really ends, never by counting characters.
//!
//! Thai writes no spaces between words (spaces separate phrases), and finding word boundaries
//! needs a dictionary. So cuts and line breaks fall between clusters, preferring spaces where
//! the caller can (see `draw::wrap`); headings shrink a little before they break inside a phrase.
//!
//! The font is Laksaman from TLWG (the free version of TH Sarabun, the face of Thai government
//! documents), regular and bold, compiled into the binary so nothing depends on system fonts.

use std::sync::OnceLock;

use rustybuzz::ttf_parser::{GlyphId, OutlineBuilder};
use rustybuzz::{Face, UnicodeBuffer};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Transform};

static REGULAR_TTF: &[u8] = include_bytes!("../fonts/Laksaman.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../fonts/Laksaman-Bold.ttf");

/// The "…" put where a label was cut.
pub const ELLIPSIS: &str = "…";

/// Which of the two bundled faces to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Laksaman Regular.
    Regular,
    /// Laksaman Bold.
    Bold,
}

/// A weight and a size in pixels (the em size).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// The face.
    pub weight: Weight,
    /// Em size in pixels.
    pub px: f32,
}

impl Style {
    /// A regular style of `px` pixels.
    pub const fn regular(px: f32) -> Self {
        Style {
            weight: Weight::Regular,
            px,
        }
    }

    /// A bold style of `px` pixels.
    pub const fn bold(px: f32) -> Self {
        Style {
            weight: Weight::Bold,
            px,
        }
    }
}

/// A glyph's inked area in pixels, relative to the line's origin on the baseline (y grows down,
/// so marks above the baseline have negative `top`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ink {
    /// Left edge.
    pub left: f32,
    /// Top edge.
    pub top: f32,
    /// Right edge.
    pub right: f32,
    /// Bottom edge.
    pub bottom: f32,
}

/// One glyph as shaping placed it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id in the font.
    pub id: u16,
    /// Byte offset in the shaped text of the cluster this glyph belongs to.
    pub cluster: usize,
    /// Pen position before this glyph, in pixels from the line's start (offset not included).
    pub pen_x: f32,
    /// Horizontal offset shaping gave the glyph (mark positioning), in pixels.
    pub offset_x: f32,
    /// Vertical offset shaping gave the glyph, in pixels, positive up as in the font.
    pub offset_y: f32,
    /// How far the pen moves after this glyph; 0 for marks that sit on a base.
    pub advance: f32,
    /// Where the glyph's ink lands, if it has any (a space has none).
    pub ink: Option<Ink>,
}

/// A shaped line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedLine {
    /// The glyphs in visual order.
    pub glyphs: Vec<PlacedGlyph>,
    /// Total advance width in pixels.
    pub width: f32,
}

/// Vertical metrics of a style, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineMetrics {
    /// Distance from the baseline up to the highest stacked mark the font plans for.
    pub ascent: f32,
    /// Distance from the baseline down to the lowest below-mark (positive).
    pub descent: f32,
}

impl LineMetrics {
    /// Ascent plus descent.
    pub fn height(&self) -> f32 {
        self.ascent + self.descent
    }
}

fn face(weight: Weight) -> &'static Face<'static> {
    static REGULAR: OnceLock<Face<'static>> = OnceLock::new();
    static BOLD: OnceLock<Face<'static>> = OnceLock::new();
    let (cell, data, name) = match weight {
        Weight::Regular => (&REGULAR, REGULAR_TTF, "Laksaman.ttf"),
        Weight::Bold => (&BOLD, BOLD_TTF, "Laksaman-Bold.ttf"),
    };
    // The bytes are compiled in and checked by the tests, so a parse failure is a broken build,
    // not bad input.
    cell.get_or_init(|| Face::from_slice(data, 0).unwrap_or_else(|| panic!("bundled font {name} does not parse")))
}

fn scale(face: &Face<'_>, px: f32) -> f32 {
    px / face.units_per_em() as f32
}

/// The font's glyph for a character, if it has one.
pub fn glyph_id(weight: Weight, c: char) -> Option<u16> {
    face(weight).glyph_index(c).map(|g| g.0)
}

/// Vertical metrics for a style.
pub fn line_metrics(style: Style) -> LineMetrics {
    let face = face(style.weight);
    let s = scale(face, style.px);
    LineMetrics {
        ascent: face.ascender() as f32 * s,
        descent: -(face.descender() as f32) * s,
    }
}

/// Shapes one line of text (no line breaking).
pub fn shape(text: &str, style: Style) -> ShapedLine {
    let face = face(style.weight);
    let s = scale(face, style.px);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let output = rustybuzz::shape(face, &[], buffer);

    let mut glyphs = Vec::with_capacity(output.len());
    let mut pen = 0.0_f32;
    for (info, pos) in output.glyph_infos().iter().zip(output.glyph_positions()) {
        // Glyph ids in a TrueType font fit in 16 bits; rustybuzz widens them to u32.
        let id = u16::try_from(info.glyph_id).unwrap_or(0);
        let offset_x = pos.x_offset as f32 * s;
        let offset_y = pos.y_offset as f32 * s;
        let ink = face.glyph_bounding_box(GlyphId(id)).map(|b| Ink {
            left: pen + offset_x + b.x_min as f32 * s,
            right: pen + offset_x + b.x_max as f32 * s,
            top: -(offset_y + b.y_max as f32 * s),
            bottom: -(offset_y + b.y_min as f32 * s),
        });
        let advance = pos.x_advance as f32 * s;
        glyphs.push(PlacedGlyph {
            id,
            cluster: info.cluster as usize,
            pen_x: pen,
            offset_x,
            offset_y,
            advance,
            ink,
        });
        pen += advance;
    }
    ShapedLine { glyphs, width: pen }
}

/// The advance width of `text` in pixels, as shaped.
pub fn width(text: &str, style: Style) -> f32 {
    shape(text, style).width
}

/// Byte offsets where `text` may be cut: between clusters (a consonant never loses its vowels
/// or tone marks) and never right after a leading vowel (เ แ โ ใ ไ), which belongs to the
/// consonant after it. Ascending, without 0 and `text.len()`.
fn cut_points(text: &str, line: &ShapedLine) -> Vec<usize> {
    let mut cuts: Vec<usize> = line
        .glyphs
        .iter()
        .map(|g| g.cluster)
        .filter(|&c| c > 0 && c < text.len())
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts.retain(|&cut| {
        text.get(..cut)
            .is_some_and(|prefix| !prefix.chars().next_back().is_some_and(is_leading_vowel))
    });
    cuts
}

/// `text` if it fits in `max_width` pixels; otherwise its longest prefix that fits with "…"
/// after it, cut where [`cut_points`] allows. Returns "…" alone when not even one cluster fits,
/// and "" when "…" does not fit either.
pub fn fit_to_width(text: &str, style: Style, max_width: f32) -> String {
    let shaped = shape(text, style);
    if shaped.width <= max_width {
        return text.to_owned();
    }
    for &cut in cut_points(text, &shaped).iter().rev() {
        let candidate = format!("{}{ELLIPSIS}", text[..cut].trim_end());
        if width(&candidate, style) <= max_width {
            return candidate;
        }
    }
    if width(ELLIPSIS, style) <= max_width {
        ELLIPSIS.to_owned()
    } else {
        String::new()
    }
}

/// Where to break `text` so the first part fits in `max_width`: the byte offset of the longest
/// prefix that fits, cut where [`cut_points`] allows, but at least one cluster so a line always
/// makes progress. `text.len()` when it all fits.
pub fn split_at_width(text: &str, style: Style, max_width: f32) -> usize {
    let shaped = shape(text, style);
    if shaped.width <= max_width {
        return text.len();
    }
    let cuts = cut_points(text, &shaped);
    let fitting = cuts.iter().rev().find(|&&cut| width(&text[..cut], style) <= max_width);
    fitting.or(cuts.first()).copied().unwrap_or(text.len())
}

fn is_leading_vowel(c: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&c)
}

/// Draws an already shaped line with its origin at `x` on the baseline `baseline`.
pub(crate) fn draw_shaped(pixmap: &mut Pixmap, line: &ShapedLine, style: Style, x: f32, baseline: f32, color: Color) {
    let face = face(style.weight);
    let s = scale(face, style.px);
    let mut paint = Paint::default();
    paint.set_color(color);
    paint.anti_alias = true;
    for glyph in &line.glyphs {
        let origin_x = x + glyph.pen_x + glyph.offset_x;
        let origin_y = baseline - glyph.offset_y;
        let mut outline = Outline {
            builder: PathBuilder::new(),
            x: origin_x,
            y: origin_y,
            scale: s,
        };
        if face.outline_glyph(GlyphId(glyph.id), &mut outline).is_none() {
            continue;
        }
        if let Some(path) = outline.builder.finish() {
            pixmap.fill_path(&path, &paint, FillRule::Winding, Transform::identity(), None);
        }
    }
}

/// Shapes and draws `text` with its origin at `x` on the baseline `baseline`; returns its width.
pub fn draw(pixmap: &mut Pixmap, text: &str, style: Style, x: f32, baseline: f32, color: Color) -> f32 {
    let line = shape(text, style);
    draw_shaped(pixmap, &line, style, x, baseline, color);
    line.width
}

/// Turns font-unit outline commands into a pixel-space path (font y grows up, pixels grow down).
struct Outline {
    builder: PathBuilder,
    x: f32,
    y: f32,
    scale: f32,
}

impl Outline {
    fn map(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }
}

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.map(x, y);
        self.builder.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.map(x, y);
        self.builder.line_to(x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.map(x1, y1);
        let (x, y) = self.map(x, y);
        self.builder.quad_to(x1, y1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.map(x1, y1);
        let (x2, y2) = self.map(x2, y2);
        let (x, y) = self.map(x, y);
        self.builder.cubic_to(x1, y1, x2, y2, x, y);
    }

    fn close(&mut self) {
        self.builder.close();
    }
}
