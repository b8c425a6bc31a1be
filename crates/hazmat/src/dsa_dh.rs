//! DSA (FIPS 186) and finite-field Diffie-Hellman: parameter and key generation, keys from
//! numbers, DSA signatures (DER) and DH exchange, and DH parameter files (PKCS #3 and X9.42).
//! Free functions over the shared key handles of `keys.rs`; numbers cross the boundary as
//! big-endian hex strings. Argument rules and PyCA's shapes live in
//! `src/primitives/asymmetric/{dsa,dh}.ts`.

use napi::Env;
use napi::bindgen_prelude::{Buffer, BufferSlice, Object};

use napi_derive::napi;
use openssl::bn::{BigNum, BigNumContext, BigNumRef};
use openssl::derive::Deriver;
use openssl::dh::Dh;
use openssl::dsa::Dsa;
use openssl::pkey::{HasParams, HasPublic, PKey, Params};
use openssl::pkey_ctx::PkeyCtx;

use crate::background;
use crate::errors::{ErrorCode, error, openssl_error};
use crate::hashes::digest_or_prehashed;
use crate::keys::{PrivateKey, PublicKey};

fn value_error(message: &str) -> napi::Error {
    error(ErrorCode::Value, message)
}

fn bn(hex: &str) -> napi::Result<BigNum> {
    if hex.is_empty() {
        return BigNum::new().map_err(|e| openssl_error("BN_new", &e));
    }
    BigNum::from_hex_str(hex).map_err(|_| value_error("Invalid number"))
}

fn opt_bn(hex: Option<String>) -> napi::Result<Option<BigNum>> {
    hex.filter(|h| !h.is_empty()).map(|h| bn(&h)).transpose()
}

fn hex(n: &BigNumRef) -> napi::Result<String> {
    if n.num_bits() == 0 {
        return Ok("0".into());
    }
    n.to_hex_str()
        .map(|s| s.to_string())
        .map_err(|e| openssl_error("BN_bn2hex", &e))
}

// ---------------------------------------------------------------------------------------------
// DSA

/// PyCA's `_check_dsa_parameters`.
fn check_dsa_parameters(p: &BigNumRef, q: &BigNumRef, g: &BigNumRef) -> napi::Result<()> {
    if ![1024, 2048, 3072, 4096].contains(&p.num_bits()) {
        return Err(value_error(
            "p must be exactly 1024, 2048, 3072, or 4096 bits long",
        ));
    }
    if ![160, 224, 256].contains(&q.num_bits()) {
        return Err(value_error("q must be exactly 160, 224, or 256 bits long"));
    }
    let one = BigNum::from_u32(1).map_err(|e| openssl_error("BN_new", &e))?;
    if g.is_negative() || *g <= *one || *g >= *p {
        return Err(value_error("g, p don't satisfy 1 < g < p."));
    }
    Ok(())
}

fn dsa_params(p: &str, q: &str, g: &str) -> napi::Result<Dsa<Params>> {
    let (p, q, g) = (bn(p)?, bn(q)?, bn(g)?);
    check_dsa_parameters(&p, &q, &g)?;
    Dsa::from_pqg(p, q, g).map_err(|e| openssl_error("DSA_set0_pqg", &e))
}

fn pqg_hex<T: HasParams>(dsa: &Dsa<T>) -> napi::Result<Vec<String>> {
    Ok(vec![hex(dsa.p())?, hex(dsa.q())?, hex(dsa.g())?])
}

fn generate_dsa_parameters(key_size: u32) -> napi::Result<Vec<String>> {
    if ![1024, 2048, 3072, 4096].contains(&key_size) {
        return Err(value_error(
            "Key size must be 1024, 2048, 3072, or 4096 bits.",
        ));
    }
    let dsa = Dsa::generate_params(key_size)
        .map_err(|e| openssl_error("DSA_generate_parameters_ex", &e))?;
    pqg_hex(&dsa)
}

/// New DSA parameters `[p, q, g]` of `keySize` bits (1024, 2048, 3072 or 4096).
#[napi]
pub fn dsa_generate_parameters(key_size: u32) -> napi::Result<Vec<String>> {
    generate_dsa_parameters(key_size)
}

/// `generateParametersAsync`: on the low-priority background pool (`crate::background`).
#[napi(ts_return_type = "Promise<Array<string>>")]
pub fn dsa_generate_parameters_async(env: &Env, key_size: u32) -> napi::Result<Object<'_>> {
    background::promise(env, move || generate_dsa_parameters(key_size), |p| p)
}

