//! Fernet (`hazmat/fernet`): the token format of the Fernet spec, assembled and checked in one
//! native call per operation.
//!
//! A token is url-safe base64 (padded) of
//! `0x80 ‖ timestamp (u64 big-endian) ‖ IV (16) ‖ AES-128-CBC/PKCS7 ciphertext ‖ HMAC-SHA256`,
//! the HMAC keyed with the first half of the 32-byte key and covering everything before it.
//!
//! A [`FernetCore`] holds its keys in OpenSSL contexts set up once: an AES encryptor and a
//! decryptor whose key schedules are done (a call only sets the IV) and an HMAC context with
//! its digest chosen (a call re-keys it; nothing is fetched or allocated). The signing key is
//! kept in memory zeroized on drop; OpenSSL cleanses its contexts when they are freed.
//!
//! Decryption checks the version byte and the TTL window, then verifies the HMAC in constant
//! time, and only then decrypts. Every failure is the same `InvalidToken` with one fixed message.
//! Tokens are decoded exactly as PyCA decodes them (`base64.urlsafe_b64decode`), see
//! [`decode_urlsafe`].

use std::sync::OnceLock;

use napi::bindgen_prelude::BufferSlice;
use napi_derive::napi;
use openssl::cipher_ctx::CipherCtx;
use openssl::error::ErrorStack;
use openssl_ext::cipher::update;
use openssl_ext::mac::{Mac, MacCtx, PARAM_DIGEST};
use zeroize::Zeroizing;

use crate::ciphers::fetch;
use crate::errors::{ErrorCode, error, openssl_error};
use crate::mac::constant_time_eq;

/// Raw key length: 16 bytes of HMAC key, then 16 bytes of AES key.
pub const KEY_SIZE: usize = 32;
const HALF_KEY: usize = 16;
const VERSION: u8 = 0x80;
const TIMESTAMP_END: usize = 9;
const IV_SIZE: usize = 16;
const HEADER_SIZE: usize = TIMESTAMP_END + IV_SIZE;
const HMAC_SIZE: usize = 32;
const BLOCK_SIZE: usize = 16;
/// How far in the future a token's timestamp may be (PyCA's `_MAX_CLOCK_SKEW`), seconds.
pub const MAX_CLOCK_SKEW: i128 = 60;

const KEY_MESSAGE: &str = "Fernet key must be 32 url-safe base64-encoded bytes.";
const INVALID_TOKEN: &str = "The token is malformed, was altered, was made with another key, or is outside its time-to-live.";

fn invalid_token() -> napi::Error {
    error(ErrorCode::InvalidToken, INVALID_TOKEN)
}

// ---------------------------------------------------------------------------------------------
// url-safe base64

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const PAD: u8 = b'=';

/// Marks a byte outside the alphabet in [`SEXTETS`].
const NOT_BASE64: u8 = 0xff;

/// The 6-bit value of each byte, or [`NOT_BASE64`]. Both alphabets count: PyCA's decoder maps
/// `-` and `_` to `+` and `/` and then reads the standard alphabet, so all four are accepted.
const SEXTETS: [u8; 256] = {
    let mut table = [NOT_BASE64; 256];
    let mut index = 0;
    while index < 64 {
        table[ALPHABET[index] as usize] = index as u8;
        index += 1;
    }
    table[b'+' as usize] = 62;
    table[b'/' as usize] = 63;
    table
};

/// Length of the padded base64 text of `raw_len` bytes.
pub const fn encoded_len(raw_len: usize) -> usize {
    raw_len.div_ceil(3) * 4
}

/// Raw length of a token carrying `data_len` bytes of plaintext.
pub const fn raw_token_len(data_len: usize) -> usize {
    HEADER_SIZE + (data_len / BLOCK_SIZE + 1) * BLOCK_SIZE + HMAC_SIZE
}

/// Length of the base64 token for `data_len` bytes of plaintext (what the façade allocates).
pub const fn token_len(data_len: usize) -> usize {
    encoded_len(raw_token_len(data_len))
}

