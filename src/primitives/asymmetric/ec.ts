/**
 * `cryptography.hazmat.primitives.asymmetric.ec`: elliptic-curve keys on the NIST, SECG and
 * Brainpool prime curves, ECDSA signatures (random or RFC 6979 deterministic nonces) and ECDH.
 * The arithmetic is OpenSSL's (`crates/hazmat/src/ec.rs`); keys and nonces come from its RAND,
 * which the OS random engine feeds while it is active.
 *
 * @module
 */

import type {
  PrivateKey as NativePrivateKey,
  PublicKey as NativePublicKey,
} from "../../../index.js";
import { _Reasons, InvalidSignature, UnsupportedAlgorithm, ValueError } from "../../exceptions.js";
import { bigintToBytes, bytesToBigint, checkBigint } from "../../lib/bigint.js";
import { callNative, native } from "../../lib/native.js";
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

// ---------------------------------------------------------------------------------------------
// Curves

/** An elliptic curve (PyCA's `EllipticCurve`): its name, size in bits and group order. */
export abstract class EllipticCurve {
  /** PyCA's name, e.g. `"secp256r1"`, `"brainpoolP384r1"`. */
  abstract readonly name: string;
  /** Bit size of a secret scalar for the curve. */
  abstract readonly keySize: number;
  /** The order of the curve's base point. */
  abstract readonly groupOrder: bigint;

  toString(): string {
    return `<${this.constructor.name} (${this.name})>`;
  }
}

function curveClass(name: string, keySize: number, groupOrder: bigint) {
  return class extends EllipticCurve {
    readonly name = name;
    readonly keySize = keySize;
    readonly groupOrder = groupOrder;
  };
}

/** NIST P-256 (prime256v1). */
export class SECP256R1 extends curveClass(
  "secp256r1",
  256,
  0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
) {}
/** NIST P-384. */
export class SECP384R1 extends curveClass(
  "secp384r1",
  384,
  0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
) {}
/** NIST P-521. */
export class SECP521R1 extends curveClass(
  "secp521r1",
  521,
  0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
) {}
/** NIST P-224. */
export class SECP224R1 extends curveClass(
  "secp224r1",
  224,
  0xffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3dn,
) {}
/** NIST P-192 (prime192v1). */
export class SECP192R1 extends curveClass(
  "secp192r1",
  192,
  0xffffffffffffffffffffffff99def836146bc9b1b4d22831n,
) {}
/** The SECG Koblitz curve secp256k1. */
export class SECP256K1 extends curveClass(
  "secp256k1",
  256,
  0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n,
) {}
/** Brainpool P-256 r1 (RFC 5639). */
export class BrainpoolP256R1 extends curveClass(
  "brainpoolP256r1",
  256,
  0xa9fb57dba1eea9bc3e660a909d838d718c397aa3b561a6f7901e0e82974856a7n,
) {}
/** Brainpool P-384 r1 (RFC 5639). */
export class BrainpoolP384R1 extends curveClass(
  "brainpoolP384r1",
  384,
  0x8cb91e82a3386d280f5d6f7e50e641df152f7109ed5456b31f166e6cac0425a7cf3ab6af6b7fc3103b883202e9046565n,
) {}
/** Brainpool P-512 r1 (RFC 5639). */
export class BrainpoolP512R1 extends curveClass(
  "brainpoolP512r1",
  512,
  0xaadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870553e5c414ca92619418661197fac10471db1d381085ddaddb58796829ca90069n,
) {}

type CurveClass = new () => EllipticCurve;

/** PyCA's `_CURVE_TYPES`: curve names (OpenSSL's aliases too) to their classes. */
const CURVE_TYPES: ReadonlyMap<string, CurveClass> = new Map<string, CurveClass>([
  ["prime192v1", SECP192R1],
  ["prime256v1", SECP256R1],
  ["secp192r1", SECP192R1],
  ["secp224r1", SECP224R1],
  ["secp256r1", SECP256R1],
  ["secp384r1", SECP384R1],
  ["secp521r1", SECP521R1],
  ["secp256k1", SECP256K1],
  ["brainpoolP256r1", BrainpoolP256R1],
  ["brainpoolP384r1", BrainpoolP384R1],
  ["brainpoolP512r1", BrainpoolP512R1],
]);

