//! One test binary for the chart crate (link time on 2 cores).

mod digest;
mod errors;
mod fixtures;
mod shaping;
mod truncation;

/// Decodes PNG bytes into (width, height, RGB pixels), failing the test if they are not a PNG.
pub fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("bytes are a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size fits")];
    let frame = reader.next_frame(&mut pixels).expect("PNG decodes");
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    assert_eq!(frame.bit_depth, png::BitDepth::Eight);
    pixels.truncate(frame.buffer_size());
    (frame.width, frame.height, pixels)
}
