/**
 * `cryptography.hazmat.primitives.hashes`: message digests.
 *
 * ```ts
 * const h = new Hash(new SHA256());
 * h.update(Buffer.from("abc"));
 * h.finalize(); // 32 bytes
 * hash(new SHA256(), Buffer.from("abc")); // the same, in one native call (a hazmat addition)
 * ```
 *
 * Algorithms keep PyCA's `name`, `digestSize` and `blockSize`. Any object with a `name` hazmat
 * knows and a numeric `digestSize` is accepted as a {@link HashAlgorithm}, as PyCA accepts any
 * `HashAlgorithm` subclass; an unknown name is an {@link UnsupportedAlgorithm}.
 *
 * @module
 */
import type { HashAlgorithmInfo, XofHashCtx } from "../../index.js";
import { _Reasons, UnsupportedAlgorithm, ValueError } from "../exceptions.js";
import { createHash, fast, type HashHandle } from "../lib/fast.js";
import { callNative, native, translateNativeError } from "../lib/native.js";
import {
  checkBytes,
  checkInstance,
  checkInteger,
  describeType,
  invalidType,
} from "../lib/validate.js";

/** A hash function (PyCA's `HashAlgorithm`). */
export interface HashAlgorithm {
  /** PyCA's name, e.g. `"sha256"`, `"sha3-256"`, `"sha512-224"`, `"blake2b"`. */
  readonly name: string;
  /** Output size in bytes. */
  readonly digestSize: number;
  /** Internal block size in bytes, or `null` when the function has no blocks (SHA-3, SHAKE). */
  readonly blockSize: number | null;
}

/** A digest computation in progress (PyCA's `HashContext`); {@link Hash} and `HMAC` are ones. */
export interface HashContext {
  /** The algorithm this context computes. */
  readonly algorithm: HashAlgorithm;
  /** Feeds `data` into the computation. */
  update(data: Uint8Array): void;
  /** Ends the computation and returns the digest. Every later call throws `AlreadyFinalized`. */
  finalize(): Buffer;
  /** An independent context with the same state. */
  copy(): HashContext;
}

/** The class of a fixed-output hash: PyCA's name, digest size and block size (bytes). */
function fixedHash(name: string, digestSize: number, blockSize: number | null) {
  return class implements HashAlgorithm {
    readonly name = name;
    readonly digestSize = digestSize;
    readonly blockSize = blockSize;
  };
}

/** SHA-1 (20-byte digest). Broken for collision resistance; for interoperability only. */
export class SHA1 extends fixedHash("sha1", 20, 64) {}

/** SHA-224 (SHA-2, 28-byte digest). */
export class SHA224 extends fixedHash("sha224", 28, 64) {}

/** SHA-256 (SHA-2, 32-byte digest). */
export class SHA256 extends fixedHash("sha256", 32, 64) {}

/** SHA-384 (SHA-2, 48-byte digest). */
export class SHA384 extends fixedHash("sha384", 48, 128) {}

/** SHA-512 (SHA-2, 64-byte digest). */
export class SHA512 extends fixedHash("sha512", 64, 128) {}

/** SHA-512/224 (SHA-512 truncated to 28 bytes, with its own initial values). */
export class SHA512_224 extends fixedHash("sha512-224", 28, 128) {}

/** SHA-512/256 (SHA-512 truncated to 32 bytes, with its own initial values). */
export class SHA512_256 extends fixedHash("sha512-256", 32, 128) {}

/** SHA3-224 (28-byte digest). */
export class SHA3_224 extends fixedHash("sha3-224", 28, null) {}

/** SHA3-256 (32-byte digest). */
export class SHA3_256 extends fixedHash("sha3-256", 32, null) {}

/** SHA3-384 (48-byte digest). */
export class SHA3_384 extends fixedHash("sha3-384", 48, null) {}

/** SHA3-512 (64-byte digest). */
export class SHA3_512 extends fixedHash("sha3-512", 64, null) {}

/** SM3 (GB/T 32905-2016, 32-byte digest). */
export class SM3 extends fixedHash("sm3", 32, 64) {}

/** MD5 (16-byte digest). Broken; for interoperability with old formats only. */
export class MD5 extends fixedHash("md5", 16, 64) {}

function checkDigestSize(digestSize: unknown): number {
  return checkInteger("digestSize", digestSize, 1, Number.MAX_SAFE_INTEGER);
}

