//! The crate's one place for DER framing, on RustCrypto `der`: a strict reader that hands back
//! the original bytes of every element (so a TBS is exactly what was signed), writers for
//! TLVs, SEQUENCEs, SET OFs and explicit tags, and OBJECT IDENTIFIER conversions.
//!
//! Headers are decoded by `der::Header::decode` over a `der::SliceReader`, which is strict
//! DER: minimal definite lengths, no indefinite length, minimal high tag numbers. Headers are
//! written with `der::Header` / `der::asn1::AnyRef`. Two small fallbacks remain, each for
//! something PyCA reads or writes that `der` 0.8 / `const-oid` 0.10 cannot represent:
//!
//! * universal identifiers `der::Tag` has no variant for (UniversalString 28, EXTERNAL, a
//!   constructed encoding of a primitive type, universal high tag numbers): the identifier
//!   octets are stepped over here and the length is still decoded (and encoded) by
//!   `der::Length` — see [`DerReader::read`] and [`tlv_identifier`];
//! * OBJECT IDENTIFIERs `const-oid` refuses (a first subidentifier above 127 such as 2.999.7,
//!   arcs above 2^32, more than its fixed capacity): [`oid_to_content`] tries `const-oid`
//!   first and otherwise uses X.690 8.19 directly; [`oid_from_content`] always does, as
//!   `const-oid` also accepts non-minimal subidentifiers.

use der::asn1::{AnyRef, BitStringRef, IntRef, ObjectIdentifier};
use der::{Decode, Encode, Header, Length, Reader, SliceReader, Tag, TagNumber};

use crate::error::{Result, X509Error};

pub const BOOLEAN: Tag = Tag::Boolean;
pub const INTEGER: Tag = Tag::Integer;
pub const BIT_STRING: Tag = Tag::BitString;
pub const OCTET_STRING: Tag = Tag::OctetString;
pub const NULL: Tag = Tag::Null;
pub const OID: Tag = Tag::ObjectIdentifier;
pub const ENUMERATED: Tag = Tag::Enumerated;
pub const SEQUENCE: Tag = Tag::Sequence;
pub const SET: Tag = Tag::Set;
pub const UTC_TIME: Tag = Tag::UtcTime;
pub const GENERALIZED_TIME: Tag = Tag::GeneralizedTime;

/// The constructed context-specific tag `[number]` (EXPLICIT wrappers, CSR attributes).
pub const fn context(number: u32) -> Tag {
    Tag::ContextSpecific {
        constructed: true,
        number: TagNumber(number),
    }
}

/// The primitive context-specific tag `[number]` (IMPLICIT primitive fields).
pub const fn context_primitive(number: u32) -> Tag {
    Tag::ContextSpecific {
        constructed: false,
        number: TagNumber(number),
    }
}

/// One element as it appears in the input.
#[derive(Clone, Copy, Debug)]
pub struct Tlv<'a> {
    /// The first identifier octet (class, constructed bit, and the number or 0x1f for a high
    /// tag number): what PyCA reports as a CSR attribute's type.
    pub identifier: u8,
    /// The tag as `der` knows it; `None` for the universal identifiers it has no variant for.
    pub tag: Option<Tag>,
    pub content: &'a [u8],
    pub whole: &'a [u8],
}

impl Tlv<'_> {
    pub fn is(&self, tag: Tag) -> bool {
        self.tag == Some(tag)
    }
}

/// A strict DER reader over a byte slice. `what` names the structure in errors; the end is
/// checked by [`DerReader::finish`] (no trailing data).
#[derive(Clone)]
pub struct DerReader<'a> {
    data: &'a [u8],
    pos: usize,
    what: &'a str,
}

