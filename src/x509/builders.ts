/**
 * The builders of `cryptography.x509`: `CertificateBuilder`, `CertificateSigningRequestBuilder`,
 * `CertificateRevocationListBuilder`, `RevokedCertificateBuilder`, and `randomSerialNumber`.
 *
 * Builders are immutable, as PyCA's: every setter returns a new builder and a field can be set
 * once. `sign` checks PyCA's argument rules here (which key types, which hashes, which RSA
 * paddings), then hands a template of the data model to the addon, which encodes the TBS,
 * signs it with hazmat's OpenSSL and returns the parsed result.
 *
 * ```ts
 * const cert = new CertificateBuilder()
 *   .subjectName(name).issuerName(name).publicKey(key.publicKey())
 *   .serialNumber(randomSerialNumber())
 *   .notValidBefore(new Date()).notValidAfter(new Date(Date.now() + 86_400_000))
 *   .addExtension(new BasicConstraints(true, null), true)
 *   .sign(key, new SHA256());
 * ```
 *
 * @module
 */
import type { PrivateKey as NativePrivateKey, PublicKey as NativePublicKey } from "../../index.js";
import { UnsupportedAlgorithm, ValueError } from "../exceptions.js";
import { toHex } from "../lib/bigint.js";
import { callNative } from "../lib/native.js";
import { checkBytes, describeType, invalidType } from "../lib/validate.js";
import { HANDLE, PrivateKeyObject, PublicKeyObject } from "../primitives/asymmetric/base.js";
import {
  _DigestLength,
  _MaxLength,
  MGF1,
  PKCS1v15,
  PSS,
} from "../primitives/asymmetric/padding.js";
import type { HashAlgorithm } from "../primitives/hashes.js";
import { randomBytes } from "../random.js";
import {
  Certificate,
  type NativeCertificateHandle,
  SIGNING_HASHES,
  x509Native,
} from "./certificate.js";
import {
  CertificateRevocationList,
  type NativeCrlHandle,
  REVOKED_MODEL,
  RevokedCertificate,
} from "./crl.js";
import { CertificateSigningRequest, type NativeCsrHandle } from "./csr.js";
import {
  Extension,
  ExtensionType,
  extensionToModel,
  PrecertificateSignedCertificateTimestamps,
} from "./extensions.js";
import type {
  AttributeModel,
  CertificateTemplateModel,
  CrlTemplateModel,
  CsrTemplateModel,
  ExtensionModel,
  RsaPaddingModel,
  SignOptionsModel,
} from "./model.js";
import { _ASN1Type, Name, nameToModel } from "./name.js";
import { checkOid, type ObjectIdentifier } from "./oid.js";

// ---------------------------------------------------------------------------------------------
// Native signing entry points (docs/x509-api.md).

interface SigningNative {
  signCertificate(
    template: CertificateTemplateModel,
    subjectKey: NativePublicKey,
    issuerKey: NativePrivateKey,
    options: SignOptionsModel,
  ): NativeCertificateHandle;
  signCsr(
    template: CsrTemplateModel,
    key: NativePrivateKey,
    options: SignOptionsModel,
  ): NativeCsrHandle;
  signCrl(
    template: CrlTemplateModel,
    key: NativePrivateKey,
    options: SignOptionsModel,
  ): NativeCrlHandle;
}

const signing = x509Native as unknown as SigningNative;

// ---------------------------------------------------------------------------------------------
// Argument rules shared by the builders.

/** UTCTime cannot say anything before 1950 (RFC 5280 4.1.2.5); PyCA refuses such times. */
const EARLIEST = Date.UTC(1950, 0, 1);
/** GeneralizedTime has four year digits. */
const LATEST = Date.UTC(10000, 0, 1);

function checkName(name: unknown): Name {
  if (!(name instanceof Name)) throw invalidType("Expecting x509.Name object.");
  return name;
}

/**
 * A time argument as whole milliseconds: X.509 times have second precision, so the
 * fraction is dropped as PyCA's encoder does.
 */
