//! The backend object's native half: which OpenSSL this is, and control of the OS random engine.

use napi_derive::napi;

use crate::errors::install_error;

/// `OpenSSL_version(OPENSSL_VERSION)` of the addon's own OpenSSL, e.g. "OpenSSL 3.5.5 27 Jan 2026".
#[napi]
pub fn openssl_version_text() -> String {
    openssl::version::version().to_owned()
}

/// `OPENSSL_VERSION_NUMBER` of the addon's own OpenSSL, e.g. 0x30500050.
#[napi]
pub fn openssl_version_number() -> u32 {
    // Fits: OpenSSL 3.x numbers are 0xMNN00PP0.
    openssl::version::number() as u32
}

#[napi]
pub fn osrandom_activate() -> napi::Result<()> {
    osrandom::activate().map_err(|e| install_error(&e))
}

#[napi]
pub fn osrandom_activate_builtin() -> napi::Result<()> {
    osrandom::activate_builtin().map_err(|e| install_error(&e))
}

/// Legacy `unregister_osrandom_engine`: back to the built-in DRBG only if the engine is the
/// current source. Returns whether it switched.
#[napi]
pub fn osrandom_deactivate_if_active() -> napi::Result<bool> {
    osrandom::deactivate_if_active().map_err(|e| install_error(&e))
}

#[napi]
pub fn osrandom_is_active() -> bool {
    osrandom::is_active()
}

/// The OS source behind the engine, e.g. "getrandom" or "/dev/urandom".
#[napi]
pub fn osrandom_implementation() -> &'static str {
    osrandom::implementation().name()
}

/// Whether OpenSSL lists the engine's provider (named "osrandom").
#[napi]
pub fn osrandom_provider_available() -> bool {
    osrandom::provider_available()
}
