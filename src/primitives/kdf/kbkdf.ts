/**
 * `cryptography.hazmat.primitives.kdf.kbkdf`: NIST SP 800-108 key-based KDF in counter mode,
 * with HMAC or CMAC as the pseudorandom function. Each block is
 * PRF(key, [counter] ‖ fixed input ‖ [counter]) with the counter before, after, or inside the
 * fixed input; the fixed input is `label ‖ 0x00 ‖ context ‖ L` unless given whole as `fixed`.
 *
 * ```ts
 * const kdf = new KBKDFHMAC(new SHA256(), Mode.CounterMode, 32, 4, 4,
 *   CounterLocation.BeforeFixed, label, context, null);
 * const key = kdf.derive(keyMaterial);
 * new KBKDFCMAC(AES, Mode.CounterMode, 32, 4, 4, CounterLocation.MiddleFixed, null, null,
 *   fixed, { breakLocation: 8 }).derive(aesKey);
 * ```
 *
 * The blocks are built here and MACed by OpenSSL (`EVP_MAC`): OpenSSL's own KBKDF places the
 * counter only before the fixed input and writes L in 32 bits.
 *
 * @module
 */
import type { KbkdfShape } from "../../../index.js";
import { _Reasons, UnsupportedAlgorithm, ValueError } from "../../exceptions.js";
import { native } from "../../lib/native.js";
import { checkInteger, describeType, invalidType } from "../../lib/validate.js";
import { BlockCipherAlgorithm } from "../ciphers/base.js";
import { cmacCipherName } from "../cmac.js";
import type { HashAlgorithm } from "../hashes.js";
import { KeyDerivationFunction, keepOptionalBytes, resolveHmacHash } from "./base.js";

/** The KBKDF mode (PyCA's `Mode`); counter mode is the one PyCA offers. */
export enum Mode {
  CounterMode = "ctr",
}

/** Where the counter goes in each block (PyCA's `CounterLocation`). */
export enum CounterLocation {
  BeforeFixed = "before_fixed",
  AfterFixed = "after_fixed",
  /** Inside the fixed input, `breakLocation` bytes from its start. */
  MiddleFixed = "middle_fixed",
}

/** PyCA's keyword-only argument of the KBKDF constructors. */
export interface KBKDFOptions {
  /** Where the counter splits the fixed input; required with `CounterLocation.MiddleFixed` only. */
  breakLocation?: number | null;
}

const LOCATION_CODES: Record<CounterLocation, number> = {
  [CounterLocation.BeforeFixed]: 0,
  [CounterLocation.AfterFixed]: 1,
  [CounterLocation.MiddleFixed]: 2,
};

/** The labelled fixed input of a KBKDF, checked as PyCA checks it. */
interface Layout {
  shape: KbkdfShape;
  label: Buffer | null;
  context: Buffer | null;
  fixed: Buffer | null;
}

function checkLayout(
  mode: unknown,
  length: unknown,
  rlen: unknown,
  llen: unknown,
  location: unknown,
  label: unknown,
  context: unknown,
  fixed: unknown,
  options: unknown,
): Layout {
  if (mode !== Mode.CounterMode) throw invalidType("mode must be of type Mode");
  if (!Object.values(CounterLocation).includes(location as CounterLocation)) {
    throw invalidType("location must be of type CounterLocation");
  }
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw invalidType(`options must be an object, got ${describeType(options)}`);
  }
  const rawBreak = (options as KBKDFOptions | undefined)?.breakLocation ?? null;
  let breakLocation: number | null = null;
  if (location === CounterLocation.MiddleFixed) {
    if (rawBreak === null) throw new ValueError("Please specify a break_location");
    breakLocation = checkInteger("breakLocation", rawBreak, 0, 2 ** 32 - 1);
  } else if (rawBreak !== null) {
    throw new ValueError(
      "break_location is ignored when location is not CounterLocation.MiddleFixed",
    );
  }
  const keptLabel = keepOptionalBytes("label", label);
  const keptContext = keepOptionalBytes("context", context);
  const keptFixed = keepOptionalBytes("fixed", fixed);
  if (keptFixed !== null && (keptLabel !== null || keptContext !== null)) {
    throw new ValueError("When supplying fixed data, label and context are ignored.");
  }
  const checkedRlen = checkInteger("rlen", rlen, 0, Number.MAX_SAFE_INTEGER);
  if (checkedRlen < 1 || checkedRlen > 4) throw new ValueError("rlen must be between 1 and 4");
  let checkedLlen: number | null = null;
  if (llen === null || llen === undefined) {
    if (keptFixed === null) throw new ValueError("Please specify an llen");
  } else {
    checkedLlen = checkInteger("llen", llen, 0, 2 ** 32 - 1);
    if (checkedLlen === 0) throw new ValueError("llen must be non-zero");
  }
  return {
    shape: {
      length: checkInteger("length", length, 0, 2 ** 32 - 1),
      rlen: checkedRlen,
      llen: checkedLlen ?? undefined,
      location: LOCATION_CODES[location as CounterLocation],
      breakLocation: breakLocation ?? undefined,
    },
    label: keptLabel,
    context: keptContext,
    fixed: keptFixed,
  };
}

