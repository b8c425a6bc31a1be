//! Ed25519, Ed448 (signatures) and X25519, X448 (key agreement) over the shared `PrivateKey` /
//! `PublicKey` handles. Each call is one native crossing that writes into a buffer the façade
//! allocated (`Buffer.allocUnsafe` on the JS side is cheaper than an addon-created Buffer).
//! Lengths are checked by the façade with PyCA's messages.

use napi::bindgen_prelude::BufferSlice;
use napi_derive::napi;
use openssl::derive::Deriver;
use openssl::pkey::{Id, PKey, PKeyRef, Private, Public};
use openssl::sign::{Signer, Verifier};

use crate::errors::{ErrorCode, error, openssl_error};
use crate::keys::{PrivateKey, PublicKey};

/// The OpenSSL key id for a façade type name.
fn curve_id(kind: &str) -> napi::Result<Id> {
    match kind {
        "ED25519" => Ok(Id::ED25519),
        "ED448" => Ok(Id::ED448),
        "X25519" => Ok(Id::X25519),
        "X448" => Ok(Id::X448),
        _ => Err(error(
            ErrorCode::UnsupportedAlgorithm,
            format!("unknown curve key type {kind}"),
        )),
    }
}

/// A new key from OpenSSL's RAND (the OS random engine while it is installed).
#[napi]
pub fn curve_generate(kind: String) -> napi::Result<PrivateKey> {
    let pkey = match curve_id(&kind)? {
        Id::ED25519 => PKey::generate_ed25519(),
        Id::ED448 => PKey::generate_ed448(),
        Id::X25519 => PKey::generate_x25519(),
        _ => PKey::generate_x448(),
    }
    .map_err(|e| openssl_error("generating the key", &e))?;
    Ok(PrivateKey::from_pkey(pkey))
}

/// A private key from its raw bytes (length already checked).
#[napi(ts_args_type = "kind: string, data: Uint8Array")]
pub fn curve_private_from_raw(kind: String, data: BufferSlice) -> napi::Result<PrivateKey> {
    let pkey = PKey::private_key_from_raw_bytes(&data, curve_id(&kind)?)
        .map_err(|_| error(ErrorCode::Value, "Invalid private key bytes"))?;
    Ok(PrivateKey::from_pkey(pkey))
}

/// A public key from its raw bytes (length already checked).
#[napi(ts_args_type = "kind: string, data: Uint8Array")]
pub fn curve_public_from_raw(kind: String, data: BufferSlice) -> napi::Result<PublicKey> {
    let pkey = PKey::public_key_from_raw_bytes(&data, curve_id(&kind)?)
        .map_err(|_| error(ErrorCode::Value, "Invalid public key bytes"))?;
    Ok(PublicKey::from_pkey(pkey))
}

/// Signs `data` (pure EdDSA, no prehash) into `out`; returns the signature length.
pub fn ed_sign(pkey: &PKeyRef<Private>, data: &[u8], out: &mut [u8]) -> napi::Result<usize> {
    let mut signer =
        Signer::new_without_digest(pkey).map_err(|e| openssl_error("EVP_DigestSignInit", &e))?;
    signer
        .sign_oneshot(out, data)
        .map_err(|e| openssl_error("EVP_DigestSign", &e))
}

/// Whether `signature` is a valid EdDSA signature of `data`.
pub fn ed_verify(pkey: &PKeyRef<Public>, signature: &[u8], data: &[u8]) -> napi::Result<bool> {
    let mut verifier = Verifier::new_without_digest(pkey)
        .map_err(|e| openssl_error("EVP_DigestVerifyInit", &e))?;
    // OpenSSL reports a malformed signature as an error, a wrong one as `false`: both are
    // simply "did not verify" here. Clear the queue so no stale error leaks into a later call.
    let ok = verifier.verify_oneshot(signature, data).unwrap_or(false);
    let _ = openssl::error::ErrorStack::get();
    Ok(ok)
}

/// X25519/X448: the shared secret with `peer`; an all-zero result is refused (as PyCA).
pub fn exchange(
    pkey: &PKeyRef<Private>,
    peer: &PKeyRef<Public>,
    out: &mut [u8],
) -> napi::Result<usize> {
    let shared_failed = |_| error(ErrorCode::Value, "Error computing shared key.");
    let mut deriver = Deriver::new(pkey).map_err(|e| openssl_error("EVP_PKEY_derive_init", &e))?;
    deriver.set_peer(peer).map_err(shared_failed)?;
    let n = deriver.derive(out).map_err(shared_failed)?;
    if out[..n].iter().all(|&b| b == 0) {
        return Err(error(ErrorCode::Value, "Error computing shared key."));
    }
    Ok(n)
}

#[napi(
    js_name = "edSignInto",
    ts_args_type = "key: PrivateKey, data: Uint8Array, out: Uint8Array"
)]
pub fn ed_sign_into(
    key: &PrivateKey,
    data: BufferSlice,
    mut out: BufferSlice,
) -> napi::Result<u32> {
    ed_sign(key.pkey(), &data, &mut out).map(|n| n as u32)
}

#[napi(
    js_name = "edVerify",
    ts_args_type = "key: PublicKey, signature: Uint8Array, data: Uint8Array"
)]
pub fn ed_verify_js(
    key: &PublicKey,
    signature: BufferSlice,
    data: BufferSlice,
) -> napi::Result<bool> {
    ed_verify(key.pkey(), &signature, &data)
}

#[napi(ts_args_type = "key: PrivateKey, peer: PublicKey, out: Uint8Array")]
pub fn curve_exchange_into(
    key: &PrivateKey,
    peer: &PublicKey,
    mut out: BufferSlice,
) -> napi::Result<u32> {
    exchange(key.pkey(), peer.pkey(), &mut out).map(|n| n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ed25519_signs_and_verifies() {
        let key = PKey::generate_ed25519().unwrap();
        let public =
            PKey::public_key_from_raw_bytes(&key.raw_public_key().unwrap(), Id::ED25519).unwrap();
        let mut sig = [0u8; 64];
        assert_eq!(ed_sign(&key, b"msg", &mut sig).unwrap(), 64);
        assert!(ed_verify(&public, &sig, b"msg").unwrap());
        sig[0] ^= 1;
        assert!(!ed_verify(&public, &sig, b"msg").unwrap());
        assert!(!ed_verify(&public, &sig[..10], b"msg").unwrap());
    }

    #[test]
    fn x25519_agrees_and_refuses_all_zero() {
        let a = PKey::generate_x25519().unwrap();
        let b = PKey::generate_x25519().unwrap();
        let pub_of = |k: &PKey<Private>| {
            PKey::public_key_from_raw_bytes(&k.raw_public_key().unwrap(), Id::X25519).unwrap()
        };
        let (mut s1, mut s2) = ([0u8; 32], [0u8; 32]);
        exchange(&a, &pub_of(&b), &mut s1).unwrap();
        exchange(&b, &pub_of(&a), &mut s2).unwrap();
        assert_eq!(s1, s2);
        let zero = PKey::public_key_from_raw_bytes(&[0u8; 32], Id::X25519).unwrap();
        assert!(exchange(&a, &zero, &mut s1).is_err());
    }
}
