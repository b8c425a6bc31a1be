//! Asymmetric keys of every type behind two native handles, `PrivateKey` and `PublicKey`, each
//! owning an OpenSSL `EVP_PKEY` (freed, and for private keys cleansed, by OpenSSL on drop).
//! Type-specific operations live in their own modules (`rsa.rs`, `ec.rs`, `curves.rs` for
//! Ed25519/Ed448/X25519/X448) as free functions taking these handles; loading and serialization
//! live in `serialization.rs`. The façade wraps a handle in the PyCA-shaped class for its type
//! (`src/primitives/asymmetric/*.ts`), dispatching on `keyType()`.

use napi_derive::napi;
use openssl::pkey::{Id, PKey, PKeyRef, Private, Public};

use crate::errors::openssl_error;

/// A private key (any type). Never shows its material: JS sees only type and size.
#[napi]
pub struct PrivateKey {
    pkey: PKey<Private>,
}

/// A public key (any type).
#[napi]
pub struct PublicKey {
    pkey: PKey<Public>,
}

/// OpenSSL's name for a key's type, as the façade dispatches on it: "RSA", "RSA-PSS", "EC",
/// "ED25519", "ED448", "X25519", "X448", "DSA", "DH", "ML-KEM-768", "ML-DSA-65", …
fn type_name<T>(pkey: &PKeyRef<T>) -> String {
    match pkey.id() {
        Id::RSA => "RSA".into(),
        Id::RSA_PSS => "RSA-PSS".into(),
        Id::EC => "EC".into(),
        Id::ED25519 => "ED25519".into(),
        Id::ED448 => "ED448".into(),
        Id::X25519 => "X25519".into(),
        Id::X448 => "X448".into(),
        Id::DSA => "DSA".into(),
        Id::DH | Id::DHX => "DH".into(),
        _ => openssl_ext::pkey::type_name(pkey).unwrap_or_else(|| "UNKNOWN".into()),
    }
}

impl PrivateKey {
    pub fn from_pkey(pkey: PKey<Private>) -> PrivateKey {
        PrivateKey { pkey }
    }

    pub fn pkey(&self) -> &PKeyRef<Private> {
        &self.pkey
    }

    /// The matching public key, through a DER round trip (works for every key type; the SPKI
    /// is written directly where we can, decoding it is cheap).
    pub fn public_handle(&self) -> napi::Result<PublicKey> {
        let der = crate::spki::spki_der(&self.pkey)
            .map_err(|e| openssl_error("extracting the public key", &e))?;
        let pkey = PKey::public_key_from_der(&der)
            .map_err(|e| openssl_error("extracting the public key", &e))?;
        Ok(PublicKey { pkey })
    }
}

impl PublicKey {
    pub fn from_pkey(pkey: PKey<Public>) -> PublicKey {
        PublicKey { pkey }
    }

    pub fn pkey(&self) -> &PKeyRef<Public> {
        &self.pkey
    }
}

#[napi]
impl PrivateKey {
    /// The key's type (see `type_name`).
    #[napi]
    pub fn key_type(&self) -> String {
        type_name(&self.pkey)
    }

    /// Size in bits (RSA modulus, EC curve order, …), as PyCA's `key_size`.
    #[napi]
    pub fn key_size(&self) -> u32 {
        self.pkey.bits()
    }

    #[napi]
    pub fn public_key(&self) -> napi::Result<PublicKey> {
        self.public_handle()
    }
}

#[napi]
impl PublicKey {
    #[napi]
    pub fn key_type(&self) -> String {
        type_name(&self.pkey)
    }

    #[napi]
    pub fn key_size(&self) -> u32 {
        self.pkey.bits()
    }

    /// Whether two public keys are the same key (OpenSSL's EVP_PKEY_eq).
    #[napi]
    pub fn equals(&self, other: &PublicKey) -> bool {
        self.pkey.public_eq(&other.pkey)
    }
}
