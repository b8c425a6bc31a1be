//! Extensions ⇄ [`ExtensionModel`], keyed by OID as PyCA's `x509.Extension.value` classes.
//!
//! The ASN.1 structures are declared here rather than taken from `x509-cert`'s `ext::pkix`
//! because several of those do not accept what PyCA accepts (path lengths above 255, BMP and
//! VisibleString DisplayText, negative-free big integers of any size, x400Address detection),
//! and the encoder has to write exactly what PyCA's encoder writes so that certificates built
//! from the same inputs are byte-identical.
//!
//! Parsing a known OID whose value is malformed gives `X509Error::Value("error parsing the
//! <Class> extension: …")`; any other OID becomes an `UnrecognizedExtension` that re-encodes
//! verbatim.

use der::asn1::{Any, BitString, Null, ObjectIdentifier, OctetString, Uint};
use der::{
    Choice, Decode, DecodeValue, Encode, EncodeValue, FixedTag, Header, Length, Reader, Sequence,
    Tag, Tagged, Writer,
};
use x509_cert::ext::Extension;
use x509_cert::name::RelativeDistinguishedName;

use crate::der_util::{ENUMERATED, GENERALIZED_TIME, oid_from_content, oid_to_content, tlv};
use crate::error::{Result, X509Error};
use crate::general_name::{any_to_model, anys_to_model, model_to_any, models_to_any};
use crate::model::{
    AccessDescriptionModel, DistributionPointModel, ExtensionModel, ExtensionValueModel,
    GeneralNameModel, HexInteger, Millis, NoticeReferenceModel, PolicyInformationModel,
    PolicyQualifierModel, RdnModel, ReasonModel, SctModel,
};
use crate::name::{decode_bmp, parse_oid, rdn_from_model, rdn_to_model};
use crate::time::Civil;
use crate::util::{from_hex, to_hex};

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

pub const BASIC_CONSTRAINTS: ObjectIdentifier = oid("2.5.29.19");
pub const KEY_USAGE: ObjectIdentifier = oid("2.5.29.15");
pub const EXTENDED_KEY_USAGE: ObjectIdentifier = oid("2.5.29.37");
pub const SUBJECT_ALTERNATIVE_NAME: ObjectIdentifier = oid("2.5.29.17");
pub const ISSUER_ALTERNATIVE_NAME: ObjectIdentifier = oid("2.5.29.18");
pub const CERTIFICATE_ISSUER: ObjectIdentifier = oid("2.5.29.29");
pub const SUBJECT_KEY_IDENTIFIER: ObjectIdentifier = oid("2.5.29.14");
pub const AUTHORITY_KEY_IDENTIFIER: ObjectIdentifier = oid("2.5.29.35");
pub const CRL_DISTRIBUTION_POINTS: ObjectIdentifier = oid("2.5.29.31");
pub const FRESHEST_CRL: ObjectIdentifier = oid("2.5.29.46");
pub const AUTHORITY_INFORMATION_ACCESS: ObjectIdentifier = oid("1.3.6.1.5.5.7.1.1");
pub const SUBJECT_INFORMATION_ACCESS: ObjectIdentifier = oid("1.3.6.1.5.5.7.1.11");
pub const NAME_CONSTRAINTS: ObjectIdentifier = oid("2.5.29.30");
pub const POLICY_CONSTRAINTS: ObjectIdentifier = oid("2.5.29.36");
pub const INHIBIT_ANY_POLICY: ObjectIdentifier = oid("2.5.29.54");
pub const CERTIFICATE_POLICIES: ObjectIdentifier = oid("2.5.29.32");
pub const OCSP_NO_CHECK: ObjectIdentifier = oid("1.3.6.1.5.5.7.48.1.5");
pub const PRECERT_POISON: ObjectIdentifier = oid("1.3.6.1.4.1.11129.2.4.3");
pub const TLS_FEATURE: ObjectIdentifier = oid("1.3.6.1.5.5.7.1.24");
pub const PRECERT_SCTS: ObjectIdentifier = oid("1.3.6.1.4.1.11129.2.4.2");
pub const CRL_NUMBER: ObjectIdentifier = oid("2.5.29.20");
pub const DELTA_CRL_INDEX: ObjectIdentifier = oid("2.5.29.27");
pub const ISSUING_DISTRIBUTION_POINT: ObjectIdentifier = oid("2.5.29.28");
pub const CRL_REASON: ObjectIdentifier = oid("2.5.29.21");
pub const INVALIDITY_DATE: ObjectIdentifier = oid("2.5.29.24");

/// Content octets of id-qt-cps (1.3.6.1.5.5.7.2.1) and id-qt-unotice (1.3.6.1.5.5.7.2.2).
const CPS_QUALIFIER: &[u8] = &[0x2b, 6, 1, 5, 5, 7, 2, 1];
const USER_NOTICE_QUALIFIER: &[u8] = &[0x2b, 6, 1, 5, 5, 7, 2, 2];

/// ReasonFlags bit n (1..=8) is `REASON_BITS[n - 1]`, named as PyCA's `ReasonFlags` values.
const REASON_BITS: [&str; 8] = [
    "keyCompromise",
    "cACompromise",
    "affiliationChanged",
    "superseded",
    "cessationOfOperation",
    "certificateHold",
    "privilegeWithdrawn",
    "aACompromise",
];

/// CRLReason codes 0..=10 (7 is not assigned).
const CRL_REASONS: [Option<&str>; 11] = [
    Some("unspecified"),
    Some("keyCompromise"),
    Some("cACompromise"),
    Some("affiliationChanged"),
    Some("superseded"),
    Some("cessationOfOperation"),
    Some("certificateHold"),
    None,
    Some("removeFromCRL"),
    Some("privilegeWithdrawn"),
    Some("aACompromise"),
];

// ---- ASN.1 structures (RFC 5280 4.2 and 5.3, RFC 7633, RFC 6962) ----

