//! The operating system's random source, as the `getrandom` crate reaches it, and an honest
//! answer to "which source is that?".

use std::fmt;
use std::sync::OnceLock;

/// The OS interface that serves the engine's bytes on this platform.
///
/// The names are the ones PyCA's backend reports from `osrandom_engine_implementation()`, extended
/// with the interfaces the `getrandom` crate uses on platforms PyCA never listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Implementation {
    /// Linux/Android/FreeBSD/illumos/… `getrandom(2)`.
    Getrandom,
    /// Linux with `getrandom(2)` missing (ENOSYS) or blocked by seccomp (EPERM); also the only
    /// source on Haiku, Redox, QNX and AIX.
    DevUrandom,
    /// macOS and OpenBSD `getentropy(2)`.
    Getentropy,
    /// iOS, tvOS, watchOS, visionOS.
    CcRandomGenerateBytes,
    /// NetBSD before 10 (`sysctl kern.arandom`).
    KernArandom,
    /// Windows 10 and later.
    ProcessPrng,
    /// Windows 7 (`win7` target vendor).
    RtlGenRandom,
    /// WASI.
    WasiRandomGet,
    /// Any other target the `getrandom` crate supports.
    Other,
}

impl Implementation {
    /// Every variant, for tables built once (error reason strings).
    pub const ALL: [Implementation; 9] = [
        Implementation::Getrandom,
        Implementation::DevUrandom,
        Implementation::Getentropy,
        Implementation::CcRandomGenerateBytes,
        Implementation::KernArandom,
        Implementation::ProcessPrng,
        Implementation::RtlGenRandom,
        Implementation::WasiRandomGet,
        Implementation::Other,
    ];

    /// The name reported to users, e.g. `"getrandom"` or `"/dev/urandom"`.
    pub const fn name(self) -> &'static str {
        match self {
            Implementation::Getrandom => "getrandom",
            Implementation::DevUrandom => "/dev/urandom",
            Implementation::Getentropy => "getentropy",
            Implementation::CcRandomGenerateBytes => "CCRandomGenerateBytes",
            Implementation::KernArandom => "kern.arandom",
            Implementation::ProcessPrng => "ProcessPrng",
            Implementation::RtlGenRandom => "RtlGenRandom",
            Implementation::WasiRandomGet => "random_get",
            Implementation::Other => "getrandom crate",
        }
    }

    /// The OpenSSL error reason queued when this source fails, in the style of PyCA's engine.
    pub const fn failure_reason(self) -> &'static str {
        match self {
            Implementation::Getrandom => "getrandom() syscall failed.",
            Implementation::DevUrandom => "/dev/urandom read failed.",
            Implementation::Getentropy => "getentropy() failed.",
            Implementation::CcRandomGenerateBytes => "CCRandomGenerateBytes() failed.",
            Implementation::KernArandom => "sysctl(kern.arandom) failed.",
            Implementation::ProcessPrng => "ProcessPrng() failed.",
            Implementation::RtlGenRandom => "RtlGenRandom() failed.",
            Implementation::WasiRandomGet => "random_get() failed.",
            Implementation::Other => "OS random source failed.",
        }
    }
}

impl fmt::Display for Implementation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The source in use in this process. Detected once, the way `getrandom` itself decides.
pub fn implementation() -> Implementation {
    static DETECTED: OnceLock<Implementation> = OnceLock::new();
    *DETECTED.get_or_init(detect)
}

/// Fills `buf` entirely from the OS, or fails. Never returns with `buf` partly filled and `Ok`.
pub fn fill(buf: &mut [u8]) -> Result<(), getrandom::Error> {
    #[cfg(test)]
    if let Some(injected) = injection::current() {
        return injected(buf);
    }
    getrandom::fill(buf)
}

