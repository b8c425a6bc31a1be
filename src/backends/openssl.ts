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
import { opensslCipherName } from "../lib/cipher-names.js";
import { callNative, native } from "../lib/native.js";
import type { CipherAlgorithm, Mode } from "../primitives/ciphers/base.js";
import { BlockCipherAlgorithm } from "../primitives/ciphers/base.js";
import { Cipher, type CipherContext } from "../primitives/ciphers/index.js";
import { CMAC, cmacCipherName } from "../primitives/cmac.js";
import { Hash, type HashAlgorithm, resolveHashAlgorithm } from "../primitives/hashes.js";
import { HMAC } from "../primitives/hmac.js";
import { PBKDF2HMAC } from "../primitives/kdf/pbkdf2.js";
import { Scrypt } from "../primitives/kdf/scrypt.js";

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

  // CipherBackend

  /** Whether `cipher` in `mode` (`null` for stream ciphers) is available. */
  cipherSupported(cipher: CipherAlgorithm, mode: Mode | null): boolean {
    const name = opensslCipherName(cipher, mode?.name ?? null);
    return name !== null && native.cipherSupported(name);
  }

  /** An encryption context, as `new Cipher(cipher, mode).encryptor()`. */
  createSymmetricEncryptionCtx(cipher: CipherAlgorithm, mode: Mode | null): CipherContext {
    return new Cipher(cipher, mode).encryptor();
  }

  /** A decryption context, as `new Cipher(cipher, mode).decryptor()`. */
  createSymmetricDecryptionCtx(cipher: CipherAlgorithm, mode: Mode | null): CipherContext {
    return new Cipher(cipher, mode).decryptor();
  }

  /** Whether `algorithm` (a `hazmat/primitives/hashes` algorithm) can be hashed. */
  hashSupported(algorithm: HashAlgorithm): boolean {
    return hashInfo(algorithm) !== null;
  }

  /**
   * Whether HMAC works with `algorithm`: every supported hash except the extendable-output
   * functions (PyCA answers `true` for SHAKE here, then refuses it in `HMAC`; hazmat answers
   * what `HMAC` accepts).
   */
  hmacSupported(algorithm: HashAlgorithm): boolean {
    const info = hashInfo(algorithm);
    return info !== null && !info.xof;
  }

  /** Whether CMAC works with the block cipher `algorithm` (e.g. `new AES(key)`). */
  cmacAlgorithmSupported(algorithm: BlockCipherAlgorithm): boolean {
    if (!(algorithm instanceof BlockCipherAlgorithm)) return false;
    const cipherName = cmacCipherName(algorithm);
    return cipherName !== null && callNative(() => native.cmacSupported(cipherName));
  }

  /** A new {@link Hash} of `algorithm` (same as `new Hash(algorithm)`). */
  createHashCtx(algorithm: HashAlgorithm): Hash {
    return new Hash(algorithm);
  }

  /** A new {@link HMAC} (same as `new HMAC(key, algorithm)`). */
  createHmacCtx(key: Uint8Array, algorithm: HashAlgorithm): HMAC {
    return new HMAC(key, algorithm);
  }

  /** A new {@link CMAC} (same as `new CMAC(algorithm)`). */
  createCmacCtx(algorithm: BlockCipherAlgorithm): CMAC {
    return new CMAC(algorithm);
  }

  // PBKDF2HMACBackend, ScryptBackend

  /** Whether PBKDF2 works with `algorithm`: every HMAC hash (not SHAKE). */
  pbkdf2HmacSupported(algorithm: HashAlgorithm): boolean {
    return this.hmacSupported(algorithm);
  }

  /** PBKDF2-HMAC, as `new PBKDF2HMAC(algorithm, length, salt, iterations).derive(keyMaterial)`. */
  derivePbkdf2Hmac(
    algorithm: HashAlgorithm,
    length: number,
    salt: Uint8Array,
    iterations: number,
    keyMaterial: Uint8Array,
  ): Buffer {
    return new PBKDF2HMAC(algorithm, length, salt, iterations).derive(keyMaterial);
  }

  /** Whether scrypt is available: always, hazmat's own OpenSSL has it. */
  scryptSupported(): boolean {
    return true;
  }

  /** scrypt, as `new Scrypt(salt, length, n, r, p).derive(keyMaterial)`. */
  deriveScrypt(
    keyMaterial: Uint8Array,
    salt: Uint8Array,
    length: number,
    n: number,
    r: number,
    p: number,
  ): Buffer {
    return new Scrypt(salt, length, n, r, p).derive(keyMaterial);
  }

  /** Short description for logs; carries no state worth hiding. */
  toString(): string {
    return `<hazmat backend "openssl" (${this.opensslVersionText()})>`;
  }
}

/** The native entry of a hash algorithm, or `null` when it is not one hazmat supports. */
function hashInfo(algorithm: HashAlgorithm): { id: number; xof: boolean } | null {
  try {
    return resolveHashAlgorithm("algorithm", algorithm);
  } catch {
    return null;
  }
}

callNative(() => native.ensureInstalled());

/** The backend object (`cryptography.hazmat.backends.openssl.backend`). */
export const backend: Backend = new Backend();
