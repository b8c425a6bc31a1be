/**
 * `cryptography.hazmat.primitives.kdf.x963kdf`: the ANSI X9.63 KDF (SEC 1), OpenSSL's
 * `EVP_KDF` "X963KDF". Used to turn an ECDH shared secret into keys.
 *
 * ```ts
 * const key = new X963KDF(new SHA256(), 32, sharedInfo).derive(sharedSecret);
 * ```
 *
 * The shared secret must not be empty, and SHAKE is not supported (OpenSSL refuses both; PyCA
 * accepts them).
 *
 * @module
 */
import { native } from "../../lib/native.js";
import type { HashAlgorithm } from "../hashes.js";
import {
  checkLength,
  KeyDerivationFunction,
  keepOptionalBytes,
  resolveFixedOutputHash,
} from "./base.js";
import { checkOneStepLength } from "./concatkdf.js";

/** X9.63 KDF over `algorithm` (PyCA's `X963KDF`). One derivation per instance. */
export class X963KDF extends KeyDerivationFunction {
  /** The hash the KDF is built on. */
  readonly algorithm: HashAlgorithm;
  readonly #hashId: number;
  readonly #length: number;
  readonly #sharedInfo: Buffer | null;

  /** `length` bytes of key; `sharedinfo` is bytes or `null`. */
  constructor(algorithm: HashAlgorithm, length: number, sharedinfo: Uint8Array | null) {
    super();
    this.#hashId = resolveFixedOutputHash(algorithm, "X963KDF");
    this.algorithm = algorithm;
    this.#length = checkOneStepLength(algorithm, checkLength(length, Number.MAX_SAFE_INTEGER));
    this.#sharedInfo = keepOptionalBytes("sharedinfo", sharedinfo);
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    return native.kdfX963(this.#hashId, keyMaterial, this.#sharedInfo, this.#length);
  }
}
