//! Certificates: strict DER parsing into the pieces the binding serves (keeping the original
//! bytes, so `tbs_bytes` is exactly what was signed), and assembly of a TBSCertificate from
//! the builder's template.
//!
//! The outer structures are read with a small strict DER reader of our own ([`DerReader`]):
//! x509-cert's `Certificate` would re-encode rather than hand back the original TBS bytes, and
//! its RFC 5280 profile refuses inputs PyCA accepts (negative or long serials). Names and
//! extensions are still decoded with x509-cert and translated by `name` and `extensions`.
//! The reader and writer helpers here are shared by `csr`, `crl` and `algorithm`.

use der::Decode;
use x509_cert::ext::Extension;
use x509_cert::name::Name;

use crate::algorithm::parse_signature_algorithm;
use crate::error::{Result, X509Error};
use crate::model::{CertificateTemplateModel, ExtensionModel, Millis, NameModel};
use crate::time::{GENERALIZED_TIME, UTC_TIME, encode_time, parse_time};
use crate::util::{hex_to_integer, integer_to_hex};

// ---------------------------------------------------------------------------------------------
// DER reading

pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const NULL: u8 = 0x05;
pub const OID: u8 = 0x06;
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;

/// One element: its tag byte, its contents and the whole TLV as it appears in the input.
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub content: &'a [u8],
    pub whole: &'a [u8],
}

/// A strict DER reader over a byte slice: definite minimal lengths, single-byte tags, no
/// trailing data (checked by [`DerReader::finish`]). `what` names the structure in errors.
pub struct DerReader<'a> {
    data: &'a [u8],
    pos: usize,
    what: &'a str,
}

impl<'a> DerReader<'a> {
    pub fn new(data: &'a [u8], what: &'a str) -> DerReader<'a> {
        DerReader { data, pos: 0, what }
    }

    pub fn error(&self, detail: impl std::fmt::Display) -> X509Error {
        X509Error::value(format!("error parsing {}: {detail}", self.what))
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    pub fn peek_tag(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    pub fn read(&mut self) -> Result<Tlv<'a>> {
        let start = self.pos;
        let rest = &self.data[start..];
        let (&tag, mut after_tag) = rest
            .split_first()
            .ok_or_else(|| self.error("unexpected end of data"))?;
        // High tag numbers (long-form tags) are stepped over so callers can report them in
        // their own words; `tag` is then only the first identifier byte.
        let mut tag_len = 1;
        if tag & 0x1f == 0x1f {
            loop {
                let (&b, next) = after_tag
                    .split_first()
                    .ok_or_else(|| self.error("truncated tag"))?;
                after_tag = next;
                tag_len += 1;
                if tag_len > 5 {
                    return Err(self.error("tag number too large"));
                }
                if b & 0x80 == 0 {
                    break;
                }
            }
        }
        let (&first, after_len) = after_tag
            .split_first()
            .ok_or_else(|| self.error("truncated length"))?;
        let (length, header) = if first < 0x80 {
            (first as usize, tag_len + 1)
        } else {
            let count = (first & 0x7f) as usize;
            if count == 0 {
                return Err(self.error("indefinite length is not allowed in DER"));
            }
            if count > 4 || after_len.len() < count {
                return Err(self.error("invalid length"));
            }
            let bytes = &after_len[..count];
            if bytes[0] == 0 {
                return Err(self.error("non-minimal length encoding"));
            }
            let length = bytes.iter().fold(0usize, |acc, &b| acc << 8 | b as usize);
            if length < 0x80 {
                return Err(self.error("non-minimal length encoding"));
            }
            (length, tag_len + 1 + count)
        };
        if rest.len() - header < length {
            return Err(self.error("truncated data"));
        }
        self.pos = start + header + length;
        Ok(Tlv {
            tag,
            content: &rest[header..header + length],
            whole: &rest[..header + length],
        })
    }

    /// The next element, which must have `tag`.
    pub fn expect(&mut self, tag: u8, field: &str) -> Result<Tlv<'a>> {
        match self.peek_tag() {
            Some(t) if t == tag => self.read(),
            Some(t) => Err(self.error(format!(
                "{field}: expected tag 0x{tag:02x}, found 0x{t:02x}"
            ))),
            None => Err(self.error(format!("{field} is missing"))),
        }
    }

    /// The next element if it has `tag`.
    pub fn optional(&mut self, tag: u8) -> Result<Option<Tlv<'a>>> {
        if self.peek_tag() == Some(tag) {
            self.read().map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn finish(&self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.error("trailing data"))
        }
    }
}

