/**
 * `cryptography.hazmat.primitives.asymmetric.rsa`: RSA keys (generation, PKCS#1 v1.5 and PSS
 * signatures, OAEP and PKCS#1 v1.5 encryption), their numbers, and the CRT helpers.
 *
 * ```ts
 * const key = generatePrivateKey(65537, 3072);          // or await generatePrivateKeyAsync(…)
 * const pss = new PSS(new MGF1(new SHA256()), PSS.MAX_LENGTH);
 * const signature = key.sign(message, pss, new SHA256());
 * key.publicKey().verify(signature, message, pss, new SHA256()); // InvalidSignature if not
 * ```
 *
 * Decryption failures are one `ValueError("Decryption failed")` that says nothing about why;
 * PKCS#1 v1.5 uses implicit rejection (a bad ciphertext decrypts to pseudo-random bytes), as
 * PyCA does on OpenSSL 3.2+.
 *
 * @module
 */

import type {
  PrivateKey as NativePrivateKey,
  PublicKey as NativePublicKey,
} from "../../../index.js";
import { _Reasons, UnsupportedAlgorithm, ValueError } from "../../exceptions.js";
import { expectBigint, fromHex, toHex } from "../../lib/bigint.js";
import { awaitNative, callNative, native } from "../../lib/native.js";
import { checkBytes, describeType, invalidType } from "../../lib/validate.js";
import { type HashAlgorithm, resolveHashAlgorithm } from "../hashes.js";
import {
  type Encoding,
  type KeySerializationEncryption,
  type PrivateFormat,
  type PublicFormat,
  privateBytesOf,
  publicBytesOf,
} from "../serialization/base.js";
import { HANDLE, PrivateKeyObject, PublicKeyObject, registerKeyType } from "./base.js";
import {
  _Auto,
  _DigestLength,
  _MaxLength,
  AsymmetricPadding,
  checkHashAlgorithm,
  MGF1,
  OAEP,
  PKCS1v15,
  PSS,
} from "./padding.js";
import { Prehashed } from "./utils.js";

/** Padding kinds as `crates/hazmat/src/rsa.rs` numbers them. */
const KIND_PKCS1V15 = 0;
const KIND_PSS = 1;
const KIND_OAEP = 2;
const KIND_OTHER = 99;
/** PSS salt-length sentinels as OpenSSL encodes them. */
const SALT_DIGEST = -1;
const SALT_AUTO = -2;
const SALT_MAX = -3;

/** The largest modulus OpenSSL accepts. */
const MAX_KEY_SIZE = 16384;

function checkPadding(padding: unknown): AsymmetricPadding {
  if (!(padding instanceof AsymmetricPadding)) {
    throw invalidType("Padding must be an instance of AsymmetricPadding.");
  }
  return padding;
}

function mgf1HashId(mgf: unknown): number {
  if (!(mgf instanceof MGF1)) {
    throw new UnsupportedAlgorithm(
      "Only MGF1 is supported by this backend.",
      _Reasons.UNSUPPORTED_MGF,
    );
  }
  return resolveHashAlgorithm("mgf", mgf._algorithm).id;
}

function kindOf(padding: AsymmetricPadding): number {
  if (padding instanceof PKCS1v15) return KIND_PKCS1V15;
  if (padding instanceof PSS) return KIND_PSS;
  if (padding instanceof OAEP) return KIND_OAEP;
  return KIND_OTHER;
}

function unsupportedPadding(padding: AsymmetricPadding): UnsupportedAlgorithm {
  return new UnsupportedAlgorithm(
    `${padding.name} is not supported by this backend.`,
    _Reasons.UNSUPPORTED_PADDING,
  );
}

