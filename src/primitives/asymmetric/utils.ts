/**
 * `cryptography.hazmat.primitives.asymmetric.utils`: `Prehashed` (sign or verify a digest
 * computed elsewhere) and the DER encoding of DSA/ECDSA signatures (`r`, `s`).
 *
 * @module
 */
import { ValueError } from "../../exceptions.js";
import { checkBytes, describeType, invalidType } from "../../lib/validate.js";
import type { HashAlgorithm } from "../hashes.js";
import { checkHashAlgorithm } from "./padding.js";

/** Marks the data given to `sign`/`verify` as already hashed with `algorithm`. */
export class Prehashed {
  /** @internal */
  readonly _algorithm: HashAlgorithm;
  /** @internal */
  readonly _digestSize: number;

  constructor(algorithm: HashAlgorithm) {
    this._algorithm = checkHashAlgorithm(algorithm);
    this._digestSize = algorithm.digestSize;
  }

  /** The digest's size in bytes. */
  get digestSize(): number {
    return this._digestSize;
  }
}

function checkNonNegative(name: string, value: unknown): bigint {
  if (typeof value !== "bigint") {
    throw invalidType(`${name} must be a bigint, got ${describeType(value)}`);
  }
  if (value < 0n) throw new ValueError(`${name} must be a non-negative integer`);
  return value;
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

function derInteger(value: bigint): number[] {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const bytes = [...Buffer.from(hex, "hex")];
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return [0x02, ...derLength(bytes.length), ...bytes];
}

/** The DER `SEQUENCE { INTEGER r, INTEGER s }` of a DSA or ECDSA signature. */
export function encodeDssSignature(r: bigint, s: bigint): Buffer {
  const body = [...derInteger(checkNonNegative("r", r)), ...derInteger(checkNonNegative("s", s))];
  return Buffer.from([0x30, ...derLength(body.length), ...body]);
}

/** Reads `[r, s]` from a DER-encoded DSA or ECDSA signature. */
export function decodeDssSignature(signature: Uint8Array): [bigint, bigint] {
  const der = checkBytes("signature", signature);
  const invalid = (): ValueError => new ValueError("Invalid DSS signature");
  let offset = 0;
  const readLength = (): number => {
    const first = der[offset++];
    if (first === undefined) throw invalid();
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw invalid();
    let length = 0;
    for (let i = 0; i < count; i++) {
      const byte = der[offset++];
      if (byte === undefined || (i === 0 && byte === 0)) throw invalid();
      length = length * 256 + byte;
    }
    if (length < 0x80) throw invalid();
    return length;
  };
  const readInteger = (): bigint => {
    if (der[offset++] !== 0x02) throw invalid();
    const length = readLength();
    const bytes = der.subarray(offset, offset + length);
    if (length === 0 || bytes.length !== length) throw invalid();
    const [b0 = 0, b1 = 0] = bytes;
    if (b0 & 0x80) throw invalid(); // negative
    if (length > 1 && b0 === 0 && !(b1 & 0x80)) throw invalid(); // not minimal
    offset += length;
    return BigInt(`0x${Buffer.from(bytes).toString("hex")}`);
  };
  if (der[offset++] !== 0x30) throw invalid();
  const length = readLength();
  if (offset + length !== der.length) throw invalid();
  const r = readInteger();
  const s = readInteger();
  if (offset !== der.length) throw invalid();
  return [r, s];
}
