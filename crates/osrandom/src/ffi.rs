//! The few libcrypto declarations this crate needs that `openssl-sys` does not carry: the
//! provider plumbing of OpenSSL 3.x and the 3.5 random-provider switch. Everything here is a
//! plain declaration; the symbols come from the static libcrypto that `openssl-sys` links.

use std::ffi::{c_char, c_int, c_void};

pub use openssl_sys::{OSSL_LIB_CTX, OSSL_PROVIDER};

/// `OSSL_DISPATCH` from `<openssl/core.h>`: one entry of a provider's function table.
#[repr(C)]
pub struct OsslDispatch {
    pub function_id: c_int,
    pub function: Option<unsafe extern "C" fn()>,
}

// SAFETY: a dispatch table is immutable data (an id and a function pointer); OpenSSL only reads it.
unsafe impl Sync for OsslDispatch {}

/// `OSSL_FUNC_PROVIDER_RANDOM_BYTES` from `<openssl/core_dispatch.h>` (new in 3.5).
pub const OSSL_FUNC_PROVIDER_RANDOM_BYTES: c_int = 1032;
/// `OSSL_PROV_RANDOM_PUBLIC` / `OSSL_PROV_RANDOM_PRIVATE`: the `which` argument of that function.
#[cfg_attr(not(test), allow(dead_code))]
pub const OSSL_PROV_RANDOM_PRIVATE: c_int = 1;

/// `OPENSSL_INIT_NO_LOAD_CONFIG` and `OPENSSL_INIT_NO_ATEXIT` from `<openssl/crypto.h>`.
pub const OPENSSL_INIT_NO_LOAD_CONFIG: u64 = 0x0000_0080;
pub const OPENSSL_INIT_NO_ATEXIT: u64 = 0x0008_0000;

/// `OSSL_provider_init_fn`.
pub type ProviderInitFn = unsafe extern "C" fn(
    handle: *const c_void,
    core_dispatch: *const OsslDispatch,
    out: *mut *const OsslDispatch,
    provider_ctx: *mut *mut c_void,
) -> c_int;

/// `OSSL_FUNC_provider_random_bytes_fn`.
pub type ProviderRandomBytesFn = unsafe extern "C" fn(
    provider_ctx: *mut c_void,
    which: c_int,
    buf: *mut c_void,
    len: usize,
    strength: u32,
) -> c_int;

unsafe extern "C" {
    pub fn OPENSSL_init_crypto(opts: u64, settings: *const c_void) -> c_int;
    pub fn OSSL_PROVIDER_add_builtin(
        ctx: *mut OSSL_LIB_CTX,
        name: *const c_char,
        init: ProviderInitFn,
    ) -> c_int;
    pub fn OSSL_PROVIDER_try_load(
        ctx: *mut OSSL_LIB_CTX,
        name: *const c_char,
        retain_fallbacks: c_int,
    ) -> *mut OSSL_PROVIDER;
    pub fn OSSL_PROVIDER_available(ctx: *mut OSSL_LIB_CTX, name: *const c_char) -> c_int;
    pub fn RAND_set1_random_provider(ctx: *mut OSSL_LIB_CTX, prov: *mut OSSL_PROVIDER) -> c_int;
}
