//! RSA: key generation (sync and on the libuv pool), PKCS#1 v1.5 and PSS signatures, OAEP and
//! PKCS#1 v1.5 encryption, data recovery, the numbers of a key and keys from numbers, and the
//! CRT helpers of PyCA's `rsa` module. Free functions over the handles of `keys.rs`.
//!
//! Paddings arrive flattened from the façade, which has checked their shape: a kind
//! ([`PKCS1V15`], [`PSS`], [`OAEP`]), hash-table ids for the digest and MGF1, and the PSS salt
//! length as OpenSSL encodes it (`-1` digest length, `-2` auto, `-3` maximum). Big integers
//! travel as hexadecimal strings (bigint's own radix form on the JavaScript side).

use napi::Env;
use napi::bindgen_prelude::{Buffer, Object};

use napi_derive::napi;
use openssl::bn::{BigNum, BigNumContext, BigNumRef};
use openssl::md::MdRef;
use openssl::pkey::{HasPublic, PKey, PKeyRef, Private, Public};
use openssl::pkey_ctx::PkeyCtx;
use openssl::rsa::{Padding, Rsa, RsaRef};
use openssl::sign::RsaPssSaltlen;

use crate::background;
use crate::errors::{ErrorCode, error, openssl_error};
use crate::hashes::{HashAlgorithm, algorithm_by_id, digest_or_prehashed};
use crate::keys::{PrivateKey, PublicKey};

/// Padding kinds as the façade numbers them.
pub const PKCS1V15: u32 = 0;
pub const PSS: u32 = 1;
pub const OAEP: u32 = 2;

/// The largest modulus OpenSSL accepts (`OPENSSL_RSA_MAX_MODULUS_BITS`).
pub const MAX_KEY_SIZE: u32 = 16384;

/// The one message of every failed decryption: it must not say why.
pub const DECRYPTION_FAILED: &str = "Decryption failed";

fn value_error(message: impl std::fmt::Display) -> napi::Error {
    error(ErrorCode::Value, message)
}

fn unsupported(message: impl std::fmt::Display) -> napi::Error {
    error(ErrorCode::UnsupportedAlgorithm, message)
}

fn rsa_of<T>(pkey: &PKeyRef<T>) -> napi::Result<Rsa<T>> {
    pkey.rsa()
        .map_err(|_| error(ErrorCode::Value, "the key is not an RSA key"))
}

fn key_size_bytes<T: HasPublic>(pkey: &PKeyRef<T>) -> usize {
    (pkey.bits() as usize).div_ceil(8)
}

// ---------------------------------------------------------------------------------------------
// Key generation

/// A new RSA key. The façade enforces PyCA's rules (e ∈ {3, 65537}, size ≥ 1024); this checks
/// OpenSSL's own limits so no input can ask for an endless computation.
pub fn generate(public_exponent: u32, key_size: u32) -> napi::Result<PKey<Private>> {
    if !(512..=MAX_KEY_SIZE).contains(&key_size) {
        return Err(value_error(format!(
            "key_size must be from 1024 to {MAX_KEY_SIZE} bits, got {key_size}"
        )));
    }
    if public_exponent < 3 || public_exponent.is_multiple_of(2) {
        return Err(value_error("public_exponent must be odd and at least 3"));
    }
    let e = BigNum::from_u32(public_exponent).map_err(|e| openssl_error("BN_set_word", &e))?;
    let rsa =
        Rsa::generate_with_e(key_size, &e).map_err(|e| openssl_error("RSA key generation", &e))?;
    PKey::from_rsa(rsa).map_err(|e| openssl_error("EVP_PKEY_assign_RSA", &e))
}

#[napi(js_name = "rsaGeneratePrivateKey")]
pub fn rsa_generate_private_key(public_exponent: u32, key_size: u32) -> napi::Result<PrivateKey> {
    generate(public_exponent, key_size).map(PrivateKey::from_pkey)
}

/// `generatePrivateKeyAsync`: key generation on the low-priority background pool (see
/// `crate::background` for why not libuv's).
#[napi(
    js_name = "rsaGeneratePrivateKeyAsync",
    ts_return_type = "Promise<PrivateKey>"
)]
pub fn rsa_generate_private_key_async(
    env: &Env,
    public_exponent: u32,
    key_size: u32,
) -> napi::Result<Object<'_>> {
    background::promise(
        env,
        move || generate(public_exponent, key_size),
        PrivateKey::from_pkey,
    )
}

/// A plain "RSA" key with the same numbers as an "RSA-PSS" key (PyCA loads both as RSA keys
/// and lets the caller choose the padding).
#[napi(js_name = "rsaPrivateAsPlainRsa")]
pub fn rsa_private_as_plain_rsa(key: &PrivateKey) -> napi::Result<PrivateKey> {
    let rsa = rsa_of(key.pkey())?;
    PKey::from_rsa(rsa)
        .map(PrivateKey::from_pkey)
        .map_err(|e| openssl_error("EVP_PKEY_assign_RSA", &e))
}

