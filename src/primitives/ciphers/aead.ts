/**
 * `cryptography.hazmat.primitives.ciphers.aead`: AESGCM, ChaCha20Poly1305, AESCCM, AESSIV,
 * AESOCB3 and AESGCMSIV. One native type serves all six (a per-algorithm table in
 * `crates/hazmat/src/aead.rs`); each object keeps its keyed OpenSSL contexts, so a call only
 * sets the nonce, and crosses into the addon once, through the raw paths of `lib/fast.ts`. The rules below (key, nonce, tag sizes and their messages) are PyCA's.
 *
 * @module
 */
import { ValueError } from "../../exceptions.js";
import { type AeadHandle, createAead, fast } from "../../lib/fast.js";
import { callNative } from "../../lib/native.js";
import { checkBytes, checkInteger, describeType, invalidType } from "../../lib/validate.js";
import { randomBytes } from "../../random.js";

/** PyCA's per-call cap on data and associated data (it raises OverflowError). */
const MAX_LENGTH = 2 ** 31 - 1;

interface AeadRules {
  /** The native table row. */
  native: string;
  keyBits: readonly number[];
  keyMessage: string;
  generateKeyMessage: string;
  nonce: { min: number; max: number; message: string } | null;
}

function checkLength(what: Uint8Array): void {
  if (what.length > MAX_LENGTH) {
    throw new ValueError("Data or associated data too long. Max 2**31 - 1 bytes");
  }
}

function checkAad(associatedData: unknown): Uint8Array | null {
  if (associatedData === null || associatedData === undefined) return null;
  const aad = checkBytes("associatedData", associatedData);
  checkLength(aad);
  return aad;
}

/** A caller's output buffer for `…Into`: bytes, and room for `needed` bytes. */
function outputBuffer(buf: unknown, needed: number): Uint8Array {
  const out = checkBytes("buf", buf);
  if (out.length < needed) {
    throw new ValueError(`buffer must be at least ${needed} bytes for this payload`);
  }
  return out;
}

/** Checked arguments of one AEAD call. */
interface Checked {
  nonce: Uint8Array;
  data: Uint8Array;
}

