//! Errors of the codec. The binding maps `Value` to hazmat's ValueError and `Unsupported` to
//! UnsupportedAlgorithm; messages say what was wrong and never carry key material.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum X509Error {
    /// Malformed input, or a model the encoder cannot represent.
    Value(String),
    /// Well-formed, but something hazmat (like PyCA) does not support.
    Unsupported(String),
}

pub type Result<T> = std::result::Result<T, X509Error>;

impl X509Error {
    pub fn value(message: impl Into<String>) -> X509Error {
        X509Error::Value(message.into())
    }

    pub fn unsupported(message: impl Into<String>) -> X509Error {
        X509Error::Unsupported(message.into())
    }

    /// A DER decoding failure while reading `what` ("the certificate", "a BasicConstraints
    /// extension", …).
    pub fn der(what: &str, error: der::Error) -> X509Error {
        X509Error::Value(format!("error parsing {what}: {error}"))
    }

    pub fn message(&self) -> &str {
        match self {
            X509Error::Value(m) | X509Error::Unsupported(m) => m,
        }
    }
}

impl fmt::Display for X509Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for X509Error {}