#[napi(js_name = "rsaPublicAsPlainRsa")]
pub fn rsa_public_as_plain_rsa(key: &PublicKey) -> napi::Result<PublicKey> {
    let rsa = rsa_of(key.pkey())?;
    PKey::from_rsa(rsa)
        .map(PublicKey::from_pkey)
        .map_err(|e| openssl_error("EVP_PKEY_assign_RSA", &e))
}

// ---------------------------------------------------------------------------------------------
// Signatures

/// How a signature is padded, as the façade flattened it.
#[derive(Clone, Copy, Debug)]
pub struct SignaturePadding {
    pub kind: u32,
    pub mgf1_hash_id: u32,
    pub salt_length: i32,
}

fn signing_hash(hash_id: u32) -> napi::Result<(&'static HashAlgorithm, &'static MdRef)> {
    let (row, md) = algorithm_by_id(hash_id)?;
    if row.xof {
        return Err(unsupported(format!(
            "{} is not supported by this backend for RSA signing.",
            row.name
        )));
    }
    Ok((row, md))
}

fn padding_name(kind: u32) -> &'static str {
    match kind {
        PKCS1V15 => "EMSA-PKCS1-v1_5",
        PSS => "EMSA-PSS",
        OAEP => "EME-OAEP",
        _ => "this padding",
    }
}

/// Sets padding and digest on a context initialised for sign or verify.
fn setup_signature<T>(
    ctx: &mut PkeyCtx<T>,
    padding: SignaturePadding,
    row: &HashAlgorithm,
    md: &MdRef,
) -> napi::Result<()> {
    let openssl_padding = match padding.kind {
        PKCS1V15 => Padding::PKCS1,
        PSS => Padding::PKCS1_PSS,
        other => {
            return Err(unsupported(format!(
                "{} is not supported by this backend.",
                padding_name(other)
            )));
        }
    };
    ctx.set_rsa_padding(openssl_padding)
        .map_err(|e| openssl_error("EVP_PKEY_CTX_set_rsa_padding", &e))?;
    ctx.set_signature_md(md).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        unsupported(format!(
            "{} is not supported by this backend for RSA signing.",
            row.name
        ))
    })?;
    if padding.kind == PSS {
        let (mgf_row, mgf_md) = algorithm_by_id(padding.mgf1_hash_id)?;
        if mgf_row.xof {
            return Err(unsupported(format!(
                "{} is not supported for MGF1",
                mgf_row.name
            )));
        }
        ctx.set_rsa_pss_saltlen(RsaPssSaltlen::custom(padding.salt_length))
            .map_err(|e| openssl_error("EVP_PKEY_CTX_set_rsa_pss_saltlen", &e))?;
        ctx.set_rsa_mgf1_md(mgf_md).map_err(|_| {
            let _ = openssl::error::ErrorStack::get();
            unsupported(format!("{} is not supported for MGF1", mgf_row.name))
        })?;
    }
    Ok(())
}

pub fn sign_bytes(
    key: &PKeyRef<Private>,
    data: &[u8],
    prehashed: bool,
    hash_id: u32,
    padding: SignaturePadding,
) -> napi::Result<Vec<u8>> {
    let (row, md) = signing_hash(hash_id)?;
    let mut ctx = PkeyCtx::new(key).map_err(|e| openssl_error("EVP_PKEY_CTX_new", &e))?;
    ctx.sign_init()
        .map_err(|e| openssl_error("EVP_PKEY_sign_init", &e))?;
    if padding.kind == PSS && padding.salt_length == -2 {
        return Err(value_error(
            "PSS salt length can only be set to Auto when verifying",
        ));
    }
    setup_signature(&mut ctx, padding, row, md)?;
    let digest = digest_or_prehashed(hash_id, md.size() as i64, prehashed, data)?;
    let mut signature = vec![0u8; key_size_bytes(key)];
    let written = ctx.sign(&digest, Some(&mut signature)).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        value_error(
            "Digest or salt length too long for key size. Use a larger key or shorter salt \
             length if you are specifying a PSS salt",
        )
    })?;
    signature.truncate(written);
    Ok(signature)
}

pub fn verify_bytes(
    key: &PKeyRef<Public>,
    signature: &[u8],
    data: &[u8],
    prehashed: bool,
    hash_id: u32,
    padding: SignaturePadding,
) -> napi::Result<()> {
    let (row, md) = signing_hash(hash_id)?;
    let mut ctx = PkeyCtx::new(key).map_err(|e| openssl_error("EVP_PKEY_CTX_new", &e))?;
    ctx.verify_init()
        .map_err(|e| openssl_error("EVP_PKEY_verify_init", &e))?;
    setup_signature(&mut ctx, padding, row, md)?;
    let digest = digest_or_prehashed(hash_id, md.size() as i64, prehashed, data)?;
    let valid = ctx.verify(&digest, signature).unwrap_or(false);
    // A failed verification queues OpenSSL errors; they are an answer, not a failure.
    let _ = openssl::error::ErrorStack::get();
    if valid {
        Ok(())
    } else {
        Err(error(
            ErrorCode::InvalidSignature,
            "Signature did not match.",
        ))
    }
}