/**
 * An extendable-output function (PyCA's `ExtendableOutputFunction`): its output length is
 * chosen by the caller. {@link SHAKE128} and {@link SHAKE256} are the two; {@link XOFHash}
 * takes only these.
 */
export abstract class ExtendableOutputFunction implements HashAlgorithm {
  abstract readonly name: string;
  /** Output length in bytes for {@link Hash}; the squeeze limit for {@link XOFHash}. */
  readonly digestSize: number;
  readonly blockSize = null;

  /** `digestSize` is an integer from 1 to `Number.MAX_SAFE_INTEGER`. */
  constructor(digestSize: number) {
    this.digestSize = checkDigestSize(digestSize);
  }
}

/** SHAKE128 with a `digestSize`-byte output. */
export class SHAKE128 extends ExtendableOutputFunction {
  readonly name = "shake128";

  /** A SHAKE128 with no practical output limit, for {@link XOFHash} (PyCA's `SHAKE128.xof()`). */
  static xof(): SHAKE128 {
    return new SHAKE128(Number.MAX_SAFE_INTEGER);
  }
}

/** SHAKE256 with a `digestSize`-byte output. */
export class SHAKE256 extends ExtendableOutputFunction {
  readonly name = "shake256";

  /** A SHAKE256 with no practical output limit, for {@link XOFHash} (PyCA's `SHAKE256.xof()`). */
  static xof(): SHAKE256 {
    return new SHAKE256(Number.MAX_SAFE_INTEGER);
  }
}

function checkFixedDigestSize(digestSize: unknown, only: number): number {
  if (typeof digestSize !== "number") {
    throw invalidType(`digestSize must be a number, got ${describeType(digestSize)}`);
  }
  if (digestSize !== only) throw new ValueError(`Digest size must be ${only}`);
  return digestSize;
}

/** BLAKE2b. `digestSize` must be 64 (the only size OpenSSL offers, as in PyCA). */
export class BLAKE2b implements HashAlgorithm {
  readonly name = "blake2b";
  readonly digestSize: number;
  readonly blockSize = 128;

  constructor(digestSize: number) {
    this.digestSize = checkFixedDigestSize(digestSize, 64);
  }
}

/** BLAKE2s. `digestSize` must be 32 (the only size OpenSSL offers, as in PyCA). */
export class BLAKE2s implements HashAlgorithm {
  readonly name = "blake2s";
  readonly digestSize: number;
  readonly blockSize = 64;

  constructor(digestSize: number) {
    this.digestSize = checkFixedDigestSize(digestSize, 32);
  }
}

/** Resolved names; only hits are kept, so odd names cannot grow the map. */
const resolved = new Map<string, HashAlgorithmInfo>();

/**
 * Checks that `algorithm` is a {@link HashAlgorithm} this build supports and returns its native
 * table entry. A non-algorithm is a `TypeError`; an unknown or unavailable one an
 * {@link UnsupportedAlgorithm} with reason `UNSUPPORTED_HASH`.
 *
 * @internal Shared by hazmat's HMAC, KDF and signature modules; not part of PyCA's API.
 */
export function resolveHashAlgorithm(name: string, algorithm: unknown): HashAlgorithmInfo {
  const candidate = algorithm as Partial<HashAlgorithm> | null;
  if (
    typeof candidate !== "object" ||
    candidate === null ||
    typeof candidate.name !== "string" ||
    typeof candidate.digestSize !== "number"
  ) {
    throw invalidType(
      `${name} must be a HashAlgorithm (e.g. new SHA256()), got ${describeType(algorithm)}`,
    );
  }
  const hit = resolved.get(candidate.name);
  if (hit !== undefined) return hit;
  const info = native.hashAlgorithmInfo(candidate.name);
  if (info === null) {
    throw new UnsupportedAlgorithm(
      `${candidate.name} is not a supported hash on this backend`,
      _Reasons.UNSUPPORTED_HASH,
    );
  }
  resolved.set(candidate.name, info);
  return info;
}

/** Token that lets `copy()` wrap an existing native context; never exported. */
const ADOPT = Symbol("adopt");

/**
 * A digest computation (PyCA's `hashes.Hash`). Feed it with {@link Hash.update}; read the digest
 * once with {@link Hash.finalize}. After that every call throws `AlreadyFinalized`.
 */
export class Hash implements HashContext {
  /** The algorithm this context computes. */
  readonly algorithm: HashAlgorithm;
  readonly #ctx: HashHandle;

