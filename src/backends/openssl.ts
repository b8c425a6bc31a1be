/**
 * `cryptography.hazmat.backends.openssl.backend`: the backend object.
 *
 * It reports which OpenSSL hazmat carries (its own, statically linked; never the host's) and
 * controls the OS random engine, which makes the operating system the source of every random
 * byte that OpenSSL hands out. The engine is active from the moment the addon loads. Each later
 * issue adds the interface methods of its area (ciphers, hashes, keys, X.509, …).
 *
 * @module
 */
import { callNative, native } from "../lib/native.js";

/** The OpenSSL backend. Use the {@link backend} instance; there is one per process. */
export class Backend {
  /** The string name of this backend: `"openssl"`. */
  readonly name = "openssl";

  /**
   * The version text of hazmat's own OpenSSL, e.g. `"OpenSSL 3.5.5 27 Jan 2026"`. This is not
   * `process.versions.openssl`, which is Node's (or the host runtime's) OpenSSL.
   */
  opensslVersionText(): string {
    return native.opensslVersionText();
  }

  /** `OPENSSL_VERSION_NUMBER` of hazmat's own OpenSSL, e.g. `0x30500050`. */
  opensslVersionNumber(): number {
    return native.opensslVersionNumber();
  }

  /**
   * Makes the OS random engine the source of every RAND request of hazmat's OpenSSL, public
   * and private (key generation). Idempotent; safe to call from any thread or worker.
   */
  activateOsrandomEngine(): void {
    callNative(() => native.osrandomActivate());
  }

  /** Returns hazmat's OpenSSL to its built-in DRBG. Idempotent. */
  activateBuiltinRandom(): void {
    callNative(() => native.osrandomActivateBuiltin());
  }

  /**
   * The OS interface behind the engine: `"getrandom"`, `"/dev/urandom"` (Linux without a usable
   * getrandom(2)), `"getentropy"`, `"ProcessPrng"`, … Detected, not assumed. Reported whether or
   * not the engine is currently active, as PyCA does.
   */
  osrandomEngineImplementation(): string {
    return native.osrandomImplementation();
  }

  /** Whether the OS random engine is OpenSSL's random source right now. */
  osrandomEngineActive(): boolean {
    return native.osrandomIsActive();
  }

  /**
   * Oldest documented name: "Registers the OS random engine as default. This will effectively
   * disable OpenSSL's default CSPRNG." Same as {@link activateOsrandomEngine}.
   */
  registerOsrandomEngine(): void {
    this.activateOsrandomEngine();
  }

  /**
   * Oldest documented name: restores OpenSSL's default CSPRNG if the OS random engine is the
   * default; if it is not, nothing is changed.
   */
  unregisterOsrandomEngine(): void {
    callNative(() => native.osrandomDeactivateIfActive());
  }

  /** Short description for logs; carries no state worth hiding. */
  toString(): string {
    return `<hazmat backend "openssl" (${this.opensslVersionText()})>`;
  }
}

callNative(() => native.ensureInstalled());

/** The backend object (`cryptography.hazmat.backends.openssl.backend`). */
export const backend: Backend = new Backend();