#[derive(Sequence)]
struct BasicConstraintsAsn1 {
    #[asn1(optional = "true")]
    ca: Option<bool>,
    path_len: Option<u64>,
}

/// `SEQUENCE OF GeneralName` with each name kept as a raw TLV (see `general_name`).
type RawGeneralNames = Vec<Any>;

/// An OBJECT IDENTIFIER as its content octets: `const-oid` refuses some valid OIDs PyCA reads
/// (such as 2.999.7), so OIDs inside extension values are converted by `der_util`'s.
#[derive(Clone, Debug, PartialEq, Eq)]
struct RawOid(Vec<u8>);

impl RawOid {
    fn from_dotted(dotted: &str) -> Result<RawOid> {
        oid_to_content(dotted).map(RawOid)
    }

    fn dotted(&self) -> Result<String> {
        oid_from_content(&self.0)
    }
}

impl FixedTag for RawOid {
    const TAG: Tag = Tag::ObjectIdentifier;
}

impl<'a> DecodeValue<'a> for RawOid {
    type Error = der::Error;

    fn decode_value<R: Reader<'a>>(reader: &mut R, header: Header) -> der::Result<Self> {
        let content = reader.read_vec(header.length())?;
        // Validate now so that a malformed OID is a DER error like any other.
        match oid_from_content(&content) {
            Ok(_) => Ok(RawOid(content)),
            Err(_) => Err(reader.error(Tag::ObjectIdentifier.value_error())),
        }
    }
}

impl EncodeValue for RawOid {
    fn value_len(&self) -> der::Result<Length> {
        Length::try_from(self.0.len())
    }

    fn encode_value(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&self.0)
    }
}

#[derive(Sequence)]
struct AuthorityKeyIdentifierAsn1 {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    key_identifier: Option<OctetString>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    issuer: Option<RawGeneralNames>,
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT", optional = "true")]
    serial: Option<Uint>,
}

#[derive(Choice)]
enum DistributionPointNameAsn1 {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", constructed = "true")]
    Full(RawGeneralNames),
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Relative(RelativeDistinguishedName),
}

#[derive(Sequence)]
struct DistributionPointAsn1 {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    name: Option<DistributionPointNameAsn1>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    reasons: Option<BitString>,
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT", optional = "true")]
    crl_issuer: Option<RawGeneralNames>,
}

#[derive(Sequence)]
struct AccessDescriptionAsn1 {
    method: RawOid,
    location: Any,
}

#[derive(Sequence)]
struct GeneralSubtreeAsn1 {
    base: Any,
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    minimum: Option<u64>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    maximum: Option<u64>,
}

#[derive(Sequence)]
struct NameConstraintsAsn1 {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    permitted: Option<Vec<GeneralSubtreeAsn1>>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    excluded: Option<Vec<GeneralSubtreeAsn1>>,
}

#[derive(Sequence)]
struct PolicyConstraintsAsn1 {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT", optional = "true")]
    require_explicit_policy: Option<u64>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    inhibit_policy_mapping: Option<u64>,
}

#[derive(Sequence)]
struct PolicyInformationAsn1 {
    policy: RawOid,
    qualifiers: Option<Vec<PolicyQualifierInfoAsn1>>,
}

#[derive(Sequence)]
struct PolicyQualifierInfoAsn1 {
    id: RawOid,
    /// CHOICE { cPSuri IA5String, userNotice UserNotice }, told apart by tag as PyCA does.
    qualifier: Any,
}

#[derive(Sequence)]
struct UserNoticeAsn1 {
    notice_ref: Option<NoticeReferenceAsn1>,
    /// DisplayText: IA5String, VisibleString, BMPString or UTF8String.
    explicit_text: Option<Any>,
}

#[derive(Sequence)]
struct NoticeReferenceAsn1 {
    organization: Any,
    numbers: Vec<Uint>,
}

#[derive(Sequence)]
struct IssuingDistributionPointAsn1 {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    name: Option<DistributionPointNameAsn1>,
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", optional = "true")]
    only_user: Option<bool>,
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT", optional = "true")]
    only_ca: Option<bool>,
    #[asn1(context_specific = "3", tag_mode = "IMPLICIT", optional = "true")]
    only_some_reasons: Option<BitString>,
    #[asn1(context_specific = "4", tag_mode = "IMPLICIT", optional = "true")]
    indirect: Option<bool>,
    #[asn1(context_specific = "5", tag_mode = "IMPLICIT", optional = "true")]
    only_attribute: Option<bool>,
}

// ---- parsing ----

pub fn extensions_to_model(exts: &[Extension]) -> Result<Vec<ExtensionModel>> {
    exts.iter().map(extension_to_model).collect()
}

pub fn extension_to_model(ext: &Extension) -> Result<ExtensionModel> {
    let bytes = ext.extn_value.as_bytes();
    let value = match class_name(&ext.extn_id) {
        Some(class) => parse_value(&ext.extn_id, bytes).map_err(|e| match e {
            // UnsupportedGeneralNameType stays what it is.
            X509Error::Unsupported(m) => X509Error::Unsupported(m),
            X509Error::Value(m) => {
                X509Error::Value(format!("error parsing the {class} extension: {m}"))
            }
        })?,
        None => ExtensionValueModel::UnrecognizedExtension {
            value: to_hex(bytes),
        },
    };
    Ok(ExtensionModel {
        oid: ext.extn_id.to_string(),
        critical: ext.critical,
        value,
    })
}

