/**
 * `cryptography.hazmat.primitives.ciphers`: `Cipher(algorithm, mode)` and its encryption and
 * decryption contexts. Algorithms and modes live in `./algorithms` and `./modes` (legacy ones in
 * `hazmat/decrepit/ciphers/*`); AEADs in `./aead`.
 *
 * @module
 */
import { _Reasons, UnsupportedAlgorithm, ValueError } from "../../exceptions.js";
import { opensslCipherName } from "../../lib/cipher-names.js";
import { callNative, native } from "../../lib/native.js";
import { checkBytes, checkInstance, invalidType } from "../../lib/validate.js";
import {
  BlockCipherAlgorithm,
  type CipherAlgorithm,
  CipherAlgorithm as CipherAlgorithmBase,
  Mode,
} from "./base.js";
import { GCM, XTS } from "./modes.js";

export { BlockCipherAlgorithm, CipherAlgorithm, Mode } from "./base.js";

type NativeContext = InstanceType<typeof native.CipherContext>;

/** A streaming encryption or decryption context (PyCA's `CipherContext`). */
export class CipherContext {
  /** @internal */
  protected readonly native: NativeContext;
  /** Extra output room one update may need beyond its input (a block less one byte). */
  readonly #slack: number;

  /** @internal */
  constructor(nativeContext: NativeContext, slack: number) {
    this.native = nativeContext;
    this.#slack = slack;
  }

  /** Processes `data` and returns what is ready (for block modes, whole blocks only). */
  update(data: Uint8Array): Buffer {
    const input = checkBytes("data", data);
    const out = Buffer.allocUnsafe(input.length + this.#slack);
    const written = callNative(() => this.native.updateInto(input, out));
    return out.subarray(0, written);
  }

  /**
   * Like {@link update}, writing into `buf` (at least `data.length + blockSize/8 - 1` bytes).
   * Returns the number of bytes written.
   */
  updateInto(data: Uint8Array, buf: Uint8Array): number {
    const input = checkBytes("data", data);
    const out = checkBytes("buf", buf);
    return callNative(() => this.native.updateInto(input, out));
  }

  /** Finishes the operation and returns the last bytes. Later calls raise AlreadyFinalized. */
  finalize(): Buffer {
    return callNative(() => this.native.finalize());
  }

  /**
   * Restarts the keystream with a new nonce (ChaCha20, CTR); other modes raise
   * UnsupportedAlgorithm. Never reuse a nonce with the same key.
   */
  resetNonce(nonce: Uint8Array): void {
    const checked = checkBytes("nonce", nonce);
    callNative(() => this.native.resetNonce(checked));
  }
}

/** A GCM encryption context: AAD first, then data; `tag` after `finalize`. */
export class AEADEncryptionContext extends CipherContext {
  /** Adds additional authenticated data; must come before any `update`. */
  authenticateAdditionalData(data: Uint8Array): void {
    const checked = checkBytes("data", data);
    callNative(() => this.native.authenticateAdditionalData(checked));
  }

  /** The authentication tag (16 bytes); NotYetFinalized before `finalize`. */
  get tag(): Buffer {
    return callNative(() => this.native.tag());
  }
}

/** A GCM decryption context: finish with `finalizeWithTag(tag)` or a tag given in the mode. */
export class AEADDecryptionContext extends CipherContext {
  /** Adds additional authenticated data; must come before any `update`. */
  authenticateAdditionalData(data: Uint8Array): void {
    const checked = checkBytes("data", data);
    callNative(() => this.native.authenticateAdditionalData(checked));
  }

