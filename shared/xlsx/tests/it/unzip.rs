//! A small zip reader for the tests: stored entries only, every header and checksum verified.
//!
//! It shares no code with the crate's writer (its CRC-32 is the bitwise textbook one), so a
//! mistake in the writer cannot be mirrored here.

/// The parts of an archive, in archive order, with their contents as text.
pub struct Parts {
    /// (name, content) pairs in the order of the central directory.
    pub entries: Vec<(String, String)>,
}

impl Parts {
    /// The part names in archive order.
    pub fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|(name, _)| name.as_str()).collect()
    }

    /// The content of the part `name`; panics (failing the test) if it is missing.
    pub fn get(&self, name: &str) -> &str {
        match self.entries.iter().find(|(entry, _)| entry == name) {
            Some((_, content)) => content,
            None => panic!("no part {name:?} in {:?}", self.names()),
        }
    }
}

/// Reads every entry of `bytes`, checking signatures, sizes, offsets and CRC-32s.
pub fn unzip(bytes: &[u8]) -> Parts {
    assert!(bytes.len() >= 22, "too short for a zip file");
    let end = bytes.len() - 22;
    assert_eq!(
        u32_at(bytes, end),
        0x0605_4b50,
        "no end-of-central-directory record at the end"
    );
    let count = usize::from(u16_at(bytes, end + 10));
    let central_size = u32_at(bytes, end + 12) as usize;
    let central_offset = u32_at(bytes, end + 16) as usize;
    assert_eq!(
        central_offset + central_size,
        end,
        "the central directory must end where the end record starts"
    );

    let mut entries = Vec::new();
    let mut at = central_offset;
    let mut expected_local = 0;
    for _ in 0..count {
        assert_eq!(u32_at(bytes, at), 0x0201_4b50, "central directory record signature");
        let method = u16_at(bytes, at + 10);
        assert_eq!(method, 0, "entries are stored");
        assert_eq!(u16_at(bytes, at + 12), 0, "DOS time is fixed at 00:00");
        assert_eq!(u16_at(bytes, at + 14), 0x21, "DOS date is fixed at 1980-01-01");
        let crc = u32_at(bytes, at + 16);
        let size = u32_at(bytes, at + 20) as usize;
        assert_eq!(u32_at(bytes, at + 24) as usize, size, "stored: compressed size = size");
        let name_len = usize::from(u16_at(bytes, at + 28));
        let extra_len = usize::from(u16_at(bytes, at + 30));
        let comment_len = usize::from(u16_at(bytes, at + 32));
        let local = u32_at(bytes, at + 42) as usize;
        let name = std::str::from_utf8(&bytes[at + 46..at + 46 + name_len])
            .expect("ASCII name")
            .to_owned();
        at += 46 + name_len + extra_len + comment_len;

        assert_eq!(local, expected_local, "entries are contiguous from the start");
        assert_eq!(u32_at(bytes, local), 0x0403_4b50, "local header signature of {name}");
        assert_eq!(u32_at(bytes, local + 14), crc, "local CRC of {name}");
        assert_eq!(u32_at(bytes, local + 18) as usize, size, "local size of {name}");
        let local_name_len = usize::from(u16_at(bytes, local + 26));
        let local_extra_len = usize::from(u16_at(bytes, local + 28));
        assert_eq!(
            &bytes[local + 30..local + 30 + local_name_len],
            name.as_bytes(),
            "local name"
        );
        let data_start = local + 30 + local_name_len + local_extra_len;
        let data = &bytes[data_start..data_start + size];
        assert_eq!(crc32(data), crc, "CRC-32 of {name}");
        expected_local = data_start + size;
        let text = String::from_utf8(data.to_vec()).expect("every part is UTF-8");
        entries.push((name, text));
    }
    assert_eq!(at, end, "the central directory holds exactly {count} records");
    assert_eq!(
        expected_local, central_offset,
        "the central directory follows the last entry"
    );
    Parts { entries }
}

/// Little-endian u16 at `at`.
fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

/// Little-endian u32 at `at`.
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn the_test_reader_computes_the_standard_crc32_check_value() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
}