#[napi(js_name = "rsaSign")]
pub fn rsa_sign(
    key: &PrivateKey,
    data: &[u8],
    prehashed: bool,
    hash_id: u32,
    padding_kind: u32,
    mgf1_hash_id: u32,
    salt_length: i32,
) -> napi::Result<Buffer> {
    let padding = SignaturePadding {
        kind: padding_kind,
        mgf1_hash_id,
        salt_length,
    };
    sign_bytes(key.pkey(), data, prehashed, hash_id, padding).map(Buffer::from)
}

#[allow(clippy::too_many_arguments)]
#[napi(js_name = "rsaVerify")]
pub fn rsa_verify(
    key: &PublicKey,
    signature: &[u8],
    data: &[u8],
    prehashed: bool,
    hash_id: u32,
    padding_kind: u32,
    mgf1_hash_id: u32,
    salt_length: i32,
) -> napi::Result<()> {
    let padding = SignaturePadding {
        kind: padding_kind,
        mgf1_hash_id,
        salt_length,
    };
    verify_bytes(key.pkey(), signature, data, prehashed, hash_id, padding)
}

/// PKCS#1 v1.5 data recovery: the DigestInfo's digest when `hash_id` is given, the raw
/// payload otherwise.
pub fn recover_bytes(
    key: &PKeyRef<Public>,
    signature: &[u8],
    padding_kind: u32,
    hash_id: Option<u32>,
) -> napi::Result<Vec<u8>> {
    if padding_kind != PKCS1V15 {
        return Err(unsupported(format!(
            "{} is not supported for the RSA signature operation",
            padding_name(padding_kind)
        )));
    }
    let mut ctx = PkeyCtx::new(key).map_err(|e| openssl_error("EVP_PKEY_CTX_new", &e))?;
    ctx.verify_recover_init()
        .map_err(|e| openssl_error("EVP_PKEY_verify_recover_init", &e))?;
    ctx.set_rsa_padding(Padding::PKCS1)
        .map_err(|e| openssl_error("EVP_PKEY_CTX_set_rsa_padding", &e))?;
    if let Some(hash_id) = hash_id {
        let (row, md) = signing_hash(hash_id)?;
        ctx.set_signature_md(md).map_err(|_| {
            let _ = openssl::error::ErrorStack::get();
            unsupported(format!(
                "{} is not supported by this backend for RSA signing.",
                row.name
            ))
        })?;
    }
    let mut out = vec![0u8; key_size_bytes(key)];
    let written = ctx.verify_recover(signature, Some(&mut out)).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        error(ErrorCode::InvalidSignature, "Signature did not match.")
    })?;
    out.truncate(written);
    Ok(out)
}

#[napi(js_name = "rsaRecoverDataFromSignature")]
pub fn rsa_recover_data_from_signature(
    key: &PublicKey,
    signature: &[u8],
    padding_kind: u32,
    hash_id: Option<u32>,
) -> napi::Result<Buffer> {
    recover_bytes(key.pkey(), signature, padding_kind, hash_id).map(Buffer::from)
}

// ---------------------------------------------------------------------------------------------
// Encryption

/// How a ciphertext is padded, as the façade flattened it.
#[derive(Clone, Copy, Debug)]
pub struct EncryptionPadding<'a> {
    pub kind: u32,
    pub mgf1_hash_id: u32,
    pub oaep_hash_id: u32,
    pub label: Option<&'a [u8]>,
}

fn oaep_hash(hash_id: u32) -> napi::Result<&'static MdRef> {
    let (row, md) = algorithm_by_id(hash_id)?;
    if row.xof {
        return Err(combination_unsupported());
    }
    Ok(md)
}

fn combination_unsupported() -> napi::Error {
    let _ = openssl::error::ErrorStack::get();
    unsupported("This combination of padding and hash algorithm is not supported")
}

