/**
 * `cryptography.hazmat.primitives.cmac`: CMAC (NIST SP 800-38B) over a block cipher of
 * `hazmat/primitives/ciphers/algorithms` (AES, Camellia, SM4) or
 * `hazmat/decrepit/ciphers/algorithms` (TripleDES, …).
 *
 * ```ts
 * const mac = new CMAC(new AES(key));
 * mac.update(message);
 * const tag = mac.finalize(); // one cipher block
 * ```
 *
 * @module
 */
import type { CmacCtx } from "../../index.js";
import { _Reasons, UnsupportedAlgorithm } from "../exceptions.js";
import { opensslCipherName } from "../lib/cipher-names.js";
import { callNative, native } from "../lib/native.js";
import { checkBytes, checkInstance } from "../lib/validate.js";
import { BlockCipherAlgorithm } from "./ciphers/base.js";

/** Token that lets `copy()` wrap an existing native context; never exported. */
const ADOPT = Symbol("adopt");

type Adopting = new (algorithm: null, adopt: typeof ADOPT, ctx: CmacCtx) => CMAC;

const UNSUPPORTED = "CMAC is not supported with this algorithm";

/**
 * The OpenSSL CBC cipher CMAC runs on for `algorithm`, or `null` when there is none.
 *
 * @internal Shared with the backend's `cmacAlgorithmSupported`.
 */
export function cmacCipherName(algorithm: BlockCipherAlgorithm): string | null {
  return opensslCipherName(algorithm, "CBC");
}

/**
 * A CMAC computation (PyCA's `cmac.CMAC`). The tag is one cipher block long. After
 * {@link CMAC.finalize} or {@link CMAC.verify}, every call throws `AlreadyFinalized`.
 */
export class CMAC {
  readonly #ctx: CmacCtx;

  /**
   * Starts a CMAC keyed by `algorithm` (a block cipher object holding the key, e.g.
   * `new AES(key)`). A non-block cipher is a `TypeError`; a block cipher OpenSSL cannot run
   * CMAC with (e.g. AES with a 512-bit XTS key) an `UnsupportedAlgorithm`.
   */
  constructor(algorithm: BlockCipherAlgorithm);
  constructor(algorithm: BlockCipherAlgorithm, adopt?: typeof ADOPT, ctx?: CmacCtx) {
    if (adopt === ADOPT && ctx !== undefined) {
      this.#ctx = ctx;
      return;
    }
    checkInstance(
      "algorithm",
      algorithm,
      BlockCipherAlgorithm,
      "a BlockCipherAlgorithm (e.g. new AES(key))",
    );
    const cipherName = cmacCipherName(algorithm);
    if (cipherName === null) {
      throw new UnsupportedAlgorithm(UNSUPPORTED, _Reasons.UNSUPPORTED_CIPHER);
    }
    try {
      this.#ctx = callNative(() => new native.CmacCtx(cipherName, algorithm.key));
    } catch (error) {
      // The native side knows "unsupported" but not PyCA's reason code.
      if (error instanceof UnsupportedAlgorithm) {
        throw new UnsupportedAlgorithm(error.message, _Reasons.UNSUPPORTED_CIPHER);
      }
      throw error;
    }
  }

  /** Feeds `data` into the MAC. */
  update(data: Uint8Array): void {
    checkBytes("data", data);
    callNative(() => this.#ctx.update(data));
  }

  /** An independent context with the same key and the data fed so far. */
  copy(): CMAC {
    const ctx = callNative(() => this.#ctx.copy());
    return new (CMAC as unknown as Adopting)(null, ADOPT, ctx);
  }

  /** Ends the computation and returns the tag. */
  finalize(): Buffer {
    return callNative(() => this.#ctx.finalize());
  }

  /**
   * Ends the computation and compares the tag with `signature` in constant time; throws
   * `InvalidSignature` when they differ.
   */
  verify(signature: Uint8Array): void {
    checkBytes("signature", signature);
    callNative(() => this.#ctx.verify(signature));
  }
}
