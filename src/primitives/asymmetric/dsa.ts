/**
 * `cryptography.hazmat.primitives.asymmetric.dsa`: DSA (FIPS 186) parameters and keys,
 * DER-encoded signatures. The arithmetic is OpenSSL's (`crates/hazmat/src/dsa_dh.rs`);
 * parameters, keys and nonces come from its RAND, which the OS random engine feeds while active.
 *
 * ```ts
 * const key = generatePrivateKey(2048);
 * const signature = key.sign(message, new SHA256());
 * key.publicKey().verify(signature, message, new SHA256()); // InvalidSignature if not
 * ```
 *
 * @module
 */

import type {
  PrivateKey as NativePrivateKey,
  PublicKey as NativePublicKey,
} from "../../../index.js";
import { InvalidSignature } from "../../exceptions.js";
import { checkBigint, fromHex, toHex } from "../../lib/bigint.js";
import { awaitNative, callNative, native } from "../../lib/native.js";
import { checkBytes, describeType, invalidType } from "../../lib/validate.js";
import { type HashAlgorithm, resolveHashAlgorithm } from "../hashes.js";
import {
  type Encoding,
  type KeySerializationEncryption,
  type PrivateFormat,
  type PublicFormat,
  privateBytesOf,
  publicBytesOf,
} from "../serialization/base.js";
import { HANDLE, PrivateKeyObject, PublicKeyObject, registerKeyType } from "./base.js";
import { checkHashAlgorithm } from "./padding.js";
import { Prehashed } from "./utils.js";

function checkKeySize(keySize: unknown): number {
  if (typeof keySize !== "number" || !Number.isInteger(keySize)) {
    throw invalidType(`keySize must be an integer, got ${describeType(keySize)}`);
  }
  // Out-of-range sizes reach the native side, which answers PyCA's ValueError.
  return keySize < 0 || keySize > 0xffffffff ? 0 : keySize;
}

interface SignParameters {
  hashId: number;
  digestSize: number;
  prehashed: boolean;
}