  /**
   * Starts a digest of `algorithm`. For {@link SHAKE128}/{@link SHAKE256} the digest is
   * `digestSize` bytes long (at most 2 GiB - 1; use {@link XOFHash} for more).
   */
  constructor(algorithm: HashAlgorithm);
  constructor(algorithm: HashAlgorithm, adopt?: typeof ADOPT, ctx?: HashHandle) {
    if (adopt === ADOPT && ctx !== undefined) {
      this.algorithm = algorithm;
      this.#ctx = ctx;
      return;
    }
    const { id } = resolveHashAlgorithm("algorithm", algorithm);
    this.algorithm = algorithm;
    this.#ctx = callNative(() => createHash(id, algorithm.digestSize));
  }

  /** Feeds `data` into the digest. */
  update(data: Uint8Array): void {
    checkBytes("data", data);
    callNative(() => fast.hashUpdate(this.#ctx, data));
  }

  /** An independent context that continues from the current state. */
  copy(): Hash {
    const ctx = callNative(() => fast.hashCopy(this.#ctx));
    return new (Hash as unknown as Adopting<Hash, HashHandle>)(this.algorithm, ADOPT, ctx);
  }

  /** Ends the computation and returns the digest. */
  finalize(): Buffer {
    return callNative(() => fast.hashFinalize(this.#ctx));
  }
}

type Adopting<T, C> = new (algorithm: HashAlgorithm, adopt: typeof ADOPT, ctx: C) => T;

/**
 * An extendable-output computation (PyCA's `hashes.XOFHash`): absorb with
 * {@link XOFHash.update}, then {@link XOFHash.squeeze} output in as many parts as wanted, up to
 * the algorithm's `digestSize` bytes in total. Once squeezing has begun, `update` throws
 * `AlreadyFinalized`.
 */
export class XOFHash {
  /** The algorithm this context computes. */
  readonly algorithm: ExtendableOutputFunction;
  readonly #ctx: XofHashCtx;

  /** Starts an XOF computation; `algorithm` is a {@link SHAKE128} or {@link SHAKE256}. */
  constructor(algorithm: ExtendableOutputFunction);
  constructor(algorithm: ExtendableOutputFunction, adopt?: typeof ADOPT, ctx?: XofHashCtx) {
    if (adopt === ADOPT && ctx !== undefined) {
      this.algorithm = algorithm;
      this.#ctx = ctx;
      return;
    }
    checkInstance(
      "algorithm",
      algorithm,
      ExtendableOutputFunction,
      "an extendable output function (SHAKE128 or SHAKE256)",
    );
    const { id } = resolveHashAlgorithm("algorithm", algorithm);
    this.algorithm = algorithm;
    this.#ctx = callNative(() => new native.XofHashCtx(id, algorithm.digestSize));
  }

  /** Feeds `data` into the computation (only before the first squeeze). */
  update(data: Uint8Array): void {
    checkBytes("data", data);
    callNative(() => this.#ctx.update(data));
  }

  /** An independent context that continues from the current state (absorbing or squeezing). */
  copy(): XOFHash {
    const ctx = callNative(() => this.#ctx.copy());
    return new (XOFHash as unknown as Adopting<XOFHash, XofHashCtx>)(this.algorithm, ADOPT, ctx);
  }

  /**
   * The next `length` bytes of output (at most 2 GiB - 1 per call). Exceeding the algorithm's
   * `digestSize` in total is a `ValueError`.
   */
  squeeze(length: number): Buffer {
    checkInteger("length", length, 0, Number.MAX_SAFE_INTEGER);
    return callNative(() => this.#ctx.squeeze(length));
  }
}

/**
 * The digest of `data` under `algorithm`, in one native call: the same bytes as
 * `new Hash(algorithm)`, `update(data)`, `finalize()`, without a context object. A hazmat
 * addition; PyCA has no one-shot hash.
 */
export function hash(algorithm: HashAlgorithm, data: Uint8Array): Buffer {
  const { id } = resolveHashAlgorithm("algorithm", algorithm);
  checkBytes("data", data);
  const size = algorithm.digestSize;
  if (!Number.isInteger(size) || size < 1 || size > 2 ** 31 - 1) {
    // Out-of-range XOF lengths: the native path raises the documented ValueError.
    return callNative(() => native.hashOneShot(id, size, data));
  }
  // A pooled buffer from JavaScript is far cheaper than one created by the addon.
  const out = Buffer.allocUnsafe(size);
  try {
    fast.hashInto(id, size, data, out);
  } catch (error) {
    throw translateNativeError(error);
  }
  return out;
}
