/**
 * `cryptography.hazmat.primitives.kdf.pbkdf2`: PBKDF2 with HMAC (RFC 8018), OpenSSL's
 * `PKCS5_PBKDF2_HMAC`.
 *
 * ```ts
 * const kdf = new PBKDF2HMAC(new SHA256(), 32, salt, 600_000);
 * const key = kdf.derive(Buffer.from("my great password"));
 * // or, off the JavaScript thread: await kdf.deriveAsync(password)
 * new PBKDF2HMAC(new SHA256(), 32, salt, 600_000).verify(password, key); // InvalidKey if not
 * ```
 *
 * @module
 */
import { ValueError } from "../../exceptions.js";
import { native } from "../../lib/native.js";
import { checkInteger } from "../../lib/validate.js";
import type { HashAlgorithm } from "../hashes.js";
import { AsyncKeyDerivationFunction, checkLength, keepBytes, resolveHmacHash } from "./base.js";

/** PBKDF2 with HMAC over `algorithm` (PyCA's `PBKDF2HMAC`). One derivation per instance. */
export class PBKDF2HMAC extends AsyncKeyDerivationFunction {
  /** The hash HMAC is built on. */
  readonly algorithm: HashAlgorithm;
  readonly #hashId: number;
  readonly #length: number;
  readonly #salt: Buffer;
  readonly #iterations: number;

  /**
   * `length` bytes of key, from `salt` (bytes) and `iterations` (at least 1) rounds of HMAC
   * over `algorithm` (any hash but SHAKE).
   */
  constructor(algorithm: HashAlgorithm, length: number, salt: Uint8Array, iterations: number) {
    super();
    this.#hashId = resolveHmacHash(algorithm);
    this.algorithm = algorithm;
    this.#length = checkLength(length);
    this.#salt = keepBytes("salt", salt);
    this.#iterations = checkInteger("iterations", iterations, 0, 2 ** 31 - 1);
    if (this.#iterations < 1) {
      throw new ValueError("iterations must be greater than or equal to 1.");
    }
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    return native.kdfPbkdf2Hmac(
      this.#hashId,
      this.#length,
      this.#salt,
      this.#iterations,
      keyMaterial,
    );
  }

  protected deriveOnceAsync(keyMaterial: Uint8Array): Promise<Buffer> {
    return native.kdfPbkdf2HmacAsync(
      this.#hashId,
      this.#length,
      this.#salt,
      this.#iterations,
      keyMaterial,
    );
  }
}
