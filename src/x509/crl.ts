/**
 * `cryptography.x509.CertificateRevocationList`, `RevokedCertificate` and their loaders.
 *
 * @module
 */
import type { PublicKey as NativePublicKey } from "../../index.js";
import { fromHex } from "../lib/bigint.js";
import { callNative } from "../lib/native.js";
import { describeType, invalidType } from "../lib/validate.js";
import { HANDLE, PublicKeyObject } from "../primitives/asymmetric/base.js";
import type { HashAlgorithm } from "../primitives/hashes.js";
import {
  extensionsOf,
  fingerprintOf,
  loadWith,
  readExtensionModels,
  SignedObject,
  signatureVerifiable,
  WRAP,
  x509Native,
} from "./certificate.js";
import type { Extensions } from "./extensions.js";
import type {
  ExtensionModel,
  HexInteger,
  NameModel,
  RevokedCertificateModel,
  SignatureAlgorithmModel,
} from "./model.js";
import { type Name, nameFromModel } from "./name.js";

/** @internal The native CRL handle of docs/x509-api.md. */
export interface NativeCrlHandle {
  der(): Buffer;
  tbsBytes(): Buffer;
  signature(): Buffer;
  issuer(): NameModel;
  signatureAlgorithm(): SignatureAlgorithmModel;
  extensions(): ExtensionModel[];
  lastUpdate(): number;
  nextUpdate(): number | null;
  revoked(): RevokedCertificateModel[];
  /** The entries with empty extension lists; their extensions come from `revokedExtensions`. */
  revokedSummary(): RevokedCertificateModel[];
  revokedExtensions(index: number): ExtensionModel[];
  isSignatureValid(publicKey: NativePublicKey): boolean;
  equals(other: NativeCrlHandle): boolean;
}

interface CrlNative {
  NativeCrl: {
    fromDer(der: Uint8Array): NativeCrlHandle;
    fromPem(data: Uint8Array): NativeCrlHandle;
  };
}

const crlNative = x509Native as unknown as CrlNative;

/** @internal The model a revoked certificate was made from (for `CertificateRevocationListBuilder`). */
export const REVOKED_MODEL: unique symbol = Symbol("hazmat.x509.revoked");

/** An entry's extension models, read when first asked for. */
type ExtensionSource = () => ExtensionModel[];

/**
 * One entry of a CRL (PyCA's `RevokedCertificate`), read from a CRL or made by
 * `RevokedCertificateBuilder.build`.
 */
export class RevokedCertificate {
  readonly #serialNumber: HexInteger;
  readonly #revocationDate: number;
  readonly #extensionSource: ExtensionSource;
  #extensionModels: ExtensionModel[] | undefined;
  #extensions: Extensions | undefined;

  /**
   * @internal Read from a CRL or use `RevokedCertificateBuilder`. An entry read from a CRL
   * decodes its extensions only when they are first read, as PyCA does, so one malformed
   * entry extension does not stop iteration.
   */
  constructor(
    token: typeof WRAP,
    model: RevokedCertificateModel,
    extensions: ExtensionSource = () => model.extensions,
  ) {
    if (token !== WRAP) {
      throw invalidType(
        "RevokedCertificate cannot be constructed directly; use RevokedCertificateBuilder",
      );
    }
    this.#serialNumber = model.serialNumber;
    this.#revocationDate = model.revocationDate;
    this.#extensionSource = extensions;
  }

  /** @internal */
  static _wrap(model: RevokedCertificateModel, extensions?: ExtensionSource): RevokedCertificate {
    return new RevokedCertificate(WRAP, model, extensions);
  }

  /** @internal The entry as the model (its extensions decoded). */
  get [REVOKED_MODEL](): RevokedCertificateModel {
    this.#extensionModels ??= readExtensionModels(this.#extensionSource);
    return {
      serialNumber: this.#serialNumber,
      revocationDate: this.#revocationDate,
      extensions: this.#extensionModels,
    };
  }

