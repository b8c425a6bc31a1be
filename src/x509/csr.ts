/**
 * `cryptography.x509.CertificateSigningRequest` (PKCS #10), its attributes and its loaders.
 *
 * @module
 */
import type { PublicKey as NativePublicKey } from "../../index.js";
import { callNative } from "../lib/native.js";
import { checkBytes, invalidType } from "../lib/validate.js";
import {
  AttributeNotFound,
  extensionsOf,
  loadWith,
  readTlv,
  SubjectKeyObject,
  signatureVerifiable,
  WRAP,
  x509Native,
} from "./certificate.js";
import type { Extensions } from "./extensions.js";
import type {
  AttributeModel,
  ExtensionModel,
  NameModel,
  SignatureAlgorithmModel,
} from "./model.js";
import { checkOid, ObjectIdentifier } from "./oid.js";

/** @internal The native CSR handle of docs/x509-api.md. */
export interface NativeCsrHandle {
  der(): Buffer;
  tbsBytes(): Buffer;
  signature(): Buffer;
  subject(): NameModel;
  spki(): Buffer;
  publicKeyAlgorithmOid(): string;
  publicKey(): NativePublicKey;
  signatureAlgorithm(): SignatureAlgorithmModel;
  extensions(): ExtensionModel[];
  attributes(): AttributeModel[];
  isSignatureValid(): boolean;
  equals(other: NativeCsrHandle): boolean;
}

interface CsrNative {
  NativeCsr: {
    fromDer(der: Uint8Array): NativeCsrHandle;
    fromPem(data: Uint8Array): NativeCsrHandle;
  };
}

const csrNative = x509Native as unknown as CsrNative;

/** UTF8String, PyCA's default attribute type. */
const UTF8_STRING = 12;

/** One CSR attribute (PyCA's `Attribute`): an OID, the value's bytes and its ASN.1 tag. */
export class Attribute {
  readonly #oid: ObjectIdentifier;
  readonly #value: Buffer;
  /** The ASN.1 universal tag of the value (12, UTF8String, unless given). */
  readonly _type: number;

  constructor(oid: ObjectIdentifier, value: Uint8Array, _type: number = UTF8_STRING) {
    this.#oid = checkOid("oid", oid);
    this.#value = Buffer.from(checkBytes("value", value));
    if (typeof _type !== "number" || !Number.isInteger(_type)) {
      throw invalidType("_type must be an integer ASN.1 tag");
    }
    this._type = _type;
  }

  /** The attribute's OID. */
  get oid(): ObjectIdentifier {
    return this.#oid;
  }

