//! `EVP_KDF`, OpenSSL 3's one interface for key derivation functions ("HKDF", "X963KDF",
//! "SSKDF", "ARGON2ID", …). The `openssl` crate wraps HKDF and Argon2 as one-shot functions that
//! fetch the algorithm on every call; here an algorithm is fetched once ([`Kdf`]) and each
//! derivation passes its parameters straight from the caller's memory ([`Param`]), so no copy
//! of key material is made outside OpenSSL's own context, which cleanses it when freed.

use std::ffi::{CStr, c_char, c_int, c_uint, c_void};
use std::ptr::NonNull;

use openssl::error::ErrorStack;
use openssl_sys::{EVP_KDF, OSSL_PARAM};

unsafe extern "C" {
    // Declared in <openssl/params.h>, missing from openssl-sys. With `bsize` 0 OpenSSL takes the
    // string's length from its terminating NUL.
    fn OSSL_PARAM_construct_utf8_string(
        key: *const c_char,
        buf: *mut c_char,
        bsize: usize,
    ) -> OSSL_PARAM;
    fn OSSL_PARAM_construct_int(key: *const c_char, buf: *mut c_int) -> OSSL_PARAM;
}

/// `OSSL_KDF_PARAM_DIGEST`: the digest's name (HKDF, X963KDF, SSKDF).
pub const PARAM_DIGEST: &CStr = c"digest";
/// `OSSL_KDF_PARAM_MAC`: the MAC's name ("HMAC" for SSKDF's HMAC variant).
pub const PARAM_MAC: &CStr = c"mac";
/// `OSSL_KDF_PARAM_KEY`: the input keying material (HKDF, X963KDF, SSKDF).
pub const PARAM_KEY: &CStr = c"key";
/// `OSSL_KDF_PARAM_SALT`.
pub const PARAM_SALT: &CStr = c"salt";
/// `OSSL_KDF_PARAM_INFO`: HKDF's info, X9.63's SharedInfo, SP 800-56C's FixedInfo.
pub const PARAM_INFO: &CStr = c"info";
/// `OSSL_KDF_PARAM_MODE`: HKDF's mode ([`HKDF_MODE_EXTRACT_AND_EXPAND`], …).
pub const PARAM_MODE: &CStr = c"mode";
/// `OSSL_KDF_PARAM_PASSWORD`: Argon2's password.
pub const PARAM_PASSWORD: &CStr = c"pass";
/// `OSSL_KDF_PARAM_SECRET`: Argon2's optional secret.
pub const PARAM_SECRET: &CStr = c"secret";
/// `OSSL_KDF_PARAM_ARGON2_AD`: Argon2's optional associated data.
pub const PARAM_ARGON2_AD: &CStr = c"ad";
/// `OSSL_KDF_PARAM_ITER`: Argon2's passes over memory.
pub const PARAM_ITER: &CStr = c"iter";
/// `OSSL_KDF_PARAM_ARGON2_LANES`.
pub const PARAM_ARGON2_LANES: &CStr = c"lanes";
/// `OSSL_KDF_PARAM_ARGON2_MEMCOST`: memory in KiB blocks.
pub const PARAM_ARGON2_MEMCOST: &CStr = c"memcost";
/// `OSSL_KDF_PARAM_THREADS`: how many threads Argon2 may run its lanes on.
pub const PARAM_THREADS: &CStr = c"threads";

/// `EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND`: RFC 5869's full HKDF.
pub const HKDF_MODE_EXTRACT_AND_EXPAND: c_int = 0;
/// `EVP_KDF_HKDF_MODE_EXPAND_ONLY`: the key is already a pseudorandom key.
pub const HKDF_MODE_EXPAND_ONLY: c_int = 2;

