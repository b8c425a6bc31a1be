//! Key serialization: loading PEM, DER and OpenSSH keys into `PrivateKey` / `PublicKey`
//! handles, and writing them back in every encoding and format PyCA offers. The façade
//! (`src/primitives/serialization/base.ts`) checks the encoding/format combinations with PyCA's
//! messages; this module trusts them and only encodes.
//!
//! PEM framing is parsed here (not by OpenSSL) so the errors can say what PyCA says: malformed
//! framing, a valid PEM without the expected label, a password given for an unencrypted key or
//! missing for an encrypted one. Loading errors never include the data.

use napi::bindgen_prelude::{Buffer, BufferSlice};
use napi_derive::napi;
use openssl::bn::{BigNum, BigNumContext, BigNumRef};
use openssl::dsa::Dsa;
use openssl::ec::{EcGroup, EcKey, EcPoint, PointConversionForm};
use openssl::nid::Nid;
use openssl::pkey::{HasPublic, Id, PKey, PKeyRef, Private, Public};
use openssl::rsa::Rsa;
use openssl::symm::Cipher;

use crate::errors::{ErrorCode, error, openssl_error};
use crate::keys::{PrivateKey, PublicKey};

const DESERIALIZE: &str = "Could not deserialize key data. The data may be in an incorrect format, it may be encrypted with an unsupported algorithm, or it may be an unsupported key type (e.g. EC curves with explicit parameters).";
const PEM_FRAMING: &str = "Unable to load PEM file. See https://cryptography.io/en/latest/faq/#why-can-t-i-import-my-pem-file for more details. MalformedFraming";
const BAD_PASSWORD: &str = "Incorrect password, could not decrypt key";
/// The façade turns these two into `TypeError`s, as PyCA raises them.
pub const PASSWORD_NOT_EXPECTED: &str = "Password was given but private key is not encrypted.";
pub const PASSWORD_MISSING: &str = "Password was not given but private key is encrypted";
/// PyCA's `TypeError` for an encrypted OpenSSH key loaded without a password (the façade maps it).
pub const SSH_PASSWORD_MISSING: &str = "Key is password-protected, but password was not provided.";

fn value_error(message: &str) -> napi::Error {
    error(ErrorCode::Value, message)
}

fn deserialize_error() -> napi::Error {
    value_error(DESERIALIZE)
}

// ---------------------------------------------------------------------------------------------
// PEM framing

/// One `-----BEGIN label-----` … `-----END label-----` block.
#[derive(Debug)]
pub struct PemBlock<'a> {
    pub label: String,
    /// The whole block as written, for OpenSSL's legacy-encryption reader.
    pub text: &'a [u8],
    /// RFC 1421 headers announce legacy encryption (`Proc-Type: 4,ENCRYPTED`).
    pub legacy_encrypted: bool,
    pub der: Vec<u8>,
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Every PEM block in `data`; `None` if there is none or one is malformed.
pub fn pem_blocks(data: &[u8]) -> Option<Vec<PemBlock<'_>>> {
    let mut blocks = Vec::new();
    let mut pos = 0;
    while let Some(begin) = find(data, b"-----BEGIN ", pos) {
        let label_start = begin + 11;
        let label_end = find(data, b"-----", label_start)?;
        let label = std::str::from_utf8(&data[label_start..label_end]).ok()?;
        if label.contains('\n') {
            return None;
        }
        let end_marker = format!("-----END {label}-----");
        let body_start = label_end + 5;
        let end = find(data, end_marker.as_bytes(), body_start)?;
        let body = &data[body_start..end];
        let mut legacy_encrypted = false;
        let mut b64 = Vec::with_capacity(body.len());
        let mut in_headers = true;
        for line in body.split(|&b| b == b'\n') {
            let line = line.trim_ascii();
            if in_headers && line.contains(&b':') {
                if line.starts_with(b"Proc-Type:") && find(line, b"ENCRYPTED", 0).is_some() {
                    legacy_encrypted = true;
                }
                continue;
            }
            if !line.is_empty() {
                in_headers = false;
            }
            b64.extend_from_slice(line);
        }
        let b64 = std::str::from_utf8(&b64).ok()?;
        let der = openssl::base64::decode_block(b64).ok()?;
        let text_end = end + end_marker.len();
        blocks.push(PemBlock {
            label: label.to_owned(),
            text: &data[begin..text_end],
            legacy_encrypted,
            der,
        });
        pos = text_end;
    }
    if blocks.is_empty() {
        return None;
    }
    Some(blocks)
}

fn first_block<'a>(data: &'a [u8], labels: &[&str], missing: &str) -> napi::Result<PemBlock<'a>> {
    let blocks = pem_blocks(data).ok_or_else(|| value_error(PEM_FRAMING))?;
    blocks
        .into_iter()
        .find(|b| labels.contains(&b.label.as_str()))
        .ok_or_else(|| value_error(missing))
}

// ---------------------------------------------------------------------------------------------
// Loading PEM / DER

/// Whether DER data is an `EncryptedPrivateKeyInfo`: a SEQUENCE whose first element is itself
/// a SEQUENCE (the algorithm), where every unencrypted form starts with an INTEGER.
fn der_is_encrypted_pkcs8(der: &[u8]) -> bool {
    if der.first() != Some(&0x30) || der.len() < 2 {
        return false;
    }
    let header = match der[1] {
        n if n < 0x80 => 2,
        n => 2 + usize::from(n & 0x7f),
    };
    der.get(header) == Some(&0x30)
}

/// One DER TLV: (tag, content, rest).
fn tlv(d: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *d.first()?;
    let first = *d.get(1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | usize::from(*d.get(2 + i)?);
        }
        (len, 2 + n)
    };
    let content = d.get(header..header.checked_add(len)?)?;
    Some((tag, content, &d[header + len..]))
}

/// One element of a DER SEQUENCE: (tag, content, the whole TLV).
type DerItem<'a> = (u8, &'a [u8], &'a [u8]);

/// The elements of a DER SEQUENCE.
fn sequence(d: &[u8]) -> Option<Vec<DerItem<'_>>> {
    let (tag, mut content, _) = tlv(d)?;
    if tag != 0x30 {
        return None;
    }
    let mut items = Vec::new();
    while !content.is_empty() {
        let (t, c, rest) = tlv(content)?;
        items.push((t, c, &content[..content.len() - rest.len()]));
        content = rest;
    }
    Some(items)
}

const ID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

/// What the DER of an EC private key says beyond what OpenSSL keeps.
#[derive(Clone, Copy, Debug, Default)]
struct EcFacts {
    /// Length of the private scalar's OCTET STRING.
    scalar_len: usize,
    /// The curve was given by explicit parameters, not by name.
    explicit: bool,
}

