//! GeneralName ⇄ [`GeneralNameModel`] (RFC 5280 4.2.1.6).
//!
//! Besides the typed conversions of the contract (on `x509-cert`'s `GeneralName`), this module
//! converts general names held as raw TLVs (`Any`), which is what the extension codec uses,
//! because `x509-cert`'s type cannot represent everything PyCA reads and writes: an
//! x400Address (reported as unsupported, as PyCA does, rather than as malformed DER), a
//! dNSName/rfc822Name/URI holding UTF-8 (PyCA reads them unvalidated), OIDs `const-oid`
//! refuses (2.999.7), and directory names with UniversalString attributes.

use der::asn1::{Any, Ia5String, OctetString};
use der::{Decode, Encode, Tag, TagNumber, Tagged};
use x509_cert::ext::pkix::name::{GeneralName, OtherName};
use x509_cert::name::Name;

use crate::der_util::{OID, SEQUENCE, oid_from_content, oid_to_content, tlv};
use crate::error::{Result, X509Error};
use crate::model::GeneralNameModel;
use crate::name::{encode_name, name_from_model, name_to_model, parse_oid};
use crate::util::{from_hex, to_hex};

const UNSUPPORTED: &str = "x400Address/EDIPartyName are not supported types";

pub fn general_name_to_model(name: &GeneralName) -> Result<GeneralNameModel> {
    Ok(match name {
        GeneralName::OtherName(other) => GeneralNameModel::Other {
            type_id: other.type_id.to_string(),
            value: to_hex(
                &other
                    .value
                    .to_der()
                    .map_err(|e| X509Error::der("an otherName", e))?,
            ),
        },
        GeneralName::Rfc822Name(s) => GeneralNameModel::Email {
            value: s.to_string(),
        },
        GeneralName::DnsName(s) => GeneralNameModel::Dns {
            value: s.to_string(),
        },
        GeneralName::UniformResourceIdentifier(s) => GeneralNameModel::Uri {
            value: s.to_string(),
        },
        GeneralName::DirectoryName(name) => GeneralNameModel::DirName {
            value: name_to_model(name)?,
        },
        GeneralName::IpAddress(bytes) => {
            let bytes = bytes.as_bytes();
            check_ip(bytes)?;
            GeneralNameModel::Ip {
                value: to_hex(bytes),
            }
        }
        GeneralName::RegisteredId(oid) => GeneralNameModel::Rid {
            value: oid.to_string(),
        },
        GeneralName::EdiPartyName(_) => return Err(X509Error::unsupported(UNSUPPORTED)),
    })
}

/// PyCA reads 4 or 16 bytes as an address and 8 or 32 as a network (address, then a mask
/// that must be a run of ones followed by zeros); anything else is an error there.
fn check_ip(bytes: &[u8]) -> Result<()> {
    match bytes.len() {
        4 | 16 => Ok(()),
        8 | 32 => {
            let mask = &bytes[bytes.len() / 2..];
            let bits = mask
                .iter()
                .flat_map(|b| (0..8).rev().map(move |i| b >> i & 1 == 1));
            let mut seen_zero = false;
            for bit in bits {
                if bit && seen_zero {
                    return Err(X509Error::value("Invalid netmask"));
                }
                seen_zero |= !bit;
            }
            Ok(())
        }
        n => Err(X509Error::value(format!(
            "Invalid IPNetwork, must be 8 bytes for IPv4 and 32 bytes for IPv6. Found length: {n}"
        ))),
    }
}

fn check_ip_len(bytes: &[u8]) -> Result<()> {
    if [4, 16, 8, 32].contains(&bytes.len()) {
        return Ok(());
    }
    Err(X509Error::value(format!(
        "an IPAddress must have 4 or 16 bytes (8 or 32 for a network), not {}",
        bytes.len()
    )))
}

pub fn general_name_from_model(model: &GeneralNameModel) -> Result<GeneralName> {
    fn ia5(kind: &str, value: &str) -> Result<Ia5String> {
        Ia5String::new(ascii(kind, value)?).map_err(|e| X509Error::der(kind, e))
    }
    Ok(match model {
        GeneralNameModel::Dns { value } => GeneralName::DnsName(ia5("a DNSName", value)?),
        GeneralNameModel::Email { value } => GeneralName::Rfc822Name(ia5("an RFC822Name", value)?),
        GeneralNameModel::Uri { value } => {
            GeneralName::UniformResourceIdentifier(ia5("a UniformResourceIdentifier", value)?)
        }
        GeneralNameModel::Ip { value } => {
            let bytes = from_hex(value)?;
            check_ip_len(&bytes)?;
            GeneralName::IpAddress(
                OctetString::new(bytes).map_err(|e| X509Error::der("an IPAddress", e))?,
            )
        }
        GeneralNameModel::DirName { value } => GeneralName::DirectoryName(name_from_model(value)?),
        GeneralNameModel::Rid { value } => GeneralName::RegisteredId(parse_oid(value)?),
        GeneralNameModel::Other { type_id, value } => {
            let bytes = from_hex(value)?;
            let inner = Any::from_der(&bytes)
                .map_err(|e| X509Error::value(format!("OtherName value must be valid DER: {e}")))?;
            GeneralName::OtherName(OtherName {
                type_id: parse_oid(type_id)?,
                value: inner,
            })
        }
    })
}

