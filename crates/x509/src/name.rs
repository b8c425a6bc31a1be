//! X.501 Names ⇄ [`NameModel`]. Every attribute keeps its ASN.1 string type in the model's
//! `tag` so that a parsed name re-encodes to the same bytes and a built name uses the type the
//! caller asked for (PyCA's `_ASN1Type`).
//!
//! Encoding goes through `der_util` rather than `x509-cert`'s types because `der` 0.8 has no
//! tag for UniversalString (and `const-oid` refuses some OIDs PyCA writes): [`encode_name`]
//! can still write one (PyCA allows it), while the functions that must return `x509-cert`
//! values reject it as unsupported.

use der::asn1::ObjectIdentifier;
use der::{Decode, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RelativeDistinguishedName};

use crate::der_util::{SEQUENCE, oid_tlv, sequence, set_of, tlv, tlv_identifier};
use crate::error::{Result, X509Error};
use crate::model::{NameAttributeModel, NameModel, RdnModel};
use crate::util::{from_hex, to_hex};

pub(crate) const TAG_BIT_STRING: u8 = 3;
pub(crate) const TAG_OCTET_STRING: u8 = 4;
pub(crate) const TAG_UTF8_STRING: u8 = 12;
pub(crate) const TAG_NUMERIC_STRING: u8 = 18;
pub(crate) const TAG_PRINTABLE_STRING: u8 = 19;
pub(crate) const TAG_T61_STRING: u8 = 20;
pub(crate) const TAG_IA5_STRING: u8 = 22;
pub(crate) const TAG_UTC_TIME: u8 = 23;
pub(crate) const TAG_GENERALIZED_TIME: u8 = 24;
pub(crate) const TAG_VISIBLE_STRING: u8 = 26;
pub(crate) const TAG_UNIVERSAL_STRING: u8 = 28;
pub(crate) const TAG_BMP_STRING: u8 = 30;

/// The universal tags PyCA's `_ASN1Type` knows; an attribute value of any other type is a
/// parse error there, so it is here too.
const KNOWN_TAGS: [u8; 12] = [
    TAG_BIT_STRING,
    TAG_OCTET_STRING,
    TAG_UTF8_STRING,
    TAG_NUMERIC_STRING,
    TAG_PRINTABLE_STRING,
    TAG_T61_STRING,
    TAG_IA5_STRING,
    TAG_UTC_TIME,
    TAG_GENERALIZED_TIME,
    TAG_VISIBLE_STRING,
    TAG_UNIVERSAL_STRING,
    TAG_BMP_STRING,
];

pub fn name_to_model(name: &Name) -> Result<NameModel> {
    name.iter_rdn().map(rdn_to_model).collect()
}

pub fn rdn_to_model(rdn: &RelativeDistinguishedName) -> Result<RdnModel> {
    if rdn.is_empty() {
        return Err(X509Error::value(
            "a relative distinguished name cannot be empty",
        ));
    }
    rdn.iter().map(attribute_to_model).collect()
}

fn attribute_to_model(attribute: &AttributeTypeAndValue) -> Result<NameAttributeModel> {
    let tag = attribute.value.tag();
    let number = tag.number().value();
    let known = tag.is_universal()
        && !tag.is_constructed()
        && u8::try_from(number).is_ok_and(|n| KNOWN_TAGS.contains(&n));
    if !known {
        return Err(X509Error::value(format!(
            "error parsing a name attribute ({}): unexpected value type {tag}",
            attribute.oid
        )));
    }
    let tag_number = number as u8;
    let bytes = attribute.value.value();
    let value = match tag_number {
        // PyCA keeps the raw BIT STRING contents (unused-bits octet included) as bytes.
        TAG_BIT_STRING => to_hex(bytes),
        TAG_BMP_STRING => decode_bmp(bytes)?,
        TAG_UNIVERSAL_STRING => decode_universal(bytes)?,
        TAG_PRINTABLE_STRING => {
            // PyCA's parser validates PrintableString's alphabet; other string types are
            // only required to be UTF-8.
            let text = decode_utf8(bytes)?;
            if !text.bytes().all(is_printable) {
                return Err(X509Error::value(format!(
                    "error parsing a name attribute ({}): invalid PrintableString",
                    attribute.oid
                )));
            }
            text
        }
        _ => decode_utf8(bytes)?,
    };
    Ok(NameAttributeModel {
        oid: attribute.oid.to_string(),
        tag: tag_number,
        value,
    })
}