/// Checks DSA parameter numbers as PyCA does (`ValueError`).
#[napi]
pub fn dsa_check_parameters(p: String, q: String, g: String) -> napi::Result<()> {
    dsa_params(&p, &q, &g).map(|_| ())
}

/// A new private key with the parameters `p`, `q`, `g`.
#[napi]
pub fn dsa_generate_private_key(p: String, q: String, g: String) -> napi::Result<PrivateKey> {
    let dsa = dsa_params(&p, &q, &g)?
        .generate_key()
        .map_err(|e| openssl_error("DSA_generate_key", &e))?;
    let pkey = PKey::from_dsa(dsa).map_err(|e| openssl_error("EVP_PKEY_assign_DSA", &e))?;
    Ok(PrivateKey::from_pkey(pkey))
}

/// The public key of `DSAPublicNumbers` (parameters checked as PyCA does).
#[napi]
pub fn dsa_public_key_from_numbers(
    p: String,
    q: String,
    g: String,
    y: String,
) -> napi::Result<PublicKey> {
    let params = dsa_params(&p, &q, &g)?;
    let own = |n: &BigNumRef| n.to_owned().map_err(|e| openssl_error("BN_dup", &e));
    let dsa = Dsa::from_public_components(
        own(params.p())?,
        own(params.q())?,
        own(params.g())?,
        bn(&y)?,
    )
    .map_err(|e| openssl_error("DSA_set0_key", &e))?;
    let pkey = PKey::from_dsa(dsa).map_err(|e| openssl_error("EVP_PKEY_assign_DSA", &e))?;
    Ok(PublicKey::from_pkey(pkey))
}

/// The private key of `DSAPrivateNumbers`: `0 < x < q` and `y = g^x mod p`, else `ValueError`.
#[napi]
pub fn dsa_private_key_from_numbers(
    p: String,
    q: String,
    g: String,
    y: String,
    x: String,
) -> napi::Result<PrivateKey> {
    let params = dsa_params(&p, &q, &g)?;
    let (y, x) = (bn(&y)?, bn(&x)?);
    if x.is_negative() || x.num_bits() == 0 || *x >= *params.q() {
        return Err(value_error("x must be > 0 and < q."));
    }
    let mut ctx = BigNumContext::new().map_err(|e| openssl_error("BN_CTX_new", &e))?;
    let mut expected = BigNum::new().map_err(|e| openssl_error("BN_new", &e))?;
    expected
        .mod_exp(params.g(), &x, params.p(), &mut ctx)
        .map_err(|e| openssl_error("BN_mod_exp", &e))?;
    if expected != y {
        return Err(value_error("y must be equal to (g ** x % p)."));
    }
    let own = |n: &BigNumRef| n.to_owned().map_err(|e| openssl_error("BN_dup", &e));
    let dsa =
        Dsa::from_private_components(own(params.p())?, own(params.q())?, own(params.g())?, x, y)
            .map_err(|e| openssl_error("DSA_set0_key", &e))?;
    let pkey = PKey::from_dsa(dsa).map_err(|e| openssl_error("EVP_PKEY_assign_DSA", &e))?;
    Ok(PrivateKey::from_pkey(pkey))
}

/// `[p, q, g, y, x]` of a DSA private key.
#[napi]
pub fn dsa_private_numbers(key: &PrivateKey) -> napi::Result<Vec<String>> {
    let dsa = key
        .pkey()
        .dsa()
        .map_err(|e| openssl_error("EVP_PKEY_get1_DSA", &e))?;
    let mut out = pqg_hex(&dsa)?;
    out.push(hex(dsa.pub_key())?);
    out.push(hex(dsa.priv_key())?);
    Ok(out)
}

/// `[p, q, g, y]` of a DSA public key.
#[napi]
pub fn dsa_public_numbers(key: &PublicKey) -> napi::Result<Vec<String>> {
    let dsa = key
        .pkey()
        .dsa()
        .map_err(|e| openssl_error("EVP_PKEY_get1_DSA", &e))?;
    let mut out = pqg_hex(&dsa)?;
    out.push(hex(dsa.pub_key())?);
    Ok(out)
}

