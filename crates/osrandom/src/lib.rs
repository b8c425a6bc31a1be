//! The OS random engine: makes the operating system the source of every random byte that
//! this process's private OpenSSL hands out.
//!
//! # Why
//! PyCA `cryptography` replaced OpenSSL's user-space CSPRNG with the kernel's because a forked
//! child used to inherit the parent's generator state and repeat its "random" output. OpenSSL
//! 1.1.1d and later reseed on fork, but the guarantee users of the backend rely on is simpler and
//! stronger: while the engine is active, no random byte (key, nonce, IV, salt, serial number)
//! ever comes from a generator state that lives in this process. Every byte is a fresh request
//! to the kernel through the `getrandom` crate's per-OS chain (Linux `getrandom(2)` with the
//! `/dev/urandom` fallback, macOS/OpenBSD `getentropy`, Windows `ProcessPrng`, …).
//!
//! # Mechanism, and why this one
//! OpenSSL 3.5 offers three ways to replace its random generator:
//! 1. an `ENGINE` carrying a `RAND_METHOD` (what PyCA shipped for OpenSSL 1.x);
//! 2. a bare `RAND_METHOD` installed with `RAND_set_rand_method`;
//! 3. a provider that implements `OSSL_FUNC_PROVIDER_RANDOM_BYTES`, designated with
//!    `RAND_set1_random_provider` (new in 3.5).
//!
//! We use (3). Engines and `RAND_METHOD` have been deprecated since 3.0, engines are not even
//! compiled on musl targets, and OpenSSL 4.0 removes the engine API entirely. The random-provider
//! hook is the interface OpenSSL added for exactly this job: `RAND_bytes_ex` and
//! `RAND_priv_bytes_ex` (so also key generation, nonces and every internal draw of the default
//! provider) consult it before touching their DRBGs. The provider is registered in-process with
//! `OSSL_PROVIDER_add_builtin` under the name [`PROVIDER_NAME`], so OpenSSL lists it like any
//! other provider (`OSSL_PROVIDER_available`). Its errors are queued under the library name
//! [`ERROR_LIBRARY_NAME`], keeping the messages PyCA users know.
//!
//! Path for OpenSSL 4.x: the same provider and `RAND_set1_random_provider` carry over unchanged;
//! only the `openssl-src` pin moves. (Had we used an engine, 4.x would have forced a rewrite.)
//!
//! # Threads and switching
//! [`install`] runs once per process, whichever thread (Node's main thread or a worker) loads the
//! addon first, and leaves the engine active. [`activate`] and [`activate_builtin`] may be called
//! from any thread; they are serialised by one lock. OpenSSL reads the designated provider
//! without a lock of its own, which is sound here because the provider is never unloaded (any
//! pointer a racing `RAND_bytes` observes stays valid) and because `install` activates every
//! provider up front, so no lazy provider activation ever reads the designation while a switch
//! rewrites it.
//!
//! # Failure
//! If the OS source fails, the request fails: the output buffer is wiped, OpenSSL gets an error
//! (library `osrandom_engine`, reason such as `getrandom() syscall failed.`), and the caller of
//! `RAND_bytes` sees 0. No callback ever unwinds into C: panics are caught at the boundary.

mod errors;
mod ffi;
mod provider;
mod source;
#[cfg(test)]
mod tests;

use std::ffi::{CStr, c_ulong};
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

pub use errors::ERROR_LIBRARY_NAME;
pub use source::{Implementation, classify_linux_probe, implementation};

/// The name under which the engine's provider is registered in OpenSSL.
pub const PROVIDER_NAME: &str = "osrandom";
const PROVIDER_NAME_C: &CStr = c"osrandom";

/// Why the engine could not be installed (an OpenSSL failure at load time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstallError {
    step: &'static str,
    openssl_errors: String,
}

impl fmt::Display for InstallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "installing the OS random engine failed at {}: {}",
            self.step, self.openssl_errors
        )
    }
}

impl std::error::Error for InstallError {}

/// The loaded provider. The pointer is owned by OpenSSL's provider store for the process's life.
struct LoadedProvider(*mut ffi::OSSL_PROVIDER);

// SAFETY: an OSSL_PROVIDER is a thread-safe, reference-counted OpenSSL object; we only pass
// the pointer back to OpenSSL.
unsafe impl Send for LoadedProvider {}
// SAFETY: as above; the pointer is never dereferenced in Rust.
unsafe impl Sync for LoadedProvider {}

static PROVIDER: OnceLock<Result<LoadedProvider, InstallError>> = OnceLock::new();
/// Serialises switches so `ACTIVE` always matches what OpenSSL was last told.
static SWITCH: Mutex<()> = Mutex::new(());
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Installs the engine into this process's OpenSSL and activates it. Idempotent: only the first
/// call in a process does anything; later calls (other threads, workers) return its result and
/// leave the current choice of generator alone.
pub fn install() -> Result<(), InstallError> {
    loaded_provider().map(|_| ())
}

