/**
 * The OpenSSL name of an algorithm + mode pair, e.g. AES-128-CBC, CAMELLIA-256-CTR, BF-ECB,
 * DES-EDE3-CFB8, ChaCha20, RC4. One table for Cipher, CMAC and the backend's support checks.
 */
import type { CipherAlgorithm } from "../primitives/ciphers/base.js";

/** OpenSSL's prefix for each PyCA algorithm name; `sized` ones carry the key size. */
const PREFIXES: Record<string, { prefix: string; sized: boolean }> = {
  AES: { prefix: "AES", sized: true },
  camellia: { prefix: "CAMELLIA", sized: true },
  SM4: { prefix: "SM4", sized: false },
  "3DES": { prefix: "DES-EDE3", sized: false },
  Blowfish: { prefix: "BF", sized: false },
  CAST5: { prefix: "CAST5", sized: false },
  SEED: { prefix: "SEED", sized: false },
  IDEA: { prefix: "IDEA", sized: false },
  RC2: { prefix: "RC2", sized: false },
};

/** OpenSSL's mode suffixes where they differ from PyCA's mode names. */
const MODE_SUFFIX: Record<string, string> = { CFB: "CFB", CFB8: "CFB8", OFB: "OFB" };

/**
 * The OpenSSL cipher name for `algorithm` in mode `modeName` (PyCA's mode name, or `null` for
 * the stream ciphers), or `null` when no such combination exists.
 */
export function opensslCipherName(
  algorithm: CipherAlgorithm,
  modeName: string | null,
): string | null {
  if (modeName === null) {
    if (algorithm.name === "ChaCha20") return "ChaCha20";
    if (algorithm.name === "RC4") return "RC4";
    return null;
  }
  const entry = PREFIXES[algorithm.name];
  if (entry === undefined) return null;
  const suffix = MODE_SUFFIX[modeName] ?? modeName;
  if (modeName === "XTS") {
    // XTS takes two keys: AES-128-XTS has a 256-bit key, AES-256-XTS a 512-bit one.
    return entry.prefix === "AES" ? `AES-${algorithm.keySize / 2}-XTS` : null;
  }
  // DES-EDE3 in ECB mode is plain "DES-EDE3"; BF/CAST5/… name ECB explicitly.
  if (entry.prefix === "DES-EDE3" && modeName === "ECB") return "DES-EDE3";
  return entry.sized
    ? `${entry.prefix}-${algorithm.keySize}-${suffix}`
    : `${entry.prefix}-${suffix}`;
}