/// Content octets of a DER INTEGER, checked for minimal encoding.
pub fn check_integer<'a>(reader: &DerReader<'_>, content: &'a [u8]) -> Result<&'a [u8]> {
    match content {
        [] => Err(reader.error("empty INTEGER")),
        [0, next, ..] if next & 0x80 == 0 => Err(reader.error("non-minimal INTEGER")),
        [0xff, next, ..] if next & 0x80 != 0 => Err(reader.error("non-minimal INTEGER")),
        _ => Ok(content),
    }
}

/// A small non-negative INTEGER (versions).
pub fn small_integer(reader: &DerReader<'_>, content: &[u8]) -> Result<i64> {
    let content = check_integer(reader, content)?;
    if content.len() > 4 {
        return Err(reader.error("INTEGER too large"));
    }
    let negative = content[0] & 0x80 != 0;
    let value = content
        .iter()
        .fold(if negative { -1i64 } else { 0 }, |acc, &b| {
            acc << 8 | b as i64
        });
    Ok(value)
}

/// Reads a Time (UTCTime or GeneralizedTime).
pub fn read_time(reader: &mut DerReader<'_>, field: &str) -> Result<Millis> {
    let tlv = reader
        .read()
        .map_err(|_| reader.error(format!("{field} is missing")))?;
    if tlv.tag != UTC_TIME && tlv.tag != GENERALIZED_TIME {
        return Err(reader.error(format!("{field} is not a time")));
    }
    parse_time(tlv.tag, tlv.content).map_err(|e| reader.error(format!("{field}: {e}")))
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
    let mut outer = DerReader::new(tlv, reader.what);
    let mut rdns = DerReader::new(outer.read()?.content, reader.what);
    while !rdns.is_empty() {
        let mut set = DerReader::new(rdns.read()?.content, reader.what);
        while !set.is_empty() {
            let mut pair = DerReader::new(set.read()?.content, reader.what);
            pair.read()?;
            let value = pair.read()?;
            if value.tag == 0x13 && !value.content.iter().all(|&b| is_printable(b)) {
                return Err(bad());
            }
        }
    }
    Ok(name)
}

/// A SEQUENCE OF Extension decoded by x509-cert from its TLV. An explicitly encoded
/// `critical FALSE` (a DEFAULT written out) is refused, as DER and PyCA require.
pub fn decode_extensions(reader: &DerReader<'_>, tlv: &[u8]) -> Result<Vec<Extension>> {
    let extensions =
        Vec::<Extension>::from_der(tlv).map_err(|e| reader.error(format!("extensions: {e}")))?;
    let mut outer = DerReader::new(tlv, reader.what);
    let mut list = DerReader::new(outer.read()?.content, reader.what);
    while !list.is_empty() {
        let mut fields = DerReader::new(list.read()?.content, reader.what);
        fields.read()?;
        if let Some(critical) = fields.optional(0x01)?
            && critical.content == [0]
        {
            return Err(reader.error("extensions: critical FALSE is explicitly encoded"));
        }
    }
    Ok(extensions)
}

/// The bytes of a BIT STRING (signatures are whole bytes; unused bits must be zero in count).
pub fn bit_string_bytes<'a>(reader: &DerReader<'_>, content: &'a [u8]) -> Result<&'a [u8]> {
    match content.split_first() {
        Some((0, bytes)) => Ok(bytes),
        Some((unused, bytes)) if *unused < 8 && !bytes.is_empty() => {
            let last = bytes[bytes.len() - 1];
            if last & ((1u8 << unused) - 1) != 0 {
                return Err(reader.error("BIT STRING padding bits are not zero"));
            }
            Ok(bytes)
        }
        _ => Err(reader.error("invalid BIT STRING")),
    }
}

// ---------------------------------------------------------------------------------------------
// DER writing

/// One TLV with a single-byte tag and a minimal definite length.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(bytes.len() - 1);
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// A constructed element holding already-encoded children in order.
pub fn constructed(tag: u8, children: &[&[u8]]) -> Vec<u8> {
    tlv(tag, &children.concat())
}

/// A SET OF in DER order (elements sorted by their encodings), as X.690 11.6 requires.
pub fn set_of(mut elements: Vec<Vec<u8>>) -> Vec<u8> {
    elements.sort();
    tlv(SET, &elements.concat())
}

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
    Ok(Some(tlv(SEQUENCE, &children.concat())))
}

/// The TLV of a model Name.
pub fn encode_name_tlv(name: &NameModel) -> Result<Vec<u8>> {
    crate::name::encode_name(name)
}

