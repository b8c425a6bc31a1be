//! X.509 for JavaScript: `NativeCertificate`, `NativeCsr` and `NativeCrl` over the codec of
//! `hazmat-x509`, the PEM loaders, and the builders' signing (`sign.rs`). Structured values
//! (names, extensions, algorithms, revoked entries) cross as plain JS objects of the shared
//! model (`crates/x509/src/model.rs` ⇄ `src/x509/model.ts`) through napi's serde support, one
//! crossing per call; the façade (`src/x509/*.ts`) turns them into PyCA's classes.

mod sign;

use hazmat_x509::X509Error;
use hazmat_x509::algorithm::{oid_string, parse_signature_algorithm};
use hazmat_x509::certificate::{
    BIT_STRING, Certificate, DerReader, OID, SEQUENCE, assemble_signed, bit_string_bytes,
    encode_tbs_certificate,
};
use hazmat_x509::crl::{Crl, encode_tbs_crl};
use hazmat_x509::csr::{Csr, encode_csr_info};
use hazmat_x509::model::{
    CertificateTemplateModel, CrlTemplateModel, CsrTemplateModel, ExtensionModel, NameModel,
    RevokedCertificateModel, SignOptionsModel,
};
use hazmat_x509::pem;
use napi::Env;
use napi::bindgen_prelude::{Buffer, BufferSlice, Unknown};
use napi_derive::napi;
use openssl::pkey::{HasPublic, PKey, PKeyRef};

use crate::errors::{ErrorCode, error, openssl_error};
use crate::keys::{PrivateKey, PublicKey};
use sign::{VerifyError, plan, verify};

/// A codec error as the JS error class PyCA would raise.
pub(crate) fn codec_error(e: X509Error) -> napi::Error {
    match e {
        X509Error::Value(m) => error(ErrorCode::Value, m),
        X509Error::Unsupported(m) => error(ErrorCode::UnsupportedAlgorithm, m),
    }
}

/// A model value as a plain JS object (napi's serde support). A macro rather than a generic
/// function so this crate need not depend on `serde` for the trait bound.
macro_rules! to_js {
    ($env:expr, $value:expr) => {
        $env.to_js_value(&$value)
    };
}

/// A model argument from JS; a wrong shape is a ValueError naming what was expected.
macro_rules! from_js {
    ($env:expr, $value:expr, $what:expr) => {
        $env.from_js_value($value)
            .map_err(|e| error(ErrorCode::Value, format!("invalid {}: {}", $what, e.reason)))
    };
}

/// Public key algorithms hazmat loads: RSA, RSASSA-PSS, EC, DSA, X9.42 DH, Ed25519, Ed448,
/// X25519, X448, ML-KEM and ML-DSA.
const KNOWN_KEY_OIDS: [&str; 16] = [
    "1.2.840.113549.1.1.1",
    "1.2.840.113549.1.1.10",
    "1.2.840.10045.2.1",
    "1.2.840.10040.4.1",
    "1.2.840.10046.2.1",
    "1.3.101.110",
    "1.3.101.111",
    "1.3.101.112",
    "1.3.101.113",
    "2.16.840.1.101.3.4.4.1",
    "2.16.840.1.101.3.4.4.2",
    "2.16.840.1.101.3.4.4.3",
    "2.16.840.1.101.3.4.3.17",
    "2.16.840.1.101.3.4.3.18",
    "2.16.840.1.101.3.4.3.19",
    "1.2.840.113549.1.3.1",
];