/// The checks PyCA's own ASN.1 parser makes and OpenSSL's does not: versions, and an EC key's
/// curve agreeing between the PKCS#8 wrapper and the inner key. `Err` means "Invalid key".
fn check_ec_private_key(der: &[u8], outer_curve: Option<&[u8]>) -> Result<EcFacts, ()> {
    let items = sequence(der).ok_or(())?;
    if items.first().map(|i| (i.0, i.1)) != Some((0x02, &[1u8][..])) {
        return Err(());
    }
    let scalar_len = items.get(1).filter(|i| i.0 == 0x04).ok_or(())?.1.len();
    let inner_curve = items.iter().find(|i| i.0 == 0xa0).map(|i| i.1);
    if let (Some(outer), Some(inner)) = (outer_curve, inner_curve)
        && outer != inner
    {
        return Err(());
    }
    let explicit = outer_curve
        .or(inner_curve)
        .is_some_and(|c| c.first() == Some(&0x30));
    Ok(EcFacts {
        scalar_len,
        explicit,
    })
}

fn check_private_structure(label: &str, der: &[u8]) -> napi::Result<Option<EcFacts>> {
    let invalid = |()| value_error("Invalid key");
    let Some(items) = sequence(der) else {
        return Ok(None); // OpenSSL reports the malformed data
    };
    let version = items.first().filter(|i| i.0 == 0x02).map(|i| i.1);
    match label {
        "RSA PRIVATE KEY" => {
            if version != Some(&[0]) && version != Some(&[1]) {
                return Err(invalid(()));
            }
            Ok(None)
        }
        "EC PRIVATE KEY" => check_ec_private_key(der, None).map(Some).map_err(invalid),
        "DSA PRIVATE KEY" => {
            // DSAPrivateKey ::= SEQUENCE { version INTEGER (0), p, q, g, y, x }
            if version != Some(&[0]) {
                return Err(invalid(()));
            }
            Ok(None)
        }
        _ => {
            if version != Some(&[0]) {
                return Err(invalid(()));
            }
            let algorithm = items.get(1).and_then(|i| sequence(i.2));
            let inner = items.get(2).filter(|i| i.0 == 0x04).map(|i| i.1);
            match (algorithm, inner) {
                (Some(alg), Some(inner)) if alg.first().map(|a| a.1) == Some(ID_EC_PUBLIC_KEY) => {
                    check_ec_private_key(inner, alg.get(1).map(|a| a.2))
                        .map(Some)
                        .map_err(invalid)
                }
                _ => Ok(None),
            }
        }
    }
}

/// PyCA's EC rules once the key is parsed: explicit parameters only for the three NIST curves,
/// and a private scalar encoded at the full length of the curve order.
fn check_ec_facts(pkey: &PKeyRef<Private>, facts: Option<EcFacts>) -> napi::Result<()> {
    let Some(facts) = facts.filter(|_| pkey.id() == Id::EC) else {
        return Ok(());
    };
    let order_len = (pkey.bits() as usize).div_ceil(8);
    if facts.scalar_len != order_len {
        return Err(value_error(
            "EC private key is not encoded properly: private key value is too short. Please file an issue at https://github.com/pyca/cryptography/issues explaining how your private key was created.",
        ));
    }
    // OpenSSL's legacy view of the key fails for an invalid one (e.g. a scalar beyond the order).
    let ec = pkey.ec_key().map_err(|_| value_error("Invalid EC key."))?;
    let named = ec.group().curve_name();
    if facts.explicit
        && !matches!(
            named,
            Some(Nid::X9_62_PRIME256V1 | Nid::SECP384R1 | Nid::SECP521R1)
        )
    {
        return Err(error(ErrorCode::UnsupportedAlgorithm, EXPLICIT_CURVE));
    }
    Ok(())
}

/// A SubjectPublicKeyInfo's BIT STRING must have no unused bits (PyCA checks, OpenSSL not).
fn check_public_structure(der: &[u8]) -> napi::Result<()> {
    if let Some(items) = sequence(der)
        && let Some(bits) = items.get(1).filter(|i| i.0 == 0x03)
        && bits.1.first() != Some(&0)
    {
        return Err(value_error("Invalid key"));
    }
    Ok(())
}

/// OpenSSL says "unsupported" for an unknown key algorithm or curve in well-formed data (a
/// PKCS#8 or SubjectPublicKeyInfo wrapper): PyCA's UnsupportedAlgorithm. Anything else is data
/// that could not be read.
fn load_failed(der: &[u8], stack: &openssl::error::ErrorStack) -> napi::Error {
    let wrapped = sequence(der).is_some_and(|items| items.iter().any(|i| i.0 == 0x30));
    let unsupported = stack
        .errors()
        .iter()
        .any(|e| e.reason().is_some_and(|r| r.contains("unsupported")));
    if wrapped && unsupported {
        error(
            ErrorCode::UnsupportedAlgorithm,
            "Unknown key type or unsupported curve",
        )
    } else {
        deserialize_error()
    }
}

/// Which structure unencrypted DER private key data has, named by its PEM label.
fn der_shape(der: &[u8]) -> &'static str {
    match sequence(der) {
        Some(items) if items.get(1).is_some_and(|i| i.0 == 0x04) => "EC PRIVATE KEY",
        Some(items) if items.len() >= 9 && items.iter().all(|i| i.0 == 0x02) => "RSA PRIVATE KEY",
        Some(items) if items.iter().all(|i| i.0 == 0x02) => "DSA PRIVATE KEY",
        _ => "PRIVATE KEY",
    }
}

fn check_password(encrypted: bool, password: Option<&[u8]>) -> napi::Result<()> {
    match (encrypted, password) {
        (false, Some(_)) => Err(value_error(PASSWORD_NOT_EXPECTED)),
        (true, None) => Err(value_error(PASSWORD_MISSING)),
        _ => Ok(()),
    }
}

const EXPLICIT_CURVE: &str = "ECDSA keys with explicit parameters are only supported when they map to secp256r1, secp384r1, or secp521r1. No custom curves are supported.";

