//! Labels are cut to a measured width, between clusters, with "…".

use sujarit_chart::text::{fit_to_width, width, Style, ELLIPSIS};

const STYLE: Style = Style::regular(25.0);
const LONG: &str = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาลำพูน เขต 1";

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E33}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

#[test]
fn a_label_that_fits_is_kept_whole() {
    let label = "เทศบาลตำบลบ้านกลาง";
    assert_eq!(fit_to_width(label, STYLE, width(label, STYLE)), label);
}

#[test]
fn a_long_label_is_cut_to_the_measured_width_with_an_ellipsis() {
    let cut = fit_to_width(LONG, STYLE, 200.0);
    assert!(cut.ends_with(ELLIPSIS), "{cut}");
    assert!(width(&cut, STYLE) <= 200.0, "{cut} is {} px", width(&cut, STYLE));
    let kept = cut.trim_end_matches(ELLIPSIS);
    assert!(LONG.starts_with(kept), "{kept} is not the start of {LONG}");
    assert!(width(&cut, STYLE) > 150.0, "{cut} wastes room");
}

#[test]
fn a_cut_never_separates_a_consonant_from_its_vowels_and_tone_marks() {
    for max_width in (20..400).step_by(3) {
        let cut = fit_to_width(LONG, STYLE, max_width as f32);
        let kept = cut.trim_end_matches(ELLIPSIS).trim_end();
        let next = LONG[kept.len()..].chars().find(|c| !c.is_whitespace());
        assert!(
            !next.is_some_and(is_mark),
            "at {max_width} px, {kept:?} leaves {next:?} behind"
        );
        assert!(
            !kept.ends_with(['เ', 'แ', 'โ', 'ใ', 'ไ']),
            "at {max_width} px, {kept:?} ends in a vowel written before its consonant"
        );
    }
}

#[test]
fn the_cut_follows_width_not_the_number_of_characters() {
    // Same number of characters; in the first two of every three are marks that take no width.
    let marked = "ที่".repeat(12);
    let plain = "ททท".repeat(12);
    let marked_cut = fit_to_width(&marked, STYLE, 150.0);
    let plain_cut = fit_to_width(&plain, STYLE, 150.0);
    assert!(
        marked_cut.chars().count() > 2 * plain_cut.chars().count(),
        "{marked_cut} vs {plain_cut}"
    );
    assert!(width(&marked_cut, STYLE) <= 150.0 && width(&plain_cut, STYLE) <= 150.0);
}

#[test]
fn a_width_too_small_for_any_letter_leaves_only_the_ellipsis() {
    assert_eq!(fit_to_width(LONG, STYLE, width(ELLIPSIS, STYLE)), ELLIPSIS);
    assert_eq!(fit_to_width(LONG, STYLE, 1.0), "");
}