/** The dotted OIDs of the supported curves (PyCA's `EllipticCurveOID`, as strings). */
export const EllipticCurveOID = {
  SECP192R1: "1.2.840.10045.3.1.1",
  SECP224R1: "1.3.132.0.33",
  SECP256K1: "1.3.132.0.10",
  SECP256R1: "1.2.840.10045.3.1.7",
  SECP384R1: "1.3.132.0.34",
  SECP521R1: "1.3.132.0.35",
  BRAINPOOLP256R1: "1.3.36.3.3.2.8.1.1.7",
  BRAINPOOLP384R1: "1.3.36.3.3.2.8.1.1.11",
  BRAINPOOLP512R1: "1.3.36.3.3.2.8.1.1.13",
} as const;

const OID_TO_CURVE: ReadonlyMap<string, CurveClass> = new Map<string, CurveClass>([
  [EllipticCurveOID.SECP192R1, SECP192R1],
  [EllipticCurveOID.SECP224R1, SECP224R1],
  [EllipticCurveOID.SECP256K1, SECP256K1],
  [EllipticCurveOID.SECP256R1, SECP256R1],
  [EllipticCurveOID.SECP384R1, SECP384R1],
  [EllipticCurveOID.SECP521R1, SECP521R1],
  [EllipticCurveOID.BRAINPOOLP256R1, BrainpoolP256R1],
  [EllipticCurveOID.BRAINPOOLP384R1, BrainpoolP384R1],
  [EllipticCurveOID.BRAINPOOLP512R1, BrainpoolP512R1],
]);

/**
 * The curve class of an OID: a dotted string, or any object with PyCA's `dottedString`.
 * An unknown OID is a `ValueError` (PyCA raises `LookupError`, which JavaScript lacks).
 */
export function getCurveForOid(oid: string | { readonly dottedString: string }): CurveClass {
  const dotted =
    typeof oid === "string"
      ? oid
      : typeof (oid as { dottedString?: unknown } | null)?.dottedString === "string"
        ? oid.dottedString
        : null;
  if (dotted === null) {
    throw invalidType(
      `oid must be a dotted string or an ObjectIdentifier, got ${describeType(oid)}`,
    );
  }
  const curve = OID_TO_CURVE.get(dotted);
  if (curve === undefined) {
    throw new ValueError("The provided object identifier has no matching elliptic curve class");
  }
  return curve;
}

function isCurve(value: unknown): value is EllipticCurve {
  const candidate = value as Partial<EllipticCurve> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.name === "string" &&
    typeof candidate.keySize === "number"
  );
}

/** A curve argument: TypeError unless it is an EllipticCurve, UnsupportedAlgorithm unless ours. */
function checkSupportedCurve(value: unknown, message = "curve must be an EllipticCurve instance") {
  if (!isCurve(value)) throw invalidType(message);
  if (!native.ecCurveSupported(value.name)) throw unsupportedCurve(value.name);
  return value;
}

function unsupportedCurve(name: string): UnsupportedAlgorithm {
  return new UnsupportedAlgorithm(
    `Curve ${name} is not supported`,
    _Reasons.UNSUPPORTED_ELLIPTIC_CURVE,
  );
}

/** A new instance of the class of the curve named `name` (as a key reports it). */
function curveNamed(name: string | null): EllipticCurve {
  const curve = name === null ? undefined : CURVE_TYPES.get(name);
  if (curve === undefined) throw unsupportedCurve(name ?? "with explicit parameters");
  return new curve();
}

// ---------------------------------------------------------------------------------------------
// Numbers ↔ bytes

// ---------------------------------------------------------------------------------------------
// Algorithms

/** Sign/verify flags of `crates/hazmat/src/ec.rs`. */
const PREHASHED = 1;
const DETERMINISTIC = 2;

interface EcdsaParameters {
  hashId: number;
  digestSize: number;
  flags: number;
}

const RESOLVE: unique symbol = Symbol("hazmat.ecdsaParameters");

