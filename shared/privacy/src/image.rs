//! Image metadata stripping: a photo must not tell where, when or with what it was taken.
//!
//! Phone photos carry Exif (GPS position, time taken, camera make, model and serial number, and a
//! thumbnail of the uncropped picture), XMP, IPTC captions and comments; some phones append
//! whole extra images or videos after the picture. Any of these can identify a reporter, so every
//! attachment goes through [`strip_metadata`] before it is stored (DESIGN.md, "Anonymity").
//!
//! The stripper copies the file's structure instead of decoding and re-encoding the picture: the
//! pixels stay exactly as sent, it is fast, and it needs no image codec. It keeps only what a
//! decoder needs, by allow-list, so metadata kinds nobody has thought of yet are dropped too:
//!
//! - JPEG: quantisation and Huffman tables, frame and scan headers, restart interval, the
//!   entropy-coded data, a JFIF APP0 reduced to its 16 bytes (no thumbnail) and an Adobe APP14
//!   reduced to its colour-transform byte. Dropped: APP1 (Exif, XMP), APP2 (ICC profiles, MPF),
//!   APP3–APP13 (IPTC/Photoshop is APP13), other APP14/APP15, COM comments, unknown markers and
//!   anything after EOI. ICC profiles are dropped on purpose: they can name the device, and
//!   without one viewers assume sRGB, which costs a little colour fidelity on wide-gamut photos.
//! - PNG: the critical chunks (IHDR, PLTE, IDAT, IEND) and the ancillary chunks that change
//!   how pixels look (tRNS, gAMA, cHRM, sRGB, sBIT, bKGD, pHYs, hIST, cICP, mDCV, cLLI) or
//!   animate them (acTL, fcTL, fdAT). Dropped: tEXt, zTXt, iTXt, eXIf, tIME, iCCP, sPLT and
//!   every unknown or private chunk, and anything after IEND.
//!
//! Because Exif goes, so does its Orientation tag: a phone photo taken upright may show rotated.
//!
//! Input is untrusted: every length is checked, malformed or truncated files give a typed error
//! (never a panic), and the output is always a complete file ending in EOI or IEND.

use std::fmt;

mod jpeg;
mod png;

/// Largest attachment accepted, in bytes: 10 MB.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// One megabyte as [`MAX_ATTACHMENT_BYTES`] counts it.
const MB: usize = 1024 * 1024;

/// Checks an attachment's size against [`MAX_ATTACHMENT_BYTES`] before it is read or stored.
pub fn check_size(len: usize) -> Result<(), ImageError> {
    if len > MAX_ATTACHMENT_BYTES {
        return Err(ImageError::TooLarge { len });
    }
    Ok(())
}

/// Returns the image with its metadata removed, after checking its size and sniffing its type.
pub fn strip_metadata(bytes: &[u8]) -> Result<Stripped, ImageError> {
    check_size(bytes.len())?;
    let format = ImageFormat::sniff(bytes).ok_or(ImageError::Unsupported)?;
    let bytes = match format {
        ImageFormat::Jpeg => jpeg::strip(bytes)?,
        ImageFormat::Png => png::strip(bytes)?,
    };
    Ok(Stripped {
        bytes,
        mime: format.mime(),
        ext: format.ext(),
    })
}

/// An image with its metadata removed, ready to be sealed and stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Stripped {
    /// The cleaned file.
    pub bytes: Vec<u8>,
    /// Its media type: `image/jpeg` or `image/png`.
    pub mime: &'static str,
    /// Its usual file extension, without the dot: `jpg` or `png`.
    pub ext: &'static str,
}

impl fmt::Debug for Stripped {
    /// Shows the type and size, not the bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stripped")
            .field("mime", &self.mime)
            .field("ext", &self.ext)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// The image types accepted as attachments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    /// JPEG (JFIF or Exif), baseline or progressive.
    Jpeg,
    /// PNG, including animated PNG.
    Png,
}

impl ImageFormat {
    /// Recognises the type by its first bytes (magic number), never by a file name.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(&jpeg::MAGIC) {
            Some(Self::Jpeg)
        } else if bytes.starts_with(&png::SIGNATURE) {
            Some(Self::Png)
        } else {
            None
        }
    }

    /// The media type, e.g. `image/jpeg`.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    /// The usual file extension without the dot, e.g. `jpg`.
    pub fn ext(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }
}

impl fmt::Display for ImageFormat {
    /// The format's name: `JPEG` or `PNG`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
        })
    }
}

/// Why an attachment was refused.
///
/// `Display` gives the English message; [`ImageError::message_th`] gives the Thai one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    /// Not a JPEG or PNG file.
    #[error("only JPEG (.jpg, .jpeg) and PNG (.png) images are accepted")]
    Unsupported,
    /// Larger than [`MAX_ATTACHMENT_BYTES`].
    #[error("the file is {} MB; files may be at most {} MB", megabytes(*.len), MAX_ATTACHMENT_BYTES / MB)]
    TooLarge {
        /// The file's size in bytes.
        len: usize,
    },
    /// The file ends before its structure does.
    #[error("the {format} file is incomplete: it ends early, at byte {offset}; please send it again")]
    Truncated {
        /// The file's type.
        format: ImageFormat,
        /// Where the data ran out.
        offset: usize,
    },
    /// The JPEG structure is broken.
    #[error("the JPEG file is damaged: {defect} (at byte {offset})")]
    BadJpeg {
        /// What is wrong.
        defect: JpegDefect,
        /// Where.
        offset: usize,
    },
    /// The PNG structure is broken.
    #[error("the PNG file is damaged: {defect} (at byte {offset})")]
    BadPng {
        /// What is wrong.
        defect: PngDefect,
        /// Where.
        offset: usize,
    },
}