function checkTime(value: unknown, earliestMessage: string): number {
  if (!(value instanceof Date)) throw invalidType("Expecting datetime object.");
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new ValueError("The date is not a valid time (Invalid Date).");
  const seconds = Math.floor(ms / 1000) * 1000;
  if (seconds < EARLIEST) throw new ValueError(earliestMessage);
  if (seconds >= LATEST) {
    throw new ValueError(
      "The date must be before the year 10000 (GeneralizedTime has four year digits).",
    );
  }
  return seconds;
}

/** PyCA's serial number rules: an integer, positive, at most 159 bits (RFC 5280 4.1.2.2). */
/**
 * PyCA's `serial_number` setter checks, in its order: an integer, not set yet (`current`),
 * positive, at most 159 bits.
 */
function checkSerial(number: unknown, current: bigint | null, positiveMessage: string): bigint {
  let value: bigint;
  if (typeof number === "bigint") value = number;
  else if (typeof number === "number" && Number.isSafeInteger(number)) value = BigInt(number);
  else throw invalidType("Serial number must be of integral type.");
  if (current !== null) throw new ValueError("The serial number may only be set once.");
  if (value <= 0n) throw new ValueError(positiveMessage);
  if (value >> 159n !== 0n) {
    throw new ValueError("The serial number should not be more than 159 bits.");
  }
  return value;
}

function checkCritical(critical: unknown): boolean {
  if (typeof critical !== "boolean") throw invalidType("critical must be a boolean value");
  return critical;
}

/** PyCA's `add_extension`: an ExtensionType, a boolean, and no second extension of one OID. */
function appendExtension(
  extensions: readonly Extension[],
  extval: unknown,
  critical: unknown,
): Extension[] {
  if (!(extval instanceof ExtensionType)) throw invalidType("extension must be an ExtensionType");
  const extension = new Extension(extval.oid, checkCritical(critical), extval);
  if (extensions.some((existing) => existing.oid.equals(extension.oid))) {
    throw new ValueError("This extension has already been set.");
  }
  return [...extensions, extension];
}

/** The messages and direction of one end of a time window (validity, CRL update period). */
interface BoundRule {
  /** The window's start (must not be after the end) or its end (must not be before). */
  start: boolean;
  once: string;
  early: string;
  order: string;
}

/**
 * One end of a time window as PyCA's builders check it: a Date, set once, on or after 1950,
 * and on the right side of the other end when that is set. Returns milliseconds.
 */
function checkBound(
  time: unknown,
  current: number | null,
  other: number | null,
  rule: BoundRule,
): number {
  if (!(time instanceof Date)) throw invalidType("Expecting datetime object.");
  if (current !== null) throw new ValueError(rule.once);
  const ms = checkTime(time, rule.early);
  if (other !== null && (rule.start ? ms > other : ms < other)) throw new ValueError(rule.order);
  return ms;
}

/**
 * The builders' extensions as the model. The codec does not write SCT lists, so a
 * `PrecertificateSignedCertificateTimestamps` goes in as its encoded value (the façade
 * writes it), which the codec copies verbatim; PyCA's builders accept SCT lists too.
 */
const extensionModels = (extensions: readonly Extension[]): ExtensionModel[] =>
  extensions.map((extension) =>
    extension.value instanceof PrecertificateSignedCertificateTimestamps
      ? {
          oid: extension.oid.dottedString,
          critical: extension.critical,
          value: {
            type: "UnrecognizedExtension",
            value: extension.value.publicBytes().toString("hex"),
          },
        }
      : extensionToModel(extension),
  );

/** The keyword-only arguments of every `sign` (PyCA's `rsa_padding`, `ecdsa_deterministic`). */
export interface SignOptions {
  /** RSA keys only: `new PKCS1v15()` (the default) or `new PSS(new MGF1(hash), saltLength)`. */
  rsaPadding?: PSS | PKCS1v15 | null;
  /** EC keys only: derive the nonce as RFC 6979 does. */
  ecdsaDeterministic?: boolean | null;
}

const KEY_TYPES =
  "Key must be an rsa, dsa, ec, ed25519, ed448, ml-dsa-44, ml-dsa-65, or ml-dsa-87 private key.";

