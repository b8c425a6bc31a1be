//! Node-API binding of hazmat. One module per area, each a thin layer over the `openssl` crate;
//! policy (argument rules, error classes, PyCA shapes) lives in the TypeScript façade.
//!
//! Loading the addon installs the OS random engine (`crates/osrandom`) into the addon's private
//! OpenSSL, once per process, whichever thread loads it first.

pub mod aead;
pub mod backend;
pub mod background;
pub mod ciphers;
pub mod curves;
pub mod dsa_dh;
pub mod ec;
pub mod errors;
pub mod fast;
pub mod fernet;
pub mod hashes;
pub mod kdf;
pub mod keys;
pub mod keywrap;
pub mod mac;
pub mod pkcs12;
pub mod pkcs7;
pub mod pqc;
pub mod random;
pub mod rsa;
pub mod serialization;
pub mod spki;
pub mod x509;

use napi_derive::napi;

#[napi_derive::module_init]
fn install_os_random_engine() {
    // A failure here is remembered by osrandom and reported by every later call that needs the
    // engine, as an InternalError, instead of aborting the module load.
    let _ = osrandom::install();
}

/// Fails with an InternalError if the engine could not be installed when the addon loaded.
#[napi]
pub fn ensure_installed() -> napi::Result<()> {
    osrandom::install().map_err(|e| errors::install_error(&e))
}