fn setup_encryption<T>(ctx: &mut PkeyCtx<T>, padding: EncryptionPadding<'_>) -> napi::Result<()> {
    let openssl_padding = match padding.kind {
        PKCS1V15 => Padding::PKCS1,
        OAEP => Padding::PKCS1_OAEP,
        other => {
            return Err(unsupported(format!(
                "{} is not supported by this backend.",
                padding_name(other)
            )));
        }
    };
    ctx.set_rsa_padding(openssl_padding)
        .map_err(|e| openssl_error("EVP_PKEY_CTX_set_rsa_padding", &e))?;
    if padding.kind == OAEP {
        let oaep_md = oaep_hash(padding.oaep_hash_id)?;
        let mgf1_md = oaep_hash(padding.mgf1_hash_id)?;
        ctx.set_rsa_oaep_md(oaep_md)
            .map_err(|_| combination_unsupported())?;
        ctx.set_rsa_mgf1_md(mgf1_md)
            .map_err(|_| combination_unsupported())?;
        if let Some(label) = padding.label.filter(|label| !label.is_empty()) {
            ctx.set_rsa_oaep_label(label)
                .map_err(|e| openssl_error("EVP_PKEY_CTX_set0_rsa_oaep_label", &e))?;
        }
    }
    Ok(())
}

pub fn encrypt_bytes(
    key: &PKeyRef<Public>,
    plaintext: &[u8],
    padding: EncryptionPadding<'_>,
) -> napi::Result<Vec<u8>> {
    let mut ctx = PkeyCtx::new(key).map_err(|e| openssl_error("EVP_PKEY_CTX_new", &e))?;
    ctx.encrypt_init()
        .map_err(|e| openssl_error("EVP_PKEY_encrypt_init", &e))?;
    setup_encryption(&mut ctx, padding)?;
    let mut out = vec![0u8; key_size_bytes(key)];
    let written = ctx.encrypt(plaintext, Some(&mut out)).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        value_error("Encryption failed")
    })?;
    out.truncate(written);
    Ok(out)
}

/// Decryption. Every failure after the (public) length check is the one [`DECRYPTION_FAILED`]
/// error; PKCS#1 v1.5 uses OpenSSL's implicit rejection, so a bad ciphertext yields
/// pseudo-random bytes instead of an error, as in PyCA.
pub fn decrypt_bytes(
    key: &PKeyRef<Private>,
    ciphertext: &[u8],
    padding: EncryptionPadding<'_>,
) -> napi::Result<zeroize::Zeroizing<Vec<u8>>> {
    let size = key_size_bytes(key);
    if ciphertext.len() != size {
        return Err(value_error("Ciphertext length must be equal to key size."));
    }
    let mut ctx = PkeyCtx::new(key).map_err(|e| openssl_error("EVP_PKEY_CTX_new", &e))?;
    ctx.decrypt_init()
        .map_err(|e| openssl_error("EVP_PKEY_decrypt_init", &e))?;
    setup_encryption(&mut ctx, padding)?;
    let mut out = zeroize::Zeroizing::new(vec![0u8; size]);
    let written = ctx.decrypt(ciphertext, Some(&mut out)).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        value_error(DECRYPTION_FAILED)
    })?;
    out.truncate(written);
    Ok(out)
}

#[napi(js_name = "rsaEncrypt")]
pub fn rsa_encrypt(
    key: &PublicKey,
    plaintext: &[u8],
    padding_kind: u32,
    mgf1_hash_id: u32,
    oaep_hash_id: u32,
    label: Option<&[u8]>,
) -> napi::Result<Buffer> {
    let padding = EncryptionPadding {
        kind: padding_kind,
        mgf1_hash_id,
        oaep_hash_id,
        label,
    };
    encrypt_bytes(key.pkey(), plaintext, padding).map(Buffer::from)
}

#[napi(js_name = "rsaDecrypt")]
pub fn rsa_decrypt(
    key: &PrivateKey,
    ciphertext: &[u8],
    padding_kind: u32,
    mgf1_hash_id: u32,
    oaep_hash_id: u32,
    label: Option<&[u8]>,
) -> napi::Result<Buffer> {
    let padding = EncryptionPadding {
        kind: padding_kind,
        mgf1_hash_id,
        oaep_hash_id,
        label,
    };
    let plaintext = decrypt_bytes(key.pkey(), ciphertext, padding)?;
    Ok(Buffer::from(plaintext.as_slice()))
}

// ---------------------------------------------------------------------------------------------
// Numbers

fn hex(n: &BigNumRef) -> napi::Result<String> {
    n.to_hex_str()
        .map(|s| s.to_string())
        .map_err(|e| openssl_error("BN_bn2hex", &e))
}

fn parse(name: &str, text: &str) -> napi::Result<BigNum> {
    let valid = {
        let digits = text.strip_prefix('-').unwrap_or(text);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit())
    };
    if !valid {
        return Err(value_error(format!("{name} is not a hexadecimal integer")));
    }
    BigNum::from_hex_str(text).map_err(|e| openssl_error("BN_hex2bn", &e))
}

/// The numbers of a public key, in hexadecimal.
#[napi(object)]
pub struct RsaPublicNumbersHex {
    pub e: String,
    pub n: String,
}

/// The numbers of a private key, in hexadecimal.
#[napi(object)]
pub struct RsaPrivateNumbersHex {
    pub p: String,
    pub q: String,
    pub d: String,
    pub dmp1: String,
    pub dmq1: String,
    pub iqmp: String,
    pub e: String,
    pub n: String,
}