type KeyKind = "rsa" | "dsa" | "ec" | "eddsa" | "mldsa";

/** The kind of signing key, or null for anything PyCA does not sign X.509 objects with. */
function kindOf(privateKey: unknown): KeyKind | null {
  if (!(privateKey instanceof PrivateKeyObject)) return null;
  switch (privateKey[HANDLE].keyType()) {
    case "RSA":
    case "RSA-PSS":
      return "rsa";
    case "DSA":
      return "dsa";
    case "EC":
      return "ec";
    case "ED25519":
    case "ED448":
      return "eddsa";
    case "ML-DSA-44":
    case "ML-DSA-65":
    case "ML-DSA-87":
      return "mldsa";
    default:
      return null;
  }
}

function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  const candidate = value as Partial<HashAlgorithm> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.name === "string" &&
    typeof candidate.digestSize === "number"
  );
}

/** A hash PyCA signs with, by name; anything else as PyCA reports it. */
function signingHash(algorithm: unknown, kind: KeyKind): string {
  if (algorithm === null || algorithm === undefined) {
    throw invalidType("Algorithm must be a registered hash algorithm, not None.");
  }
  if (!isHashAlgorithm(algorithm))
    throw invalidType("Algorithm must be a registered hash algorithm.");
  if (!SIGNING_HASHES.has(algorithm.name)) {
    throw new UnsupportedAlgorithm(
      `Hash algorithm "${algorithm.name}" not supported for signatures`,
    );
  }
  if (kind === "dsa" && algorithm.name.startsWith("sha3-")) {
    throw new UnsupportedAlgorithm("SHA3 hashes are not supported with DSA keys");
  }
  return algorithm.name;
}

function rsaPaddingModel(padding: PSS | PKCS1v15, kind: KeyKind): RsaPaddingModel {
  if (padding instanceof PKCS1v15) return { type: "pkcs1v15" };
  const mgf = padding._mgf;
  if (!(mgf instanceof MGF1)) throw invalidType("PSS padding must use MGF1");
  const salt = padding._saltLength;
  let saltLength: number;
  if (salt instanceof _MaxLength) saltLength = -1;
  else if (salt instanceof _DigestLength) saltLength = -2;
  else if (typeof salt === "number") saltLength = salt;
  else throw invalidType("salt_length must be an int, MaxLength, or DigestLength.");
  return { type: "pss", mgfHash: signingHash(mgf._algorithm, kind), saltLength };
}

/**
 * PyCA's `sign` rules, in PyCA's order: the padding and deterministic-ECDSA options first, then
 * the key type, then the hash. Returns the key handle and the options for the addon.
 */
function signingArguments(
  privateKey: unknown,
  algorithm: unknown,
  options: SignOptions | undefined,
): { key: NativePrivateKey; options: SignOptionsModel } {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw invalidType(`options must be an object, got ${describeType(options)}`);
  }
  const rsaPadding = options?.rsaPadding ?? null;
  const deterministic = options?.ecdsaDeterministic ?? null;
  const kind = kindOf(privateKey);
  if (rsaPadding !== null) {
    if (!(rsaPadding instanceof PSS) && !(rsaPadding instanceof PKCS1v15)) {
      throw invalidType("Padding must be PSS or PKCS1v15");
    }
    if (kind !== "rsa") {
      throw invalidType("Padding is only supported for RSA keys");
    }
  }
  if (deterministic !== null) {
    if (typeof deterministic !== "boolean") {
      throw invalidType(`ecdsaDeterministic must be a boolean, got ${describeType(deterministic)}`);
    }
    if (kind !== "ec") {
      throw invalidType("Deterministic ECDSA is only supported for EC keys");
    }
  }
  if (kind === null) throw invalidType(KEY_TYPES);
  let hash: string | null = null;
  if (kind === "eddsa" || kind === "mldsa") {
    if (algorithm !== null && algorithm !== undefined) {
      throw new ValueError(
        kind === "eddsa"
          ? "Algorithm must be None when signing via ed25519 or ed448"
          : "Algorithm must be None when signing via ml-dsa-44, ml-dsa-65, or ml-dsa-87",
      );
    }
  } else {
    hash = signingHash(algorithm, kind);
  }
  return {
    key: (privateKey as PrivateKeyObject)[HANDLE],
    options: {
      hash,
      rsaPadding: rsaPadding === null ? null : rsaPaddingModel(rsaPadding, kind),
      ecdsaDeterministic: deterministic === true,
    },
  };
}