  /** The attribute value's bytes (a copy). */
  get value(): Buffer {
    return Buffer.from(this.#value);
  }

  /** Same OID, value and type (PyCA's `__eq__`). */
  equals(other: unknown): boolean {
    return (
      other instanceof Attribute &&
      other.#oid === this.#oid &&
      other._type === this._type &&
      other.#value.equals(this.#value)
    );
  }

  toString(): string {
    return `<Attribute(oid=${this.#oid.toString()}, value=${JSON.stringify(this.#value.toString("latin1"))})>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** The attributes of a CSR (PyCA's `Attributes`): a read-only sequence. */
export class Attributes implements Iterable<Attribute> {
  readonly #attributes: readonly Attribute[];

  constructor(attributes: Iterable<Attribute>) {
    const list = [...attributes];
    for (const attribute of list) {
      if (!(attribute instanceof Attribute)) {
        throw invalidType("every attribute must be an Attribute");
      }
    }
    this.#attributes = Object.freeze(list);
  }

  /** How many attributes there are. */
  get length(): number {
    return this.#attributes.length;
  }

  /** The attribute at `index` (negative counts from the end), or `undefined`. */
  at(index: number): Attribute | undefined {
    return this.#attributes.at(index);
  }

  [Symbol.iterator](): Iterator<Attribute> {
    return this.#attributes[Symbol.iterator]();
  }

  /** The first attribute with `oid`; `AttributeNotFound` when there is none. */
  getAttributeForOid(oid: ObjectIdentifier): Attribute {
    checkOid("oid", oid);
    for (const attribute of this.#attributes) {
      if (attribute.oid === oid) return attribute;
    }
    throw new AttributeNotFound(`No ${oid.toString()} attribute was found`, oid);
  }

  toString(): string {
    return `<Attributes([${this.#attributes.map(String).join(", ")}])>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** Universal tags of the ASN.1 string types (the model's string-valued attributes). */
const STRING_TAGS = new Set([12, 18, 19, 20, 21, 22, 26, 28, 30]);

/**
 * An attribute of the model as PyCA reports it. PyCA keeps the value's content bytes and its
 * tag for every type; the model carries the whole TLV for non-string values, so its header is
 * removed here.
 */
function attributeFromModel(model: AttributeModel): Attribute {
  let value = Buffer.from(model.value, "hex");
  if (!STRING_TAGS.has(model.tag)) {
    const tlv = readTlv(value, 0, value.length);
    value = value.subarray(tlv.body, tlv.end);
  }
  return new Attribute(new ObjectIdentifier(model.oid), value, model.tag);
}

/** @internal The native handle of a CSR. */
export const CSR_HANDLE: unique symbol = Symbol("hazmat.x509.csr");

/**
 * A PKCS #10 certificate signing request (PyCA's `CertificateSigningRequest`), made by the
 * `load…X509Csr` functions or `CertificateSigningRequestBuilder.sign`.
 */
export class CertificateSigningRequest extends SubjectKeyObject {
  /** @internal */
  readonly [CSR_HANDLE]: NativeCsrHandle;
  #extensions: Extensions | undefined;
  #attributes: Attributes | undefined;

  /** @internal Use the loaders or `CertificateSigningRequestBuilder`. */
  constructor(token: typeof WRAP, handle: NativeCsrHandle) {
    super(
      token,
      handle,
      "CERTIFICATE REQUEST",
      "CertificateSigningRequest cannot be constructed directly; use loadPemX509Csr, loadDerX509Csr or CertificateSigningRequestBuilder",
    );
    this[CSR_HANDLE] = handle;
  }

  /** @internal */
  static _wrap(handle: NativeCsrHandle): CertificateSigningRequest {
    return new CertificateSigningRequest(WRAP, handle);
  }

  /** The requested extensions (the extensionRequest attribute); duplicates are an error. */
  get extensions(): Extensions {
    this.#extensions ??= extensionsOf(() => this[CSR_HANDLE].extensions());
    return this.#extensions;
  }

  /** Every attribute, the extensionRequest included (as PyCA 50 lists it, type SEQUENCE). */
  get attributes(): Attributes {
    this.#attributes ??= new Attributes(
      callNative(() => this[CSR_HANDLE].attributes()).map(attributeFromModel),
    );
    return this.#attributes;
  }

  /** The DER of the CertificationRequestInfo (what the signature covers). */
  get tbsCertrequestBytes(): Buffer {
    return callNative(() => this[CSR_HANDLE].tbsBytes());
  }

  /**
   * Whether the signature verifies under the request's own public key; false for algorithms
   * PyCA does not verify (MD5, SHA-1), as in PyCA 50.
   */
  get isSignatureValid(): boolean {
    if (!signatureVerifiable(this._signatureAlgorithmModel())) return false;
    return callNative(() => this[CSR_HANDLE].isSignatureValid());
  }

  /** Whether `other` is a CSR with the same DER encoding. */
  equals(other: unknown): boolean {
    return (
      other instanceof CertificateSigningRequest &&
      callNative(() => this[CSR_HANDLE].equals(other[CSR_HANDLE]))
    );
  }

  override toString(): string {
    return "<CertificateSigningRequest>";
  }
}

/** Loads a PEM CSR (`CERTIFICATE REQUEST` or `NEW CERTIFICATE REQUEST`). */
export function loadPemX509Csr(data: Uint8Array): CertificateSigningRequest {
  return loadWith(
    data,
    (bytes) => csrNative.NativeCsr.fromPem(bytes),
    CertificateSigningRequest._wrap,
  );
}

/** Loads a DER CSR. */
export function loadDerX509Csr(data: Uint8Array): CertificateSigningRequest {
  return loadWith(
    data,
    (bytes) => csrNative.NativeCsr.fromDer(bytes),
    CertificateSigningRequest._wrap,
  );
}
