//! ML-KEM (FIPS 203: ML-KEM-768, ML-KEM-1024) and ML-DSA (FIPS 204: ML-DSA-44/65/87) over the
//! shared `PrivateKey` / `PublicKey` handles. Private keys are made from their seed (64 bytes
//! for ML-KEM, 32 for ML-DSA), which is also their PyCA raw form; generated keys take a fresh
//! seed from OpenSSL's RAND (the OS random engine while it is installed). Lengths and types are
//! checked by the façade with PyCA's messages; results go into buffers the façade allocated.

use napi::bindgen_prelude::BufferSlice;
use napi_derive::napi;
use openssl::md_ctx::MdCtx;
use openssl::pkey::{HasPublic, KeyType, PKey, PKeyRef, Private, Public};
use zeroize::Zeroize;

use crate::errors::{ErrorCode, error, openssl_error};
use crate::keys::{PrivateKey, PublicKey};

/// The OpenSSL key type and seed length for a façade type name.
fn spec(kind: &str) -> napi::Result<(KeyType, usize)> {
    match kind {
        "ML-KEM-768" => Ok((KeyType::ML_KEM_768, 64)),
        "ML-KEM-1024" => Ok((KeyType::ML_KEM_1024, 64)),
        "ML-DSA-44" => Ok((KeyType::ML_DSA_44, 32)),
        "ML-DSA-65" => Ok((KeyType::ML_DSA_65, 32)),
        "ML-DSA-87" => Ok((KeyType::ML_DSA_87, 32)),
        _ => Err(error(
            ErrorCode::UnsupportedAlgorithm,
            format!("unknown post-quantum key type {kind}"),
        )),
    }
}

/// Whether `pkey` is an ML-KEM or ML-DSA key (whose raw private form is the seed).
pub fn is_pqc<T>(pkey: &PKeyRef<T>) -> bool {
    openssl_ext::pkey::type_name(pkey).is_some_and(|name| name.starts_with("ML-"))
}

/// The seed a private key was made from (PyCA's `private_bytes_raw`). Keys loaded from an
/// encoding that kept only the expanded private key have none.
pub fn seed_of(pkey: &PKeyRef<Private>) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    let mut buf = vec![0u8; 64];
    let n = pkey.seed_into(&mut buf)?;
    buf.truncate(n);
    Ok(buf)
}

/// A private key from its seed (length already checked).
pub fn from_seed(kind: &str, seed: &[u8]) -> napi::Result<PKey<Private>> {
    let (key_type, len) = spec(kind)?;
    if seed.len() != len {
        return Err(error(
            ErrorCode::Value,
            format!("An {kind} seed is {len} bytes long"),
        ));
    }
    PKey::private_key_from_seed(None, key_type, None, seed)
        .map_err(|e| openssl_error("creating the key from its seed", &e))
}

/// A new key from a fresh seed.
pub fn generate(kind: &str) -> napi::Result<PKey<Private>> {
    let (_, len) = spec(kind)?;
    let mut seed = [0u8; 64];
    openssl::rand::rand_bytes(&mut seed[..len])
        .map_err(|e| openssl_error("generating the seed", &e))?;
    let key = from_seed(kind, &seed[..len]);
    seed.zeroize();
    key
}

/// ML-DSA signature of `data` under `context` (empty when absent; at most 255 bytes, as the
/// façade checks) into `out`; returns the signature length. Hedged (randomized) as FIPS 204's
/// default.
pub fn mldsa_sign(
    pkey: &PKeyRef<Private>,
    data: &[u8],
    context: &[u8],
    out: &mut [u8],
) -> napi::Result<usize> {
    let mut md = MdCtx::new().map_err(|e| openssl_error("EVP_MD_CTX_new", &e))?;
    md.digest_sign_init(None, pkey)
        .map_err(|e| openssl_error("EVP_DigestSignInit", &e))?
        .set_context_string(context)
        .map_err(|e| openssl_error("setting the context string", &e))?;
    md.digest_sign(data, Some(out))
        .map_err(|e| openssl_error("EVP_DigestSign", &e))
}

