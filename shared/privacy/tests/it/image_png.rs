//! PNG stripping, checked on files built chunk by chunk with proper CRCs.

use sujarit_privacy::{strip_metadata, ImageError, ImageFormat, PngDefect};

const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// One chunk: length, type, data and the CRC-32 of type and data.
pub fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    let mut bytes = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
    bytes.extend_from_slice(kind);
    bytes.extend_from_slice(data);
    bytes.extend_from_slice(&crc.finalize().to_be_bytes());
    bytes
}

/// A PNG file from its chunks.
pub fn png(chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = SIGNATURE.to_vec();
    for chunk in chunks {
        bytes.extend_from_slice(chunk);
    }
    bytes
}

/// IHDR of a 1×1 8-bit RGB picture.
pub fn ihdr() -> Vec<u8> {
    chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
}

/// IDAT holding one red pixel: a zlib stream with one stored block (filter byte 0, then RGB).
pub fn idat() -> Vec<u8> {
    let raw = [0u8, 0xFF, 0, 0];
    let (mut a, mut b) = (1u32, 0u32);
    for byte in raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    let mut zlib = vec![0x78, 0x01, 0x01, 0x04, 0x00, 0xFB, 0xFF];
    zlib.extend_from_slice(&raw);
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    chunk(b"IDAT", &zlib)
}

pub fn iend() -> Vec<u8> {
    chunk(b"IEND", b"")
}

/// A 1×1 PNG with every kind of metadata chunk, plus chunks that must be kept.
pub fn png_with_metadata() -> Vec<u8> {
    png(&[
        ihdr(),
        chunk(b"gAMA", &45_455u32.to_be_bytes()),
        chunk(b"iCCP", b"Somchai's phone profile\0\0\x78\x01"),
        chunk(b"tEXt", b"Author\0Somchai Jaidee"),
        chunk(b"zTXt", b"Comment\0\0\x78\x9c\x03\x00\x00\x00\x00\x01"),
        chunk(b"iTXt", "Location\0\0\0th\0ที่ตั้ง\0อำเภอเมือง 18.5745 N".as_bytes()),
        chunk(b"eXIf", b"MM\0\x2a\0\0\0\x08GPS 18.5745 98.9845"),
        chunk(b"tIME", &[0x07, 0xE8, 3, 15, 14, 7, 33]),
        chunk(b"pHYs", &[0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]),
        chunk(b"prVt", b"private vendor data"),
        idat(),
        iend(),
    ])
}