/// Padded url-safe base64 of `raw` into `out` (exactly [`encoded_len`] bytes), as Python's
/// `base64.urlsafe_b64encode`.
fn encode_urlsafe(raw: &[u8], out: &mut [u8]) {
    let char_of = |value: u32, shift: u32| ALPHABET[((value >> shift) & 63) as usize];
    for (chunk, quad) in raw.chunks(3).zip(out.chunks_exact_mut(4)) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let value = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        quad[0] = char_of(value, 18);
        quad[1] = char_of(value, 12);
        quad[2] = if chunk.len() > 1 {
            char_of(value, 6)
        } else {
            PAD
        };
        quad[3] = if chunk.len() > 2 {
            char_of(value, 0)
        } else {
            PAD
        };
    }
}

/// Decodes `text` into `out` (cleared first) with the rules of Python's `base64.urlsafe_b64decode`
/// (`binascii.a2b_base64`, non-strict): characters outside the alphabet are skipped; a `=` run
/// that completes a quantum ends the input (anything after it is ignored); a `=` that cannot
/// complete one is skipped; leftover bits are ignored; input that stops inside a quantum is an
/// error ("Incorrect padding"). PyCA's token and key checks depend on exactly these rules.
/// Returns whether `text` decoded.
pub fn decode_urlsafe(text: &[u8], out: &mut Vec<u8>) -> bool {
    out.clear();
    out.resize(text.len() / 4 * 3 + 3, 0);
    let mut written = 0;
    // Fast path: whole quanta of four alphabet characters, the shape of every token we make.
    let mut quads = text.chunks_exact(4);
    let mut consumed = 0;
    for quad in quads.by_ref() {
        let values = [
            SEXTETS[quad[0] as usize],
            SEXTETS[quad[1] as usize],
            SEXTETS[quad[2] as usize],
            SEXTETS[quad[3] as usize],
        ];
        if values.contains(&NOT_BASE64) {
            break;
        }
        out[written] = (values[0] << 2) | (values[1] >> 4);
        out[written + 1] = (values[1] << 4) | (values[2] >> 2);
        out[written + 2] = (values[2] << 6) | values[3];
        written += 3;
        consumed += 4;
    }
    // The rest (padding, stray characters) one character at a time, as binascii does.
    let mut quad_pos = 0u8;
    let mut pads = 0u8;
    let mut left = 0u8;
    let mut complete = false;
    for &ch in &text[consumed..] {
        if ch == PAD {
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    complete = true;
                    break;
                }
            }
            continue;
        }
        let value = SEXTETS[ch as usize];
        if value == NOT_BASE64 {
            continue;
        }
        pads = 0;
        let byte = match quad_pos {
            0 => None,
            1 => Some((left << 2) | (value >> 4)),
            2 => Some((left << 4) | (value >> 2)),
            _ => Some((left << 6) | value),
        };
        if let Some(byte) = byte {
            out[written] = byte;
            written += 1;
        }
        left = value & (0x3f >> (2 * quad_pos));
        quad_pos = (quad_pos + 1) % 4;
    }
    out.truncate(written);
    complete || quad_pos == 0
}

// ---------------------------------------------------------------------------------------------
// The keyed core

fn hmac_algorithm() -> napi::Result<&'static Mac> {
    // Fetched once per process, like mac.rs's own HMAC (which is private to that module).
    static HMAC: OnceLock<Mac> = OnceLock::new();
    if let Some(mac) = HMAC.get() {
        return Ok(mac);
    }
    let mac = Mac::fetch(c"HMAC").map_err(|e| openssl_error("EVP_MAC_fetch", &e))?;
    Ok(HMAC.get_or_init(|| mac))
}

/// What a decryption may accept: `None` for no TTL, or the TTL and the current time (seconds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeWindow {
    pub ttl: i64,
    pub current_time: i64,
}

