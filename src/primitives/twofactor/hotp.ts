/**
 * `cryptography.hazmat.primitives.twofactor.hotp`: HMAC-based one-time passwords (RFC 4226).
 *
 * ```ts
 * const hotp = new HOTP(key, 6, new SHA1());
 * const code = hotp.generate(0);        // Buffer of ASCII digits, e.g. "755224"
 * hotp.verify(code, 0);                 // InvalidToken if it does not match
 * ```
 *
 * Built on `hazmat/primitives/hmac`. PyCA's `backend` parameter is dropped, so
 * `enforceKeyLength` is the fourth argument.
 *
 * @module
 */
import { InvalidToken, ValueError } from "../../exceptions.js";
import { checkBytes, describeType, invalidType } from "../../lib/validate.js";
import { bytesEq } from "../constant_time.js";
import { SHA1, SHA256, SHA512 } from "../hashes.js";
import { HMAC } from "../hmac.js";

export { InvalidToken } from "../../exceptions.js";

/** The hashes HOTP and TOTP accept (PyCA's `HOTPHashTypes`). */
export type HOTPHashTypes = SHA1 | SHA256 | SHA512;

const MAX_COUNTER = 2n ** 64n - 1n;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 with padding, as Python's `base64.b32encode`. */
function base32(data: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of data) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, "=");
}

function utf8Escaped(name: string, text: string): string {
  try {
    // encodeURIComponent leaves !'()* as they are; Python's quote escapes them.
    return encodeURIComponent(text).replace(
      /[!'()*]/g,
      (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  } catch {
    throw new ValueError(`${name} must be valid Unicode text (no lone surrogates)`);
  }
}

/** Python's `urllib.parse.quote` (safe characters: letters, digits, `_.-~` and `/`). */
function quote(name: string, text: string): string {
  return utf8Escaped(name, text).replace(/%2F/g, "/");
}

/** Python's `quote_plus` with nothing safe, as `urlencode` applies it to keys and values. */
function quotePlus(name: string, text: string): string {
  return utf8Escaped(name, text).replace(/%20/g, "+");
}

function checkText(name: string, value: unknown): string {
  if (typeof value !== "string") {
    throw invalidType(`${name} must be a string, got ${describeType(value)}`);
  }
  return value;
}

/** An integer counter as a bigint (numbers and bigints accepted, as Python's `int`). */
function checkCounter(counter: unknown): bigint {
  if (typeof counter === "bigint") return counter;
  if (typeof counter === "number" && Number.isInteger(counter)) return BigInt(counter);
  throw invalidType("Counter parameter must be an integer type.");
}

/**
 * The `otpauth://` URI of a HOTP or TOTP generator (PyCA's `_generate_uri`): the key in base32,
 * the label and parameters escaped exactly as Python's `quote` and `urlencode` escape them.
 */
export function _generateUri(
  hotp: HOTP,
  typeName: "hotp" | "totp",
  accountName: unknown,
  issuer: unknown,
  extraParameters: [string, string][],
): string {
  const account = checkText("accountName", accountName);
  const issuerText = issuer === null || issuer === undefined ? null : checkText("issuer", issuer);
  const { key, length, algorithm } = hotp._parameters();
  const parameters: [string, string][] = [
    ["digits", String(length)],
    ["secret", base32(key)],
    ["algorithm", algorithm.name.toUpperCase()],
  ];
  if (issuerText !== null) parameters.push(["issuer", issuerText]);
  parameters.push(...extraParameters);
  const label = issuerText
    ? `${quote("issuer", issuerText)}:${quote("accountName", account)}`
    : quote("accountName", account);
  const query = parameters.map(([k, v]) => `${quotePlus(k, k)}=${quotePlus(k, v)}`).join("&");
  return `otpauth://${typeName}/${label}?${query}`;
}

/** A HOTP generator and verifier (PyCA's `HOTP`). */
export class HOTP {
  readonly #key: Buffer;
  readonly #length: number;
  readonly #algorithm: HOTPHashTypes;

  /**
   * `key`: the shared secret, at least 16 bytes unless `enforceKeyLength` is `false` (a
   * `ValueError` otherwise). `length`: digits per code, 6 to 8. `algorithm`: a `SHA1`,
   * `SHA256` or `SHA512` instance (a `TypeError` otherwise).
   */
  constructor(
    key: Uint8Array,
    length: number,
    algorithm: HOTPHashTypes,
    enforceKeyLength: boolean = true,
  ) {
    const checkedKey = checkBytes("key", key);
    if (checkedKey.length < 16 && enforceKeyLength === true) {
      throw new ValueError("Key length has to be at least 128 bits.");
    }
    if (typeof length !== "number" || !Number.isInteger(length)) {
      throw invalidType("Length parameter must be an integer type.");
    }
    if (length < 6 || length > 8) {
      throw new ValueError("Length of HOTP has to be between 6 and 8.");
    }
    if (
      !(algorithm instanceof SHA1 || algorithm instanceof SHA256 || algorithm instanceof SHA512)
    ) {
      throw invalidType("Algorithm must be SHA1, SHA256 or SHA512.");
    }
    // A copy: the caller may reuse its buffer.
    this.#key = Buffer.from(checkedKey);
    this.#length = length;
    this.#algorithm = algorithm;
  }

  /**
   * The code for `counter` (an integer from 0 to 2^64 - 1, as a number or a bigint): `length`
   * ASCII digits, as a Buffer.
   */
  generate(counter: number | bigint): Buffer {
    const value = checkCounter(counter);
    if (value < 0n || value > MAX_COUNTER) {
      throw new ValueError(`Counter must be between 0 and ${MAX_COUNTER}.`);
    }
    const message = Buffer.allocUnsafe(8);
    message.writeBigUInt64BE(value);
    const mac = new HMAC(this.#key, this.#algorithm);
    mac.update(message);
    const digest = mac.finalize();
    const offset = (digest[digest.length - 1] as number) & 0x0f;
    const truncated = digest.readUInt32BE(offset) & 0x7fffffff;
    digest.fill(0);
    const code = truncated % 10 ** this.#length;
    return Buffer.from(String(code).padStart(this.#length, "0"), "latin1");
  }

  /**
   * Compares `hotp` with the code for `counter` in constant time; throws
   * {@link InvalidToken} when they differ.
   */
  verify(hotp: Uint8Array, counter: number | bigint): void {
    const candidate = checkBytes("hotp", hotp);
    if (!bytesEq(this.generate(counter), candidate)) {
      throw new InvalidToken("Supplied HOTP value does not match.");
    }
  }

  /**
   * The `otpauth://hotp/…` URI that authenticator apps import (it contains the key: treat it
   * as a secret).
   */
  getProvisioningUri(accountName: string, counter: number | bigint, issuer: string | null): string {
    const value = checkCounter(counter);
    return _generateUri(this, "hotp", accountName, issuer, [["counter", value.toString()]]);
  }

  /** For TOTP and the URI builder; not part of PyCA's API. @internal */
  _parameters(): { key: Buffer; length: number; algorithm: HOTPHashTypes } {
    return { key: this.#key, length: this.#length, algorithm: this.#algorithm };
  }

  /** Key material is never shown. */
  toString(): string {
    return `<HOTP ${this.#length} digits, ${this.#algorithm.name}>`;
  }
}