pub fn general_names_to_model(names: &[GeneralName]) -> Result<Vec<GeneralNameModel>> {
    names.iter().map(general_name_to_model).collect()
}

pub fn general_names_from_model(models: &[GeneralNameModel]) -> Result<Vec<GeneralName>> {
    models.iter().map(general_name_from_model).collect()
}

/// A general name held as its raw TLV, read the way PyCA reads it: dNSName, rfc822Name and
/// URI are not checked to be ASCII (PyCA's `UnvalidatedIA5String`, only UTF-8 is required),
/// and OIDs are decoded here so that any valid OID is accepted.
pub(crate) fn any_to_model(raw: &Any) -> Result<GeneralNameModel> {
    let tag = raw.tag();
    let content = raw.value();
    let text = || {
        String::from_utf8(content.to_vec())
            .map_err(|_| X509Error::value("error parsing a GeneralName: the value is not UTF-8"))
    };
    let malformed = || {
        X509Error::value(format!(
            "error parsing a GeneralName: malformed value of type {tag}"
        ))
    };
    if !tag.is_context_specific() {
        return Err(X509Error::value(format!(
            "error parsing a GeneralName: unexpected tag {tag}"
        )));
    }
    let constructed = tag.is_constructed();
    Ok(match (tag.number().value(), constructed) {
        (0, true) => {
            // OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }
            let parts = split(content).ok_or_else(malformed)?;
            let [type_id, wrapper] = parts.as_slice() else {
                return Err(malformed());
            };
            let wrapper_tag = wrapper.tag();
            if type_id.tag() != Tag::ObjectIdentifier
                || !is_context(wrapper_tag, 0)
                || !wrapper_tag.is_constructed()
            {
                return Err(malformed());
            }
            let inner = Any::from_der(wrapper.value()).map_err(|_| malformed())?;
            GeneralNameModel::Other {
                type_id: oid_from_content(type_id.value())?,
                value: to_hex(
                    &inner
                        .to_der()
                        .map_err(|e| X509Error::der("an otherName", e))?,
                ),
            }
        }
        (1, false) => GeneralNameModel::Email { value: text()? },
        (2, false) => GeneralNameModel::Dns { value: text()? },
        (6, false) => GeneralNameModel::Uri { value: text()? },
        (3 | 5, _) => return Err(X509Error::unsupported(UNSUPPORTED)),
        (4, true) => {
            let name = Name::from_der(content).map_err(|e| X509Error::der("a directoryName", e))?;
            GeneralNameModel::DirName {
                value: name_to_model(&name)?,
            }
        }
        (7, false) => {
            check_ip(content)?;
            GeneralNameModel::Ip {
                value: to_hex(content),
            }
        }
        (8, false) => GeneralNameModel::Rid {
            value: oid_from_content(content)?,
        },
        _ => {
            return Err(X509Error::value(format!(
                "error parsing a GeneralName: unexpected tag {tag}"
            )));
        }
    })
}

/// The TLVs of a constructed value's contents.
fn split(content: &[u8]) -> Option<Vec<Any>> {
    Vec::<Any>::from_der(&tlv(SEQUENCE, content).ok()?).ok()
}

pub(crate) fn anys_to_model(raw: &[Any]) -> Result<Vec<GeneralNameModel>> {
    raw.iter().map(any_to_model).collect()
}

fn context(number: u32, constructed: bool, content: Vec<u8>) -> Result<Any> {
    Any::new(
        Tag::ContextSpecific {
            constructed,
            number: TagNumber(number),
        },
        content,
    )
    .map_err(|e| X509Error::der("a GeneralName", e))
}

fn ascii<'a>(kind: &str, value: &'a str) -> Result<&'a [u8]> {
    if !value.is_ascii() {
        return Err(X509Error::value(format!(
            "{kind} must be an ASCII (IA5String) value; encode internationalized names first (A-labels, punycode)"
        )));
    }
    Ok(value.as_bytes())
}

