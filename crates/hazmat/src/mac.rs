//! Message authentication codes: HMAC, CMAC and Poly1305, all through OpenSSL 3's `EVP_MAC`
//! (wrapped in `openssl_ext::mac`), plus the constant-time comparison they verify with.
//!
//! Each object keeps one keyed context (`None` once finalized, so every later call is the one
//! `AlreadyFinalized` error). `verify` computes the tag, compares it in constant time and fails
//! with a fixed message that never depends on where the tags differ.

use std::cell::RefCell;
use std::ffi::CString;
use std::sync::OnceLock;

use napi::Env;
use napi::bindgen_prelude::BufferSlice;
use napi_derive::napi;
use openssl_ext::mac::{Mac, MacCtx, PARAM_CIPHER, PARAM_DIGEST};

use crate::errors::{ErrorCode, already_finalized, error, fetch_once, openssl_error};
use crate::hashes::{Output, algorithm_by_id};

/// Poly1305 keys are exactly this long (RFC 8439).
pub const POLY1305_KEY_SIZE: usize = 32;

fn hmac_algorithm() -> napi::Result<&'static Mac> {
    static HMAC: OnceLock<Mac> = OnceLock::new();
    fetch_once(&HMAC, "EVP_MAC_fetch", || Mac::fetch(c"HMAC"))
}

fn cmac_algorithm() -> napi::Result<&'static Mac> {
    static CMAC: OnceLock<Mac> = OnceLock::new();
    fetch_once(&CMAC, "EVP_MAC_fetch", || Mac::fetch(c"CMAC"))
}

fn poly1305_algorithm() -> napi::Result<&'static Mac> {
    static POLY1305: OnceLock<Mac> = OnceLock::new();
    fetch_once(&POLY1305, "EVP_MAC_fetch", || Mac::fetch(c"POLY1305"))
}

fn new_ctx(mac: &Mac) -> napi::Result<MacCtx> {
    MacCtx::new(mac).map_err(|e| openssl_error("EVP_MAC_CTX_new", &e))
}

fn init(ctx: &mut MacCtx, key: &[u8]) -> napi::Result<()> {
    ctx.init(key).map_err(|e| openssl_error("EVP_MAC_init", &e))
}

fn update(ctx: &mut MacCtx, data: &[u8]) -> napi::Result<()> {
    ctx.update(data)
        .map_err(|e| openssl_error("EVP_MAC_update", &e))
}

fn duplicate(ctx: &MacCtx) -> napi::Result<MacCtx> {
    ctx.try_clone()
        .map_err(|e| openssl_error("EVP_MAC_CTX_dup", &e))
}

fn finalize(ctx: &mut MacCtx) -> napi::Result<Output> {
    let mut tag = Output::zeroed(ctx.mac_size())?;
    let written = ctx
        .finalize(&mut tag)
        .map_err(|e| openssl_error("EVP_MAC_final", &e))?;
    tag.truncate(written);
    Ok(tag)
}

/// Whether `a` and `b` are equal, in time that depends only on their lengths (which are not
/// secret: a tag's length is public). Uses OpenSSL's `CRYPTO_memcmp`.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && openssl::memcmp::eq(a, b)
}

/// Compares a computed tag with the expected one: `InvalidSignature` with `message` when they
/// differ.
fn check_tag(computed: &[u8], expected: &[u8], message: &str) -> napi::Result<()> {
    if constant_time_eq(computed, expected) {
        Ok(())
    } else {
        Err(error(ErrorCode::InvalidSignature, message))
    }
}

thread_local! {
    /// One HMAC context per hash for the one-shot path, its digest already set: a call only
    /// re-keys it (EVP_MAC_init), which allocates nothing and fetches nothing.
    static HMAC_ONE_SHOT: RefCell<Vec<Option<MacCtx>>> = const { RefCell::new(Vec::new()) };
}

