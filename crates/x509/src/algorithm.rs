//! Signature AlgorithmIdentifiers ↔ [`SignatureAlgorithmModel`], and the identifier a signer
//! must write for a key type, hash and padding (what PyCA's `sign.rs` picks).

use crate::der_util::{
    DerReader, INTEGER, NULL, OID, SEQUENCE, context, explicit, oid_from_content, oid_tlv,
    sequence, small_integer, tlv,
};
use crate::error::{Result, X509Error};
use crate::model::{AlgorithmProblemModel, SignatureAlgorithmModel, SignatureParametersModel};

/// What kind of key signs: picks the algorithm family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignerKind {
    Rsa,
    Ec,
    Dsa,
    Ed25519,
    Ed448,
    MlDsa44,
    MlDsa65,
    MlDsa87,
}

const RSA_PSS: &str = "1.2.840.113549.1.1.10";
const MGF1: &str = "1.2.840.113549.1.1.8";

/// Hash names (PyCA's `HashAlgorithm.name`) and their OIDs.
const HASHES: [(&str, &str, usize); 9] = [
    ("sha1", "1.3.14.3.2.26", 20),
    ("sha224", "2.16.840.1.101.3.4.2.4", 28),
    ("sha256", "2.16.840.1.101.3.4.2.1", 32),
    ("sha384", "2.16.840.1.101.3.4.2.2", 48),
    ("sha512", "2.16.840.1.101.3.4.2.3", 64),
    ("sha3-224", "2.16.840.1.101.3.4.2.7", 28),
    ("sha3-256", "2.16.840.1.101.3.4.2.8", 32),
    ("sha3-384", "2.16.840.1.101.3.4.2.9", 48),
    ("sha3-512", "2.16.840.1.101.3.4.2.10", 64),
];

/// Family of a fixed (OID-determined) signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    RsaPkcs1,
    Ecdsa,
    Dsa,
    Pure(SignerKind),
}

/// Every algorithm with a fixed OID: (OID, family, hash).
/// md5WithRSAEncryption is left out on purpose: PyCA 50 reports it as unsupported.
const FIXED: [(&str, Family, Option<&str>); 26] = [
    ("1.2.840.113549.1.1.5", Family::RsaPkcs1, Some("sha1")),
    // OIW's sha1WithRSASignature, still found in old certificates; never written.
    ("1.3.14.3.2.29", Family::RsaPkcs1, Some("sha1")),
    ("1.2.840.113549.1.1.14", Family::RsaPkcs1, Some("sha224")),
    ("1.2.840.113549.1.1.11", Family::RsaPkcs1, Some("sha256")),
    ("1.2.840.113549.1.1.12", Family::RsaPkcs1, Some("sha384")),
    ("1.2.840.113549.1.1.13", Family::RsaPkcs1, Some("sha512")),
    (
        "2.16.840.1.101.3.4.3.13",
        Family::RsaPkcs1,
        Some("sha3-224"),
    ),
    (
        "2.16.840.1.101.3.4.3.14",
        Family::RsaPkcs1,
        Some("sha3-256"),
    ),
    (
        "2.16.840.1.101.3.4.3.15",
        Family::RsaPkcs1,
        Some("sha3-384"),
    ),
    (
        "2.16.840.1.101.3.4.3.16",
        Family::RsaPkcs1,
        Some("sha3-512"),
    ),
    ("1.2.840.10045.4.1", Family::Ecdsa, Some("sha1")),
    ("1.2.840.10045.4.3.1", Family::Ecdsa, Some("sha224")),
    ("1.2.840.10045.4.3.2", Family::Ecdsa, Some("sha256")),
    ("1.2.840.10045.4.3.3", Family::Ecdsa, Some("sha384")),
    ("1.2.840.10045.4.3.4", Family::Ecdsa, Some("sha512")),
    ("2.16.840.1.101.3.4.3.9", Family::Ecdsa, Some("sha3-224")),
    ("2.16.840.1.101.3.4.3.10", Family::Ecdsa, Some("sha3-256")),
    ("2.16.840.1.101.3.4.3.11", Family::Ecdsa, Some("sha3-384")),
    ("2.16.840.1.101.3.4.3.12", Family::Ecdsa, Some("sha3-512")),
    ("1.2.840.10040.4.3", Family::Dsa, Some("sha1")),
    ("2.16.840.1.101.3.4.3.1", Family::Dsa, Some("sha224")),
    ("2.16.840.1.101.3.4.3.2", Family::Dsa, Some("sha256")),
    ("2.16.840.1.101.3.4.3.3", Family::Dsa, Some("sha384")),
    ("2.16.840.1.101.3.4.3.4", Family::Dsa, Some("sha512")),
    ("1.3.101.112", Family::Pure(SignerKind::Ed25519), None),
    ("1.3.101.113", Family::Pure(SignerKind::Ed448), None),
];

