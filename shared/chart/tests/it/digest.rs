//! Whole images: a digest and a chart render to PNGs that decode, have the promised size, show
//! something, and come out byte for byte the same every time.

use sujarit_chart::{render_bar_chart, render_digest, DIGEST_WIDTH};

use crate::{decode, fixtures};

/// The blue of the completion bars (#1D4ED8).
const COMPLETION_BLUE: [u8; 3] = [0x1D, 0x4E, 0xD8];

fn count_pixels(pixels: &[u8], wanted: impl Fn(&[u8]) -> bool) -> usize {
    pixels.chunks_exact(3).filter(|&px| wanted(px)).count()
}

#[test]
fn a_digest_of_fifteen_lamphun_agencies_renders_as_a_valid_png() {
    let digest = fixtures::digest();
    assert_eq!(digest.completion.bars.len(), 15);

    let png_bytes = render_digest(&digest).unwrap();

    let (width, height, pixels) = decode(&png_bytes);
    assert_eq!(width, DIGEST_WIDTH);
    // Fifteen rows of about 40 px, six more, a header, boxes and a footer.
    assert!((1200..=3000).contains(&height), "height {height}");
    let total = (width * height) as usize;
    let not_white = count_pixels(&pixels, |px| px != [0xFF, 0xFF, 0xFF]);
    assert!(not_white > total / 20, "only {not_white} of {total} pixels are painted");
    let blue = count_pixels(&pixels, |px| px == COMPLETION_BLUE);
    assert!(blue > 15 * 24 * 20, "only {blue} pixels of completion bars");
    // Anti-aliased text gives many shades, not just the flat fills.
    let mut shades: Vec<&[u8]> = pixels.chunks_exact(3).collect();
    shades.sort_unstable();
    shades.dedup();
    assert!(shades.len() > 100, "only {} colours: is the text drawn?", shades.len());
}

#[test]
fn rendering_the_same_digest_twice_gives_the_same_bytes() {
    let digest = fixtures::digest();
    assert_eq!(render_digest(&digest).unwrap(), render_digest(&digest).unwrap());
    let chart = fixtures::completion();
    assert_eq!(
        render_bar_chart(&chart, 900).unwrap(),
        render_bar_chart(&chart, 900).unwrap()
    );
}

#[test]
fn a_bar_chart_is_as_wide_as_asked_and_as_tall_as_its_bars() {
    let chart = fixtures::completion();
    let (width, height, _) = decode(&render_bar_chart(&chart, 800).unwrap());
    assert_eq!(width, 800);

    let mut shorter = chart.clone();
    shorter.bars.truncate(5);
    let (_, shorter_height, _) = decode(&render_bar_chart(&shorter, 800).unwrap());
    assert!(
        shorter_height < height,
        "5 bars {shorter_height} px, 15 bars {height} px"
    );
}

#[test]
fn a_bar_full_to_max_is_longer_than_a_bar_at_half() {
    let mut chart = fixtures::completion();
    chart.bars.truncate(2);
    chart.bars[0].value = 100.0;
    chart.bars[1].value = 50.0;
    let (width, height, pixels) = decode(&render_bar_chart(&chart, 800).unwrap());
    let row_blue = |y: u32| {
        let start = (y * width * 3) as usize;
        count_pixels(&pixels[start..start + (width * 3) as usize], |px| px == COMPLETION_BLUE)
    };
    let lengths: Vec<usize> = (0..height).map(row_blue).filter(|&n| n > 0).collect();
    let longest = lengths.iter().max().copied().unwrap_or(0);
    let shortest = lengths.iter().min().copied().unwrap_or(0);
    assert!(longest > 0, "no bar drawn");
    let ratio = shortest as f64 / longest as f64;
    assert!((0.48..=0.52).contains(&ratio), "half bar is {ratio} of the full one");
}

#[test]
fn values_above_max_are_drawn_full_width_without_failing() {
    let mut chart = fixtures::completion();
    chart.bars[0].value = 130.0;
    render_bar_chart(&chart, 800).unwrap();
}

#[test]
fn a_chart_without_max_scales_to_its_largest_value() {
    let mut chart = fixtures::disbursement();
    chart.max = None;
    chart.value_suffix = " ล้านบาท".to_owned();
    render_bar_chart(&chart, 1000).unwrap();
    for bar in &mut chart.bars {
        bar.value = 0.0;
    }
    render_bar_chart(&chart, 1000).unwrap();
}