/// HMAC of `data` under `key` with hash `hash_id`, written into `out` (at least the digest's
/// length); returns the tag length. The one native call behind `new HMAC(…).update(…)
/// .finalize()` when the data fits the façade's buffer.
pub fn hmac_into_bytes(
    hash_id: u32,
    key: &[u8],
    data: &[u8],
    out: &mut [u8],
) -> napi::Result<usize> {
    let (row, _) = algorithm_by_id(hash_id)?;
    if row.xof {
        return Err(error(
            ErrorCode::UnsupportedAlgorithm,
            format!("{} is not supported for HMAC", row.name),
        ));
    }
    HMAC_ONE_SHOT.with(|contexts| {
        let mut contexts = contexts.borrow_mut();
        let index = hash_id as usize;
        if contexts.len() <= index {
            contexts.resize_with(index + 1, || None);
        }
        let ctx = match &mut contexts[index] {
            Some(ctx) => ctx,
            slot => {
                let mut ctx = new_ctx(hmac_algorithm()?)?;
                ctx.set_string_param(PARAM_DIGEST, row.openssl_name)
                    .map_err(|e| openssl_error("EVP_MAC_CTX_set_params", &e))?;
                slot.insert(ctx)
            }
        };
        init(ctx, key)?;
        update(ctx, data)?;
        let size = ctx.mac_size();
        let out = out.get_mut(..size).ok_or_else(|| {
            error(
                ErrorCode::Value,
                format!("output buffer must hold {size} bytes"),
            )
        })?;
        ctx.finalize(out)
            .map_err(|e| openssl_error("EVP_MAC_final", &e))
    })
}

/// PyCA's `hmac.HMAC` over hash `hash_id` of `crate::hashes`.
#[napi]
pub struct HmacCtx {
    ctx: Option<MacCtx>,
}

impl HmacCtx {
    pub fn create(key: &[u8], hash_id: u32) -> napi::Result<HmacCtx> {
        let (row, _) = algorithm_by_id(hash_id)?;
        if row.xof {
            return Err(error(
                ErrorCode::UnsupportedAlgorithm,
                format!("{} is not supported for HMAC", row.name),
            ));
        }
        let mut ctx = new_ctx(hmac_algorithm()?)?;
        ctx.set_string_param(PARAM_DIGEST, row.openssl_name)
            .map_err(|e| openssl_error("EVP_MAC_CTX_set_params", &e))?;
        init(&mut ctx, key)?;
        Ok(HmacCtx { ctx: Some(ctx) })
    }

    pub fn update_bytes(&mut self, data: &[u8]) -> napi::Result<()> {
        update(self.ctx.as_mut().ok_or_else(already_finalized)?, data)
    }

    pub fn copy_ctx(&self) -> napi::Result<HmacCtx> {
        let ctx = self.ctx.as_ref().ok_or_else(already_finalized)?;
        Ok(HmacCtx {
            ctx: Some(duplicate(ctx)?),
        })
    }

    pub fn finalize_bytes(&mut self) -> napi::Result<Output> {
        finalize(&mut self.ctx.take().ok_or_else(already_finalized)?)
    }

    pub fn verify_bytes(&mut self, signature: &[u8]) -> napi::Result<()> {
        let computed = self.finalize_bytes()?;
        check_tag(&computed, signature, "Signature did not match digest.")
    }
}

#[napi]
impl HmacCtx {
    #[napi(constructor, ts_args_type = "key: Uint8Array, hashId: number")]
    pub fn new(key: &[u8], hash_id: u32) -> napi::Result<HmacCtx> {
        HmacCtx::create(key, hash_id)
    }

    #[napi(ts_args_type = "data: Uint8Array")]
    pub fn update(&mut self, data: &[u8]) -> napi::Result<()> {
        self.update_bytes(data)
    }

    #[napi]
    pub fn copy(&self) -> napi::Result<HmacCtx> {
        self.copy_ctx()
    }

    #[napi(ts_return_type = "Buffer")]
    pub fn finalize<'env>(&mut self, env: &'env Env) -> napi::Result<BufferSlice<'env>> {
        self.finalize_bytes()?.into_js(env)
    }

    #[napi(ts_args_type = "signature: Uint8Array")]
    pub fn verify(&mut self, signature: &[u8]) -> napi::Result<()> {
        self.verify_bytes(signature)
    }
}

/// A CMAC context configured for the CBC cipher `cipher_name` ("AES-128-CBC", …), unkeyed.
/// `None` when OpenSSL has no such cipher.
fn cmac_ctx_for(cipher_name: &str) -> napi::Result<Option<MacCtx>> {
    let Ok(name) = CString::new(cipher_name) else {
        return Ok(None);
    };
    let mut ctx = new_ctx(cmac_algorithm()?)?;
    match ctx.set_string_param(PARAM_CIPHER, &name) {
        Ok(()) => Ok(Some(ctx)),
        // The queue only says the fetch failed; the answer is "unsupported".
        Err(_) => Ok(None),
    }
}

/// PyCA's `cmac.CMAC` with the block cipher OpenSSL names `cipher_name` in CBC mode.
#[napi]
pub struct CmacCtx {
    ctx: Option<MacCtx>,
}

