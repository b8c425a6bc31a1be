//! X.509 as plain data: certificates, CSRs and CRLs decoded from DER into the model of
//! [`model`], and the model encoded back to DER for the builders. ASN.1 comes from RustCrypto's
//! `der` and `x509-cert`; this crate does no cryptography (signing, verification, digests and
//! keys are the binding's job, through the addon's OpenSSL) and knows nothing of napi.
//!
//! Layout: `model` is the contract with the TypeScript façade; `name`, `general_name` and
//! `extensions` translate the building blocks; `certificate`, `csr` and `crl` parse whole
//! objects and assemble to-be-signed structures; `pem` finds PEM blocks the way PyCA does;
//! `algorithm` maps signature AlgorithmIdentifiers to and from the model; `der_util` is the
//! one DER framing layer (strict reader keeping original bytes, writers, OIDs) on `der`.

pub mod algorithm;
pub mod certificate;
pub mod crl;
pub mod csr;
pub mod der_util;
pub mod error;
pub mod extensions;
pub mod general_name;
pub mod model;
pub mod name;
pub mod pem;
pub mod time;
pub mod util;

pub use error::{Result, X509Error};
