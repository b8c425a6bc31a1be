//! ChaCha20-Poly1305 (RFC 8439 §2.8) built from OpenSSL's own ChaCha20 and Poly1305 routines.
//!
//! Why not `EVP_CIPHER`: for a 64-byte message the provider's per-message bookkeeping (a
//! re-init for the nonce, a parameter array to read the tag, the one-block Poly1305 key step
//! done as a separate keystream call) costs ~250 of the ~400 ns the EVP path takes; this
//! construction takes ~150 ns. The cryptography is the code the EVP provider itself runs:
//! `ChaCha20_ctr32` and `Poly1305_{Init,Update,Final}`, OpenSSL's assembly where it has some.
//! They are declared in OpenSSL's internal headers (`include/crypto/chacha.h`,
//! `include/crypto/poly1305.h`), not its public API: `openssl-src` is pinned to one release,
//! and the tests below compare this construction with OpenSSL's EVP ChaCha20-Poly1305 for
//! every message length up to 300 bytes, so a change in them fails the tests, not users.

use std::os::raw::{c_uint, c_void};

unsafe extern "C" {
    /// `counter[0]` is the 32-bit block counter, `counter[1..4]` the nonce, all little-endian
    /// words; `key` is the key as eight little-endian words.
    fn ChaCha20_ctr32(
        out: *mut u8,
        inp: *const u8,
        len: usize,
        key: *const c_uint,
        counter: *const c_uint,
    );
    fn Poly1305_ctx_size() -> usize;
    fn Poly1305_Init(ctx: *mut c_void, key: *const u8);
    fn Poly1305_Update(ctx: *mut c_void, inp: *const u8, len: usize);
    /// Writes the tag and wipes the context.
    fn Poly1305_Final(ctx: *mut c_void, mac: *mut u8);
    fn CRYPTO_memcmp(a: *const c_void, b: *const c_void, len: usize) -> i32;
    fn OPENSSL_cleanse(ptr: *mut c_void, len: usize);
}

pub const KEY_LEN: usize = 32;
pub const NONCE_LEN: usize = 12;
pub const TAG_LEN: usize = 16;

/// The tag did not verify; nothing was written.
#[derive(Debug, PartialEq, Eq)]
pub struct TagMismatch;

/// A ChaCha20-Poly1305 key, ready for any number of messages.
pub struct ChaCha20Poly1305 {
    key: [c_uint; 8],
    /// Room for one `POLY1305` context (u64s for its alignment), reused by every message.
    poly: Vec<u64>,
}

impl Drop for ChaCha20Poly1305 {
    fn drop(&mut self) {
        // SAFETY: both regions are owned, initialised memory of exactly the given size.
        unsafe {
            OPENSSL_cleanse(self.key.as_mut_ptr().cast(), size_of_val(&self.key));
            OPENSSL_cleanse(self.poly.as_mut_ptr().cast(), self.poly.len() * 8);
        }
    }
}

impl ChaCha20Poly1305 {
    pub fn new(key: &[u8; KEY_LEN]) -> ChaCha20Poly1305 {
        let mut words = [0 as c_uint; 8];
        for (word, bytes) in words.iter_mut().zip(key.chunks_exact(4)) {
            *word = u32::from_le_bytes(bytes.try_into().expect("4-byte chunk"));
        }
        // SAFETY: a pure size query.
        let poly_len = unsafe { Poly1305_ctx_size() }.div_ceil(8);
        ChaCha20Poly1305 {
            key: words,
            poly: vec![0; poly_len],
        }
    }

    /// XORs the keystream starting at `block` into `data` (`out` may not alias `data`).
    fn xor_keystream(&self, nonce: &[u8; NONCE_LEN], block: u32, data: &[u8], out: &mut [u8]) {
        assert_eq!(
            data.len(),
            out.len(),
            "keystream input and output differ in length"
        );
        if data.is_empty() {
            return;
        }
        let mut counter = [block, 0, 0, 0];
        for (word, bytes) in counter[1..].iter_mut().zip(nonce.chunks_exact(4)) {
            *word = u32::from_le_bytes(bytes.try_into().expect("4-byte chunk"));
        }
        // SAFETY: `out` and `data` are `len` bytes; the key and counter arrays have the sizes
        // the routine reads. Messages are below 2^31 bytes, so the 32-bit block counter that
        // `ctr32` increments cannot wrap.
        unsafe {
            ChaCha20_ctr32(
                out.as_mut_ptr(),
                data.as_ptr(),
                data.len(),
                self.key.as_ptr(),
                counter.as_ptr(),
            )
        }
    }

