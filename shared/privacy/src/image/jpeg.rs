//! JPEG: walk the marker segments, keep what the decoder needs, drop the rest.
//!
//! A JPEG file is SOI, then segments (`FF`, marker code, big-endian length that counts itself,
//! data), each scan header (SOS) followed by entropy-coded data that runs until the next marker
//! other than a restart marker (RST0–7) or a stuffed `FF 00`, and finally EOI. Progressive files
//! have several scans with tables in between. Anything after EOI is dropped: phones append
//! secondary images and videos there.

use super::{ImageError, ImageFormat, JpegDefect};

/// The first three bytes of every JPEG file: SOI and the start of the first segment's marker.
pub(super) const MAGIC: [u8; 3] = [0xFF, SOI, 0xFF];

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP14: u8 = 0xEE;
/// Temporary-use marker: stands alone, like the restart markers.
const TEM: u8 = 0x01;

/// Returns `input` (which starts with [`MAGIC`]) without its metadata segments.
pub(super) fn strip(input: &[u8]) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::with_capacity(input.len());
    out.extend_from_slice(&[0xFF, SOI]);
    let mut pos = 2;
    let mut frame_seen = false;
    let mut scan_seen = false;
    let mut jfif_kept = false;
    let mut adobe_kept = false;
    loop {
        let marker_at = pos;
        match input.get(pos) {
            None => return Err(truncated(pos)),
            Some(0xFF) => {}
            Some(_) => return Err(bad(JpegDefect::NotAMarker, pos)),
        }
        // Any number of 0xFF fill bytes may come before the marker code.
        pos += 1;
        while input.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = input.get(pos) else {
            return Err(truncated(pos));
        };
        pos += 1;
        match marker {
            EOI if scan_seen => {
                out.extend_from_slice(&[0xFF, EOI]);
                return Ok(out);
            }
            EOI => return Err(bad(JpegDefect::NoImageData, marker_at)),
            // Restart and TEM markers carry no data; outside a scan they mean nothing.
            0xD0..=0xD7 | TEM => continue,
            0x00 | SOI => return Err(bad(JpegDefect::UnexpectedMarker, marker_at)),
            SOS if !frame_seen => return Err(bad(JpegDefect::ScanBeforeFrame, marker_at)),
            _ => {}
        }
        let Some(&[len_hi, len_lo]) = input.get(pos..pos + 2) else {
            return Err(truncated(input.len()));
        };
        let len = usize::from(u16::from_be_bytes([len_hi, len_lo]));
        if len < 2 {
            return Err(bad(JpegDefect::BadSegmentLength, pos));
        }
        let end = pos + len;
        let Some(body) = input.get(pos + 2..end) else {
            return Err(truncated(input.len()));
        };
        pos = end;
        match marker {
            APP0 if !jfif_kept => {
                if let Some(segment) = clean_jfif(body) {
                    out.extend_from_slice(&segment);
                    jfif_kept = true;
                }
            }
            APP14 if !adobe_kept => {
                if let Some(segment) = clean_adobe(body) {
                    out.extend_from_slice(&segment);
                    adobe_kept = true;
                }
            }
            _ if is_kept(marker) => {
                out.extend_from_slice(&[0xFF, marker, len_hi, len_lo]);
                out.extend_from_slice(body);
            }
            _ => {}
        }
        frame_seen |= is_frame_header(marker);
        if marker == SOS {
            scan_seen = true;
            let scan_end = end_of_scan(input, pos)?;
            if let Some(data) = input.get(pos..scan_end) {
                out.extend_from_slice(data);
            }
            pos = scan_end;
        }
    }
}

