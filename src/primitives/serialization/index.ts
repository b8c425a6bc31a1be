/**
 * `cryptography.hazmat.primitives.serialization`: the encodings and formats (from `./base`),
 * the PEM / DER / OpenSSH loaders, and `sshKeyFingerprint`. Importing this module registers
 * every key type hazmat implements, so a loaded key comes back as its PyCA-shaped class; a key
 * of a type hazmat does not implement is an `UnsupportedAlgorithm`.
 *
 * @module
 */
import type { PrivateKey as NativePrivateKey } from "../../../index.js";
import { ValueError } from "../../exceptions.js";
import { callNative, native } from "../../lib/native.js";
import { checkBytes, describeType, invalidType } from "../../lib/validate.js";
import {
  HANDLE,
  type PrivateKeyObject,
  PublicKeyObject,
  wrapPrivateKey,
  wrapPublicKey,
} from "../asymmetric/base.js";
import { type DHParameters, loadDhParameters } from "../asymmetric/dh.js";
import "../asymmetric/dsa.js";
import "../asymmetric/ec.js";
import "../asymmetric/ed25519.js";
import "../asymmetric/ed448.js";
import "../asymmetric/mldsa.js";
import "../asymmetric/mlkem.js";
import "../asymmetric/x25519.js";
import "../asymmetric/rsa.js";
import "../asymmetric/x448.js";
import { Hash, type HashAlgorithm, MD5, SHA1, SHA256 } from "../hashes.js";

export * from "./base.js";

/** Options of the private key loaders, as PyCA's keyword arguments. */
export interface LoadPrivateKeyOptions {
  /** Skip RSA's (slow) consistency check; only for keys from a trusted source. */
  unsafeSkipRsaKeyValidation?: boolean;
}

/** PyCA raises these as `TypeError`; the native loader reports them with these messages. */
const PASSWORD_TYPE_ERRORS = new Set([
  "Password was given but private key is not encrypted.",
  "Password was not given but private key is encrypted",
  "Key is password-protected, but password was not provided.",
]);

function checkPasswordArg(password: unknown): Uint8Array | null {
  if (password === null || password === undefined) return null;
  if (password instanceof Uint8Array) return password;
  throw invalidType(`password must be bytes or null, got ${describeType(password)}`);
}

function loadPrivate(call: () => NativePrivateKey): PrivateKeyObject {
  let handle: NativePrivateKey;
  try {
    handle = callNative(call);
  } catch (error) {
    if (error instanceof ValueError && PASSWORD_TYPE_ERRORS.has(error.message)) {
      throw invalidType(error.message);
    }
    throw error;
  }
  return wrapPrivateKey(handle);
}

function skipRsaValidation(options: LoadPrivateKeyOptions | undefined): boolean {
  if (options === undefined || options === null) return false;
  if (typeof options !== "object") {
    throw invalidType(`options must be an object, got ${describeType(options)}`);
  }
  const skip = options.unsafeSkipRsaKeyValidation ?? false;
  if (typeof skip !== "boolean") {
    throw invalidType("unsafeSkipRsaKeyValidation must be a boolean");
  }
  return skip;
}

/** Loads a PEM private key (PKCS#8, encrypted PKCS#8, or traditional OpenSSL). */
export function loadPemPrivateKey(
  data: Uint8Array,
  password: Uint8Array | null,
  options?: LoadPrivateKeyOptions,
): PrivateKeyObject {
  const bytes = checkBytes("data", data);
  const pw = checkPasswordArg(password);
  const skip = skipRsaValidation(options);
  return loadPrivate(() => native.loadPrivateKey(bytes, true, pw, skip));
}

/** Loads a DER private key (PKCS#8, encrypted PKCS#8, or traditional OpenSSL). */
export function loadDerPrivateKey(
  data: Uint8Array,
  password: Uint8Array | null,
  options?: LoadPrivateKeyOptions,
): PrivateKeyObject {
  const bytes = checkBytes("data", data);
  const pw = checkPasswordArg(password);
  const skip = skipRsaValidation(options);
  return loadPrivate(() => native.loadPrivateKey(bytes, false, pw, skip));
}

/** Loads a PEM public key (SubjectPublicKeyInfo, or PKCS#1 `RSA PUBLIC KEY`). */
export function loadPemPublicKey(data: Uint8Array): PublicKeyObject {
  const bytes = checkBytes("data", data);
  return wrapPublicKey(callNative(() => native.loadPublicKey(bytes, true)));
}

/** Loads a DER public key (SubjectPublicKeyInfo or PKCS#1). */
export function loadDerPublicKey(data: Uint8Array): PublicKeyObject {
  const bytes = checkBytes("data", data);
  return wrapPublicKey(callNative(() => native.loadPublicKey(bytes, false)));
}

/** Loads PEM DH parameters (`DH PARAMETERS`, PKCS #3, or `X9.42 DH PARAMETERS`). */
export function loadPemParameters(data: Uint8Array): DHParameters {
  const bytes = checkBytes("data", data);
  return loadDhParameters(bytes, true);
}

/** Loads DER DH parameters (PKCS #3 or X9.42). */
export function loadDerParameters(data: Uint8Array): DHParameters {
  const bytes = checkBytes("data", data);
  return loadDhParameters(bytes, false);
}

/** Loads an OpenSSH public key line (`ssh-ed25519 AAAA… comment`). */
export function loadSshPublicKey(data: Uint8Array): PublicKeyObject {
  const bytes = checkBytes("data", data);
  return wrapPublicKey(callNative(() => native.loadSshPublicKey(bytes)));
}

/**
 * Loads an `OPENSSH PRIVATE KEY`, unencrypted or encrypted with bcrypt-pbkdf and aes256-ctr,
 * aes256-cbc or aes256-gcm@openssh.com (PyCA's set). Keys asking for more than 1024 bcrypt
 * rounds are refused with a `ValueError` (PyCA has no limit; hazmat's keeps the thread from
 * hanging).
 */
export function loadSshPrivateKey(
  data: Uint8Array,
  password: Uint8Array | null = null,
): PrivateKeyObject {
  const bytes = checkBytes("data", data);
  const pw = checkPasswordArg(password);
  return loadPrivate(() => native.loadSshPrivateKey(bytes, pw));
}

/** The digest of a public key's SSH wire encoding (MD5, SHA1 or SHA256), as PyCA's. */
export function sshKeyFingerprint(key: PublicKeyObject, hashAlgorithm: HashAlgorithm): Buffer {
  if (
    !(hashAlgorithm instanceof MD5) &&
    !(hashAlgorithm instanceof SHA1) &&
    !(hashAlgorithm instanceof SHA256)
  ) {
    throw invalidType("hash_algorithm must be either MD5, SHA1, or SHA256");
  }
  if (!(key instanceof PublicKeyObject)) {
    throw invalidType(`key must be a public key, got ${describeType(key)}`);
  }
  const blob = callNative(() => native.sshPublicKeyBlob(key[HANDLE]));
  const hash = new Hash(hashAlgorithm);
  hash.update(blob);
  return hash.finalize();
}
