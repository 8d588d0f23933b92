//! Thai shaping: marks sit on their base instead of advancing like letters, stack in the right
//! order, and SARA AM splits into NIKHAHIT and SARA AA.

use sujarit_chart::text::{glyph_id, shape, width, PlacedGlyph, Style, Weight};

const STYLE: Style = Style::regular(100.0);

fn glyph_of(c: char) -> u16 {
    glyph_id(Weight::Regular, c).unwrap_or_else(|| panic!("the font has no glyph for {c:?}"))
}

fn find(glyphs: &[PlacedGlyph], c: char) -> &PlacedGlyph {
    let id = glyph_of(c);
    glyphs
        .iter()
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("no glyph for {c:?} in {glyphs:?}"))
}

#[test]
fn the_tone_mark_in_thi_tham_kan_sits_above_its_base_instead_of_advancing() {
    let line = shape("ที่ทำการ", STYLE);
    let base = &line.glyphs[0];
    assert_eq!(base.id, glyph_of('ท'));
    let sara_ii = find(&line.glyphs, 'ี');
    let mai_ek = find(&line.glyphs, '่');

    // Marks take no room of their own...
    assert_eq!(sara_ii.advance, 0.0);
    assert_eq!(mai_ek.advance, 0.0);
    // ...and are drawn over the base's box: they end inside it, not after it.
    let (base_ink, ii_ink, ek_ink) = (base.ink.unwrap(), sara_ii.ink.unwrap(), mai_ek.ink.unwrap());
    let base_span = base.pen_x..base.pen_x + base.advance;
    assert!(
        base_span.contains(&ek_ink.right),
        "mai ek at {ek_ink:?}, base spans {base_span:?}"
    );
    assert!(
        base_span.contains(&ii_ink.right),
        "sara ii at {ii_ink:?}, base spans {base_span:?}"
    );
    // Sara ii is above the consonant, and the tone mark is above sara ii (y grows down).
    assert!(
        ii_ink.bottom < base_ink.top,
        "sara ii {ii_ink:?} not above base {base_ink:?}"
    );
    assert!(
        ek_ink.bottom < ii_ink.top,
        "mai ek {ek_ink:?} not above sara ii {ii_ink:?}"
    );

    // So "ที่" is exactly as wide as "ท".
    assert_eq!(width("ที่", STYLE), width("ท", STYLE));
}

#[test]
fn sara_am_splits_into_nikhahit_over_the_consonant_and_sara_aa_after_it() {
    let line = shape("ทำ", STYLE);
    let ids: Vec<u16> = line.glyphs.iter().map(|g| g.id).collect();
    assert_eq!(ids, [glyph_of('ท'), glyph_of('\u{0E4D}'), glyph_of('\u{0E32}')]);
    let (base, nikhahit) = (&line.glyphs[0], &line.glyphs[1]);
    assert_eq!(nikhahit.advance, 0.0);
    let ink = nikhahit.ink.unwrap();
    assert!(
        ink.bottom < base.ink.unwrap().top,
        "nikhahit {ink:?} is not above the consonant"
    );
    assert!(
        ink.right <= base.pen_x + base.advance,
        "nikhahit {ink:?} is not over the consonant"
    );
    assert_eq!(width("ทำ", STYLE), width("ทา", STYLE));
}

#[test]
fn in_nam_the_tone_mark_goes_above_the_nikhahit_of_sara_am() {
    let line = shape("น้ำ", STYLE);
    let ids: Vec<u16> = line.glyphs.iter().map(|g| g.id).collect();
    // Shaping moves NIKHAHIT before the tone mark so that the tone mark stacks on it; the font
    // may use a raised form of the tone mark there, so only its position is checked.
    assert_eq!(ids[0], glyph_of('น'));
    assert_eq!(ids[1], glyph_of('\u{0E4D}'));
    assert_eq!(ids[3], glyph_of('\u{0E32}'));
    let nikhahit = line.glyphs[1].ink.unwrap();
    let mai_tho = line.glyphs[2].ink.unwrap();
    assert!(
        mai_tho.bottom < nikhahit.top,
        "mai tho {mai_tho:?} is not above nikhahit {nikhahit:?}"
    );
}

#[test]
fn vowels_below_hang_under_the_baseline_without_advancing() {
    let line = shape("ลุ", STYLE);
    let sara_u = find(&line.glyphs, 'ุ');
    assert_eq!(sara_u.advance, 0.0);
    assert!(
        sara_u.ink.unwrap().top > 0.0,
        "sara u {sara_u:?} is not below the baseline"
    );
}

#[test]
fn yo_ying_loses_its_tail_when_a_vowel_goes_below_it() {
    // ญ has a tail under the baseline; the font swaps in a tailless form so ู does not collide.
    let alone = shape("ญ", STYLE).glyphs[0].id;
    let with_vowel = shape("ญู", STYLE).glyphs[0].id;
    assert_eq!(alone, glyph_of('ญ'));
    assert_ne!(with_vowel, alone);
}

#[test]
fn a_tone_mark_on_a_tall_consonant_moves_left_of_its_ascender() {
    // ป has a stem going up on the right; the tone mark moves left so they do not touch.
    let line = shape("ป่", STYLE);
    let (base, mark) = (&line.glyphs[0], &line.glyphs[1]);
    assert!(
        mark.ink.unwrap().right < base.ink.unwrap().right - 5.0,
        "{mark:?} collides with {base:?}"
    );
}

#[test]
fn the_bundled_faces_cover_thai_digits_and_the_symbols_charts_use() {
    for weight in [Weight::Regular, Weight::Bold] {
        for c in "กขคฮะาำิีึืุูเแโใไๅๆ่้๊๋็์ํ0123456789%…(),./ -–·ABCxyz".chars()
        {
            assert!(glyph_id(weight, c).is_some(), "{weight:?} has no glyph for {c:?}");
        }
    }
}
