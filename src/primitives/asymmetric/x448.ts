/**
 * `cryptography.hazmat.primitives.asymmetric.x448`: X448 key agreement (RFC 7748) over OpenSSL. Keys are
 * generated from OpenSSL's RAND (the OS random engine while it is active).
 *
 * @module
 */
import { registerKeyType } from "./base.js";
import {
  type CurveSpec,
  generateHandle,
  MontgomeryPrivateKey,
  MontgomeryPublicKey,
  privateHandleFromBytes,
  publicHandleFromBytes,
} from "./curve-keys.js";

const SPEC: CurveSpec = {
  type: "X448",
  name: "X448",
  privateLength: 56,
  publicLength: 56,
  outputLength: 56,
};

/** An X448 public key. */
export class X448PublicKey extends MontgomeryPublicKey {
  protected get spec(): CurveSpec {
    return SPEC;
  }

  /** Loads a raw 56-byte public key. */
  static fromPublicBytes(data: Uint8Array): X448PublicKey {
    return new X448PublicKey(publicHandleFromBytes(SPEC, data));
  }
}

/** An X448 private key. */
export class X448PrivateKey extends MontgomeryPrivateKey {
  protected get spec(): CurveSpec {
    return SPEC;
  }

  protected get peerClass(): typeof X448PublicKey {
    return X448PublicKey;
  }

  /** A new random key. */
  static generate(): X448PrivateKey {
    return new X448PrivateKey(generateHandle(SPEC));
  }

  /** Loads a raw 56-byte private key. */
  static fromPrivateBytes(data: Uint8Array): X448PrivateKey {
    return new X448PrivateKey(privateHandleFromBytes(SPEC, data));
  }

  override publicKey(): X448PublicKey {
    return super.publicKey() as X448PublicKey;
  }
}

registerKeyType("X448", {
  wrapPrivate: (handle) => new X448PrivateKey(handle),
  wrapPublic: (handle) => new X448PublicKey(handle),
});