/// Where the entropy-coded data that starts at `start` ends: the `FF` of the next real marker.
fn end_of_scan(input: &[u8], start: usize) -> Result<usize, ImageError> {
    let mut pos = start;
    loop {
        let Some(ff) = input
            .get(pos..)
            .and_then(|rest| rest.iter().position(|&byte| byte == 0xFF))
        else {
            return Err(truncated(input.len()));
        };
        let ff = pos + ff;
        match input.get(ff + 1) {
            None => return Err(truncated(input.len())),
            // Stuffed zero (a literal 0xFF in the data) or a restart marker: the scan goes on.
            Some(0x00 | 0xD0..=0xD7) => pos = ff + 2,
            // A fill byte: the next 0xFF may start the marker.
            Some(0xFF) => pos = ff + 1,
            Some(_) => return Ok(ff),
        }
    }
}

/// Start-of-frame markers SOF0–SOF15 (C4 DHT, C8 JPG and CC DAC share the range but are not).
fn is_frame_header(marker: u8) -> bool {
    matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// Segments a decoder needs, copied as they are: frame headers, DHT, DAC, SOS, DQT, DNL, DRI,
/// DHP and EXP. APP0 and APP14 are rebuilt instead; everything else is metadata and dropped.
fn is_kept(marker: u8) -> bool {
    is_frame_header(marker) || matches!(marker, 0xC4 | 0xCC | SOS | 0xDB..=0xDF)
}

/// The JFIF APP0 segment with only version, density units and density: no thumbnail.
fn clean_jfif(body: &[u8]) -> Option<[u8; 18]> {
    match *body {
        [b'J', b'F', b'I', b'F', 0, major, minor, units, x_hi, x_lo, y_hi, y_lo, _, _, ..] => Some([
            0xFF, APP0, 0, 16, b'J', b'F', b'I', b'F', 0, major, minor, units, x_hi, x_lo, y_hi, y_lo, 0, 0,
        ]),
        _ => None,
    }
}

/// The Adobe APP14 segment with only its colour transform, which decoders need to read the
/// colours right; version and flags are set to fixed values.
fn clean_adobe(body: &[u8]) -> Option<[u8; 16]> {
    match *body {
        [b'A', b'd', b'o', b'b', b'e', _, _, _, _, _, _, transform, ..] => Some([
            0xFF, APP14, 0, 14, b'A', b'd', b'o', b'b', b'e', 0, 100, 0, 0, 0, 0, transform,
        ]),
        _ => None,
    }
}

fn truncated(offset: usize) -> ImageError {
    ImageError::Truncated {
        format: ImageFormat::Jpeg,
        offset,
    }
}

fn bad(defect: JpegDefect, offset: usize) -> ImageError {
    ImageError::BadJpeg { defect, offset }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jfif_thumbnails_are_dropped() {
        let mut body = b"JFIF\0\x01\x02\x01\x00\x48\x00\x48\x02\x01".to_vec();
        body.extend_from_slice(&[0xAB; 6]);
        let segment = clean_jfif(&body).unwrap();
        assert_eq!(&segment[..4], &[0xFF, APP0, 0, 16]);
        assert_eq!(&segment[4..16], &body[..12]);
        assert_eq!(&segment[16..], &[0, 0]);
    }

    #[test]
    fn jfxx_and_short_app0_segments_are_not_kept() {
        assert_eq!(clean_jfif(b"JFXX\0\x10\xff\xd8"), None);
        assert_eq!(clean_jfif(b"JFIF\0\x01"), None);
    }

    #[test]
    fn adobe_segment_keeps_only_the_colour_transform() {
        let segment = clean_adobe(b"Adobe\x00\x65\x80\x00\x00\x00\x02").unwrap();
        assert_eq!(segment[15], 2);
        assert_eq!(&segment[9..15], &[0, 100, 0, 0, 0, 0]);
    }

    #[test]
    fn frame_headers_exclude_dht_jpg_and_dac() {
        let frames: Vec<u8> = (0..=255).filter(|&marker| is_frame_header(marker)).collect();
        assert_eq!(
            frames,
            [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF]
        );
    }

    #[test]
    fn application_and_comment_segments_are_never_copied_verbatim() {
        for marker in 0xE0..=0xFE {
            assert!(!is_kept(marker), "marker {marker:#04x}");
        }
    }
}
