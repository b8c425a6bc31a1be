/**
 * `cryptography.hazmat.primitives.ciphers.algorithms`: AES, AES128, AES256, Camellia, ChaCha20,
 * SM4. The legacy algorithms live in `hazmat/decrepit/ciphers/algorithms`.
 *
 * @module
 */
import { ValueError } from "../../exceptions.js";
import { checkBytes } from "../../lib/validate.js";
import { blockCipherClass, CipherAlgorithm, checkKeySize } from "./base.js";

export { BlockCipherAlgorithm, CipherAlgorithm } from "./base.js";

/** AES (Rijndael); 128, 192 or 256-bit keys, and 512 for XTS (two 256-bit keys). */
export class AES extends blockCipherClass("AES", 128, [128, 192, 256, 512]) {}

/** AES restricted to 128-bit keys. */
export class AES128 extends blockCipherClass("AES", 128, [128]) {}

/** AES restricted to 256-bit keys. */
export class AES256 extends blockCipherClass("AES", 128, [256]) {}

/** Camellia; 128, 192 or 256-bit keys. */
export class Camellia extends blockCipherClass("camellia", 128, [128, 192, 256]) {}

/** SM4 (GB/T 32907-2016); 128-bit keys. */
export class SM4 extends blockCipherClass("SM4", 128, [128]) {}

/**
 * ChaCha20 (a stream cipher: use it with no mode). `nonce` is 16 bytes: the first 4 are the
 * initial block counter (little endian), the last 12 the RFC 8439 nonce.
 */
export class ChaCha20 extends CipherAlgorithm {
  readonly name = "ChaCha20";
  readonly keySizes: ReadonlySet<number> = new Set([256]);
  readonly nonce: Buffer;

  constructor(key: Uint8Array, nonce: Uint8Array) {
    super(key);
    checkKeySize(this);
    const checked = checkBytes("nonce", nonce);
    if (checked.length !== 16) {
      throw new ValueError(`nonce must be 128-bits (16 bytes), got ${checked.length} bytes`);
    }
    this.nonce = Buffer.from(checked);
  }
}
