/**
 * `cryptography.hazmat.primitives.kdf.scrypt`: scrypt (RFC 7914), OpenSSL's `EVP_PBE_scrypt`.
 *
 * ```ts
 * const salt = randomBytes(16);
 * const kdf = new Scrypt(salt, 32, 2 ** 15, 8, 1);
 * const key = kdf.derive(Buffer.from("correct horse battery staple"));
 * // or, off the JavaScript thread: await new Scrypt(salt, 32, 2 ** 15, 8, 1).deriveAsync(password)
 * ```
 *
 * Memory: about 128 · n · r bytes per derivation (32 MiB for n = 2^15, r = 8). There is no
 * ceiling beyond what the parameters ask for, as in PyCA.
 *
 * @module
 */
import { ValueError } from "../../exceptions.js";
import { native } from "../../lib/native.js";
import { checkInteger } from "../../lib/validate.js";
import { AsyncKeyDerivationFunction, checkLength, keepBytes } from "./base.js";

const MAX_UINT32 = 2 ** 32 - 1;

/** scrypt (PyCA's `Scrypt`). One derivation per instance. */
export class Scrypt extends AsyncKeyDerivationFunction {
  readonly #salt: Buffer;
  readonly #length: number;
  readonly #n: number;
  readonly #r: number;
  readonly #p: number;

  /**
   * `length` bytes of key from `salt` (bytes), with CPU/memory cost `n` (a power of 2 greater
   * than 1), block size `r` and parallelism `p` (both at least 1).
   */
  constructor(salt: Uint8Array, length: number, n: number, r: number, p: number) {
    super();
    this.#salt = keepBytes("salt", salt);
    this.#length = checkLength(length);
    this.#n = checkInteger("n", n, 0, Number.MAX_SAFE_INTEGER);
    if (this.#n < 2 || !Number.isInteger(Math.log2(this.#n))) {
      throw new ValueError("n must be greater than 1 and be a power of 2.");
    }
    this.#r = checkInteger("r", r, 0, MAX_UINT32);
    if (this.#r < 1) throw new ValueError("r must be greater than or equal to 1.");
    this.#p = checkInteger("p", p, 0, MAX_UINT32);
    if (this.#p < 1) throw new ValueError("p must be greater than or equal to 1.");
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    return native.kdfScrypt(keyMaterial, this.#salt, this.#length, this.#n, this.#r, this.#p);
  }

  protected deriveOnceAsync(keyMaterial: Uint8Array): Promise<Buffer> {
    return native.kdfScryptAsync(keyMaterial, this.#salt, this.#length, this.#n, this.#r, this.#p);
  }
}
