/**
 * X.509 extensions (PyCA's `cryptography.x509.extensions`): {@link Extension},
 * {@link Extensions}, every extension value class with PyCA's argument rules, and the
 * conversions to and from the native model.
 *
 * ```ts
 * const ext = new Extension(ExtensionOID.BASIC_CONSTRAINTS, true, new BasicConstraints(true, 0));
 * new SubjectAlternativeName([new DNSName("example.com")]).getValuesForType(DNSName);
 * ```
 *
 * @module
 */
import { _Reasons, HazmatError, UnsupportedAlgorithm, ValueError } from "../exceptions.js";
import { fromHex, toHex } from "../lib/bigint.js";
import { callNative, native } from "../lib/native.js";
import { checkBytes, checkOptionalBytes, describeType, invalidType } from "../lib/validate.js";
import { HANDLE, PublicKeyObject } from "../primitives/asymmetric/base.js";
import {
  type HashAlgorithm,
  MD5,
  SHA1,
  SHA224,
  SHA256,
  SHA384,
  SHA512,
} from "../primitives/hashes.js";
import {
  DNSName,
  GeneralName,
  generalNameFromModel,
  generalNameToModel,
  IPAddress,
  IPv4Network,
  IPv6Network,
  OtherName,
} from "./general-name.js";
import type {
  AccessDescriptionModel,
  DistributionPointModel,
  ExtensionModel,
  ExtensionValueModel,
  PolicyInformationModel,
  PolicyQualifierModel,
  RdnModel,
  SctModel,
} from "./model.js";
import { checkEncodableText, RelativeDistinguishedName, rdnFromModel, rdnToModel } from "./name.js";
import { CRLEntryExtensionOID, checkOid, ExtensionOID, ObjectIdentifier } from "./oid.js";

// ---------------------------------------------------------------------------------------------
// Errors

/** Two extensions with the same OID (PyCA's `DuplicateExtension`); `oid` names it. */
export class DuplicateExtension extends HazmatError {
  readonly code = "ERR_HAZMAT_DUPLICATE_EXTENSION";
  readonly oid: ObjectIdentifier;

  constructor(message: string, oid: ObjectIdentifier) {
    super(message);
    this.oid = oid;
  }
}

/** No extension of the requested OID or class (PyCA's `ExtensionNotFound`). */
export class ExtensionNotFound extends HazmatError {
  readonly code = "ERR_HAZMAT_EXTENSION_NOT_FOUND";
  readonly oid: ObjectIdentifier;

  constructor(message: string, oid: ObjectIdentifier) {
    super(message);
    this.oid = oid;
  }
}

// ---------------------------------------------------------------------------------------------
// Shared checks and helpers

type Equatable = { equals(other: unknown): boolean };

