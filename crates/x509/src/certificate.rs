//! Certificates: strict DER parsing into the pieces the binding serves (keeping the original
//! bytes, so `tbs_bytes` is exactly what was signed), and assembly of a TBSCertificate from
//! the builder's template.
//!
//! The outer structures are read with `der_util`'s reader (on `der`'s `SliceReader` and
//! `Header`): x509-cert's `Certificate` would re-encode rather than hand back the original TBS
//! bytes, and its RFC 5280 profile refuses inputs PyCA accepts (negative or long serials).
//! Names and extensions are still decoded with x509-cert and translated by `name` and
//! `extensions`. The helpers here are shared by `csr` and `crl`.

use der::Decode;
use x509_cert::ext::Extension;
use x509_cert::name::Name;

use crate::algorithm::parse_signature_algorithm;
pub use crate::der_util::{
    BIT_STRING, DerReader, INTEGER, NULL, OCTET_STRING, OID, SEQUENCE, SET, Tlv, bit_string_bytes,
};
use crate::der_util::{
    BOOLEAN, GENERALIZED_TIME, UTC_TIME, check_integer, context, explicit, oid_from_content,
    sequence, small_integer, tlv,
};
use crate::error::{Result, X509Error};
use crate::model::{CertificateTemplateModel, ExtensionModel, Millis, NameModel};
use crate::time::{encode_time, parse_time};
use crate::util::{hex_to_integer, integer_to_hex};

// ---------------------------------------------------------------------------------------------
// Shared reading helpers

/// Reads a Time (UTCTime or GeneralizedTime).
pub fn read_time(reader: &mut DerReader<'_>, field: &str) -> Result<Millis> {
    let tlv = reader
        .read()
        .map_err(|_| reader.error(format!("{field} is missing")))?;
    match tlv.tag {
        Some(tag @ (UTC_TIME | GENERALIZED_TIME)) => {
            parse_time(tag, tlv.content).map_err(|e| reader.error(format!("{field}: {e}")))
        }
        _ => Err(reader.error(format!("{field} is not a time"))),
    }
}

/// The characters X.680 allows in a PrintableString (rust-asn1, hence PyCA, checks them).
fn is_printable(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(&b)
}

/// A Name decoded by x509-cert from its TLV. PrintableString values are checked here, at
/// load time, because PyCA refuses such objects when loading them.
pub fn decode_name(reader: &DerReader<'_>, tlv: &[u8], field: &str) -> Result<Name> {
    let name = Name::from_der(tlv).map_err(|e| reader.error(format!("{field}: {e}")))?;
    let bad = || reader.error(format!("{field}: invalid PrintableString"));
    let mut outer = DerReader::new(tlv, "a name");
    let mut rdns = DerReader::new(outer.read()?.content, "a name");
    while !rdns.is_empty() {
        let mut set = DerReader::new(rdns.read()?.content, "a name");
        while !set.is_empty() {
            let mut pair = DerReader::new(set.read()?.content, "a name");
            pair.read()?;
            let value = pair.read()?;
            if value.is(der::Tag::PrintableString)
                && !value.content.iter().all(|&b| is_printable(b))
            {
                return Err(bad());
            }
        }
    }
    Ok(name)
}

/// The optional `[number] EXPLICIT Extensions` field of a TBS structure (a certificate's
/// `extensions` is `[3]`, a CRL's `crlExtensions` `[0]`) read from `r`, decoded; absent means
/// no extensions.
pub fn read_explicit_extensions(
    r: &mut DerReader<'_>,
    number: u32,
    field: &str,
    what: &str,
) -> Result<Vec<Extension>> {
    let Some(explicit) = r.optional(context(number))? else {
        return Ok(Vec::new());
    };
    let mut inner = DerReader::new(explicit.content, what);
    let list = inner.expect(SEQUENCE, field)?;
    inner.finish()?;
    decode_extensions(&inner, list.whole)
}