/// The hashes X.509 signing accepts.
const SIGNING_HASHES: [&str; 8] = [
    "sha224", "sha256", "sha384", "sha512", "sha3-224", "sha3-256", "sha3-384", "sha3-512",
];

const DSA_SHA1: &str = "1.2.840.10040.4.3";
const ECDSA_SHA1: &str = "1.2.840.10045.4.1";

/// GOST R 34.10-2001 and GOST R 34.10-2012 (256 and 512 bits).
const GOST: [&str; 3] = ["1.2.643.2.2.3", "1.2.643.7.1.1.3.2", "1.2.643.7.1.1.3.3"];

/// ML-DSA (FIPS 204 / RFC 9881): pure mode, no parameters.
const ML_DSA: [(&str, SignerKind); 3] = [
    ("2.16.840.1.101.3.4.3.17", SignerKind::MlDsa44),
    ("2.16.840.1.101.3.4.3.18", SignerKind::MlDsa65),
    ("2.16.840.1.101.3.4.3.19", SignerKind::MlDsa87),
];

/// The digest size of a hash name, for PSS salt lengths.
pub fn digest_size(hash: &str) -> Option<usize> {
    HASHES
        .iter()
        .find(|(name, _, _)| *name == hash)
        .map(|h| h.2)
}

/// The dotted form of an OBJECT IDENTIFIER's content octets (`der_util::oid_from_content`).
pub fn oid_string(content: &[u8]) -> Result<String> {
    oid_from_content(content)
}

/// The NULL parameters of an AlgorithmIdentifier.
const NULL_DER: &[u8] = &[0x05, 0x00];

/// A hash AlgorithmIdentifier (inside PSS parameters), parameters absent or NULL: the hash
/// name, or the OID when it is no hash hazmat knows.
fn parse_hash_identifier(content: &[u8]) -> Result<std::result::Result<&'static str, String>> {
    let mut r = DerReader::new(content, "a hash AlgorithmIdentifier");
    let oid = r.expect(OID, "algorithm")?;
    let oid = oid_string(oid.content)?;
    if let Some(null) = r.optional(NULL)?
        && !null.content.is_empty()
    {
        return Err(r.error("NULL with content"));
    }
    r.finish()?;
    Ok(match HASHES.iter().find(|(_, o, _)| *o == oid) {
        Some(h) => Ok(h.0),
        None => Err(oid),
    })
}

