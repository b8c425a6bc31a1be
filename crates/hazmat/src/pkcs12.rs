//! PKCS#12 (`serialization.pkcs12`): loading a bundle into a key handle and certificate DER
//! with friendly names, and writing one with OpenSSL's `PKCS12_create`. Certificates cross the
//! boundary as DER; the façade (`src/primitives/serialization/pkcs12.ts`) makes `Certificate`
//! objects of them and chooses the protection from PyCA's encryption classes.
//!
//! Messages are PyCA's. Loading never reports more than "could not deserialize" or "invalid
//! password or data", so a wrong password and damaged data look alike, as in PyCA.

use std::ffi::{CStr, CString};

use napi::bindgen_prelude::{Buffer, BufferSlice};
use napi_derive::napi;
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkcs12::Pkcs12;
use openssl::pkey::{PKey, PKeyRef, Private};
use openssl::stack::{Stack, StackRef};
use openssl::x509::{X509, X509Ref};
use openssl_ext::pkcs::{self, Pkcs12Protection};

use crate::errors::{ErrorCode, error, openssl_error};
use crate::keys::PrivateKey;

const COULD_NOT_DESERIALIZE: &str = "Could not deserialize PKCS12 data";
const INVALID_PASSWORD_OR_DATA: &str = "Invalid password or PKCS12 data";

/// PyCA's defaults (`src/rust/src/pkcs12.rs`): PBKDF2/PKCS#12-KDF rounds for the key and
/// certificate encryption, and rounds of the MAC key derivation.
const DEFAULT_KDF_ROUNDS: u32 = 20000;
const MAC_ROUNDS: i32 = 2048;

fn value_error(message: &str) -> napi::Error {
    error(ErrorCode::Value, message)
}

/// A certificate of a bundle: its DER and the friendly name of its bag, if any.
#[napi(object)]
pub struct Pkcs12CertificateData {
    pub der: Buffer,
    pub friendly_name: Option<Buffer>,
}

/// What `loadPkcs12` found.
#[napi]
pub struct Pkcs12Contents {
    key: Option<PKey<Private>>,
    cert: Option<(Vec<u8>, Option<Vec<u8>>)>,
    additional: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

fn cert_data(entry: &(Vec<u8>, Option<Vec<u8>>)) -> Pkcs12CertificateData {
    Pkcs12CertificateData {
        der: Buffer::from(entry.0.clone()),
        friendly_name: entry.1.clone().map(Buffer::from),
    }
}

#[napi]
impl Pkcs12Contents {
    /// A new handle on the bundle's private key (OpenSSL counts references; no copy of the key).
    #[napi]
    pub fn key(&self) -> Option<PrivateKey> {
        self.key.clone().map(PrivateKey::from_pkey)
    }

    /// The certificate matching the key (OpenSSL pairs them by localKeyId or by public key).
    #[napi]
    pub fn cert(&self) -> Option<Pkcs12CertificateData> {
        self.cert.as_ref().map(cert_data)
    }

