/**
 * What every key derivation function of `hazmat/primitives/kdf/*` shares (PyCA's
 * `KeyDerivationFunction` interface): `derive` once, `verify` in constant time, and the
 * argument checks the constructors have in common.
 *
 * @module
 */
import { _Reasons, AlreadyFinalized, InvalidKey, UnsupportedAlgorithm } from "../../exceptions.js";
import { awaitNative, callNative, native } from "../../lib/native.js";
import { checkBytes, checkInteger, checkOptionalBytes } from "../../lib/validate.js";
import { type HashAlgorithm, resolveHashAlgorithm } from "../hashes.js";

/** The longest key one call derives: 2 GiB - 1, what OpenSSL's `int` lengths allow. */
export const MAX_LENGTH = 2 ** 31 - 1;

/**
 * A key derivation function (PyCA's `KeyDerivationFunction`). Each instance derives once:
 * after {@link KeyDerivationFunction.derive}, {@link KeyDerivationFunction.verify} (or
 * `deriveAsync`), every call throws `AlreadyFinalized`.
 */
export abstract class KeyDerivationFunction {
  #used = false;

  /** The one native call of a derivation; called at most once per instance. */
  protected abstract deriveOnce(keyMaterial: Uint8Array): Buffer;

  /** Marks the instance used; throws `AlreadyFinalized` if it already was. */
  protected claim(): void {
    if (this.#used) throw new AlreadyFinalized("Context was already finalized.");
    this.#used = true;
  }

  /** Derives the key from `keyMaterial` (bytes). */
  derive(keyMaterial: Uint8Array): Buffer {
    const checked = checkBytes("keyMaterial", keyMaterial);
    this.claim();
    return callNative(() => this.deriveOnce(checked));
  }

  /**
   * Derives the key from `keyMaterial` and compares it with `expectedKey` in constant time;
   * throws `InvalidKey` when they differ.
   */
  verify(keyMaterial: Uint8Array, expectedKey: Uint8Array): void {
    const expected = checkBytes("expectedKey", expectedKey);
    checkKeysMatch(this.derive(keyMaterial), expected);
  }
}

/** A KDF slow enough to also run off the JavaScript thread (PBKDF2, scrypt, Argon2id). */
export abstract class AsyncKeyDerivationFunction extends KeyDerivationFunction {
  /** The native task of a derivation; started at most once per instance. */
  protected abstract deriveOnceAsync(keyMaterial: Uint8Array): Promise<Buffer>;

  /**
   * Derives the key off the JavaScript thread, on hazmat's own pool of low-priority threads
   * (one per CPU, so the event loop keeps its CPU time; see docs/kdf-fernet-api.md) rather than
   * libuv's. `keyMaterial` is copied before this returns, so the caller may reuse its buffer at
   * once. Counts as this instance's one use.
   */
  deriveAsync(keyMaterial: Uint8Array): Promise<Buffer> {
    try {
      const checked = checkBytes("keyMaterial", keyMaterial);
      this.claim();
      return awaitNative(callNative(() => this.deriveOnceAsync(checked)));
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** Throws PyCA's `InvalidKey` unless `derived` equals `expected` (constant time). */
export function checkKeysMatch(derived: Uint8Array, expected: Uint8Array): void {
  if (!native.bytesEq(derived, expected)) throw new InvalidKey("Keys do not match.");
}

/**
 * The hash table row of `algorithm` for a KDF built on a fixed-size digest (`kdfName` names
 * it in the message): SHAKE is an `UnsupportedAlgorithm`.
 */
export function resolveFixedOutputHash(algorithm: HashAlgorithm, kdfName: string): number {
  const info = resolveHashAlgorithm("algorithm", algorithm);
  if (info.xof) {
    throw new UnsupportedAlgorithm(
      `${algorithm.name} is not supported for ${kdfName}`,
      _Reasons.UNSUPPORTED_HASH,
    );
  }
  return info.id;
}

/** The hash table row of `algorithm` for an HMAC-based KDF: SHAKE is unsupported. */
export function resolveHmacHash(algorithm: HashAlgorithm): number {
  return resolveFixedOutputHash(algorithm, "HMAC");
}

/** A key length: an integer from 0 to `max`. */
export function checkLength(length: unknown, max = MAX_LENGTH): number {
  return checkInteger("length", length, 0, max);
}

/** Bytes kept by the instance: a copy, so later changes to the caller's buffer do not leak in. */
export function keepBytes(name: string, value: unknown): Buffer {
  return Buffer.from(checkBytes(name, value));
}

/** Optional bytes kept by the instance (a copy), or `null`. */
export function keepOptionalBytes(name: string, value: unknown): Buffer | null {
  const checked = checkOptionalBytes(name, value);
  return checked === null ? null : Buffer.from(checked);
}