/** [kind, mgf1 hash id, salt length] of a signature padding. */
function signaturePadding(padding: unknown): [number, number, number] {
  const checked = checkPadding(padding);
  const kind = kindOf(checked);
  if (kind === KIND_PSS) {
    const pss = checked as PSS;
    const mgf = mgf1HashId(pss._mgf);
    const salt = pss._saltLength;
    const saltLength =
      salt instanceof _MaxLength
        ? SALT_MAX
        : salt instanceof _DigestLength
          ? SALT_DIGEST
          : salt instanceof _Auto
            ? SALT_AUTO
            : (salt as number);
    if (saltLength > 2 ** 31 - 1) {
      throw new ValueError(
        "Digest or salt length too long for key size. Use a larger key or shorter salt length if you are specifying a PSS salt",
      );
    }
    return [kind, mgf, saltLength];
  }
  if (kind === KIND_PKCS1V15) return [kind, 0, 0];
  throw unsupportedPadding(checked);
}

/** [kind, mgf1 hash id, oaep hash id, label] of an encryption padding. */
function encryptionPadding(padding: unknown): [number, number, number, Uint8Array | null] {
  const checked = checkPadding(padding);
  const kind = kindOf(checked);
  if (kind === KIND_OAEP) {
    const oaep = checked as OAEP;
    const mgf = mgf1HashId(oaep._mgf);
    return [kind, mgf, resolveHashAlgorithm("algorithm", oaep._algorithm).id, oaep._label];
  }
  if (kind === KIND_PKCS1V15) return [kind, 0, 0, null];
  throw unsupportedPadding(checked);
}

/** [prehashed, hash id] of a signature's algorithm. */
function signatureAlgorithm(algorithm: unknown): [boolean, number] {
  if (algorithm instanceof Prehashed) {
    return [true, resolveHashAlgorithm("algorithm", algorithm._algorithm).id];
  }
  return [false, resolveHashAlgorithm("algorithm", checkHashAlgorithm(algorithm)).id];
}

/** An RSA private key (PyCA's `RSAPrivateKey`). */
export class RSAPrivateKey extends PrivateKeyObject {
  /** The modulus's size in bits. */
  get keySize(): number {
    return this[HANDLE].keySize();
  }

  /** The matching public key. */
  publicKey(): RSAPublicKey {
    return new RSAPublicKey(callNative(() => this[HANDLE].publicKey()));
  }

  /**
   * Signs `data` (or, with `Prehashed(algorithm)`, a digest) with `padding` (`PKCS1v15` or
   * `PSS`) over `algorithm`.
   */
  sign(data: Uint8Array, padding: AsymmetricPadding, algorithm: HashAlgorithm | Prehashed): Buffer {
    const bytes = checkBytes("data", data);
    const [kind, mgf, saltLength] = signaturePadding(padding);
    const [prehashed, hashId] = signatureAlgorithm(algorithm);
    if (prehashed && bytes.length !== (algorithm as Prehashed).digestSize) {
      throw new ValueError(
        "The provided data must be the same length as the hash algorithm's digest size.",
      );
    }
    return callNative(() =>
      native.rsaSign(this[HANDLE], bytes, prehashed, hashId, kind, mgf, saltLength),
    );
  }

  /**
   * Decrypts `ciphertext` (exactly the key's size) with `padding` (`OAEP` or `PKCS1v15`).
   * Every failure is the same `ValueError("Decryption failed")`.
   */
  decrypt(ciphertext: Uint8Array, padding: AsymmetricPadding): Buffer {
    const bytes = checkBytes("ciphertext", ciphertext);
    const [kind, mgf, hashId, label] = encryptionPadding(padding);
    return callNative(() => native.rsaDecrypt(this[HANDLE], bytes, kind, mgf, hashId, label));
  }

  /** The key's numbers (PyCA's `private_numbers()`). */
  privateNumbers(): RSAPrivateNumbers {
    const hex = callNative(() => native.rsaPrivateNumbers(this[HANDLE]));
    return new RSAPrivateNumbers(
      fromHex(hex.p),
      fromHex(hex.q),
      fromHex(hex.d),
      fromHex(hex.dmp1),
      fromHex(hex.dmq1),
      fromHex(hex.iqmp),
      new RSAPublicNumbers(fromHex(hex.e), fromHex(hex.n)),
    );
  }

