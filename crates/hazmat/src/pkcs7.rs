//! PKCS#7 (`serialization.pkcs7`): certificate bundles, S/MIME signatures and envelopes.
//!
//! Loading certificate bundles uses OpenSSL's PKCS#7 parser (it accepts the BER that real-world
//! bundles use). Signed and enveloped messages are written here the way PyCA 50 writes them
//! (`src/rust/src/pkcs7.rs`): the same attributes in the same DER order, the same algorithm
//! identifiers, the same MIME framing; OpenSSL only signs, hashes and encrypts. Writing them
//! ourselves rather than through `PKCS7_sign`/`CMS_sign` is what makes several signers, RSA-PSS
//! and PyCA's short list of S/MIME capabilities possible, and the output comparable with PyCA's.
//! The RFC 5652 structures are declared below and encoded and decoded by RustCrypto's `der`.
//!
//! Decryption follows PyCA 50 too, with one deliberate hardening that PyCA gets from OpenSSL's
//! implicit rejection: whatever happens while unwrapping the content-encryption key (RSA failure
//! or a key of the wrong length), a random key of the right length is used instead, so a
//! tampered key only ever shows up as the one "Invalid padding bytes." error of the content.
//! Envelopes are read as BER, so the indefinite lengths of streaming encoders (`openssl cms
//! -stream`) are accepted as well as DER (PyCA accepts DER only).

use der::asn1::{
    Any, AnyRef, BitStringRef, ContextSpecific, GeneralizedTime, ObjectIdentifier, OctetString,
    OctetStringRef, SetOfVec, UtcTime,
};
use der::{
    Decode, Encode, EncodeValue, EncodingRules, Reader, Sequence, SliceReader, TagNumber, Tagged,
    ValueOrd,
};
use napi::bindgen_prelude::{Buffer, BufferSlice};
use napi_derive::napi;
use openssl::hash::{MessageDigest, hash};
use openssl::pkcs7::Pkcs7;
use openssl::pkey::{Id, PKey, PKeyRef, Private, Public};
use openssl::pkey_ctx::PkeyCtx;
use openssl::rsa::Padding;
use openssl::sign::{RsaPssSaltlen, Signer};
use openssl::symm::{Cipher, Crypter, Mode};
use openssl::x509::X509;
use spki::AlgorithmIdentifierOwned;

use crate::errors::{ErrorCode, error, openssl_error};
use crate::keys::PrivateKey;

fn value_error(message: impl std::fmt::Display) -> napi::Error {
    error(ErrorCode::Value, message)
}

fn unsupported(message: &str) -> napi::Error {
    error(ErrorCode::UnsupportedAlgorithm, message)
}

/// Encoding our own structures only fails on sizes beyond DER's limits.
fn encoding_failed(e: der::Error) -> napi::Error {
    error(ErrorCode::Internal, format!("encoding PKCS#7 DER: {e}"))
}

// ---------------------------------------------------------------------------------------------
// ASN.1 structures (RFC 5652 unless noted), as far as PyCA writes and reads them. Certificates
// and names stay `AnyRef`: they are copied byte for byte, never re-encoded.

/// `ContentInfo`: a content type and its content.
#[derive(Sequence)]
struct ContentInfo {
    content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    content: Any,
}

/// `SignedData`, without CRLs (PyCA never writes them).
#[derive(Sequence)]
struct SignedData<'a> {
    version: u8,
    digest_algorithms: SetOfVec<AlgorithmIdentifierOwned>,
    encap_content_info: EncapsulatedContentInfo<'a>,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    certificates: Option<SetOfVec<AnyRef<'a>>>,
    signer_infos: SetOfVec<SignerInfo<'a>>,
}

/// `EncapsulatedContentInfo`: the signed content, absent from detached signatures.
#[derive(Sequence)]
struct EncapsulatedContentInfo<'a> {
    content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    content: Option<&'a OctetStringRef>,
}

/// `SignerInfo` (version 1: the signer is named by issuer and serial number).
#[derive(Sequence, ValueOrd)]
struct SignerInfo<'a> {
    version: u8,
    sid: IssuerAndSerialNumber<'a>,
    digest_algorithm: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    signed_attrs: Option<SetOfVec<Attribute>>,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: OctetString,
}

/// `IssuerAndSerialNumber`, both parts exactly as the certificate encodes them.
#[derive(Clone, Debug, Eq, PartialEq, Sequence, ValueOrd)]
struct IssuerAndSerialNumber<'a> {
    issuer: AnyRef<'a>,
    serial_number: AnyRef<'a>,
}

/// `Attribute` (of the signed attributes).
#[derive(Sequence, ValueOrd)]
struct Attribute {
    attr_type: ObjectIdentifier,
    attr_values: SetOfVec<Any>,
}

/// `EnvelopedData` as PKCS#7 1.5 and PyCA have it: no originator info, no unprotected
/// attributes, key-transport recipients only.
#[derive(Sequence)]
struct EnvelopedData<'a> {
    version: u8,
    recipient_infos: SetOfVec<KeyTransRecipientInfo<'a>>,
    encrypted_content_info: EncryptedContentInfo,
}

/// `KeyTransRecipientInfo` (version 0: the recipient is named by issuer and serial number).
#[derive(Sequence, ValueOrd)]
struct KeyTransRecipientInfo<'a> {
    version: u8,
    rid: IssuerAndSerialNumber<'a>,
    key_encryption_algorithm: AlgorithmIdentifierOwned,
    encrypted_key: OctetString,
}

/// `EncryptedContentInfo`. The content is owned: BER may split it into segments.
#[derive(Sequence)]
struct EncryptedContentInfo {
    content_type: ObjectIdentifier,
    content_encryption_algorithm: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    encrypted_content: Option<OctetString>,
}