/// A SEQUENCE OF Extension decoded by x509-cert from its TLV. An explicitly encoded
/// `critical FALSE` (a DEFAULT written out) is refused, as DER and PyCA require.
pub fn decode_extensions(reader: &DerReader<'_>, tlv: &[u8]) -> Result<Vec<Extension>> {
    let extensions =
        Vec::<Extension>::from_der(tlv).map_err(|e| reader.error(format!("extensions: {e}")))?;
    let mut outer = DerReader::new(tlv, "extensions");
    let mut list = DerReader::new(outer.read()?.content, "extensions");
    while !list.is_empty() {
        let mut fields = DerReader::new(list.read()?.content, "extensions");
        fields.read()?;
        if let Some(critical) = fields.optional(BOOLEAN)?
            && critical.content == [0]
        {
            return Err(reader.error("extensions: critical FALSE is explicitly encoded"));
        }
    }
    Ok(extensions)
}

// ---------------------------------------------------------------------------------------------
// Shared writing helpers

/// The DER of a model extension list as a SEQUENCE OF Extension; `None` when empty (the
/// field is then left out, as PyCA does).
pub fn encode_extensions(extensions: &[ExtensionModel]) -> Result<Option<Vec<u8>>> {
    if extensions.is_empty() {
        return Ok(None);
    }
    let encoded = crate::extensions::extensions_from_model(extensions)?;
    let mut children = Vec::with_capacity(encoded.len());
    for extension in &encoded {
        children.push(
            der::Encode::to_der(extension)
                .map_err(|e| X509Error::value(format!("cannot encode an extension: {e}")))?,
        );
    }
    let refs: Vec<&[u8]> = children.iter().map(Vec::as_slice).collect();
    sequence(&refs).map(Some)
}

/// The TLV of a model Name.
pub fn encode_name_tlv(name: &NameModel) -> Result<Vec<u8>> {
    crate::name::encode_name(name)
}

/// The DER INTEGER of a model HexInteger.
pub fn encode_integer(hex: &str) -> Result<Vec<u8>> {
    tlv(INTEGER, &hex_to_integer(hex)?)
}

// ---------------------------------------------------------------------------------------------
// Certificates

/// A parsed certificate. Everything is taken from the original DER, which is kept.
#[derive(Clone, Debug)]
pub struct Certificate {
    pub der: Vec<u8>,
    pub tbs: Vec<u8>,
    /// The raw version field: 0 = v1, 2 = v3.
    pub version: u8,
    pub serial: crate::model::HexInteger,
    pub issuer: Name,
    pub issuer_der: Vec<u8>,
    pub not_before: Millis,
    pub not_after: Millis,
    pub subject: Name,
    pub subject_der: Vec<u8>,
    pub spki: Vec<u8>,
    pub extensions: Vec<Extension>,
    /// The outer signatureAlgorithm TLV.
    pub signature_algorithm: Vec<u8>,
    /// The TBS `signature` field, which should repeat the outer one.
    pub tbs_signature_algorithm: Vec<u8>,
    pub signature: Vec<u8>,
}

/// Checks what PyCA checks of a SubjectPublicKeyInfo when loading: the framing, and that DSA
/// and EC keys carry their domain parameters (PyCA cannot represent inherited DSA
/// parameters and refuses such certificates).
pub fn check_spki(reader: &DerReader<'_>, spki: &[u8]) -> Result<()> {
    let what = reader.what();
    let mut outer = DerReader::new(spki, what);
    let mut fields = DerReader::new(
        outer.expect(SEQUENCE, "subjectPublicKeyInfo")?.content,
        what,
    );
    let algorithm = fields.expect(SEQUENCE, "subjectPublicKeyInfo algorithm")?;
    fields.expect(BIT_STRING, "subjectPublicKey")?;
    fields.finish()?;
    let mut a = DerReader::new(algorithm.content, what);
    let oid = a.expect(OID, "subjectPublicKeyInfo algorithm")?;
    let needs_parameters = [
        &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01][..], // id-dsa
        &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01][..], // id-ecPublicKey
    ];
    if needs_parameters.contains(&oid.content) && a.is_empty() {
        return Err(reader.error("subjectPublicKeyInfo: the key's domain parameters are missing"));
    }
    Ok(())
}

