/**
 * `cryptography.hazmat.primitives.kdf.hkdf`: HKDF (RFC 5869), OpenSSL's `EVP_KDF` "HKDF".
 *
 * ```ts
 * const key = new HKDF(new SHA256(), 32, salt, Buffer.from("handshake data")).derive(ikm);
 * const expanded = new HKDFExpand(new SHA256(), 32, info).derive(pseudorandomKey);
 * ```
 *
 * `info` may be at most 32 KiB long (OpenSSL's limit; PyCA has none): a longer one is a
 * `ValueError`.
 *
 * @module
 */
import { ValueError } from "../../exceptions.js";
import { native } from "../../lib/native.js";
import type { HashAlgorithm } from "../hashes.js";
import { checkLength, KeyDerivationFunction, keepOptionalBytes, resolveHmacHash } from "./base.js";

/** RFC 5869's limit: 255 blocks of the hash's output. */
function checkHkdfLength(algorithm: HashAlgorithm, length: unknown): number {
  const checked = checkLength(length);
  const max = 255 * algorithm.digestSize;
  if (checked > max) throw new ValueError(`Cannot derive keys larger than ${max} octets.`);
  return checked;
}

/** HKDF: extract, then expand (PyCA's `HKDF`). One derivation per instance. */
export class HKDF extends KeyDerivationFunction {
  /** The hash HMAC is built on. */
  readonly algorithm: HashAlgorithm;
  readonly #hashId: number;
  readonly #length: number;
  readonly #salt: Buffer | null;
  readonly #info: Buffer | null;

  /**
   * `length` bytes (at most 255 × the digest size) of key with HMAC over `algorithm`; `salt`
   * and `info` are bytes or `null` (no salt is `digestSize` zero bytes, no info is empty).
   */
  constructor(
    algorithm: HashAlgorithm,
    length: number,
    salt: Uint8Array | null,
    info: Uint8Array | null,
  ) {
    super();
    this.#hashId = resolveHmacHash(algorithm);
    this.algorithm = algorithm;
    this.#length = checkHkdfLength(algorithm, length);
    this.#salt = keepOptionalBytes("salt", salt);
    this.#info = keepOptionalBytes("info", info);
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    return native.kdfHkdf(this.#hashId, keyMaterial, this.#salt, this.#info, this.#length, false);
  }
}

/**
 * HKDF's expand step alone (PyCA's `HKDFExpand`): the key material must already be a
 * pseudorandom key, such as HKDF-Extract's output. One derivation per instance.
 */
export class HKDFExpand extends KeyDerivationFunction {
  /** The hash HMAC is built on. */
  readonly algorithm: HashAlgorithm;
  readonly #hashId: number;
  readonly #length: number;
  readonly #info: Buffer | null;

  /** `length` bytes (at most 255 × the digest size); `info` is bytes or `null`. */
  constructor(algorithm: HashAlgorithm, length: number, info: Uint8Array | null) {
    super();
    this.#hashId = resolveHmacHash(algorithm);
    this.algorithm = algorithm;
    this.#length = checkHkdfLength(algorithm, length);
    this.#info = keepOptionalBytes("info", info);
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    return native.kdfHkdf(this.#hashId, keyMaterial, null, this.#info, this.#length, true);
  }
}