/// PyCA's checks after parsing: RSA-PSS keys become plain RSA keys (as PyCA loads them), RSA
/// keys are checked (OpenSSL's check plus odd primes, unless skipped), EC keys need a named curve.
fn validate_private(pkey: PKey<Private>, skip_rsa_validation: bool) -> napi::Result<PrivateKey> {
    let pkey = if pkey.id() == Id::RSA_PSS {
        plain_rsa_private(&pkey).map_err(|_| deserialize_error())?
    } else {
        pkey
    };
    if crate::pqc::is_pqc(&pkey) && crate::pqc::seed_of(&pkey).is_err() {
        // Only the expanded key, no seed: PyCA refuses these.
        let _ = openssl::error::ErrorStack::get();
        return Err(deserialize_error());
    }
    if pkey.id() == Id::RSA && !skip_rsa_validation {
        let valid = pkey.rsa().is_ok_and(|rsa| {
            let odd = |n: Option<&BigNumRef>| n.is_some_and(|n| n.is_bit_set(0));
            rsa.check_key().unwrap_or(false) && odd(rsa.p()) && odd(rsa.q())
        });
        let _ = openssl::error::ErrorStack::get();
        if !valid {
            return Err(value_error("Invalid private key"));
        }
    }
    if pkey.id() == Id::EC
        && pkey
            .ec_key()
            .is_ok_and(|ec| ec.group().curve_name().is_none())
    {
        return Err(error(ErrorCode::UnsupportedAlgorithm, EXPLICIT_CURVE));
    }
    Ok(PrivateKey::from_pkey(pkey))
}

/// An RSA-PSS key rebuilt as a plain RSA key, as PyCA loads it.
fn plain_rsa_private(pkey: &PKeyRef<Private>) -> Result<PKey<Private>, openssl::error::ErrorStack> {
    let rsa = pkey.rsa()?;
    let missing = openssl::error::ErrorStack::get;
    let part = |n: Option<&BigNumRef>| n.ok_or_else(missing).and_then(|n| n.to_owned());
    Rsa::from_private_components(
        rsa.n().to_owned()?,
        rsa.e().to_owned()?,
        rsa.d().to_owned()?,
        part(rsa.p())?,
        part(rsa.q())?,
        part(rsa.dmp1())?,
        part(rsa.dmq1())?,
        part(rsa.iqmp())?,
    )
    .and_then(PKey::from_rsa)
}

fn validate_public(pkey: PKey<Public>) -> napi::Result<PublicKey> {
    let pkey = if pkey.id() == Id::RSA_PSS {
        pkey.rsa()
            .and_then(|rsa| Rsa::from_public_components(rsa.n().to_owned()?, rsa.e().to_owned()?))
            .and_then(PKey::from_rsa)
            .map_err(|_| deserialize_error())?
    } else {
        pkey
    };
    if pkey.id() == Id::EC
        && pkey
            .ec_key()
            .is_ok_and(|ec| ec.group().curve_name().is_none())
    {
        return Err(error(ErrorCode::UnsupportedAlgorithm, EXPLICIT_CURVE));
    }
    Ok(PublicKey::from_pkey(pkey))
}

fn private_from_der(
    der: &[u8],
    password: Option<&[u8]>,
    skip_rsa_validation: bool,
) -> napi::Result<PrivateKey> {
    let encrypted = der_is_encrypted_pkcs8(der);
    check_password(encrypted, password)?;
    let pkey = match password {
        Some(pw) => PKey::private_key_from_pkcs8_passphrase(der, pw)
            .map_err(|_| value_error(BAD_PASSWORD))?,
        None => {
            let facts = check_private_structure(der_shape(der), der)?;
            let pkey = PKey::private_key_from_der(der).map_err(|e| load_failed(der, &e))?;
            check_ec_facts(&pkey, facts)?;
            pkey
        }
    };
    validate_private(pkey, skip_rsa_validation)
}

const PRIVATE_LABELS: [&str; 5] = [
    "PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
    "DSA PRIVATE KEY",
];

pub fn load_pem_private(
    data: &[u8],
    password: Option<&[u8]>,
    skip_rsa_validation: bool,
) -> napi::Result<PrivateKey> {
    let block = first_block(
        data,
        &PRIVATE_LABELS,
        "Valid PEM but no BEGIN/END delimiters for a private key found. Are you sure this is a private key?",
    )?;
    if block.legacy_encrypted {
        check_password(true, password)?;
        let pw = password.unwrap_or_default();
        let pkey = PKey::private_key_from_pem_passphrase(block.text, pw)
            .map_err(|_| value_error(BAD_PASSWORD))?;
        return validate_private(pkey, skip_rsa_validation);
    }
    let encrypted = block.label == "ENCRYPTED PRIVATE KEY";
    check_password(encrypted, password)?;
    if encrypted {
        return private_from_der(&block.der, password, skip_rsa_validation);
    }
    let facts = check_private_structure(&block.label, &block.der)?;
    let pkey = match block.label.as_str() {
        "RSA PRIVATE KEY" => Rsa::private_key_from_der(&block.der).and_then(PKey::from_rsa),
        "EC PRIVATE KEY" => EcKey::private_key_from_der(&block.der).and_then(PKey::from_ec_key),
        "DSA PRIVATE KEY" => PKey::private_key_from_der(&block.der),
        _ => PKey::private_key_from_pkcs8(&block.der),
    }
    .map_err(|e| load_failed(&block.der, &e))?;
    check_ec_facts(&pkey, facts)?;
    validate_private(pkey, skip_rsa_validation)
}

/// SubjectPublicKeyInfo, or a PKCS#1 RSA public key (PyCA accepts either under either label).
fn public_from_der(der: &[u8]) -> napi::Result<PublicKey> {
    check_public_structure(der)?;
    let pkey = match PKey::public_key_from_der(der) {
        Ok(pkey) => pkey,
        Err(stack) => Rsa::public_key_from_der_pkcs1(der)
            .and_then(PKey::from_rsa)
            .map_err(|_| load_failed(der, &stack))?,
    };
    validate_public(pkey)
}

/// `loadPemPrivateKey` / `loadDerPrivateKey` in one entry point.
#[napi(
    ts_args_type = "data: Uint8Array, pem: boolean, password: Uint8Array | null | undefined, skipRsaValidation: boolean"
)]
pub fn load_private_key(
    data: BufferSlice,
    pem: bool,
    password: Option<BufferSlice>,
    skip_rsa_validation: bool,
) -> napi::Result<PrivateKey> {
    let password = password.as_deref();
    if pem {
        load_pem_private(&data, password, skip_rsa_validation)
    } else {
        private_from_der(&data, password, skip_rsa_validation)
    }
}