/// Splits a signed object (certificate, CSR, CRL: SEQUENCE { tbs, algorithm, BIT STRING })
/// into its three parts, checking the framing.
pub fn split_signed<'a>(der: &'a [u8], what: &'a str) -> Result<(Tlv<'a>, Tlv<'a>, Vec<u8>)> {
    let mut outer = DerReader::new(der, what);
    let body = outer.expect(SEQUENCE, "the outer SEQUENCE")?;
    outer.finish()?;
    let mut reader = DerReader::new(body.content, what);
    let tbs = reader.expect(SEQUENCE, "the to-be-signed part")?;
    let algorithm = reader.expect(SEQUENCE, "signatureAlgorithm")?;
    let signature = reader.expect(BIT_STRING, "signatureValue")?;
    reader.finish()?;
    let signature = bit_string_bytes(&reader, signature.content)?.to_vec();
    Ok((tbs, algorithm, signature))
}

impl Certificate {
    pub fn from_der(der: &[u8]) -> Result<Certificate> {
        const WHAT: &str = "the certificate";
        let (tbs, algorithm, signature) = split_signed(der, WHAT)?;
        let mut r = DerReader::new(tbs.content, WHAT);
        let version = match r.optional(context(0))? {
            Some(explicit) => {
                let mut inner = DerReader::new(explicit.content, WHAT);
                let value = inner.expect(INTEGER, "version")?;
                inner.finish()?;
                let version = small_integer(&inner, &value)?;
                if version == 0 {
                    // DER forbids writing a DEFAULT value; PyCA (rust-asn1) refuses it too.
                    return Err(r.error("version: the DEFAULT value v1 is explicitly encoded"));
                }
                version
            }
            None => 0,
        };
        if version != 0 && version != 2 {
            return Err(X509Error::value(format!(
                "Invalid X.509 version: {version} is not a valid X509 version"
            )));
        }
        let serial = r.expect(INTEGER, "serialNumber")?;
        let serial = integer_to_hex(check_integer(&r, &serial)?);
        let inner_algorithm = r.expect(SEQUENCE, "signature")?;
        let issuer = r.expect(SEQUENCE, "issuer")?;
        let validity = r.expect(SEQUENCE, "validity")?;
        let mut v = DerReader::new(validity.content, WHAT);
        let not_before = read_time(&mut v, "notBefore")?;
        let not_after = read_time(&mut v, "notAfter")?;
        v.finish()?;
        let subject = r.expect(SEQUENCE, "subject")?;
        let spki = r.expect(SEQUENCE, "subjectPublicKeyInfo")?;
        check_spki(&r, spki.whole)?;
        // issuerUniqueID and subjectUniqueID ([1] and [2] IMPLICIT BIT STRING) are skipped.
        r.optional(crate::der_util::context_primitive(1))?;
        r.optional(crate::der_util::context_primitive(2))?;
        let extensions = read_explicit_extensions(&mut r, 3, "extensions", WHAT)?;
        r.finish()?;
        parse_signature_algorithm(algorithm.whole)?;
        parse_signature_algorithm(inner_algorithm.whole)?;
        Ok(Certificate {
            der: der.to_vec(),
            tbs: tbs.whole.to_vec(),
            version: version as u8,
            serial,
            issuer: decode_name(&r, issuer.whole, "issuer")?,
            issuer_der: issuer.whole.to_vec(),
            not_before,
            not_after,
            subject: decode_name(&r, subject.whole, "subject")?,
            subject_der: subject.whole.to_vec(),
            spki: spki.whole.to_vec(),
            extensions,
            signature_algorithm: algorithm.whole.to_vec(),
            tbs_signature_algorithm: inner_algorithm.whole.to_vec(),
            signature,
        })
    }
}

