//! A minimal zip writer: stored (uncompressed) entries, fixed timestamps, no zip64.
//!
//! An .xlsx file is a zip archive of XML parts. Every spreadsheet program reads stored
//! entries, and report exports are small, so we skip compression rather than add a deflate
//! dependency. Each entry carries the DOS date 1980-01-01 00:00, the earliest zip can express,
//! so the archive depends on nothing but its contents.

use crate::XlsxError;

/// Version 2.0 of the zip specification: enough for stored entries and directories.
const VERSION: u16 = 20;
/// Compression method 0: stored.
const STORED: u16 = 0;
/// DOS time 00:00:00.
const DOS_TIME: u16 = 0;
/// DOS date 1980-01-01: (year − 1980) << 9 | month << 5 | day.
const DOS_DATE: u16 = (1 << 5) | 1;

/// Builds a zip archive in memory, one entry at a time.
pub(crate) struct ZipWriter {
    /// Local headers and data written so far.
    body: Vec<u8>,
    /// Central-directory records, appended to `body` by [`ZipWriter::finish`].
    central: Vec<u8>,
    /// Number of entries written.
    entries: u16,
}

impl ZipWriter {
    /// An empty archive.
    pub(crate) fn new() -> Self {
        ZipWriter {
            body: Vec::new(),
            central: Vec::new(),
            entries: 0,
        }
    }

    /// Adds an entry named `name` (ASCII, `/`-separated) holding `data`, uncompressed.
    pub(crate) fn add(&mut self, name: &str, data: &[u8]) -> Result<(), XlsxError> {
        let offset = u32::try_from(self.body.len()).map_err(|_| XlsxError::TooLarge)?;
        let size = u32::try_from(data.len()).map_err(|_| XlsxError::TooLarge)?;
        let name_len = u16::try_from(name.len()).map_err(|_| XlsxError::TooLarge)?;
        // 0xFFFF in the end record means "see zip64", so stop one short of it.
        self.entries = self
            .entries
            .checked_add(1)
            .filter(|n| *n < u16::MAX)
            .ok_or(XlsxError::TooLarge)?;
        let crc = crc32fast::hash(data);

        let local = &mut self.body;
        put_u32(local, 0x0403_4b50);
        put_u16(local, VERSION);
        put_u16(local, 0); // general-purpose flags
        put_u16(local, STORED);
        put_u16(local, DOS_TIME);
        put_u16(local, DOS_DATE);
        put_u32(local, crc);
        put_u32(local, size); // compressed size
        put_u32(local, size); // uncompressed size
        put_u16(local, name_len);
        put_u16(local, 0); // extra field length
        local.extend_from_slice(name.as_bytes());
        local.extend_from_slice(data);

        let central = &mut self.central;
        put_u32(central, 0x0201_4b50);
        put_u16(central, VERSION); // made by: MS-DOS attributes, spec 2.0
        put_u16(central, VERSION);
        put_u16(central, 0);
        put_u16(central, STORED);
        put_u16(central, DOS_TIME);
        put_u16(central, DOS_DATE);
        put_u32(central, crc);
        put_u32(central, size);
        put_u32(central, size);
        put_u16(central, name_len);
        put_u16(central, 0); // extra field length
        put_u16(central, 0); // comment length
        put_u16(central, 0); // disk number
        put_u16(central, 0); // internal attributes
        put_u32(central, 0); // external attributes
        put_u32(central, offset);
        central.extend_from_slice(name.as_bytes());
        Ok(())
    }

    /// The finished archive: entries, central directory, end record.
    pub(crate) fn finish(self) -> Result<Vec<u8>, XlsxError> {
        let ZipWriter {
            mut body,
            central,
            entries,
        } = self;
        let central_offset = u32::try_from(body.len()).map_err(|_| XlsxError::TooLarge)?;
        let central_size = u32::try_from(central.len()).map_err(|_| XlsxError::TooLarge)?;
        body.extend_from_slice(&central);
        put_u32(&mut body, 0x0605_4b50);
        put_u16(&mut body, 0); // this disk
        put_u16(&mut body, 0); // disk with the central directory
        put_u16(&mut body, entries);
        put_u16(&mut body, entries);
        put_u32(&mut body, central_size);
        put_u32(&mut body, central_offset);
        put_u16(&mut body, 0); // comment length
        Ok(body)
    }
}

/// Appends a little-endian `u16`.
fn put_u16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Appends a little-endian `u32`.
fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}