/// `RSASSA-PSS-params` (RFC 4055). The hash and mask generation always differ from the SHA-1
/// defaults here, so they are always written; the trailer field is always its default.
#[derive(Sequence)]
struct RsaPssParameters {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    hash_algorithm: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT")]
    mask_gen_algorithm: AlgorithmIdentifierOwned,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt_length: Option<u32>,
}

/// `Certificate` (RFC 5280) read only as far as naming it needs: every part stays raw, so any
/// certificate OpenSSL and the x509 module accept (negative or long serials too) can be named.
#[derive(Sequence)]
struct CertificateOutline<'a> {
    tbs_certificate: TbsCertificateOutline<'a>,
    signature_algorithm: AnyRef<'a>,
    signature_value: BitStringRef<'a>,
}

#[derive(Sequence)]
struct TbsCertificateOutline<'a> {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    version: Option<AnyRef<'a>>,
    serial_number: AnyRef<'a>,
    signature: AnyRef<'a>,
    issuer: AnyRef<'a>,
    validity: AnyRef<'a>,
    subject: AnyRef<'a>,
    subject_public_key_info: AnyRef<'a>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    issuer_unique_id: Option<BitStringRef<'a>>,
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT", optional = "true")]
    subject_unique_id: Option<BitStringRef<'a>>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    extensions: Option<AnyRef<'a>>,
}

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const ID_ENVELOPED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.3");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const ID_SMIME_CAPABILITIES: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.15");
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const ID_RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const ID_MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");
const AES_128_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.2");
const AES_192_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.22");
const AES_256_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.42");

/// An AlgorithmIdentifier with NULL parameters (hashes and rsaEncryption, as PyCA writes them).
fn algorithm_with_null(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: Some(Any::null()),
    }
}

/// An AlgorithmIdentifier without parameters (ECDSA, S/MIME capabilities).
fn algorithm_without_parameters(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned {
        oid,
        parameters: None,
    }
}

/// The digests PyCA allows for PKCS#7 signatures: OID, S/MIME `micalg`, ECDSA OID.
struct DigestInfo {
    oid: ObjectIdentifier,
    micalg: &'static str,
    ecdsa_oid: ObjectIdentifier,
    md: fn() -> MessageDigest,
}

fn digest_info(name: &str) -> napi::Result<DigestInfo> {
    let (oid, micalg, ecdsa_oid, md): (_, _, _, fn() -> MessageDigest) = match name {
        "sha224" => (
            "2.16.840.1.101.3.4.2.4",
            "sha-224",
            "1.2.840.10045.4.3.1",
            MessageDigest::sha224,
        ),
        "sha256" => (
            "2.16.840.1.101.3.4.2.1",
            "sha-256",
            "1.2.840.10045.4.3.2",
            MessageDigest::sha256,
        ),
        "sha384" => (
            "2.16.840.1.101.3.4.2.2",
            "sha-384",
            "1.2.840.10045.4.3.3",
            MessageDigest::sha384,
        ),
        "sha512" => (
            "2.16.840.1.101.3.4.2.3",
            "sha-512",
            "1.2.840.10045.4.3.4",
            MessageDigest::sha512,
        ),
        _ => {
            return Err(error(
                ErrorCode::Internal,
                format!("unexpected PKCS#7 digest {name}"),
            ));
        }
    };
    Ok(DigestInfo {
        oid: ObjectIdentifier::new_unwrap(oid),
        micalg,
        ecdsa_oid: ObjectIdentifier::new_unwrap(ecdsa_oid),
        md,
    })
}

// ---------------------------------------------------------------------------------------------
// Certificates

/// A certificate's `IssuerAndSerialNumber`, borrowing both parts from its DER.
fn issuer_and_serial(cert_der: &[u8]) -> napi::Result<IssuerAndSerialNumber<'_>> {
    let cert = CertificateOutline::from_der(cert_der)
        .map_err(|_| value_error("Invalid certificate DER"))?;
    Ok(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer,
        serial_number: cert.tbs_certificate.serial_number,
    })
}

/// A certificate to embed as is: one DER value, which is all `SignedData` needs of it.
fn raw_certificate(cert_der: &[u8]) -> napi::Result<AnyRef<'_>> {
    AnyRef::from_der(cert_der).map_err(|_| value_error("Invalid certificate DER"))
}

fn load_cert(der: &[u8]) -> napi::Result<X509> {
    X509::from_der(der).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        value_error("Invalid certificate DER")
    })
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

/// DER or PEM ("PKCS7") output; S/MIME is handled by the callers.
fn encode(content_info: Vec<u8>, encoding: &str) -> Buffer {
    if encoding == "PEM" {
        Buffer::from(pem_wrap("PKCS7", &content_info))
    } else {
        Buffer::from(content_info)
    }
}

fn certificates_of(p7: &Pkcs7) -> napi::Result<Vec<Buffer>> {
    let nid = p7.type_().map(|t| t.nid());
    if nid != Some(openssl::nid::Nid::PKCS7_SIGNED) {
        let shown = nid.map_or("empty".to_owned(), |n| n.as_raw().to_string());
        return Err(unsupported(&format!(
            "Only basic signed structures are currently supported. NID for this data was {shown}"
        )));
    }
    let certs = p7.signed().and_then(|s| s.certificates()).ok_or_else(|| {
        value_error(
            "The provided PKCS7 has no certificate data, but a cert loading method was called.",
        )
    })?;
    certs
        .iter()
        .map(|c| {
            c.to_der()
                .map(Buffer::from)
                .map_err(|e| openssl_error("encoding a certificate", &e))
        })
        .collect()
}

/// `load_der_pkcs7_certificates`: the certificates of a SignedData, in order.
#[napi(ts_args_type = "data: Uint8Array")]
pub fn load_der_pkcs7_certificates(data: BufferSlice) -> napi::Result<Vec<Buffer>> {
    let p7 = Pkcs7::from_der(&data).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        value_error("Unable to parse PKCS7 data")
    })?;
    certificates_of(&p7)
}

