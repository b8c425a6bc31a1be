/**
 * `cryptography.x509.Certificate` and its loaders, plus what the certificate, CSR and CRL
 * classes share: the native handle types (docs/x509-api.md), signature-algorithm reporting,
 * PEM output, and the conversions of the data model (src/x509/model.ts).
 *
 * @module
 */
import type { PublicKey as NativePublicKey } from "../../index.js";
import { _Reasons, HazmatError, UnsupportedAlgorithm, ValueError } from "../exceptions.js";
import { fromHex } from "../lib/bigint.js";
import { callNative, native } from "../lib/native.js";
import { checkBytes, describeType, invalidType } from "../lib/validate.js";
import { type PublicKeyObject, wrapPublicKey } from "../primitives/asymmetric/base.js";
import { ECDSA } from "../primitives/asymmetric/ec.js";
import { checkHashAlgorithm, MGF1, PKCS1v15, PSS } from "../primitives/asymmetric/padding.js";
import {
  type HashAlgorithm,
  hash,
  MD5,
  SHA1,
  SHA3_224,
  SHA3_256,
  SHA3_384,
  SHA3_512,
  SHA224,
  SHA256,
  SHA384,
  SHA512,
  SHA512_224,
  SHA512_256,
  SM3,
} from "../primitives/hashes.js";
// Registers every key type, so a certificate's key comes back as its PyCA-shaped class.
import { Encoding } from "../primitives/serialization/index.js";
import { DuplicateExtension, Extensions, extensionFromModel } from "./extensions.js";
import { UnsupportedGeneralNameType } from "./general-name.js";
import type {
  AlgorithmProblemModel,
  ExtensionModel,
  HexInteger,
  NameModel,
  SignatureAlgorithmModel,
} from "./model.js";
import { type Name, nameFromModel } from "./name.js";
import { ObjectIdentifier } from "./oid.js";

// ---------------------------------------------------------------------------------------------
// The native API of docs/x509-api.md, as the façade uses it. Declared here so the façade is
// typed against the written contract, whatever shape napi gives the serde-converted values.

/** @internal */
export interface NativeCertificateHandle {
  der(): Buffer;
  tbsBytes(): Buffer;
  tbsPrecertificateBytes(): Buffer;
  signature(): Buffer;
  version(): number;
  serialNumber(): HexInteger;
  notBefore(): number;
  notAfter(): number;
  issuer(): NameModel;
  subject(): NameModel;
  spki(): Buffer;
  publicKeyAlgorithmOid(): string;
  publicKey(): NativePublicKey;
  signatureAlgorithm(): SignatureAlgorithmModel;
  extensions(): ExtensionModel[];
  equals(other: NativeCertificateHandle): boolean;
  verifyDirectlyIssuedBy(issuer: NativeCertificateHandle): void;
}

/** @internal */
export interface NativeCertificateClass {
  fromDer(der: Uint8Array): NativeCertificateHandle;
  fromPem(data: Uint8Array): NativeCertificateHandle;
}

/** @internal The addon's X.509 entry points, typed by the contract. */
export interface X509Native {
  NativeCertificate: NativeCertificateClass;
  loadPemCertificates(data: Uint8Array): NativeCertificateHandle[];
}

/** @internal */
export const x509Native = native as unknown as X509Native;

// ---------------------------------------------------------------------------------------------
// Shared conversions.

/** @internal DER bytes as PEM with `label`: base64 in 64-character lines, as OpenSSL writes. */
export function pemEncode(label: string, der: Uint8Array): Buffer {
  const body = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
  const lines: string[] = [`-----BEGIN ${label}-----`];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  lines.push(`-----END ${label}-----`, "");
  return Buffer.from(lines.join("\n"), "ascii");
}

/** @internal PyCA's `public_bytes(encoding)`: DER or PEM of the object, nothing else. */
export function encodeObject(encoding: unknown, label: string, der: Buffer): Buffer {
  if (encoding === Encoding.DER) return der;
  if (encoding === Encoding.PEM) return pemEncode(label, der);
  throw invalidType("encoding must be Encoding.DER or Encoding.PEM");
}

