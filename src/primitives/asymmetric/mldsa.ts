/**
 * `cryptography.hazmat.primitives.asymmetric.mldsa`: ML-DSA (FIPS 204) signatures, ML-DSA-44,
 * ML-DSA-65 and ML-DSA-87, over OpenSSL (`crates/hazmat/src/pqc.rs`). Pure ML-DSA with an
 * optional context string (at most 255 bytes), hedged signing; "external mu" signing and
 * verification of a precomputed message representative, made with {@link MLDSAMuHasher}. A private key is its 32-byte
 * seed; generated keys take the seed from OpenSSL's RAND (the OS random engine while it is
 * active).
 *
 * @module
 */
import type {
  PrivateKey as NativePrivateKey,
  PublicKey as NativePublicKey,
} from "../../../index.js";
import { InvalidSignature, ValueError } from "../../exceptions.js";
import { callNative, native, translateNativeError } from "../../lib/native.js";
import { checkBytes, checkInstance, checkOptionalBytes } from "../../lib/validate.js";
import { Hash, SHAKE256 } from "../hashes.js";
import {
  type Encoding,
  type KeySerializationEncryption,
  type PrivateFormat,
  type PublicFormat,
  privateBytesOf,
  publicBytesOf,
} from "../serialization/base.js";
import { HANDLE, PrivateKeyObject, PublicKeyObject, registerKeyType } from "./base.js";

interface DsaSpec {
  type: "ML-DSA-44" | "ML-DSA-65" | "ML-DSA-87";
  publicLength: number;
  signatureLength: number;
}

const SEED_LENGTH = 32;
const MAX_CONTEXT = 255;
/** FIPS 204's message representative mu and public-key hash tr are both 64 bytes. */
const MU_LENGTH = 64;
const MLDSA44: DsaSpec = { type: "ML-DSA-44", publicLength: 1312, signatureLength: 2420 };
const MLDSA65: DsaSpec = { type: "ML-DSA-65", publicLength: 1952, signatureLength: 3309 };
const MLDSA87: DsaSpec = { type: "ML-DSA-87", publicLength: 2592, signatureLength: 4627 };

function seedHandle(spec: DsaSpec, data: unknown): NativePrivateKey {
  const bytes = checkBytes("data", data);
  if (bytes.length !== SEED_LENGTH) {
    throw new ValueError(`An ${spec.type} seed is ${SEED_LENGTH} bytes long`);
  }
  return callNative(() => native.pqcPrivateFromSeed(spec.type, bytes));
}

function publicHandle(spec: DsaSpec, data: unknown): NativePublicKey {
  const bytes = checkBytes("data", data);
  const message = `An ${spec.type} public key is ${spec.publicLength} bytes long`;
  if (bytes.length !== spec.publicLength) throw new ValueError(message);
  try {
    return native.pqcPublicFromRaw(spec.type, bytes);
  } catch {
    throw new ValueError(message);
  }
}

function checkContext(context: unknown): Uint8Array | null {
  const ctx = checkOptionalBytes("context", context);
  if (ctx !== null && ctx.length > MAX_CONTEXT) {
    throw new ValueError(`Context must be at most ${MAX_CONTEXT} bytes`);
  }
  return ctx;
}

function checkMu(mu: unknown): Uint8Array {
  const bytes = checkBytes("mu", mu);
  if (bytes.length !== MU_LENGTH) throw new ValueError(`mu must be ${MU_LENGTH} bytes`);
  return bytes;
}

abstract class MLDSAPublicKeyBase extends PublicKeyObject {
  protected abstract get spec(): DsaSpec;

  /** Throws {@link InvalidSignature} unless `signature` signs `data` under `context`. */
  verify(signature: Uint8Array, data: Uint8Array, context?: Uint8Array | null): void {
    const sig = checkBytes("signature", signature);
    const bytes = checkBytes("data", data);
    const ctx = checkContext(context);
    let valid: boolean;
    try {
      valid = native.mldsaVerify(this[HANDLE], sig, bytes, ctx);
    } catch (error) {
      throw translateNativeError(error);
    }
    if (!valid) throw new InvalidSignature("Signature did not verify.");
  }

  /**
   * Throws {@link InvalidSignature} unless `signature` signs the precomputed 64-byte `mu`
   * (which already binds the context), as made by {@link MLDSAMuHasher}.
   */
  verifyMu(signature: Uint8Array, mu: Uint8Array): void {
    const sig = checkBytes("signature", signature);
    const m = checkMu(mu);
    let valid: boolean;
    try {
      valid = native.mldsaVerifyMu(this[HANDLE], sig, m);
    } catch (error) {
      throw translateNativeError(error);
    }
    if (!valid) throw new InvalidSignature("Signature did not verify.");
  }

