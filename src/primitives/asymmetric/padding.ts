/**
 * `cryptography.hazmat.primitives.asymmetric.padding`: the RSA paddings (PKCS#1 v1.5, PSS,
 * OAEP) and the MGF1 mask generation function, with PyCA's constructor checks and messages.
 *
 * ```ts
 * const pss = new PSS(new MGF1(new SHA256()), PSS.MAX_LENGTH);
 * const signature = privateKey.sign(data, pss, new SHA256());
 * ```
 *
 * @module
 */

import { ValueError } from "../../exceptions.js";
import { invalidType } from "../../lib/validate.js";
import type { HashAlgorithm } from "../hashes.js";

function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  const candidate = value as Partial<HashAlgorithm> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.name === "string" &&
    typeof candidate.digestSize === "number"
  );
}

/** Throws PyCA's `TypeError` unless `value` is a hash algorithm object. */
export function checkHashAlgorithm(value: unknown): HashAlgorithm {
  if (!isHashAlgorithm(value)) throw invalidType("Expected instance of hashes.HashAlgorithm.");
  return value;
}

/** Base of every asymmetric padding (PyCA's `AsymmetricPadding`). */
export abstract class AsymmetricPadding {
  /** The padding's standard name ("EMSA-PSS", …). */
  abstract readonly name: string;
}

/** PKCS #1 v1.5 padding, for signatures and (legacy) encryption. */
export class PKCS1v15 extends AsymmetricPadding {
  readonly name = "EMSA-PKCS1-v1_5";
}

/** A mask generation function (PyCA's `MGF`). */
export abstract class MGF {
  /** @internal */
  abstract readonly _algorithm: HashAlgorithm;
}

/** The salt-length sentinel "as long as the key allows" (`PSS.MAX_LENGTH`). */
export class _MaxLength {
  toString(): string {
    return "PSS.MAX_LENGTH";
  }
}

/** The salt-length sentinel "as long as the digest" (`PSS.DIGEST_LENGTH`). */
export class _DigestLength {
  toString(): string {
    return "PSS.DIGEST_LENGTH";
  }
}

/** The salt-length sentinel "read it from the signature" (`PSS.AUTO`, verification only). */
export class _Auto {
  toString(): string {
    return "PSS.AUTO";
  }
}

/** What {@link PSS} accepts as its salt length. */
export type PssSaltLength = number | _MaxLength | _DigestLength | _Auto;

/** MGF1 over a hash algorithm (RFC 8017 B.2.1). */
export class MGF1 extends MGF {
  /** Kept for PyCA compatibility: the same sentinel as {@link PSS.MAX_LENGTH}. */
  static readonly MAX_LENGTH: _MaxLength = new _MaxLength();
  /** @internal */
  readonly _algorithm: HashAlgorithm;

  constructor(algorithm: HashAlgorithm) {
    super();
    this._algorithm = checkHashAlgorithm(algorithm);
  }
}

/** RSASSA-PSS signature padding (RFC 8017 §8.1). */
export class PSS extends AsymmetricPadding {
  /** The longest salt the key and digest allow. */
  static readonly MAX_LENGTH: _MaxLength = MGF1.MAX_LENGTH;
  /** A salt as long as the digest. */
  static readonly DIGEST_LENGTH: _DigestLength = new _DigestLength();
  /** When verifying: accept whatever salt length the signature has. */
  static readonly AUTO: _Auto = new _Auto();

  readonly name = "EMSA-PSS";
  /** @internal */
  readonly _mgf: MGF;
  /** @internal */
  readonly _saltLength: PssSaltLength;

  constructor(mgf: MGF, saltLength: PssSaltLength) {
    super();
    if (
      !(
        (typeof saltLength === "number" && Number.isInteger(saltLength)) ||
        saltLength instanceof _MaxLength ||
        saltLength instanceof _DigestLength ||
        saltLength instanceof _Auto
      )
    ) {
      throw invalidType("salt_length must be an integer, MAX_LENGTH, DIGEST_LENGTH, or AUTO");
    }
    if (typeof saltLength === "number" && saltLength < 0) {
      throw new ValueError("salt_length must be zero or greater.");
    }
    this._mgf = mgf;
    this._saltLength = saltLength;
  }

  /** The mask generation function. */
  get mgf(): MGF {
    return this._mgf;
  }
}

/** RSAES-OAEP encryption padding (RFC 8017 §7.1). */
export class OAEP extends AsymmetricPadding {
  readonly name = "EME-OAEP";
  /** @internal */
  readonly _mgf: MGF;
  /** @internal */
  readonly _algorithm: HashAlgorithm;
  /** @internal */
  readonly _label: Uint8Array | null;

  constructor(mgf: MGF, algorithm: HashAlgorithm, label: Uint8Array | null) {
    super();
    this._algorithm = checkHashAlgorithm(algorithm);
    if (label !== null && label !== undefined && !(label instanceof Uint8Array)) {
      throw invalidType("label must be bytes (a Uint8Array or Buffer) or null");
    }
    this._mgf = mgf;
    this._label = label ?? null;
  }

  /** The hash of the label. */
  get algorithm(): HashAlgorithm {
    return this._algorithm;
  }

  /** The mask generation function. */
  get mgf(): MGF {
    return this._mgf;
  }
}

/**
 * The longest PSS salt for `key` and `hashAlgorithm`: the encoded message's length minus the
 * digest's, minus 2 (PyCA's `calculate_max_pss_salt_length`).
 */
export function calculateMaxPssSaltLength(
  key: { readonly keySize: number },
  hashAlgorithm: HashAlgorithm,
): number {
  const keySize = (key as { keySize?: unknown } | null)?.keySize;
  if (typeof keySize !== "number") throw invalidType("key must be an RSA public or private key");
  const emlen = Math.floor((keySize + 6) / 8);
  const saltLength = emlen - checkHashAlgorithm(hashAlgorithm).digestSize - 2;
  if (saltLength < 0) throw new ValueError("the key is too small for this hash algorithm");
  return saltLength;
}