/// One parameter of a derivation. Values are borrowed; OpenSSL copies what it keeps.
#[derive(Clone, Copy, Debug)]
pub enum Param<'a> {
    Utf8(&'static CStr, &'a CStr),
    Octets(&'static CStr, &'a [u8]),
    Uint(&'static CStr, u32),
    Int(&'static CStr, i32),
}

/// A stand-in address for empty byte strings: some KDFs treat a null pointer as "not set",
/// while an empty key or salt is a legitimate value.
static EMPTY: [u8; 1] = [0];

fn check(status: c_int) -> Result<(), ErrorStack> {
    if status > 0 {
        Ok(())
    } else {
        Err(ErrorStack::get())
    }
}

/// A KDF algorithm fetched from the default library context (`EVP_KDF_fetch`). Fetch each one
/// once and keep it: contexts hold their own reference.
pub struct Kdf(NonNull<EVP_KDF>);

// SAFETY: a fetched EVP_KDF is immutable and reference-counted with atomic counts; OpenSSL
// documents fetched algorithm objects as safe to share between threads.
unsafe impl Send for Kdf {}
// SAFETY: as above; `&Kdf` is only used to create contexts, which take their own reference.
unsafe impl Sync for Kdf {}

impl Kdf {
    /// Fetches `name` ("HKDF", "X963KDF", "SSKDF", "ARGON2ID", …) with no property query.
    pub fn fetch(name: &CStr) -> Result<Kdf, ErrorStack> {
        openssl_sys::init();
        // SAFETY: `name` is a valid NUL-terminated string for the duration of the call; a null
        // library context and property query mean the defaults.
        let kdf = unsafe {
            openssl_sys::EVP_KDF_fetch(std::ptr::null_mut(), name.as_ptr(), std::ptr::null())
        };
        NonNull::new(kdf).map(Kdf).ok_or_else(ErrorStack::get)
    }

    /// Derives `out.len()` bytes with `params`, in a fresh context that is freed (and its
    /// secrets cleansed by OpenSSL) before returning. An empty `out` is left alone: OpenSSL's
    /// KDFs refuse a zero length, while PyCA returns an empty key.
    pub fn derive(&self, params: &[Param<'_>], out: &mut [u8]) -> Result<(), ErrorStack> {
        if out.is_empty() {
            return Ok(());
        }
        // Numbers are passed by address, so they need a home that outlives the array.
        let mut uints: Vec<c_uint> = params
            .iter()
            .map(|p| if let Param::Uint(_, v) = p { *v } else { 0 })
            .collect();
        let mut ints: Vec<c_int> = params
            .iter()
            .map(|p| if let Param::Int(_, v) = p { *v } else { 0 })
            .collect();
        let mut array: Vec<OSSL_PARAM> = Vec::with_capacity(params.len() + 1);
        for (index, param) in params.iter().enumerate() {
            // SAFETY: every key and value pointer refers to memory borrowed for this whole
            // function (the caller's slices and strings, or `uints`/`ints`, which are not
            // resized below); OpenSSL only reads through the `*mut` pointers of
            // set-parameters (the constructors take mutable pointers for the sake of
            // get-parameters arrays).
            let constructed = unsafe {
                match *param {
                    Param::Utf8(key, value) => {
                        OSSL_PARAM_construct_utf8_string(key.as_ptr(), value.as_ptr().cast_mut(), 0)
                    }
                    Param::Octets(key, value) => {
                        let data = if value.is_empty() {
                            EMPTY.as_ptr()
                        } else {
                            value.as_ptr()
                        };
                        openssl_sys::OSSL_PARAM_construct_octet_string(
                            key.as_ptr(),
                            data.cast_mut().cast::<c_void>(),
                            value.len(),
                        )
                    }
                    Param::Uint(key, _) => {
                        openssl_sys::OSSL_PARAM_construct_uint(key.as_ptr(), &mut uints[index])
                    }
                    Param::Int(key, _) => OSSL_PARAM_construct_int(key.as_ptr(), &mut ints[index]),
                }
            };
            array.push(constructed);
        }
        // SAFETY: constructing the end marker reads nothing.
        array.push(unsafe { openssl_sys::OSSL_PARAM_construct_end() });

        // SAFETY: `self` is a live fetched algorithm; the new context takes its own reference.
        let ctx = NonNull::new(unsafe { openssl_sys::EVP_KDF_CTX_new(self.0.as_ptr()) })
            .ok_or_else(ErrorStack::get)?;
        // SAFETY: `ctx` is the live context created above; `out` is writable for its length;
        // `array` is a terminated parameter array whose pointers are valid (see above).
        let status = unsafe {
            openssl_sys::EVP_KDF_derive(ctx.as_ptr(), out.as_mut_ptr(), out.len(), array.as_ptr())
        };
        let result = check(status);
        // SAFETY: we own `ctx`; it is freed exactly once, here, after its last use.
        unsafe { openssl_sys::EVP_KDF_CTX_free(ctx.as_ptr()) };
        result
    }
}

impl Drop for Kdf {
    fn drop(&mut self) {
        // SAFETY: we own one reference to the object, released exactly once here.
        unsafe { openssl_sys::EVP_KDF_free(self.0.as_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn hkdf_matches_rfc_5869_case_1_and_its_expand_half() {
        let hkdf = Kdf::fetch(c"HKDF").unwrap();
        let ikm = [0x0bu8; 22];
        let salt = unhex("000102030405060708090a0b0c");
        let info = unhex("f0f1f2f3f4f5f6f7f8f9");
        let mut okm = [0u8; 42];
        hkdf.derive(
            &[
                Param::Utf8(PARAM_DIGEST, c"SHA2-256"),
                Param::Octets(PARAM_KEY, &ikm),
                Param::Octets(PARAM_SALT, &salt),
                Param::Octets(PARAM_INFO, &info),
                Param::Int(PARAM_MODE, HKDF_MODE_EXTRACT_AND_EXPAND),
            ],
            &mut okm,
        )
        .unwrap();
        let expected = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf\
                        34007208d5b887185865";
        assert_eq!(hex(&okm), expected);

        let prk = unhex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        let mut expanded = [0u8; 42];
        hkdf.derive(
            &[
                Param::Utf8(PARAM_DIGEST, c"SHA2-256"),
                Param::Octets(PARAM_KEY, &prk),
                Param::Octets(PARAM_INFO, &info),
                Param::Int(PARAM_MODE, HKDF_MODE_EXPAND_ONLY),
            ],
            &mut expanded,
        )
        .unwrap();
        assert_eq!(hex(&expanded), expected);
    }

    #[test]
    fn argon2id_matches_rfc_9106_with_four_lanes_on_one_thread() {
        let argon2 = Kdf::fetch(c"ARGON2ID").unwrap();
        let mut tag = [0u8; 32];
        argon2
            .derive(
                &[
                    Param::Octets(PARAM_PASSWORD, &[1u8; 32]),
                    Param::Octets(PARAM_SALT, &[2u8; 16]),
                    Param::Octets(PARAM_SECRET, &[3u8; 8]),
                    Param::Octets(PARAM_ARGON2_AD, &[4u8; 12]),
                    Param::Uint(PARAM_ITER, 3),
                    Param::Uint(PARAM_ARGON2_LANES, 4),
                    Param::Uint(PARAM_ARGON2_MEMCOST, 32),
                    Param::Uint(PARAM_THREADS, 1),
                ],
                &mut tag,
            )
            .unwrap();
        assert_eq!(
            hex(&tag),
            "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
        );
    }

    #[test]
    fn empty_outputs_are_allowed_and_x963_needs_a_secret() {
        let x963 = Kdf::fetch(c"X963KDF").unwrap();
        let params = [
            Param::Utf8(PARAM_DIGEST, c"SHA2-256"),
            Param::Octets(PARAM_KEY, b"z"),
        ];
        x963.derive(&params, &mut []).unwrap();
        let mut out = [0u8; 32];
        x963.derive(&params, &mut out).unwrap();
        // SHA-256("z" || 00000001), as Python's hashlib computes it.
        assert_eq!(&hex(&out)[..16], "66f1a3e660c61a76");
        // OpenSSL's SSKDF family treats an empty secret as a missing one.
        let empty = [
            Param::Utf8(PARAM_DIGEST, c"SHA2-256"),
            Param::Octets(PARAM_KEY, b""),
        ];
        let refused = x963.derive(&empty, &mut out).unwrap_err();
        assert_eq!(refused.errors()[0].reason(), Some("missing secret"));
    }

    #[test]
    fn bad_parameters_and_names_are_openssl_errors() {
        assert!(Kdf::fetch(c"NO-SUCH-KDF").is_err());
        let hkdf = Kdf::fetch(c"HKDF").unwrap();
        let mut out = [0u8; 16];
        let unknown_digest = hkdf.derive(
            &[
                Param::Utf8(PARAM_DIGEST, c"NO-SUCH-DIGEST"),
                Param::Octets(PARAM_KEY, b"k"),
            ],
            &mut out,
        );
        assert!(unknown_digest.is_err());
        // No key at all: OpenSSL reports it instead of deriving from nothing.
        assert!(
            hkdf.derive(&[Param::Utf8(PARAM_DIGEST, c"SHA2-256")], &mut out)
                .is_err()
        );
    }
}