fn public_numbers_of<T: HasPublic>(rsa: &RsaRef<T>) -> napi::Result<RsaPublicNumbersHex> {
    Ok(RsaPublicNumbersHex {
        e: hex(rsa.e())?,
        n: hex(rsa.n())?,
    })
}

#[napi(js_name = "rsaPublicNumbers")]
pub fn rsa_public_numbers(key: &PublicKey) -> napi::Result<RsaPublicNumbersHex> {
    let rsa = rsa_of(key.pkey())?;
    public_numbers_of(&rsa)
}

#[napi(js_name = "rsaPrivateNumbers")]
pub fn rsa_private_numbers(key: &PrivateKey) -> napi::Result<RsaPrivateNumbersHex> {
    let rsa = rsa_of(key.pkey())?;
    let missing = || error(ErrorCode::Value, "the key lacks its CRT parameters");
    let part = |n: Option<&BigNumRef>| n.ok_or_else(missing).and_then(hex);
    Ok(RsaPrivateNumbersHex {
        p: part(rsa.p())?,
        q: part(rsa.q())?,
        d: hex(rsa.d())?,
        dmp1: part(rsa.dmp1())?,
        dmq1: part(rsa.dmq1())?,
        iqmp: part(rsa.iqmp())?,
        e: hex(rsa.e())?,
        n: hex(rsa.n())?,
    })
}

fn check_public_components(e: &BigNumRef, n: &BigNumRef) -> napi::Result<()> {
    let three = BigNum::from_u32(3).map_err(|e| openssl_error("BN_set_word", &e))?;
    if e < &*three || e >= n {
        return Err(value_error("e must be >= 3 and < n."));
    }
    if !e.is_bit_set(0) {
        return Err(value_error("e must be odd."));
    }
    Ok(())
}

pub fn public_key_from_numbers(e: &str, n: &str) -> napi::Result<PKey<Public>> {
    let e = parse("e", e)?;
    let n = parse("n", n)?;
    check_public_components(&e, &n)?;
    let rsa = Rsa::from_public_components(n, e).map_err(|e| openssl_error("RSA_set0_key", &e))?;
    PKey::from_rsa(rsa).map_err(|e| openssl_error("EVP_PKEY_assign_RSA", &e))
}

#[napi(js_name = "rsaLoadPublicNumbers")]
pub fn rsa_load_public_numbers(e: String, n: String) -> napi::Result<PublicKey> {
    public_key_from_numbers(&e, &n).map(PublicKey::from_pkey)
}

/// PyCA's checks of private numbers, in its order and with its messages.
fn check_private_components(
    [p, q, d, dmp1, dmq1, iqmp, e, n]: [&BigNumRef; 8],
) -> napi::Result<()> {
    let three = BigNum::from_u32(3).map_err(|e| openssl_error("BN_set_word", &e))?;
    if n < &*three {
        return Err(value_error("modulus must be >= 3."));
    }
    for (name, value) in [
        ("p", p),
        ("q", q),
        ("dmp1", dmp1),
        ("dmq1", dmq1),
        ("iqmp", iqmp),
        ("private_exponent", d),
    ] {
        if value >= n {
            return Err(value_error(format!("{name} must be < modulus.")));
        }
    }
    if e < &*three || e >= n {
        return Err(value_error("public_exponent must be >= 3 and < modulus."));
    }
    if !e.is_bit_set(0) {
        return Err(value_error("public_exponent must be odd."));
    }
    if !dmp1.is_bit_set(0) {
        return Err(value_error("dmp1 must be odd."));
    }
    if !dmq1.is_bit_set(0) {
        return Err(value_error("dmq1 must be odd."));
    }
    let mut product = BigNum::new().map_err(|e| openssl_error("BN_new", &e))?;
    let mut ctx = BigNumContext::new().map_err(|e| openssl_error("BN_CTX_new", &e))?;
    product
        .checked_mul(p, q, &mut ctx)
        .map_err(|e| openssl_error("BN_mul", &e))?;
    if &*product != n {
        return Err(value_error("p*q must equal modulus."));
    }
    Ok(())
}

pub fn private_key_from_numbers(
    numbers: &RsaPrivateNumbersHex,
    unsafe_skip_rsa_key_validation: bool,
) -> napi::Result<PKey<Private>> {
    let p = parse("p", &numbers.p)?;
    let q = parse("q", &numbers.q)?;
    let d = parse("d", &numbers.d)?;
    let dmp1 = parse("dmp1", &numbers.dmp1)?;
    let dmq1 = parse("dmq1", &numbers.dmq1)?;
    let iqmp = parse("iqmp", &numbers.iqmp)?;
    let e = parse("e", &numbers.e)?;
    let n = parse("n", &numbers.n)?;
    check_private_components([&p, &q, &d, &dmp1, &dmq1, &iqmp, &e, &n])?;
    let rsa = Rsa::from_private_components(n, e, d, p, q, dmp1, dmq1, iqmp)
        .map_err(|e| openssl_error("RSA_set0_key", &e))?;
    if !unsafe_skip_rsa_key_validation {
        check_private_key(&rsa)?;
    }
    PKey::from_rsa(rsa).map_err(|e| openssl_error("EVP_PKEY_assign_RSA", &e))
}