impl ImageError {
    /// The message in English.
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The message in Thai.
    pub fn message_th(&self) -> String {
        match self {
            Self::Unsupported => "รับเฉพาะไฟล์รูปภาพแบบ JPEG (.jpg, .jpeg) และ PNG (.png) เท่านั้น".to_owned(),
            Self::TooLarge { len } => format!(
                "ไฟล์มีขนาด {} MB เกินขนาดที่รับได้ ไฟล์ต้องมีขนาดไม่เกิน {} MB",
                megabytes(*len),
                MAX_ATTACHMENT_BYTES / MB
            ),
            Self::Truncated { format, offset } => {
                format!("ไฟล์ {format} ไม่สมบูรณ์ ข้อมูลสิ้นสุดก่อนกำหนดที่ไบต์ {offset} กรุณาส่งไฟล์ใหม่อีกครั้ง")
            }
            Self::BadJpeg { defect, offset } => {
                format!("ไฟล์ JPEG เสียหาย: {} (ที่ไบต์ {offset})", defect.message_th())
            }
            Self::BadPng { defect, offset } => {
                format!("ไฟล์ PNG เสียหาย: {} (ที่ไบต์ {offset})", defect.message_th())
            }
        }
    }
}

/// A size in MB with one decimal, rounded up so that a file over the limit never reads as at it.
fn megabytes(len: usize) -> String {
    let tenths = (len as u128 * 10).div_ceil(MB as u128);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// What is wrong with a damaged JPEG file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JpegDefect {
    /// Something other than a marker (0xFF) where a segment should start.
    NotAMarker,
    /// A segment length below 2, the size of the length field itself.
    BadSegmentLength,
    /// A marker that cannot appear where it does (a second SOI, or 0xFF00 outside a scan).
    UnexpectedMarker,
    /// A scan (SOS) before any frame header (SOF).
    ScanBeforeFrame,
    /// The end of the image (EOI) before any scan.
    NoImageData,
}

impl JpegDefect {
    /// The defect in Thai.
    pub fn message_th(self) -> &'static str {
        match self {
            Self::NotAMarker => "ไม่พบเครื่องหมายเริ่มส่วนข้อมูล (0xFF) ในตำแหน่งที่ควรมี",
            Self::BadSegmentLength => "ความยาวของส่วนข้อมูลไม่ถูกต้อง",
            Self::UnexpectedMarker => "พบเครื่องหมายที่ไม่ควรอยู่ในตำแหน่งนี้",
            Self::ScanBeforeFrame => "พบข้อมูลภาพก่อนส่วนหัวของภาพ",
            Self::NoImageData => "ไฟล์จบโดยไม่มีข้อมูลภาพ",
        }
    }
}

impl fmt::Display for JpegDefect {
    /// The defect in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotAMarker => "a segment marker (0xFF) is missing",
            Self::BadSegmentLength => "a segment length is invalid",
            Self::UnexpectedMarker => "a marker appears where it is not allowed",
            Self::ScanBeforeFrame => "image data comes before the frame header",
            Self::NoImageData => "the file ends without image data",
        })
    }
}

/// What is wrong with a damaged PNG file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PngDefect {
    /// A chunk length above 2³¹ − 1.
    BadChunkLength,
    /// A chunk type that is not four ASCII letters.
    BadChunkType,
    /// A chunk whose CRC does not match its type and data.
    BadChecksum,
    /// The first chunk is not IHDR.
    HeaderNotFirst,
    /// A second IHDR.
    MisplacedChunk,
    /// A critical chunk (upper-case first letter) that PNG does not define.
    UnknownCriticalChunk,
    /// IEND before any IDAT.
    NoImageData,
}

impl PngDefect {
    /// The defect in Thai.
    pub fn message_th(self) -> &'static str {
        match self {
            Self::BadChunkLength => "ความยาวของส่วนข้อมูล (chunk) ไม่ถูกต้อง",
            Self::BadChunkType => "ชนิดของส่วนข้อมูล (chunk) ไม่ถูกต้อง",
            Self::BadChecksum => "ค่าตรวจสอบ CRC ของส่วนข้อมูลไม่ตรงกับเนื้อหา",
            Self::HeaderNotFirst => "ส่วนหัว IHDR ไม่ได้อยู่เป็นลำดับแรก",
            Self::MisplacedChunk => "พบส่วนหัว IHDR ซ้ำ",
            Self::UnknownCriticalChunk => "มีส่วนข้อมูลสำคัญที่ระบบไม่รู้จัก",
            Self::NoImageData => "ไฟล์จบโดยไม่มีข้อมูลภาพ (IDAT)",
        }
    }
}

impl fmt::Display for PngDefect {
    /// The defect in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::BadChunkLength => "a chunk length is out of range",
            Self::BadChunkType => "a chunk type is not four letters",
            Self::BadChecksum => "a chunk's CRC does not match its contents",
            Self::HeaderNotFirst => "the IHDR header is not the first chunk",
            Self::MisplacedChunk => "the IHDR header appears twice",
            Self::UnknownCriticalChunk => "it has a critical chunk that PNG does not define",
            Self::NoImageData => "the file ends without image data (IDAT)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_up_to_a_tenth_of_a_megabyte() {
        assert_eq!(megabytes(MAX_ATTACHMENT_BYTES), "10.0");
        assert_eq!(megabytes(MAX_ATTACHMENT_BYTES + 1), "10.1");
        assert_eq!(megabytes(25 * MB / 2), "12.5");
    }
}