    /// Every other certificate, in the bundle's order.
    #[napi]
    pub fn additional_certs(&self) -> Vec<Pkcs12CertificateData> {
        self.additional.iter().map(cert_data).collect()
    }
}

fn cert_entry(cert: &X509) -> napi::Result<(Vec<u8>, Option<Vec<u8>>)> {
    let der = cert
        .to_der()
        .map_err(|e| openssl_error("encoding a certificate", &e))?;
    Ok((der, cert.alias().map(<[u8]>::to_vec)))
}

/// `load_key_and_certificates` / `load_pkcs12`. A missing password is the empty one (OpenSSL
/// then tries both the empty and the absent password, as PyCA relies on).
#[napi(ts_args_type = "data: Uint8Array, password: Uint8Array | null | undefined")]
pub fn load_pkcs12(
    data: BufferSlice,
    password: Option<BufferSlice>,
) -> napi::Result<Pkcs12Contents> {
    let p12 = Pkcs12::from_der(&data).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        value_error(COULD_NOT_DESERIALIZE)
    })?;
    let password = password.as_deref().unwrap_or(b"");
    // PyCA decodes the password as UTF-8 (a UnicodeDecodeError, a ValueError, otherwise); a NUL
    // byte cannot reach OpenSSL's C string, and no bundle can be protected by such a password.
    let password = std::str::from_utf8(password)
        .ok()
        .and_then(|p| CString::new(p).ok())
        .ok_or_else(|| value_error(INVALID_PASSWORD_OR_DATA))?;
    let parsed =
        pkcs::pkcs12_parse(&p12, &password).map_err(|_| value_error(INVALID_PASSWORD_OR_DATA))?;
    let cert = parsed.cert.as_ref().map(cert_entry).transpose()?;
    let additional = parsed
        .cas
        .iter()
        .map(cert_entry)
        .collect::<napi::Result<Vec<_>>>()?;
    Ok(Pkcs12Contents {
        key: parsed.pkey,
        cert,
        additional,
    })
}

/// How `serializePkcs12` protects the bundle, already decided by the façade from PyCA's
/// encryption classes.
#[napi(object)]
pub struct Pkcs12Encryption {
    /// `null` for `NoEncryption` (the MAC then uses the empty password, as PyCA's).
    pub password: Option<Buffer>,
    /// "PBESv2SHA256AndAES256CBC" or "PBESv1SHA1And3KeyTripleDESCBC"; ignored without password.
    pub key_cert_algorithm: String,
    /// Rounds of the key/certificate encryption KDF; `null` for PyCA's default (20000).
    pub kdf_rounds: Option<u32>,
    /// Digest of the MAC: "sha1", "sha224", "sha256", "sha384", "sha512" (PyCA's names).
    pub mac_hash: String,
}

fn mac_digest(name: &str) -> napi::Result<MessageDigest> {
    MessageDigest::from_name(name).ok_or_else(|| {
        let _ = openssl::error::ErrorStack::get();
        error(
            ErrorCode::UnsupportedAlgorithm,
            format!("Unsupported hash algorithm for the PKCS12 MAC: {name}"),
        )
    })
}

fn friendly_name(name: &[u8]) -> napi::Result<CString> {
    std::str::from_utf8(name).map_err(|_| value_error("friendly_name must be valid UTF-8"))?;
    CString::new(name).map_err(|_| value_error("friendly_name must not contain NUL bytes"))
}

fn load_cert(der: &[u8]) -> napi::Result<X509> {
    X509::from_der(der).map_err(|e| openssl_error("reading a certificate", &e))
}

/// The password and protection of a bundle, from the façade's choice; the password is kept
/// as the C string `Pkcs12Protection` borrows.
struct Protection {
    password: CString,
    nid: i32,
    kdf_iterations: i32,
    mac_digest: MessageDigest,
}

fn protection_of(encryption: &Pkcs12Encryption) -> napi::Result<Protection> {
    let (password, nid) = match encryption.password.as_deref() {
        None => (String::new(), pkcs::UNENCRYPTED),
        Some(p) => {
            let p = std::str::from_utf8(p)
                .map_err(|_| value_error("password must be valid UTF-8"))?
                .to_owned();
            let nid = match encryption.key_cert_algorithm.as_str() {
                "PBESv1SHA1And3KeyTripleDESCBC" => Nid::PBE_WITHSHA1AND3_KEY_TRIPLEDES_CBC,
                _ => Nid::AES_256_CBC,
            };
            (p, nid.as_raw())
        }
    };
    let password =
        CString::new(password).map_err(|_| value_error("password must not contain NUL bytes"))?;
    let kdf_iterations = i32::try_from(encryption.kdf_rounds.unwrap_or(DEFAULT_KDF_ROUNDS))
        .map_err(|_| value_error("kdf_rounds is too large"))?;
    Ok(Protection {
        password,
        nid,
        kdf_iterations,
        mac_digest: mac_digest(&encryption.mac_hash)?,
    })
}

