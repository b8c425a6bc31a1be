/**
 * `cryptography.hazmat.primitives.asymmetric.dh`: finite-field Diffie-Hellman parameters, keys
 * and key exchange (OpenSSL's, `crates/hazmat/src/dsa_dh.rs`).
 *
 * @deprecated Finite-field DH is deprecated in PyCA 50 and will be removed in a future
 * release; use X25519 or ECDH. It still works.
 * @module
 */

import type {
  PrivateKey as NativePrivateKey,
  PublicKey as NativePublicKey,
} from "../../../index.js";
import { ValueError } from "../../exceptions.js";
import { checkBigint, fromHex, toHex } from "../../lib/bigint.js";
import { awaitNative, callNative, native } from "../../lib/native.js";
import { describeType, invalidType } from "../../lib/validate.js";
import {
  Encoding,
  type KeySerializationEncryption,
  ParameterFormat,
  PrivateFormat,
  PublicFormat,
  privateBytesOf,
  publicBytesOf,
} from "../serialization/base.js";
import { HANDLE, PrivateKeyObject, PublicKeyObject, registerKeyType } from "./base.js";

function optHex(value: bigint | null): string | null {
  return value === null ? null : toHex(value);
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** @deprecated Finite-field DH parameters p, g and optionally q. */
export class DHParameterNumbers {
  readonly p: bigint;
  readonly g: bigint;
  readonly q: bigint | null;

  constructor(p: bigint, g: bigint, q: bigint | null = null) {
    this.p = checkBigint("p", p);
    this.g = checkBigint("g", g);
    this.q = q === null || q === undefined ? null : checkBigint("q", q);
    if (this.g < 2n) throw new ValueError("DH generator must be 2 or greater");
    if (this.p.toString(2).length < 512) {
      throw new ValueError("p (modulus) must be at least 512-bit");
    }
  }

  /** The parameters: `ValueError("Invalid DH parameters")` if OpenSSL's DH_check refuses them. */
  parameters(): DHParameters {
    callNative(() => native.dhCheckParameters(toHex(this.p), toHex(this.g), optHex(this.q)));
    return new DHParameters(this);
  }

  equals(other: unknown): boolean {
    return (
      other instanceof DHParameterNumbers &&
      this.p === other.p &&
      this.g === other.g &&
      this.q === other.q
    );
  }

  toString(): string {
    return `<DHParameterNumbers(p=${this.p}, g=${this.g}, q=${this.q})>`;
  }
}

/** @deprecated A DH public value y with its parameters. */
export class DHPublicNumbers {
  readonly y: bigint;
  readonly parameterNumbers: DHParameterNumbers;

  constructor(y: bigint, parameterNumbers: DHParameterNumbers) {
    this.y = checkBigint("y", y);
    if (!(parameterNumbers instanceof DHParameterNumbers)) {
      throw invalidType(
        `parameterNumbers must be a DHParameterNumbers, got ${describeType(parameterNumbers)}`,
      );
    }
    this.parameterNumbers = parameterNumbers;
  }

  publicKey(): DHPublicKey {
    const { p, g, q } = this.parameterNumbers;
    return new DHPublicKey(
      callNative(() => native.dhPublicKeyFromNumbers(toHex(p), toHex(g), optHex(q), toHex(this.y))),
    );
  }

  equals(other: unknown): boolean {
    return (
      other instanceof DHPublicNumbers &&
      this.y === other.y &&
      this.parameterNumbers.equals(other.parameterNumbers)
    );
  }

  toString(): string {
    return `<DHPublicNumbers(y=${this.y}, parameterNumbers=${this.parameterNumbers})>`;
  }
}

/** @deprecated A DH private value x with its public numbers. Never prints x. */
export class DHPrivateNumbers {
  readonly x: bigint;
  readonly publicNumbers: DHPublicNumbers;

  constructor(x: bigint, publicNumbers: DHPublicNumbers) {
    this.x = checkBigint("x", x);
    if (!(publicNumbers instanceof DHPublicNumbers)) {
      throw invalidType(
        `publicNumbers must be a DHPublicNumbers, got ${describeType(publicNumbers)}`,
      );
    }
    this.publicNumbers = publicNumbers;
  }

  privateKey(): DHPrivateKey {
    const { y, parameterNumbers } = this.publicNumbers;
    const { p, g, q } = parameterNumbers;
    return new DHPrivateKey(
      callNative(() =>
        native.dhPrivateKeyFromNumbers(toHex(p), toHex(g), optHex(q), toHex(y), toHex(this.x)),
      ),
    );
  }

  equals(other: unknown): boolean {
    return (
      other instanceof DHPrivateNumbers &&
      this.x === other.x &&
      this.publicNumbers.equals(other.publicNumbers)
    );
  }

  toString(): string {
    return "<DHPrivateNumbers>";
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

function parameterNumbersOf(hex: string[]): DHParameterNumbers {
  return new DHParameterNumbers(
    fromHex(hex[0]),
    fromHex(hex[1]),
    hex[2] === "" || hex[2] === undefined ? null : fromHex(hex[2]),
  );
}

/** @deprecated DH domain parameters. */
export class DHParameters {
  readonly #numbers: DHParameterNumbers;

  /** @internal Use {@link generateParameters}, numbers or a parameters loader. */
  constructor(numbers: DHParameterNumbers) {
    this.#numbers = numbers;
  }

  generatePrivateKey(): DHPrivateKey {
    const { p, g, q } = this.#numbers;
    return new DHPrivateKey(
      callNative(() => native.dhGeneratePrivateKey(toHex(p), toHex(g), optHex(q))),
    );
  }

  parameterNumbers(): DHParameterNumbers {
    return this.#numbers;
  }

  /** PKCS #3 (`DH PARAMETERS`), or X9.42 when the parameters carry q, in PEM or DER. */
  parameterBytes(encoding: Encoding, format: ParameterFormat): Buffer {
    if (!(encoding instanceof Encoding)) {
      throw invalidType("encoding must be an item from the Encoding enum");
    }
    if (!(format instanceof ParameterFormat)) {
      throw invalidType("format must be an item from the ParameterFormat enum");
    }
    if (format !== ParameterFormat.PKCS3) {
      throw new ValueError("Only PKCS3 serialization is supported");
    }
    if (encoding !== Encoding.PEM && encoding !== Encoding.DER) {
      throw invalidType("encoding must be Encoding.DER or Encoding.PEM");
    }
    const { p, g, q } = this.#numbers;
    return callNative(() =>
      native.dhParameterBytes(toHex(p), toHex(g), optHex(q), encoding === Encoding.PEM),
    );
  }

  toString(): string {
    return `<DHParameters (${this.#numbers.p.toString(2).length} bits)>`;
  }
}

/** @internal For `serialization.loadPemParameters` / `loadDerParameters`. */
export function loadDhParameters(data: Uint8Array, pem: boolean): DHParameters {
  return new DHParameters(parameterNumbersOf(callNative(() => native.dhLoadParameters(data, pem))));
}

/** @deprecated A DH private key. */
export class DHPrivateKey extends PrivateKeyObject {
  /** @internal */
  constructor(handle: NativePrivateKey) {
    super(handle);
  }

  get keySize(): number {
    return this[HANDLE].keySize();
  }

  publicKey(): DHPublicKey {
    return new DHPublicKey(callNative(() => this[HANDLE].publicKey()));
  }

  parameters(): DHParameters {
    return new DHParameters(
      parameterNumbersOf(callNative(() => native.dhPrivateNumbers(this[HANDLE]))),
    );
  }

  /** The shared secret with `peerPublicKey`, as long as p (left-padded with zeros). */
  exchange(peerPublicKey: DHPublicKey): Buffer {
    if (!(peerPublicKey instanceof DHPublicKey)) {
      throw invalidType(`peerPublicKey must be a DHPublicKey, got ${describeType(peerPublicKey)}`);
    }
    return callNative(() => native.dhExchange(this[HANDLE], peerPublicKey[HANDLE]));
  }

  privateNumbers(): DHPrivateNumbers {
    const hex = callNative(() => native.dhPrivateNumbers(this[HANDLE]));
    return new DHPrivateNumbers(
      fromHex(hex[4]),
      new DHPublicNumbers(fromHex(hex[3]), parameterNumbersOf(hex)),
    );
  }

  /** PKCS #8 only (PEM or DER). */
  privateBytes(
    encoding: Encoding,
    format: PrivateFormat,
    encryptionAlgorithm: KeySerializationEncryption,
  ): Buffer {
    if (format instanceof PrivateFormat && format !== PrivateFormat.PKCS8) {
      throw new ValueError("DH private keys support only PKCS8 serialization");
    }
    return privateBytesOf(this[HANDLE], encoding, format, encryptionAlgorithm);
  }
}

/** @deprecated A DH public key. */
export class DHPublicKey extends PublicKeyObject {
  /** @internal */
  constructor(handle: NativePublicKey) {
    super(handle);
  }

  get keySize(): number {
    return this[HANDLE].keySize();
  }

  parameters(): DHParameters {
    return new DHParameters(
      parameterNumbersOf(callNative(() => native.dhPublicNumbers(this[HANDLE]))),
    );
  }

  publicNumbers(): DHPublicNumbers {
    const hex = callNative(() => native.dhPublicNumbers(this[HANDLE]));
    return new DHPublicNumbers(fromHex(hex[3]), parameterNumbersOf(hex));
  }

  /** SubjectPublicKeyInfo only (PEM or DER). */
  publicBytes(encoding: Encoding, format: PublicFormat): Buffer {
    if (format instanceof PublicFormat && format !== PublicFormat.SubjectPublicKeyInfo) {
      throw new ValueError("DH public keys support only SubjectPublicKeyInfo serialization");
    }
    return publicBytesOf(this[HANDLE], encoding, format);
  }
}

// ---------------------------------------------------------------------------------------------
// Generation

function checkInteger(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw invalidType(`${name} must be an integer, got ${describeType(value)}`);
  }
  return value < 0 || value > 0xffffffff ? 0 : value;
}

/**
 * @deprecated New parameters: a safe prime of `keySize` bits (≥ 512) with `generator` 2 or 5.
 * Slow for 2048 bits and more; prefer {@link generateParametersAsync} or a standard group.
 */
export function generateParameters(generator: number, keySize: number): DHParameters {
  const g = checkInteger("generator", generator);
  const size = checkInteger("keySize", keySize);
  return new DHParameters(
    parameterNumbersOf(callNative(() => native.dhGenerateParameters(g, size))),
  );
}

/** @deprecated {@link generateParameters} on hazmat's low-priority background pool. */
export async function generateParametersAsync(
  generator: number,
  keySize: number,
): Promise<DHParameters> {
  const g = checkInteger("generator", generator);
  const size = checkInteger("keySize", keySize);
  const hex = await awaitNative(callNative(() => native.dhGenerateParametersAsync(g, size)));
  return new DHParameters(parameterNumbersOf(hex));
}

registerKeyType("DH", {
  wrapPrivate: (handle) => new DHPrivateKey(handle),
  wrapPublic: (handle) => new DHPublicKey(handle),
});
