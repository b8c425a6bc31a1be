/**
 * `cryptography.hazmat.primitives.keywrap`: AES key wrap (RFC 3394) and key wrap with padding
 * (RFC 5649). Every failure to unwrap — wrong key, tampering, bad length — is `InvalidUnwrap`.
 *
 * @module
 */
import { InvalidUnwrap, ValueError } from "../exceptions.js";
import { callNative, native } from "../lib/native.js";
import { checkBytes } from "../lib/validate.js";

export { InvalidUnwrap } from "../exceptions.js";

function checkWrappingKey(wrappingKey: unknown): Uint8Array {
  const key = checkBytes("wrappingKey", wrappingKey);
  if (![16, 24, 32].includes(key.length)) {
    throw new ValueError("The wrapping key must be a valid AES key length");
  }
  return key;
}

/** Wraps `keyToWrap` (at least 16 bytes, a multiple of 8) under `wrappingKey` (an AES key). */
export function aesKeyWrap(wrappingKey: Uint8Array, keyToWrap: Uint8Array): Buffer {
  const key = checkWrappingKey(wrappingKey);
  const input = checkBytes("keyToWrap", keyToWrap);
  if (input.length < 16) throw new ValueError("The key to wrap must be at least 16 bytes");
  if (input.length % 8 !== 0) throw new ValueError("The key to wrap must be a multiple of 8 bytes");
  return callNative(() => native.aesKeyWrapOp(key, input, false, true));
}

/** Unwraps a key wrapped by {@link aesKeyWrap}. */
export function aesKeyUnwrap(wrappingKey: Uint8Array, wrappedKey: Uint8Array): Buffer {
  const key = checkWrappingKey(wrappingKey);
  const input = checkBytes("wrappedKey", wrappedKey);
  if (input.length < 24) throw new InvalidUnwrap("Must be at least 24 bytes");
  if (input.length % 8 !== 0)
    throw new InvalidUnwrap("The wrapped key must be a multiple of 8 bytes");
  return callNative(() => native.aesKeyWrapOp(key, input, false, false));
}

/** Wraps a key of any length from 1 byte (RFC 5649). */
export function aesKeyWrapWithPadding(wrappingKey: Uint8Array, keyToWrap: Uint8Array): Buffer {
  const key = checkWrappingKey(wrappingKey);
  const input = checkBytes("keyToWrap", keyToWrap);
  if (input.length < 1 || input.length > 2 ** 32) {
    throw new ValueError("key_to_wrap must be between 1 and 2^32 bytes");
  }
  return callNative(() => native.aesKeyWrapOp(key, input, true, true));
}

/** Unwraps a key wrapped by {@link aesKeyWrapWithPadding}. */
export function aesKeyUnwrapWithPadding(wrappingKey: Uint8Array, wrappedKey: Uint8Array): Buffer {
  const key = checkWrappingKey(wrappingKey);
  const input = checkBytes("wrappedKey", wrappedKey);
  if (input.length < 16) throw new InvalidUnwrap("Must be at least 16 bytes");
  if (input.length % 8 !== 0)
    throw new InvalidUnwrap("The wrapped key must be a multiple of 8 bytes");
  return callNative(() => native.aesKeyWrapOp(key, input, true, false));
}