/// The DER of a TBSCertificate (always v3, as PyCA writes) from the template, the subject's
/// SubjectPublicKeyInfo and the signature AlgorithmIdentifier the signer will use.
pub fn encode_tbs_certificate(
    template: &CertificateTemplateModel,
    spki: &[u8],
    algorithm: &[u8],
) -> Result<Vec<u8>> {
    let version = explicit(0, &tlv(INTEGER, &[2])?)?;
    let serial = encode_integer(&template.serial_number)?;
    let issuer = encode_name_tlv(&template.issuer)?;
    let validity = sequence(&[
        &encode_time(template.not_before)?,
        &encode_time(template.not_after)?,
    ])?;
    let subject = encode_name_tlv(&template.subject)?;
    let mut parts: Vec<&[u8]> = vec![
        &version, &serial, algorithm, &issuer, &validity, &subject, spki,
    ];
    let extensions = encode_extensions(&template.extensions)?
        .map(|list| explicit(3, &list))
        .transpose()?;
    if let Some(extensions) = &extensions {
        parts.push(extensions);
    }
    sequence(&parts)
}

/// A signed object: SEQUENCE { tbs, algorithm, BIT STRING signature }.
pub fn try_assemble_signed(tbs: &[u8], algorithm: &[u8], signature: &[u8]) -> Result<Vec<u8>> {
    let mut bits = Vec::with_capacity(signature.len() + 1);
    bits.push(0);
    bits.extend_from_slice(signature);
    sequence(&[tbs, algorithm, &tlv(BIT_STRING, &bits)?])
}

/// [`try_assemble_signed`] for callers that parse the result anyway: `der` refuses only
/// lengths of 4 GiB or more, and then the result is empty, which no parser accepts (so the
/// caller reports a ValueError rather than crashing).
pub fn assemble_signed(tbs: &[u8], algorithm: &[u8], signature: &[u8]) -> Vec<u8> {
    try_assemble_signed(tbs, algorithm, signature).unwrap_or_default()
}

/// The embedded SCT list extension of RFC 6962 (a precertificate's TBS is the TBS without it).
const SCT_LIST: &str = "1.3.6.1.4.1.11129.2.4.2";