/**
 * The ECDSA signature algorithm with `algorithm` as its hash (or a `Prehashed` digest).
 * `deterministicSigning` derives nonces as RFC 6979 does instead of drawing them at random.
 */
export class ECDSA {
  readonly algorithm: HashAlgorithm | Prehashed;
  readonly deterministicSigning: boolean;
  #parameters: EcdsaParameters | undefined;

  constructor(algorithm: HashAlgorithm | Prehashed, deterministicSigning = false) {
    if (!(algorithm instanceof Prehashed)) checkHashAlgorithm(algorithm);
    if (typeof deterministicSigning !== "boolean") {
      throw invalidType(
        `deterministicSigning must be a boolean, got ${describeType(deterministicSigning)}`,
      );
    }
    this.algorithm = algorithm;
    this.deterministicSigning = deterministicSigning;
  }

  /** @internal The native parameters, resolved on first use. */
  [RESOLVE](): EcdsaParameters {
    if (this.#parameters !== undefined) return this.#parameters;
    const prehashed = this.algorithm instanceof Prehashed;
    const hash = this.algorithm instanceof Prehashed ? this.algorithm._algorithm : this.algorithm;
    const { id } = resolveHashAlgorithm("algorithm", hash);
    this.#parameters = {
      hashId: id,
      digestSize: hash.digestSize,
      flags: (prehashed ? PREHASHED : 0) | (this.deterministicSigning ? DETERMINISTIC : 0),
    };
    return this.#parameters;
  }
}

/** The ECDH key-exchange algorithm, for {@link EllipticCurvePrivateKey.exchange}. */
export class ECDH {}

function ecdsaParameters(signatureAlgorithm: unknown): EcdsaParameters {
  if (!(signatureAlgorithm instanceof ECDSA)) {
    throw new UnsupportedAlgorithm(
      "Unsupported elliptic curve signature algorithm",
      _Reasons.UNSUPPORTED_PUBLIC_KEY_ALGORITHM,
    );
  }
  return signatureAlgorithm[RESOLVE]();
}

// ---------------------------------------------------------------------------------------------
// Keys

/** The longest DER ECDSA signature on a curve of `keySize` bits (r and s with sign bytes). */
function maxSignatureLength(keySize: number): number {
  const integer = Math.ceil(keySize / 8) + 3;
  return 2 * integer + 3;
}

/** An elliptic-curve private key. */
export class EllipticCurvePrivateKey extends PrivateKeyObject {
  readonly #curve: EllipticCurve;
  readonly #maxSignature: number;

  /** @internal Use {@link generatePrivateKey}, {@link derivePrivateKey} or a loader. */
  constructor(handle: NativePrivateKey, curve: EllipticCurve) {
    super(handle);
    this.#curve = curve;
    this.#maxSignature = maxSignatureLength(curve.keySize);
  }

  /** The key's curve. */
  get curve(): EllipticCurve {
    return this.#curve;
  }

  /** The curve's size in bits. */
  get keySize(): number {
    return this.#curve.keySize;
  }

  /** The matching public key. */
  publicKey(): EllipticCurvePublicKey {
    return new EllipticCurvePublicKey(
      callNative(() => this[HANDLE].publicKey()),
      this.#curve,
    );
  }