function generateKeyOf(rules: AeadRules, bitLength: number): Buffer {
  checkInteger("bitLength", bitLength, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (!rules.keyBits.includes(bitLength)) throw new ValueError(rules.generateKeyMessage);
  return randomBytes(bitLength / 8);
}

/** Shared body of the nonce-based AEADs. */
abstract class NonceAead {
  readonly #native: AeadHandle;
  readonly #rules: AeadRules;
  readonly #tagLength: number;

  protected constructor(rules: AeadRules, key: unknown, tagLength = 16) {
    const checked = checkBytes("key", key);
    if (!rules.keyBits.includes(checked.length * 8)) throw new ValueError(rules.keyMessage);
    this.#rules = rules;
    this.#tagLength = tagLength;
    this.#native = callNative(() => createAead(rules.native, checked, tagLength));
  }

  #checkNonce(nonce: unknown): Uint8Array {
    const checked = checkBytes("nonce", nonce);
    const rule = this.#rules.nonce;
    if (rule !== null && (checked.length < rule.min || checked.length > rule.max)) {
      throw new ValueError(rule.message);
    }
    return checked;
  }

  /** Hook for AESCCM's length-vs-nonce rule. */
  protected checkDataForNonce(_nonce: Uint8Array, _data: Uint8Array): void {}

  #checked(nonce: unknown, data: unknown, sealing: boolean): Checked {
    const checkedNonce = this.#checkNonce(nonce);
    const checkedData = checkBytes("data", data);
    checkLength(checkedData);
    if (sealing) this.checkDataForNonce(checkedNonce, checkedData);
    return { nonce: checkedNonce, data: checkedData };
  }

  /** Encrypts and authenticates `data`; returns ciphertext ‖ tag. */
  encrypt(nonce: Uint8Array, data: Uint8Array, associatedData: Uint8Array | null): Buffer {
    const args = this.#checked(nonce, data, true);
    const aad = checkAad(associatedData);
    const out = Buffer.allocUnsafe(args.data.length + this.#tagLength);
    callNative(() => fast.aeadSeal(this.#native, args.nonce, args.data, aad, out));
    return out;
  }

  /** Like {@link encrypt}, writing into `buf`; returns the number of bytes written. */
  encryptInto(
    nonce: Uint8Array,
    data: Uint8Array,
    associatedData: Uint8Array | null,
    buf: Uint8Array,
  ): number {
    const args = this.#checked(nonce, data, true);
    const aad = checkAad(associatedData);
    const out = outputBuffer(buf, args.data.length + this.#tagLength);
    return callNative(() => fast.aeadSeal(this.#native, args.nonce, args.data, aad, out));
  }

  /** Verifies and decrypts ciphertext ‖ tag; InvalidTag if anything was altered. */
  decrypt(nonce: Uint8Array, data: Uint8Array, associatedData: Uint8Array | null): Buffer {
    const args = this.#checked(nonce, data, false);
    const aad = checkAad(associatedData);
    const out = Buffer.allocUnsafe(Math.max(0, args.data.length - this.#tagLength));
    callNative(() => fast.aeadOpen(this.#native, args.nonce, args.data, aad, out));
    return out;
  }

  /** Like {@link decrypt}, writing into `buf`; returns the number of bytes written. */
  decryptInto(
    nonce: Uint8Array,
    data: Uint8Array,
    associatedData: Uint8Array | null,
    buf: Uint8Array,
  ): number {
    const args = this.#checked(nonce, data, false);
    const aad = checkAad(associatedData);
    const out = outputBuffer(buf, Math.max(0, args.data.length - this.#tagLength));
    return callNative(() => fast.aeadOpen(this.#native, args.nonce, args.data, aad, out));
  }

  /** Key material is never shown. */
  toString(): string {
    return `<${this.constructor.name}>`;
  }
}

const AESGCM_RULES: AeadRules = {
  native: "AESGCM",
  keyBits: [128, 192, 256],
  keyMessage: "AESGCM key must be 128, 192, or 256 bits.",
  generateKeyMessage: "bit_length must be 128, 192, or 256",
  nonce: { min: 8, max: 128, message: "Nonce must be between 8 and 128 bytes" },
};

/** AES in Galois/counter mode. Nonces of 8 to 128 bytes (12 recommended), 16-byte tags. */
export class AESGCM extends NonceAead {
  constructor(key: Uint8Array) {
    super(AESGCM_RULES, key);
  }

  /** A new random key of 128, 192 or 256 bits. */
  static generateKey(bitLength: number): Buffer {
    return generateKeyOf(AESGCM_RULES, bitLength);
  }
}

const CHACHA_RULES: AeadRules = {
  native: "ChaCha20Poly1305",
  keyBits: [256],
  keyMessage: "ChaCha20Poly1305 key must be 32 bytes.",
  generateKeyMessage: "ChaCha20Poly1305 keys are 256 bits",
  nonce: { min: 12, max: 12, message: "Nonce must be 12 bytes" },
};

/** ChaCha20-Poly1305 (RFC 8439): 32-byte keys, 12-byte nonces, 16-byte tags. */
export class ChaCha20Poly1305 extends NonceAead {
  constructor(key: Uint8Array) {
    super(CHACHA_RULES, key);
  }

  /** A new random 256-bit key. */
  static generateKey(): Buffer {
    return randomBytes(32);
  }
}

const CCM_RULES: AeadRules = {
  native: "AESCCM",
  keyBits: [128, 192, 256],
  keyMessage: "AESCCM key must be 128, 192, or 256 bits.",
  generateKeyMessage: "bit_length must be 128, 192, or 256",
  nonce: { min: 7, max: 13, message: "Nonce must be between 7 and 13 bytes" },
};

/** AES in counter-with-CBC-MAC mode: nonces of 7 to 13 bytes, tags of 4 to 16 (even) bytes. */
export class AESCCM extends NonceAead {
  constructor(key: Uint8Array, tagLength = 16) {
    if (typeof tagLength !== "number") {
      throw invalidType(`tagLength must be a number, got ${describeType(tagLength)}`);
    }
    if (![4, 6, 8, 10, 12, 14, 16].includes(tagLength)) throw new ValueError("Invalid tag_length");
    super(CCM_RULES, key, tagLength);
  }

  protected override checkDataForNonce(nonce: Uint8Array, data: Uint8Array): void {
    // The message length must fit in the 15 - nonce.length bytes CCM leaves for it.
    const lengthBytes = 15 - nonce.length;
    if (lengthBytes < 6 && data.length >= 2 ** (8 * lengthBytes)) {
      throw new ValueError("Data too long for nonce");
    }
  }

  /** A new random key of 128, 192 or 256 bits. */
  static generateKey(bitLength: number): Buffer {
    return generateKeyOf(CCM_RULES, bitLength);
  }
}

const OCB_RULES: AeadRules = {
  native: "AESOCB3",
  keyBits: [128, 192, 256],
  keyMessage: "AESOCB3 key must be 128, 192, or 256 bits.",
  generateKeyMessage: "bit_length must be 128, 192, or 256",
  nonce: { min: 12, max: 15, message: "Nonce must be between 12 and 15 bytes" },
};

/** AES-OCB3 (RFC 7253): nonces of 12 to 15 bytes, 16-byte tags. */
export class AESOCB3 extends NonceAead {
  constructor(key: Uint8Array) {
    super(OCB_RULES, key);
  }

  /** A new random key of 128, 192 or 256 bits. */
  static generateKey(bitLength: number): Buffer {
    return generateKeyOf(OCB_RULES, bitLength);
  }
}

const GCMSIV_RULES: AeadRules = {
  native: "AESGCMSIV",
  keyBits: [128, 192, 256],
  keyMessage: "AES-GCM-SIV key must be 128, 192 or 256 bits.",
  generateKeyMessage: "bit_length must be 128, 192, or 256",
  nonce: { min: 12, max: 12, message: "Nonce must be 12 bytes long" },
};

/** AES-GCM-SIV (RFC 8452), nonce-misuse resistant: 12-byte nonces, 16-byte tags. */
export class AESGCMSIV extends NonceAead {
  constructor(key: Uint8Array) {
    super(GCMSIV_RULES, key);
  }

  /** A new random key of 128, 192 or 256 bits. */
  static generateKey(bitLength: number): Buffer {
    return generateKeyOf(GCMSIV_RULES, bitLength);
  }
}

const SIV_RULES: AeadRules = {
  native: "AESSIV",
  keyBits: [256, 384, 512],
  keyMessage: "AESSIV key must be 256, 384, or 512 bits.",
  generateKeyMessage: "bit_length must be 256, 384, or 512",
  nonce: null,
};

function checkSivData(data: unknown): Uint8Array {
  const checked = checkBytes("data", data);
  checkLength(checked);
  return checked;
}

function checkAadList(associatedData: unknown): Uint8Array[] {
  if (associatedData === null || associatedData === undefined) return [];
  if (!Array.isArray(associatedData)) {
    throw invalidType(
      `associatedData must be an array of bytes or null, got ${describeType(associatedData)}`,
    );
  }
  return associatedData.map((item, index) => {
    const checked = checkBytes(`associatedData[${index}]`, item);
    checkLength(checked);
    return checked;
  });
}

/**
 * AES-SIV (RFC 5297), deterministic authenticated encryption. Keys of 256, 384 or 512 bits (two
 * AES keys). There is no nonce argument: pass one as the last associated-data item. Output is
 * the 16-byte synthetic IV followed by the ciphertext.
 */
export class AESSIV {
  readonly #native: AeadHandle;

  constructor(key: Uint8Array) {
    const checked = checkBytes("key", key);
    if (!SIV_RULES.keyBits.includes(checked.length * 8)) throw new ValueError(SIV_RULES.keyMessage);
    this.#native = callNative(() => createAead("AESSIV", checked, 16));
  }

  /** A new random key of 256, 384 or 512 bits. */
  static generateKey(bitLength: number): Buffer {
    return generateKeyOf(SIV_RULES, bitLength);
  }

  /** Encrypts `data`, authenticating each item of `associatedData`; returns SIV ‖ ciphertext. */
  encrypt(data: Uint8Array, associatedData: Uint8Array[] | null): Buffer {
    const checkedData = checkSivData(data);
    const aads = checkAadList(associatedData);
    const out = Buffer.allocUnsafe(checkedData.length + 16);
    callNative(() => fast.aeadSeal(this.#native, null, checkedData, aads, out));
    return out;
  }

  /** Like {@link encrypt}, writing into `buf`; returns the number of bytes written. */
  encryptInto(data: Uint8Array, associatedData: Uint8Array[] | null, buf: Uint8Array): number {
    const checkedData = checkSivData(data);
    const aads = checkAadList(associatedData);
    const out = outputBuffer(buf, checkedData.length + 16);
    return callNative(() => fast.aeadSeal(this.#native, null, checkedData, aads, out));
  }

  /** Verifies and decrypts SIV ‖ ciphertext; InvalidTag if anything was altered. */
  decrypt(data: Uint8Array, associatedData: Uint8Array[] | null): Buffer {
    const checkedData = checkSivData(data);
    const aads = checkAadList(associatedData);
    const out = Buffer.allocUnsafe(Math.max(0, checkedData.length - 16));
    callNative(() => fast.aeadOpen(this.#native, null, checkedData, aads, out));
    return out;
  }

  /** Like {@link decrypt}, writing into `buf`; returns the number of bytes written. */
  decryptInto(data: Uint8Array, associatedData: Uint8Array[] | null, buf: Uint8Array): number {
    const checkedData = checkSivData(data);
    const aads = checkAadList(associatedData);
    const out = outputBuffer(buf, Math.max(0, checkedData.length - 16));
    return callNative(() => fast.aeadOpen(this.#native, null, checkedData, aads, out));
  }

  /** Key material is never shown. */
  toString(): string {
    return "<AESSIV>";
  }
}