impl<'a> DerReader<'a> {
    pub fn new(data: &'a [u8], what: &'a str) -> DerReader<'a> {
        DerReader { data, pos: 0, what }
    }

    /// What is being read, as named in errors.
    pub fn what(&self) -> &'a str {
        self.what
    }

    pub fn error(&self, detail: impl std::fmt::Display) -> X509Error {
        X509Error::value(format!("error parsing {}: {detail}", self.what))
    }

    /// A `der` error in this reader's words (its kind: positions would be relative to the
    /// element being read, not to the input).
    fn der_error(&self, error: der::Error) -> X509Error {
        self.error(error.kind())
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// What has not been read yet.
    pub fn remaining(&self) -> &'a [u8] {
        &self.data[self.pos.min(self.data.len())..]
    }

    /// The tag of the next element, when there is one and `der` can name it.
    pub fn peek_tag(&self) -> Option<Tag> {
        let rest = self.remaining();
        let reader = SliceReader::new(rest).ok()?;
        Tag::peek(&reader).ok()
    }

    pub fn read(&mut self) -> Result<Tlv<'a>> {
        let rest = self.remaining();
        let &identifier = rest
            .first()
            .ok_or_else(|| self.error("unexpected end of data"))?;
        let mut reader = SliceReader::new(rest).map_err(|e| self.der_error(e))?;
        let (tag, skipped, length) = match Header::decode(&mut reader) {
            Ok(header) => (Some(header.tag()), 0, header.length()),
            // Fallback (module docs): a universal identifier `der::Tag` cannot hold. The
            // identifier is stepped over; the length is still `der`'s.
            Err(_) if identifier & 0xc0 == 0 && self.peek_tag().is_none() => {
                let skip = universal_identifier_len(rest)
                    .ok_or_else(|| self.error("malformed identifier octets"))?;
                reader = SliceReader::new(&rest[skip..]).map_err(|e| self.der_error(e))?;
                let length = Length::decode(&mut reader).map_err(|e| self.der_error(e))?;
                (None, skip, length)
            }
            Err(e) => return Err(self.der_error(e)),
        };
        let content = reader.read_slice(length).map_err(|e| self.der_error(e))?;
        let consumed =
            skipped + usize::try_from(reader.position()).map_err(|e| self.der_error(e))?;
        self.pos += consumed;
        Ok(Tlv {
            identifier,
            tag,
            content,
            whole: &rest[..consumed],
        })
    }

    /// The next element, which must have `tag`.
    pub fn expect(&mut self, tag: Tag, field: &str) -> Result<Tlv<'a>> {
        if self.is_empty() {
            return Err(self.error(format!("{field} is missing")));
        }
        match self.peek_tag() {
            Some(t) if t == tag => self.read(),
            Some(t) => Err(self.error(format!("{field}: expected {tag}, found {t}"))),
            None => Err(self.error(format!("{field}: expected {tag}, found another tag"))),
        }
    }

    /// The next element if it has `tag`.
    pub fn optional(&mut self, tag: Tag) -> Result<Option<Tlv<'a>>> {
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

/// The length of a universal identifier `der` refused: one octet, or for a high tag number
/// (low bits 0x1f) the octets up to the last one without bit 8, at most four of them, the
/// first not 0x80 (minimal). `None` when malformed.
fn universal_identifier_len(rest: &[u8]) -> Option<usize> {
    if rest.first()? & 0x1f != 0x1f {
        return Some(1);
    }
    for (i, &b) in rest.iter().enumerate().skip(1).take(4) {
        if i == 1 && b == 0x80 {
            return None;
        }
        if b & 0x80 == 0 {
            return Some(i + 1);
        }
    }
    None
}

/// Content octets of a minimally encoded INTEGER (`der`'s canonical-form check).
pub fn check_integer<'a>(reader: &DerReader<'_>, tlv: &Tlv<'a>) -> Result<&'a [u8]> {
    IntRef::from_der(tlv.whole).map_err(|e| reader.der_error(e))?;
    Ok(tlv.content)
}