/// A DER-encoded DSA signature of `data` (or of the digest `data`, when prehashed).
#[napi(
    ts_args_type = "key: PrivateKey, hashId: number, digestSize: number, prehashed: boolean, data: Uint8Array"
)]
pub fn dsa_sign(
    key: &PrivateKey,
    hash_id: u32,
    digest_size: i64,
    prehashed: bool,
    data: BufferSlice,
) -> napi::Result<Buffer> {
    let digest = digest_or_prehashed(hash_id, digest_size, prehashed, &data)?;
    let mut ctx = PkeyCtx::new(key.pkey()).map_err(|e| openssl_error("EVP_PKEY_CTX_new", &e))?;
    ctx.sign_init()
        .map_err(|e| openssl_error("EVP_PKEY_sign_init", &e))?;
    let mut out = Vec::new();
    ctx.sign_to_vec(&digest, &mut out)
        .map_err(|e| openssl_error("EVP_PKEY_sign", &e))?;
    Ok(out.into())
}

/// Whether `signature` is a valid DSA signature of `data`; malformed signatures are `false`.
#[napi(
    ts_args_type = "key: PublicKey, hashId: number, digestSize: number, prehashed: boolean, signature: Uint8Array, data: Uint8Array"
)]
pub fn dsa_verify(
    key: &PublicKey,
    hash_id: u32,
    digest_size: i64,
    prehashed: bool,
    signature: BufferSlice,
    data: BufferSlice,
) -> napi::Result<bool> {
    let digest = digest_or_prehashed(hash_id, digest_size, prehashed, &data)?;
    let mut ctx = PkeyCtx::new(key.pkey()).map_err(|e| openssl_error("EVP_PKEY_CTX_new", &e))?;
    ctx.verify_init()
        .map_err(|e| openssl_error("EVP_PKEY_verify_init", &e))?;
    let valid = ctx.verify(&digest, &signature).unwrap_or(false);
    let _ = openssl::error::ErrorStack::get();
    Ok(valid)
}

// ---------------------------------------------------------------------------------------------
// DH

fn generate_dh_parameters(generator: u32, key_size: u32) -> napi::Result<Vec<String>> {
    if key_size < 512 {
        return Err(value_error("DH key_size must be at least 512 bits"));
    }
    if generator != 2 && generator != 5 {
        return Err(value_error("DH generator must be 2 or 5"));
    }
    let dh = Dh::generate_params(key_size, generator)
        .map_err(|e| openssl_error("DH_generate_parameters_ex", &e))?;
    Ok(vec![
        hex(dh.prime_p())?,
        hex(dh.generator())?,
        String::new(),
    ])
}

/// New DH parameters `[p, g, ""]` (safe prime of `keySize` bits, generator 2 or 5).
#[napi]
pub fn dh_generate_parameters(generator: u32, key_size: u32) -> napi::Result<Vec<String>> {
    generate_dh_parameters(generator, key_size)
}

/// `generateParametersAsync`: on the low-priority background pool (`crate::background`).
#[napi(ts_return_type = "Promise<Array<string>>")]
pub fn dh_generate_parameters_async(
    env: &Env,
    generator: u32,
    key_size: u32,
) -> napi::Result<Object<'_>> {
    background::promise(
        env,
        move || generate_dh_parameters(generator, key_size),
        |p| p,
    )
}

fn dh_params(p: &str, g: &str, q: Option<String>) -> napi::Result<Dh<Params>> {
    Dh::from_pqg(bn(p)?, opt_bn(q)?, bn(g)?).map_err(|e| openssl_error("DH_set0_pqg", &e))
}

/// PyCA's check of `DHParameterNumbers.parameters()`: OpenSSL's `DH_check`.
#[napi]
pub fn dh_check_parameters(p: String, g: String, q: Option<String>) -> napi::Result<()> {
    let dh = dh_params(&p, &g, q)?;
    let ok = dh.check_key().unwrap_or(false);
    let _ = openssl::error::ErrorStack::get();
    if ok {
        Ok(())
    } else {
        Err(value_error("Invalid DH parameters"))
    }
}

fn pkey_from_dh<T: HasParams>(dh: Dh<T>) -> Result<PKey<T>, openssl::error::ErrorStack> {
    if dh.prime_q().is_some() {
        PKey::from_dhx(dh)
    } else {
        PKey::from_dh(dh)
    }
}

/// A new DH private key with the given parameters.
#[napi]
pub fn dh_generate_private_key(
    p: String,
    g: String,
    q: Option<String>,
) -> napi::Result<PrivateKey> {
    let dh = dh_params(&p, &g, q)?
        .generate_key()
        .map_err(|e| openssl_error("DH_generate_key", &e))?;
    let pkey = pkey_from_dh(dh).map_err(|e| openssl_error("EVP_PKEY_assign_DH", &e))?;
    Ok(PrivateKey::from_pkey(pkey))
}