fn parse_pss(params: Option<&[u8]>) -> Result<SignatureAlgorithmModel> {
    // What PyCA 50 reports when it refuses the parameters: the hash may still be known.
    let refused = |hash: Option<&str>, message: String, unsupported: bool| {
        Ok(SignatureAlgorithmModel {
            oid: RSA_PSS.into(),
            known: true,
            hash: hash.map(str::to_string),
            parameters: None,
            problem: Some(AlgorithmProblemModel {
                message,
                unsupported,
                hash_too: hash.is_none(),
            }),
        })
    };
    let not_recognized = |oid: String| format!("Signature algorithm OID: {oid} not recognized");
    // RFC 4055 defaults: SHA-1, MGF1 with SHA-1, 20 bytes of salt, trailer 1.
    let (mut hash, mut mgf_hash, mut salt) = ("sha1", "sha1", 20u32);
    // PyCA reads an RSASSA-PSS identifier without parameters, then calls them invalid.
    let Some(params) = params else {
        return refused(None, "Invalid RSA PSS parameters".into(), false);
    };
    let mut outer = DerReader::new(params, "RSASSA-PSS parameters");
    let seq = outer.expect(SEQUENCE, "RSASSA-PSS-params")?;
    outer.finish()?;
    let mut r = DerReader::new(seq.content, "RSASSA-PSS parameters");
    if let Some(field) = r.optional(context(0))? {
        let mut inner = DerReader::new(field.content, "RSASSA-PSS hashAlgorithm");
        let id = inner.expect(SEQUENCE, "hashAlgorithm")?;
        inner.finish()?;
        match parse_hash_identifier(id.content)? {
            Ok(name) => hash = name,
            Err(oid) => return refused(None, not_recognized(oid), true),
        }
    }
    if let Some(field) = r.optional(context(1))? {
        let mut inner = DerReader::new(field.content, "RSASSA-PSS maskGenAlgorithm");
        let id = inner.expect(SEQUENCE, "maskGenAlgorithm")?;
        inner.finish()?;
        let mut m = DerReader::new(id.content, "RSASSA-PSS maskGenAlgorithm");
        let oid = oid_string(m.expect(OID, "algorithm")?.content)?;
        if oid != MGF1 {
            return refused(
                Some(hash),
                format!("Unsupported mask generation OID: {oid}"),
                false,
            );
        }
        let mgf_id = m.expect(SEQUENCE, "MGF1 hash")?;
        m.finish()?;
        match parse_hash_identifier(mgf_id.content)? {
            Ok(name) => mgf_hash = name,
            Err(oid) => return refused(Some(hash), not_recognized(oid), true),
        }
    }
    if let Some(field) = r.optional(context(2))? {
        let mut inner = DerReader::new(field.content, "RSASSA-PSS saltLength");
        let value = inner.expect(INTEGER, "saltLength")?;
        inner.finish()?;
        let value = small_integer(&inner, &value)?;
        salt = u32::try_from(value).map_err(|_| inner.error("negative salt length"))?;
    }
    if let Some(field) = r.optional(context(3))? {
        let mut inner = DerReader::new(field.content, "RSASSA-PSS trailerField");
        let value = inner.expect(INTEGER, "trailerField")?;
        inner.finish()?;
        if small_integer(&inner, &value)? != 1 {
            return refused(Some(hash), "Invalid RSA PSS parameters".into(), false);
        }
    }
    r.finish()?;
    Ok(SignatureAlgorithmModel {
        oid: RSA_PSS.into(),
        known: true,
        hash: Some(hash.into()),
        parameters: Some(SignatureParametersModel::Pss {
            hash: hash.into(),
            mgf_hash: mgf_hash.into(),
            salt_length: salt,
        }),
        problem: None,
    })
}