/// `loadPemPublicKey` / `loadDerPublicKey` in one entry point.
#[napi(ts_args_type = "data: Uint8Array, pem: boolean")]
pub fn load_public_key(data: BufferSlice, pem: bool) -> napi::Result<PublicKey> {
    if !pem {
        return public_from_der(&data);
    }
    let block = first_block(
        &data,
        &["PUBLIC KEY", "RSA PUBLIC KEY"],
        "Valid PEM but no BEGIN PUBLIC KEY/END PUBLIC KEY delimiters. Are you sure this is a public key?",
    )?;
    let key = public_from_der(&block.der)?;
    if block.label == "RSA PUBLIC KEY" && key.pkey().id() != Id::RSA {
        return Err(value_error("Incorrect PEM delimiter for key type."));
    }
    Ok(key)
}

// ---------------------------------------------------------------------------------------------
// Writing

fn pem_wrap(label: &str, der: &[u8], line: usize) -> Vec<u8> {
    let b64 = openssl::base64::encode_block(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(line) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out.into_bytes()
}

fn encoding_failed(stack: openssl::error::ErrorStack) -> napi::Error {
    openssl_error("serializing the key", &stack)
}

/// Encodes a private key; the façade has checked the combination (PyCA's rules).
pub fn private_bytes(
    pkey: &PKeyRef<Private>,
    encoding: &str,
    format: &str,
    password: Option<&[u8]>,
) -> napi::Result<Vec<u8>> {
    let cipher = Cipher::aes_256_cbc();
    let pem = encoding == "PEM";
    if crate::pqc::is_pqc(pkey) {
        openssl_ext::pqc::encode_seed_only();
    }
    match (format, pem, password) {
        ("Raw", _, _) if crate::pqc::is_pqc(pkey) => crate::pqc::seed_of(pkey),
        ("Raw", _, _) => pkey.raw_private_key(),
        ("PKCS8", true, Some(pw)) => pkey.private_key_to_pem_pkcs8_passphrase(cipher, pw),
        ("PKCS8", true, None) => pkey.private_key_to_pem_pkcs8(),
        ("PKCS8", false, Some(pw)) => pkey.private_key_to_pkcs8_passphrase(cipher, pw),
        ("PKCS8", false, None) => pkey.private_key_to_pkcs8(),
        ("TraditionalOpenSSL", _, _) => traditional(pkey, pem, password),
        ("OpenSSH", true, None) => return ssh_private_pem(pkey, None),
        _ => return Err(value_error("format is invalid with this key")),
    }
    .map_err(encoding_failed)
}

fn traditional(
    pkey: &PKeyRef<Private>,
    pem: bool,
    password: Option<&[u8]>,
) -> Result<Vec<u8>, openssl::error::ErrorStack> {
    let cipher = Cipher::aes_256_cbc();
    match pkey.id() {
        Id::RSA => {
            let rsa = pkey.rsa()?;
            match (pem, password) {
                (true, Some(pw)) => rsa.private_key_to_pem_passphrase(cipher, pw),
                (true, None) => rsa.private_key_to_pem(),
                _ => rsa.private_key_to_der(),
            }
        }
        Id::EC => {
            let ec = pkey.ec_key()?;
            match (pem, password) {
                (true, Some(pw)) => ec.private_key_to_pem_passphrase(cipher, pw),
                (true, None) => ec.private_key_to_pem(),
                _ => ec.private_key_to_der(),
            }
        }
        _ => {
            let dsa = pkey.dsa()?;
            match (pem, password) {
                (true, Some(pw)) => dsa.private_key_to_pem_passphrase(cipher, pw),
                (true, None) => dsa.private_key_to_pem(),
                _ => dsa.private_key_to_der(),
            }
        }
    }
}

/// Encodes a public key; the façade has checked the combination (PyCA's rules).
pub fn public_bytes<T: HasPublic>(
    pkey: &PKeyRef<T>,
    encoding: &str,
    format: &str,
) -> napi::Result<Vec<u8>> {
    let pem = encoding == "PEM";
    match format {
        "Raw" => pkey.raw_public_key(),
        // Direct encoding for the common key types (OpenSSL's encoder framework is slow);
        // the PEM form is PEM_write_bio_PUBKEY's: 64-column base64 under "PUBLIC KEY".
        "SubjectPublicKeyInfo" if pem => crate::spki::spki_der(pkey).map(|der| spki_pem(&der)),
        "SubjectPublicKeyInfo" => crate::spki::spki_der(pkey),
        "PKCS1" => pkey.rsa().and_then(|rsa| {
            if pem {
                rsa.public_key_to_pem_pkcs1()
            } else {
                rsa.public_key_to_der_pkcs1()
            }
        }),
        "CompressedPoint" | "UncompressedPoint" => {
            let form = if format == "CompressedPoint" {
                PointConversionForm::COMPRESSED
            } else {
                PointConversionForm::UNCOMPRESSED
            };
            pkey.ec_key().and_then(|ec| {
                let mut ctx = BigNumContext::new()?;
                ec.public_key().to_bytes(ec.group(), form, &mut ctx)
            })
        }
        "OpenSSH" => {
            let (name, blob) =
                ssh_public_blob(pkey).map_err(|_| value_error("Unsupported key type"))?;
            let mut line = format!("{name} {}", openssl::base64::encode_block(&blob));
            line.truncate(line.trim_end().len());
            return Ok(line.into_bytes());
        }
        _ => return Err(value_error("format is invalid with this key")),
    }
    .map_err(encoding_failed)
}

fn spki_pem(der: &[u8]) -> Vec<u8> {
    let b64 = openssl::base64::encode_block(der);
    let mut out = String::from("-----BEGIN PUBLIC KEY-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END PUBLIC KEY-----\n");
    out.into_bytes()
}

#[napi(
    ts_args_type = "key: PrivateKey, encoding: string, format: string, password: Buffer | null, kdfRounds: number | null"
)]
pub fn private_key_bytes(
    key: &PrivateKey,
    encoding: String,
    format: String,
    password: Option<Buffer>,
    kdf_rounds: Option<f64>,
) -> napi::Result<Buffer> {
    if let (true, Some(pw)) = (format == "OpenSSH", password.as_deref()) {
        // A JS number, checked here rather than converted by napi (which would wrap 2**32 + n).
        let rounds = match kdf_rounds {
            None => SSH_DEFAULT_ROUNDS,
            Some(r) => ssh_rounds(r)?,
        };
        return ssh_private_pem(key.pkey(), Some((pw, rounds))).map(Buffer::from);
    }
    private_bytes(key.pkey(), &encoding, &format, password.as_deref()).map(Buffer::from)
}

#[napi]
pub fn public_key_bytes(key: &PublicKey, encoding: String, format: String) -> napi::Result<Buffer> {
    public_bytes(key.pkey(), &encoding, &format).map(Buffer::from)
}