/// The private key of `DHPrivateNumbers` (no consistency check, as PyCA).
#[napi]
pub fn dh_private_key_from_numbers(
    p: String,
    g: String,
    q: Option<String>,
    y: String,
    x: String,
) -> napi::Result<PrivateKey> {
    let dh = dh_params(&p, &g, q)?
        .set_key(bn(&y)?, bn(&x)?)
        .map_err(|e| openssl_error("DH_set0_key", &e))?;
    let pkey = pkey_from_dh(dh).map_err(|e| openssl_error("EVP_PKEY_assign_DH", &e))?;
    Ok(PrivateKey::from_pkey(pkey))
}

/// The public key of `DHPublicNumbers`.
#[napi]
pub fn dh_public_key_from_numbers(
    p: String,
    g: String,
    q: Option<String>,
    y: String,
) -> napi::Result<PublicKey> {
    let dh = dh_params(&p, &g, q)?
        .set_public_key(bn(&y)?)
        .map_err(|e| openssl_error("DH_set0_key", &e))?;
    let pkey = pkey_from_dh(dh).map_err(|e| openssl_error("EVP_PKEY_assign_DH", &e))?;
    Ok(PublicKey::from_pkey(pkey))
}

fn dh_numbers<T: HasParams + HasPublic>(dh: &Dh<T>) -> napi::Result<Vec<String>> {
    let q = match dh.prime_q() {
        Some(q) => hex(q)?,
        None => String::new(),
    };
    Ok(vec![
        hex(dh.prime_p())?,
        hex(dh.generator())?,
        q,
        hex(dh.public_key())?,
    ])
}

/// `[p, g, q or "", y, x]` of a DH private key.
#[napi]
pub fn dh_private_numbers(key: &PrivateKey) -> napi::Result<Vec<String>> {
    let dh = key
        .pkey()
        .dh()
        .map_err(|e| openssl_error("EVP_PKEY_get1_DH", &e))?;
    let mut out = dh_numbers(&dh)?;
    out.push(hex(dh.private_key())?);
    Ok(out)
}

/// `[p, g, q or "", y]` of a DH public key.
#[napi]
pub fn dh_public_numbers(key: &PublicKey) -> napi::Result<Vec<String>> {
    let dh = key
        .pkey()
        .dh()
        .map_err(|e| openssl_error("EVP_PKEY_get1_DH", &e))?;
    dh_numbers(&dh)
}

/// The DH shared secret, left-padded with zeros to the modulus length (as PyCA).
#[napi]
pub fn dh_exchange(key: &PrivateKey, peer: &PublicKey) -> napi::Result<Buffer> {
    let failed = || value_error("Error computing shared key.");
    let size = key.pkey().size();
    let secret = (|| {
        let mut deriver = Deriver::new(key.pkey())?;
        deriver.set_peer(peer.pkey())?;
        deriver.derive_to_vec()
    })()
    .map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        failed()
    })?;
    let mut out = vec![0u8; size.max(secret.len())];
    let start = out.len() - secret.len();
    out[start..].copy_from_slice(&secret);
    drop(zeroize_vec(secret));
    Ok(out.into())
}

fn zeroize_vec(mut bytes: Vec<u8>) -> Vec<u8> {
    use zeroize::Zeroize;
    bytes.zeroize();
    bytes
}

// DER of DH parameters: PKCS #3 `SEQUENCE { p, g }`, X9.42 `SEQUENCE { p, g, q }`.

fn der_length(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
}

fn der_integer(out: &mut Vec<u8>, n: &BigNumRef) {
    let mut bytes = n.to_vec();
    if bytes.is_empty() || bytes[0] & 0x80 != 0 {
        bytes.insert(0, 0);
    }
    out.push(0x02);
    der_length(out, bytes.len());
    out.extend_from_slice(&bytes);
}

fn dh_parameters_der(p: &BigNumRef, g: &BigNumRef, q: Option<&BigNumRef>) -> Vec<u8> {
    let mut body = Vec::new();
    der_integer(&mut body, p);
    der_integer(&mut body, g);
    if let Some(q) = q {
        der_integer(&mut body, q);
    }
    let mut out = vec![0x30];
    der_length(&mut out, body.len());
    out.extend_from_slice(&body);
    out
}