/// The raw TLV of a general name, written without `x509-cert` so that any OID and any
/// name-attribute type (UniversalString included) can be written, as PyCA can.
pub(crate) fn model_to_any(model: &GeneralNameModel) -> Result<Any> {
    match model {
        GeneralNameModel::Other { type_id, value } => {
            let inner = from_hex(value)?;
            Any::from_der(&inner)
                .map_err(|e| X509Error::value(format!("OtherName value must be valid DER: {e}")))?;
            let mut content = tlv(OID, &oid_to_content(type_id)?)?;
            content.extend(crate::der_util::explicit(0, &inner)?);
            context(0, true, content)
        }
        GeneralNameModel::Email { value } => {
            context(1, false, ascii("an RFC822Name", value)?.to_vec())
        }
        GeneralNameModel::Dns { value } => context(2, false, ascii("a DNSName", value)?.to_vec()),
        GeneralNameModel::DirName { value } => context(4, true, encode_name(value)?),
        GeneralNameModel::Uri { value } => context(
            6,
            false,
            ascii("a UniformResourceIdentifier", value)?.to_vec(),
        ),
        GeneralNameModel::Ip { value } => {
            let bytes = from_hex(value)?;
            check_ip_len(&bytes)?;
            context(7, false, bytes)
        }
        GeneralNameModel::Rid { value } => context(8, false, oid_to_content(value)?),
    }
}

pub(crate) fn models_to_any(models: &[GeneralNameModel]) -> Result<Vec<Any>> {
    models.iter().map(model_to_any).collect()
}

/// Whether a raw TLV's tag is the context-specific tag `n`.
fn is_context(tag: Tag, n: u32) -> bool {
    tag.is_context_specific() && tag.number() == TagNumber(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NameAttributeModel;

    fn round_trip(model: GeneralNameModel) {
        let gn = general_name_from_model(&model).unwrap();
        assert_eq!(general_name_to_model(&gn).unwrap(), model);
        let any = model_to_any(&model).unwrap();
        assert_eq!(any_to_model(&any).unwrap(), model);
    }

    #[test]
    fn every_supported_type_round_trips() {
        round_trip(GeneralNameModel::Dns {
            value: "*.example.com".into(),
        });
        round_trip(GeneralNameModel::Email {
            value: "a@example.com".into(),
        });
        round_trip(GeneralNameModel::Uri {
            value: "https://example.com/x".into(),
        });
        round_trip(GeneralNameModel::Ip {
            value: "7f000001".into(),
        });
        round_trip(GeneralNameModel::Ip {
            value: "20010db8000000000000000000000001".into(),
        });
        round_trip(GeneralNameModel::Ip {
            value: "c0a80000ffff0000".into(),
        });
        round_trip(GeneralNameModel::Rid {
            value: "1.2.3.4".into(),
        });
        round_trip(GeneralNameModel::DirName {
            value: vec![vec![NameAttributeModel {
                oid: "2.5.4.3".into(),
                tag: 12,
                value: "x".into(),
            }]],
        });
        // UTF8String "hi" inside the [0] EXPLICIT wrapper.
        round_trip(GeneralNameModel::Other {
            type_id: "1.3.6.1.4.1.311.20.2.3".into(),
            value: "0c026869".into(),
        });
    }

    #[test]
    fn exact_der() {
        let gn = general_name_from_model(&GeneralNameModel::Dns {
            value: "a.b".into(),
        })
        .unwrap();
        assert_eq!(gn.to_der().unwrap(), [0x82, 3, b'a', b'.', b'b']);
        let gn = general_name_from_model(&GeneralNameModel::Other {
            type_id: "1.2.3".into(),
            value: "0500".into(),
        })
        .unwrap();
        assert_eq!(
            gn.to_der().unwrap(),
            [0xa0, 0x08, 0x06, 0x02, 0x2a, 0x03, 0xa0, 0x02, 0x05, 0x00]
        );
    }

    #[test]
    fn rejects_bad_models() {
        assert!(
            general_name_from_model(&GeneralNameModel::Dns {
                value: "exämple.com".into()
            })
            .is_err()
        );
        assert!(
            general_name_from_model(&GeneralNameModel::Email {
                value: "ü@x".into()
            })
            .is_err()
        );
        assert!(
            general_name_from_model(&GeneralNameModel::Ip {
                value: "7f0000".into()
            })
            .is_err()
        );
        assert!(general_name_from_model(&GeneralNameModel::Rid { value: "x".into() }).is_err());
        let bad_other = GeneralNameModel::Other {
            type_id: "1.2.3".into(),
            value: "0c05".into(),
        };
        assert!(general_name_from_model(&bad_other).is_err());
    }

    #[test]
    fn unsupported_and_invalid_on_parse() {
        // x400Address [3] and ediPartyName [5].
        for der in [
            &[0xa3, 0x02, 0x30, 0x00][..],
            &[0xa5, 0x04, 0x81, 0x02, b'h', b'i'][..],
        ] {
            let any = Any::from_der(der).unwrap();
            assert!(
                matches!(any_to_model(&any), Err(X509Error::Unsupported(_))),
                "{der:02x?}"
            );
        }
        // IP lengths and netmasks.
        for der in [
            &[0x87, 3, 1, 2, 3][..],
            &[0x87, 8, 10, 0, 0, 0, 0xff, 0, 0xff, 0][..],
        ] {
            let any = Any::from_der(der).unwrap();
            assert!(
                matches!(any_to_model(&any), Err(X509Error::Value(_))),
                "{der:02x?}"
            );
        }
    }
}
