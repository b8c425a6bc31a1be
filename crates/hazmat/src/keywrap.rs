//! AES key wrap (RFC 3394) and key wrap with padding (RFC 5649), one-shot, through OpenSSL's
//! AES-*-WRAP and AES-*-WRAP-PAD ciphers. Length rules are checked by the façade with PyCA's
//! messages; any integrity failure on unwrap is `InvalidUnwrap`.

use napi::bindgen_prelude::{Buffer, BufferSlice};
use napi_derive::napi;
use openssl::cipher_ctx::{CipherCtx, CipherCtxFlags};
use openssl::error::ErrorStack;

use crate::ciphers::fetch;
use crate::errors::{ErrorCode, error, openssl_error};

fn wrap_cipher_name(key_len: usize, padded: bool) -> Option<&'static str> {
    Some(match (key_len, padded) {
        (16, false) => "AES-128-WRAP",
        (24, false) => "AES-192-WRAP",
        (32, false) => "AES-256-WRAP",
        (16, true) => "AES-128-WRAP-PAD",
        (24, true) => "AES-192-WRAP-PAD",
        (32, true) => "AES-256-WRAP-PAD",
        _ => return None,
    })
}

/// Wraps (`wrap`) or unwraps `input` under `wrapping_key`.
pub fn key_wrap_bytes(
    wrapping_key: &[u8],
    input: &[u8],
    padded: bool,
    wrap: bool,
) -> napi::Result<Vec<u8>> {
    let name = wrap_cipher_name(wrapping_key.len(), padded).ok_or_else(|| {
        error(
            ErrorCode::Value,
            "The wrapping key must be a valid AES key length",
        )
    })?;
    let cipher = fetch(name)?;
    let run = || -> Result<Vec<u8>, ErrorStack> {
        let mut ctx = CipherCtx::new()?;
        ctx.set_flags(CipherCtxFlags::FLAG_WRAP_ALLOW);
        if wrap {
            ctx.encrypt_init(Some(cipher), Some(wrapping_key), None)?;
        } else {
            ctx.decrypt_init(Some(cipher), Some(wrapping_key), None)?;
        }
        let mut out = Vec::with_capacity(input.len() + 16);
        ctx.cipher_update_vec(input, &mut out)?;
        ctx.cipher_final_vec(&mut out)?;
        Ok(out)
    };
    match run() {
        Ok(out) => Ok(out),
        Err(_) if !wrap => Err(error(
            ErrorCode::InvalidUnwrap,
            "The key could not be unwrapped.",
        )),
        Err(stack) => Err(openssl_error(name, &stack)),
    }
}

#[napi(ts_args_type = "wrappingKey: Uint8Array, input: Uint8Array, padded: boolean, wrap: boolean")]
pub fn aes_key_wrap_op(
    wrapping_key: BufferSlice,
    input: BufferSlice,
    padded: bool,
    wrap: bool,
) -> napi::Result<Buffer> {
    key_wrap_bytes(&wrapping_key, &input, padded, wrap).map(Buffer::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3394_4_1_wraps_and_unwraps() {
        osrandom::install().unwrap();
        // RFC 3394 §4.1: 128 bits of key data with a 128-bit KEK.
        let kek = hex("000102030405060708090A0B0C0D0E0F");
        let key = hex("00112233445566778899AABBCCDDEEFF");
        let wrapped = key_wrap_bytes(&kek, &key, false, true).unwrap();
        assert_eq!(
            wrapped,
            hex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5")
        );
        assert_eq!(key_wrap_bytes(&kek, &wrapped, false, false).unwrap(), key);
        let mut tampered = wrapped.clone();
        tampered[0] ^= 1;
        let err = key_wrap_bytes(&kek, &tampered, false, false).unwrap_err();
        assert!(err.reason.starts_with("[ERR_HAZMAT_INVALID_UNWRAP]"));
    }

    #[test]
    fn rfc5649_pads_a_7_byte_key() {
        osrandom::install().unwrap();
        // RFC 5649 §6: 56 bits of key data with a 192-bit KEK.
        let kek = hex("5840DF6E29B02AF1AB493B705BF16EA1AE8338F4DCC176A8");
        let key = hex("466F7250617369");
        let wrapped = key_wrap_bytes(&kek, &key, true, true).unwrap();
        assert_eq!(wrapped, hex("AFBEB0F07DFBF5419200F2CCB50BB24F"));
        assert_eq!(key_wrap_bytes(&kek, &wrapped, true, false).unwrap(), key);
        assert!(key_wrap_bytes(&[0u8; 15], &key, true, true).is_err());
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }
}
