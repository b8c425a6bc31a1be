/**
 * `cryptography.hazmat.decrepit.ciphers.algorithms`: legacy ciphers kept for interoperability
 * with old data. All come from OpenSSL's legacy provider, built into hazmat's OpenSSL (3DES comes
 * from the default provider).
 *
 * @module
 */
import { blockCipherClass, streamCipherClass } from "../../primitives/ciphers/base.js";

function range(from: number, to: number, step: number): number[] {
  const sizes: number[] = [];
  for (let size = from; size <= to; size += step) sizes.push(size);
  return sizes;
}

/**
 * Triple DES (EDE). Keys of 64 or 128 bits are expanded as PyCA does (K1 → K1K1K1,
 * K1K2 → K1K2K1); 192-bit keys are used as is.
 */
export class TripleDES extends blockCipherClass("3DES", 64, [64, 128, 192]) {
  constructor(key: Uint8Array) {
    super(key);
    const given = this.key;
    if (given.length === 8) {
      (this as { key: Buffer }).key = Buffer.concat([given, given, given]);
    } else if (given.length === 16) {
      (this as { key: Buffer }).key = Buffer.concat([given, given.subarray(0, 8)]);
    }
  }
}

/** Blowfish; 32 to 448-bit keys in steps of 8. */
export class Blowfish extends blockCipherClass("Blowfish", 64, range(32, 448, 8)) {}

/** CAST5 (CAST-128); 40 to 128-bit keys in steps of 8. */
export class CAST5 extends blockCipherClass("CAST5", 64, range(40, 128, 8)) {}

/** SEED; 128-bit keys. */
export class SEED extends blockCipherClass("SEED", 128, [128]) {}

/** IDEA; 128-bit keys. */
export class IDEA extends blockCipherClass("IDEA", 64, [128]) {}

/** RC4 (a stream cipher: use it with no mode). */
export class ARC4 extends streamCipherClass("RC4", [40, 56, 64, 80, 128, 160, 192, 256]) {}

/** RC2 with 128-bit keys (the only size PyCA accepts). */
export class RC2 extends blockCipherClass("RC2", 64, [128]) {}