/** The key classes PyCA puts in a certificate (its `CertificatePublicKeyTypes`). */
const CERTIFICATE_KEY_TYPES = new Set([
  "RSA",
  "RSA-PSS",
  "DSA",
  "EC",
  "ED25519",
  "ED448",
  "X25519",
  "X448",
  "ML-DSA-44",
  "ML-DSA-65",
  "ML-DSA-87",
  "ML-KEM-768",
  "ML-KEM-1024",
]);

// ---------------------------------------------------------------------------------------------
// Builders.

interface CertificateFields {
  issuerName: Name | null;
  subjectName: Name | null;
  publicKey: PublicKeyObject | null;
  serialNumber: bigint | null;
  notValidBefore: number | null;
  notValidAfter: number | null;
  extensions: readonly Extension[];
}

/** Builds and signs an X.509 v3 certificate (PyCA's `CertificateBuilder`). */
export class CertificateBuilder {
  readonly #fields: CertificateFields;

  constructor() {
    this.#fields = {
      issuerName: null,
      subjectName: null,
      publicKey: null,
      serialNumber: null,
      notValidBefore: null,
      notValidAfter: null,
      extensions: [],
    };
  }

  #with(changes: Partial<CertificateFields>): CertificateBuilder {
    const next = new CertificateBuilder();
    Object.assign(next.#fields, this.#fields, changes);
    return next;
  }

  /** Sets the issuer's (the CA's) distinguished name. */
  issuerName(name: Name): CertificateBuilder {
    const issuerName = checkName(name);
    if (this.#fields.issuerName !== null) {
      throw new ValueError("The issuer name may only be set once.");
    }
    return this.#with({ issuerName });
  }

  /** Sets the subject's distinguished name. */
  subjectName(name: Name): CertificateBuilder {
    const subjectName = checkName(name);
    if (this.#fields.subjectName !== null) {
      throw new ValueError("The subject name may only be set once.");
    }
    return this.#with({ subjectName });
  }

  /** Sets the subject's public key. */
  publicKey(key: PublicKeyObject): CertificateBuilder {
    if (!(key instanceof PublicKeyObject) || !CERTIFICATE_KEY_TYPES.has(key[HANDLE].keyType())) {
      throw invalidType(
        "Expecting one of DSAPublicKey, RSAPublicKey, EllipticCurvePublicKey, Ed25519PublicKey, Ed448PublicKey, MLDSA44PublicKey, MLDSA65PublicKey, MLDSA87PublicKey, MLKEM768PublicKey, MLKEM1024PublicKey, X25519PublicKey or X448PublicKey.",
      );
    }
    if (this.#fields.publicKey !== null) {
      throw new ValueError("The public key may only be set once.");
    }
    return this.#with({ publicKey: key });
  }

  /** Sets the serial number: positive, at most 159 bits (see {@link randomSerialNumber}). */
  serialNumber(number: bigint | number): CertificateBuilder {
    return this.#with({
      serialNumber: checkSerial(
        number,
        this.#fields.serialNumber,
        "The serial number should be positive.",
      ),
    });
  }

  /** Sets the start of the validity period (on or after 1950-01-01). */
  notValidBefore(time: Date): CertificateBuilder {
    const bound = checkBound(time, this.#fields.notValidBefore, this.#fields.notValidAfter, {
      start: true,
      once: "The not valid before may only be set once.",
      early: "The not valid before date must be on or after 1950 January 1).",
      order: "The not valid before date must be before the not valid after date.",
    });
    return this.#with({ notValidBefore: bound });
  }

  /** Sets the end of the validity period (not before the start). */
  notValidAfter(time: Date): CertificateBuilder {
    const bound = checkBound(time, this.#fields.notValidAfter, this.#fields.notValidBefore, {
      start: false,
      once: "The not valid after may only be set once.",
      early: "The not valid after date must be on or after 1950 January 1.",
      order: "The not valid after date must be after the not valid before date.",
    });
    return this.#with({ notValidAfter: bound });
  }

  /** Adds an extension; a second one with the same OID is a ValueError. */
  addExtension(extval: ExtensionType, critical: boolean): CertificateBuilder {
    return this.#with({ extensions: appendExtension(this.#fields.extensions, extval, critical) });
  }

  /**
   * Signs the certificate with the issuer's `privateKey`. `algorithm` is the hash (SHA-2 or
   * SHA-3) for RSA, DSA and EC keys, and `null` for Ed25519, Ed448 and ML-DSA.
   */
  sign(
    privateKey: PrivateKeyObject,
    algorithm: HashAlgorithm | null,
    options?: SignOptions,
  ): Certificate {
    const f = this.#fields;
    if (f.subjectName === null) throw new ValueError("A certificate must have a subject name");
    if (f.issuerName === null) throw new ValueError("A certificate must have an issuer name");
    if (f.serialNumber === null) throw new ValueError("A certificate must have a serial number");
    if (f.notValidBefore === null) {
      throw new ValueError("A certificate must have a not valid before time");
    }
    if (f.notValidAfter === null) {
      throw new ValueError("A certificate must have a not valid after time");
    }
    if (f.publicKey === null) throw new ValueError("A certificate must have a public key");
    if (privateKey === null || privateKey === undefined) {
      throw invalidType("Need private key to sign certificate");
    }
    const signer = signingArguments(privateKey, algorithm, options);
    const template: CertificateTemplateModel = {
      issuer: nameToModel(f.issuerName),
      subject: nameToModel(f.subjectName),
      serialNumber: toHex(f.serialNumber),
      notBefore: f.notValidBefore,
      notAfter: f.notValidAfter,
      extensions: extensionModels(f.extensions),
    };
    const subjectKey = f.publicKey[HANDLE];
    return Certificate._wrap(
      callNative(() => signing.signCertificate(template, subjectKey, signer.key, signer.options)),
    );
  }
}

