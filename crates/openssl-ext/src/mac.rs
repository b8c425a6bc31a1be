//! `EVP_MAC`, OpenSSL 3's one interface for HMAC, CMAC and Poly1305, which the `openssl` crate
//! does not wrap: fetching an algorithm once ([`Mac`]), and a context ([`MacCtx`]) that is
//! configured with string parameters ("digest" for HMAC, "cipher" for CMAC), keyed, fed,
//! duplicated and finalized.

use std::ffi::{CStr, c_char, c_int};
use std::ptr::NonNull;

use openssl::error::ErrorStack;
use openssl_sys::{EVP_MAC, EVP_MAC_CTX, OSSL_PARAM};

unsafe extern "C" {
    // Declared in <openssl/params.h>, missing from openssl-sys. With `bsize` 0 OpenSSL takes the
    // string's length from its terminating NUL.
    fn OSSL_PARAM_construct_utf8_string(
        key: *const c_char,
        buf: *mut c_char,
        bsize: usize,
    ) -> OSSL_PARAM;
}

/// The name of the HMAC digest parameter (`OSSL_MAC_PARAM_DIGEST`).
pub const PARAM_DIGEST: &CStr = c"digest";
/// The name of the CMAC cipher parameter (`OSSL_MAC_PARAM_CIPHER`).
pub const PARAM_CIPHER: &CStr = c"cipher";

fn check(status: c_int) -> Result<(), ErrorStack> {
    if status > 0 {
        Ok(())
    } else {
        Err(ErrorStack::get())
    }
}

fn non_null<T>(ptr: *mut T) -> Result<NonNull<T>, ErrorStack> {
    NonNull::new(ptr).ok_or_else(ErrorStack::get)
}

/// A MAC algorithm fetched from the default library context (`EVP_MAC_fetch`). Fetch each one
/// once and keep it: contexts hold their own reference, so they may outlive it.
pub struct Mac(NonNull<EVP_MAC>);

// SAFETY: a fetched EVP_MAC is immutable and reference-counted with atomic counts; OpenSSL
// documents fetched algorithm objects as safe to share between threads.
unsafe impl Send for Mac {}
// SAFETY: as above; `&Mac` only ever reads the object (EVP_MAC_CTX_new takes a reference).
unsafe impl Sync for Mac {}

impl Mac {
    /// Fetches `name` ("HMAC", "CMAC", "POLY1305", …) with no property query.
    pub fn fetch(name: &CStr) -> Result<Mac, ErrorStack> {
        openssl_sys::init();
        // SAFETY: `name` is a valid NUL-terminated string for the duration of the call; a null
        // library context and property query mean the defaults.
        let mac = unsafe {
            openssl_sys::EVP_MAC_fetch(std::ptr::null_mut(), name.as_ptr(), std::ptr::null())
        };
        non_null(mac).map(Mac)
    }
}

impl Drop for Mac {
    fn drop(&mut self) {
        // SAFETY: we own one reference to the object, released exactly once here.
        unsafe { openssl_sys::EVP_MAC_free(self.0.as_ptr()) }
    }
}

/// One MAC computation (`EVP_MAC_CTX`). Freeing it cleanses the key OpenSSL holds.
pub struct MacCtx(NonNull<EVP_MAC_CTX>);

// SAFETY: the context is owned by this value alone and OpenSSL keeps no thread affinity for it;
// moving it to another thread is sound as long as it is not used from two at once, which `&mut`
// on every mutating method guarantees.
unsafe impl Send for MacCtx {}
// SAFETY: the only `&self` methods (`mac_size`, `try_clone`) read the context without
// modifying it.
unsafe impl Sync for MacCtx {}

/// A stand-in address for empty slices: OpenSSL treats a null key as "keep the previous key",
/// so an empty key must still be a valid, non-null pointer.
static EMPTY: [u8; 1] = [0];

fn bytes_ptr(bytes: &[u8]) -> *const u8 {
    if bytes.is_empty() {
        EMPTY.as_ptr()
    } else {
        bytes.as_ptr()
    }
}

