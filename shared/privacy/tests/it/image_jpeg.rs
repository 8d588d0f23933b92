//! JPEG stripping, checked on real phone-like photos that carry GPS, camera and author details.

use sujarit_privacy::{check_size, strip_metadata, ImageError, ImageFormat, JpegDefect, MAX_ATTACHMENT_BYTES};

/// Baseline JPEG with restart markers, made by Pillow + piexif (see tests/fixtures/README.md).
pub const BASELINE: &[u8] = include_bytes!("../fixtures/gps.jpg");
/// The same picture and metadata, progressive (several scans with tables between them).
pub const PROGRESSIVE: &[u8] = include_bytes!("../fixtures/gps-progressive.jpg");

/// GPSLatitude 18° 34' 28.20" as the fixture stores it: three big-endian rationals.
const LATITUDE: [u8; 24] = [
    0, 0, 0, 18, 0, 0, 0, 1, 0, 0, 0, 34, 0, 0, 0, 1, 0, 0, 0x0B, 0x04, 0, 0, 0, 100,
];
/// GPSLongitude 98° 59' 4.20".
const LONGITUDE: [u8; 24] = [
    0, 0, 0, 98, 0, 0, 0, 1, 0, 0, 0, 59, 0, 0, 0, 1, 0, 0, 0x01, 0xA4, 0, 0, 0, 100,
];
/// The GPS IFD pointer tag (0x8825) with its type LONG and count 1, big-endian as in the fixture.
const GPS_IFD_POINTER: [u8; 8] = [0x88, 0x25, 0, 4, 0, 0, 0, 1];

/// Text the fixtures carry in Exif, XMP, IPTC, ICC and the comment; none may survive.
const LEAKS: [&str; 11] = [
    "Exif",
    "FixtureCam",
    "FC-100 GPS",
    "SN-FC100-0042",
    "2024:03:15 14:07:33",
    "http://ns.adobe.com/xap",
    "GPSLatitude",
    "Photoshop 3.0",
    "Somchai",
    "Taken by",
    "ICC_PROFILE",
];

/// One marker segment of a JPEG file, with the entropy-coded data that follows an SOS.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    marker: u8,
    body: Vec<u8>,
    scan: Vec<u8>,
}

/// Splits a well-formed JPEG into its segments (a simple reader for tests, separate from the
/// crate's): SOI and EOI are not listed; panics on malformed input.
fn segments(jpeg: &[u8]) -> Vec<Segment> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8], "no SOI");
    let mut found = Vec::new();
    let mut pos = 2;
    loop {
        assert_eq!(jpeg[pos], 0xFF, "no marker at {pos}");
        let marker = jpeg[pos + 1];
        if marker == 0xD9 {
            assert_eq!(pos + 2, jpeg.len(), "bytes after EOI");
            return found;
        }
        let len = usize::from(u16::from_be_bytes([jpeg[pos + 2], jpeg[pos + 3]]));
        let body = jpeg[pos + 4..pos + 2 + len].to_vec();
        pos += 2 + len;
        let mut scan = Vec::new();
        if marker == 0xDA {
            let start = pos;
            while !(jpeg[pos] == 0xFF && jpeg[pos + 1] != 0 && !(0xD0..=0xD7).contains(&jpeg[pos + 1])) {
                pos += 1;
            }
            scan = jpeg[start..pos].to_vec();
        }
        found.push(Segment { marker, body, scan });
    }
}

/// Width and height from the frame header.
fn dimensions(jpeg: &[u8]) -> (u16, u16) {
    let frame = segments(jpeg)
        .into_iter()
        .find(|segment| matches!(segment.marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF))
        .expect("a frame header");
    let height = u16::from_be_bytes([frame.body[1], frame.body[2]]);
    let width = u16::from_be_bytes([frame.body[3], frame.body[4]]);
    (width, height)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|window| *window == needle)
        .count()
}

/// Segments that decide the pixels: tables, frame, restart interval, scans with their data.
fn picture(jpeg: &[u8]) -> Vec<Segment> {
    segments(jpeg)
        .into_iter()
        .filter(|segment| matches!(segment.marker, 0xC0..=0xDF))
        .collect()
}