/// The key of a SubjectPublicKeyInfo, normalized as PyCA loads it: an RSASSA-PSS key loses
/// its PSS restrictions and becomes a plain RSA key, and an EC key with explicit domain
/// parameters that match a named curve becomes a key on that curve.
fn public_key_of(spki: &[u8]) -> napi::Result<PublicKey> {
    let unsupported = |_| {
        let _ = openssl::error::ErrorStack::get();
        error(
            ErrorCode::UnsupportedAlgorithm,
            "Unable to load the public key: its algorithm is not supported or its encoding is invalid",
        )
    };
    let pkey = match PKey::public_key_from_der(spki) {
        Ok(pkey) => pkey,
        Err(_) => {
            let _ = openssl::error::ErrorStack::get();
            // PyCA's two answers: an unknown algorithm is UnsupportedAlgorithm naming its OID;
            // a known one that does not decode is a ValueError.
            let oid = spki_algorithm_oid(spki)?;
            return Err(if KNOWN_KEY_OIDS.contains(&oid.as_str()) {
                error(
                    ErrorCode::Value,
                    format!(
                        "Could not deserialize the public key of algorithm {oid}: invalid encoding"
                    ),
                )
            } else {
                error(
                    ErrorCode::UnsupportedAlgorithm,
                    format!("Unknown key type: {oid}"),
                )
            });
        }
    };
    if pkey.id() == openssl::pkey::Id::RSA_PSS {
        let rsa = pkey.rsa().map_err(unsupported)?;
        // Rebuilt from the numbers: the RSA object itself still carries the PSS parameters.
        let (n, e) = (rsa.n().to_owned(), rsa.e().to_owned());
        let plain = openssl::rsa::Rsa::from_public_components(
            n.map_err(unsupported)?,
            e.map_err(unsupported)?,
        )
        .and_then(PKey::from_rsa)
        .map_err(unsupported)?;
        return Ok(PublicKey::from_pkey(plain));
    }
    if pkey.id() == openssl::pkey::Id::EC {
        let ec = pkey.ec_key().map_err(unsupported)?;
        let group = ec.group();
        // OpenSSL recognises explicit parameters of a named curve but keeps writing them out
        // explicitly; PyCA's key is on the named curve.
        if group.asn1_flag() != openssl::ec::Asn1Flag::NAMED_CURVE {
            // OpenSSL names the curve when the explicit parameters match one it knows.
            let nid = group.curve_name().ok_or_else(|| {
                error(
                    ErrorCode::UnsupportedAlgorithm,
                    "ECDSA keys with explicit parameters are supported only for named curves",
                )
            })?;
            let named = openssl::ec::EcGroup::from_curve_name(nid).map_err(unsupported)?;
            let key = openssl::ec::EcKey::from_public_key(&named, ec.public_key())
                .and_then(PKey::from_ec_key)
                .map_err(unsupported)?;
            return Ok(PublicKey::from_pkey(key));
        }
    }
    Ok(PublicKey::from_pkey(pkey))
}

fn spki_algorithm_oid(spki: &[u8]) -> napi::Result<String> {
    let mut outer = DerReader::new(spki, "the SubjectPublicKeyInfo");
    let seq = outer
        .expect(SEQUENCE, "SubjectPublicKeyInfo")
        .map_err(codec_error)?;
    let mut r = DerReader::new(seq.content, "the SubjectPublicKeyInfo");
    let alg = r.expect(SEQUENCE, "algorithm").map_err(codec_error)?;
    let mut a = DerReader::new(alg.content, "the SubjectPublicKeyInfo");
    let oid = a.expect(OID, "algorithm").map_err(codec_error)?;
    oid_string(oid.content).map_err(codec_error)
}

/// Names and extensions stay as x509-cert decoded them until asked for (PyCA decodes lazily
/// too, so a bad extension fails `extensions()`, not loading).
macro_rules! name_model {
    ($name:expr) => {
        hazmat_x509::name::name_to_model($name).map_err(codec_error)
    };
}

macro_rules! extension_models {
    ($extensions:expr) => {
        hazmat_x509::extensions::extensions_to_model($extensions).map_err(codec_error)
    };
}