/** @internal PyCA's `fingerprint(algorithm)`: the digest of the DER encoding. */
export function fingerprintOf(algorithm: unknown, der: Buffer): Buffer {
  return hash(checkHashAlgorithm(algorithm), der);
}

const HASH_CLASSES: Record<string, new () => HashAlgorithm> = {
  md5: MD5,
  sha1: SHA1,
  sha224: SHA224,
  sha256: SHA256,
  sha384: SHA384,
  sha512: SHA512,
  "sha512-224": SHA512_224,
  "sha512-256": SHA512_256,
  "sha3-224": SHA3_224,
  "sha3-256": SHA3_256,
  "sha3-384": SHA3_384,
  "sha3-512": SHA3_512,
  sm3: SM3,
};

/** @internal A new instance of the hash class named `name` (`HashAlgorithm.name`). */
export function hashFromName(name: string): HashAlgorithm {
  const cls = HASH_CLASSES[name];
  if (cls === undefined) {
    throw new UnsupportedAlgorithm(
      `hash algorithm ${name} is not supported by hazmat`,
      _Reasons.UNSUPPORTED_HASH,
    );
  }
  return new cls();
}

/**
 * Signature algorithms hazmat cannot verify but for which PyCA reports "no hash" (`None`)
 * instead of raising: GOST R 34.10-2001 and 34.10-2012 (256, 512) and id-alg-unsigned (RFC
 * 9925), as in PyCA's `_SIG_OIDS_TO_HASH`.
 */
const HASHLESS_SIGNATURE_OIDS = new Set([
  "1.2.643.2.2.3",
  "1.2.643.7.1.1.3.2",
  "1.2.643.7.1.1.3.3",
  "1.3.6.1.5.5.7.6.36",
]);

/** @internal PyCA's `signature_hash_algorithm`. */
export function signatureHashOf(model: SignatureAlgorithmModel): HashAlgorithm | null {
  if (!model.known && HASHLESS_SIGNATURE_OIDS.has(model.oid)) return null;
  if (!model.known) {
    throw new UnsupportedAlgorithm(`Signature algorithm OID: ${model.oid} not recognized`);
  }
  if (model.problem?.hashToo) throw algorithmProblem(model.problem);
  return model.hash === null ? null : hashFromName(model.hash);
}

/** PyCA's error for signature parameters it refuses (see the model's `problem`). */
function algorithmProblem(problem: AlgorithmProblemModel): Error {
  return problem.unsupported
    ? new UnsupportedAlgorithm(problem.message)
    : new ValueError(problem.message);
}

// ---------------------------------------------------------------------------------------------
// A DER walker for the one place the façade still looks inside a value the codec returned whole
// (a CSR attribute that is not a string: PyCA reports its content octets).

/** @internal */
export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  body: number;
  /** Offset just past the content. */
  end: number;
}

/** @internal One DER TLV at `offset`, bounded by `limit`; malformed input is a ValueError. */
export function readTlv(der: Uint8Array, offset: number, limit: number): Tlv {
  const malformed = () => new ValueError("malformed DER");
  if (offset + 2 > limit) throw malformed();
  const tag = der[offset] as number;
  let length = der[offset + 1] as number;
  let body = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // Four length bytes cover any object a Buffer can hold.
    if (count === 0 || count > 4 || body + count > limit) throw malformed();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[body + i] as number);
    body += count;
  }
  const end = body + length;
  if (end > limit) throw malformed();
  return { tag, start: offset, body, end };
}

/** @internal The hashes PyCA signs and verifies X.509 objects with (its `_AllowedHashTypes`). */
export const SIGNING_HASHES: ReadonlySet<string> = new Set([
  "sha224",
  "sha256",
  "sha384",
  "sha512",
  "sha3-224",
  "sha3-256",
  "sha3-384",
  "sha3-512",
]);

/**
 * @internal Whether PyCA 50 checks signatures of this algorithm on X.509 objects. It refuses
 * every hash outside {@link SIGNING_HASHES} (MD5 and SHA-1 included): a certificate's
 * `verifyDirectlyIssuedBy` raises ValueError and `isSignatureValid` answers false, even where
 * OpenSSL could verify the signature.
 */