// ---------------------------------------------------------------------------------------------
// OpenSSH (RFC 4253 wire format, PROTOCOL.key for private keys)

#[derive(Default)]
struct SshWriter(Vec<u8>);

impl SshWriter {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_be_bytes());
    }
    fn string(&mut self, s: &[u8]) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s);
    }
    fn mpint(&mut self, n: &BigNumRef) {
        let bytes = n.to_vec();
        if bytes.first().is_some_and(|&b| b & 0x80 != 0) {
            self.u32(bytes.len() as u32 + 1);
            self.0.push(0);
            self.0.extend_from_slice(&bytes);
        } else {
            self.string(&bytes);
        }
    }
}

struct SshReader<'a>(&'a [u8]);

impl<'a> SshReader<'a> {
    fn bytes(&mut self, n: usize) -> napi::Result<&'a [u8]> {
        if self.0.len() < n {
            return Err(value_error("Invalid data"));
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Ok(head)
    }
    fn u32(&mut self) -> napi::Result<u32> {
        let b = self.bytes(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn string(&mut self) -> napi::Result<&'a [u8]> {
        let n = self.u32()? as usize;
        self.bytes(n)
    }
    fn mpint(&mut self) -> napi::Result<BigNum> {
        let b = self.string()?;
        if b.first().is_some_and(|&x| x & 0x80 != 0) {
            return Err(value_error("negative mpint not allowed"));
        }
        BigNum::from_slice(b).map_err(|e| openssl_error("reading an SSH integer", &e))
    }
}

fn ssh_curve(nid: Option<Nid>) -> Option<(&'static str, &'static str)> {
    match nid? {
        Nid::X9_62_PRIME256V1 => Some(("ecdsa-sha2-nistp256", "nistp256")),
        Nid::SECP384R1 => Some(("ecdsa-sha2-nistp384", "nistp384")),
        Nid::SECP521R1 => Some(("ecdsa-sha2-nistp521", "nistp521")),
        _ => None,
    }
}

fn curve_nid(name: &[u8]) -> Option<Nid> {
    match name {
        b"nistp256" => Some(Nid::X9_62_PRIME256V1),
        b"nistp384" => Some(Nid::SECP384R1),
        b"nistp521" => Some(Nid::SECP521R1),
        _ => None,
    }
}

fn unsupported_ssh_type() -> openssl::error::ErrorStack {
    openssl::error::ErrorStack::get()
}

/// The key type name and public blob of a key in SSH wire format.
fn ssh_public_blob<T: HasPublic>(
    pkey: &PKeyRef<T>,
) -> Result<(&'static str, Vec<u8>), openssl::error::ErrorStack> {
    let mut w = SshWriter::default();
    let name = match pkey.id() {
        Id::ED25519 => {
            w.string(b"ssh-ed25519");
            w.string(&pkey.raw_public_key()?);
            "ssh-ed25519"
        }
        Id::RSA => {
            let rsa = pkey.rsa()?;
            w.string(b"ssh-rsa");
            w.mpint(rsa.e());
            w.mpint(rsa.n());
            "ssh-rsa"
        }
        Id::DSA => {
            let dsa = pkey.dsa()?;
            w.string(b"ssh-dss");
            for n in [dsa.p(), dsa.q(), dsa.g(), dsa.pub_key()] {
                w.mpint(n);
            }
            "ssh-dss"
        }
        Id::EC => {
            let ec = pkey.ec_key()?;
            let (name, curve) =
                ssh_curve(ec.group().curve_name()).ok_or_else(unsupported_ssh_type)?;
            let mut ctx = BigNumContext::new()?;
            let point = ec.public_key().to_bytes(
                ec.group(),
                PointConversionForm::UNCOMPRESSED,
                &mut ctx,
            )?;
            w.string(name.as_bytes());
            w.string(curve.as_bytes());
            w.string(&point);
            name
        }
        _ => return Err(unsupported_ssh_type()),
    };
    Ok((name, w.0))
}

/// PyCA's choices for writing encrypted OpenSSH keys: aes256-ctr keyed by bcrypt-pbkdf with 16
/// rounds and a 16-byte salt.
const SSH_DEFAULT_ROUNDS: u32 = 16;
const SSH_SALT_LEN: usize = 16;

/// bcrypt-pbkdf costs milliseconds per round (48 bytes of output: two passes) and blocks the
/// calling thread, and PyCA has no limit, so a key (or a caller) asking for billions of rounds
/// would hang the process. OpenSSH writes 16 by default and `ssh-keygen -a 100` is the usual
/// "stronger" advice; above this ceiling (seconds of work) loading and writing are refused with
/// a `ValueError` instead.
pub const SSH_MAX_ROUNDS: u32 = 1024;

fn rounds_error(rounds: impl std::fmt::Display) -> napi::Error {
    value_error(&format!(
        "bcrypt-pbkdf rounds must be between 1 and {SSH_MAX_ROUNDS} (hazmat's limit), got {rounds}"
    ))
}

fn ssh_rounds(rounds: f64) -> napi::Result<u32> {
    if rounds.fract() != 0.0 || !(1.0..=f64::from(SSH_MAX_ROUNDS)).contains(&rounds) {
        return Err(rounds_error(rounds));
    }
    Ok(rounds as u32)
}

/// The ciphers PyCA reads OpenSSH keys with (`_SSH_CIPHERS`), all AES from OpenSSL.
struct SshCipher {
    cipher: Cipher,
    key_len: usize,
    iv_len: usize,
    block_len: usize,
    tag_len: usize,
}

fn ssh_cipher(name: &[u8]) -> Option<SshCipher> {
    let (cipher, iv_len, tag_len) = match name {
        b"aes256-ctr" => (Cipher::aes_256_ctr(), 16, 0),
        b"aes256-cbc" => (Cipher::aes_256_cbc(), 16, 0),
        b"aes256-gcm@openssh.com" => (Cipher::aes_256_gcm(), 12, 16),
        _ => return None,
    };
    Some(SshCipher {
        cipher,
        key_len: 32,
        iv_len,
        block_len: 16,
        tag_len,
    })
}

/// Key and IV from the password, as OpenSSH derives them (one bcrypt-pbkdf output, split).
fn ssh_kdf(
    spec: &SshCipher,
    password: &[u8],
    salt: &[u8],
    rounds: u32,
) -> napi::Result<zeroize::Zeroizing<Vec<u8>>> {
    if rounds == 0 || rounds > SSH_MAX_ROUNDS {
        return Err(rounds_error(rounds));
    }
    if salt.is_empty() {
        return Err(value_error("password and salt must not be empty"));
    }
    let mut seed = zeroize::Zeroizing::new(vec![0u8; spec.key_len + spec.iv_len]);
    bcrypt_pbkdf::bcrypt_pbkdf(password, salt, rounds, &mut seed)
        .map_err(|e| value_error(&format!("bcrypt-pbkdf failed: {e}")))?;
    Ok(seed)
}

/// Runs the block cipher over whole blocks without padding (CTR and CBC); OpenSSH pads itself.
fn ssh_crypt(
    spec: &SshCipher,
    seed: &[u8],
    mode: openssl::symm::Mode,
    data: &[u8],
) -> napi::Result<zeroize::Zeroizing<Vec<u8>>> {
    let failed = |e| openssl_error("the OpenSSH key cipher", &e);
    let (key, iv) = seed.split_at(spec.key_len);
    let mut c = openssl::symm::Crypter::new(spec.cipher, mode, key, Some(iv)).map_err(failed)?;
    c.pad(false);
    let mut out = zeroize::Zeroizing::new(vec![0u8; data.len() + spec.block_len]);
    let n = c.update(data, &mut out).map_err(failed)?;
    let m = c.finalize(&mut out[n..]).map_err(failed)?;
    out.truncate(n + m);
    Ok(out)
}

fn ssh_private_pem(
    pkey: &PKeyRef<Private>,
    encryption: Option<(&[u8], u32)>,
) -> napi::Result<Vec<u8>> {
    let unsupported = |_| value_error("Unsupported key type");
    let (name, blob) = ssh_public_blob(pkey).map_err(unsupported)?;
    let mut check = [0u8; 4];
    openssl::rand::rand_bytes(&mut check).map_err(|e| openssl_error("RAND_bytes", &e))?;
    let mut p = SshWriter::default();
    p.0.extend_from_slice(&check);
    p.0.extend_from_slice(&check);
    p.string(name.as_bytes());
    match pkey.id() {
        Id::ED25519 => {
            let public = pkey.raw_public_key().map_err(encoding_failed)?;
            let mut secret =
                zeroize::Zeroizing::new(pkey.raw_private_key().map_err(encoding_failed)?);
            secret.extend_from_slice(&public);
            p.string(&public);
            p.string(&secret);
        }
        Id::RSA => {
            let rsa = pkey.rsa().map_err(encoding_failed)?;
            let missing = || value_error("Unsupported key type");
            p.mpint(rsa.n());
            p.mpint(rsa.e());
            p.mpint(rsa.d());
            p.mpint(rsa.iqmp().ok_or_else(missing)?);
            p.mpint(rsa.p().ok_or_else(missing)?);
            p.mpint(rsa.q().ok_or_else(missing)?);
        }
        Id::DSA => {
            let dsa = pkey.dsa().map_err(encoding_failed)?;
            for n in [dsa.p(), dsa.q(), dsa.g(), dsa.pub_key(), dsa.priv_key()] {
                p.mpint(n);
            }
        }
        _ => {
            let ec = pkey.ec_key().map_err(encoding_failed)?;
            let mut r = SshReader(&blob);
            r.string()?;
            let curve = r.string()?;
            let point = r.string()?;
            p.string(curve);
            p.string(point);
            p.mpint(ec.private_key());
        }
    }
    p.string(b"");
    let secret = zeroize::Zeroizing::new(p.0);
    let mut w = SshWriter::default();
    w.0.extend_from_slice(b"openssh-key-v1\0");
    match encryption {
        None => {
            w.string(b"none");
            w.string(b"none");
            w.string(b"");
            w.u32(1);
            w.string(&blob);
            w.string(&ssh_padded(&secret, 8));
        }
        Some((password, rounds)) => {
            let spec = ssh_cipher(b"aes256-ctr").ok_or_else(|| value_error("aes256-ctr"))?;
            let mut salt = [0u8; SSH_SALT_LEN];
            openssl::rand::rand_bytes(&mut salt).map_err(|e| openssl_error("RAND_bytes", &e))?;
            let seed = ssh_kdf(&spec, password, &salt, rounds)?;
            let padded = ssh_padded(&secret, spec.block_len);
            let sealed = ssh_crypt(&spec, &seed, openssl::symm::Mode::Encrypt, &padded)?;
            let mut options = SshWriter::default();
            options.string(&salt);
            options.u32(rounds);
            w.string(b"aes256-ctr");
            w.string(b"bcrypt");
            w.string(&options.0);
            w.u32(1);
            w.string(&blob);
            w.string(&sealed);
        }
    }
    Ok(pem_wrap("OPENSSH PRIVATE KEY", &w.0, 70))
}

/// PyCA's padding: 1, 2, 3, … up to the next whole block, at least one byte.
fn ssh_padded(secret: &[u8], block_len: usize) -> zeroize::Zeroizing<Vec<u8>> {
    let mut out = zeroize::Zeroizing::new(secret.to_vec());
    let pad = block_len - secret.len() % block_len;
    out.extend((1..=pad).map(|i| i as u8));
    out
}

fn ec_point(group: &EcGroup, bytes: &[u8]) -> napi::Result<EcPoint> {
    let mut ctx = BigNumContext::new().map_err(|e| openssl_error("BN_CTX_new", &e))?;
    EcPoint::from_bytes(group, bytes, &mut ctx).map_err(|_| value_error("Invalid data"))
}

/// Reads an SSH public blob's key fields (after the type name).
fn ssh_public_from_fields(name: &[u8], r: &mut SshReader) -> napi::Result<PKey<Public>> {
    let bad = |_| value_error("Invalid data");
    // Security-key types: the plain key followed by the FIDO application string.
    let plain: &[u8] = match name {
        b"sk-ssh-ed25519@openssh.com" => b"ssh-ed25519",
        b"sk-ecdsa-sha2-nistp256@openssh.com" => b"ecdsa-sha2-nistp256",
        _ => b"",
    };
    if !plain.is_empty() {
        let pkey = ssh_public_from_fields(plain, r)?;
        let _application = r.string()?;
        return Ok(pkey);
    }
    match name {
        b"ssh-ed25519" => PKey::public_key_from_raw_bytes(r.string()?, Id::ED25519).map_err(bad),
        b"ssh-rsa" => {
            let e = r.mpint()?;
            let n = r.mpint()?;
            Rsa::from_public_components(n, e)
                .and_then(PKey::from_rsa)
                .map_err(bad)
        }
        b"ssh-dss" => {
            let (p, q, g, y) = (r.mpint()?, r.mpint()?, r.mpint()?, r.mpint()?);
            Dsa::from_public_components(p, q, g, y)
                .and_then(PKey::from_dsa)
                .map_err(bad)
        }
        _ => {
            let curve = r.string()?;
            let nid = curve_nid(curve)
                .filter(|nid| ssh_curve(Some(*nid)).map(|c| c.0.as_bytes()) == Some(name));
            let nid = nid.ok_or_else(|| value_error("Curve name mismatch"))?;
            let group = EcGroup::from_curve_name(nid).map_err(bad)?;
            let point = ec_point(&group, r.string()?)?;
            EcKey::from_public_key(&group, &point)
                .and_then(PKey::from_ec_key)
                .map_err(bad)
        }
    }
}

fn is_known_ssh_type(name: &[u8]) -> bool {
    matches!(
        name,
        b"ssh-ed25519"
            | b"ssh-rsa"
            | b"ssh-dss"
            | b"ecdsa-sha2-nistp256"
            | b"ecdsa-sha2-nistp384"
            | b"ecdsa-sha2-nistp521"
            | b"sk-ssh-ed25519@openssh.com"
            | b"sk-ecdsa-sha2-nistp256@openssh.com"
    )
}

/// `loadSshPublicKey`: one `type base64 [comment]` line.
#[napi(ts_args_type = "data: Uint8Array")]
pub fn load_ssh_public_key(data: BufferSlice) -> napi::Result<PublicKey> {
    let text = std::str::from_utf8(&data).map_err(|_| value_error("Invalid line format"))?;
    let mut parts = text.trim().split_ascii_whitespace();
    let (Some(name), Some(b64)) = (parts.next(), parts.next()) else {
        return Err(value_error("Invalid line format"));
    };
    if !is_known_ssh_type(name.as_bytes()) {
        return Err(error(
            ErrorCode::UnsupportedAlgorithm,
            "Unsupported key type",
        ));
    }
    let blob = openssl::base64::decode_block(b64).map_err(|_| value_error("Invalid data"))?;
    let mut r = SshReader(&blob);
    if r.string()? != name.as_bytes() {
        return Err(value_error("Invalid key format"));
    }
    let pkey = ssh_public_from_fields(name.as_bytes(), &mut r)?;
    if !r.0.is_empty() {
        return Err(value_error("Invalid data"));
    }
    Ok(PublicKey::from_pkey(pkey))
}

/// Decrypts the private section of an encrypted OpenSSH key, with PyCA's checks in PyCA's order
/// (cipher, KDF, AEAD tag length, block size, KDF options, password). `r` is at the private
/// section. A wrong password shows as a broken checksum afterwards (CTR, CBC) or a bad tag (GCM).
fn ssh_decrypt(
    cipher: &[u8],
    kdf: &[u8],
    kdf_options: &[u8],
    r: &mut SshReader,
    password: Option<&[u8]>,
) -> napi::Result<zeroize::Zeroizing<Vec<u8>>> {
    let unsupported = |what: &str, name: &[u8]| {
        let shown: String = name.escape_ascii().to_string();
        error(
            ErrorCode::UnsupportedAlgorithm,
            format!("Unsupported {what}: b'{shown}'"),
        )
    };
    let spec = ssh_cipher(cipher).ok_or_else(|| unsupported("cipher", cipher))?;
    if kdf != b"bcrypt" {
        return Err(unsupported("KDF", kdf));
    }
    let sealed = r.string()?;
    // OpenSSH puts the GCM tag after the private section, outside its length.
    let tag = std::mem::take(&mut r.0);
    if tag.len() != spec.tag_len {
        return Err(value_error(if spec.tag_len > 0 {
            "Corrupt data: invalid tag length for cipher"
        } else {
            "Corrupt data: unparsed data"
        }));
    }
    if sealed.is_empty() || sealed.len() % spec.block_len != 0 {
        return Err(value_error("Corrupt data: missing padding"));
    }
    let mut k = SshReader(kdf_options);
    let salt = k.string()?;
    let rounds = k.u32()?;
    if !k.0.is_empty() {
        return Err(value_error("Corrupt data: unparsed data"));
    }
    let password = password
        .filter(|pw| !pw.is_empty())
        .ok_or_else(|| value_error(SSH_PASSWORD_MISSING))?;
    let seed = ssh_kdf(&spec, password, salt, rounds)?;
    if spec.tag_len == 0 {
        return ssh_crypt(&spec, &seed, openssl::symm::Mode::Decrypt, sealed);
    }
    let (key, iv) = seed.split_at(spec.key_len);
    openssl::symm::decrypt_aead(spec.cipher, key, Some(iv), &[], sealed, tag)
        .map(zeroize::Zeroizing::new)
        .map_err(|_| error(ErrorCode::InvalidTag, ""))
}

/// `loadSshPrivateKey`: unencrypted keys, and keys encrypted with bcrypt-pbkdf and one of PyCA's
/// ciphers (aes256-ctr, aes256-cbc, aes256-gcm@openssh.com).
#[napi(ts_args_type = "data: Uint8Array, password: Uint8Array | null | undefined")]
pub fn load_ssh_private_key(
    data: BufferSlice,
    password: Option<BufferSlice>,
) -> napi::Result<PrivateKey> {
    let not_ssh = || value_error("Not OpenSSH private key format");
    let block = first_block(
        &data,
        &["OPENSSH PRIVATE KEY"],
        "Not OpenSSH private key format",
    )
    .map_err(|_| not_ssh())?;
    let der = block.der;
    let body = der
        .strip_prefix(b"openssh-key-v1\0".as_slice())
        .ok_or_else(not_ssh)?;
    let mut r = SshReader(body);
    let cipher = r.string()?;
    let kdf = r.string()?;
    let kdf_options = r.string()?;
    if r.u32()? != 1 {
        return Err(value_error("Only one key supported"));
    }
    let public_blob = r.string()?;
    // Security-key (FIDO) keys hold no usable private key: PyCA refuses them by their public
    // key type, before it looks at any password.
    let public_type = SshReader(public_blob).string()?;
    if public_type.starts_with(b"sk-") {
        let name = String::from_utf8_lossy(public_type);
        let name = name.trim_end_matches("@openssh.com");
        return Err(error(
            ErrorCode::UnsupportedAlgorithm,
            format!("{name} private keys cannot be loaded"),
        ));
    }
    let decrypted;
    let private: &[u8] = if cipher != b"none" || kdf != b"none" {
        decrypted = ssh_decrypt(cipher, kdf, kdf_options, &mut r, password.as_deref())?;
        &decrypted
    } else {
        let private = r.string()?;
        if !r.0.is_empty() {
            return Err(value_error("Corrupt data: unparsed data"));
        }
        // PyCA tests the password's truth, so an empty one is no password.
        if password.as_deref().is_some_and(|pw| !pw.is_empty()) {
            return Err(value_error(PASSWORD_NOT_EXPECTED));
        }
        private
    };
    if !private.len().is_multiple_of(8) {
        return Err(value_error("Corrupt data: invalid padding"));
    }
    let mut p = SshReader(private);
    if p.u32()? != p.u32()? {
        return Err(value_error("Corrupt data: broken checksum"));
    }
    let name = p.string()?;
    let mut pubr = SshReader(public_blob);
    if pubr.string()? != name {
        return Err(value_error("Corrupt data: key type mismatch"));
    }
    let bad = |_| value_error("Invalid data");
    let pkey = match name {
        b"ssh-ed25519" => {
            let public = p.string()?;
            let secret = p.string()?;
            if secret.len() != 64 || &secret[32..] != public || pubr.string()? != public {
                return Err(value_error("Corrupt data: ed25519 field mismatch"));
            }
            PKey::private_key_from_raw_bytes(&secret[..32], Id::ED25519).map_err(bad)?
        }
        b"ssh-rsa" => {
            let (n, e, d, iqmp, pp, q) = (
                p.mpint()?,
                p.mpint()?,
                p.mpint()?,
                p.mpint()?,
                p.mpint()?,
                p.mpint()?,
            );
            rsa_from_ssh(n, e, d, iqmp, pp, q).map_err(bad)?
        }
        b"ssh-dss" => {
            let (pp, q, g, y, x) = (p.mpint()?, p.mpint()?, p.mpint()?, p.mpint()?, p.mpint()?);
            Dsa::from_private_components(pp, q, g, x, y)
                .and_then(PKey::from_dsa)
                .map_err(bad)?
        }
        n if n.starts_with(b"ecdsa-sha2-") => {
            let curve = p.string()?;
            let point_bytes = p.string()?;
            let d = p.mpint()?;
            let nid = curve_nid(curve).ok_or_else(|| value_error("Curve name mismatch"))?;
            let group = EcGroup::from_curve_name(nid).map_err(bad)?;
            let point = ec_point(&group, point_bytes)?;
            EcKey::from_private_components(&group, &d, &point)
                .and_then(PKey::from_ec_key)
                .map_err(bad)?
        }
        _ => {
            return Err(error(
                ErrorCode::UnsupportedAlgorithm,
                "Unsupported key type",
            ));
        }
    };
    let _comment = p.string()?;
    for (i, &b) in p.0.iter().enumerate() {
        if usize::from(b) != i + 1 {
            return Err(value_error("Corrupt data: invalid padding"));
        }
    }
    Ok(PrivateKey::from_pkey(pkey))
}

fn rsa_from_ssh(
    n: BigNum,
    e: BigNum,
    d: BigNum,
    iqmp: BigNum,
    p: BigNum,
    q: BigNum,
) -> Result<PKey<Private>, openssl::error::ErrorStack> {
    let mut ctx = BigNumContext::new()?;
    let one = BigNum::from_u32(1)?;
    let mut pm1 = BigNum::new()?;
    pm1.checked_sub(&p, &one)?;
    let mut qm1 = BigNum::new()?;
    qm1.checked_sub(&q, &one)?;
    let mut dmp1 = BigNum::new()?;
    dmp1.nnmod(&d, &pm1, &mut ctx)?;
    let mut dmq1 = BigNum::new()?;
    dmq1.nnmod(&d, &qm1, &mut ctx)?;
    Rsa::from_private_components(n, e, d, p, q, dmp1, dmq1, iqmp).and_then(PKey::from_rsa)
}

/// The SSH wire-format public blob, for fingerprints.
#[napi]
pub fn ssh_public_key_blob(key: &PublicKey) -> napi::Result<Buffer> {
    ssh_public_blob(key.pkey())
        .map(|(_, blob)| Buffer::from(blob))
        .map_err(|_| value_error("Unsupported key type"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_framing_finds_blocks_and_rejects_broken_ones() {
        let key = PKey::generate_ed25519().unwrap();
        let pem = key.private_key_to_pem_pkcs8().unwrap();
        let blocks = pem_blocks(&pem).unwrap();
        assert_eq!(blocks[0].label, "PRIVATE KEY");
        assert_eq!(blocks[0].der, key.private_key_to_pkcs8().unwrap());
        assert!(pem_blocks(&pem[..pem.len() - 10]).is_none());
        assert!(pem_blocks(b"no pem here").is_none());
    }

    #[test]
    fn encrypted_pkcs8_is_detected() {
        let key = PKey::generate_ed25519().unwrap();
        let plain = key.private_key_to_pkcs8().unwrap();
        let enc = key
            .private_key_to_pkcs8_passphrase(Cipher::aes_256_cbc(), b"pw")
            .unwrap();
        assert!(!der_is_encrypted_pkcs8(&plain));
        assert!(der_is_encrypted_pkcs8(&enc));
    }

    #[test]
    fn openssh_private_round_trip() {
        let key = PKey::generate_ed25519().unwrap();
        let pem = ssh_private_pem(&key, None).unwrap();
        assert!(pem.starts_with(b"-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        let blocks = pem_blocks(&pem).unwrap();
        assert!(blocks[0].der.starts_with(b"openssh-key-v1\0"));
    }

    #[test]
    fn encrypted_openssh_private_round_trip() {
        let key = PKey::generate_ed25519().unwrap();
        let pem = ssh_private_pem(&key, Some((b"pw", 2))).unwrap();
        let der = pem_blocks(&pem).unwrap()[0].der.clone();
        let mut r = SshReader(der.strip_prefix(b"openssh-key-v1\0".as_slice()).unwrap());
        let (cipher, kdf, options) = (
            r.string().unwrap(),
            r.string().unwrap(),
            r.string().unwrap(),
        );
        assert_eq!(
            (cipher, kdf),
            (b"aes256-ctr".as_slice(), b"bcrypt".as_slice())
        );
        assert_eq!(r.u32().unwrap(), 1);
        r.string().unwrap();
        let plain = ssh_decrypt(cipher, kdf, options, &mut r, Some(b"pw")).unwrap();
        assert_eq!(&plain[..4], &plain[4..8]);
        let truncated = ssh_decrypt(cipher, kdf, options, &mut SshReader(&[]), Some(b"pw"));
        assert!(truncated.is_err());
        assert!(ssh_private_pem(&key, Some((b"pw", SSH_MAX_ROUNDS + 1))).is_err());
    }
}