impl MacCtx {
    /// A fresh, unkeyed context of `mac`.
    pub fn new(mac: &Mac) -> Result<MacCtx, ErrorStack> {
        // SAFETY: `mac` is a live fetched algorithm; the new context takes its own reference.
        let ctx = unsafe { openssl_sys::EVP_MAC_CTX_new(mac.0.as_ptr()) };
        non_null(ctx).map(MacCtx)
    }

    /// Sets one UTF-8 string parameter, e.g. `(PARAM_DIGEST, c"SHA2-256")` for HMAC or
    /// `(PARAM_CIPHER, c"AES-128-CBC")` for CMAC. Fails if OpenSSL rejects the value, for
    /// instance an unknown digest or cipher.
    pub fn set_string_param(&mut self, name: &CStr, value: &CStr) -> Result<(), ErrorStack> {
        // SAFETY: the keys and values point into `name` and `value`, which outlive the call;
        // OpenSSL only reads through the `*mut` (the constructor takes a mutable pointer for
        // the sake of get-params arrays); the array ends with the end marker.
        let params = unsafe {
            [
                OSSL_PARAM_construct_utf8_string(name.as_ptr(), value.as_ptr().cast_mut(), 0),
                openssl_sys::OSSL_PARAM_construct_end(),
            ]
        };
        // SAFETY: `self` is a live context borrowed mutably; `params` is a terminated array.
        check(unsafe { openssl_sys::EVP_MAC_CTX_set_params(self.0.as_ptr(), params.as_ptr()) })
    }

    /// Keys the context and starts a new computation (also after a finished one). An empty key
    /// is a key of length zero, as HMAC allows.
    pub fn init(&mut self, key: &[u8]) -> Result<(), ErrorStack> {
        // SAFETY: `self` is live and borrowed mutably; `key` is readable for `key.len()` bytes
        // (the stand-in pointer for an empty key is never read); OpenSSL copies the key.
        check(unsafe {
            openssl_sys::EVP_MAC_init(self.0.as_ptr(), bytes_ptr(key), key.len(), std::ptr::null())
        })
    }

    /// Feeds `data` into the computation.
    pub fn update(&mut self, data: &[u8]) -> Result<(), ErrorStack> {
        if data.is_empty() {
            return Ok(());
        }
        // SAFETY: `self` is live and borrowed mutably; `data` is readable for its length.
        check(unsafe { openssl_sys::EVP_MAC_update(self.0.as_ptr(), data.as_ptr(), data.len()) })
    }

    /// The length of the tag [`MacCtx::finalize`] writes (set once the context is configured).
    pub fn mac_size(&self) -> usize {
        // SAFETY: `self` is live; this reads the configured size without changing the context
        // (the function takes `*mut` only for historical reasons).
        unsafe { openssl_sys::EVP_MAC_CTX_get_mac_size(self.0.as_ptr()) }
    }

    /// Writes the tag into `out` and returns its length. `out` must hold at least
    /// [`MacCtx::mac_size`] bytes, or OpenSSL refuses.
    pub fn finalize(&mut self, out: &mut [u8]) -> Result<usize, ErrorStack> {
        let mut written = 0usize;
        // SAFETY: `self` is live and borrowed mutably; OpenSSL writes at most `out.len()` bytes
        // into `out` and the length into `written`.
        check(unsafe {
            openssl_sys::EVP_MAC_final(self.0.as_ptr(), out.as_mut_ptr(), &mut written, out.len())
        })?;
        Ok(written)
    }

    /// An independent copy of this context: same key, same data absorbed so far.
    pub fn try_clone(&self) -> Result<MacCtx, ErrorStack> {
        // SAFETY: `self` is live and only read; the duplicate is a new, separately owned context.
        let copy = unsafe { openssl_sys::EVP_MAC_CTX_dup(self.0.as_ptr()) };
        non_null(copy).map(MacCtx)
    }
}