impl CmacCtx {
    pub fn create(cipher_name: &str, key: &[u8]) -> napi::Result<CmacCtx> {
        let mut ctx = cmac_ctx_for(cipher_name)?.ok_or_else(|| {
            error(
                ErrorCode::UnsupportedAlgorithm,
                "CMAC is not supported with this algorithm",
            )
        })?;
        init(&mut ctx, key)?;
        Ok(CmacCtx { ctx: Some(ctx) })
    }

    pub fn update_bytes(&mut self, data: &[u8]) -> napi::Result<()> {
        update(self.ctx.as_mut().ok_or_else(already_finalized)?, data)
    }

    pub fn copy_ctx(&self) -> napi::Result<CmacCtx> {
        let ctx = self.ctx.as_ref().ok_or_else(already_finalized)?;
        Ok(CmacCtx {
            ctx: Some(duplicate(ctx)?),
        })
    }

    pub fn finalize_bytes(&mut self) -> napi::Result<Output> {
        finalize(&mut self.ctx.take().ok_or_else(already_finalized)?)
    }

    pub fn verify_bytes(&mut self, signature: &[u8]) -> napi::Result<()> {
        let computed = self.finalize_bytes()?;
        check_tag(&computed, signature, "Signature did not match digest.")
    }
}

#[napi]
impl CmacCtx {
    #[napi(constructor, ts_args_type = "cipherName: string, key: Uint8Array")]
    pub fn new(cipher_name: String, key: &[u8]) -> napi::Result<CmacCtx> {
        CmacCtx::create(&cipher_name, key)
    }

    #[napi(ts_args_type = "data: Uint8Array")]
    pub fn update(&mut self, data: &[u8]) -> napi::Result<()> {
        self.update_bytes(data)
    }

    #[napi]
    pub fn copy(&self) -> napi::Result<CmacCtx> {
        self.copy_ctx()
    }

    #[napi(ts_return_type = "Buffer")]
    pub fn finalize<'env>(&mut self, env: &'env Env) -> napi::Result<BufferSlice<'env>> {
        self.finalize_bytes()?.into_js(env)
    }

    #[napi(ts_args_type = "signature: Uint8Array")]
    pub fn verify(&mut self, signature: &[u8]) -> napi::Result<()> {
        self.verify_bytes(signature)
    }
}

/// Whether CMAC works with the CBC cipher OpenSSL names `cipher_name`.
#[napi]
pub fn cmac_supported(cipher_name: String) -> napi::Result<bool> {
    Ok(cmac_ctx_for(&cipher_name)?.is_some())
}

fn check_poly1305_key(key: &[u8]) -> napi::Result<()> {
    if key.len() == POLY1305_KEY_SIZE {
        Ok(())
    } else {
        Err(error(ErrorCode::Value, "A poly1305 key is 32 bytes long"))
    }
}

const POLY1305_MISMATCH: &str = "Value did not match computed tag.";

/// PyCA's `poly1305.Poly1305`: a one-time authenticator, so no `copy`.
#[napi]
pub struct Poly1305Ctx {
    ctx: Option<MacCtx>,
}

impl Poly1305Ctx {
    pub fn create(key: &[u8]) -> napi::Result<Poly1305Ctx> {
        check_poly1305_key(key)?;
        let mut ctx = new_ctx(poly1305_algorithm()?)?;
        init(&mut ctx, key)?;
        Ok(Poly1305Ctx { ctx: Some(ctx) })
    }

    pub fn update_bytes(&mut self, data: &[u8]) -> napi::Result<()> {
        update(self.ctx.as_mut().ok_or_else(already_finalized)?, data)
    }

    pub fn finalize_bytes(&mut self) -> napi::Result<Output> {
        finalize(&mut self.ctx.take().ok_or_else(already_finalized)?)
    }

    pub fn verify_bytes(&mut self, tag: &[u8]) -> napi::Result<()> {
        let computed = self.finalize_bytes()?;
        check_tag(&computed, tag, POLY1305_MISMATCH)
    }
}

#[napi]
impl Poly1305Ctx {
    #[napi(constructor, ts_args_type = "key: Uint8Array")]
    pub fn new(key: &[u8]) -> napi::Result<Poly1305Ctx> {
        Poly1305Ctx::create(key)
    }

    #[napi(ts_args_type = "data: Uint8Array")]
    pub fn update(&mut self, data: &[u8]) -> napi::Result<()> {
        self.update_bytes(data)
    }