impl Protection {
    /// PKCS12_create under this protection (`java_trusted` marks every certificate bag as a
    /// Java trusted entry), as DER.
    fn create(
        &self,
        java_trusted: bool,
        name: Option<&CStr>,
        key: Option<&PKeyRef<Private>>,
        cert: Option<&X509Ref>,
        cas: Option<&StackRef<X509>>,
    ) -> napi::Result<Buffer> {
        let protection = Pkcs12Protection {
            password: &self.password,
            key_nid: self.nid,
            cert_nid: self.nid,
            kdf_iterations: self.kdf_iterations,
            mac_iterations: MAC_ROUNDS,
            mac_digest: self.mac_digest,
            java_trusted,
        };
        let p12 = pkcs::pkcs12_create(&protection, name, key, cert, cas)
            .map_err(|e| openssl_error("PKCS12_create", &e))?;
        p12.to_der()
            .map(Buffer::from)
            .map_err(|e| openssl_error("i2d_PKCS12", &e))
    }
}

/// The CA certificates with their friendly names as OpenSSL aliases.
fn ca_stack(cas: &[Pkcs12CertificateData]) -> napi::Result<Stack<X509>> {
    let mut stack = Stack::new().map_err(|e| openssl_error("sk_X509_new", &e))?;
    for ca in cas {
        let x509 = load_cert(&ca.der)?;
        if let Some(alias) = ca.friendly_name.as_deref() {
            friendly_name(alias)?;
        }
        pkcs::set_alias(&x509, ca.friendly_name.as_deref())
            .map_err(|e| openssl_error("X509_alias_set1", &e))?;
        stack
            .push(x509)
            .map_err(|e| openssl_error("sk_X509_push", &e))?;
    }
    Ok(stack)
}

/// `serialize_key_and_certificates`: `name` names the key and `cert`, each CA carries its own
/// friendly name. The façade has checked types and that something is given.
#[napi(
    ts_args_type = "name: Uint8Array | null, key: PrivateKey | null, cert: Uint8Array | null, cas: Array<Pkcs12CertificateData>, encryption: Pkcs12Encryption"
)]
pub fn serialize_pkcs12(
    name: Option<BufferSlice>,
    key: Option<&PrivateKey>,
    cert: Option<BufferSlice>,
    cas: Vec<Pkcs12CertificateData>,
    encryption: Pkcs12Encryption,
) -> napi::Result<Buffer> {
    let protection = protection_of(&encryption)?;
    let name = name.as_deref().map(friendly_name).transpose()?;
    let cert = cert.as_deref().map(load_cert).transpose()?;
    if let (Some(cert), Some(key)) = (&cert, key) {
        let public = cert
            .public_key()
            .map_err(|e| openssl_error("reading the certificate's public key", &e))?;
        if !public.public_eq(key.pkey()) {
            return Err(value_error(
                "Certificate public key and provided private key do not match",
            ));
        }
    }
    let stack = ca_stack(&cas)?;
    protection.create(
        false,
        name.as_deref(),
        key.map(PrivateKey::pkey),
        cert.as_deref(),
        (!cas.is_empty()).then_some(&*stack),
    )
}

/// `serialize_java_truststore`: certificate bags only, each with its friendly name and marked
/// trusted for any purpose, so Java's keystore reads them as trusted certificate entries.
#[napi(ts_args_type = "certs: Array<Pkcs12CertificateData>, encryption: Pkcs12Encryption")]
pub fn serialize_java_truststore(
    certs: Vec<Pkcs12CertificateData>,
    encryption: Pkcs12Encryption,
) -> napi::Result<Buffer> {
    let protection = protection_of(&encryption)?;
    let stack = ca_stack(&certs)?;
    protection.create(true, None, None, None, Some(&*stack))
}