/// The model of a signature AlgorithmIdentifier (its whole TLV). Malformed DER is an error;
/// a well-formed identifier hazmat cannot use is `known: false`.
pub fn parse_signature_algorithm(der: &[u8]) -> Result<SignatureAlgorithmModel> {
    let mut outer = DerReader::new(der, "the signature algorithm");
    let seq = outer.expect(SEQUENCE, "AlgorithmIdentifier")?;
    outer.finish()?;
    let mut r = DerReader::new(seq.content, "the signature algorithm");
    let oid_tlv = r.expect(OID, "algorithm")?;
    let oid = oid_string(oid_tlv.content)?;
    let params = if r.is_empty() { None } else { Some(r.read()?) };
    r.finish()?;
    if oid == RSA_PSS {
        return parse_pss(params.map(|p| p.whole));
    }
    let null_or_absent = match params {
        None => true,
        Some(p) => p.is(NULL) && p.content.is_empty(),
    };
    // Known algorithms must carry exactly the parameters their specification allows: PyCA
    // (rust-asn1) refuses anything else when loading the object.
    let bad_parameters = || {
        X509Error::value(format!(
            "error parsing the signature algorithm: unexpected parameters for {oid}"
        ))
    };
    // GOST R 34.10 signatures: PyCA names them (no hash class, no parameters, any encoding
    // of the parameters) but cannot verify them.
    if GOST.contains(&oid.as_str()) {
        return Ok(SignatureAlgorithmModel {
            oid,
            known: true,
            hash: None,
            parameters: None,
            problem: None,
        });
    }
    if ML_DSA.iter().any(|(o, _)| *o == oid) {
        if params.is_some() {
            return Err(bad_parameters());
        }
        return Ok(SignatureAlgorithmModel {
            oid,
            known: true,
            hash: None,
            parameters: None,
            problem: None,
        });
    }
    let Some(&(_, family, hash)) = FIXED.iter().find(|(o, _, _)| *o == oid) else {
        return Ok(SignatureAlgorithmModel {
            oid,
            known: false,
            hash: None,
            parameters: None,
            problem: None,
        });
    };
    let parameters = match family {
        // NULL or absent (RFC 4055 says NULL; some encoders leave it out).
        Family::RsaPkcs1 if null_or_absent => Some(SignatureParametersModel::Pkcs1v15 {}),
        // RFC 5758 and RFC 8410: the parameters are absent.
        Family::Ecdsa if params.is_none() && oid != ECDSA_SHA1 => {
            Some(SignatureParametersModel::Ecdsa {
                hash: hash.unwrap_or_default().into(),
            })
        }
        Family::Dsa | Family::Pure(_) if params.is_none() => None,
        // The SHA-1 variants of DSA and ECDSA tolerate NULL in PyCA (old certificates carry
        // it), and PyCA reports no parameters object for ecdsa-with-SHA1.
        Family::Dsa if oid == DSA_SHA1 && null_or_absent => None,
        Family::Ecdsa if oid == ECDSA_SHA1 && null_or_absent => None,
        _ => return Err(bad_parameters()),
    };
    Ok(SignatureAlgorithmModel {
        oid,
        known: true,
        hash: hash.map(str::to_string),
        parameters,
        problem: None,
    })
}

/// How an RSA signer pads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RsaPadding {
    Pkcs1v15,
    /// MGF1 hash name and the salt length in bytes (already resolved).
    Pss {
        mgf_hash: String,
        salt_length: u32,
    },
}

fn hash_identifier(hash: &str) -> Result<Vec<u8>> {
    let (_, oid, _) = HASHES
        .iter()
        .find(|(name, _, _)| *name == hash)
        .ok_or_else(|| {
            X509Error::unsupported(format!(
                "hash algorithm {hash} is not supported in RSASSA-PSS"
            ))
        })?;
    sequence(&[&oid_tlv(oid)?, NULL_DER])
}