interface CsrFields {
  subjectName: Name | null;
  extensions: readonly Extension[];
  attributes: readonly AttributeModel[];
}

/** The keyword-only argument of `addAttribute` (PyCA's `_tag`). */
export interface AddAttributeOptions {
  /** The ASN.1 string type of the value (UTF8String when absent). */
  _tag?: _ASN1Type | null;
}

const ASN1_TYPES = new Set<number>(
  Object.values(_ASN1Type).filter((v): v is number => typeof v === "number"),
);

/** Builds and signs a PKCS #10 request (PyCA's `CertificateSigningRequestBuilder`). */
export class CertificateSigningRequestBuilder {
  readonly #fields: CsrFields;

  constructor() {
    this.#fields = { subjectName: null, extensions: [], attributes: [] };
  }

  #with(changes: Partial<CsrFields>): CertificateSigningRequestBuilder {
    const next = new CertificateSigningRequestBuilder();
    Object.assign(next.#fields, this.#fields, changes);
    return next;
  }

  /** Sets the requester's distinguished name. */
  subjectName(name: Name): CertificateSigningRequestBuilder {
    const subjectName = checkName(name);
    if (this.#fields.subjectName !== null) {
      throw new ValueError("The subject name may only be set once.");
    }
    return this.#with({ subjectName });
  }

  /** Adds a requested extension; a second one with the same OID is a ValueError. */
  addExtension(extval: ExtensionType, critical: boolean): CertificateSigningRequestBuilder {
    return this.#with({ extensions: appendExtension(this.#fields.extensions, extval, critical) });
  }