/** KBKDF in counter mode with HMAC over `algorithm` (PyCA's `KBKDFHMAC`). */
export class KBKDFHMAC extends KeyDerivationFunction {
  /** The hash HMAC is built on. */
  readonly algorithm: HashAlgorithm;
  readonly #hashId: number;
  readonly #layout: Layout;

  /**
   * `length` bytes of key. `rlen`: counter width in bytes (1–4); `llen`: width of L, the
   * output length in bits (non-zero; may be `null` with `fixed`); `label`/`context`: bytes or
   * `null`, or `fixed`: the whole fixed input instead of them.
   */
  constructor(
    algorithm: HashAlgorithm,
    mode: Mode,
    length: number,
    rlen: number,
    llen: number | null,
    location: CounterLocation,
    label: Uint8Array | null,
    context: Uint8Array | null,
    fixed: Uint8Array | null,
    options?: KBKDFOptions,
  ) {
    super();
    this.#hashId = resolveHmacHash(algorithm);
    this.algorithm = algorithm;
    this.#layout = checkLayout(mode, length, rlen, llen, location, label, context, fixed, options);
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    const { shape, label, context, fixed } = this.#layout;
    return native.kdfKbkdfHmac(this.#hashId, keyMaterial, shape, label, context, fixed);
  }
}

/** A block cipher class of `hazmat/primitives/ciphers/algorithms` (or `decrepit`), e.g. `AES`. */
export type BlockCipherClass = new (key: Uint8Array) => BlockCipherAlgorithm;

/** KBKDF in counter mode with CMAC over a block cipher (PyCA's `KBKDFCMAC`). */
export class KBKDFCMAC extends KeyDerivationFunction {
  /** The block cipher class; the key material becomes its key. */
  readonly algorithm: BlockCipherClass;
  readonly #layout: Layout;

  /**
   * As {@link KBKDFHMAC}, with `algorithm` a block cipher class (not an instance), e.g. `AES`:
   * `derive` keys it with the key material, which must be a valid key for it.
   */
  constructor(
    algorithm: BlockCipherClass,
    mode: Mode,
    length: number,
    rlen: number,
    llen: number | null,
    location: CounterLocation,
    label: Uint8Array | null,
    context: Uint8Array | null,
    fixed: Uint8Array | null,
    options?: KBKDFOptions,
  ) {
    super();
    if (algorithm instanceof BlockCipherAlgorithm) {
      throw invalidType("algorithm must be a cipher class (e.g. AES), not an instance of one");
    }
    if (typeof algorithm !== "function" || !(algorithm.prototype instanceof BlockCipherAlgorithm)) {
      throw new UnsupportedAlgorithm(
        "Algorithm must be a block cipher.",
        _Reasons.UNSUPPORTED_CIPHER,
      );
    }
    this.algorithm = algorithm;
    this.#layout = checkLayout(mode, length, rlen, llen, location, label, context, fixed, options);
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    const cipher = new this.algorithm(keyMaterial);
    const cipherName = cmacCipherName(cipher);
    if (cipherName === null) {
      throw new UnsupportedAlgorithm(
        "CMAC is not supported with this algorithm",
        _Reasons.UNSUPPORTED_CIPHER,
      );
    }
    const { shape, label, context, fixed } = this.#layout;
    return native.kdfKbkdfCmac(cipherName, cipher.key, shape, label, context, fixed);
  }
}
