/**
 * `cryptography.hazmat.decrepit.ciphers.algorithms`: legacy ciphers kept for interoperability
 * with old data. All come from OpenSSL's legacy provider, built into hazmat's OpenSSL (3DES comes
 * from the default provider).
 *
 * @module
 */
import { BlockCipherAlgorithm, CipherAlgorithm } from "../../primitives/ciphers/base.js";

function range(from: number, to: number, step: number): Set<number> {
  const sizes = new Set<number>();
  for (let size = from; size <= to; size += step) sizes.add(size);
  return sizes;
}

/**
 * Triple DES (EDE). Keys of 64 or 128 bits are expanded as PyCA does (K1 → K1K1K1,
 * K1K2 → K1K2K1); 192-bit keys are used as is.
 */
export class TripleDES extends BlockCipherAlgorithm {
  readonly name = "3DES";
  readonly blockSize = 64;
  readonly keySizes: ReadonlySet<number> = new Set([64, 128, 192]);

  constructor(key: Uint8Array) {
    super(key);
    this.checkKeySize();
    const given = this.key;
    if (given.length === 8) {
      (this as { key: Buffer }).key = Buffer.concat([given, given, given]);
    } else if (given.length === 16) {
      (this as { key: Buffer }).key = Buffer.concat([given, given.subarray(0, 8)]);
    }
  }
}

/** Blowfish; 32 to 448-bit keys in steps of 8. */
export class Blowfish extends BlockCipherAlgorithm {
  readonly name = "Blowfish";
  readonly blockSize = 64;
  readonly keySizes: ReadonlySet<number> = range(32, 448, 8);

  constructor(key: Uint8Array) {
    super(key);
    this.checkKeySize();
  }
}

/** CAST5 (CAST-128); 40 to 128-bit keys in steps of 8. */
export class CAST5 extends BlockCipherAlgorithm {
  readonly name = "CAST5";
  readonly blockSize = 64;
  readonly keySizes: ReadonlySet<number> = range(40, 128, 8);

  constructor(key: Uint8Array) {
    super(key);
    this.checkKeySize();
  }
}

/** SEED; 128-bit keys. */
export class SEED extends BlockCipherAlgorithm {
  readonly name = "SEED";
  readonly blockSize = 128;
  readonly keySizes: ReadonlySet<number> = new Set([128]);

  constructor(key: Uint8Array) {
    super(key);
    this.checkKeySize();
  }
}

/** IDEA; 128-bit keys. */
export class IDEA extends BlockCipherAlgorithm {
  readonly name = "IDEA";
  readonly blockSize = 64;
  readonly keySizes: ReadonlySet<number> = new Set([128]);

  constructor(key: Uint8Array) {
    super(key);
    this.checkKeySize();
  }
}

/** RC4 (a stream cipher: use it with no mode). */
export class ARC4 extends CipherAlgorithm {
  readonly name = "RC4";
  readonly keySizes: ReadonlySet<number> = new Set([40, 56, 64, 80, 128, 160, 192, 256]);

  constructor(key: Uint8Array) {
    super(key);
    this.checkKeySize();
  }
}

/** RC2 with 128-bit keys (the only size PyCA accepts). */
export class RC2 extends BlockCipherAlgorithm {
  readonly name = "RC2";
  readonly blockSize = 64;
  readonly keySizes: ReadonlySet<number> = new Set([128]);

  constructor(key: Uint8Array) {
    super(key);
    this.checkKeySize();
  }
}