/// The methods every signed object shares: loading from DER and from the first PEM block with
/// one of `$labels`, its encodings, its signature algorithm and DER equality. One `#[napi]`
/// impl block per class; the class-specific getters are in a second block.
macro_rules! signed_object {
    ($class:ident, $inner:ty, $labels:expr, $pem_doc:literal) => {
        #[napi]
        pub struct $class {
            inner: $inner,
        }

        impl $class {
            fn parse(der: &[u8]) -> napi::Result<$class> {
                <$inner>::from_der(der)
                    .map(|inner| $class { inner })
                    .map_err(codec_error)
            }
        }

        #[napi]
        impl $class {
            #[napi(factory, ts_args_type = "der: Uint8Array")]
            pub fn from_der(der: BufferSlice) -> napi::Result<$class> {
                $class::parse(&der)
            }

            #[doc = $pem_doc]
            #[napi(factory, ts_args_type = "data: Uint8Array")]
            pub fn from_pem(data: BufferSlice) -> napi::Result<$class> {
                $class::parse(&pem::find_first(&data, &$labels).map_err(codec_error)?)
            }

            #[napi]
            pub fn der(&self) -> Buffer {
                self.inner.der.as_slice().into()
            }

            /// The signed part (TBSCertificate, CertificationRequestInfo or TBSCertList).
            #[napi]
            pub fn tbs_bytes(&self) -> Buffer {
                self.inner.tbs.as_slice().into()
            }

            #[napi]
            pub fn signature(&self) -> Buffer {
                self.inner.signature.as_slice().into()
            }

            #[napi(ts_return_type = "unknown")]
            pub fn signature_algorithm<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
                to_js!(env, signature_algorithm(&self.inner.signature_algorithm)?)
            }

            /// Same DER encoding.
            #[napi]
            pub fn equals(&self, other: &$class) -> bool {
                self.inner.der == other.inner.der
            }
        }
    };
}

/// The subject and key getters of certificates and CSRs (both carry a subject and an SPKI).
macro_rules! subject_and_key {
    ($class:ident) => {
        #[napi]
        impl $class {
            #[napi(ts_return_type = "unknown")]
            pub fn subject<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
                to_js!(env, name_model!(&self.inner.subject)?)
            }

            #[napi]
            pub fn spki(&self) -> Buffer {
                self.inner.spki.as_slice().into()
            }

            #[napi]
            pub fn public_key_algorithm_oid(&self) -> napi::Result<String> {
                spki_algorithm_oid(&self.inner.spki)
            }

            #[napi]
            pub fn public_key(&self) -> napi::Result<PublicKey> {
                public_key_of(&self.inner.spki)
            }
        }
    };
}

/// The issuer and extension getters of certificates and CRLs.
macro_rules! issuer_and_extensions {
    ($class:ident) => {
        #[napi]
        impl $class {
            #[napi(ts_return_type = "unknown")]
            pub fn issuer<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
                to_js!(env, name_model!(&self.inner.issuer)?)
            }

            /// Every extension, duplicates included (the façade applies PyCA's duplicate rule).
            #[napi(ts_return_type = "unknown")]
            pub fn extensions<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
                to_js!(env, extension_models!(&self.inner.extensions)?)
            }
        }
    };
}

fn signature_algorithm(der: &[u8]) -> napi::Result<hazmat_x509::model::SignatureAlgorithmModel> {
    parse_signature_algorithm(der).map_err(codec_error)
}

/// Whether `key` verifies `tbs` under the object's signature algorithm (false for unknown
/// algorithms and for a key of another type).
fn signature_valid(key: &PublicKey, algorithm: &[u8], tbs: &[u8], signature: &[u8]) -> bool {
    parse_signature_algorithm(algorithm)
        .is_ok_and(|model| verify(key.pkey(), &model, tbs, signature).is_ok())
}

// ---------------------------------------------------------------------------------------------
// Certificates

signed_object!(
    NativeCertificate,
    Certificate,
    pem::CERTIFICATE,
    "The first \"CERTIFICATE\" or \"X509 CERTIFICATE\" block."
);
subject_and_key!(NativeCertificate);
issuer_and_extensions!(NativeCertificate);

