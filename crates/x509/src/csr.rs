//! Certificate signing requests (PKCS #10, RFC 2986): parsing with the original bytes kept, and
//! assembly of a CertificationRequestInfo from the builder's template.

use x509_cert::ext::Extension;
use x509_cert::name::Name;

use crate::certificate::{
    decode_extensions, decode_name, encode_extensions, encode_name_tlv, split_signed,
};
use crate::der_util::{
    DerReader, INTEGER, OID, SEQUENCE, SET, Tlv, context, oid_from_content, oid_tlv, sequence,
    set_of, small_integer, tlv, tlv_identifier,
};
use crate::error::{Result, X509Error};
use crate::model::{AttributeModel, CsrTemplateModel};
use crate::util::{from_hex, to_hex};

/// PKCS #9 extensionRequest, and Microsoft's older twin that PyCA also reads.
pub const EXTENSION_REQUEST: &str = "1.2.840.113549.1.9.14";
pub const MS_EXTENSION_REQUEST: &str = "1.3.6.1.4.1.311.2.1.14";

/// Universal tags of the string types whose contents the model carries as the value.
const STRING_TAGS: [u8; 9] = [12, 18, 19, 20, 21, 22, 26, 28, 30];

/// One attribute as written: its OID and the contents of its SET of values, split only when
/// asked for (PyCA loads a CSR whose attribute values it cannot represent and fails when they
/// are read).
#[derive(Clone, Debug)]
pub struct RawAttribute {
    pub oid: String,
    pub values: Vec<u8>,
}