  /** A DER-encoded ECDSA signature of `data`. */
  sign(data: Uint8Array, signatureAlgorithm: ECDSA): Buffer {
    const bytes = checkBytes("data", data);
    const { hashId, digestSize, flags } = ecdsaParameters(signatureAlgorithm);
    const out = Buffer.allocUnsafe(this.#maxSignature);
    const written = callNative(() =>
      native.ecSign(this[HANDLE], hashId, digestSize, flags, bytes, out),
    );
    return out.subarray(0, written);
  }

  /** The ECDH shared secret with `peerPublicKey` (a key on the same curve). */
  exchange(algorithm: ECDH, peerPublicKey: EllipticCurvePublicKey): Buffer {
    if (!(algorithm instanceof ECDH)) {
      throw new UnsupportedAlgorithm(
        "Unsupported EC exchange algorithm",
        _Reasons.UNSUPPORTED_EXCHANGE_ALGORITHM,
      );
    }
    if (!(peerPublicKey instanceof EllipticCurvePublicKey)) {
      throw invalidType(
        `peerPublicKey must be an EllipticCurvePublicKey, got ${describeType(peerPublicKey)}`,
      );
    }
    return callNative(() => native.ecExchange(this[HANDLE], peerPublicKey[HANDLE]));
  }

  /** The private value and public point as numbers. */
  privateNumbers(): EllipticCurvePrivateNumbers {
    const value = bytesToBigint(callNative(() => native.ecPrivateValue(this[HANDLE])));
    return new EllipticCurvePrivateNumbers(value, this.publicKey().publicNumbers());
  }

  /** The key serialized (see `hazmat/primitives/serialization`). */
  privateBytes(
    encoding: Encoding,
    format: PrivateFormat,
    encryptionAlgorithm: KeySerializationEncryption,
  ): Buffer {
    return privateBytesOf(this[HANDLE], encoding, format, encryptionAlgorithm);
  }
}

/** An elliptic-curve public key. */
export class EllipticCurvePublicKey extends PublicKeyObject {
  readonly #curve: EllipticCurve;

  /** @internal Use {@link EllipticCurvePublicKey.fromEncodedPoint}, numbers or a loader. */
  constructor(handle: NativePublicKey, curve: EllipticCurve) {
    super(handle);
    this.#curve = curve;
  }

  /** The public key of an X9.62 encoded point (compressed or uncompressed) on `curve`. */
  static fromEncodedPoint(curve: EllipticCurve, data: Uint8Array): EllipticCurvePublicKey {
    const checked = checkSupportedCurve(curve);
    const bytes = checkBytes("data", data);
    if (bytes.length === 0) throw new ValueError("data must not be an empty byte string");
    const kind = bytes[0];
    if (kind !== 0x02 && kind !== 0x03 && kind !== 0x04) {
      throw new ValueError("Unsupported elliptic curve point type");
    }
    const handle = callNative(() => native.ecPublicKeyFromEncodedPoint(checked.name, bytes));
    return new EllipticCurvePublicKey(handle, curveNamed(checked.name));
  }

  /** The key's curve. */
  get curve(): EllipticCurve {
    return this.#curve;
  }

  /** The curve's size in bits. */
  get keySize(): number {
    return this.#curve.keySize;
  }

  /** Checks an ECDSA signature of `data`; `InvalidSignature` if it does not verify. */
  verify(signature: Uint8Array, data: Uint8Array, signatureAlgorithm: ECDSA): void {
    const sig = checkBytes("signature", signature);
    const bytes = checkBytes("data", data);
    const { hashId, digestSize, flags } = ecdsaParameters(signatureAlgorithm);
    const valid = callNative(() =>
      native.ecVerify(this[HANDLE], hashId, digestSize, flags, sig, bytes),
    );
    if (!valid) throw new InvalidSignature("Signature did not verify.");
  }

  /** The public point as numbers. */
  publicNumbers(): EllipticCurvePublicNumbers {
    const point = callNative(() => native.ecPublicPoint(this[HANDLE], false));
    const size = (point.length - 1) / 2;
    return new EllipticCurvePublicNumbers(
      bytesToBigint(point.subarray(1, 1 + size)),
      bytesToBigint(point.subarray(1 + size)),
      this.#curve,
    );
  }