export function signatureVerifiable(model: SignatureAlgorithmModel): boolean {
  if (!model.known || model.problem !== null) return false;
  if (model.hash !== null && !SIGNING_HASHES.has(model.hash)) return false;
  const params = model.parameters;
  return params?.type !== "pss" || SIGNING_HASHES.has(params.mgfHash);
}

/** What `signatureAlgorithmParameters` returns (PyCA's `PSS | PKCS1v15 | ECDSA | None`). */
export type SignatureAlgorithmParameters = PKCS1v15 | PSS | ECDSA | null;

/** @internal PyCA's `signature_algorithm_parameters`. */
export function signatureParametersOf(
  model: SignatureAlgorithmModel,
): SignatureAlgorithmParameters {
  if (model.problem) throw algorithmProblem(model.problem);
  const params = model.parameters;
  if (params === null) return null;
  switch (params.type) {
    case "pkcs1v15":
      return new PKCS1v15();
    case "pss":
      return new PSS(new MGF1(hashFromName(params.mgfHash)), params.saltLength);
    case "ecdsa":
      return new ECDSA(hashFromName(params.hash));
  }
}

/** The codec's message for the general names PyCA cannot represent. */
const UNSUPPORTED_GENERAL_NAME = "x400Address/EDIPartyName are not supported types";

/**
 * @internal Calls a native extension getter. A general name PyCA cannot represent
 * (x400Address, ediPartyName) is PyCA's `UnsupportedGeneralNameType`, not the codec's
 * UnsupportedAlgorithm.
 */
export function readExtensionModels(call: () => ExtensionModel[]): ExtensionModel[] {
  try {
    return callNative(call);
  } catch (error) {
    if (error instanceof UnsupportedAlgorithm && error.message === UNSUPPORTED_GENERAL_NAME) {
      throw new UnsupportedGeneralNameType(error.message);
    }
    throw error;
  }
}

/**
 * @internal The extensions a native getter returns, as PyCA's `Extensions`; two extensions
 * with one OID are a `DuplicateExtension`, as PyCA raises when the list is read.
 */
export function extensionsOf(call: () => ExtensionModel[]): Extensions {
  const models = readExtensionModels(call);
  rejectDuplicates(models);
  return new Extensions(models.map((model) => extensionFromModel(model)));
}

/** PyCA's duplicate-extension rule: two extensions with one OID are a DuplicateExtension. */
function rejectDuplicates(models: readonly ExtensionModel[]): void {
  const seen = new Set<string>();
  for (const model of models) {
    if (seen.has(model.oid)) {
      throw new DuplicateExtension(
        `Duplicate ${model.oid} extension found`,
        new ObjectIdentifier(model.oid),
      );
    }
    seen.add(model.oid);
  }
}

/** @internal The public key object for a native handle (UnsupportedAlgorithm for unknown types). */
export function publicKeyOf(handle: () => NativePublicKey): PublicKeyObject {
  return wrapPublicKey(callNative(handle));
}

// ---------------------------------------------------------------------------------------------
// Public classes.

/**
 * The version field of a certificate (neither v1 nor v3), CSR (not v1) or CRL (not v1/v2) is
 * not allowed (PyCA's `InvalidVersion`). `parsedVersion` is the raw field value.
 */
export class InvalidVersion extends ValueError {
  readonly parsedVersion: number;

  constructor(message: string, parsedVersion: number) {
    super(message);
    this.parsedVersion = parsedVersion;
  }
}

/** An attribute of a CSR was asked for by OID and is not there (PyCA's `AttributeNotFound`). */
export class AttributeNotFound extends HazmatError {
  readonly code = "ERR_HAZMAT_X509_ATTRIBUTE_NOT_FOUND";
  readonly oid: ObjectIdentifier;

  constructor(message: string, oid: ObjectIdentifier) {
    super(message);
    this.oid = oid;
  }
}