/// The first PEM block of `data`, which must be labelled "PKCS7" (PyCA's rules and messages).
fn pkcs7_pem_contents(data: &[u8]) -> napi::Result<Vec<u8>> {
    if std::str::from_utf8(data).is_err() {
        return Err(value_error("Invalid PEM data"));
    }
    let blocks = crate::serialization::pem_blocks(data)
        .ok_or_else(|| value_error("Failed to parse PEM data"))?;
    let first = blocks
        .into_iter()
        .next()
        .ok_or_else(|| value_error("Failed to parse PEM data"))?;
    if first.label != "PKCS7" {
        return Err(value_error(
            "The provided PEM data does not have the PKCS7 tag.",
        ));
    }
    Ok(first.der)
}

/// `load_pem_pkcs7_certificates`.
#[napi(ts_args_type = "data: Uint8Array")]
pub fn load_pem_pkcs7_certificates(data: BufferSlice) -> napi::Result<Vec<Buffer>> {
    let der = pkcs7_pem_contents(&data)?;
    let p7 = Pkcs7::from_der(&der).map_err(|_| {
        let _ = openssl::error::ErrorStack::get();
        value_error("Unable to parse PKCS7 data")
    })?;
    certificates_of(&p7)
}

/// `serialize_certificates`: a "degenerate" SignedData with only certificates (PEM or DER).
#[napi(ts_args_type = "certs: Array<Uint8Array>, encoding: string")]
pub fn pkcs7_serialize_certificates(certs: Vec<Buffer>, encoding: String) -> napi::Result<Buffer> {
    let certs = certs
        .iter()
        .map(|c| raw_certificate(c))
        .collect::<napi::Result<Vec<_>>>()?;
    let signed = SignedData {
        version: 1,
        digest_algorithms: SetOfVec::new(),
        encap_content_info: EncapsulatedContentInfo {
            content_type: ID_DATA,
            content: None,
        },
        certificates: Some(SetOfVec::try_from(certs).map_err(encoding_failed)?),
        signer_infos: SetOfVec::new(),
    };
    Ok(encode(content_info(ID_SIGNED_DATA, &signed)?, &encoding))
}

/// The DER of a ContentInfo holding `content`.
fn content_info(
    content_type: ObjectIdentifier,
    content: &(impl Tagged + EncodeValue),
) -> napi::Result<Vec<u8>> {
    ContentInfo {
        content_type,
        content: Any::encode_from(content).map_err(encoding_failed)?,
    }
    .to_der()
    .map_err(encoding_failed)
}

// ---------------------------------------------------------------------------------------------
// MIME canonicalization (PyCA's `smime_canonicalize`)

const TEXT_HEADER: &[u8] = b"Content-Type: text/plain\r\n\r\n";

/// Bare LFs become CRLF; in text mode the signed/encrypted form also gets a text/plain header.
/// Returns (with header, without header).
fn canonicalize(data: &[u8], text: bool) -> (Vec<u8>, Vec<u8>) {
    let mut plain = Vec::with_capacity(data.len() + data.len() / 16);
    for (i, &c) in data.iter().enumerate() {
        if c == b'\n' && (i == 0 || data[i - 1] != b'\r') {
            plain.push(b'\r');
        }
        plain.push(c);
    }
    let with_header = if text {
        [TEXT_HEADER, &plain].concat()
    } else {
        plain.clone()
    };
    (with_header, plain)
}

/// Base64 in lines of 64 characters, each followed by `eol`.
fn base64_lines(der: &[u8], eol: &str) -> String {
    let b64 = openssl::base64::encode_block(der);
    let mut out = String::with_capacity(b64.len() + b64.len() / 32 + 2);
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push_str(eol);
    }
    out
}

/// A MIME boundary shaped like the one Python's email package draws (PyCA's generator).
fn boundary() -> napi::Result<String> {
    let mut random = [0u8; 8];
    openssl::rand::rand_bytes(&mut random).map_err(|e| openssl_error("RAND_bytes", &e))?;
    let n = u64::from_be_bytes(random) % 10_000_000_000_000_000_000;
    Ok(format!("==============={n:019}=="))
}

// ---------------------------------------------------------------------------------------------
// Signing

/// The signing time, UTCTime until 2049 and GeneralizedTime after, as RFC 5652 asks.
fn signing_time_now() -> napi::Result<Any> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    // Whole seconds, as DER times have them.
    let now = std::time::Duration::from_secs(now.as_secs());
    match UtcTime::from_unix_duration(now) {
        Ok(time) => Any::encode_from(&time),
        Err(_) => GeneralizedTime::from_unix_duration(now).and_then(|t| Any::encode_from(&t)),
    }
    .map_err(encoding_failed)
}

fn attribute(
    attr_type: ObjectIdentifier,
    value: &(impl Tagged + EncodeValue),
) -> napi::Result<Attribute> {
    let value = Any::encode_from(value).map_err(encoding_failed)?;
    Ok(Attribute {
        attr_type,
        attr_values: SetOfVec::try_from(vec![value]).map_err(encoding_failed)?,
    })
}

/// PyCA's S/MIME capabilities (a SEQUENCE OF SMIMECapability): OpenSSL's list without the weak
/// ciphers.
fn smime_capabilities() -> Vec<AlgorithmIdentifierOwned> {
    [AES_256_CBC, AES_192_CBC, AES_128_CBC]
        .into_iter()
        .map(algorithm_without_parameters)
        .collect()
}

/// PSS salt-length sentinels, as `src/primitives/asymmetric/rsa.ts` encodes them.
const SALT_DIGEST: i32 = -1;
const SALT_AUTO: i32 = -2;
const SALT_MAX: i32 = -3;

