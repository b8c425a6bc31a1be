//! KEM operations (`EVP_PKEY_encapsulate` / `EVP_PKEY_decapsulate`) the `openssl` crate does
//! not wrap, for ML-KEM keys. Output buffers are the caller's; sizes are checked by OpenSSL
//! against the lengths passed in.

use std::ptr;

use foreign_types::ForeignTypeRef;
use openssl::error::ErrorStack;
use openssl::pkey::{HasPublic, PKeyRef, Private};
use openssl::pkey_ctx::PkeyCtx;

fn check(rc: std::ffi::c_int) -> Result<(), ErrorStack> {
    if rc > 0 {
        Ok(())
    } else {
        Err(ErrorStack::get())
    }
}

/// Encapsulates to `pkey`: writes the shared secret into `secret` and the ciphertext into
/// `ciphertext`; returns their lengths (secret, ciphertext).
pub fn encapsulate<T: HasPublic>(
    pkey: &PKeyRef<T>,
    secret: &mut [u8],
    ciphertext: &mut [u8],
) -> Result<(usize, usize), ErrorStack> {
    let ctx = PkeyCtx::new(pkey)?;
    let mut secret_len = secret.len();
    let mut ct_len = ciphertext.len();
    // SAFETY: `ctx` is a live EVP_PKEY_CTX; a null parameter array is allowed.
    check(unsafe { openssl_sys::EVP_PKEY_encapsulate_init(ctx.as_ptr(), ptr::null()) })?;
    // SAFETY: both buffers are valid for writes of the lengths passed, which OpenSSL checks
    // against the sizes it needs before writing.
    check(unsafe {
        openssl_sys::EVP_PKEY_encapsulate(
            ctx.as_ptr(),
            ciphertext.as_mut_ptr(),
            &mut ct_len,
            secret.as_mut_ptr(),
            &mut secret_len,
        )
    })?;
    Ok((secret_len, ct_len))
}

/// Decapsulates `ciphertext` with `pkey` into `secret`; returns the secret's length. ML-KEM's
/// implicit rejection means a well-sized but wrong ciphertext yields a pseudo-random secret,
/// not an error.
pub fn decapsulate(
    pkey: &PKeyRef<Private>,
    ciphertext: &[u8],
    secret: &mut [u8],
) -> Result<usize, ErrorStack> {
    let ctx = PkeyCtx::new(pkey)?;
    let mut secret_len = secret.len();
    // SAFETY: `ctx` is a live EVP_PKEY_CTX; a null parameter array is allowed.
    check(unsafe { openssl_sys::EVP_PKEY_decapsulate_init(ctx.as_ptr(), ptr::null()) })?;
    // SAFETY: `secret` is valid for writes of `secret_len` bytes (checked by OpenSSL) and
    // `ciphertext` for reads of its length.
    check(unsafe {
        openssl_sys::EVP_PKEY_decapsulate(
            ctx.as_ptr(),
            secret.as_mut_ptr(),
            &mut secret_len,
            ciphertext.as_ptr(),
            ciphertext.len(),
        )
    })?;
    Ok(secret_len)
}

unsafe extern "C" {
    // Declared in <openssl/provider.h>, missing from openssl-sys.
    fn OSSL_PROVIDER_do_all(
        libctx: *mut openssl_sys::OSSL_LIB_CTX,
        cb: unsafe extern "C" fn(*mut OsslProvider, *mut std::ffi::c_void) -> std::ffi::c_int,
        cbdata: *mut std::ffi::c_void,
    ) -> std::ffi::c_int;
    fn OSSL_PROVIDER_get0_name(prov: *const OsslProvider) -> *const std::ffi::c_char;
    fn OSSL_PROVIDER_add_conf_parameter(
        prov: *mut OsslProvider,
        name: *const std::ffi::c_char,
        value: *const std::ffi::c_char,
    ) -> std::ffi::c_int;
}

#[repr(C)]
struct OsslProvider {
    _private: [u8; 0],
}

