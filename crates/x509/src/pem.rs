//! Finding PEM blocks the way PyCA does: parse every block with the `pem` crate (as PyCA's
//! `pem::parse_many`), then take the first one whose label is accepted for the object type.
//! Errors carry PyCA's wording so the façade can pass them through unchanged.

use crate::error::{Result, X509Error};

/// The labels and the "no match" message for one object type.
pub struct PemKind {
    pub labels: &'static [&'static str],
    pub no_match: &'static str,
}

pub const CERTIFICATE: PemKind = PemKind {
    labels: &["CERTIFICATE", "X509 CERTIFICATE"],
    no_match: "Valid PEM but no BEGIN CERTIFICATE/END CERTIFICATE delimiters. Are you sure this is a certificate?",
};

pub const CSR: PemKind = PemKind {
    labels: &["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"],
    no_match: "Valid PEM but no BEGIN CERTIFICATE REQUEST/END CERTIFICATE REQUEST delimiters. Are you sure this is a CSR?",
};

pub const CRL: PemKind = PemKind {
    labels: &["X509 CRL"],
    no_match: "Valid PEM but no BEGIN X509 CRL/END X509 delimiters. Are you sure this is a CRL?",
};

fn framing_error(detail: impl std::fmt::Display) -> X509Error {
    X509Error::value(format!(
        "Unable to load PEM file. See https://cryptography.io/en/latest/faq/#why-can-t-i-import-my-pem-file for more details. {detail}"
    ))
}

fn parse_all(data: &[u8]) -> Result<Vec<pem::Pem>> {
    let blocks = pem::parse_many(data).map_err(framing_error)?;
    if blocks.is_empty() {
        // PyCA reports "no PEM at all" as malformed framing.
        return Err(framing_error("MalformedFraming"));
    }
    Ok(blocks)
}

/// The DER of the first block with one of `kind`'s labels.
pub fn find_first(data: &[u8], kind: &PemKind) -> Result<Vec<u8>> {
    parse_all(data)?
        .into_iter()
        .find(|block| kind.labels.contains(&block.tag()))
        .map(pem::Pem::into_contents)
        .ok_or_else(|| X509Error::value(kind.no_match))
}

/// The DER of every block with one of `kind`'s labels (PyCA's `load_pem_x509_certificates`);
/// none at all is an error.
pub fn find_all(data: &[u8], kind: &PemKind) -> Result<Vec<Vec<u8>>> {
    let found: Vec<Vec<u8>> = parse_all(data)?
        .into_iter()
        .filter(|block| kind.labels.contains(&block.tag()))
        .map(pem::Pem::into_contents)
        .collect();
    if found.is_empty() {
        return Err(framing_error("MalformedFraming"));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(label: &str, der: &[u8]) -> String {
        pem::encode(&pem::Pem::new(label, der.to_vec()))
    }

    #[test]
    fn the_first_accepted_label_wins() {
        let text = format!(
            "junk before\n{}{}{}",
            block("PRIVATE KEY", b"k"),
            block("X509 CERTIFICATE", b"a"),
            block("CERTIFICATE", b"b")
        );
        assert_eq!(find_first(text.as_bytes(), &CERTIFICATE).unwrap(), b"a");
        assert_eq!(
            find_all(text.as_bytes(), &CERTIFICATE).unwrap(),
            vec![b"a".to_vec(), b"b".to_vec()]
        );
        let csr = block("NEW CERTIFICATE REQUEST", b"c");
        assert_eq!(find_first(csr.as_bytes(), &CSR).unwrap(), b"c");
        let crl = block("X509 CRL", b"d");
        assert_eq!(find_first(crl.as_bytes(), &CRL).unwrap(), b"d");
    }

    #[test]
    fn missing_or_broken_pem_is_a_value_error() {
        let key = block("PRIVATE KEY", b"k");
        let err = find_first(key.as_bytes(), &CERTIFICATE).unwrap_err();
        assert!(
            err.message()
                .contains("Are you sure this is a certificate?"),
            "{err}"
        );
        assert!(
            find_first(key.as_bytes(), &CRL)
                .unwrap_err()
                .message()
                .contains("CRL")
        );
        assert!(find_all(key.as_bytes(), &CERTIFICATE).is_err());
        let none = find_first(b"not pem at all", &CERTIFICATE).unwrap_err();
        assert!(
            none.message().starts_with("Unable to load PEM file."),
            "{none}"
        );
        let broken = b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
        assert!(find_first(broken, &CERTIFICATE).is_err());
    }
}