    #[napi(ts_return_type = "Buffer")]
    pub fn finalize<'env>(&mut self, env: &'env Env) -> napi::Result<BufferSlice<'env>> {
        self.finalize_bytes()?.into_js(env)
    }

    #[napi(ts_args_type = "tag: Uint8Array")]
    pub fn verify(&mut self, tag: &[u8]) -> napi::Result<()> {
        self.verify_bytes(tag)
    }
}

thread_local! {
    /// The one-shot Poly1305 context of this thread, re-keyed for every tag.
    static POLY1305_ONE_SHOT: RefCell<Option<MacCtx>> = const { RefCell::new(None) };
}

/// The Poly1305 tag of `data` under `key`, computed in one step.
pub fn poly1305_tag(key: &[u8], data: &[u8]) -> napi::Result<Output> {
    check_poly1305_key(key)?;
    POLY1305_ONE_SHOT.with(|slot| {
        let mut slot = slot.borrow_mut();
        let ctx = match slot.as_mut() {
            Some(ctx) => ctx,
            None => slot.insert(new_ctx(poly1305_algorithm()?)?),
        };
        init(ctx, key)?;
        update(ctx, data)?;
        finalize(ctx)
    })
}

/// `Poly1305.generate_tag(key, data)`.
#[napi(
    ts_args_type = "key: Uint8Array, data: Uint8Array",
    ts_return_type = "Buffer"
)]
pub fn poly1305_generate_tag<'env>(
    env: &'env Env,
    key: &[u8],
    data: &[u8],
) -> napi::Result<BufferSlice<'env>> {
    poly1305_tag(key, data)?.into_js(env)
}

/// `Poly1305.verify_tag(key, data, tag)`: `InvalidSignature` when the tag does not match.
#[napi(ts_args_type = "key: Uint8Array, data: Uint8Array, tag: Uint8Array")]
pub fn poly1305_verify_tag(key: &[u8], data: &[u8], tag: &[u8]) -> napi::Result<()> {
    check_tag(&poly1305_tag(key, data)?, tag, POLY1305_MISMATCH)
}