/// Which Linux source `getrandom`'s `linux_android_with_fallback` backend settles on, given
/// whether libc exports `getrandom` and what a zero-length probe call returned (`Err(errno)`).
/// Kept pure so tests can inject every outcome.
pub fn classify_linux_probe(libc_has_getrandom: bool, probe: Result<(), i32>) -> Implementation {
    if !libc_has_getrandom {
        return Implementation::DevUrandom;
    }
    match probe {
        Ok(()) => Implementation::Getrandom,
        Err(libc::ENOSYS) => Implementation::DevUrandom,
        Err(libc::EPERM) if cfg!(not(target_os = "android")) => Implementation::DevUrandom,
        // Any other error leaves getrandom(2) in use; the error then surfaces on each call.
        Err(_) => Implementation::Getrandom,
    }
}

#[cfg(getrandom_linux_fallback)]
fn detect() -> Implementation {
    use std::ffi::c_void;
    type GetrandomFn = unsafe extern "C" fn(*mut c_void, libc::size_t, libc::c_uint) -> isize;

    // Resolve `getrandom` exactly as the getrandom crate does: dynamically on glibc (so an old
    // libc without it, or an LD_PRELOAD override, is seen the same way), statically on musl.
    #[cfg(not(target_env = "musl"))]
    // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name has no preconditions.
    let symbol = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"getrandom".as_ptr()) };
    #[cfg(target_env = "musl")]
    let symbol = libc::getrandom as *mut c_void;

    if symbol.is_null() {
        return classify_linux_probe(false, Ok(()));
    }
    // SAFETY: the symbol is libc's `getrandom`, whose C signature is GetrandomFn.
    let getrandom_fn = unsafe { std::mem::transmute::<*mut c_void, GetrandomFn>(symbol) };
    // SAFETY: a zero-length request writes nothing, so a dangling non-null pointer is fine.
    let rc = unsafe { getrandom_fn(std::ptr::NonNull::<u8>::dangling().as_ptr().cast(), 0, 0) };
    let probe = if rc < 0 {
        Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
    } else {
        Ok(())
    };
    classify_linux_probe(true, probe)
}

#[cfg(not(getrandom_linux_fallback))]
fn detect() -> Implementation {
    // Mirrors the backend table of getrandom 0.4 (src/backends.rs) for targets without a runtime
    // choice.
    if cfg!(any(target_os = "macos", target_os = "openbsd")) {
        Implementation::Getentropy
    } else if cfg!(any(
        target_os = "ios",
        target_os = "tvos",
        target_os = "watchos",
        target_os = "visionos"
    )) {
        Implementation::CcRandomGenerateBytes
    } else if cfg!(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "dragonfly",
        target_os = "illumos",
        target_os = "solaris",
        target_os = "hurd",
        target_os = "cygwin",
        target_os = "netbsd"
    )) {
        Implementation::Getrandom
    } else if cfg!(any(
        target_os = "haiku",
        target_os = "redox",
        target_os = "nto",
        target_os = "aix"
    )) {
        Implementation::DevUrandom
    } else if cfg!(all(windows, target_vendor = "win7")) {
        Implementation::RtlGenRandom
    } else if cfg!(windows) {
        Implementation::ProcessPrng
    } else if cfg!(target_os = "wasi") {
        Implementation::WasiRandomGet
    } else {
        Implementation::Other
    }
}

/// Test-only replacement of the OS source, compiled into unit tests and nothing else, so no
/// release build (and so no JavaScript caller) can ever reach it.
#[cfg(test)]
pub(crate) mod injection {
    use std::sync::Mutex;

    pub type SourceFn = fn(&mut [u8]) -> Result<(), getrandom::Error>;

    static INJECTED: Mutex<Option<SourceFn>> = Mutex::new(None);

    pub fn current() -> Option<SourceFn> {
        *INJECTED.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces the source until the returned guard is dropped.
    pub fn inject(source: SourceFn) -> Guard {
        *INJECTED.lock().unwrap_or_else(|e| e.into_inner()) = Some(source);
        Guard
    }

    pub struct Guard;

    impl Drop for Guard {
        fn drop(&mut self) {
            *INJECTED.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }
}