#[test]
fn fixtures_carry_exif_gps_camera_author_and_comment_before_stripping() {
    for fixture in [BASELINE, PROGRESSIVE] {
        let markers: Vec<u8> = segments(fixture).iter().map(|segment| segment.marker).collect();
        for marker in [0xE1, 0xE2, 0xED, 0xFE] {
            assert!(markers.contains(&marker), "{marker:#04x} missing from {markers:x?}");
        }
        for needle in [&LATITUDE[..], &LONGITUDE, &GPS_IFD_POINTER] {
            assert!(contains(fixture, needle));
        }
        for leak in LEAKS {
            assert!(contains(fixture, leak.as_bytes()), "{leak}");
        }
        // The Exif thumbnail is a second JPEG inside APP1.
        assert_eq!(count(fixture, &[0xFF, 0xD8, 0xFF]), 2);
    }
}

#[test]
fn stripped_jpeg_keeps_no_gps_tags() {
    for fixture in [BASELINE, PROGRESSIVE] {
        let stripped = strip_metadata(fixture).unwrap().bytes;
        for needle in [&LATITUDE[..], &LONGITUDE, &GPS_IFD_POINTER] {
            assert!(!contains(&stripped, needle), "GPS bytes {needle:x?} survived");
        }
    }
}

#[test]
fn stripped_jpeg_keeps_no_camera_time_author_comment_or_thumbnail() {
    for fixture in [BASELINE, PROGRESSIVE] {
        let stripped = strip_metadata(fixture).unwrap().bytes;
        for leak in LEAKS {
            assert!(!contains(&stripped, leak.as_bytes()), "{leak} survived");
        }
        assert_eq!(count(&stripped, &[0xFF, 0xD8, 0xFF]), 1, "the Exif thumbnail survived");
    }
}

#[test]
fn stripped_jpeg_has_only_a_bare_jfif_header_besides_the_picture() {
    for fixture in [BASELINE, PROGRESSIVE] {
        let stripped = strip_metadata(fixture).unwrap().bytes;
        let metadata: Vec<Segment> = segments(&stripped)
            .into_iter()
            .filter(|segment| !matches!(segment.marker, 0xC0..=0xDF))
            .collect();
        assert_eq!(metadata.len(), 1, "{metadata:?}");
        assert_eq!(metadata[0].marker, 0xE0);
        assert_eq!(&metadata[0].body[..5], b"JFIF\0");
        assert_eq!(metadata[0].body.len(), 14);
    }
}

#[test]
fn stripped_jpeg_is_a_complete_file_with_the_same_picture() {
    for fixture in [BASELINE, PROGRESSIVE] {
        let stripped = strip_metadata(fixture).unwrap();
        assert_eq!((stripped.mime, stripped.ext), ("image/jpeg", "jpg"));
        assert!(stripped.bytes.starts_with(&[0xFF, 0xD8]));
        assert!(stripped.bytes.ends_with(&[0xFF, 0xD9]));
        assert_eq!(dimensions(&stripped.bytes), (96, 64));
        assert_eq!(dimensions(&stripped.bytes), dimensions(fixture));
        // Tables, frame, scans and every byte of entropy-coded data are unchanged.
        assert_eq!(picture(&stripped.bytes), picture(fixture));
        // Exif, XMP, ICC, IPTC and the comment make up about 2 KB of each fixture.
        assert!(
            stripped.bytes.len() + 2_000 < fixture.len(),
            "{} of {}",
            stripped.bytes.len(),
            fixture.len()
        );
    }
}

#[test]
fn restart_markers_inside_the_scan_are_kept() {
    let stripped = strip_metadata(BASELINE).unwrap().bytes;
    let scan = picture(&stripped)
        .into_iter()
        .find(|segment| segment.marker == 0xDA)
        .unwrap()
        .scan;
    let restarts = scan
        .windows(2)
        .filter(|pair| pair[0] == 0xFF && (0xD0..=0xD7).contains(&pair[1]))
        .count();
    assert_eq!(restarts, 5);
}

