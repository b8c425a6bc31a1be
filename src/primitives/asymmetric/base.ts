/**
 * What every asymmetric key class shares: the native handle it wraps (`crates/hazmat/src/keys.rs`),
 * a key material-free `toString`, and the registry that lets loaders (`serialization`) turn a
 * handle of any type into the PyCA-shaped class for that type.
 */
import type {
  PrivateKey as NativePrivateKey,
  PublicKey as NativePublicKey,
} from "../../../index.js";
import { _Reasons, UnsupportedAlgorithm } from "../../exceptions.js";

/** Where a key object keeps its native handle; internal to hazmat. */
export const HANDLE: unique symbol = Symbol("hazmat.keyHandle");

/** Base of every private key class. */
export abstract class PrivateKeyObject {
  /** @internal */
  readonly [HANDLE]: NativePrivateKey;

  /** @internal */
  constructor(handle: NativePrivateKey) {
    this[HANDLE] = handle;
  }

  /** Type and size only, never key material. */
  toString(): string {
    return `<${this.constructor.name} (${this[HANDLE].keySize()} bits)>`;
  }

  /** Node's `util.inspect` shows the same as `toString`. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Base of every public key class. */
export abstract class PublicKeyObject {
  /** @internal */
  readonly [HANDLE]: NativePublicKey;

  /** @internal */
  constructor(handle: NativePublicKey) {
    this[HANDLE] = handle;
  }

  /** Whether `other` is the same public key (PyCA's `__eq__`). */
  equals(other: unknown): boolean {
    return other instanceof PublicKeyObject && this[HANDLE].equals(other[HANDLE]);
  }

  toString(): string {
    return `<${this.constructor.name} (${this[HANDLE].keySize()} bits)>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

interface KeyClasses {
  wrapPrivate(handle: NativePrivateKey): PrivateKeyObject;
  wrapPublic(handle: NativePublicKey): PublicKeyObject;
}

const registry = new Map<string, KeyClasses>();

/** Called once by each key module for the OpenSSL key type(s) it handles. */
export function registerKeyType(keyType: string, classes: KeyClasses): void {
  registry.set(keyType, classes);
}

function classesFor(keyType: string): KeyClasses {
  const classes = registry.get(keyType);
  if (classes === undefined) {
    throw new UnsupportedAlgorithm(
      `${keyType} keys are not supported by hazmat yet`,
      _Reasons.UNSUPPORTED_PUBLIC_KEY_ALGORITHM,
    );
  }
  return classes;
}

/** The PyCA-shaped object for a private key handle of any registered type. */
export function wrapPrivateKey(handle: NativePrivateKey): PrivateKeyObject {
  return classesFor(handle.keyType()).wrapPrivate(handle);
}

/** The PyCA-shaped object for a public key handle of any registered type. */
export function wrapPublicKey(handle: NativePublicKey): PublicKeyObject {
  return classesFor(handle.keyType()).wrapPublic(handle);
}