    /// Encrypts (or decrypts) `data` into `out` with keystream blocks 1… and returns block 0,
    /// the source of the message's one-time Poly1305 key (the caller wipes it).
    ///
    /// A keystream call costs about the same for one block as for four: the 20 dependent rounds
    /// of a block, not the SIMD width, set its time (~100 ns here). So a short message gets
    /// block 0 and its own blocks from one call, over zeros ‖ data.
    fn crypt(&self, nonce: &[u8; NONCE_LEN], data: &[u8], out: &mut [u8]) -> [u8; 64] {
        const SHORT: usize = 3 * 64;
        let mut block0 = [0u8; 64];
        if data.len() > SHORT {
            self.xor_keystream(nonce, 0, &[0u8; 64], &mut block0);
            self.xor_keystream(nonce, 1, data, out);
            return block0;
        }
        let mut input = [0u8; 64 + SHORT];
        let mut output = [0u8; 64 + SHORT];
        let len = 64 + data.len();
        input[64..len].copy_from_slice(data);
        self.xor_keystream(nonce, 0, &input[..len], &mut output[..len]);
        block0.copy_from_slice(&output[..64]);
        out.copy_from_slice(&output[64..len]);
        // SAFETY: two owned stack arrays of the given sizes.
        unsafe {
            OPENSSL_cleanse(input.as_mut_ptr().cast(), len);
            OPENSSL_cleanse(output.as_mut_ptr().cast(), len);
        }
        block0
    }

    /// The Poly1305 tag of `aads` (as one string) and `ciphertext` under the one-time key in
    /// `block0`, which is wiped.
    fn tag(&mut self, mut block0: [u8; 64], aads: &[&[u8]], ciphertext: &[u8]) -> [u8; 16] {
        let ctx = self.poly.as_mut_ptr().cast::<c_void>();
        let zeros = [0u8; 16];
        let mut tag = [0u8; TAG_LEN];
        let aad_len: usize = aads.iter().map(|aad| aad.len()).sum();
        let mut lengths = [0u8; 16];
        lengths[..8].copy_from_slice(&(aad_len as u64).to_le_bytes());
        lengths[8..].copy_from_slice(&(ciphertext.len() as u64).to_le_bytes());
        // SAFETY: `ctx` has room for a POLY1305 context (sized by `Poly1305_ctx_size`); every
        // pointer/length pair below is a live slice.
        unsafe {
            Poly1305_Init(ctx, block0.as_ptr());
            OPENSSL_cleanse(block0.as_mut_ptr().cast(), block0.len());
            for aad in aads {
                Poly1305_Update(ctx, aad.as_ptr(), aad.len());
            }
            Poly1305_Update(ctx, zeros.as_ptr(), (16 - aad_len % 16) % 16);
            Poly1305_Update(ctx, ciphertext.as_ptr(), ciphertext.len());
            Poly1305_Update(ctx, zeros.as_ptr(), (16 - ciphertext.len() % 16) % 16);
            Poly1305_Update(ctx, lengths.as_ptr(), lengths.len());
            Poly1305_Final(ctx, tag.as_mut_ptr());
        }
        tag
    }

    /// Encrypts `plaintext` into `out` as ciphertext ‖ tag (`out` is `plaintext.len() + 16`
    /// bytes).
    pub fn seal(
        &mut self,
        nonce: &[u8; NONCE_LEN],
        aads: &[&[u8]],
        plaintext: &[u8],
        out: &mut [u8],
    ) {
        let (body, tag) = out.split_at_mut(plaintext.len());
        let block0 = self.crypt(nonce, plaintext, body);
        tag.copy_from_slice(&self.tag(block0, aads, body));
    }