/// PyCA's class name for a known extension OID.
fn class_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    Some(match *oid {
        BASIC_CONSTRAINTS => "BasicConstraints",
        KEY_USAGE => "KeyUsage",
        EXTENDED_KEY_USAGE => "ExtendedKeyUsage",
        SUBJECT_ALTERNATIVE_NAME => "SubjectAlternativeName",
        ISSUER_ALTERNATIVE_NAME => "IssuerAlternativeName",
        CERTIFICATE_ISSUER => "CertificateIssuer",
        SUBJECT_KEY_IDENTIFIER => "SubjectKeyIdentifier",
        AUTHORITY_KEY_IDENTIFIER => "AuthorityKeyIdentifier",
        CRL_DISTRIBUTION_POINTS => "CRLDistributionPoints",
        FRESHEST_CRL => "FreshestCRL",
        AUTHORITY_INFORMATION_ACCESS => "AuthorityInformationAccess",
        SUBJECT_INFORMATION_ACCESS => "SubjectInformationAccess",
        NAME_CONSTRAINTS => "NameConstraints",
        POLICY_CONSTRAINTS => "PolicyConstraints",
        INHIBIT_ANY_POLICY => "InhibitAnyPolicy",
        CERTIFICATE_POLICIES => "CertificatePolicies",
        OCSP_NO_CHECK => "OCSPNoCheck",
        PRECERT_POISON => "PrecertPoison",
        TLS_FEATURE => "TLSFeature",
        PRECERT_SCTS => "PrecertificateSignedCertificateTimestamps",
        CRL_NUMBER => "CRLNumber",
        DELTA_CRL_INDEX => "DeltaCRLIndicator",
        ISSUING_DISTRIBUTION_POINT => "IssuingDistributionPoint",
        CRL_REASON => "CRLReason",
        INVALIDITY_DATE => "InvalidityDate",
        _ => return None,
    })
}

fn der<'a, T: Decode<'a, Error = der::Error>>(bytes: &'a [u8]) -> Result<T> {
    T::from_der(bytes).map_err(|e| X509Error::value(e.to_string()))
}

/// DER forbids writing a DEFAULT value (X.690 11.5); `der` accepts it, PyCA does not.
const ENCODED_DEFAULT: &str = "a field equal to its DEFAULT value is encoded";

/// A `BOOLEAN DEFAULT FALSE` field read as optional.
fn default_false(value: Option<bool>) -> Result<bool> {
    match value {
        Some(false) => Err(X509Error::value(ENCODED_DEFAULT)),
        v => Ok(v.unwrap_or(false)),
    }
}

fn small<T: TryFrom<u64>>(value: u64, what: &str) -> Result<T> {
    T::try_from(value).map_err(|_| X509Error::value(format!("{what} {value} is too large")))
}