#[napi]
impl NativeCertificate {
    /// The raw field: 0 = v1, 2 = v3.
    #[napi]
    pub fn version(&self) -> u32 {
        u32::from(self.inner.version)
    }

    #[napi]
    pub fn serial_number(&self) -> String {
        self.inner.serial.clone()
    }

    #[napi]
    pub fn not_before(&self) -> i64 {
        self.inner.not_before
    }

    #[napi]
    pub fn not_after(&self) -> i64 {
        self.inner.not_after
    }

    /// PyCA's `tbs_precertificate_bytes`: the TBS without its SCT list extension.
    #[napi]
    pub fn tbs_precertificate_bytes(&self) -> napi::Result<Buffer> {
        hazmat_x509::certificate::precertificate_tbs(&self.inner.tbs)
            .map(Buffer::from)
            .map_err(codec_error)
    }

    /// PyCA's `verify_directly_issued_by`: names must chain, then the issuer's key must verify
    /// this certificate's signature.
    #[napi]
    pub fn verify_directly_issued_by(&self, issuer: &NativeCertificate) -> napi::Result<()> {
        if self.inner.tbs_signature_algorithm != self.inner.signature_algorithm {
            return Err(error(
                ErrorCode::Value,
                "Inner and outer signature algorithms do not match. This is an invalid certificate.",
            ));
        }
        if self.inner.issuer_der != issuer.inner.subject_der {
            return Err(error(
                ErrorCode::Value,
                "Issuer certificate subject does not match certificate issuer.",
            ));
        }
        let algorithm = signature_algorithm(&self.inner.signature_algorithm)?;
        let key = public_key_of(&issuer.inner.spki)?;
        match verify(
            key.pkey(),
            &algorithm,
            &self.inner.tbs,
            &self.inner.signature,
        ) {
            Ok(()) => Ok(()),
            // PyCA's words and class: a ValueError, for unknown algorithms and SHA-1 alike.
            Err(VerifyError::Unsupported) => {
                Err(error(ErrorCode::Value, "Unsupported signature algorithm"))
            }
            Err(VerifyError::KeyMismatch) => Err(error(
                ErrorCode::Value,
                "Signature algorithm does not match issuer key type",
            )),
            Err(VerifyError::Invalid) => {
                Err(error(ErrorCode::InvalidSignature, "Signature is invalid"))
            }
        }
    }
}