/// One Fernet key, ready to use: PyCA's `Fernet` without the policy.
#[napi]
pub struct FernetCore {
    signing_key: Zeroizing<[u8; HALF_KEY]>,
    hmac: MacCtx,
    encryptor: CipherCtx,
    decryptor: CipherCtx,
    /// Scratch for raw token bytes (assembled or decoded); a token is not secret.
    raw: Vec<u8>,
}

impl FernetCore {
    /// Builds the core from a key in its text form (32 bytes, url-safe base64), decoded as PyCA
    /// decodes it; anything else is a ValueError saying what a key must be.
    pub fn from_encoded_key(encoded: &[u8]) -> napi::Result<FernetCore> {
        let mut key = Zeroizing::new(Vec::with_capacity(encoded.len()));
        if !decode_urlsafe(encoded, &mut key) || key.len() != KEY_SIZE {
            return Err(error(ErrorCode::Value, KEY_MESSAGE));
        }
        let mut signing_key = Zeroizing::new([0u8; HALF_KEY]);
        signing_key.copy_from_slice(&key[..HALF_KEY]);
        let encryption_key = &key[HALF_KEY..];

        let aes = fetch("AES-128-CBC")?;
        let mac = hmac_algorithm()?;
        let setup = || -> Result<(CipherCtx, CipherCtx, MacCtx), ErrorStack> {
            let mut encryptor = CipherCtx::new()?;
            encryptor.encrypt_init(Some(aes), Some(encryption_key), None)?;
            let mut decryptor = CipherCtx::new()?;
            decryptor.decrypt_init(Some(aes), Some(encryption_key), None)?;
            let mut hmac = MacCtx::new(mac)?;
            hmac.set_string_param(PARAM_DIGEST, c"SHA2-256")?;
            Ok((encryptor, decryptor, hmac))
        };
        let (encryptor, decryptor, hmac) =
            setup().map_err(|e| openssl_error("Fernet key setup", &e))?;
        Ok(FernetCore {
            signing_key,
            hmac,
            encryptor,
            decryptor,
            raw: Vec::new(),
        })
    }

    fn sign(&mut self, data: &[u8], tag: &mut [u8; HMAC_SIZE]) -> Result<(), ErrorStack> {
        self.hmac.init(&self.signing_key[..])?;
        self.hmac.update(data)?;
        self.hmac.finalize(tag)?;
        Ok(())
    }

    /// Encrypts `data` at `timestamp` with `iv` and writes the base64 token into `out` (at least
    /// [`token_len`] bytes); returns the token's length. PyCA's `_encrypt_from_parts`.
    pub fn encrypt_with_iv_into(
        &mut self,
        data: &[u8],
        timestamp: u64,
        iv: &[u8],
        out: &mut [u8],
    ) -> napi::Result<usize> {
        if iv.len() != IV_SIZE {
            return Err(error(ErrorCode::Value, "A Fernet IV is 16 bytes long"));
        }
        let raw_len = raw_token_len(data.len());
        let text_len = encoded_len(raw_len);
        let out = out.get_mut(..text_len).ok_or_else(|| {
            error(
                ErrorCode::Value,
                format!("output buffer must hold {text_len} bytes"),
            )
        })?;
        let mut raw = std::mem::take(&mut self.raw);
        raw.clear();
        raw.resize(raw_len, 0);
        raw[0] = VERSION;
        raw[1..TIMESTAMP_END].copy_from_slice(&timestamp.to_be_bytes());
        raw[TIMESTAMP_END..HEADER_SIZE].copy_from_slice(iv);
        let mut run = || -> Result<(), ErrorStack> {
            self.encryptor.encrypt_init(None, None, Some(iv))?;
            // The HMAC's room is the slack the exact-bound update asks for; it is written last.
            let body = &mut raw[HEADER_SIZE..];
            let written = update(&mut self.encryptor, data, body)?;
            let finished = self.encryptor.cipher_final(&mut body[written..])?;
            debug_assert_eq!(HEADER_SIZE + written + finished + HMAC_SIZE, raw_len);
            let (signed, tag) = raw.split_at_mut(raw_len - HMAC_SIZE);
            let tag: &mut [u8; HMAC_SIZE] = tag.try_into().expect("32-byte tag slot");
            self.sign(signed, tag)
        };
        let result = run();
        if let Err(stack) = result {
            self.raw = raw;
            return Err(openssl_error("Fernet encryption", &stack));
        }
        encode_urlsafe(&raw, out);
        self.raw = raw;
        Ok(text_len)
    }