struct SignerEntry {
    cert: Vec<u8>,
    key: PKey<Private>,
    hash: String,
    /// RSA-PSS: (salt length or sentinel, MGF1 digest name).
    pss: Option<(i32, String)>,
}

/// The options of `PKCS7SignatureBuilder.sign`, already checked by the façade.
#[napi(object)]
pub struct Pkcs7SignOptions {
    pub text: bool,
    pub binary: bool,
    pub detached_signature: bool,
    pub no_capabilities: bool,
    pub no_attributes: bool,
    pub no_certs: bool,
}

/// Collects the signers and extra certificates of a `PKCS7SignatureBuilder` and signs.
#[napi]
pub struct Pkcs7Signer {
    signers: Vec<SignerEntry>,
    certs: Vec<Vec<u8>>,
}

impl Default for Pkcs7Signer {
    fn default() -> Self {
        Self::new()
    }
}

fn pss_salt(key: &PKeyRef<Private>, md: MessageDigest, sentinel: i32) -> napi::Result<i32> {
    let hlen = md.size() as i32;
    match sentinel {
        SALT_DIGEST => Ok(hlen),
        SALT_MAX => {
            let em_len = (key.bits() as i32 - 1 + 7) / 8;
            let salt = em_len - hlen - 2;
            if salt < 0 {
                return Err(value_error(
                    "Digest or salt length too long for key size. Use a larger key or shorter salt length if you are specifying a PSS salt",
                ));
            }
            Ok(salt)
        }
        SALT_AUTO => Err(value_error(
            "PSS salt length can only be set to Auto when verifying",
        )),
        n => Ok(n),
    }
}

impl SignerEntry {
    /// The signature and its AlgorithmIdentifier (PyCA: rsaEncryption for PKCS#1 v1.5 whatever
    /// the digest, RFC 3370 §3.2; ecdsa-with-SHA*; RSASSA-PSS with explicit parameters).
    fn sign(
        &self,
        data: &[u8],
        digest: &DigestInfo,
    ) -> napi::Result<(Vec<u8>, AlgorithmIdentifierOwned)> {
        let md = (digest.md)();
        let failed = |e| openssl_error("signing the PKCS#7 content", &e);
        let mut signer = Signer::new(md, &self.key).map_err(failed)?;
        let algorithm = match (self.key.id(), &self.pss) {
            (Id::RSA, None) => algorithm_with_null(RSA_ENCRYPTION),
            (Id::RSA, Some((sentinel, mgf_name))) => {
                let salt = pss_salt(&self.key, md, *sentinel)?;
                let mgf = digest_info(mgf_name)?;
                signer.set_rsa_padding(Padding::PKCS1_PSS).map_err(failed)?;
                signer
                    .set_rsa_pss_saltlen(RsaPssSaltlen::custom(salt))
                    .map_err(failed)?;
                signer.set_rsa_mgf1_md((mgf.md)()).map_err(failed)?;
                let mgf1 =
                    Any::encode_from(&algorithm_with_null(mgf.oid)).map_err(encoding_failed)?;
                let params = RsaPssParameters {
                    hash_algorithm: algorithm_with_null(digest.oid),
                    mask_gen_algorithm: AlgorithmIdentifierOwned {
                        oid: ID_MGF1,
                        parameters: Some(mgf1),
                    },
                    // 20 is saltLength's DEFAULT (RFC 4055), which DER leaves out. `pss_salt`
                    // never returns a negative length.
                    salt_length: (salt != 20).then_some(salt.unsigned_abs()),
                };
                AlgorithmIdentifierOwned {
                    oid: ID_RSASSA_PSS,
                    parameters: Some(Any::encode_from(&params).map_err(encoding_failed)?),
                }
            }
            (Id::EC, _) => algorithm_without_parameters(digest.ecdsa_oid),
            _ => {
                return Err(error(
                    ErrorCode::Internal,
                    "PKCS#7 signing supports RSA and EC keys only",
                ));
            }
        };
        let signature = signer.sign_oneshot_to_vec(data).map_err(failed)?;
        Ok((signature, algorithm))
    }
}

#[napi]
impl Pkcs7Signer {
    #[napi(constructor)]
    pub fn new() -> Self {
        Pkcs7Signer {
            signers: Vec::new(),
            certs: Vec::new(),
        }
    }