fn parse_value(oid: &ObjectIdentifier, bytes: &[u8]) -> Result<ExtensionValueModel> {
    use ExtensionValueModel as V;
    Ok(match *oid {
        BASIC_CONSTRAINTS => {
            let bc: BasicConstraintsAsn1 = der(bytes)?;
            V::BasicConstraints {
                ca: default_false(bc.ca)?,
                path_length: bc.path_len.map(|n| small(n, "path length")).transpose()?,
            }
        }
        KEY_USAGE => {
            let bits: BitString = der(bytes)?;
            check_padding(&bits)?;
            let bit = |i: usize| bits.get(i).unwrap_or(false);
            V::KeyUsage {
                digital_signature: bit(0),
                content_commitment: bit(1),
                key_encipherment: bit(2),
                data_encipherment: bit(3),
                key_agreement: bit(4),
                key_cert_sign: bit(5),
                crl_sign: bit(6),
                encipher_only: bit(7),
                decipher_only: bit(8),
            }
        }
        EXTENDED_KEY_USAGE => {
            let oids: Vec<RawOid> = der(bytes)?;
            // PyCA 50 declares the SEQUENCE SIZE (1..MAX) here and refuses an empty one.
            if oids.is_empty() {
                return Err(X509Error::value(
                    "ExtendedKeyUsage must contain at least one usage",
                ));
            }
            V::ExtendedKeyUsage {
                usages: oids.iter().map(RawOid::dotted).collect::<Result<_>>()?,
            }
        }
        SUBJECT_ALTERNATIVE_NAME => V::SubjectAlternativeName {
            names: parse_general_names(bytes)?,
        },
        ISSUER_ALTERNATIVE_NAME => V::IssuerAlternativeName {
            names: parse_general_names(bytes)?,
        },
        CERTIFICATE_ISSUER => V::CertificateIssuer {
            names: parse_general_names(bytes)?,
        },
        SUBJECT_KEY_IDENTIFIER => {
            let digest: OctetString = der(bytes)?;
            V::SubjectKeyIdentifier {
                digest: to_hex(digest.as_bytes()),
            }
        }
        AUTHORITY_KEY_IDENTIFIER => {
            let aki: AuthorityKeyIdentifierAsn1 = der(bytes)?;
            V::AuthorityKeyIdentifier {
                key_identifier: aki.key_identifier.map(|k| to_hex(k.as_bytes())),
                authority_cert_issuer: aki.issuer.as_deref().map(anys_to_model).transpose()?,
                authority_cert_serial_number: aki.serial.map(|s| uint_to_hex(&s)),
            }
        }
        CRL_DISTRIBUTION_POINTS => V::CrlDistributionPoints {
            points: parse_distribution_points(bytes)?,
        },
        FRESHEST_CRL => V::FreshestCrl {
            points: parse_distribution_points(bytes)?,
        },
        AUTHORITY_INFORMATION_ACCESS => V::AuthorityInformationAccess {
            descriptions: parse_access(bytes)?,
        },
        SUBJECT_INFORMATION_ACCESS => V::SubjectInformationAccess {
            descriptions: parse_access(bytes)?,
        },
        NAME_CONSTRAINTS => {
            let nc: NameConstraintsAsn1 = der(bytes)?;
            // PyCA keeps only the base names (minimum/maximum are not represented).
            let subtrees = |s: Option<Vec<GeneralSubtreeAsn1>>| {
                s.map(|v| {
                    v.iter()
                        .map(|t| {
                            if t.minimum == Some(0) {
                                return Err(X509Error::value(ENCODED_DEFAULT));
                            }
                            any_to_model(&t.base)
                        })
                        .collect::<Result<Vec<_>>>()
                })
                .transpose()
            };
            V::NameConstraints {
                permitted: subtrees(nc.permitted)?,
                excluded: subtrees(nc.excluded)?,
            }
        }
        POLICY_CONSTRAINTS => {
            let pc: PolicyConstraintsAsn1 = der(bytes)?;
            V::PolicyConstraints {
                require_explicit_policy: pc
                    .require_explicit_policy
                    .map(|n| small(n, "requireExplicitPolicy"))
                    .transpose()?,
                inhibit_policy_mapping: pc
                    .inhibit_policy_mapping
                    .map(|n| small(n, "inhibitPolicyMapping"))
                    .transpose()?,
            }
        }
        INHIBIT_ANY_POLICY => {
            let n: Uint = der(bytes)?;
            V::InhibitAnyPolicy {
                skip_certs: uint_to_u64(&n, "skipCerts").and_then(|n| small(n, "skipCerts"))?,
            }
        }
        CERTIFICATE_POLICIES => V::CertificatePolicies {
            policies: parse_policies(bytes)?,
        },
        OCSP_NO_CHECK => {
            der::<Null>(bytes)?;
            V::OcspNoCheck {}
        }
        PRECERT_POISON => {
            der::<Null>(bytes)?;
            V::PrecertPoison {}
        }
        TLS_FEATURE => {
            let features: Vec<u64> = der(bytes)?;
            V::TlsFeature {
                features: features
                    .into_iter()
                    .map(|f| small(f, "TLS feature"))
                    .collect::<Result<_>>()?,
            }
        }
        PRECERT_SCTS => {
            let data: OctetString = der(bytes)?;
            V::PrecertificateSignedCertificateTimestamps {
                scts: parse_scts(data.as_bytes())?,
            }
        }
        CRL_NUMBER => V::CrlNumber {
            crl_number: uint_to_hex(&der(bytes)?),
        },
        DELTA_CRL_INDEX => V::DeltaCrlIndex {
            crl_number: uint_to_hex(&der(bytes)?),
        },
        ISSUING_DISTRIBUTION_POINT => {
            let idp: IssuingDistributionPointAsn1 = der(bytes)?;
            let (full_name, relative_name) = parse_dp_name(idp.name)?;
            V::IssuingDistributionPoint {
                full_name,
                relative_name,
                only_contains_user_certs: default_false(idp.only_user)?,
                only_contains_ca_certs: default_false(idp.only_ca)?,
                only_some_reasons: idp
                    .only_some_reasons
                    .as_ref()
                    .map(reasons_to_model)
                    .transpose()?,
                indirect_crl: default_false(idp.indirect)?,
                only_contains_attribute_certs: default_false(idp.only_attribute)?,
            }
        }
        CRL_REASON => {
            let any: Any = der(bytes)?;
            if any.tag() != Tag::Enumerated {
                return Err(X509Error::value(format!(
                    "expected ENUMERATED, found {}",
                    any.tag()
                )));
            }
            let code = minimal_unsigned(any.value())
                .ok_or_else(|| X509Error::value("malformed ENUMERATED value"))?;
            let reason = usize::try_from(code)
                .ok()
                .and_then(|c| CRL_REASONS.get(c).copied().flatten())
                .ok_or_else(|| X509Error::value(format!("Unsupported reason code: {code}")))?;
            V::CrlReason {
                reason: reason.to_string(),
            }
        }
        INVALIDITY_DATE => {
            let any: Any = der(bytes)?;
            if any.tag() != Tag::GeneralizedTime {
                return Err(X509Error::value(format!(
                    "expected GeneralizedTime, found {}",
                    any.tag()
                )));
            }
            V::InvalidityDate {
                date: parse_generalized_time(any.value())?,
            }
        }
        _ => return Err(X509Error::value("not a known extension")),
    })
}

fn parse_general_names(bytes: &[u8]) -> Result<Vec<GeneralNameModel>> {
    let raw: RawGeneralNames = der(bytes)?;
    anys_to_model(&raw)
}

fn parse_access(bytes: &[u8]) -> Result<Vec<AccessDescriptionModel>> {
    let descriptions: Vec<AccessDescriptionAsn1> = der(bytes)?;
    descriptions
        .iter()
        .map(|d| {
            Ok(AccessDescriptionModel {
                method: d.method.dotted()?,
                location: any_to_model(&d.location)?,
            })
        })
        .collect()
}

fn parse_dp_name(
    name: Option<DistributionPointNameAsn1>,
) -> Result<(Option<Vec<GeneralNameModel>>, Option<RdnModel>)> {
    Ok(match name {
        None => (None, None),
        Some(DistributionPointNameAsn1::Full(names)) => (Some(anys_to_model(&names)?), None),
        Some(DistributionPointNameAsn1::Relative(rdn)) => (None, Some(rdn_to_model(&rdn)?)),
    })
}

fn parse_distribution_points(bytes: &[u8]) -> Result<Vec<DistributionPointModel>> {
    let points: Vec<DistributionPointAsn1> = der(bytes)?;
    points
        .into_iter()
        .map(|p| {
            let (full_name, relative_name) = parse_dp_name(p.name)?;
            Ok(DistributionPointModel {
                full_name,
                relative_name,
                reasons: p.reasons.as_ref().map(reasons_to_model).transpose()?,
                crl_issuer: p.crl_issuer.as_deref().map(anys_to_model).transpose()?,
            })
        })
        .collect()
}

/// DER requires the unused bits of a BIT STRING to be zero (X.690 11.2.1); `der` does not
/// check it, PyCA does.
fn check_padding(bits: &BitString) -> Result<()> {
    let unused = bits.unused_bits();
    let padding_set = match bits.raw_bytes().last() {
        Some(&last) => u16::from(last) & ((1u16 << unused.min(8)) - 1) != 0,
        None => unused != 0,
    };
    if padding_set {
        return Err(X509Error::value("a BIT STRING has non-zero padding bits"));
    }
    Ok(())
}

