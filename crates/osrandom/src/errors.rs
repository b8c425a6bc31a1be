//! The engine's own OpenSSL error library, `osrandom_engine`, so a failed request shows up in
//! OpenSSL's error queue the way PyCA's engine reports it (library "osrandom_engine", reason
//! "getrandom() syscall failed.").

use std::ffi::{CString, c_int, c_ulong};
use std::sync::OnceLock;

use openssl_sys::{ERR_STRING_DATA, ERR_get_next_error_library, ERR_load_strings};

use crate::source::Implementation;

/// The library name OpenSSL prints for the engine's errors.
pub const ERROR_LIBRARY_NAME: &str = "osrandom_engine";

/// Reason for a panic caught inside the engine callback (a bug, never expected).
const REASON_INTERNAL_PANIC: c_int = 100;

/// `ERR_PACK` of OpenSSL 3.x (`<openssl/err.h>`).
const fn err_pack(lib: c_int, reason: c_int) -> c_ulong {
    (((lib as c_ulong) & 0xFF) << 23) | ((reason as c_ulong) & 0x7F_FFFF)
}

/// Reason code of a failing source: its position in `Implementation::ALL`, plus one.
fn reason_code(source: Implementation) -> c_int {
    let index = Implementation::ALL
        .iter()
        .position(|candidate| *candidate == source)
        .unwrap_or(0);
    index as c_int + 1
}

/// Registers the library and its reason strings once; returns the library number.
pub(crate) fn library() -> c_int {
    static LIBRARY: OnceLock<c_int> = OnceLock::new();
    *LIBRARY.get_or_init(|| {
        // SAFETY: allocates a fresh library number; no preconditions.
        let lib = unsafe { ERR_get_next_error_library() };
        let mut strings: Vec<ERR_STRING_DATA> = Vec::with_capacity(Implementation::ALL.len() + 3);
        let mut push = |code: c_ulong, text: &str| {
            let text = CString::new(text).expect("error strings contain no NUL");
            strings.push(ERR_STRING_DATA {
                error: code,
                // The strings live as long as the process: OpenSSL keeps the pointers.
                string: text.into_raw(),
            });
        };
        push(err_pack(lib, 0), ERROR_LIBRARY_NAME);
        for source in Implementation::ALL {
            push(reason_code(source) as c_ulong, source.failure_reason());
        }
        push(
            REASON_INTERNAL_PANIC as c_ulong,
            "internal error in the OS random engine.",
        );
        strings.push(ERR_STRING_DATA {
            error: 0,
            string: std::ptr::null(),
        });
        // SAFETY: a zero-terminated ERR_STRING_DATA array that is leaked, so it outlives every
        // lookup; ERR_load_strings patches the library number into each entry in place.
        unsafe { ERR_load_strings(lib, Box::leak(strings.into_boxed_slice()).as_mut_ptr()) };
        lib
    })
}

/// Queues "osrandom_engine: <source> failed." with `detail` (the OS error, never data) attached.
pub(crate) fn raise_source_failure(source: Implementation, detail: &str) {
    raise(reason_code(source), detail);
}

/// Queues the engine's internal-error reason (used when a panic is caught at the C boundary).
pub(crate) fn raise_internal_panic() {
    raise(
        REASON_INTERNAL_PANIC,
        "panic caught at the OpenSSL boundary",
    );
}

fn raise(reason: c_int, detail: &str) {
    let lib = library();
    let detail = CString::new(detail.replace('\0', " ")).unwrap_or_default();
    // SAFETY: ERR_new/ERR_set_debug/ERR_set_error are the documented way to queue an error on
    // this thread; the format string is a literal "%s" consuming exactly one C string.
    unsafe {
        openssl_sys::ERR_new();
        openssl_sys::ERR_set_debug(c"crates/osrandom".as_ptr(), 0, c"osrandom_fill".as_ptr());
        openssl_sys::ERR_set_error(lib, reason, c"%s".as_ptr(), detail.as_ptr());
    }
}
