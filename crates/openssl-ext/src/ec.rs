//! Elliptic-curve key helpers the `openssl` crate lacks: the name of a key's curve read through
//! the provider parameter interface (`EVP_PKEY_get_group_name`), which avoids the legacy
//! `EC_KEY` copy that `PKey::ec_key` makes.

use std::ffi::{CStr, c_char};

use foreign_types::ForeignTypeRef;
use openssl::pkey::PKeyRef;

unsafe extern "C" {
    fn EVP_PKEY_get_group_name(
        pkey: *const openssl_sys::EVP_PKEY,
        name: *mut c_char,
        name_size: usize,
        name_len: *mut usize,
    ) -> std::ffi::c_int;
}

/// OpenSSL's short name of the named curve of an EC key (e.g. "prime256v1", "secp384r1"), or
/// `None` for a key without a named group (explicit parameters) or of another type.
pub fn group_name<T>(pkey: &PKeyRef<T>) -> Option<String> {
    let mut buffer = [0 as c_char; 80];
    let mut len = 0usize;
    // SAFETY: the key is live; OpenSSL writes at most `buffer.len()` bytes, NUL included, into
    // `buffer` and the name's length into `len`.
    let status = unsafe {
        EVP_PKEY_get_group_name(pkey.as_ptr(), buffer.as_mut_ptr(), buffer.len(), &mut len)
    };
    if status <= 0 {
        // A failure queues an error; it is an answer ("no named group"), not a failure.
        let _ = openssl::error::ErrorStack::get();
        return None;
    }
    // SAFETY: on success the buffer holds a NUL-terminated string within its bounds.
    let name = unsafe { CStr::from_ptr(buffer.as_ptr()) };
    Some(name.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::ec::{EcGroup, EcKey};
    use openssl::nid::Nid;
    use openssl::pkey::PKey;

    #[test]
    fn names_the_curve_of_provider_and_legacy_keys() {
        let provider = PKey::ec_gen("prime256v1").unwrap();
        assert_eq!(group_name(&provider).as_deref(), Some("prime256v1"));
        let group = EcGroup::from_curve_name(Nid::SECP384R1).unwrap();
        let legacy = PKey::from_ec_key(EcKey::generate(&group).unwrap()).unwrap();
        assert_eq!(group_name(&legacy).as_deref(), Some("secp384r1"));
        let rsa = PKey::from_rsa(openssl::rsa::Rsa::generate(1024).unwrap()).unwrap();
        assert_eq!(group_name(&rsa), None);
    }
}