fn reasons_to_model(bits: &BitString) -> Result<Vec<ReasonModel>> {
    check_padding(bits)?;
    Ok((1..=8)
        .filter(|&i| bits.get(i).unwrap_or(false))
        .map(|i| REASON_BITS[i - 1].to_string())
        .collect::<Vec<_>>())
}

fn parse_policies(bytes: &[u8]) -> Result<Vec<PolicyInformationModel>> {
    let policies: Vec<PolicyInformationAsn1> = der(bytes)?;
    policies
        .iter()
        .map(|p| {
            Ok(PolicyInformationModel {
                oid: p.policy.dotted()?,
                qualifiers: p
                    .qualifiers
                    .as_ref()
                    .map(|q| q.iter().map(parse_qualifier).collect::<Result<Vec<_>>>())
                    .transpose()?,
            })
        })
        .collect()
}

fn parse_qualifier(info: &PolicyQualifierInfoAsn1) -> Result<PolicyQualifierModel> {
    match info.qualifier.tag() {
        Tag::Ia5String => {
            if info.id.0 != CPS_QUALIFIER {
                return Err(X509Error::value(
                    "CpsUri ASN.1 structure found but OID did not match",
                ));
            }
            let uri = std::str::from_utf8(info.qualifier.value())
                .ok()
                .filter(|s| s.is_ascii())
                .ok_or_else(|| X509Error::value("the CPS URI is not an IA5String"))?;
            Ok(PolicyQualifierModel::Cps {
                uri: uri.to_string(),
            })
        }
        Tag::Sequence => {
            if info.id.0 != USER_NOTICE_QUALIFIER {
                return Err(X509Error::value(
                    "UserNotice ASN.1 structure found but OID did not match",
                ));
            }
            let notice: UserNoticeAsn1 = info
                .qualifier
                .decode_as()
                .map_err(|e: der::Error| X509Error::value(e.to_string()))?;
            let notice_reference = notice
                .notice_ref
                .map(|r| {
                    Ok::<_, X509Error>(NoticeReferenceModel {
                        organization: display_text(&r.organization)?,
                        notice_numbers: r
                            .numbers
                            .iter()
                            .map(|n| uint_to_u64(n, "notice number"))
                            .collect::<Result<_>>()?,
                    })
                })
                .transpose()?;
            let explicit_text = notice
                .explicit_text
                .as_ref()
                .map(display_text)
                .transpose()?;
            Ok(PolicyQualifierModel::UserNotice {
                notice_reference,
                explicit_text,
            })
        }
        other => Err(X509Error::value(format!(
            "unexpected policy qualifier of type {other}"
        ))),
    }
}

fn display_text(any: &Any) -> Result<String> {
    let bytes = any.value();
    match any.tag() {
        Tag::BmpString => decode_bmp(bytes),
        Tag::Ia5String | Tag::Utf8String | Tag::VisibleString => String::from_utf8(bytes.to_vec())
            .map_err(|_| X509Error::value("DisplayText is not valid UTF-8")),
        other => Err(X509Error::value(format!(
            "unexpected DisplayText of type {other}"
        ))),
    }
}

fn parse_scts(data: &[u8]) -> Result<Vec<SctModel>> {
    struct Tls<'a>(&'a [u8]);
    impl<'a> Tls<'a> {
        fn take(&mut self, n: usize) -> Result<&'a [u8]> {
            if n > self.0.len() {
                return Err(X509Error::value("Invalid SCT length"));
            }
            let (head, rest) = self.0.split_at(n);
            self.0 = rest;
            Ok(head)
        }
        fn byte(&mut self) -> Result<u8> {
            Ok(self.take(1)?[0])
        }
        fn prefixed(&mut self) -> Result<Tls<'a>> {
            let len = self.take(2)?;
            let len = u16::from_be_bytes([len[0], len[1]]);
            Ok(Tls(self.take(len.into())?))
        }
    }
    let mut list = Tls(data).prefixed()?;
    let mut scts = Vec::new();
    while !list.0.is_empty() {
        let mut sct = list.prefixed()?;
        let version = sct.byte()?;
        if version != 0 {
            return Err(X509Error::value("Invalid SCT version"));
        }
        let log_id = to_hex(sct.take(32)?);
        let timestamp = u64::from_be_bytes(sct.take(8)?.try_into().expect("8 bytes"));
        let timestamp = Millis::try_from(timestamp)
            .map_err(|_| X509Error::value("SCT timestamp out of range"))?;
        let extension_bytes = to_hex(sct.prefixed()?.0);
        let hash_algorithm = sct.byte()?;
        if !(1..=6).contains(&hash_algorithm) {
            return Err(X509Error::value(format!(
                "Invalid/unsupported hash algorithm for SCT: {hash_algorithm}"
            )));
        }
        let signature_algorithm = sct.byte()?;
        if !(1..=3).contains(&signature_algorithm) {
            return Err(X509Error::value(format!(
                "Invalid/unsupported signature algorithm for SCT: {signature_algorithm}"
            )));
        }
        let signature = to_hex(sct.prefixed()?.0);
        scts.push(SctModel {
            version,
            log_id,
            timestamp,
            hash_algorithm,
            signature_algorithm,
            signature,
            extension_bytes,
        });
    }
    Ok(scts)
}

fn uint_to_hex(n: &Uint) -> HexInteger {
    let hex = to_hex(n.as_bytes());
    let trimmed = hex.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

fn uint_to_u64(n: &Uint, what: &str) -> Result<u64> {
    let bytes = n.as_bytes();
    if bytes.len() > 8 {
        return Err(X509Error::value(format!("{what} is too large")));
    }
    Ok(bytes.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b)))
}