  /** The revoked certificate's serial number. */
  get serialNumber(): bigint {
    return fromHex(this.#serialNumber);
  }

  /** When the certificate was revoked. */
  get revocationDateUtc(): Date {
    return new Date(this.#revocationDate);
  }

  /**
   * Same as {@link revocationDateUtc}.
   * @deprecated Use {@link revocationDateUtc}.
   */
  get revocationDate(): Date {
    return this.revocationDateUtc;
  }

  /** The entry's extensions (CRLReason, InvalidityDate, CertificateIssuer, …). */
  get extensions(): Extensions {
    this.#extensions ??= extensionsOf(() => this[REVOKED_MODEL].extensions);
    return this.#extensions;
  }

  toString(): string {
    return `<RevokedCertificate(serialNumber=${this.serialNumber}, revocationDate=${this.revocationDateUtc.toISOString()})>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** @internal The native handle of a CRL. */
export const CRL_HANDLE: unique symbol = Symbol("hazmat.x509.crl");

/** A serial number argument: a bigint, or an integer number. */
function serialArgument(value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  throw invalidType(`serialNumber must be an integer (bigint), got ${describeType(value)}`);
}

/**
 * An X.509 certificate revocation list (PyCA's `CertificateRevocationList`). Iterable over its
 * {@link RevokedCertificate} entries; `length` and `at(i)` give indexed access.
 */
export class CertificateRevocationList
  extends SignedObject
  implements Iterable<RevokedCertificate>
{
  /** @internal */
  readonly [CRL_HANDLE]: NativeCrlHandle;
  #issuer: Name | undefined;
  #extensions: Extensions | undefined;
  #revoked: readonly RevokedCertificate[] | undefined;

  /** @internal Use the loaders or `CertificateRevocationListBuilder`. */
  constructor(token: typeof WRAP, handle: NativeCrlHandle) {
    super(
      token,
      handle,
      "X509 CRL",
      "CertificateRevocationList cannot be constructed directly; use loadPemX509Crl, loadDerX509Crl or CertificateRevocationListBuilder",
    );
    this[CRL_HANDLE] = handle;
  }

  /** @internal */
  static _wrap(handle: NativeCrlHandle): CertificateRevocationList {
    return new CertificateRevocationList(WRAP, handle);
  }

  #entries(): readonly RevokedCertificate[] {
    const handle = this[CRL_HANDLE];
    this.#revoked ??= Object.freeze(
      callNative(() => handle.revokedSummary()).map((model, index) =>
        RevokedCertificate._wrap(model, () => handle.revokedExtensions(index)),
      ),
    );
    return this.#revoked;
  }

  /** The digest of the DER encoding under `algorithm`. */
  fingerprint(algorithm: HashAlgorithm): Buffer {
    return fingerprintOf(algorithm, this._encodedDer());
  }

  /** The issuer's distinguished name. */
  get issuer(): Name {
    this.#issuer ??= nameFromModel(callNative(() => this[CRL_HANDLE].issuer()));
    return this.#issuer;
  }

  /** When the next CRL is due, or `null` when the CRL does not say. */
  get nextUpdateUtc(): Date | null {
    const next = callNative(() => this[CRL_HANDLE].nextUpdate());
    return next === null ? null : new Date(next);
  }

  /** When this CRL was issued. */
  get lastUpdateUtc(): Date {
    return new Date(callNative(() => this[CRL_HANDLE].lastUpdate()));
  }

  /**
   * Same as {@link nextUpdateUtc}.
   * @deprecated Use {@link nextUpdateUtc}.
   */
  get nextUpdate(): Date | null {
    return this.nextUpdateUtc;
  }

  /**
   * Same as {@link lastUpdateUtc}.
   * @deprecated Use {@link lastUpdateUtc}.
   */
  get lastUpdate(): Date {
    return this.lastUpdateUtc;
  }

  /** The CRL's extensions; duplicates are a `DuplicateExtension`. */
  get extensions(): Extensions {
    this.#extensions ??= extensionsOf(() => this[CRL_HANDLE].extensions());
    return this.#extensions;
  }

  /** The DER of the TBSCertList (what the signature covers). */
  get tbsCertlistBytes(): Buffer {
    return callNative(() => this[CRL_HANDLE].tbsBytes());
  }

  /** How many certificates the CRL revokes. */
  get length(): number {
    return this.#entries().length;
  }

  /** The entry at `index` (negative counts from the end), or `undefined` out of range. */
  at(index: number): RevokedCertificate | undefined {
    if (typeof index !== "number" || !Number.isInteger(index)) {
      throw invalidType(`index must be an integer, got ${describeType(index)}`);
    }
    return this.#entries().at(index);
  }

  [Symbol.iterator](): Iterator<RevokedCertificate> {
    return this.#entries()[Symbol.iterator]();
  }

  /** The entry for `serialNumber`, or `null` when the CRL does not revoke it. */
  getRevokedCertificateBySerialNumber(serialNumber: bigint | number): RevokedCertificate | null {
    const wanted = serialArgument(serialNumber);
    return this.#entries().find((entry) => entry.serialNumber === wanted) ?? null;
  }

  /**
   * Whether `publicKey` verifies the CRL's signature; false for algorithms PyCA does not verify
   * (MD5, SHA-1), as in PyCA 50.
   */
  isSignatureValid(publicKey: PublicKeyObject): boolean {
    if (!(publicKey instanceof PublicKeyObject)) {
      throw invalidType(`publicKey must be a public key object, got ${describeType(publicKey)}`);
    }
    if (!signatureVerifiable(this._signatureAlgorithmModel())) return false;
    return callNative(() => this[CRL_HANDLE].isSignatureValid(publicKey[HANDLE]));
  }

  /** Whether `other` is a CRL with the same DER encoding. */
  equals(other: unknown): boolean {
    return (
      other instanceof CertificateRevocationList &&
      callNative(() => this[CRL_HANDLE].equals(other[CRL_HANDLE]))
    );
  }

  override toString(): string {
    return `<CertificateRevocationList(entries=${this.length})>`;
  }
}

/** Loads a PEM CRL (`X509 CRL`). */
export function loadPemX509Crl(data: Uint8Array): CertificateRevocationList {
  return loadWith(
    data,
    (bytes) => crlNative.NativeCrl.fromPem(bytes),
    CertificateRevocationList._wrap,
  );
}

/** Loads a DER CRL. */
export function loadDerX509Crl(data: Uint8Array): CertificateRevocationList {
  return loadWith(
    data,
    (bytes) => crlNative.NativeCrl.fromDer(bytes),
    CertificateRevocationList._wrap,
  );
}
