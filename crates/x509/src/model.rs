//! The plain-data model of X.509 objects that crosses the napi boundary as JS objects (napi's
//! serde support). It is the contract between this crate and the TypeScript façade; its twin is
//! `src/x509/model.ts`, and the two must change together.
//!
//! Conventions (why): byte strings are lowercase hex so they survive JSON-like conversion
//! without a Buffer round trip per field; big integers (serials, CRL numbers) are hex of the
//! magnitude with a leading "-" when negative, which JS turns into `bigint` with no precision
//! loss; times are whole milliseconds since the Unix epoch (X.509 times have second precision);
//! OIDs are dotted strings. Field names are camelCase as the TS side sees them.

use serde::{Deserialize, Serialize};

/// Lowercase hex of a byte string.
pub type Hex = String;
/// Hex of an integer's magnitude, "-" prefixed when negative ("01", "-7f", "0").
pub type HexInteger = String;
/// Milliseconds since 1970-01-01T00:00:00Z, a whole number of seconds.
pub type Millis = i64;

/// One AttributeTypeAndValue. `tag` is the ASN.1 universal tag of the value's string type
/// (12 UTF8String, 18 NumericString, 19 PrintableString, 20 T61String, 22 IA5String,
/// 26 VisibleString, 28 UniversalString, 30 BMPString, 3 BIT STRING); `value` is the decoded
/// text, or hex of the bits for a BIT STRING (x500UniqueIdentifier), as PyCA keeps bytes there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NameAttributeModel {
    pub oid: String,
    pub tag: u8,
    pub value: String,
}

/// A RelativeDistinguishedName: a non-empty SET of attributes (DER order when encoded).
pub type RdnModel = Vec<NameAttributeModel>;
/// A Name: the RDN sequence in encoding order (PyCA's iteration order).
pub type NameModel = Vec<RdnModel>;

/// A GeneralName. `ip` holds 4 or 16 address bytes, or 8 or 32 bytes (address then mask) for
/// the networks of NameConstraints. `other.value` is the DER (full TLV) of the value inside
/// the [0] EXPLICIT wrapper, as PyCA's `OtherName.value`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum GeneralNameModel {
    Dns {
        value: String,
    },
    Email {
        value: String,
    },
    Uri {
        value: String,
    },
    Ip {
        value: Hex,
    },
    DirName {
        value: NameModel,
    },
    Rid {
        value: String,
    },
    Other {
        #[serde(rename = "typeId")]
        type_id: String,
        value: Hex,
    },
}

