//! Certificate revocation lists (RFC 5280 5.1): parsing with the original bytes kept, and
//! assembly of a TBSCertList from the builder's template.

use x509_cert::ext::Extension;
use x509_cert::name::Name;

use crate::certificate::{
    decode_extensions, decode_name, encode_extensions, encode_integer, encode_name_tlv,
    read_explicit_extensions, read_time, split_signed,
};
use crate::der_util::{
    DerReader, GENERALIZED_TIME, INTEGER, SEQUENCE, UTC_TIME, check_integer, explicit, sequence,
    small_integer, tlv,
};
use crate::error::{Result, X509Error};
use crate::model::{CrlTemplateModel, HexInteger, Millis};
use crate::time::encode_time;
use crate::util::integer_to_hex;

/// One revokedCertificates entry, its extensions still as x509-cert decoded them.
#[derive(Clone, Debug)]
pub struct RawRevoked {
    pub serial: HexInteger,
    pub revocation_date: Millis,
    pub extensions: Vec<Extension>,
}

#[derive(Clone, Debug)]
pub struct Crl {
    pub der: Vec<u8>,
    pub tbs: Vec<u8>,
    pub issuer: Name,
    pub last_update: Millis,
    pub next_update: Option<Millis>,
    pub revoked: Vec<RawRevoked>,
    pub extensions: Vec<Extension>,
    pub signature_algorithm: Vec<u8>,
    pub signature: Vec<u8>,
}

impl Crl {
    pub fn from_der(der: &[u8]) -> Result<Crl> {
        const WHAT: &str = "the CRL";
        let (tbs, algorithm, signature) = split_signed(der, WHAT)?;
        let mut r = DerReader::new(tbs.content, WHAT);
        if let Some(version) = r.optional(INTEGER)? {
            // Only v2 (1) may be written; v1 CRLs leave the field out.
            let version = small_integer(&r, &version)?;
            if version != 1 {
                return Err(X509Error::value(format!(
                    "Invalid X.509 version: {version} is not a valid CRL version"
                )));
            }
        }
        let inner_algorithm = r.expect(SEQUENCE, "signature")?;
        if inner_algorithm.whole != algorithm.whole {
            // PyCA refuses such a CRL when loading it.
            return Err(X509Error::value(
                "Inner and outer signature algorithms do not match. This is an invalid CRL.",
            ));
        }
        let issuer = r.expect(SEQUENCE, "issuer")?;
        let last_update = read_time(&mut r, "thisUpdate")?;
        let next_update = match r.peek_tag() {
            Some(UTC_TIME) | Some(GENERALIZED_TIME) => Some(read_time(&mut r, "nextUpdate")?),
            _ => None,
        };
        let mut revoked = Vec::new();
        if let Some(list) = r.optional(SEQUENCE)? {
            let mut entries = DerReader::new(list.content, WHAT);
            while !entries.is_empty() {
                let entry = entries.expect(SEQUENCE, "a revoked certificate")?;
                let mut e = DerReader::new(entry.content, WHAT);
                let serial = e.expect(INTEGER, "userCertificate")?;
                let serial = integer_to_hex(check_integer(&e, &serial)?);
                let revocation_date = read_time(&mut e, "revocationDate")?;
                let extensions = match e.optional(SEQUENCE)? {
                    Some(list) => decode_extensions(&e, list.whole)?,
                    None => Vec::new(),
                };
                e.finish()?;
                revoked.push(RawRevoked {
                    serial,
                    revocation_date,
                    extensions,
                });
            }
        }
        let extensions = read_explicit_extensions(&mut r, 0, "crlExtensions", WHAT)?;
        r.finish()?;
        crate::algorithm::parse_signature_algorithm(algorithm.whole)?;
        Ok(Crl {
            der: der.to_vec(),
            tbs: tbs.whole.to_vec(),
            issuer: decode_name(&r, issuer.whole, "issuer")?,
            last_update,
            next_update,
            revoked,
            extensions,
            signature_algorithm: algorithm.whole.to_vec(),
            signature,
        })
    }
}

/// The DER of a TBSCertList (v2, as PyCA writes) from the template and the signature
/// AlgorithmIdentifier. Empty revoked lists and extension lists are left out.
pub fn encode_tbs_crl(template: &CrlTemplateModel, algorithm: &[u8]) -> Result<Vec<u8>> {
    let version = tlv(INTEGER, &[1])?;
    let issuer = encode_name_tlv(&template.issuer)?;
    let this_update = encode_time(template.last_update)?;
    let next_update = encode_time(template.next_update)?;
    let mut parts: Vec<Vec<u8>> = vec![
        version,
        algorithm.to_vec(),
        issuer,
        this_update,
        next_update,
    ];
    if !template.revoked.is_empty() {
        let mut entries = Vec::with_capacity(template.revoked.len());
        for entry in &template.revoked {
            let mut fields = vec![
                encode_integer(&entry.serial_number)?,
                encode_time(entry.revocation_date)?,
            ];
            if let Some(extensions) = encode_extensions(&entry.extensions)? {
                fields.push(extensions);
            }
            entries.push(tlv(SEQUENCE, &fields.concat())?);
        }
        parts.push(tlv(SEQUENCE, &entries.concat())?);
    }
    if let Some(extensions) = encode_extensions(&template.extensions)? {
        parts.push(explicit(0, &extensions)?);
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    sequence(&refs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certificate::tests::vector;
    use crate::pem::{CRL, find_first};

    fn load(path: &str) -> Option<Result<Crl>> {
        let data = vector(path)?;
        let der = if path.ends_with(".pem") {
            find_first(&data, &CRL).unwrap()
        } else {
            data
        };
        Some(Crl::from_der(&der))
    }

    #[test]
    fn parses_vector_crls() {
        let Some(crl) = load("custom/crl_all_reasons.pem") else {
            return;
        };
        let crl = crl.unwrap();
        assert!(!crl.revoked.is_empty());
        assert!(crl.revoked.iter().any(|r| !r.extensions.is_empty()));
        if let Some(crl) = load("custom/crl_no_next_update.pem") {
            assert_eq!(crl.unwrap().next_update, None);
        }
        if let Some(crl) = load("custom/crl_empty.pem") {
            assert!(crl.unwrap().revoked.is_empty());
        }
        if let Some(crl) = load("custom/crl_bad_version.pem") {
            assert!(crl.unwrap_err().message().contains("version"));
        }
        // The bad time there is inside an InvalidityDate extension: PyCA loads the CRL and
        // fails only when the entry's extensions are read.
        if let Some(crl) = load("custom/crl_inval_date_fractional_seconds.der") {
            assert_eq!(crl.unwrap().revoked.len(), 1);
        }
        if let Some(crl) = load("custom/crl_inner_outer_mismatch.der") {
            assert!(crl.unwrap_err().message().starts_with("Inner and outer"));
        }
        if let Some(crl) = load("custom/crl_empty_no_sequence.der") {
            assert!(crl.unwrap().revoked.is_empty());
        }
        if let Some(crl) = load("custom/crl_issuer_invalid_printable_string.der") {
            assert!(crl.unwrap_err().message().contains("PrintableString"));
        }
        if let Some(crl) = load("custom/crl_invalid_time.der") {
            assert!(crl.is_err());
        }
    }
}
