/** bigint helpers shared by the key modules: argument checks and the native side's encodings. */
import { ValueError } from "../exceptions.js";
import { describeType, invalidType } from "./validate.js";

/** A bigint argument, else a TypeError saying `message`. */
export function expectBigint(value: unknown, message: string): bigint {
  if (typeof value !== "bigint") throw invalidType(`${message}, got ${describeType(value)}`);
  return value;
}

/** A bigint argument named `name`, else TypeError. */
export function checkBigint(name: string, value: unknown): bigint {
  return expectBigint(value, `${name} must be a bigint`);
}

/**
 * A number from the native side's signed hex ("7f", "-1": the magnitude, "-" when negative; the
 * X.509 model's HexInteger too). Anything else is a ValueError.
 */
export function fromHex(hex: unknown): bigint {
  if (hex === undefined) throw new TypeError("missing number from the native side");
  if (typeof hex !== "string" || !/^-?[0-9a-fA-F]+$/.test(hex)) {
    throw new ValueError("malformed integer from the native side");
  }
  return hex.startsWith("-") ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
}

/** A bigint as the native side's signed hex (JS writes negatives as "-" and the magnitude). */
export function toHex(value: bigint): string {
  return value.toString(16);
}

/** A non-negative bigint as big-endian bytes (no leading zero byte beyond what the value needs). */
export function bigintToBytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, "hex");
}

/** Big-endian bytes as a bigint (empty → 0n). */
export function bytesToBigint(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString("hex")}`);
}