/** The X.509 version of a certificate (PyCA's `Version` enum: `v1` = 0, `v3` = 2). */
export class Version {
  static readonly v1: Version = new Version("v1", 0);
  static readonly v3: Version = new Version("v3", 2);

  private constructor(
    readonly name: "v1" | "v3",
    readonly value: number,
  ) {}

  toString(): string {
    return `Version.${this.name}`;
  }
}

/**
 * The native loaders report an unknown version as a ValueError with this message; the number
 * is the raw field, which PyCA keeps as `parsed_version`.
 */
const INVALID_VERSION =
  /^(?:Invalid X\.509 version: )?(-?\d+) is not a valid (X509|CSR|CRL) version$/;

/** @internal Calls a native loader, turning its version error into {@link InvalidVersion}. */
export function loadNative<T>(call: () => T): T {
  try {
    return callNative(call);
  } catch (error) {
    if (error instanceof ValueError && !(error instanceof InvalidVersion)) {
      const match = INVALID_VERSION.exec(error.message);
      if (match !== null) {
        throw new InvalidVersion(
          `${match[1]} is not a valid ${match[2]} version`,
          Number(match[1]),
        );
      }
    }
    throw error;
  }
}

/** @internal What the native certificate, CSR and CRL handles share. */
export interface SignedHandle {
  der(): Buffer;
  signature(): Buffer;
  signatureAlgorithm(): SignatureAlgorithmModel;
}

/**
 * @internal Lets certificates, CSRs and CRLs be made only from native handles; not exported
 * from `hazmat/x509`.
 */
export const WRAP: unique symbol = Symbol("hazmat.x509.wrap");

/**
 * @internal What PyCA's certificate, CSR and CRL classes share: the signature, the
 * signature-algorithm properties and `publicBytes`. Not exported from `hazmat/x509`.
 */
export abstract class SignedObject {
  readonly #handle: SignedHandle;
  readonly #pemLabel: string;
  #der: Buffer | undefined;
  #signatureAlgorithm: SignatureAlgorithmModel | undefined;

  /**
   * `token` must be {@link WRAP}: these objects are made only from native handles (by the
   * subclasses' `_wrap`), so a direct `new` is a TypeError saying how to get one instead.
   */
  protected constructor(
    token: typeof WRAP,
    handle: SignedHandle,
    pemLabel: string,
    notDirectly: string,
  ) {
    if (token !== WRAP) throw invalidType(notDirectly);
    this.#handle = handle;
    this.#pemLabel = pemLabel;
  }

  /** @internal The DER encoding, read once. */
  protected _encodedDer(): Buffer {
    this.#der ??= callNative(() => this.#handle.der());
    return this.#der;
  }

  /** @internal The signature algorithm as the model, read once. */
  protected _signatureAlgorithmModel(): SignatureAlgorithmModel {
    this.#signatureAlgorithm ??= callNative(() => this.#handle.signatureAlgorithm());
    return this.#signatureAlgorithm;
  }

  /**
   * The hash of the signature algorithm; `null` for Ed25519, Ed448 and ML-DSA. An algorithm
   * hazmat does not know is an `UnsupportedAlgorithm`, as in PyCA.
   */
  get signatureHashAlgorithm(): HashAlgorithm | null {
    return signatureHashOf(this._signatureAlgorithmModel());
  }

  /** The OID of the signature algorithm. */
  get signatureAlgorithmOid(): ObjectIdentifier {
    return new ObjectIdentifier(this._signatureAlgorithmModel().oid);
  }

  /** `PKCS1v15`, `PSS(MGF1(hash), saltLength)` or `ECDSA(hash)`, or `null` (EdDSA, DSA, …). */
  get signatureAlgorithmParameters(): SignatureAlgorithmParameters {
    return signatureParametersOf(this._signatureAlgorithmModel());
  }

