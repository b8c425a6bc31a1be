/**
 * What Ed25519, Ed448, X25519 and X448 keys share: raw-bytes constructors with PyCA's length
 * messages, raw and encoded serialization, and the one-crossing sign / verify / exchange calls
 * (`crates/hazmat/src/curves.rs`). The per-type modules only name their sizes.
 */
import type {
  PrivateKey as NativePrivateKey,
  PublicKey as NativePublicKey,
} from "../../../index.js";
import { InvalidSignature, ValueError } from "../../exceptions.js";
import { callNative, native, translateNativeError } from "../../lib/native.js";
import { checkBytes, describeType, invalidType } from "../../lib/validate.js";
import {
  type Encoding,
  type KeySerializationEncryption,
  type PrivateFormat,
  type PublicFormat,
  privateBytesOf,
  publicBytesOf,
} from "../serialization/base.js";
import { HANDLE, PrivateKeyObject, PublicKeyObject, wrapPublicKey } from "./base.js";

/** One of the four types. */
export interface CurveSpec {
  /** OpenSSL's (and the registry's) type name. */
  type: "ED25519" | "ED448" | "X25519" | "X448";
  /** PyCA's spelling in messages. */
  name: string;
  privateLength: number;
  publicLength: number;
  /** Signature length (Ed) or shared-secret length (X). */
  outputLength: number;
}

/** @internal */
export function generateHandle(spec: CurveSpec): NativePrivateKey {
  return callNative(() => native.curveGenerate(spec.type));
}

/** @internal */
export function privateHandleFromBytes(spec: CurveSpec, data: unknown): NativePrivateKey {
  const bytes = checkBytes("data", data);
  if (bytes.length !== spec.privateLength) {
    throw new ValueError(`An ${spec.name} private key is ${spec.privateLength} bytes long`);
  }
  return callNative(() => native.curvePrivateFromRaw(spec.type, bytes));
}

/** @internal */
export function publicHandleFromBytes(spec: CurveSpec, data: unknown): NativePublicKey {
  const bytes = checkBytes("data", data);
  if (bytes.length !== spec.publicLength) {
    throw new ValueError(`An ${spec.name} public key is ${spec.publicLength} bytes long`);
  }
  return callNative(() => native.curvePublicFromRaw(spec.type, bytes));
}

/** Private key methods common to the four types. */
export abstract class CurvePrivateKey extends PrivateKeyObject {
  /** The type's sizes and names. */
  protected abstract get spec(): CurveSpec;

  /** Serializes the key (PKCS8, Raw, and OpenSSH for Ed25519) as PyCA's `private_bytes`. */
  privateBytes(
    encoding: Encoding,
    format: PrivateFormat,
    encryptionAlgorithm: KeySerializationEncryption,
  ): Buffer {
    return privateBytesOf(this[HANDLE], encoding, format, encryptionAlgorithm);
  }

  /** The raw private key bytes. */
  privateBytesRaw(): Buffer {
    return callNative(() => native.privateKeyBytes(this[HANDLE], "Raw", "Raw", null, null));
  }

  override toString(): string {
    return `<${this.constructor.name}>`;
  }
}

/** Public key methods common to the four types. */
export abstract class CurvePublicKey extends PublicKeyObject {
  protected abstract get spec(): CurveSpec;

  /** Serializes the key (SubjectPublicKeyInfo, Raw, OpenSSH for Ed25519) as PyCA's `public_bytes`. */
  publicBytes(encoding: Encoding, format: PublicFormat): Buffer {
    return publicBytesOf(this[HANDLE], encoding, format);
  }

  /** The raw public key bytes. */
  publicBytesRaw(): Buffer {
    return callNative(() => native.publicKeyBytes(this[HANDLE], "Raw", "Raw"));
  }

  override toString(): string {
    return `<${this.constructor.name}>`;
  }
}

/** Ed25519/Ed448 private keys. */
export abstract class EdwardsPrivateKey extends CurvePrivateKey {
  /** Signs `data` (pure EdDSA); the signature is 64 (Ed25519) or 114 (Ed448) bytes. */
  sign(data: Uint8Array): Buffer {
    const bytes = data instanceof Uint8Array ? data : checkBytes("data", data);
    const out = Buffer.allocUnsafe(this.spec.outputLength);
    try {
      native.edSignInto(this[HANDLE], bytes, out);
    } catch (error) {
      throw translateNativeError(error);
    }
    return out;
  }

  /** The matching public key. */
  publicKey(): EdwardsPublicKey {
    return wrapPublicKey(callNative(() => this[HANDLE].publicKey())) as EdwardsPublicKey;
  }
}

/** Ed25519/Ed448 public keys. */
export abstract class EdwardsPublicKey extends CurvePublicKey {
  /** Throws {@link InvalidSignature} unless `signature` is a valid signature of `data`. */
  verify(signature: Uint8Array, data: Uint8Array): void {
    const sig = signature instanceof Uint8Array ? signature : checkBytes("signature", signature);
    const bytes = data instanceof Uint8Array ? data : checkBytes("data", data);
    let valid: boolean;
    try {
      valid = native.edVerify(this[HANDLE], sig, bytes);
    } catch (error) {
      throw translateNativeError(error);
    }
    if (!valid) throw new InvalidSignature("Signature did not verify.");
  }
}

/** X25519/X448 private keys. */
export abstract class MontgomeryPrivateKey extends CurvePrivateKey {
  /** The peer class this key exchanges with. */
  protected abstract get peerClass(): abstract new (
    ...args: never[]
  ) => MontgomeryPublicKey;

  /** The shared secret with `peerPublicKey`; ValueError if it is all zeros. */
  exchange(peerPublicKey: MontgomeryPublicKey): Buffer {
    if (!(peerPublicKey instanceof this.peerClass)) {
      throw invalidType(
        `peer_public_key must be an ${this.spec.name}PublicKey, got ${describeType(peerPublicKey)}`,
      );
    }
    const out = Buffer.allocUnsafe(this.spec.outputLength);
    callNative(() => native.curveExchangeInto(this[HANDLE], peerPublicKey[HANDLE], out));
    return out;
  }

  /** The matching public key. */
  publicKey(): MontgomeryPublicKey {
    return wrapPublicKey(callNative(() => this[HANDLE].publicKey())) as MontgomeryPublicKey;
  }
}

/** X25519/X448 public keys. */
export abstract class MontgomeryPublicKey extends CurvePublicKey {}
