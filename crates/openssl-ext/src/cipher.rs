//! Cipher helpers: fetched-cipher caching and an update whose output bound is the exact one
//! OpenSSL needs (`inlen + block_size - 1`), which the `openssl` crate's checked update
//! over-approximates by one byte (PyCA's `update_into` promises the tighter bound).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use openssl::cipher::{Cipher, CipherRef};
use openssl::cipher_ctx::CipherCtxRef;
use openssl::error::ErrorStack;

/// Fetches `name` from the default library context once and keeps it for the process's
/// lifetime (the set of names is small and fixed). `None` when OpenSSL has no such cipher.
pub fn fetch_cached(name: &str) -> Option<&'static CipherRef> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<&'static Cipher>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(found) = map.get(name) {
        return found.map(|cipher| &**cipher);
    }
    let fetched = Cipher::fetch(None, name, None)
        .ok()
        .map(|cipher| &*Box::leak(Box::new(cipher)));
    // A failed fetch leaves an error on the queue; it is an answer ("unsupported"), not an error.
    let _ = ErrorStack::get();
    map.insert(name.to_owned(), fetched);
    fetched.map(|cipher| &**cipher)
}

/// `data` in chunks of at most [`MAX_UPDATE_CHUNK`], and one empty chunk for empty data: CCM
/// computes its tag in the update even for an empty message, and AES-SIV authenticates empty
/// associated-data items, so an empty input must still reach OpenSSL.
fn chunks_at_least_one(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let first_if_empty = data.is_empty().then_some(data);
    first_if_empty
        .into_iter()
        .chain(data.chunks(MAX_UPDATE_CHUNK))
}

/// Largest single `EVP_CipherUpdate` input (`int` length, with room for a block of output).
pub const MAX_UPDATE_CHUNK: usize = 1 << 30;

/// `EVP_CipherUpdate` of `input` into `output`, in chunks of at most [`MAX_UPDATE_CHUNK`].
/// Returns the bytes written. Not for key-wrap ciphers, which emit more than they take (use the
/// `openssl` crate's checked `cipher_update_vec` for those).
///
/// # Panics
/// If `output` is shorter than `input.len() + block_size - 1` (block ciphers) or
/// `input.len()` (stream ciphers): callers check this first and report it as a ValueError.
pub fn update(
    ctx: &mut CipherCtxRef,
    input: &[u8],
    output: &mut [u8],
) -> Result<usize, ErrorStack> {
    let block_size = ctx.block_size().max(1);
    assert!(
        output.len() >= input.len() + block_size - 1,
        "cipher output buffer too small"
    );
    let mut written = 0;
    for chunk in chunks_at_least_one(input) {
        // SAFETY: OpenSSL writes at most chunk.len() + block_size - 1 bytes per update, and
        // output[written..] holds at least that many: the total output never exceeds
        // input.len() + block_size - 1, which the assertion above guarantees.
        written += unsafe { ctx.cipher_update_unchecked(chunk, Some(&mut output[written..]))? };
    }
    Ok(written)
}

/// Feeds additional authenticated data (no output), in chunks. An empty item is still fed:
/// AES-SIV authenticates each item separately, so an empty one changes the tag.
pub fn update_aad(ctx: &mut CipherCtxRef, aad: &[u8]) -> Result<(), ErrorStack> {
    for chunk in chunks_at_least_one(aad) {
        ctx.cipher_update(chunk, None)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::cipher_ctx::CipherCtx;

    #[test]
    fn fetch_cached_returns_the_same_cipher_and_none_for_unknown_names() {
        let first = fetch_cached("AES-128-CBC").expect("AES-128-CBC exists");
        let second = fetch_cached("AES-128-CBC").unwrap();
        assert!(std::ptr::eq(first, second));
        assert!(fetch_cached("NO-SUCH-CIPHER").is_none());
        assert!(
            ErrorStack::get().errors().is_empty(),
            "no stale error left behind"
        );
    }

    #[test]
    fn update_accepts_the_exact_bound_and_streams_across_calls() {
        let cipher = fetch_cached("AES-128-CBC").unwrap();
        let mut ctx = CipherCtx::new().unwrap();
        ctx.encrypt_init(Some(cipher), Some(&[7u8; 16]), Some(&[9u8; 16]))
            .unwrap();
        ctx.set_padding(false);
        let mut out = vec![0u8; 15 + 16 - 1];
        assert_eq!(update(&mut ctx, &[1u8; 15], &mut out).unwrap(), 0);
        // 15 buffered + 17 new = two blocks, within the exact bound 17 + 16 - 1.
        let mut out = vec![0u8; 17 + 16 - 1];
        assert_eq!(update(&mut ctx, &[1u8; 17], &mut out).unwrap(), 32);
    }

    #[test]
    #[should_panic(expected = "cipher output buffer too small")]
    fn update_refuses_a_short_buffer() {
        let cipher = fetch_cached("AES-128-ECB").unwrap();
        let mut ctx = CipherCtx::new().unwrap();
        ctx.encrypt_init(Some(cipher), Some(&[7u8; 16]), None)
            .unwrap();
        let mut out = vec![0u8; 16];
        let _ = update(&mut ctx, &[1u8; 16], &mut out);
    }
}