/// OpenSSL's consistency check of a private key (RSA_check_key), and odd primes.
pub fn check_private_key(rsa: &RsaRef<Private>) -> napi::Result<()> {
    let consistent = rsa.check_key().unwrap_or(false);
    let _ = openssl::error::ErrorStack::get();
    let odd_primes =
        rsa.p().is_some_and(|p| p.is_bit_set(0)) && rsa.q().is_some_and(|q| q.is_bit_set(0));
    if consistent && odd_primes {
        Ok(())
    } else {
        Err(value_error("Invalid private key"))
    }
}

#[napi(js_name = "rsaLoadPrivateNumbers")]
pub fn rsa_load_private_numbers(
    numbers: RsaPrivateNumbersHex,
    unsafe_skip_rsa_key_validation: bool,
) -> napi::Result<PrivateKey> {
    private_key_from_numbers(&numbers, unsafe_skip_rsa_key_validation).map(PrivateKey::from_pkey)
}

// ---------------------------------------------------------------------------------------------
// CRT helpers (PyCA's rsa_crt_*, rsa_recover_*)

struct Arith {
    ctx: BigNumContext,
}

impl Arith {
    fn new() -> napi::Result<Arith> {
        Ok(Arith {
            ctx: BigNumContext::new().map_err(|e| openssl_error("BN_CTX_new", &e))?,
        })
    }

    fn minus_one(&self, a: &BigNumRef) -> napi::Result<BigNum> {
        let mut r = a.to_owned().map_err(|e| openssl_error("BN_dup", &e))?;
        r.sub_word(1)
            .map_err(|e| openssl_error("BN_sub_word", &e))?;
        Ok(r)
    }

    fn nnmod(&mut self, a: &BigNumRef, m: &BigNumRef) -> napi::Result<BigNum> {
        if m.num_bits() == 0 {
            return Err(value_error("modulus must not be zero"));
        }
        let mut r = BigNum::new().map_err(|e| openssl_error("BN_new", &e))?;
        r.nnmod(a, m, &mut self.ctx)
            .map_err(|e| openssl_error("BN_nnmod", &e))?;
        Ok(r)
    }

    fn inverse(&mut self, a: &BigNumRef, m: &BigNumRef) -> napi::Result<BigNum> {
        let mut r = BigNum::new().map_err(|e| openssl_error("BN_new", &e))?;
        r.mod_inverse(a, m, &mut self.ctx).map_err(|_| {
            let _ = openssl::error::ErrorStack::get();
            value_error("the value has no inverse for this modulus")
        })?;
        Ok(r)
    }

    fn mul(&mut self, a: &BigNumRef, b: &BigNumRef) -> napi::Result<BigNum> {
        let mut r = BigNum::new().map_err(|e| openssl_error("BN_new", &e))?;
        r.checked_mul(a, b, &mut self.ctx)
            .map_err(|e| openssl_error("BN_mul", &e))?;
        Ok(r)
    }

    fn gcd(&mut self, a: &BigNumRef, b: &BigNumRef) -> napi::Result<BigNum> {
        let mut r = BigNum::new().map_err(|e| openssl_error("BN_new", &e))?;
        r.gcd(a, b, &mut self.ctx)
            .map_err(|e| openssl_error("BN_gcd", &e))?;
        Ok(r)
    }

    fn div(&mut self, a: &BigNumRef, b: &BigNumRef) -> napi::Result<(BigNum, BigNum)> {
        let mut quotient = BigNum::new().map_err(|e| openssl_error("BN_new", &e))?;
        let mut remainder = BigNum::new().map_err(|e| openssl_error("BN_new", &e))?;
        quotient
            .checked_div(a, b, &mut self.ctx)
            .map_err(|e| openssl_error("BN_div", &e))?;
        remainder
            .checked_rem(a, b, &mut self.ctx)
            .map_err(|e| openssl_error("BN_mod", &e))?;
        Ok((quotient, remainder))
    }

    fn mod_exp(&mut self, a: &BigNumRef, p: &BigNumRef, m: &BigNumRef) -> napi::Result<BigNum> {
        let mut r = BigNum::new().map_err(|e| openssl_error("BN_new", &e))?;
        r.mod_exp(a, p, m, &mut self.ctx)
            .map_err(|e| openssl_error("BN_mod_exp", &e))?;
        Ok(r)
    }
}

fn positive(name: &str, value: &BigNumRef) -> napi::Result<()> {
    if value.is_negative() || value.num_bits() == 0 {
        Err(value_error(format!("{name} must be a positive integer")))
    } else {
        Ok(())
    }
}

