//! Hex and integer conversions of the model's conventions (see `model`).

use crate::error::{Result, X509Error};
use crate::model::{Hex, HexInteger};

const DIGITS: &[u8; 16] = b"0123456789abcdef";

pub fn to_hex(bytes: &[u8]) -> Hex {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

pub fn from_hex(hex: &str) -> Result<Vec<u8>> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let bytes = hex.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return Err(X509Error::value("hex string has an odd length"));
    }
    bytes
        .chunks(2)
        .map(|pair| match (nibble(pair[0]), nibble(pair[1])) {
            (Some(h), Some(l)) => Ok(h << 4 | l),
            _ => Err(X509Error::value("hex string has a non-hex digit")),
        })
        .collect()
}

/// The model's HexInteger of a DER INTEGER's content octets (big-endian two's complement).
pub fn integer_to_hex(content: &[u8]) -> HexInteger {
    let negative = content.first().is_some_and(|b| b & 0x80 != 0);
    let magnitude: Vec<u8> = if negative {
        // Two's complement negation of the whole value.
        let mut m: Vec<u8> = content.iter().map(|b| !b).collect();
        for byte in m.iter_mut().rev() {
            let (sum, carry) = byte.overflowing_add(1);
            *byte = sum;
            if !carry {
                break;
            }
        }
        m
    } else {
        content.to_vec()
    };
    let start = magnitude
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(magnitude.len());
    let digits = to_hex(&magnitude[start..]);
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    if negative {
        format!("-{digits}")
    } else {
        digits.to_string()
    }
}

/// DER INTEGER content octets (minimal two's complement) of a model HexInteger.
pub fn hex_to_integer(hex: &str) -> Result<Vec<u8>> {
    let (negative, digits) = match hex.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, hex),
    };
    if digits.is_empty() {
        return Err(X509Error::value("empty integer"));
    }
    let padded = if digits.len() % 2 == 1 {
        format!("0{digits}")
    } else {
        digits.to_string()
    };
    let mut magnitude = from_hex(&padded)?;
    let start = magnitude
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(magnitude.len());
    magnitude.drain(..start);
    if magnitude.is_empty() {
        return Ok(vec![0]);
    }
    if !negative {
        if magnitude[0] & 0x80 != 0 {
            magnitude.insert(0, 0);
        }
        return Ok(magnitude);
    }
    // Negate: invert and add one, with one extra leading byte of room.
    magnitude.insert(0, 0);
    let mut value: Vec<u8> = magnitude.iter().map(|b| !b).collect();
    for byte in value.iter_mut().rev() {
        let (sum, carry) = byte.overflowing_add(1);
        *byte = sum;
        if !carry {
            break;
        }
    }
    // Drop redundant 0xff sign bytes.
    while value.len() > 1 && value[0] == 0xff && value[1] & 0x80 != 0 {
        value.remove(0);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        assert_eq!(to_hex(&[0, 0xab, 0xff]), "00abff");
        assert_eq!(from_hex("00ABff").unwrap(), vec![0, 0xab, 0xff]);
        assert!(from_hex("abc").is_err());
        assert!(from_hex("zz").is_err());
    }

    #[test]
    fn integers() {
        for (content, hex) in [
            (&[0x00][..], "0"),
            (&[0x01], "1"),
            (&[0x00, 0x80], "80"),
            (&[0xff], "-1"),
            (&[0x80], "-80"),
            (&[0xff, 0x7f], "-81"),
            (&[0x12, 0x34, 0x56], "123456"),
        ] {
            assert_eq!(integer_to_hex(content), hex, "{content:02x?}");
            assert_eq!(hex_to_integer(hex).unwrap(), content, "{hex}");
        }
    }
}