    /// Encrypts with a fresh IV from OpenSSL's RAND (the OS random engine while it is active).
    pub fn encrypt_bytes_into(
        &mut self,
        data: &[u8],
        timestamp: u64,
        out: &mut [u8],
    ) -> napi::Result<usize> {
        let mut iv = [0u8; IV_SIZE];
        openssl::rand::rand_bytes(&mut iv).map_err(|e| openssl_error("RAND_bytes", &e))?;
        self.encrypt_with_iv_into(data, timestamp, &iv, out)
    }

    /// Decodes `token` into the scratch buffer and checks what can be checked without the key:
    /// the version byte and the length. Returns the timestamp.
    fn decode_token(&mut self, token: &[u8]) -> napi::Result<u64> {
        if !decode_urlsafe(token, &mut self.raw) {
            return Err(invalid_token());
        }
        let raw = &self.raw;
        if raw.len() < TIMESTAMP_END || raw[0] != VERSION {
            return Err(invalid_token());
        }
        let mut timestamp = [0u8; 8];
        timestamp.copy_from_slice(&raw[1..TIMESTAMP_END]);
        Ok(u64::from_be_bytes(timestamp))
    }

    /// Verifies the HMAC of the decoded token in the scratch buffer, in constant time.
    fn verify_signature(&mut self) -> napi::Result<()> {
        let raw = std::mem::take(&mut self.raw);
        let mut computed = [0u8; HMAC_SIZE];
        let verified = raw.len() >= HMAC_SIZE && {
            let (signed, tag) = raw.split_at(raw.len() - HMAC_SIZE);
            let signed_ok = self.sign(signed, &mut computed).is_ok();
            constant_time_eq(&computed, tag) && signed_ok
        };
        self.raw = raw;
        if verified {
            Ok(())
        } else {
            Err(invalid_token())
        }
    }

    /// The timestamp of a token signed with this key (PyCA's `extract_timestamp`).
    pub fn timestamp_of(&mut self, token: &[u8]) -> napi::Result<u64> {
        let timestamp = self.decode_token(token)?;
        self.verify_signature()?;
        Ok(timestamp)
    }

    /// Verifies and decrypts `token` into `out`; returns the plaintext's length. `out` must
    /// hold at least `3 * token.len() / 4` bytes (a bound on any token's decoded length).
    pub fn decrypt_bytes_into(
        &mut self,
        token: &[u8],
        window: Option<TimeWindow>,
        out: &mut [u8],
    ) -> napi::Result<usize> {
        let timestamp = self.decode_token(token)?;
        if let Some(TimeWindow { ttl, current_time }) = window {
            let (timestamp, ttl, now) = (
                i128::from(timestamp),
                i128::from(ttl),
                i128::from(current_time),
            );
            if timestamp + ttl < now || now + MAX_CLOCK_SKEW < timestamp {
                return Err(invalid_token());
            }
        }
        self.verify_signature()?;
        // Lengths are public: a signed token whose body is not whole blocks cannot decrypt.
        let body_len = self.raw.len().saturating_sub(HEADER_SIZE + HMAC_SIZE);
        if self.raw.len() < HEADER_SIZE + HMAC_SIZE + BLOCK_SIZE
            || !body_len.is_multiple_of(BLOCK_SIZE)
        {
            return Err(invalid_token());
        }
        let needed = body_len + BLOCK_SIZE - 1;
        if out.len() < needed {
            return Err(error(
                ErrorCode::Value,
                format!("output buffer must hold {needed} bytes"),
            ));
        }
        let raw = &self.raw;
        let iv = &raw[TIMESTAMP_END..HEADER_SIZE];
        let body = &raw[HEADER_SIZE..HEADER_SIZE + body_len];
        let decryptor = &mut self.decryptor;
        let mut final_block = Zeroizing::new([0u8; BLOCK_SIZE]);
        let mut run = || -> Result<usize, ErrorStack> {
            decryptor.decrypt_init(None, None, Some(iv))?;
            let written = update(decryptor, body, out)?;
            let finished = decryptor.cipher_final(&mut final_block[..])?;
            out[written..written + finished].copy_from_slice(&final_block[..finished]);
            Ok(written + finished)
        };
        match run() {
            Ok(len) => Ok(len),
            Err(_) => {
                // Bad padding under a valid HMAC: only a key holder can make such a token.
                out[..needed].fill(0);
                Err(invalid_token())
            }
        }
    }
}