/// iqmp = q⁻¹ mod p.
pub fn crt_iqmp(p: &BigNumRef, q: &BigNumRef) -> napi::Result<BigNum> {
    positive("p", p)?;
    positive("q", q)?;
    Arith::new()?.inverse(q, p)
}

/// d mod (prime - 1): dmp1 or dmq1.
pub fn crt_exponent(d: &BigNumRef, prime: &BigNumRef) -> napi::Result<BigNum> {
    positive("prime", prime)?;
    let mut arith = Arith::new()?;
    let prime_minus_one = arith.minus_one(prime)?;
    arith.nnmod(d, &prime_minus_one)
}

/// d = e⁻¹ mod λ(n), λ(n) = lcm(p - 1, q - 1) (Carmichael's function, as PyCA).
pub fn recover_private_exponent(
    e: &BigNumRef,
    p: &BigNumRef,
    q: &BigNumRef,
) -> napi::Result<BigNum> {
    positive("p", p)?;
    positive("q", q)?;
    let mut arith = Arith::new()?;
    let p1 = arith.minus_one(p)?;
    let q1 = arith.minus_one(q)?;
    let product = arith.mul(&p1, &q1)?;
    let divisor = arith.gcd(&p1, &q1)?;
    if divisor.num_bits() == 0 {
        return Err(value_error("p and q must be greater than 1"));
    }
    let (lambda, _) = arith.div(&product, &divisor)?;
    arith.inverse(e, &lambda)
}

/// How many bases to try before giving up (PyCA's bound).
const MAX_RECOVERY_ATTEMPTS: u32 = 500;

/// Factors n from (n, e, d): the randomised algorithm of Boneh's survey, made deterministic by
/// trying the bases 2, 4, 6, … in order (as PyCA). Returns (p, q) with p > q.
pub fn recover_prime_factors(
    n: &BigNumRef,
    e: &BigNumRef,
    d: &BigNumRef,
) -> napi::Result<(BigNum, BigNum)> {
    positive("n", n)?;
    positive("e", e)?;
    positive("d", d)?;
    let mismatch = || value_error("n, d, e don't match");
    let mut arith = Arith::new()?;
    let product = arith.mul(d, e)?;
    let ktot = arith.minus_one(&product)?;
    if ktot.num_bits() == 0 {
        return Err(mismatch());
    }
    // ktot = t · 2^s with t odd.
    let mut t = ktot.to_owned().map_err(|e| openssl_error("BN_dup", &e))?;
    while !t.is_bit_set(0) {
        let shifted = t.to_owned().map_err(|e| openssl_error("BN_dup", &e))?;
        t.rshift1(&shifted)
            .map_err(|e| openssl_error("BN_rshift1", &e))?;
    }
    let one = BigNum::from_u32(1).map_err(|e| openssl_error("BN_set_word", &e))?;
    let n_minus_one = arith.minus_one(n)?;
    let mut found: Option<BigNum> = None;
    let mut base = 2u32;
    'bases: while base < MAX_RECOVERY_ATTEMPTS {
        let a = BigNum::from_u32(base).map_err(|e| openssl_error("BN_set_word", &e))?;
        let mut k = t.to_owned().map_err(|e| openssl_error("BN_dup", &e))?;
        while k < ktot {
            let candidate = arith.mod_exp(&a, &k, n)?;
            if candidate != one && candidate != n_minus_one {
                let two = BigNum::from_u32(2).map_err(|e| openssl_error("BN_set_word", &e))?;
                let squared = arith.mod_exp(&candidate, &two, n)?;
                if squared == one {
                    let mut plus_one = candidate;
                    plus_one
                        .add_word(1)
                        .map_err(|e| openssl_error("BN_add_word", &e))?;
                    found = Some(arith.gcd(&plus_one, n)?);
                    break 'bases;
                }
            }
            let doubled = k.to_owned().map_err(|e| openssl_error("BN_dup", &e))?;
            k.lshift1(&doubled)
                .map_err(|e| openssl_error("BN_lshift1", &e))?;
        }
        base += 2;
    }
    let p = found.ok_or_else(mismatch)?;
    let (q, remainder) = arith.div(n, &p)?;
    if remainder.num_bits() != 0 || p == one || q == one {
        return Err(mismatch());
    }
    Ok(if p > q { (p, q) } else { (q, p) })
}

#[napi(js_name = "rsaCrtIqmp")]
pub fn rsa_crt_iqmp(p: String, q: String) -> napi::Result<String> {
    let (p, q) = (parse("p", &p)?, parse("q", &q)?);
    let iqmp = crt_iqmp(&p, &q)?;
    hex(&iqmp)
}

