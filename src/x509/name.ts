/**
 * Distinguished names (PyCA's `cryptography.x509.name`): {@link NameAttribute},
 * {@link RelativeDistinguishedName} and {@link Name}, with RFC 4514 formatting and parsing
 * exactly as PyCA does them, and the conversions to and from the native model.
 *
 * ```ts
 * const name = new Name([
 *   new NameAttribute(NameOID.COUNTRY_NAME, "US"),
 *   new NameAttribute(NameOID.COMMON_NAME, "example.com"),
 * ]);
 * name.rfc4514String(); // "CN=example.com,C=US"
 * Name.fromRfc4514String("CN=example.com,C=US").equals(name); // true
 * name.publicBytes(); // DER
 * ```
 *
 * @module
 */
import { ValueError } from "../exceptions.js";
import { callNative, native } from "../lib/native.js";
import { describeType, invalidType } from "../lib/validate.js";
import type { NameAttributeModel, NameModel, RdnModel } from "./model.js";
import { checkOid, NameOID, ObjectIdentifier } from "./oid.js";

/** ASN.1 string types of attribute values (PyCA's `_ASN1Type`); values are universal tags. */
export enum _ASN1Type {
  BitString = 3,
  OctetString = 4,
  UTF8String = 12,
  NumericString = 18,
  PrintableString = 19,
  T61String = 20,
  IA5String = 22,
  UTCTime = 23,
  GeneralizedTime = 24,
  VisibleString = 26,
  UniversalString = 28,
  BMPString = 30,
}

const ASN1_TAGS = new Set<number>(
  Object.values(_ASN1Type).filter((v): v is number => typeof v === "number"),
);

/** Attribute types whose default string type is not UTF8String (RFC 5280 and its forerunners). */
const DEFAULT_TYPES = new Map<ObjectIdentifier, _ASN1Type>([
  [NameOID.COUNTRY_NAME, _ASN1Type.PrintableString],
  [NameOID.JURISDICTION_COUNTRY_NAME, _ASN1Type.PrintableString],
  [NameOID.SERIAL_NUMBER, _ASN1Type.PrintableString],
  [NameOID.DN_QUALIFIER, _ASN1Type.PrintableString],
  [NameOID.EMAIL_ADDRESS, _ASN1Type.IA5String],
  [NameOID.DOMAIN_COMPONENT, _ASN1Type.IA5String],
]);

/** PyCA's length limits, in UTF-8 bytes: [min, max]. */
const LENGTH_LIMITS = new Map<ObjectIdentifier, readonly [number, number]>([
  [NameOID.COUNTRY_NAME, [2, 2]],
  [NameOID.JURISDICTION_COUNTRY_NAME, [2, 2]],
  [NameOID.COMMON_NAME, [1, 64]],
]);

/** The short names RFC 4514 (and PyCA) use when formatting; other OIDs print dotted. */
const OID_TO_SHORT_NAME = new Map<ObjectIdentifier, string>([
  [NameOID.COMMON_NAME, "CN"],
  [NameOID.LOCALITY_NAME, "L"],
  [NameOID.STATE_OR_PROVINCE_NAME, "ST"],
  [NameOID.ORGANIZATION_NAME, "O"],
  [NameOID.ORGANIZATIONAL_UNIT_NAME, "OU"],
  [NameOID.COUNTRY_NAME, "C"],
  [NameOID.STREET_ADDRESS, "STREET"],
  [NameOID.DOMAIN_COMPONENT, "DC"],
  [NameOID.USER_ID, "UID"],
]);
const SHORT_NAME_TO_OID = new Map<string, ObjectIdentifier>(
  [...OID_TO_SHORT_NAME].map(([oid, short]) => [short, oid]),
);

/**
 * Names to use instead of the defaults when formatting: a `Map` from OID to name, or an object
 * keyed by dotted string (PyCA's `attr_name_overrides` dict).
 */
export type OidNameMap = ReadonlyMap<ObjectIdentifier, string> | Readonly<Record<string, string>>;
/**
 * Extra attribute names for parsing: a `Map` or object from name to OID (PyCA's
 * `attr_name_overrides` of `from_rfc4514_string`).
 */