#[test]
fn progressive_jpeg_keeps_all_its_scans() {
    let scans = |jpeg: &[u8]| segments(jpeg).iter().filter(|segment| segment.marker == 0xDA).count();
    let stripped = strip_metadata(PROGRESSIVE).unwrap().bytes;
    assert_eq!(scans(PROGRESSIVE), 10);
    assert_eq!(scans(&stripped), 10);
}

#[test]
fn stripping_twice_changes_nothing_more() {
    for fixture in [BASELINE, PROGRESSIVE] {
        let once = strip_metadata(fixture).unwrap();
        let twice = strip_metadata(&once.bytes).unwrap();
        assert_eq!(once, twice);
    }
}

#[test]
fn data_appended_after_the_end_of_image_is_dropped() {
    // Phones append motion-photo videos and secondary images after EOI.
    let mut with_trailer = BASELINE.to_vec();
    with_trailer.extend_from_slice(b"ftypmp42 MotionPhoto_Data Somchai's video");
    let stripped = strip_metadata(&with_trailer).unwrap().bytes;
    assert_eq!(stripped, strip_metadata(BASELINE).unwrap().bytes);
}

/// A hand-made JPEG skeleton (not decodable: the tables are placeholders) exercising the rules
/// the fixtures do not: fill bytes, stuffing, JFIF thumbnails, JFXX, Adobe APP14, APP15.
#[test]
fn segment_walk_handles_fill_bytes_stuffing_restarts_and_rebuilt_headers() {
    let jfif_with_thumbnail: &[u8] = b"\xFF\xE0\x00\x13JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x01\x01\xAA\xBB\xCC";
    let jfxx: &[u8] = b"\xFF\xE0\x00\x0AJFXX\x00\x10\xFF\xD8";
    let adobe: &[u8] = b"\xFF\xEE\x00\x0EAdobe\x00\x65\x80\x00\x00\x00\x01";
    let app15: &[u8] = b"\xFF\xEF\x00\x06abcd";
    let dqt: &[u8] = b"\xFF\xDB\x00\x04\x00\x01";
    let sof: &[u8] = b"\xFF\xC0\x00\x0B\x08\x00\x10\x00\x20\x01\x01\x11\x00";
    let dht: &[u8] = b"\xFF\xC4\x00\x04\x00\x00";
    let sos: &[u8] = b"\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00";
    let scan: &[u8] = b"\x12\xFF\x00\x34\xFF\xD0\x56\xFF\xFF";
    let com: &[u8] = b"\xFF\xFE\x00\x07hello";

    let mut input = b"\xFF\xD8".to_vec();
    for part in [
        jfif_with_thumbnail,
        jfxx,
        adobe,
        app15,
        b"\xFF\xFF\xFF",
        dqt,
        sof,
        dht,
        sos,
        scan,
    ] {
        input.extend_from_slice(part);
    }
    input.extend_from_slice(b"\xFF\xD9");
    // Extra junk after EOI, including a COM segment.
    input.extend_from_slice(com);

    let mut expected = b"\xFF\xD8".to_vec();
    expected.extend_from_slice(b"\xFF\xE0\x00\x10JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x00\x00");
    expected.extend_from_slice(b"\xFF\xEE\x00\x0EAdobe\x00\x64\x00\x00\x00\x00\x01");
    for part in [dqt, sof, dht, sos, scan] {
        expected.extend_from_slice(part);
    }
    expected.extend_from_slice(b"\xFF\xD9");

    assert_eq!(strip_metadata(&input).unwrap().bytes, expected);
}

#[test]
fn a_scan_before_the_frame_header_is_a_damaged_file() {
    let input = b"\xFF\xD8\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00\x12\xFF\xD9";
    assert_eq!(
        strip_metadata(input),
        Err(ImageError::BadJpeg {
            defect: JpegDefect::ScanBeforeFrame,
            offset: 2
        })
    );
}

