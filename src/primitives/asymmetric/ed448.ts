/**
 * `cryptography.hazmat.primitives.asymmetric.ed448`: Ed448 signatures (RFC 8032) over OpenSSL. Keys are
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
  type: "ED448",
  name: "Ed448",
  privateLength: 57,
  publicLength: 57,
  outputLength: 114,
};

/** An Ed448 public key. */
export class Ed448PublicKey extends EdwardsPublicKey {
  protected get spec(): CurveSpec {
    return SPEC;
  }

  /** Loads a raw 57-byte public key. */
  static fromPublicBytes(data: Uint8Array): Ed448PublicKey {
    return new Ed448PublicKey(publicHandleFromBytes(SPEC, data));
  }
}

/** An Ed448 private key. */
export class Ed448PrivateKey extends EdwardsPrivateKey {
  protected get spec(): CurveSpec {
    return SPEC;
  }

  /** A new random key. */
  static generate(): Ed448PrivateKey {
    return new Ed448PrivateKey(generateHandle(SPEC));
  }

  /** Loads a raw 57-byte private key. */
  static fromPrivateBytes(data: Uint8Array): Ed448PrivateKey {
    return new Ed448PrivateKey(privateHandleFromBytes(SPEC, data));
  }

  override publicKey(): Ed448PublicKey {
    return super.publicKey() as Ed448PublicKey;
  }
}

registerKeyType("ED448", {
  wrapPrivate: (handle) => new Ed448PrivateKey(handle),
  wrapPublic: (handle) => new Ed448PublicKey(handle),
});