impl RawAttribute {
    /// The single value of the attribute (PyCA refuses empty and multi-valued attributes).
    fn single_value(&self) -> Result<Tlv<'_>> {
        let mut r = DerReader::new(&self.values, "a CSR attribute");
        let first = if r.is_empty() { None } else { Some(r.read()?) };
        match first {
            Some(value) if r.is_empty() => Ok(value),
            _ => Err(X509Error::value(
                "Only single-valued attributes are supported",
            )),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Csr {
    pub der: Vec<u8>,
    pub tbs: Vec<u8>,
    pub subject: Name,
    pub spki: Vec<u8>,
    pub attributes: Vec<RawAttribute>,
    pub signature_algorithm: Vec<u8>,
    pub signature: Vec<u8>,
}

impl Csr {
    pub fn from_der(der: &[u8]) -> Result<Csr> {
        const WHAT: &str = "the CSR";
        let (tbs, algorithm, signature) = split_signed(der, WHAT)?;
        let mut r = DerReader::new(tbs.content, WHAT);
        let version = r.expect(INTEGER, "version")?;
        let version = small_integer(&r, &version)?;
        if version != 0 {
            return Err(X509Error::value(format!(
                "Invalid X.509 version: {version} is not a valid CSR version"
            )));
        }
        let subject = r.expect(SEQUENCE, "subject")?;
        let spki = r.expect(SEQUENCE, "subjectPKInfo")?;
        crate::certificate::check_spki(&r, spki.whole)?;
        let set = r.expect(context(0), "attributes")?;
        r.finish()?;
        let mut attributes = Vec::new();
        let mut list = DerReader::new(set.content, WHAT);
        while !list.is_empty() {
            let attribute = list.expect(SEQUENCE, "an attribute")?;
            let mut a = DerReader::new(attribute.content, WHAT);
            let oid = a.expect(OID, "attribute type")?;
            let oid = oid_from_content(oid.content)
                .map_err(|e| a.error(format!("invalid attribute type: {e}")))?;
            let values = a.expect(SET, "attribute values")?;
            a.finish()?;
            attributes.push(RawAttribute {
                oid,
                values: values.content.to_vec(),
            });
        }
        crate::algorithm::parse_signature_algorithm(algorithm.whole)?;
        Ok(Csr {
            der: der.to_vec(),
            tbs: tbs.whole.to_vec(),
            subject: decode_name(&r, subject.whole, "subject")?,
            spki: spki.whole.to_vec(),
            attributes,
            signature_algorithm: algorithm.whole.to_vec(),
            signature,
        })
    }

    /// The extensions of the extensionRequest attribute (empty when there is none).
    pub fn extensions(&self) -> Result<Vec<Extension>> {
        let Some(attribute) = self
            .attributes
            .iter()
            .find(|a| a.oid == EXTENSION_REQUEST || a.oid == MS_EXTENSION_REQUEST)
        else {
            return Ok(Vec::new());
        };
        let value = attribute.single_value()?;
        decode_extensions(
            &DerReader::new(value.whole, "the CSR's extensionRequest"),
            value.whole,
        )
    }

    /// Every attribute in order, the extension request included (as PyCA 50 lists it, type
    /// SEQUENCE). The tag is the value's first identifier octet; the value is the contents of
    /// a string type, or the whole TLV of anything else (the model's convention; the façade
    /// keeps the contents, as PyCA does). Empty and multi-valued attributes are refused, as
    /// in PyCA.
    pub fn attributes(&self) -> Result<Vec<AttributeModel>> {
        let mut out = Vec::with_capacity(self.attributes.len());
        for attribute in &self.attributes {
            let value = attribute.single_value()?;
            if value.identifier & 0x1f == 0x1f {
                return Err(X509Error::value(
                    "Long-form tags are not supported in CSR attribute values",
                ));
            }
            let bytes = if STRING_TAGS.contains(&value.identifier) {
                value.content
            } else {
                value.whole
            };
            out.push(AttributeModel {
                oid: attribute.oid.clone(),
                tag: value.identifier,
                value: to_hex(bytes),
            });
        }
        Ok(out)
    }
}

/// The DER of a CertificationRequestInfo from the template and the key's SubjectPublicKeyInfo.
/// The extensions go into an extensionRequest attribute; attributes are a DER-sorted SET.
pub fn encode_csr_info(template: &CsrTemplateModel, spki: &[u8]) -> Result<Vec<u8>> {
    let mut attributes = Vec::new();
    let oid = |dotted: &str| -> Result<Vec<u8>> {
        oid_tlv(dotted)
            .map_err(|e| X509Error::value(format!("invalid attribute OID {dotted}: {e}")))
    };
    if let Some(extensions) = encode_extensions(&template.extensions)? {
        attributes.push(sequence(&[
            &oid(EXTENSION_REQUEST)?,
            &set_of(vec![extensions])?,
        ])?);
    }
    for attribute in &template.attributes {
        if attribute.tag == 0 || attribute.tag & 0x1f == 0x1f {
            return Err(X509Error::value(format!(
                "invalid ASN.1 tag {} for attribute {}",
                attribute.tag, attribute.oid
            )));
        }
        let value = tlv_identifier(attribute.tag, &from_hex(&attribute.value)?)?;
        attributes.push(sequence(&[&oid(&attribute.oid)?, &set_of(vec![value])?])?);
    }
    // [0] IMPLICIT SET OF Attribute: DER-sorted like any SET OF.
    attributes.sort();
    let version = tlv(INTEGER, &[0])?;
    let subject = encode_name_tlv(&template.subject)?;
    let attributes = tlv(context(0), &attributes.concat())?;
    sequence(&[&version, &subject, spki, &attributes])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certificate::tests::vector;
    use crate::pem::{CSR, find_first};

    #[test]
    fn parses_vector_requests() {
        let Some(pem) = vector("requests/rsa_sha256.pem") else {
            return;
        };
        let csr = Csr::from_der(&find_first(&pem, &CSR).unwrap()).unwrap();
        assert!(csr.der.windows(csr.tbs.len()).any(|w| w == csr.tbs));
        if let Some(pem) = vector("requests/challenge-unstructured.pem") {
            let csr = Csr::from_der(&find_first(&pem, &CSR).unwrap()).unwrap();
            let attributes = csr.attributes().unwrap();
            assert!(attributes.len() >= 2, "{attributes:?}");
        }
        if let Some(pem) = vector("requests/basic_constraints.pem") {
            let csr = Csr::from_der(&find_first(&pem, &CSR).unwrap()).unwrap();
            assert!(!csr.extensions().unwrap().is_empty());
            // PyCA 50 lists the extensionRequest too: type 48 (SEQUENCE), value
            // 30120603551d130101ff040830060101ff020101 (its contents; the model keeps the TLV).
            let attributes = csr.attributes().unwrap();
            assert_eq!(attributes.len(), 1);
            assert_eq!(
                (attributes[0].oid.as_str(), attributes[0].tag),
                (EXTENSION_REQUEST, 0x30)
            );
            assert_eq!(
                attributes[0].value,
                "301430120603551d130101ff040830060101ff020101"
            );
        }
        // PyCA: loads, then refuses to list these attributes.
        for (path, message) in [
            ("requests/challenge-multi-valued.der", "Only single-valued"),
            ("requests/zero-element-attribute.pem", "Only single-valued"),
            ("requests/long-form-attribute.pem", "Long-form tags"),
        ] {
            let Some(data) = vector(path) else { continue };
            let der = if path.ends_with(".pem") {
                find_first(&data, &CSR).unwrap()
            } else {
                data
            };
            let csr = Csr::from_der(&der).unwrap();
            let err = csr.attributes().unwrap_err();
            assert!(err.message().starts_with(message), "{path}: {err}");
            // PyCA: the empty extensionRequest fails `extensions` too; the others have none.
            match csr.extensions() {
                Ok(extensions) => assert!(
                    extensions.is_empty() && !path.contains("zero-element"),
                    "{path}"
                ),
                Err(e) => assert!(
                    path.contains("zero-element") && e.message().starts_with(message),
                    "{path}: {e}"
                ),
            }
        }
        // A non-string value: its tag, and its whole TLV (PyCA's value is the contents,
        // which the façade takes out of it).
        if let Some(der) = vector("requests/challenge-invalid.der") {
            let attributes = Csr::from_der(&der).unwrap().attributes().unwrap();
            assert_eq!(attributes[0].tag, 2);
            assert_eq!(
                attributes[0].value,
                "0212100000000000000000000000000000000001"
            );
        }
        if let Some(pem) = vector("requests/bad-version.pem") {
            let der = find_first(&pem, &CSR).unwrap();
            assert!(
                Csr::from_der(&der)
                    .unwrap_err()
                    .message()
                    .contains("version")
            );
        }
    }
}