#[napi]
impl FernetCore {
    /// `key`: the key's text form (url-safe base64 of 32 bytes), as bytes.
    #[napi(constructor, ts_args_type = "key: Uint8Array")]
    pub fn new(key: BufferSlice) -> napi::Result<FernetCore> {
        FernetCore::from_encoded_key(&key)
    }

    /// Writes the token for `data` at `timestamp` into `out`; returns its length.
    #[napi(ts_args_type = "data: Uint8Array, timestamp: number, out: Uint8Array")]
    pub fn encrypt_into(
        &mut self,
        data: BufferSlice,
        timestamp: i64,
        mut out: BufferSlice,
    ) -> napi::Result<u32> {
        let timestamp = checked_timestamp(timestamp)?;
        self.encrypt_bytes_into(&data, timestamp, &mut out)
            .map(|n| n as u32)
    }

    /// `encryptInto` with a caller-chosen IV (PyCA's `_encrypt_from_parts`; spec vectors).
    #[napi(ts_args_type = "data: Uint8Array, timestamp: number, iv: Uint8Array, out: Uint8Array")]
    pub fn encrypt_with_iv(
        &mut self,
        data: BufferSlice,
        timestamp: i64,
        iv: BufferSlice,
        mut out: BufferSlice,
    ) -> napi::Result<u32> {
        let timestamp = checked_timestamp(timestamp)?;
        self.encrypt_with_iv_into(&data, timestamp, &iv, &mut out)
            .map(|n| n as u32)
    }

    /// Verifies and decrypts `token` into `out`; returns the plaintext's length. With `ttl`
    /// set, the token must be at most `ttl` seconds old and at most 60 s in the future.
    #[napi(
        ts_args_type = "token: Uint8Array, out: Uint8Array, ttl: number | null | undefined, currentTime: number"
    )]
    pub fn decrypt_into(
        &mut self,
        token: BufferSlice,
        mut out: BufferSlice,
        ttl: Option<i64>,
        current_time: i64,
    ) -> napi::Result<u32> {
        let window = ttl.map(|ttl| TimeWindow { ttl, current_time });
        self.decrypt_bytes_into(&token, window, &mut out)
            .map(|n| n as u32)
    }

    /// The timestamp of a token signed with this key (as a number: exact up to 2^53).
    #[napi(ts_args_type = "token: Uint8Array")]
    pub fn extract_timestamp(&mut self, token: BufferSlice) -> napi::Result<f64> {
        self.timestamp_of(&token).map(|t| t as f64)
    }
}