    /// One signer: certificate DER, RSA or EC key, "sha224".."sha512", and for RSA-PSS the salt
    /// length (or sentinel) and the MGF1 digest name.
    #[napi(
        ts_args_type = "cert: Uint8Array, key: PrivateKey, hash: string, pssSaltLength: number | null, pssMgfHash: string | null"
    )]
    pub fn add_signer(
        &mut self,
        cert: BufferSlice,
        key: &PrivateKey,
        hash: String,
        pss_salt_length: Option<i32>,
        pss_mgf_hash: Option<String>,
    ) -> napi::Result<()> {
        digest_info(&hash)?;
        self.signers.push(SignerEntry {
            cert: cert.to_vec(),
            key: key.pkey().to_owned(),
            hash,
            pss: pss_salt_length.map(|s| (s, pss_mgf_hash.unwrap_or_else(|| "sha256".into()))),
        });
        Ok(())
    }

    #[napi(ts_args_type = "cert: Uint8Array")]
    pub fn add_certificate(&mut self, cert: BufferSlice) {
        self.certs.push(cert.to_vec());
    }

    /// Signs `data` for every signer and encodes as "DER", "PEM" or "SMIME".
    #[napi(ts_args_type = "data: Uint8Array, encoding: string, options: Pkcs7SignOptions")]
    pub fn sign(
        &self,
        data: BufferSlice,
        encoding: String,
        options: Pkcs7SignOptions,
    ) -> napi::Result<Buffer> {
        let (with_header, without_header) = if options.binary {
            (data.to_vec(), data.to_vec())
        } else {
            canonicalize(&data, options.text)
        };
        let signing_time = signing_time_now()?;
        let mut digest_algorithms: Vec<AlgorithmIdentifierOwned> = Vec::new();
        let mut micalgs: Vec<&'static str> = Vec::new();
        let mut certs = self
            .certs
            .iter()
            .map(|c| raw_certificate(c))
            .collect::<napi::Result<Vec<_>>>()?;
        let mut signer_infos = Vec::new();
        for entry in &self.signers {
            let digest = digest_info(&entry.hash)?;
            let digest_algorithm = algorithm_with_null(digest.oid);
            let (signed_attrs, signature, signature_algorithm) = if options.no_attributes {
                let (signature, algorithm) = entry.sign(&with_header, &digest)?;
                (None, signature, algorithm)
            } else {
                let message_digest = hash((digest.md)(), &with_header)
                    .map_err(|e| openssl_error("hashing the PKCS#7 content", &e))?;
                let message_digest =
                    OctetStringRef::new(&message_digest).map_err(encoding_failed)?;
                let mut attributes = vec![
                    attribute(ID_CONTENT_TYPE, &ID_DATA)?,
                    attribute(ID_SIGNING_TIME, &signing_time)?,
                    attribute(ID_MESSAGE_DIGEST, &message_digest)?,
                ];
                if !options.no_capabilities {
                    attributes.push(attribute(ID_SMIME_CAPABILITIES, &smime_capabilities())?);
                }
                // The signature covers the attributes as a SET OF; the SignerInfo carries the
                // same elements under [0] IMPLICIT.
                let attributes = SetOfVec::try_from(attributes).map_err(encoding_failed)?;
                let signed = attributes.to_der().map_err(encoding_failed)?;
                let (signature, algorithm) = entry.sign(&signed, &digest)?;
                (Some(attributes), signature, algorithm)
            };
            if !digest_algorithms.contains(&digest_algorithm) {
                digest_algorithms.push(digest_algorithm.clone());
                micalgs.push(digest.micalg);
            }
            certs.push(raw_certificate(&entry.cert)?);
            signer_infos.push(SignerInfo {
                version: 1,
                sid: issuer_and_serial(&entry.cert)?,
                digest_algorithm,
                signed_attrs,
                signature_algorithm,
                signature: OctetString::new(signature).map_err(encoding_failed)?,
            });
        }
        let content = if options.detached_signature {
            None
        } else {
            Some(OctetStringRef::new(&with_header).map_err(encoding_failed)?)
        };
        let signed = SignedData {
            version: 1,
            digest_algorithms: SetOfVec::try_from(digest_algorithms).map_err(encoding_failed)?,
            encap_content_info: EncapsulatedContentInfo {
                content_type: ID_DATA,
                content,
            },
            certificates: if options.no_certs {
                None
            } else {
                Some(SetOfVec::try_from(certs).map_err(encoding_failed)?)
            },
            signer_infos: SetOfVec::try_from(signer_infos).map_err(encoding_failed)?,
        };
        let ci = content_info(ID_SIGNED_DATA, &signed)?;
        if encoding != "SMIME" {
            return Ok(encode(ci, &encoding));
        }
        Ok(Buffer::from(smime_signed(
            &without_header,
            &ci,
            &micalgs.join(","),
            options.text,
        )?))
    }
}

/// PyCA's `_smime_signed_encode`: multipart/signed, CRLF line ends, the content part without
/// headers unless in text mode.
fn smime_signed(data: &[u8], signature: &[u8], micalg: &str, text: bool) -> napi::Result<Vec<u8>> {
    let b = boundary()?;
    let mut out = Vec::with_capacity(data.len() + signature.len() * 2 + 512);
    out.extend_from_slice(
        format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol=\"application/x-pkcs7-signature\"; micalg=\"{micalg}\"; boundary=\"{b}\"\r\n\r\nThis is an S/MIME signed message\r\n\r\n--{b}\r\n"
        )
        .as_bytes(),
    );
    if text {
        out.extend_from_slice(b"Content-Type: text/plain\r\n\r\n");
    }
    out.extend_from_slice(data);
    out.extend_from_slice(
        format!(
            "\r\n--{b}\r\nContent-Type: application/x-pkcs7-signature; name=\"smime.p7s\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\n{}\r\n--{b}--\r\n",
            base64_lines(signature, "\r\n")
        )
        .as_bytes(),
    );
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Envelopes

fn aes_cbc(bits: usize) -> Option<(Cipher, ObjectIdentifier)> {
    match bits {
        128 => Some((Cipher::aes_128_cbc(), AES_128_CBC)),
        256 => Some((Cipher::aes_256_cbc(), AES_256_CBC)),
        _ => None,
    }
}

fn rsa_public_of(cert: &X509) -> napi::Result<PKey<Public>> {
    let key = cert
        .public_key()
        .map_err(|e| openssl_error("reading the recipient's public key", &e))?;
    if key.id() != Id::RSA {
        return Err(value_error("Only RSA keys are supported at this time."));
    }
    Ok(key)
}

fn rsa_pkcs1_encrypt(key: &PKeyRef<Public>, data: &[u8]) -> napi::Result<Vec<u8>> {
    let failed = |e| openssl_error("RSA encryption of the content key", &e);
    let mut ctx = PkeyCtx::new(key).map_err(failed)?;
    ctx.encrypt_init().map_err(failed)?;
    ctx.set_rsa_padding(Padding::PKCS1).map_err(failed)?;
    let mut out = Vec::new();
    ctx.encrypt_to_vec(data, &mut out).map_err(failed)?;
    Ok(out)
}

