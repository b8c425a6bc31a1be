/**
 * `cryptography.hazmat.decrepit.ciphers.modes`: CFB, CFB8 and OFB, kept for old data.
 *
 * @module
 */

import { checkBytes } from "../../lib/validate.js";
import { type CipherAlgorithm, checkBlockSizedIv, Mode } from "../../primitives/ciphers/base.js";

abstract class IvMode extends Mode {
  readonly initializationVector: Buffer;

  constructor(initializationVector: Uint8Array) {
    super();
    this.initializationVector = Buffer.from(
      checkBytes("initializationVector", initializationVector),
    );
  }

  validateForAlgorithm(algorithm: CipherAlgorithm): void {
    checkBlockSizedIv(this.name, "IV", this.initializationVector, algorithm);
  }
}

/** Cipher feedback, full-block segments. */
export class CFB extends IvMode {
  readonly name = "CFB";
}

/** Cipher feedback, 8-bit segments. */
export class CFB8 extends IvMode {
  readonly name = "CFB8";
}

/** Output feedback. */
export class OFB extends IvMode {
  readonly name = "OFB";
}