/// The DER INTEGER of a model HexInteger.
pub fn encode_integer(hex: &str) -> Result<Vec<u8>> {
    Ok(tlv(INTEGER, &hex_to_integer(hex)?))
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
    let mut outer = DerReader::new(spki, reader.what);
    let mut fields = DerReader::new(
        outer.expect(SEQUENCE, "subjectPublicKeyInfo")?.content,
        reader.what,
    );
    let algorithm = fields.expect(SEQUENCE, "subjectPublicKeyInfo algorithm")?;
    fields.expect(BIT_STRING, "subjectPublicKey")?;
    fields.finish()?;
    let mut a = DerReader::new(algorithm.content, reader.what);
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
        let version = match r.optional(0xa0)? {
            Some(explicit) => {
                let mut inner = DerReader::new(explicit.content, WHAT);
                let value = inner.expect(INTEGER, "version")?;
                inner.finish()?;
                let version = small_integer(&inner, value.content)?;
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
        let serial = integer_to_hex(check_integer(&r, serial.content)?);
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
        r.optional(0x81)?;
        r.optional(0x82)?;
        let extensions = match r.optional(0xa3)? {
            Some(explicit) => {
                let mut inner = DerReader::new(explicit.content, WHAT);
                let list = inner.expect(SEQUENCE, "extensions")?;
                inner.finish()?;
                decode_extensions(&inner, list.whole)?
            }
            None => Vec::new(),
        };
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
    let version = tlv(0xa0, &tlv(INTEGER, &[2]));
    let serial = encode_integer(&template.serial_number)?;
    let issuer = encode_name_tlv(&template.issuer)?;
    let validity = constructed(
        SEQUENCE,
        &[
            &encode_time(template.not_before)?,
            &encode_time(template.not_after)?,
        ],
    );
    let subject = encode_name_tlv(&template.subject)?;
    let mut parts: Vec<&[u8]> = vec![
        &version, &serial, algorithm, &issuer, &validity, &subject, spki,
    ];
    let extensions = encode_extensions(&template.extensions)?.map(|list| tlv(0xa3, &list));
    if let Some(extensions) = &extensions {
        parts.push(extensions);
    }
    Ok(constructed(SEQUENCE, &parts))
}

/// A signed object: SEQUENCE { tbs, algorithm, BIT STRING signature }.
pub fn assemble_signed(tbs: &[u8], algorithm: &[u8], signature: &[u8]) -> Vec<u8> {
    let mut bits = Vec::with_capacity(signature.len() + 1);
    bits.push(0);
    bits.extend_from_slice(signature);
    constructed(SEQUENCE, &[tbs, algorithm, &tlv(BIT_STRING, &bits)])
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
    fn reader_refuses_non_der_lengths_and_trailing_data() {
        for bad in [
            &b"\x30\x80\x00\x00"[..],
            b"\x30\x81\x01\x00",
            b"\x30\x82\x00\x81",
            b"\x30\x03\x00",
            b"\x30",
            b"\x1f\x81",
            b"\x1f\x81\x81\x81\x81\x81\x01\x00",
        ] {
            let mut r = DerReader::new(bad, "x");
            assert!(r.read().is_err(), "{bad:02x?}");
        }
        // A long-form tag is read whole.
        let mut r = DerReader::new(b"\x9f\x81\x01\x01\x07", "x");
        let long = r.read().unwrap();
        assert_eq!(
            (long.tag, long.content, long.whole.len()),
            (0x9f, &[7u8][..], 5)
        );
        let mut r = DerReader::new(b"\x05\x00\x05\x00", "x");
        r.read().unwrap();
        assert!(r.finish().is_err());
        let long = tlv(OCTET_STRING, &[7u8; 300]);
        assert_eq!(&long[..4], b"\x04\x82\x01\x2c");
        let mut r = DerReader::new(&long, "x");
        assert_eq!(r.read().unwrap().content.len(), 300);
        r.finish().unwrap();
    }

    #[test]
    fn integers_must_be_minimal() {
        let r = DerReader::new(b"", "x");
        assert!(check_integer(&r, &[0, 1]).is_err());
        assert!(check_integer(&r, &[0xff, 0x80]).is_err());
        assert!(check_integer(&r, &[]).is_err());
        assert_eq!(check_integer(&r, &[0, 0x80]).unwrap(), &[0, 0x80]);
        assert_eq!(small_integer(&r, &[2]).unwrap(), 2);
        assert_eq!(small_integer(&r, &[0xff]).unwrap(), -1);
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
        let rest = &tbs_content[fields.pos..];
        for (version, ok) in [(0u8, false), (1, false), (3, false), (2, true)] {
            let new_tbs = constructed(SEQUENCE, &[&tlv(0xa0, &tlv(INTEGER, &[version])), rest]);
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