/// `PKCS7EnvelopeBuilder.encrypt`: AES-CBC content under a random key, the key wrapped with
/// RSA PKCS#1 v1.5 for each recipient (S/MIME 3.2's mandatory choices, as PyCA).
#[napi(
    ts_args_type = "data: Uint8Array, recipients: Array<Uint8Array>, keyBits: number, encoding: string, text: boolean, binary: boolean"
)]
pub fn pkcs7_encrypt(
    data: BufferSlice,
    recipients: Vec<Buffer>,
    key_bits: u32,
    encoding: String,
    text: bool,
    binary: bool,
) -> napi::Result<Buffer> {
    let (cipher, oid) = aes_cbc(key_bits as usize)
        .ok_or_else(|| unsupported("Only AES128 and AES256 are supported"))?;
    let content = if binary {
        data.to_vec()
    } else {
        canonicalize(&data, text).0
    };
    let mut key = zeroize::Zeroizing::new(vec![0u8; cipher.key_len()]);
    let mut iv = [0u8; 16];
    openssl::rand::rand_bytes(&mut key).map_err(|e| openssl_error("RAND_bytes", &e))?;
    openssl::rand::rand_bytes(&mut iv).map_err(|e| openssl_error("RAND_bytes", &e))?;
    let encrypted = openssl::symm::encrypt(cipher, &key, Some(&iv), &content)
        .map_err(|e| openssl_error("AES-CBC encryption", &e))?;
    let mut infos = Vec::with_capacity(recipients.len());
    for der in &recipients {
        let cert = load_cert(der)?;
        let public = rsa_public_of(&cert)?;
        let wrapped = rsa_pkcs1_encrypt(&public, &key)?;
        infos.push(KeyTransRecipientInfo {
            version: 0,
            rid: issuer_and_serial(der)?,
            key_encryption_algorithm: algorithm_with_null(RSA_ENCRYPTION),
            encrypted_key: OctetString::new(wrapped).map_err(encoding_failed)?,
        });
    }
    let iv = OctetStringRef::new(&iv).map_err(encoding_failed)?;
    let enveloped = EnvelopedData {
        version: 0,
        recipient_infos: SetOfVec::try_from(infos).map_err(encoding_failed)?,
        encrypted_content_info: EncryptedContentInfo {
            content_type: ID_DATA,
            content_encryption_algorithm: AlgorithmIdentifierOwned {
                oid,
                parameters: Some(Any::encode_from(&iv).map_err(encoding_failed)?),
            },
            encrypted_content: Some(OctetString::new(encrypted).map_err(encoding_failed)?),
        },
    };
    let ci = content_info(ID_ENVELOPED_DATA, &enveloped)?;
    if encoding != "SMIME" {
        return Ok(encode(ci, &encoding));
    }
    // PyCA's `_smime_enveloped_encode` (LF line ends).
    let mut out = String::from(
        "MIME-Version: 1.0\nContent-Disposition: attachment; filename=\"smime.p7m\"\nContent-Type: application/pkcs7-mime; smime-type=\"enveloped-data\"; name=\"smime.p7m\"\nContent-Transfer-Encoding: base64\n\n",
    );
    out.push_str(&base64_lines(&ci, "\n"));
    Ok(Buffer::from(out.into_bytes()))
}

/// The EnvelopedData of a ContentInfo, read as BER. The content type is checked first, so
/// other PKCS#7 types get PyCA's "not an EnvelopedData" error rather than a parsing error.
fn parse_enveloped(data: &[u8]) -> napi::Result<EnvelopedData<'_>> {
    let parse = || -> der::Result<Option<EnvelopedData<'_>>> {
        let mut reader = SliceReader::new_with_encoding_rules(data, EncodingRules::Ber)?;
        let enveloped = reader.sequence(|content_info| {
            if ObjectIdentifier::decode(content_info)? != ID_ENVELOPED_DATA {
                content_info.drain(content_info.remaining_len())?;
                return Ok(None);
            }
            let explicit =
                ContextSpecific::<EnvelopedData>::decode_explicit(content_info, TagNumber(0))?;
            match explicit {
                Some(explicit) => Ok(Some(explicit.value)),
                None => Err(content_info.error(der::ErrorKind::TagUnexpected {
                    expected: None,
                    actual: der::Tag::peek(content_info)?,
                })),
            }
        })?;
        reader.finish()?;
        Ok(enveloped)
    };
    match parse() {
        Ok(Some(enveloped)) => Ok(enveloped),
        Ok(None) => Err(value_error(
            "The PKCS7 data is not an EnvelopedData structure.",
        )),
        Err(e) => Err(value_error(format!("error parsing asn1 value: {e}"))),
    }
}

/// The content-encryption key for `recipient`, or a random key of `len` bytes if it cannot be
/// unwrapped (see the module comment).
fn unwrap_key(
    key: &PKeyRef<Private>,
    wrapped: &[u8],
    len: usize,
) -> napi::Result<zeroize::Zeroizing<Vec<u8>>> {
    let attempt = || -> Result<Vec<u8>, openssl::error::ErrorStack> {
        let mut ctx = PkeyCtx::new(key)?;
        ctx.decrypt_init()?;
        ctx.set_rsa_padding(Padding::PKCS1)?;
        let mut out = Vec::new();
        ctx.decrypt_to_vec(wrapped, &mut out)?;
        Ok(out)
    };
    let unwrapped = zeroize::Zeroizing::new(attempt().unwrap_or_default());
    let _ = openssl::error::ErrorStack::get();
    if unwrapped.len() == len {
        return Ok(unwrapped);
    }
    let mut random = zeroize::Zeroizing::new(vec![0u8; len]);
    openssl::rand::rand_bytes(&mut random).map_err(|e| openssl_error("RAND_bytes", &e))?;
    Ok(random)
}