/// Whether `signature` is a valid ML-DSA signature of `data` under `context`.
pub fn mldsa_verify<T: HasPublic>(
    pkey: &PKeyRef<T>,
    signature: &[u8],
    data: &[u8],
    context: &[u8],
) -> napi::Result<bool> {
    let mut md = MdCtx::new().map_err(|e| openssl_error("EVP_MD_CTX_new", &e))?;
    md.digest_verify_init(None, pkey)
        .map_err(|e| openssl_error("EVP_DigestVerifyInit", &e))?
        .set_context_string(context)
        .map_err(|e| openssl_error("setting the context string", &e))?;
    // A malformed signature is an error for OpenSSL, a wrong one `false`: both "did not
    // verify". Clear the queue so no stale error leaks into a later call.
    let ok = md.digest_verify(data, signature).unwrap_or(false);
    let _ = openssl::error::ErrorStack::get();
    Ok(ok)
}

#[napi(ts_args_type = "kind: string")]
pub fn pqc_generate(kind: String) -> napi::Result<PrivateKey> {
    generate(&kind).map(PrivateKey::from_pkey)
}

#[napi(ts_args_type = "kind: string, seed: Uint8Array")]
pub fn pqc_private_from_seed(kind: String, seed: BufferSlice) -> napi::Result<PrivateKey> {
    from_seed(&kind, &seed).map(PrivateKey::from_pkey)
}

/// A public key from its raw bytes (length already checked by the façade).
#[napi(ts_args_type = "kind: string, data: Uint8Array")]
pub fn pqc_public_from_raw(kind: String, data: BufferSlice) -> napi::Result<PublicKey> {
    let (key_type, _) = spec(&kind)?;
    let pkey = PKey::<Public>::public_key_from_raw_bytes_ex(None, key_type, None, &data)
        .map_err(|_| error(ErrorCode::Value, "Invalid public key bytes"))?;
    Ok(PublicKey::from_pkey(pkey))
}

/// ML-KEM encapsulation: fills `secret` and `ciphertext` (sized by the façade).
#[napi(ts_args_type = "key: PublicKey, secret: Uint8Array, ciphertext: Uint8Array")]
pub fn mlkem_encapsulate_into(
    key: &PublicKey,
    mut secret: BufferSlice,
    mut ciphertext: BufferSlice,
) -> napi::Result<()> {
    openssl_ext::pqc::encapsulate(key.pkey(), &mut secret, &mut ciphertext)
        .map_err(|e| openssl_error("EVP_PKEY_encapsulate", &e))?;
    Ok(())
}

/// ML-KEM decapsulation of a correctly sized `ciphertext` into `secret`.
#[napi(ts_args_type = "key: PrivateKey, ciphertext: Uint8Array, secret: Uint8Array")]
pub fn mlkem_decapsulate_into(
    key: &PrivateKey,
    ciphertext: BufferSlice,
    mut secret: BufferSlice,
) -> napi::Result<()> {
    openssl_ext::pqc::decapsulate(key.pkey(), &ciphertext, &mut secret)
        .map_err(|e| openssl_error("EVP_PKEY_decapsulate", &e))?;
    Ok(())
}

#[napi(
    ts_args_type = "key: PrivateKey, data: Uint8Array, context: Uint8Array | null, out: Uint8Array"
)]
pub fn mldsa_sign_into(
    key: &PrivateKey,
    data: BufferSlice,
    context: Option<BufferSlice>,
    mut out: BufferSlice,
) -> napi::Result<u32> {
    mldsa_sign(
        key.pkey(),
        &data,
        context.as_deref().unwrap_or(&[]),
        &mut out,
    )
    .map(|n| n as u32)
}

#[napi(
    js_name = "mldsaVerify",
    ts_args_type = "key: PublicKey, signature: Uint8Array, data: Uint8Array, context: Uint8Array | null"
)]
pub fn mldsa_verify_js(
    key: &PublicKey,
    signature: BufferSlice,
    data: BufferSlice,
    context: Option<BufferSlice>,
) -> napi::Result<bool> {
    mldsa_verify(
        key.pkey(),
        &signature,
        &data,
        context.as_deref().unwrap_or(&[]),
    )
}