/// A small INTEGER (versions, salt lengths): at most four content octets.
pub fn small_integer(reader: &DerReader<'_>, tlv: &Tlv<'_>) -> Result<i64> {
    check_integer(reader, tlv)?;
    i32::from_der(tlv.whole)
        .map(i64::from)
        .map_err(|_| reader.error("INTEGER too large"))
}

/// The bytes of a BIT STRING (`der` checks the unused-bits octet; the padding bits must also
/// be zero, as DER requires).
pub fn bit_string_bytes<'a>(reader: &DerReader<'_>, content: &'a [u8]) -> Result<&'a [u8]> {
    let (&unused, bytes) = content
        .split_first()
        .ok_or_else(|| reader.error("invalid BIT STRING"))?;
    let bits = BitStringRef::new(unused, bytes).map_err(|_| reader.error("invalid BIT STRING"))?;
    if let Some(&last) = bytes.last()
        && last & ((1u16 << bits.unused_bits()) - 1) as u8 != 0
    {
        return Err(reader.error("BIT STRING padding bits are not zero"));
    }
    Ok(bytes)
}

// ---------------------------------------------------------------------------------------------
// Writing

fn encode_error(error: der::Error) -> X509Error {
    X509Error::value(format!("cannot encode DER: {error}"))
}

/// One TLV: `der`'s header (tag, minimal definite length), then `content`.
pub fn tlv(tag: Tag, content: &[u8]) -> Result<Vec<u8>> {
    AnyRef::new(tag, content)
        .and_then(|any| any.to_der())
        .map_err(encode_error)
}

/// One TLV under a single identifier octet (a model's tag byte). Falls back to writing the
/// octet itself, before `der`'s length, for the universal identifiers `der::Tag` cannot hold
/// (module docs); high tag numbers are not single octets and are refused.
pub fn tlv_identifier(identifier: u8, content: &[u8]) -> Result<Vec<u8>> {
    if identifier & 0x1f == 0x1f {
        return Err(X509Error::value(format!(
            "cannot encode the ASN.1 identifier 0x{identifier:02x}: high tag numbers take more than one octet"
        )));
    }
    let known = SliceReader::new(std::slice::from_ref(&identifier))
        .ok()
        .and_then(|mut r| Tag::decode(&mut r).ok());
    if let Some(tag) = known {
        return tlv(tag, content);
    }
    let length = Length::try_from(content.len()).map_err(encode_error)?;
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(identifier);
    length.encode_to_vec(&mut out).map_err(encode_error)?;
    out.extend_from_slice(content);
    Ok(out)
}

/// A SEQUENCE of already-encoded children, in order.
pub fn sequence(children: &[&[u8]]) -> Result<Vec<u8>> {
    tlv(SEQUENCE, &children.concat())
}

/// `[number] EXPLICIT` around an encoded element.
pub fn explicit(number: u32, inner: &[u8]) -> Result<Vec<u8>> {
    tlv(context(number), inner)
}

/// A SET OF in DER order (elements sorted by their encodings, X.690 11.6).
pub fn set_of(mut elements: Vec<Vec<u8>>) -> Result<Vec<u8>> {
    elements.sort();
    tlv(SET, &elements.concat())
}

// ---------------------------------------------------------------------------------------------
// OBJECT IDENTIFIERs

/// The dotted form of OBJECT IDENTIFIER content octets, by X.690 8.19 directly: `const-oid`
/// 0.10 refuses valid OIDs PyCA reads (module docs) and accepts non-minimal subidentifiers
/// (a leading 0x80 octet) that DER and PyCA refuse, so it can serve neither way round.
pub fn oid_from_content(content: &[u8]) -> Result<String> {
    let bad = || X509Error::value("malformed OBJECT IDENTIFIER");
    if content.is_empty() || content.last().is_some_and(|b| b & 0x80 != 0) {
        return Err(bad());
    }
    let mut arcs: Vec<u128> = Vec::new();
    let mut current: u128 = 0;
    let mut start = true;
    for &byte in content {
        // A subidentifier must be minimal: it cannot start with 0x80.
        if start && byte == 0x80 {
            return Err(bad());
        }
        if current.leading_zeros() < 7 {
            return Err(X509Error::value("OBJECT IDENTIFIER arc is too large"));
        }
        current = current << 7 | u128::from(byte & 0x7f);
        start = byte & 0x80 == 0;
        if start {
            arcs.push(current);
            current = 0;
        }
    }
    let first = arcs[0];
    let (a, b) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut out = format!("{a}.{b}");
    for arc in &arcs[1..] {
        out.push('.');
        out.push_str(&arc.to_string());
    }
    Ok(out)
}