  /** SubjectPublicKeyInfo (PEM/DER) or Raw, as PyCA's `public_bytes`. */
  publicBytes(encoding: Encoding, format: PublicFormat): Buffer {
    return publicBytesOf(this[HANDLE], encoding, format);
  }

  /** The raw public key (1312, 1952 or 2592 bytes). */
  publicBytesRaw(): Buffer {
    return callNative(() => native.publicKeyBytes(this[HANDLE], "Raw", "Raw"));
  }

  override toString(): string {
    return `<${this.constructor.name}>`;
  }
}

abstract class MLDSAPrivateKeyBase extends PrivateKeyObject {
  protected abstract get spec(): DsaSpec;

  /** Signs `data` (pure ML-DSA) under the optional `context` (at most 255 bytes). */
  sign(data: Uint8Array, context?: Uint8Array | null): Buffer {
    const bytes = checkBytes("data", data);
    const ctx = checkContext(context);
    const out = Buffer.allocUnsafe(this.spec.signatureLength);
    callNative(() => native.mldsaSignInto(this[HANDLE], bytes, ctx, out));
    return out;
  }

  /**
   * Signs a precomputed 64-byte `mu` (from {@link MLDSAMuHasher}; it already binds the
   * context, so none is taken here). The signature verifies with `verify(signature, data,
   * context)` for the message and context mu was computed from.
   */
  signMu(mu: Uint8Array): Buffer {
    const m = checkMu(mu);
    const out = Buffer.allocUnsafe(this.spec.signatureLength);
    callNative(() => native.mldsaSignMuInto(this[HANDLE], m, out));
    return out;
  }

  /** PKCS8 (PEM/DER, optionally encrypted) or Raw (the seed), as PyCA's `private_bytes`. */
  privateBytes(
    encoding: Encoding,
    format: PrivateFormat,
    encryptionAlgorithm: KeySerializationEncryption,
  ): Buffer {
    return privateBytesOf(this[HANDLE], encoding, format, encryptionAlgorithm);
  }

  /** The 32-byte seed. */
  privateBytesRaw(): Buffer {
    return callNative(() => native.privateKeyBytes(this[HANDLE], "Raw", "Raw", null, null));
  }

  override toString(): string {
    return `<${this.constructor.name}>`;
  }
}

/** An ML-DSA-44 public key. */
export class MLDSA44PublicKey extends MLDSAPublicKeyBase {
  protected get spec(): DsaSpec {
    return MLDSA44;
  }

  /** Loads a raw 1312-byte public key. */
  static fromPublicBytes(data: Uint8Array): MLDSA44PublicKey {
    return new MLDSA44PublicKey(publicHandle(MLDSA44, data));
  }
}

/** An ML-DSA-44 private key. */
export class MLDSA44PrivateKey extends MLDSAPrivateKeyBase {
  protected get spec(): DsaSpec {
    return MLDSA44;
  }

  /** A new random key. */
  static generate(): MLDSA44PrivateKey {
    return new MLDSA44PrivateKey(callNative(() => native.pqcGenerate(MLDSA44.type)));
  }

  /** The key for a 32-byte seed. */
  static fromSeedBytes(data: Uint8Array): MLDSA44PrivateKey {
    return new MLDSA44PrivateKey(seedHandle(MLDSA44, data));
  }

  publicKey(): MLDSA44PublicKey {
    return new MLDSA44PublicKey(callNative(() => this[HANDLE].publicKey()));
  }
}

/** An ML-DSA-65 public key. */
export class MLDSA65PublicKey extends MLDSAPublicKeyBase {
  protected get spec(): DsaSpec {
    return MLDSA65;
  }

  /** Loads a raw 1952-byte public key. */
  static fromPublicBytes(data: Uint8Array): MLDSA65PublicKey {
    return new MLDSA65PublicKey(publicHandle(MLDSA65, data));
  }
}

/** An ML-DSA-65 private key. */
export class MLDSA65PrivateKey extends MLDSAPrivateKeyBase {
  protected get spec(): DsaSpec {
    return MLDSA65;
  }

  /** A new random key. */
  static generate(): MLDSA65PrivateKey {
    return new MLDSA65PrivateKey(callNative(() => native.pqcGenerate(MLDSA65.type)));
  }