/// ML-DSA signature of a precomputed 64-byte mu (length checked by the façade) into `out`.
#[napi(ts_args_type = "key: PrivateKey, mu: Uint8Array, out: Uint8Array")]
pub fn mldsa_sign_mu_into(
    key: &PrivateKey,
    mu: BufferSlice,
    mut out: BufferSlice,
) -> napi::Result<u32> {
    openssl_ext::pqc::sign_mu(key.pkey(), &mu, &mut out)
        .map(|n| n as u32)
        .map_err(|e| openssl_error("EVP_PKEY_sign (external mu)", &e))
}

/// Whether `signature` is a valid ML-DSA signature of the precomputed 64-byte mu.
#[napi(ts_args_type = "key: PublicKey, signature: Uint8Array, mu: Uint8Array")]
pub fn mldsa_verify_mu(
    key: &PublicKey,
    signature: BufferSlice,
    mu: BufferSlice,
) -> napi::Result<bool> {
    openssl_ext::pqc::verify_mu(key.pkey(), &signature, &mu)
        .map_err(|e| openssl_error("EVP_PKEY_verify (external mu)", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mlkem_agrees_and_rejects_implicitly() {
        let key = generate("ML-KEM-768").unwrap();
        let (mut ss, mut ct) = ([0u8; 32], [0u8; 1088]);
        assert_eq!(
            openssl_ext::pqc::encapsulate(&key, &mut ss, &mut ct).unwrap(),
            (32, 1088)
        );
        let mut back = [0u8; 32];
        openssl_ext::pqc::decapsulate(&key, &ct, &mut back).unwrap();
        assert_eq!(ss, back);
        ct[0] ^= 1;
        openssl_ext::pqc::decapsulate(&key, &ct, &mut back).unwrap();
        assert_ne!(ss, back);
        assert!(openssl_ext::pqc::decapsulate(&key, &ct[..10], &mut back).is_err());
        assert_eq!(seed_of(&key).unwrap().len(), 64);
    }

    #[test]
    fn mldsa_signs_with_context_and_rebuilds_from_seed() {
        let key = from_seed("ML-DSA-44", &[7u8; 32]).unwrap();
        let mut sig = vec![0u8; 2420];
        assert_eq!(mldsa_sign(&key, b"msg", b"ctx", &mut sig).unwrap(), 2420);
        assert!(mldsa_verify(&key, &sig, b"msg", b"ctx").unwrap());
        assert!(!mldsa_verify(&key, &sig, b"msg", b"").unwrap());
        sig[5] ^= 1;
        assert!(!mldsa_verify(&key, &sig, b"msg", b"ctx").unwrap());
        let again = from_seed("ML-DSA-44", &[7u8; 32]).unwrap();
        assert!(again.public_eq(&key));
        assert_eq!(seed_of(&again).unwrap(), [7u8; 32]);
        assert!(from_seed("ML-DSA-44", &[0u8; 31]).is_err());
    }

    #[test]
    fn mldsa_external_mu_signatures_verify_as_message_signatures() {
        use openssl::hash::{Hasher, MessageDigest};
        let key = from_seed("ML-DSA-44", &[9u8; 32]).unwrap();
        let shake = |parts: &[&[u8]]| {
            let mut h = Hasher::new(MessageDigest::shake_256()).unwrap();
            for p in parts {
                h.update(p).unwrap();
            }
            let mut out = [0u8; 64];
            h.finish_xof(&mut out).unwrap();
            out
        };
        let tr = shake(&[&key.raw_public_key().unwrap()]);
        let mu = shake(&[&tr, &[0, 3], b"ctx", b"msg"]);
        let mut sig = vec![0u8; 2420];
        assert_eq!(
            openssl_ext::pqc::sign_mu(&key, &mu, &mut sig).unwrap(),
            2420
        );
        assert!(mldsa_verify(&key, &sig, b"msg", b"ctx").unwrap());
        assert!(openssl_ext::pqc::verify_mu(&key, &sig, &mu).unwrap());
        mldsa_sign(&key, b"msg", b"ctx", &mut sig).unwrap();
        assert!(openssl_ext::pqc::verify_mu(&key, &sig, &mu).unwrap());
        assert!(!openssl_ext::pqc::verify_mu(&key, &sig, &mu[..63]).unwrap());
        assert!(openssl_ext::pqc::sign_mu(&key, &mu[..63], &mut sig).is_err());
    }
}