/// A non-negative, minimally encoded INTEGER/ENUMERATED content that fits in a u64.
fn minimal_unsigned(content: &[u8]) -> Option<u64> {
    match content {
        [] => None,
        [first, ..] if first & 0x80 != 0 => None,
        [0, second, ..] if second & 0x80 == 0 => None,
        _ => {
            let trimmed = if content[0] == 0 {
                &content[1..]
            } else {
                content
            };
            (trimmed.len() <= 8)
                .then(|| trimmed.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b)))
        }
    }
}

/// DER GeneralizedTime "YYYYMMDDHHMMSSZ" → ms. PyCA refuses fractional seconds here too.
fn parse_generalized_time(content: &[u8]) -> Result<Millis> {
    let bad = || X509Error::value("malformed GeneralizedTime");
    let text = std::str::from_utf8(content).map_err(|_| bad())?;
    let main = text.strip_suffix('Z').ok_or_else(bad)?;
    if main.len() != 14 || !main.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| main[r].parse::<i64>().map_err(|_| bad());
    let civil = Civil {
        year: num(0..4)?,
        month: num(4..6)?,
        day: num(6..8)?,
        hour: num(8..10)?,
        minute: num(10..12)?,
        second: num(12..14)?,
    };
    if !civil.is_valid() {
        return Err(bad());
    }
    Ok(civil.to_millis())
}

/// ms → DER GeneralizedTime content (whole seconds, as PyCA writes InvalidityDate).
fn format_generalized_time(millis: Millis) -> Result<Vec<u8>> {
    let civil = Civil::from_millis(millis);
    if !(0..=9999).contains(&civil.year) {
        return Err(X509Error::value(
            "a GeneralizedTime year must be between 0 and 9999",
        ));
    }
    Ok(civil.generalized_text().into_bytes())
}

// ---- encoding ----

pub fn extensions_from_model(models: &[ExtensionModel]) -> Result<Vec<Extension>> {
    models.iter().map(extension_from_model).collect()
}

pub fn extension_from_model(model: &ExtensionModel) -> Result<Extension> {
    let extn_id = parse_oid(&model.oid)?;
    let value = encode_value(&model.value)?;
    Ok(Extension {
        extn_id,
        critical: model.critical,
        extn_value: OctetString::new(value).map_err(|e| X509Error::der("an extension value", e))?,
    })
}

fn enc<T: Encode>(value: &T) -> Result<Vec<u8>> {
    value
        .to_der()
        .map_err(|e| X509Error::value(format!("cannot encode the extension: {e}")))
}