  /**
   * The key serialized: SubjectPublicKeyInfo (PEM/DER), OpenSSH, or an X9.62 point
   * (`Encoding.X962` with `PublicFormat.CompressedPoint` / `UncompressedPoint`).
   */
  publicBytes(encoding: Encoding, format: PublicFormat): Buffer {
    return publicBytesOf(this[HANDLE], encoding, format);
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** A public point (x, y) on a curve. */
export class EllipticCurvePublicNumbers {
  readonly x: bigint;
  readonly y: bigint;
  readonly curve: EllipticCurve;

  constructor(x: bigint, y: bigint, curve: EllipticCurve) {
    this.x = checkBigint("x", x);
    this.y = checkBigint("y", y);
    if (!isCurve(curve)) throw invalidType("curve must provide the EllipticCurve interface.");
    this.curve = curve;
  }

  /** The public key at this point: `ValueError` if the point is not on the curve. */
  publicKey(): EllipticCurvePublicKey {
    const curve = checkSupportedCurve(this.curve);
    if (this.x < 0n || this.y < 0n) {
      throw new ValueError("Invalid EC key. Point is not on the curve specified.");
    }
    const handle = callNative(() =>
      native.ecPublicKeyFromNumbers(curve.name, bigintToBytes(this.x), bigintToBytes(this.y)),
    );
    return new EllipticCurvePublicKey(handle, curveNamed(curve.name));
  }

  /** Same point on a curve of the same name. */
  equals(other: unknown): boolean {
    return (
      other instanceof EllipticCurvePublicNumbers &&
      this.x === other.x &&
      this.y === other.y &&
      this.curve.name === other.curve.name &&
      this.curve.keySize === other.curve.keySize
    );
  }

  toString(): string {
    return `<EllipticCurvePublicNumbers(curve=${this.curve.name}, x=${this.x}, y=${this.y})>`;
  }
}

/** A private value with its public numbers. Never prints the private value. */
export class EllipticCurvePrivateNumbers {
  readonly privateValue: bigint;
  readonly publicNumbers: EllipticCurvePublicNumbers;

  constructor(privateValue: bigint, publicNumbers: EllipticCurvePublicNumbers) {
    this.privateValue = checkBigint("privateValue", privateValue);
    if (!(publicNumbers instanceof EllipticCurvePublicNumbers)) {
      throw invalidType(
        `publicNumbers must be an EllipticCurvePublicNumbers, got ${describeType(publicNumbers)}`,
      );
    }
    this.publicNumbers = publicNumbers;
  }

  /** The private key: `ValueError` unless the value is in range and matches the point. */
  privateKey(): EllipticCurvePrivateKey {
    const { x, y } = this.publicNumbers;
    const curve = checkSupportedCurve(this.publicNumbers.curve);
    if (this.privateValue <= 0n || x < 0n || y < 0n) throw new ValueError("Invalid EC key.");
    const handle = callNative(() =>
      native.ecPrivateKeyFromNumbers(
        curve.name,
        bigintToBytes(this.privateValue),
        bigintToBytes(x),
        bigintToBytes(y),
      ),
    );
    return new EllipticCurvePrivateKey(handle, curveNamed(curve.name));
  }

  equals(other: unknown): boolean {
    return (
      other instanceof EllipticCurvePrivateNumbers &&
      this.privateValue === other.privateValue &&
      this.publicNumbers.equals(other.publicNumbers)
    );
  }

  toString(): string {
    return `<EllipticCurvePrivateNumbers(curve=${this.publicNumbers.curve.name})>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toJSON(): string {
    return this.toString();
  }
}

// ---------------------------------------------------------------------------------------------
// Key creation

/** A new private key on `curve`, from OpenSSL's RAND (the OS random engine when active). */
export function generatePrivateKey(curve: EllipticCurve): EllipticCurvePrivateKey {
  const checked = checkSupportedCurve(curve);
  const handle = callNative(() => native.ecGeneratePrivateKey(checked.name));
  return new EllipticCurvePrivateKey(handle, curveNamed(checked.name));
}

/** The private key whose secret scalar is `privateValue` (1 ≤ value < the group order). */
export function derivePrivateKey(
  privateValue: bigint,
  curve: EllipticCurve,
): EllipticCurvePrivateKey {
  if (typeof privateValue !== "bigint") throw invalidType("private_value must be an integer type.");
  if (privateValue <= 0n) throw new ValueError("private_value must be a positive integer.");
  const checked = checkSupportedCurve(curve);
  const handle = callNative(() =>
    native.ecDerivePrivateKey(checked.name, bigintToBytes(privateValue)),
  );
  return new EllipticCurvePrivateKey(handle, curveNamed(checked.name));
}

registerKeyType("EC", {
  wrapPrivate: (handle) =>
    new EllipticCurvePrivateKey(handle, curveNamed(native.ecPrivateKeyCurve(handle))),
  wrapPublic: (handle) =>
    new EllipticCurvePublicKey(handle, curveNamed(native.ecPublicKeyCurve(handle))),
});
