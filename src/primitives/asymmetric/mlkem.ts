/**
 * `cryptography.hazmat.primitives.asymmetric.mlkem`: ML-KEM (FIPS 203) key encapsulation,
 * ML-KEM-768 and ML-KEM-1024, over OpenSSL (`crates/hazmat/src/pqc.rs`). A private key is its
 * 64-byte seed (d ‖ z); generated keys take the seed from OpenSSL's RAND (the OS random engine
 * while it is active). Decapsulating a wrong but well-sized ciphertext returns a pseudo-random
 * secret, not an error (FIPS 203 implicit rejection), as PyCA.
 *
 * @module
 */
import type {
  PrivateKey as NativePrivateKey,
  PublicKey as NativePublicKey,
} from "../../../index.js";
import { ValueError } from "../../exceptions.js";
import { callNative, native } from "../../lib/native.js";
import { checkBytes } from "../../lib/validate.js";
import {
  type Encoding,
  type KeySerializationEncryption,
  type PrivateFormat,
  type PublicFormat,
  privateBytesOf,
  publicBytesOf,
} from "../serialization/base.js";
import { HANDLE, PrivateKeyObject, PublicKeyObject, registerKeyType } from "./base.js";

interface KemSpec {
  type: "ML-KEM-768" | "ML-KEM-1024";
  publicLength: number;
  ciphertextLength: number;
}

const SEED_LENGTH = 64;
const SECRET_LENGTH = 32;
const MLKEM768: KemSpec = { type: "ML-KEM-768", publicLength: 1184, ciphertextLength: 1088 };
const MLKEM1024: KemSpec = { type: "ML-KEM-1024", publicLength: 1568, ciphertextLength: 1568 };

function seedHandle(spec: KemSpec, data: unknown): NativePrivateKey {
  const bytes = checkBytes("data", data);
  if (bytes.length !== SEED_LENGTH) {
    throw new ValueError(`An ${spec.type} seed is ${SEED_LENGTH} bytes long`);
  }
  return callNative(() => native.pqcPrivateFromSeed(spec.type, bytes));
}

function publicHandle(spec: KemSpec, data: unknown): NativePublicKey {
  const bytes = checkBytes("data", data);
  const message = `An ${spec.type} public key is ${spec.publicLength} bytes long`;
  if (bytes.length !== spec.publicLength) throw new ValueError(message);
  try {
    return native.pqcPublicFromRaw(spec.type, bytes);
  } catch {
    // Right length but not a valid encoding (coefficients out of range): PyCA's message.
    throw new ValueError(message);
  }
}

abstract class MLKEMPublicKeyBase extends PublicKeyObject {
  protected abstract get spec(): KemSpec;

  /** A fresh shared secret and its ciphertext for this key: `[sharedSecret, ciphertext]`. */
  encapsulate(): [Buffer, Buffer] {
    const secret = Buffer.allocUnsafe(SECRET_LENGTH);
    const ciphertext = Buffer.allocUnsafe(this.spec.ciphertextLength);
    callNative(() => native.mlkemEncapsulateInto(this[HANDLE], secret, ciphertext));
    return [secret, ciphertext];
  }

  /** SubjectPublicKeyInfo (PEM/DER) or Raw, as PyCA's `public_bytes`. */
  publicBytes(encoding: Encoding, format: PublicFormat): Buffer {
    return publicBytesOf(this[HANDLE], encoding, format);
  }

  /** The raw encapsulation key (1184 or 1568 bytes). */
  publicBytesRaw(): Buffer {
    return callNative(() => native.publicKeyBytes(this[HANDLE], "Raw", "Raw"));
  }

  override toString(): string {
    return `<${this.constructor.name}>`;
  }
}

abstract class MLKEMPrivateKeyBase extends PrivateKeyObject {
  protected abstract get spec(): KemSpec;

