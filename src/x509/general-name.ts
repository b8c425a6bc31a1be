/**
 * General names (PyCA's `cryptography.x509.general_name`) and the small IP address classes
 * that stand in for Python's `ipaddress` objects in {@link IPAddress}.
 *
 * ```ts
 * new DNSName("example.com");
 * new IPAddress(new IPv4Address("192.0.2.1"));
 * new IPAddress(new IPv6Network("2001:db8::/32")); // for NameConstraints
 * ```
 *
 * @module
 */
import { isIPv4, isIPv6 } from "node:net";
import { HazmatError, ValueError } from "../exceptions.js";
import { checkBytes, describeType, invalidType } from "../lib/validate.js";
import type { GeneralNameModel, NameModel } from "./model.js";
import { Name, nameFromModel, nameToModel } from "./name.js";
import { checkOid, ObjectIdentifier } from "./oid.js";

/** A general name of a kind hazmat cannot represent (PyCA's `UnsupportedGeneralNameType`). */
export class UnsupportedGeneralNameType extends HazmatError {
  readonly code = "ERR_HAZMAT_UNSUPPORTED_GENERAL_NAME_TYPE";
}

function parseIPv4(text: string): Buffer {
  // node:net's check is the strict dotted-quad form (no octal, no short forms), as Python's.
  if (!isIPv4(text)) throw new ValueError(`${JSON.stringify(text)} is not an IPv4 address`);
  return Buffer.from(text.split(".").map(Number));
}

function parseIPv6(text: string): Buffer {
  if (text.includes("%") || !isIPv6(text)) {
    throw new ValueError(`${JSON.stringify(text)} is not an IPv6 address`);
  }
  const out = Buffer.alloc(16);
  let head = text;
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    // An embedded IPv4 tail ("::ffff:192.0.2.1") is the last four bytes; parse it as such and
    // stand two zero groups in for it while the hex groups are read.
    parseIPv4(text.slice(lastColon + 1)).copy(out, 12);
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const groups = (part: string | undefined) =>
    part === undefined || part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16));
  const split = head.indexOf("::");
  const left = groups(split < 0 ? head : head.slice(0, split));
  const right = split < 0 ? [] : groups(head.slice(split + 2));
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const limit = head === text ? 8 : 6;
  for (let i = 0; i < limit; i++) out.writeUInt16BE(words[i] ?? 0, i * 2);
  return out;
}

/** RFC 5952 text, as Python prints it (longest zero run of two or more groups is "::"). */
function formatIPv6(bytes: Uint8Array): string {
  const view = Buffer.from(bytes);
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(view.readUInt16BE(i));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestLength < 2) return hex.join(":");
  const before = hex.slice(0, bestStart).join(":");
  const after = hex.slice(bestStart + bestLength).join(":");
  return `${before}::${after}`;
}

function checkText(name: string, value: unknown): string {
  if (typeof value !== "string") {
    throw invalidType(`${name} must be a string, got ${describeType(value)}`);
  }
  return value;
}

/** An IPv4 address (Python's `ipaddress.IPv4Address`). */
export class IPv4Address {
  readonly #packed: Buffer;

  /** @param address dotted-quad text ("192.0.2.1"); anything else is a ValueError. */
  constructor(address: string) {
    this.#packed = parseIPv4(checkText("address", address));
  }

  /** @internal */
  static _fromPacked(packed: Uint8Array): IPv4Address {
    return new IPv4Address([...packed].join("."));
  }

