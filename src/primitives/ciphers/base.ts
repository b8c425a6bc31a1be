/**
 * The shapes shared by cipher algorithms and modes (PyCA's `CipherAlgorithm`,
 * `BlockCipherAlgorithm` and `Mode` interfaces), kept apart from the concrete classes so
 * `primitives/ciphers` and `decrepit/ciphers` can both build on them.
 */
import { ValueError } from "../../exceptions.js";
import { checkBytes } from "../../lib/validate.js";

/** A symmetric cipher: PyCA's `CipherAlgorithm`. */
export abstract class CipherAlgorithm {
  /** PyCA's name, e.g. `"AES"`, `"camellia"`, `"3DES"`. */
  abstract readonly name: string;
  /** Key sizes (bits) this algorithm accepts. */
  abstract readonly keySizes: ReadonlySet<number>;
  /** The key, as given. */
  readonly key: Buffer;

  constructor(key: Uint8Array) {
    this.key = Buffer.from(checkBytes("key", key));
  }

  /** Key size in bits. */
  get keySize(): number {
    return this.key.length * 8;
  }

  /** Key material is never shown. */
  toString(): string {
    return `<${this.constructor.name}(keySize=${this.keySize})>`;
  }
}

/** A block cipher: PyCA's `BlockCipherAlgorithm`. */
export abstract class BlockCipherAlgorithm extends CipherAlgorithm {
  /** Block size in bits. */
  abstract readonly blockSize: number;
}

/** Throws PyCA's ValueError when the algorithm's key length is not one of its `keySizes`. */
export function checkKeySize(algorithm: CipherAlgorithm): void {
  if (!algorithm.keySizes.has(algorithm.keySize)) {
    throw new ValueError(
      `Invalid key size (${algorithm.keySize}) for ${algorithm.name}; allowed sizes are ${[...algorithm.keySizes].join(", ")} bits`,
    );
  }
}

/**
 * The class of a fixed-parameter block cipher: PyCA's name, block size and allowed key sizes,
 * checked on construction. The concrete algorithms (`AES`, `Camellia`, `TripleDES`, …) extend it.
 */
export function blockCipherClass(name: string, blockSize: number, keySizes: Iterable<number>) {
  const allowed: ReadonlySet<number> = new Set(keySizes);
  return class extends BlockCipherAlgorithm {
    readonly name = name;
    readonly blockSize = blockSize;
    readonly keySizes = allowed;

    constructor(key: Uint8Array) {
      super(key);
      checkKeySize(this);
    }
  };
}

/** Like {@link blockCipherClass}, for stream ciphers (no block size). */
export function streamCipherClass(name: string, keySizes: Iterable<number>) {
  const allowed: ReadonlySet<number> = new Set(keySizes);
  return class extends CipherAlgorithm {
    readonly name = name;
    readonly keySizes = allowed;

    constructor(key: Uint8Array) {
      super(key);
      checkKeySize(this);
    }
  };
}

/** A mode of operation: PyCA's `Mode`. */
export abstract class Mode {
  /** PyCA's name, e.g. `"CBC"`, `"GCM"`. */
  abstract readonly name: string;
  /** Checks the mode's parameters against the algorithm (PyCA's `validate_for_algorithm`). */
  abstract validateForAlgorithm(algorithm: CipherAlgorithm): void;
}

/** Checks that an IV or nonce is exactly one block long. */
export function checkBlockSizedIv(
  mode: string,
  what: string,
  iv: Uint8Array,
  algorithm: CipherAlgorithm,
): void {
  const blockSize = algorithm instanceof BlockCipherAlgorithm ? algorithm.blockSize : 0;
  if (iv.length * 8 !== blockSize) {
    throw new ValueError(
      `Invalid ${what} size (${iv.length}) for ${mode}; ${algorithm.name} needs ${blockSize / 8} bytes`,
    );
  }
}
