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
 * Speed: the everyday use — a short message, one `update`, then `finalize` or `verify` — costs
 * one native call. Until the data passes {@link STREAMING_THRESHOLD} bytes (or `copy()` is
 * called) the object only collects copies of the updates; then it moves to a native streaming
 * context that OpenSSL cleanses when released.
 *
 * @module
 */
import type { HmacCtx } from "../../index.js";
import {
  _Reasons,
  AlreadyFinalized,
  InvalidSignature,
  UnsupportedAlgorithm,
} from "../exceptions.js";
import { fast } from "../lib/fast.js";
import { callNative, native, translateNativeError } from "../lib/native.js";
import { checkBytes } from "../lib/validate.js";
import { type HashAlgorithm, type HashContext, resolveHashAlgorithm } from "./hashes.js";

/** Bytes collected before an HMAC switches to a native streaming context. */
export const STREAMING_THRESHOLD = 16 * 1024;

/** Token that lets `copy()` build an HMAC from existing state; never exported. */
const ADOPT = Symbol("adopt");

type State =
  | { kind: "collecting"; key: Buffer; chunks: Buffer[]; bytes: number }
  | { kind: "streaming"; ctx: HmacCtx }
  | { kind: "finalized" };

type Adopting = new (
  key: Uint8Array | null,
  algorithm: HashAlgorithm,
  adopt: typeof ADOPT,
  state: State,
  id: number,
) => HMAC;

/**
 * An HMAC computation (PyCA's `hmac.HMAC`). After {@link HMAC.finalize} or {@link HMAC.verify},
 * every call throws `AlreadyFinalized`.
 */
export class HMAC implements HashContext {
  /** The hash HMAC is built on. */
  readonly algorithm: HashAlgorithm;
  readonly #id: number;
  #state: State;

  /**
   * Starts an HMAC of `algorithm` keyed with `key` (any length, empty included). Extendable
   * output functions (SHAKE) are an `UnsupportedAlgorithm`.
   */
  constructor(key: Uint8Array, algorithm: HashAlgorithm);
  constructor(
    key: Uint8Array | null,
    algorithm: HashAlgorithm,
    adopt?: typeof ADOPT,
    state?: State,
    id?: number,
  ) {
    if (adopt === ADOPT && state !== undefined && id !== undefined) {
      this.algorithm = algorithm;
      this.#state = state;
      this.#id = id;
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
    this.#id = info.id;
    this.#state = { kind: "collecting", key: Buffer.from(checkedKey), chunks: [], bytes: 0 };
  }

  /** Moves collected data into a native streaming context. */
  #stream(): HmacCtx {
    const state = this.#state;
    if (state.kind === "finalized") throw new AlreadyFinalized("Context was already finalized.");
    if (state.kind === "streaming") return state.ctx;
    const ctx = callNative(() => new native.HmacCtx(state.key, this.#id));
    for (const chunk of state.chunks) callNative(() => ctx.update(chunk));
    state.key.fill(0);
    this.#state = { kind: "streaming", ctx };
    return ctx;
  }

  /** Feeds `data` into the MAC. */
  update(data: Uint8Array): void {
    checkBytes("data", data);
    const state = this.#state;
    if (state.kind === "finalized") throw new AlreadyFinalized("Context was already finalized.");
    if (state.kind === "collecting" && state.bytes + data.length <= STREAMING_THRESHOLD) {
      // A copy: the caller may reuse its buffer after update returns.
      state.chunks.push(Buffer.from(data));
      state.bytes += data.length;
      return;
    }
    const ctx = this.#stream();
    callNative(() => ctx.update(data));
  }

  /** An independent context with the same key and the data fed so far. */
  copy(): HMAC {
    const ctx = this.#stream();
    const copied = callNative(() => ctx.copy());
    return new (HMAC as unknown as Adopting)(
      null,
      this.algorithm,
      ADOPT,
      { kind: "streaming", ctx: copied },
      this.#id,
    );
  }

  /** Ends the computation and returns the tag (`algorithm.digestSize` bytes). */
  finalize(): Buffer {
    const state = this.#state;
    if (state.kind === "finalized") throw new AlreadyFinalized("Context was already finalized.");
    this.#state = { kind: "finalized" };
    if (state.kind === "streaming") return callNative(() => state.ctx.finalize());
    const data =
      state.chunks.length === 1 ? (state.chunks[0] as Buffer) : Buffer.concat(state.chunks);
    const tag = Buffer.allocUnsafe(this.algorithm.digestSize);
    try {
      fast.hmacInto(this.#id, state.key, data, tag);
    } catch (error) {
      throw translateNativeError(error);
    } finally {
      state.key.fill(0);
    }
    return tag;
  }

  /**
   * Ends the computation and compares the tag with `signature` in constant time; throws
   * `InvalidSignature` when they differ.
   */
  verify(signature: Uint8Array): void {
    const expected = checkBytes("signature", signature);
    const computed = this.finalize();
    if (!native.bytesEq(computed, expected)) {
      throw new InvalidSignature("Signature did not match digest.");
    }
  }
}