fn encode_value(value: &ExtensionValueModel) -> Result<Vec<u8>> {
    use ExtensionValueModel as V;
    match value {
        V::BasicConstraints { ca, path_length } => enc(&BasicConstraintsAsn1 {
            ca: ca.then_some(true),
            path_len: path_length.map(u64::from),
        }),
        V::KeyUsage {
            digital_signature,
            content_commitment,
            key_encipherment,
            data_encipherment,
            key_agreement,
            key_cert_sign,
            crl_sign,
            encipher_only,
            decipher_only,
        } => {
            // As PyCA: encipherOnly/decipherOnly are only written when keyAgreement is set.
            let flags = [
                *digital_signature,
                *content_commitment,
                *key_encipherment,
                *data_encipherment,
                *key_agreement,
                *key_cert_sign,
                *crl_sign,
                *encipher_only && *key_agreement,
                *decipher_only && *key_agreement,
            ];
            enc(&minimal_bits(&flags)?)
        }
        V::ExtendedKeyUsage { usages } => enc(&usages
            .iter()
            .map(|u| RawOid::from_dotted(u))
            .collect::<Result<Vec<_>>>()?),
        V::SubjectAlternativeName { names }
        | V::IssuerAlternativeName { names }
        | V::CertificateIssuer { names } => enc(&models_to_any(names)?),
        V::SubjectKeyIdentifier { digest } => enc(&octets(digest)?),
        V::AuthorityKeyIdentifier {
            key_identifier,
            authority_cert_issuer,
            authority_cert_serial_number,
        } => enc(&AuthorityKeyIdentifierAsn1 {
            key_identifier: key_identifier.as_deref().map(octets).transpose()?,
            issuer: authority_cert_issuer
                .as_deref()
                .map(models_to_any)
                .transpose()?,
            serial: authority_cert_serial_number
                .as_deref()
                .map(hex_to_uint)
                .transpose()?,
        }),
        V::CrlDistributionPoints { points } | V::FreshestCrl { points } => {
            let points = points
                .iter()
                .map(|p| {
                    Ok(DistributionPointAsn1 {
                        name: dp_name(p.full_name.as_deref(), p.relative_name.as_ref(), false)?,
                        reasons: p.reasons.as_deref().map(reasons_from_model).transpose()?,
                        crl_issuer: p.crl_issuer.as_deref().map(models_to_any).transpose()?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            enc(&points)
        }
        V::AuthorityInformationAccess { descriptions }
        | V::SubjectInformationAccess { descriptions } => {
            let descriptions = descriptions
                .iter()
                .map(|d| {
                    Ok(AccessDescriptionAsn1 {
                        method: RawOid::from_dotted(&d.method)?,
                        location: model_to_any(&d.location)?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            enc(&descriptions)
        }
        V::NameConstraints {
            permitted,
            excluded,
        } => {
            let subtrees = |names: &Option<Vec<GeneralNameModel>>| {
                names
                    .as_deref()
                    .map(|n| {
                        models_to_any(n).map(|anys| {
                            anys.into_iter()
                                .map(|base| GeneralSubtreeAsn1 {
                                    base,
                                    minimum: None,
                                    maximum: None,
                                })
                                .collect::<Vec<_>>()
                        })
                    })
                    .transpose()
            };
            enc(&NameConstraintsAsn1 {
                permitted: subtrees(permitted)?,
                excluded: subtrees(excluded)?,
            })
        }
        V::PolicyConstraints {
            require_explicit_policy,
            inhibit_policy_mapping,
        } => enc(&PolicyConstraintsAsn1 {
            require_explicit_policy: require_explicit_policy.map(u64::from),
            inhibit_policy_mapping: inhibit_policy_mapping.map(u64::from),
        }),
        V::InhibitAnyPolicy { skip_certs } => enc(&u64::from(*skip_certs)),
        V::CertificatePolicies { policies } => enc(&encode_policies(policies)?),
        V::OcspNoCheck {} | V::PrecertPoison {} => enc(&Null),
        V::TlsFeature { features } => {
            enc(&features.iter().map(|&f| u64::from(f)).collect::<Vec<_>>())
        }
        V::PrecertificateSignedCertificateTimestamps { .. } => Err(X509Error::unsupported(
            "encoding PrecertificateSignedCertificateTimestamps is not supported",
        )),
        V::CrlNumber { crl_number } | V::DeltaCrlIndex { crl_number } => {
            enc(&hex_to_uint(crl_number)?)
        }
        V::IssuingDistributionPoint {
            full_name,
            relative_name,
            only_contains_user_certs,
            only_contains_ca_certs,
            only_some_reasons,
            indirect_crl,
            only_contains_attribute_certs,
        } => enc(&IssuingDistributionPointAsn1 {
            name: dp_name(full_name.as_deref(), relative_name.as_ref(), true)?,
            only_user: only_contains_user_certs.then_some(true),
            only_ca: only_contains_ca_certs.then_some(true),
            // PyCA writes the field only for a non-empty set.
            only_some_reasons: only_some_reasons
                .as_deref()
                .filter(|r| !r.is_empty())
                .map(reasons_from_model)
                .transpose()?,
            indirect: indirect_crl.then_some(true),
            only_attribute: only_contains_attribute_certs.then_some(true),
        }),
        V::CrlReason { reason } => {
            let code = CRL_REASONS
                .iter()
                .position(|r| *r == Some(reason.as_str()))
                .ok_or_else(|| {
                    X509Error::value(format!(
                        "unknown CRL reason {reason:?}: allowed are {}",
                        CRL_REASONS
                            .iter()
                            .flatten()
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
            tlv(ENUMERATED, &[code as u8])
        }
        V::InvalidityDate { date } => tlv(GENERALIZED_TIME, &format_generalized_time(*date)?),
        V::UnrecognizedExtension { value } => from_hex(value),
    }
}

fn octets(hex: &str) -> Result<OctetString> {
    OctetString::new(from_hex(hex)?).map_err(|e| X509Error::der("an OCTET STRING", e))
}

/// A non-negative HexInteger as an unsigned INTEGER (PyCA writes these as BigUint).
fn hex_to_uint(hex: &str) -> Result<Uint> {
    if hex.starts_with('-') {
        return Err(X509Error::value(format!(
            "the integer {hex} must not be negative"
        )));
    }
    if hex.is_empty() {
        return Err(X509Error::value("empty integer"));
    }
    let padded = if hex.len() % 2 == 1 {
        format!("0{hex}")
    } else {
        hex.to_string()
    };
    Uint::new(&from_hex(&padded)?).map_err(|e| X509Error::der("an INTEGER", e))
}

/// A BIT STRING of `flags` (bit 0 first) with trailing zero bits dropped, as PyCA writes
/// KeyUsage and ReasonFlags (DER named bit lists, X.690 11.2.2).
fn minimal_bits(flags: &[bool]) -> Result<BitString> {
    let len = flags.iter().rposition(|&f| f).map_or(0, |i| i + 1);
    let mut bytes = vec![0u8; len.div_ceil(8)];
    for (i, _) in flags.iter().enumerate().take(len).filter(|(_, f)| **f) {
        bytes[i / 8] |= 0x80 >> (i % 8);
    }
    let unused = (bytes.len() * 8 - len) as u8;
    BitString::new(unused, bytes).map_err(|e| X509Error::der("a BIT STRING", e))
}

fn reasons_from_model(reasons: &[ReasonModel]) -> Result<BitString> {
    let mut flags = [false; 9];
    for reason in reasons {
        let bit = REASON_BITS
            .iter()
            .position(|r| r == reason)
            .ok_or_else(|| {
                X509Error::value(format!(
                    "{reason:?} is not a ReasonFlags bit: allowed are {}",
                    REASON_BITS.join(", ")
                ))
            })?;
        flags[bit + 1] = true;
    }
    minimal_bits(&flags)
}

/// The DistributionPointName of a model. PyCA's CRLDistributionPoints encoder checks
/// `is not None`, its IssuingDistributionPoint encoder checks truthiness (an empty list is
/// omitted); `truthy` picks the latter.
fn dp_name(
    full_name: Option<&[GeneralNameModel]>,
    relative_name: Option<&RdnModel>,
    truthy: bool,
) -> Result<Option<DistributionPointNameAsn1>> {
    let full_name = full_name.filter(|f| !truthy || !f.is_empty());
    let relative_name = relative_name.filter(|r| !truthy || !r.is_empty());
    Ok(match (full_name, relative_name) {
        (Some(names), _) => Some(DistributionPointNameAsn1::Full(models_to_any(names)?)),
        (None, Some(rdn)) => Some(DistributionPointNameAsn1::Relative(rdn_from_model(rdn)?)),
        (None, None) => None,
    })
}

fn utf8_any(text: &str) -> Result<Any> {
    Any::new(Tag::Utf8String, text.as_bytes()).map_err(|e| X509Error::der("a UTF8String", e))
}

fn encode_policies(policies: &[PolicyInformationModel]) -> Result<Vec<PolicyInformationAsn1>> {
    policies
        .iter()
        .map(|p| {
            // PyCA omits an empty qualifier list.
            let qualifiers = match p.qualifiers.as_deref() {
                Some(q) if !q.is_empty() => {
                    Some(q.iter().map(encode_qualifier).collect::<Result<Vec<_>>>()?)
                }
                _ => None,
            };
            Ok(PolicyInformationAsn1 {
                policy: RawOid::from_dotted(&p.oid)?,
                qualifiers,
            })
        })
        .collect()
}

fn encode_qualifier(qualifier: &PolicyQualifierModel) -> Result<PolicyQualifierInfoAsn1> {
    match qualifier {
        PolicyQualifierModel::Cps { uri } => {
            if !uri.is_ascii() {
                return Err(X509Error::value("Qualifier must be an ASCII-string."));
            }
            Ok(PolicyQualifierInfoAsn1 {
                id: RawOid(CPS_QUALIFIER.to_vec()),
                qualifier: Any::new(Tag::Ia5String, uri.as_bytes())
                    .map_err(|e| X509Error::der("a CPS URI", e))?,
            })
        }
        PolicyQualifierModel::UserNotice {
            notice_reference,
            explicit_text,
        } => {
            let notice_ref = notice_reference
                .as_ref()
                .map(|r| {
                    Ok::<_, X509Error>(NoticeReferenceAsn1 {
                        organization: utf8_any(&r.organization)?,
                        numbers: r
                            .notice_numbers
                            .iter()
                            .map(|n| {
                                Uint::new(&n.to_be_bytes())
                                    .map_err(|e| X509Error::der("a notice number", e))
                            })
                            .collect::<Result<_>>()?,
                    })
                })
                .transpose()?;
            // PyCA leaves out an empty explicit text.
            let explicit_text = explicit_text
                .as_deref()
                .filter(|t| !t.is_empty())
                .map(utf8_any)
                .transpose()?;
            let notice = UserNoticeAsn1 {
                notice_ref,
                explicit_text,
            };
            Ok(PolicyQualifierInfoAsn1 {
                id: RawOid(USER_NOTICE_QUALIFIER.to_vec()),
                qualifier: Any::encode_from(&notice)
                    .map_err(|e| X509Error::der("a UserNotice", e))?,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_times() {
        for (text, millis) in [
            ("19700101000000Z", 0),
            ("19691231235959Z", -1000),
            ("20491231235959Z", 2_524_607_999_000),
        ] {
            assert_eq!(
                parse_generalized_time(text.as_bytes()).unwrap(),
                millis,
                "{text}"
            );
            assert_eq!(format_generalized_time(millis).unwrap(), text.as_bytes());
        }
        // Sub-second parts are dropped on encoding (PyCA writes whole seconds).
        assert_eq!(format_generalized_time(1999).unwrap(), b"19700101000001Z");
        for bad in [
            "19700101000000",
            "1970010100000Z",
            "19700101000060Z",
            "19700132000000Z",
            "19700101000000.5Z",
            "19700101000000+0000",
            "1970010100000aZ",
            "20230229000000Z",
        ] {
            assert!(parse_generalized_time(bad.as_bytes()).is_err(), "{bad}");
        }
        assert!(format_generalized_time(i64::MAX).is_err());
        assert!(format_generalized_time(-70_000_000_000_000).is_err());
    }

    #[test]
    fn named_bits() {
        let bits = |flags: &[bool]| {
            let b = minimal_bits(flags).unwrap();
            (b.unused_bits(), b.raw_bytes().to_vec())
        };
        assert_eq!(bits(&[false; 9]), (0, vec![]));
        assert_eq!(bits(&[true]), (7, vec![0x80]));
        assert_eq!(
            bits(&[false, false, false, false, false, false, false, true]),
            (0, vec![0x01])
        );
        let mut nine = [false; 9];
        nine[8] = true;
        assert_eq!(bits(&nine), (7, vec![0x00, 0x80]));
        let reasons = reasons_from_model(&["keyCompromise".into(), "aACompromise".into()]).unwrap();
        assert_eq!(
            reasons_to_model(&reasons).unwrap(),
            ["keyCompromise", "aACompromise"]
        );
        assert!(reasons_from_model(&["unspecified".into()]).is_err());
        assert!(reasons_from_model(&["removeFromCRL".into()]).is_err());
    }

    #[test]
    fn integers() {
        assert_eq!(uint_to_hex(&hex_to_uint("0").unwrap()), "0");
        assert_eq!(uint_to_hex(&hex_to_uint("0080").unwrap()), "80");
        assert_eq!(
            hex_to_uint("80").unwrap().to_der().unwrap(),
            [2, 2, 0, 0x80]
        );
        assert!(hex_to_uint("-1").is_err());
        assert!(hex_to_uint("").is_err());
        assert!(hex_to_uint("xyz").is_err());
        assert_eq!(minimal_unsigned(&[0]), Some(0));
        assert_eq!(minimal_unsigned(&[0, 0x80]), Some(128));
        assert_eq!(minimal_unsigned(&[0, 0x7f]), None);
        assert_eq!(minimal_unsigned(&[0x80]), None);
        assert_eq!(minimal_unsigned(&[]), None);
    }

    #[test]
    fn model_errors() {
        let ext = |value| ExtensionModel {
            oid: "2.5.29.21".into(),
            critical: false,
            value,
        };
        let bad_reason = ext(ExtensionValueModel::CrlReason {
            reason: "sleepy".into(),
        });
        assert!(matches!(
            extension_from_model(&bad_reason),
            Err(X509Error::Value(_))
        ));
        let bad_oid = ExtensionModel {
            oid: "x".into(),
            ..ext(ExtensionValueModel::OcspNoCheck {})
        };
        assert!(extension_from_model(&bad_oid).is_err());
        let bad_hex = ext(ExtensionValueModel::UnrecognizedExtension { value: "0".into() });
        assert!(extension_from_model(&bad_hex).is_err());
        let bad_cps = ext(ExtensionValueModel::CertificatePolicies {
            policies: vec![PolicyInformationModel {
                oid: "1.2.3".into(),
                qualifiers: Some(vec![PolicyQualifierModel::Cps { uri: "ü".into() }]),
            }],
        });
        assert!(extension_from_model(&bad_cps).is_err());
    }
}