export type NameOidMap =
  | ReadonlyMap<string, ObjectIdentifier>
  | Readonly<Record<string, ObjectIdentifier>>;

function overrideFor(overrides: OidNameMap | null | undefined, oid: ObjectIdentifier) {
  if (overrides === null || overrides === undefined) return undefined;
  if (overrides instanceof Map) return overrides.get(oid);
  if (typeof overrides !== "object") {
    throw invalidType(
      `attrNameOverrides must be a Map or an object, got ${describeType(overrides)}`,
    );
  }
  const record = overrides as Readonly<Record<string, string>>;
  return Object.hasOwn(record, oid.dottedString) ? record[oid.dottedString] : undefined;
}

/** RFC 4514 section 2.4 escaping, character for character as PyCA's `_escape_dn_value`. */
function escapeDnValue(value: string | Uint8Array): string {
  if (value instanceof Uint8Array) {
    return value.length === 0 ? "" : `#${Buffer.from(value).toString("hex")}`;
  }
  if (value === "") return "";
  let out = value.replace(/[\\"+,;<>]/g, (c) => `\\${c}`).replaceAll("\0", "\\00");
  if (out[0] === "#" || (out[0] === " " && out.length > 1)) out = `\\${out}`;
  if (out.endsWith(" ")) out = `${out.slice(0, -1)}\\ `;
  return out;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function sameValue(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return sameBytes(a, b);
}

/** What NameAttribute equality compares (OID and value, not the string type), as one string. */
function attributeKey(attribute: NameAttribute): string {
  const value = attribute.value;
  const text = typeof value === "string" ? `s${value}` : `b${value.toString("hex")}`;
  return `${attribute.oid.dottedString} ${text}`;
}

/** Marks internal construction from parsed data, which PyCA does with `_validate=False`. */
const UNCHECKED = Symbol("unchecked");

/** One attribute of a name: a type OID and its value (PyCA's `NameAttribute`). */
export class NameAttribute {
  readonly #oid: ObjectIdentifier;
  readonly #value: string | Uint8Array;
  readonly #type: _ASN1Type;

  /**
   * @param oid the attribute type.
   * @param value text; bytes only with `_type` {@link _ASN1Type.BitString} and the OID
   *   `X500_UNIQUE_IDENTIFIER` (TypeError otherwise). Country names must be 2 UTF-8 bytes and
   *   common names 1 to 64 (ValueError otherwise).
   * @param _type the ASN.1 string type; by default PrintableString for C, jurisdiction C,
   *   serialNumber and dnQualifier, IA5String for emailAddress and DC, else UTF8String.
   */
  constructor(oid: ObjectIdentifier, value: string | Uint8Array, _type?: _ASN1Type | null);
  /** @internal */
  constructor(
    oid: ObjectIdentifier,
    value: string | Uint8Array,
    _type: _ASN1Type | null | undefined,
    unchecked: typeof UNCHECKED,
  );
  constructor(
    oid: ObjectIdentifier,
    value: string | Uint8Array,
    _type?: _ASN1Type | null,
    unchecked?: typeof UNCHECKED,
  ) {
    const checkedOid = checkOid("oid", oid);
    if (_type === _ASN1Type.BitString) {
      if (checkedOid !== NameOID.X500_UNIQUE_IDENTIFIER && unchecked !== UNCHECKED) {
        throw invalidType("oid must be X500_UNIQUE_IDENTIFIER for BitString type");
      }
      if (!(value instanceof Uint8Array)) {
        throw invalidType(`value must be bytes for BitString, got ${describeType(value)}`);
      }
    } else if (typeof value !== "string") {
      throw invalidType(`value must be a string, got ${describeType(value)}`);
    }
    const limits = LENGTH_LIMITS.get(checkedOid);
    if (limits !== undefined && unchecked !== UNCHECKED && typeof value === "string") {
      const length = Buffer.byteLength(value, "utf8");
      if (length < limits[0] || length > limits[1]) {
        throw new ValueError(
          `Attribute's length must be >= ${limits[0]} and <= ${limits[1]}, but it was ${length}`,
        );
      }
    }
    const type = _type ?? DEFAULT_TYPES.get(checkedOid) ?? _ASN1Type.UTF8String;
    if (typeof type !== "number" || !ASN1_TAGS.has(type)) {
      throw invalidType(`_type must be from the _ASN1Type enum, got ${String(type)}`);
    }
    this.#oid = checkedOid;
    this.#value = value instanceof Uint8Array ? Buffer.from(value) : value;
    this.#type = type;
  }

  /** The attribute type. */
  get oid(): ObjectIdentifier {
    return this.#oid;
  }

  /** The value: a string, or a Buffer for a BIT STRING x500UniqueIdentifier. */
  get value(): string | Buffer {
    const value = this.#value;
    return typeof value === "string" ? value : Buffer.from(value);
  }

  /** The ASN.1 string type the value is encoded with. */
  get _type(): _ASN1Type {
    return this.#type;
  }

  /** The short name ("CN", "O", …) RFC 4514 defines for the OID, else its dotted string. */
  get rfc4514AttributeName(): string {
    return OID_TO_SHORT_NAME.get(this.#oid) ?? this.#oid.dottedString;
  }

  /** `name=value` with RFC 4514 escaping; `attrNameOverrides` replaces names per OID. */
  rfc4514String(attrNameOverrides?: OidNameMap | null): string {
    const name = overrideFor(attrNameOverrides, this.#oid) ?? this.rfc4514AttributeName;
    return `${name}=${escapeDnValue(this.#value)}`;
  }

  /** Same OID and value (the string type is not compared, as in PyCA). */
  equals(other: unknown): boolean {
    return (
      other instanceof NameAttribute &&
      other.#oid === this.#oid &&
      sameValue(this.#value, other.#value)
    );
  }

  toString(): string {
    const value =
      typeof this.#value === "string"
        ? `'${this.#value}'`
        : `b'${Buffer.from(this.#value).toString("hex")}'`;
    return `<NameAttribute(oid=${this.#oid}, value=${value})>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

function toArray<T>(name: string, items: unknown): unknown[] {
  if (
    items === null ||
    typeof items !== "object" ||
    typeof (items as Iterable<T>)[Symbol.iterator] !== "function"
  ) {
    throw invalidType(`${name} must be an iterable, got ${describeType(items)}`);
  }
  return [...(items as Iterable<unknown>)];
}

/** One set of attributes of a name (PyCA's `RelativeDistinguishedName`). */
export class RelativeDistinguishedName implements Iterable<NameAttribute> {
  readonly #attributes: readonly NameAttribute[];
  readonly #keys: ReadonlySet<string>;

  /** @param attributes at least one, without duplicates (ValueError otherwise). */
  constructor(attributes: Iterable<NameAttribute>) {
    const list = toArray("attributes", attributes);
    if (list.length === 0) {
      throw new ValueError("a relative distinguished name cannot be empty");
    }
    if (!list.every((a) => a instanceof NameAttribute)) {
      throw invalidType("attributes must be an iterable of NameAttribute");
    }
    const checked = list as NameAttribute[];
    // Keys make the duplicate check and set equality linear: parsed names can be large.
    const keys = new Set(checked.map(attributeKey));
    if (keys.size !== checked.length) {
      throw new ValueError("duplicate attributes are not allowed");
    }
    this.#keys = keys;
    this.#attributes = Object.freeze(checked);
  }

  /** The attributes whose type is `oid`, in order. */
  getAttributesForOid(oid: ObjectIdentifier): NameAttribute[] {
    const checked = checkOid("oid", oid);
    return this.#attributes.filter((a) => a.oid === checked);
  }

  /** The attributes joined with "+" (RFC 4514 multi-valued RDN). */
  rfc4514String(attrNameOverrides?: OidNameMap | null): string {
    return this.#attributes.map((a) => a.rfc4514String(attrNameOverrides)).join("+");
  }

  /** Number of attributes. */
  get length(): number {
    return this.#attributes.length;
  }

  [Symbol.iterator](): Iterator<NameAttribute> {
    return this.#attributes[Symbol.iterator]();
  }

  /** The same set of attributes, in any order (an RDN is a SET). */
  equals(other: unknown): boolean {
    if (!(other instanceof RelativeDistinguishedName)) return false;
    const theirs = other.#keys;
    return this.#keys.size === theirs.size && [...this.#keys].every((k) => theirs.has(k));
  }

  toString(): string {
    return `<RelativeDistinguishedName(${this.rfc4514String()})>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** A distinguished name: a sequence of RDNs (PyCA's `Name`). Iterates over its attributes. */
export class Name implements Iterable<NameAttribute> {
  readonly #rdns: readonly RelativeDistinguishedName[];

  /**
   * @param attributes NameAttributes (one RDN each) or RelativeDistinguishedNames, in encoding
   *   order; a mix is a TypeError.
   */
  constructor(attributes: Iterable<NameAttribute> | Iterable<RelativeDistinguishedName>) {
    const list = toArray("attributes", attributes);
    if (list.every((a) => a instanceof NameAttribute)) {
      this.#rdns = Object.freeze(list.map((a) => new RelativeDistinguishedName([a])));
    } else if (list.every((a) => a instanceof RelativeDistinguishedName)) {
      this.#rdns = Object.freeze(list as RelativeDistinguishedName[]);
    } else {
      throw invalidType(
        "attributes must be a list of NameAttribute or a list RelativeDistinguishedName",
      );
    }
  }

  /**
   * Parses an RFC 4514 string as PyCA does: the last RDN of the string is the first of the
   * name; escapes, `#hex` values and `+` multi-valued RDNs are understood. Unknown attribute
   * names (beyond CN, L, ST, O, OU, C, STREET, DC, UID and `attrNameOverrides`) and malformed
   * input are a ValueError.
   */
  static fromRfc4514String(data: string, attrNameOverrides?: NameOidMap | null): Name {
    if (typeof data !== "string") {
      throw invalidType(`data must be a string, got ${describeType(data)}`);
    }
    return new Rfc4514Parser(data, attrNameOverrides ?? null).parse();
  }

  /** The RDNs in encoding order. */
  get rdns(): RelativeDistinguishedName[] {
    return [...this.#rdns];
  }

  /** Number of attributes (not RDNs), as PyCA's `len(name)`. */
  get length(): number {
    return this.#rdns.reduce((n, rdn) => n + rdn.length, 0);
  }

  *[Symbol.iterator](): Iterator<NameAttribute> {
    for (const rdn of this.#rdns) yield* rdn;
  }

  /** The attributes whose type is `oid`, in encoding order. */
  getAttributesForOid(oid: ObjectIdentifier): NameAttribute[] {
    const checked = checkOid("oid", oid);
    return [...this].filter((a) => a.oid === checked);
  }

  /** RFC 4514 form: RDNs in reverse order joined by ",", e.g. `"CN=example.com,C=US"`. */
  rfc4514String(attrNameOverrides?: OidNameMap | null): string {
    return [...this.#rdns]
      .reverse()
      .map((rdn) => rdn.rfc4514String(attrNameOverrides))
      .join(",");
  }

  /** The DER encoding of the name. `_backend` is ignored (PyCA's deprecated parameter). */
  publicBytes(_backend?: unknown): Buffer {
    const model = nameToModel(this);
    return callNative(() => native.encodeName(model));
  }

  /** Same RDNs in the same order. */
  equals(other: unknown): boolean {
    if (!(other instanceof Name)) return false;
    const theirs = other.#rdns;
    return (
      this.#rdns.length === theirs.length && this.#rdns.every((rdn, i) => rdn.equals(theirs[i]))
    );
  }

  toString(): string {
    return `<Name(${this.rfc4514String()})>`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

// RFC 4514 grammar pieces, as PyCA's `_RFC4514NameParser` writes them.
const OID_RE = /(0|[1-9]\d*)(\.(0|[1-9]\d*))+/y;
const DESCR_RE = /[a-zA-Z][a-zA-Z\d-]*/y;
const ESCAPE_SPECIAL = String.raw`[\\ #="+,;<>]`;
const ESCAPE_HEX = "[0-9a-zA-Z]{2}";
const PAIR = String.raw`\\(?:${ESCAPE_SPECIAL}|${ESCAPE_HEX})`;
const LUTF1 = String.raw`[\x01-\x1f\x21\x24-\x2A\x2D-\x3A\x3D\x3F-\x5B\x5D-\x7F]`;
const SUTF1 = String.raw`[\x01-\x21\x23-\x2A\x2D-\x3A\x3D\x3F-\x5B\x5D-\x7F]`;
const TUTF1 = String.raw`[\x01-\x1F\x21\x23-\x2A\x2D-\x3A\x3D\x3F-\x5B\x5D-\x7F]`;
const UTFMB = String.raw`[\x80-\u{10FFFF}]`;
const STRING_RE = new RegExp(
  `(?:(?:${LUTF1}|${UTFMB}|${PAIR})(?:(?:${SUTF1}|${UTFMB}|${PAIR})*(?:${TUTF1}|${UTFMB}|${PAIR}))?)?`,
  "uy",
);
const HEXSTRING_RE = /#(?:[0-9a-zA-Z]{2})+/y;
const PAIR_MULTI_RE = new RegExp(`(\\\\${ESCAPE_SPECIAL})|((?:\\\\${ESCAPE_HEX})+)`, "gu");

/** Hex pairs as UTF-8 text; malformed hex or UTF-8 is a ValueError, as in PyCA. */
function hexToUtf8(hex: string): string {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
    throw new ValueError(`invalid hex escape in RFC 4514 string: ${JSON.stringify(hex)}`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
      Buffer.from(hex, "hex"),
    );
  } catch {
    throw new ValueError("an RFC 4514 hex escape does not decode as UTF-8");
  }
}

function unescapeDnValue(value: string): string {
  return value.replace(PAIR_MULTI_RE, (match: string) =>
    match.length === 2 ? match.slice(1) : hexToUtf8(match.replaceAll("\\", "")),
  );
}

class Rfc4514Parser {
  #index = 0;
  readonly #data: string;
  readonly #overrides: NameOidMap | null;

  constructor(data: string, overrides: NameOidMap | null) {
    this.#data = data;
    this.#overrides = overrides;
  }

  parse(): Name {
    if (this.#data.length === 0) return new Name([]);
    const rdns = [this.#parseRdn()];
    while (this.#index < this.#data.length) {
      this.#readChar(",");
      rdns.push(this.#parseRdn());
    }
    return new Name(rdns.reverse());
  }

  #fail(): ValueError {
    const near = this.#data.slice(this.#index, this.#index + 32);
    return new ValueError(
      `invalid RFC 4514 name: unexpected input at offset ${this.#index} (near ${JSON.stringify(near)})`,
    );
  }

  #readChar(ch: string): void {
    if (this.#data[this.#index] !== ch) throw this.#fail();
    this.#index += 1;
  }

  #readRe(re: RegExp): string | null {
    re.lastIndex = this.#index;
    const match = re.exec(this.#data);
    if (match === null) return null;
    this.#index += match[0].length;
    return match[0];
  }

  #parseRdn(): RelativeDistinguishedName {
    const attributes = [this.#parseAttribute()];
    while (this.#data[this.#index] === "+") {
      this.#index += 1;
      attributes.push(this.#parseAttribute());
    }
    return new RelativeDistinguishedName(attributes);
  }

  #lookup(name: string): ObjectIdentifier | undefined {
    const overrides = this.#overrides;
    let found: unknown;
    if (overrides instanceof Map) {
      found = overrides.get(name);
    } else if (overrides !== null) {
      if (typeof overrides !== "object") {
        throw invalidType(
          `attrNameOverrides must be a Map or an object, got ${describeType(overrides)}`,
        );
      }
      const record = overrides as Readonly<Record<string, ObjectIdentifier>>;
      found = Object.hasOwn(record, name) ? record[name] : undefined;
    }
    if (found !== undefined) return checkOid(`attrNameOverrides[${JSON.stringify(name)}]`, found);
    return SHORT_NAME_TO_OID.get(name);
  }

  #parseAttribute(): NameAttribute {
    let oid: ObjectIdentifier;
    const dotted = this.#readRe(OID_RE);
    if (dotted !== null) {
      oid = new ObjectIdentifier(dotted);
    } else {
      const start = this.#index;
      const descr = this.#readRe(DESCR_RE);
      if (descr === null) throw this.#fail();
      const known = this.#lookup(descr);
      if (known === undefined) {
        this.#index = start;
        throw new ValueError(
          `unknown attribute name ${JSON.stringify(descr.slice(0, 32))} in RFC 4514 string; ` +
            "use a dotted OID or pass attrNameOverrides",
        );
      }
      oid = known;
    }
    this.#readChar("=");
    let value: string;
    if (this.#data[this.#index] === "#") {
      const hex = this.#readRe(HEXSTRING_RE);
      if (hex === null) throw this.#fail();
      value = hexToUtf8(hex.slice(1));
    } else {
      value = unescapeDnValue(this.#readRe(STRING_RE) ?? "");
    }
    return new NameAttribute(oid, value);
  }
}

/**
 * `text` if it has a UTF-8 form. A lone UTF-16 surrogate has none (PyCA raises
 * UnicodeEncodeError, a ValueError), and passing it on would encode U+FFFD instead. @internal
 */
export function checkEncodableText(name: string, text: string): string {
  if (/[\uD800-\uDFFF]/u.test(text)) {
    throw new ValueError(`${name} contains a lone UTF-16 surrogate and cannot be encoded`);
  }
  return text;
}

/** Converts one attribute to the native model. @internal */
export function nameAttributeToModel(attribute: NameAttribute): NameAttributeModel {
  const value = attribute.value;
  return {
    oid: attribute.oid.dottedString,
    tag: attribute._type,
    value:
      typeof value === "string"
        ? checkEncodableText("a name attribute value", value)
        : value.toString("hex"),
  };
}

/** Converts a checked model attribute back; unknown tags are a ValueError. @internal */
export function nameAttributeFromModel(model: NameAttributeModel): NameAttribute {
  const isObject = typeof model === "object" && model !== null;
  if (!isObject || typeof model.oid !== "string" || typeof model.value !== "string") {
    throw new ValueError("malformed name attribute in the native model");
  }
  if (!ASN1_TAGS.has(model.tag)) {
    throw new ValueError(`name attribute with unsupported ASN.1 string tag ${model.tag}`);
  }
  const oid = new ObjectIdentifier(model.oid);
  if (model.tag === _ASN1Type.BitString) {
    if (!/^(?:[0-9a-f]{2})*$/.test(model.value)) {
      throw new ValueError("malformed BIT STRING name attribute in the native model");
    }
    return new NameAttribute(oid, Buffer.from(model.value, "hex"), model.tag, UNCHECKED);
  }
  return new NameAttribute(oid, model.value, model.tag, UNCHECKED);
}

/** An RDN as the native model. @internal */
export function rdnToModel(rdn: RelativeDistinguishedName): RdnModel {
  return [...rdn].map(nameAttributeToModel);
}

/** An RDN from the native model; an empty or duplicated set is a ValueError. @internal */
export function rdnFromModel(model: RdnModel): RelativeDistinguishedName {
  if (!Array.isArray(model)) throw new ValueError("malformed RDN in the native model");
  return new RelativeDistinguishedName(model.map(nameAttributeFromModel));
}

/** A name as the native model (RDNs in encoding order). @internal */
export function nameToModel(name: Name): NameModel {
  return name.rdns.map(rdnToModel);
}

/**
 * A name from the native model. Values are taken as decoded (PyCA skips its length checks
 * for parsed names too). @internal
 */
export function nameFromModel(model: NameModel): Name {
  if (!Array.isArray(model)) throw new ValueError("malformed name in the native model");
  return new Name(model.map(rdnFromModel));
}
