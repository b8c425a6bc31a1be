/**
 * Random bytes from hazmat's own OpenSSL RAND: while the OS random engine is active (the
 * default), every byte is a fresh request to the operating system's source. This module is a
 * hazmat addition; PyCA users reach the same source through `os.urandom`.
 *
 * @module
 */
import { awaitNative, callNative, native, translateNativeError } from "./lib/native.js";
import { checkInteger, checkWritableBytes } from "./lib/validate.js";

/** Largest request of one call, as node:crypto (2**31 - 1). */
export const MAX_RANDOM_BYTES = 2 ** 31 - 1;

type BufferLike = ArrayBufferView | ArrayBuffer | SharedArrayBuffer;

/** Returns `size` random bytes. `size` is an integer from 0 to {@link MAX_RANDOM_BYTES}. */
export function randomBytes(size: number): Buffer {
  checkInteger("size", size, 0, MAX_RANDOM_BYTES);
  const out = Buffer.allocUnsafe(size);
  try {
    native.randomFillAll(out);
  } catch (error) {
    throw translateNativeError(error);
  }
  return out;
}

/** Like {@link randomBytes}, drawn on the libuv thread pool. Rejects with the same errors. */
export async function randomBytesAsync(size: number): Promise<Buffer> {
  checkInteger("size", size, 0, MAX_RANDOM_BYTES);
  return awaitNative(native.randomBytesAsync(size));
}

/** Converts node-style `offset`/`size` (counted in elements of the view) to a byte range. */
function byteRange(
  buf: BufferLike,
  bytes: Uint8Array,
  offset: unknown,
  size: unknown,
): [number, number] {
  const elementSize =
    ArrayBuffer.isView(buf) && "BYTES_PER_ELEMENT" in buf
      ? (buf as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT
      : 1;
  const elements = bytes.byteLength / elementSize;
  const start = checkInteger("offset", offset ?? 0, 0, elements);
  const count = checkInteger("size", size ?? elements - start, 0, elements - start);
  return [start * elementSize, count * elementSize];
}

/**
 * Fills `buf` (or `size` elements of it from `offset`, counted in elements as node:crypto
 * does) with random bytes, in place. Returns `buf`.
 */
export function randomFill<T extends BufferLike>(buf: T, offset?: number, size?: number): T {
  const bytes = checkWritableBytes("buf", buf);
  const [start, count] = byteRange(buf, bytes, offset, size);
  callNative(() => native.randomFill(bytes, start, count));
  return buf;
}

/**
 * Like {@link randomFill}, on the libuv thread pool. Do not read `buf` before the promise
 * resolves. Resolves to `buf`.
 */
export async function randomFillAsync<T extends BufferLike>(
  buf: T,
  offset?: number,
  size?: number,
): Promise<T> {
  const bytes = checkWritableBytes("buf", buf);
  const [start, count] = byteRange(buf, bytes, offset, size);
  await awaitNative(native.randomFillAsync(bytes, start, count));
  return buf;
}