fn decrypt_der(
    data: &[u8],
    cert_der: &[u8],
    key: &PrivateKey,
    text: bool,
) -> napi::Result<Vec<u8>> {
    let enveloped = parse_enveloped(data)?;
    let wanted = issuer_and_serial(cert_der)?;
    let info = enveloped
        .recipient_infos
        .iter()
        .find(|r| r.rid == wanted)
        .ok_or_else(|| value_error("No recipient found that matches the given certificate."))?;
    if info.key_encryption_algorithm.oid != RSA_ENCRYPTION {
        return Err(unsupported(
            "Only RSA with PKCS #1 v1.5 padding is currently supported for key decryption.",
        ));
    }
    let content = &enveloped.encrypted_content_info;
    let algorithm = &content.content_encryption_algorithm;
    let iv = algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<&OctetStringRef>().ok())
        .map(OctetStringRef::as_bytes)
        .filter(|iv| iv.len() == 16);
    let cipher = match (algorithm.oid, iv) {
        (AES_128_CBC, Some(_)) => Cipher::aes_128_cbc(),
        (AES_256_CBC, Some(_)) => Cipher::aes_256_cbc(),
        _ => {
            return Err(unsupported(
                "Only AES (with key sizes 128 or 256) with CBC mode is currently supported for content decryption.",
            ));
        }
    };
    let iv = iv.unwrap_or_default();
    let content_key = unwrap_key(key.pkey(), info.encrypted_key.as_bytes(), cipher.key_len())?;
    let encrypted = content.encrypted_content.as_ref().ok_or_else(|| {
        value_error("The EnvelopedData structure does not contain encrypted content.")
    })?;
    let encrypted = encrypted.as_bytes();
    if encrypted.len() % 16 != 0 {
        return Err(value_error(
            "The length of the provided data is not a multiple of the block length.",
        ));
    }
    let plain = aes_cbc_decrypt(cipher, &content_key, iv, encrypted)?;
    if text {
        return remove_text_headers(&plain);
    }
    Ok(plain)
}

/// AES-CBC without OpenSSL's padding check, then PKCS#7 unpadding with one error message for
/// every way it can fail.
fn aes_cbc_decrypt(cipher: Cipher, key: &[u8], iv: &[u8], data: &[u8]) -> napi::Result<Vec<u8>> {
    let failed = |e| openssl_error("AES-CBC decryption", &e);
    let mut crypter = Crypter::new(cipher, Mode::Decrypt, key, Some(iv)).map_err(failed)?;
    crypter.pad(false);
    let mut out = vec![0u8; data.len() + 16];
    let n = crypter.update(data, &mut out).map_err(failed)?;
    let m = crypter.finalize(&mut out[n..]).map_err(failed)?;
    out.truncate(n + m);
    let pad = out.last().copied().unwrap_or(0);
    let valid = (1..=16).contains(&pad)
        && usize::from(pad) <= out.len()
        && out[out.len() - usize::from(pad)..]
            .iter()
            .all(|&b| b == pad);
    if !valid {
        return Err(value_error("Invalid padding bytes."));
    }
    out.truncate(out.len() - usize::from(pad));
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Minimal MIME reading for S/MIME input (PyCA uses Python's email package).

struct MimeEntity<'a> {
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

fn parse_mime(data: &[u8]) -> MimeEntity<'_> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        let end = data[pos..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(data.len(), |i| pos + i);
        let line = &data[pos..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let next = (end + 1).min(data.len());
        if line.is_empty() {
            pos = next;
            break;
        }
        let text = String::from_utf8_lossy(line);
        if line[0] == b' ' || line[0] == b'\t' {
            // A folded continuation of the previous header.
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(text.trim());
            }
        } else if let Some((name, value)) = text.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        } else {
            // Not a header: Python treats the rest as the body.
            break;
        }
        pos = next;
    }
    MimeEntity {
        headers,
        body: &data[pos.min(data.len())..],
    }
}

impl MimeEntity<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn content_type(&self) -> String {
        self.header("content-type")
            .and_then(|v| v.split(';').next())
            .map_or("text/plain".to_owned(), |t| t.trim().to_ascii_lowercase())
    }

    /// The body with its transfer encoding undone (base64 leniently, like Python's decoder).
    fn payload(&self) -> Vec<u8> {
        let base64 = self
            .header("content-transfer-encoding")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("base64"));
        if !base64 {
            return self.body.to_vec();
        }
        let clean: String = self
            .body
            .iter()
            .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
            .map(|&b| b as char)
            .collect();
        let usable = clean.len() - clean.len() % 4;
        let mut padded = clean[..usable].to_owned();
        let rest = &clean[usable..];
        if rest.len() >= 2 {
            padded.push_str(rest);
            padded.push_str(&"=".repeat(4 - rest.len()));
        }
        openssl::base64::decode_block(&padded).unwrap_or_default()
    }
}

/// PyCA's `_smime_remove_text_headers`.
fn remove_text_headers(plain: &[u8]) -> napi::Result<Vec<u8>> {
    let entity = parse_mime(plain);
    let content_type = entity.header("content-type").ok_or_else(|| {
        value_error(
            "Decrypted MIME data has no 'Content-Type' header. Please remove the 'Text' option to parse it manually.",
        )
    })?;
    if !content_type.contains("text/plain") {
        return Err(value_error(format!(
            "Decrypted MIME data content type is '{content_type}', not 'text/plain'. Remove the 'Text' option to parse it manually."
        )));
    }
    Ok(entity.payload())
}

/// `pkcs7_decrypt_der`.
#[napi(ts_args_type = "data: Uint8Array, cert: Uint8Array, key: PrivateKey, text: boolean")]
pub fn pkcs7_decrypt_der(
    data: BufferSlice,
    cert: BufferSlice,
    key: &PrivateKey,
    text: bool,
) -> napi::Result<Buffer> {
    decrypt_der(&data, &cert, key, text).map(Buffer::from)
}