  /** The shared secret for `ciphertext` (ValueError if its length is wrong). */
  decapsulate(ciphertext: Uint8Array): Buffer {
    const ct = checkBytes("ciphertext", ciphertext);
    if (ct.length !== this.spec.ciphertextLength) {
      throw new ValueError(`Invalid ${this.spec.type} ciphertext`);
    }
    const secret = Buffer.allocUnsafe(SECRET_LENGTH);
    callNative(() => native.mlkemDecapsulateInto(this[HANDLE], ct, secret));
    return secret;
  }

  /** PKCS8 (PEM/DER, optionally encrypted) or Raw (the seed), as PyCA's `private_bytes`. */
  privateBytes(
    encoding: Encoding,
    format: PrivateFormat,
    encryptionAlgorithm: KeySerializationEncryption,
  ): Buffer {
    return privateBytesOf(this[HANDLE], encoding, format, encryptionAlgorithm);
  }

  /** The 64-byte seed. */
  privateBytesRaw(): Buffer {
    return callNative(() => native.privateKeyBytes(this[HANDLE], "Raw", "Raw", null, null));
  }

  override toString(): string {
    return `<${this.constructor.name}>`;
  }
}

/** An ML-KEM-768 encapsulation (public) key. */
export class MLKEM768PublicKey extends MLKEMPublicKeyBase {
  protected get spec(): KemSpec {
    return MLKEM768;
  }

  /** Loads a raw 1184-byte public key. */
  static fromPublicBytes(data: Uint8Array): MLKEM768PublicKey {
    return new MLKEM768PublicKey(publicHandle(MLKEM768, data));
  }
}

/** An ML-KEM-768 decapsulation (private) key. */
export class MLKEM768PrivateKey extends MLKEMPrivateKeyBase {
  protected get spec(): KemSpec {
    return MLKEM768;
  }

  /** A new random key. */
  static generate(): MLKEM768PrivateKey {
    return new MLKEM768PrivateKey(callNative(() => native.pqcGenerate(MLKEM768.type)));
  }

  /** The key for a 64-byte seed. */
  static fromSeedBytes(data: Uint8Array): MLKEM768PrivateKey {
    return new MLKEM768PrivateKey(seedHandle(MLKEM768, data));
  }

  publicKey(): MLKEM768PublicKey {
    return new MLKEM768PublicKey(callNative(() => this[HANDLE].publicKey()));
  }
}

/** An ML-KEM-1024 encapsulation (public) key. */
export class MLKEM1024PublicKey extends MLKEMPublicKeyBase {
  protected get spec(): KemSpec {
    return MLKEM1024;
  }

  /** Loads a raw 1568-byte public key. */
  static fromPublicBytes(data: Uint8Array): MLKEM1024PublicKey {
    return new MLKEM1024PublicKey(publicHandle(MLKEM1024, data));
  }
}

/** An ML-KEM-1024 decapsulation (private) key. */
export class MLKEM1024PrivateKey extends MLKEMPrivateKeyBase {
  protected get spec(): KemSpec {
    return MLKEM1024;
  }

  /** A new random key. */
  static generate(): MLKEM1024PrivateKey {
    return new MLKEM1024PrivateKey(callNative(() => native.pqcGenerate(MLKEM1024.type)));
  }

  /** The key for a 64-byte seed. */
  static fromSeedBytes(data: Uint8Array): MLKEM1024PrivateKey {
    return new MLKEM1024PrivateKey(seedHandle(MLKEM1024, data));
  }

  publicKey(): MLKEM1024PublicKey {
    return new MLKEM1024PublicKey(callNative(() => this[HANDLE].publicKey()));
  }
}

registerKeyType("ML-KEM-768", {
  wrapPrivate: (handle) => new MLKEM768PrivateKey(handle),
  wrapPublic: (handle) => new MLKEM768PublicKey(handle),
});
registerKeyType("ML-KEM-1024", {
  wrapPrivate: (handle) => new MLKEM1024PrivateKey(handle),
  wrapPublic: (handle) => new MLKEM1024PublicKey(handle),
});