  /** The key serialized (PKCS8 or TraditionalOpenSSL, PEM or DER, optionally encrypted). */
  privateBytes(
    encoding: Encoding,
    format: PrivateFormat,
    encryptionAlgorithm: KeySerializationEncryption,
  ): Buffer {
    return privateBytesOf(this[HANDLE], encoding, format, encryptionAlgorithm);
  }
}

/** An RSA public key (PyCA's `RSAPublicKey`). */
export class RSAPublicKey extends PublicKeyObject {
  /** The modulus's size in bits. */
  get keySize(): number {
    return this[HANDLE].keySize();
  }

  /** Throws `InvalidSignature` unless `signature` is a valid signature of `data`. */
  verify(
    signature: Uint8Array,
    data: Uint8Array,
    padding: AsymmetricPadding,
    algorithm: HashAlgorithm | Prehashed,
  ): void {
    const sig = checkBytes("signature", signature);
    const bytes = checkBytes("data", data);
    const [kind, mgf, saltLength] = signaturePadding(padding);
    const [prehashed, hashId] = signatureAlgorithm(algorithm);
    if (prehashed && bytes.length !== (algorithm as Prehashed).digestSize) {
      throw new ValueError(
        "The provided data must be the same length as the hash algorithm's digest size.",
      );
    }
    callNative(() =>
      native.rsaVerify(this[HANDLE], sig, bytes, prehashed, hashId, kind, mgf, saltLength),
    );
  }

  /** Encrypts `plaintext` with `padding` (`OAEP` or `PKCS1v15`). */
  encrypt(plaintext: Uint8Array, padding: AsymmetricPadding): Buffer {
    const bytes = checkBytes("plaintext", plaintext);
    const [kind, mgf, hashId, label] = encryptionPadding(padding);
    return callNative(() => native.rsaEncrypt(this[HANDLE], bytes, kind, mgf, hashId, label));
  }

  /**
   * The data signed in a PKCS#1 v1.5 `signature`: the digest when `algorithm` is given, the
   * raw payload when it is `null`. `InvalidSignature` if the signature does not open.
   */
  recoverDataFromSignature(
    signature: Uint8Array,
    padding: AsymmetricPadding,
    algorithm: HashAlgorithm | null,
  ): Buffer {
    const sig = checkBytes("signature", signature);
    const checked = checkPadding(padding);
    if (algorithm instanceof Prehashed) {
      throw invalidType(
        "Prehashed is only supported in the sign and verify methods. It cannot be used with recover_data_from_signature.",
      );
    }
    const hashId =
      algorithm === null || algorithm === undefined
        ? null
        : resolveHashAlgorithm("algorithm", checkHashAlgorithm(algorithm)).id;
    const kind = kindOf(checked);
    return callNative(() => native.rsaRecoverDataFromSignature(this[HANDLE], sig, kind, hashId));
  }

  /** The key's numbers (PyCA's `public_numbers()`). */
  publicNumbers(): RSAPublicNumbers {
    const hex = callNative(() => native.rsaPublicNumbers(this[HANDLE]));
    return new RSAPublicNumbers(fromHex(hex.e), fromHex(hex.n));
  }

  /** The key serialized (SubjectPublicKeyInfo, PKCS1 or OpenSSH). */
  publicBytes(encoding: Encoding, format: PublicFormat): Buffer {
    return publicBytesOf(this[HANDLE], encoding, format);
  }
}

/** The public numbers of an RSA key: exponent `e` and modulus `n`. */
export class RSAPublicNumbers {
  readonly e: bigint;
  readonly n: bigint;

  constructor(e: bigint, n: bigint) {
    this.e = expectBigint(e, "RSAPublicNumbers arguments must be bigints");
    this.n = expectBigint(n, "RSAPublicNumbers arguments must be bigints");
  }

  /** The public key with these numbers (`ValueError` for impossible ones). */
  publicKey(): RSAPublicKey {
    return new RSAPublicKey(
      callNative(() => native.rsaLoadPublicNumbers(toHex(this.e), toHex(this.n))),
    );
  }

