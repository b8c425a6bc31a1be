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