  /** Adds an attribute (e.g. challengePassword) with `value` as a UTF8String or `_tag`. */
  addAttribute(
    oid: ObjectIdentifier,
    value: Uint8Array,
    options?: AddAttributeOptions,
  ): CertificateSigningRequestBuilder {
    const checkedOid = checkOid("oid", oid);
    if (!(value instanceof Uint8Array)) throw invalidType("value must be bytes");
    if (options !== undefined && (typeof options !== "object" || options === null)) {
      throw invalidType(`options must be an object, got ${describeType(options)}`);
    }
    const tag = options?._tag ?? null;
    if (tag !== null && (typeof tag !== "number" || !ASN1_TYPES.has(tag))) {
      throw invalidType("tag must be _ASN1Type");
    }
    if (this.#fields.attributes.some((a) => a.oid === checkedOid.dottedString)) {
      throw new ValueError("This attribute has already been set.");
    }
    const attribute: AttributeModel = {
      oid: checkedOid.dottedString,
      tag: tag ?? _ASN1Type.UTF8String,
      value: Buffer.from(checkBytes("value", value)).toString("hex"),
    };
    return this.#with({ attributes: [...this.#fields.attributes, attribute] });
  }

  /** Signs the request with the requester's `privateKey` (`algorithm` as in `CertificateBuilder`). */
  sign(
    privateKey: PrivateKeyObject,
    algorithm: HashAlgorithm | null,
    options?: SignOptions,
  ): CertificateSigningRequest {
    const f = this.#fields;
    if (f.subjectName === null) {
      throw new ValueError("A CertificateSigningRequest must have a subject");
    }
    const signer = signingArguments(privateKey, algorithm, options);
    const template: CsrTemplateModel = {
      subject: nameToModel(f.subjectName),
      extensions: extensionModels(f.extensions),
      attributes: [...f.attributes],
    };
    return CertificateSigningRequest._wrap(
      callNative(() => signing.signCsr(template, signer.key, signer.options)),
    );
  }
}

interface CrlFields {
  issuerName: Name | null;
  lastUpdate: number | null;
  nextUpdate: number | null;
  extensions: readonly Extension[];
  revoked: readonly RevokedCertificate[];
}

/** Builds and signs a CRL (PyCA's `CertificateRevocationListBuilder`). */
export class CertificateRevocationListBuilder {
  readonly #fields: CrlFields;

  constructor() {
    this.#fields = {
      issuerName: null,
      lastUpdate: null,
      nextUpdate: null,
      extensions: [],
      revoked: [],
    };
  }

  #with(changes: Partial<CrlFields>): CertificateRevocationListBuilder {
    const next = new CertificateRevocationListBuilder();
    Object.assign(next.#fields, this.#fields, changes);
    return next;
  }

  /** Sets the issuer's distinguished name. */
  issuerName(issuerName: Name): CertificateRevocationListBuilder {
    const checked = checkName(issuerName);
    if (this.#fields.issuerName !== null) {
      throw new ValueError("The issuer name may only be set once.");
    }
    return this.#with({ issuerName: checked });
  }

  /** Sets when this CRL is issued. */
  lastUpdate(lastUpdate: Date): CertificateRevocationListBuilder {
    const bound = checkBound(lastUpdate, this.#fields.lastUpdate, this.#fields.nextUpdate, {
      start: true,
      once: "Last update may only be set once.",
      early: "The last update date must be on or after 1950 January 1.",
      order: "The last update date must be before the next update date.",
    });
    return this.#with({ lastUpdate: bound });
  }

  /** Sets when the next CRL is due. */
  nextUpdate(nextUpdate: Date): CertificateRevocationListBuilder {
    // PyCA's message for this case says "Last update" too.
    const bound = checkBound(nextUpdate, this.#fields.nextUpdate, this.#fields.lastUpdate, {
      start: false,
      once: "Last update may only be set once.",
      early: "The last update date must be on or after 1950 January 1.",
      order: "The next update date must be after the last update date.",
    });
    return this.#with({ nextUpdate: bound });
  }

  /** Adds a CRL extension; a second one with the same OID is a ValueError. */
  addExtension(extval: ExtensionType, critical: boolean): CertificateRevocationListBuilder {
    return this.#with({ extensions: appendExtension(this.#fields.extensions, extval, critical) });
  }

  /** Adds an entry (from `RevokedCertificateBuilder.build()` or another CRL). */
  addRevokedCertificate(revokedCertificate: RevokedCertificate): CertificateRevocationListBuilder {
    if (!(revokedCertificate instanceof RevokedCertificate)) {
      throw invalidType("Must be an instance of RevokedCertificate");
    }
    return this.#with({ revoked: [...this.#fields.revoked, revokedCertificate] });
  }

  /** Signs the CRL with the issuer's `privateKey` (`algorithm` as in `CertificateBuilder`). */
  sign(
    privateKey: PrivateKeyObject,
    algorithm: HashAlgorithm | null,
    options?: SignOptions,
  ): CertificateRevocationList {
    const f = this.#fields;
    if (f.issuerName === null) throw new ValueError("A CRL must have an issuer name");
    if (f.lastUpdate === null) throw new ValueError("A CRL must have a last update time");
    if (f.nextUpdate === null) throw new ValueError("A CRL must have a next update time");
    const signer = signingArguments(privateKey, algorithm, options);
    const template: CrlTemplateModel = {
      issuer: nameToModel(f.issuerName),
      lastUpdate: f.lastUpdate,
      nextUpdate: f.nextUpdate,
      extensions: extensionModels(f.extensions),
      revoked: f.revoked.map((entry) => entry[REVOKED_MODEL]),
    };
    return CertificateRevocationList._wrap(
      callNative(() => signing.signCrl(template, signer.key, signer.options)),
    );
  }
}