  equals(other: unknown): boolean {
    return other instanceof RSAPublicNumbers && other.e === this.e && other.n === this.n;
  }

  toString(): string {
    return `<RSAPublicNumbers(e=${this.e}, n=${this.n})>`;
  }
}

/** Options of {@link RSAPrivateNumbers.privateKey}. */
export interface PrivateKeyOptions {
  /**
   * Skip OpenSSL's (slow) consistency check of the key. Only for keys from a trusted source:
   * an invalid key may then give wrong results or leak its factors.
   */
  unsafeSkipRsaKeyValidation?: boolean;
}

/** The private numbers of an RSA key, CRT parameters included. Secret. */
export class RSAPrivateNumbers {
  readonly p: bigint;
  readonly q: bigint;
  readonly d: bigint;
  readonly dmp1: bigint;
  readonly dmq1: bigint;
  readonly iqmp: bigint;
  readonly publicNumbers: RSAPublicNumbers;

  constructor(
    p: bigint,
    q: bigint,
    d: bigint,
    dmp1: bigint,
    dmq1: bigint,
    iqmp: bigint,
    publicNumbers: RSAPublicNumbers,
  ) {
    const message = "RSAPrivateNumbers p, q, d, dmp1, dmq1 and iqmp must all be bigints";
    this.p = expectBigint(p, message);
    this.q = expectBigint(q, message);
    this.d = expectBigint(d, message);
    this.dmp1 = expectBigint(dmp1, message);
    this.dmq1 = expectBigint(dmq1, message);
    this.iqmp = expectBigint(iqmp, message);
    if (!(publicNumbers instanceof RSAPublicNumbers)) {
      throw invalidType(
        `RSAPrivateNumbers publicNumbers must be an RSAPublicNumbers instance, got ${describeType(publicNumbers)}`,
      );
    }
    this.publicNumbers = publicNumbers;
  }

  /** The private key with these numbers; `ValueError` if they do not form a valid key. */
  privateKey(options: PrivateKeyOptions = {}): RSAPrivateKey {
    const skip = options?.unsafeSkipRsaKeyValidation ?? false;
    if (typeof skip !== "boolean") {
      throw invalidType("unsafeSkipRsaKeyValidation must be a boolean");
    }
    const numbers = {
      p: toHex(this.p),
      q: toHex(this.q),
      d: toHex(this.d),
      dmp1: toHex(this.dmp1),
      dmq1: toHex(this.dmq1),
      iqmp: toHex(this.iqmp),
      e: toHex(this.publicNumbers.e),
      n: toHex(this.publicNumbers.n),
    };
    return new RSAPrivateKey(callNative(() => native.rsaLoadPrivateNumbers(numbers, skip)));
  }

  equals(other: unknown): boolean {
    return (
      other instanceof RSAPrivateNumbers &&
      other.p === this.p &&
      other.q === this.q &&
      other.d === this.d &&
      other.dmp1 === this.dmp1 &&
      other.dmq1 === this.dmq1 &&
      other.iqmp === this.iqmp &&
      this.publicNumbers.equals(other.publicNumbers)
    );
  }

