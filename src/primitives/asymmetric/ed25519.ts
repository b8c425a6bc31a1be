/**
 * `cryptography.hazmat.primitives.asymmetric.ed25519`: Ed25519 signatures (RFC 8032) over OpenSSL. Keys are
 * generated from OpenSSL's RAND (the OS random engine while it is active).
 *
 * @module
 */
import { registerKeyType } from "./base.js";
import {
  type CurveSpec,
  EdwardsPrivateKey,
  EdwardsPublicKey,
  generateHandle,
  privateHandleFromBytes,
  publicHandleFromBytes,
} from "./curve-keys.js";

const SPEC: CurveSpec = {
  type: "ED25519",
  name: "Ed25519",
  privateLength: 32,
  publicLength: 32,
  outputLength: 64,
};

/** An Ed25519 public key. */
export class Ed25519PublicKey extends EdwardsPublicKey {
  protected get spec(): CurveSpec {
    return SPEC;
  }

  /** Loads a raw 32-byte public key. */
  static fromPublicBytes(data: Uint8Array): Ed25519PublicKey {
    return new Ed25519PublicKey(publicHandleFromBytes(SPEC, data));
  }
}

/** An Ed25519 private key. */
export class Ed25519PrivateKey extends EdwardsPrivateKey {
  protected get spec(): CurveSpec {
    return SPEC;
  }

  /** A new random key. */
  static generate(): Ed25519PrivateKey {
    return new Ed25519PrivateKey(generateHandle(SPEC));
  }

  /** Loads a raw 32-byte private key. */
  static fromPrivateBytes(data: Uint8Array): Ed25519PrivateKey {
    return new Ed25519PrivateKey(privateHandleFromBytes(SPEC, data));
  }

  override publicKey(): Ed25519PublicKey {
    return super.publicKey() as Ed25519PublicKey;
  }
}

registerKeyType("ED25519", {
  wrapPrivate: (handle) => new Ed25519PrivateKey(handle),
  wrapPublic: (handle) => new Ed25519PublicKey(handle),
});
