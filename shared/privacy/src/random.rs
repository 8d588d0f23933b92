//! The one source of randomness in this crate: the operating system's generator.
//!
//! Receipt codes, salts, nonces and case keys must be unpredictable, so they come straight from
//! the OS (`getrandom(2)` on Linux), never from a seeded or user-space generator.

/// Fills `buf` with random bytes from the operating system.
///
/// # Panics
///
/// If the operating system cannot provide randomness. That means the machine is broken (no
/// `getrandom` syscall and no `/dev/urandom`); issuing a predictable code or key instead would be
/// worse than stopping, which is also what `rand::rngs::OsRng` does.
pub(crate) fn fill(buf: &mut [u8]) {
    if let Err(error) = getrandom::getrandom(buf) {
        panic!("the operating system's random number generator failed: {error}");
    }
}

/// Returns `N` random bytes from the operating system (see [`fill`]).
pub(crate) fn bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    fill(&mut buf);
    buf
}