  /** Verifies `tag` and finishes; InvalidTag if the data or tag were tampered with. */
  finalizeWithTag(tag: Uint8Array): Buffer {
    const checked = checkBytes("tag", tag);
    return callNative(() => this.native.finalizeWithTag(checked));
  }
}

/** Resolves an algorithm + mode pair to OpenSSL's cipher name, as PyCA validates them. */
function resolve(algorithm: CipherAlgorithm, mode: Mode | null): string {
  mode?.validateForAlgorithm(algorithm);
  const name = opensslCipherName(algorithm, mode?.name ?? null);
  const unsupported = () =>
    new UnsupportedAlgorithm(
      `cipher ${algorithm.name} ${mode ? `in ${mode.name} mode ` : ""}is not supported by this backend.`,
      _Reasons.UNSUPPORTED_CIPHER,
    );
  if (name === null || !native.cipherSupported(name)) throw unsupported();
  return name;
}

function ivOf(algorithm: CipherAlgorithm, mode: Mode | null): Uint8Array | null {
  if (mode === null) return "nonce" in algorithm ? (algorithm.nonce as Buffer) : null;
  for (const field of ["initializationVector", "nonce", "tweak"] as const) {
    if (field in mode) return (mode as unknown as Record<string, Buffer>)[field] ?? null;
  }
  return null;
}

/**
 * A cipher: an algorithm with a mode (`null` for the stream ciphers ChaCha20 and ARC4).
 *
 * ```ts
 * const cipher = new Cipher(new AES(key), new CBC(iv));
 * const encryptor = cipher.encryptor();
 * const ct = Buffer.concat([encryptor.update(data), encryptor.finalize()]);
 * ```
 */
export class Cipher<M extends Mode | null = Mode | null> {
  readonly algorithm: CipherAlgorithm;
  readonly mode: M;
  readonly #opensslName: string;

  constructor(algorithm: CipherAlgorithm, mode: M = null as M) {
    this.algorithm = checkInstance(
      "algorithm",
      algorithm,
      CipherAlgorithmBase,
      "a CipherAlgorithm",
    );
    if (mode !== null && !(mode instanceof Mode)) {
      throw invalidType("mode must be a Mode (CBC, CTR, ECB, GCM, XTS, …) or null");
    }
    const isStream = algorithm.name === "ChaCha20" || algorithm.name === "RC4";
    if (isStream && mode !== null) {
      throw new ValueError(`${algorithm.name} is a stream cipher and takes no mode.`);
    }
    if (!isStream && mode === null) {
      throw invalidType(`${algorithm.name} needs a mode (CBC, CTR, ECB, GCM, …)`);
    }
    this.mode = mode;
    this.#opensslName = resolve(algorithm, mode);
  }

  /** A new encryption context. */
  encryptor(): M extends GCM ? AEADEncryptionContext : CipherContext {
    return this.#open(true) as M extends GCM ? AEADEncryptionContext : CipherContext;
  }

  /** A new decryption context. */
  decryptor(): M extends GCM ? AEADDecryptionContext : CipherContext {
    return this.#open(false) as M extends GCM ? AEADDecryptionContext : CipherContext;
  }

  #open(encrypt: boolean): CipherContext {
    const { algorithm, mode } = this;
    if (mode instanceof XTS) {
      const half = algorithm.key.length / 2;
      if (algorithm.key.subarray(0, half).equals(algorithm.key.subarray(half))) {
        throw new ValueError("In XTS mode duplicated keys are not allowed");
      }
    }
    const gcm = mode instanceof GCM ? mode : null;
    const context = callNative(
      () =>
        new native.CipherContext(
          this.#opensslName,
          mode?.name ?? "",
          algorithm.key,
          ivOf(algorithm, mode),
          encrypt,
          encrypt ? null : (gcm?.tag ?? null),
          gcm?.minTagLength ?? 16,
        ),
    );
    // Sized from the algorithm, so update() needs no extra native call to ask OpenSSL.
    const slack = algorithm instanceof BlockCipherAlgorithm ? algorithm.blockSize / 8 - 1 : 0;
    if (gcm === null) return new CipherContext(context, slack);
    return encrypt
      ? new AEADEncryptionContext(context, slack)
      : new AEADDecryptionContext(context, slack);
  }
}