impl Drop for MacCtx {
    fn drop(&mut self) {
        // SAFETY: we own the context; it is freed exactly once, here.
        unsafe { openssl_sys::EVP_MAC_CTX_free(self.0.as_ptr()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn tag(ctx: &mut MacCtx) -> Vec<u8> {
        let mut out = vec![0u8; ctx.mac_size()];
        let written = ctx.finalize(&mut out).unwrap();
        out.truncate(written);
        out
    }

    #[test]
    fn hmac_sha256_matches_rfc_4231_case_2() {
        let mac = Mac::fetch(c"HMAC").unwrap();
        let mut ctx = MacCtx::new(&mac).unwrap();
        ctx.set_string_param(PARAM_DIGEST, c"SHA2-256").unwrap();
        ctx.init(b"Jefe").unwrap();
        assert_eq!(ctx.mac_size(), 32);
        ctx.update(b"what do ya want ").unwrap();
        ctx.update(b"").unwrap();
        let mut copy = ctx.try_clone().unwrap();
        ctx.update(b"for nothing?").unwrap();
        assert_eq!(
            hex(&tag(&mut ctx)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // The copy stopped before the last part, so it differs; keyed again it starts over.
        assert_ne!(
            hex(&tag(&mut copy)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        ctx.init(b"Jefe").unwrap();
        ctx.update(b"what do ya want for nothing?").unwrap();
        assert_eq!(
            hex(&tag(&mut ctx)),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn hmac_accepts_an_empty_key() {
        let mac = Mac::fetch(c"HMAC").unwrap();
        let mut ctx = MacCtx::new(&mac).unwrap();
        ctx.set_string_param(PARAM_DIGEST, c"SHA2-256").unwrap();
        ctx.init(b"").unwrap();
        // HMAC-SHA256 with an empty key of an empty message (as Python's hmac module computes it).
        assert_eq!(
            hex(&tag(&mut ctx)),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"
        );
    }

    #[test]
    fn cmac_aes128_matches_sp_800_38b_example_1() {
        let mac = Mac::fetch(c"CMAC").unwrap();
        let mut ctx = MacCtx::new(&mac).unwrap();
        ctx.set_string_param(PARAM_CIPHER, c"AES-128-CBC").unwrap();
        let key = [
            0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf,
            0x4f, 0x3c,
        ];
        ctx.init(&key).unwrap();
        assert_eq!(hex(&tag(&mut ctx)), "bb1d6929e95937287fa37d129b756746");
    }

    #[test]
    fn poly1305_matches_rfc_8439_section_2_5_2() {
        let mac = Mac::fetch(c"POLY1305").unwrap();
        let mut ctx = MacCtx::new(&mac).unwrap();
        let key = [
            0x85, 0xd6, 0xbe, 0x78, 0x57, 0x55, 0x6d, 0x33, 0x7f, 0x44, 0x52, 0xfe, 0x42, 0xd5,
            0x06, 0xa8, 0x01, 0x03, 0x80, 0x8a, 0xfb, 0x0d, 0xb2, 0xfd, 0x4a, 0xbf, 0xf6, 0xaf,
            0x41, 0x49, 0xf5, 0x1b,
        ];
        ctx.init(&key).unwrap();
        ctx.update(b"Cryptographic Forum Research Group").unwrap();
        assert_eq!(hex(&tag(&mut ctx)), "a8061dc1305136c6c22b8baf0c0127a9");
    }

    #[test]
    fn bad_parameters_and_keys_are_openssl_errors() {
        let hmac = Mac::fetch(c"HMAC").unwrap();
        let mut ctx = MacCtx::new(&hmac).unwrap();
        assert!(
            ctx.set_string_param(PARAM_DIGEST, c"NO-SUCH-DIGEST")
                .is_err()
        );

        let cmac = Mac::fetch(c"CMAC").unwrap();
        let mut ctx = MacCtx::new(&cmac).unwrap();
        assert!(ctx.set_string_param(PARAM_CIPHER, c"AES-512-CBC").is_err());

        let poly = Mac::fetch(c"POLY1305").unwrap();
        let mut ctx = MacCtx::new(&poly).unwrap();
        assert!(ctx.init(&[0u8; 31]).is_err());
        // Too small an output buffer is refused, not overrun.
        ctx.init(&[1u8; 32]).unwrap();
        assert!(ctx.finalize(&mut [0u8; 8]).is_err());

        assert!(Mac::fetch(c"NO-SUCH-MAC").is_err());
    }
}
