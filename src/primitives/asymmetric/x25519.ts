/**
 * `cryptography.hazmat.primitives.asymmetric.x25519`: X25519 key agreement (RFC 7748) over OpenSSL. Keys are
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
  type: "X25519",
  name: "X25519",
  privateLength: 32,
  publicLength: 32,
  outputLength: 32,
};

/** An X25519 public key. */
export class X25519PublicKey extends MontgomeryPublicKey {
  protected get spec(): CurveSpec {
    return SPEC;
  }

  /** Loads a raw 32-byte public key. */
  static fromPublicBytes(data: Uint8Array): X25519PublicKey {
    return new X25519PublicKey(publicHandleFromBytes(SPEC, data));
  }
}

/** An X25519 private key. */
export class X25519PrivateKey extends MontgomeryPrivateKey {
  protected get spec(): CurveSpec {
    return SPEC;
  }

  protected get peerClass(): typeof X25519PublicKey {
    return X25519PublicKey;
  }

  /** A new random key. */
  static generate(): X25519PrivateKey {
    return new X25519PrivateKey(generateHandle(SPEC));
  }

  /** Loads a raw 32-byte private key. */
  static fromPrivateBytes(data: Uint8Array): X25519PrivateKey {
    return new X25519PrivateKey(privateHandleFromBytes(SPEC, data));
  }

  override publicKey(): X25519PublicKey {
    return super.publicKey() as X25519PublicKey;
  }
}

registerKeyType("X25519", {
  wrapPrivate: (handle) => new X25519PrivateKey(handle),
  wrapPublic: (handle) => new X25519PublicKey(handle),
});