/// OBJECT IDENTIFIER content octets of a dotted string (decimal arcs without leading zeros,
/// at least two, the first 0–2): `const-oid`, or X.690 8.19 for what it refuses.
pub fn oid_to_content(dotted: &str) -> Result<Vec<u8>> {
    let bad = || {
        X509Error::value(format!(
            "invalid object identifier {dotted:?}: expected dotted decimal arcs such as 2.5.4.3"
        ))
    };
    let arcs = dotted
        .split('.')
        .map(|a| {
            if a.is_empty()
                || !a.bytes().all(|b| b.is_ascii_digit())
                || (a.len() > 1 && a.starts_with('0'))
            {
                return Err(bad());
            }
            a.parse::<u128>().map_err(|_| bad())
        })
        .collect::<Result<Vec<_>>>()?;
    if arcs.len() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39) {
        return Err(bad());
    }
    if let Ok(oid) = ObjectIdentifier::new(dotted) {
        return Ok(oid.as_bytes().to_vec());
    }
    let first = (arcs[0] * 40).checked_add(arcs[1]).ok_or_else(bad)?;
    let mut out = Vec::new();
    for arc in std::iter::once(first).chain(arcs[2..].iter().copied()) {
        let mut chunk = vec![(arc & 0x7f) as u8];
        let mut rest = arc >> 7;
        while rest > 0 {
            chunk.push((rest & 0x7f) as u8 | 0x80);
            rest >>= 7;
        }
        out.extend(chunk.iter().rev());
    }
    Ok(out)
}