unsafe extern "C" fn seed_only_on(
    prov: *mut OsslProvider,
    _: *mut std::ffi::c_void,
) -> std::ffi::c_int {
    // SAFETY: OpenSSL hands the callback a live provider; its name is a static C string.
    let name = unsafe { std::ffi::CStr::from_ptr(OSSL_PROVIDER_get0_name(prov)) };
    if name == c"default" {
        for key in [c"ml-kem.output_formats", c"ml-dsa.output_formats"] {
            // SAFETY: the provider is live; OpenSSL copies both strings.
            unsafe { OSSL_PROVIDER_add_conf_parameter(prov, key.as_ptr(), c"seed-only".as_ptr()) };
        }
    }
    1
}

/// Makes the default provider encode ML-KEM and ML-DSA private keys in PKCS#8 as their seed
/// only (the form PyCA writes and reads), instead of OpenSSL's default seed-and-expanded-key
/// form. Process-wide for this addon's OpenSSL; applied once, before the first such encoding
/// (the provider is active by then, since a key of these types exists).
pub fn encode_seed_only() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: a null library context is the default one; the callback matches the
        // signature OpenSSL expects and ignores its data pointer.
        unsafe { OSSL_PROVIDER_do_all(ptr::null_mut(), seed_only_on, ptr::null_mut()) };
    });
}

/// Starts a one-shot ML-DSA sign (or verify) operation on `ctx` whose input is the 64-byte
/// message representative mu (FIPS 204 "external mu") rather than the message. The ML-DSA
/// provider only takes OpenSSL's `mu` parameter through the message-signing init calls, which
/// need the signature algorithm fetched by the key's type name.
fn init_mu<T: HasPublic>(
    pkey: &PKeyRef<T>,
    ctx: &PkeyCtx<T>,
    verify: bool,
) -> Result<(), ErrorStack> {
    let name = crate::pkey::type_name(pkey)
        .and_then(|n| std::ffi::CString::new(n).ok())
        .ok_or_else(ErrorStack::get)?;
    // SAFETY: a null library context and property query select the defaults; `name` is a
    // live C string.
    let alg =
        unsafe { openssl_sys::EVP_SIGNATURE_fetch(ptr::null_mut(), name.as_ptr(), ptr::null()) };
    if alg.is_null() {
        return Err(ErrorStack::get());
    }
    let mut on: std::ffi::c_uint = 1;
    // SAFETY: the parameter names are static C strings and `on` outlives the init call, which
    // copies the value; the array ends with OSSL_PARAM_construct_end. The context takes its
    // own reference to `alg`, so ours is released right after.
    unsafe {
        let params = [
            openssl_sys::OSSL_PARAM_construct_uint(c"mu".as_ptr(), &mut on),
            openssl_sys::OSSL_PARAM_construct_end(),
        ];
        let rc = if verify {
            openssl_sys::EVP_PKEY_verify_message_init(ctx.as_ptr(), alg, params.as_ptr())
        } else {
            openssl_sys::EVP_PKEY_sign_message_init(ctx.as_ptr(), alg, params.as_ptr())
        };
        openssl_sys::EVP_SIGNATURE_free(alg);
        check(rc)
    }
}

/// ML-DSA signature of the precomputed mu (64 bytes; OpenSSL rejects other lengths) into
/// `out`; returns the signature length. Hedged, like signing a message.
pub fn sign_mu(pkey: &PKeyRef<Private>, mu: &[u8], out: &mut [u8]) -> Result<usize, ErrorStack> {
    let mut ctx = PkeyCtx::new(pkey)?;
    init_mu(pkey, &ctx, false)?;
    ctx.sign(mu, Some(out))
}

/// Whether `signature` is a valid ML-DSA signature of the precomputed mu. A malformed
/// signature or mu is `false`, and the error queue is cleared.
pub fn verify_mu<T: HasPublic>(
    pkey: &PKeyRef<T>,
    signature: &[u8],
    mu: &[u8],
) -> Result<bool, ErrorStack> {
    let mut ctx = PkeyCtx::new(pkey)?;
    init_mu(pkey, &ctx, true)?;
    let ok = ctx.verify(mu, signature).unwrap_or(false);
    let _ = ErrorStack::get();
    Ok(ok)
}
