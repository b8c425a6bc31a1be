//! The built-in provider that carries the engine: a provider with no algorithms and one
//! function, `OSSL_FUNC_PROVIDER_RANDOM_BYTES`, which OpenSSL 3.5 calls for every RAND request
//! once the provider is designated with `RAND_set1_random_provider`.

use std::ffi::{c_int, c_void};
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::errors;
use crate::ffi::{OSSL_FUNC_PROVIDER_RANDOM_BYTES, OsslDispatch, ProviderRandomBytesFn};
use crate::source;

/// The provider's function table: `random_bytes`, then the terminator.
static DISPATCH: [OsslDispatch; 2] = [
    OsslDispatch {
        function_id: OSSL_FUNC_PROVIDER_RANDOM_BYTES,
        // SAFETY: OpenSSL casts the generic pointer back to OSSL_FUNC_provider_random_bytes_fn,
        // the exact signature of `random_bytes`.
        function: Some(unsafe {
            std::mem::transmute::<ProviderRandomBytesFn, unsafe extern "C" fn()>(random_bytes)
        }),
    },
    OsslDispatch {
        function_id: 0,
        function: None,
    },
];

/// `OSSL_provider_init_fn` of the "osrandom" built-in provider. Passed to OpenSSL as a function
/// pointer, never exported as a symbol.
pub(crate) unsafe extern "C" fn provider_init(
    _handle: *const c_void,
    _core_dispatch: *const OsslDispatch,
    out: *mut *const OsslDispatch,
    provider_ctx: *mut *mut c_void,
) -> c_int {
    // SAFETY: OpenSSL passes valid out-pointers to a provider's init function.
    unsafe {
        *out = DISPATCH.as_ptr();
        *provider_ctx = std::ptr::null_mut();
    }
    1
}

/// Serves one RAND request (public or private) from the OS source. Returns 1 with `buf` fully
/// written, or 0 with `buf` wiped and an `osrandom_engine` error queued. Never unwinds.
unsafe extern "C" fn random_bytes(
    _provider_ctx: *mut c_void,
    which: c_int,
    buf: *mut c_void,
    len: usize,
    _strength: u32,
) -> c_int {
    #[cfg(test)]
    crate::tests::record_request(which);
    let _ = which;
    if len == 0 {
        return 1;
    }
    if buf.is_null() {
        errors::raise_internal_panic();
        return 0;
    }
    // SAFETY: OpenSSL hands us `len` writable bytes at `buf` for the duration of the call.
    let out = unsafe { std::slice::from_raw_parts_mut(buf.cast::<u8>(), len) };
    match catch_unwind(AssertUnwindSafe(|| source::fill(out))) {
        Ok(Ok(())) => 1,
        Ok(Err(os_error)) => {
            out.fill(0);
            errors::raise_source_failure(source::implementation(), &os_error.to_string());
            0
        }
        Err(_panic) => {
            out.fill(0);
            errors::raise_internal_panic();
            0
        }
    }
}
