//! PNG: check the signature, walk the chunks, keep the ones that draw the picture.
//!
//! A PNG file is an 8-byte signature, then chunks: a big-endian length (at most 2³¹ − 1), a
//! four-letter type, the data, and a CRC-32 of type and data. IHDR comes first, IEND last.
//! Chunks are copied unchanged, so their CRCs stay valid; anything after IEND is dropped.

use super::{ImageError, ImageFormat, PngDefect};

/// The PNG signature.
pub(super) const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Ancillary chunks that change how the pixels look or move, and carry nothing about the author.
const KEPT_ANCILLARY: [&[u8; 4]; 14] = [
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD", b"pHYs", b"hIST", b"cICP", b"mDCV", b"cLLI", b"acTL",
    b"fcTL", b"fdAT",
];

/// Largest chunk length PNG allows.
const MAX_CHUNK_LEN: u32 = 0x7FFF_FFFF;

/// Returns `input` (which starts with [`SIGNATURE`]) without its metadata chunks.
pub(super) fn strip(input: &[u8]) -> Result<Vec<u8>, ImageError> {
    let mut out = Vec::with_capacity(input.len());
    out.extend_from_slice(&SIGNATURE);
    let mut pos = SIGNATURE.len();
    let mut first = true;
    let mut idat_seen = false;
    loop {
        let chunk_at = pos;
        let Some(&[l0, l1, l2, l3, t0, t1, t2, t3]) = input.get(pos..pos + 8) else {
            return Err(truncated(input.len()));
        };
        let len = u32::from_be_bytes([l0, l1, l2, l3]);
        if len > MAX_CHUNK_LEN {
            return Err(bad(PngDefect::BadChunkLength, chunk_at));
        }
        let kind = [t0, t1, t2, t3];
        if !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(bad(PngDefect::BadChunkType, chunk_at + 4));
        }
        let data_start = pos + 8;
        let Some(data_end) = usize::try_from(len).ok().and_then(|len| data_start.checked_add(len)) else {
            return Err(bad(PngDefect::BadChunkLength, chunk_at));
        };
        let Some(data) = input.get(data_start..data_end) else {
            return Err(truncated(input.len()));
        };
        let Some(&[c0, c1, c2, c3]) = input.get(data_end..data_end + 4) else {
            return Err(truncated(input.len()));
        };
        let mut crc = crc32fast::Hasher::new();
        crc.update(&kind);
        crc.update(data);
        if crc.finalize() != u32::from_be_bytes([c0, c1, c2, c3]) {
            return Err(bad(PngDefect::BadChecksum, data_end));
        }
        if first != (&kind == b"IHDR") {
            let defect = if first {
                PngDefect::HeaderNotFirst
            } else {
                PngDefect::MisplacedChunk
            };
            return Err(bad(defect, chunk_at));
        }
        first = false;
        pos = data_end + 4;
        let keep = match &kind {
            b"IEND" if !idat_seen => return Err(bad(PngDefect::NoImageData, chunk_at)),
            b"IHDR" | b"PLTE" | b"IEND" => true,
            b"IDAT" => {
                idat_seen = true;
                true
            }
            other if KEPT_ANCILLARY.contains(&other) => true,
            // Bit 5 of the first letter clear (upper case) marks a critical chunk: one a decoder
            // must understand. PNG defines no others, so the file cannot be shown correctly.
            [first_letter, ..] if first_letter.is_ascii_uppercase() => {
                return Err(bad(PngDefect::UnknownCriticalChunk, chunk_at))
            }
            _ => false,
        };
        if keep {
            out.extend_from_slice(&[l0, l1, l2, l3, t0, t1, t2, t3]);
            out.extend_from_slice(data);
            out.extend_from_slice(&[c0, c1, c2, c3]);
        }
        if &kind == b"IEND" {
            return Ok(out);
        }
    }
}

fn truncated(offset: usize) -> ImageError {
    ImageError::Truncated {
        format: ImageFormat::Png,
        offset,
    }
}

fn bad(defect: PngDefect, offset: usize) -> ImageError {
    ImageError::BadPng { defect, offset }
}