interface RevokedFields {
  serialNumber: bigint | null;
  revocationDate: number | null;
  extensions: readonly Extension[];
}

/** Builds one CRL entry (PyCA's `RevokedCertificateBuilder`). */
export class RevokedCertificateBuilder {
  readonly #fields: RevokedFields;

  constructor() {
    this.#fields = { serialNumber: null, revocationDate: null, extensions: [] };
  }

  #with(changes: Partial<RevokedFields>): RevokedCertificateBuilder {
    const next = new RevokedCertificateBuilder();
    Object.assign(next.#fields, this.#fields, changes);
    return next;
  }

  /** Sets the revoked certificate's serial number (positive, at most 159 bits). */
  serialNumber(number: bigint | number): RevokedCertificateBuilder {
    return this.#with({
      serialNumber: checkSerial(
        number,
        this.#fields.serialNumber,
        "The serial number should be positive",
      ),
    });
  }

  /** Sets when the certificate was revoked. */
  revocationDate(time: Date): RevokedCertificateBuilder {
    if (!(time instanceof Date)) throw invalidType("Expecting datetime object.");
    if (this.#fields.revocationDate !== null) {
      throw new ValueError("The revocation date may only be set once.");
    }
    const ms = checkTime(time, "The revocation date must be on or after 1950 January 1.");
    return this.#with({ revocationDate: ms });
  }

  /** Adds an entry extension (CRLReason, InvalidityDate, CertificateIssuer, …). */
  addExtension(extval: ExtensionType, critical: boolean): RevokedCertificateBuilder {
    return this.#with({ extensions: appendExtension(this.#fields.extensions, extval, critical) });
  }

  /** The entry, for `CertificateRevocationListBuilder.addRevokedCertificate`. */
  build(): RevokedCertificate {
    const f = this.#fields;
    if (f.serialNumber === null) {
      throw new ValueError("A revoked certificate must have a serial number");
    }
    if (f.revocationDate === null) {
      throw new ValueError("A revoked certificate must have a revocation date");
    }
    return RevokedCertificate._wrap({
      serialNumber: toHex(f.serialNumber),
      revocationDate: f.revocationDate,
      extensions: extensionModels(f.extensions),
    });
  }
}

/**
 * A random serial number: 20 bytes from hazmat's OpenSSL RAND (the OS random engine while it
 * is active) shifted right by one bit, so it is positive and at most 159 bits, as PyCA's.
 */
export function randomSerialNumber(): bigint {
  const bytes = randomBytes(20);
  return BigInt(`0x${bytes.toString("hex")}`) >> 1n;
}