/// Every certificate block of a PEM bundle, in order.
#[napi(ts_args_type = "data: Uint8Array")]
pub fn load_pem_certificates(data: BufferSlice) -> napi::Result<Vec<NativeCertificate>> {
    pem::find_all(&data, &pem::CERTIFICATE)
        .map_err(codec_error)?
        .iter()
        .map(|der| NativeCertificate::parse(der))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// CSRs

signed_object!(
    NativeCsr,
    Csr,
    pem::CSR,
    "The first \"CERTIFICATE REQUEST\" or \"NEW CERTIFICATE REQUEST\" block."
);
subject_and_key!(NativeCsr);

#[napi]
impl NativeCsr {
    /// The extensions of the extensionRequest attribute.
    #[napi(ts_return_type = "unknown")]
    pub fn extensions<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let raw = self.inner.extensions().map_err(codec_error)?;
        to_js!(env, extension_models!(&raw)?)
    }

    /// The attributes as the codec lists them (string values as their contents, others as
    /// their whole DER: the model's convention).
    #[napi(ts_return_type = "unknown")]
    pub fn attributes<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js!(env, self.inner.attributes().map_err(codec_error)?)
    }

    /// Whether the CSR is signed by the key it carries (false also for unknown algorithms).
    #[napi]
    pub fn is_signature_valid(&self) -> napi::Result<bool> {
        let key = public_key_of(&self.inner.spki)?;
        Ok(signature_valid(
            &key,
            &self.inner.signature_algorithm,
            &self.inner.tbs,
            &self.inner.signature,
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// CRLs

signed_object!(NativeCrl, Crl, pem::CRL, "The first \"X509 CRL\" block.");
issuer_and_extensions!(NativeCrl);

#[napi]
impl NativeCrl {
    #[napi]
    pub fn last_update(&self) -> i64 {
        self.inner.last_update
    }

    #[napi]
    pub fn next_update(&self) -> Option<i64> {
        self.inner.next_update
    }

    /// The revoked entries with their extensions decoded.
    #[napi(ts_return_type = "unknown")]
    pub fn revoked<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let out = self
            .inner
            .revoked
            .iter()
            .map(|entry| {
                Ok(RevokedCertificateModel {
                    serial_number: entry.serial.clone(),
                    revocation_date: entry.revocation_date,
                    extensions: extension_models!(&entry.extensions)?,
                })
            })
            .collect::<napi::Result<Vec<_>>>()?;
        to_js!(env, out)
    }

    /// The revoked entries without their extensions (serial and date only). PyCA decodes an
    /// entry's extensions only when they are read, so a CRL with one malformed entry
    /// extension still iterates; this and [`NativeCrl::revoked_extensions`] let the façade do
    /// the same.
    #[napi(ts_return_type = "unknown")]
    pub fn revoked_summary<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        let out: Vec<RevokedCertificateModel> = self
            .inner
            .revoked
            .iter()
            .map(|entry| RevokedCertificateModel {
                serial_number: entry.serial.clone(),
                revocation_date: entry.revocation_date,
                extensions: Vec::new(),
            })
            .collect();
        to_js!(env, out)
    }

    /// The extensions of revoked entry `index` (as listed by `revokedSummary`).
    #[napi(ts_return_type = "unknown")]
    pub fn revoked_extensions<'env>(
        &self,
        env: &'env Env,
        index: u32,
    ) -> napi::Result<Unknown<'env>> {
        let entry = self.inner.revoked.get(index as usize).ok_or_else(|| {
            error(
                ErrorCode::Value,
                format!("revoked entry {index} does not exist"),
            )
        })?;
        to_js!(env, extension_models!(&entry.extensions)?)
    }

    /// Whether `public_key` verifies the CRL's signature (false for unknown algorithms or a key
    /// of another type).
    #[napi]
    pub fn is_signature_valid(&self, public_key: &PublicKey) -> bool {
        signature_valid(
            public_key,
            &self.inner.signature_algorithm,
            &self.inner.tbs,
            &self.inner.signature,
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Free functions

/// The DER of a Name (PyCA's `Name.public_bytes`).
#[napi(ts_args_type = "name: unknown")]
pub fn encode_name(env: &Env, name: Unknown<'_>) -> napi::Result<Buffer> {
    let model: NameModel = from_js!(env, name, "name")?;
    hazmat_x509::name::encode_name(&model)
        .map(Buffer::from)
        .map_err(codec_error)
}

/// The extnValue contents of one extension (PyCA's `ExtensionType.public_bytes`).
#[napi(ts_args_type = "extension: unknown")]
pub fn encode_extension_value(env: &Env, extension: Unknown<'_>) -> napi::Result<Buffer> {
    let model: ExtensionModel = from_js!(env, extension, "extension")?;
    let extension = hazmat_x509::extensions::extension_from_model(&model).map_err(codec_error)?;
    Ok(Buffer::from(extension.extn_value.as_bytes()))
}

fn spki_der<T: HasPublic>(key: &PKeyRef<T>) -> napi::Result<Vec<u8>> {
    // Direct encoding for the common key types (OpenSSL's encoder framework is slow).
    crate::spki::spki_der(key).map_err(|e| openssl_error("encoding the SubjectPublicKeyInfo", &e))
}

/// A signed object: plans the signature from `key` and `options`, encodes the to-be-signed
/// part with `encode` (given the AlgorithmIdentifier it must carry), signs it and frames the
/// result (to-be-signed part, AlgorithmIdentifier, signature BIT STRING).
fn sign_object(
    key: &PrivateKey,
    options: &SignOptionsModel,
    encode: impl FnOnce(&[u8]) -> Result<Vec<u8>, X509Error>,
) -> napi::Result<Vec<u8>> {
    let plan = plan(key.pkey(), options)?;
    let tbs = encode(&plan.algorithm).map_err(codec_error)?;
    let signature = sign::sign(key.pkey(), &plan, &tbs)?;
    Ok(assemble_signed(&tbs, &plan.algorithm, &signature))
}

/// RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's bytes (PyCA's
/// `SubjectKeyIdentifier.from_public_key`).
#[napi]
pub fn key_identifier(public_key: &PublicKey) -> napi::Result<Buffer> {
    let spki = spki_der(public_key.pkey())?;
    let key_bits = (|| {
        let mut outer = DerReader::new(&spki, "the SubjectPublicKeyInfo");
        let seq = outer.expect(SEQUENCE, "SubjectPublicKeyInfo")?;
        let mut r = DerReader::new(seq.content, "the SubjectPublicKeyInfo");
        r.expect(SEQUENCE, "algorithm")?;
        let bits = r.expect(BIT_STRING, "subjectPublicKey")?;
        bit_string_bytes(&r, bits.content).map(<[u8]>::to_vec)
    })()
    .map_err(codec_error)?;
    let digest = openssl::hash::hash(openssl::hash::MessageDigest::sha1(), &key_bits)
        .map_err(|e| openssl_error("SHA-1", &e))?;
    Ok(Buffer::from(&digest[..]))
}

/// Signs a certificate template for `subject_key` with `issuer_key`.
#[napi(
    ts_args_type = "template: unknown, subjectKey: PublicKey, issuerKey: PrivateKey, options: unknown"
)]
pub fn sign_certificate(
    env: &Env,
    template: Unknown<'_>,
    subject_key: &PublicKey,
    issuer_key: &PrivateKey,
    options: Unknown<'_>,
) -> napi::Result<NativeCertificate> {
    let template: CertificateTemplateModel = from_js!(env, template, "certificate template")?;
    let options: SignOptionsModel = from_js!(env, options, "signing options")?;
    let spki = spki_der(subject_key.pkey())?;
    NativeCertificate::parse(&sign_object(issuer_key, &options, |algorithm| {
        encode_tbs_certificate(&template, &spki, algorithm)
    })?)
}