fn pem_wrap(label: &str, der: &[u8]) -> Vec<u8> {
    let b64 = openssl::base64::encode_block(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out.into_bytes()
}

/// DH parameters as PKCS #3 (`DH PARAMETERS`), or X9.42 (`X9.42 DH PARAMETERS`) when they
/// carry `q`, as PyCA writes them.
#[napi]
pub fn dh_parameter_bytes(
    p: String,
    g: String,
    q: Option<String>,
    pem: bool,
) -> napi::Result<Buffer> {
    let (p, g, q) = (bn(&p)?, bn(&g)?, opt_bn(q)?);
    let der = dh_parameters_der(&p, &g, q.as_deref());
    if !pem {
        return Ok(der.into());
    }
    let label = if q.is_some() {
        "X9.42 DH PARAMETERS"
    } else {
        "DH PARAMETERS"
    };
    Ok(pem_wrap(label, &der).into())
}

/// Reads one DER element: (tag, content, rest).
fn der_read(data: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = data.split_first()?;
    let (&first, mut rest) = rest.split_first()?;
    let len = if first < 0x80 {
        usize::from(first)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let (len_bytes, tail) = rest.split_at(n);
        rest = tail;
        len_bytes
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
    };
    if rest.len() < len {
        return None;
    }
    let (content, tail) = rest.split_at(len);
    Some((tag, content, tail))
}

/// `[p, g, q or ""]` from PKCS #3 or X9.42 DER.
fn parse_dh_parameters(der: &[u8]) -> Option<Vec<String>> {
    let (tag, mut body, rest) = der_read(der)?;
    if tag != 0x30 || !rest.is_empty() {
        return None;
    }
    let mut ints = Vec::new();
    while !body.is_empty() {
        let (tag, content, tail) = der_read(body)?;
        body = tail;
        if tag != 0x02 {
            break; // X9.42 validation parameters, not needed
        }
        if content.first().is_some_and(|&b| b & 0x80 != 0) {
            return None;
        }
        ints.push(BigNum::from_slice(content).ok()?);
    }
    if ints.len() < 2 {
        return None;
    }
    let q = match ints.get(2) {
        Some(q) => hex(q).ok()?,
        None => String::new(),
    };
    Some(vec![hex(&ints[0]).ok()?, hex(&ints[1]).ok()?, q])
}

fn pem_body<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)? + begin.len();
    let stop = text[start..].find(&end)? + start;
    Some(&text[start..stop])
}

/// `loadPemParameters` / `loadDerParameters` for DH: `[p, g, q or ""]`.
#[napi(ts_args_type = "data: Uint8Array, pem: boolean")]
pub fn dh_load_parameters(data: BufferSlice, pem: bool) -> napi::Result<Vec<String>> {
    let der = if pem {
        let text = std::str::from_utf8(&data).map_err(|_| value_error(PEM_ERROR))?;
        // "X9.42 DH PARAMETERS" contains "DH PARAMETERS": look for the longer label first.
        let body = pem_body(text, "X9.42 DH PARAMETERS")
            .or_else(|| pem_body(text, "DH PARAMETERS"))
            .ok_or_else(|| {
                if text.contains("-----BEGIN ") {
                    value_error(
                        "Valid PEM but no BEGIN DH PARAMETERS/END DH PARAMETERS delimiters. Are you sure this is a DH parameters?",
                    )
                } else {
                    value_error(PEM_ERROR)
                }
            })?;
        let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        openssl::base64::decode_block(&compact).map_err(|_| value_error(PEM_ERROR))?
    } else {
        data.to_vec()
    };
    parse_dh_parameters(&der).ok_or_else(|| value_error("error parsing asn1 value"))
}

const PEM_ERROR: &str = "Unable to load PEM file. See https://cryptography.io/en/latest/faq/#why-can-t-i-import-my-pem-file for more details.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dh_parameter_der_round_trips() {
        let dh = Dh::get_2048_256().unwrap();
        let der = dh_parameters_der(dh.prime_p(), dh.generator(), dh.prime_q());
        let parsed = parse_dh_parameters(&der).unwrap();
        assert_eq!(parsed[0], hex(dh.prime_p()).unwrap());
        assert_eq!(parsed[2], hex(dh.prime_q().unwrap()).unwrap());
        let pkcs3 = dh_parameters_der(dh.prime_p(), dh.generator(), None);
        assert_eq!(pkcs3, dh.params_to_der().unwrap());
        assert!(parse_dh_parameters(&der[..der.len() - 1]).is_none());
    }

    #[test]
    fn dsa_parameter_rules() {
        let dsa = Dsa::generate_params(1024).unwrap();
        assert!(check_dsa_parameters(dsa.p(), dsa.q(), dsa.g()).is_ok());
        assert!(check_dsa_parameters(dsa.p(), dsa.q(), dsa.p()).is_err());
        assert!(check_dsa_parameters(dsa.q(), dsa.q(), dsa.g()).is_err());
    }
}