/// The AlgorithmIdentifier TLV a signer of `kind` writes for `hash` (and, for RSA, `padding`).
/// EdDSA and ML-DSA take no hash; every other kind needs one.
pub fn signature_algorithm_der(
    kind: SignerKind,
    hash: Option<&str>,
    padding: Option<&RsaPadding>,
) -> Result<Vec<u8>> {
    let pure = matches!(
        kind,
        SignerKind::Ed25519
            | SignerKind::Ed448
            | SignerKind::MlDsa44
            | SignerKind::MlDsa65
            | SignerKind::MlDsa87
    );
    if pure {
        if hash.is_some() {
            return Err(X509Error::value(
                "Algorithm must be None when signing via ed25519, ed448 or ML-DSA",
            ));
        }
        let oid = match kind {
            SignerKind::Ed25519 => "1.3.101.112",
            SignerKind::Ed448 => "1.3.101.113",
            other => ML_DSA
                .iter()
                .find(|(_, k)| *k == other)
                .map(|m| m.0)
                .unwrap_or_default(),
        };
        return sequence(&[&oid_tlv(oid)?]);
    }
    let hash = hash.ok_or_else(|| {
        X509Error::value("Algorithm must be a registered hash algorithm, not None.")
    })?;
    // PyCA 50 signs X.509 objects with SHA-2 and SHA-3 only (no SHA-1, MD5, SHA-512/t…),
    // for the main hash and the MGF1 hash alike.
    let signable = |name: &str| SIGNING_HASHES.contains(&name);
    let mgf_hash = match padding {
        Some(RsaPadding::Pss { mgf_hash, .. }) => Some(mgf_hash.as_str()),
        _ => None,
    };
    for name in std::iter::once(hash).chain(mgf_hash) {
        if !signable(name) {
            return Err(X509Error::unsupported(format!(
                "Hash algorithm \"{name}\" not supported for signatures"
            )));
        }
    }
    if kind == SignerKind::Dsa && hash.starts_with("sha3-") {
        return Err(X509Error::unsupported(
            "SHA3 hashes are not supported with DSA keys",
        ));
    }
    if let (
        SignerKind::Rsa,
        Some(RsaPadding::Pss {
            mgf_hash,
            salt_length,
        }),
    ) = (kind, padding)
    {
        let mut fields: Vec<Vec<u8>> = Vec::new();
        // DEFAULT values are left out, as DER requires.
        if hash != "sha1" {
            fields.push(explicit(0, &hash_identifier(hash)?)?);
        }
        if mgf_hash != "sha1" {
            let mgf = sequence(&[&oid_tlv(MGF1)?, &hash_identifier(mgf_hash)?])?;
            fields.push(explicit(1, &mgf)?);
        }
        if *salt_length != 20 {
            // der writes a u32 as a minimal non-negative INTEGER.
            let salt = der::Encode::to_der(salt_length)
                .map_err(|e| X509Error::value(format!("cannot encode the salt length: {e}")))?;
            fields.push(explicit(2, &salt)?);
        }
        let params = tlv(SEQUENCE, &fields.concat())?;
        return sequence(&[&oid_tlv(RSA_PSS)?, &params]);
    }
    let family = match kind {
        SignerKind::Rsa => Family::RsaPkcs1,
        SignerKind::Ec => Family::Ecdsa,
        _ => Family::Dsa,
    };
    let (oid, _, _) = FIXED
        .iter()
        .find(|(_, f, h)| *f == family && *h == Some(hash))
        .ok_or_else(|| {
            X509Error::unsupported(format!(
                "Signature algorithm with hash {hash} is not supported for this key type"
            ))
        })?;
    // PKCS#1 v1.5 writes NULL parameters (RFC 4055 2.1); ECDSA and DSA leave them out.
    if family == Family::RsaPkcs1 {
        sequence(&[&oid_tlv(oid)?, NULL_DER])
    } else {
        sequence(&[&oid_tlv(oid)?])
    }
}