/// PyCA's `ReasonFlags` values: "unspecified", "keyCompromise", "cACompromise",
/// "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold",
/// "privilegeWithdrawn", "aACompromise", "removeFromCRL".
pub type ReasonModel = String;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DistributionPointModel {
    pub full_name: Option<Vec<GeneralNameModel>>,
    pub relative_name: Option<RdnModel>,
    /// Bits 1–8 of ReasonFlags, by name (never "unspecified" or "removeFromCRL").
    pub reasons: Option<Vec<ReasonModel>>,
    pub crl_issuer: Option<Vec<GeneralNameModel>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessDescriptionModel {
    pub method: String,
    pub location: GeneralNameModel,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NoticeReferenceModel {
    pub organization: String,
    pub notice_numbers: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum PolicyQualifierModel {
    /// id-qt-cps: PyCA represents it as a plain string.
    Cps { uri: String },
    /// id-qt-unotice.
    UserNotice {
        #[serde(rename = "noticeReference")]
        notice_reference: Option<NoticeReferenceModel>,
        #[serde(rename = "explicitText")]
        explicit_text: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyInformationModel {
    pub oid: String,
    pub qualifiers: Option<Vec<PolicyQualifierModel>>,
}

/// One SignedCertificateTimestamp of RFC 6962 (parse only). `hashAlgorithm` and
/// `signatureAlgorithm` are the TLS registry codes (4 = sha256; 1 = rsa, 3 = ecdsa).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SctModel {
    pub version: u8,
    pub log_id: Hex,
    pub timestamp: Millis,
    pub hash_algorithm: u8,
    pub signature_algorithm: u8,
    pub signature: Hex,
    pub extension_bytes: Hex,
}

/// The value of one extension, tagged with PyCA's class name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all_fields = "camelCase")]
pub enum ExtensionValueModel {
    BasicConstraints {
        ca: bool,
        path_length: Option<u32>,
    },
    KeyUsage {
        digital_signature: bool,
        content_commitment: bool,
        key_encipherment: bool,
        data_encipherment: bool,
        key_agreement: bool,
        key_cert_sign: bool,
        crl_sign: bool,
        encipher_only: bool,
        decipher_only: bool,
    },
    ExtendedKeyUsage {
        usages: Vec<String>,
    },
    SubjectAlternativeName {
        names: Vec<GeneralNameModel>,
    },
    IssuerAlternativeName {
        names: Vec<GeneralNameModel>,
    },
    /// CRL entry extension.
    CertificateIssuer {
        names: Vec<GeneralNameModel>,
    },
    SubjectKeyIdentifier {
        digest: Hex,
    },
    AuthorityKeyIdentifier {
        key_identifier: Option<Hex>,
        authority_cert_issuer: Option<Vec<GeneralNameModel>>,
        authority_cert_serial_number: Option<HexInteger>,
    },
    #[serde(rename = "CRLDistributionPoints")]
    CrlDistributionPoints {
        points: Vec<DistributionPointModel>,
    },
    #[serde(rename = "FreshestCRL")]
    FreshestCrl {
        points: Vec<DistributionPointModel>,
    },
    AuthorityInformationAccess {
        descriptions: Vec<AccessDescriptionModel>,
    },
    SubjectInformationAccess {
        descriptions: Vec<AccessDescriptionModel>,
    },
    NameConstraints {
        permitted: Option<Vec<GeneralNameModel>>,
        excluded: Option<Vec<GeneralNameModel>>,
    },
    PolicyConstraints {
        require_explicit_policy: Option<u32>,
        inhibit_policy_mapping: Option<u32>,
    },
    InhibitAnyPolicy {
        skip_certs: u32,
    },
    CertificatePolicies {
        policies: Vec<PolicyInformationModel>,
    },
    #[serde(rename = "OCSPNoCheck")]
    OcspNoCheck {},
    PrecertPoison {},
    #[serde(rename = "TLSFeature")]
    TlsFeature {
        features: Vec<u16>,
    },
    PrecertificateSignedCertificateTimestamps {
        scts: Vec<SctModel>,
    },
    #[serde(rename = "CRLNumber")]
    CrlNumber {
        crl_number: HexInteger,
    },
    #[serde(rename = "DeltaCRLIndex")]
    DeltaCrlIndex {
        crl_number: HexInteger,
    },
    IssuingDistributionPoint {
        full_name: Option<Vec<GeneralNameModel>>,
        relative_name: Option<RdnModel>,
        only_contains_user_certs: bool,
        #[serde(rename = "onlyContainsCACerts")]
        only_contains_ca_certs: bool,
        only_some_reasons: Option<Vec<ReasonModel>>,
        #[serde(rename = "indirectCRL")]
        indirect_crl: bool,
        only_contains_attribute_certs: bool,
    },
    /// CRL entry extension.
    #[serde(rename = "CRLReason")]
    CrlReason {
        reason: ReasonModel,
    },
    /// CRL entry extension.
    InvalidityDate {
        date: Millis,
    },
    /// Any extension this crate does not decode: the extnValue contents, as PyCA keeps them.
    UnrecognizedExtension {
        value: Hex,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionModel {
    pub oid: String,
    pub critical: bool,
    pub value: ExtensionValueModel,
}

/// The signature algorithm of a parsed object, as PyCA reports it. `hash` is the name of the
/// hash class (`"sha256"`, `"sha3-256"`, … as `HashAlgorithm.name`), null for EdDSA/ML-DSA or
/// when the algorithm is unknown (`known` false: PyCA raises UnsupportedAlgorithm there).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureAlgorithmModel {
    pub oid: String,
    pub known: bool,
    pub hash: Option<String>,
    pub parameters: Option<SignatureParametersModel>,
    /// Set when the identifier parsed but PyCA refuses to report its parameters (and maybe
    /// its hash): RSASSA-PSS without parameters, with a mask function other than MGF1, or
    /// with an MGF1 hash it does not know. The façade raises it from the property concerned.
    #[serde(default)]
    pub problem: Option<AlgorithmProblemModel>,
}

/// What PyCA raises for a signature algorithm whose parameters it cannot use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AlgorithmProblemModel {
    pub message: String,
    /// UnsupportedAlgorithm when true, ValueError otherwise.
    pub unsupported: bool,
    /// Whether `signatureHashAlgorithm` raises too, not only `signatureAlgorithmParameters`.
    pub hash_too: bool,
}

/// PyCA's `signature_algorithm_parameters`: PKCS1v15(), PSS(MGF1(mgfHash), saltLength),
/// ECDSA(hash); absent for EdDSA, DSA and ML-DSA.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum SignatureParametersModel {
    Pkcs1v15 {},
    Pss {
        hash: String,
        #[serde(rename = "mgfHash")]
        mgf_hash: String,
        #[serde(rename = "saltLength")]
        salt_length: u32,
    },
    Ecdsa {
        hash: String,
    },
}

/// How a builder's `sign` should sign: PyCA's `rsa_padding` and `ecdsa_deterministic`.
/// `saltLength` is a byte count, or -1 for PSS.MAX_LENGTH, -2 for PSS.DIGEST_LENGTH.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignOptionsModel {
    pub hash: Option<String>,
    pub rsa_padding: Option<RsaPaddingModel>,
    pub ecdsa_deterministic: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum RsaPaddingModel {
    Pkcs1v15 {},
    Pss {
        #[serde(rename = "mgfHash")]
        mgf_hash: String,
        #[serde(rename = "saltLength")]
        salt_length: i64,
    },
}

/// What `CertificateBuilder.sign` sends down (the subject public key travels as a key handle).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateTemplateModel {
    pub issuer: NameModel,
    pub subject: NameModel,
    /// Positive, below 2^159 (checked by the façade).
    pub serial_number: HexInteger,
    pub not_before: Millis,
    pub not_after: Millis,
    pub extensions: Vec<ExtensionModel>,
}

/// A CSR attribute: `value` is the raw string bytes (hex), `tag` their ASN.1 string type
/// (PyCA's `_tag`, UTF8String by default). On parse, a value that is not a string type has
/// `tag` set to its outer tag and `value` to its full DER.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttributeModel {
    pub oid: String,
    pub tag: u8,
    pub value: Hex,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CsrTemplateModel {
    pub subject: NameModel,
    pub extensions: Vec<ExtensionModel>,
    pub attributes: Vec<AttributeModel>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokedCertificateModel {
    pub serial_number: HexInteger,
    pub revocation_date: Millis,
    pub extensions: Vec<ExtensionModel>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrlTemplateModel {
    pub issuer: NameModel,
    pub last_update: Millis,
    pub next_update: Millis,
    pub extensions: Vec<ExtensionModel>,
    pub revoked: Vec<RevokedCertificateModel>,
}
