/**
 * `cryptography.hazmat.primitives.kdf.concatkdf`: the one-step KDF of NIST SP 800-56A/56C
 * ("Concatenation KDF"), with a hash or with HMAC: OpenSSL's `EVP_KDF` "SSKDF".
 *
 * ```ts
 * const key = new ConcatKDFHash(new SHA256(), 32, otherInfo).derive(sharedSecret);
 * const key2 = new ConcatKDFHMAC(new SHA256(), 32, salt, otherInfo).derive(sharedSecret);
 * ```
 *
 * The shared secret must not be empty and SHAKE is not supported (OpenSSL refuses both; PyCA
 * accepts them), and one call derives at most 1 GiB (OpenSSL's limit).
 *
 * @module
 */
import { ValueError } from "../../exceptions.js";
import { native } from "../../lib/native.js";
import { invalidType } from "../../lib/validate.js";
import { type HashAlgorithm, resolveHashAlgorithm } from "../hashes.js";
import {
  checkLength,
  KeyDerivationFunction,
  keepOptionalBytes,
  resolveFixedOutputHash,
  resolveHmacHash,
} from "./base.js";

/**
 * SP 800-56C's limit for the one-step KDFs (ConcatKDF and X9.63): 2^32 - 1 blocks. PyCA's
 * message says "bits" of a number of bytes; it is kept word for word.
 *
 * @internal Shared with `x963kdf`.
 */
export function checkOneStepLength(algorithm: HashAlgorithm, length: number): number {
  const max = algorithm.digestSize * (2 ** 32 - 1);
  if (length > max) throw new ValueError(`Cannot derive keys larger than ${max} bits.`);
  return length;
}

/** ConcatKDF with a hash (PyCA's `ConcatKDFHash`). One derivation per instance. */
export class ConcatKDFHash extends KeyDerivationFunction {
  /** The hash the KDF is built on. */
  readonly algorithm: HashAlgorithm;
  readonly #hashId: number;
  readonly #length: number;
  readonly #otherInfo: Buffer | null;

  /** `length` bytes of key; `otherinfo` is bytes or `null`. */
  constructor(algorithm: HashAlgorithm, length: number, otherinfo: Uint8Array | null) {
    super();
    this.#hashId = resolveFixedOutputHash(algorithm, "ConcatKDF");
    this.algorithm = algorithm;
    this.#length = checkOneStepLength(algorithm, checkLength(length, Number.MAX_SAFE_INTEGER));
    this.#otherInfo = keepOptionalBytes("otherinfo", otherinfo);
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    return native.kdfConcatHash(this.#hashId, keyMaterial, this.#otherInfo, this.#length);
  }
}

/** ConcatKDF with HMAC (PyCA's `ConcatKDFHMAC`). One derivation per instance. */
export class ConcatKDFHMAC extends KeyDerivationFunction {
  /** The hash HMAC is built on. */
  readonly algorithm: HashAlgorithm;
  readonly #hashId: number;
  readonly #length: number;
  readonly #salt: Buffer | null;
  readonly #otherInfo: Buffer | null;

  /**
   * `length` bytes of key with HMAC over `algorithm` (a hash with a block size: not SHA-3 or
   * SHAKE); `salt` (no salt is `blockSize` zero bytes) and `otherinfo` are bytes or `null`.
   */
  constructor(
    algorithm: HashAlgorithm,
    length: number,
    salt: Uint8Array | null,
    otherinfo: Uint8Array | null,
  ) {
    super();
    const hashId = resolveHmacHashForConcat(algorithm);
    this.#hashId = hashId;
    this.algorithm = algorithm;
    this.#length = checkOneStepLength(algorithm, checkLength(length, Number.MAX_SAFE_INTEGER));
    this.#salt = keepOptionalBytes("salt", salt);
    this.#otherInfo = keepOptionalBytes("otherinfo", otherinfo);
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    return native.kdfConcatHmac(
      this.#hashId,
      keyMaterial,
      this.#salt,
      this.#otherInfo,
      this.#length,
    );
  }
}

/** PyCA needs the hash's block size for the default salt, so SHA-3 and SHAKE are refused. */
function resolveHmacHashForConcat(algorithm: HashAlgorithm): number {
  resolveHashAlgorithm("algorithm", algorithm);
  if (algorithm.blockSize === null || algorithm.blockSize === undefined) {
    throw invalidType(`${algorithm.name} is unsupported for ConcatKDF`);
  }
  return resolveHmacHash(algorithm);
}