  /** The key for a 32-byte seed. */
  static fromSeedBytes(data: Uint8Array): MLDSA65PrivateKey {
    return new MLDSA65PrivateKey(seedHandle(MLDSA65, data));
  }

  publicKey(): MLDSA65PublicKey {
    return new MLDSA65PublicKey(callNative(() => this[HANDLE].publicKey()));
  }
}

/** An ML-DSA-87 public key. */
export class MLDSA87PublicKey extends MLDSAPublicKeyBase {
  protected get spec(): DsaSpec {
    return MLDSA87;
  }

  /** Loads a raw 2592-byte public key. */
  static fromPublicBytes(data: Uint8Array): MLDSA87PublicKey {
    return new MLDSA87PublicKey(publicHandle(MLDSA87, data));
  }
}

/** An ML-DSA-87 private key. */
export class MLDSA87PrivateKey extends MLDSAPrivateKeyBase {
  protected get spec(): DsaSpec {
    return MLDSA87;
  }

  /** A new random key. */
  static generate(): MLDSA87PrivateKey {
    return new MLDSA87PrivateKey(callNative(() => native.pqcGenerate(MLDSA87.type)));
  }

  /** The key for a 32-byte seed. */
  static fromSeedBytes(data: Uint8Array): MLDSA87PrivateKey {
    return new MLDSA87PrivateKey(seedHandle(MLDSA87, data));
  }

  publicKey(): MLDSA87PublicKey {
    return new MLDSA87PublicKey(callNative(() => this[HANDLE].publicKey()));
  }
}

/** Token that lets `copy()` wrap an existing hash; never exported. */
const ADOPT = Symbol("adopt");

/**
 * Computes ML-DSA's message representative mu = SHAKE256(tr || 0x00 || len(ctx) || ctx || M,
 * 64) with tr = SHAKE256(public key, 64) (FIPS 204 Algorithms 2 and 7), so that a message can
 * be hashed away from the key that signs it (`signMu` / `verifyMu`). As PyCA's
 * `MLDSAMuHasher(public_key, context=None)`. After {@link MLDSAMuHasher.finalize}, every call
 * throws `AlreadyFinalized`.
 */
export class MLDSAMuHasher {
  readonly #hash: Hash;

  /** Starts mu for `publicKey` (any ML-DSA public key) and `context` (at most 255 bytes). */
  constructor(publicKey: MLDSAPublicKeyBase, context?: Uint8Array | null);
  constructor(publicKey: unknown, context?: unknown, adopt?: Hash) {
    if (context === ADOPT && adopt !== undefined) {
      this.#hash = adopt;
      return;
    }
    const key = checkInstance("publicKey", publicKey, MLDSAPublicKeyBase, "an ML-DSA public key");
    const ctx = checkContext(context) ?? new Uint8Array(0);
    const tr = new Hash(new SHAKE256(MU_LENGTH));
    tr.update(key.publicBytesRaw());
    this.#hash = new Hash(new SHAKE256(MU_LENGTH));
    this.#hash.update(tr.finalize());
    // Pure ML-DSA's domain separator 0, then the context's length in one byte.
    this.#hash.update(Uint8Array.of(0, ctx.length));
    this.#hash.update(ctx);
  }

  /** Feeds more of the message. */
  update(data: Uint8Array): void {
    this.#hash.update(checkBytes("data", data));
  }

  /** An independent hasher that continues from the current state. */
  copy(): MLDSAMuHasher {
    const Adopting = MLDSAMuHasher as unknown as new (
      key: null,
      token: typeof ADOPT,
      hash: Hash,
    ) => MLDSAMuHasher;
    return new Adopting(null, ADOPT, this.#hash.copy());
  }

  /** The 64-byte mu. */
  finalize(): Buffer {
    return this.#hash.finalize();
  }
}

registerKeyType("ML-DSA-44", {
  wrapPrivate: (handle) => new MLDSA44PrivateKey(handle),
  wrapPublic: (handle) => new MLDSA44PublicKey(handle),
});
registerKeyType("ML-DSA-65", {
  wrapPrivate: (handle) => new MLDSA65PrivateKey(handle),
  wrapPublic: (handle) => new MLDSA65PublicKey(handle),
});
registerKeyType("ML-DSA-87", {
  wrapPrivate: (handle) => new MLDSA87PrivateKey(handle),
  wrapPublic: (handle) => new MLDSA87PublicKey(handle),
});
