//! The one place where hazmat reaches past the `openssl` crate into `openssl-sys`: small, safe
//! wrappers for OpenSSL 3 APIs that crate does not cover (and, in `chacha_poly`, for two of
//! OpenSSL's internal routines). Every `unsafe` block that touches OpenSSL lives here (or in
//! `crates/osrandom`); the binding's only other `unsafe` code is its raw Node-API layer,
//! `crates/hazmat/src/fast.rs`, and the thread-priority call of `crates/hazmat/src/background.rs`.
//! Each block has a `// SAFETY:` line.

pub mod chacha_poly;
pub mod cipher;
pub mod ec;
pub mod kdf;
pub mod mac;
pub mod md;
pub mod pkcs;
pub mod pkey;
pub mod pqc;