/// `pkcs7_decrypt_pem`.
#[napi(ts_args_type = "data: Uint8Array, cert: Uint8Array, key: PrivateKey, text: boolean")]
pub fn pkcs7_decrypt_pem(
    data: BufferSlice,
    cert: BufferSlice,
    key: &PrivateKey,
    text: bool,
) -> napi::Result<Buffer> {
    let der = pkcs7_pem_contents(&data)?;
    decrypt_der(&der, &cert, key, text).map(Buffer::from)
}

/// `pkcs7_decrypt_smime`.
#[napi(ts_args_type = "data: Uint8Array, cert: Uint8Array, key: PrivateKey, text: boolean")]
pub fn pkcs7_decrypt_smime(
    data: BufferSlice,
    cert: BufferSlice,
    key: &PrivateKey,
    text: bool,
) -> napi::Result<Buffer> {
    let entity = parse_mime(&data);
    let content_type = entity.content_type();
    if content_type != "application/x-pkcs7-mime" && content_type != "application/pkcs7-mime" {
        return Err(value_error("Not an S/MIME enveloped message"));
    }
    decrypt_der(&entity.payload(), &cert, key, text).map(Buffer::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalize_matches_pycas_table() {
        for (input, text, with, without) in [
            (&b""[..], false, &b""[..], &b""[..]),
            (b"\n", false, b"\r\n", b"\r\n"),
            (b"abc\r\ndef\n", false, b"abc\r\ndef\r\n", b"abc\r\ndef\r\n"),
            (b"", true, b"Content-Type: text/plain\r\n\r\n", b""),
            (
                b"abc\n",
                true,
                b"Content-Type: text/plain\r\n\r\nabc\r\n",
                b"abc\r\n",
            ),
        ] {
            let (w, wo) = canonicalize(input, text);
            assert_eq!(w, with);
            assert_eq!(wo, without);
        }
    }

    #[test]
    fn sets_sort_as_der_encodings() {
        // X.690 11.6 orders SET OF elements by their encodings; `SetOfVec` must agree with a
        // plain byte sort even when the lengths take different numbers of octets.
        let values: Vec<Vec<u8>> = [300usize, 2, 127, 128, 0, 255, 256]
            .iter()
            .map(|&n| OctetString::new(vec![7u8; n]).unwrap().to_der().unwrap())
            .collect();
        let set = SetOfVec::try_from(
            values
                .iter()
                .map(|v| AnyRef::from_der(v).unwrap())
                .collect::<Vec<_>>(),
        )
        .unwrap();
        let mut sorted = values.clone();
        sorted.sort();
        let ours: Vec<Vec<u8>> = set.iter().map(|a| a.to_der().unwrap()).collect();
        assert_eq!(ours, sorted);
    }

    #[test]
    fn signing_time_is_utc_time_now() {
        let time = signing_time_now().unwrap();
        assert_eq!(time.tag(), der::Tag::UtcTime);
        assert_eq!(time.value().len(), 13);
    }

    #[test]
    fn certificates_are_named_by_their_own_bytes() {
        let key = PKey::from_rsa(openssl::rsa::Rsa::generate(2048).unwrap()).unwrap();
        let mut name = openssl::x509::X509Name::builder().unwrap();
        name.append_entry_by_text("CN", "issuer").unwrap();
        let name = name.build();
        let mut builder = X509::builder().unwrap();
        builder.set_version(2).unwrap();
        // A negative serial: x509-cert's RFC 5280 profile would refuse it, we must not.
        let serial = openssl::bn::BigNum::from_dec_str("-12345").unwrap();
        builder
            .set_serial_number(&serial.to_asn1_integer().unwrap())
            .unwrap();
        builder.set_issuer_name(&name).unwrap();
        builder.set_subject_name(&name).unwrap();
        builder.set_pubkey(&key).unwrap();
        let now = openssl::asn1::Asn1Time::days_from_now(0).unwrap();
        builder.set_not_before(&now).unwrap();
        builder.set_not_after(&now).unwrap();
        builder.sign(&key, MessageDigest::sha256()).unwrap();
        let der = builder.build().to_der().unwrap();
        let ids = issuer_and_serial(&der).unwrap();
        assert_eq!(ids.issuer.to_der().unwrap(), name.to_der().unwrap());
        let serial_der = ids.serial_number.to_der().unwrap();
        assert_eq!(serial_der[0], 0x02);
        assert!(serial_der[2] & 0x80 != 0, "the serial stays negative");
        assert!(issuer_and_serial(&der[..der.len() - 1]).is_err());
    }

    #[test]
    fn bad_padding_is_one_error() {
        let key = [1u8; 16];
        let iv = [2u8; 16];
        let good = openssl::symm::encrypt(Cipher::aes_128_cbc(), &key, Some(&iv), b"hi").unwrap();
        assert_eq!(
            aes_cbc_decrypt(Cipher::aes_128_cbc(), &key, &iv, &good).unwrap(),
            b"hi"
        );
        let wrong = aes_cbc_decrypt(Cipher::aes_128_cbc(), &[3u8; 16], &iv, &good);
        // Fixed inputs: this wrong key decrypts the last block to bytes that are not padding.
        assert!(wrong.is_err_and(|e| e.reason.contains("Invalid padding bytes.")));
    }

    #[test]
    fn mime_payloads_decode() {
        let entity = parse_mime(
            b"Content-Type: application/pkcs7-mime;\r\n name=x\r\nContent-Transfer-Encoding: base64\r\n\r\naGVs\r\nbG8=\r\n",
        );
        assert_eq!(entity.content_type(), "application/pkcs7-mime");
        assert_eq!(entity.payload(), b"hello");
    }
}