    /// Verifies ciphertext ‖ tag, then decrypts into `out` (`sealed.len() - 16` bytes). On a
    /// mismatch `out` is wiped.
    pub fn open(
        &mut self,
        nonce: &[u8; NONCE_LEN],
        aads: &[&[u8]],
        sealed: &[u8],
        out: &mut [u8],
    ) -> Result<(), TagMismatch> {
        let body_len = sealed.len().checked_sub(TAG_LEN).ok_or(TagMismatch)?;
        let (body, tag) = sealed.split_at(body_len);
        // Decrypting first lets one keystream call serve both; on a mismatch the plaintext is
        // wiped before the caller sees anything.
        let block0 = self.crypt(nonce, body, out);
        let expected = self.tag(block0, aads, body);
        // SAFETY: two 16-byte arrays.
        let differs = unsafe { CRYPTO_memcmp(expected.as_ptr().cast(), tag.as_ptr().cast(), 16) };
        if differs != 0 {
            // SAFETY: `out` is an owned, initialised slice.
            unsafe { OPENSSL_cleanse(out.as_mut_ptr().cast(), out.len()) };
            return Err(TagMismatch);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::cipher::Cipher;
    use openssl::cipher_ctx::CipherCtx;

    fn evp_seal(key: &[u8], nonce: &[u8], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let mut ctx = CipherCtx::new().unwrap();
        ctx.encrypt_init(Some(Cipher::chacha20_poly1305()), Some(key), Some(nonce))
            .unwrap();
        if !aad.is_empty() {
            ctx.cipher_update(aad, None).unwrap();
        }
        let mut out = vec![0; plaintext.len() + 16];
        let n = ctx.cipher_update(plaintext, Some(&mut out)).unwrap();
        ctx.cipher_final(&mut out[n..]).unwrap();
        ctx.tag(&mut out[plaintext.len()..]).unwrap();
        out
    }

    fn pattern(len: usize, seed: u8) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect()
    }

    #[test]
    fn matches_openssls_evp_cipher_for_every_length_and_opens_its_output() {
        let key: [u8; 32] = pattern(32, 7).try_into().unwrap();
        let nonce: [u8; 12] = pattern(12, 99).try_into().unwrap();
        let mut aead = ChaCha20Poly1305::new(&key);
        for aad_len in [0, 1, 15, 16, 17, 40] {
            let aad = pattern(aad_len, 3);
            for len in 0..=300 {
                let plaintext = pattern(len, 11);
                let expected = evp_seal(&key, &nonce, &aad, &plaintext);
                let mut sealed = vec![0; len + 16];
                aead.seal(&nonce, &[&aad], &plaintext, &mut sealed);
                assert_eq!(sealed, expected, "length {len}, aad {aad_len}");
                let mut opened = vec![0; len];
                aead.open(&nonce, &[&aad], &expected, &mut opened).unwrap();
                assert_eq!(opened, plaintext);
            }
        }
    }

    #[test]
    fn aad_given_in_parts_is_one_string() {
        let key = [1u8; 32];
        let nonce = [2u8; 12];
        let mut aead = ChaCha20Poly1305::new(&key);
        let (mut whole, mut parts) = (vec![0; 21], vec![0; 21]);
        aead.seal(&nonce, &[b"header and more"], b"hello", &mut whole);
        aead.seal(&nonce, &[b"header", b" and more"], b"hello", &mut parts);
        assert_eq!(whole, parts);
    }

    #[test]
    fn rfc_8439_section_2_8_2_test_vector() {
        let key: [u8; 32] = (0x80..0xa0u8).collect::<Vec<_>>().try_into().unwrap();
        let nonce = [
            0x07, 0, 0, 0, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
        ];
        let aad = [
            0x50, 0x51, 0x52, 0x53, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
        ];
        let plaintext = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
        let mut sealed = vec![0; plaintext.len() + 16];
        ChaCha20Poly1305::new(&key).seal(&nonce, &[&aad], plaintext, &mut sealed);
        let tag: Vec<u8> = sealed[plaintext.len()..].to_vec();
        assert_eq!(
            tag,
            [
                0x1a, 0xe1, 0x0b, 0x59, 0x4f, 0x09, 0xe2, 0x6a, 0x7e, 0x90, 0x2e, 0xcb, 0xd0, 0x60,
                0x06, 0x91
            ]
        );
        assert_eq!(&sealed[..4], &[0xd3, 0x1a, 0x8d, 0x34]);
    }

    #[test]
    fn any_flipped_bit_is_a_mismatch_and_leaves_no_plaintext() {
        let mut aead = ChaCha20Poly1305::new(&[9u8; 32]);
        let nonce = [5u8; 12];
        let mut sealed = vec![0; 40];
        aead.seal(&nonce, &[b"aad"], &[0x42; 24], &mut sealed);
        for bit in 0..sealed.len() * 8 {
            let mut tampered = sealed.clone();
            tampered[bit / 8] ^= 1 << (bit % 8);
            let mut out = [0xeeu8; 24];
            assert_eq!(
                aead.open(&nonce, &[b"aad"], &tampered, &mut out),
                Err(TagMismatch)
            );
            assert_eq!(out, [0; 24], "no plaintext is left behind");
        }
        let mut out = [0u8; 24];
        assert_eq!(
            aead.open(&nonce, &[b"aaD"], &sealed, &mut out),
            Err(TagMismatch)
        );
        assert_eq!(
            aead.open(&nonce, &[], &sealed[..15], &mut []),
            Err(TagMismatch)
        );
    }
}
