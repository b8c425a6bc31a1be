/**
 * `cryptography.fernet`: Fernet and MultiFernet, authenticated symmetric encryption of short
 * messages into url-safe tokens (AES-128-CBC + HMAC-SHA256, per the Fernet spec).
 *
 * ```ts
 * const key = Fernet.generateKey();       // keep it secret; never hard-code it
 * const f = new Fernet(key);
 * const token = f.encrypt(Buffer.from("session=abc123;user=42"));
 * f.decrypt(token);                       // InvalidToken if altered, or made with another key
 * f.decrypt(token, 3600);                 // … or older than an hour
 * ```
 *
 * Tokens are url-safe base64 `Buffer`s; strings are accepted wherever a token or key is read.
 * Times are seconds since the epoch, as numbers. Every bad token (altered, another key, expired,
 * more than 60 s in the future, bad base64, wrong version, truncated, not a string or bytes) is
 * the same {@link InvalidToken}.
 *
 * Speed: each `Fernet` holds a native core with its AES and HMAC contexts keyed once
 * (`crates/hazmat/src/fernet.rs`); encrypting or decrypting is one native call that writes into
 * a buffer allocated here. IVs come from hazmat's OpenSSL RAND, so from the OS random engine.
 *
 * @module
 */
import type { FernetCore } from "../index.js";
import { InvalidToken, ValueError } from "./exceptions.js";
import { callNative, native, translateNativeError } from "./lib/native.js";
import { checkBytes, checkInteger, describeType, invalidType } from "./lib/validate.js";
import { randomBytes } from "./random.js";

export { InvalidToken } from "./exceptions.js";

const KEY_MESSAGE = "Fernet key must be 32 url-safe base64-encoded bytes.";
const TOKEN_MESSAGE =
  "The token is malformed, was altered, was made with another key, or is outside its time-to-live.";
const NO_TTL_MESSAGE = "decrypt_at_time() can only be used with a non-None ttl";