/// `constant_time.bytes_eq(a, b)`: equality in time independent of where the bytes differ.
#[napi(ts_args_type = "a: Uint8Array, b: Uint8Array")]
pub fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    constant_time_eq(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hashes::algorithm_id;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    fn hash_id(name: &str) -> u32 {
        algorithm_id(name).unwrap() as u32
    }

    const FINALIZED: &str = "[ERR_HAZMAT_ALREADY_FINALIZED] Context was already finalized.";

    #[test]
    fn hmac_matches_rfc_4231_and_copies_are_independent() {
        // RFC 4231 test case 2.
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let mut hmac = HmacCtx::create(b"Jefe", hash_id("sha256")).unwrap();
        hmac.update_bytes(b"what do ya want ").unwrap();
        let mut copy = hmac.copy_ctx().unwrap();
        hmac.update_bytes(b"for nothing?").unwrap();
        assert_eq!(hex(&hmac.finalize_bytes().unwrap()), expected);
        copy.update_bytes(b"for nothing?").unwrap();
        copy.verify_bytes(&unhex(expected)).unwrap();

        for failure in [
            hmac.update_bytes(b"").err(),
            hmac.copy_ctx().err(),
            hmac.finalize_bytes().err(),
            hmac.verify_bytes(b"").err(),
        ] {
            assert_eq!(failure.unwrap().reason, FINALIZED);
        }
    }

    #[test]
    fn hmac_verify_rejects_tampered_and_truncated_tags_and_then_is_finalized() {
        let mut reference = HmacCtx::create(b"key", hash_id("sha512")).unwrap();
        reference.update_bytes(b"message").unwrap();
        let tag = reference.finalize_bytes().unwrap().to_vec();
        assert_eq!(tag.len(), 64);

        let mut tampered = tag.clone();
        tampered[63] ^= 1;
        for candidate in [tampered, tag[..63].to_vec(), Vec::new()] {
            let mut hmac = HmacCtx::create(b"key", hash_id("sha512")).unwrap();
            hmac.update_bytes(b"message").unwrap();
            assert_eq!(
                hmac.verify_bytes(&candidate).err().unwrap().reason,
                "[ERR_HAZMAT_INVALID_SIGNATURE] Signature did not match digest."
            );
            assert_eq!(hmac.update_bytes(b"").err().unwrap().reason, FINALIZED);
        }
    }

    #[test]
    fn hmac_works_with_every_fixed_size_hash_and_refuses_xofs() {
        for row in &crate::hashes::ALGORITHMS {
            let id = hash_id(row.name);
            match HmacCtx::create(b"k", id) {
                Ok(mut hmac) => {
                    assert!(!row.xof, "{}", row.name);
                    assert!(!hmac.finalize_bytes().unwrap().is_empty());
                }
                Err(e) => {
                    assert!(row.xof, "{}: {}", row.name, e.reason);
                    assert!(
                        e.reason
                            .starts_with("[ERR_HAZMAT_UNSUPPORTED_ALGORITHM] shake"),
                        "{}",
                        e.reason
                    );
                }
            }
        }
    }

    #[test]
    fn cmac_matches_sp_800_38b_and_rejects_unknown_ciphers() {
        let key = unhex("2b7e151628aed2a6abf7158809cf4f3c");
        let mut cmac = CmacCtx::create("AES-128-CBC", &key).unwrap();
        cmac.update_bytes(&unhex("6bc1bee22e409f96e93d7e117393172a"))
            .unwrap();
        let copy = cmac.copy_ctx().unwrap();
        assert_eq!(
            hex(&cmac.finalize_bytes().unwrap()),
            "070a16b46b4d4144f79bdd9dd04a287c"
        );
        let mut copy = copy;
        copy.verify_bytes(&unhex("070a16b46b4d4144f79bdd9dd04a287c"))
            .unwrap();
        assert_eq!(cmac.update_bytes(b"").err().unwrap().reason, FINALIZED);

        assert!(cmac_supported("AES-256-CBC".to_owned()).unwrap());
        assert!(cmac_supported("DES-EDE3-CBC".to_owned()).unwrap());
        for name in ["AES-512-CBC", "NOPE", "AES\0-128-CBC"] {
            assert!(!cmac_supported(name.to_owned()).unwrap(), "{name}");
            assert_eq!(
                CmacCtx::create(name, &key).err().unwrap().reason,
                "[ERR_HAZMAT_UNSUPPORTED_ALGORITHM] CMAC is not supported with this algorithm"
            );
        }
        // A key the cipher cannot take is OpenSSL's refusal, reported as an InternalError.
        let message = CmacCtx::create("AES-128-CBC", &key[..5])
            .err()
            .unwrap()
            .reason;
        assert!(
            message.starts_with("[ERR_HAZMAT_INTERNAL] EVP_MAC_init failed"),
            "{message}"
        );
    }

    #[test]
    fn poly1305_matches_rfc_8439_in_every_form() {
        let key = unhex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        let data = b"Cryptographic Forum Research Group";
        let expected = "a8061dc1305136c6c22b8baf0c0127a9";

        let mut poly = Poly1305Ctx::create(&key).unwrap();
        poly.update_bytes(&data[..10]).unwrap();
        poly.update_bytes(&data[10..]).unwrap();
        assert_eq!(hex(&poly.finalize_bytes().unwrap()), expected);
        assert_eq!(poly.update_bytes(b"").err().unwrap().reason, FINALIZED);

        // The thread's one-shot context is re-keyed every time.
        assert_eq!(hex(&poly1305_tag(&key, data).unwrap()), expected);
        assert_ne!(hex(&poly1305_tag(&[7u8; 32], data).unwrap()), expected);
        assert_eq!(hex(&poly1305_tag(&key, data).unwrap()), expected);
        poly1305_verify_tag(&key, data, &unhex(expected)).unwrap();
        assert_eq!(
            poly1305_verify_tag(&key, b"other", &unhex(expected))
                .err()
                .unwrap()
                .reason,
            "[ERR_HAZMAT_INVALID_SIGNATURE] Value did not match computed tag."
        );

        let mut poly = Poly1305Ctx::create(&key).unwrap();
        poly.update_bytes(data).unwrap();
        assert!(poly.verify_bytes(&unhex(expected)[..15]).is_err());
    }

    #[test]
    fn poly1305_keys_must_be_32_bytes() {
        for len in [0, 16, 31, 33] {
            let key = vec![1u8; len];
            let expected = "[ERR_HAZMAT_VALUE] A poly1305 key is 32 bytes long";
            assert_eq!(Poly1305Ctx::create(&key).err().unwrap().reason, expected);
            assert_eq!(poly1305_tag(&key, b"").err().unwrap().reason, expected);
        }
    }

    #[test]
    fn constant_time_eq_compares_lengths_then_contents() {
        assert!(constant_time_eq(b"", b""));
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
        assert!(bytes_eq(b"x", b"x"));
    }
}
