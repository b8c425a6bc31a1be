/**
 * `cryptography.hazmat.primitives.poly1305`: the Poly1305 one-time authenticator (RFC 8439).
 * A key must authenticate one message only.
 *
 * @module
 */
import type { Poly1305Ctx } from "../../index.js";
import { ValueError } from "../exceptions.js";
import { callNative, native } from "../lib/native.js";
import { checkBytes } from "../lib/validate.js";

/** Poly1305 keys are 32 bytes. */
const KEY_SIZE = 32;

function checkKey(key: unknown): Uint8Array {
  const checked = checkBytes("key", key);
  if (checked.length !== KEY_SIZE) throw new ValueError("A poly1305 key is 32 bytes long");
  return checked;
}

/**
 * A Poly1305 computation (PyCA's `poly1305.Poly1305`). After {@link Poly1305.finalize} or
 * {@link Poly1305.verify}, every call throws `AlreadyFinalized`.
 */
export class Poly1305 {
  readonly #ctx: Poly1305Ctx;

  /** Starts a Poly1305 computation under a 32-byte one-time `key` (`ValueError` otherwise). */
  constructor(key: Uint8Array) {
    const checked = checkKey(key);
    this.#ctx = callNative(() => new native.Poly1305Ctx(checked));
  }

  /** Feeds `data` into the authenticator. */
  update(data: Uint8Array): void {
    checkBytes("data", data);
    callNative(() => this.#ctx.update(data));
  }

  /** Ends the computation and returns the 16-byte tag. */
  finalize(): Buffer {
    return callNative(() => this.#ctx.finalize());
  }

  /**
   * Ends the computation and compares the tag with `tag` in constant time; throws
   * `InvalidSignature` when they differ.
   */
  verify(tag: Uint8Array): void {
    checkBytes("tag", tag);
    callNative(() => this.#ctx.verify(tag));
  }

  /** The 16-byte tag of `data` under `key`, in one native call. */
  static generateTag(key: Uint8Array, data: Uint8Array): Buffer {
    const checked = checkKey(key);
    checkBytes("data", data);
    return callNative(() => native.poly1305GenerateTag(checked, data));
  }

  /** Checks `tag` against `data` under `key` in one native call; `InvalidSignature` on mismatch. */
  static verifyTag(key: Uint8Array, data: Uint8Array, tag: Uint8Array): void {
    const checked = checkKey(key);
    checkBytes("data", data);
    checkBytes("tag", tag);
    callNative(() => native.poly1305VerifyTag(checked, data, tag));
  }
}
