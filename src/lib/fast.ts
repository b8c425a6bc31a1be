/**
 * The raw Node-API paths of `crates/hazmat/src/fast.rs`, typed. They skip napi-rs's per-argument
 * glue (~100 ns a Buffer, ~250 ns a class-method receiver), so they expect arguments the façade
 * has already checked; a wrong one is still an exception, never undefined behaviour. Errors are
 * tagged like every native error: wrap calls in `callNative` or `translateNativeError`.
 */
import { native } from "./native.js";

/** A native AEAD (`aeadCreate`): keyed OpenSSL contexts owned by this object. */
export interface AeadHandle {
  readonly __hazmatHandle: "Aead";
}

/** A native digest context (`hashCreate`), spent by `hashFinalize`. */
export interface HashHandle {
  readonly __hazmatHandle: "HashCtx";
}

/** `null` for AES-SIV, which takes no nonce; a list for AES-SIV's several associated data. */
type AssociatedData = Uint8Array | readonly Uint8Array[] | null;

interface FastPaths {
  /** Writes ciphertext ‖ tag (tag ‖ ciphertext for SIV) into `out`; returns the bytes written. */
  aeadSeal(
    aead: AeadHandle,
    nonce: Uint8Array | null,
    data: Uint8Array,
    aad: AssociatedData,
    out: Uint8Array,
  ): number;
  /** Verifies and decrypts into `out`; returns the bytes written. Throws InvalidTag. */
  aeadOpen(
    aead: AeadHandle,
    nonce: Uint8Array | null,
    data: Uint8Array,
    aad: AssociatedData,
    out: Uint8Array,
  ): number;
  /** The digest of `data` (algorithm table row `id`) into `out`; returns the bytes written. */
  hashInto(id: number, digestSize: number, data: Uint8Array, out: Uint8Array): number;
  /** Feeds `data` into the digest; AlreadyFinalized once finalized. */
  hashUpdate(ctx: HashHandle, data: Uint8Array): void;
  /** An independent context continuing from `ctx`'s state. */
  hashCopy(ctx: HashHandle): HashHandle;
  /** The digest; the context is spent (later calls throw AlreadyFinalized). */
  hashFinalize(ctx: HashHandle): Buffer;
  /** HMAC of `data` under `key` (hash table row `hashId`) into `out`; returns the tag length. */
  hmacInto(hashId: number, key: Uint8Array, data: Uint8Array, out: Uint8Array): number;
}

/** The raw paths; `fast.rs`'s `FAST_PATHS` table is the other side of this contract. */
export const fast = native.fastPaths() as FastPaths;

/** A digest context for hash table row `id` (`digestSize` matters for XOFs only). */
export function createHash(id: number, digestSize: number): HashHandle {
  return native.hashCreate(id, digestSize) as HashHandle;
}

/** Keys an AEAD of the native table (`name` as in `crates/hazmat/src/aead.rs`). */
export function createAead(name: string, key: Uint8Array, tagLength: number): AeadHandle {
  return native.aeadCreate(name, key, tagLength) as AeadHandle;
}