#[napi(js_name = "rsaCrtExponent")]
pub fn rsa_crt_exponent(private_exponent: String, prime: String) -> napi::Result<String> {
    let d = parse("private_exponent", &private_exponent)?;
    let prime = parse("prime", &prime)?;
    let exponent = crt_exponent(&d, &prime)?;
    hex(&exponent)
}

#[napi(js_name = "rsaRecoverPrivateExponent")]
pub fn rsa_recover_private_exponent(e: String, p: String, q: String) -> napi::Result<String> {
    let (e, p, q) = (parse("e", &e)?, parse("p", &p)?, parse("q", &q)?);
    let d = recover_private_exponent(&e, &p, &q)?;
    hex(&d)
}

#[napi(js_name = "rsaRecoverPrimeFactors")]
pub fn rsa_recover_prime_factors(n: String, e: String, d: String) -> napi::Result<Vec<String>> {
    let (n, e, d) = (parse("n", &n)?, parse("e", &e)?, parse("d", &d)?);
    let (p, q) = recover_prime_factors(&n, &e, &d)?;
    Ok(vec![hex(&p)?, hex(&q)?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hashes::algorithm_id;

    fn sha256() -> u32 {
        algorithm_id("sha256").expect("sha256") as u32
    }

    fn pss(salt_length: i32) -> SignaturePadding {
        SignaturePadding {
            kind: PSS,
            mgf1_hash_id: sha256(),
            salt_length,
        }
    }

    #[test]
    fn sign_verify_and_tamper() {
        let key = generate(65537, 1024).expect("key");
        let public =
            PKey::public_key_from_der(&key.public_key_to_der().expect("der")).expect("pub");
        for padding in [
            pss(-1),
            pss(-3),
            SignaturePadding {
                kind: PKCS1V15,
                mgf1_hash_id: 0,
                salt_length: 0,
            },
        ] {
            let signature = sign_bytes(&key, b"message", false, sha256(), padding).expect("sign");
            verify_bytes(&public, &signature, b"message", false, sha256(), padding)
                .expect("verify");
            let mut tampered = signature.clone();
            tampered[10] ^= 1;
            let err = verify_bytes(&public, &tampered, b"message", false, sha256(), padding)
                .expect_err("tampered");
            assert!(err.reason.starts_with("[ERR_HAZMAT_INVALID_SIGNATURE]"));
        }
        // Auto verifies any salt length; it cannot sign.
        let signature = sign_bytes(&key, b"m", false, sha256(), pss(7)).expect("sign");
        verify_bytes(&public, &signature, b"m", false, sha256(), pss(-2)).expect("auto");
        assert!(sign_bytes(&key, b"m", false, sha256(), pss(-2)).is_err());
    }

    #[test]
    fn oaep_round_trip_and_one_failure_message() {
        let key = generate(65537, 1024).expect("key");
        let public =
            PKey::public_key_from_der(&key.public_key_to_der().expect("der")).expect("pub");
        let padding = EncryptionPadding {
            kind: OAEP,
            mgf1_hash_id: sha256(),
            oaep_hash_id: sha256(),
            label: Some(b"label"),
        };
        let ciphertext = encrypt_bytes(&public, b"secret", padding).expect("encrypt");
        assert_eq!(
            decrypt_bytes(&key, &ciphertext, padding)
                .expect("decrypt")
                .as_slice(),
            b"secret"
        );
        let mut tampered = ciphertext.clone();
        tampered[5] ^= 0x40;
        let wrong_label = EncryptionPadding {
            label: None,
            ..padding
        };
        for (ciphertext, padding) in [(&tampered, padding), (&ciphertext, wrong_label)] {
            let err = decrypt_bytes(&key, ciphertext, padding).expect_err("must fail");
            assert_eq!(err.reason, "[ERR_HAZMAT_VALUE] Decryption failed");
        }
    }

    #[test]
    fn crt_helpers_and_factor_recovery() {
        let key = generate(65537, 1024).expect("key");
        let rsa = key.rsa().expect("rsa");
        let (p, q, d) = (rsa.p().expect("p"), rsa.q().expect("q"), rsa.d());
        assert_eq!(&*crt_iqmp(p, q).expect("iqmp"), rsa.iqmp().expect("iqmp"));
        assert_eq!(
            &*crt_exponent(d, p).expect("dmp1"),
            rsa.dmp1().expect("dmp1")
        );
        let (p2, q2) = recover_prime_factors(rsa.n(), rsa.e(), d).expect("factors");
        let (big, small) = if p > q { (p, q) } else { (q, p) };
        assert_eq!((&*p2, &*q2), (big, small));
        let d2 = recover_private_exponent(rsa.e(), p, q).expect("d");
        let (p3, _) = recover_prime_factors(rsa.n(), rsa.e(), &d2).expect("factors from d2");
        assert_eq!(&*p3, big);
        let three = BigNum::from_u32(3).expect("3");
        assert!(recover_prime_factors(rsa.n(), &three, d).is_err());
    }
}