/// Signs a CSR template with `key` (whose public half goes into the request).
#[napi(ts_args_type = "template: unknown, key: PrivateKey, options: unknown")]
pub fn sign_csr(
    env: &Env,
    template: Unknown<'_>,
    key: &PrivateKey,
    options: Unknown<'_>,
) -> napi::Result<NativeCsr> {
    let template: CsrTemplateModel = from_js!(env, template, "CSR template")?;
    let options: SignOptionsModel = from_js!(env, options, "signing options")?;
    let spki = spki_der(key.pkey())?;
    // The request's AlgorithmIdentifier is only in the outer frame.
    NativeCsr::parse(&sign_object(key, &options, |_| {
        encode_csr_info(&template, &spki)
    })?)
}

/// Signs a CRL template with `key`.
#[napi(ts_args_type = "template: unknown, key: PrivateKey, options: unknown")]
pub fn sign_crl(
    env: &Env,
    template: Unknown<'_>,
    key: &PrivateKey,
    options: Unknown<'_>,
) -> napi::Result<NativeCrl> {
    let template: CrlTemplateModel = from_js!(env, template, "CRL template")?;
    let options: SignOptionsModel = from_js!(env, options, "signing options")?;
    NativeCrl::parse(&sign_object(key, &options, |algorithm| {
        encode_tbs_crl(&template, algorithm)
    })?)
}