function signParameters(algorithm: unknown): SignParameters {
  if (algorithm instanceof Prehashed) {
    const { id } = resolveHashAlgorithm("algorithm", algorithm._algorithm);
    return { hashId: id, digestSize: algorithm._digestSize, prehashed: true };
  }
  const hash = checkHashAlgorithm(algorithm);
  const { id } = resolveHashAlgorithm("algorithm", hash);
  return { hashId: id, digestSize: hash.digestSize, prehashed: false };
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** The domain parameters p, q, g. */
export class DSAParameterNumbers {
  readonly p: bigint;
  readonly q: bigint;
  readonly g: bigint;

  constructor(p: bigint, q: bigint, g: bigint) {
    this.p = checkBigint("p", p);
    this.q = checkBigint("q", q);
    this.g = checkBigint("g", g);
  }

  /** The parameters: `ValueError` unless p, q have FIPS 186 sizes and 1 < g < p. */
  parameters(): DSAParameters {
    callNative(() => native.dsaCheckParameters(toHex(this.p), toHex(this.q), toHex(this.g)));
    return new DSAParameters(this);
  }

  equals(other: unknown): boolean {
    return (
      other instanceof DSAParameterNumbers &&
      this.p === other.p &&
      this.q === other.q &&
      this.g === other.g
    );
  }

  toString(): string {
    return `<DSAParameterNumbers(p=${this.p}, q=${this.q}, g=${this.g})>`;
  }
}

/** A public value y with its parameters. */
export class DSAPublicNumbers {
  readonly y: bigint;
  readonly parameterNumbers: DSAParameterNumbers;

  constructor(y: bigint, parameterNumbers: DSAParameterNumbers) {
    this.y = checkBigint("y", y);
    if (!(parameterNumbers instanceof DSAParameterNumbers)) {
      throw invalidType(
        `parameterNumbers must be a DSAParameterNumbers, got ${describeType(parameterNumbers)}`,
      );
    }
    this.parameterNumbers = parameterNumbers;
  }

  /** The public key (parameters checked as {@link DSAParameterNumbers.parameters}). */
  publicKey(): DSAPublicKey {
    const { p, q, g } = this.parameterNumbers;
    return new DSAPublicKey(
      callNative(() => native.dsaPublicKeyFromNumbers(toHex(p), toHex(q), toHex(g), toHex(this.y))),
    );
  }

  equals(other: unknown): boolean {
    return (
      other instanceof DSAPublicNumbers &&
      this.y === other.y &&
      this.parameterNumbers.equals(other.parameterNumbers)
    );
  }

  toString(): string {
    return `<DSAPublicNumbers(y=${this.y}, parameterNumbers=${this.parameterNumbers})>`;
  }
}

/** A private value x with its public numbers. Never prints x. */
export class DSAPrivateNumbers {
  readonly x: bigint;
  readonly publicNumbers: DSAPublicNumbers;

  constructor(x: bigint, publicNumbers: DSAPublicNumbers) {
    this.x = checkBigint("x", x);
    if (!(publicNumbers instanceof DSAPublicNumbers)) {
      throw invalidType(
        `publicNumbers must be a DSAPublicNumbers, got ${describeType(publicNumbers)}`,
      );
    }
    this.publicNumbers = publicNumbers;
  }

  /** The private key: `ValueError` unless 0 < x < q and y = g^x mod p. */
  privateKey(): DSAPrivateKey {
    const { y, parameterNumbers } = this.publicNumbers;
    const { p, q, g } = parameterNumbers;
    return new DSAPrivateKey(
      callNative(() =>
        native.dsaPrivateKeyFromNumbers(toHex(p), toHex(q), toHex(g), toHex(y), toHex(this.x)),
      ),
    );
  }

  equals(other: unknown): boolean {
    return (
      other instanceof DSAPrivateNumbers &&
      this.x === other.x &&
      this.publicNumbers.equals(other.publicNumbers)
    );
  }

  toString(): string {
    return "<DSAPrivateNumbers>";
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toJSON(): string {
    return this.toString();
  }
}

// ---------------------------------------------------------------------------------------------
// Parameters and keys

/** DSA domain parameters, from which keys are generated. */
export class DSAParameters {
  readonly #numbers: DSAParameterNumbers;

  /** @internal Use {@link generateParameters} or {@link DSAParameterNumbers.parameters}. */
  constructor(numbers: DSAParameterNumbers) {
    this.#numbers = numbers;
  }

  /** A new private key with these parameters. */
  generatePrivateKey(): DSAPrivateKey {
    const { p, q, g } = this.#numbers;
    return new DSAPrivateKey(
      callNative(() => native.dsaGeneratePrivateKey(toHex(p), toHex(q), toHex(g))),
    );
  }

  parameterNumbers(): DSAParameterNumbers {
    return this.#numbers;
  }

  toString(): string {
    return `<DSAParameters (${this.#numbers.p.toString(2).length} bits)>`;
  }
}

function parameterNumbersOf(hex: string[]): DSAParameterNumbers {
  return new DSAParameterNumbers(fromHex(hex[0]), fromHex(hex[1]), fromHex(hex[2]));
}

/** A DSA private key. */
export class DSAPrivateKey extends PrivateKeyObject {
  /** @internal Use {@link generatePrivateKey}, numbers or a loader. */
  constructor(handle: NativePrivateKey) {
    super(handle);
  }

  /** Bit length of p. */
  get keySize(): number {
    return this[HANDLE].keySize();
  }

  publicKey(): DSAPublicKey {
    return new DSAPublicKey(callNative(() => this[HANDLE].publicKey()));
  }

  parameters(): DSAParameters {
    return new DSAParameters(
      parameterNumbersOf(callNative(() => native.dsaPrivateNumbers(this[HANDLE]))),
    );
  }

  /** A DER-encoded DSA signature of `data` hashed with `algorithm` (or a `Prehashed` digest). */
  sign(data: Uint8Array, algorithm: HashAlgorithm | Prehashed): Buffer {
    const bytes = checkBytes("data", data);
    const { hashId, digestSize, prehashed } = signParameters(algorithm);
    return callNative(() => native.dsaSign(this[HANDLE], hashId, digestSize, prehashed, bytes));
  }

  privateNumbers(): DSAPrivateNumbers {
    const hex = callNative(() => native.dsaPrivateNumbers(this[HANDLE]));
    return new DSAPrivateNumbers(
      fromHex(hex[4]),
      new DSAPublicNumbers(fromHex(hex[3]), parameterNumbersOf(hex)),
    );
  }

  privateBytes(
    encoding: Encoding,
    format: PrivateFormat,
    encryptionAlgorithm: KeySerializationEncryption,
  ): Buffer {
    return privateBytesOf(this[HANDLE], encoding, format, encryptionAlgorithm);
  }
}

/** A DSA public key. */
export class DSAPublicKey extends PublicKeyObject {
  /** @internal Use {@link DSAPrivateKey.publicKey}, numbers or a loader. */
  constructor(handle: NativePublicKey) {
    super(handle);
  }

  get keySize(): number {
    return this[HANDLE].keySize();
  }

  parameters(): DSAParameters {
    return new DSAParameters(
      parameterNumbersOf(callNative(() => native.dsaPublicNumbers(this[HANDLE]))),
    );
  }

  /** Checks a DER signature of `data`; `InvalidSignature` if it does not verify. */
  verify(signature: Uint8Array, data: Uint8Array, algorithm: HashAlgorithm | Prehashed): void {
    const sig = checkBytes("signature", signature);
    const bytes = checkBytes("data", data);
    const { hashId, digestSize, prehashed } = signParameters(algorithm);
    const valid = callNative(() =>
      native.dsaVerify(this[HANDLE], hashId, digestSize, prehashed, sig, bytes),
    );
    if (!valid) throw new InvalidSignature("Signature did not verify.");
  }

  publicNumbers(): DSAPublicNumbers {
    const hex = callNative(() => native.dsaPublicNumbers(this[HANDLE]));
    return new DSAPublicNumbers(fromHex(hex[3]), parameterNumbersOf(hex));
  }

  publicBytes(encoding: Encoding, format: PublicFormat): Buffer {
    return publicBytesOf(this[HANDLE], encoding, format);
  }
}

// ---------------------------------------------------------------------------------------------
// Generation

/** New parameters with a p of `keySize` bits (1024, 2048, 3072 or 4096). */
export function generateParameters(keySize: number): DSAParameters {
  const size = checkKeySize(keySize);
  return new DSAParameters(
    parameterNumbersOf(callNative(() => native.dsaGenerateParameters(size))),
  );
}

/** {@link generateParameters} on hazmat's low-priority background pool, leaving the event loop free. */
export async function generateParametersAsync(keySize: number): Promise<DSAParameters> {
  const size = checkKeySize(keySize);
  const hex = await awaitNative(callNative(() => native.dsaGenerateParametersAsync(size)));
  return new DSAParameters(parameterNumbersOf(hex));
}

/** A new private key with new parameters of `keySize` bits. */
export function generatePrivateKey(keySize: number): DSAPrivateKey {
  return generateParameters(keySize).generatePrivateKey();
}

/** {@link generatePrivateKey} with the parameter generation on hazmat's low-priority background pool. */
export async function generatePrivateKeyAsync(keySize: number): Promise<DSAPrivateKey> {
  return (await generateParametersAsync(keySize)).generatePrivateKey();
}

registerKeyType("DSA", {
  wrapPrivate: (handle) => new DSAPrivateKey(handle),
  wrapPublic: (handle) => new DSAPublicKey(handle),
});