fn load_and_activate() -> Result<LoadedProvider, InstallError> {
    // SAFETY: OPENSSL_init_crypto may be called at any time from any thread. NO_LOAD_CONFIG keeps
    // our private OpenSSL from reading OPENSSL_CONF or a system openssl.cnf meant for another
    // OpenSSL in the process; NO_ATEXIT avoids tearing OpenSSL down under late worker threads.
    if unsafe {
        ffi::OPENSSL_init_crypto(
            ffi::OPENSSL_INIT_NO_LOAD_CONFIG | ffi::OPENSSL_INIT_NO_ATEXIT,
            std::ptr::null(),
        )
    } != 1
    {
        return Err(install_error("OPENSSL_init_crypto"));
    }
    openssl_sys::init();
    errors::library();

    // SAFETY: registers a built-in provider; the name is a static C string and the init function
    // has the OSSL_provider_init_fn signature.
    if unsafe {
        ffi::OSSL_PROVIDER_add_builtin(
            std::ptr::null_mut(),
            PROVIDER_NAME_C.as_ptr(),
            provider::provider_init,
        )
    } != 1
    {
        return Err(install_error("OSSL_PROVIDER_add_builtin"));
    }
    // Activate every provider now rather than lazily (see "Threads and switching"): the default
    // one, and the legacy one (Blowfish, CAST5, IDEA, SEED, RC2, RC4) where this OpenSSL has it.
    // retain_fallbacks = 1: loading a provider by hand must not switch off the default one.
    for (name, required) in [
        (c"default", true),
        (c"legacy", false),
        (PROVIDER_NAME_C, true),
    ] {
        // SAFETY: plain provider load on the default library context.
        let loaded = unsafe { ffi::OSSL_PROVIDER_try_load(std::ptr::null_mut(), name.as_ptr(), 1) };
        if loaded.is_null() {
            if required {
                return Err(install_error("OSSL_PROVIDER_try_load"));
            }
            drain_openssl_errors();
            continue;
        }
        if name == PROVIDER_NAME_C {
            let provider = LoadedProvider(loaded);
            let _switch = lock_switch();
            designate(Some(&provider))?;
            ACTIVE.store(true, Ordering::Release);
            return Ok(provider);
        }
    }
    unreachable!("the loop returns once the osrandom provider is loaded")
}

fn loaded_provider() -> Result<&'static LoadedProvider, InstallError> {
    PROVIDER
        .get_or_init(load_and_activate)
        .as_ref()
        .map_err(Clone::clone)
}

fn lock_switch() -> std::sync::MutexGuard<'static, ()> {
    // The guarded data is `()`, so a poisoned lock carries no broken state.
    SWITCH
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn designate(provider: Option<&LoadedProvider>) -> Result<(), InstallError> {
    let pointer = provider.map_or(std::ptr::null_mut(), |p| p.0);
    // SAFETY: the pointer is null or a provider loaded by `load_and_activate` and never unloaded.
    if unsafe { ffi::RAND_set1_random_provider(std::ptr::null_mut(), pointer) } == 1 {
        Ok(())
    } else {
        Err(install_error("RAND_set1_random_provider"))
    }
}

/// Makes the engine OpenSSL's random source (installing it first if needed). Idempotent.
pub fn activate() -> Result<(), InstallError> {
    let provider = loaded_provider()?;
    let _switch = lock_switch();
    designate(Some(provider))?;
    ACTIVE.store(true, Ordering::Release);
    Ok(())
}

/// Returns OpenSSL to its built-in DRBG. Idempotent.
pub fn activate_builtin() -> Result<(), InstallError> {
    loaded_provider()?;
    let _switch = lock_switch();
    designate(None)?;
    ACTIVE.store(false, Ordering::Release);
    Ok(())
}

/// The oldest documented semantics (`unregister_osrandom_engine`): switch back to the built-in
/// DRBG only if the engine is the current source; otherwise change nothing. Returns whether a
/// switch happened.
pub fn deactivate_if_active() -> Result<bool, InstallError> {
    loaded_provider()?;
    let _switch = lock_switch();
    if !ACTIVE.load(Ordering::Acquire) {
        return Ok(false);
    }
    designate(None)?;
    ACTIVE.store(false, Ordering::Release);
    Ok(true)
}

/// Whether the engine is OpenSSL's random source right now.
pub fn is_active() -> bool {
    ACTIVE.load(Ordering::Acquire)
}

/// Whether OpenSSL itself lists the engine's provider as available.
pub fn provider_available() -> bool {
    // SAFETY: a by-name query on the default library context.
    unsafe { ffi::OSSL_PROVIDER_available(std::ptr::null_mut(), PROVIDER_NAME_C.as_ptr()) == 1 }
}

/// Fills `buf` straight from the OS source, bypassing OpenSSL: the ceiling the engine is
/// measured against in benchmarks. Library code draws through OpenSSL's RAND instead.
pub fn fill_from_os(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    source::fill(buf)
}

fn install_error(step: &'static str) -> InstallError {
    InstallError {
        step,
        openssl_errors: drain_openssl_errors(),
    }
}

/// Empties this thread's OpenSSL error queue into one line of text.
fn drain_openssl_errors() -> String {
    let mut messages = Vec::new();
    loop {
        // SAFETY: pops the oldest error of this thread's queue; 0 means empty.
        let code: c_ulong = unsafe { openssl_sys::ERR_get_error() };
        if code == 0 {
            break;
        }
        let describe = |text: *const std::ffi::c_char| {
            // SAFETY: OpenSSL returns null or a static NUL-terminated string.
            (!text.is_null()).then(|| unsafe { CStr::from_ptr(text) }.to_string_lossy())
        };
        // SAFETY: string lookups for a packed error code; no preconditions.
        let (library, reason) = unsafe {
            (
                describe(openssl_sys::ERR_lib_error_string(code)),
                describe(openssl_sys::ERR_reason_error_string(code)),
            )
        };
        messages.push(format!(
            "{}: {} (error 0x{code:x})",
            library.unwrap_or_default(),
            reason.unwrap_or_default()
        ));
    }
    if messages.is_empty() {
        "no OpenSSL error was queued".to_owned()
    } else {
        messages.join("; ")
    }
}
