/**
 * `cryptography.hazmat.primitives.ciphers.modes`: CBC, CTR, ECB, GCM, XTS. CFB, CFB8 and OFB
 * live in `hazmat/decrepit/ciphers/modes`.
 *
 * @module
 */
import { ValueError } from "../../exceptions.js";
import { checkBytes, checkInteger, checkOptionalBytes } from "../../lib/validate.js";
import { BlockCipherAlgorithm, type CipherAlgorithm, checkBlockSizedIv, Mode } from "./base.js";

export { Mode } from "./base.js";

/** Cipher block chaining. */
export class CBC extends Mode {
  readonly name = "CBC";
  readonly initializationVector: Buffer;

  constructor(initializationVector: Uint8Array) {
    super();
    this.initializationVector = Buffer.from(
      checkBytes("initializationVector", initializationVector),
    );
  }

  validateForAlgorithm(algorithm: CipherAlgorithm): void {
    checkBlockSizedIv(this.name, "IV", this.initializationVector, algorithm);
  }
}

/** Counter mode; the nonce is the full initial counter block. */
export class CTR extends Mode {
  readonly name = "CTR";
  readonly nonce: Buffer;

  constructor(nonce: Uint8Array) {
    super();
    this.nonce = Buffer.from(checkBytes("nonce", nonce));
  }

  validateForAlgorithm(algorithm: CipherAlgorithm): void {
    checkBlockSizedIv(this.name, "nonce", this.nonce, algorithm);
  }
}

/** Electronic codebook: no IV, and no security for more than one block. */
export class ECB extends Mode {
  readonly name = "ECB";

  validateForAlgorithm(_algorithm: CipherAlgorithm): void {}
}

/**
 * Galois/counter mode. `tag` is given when decrypting (or use `finalizeWithTag`);
 * `minTagLength` (default 16) bounds how short a tag is accepted.
 */
export class GCM extends Mode {
  readonly name = "GCM";
  readonly initializationVector: Buffer;
  readonly tag: Buffer | null;
  readonly minTagLength: number;

  constructor(initializationVector: Uint8Array, tag: Uint8Array | null = null, minTagLength = 16) {
    super();
    const iv = checkBytes("initializationVector", initializationVector);
    if (iv.length < 8 || iv.length > 128) {
      throw new ValueError(
        "initialization_vector must be between 8 and 128 bytes (64 and 1024 bits).",
      );
    }
    this.initializationVector = Buffer.from(iv);
    this.minTagLength = checkInteger(
      "minTagLength",
      minTagLength,
      Number.MIN_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER,
    );
    if (this.minTagLength < 4) throw new ValueError("min_tag_length must be >= 4");
    const checkedTag = checkOptionalBytes("tag", tag);
    if (checkedTag !== null && checkedTag.length < this.minTagLength) {
      throw new ValueError(`Authentication tag must be ${this.minTagLength} bytes or longer.`);
    }
    this.tag = checkedTag === null ? null : Buffer.from(checkedTag);
  }

  validateForAlgorithm(algorithm: CipherAlgorithm): void {
    if (!(algorithm instanceof BlockCipherAlgorithm) || algorithm.blockSize !== 128) {
      throw new ValueError("GCM requires a block cipher algorithm with a 128-bit block size.");
    }
  }
}

/** XEX-based tweaked-codebook mode with ciphertext stealing (disk encryption). */
export class XTS extends Mode {
  readonly name = "XTS";
  readonly tweak: Buffer;

  constructor(tweak: Uint8Array) {
    super();
    const checked = checkBytes("tweak", tweak);
    if (checked.length !== 16) throw new ValueError("tweak must be 128-bits (16 bytes)");
    this.tweak = Buffer.from(checked);
  }

  validateForAlgorithm(algorithm: CipherAlgorithm): void {
    if (algorithm.keySize !== 256 && algorithm.keySize !== 512) {
      throw new ValueError(
        "The XTS specification requires a 256-bit key for AES-128-XTS and 512-bit key for AES-256-XTS",
      );
    }
  }
}
