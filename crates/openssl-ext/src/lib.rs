//! The one place where hazmat reaches past the `openssl` crate into `openssl-sys`: small, safe
//! wrappers for OpenSSL 3 APIs that crate does not cover. Every `unsafe` block of the binding
//! lives here (or in `crates/osrandom`), each with a `// SAFETY:` line.

pub mod chacha_poly;
pub mod cipher;
pub mod ec;
pub mod kdf;
pub mod mac;
pub mod md;
pub mod pkcs;
pub mod pkey;
pub mod pqc;
