/**
 * `cryptography.hazmat.primitives.hmac`: HMAC (RFC 2104) over any fixed-size hash of
 * `hazmat/primitives/hashes`.
 *
 * ```ts
 * const mac = new HMAC(key, new SHA256());
 * mac.update(message);
 * const tag = mac.finalize();
 * // elsewhere: new HMAC(key, new SHA256()).update(message) … .verify(tag) → InvalidSignature
 * ```
 *
 * @module
 */
import type { HmacCtx } from "../../index.js";
import { _Reasons, UnsupportedAlgorithm } from "../exceptions.js";
import { callNative, native } from "../lib/native.js";
import { checkBytes } from "../lib/validate.js";
import { type HashAlgorithm, type HashContext, resolveHashAlgorithm } from "./hashes.js";

/** Token that lets `copy()` wrap an existing native context; never exported. */
const ADOPT = Symbol("adopt");

type Adopting = new (
  key: Uint8Array | null,
  algorithm: HashAlgorithm,
  adopt: typeof ADOPT,
  ctx: HmacCtx,
) => HMAC;

/**
 * An HMAC computation (PyCA's `hmac.HMAC`). The key is copied into native memory that OpenSSL
 * cleanses when the context is released. After {@link HMAC.finalize} or {@link HMAC.verify},
 * every call throws `AlreadyFinalized`.
 */
export class HMAC implements HashContext {
  /** The hash HMAC is built on. */
  readonly algorithm: HashAlgorithm;
  readonly #ctx: HmacCtx;

  /**
   * Starts an HMAC of `algorithm` keyed with `key` (any length, empty included). Extendable
   * output functions (SHAKE) are an `UnsupportedAlgorithm`.
   */
  constructor(key: Uint8Array, algorithm: HashAlgorithm);
  constructor(
    key: Uint8Array | null,
    algorithm: HashAlgorithm,
    adopt?: typeof ADOPT,
    ctx?: HmacCtx,
  ) {
    if (adopt === ADOPT && ctx !== undefined) {
      this.algorithm = algorithm;
      this.#ctx = ctx;
      return;
    }
    const checkedKey = checkBytes("key", key);
    const info = resolveHashAlgorithm("algorithm", algorithm);
    if (info.xof) {
      throw new UnsupportedAlgorithm(
        `${algorithm.name} is not supported for HMAC`,
        _Reasons.UNSUPPORTED_HASH,
      );
    }
    this.algorithm = algorithm;
    this.#ctx = callNative(() => new native.HmacCtx(checkedKey, info.id));
  }

  /** Feeds `data` into the MAC. */
  update(data: Uint8Array): void {
    checkBytes("data", data);
    callNative(() => this.#ctx.update(data));
  }

  /** An independent context with the same key and the data fed so far. */
  copy(): HMAC {
    const ctx = callNative(() => this.#ctx.copy());
    return new (HMAC as unknown as Adopting)(null, this.algorithm, ADOPT, ctx);
  }

  /** Ends the computation and returns the tag (`algorithm.digestSize` bytes). */
  finalize(): Buffer {
    return callNative(() => this.#ctx.finalize());
  }

  /**
   * Ends the computation and compares the tag with `signature` in constant time; throws
   * `InvalidSignature` when they differ.
   */
  verify(signature: Uint8Array): void {
    checkBytes("signature", signature);
    callNative(() => this.#ctx.verify(signature));
  }
}
