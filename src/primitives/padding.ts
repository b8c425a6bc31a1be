/**
 * `cryptography.hazmat.primitives.padding`: PKCS7 and ANSI X9.23 padding for block modes.
 * The unpadders check the final block without data-dependent branches, so timing does not
 * reveal where padding went wrong (the classic padding-oracle leak).
 *
 * @module
 */
import { AlreadyFinalized, ValueError } from "../exceptions.js";
import { checkBytes, checkInteger } from "../lib/validate.js";

/** A padding or unpadding context: `update` any number of times, then `finalize` once. */
export interface PaddingContext {
  update(data: Uint8Array): Buffer;
  finalize(): Buffer;
}

type Scheme = "PKCS7" | "ANSIX923";

function checkBlockSize(blockSize: unknown): number {
  const bits = checkInteger(
    "blockSize",
    blockSize,
    Number.MIN_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER,
  );
  if (bits < 0 || bits > 2040) throw new ValueError("block_size must be in range(0, 2041).");
  if (bits % 8 !== 0) throw new ValueError("block_size must be a multiple of 8.");
  return bits;
}

function usableBlockBytes(bits: number): number {
  if (bits === 0) throw new ValueError("block_size must be at least 8 bits to pad.");
  return bits / 8;
}

class Padder implements PaddingContext {
  readonly #scheme: Scheme;
  readonly #blockBytes: number;
  #length: number | null = 0;

  constructor(scheme: Scheme, blockBytes: number) {
    this.#scheme = scheme;
    this.#blockBytes = blockBytes;
  }

  update(data: Uint8Array): Buffer {
    if (this.#length === null) throw new AlreadyFinalized("Context was already finalized.");
    const input = checkBytes("data", data);
    this.#length += input.length;
    return Buffer.from(input);
  }

  finalize(): Buffer {
    if (this.#length === null) throw new AlreadyFinalized("Context was already finalized.");
    const padLength = this.#blockBytes - (this.#length % this.#blockBytes);
    this.#length = null;
    const padding = Buffer.alloc(padLength, this.#scheme === "PKCS7" ? padLength : 0);
    padding[padLength - 1] = padLength;
    return padding;
  }
}

/** 1 when `a < b` (both below 2**31), else 0, without branching. */
function lessThan(a: number, b: number): number {
  return ((a - b) >>> 31) & 1;
}

/** 1 when `a === b` (both bytes), else 0, without branching. */
function equalBytes(a: number, b: number): number {
  return (((a ^ b) - 1) >>> 31) & 1;
}

class Unpadder implements PaddingContext {
  readonly #scheme: Scheme;
  readonly #blockBytes: number;
  #buffer: Buffer | null = Buffer.alloc(0);

  constructor(scheme: Scheme, blockBytes: number) {
    this.#scheme = scheme;
    this.#blockBytes = blockBytes;
  }

  update(data: Uint8Array): Buffer {
    if (this.#buffer === null) throw new AlreadyFinalized("Context was already finalized.");
    const input = checkBytes("data", data);
    const buffer = Buffer.concat([this.#buffer, input]);
    // Always hold back the last full block: it may be all padding.
    const ready = Math.max(Math.floor(buffer.length / this.#blockBytes) - 1, 0) * this.#blockBytes;
    this.#buffer = buffer.subarray(ready);
    return Buffer.from(buffer.subarray(0, ready));
  }

  finalize(): Buffer {
    const buffer = this.#buffer;
    if (buffer === null) throw new AlreadyFinalized("Context was already finalized.");
    this.#buffer = null;
    if (buffer.length !== this.#blockBytes) throw new ValueError("Invalid padding bytes.");
    const padLength = buffer[buffer.length - 1] ?? 0;
    // valid = 1 <= padLength <= blockBytes, and every padding byte is as the scheme says.
    let bad = equalBytes(padLength, 0) | lessThan(this.#blockBytes, padLength);
    for (let i = 0; i < this.#blockBytes - 1; i++) {
      const fromEnd = this.#blockBytes - 1 - i;
      const inPadding = lessThan(fromEnd, padLength);
      const expected = this.#scheme === "PKCS7" ? padLength : 0;
      bad |= inPadding & (1 - equalBytes(buffer[i] ?? 0, expected));
    }
    if (bad !== 0) throw new ValueError("Invalid padding bytes.");
    return Buffer.from(buffer.subarray(0, this.#blockBytes - padLength));
  }
}

/** PKCS #7 padding (RFC 5652): n bytes of value n. `blockSize` is in bits. */
export class PKCS7 {
  readonly blockSize: number;

  constructor(blockSize: number) {
    this.blockSize = checkBlockSize(blockSize);
  }

  padder(): PaddingContext {
    return new Padder("PKCS7", usableBlockBytes(this.blockSize));
  }

  unpadder(): PaddingContext {
    return new Unpadder("PKCS7", usableBlockBytes(this.blockSize));
  }
}

/** ANSI X9.23 padding: zeros, then one byte holding the padding length. `blockSize` in bits. */
export class ANSIX923 {
  readonly blockSize: number;

  constructor(blockSize: number) {
    this.blockSize = checkBlockSize(blockSize);
  }

  padder(): PaddingContext {
    return new Padder("ANSIX923", usableBlockBytes(this.blockSize));
  }

  unpadder(): PaddingContext {
    return new Unpadder("ANSIX923", usableBlockBytes(this.blockSize));
  }
}