fn is_printable(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(&c)
}

fn decode_utf8(bytes: &[u8]) -> Result<String> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| X509Error::value("error parsing a name attribute: the value is not UTF-8"))
}

/// UTF-16BE, as Python's `utf_16_be` codec (surrogate pairs allowed, lone surrogates not).
pub(crate) fn decode_bmp(bytes: &[u8]) -> Result<String> {
    if !bytes.len().is_multiple_of(2) {
        return Err(X509Error::value(
            "error parsing a BMPString: odd number of bytes",
        ));
    }
    let units = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<std::result::Result<String, _>>()
        .map_err(|_| X509Error::value("error parsing a BMPString: invalid UTF-16"))
}

fn decode_universal(bytes: &[u8]) -> Result<String> {
    if !bytes.len().is_multiple_of(4) {
        return Err(X509Error::value(
            "error parsing a UniversalString: length is not a multiple of 4",
        ));
    }
    bytes
        .chunks(4)
        .map(|c| {
            char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])).ok_or_else(|| {
                X509Error::value("error parsing a UniversalString: invalid code point")
            })
        })
        .collect()
}

/// DER of a Name (SEQUENCE OF SET OF AttributeTypeAndValue), each SET sorted as DER requires.
pub fn encode_name(model: &NameModel) -> Result<Vec<u8>> {
    let mut content = Vec::new();
    for rdn in model {
        content.extend(encode_rdn(rdn)?);
    }
    tlv(SEQUENCE, &content)
}

pub fn name_from_model(model: &NameModel) -> Result<Name> {
    reject_universal(model.iter().flatten())?;
    let der = encode_name(model)?;
    Name::from_der(&der).map_err(|e| X509Error::der("an encoded name", e))
}

pub fn rdn_from_model(model: &RdnModel) -> Result<RelativeDistinguishedName> {
    reject_universal(model.iter())?;
    let der = encode_rdn(model)?;
    RelativeDistinguishedName::from_der(&der)
        .map_err(|e| X509Error::der("an encoded relative distinguished name", e))
}

fn reject_universal<'a>(
    mut attributes: impl Iterator<Item = &'a NameAttributeModel>,
) -> Result<()> {
    if attributes.any(|a| a.tag == TAG_UNIVERSAL_STRING) {
        return Err(X509Error::unsupported(
            "UniversalString name attributes are not supported in certificates, CSRs and CRLs",
        ));
    }
    Ok(())
}

/// DER of one RDN: a SET whose elements are sorted by their encodings (X.690 11.6).
pub(crate) fn encode_rdn(model: &RdnModel) -> Result<Vec<u8>> {
    if model.is_empty() {
        return Err(X509Error::value(
            "a relative distinguished name cannot be empty",
        ));
    }
    let elements = model
        .iter()
        .map(encode_attribute)
        .collect::<Result<Vec<_>>>()?;
    set_of(elements)
}

fn encode_attribute(attribute: &NameAttributeModel) -> Result<Vec<u8>> {
    let oid = oid_tlv(&attribute.oid)?;
    let value: Vec<u8> = match attribute.tag {
        TAG_BIT_STRING => from_hex(&attribute.value)?,
        TAG_BMP_STRING => {
            let mut out = Vec::with_capacity(attribute.value.len() * 2);
            for c in attribute.value.chars() {
                let unit = u16::try_from(u32::from(c)).map_err(|_| {
                    X509Error::value(format!(
                        "a BMPString cannot hold {c:?}: only characters of the Basic Multilingual Plane are allowed"
                    ))
                })?;
                out.extend(unit.to_be_bytes());
            }
            out
        }
        TAG_UNIVERSAL_STRING => attribute
            .value
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect(),
        t if KNOWN_TAGS.contains(&t) => attribute.value.as_bytes().to_vec(),
        t => {
            return Err(X509Error::value(format!(
                "unsupported name attribute type (ASN.1 tag {t}): allowed are BIT STRING (3), \
                 OCTET STRING (4), UTF8String (12), NumericString (18), PrintableString (19), \
                 T61String (20), IA5String (22), UTCTime (23), GeneralizedTime (24), \
                 VisibleString (26), UniversalString (28) and BMPString (30)"
            )));
        }
    };
    sequence(&[&oid, &tlv_identifier(attribute.tag, &value)?])
}