  /** Never shows the secret numbers. */
  toString(): string {
    return "<RSAPrivateNumbers>";
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  toJSON(): string {
    return this.toString();
  }
}

function checkExponent(publicExponent: unknown): number {
  if (typeof publicExponent === "bigint") {
    if (publicExponent === 3n || publicExponent === 65537n) return Number(publicExponent);
  } else if (typeof publicExponent === "number") {
    if (publicExponent === 3 || publicExponent === 65537) return publicExponent;
  } else {
    throw invalidType(
      `publicExponent must be a number or bigint, got ${describeType(publicExponent)}`,
    );
  }
  throw new ValueError(
    "public_exponent must be either 3 (for legacy compatibility) or 65537. Almost everyone should choose 65537 here!",
  );
}

function checkKeySize(keySize: unknown): number {
  if (typeof keySize !== "number" || !Number.isInteger(keySize)) {
    throw invalidType(`keySize must be an integer, got ${describeType(keySize)}`);
  }
  if (keySize < 1024) throw new ValueError("key_size must be at least 1024-bits.");
  if (keySize > MAX_KEY_SIZE) {
    throw new ValueError(`key_size must be at most ${MAX_KEY_SIZE} bits (OpenSSL's limit).`);
  }
  return keySize;
}

/** A new RSA private key: `publicExponent` 65537 (or 3, legacy), `keySize` ≥ 1024 bits. */
export function generatePrivateKey(
  publicExponent: number | bigint,
  keySize: number,
): RSAPrivateKey {
  const e = checkExponent(publicExponent);
  const size = checkKeySize(keySize);
  return new RSAPrivateKey(callNative(() => native.rsaGeneratePrivateKey(e, size)));
}

/** {@link generatePrivateKey} on hazmat's low-priority background pool, leaving the event loop free. */
export async function generatePrivateKeyAsync(
  publicExponent: number | bigint,
  keySize: number,
): Promise<RSAPrivateKey> {
  const e = checkExponent(publicExponent);
  const size = checkKeySize(keySize);
  const handle = await awaitNative(callNative(() => native.rsaGeneratePrivateKeyAsync(e, size)));
  return new RSAPrivateKey(handle);
}

function crt(call: () => string): bigint {
  return fromHex(callNative(call));
}

/** `q⁻¹ mod p`, the CRT coefficient. */
export function rsaCrtIqmp(p: bigint, q: bigint): bigint {
  const message = "p and q must be bigints";
  return crt(() =>
    native.rsaCrtIqmp(toHex(expectBigint(p, message)), toHex(expectBigint(q, message))),
  );
}

/** `d mod (p - 1)`. */
export function rsaCrtDmp1(privateExponent: bigint, p: bigint): bigint {
  const message = "privateExponent and p must be bigints";
  return crt(() =>
    native.rsaCrtExponent(
      toHex(expectBigint(privateExponent, message)),
      toHex(expectBigint(p, message)),
    ),
  );
}

/** `d mod (q - 1)`. */
export function rsaCrtDmq1(privateExponent: bigint, q: bigint): bigint {
  const message = "privateExponent and q must be bigints";
  return crt(() =>
    native.rsaCrtExponent(
      toHex(expectBigint(privateExponent, message)),
      toHex(expectBigint(q, message)),
    ),
  );
}

/** The private exponent `e⁻¹ mod λ(n)` from `e`, `p` and `q`. */
export function rsaRecoverPrivateExponent(e: bigint, p: bigint, q: bigint): bigint {
  const message = "e, p and q must be bigints";
  return crt(() =>
    native.rsaRecoverPrivateExponent(
      toHex(expectBigint(e, message)),
      toHex(expectBigint(p, message)),
      toHex(expectBigint(q, message)),
    ),
  );
}

/** The factors `[p, q]` (p > q) of `n` from the exponents `e` and `d`. */
export function rsaRecoverPrimeFactors(n: bigint, e: bigint, d: bigint): [bigint, bigint] {
  const message = "n, e and d must be bigints";
  const [p = "0", q = "0"] = callNative(() =>
    native.rsaRecoverPrimeFactors(
      toHex(expectBigint(n, message)),
      toHex(expectBigint(e, message)),
      toHex(expectBigint(d, message)),
    ),
  );
  return [fromHex(p), fromHex(q)];
}

registerKeyType("RSA", {
  wrapPrivate: (handle: NativePrivateKey) => new RSAPrivateKey(handle),
  wrapPublic: (handle: NativePublicKey) => new RSAPublicKey(handle),
});
// PyCA loads RSA-PSS keys as plain RSA keys, the padding being the caller's choice.
registerKeyType("RSA-PSS", {
  wrapPrivate: (handle: NativePrivateKey) =>
    new RSAPrivateKey(callNative(() => native.rsaPrivateAsPlainRsa(handle))),
  wrapPublic: (handle: NativePublicKey) =>
    new RSAPublicKey(callNative(() => native.rsaPublicAsPlainRsa(handle))),
});