/// Which key kind verifies an algorithm, or `None` when hazmat (like PyCA 50) does not verify
/// it: unknown algorithms, GOST, and every SHA-1 signature, which PyCA reads but no longer
/// verifies ("Unsupported signature algorithm").
pub fn signer_kind_of(model: &SignatureAlgorithmModel) -> Option<SignerKind> {
    if !model.known || model.problem.is_some() || model.hash.as_deref() == Some("sha1") {
        return None;
    }
    if model.oid == RSA_PSS {
        return Some(SignerKind::Rsa);
    }
    if let Some((_, kind)) = ML_DSA.iter().find(|(o, _)| *o == model.oid) {
        return Some(*kind);
    }
    FIXED
        .iter()
        .find(|(o, _, _)| *o == model.oid)
        .map(|(_, family, _)| match family {
            Family::RsaPkcs1 => SignerKind::Rsa,
            Family::Ecdsa => SignerKind::Ec,
            Family::Dsa => SignerKind::Dsa,
            Family::Pure(kind) => *kind,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(
        kind: SignerKind,
        hash: Option<&str>,
        padding: Option<&RsaPadding>,
    ) -> SignatureAlgorithmModel {
        let der = signature_algorithm_der(kind, hash, padding).unwrap();
        let model = parse_signature_algorithm(&der).unwrap();
        assert!(model.known, "{model:?}");
        assert_eq!(signer_kind_of(&model), Some(kind));
        model
    }

    #[test]
    fn every_signer_round_trips() {
        for hash in SIGNING_HASHES {
            let m = round_trip(SignerKind::Rsa, Some(hash), Some(&RsaPadding::Pkcs1v15));
            assert_eq!(m.hash.as_deref(), Some(hash));
            assert_eq!(m.parameters, Some(SignatureParametersModel::Pkcs1v15 {}));
            let m = round_trip(SignerKind::Ec, Some(hash), None);
            assert_eq!(
                m.parameters,
                Some(SignatureParametersModel::Ecdsa { hash: hash.into() })
            );
        }
        // PyCA 50 signs with neither SHA-1 nor MD5, nor DSA with SHA-3.
        for (kind, hash) in [
            (SignerKind::Rsa, "sha1"),
            (SignerKind::Ec, "sha1"),
            (SignerKind::Dsa, "sha1"),
            (SignerKind::Rsa, "md5"),
            (SignerKind::Dsa, "sha3-256"),
        ] {
            let err = signature_algorithm_der(kind, Some(hash), None).unwrap_err();
            assert!(matches!(err, X509Error::Unsupported(_)), "{kind:?} {hash}");
        }
        let sha1_mgf = RsaPadding::Pss {
            mgf_hash: "sha1".into(),
            salt_length: 32,
        };
        assert!(signature_algorithm_der(SignerKind::Rsa, Some("sha256"), Some(&sha1_mgf)).is_err());
        for hash in ["sha224", "sha256", "sha384", "sha512"] {
            assert_eq!(
                round_trip(SignerKind::Dsa, Some(hash), None).parameters,
                None
            );
        }
        for kind in [
            SignerKind::Ed25519,
            SignerKind::Ed448,
            SignerKind::MlDsa44,
            SignerKind::MlDsa65,
            SignerKind::MlDsa87,
        ] {
            assert_eq!(round_trip(kind, None, None).hash, None);
            assert!(signature_algorithm_der(kind, Some("sha256"), None).is_err());
        }
        assert!(signature_algorithm_der(SignerKind::Ec, None, None).is_err());
        assert!(signature_algorithm_der(SignerKind::Rsa, Some("md5"), None).is_err());
    }

    #[test]
    fn pss_parameters_and_defaults() {
        let padding = RsaPadding::Pss {
            mgf_hash: "sha512".into(),
            salt_length: 222,
        };
        let m = round_trip(SignerKind::Rsa, Some("sha384"), Some(&padding));
        assert_eq!(
            m.parameters,
            Some(SignatureParametersModel::Pss {
                hash: "sha384".into(),
                mgf_hash: "sha512".into(),
                salt_length: 222
            })
        );
        // A salt of 20 is the DEFAULT and is left out.
        let padding = RsaPadding::Pss {
            mgf_hash: "sha256".into(),
            salt_length: 20,
        };
        let der = signature_algorithm_der(SignerKind::Rsa, Some("sha256"), Some(&padding)).unwrap();
        assert!(!der.windows(2).any(|w| w == [0xa2, 0x03]));
        let m = parse_signature_algorithm(&der).unwrap();
        assert!(matches!(
            m.parameters,
            Some(SignatureParametersModel::Pss {
                salt_length: 20,
                ..
            })
        ));
        // An empty parameter SEQUENCE reads as RFC 4055's defaults: SHA-1, MGF1-SHA-1, 20.
        let defaults = sequence(&[&oid_tlv(RSA_PSS).unwrap(), b"\x30\x00"]).unwrap();
        let m = parse_signature_algorithm(&defaults).unwrap();
        assert_eq!(
            m.parameters,
            Some(SignatureParametersModel::Pss {
                hash: "sha1".into(),
                mgf_hash: "sha1".into(),
                salt_length: 20
            })
        );
        // Read, but not verifiable: PyCA 50 no longer verifies SHA-1 signatures.
        assert_eq!(signer_kind_of(&m), None);
    }

    #[test]
    fn unknown_and_malformed() {
        // md2WithRSAEncryption and md5WithRSAEncryption: well-formed but unsupported (PyCA 50
        // raises UnsupportedAlgorithm for both).
        for oid in ["1.2.840.113549.1.1.2", "1.2.840.113549.1.1.4"] {
            let md = sequence(&[&oid_tlv(oid).unwrap(), NULL_DER]).unwrap();
            let m = parse_signature_algorithm(&md).unwrap();
            assert!(!m.known);
            assert_eq!(m.oid, oid);
        }
        // Parameters where the specification has none are an error, as in PyCA.
        for oid in [
            "1.3.101.112",
            "1.2.840.10045.4.3.2",
            "2.16.840.1.101.3.4.3.2",
            "2.16.840.1.101.3.4.3.18",
        ] {
            let with_null = sequence(&[&oid_tlv(oid).unwrap(), NULL_DER]).unwrap();
            assert!(parse_signature_algorithm(&with_null).is_err(), "{oid}");
        }
        let rsa_with_int =
            sequence(&[&oid_tlv("1.2.840.113549.1.1.11").unwrap(), b"\x02\x01\x00"]).unwrap();
        assert!(parse_signature_algorithm(&rsa_with_int).is_err());
        // RSASSA-PSS without parameters: readable, but PyCA calls its parameters (and so its
        // hash) invalid, and nothing can verify with it.
        let pss = sequence(&[&oid_tlv(RSA_PSS).unwrap()]).unwrap();
        let m = parse_signature_algorithm(&pss).unwrap();
        let problem = m.problem.clone().expect("a problem");
        assert_eq!(problem.message, "Invalid RSA PSS parameters");
        assert!(problem.hash_too && !problem.unsupported && m.hash.is_none());
        assert_eq!(signer_kind_of(&m), None);
        // GOST: named, without hash or parameters, and not verifiable (no signer kind).
        let gost = sequence(&[&oid_tlv("1.2.643.2.2.3").unwrap(), NULL_DER]).unwrap();
        let m = parse_signature_algorithm(&gost).unwrap();
        assert!(m.known && m.hash.is_none() && m.parameters.is_none());
        assert_eq!(signer_kind_of(&m), None);
        // OIW sha1WithRSASignature reads as SHA-1 PKCS#1 v1.5.
        let oiw = sequence(&[&oid_tlv("1.3.14.3.2.29").unwrap(), NULL_DER]).unwrap();
        assert_eq!(
            parse_signature_algorithm(&oiw).unwrap().hash.as_deref(),
            Some("sha1")
        );
        // As PyCA 50 reads them: 2.999.7 (which const-oid refuses) is an unknown algorithm, a
        // non-minimal subidentifier (which const-oid accepts) is a parse error.
        let big_arc = parse_signature_algorithm(b"\x30\x05\x06\x03\x88\x37\x07").unwrap();
        assert_eq!((big_arc.oid.as_str(), big_arc.known), ("2.999.7", false));
        assert!(parse_signature_algorithm(b"\x30\x05\x06\x03\x2a\x80\x01").is_err());
        assert!(parse_signature_algorithm(b"\x30\x02\x06").is_err());
        assert!(parse_signature_algorithm(b"\x04\x00").is_err());
    }

    #[test]
    fn vector_pss_certificates() {
        use crate::certificate::tests::vector;
        use crate::pem::{CERTIFICATE, find_first};
        let Some(pem) = vector("custom/rsa_pss_cert.pem") else {
            return;
        };
        let cert =
            crate::certificate::Certificate::from_der(&find_first(&pem, &CERTIFICATE).unwrap())
                .unwrap();
        let m = parse_signature_algorithm(&cert.signature_algorithm).unwrap();
        // openssl x509 -text: sha256, MGF1 with sha256, salt length 0x20 (32).
        assert_eq!(
            m.parameters,
            Some(SignatureParametersModel::Pss {
                hash: "sha256".into(),
                mgf_hash: "sha256".into(),
                salt_length: 32
            })
        );
        // As PyCA 50 reports them: the hash stays readable, the parameters are refused as a
        // ValueError (mask function not MGF1) or UnsupportedAlgorithm (unknown MGF1 hash).
        for (file, unsupported) in [
            ("custom/rsa_pss_cert_invalid_mgf.der", false),
            ("custom/rsa_pss_cert_unsupported_mgf_hash.der", true),
        ] {
            let Some(der) = vector(file) else { continue };
            let cert = crate::certificate::Certificate::from_der(&der).unwrap();
            let m = parse_signature_algorithm(&cert.signature_algorithm).unwrap();
            let problem = m.problem.clone().expect(file);
            assert_eq!(m.hash.as_deref(), Some("sha256"), "{file}");
            assert_eq!(
                (problem.unsupported, problem.hash_too),
                (unsupported, false),
                "{file}"
            );
            assert_eq!(signer_kind_of(&m), None, "{file}");
        }
    }
}