  /** The 4 address bytes in network order. */
  get packed(): Buffer {
    return Buffer.from(this.#packed);
  }

  /** 4. */
  get version(): 4 {
    return 4;
  }

  equals(other: unknown): boolean {
    return other instanceof IPv4Address && other.#packed.equals(this.#packed);
  }

  toString(): string {
    return [...this.#packed].join(".");
  }
}

/** An IPv6 address (Python's `ipaddress.IPv6Address`); scope ids are not supported. */
export class IPv6Address {
  readonly #packed: Buffer;

  /** @param address IPv6 text ("2001:db8::1", "::ffff:192.0.2.1"); else a ValueError. */
  constructor(address: string) {
    this.#packed = parseIPv6(checkText("address", address));
  }

  /** @internal */
  static _fromPacked(packed: Uint8Array): IPv6Address {
    return new IPv6Address(formatIPv6(packed));
  }

  /** The 16 address bytes in network order. */
  get packed(): Buffer {
    return Buffer.from(this.#packed);
  }

  /** 6. */
  get version(): 6 {
    return 6;
  }

  equals(other: unknown): boolean {
    return other instanceof IPv6Address && other.#packed.equals(this.#packed);
  }

  /** The compressed form, as Python prints it. */
  toString(): string {
    return formatIPv6(this.#packed);
  }
}

function maskBytes(prefix: number, size: number): Buffer {
  const mask = Buffer.alloc(size);
  for (let bit = 0; bit < prefix; bit++)
    mask.writeUInt8(mask.readUInt8(bit >> 3) | (0x80 >> (bit & 7)), bit >> 3);
  return mask;
}

/** The prefix length of a contiguous mask, or -1. */
function prefixOfMask(mask: Uint8Array): number {
  const bytes = Buffer.from(mask);
  let prefix = 0;
  while (
    prefix < bytes.length * 8 &&
    (bytes.readUInt8(prefix >> 3) & (0x80 >> (prefix & 7))) !== 0
  ) {
    prefix += 1;
  }
  return maskBytes(prefix, bytes.length).equals(bytes) ? prefix : -1;
}

function parseNetwork(
  text: string,
  bits: number,
  parse: (address: string) => Buffer,
): [Buffer, number] {
  const slash = text.indexOf("/");
  const address = parse(slash < 0 ? text : text.slice(0, slash));
  let prefix = bits;
  if (slash >= 0) {
    const suffix = text.slice(slash + 1);
    if (bits === 32 && suffix.includes(".")) {
      // Python also takes a dotted netmask ("10.0.0.0/255.0.0.0") for IPv4.
      const fromMask = prefixOfMask(parseIPv4(suffix));
      if (fromMask < 0) throw new ValueError(`${JSON.stringify(text)}: invalid netmask`);
      return checkHostBits(text, address, fromMask, bits);
    }
    if (!/^[0-9]{1,3}$/.test(suffix) || Number(suffix) > bits) {
      throw new ValueError(
        `${JSON.stringify(text)}: the prefix length must be an integer from 0 to ${bits}`,
      );
    }
    prefix = Number(suffix);
  }
  return checkHostBits(text, address, prefix, bits);
}

/** Python's strict networks: bits of the address outside the prefix must be zero. */
function checkHostBits(
  text: string,
  address: Buffer,
  prefix: number,
  bits: number,
): [Buffer, number] {
  const mask = maskBytes(prefix, bits / 8);
  if (address.some((b, i) => (b & ~mask.readUInt8(i)) !== 0)) {
    throw new ValueError(`${text} has host bits set`);
  }
  return [address, prefix];
}

/**
 * What IPv4Network and IPv6Network share: Python's strict networks (host bits must be zero)
 * over the packed address and the prefix length, for one address `version`.
 */
abstract class IPNetwork<A, V extends 4 | 6> {
  readonly #version: V;
  readonly #address: Buffer;
  readonly #prefix: number;
  readonly #addressOf: (packed: Uint8Array) => A;

  protected constructor(
    network: string,
    version: V,
    parse: (address: string) => Buffer,
    addressOf: (packed: Uint8Array) => A,
  ) {
    this.#version = version;
    this.#addressOf = addressOf;
    const bits = version === 4 ? 32 : 128;
    [this.#address, this.#prefix] = parseNetwork(checkText("network", network), bits, parse);
  }

  /** The first address of the network. */
  get networkAddress(): A {
    return this.#addressOf(this.#address);
  }

  /** The mask as an address (255.0.0.0 for /8, ffff:ffff:: for /32). */
  get netmask(): A {
    return this.#addressOf(maskBytes(this.#prefix, this.#address.length));
  }

  /** The number of leading one bits of the mask. */
  get prefixlen(): number {
    return this.#prefix;
  }

  /** 4 or 6. */
  get version(): V {
    return this.#version;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof IPNetwork &&
      other.#version === this.#version &&
      other.#prefix === this.#prefix &&
      other.#address.equals(this.#address)
    );
  }

  toString(): string {
    return `${this.networkAddress}/${this.#prefix}`;
  }
}

/** An IPv4 network (Python's `ipaddress.IPv4Network`, strict: host bits must be zero). */
export class IPv4Network extends IPNetwork<IPv4Address, 4> {
  /** @param network "10.0.0.0/8" or a bare address (a /32); host bits set is a ValueError. */
  constructor(network: string) {
    super(network, 4, parseIPv4, (packed) => IPv4Address._fromPacked(packed));
  }
}

/** An IPv6 network (Python's `ipaddress.IPv6Network`, strict: host bits must be zero). */
export class IPv6Network extends IPNetwork<IPv6Address, 6> {
  /** @param network "2001:db8::/32" or a bare address (a /128); host bits set is a ValueError. */
  constructor(network: string) {
    super(network, 6, parseIPv6, (packed) => IPv6Address._fromPacked(packed));
  }
}

/** What an {@link IPAddress} holds. */
export type IPAddressValue = IPv4Address | IPv6Address | IPv4Network | IPv6Network;

/** Base of every general name (PyCA's abstract `GeneralName`). */
export abstract class GeneralName {
  /** The name's value (its type depends on the subclass). */
  abstract get value(): unknown;
  /** Same class and value. */
  abstract equals(other: unknown): boolean;

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** Text general names must be ASCII: IDNs go in as A-labels ("xn--…"), as in PyCA. */
function checkAscii(kind: string, value: unknown): string {
  const text = checkText("value", value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  if (!/^[\x00-\x7f]*$/.test(text)) {
    throw new ValueError(
      `${kind} values should be passed as an A-label string. This means unicode characters ` +
        "should be encoded via a library like idna.",
    );
  }
  return text;
}

/** Marks construction from parsed data, which PyCA does without validation. */
const UNCHECKED = Symbol("unchecked");

abstract class TextGeneralName extends GeneralName {
  readonly #value: string;

  constructor(kind: string, value: string, unchecked?: typeof UNCHECKED) {
    super();
    this.#value = unchecked === UNCHECKED ? value : checkAscii(kind, value);
  }

  get value(): string {
    return this.#value;
  }

  equals(other: unknown): boolean {
    return (
      other instanceof TextGeneralName &&
      other.constructor === this.constructor &&
      other.#value === this.#value
    );
  }

  override toString(): string {
    return `<${this.constructor.name}(value='${this.#value}')>`;
  }
}

/** A dNSName. */
export class DNSName extends TextGeneralName {
  /** @param value ASCII text (A-labels for IDNs; ValueError otherwise). */
  constructor(value: string);
  /** @internal */
  constructor(value: string, unchecked: typeof UNCHECKED);
  constructor(value: string, unchecked?: typeof UNCHECKED) {
    super("DNSName", value, unchecked);
  }
}

/** A uniformResourceIdentifier. */
export class UniformResourceIdentifier extends TextGeneralName {
  /** @param value ASCII text (A-labels for IDNs; ValueError otherwise). */
  constructor(value: string);
  /** @internal */
  constructor(value: string, unchecked: typeof UNCHECKED);
  constructor(value: string, unchecked?: typeof UNCHECKED) {
    super("URI", value, unchecked);
  }
}

/**
 * Whether Python's `email.utils.parseaddr` would find a display name or no address in
 * `value`, the two cases PyCA rejects. This follows its common forms ("Name <a@b>",
 * "a@b (comment)", "", "a@", "a@b@c"), not every corner of RFC 2822's grammar.
 */
function looksLikeNamedOrEmptyAddress(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === "") return true;
  // A non-empty comment becomes the display name.
  if (/\(\s*[^)\s][^)]*\)?/.test(trimmed)) return true;
  const angle = trimmed.indexOf("<");
  if (angle >= 0) {
    if (trimmed.slice(0, angle).trim() !== "") return true;
    const close = trimmed.indexOf(">", angle);
    const inner = trimmed.slice(angle + 1, close < 0 ? undefined : close).trim();
    return inner === "";
  }
  // Outside quoted strings, an address has at most one "@" and a non-empty domain after it.
  const unquoted = trimmed.replace(/"[^"]*"/g, "");
  const ats = unquoted.split("@").length - 1;
  return ats > 1 || (ats === 1 && unquoted.endsWith("@"));
}

/** An rfc822Name (an e-mail address). */
export class RFC822Name extends TextGeneralName {
  /**
   * @param value ASCII address (A-labels for IDNs); empty values and values with a display
   *   name ("Name <a@b>") are a ValueError, as in PyCA.
   */
  constructor(value: string);
  /** @internal */
  constructor(value: string, unchecked: typeof UNCHECKED);
  constructor(value: string, unchecked?: typeof UNCHECKED) {
    super("RFC822Name", value, unchecked);
    if (unchecked !== UNCHECKED && looksLikeNamedOrEmptyAddress(value)) {
      throw new ValueError("Invalid rfc822name value");
    }
  }
}

/** A directoryName. */
export class DirectoryName extends GeneralName {
  readonly #value: Name;

  /** @param value a {@link Name}. */
  constructor(value: Name) {
    super();
    if (!(value instanceof Name)) {
      throw invalidType(`value must be a Name, got ${describeType(value)}`);
    }
    this.#value = value;
  }

  get value(): Name {
    return this.#value;
  }

  equals(other: unknown): boolean {
    return other instanceof DirectoryName && other.#value.equals(this.#value);
  }

  override toString(): string {
    return `<DirectoryName(value=${this.#value})>`;
  }
}

/** A registeredID. */
export class RegisteredID extends GeneralName {
  readonly #value: ObjectIdentifier;

  /** @param value an {@link ObjectIdentifier}. */
  constructor(value: ObjectIdentifier) {
    super();
    this.#value = checkOid("value", value);
  }

  get value(): ObjectIdentifier {
    return this.#value;
  }

  equals(other: unknown): boolean {
    return other instanceof RegisteredID && other.#value === this.#value;
  }

  override toString(): string {
    return `<RegisteredID(value=${this.#value})>`;
  }
}

/** An iPAddress: an address, or a network in NameConstraints. */
export class IPAddress extends GeneralName {
  readonly #value: IPAddressValue;

  /** @param value an IPv4Address, IPv6Address, IPv4Network or IPv6Network. */
  constructor(value: IPAddressValue) {
    super();
    if (
      !(
        value instanceof IPv4Address ||
        value instanceof IPv6Address ||
        value instanceof IPv4Network ||
        value instanceof IPv6Network
      )
    ) {
      throw invalidType(
        "value must be an instance of IPv4Address, IPv6Address, IPv4Network, or IPv6Network, " +
          `got ${describeType(value)}`,
      );
    }
    this.#value = value;
  }

  get value(): IPAddressValue {
    return this.#value;
  }

  /** The address bytes, or the network address then the mask (PyCA's `_packed`). */
  _packed(): Buffer {
    const value = this.#value;
    if (value instanceof IPv4Address || value instanceof IPv6Address) return value.packed;
    return Buffer.concat([value.networkAddress.packed, value.netmask.packed]);
  }

  equals(other: unknown): boolean {
    return other instanceof IPAddress && other.#value.equals(this.#value);
  }

  override toString(): string {
    return `<IPAddress(value=${this.#value})>`;
  }
}

/** An otherName: a type OID and the DER of its value. */
export class OtherName extends GeneralName {
  readonly #typeId: ObjectIdentifier;
  readonly #value: Buffer;

  /**
   * @param typeId the OID of the value's type.
   * @param value the DER encoding of the value (bytes; not checked, as in PyCA).
   */
  constructor(typeId: ObjectIdentifier, value: Uint8Array) {
    super();
    this.#typeId = checkOid("typeId", typeId);
    this.#value = Buffer.from(checkBytes("value", value));
  }

  get typeId(): ObjectIdentifier {
    return this.#typeId;
  }

  get value(): Buffer {
    return Buffer.from(this.#value);
  }

  equals(other: unknown): boolean {
    return (
      other instanceof OtherName &&
      other.#typeId === this.#typeId &&
      other.#value.equals(this.#value)
    );
  }

  override toString(): string {
    return `<OtherName(type_id=${this.#typeId}, value=b'${this.#value.toString("hex")}')>`;
  }
}

/** A general name as the native model. @internal */
export function generalNameToModel(name: GeneralName): GeneralNameModel {
  if (name instanceof DNSName) return { type: "dns", value: name.value };
  if (name instanceof RFC822Name) return { type: "email", value: name.value };
  if (name instanceof UniformResourceIdentifier) return { type: "uri", value: name.value };
  if (name instanceof IPAddress) return { type: "ip", value: name._packed().toString("hex") };
  if (name instanceof DirectoryName) return { type: "dirName", value: nameToModel(name.value) };
  if (name instanceof RegisteredID) return { type: "rid", value: name.value.dottedString };
  if (name instanceof OtherName) {
    return { type: "other", typeId: name.typeId.dottedString, value: name.value.toString("hex") };
  }
  throw invalidType(`expected a GeneralName, got ${describeType(name)}`);
}

function ipFromPacked(bytes: Buffer): IPAddressValue {
  switch (bytes.length) {
    case 4:
      return IPv4Address._fromPacked(bytes);
    case 16:
      return IPv6Address._fromPacked(bytes);
    case 8:
    case 32: {
      const half = bytes.length / 2;
      const prefix = prefixOfMask(bytes.subarray(half));
      if (prefix < 0) throw new ValueError("Invalid netmask in an iPAddress general name");
      const address = bytes.subarray(0, half);
      return half === 4
        ? new IPv4Network(`${IPv4Address._fromPacked(address)}/${prefix}`)
        : new IPv6Network(`${IPv6Address._fromPacked(address)}/${prefix}`);
    }
    default:
      throw new ValueError(
        `Invalid IPAddress length ${bytes.length}: expected 4 or 16 bytes (8 or 32 for networks)`,
      );
  }
}

const HEX = /^(?:[0-9a-f]{2})*$/;

/**
 * A general name from the native model. Text values are taken as decoded, as PyCA does for
 * parsed certificates; a malformed model is a ValueError. @internal
 */
export function generalNameFromModel(model: GeneralNameModel): GeneralName {
  const m = model as { type?: unknown; value?: unknown; typeId?: unknown };
  if (typeof m !== "object" || m === null) {
    throw new ValueError("malformed general name in the native model");
  }
  const text = () => {
    if (typeof m.value !== "string") throw new ValueError("malformed general name value");
    return m.value;
  };
  const hex = () => {
    const value = text();
    if (!HEX.test(value)) throw new ValueError("malformed hex in a general name");
    return Buffer.from(value, "hex");
  };
  switch (m.type) {
    case "dns":
      return new DNSName(text(), UNCHECKED);
    case "email":
      return new RFC822Name(text(), UNCHECKED);
    case "uri":
      return new UniformResourceIdentifier(text(), UNCHECKED);
    case "ip":
      return new IPAddress(ipFromPacked(hex()));
    case "dirName":
      return new DirectoryName(nameFromModel(m.value as NameModel));
    case "rid":
      return new RegisteredID(new ObjectIdentifier(text()));
    case "other":
      if (typeof m.typeId !== "string") throw new ValueError("malformed otherName type id");
      return new OtherName(new ObjectIdentifier(m.typeId), hex());
    default:
      throw new UnsupportedGeneralNameType(`${String(m.type)} is not a supported general name`);
  }
}