/// PyCA's `tbs_precertificate_bytes`: `tbs` (a TBSCertificate already validated when the
/// certificate loaded) without its SCT list extension. Like PyCA it reads only the extensions'
/// OIDs, not their values: two extensions with one OID are an error whose message starts
/// "Duplicate " (the façade raises DuplicateExtension for it).
pub fn precertificate_tbs(tbs: &[u8]) -> Result<Vec<u8>> {
    const WHAT: &str = "the TBSCertificate";
    let missing = || X509Error::value("Could not find pre-certificate SCT list extension");
    let mut outer = DerReader::new(tbs, WHAT);
    let body = outer.expect(SEQUENCE, "TBSCertificate")?;
    outer.finish()?;
    let mut fields = DerReader::new(body.content, WHAT);
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut removed = false;
    while !fields.is_empty() {
        let field = fields.read()?;
        if !field.is(context(3)) {
            parts.push(field.whole.to_vec());
            continue;
        }
        let mut wrapper = DerReader::new(field.content, WHAT);
        let list = wrapper.expect(SEQUENCE, "extensions")?;
        let mut extensions = DerReader::new(list.content, WHAT);
        let mut seen: Vec<&[u8]> = Vec::new();
        let mut kept: Vec<&[u8]> = Vec::new();
        while !extensions.is_empty() {
            let extension = extensions.read()?;
            let oid = DerReader::new(extension.content, WHAT).expect(OID, "extnID")?;
            let dotted = oid_from_content(oid.content)?;
            if seen.contains(&oid.content) {
                return Err(X509Error::value(format!(
                    "Duplicate {dotted} extension found"
                )));
            }
            seen.push(oid.content);
            if !removed && dotted == SCT_LIST {
                removed = true;
            } else {
                kept.push(extension.whole);
            }
        }
        parts.push(explicit(3, &sequence(&kept)?)?);
    }
    if !removed {
        return Err(missing());
    }
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    sequence(&parts)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The x509 folder of cryptography-vectors, when the package is installed.
    pub fn vectors_dir() -> Option<std::path::PathBuf> {
        let out = std::process::Command::new("python3")
            .args([
                "-c",
                "import cryptography_vectors,os;print(os.path.dirname(cryptography_vectors.__file__))",
            ])
            .output()
            .ok()?;
        if !out.status.success() {
            eprintln!("note: cryptography-vectors is not installed; vector tests skipped");
            return None;
        }
        let dir = String::from_utf8(out.stdout).ok()?;
        Some(std::path::Path::new(dir.trim()).join("x509"))
    }

    pub fn vector(path: &str) -> Option<Vec<u8>> {
        let dir = vectors_dir()?;
        std::fs::read(dir.join(path)).ok()
    }

    #[test]
    fn parses_vector_certificates() {
        let Some(der) = vector("PKITS_data/certs/GoodCACert.crt") else {
            return;
        };
        let cert = Certificate::from_der(&der).unwrap();
        assert_eq!(cert.version, 2);
        assert_eq!(cert.serial, "2");
        // 2010-01-01T08:30:00Z and 2030-12-31T08:30:00Z (openssl x509 -dates).
        assert_eq!(cert.not_before, 1_262_334_600_000);
        assert_eq!(cert.not_after, 1_924_936_200_000);
        assert!(!cert.extensions.is_empty());
        // The TBS is a prefix-free slice of the original DER.
        let start = der
            .windows(cert.tbs.len())
            .position(|w| w == cert.tbs)
            .unwrap();
        assert!(start <= 4);
        // Re-assembling the parts gives the original bytes back.
        assert_eq!(
            assemble_signed(&cert.tbs, &cert.signature_algorithm, &cert.signature),
            der
        );

        let v1 = vector("v1_cert.pem")
            .map(|p| crate::pem::find_first(&p, &crate::pem::CERTIFICATE).unwrap());
        if let Some(v1) = v1 {
            assert_eq!(Certificate::from_der(&v1).unwrap().version, 0);
        }
        if let Some(neg) = vector("custom/negative_serial.pem") {
            let der = crate::pem::find_first(&neg, &crate::pem::CERTIFICATE).unwrap();
            assert!(Certificate::from_der(&der).unwrap().serial.starts_with('-'));
        }
        // NULL parameters on ECDSA and DSA: PyCA refuses these at load time.
        for path in [
            "custom/ecdsa_null_alg.pem",
            "custom/dsa_null_alg_params.pem",
        ] {
            if let Some(pem) = vector(path) {
                let der = crate::pem::find_first(&pem, &crate::pem::CERTIFICATE).unwrap();
                assert!(Certificate::from_der(&der).is_err(), "{path}");
            }
        }
        if let Some(der) = vector("PKITS_data/certs/DSAParametersInheritedCACert.crt") {
            let err = Certificate::from_der(&der).unwrap_err();
            assert!(err.message().contains("domain parameters"), "{err}");
        }
        // dsa-with-sha1 with NULL parameters is accepted.
        if let Some(der) = vector("san_x400address.der") {
            Certificate::from_der(&der).unwrap();
        }
        if let Some(bad) = vector("custom/invalid_version.pem") {
            let der = crate::pem::find_first(&bad, &crate::pem::CERTIFICATE).unwrap();
            let err = Certificate::from_der(&der).unwrap_err();
            assert!(err.message().starts_with("Invalid X.509 version"), "{err}");
        }
        // The version field rewritten: v1 written out (DER forbids it), v2 and 4 (PyCA's
        // InvalidVersion), and v3 again, which must parse.
        let mut tbs = DerReader::new(&cert.tbs, "t");
        let tbs_content = tbs.read().unwrap().content;
        let mut fields = DerReader::new(tbs_content, "t");
        fields.read().unwrap();
        let rest = fields.remaining();
        for (version, ok) in [(0u8, false), (1, false), (3, false), (2, true)] {
            let new_tbs = sequence(&[
                &explicit(0, &tlv(INTEGER, &[version]).unwrap()).unwrap(),
                rest,
            ])
            .unwrap();
            let der = assemble_signed(&new_tbs, &cert.signature_algorithm, &cert.signature);
            assert_eq!(Certificate::from_der(&der).is_ok(), ok, "version {version}");
        }
        // Truncation and trailing bytes are refused.
        assert!(Certificate::from_der(&der[..der.len() - 1]).is_err());
        let mut longer = der.clone();
        longer.push(0);
        assert!(Certificate::from_der(&longer).is_err());
    }
}
