/**
 * `cryptography.hazmat.primitives.constant_time`: comparison whose running time does not reveal
 * where two byte strings differ.
 *
 * @module
 */
import { native } from "../lib/native.js";
import { checkBytes } from "../lib/validate.js";

/**
 * Whether `a` and `b` hold the same bytes, compared with OpenSSL's `CRYPTO_memcmp`: the time
 * taken depends on the lengths only, never on the contents. Both must be bytes (`TypeError`
 * otherwise).
 */
export function bytesEq(a: Uint8Array, b: Uint8Array): boolean {
  return native.bytesEq(checkBytes("a", a), checkBytes("b", b));
}