  /** The signature bytes. */
  get signature(): Buffer {
    return callNative(() => this.#handle.signature());
  }

  /** The object in `Encoding.PEM` or `Encoding.DER`. */
  publicBytes(encoding: Encoding): Buffer {
    return encodeObject(encoding, this.#pemLabel, this._encodedDer());
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** @internal What the native certificate and CSR handles share besides {@link SignedHandle}. */
export interface SubjectKeyHandle extends SignedHandle {
  subject(): NameModel;
  publicKey(): NativePublicKey;
  publicKeyAlgorithmOid(): string;
}

/** @internal What certificates and CSRs share: a subject and a public key. */
export abstract class SubjectKeyObject extends SignedObject {
  readonly #keyHandle: SubjectKeyHandle;
  #subject: Name | undefined;

  protected constructor(
    token: typeof WRAP,
    handle: SubjectKeyHandle,
    pemLabel: string,
    notDirectly: string,
  ) {
    super(token, handle, pemLabel, notDirectly);
    this.#keyHandle = handle;
  }

  /** The subject's public key as its key class; an unknown key type is `UnsupportedAlgorithm`. */
  publicKey(): PublicKeyObject {
    return publicKeyOf(() => this.#keyHandle.publicKey());
  }

  /** The OID of the subject public key's algorithm. */
  get publicKeyAlgorithmOid(): ObjectIdentifier {
    return new ObjectIdentifier(callNative(() => this.#keyHandle.publicKeyAlgorithmOid()));
  }

  /** The subject's (for a CSR: the requested) distinguished name. */
  get subject(): Name {
    this.#subject ??= nameFromModel(callNative(() => this.#keyHandle.subject()));
    return this.#subject;
  }
}

/** @internal Checks `data` is bytes and loads it with a native loader, as every loader does. */
export function loadWith<H, T>(
  data: Uint8Array,
  load: (bytes: Uint8Array) => H,
  wrap: (handle: H) => T,
): T {
  const bytes = checkBytes("data", data);
  return wrap(loadNative(() => load(bytes)));
}

/** @internal The native handle of a certificate. */
export const CERT_HANDLE: unique symbol = Symbol("hazmat.x509.certificate");

/**
 * An X.509 certificate (PyCA's `Certificate`), made by the `load…X509Certificate` functions or
 * by `CertificateBuilder.sign`. Immutable; parsed fields are computed once.
 */
export class Certificate extends SubjectKeyObject {
  /** @internal */
  readonly [CERT_HANDLE]: NativeCertificateHandle;
  #issuer: Name | undefined;
  #extensions: Extensions | undefined;

  /** @internal Use the loaders or `CertificateBuilder`. */
  constructor(token: typeof WRAP, handle: NativeCertificateHandle) {
    super(
      token,
      handle,
      "CERTIFICATE",
      "Certificate cannot be constructed directly; use loadPemX509Certificate, loadDerX509Certificate or CertificateBuilder",
    );
    this[CERT_HANDLE] = handle;
  }

  /** @internal */
  static _wrap(handle: NativeCertificateHandle): Certificate {
    return new Certificate(WRAP, handle);
  }

  /** The digest of the DER encoding under `algorithm`. */
  fingerprint(algorithm: HashAlgorithm): Buffer {
    return fingerprintOf(algorithm, this._encodedDer());
  }

  /** The serial number (may be negative or zero in certificates from the wild). */
  get serialNumber(): bigint {
    return fromHex(callNative(() => this[CERT_HANDLE].serialNumber()));
  }

  /** `Version.v1` or `Version.v3` (anything else fails at load time with `InvalidVersion`). */
  get version(): Version {
    const raw = callNative(() => this[CERT_HANDLE].version());
    if (raw === 0) return Version.v1;
    if (raw === 2) return Version.v3;
    throw new InvalidVersion(`${raw} is not a valid X509 version`, raw);
  }

  /** Start of the validity period. */
  get notValidBeforeUtc(): Date {
    return new Date(callNative(() => this[CERT_HANDLE].notBefore()));
  }

  /** End of the validity period. */
  get notValidAfterUtc(): Date {
    return new Date(callNative(() => this[CERT_HANDLE].notAfter()));
  }

  /**
   * Same as {@link notValidBeforeUtc}: a JS `Date` is always an instant, so PyCA's naive
   * (deprecated) variant has nothing different to return.
   * @deprecated Use {@link notValidBeforeUtc}.
   */
  get notValidBefore(): Date {
    return this.notValidBeforeUtc;
  }

  /**
   * Same as {@link notValidAfterUtc}.
   * @deprecated Use {@link notValidAfterUtc}.
   */
  get notValidAfter(): Date {
    return this.notValidAfterUtc;
  }

  /** The issuer's distinguished name. */
  get issuer(): Name {
    this.#issuer ??= nameFromModel(callNative(() => this[CERT_HANDLE].issuer()));
    return this.#issuer;
  }

  /** The extensions; two with the same OID are a `DuplicateExtension`. */
  get extensions(): Extensions {
    this.#extensions ??= extensionsOf(() => this[CERT_HANDLE].extensions());
    return this.#extensions;
  }

  /** The DER of the TBSCertificate (what the signature covers). */
  get tbsCertificateBytes(): Buffer {
    return callNative(() => this[CERT_HANDLE].tbsBytes());
  }

  /**
   * The TBSCertificate without its embedded SCT list extension: what a Certificate
   * Transparency log signed (RFC 6962 3.2). ValueError when there is no SCT list.
   */
  get tbsPrecertificateBytes(): Buffer {
    try {
      return callNative(() => this[CERT_HANDLE].tbsPrecertificateBytes());
    } catch (error) {
      // The codec reads only the extensions' OIDs here, as PyCA does, and names a repeated one.
      const duplicate =
        error instanceof ValueError && /^Duplicate (\S+) extension found$/.exec(error.message);
      if (duplicate) {
        throw new DuplicateExtension(error.message, new ObjectIdentifier(duplicate[1] as string));
      }
      throw error;
    }
  }

  /**
   * Checks that `issuer` issued this certificate: its subject is this certificate's issuer and
   * its key verifies the signature. `ValueError` for a name or algorithm mismatch and for
   * algorithms PyCA no longer verifies (MD5, SHA-1), `InvalidSignature` for a bad signature,
   * `TypeError` for a non-certificate.
   */
  verifyDirectlyIssuedBy(issuer: Certificate): void {
    if (!(issuer instanceof Certificate)) {
      throw invalidType(`issuer must be a Certificate, got ${describeType(issuer)}`);
    }
    if (!signatureVerifiable(this._signatureAlgorithmModel())) {
      // PyCA checks the names first, then refuses the algorithm.
      if (!this.issuer.equals(issuer.subject)) {
        throw new ValueError("Issuer certificate subject does not match certificate issuer.");
      }
      throw new ValueError("Unsupported signature algorithm");
    }
    callNative(() => this[CERT_HANDLE].verifyDirectlyIssuedBy(issuer[CERT_HANDLE]));
  }

  /** Whether `other` is a certificate with the same DER encoding (PyCA's `__eq__`). */
  equals(other: unknown): boolean {
    return (
      other instanceof Certificate && callNative(() => this[CERT_HANDLE].equals(other[CERT_HANDLE]))
    );
  }

  override toString(): string {
    return `<Certificate(subject=${String(this.subject)}, ...)>`;
  }
}

/** Loads the first PEM certificate (`CERTIFICATE` or `X509 CERTIFICATE`) in `data`. */
export function loadPemX509Certificate(data: Uint8Array): Certificate {
  return loadWith(data, (bytes) => x509Native.NativeCertificate.fromPem(bytes), Certificate._wrap);
}

/** Loads every PEM certificate in `data`; none at all is a `ValueError`. */
export function loadPemX509Certificates(data: Uint8Array): Certificate[] {
  const bytes = checkBytes("data", data);
  const handles = loadNative(() => x509Native.loadPemCertificates(bytes));
  if (handles.length === 0) {
    throw new ValueError("Unable to find any PEM certificates in the data");
  }
  return handles.map((handle) => Certificate._wrap(handle));
}

/** Loads a DER certificate. */
export function loadDerX509Certificate(data: Uint8Array): Certificate {
  return loadWith(data, (bytes) => x509Native.NativeCertificate.fromDer(bytes), Certificate._wrap);
}