/// The chunk types of a PNG, checking every CRC on the way.
fn chunk_types(png: &[u8]) -> Vec<String> {
    assert_eq!(&png[..8], SIGNATURE);
    let mut pos = 8;
    let mut types = Vec::new();
    while pos < png.len() {
        let len = u32::from_be_bytes(png[pos..pos + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = png[pos + 4..pos + 8].try_into().unwrap();
        let data = &png[pos + 8..pos + 8 + len];
        let stored = u32::from_be_bytes(png[pos + 8 + len..pos + 12 + len].try_into().unwrap());
        assert_eq!(chunk(&kind, data)[8 + len..], stored.to_be_bytes(), "bad CRC");
        types.push(String::from_utf8(kind.to_vec()).unwrap());
        pos += 12 + len;
    }
    types
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[test]
fn stripped_png_keeps_no_text_time_exif_profile_or_private_chunks() {
    let input = png_with_metadata();
    assert!(contains(&input, b"Somchai") && contains(&input, b"18.5745"));
    let stripped = strip_metadata(&input).unwrap();
    assert_eq!((stripped.mime, stripped.ext), ("image/png", "png"));
    assert_eq!(chunk_types(&stripped.bytes), ["IHDR", "gAMA", "pHYs", "IDAT", "IEND"]);
    for leak in ["Somchai", "18.5745", "Author", "prVt", "tEXt", "eXIf", "tIME"] {
        assert!(!contains(&stripped.bytes, leak.as_bytes()), "{leak} survived");
    }
}

#[test]
fn stripped_png_is_the_original_without_the_dropped_chunks() {
    let input = png_with_metadata();
    let expected = png(&[
        ihdr(),
        chunk(b"gAMA", &45_455u32.to_be_bytes()),
        chunk(b"pHYs", &[0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]),
        idat(),
        iend(),
    ]);
    assert_eq!(strip_metadata(&input).unwrap().bytes, expected);
    assert_eq!(strip_metadata(&expected).unwrap().bytes, expected);
}

#[test]
fn palette_transparency_and_animation_chunks_are_kept() {
    let input = png(&[
        chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 3, 0, 0, 0]),
        chunk(b"acTL", &[0, 0, 0, 1, 0, 0, 0, 0]),
        chunk(b"PLTE", &[0xFF, 0, 0]),
        chunk(b"tRNS", &[0x80]),
        chunk(b"fcTL", &[0; 26]),
        idat(),
        iend(),
    ]);
    assert_eq!(strip_metadata(&input).unwrap().bytes, input);
}

#[test]
fn data_after_the_end_chunk_is_dropped() {
    let clean = png(&[ihdr(), idat(), iend()]);
    let mut input = clean.clone();
    input.extend_from_slice(&chunk(b"tEXt", b"Author\0Somchai"));
    input.extend_from_slice(b"trailing bytes");
    assert_eq!(strip_metadata(&input).unwrap().bytes, clean);
}

#[test]
fn a_chunk_with_a_wrong_crc_is_a_damaged_file() {
    let mut input = png(&[ihdr(), idat(), iend()]);
    input[8 + 8] ^= 0x01; // first byte of the IHDR data
    let error = strip_metadata(&input).unwrap_err();
    assert_eq!(
        error,
        ImageError::BadPng {
            defect: PngDefect::BadChecksum,
            offset: 8 + 8 + 13
        }
    );
    assert!(error.message_th().contains("CRC"), "{}", error.message_th());
    assert!(error.message_en().contains("CRC"), "{}", error.message_en());
}

#[test]
fn a_file_not_starting_with_its_header_is_a_damaged_file() {
    let input = png(&[idat(), ihdr(), iend()]);
    assert_eq!(
        strip_metadata(&input),
        Err(ImageError::BadPng {
            defect: PngDefect::HeaderNotFirst,
            offset: 8
        })
    );
    let twice = png(&[ihdr(), ihdr(), idat(), iend()]);
    assert_eq!(
        strip_metadata(&twice),
        Err(ImageError::BadPng {
            defect: PngDefect::MisplacedChunk,
            offset: 33
        })
    );
}

#[test]
fn an_unknown_critical_chunk_is_refused() {
    let input = png(&[ihdr(), chunk(b"ZZZZ", b"?"), idat(), iend()]);
    assert_eq!(
        strip_metadata(&input),
        Err(ImageError::BadPng {
            defect: PngDefect::UnknownCriticalChunk,
            offset: 33
        })
    );
}

#[test]
fn an_end_chunk_before_any_image_data_is_a_damaged_file() {
    let input = png(&[ihdr(), iend()]);
    assert_eq!(
        strip_metadata(&input),
        Err(ImageError::BadPng {
            defect: PngDefect::NoImageData,
            offset: 33
        })
    );
}

#[test]
fn impossible_chunk_lengths_and_types_are_damaged_files() {
    let mut huge = png(&[ihdr()]);
    huge.extend_from_slice(&[0x80, 0, 0, 0]);
    huge.extend_from_slice(b"IDAT");
    assert_eq!(
        strip_metadata(&huge),
        Err(ImageError::BadPng {
            defect: PngDefect::BadChunkLength,
            offset: 33
        })
    );

    let mut numeric = png(&[ihdr()]);
    numeric.extend_from_slice(&chunk(b"ID4T", b""));
    assert_eq!(
        strip_metadata(&numeric),
        Err(ImageError::BadPng {
            defect: PngDefect::BadChunkType,
            offset: 37
        })
    );
}

#[test]
fn every_truncated_copy_of_a_png_is_refused_as_incomplete() {
    let input = png_with_metadata();
    for len in SIGNATURE.len()..input.len() {
        match strip_metadata(&input[..len]) {
            Err(ImageError::Truncated {
                format: ImageFormat::Png,
                ..
            }) => {}
            other => panic!("prefix of {len} bytes gave {other:?}"),
        }
    }
}
