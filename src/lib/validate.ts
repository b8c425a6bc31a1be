/** Argument checks shared by every public entry point. Internal code trusts checked values. */
import { ERR_HAZMAT_INVALID_TYPE, ValueError } from "../exceptions.js";

/** A `TypeError` with hazmat's `ERR_HAZMAT_INVALID_TYPE` code. */
export function invalidType(message: string): TypeError {
  return Object.assign(new TypeError(message), { code: ERR_HAZMAT_INVALID_TYPE });
}

/** Describes a value for an error message without ever printing its contents. */
export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an Array";
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "object") return `an instance of ${value.constructor?.name ?? "Object"}`;
  return `type ${typeof value}`;
}

/** An integer in `[min, max]`; a non-number is a TypeError, anything else a ValueError. */
export function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number") {
    throw invalidType(`${name} must be a number, got ${describeType(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ValueError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** Views any ArrayBufferView or ArrayBuffer as bytes, without copying. */
export function checkWritableBytes(name: string, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) {
    return new Uint8Array(value);
  }
  throw invalidType(
    `${name} must be a TypedArray, DataView or ArrayBuffer, got ${describeType(value)}`,
  );
}

/**
 * Bytes input: a `Uint8Array` (Buffer included), as PyCA demands `bytes`. Strings and everything
 * else are a TypeError naming the argument.
 */
export function checkBytes(name: string, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw invalidType(`${name} must be bytes (a Uint8Array or Buffer), got ${describeType(value)}`);
}

/** Like {@link checkBytes}, but `null`/`undefined` pass through as `null`. */
export function checkOptionalBytes(name: string, value: unknown): Uint8Array | null {
  return value === null || value === undefined ? null : checkBytes(name, value);
}

/** An instance of `expected` (used for algorithm and mode objects). */
export function checkInstance<T>(
  name: string,
  value: unknown,
  expected: abstract new (...args: never[]) => T,
  what: string,
): T {
  if (value instanceof expected) return value as T;
  throw invalidType(`${name} must be ${what}, got ${describeType(value)}`);
}