function listEquals(a: readonly Equatable[] | null, b: readonly Equatable[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((x, i) => x.equals(b[i]));
}

function optionalEquals(a: Equatable | null, b: Equatable | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

function setEquals<T>(a: ReadonlySet<T> | null, b: ReadonlySet<T> | null): boolean {
  if (a === null || b === null) return a === b;
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function iterableToArray(name: string, items: unknown): unknown[] {
  if (
    items === null ||
    typeof items !== "object" ||
    typeof (items as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    throw invalidType(`${name} must be an iterable, got ${describeType(items)}`);
  }
  return [...(items as Iterable<unknown>)];
}

/** `items` as an array of `cls` instances, else a TypeError with `message`. */
function listOf<T>(
  name: string,
  items: unknown,
  cls: abstract new (...args: never[]) => T,
  message: string,
): T[] {
  const list = iterableToArray(name, items);
  if (!list.every((x) => x instanceof cls)) throw invalidType(message);
  return list as T[];
}

function optionalListOf<T>(
  name: string,
  items: unknown,
  cls: abstract new (...args: never[]) => T,
  message: string,
): T[] | null {
  return items === null || items === undefined ? null : listOf(name, items, cls, message);
}

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw invalidType(`${name} must be a boolean value, got ${describeType(value)}`);
  }
  return value;
}

/** A Python `int`: a bigint, or an integral number (converted). */
function checkBigint(name: string, value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  throw invalidType(
    `${name} must be an integer (a bigint or safe integer number), got ${
      typeof value === "number" ? value : describeType(value)
    }`,
  );
}

/** An integer that fits the model's `number` fields. */
function checkSmallInteger(name: string, value: unknown, what: string): number {
  if (
    typeof value === "bigint" &&
    value >= BigInt(Number.MIN_SAFE_INTEGER) &&
    value <= BigInt(Number.MAX_SAFE_INTEGER)
  ) {
    return Number(value);
  }
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  throw invalidType(
    `${name} must be ${what}, got ${typeof value === "number" ? value : describeType(value)}`,
  );
}

function hexToBuffer(hex: unknown): Buffer {
  if (typeof hex !== "string" || !/^(?:[0-9a-f]{2})*$/.test(hex)) {
    throw new ValueError("malformed bytes in the native model");
  }
  return Buffer.from(hex, "hex");
}

function checkDate(name: string, value: unknown): Date {
  if (!(value instanceof Date))
    throw invalidType(`${name} must be a Date, got ${describeType(value)}`);
  if (Number.isNaN(value.getTime())) throw new ValueError(`${name} is an invalid Date`);
  return new Date(value.getTime());
}

/** Python truthiness of an optional list or object argument. */
const truthy = (value: unknown): boolean =>
  value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

// ---------------------------------------------------------------------------------------------
// ExtensionType

/**
 * Base of every extension value (PyCA's `ExtensionType`). Each class has a static `oid`; the
 * instance getter returns it (for {@link UnrecognizedExtension}, the instance's own OID).
 */
export abstract class ExtensionType {
  /** The extension's OID. */
  get oid(): ObjectIdentifier {
    return (this.constructor as unknown as { oid: ObjectIdentifier }).oid;
  }

  /** Same class and value. */
  abstract equals(other: unknown): boolean;

  /**
   * The DER encoding of the value (the content of extnValue), as PyCA's `public_bytes`. A
   * value the codec cannot encode (a `PrecertificateSignedCertificateTimestamps` list, which
   * PyCA cannot encode either) is an `UnsupportedAlgorithm`.
   */
  publicBytes(): Buffer {
    const model: ExtensionModel = {
      oid: this.oid.dottedString,
      critical: false,
      value: extensionValueToModel(this),
    };
    return callNative(() => native.encodeExtensionValue(model));
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** An extension value class (used by {@link Extensions.getExtensionForClass}). */
export type ExtensionClass<T extends ExtensionType> = (abstract new (
  ...args: never[]
) => T) & { readonly oid: ObjectIdentifier };

// ---------------------------------------------------------------------------------------------
// Extension and Extensions

/** Values compare with their `equals`; anything else (PyCA does not check) by identity. */
function valueEquals(a: unknown, b: unknown): boolean {
  const candidate = a as Partial<Equatable> | null;
  return typeof candidate?.equals === "function" ? candidate.equals(b) : a === b;
}

/** One extension: OID, criticality and value (PyCA's `Extension`). */
export class Extension<T extends ExtensionType = ExtensionType> {
  readonly #oid: ObjectIdentifier;
  readonly #critical: boolean;
  readonly #value: T;

  constructor(oid: ObjectIdentifier, critical: boolean, value: T) {
    this.#oid = checkOid("oid", oid);
    this.#critical = checkBoolean("critical", critical);
    this.#value = value;
  }

  get oid(): ObjectIdentifier {
    return this.#oid;
  }

  get critical(): boolean {
    return this.#critical;
  }

  get value(): T {
    return this.#value;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof Extension &&
      other.#oid === this.#oid &&
      other.#critical === this.#critical &&
      valueEquals(this.#value, other.#value)
    );
  }

  toString(): string {
    return `<Extension(oid=${this.#oid}, critical=${this.#critical ? "True" : "False"}, value=${this.#value})>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/**
 * Base of the frozen sequences PyCA exposes as classes of their own ({@link Extensions},
 * {@link GeneralNames}): iterable, `length`, `at`, item-wise `equals`, `<Kind([...])>` repr.
 * `kind` is the concrete class, so equality and the repr name it rather than the base.
 */
abstract class FrozenList<T extends Equatable> implements Iterable<T> {
  readonly #kind: abstract new (
    ...args: never[]
  ) => FrozenList<T>;
  readonly #items: readonly T[];

  protected constructor(kind: abstract new (...args: never[]) => FrozenList<T>, items: T[]) {
    this.#kind = kind;
    this.#items = Object.freeze(items);
  }

  get length(): number {
    return this.#items.length;
  }

  /** The item at `index` (negative counts from the end), or undefined. */
  at(index: number): T | undefined {
    return this.#items.at(index);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#items[Symbol.iterator]();
  }

  equals(other: unknown): boolean {
    return (
      other instanceof this.#kind &&
      other instanceof FrozenList &&
      listEquals(this.#items, other.#items)
    );
  }

  toString(): string {
    return `<${this.#kind.name}([${this.#items.join(", ")}])>`;
  }
}

/** The extensions of a certificate, CSR, CRL or CRL entry (PyCA's `Extensions`). */
export class Extensions extends FrozenList<Extension> {
  constructor(extensions: Iterable<Extension>) {
    super(
      Extensions,
      listOf("extensions", extensions, Extension, "extensions must be a list of Extension"),
    );
  }

  /** The first extension with `oid`, else {@link ExtensionNotFound}. */
  getExtensionForOid(oid: ObjectIdentifier): Extension {
    const checked = checkOid("oid", oid);
    const found = [...this].find((e) => e.oid === checked);
    if (found === undefined)
      throw new ExtensionNotFound(`No ${checked} extension was found`, checked);
    return found;
  }

  /**
   * The first extension whose value is an instance of `extclass`, else
   * {@link ExtensionNotFound}. {@link UnrecognizedExtension} is a TypeError, as in PyCA
   * (several may be present).
   */
  getExtensionForClass<T extends ExtensionType>(extclass: ExtensionClass<T>): Extension<T> {
    if ((extclass as unknown) === UnrecognizedExtension) {
      throw invalidType(
        "UnrecognizedExtension can't be used with getExtensionForClass because more than one " +
          "instance of the class may be present.",
      );
    }
    if (typeof extclass !== "function" || !(extclass.prototype instanceof ExtensionType)) {
      throw invalidType(`extclass must be an ExtensionType class, got ${describeType(extclass)}`);
    }
    const found = [...this].find((e) => e.value instanceof extclass);
    if (found === undefined) {
      throw new ExtensionNotFound(`No ${extclass.name} extension was found`, extclass.oid);
    }
    return found as Extension<T>;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

// ---------------------------------------------------------------------------------------------
// Enums

/** Revocation reasons (PyCA's `ReasonFlags`); values are PyCA's strings. */
export enum ReasonFlags {
  unspecified = "unspecified",
  key_compromise = "keyCompromise",
  ca_compromise = "cACompromise",
  affiliation_changed = "affiliationChanged",
  superseded = "superseded",
  cessation_of_operation = "cessationOfOperation",
  certificate_hold = "certificateHold",
  privilege_withdrawn = "privilegeWithdrawn",
  aa_compromise = "aACompromise",
  remove_from_crl = "removeFromCRL",
}

const REASON_VALUES = new Set<string>(Object.values(ReasonFlags));

function reasonFromModel(value: unknown): ReasonFlags {
  if (typeof value !== "string" || !REASON_VALUES.has(value)) {
    throw new ValueError(`unknown revocation reason ${JSON.stringify(value)} in the native model`);
  }
  return value as ReasonFlags;
}

/** TLS feature extension values (PyCA's `TLSFeatureType`). */
export enum TLSFeatureType {
  /** OCSP Must-Staple (RFC 6066). */
  status_request = 5,
  /** Multiple OCSP responses (RFC 6961). */
  status_request_v2 = 17,
}

/** Reasons sets (PyCA's `frozenset[ReasonFlags]`): a Set, checked as PyCA checks them. */
function checkReasons(
  name: string,
  reasons: unknown,
  where: string,
): ReadonlySet<ReasonFlags> | null {
  if (reasons === null || reasons === undefined) return null;
  const isSet = reasons instanceof Set;
  if (isSet && reasons.size === 0) return new Set();
  if (!isSet || ![...reasons].every((r) => typeof r === "string" && REASON_VALUES.has(r))) {
    throw invalidType(`${name} must be null or a Set of ReasonFlags`);
  }
  const set = reasons as Set<ReasonFlags>;
  if (set.has(ReasonFlags.unspecified) || set.has(ReasonFlags.remove_from_crl)) {
    throw new ValueError(`unspecified and remove_from_crl are not valid reasons in ${where}`);
  }
  return new Set(set);
}

// ---------------------------------------------------------------------------------------------
// Simple value extensions

/** basicConstraints: whether the subject is a CA and its path length limit. */
export class BasicConstraints extends ExtensionType {
  static readonly oid = ExtensionOID.BASIC_CONSTRAINTS;
  readonly #ca: boolean;
  readonly #pathLength: number | null;

  /**
   * @param ca whether the subject is a CA.
   * @param pathLength null, or a non-negative integer when `ca` is true (ValueError when
   *   `ca` is false, TypeError when negative or not an integer, as in PyCA).
   */
  constructor(ca: boolean, pathLength: number | bigint | null) {
    super();
    this.#ca = checkBoolean("ca", ca);
    if (pathLength !== null && pathLength !== undefined && !ca) {
      throw new ValueError("path_length must be None when ca is False");
    }
    if (pathLength === null || pathLength === undefined) {
      this.#pathLength = null;
    } else {
      const n = checkSmallInteger("pathLength", pathLength, "a non-negative integer or null");
      if (n < 0) throw invalidType("pathLength must be a non-negative integer or null");
      this.#pathLength = n;
    }
  }

  get ca(): boolean {
    return this.#ca;
  }

  get pathLength(): number | null {
    return this.#pathLength;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof BasicConstraints &&
      other.#ca === this.#ca &&
      other.#pathLength === this.#pathLength
    );
  }

  override toString(): string {
    return `<BasicConstraints(ca=${this.#ca ? "True" : "False"}, path_length=${this.#pathLength ?? "None"})>`;
  }
}

/** The nine KeyUsage flags, for the options-object form of the constructor. */
export interface KeyUsageFlags {
  digitalSignature: boolean;
  contentCommitment: boolean;
  keyEncipherment: boolean;
  dataEncipherment: boolean;
  keyAgreement: boolean;
  keyCertSign: boolean;
  crlSign: boolean;
  encipherOnly: boolean;
  decipherOnly: boolean;
}

const KEY_USAGE_FLAGS = [
  "digitalSignature",
  "contentCommitment",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "crlSign",
  "encipherOnly",
  "decipherOnly",
] as const;

/** keyUsage: what the key may be used for. */
export class KeyUsage extends ExtensionType {
  static readonly oid = ExtensionOID.KEY_USAGE;
  readonly #flags: Readonly<KeyUsageFlags>;

  /** The nine flags in PyCA's order, or one object with all nine (camelCase). */
  constructor(flags: KeyUsageFlags);
  constructor(
    digitalSignature: boolean,
    contentCommitment: boolean,
    keyEncipherment: boolean,
    dataEncipherment: boolean,
    keyAgreement: boolean,
    keyCertSign: boolean,
    crlSign: boolean,
    encipherOnly: boolean,
    decipherOnly: boolean,
  );
  constructor(...args: unknown[]) {
    super();
    let values: unknown[];
    if (args.length === 1 && typeof args[0] === "object" && args[0] !== null) {
      const options = args[0] as Record<string, unknown>;
      values = KEY_USAGE_FLAGS.map((k) => options[k]);
    } else {
      if (args.length !== 9) {
        throw invalidType(
          `KeyUsage takes 9 booleans or one options object, got ${args.length} arguments`,
        );
      }
      values = args;
    }
    const flags = Object.fromEntries(
      KEY_USAGE_FLAGS.map((k, i) => [k, checkBoolean(k, values[i])]),
    ) as unknown as KeyUsageFlags;
    if (!flags.keyAgreement && (flags.encipherOnly || flags.decipherOnly)) {
      throw new ValueError(
        "encipher_only and decipher_only can only be true when key_agreement is true",
      );
    }
    this.#flags = Object.freeze(flags);
  }

  get digitalSignature(): boolean {
    return this.#flags.digitalSignature;
  }
  get contentCommitment(): boolean {
    return this.#flags.contentCommitment;
  }
  get keyEncipherment(): boolean {
    return this.#flags.keyEncipherment;
  }
  get dataEncipherment(): boolean {
    return this.#flags.dataEncipherment;
  }
  get keyAgreement(): boolean {
    return this.#flags.keyAgreement;
  }
  get keyCertSign(): boolean {
    return this.#flags.keyCertSign;
  }
  get crlSign(): boolean {
    return this.#flags.crlSign;
  }
  /** Undefined without keyAgreement: a ValueError then, as in PyCA. */
  get encipherOnly(): boolean {
    if (!this.#flags.keyAgreement) {
      throw new ValueError("encipher_only is undefined unless key_agreement is true");
    }
    return this.#flags.encipherOnly;
  }
  /** Undefined without keyAgreement: a ValueError then, as in PyCA. */
  get decipherOnly(): boolean {
    if (!this.#flags.keyAgreement) {
      throw new ValueError("decipher_only is undefined unless key_agreement is true");
    }
    return this.#flags.decipherOnly;
  }

  /** @internal all nine flags, without the keyAgreement rule of the getters. */
  _flags(): Readonly<KeyUsageFlags> {
    return this.#flags;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof KeyUsage && KEY_USAGE_FLAGS.every((k) => other.#flags[k] === this.#flags[k])
    );
  }

  override toString(): string {
    const py = (b: boolean) => (b ? "True" : "False");
    const f = this.#flags;
    return (
      `<KeyUsage(digital_signature=${py(f.digitalSignature)}, content_commitment=${py(f.contentCommitment)}, ` +
      `key_encipherment=${py(f.keyEncipherment)}, data_encipherment=${py(f.dataEncipherment)}, ` +
      `key_agreement=${py(f.keyAgreement)}, key_cert_sign=${py(f.keyCertSign)}, crl_sign=${py(f.crlSign)}, ` +
      `encipher_only=${py(f.keyAgreement && f.encipherOnly)}, decipher_only=${py(f.keyAgreement && f.decipherOnly)})>`
    );
  }
}

/** Item equality: `equals` for objects, `===` for enum numbers (TLSFeatureType). */
const itemEquals = (a: unknown, b: unknown) =>
  typeof a === "object" && a !== null ? (a as Equatable).equals(b) : a === b;

/** Base of the extensions that are a list of something (iterable, `length`, `at`). */
abstract class ListExtension<T> extends ExtensionType implements Iterable<T> {
  readonly #items: readonly T[];

  protected constructor(items: T[]) {
    super();
    this.#items = Object.freeze(items);
  }

  get length(): number {
    return this.#items.length;
  }

  /** The item at `index` (negative counts from the end), or undefined. */
  at(index: number): T | undefined {
    return this.#items.at(index);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#items[Symbol.iterator]();
  }

  equals(other: unknown): boolean {
    return (
      other instanceof ListExtension &&
      other.constructor === this.constructor &&
      other.#items.length === this.#items.length &&
      this.#items.every((item, i) => itemEquals(item, other.#items[i]))
    );
  }

  override toString(): string {
    return `<${this.constructor.name}([${this.#items.join(", ")}])>`;
  }
}

/** extendedKeyUsage: the purposes (OIDs) the key may be used for. */
export class ExtendedKeyUsage extends ListExtension<ObjectIdentifier> {
  static readonly oid = ExtensionOID.EXTENDED_KEY_USAGE;

  constructor(usages: Iterable<ObjectIdentifier>) {
    super(
      listOf(
        "usages",
        usages,
        ObjectIdentifier,
        "Every item in the usages list must be an ObjectIdentifier",
      ),
    );
  }
}

/** The values {@link GeneralNames.getValuesForType} returns for each general name class. */
export type GeneralNameValue<C> = C extends typeof OtherName
  ? OtherName
  : C extends abstract new (
        ...args: never[]
      ) => { readonly value: infer V }
    ? V
    : never;

/** A list of general names (PyCA's `GeneralNames`). */
export class GeneralNames extends FrozenList<GeneralName> {
  constructor(generalNames: Iterable<GeneralName>) {
    super(
      GeneralNames,
      listOf(
        "generalNames",
        generalNames,
        GeneralName,
        "Every item in the general_names list must be an object conforming to the GeneralName interface",
      ),
    );
  }

  /**
   * The values of the names of class `type` (strings for DNS/email/URI, Name, OID, IP
   * objects); OtherName instances themselves for OtherName, as in PyCA.
   */
  getValuesForType<C extends abstract new (...args: never[]) => GeneralName>(
    type: C,
  ): GeneralNameValue<C>[] {
    if (typeof type !== "function" || !(type.prototype instanceof GeneralName)) {
      throw invalidType(`type must be a GeneralName class, got ${describeType(type)}`);
    }
    const matching = [...this].filter((n) => n instanceof type);
    if ((type as unknown) === OtherName) return matching as GeneralNameValue<C>[];
    return matching.map((n) => n.value) as GeneralNameValue<C>[];
  }
}

/** Base of the extensions that are a {@link GeneralNames} list (SAN, IAN, CertificateIssuer). */
abstract class GeneralNamesExtension extends ListExtension<GeneralName> {
  readonly #names: GeneralNames;

  protected constructor(generalNames: Iterable<GeneralName>) {
    const names = new GeneralNames(generalNames);
    super([...names]);
    this.#names = names;
  }

  /** See {@link GeneralNames.getValuesForType}. */
  getValuesForType<C extends abstract new (...args: never[]) => GeneralName>(
    type: C,
  ): GeneralNameValue<C>[] {
    return this.#names.getValuesForType(type);
  }

  override toString(): string {
    return `<${this.constructor.name}(${this.#names})>`;
  }
}

/** subjectAltName. */
export class SubjectAlternativeName extends GeneralNamesExtension {
  static readonly oid = ExtensionOID.SUBJECT_ALTERNATIVE_NAME;

  constructor(generalNames: Iterable<GeneralName>) {
    super(generalNames);
  }
}

/** issuerAltName. */
export class IssuerAlternativeName extends GeneralNamesExtension {
  static readonly oid = ExtensionOID.ISSUER_ALTERNATIVE_NAME;

  constructor(generalNames: Iterable<GeneralName>) {
    super(generalNames);
  }
}

/** certificateIssuer (a CRL entry extension of indirect CRLs). */
export class CertificateIssuer extends GeneralNamesExtension {
  static readonly oid = CRLEntryExtensionOID.CERTIFICATE_ISSUER;

  constructor(generalNames: Iterable<GeneralName>) {
    super(generalNames);
  }
}

/** RFC 5280 4.2.1.2 method (1) key identifier of `publicKey`, computed natively. */
function keyIdentifierOf(publicKey: unknown): Buffer {
  if (!(publicKey instanceof PublicKeyObject)) {
    throw invalidType(`publicKey must be a public key object, got ${describeType(publicKey)}`);
  }
  return callNative(() => native.keyIdentifier(publicKey[HANDLE]));
}

/** subjectKeyIdentifier. */
export class SubjectKeyIdentifier extends ExtensionType {
  static readonly oid = ExtensionOID.SUBJECT_KEY_IDENTIFIER;
  readonly #digest: Buffer;

  /** @param digest the key identifier bytes. */
  constructor(digest: Uint8Array) {
    super();
    this.#digest = Buffer.from(checkBytes("digest", digest));
  }

  /** The SHA-1 of the key's subjectPublicKey bits (RFC 5280 4.2.1.2 (1)), as PyCA computes. */
  static fromPublicKey(publicKey: PublicKeyObject): SubjectKeyIdentifier {
    return new SubjectKeyIdentifier(keyIdentifierOf(publicKey));
  }

  get digest(): Buffer {
    return Buffer.from(this.#digest);
  }

  /** The same bytes as {@link SubjectKeyIdentifier.digest}. */
  get keyIdentifier(): Buffer {
    return Buffer.from(this.#digest);
  }

  equals(other: unknown): boolean {
    return other instanceof SubjectKeyIdentifier && other.#digest.equals(this.#digest);
  }

  override toString(): string {
    return `<SubjectKeyIdentifier(digest=b'${this.#digest.toString("hex")}')>`;
  }
}

/** authorityKeyIdentifier. */
export class AuthorityKeyIdentifier extends ExtensionType {
  static readonly oid = ExtensionOID.AUTHORITY_KEY_IDENTIFIER;
  readonly #keyIdentifier: Buffer | null;
  readonly #issuer: readonly GeneralName[] | null;
  readonly #serial: bigint | null;

  /**
   * @param keyIdentifier bytes or null.
   * @param authorityCertIssuer general names or null; present exactly when
   *   `authorityCertSerialNumber` is (ValueError otherwise).
   * @param authorityCertSerialNumber an integer or null.
   */
  constructor(
    keyIdentifier: Uint8Array | null,
    authorityCertIssuer: Iterable<GeneralName> | null,
    authorityCertSerialNumber: bigint | number | null,
  ) {
    super();
    const noIssuer = authorityCertIssuer === null || authorityCertIssuer === undefined;
    const noSerial = authorityCertSerialNumber === null || authorityCertSerialNumber === undefined;
    if (noIssuer !== noSerial) {
      throw new ValueError(
        "authority_cert_issuer and authority_cert_serial_number must both be present or both None",
      );
    }
    this.#issuer = noIssuer
      ? null
      : Object.freeze(
          listOf(
            "authorityCertIssuer",
            authorityCertIssuer,
            GeneralName,
            "authority_cert_issuer must be a list of GeneralName objects",
          ),
        );
    this.#serial = noSerial
      ? null
      : checkBigint("authorityCertSerialNumber", authorityCertSerialNumber);
    const ki = checkOptionalBytes("keyIdentifier", keyIdentifier);
    this.#keyIdentifier = ki === null ? null : Buffer.from(ki);
  }

  /** The key identifier of the issuer's public key, computed as SubjectKeyIdentifier does. */
  static fromIssuerPublicKey(publicKey: PublicKeyObject): AuthorityKeyIdentifier {
    return new AuthorityKeyIdentifier(keyIdentifierOf(publicKey), null, null);
  }

  /** The digest of the issuer's subjectKeyIdentifier. */
  static fromIssuerSubjectKeyIdentifier(ski: SubjectKeyIdentifier): AuthorityKeyIdentifier {
    if (!(ski instanceof SubjectKeyIdentifier)) {
      throw invalidType(`ski must be a SubjectKeyIdentifier, got ${describeType(ski)}`);
    }
    return new AuthorityKeyIdentifier(ski.digest, null, null);
  }

  get keyIdentifier(): Buffer | null {
    return this.#keyIdentifier === null ? null : Buffer.from(this.#keyIdentifier);
  }

  get authorityCertIssuer(): GeneralName[] | null {
    return this.#issuer === null ? null : [...this.#issuer];
  }

  get authorityCertSerialNumber(): bigint | null {
    return this.#serial;
  }

  equals(other: unknown): boolean {
    if (!(other instanceof AuthorityKeyIdentifier)) return false;
    const a = this.#keyIdentifier;
    const b = other.#keyIdentifier;
    return (
      (a === null || b === null ? a === b : a.equals(b)) &&
      listEquals(this.#issuer, other.#issuer) &&
      this.#serial === other.#serial
    );
  }

  override toString(): string {
    const ki = this.#keyIdentifier === null ? "None" : `b'${this.#keyIdentifier.toString("hex")}'`;
    const issuer = this.#issuer === null ? "None" : `[${this.#issuer.join(", ")}]`;
    return `<AuthorityKeyIdentifier(key_identifier=${ki}, authority_cert_issuer=${issuer}, authority_cert_serial_number=${this.#serial ?? "None"})>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Distribution points

/** One distribution point of CRLDistributionPoints / FreshestCRL (PyCA's `DistributionPoint`). */
export class DistributionPoint {
  readonly #fullName: readonly GeneralName[] | null;
  readonly #relativeName: RelativeDistinguishedName | null;
  readonly #reasons: ReadonlySet<ReasonFlags> | null;
  readonly #crlIssuer: readonly GeneralName[] | null;

  /**
   * @param fullName general names, or null; not together with `relativeName` (ValueError).
   * @param relativeName an RDN relative to the CRL issuer, or null.
   * @param reasons a Set of ReasonFlags (not unspecified or remove_from_crl: ValueError), or null.
   * @param crlIssuer general names, or null. One of fullName, relativeName and crlIssuer must be
   *   given (ValueError).
   */
  constructor(
    fullName: Iterable<GeneralName> | null,
    relativeName: RelativeDistinguishedName | null,
    reasons: ReadonlySet<ReasonFlags> | null,
    crlIssuer: Iterable<GeneralName> | null,
  ) {
    const full = optionalListOf(
      "fullName",
      fullName,
      GeneralName,
      "full_name must be a list of GeneralName objects",
    );
    if (truthy(full) && truthy(relativeName)) {
      throw new ValueError(
        "You cannot provide both full_name and relative_name, at least one must be None.",
      );
    }
    const issuer = optionalListOf(
      "crlIssuer",
      crlIssuer,
      GeneralName,
      "crl_issuer must be None or a list of general names",
    );
    if (!truthy(full) && !truthy(relativeName) && !truthy(issuer)) {
      throw new ValueError("Either full_name, relative_name or crl_issuer must be provided.");
    }
    if (truthy(relativeName) && !(relativeName instanceof RelativeDistinguishedName)) {
      throw invalidType("relative_name must be a RelativeDistinguishedName");
    }
    this.#fullName = full === null ? null : Object.freeze(full);
    this.#relativeName = relativeName ?? null;
    this.#reasons = checkReasons("reasons", reasons, "a DistributionPoint");
    this.#crlIssuer = issuer === null ? null : Object.freeze(issuer);
  }

  get fullName(): GeneralName[] | null {
    return this.#fullName === null ? null : [...this.#fullName];
  }

  get relativeName(): RelativeDistinguishedName | null {
    return this.#relativeName;
  }

  get reasons(): ReadonlySet<ReasonFlags> | null {
    return this.#reasons === null ? null : new Set(this.#reasons);
  }

  get crlIssuer(): GeneralName[] | null {
    return this.#crlIssuer === null ? null : [...this.#crlIssuer];
  }

  equals(other: unknown): boolean {
    return (
      other instanceof DistributionPoint &&
      listEquals(this.#fullName, other.#fullName) &&
      optionalEquals(this.#relativeName, other.#relativeName) &&
      setEquals(this.#reasons, other.#reasons) &&
      listEquals(this.#crlIssuer, other.#crlIssuer)
    );
  }

  toString(): string {
    const list = (l: readonly GeneralName[] | null) => (l === null ? "None" : `[${l.join(", ")}]`);
    const reasons = this.#reasons === null ? "None" : `{${[...this.#reasons].join(", ")}}`;
    return `<DistributionPoint(full_name=${list(this.#fullName)}, relative_name=${this.#relativeName ?? "None"}, reasons=${reasons}, crl_issuer=${list(this.#crlIssuer)})>`;
  }
}

const DP_MESSAGE = "distribution_points must be a list of DistributionPoint objects";

/** cRLDistributionPoints. */
export class CRLDistributionPoints extends ListExtension<DistributionPoint> {
  static readonly oid = ExtensionOID.CRL_DISTRIBUTION_POINTS;

  constructor(distributionPoints: Iterable<DistributionPoint>) {
    super(listOf("distributionPoints", distributionPoints, DistributionPoint, DP_MESSAGE));
  }
}

/** freshestCRL (delta CRL distribution points). */
export class FreshestCRL extends ListExtension<DistributionPoint> {
  static readonly oid = ExtensionOID.FRESHEST_CRL;

  constructor(distributionPoints: Iterable<DistributionPoint>) {
    super(listOf("distributionPoints", distributionPoints, DistributionPoint, DP_MESSAGE));
  }
}

// ---------------------------------------------------------------------------------------------
// Information access

/** One access method and location (PyCA's `AccessDescription`). */
export class AccessDescription {
  readonly #method: ObjectIdentifier;
  readonly #location: GeneralName;

  constructor(accessMethod: ObjectIdentifier, accessLocation: GeneralName) {
    this.#method = checkOid("accessMethod", accessMethod);
    if (!(accessLocation instanceof GeneralName)) {
      throw invalidType(
        `access_location must be a GeneralName, got ${describeType(accessLocation)}`,
      );
    }
    this.#location = accessLocation;
  }

  get accessMethod(): ObjectIdentifier {
    return this.#method;
  }

  get accessLocation(): GeneralName {
    return this.#location;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof AccessDescription &&
      other.#method === this.#method &&
      other.#location.equals(this.#location)
    );
  }

  toString(): string {
    return `<AccessDescription(access_method=${this.#method}, access_location=${this.#location})>`;
  }
}

const AD_MESSAGE = "Every item in the descriptions list must be an AccessDescription";

/** authorityInfoAccess. */
export class AuthorityInformationAccess extends ListExtension<AccessDescription> {
  static readonly oid = ExtensionOID.AUTHORITY_INFORMATION_ACCESS;

  constructor(descriptions: Iterable<AccessDescription>) {
    super(listOf("descriptions", descriptions, AccessDescription, AD_MESSAGE));
  }
}

/** subjectInfoAccess. */
export class SubjectInformationAccess extends ListExtension<AccessDescription> {
  static readonly oid = ExtensionOID.SUBJECT_INFORMATION_ACCESS;

  constructor(descriptions: Iterable<AccessDescription>) {
    super(listOf("descriptions", descriptions, AccessDescription, AD_MESSAGE));
  }
}

// ---------------------------------------------------------------------------------------------
// Constraints

/** nameConstraints: permitted and excluded subtrees. */
export class NameConstraints extends ExtensionType {
  static readonly oid = ExtensionOID.NAME_CONSTRAINTS;
  readonly #permitted: readonly GeneralName[] | null;
  readonly #excluded: readonly GeneralName[] | null;

  /**
   * @param permittedSubtrees non-empty general names, or null.
   * @param excludedSubtrees non-empty general names, or null; at least one of the two is
   *   required. IPAddress entries must hold networks (TypeError) and DNS names may not
   *   contain "*" (ValueError), as in PyCA.
   */
  constructor(
    permittedSubtrees: Iterable<GeneralName> | null,
    excludedSubtrees: Iterable<GeneralName> | null,
  ) {
    super();
    this.#permitted = NameConstraints.#tree("permitted_subtrees", permittedSubtrees);
    this.#excluded = NameConstraints.#tree("excluded_subtrees", excludedSubtrees);
    if (this.#permitted === null && this.#excluded === null) {
      throw new ValueError(
        "At least one of permitted_subtrees and excluded_subtrees must not be None",
      );
    }
  }

  static #tree(name: string, items: unknown): readonly GeneralName[] | null {
    if (items === null || items === undefined) return null;
    const list = iterableToArray(name, items);
    if (list.length === 0) throw new ValueError(`${name} must be a non-empty list or None`);
    if (!list.every((x) => x instanceof GeneralName)) {
      throw invalidType(`${name} must be a list of GeneralName objects or None`);
    }
    const tree = list as GeneralName[];
    for (const entry of tree) {
      if (
        entry instanceof IPAddress &&
        !(entry.value instanceof IPv4Network || entry.value instanceof IPv6Network)
      ) {
        throw invalidType(
          "IPAddress name constraints must be an IPv4Network or IPv6Network object",
        );
      }
    }
    if (tree.some((entry) => entry instanceof DNSName && entry.value.includes("*"))) {
      throw new ValueError("DNSName name constraints must not contain the '*' wildcard character");
    }
    return Object.freeze(tree);
  }

  get permittedSubtrees(): GeneralName[] | null {
    return this.#permitted === null ? null : [...this.#permitted];
  }

  get excludedSubtrees(): GeneralName[] | null {
    return this.#excluded === null ? null : [...this.#excluded];
  }

  equals(other: unknown): boolean {
    return (
      other instanceof NameConstraints &&
      listEquals(this.#permitted, other.#permitted) &&
      listEquals(this.#excluded, other.#excluded)
    );
  }

  override toString(): string {
    const list = (l: readonly GeneralName[] | null) => (l === null ? "None" : `[${l.join(", ")}]`);
    return `<NameConstraints(permitted_subtrees=${list(this.#permitted)}, excluded_subtrees=${list(this.#excluded)})>`;
  }
}

/** policyConstraints. */
export class PolicyConstraints extends ExtensionType {
  static readonly oid = ExtensionOID.POLICY_CONSTRAINTS;
  readonly #requireExplicitPolicy: number | null;
  readonly #inhibitPolicyMapping: number | null;

  /** At least one of the two must be non-null (ValueError). */
  constructor(
    requireExplicitPolicy: number | bigint | null,
    inhibitPolicyMapping: number | bigint | null,
  ) {
    super();
    const check = (name: string, value: unknown) =>
      value === null || value === undefined
        ? null
        : checkSmallInteger(name, value, "a non-negative integer or null");
    this.#requireExplicitPolicy = check("requireExplicitPolicy", requireExplicitPolicy);
    this.#inhibitPolicyMapping = check("inhibitPolicyMapping", inhibitPolicyMapping);
    if (this.#requireExplicitPolicy === null && this.#inhibitPolicyMapping === null) {
      throw new ValueError(
        "At least one of require_explicit_policy and inhibit_policy_mapping must not be None",
      );
    }
  }

  get requireExplicitPolicy(): number | null {
    return this.#requireExplicitPolicy;
  }

  get inhibitPolicyMapping(): number | null {
    return this.#inhibitPolicyMapping;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof PolicyConstraints &&
      other.#requireExplicitPolicy === this.#requireExplicitPolicy &&
      other.#inhibitPolicyMapping === this.#inhibitPolicyMapping
    );
  }

  override toString(): string {
    return `<PolicyConstraints(require_explicit_policy=${this.#requireExplicitPolicy ?? "None"}, inhibit_policy_mapping=${this.#inhibitPolicyMapping ?? "None"})>`;
  }
}

/** inhibitAnyPolicy. */
export class InhibitAnyPolicy extends ExtensionType {
  static readonly oid = ExtensionOID.INHIBIT_ANY_POLICY;
  readonly #skipCerts: number;

  /** @param skipCerts a non-negative integer (ValueError when negative). */
  constructor(skipCerts: number | bigint) {
    super();
    const n = checkSmallInteger("skipCerts", skipCerts, "an integer");
    if (n < 0) throw new ValueError("skip_certs must be a non-negative integer");
    this.#skipCerts = n;
  }

  get skipCerts(): number {
    return this.#skipCerts;
  }

  equals(other: unknown): boolean {
    return other instanceof InhibitAnyPolicy && other.#skipCerts === this.#skipCerts;
  }

  override toString(): string {
    return `<InhibitAnyPolicy(skip_certs=${this.#skipCerts})>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Certificate policies

/** A noticeRef of a user notice (PyCA's `NoticeReference`). */
export class NoticeReference {
  readonly #organization: string | null;
  readonly #numbers: readonly number[];

  constructor(organization: string | null, noticeNumbers: Iterable<number>) {
    if (organization !== null && organization !== undefined && typeof organization !== "string") {
      throw invalidType(`organization must be a string or null, got ${describeType(organization)}`);
    }
    const numbers = iterableToArray("noticeNumbers", noticeNumbers);
    if (!numbers.every((n) => typeof n === "number" && Number.isSafeInteger(n))) {
      throw invalidType("notice_numbers must be a list of integers");
    }
    this.#organization = organization ?? null;
    this.#numbers = Object.freeze(numbers as number[]);
  }

  get organization(): string | null {
    return this.#organization;
  }

  get noticeNumbers(): number[] {
    return [...this.#numbers];
  }

  equals(other: unknown): boolean {
    return (
      other instanceof NoticeReference &&
      other.#organization === this.#organization &&
      other.#numbers.length === this.#numbers.length &&
      other.#numbers.every((n, i) => n === this.#numbers[i])
    );
  }

  toString(): string {
    const org = this.#organization === null ? "None" : `'${this.#organization}'`;
    return `<NoticeReference(organization=${org}, notice_numbers=[${this.#numbers.join(", ")}])>`;
  }
}

/** A user notice policy qualifier (PyCA's `UserNotice`). */
export class UserNotice {
  readonly #reference: NoticeReference | null;
  readonly #text: string | null;

  constructor(noticeReference: NoticeReference | null, explicitText: string | null) {
    if (truthy(noticeReference) && !(noticeReference instanceof NoticeReference)) {
      throw invalidType("notice_reference must be None or a NoticeReference");
    }
    if (explicitText !== null && explicitText !== undefined && typeof explicitText !== "string") {
      throw invalidType(`explicitText must be a string or null, got ${describeType(explicitText)}`);
    }
    this.#reference = noticeReference ?? null;
    this.#text = explicitText ?? null;
  }

  get noticeReference(): NoticeReference | null {
    return this.#reference;
  }

  get explicitText(): string | null {
    return this.#text;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof UserNotice &&
      optionalEquals(this.#reference, other.#reference) &&
      other.#text === this.#text
    );
  }

  toString(): string {
    const text = this.#text === null ? "None" : `'${this.#text}'`;
    return `<UserNotice(notice_reference=${this.#reference ?? "None"}, explicit_text=${text})>`;
  }
}

/** One policy of CertificatePolicies (PyCA's `PolicyInformation`). */
export class PolicyInformation {
  readonly #identifier: ObjectIdentifier;
  readonly #qualifiers: readonly (string | UserNotice)[] | null;

  /** @param policyQualifiers CPS URIs (strings) and UserNotices, or null. */
  constructor(
    policyIdentifier: ObjectIdentifier,
    policyQualifiers: Iterable<string | UserNotice> | null,
  ) {
    this.#identifier = checkOid("policyIdentifier", policyIdentifier);
    if (policyQualifiers === null || policyQualifiers === undefined) {
      this.#qualifiers = null;
    } else {
      const list = iterableToArray("policyQualifiers", policyQualifiers);
      if (!list.every((q) => typeof q === "string" || q instanceof UserNotice)) {
        throw invalidType(
          "policy_qualifiers must be a list of strings and/or UserNotice objects or None",
        );
      }
      this.#qualifiers = Object.freeze(list as (string | UserNotice)[]);
    }
  }

  get policyIdentifier(): ObjectIdentifier {
    return this.#identifier;
  }

  get policyQualifiers(): (string | UserNotice)[] | null {
    return this.#qualifiers === null ? null : [...this.#qualifiers];
  }

  equals(other: unknown): boolean {
    if (!(other instanceof PolicyInformation) || other.#identifier !== this.#identifier) {
      return false;
    }
    const a = this.#qualifiers;
    const b = other.#qualifiers;
    if (a === null || b === null) return a === b;
    return (
      a.length === b.length &&
      a.every((q, i) => {
        const r = b[i];
        return typeof q === "string" ? q === r : q.equals(r);
      })
    );
  }

  toString(): string {
    const q =
      this.#qualifiers === null
        ? "None"
        : `[${this.#qualifiers.map((x) => (typeof x === "string" ? `'${x}'` : String(x))).join(", ")}]`;
    return `<PolicyInformation(policy_identifier=${this.#identifier}, policy_qualifiers=${q})>`;
  }
}

/** certificatePolicies. */
export class CertificatePolicies extends ListExtension<PolicyInformation> {
  static readonly oid = ExtensionOID.CERTIFICATE_POLICIES;

  constructor(policies: Iterable<PolicyInformation>) {
    super(
      listOf(
        "policies",
        policies,
        PolicyInformation,
        "Every item in the policies list must be a PolicyInformation",
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Flag extensions

/** OCSP no-check (id-pkix-ocsp-nocheck): a NULL value. */
export class OCSPNoCheck extends ExtensionType {
  static readonly oid = ExtensionOID.OCSP_NO_CHECK;

  equals(other: unknown): boolean {
    return other instanceof OCSPNoCheck;
  }

  override toString(): string {
    return "<OCSPNoCheck()>";
  }
}

/** The CT precertificate poison: a NULL value. */
export class PrecertPoison extends ExtensionType {
  static readonly oid = ExtensionOID.PRECERT_POISON;

  equals(other: unknown): boolean {
    return other instanceof PrecertPoison;
  }

  override toString(): string {
    return "<PrecertPoison()>";
  }
}

const TLS_FEATURES = new Set<number>([
  TLSFeatureType.status_request,
  TLSFeatureType.status_request_v2,
]);

/** TLS feature (RFC 7633), e.g. OCSP Must-Staple. */
export class TLSFeature extends ListExtension<TLSFeatureType> {
  static readonly oid = ExtensionOID.TLS_FEATURE;

  /** @param features a non-empty list of TLSFeatureType (TypeError otherwise, as in PyCA). */
  constructor(features: Iterable<TLSFeatureType>) {
    const list = iterableToArray("features", features);
    if (list.length === 0 || !list.every((f) => typeof f === "number" && TLS_FEATURES.has(f))) {
      throw invalidType("features must be a list of elements from the TLSFeatureType enum");
    }
    super(list as TLSFeatureType[]);
  }
}

// ---------------------------------------------------------------------------------------------
// Certificate transparency

/** Entry types of a signed certificate timestamp (PyCA's `LogEntryType`). */
export enum CTLogEntryType {
  X509_CERTIFICATE = 0,
  PRE_CERTIFICATE = 1,
}

/** SCT versions (PyCA's `certificate_transparency.Version`). */
export enum CTVersion {
  v1 = 0,
}

/** SCT signature algorithms, as TLS 1.2 numbers them (PyCA's `SignatureAlgorithm`). */
export enum CTSignatureAlgorithm {
  ANONYMOUS = 0,
  RSA = 1,
  DSA = 2,
  ECDSA = 3,
}

const TLS_HASHES: Record<number, () => HashAlgorithm> = {
  1: () => new MD5(),
  2: () => new SHA1(),
  3: () => new SHA224(),
  4: () => new SHA256(),
  5: () => new SHA384(),
  6: () => new SHA512(),
};

/**
 * A signed certificate timestamp (PyCA's `SignedCertificateTimestamp`). Instances come from
 * parsed certificates; there is no public constructor in PyCA either.
 */
export class SignedCertificateTimestamp {
  readonly #model: Readonly<SctModel>;

  /** @internal use {@link extensionFromModel}. */
  constructor(model: SctModel) {
    const ok =
      typeof model === "object" &&
      model !== null &&
      Number.isInteger(model.version) &&
      Number.isSafeInteger(model.timestamp) &&
      Number.isInteger(model.hashAlgorithm) &&
      Number.isInteger(model.signatureAlgorithm);
    if (!ok) throw new ValueError("malformed signed certificate timestamp in the native model");
    // Checked now so a bad model fails at construction, not at first property access.
    hexToBuffer(model.logId);
    hexToBuffer(model.signature);
    hexToBuffer(model.extensionBytes);
    this.#model = Object.freeze({ ...model });
  }

  /** The SCT version (v1 is the only one defined). */
  get version(): CTVersion {
    if (this.#model.version !== CTVersion.v1) {
      throw new ValueError(`unknown SCT version ${this.#model.version}`);
    }
    return CTVersion.v1;
  }

  /** The SHA-256 of the log's public key. */
  get logId(): Buffer {
    return hexToBuffer(this.#model.logId);
  }

  /** When the log issued the timestamp (millisecond precision). */
  get timestamp(): Date {
    return new Date(this.#model.timestamp);
  }

  /** Always PRE_CERTIFICATE for the SCTs of a certificate's extension. */
  get entryType(): CTLogEntryType {
    return CTLogEntryType.PRE_CERTIFICATE;
  }

  /** The hash of the SCT signature; an unknown TLS hash number is UnsupportedAlgorithm. */
  get signatureHashAlgorithm(): HashAlgorithm {
    const make = TLS_HASHES[this.#model.hashAlgorithm];
    if (make === undefined) {
      throw new UnsupportedAlgorithm(
        `SCT hash algorithm ${this.#model.hashAlgorithm} is not supported`,
        _Reasons.UNSUPPORTED_HASH,
      );
    }
    return make();
  }

  /** The signature algorithm of the SCT signature. */
  get signatureAlgorithm(): CTSignatureAlgorithm {
    const value = this.#model.signatureAlgorithm;
    if (!(value in CTSignatureAlgorithm)) {
      throw new ValueError(`unknown SCT signature algorithm ${value}`);
    }
    return value as CTSignatureAlgorithm;
  }

  /** The log's signature. */
  get signature(): Buffer {
    return hexToBuffer(this.#model.signature);
  }

  /** The SCT's extensions field (raw bytes). */
  get extensionBytes(): Buffer {
    return hexToBuffer(this.#model.extensionBytes);
  }

  /** @internal */
  _toModel(): SctModel {
    return { ...this.#model };
  }

  equals(other: unknown): boolean {
    if (!(other instanceof SignedCertificateTimestamp)) return false;
    const a = this.#model;
    const b = other.#model;
    return (
      a.version === b.version &&
      a.logId === b.logId &&
      a.timestamp === b.timestamp &&
      a.hashAlgorithm === b.hashAlgorithm &&
      a.signatureAlgorithm === b.signatureAlgorithm &&
      a.signature === b.signature &&
      a.extensionBytes === b.extensionBytes
    );
  }

  toString(): string {
    return `<SignedCertificateTimestamp(version=${this.#model.version}, log_id=${this.#model.logId}, timestamp=${this.timestamp.toISOString()})>`;
  }
}

/** PyCA's `x509.certificate_transparency` module. */
export const certificate_transparency = Object.freeze({
  LogEntryType: CTLogEntryType,
  Version: CTVersion,
  SignatureAlgorithm: CTSignatureAlgorithm,
  SignedCertificateTimestamp,
});

/** The SCT list of a precertificate. */
export class PrecertificateSignedCertificateTimestamps extends ListExtension<SignedCertificateTimestamp> {
  static readonly oid = ExtensionOID.PRECERT_SIGNED_CERTIFICATE_TIMESTAMPS;

  constructor(signedCertificateTimestamps: Iterable<SignedCertificateTimestamp>) {
    super(
      listOf(
        "signedCertificateTimestamps",
        signedCertificateTimestamps,
        SignedCertificateTimestamp,
        "Every item in the signed_certificate_timestamps list must be a SignedCertificateTimestamp",
      ),
    );
  }

  /**
   * The OCTET STRING holding the TLS-encoded SignedCertificateTimestampList (RFC 6962 3.3),
   * written here because the codec only parses SCT lists. Each SCT is the TLS structure the
   * codec read, so a list read from a certificate gives back its bytes, as PyCA's does.
   */
  override publicBytes(): Buffer {
    const scts = [...this].map((sct) => {
      const m = sct._toModel();
      const timestamp = Buffer.alloc(8);
      timestamp.writeBigUInt64BE(BigInt(m.timestamp));
      return tlsVector(
        Buffer.concat([
          Buffer.from([m.version]),
          hexToBuffer(m.logId),
          timestamp,
          tlsVector(hexToBuffer(m.extensionBytes)),
          Buffer.from([m.hashAlgorithm, m.signatureAlgorithm]),
          tlsVector(hexToBuffer(m.signature)),
        ]),
      );
    });
    const list = tlsVector(Buffer.concat(scts));
    // DER length: short form, or the big-endian byte count after 0x80 | count.
    const digits: number[] = [];
    for (let rest = list.length; rest > 0; rest >>= 8) digits.unshift(rest & 0xff);
    const length = list.length < 0x80 ? [list.length] : [0x80 | digits.length, ...digits];
    return Buffer.concat([Buffer.from([0x04, ...length]), list]);
  }
}

/** `body` behind its two-byte TLS length; longer than a TLS vector allows is a ValueError. */
function tlsVector(body: Buffer): Buffer {
  if (body.length > 0xffff) {
    throw new ValueError("a signed certificate timestamp list field exceeds 65535 bytes");
  }
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length);
  return Buffer.concat([length, body]);
}

// ---------------------------------------------------------------------------------------------
// CRL extensions

/** cRLNumber. */
export class CRLNumber extends ExtensionType {
  static readonly oid = ExtensionOID.CRL_NUMBER;
  readonly #crlNumber: bigint;

  constructor(crlNumber: bigint | number) {
    super();
    this.#crlNumber = checkBigint("crlNumber", crlNumber);
  }

  get crlNumber(): bigint {
    return this.#crlNumber;
  }

  equals(other: unknown): boolean {
    return other instanceof CRLNumber && other.#crlNumber === this.#crlNumber;
  }

  override toString(): string {
    return `<CRLNumber(${this.#crlNumber})>`;
  }
}

/** deltaCRLIndicator: the CRL number of the base CRL. */
export class DeltaCRLIndicator extends ExtensionType {
  static readonly oid = ExtensionOID.DELTA_CRL_INDICATOR;
  readonly #crlNumber: bigint;

  constructor(crlNumber: bigint | number) {
    super();
    this.#crlNumber = checkBigint("crlNumber", crlNumber);
  }

  get crlNumber(): bigint {
    return this.#crlNumber;
  }

  equals(other: unknown): boolean {
    return other instanceof DeltaCRLIndicator && other.#crlNumber === this.#crlNumber;
  }

  override toString(): string {
    return `<DeltaCRLIndicator(crl_number=${this.#crlNumber})>`;
  }
}

/** issuingDistributionPoint of a CRL. */
export class IssuingDistributionPoint extends ExtensionType {
  static readonly oid = ExtensionOID.ISSUING_DISTRIBUTION_POINT;
  readonly #fullName: readonly GeneralName[] | null;
  readonly #relativeName: RelativeDistinguishedName | null;
  readonly #userCerts: boolean;
  readonly #caCerts: boolean;
  readonly #reasons: ReadonlySet<ReasonFlags> | null;
  readonly #indirect: boolean;
  readonly #attributeCerts: boolean;

  /**
   * PyCA's rules: at most one of the three "only contains" flags; reasons without unspecified
   * and remove_from_crl; and not everything empty (each a ValueError).
   */
  constructor(
    fullName: Iterable<GeneralName> | null,
    relativeName: RelativeDistinguishedName | null,
    onlyContainsUserCerts: boolean,
    onlyContainsCaCerts: boolean,
    onlySomeReasons: ReadonlySet<ReasonFlags> | null,
    indirectCrl: boolean,
    onlyContainsAttributeCerts: boolean,
  ) {
    super();
    const full = optionalListOf(
      "fullName",
      fullName,
      GeneralName,
      "full_name must be a list of GeneralName objects",
    );
    const reasons = checkReasons("onlySomeReasons", onlySomeReasons, "an IssuingDistributionPoint");
    const flags = [
      onlyContainsUserCerts,
      onlyContainsCaCerts,
      indirectCrl,
      onlyContainsAttributeCerts,
    ];
    if (!flags.every((f) => typeof f === "boolean")) {
      throw invalidType(
        "only_contains_user_certs, only_contains_ca_certs, indirect_crl and " +
          "only_contains_attribute_certs must all be boolean.",
      );
    }
    if (
      relativeName !== null &&
      relativeName !== undefined &&
      !(relativeName instanceof RelativeDistinguishedName)
    ) {
      throw invalidType("relative_name must be a RelativeDistinguishedName");
    }
    if (
      [onlyContainsUserCerts, onlyContainsCaCerts, onlyContainsAttributeCerts].filter(Boolean)
        .length > 1
    ) {
      throw new ValueError(
        "Only one of the following can be set to True: only_contains_user_certs, " +
          "only_contains_ca_certs, only_contains_attribute_certs",
      );
    }
    if (
      !flags.some(Boolean) &&
      !truthy(full) &&
      !truthy(relativeName) &&
      !(reasons !== null && reasons.size > 0)
    ) {
      throw new ValueError(
        "Cannot create empty extension: if only_contains_user_certs, only_contains_ca_certs, " +
          "indirect_crl, and only_contains_attribute_certs are all False, then either " +
          "full_name, relative_name, or only_some_reasons must have a value.",
      );
    }
    this.#fullName = full === null ? null : Object.freeze(full);
    this.#relativeName = relativeName ?? null;
    this.#userCerts = onlyContainsUserCerts;
    this.#caCerts = onlyContainsCaCerts;
    this.#reasons = reasons;
    this.#indirect = indirectCrl;
    this.#attributeCerts = onlyContainsAttributeCerts;
  }

  get fullName(): GeneralName[] | null {
    return this.#fullName === null ? null : [...this.#fullName];
  }
  get relativeName(): RelativeDistinguishedName | null {
    return this.#relativeName;
  }
  get onlyContainsUserCerts(): boolean {
    return this.#userCerts;
  }
  get onlyContainsCaCerts(): boolean {
    return this.#caCerts;
  }
  get onlySomeReasons(): ReadonlySet<ReasonFlags> | null {
    return this.#reasons === null ? null : new Set(this.#reasons);
  }
  get indirectCrl(): boolean {
    return this.#indirect;
  }
  get onlyContainsAttributeCerts(): boolean {
    return this.#attributeCerts;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof IssuingDistributionPoint &&
      listEquals(this.#fullName, other.#fullName) &&
      optionalEquals(this.#relativeName, other.#relativeName) &&
      this.#userCerts === other.#userCerts &&
      this.#caCerts === other.#caCerts &&
      setEquals(this.#reasons, other.#reasons) &&
      this.#indirect === other.#indirect &&
      this.#attributeCerts === other.#attributeCerts
    );
  }

  override toString(): string {
    const py = (b: boolean) => (b ? "True" : "False");
    const full = this.#fullName === null ? "None" : `[${this.#fullName.join(", ")}]`;
    const reasons = this.#reasons === null ? "None" : `{${[...this.#reasons].join(", ")}}`;
    return (
      `<IssuingDistributionPoint(full_name=${full}, relative_name=${this.#relativeName ?? "None"}, ` +
      `only_contains_user_certs=${py(this.#userCerts)}, only_contains_ca_certs=${py(this.#caCerts)}, ` +
      `only_some_reasons=${reasons}, indirect_crl=${py(this.#indirect)}, ` +
      `only_contains_attribute_certs=${py(this.#attributeCerts)})>`
    );
  }
}

/** cRLReason of a CRL entry. */
export class CRLReason extends ExtensionType {
  static readonly oid = CRLEntryExtensionOID.CRL_REASON;
  readonly #reason: ReasonFlags;

  constructor(reason: ReasonFlags) {
    super();
    if (typeof reason !== "string" || !REASON_VALUES.has(reason)) {
      throw invalidType("reason must be an element from ReasonFlags");
    }
    this.#reason = reason;
  }

  get reason(): ReasonFlags {
    return this.#reason;
  }

  equals(other: unknown): boolean {
    return other instanceof CRLReason && other.#reason === this.#reason;
  }

  override toString(): string {
    return `<CRLReason(reason=${this.#reason})>`;
  }
}

/** invalidityDate of a CRL entry. */
export class InvalidityDate extends ExtensionType {
  static readonly oid = CRLEntryExtensionOID.INVALIDITY_DATE;
  readonly #date: Date;

  constructor(invalidityDate: Date) {
    super();
    this.#date = checkDate("invalidityDate", invalidityDate);
  }

  get invalidityDate(): Date {
    return new Date(this.#date.getTime());
  }

  /** The same instant (JS Dates are always UTC instants). */
  get invalidityDateUtc(): Date {
    return new Date(this.#date.getTime());
  }

  equals(other: unknown): boolean {
    return other instanceof InvalidityDate && other.#date.getTime() === this.#date.getTime();
  }

  override toString(): string {
    return `<InvalidityDate(invalidity_date=${this.#date.toISOString()})>`;
  }
}

/** An extension hazmat does not parse: its OID and raw extnValue. */
export class UnrecognizedExtension extends ExtensionType {
  readonly #oid: ObjectIdentifier;
  readonly #value: Buffer;

  constructor(oid: ObjectIdentifier, value: Uint8Array) {
    super();
    this.#oid = checkOid("oid", oid);
    this.#value = Buffer.from(checkBytes("value", value));
  }

  override get oid(): ObjectIdentifier {
    return this.#oid;
  }

  get value(): Buffer {
    return Buffer.from(this.#value);
  }

  /** The raw value, as PyCA returns it. */
  override publicBytes(): Buffer {
    return Buffer.from(this.#value);
  }

  equals(other: unknown): boolean {
    return (
      other instanceof UnrecognizedExtension &&
      other.#oid === this.#oid &&
      other.#value.equals(this.#value)
    );
  }

  override toString(): string {
    return `<UnrecognizedExtension(oid=${this.#oid}, value=b'${this.#value.toString("hex")}')>`;
  }
}

// ---------------------------------------------------------------------------------------------
// Model conversion

const namesToModel = (names: readonly GeneralName[] | Iterable<GeneralName>) =>
  [...names].map(generalNameToModel);
const optionalNamesToModel = (names: readonly GeneralName[] | null) =>
  names === null ? null : namesToModel(names);
const reasonsToModel = (reasons: ReadonlySet<ReasonFlags> | null) =>
  reasons === null ? null : [...reasons];

function distributionPointToModel(point: DistributionPoint): DistributionPointModel {
  return {
    fullName: optionalNamesToModel(point.fullName),
    relativeName: point.relativeName === null ? null : rdnToModel(point.relativeName),
    reasons: reasonsToModel(point.reasons),
    crlIssuer: optionalNamesToModel(point.crlIssuer),
  };
}

function accessDescriptionToModel(d: AccessDescription): AccessDescriptionModel {
  return { method: d.accessMethod.dottedString, location: generalNameToModel(d.accessLocation) };
}

function policyToModel(p: PolicyInformation): PolicyInformationModel {
  const qualifiers = p.policyQualifiers;
  return {
    oid: p.policyIdentifier.dottedString,
    qualifiers:
      qualifiers === null
        ? null
        : qualifiers.map((q): PolicyQualifierModel => {
            if (typeof q === "string") {
              return { type: "cps", uri: checkEncodableText("a CPS URI", q) };
            }
            const ref = q.noticeReference;
            if (ref !== null && ref.organization === null) {
              // PyCA fails the same way (TypeError) when it encodes one.
              throw invalidType("a NoticeReference needs an organization string to be encoded");
            }
            return {
              type: "userNotice",
              noticeReference:
                ref === null
                  ? null
                  : {
                      organization: checkEncodableText("organization", ref.organization as string),
                      noticeNumbers: ref.noticeNumbers,
                    },
              explicitText:
                q.explicitText === null ? null : checkEncodableText("explicitText", q.explicitText),
            };
          }),
  };
}

/**
 * The model of one extension value. A value that is not one of the classes above is a
 * TypeError. @internal
 */
export function extensionValueToModel(value: ExtensionType): ExtensionValueModel {
  if (value instanceof BasicConstraints) {
    return { type: "BasicConstraints", ca: value.ca, pathLength: value.pathLength };
  }
  if (value instanceof KeyUsage) return { type: "KeyUsage", ...value._flags() };
  if (value instanceof ExtendedKeyUsage) {
    return { type: "ExtendedKeyUsage", usages: [...value].map((o) => o.dottedString) };
  }
  if (value instanceof SubjectAlternativeName) {
    return { type: "SubjectAlternativeName", names: namesToModel(value) };
  }
  if (value instanceof IssuerAlternativeName) {
    return { type: "IssuerAlternativeName", names: namesToModel(value) };
  }
  if (value instanceof CertificateIssuer) {
    return { type: "CertificateIssuer", names: namesToModel(value) };
  }
  if (value instanceof SubjectKeyIdentifier) {
    return { type: "SubjectKeyIdentifier", digest: value.digest.toString("hex") };
  }
  if (value instanceof AuthorityKeyIdentifier) {
    const serial = value.authorityCertSerialNumber;
    return {
      type: "AuthorityKeyIdentifier",
      keyIdentifier: value.keyIdentifier?.toString("hex") ?? null,
      authorityCertIssuer: optionalNamesToModel(value.authorityCertIssuer),
      authorityCertSerialNumber: serial === null ? null : toHex(serial),
    };
  }
  if (value instanceof CRLDistributionPoints) {
    return { type: "CRLDistributionPoints", points: [...value].map(distributionPointToModel) };
  }
  if (value instanceof FreshestCRL) {
    return { type: "FreshestCRL", points: [...value].map(distributionPointToModel) };
  }
  if (value instanceof AuthorityInformationAccess) {
    return {
      type: "AuthorityInformationAccess",
      descriptions: [...value].map(accessDescriptionToModel),
    };
  }
  if (value instanceof SubjectInformationAccess) {
    return {
      type: "SubjectInformationAccess",
      descriptions: [...value].map(accessDescriptionToModel),
    };
  }
  if (value instanceof NameConstraints) {
    return {
      type: "NameConstraints",
      permitted: optionalNamesToModel(value.permittedSubtrees),
      excluded: optionalNamesToModel(value.excludedSubtrees),
    };
  }
  if (value instanceof PolicyConstraints) {
    return {
      type: "PolicyConstraints",
      requireExplicitPolicy: value.requireExplicitPolicy,
      inhibitPolicyMapping: value.inhibitPolicyMapping,
    };
  }
  if (value instanceof InhibitAnyPolicy) {
    return { type: "InhibitAnyPolicy", skipCerts: value.skipCerts };
  }
  if (value instanceof CertificatePolicies) {
    return { type: "CertificatePolicies", policies: [...value].map(policyToModel) };
  }
  if (value instanceof OCSPNoCheck) return { type: "OCSPNoCheck" };
  if (value instanceof PrecertPoison) return { type: "PrecertPoison" };
  if (value instanceof TLSFeature) return { type: "TLSFeature", features: [...value] };
  if (value instanceof PrecertificateSignedCertificateTimestamps) {
    return {
      type: "PrecertificateSignedCertificateTimestamps",
      scts: [...value].map((s) => s._toModel()),
    };
  }
  if (value instanceof CRLNumber) {
    return { type: "CRLNumber", crlNumber: toHex(value.crlNumber) };
  }
  if (value instanceof DeltaCRLIndicator) {
    return { type: "DeltaCRLIndex", crlNumber: toHex(value.crlNumber) };
  }
  if (value instanceof IssuingDistributionPoint) {
    return {
      type: "IssuingDistributionPoint",
      fullName: optionalNamesToModel(value.fullName),
      relativeName: value.relativeName === null ? null : rdnToModel(value.relativeName),
      onlyContainsUserCerts: value.onlyContainsUserCerts,
      onlyContainsCACerts: value.onlyContainsCaCerts,
      onlySomeReasons: reasonsToModel(value.onlySomeReasons),
      indirectCRL: value.indirectCrl,
      onlyContainsAttributeCerts: value.onlyContainsAttributeCerts,
    };
  }
  if (value instanceof CRLReason) return { type: "CRLReason", reason: value.reason };
  if (value instanceof InvalidityDate) {
    return { type: "InvalidityDate", date: value.invalidityDate.getTime() };
  }
  if (value instanceof UnrecognizedExtension) {
    return { type: "UnrecognizedExtension", value: value.value.toString("hex") };
  }
  throw invalidType(
    `an extension value hazmat can encode was expected, got ${describeType(value)}`,
  );
}

/** An extension as the native model. @internal */
export function extensionToModel(extension: Extension): ExtensionModel {
  if (!(extension instanceof Extension)) {
    throw invalidType(`extension must be an Extension, got ${describeType(extension)}`);
  }
  return {
    oid: extension.oid.dottedString,
    critical: extension.critical,
    value: extensionValueToModel(extension.value),
  };
}

function arrayOrNull<T>(value: unknown, convert: (item: never) => T): T[] | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) throw new ValueError("malformed list in the native model");
  return value.map((item) => convert(item as never));
}

function array<T>(value: unknown, convert: (item: never) => T): T[] {
  const list = arrayOrNull(value, convert);
  if (list === null) throw new ValueError("missing list in the native model");
  return list;
}

const namesFromModel = (value: unknown) => arrayOrNull(value, generalNameFromModel);

function reasonsFromModel(value: unknown): ReadonlySet<ReasonFlags> | null {
  const list = arrayOrNull(value, reasonFromModel);
  return list === null ? null : new Set(list);
}

function rdnOrNull(value: unknown): RelativeDistinguishedName | null {
  return value === null || value === undefined ? null : rdnFromModel(value as RdnModel);
}

function distributionPointFromModel(m: DistributionPointModel): DistributionPoint {
  return new DistributionPoint(
    namesFromModel(m.fullName),
    rdnOrNull(m.relativeName),
    reasonsFromModel(m.reasons),
    namesFromModel(m.crlIssuer),
  );
}

function accessDescriptionFromModel(m: AccessDescriptionModel): AccessDescription {
  if (typeof m !== "object" || m === null || typeof m.method !== "string") {
    throw new ValueError("malformed access description in the native model");
  }
  return new AccessDescription(new ObjectIdentifier(m.method), generalNameFromModel(m.location));
}

function qualifierFromModel(q: PolicyQualifierModel): string | UserNotice {
  if (typeof q !== "object" || q === null) throw new ValueError("malformed policy qualifier");
  if (q.type === "cps") {
    if (typeof q.uri !== "string") throw new ValueError("malformed CPS qualifier");
    return q.uri;
  }
  if (q.type === "userNotice") {
    const ref = q.noticeReference;
    return new UserNotice(
      ref === null || ref === undefined
        ? null
        : new NoticeReference(
            ref.organization,
            array(ref.noticeNumbers, (n: number) => n),
          ),
      q.explicitText ?? null,
    );
  }
  throw new ValueError("unknown policy qualifier type in the native model");
}

function policyFromModel(m: PolicyInformationModel): PolicyInformation {
  if (typeof m !== "object" || m === null || typeof m.oid !== "string") {
    throw new ValueError("malformed policy information in the native model");
  }
  return new PolicyInformation(
    new ObjectIdentifier(m.oid),
    arrayOrNull(m.qualifiers, qualifierFromModel),
  );
}

function valueFromModel(oid: ObjectIdentifier, m: ExtensionValueModel): ExtensionType {
  switch (m.type) {
    case "BasicConstraints":
      return new BasicConstraints(m.ca, m.pathLength);
    case "KeyUsage":
      return new KeyUsage(m);
    case "ExtendedKeyUsage":
      return new ExtendedKeyUsage(array(m.usages, (s: string) => new ObjectIdentifier(s)));
    case "SubjectAlternativeName":
      return new SubjectAlternativeName(array(m.names, generalNameFromModel));
    case "IssuerAlternativeName":
      return new IssuerAlternativeName(array(m.names, generalNameFromModel));
    case "CertificateIssuer":
      return new CertificateIssuer(array(m.names, generalNameFromModel));
    case "SubjectKeyIdentifier":
      return new SubjectKeyIdentifier(hexToBuffer(m.digest));
    case "AuthorityKeyIdentifier":
      return new AuthorityKeyIdentifier(
        m.keyIdentifier === null ? null : hexToBuffer(m.keyIdentifier),
        namesFromModel(m.authorityCertIssuer),
        m.authorityCertSerialNumber === null ? null : fromHex(m.authorityCertSerialNumber),
      );
    case "CRLDistributionPoints":
      return new CRLDistributionPoints(array(m.points, distributionPointFromModel));
    case "FreshestCRL":
      return new FreshestCRL(array(m.points, distributionPointFromModel));
    case "AuthorityInformationAccess":
      return new AuthorityInformationAccess(array(m.descriptions, accessDescriptionFromModel));
    case "SubjectInformationAccess":
      return new SubjectInformationAccess(array(m.descriptions, accessDescriptionFromModel));
    case "NameConstraints":
      return new NameConstraints(namesFromModel(m.permitted), namesFromModel(m.excluded));
    case "PolicyConstraints":
      return new PolicyConstraints(m.requireExplicitPolicy, m.inhibitPolicyMapping);
    case "InhibitAnyPolicy":
      return new InhibitAnyPolicy(m.skipCerts);
    case "CertificatePolicies":
      return new CertificatePolicies(array(m.policies, policyFromModel));
    case "OCSPNoCheck":
      return new OCSPNoCheck();
    case "PrecertPoison":
      return new PrecertPoison();
    case "TLSFeature":
      return new TLSFeature(array(m.features, (f: number) => f));
    case "PrecertificateSignedCertificateTimestamps":
      return new PrecertificateSignedCertificateTimestamps(
        array(m.scts, (s: SctModel) => new SignedCertificateTimestamp(s)),
      );
    case "CRLNumber":
      return new CRLNumber(fromHex(m.crlNumber));
    case "DeltaCRLIndex":
      return new DeltaCRLIndicator(fromHex(m.crlNumber));
    case "IssuingDistributionPoint":
      return new IssuingDistributionPoint(
        namesFromModel(m.fullName),
        rdnOrNull(m.relativeName),
        m.onlyContainsUserCerts,
        m.onlyContainsCACerts,
        reasonsFromModel(m.onlySomeReasons),
        m.indirectCRL,
        m.onlyContainsAttributeCerts,
      );
    case "CRLReason":
      return new CRLReason(reasonFromModel(m.reason));
    case "InvalidityDate":
      if (!Number.isSafeInteger(m.date)) throw new ValueError("malformed invalidity date");
      return new InvalidityDate(new Date(m.date));
    case "UnrecognizedExtension":
      return new UnrecognizedExtension(oid, hexToBuffer(m.value));
    default:
      throw new ValueError(
        `unknown extension value type ${JSON.stringify((m as { type?: unknown }).type)} in the native model`,
      );
  }
}

/**
 * An extension value from the native model (`oid` is the extension's). A malformed model, or
 * a value PyCA's constructors reject, is a ValueError naming the extension. @internal
 */
export function extensionValueFromModel(
  oid: ObjectIdentifier,
  model: ExtensionValueModel,
): ExtensionType {
  if (typeof model !== "object" || model === null) {
    throw new ValueError(`malformed value of extension ${oid.dottedString} in the native model`);
  }
  try {
    return valueFromModel(oid, model);
  } catch (error) {
    // Parsed data that fails a constructor's type rule is malformed input, not a caller bug.
    if (error instanceof TypeError) {
      throw new ValueError(
        `invalid ${oid._name} (${oid.dottedString}) extension: ${error.message}`,
      );
    }
    throw error;
  }
}

/** An extension from the native model; malformed models are a ValueError. @internal */
export function extensionFromModel(model: ExtensionModel): Extension {
  if (
    typeof model !== "object" ||
    model === null ||
    typeof model.oid !== "string" ||
    typeof model.critical !== "boolean"
  ) {
    throw new ValueError("malformed extension in the native model");
  }
  const oid = new ObjectIdentifier(model.oid);
  return new Extension(oid, model.critical, extensionValueFromModel(oid, model.value));
}
