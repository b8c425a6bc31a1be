//! Digest-context operations the `openssl` crate's `MdCtx` lacks: copying one context into
//! another (`EVP_MD_CTX_copy_ex`, what `Hash.copy()` needs) and squeezing an extendable-output
//! function step by step (`EVP_DigestSqueeze`, OpenSSL 3.3+, what `XOFHash.squeeze()` needs).

use foreign_types::ForeignTypeRef;
use openssl::error::ErrorStack;
use openssl::md_ctx::{MdCtx, MdCtxRef};

/// Converts OpenSSL's 1/0 convention into a `Result`, taking the queued errors on failure.
fn check(status: std::ffi::c_int) -> Result<(), ErrorStack> {
    if status > 0 {
        Ok(())
    } else {
        Err(ErrorStack::get())
    }
}

/// Makes `dst` an independent copy of `src`: same algorithm, same absorbed state. When both
/// already use the same digest, OpenSSL copies in place without allocating.
pub fn copy_into(dst: &mut MdCtxRef, src: &MdCtxRef) -> Result<(), ErrorStack> {
    // SAFETY: both pointers come from live `MdCtx` values; `dst` is borrowed mutably, so no one
    // else uses it during the copy, and `src` is only read.
    check(unsafe { openssl_sys::EVP_MD_CTX_copy_ex(dst.as_ptr(), src.as_ptr()) })
}

/// A new context holding a copy of `src`'s state.
pub fn duplicate(src: &MdCtxRef) -> Result<MdCtx, ErrorStack> {
    let mut copy = MdCtx::new()?;
    copy_into(&mut copy, src)?;
    Ok(copy)
}

/// Writes the next `out.len()` bytes of an extendable-output function (SHAKE). May be called
/// again for more output; the context then accepts no more input.
pub fn squeeze(ctx: &mut MdCtxRef, out: &mut [u8]) -> Result<(), ErrorStack> {
    if out.is_empty() {
        // Nothing to write; OpenSSL would accept it too, but need not see a dangling pointer.
        return Ok(());
    }
    // SAFETY: `ctx` is a live context borrowed mutably; OpenSSL writes exactly `out.len()` bytes
    // into `out`, which is valid for that many writes.
    check(unsafe { openssl_sys::EVP_DigestSqueeze(ctx.as_ptr(), out.as_mut_ptr(), out.len()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::md::Md;

    fn shake128() -> Md {
        Md::fetch(None, "SHAKE-128", None).unwrap()
    }

    #[test]
    fn a_copy_continues_independently_of_its_source() {
        let sha256 = Md::fetch(None, "SHA2-256", None).unwrap();
        let mut original = MdCtx::new().unwrap();
        original.digest_init(&sha256).unwrap();
        original.digest_update(b"ab").unwrap();
        let mut copy = duplicate(&original).unwrap();
        original.digest_update(b"c").unwrap();
        copy.digest_update(b"x").unwrap();

        let mut expected = MdCtx::new().unwrap();
        expected.digest_init(&sha256).unwrap();
        expected.digest_update(b"abc").unwrap();
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        original.digest_final(&mut a).unwrap();
        expected.digest_final(&mut b).unwrap();
        assert_eq!(a, b);

        let mut c = [0u8; 32];
        copy.digest_final(&mut c).unwrap();
        assert_ne!(a, c);

        // Copying into a context already using the same digest (the in-place path).
        let mut target = MdCtx::new().unwrap();
        target.digest_init(&sha256).unwrap();
        copy_into(&mut target, &expected).unwrap();
    }

    #[test]
    fn squeezing_in_parts_equals_one_final_xof() {
        let shake = shake128();
        let mut whole = MdCtx::new().unwrap();
        whole.digest_init(&shake).unwrap();
        whole.digest_update(b"hazmat").unwrap();
        let mut parts = duplicate(&whole).unwrap();

        let mut expected = [0u8; 100];
        whole.digest_final_xof(&mut expected).unwrap();

        let mut got = [0u8; 100];
        let (first, rest) = got.split_at_mut(7);
        squeeze(&mut parts, first).unwrap();
        squeeze(&mut parts, &mut []).unwrap();
        squeeze(&mut parts, rest).unwrap();
        assert_eq!(got, expected);
    }

    #[test]
    fn squeezing_a_fixed_size_digest_fails_with_an_openssl_error() {
        let sha256 = Md::fetch(None, "SHA2-256", None).unwrap();
        let mut ctx = MdCtx::new().unwrap();
        ctx.digest_init(&sha256).unwrap();
        let error = squeeze(&mut ctx, &mut [0u8; 4]).unwrap_err();
        assert!(!error.errors().is_empty());
    }
}
