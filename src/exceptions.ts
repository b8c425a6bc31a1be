/**
 * The exceptions of `cryptography.exceptions`, as JavaScript error classes.
 *
 * Every error hazmat throws has a stable `code` (`ERR_HAZMAT_…`). Wrong JavaScript types are
 * plain `TypeError`s with code {@link ERR_HAZMAT_INVALID_TYPE}; everything else is one of the
 * classes below. Messages say what was wrong and what is allowed, never secret bytes.
 *
 * @module
 */

/** The `code` of a `TypeError` thrown for an argument of the wrong JavaScript type. */
export const ERR_HAZMAT_INVALID_TYPE = "ERR_HAZMAT_INVALID_TYPE";

/** Why an algorithm is unsupported, as PyCA's `_Reasons`. */
export enum _Reasons {
  BACKEND_MISSING_INTERFACE = "BACKEND_MISSING_INTERFACE",
  UNSUPPORTED_HASH = "UNSUPPORTED_HASH",
  UNSUPPORTED_CIPHER = "UNSUPPORTED_CIPHER",
  UNSUPPORTED_PADDING = "UNSUPPORTED_PADDING",
  UNSUPPORTED_MGF = "UNSUPPORTED_MGF",
  UNSUPPORTED_PUBLIC_KEY_ALGORITHM = "UNSUPPORTED_PUBLIC_KEY_ALGORITHM",
  UNSUPPORTED_ELLIPTIC_CURVE = "UNSUPPORTED_ELLIPTIC_CURVE",
  UNSUPPORTED_SERIALIZATION = "UNSUPPORTED_SERIALIZATION",
  UNSUPPORTED_X509 = "UNSUPPORTED_X509",
  UNSUPPORTED_EXCHANGE_ALGORITHM = "UNSUPPORTED_EXCHANGE_ALGORITHM",
  UNSUPPORTED_DIFFIE_HELLMAN = "UNSUPPORTED_DIFFIE_HELLMAN",
  UNSUPPORTED_MAC = "UNSUPPORTED_MAC",
}

/** Base of every hazmat error class; `code` identifies the class across realms and versions. */
export abstract class HazmatError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A signature did not verify. */
export class InvalidSignature extends HazmatError {
  readonly code = "ERR_HAZMAT_INVALID_SIGNATURE";
}

/** An authentication tag did not verify (AEADs, GCM). */
export class InvalidTag extends HazmatError {
  readonly code = "ERR_HAZMAT_INVALID_TAG";
}

/** Derived key material did not match (KDF `verify`). */
export class InvalidKey extends HazmatError {
  readonly code = "ERR_HAZMAT_INVALID_KEY";
}

/** The algorithm, mode or parameter is not supported by this backend. */
export class UnsupportedAlgorithm extends HazmatError {
  readonly code = "ERR_HAZMAT_UNSUPPORTED_ALGORITHM";
  /** Which kind of support is missing, as PyCA's `_reason`. */
  readonly reason: _Reasons | null;

  constructor(message: string, reason: _Reasons | null = null) {
    super(message);
    this.reason = reason;
  }
}

/** The context was already finalized. */
export class AlreadyFinalized extends HazmatError {
  readonly code = "ERR_HAZMAT_ALREADY_FINALIZED";
}

/** The context was already updated (e.g. AAD after data). */
export class AlreadyUpdated extends HazmatError {
  readonly code = "ERR_HAZMAT_ALREADY_UPDATED";
}

/** The value is not available before `finalize` (e.g. a GCM tag). */
export class NotYetFinalized extends HazmatError {
  readonly code = "ERR_HAZMAT_NOT_YET_FINALIZED";
}

/** AES key unwrap failed its integrity check (PyCA's `keywrap.InvalidUnwrap`). */
export class InvalidUnwrap extends HazmatError {
  readonly code = "ERR_HAZMAT_INVALID_UNWRAP";
}

/**
 * A Fernet token or a one-time password did not verify (PyCA's `fernet.InvalidToken` and
 * `twofactor.InvalidToken`; both modules re-export this class).
 */
export class InvalidToken extends HazmatError {
  readonly code = "ERR_HAZMAT_INVALID_TOKEN";
}

/** What PyCA raises `ValueError` for: a value of the right type that is not allowed. */
export class ValueError extends HazmatError {
  readonly code = "ERR_HAZMAT_VALUE";
}

/** One entry of OpenSSL's error queue (library name and reason text; never data). */
export interface OpenSSLError {
  readonly lib: string;
  readonly reasonText: string;
}

/** OpenSSL or the operating system failed; `errCode` holds OpenSSL's error queue. */
export class InternalError extends HazmatError {
  readonly code = "ERR_HAZMAT_INTERNAL";
  readonly errCode: readonly OpenSSLError[];

  constructor(message: string, errCode: readonly OpenSSLError[] = []) {
    super(message);
    this.errCode = errCode;
  }
}
