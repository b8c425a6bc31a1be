/**
 * `cryptography.hazmat.primitives.kdf.argon2`: Argon2id (RFC 9106), OpenSSL's `EVP_KDF`
 * "ARGON2ID". The memory-hard password hash to choose for new designs.
 *
 * ```ts
 * const kdf = new Argon2id({
 *   salt: randomBytes(16), length: 32, iterations: 3, lanes: 4, memoryCost: 64 * 1024,
 * });
 * const key = await kdf.deriveAsync(Buffer.from("password")); // or kdf.derive(…)
 * ```
 *
 * The lanes are computed one after another on the deriving thread: results are those of any
 * Argon2id implementation, and parallel work comes from running several `deriveAsync` calls.
 *
 * @module
 */
import type { Argon2Params } from "../../../index.js";
import { ValueError } from "../../exceptions.js";
import { native } from "../../lib/native.js";
import { checkInteger, describeType, invalidType } from "../../lib/validate.js";
import { AsyncKeyDerivationFunction, keepBytes, keepOptionalBytes } from "./base.js";

const MAX_UINT32 = 2 ** 32 - 1;
/** RFC 9106's most lanes: 2^24 - 1. */
const MAX_LANES = 2 ** 24 - 1;

/** The parameters of {@link Argon2id} (PyCA's keyword-only arguments, camelCased). */
export interface Argon2Options {
  /** At least 8 bytes; 16 random bytes are the usual choice. */
  salt: Uint8Array;
  /** Bytes of output, at least 4. */
  length: number;
  /** Passes over memory, at least 1. */
  iterations: number;
  /** Degree of parallelism, 1 to 2^24 - 1. */
  lanes: number;
  /** Memory in KiB, at least 8 × `lanes`. */
  memoryCost: number;
  /** Associated data, optional. */
  ad?: Uint8Array | null;
  /** A secret (pepper) mixed in, optional. */
  secret?: Uint8Array | null;
}

function atLeast(name: string, value: unknown, min: number, max = MAX_UINT32): number {
  const checked = checkInteger(name, value, 0, max);
  if (checked < min) throw new ValueError(`${name} must be greater than or equal to ${min}.`);
  return checked;
}

/** Argon2id (PyCA's `Argon2id`). One derivation per instance. */
export class Argon2id extends AsyncKeyDerivationFunction {
  readonly #salt: Buffer;
  readonly #ad: Buffer | null;
  readonly #secret: Buffer | null;
  readonly #params: Argon2Params;

  constructor(options: Argon2Options) {
    super();
    if (typeof options !== "object" || options === null) {
      throw invalidType(
        `Argon2id takes an options object ({ salt, length, iterations, lanes, memoryCost }), got ${describeType(options)}`,
      );
    }
    this.#salt = keepBytes("salt", options.salt);
    if (this.#salt.length < 8) throw new ValueError("salt must be at least 8 bytes");
    const length = atLeast("length", options.length, 4, 2 ** 31 - 1);
    const iterations = atLeast("iterations", options.iterations, 1);
    const lanes = checkInteger("lanes", options.lanes, 0, MAX_LANES);
    if (lanes < 1) throw new ValueError("lanes must be greater than or equal to 1.");
    const memoryCost = checkInteger("memoryCost", options.memoryCost, 0, MAX_UINT32);
    if (memoryCost < 8 * lanes) {
      throw new ValueError("memory_cost must be an integer >= 8 * lanes.");
    }
    this.#ad = keepOptionalBytes("ad", options.ad);
    this.#secret = keepOptionalBytes("secret", options.secret);
    this.#params = { length, iterations, lanes, memoryCost };
  }

  protected deriveOnce(keyMaterial: Uint8Array): Buffer {
    return native.kdfArgon2id(keyMaterial, this.#salt, this.#ad, this.#secret, this.#params);
  }

  protected deriveOnceAsync(keyMaterial: Uint8Array): Promise<Buffer> {
    return native.kdfArgon2idAsync(keyMaterial, this.#salt, this.#ad, this.#secret, this.#params);
  }
}