/// The OBJECT IDENTIFIER TLV of a dotted string.
pub fn oid_tlv(dotted: &str) -> Result<Vec<u8>> {
    tlv(OID, &oid_to_content(dotted)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::{from_hex, to_hex};

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
            b"\x9f\x05\x00",
            b"\x1c\x80\x00\x00",
            b"\x1c\x02\x00",
        ] {
            let mut r = DerReader::new(bad, "x");
            assert!(r.read().is_err(), "{bad:02x?}");
        }
        // A long-form tag is read whole.
        let mut r = DerReader::new(b"\x9f\x81\x01\x01\x07", "x");
        let long = r.read().unwrap();
        assert_eq!(
            (long.identifier, long.content, long.whole.len()),
            (0x9f, &[7u8][..], 5)
        );
        assert!(long.tag.is_some());
        // Universal identifiers der has no Tag for still read (UniversalString, a universal
        // high tag number).
        let mut r = DerReader::new(b"\x1c\x01\x41\x1f\x81\x01\x00", "x");
        let universal = r.read().unwrap();
        assert_eq!((universal.identifier, universal.tag), (0x1c, None));
        assert_eq!(universal.whole, b"\x1c\x01\x41");
        assert_eq!(r.read().unwrap().whole, b"\x1f\x81\x01\x00");
        r.finish().unwrap();
        let mut r = DerReader::new(b"\x05\x00\x05\x00", "x");
        assert!(r.read().unwrap().is(NULL));
        assert_eq!(r.remaining(), b"\x05\x00");
        assert!(r.finish().is_err());
        let long = tlv(OCTET_STRING, &[7u8; 300]).unwrap();
        assert_eq!(&long[..4], b"\x04\x82\x01\x2c");
        let mut r = DerReader::new(&long, "x");
        assert_eq!(r.read().unwrap().content.len(), 300);
        r.finish().unwrap();
    }

    #[test]
    fn identifiers_and_writers() {
        assert_eq!(tlv_identifier(0x1c, b"u").unwrap(), b"\x1c\x01u");
        assert_eq!(tlv_identifier(0x0c, b"u").unwrap(), b"\x0c\x01u");
        assert_eq!(tlv_identifier(0xa0, b"").unwrap(), b"\xa0\x00");
        assert!(tlv_identifier(0x1f, b"").is_err());
        assert_eq!(
            set_of(vec![b"\x05\x01\x01".to_vec(), b"\x05\x00".to_vec()]).unwrap(),
            b"\x31\x05\x05\x00\x05\x01\x01"
        );
        assert_eq!(explicit(3, b"\x05\x00").unwrap(), b"\xa3\x02\x05\x00");
        assert_eq!(sequence(&[b"\x05\x00"]).unwrap(), b"\x30\x02\x05\x00");
    }

    #[test]
    fn integers_must_be_minimal() {
        let r = DerReader::new(b"", "x");
        let int = |bytes: &'static [u8]| DerReader::new(bytes, "x").read().unwrap();
        assert!(check_integer(&r, &int(b"\x02\x02\x00\x01")).is_err());
        assert!(check_integer(&r, &int(b"\x02\x02\xff\x80")).is_err());
        assert!(check_integer(&r, &int(b"\x02\x00")).is_err());
        assert_eq!(
            check_integer(&r, &int(b"\x02\x02\x00\x80")).unwrap(),
            &[0, 0x80]
        );
        assert_eq!(small_integer(&r, &int(b"\x02\x01\x02")).unwrap(), 2);
        assert_eq!(small_integer(&r, &int(b"\x02\x01\xff")).unwrap(), -1);
        assert!(small_integer(&r, &int(b"\x02\x05\x01\x00\x00\x00\x00")).is_err());
    }

    #[test]
    fn bit_strings() {
        let r = DerReader::new(b"", "x");
        assert_eq!(bit_string_bytes(&r, &[0, 1, 2]).unwrap(), &[1, 2]);
        assert_eq!(bit_string_bytes(&r, &[0]).unwrap(), &[] as &[u8]);
        assert_eq!(bit_string_bytes(&r, &[4, 0xf0]).unwrap(), &[0xf0]);
        assert!(bit_string_bytes(&r, &[4, 0xf8]).is_err());
        assert!(bit_string_bytes(&r, &[1]).is_err());
        assert!(bit_string_bytes(&r, &[8, 0]).is_err());
        assert!(bit_string_bytes(&r, &[]).is_err());
    }

    #[test]
    fn object_identifiers() {
        for (dotted, hex) in [
            ("2.5.4.3", "550403"),
            ("1.2.840.113549.1.1.11", "2a864886f70d01010b"),
            ("2.999.7", "883707"),
            ("0.0", "00"),
            (
                "1.39.340282366920938463463374607431768211455",
                "4f83ffffffffffffffffffffffffffffffffff7f",
            ),
        ] {
            assert_eq!(to_hex(&oid_to_content(dotted).unwrap()), hex, "{dotted}");
            assert_eq!(
                oid_from_content(&from_hex(hex).unwrap()).unwrap(),
                dotted,
                "{hex}"
            );
        }
        for bad in [
            "",
            "1",
            "3.1",
            "1.40",
            "1.2.",
            "1..2",
            "1.02",
            "a.b",
            "1.2.340282366920938463463374607431768211456",
        ] {
            assert!(oid_to_content(bad).is_err(), "{bad}");
        }
        for bad in [
            "",
            "2a86",
            "2a8001",
            "0184ffffffffffffffffffffffffffffffffff7f",
        ] {
            assert!(oid_from_content(&from_hex(bad).unwrap()).is_err(), "{bad}");
        }
    }
}
