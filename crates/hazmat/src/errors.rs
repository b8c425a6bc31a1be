//! How native failures reach JavaScript. Every error this crate throws carries its stable
//! `ERR_HAZMAT_…` code in brackets at the start of the message; the TypeScript façade
//! (`src/lib/native.ts`) turns that into the matching class of `hazmat/exceptions`. One protocol
//! for sync calls and async tasks alike (napi's `Task` only carries a `Status`).

use openssl::error::ErrorStack;

/// The `code`s of `hazmat/exceptions` that native code raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// OpenSSL or the OS failed (`InternalError`).
    Internal,
    /// A value PyCA would reject with `ValueError` (the façade checks most of these first).
    Value,
    /// An AEAD/GCM tag did not verify (`InvalidTag`).
    InvalidTag,
    /// A MAC or signature did not verify (`InvalidSignature`).
    InvalidSignature,
    /// Key wrap integrity check failed (`InvalidUnwrap`).
    InvalidUnwrap,
    /// Derived key material did not match (`InvalidKey`).
    InvalidKey,
    /// A Fernet token or a one-time password did not verify (`InvalidToken`).
    InvalidToken,
    /// The context was used after `finalize` (`AlreadyFinalized`).
    AlreadyFinalized,
    /// Not available before `finalize` (`NotYetFinalized`).
    NotYetFinalized,
    /// AAD after data, or a second use that must be first (`AlreadyUpdated`).
    AlreadyUpdated,
    /// The algorithm or mode is not available (`UnsupportedAlgorithm`).
    UnsupportedAlgorithm,
}

impl ErrorCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Internal => "ERR_HAZMAT_INTERNAL",
            ErrorCode::Value => "ERR_HAZMAT_VALUE",
            ErrorCode::InvalidTag => "ERR_HAZMAT_INVALID_TAG",
            ErrorCode::InvalidSignature => "ERR_HAZMAT_INVALID_SIGNATURE",
            ErrorCode::InvalidUnwrap => "ERR_HAZMAT_INVALID_UNWRAP",
            ErrorCode::InvalidKey => "ERR_HAZMAT_INVALID_KEY",
            ErrorCode::InvalidToken => "ERR_HAZMAT_INVALID_TOKEN",
            ErrorCode::AlreadyFinalized => "ERR_HAZMAT_ALREADY_FINALIZED",
            ErrorCode::NotYetFinalized => "ERR_HAZMAT_NOT_YET_FINALIZED",
            ErrorCode::AlreadyUpdated => "ERR_HAZMAT_ALREADY_UPDATED",
            ErrorCode::UnsupportedAlgorithm => "ERR_HAZMAT_UNSUPPORTED_ALGORITHM",
        }
    }
}

/// A JS-bound error with its code.
pub fn error(code: ErrorCode, message: impl std::fmt::Display) -> napi::Error {
    napi::Error::from_reason(format!("[{}] {message}", code.as_str()))
}

/// An `InternalError` describing what failed and OpenSSL's error queue, one entry per line as
/// `library: reason`. The queue holds library names and reason strings only, never data bytes.
pub fn openssl_error(what: &str, stack: &ErrorStack) -> napi::Error {
    let mut message = format!("{what} failed in OpenSSL");
    if stack.errors().is_empty() {
        message.push_str(" (no error was queued)");
    }
    for entry in stack.errors() {
        message.push_str(&format!(
            "\n{}: {}",
            entry.library().unwrap_or("unknown library"),
            entry.reason().unwrap_or("unknown reason"),
        ));
    }
    error(ErrorCode::Internal, message)
}

/// The one `AlreadyFinalized` error every finalized context returns.
pub fn already_finalized() -> napi::Error {
    error(
        ErrorCode::AlreadyFinalized,
        "Context was already finalized.",
    )
}

/// An OpenSSL algorithm object (`EVP_MAC`, `EVP_KDF`, …) fetched on first use and kept in
/// `cell` for the process's lifetime. Two threads may fetch at once; the loser's copy is dropped.
pub fn fetch_once<T>(
    cell: &'static std::sync::OnceLock<T>,
    what: &str,
    fetch: impl FnOnce() -> Result<T, ErrorStack>,
) -> napi::Result<&'static T> {
    if let Some(fetched) = cell.get() {
        return Ok(fetched);
    }
    let fetched = fetch().map_err(|e| openssl_error(what, &e))?;
    Ok(cell.get_or_init(|| fetched))
}

/// An `InternalError` for a failure of the engine's installation.
pub fn install_error(failure: &osrandom::InstallError) -> napi::Error {
    error(ErrorCode::Internal, failure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_their_code_in_brackets() {
        assert_eq!(
            error(ErrorCode::Value, "bad").reason,
            "[ERR_HAZMAT_VALUE] bad"
        );
        assert_eq!(ErrorCode::Internal.as_str(), "ERR_HAZMAT_INTERNAL");
    }

    #[test]
    fn openssl_errors_list_the_queue_one_entry_per_line() {
        // Provoke a real OpenSSL error: an unknown digest name.
        let stack = openssl::hash::MessageDigest::from_name("no-such-digest")
            .map(|_| ())
            .ok_or(())
            .err()
            .map(|_| ErrorStack::get())
            .expect("unknown digest");
        let message = openssl_error("EVP_get_digestbyname", &stack).reason;
        assert!(
            message.starts_with("[ERR_HAZMAT_INTERNAL] EVP_get_digestbyname failed in OpenSSL")
        );
        let empty = openssl_error("nothing", &ErrorStack::get()).reason;
        assert!(empty.ends_with("(no error was queued)"), "{empty}");
    }
}