/** Token length for `dataLength` bytes of plaintext (see `token_len` in fernet.rs). */
function tokenLength(dataLength: number): number {
  const raw = 25 + (Math.floor(dataLength / 16) + 1) * 16 + 32;
  return Math.ceil(raw / 3) * 4;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

function checkTime(name: string, value: unknown): number {
  return checkInteger(name, value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
}

/**
 * A token's text as bytes. Strings must be ASCII (PyCA refuses others); anything that is not a
 * string or bytes is an invalid token, like every other bad token.
 */
function tokenBytes(token: unknown): Uint8Array {
  if (token instanceof Uint8Array) return token;
  if (typeof token === "string") {
    const bytes = Buffer.from(token, "utf8");
    // A non-ASCII character takes more than one UTF-8 byte.
    if (bytes.length === token.length) return bytes;
  }
  throw new InvalidToken(TOKEN_MESSAGE);
}

function keyBytes(key: unknown): Uint8Array {
  if (key instanceof Uint8Array) return key;
  if (typeof key === "string") {
    const bytes = Buffer.from(key, "utf8");
    if (bytes.length === key.length) return bytes;
    throw new ValueError(KEY_MESSAGE);
  }
  throw invalidType(
    `key must be bytes (a Uint8Array or Buffer) or a string, got ${describeType(key)}`,
  );
}

/** Symmetric authenticated encryption with one key (PyCA's `Fernet`). */
export class Fernet {
  readonly #core: FernetCore;

  /**
   * `key`: 32 bytes in url-safe base64 (as {@link Fernet.generateKey} makes), as bytes or a
   * string. Anything else is a `ValueError` ("Fernet key must be 32 url-safe base64-encoded
   * bytes."); a value that is neither bytes nor a string is a `TypeError`.
   */
  constructor(key: Uint8Array | string) {
    const text = keyBytes(key);
    this.#core = callNative(() => new native.FernetCore(text));
  }

  /** A fresh key: 32 random bytes from hazmat's OpenSSL RAND, url-safe base64 encoded. */
  static generateKey(): Buffer {
    const encoded = randomBytes(32).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
    return Buffer.from(encoded, "latin1");
  }

  /** Encrypts `data` into a token stamped with the current time. */
  encrypt(data: Uint8Array): Buffer {
    return this.#encrypt(checkBytes("data", data), now());
  }

  /** Encrypts `data` into a token stamped with `currentTime` (seconds since the epoch, ≥ 0). */
  encryptAtTime(data: Uint8Array, currentTime: number): Buffer {
    const checked = checkBytes("data", data);
    return this.#encrypt(
      checked,
      checkInteger("currentTime", currentTime, 0, Number.MAX_SAFE_INTEGER),
    );
  }

  #encrypt(data: Uint8Array, time: number): Buffer {
    const out = Buffer.allocUnsafe(tokenLength(data.length));
    try {
      this.#core.encryptInto(data, time, out);
    } catch (error) {
      throw translateNativeError(error);
    }
    return out;
  }

  /**
   * PyCA's `_encrypt_from_parts`: encryption with a chosen 16-byte IV. For known-answer tests
   * only; a repeated IV under one key breaks confidentiality.
   */
  _encryptFromParts(data: Uint8Array, currentTime: number, iv: Uint8Array): Buffer {
    const checked = checkBytes("data", data);
    const time = checkInteger("currentTime", currentTime, 0, Number.MAX_SAFE_INTEGER);
    const checkedIv = checkBytes("iv", iv);
    if (checkedIv.length !== 16) throw new ValueError("iv must be 16 bytes long");
    const out = Buffer.allocUnsafe(tokenLength(checked.length));
    callNative(() => this.#core.encryptWithIv(checked, time, checkedIv, out));
    return out;
  }

  /**
   * Verifies and decrypts `token`. With `ttl` (seconds), the token must also be at most `ttl`
   * seconds old and at most 60 seconds in the future. Throws {@link InvalidToken} otherwise.
   */
  decrypt(token: Uint8Array | string, ttl?: number | null): Buffer {
    if (ttl === undefined || ttl === null) return this.#decrypt(tokenBytes(token), null, 0);
    return this.#decrypt(tokenBytes(token), checkTime("ttl", ttl), now());
  }

  /** Like {@link decrypt} with a TTL, at `currentTime` instead of now. */
  decryptAtTime(token: Uint8Array | string, ttl: number, currentTime: number): Buffer {
    if (ttl === null || ttl === undefined) throw new ValueError(NO_TTL_MESSAGE);
    const checkedTtl = checkTime("ttl", ttl);
    const time = checkTime("currentTime", currentTime);
    return this.#decrypt(tokenBytes(token), checkedTtl, time);
  }

  #decrypt(token: Uint8Array, ttl: number | null, time: number): Buffer {
    // Any token's decoded length is at most 3/4 of its text; the plaintext is shorter still.
    const out = Buffer.allocUnsafe(Math.floor((token.length * 3) / 4));
    const length = callNative(() => this.#core.decryptInto(token, out, ttl, time));
    return out.subarray(0, length);
  }

  /**
   * The time a token was made (seconds since the epoch), after checking that it was signed
   * with this key ({@link InvalidToken} otherwise). Exact up to 2^53.
   */
  extractTimestamp(token: Uint8Array | string): number {
    const bytes = tokenBytes(token);
    return callNative(() => this.#core.extractTimestamp(bytes));
  }

  /** Key material is never shown. */
  toString(): string {
    return "<Fernet>";
  }
}

/**
 * Several Fernet keys (PyCA's `MultiFernet`): encrypts with the first, decrypts with whichever
 * works, and {@link MultiFernet.rotate | rotates} tokens to the first. The way to retire a key.
 */
export class MultiFernet {
  readonly #fernets: readonly Fernet[];

  /** `fernets`: an iterable of at least one {@link Fernet}, the current key first. */
  constructor(fernets: Iterable<Fernet>) {
    if (
      fernets === null ||
      typeof fernets !== "object" ||
      typeof (fernets as Iterable<Fernet>)[Symbol.iterator] !== "function"
    ) {
      throw invalidType(`fernets must be an iterable of Fernet, got ${describeType(fernets)}`);
    }
    const list = [...fernets];
    for (const [index, fernet] of list.entries()) {
      if (!(fernet instanceof Fernet)) {
        throw invalidType(`fernets[${index}] must be a Fernet, got ${describeType(fernet)}`);
      }
    }
    if (list.length === 0) {
      throw new ValueError("MultiFernet requires at least one Fernet instance");
    }
    this.#fernets = list;
  }

  get #primary(): Fernet {
    return this.#fernets[0] as Fernet;
  }

  /** Encrypts with the first key, stamped with the current time. */
  encrypt(msg: Uint8Array): Buffer {
    return this.#primary.encrypt(msg);
  }

  /** Encrypts with the first key, stamped with `currentTime`. */
  encryptAtTime(msg: Uint8Array, currentTime: number): Buffer {
    return this.#primary.encryptAtTime(msg, currentTime);
  }

  /** Tries each key in order; InvalidToken if none verifies the token. */
  #firstThatWorks<T>(attempt: (fernet: Fernet) => T): T {
    for (const fernet of this.#fernets) {
      try {
        return attempt(fernet);
      } catch (error) {
        if (!(error instanceof InvalidToken)) throw error;
      }
    }
    throw new InvalidToken(TOKEN_MESSAGE);
  }

  /**
   * Re-encrypts `msg` under the first key, keeping its timestamp (no TTL applies). Throws
   * {@link InvalidToken} if no key verifies it.
   */
  rotate(msg: Uint8Array | string): Buffer {
    const token = tokenBytes(msg);
    const [plaintext, timestamp] = this.#firstThatWorks(
      (fernet) => [fernet.decrypt(token), fernet.extractTimestamp(token)] as const,
    );
    try {
      return this.#primary.encryptAtTime(plaintext, timestamp);
    } finally {
      plaintext.fill(0);
    }
  }

  /** Decrypts with the first key that verifies `msg` (see {@link Fernet.decrypt}). */
  decrypt(msg: Uint8Array | string, ttl?: number | null): Buffer {
    const token = tokenBytes(msg);
    if (ttl === undefined || ttl === null) {
      return this.#firstThatWorks((fernet) => fernet.decrypt(token));
    }
    const checkedTtl = checkTime("ttl", ttl);
    const time = now();
    return this.#firstThatWorks((fernet) => fernet.decryptAtTime(token, checkedTtl, time));
  }

  /** Like {@link decrypt} with a TTL, at `currentTime`. */
  decryptAtTime(msg: Uint8Array | string, ttl: number, currentTime: number): Buffer {
    if (ttl === null || ttl === undefined) throw new ValueError(NO_TTL_MESSAGE);
    const checkedTtl = checkTime("ttl", ttl);
    const time = checkTime("currentTime", currentTime);
    const token = tokenBytes(msg);
    return this.#firstThatWorks((fernet) => fernet.decryptAtTime(token, checkedTtl, time));
  }

  /** The timestamp of `msg`, once one of the keys has verified it. */
  extractTimestamp(msg: Uint8Array | string): number {
    const token = tokenBytes(msg);
    return this.#firstThatWorks((fernet) => fernet.extractTimestamp(token));
  }

  /** Key material is never shown. */
  toString(): string {
    return `<MultiFernet of ${this.#fernets.length}>`;
  }
}
