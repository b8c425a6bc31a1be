//! Key helpers the `openssl` crate lacks for OpenSSL 3 provider-only key types (ML-KEM, ML-DSA).

use std::ffi::CStr;

use foreign_types::ForeignTypeRef;
use openssl::pkey::PKeyRef;

unsafe extern "C" {
    fn EVP_PKEY_get0_type_name(pkey: *const openssl_sys::EVP_PKEY) -> *const std::ffi::c_char;
}

/// OpenSSL's type name of a key (e.g. "ML-DSA-65"), for types without a legacy NID.
pub fn type_name<T>(pkey: &PKeyRef<T>) -> Option<String> {
    // SAFETY: the pointer is a live EVP_PKEY; OpenSSL returns null or a static C string.
    let name = unsafe { EVP_PKEY_get0_type_name(pkey.as_ptr()) };
    // SAFETY: checked non-null; the string is owned by the key's provider and outlives this call.
    (!name.is_null()).then(|| {
        unsafe { CStr::from_ptr(name) }
            .to_string_lossy()
            .into_owned()
    })
}
