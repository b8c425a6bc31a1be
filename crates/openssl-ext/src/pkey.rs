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

/// Reads a UTF-8 string parameter of a key (e.g. an EC key's group name) without going through
/// the encoder framework. `None` when the key does not have it.
pub fn utf8_param<T>(pkey: &PKeyRef<T>, name: &CStr) -> Option<String> {
    // Group names and encodings are short; 80 bytes holds any OpenSSL name with room to spare.
    let mut buf = [0 as std::ffi::c_char; 80];
    let mut len = 0usize;
    // SAFETY: live key, NUL-terminated name, buffer and its size passed together.
    let ok = unsafe {
        openssl_sys::EVP_PKEY_get_utf8_string_param(
            pkey.as_ptr(),
            name.as_ptr(),
            buf.as_mut_ptr(),
            buf.len(),
            &mut len,
        )
    };
    if ok != 1 {
        // A missing parameter may leave errors queued; drop them so later calls are not blamed.
        let _ = openssl::error::ErrorStack::get();
        return None;
    }
    let bytes: Vec<u8> = buf[..len.min(buf.len())].iter().map(|&c| c as u8).collect();
    String::from_utf8(bytes).ok()
}

/// Reads an octet-string parameter of a key (e.g. the EC public point in the key's own point
/// format, as the SubjectPublicKeyInfo encoder writes it). `None` when the key does not have it.
pub fn octet_param<T>(pkey: &PKeyRef<T>, name: &CStr) -> Option<Vec<u8>> {
    let mut len = 0usize;
    // SAFETY: a null buffer asks only for the size.
    let ok = unsafe {
        openssl_sys::EVP_PKEY_get_octet_string_param(
            pkey.as_ptr(),
            name.as_ptr(),
            std::ptr::null_mut(),
            0,
            &mut len,
        )
    };
    if ok != 1 {
        let _ = openssl::error::ErrorStack::get();
        return None;
    }
    let mut out = vec![0u8; len];
    // SAFETY: the buffer has the size OpenSSL asked for.
    let ok = unsafe {
        openssl_sys::EVP_PKEY_get_octet_string_param(
            pkey.as_ptr(),
            name.as_ptr(),
            out.as_mut_ptr(),
            out.len(),
            &mut len,
        )
    };
    if ok != 1 {
        let _ = openssl::error::ErrorStack::get();
        return None;
    }
    out.truncate(len);
    Some(out)
}

/// Reads a big-number parameter of a key (e.g. an RSA key's "n" or "e").
pub fn bn_param<T>(pkey: &PKeyRef<T>, name: &CStr) -> Option<openssl::bn::BigNum> {
    use foreign_types::ForeignType;
    let mut bn: *mut openssl_sys::BIGNUM = std::ptr::null_mut();
    // SAFETY: on success OpenSSL allocates a BIGNUM that we then own.
    let ok = unsafe { openssl_sys::EVP_PKEY_get_bn_param(pkey.as_ptr(), name.as_ptr(), &mut bn) };
    if ok != 1 || bn.is_null() {
        let _ = openssl::error::ErrorStack::get();
        return None;
    }
    // SAFETY: non-null and owned by us (see above).
    Some(unsafe { openssl::bn::BigNum::from_ptr(bn) })
}