/// A dotted OID string of the model, for `x509-cert` types (which use `const-oid`).
pub(crate) fn parse_oid(dotted: &str) -> Result<ObjectIdentifier> {
    ObjectIdentifier::new(dotted)
        .map_err(|e| X509Error::value(format!("invalid object identifier {dotted:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;

    fn attr(oid: &str, tag: u8, value: &str) -> NameAttributeModel {
        NameAttributeModel {
            oid: oid.into(),
            tag,
            value: value.into(),
        }
    }

    #[test]
    fn round_trips_every_string_type() {
        let model: NameModel = vec![
            vec![attr("2.5.4.6", TAG_PRINTABLE_STRING, "US")],
            vec![attr("2.5.4.3", TAG_UTF8_STRING, "héllo")],
            vec![attr("2.5.4.3", TAG_BMP_STRING, "bmp ☃")],
            vec![attr("1.2.840.113549.1.9.1", TAG_IA5_STRING, "a@b.c")],
            vec![attr("2.5.4.3", TAG_T61_STRING, "t61")],
            vec![attr("2.5.4.5", TAG_NUMERIC_STRING, "123")],
            vec![attr("2.5.4.3", TAG_VISIBLE_STRING, "vis")],
            vec![attr("2.5.4.45", TAG_BIT_STRING, "00ff")],
        ];
        let name = name_from_model(&model).unwrap();
        assert_eq!(name_to_model(&name).unwrap(), model);
        assert_eq!(name.to_der().unwrap(), encode_name(&model).unwrap());
    }

    #[test]
    fn multi_valued_rdn_is_sorted_by_der() {
        // Longer encodings sort after shorter ones because the length octet comes first.
        let model: NameModel = vec![vec![
            attr("2.5.4.3", TAG_UTF8_STRING, "zzzz"),
            attr("2.5.4.3", TAG_UTF8_STRING, "b"),
        ]];
        let der = encode_name(&model).unwrap();
        let parsed = name_to_model(&Name::from_der(&der).unwrap()).unwrap();
        assert_eq!(parsed[0][0].value, "b");
        assert_eq!(parsed[0][1].value, "zzzz");
    }

    #[test]
    fn universal_string_only_in_encode_name() {
        let model: NameModel = vec![vec![attr("2.5.4.3", TAG_UNIVERSAL_STRING, "u")]];
        assert_eq!(
            encode_name(&model).unwrap(),
            [
                0x30, 0x0f, 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x03, 0x55, 0x04, 0x03, 0x1c, 0x04, 0, 0,
                0, b'u'
            ]
        );
        assert!(matches!(
            name_from_model(&model),
            Err(X509Error::Unsupported(_))
        ));
    }

    #[test]
    fn rejects_bad_models() {
        assert!(encode_name(&vec![vec![]]).is_err());
        assert!(encode_name(&vec![vec![attr("2.5.4.3", 16, "x")]]).is_err());
        assert!(encode_name(&vec![vec![attr("not an oid", 12, "x")]]).is_err());
        assert!(encode_name(&vec![vec![attr("2.5.4.3", TAG_BMP_STRING, "😀")]]).is_err());
        assert!(encode_name(&vec![vec![attr("2.5.4.45", TAG_BIT_STRING, "zz")]]).is_err());
    }

    #[test]
    fn rejects_bad_values_on_parse() {
        for (tag, bytes) in [
            (TAG_PRINTABLE_STRING, &b"a*b"[..]),
            (TAG_UTF8_STRING, &[0xff][..]),
            (TAG_BMP_STRING, &[0x00][..]),
            (TAG_BMP_STRING, &[0xd8, 0x00][..]),
        ] {
            // The raw bytes under the given tag.
            let mut content = ObjectIdentifier::new_unwrap("2.5.4.3").to_der().unwrap();
            content.extend(tlv_identifier(tag, bytes).unwrap());
            let pair = tlv(SEQUENCE, &content).unwrap();
            let der = tlv(SEQUENCE, &set_of(vec![pair]).unwrap()).unwrap();
            let name = Name::from_der(&der).unwrap();
            assert!(name_to_model(&name).is_err(), "tag {tag} {bytes:02x?}");
        }
    }

    #[test]
    fn long_lengths() {
        let long = "x".repeat(300);
        let model: NameModel = vec![vec![attr("2.5.4.3", TAG_UTF8_STRING, &long)]];
        let name = name_from_model(&model).unwrap();
        assert_eq!(name_to_model(&name).unwrap(), model);
    }
}