fn checked_timestamp(timestamp: i64) -> napi::Result<u64> {
    u64::try_from(timestamp).map_err(|_| {
        error(
            ErrorCode::Value,
            format!("currentTime must be >= 0, got {timestamp}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The Fernet spec's generate.json vector (also in cryptography-vectors fernet/).
    const SPEC_KEY: &str = "cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=";
    const SPEC_TOKEN: &str = "gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA==";
    const SPEC_TIME: u64 = 499162800;

    fn core() -> FernetCore {
        osrandom::install().unwrap();
        FernetCore::from_encoded_key(SPEC_KEY.as_bytes()).unwrap()
    }

    fn encrypt(core: &mut FernetCore, data: &[u8], timestamp: u64) -> Vec<u8> {
        let mut out = vec![0u8; token_len(data.len())];
        let n = core.encrypt_bytes_into(data, timestamp, &mut out).unwrap();
        assert_eq!(n, out.len());
        out
    }

    fn decrypt(
        core: &mut FernetCore,
        token: &[u8],
        window: Option<TimeWindow>,
    ) -> napi::Result<Vec<u8>> {
        let mut out = vec![0u8; token.len() * 3 / 4];
        let n = core.decrypt_bytes_into(token, window, &mut out)?;
        out.truncate(n);
        Ok(out)
    }

    fn decoded(text: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        decode_urlsafe(text, &mut out).then_some(out)
    }

    const INVALID: &str = "[ERR_HAZMAT_INVALID_TOKEN] The token is malformed, was altered, was made with another key, or is outside its time-to-live.";

    #[test]
    fn spec_vector_generates_and_verifies() {
        let mut core = core();
        let iv: Vec<u8> = (0u8..16).collect();
        let mut out = vec![0u8; token_len(5)];
        core.encrypt_with_iv_into(b"hello", SPEC_TIME, &iv, &mut out)
            .unwrap();
        assert_eq!(std::str::from_utf8(&out).unwrap(), SPEC_TOKEN);
        let window = TimeWindow {
            ttl: 60,
            current_time: SPEC_TIME as i64 + 60,
        };
        assert_eq!(
            decrypt(&mut core, SPEC_TOKEN.as_bytes(), Some(window)).unwrap(),
            b"hello"
        );
        assert_eq!(core.timestamp_of(SPEC_TOKEN.as_bytes()).unwrap(), SPEC_TIME);
    }

    #[test]
    fn round_trips_every_length_around_block_boundaries_and_ivs_differ() {
        let mut core = core();
        for len in [0usize, 1, 15, 16, 17, 31, 32, 100, 1000] {
            let data: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let first = encrypt(&mut core, &data, 1);
            let second = encrypt(&mut core, &data, 1);
            assert_ne!(first, second, "fresh IV per token");
            assert_eq!(decrypt(&mut core, &first, None).unwrap(), data);
            assert_eq!(decrypt(&mut core, &second, None).unwrap(), data);
        }
    }

    #[test]
    fn ttl_and_clock_skew_edges() {
        let mut core = core();
        let token = encrypt(&mut core, b"x", 1000);
        let at = |ttl, current_time| Some(TimeWindow { ttl, current_time });
        assert!(decrypt(&mut core, &token, at(10, 1010)).is_ok());
        assert_eq!(
            decrypt(&mut core, &token, at(10, 1011)).unwrap_err().reason,
            INVALID
        );
        assert!(decrypt(&mut core, &token, at(10, 940)).is_ok());
        assert!(decrypt(&mut core, &token, at(10, 939)).is_err());
        assert!(decrypt(&mut core, &token, at(-1, 1000)).is_err());
        assert!(decrypt(&mut core, &token, at(i64::MAX, i64::MAX)).is_ok());
        let late = encrypt(&mut core, b"x", u64::MAX);
        assert!(decrypt(&mut core, &late, at(0, i64::MAX)).is_err());
        assert!(decrypt(&mut core, &late, None).is_ok());
    }

    #[test]
    fn every_bad_token_is_invalid_token() {
        let mut core = core();
        let token = encrypt(&mut core, b"secret message", 5);
        let raw = decoded(&token).unwrap();
        let encode = |raw: &[u8]| {
            let mut out = vec![0u8; encoded_len(raw.len())];
            encode_urlsafe(raw, &mut out);
            out
        };
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"not base64 !".to_vec(),
            token[..token.len() - 3].to_vec(),
            encode(&raw[..raw.len() - 1]),
            encode(&raw[..8]),
            encode(&raw[..57]),
        ];
        for index in [0, 3, 12, 30, raw.len() - 1] {
            let mut tampered = raw.clone();
            tampered[index] ^= 1;
            cases.push(encode(&tampered));
        }
        let mut other =
            FernetCore::from_encoded_key(b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").unwrap();
        cases.push(encrypt(&mut other, b"secret message", 5));
        for case in cases {
            assert_eq!(decrypt(&mut core, &case, None).unwrap_err().reason, INVALID);
            assert!(core.timestamp_of(&case).is_err());
        }
        // The core still works afterwards.
        assert_eq!(decrypt(&mut core, &token, None).unwrap(), b"secret message");
    }

    #[test]
    fn bad_padding_under_a_valid_hmac_is_invalid_token() {
        let mut core = core();
        // A signed token whose last block does not unpad: sign raw bytes by hand.
        let mut raw = vec![VERSION];
        raw.extend_from_slice(&7u64.to_be_bytes());
        raw.extend_from_slice(&[0u8; 16 + 32]);
        let mut tag = [0u8; HMAC_SIZE];
        core.sign(&raw, &mut tag).unwrap();
        raw.extend_from_slice(&tag);
        let mut text = vec![0u8; encoded_len(raw.len())];
        encode_urlsafe(&raw, &mut text);
        assert_eq!(core.timestamp_of(&text).unwrap(), 7);
        assert_eq!(decrypt(&mut core, &text, None).unwrap_err().reason, INVALID);
    }

    #[test]
    fn keys_must_decode_to_32_bytes() {
        osrandom::install().unwrap();
        let message = "[ERR_HAZMAT_VALUE] Fernet key must be 32 url-safe base64-encoded bytes.";
        for key in [
            &b""[..],
            b"abc",
            &[b'A'; 43],
            &[b'A'; 48],
            b"cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e",
        ] {
            assert_eq!(
                FernetCore::from_encoded_key(key).err().unwrap().reason,
                message
            );
        }
        // PyCA's decoder skips stray characters and accepts the standard alphabet too.
        assert!(
            FernetCore::from_encoded_key(b"cw/0x689RpI+jtRR7oE8h/eQsKImvJapLeSbXpwF4e4=\n").is_ok()
        );
    }

    #[test]
    fn decoder_follows_python_urlsafe_b64decode() {
        // Expected values from Python 3.11's base64.urlsafe_b64decode.
        let ok: [(&[u8], &[u8]); 17] = [
            (b"YWJj", b"abc"),
            (b"YWI=", b"ab"),
            (b"YW==", b"a"),
            (b"YWI=YWJj", b"ab"),
            (b"YW=Jj", b"abc"),
            (b"YW==Jj", b"a"),
            (b"Y=WJj", b"abc"),
            (b"=YWJj", b"abc"),
            (b"Y WJj\n", b"abc"),
            (b"YW+/", b"ao\xbf"),
            (b"YW-_", b"ao\xbf"),
            (b"YWJ\x80j", b"abc"),
            (b"YWJ=\x80", b"ab"),
            (b"", b""),
            (b"====", b""),
            (b"YWJjZA===", b"abcd"),
            (b"YWJjZB==", b"abcd"),
        ];
        for (text, expected) in ok {
            assert_eq!(
                decoded(text).unwrap(),
                expected,
                "{}",
                String::from_utf8_lossy(text)
            );
        }
        for text in [
            &b"YWJ"[..],
            b"YWI",
            b"YW=",
            b"Y",
            b"YWJjZA=",
            b"YWJjZA",
            b"YWJjZ===",
        ] {
            assert!(decoded(text).is_none(), "{}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn encoder_pads_like_python() {
        for (raw, expected) in [
            (&b""[..], &b""[..]),
            (b"a", b"YQ=="),
            (b"ab", b"YWI="),
            (b"abc", b"YWJj"),
            (b"\xfb\xff", b"-_8="),
        ] {
            let mut out = vec![0u8; encoded_len(raw.len())];
            encode_urlsafe(raw, &mut out);
            assert_eq!(out, expected);
        }
    }
}