#[test]
fn an_end_of_image_before_any_scan_is_a_damaged_file() {
    let input = b"\xFF\xD8\xFF\xDB\x00\x04\x00\x01\xFF\xD9";
    assert_eq!(
        strip_metadata(input),
        Err(ImageError::BadJpeg {
            defect: JpegDefect::NoImageData,
            offset: 8
        })
    );
}

#[test]
fn a_segment_length_below_two_is_a_damaged_file() {
    let input = b"\xFF\xD8\xFF\xE1\x00\x01\x00";
    assert_eq!(
        strip_metadata(input),
        Err(ImageError::BadJpeg {
            defect: JpegDefect::BadSegmentLength,
            offset: 4
        })
    );
}

#[test]
fn bytes_where_a_marker_should_be_are_a_damaged_file() {
    let input = b"\xFF\xD8\xFF\xDB\x00\x04\x00\x01garbage";
    let error = strip_metadata(input).unwrap_err();
    assert_eq!(
        error,
        ImageError::BadJpeg {
            defect: JpegDefect::NotAMarker,
            offset: 8
        }
    );
    assert!(error.message_th().contains("JPEG เสียหาย"), "{}", error.message_th());
    assert!(
        error.message_en().contains("JPEG file is damaged"),
        "{}",
        error.message_en()
    );
}

#[test]
fn every_truncated_copy_of_the_photo_is_refused_as_incomplete() {
    for fixture in [BASELINE, PROGRESSIVE] {
        for len in 3..fixture.len() {
            match strip_metadata(&fixture[..len]) {
                Err(ImageError::Truncated {
                    format: ImageFormat::Jpeg,
                    offset,
                }) => assert!(offset <= len),
                other => panic!("prefix of {len} bytes gave {other:?}"),
            }
        }
    }
    let error = strip_metadata(&BASELINE[..1000]).unwrap_err();
    assert!(error.message_th().contains("ไม่สมบูรณ์"), "{}", error.message_th());
    assert!(error.message_en().contains("incomplete"), "{}", error.message_en());
}

#[test]
fn other_file_types_are_refused_naming_the_accepted_types() {
    let others: [&[u8]; 7] = [
        b"GIF89a\x01\x00\x01\x00",
        b"%PDF-1.7\n",
        b"RIFF\x00\x00\x00\x00WEBPVP8 ",
        b"\x00\x00\x00\x18ftypheic",
        b"",
        b"\xFF\xD8",
        b"\x89PNG\r\n",
    ];
    for other in others {
        let error = strip_metadata(other).unwrap_err();
        assert_eq!(error, ImageError::Unsupported, "{other:?}");
        for message in [error.message_th(), error.message_en()] {
            assert!(message.contains("JPEG") && message.contains("PNG"), "{message}");
        }
    }
}

#[test]
fn files_over_ten_megabytes_are_refused_naming_the_limit() {
    assert_eq!(MAX_ATTACHMENT_BYTES, 10 * 1024 * 1024);
    assert_eq!(check_size(0), Ok(()));
    assert_eq!(check_size(MAX_ATTACHMENT_BYTES), Ok(()));
    let error = check_size(MAX_ATTACHMENT_BYTES + 1).unwrap_err();
    assert_eq!(
        error,
        ImageError::TooLarge {
            len: MAX_ATTACHMENT_BYTES + 1
        }
    );
    assert!(
        error.message_th().contains("10 MB") && error.message_th().contains("10.1 MB"),
        "{}",
        error.message_th()
    );
    assert!(
        error.message_en().contains("10 MB") && error.message_en().contains("10.1 MB"),
        "{}",
        error.message_en()
    );

    let mut huge = BASELINE.to_vec();
    huge.resize(MAX_ATTACHMENT_BYTES + 1, 0);
    assert_eq!(
        strip_metadata(&huge),
        Err(ImageError::TooLarge {
            len: MAX_ATTACHMENT_BYTES + 1
        })
    );
}

#[test]
fn stripped_debug_output_shows_the_size_not_the_bytes() {
    let debug = format!("{:?}", strip_metadata(BASELINE).unwrap());
    assert!(debug.contains("image/jpeg") && debug.contains("len"), "{debug}");
    assert!(debug.len() < 100, "{debug}");
}
