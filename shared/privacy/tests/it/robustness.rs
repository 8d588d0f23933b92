//! Untrusted bytes never make the stripper panic, and whatever it accepts comes out whole.

use proptest::collection::vec;
use proptest::prelude::*;
use sujarit_privacy::{strip_metadata, ImageFormat};

use crate::image_jpeg::{BASELINE, PROGRESSIVE};
use crate::image_png::png_with_metadata;

/// Checks the output invariants of a successful strip.
fn assert_whole(output: &[u8], format: ImageFormat) -> Result<(), TestCaseError> {
    match format {
        ImageFormat::Jpeg => {
            prop_assert!(output.starts_with(&[0xFF, 0xD8]));
            prop_assert!(output.ends_with(&[0xFF, 0xD9]));
            prop_assert!(!output.windows(4).any(|window| window == b"Exif"));
        }
        ImageFormat::Png => {
            prop_assert!(output.starts_with(b"\x89PNG\r\n\x1a\n"));
            prop_assert!(output.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]));
            prop_assert!(!output.windows(4).any(|window| window == b"tEXt"));
        }
    }
    Ok(())
}

fn mutated(original: &[u8], changes: &[(usize, u8)]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for &(index, value) in changes {
        let at = index % bytes.len();
        bytes[at] = value;
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in vec(any::<u8>(), 0..512)) {
        let _ = strip_metadata(&bytes);
    }

    #[test]
    fn random_bytes_after_a_jpeg_start_never_panic(tail in vec(any::<u8>(), 0..512)) {
        let mut bytes = vec![0xFF, 0xD8, 0xFF];
        bytes.extend_from_slice(&tail);
        if let Ok(stripped) = strip_metadata(&bytes) {
            assert_whole(&stripped.bytes, ImageFormat::Jpeg)?;
        }
    }

    #[test]
    fn random_bytes_after_a_png_signature_never_panic(tail in vec(any::<u8>(), 0..512)) {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend_from_slice(&tail);
        let _ = strip_metadata(&bytes);
    }

    #[test]
    fn damaged_photos_never_panic_and_come_out_whole_if_accepted(
        progressive in any::<bool>(),
        changes in vec((any::<usize>(), any::<u8>()), 1..8),
    ) {
        let original = if progressive { PROGRESSIVE } else { BASELINE };
        if let Ok(stripped) = strip_metadata(&mutated(original, &changes)) {
            assert_whole(&stripped.bytes, ImageFormat::Jpeg)?;
        }
    }

    #[test]
    fn damaged_pngs_never_panic_and_come_out_whole_if_accepted(
        changes in vec((any::<usize>(), any::<u8>()), 1..4),
    ) {
        if let Ok(stripped) = strip_metadata(&mutated(&png_with_metadata(), &changes)) {
            assert_whole(&stripped.bytes, ImageFormat::Png)?;
        }
    }
}
